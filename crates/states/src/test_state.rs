//! Running one state as AWS's `TestState` API does
//! (<https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html>):
//! given the state's definition, an input, optional variables and an
//! optional mocked result, [`Runner::test_state`](crate::Runner::test_state)
//! runs it once and returns a [`TestStateOutput`] shaped like the API's
//! response: the status (`SUCCEEDED`, `FAILED`, `RETRIABLE`,
//! `CAUGHT_ERROR`), output, error, cause, next state, and the inspection
//! data of each step of its input and output processing.
//!
//! As with the API, the state runs once: a failure that a retrier matches
//! (with attempts left after
//! [`retrier_retry_count`](TestStateOptions::retrier_retry_count)) is
//! `RETRIABLE`, with the retrier's index and the interval before the retry;
//! one that a catcher matches is `CAUGHT_ERROR`, with the catcher's output
//! and its `Next` as the next state. A Wait state does not wait.

use serde_json::{json, Map, Value as Json};

use crate::handlers::MockResult;
use crate::variables::Variables;

/// What to run a state with, besides its input: the TestState API's
/// `variables`, `mock`, `stateName` and `stateConfiguration.retrierRetryCount`.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct TestStateOptions {
    /// The workflow variables the state sees (`variables`).
    pub variables: Variables,
    /// The task's result or error, instead of calling its integration
    /// (`mock.result` as [`MockResult::Return`], `mock.errorOutput` as
    /// [`MockResult::Throw`]); for a distributed Map with an `ItemReader`,
    /// the items read.
    pub mock: Option<MockResult>,
    /// The state's name (`$$.State.Name`); `TestState` by default.
    pub state_name: Option<String>,
    /// How many times the state was already retried
    /// (`stateConfiguration.retrierRetryCount`): `$$.State.RetryCount`, and
    /// what decides whether a retrier has attempts left.
    pub retrier_retry_count: u32,
}

impl TestStateOptions {
    /// No variables, no mock.
    ///
    /// ```
    /// let o = rcdk_states::TestStateOptions::new();
    /// assert!(o.variables.is_empty() && o.mock.is_none());
    /// ```
    pub fn new() -> TestStateOptions {
        TestStateOptions::default()
    }

    /// The workflow variables the state sees.
    ///
    /// ```
    /// use serde_json::json;
    /// let o = rcdk_states::TestStateOptions::new().variables(json!({"limit": 10}));
    /// assert_eq!(o.variables["limit"], json!(10));
    /// ```
    pub fn variables(mut self, variables: Json) -> TestStateOptions {
        if let Json::Object(m) = variables {
            self.variables = m;
        }
        self
    }

    /// The task's result or error, instead of calling its integration.
    ///
    /// ```
    /// use rcdk_states::{MockResult, TestStateOptions};
    /// let o = TestStateOptions::new().mock(MockResult::Return(serde_json::json!({"ok": true})));
    /// assert!(o.mock.is_some());
    /// ```
    pub fn mock(mut self, mock: MockResult) -> TestStateOptions {
        self.mock = Some(mock);
        self
    }

    /// The state's name.
    ///
    /// ```
    /// let o = rcdk_states::TestStateOptions::new().state_name("Charge");
    /// assert_eq!(o.state_name.as_deref(), Some("Charge"));
    /// ```
    pub fn state_name(mut self, name: &str) -> TestStateOptions {
        self.state_name = Some(name.to_owned());
        self
    }

    /// How many times the state was already retried.
    ///
    /// ```
    /// let o = rcdk_states::TestStateOptions::new().retrier_retry_count(2);
    /// assert_eq!(o.retrier_retry_count, 2);
    /// ```
    pub fn retrier_retry_count(mut self, count: u32) -> TestStateOptions {
        self.retrier_retry_count = count;
        self
    }
}

/// How the state ended (the API's `status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TestStateStatus {
    /// It succeeded.
    Succeeded,
    /// It failed, and no retrier or catcher handles the error.
    Failed,
    /// It failed, and a retrier would retry it.
    Retriable,
    /// It failed, and a catcher caught the error.
    CaughtError,
}

impl TestStateStatus {
    /// `SUCCEEDED`, `FAILED`, `RETRIABLE` or `CAUGHT_ERROR`.
    ///
    /// ```
    /// assert_eq!(rcdk_states::TestStateStatus::CaughtError.as_str(), "CAUGHT_ERROR");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TestStateStatus::Succeeded => "SUCCEEDED",
            TestStateStatus::Failed => "FAILED",
            TestStateStatus::Retriable => "RETRIABLE",
            TestStateStatus::CaughtError => "CAUGHT_ERROR",
        }
    }
}

