//! Deploying one stack: the checks that keep a deploy from losing data
//! (who owns the stack, change sets waiting for review, approval of risky
//! changes), then a change set or a direct create or update, followed to the end.

use std::cell::RefCell;
use std::fmt;

use aws_sdk_cloudformation::types::{Capability, Parameter, Tag};
use rcdk_core::StackArtifact;
use rcdk_diff::{diff, TemplateDiff};
use serde_json::Value as Json;

use crate::approval::{self, Finding};
use crate::aws::{Cfn, Deployed, PendingChangeSet};
use crate::error::{classify, DeployError};
use crate::owner::{self, CHANGE_SET_PREFIX, OWNER_TAG};
use crate::redact::MASK;
use crate::wait::{self, Out};

/// When to ask before deploying.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Approval {
    /// Never ask.
    Never,
    /// Ask before an IAM or security group change, any replacement, and the
    /// removal of a resource that holds data ([`crate::STATEFUL_TYPES`])
    /// (the default).
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
    /// `CreateStack` / `UpdateStack` directly, after the template diff is
    /// shown: no change set to review, one call fewer.
    Direct,
}

/// The options of a deploy.
#[derive(Clone)]
pub struct DeployOptions {
    /// Change set or direct.
    pub method: Method,
    /// `KEY=VALUE` or `STACK:KEY=VALUE` parameter values. Never printed:
    /// errors show `KEY=****`, and `Debug` masks them too.
    pub parameters: Vec<String>,
    /// Execute the change set (false: create it and stop, for review).
    pub execute: bool,
    /// When to ask.
    pub require_approval: Approval,
    /// How many independent stacks deploy at once.
    pub concurrency: usize,
    /// Deploy over a stack of the same name that this app did not deploy
    /// (it lacks the [`crate::OWNER_TAG`] tag), and over change sets that
    /// others left waiting for review. Approval is still asked.
    pub force: bool,
    /// The bootstrap stack that holds assets and large templates.
    pub toolkit_stack_name: String,
}

impl Default for DeployOptions {
    fn default() -> Self {
        DeployOptions {
            method: Method::ChangeSet,
            parameters: Vec::new(),
            execute: true,
            require_approval: Approval::Broadening,
            concurrency: 1,
            force: false,
            toolkit_stack_name: crate::bootstrap::TOOLKIT_STACK.to_owned(),
        }
    }
}

impl fmt::Debug for DeployOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parameters: Vec<String> = self
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| masked_entry(i, p))
            .collect();
        f.debug_struct("DeployOptions")
            .field("method", &self.method)
            .field("parameters", &parameters)
            .field("execute", &self.execute)
            .field("require_approval", &self.require_approval)
            .field("concurrency", &self.concurrency)
            .field("force", &self.force)
            .finish()
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

/// A `--parameters` entry as errors show it: `[STACK:]KEY=****`, or its
/// position when it has no `=` (then all of it may be the value).
fn masked_entry(index: usize, entry: &str) -> String {
    match entry.split_once('=') {
        Some((key, _)) => format!("{key}={MASK}"),
        None => format!("entry {} (not shown: it may be a value)", index + 1),
    }
}

fn parameter_names(s: &StackArtifact) -> Vec<String> {
    s.template()
        .get("Parameters")
        .and_then(Json::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The names of the selected stacks' parameters, for an error.
fn known_names(selected: &[&StackArtifact]) -> String {
    let mut names: Vec<String> = selected.iter().flat_map(|s| parameter_names(s)).collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        "the selected stacks have no parameters".into()
    } else {
        format!("parameters: {}", names.join(", "))
    }
}

/// Parses `--parameters` entries for `stack`, checking each names a
/// parameter of some selected stack. No error repeats a value.
pub(crate) fn parameters_for(
    entries: &[String],
    stack: &StackArtifact,
    selected: &[&StackArtifact],
) -> Result<Vec<(String, String)>, DeployError> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let bad = |reason: String| DeployError::BadParameter {
            text: masked_entry(i, e),
            reason,
        };
        let (target, kv) = match e.split_once(':') {
            Some((s, kv)) if !s.contains('=') => (Some(s), kv),
            _ => (None, e.as_str()),
        };
        let Some((k, v)) = kv.split_once('=') else {
            return Err(bad("use KEY=VALUE or STACK:KEY=VALUE".into()));
        };
        if k.is_empty() {
            return Err(bad("the key is empty".into()));
        }
        let has = |s: &StackArtifact| parameter_names(s).iter().any(|n| n == k);
        match target {
            Some(t) if !selected.iter().any(|s| s.id() == t || s.stack_name() == t) => {
                return Err(bad(format!(
                    "no selected stack named {t:?}; select it with --stack {t} (or --all), or fix the name"
                )))
            }
            Some(t) if t != stack.id() && t != stack.stack_name() => continue,
            Some(_) if !has(stack) => {
                return Err(bad(format!(
                    "stack {} has no parameter {k:?} ({})",
                    stack.id(),
                    known_names(&[stack])
                )))
            }
            None if !selected.iter().any(|s| has(s)) => {
                return Err(bad(format!(
                    "no selected stack has a parameter {k:?} ({})",
                    known_names(selected)
                )))
            }
            None if !has(stack) => continue,
            _ => out.push((k.to_owned(), v.to_owned())),
        }
    }
    Ok(out)
}

