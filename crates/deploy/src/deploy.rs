//! Deploying stacks through change sets, and following them to the end.

use std::collections::HashSet;
use std::io::Write;

use aws_sdk_cloudformation::types::{Capability, ChangeSetStatus, ChangeSetType, Parameter, Tag};
use rcdk_core::StackArtifact;

use crate::aws::{Cfn, Deployed};
use crate::error::{classify, DeployError};
use rcdk_diff::diff;

/// When to ask before deploying.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Approval {
    /// Never ask.
    Never,
    /// Ask when IAM or security group resources change (the default).
    #[default]
    Broadening,
}

/// How a stack is deployed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Method {
    /// Through a change set, shown before it executes (the default).
    #[default]
    ChangeSet,
    /// `CreateStack` / `UpdateStack` directly: no change set to review, one
    /// call fewer.
    Direct,
}

/// The options of a deploy.
#[derive(Clone, Debug)]
pub struct DeployOptions {
    /// Change set or direct.
    pub method: Method,
    /// `KEY=VALUE` or `STACK:KEY=VALUE` parameter values.
    pub parameters: Vec<String>,
    /// Execute the change set (false: create it and stop, for review).
    pub execute: bool,
    /// When to ask.
    pub require_approval: Approval,
    /// How many independent stacks deploy at once.
    pub concurrency: usize,
}

impl Default for DeployOptions {
    fn default() -> Self {
        DeployOptions {
            method: Method::ChangeSet,
            parameters: Vec::new(),
            execute: true,
            require_approval: Approval::Broadening,
            concurrency: 1,
        }
    }
}

/// The outcome of deploying one stack.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StackOutcome {
    /// Created.
    Created,
    /// Updated.
    Updated,
    /// Nothing to change.
    Unchanged,
    /// The change set was created and left for review (`--no-execute`).
    ChangeSetCreated(String),
}

/// Parses `--parameters` entries for `stack`, checking each names a
/// parameter of some selected stack.
pub(crate) fn parameters_for(
    entries: &[String],
    stack: &StackArtifact,
    selected: &[&StackArtifact],
) -> Result<Vec<(String, String)>, DeployError> {
    let mut out = Vec::new();
    for e in entries {
        let (target, kv) = match e.split_once(':') {
            Some((s, kv)) if !s.contains('=') => (Some(s), kv),
            _ => (None, e.as_str()),
        };
        let Some((k, v)) = kv.split_once('=') else {
            return Err(DeployError::BadParameter {
                text: e.clone(),
                reason: "use KEY=VALUE or STACK:KEY=VALUE".into(),
            });
        };
        if k.is_empty() {
            return Err(DeployError::BadParameter {
                text: e.clone(),
                reason: "the key is empty".into(),
            });
        }
        let has = |s: &StackArtifact| s.template().get("Parameters").and_then(|p| p.get(k)).is_some();
        match target {
            Some(t) if !selected.iter().any(|s| s.id() == t || s.stack_name() == t) => {
                return Err(DeployError::BadParameter {
                    text: e.clone(),
                    reason: format!(
                        "no selected stack named {t:?}; select it with --stack {t} (or --all), or fix the name"
                    ),
                })
            }
            Some(t) if t != stack.id() && t != stack.stack_name() => continue,
            Some(_) if !has(stack) => {
                return Err(DeployError::BadParameter {
                    text: e.clone(),
                    reason: format!("stack {} has no parameter {k:?}", stack.id()),
                })
            }
            None if !selected.iter().any(|s| has(s)) => {
                return Err(DeployError::BadParameter {
                    text: e.clone(),
                    reason: format!("no selected stack has a parameter {k:?}"),
                })
            }
            None if !has(stack) => continue,
            _ => out.push((k.to_owned(), v.to_owned())),
        }
    }
    Ok(out)
}

/// Statuses that block an update, and what to do about each.
fn blocked(status: &str) -> Option<&'static str> {
    // A stack created by a change set that was never executed takes a new one.
    if status == "REVIEW_IN_PROGRESS" {
        return None;
    }
    if status.ends_with("_IN_PROGRESS") {
        return Some("another operation is running; wait for it to finish and deploy again");
    }
    match status {
        "ROLLBACK_COMPLETE" => Some("its creation failed and was rolled back, so it cannot be updated; delete it (destroy --stack) and deploy again"),
        "ROLLBACK_FAILED" | "DELETE_FAILED" | "UPDATE_ROLLBACK_FAILED" => {
            Some("it needs attention: fix or skip the failed resources in the console (or continue the rollback), then deploy again")
        }
        _ => None,
    }
}

