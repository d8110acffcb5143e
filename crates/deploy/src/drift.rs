//! Drift detection: whether the deployed resources still match their
//! stack's template, or were changed (or deleted) outside CloudFormation.
//!
//! For each stack, CloudFormation checks every resource that supports drift
//! detection (`DetectStackDrift`); rcdk waits for the check, saying so at
//! least every 30 seconds, then lists each resource that drifted or could
//! not be checked, with its construct path in the app and, for a modified
//! one, each property that differs. A property whose value comes from a
//! `NoEcho` parameter (or a secure dynamic reference) is shown as `****`,
//! and so are the parameters' defaults wherever they appear.

use std::cell::RefCell;
use std::io::Write;

use aws_sdk_cloudformation::operation::describe_stack_drift_detection_status::DescribeStackDriftDetectionStatusOutput;
use aws_sdk_cloudformation::types::{StackDriftDetectionStatus, StackDriftStatus, StackResourceDrift};
use rcdk_core::{Assembly, StackArtifact};
use serde_json::Value as Json;

use crate::aws::{self, Cfn};
use crate::error::{classify, DeployError};
use crate::redact::{no_echo, Secrets, MASK};
use crate::wait::{human, Out, Progress};
use crate::{runtime, select, AwsOptions, Selection};

/// Detects drift on the selected stacks ([`Selection::Default`]: every
/// stack, as `diff`) and prints, per stack, each resource that drifted or
/// was not checked, then a one-line summary. Returns whether anything
/// drifted.
///
/// For each resource it prints its drift status (`MODIFIED`, `DELETED`,
/// `NOT_CHECKED`), logical ID, construct path and type, and for a modified
/// one each differing property: its path, the expected value (the
/// template's, with the stack's parameter values) and the actual one, and
/// the kind of difference (`NOT_EQUAL`, `ADD`, `REMOVE`):
///
/// ```text
/// Storage: detecting drift
///   MODIFIED    Queue Storage/Queue/Resource (AWS::SQS::Queue)
///       /VisibilityTimeout: 30 -> 120 (NOT_EQUAL)
///   DELETED     Topic Storage/Topic/Resource (AWS::SNS::Topic)
/// Storage: DRIFTED: 2 of 3 checked resources (1 modified, 1 deleted)
/// ```
///
/// A selected stack that is not deployed is reported, not an error. When
/// CloudFormation could not check some resources (`DETECTION_FAILED`), the
/// results it has are printed, the other stacks are still checked, and the
/// error gives its reason.
///
/// ```no_run
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_deploy::{drift, AwsOptions, Selection};
///
/// let app = App::new();
/// let stack = app.stack("Storage", StackProps::default());
/// Resource::new(&stack, "Queue", "AWS::SQS::Queue", [("VisibilityTimeout", Value::from(30))]);
/// let assembly = app.synth().expect("the app synthesizes");
/// match drift(&assembly, &Selection::All, &AwsOptions::default(), &mut std::io::stdout()) {
///     Ok(drifted) => std::process::exit(i32::from(drifted)),
///     Err(e) => {
///         eprintln!("{e}");
///         std::process::exit(2)
///     }
/// }
/// ```
pub fn drift(assembly: &Assembly, sel: &Selection, aws: &AwsOptions, out: &mut dyn Write) -> Result<bool, DeployError> {
    let sel = if *sel == Selection::Default {
        Selection::All
    } else {
        sel.clone()
    };
    let stacks = select(assembly, &sel, false)?;
    let out: Out<'_> = RefCell::new(out);
    runtime()?.block_on(async {
        let cfn = aws::connect(aws).await?;
        drift_stacks(&cfn, &stacks, &out).await
    })
}

/// [`drift`] of `stacks` through `cfn`.
pub(crate) async fn drift_stacks(cfn: &Cfn, stacks: &[&StackArtifact], out: &Out<'_>) -> Result<bool, DeployError> {
    let mut any = false;
    let mut first_failure = None;
    for s in stacks {
        let checked = check_stack(cfn, s, out).await?;
        any |= checked.drifted;
        if first_failure.is_none() {
            first_failure = checked.failure;
        }
    }
    match first_failure {
        Some(e) => Err(e),
        None => Ok(any),
    }
}

/// What checking one stack found.
#[derive(Default)]
struct Checked {
    drifted: bool,
    /// Detection failed for some resources: the error to return once every
    /// stack is checked.
    failure: Option<DeployError>,
}

fn say(out: &Out<'_>, secrets: &Secrets, line: &str) {
    writeln!(out.borrow_mut(), "{}", secrets.mask(line)).ok();
}

