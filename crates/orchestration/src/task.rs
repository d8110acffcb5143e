//! Task states: the generic one and the typed service integrations.

use rcdk_api::{HttpApi, Method};
use rcdk_core::{cfn_format, Aws, Expr, Value};
use rcdk_iam::PolicyStatement;
use rcdk_messaging::ITopic;

use crate::chain::{catchers, error_methods, io_methods, Chain, Io, Kind, Retry, StateDef};

/// A `Task` state calling any resource, with the permissions it needs given
/// explicitly. The typed integrations ([`CallHttpApi`], [`SnsPublish`]) build one.
#[derive(Clone, Debug)]
pub struct Task {
    name: String,
    io: Io,
    resource: Expr<String>,
    grants: Vec<PolicyStatement>,
    timeout_seconds: Option<u32>,
    heartbeat_seconds: Option<u32>,
    retry: Vec<Retry>,
    catch: Vec<(Vec<String>, Option<String>, Chain)>,
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
            timeout_seconds: None,
            heartbeat_seconds: None,
            retry: Vec::new(),
            catch: Vec::new(),
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
    /// `Parameters`.
    pub fn parameters(mut self, parameters: impl Into<Value>) -> Task {
        self.io.parameters = Some(parameters.into());
        self
    }
    /// `ResultSelector`.
    pub fn result_selector(mut self, selector: impl Into<Value>) -> Task {
        self.io.result_selector = Some(selector.into());
        self
    }
    /// A permission the state machine's role needs for this task.
    pub fn grant(mut self, statement: PolicyStatement) -> Task {
        self.grants.push(statement);
        self
    }
    /// `TimeoutSeconds`.
    pub fn timeout_seconds(mut self, s: u32) -> Task {
        self.timeout_seconds = Some(s);
        self
    }
    /// `HeartbeatSeconds`.
    pub fn heartbeat_seconds(mut self, s: u32) -> Task {
        self.heartbeat_seconds = Some(s);
        self
    }
    io_methods!();
    error_methods!();
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
        if let Some(s) = t.timeout_seconds {
            fields.push(("TimeoutSeconds".into(), s.into()));
        }
        if let Some(s) = t.heartbeat_seconds {
            fields.push(("HeartbeatSeconds".into(), s.into()));
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
        for (_, _, handler) in t.catch {
            chain.absorb(handler);
        }
        chain
    }
}

/// How `apigateway:invoke` signs its request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthType {
    /// No signature.
    NoAuth,
    /// Signed with the state machine's role (for `AWS_IAM` routes).
    IamRole,
    /// Signed with the caller's resource policy identity.
    ResourcePolicy,
}

/// A Task calling an API Gateway HTTP API (`arn:${AWS::Partition}:states:::apigateway:invoke`).
/// With [`AuthType::IamRole`] the role gets `execute-api:Invoke` on exactly
/// the method and path called, on any stage.
///
/// The result has `StatusCode`, `StatusText`, `Headers` and `ResponseBody`; a
/// non-2xx response fails the task with `ApiGateway.<status>`.
#[derive(Clone, Debug)]
pub struct CallHttpApi {
    name: String,
    io: Io,
    host: Expr<String>,
    invoke_arn: (HttpApi, Method),
    method: Method,
    path: Option<String>,
    stage: Option<String>,
    auth: AuthType,
    headers: Vec<(String, Vec<String>)>,
    query: Vec<(String, Vec<String>)>,
    body: Option<Value>,
    retry: Vec<Retry>,
    catch: Vec<(Vec<String>, Option<String>, Chain)>,
}

