//! Content hashes: content counts, time and order never do.

mod common;

use common::Scratch;
use rcdk_assets::{directory_files, hash, hash_directory, zip, zip_directory, AssetErrorKind, DirectoryOptions};
use rcdk_core::asset::{AssetSource, StagedFile};

const TREE: &[(&str, &str)] = &[
    ("index.py", "def handler(event, context):\n    return 1\n"),
    ("lib/util.py", "X = 1\n"),
    ("lib/deep/data.json", "{\"a\": [1, 2, 3]}\n"),
    ("bin/run", "#!/bin/sh\nexec python3 index.py\n"),
    ("README", ""),
];

/// The tree, its files written in `order` with modification times from `mtime`.
fn tree(label: &str, reverse: bool, mtime: u64) -> Scratch {
    let s = Scratch::new(label);
    let mut files: Vec<&(&str, &str)> = TREE.iter().collect();
    if reverse {
        files.reverse();
    }
    for (i, (name, content)) in files.into_iter().enumerate() {
        s.write(name, content);
        s.touch(name, mtime + i as u64 * 1000);
    }
    s.chmod("bin/run", 0o755);
    s
}

fn dir_hash(s: &Scratch) -> String {
    hash(&AssetSource::Directory(s.path().to_path_buf())).unwrap()
}

#[test]
fn same_tree_in_another_order_with_other_times_hashes_and_zips_the_same() {
    let a = tree("order-a", false, 1_000_000);
    let b = tree("order-b", true, 1_700_000_000);
    let (ha, hb) = (dir_hash(&a), dir_hash(&b));
    assert_eq!(ha.len(), 64);
    assert!(ha.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
    assert_eq!(ha, hb);
    let za = zip(&AssetSource::Directory(a.path().to_path_buf())).unwrap();
    let zb = zip(&AssetSource::Directory(b.path().to_path_buf())).unwrap();
    assert_eq!(za, zb, "zips differ byte for byte");
    // And again: the same bytes on every run.
    assert_eq!(za, zip(&AssetSource::Directory(a.path().to_path_buf())).unwrap());
}

#[test]
fn one_changed_byte_changes_the_hash() {
    let s = tree("byte", false, 0);
    let before = dir_hash(&s);
    s.write("lib/deep/data.json", "{\"a\": [1, 2, 4]}\n");
    assert_ne!(dir_hash(&s), before);
}

#[test]
fn a_renamed_file_changes_the_hash() {
    let s = tree("rename", false, 0);
    let before = dir_hash(&s);
    std::fs::rename(s.path().join("lib/util.py"), s.path().join("lib/utils.py")).unwrap();
    assert_ne!(dir_hash(&s), before);
    // Moving it to another folder too.
    std::fs::rename(s.path().join("lib/utils.py"), s.path().join("utils.py")).unwrap();
    let moved = dir_hash(&s);
    std::fs::rename(s.path().join("utils.py"), s.path().join("lib/util.py")).unwrap();
    assert_ne!(moved, before);
    assert_eq!(dir_hash(&s), before);
}

#[cfg(unix)]
#[test]
fn the_executable_bit_changes_the_hash_and_other_mode_bits_do_not() {
    let s = tree("exec", false, 0);
    let before = dir_hash(&s);
    s.chmod("index.py", 0o744);
    let executable = dir_hash(&s);
    assert_ne!(executable, before);
    s.chmod("index.py", 0o700);
    assert_eq!(dir_hash(&s), executable, "any x bit is executable");
    s.chmod("index.py", 0o600);
    assert_eq!(dir_hash(&s), before, "read/write bits do not count");
}

#[test]
fn empty_directories_count_for_nothing() {
    let s = tree("emptydir", false, 0);
    let before = dir_hash(&s);
    std::fs::create_dir_all(s.path().join("empty/nested")).unwrap();
    assert_eq!(dir_hash(&s), before);
}

#[test]
fn excluded_entries_change_neither_hash_nor_zip() {
    let s = tree("exclude", false, 0);
    let options = DirectoryOptions::default().exclude(["target/", ".git", "*.log", "/lib/deep"]);
    let hash_before = hash_directory(s.path(), &options).unwrap();
    let zip_before = zip_directory(s.path(), &options).unwrap();

    s.write("target/debug/app", "binary");
    s.write("sub/target/x", "nested target dir");
    s.write(".git/HEAD", "ref: refs/heads/main\n");
    s.write("lib/.git", "a file named .git");
    s.write("debug.log", "log");
    s.write("lib/deep/more.json", "{}");
    s.write("lib/deep/data.json", "changed");
    assert_eq!(hash_directory(s.path(), &options).unwrap(), hash_before);
    assert_eq!(zip_directory(s.path(), &options).unwrap(), zip_before);

    // A file named `target` is not a directory: `target/` keeps it.
    s.write("lib/target", "a file");
    assert_ne!(hash_directory(s.path(), &options).unwrap(), hash_before);
    // Without the patterns everything counts.
    assert_ne!(
        hash_directory(s.path(), &DirectoryOptions::default()).unwrap(),
        hash_before
    );
    // An anchored pattern is anchored: `deep` elsewhere counts.
    std::fs::remove_file(s.path().join("lib/target")).unwrap();
    s.write("other/lib/deep/x", "counts");
    assert_ne!(hash_directory(s.path(), &options).unwrap(), hash_before);
}

#[test]
fn a_pattern_with_double_star_is_refused() {
    let s = tree("doublestar", false, 0);
    let err = hash_directory(s.path(), &DirectoryOptions::default().exclude(["**/target"])).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::InvalidPattern);
    assert!(err.to_string().contains("**"), "{err}");
}

