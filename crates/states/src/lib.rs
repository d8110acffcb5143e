//! Run Amazon States Language state machines locally, in `cargo test`, in
//! milliseconds: an interpreter with the semantics of AWS Step Functions
//! (JSONPath query language), task handlers for real HTTP calls
//! (`apigateway:invoke`) and SNS, mocks in the spirit of Step Functions
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
//! # Not supported yet
//!
//! JSONata (`QueryLanguage: "JSONata"`, `Arguments`, `Output`, `Condition`
//! and `{% ... %}` expressions) and workflow variables (`Assign`, `$name`
//! paths) are not supported yet; a later release adds them. Rather than run
//! such a definition wrongly, [`Machine::from_str`] refuses it and names the
//! field and its line.

#![warn(missing_docs)]

pub mod choice;
#[cfg(feature = "cli")]
pub mod cli;
mod definition;
pub mod diagram;
mod exec;
pub mod handlers;
mod history;
pub mod http;
pub mod intrinsics;
pub mod path;
pub mod rng;
pub mod time;

pub use definition::{
    Catcher, Diagnostic, FailPath, IoPath, Kind, LoadError, Machine, ResultPath, Retrier, State, WaitFor,
};
pub use exec::{Runner, MAX_EVENTS};
pub use handlers::{
    ApiGatewayInvoke, MockResult, Mocks, Published, SnsPublish, TaskCall, TaskError, TaskHandler, TaskOutcome,
};
pub use history::{Event, Execution, Status};

/// The resource ARN of the API Gateway integration.
pub const API_GATEWAY_INVOKE: &str = "arn:aws:states:::apigateway:invoke";
/// The resource ARN of the SNS publish integration.
pub const SNS_PUBLISH: &str = "arn:aws:states:::sns:publish";
