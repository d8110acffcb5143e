//! `exclude` patterns: a small, documented subset of `.gitignore`.

use std::path::Path;

use crate::error::{AssetError, AssetErrorKind};

/// One checked pattern.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    /// The glob, without a leading or trailing `/`.
    glob: String,
    /// Matched against the whole relative path (the pattern had a `/` other
    /// than a trailing one); otherwise against the entry's own name.
    anchored: bool,
    /// Matches directories only (the pattern ended in `/`).
    dir_only: bool,
}

/// The patterns of one asset.
#[derive(Clone, Debug, Default)]
pub(crate) struct Exclude {
    patterns: Vec<Pattern>,
}

impl Exclude {
    /// Checks and compiles `patterns`; `root` is for messages.
    pub(crate) fn new(patterns: &[String], root: &Path) -> Result<Exclude, AssetError> {
        let mut out = Vec::with_capacity(patterns.len());
        for raw in patterns {
            let invalid = |why: &str| {
                AssetError::new(
                    AssetErrorKind::InvalidPattern,
                    root,
                    format!(
                        "exclude pattern {raw:?} for {} {why}; use `name`, `dir/`, `*.ext` or `path/from/root` (`*` and `?` match within one name)",
                        root.display()
                    ),
                )
            };
            let mut glob = raw.as_str();
            let dir_only = glob.ends_with('/');
            if dir_only {
                glob = &glob[..glob.len() - 1];
            }
            let leading = glob.starts_with('/');
            if leading {
                glob = &glob[1..];
            }
            if glob.is_empty() {
                return Err(invalid("is empty"));
            }
            if glob.contains("**") {
                return Err(invalid("uses `**`, which is not supported"));
            }
            if glob.contains('\\') {
                return Err(invalid("contains `\\`; separate folders with `/` on every platform"));
            }
            if glob
                .split('/')
                .any(|part| part.is_empty() || part == "." || part == "..")
            {
                return Err(invalid("has an empty, `.` or `..` part"));
            }
            out.push(Pattern {
                anchored: leading || glob.contains('/'),
                glob: glob.to_owned(),
                dir_only,
            });
        }
        Ok(Exclude { patterns: out })
    }

    /// Whether the entry at `rel` (relative path with `/`) is left out.
    pub(crate) fn matches(&self, rel: &str, is_dir: bool) -> bool {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        self.patterns.iter().any(|p| {
            if p.dir_only && !is_dir {
                return false;
            }
            if p.anchored {
                glob_match(&p.glob, rel)
            } else {
                glob_match(&p.glob, name)
            }
        })
    }
}

/// `*` matches any run of characters but `/`, `?` any one character but
/// `/`; everything else matches itself.
pub(crate) fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    // The last `*` seen and the text position it was tried at.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == t[ti] && p[pi] != '*' || p[pi] == '?' && t[ti] != '/') {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            if t[st] == '/' {
                return false;
            }
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(patterns: &[&str]) -> Exclude {
        let patterns: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
        Exclude::new(&patterns, Path::new("root")).unwrap()
    }

    #[test]
    fn globs() {
        assert!(glob_match("*.rs", "main.rs"));
        assert!(!glob_match("*.rs", "main.rsx"));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("a*", "a/b"));
        assert!(glob_match("a/*", "a/b"));
        assert!(glob_match("a/*/c", "a/bb/c"));
        assert!(!glob_match("a/*/c", "a/b/b/c"));
        assert!(glob_match("*", ""));
        assert!(glob_match("*a*b", "xxaxxb"));
    }

    #[test]
    fn pattern_forms() {
        let e = ex(&["target/", ".git", "*.log", "docs/build", "/top.txt"]);
        assert!(e.matches("target", true));
        assert!(e.matches("sub/target", true));
        assert!(!e.matches("target", false));
        assert!(e.matches(".git", true));
        assert!(e.matches("a/.git", false));
        assert!(e.matches("x/y/z.log", false));
        assert!(e.matches("docs/build", true));
        assert!(!e.matches("a/docs/build", true));
        assert!(e.matches("top.txt", false));
        assert!(!e.matches("a/top.txt", false));
        assert!(!e.matches("src/main.rs", false));
    }

    #[test]
    fn invalid_patterns() {
        for bad in ["", "/", "a/**/b", "a//b", "../x", "a\\b"] {
            let err = Exclude::new(&[bad.to_owned()], Path::new("root")).unwrap_err();
            assert_eq!(err.kind(), AssetErrorKind::InvalidPattern, "{bad}");
        }
    }
}
