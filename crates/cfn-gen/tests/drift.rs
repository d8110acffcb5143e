//! The checked-in `crates/cfn` must be exactly what the generator writes
//! today, and it must cover every type of the registry.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn cfn() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cfn")
}

/// Read once for every test (decompressing and parsing it takes a while).
fn bundle() -> &'static rcdk_cfn_gen::Bundle {
    static BUNDLE: OnceLock<rcdk_cfn_gen::Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| rcdk_cfn_gen::read_bundle(&cfn().join(rcdk_cfn_gen::BUNDLE)).unwrap())
}

#[test]
fn generated_code_matches_the_generator() {
    let root = cfn();
    let cargo_toml = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let files = rcdk_cfn_gen::generate(bundle(), &cargo_toml).unwrap();
    let mut stale = Vec::new();
    for (name, text) in &files {
        let on_disk = std::fs::read_to_string(root.join(name)).unwrap_or_default();
        if &on_disk != text {
            stale.push(name.clone());
        }
    }
    let expected: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(root.join("src")).unwrap() {
        let name = format!("src/{}", entry.unwrap().file_name().to_string_lossy());
        if name.ends_with(".rs") && !expected.contains(&name.as_str()) {
            stale.push(format!("{name} (not generated)"));
        }
    }
    assert!(
        stale.is_empty(),
        "crates/cfn drifted from the generator in: {}\nrun `cargo run -p rcdk-cfn-gen` and commit the result",
        stale.join(", ")
    );
}

/// The number of types in the bundle, in the metadata table and with a typed
/// L1 are all the registry's (cfn-lint's us-east-1 provider list, when
/// installed by `scripts/install-tools`).
#[test]
fn every_registry_type_is_generated() {
    let bundle = bundle();
    let root = cfn();
    let metadata = std::fs::read_to_string(root.join("src/metadata.rs")).unwrap();
    // One line per type in its text, and one offset per line plus one.
    let starts: usize = metadata
        .split("static STARTS: [u32; ")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let text = metadata.split("static TEXT: &str = r#\"").nth(1).unwrap();
    let lines = text.lines().filter(|l| l.contains("::") && l.contains('|')).count();
    assert_eq!(starts - 1, lines);
    let in_table = lines;
    let mut typed = 0;
    for entry in std::fs::read_dir(root.join("src")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        typed += text.matches("    pub const TYPE: &'static ResourceType = ").count();
    }
    assert_eq!(in_table, bundle.types.len());
    assert_eq!(typed, bundle.types.len());
    let providers = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../.venv/lib/python3.11/site-packages/cfnlint/data/schemas/providers/us-east-1.json");
    match std::fs::read_to_string(&providers) {
        Ok(text) => {
            let registry: serde_json::Value = serde_json::from_str(&text).unwrap();
            let registry = registry.as_object().unwrap();
            assert_eq!(bundle.types.len(), registry.len(), "re-vendor with --vendor");
            assert!(registry.keys().all(|t| bundle.types.contains_key(t)));
        }
        Err(e) if std::env::var_os("RCDK_REQUIRE_TOOLS").is_some() => {
            panic!("{}: {e}; run scripts/install-tools", providers.display())
        }
        Err(_) => eprintln!("cfn-lint is not installed: compared with the bundle only"),
    }
    // The README and ARCHITECTURE.md quote the count.
    assert_eq!(bundle.types.len(), 1854, "update the count quoted in the docs");
}

#[test]
fn a_missing_bundle_is_a_clear_error() {
    let err = rcdk_cfn_gen::read_bundle(Path::new("/nonexistent/registry.json.gz"))
        .err()
        .unwrap();
    assert!(err.contains("/nonexistent") && err.contains("--vendor"), "{err}");
}
