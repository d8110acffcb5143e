//! Deterministic zips: the same files give the same bytes on every run and
//! every machine.

use std::fs;
use std::path::{Path, PathBuf};

use rcdk_core::asset::{AssetSource, StagedFile};

use crate::error::{AssetError, AssetErrorKind};
use crate::files::{self, check_staged};
use crate::hash::unsupported;
use crate::options::DirectoryOptions;

/// The most entries a zip without Zip64 holds.
pub const MAX_ENTRIES: usize = 0xFFFF;
/// The largest size or offset a zip without Zip64 records (`0xFFFFFFFF`
/// itself means "see Zip64" to readers, so it is excluded).
pub const MAX_SIZE: u64 = 0xFFFF_FFFE;

/// DOS date of 1980-01-01 (the earliest a zip can record); time 00:00:00 is 0.
const DOS_DATE: u16 = 1 << 5 | 1;
const DOS_TIME: u16 = 0;
/// Version made by: Unix (3) in the high byte, zip specification 2.0.
const MADE_BY: u16 = 3 << 8 | 20;
const METHOD_STORED: u16 = 0;
const METHOD_DEFLATE: u16 = 8;
/// General purpose flag bit 11: the name is UTF-8.
const FLAG_UTF8: u16 = 1 << 11;
const DEFLATE_LEVEL: u8 = 6;

/// Zips a [`AssetSource::Directory`] or [`AssetSource::Files`] the same
/// way on every run and machine.
///
/// Entries are the files [`directory_files`](crate::directory_files) lists
/// (or the staged files), sorted by name, each with the fixed timestamp
/// 1980-01-01 00:00, "made by" Unix, mode `0o100755` when executable and
/// `0o100644` otherwise, and no extra fields; there are no directory
/// entries. Content is deflated by `miniz_oxide` at level 6, or stored when
/// deflating does not make it smaller. Zip64 is not written: an archive or
/// entry of 4 GiB or more, or more than 65,535 entries, is refused.
///
/// An [`AssetSource::File`] is uploaded as it is, so zipping one is an error
/// ([`AssetErrorKind::NotZipped`]).
///
/// ```
/// use rcdk_assets::zip;
/// use rcdk_core::asset::AssetSource;
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-zip-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("index.py"), "def handler(event, context):\n    return 1\n").unwrap();
/// let bytes = zip(&AssetSource::Directory(dir.clone())).unwrap();
/// assert_eq!(&bytes[..4], b"PK\x03\x04");
/// assert_eq!(bytes, zip(&AssetSource::Directory(dir.clone())).unwrap());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn zip(source: &AssetSource) -> Result<Vec<u8>, AssetError> {
    match source {
        AssetSource::File(path) => Err(AssetError::new(
            AssetErrorKind::NotZipped,
            path,
            format!(
                "{} is a single-file asset, uploaded as it is; zip only directory and staged-files assets (publish a file asset's file directly)",
                path.display()
            ),
        )),
        AssetSource::Directory(path) => zip_directory(path, &DirectoryOptions::default()),
        AssetSource::Files(staged) => zip_files(&check_staged(staged)?, Path::new("(staged files)")),
        other => Err(unsupported(other)),
    }
}

/// Zips a directory with `options` (its `exclude` patterns leave entries
/// out), as [`zip`] does.
///
/// ```
/// use rcdk_assets::{zip_directory, DirectoryOptions};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-zipdir-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join(".git")).unwrap();
/// std::fs::write(dir.join("app.js"), "exports.handler = async () => 1;\n").unwrap();
/// std::fs::write(dir.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
/// let bytes = zip_directory(&dir, &DirectoryOptions::default().exclude([".git"])).unwrap();
/// assert!(!bytes.windows(4).any(|w| w == b"HEAD"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn zip_directory(path: impl AsRef<Path>, options: &DirectoryOptions) -> Result<Vec<u8>, AssetError> {
    let path = path.as_ref();
    let files = files::directory_files(path, options)?;
    zip_files(&files, path)
}

/// Writes [`zip`]'s bytes to `path` (through a temporary file beside it,
/// renamed into place, so a reader never sees half a zip).
///
/// ```
/// use rcdk_assets::zip_to;
/// use rcdk_core::asset::{AssetSource, StagedFile};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-zipto-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("handler"), "#!/bin/sh\necho hi\n").unwrap();
/// let source = AssetSource::Files(vec![StagedFile { name: "bootstrap".into(), path: dir.join("handler"), executable: true }]);
/// zip_to(&source, dir.join("out.zip")).unwrap();
/// assert!(std::fs::metadata(dir.join("out.zip")).unwrap().len() > 0);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn zip_to(source: &AssetSource, path: impl AsRef<Path>) -> Result<(), AssetError> {
    let path = path.as_ref();
    let bytes = zip(source)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    let write_err = |e: std::io::Error| {
        AssetError::new(
            AssetErrorKind::Io,
            path,
            format!(
                "cannot write zip {}: {e}; check that its folder exists and is writable",
                path.display()
            ),
        )
        .with_source(e)
    };
    fs::write(&tmp, &bytes).map_err(write_err)?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        write_err(e)
    })
}

struct Written {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    method: u16,
    flags: u16,
    mode: u32,
    offset: u32,
}

