//! The `Task` state, which every service integration builds on.
//!
//! The typed integrations live in `rcdk-orchestration-tasks` (as AWS CDK's
//! live in `aws-stepfunctions-tasks`): each wraps a [`Task`] and gets the
//! fields every task has from [`task_methods!`](crate::task_methods), so
//! this crate needs no construct crate of the services it calls.

use indexmap::IndexMap;
use rcdk_core::{cfn_format, Aws, Duration, Expr, Value};
use rcdk_iam::PolicyStatement;

use crate::chain::{catchers, error_methods, Chain, Io, Kind, Retry, StateDef};

/// A task's timeout or heartbeat: fixed, or read from the input when the
/// state runs.
#[derive(Clone, Debug, PartialEq)]
enum Seconds {
    Fixed(Duration),
    Path(String),
}

impl Seconds {
    /// Writes `<field>Seconds` or `<field>SecondsPath`. A duration that is not
    /// whole seconds is an error, not rounded: a rounded timeout is not the
    /// one asked for.
    fn render(&self, field: &str, fields: &mut Vec<(String, Value)>, errors: &mut Vec<String>) {
        match self {
            Seconds::Fixed(d) => match d.to_seconds() {
                Some(s) => fields.push((format!("{field}Seconds"), Value::Int(i64::try_from(s).unwrap_or(i64::MAX)))),
                None => errors.push(format!(
                    "{field}Seconds: {d} is not a whole number of seconds, which is all Step Functions takes; use Duration::seconds"
                )),
            },
            Seconds::Path(p) => fields.push((format!("{field}SecondsPath"), p.as_str().into())),
        }
    }
}

/// A `Task` state calling any resource, with the permissions it needs given
/// explicitly. The typed integrations of `rcdk-orchestration-tasks`
/// (`CallHttpApi`, `SnsPublish`) each wrap one.
#[derive(Clone, Debug)]
pub struct Task {
    name: String,
    io: Io,
    resource: Expr<String>,
    grants: Vec<PolicyStatement>,
    timeout: Option<Seconds>,
    heartbeat: Option<Seconds>,
    retry: Vec<Retry>,
    catch: Vec<(Vec<String>, Option<String>, Chain)>,
    errors: Vec<String>,
}

