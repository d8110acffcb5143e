//! Sending messages to SQS.

use rcdk_core::{Duration, Expr, Value};
use rcdk_iam::PolicyStatement;
use rcdk_messaging::IQueue;
use rcdk_orchestration::{task_methods, Chain, Task};

use crate::IntegrationPattern;

/// The longest per-message delay SQS takes (15 minutes).
const MAX_DELAY_SECONDS: u64 = 900;

/// A string field given in the definition or read from the input (`.$`).
#[derive(Clone, Debug)]
enum Text {
    Given(String),
    FromInput(String),
}

impl Text {
    fn write<'a>(&self, key: &'a str, key_path: &'a str, p: &mut Vec<(&'a str, Value)>) {
        match self {
            Text::Given(v) => p.push((key, v.as_str().into())),
            Text::FromInput(path) => p.push((key_path, path.as_str().into())),
        }
    }
}

/// A Task sending a message to an SQS queue
/// (`arn:${AWS::Partition}:states:::sqs:sendMessage`). The role may send to
/// that queue only (`sqs:SendMessage`; with the queue's customer managed
/// key, `kms:Decrypt` and `kms:GenerateDataKey*` on it), as the AWS CDK's
/// `SqsSendMessage` grants; unlike a queue's `grant_send_messages`, no
/// `GetQueueAttributes` or `GetQueueUrl`, which Step Functions does not call.
///
/// The body is the state's input unless set. A FIFO queue needs a message
/// group ID and takes no per-message delay: both are synth errors, not
/// failed executions.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_messaging::{Queue, QueueProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::SqsSendMessage;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
/// let send = SqsSendMessage::new("Enqueue", &queue).message_body_path("$.order");
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(send));
/// assert_eq!(flow.definition_json()["States"]["Enqueue"]["Parameters"]["MessageBody.$"], "$.order");
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("sqs:SendMessage"));
/// ```
#[derive(Clone, Debug)]
pub struct SqsSendMessage {
    task: Task,
    queue_url: Expr<String>,
    queue_arn: Expr<String>,
    key_arn: Option<Expr<String>>,
    fifo: Option<bool>,
    body: Value,
    body_path: bool,
    delay: Option<Duration>,
    group_id: Option<Text>,
    dedup_id: Option<Text>,
    pattern: IntegrationPattern,
}

impl SqsSendMessage {
    /// Sends the state's input to `queue`, unless a body is set, and goes
    /// on once SQS took the message.
    pub fn new(name: &str, queue: &dyn IQueue) -> SqsSendMessage {
        SqsSendMessage::with_pattern(name, queue, IntegrationPattern::RequestResponse)
    }

