//! The external scanners honour the suppressions rcdk writes: cfn-lint
//! (`.venv`) and checkov (`.venv-checkov`), both installed by
//! `scripts/install-tools`, run on a synthesized template before and after
//! a suppression. Without the tools the test is skipped, unless
//! `RCDK_REQUIRE_TOOLS` is set (the test command sets it).

use std::path::{Path, PathBuf};
use std::process::Command;

use rcdk::core::{App, Resource, StackProps, Value};
use rcdk_policy::suppress;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tool(relative: &str) -> Option<PathBuf> {
    let path = root().join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("RCDK_REQUIRE_TOOLS").is_none(),
        "{relative} is not installed; run scripts/install-tools"
    );
    eprintln!("note: {relative} is not installed (scripts/install-tools); skipped");
    None
}

/// A DynamoDB table with neither point-in-time recovery nor a deletion
/// policy, optionally with both rules suppressed; its template's file.
fn template(suppressed: bool, name: &str) -> PathBuf {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let table = Resource::new(
        &stack,
        "Table",
        "AWS::DynamoDB::Table",
        [
            ("BillingMode", Value::from("PAY_PER_REQUEST")),
            (
                "KeySchema",
                Value::list([Value::object([
                    ("AttributeName", Value::from("id")),
                    ("KeyType", Value::from("HASH")),
                ])]),
            ),
            (
                "AttributeDefinitions",
                Value::list([Value::object([
                    ("AttributeName", Value::from("id")),
                    ("AttributeType", Value::from("S")),
                ])]),
            ),
        ],
    );
    if suppressed {
        suppress(&table, "RCDK-DDB-1", "A cache rebuilt from the source of truth.");
        suppress(&table, "RCDK-DDB-2", "A cache rebuilt from the source of truth.");
    }
    let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    let dir = std::env::temp_dir().join(format!("rcdk-scanners-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.yaml"));
    std::fs::write(&file, yaml).unwrap();
    file
}

#[test]
fn cfn_lint_honours_a_suppression() {
    let Some(cfn_lint) = tool(".venv/bin/cfn-lint") else {
        return;
    };
    let run = |file: &Path| {
        let out = Command::new(&cfn_lint)
            .args(["--format", "parseable", "--include-checks", "I", "--"])
            .arg(file)
            .output()
            .expect("cfn-lint runs");
        String::from_utf8(out.stdout).unwrap()
    };
    // RCDK-DDB-2 is cfn-lint's I3011 (no deletion policy on a stateful resource).
    assert!(run(&template(false, "lint-plain")).contains(":I3011:"));
    let out = run(&template(true, "lint-suppressed"));
    assert!(!out.contains(":I3011:"), "{out}");
}

#[test]
fn checkov_honours_a_suppression_with_its_reason() {
    let Some(checkov) = tool(".venv-checkov/bin/checkov") else {
        return;
    };
    let run = |file: &Path| {
        let out = Command::new(&checkov)
            .args([
                "--framework",
                "cloudformation",
                "-o",
                "json",
                // Not --quiet: it drops the skipped checks from the report.
                "--compact",
                "-f",
            ])
            .arg(file)
            .output()
            .expect("checkov runs");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("checkov writes JSON");
        let results = report["results"].clone();
        let ids = |kind: &str| -> Vec<(String, String)> {
            results[kind]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    let id = c["check_id"].as_str().unwrap_or_default().to_owned();
                    (
                        id,
                        c["check_result"]["suppress_comment"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned(),
                    )
                })
                .collect()
        };
        (ids("failed_checks"), ids("skipped_checks"))
    };
    // RCDK-DDB-1 is checkov's CKV_AWS_28 (point-in-time recovery).
    let (failed, _) = run(&template(false, "checkov-plain"));
    assert!(failed.iter().any(|(id, _)| id == "CKV_AWS_28"), "{failed:?}");
    let (failed, skipped) = run(&template(true, "checkov-suppressed"));
    assert!(!failed.iter().any(|(id, _)| id == "CKV_AWS_28"), "{failed:?}");
    assert!(
        skipped.contains(&(
            "CKV_AWS_28".to_owned(),
            "A cache rebuilt from the source of truth.".to_owned()
        )),
        "{skipped:?}"
    );
}
