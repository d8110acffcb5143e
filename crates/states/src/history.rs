//! Execution history, as the Step Functions console shows it.

use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::{json, Map, Value as Json};

/// One event of an execution.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// 1-based, in order.
    pub id: usize,
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
    /// The event as JSON (a copy of its details).
    pub fn to_json(&self) -> Json {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
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
}

impl Status {
    /// `SUCCEEDED`, `FAILED` or `TIMED_OUT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
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
