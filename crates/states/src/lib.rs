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

#![warn(missing_docs)]

pub mod choice;
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

pub use definition::{Catcher, Diagnostic, IoPath, Kind, LoadError, Machine, ResultPath, Retrier, State, WaitFor};
pub use exec::{Runner, MAX_EVENTS};
pub use handlers::{
    ApiGatewayInvoke, MockResult, Mocks, Published, SnsPublish, TaskCall, TaskError, TaskHandler, TaskOutcome,
};
pub use history::{Event, Execution, Status};

/// The resource ARN of the API Gateway integration.
pub const API_GATEWAY_INVOKE: &str = "arn:aws:states:::apigateway:invoke";
/// The resource ARN of the SNS publish integration.
pub const SNS_PUBLISH: &str = "arn:aws:states:::sns:publish";