/// Zips sorted, checked files; `archive` names the asset in messages.
pub(crate) fn zip_files(files: &[StagedFile], archive: &Path) -> Result<Vec<u8>, AssetError> {
    if files.len() > MAX_ENTRIES {
        return Err(AssetError::new(
            AssetErrorKind::TooManyEntries,
            archive,
            format!(
                "asset {} has {} files, more than the 65,535 a zip holds without Zip64; leave some out with `exclude`, or package them in fewer files",
                archive.display(),
                files.len()
            ),
        ));
    }
    let mut out = Vec::new();
    let mut written = Vec::with_capacity(files.len());
    for file in files {
        let too_large = |what: &str| {
            AssetError::new(
                AssetErrorKind::TooLarge,
                &file.path,
                format!(
                    "{} makes the zip of asset {} {what}, 4 GiB or more, which needs Zip64; leave it out with `exclude`, or keep assets smaller (Lambda takes 250 MB unzipped)",
                    file.path.display(),
                    archive.display()
                ),
            )
        };
        if file.name.len() > 0xFFFF {
            return Err(AssetError::new(
                AssetErrorKind::InvalidName,
                &file.path,
                format!(
                    "the name of {} in the zip is {} bytes long, more than the 65,535 a zip records; use a shorter name",
                    file.path.display(),
                    file.name.len()
                ),
            ));
        }
        let meta = fs::metadata(&file.path).map_err(|e| AssetError::io(&file.path, "file", e))?;
        if meta.len() > MAX_SIZE {
            return Err(too_large("hold an entry"));
        }
        let data = fs::read(&file.path).map_err(|e| AssetError::io(&file.path, "file", e))?;
        let size = u32::try_from(data.len())
            .ok()
            .filter(|&n| u64::from(n) <= MAX_SIZE)
            .ok_or_else(|| too_large("hold an entry"))?;
        let crc = crc32fast::hash(&data);
        let deflated = miniz_oxide::deflate::compress_to_vec(&data, DEFLATE_LEVEL);
        let (method, body) = if deflated.len() < data.len() {
            (METHOD_DEFLATE, deflated)
        } else {
            (METHOD_STORED, data)
        };
        let compressed = u32::try_from(body.len())
            .ok()
            .filter(|&n| u64::from(n) <= MAX_SIZE)
            .ok_or_else(|| too_large("hold an entry"))?;
        let offset = u32::try_from(out.len())
            .ok()
            .filter(|&n| u64::from(n) <= MAX_SIZE)
            .ok_or_else(|| too_large("reach"))?;
        let flags = if file.name.is_ascii() { 0 } else { FLAG_UTF8 };
        let entry = Written {
            name: file.name.clone(),
            crc,
            compressed,
            size,
            method,
            flags,
            mode: if file.executable { 0o100755 } else { 0o100644 },
            offset,
        };
        local_header(&mut out, &entry);
        out.extend_from_slice(&body);
        written.push(entry);
    }
    let too_large = || {
        AssetError::new(
            AssetErrorKind::TooLarge,
            archive,
            format!(
                "the zip of asset {} reaches 4 GiB, which needs Zip64; leave files out with `exclude`, or keep assets smaller",
                archive.display()
            ),
        )
    };
    let fits = |n: usize| u32::try_from(n).ok().filter(|&n| u64::from(n) <= MAX_SIZE);
    let cd_offset = fits(out.len()).ok_or_else(too_large)?;
    for entry in &written {
        central_header(&mut out, entry);
    }
    let cd_size = fits(out.len() - cd_offset as usize).ok_or_else(too_large)?;
    // End of central directory record.
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk with the central directory
    put16(&mut out, written.len() as u16);
    put16(&mut out, written.len() as u16);
    put32(&mut out, cd_size);
    put32(&mut out, cd_offset);
    put16(&mut out, 0); // comment length
    fits(out.len()).ok_or_else(too_large)?;
    Ok(out)
}

fn version_needed(method: u16) -> u16 {
    if method == METHOD_DEFLATE {
        20
    } else {
        10
    }
}

fn local_header(out: &mut Vec<u8>, e: &Written) {
    put32(out, 0x0403_4b50);
    entry_fields(out, e);
    put16(out, 0); // extra field length
    out.extend_from_slice(e.name.as_bytes());
}

/// The fields both headers share, from the version needed to the name's
/// length, in the order both write them.
fn entry_fields(out: &mut Vec<u8>, e: &Written) {
    put16(out, version_needed(e.method));
    put16(out, e.flags);
    put16(out, e.method);
    put16(out, DOS_TIME);
    put16(out, DOS_DATE);
    put32(out, e.crc);
    put32(out, e.compressed);
    put32(out, e.size);
    put16(out, e.name.len() as u16);
}

fn central_header(out: &mut Vec<u8>, e: &Written) {
    put32(out, 0x0201_4b50);
    put16(out, MADE_BY);
    entry_fields(out, e);
    put16(out, 0); // extra field length
    put16(out, 0); // comment length
    put16(out, 0); // disk number start
    put16(out, 0); // internal attributes
    put32(out, e.mode << 16);
    put32(out, e.offset);
    out.extend_from_slice(e.name.as_bytes());
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}
