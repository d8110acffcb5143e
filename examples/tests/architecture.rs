//! ARCHITECTURE.md's dependency rules hold: every crate's manifest depends
//! only on the rcdk crates its row allows, rows only point down the table
//! (so there are no cycles and nothing imports upward), and only the crates
//! marked for it link the AWS SDK. The table in ARCHITECTURE.md is the one
//! statement of the rules; this test reads it rather than repeating it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

struct Row {
    allowed: BTreeSet<String>,
    aws_sdk: bool,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The rows of the "Dependency rules" table, in order.
fn rules() -> Vec<(String, Row)> {
    let text = fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let start = text
        .find("## Dependency rules")
        .expect("ARCHITECTURE.md has a Dependency rules section");
    let cell = |s: &str| s.trim().trim_matches('`').to_owned();
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
            assert_eq!(cells.len(), 3, "a row is | crate | may depend on | AWS SDK |: {line}");
            let allowed = cells[1].split(',').map(cell).filter(|c| !c.is_empty()).collect();
            (
                cell(cells[0]),
                Row {
                    allowed,
                    aws_sdk: cell(cells[2]) == "yes",
                },
            )
        })
        .collect()
}

/// Every workspace package: name -> its normal and build dependencies.
fn manifests() -> BTreeMap<String, Vec<String>> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.push(root().join("examples"));
    let mut out = BTreeMap::new();
    for dir in dirs {
        let Ok(text) = fs::read_to_string(dir.join("Cargo.toml")) else {
            continue;
        };
        let mut name = None;
        let mut deps = Vec::new();
        let mut section = String::new();
        for line in text.lines().map(str::trim) {
            if line.starts_with('[') {
                section = line.to_owned();
            } else if section == "[package]" && line.starts_with("name") {
                name = line.split('"').nth(1).map(str::to_owned);
            } else if (section == "[dependencies]" || section == "[build-dependencies]")
                && !line.is_empty()
                && !line.starts_with('#')
            {
                let dep = line
                    .split(|c: char| c == '=' || c == '.' || c.is_whitespace())
                    .next()
                    .unwrap();
                deps.push(dep.to_owned());
            }
        }
        out.insert(name.expect("package name"), deps);
    }
    out
}

fn is_aws_sdk(dep: &str) -> bool {
    dep == "aws-config" || dep.starts_with("aws-sdk-") || dep.starts_with("aws-smithy-")
}

#[test]
fn every_crate_has_a_row_and_every_row_a_crate() {
    let rows: BTreeSet<String> = rules().into_iter().map(|(name, _)| name).collect();
    let crates: BTreeSet<String> = manifests().into_keys().collect();
    assert_eq!(
        rows, crates,
        "ARCHITECTURE.md's Dependency rules table and the workspace disagree"
    );
}

#[test]
fn rows_only_point_down_the_table() {
    let mut above: BTreeMap<String, bool> = BTreeMap::new();
    for (name, row) in rules() {
        for dep in &row.allowed {
            let Some(&dep_links_sdk) = above.get(dep) else {
                panic!("{name} may depend on {dep}, which is not above it in the table");
            };
            // The SDK comes along with any crate that links it.
            assert!(
                row.aws_sdk || !dep_links_sdk,
                "{name} may not link the AWS SDK but may depend on {dep}, which does"
            );
        }
        above.insert(name, row.aws_sdk);
    }
}

#[test]
fn manifests_keep_the_rules() {
    let rules: BTreeMap<String, Row> = rules().into_iter().collect();
    let mut broken = Vec::new();
    for (name, deps) in manifests() {
        let Some(row) = rules.get(&name) else { continue };
        for dep in deps {
            if dep.starts_with("rcdk") && !row.allowed.contains(&dep) {
                broken.push(format!("{name} depends on {dep}, which its row does not allow"));
            }
            if is_aws_sdk(&dep) && !row.aws_sdk {
                broken.push(format!(
                    "{name} links the AWS SDK ({dep}), which its row does not allow"
                ));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_rules_can_fail() {
    // A rule that forbids what a manifest has is caught: the checker is not vacuous.
    let manifests = manifests();
    let deps = &manifests["rcdk-orchestration"];
    assert!(deps.iter().any(|d| d == "rcdk-core"));
    assert!(manifests["rcdk-deploy"].iter().any(|d| is_aws_sdk(d)));
}