/// The data at each step of the state's input and output processing (the
/// API's `inspectionData`); a step the state did not reach, or that it
/// does not have, is `None`.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct InspectionData {
    /// The state's input.
    pub input: Option<Json>,
    /// The input after `InputPath`.
    pub after_input_path: Option<Json>,
    /// A JSONata Task state's input after `Arguments`.
    pub after_arguments: Option<Json>,
    /// The effective input after a Pass, Task or Parallel state's `Parameters`.
    pub after_parameters: Option<Json>,
    /// The task's (or Pass state's, Parallel's, Map's) result.
    pub result: Option<Json>,
    /// The result after `ResultSelector`.
    pub after_result_selector: Option<Json>,
    /// The output after `ResultPath` (before `OutputPath`).
    pub after_result_path: Option<Json>,
    /// The workflow variables after the state (with what it assigned).
    pub variables: Option<Variables>,
    /// For a `RETRIABLE` or `CAUGHT_ERROR` status: `retryIndex` and
    /// `retryBackoffIntervalSeconds`, or `catchIndex`.
    pub error_details: Option<Json>,
}

/// What running one state gave: the shape of the TestState API's response.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TestStateOutput {
    /// How it ended.
    pub status: TestStateStatus,
    /// The state's output (for `CAUGHT_ERROR`, the catcher's).
    pub output: Option<Json>,
    /// The error, when it failed.
    pub error: Option<String>,
    /// The cause, when it failed.
    pub cause: Option<String>,
    /// The state to go to next (`Next`, a Choice's target, a catcher's
    /// `Next`); `None` at the end or on failure.
    pub next_state: Option<String>,
    /// Each step's data.
    pub inspection_data: InspectionData,
}

impl TestStateOutput {
    /// The response as the API returns it: `status`, `output`, `error`,
    /// `cause`, `nextState`, `inspectionData` (`input`, `afterInputPath`,
    /// `afterParameters`, `result`, `afterResultSelector`,
    /// `afterResultPath`, `variables`, as JSON text; `errorDetails` as an
    /// object), each only when present.
    ///
    /// ```
    /// use rcdk_states::{Runner, TestStateOptions};
    /// use serde_json::json;
    /// let out = Runner::new()
    ///     .test_state(&json!({"Type": "Pass", "InputPath": "$.a", "Next": "B"}), json!({"a": 1}), &TestStateOptions::new())
    ///     .unwrap();
    /// assert_eq!(out.to_json(), json!({
    ///     "status": "SUCCEEDED", "output": "1", "nextState": "B",
    ///     "inspectionData": {"input": "{\"a\":1}", "afterInputPath": "1", "result": "1", "afterResultPath": "1", "variables": "{}"}}));
    /// ```
    pub fn to_json(&self) -> Json {
        let text = |v: &Json| json!(serde_json::to_string(v).unwrap_or_default());
        let mut m = Map::new();
        m.insert("status".into(), json!(self.status.as_str()));
        if let Some(o) = &self.output {
            m.insert("output".into(), text(o));
        }
        if let Some(e) = &self.error {
            m.insert("error".into(), json!(e));
        }
        if let Some(c) = &self.cause {
            m.insert("cause".into(), json!(c));
        }
        if let Some(n) = &self.next_state {
            m.insert("nextState".into(), json!(n));
        }
        let d = &self.inspection_data;
        let mut i = Map::new();
        for (k, v) in [
            ("input", &d.input),
            ("afterInputPath", &d.after_input_path),
            ("afterArguments", &d.after_arguments),
            ("afterParameters", &d.after_parameters),
            ("result", &d.result),
            ("afterResultSelector", &d.after_result_selector),
            ("afterResultPath", &d.after_result_path),
        ] {
            if let Some(v) = v {
                i.insert(k.into(), text(v));
            }
        }
        if let Some(v) = &d.variables {
            i.insert("variables".into(), text(&Json::Object(v.clone())));
        }
        if let Some(e) = &d.error_details {
            i.insert("errorDetails".into(), e.clone());
        }
        m.insert("inspectionData".into(), Json::Object(i));
        Json::Object(m)
    }
}