#[test]
fn a_file_hashes_as_its_bytes() {
    let s = Scratch::new("file");
    let path = s.write("hello.txt", "hello\n");
    assert_eq!(
        hash(&AssetSource::File(path.clone())).unwrap(),
        "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
    );
    // Name and mode do not count for a single file.
    let other = s.write("other.bin", "hello\n");
    s.chmod("other.bin", 0o755);
    assert_eq!(
        hash(&AssetSource::File(other)).unwrap(),
        hash(&AssetSource::File(path)).unwrap()
    );
}

#[test]
fn staged_files_hash_and_zip_as_the_directory_holding_them() {
    let s = tree("staged", false, 0);
    let files = directory_files(s.path(), &DirectoryOptions::default()).unwrap();
    assert_eq!(
        files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["README", "bin/run", "index.py", "lib/deep/data.json", "lib/util.py"]
    );
    assert_eq!(files[1].executable, cfg!(unix));
    let mut reversed = files.clone();
    reversed.reverse();
    let staged = AssetSource::Files(reversed);
    assert_eq!(hash(&staged).unwrap(), dir_hash(&s));
    assert_eq!(
        zip(&staged).unwrap(),
        zip(&AssetSource::Directory(s.path().to_path_buf())).unwrap()
    );
}

#[test]
fn staged_names_and_flags_count() {
    let s = Scratch::new("staged-flags");
    let path = s.write("handler", "\x7fELF");
    let staged = |name: &str, executable: bool| {
        hash(&AssetSource::Files(vec![StagedFile {
            name: name.into(),
            path: path.clone(),
            executable,
        }]))
        .unwrap()
    };
    let base = staged("bootstrap", true);
    assert_ne!(staged("bootstrap", false), base);
    assert_ne!(staged("bootstrap2", true), base);
    assert_eq!(staged("bootstrap", true), base);
}

#[test]
fn bad_staged_names_are_refused() {
    let s = Scratch::new("staged-bad");
    let path = s.write("f", "x");
    for bad in ["", "/abs", "a/../b", "a//b", "./a", "a\\b", "dir/"] {
        let err = hash(&AssetSource::Files(vec![StagedFile {
            name: bad.into(),
            path: path.clone(),
            executable: false,
        }]))
        .unwrap_err();
        assert_eq!(err.kind(), AssetErrorKind::InvalidName, "{bad:?}");
    }
    let twice = vec![
        StagedFile {
            name: "a".into(),
            path: path.clone(),
            executable: false,
        },
        StagedFile {
            name: "a".into(),
            path: path.clone(),
            executable: true,
        },
    ];
    let err = hash(&AssetSource::Files(twice)).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::DuplicateName);
    assert!(err.to_string().contains("\"a\""), "{err}");
}
