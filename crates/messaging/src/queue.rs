//! SQS queues: [`Queue`] defined in the app (encrypted, TLS-only, with an
//! optional dead-letter queue), [`ImportedQueue`] by ARN, both [`IQueue`]s
//! that grants and topic subscriptions accept alike.

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::sqs::{CfnQueue, CfnQueuePolicy, CfnQueuePolicyProps, CfnQueueProps};
use rcdk_core::{cfn_format, Aws, Construct, Duration, Expr, RemovalPolicy, Scope, Size, Value};
use rcdk_iam::{
    append_statement, policy_document, Grant, IGrantable, IResourceWithPolicy, PolicyOf, PolicyStatement, Principal,
    ServicePrincipal,
};

use crate::{ITopic, Subscription, SubscriptionOptions};

const CONSUME: [&str; 5] = [
    "sqs:ReceiveMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueUrl",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
];
const SEND: [&str; 3] = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"];

/// A queue, defined in the app or imported: what producers, consumers,
/// grants and subscriptions need.
pub trait IQueue: IResourceWithPolicy + Construct {
    /// The queue ARN.
    fn queue_arn(&self) -> Expr<String>;

    /// The queue URL, which the SQS API takes.
    fn queue_url(&self) -> Expr<String>;

    /// The queue name.
    fn queue_name(&self) -> Expr<String>;

    /// Whether the queue is FIFO, when the app knows it.
    fn fifo(&self) -> Option<bool>;

    /// The customer managed key that encrypts the queue, when the app knows it.
    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        None
    }

    /// The queue's policy resource, once the app wrote one.
    fn policy(&self) -> Option<CfnQueuePolicy> {
        None
    }

    /// Grants `actions` on this queue to `grantee` (in its policy, or the
    /// queue's policy for a service or an account), and the use of the
    /// queue's customer managed key with `key_actions`.
    fn grant(&self, grantee: &dyn IGrantable, actions: &[&str], key_actions: &[&str]) -> Grant {
        let grant = Grant::add_to_principal_or_resource(
            grantee,
            actions.iter().copied(),
            [self.queue_arn()],
            Some(&PolicyOf(self)),
            self.scope(),
        );
        if let Some(key) = self.encryption_key_arn() {
            let key_use = PolicyStatement::allow(key_actions.iter().copied(), [key]);
            grantee.grant_principal().add_to_principal_policy(key_use);
        }
        grant
    }

    /// Lets `grantee` send messages to this queue.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_messaging::{IQueue, Queue};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::from_arn(&stack, "Shared", "arn:aws:sqs:eu-west-1:111111111111:shared");
    /// let role = Role::new(&stack, "Producer", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(queue.grant_send_messages(&role).success());
    /// ```
    fn grant_send_messages(&self, grantee: &dyn IGrantable) -> Grant {
        self.grant(
            grantee,
            &SEND,
            &["kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
        )
    }

    /// Lets `grantee` receive, change the visibility of and delete messages.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_messaging::{IQueue, Queue, QueueProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let role = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    /// assert!(queue.grant_consume_messages(&role).success());
    /// ```
    fn grant_consume_messages(&self, grantee: &dyn IGrantable) -> Grant {
        self.grant(grantee, &CONSUME, &["kms:Decrypt"])
    }

    /// Subscribes this queue to `topic`, as the AWS CDK's `SqsSubscription`:
    /// the subscription at `<queue>/<topic's unique id>/Resource`, and a
    /// queue policy statement that lets SNS send from that topic only
    /// (which an imported queue cannot carry: a synth error then).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{IQueue, Queue, QueueProps, SubscriptionOptions, Topic, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let topic = Topic::new(&stack, "Events", TopicProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// queue.subscribe_to(&topic, SubscriptionOptions { raw_message_delivery: true, ..Default::default() });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AWS::SNS::Subscription"));
    /// ```
    fn subscribe_to(&self, topic: &dyn ITopic, options: SubscriptionOptions) {
        let sns = ServicePrincipal::new("sns.amazonaws.com").with_source_arn(topic.topic_arn());
        let admitted = PolicyStatement::allow(["sqs:SendMessage"], [self.queue_arn()]).with_principal(sns);
        if !self.add_to_resource_policy(admitted) {
            self.scope().add_error(
                "an imported queue cannot be subscribed to a topic: its policy must let SNS send from the topic, and that policy is not the app's to change; add the statement where the queue is defined, then use Subscription::sqs on the topic",
            );
            return;
        }
        if topic.fifo().is_some_and(|f| Some(f) != self.fifo()) && self.fifo().is_some() {
            self.scope().add_error(
                "SNS delivers a FIFO topic to FIFO queues and a standard topic to standard queues only; subscribe a queue of the topic's kind",
            );
            return;
        }
        if self.encryption_key_arn().is_some() {
            self.scope().add_warning(
                "SNS delivers to a queue encrypted with a customer managed key only if the key's policy lets sns.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt); add that to the key's policy",
            );
        }
        // The CDK's SqsSubscription: named by the topic's unique id.
        let id = topic.scope().unique_id();
        let subscription = Subscription::sqs(self.queue_arn()).with_options(options);
        let node = self.scope().child(&id);
        let resource = subscription.attach(&node, topic.topic_arn(), topic.topic_region());
        // SNS checks that it may send when the subscription is created.
        if let Some(policy) = self.policy() {
            resource.add_depends_on(&policy);
        }
    }
}

