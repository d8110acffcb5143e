//! An execution driven step by step by the caller, as a worker and a
//! client drive a deployed one: [`Runner::start`](crate::Runner::start)
//! runs until a `.waitForTaskToken` task waits for its token, and the
//! caller answers it with [`RunningExecution::send_task_success`],
//! [`send_task_failure`](RunningExecution::send_task_failure) or
//! [`send_task_heartbeat`](RunningExecution::send_task_heartbeat), and lets
//! virtual time pass with [`advance`](RunningExecution::advance), as the
//! `SendTaskSuccess`, `SendTaskFailure` and `SendTaskHeartbeat` APIs do.
//!
//! It is deterministic: each call replays the execution from its start
//! with every answer given so far at the virtual time it was given, so
//! handlers run again on each replay (prefer mocks, or handlers without
//! side effects). Branches run one after another, so a Parallel state's
//! waiting tasks are answered in branch order. Tokens that a child
//! execution (a distributed Map's, or `startExecution`'s) waits for are
//! answered by mocks and [`Runner::on_callback`](crate::Runner::on_callback)
//! only.

use std::cell::RefCell;
use std::collections::HashMap;

use serde_json::Value as Json;

use crate::handlers::TaskError;
use crate::history::{Execution, Status};
use crate::time::format_timestamp;
use crate::{Machine, Runner};

/// A task waiting for its token to be answered.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PendingTask {
    /// The Task state.
    pub state: String,
    /// Its task token (`$$.Task.Token`).
    pub token: String,
    /// The parameters it was called with (which carry the token to the worker).
    pub parameters: Json,
    /// When it started (RFC 3339).
    pub started: String,
    /// When it started, in nanoseconds on the virtual clock.
    pub(crate) started_at: i128,
}

/// What the caller has said so far, on the virtual clock.
#[derive(Debug, Default)]
pub(crate) struct Session {
    /// The caller's time: when the next answer is given.
    pub(crate) now: i128,
    /// Each token's answer, and when it was given.
    pub(crate) answers: HashMap<String, (i128, Result<Json, TaskError>)>,
    /// Each token's heartbeats.
    pub(crate) heartbeats: HashMap<String, Vec<i128>>,
    /// No more answers will come: waiting tasks run to their timeouts.
    pub(crate) finishing: bool,
    /// Where the last replay stopped: the waiting task, and how many
    /// events came before it stopped.
    pub(crate) paused: RefCell<Option<(PendingTask, usize)>>,
}

/// An execution the caller drives: see [the module docs](self).
///
/// ```
/// use rcdk_states::{Machine, Runner, Status};
/// use serde_json::json;
///
/// let m = Machine::from_json(&json!({"StartAt": "Approve", "States": {
///     "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///                 "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
///                 "HeartbeatSeconds": 60, "Next": "Done"},
///     "Done": {"Type": "Succeed"}}})).unwrap();
/// let runner = Runner::new();
/// let mut run = runner.start(&m, json!({}));
/// let task = run.waiting()[0].clone();
/// assert_eq!(task.state, "Approve");
/// assert_eq!(task.parameters["MessageBody"]["token"], json!(task.token));
/// run.advance(50.0);
/// run.send_task_heartbeat(&task.token).unwrap();
/// run.advance(50.0);
/// run.send_task_success(&task.token, json!({"approved": true})).unwrap();
/// let done = run.finish();
/// assert_eq!(done.status, Status::Succeeded);
/// assert_eq!(done.output, Some(json!({"approved": true})));
/// assert_eq!(done.history.last().unwrap().timestamp, "2024-01-01T00:01:40.000Z");
/// ```
pub struct RunningExecution<'r> {
    runner: &'r Runner,
    machine: &'r Machine,
    input: Json,
    session: Session,
    execution: Execution,
    waiting: Vec<PendingTask>,
}

