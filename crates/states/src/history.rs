//! Execution history, as the Step Functions console shows it.

use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::{json, Map, Value as Json};

/// One event of an execution. Its type and detail fields have the names
/// of AWS's `GetExecutionHistory`
/// ([`HistoryEvent`](https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html)):
/// `TaskScheduled` has `resourceType`, `resource`, `region`, `parameters`;
/// a `...StateExited` event `output` and, when the state assigned
/// variables, `assignedVariables`; and so on. [`Event::to_json`] keeps the
/// details flat and as JSON values; [`Event::to_aws_json`] nests them under
/// the API's `...EventDetails` key, with payloads as JSON text, as the API
/// returns them.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// 1-based, in order.
    pub id: usize,
    /// The event before it (0 for the first), as the API's `previousEventId`.
    pub previous_event_id: usize,
    /// The virtual time of the event (RFC 3339).
    pub timestamp: String,
    /// `ExecutionStarted`, `TaskStateEntered`, `TaskScheduled`, ...
    pub event_type: String,
    /// The state the event is about, if any.
    pub state: Option<String>,
    /// Event details: `input`, `output`, `error`, `cause`, `resource`,
    /// `parameters`, `index`. Shared, not copied: a state's output and the
    /// next state's input are one value, so a long execution holds each
    /// distinct value once however many events show it.
    pub details: IndexMap<String, Arc<Json>>,
}

impl Event {
    /// The event as the API's `HistoryEvent` shapes it: `id`,
    /// `previousEventId`, `timestamp`, `type` and the details under their
    /// `...EventDetails` key (`stateEnteredEventDetails`,
    /// `taskScheduledEventDetails`, ...), with `input`, `output` and
    /// `parameters` as JSON text and their `inputDetails`/`outputDetails`.
    ///
    /// ```
    /// use rcdk_states::{Machine, Runner};
    /// use serde_json::json;
    /// let m = Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).unwrap();
    /// let run = Runner::new().run(&m, json!({"x": 1}));
    /// assert_eq!(run.history[1].to_aws_json(), json!({
    ///     "id": 2, "previousEventId": 1, "timestamp": "2024-01-01T00:00:00.000Z", "type": "PassStateEntered",
    ///     "stateEnteredEventDetails": {"name": "A", "input": "{\"x\":1}", "inputDetails": {"truncated": false}}}));
    /// ```
    pub fn to_aws_json(&self) -> Json {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        m.insert("previousEventId".into(), json!(self.previous_event_id));
        m.insert("timestamp".into(), json!(self.timestamp));
        m.insert("type".into(), json!(self.event_type));
        let mut d = Map::new();
        if self.event_type.ends_with("StateEntered")
            || self.event_type.ends_with("StateExited")
            || self.event_type.starts_with("MapIteration")
        {
            if let Some(s) = &self.state {
                d.insert("name".into(), json!(s));
            }
        }
        for (k, v) in &self.details {
            match k.as_str() {
                "input" | "output" | "parameters" => {
                    d.insert(k.clone(), json!(serde_json::to_string(&**v).unwrap_or_default()));
                    if k != "parameters" {
                        d.insert(format!("{k}Details"), json!({"truncated": false}));
                    }
                }
                "name" => {}
                _ => {
                    d.insert(k.clone(), Json::clone(v));
                }
            }
        }
        if let Some(key) = details_key(&self.event_type) {
            if self.event_type == "ExecutionStarted" {
                d.insert("roleArn".into(), json!("arn:aws:iam::000000000000:role/local"));
            }
            if !d.is_empty() || self.event_type == "ExecutionStarted" {
                m.insert(key, Json::Object(d));
            }
        }
        Json::Object(m)
    }

    /// The event as JSON (a copy of its details).
    pub fn to_json(&self) -> Json {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        m.insert("previousEventId".into(), json!(self.previous_event_id));
        m.insert("timestamp".into(), json!(self.timestamp));
        m.insert("type".into(), json!(self.event_type));
        if let Some(s) = &self.state {
            m.insert("state".into(), json!(s));
        }
        for (k, v) in &self.details {
            m.insert(k.clone(), Json::clone(v));
        }
        Json::Object(m)
    }
}

