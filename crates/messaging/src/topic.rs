//! Topics: [`Topic`] defined in the app, [`ImportedTopic`] by ARN, both
//! [`ITopic`]s that grants, subscriptions and tasks accept alike.

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::sns::{CfnTopic, CfnTopicPolicy, CfnTopicPolicyProps, CfnTopicProps};
use rcdk_core::{Construct, Expr, RemovalPolicy, Scope};
use rcdk_iam::{policy_document, Grant, IGrantable, IResourceWithPolicy, PolicyOf, PolicyStatement, Principal};

use crate::Subscription;

/// A topic, defined in the app or imported: what publishers, subscribers
/// and grants need.
pub trait ITopic: IResourceWithPolicy + Construct {
    /// The topic ARN.
    fn topic_arn(&self) -> Expr<String>;

    /// The topic name.
    fn topic_name(&self) -> Expr<String>;

    /// The customer managed key that encrypts the topic, when the app knows it.
    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        None
    }

    /// Whether the topic is FIFO, when the app knows it.
    fn fifo(&self) -> Option<bool>;

    /// The topic's region when it is known to be a literal, so a
    /// subscription from a stack of another region names it (SNS otherwise
    /// looks for the topic in the stack's region).
    fn topic_region(&self) -> Option<String> {
        None
    }

    /// The statements a publisher's role needs: `sns:Publish` on this topic,
    /// and the use of its key when it has a customer managed one.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{ITopic, Topic};
    /// let app = App::new();
    /// let topic = Topic::from_arn(&app.stack("S", StackProps::default()), "T", "arn:aws:sns:eu-west-1:111111111111:t");
    /// assert_eq!(topic.publish_statements().len(), 1);
    /// ```
    fn publish_statements(&self) -> Vec<PolicyStatement> {
        let mut out = vec![PolicyStatement::allow(["sns:Publish"], [self.topic_arn()])];
        if let Some(key) = self.encryption_key_arn() {
            out.push(PolicyStatement::allow(["kms:Decrypt", "kms:GenerateDataKey*"], [key]));
        }
        out
    }

    /// Lets `grantee` publish to this topic and only this topic: a role gets
    /// `sns:Publish` in its policy (and the use of the topic's customer
    /// managed key); a service or account principal is admitted by the
    /// topic's resource policy, which an imported topic does not have (a
    /// synth error then).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_messaging::{ITopic, Topic};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let topic = Topic::from_arn(&stack, "Shared", "arn:aws:sns:eu-west-1:111111111111:shared");
    /// let role = Role::new(&stack, "Publisher", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(topic.grant_publish(&role).success());
    /// ```
    fn grant_publish(&self, grantee: &dyn IGrantable) -> Grant {
        let grant = Grant::add_to_principal_or_resource(
            grantee,
            ["sns:Publish"],
            [self.topic_arn()],
            Some(&PolicyOf(self)),
            self.scope(),
        );
        if let Some(key) = self.encryption_key_arn() {
            let key_use = PolicyStatement::allow(["kms:Decrypt", "kms:GenerateDataKey*"], [key]);
            let principal = grantee.grant_principal();
            // A service is let in by the key's own policy, as documented on
            // grant_publish_to; anyone else without a policy is told.
            let is_service = matches!(principal.policy_principal(), Principal::Service(_));
            if !principal.add_to_principal_policy(key_use) && !is_service {
                self.scope().add_warning(
                    "the publisher has no policy rcdk can write, so it is not granted the topic's key; let it use the key (kms:GenerateDataKey*, kms:Decrypt) in the key's policy",
                );
            }
        }
        grant
    }

    /// Subscribes an endpoint: the construct `id` inside the topic, its
    /// `AWS::SNS::Subscription` at `Resource` (the AWS CDK's paths).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{ITopic, Subscription, Topic, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let topic = Topic::new(&stack, "Alerts", TopicProps::default());
    /// topic.add_subscription("Oncall", Subscription::email("oncall@example.com"));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Protocol: email"));
    /// ```
    fn add_subscription(&self, id: &str, subscription: Subscription) {
        subscription.attach(&self.scope().child(id), self.topic_arn(), self.topic_region());
    }
}

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
#[derive(Clone, Debug)]
pub struct TopicProps {
    /// A display name (up to 100 characters).
    pub display_name: Option<String>,
    /// Encryption at rest. Default the AWS managed key.
    pub encryption: TopicEncryption,
    /// An explicit name; default generated by CloudFormation (for a FIFO
    /// topic, `<stack name>-<construct id>.fifo`).
    pub topic_name: Option<String>,
    /// A FIFO topic: strict ordering and deduplication. Default false.
    pub fifo: bool,
    /// FIFO only: deduplicate by a hash of the message body. Default false.
    pub content_based_deduplication: bool,
    /// What happens to the topic when it leaves the stack. Default
    /// [`RemovalPolicy::Destroy`] (a topic holds no data at rest).
    pub removal_policy: RemovalPolicy,
    /// Deny publishing not made over TLS, in the topic's policy (the AWS
    /// CDK's `enforceSSL`, which is off there). Default true.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{Topic, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// Topic::new(&stack, "Alerts", TopicProps::default());
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("AllowPublishThroughSSLOnly") && yaml.contains("aws:SecureTransport"));
    /// ```
    pub enforce_ssl: bool,
}

