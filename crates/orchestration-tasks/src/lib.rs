//! Typed Step Functions service integrations for rcdk, as AWS CDK's
//! `aws-stepfunctions-tasks`: [`CallHttpApi`] and [`SnsPublish`].
//!
//! Each wraps a [`Task`] of `rcdk-orchestration`
//! and has every field a task has (`input_path`, `parameters`,
//! `result_selector`, `result_path`, `output_path`, `retry`, `catch`,
//! `timeout`, `heartbeat`, `comment`), from one macro
//! ([`rcdk_orchestration::task_methods!`]); each carries the permissions
//! it needs, scoped to what it calls, and the state machine's role gets
//! exactly those.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_messaging::{Topic, TopicProps};
//! use rcdk_orchestration::*;
//! use rcdk_orchestration_tasks::SnsPublish;
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let topic = Topic::new(&stack, "Topic", TopicProps::default());
//! let definition = Pass::new("Start").next(
//!     Choice::new("Big?")
//!         .when(Condition::number_greater_than("$.size", 10), SnsPublish::new("Alert", &topic).message("big"))
//!         .otherwise(Succeed::new("Done")),
//! );
//! StateMachine::new(&stack, "Flow", StateMachineProps::new(definition));
//! app.synth().unwrap();
//! ```

#![warn(missing_docs)]

mod http;
mod sns;

pub use http::{AuthType, CallHttpApi};
pub use sns::SnsPublish;

use rcdk_core::Value;
use rcdk_orchestration::Task;

/// Writes an integration's own `Parameters` after the extras the user gave
/// through `parameters()`; an extra that sets one of them is an error (the
/// integration's method is the way to set it), not silently overridden.
pub(crate) fn write_parameters(mut task: Task, integration: &str, parameters: Vec<(&str, Value)>) -> Task {
    for (key, value) in parameters {
        if task.has_parameter(key) {
            let field = key.strip_suffix(".$").unwrap_or(key);
            task = task.add_error(format!(
                "Parameters.{field} is written by {integration}; set it with {integration}'s own methods rather than parameters()"
            ));
        }
        task = task.parameter(key, value);
    }
    task
}
