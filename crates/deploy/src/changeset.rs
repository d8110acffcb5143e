//! Deploying through a change set: create it, wait for it, show it, and
//! execute it (or leave it for review). A failure between creating and
//! executing removes the change set, or, when it cannot, names it in the
//! error with the commands that remove it.

use aws_sdk_cloudformation::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_cloudformation::types::{ChangeSetStatus, ChangeSetType};
use rcdk_core::StackArtifact;

use crate::approval::{self, Listed};
use crate::aws::Cfn;
use crate::deploy::{finish, Call, Review, StackOutcome, CAPABILITIES};
use crate::error::{classify, DeployError};
use crate::owner::CHANGE_SET_PREFIX;
use crate::wait::{self, Out};

/// A new change set name: `rcdk-<milliseconds since 1970>`.
pub(crate) fn new_name() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    format!("{CHANGE_SET_PREFIX}{millis}")
}

/// Deploys `stack` through a new change set.
pub(crate) async fn deploy(
    cfn: &Cfn,
    stack: &StackArtifact,
    create: bool,
    call: Call,
    execute: bool,
    review: &Review<'_, '_>,
    out: &Out<'_>,
) -> Result<StackOutcome, DeployError> {
    let name = stack.stack_name();
    let cs = new_name();
    let id = match create_change_set(cfn, stack, &cs, create, call).await {
        Ok(id) => id,
        // The request may have reached CloudFormation before the connection failed.
        Err(e @ DeployError::Unreachable { .. }) => return Err(left_behind(cfn, name, &cs, create, false, e)),
        // Some endpoints refuse an empty change set outright rather than
        // failing it (moto does, for a template with SSM parameters).
        Err(DeployError::Api { message, .. }) if message.contains("No updates are to be performed") => {
            writeln!(out.borrow_mut(), "{name}: no changes").ok();
            return Ok(StackOutcome::Unchanged);
        }
        Err(e) => return Err(e),
    };
    let seen = wait::seen_events(cfn, &id).await;
    let ids = Ids { id: &id, cs: &cs };
    match prepare(cfn, stack, ids, create, execute, review, out).await {
        Ok(Some(outcome)) => Ok(outcome),
        Ok(None) => finish(cfn, name, &id, create, seen, out).await,
        Err(e) => Err(cleanup(cfn, name, &id, &cs, create, e).await),
    }
}

/// Creates the change set; returns the stack's id.
async fn create_change_set(
    cfn: &Cfn,
    stack: &StackArtifact,
    cs: &str,
    create: bool,
    call: Call,
) -> Result<String, DeployError> {
    let name = stack.stack_name();
    let kind = if create {
        ChangeSetType::Create
    } else {
        ChangeSetType::Update
    };
    let created = cfn
        .client
        .create_change_set()
        .stack_name(name)
        .change_set_name(cs)
        .change_set_type(kind)
        .set_template_body(call.body(stack))
        .set_template_url(call.template_url.clone())
        .set_parameters(Some(call.params))
        .set_capabilities(Some(CAPABILITIES.to_vec()))
        .set_tags(Some(call.tags))
        .send()
        .await
        .map_err(|e| classify("CreateChangeSet", &cfn.endpoint, e))?;
    Ok(created.stack_id().unwrap_or(name).to_owned())
}

/// The stack's id and the change set's name.
#[derive(Clone, Copy)]
struct Ids<'a> {
    id: &'a str,
    cs: &'a str,
}

/// Waits for the change set, shows it, asks about the replacements only it
/// shows, and executes it. `Some` when the deploy ends here: no changes, or
/// left for review.
async fn prepare(
    cfn: &Cfn,
    stack: &StackArtifact,
    Ids { id, cs }: Ids<'_>,
    create: bool,
    execute: bool,
    review: &Review<'_, '_>,
    out: &Out<'_>,
) -> Result<Option<StackOutcome>, DeployError> {
    let name = stack.stack_name();
    let described = wait::change_set(cfn, name, id, cs, out).await?;
    if described.status() != Some(&ChangeSetStatus::CreateComplete) {
        return unusable(cfn, name, id, cs, &described, out).await;
    }
    show(stack, cs, create, &described, out);
    if !execute {
        let how = format!(
            "{name}: change set {cs} created, not executed; to execute it: aws cloudformation execute-change-set {flags} --stack-name {name} --change-set-name {cs}; to remove it: {remove}; a later deploy replaces it",
            flags = cfn.cli_flags,
            remove = cfn.delete_change_set_command(name, cs)
        );
        writeln!(out.borrow_mut(), "{how}").ok();
        return Ok(Some(StackOutcome::ChangeSetCreated(cs.to_owned())));
    }
    approve_listed(stack, &described, review, out)?;
    cfn.client
        .execute_change_set()
        .stack_name(id)
        .change_set_name(cs)
        .send()
        .await
        .map_err(|e| classify("ExecuteChangeSet", &cfn.endpoint, e))?;
    Ok(None)
}

