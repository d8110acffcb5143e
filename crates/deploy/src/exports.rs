//! Removing a cross-stack export that another stack still imports.
//!
//! CloudFormation refuses to update a stack whose new template drops an
//! export that some stack imports, and the usual order (producers first)
//! always hits that when an app stops using a value across stacks: the
//! AWS CDK leaves its users to deploy twice by hand. rcdk reads the deployed
//! templates first and, when the importing stack is in the app and its new
//! template no longer imports the export, deploys it before the producer.
//! What cannot be ordered is refused before anything changes, with the way
//! out: an importer outside the deploy, or outside the app.

use rcdk_core::StackArtifact;
use serde_json::Value as Json;

use crate::aws::Cfn;
use crate::error::DeployError;
use crate::wait::Out;

/// The literal export names of a template's outputs.
pub(crate) fn exports(template: &Json) -> Vec<String> {
    let outputs = template.get("Outputs").and_then(Json::as_object);
    let names = outputs
        .into_iter()
        .flatten()
        .filter_map(|(_, o)| o.get("Export")?.get("Name")?.as_str());
    names.map(str::to_owned).collect()
}

/// The literal export names a template imports (`Fn::ImportValue`).
pub(crate) fn imports(template: &Json) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![template];
    while let Some(v) = stack.pop() {
        match v {
            Json::Object(m) => {
                if let Some(Json::String(name)) = m.get("Fn::ImportValue") {
                    if !found.contains(name) {
                        found.push(name.clone());
                    }
                }
                stack.extend(m.values());
            }
            Json::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

/// A stack that must deploy before another, because it stops importing an
/// export the other stops exporting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Release {
    /// The importing stack's id: deploys first.
    pub(crate) consumer: String,
    /// The exporting stack's id: deploys after.
    pub(crate) producer: String,
}

/// What a deployed stack and the app say about one stack.
struct Known<'a> {
    stack: &'a StackArtifact,
    deployed: Option<Json>,
}

/// The releases a deploy of `selected` needs; an error when one cannot be
/// ordered. Costs one `DescribeStacks` per selected stack; the templates of
/// the app's other stacks are read only when an export goes away.
pub(crate) async fn releases(
    cfn: &Cfn,
    all: &[&StackArtifact],
    selected: &[&StackArtifact],
    out: &Out<'_>,
) -> Result<Vec<Release>, DeployError> {
    let mut found = Vec::new();
    let mut others: Option<Vec<Known<'_>>> = None;
    for producer in selected {
        let Some(d) = cfn.describe(producer.stack_name()).await? else {
            continue;
        };
        let kept = exports(producer.template());
        let removed: Vec<&String> = d.exports.iter().filter(|e| !kept.contains(e)).collect();
        if removed.is_empty() {
            continue;
        }
        let known = match &mut others {
            Some(k) => k,
            None => others.insert(deployed_templates(cfn, all).await?),
        };
        for export in removed {
            for consumer in known.iter().filter(|k| k.stack.id() != producer.id()) {
                if consumer.deployed.as_ref().is_some_and(|t| imports(t).contains(export)) {
                    let release = order(producer, consumer, export, &d.exports, selected)?;
                    let (c, pn) = (consumer.stack.stack_name(), producer.stack_name());
                    say(
                        out,
                        &format!("{c}: deploys before {pn}: it stops importing {export}, which {pn} stops exporting"),
                    );
                    found.push(release);
                }
            }
            outside_importers(cfn, export, producer, all).await?;
        }
    }
    Ok(found)
}

/// The deployed template of each stack of the app that is deployed.
async fn deployed_templates<'a>(cfn: &Cfn, all: &[&'a StackArtifact]) -> Result<Vec<Known<'a>>, DeployError> {
    let mut known = Vec::new();
    for s in all {
        let deployed = match cfn.describe(s.stack_name()).await? {
            Some(d) if !d.status.starts_with("DELETE") => Some(cfn.template(&d.id).await?),
            _ => None,
        };
        known.push(Known { stack: s, deployed });
    }
    Ok(known)
}

/// Checks that `consumer` can deploy before `producer`, which drops `export`.
fn order(
    producer: &StackArtifact,
    consumer: &Known<'_>,
    export: &str,
    old_exports: &[String],
    selected: &[&StackArtifact],
) -> Result<Release, DeployError> {
    let (p, c) = (producer.stack_name(), consumer.stack.stack_name());
    let refuse = |advice: String| DeployError::ExportInUse {
        export: export.to_owned(),
        producer: p.to_owned(),
        consumer: c.to_owned(),
        advice,
    };
    let new_imports = imports(consumer.stack.template());
    if new_imports.iter().any(|e| e == export) {
        return Err(refuse(format!(
            "its new template still imports it; keep the export in {p}, or remove the import from {c} first"
        )));
    }
    if !selected.iter().any(|s| s.id() == consumer.stack.id()) {
        return Err(refuse(format!(
            "deploy {c} with it (--stack {c}, or --all): {c} drops the import first, then {p} the export"
        )));
    }
    let added: Vec<String> = exports(producer.template())
        .into_iter()
        .filter(|e| !old_exports.contains(e))
        .collect();
    if let Some(needed) = new_imports.iter().find(|e| added.contains(e)) {
        return Err(refuse(format!(
            "{c} also starts importing {needed}, which {p} does not export yet, so neither can deploy first; deploy in two steps: first keep both values in use, then remove the old one"
        )));
    }
    Ok(Release {
        consumer: consumer.stack.id().to_owned(),
        producer: producer.id().to_owned(),
    })
}

/// Fails when a stack outside the app imports `export` (CloudFormation's
/// `ListImports`; an endpoint without it tells nothing, and nothing is
/// assumed).
async fn outside_importers(
    cfn: &Cfn,
    export: &str,
    producer: &StackArtifact,
    all: &[&StackArtifact],
) -> Result<(), DeployError> {
    let Ok(listed) = cfn.client.list_imports().export_name(export).send().await else {
        return Ok(());
    };
    let outside: Vec<&str> = listed
        .imports()
        .iter()
        .map(String::as_str)
        .filter(|name| !all.iter().any(|s| s.stack_name() == *name))
        .collect();
    match outside.first() {
        None => Ok(()),
        Some(first) => Err(DeployError::ExportInUse {
            export: export.to_owned(),
            producer: producer.stack_name().to_owned(),
            consumer: (*first).to_owned(),
            advice: format!(
                "{} not in this app; remove the import there first, or keep the export",
                if outside.len() == 1 {
                    "it is".to_owned()
                } else {
                    format!("they ({}) are", outside.join(", "))
                }
            ),
        }),
    }
}

fn say(out: &Out<'_>, line: &str) {
    writeln!(out.borrow_mut(), "{line}").ok();
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn exports_and_imports_are_read_from_templates() {
        let t = json!({
            "Resources": {"T": {"Properties": {"KmsMasterKeyId": {"Fn::ImportValue": "Storage:Key"}, "Tags": [{"Value": {"Fn::ImportValue": "Storage:Queue"}}]}}},
            "Outputs": {"A": {"Value": 1, "Export": {"Name": "Mine:A"}}, "B": {"Value": 2}}
        });
        assert_eq!(exports(&t), ["Mine:A"]);
        let mut found = imports(&t);
        found.sort();
        assert_eq!(found, ["Storage:Key", "Storage:Queue"]);
    }
}