/// The API's details key of an event type (`taskScheduledEventDetails`
/// for `TaskScheduled`), if the type has details.
fn details_key(event_type: &str) -> Option<String> {
    let lower_first = |s: &str| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let base = if event_type.ends_with("StateEntered") {
        "stateEntered".to_owned()
    } else if event_type.ends_with("StateExited") {
        "stateExited".to_owned()
    } else {
        match event_type {
            "ParallelStateStarted"
            | "ParallelStateSucceeded"
            | "ParallelStateFailed"
            | "ParallelStateAborted"
            | "MapStateSucceeded"
            | "MapStateFailed"
            | "MapStateAborted"
            | "MapRunSucceeded" => return None,
            _ => lower_first(event_type),
        }
    };
    Some(format!("{base}EventDetails"))
}

/// How an execution ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Status {
    /// Reached a Succeed state or an End.
    Succeeded,
    /// Failed with an error.
    Failed,
    /// Ran past the machine's `TimeoutSeconds`.
    TimedOut,
    /// Still running: a [`RunningExecution`](crate::running::RunningExecution)
    /// waits for the caller.
    Running,
}

impl Status {
    /// `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `RUNNING`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
            Status::Running => "RUNNING",
        }
    }
}

/// A finished execution.
#[derive(Clone, Debug, PartialEq)]
pub struct Execution {
    /// How it ended.
    pub status: Status,
    /// The output, when it succeeded.
    pub output: Option<Json>,
    /// The error, when it failed and one was given (a Fail state without
    /// `Error` or `ErrorPath` fails with none, as on AWS).
    pub error: Option<String>,
    /// The cause, when it failed and one was given.
    pub cause: Option<String>,
    /// Every event, in order.
    pub history: Vec<Event>,
    /// The Map Runs of the execution's distributed Map states, in the order
    /// they ran, each with its child executions.
    pub map_runs: Vec<MapRun>,
}

/// A distributed Map state's run: its child workflow executions.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MapRun {
    /// The Map Run's ARN (`arn:aws:states:local:000000000000:mapRun:local/<Label or state>:<id>`).
    pub arn: String,
    /// The distributed Map state that ran it.
    pub state: String,
    /// `SUCCEEDED`, or `FAILED` when more children failed than tolerated.
    pub status: Status,
    /// How many items (or batches) it had to process.
    pub total: usize,
    /// How many child executions failed.
    pub failed: usize,
    /// The child executions, in item order (those started before the run
    /// failed, if it did).
    pub executions: Vec<Execution>,
}

impl Execution {
    /// The execution as JSON: `{"status", "output", "error", "cause", "history"}`.
    pub fn to_json(&self) -> Json {
        json!({
            "status": self.status.as_str(),
            "output": self.output,
            "error": self.error,
            "cause": self.cause,
            "history": self.history.iter().map(Event::to_json).collect::<Vec<_>>(),
        })
    }

    /// The names of the states entered, in order.
    pub fn states_entered(&self) -> Vec<&str> {
        self.history
            .iter()
            .filter(|e| e.event_type.ends_with("StateEntered"))
            .filter_map(|e| e.state.as_deref())
            .collect()
    }
}

impl fmt::Display for Execution {
    /// One line per event, with inputs and outputs, then the result.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.history {
            write!(
                f,
                "{:>4}  {:<28} {}",
                e.id,
                e.event_type,
                e.state.as_deref().unwrap_or("")
            )?;
            for (k, v) in &e.details {
                write!(f, "\n        {k}: {}", serde_json::to_string(&**v).unwrap_or_default())?;
            }
            writeln!(f)?;
        }
        match self.status {
            Status::Succeeded => writeln!(
                f,
                "{}: {}",
                self.status.as_str(),
                serde_json::to_string(&self.output).unwrap_or_default()
            ),
            _ => writeln!(
                f,
                "{}: {}: {}",
                self.status.as_str(),
                self.error.as_deref().unwrap_or("(no error)"),
                self.cause.as_deref().unwrap_or("(no cause)")
            ),
        }
    }
}