pub(crate) async fn deploy_stack(
    cfn: &Cfn,
    stack: &StackArtifact,
    parameters: &[(String, String)],
    opts: &DeployOptions,
    out: &std::cell::RefCell<&mut dyn Write>,
    confirm: &std::cell::RefCell<&mut dyn FnMut(&str) -> bool>,
) -> Result<StackOutcome, DeployError> {
    let name = stack.stack_name();
    let body = stack.to_json();
    if body.len() > 51_200 {
        return Err(DeployError::TemplateTooLarge {
            stack: name.to_owned(),
            bytes: body.len(),
        });
    }
    let deployed = cfn.describe(name).await?;
    if let Some(d) = &deployed {
        if let Some(advice) = blocked(&d.status) {
            return Err(DeployError::StackBusy {
                stack: name.to_owned(),
                status: d.status.clone(),
                advice: advice.to_owned(),
            });
        }
    }
    let create = deployed.is_none() || deployed.as_ref().is_some_and(|d| d.status == "REVIEW_IN_PROGRESS");
    if opts.require_approval == Approval::Broadening {
        let old = if create {
            serde_json::Value::Null
        } else {
            cfn.template(name).await?
        };
        let d = diff(&old, stack.template());
        let n = d.security_changes();
        if n > 0 {
            let text = d.to_text(name, &|l| stack.construct_path(l).map(str::to_owned));
            writeln!(out.borrow_mut(), "{text}").ok();
            let question = format!("stack {name}: {n} IAM or security group change(s). Deploy? (y/n)");
            if !(confirm.borrow_mut())(&question) {
                return Err(DeployError::Declined);
            }
        }
    }
    let tags: Vec<Tag> = stack
        .tags()
        .iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect();
    if opts.method == Method::Direct {
        return deploy_direct(
            cfn,
            stack,
            create,
            body,
            params_for_call(parameters, deployed.as_ref(), stack),
            tags,
            out,
        )
        .await;
    }
    let change_set = format!(
        "rcdk-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0)
    );
    let params = params_for_call(parameters, deployed.as_ref(), stack);
    cfn.client
        .create_change_set()
        .stack_name(name)
        .change_set_name(&change_set)
        .change_set_type(if create {
            ChangeSetType::Create
        } else {
            ChangeSetType::Update
        })
        .template_body(body)
        .set_parameters(Some(params))
        .capabilities(Capability::CapabilityIam)
        .capabilities(Capability::CapabilityNamedIam)
        .capabilities(Capability::CapabilityAutoExpand)
        .set_tags((!tags.is_empty()).then_some(tags))
        .send()
        .await
        .map_err(|e| classify("CreateChangeSet", &cfn.endpoint, e))?;
    let started = std::time::Instant::now();
    let described = loop {
        let d = cfn
            .client
            .describe_change_set()
            .stack_name(name)
            .change_set_name(&change_set)
            .send()
            .await
            .map_err(|e| classify("DescribeChangeSet", &cfn.endpoint, e))?;
        match d.status() {
            Some(ChangeSetStatus::CreateComplete) | Some(ChangeSetStatus::Failed) => break d,
            _ if started.elapsed() > cfn.max_wait => {
                return Err(DeployError::StackBusy {
                    stack: name.to_owned(),
                    status: "waiting for its change set".into(),
                    advice: format!(
                        "the change set {change_set} did not finish in {:?}; look at it in the console",
                        cfn.max_wait
                    ),
                })
            }
            _ => tokio::time::sleep(cfn.poll).await,
        }
    };
    if described.status() == Some(&ChangeSetStatus::Failed) {
        let reason = described.status_reason().unwrap_or_default().to_owned();
        let _ = cfn
            .client
            .delete_change_set()
            .stack_name(name)
            .change_set_name(&change_set)
            .send()
            .await;
        if reason.contains("didn't contain changes") || reason.contains("No updates are to be performed") {
            writeln!(out.borrow_mut(), "{name}: no changes").ok();
            return Ok(StackOutcome::Unchanged);
        }
        return Err(DeployError::ChangeSetFailed {
            stack: name.to_owned(),
            reason,
        });
    }
    {
        let mut w = out.borrow_mut();
        writeln!(
            w,
            "{name}: change set {change_set} ({})",
            if create { "create" } else { "update" }
        )
        .ok();
        for c in described.changes() {
            if let Some(rc) = c.resource_change() {
                let action = rc.action().map(|a| a.as_str()).unwrap_or("?");
                let replace = match rc.replacement().map(|r| r.as_str()) {
                    Some("True") => " (replacement)",
                    Some("Conditional") => " (may be replaced)",
                    _ => "",
                };
                let path = rc
                    .logical_resource_id()
                    .and_then(|l| stack.construct_path(l))
                    .map(|p| format!(" {p}"))
                    .unwrap_or_default();
                writeln!(
                    w,
                    "  {action:<7} {} {}{path}{replace}",
                    rc.resource_type().unwrap_or_default(),
                    rc.logical_resource_id().unwrap_or_default()
                )
                .ok();
            }
        }
    }
    if !opts.execute {
        writeln!(
            out.borrow_mut(),
            "{name}: change set {change_set} created, not executed"
        )
        .ok();
        return Ok(StackOutcome::ChangeSetCreated(change_set));
    }
    let seen: HashSet<String> = cfn
        .events(name)
        .await
        .map(|e| e.into_iter().map(|e| e.id).collect())
        .unwrap_or_default();
    cfn.client
        .execute_change_set()
        .stack_name(name)
        .change_set_name(&change_set)
        .send()
        .await
        .map_err(|e| classify("ExecuteChangeSet", &cfn.endpoint, e))?;
    finish(cfn, name, create, seen, out).await
}