/// Statuses that block an update, and what to do about each.
fn blocked(status: &str) -> Option<&'static str> {
    // A stack created by a change set that was never executed, and one
    // whose creation rolled back, are handled by `preflight`: neither has
    // resources.
    if status == "REVIEW_IN_PROGRESS" || status == "ROLLBACK_COMPLETE" {
        return None;
    }
    if status.ends_with("_IN_PROGRESS") {
        return Some("another operation is running; wait for it to finish and deploy again");
    }
    match status {
        "ROLLBACK_FAILED" | "DELETE_FAILED" | "UPDATE_ROLLBACK_FAILED" => {
            Some("it needs attention: fix or skip the failed resources in the console (or continue the rollback), then deploy again")
        }
        _ => None,
    }
}

/// What the checks found.
pub(crate) struct Plan {
    /// The stack to update; `None` to create one.
    pub(crate) deployed: Option<Deployed>,
}

impl Plan {
    fn create(&self) -> bool {
        self.deployed.is_none()
    }
}

fn say(out: &Out<'_>, line: &str) {
    writeln!(out.borrow_mut(), "{line}").ok();
}

pub(crate) async fn deploy_stack(
    cfn: &Cfn,
    stack: &StackArtifact,
    parameters: &[(String, String)],
    opts: &DeployOptions,
    out: &Out<'_>,
    confirm: &Confirm<'_>,
) -> Result<StackOutcome, DeployError> {
    let plan = preflight(cfn, stack, opts.force, out).await?;
    let approved = approve(cfn, stack, &plan, opts, out, confirm).await?;
    let template_url = crate::publish::publish(cfn, stack, &opts.toolkit_stack_name, out).await?;
    let call = Call {
        params: params_for_call(parameters, plan.deployed.as_ref(), stack),
        tags: owner::tags_for(stack),
        template_url,
    };
    match opts.method {
        Method::Direct => deploy_direct(cfn, stack, &plan, approved.diff, call, out).await,
        Method::ChangeSet => {
            let review = Review {
                asked: approved.asked,
                confirm: (opts.require_approval == Approval::Broadening).then_some(confirm),
            };
            crate::changeset::deploy(cfn, stack, plan.create(), call, opts.execute, &review, out).await
        }
    }
}

/// Who answers the approval questions.
pub(crate) type Confirm<'b> = RefCell<&'b mut dyn FnMut(&str) -> bool>;

/// What the approval step did: the diff it computed, the findings it asked about.
struct Approved {
    diff: Option<TemplateDiff>,
    asked: Vec<Finding>,
}

/// What a change set deploy needs to ask about what only the change set shows.
pub(crate) struct Review<'a, 'b> {
    /// The findings already approved.
    pub(crate) asked: Vec<Finding>,
    /// Who answers; `None` when approval is off.
    pub(crate) confirm: Option<&'a Confirm<'b>>,
}

/// The parameters and tags of a create or update call.
pub(crate) struct Call {
    pub(crate) params: Vec<Parameter>,
    pub(crate) tags: Vec<Tag>,
    /// Where the template was uploaded, when it is too large to send inline.
    pub(crate) template_url: Option<String>,
}

impl Call {
    /// The template to send inline, unless it was uploaded.
    pub(crate) fn body(&self, stack: &StackArtifact) -> Option<String> {
        self.template_url.is_none().then(|| stack.json().to_owned())
    }
}

