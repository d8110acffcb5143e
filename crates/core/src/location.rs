//! Source locations: where the user's program created a construct.
//!
//! Every node of the construct tree records the line that created it.
//! rcdk's constructors are `#[track_caller]`, so the line is the user's
//! call, not rcdk's internals, and errors, warnings and policy findings can
//! point at it in the `file:line:column` form editors and CI annotations
//! read.

use std::borrow::Cow;
use std::fmt;

/// The resource `Metadata` key that carries a source location when
/// [`App::set_location_metadata`](crate::App::set_location_metadata) is on,
/// as the CDK writes `aws:cdk:path`.
pub const METADATA_KEY: &str = "rcdk:location";

/// A place in the user's source code: `src/main.rs:42:5`.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let here = line!();
/// let group = stack.child("Group");
/// let location = group.location().unwrap();
/// assert_eq!(location.file(), file!());
/// assert_eq!(location.line(), here + 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceLocation {
    file: Cow<'static, str>,
    line: u32,
    column: u32,
}

impl SourceLocation {
    /// A location from its parts.
    ///
    /// ```
    /// use rcdk_core::SourceLocation;
    /// assert_eq!(SourceLocation::new("src/main.rs", 42, 5).to_string(), "src/main.rs:42:5");
    /// ```
    pub fn new(file: impl Into<Cow<'static, str>>, line: u32, column: u32) -> SourceLocation {
        SourceLocation {
            file: file.into(),
            line,
            column,
        }
    }

    pub(crate) fn from_caller(location: &'static std::panic::Location<'static>) -> SourceLocation {
        SourceLocation::new(location.file(), location.line(), location.column())
    }

    /// Reads `file:line:column` back, as [`Display`](fmt::Display) writes it.
    ///
    /// ```
    /// use rcdk_core::SourceLocation;
    /// let l = SourceLocation::parse("C:\\app\\main.rs:7:1").unwrap();
    /// assert_eq!((l.file(), l.line(), l.column()), ("C:\\app\\main.rs", 7, 1));
    /// assert!(SourceLocation::parse("main.rs").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<SourceLocation> {
        let (rest, column) = text.rsplit_once(':')?;
        let (file, line) = rest.rsplit_once(':')?;
        if file.is_empty() {
            return None;
        }
        Some(SourceLocation::new(
            file.to_owned(),
            line.parse().ok()?,
            column.parse().ok()?,
        ))
    }

    /// The file, as the compiler names it (relative to the workspace root
    /// for a workspace member).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The line, from 1.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// The column, from 1.
    pub fn column(&self) -> u32 {
        self.column
    }
}

/// Whether `file` is a library source rather than the user's code: a
/// `src` file of a crate beside `rcdk-core` (rcdk's own crates, and in a
/// registry or git checkout, other construct libraries too). Used to skip
/// a location that a constructor without `#[track_caller]` left inside a
/// library, in favour of the nearest user's line above it.
pub(crate) fn is_library_source(file: &str) -> bool {
    let Some(crates_dir) = crates_dir() else {
        return false;
    };
    let Some(rest) = file.strip_prefix(crates_dir) else {
        return false;
    };
    let mut parts = rest.split(['/', '\\']);
    parts.next().is_some_and(|c| !c.is_empty()) && parts.next() == Some("src")
}

/// The folder that holds rcdk-core's own folder (`crates/` in rcdk's
/// workspace, the registry's source folder for a published rcdk), from
/// this file's compile-time name.
fn crates_dir() -> Option<&'static str> {
    const HERE: &str = file!();
    let mut end = HERE.len();
    for _ in 0..3 {
        end = HERE[..end].rfind(['/', '\\'])?;
    }
    Some(&HERE[..end + 1])
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_sources_are_src_files_beside_core() {
        assert!(is_library_source(file!()));
        let dir = crates_dir().unwrap();
        assert!(is_library_source(&format!("{dir}lambda/src/function.rs")));
        assert!(!is_library_source(&format!("{dir}core/tests/checks.rs")));
        assert!(!is_library_source("examples/src/call_microservice.rs"));
        assert!(!is_library_source("src/main.rs"));
    }
}