impl Default for TopicProps {
    fn default() -> Self {
        TopicProps {
            display_name: None,
            encryption: TopicEncryption::default(),
            topic_name: None,
            fifo: false,
            content_based_deduplication: false,
            removal_policy: RemovalPolicy::default(),
            enforce_ssl: true,
        }
    }
}

/// An SNS topic, encrypted at rest: a construct of its own whose
/// `AWS::SNS::Topic` is its `Resource` child, as in the AWS CDK, so the same
/// construct path gives the CDK's logical ID (`TopicBFC7AF6E`).
#[derive(Clone, Debug)]
pub struct Topic {
    scope: Scope,
    topic: CfnTopic,
    encryption: TopicEncryption,
    fifo: bool,
    policy: Rc<RefCell<Option<CfnTopicPolicy>>>,
}

impl Construct for Topic {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ITopic for Topic {
    fn topic_arn(&self) -> Expr<String> {
        self.topic.reference()
    }

    fn topic_name(&self) -> Expr<String> {
        self.topic.get_att("TopicName")
    }

    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        match &self.encryption {
            TopicEncryption::Kms(key) => Some(key.clone()),
            TopicEncryption::AwsManaged => None,
        }
    }

    fn fifo(&self) -> Option<bool> {
        Some(self.fifo)
    }
}

