//! Messaging for rcdk: SNS [`Topic`]s, encrypted by default, with typed
//! subscriptions and least-privilege publish grants. A topic defined in the
//! app and one imported by ARN ([`Topic::from_arn`]) are interchangeable
//! through [`ITopic`].
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_iam::{Role, RoleProps};
//! use rcdk_messaging::{ITopic, Topic, TopicProps};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let topic = Topic::new(&stack, "Alerts", TopicProps::default());
//! let role = Role::new(&stack, "Publisher", RoleProps::assumed_by("lambda.amazonaws.com"));
//! topic.grant_publish(&role);
//! assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("alias/aws/sns"));
//! ```
//!
//! A topic's resource policy (`AWS::SNS::TopicPolicy`, made on the first
//! [`Topic::add_to_resource_policy`]) admits AWS services with the
//! confused-deputy conditions of their [`ServicePrincipal`]
//! (`aws:SourceAccount`, `aws:SourceArn`).

#![warn(missing_docs)]

mod queue;
mod subscription;
mod topic;

pub use queue::{DeadLetterQueue, IQueue, ImportedQueue, Queue, QueueEncryption, QueueProps};
pub use subscription::{Subscription, SubscriptionOptions, SubscriptionProtocol};
pub use topic::{ITopic, ImportedTopic, Topic, TopicEncryption, TopicProps};