/// How a queue's messages are encrypted at rest.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub enum QueueEncryption {
    /// Keys SQS owns and manages (SSE-SQS), at no cost (the default).
    #[default]
    SqsManaged,
    /// A customer managed KMS key, by ARN; producers and consumers are
    /// granted its use.
    Kms(Expr<String>),
}

/// Where a queue sends messages it could not have processed.
#[derive(Clone, Debug)]
pub struct DeadLetterQueue {
    arn: Expr<String>,
    fifo: Option<bool>,
    max_receive_count: u32,
}

impl DeadLetterQueue {
    /// Moves a message to `queue` after `max_receive_count` receives (1 to 1,000).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{DeadLetterQueue, Queue, QueueProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let dlq = Queue::new(&stack, "JobsDlq", QueueProps::default());
    /// Queue::new(&stack, "Jobs", QueueProps { dead_letter_queue: Some(DeadLetterQueue::new(&dlq, 5)), ..Default::default() });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("maxReceiveCount: 5"));
    /// ```
    pub fn new(queue: &dyn IQueue, max_receive_count: u32) -> DeadLetterQueue {
        DeadLetterQueue {
            arn: queue.queue_arn(),
            fifo: queue.fifo(),
            max_receive_count,
        }
    }
}

/// The options of a [`Queue`]. The defaults are SQS's, but for encryption
/// (SSE-SQS, written out) and TLS (required by the queue policy).
#[derive(Clone, Debug)]
pub struct QueueProps {
    /// An explicit name; default generated by CloudFormation (with `.fifo`
    /// for a FIFO queue).
    pub queue_name: Option<String>,
    /// A FIFO queue: exactly-once processing in order. Default false.
    pub fifo: bool,
    /// FIFO only: deduplicate by a hash of the message body. Default false.
    pub content_based_deduplication: bool,
    /// Encryption at rest. Default SSE-SQS.
    pub encryption: QueueEncryption,
    /// Deny every request not made over TLS, in the queue's policy. Default true.
    pub enforce_ssl: bool,
    /// Where messages go after too many receives. Default none.
    pub dead_letter_queue: Option<DeadLetterQueue>,
    /// How long a received message stays hidden (0 to 12 hours). Default 30 seconds.
    pub visibility_timeout: Option<Duration>,
    /// How long a message is kept (1 minute to 14 days). Default 4 days.
    pub retention_period: Option<Duration>,
    /// How long a new message stays invisible (0 to 15 minutes). Default 0.
    pub delivery_delay: Option<Duration>,
    /// Long polling: how long a receive waits for a message (0 to 20 seconds). Default 0.
    pub receive_message_wait_time: Option<Duration>,
    /// The largest message accepted (1 KiB to 1 MiB). Default 1 MiB.
    pub max_message_size: Option<Size>,
    /// What happens to the queue (and its messages) when it leaves the
    /// stack. Default [`RemovalPolicy::Destroy`], as the AWS CDK's.
    pub removal_policy: RemovalPolicy,
}

impl Default for QueueProps {
    fn default() -> Self {
        QueueProps {
            queue_name: None,
            fifo: false,
            content_based_deduplication: false,
            encryption: QueueEncryption::SqsManaged,
            enforce_ssl: true,
            dead_letter_queue: None,
            visibility_timeout: None,
            retention_period: None,
            delivery_delay: None,
            receive_message_wait_time: None,
            max_message_size: None,
            removal_policy: RemovalPolicy::Destroy,
        }
    }
}

/// An SQS queue, encrypted at rest and reachable only over TLS: a construct
/// whose `AWS::SQS::Queue` is its `Resource` child and whose policy is
/// `Policy/Resource`, as in the AWS CDK.
///
/// ```
/// use rcdk_core::{App, Duration, StackProps};
/// use rcdk_messaging::{Queue, QueueProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Queue::new(&stack, "Jobs", QueueProps { visibility_timeout: Some(Duration::minutes(5)), ..Default::default() });
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("VisibilityTimeout: 300"));
/// assert!(yaml.contains("aws:SecureTransport"));
/// ```
#[derive(Clone, Debug)]
pub struct Queue {
    scope: Scope,
    queue: CfnQueue,
    fifo: bool,
    encryption: QueueEncryption,
    policy: Rc<RefCell<Option<CfnQueuePolicy>>>,
}