/// Asks about the replacements the change set announces that the template
/// diff did not (types rcdk's registry does not know, conditional ones).
fn approve_listed(
    stack: &StackArtifact,
    described: &DescribeChangeSetOutput,
    review: &Review<'_, '_>,
    out: &Out<'_>,
) -> Result<(), DeployError> {
    let Some(confirm) = review.confirm else {
        return Ok(());
    };
    let listed: Vec<Listed> = described
        .changes()
        .iter()
        .filter_map(|c| c.resource_change())
        .map(|rc| Listed {
            logical_id: rc.logical_resource_id().unwrap_or_default().to_owned(),
            type_name: rc.resource_type().unwrap_or_default().to_owned(),
            replacement: rc.replacement().map(|r| r.as_str().to_owned()).unwrap_or_default(),
        })
        .collect();
    let path_of = |l: &str| stack.construct_path(l).map(str::to_owned);
    let extra = approval::from_change_set(&listed, &review.asked, &path_of);
    if extra.is_empty() {
        return Ok(());
    }
    writeln!(out.borrow_mut(), "{}", approval::summary(&extra).trim_end()).ok();
    if (confirm.borrow_mut())(&approval::question(stack.stack_name(), &extra)) {
        Ok(())
    } else {
        Err(DeployError::Declined)
    }
}

/// A change set that failed: "no changes" ends the deploy (after removing
/// it); anything else is an error, and `cleanup` removes it.
async fn unusable(
    cfn: &Cfn,
    name: &str,
    id: &str,
    cs: &str,
    described: &DescribeChangeSetOutput,
    out: &Out<'_>,
) -> Result<Option<StackOutcome>, DeployError> {
    let reason = described.status_reason().unwrap_or_default().to_owned();
    if reason.contains("didn't contain changes") || reason.contains("No updates are to be performed") {
        // A failed change set blocks nothing; removing it only tidies up.
        cfn.delete_change_set(id, cs).await.ok();
        writeln!(out.borrow_mut(), "{name}: no changes").ok();
        return Ok(Some(StackOutcome::Unchanged));
    }
    let status = described.status().map(|s| s.as_str()).unwrap_or("unknown");
    Err(DeployError::ChangeSetFailed {
        stack: name.to_owned(),
        reason: if reason.is_empty() {
            format!("it is {status}")
        } else {
            reason
        },
    })
}

/// Prints the change set's resource changes.
fn show(stack: &StackArtifact, cs: &str, create: bool, described: &DescribeChangeSetOutput, out: &Out<'_>) {
    let name = stack.stack_name();
    let mut w = out.borrow_mut();
    let kind = if create { "create" } else { "update" };
    writeln!(w, "{name}: change set {cs} ({kind})").ok();
    for rc in described.changes().iter().filter_map(|c| c.resource_change()) {
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

/// Removes what a failed deploy created (the change set and, for a new
/// stack, the empty stack record it made), and returns `err`, naming what
/// could not be removed.
async fn cleanup(cfn: &Cfn, name: &str, id: &str, cs: &str, create: bool, err: DeployError) -> DeployError {
    // Against an endpoint that cannot be reached, trying would only add a wait.
    if matches!(err, DeployError::Unreachable { .. }) {
        return left_behind(cfn, name, cs, create, true, err);
    }
    let removed = cfn.delete_change_set(id, cs).await.is_ok();
    let emptied = !create || remove_if_empty(cfn, id).await;
    if removed && emptied {
        err
    } else {
        left_behind(cfn, name, cs, create, true, err)
    }
}

/// Deletes the stack when it is still an empty `REVIEW_IN_PROGRESS`
/// record; true when nothing is left to do.
async fn remove_if_empty(cfn: &Cfn, id: &str) -> bool {
    match cfn.describe(id).await {
        Ok(Some(d)) if d.status == "REVIEW_IN_PROGRESS" => {
            cfn.client.delete_stack().stack_name(id).send().await.is_ok()
        }
        Ok(_) => true,
        Err(_) => false,
    }
}

fn left_behind(cfn: &Cfn, name: &str, cs: &str, create: bool, certain: bool, err: DeployError) -> DeployError {
    let mut remove = vec![cfn.delete_change_set_command(name, cs)];
    if create {
        remove.push(format!(
            "aws cloudformation delete-stack {} --stack-name {name}   (only while it is REVIEW_IN_PROGRESS: the empty stack the change set made)",
            cfn.cli_flags
        ));
    }
    DeployError::LeftBehind {
        cause: Box::new(err),
        stack: name.to_owned(),
        change_set: cs.to_owned(),
        certain,
        remove,
    }
}
