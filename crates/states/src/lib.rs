//! Run Amazon States Language state machines locally, in `cargo test`, in
//! milliseconds: an interpreter with the semantics of AWS Step Functions
//! (JSONPath query language), task handlers for real HTTP calls
//! (`apigateway:invoke`), SNS and Lambda (Rust functions standing in for
//! Lambda functions, [`LambdaInvoke`]), mocks in the spirit of Step Functions
//! Local's mock configuration, an execution history like the console's, and
//! diagrams.
//!
//! ```
//! use rcdk_states::{Machine, Runner, Mocks, MockResult, Status};
//! use serde_json::json;
//!
//! let machine = Machine::from_str(r#"{
//!   "StartAt": "Call API",
//!   "States": {
//!     "Call API": {"Type": "Task", "Resource": "arn:aws:states:::apigateway:invoke",
//!                  "Parameters": {"ApiEndpoint": "api", "Method": "GET"}, "Next": "Ok?"},
//!     "Ok?": {"Type": "Choice", "Choices": [{"Variable": "$.StatusCode", "NumericEquals": 200, "Next": "Yes"}],
//!             "Default": "No"},
//!     "Yes": {"Type": "Succeed"},
//!     "No": {"Type": "Fail", "Error": "NotOk"}
//!   }
//! }"#).unwrap();
//! let mocks = Mocks::new().state("Call API", vec![MockResult::Return(json!({"StatusCode": 200}))]);
//! let run = Runner::new().mocks(mocks).run(&machine, json!({}));
//! assert_eq!(run.status, Status::Succeeded);
//! assert_eq!(run.states_entered(), ["Call API", "Ok?", "Yes"]);
//! ```
//!
//! # AWS Step Functions, where it differs from the specification
//!
//! Where AWS behaves differently from the
//! [Amazon States Language specification](https://states-language.net/spec.html),
//! the interpreter does what AWS does, because a local run should predict
//! the deployed one:
//!
//! - AWS's [error names](https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html)
//!   list `States.NoChoiceMatched`, `States.IntrinsicFailure` and
//!   `States.ParameterPathFailure` as reserved for future use and report
//!   those failures as `States.Runtime`. So a Choice state with no matching
//!   rule and no `Default`, an intrinsic function that fails, and a `.$`
//!   path that selects nothing fail with `States.Runtime`; the cause says
//!   what happened and names the specification's error.
//! - `States.Runtime` is never retried or caught, not even by `States.ALL`:
//!   it always fails the execution.
//! - A [Fail state](https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html)
//!   takes `ErrorPath` and `CausePath` as a path or as an intrinsic that
//!   returns a string (`States.Format`, `States.JsonToString`,
//!   `States.ArrayGetItem`, `States.Base64Encode`, `States.Base64Decode`,
//!   `States.Hash`, `States.UUID`). Without `Error`/`ErrorPath` or
//!   `Cause`/`CausePath` it fails with no error or cause
//!   ([`Execution::error`] and [`Execution::cause`] are `None`, not empty
//!   strings); `States.ALL` catches such a failure in a branch.
//! - Timestamps in the context object and the history carry milliseconds
//!   (`2024-01-01T00:01:30.000Z`), as on AWS.
//!
//! # Limits
//!
//! A definition, an input, a mock or an endpoint cannot make the
//! interpreter crash, overflow its stack, hang or grow its memory without
//! bound. It keeps AWS's quotas, and raises the error AWS raises:
//!
//! - **Payloads.** A state's input (after `Parameters` or `ItemSelector`),
//!   a task's parameters and result, a state's output and the execution
//!   input are at most 256 KiB ([`limits::MAX_PAYLOAD_BYTES`] bytes of
//!   UTF-8 JSON, AWS's
//!   [payload quota](https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-task-executions));
//!   more fails with `States.DataLimitExceeded`. As the
//!   [error docs](https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html)
//!   say, that error is terminal: no retrier or catcher matches it, not
//!   even `States.ALL`. Values built while a payload is computed (a
//!   template's fields, `States.Array`, `States.Format`, an indefinite path's
//!   matches) are counted as they grow, so an oversized one stops early.
//! - **Nesting.** Data nests at most [`limits::MAX_DEPTH`] (127) levels of
//!   arrays and objects, the most `serde_json` (and so `--input`, mock files
//!   and `States.StringToJson`) reads back; AWS documents no such limit, so
//!   deeper data fails with `States.Runtime` and a cause saying so. A
//!   definition nests at most as deep, intrinsic functions at most 10 deep
//!   (the [intrinsic functions docs](https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html)),
//!   JSONPath filters at most [`limits::MAX_FILTER_NESTING`] deep. No parser
//!   or evaluator recurses further than these limits.
//! - **History.** An execution has at most [`MAX_EVENTS`] (25,000) events,
//!   AWS's history quota; every state, retry attempt and iteration counts,
//!   and reaching it fails the execution with `States.Runtime`. Events share
//!   the data they show ([`Event::details`] holds `Arc`s) instead of copying
//!   it, so an execution's memory is that of the distinct values its
//!   history shows; [`Runner::history_limit`] keeps only the last events,
//!   and so bounds that too.
//! - **Time.** The virtual clock uses checked arithmetic. An execution runs
//!   at most a year ([`limits::MAX_EXECUTION_SECONDS`]): past it, or past
//!   its `TimeoutSeconds`, it fails with `States.Timeout`, as the
//!   [execution quotas](https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-state-machine-executions)
//!   say. `Seconds`, `TimeoutSeconds`, `HeartbeatSeconds`,
//!   `IntervalSeconds` and `MaxAttempts` are integers up to
//!   [`limits::MAX_SECONDS`] (99,999,999), `MaxDelaySeconds` below
//!   31,622,401; a definition outside these ranges does not load, and a
//!   `SecondsPath` or `TimeoutSecondsPath` outside them fails with
//!   `States.Runtime`.
//! - **Numbers.** `States.MathAdd`, `States.MathRandom` and
//!   `States.ArrayRange` use checked 64-bit integer arithmetic; a result
//!   out of range fails with `States.Runtime`. Non-integer arguments of
//!   `States.MathAdd` and `States.MathRandom` are rounded to the nearest
//!   integer, as the intrinsic functions docs say.
//! - **Definitions.** A definition is at most 1 MB
//!   ([`limits::MAX_DEFINITION_BYTES`]), the
//!   [definition quota](https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-accounts).
//!   Loading refuses what `CreateStateMachine` refuses: besides the ranges
//!   above, a `HeartbeatSeconds` not below its `TimeoutSeconds` (99,999,999
//!   when absent), a timeout or heartbeat given both as a number and a path,
//!   an intrinsic function with the wrong number of arguments, and a literal
//!   `States.Format` template whose `{}` do not match its arguments (a
//!   template a path gives is checked when it runs). It also refuses a
//!   state from which no transition path ends the execution (a loop of
//!   Pass or Wait states with no exit), which could only run until the
//!   history quota fails it. Loading, line numbers
//!   included, takes time linear in the definition's size; `StringMatches`,
//!   `States.ArrayUnique` and `States.StringSplit` take linear time too.
//!
//! # Workflow variables
//!
//! `Assign` (on Pass, Task, Map, Parallel, Choice and Wait states, choice
//! rules and catchers) and `$name` / `$name.path` references in every
//! JSONPath field run as the AWS
//! [variables docs](https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html)
//! describe: see [`variables`] for the scopes, evaluation order and limits.
//!
//! ```
//! use rcdk_states::{Machine, Runner};
//! use serde_json::json;
//!
//! let m = Machine::from_json(&json!({"StartAt": "Save", "States": {
//!   "Save": {"Type": "Pass", "Assign": {"orderId.$": "$.id"}, "OutputPath": "$.rest", "Next": "Use"},
//!   "Use": {"Type": "Pass", "Parameters": {"id.$": "$orderId", "rest.$": "$"}, "End": true}}})).unwrap();
//! let run = Runner::new().run(&m, json!({"id": 42, "rest": "r"}));
//! assert_eq!(run.output, Some(json!({"id": 42, "rest": "r"})));
//! ```
//!
//! # Callbacks, child executions, distributed Map, TestState
//!
//! - `.waitForTaskToken` tasks get `$$.Task.Token`; their tokens are
//!   answered on the virtual clock by [`MockResult::Callback`] (or
//!   `Return`/`Throw`), by [`Runner::on_callback`], or step by step by the
//!   caller through a [`RunningExecution`] ([`Runner::start`]), with
//!   `HeartbeatSeconds` and `TimeoutSeconds` enforced.
//! - `states:startExecution` (`.sync`, `.sync:2`) runs the machines given
//!   to [`Runner::state_machine`] as child executions; other `.sync`
//!   integrations take their completed job's result from mocks or handlers.
//! - Distributed Map states read items from local directories mapped to S3
//!   buckets ([`Runner::bucket`]), batch them, run child executions
//!   ([`Execution::map_runs`]) and write results as AWS does: see
//!   [`distributed_map`].
//! - [`Runner::test_state`] runs one state as the TestState API does.
//! - The history has the event types and detail fields of
//!   `GetExecutionHistory` ([`Event::to_aws_json`]).
//!
//! # JSONata
//!
//! A state (or a whole definition) with `"QueryLanguage": "JSONata"` is
//! evaluated as the AWS docs on
//! [transforming data with JSONata](https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html)
//! describe, with the [`jsonata`] evaluator: `Arguments`, `Output`,
//! `Assign`, a choice rule's `Condition`, a Map's `Items` and
//! `ItemSelector`, a Wait's `Seconds`/`Timestamp`, a Fail's `Error`/`Cause`
//! and a catcher's `Output` take `{% ... %}` expressions, which read
//! `$states.input`, `$states.result`, `$states.errorOutput`,
//! `$states.context` and workflow variables. A failing expression is
//! `States.QueryEvaluationError`. JSONPath fields (`InputPath`,
//! `Parameters`, `ResultPath`, ...) in a JSONata state, JSONata fields in a
//! JSONPath state and expressions that do not parse are refused when the
//! definition loads, as AWS refuses them.
//!
//! ```
//! use rcdk_states::{Machine, Runner};
//! use serde_json::json;
//!
//! let m = Machine::from_json(&json!({"QueryLanguage": "JSONata", "StartAt": "Total", "States": {
//!   "Total": {"Type": "Pass", "Output": {"total": "{% $sum($states.input.items.(price * qty)) %}"}, "End": true}}})).unwrap();
//! let run = Runner::new().run(&m, json!({"items": [{"price": 2, "qty": 3}, {"price": 5, "qty": 1}]}));
//! assert_eq!(run.output, Some(json!({"total": 11})));
//! ```
//!
//! # Not supported yet
//!
//! `TimeoutSeconds`, `HeartbeatSeconds` and `MaxConcurrency` as JSONata
//! expressions, a distributed Map in a JSONata state, an S3 inventory
//! (`MANIFEST`) or `PARQUET` item reader and a `JSONL` result writer.
//! Rather than run such a definition wrongly, [`Machine::from_str`]
//! refuses it and names the field and its line; each such [`Diagnostic`]
//! is marked [`unsupported`](Diagnostic::unsupported), since AWS accepts
//! the definition.