impl Construct for Queue {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IQueue for Queue {
    fn queue_arn(&self) -> Expr<String> {
        self.queue.attr_arn()
    }

    fn queue_url(&self) -> Expr<String> {
        self.queue.reference()
    }

    fn queue_name(&self) -> Expr<String> {
        self.queue.get_att("QueueName")
    }

    fn fifo(&self) -> Option<bool> {
        Some(self.fifo)
    }

    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        match &self.encryption {
            QueueEncryption::Kms(key) => Some(key.clone()),
            QueueEncryption::SqsManaged => None,
        }
    }

    fn policy(&self) -> Option<CfnQueuePolicy> {
        self.policy.borrow().clone()
    }
}

impl IResourceWithPolicy for Queue {
    /// Adds a statement to the queue's policy, an `AWS::SQS::QueuePolicy` at
    /// `Policy/Resource` made on the first statement; identical statements
    /// are added once.
    fn add_to_resource_policy(&self, statement: PolicyStatement) -> bool {
        let mut slot = self.policy.borrow_mut();
        let policy = slot.get_or_insert_with(|| {
            CfnQueuePolicy::new(
                &self.scope.child("Policy"),
                "Resource",
                CfnQueuePolicyProps::new(policy_document([]), vec![self.queue.reference()]),
            )
        });
        let mut doc = policy.property("PolicyDocument").unwrap_or_default();
        append_statement(&mut doc, &statement);
        policy.set_policy_document(doc);
        true
    }
}

/// A duration in whole seconds within `range`, or an error naming the prop.
fn seconds_within(node: &Scope, prop: &str, d: Option<Duration>, min: u64, max: Duration) -> Option<Expr<i64>> {
    let d = d?;
    match d.to_seconds() {
        Some(s) if s >= min && d <= max => Some(Expr::from(s as i64)),
        _ => {
            node.add_error(format!(
                "{prop} of {d} is not one SQS accepts; use whole seconds from {min} seconds to {max}"
            ));
            None
        }
    }
}

impl Queue {
    /// Adds a queue.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: QueueProps) -> Queue {
        let node = scope.child(id);
        check_props(&node, &props);
        let redrive = props.dead_letter_queue.as_ref().map(|d| {
            Value::object([
                ("deadLetterTargetArn", d.arn.value().clone()),
                ("maxReceiveCount", Value::from(i64::from(d.max_receive_count))),
            ])
        });
        let (sse, key) = match &props.encryption {
            QueueEncryption::SqsManaged => (Some(true.into()), None),
            QueueEncryption::Kms(arn) => (None, Some(arn.clone())),
        };
        let max_size = props.max_message_size.map(|s| s.to_bytes());
        let queue = CfnQueue::new(
            &node,
            "Resource",
            CfnQueueProps {
                queue_name: props.queue_name.as_deref().map(Into::into),
                fifo_queue: props.fifo.then(|| true.into()),
                content_based_deduplication: props.content_based_deduplication.then(|| true.into()),
                sqs_managed_sse_enabled: sse,
                kms_master_key_id: key,
                redrive_policy: redrive,
                visibility_timeout: seconds_within(
                    &node,
                    "visibility_timeout",
                    props.visibility_timeout,
                    0,
                    Duration::hours(12),
                ),
                message_retention_period: seconds_within(
                    &node,
                    "retention_period",
                    props.retention_period,
                    60,
                    Duration::days(14),
                ),
                delay_seconds: seconds_within(&node, "delivery_delay", props.delivery_delay, 0, Duration::minutes(15)),
                receive_message_wait_time_seconds: seconds_within(
                    &node,
                    "receive_message_wait_time",
                    props.receive_message_wait_time,
                    0,
                    Duration::seconds(20),
                ),
                maximum_message_size: max_size.map(|b| Expr::from(b as i64)),
                ..Default::default()
            },
        );
        queue.apply_removal_policy(props.removal_policy);
        let q = Queue {
            scope: node,
            queue,
            fifo: props.fifo,
            encryption: props.encryption,
            policy: Rc::default(),
        };
        if props.enforce_ssl {
            q.add_to_resource_policy(
                PolicyStatement::deny(["sqs:*"], [q.queue_arn()])
                    .with_principal(Principal::Aws("*".into()))
                    .with_condition("Bool", "aws:SecureTransport", "false"),
            );
        }
        q
    }

    /// Imports an existing queue by ARN; its URL and name come from the ARN.
    /// A literal ARN is checked.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{IQueue, Queue};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::from_arn(&stack, "Orders", "arn:aws:sqs:eu-west-1:111111111111:orders.fifo");
    /// assert_eq!(queue.fifo(), Some(true));
    /// assert_eq!(queue.queue_name().value().as_str(), Some("orders.fifo"));
    /// ```
    #[track_caller]
    pub fn from_arn(scope: &Scope, id: &str, arn: impl Into<Expr<String>>) -> ImportedQueue {
        let node = scope.child(id);
        let arn = arn.into();
        let parsed = arn.value().as_str().map(parse_queue_arn);
        let (region, account, name) = match parsed {
            Some(Ok((region, account, name))) => (Expr::from(region), Expr::from(account), Expr::from(name)),
            Some(Err(e)) => {
                node.add_error(format!("Queue::from_arn: {e}"));
                (Aws::region(), Aws::account_id(), Expr::from("invalid"))
            }
            None => (
                arn.split(":").select(3),
                arn.split(":").select(4),
                arn.split(":").select(5),
            ),
        };
        let fifo = name.value().as_str().map(|n| n.ends_with(".fifo"));
        let url = cfn_format!(
            "https://sqs.{}.{}/{}/{}",
            region,
            Aws::url_suffix(),
            account,
            name.clone()
        );
        ImportedQueue {
            scope: node,
            arn,
            url,
            name,
            fifo,
        }
    }

    /// The L1 queue, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{Queue, QueueProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// queue.cfn().set_kms_data_key_reuse_period_seconds(600);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("KmsDataKeyReusePeriodSeconds: 600"));
    /// ```
    pub fn cfn(&self) -> &CfnQueue {
        &self.queue
    }
}

