//! What an asset holds: the files of a directory, or the staged files given,
//! as one sorted list of names, executable bits and paths to read.

use std::fs;
use std::path::{Path, PathBuf};

use rcdk_core::asset::StagedFile;

use crate::error::{AssetError, AssetErrorKind};
use crate::exclude::Exclude;
use crate::options::DirectoryOptions;

/// The files a directory contributes to its hash and zip, sorted by name:
/// each regular file (or link to one inside the directory) not left out by
/// `options.exclude`, named by its path relative to the directory with `/`
/// between folders, marked executable as its mode says (on Unix; never
/// elsewhere). Links are listed under their own names, with their targets'
/// content and mode. Directories themselves are not listed: a zip needs no
/// entries for them, so empty directories count for nothing.
///
/// The `path` of each file is `path` joined with its name, absolute when
/// `path` is.
///
/// ```
/// use rcdk_assets::{directory_files, DirectoryOptions};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-files-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("src/target")).unwrap();
/// std::fs::write(dir.join("src/main.rs"), "fn main() {}").unwrap();
/// std::fs::write(dir.join("src/target/out"), "build output").unwrap();
/// let files = directory_files(&dir, &DirectoryOptions::default().exclude(["target/"])).unwrap();
/// let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
/// assert_eq!(names, ["src/main.rs"]);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn directory_files(path: impl AsRef<Path>, options: &DirectoryOptions) -> Result<Vec<StagedFile>, AssetError> {
    let root = path.as_ref();
    let exclude = Exclude::new(&options.exclude, root)?;
    walk_root(root, &exclude)
}

pub(crate) fn walk_root(root: &Path, exclude: &Exclude) -> Result<Vec<StagedFile>, AssetError> {
    let meta = fs::metadata(root).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound && fs::symlink_metadata(root).is_ok() {
            dangling(root, root)
        } else {
            AssetError::io(root, "directory", e)
        }
    })?;
    if !meta.is_dir() {
        return Err(AssetError::new(
            AssetErrorKind::NotADirectory,
            root,
            format!(
                "{} is not a directory; give a directory here, or add a single file as a file asset (add_file)",
                root.display()
            ),
        ));
    }
    let canonical = fs::canonicalize(root).map_err(|e| AssetError::io(root, "directory", e))?;
    let mut walker = Walker {
        root,
        canonical_root: &canonical,
        exclude,
        out: Vec::new(),
        visiting: vec![canonical.clone()],
    };
    walker.dir(root, "")?;
    let mut out = walker.out;
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

struct Walker<'a> {
    root: &'a Path,
    canonical_root: &'a Path,
    exclude: &'a Exclude,
    out: Vec<StagedFile>,
    /// Canonical paths of the directories being walked, for link cycles.
    visiting: Vec<PathBuf>,
}

impl Walker<'_> {
    fn dir(&mut self, dir: &Path, rel: &str) -> Result<(), AssetError> {
        let entries = fs::read_dir(dir).map_err(|e| AssetError::io(dir, "directory", e))?;
        let mut children = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| AssetError::io(dir, "directory", e))?;
            children.push(entry.file_name());
        }
        // Read in a fixed order so the first error reported is the same on every run.
        children.sort();
        for name in children {
            let path = dir.join(&name);
            let Some(name) = name.to_str() else {
                return Err(AssetError::new(
                    AssetErrorKind::InvalidName,
                    &path,
                    format!(
                        "the name of {} is not valid UTF-8, so it cannot be named in a zip; rename it, or leave it out with `exclude`",
                        path.display()
                    ),
                ));
            };
            let child_rel = if rel.is_empty() {
                name.to_owned()
            } else {
                format!("{rel}/{name}")
            };
            // A `\` in a Unix file name would be a folder separator to
            // unzippers on Windows; refuse it as staged names are refused.
            if name.contains('\\') && !self.exclude.matches(&child_rel, path.is_dir()) {
                check_name(&child_rel, &path)?;
            }
            self.entry(&path, child_rel)?;
        }
        Ok(())
    }

    fn entry(&mut self, path: &Path, rel: String) -> Result<(), AssetError> {
        let link_meta = fs::symlink_metadata(path).map_err(|e| AssetError::io(path, "file", e))?;
        let file_type = link_meta.file_type();
        if file_type.is_symlink() {
            // Whether it is a directory decides `dir/` patterns; a dangling
            // link is matched as a file, so excluding it by name works.
            let is_dir = fs::metadata(path).map(|m| m.is_dir()).unwrap_or(false);
            if self.exclude.matches(&rel, is_dir) {
                return Ok(());
            }
            let target = fs::canonicalize(path).map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    dangling(path, self.root)
                } else {
                    AssetError::io(path, "symbolic link", e)
                }
            })?;
            if !target.starts_with(self.canonical_root) {
                return Err(AssetError::new(
                    AssetErrorKind::SymlinkEscape,
                    path,
                    format!(
                        "symbolic link {} points at {}, outside the asset directory {}; copy the file into the directory, or leave the link out with `exclude`",
                        path.display(),
                        target.display(),
                        self.root.display()
                    ),
                ));
            }
            let meta = fs::metadata(&target).map_err(|e| AssetError::io(&target, "file", e))?;
            if meta.is_dir() {
                if self.visiting.contains(&target) {
                    return Err(AssetError::new(
                        AssetErrorKind::SymlinkCycle,
                        path,
                        format!(
                            "symbolic link {} points at {}, a directory that contains it, so following it never ends; remove the link, or leave it out with `exclude`",
                            path.display(),
                            target.display()
                        ),
                    ));
                }
                self.visiting.push(target);
                let result = self.dir(path, &rel);
                self.visiting.pop();
                return result;
            }
            if meta.is_file() {
                self.file(path, rel, &meta);
                return Ok(());
            }
            return Err(special(path));
        }
        if self.exclude.matches(&rel, file_type.is_dir()) {
            return Ok(());
        }
        if file_type.is_dir() {
            let canonical = fs::canonicalize(path).map_err(|e| AssetError::io(path, "directory", e))?;
            self.visiting.push(canonical);
            let result = self.dir(path, &rel);
            self.visiting.pop();
            return result;
        }
        if file_type.is_file() {
            self.file(path, rel, &link_meta);
            return Ok(());
        }
        Err(special(path))
    }

    fn file(&mut self, path: &Path, rel: String, meta: &fs::Metadata) {
        self.out.push(StagedFile {
            name: rel,
            path: path.to_path_buf(),
            executable: is_executable(meta),
        });
    }
}