    /// [`new`](Self::new), or with [`IntegrationPattern::WaitForTaskToken`]
    /// waiting until someone answers with the task token
    /// (`sqs:sendMessage.waitForTaskToken`): the body must carry
    /// `$$.Task.Token` (a synth error otherwise), and whoever reads the
    /// message calls `SendTaskSuccess` or `SendTaskFailure` with it. SQS has
    /// no job to wait for: [`IntegrationPattern::RunJob`] is an error.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps, Value};
    /// use rcdk_messaging::{Queue, QueueProps};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps};
    /// use rcdk_orchestration_tasks::{IntegrationPattern, SqsSendMessage};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Approvals", QueueProps::default());
    /// let ask = SqsSendMessage::with_pattern("Approve", &queue, IntegrationPattern::WaitForTaskToken)
    ///     .message_body(Value::object([("order.$", "$.order".into()), ("token.$", "$$.Task.Token".into())]));
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(ask));
    /// assert_eq!(flow.definition_json()["States"]["Approve"]["Resource"], "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
    /// app.synth().unwrap();
    /// ```
    pub fn with_pattern(name: &str, queue: &dyn IQueue, pattern: IntegrationPattern) -> SqsSendMessage {
        SqsSendMessage {
            task: Task::service(name, &pattern.resource("sqs:sendMessage")),
            pattern,
            queue_url: queue.queue_url(),
            queue_arn: queue.queue_arn(),
            key_arn: queue.encryption_key_arn(),
            fifo: queue.fifo(),
            body: Value::from("$"),
            body_path: true,
            delay: None,
            group_id: None,
            dedup_id: None,
        }
    }

    /// A fixed `MessageBody`: a string, or any JSON value (an object's keys
    /// ending in `.$` read the input, so a body can carry
    /// `"TaskToken.$": "$$.Task.Token"`).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_messaging::{Queue, QueueProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let send = rcdk_orchestration_tasks::SqsSendMessage::new("Enqueue", &queue).message_body("ping");
    /// ```
    pub fn message_body(mut self, body: impl Into<Value>) -> Self {
        self.body = body.into();
        self.body_path = false;
        self
    }

    /// `MessageBody.$`: the body, read from the state's input at `path` (a
    /// JSONPath, or an intrinsic function).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_messaging::{Queue, QueueProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let send = rcdk_orchestration_tasks::SqsSendMessage::new("Enqueue", &queue).message_body_path("$.order");
    /// ```
    pub fn message_body_path(mut self, path: &str) -> Self {
        self.body = path.into();
        self.body_path = true;
        self
    }

    /// `DelaySeconds`: how long the message stays invisible, in whole
    /// seconds up to 15 minutes. Standard queues only: a FIFO queue takes a
    /// delay for the whole queue, never per message.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps, Duration};
    /// # use rcdk_messaging::{Queue, QueueProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let send = rcdk_orchestration_tasks::SqsSendMessage::new("Later", &queue).delay(Duration::minutes(5));
    /// ```
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// `MessageGroupId`, which a FIFO queue requires.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_messaging::{Queue, QueueProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let send = rcdk_orchestration_tasks::SqsSendMessage::new("Enqueue", &queue).message_group_id("orders");
    /// ```
    #[track_caller]
    pub fn message_group_id(mut self, id: &str) -> Self {
        self.group_id = Some(Text::Given(id.to_owned()));
        self
    }

    /// `MessageGroupId.$`: the group, read from the state's input at `path`.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_messaging::{Queue, QueueProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let send = rcdk_orchestration_tasks::SqsSendMessage::new("Enqueue", &queue).message_group_id_path("$.customer");
    /// ```
    pub fn message_group_id_path(mut self, path: &str) -> Self {
        self.group_id = Some(Text::FromInput(path.to_owned()));
        self
    }

    /// `MessageDeduplicationId` (FIFO queues without content-based
    /// deduplication need one).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_messaging::{Queue, QueueProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let send = rcdk_orchestration_tasks::SqsSendMessage::new("Enqueue", &queue).deduplication_id("order-1");
    /// ```
    #[track_caller]
    pub fn deduplication_id(mut self, id: &str) -> Self {
        self.dedup_id = Some(Text::Given(id.to_owned()));
        self
    }

    /// `MessageDeduplicationId.$`: the ID, read from the state's input at
    /// `path` (`$$.Execution.Id` makes a retried state send once).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_messaging::{Queue, QueueProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    /// let send = rcdk_orchestration_tasks::SqsSendMessage::new("Enqueue", &queue).deduplication_id_path("$$.Execution.Id");
    /// ```
    pub fn deduplication_id_path(mut self, path: &str) -> Self {
        self.dedup_id = Some(Text::FromInput(path.to_owned()));
        self
    }

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_messaging::{Queue, QueueProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let queue = Queue::new(&stack, "Jobs", QueueProps::default());
let task = rcdk_orchestration_tasks::SqsSendMessage::new("Enqueue", &queue);"#
    );
}

impl From<SqsSendMessage> for Chain {
    fn from(s: SqsSendMessage) -> Chain {
        let mut errors = Vec::new();
        let fifo = s.fifo == Some(true);
        let mut p: Vec<(&str, Value)> = vec![("QueueUrl", s.queue_url.into())];
        match s.pattern {
            IntegrationPattern::WaitForTaskToken if !crate::reads_task_token(&s.body) => {
                errors.push(crate::missing_token_error("SqsSendMessage", "the message body"))
            }
            IntegrationPattern::RunJob => errors.push(crate::no_run_job("SqsSendMessage")),
            _ => {}
        }
        p.push((if s.body_path { "MessageBody.$" } else { "MessageBody" }, s.body));
        if let Some(delay) = s.delay {
            match delay.to_seconds() {
                _ if fifo => errors.push(
                    "DelaySeconds: a FIFO queue takes no per-message delay (SQS rejects the message); set the delay on the queue, or drop delay()"
                        .to_owned(),
                ),
                Some(secs) if secs <= MAX_DELAY_SECONDS => {
                    p.push(("DelaySeconds", Value::Int(i64::try_from(secs).unwrap_or(i64::MAX))))
                }
                Some(_) => errors.push(format!(
                    "DelaySeconds: {delay} is longer than the 15 minutes SQS delays a message; use at most Duration::minutes(15)"
                )),
                None => errors.push(format!(
                    "DelaySeconds: {delay} is not a whole number of seconds, which is all SQS takes; use Duration::seconds"
                )),
            }
        }
        if let Some(id) = &s.dedup_id {
            id.write("MessageDeduplicationId", "MessageDeduplicationId.$", &mut p);
        }
        match &s.group_id {
            Some(id) => id.write("MessageGroupId", "MessageGroupId.$", &mut p),
            None if fifo => errors.push(
                "the queue is FIFO, and SQS refuses a message to a FIFO queue without MessageGroupId; set one with message_group_id() or message_group_id_path()"
                    .to_owned(),
            ),
            None => {}
        }
        let mut task = crate::write_parameters(s.task, "SqsSendMessage", p);
        task = task.grant(PolicyStatement::allow(["sqs:SendMessage"], [s.queue_arn]));
        if let Some(key) = s.key_arn {
            // SQS encrypts the message with a data key of the queue's key
            // (GenerateDataKey) and checks it can use it (Decrypt).
            task = task.grant(PolicyStatement::allow(["kms:Decrypt", "kms:GenerateDataKey*"], [key]));
        }
        for e in errors {
            task = task.add_error(e);
        }
        task.into()
    }
}