impl CallHttpApi {
    /// Calls `method` on `api`.
    pub fn new(name: &str, api: &HttpApi, method: Method) -> CallHttpApi {
        CallHttpApi {
            name: name.to_owned(),
            io: Io::default(),
            host: api.api_host(),
            invoke_arn: (api.clone(), method),
            method,
            path: None,
            stage: None,
            auth: AuthType::NoAuth,
            headers: Vec::new(),
            query: Vec::new(),
            body: None,
            retry: Vec::new(),
            catch: Vec::new(),
        }
    }
    /// `AuthType`.
    pub fn auth(mut self, auth: AuthType) -> Self {
        self.auth = auth;
        self
    }
    /// `Path` (the grant is then for this path only).
    pub fn path(mut self, path: &str) -> Self {
        self.path = Some(path.to_owned());
        self
    }
    /// `Stage` (omit for the `$default` stage).
    pub fn stage(mut self, stage: &str) -> Self {
        self.stage = Some(stage.to_owned());
        self
    }
    /// Adds a header.
    pub fn header(mut self, name: &str, values: &[&str]) -> Self {
        self.headers
            .push((name.to_owned(), values.iter().map(|v| v.to_string()).collect()));
        self
    }
    /// Adds a query parameter.
    pub fn query(mut self, name: &str, values: &[&str]) -> Self {
        self.query
            .push((name.to_owned(), values.iter().map(|v| v.to_string()).collect()));
        self
    }
    /// `RequestBody`.
    pub fn body(mut self, body: impl Into<Value>) -> Self {
        self.body = Some(body.into());
        self
    }
    io_methods!();
    error_methods!();
}

impl From<CallHttpApi> for Chain {
    fn from(c: CallHttpApi) -> Chain {
        let mut p: Vec<(&str, Value)> = vec![("ApiEndpoint", c.host.into()), ("Method", c.method.as_str().into())];
        if let Some(path) = &c.path {
            p.push(("Path", path.as_str().into()));
        }
        if let Some(stage) = &c.stage {
            p.push(("Stage", stage.as_str().into()));
        }
        p.push((
            "AuthType",
            match c.auth {
                AuthType::NoAuth => "NO_AUTH",
                AuthType::IamRole => "IAM_ROLE",
                AuthType::ResourcePolicy => "RESOURCE_POLICY",
            }
            .into(),
        ));
        let multi = |kv: &[(String, Vec<String>)]| {
            Value::object(
                kv.iter()
                    .map(|(k, vs)| (k.as_str(), Value::list(vs.iter().map(|v| v.as_str().into())))),
            )
        };
        if !c.headers.is_empty() {
            p.push(("Headers", multi(&c.headers)));
        }
        if !c.query.is_empty() {
            p.push(("QueryParameters", multi(&c.query)));
        }
        if let Some(b) = c.body {
            p.push(("RequestBody", b));
        }
        let mut task = Task::service(&c.name, "apigateway:invoke").parameters(Value::object(p));
        task.io = Io {
            parameters: task.io.parameters.take(),
            ..c.io
        };
        if c.auth == AuthType::IamRole {
            let (api, method) = &c.invoke_arn;
            let arn = api.arn_for_execute_api(*method, c.path.as_deref(), c.stage.as_deref());
            task = task.grant(PolicyStatement::allow(["execute-api:Invoke"], [arn]));
        }
        task.retry = c.retry;
        task.catch = c.catch;
        task.into()
    }
}

/// A Task publishing to an SNS topic (`arn:${AWS::Partition}:states:::sns:publish`); the
/// role may publish to that topic only.
#[derive(Clone, Debug)]
pub struct SnsPublish {
    name: String,
    io: Io,
    topic_arn: Expr<String>,
    statements: Vec<PolicyStatement>,
    message: Value,
    message_path: bool,
    subject: Option<String>,
    retry: Vec<Retry>,
    catch: Vec<(Vec<String>, Option<String>, Chain)>,
}

impl SnsPublish {
    /// Publishes the state's input to `topic`, unless a message is set.
    pub fn new(name: &str, topic: &dyn ITopic) -> SnsPublish {
        SnsPublish {
            name: name.to_owned(),
            io: Io::default(),
            topic_arn: topic.topic_arn(),
            statements: topic.publish_statements(),
            message: Value::from("$"),
            message_path: true,
            subject: None,
            retry: Vec::new(),
            catch: Vec::new(),
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
    io_methods!();
    error_methods!();
}

impl From<SnsPublish> for Chain {
    fn from(s: SnsPublish) -> Chain {
        let mut p: Vec<(&str, Value)> = Vec::new();
        p.push((if s.message_path { "Message.$" } else { "Message" }, s.message));
        if let Some(subject) = &s.subject {
            p.push(("Subject", subject.as_str().into()));
        }
        p.push(("TopicArn", s.topic_arn.into()));
        let mut task = Task::service(&s.name, "sns:publish").parameters(Value::object(p));
        task.io = Io {
            parameters: task.io.parameters.take(),
            ..s.io
        };
        for st in s.statements {
            task = task.grant(st);
        }
        task.retry = s.retry;
        task.catch = s.catch;
        task.into()
    }
}