/// Follows the stack to the end of its operation, then prints its outputs,
/// or its failed resources.
async fn finish(
    cfn: &Cfn,
    name: &str,
    create: bool,
    seen: HashSet<String>,
    out: &std::cell::RefCell<&mut dyn Write>,
) -> Result<StackOutcome, DeployError> {
    let end = follow(cfn, name, seen, out).await?;
    match end.status.as_str() {
        "CREATE_COMPLETE" | "UPDATE_COMPLETE" => {
            let mut w = out.borrow_mut();
            writeln!(w, "{name}: {}", end.status).ok();
            for (k, v) in &end.outputs {
                writeln!(w, "  {name}.{k} = {v}").ok();
            }
            Ok(if create {
                StackOutcome::Created
            } else {
                StackOutcome::Updated
            })
        }
        status => Err(failed(cfn, name, status).await),
    }
}

/// The parameters of a create or update: the given values, and for an
/// update every other declared parameter at its previous value.
fn params_for_call(
    parameters: &[(String, String)],
    deployed: Option<&Deployed>,
    stack: &StackArtifact,
) -> Vec<Parameter> {
    let mut params: Vec<Parameter> = parameters
        .iter()
        .map(|(k, v)| Parameter::builder().parameter_key(k).parameter_value(v).build())
        .collect();
    if let Some(d) = deployed {
        let given: HashSet<&str> = parameters.iter().map(|(k, _)| k.as_str()).collect();
        let declared = stack
            .template()
            .get("Parameters")
            .and_then(|p| p.as_object())
            .cloned()
            .unwrap_or_default();
        for k in declared
            .keys()
            .filter(|k| !given.contains(k.as_str()) && d.parameters.contains(k))
        {
            params.push(Parameter::builder().parameter_key(k).use_previous_value(true).build());
        }
    }
    params
}

