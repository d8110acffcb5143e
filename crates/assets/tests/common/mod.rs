//! Helpers shared by the tests: scratch directories and a small zip reader.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory under the system temp dir, removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(label: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let dir = std::env::temp_dir().join(format!(
            "rcdk-assets-test-{label}-{}-{}-{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `content` at `rel`, creating folders.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    /// Sets the file's executable bits (Unix only; a no-op elsewhere).
    pub fn chmod(&self, rel: &str, mode: u32) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(self.0.join(rel), std::fs::Permissions::from_mode(mode)).unwrap();
        }
        #[cfg(not(unix))]
        let _ = (rel, mode);
    }

    /// Sets a file's modification time, `secs` after the epoch.
    pub fn touch(&self, rel: &str, secs: u64) {
        let file = std::fs::OpenOptions::new().write(true).open(self.0.join(rel)).unwrap();
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
            .unwrap();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One entry as read back from a zip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub content: Vec<u8>,
    pub mode: u32,
    pub method: u16,
    pub made_by: u16,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Reads a zip the way an unzipper does: the end record, the central
/// directory, then each local header and its data. Panics on anything
/// malformed, on a CRC or size mismatch, or on a timestamp other than
/// 1980-01-01 00:00.
pub fn read_zip(bytes: &[u8]) -> Vec<Entry> {
    assert!(bytes.len() >= 22, "too short for an end record");
    let end = bytes.len() - 22;
    assert_eq!(u32_at(bytes, end), 0x0605_4b50, "end of central directory signature");
    assert_eq!(u16_at(bytes, end + 20), 0, "no comment");
    let count = u16_at(bytes, end + 10) as usize;
    assert_eq!(u16_at(bytes, end + 8) as usize, count);
    let cd_size = u32_at(bytes, end + 12) as usize;
    let cd_offset = u32_at(bytes, end + 16) as usize;
    assert_eq!(cd_offset + cd_size, end, "central directory ends at the end record");
    let mut at = cd_offset;
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(bytes, at), 0x0201_4b50, "central header signature");
        let made_by = u16_at(bytes, at + 4);
        let flags = u16_at(bytes, at + 8);
        let method = u16_at(bytes, at + 10);
        assert_eq!(u16_at(bytes, at + 12), 0, "time 00:00:00");
        assert_eq!(u16_at(bytes, at + 14), (1 << 5) | 1, "date 1980-01-01");
        let crc = u32_at(bytes, at + 16);
        let csize = u32_at(bytes, at + 20) as usize;
        let size = u32_at(bytes, at + 24) as usize;
        let name_len = u16_at(bytes, at + 28) as usize;
        assert_eq!(u16_at(bytes, at + 30), 0, "no extra field");
        assert_eq!(u16_at(bytes, at + 32), 0, "no comment");
        let external = u32_at(bytes, at + 38);
        let local = u32_at(bytes, at + 42) as usize;
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        at += 46 + name_len;

        assert_eq!(u32_at(bytes, local), 0x0403_4b50, "local header signature");
        assert_eq!(u16_at(bytes, local + 6), flags);
        assert_eq!(u16_at(bytes, local + 8), method);
        assert_eq!(u32_at(bytes, local + 14), crc);
        assert_eq!(u32_at(bytes, local + 18) as usize, csize);
        assert_eq!(u32_at(bytes, local + 22) as usize, size);
        let lname = u16_at(bytes, local + 26) as usize;
        assert_eq!(u16_at(bytes, local + 28), 0, "no local extra field");
        assert_eq!(&bytes[local + 30..local + 30 + lname], name.as_bytes());
        let data = &bytes[local + 30 + lname..local + 30 + lname + csize];
        let content = match method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(data).expect("inflate"),
            m => panic!("unexpected method {m}"),
        };
        assert_eq!(content.len(), size, "size of {name}");
        assert_eq!(crc32fast::hash(&content), crc, "CRC of {name}");
        out.push(Entry {
            name,
            content,
            mode: external >> 16,
            method,
            made_by,
        });
    }
    assert_eq!(at, end);
    out
}

/// Checks the zip with Python's `zipfile` when `python3` is on PATH.
pub fn python_testzip(bytes: &[u8], dir: &Path) {
    let path = dir.join("python-check.zip");
    std::fs::write(&path, bytes).unwrap();
    let result = std::process::Command::new("python3")
        .arg("-c")
        .arg("import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.infolist()))")
        .arg(&path)
        .output();
    match result {
        Ok(output) => assert!(
            output.status.success(),
            "python3 zipfile rejects the zip: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(e) => eprintln!("note: python3 not found ({e}); skipping the zipfile check"),
    }
}
