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
//!
//! A topic's resource policy (`AWS::SNS::TopicPolicy`, made on the first
//! [`Topic::add_to_resource_policy`]) admits AWS services with the
//! confused-deputy conditions of their [`ServicePrincipal`]
//! (`aws:SourceAccount`, `aws:SourceArn`).

#![warn(missing_docs)]

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::sns::{
    CfnSubscription, CfnSubscriptionProps, CfnTopic, CfnTopicPolicy, CfnTopicPolicyProps, CfnTopicProps,
};
use rcdk_core::{Construct, Expr, Scope, Value};
use rcdk_iam::{policy_document, Grantable, PolicyStatement, Principal, ServicePrincipal};

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
    policy: Rc<RefCell<Option<CfnTopicPolicy>>>,
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
            policy: Rc::new(RefCell::new(None)),
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

    /// Lets the AWS service `principal` publish to this topic, through the
    /// topic's resource policy, with the principal's confused-deputy
    /// conditions. Name the source when you know it:
    /// `ServicePrincipal::new("events.amazonaws.com").with_source_arn(rule_arn)`.
    ///
    /// A service publishes to an encrypted topic only if the key's policy
    /// lets it use the key, which the AWS managed key `alias/aws/sns` never
    /// does: give the topic a customer managed key
    /// ([`TopicEncryption::Kms`]) whose policy admits the service.
    ///
    /// ```
    /// use rcdk_core::{cfn_format, App, Aws, StackProps};
    /// use rcdk_iam::ServicePrincipal;
    /// use rcdk_messaging::{Topic, TopicEncryption, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let key = cfn_format!("arn:{}:kms:{}:{}:key/abc", Aws::partition(), Aws::region(), Aws::account_id());
    /// let topic = Topic::new(&stack, "Alarms", TopicProps { encryption: TopicEncryption::Kms(key), ..Default::default() });
    /// topic.grant_publish_to(
    ///     ServicePrincipal::new("cloudwatch.amazonaws.com")
    ///         .with_source_account(Aws::account_id())
    ///         .with_source_arn_like(cfn_format!("arn:{}:cloudwatch:{}:{}:alarm:*", Aws::partition(), Aws::region(), Aws::account_id())),
    /// );
    /// let assembly = app.synth().unwrap();
    /// assert!(assembly.warnings().is_empty());
    /// assert!(assembly.stack("S").unwrap().to_yaml().contains("AWS::SNS::TopicPolicy"));
    /// ```
    pub fn grant_publish_to(&self, principal: ServicePrincipal) {
        if self.encryption == TopicEncryption::AwsManaged {
            self.scope.add_warning(format!(
                "{} cannot publish to a topic encrypted with the AWS managed key alias/aws/sns, whose key policy admits no service; use TopicEncryption::Kms with a key whose policy lets {} use it (kms:GenerateDataKey*, kms:Decrypt)",
                principal.service(),
                principal.service()
            ));
        }
        self.add_to_resource_policy(
            PolicyStatement::allow(["sns:Publish"], [self.topic_arn()]).with_principal(principal),
        );
    }

    /// Adds a statement to the topic's resource policy, an
    /// `AWS::SNS::TopicPolicy` at `Policy/Resource` (the AWS CDK's path)
    /// made on the first statement; identical statements are added once. A
    /// statement that admits a service principal without `aws:SourceAccount`
    /// or `aws:SourceArn` is open to the confused deputy problem and is
    /// recorded as a warning.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{PolicyStatement, ServicePrincipal};
    /// use rcdk_messaging::{Topic, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let topic = Topic::new(&stack, "Topic", TopicProps::default());
    /// topic.add_to_resource_policy(
    ///     PolicyStatement::allow(["sns:Subscribe"], [topic.topic_arn()])
    ///         .with_principal(ServicePrincipal::new("sqs.amazonaws.com")),
    /// );
    /// assert_eq!(app.synth().unwrap().warnings().len(), 1);
    /// ```
    pub fn add_to_resource_policy(&self, statement: PolicyStatement) {
        if let Some(Principal::Service(p)) = &statement.principal {
            let conditions = statement.all_conditions();
            if !conditions.contains_key(rcdk_iam::SOURCE_ACCOUNT) && !conditions.contains_key(rcdk_iam::SOURCE_ARN) {
                self.scope.add_warning(format!(
                    "the topic policy admits {} without aws:SourceAccount or aws:SourceArn, so any account's resources can use it (the confused deputy problem); name the source with ServicePrincipal::with_source_arn or with_source_account",
                    p.service()
                ));
            }
        }
        let mut slot = self.policy.borrow_mut();
        let policy = slot.get_or_insert_with(|| {
            CfnTopicPolicy::new(
                &self.scope.child("Policy"),
                "Resource",
                CfnTopicPolicyProps::new(policy_document([]), vec![self.topic_arn()]),
            )
        });
        let mut doc = policy.property("PolicyDocument").unwrap_or_default();
        if let Value::Object(m) = &mut doc {
            if let Some(Value::List(statements)) = m.get_mut("Statement") {
                let v = statement.to_value();
                if !statements.contains(&v) {
                    statements.push(v);
                }
            }
        }
        policy.set_policy_document(doc);
    }

    /// The topic's resource policy, once a statement was added.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{Topic, TopicProps};
    /// let app = App::new();
    /// let topic = Topic::new(&app.stack("S", StackProps::default()), "Topic", TopicProps::default());
    /// assert!(topic.policy().is_none());
    /// ```
    pub fn policy(&self) -> Option<CfnTopicPolicy> {
        self.policy.borrow().clone()
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
