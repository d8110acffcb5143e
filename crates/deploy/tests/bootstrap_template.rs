//! rcdk's bootstrap template (`bootstrap/template.json`) against the AWS
//! CDK's bootstrap contract (`bootstrap/cdk-contract.json`, extracted from the
//! aws-cdk CLI by `scripts/cdk-fixtures/bootstrap-contract.js`).
//!
//! The two stacks must be interchangeable: `cdk bootstrap` updates a toolkit
//! stack rcdk created and `cdk deploy` uses it, and the other way round. So
//! the parameters (names, types, defaults, allowed values), the conditions'
//! names, the resources (logical IDs, types, conditions, deletion policies,
//! physical names), the outputs (values, exports) and the version must be the
//! same. Intrinsics are compared after rewriting equivalent spellings to one
//! form (`{"Fn::Sub": "${X}"}` is `{"Ref": "X"}`, and so on; see
//! [`normalize`]), since our template is written independently.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{json, Map, Value};

/// Deliberate differences from the CDK's parameter defaults:
/// `(parameter, CDK template default, our default)`. The CDK template
/// defaults `FileAssetsBucketKmsKeyId` to "" (create a KMS key), but the CDK
/// CLI always passes `AWS_MANAGED_KEY` unless asked for a key; our default is
/// what the CLI passes, so a stack created without parameters is the one
/// `cdk bootstrap` creates. Both values are pinned: if the CDK changes its
/// default, this test fails and the choice is made again.
const DEFAULT_DIFFERENCES: &[(&str, &str, &str)] = &[("FileAssetsBucketKmsKeyId", "", "AWS_MANAGED_KEY")];

fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bootstrap").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn section<'a>(doc: &'a Value, key: &str) -> &'a Map<String, Value> {
    doc.get(key)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no {key} object"))
}

fn keys(map: &Map<String, Value>) -> BTreeSet<&str> {
    map.keys().map(String::as_str).collect()
}

/// Rewrites equivalent intrinsic spellings to one form, recursively:
/// - `{"Fn::Sub": "text"}` without `${` is `"text"`;
/// - `{"Fn::Sub": "${X}"}` is `{"Ref": "X"}` (also for pseudo parameters
///   such as `AWS::Region`);
/// - `{"Fn::Sub": "${A.B}"}` is `{"Fn::GetAtt": ["A", "B"]}`;
/// - `{"Fn::GetAtt": "A.B"}` is `{"Fn::GetAtt": ["A", "B"]}`.
fn normalize(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) if map.len() == 1 => {
            let (k, inner) = map.iter().next().unwrap();
            match (k.as_str(), inner) {
                ("Fn::Sub", Value::String(s)) if !s.contains("${") => Value::String(s.clone()),
                ("Fn::Sub", Value::String(s))
                    if s.starts_with("${") && s.ends_with('}') && s[2..s.len() - 1].chars().all(is_name_char) =>
                {
                    let name = &s[2..s.len() - 1];
                    match name.split_once('.') {
                        Some((res, attr)) if !name.starts_with("AWS::") => json!({"Fn::GetAtt": [res, attr]}),
                        _ => json!({ "Ref": name }),
                    }
                }
                ("Fn::GetAtt", Value::String(s)) if s.contains('.') => {
                    let (res, attr) = s.split_once('.').unwrap();
                    json!({"Fn::GetAtt": [res, attr]})
                }
                _ => Value::Object(Map::from_iter([(k.clone(), normalize(inner))])),
            }
        }
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), normalize(v))).collect()),
        other => other.clone(),
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == ':' || c == '.'
}

/// Checks `ours` against `theirs` after [`normalize`], recording a
/// difference under `what`.
fn same(problems: &mut Vec<String>, what: String, theirs: Option<&Value>, ours: Option<&Value>) {
    let theirs = theirs.map(normalize);
    let ours = ours.map(normalize);
    if theirs != ours {
        problems.push(format!(
            "{what}: CDK has {}, ours has {}",
            theirs.map_or("nothing".into(), |v| v.to_string()),
            ours.map_or("nothing".into(), |v| v.to_string())
        ));
    }
}

