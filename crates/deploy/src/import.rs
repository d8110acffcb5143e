//! Resource import, as `cdk import` does it: resources that exist in the
//! account but belong to no stack are brought into a deployed stack, under
//! the logical IDs the app gives them, through a change set of type
//! `IMPORT`.
//!
//! The resources of the app's template that the deployed stack does not
//! have are the candidates. Each needs the values of its type's primary
//! identifier (`BucketName` for a bucket, `QueueUrl` for a queue: the
//! registry schema's `primaryIdentifier`), taken from the template's
//! literal property values, else from the resource mapping
//! ([`ImportOptions::resource_mapping`], the AWS CDK's `--resource-mapping`
//! file format), and a `DeletionPolicy`, which CloudFormation requires of
//! every imported resource. The change set's template is the deployed
//! template plus the imported resources, nothing else: an import creates,
//! updates and deletes nothing, so the app's other changes (and the new
//! resources that are not imported) wait for a deploy afterwards.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use aws_sdk_cloudformation::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_cloudformation::types::{ChangeSetStatus, ChangeSetType, Parameter, ResourceToImport, Tag};
use rcdk_core::{Assembly, StackArtifact};
use serde_json::{Map, Value as Json};

use crate::aws::{self, Cfn, Deployed, PendingChangeSet};
use crate::deploy::{failed, Approval, CAPABILITIES};
use crate::error::{classify, DeployError};
use crate::owner::{self, OWNER_TAG};
use crate::publish::INLINE_TEMPLATE_BYTES;
use crate::redact::{Masked, Secrets};
use crate::wait::{self, Out};
use crate::{runtime, select, AwsOptions, Selection};

/// Identifier values by logical ID: `{"MyBucket": {"BucketName": "my-bucket"}}`,
/// the format of the AWS CDK's `cdk import --resource-mapping` file.
pub type ResourceMapping = BTreeMap<String, BTreeMap<String, String>>;

/// The options of an import.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Identifier values for resources whose template does not set them
    /// literally (a queue's `QueueUrl`, a name computed with `Fn::Sub`).
    /// A value the template also sets must be the same. Every logical ID
    /// must be a resource the app adds to the deployed stack.
    pub resource_mapping: ResourceMapping,
    /// New resources not to import: a deploy creates them afterwards.
    /// Resources of a type that cannot be imported (custom resources,
    /// types the registry does not know) are never imported.
    pub skip: Vec<String>,
    /// [`Approval::Never`]: execute without asking. Otherwise (the
    /// default) the change set is shown and the import asked about.
    pub require_approval: Approval,
    /// Execute the change set (false: create it and stop, for review).
    pub execute: bool,
    /// Import into a stack this app did not deploy (it lacks the
    /// [`crate::OWNER_TAG`] tag), and over change sets that others left
    /// waiting for review. Its tags are kept as they are.
    pub force: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            resource_mapping: ResourceMapping::new(),
            skip: Vec::new(),
            require_approval: Approval::Broadening,
            execute: true,
            force: false,
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportOutcome {
    /// The app's stack id.
    pub stack: String,
    /// The logical IDs imported, in template order (to be imported, when
    /// the change set was left for review).
    pub imported: Vec<String>,
    /// The change set, when it was created and left for review
    /// ([`ImportOptions::execute`] false).
    pub change_set: Option<String>,
    /// The new resources not imported (skipped, or of a type that cannot
    /// be imported): a deploy creates them.
    pub not_imported: Vec<String>,
}

/// Reads a resource mapping from JSON text: an object of logical IDs, each
/// an object of identifier properties and their values (strings; numbers
/// and booleans are taken as their text).
///
/// ```
/// let m = rcdk_deploy::parse_resource_mapping(r#"{"Queue": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"}}"#).unwrap();
/// assert_eq!(m["Queue"]["QueueUrl"], "https://sqs.us-east-1.amazonaws.com/123456789012/jobs");
/// assert!(rcdk_deploy::parse_resource_mapping(r#"{"Queue": "jobs"}"#).is_err());
/// ```
pub fn parse_resource_mapping(json: &str) -> Result<ResourceMapping, DeployError> {
    let bad = |message: String| DeployError::Api {
        operation: "reading the resource mapping".into(),
        message,
    };
    let value: Json = serde_json::from_str(json).map_err(|e| bad(format!("it is not JSON: {e}")))?;
    let Json::Object(resources) = value else {
        return Err(bad(
            "it must be an object of logical IDs, each an object of identifier values, such as {\"MyBucket\": {\"BucketName\": \"my-bucket\"}}".into(),
        ));
    };
    let mut mapping = ResourceMapping::new();
    for (logical, props) in resources {
        let Json::Object(props) = props else {
            return Err(bad(format!(
                "{logical} must be an object of identifier values, such as {{\"BucketName\": \"my-bucket\"}}"
            )));
        };
        let mut ids = BTreeMap::new();
        for (k, v) in props {
            let Some(text) = literal(&v) else {
                return Err(bad(format!("{logical}.{k} must be a string")));
            };
            ids.insert(k, text);
        }
        mapping.insert(logical, ids);
    }
    Ok(mapping)
}

