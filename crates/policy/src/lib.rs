//! Policy as code for rcdk: rules over the synthesized templates, a
//! built-in pack modelled on cdk-nag's AwsSolutions checks, and suppressions
//! with reasons that cdk-nag, checkov, cfn-nag and cfn-lint all honour.
//!
//! A [`Rule`] sees each resource of a synthesized template through a
//! [`ResourceView`] (type, properties, metadata, logical ID, construct path,
//! the whole template) and returns what is wrong. Rules come in [`Pack`]s;
//! [`check`] runs packs over an [`Assembly`](rcdk_core::Assembly) and returns
//! a [`Report`] of [`Finding`]s, sorted so the same templates give the same
//! report. Packs are opt-in, for the app or per stack ([`Policy`]); errors
//! fail, warnings fail only in strict mode.
//!
//! [`suppress`] records why a rule does not apply to a construct and what is
//! below it. The reason is required (an empty one fails synthesis, naming
//! the construct), and the suppression is written into each resource's
//! `Metadata` in the formats the external scanners read, with the ids mapped
//! to theirs, so one justification satisfies every scanner. A check reports
//! a suppressed finding as suppressed, with its reason, never as a failure.
//! This crate never changes a template except for that metadata.
//!
//! A [`TemplateRule`] checks a whole template at once instead, for rules
//! that are not evaluated one resource at a time; its violations become
//! findings as a rule's do. With the `guard` feature (off by default), the
//! `guard` module runs AWS CloudFormation Guard rule files in process as
//! template rules.
//!
//! ```
//! use rcdk_core::{App, Resource, StackProps, Value};
//! use rcdk_policy::{aws_solutions, check, suppress};
//!
//! let app = App::new();
//! let stack = app.stack("Web", StackProps::default());
//! let queue = Resource::new(&stack, "Jobs", "AWS::SQS::Queue", [("SqsManagedSseEnabled", Value::from(true))]);
//! suppress(&queue, "RCDK-SQS-1", "Jobs are idempotent and re-created from the orders table.");
//!
//! let report = check(&app.synth().unwrap(), &[aws_solutions()]);
//! let failing: Vec<&str> = report.failures(false).iter().map(|f| f.rule_id.as_str()).collect();
//! assert_eq!(failing, ["RCDK-SQS-3"]); // no TLS-only queue policy
//! assert_eq!(report.suppressed()[0].rule_id, "RCDK-SQS-1");
//! ```

#![warn(missing_docs)]

mod aws_solutions;
#[cfg(feature = "guard")]
pub mod guard;
mod pack;
mod rule;
mod suppress;

pub use aws_solutions::aws_solutions;
pub use pack::{check, check_stack, Pack, Policy, PolicyError, Report};
pub use rule::{Finding, Level, ResourceView, Rule, TemplateRule, Violation};
pub use suppress::{apply_suppressions, suppress, suppress_resource};