#![warn(missing_docs)]

pub mod choice;
#[cfg(feature = "cli")]
pub mod cli;
mod definition;
pub mod diagram;
pub mod distributed_map;
mod exec;
pub mod handlers;
mod history;
pub mod http;
pub mod intrinsics;
pub mod jsonata;
pub mod path;
pub mod rng;
pub mod running;
pub mod test_state;
pub mod time;
mod translate;
pub mod variables;

pub use definition::{
    Catcher, Diagnostic, FailPath, IoPath, Kind, LoadError, Machine, QueryLanguage, ResultPath, Retrier, State, WaitFor,
};
pub use exec::{Runner, MAX_EVENTS};
pub use handlers::{
    ApiGatewayInvoke, Callback, FunctionError, LambdaInvocation, LambdaInvoke, MockResult, Mocks, Published,
    SnsPublish, TaskCall, TaskError, TaskHandler, TaskOutcome,
};
pub use history::{Event, Execution, MapRun, Status};
pub use running::{PendingTask, RunningExecution};
pub use test_state::{InspectionData, TestStateOptions, TestStateOutput, TestStateStatus};
pub use translate::to_jsonata;

/// Checks a definition as [`Machine::from_json`] loads it, and keeps
/// nothing: what a tool that only writes definitions (a construct library
/// at synth) calls to refuse, before deploying, what `CreateStateMachine`
/// would refuse. It is the same check as loading, so a definition that
/// validates also runs here.
///
/// Each [`Diagnostic`] of the error names its field (`location`), its
/// innermost state (`state`), and whether it only refuses something AWS
/// accepts but the interpreter does not run yet (`unsupported`: see
/// [the crate docs](crate#not-supported-yet)), which such a tool may report as a warning.
///
/// ```
/// use serde_json::json;
///
/// let ok = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.order", "End": true}}});
/// assert!(rcdk_states::validate(&ok).is_ok());
///
/// // A JSONPath must start with `$`.
/// let bad = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "order", "End": true}}});
/// let e = rcdk_states::validate(&bad).unwrap_err();
/// let d = &e.0[0];
/// assert_eq!(d.location, "States.A.InputPath");
/// assert_eq!(d.state.as_deref(), Some("A"));
/// assert!(d.message.contains("a path must start with '$'"));
/// assert!(!d.unsupported);
/// ```
pub fn validate(json: &serde_json::Value) -> Result<(), LoadError> {
    Machine::from_json(json).map(drop)
}

