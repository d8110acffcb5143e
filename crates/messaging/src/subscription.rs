//! Subscriptions: a typed protocol and endpoint, with the options SNS has
//! (filter policy, raw delivery, dead-letter queue), checked at synth.

use rcdk_cfn::sns::{CfnSubscription, CfnSubscriptionProps};
use rcdk_core::{Expr, Scope, Value};

/// How SNS delivers to a subscriber.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SubscriptionProtocol {
    /// An SQS queue, by ARN.
    Sqs,
    /// A Lambda function, by ARN.
    Lambda,
    /// An HTTPS endpoint, by URL.
    Https,
    /// An HTTP endpoint, by URL.
    Http,
    /// An email address (plain text).
    Email,
    /// An email address (the JSON message).
    EmailJson,
    /// A phone number (SMS).
    Sms,
    /// A Kinesis Data Firehose delivery stream, by ARN (needs a role).
    Firehose,
    /// A mobile application endpoint, by ARN.
    Application,
}

impl SubscriptionProtocol {
    /// The protocol as SNS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriptionProtocol::Sqs => "sqs",
            SubscriptionProtocol::Lambda => "lambda",
            SubscriptionProtocol::Https => "https",
            SubscriptionProtocol::Http => "http",
            SubscriptionProtocol::Email => "email",
            SubscriptionProtocol::EmailJson => "email-json",
            SubscriptionProtocol::Sms => "sms",
            SubscriptionProtocol::Firehose => "firehose",
            SubscriptionProtocol::Application => "application",
        }
    }

    fn takes_raw_delivery(self) -> bool {
        matches!(
            self,
            SubscriptionProtocol::Sqs
                | SubscriptionProtocol::Https
                | SubscriptionProtocol::Http
                | SubscriptionProtocol::Firehose
        )
    }
}

/// A subscriber of a topic, added with [`ITopic::add_subscription`](crate::ITopic::add_subscription).
///
/// ```
/// use rcdk_core::{App, StackProps, Value};
/// use rcdk_messaging::{ITopic, Subscription, Topic, TopicProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let topic = Topic::new(&stack, "Orders", TopicProps::default());
/// topic.add_subscription(
///     "Audit",
///     Subscription::sqs("arn:aws:sqs:eu-west-1:111111111111:audit")
///         .with_raw_message_delivery()
///         .with_filter_policy(Value::object([("type", Value::list(["created".into()]))])),
/// );
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("RawMessageDelivery: true"));
/// ```
#[derive(Clone, Debug)]
pub struct Subscription {
    protocol: SubscriptionProtocol,
    endpoint: Expr<String>,
    options: SubscriptionOptions,
}

/// What a subscriber receives and where undeliverable messages go: the
/// options of a [`Subscription`], and of a queue's
/// [`subscribe_to`](crate::IQueue::subscribe_to).
#[derive(Clone, Debug, Default)]
pub struct SubscriptionOptions {
    /// Deliver only messages whose attributes match this SNS filter policy
    /// (an object of attribute names to conditions). Default all messages.
    pub filter_policy: Option<Value>,
    /// Deliver the message body as published, without the SNS envelope
    /// (SQS, HTTP(S) and Firehose only). Default false.
    pub raw_message_delivery: bool,
    /// An SQS queue (by ARN, whose policy admits the topic) for messages SNS
    /// could not deliver. Default none.
    pub dead_letter_queue_arn: Option<Expr<String>>,
    /// The role SNS assumes to deliver (Firehose subscriptions need one).
    pub subscription_role_arn: Option<Expr<String>>,
}

impl Subscription {
    /// A subscriber over `protocol` at `endpoint`.
    ///
    /// ```
    /// use rcdk_messaging::{Subscription, SubscriptionProtocol};
    /// let s = Subscription::new(SubscriptionProtocol::Sms, "+15555550100");
    /// # let _ = s;
    /// ```
    pub fn new(protocol: SubscriptionProtocol, endpoint: impl Into<Expr<String>>) -> Subscription {
        Subscription {
            protocol,
            endpoint: endpoint.into(),
            options: SubscriptionOptions::default(),
        }
    }

    /// An SQS queue, by ARN. The queue's policy must admit the topic
    /// (`sqs:SendMessage` for `sns.amazonaws.com` with the topic as source).
    ///
    /// ```
    /// let s = rcdk_messaging::Subscription::sqs("arn:aws:sqs:eu-west-1:111111111111:jobs");
    /// # let _ = s;
    /// ```
    pub fn sqs(queue_arn: impl Into<Expr<String>>) -> Subscription {
        Subscription::new(SubscriptionProtocol::Sqs, queue_arn)
    }