fn check_props(node: &Scope, props: &QueueProps) {
    if props.content_based_deduplication && !props.fifo {
        node.add_error("content_based_deduplication is for FIFO queues only; set fifo: true or drop it");
    }
    if let Some(name) = &props.queue_name {
        let stem = name.strip_suffix(".fifo").unwrap_or(name);
        let valid_chars = stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if stem.is_empty() || name.len() > 80 || !valid_chars {
            node.add_error(format!(
                "queue name {name:?} is invalid; use 1 to 80 letters, digits, hyphens and underscores (and .fifo at the end of a FIFO queue's)"
            ));
        } else if props.fifo != name.ends_with(".fifo") {
            node.add_error(format!(
                "queue name {name:?} {}; a FIFO queue's name ends in .fifo and only a FIFO queue's does",
                if props.fifo {
                    "lacks the .fifo suffix"
                } else {
                    "ends in .fifo but fifo is false"
                }
            ));
        }
    }
    if let Some(dlq) = &props.dead_letter_queue {
        if !(1..=1000).contains(&dlq.max_receive_count) {
            node.add_error(format!(
                "max_receive_count {} is out of range; SQS accepts 1 to 1000 receives before a message moves to the dead-letter queue",
                dlq.max_receive_count
            ));
        }
        if dlq.fifo.is_some_and(|f| f != props.fifo) {
            node.add_error(if props.fifo {
                "a FIFO queue's dead-letter queue must be FIFO too; give it fifo: true"
            } else {
                "a standard queue's dead-letter queue must be standard too; use a queue without fifo"
            });
        }
    }
    if let Some(size) = props.max_message_size {
        if size < Size::kibibytes(1) || size > Size::mebibytes(1) {
            node.add_error(format!(
                "max_message_size of {size} is not one SQS accepts; use 1 KiB to 1 MiB"
            ));
        }
    }
}

/// `(region, account, name)` of a literal queue ARN.
fn parse_queue_arn(arn: &str) -> Result<(&str, &str, &str), String> {
    let parts: Vec<&str> = arn.split(':').collect();
    match parts.as_slice() {
        ["arn", partition, "sqs", region, account, name]
            if !partition.is_empty()
                && !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && !name.is_empty() =>
        {
            Ok((region, account, name))
        }
        _ => Err(format!(
            "{arn:?} is not an SQS queue ARN; use arn:<partition>:sqs:<region>:<12-digit account>:<queue name>"
        )),
    }
}

/// A queue that exists outside the app, imported with [`Queue::from_arn`].
#[derive(Clone, Debug)]
pub struct ImportedQueue {
    scope: Scope,
    arn: Expr<String>,
    url: Expr<String>,
    name: Expr<String>,
    fifo: Option<bool>,
}

impl Construct for ImportedQueue {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IResourceWithPolicy for ImportedQueue {
    fn add_to_resource_policy(&self, _: PolicyStatement) -> bool {
        false
    }
}

impl IQueue for ImportedQueue {
    fn queue_arn(&self) -> Expr<String> {
        self.arn.clone()
    }

    fn queue_url(&self) -> Expr<String> {
        self.url.clone()
    }

    fn queue_name(&self) -> Expr<String> {
        self.name.clone()
    }

    fn fifo(&self) -> Option<bool> {
        self.fifo
    }
}