/// Checks the stack of this name before anything changes: that this app
/// deployed it, that nothing runs on it, and what waits for review on it.
async fn preflight(cfn: &Cfn, stack: &StackArtifact, force: bool, out: &Out<'_>) -> Result<Plan, DeployError> {
    let name = stack.stack_name();
    let Some(d) = cfn.describe(name).await? else {
        return Ok(Plan { deployed: None });
    };
    let pending = cfn.pending_change_sets(&d.id).await?;
    if let Err(e) = owner::check(stack, &d, &pending) {
        if !force {
            return Err(e);
        }
        say(
            out,
            &format!(
                "{name}: not deployed by this app (no {OWNER_TAG} tag naming it); deploying over it because of --force"
            ),
        );
    }
    if let Some(advice) = blocked(&d.status) {
        return Err(DeployError::StackBusy {
            stack: name.to_owned(),
            status: d.status,
            advice: advice.to_owned(),
        });
    }
    // A change set still being computed belongs to a deploy running now.
    if let Some(c) = pending.iter().find(|c| c.creating) {
        return Err(DeployError::StackBusy {
            stack: name.to_owned(),
            status: format!("computing change set {}", c.name),
            advice: "another deploy is running on it; wait for it to end and deploy again".into(),
        });
    }
    if d.status == "REVIEW_IN_PROGRESS" {
        let list: Vec<&str> = pending.iter().map(|c| c.name.as_str()).collect();
        let why = format!(
            "REVIEW_IN_PROGRESS: never created; change set(s) {} wait for review (from `deploy --no-execute`?)",
            if list.is_empty() {
                "(none)".to_owned()
            } else {
                list.join(", ")
            }
        );
        remove_empty_stack(cfn, name, &d, &why, out).await?;
        return Ok(Plan { deployed: None });
    }
    if d.status == "ROLLBACK_COMPLETE" {
        // CloudFormation cannot update such a stack, and it holds nothing
        // (resources with a Retain policy live on outside it), so it is
        // replaced, as the AWS CDK's deploy does.
        let why = "ROLLBACK_COMPLETE: its creation failed and was rolled back, so it holds no resources";
        remove_empty_stack(cfn, name, &d, why, out).await?;
        return Ok(Plan { deployed: None });
    }
    settle_change_sets(cfn, name, &pending, force, "deploy", out).await?;
    Ok(Plan { deployed: Some(d) })
}

/// Change sets waiting on a stack: rcdk's are replaced (a new deploy
/// supersedes them), others' are refused unless `force`, because executing
/// a change set makes CloudFormation delete the others. `verb` names the
/// operation (`deploy`, `import`) in what is printed.
pub(crate) async fn settle_change_sets(
    cfn: &Cfn,
    name: &str,
    pending: &[PendingChangeSet],
    force: bool,
    verb: &str,
    out: &Out<'_>,
) -> Result<(), DeployError> {
    let (ours, theirs): (Vec<_>, Vec<_>) = pending.iter().partition(|c| c.name.starts_with(CHANGE_SET_PREFIX));
    let names = |cs: &[&PendingChangeSet]| cs.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    if let Some(first) = theirs.first() {
        if !force {
            return Err(DeployError::PendingChangeSets {
                stack: name.to_owned(),
                change_sets: names(&theirs),
                remove: cfn.delete_change_set_command(name, &first.name),
            });
        }
        let list = names(&theirs).join(", ");
        say(
            out,
            &format!("{name}: change set(s) {list} wait for review; this {verb} discards them (--force)"),
        );
    }
    for c in ours {
        say(
            out,
            &format!("{name}: change set {} from an earlier deploy (--no-execute, or one interrupted) waits for review; this {verb} replaces it", c.name),
        );
        cfn.delete_change_set(name, &c.name).await?;
    }
    Ok(())
}

/// A stack in `REVIEW_IN_PROGRESS` was never created: it is a record
/// holding change sets, with no resources. It is deleted so the stack can
/// be created afresh (a second CREATE change set beside it is what the
/// local stand-in gets wrong, and this way both behave alike).
async fn remove_empty_stack(cfn: &Cfn, name: &str, d: &Deployed, why: &str, out: &Out<'_>) -> Result<(), DeployError> {
    say(
        out,
        &format!("{name}: {why}; removing the empty stack to create it afresh"),
    );
    let seen = wait::seen_events(cfn, &d.id).await;
    cfn.client
        .delete_stack()
        .stack_name(&d.id)
        .send()
        .await
        .map_err(|e| classify("DeleteStack", &cfn.endpoint, e))?;
    let end = wait::follow(cfn, name, &d.id, seen, out).await?;
    match end.status.as_str() {
        "DELETE_COMPLETE" => Ok(()),
        status => Err(failed(cfn, name, &d.id, status).await),
    }
}