/// Reads a resource mapping file (see [`parse_resource_mapping`]), such as
/// one the AWS CDK's `cdk import --record-resource-mapping` wrote.
///
/// ```no_run
/// let opts = rcdk_deploy::ImportOptions {
///     resource_mapping: rcdk_deploy::load_resource_mapping("mapping.json".as_ref())?,
///     ..Default::default()
/// };
/// # Ok::<(), rcdk_deploy::DeployError>(())
/// ```
pub fn load_resource_mapping(path: &Path) -> Result<ResourceMapping, DeployError> {
    let text = std::fs::read_to_string(path).map_err(|e| DeployError::Api {
        operation: format!("reading the resource mapping {}", path.display()),
        message: e.to_string(),
    })?;
    parse_resource_mapping(&text).map_err(|e| match e {
        DeployError::Api { message, .. } => DeployError::Api {
            operation: format!("reading the resource mapping {}", path.display()),
            message,
        },
        other => other,
    })
}

/// Imports existing resources into the selected stack (one: an import
/// works on one stack) through an `IMPORT` change set: the resources the
/// app's template adds to the deployed stack, identified as the module
/// docs say. The plan is printed (what is imported, with which
/// identifiers; what is left for a deploy), then the change set; `confirm`
/// answers whether to execute it, unless [`ImportOptions::require_approval`]
/// is [`Approval::Never`]; the stack is then followed to `IMPORT_COMPLETE`.
///
/// Nothing is created unless every resource to import can be: a missing
/// identifier or `DeletionPolicy`, or a reference to something the stack
/// would not have, is an error naming the resource (its logical ID,
/// construct path and type) and what it needs. A declined import removes
/// its change set and changes nothing ([`DeployError::Declined`]).
///
/// ```no_run
/// # fn main() -> Result<(), rcdk_deploy::DeployError> {
/// use rcdk_core::{App, DeletionPolicy, Resource, StackProps, Value};
/// use rcdk_deploy::{import, AwsOptions, ImportOptions, Selection};
///
/// let app = App::new();
/// let stack = app.stack("Storage", StackProps::default());
/// let bucket = Resource::new(&stack, "Bucket", "AWS::S3::Bucket", [("BucketName", Value::from("my-existing-bucket"))]);
/// bucket.set_deletion_policy(DeletionPolicy::Retain);
/// let assembly = app.synth().expect("the app synthesizes");
///
/// let mut ask = |question: &str| {
///     println!("{question}");
///     let mut answer = String::new();
///     std::io::stdin().read_line(&mut answer).is_ok() && answer.trim() == "y"
/// };
/// let done = import(&assembly, &Selection::Default, &AwsOptions::default(), &ImportOptions::default(), &mut std::io::stdout(), &mut ask)?;
/// println!("imported {:?}; a deploy creates {:?}", done.imported, done.not_imported);
/// # Ok(())
/// # }
/// ```
pub fn import(
    assembly: &Assembly,
    sel: &Selection,
    aws: &AwsOptions,
    opts: &ImportOptions,
    out: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<ImportOutcome, DeployError> {
    let stacks = select(assembly, sel, false)?;
    let [stack] = stacks[..] else {
        let names: Vec<&str> = stacks.iter().map(|s| s.id()).collect();
        return Err(DeployError::Api {
            operation: "import".into(),
            message: format!(
                "an import works on one stack at a time, and {} are selected ({}); choose one with --stack NAME",
                names.len(),
                names.join(", ")
            ),
        });
    };
    let mut secrets = Secrets::default();
    secrets.add_defaults(stack.template());
    let result = {
        let mut masked = Masked::new(out, &secrets);
        let out: Out<'_> = RefCell::new(&mut masked);
        runtime()?.block_on(async {
            let cfn = aws::connect(aws).await?;
            import_stack(&cfn, stack, opts, &out, confirm).await
        })
    };
    result.map_err(|e| e.masked(&|t| secrets.mask(t)))
}

fn say(out: &Out<'_>, line: &str) {
    writeln!(out.borrow_mut(), "{line}").ok();
}

/// [`import`] of one stack through `cfn`.
pub(crate) async fn import_stack(
    cfn: &Cfn,
    s: &StackArtifact,
    opts: &ImportOptions,
    out: &Out<'_>,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<ImportOutcome, DeployError> {
    let name = s.stack_name();
    let Some(d) = cfn.describe(name).await? else {
        return Err(DeployError::Api {
            operation: format!("import into stack {name}"),
            message: "the stack is not deployed; an import brings resources into a deployed stack: deploy the app without the resources to import first".into(),
        });
    };
    if let Some(advice) = blocked(&d.status) {
        return Err(DeployError::StackBusy {
            stack: name.to_owned(),
            status: d.status,
            advice: advice.to_owned(),
        });
    }
    let pending = cfn.pending_change_sets(&d.id).await?;
    if let Err(e) = owner::check(s, &d, &pending) {
        if !opts.force {
            return Err(e);
        }
        say(
            out,
            &format!(
                "{name}: not deployed by this app (no {OWNER_TAG} tag naming it); importing into it because of --force"
            ),
        );
    }
    settle_change_sets(cfn, name, &pending, opts.force, out).await?;
    let old = cfn.template(&d.id).await?;
    let plan = plan(s, &old, opts)?;
    print_plan(s, &plan, out);
    let outcome = |change_set: Option<String>| ImportOutcome {
        stack: s.id().to_owned(),
        imported: plan.imports.iter().map(|i| i.logical_id.clone()).collect(),
        change_set,
        not_imported: plan.not_imported.iter().map(|(l, _)| l.clone()).collect(),
    };
    if plan.imports.is_empty() {
        say(out, &format!("{name}: nothing to import"));
        return Ok(outcome(None));
    }
    let body = serde_json::to_string(&plan.template).unwrap_or_default();
    if body.len() > INLINE_TEMPLATE_BYTES {
        return Err(DeployError::Api {
            operation: format!("import into stack {name}"),
            message: format!(
                "the import's template is {} bytes, over the {INLINE_TEMPLATE_BYTES} bytes CloudFormation accepts inline, and rcdk does not upload import templates yet",
                body.len()
            ),
        });
    }
    let cs = crate::changeset::new_name();
    let created = cfn
        .client
        .create_change_set()
        .stack_name(&d.id)
        .change_set_name(&cs)
        .change_set_type(ChangeSetType::Import)
        .template_body(body)
        .set_parameters(Some(previous_parameters(&d)))
        .set_capabilities(Some(CAPABILITIES.to_vec()))
        .set_tags(Some(
            d.tags
                .iter()
                .map(|(k, v)| Tag::builder().key(k).value(v).build())
                .collect(),
        ))
        .set_resources_to_import(Some(plan.imports.iter().map(Import::to_sdk).collect()))
        .send()
        .await
        .map_err(|e| classify("CreateChangeSet", &cfn.endpoint, e))?;
    let id = created.stack_id().unwrap_or(&d.id).to_owned();
    let seen = wait::seen_events(cfn, &id).await;
    match review(cfn, s, &id, &cs, &plan, opts, out, confirm).await {
        Ok(false) => return Ok(outcome(Some(cs))),
        Ok(true) => {}
        Err(e) => return Err(cleanup(cfn, name, &id, &cs, e).await),
    }
    let end = wait::follow(cfn, name, &id, seen, out).await?;
    if end.status != "IMPORT_COMPLETE" {
        return Err(match failed(cfn, name, &id, &end.status).await {
            DeployError::OperationFailed {
                stack,
                status,
                mut failures,
            } => {
                if status == "IMPORT_ROLLBACK_COMPLETE" {
                    failures.push("the import failed and was rolled back: the stack is as it was before; fix the cause and import again".into());
                }
                DeployError::OperationFailed {
                    stack,
                    status,
                    failures,
                }
            }
            other => other,
        });
    }
    let imported: Vec<&str> = plan.imports.iter().map(|i| i.logical_id.as_str()).collect();
    say(
        out,
        &format!(
            "{name}: IMPORT_COMPLETE: imported {}; run drift detection to check they match the app",
            imported.join(", ")
        ),
    );
    Ok(outcome(None))
}

/// Statuses that block an import, and what to do about each.
fn blocked(status: &str) -> Option<&'static str> {
    match status {
        "REVIEW_IN_PROGRESS" => Some("it was never created (its change set was not executed): deploy the app without the resources to import first"),
        s if s.ends_with("_IN_PROGRESS") => Some("another operation is running; wait for it to finish and import again"),
        "ROLLBACK_COMPLETE" => Some("its creation failed and was rolled back, so it cannot be changed; delete it (destroy --stack) and deploy again"),
        "ROLLBACK_FAILED" | "DELETE_FAILED" | "UPDATE_ROLLBACK_FAILED" | "IMPORT_ROLLBACK_FAILED" => Some("it needs attention: fix or skip the failed resources in the console (or continue the rollback), then import again"),
        _ => None,
    }
}

