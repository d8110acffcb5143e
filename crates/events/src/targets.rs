//! Rule targets. Each binds itself to the rule it is added to: a queue or
//! topic admits `events.amazonaws.com` for that rule only in its resource
//! policy (an imported one cannot, which fails synth).

use rcdk_core::Construct;
use rcdk_iam::ServicePrincipal;
use rcdk_messaging::{IQueue, ITopic};

use crate::{IRuleTarget, Rule, RuleTarget};

/// EventBridge acting for `rule` only.
pub(crate) fn events_principal(rule: &Rule) -> ServicePrincipal {
    ServicePrincipal::new("events.amazonaws.com").with_source_arn(rule.rule_arn())
}

/// Sends events to an SQS queue.
pub struct SqsQueue<'a> {
    queue: &'a dyn IQueue,
    message_group_id: Option<String>,
}

impl<'a> SqsQueue<'a> {
    /// A queue target.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{targets, EventPattern, Rule, RuleProps};
    /// use rcdk_messaging::{Queue, QueueProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let rule = Rule::new(&stack, "R", RuleProps::matching(EventPattern::new().source(["orders"])));
    /// rule.add_target(&targets::SqsQueue::new(&queue));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("events.amazonaws.com"));
    /// ```
    pub fn new(queue: &'a dyn IQueue) -> SqsQueue<'a> {
        SqsQueue {
            queue,
            message_group_id: None,
        }
    }

    /// The message group of events sent to a FIFO queue (required there).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::targets;
    /// use rcdk_messaging::{Queue, QueueProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps { fifo: true, ..Default::default() });
    /// let target = targets::SqsQueue::new(&queue).message_group_id("orders");
    /// # let _ = target;
    /// ```
    pub fn message_group_id(mut self, id: &str) -> SqsQueue<'a> {
        self.message_group_id = Some(id.to_owned());
        self
    }
}

impl IRuleTarget for SqsQueue<'_> {
    fn bind(&self, rule: &Rule) -> RuleTarget {
        self.queue.grant_send_messages(&events_principal(rule));
        match (self.queue.fifo(), &self.message_group_id) {
            (Some(true), None) => rule.scope().add_error(
                "a FIFO queue target needs a message group; use targets::SqsQueue::new(&queue).message_group_id(\"...\")",
            ),
            (Some(false), Some(_)) => rule
                .scope()
                .add_error("a message group is for FIFO queue targets only; drop message_group_id"),
            _ => {}
        }
        if self.queue.encryption_key_arn().is_some() {
            rule.scope().add_warning(
                "EventBridge sends to a queue encrypted with a customer managed key only if the key's policy lets events.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt)",
            );
        }
        RuleTarget {
            arn: self.queue.queue_arn(),
            role_arn: None,
            message_group_id: self.message_group_id.clone(),
        }
    }
}

/// Publishes events to an SNS topic.
pub struct SnsTopic<'a> {
    topic: &'a dyn ITopic,
}

impl<'a> SnsTopic<'a> {
    /// A topic target. EventBridge cannot publish to a topic encrypted with
    /// the AWS managed key `alias/aws/sns` (a warning): give the topic a
    /// customer managed key whose policy admits `events.amazonaws.com`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_events::{targets, EventPattern, Rule, RuleProps};
    /// use rcdk_messaging::{Topic, TopicEncryption, TopicProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let key = "arn:aws:kms:eu-west-1:111111111111:key/abc";
    /// let topic = Topic::new(&stack, "Alerts", TopicProps { encryption: TopicEncryption::Kms(key.into()), ..Default::default() });
    /// let rule = Rule::new(&stack, "R", RuleProps::matching(EventPattern::new().source(["orders"])));
    /// rule.add_target(&targets::SnsTopic::new(&topic));
    /// assert!(app.synth().unwrap().warnings().is_empty());
    /// ```
    pub fn new(topic: &'a dyn ITopic) -> SnsTopic<'a> {
        SnsTopic { topic }
    }
}

impl IRuleTarget for SnsTopic<'_> {
    fn bind(&self, rule: &Rule) -> RuleTarget {
        self.topic.grant_publish(&events_principal(rule));
        RuleTarget {
            arn: self.topic.topic_arn(),
            role_arn: None,
            message_group_id: None,
        }
    }
}
