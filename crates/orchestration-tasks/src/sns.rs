//! Publishing to SNS.

use rcdk_core::{Expr, Value};
use rcdk_iam::PolicyStatement;
use rcdk_messaging::ITopic;
use rcdk_orchestration::{task_methods, Chain, Task};

/// A Task publishing to an SNS topic (`arn:${AWS::Partition}:states:::sns:publish`); the
/// role may publish to that topic only (and use its customer managed key,
/// when it has one).
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_messaging::{Topic, TopicProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::SnsPublish;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let topic = Topic::new(&stack, "Topic", TopicProps::default());
/// let flow = SnsPublish::new("Tell", &topic).message_path("$.text").subject("Order");
/// StateMachine::new(&stack, "Flow", StateMachineProps::new(flow));
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("sns:Publish"));
/// ```
#[derive(Clone, Debug)]
pub struct SnsPublish {
    task: Task,
    topic_arn: Expr<String>,
    statements: Vec<PolicyStatement>,
    message: Value,
    message_path: bool,
    subject: Option<String>,
}

impl SnsPublish {
    /// Publishes the state's input to `topic`, unless a message is set.
    pub fn new(name: &str, topic: &dyn ITopic) -> SnsPublish {
        SnsPublish {
            task: Task::service(name, "sns:publish"),
            topic_arn: topic.topic_arn(),
            statements: topic.publish_statements(),
            message: Value::from("$"),
            message_path: true,
            subject: None,
        }
    }

    /// A fixed message.
    pub fn message(mut self, message: impl Into<Value>) -> Self {
        self.message = message.into();
        self.message_path = false;
        self
    }

    /// The message from a JSONPath of the input (`Message.$`).
    pub fn message_path(mut self, path: &str) -> Self {
        self.message = path.into();
        self.message_path = true;
        self
    }

    /// `Subject`.
    pub fn subject(mut self, subject: &str) -> Self {
        self.subject = Some(subject.to_owned());
        self
    }

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_messaging::{Topic, TopicProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let topic = Topic::new(&stack, "Topic", TopicProps::default());
let task = rcdk_orchestration_tasks::SnsPublish::new("Tell", &topic);"#
    );
}

impl From<SnsPublish> for Chain {
    fn from(s: SnsPublish) -> Chain {
        let mut p: Vec<(&str, Value)> = Vec::new();
        p.push((if s.message_path { "Message.$" } else { "Message" }, s.message));
        if let Some(subject) = &s.subject {
            p.push(("Subject", subject.as_str().into()));
        }
        p.push(("TopicArn", s.topic_arn.into()));
        let mut task = crate::write_parameters(s.task, "SnsPublish", p);
        for st in s.statements {
            task = task.grant(st);
        }
        task.into()
    }
}