impl Runner {
    /// Starts `machine` on `input` as a [`RunningExecution`]: it runs until
    /// a `.waitForTaskToken` task that no mock answers waits for its token,
    /// or to its end.
    ///
    /// ```
    /// use rcdk_states::{Machine, Runner};
    /// let m = Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).unwrap();
    /// let runner = Runner::new();
    /// let run = runner.start(&m, serde_json::json!({"x": 1}));
    /// assert!(run.waiting().is_empty());
    /// assert_eq!(run.finish().output, Some(serde_json::json!({"x": 1})));
    /// ```
    pub fn start<'r>(&'r self, machine: &'r Machine, input: Json) -> RunningExecution<'r> {
        let session = Session {
            now: self.start_nanos(),
            ..Session::default()
        };
        let mut run = RunningExecution {
            runner: self,
            machine,
            input,
            session,
            execution: Execution {
                status: Status::Running,
                output: None,
                error: None,
                cause: None,
                history: Vec::new(),
                map_runs: Vec::new(),
            },
            waiting: Vec::new(),
        };
        run.replay();
        run
    }
}

impl RunningExecution<'_> {
    /// Runs the execution again from its start with every answer so far.
    fn replay(&mut self) {
        self.session.paused.replace(None);
        let mut e = self.runner.run_session(self.machine, self.input.clone(), &self.session);
        match self.session.paused.take() {
            Some((task, events)) => {
                e.history.retain(|ev| ev.id <= events);
                e.status = Status::Running;
                e.output = None;
                e.error = None;
                e.cause = None;
                self.session.now = self.session.now.max(task.started_at);
                self.waiting = vec![task];
            }
            None => self.waiting.clear(),
        }
        self.execution = e;
    }

    /// The tasks waiting for their tokens now (none once the execution has
    /// ended).
    ///
    /// ```
    /// # use rcdk_states::{Machine, Runner};
    /// # let m = Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).unwrap();
    /// # let runner = Runner::new();
    /// assert!(runner.start(&m, serde_json::json!({})).waiting().is_empty());
    /// ```
    pub fn waiting(&self) -> &[PendingTask] {
        &self.waiting
    }

    /// The execution so far: status `RUNNING` and the history up to the
    /// waiting task while one waits, or the ended execution.
    ///
    /// ```
    /// # use rcdk_states::{Machine, Runner, Status};
    /// # let m = Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).unwrap();
    /// # let runner = Runner::new();
    /// assert_eq!(runner.start(&m, serde_json::json!({})).execution().status, Status::Succeeded);
    /// ```
    pub fn execution(&self) -> &Execution {
        &self.execution
    }

    /// The caller's virtual time (RFC 3339): when the next answer is given.
    /// It is never before the waiting task started.
    ///
    /// ```
    /// # use rcdk_states::{Machine, Runner};
    /// # let m = Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).unwrap();
    /// # let runner = Runner::new();
    /// let mut run = runner.start(&m, serde_json::json!({}));
    /// run.advance(1.5);
    /// assert_eq!(run.now(), "2024-01-01T00:00:01.500Z");
    /// ```
    pub fn now(&self) -> String {
        format_timestamp(self.session.now)
    }

    /// Lets `seconds` of virtual time pass (a waiting task may time out).
    /// Negative, NaN or infinite durations count as none.
    ///
    /// ```
    /// # use rcdk_states::{Machine, Runner, Status};
    /// # use serde_json::json;
    /// let m = Machine::from_json(&json!({"StartAt": "T", "States": {"T": {"Type": "Task",
    ///     "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "TimeoutSeconds": 300, "End": true}}})).unwrap();
    /// let runner = Runner::new();
    /// let mut run = runner.start(&m, json!({}));
    /// run.advance(299.0);
    /// assert_eq!(run.waiting().len(), 1);
    /// run.advance(1.0);
    /// assert_eq!(run.execution().error.as_deref(), Some("States.Timeout"));
    /// ```
    pub fn advance(&mut self, seconds: f64) {
        if seconds.is_finite() && seconds > 0.0 {
            let nanos = (seconds * 1e9) as i128;
            self.session.now = self.session.now.saturating_add(nanos);
            self.replay();
        }
    }

    /// The waiting task with `token`, or the error the API gives.
    fn pending(&self, token: &str) -> Result<&PendingTask, TaskError> {
        self.waiting.iter().find(|t| t.token == token).ok_or_else(|| TaskError {
            error: "TaskDoesNotExist".into(),
            cause: format!("no task waits for the token {token:?} now (it was answered, timed out, or never issued)"),
        })
    }

    /// `SendTaskSuccess`: the waiting task with `token` succeeds with
    /// `output`, now. An unknown token is the API's `TaskDoesNotExist`.
    ///
    /// ```
    /// # use rcdk_states::{Machine, Runner};
    /// # let m = Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).unwrap();
    /// # let runner = Runner::new();
    /// let mut run = runner.start(&m, serde_json::json!({}));
    /// assert_eq!(run.send_task_success("nope", serde_json::json!({})).unwrap_err().error, "TaskDoesNotExist");
    /// ```
    pub fn send_task_success(&mut self, token: &str, output: Json) -> Result<(), TaskError> {
        self.answer(token, Ok(output))
    }

    /// `SendTaskFailure`: the waiting task with `token` fails with `error`
    /// and `cause`, now.
    ///
    /// ```
    /// # use rcdk_states::{Machine, Runner};
    /// # use serde_json::json;
    /// let m = Machine::from_json(&json!({"StartAt": "T", "States": {"T": {"Type": "Task",
    ///     "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}})).unwrap();
    /// let runner = Runner::new();
    /// let mut run = runner.start(&m, json!({}));
    /// let token = run.waiting()[0].token.clone();
    /// run.send_task_failure(&token, "Rejected", "no").unwrap();
    /// assert_eq!(run.finish().error.as_deref(), Some("Rejected"));
    /// ```
    pub fn send_task_failure(&mut self, token: &str, error: &str, cause: &str) -> Result<(), TaskError> {
        self.answer(
            token,
            Err(TaskError {
                error: error.to_owned(),
                cause: cause.to_owned(),
            }),
        )
    }

    /// `SendTaskHeartbeat`: the waiting task with `token` is alive, now
    /// (its `HeartbeatSeconds` start again).
    ///
    /// ```
    /// # use rcdk_states::{Machine, Runner};
    /// # let m = Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).unwrap();
    /// # let runner = Runner::new();
    /// let mut run = runner.start(&m, serde_json::json!({}));
    /// assert!(run.send_task_heartbeat("nope").is_err());
    /// ```
    pub fn send_task_heartbeat(&mut self, token: &str) -> Result<(), TaskError> {
        let at = self.session.now.max(self.pending(token)?.started_at);
        self.session.heartbeats.entry(token.to_owned()).or_default().push(at);
        self.replay();
        Ok(())
    }

    fn answer(&mut self, token: &str, result: Result<Json, TaskError>) -> Result<(), TaskError> {
        let at = self.session.now.max(self.pending(token)?.started_at);
        self.session.answers.insert(token.to_owned(), (at, result));
        self.replay();
        Ok(())
    }

    /// Ends the execution: no more answers come, so tasks still waiting
    /// run to their timeouts.
    ///
    /// ```
    /// # use rcdk_states::{Machine, Runner, Status};
    /// # use serde_json::json;
    /// let m = Machine::from_json(&json!({"StartAt": "T", "States": {"T": {"Type": "Task",
    ///     "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "HeartbeatSeconds": 10, "End": true}}})).unwrap();
    /// let runner = Runner::new();
    /// assert_eq!(runner.start(&m, json!({})).finish().error.as_deref(), Some("States.HeartbeatTimeout"));
    /// ```
    pub fn finish(mut self) -> Execution {
        if !self.waiting.is_empty() {
            self.session.finishing = true;
            self.replay();
        }
        self.execution
    }
}