impl IResourceWithPolicy for Topic {
    /// Adds a statement to the topic's resource policy, an
    /// `AWS::SNS::TopicPolicy` at `Policy/Resource` (the AWS CDK's path)
    /// made on the first statement; identical statements are added once. A
    /// statement that admits a service principal without `aws:SourceAccount`
    /// or `aws:SourceArn` is open to the confused deputy problem and is
    /// recorded as a warning.
    fn add_to_resource_policy(&self, statement: PolicyStatement) -> bool {
        if let Some(Principal::Service(p)) = &statement.principal {
            let conditions = statement.all_conditions();
            // EventBridge's guide: a topic policy for EventBridge cannot have
            // a Condition block, so its statement is the one without.
            let may_name_source = p.service() != EVENTS;
            if may_name_source
                && !conditions.contains_key(rcdk_iam::SOURCE_ACCOUNT)
                && !conditions.contains_key(rcdk_iam::SOURCE_ARN)
            {
                self.scope.add_warning(format!(
                    "the topic policy admits {} without aws:SourceAccount or aws:SourceArn, so any account's resources can use it (the confused deputy problem); name the source with ServicePrincipal::with_source_arn or with_source_account",
                    p.service()
                ));
            }
            if self.encryption == TopicEncryption::AwsManaged && statement.actions.iter().any(|a| a == "sns:Publish") {
                self.scope.add_warning(format!(
                    "{} cannot publish to a topic encrypted with the AWS managed key alias/aws/sns, whose key policy admits no service; use TopicEncryption::Kms with a key whose policy lets {} use it (kms:GenerateDataKey*, kms:Decrypt)",
                    p.service(),
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
        append_numbered_statement(&mut doc, statement);
        policy.set_policy_document(doc);
        true
    }
}

const EVENTS: &str = "events.amazonaws.com";

/// Appends `statement` once, with a `Sid` of its index when it has none:
/// SNS refuses a topic policy whose statements lack unique ids.
fn append_numbered_statement(document: &mut rcdk_core::Value, mut statement: PolicyStatement) {
    let rcdk_core::Value::Object(m) = document else { return };
    let Some(rcdk_core::Value::List(statements)) = m.get_mut("Statement") else {
        return;
    };
    let unnumbered = |v: &rcdk_core::Value| match v {
        rcdk_core::Value::Object(o) => {
            let mut o = o.clone();
            o.shift_remove("Sid");
            rcdk_core::Value::Object(o)
        }
        other => other.clone(),
    };
    let numbered_by_us = statement.sid.is_none();
    let new = unnumbered(&statement.to_value());
    let present = statements.iter().any(|s| {
        if numbered_by_us {
            unnumbered(s) == new
        } else {
            *s == statement.to_value()
        }
    });
    if !present {
        if numbered_by_us {
            statement.sid = Some(statements.len().to_string());
        }
        statements.push(statement.to_value());
    }
}

impl Topic {
    /// Adds a topic.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{Topic, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// Topic::new(&stack, "Orders", TopicProps { fifo: true, content_based_deduplication: true, ..Default::default() });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("FifoTopic: true"));
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: TopicProps) -> Topic {
        let node = scope.child(id);
        let key = match &props.encryption {
            TopicEncryption::AwsManaged => Expr::from("alias/aws/sns"),
            TopicEncryption::Kms(arn) => arn.clone(),
        };
        check_props(&node, &props);
        let topic_name = match (&props.topic_name, props.fifo) {
            (Some(name), _) => Some(Expr::from(name.as_str())),
            // CloudFormation names a FIFO topic only if told to: a name
            // unique in the app (the path as a logical ID, with its hash), so
            // two stacks' topics of one id never share a topic.
            (None, true) => Some(Expr::from(format!("{}.fifo", unique_name(&node, 256 - 5)))),
            (None, false) => None,
        };
        let topic = CfnTopic::new(
            &node,
            "Resource",
            CfnTopicProps {
                display_name: props.display_name.map(Into::into),
                kms_master_key_id: Some(key),
                topic_name,
                fifo_topic: props.fifo.then(|| true.into()),
                content_based_deduplication: props.content_based_deduplication.then(|| true.into()),
                ..Default::default()
            },
        );
        if props.removal_policy != RemovalPolicy::Destroy {
            topic.apply_removal_policy(props.removal_policy);
        }
        let t = Topic {
            scope: node,
            topic,
            encryption: props.encryption,
            fifo: props.fifo,
            policy: Rc::new(RefCell::new(None)),
        };
        if props.enforce_ssl {
            t.add_to_resource_policy(
                PolicyStatement::deny(["sns:Publish"], [t.topic_arn()])
                    .with_sid("AllowPublishThroughSSLOnly")
                    .with_principal(Principal::Aws("*".into()))
                    .with_condition("Bool", "aws:SecureTransport", "false"),
            );
        }
        t
    }

    /// Imports an existing topic by ARN. It can be published to, granted
    /// (to roles: its resource policy is not the app's) and subscribed to.
    /// A literal ARN is checked.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{ITopic, Topic};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let topic = Topic::from_arn(&stack, "Billing", "arn:aws:sns:eu-west-1:111111111111:billing");
    /// assert_eq!(topic.topic_name().value().as_str(), Some("billing"));
    /// ```
    #[track_caller]
    pub fn from_arn(scope: &Scope, id: &str, arn: impl Into<Expr<String>>) -> ImportedTopic {
        let node = scope.child(id);
        let arn = arn.into();
        let name = match arn.value().as_str() {
            Some(literal) => match topic_name_of(literal) {
                Ok(name) => Expr::from(name),
                Err(e) => {
                    node.add_error(format!("Topic::from_arn: {e}"));
                    Expr::from("invalid")
                }
            },
            None => arn.split(":").select(5),
        };
        ImportedTopic { scope: node, arn, name }
    }

    /// The L1 topic, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{Topic, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let topic = Topic::new(&stack, "Alerts", TopicProps::default());
    /// topic.cfn().set_tracing_config("Active");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("TracingConfig: Active"));
    /// ```
    pub fn cfn(&self) -> &CfnTopic {
        &self.topic
    }

    /// Lets the AWS service `principal` publish to this topic, through the
    /// topic's resource policy, with the principal's confused-deputy
    /// conditions: `grant_publish` with a service principal. Name the source
    /// when you know it:
    /// `ServicePrincipal::new("events.amazonaws.com").with_source_arn(rule_arn)`.
    ///
    /// A service publishes to an encrypted topic only if the key's policy
    /// lets it use the key, which the AWS managed key `alias/aws/sns` never
    /// does (a warning): give the topic a customer managed key
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
    #[track_caller]
    pub fn grant_publish_to(&self, principal: rcdk_iam::ServicePrincipal) -> Grant {
        self.grant_publish(&principal)
    }

    /// The topic's resource policy, once a statement was added (with
    /// `enforce_ssl`, the default, from the start).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{Topic, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let plain = Topic::new(&stack, "Plain", TopicProps { enforce_ssl: false, ..TopicProps::default() });
    /// assert!(plain.policy().is_none());
    /// assert!(Topic::new(&stack, "Topic", TopicProps::default()).policy().is_some());
    /// ```
    pub fn policy(&self) -> Option<CfnTopicPolicy> {
        self.policy.borrow().clone()
    }
}

fn check_props(node: &Scope, props: &TopicProps) {
    if props.display_name.as_ref().is_some_and(|d| d.chars().count() > 100) {
        node.add_error("display_name is over the 100 characters SNS accepts; shorten it");
    }
    if props.content_based_deduplication && !props.fifo {
        node.add_error("content_based_deduplication is for FIFO topics only; set fifo: true or drop it");
    }
    if let Some(name) = &props.topic_name {
        let stem = name.strip_suffix(".fifo").unwrap_or(name);
        let valid_chars = stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if stem.is_empty() || name.len() > 256 || !valid_chars {
            node.add_error(format!(
                "topic name {name:?} is invalid; use 1 to 256 letters, digits, hyphens and underscores (and .fifo at the end of a FIFO topic's)"
            ));
        } else if props.fifo != name.ends_with(".fifo") {
            node.add_error(format!(
                "topic name {name:?} {}; a FIFO topic's name ends in .fifo and only a FIFO topic's does",
                if props.fifo {
                    "lacks the .fifo suffix"
                } else {
                    "ends in .fifo but fifo is false"
                }
            ));
        }
    }
}

/// The name in a literal topic ARN (`arn:aws:sns:eu-west-1:111111111111:name`).
fn topic_name_of(arn: &str) -> Result<&str, String> {
    let parts: Vec<&str> = arn.split(':').collect();
    match parts.as_slice() {
        ["arn", partition, "sns", region, account, name]
            if !partition.is_empty()
                && !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && !name.is_empty() =>
        {
            Ok(name)
        }
        _ => Err(format!(
            "{arn:?} is not an SNS topic ARN; use arn:<partition>:sns:<region>:<12-digit account>:<topic name>"
        )),
    }
}

/// A topic that exists outside the app, imported with [`Topic::from_arn`].
#[derive(Clone, Debug)]
pub struct ImportedTopic {
    scope: Scope,
    arn: Expr<String>,
    name: Expr<String>,
}

impl Construct for ImportedTopic {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IResourceWithPolicy for ImportedTopic {
    fn add_to_resource_policy(&self, _: PolicyStatement) -> bool {
        false
    }
}

impl ITopic for ImportedTopic {
    fn topic_arn(&self) -> Expr<String> {
        self.arn.clone()
    }

    fn topic_name(&self) -> Expr<String> {
        self.name.clone()
    }

    fn fifo(&self) -> Option<bool> {
        self.name.value().as_str().map(|n| n.ends_with(".fifo"))
    }

    fn topic_region(&self) -> Option<String> {
        self.arn
            .value()
            .as_str()
            .and_then(|a| a.split(':').nth(3))
            .map(str::to_owned)
    }
}

/// A name unique in the app for the construct at `node`: its unique id (the
/// path with a hash), the last `max` characters.
fn unique_name(node: &Scope, max: usize) -> String {
    let id = node.unique_id();
    id[id.len().saturating_sub(max)..].to_owned()
}
