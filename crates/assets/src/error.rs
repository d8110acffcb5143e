//! The one error type of the crate.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What went wrong, for callers that handle some problems differently.
///
/// New kinds may be added; match with a wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AssetErrorKind {
    /// The path does not exist.
    NotFound,
    /// A directory was expected (a directory or image asset) and the path is something else.
    NotADirectory,
    /// A file was expected (a file asset or a staged file) and the path is something else.
    NotAFile,
    /// A symbolic link points outside the asset's directory.
    SymlinkEscape,
    /// A symbolic link points at nothing.
    DanglingSymlink,
    /// A symbolic link points at a directory that contains it, so following it never ends.
    SymlinkCycle,
    /// A socket, FIFO or device: nothing a zip or a hash can hold.
    SpecialFile,
    /// Reading a file or directory failed (permissions, I/O).
    Io,
    /// A name cannot go into a zip: not UTF-8, absolute, with `..`, empty parts or `\`.
    InvalidName,
    /// Two staged files have the same name.
    DuplicateName,
    /// An `exclude` pattern is empty or uses a form the matcher does not support.
    InvalidPattern,
    /// A directory asset holds no file (after exclusions), or no staged file was given.
    Empty,
    /// An image directory has no Dockerfile under the name given.
    DockerfileMissing,
    /// The zip would need Zip64: an entry or the archive is 4 GiB or more.
    TooLarge,
    /// The zip would need Zip64: more than 65,535 entries.
    TooManyEntries,
    /// A single-file asset was given to [`zip`](crate::zip); it is uploaded as it is.
    NotZipped,
    /// The scope is the app itself, not a construct inside a stack.
    OutsideStack,
    /// An asset source of a kind this version of the crate does not know.
    Unsupported,
}

/// A problem with an asset: what went wrong, with which path, and how to fix it.
///
/// Its `Display` is one sentence naming the path and the fix; [`kind`](Self::kind)
/// tells problems apart, and [`source`](std::error::Error::source) gives the
/// underlying I/O error when there is one.
///
/// ```
/// use rcdk_assets::{hash_directory, AssetErrorKind, DirectoryOptions};
/// let missing = std::env::temp_dir().join("rcdk-assets-doc-error/none");
/// let err = hash_directory(&missing, &DirectoryOptions::default()).unwrap_err();
/// assert_eq!(err.kind(), AssetErrorKind::NotFound);
/// assert!(err.to_string().contains("rcdk-assets-doc-error"));
/// ```
#[derive(Debug)]
pub struct AssetError {
    kind: AssetErrorKind,
    path: PathBuf,
    message: String,
    source: Option<io::Error>,
}

impl AssetError {
    /// A new error; `message` is the whole sentence, path and fix included.
    pub(crate) fn new(kind: AssetErrorKind, path: impl Into<PathBuf>, message: impl Into<String>) -> AssetError {
        AssetError {
            kind,
            path: path.into(),
            message: message.into(),
            source: None,
        }
    }

    pub(crate) fn with_source(mut self, source: io::Error) -> AssetError {
        self.source = Some(source);
        self
    }

    /// What went wrong.
    ///
    /// ```
    /// use rcdk_assets::{zip, AssetErrorKind};
    /// use rcdk_core::asset::AssetSource;
    /// let err = zip(&AssetSource::File("app.jar".into())).unwrap_err();
    /// assert_eq!(err.kind(), AssetErrorKind::NotZipped);
    /// ```
    pub fn kind(&self) -> AssetErrorKind {
        self.kind
    }

    /// The file or directory the problem is with.
    ///
    /// ```
    /// use rcdk_assets::zip;
    /// use rcdk_core::asset::AssetSource;
    /// let err = zip(&AssetSource::File("app.jar".into())).unwrap_err();
    /// assert_eq!(err.path(), std::path::Path::new("app.jar"));
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// An I/O error on `path`, classified: not found, or unreadable.
    pub(crate) fn io(path: &Path, what: &str, err: io::Error) -> AssetError {
        if err.kind() == io::ErrorKind::NotFound {
            AssetError::new(
                AssetErrorKind::NotFound,
                path,
                format!(
                    "{what} {} does not exist; check the path (a relative path is resolved against the current directory, {})",
                    path.display(),
                    current_dir_display()
                ),
            )
            .with_source(err)
        } else {
            AssetError::new(
                AssetErrorKind::Io,
                path,
                format!(
                    "cannot read {what} {}: {err}; check that it exists and that its permissions let this process read it",
                    path.display()
                ),
            )
            .with_source(err)
        }
    }
}

fn current_dir_display() -> String {
    std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|_| "unknown".to_owned())
}

impl fmt::Display for AssetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AssetError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}