impl Task {
    /// A Task state calling `resource`: an activity's or a Lambda function's
    /// ARN, or any expression of one. For service integrations use
    /// [`Task::service`], which writes the partition for you.
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::new("Work", "arn:aws:states:eu-west-1:111111111111:activity:work");
    /// ```
    pub fn new(name: &str, resource: impl Into<Expr<String>>) -> Task {
        Task {
            name: name.to_owned(),
            io: Io::default(),
            resource: resource.into(),
            grants: Vec::new(),
            timeout: None,
            heartbeat: None,
            retry: Vec::new(),
            catch: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// A Task state calling a Step Functions service integration
    /// (`lambda:invoke`, `sqs:sendMessage.waitForTaskToken`, ...):
    /// `arn:${AWS::Partition}:states:::<integration>`, in every partition.
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage");
    /// ```
    pub fn service(name: &str, integration: &str) -> Task {
        Task::new(name, integration_arn(integration))
    }

    /// The state's name.
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// assert_eq!(Task::service("Enqueue", "sqs:sendMessage").name(), "Enqueue");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `Comment`.
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage").comment("hands the order to billing");
    /// ```
    pub fn comment(mut self, comment: &str) -> Task {
        self.io.comment = Some(comment.to_owned());
        self
    }

    /// Sets a workflow variable once the task has run (`Assign`): a
    /// literal value, or, when `name` ends in `.$`, a path or intrinsic
    /// function over the task's result (after `ResultSelector`). Later
    /// states read it as `$name`.
    ///
    /// ```
    /// use rcdk_orchestration::{Definition, Task};
    /// let t = Task::service("Get", "dynamodb:getItem").assign("item.$", "$.Item");
    /// let d = Definition::build(t, None);
    /// assert!(d.errors().is_empty(), "{:?}", d.errors());
    /// ```
    pub fn assign(mut self, name: &str, value: impl Into<Value>) -> Task {
        self.io.assign.insert(name.to_owned(), value.into());
        self
    }

    /// `InputPath`: the part of the state's input the task sees.
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage").input_path("$.order");
    /// ```
    pub fn input_path(mut self, path: &str) -> Task {
        self.io.input_path = Some(path.to_owned());
        self
    }

    /// `Parameters`, replacing any set before. A key ending in `.$` takes a
    /// path or an intrinsic function of the input.
    ///
    /// ```
    /// use rcdk_core::Value;
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage")
    ///     .parameters(Value::object([("QueueUrl", "https://sqs.eu-west-1.amazonaws.com/111111111111/jobs".into()), ("MessageBody.$", "$".into())]));
    /// ```
    pub fn parameters(mut self, parameters: impl Into<Value>) -> Task {
        self.io.parameters = Some(parameters.into());
        self
    }

    /// Sets one key of `Parameters`, keeping the others. A key and its
    /// `.$` form (`Message`, `Message.$`) are one field: setting one
    /// removes the other, since a state cannot take both.
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage")
    ///     .parameter("QueueUrl", "https://sqs.eu-west-1.amazonaws.com/111111111111/jobs")
    ///     .parameter("MessageBody.$", "$.order");
    /// assert!(task.has_parameter("MessageBody"));
    /// ```
    pub fn parameter(mut self, key: &str, value: impl Into<Value>) -> Task {
        let mut map = match self.io.parameters.take() {
            None => IndexMap::new(),
            Some(Value::Object(m)) => m,
            Some(other) => {
                // Dropping what was set would lose it silently.
                self.errors.push(format!(
                    "Parameters is not an object, so parameter({key:?}) cannot add to it; pass an object to parameters()"
                ));
                self.io.parameters = Some(other);
                return self;
            }
        };
        let field = field_of(key);
        map.retain(|k, _| field_of(k) != field || k == key);
        map.insert(key.to_owned(), value.into());
        self.io.parameters = Some(Value::Object(map));
        self
    }

    /// Whether `Parameters` sets `field`, as a value or as a path (`field`
    /// or `field.$`, given either way): how an integration finds a key the
    /// user set that it writes itself.
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Tell", "sns:publish").parameter("Message.$", "$.text");
    /// assert!(task.has_parameter("Message") && task.has_parameter("Message.$"));
    /// assert!(!task.has_parameter("Subject"));
    /// ```
    pub fn has_parameter(&self, field: &str) -> bool {
        let field = field_of(field);
        match &self.io.parameters {
            Some(Value::Object(m)) => m.keys().any(|k| field_of(k) == field),
            _ => false,
        }
    }

    /// `ResultSelector`: what to keep of the task's result.
    ///
    /// ```
    /// use rcdk_core::Value;
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage")
    ///     .result_selector(Value::object([("MessageId.$", "$.MessageId".into())]));
    /// ```
    pub fn result_selector(mut self, selector: impl Into<Value>) -> Task {
        self.io.result_selector = Some(selector.into());
        self
    }

    /// `ResultPath`: where the result goes in the input (`None` discards
    /// it: `ResultPath: null`).
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage").result_path(Some("$.sent"));
    /// ```
    pub fn result_path(mut self, path: Option<&str>) -> Task {
        self.io.result_path = Some(path.map_or(Value::Null, Value::from));
        self
    }

    /// `OutputPath`: the part of the state's output passed on.
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage").output_path("$.sent");
    /// ```
    pub fn output_path(mut self, path: &str) -> Task {
        self.io.output_path = Some(path.to_owned());
        self
    }

    /// `TimeoutSeconds`: how long the task may run before it fails with
    /// `States.Timeout`. Whole seconds only; replaces a
    /// [`timeout_path`](Self::timeout_path).
    ///
    /// ```
    /// use rcdk_core::Duration;
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage").timeout(Duration::seconds(30));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Task {
        self.timeout = Some(Seconds::Fixed(timeout));
        self
    }

    /// `TimeoutSecondsPath`: the timeout, in seconds, read from the input;
    /// replaces a [`timeout`](Self::timeout).
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Enqueue", "sqs:sendMessage").timeout_path("$.limits.seconds");
    /// ```
    pub fn timeout_path(mut self, path: &str) -> Task {
        self.timeout = Some(Seconds::Path(path.to_owned()));
        self
    }

    /// `HeartbeatSeconds`: how long an activity or a callback may stay
    /// silent before the task fails with `States.HeartbeatTimeout`; shorter
    /// than the timeout. Whole seconds only; replaces a
    /// [`heartbeat_path`](Self::heartbeat_path).
    ///
    /// ```
    /// use rcdk_core::Duration;
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Approve", "sqs:sendMessage.waitForTaskToken")
    ///     .timeout(Duration::hours(1))
    ///     .heartbeat(Duration::minutes(5));
    /// ```
    pub fn heartbeat(mut self, heartbeat: Duration) -> Task {
        self.heartbeat = Some(Seconds::Fixed(heartbeat));
        self
    }

    /// `HeartbeatSecondsPath`: the heartbeat, in seconds, read from the
    /// input; replaces a [`heartbeat`](Self::heartbeat).
    ///
    /// ```
    /// use rcdk_orchestration::Task;
    /// let task = Task::service("Approve", "sqs:sendMessage.waitForTaskToken").heartbeat_path("$.heartbeat");
    /// ```
    pub fn heartbeat_path(mut self, path: &str) -> Task {
        self.heartbeat = Some(Seconds::Path(path.to_owned()));
        self
    }

    /// A permission the state machine's role needs for this task.
    ///
    /// ```
    /// use rcdk_iam::PolicyStatement;
    /// use rcdk_orchestration::Task;
    /// let queue = "arn:aws:sqs:eu-west-1:111111111111:jobs";
    /// let task = Task::service("Enqueue", "sqs:sendMessage")
    ///     .grant(PolicyStatement::allow(["sqs:SendMessage"], [queue]));
    /// ```
    #[track_caller]
    pub fn grant(mut self, statement: PolicyStatement) -> Task {
        self.grants.push(statement);
        self
    }

    /// Records a problem with the task that synthesis reports with the
    /// state machine's construct path and the state's name: how an
    /// integration refuses a combination of options without panicking.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps, Task};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let task = Task::service("Call", "apigateway:invoke").add_error("Path and Path.$ are both set; keep one");
    /// StateMachine::new(&stack, "Flow", StateMachineProps::new(task));
    /// let e = app.synth().unwrap_err().to_string();
    /// assert!(e.contains("S/Flow: definition: state \"Call\": Path and Path.$ are both set"), "{e}");
    /// ```
    #[track_caller]
    pub fn add_error(mut self, message: impl Into<String>) -> Task {
        self.errors.push(message.into());
        self
    }

    /// Continues with `then`.
    ///
    /// ```
    /// use rcdk_orchestration::{Succeed, Task};
    /// let flow = Task::service("Enqueue", "sqs:sendMessage").next(Succeed::new("Done"));
    /// assert_eq!(flow.state_names(), ["Enqueue", "Done"]);
    /// ```
    pub fn next(self, then: impl Into<Chain>) -> Chain {
        Chain::from(self).next(then)
    }

    error_methods!();
}

/// `Message` and `Message.$` name one field.
fn field_of(key: &str) -> &str {
    key.strip_suffix(".$").unwrap_or(key)
}

/// The ARN of a service integration, in the stack's partition.
fn integration_arn(integration: &str) -> Expr<String> {
    cfn_format!("arn:{}:states:::{}", Aws::partition(), integration)
}

impl From<Task> for Chain {
    fn from(t: Task) -> Chain {
        let mut fields = vec![
            ("Type".to_owned(), Value::from("Task")),
            ("Resource".to_owned(), t.resource.value().clone()),
        ];
        t.io.render(&mut fields);
        let mut errors = t.errors;
        if let Some(s) = &t.timeout {
            s.render("Timeout", &mut fields, &mut errors);
        }
        if let Some(s) = &t.heartbeat {
            s.render("Heartbeat", &mut fields, &mut errors);
        }
        let catch = catchers(&t.catch);
        let def = StateDef {
            fields,
            next: None,
            kind: Kind::Flow,
            retry: t.retry.iter().map(Retry::render).collect(),
            catch,
            grants: t.grants,
        };
        let mut chain = Chain::single(&t.name, def);
        let name = &t.name;
        chain
            .errors
            .extend(errors.into_iter().map(|e| format!("state {name:?}: {e}")));
        for (_, _, handler) in t.catch {
            chain.absorb(handler);
        }
        chain
    }
}

/// Gives a typed integration every field a [`Task`] has, so that every task
/// type takes the same `input_path`, `parameters`, `result_selector`,
/// `result_path`, `output_path`, `retry`, `catch`, `timeout`,
/// `timeout_path`, `heartbeat`, `heartbeat_path`, `comment` and `next`.
///
/// Call it inside the `impl` of a struct that keeps its [`Task`] in the
/// field named by the first argument; the second is the start of each
/// method's example: Rust lines that end by binding `task` to a value of
/// the type. The type must convert into a [`Chain`] (its `From` impl writes
/// the integration's own `Parameters` with [`Task::parameter`] and its
/// permissions with [`Task::grant`]). `Parameters` given through the
/// generated `parameters` are extra keys beside the integration's own.
///
/// ```
/// use rcdk_core::Value;
/// use rcdk_orchestration::{task_methods, Chain, Task};
///
/// /// Sends a message to an SQS queue.
/// pub struct SendMessage {
///     task: Task,
///     queue_url: String,
/// }
///
/// impl SendMessage {
///     /// Sends the state's input to the queue at `queue_url`.
///     pub fn new(name: &str, queue_url: &str) -> SendMessage {
///         SendMessage { task: Task::service(name, "sqs:sendMessage"), queue_url: queue_url.to_owned() }
///     }
///     task_methods!(task, "let task = SendMessage::new(\"Send\", \"https://sqs.eu-west-1.amazonaws.com/111111111111/jobs\");");
/// }
///
/// impl From<SendMessage> for Chain {
///     fn from(s: SendMessage) -> Chain {
///         s.task.parameter("QueueUrl", s.queue_url).parameter("MessageBody.$", "$").into()
///     }
/// }
///
/// let flow = SendMessage::new("Send", "https://sqs.eu-west-1.amazonaws.com/111111111111/jobs")
///     .input_path("$.order")
///     .timeout(rcdk_core::Duration::seconds(10));
/// let chain = Chain::from(flow);
/// ```
#[macro_export]
macro_rules! task_methods {
    ($task:ident, $example:literal) => {
        /// `Comment`.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.comment("why this task runs");
        /// ```
        pub fn comment(mut self, comment: &str) -> Self {
            self.$task = self.$task.comment(comment);
            self
        }

        /// Sets a workflow variable once the task has run (`Assign`): a
        /// literal value, or, when `name` ends in `.$`, a path over the
        /// task's result. Later states read it as `$name`.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.assign("done", true);
        /// ```
        pub fn assign(mut self, name: &str, value: impl Into<$crate::__private::Value>) -> Self {
            self.$task = self.$task.assign(name, value);
            self
        }

        /// `InputPath`: the part of the state's input the task sees.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.input_path("$.order");
        /// ```
        pub fn input_path(mut self, path: &str) -> Self {
            self.$task = self.$task.input_path(path);
            self
        }

        /// Extra `Parameters` beside the ones this integration writes
        /// (replacing extras set before); a key it writes itself is an
        /// error, so set that through its own method.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.parameters(rcdk_core::Value::object([("Extra.$", "$.extra".into())]));
        /// ```
        pub fn parameters(mut self, parameters: impl Into<$crate::__private::Value>) -> Self {
            self.$task = self.$task.parameters(parameters);
            self
        }

        /// `ResultSelector`: what to keep of the task's result.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.result_selector(rcdk_core::Value::object([("Kept.$", "$".into())]));
        /// ```
        pub fn result_selector(mut self, selector: impl Into<$crate::__private::Value>) -> Self {
            self.$task = self.$task.result_selector(selector);
            self
        }

        /// `ResultPath`: where the result goes in the input (`None`
        /// discards it: `ResultPath: null`).
        ///
        /// ```
        #[doc = $example]
        /// let task = task.result_path(Some("$.result"));
        /// ```
        pub fn result_path(mut self, path: Option<&str>) -> Self {
            self.$task = self.$task.result_path(path);
            self
        }

        /// `OutputPath`: the part of the state's output passed on.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.output_path("$.result");
        /// ```
        pub fn output_path(mut self, path: &str) -> Self {
            self.$task = self.$task.output_path(path);
            self
        }

        /// `TimeoutSeconds`: how long the task may run before it fails with
        /// `States.Timeout`; whole seconds only.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.timeout(rcdk_core::Duration::seconds(30));
        /// ```
        pub fn timeout(mut self, timeout: $crate::__private::Duration) -> Self {
            self.$task = self.$task.timeout(timeout);
            self
        }

        /// `TimeoutSecondsPath`: the timeout, in seconds, read from the input.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.timeout_path("$.timeout");
        /// ```
        pub fn timeout_path(mut self, path: &str) -> Self {
            self.$task = self.$task.timeout_path(path);
            self
        }

        /// `HeartbeatSeconds`: how long the task may stay silent before it
        /// fails with `States.HeartbeatTimeout`; whole seconds only.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.timeout(rcdk_core::Duration::minutes(10)).heartbeat(rcdk_core::Duration::minutes(1));
        /// ```
        pub fn heartbeat(mut self, heartbeat: $crate::__private::Duration) -> Self {
            self.$task = self.$task.heartbeat(heartbeat);
            self
        }

        /// `HeartbeatSecondsPath`: the heartbeat, in seconds, read from the input.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.heartbeat_path("$.heartbeat");
        /// ```
        pub fn heartbeat_path(mut self, path: &str) -> Self {
            self.$task = self.$task.heartbeat_path(path);
            self
        }

        /// Adds a `Retry` policy (tried in order; the first that matches the
        /// error applies).
        ///
        /// ```
        #[doc = $example]
        /// let task = task.retry(rcdk_orchestration::Retry::on(["States.TaskFailed"]).max_attempts(3));
        /// ```
        pub fn retry(mut self, retry: $crate::Retry) -> Self {
            self.$task = self.$task.retry(retry);
            self
        }

        /// Adds a `Catch`: on these errors, put the error at `result_path`
        /// (or replace the input when `None`) and continue with `handler`.
        ///
        /// ```
        #[doc = $example]
        /// let task = task.catch(["States.ALL"], Some("$.error"), rcdk_orchestration::Fail::new("Failed"));
        /// ```
        pub fn catch<S: Into<String>>(
            mut self,
            errors: impl IntoIterator<Item = S>,
            result_path: Option<&str>,
            handler: impl Into<$crate::Chain>,
        ) -> Self {
            self.$task = self.$task.catch(errors, result_path, handler);
            self
        }

        /// Continues with `then`.
        ///
        /// ```
        #[doc = $example]
        /// let flow = task.next(rcdk_orchestration::Succeed::new("Done"));
        /// ```
        pub fn next(self, then: impl Into<$crate::Chain>) -> $crate::Chain {
            $crate::Chain::from(self).next(then)
        }
    };
}
