//! The zip reads back: a hand-written reader and Python's `zipfile` agree.

mod common;

use common::{python_testzip, read_zip, Scratch};
use rcdk_assets::{zip, zip_to, AssetErrorKind};
use rcdk_core::asset::{AssetSource, StagedFile};

fn sample() -> Scratch {
    let s = Scratch::new("zip");
    s.write(
        "index.py",
        "def handler(event, context):\n    return {'ok': True}\n".repeat(20),
    );
    s.write("lib/util.py", "X = 1\n");
    s.write("lib/deep/data.json", "{}");
    s.write("bin/run", "#!/bin/sh\necho run\n");
    s.chmod("bin/run", 0o755);
    // Incompressible: stored rather than deflated.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    s.write("noise.bin", &noise);
    s.write("empty.txt", "");
    s.write("naïve/ünïcode.txt", "utf-8 name");
    s
}

#[test]
fn round_trips_with_content_crc_and_mode() {
    let s = sample();
    let bytes = zip(&AssetSource::Directory(s.path().to_path_buf())).unwrap();
    let entries = read_zip(&bytes);
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "bin/run",
            "empty.txt",
            "index.py",
            "lib/deep/data.json",
            "lib/util.py",
            "naïve/ünïcode.txt",
            "noise.bin"
        ]
    );
    for entry in &entries {
        let on_disk = std::fs::read(s.path().join(&entry.name)).unwrap();
        assert_eq!(entry.content, on_disk, "content of {}", entry.name);
        assert_eq!(entry.made_by >> 8, 3, "made by Unix");
        let executable = entry.name == "bin/run" && cfg!(unix);
        assert_eq!(
            entry.mode,
            if executable { 0o100755 } else { 0o100644 },
            "mode of {}",
            entry.name
        );
    }
    let method = |name: &str| entries.iter().find(|e| e.name == name).unwrap().method;
    assert_eq!(method("index.py"), 8, "compressible content is deflated");
    assert_eq!(method("noise.bin"), 0, "incompressible content is stored");
    let other = Scratch::new("zip-python");
    python_testzip(&bytes, other.path());
}

#[test]
fn staged_files_take_their_names_and_flags() {
    let s = Scratch::new("zip-staged");
    let binary = s.write("target/release/my-handler", "\x7fELF binary");
    let config = s.write("config.toml", "a = 1\n");
    let source = AssetSource::Files(vec![
        StagedFile {
            name: "config/app.toml".into(),
            path: config,
            executable: false,
        },
        StagedFile {
            name: "bootstrap".into(),
            path: binary,
            executable: true,
        },
    ]);
    let out = Scratch::new("zip-staged-out");
    let zip_path = out.path().join("asset.zip");
    zip_to(&source, &zip_path).unwrap();
    let bytes = std::fs::read(&zip_path).unwrap();
    assert_eq!(bytes, zip(&source).unwrap());
    let entries = read_zip(&bytes);
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].name, "bootstrap");
    assert_eq!(entries[0].mode, 0o100755);
    assert_eq!(entries[0].content, b"\x7fELF binary");
    assert_eq!(entries[1].name, "config/app.toml");
    assert_eq!(entries[1].mode, 0o100644);
    // No stray temporary file is left beside the zip.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    python_testzip(&bytes, out.path());
}

#[test]
fn a_single_file_is_not_zipped() {
    let s = Scratch::new("zip-file");
    let path = s.write("app.jar", "jar");
    let err = zip(&AssetSource::File(path)).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::NotZipped);
    assert!(err.to_string().contains("app.jar"), "{err}");
}

#[test]
fn zip_to_a_missing_folder_is_an_io_error() {
    let s = sample();
    let err = zip_to(
        &AssetSource::Directory(s.path().to_path_buf()),
        s.path().join("no/such/dir/out.zip"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::Io);
    assert!(err.to_string().contains("out.zip"), "{err}");
}

#[test]
fn an_empty_directory_zips_to_an_empty_archive() {
    let s = Scratch::new("zip-empty");
    let bytes = zip(&AssetSource::Directory(s.path().to_path_buf())).unwrap();
    assert_eq!(bytes.len(), 22, "just the end record");
    assert!(read_zip(&bytes).is_empty());
}

#[test]
fn more_than_65535_entries_are_refused() {
    let s = Scratch::new("zip-many");
    let path = s.write("f", "x");
    let files: Vec<StagedFile> = (0..65_536)
        .map(|i| StagedFile {
            name: format!("f{i:05}"),
            path: path.clone(),
            executable: false,
        })
        .collect();
    let err = zip(&AssetSource::Files(files)).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::TooManyEntries);
    assert!(err.to_string().contains("65,535"), "{err}");
}