async fn check_stack(cfn: &Cfn, s: &StackArtifact, out: &Out<'_>) -> Result<Checked, DeployError> {
    let name = s.stack_name();
    let mut secrets = Secrets::default();
    secrets.add_defaults(s.template());
    let Some(deployed) = cfn.describe(name).await? else {
        say(out, &secrets, &format!("{name}: not deployed; no drift to detect"));
        return Ok(Checked::default());
    };
    if deployed.status == "REVIEW_IN_PROGRESS" {
        say(
            out,
            &secrets,
            &format!("{name}: REVIEW_IN_PROGRESS: never created (its change set was not executed); no drift to detect"),
        );
        return Ok(Checked::default());
    }
    let template = cfn.template(&deployed.id).await?;
    secrets.add_defaults(&template);
    let mask = |e: DeployError| e.masked(&|t| secrets.mask(t));
    say(out, &secrets, &format!("{name}: detecting drift"));
    let started = cfn
        .client
        .detect_stack_drift()
        .stack_name(&deployed.id)
        .send()
        .await
        .map_err(|e| mask(classify("DetectStackDrift", &cfn.endpoint, e)))?;
    let Some(detection) = started.stack_drift_detection_id() else {
        return Err(DeployError::Api {
            operation: "DetectStackDrift".into(),
            message: format!("CloudFormation returned no drift detection id for stack {name}"),
        });
    };
    let status = wait_for_detection(cfn, name, detection, out).await.map_err(mask)?;
    let drifts = resource_drifts(cfn, &deployed.id).await.map_err(mask)?;
    let secret_paths = SecretPaths {
        templates: [&template, s.template()],
    };
    let counts = print_drifts(s, &drifts, &secret_paths, &secrets, out);
    let failed = status.detection_status() == Some(&StackDriftDetectionStatus::DetectionFailed);
    let drifted =
        counts.modified + counts.deleted > 0 || status.stack_drift_status() == Some(&StackDriftStatus::Drifted);
    say(out, &secrets, &summary(name, &counts, drifted, failed));
    let failure = failed.then(|| {
        let reason = status
            .detection_status_reason()
            .unwrap_or("CloudFormation gave no reason");
        DeployError::Api {
            operation: format!("drift detection of stack {name}"),
            message: secrets.mask(&format!(
                "DETECTION_FAILED: {reason} (the resources it could check are listed above)"
            )),
        }
    });
    Ok(Checked { drifted, failure })
}

/// Polls the drift detection until it ends, saying so at least every heartbeat.
async fn wait_for_detection(
    cfn: &Cfn,
    name: &str,
    detection: &str,
    out: &Out<'_>,
) -> Result<DescribeStackDriftDetectionStatusOutput, DeployError> {
    let mut progress = Progress::new(cfn.timing.heartbeat);
    loop {
        let status = cfn
            .client
            .describe_stack_drift_detection_status()
            .stack_drift_detection_id(detection)
            .send()
            .await
            .map_err(|e| classify("DescribeStackDriftDetectionStatus", &cfn.endpoint, e))?;
        if status.detection_status() != Some(&StackDriftDetectionStatus::DetectionInProgress) {
            return Ok(status);
        }
        if progress.elapsed() > cfn.timing.max_wait {
            return Err(DeployError::StackBusy {
                stack: name.to_owned(),
                status: "DETECTION_IN_PROGRESS".into(),
                advice: format!(
                    "drift detection {detection} had not ended after {}; rcdk stopped waiting, CloudFormation carries on: see `aws cloudformation describe-stack-drift-detection-status {} --stack-drift-detection-id {detection}`",
                    human(cfn.timing.max_wait),
                    cfn.cli_flags
                ),
            });
        }
        if progress.due() {
            writeln!(
                out.borrow_mut(),
                "  {name}: still DETECTION_IN_PROGRESS after {}, waiting for CloudFormation to check every resource",
                human(progress.elapsed())
            )
            .ok();
        }
        tokio::time::sleep(cfn.timing.poll).await;
    }
}

/// Every page of the stack's resource drifts.
async fn resource_drifts(cfn: &Cfn, id: &str) -> Result<Vec<StackResourceDrift>, DeployError> {
    let mut drifts = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = cfn
            .client
            .describe_stack_resource_drifts()
            .stack_name(id)
            .set_next_token(token)
            .send()
            .await
            .map_err(|e| classify("DescribeStackResourceDrifts", &cfn.endpoint, e))?;
        drifts.extend(page.stack_resource_drifts().iter().cloned());
        token = page.next_token().filter(|t| !t.is_empty()).map(str::to_owned);
        if token.is_none() {
            return Ok(drifts);
        }
    }
}

/// How many resources were found in each state.
#[derive(Default, Debug, PartialEq, Eq)]
struct Counts {
    in_sync: usize,
    modified: usize,
    deleted: usize,
    not_checked: usize,
    /// `UNKNOWN` and any status this SDK does not know.
    other: usize,
}

impl Counts {
    fn checked(&self) -> usize {
        self.in_sync + self.modified + self.deleted
    }
}

