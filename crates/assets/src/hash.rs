//! Content hashes: SHA-256 over what an asset holds, never where or when.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rcdk_core::asset::{AssetSource, StagedFile};
use sha2::{Digest, Sha256};

use crate::error::{AssetError, AssetErrorKind};
use crate::exclude::Exclude;
use crate::files::{self, check_file, check_staged};
use crate::options::{DirectoryOptions, ImageOptions};

/// The domain of a zipped asset's hash (a directory or staged files).
const ZIP_DOMAIN: &[u8] = b"rcdk-assets/zip/v1\0";
/// The domain of an image asset's hash.
const IMAGE_DOMAIN: &[u8] = b"rcdk-assets/image/v1\0";
/// The kind byte of a regular file entry.
const KIND_FILE: u8 = b'f';

/// The content hash of an asset: 64 lowercase hex digits of SHA-256.
///
/// - [`AssetSource::File`]: the SHA-256 of the file's bytes, nothing else
///   (what `sha256sum` prints).
/// - [`AssetSource::Directory`]: over its files sorted by relative path, as
///   [`directory_files`](crate::directory_files) lists them (without
///   exclusions here; see [`hash_directory`]).
/// - [`AssetSource::Files`]: over the staged files sorted by name, with the
///   executable flags given.
///
/// A directory and a list of staged files with the same names, executable
/// bits and contents hash the same, as their zips are the same bytes.
///
/// ```
/// use rcdk_assets::hash;
/// use rcdk_core::asset::AssetSource;
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-hash-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("hello.txt"), "hello\n").unwrap();
/// let file = hash(&AssetSource::File(dir.join("hello.txt"))).unwrap();
/// assert_eq!(file, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
/// let zipped = hash(&AssetSource::Directory(dir.clone())).unwrap();
/// assert_eq!(zipped.len(), 64);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn hash(source: &AssetSource) -> Result<String, AssetError> {
    match source {
        AssetSource::File(path) => {
            check_file(path, "file")?;
            Ok(hex(&content_digest(path)?))
        }
        AssetSource::Directory(path) => hash_directory(path, &DirectoryOptions::default()),
        AssetSource::Files(staged) => hash_files(&check_staged(staged)?),
        other => Err(unsupported(other)),
    }
}

/// The content hash of a directory with `options` (its `exclude` patterns
/// leave entries out). See [`hash`] for what counts.
///
/// ```
/// use rcdk_assets::{hash_directory, DirectoryOptions};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-hashdir-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("target")).unwrap();
/// std::fs::write(dir.join("main.py"), "print('hi')\n").unwrap();
/// let options = DirectoryOptions::default().exclude(["target/"]);
/// let before = hash_directory(&dir, &options).unwrap();
/// std::fs::write(dir.join("target/cache"), "anything").unwrap();
/// assert_eq!(hash_directory(&dir, &options).unwrap(), before);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn hash_directory(path: impl AsRef<Path>, options: &DirectoryOptions) -> Result<String, AssetError> {
    let files = files::directory_files(path, options)?;
    hash_files(&files)
}

/// The content hash of a container image asset: the directory's files (as
/// [`hash_directory`], with `options.exclude`), the Dockerfile's name and
/// content (counted even if excluded), the build arguments in order, the
/// target and the platform. `dockerfile: None` and `Some("Dockerfile")`
/// hash the same.
///
/// ```
/// use rcdk_assets::{hash_image, ImageOptions};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-hashimage-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("Dockerfile"), "FROM scratch\n").unwrap();
/// let plain = hash_image(&dir, &ImageOptions::default()).unwrap();
/// let arm = hash_image(&dir, &ImageOptions::default().platform("linux/arm64")).unwrap();
/// assert_ne!(plain, arm);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn hash_image(directory: impl AsRef<Path>, options: &ImageOptions) -> Result<String, AssetError> {
    let directory = directory.as_ref();
    let exclude = Exclude::new(&options.exclude, directory)?;
    let files = files::walk_root(directory, &exclude)?;
    let dockerfile = options.dockerfile.as_deref().unwrap_or("Dockerfile");
    let dockerfile_path = dockerfile_path(directory, dockerfile)?;

    let mut h = Sha256::new();
    h.update(IMAGE_DOMAIN);
    h.update(files_digest(&files)?);
    field(&mut h, dockerfile);
    h.update(content_digest(&dockerfile_path)?);
    h.update((options.build_args.len() as u64).to_le_bytes());
    for (name, value) in &options.build_args {
        field(&mut h, name);
        field(&mut h, value);
    }
    optional(&mut h, options.target.as_deref());
    optional(&mut h, options.platform.as_deref());
    Ok(hex(&h.finalize()))
}

/// The Dockerfile `name` of `directory`, checked: a relative name inside
/// the directory, of a regular file.
pub(crate) fn dockerfile_path(directory: &Path, name: &str) -> Result<std::path::PathBuf, AssetError> {
    let path = directory.join(name);
    let bad = name.is_empty()
        || Path::new(name).is_absolute()
        || name.starts_with('/')
        || name.split(['/', '\\']).any(|p| p == "..");
    if bad {
        return Err(AssetError::new(
            AssetErrorKind::InvalidName,
            &path,
            format!(
                "Dockerfile {name:?} of image directory {} must be a relative path inside the directory; move the Dockerfile into the directory and name it relative to it",
                directory.display()
            ),
        ));
    }
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => Ok(path),
        Ok(_) => Err(AssetError::new(
            AssetErrorKind::DockerfileMissing,
            &path,
            format!(
                "Dockerfile {} of image directory {} is not a file; point `dockerfile` at the Dockerfile, relative to the directory",
                path.display(),
                directory.display()
            ),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(AssetError::new(
            AssetErrorKind::DockerfileMissing,
            &path,
            format!(
                "image directory {} has no Dockerfile {name:?} ({} does not exist); add one, or set `dockerfile` to its name relative to the directory",
                directory.display(),
                path.display()
            ),
        )
        .with_source(e)),
        Err(e) => Err(AssetError::io(&path, "Dockerfile", e)),
    }
}

/// The hash of a sorted, checked list of files.
pub(crate) fn hash_files(files: &[StagedFile]) -> Result<String, AssetError> {
    Ok(hex(&files_digest(files)?))
}

fn files_digest(files: &[StagedFile]) -> Result<[u8; 32], AssetError> {
    let mut h = Sha256::new();
    h.update(ZIP_DOMAIN);
    for file in files {
        h.update([KIND_FILE]);
        field(&mut h, &file.name);
        h.update([u8::from(file.executable)]);
        h.update(content_digest(&file.path)?);
    }
    Ok(h.finalize().into())
}

/// A length-prefixed string, so fields cannot run into each other.
fn field(h: &mut Sha256, s: &str) {
    h.update((s.len() as u64).to_le_bytes());
    h.update(s.as_bytes());
}

fn optional(h: &mut Sha256, s: Option<&str>) {
    match s {
        None => h.update([0]),
        Some(s) => {
            h.update([1]);
            field(h, s);
        }
    }
}

/// The SHA-256 of a file's bytes, read in chunks.
pub(crate) fn content_digest(path: &Path) -> Result<[u8; 32], AssetError> {
    let mut file = File::open(path).map_err(|e| AssetError::io(path, "file", e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf).map_err(|e| AssetError::io(path, "file", e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().into())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

pub(crate) fn unsupported(source: &AssetSource) -> AssetError {
    AssetError::new(
        AssetErrorKind::Unsupported,
        "",
        format!("asset source {source:?} is of a kind this version of rcdk-assets does not know; upgrade rcdk-assets"),
    )
}