/// Records names present on one side only.
fn same_names(problems: &mut Vec<String>, what: &str, theirs: BTreeSet<&str>, ours: BTreeSet<&str>) {
    let missing: Vec<_> = theirs.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&theirs).collect();
    if !missing.is_empty() {
        problems.push(format!("{what} missing from our template: {missing:?}"));
    }
    if !extra.is_empty() {
        problems.push(format!("{what} not in the CDK's template: {extra:?}"));
    }
}

fn check(template: &Value, contract: &Value) -> Vec<String> {
    let mut problems = Vec::new();

    // Parameters: the CDK CLI passes them by name and keeps the previous
    // values of those it does not pass.
    let (theirs, ours) = (section(contract, "parameters"), section(template, "Parameters"));
    same_names(&mut problems, "parameters", keys(theirs), keys(ours));
    for (name, c) in theirs {
        let Some(p) = ours.get(name) else { continue };
        same(
            &mut problems,
            format!("parameter {name} Type"),
            c.get("type"),
            p.get("Type"),
        );
        same(
            &mut problems,
            format!("parameter {name} AllowedValues"),
            c.get("allowed_values"),
            p.get("AllowedValues"),
        );
        same(
            &mut problems,
            format!("parameter {name} AllowedPattern"),
            c.get("allowed_pattern"),
            p.get("AllowedPattern"),
        );
        match DEFAULT_DIFFERENCES.iter().find(|(n, ..)| n == name) {
            Some((_, cdk, rcdk)) => {
                same(
                    &mut problems,
                    format!("parameter {name} CDK Default (pinned)"),
                    Some(&json!(cdk)),
                    c.get("default"),
                );
                same(
                    &mut problems,
                    format!("parameter {name} our Default (pinned)"),
                    Some(&json!(rcdk)),
                    p.get("Default"),
                );
            }
            None => same(
                &mut problems,
                format!("parameter {name} Default"),
                c.get("default"),
                p.get("Default"),
            ),
        }
    }

    let theirs: BTreeSet<&str> = contract["conditions"]
        .as_array()
        .expect("conditions array")
        .iter()
        .map(|v| v.as_str().expect("condition name"))
        .collect();
    same_names(
        &mut problems,
        "conditions",
        theirs,
        keys(section(template, "Conditions")),
    );

    let (theirs, ours) = (section(contract, "resources"), section(template, "Resources"));
    same_names(&mut problems, "resources", keys(theirs), keys(ours));
    for (id, c) in theirs {
        let Some(r) = ours.get(id) else { continue };
        same(
            &mut problems,
            format!("resource {id} Type"),
            c.get("type"),
            r.get("Type"),
        );
        same(
            &mut problems,
            format!("resource {id} Condition"),
            c.get("condition"),
            r.get("Condition"),
        );
        same(
            &mut problems,
            format!("resource {id} DeletionPolicy"),
            c.get("deletion_policy"),
            r.get("DeletionPolicy"),
        );
        same(
            &mut problems,
            format!("resource {id} UpdateReplacePolicy"),
            c.get("update_replace_policy"),
            r.get("UpdateReplacePolicy"),
        );
        for (prop, value) in c["physical_name"].as_object().expect("physical_name object") {
            same(
                &mut problems,
                format!("resource {id} {prop}"),
                Some(value),
                r.pointer(&format!("/Properties/{prop}")),
            );
        }
    }

    let (theirs, ours) = (section(contract, "outputs"), section(template, "Outputs"));
    same_names(&mut problems, "outputs", keys(theirs), keys(ours));
    for (name, c) in theirs {
        let Some(o) = ours.get(name) else { continue };
        same(
            &mut problems,
            format!("output {name} Value"),
            c.get("value"),
            o.get("Value"),
        );
        same(
            &mut problems,
            format!("output {name} Export"),
            c.get("export"),
            o.pointer("/Export/Name"),
        );
    }

    // The version: the CLI reads the output, CDK apps read the SSM parameter.
    let version = contract.get("version");
    same(
        &mut problems,
        "version (SSM parameter CdkBootstrapVersion Value)".into(),
        version,
        template.pointer("/Resources/CdkBootstrapVersion/Properties/Value"),
    );
    same(
        &mut problems,
        "version (output BootstrapVersion)".into(),
        version,
        template.pointer("/Outputs/BootstrapVersion/Value"),
    );

    problems
}