/// Prints every resource that is not in sync, by logical ID; returns the counts.
fn print_drifts(
    s: &StackArtifact,
    drifts: &[StackResourceDrift],
    secret_paths: &SecretPaths<'_>,
    secrets: &Secrets,
    out: &Out<'_>,
) -> Counts {
    let mut counts = Counts::default();
    let mut sorted: Vec<&StackResourceDrift> = drifts.iter().collect();
    sorted.sort_by_key(|d| d.logical_resource_id().unwrap_or_default());
    for d in sorted {
        let status = d.stack_resource_drift_status().map(|s| s.as_str()).unwrap_or("UNKNOWN");
        match status {
            "IN_SYNC" => {
                counts.in_sync += 1;
                continue;
            }
            "MODIFIED" => counts.modified += 1,
            "DELETED" => counts.deleted += 1,
            "NOT_CHECKED" => counts.not_checked += 1,
            _ => counts.other += 1,
        }
        let logical = d.logical_resource_id().unwrap_or_default();
        let path = s.construct_path(logical).unwrap_or("(not in the app)");
        let reason = d
            .drift_status_reason()
            .filter(|r| !r.is_empty())
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        say(
            out,
            secrets,
            &format!(
                "  {status:<11} {logical} {path} ({}){reason}",
                d.resource_type().unwrap_or_default()
            ),
        );
        for p in d.property_differences() {
            let property = p.property_path().unwrap_or_default();
            let (expected, actual) = if secret_paths.hides(logical, property) {
                (MASK, MASK)
            } else {
                (shown(p.expected_value()), shown(p.actual_value()))
            };
            let kind = p.difference_type().map(|k| k.as_str()).unwrap_or("?");
            say(
                out,
                secrets,
                &format!("      {property}: {expected} -> {actual} ({kind})"),
            );
        }
    }
    counts
}

/// A property value as drift detection reports it (JSON text), or `(none)`.
fn shown(value: Option<&str>) -> &str {
    match value {
        Some(v) if !v.is_empty() => v,
        _ => "(none)",
    }
}

/// The stack's summary line.
fn summary(name: &str, c: &Counts, drifted: bool, failed: bool) -> String {
    let mut kinds = Vec::new();
    if c.modified > 0 {
        kinds.push(format!("{} modified", c.modified));
    }
    if c.deleted > 0 {
        kinds.push(format!("{} deleted", c.deleted));
    }
    let checked = c.checked();
    let resources = |n: usize| if n == 1 { "resource" } else { "resources" };
    let mut line = if drifted {
        format!(
            "{name}: DRIFTED: {} of {checked} checked {} ({})",
            c.modified + c.deleted,
            resources(checked),
            kinds.join(", ")
        )
    } else {
        format!("{name}: no drift ({checked} {} checked)", resources(checked))
    };
    if c.not_checked + c.other > 0 {
        line.push_str(&format!("; {} not checked", c.not_checked + c.other));
    }
    if failed {
        line.push_str("; detection FAILED for some resources");
    }
    line
}

/// Where property values come from `NoEcho` parameters or secure dynamic
/// references, in the deployed template and the app's.
struct SecretPaths<'a> {
    templates: [&'a Json; 2],
}

impl SecretPaths<'_> {
    /// Whether the value at `pointer` (a drift property path such as
    /// `/MasterUserPassword` or `/Environment/Variables/TOKEN`) of resource
    /// `logical` may hold a secret: the deepest template value the pointer
    /// reaches (within a property the template sets) refers to one.
    fn hides(&self, logical: &str, pointer: &str) -> bool {
        self.templates.iter().any(|t| {
            let Some(mut node) = t.pointer(&format!("/Resources/{}/Properties", escape(logical))) else {
                return false;
            };
            for (depth, token) in pointer.split('/').skip(1).enumerate() {
                let token = token.replace("~1", "/").replace("~0", "~");
                let next = match node {
                    Json::Object(m) => m.get(&token),
                    Json::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
                    _ => None,
                };
                match next {
                    Some(n) => node = n,
                    // A property the template does not set holds no value of it.
                    None if depth == 0 => return false,
                    None => break,
                }
            }
            refers_to_secret(node, t)
        })
    }
}

/// A JSON pointer token for `key`.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Whether `value` refers to a `NoEcho` parameter of `template` (`Ref`,
/// `${Param}` in `Fn::Sub`) or holds a secure dynamic reference.
fn refers_to_secret(value: &Json, template: &Json) -> bool {
    match value {
        Json::String(s) => {
            s.contains("{{resolve:secretsmanager:") || s.contains("{{resolve:ssm-secure:") || sub_refers(s, template)
        }
        Json::Array(a) => a.iter().any(|v| refers_to_secret(v, template)),
        Json::Object(m) => {
            if let Some(Json::String(p)) = m.get("Ref") {
                if no_echo(template, p) {
                    return true;
                }
            }
            m.values().any(|v| refers_to_secret(v, template))
        }
        _ => false,
    }
}

/// Whether a string names a `NoEcho` parameter as `${Name}` (as `Fn::Sub` does).
fn sub_refers(s: &str, template: &Json) -> bool {
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        rest = &rest[start + 2..];
        if let Some(end) = rest.find('}') {
            if no_echo(template, rest[..end].trim()) {
                return true;
            }
            rest = &rest[end..];
        }
    }
    false
}

#[cfg(test)]
#[path = "drift_tests.rs"]
mod tests;