fn dangling(path: &Path, root: &Path) -> AssetError {
    let target = fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "?".to_owned());
    AssetError::new(
        AssetErrorKind::DanglingSymlink,
        path,
        format!(
            "symbolic link {} in {} points at {target}, which does not exist; create the target, remove the link, or leave it out with `exclude`",
            path.display(),
            root.display()
        ),
    )
}

fn special(path: &Path) -> AssetError {
    AssetError::new(
        AssetErrorKind::SpecialFile,
        path,
        format!(
            "{} is a socket, FIFO or device, which an asset cannot hold; remove it, or leave it out with `exclude`",
            path.display()
        ),
    )
}

/// Whether the mode has any executable bit (Unix); never elsewhere.
#[cfg(unix)]
pub(crate) fn is_executable(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

/// Whether the mode has any executable bit (Unix); never elsewhere.
#[cfg(not(unix))]
pub(crate) fn is_executable(_meta: &fs::Metadata) -> bool {
    false
}

/// Checks staged files (names valid and distinct, paths regular files) and
/// returns them sorted by name.
pub(crate) fn check_staged(files: &[StagedFile]) -> Result<Vec<StagedFile>, AssetError> {
    let mut out: Vec<StagedFile> = files.to_vec();
    for file in &out {
        check_name(&file.name, &file.path)?;
        check_file(&file.path, "staged file")?;
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    for pair in out.windows(2) {
        if pair[0].name == pair[1].name {
            return Err(AssetError::new(
                AssetErrorKind::DuplicateName,
                &pair[1].path,
                format!(
                    "staged files {} and {} are both named {:?} in the zip; give each file its own name",
                    pair[0].path.display(),
                    pair[1].path.display(),
                    pair[0].name
                ),
            ));
        }
    }
    Ok(out)
}

/// A name inside a zip: relative, `/` between non-empty parts, no `.` or `..`.
pub(crate) fn check_name(name: &str, path: &Path) -> Result<(), AssetError> {
    let bad = name.is_empty()
        || name.starts_with('/')
        || name.contains('\\')
        || name.contains('\0')
        || name.split('/').any(|p| p.is_empty() || p == "." || p == "..");
    if bad {
        return Err(AssetError::new(
            AssetErrorKind::InvalidName,
            path,
            format!(
                "{:?} (for {}) cannot name a file in a zip; use a relative name with `/` between folders and no empty, `.` or `..` parts, such as \"bootstrap\" or \"lib/util.py\"",
                name,
                path.display()
            ),
        ));
    }
    Ok(())
}

/// `path` is (or links to) a regular file.
pub(crate) fn check_file(path: &Path, what: &str) -> Result<fs::Metadata, AssetError> {
    let meta = fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound && fs::symlink_metadata(path).is_ok() {
            let parent = path.parent().unwrap_or(path);
            dangling(path, parent)
        } else {
            AssetError::io(path, what, e)
        }
    })?;
    if meta.is_dir() {
        return Err(AssetError::new(
            AssetErrorKind::NotAFile,
            path,
            format!(
                "{what} {} is a directory, not a file; give a file here, or add the directory as a directory asset (add_directory)",
                path.display()
            ),
        ));
    }
    if !meta.is_file() {
        return Err(special(path));
    }
    Ok(meta)
}