/// Shows the diff and asks, when the options call for it. Returns the diff
/// when it was computed (a direct deploy always computes it: it has no
/// change set to show).
async fn approve(
    cfn: &Cfn,
    stack: &StackArtifact,
    plan: &Plan,
    opts: &DeployOptions,
    out: &Out<'_>,
    confirm: &Confirm<'_>,
) -> Result<Approved, DeployError> {
    let direct = opts.method == Method::Direct;
    let ask = opts.require_approval == Approval::Broadening;
    if !direct && !ask {
        return Ok(Approved {
            diff: None,
            asked: Vec::new(),
        });
    }
    let old = match &plan.deployed {
        Some(d) => cfn.template(&d.id).await?,
        None => Json::Null,
    };
    let d = diff(&old, stack.template());
    let path_of = |l: &str| stack.construct_path(l).map(str::to_owned);
    let found = if ask {
        approval::findings(&d, &old, &path_of)
    } else {
        Vec::new()
    };
    if direct || !found.is_empty() {
        say(out, d.to_text(stack.stack_name(), &path_of).trim_end());
    }
    if !found.is_empty() {
        say(out, approval::summary(&found).trim_end());
        if !(confirm.borrow_mut())(&approval::question(stack.stack_name(), &found)) {
            return Err(DeployError::Declined);
        }
    }
    Ok(Approved {
        diff: Some(d),
        asked: found,
    })
}

pub(crate) const CAPABILITIES: [Capability; 3] = [
    Capability::CapabilityIam,
    Capability::CapabilityNamedIam,
    Capability::CapabilityAutoExpand,
];

/// Follows the stack to the end of its operation, then prints its outputs,
/// or its failed resources.
pub(crate) async fn finish(
    cfn: &Cfn,
    name: &str,
    id: &str,
    create: bool,
    seen: std::collections::HashSet<String>,
    out: &Out<'_>,
) -> Result<StackOutcome, DeployError> {
    let end = wait::follow(cfn, name, id, seen, out).await?;
    match end.status.as_str() {
        "CREATE_COMPLETE" | "UPDATE_COMPLETE" => {
            say(out, &format!("{name}: {}", end.status));
            for (k, v) in &end.outputs {
                say(out, &format!("  {name}.{k} = {v}"));
            }
            Ok(if create {
                StackOutcome::Created
            } else {
                StackOutcome::Updated
            })
        }
        status => Err(failed(cfn, name, id, status).await),
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
        let kept = parameter_names(stack)
            .into_iter()
            .filter(|k| !parameters.iter().any(|(g, _)| g == k) && d.parameters.contains(k));
        params.extend(kept.map(|k| Parameter::builder().parameter_key(k).use_previous_value(true).build()));
    }
    params
}

async fn deploy_direct(
    cfn: &Cfn,
    stack: &StackArtifact,
    plan: &Plan,
    shown: Option<TemplateDiff>,
    call: Call,
    out: &Out<'_>,
) -> Result<StackOutcome, DeployError> {
    let name = stack.stack_name();
    let unchanged_template = shown.is_some_and(|d| d.is_empty());
    // Nothing to send when the deployed template is the same and no parameter is given.
    if !plan.create() && unchanged_template && call.params.iter().all(|p| p.use_previous_value() == Some(true)) {
        say(out, &format!("{name}: no changes"));
        return Ok(StackOutcome::Unchanged);
    }
    let seen = match &plan.deployed {
        Some(d) => wait::seen_events(cfn, &d.id).await,
        None => Default::default(),
    };
    let verb = if plan.create() { "creating" } else { "updating" };
    say(out, &format!("{name}: {verb} (direct)"));
    match send_direct(cfn, stack, plan.create(), call).await {
        Err(DeployError::Api { message, .. }) if message.contains("No updates are to be performed") => {
            say(out, &format!("{name}: no changes"));
            Ok(StackOutcome::Unchanged)
        }
        Err(e) => Err(e),
        Ok(id) => finish(cfn, name, &id, plan.create(), seen, out).await,
    }
}