/// The resource ARN of the API Gateway integration.
pub const API_GATEWAY_INVOKE: &str = "arn:aws:states:::apigateway:invoke";
/// The resource ARN of the Lambda invoke integration.
pub const LAMBDA_INVOKE: &str = "arn:aws:states:::lambda:invoke";

/// The resource ARN of the SNS publish integration.
pub const SNS_PUBLISH: &str = "arn:aws:states:::sns:publish";

/// The limits the interpreter holds every definition and execution to (see
/// [the crate docs](crate#limits)), and the bounded walks that check them.
pub mod limits {
    use std::fmt::Write as _;

    use serde_json::Value as Json;

    /// AWS's payload quota: 256 KiB of UTF-8 JSON for a state's input or
    /// output, a task's parameters or result, and the execution input.
    pub const MAX_PAYLOAD_BYTES: usize = 262_144;

    /// AWS's quota on the size of a definition: 1 MB (read as 1,048,576 bytes).
    pub const MAX_DEFINITION_BYTES: usize = 1_048_576;

    /// The deepest nesting of arrays and objects in a definition or in data:
    /// what `serde_json` reads back, so every input and output can be
    /// written as JSON and read again.
    pub const MAX_DEPTH: usize = 127;

    /// The deepest nesting of intrinsic functions in a field: 10, as the
    /// AWS intrinsic functions docs allow.
    pub const MAX_INTRINSIC_NESTING: usize = 10;

