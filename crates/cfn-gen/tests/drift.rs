//! The checked-in L1 code must be exactly what the generator writes today.

use std::path::Path;

#[test]
fn generated_code_matches_the_generator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cfn");
    let list = std::fs::read_to_string(root.join("resource-types.txt")).unwrap();
    let types = rcdk_cfn_gen::read_type_list(&list);
    let files = rcdk_cfn_gen::generate(&types, &root.join("schemas")).unwrap();
    let mut stale = Vec::new();
    for (name, text) in &files {
        let on_disk = std::fs::read_to_string(root.join("src").join(name)).unwrap_or_default();
        if &on_disk != text {
            stale.push(name.clone());
        }
    }
    let expected: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(root.join("src")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs") && !expected.contains(&name.as_str()) {
            stale.push(format!("{name} (not generated)"));
        }
    }
    assert!(
        stale.is_empty(),
        "crates/cfn/src drifted from the generator in: {}\nrun `cargo run -p rcdk-cfn-gen` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn every_listed_type_has_a_vendored_schema_and_a_struct() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cfn");
    let list = std::fs::read_to_string(root.join("resource-types.txt")).unwrap();
    let types = rcdk_cfn_gen::read_type_list(&list);
    assert!(types.len() >= 40, "{types:?}");
    let files = rcdk_cfn_gen::generate(&types, &root.join("schemas")).unwrap();
    let all: String = files.iter().map(|(_, t)| t.as_str()).collect();
    for t in &types {
        assert!(all.contains(&format!("name: {t:?},")), "{t} has no generated struct");
    }
}

#[test]
fn a_missing_schema_is_a_clear_error() {
    let err = rcdk_cfn_gen::generate(&["AWS::Nope::Thing".to_owned()], Path::new("/nonexistent")).unwrap_err();
    assert!(err.contains("AWS::Nope::Thing") && err.contains("--vendor"), "{err}");
}
