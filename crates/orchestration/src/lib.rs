//! Step Functions for rcdk: a [`StateMachine`] built from a typed definition.
//!
//! States (`Task`, `Choice`, `Pass`, `Wait`, `Succeed`, `Fail`, `Parallel`,
//! `Map`) chain with
//! `.next()`; typed integrations ([`CallHttpApi`], [`SnsPublish`]) carry the
//! permissions they need, and the state machine's role gets exactly those.
//! The definition is checked when the state machine is created; problems are
//! reported by synthesis with the construct path.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_messaging::{Topic, TopicProps};
//! use rcdk_orchestration::*;
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
pub use state_machine::{fill_partition_substitutions, LogLevel, StateMachine, StateMachineProps};
pub use task::{AuthType, CallHttpApi, SnsPublish, Task};
