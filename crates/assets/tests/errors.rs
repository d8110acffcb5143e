//! Links, special files and missing paths: the right kind, a clear message.

mod common;

use common::Scratch;
use rcdk_assets::{hash, hash_directory, zip, AssetErrorKind, DirectoryOptions};
use rcdk_core::asset::AssetSource;

#[test]
fn a_missing_directory_is_not_found() {
    let s = Scratch::new("missing");
    let missing = s.path().join("no-such-dir");
    let err = hash(&AssetSource::Directory(missing.clone())).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::NotFound);
    assert_eq!(err.path(), missing);
    let message = err.to_string();
    assert!(
        message.contains("no-such-dir") && message.contains("does not exist"),
        "{message}"
    );
    assert!(std::error::Error::source(&err).is_some());
    let err = hash(&AssetSource::File(missing.join("f.txt"))).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::NotFound);
}

#[test]
fn a_file_given_as_a_directory_and_the_reverse() {
    let s = Scratch::new("kinds");
    let file = s.write("f.txt", "x");
    let err = hash(&AssetSource::Directory(file)).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::NotADirectory);
    assert!(err.to_string().contains("add_file"), "{err}");
    let err = hash(&AssetSource::File(s.path().to_path_buf())).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::NotAFile);
    assert!(err.to_string().contains("add_directory"), "{err}");
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_to_a_file_inside_is_followed_under_its_own_name() {
        let s = Scratch::new("link-in");
        s.write("real/config.json", "{\"a\": 1}");
        symlink("real/config.json", s.path().join("config.json")).unwrap();
        let files = rcdk_assets::directory_files(s.path(), &DirectoryOptions::default()).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["config.json", "real/config.json"]);

        // The same as a copy of the file.
        let copy = Scratch::new("link-copy");
        copy.write("real/config.json", "{\"a\": 1}");
        copy.write("config.json", "{\"a\": 1}");
        let linked = AssetSource::Directory(s.path().to_path_buf());
        let copied = AssetSource::Directory(copy.path().to_path_buf());
        assert_eq!(hash(&linked).unwrap(), hash(&copied).unwrap());
        assert_eq!(zip(&linked).unwrap(), zip(&copied).unwrap());
    }

    #[test]
    fn a_link_to_a_directory_inside_is_followed() {
        let s = Scratch::new("link-dir");
        s.write("shared/a.txt", "a");
        symlink("shared", s.path().join("alias")).unwrap();
        let files = rcdk_assets::directory_files(s.path(), &DirectoryOptions::default()).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["alias/a.txt", "shared/a.txt"]);
        // `alias/` matches the link to a directory.
        let files = rcdk_assets::directory_files(s.path(), &DirectoryOptions::default().exclude(["alias/"])).unwrap();
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn a_link_leaving_the_directory_is_refused() {
        let outside = Scratch::new("outside");
        let secret = outside.write("secret.txt", "do not ship");
        let s = Scratch::new("escape");
        s.write("index.py", "x");
        symlink(&secret, s.path().join("lib.txt")).unwrap();
        let err = hash(&AssetSource::Directory(s.path().to_path_buf())).unwrap_err();
        assert_eq!(err.kind(), AssetErrorKind::SymlinkEscape);
        assert_eq!(err.path(), s.path().join("lib.txt"));
        let message = err.to_string();
        assert!(message.contains("lib.txt") && message.contains("outside"), "{message}");
        assert!(message.contains("exclude"), "the fix: {message}");
        // Also through `..`, and for zip.
        std::fs::remove_file(s.path().join("lib.txt")).unwrap();
        symlink("../", s.path().join("up")).unwrap();
        let err = zip(&AssetSource::Directory(s.path().to_path_buf())).unwrap_err();
        assert_eq!(err.kind(), AssetErrorKind::SymlinkEscape);
        // Excluded, the link is never looked at.
        let options = DirectoryOptions::default().exclude(["up"]);
        assert!(hash_directory(s.path(), &options).is_ok());
    }

    #[test]
    fn a_dangling_link_is_refused() {
        let s = Scratch::new("dangling");
        s.write("index.py", "x");
        symlink("gone.txt", s.path().join("data.txt")).unwrap();
        let err = hash(&AssetSource::Directory(s.path().to_path_buf())).unwrap_err();
        assert_eq!(err.kind(), AssetErrorKind::DanglingSymlink);
        let message = err.to_string();
        assert!(
            message.contains("data.txt") && message.contains("gone.txt"),
            "{message}"
        );
        assert!(message.contains("does not exist"), "{message}");
        // A dangling link given as a file.
        let err = hash(&AssetSource::File(s.path().join("data.txt"))).unwrap_err();
        assert_eq!(err.kind(), AssetErrorKind::DanglingSymlink);
        // Left out by name.
        assert!(hash_directory(s.path(), &DirectoryOptions::default().exclude(["data.txt"])).is_ok());
    }

    #[test]
    fn a_link_cycle_is_refused() {
        let s = Scratch::new("cycle");
        s.write("a/file.txt", "x");
        symlink("..", s.path().join("a/loop")).unwrap();
        let err = hash(&AssetSource::Directory(s.path().to_path_buf())).unwrap_err();
        assert_eq!(err.kind(), AssetErrorKind::SymlinkCycle);
        assert!(err.to_string().contains("loop"), "{err}");
    }

    #[test]
    fn a_socket_is_a_special_file() {
        let s = Scratch::new("special");
        s.write("index.py", "x");
        let socket = s.path().join("app.sock");
        let _listener = match std::os::unix::net::UnixListener::bind(&socket) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("note: cannot bind a Unix socket here ({e}); skipping");
                return;
            }
        };
        let err = hash(&AssetSource::Directory(s.path().to_path_buf())).unwrap_err();
        assert_eq!(err.kind(), AssetErrorKind::SpecialFile);
        assert!(err.to_string().contains("app.sock"), "{err}");
        assert!(hash_directory(s.path(), &DirectoryOptions::default().exclude(["*.sock"])).is_ok());
    }

    #[test]
    fn an_unreadable_file_is_an_io_error() {
        let s = Scratch::new("unreadable");
        s.write("secret.txt", "x");
        s.chmod("secret.txt", 0o000);
        if std::fs::read(s.path().join("secret.txt")).is_ok() {
            eprintln!("note: running as root, permissions do not stop reads; skipping");
            return;
        }
        let err = hash(&AssetSource::Directory(s.path().to_path_buf())).unwrap_err();
        assert_eq!(err.kind(), AssetErrorKind::Io);
        assert!(
            err.to_string().contains("secret.txt") && err.to_string().contains("permissions"),
            "{err}"
        );
    }

    #[test]
    fn a_backslash_in_a_name_is_refused() {
        let s = Scratch::new("backslash");
        s.write("index.py", "x");
        s.write("odd\\name.txt", "a backslash is a folder separator on Windows");
        let err = hash(&AssetSource::Directory(s.path().to_path_buf())).unwrap_err();
        assert_eq!(err.kind(), AssetErrorKind::InvalidName);
        assert!(err.to_string().contains("odd"), "{err}");
        assert!(hash_directory(s.path(), &DirectoryOptions::default().exclude(["odd*"])).is_ok());
    }
}
