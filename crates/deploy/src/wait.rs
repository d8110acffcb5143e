//! Waiting for CloudFormation: for a change set to be computed, for a stack
//! operation to end. Every wait says what it waits for at least every
//! `Timing::heartbeat` (30 s), and stops at `Timing::max_wait`, so no wait is
//! silent or endless.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write;
use std::time::{Duration, Instant};

use aws_sdk_cloudformation::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_cloudformation::types::ChangeSetStatus;

use crate::aws::{Cfn, Deployed};
use crate::error::{classify, DeployError};

/// Where progress goes; shared by the stacks that deploy at once.
pub(crate) type Out<'a> = RefCell<&'a mut dyn Write>;

/// Tracks when a wait last said something.
pub(crate) struct Progress {
    started: Instant,
    last: Instant,
    every: Duration,
}

impl Progress {
    pub(crate) fn new(every: Duration) -> Self {
        let now = Instant::now();
        Progress {
            started: now,
            last: now,
            every,
        }
    }

    /// Something was printed: the silence starts again.
    pub(crate) fn spoke(&mut self) {
        self.last = Instant::now();
    }

    /// True (once per interval) when the wait has been silent too long.
    pub(crate) fn due(&mut self) -> bool {
        if self.last.elapsed() >= self.every {
            self.spoke();
            return true;
        }
        false
    }

    pub(crate) fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

/// A duration as people read it: `45s`, `2m 05s`, `1h 02m`.
pub(crate) fn human(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
    }
}

/// What CloudFormation is doing in a status, for "waiting for CloudFormation to ...".
pub(crate) fn activity(status: &str) -> &'static str {
    match status {
        "REVIEW_IN_PROGRESS" => "start executing the change set",
        "CREATE_IN_PROGRESS" => "create the stack",
        "ROLLBACK_IN_PROGRESS" => "roll back the failed creation",
        "UPDATE_IN_PROGRESS" => "update the stack",
        "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS" => "delete the resources the update replaced",
        "UPDATE_ROLLBACK_IN_PROGRESS" => "roll back the failed update",
        "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS" => "clean up after the rollback",
        "DELETE_IN_PROGRESS" => "delete the stack",
        "IMPORT_IN_PROGRESS" | "IMPORT_ROLLBACK_IN_PROGRESS" => "finish the import",
        _ => "finish the operation",
    }
}

/// Prints the stack's events not seen before; true when it printed any.
async fn print_new_events(cfn: &Cfn, name: &str, id: &str, seen: &mut HashSet<String>, out: &Out<'_>) -> bool {
    let Ok(events) = cfn.events(id).await else {
        // Events are a courtesy; the stack's status decides the outcome.
        return false;
    };
    let mut printed = false;
    let mut w = out.borrow_mut();
    for e in events {
        if !seen.insert(e.id.clone()) {
            continue;
        }
        let reason = if e.reason.is_empty() {
            String::new()
        } else {
            format!(" ({})", e.reason)
        };
        writeln!(
            w,
            "  {name} | {} | {:<28} | {} {}{reason}",
            e.time, e.status, e.type_name, e.logical_id
        )
        .ok();
        printed = true;
    }
    printed
}

/// The ids of the events the stack already has, so `follow` prints only new ones.
pub(crate) async fn seen_events(cfn: &Cfn, id: &str) -> HashSet<String> {
    cfn.events(id)
        .await
        .map(|e| e.into_iter().map(|e| e.id).collect())
        .unwrap_or_default()
}

