//! The core of rcdk: the app graph (App -> Stacks -> constructs), typed
//! CloudFormation values and references, AWS CDK compatible logical IDs, and
//! a deterministic synthesizer with validation that reports every problem at once.
//!
//! Construct crates build on this; users normally reach it through the `rcdk` facade.
//!
//! ```
//! use rcdk_core::{App, StackProps, Resource, CfnOutput, OutputProps, Value};
//!
//! let app = App::new();
//! let stack = app.stack("Demo", StackProps::default());
//! let topic = Resource::new(&stack, "Alerts", "AWS::SNS::Topic", [("DisplayName", Value::from("Alerts"))]);
//! CfnOutput::new(&stack, "TopicArn", OutputProps { value: topic.reference().into(), ..Default::default() });
//!
//! let yaml = app.synth().unwrap().stack("Demo").unwrap().to_yaml();
//! assert!(yaml.contains("Type: AWS::SNS::Topic"));
//! assert!(yaml.contains("Ref: Alerts"));
//! ```

#![warn(missing_docs)]

mod app;
pub mod assertions;
pub mod asset;
mod condition;
mod element;
mod error;
pub mod expr;
mod graph;
pub mod location;
pub mod logical_id;
mod mapping;
mod output;
mod parameter;
mod resource;
pub mod schema;
mod scope;
mod stack;
mod synth;
mod units;
mod value;
pub mod yaml;

pub use app::{App, Issue};
pub use condition::CfnCondition;
pub use error::{SynthError, SynthErrors, Warning};
pub use expr::{Aws, Cond, Expr};
pub use location::SourceLocation;
pub use mapping::CfnMapping;
pub use output::{CfnOutput, OutputProps};
pub use parameter::{CfnParameter, ParameterProps, ParameterType};
pub use resource::{DeletionPolicy, RemovalPolicy, Resource, ResourceType, TagFormat};
pub use scope::{Construct, Scope};
pub use stack::{Environment, Stack, StackProps};
pub use synth::{Assembly, StackArtifact, CLOUD_ASSEMBLY_VERSION};
pub use units::{Duration, Size};
pub use value::{ElementRef, Intrinsic, Pseudo, Target, ToValue, Value};

/// Re-exported so generated code and construct crates use the same version.
pub use indexmap::IndexMap;