    /// A Lambda function, by ARN.
    ///
    /// ```
    /// let s = rcdk_messaging::Subscription::lambda("arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// # let _ = s;
    /// ```
    pub fn lambda(function_arn: impl Into<Expr<String>>) -> Subscription {
        Subscription::new(SubscriptionProtocol::Lambda, function_arn)
    }

    /// An HTTPS endpoint.
    ///
    /// ```
    /// let s = rcdk_messaging::Subscription::https("https://hooks.example.com/sns");
    /// # let _ = s;
    /// ```
    pub fn https(url: impl Into<Expr<String>>) -> Subscription {
        Subscription::new(SubscriptionProtocol::Https, url)
    }

    /// An email address.
    ///
    /// ```
    /// let s = rcdk_messaging::Subscription::email("ops@example.com");
    /// # let _ = s;
    /// ```
    pub fn email(address: impl Into<Expr<String>>) -> Subscription {
        Subscription::new(SubscriptionProtocol::Email, address)
    }

    /// Delivers only messages whose attributes match `policy` (an SNS filter
    /// policy object).
    ///
    /// ```
    /// use rcdk_core::Value;
    /// let s = rcdk_messaging::Subscription::email("ops@example.com")
    ///     .with_filter_policy(Value::object([("severity", Value::list(["high".into()]))]));
    /// # let _ = s;
    /// ```
    pub fn with_filter_policy(mut self, policy: Value) -> Subscription {
        self.options.filter_policy = Some(policy);
        self
    }

    /// Delivers the message body as published, without the SNS envelope
    /// (SQS, HTTP(S) and Firehose only).
    ///
    /// ```
    /// let s = rcdk_messaging::Subscription::sqs("arn:aws:sqs:eu-west-1:111111111111:q").with_raw_message_delivery();
    /// # let _ = s;
    /// ```
    pub fn with_raw_message_delivery(mut self) -> Subscription {
        self.options.raw_message_delivery = true;
        self
    }

    /// Sends messages SNS could not deliver to the SQS queue `queue_arn`
    /// (whose policy must admit the topic).
    ///
    /// ```
    /// let s = rcdk_messaging::Subscription::https("https://hooks.example.com/sns")
    ///     .with_dead_letter_queue("arn:aws:sqs:eu-west-1:111111111111:undelivered");
    /// # let _ = s;
    /// ```
    pub fn with_dead_letter_queue(mut self, queue_arn: impl Into<Expr<String>>) -> Subscription {
        self.options.dead_letter_queue_arn = Some(queue_arn.into());
        self
    }

    /// The subscription with all of `options`, replacing any set before.
    ///
    /// ```
    /// use rcdk_messaging::{Subscription, SubscriptionOptions};
    /// let s = Subscription::https("https://hooks.example.com/sns")
    ///     .with_options(SubscriptionOptions { raw_message_delivery: true, ..Default::default() });
    /// # let _ = s;
    /// ```
    pub fn with_options(mut self, options: SubscriptionOptions) -> Subscription {
        self.options = options;
        self
    }

    /// Writes the subscription as the construct `node`, its
    /// `AWS::SNS::Subscription` at `Resource` (the CDK's `Subscription`).
    pub(crate) fn attach(self, node: &Scope, topic_arn: Expr<String>, topic_region: Option<String>) -> CfnSubscription {
        if self.protocol == SubscriptionProtocol::Firehose && self.options.subscription_role_arn.is_none() {
            node.add_error(
                "a firehose subscription needs a role SNS assumes to write to the stream; set SubscriptionOptions::subscription_role_arn to a role allowed firehose:PutRecord and firehose:PutRecordBatch on it",
            );
        }
        let options = self.options;
        if options.raw_message_delivery && !self.protocol.takes_raw_delivery() {
            node.add_error(format!(
                "raw message delivery is not available for {} subscriptions; SNS offers it to sqs, http, https and firehose only, so drop with_raw_message_delivery",
                self.protocol.as_str()
            ));
        }
        if let Some(p) = &options.filter_policy {
            if !matches!(p, Value::Object(m) if !m.is_empty()) {
                node.add_error(
                    "a filter policy is a non-empty object of attribute names to conditions, for example {\"type\": [\"created\"]}",
                );
            }
        }
        let redrive = options
            .dead_letter_queue_arn
            .map(|arn| Value::object([("deadLetterTargetArn", arn.into_value())]));
        CfnSubscription::new(
            node,
            "Resource",
            CfnSubscriptionProps {
                endpoint: Some(self.endpoint),
                filter_policy: options.filter_policy,
                raw_message_delivery: options.raw_message_delivery.then(|| true.into()),
                redrive_policy: redrive,
                region: topic_region.map(Into::into),
                subscription_role_arn: options.subscription_role_arn,
                ..CfnSubscriptionProps::new(self.protocol.as_str(), topic_arn)
            },
        )
    }
}
