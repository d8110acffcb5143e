//! Step Functions for rcdk: a [`StateMachine`] built from a typed definition.
//!
//! States ([`Task`], [`Choice`], [`Pass`], [`Wait`], [`Succeed`], [`Fail`],
//! [`Parallel`], [`Map`]) chain with `.next()`; a task carries the
//! permissions it needs, and the state machine's role gets exactly those.
//! The typed service integrations (`CallHttpApi`, `SnsPublish`, ...) live in
//! `rcdk-orchestration-tasks`, each a [`Task`] with the same fields
//! ([`task_methods!`]), so this crate depends on no other service's
//! constructs.
//!
//! The definition is checked when the state machine is created, by
//! `rcdk-states`, the checker its local interpreter loads definitions with:
//! what synth accepts runs locally, and what `CreateStateMachine` would
//! refuse is reported by synthesis with the construct path and the state.
//!
//! ```
//! use rcdk_core::{App, Duration, StackProps};
//! use rcdk_orchestration::*;
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let charge = Task::service("Charge", "lambda:invoke")
//!     .parameter("FunctionName", "arn:aws:lambda:eu-west-1:111111111111:function:charge")
//!     .parameter("Payload.$", "$")
//!     .timeout(Duration::seconds(30))
//!     .retry(Retry::on(["Lambda.TooManyRequestsException"]).max_attempts(3));
//! let definition = Pass::new("Start").next(
//!     Choice::new("Big?")
//!         .when(Condition::number_greater_than("$.size", 10), charge)
//!         .otherwise(Succeed::new("Done")),
//! );
//! StateMachine::new(&stack, "Flow", StateMachineProps::new(definition));
//! app.synth().unwrap();
//! ```

#![warn(missing_docs)]

mod chain;
mod condition;
mod definition;
mod parallel;
mod state_machine;
mod task;

pub use chain::{Chain, Choice, Fail, Pass, Retry, Succeed, Wait, WaitFor};
pub use condition::Condition;
pub use definition::Definition;
pub use parallel::{Goto, Map, Parallel};
pub use state_machine::{
    fill_partition_substitutions, IStateMachine, ImportedStateMachine, LogLevel, Logging, QueryLanguage, StateMachine,
    StateMachineProps,
};
pub use task::Task;

/// What [`task_methods!`] expands to names, so that a crate using it needs
/// no dependency of its own on them.
#[doc(hidden)]
pub mod __private {
    pub use rcdk_core::{Duration, Value};
}
