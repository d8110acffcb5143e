//! Construct crates write CloudFormation properties only through the typed
//! L1 setters: a property spelled as a string is a typo the compiler cannot
//! catch and a rename the generator cannot follow.

use std::fs;
use std::path::{Path, PathBuf};

/// Crates that use rcdk-cfn but build no constructs: the generated code
/// itself, its generator, and the tools that read templates back.
const NOT_CONSTRUCT_CRATES: &[&str] = &["cfn", "cfn-gen", "deploy", "diff", "rcdk"];

/// Calls that name a property (or a whole resource type) by a string.
const UNTYPED_WRITES: &[&str] = &[
    "set_property(",
    "push_to_list_property(",
    "add_property_override(",
    "add_override(",
    "Resource::new(",
];

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Every workspace crate that depends on rcdk-cfn to define constructs.
fn construct_crates() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(crates_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|dir| {
            let name = dir.file_name().unwrap().to_str().unwrap();
            let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
            !NOT_CONSTRUCT_CRATES.contains(&name) && manifest.lines().any(|l| l.trim_start().starts_with("rcdk-cfn"))
        })
        .collect();
    found.sort();
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn construct_crates_write_properties_only_through_typed_setters() {
    let crates = construct_crates();
    let names: Vec<_> = crates
        .iter()
        .map(|c| c.file_name().unwrap().to_str().unwrap())
        .collect();
    for expected in ["network", "compute", "api", "messaging", "orchestration", "iam", "logs"] {
        assert!(names.contains(&expected), "{expected} not scanned; found {names:?}");
    }
    let mut offences = Vec::new();
    for krate in &crates {
        let mut files = Vec::new();
        rust_files(&krate.join("src"), &mut files);
        for file in files {
            let text = fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                if let Some(call) = UNTYPED_WRITES.iter().find(|c| line.contains(*c)) {
                    offences.push(format!("{}:{}: {call} {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "untyped property writes in construct crates; use the L1's typed set_/push_/insert_ methods:\n{}",
        offences.join("\n")
    );
}