#[test]
fn template_matches_the_cdk_bootstrap_contract() {
    let (template, contract) = (load("template.json"), load("cdk-contract.json"));
    let problems = check(&template, &contract);
    assert!(
        problems.is_empty(),
        "bootstrap/template.json differs from the CDK's bootstrap contract:\n  {}",
        problems.join("\n  ")
    );
}

/// The checker itself: each kind of difference is reported.
#[test]
fn differences_are_reported() {
    let (template, contract) = (load("template.json"), load("cdk-contract.json"));
    let breakages: &[(&str, Value)] = &[
        ("/Parameters/Qualifier/Default", json!("abc")),
        ("/Parameters/FileAssetsBucketKmsKeyId/Default", json!("")),
        ("/Parameters/TrustedAccounts/Type", json!("String")),
        ("/Resources/LookupRole/Type", json!("AWS::IAM::User")),
        ("/Resources/StagingBucket/DeletionPolicy", json!("Delete")),
        (
            "/Resources/LookupRole/Properties/RoleName",
            json!({"Fn::Sub": "cdk-${Qualifier}-lookup-${AWS::Region}"}),
        ),
        ("/Resources/CdkBootstrapVersion/Properties/Value", json!("34")),
        (
            "/Outputs/BucketName/Value",
            json!({"Fn::GetAtt": ["StagingBucket", "Arn"]}),
        ),
        (
            "/Outputs/FileAssetKeyArn/Export/Name",
            json!("CdkBootstrap-FileAssetKeyArn"),
        ),
    ];
    for (pointer, value) in breakages {
        let mut broken = template.clone();
        *broken
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer} not in template")) = value.clone();
        assert!(
            !check(&broken, &contract).is_empty(),
            "changing {pointer} went unnoticed"
        );
    }
    for (section, name) in [
        ("Parameters", "DenyExternalId"),
        ("Resources", "ContainerAssetsRepository"),
        ("Outputs", "ImageRepositoryName"),
        ("Conditions", "UseAwsManagedKey"),
    ] {
        let mut broken = template.clone();
        broken[section].as_object_mut().unwrap().remove(name);
        assert!(
            !check(&broken, &contract).is_empty(),
            "removing {section}.{name} went unnoticed"
        );
    }
}

#[test]
fn normalize_treats_equivalent_intrinsics_alike() {
    assert_eq!(
        normalize(&json!({"Fn::Sub": "${StagingBucket}"})),
        json!({"Ref": "StagingBucket"})
    );
    assert_eq!(
        normalize(&json!({"Fn::Sub": "${AWS::Region}"})),
        json!({"Ref": "AWS::Region"})
    );
    assert_eq!(
        normalize(&json!({"Fn::Sub": "${A.Arn}"})),
        json!({"Fn::GetAtt": ["A", "Arn"]})
    );
    assert_eq!(
        normalize(&json!({"Fn::GetAtt": "A.Arn"})),
        json!({"Fn::GetAtt": ["A", "Arn"]})
    );
    assert_eq!(normalize(&json!({"Fn::Sub": "plain"})), json!("plain"));
    assert_ne!(normalize(&json!({"Fn::Sub": "${A}-x"})), json!({"Ref": "A"}));
}