/// Prints new stack events until the stack (by id) reaches a final status.
pub(crate) async fn follow(
    cfn: &Cfn,
    name: &str,
    id: &str,
    mut seen: HashSet<String>,
    out: &Out<'_>,
) -> Result<Deployed, DeployError> {
    let mut progress = Progress::new(cfn.timing.heartbeat);
    loop {
        if print_new_events(cfn, name, id, &mut seen, out).await {
            progress.spoke();
        }
        let Some(d) = cfn.describe(id).await? else {
            return Ok(Deployed {
                status: "DELETE_COMPLETE".into(),
                ..Deployed::default()
            });
        };
        if !d.status.ends_with("_IN_PROGRESS") {
            return Ok(d);
        }
        if d.status == "REVIEW_IN_PROGRESS" && progress.elapsed() > cfn.timing.review_grace {
            return Err(not_started(cfn, name, &progress));
        }
        if progress.elapsed() > cfn.timing.max_wait {
            return Err(DeployError::StackBusy {
                stack: name.to_owned(),
                status: d.status,
                advice: format!(
                    "it was still in progress after {}; rcdk stopped waiting, CloudFormation carries on",
                    human(cfn.timing.max_wait)
                ),
            });
        }
        if progress.due() {
            let line = format!(
                "  {name}: still {} after {}, waiting for CloudFormation to {}",
                d.status,
                human(progress.elapsed()),
                activity(&d.status)
            );
            writeln!(out.borrow_mut(), "{line}").ok();
        }
        tokio::time::sleep(cfn.timing.poll).await;
    }
}

fn not_started(cfn: &Cfn, name: &str, progress: &Progress) -> DeployError {
    DeployError::StackBusy {
        stack: name.to_owned(),
        status: "REVIEW_IN_PROGRESS".into(),
        advice: format!(
            "its change set was executed {} ago and CloudFormation has not started creating it; see `aws cloudformation list-change-sets {} --stack-name {name}`, then deploy again",
            human(progress.elapsed()),
            cfn.cli_flags
        ),
    }
}

/// Waits until CloudFormation has computed the change set (or failed to),
/// saying so while it waits.
pub(crate) async fn change_set(
    cfn: &Cfn,
    name: &str,
    id: &str,
    change_set: &str,
    out: &Out<'_>,
) -> Result<DescribeChangeSetOutput, DeployError> {
    let mut progress = Progress::new(cfn.timing.heartbeat);
    loop {
        let d = cfn
            .client
            .describe_change_set()
            .stack_name(id)
            .change_set_name(change_set)
            .send()
            .await
            .map_err(|e| classify("DescribeChangeSet", &cfn.endpoint, e))?;
        let status = d.status().cloned();
        if !matches!(
            status,
            Some(ChangeSetStatus::CreatePending) | Some(ChangeSetStatus::CreateInProgress)
        ) {
            return Ok(d);
        }
        if progress.elapsed() > cfn.timing.max_wait {
            return Err(DeployError::StackBusy {
                stack: name.to_owned(),
                status: "waiting for its change set".into(),
                advice: format!(
                    "CloudFormation had not computed change set {change_set} after {}",
                    human(cfn.timing.max_wait)
                ),
            });
        }
        if progress.due() {
            let status = status.map(|s| s.as_str().to_owned()).unwrap_or_default();
            writeln!(
                out.borrow_mut(),
                "  {name}: still waiting for CloudFormation to compute change set {change_set} ({status}, {})",
                human(progress.elapsed())
            )
            .ok();
        }
        tokio::time::sleep(cfn.timing.poll).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(human(Duration::from_secs(45)), "45s");
        assert_eq!(human(Duration::from_secs(125)), "2m 05s");
        assert_eq!(human(Duration::from_secs(3 * 3600 + 120)), "3h 02m");
    }

    #[test]
    fn progress_is_due_once_per_interval_of_silence() {
        let mut p = Progress::new(Duration::from_millis(30));
        assert!(!p.due());
        std::thread::sleep(Duration::from_millis(35));
        assert!(p.due());
        assert!(!p.due(), "due resets the silence");
        std::thread::sleep(Duration::from_millis(35));
        p.spoke();
        assert!(!p.due(), "anything printed resets it too");
    }

    #[test]
    fn every_in_progress_status_says_what_it_waits_for() {
        for s in [
            "REVIEW_IN_PROGRESS",
            "CREATE_IN_PROGRESS",
            "ROLLBACK_IN_PROGRESS",
            "UPDATE_IN_PROGRESS",
            "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
            "UPDATE_ROLLBACK_IN_PROGRESS",
            "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
            "DELETE_IN_PROGRESS",
        ] {
            assert_ne!(activity(s), "finish the operation", "{s}");
        }
    }
}
