//! EventBridge for rcdk: [`EventBus`]es, [`Rule`]s matching a typed
//! [`EventPattern`] or running on a [`Schedule`], and targets that bring the
//! permissions they need: a queue's or topic's policy admits
//! `events.amazonaws.com` for that rule only (where the AWS CDK admits any
//! rule for a topic), a Lambda function ([`targets::LambdaFunction`]) gets
//! an `AWS::Lambda::Permission` for that rule, and a target that needs a
//! role gets one.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_events::{targets, EventBus, EventBusProps, EventPattern, Rule, RuleProps};
//! use rcdk_messaging::{Queue, QueueProps};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
//! let jobs = Queue::new(&stack, "Jobs", QueueProps::default());
//! let rule = Rule::new(&stack, "OrderPlaced", RuleProps::on(&bus, EventPattern::new().source(["orders"]).detail_type(["Order Placed"])));
//! rule.add_target(&targets::SqsQueue::new(&jobs));
//! assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("detail-type"));
//! ```

#![warn(missing_docs)]

mod api_destination;
mod bus;
mod pattern;
mod rule;
mod schedule;
pub mod targets;

pub use api_destination::{
    ApiDestination, ApiDestinationProps, Authorization, Connection, ConnectionProps, HttpMethod, OAuth, OAuthHttpMethod,
};
pub use bus::{ArchiveProps, EventBus, EventBusProps, IEventBus, ImportedEventBus};
pub use pattern::{EventPattern, Match};
pub use rule::{IRuleTarget, Rule, RuleProps, RuleTarget, TargetOptions};
pub use schedule::{Cron, Schedule};
