//! Messaging for rcdk: SNS [`Topic`]s, encrypted by default, with
//! subscriptions and least-privilege publish grants.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_iam::{Role, RoleProps};
//! use rcdk_messaging::{Topic, TopicProps};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let topic = Topic::new(&stack, "Alerts", TopicProps::default());
//! let role = Role::new(&stack, "Publisher", RoleProps::assumed_by("lambda.amazonaws.com"));
//! topic.grant_publish(&role);
//! assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("alias/aws/sns"));
//! ```

#![warn(missing_docs)]

use rcdk_cfn::sns::{CfnSubscription, CfnSubscriptionProps, CfnTopic, CfnTopicProps};
use rcdk_core::{Construct, Expr, Scope};
use rcdk_iam::{Grantable, PolicyStatement};

/// How a topic's messages are encrypted at rest.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub enum TopicEncryption {
    /// The AWS managed key `alias/aws/sns` (the default).
    #[default]
    AwsManaged,
    /// A customer managed KMS key, by ARN; publishers are granted its use.
    Kms(Expr<String>),
}

/// The options of a [`Topic`].
#[derive(Clone, Debug, Default)]
pub struct TopicProps {
    /// A display name.
    pub display_name: Option<String>,
    /// Encryption at rest. Default the AWS managed key.
    pub encryption: TopicEncryption,
}

/// An SNS topic, encrypted at rest: a construct of its own whose
/// `AWS::SNS::Topic` is its `Resource` child, as in the AWS CDK, so the same
/// construct path gives the CDK's logical ID (`TopicBFC7AF6E`).
#[derive(Clone, Debug)]
pub struct Topic {
    scope: Scope,
    topic: CfnTopic,
    encryption: TopicEncryption,
}

impl Construct for Topic {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Topic {
    /// Adds a topic.
    pub fn new(scope: &Scope, id: &str, props: TopicProps) -> Topic {
        let key = match &props.encryption {
            TopicEncryption::AwsManaged => Expr::from("alias/aws/sns"),
            TopicEncryption::Kms(arn) => arn.clone(),
        };
        let display_too_long = props.display_name.as_ref().is_some_and(|d| d.chars().count() > 100);
        let node = scope.child(id);
        let topic = CfnTopic::new(
            &node,
            "Resource",
            CfnTopicProps {
                display_name: props.display_name.map(Into::into),
                kms_master_key_id: Some(key),
                ..Default::default()
            },
        );
        if display_too_long {
            node.add_error("display_name is over the 100 characters SNS accepts; shorten it");
        }
        Topic {
            scope: node,
            topic,
            encryption: props.encryption,
        }
    }

    /// The topic ARN (its `Ref`).
    pub fn topic_arn(&self) -> Expr<String> {
        self.topic.reference()
    }

    /// The topic name.
    pub fn topic_name(&self) -> Expr<String> {
        self.topic.get_att("TopicName")
    }

    /// Lets `grantee` publish to this topic, and only this topic.
    pub fn grant_publish(&self, grantee: &impl Grantable) {
        for statement in self.publish_statements() {
            grantee.grant_role().add_to_policy(statement);
        }
    }

    /// The statements publishing needs: `sns:Publish` on this topic, and the
    /// use of its key when it has a customer managed one.
    pub fn publish_statements(&self) -> Vec<PolicyStatement> {
        let mut out = vec![PolicyStatement::allow(["sns:Publish"], [self.topic_arn()])];
        if let TopicEncryption::Kms(key) = &self.encryption {
            out.push(PolicyStatement::allow(
                ["kms:Decrypt", "kms:GenerateDataKey*"],
                [key.clone()],
            ));
        }
        out
    }

    /// Subscribes an endpoint (`protocol` is `sqs`, `lambda`, `https`, `email`, ...).
    /// The subscription is the construct `id` inside the topic, its
    /// `AWS::SNS::Subscription` at `Resource`, as the CDK's `Subscription`.
    pub fn add_subscription(&self, id: &str, protocol: &str, endpoint: impl Into<Expr<String>>) {
        CfnSubscription::new(
            &self.scope.child(id),
            "Resource",
            CfnSubscriptionProps {
                endpoint: Some(endpoint.into()),
                ..CfnSubscriptionProps::new(protocol, self.topic_arn())
            },
        );
    }
}