async fn deploy_direct(
    cfn: &Cfn,
    stack: &StackArtifact,
    create: bool,
    body: String,
    params: Vec<Parameter>,
    tags: Vec<Tag>,
    out: &std::cell::RefCell<&mut dyn Write>,
) -> Result<StackOutcome, DeployError> {
    let name = stack.stack_name();
    // Nothing to send when the deployed template is the same and no parameter is given.
    if !create
        && params.iter().all(|p| p.use_previous_value() == Some(true))
        && diff(&cfn.template(name).await?, stack.template()).is_empty()
    {
        writeln!(out.borrow_mut(), "{name}: no changes").ok();
        return Ok(StackOutcome::Unchanged);
    }
    let caps = [
        Capability::CapabilityIam,
        Capability::CapabilityNamedIam,
        Capability::CapabilityAutoExpand,
    ];
    let seen: HashSet<String> = if create {
        HashSet::new()
    } else {
        cfn.events(name)
            .await
            .map(|e| e.into_iter().map(|e| e.id).collect())
            .unwrap_or_default()
    };
    writeln!(
        out.borrow_mut(),
        "{name}: {} (direct)",
        if create { "creating" } else { "updating" }
    )
    .ok();
    let sent = if create {
        cfn.client
            .create_stack()
            .stack_name(name)
            .template_body(body)
            .set_parameters(Some(params))
            .set_capabilities(Some(caps.to_vec()))
            .set_tags((!tags.is_empty()).then_some(tags))
            .send()
            .await
            .map(|_| ())
            .map_err(|e| classify("CreateStack", &cfn.endpoint, e))
    } else {
        cfn.client
            .update_stack()
            .stack_name(name)
            .template_body(body)
            .set_parameters(Some(params))
            .set_capabilities(Some(caps.to_vec()))
            .set_tags((!tags.is_empty()).then_some(tags))
            .send()
            .await
            .map(|_| ())
            .map_err(|e| classify("UpdateStack", &cfn.endpoint, e))
    };
    match sent {
        Err(DeployError::Api { message, .. }) if message.contains("No updates are to be performed") => {
            writeln!(out.borrow_mut(), "{name}: no changes").ok();
            return Ok(StackOutcome::Unchanged);
        }
        Err(e) => return Err(e),
        Ok(()) => {}
    }
    finish(cfn, name, create, seen, out).await
}

/// Prints new stack events until the stack reaches a final status.
pub(crate) async fn follow(
    cfn: &Cfn,
    name: &str,
    mut seen: HashSet<String>,
    out: &std::cell::RefCell<&mut dyn Write>,
) -> Result<Deployed, DeployError> {
    let started = std::time::Instant::now();
    loop {
        if let Ok(events) = cfn.events(name).await {
            let mut w = out.borrow_mut();
            for e in events {
                if seen.contains(&e.id) {
                    continue;
                }
                let reason = if e.reason.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.reason)
                };
                writeln!(
                    w,
                    "  {} | {:<28} | {} {}{reason}",
                    e.time, e.status, e.type_name, e.logical_id
                )
                .ok();
                seen.insert(e.id);
            }
        }
        match cfn.describe(name).await? {
            None => {
                return Ok(Deployed {
                    status: "DELETE_COMPLETE".into(),
                    parameters: Vec::new(),
                    outputs: Vec::new(),
                });
            }
            Some(d) if !d.status.ends_with("_IN_PROGRESS") => return Ok(d),
            Some(d) if started.elapsed() > cfn.max_wait => {
                return Err(DeployError::StackBusy {
                    stack: name.to_owned(),
                    status: d.status,
                    advice: format!(
                        "it was still in progress after {:?}; rcdk stopped waiting, CloudFormation carries on",
                        cfn.max_wait
                    ),
                })
            }
            Some(_) => tokio::time::sleep(cfn.poll).await,
        }
    }
}

/// The failed resources of a stack and their reasons.
pub(crate) async fn failed(cfn: &Cfn, name: &str, status: &str) -> DeployError {
    let failures = cfn
        .events(name)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.status.ends_with("_FAILED") && e.logical_id != name)
        .map(|e| format!("{} {} {}: {}", e.status, e.type_name, e.logical_id, e.reason))
        .collect::<Vec<_>>();
    let mut failures = failures;
    if status == "ROLLBACK_COMPLETE" {
        failures.push("the creation failed and was rolled back: nothing was left behind; fix the cause, delete the stack, and deploy again".into());
    }
    DeployError::OperationFailed {
        stack: name.to_owned(),
        status: status.to_owned(),
        failures,
    }
}

#[cfg(test)]
mod tests {
    use super::blocked;

    #[test]
    fn statuses_that_block_a_deploy_say_what_to_do() {
        for s in [
            "CREATE_IN_PROGRESS",
            "UPDATE_IN_PROGRESS",
            "UPDATE_ROLLBACK_IN_PROGRESS",
            "DELETE_IN_PROGRESS",
        ] {
            assert!(blocked(s).unwrap().contains("wait for it to finish"), "{s}");
        }
        assert!(blocked("ROLLBACK_COMPLETE").unwrap().contains("delete it"));
        assert!(blocked("UPDATE_ROLLBACK_FAILED")
            .unwrap()
            .contains("continue the rollback"));
        for s in [
            "CREATE_COMPLETE",
            "UPDATE_COMPLETE",
            "UPDATE_ROLLBACK_COMPLETE",
            "REVIEW_IN_PROGRESS",
        ] {
            assert_eq!(blocked(s), None, "{s}");
        }
    }
}