/// `CreateStack` or `UpdateStack`; returns the stack's id.
async fn send_direct(cfn: &Cfn, stack: &StackArtifact, create: bool, call: Call) -> Result<String, DeployError> {
    let name = stack.stack_name();
    let (body, url) = (call.body(stack), call.template_url.clone());
    let caps = Some(CAPABILITIES.to_vec());
    let sent = if create {
        cfn.client
            .create_stack()
            .stack_name(name)
            .set_template_body(body)
            .set_template_url(url)
            .set_parameters(Some(call.params))
            .set_capabilities(caps)
            .set_tags(Some(call.tags))
            .send()
            .await
            .map(|o| o.stack_id().map(str::to_owned))
            .map_err(|e| classify("CreateStack", &cfn.endpoint, e))
    } else {
        cfn.client
            .update_stack()
            .stack_name(name)
            .set_template_body(body)
            .set_template_url(url)
            .set_parameters(Some(call.params))
            .set_capabilities(caps)
            .set_tags(Some(call.tags))
            .send()
            .await
            .map(|o| o.stack_id().map(str::to_owned))
            .map_err(|e| classify("UpdateStack", &cfn.endpoint, e))
    };
    Ok(sent?.unwrap_or_else(|| name.to_owned()))
}

/// What a final status means and what to do, beyond the failed resources.
fn advice_after(status: &str) -> Option<&'static str> {
    match status {
        "ROLLBACK_COMPLETE" => Some("the creation failed and was rolled back: nothing was left behind; fix the cause and deploy again (the rolled-back stack is replaced)"),
        "UPDATE_ROLLBACK_COMPLETE" => Some("the update failed and was rolled back: the stack is as it was before; fix the cause and deploy again"),
        "ROLLBACK_FAILED" | "UPDATE_ROLLBACK_FAILED" => Some("the rollback failed too: fix or skip the failed resources in the console (or continue the rollback), then deploy again"),
        "DELETE_FAILED" => Some("some resources could not be deleted: fix them (or retain them) in the console, then destroy again"),
        _ => None,
    }
}

/// The failed resources of a stack and their reasons.
pub(crate) async fn failed(cfn: &Cfn, name: &str, id: &str, status: &str) -> DeployError {
    let mut failures = cfn
        .events(id)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.status.ends_with("_FAILED") && e.logical_id != name)
        .map(|e| format!("{} {} {}: {}", e.status, e.type_name, e.logical_id, e.reason))
        .collect::<Vec<_>>();
    failures.extend(advice_after(status).map(str::to_owned));
    DeployError::OperationFailed {
        stack: name.to_owned(),
        status: status.to_owned(),
        failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(blocked("ROLLBACK_COMPLETE"), None, "replaced by preflight");
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

    #[test]
    fn every_failed_end_says_what_to_do() {
        for s in [
            "ROLLBACK_COMPLETE",
            "UPDATE_ROLLBACK_COMPLETE",
            "ROLLBACK_FAILED",
            "UPDATE_ROLLBACK_FAILED",
            "DELETE_FAILED",
        ] {
            assert!(advice_after(s).is_some_and(|a| a.contains("again")), "{s}");
        }
    }

    fn app() -> rcdk_core::Assembly {
        let app = rcdk_core::App::new();
        let s = app.stack("Db", rcdk_core::StackProps::default());
        rcdk_core::CfnParameter::new(
            &s,
            "Password",
            rcdk_core::ParameterProps {
                no_echo: true,
                ..Default::default()
            },
        );
        rcdk_core::Resource::new(&s, "Topic", "AWS::SNS::Topic", Vec::<(String, rcdk_core::Value)>::new());
        app.synth().unwrap()
    }

    #[test]
    fn a_mistyped_parameter_key_never_echoes_the_value() {
        let a = app();
        let s = &a.stacks()[0];
        for entry in [
            "Pasword=hunter2",
            "Db:Pasword=hunter2",
            "Nope:Password=hunter2",
            "=hunter2",
            "hunter2",
        ] {
            let err = parameters_for(&[entry.to_owned()], s, &[s]).unwrap_err().to_string();
            assert!(!err.contains("hunter2"), "{entry}: {err}");
            assert!(err.starts_with("--parameters "), "{err}");
        }
        let err = parameters_for(&["Pasword=hunter2".into()], s, &[s])
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "--parameters Pasword=****: no selected stack has a parameter \"Pasword\" (parameters: Password)"
        );
        let ok = parameters_for(&["Password=hunter2".into()], s, &[s]).unwrap();
        assert_eq!(ok, [("Password".to_owned(), "hunter2".to_owned())]);
    }

    #[test]
    fn debug_output_masks_parameter_values() {
        let opts = DeployOptions {
            parameters: vec!["Password=hunter2".into(), "hunter2".into()],
            ..DeployOptions::default()
        };
        let text = format!("{opts:?}");
        assert!(!text.contains("hunter2") && text.contains("Password=****"), "{text}");
    }
}