/// Change sets waiting on the stack: executing one discards the others, so
/// rcdk's are replaced and others' refused unless `force`.
async fn settle_change_sets(
    cfn: &Cfn,
    name: &str,
    pending: &[PendingChangeSet],
    force: bool,
    out: &Out<'_>,
) -> Result<(), DeployError> {
    if let Some(c) = pending.iter().find(|c| c.creating) {
        return Err(DeployError::StackBusy {
            stack: name.to_owned(),
            status: format!("computing change set {}", c.name),
            advice: "another deploy or import is running on it; wait for it to end and import again".into(),
        });
    }
    crate::deploy::settle_change_sets(cfn, name, pending, force, "import", out).await
}

/// Every parameter the stack has, at its previous value: the import's
/// template declares exactly the deployed one's.
fn previous_parameters(d: &Deployed) -> Vec<Parameter> {
    d.parameters
        .iter()
        .map(|k| Parameter::builder().parameter_key(k).use_previous_value(true).build())
        .collect()
}

/// One resource to import.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Import {
    logical_id: String,
    type_name: String,
    /// Identifier property -> value.
    identifier: BTreeMap<String, String>,
}

impl Import {
    fn to_sdk(&self) -> ResourceToImport {
        ResourceToImport::builder()
            .resource_type(&self.type_name)
            .logical_resource_id(&self.logical_id)
            .set_resource_identifier(Some(
                self.identifier.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            ))
            .build()
    }
}