    /// The deepest nesting of JSONPath filters (`[?(@[?(@.a)])]`).
    pub const MAX_FILTER_NESTING: usize = 10;

    /// The most values a JSONPath step may hold at once: more than a
    /// 256 KiB payload can have, so only repeated recursive descents reach it.
    pub const MAX_PATH_MATCHES: usize = MAX_PAYLOAD_BYTES;

    /// The largest `Seconds`, `TimeoutSeconds`, `HeartbeatSeconds`,
    /// `IntervalSeconds` and `MaxAttempts` AWS accepts.
    pub const MAX_SECONDS: u64 = 99_999_999;

    /// The longest a standard execution runs: one year. Taken as 366 days,
    /// the largest `MaxDelaySeconds` AWS accepts, so a run never times out
    /// before it would on AWS.
    pub const MAX_EXECUTION_SECONDS: u64 = 366 * 86_400;

    /// Why a value is over a limit.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum TooBig {
        /// Its JSON text is longer than the limit asked for.
        Bytes,
        /// It nests deeper than [`MAX_DEPTH`].
        Depth,
    }

    /// One open array or object of [`measure`]'s walk.
    enum Frame<'a> {
        Items(std::slice::Iter<'a, Json>),
        Fields(serde_json::map::Iter<'a>),
    }

    /// The length of `v` as compact JSON text (as `serde_json::to_string`
    /// writes it), if at most `max_bytes` and nested at most [`MAX_DEPTH`]
    /// deep. Iterative and stops at the first limit crossed, so it costs at
    /// most `max_bytes` steps and no stack, however large or deep `v` is.
    pub(crate) fn measure(v: &Json, max_bytes: usize) -> Result<usize, TooBig> {
        let mut bytes = 0usize;
        let mut frames: Vec<Frame> = Vec::new();
        let mut next = Some(v);
        loop {
            if let Some(v) = next.take() {
                bytes = bytes.saturating_add(own_bytes(v));
                if bytes > max_bytes {
                    return Err(TooBig::Bytes);
                }
                match v {
                    Json::Array(a) => frames.push(Frame::Items(a.iter())),
                    Json::Object(m) => frames.push(Frame::Fields(m.iter())),
                    _ => {}
                }
                if frames.len() > MAX_DEPTH {
                    return Err(TooBig::Depth);
                }
            }
            let Some(frame) = frames.last_mut() else {
                return Ok(bytes);
            };
            next = match frame {
                Frame::Items(it) => it.next(),
                Frame::Fields(it) => it.next().map(|(k, v)| {
                    // The key and its colon.
                    bytes = bytes.saturating_add(string_bytes(k) + 1);
                    v
                }),
            };
            if next.is_none() {
                frames.pop();
            }
        }
    }

    /// The bytes of `v` itself: a scalar's text, or a container's brackets
    /// and commas (its items are counted as the walk reaches them).
    fn own_bytes(v: &Json) -> usize {
        match v {
            Json::Null | Json::Bool(true) => 4,
            Json::Bool(false) => 5,
            Json::Number(n) => {
                let mut counter = Counter(0);
                let _ = write!(counter, "{n}");
                counter.0
            }
            Json::String(s) => string_bytes(s),
            Json::Array(a) => 2 + a.len().saturating_sub(1),
            Json::Object(m) => 2 + m.len().saturating_sub(1),
        }
    }

    /// A string's length as a JSON string literal, with its quotes and escapes.
    fn string_bytes(s: &str) -> usize {
        let escaped = |b: &u8| *b < 0x20 || *b == b'"' || *b == b'\\';
        // Most strings escape nothing, and this test runs at memory speed.
        if !s.as_bytes().iter().any(escaped) {
            return s.len() + 2;
        }
        2 + s
            .bytes()
            .map(|b| match b {
                b'"' | b'\\' | 0x08 | 0x09 | 0x0a | 0x0c | 0x0d => 2,
                0..=0x1f => 6,
                _ => 1,
            })
            .sum::<usize>()
    }

    /// Counts the bytes written to it.
    struct Counter(usize);

    impl std::fmt::Write for Counter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }

    /// Drops `v` without recursion: dropping a `serde_json::Value` recurses
    /// once per level, so a value too deep to keep is taken apart here.
    pub(crate) fn drop_deep(v: Json) {
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            match v {
                Json::Array(a) => stack.extend(a),
                Json::Object(m) => stack.extend(m.into_iter().map(|(_, v)| v)),
                _ => {}
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use serde_json::json;

        #[test]
        fn measures_as_serde_json_writes() {
            for v in [
                json!(null),
                json!([1, 2.5, -3, 1e300, "a\"b\\c\n\u{1}é", true, false]),
                json!({"k": {"x": [], "y": {}}, "é\t": [[1], [2, 3]]}),
                json!(u64::MAX),
            ] {
                let text = serde_json::to_string(&v).unwrap();
                assert_eq!(measure(&v, usize::MAX), Ok(text.len()), "{text}");
                assert_eq!(measure(&v, text.len() - 1), Err(TooBig::Bytes), "{text}");
            }
        }

        #[test]
        fn measures_depth_like_serde_json_reads() {
            let nest = |d: usize| serde_json::from_str::<Json>(&("[".repeat(d) + &"]".repeat(d)));
            let deepest = nest(MAX_DEPTH).expect("serde_json reads MAX_DEPTH levels");
            assert!(nest(MAX_DEPTH + 1).is_err());
            assert!(measure(&deepest, usize::MAX).is_ok());
            let deeper = Json::Array(vec![deepest]);
            assert_eq!(measure(&deeper, usize::MAX), Err(TooBig::Depth));
            drop_deep(deeper);
        }

        #[test]
        fn drops_values_too_deep_to_drop_recursively() {
            let mut v = json!(1);
            for _ in 0..200_000 {
                v = Json::Array(vec![v]); // `json!([v])` would serialize `v`, recursively
            }
            assert_eq!(measure(&v, usize::MAX), Err(TooBig::Depth));
            drop_deep(v);
        }
    }
}