/// What an import does.
#[derive(Debug)]
struct Plan {
    /// The resources to import, in template order.
    imports: Vec<Import>,
    /// The change set's template: the deployed one plus the imported resources.
    template: Json,
    /// New resources not imported, and why.
    not_imported: Vec<(String, String)>,
    /// How many of the app's other changes a deploy still has to make.
    other_changes: usize,
}

/// `Queue (Storage/Queue, AWS::SQS::Queue)`.
fn describe(s: &StackArtifact, logical: &str, type_name: &str) -> String {
    match s.construct_path(logical) {
        Some(p) => format!("{logical} ({p}, {type_name})"),
        None => format!("{logical} ({type_name})"),
    }
}

/// A literal scalar as the text an identifier takes.
fn literal(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn section<'a>(t: &'a Json, name: &str) -> Option<&'a Map<String, Json>> {
    t.get(name).and_then(Json::as_object)
}

/// Decides what to import and builds the change set's template; every
/// problem found is in the one error.
fn plan(s: &StackArtifact, old: &Json, opts: &ImportOptions) -> Result<Plan, DeployError> {
    let name = s.stack_name();
    let empty = Map::new();
    let new_resources = section(s.template(), "Resources").unwrap_or(&empty);
    let old_resources = section(old, "Resources").unwrap_or(&empty);
    let mut problems = Vec::new();
    for logical in opts.resource_mapping.keys() {
        if !new_resources.contains_key(logical) {
            problems.push(format!(
                "the resource mapping names {logical}, which is not a resource of stack {name}"
            ));
        } else if old_resources.contains_key(logical) {
            problems.push(format!(
                "the resource mapping names {logical}, which the deployed stack already has"
            ));
        } else if opts.skip.contains(logical) {
            problems.push(format!("{logical} is both skipped and in the resource mapping"));
        }
    }
    for logical in &opts.skip {
        if !new_resources.contains_key(logical) {
            problems.push(format!("skip names {logical}, which is not a resource of stack {name}"));
        }
    }
    let mut imports = Vec::new();
    let mut not_imported = Vec::new();
    for (logical, def) in new_resources.iter().filter(|(l, _)| !old_resources.contains_key(*l)) {
        let type_name = def.get("Type").and_then(Json::as_str).unwrap_or_default();
        let described = describe(s, logical, type_name);
        if opts.skip.contains(logical) {
            not_imported.push((logical.clone(), "skipped".to_owned()));
            continue;
        }
        let mapped = opts.resource_mapping.get(logical);
        let primary = rcdk_diff::primary_identifier(type_name).filter(|p| !p.is_empty());
        let names: Vec<String> = match (&primary, mapped) {
            (Some(p), _) => p.iter().map(|s| (*s).to_owned()).collect(),
            // A type the registry does not know: the mapping says what identifies it.
            (None, Some(m)) => m.keys().cloned().collect(),
            (None, None) => {
                not_imported.push((
                    logical.clone(),
                    format!("{type_name} cannot be imported (the registry gives it no primary identifier)"),
                ));
                continue;
            }
        };
        let props = def.get("Properties").and_then(Json::as_object).unwrap_or(&empty);
        let mut identifier = BTreeMap::new();
        let mut missing = Vec::new();
        for p in &names {
            let set = props.get(p).and_then(literal);
            let given = mapped.and_then(|m| m.get(p)).cloned();
            match (set, given) {
                (Some(set), Some(given)) if set != given => problems.push(format!(
                    "{described}: the resource mapping gives {p} {given:?}, but the template sets {set:?}"
                )),
                (Some(v), _) | (None, Some(v)) => {
                    identifier.insert(p.clone(), v);
                }
                (None, None) => missing.push(p.as_str()),
            }
        }
        if let (Some(m), Some(_)) = (mapped, &primary) {
            for k in m.keys().filter(|k| !names.contains(k)) {
                problems.push(format!(
                    "{described}: the resource mapping gives {k}, which does not identify a {type_name} (its identifier is {})",
                    names.join(" and ")
                ));
            }
        }
        if !missing.is_empty() {
            let example: Vec<String> = missing.iter().map(|p| format!("\"{p}\": \"...\"")).collect();
            problems.push(format!(
                "{described} needs {} to be imported, and the template sets no literal value for {}: give {} in the resource mapping ({{\"{logical}\": {{{}}}}}), or skip the resource to create it with a deploy afterwards",
                missing.join(" and "),
                if missing.len() == 1 { "it" } else { "them" },
                if missing.len() == 1 { "it" } else { "them" },
                example.join(", ")
            ));
        }
        if def.get("DeletionPolicy").is_none() {
            problems.push(format!(
                "{described} has no DeletionPolicy, and CloudFormation imports only resources that have one: set it in the app (Retain keeps the resource if it ever leaves the stack)"
            ));
        }
        imports.push(Import {
            logical_id: logical.clone(),
            type_name: type_name.to_owned(),
            identifier,
        });
    }
    let mut template = if old.is_object() {
        old.clone()
    } else {
        Json::Object(Map::new())
    };
    if let Some(t) = template.as_object_mut() {
        let resources = t.entry("Resources").or_insert_with(|| Json::Object(Map::new()));
        if let Some(r) = resources.as_object_mut() {
            for i in &imports {
                r.insert(i.logical_id.clone(), new_resources[&i.logical_id].clone());
            }
        }
    }
    for i in &imports {
        for (kind, target) in references(&new_resources[&i.logical_id]) {
            if !defines(&template, kind, &target) {
                problems.push(format!(
                    "{} refers to {kind} {target}, which the deployed stack does not have: an import adds nothing but the imported resources, so import {target} too, or get it into the stack first (deploy the app without {})",
                    describe(s, &i.logical_id, &i.type_name),
                    i.logical_id
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(DeployError::Api {
            operation: format!("import into stack {name}"),
            message: problems.join("; "),
        });
    }
    let rest = rcdk_diff::diff(&template, s.template());
    let other_changes = rest
        .resources
        .iter()
        .filter(|r| !not_imported.iter().any(|(l, _)| *l == r.logical_id))
        .count()
        + rest.outputs.len()
        + rest.parameters.len()
        + rest.other.len();
    Ok(Plan {
        imports,
        template,
        not_imported,
        other_changes,
    })
}

/// What a resource definition refers to: `(kind, name)` with kind
/// `resource`, `resource or parameter`, `condition` or `mapping`.
fn references(def: &Json) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    match def.get("DependsOn") {
        Some(Json::String(d)) => found.push(("resource", d.clone())),
        Some(Json::Array(a)) => found.extend(a.iter().filter_map(Json::as_str).map(|d| ("resource", d.to_owned()))),
        _ => {}
    }
    if let Some(Json::String(c)) = def.get("Condition") {
        found.push(("condition", c.clone()));
    }
    if let Some(p) = def.get("Properties") {
        walk(p, &mut found);
    }
    found.sort();
    found.dedup();
    found
}

fn walk(v: &Json, found: &mut Vec<(&'static str, String)>) {
    match v {
        Json::Array(a) => a.iter().for_each(|x| walk(x, found)),
        Json::Object(m) => {
            if m.len() == 1 {
                let (k, arg) = m.iter().next().expect("one entry");
                match (k.as_str(), arg) {
                    ("Ref", Json::String(r)) => found.push(("resource or parameter", r.clone())),
                    ("Fn::GetAtt", Json::Array(a)) => {
                        if let Some(r) = a.first().and_then(Json::as_str) {
                            found.push(("resource", r.to_owned()));
                        }
                    }
                    ("Fn::GetAtt", Json::String(s)) => {
                        found.push(("resource", s.split('.').next().unwrap_or_default().to_owned()))
                    }
                    ("Fn::Sub", sub) => {
                        let (text, vars) = match sub {
                            Json::String(t) => (t.as_str(), None),
                            Json::Array(a) => (
                                a.first().and_then(Json::as_str).unwrap_or_default(),
                                a.get(1).and_then(Json::as_object),
                            ),
                            _ => ("", None),
                        };
                        for n in sub_names(text) {
                            let head = n.split('.').next().unwrap_or_default();
                            if !vars.is_some_and(|v| v.contains_key(&n) || v.contains_key(head)) {
                                let kind = if n.contains('.') {
                                    "resource"
                                } else {
                                    "resource or parameter"
                                };
                                found.push((kind, head.to_owned()));
                            }
                        }
                    }
                    ("Fn::If", Json::Array(a)) => {
                        if let Some(c) = a.first().and_then(Json::as_str) {
                            found.push(("condition", c.to_owned()));
                        }
                    }
                    ("Condition", Json::String(c)) => found.push(("condition", c.clone())),
                    ("Fn::FindInMap", Json::Array(a)) => {
                        if let Some(m) = a.first().and_then(Json::as_str) {
                            found.push(("mapping", m.to_owned()));
                        }
                    }
                    _ => {}
                }
            }
            m.values().for_each(|x| walk(x, found));
        }
        _ => {}
    }
}

/// The names in `${...}` of an `Fn::Sub` text (not `${!literal}`).
fn sub_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        rest = &rest[start + 2..];
        let Some(end) = rest.find('}') else { break };
        let name = rest[..end].trim();
        if !name.starts_with('!') {
            names.push(name.to_owned());
        }
        rest = &rest[end..];
    }
    names
}

/// Whether `template` defines what a reference names.
fn defines(template: &Json, kind: &str, name: &str) -> bool {
    let has = |s: &str| section(template, s).is_some_and(|m| m.contains_key(name));
    match kind {
        "resource" => has("Resources"),
        "resource or parameter" => name.starts_with("AWS::") || has("Resources") || has("Parameters"),
        "condition" => has("Conditions"),
        "mapping" => has("Mappings"),
        _ => true,
    }
}

fn print_plan(s: &StackArtifact, plan: &Plan, out: &Out<'_>) {
    let name = s.stack_name();
    let mut w = out.borrow_mut();
    if !plan.imports.is_empty() {
        writeln!(w, "{name}: importing {} existing resource(s):", plan.imports.len()).ok();
        for i in &plan.imports {
            let ids: Vec<String> = i.identifier.iter().map(|(k, v)| format!("{k}={v}")).collect();
            writeln!(
                w,
                "  {} with {}",
                describe(s, &i.logical_id, &i.type_name),
                ids.join(", ")
            )
            .ok();
        }
    }
    for (logical, why) in &plan.not_imported {
        let type_name = s
            .template()
            .pointer(&format!(
                "/Resources/{}/Type",
                logical.replace('~', "~0").replace('/', "~1")
            ))
            .and_then(Json::as_str)
            .unwrap_or_default();
        writeln!(w, "{name}: not importing {}: {why}", describe(s, logical, type_name)).ok();
    }
    let mut rest = Vec::new();
    if !plan.not_imported.is_empty() {
        let ids: Vec<&str> = plan.not_imported.iter().map(|(l, _)| l.as_str()).collect();
        rest.push(format!("create {}", ids.join(", ")));
    }
    if plan.other_changes > 0 {
        rest.push(format!("make the app's {} other change(s)", plan.other_changes));
    }
    if !rest.is_empty() {
        writeln!(
            w,
            "{name}: an import changes nothing but the imported resources: deploy afterwards to {}",
            rest.join(" and ")
        )
        .ok();
    }
}

/// Waits for the change set, shows it, and executes it once agreed. False
/// when it was left for review.
#[allow(clippy::too_many_arguments)]
async fn review(
    cfn: &Cfn,
    s: &StackArtifact,
    id: &str,
    cs: &str,
    plan: &Plan,
    opts: &ImportOptions,
    out: &Out<'_>,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<bool, DeployError> {
    let name = s.stack_name();
    let described = wait::change_set(cfn, name, id, cs, out).await?;
    if described.status() != Some(&ChangeSetStatus::CreateComplete) {
        let status = described.status().map(|s| s.as_str()).unwrap_or("unknown");
        return Err(DeployError::ChangeSetFailed {
            stack: name.to_owned(),
            reason: described
                .status_reason()
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .unwrap_or_else(|| format!("it is {status}")),
        });
    }
    show(s, cs, &described, out);
    if !opts.execute {
        say(
            out,
            &format!(
                "{name}: change set {cs} created, not executed; to execute it: aws cloudformation execute-change-set {flags} --stack-name {name} --change-set-name {cs}; to remove it: {remove}",
                flags = cfn.cli_flags,
                remove = cfn.delete_change_set_command(name, cs)
            ),
        );
        return Ok(false);
    }
    if opts.require_approval != Approval::Never {
        let ids: Vec<&str> = plan.imports.iter().map(|i| i.logical_id.as_str()).collect();
        let question = format!(
            "Import {} resource(s) into stack {name} ({})? (y/n)",
            ids.len(),
            ids.join(", ")
        );
        if !confirm(&question) {
            return Err(DeployError::Declined);
        }
    }
    cfn.client
        .execute_change_set()
        .stack_name(id)
        .change_set_name(cs)
        .send()
        .await
        .map_err(|e| classify("ExecuteChangeSet", &cfn.endpoint, e))?;
    Ok(true)
}

/// Prints the change set's resource changes.
fn show(s: &StackArtifact, cs: &str, described: &DescribeChangeSetOutput, out: &Out<'_>) {
    let mut w = out.borrow_mut();
    writeln!(w, "{}: change set {cs} (import)", s.stack_name()).ok();
    for rc in described.changes().iter().filter_map(|c| c.resource_change()) {
        let logical = rc.logical_resource_id().unwrap_or_default();
        let physical = rc
            .physical_resource_id()
            .map(|p| format!(" <- {p}"))
            .unwrap_or_default();
        writeln!(
            w,
            "  {:<7} {}{physical}",
            rc.action().map(|a| a.as_str()).unwrap_or("?"),
            describe(s, logical, rc.resource_type().unwrap_or_default())
        )
        .ok();
    }
}

/// Removes the change set after a failure or a refusal, and returns `err`,
/// naming the change set when it could not be removed.
async fn cleanup(cfn: &Cfn, name: &str, id: &str, cs: &str, err: DeployError) -> DeployError {
    if !matches!(err, DeployError::Unreachable { .. }) && cfn.delete_change_set(id, cs).await.is_ok() {
        return err;
    }
    DeployError::LeftBehind {
        cause: Box::new(err),
        stack: name.to_owned(),
        change_set: cs.to_owned(),
        certain: true,
        remove: vec![cfn.delete_change_set_command(name, cs)],
    }
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
