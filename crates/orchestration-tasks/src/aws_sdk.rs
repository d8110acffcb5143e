//! Calling any AWS API through the AWS SDK integration.

use rcdk_core::{Expr, Value};
use rcdk_iam::PolicyStatement;
use rcdk_orchestration::{task_methods, Chain, Task};

use crate::IntegrationPattern;

/// The SDK service names whose IAM prefix is another name (as the AWS
/// CDK's `CallAwsService` maps them); any other service's prefix is its
/// name.
const IAM_PREFIXES: [(&str, &str); 7] = [
    ("bedrockagent", "bedrock"),
    ("cloudwatchlogs", "logs"),
    ("efs", "elasticfilesystem"),
    ("elasticloadbalancingv2", "elasticloadbalancing"),
    ("mediapackagevod", "mediapackage-vod"),
    ("mwaa", "airflow"),
    ("sfn", "states"),
];

/// A Task calling any action of any AWS service through the AWS SDK
/// integration (`arn:${AWS::Partition}:states:::aws-sdk:<service>:<action>`,
/// the action in lowerCamelCase there).
///
/// The permission is the caller's to give: the action `<prefix>:<Action>`
/// (`sfn` is `states`, `cloudwatchlogs` is `logs`, ...; or the actions of
/// [`iam_actions`](Self::iam_actions)) on exactly the resources of
/// [`iam_resources`](Self::iam_resources), which are required: a call
/// without them is a synth error, never a grant on `*` unless `*` is given.
/// Errors are named `<Service>.<Exception>` (`S3.NoSuchKeyException`).
///
/// ```
/// use rcdk_core::{App, StackProps, Value};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::AwsSdkCall;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let get = AwsSdkCall::new("Read", "s3", "GetObject")
///     .parameter("Bucket", "reports")
///     .parameter("Key.$", "$.key")
///     .iam_resources(["arn:aws:s3:::reports/*"]);
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(get));
/// assert_eq!(flow.definition_json()["States"]["Read"]["Resource"], "arn:aws:states:::aws-sdk:s3:getObject");
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("s3:GetObject"));
/// ```
#[derive(Clone, Debug)]
pub struct AwsSdkCall {
    task: Task,
    service: String,
    action: String,
    pattern: IntegrationPattern,
    params: Vec<(String, Value)>,
    iam_resources: Vec<Expr<String>>,
    iam_actions: Option<Vec<String>>,
}

/// `GetObject` -> `getObject`.
fn lower_camel(action: &str) -> String {
    let mut chars = action.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// `getObject` -> `GetObject`.
fn upper_camel(action: &str) -> String {
    let mut chars = action.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

impl AwsSdkCall {
    /// Calls `action` (`GetObject` or `getObject`) of `service` (the SDK's
    /// lowercase service name: `s3`, `dynamodb`, `sfn`, ...).
    pub fn new(name: &str, service: &str, action: &str) -> AwsSdkCall {
        AwsSdkCall::with_pattern(name, service, action, IntegrationPattern::RequestResponse)
    }

    /// [`new`](Self::new), or with [`IntegrationPattern::WaitForTaskToken`]
    /// waiting for the task token, which a parameter must carry (a synth
    /// error otherwise). AWS SDK integrations have no `.sync`:
    /// [`IntegrationPattern::RunJob`] is an error.
    ///
    /// ```
    /// use rcdk_orchestration_tasks::{AwsSdkCall, IntegrationPattern};
    /// let call = AwsSdkCall::with_pattern("Notify", "lambda", "Invoke", IntegrationPattern::WaitForTaskToken)
    ///     .parameter("FunctionName", "approver")
    ///     .parameter("Payload", rcdk_core::Value::object([("token.$", "$$.Task.Token".into())]))
    ///     .iam_resources(["arn:aws:lambda:eu-west-1:111111111111:function:approver"]);
    /// ```
    pub fn with_pattern(name: &str, service: &str, action: &str, pattern: IntegrationPattern) -> AwsSdkCall {
        let integration = format!("aws-sdk:{}:{}", service, lower_camel(action));
        AwsSdkCall {
            task: Task::service(name, &pattern.resource(&integration)),
            service: service.to_owned(),
            action: action.to_owned(),
            pattern,
            params: Vec::new(),
            iam_resources: Vec::new(),
            iam_actions: None,
        }
    }

    /// One parameter of the call, named as the API names it (PascalCase);
    /// `Name.$` reads the value from the input.
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::AwsSdkCall::new("Read", "s3", "GetObject").parameter("Key.$", "$.key");
    /// ```
    pub fn parameter(mut self, name: &str, value: impl Into<Value>) -> Self {
        let field = name.strip_suffix(".$").unwrap_or(name);
        self.params.retain(|(k, _)| k.strip_suffix(".$").unwrap_or(k) != field);
        self.params.push((name.to_owned(), value.into()));
        self
    }

    /// The resources the role may call the action on (required; pass `"*"`
    /// for an action that takes no resource-level permission).
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::AwsSdkCall::new("List", "s3", "ListObjectsV2")
    ///     .parameter("Bucket", "reports")
    ///     .iam_resources(["arn:aws:s3:::reports"]);
    /// ```
    pub fn iam_resources<R: Into<Expr<String>>>(mut self, resources: impl IntoIterator<Item = R>) -> Self {
        self.iam_resources.extend(resources.into_iter().map(Into::into));
        self
    }

    /// The IAM actions to grant instead of the one derived from the service
    /// and action (for an API whose permission has another name, or needs
    /// more than one).
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::AwsSdkCall::new("Copy", "s3", "CopyObject")
    ///     .iam_actions(["s3:GetObject", "s3:PutObject"])
    ///     .iam_resources(["arn:aws:s3:::reports/*"]);
    /// ```
    pub fn iam_actions<A: Into<String>>(mut self, actions: impl IntoIterator<Item = A>) -> Self {
        self.iam_actions = Some(actions.into_iter().map(Into::into).collect());
        self
    }

    task_methods!(
        task,
        r#"let task = rcdk_orchestration_tasks::AwsSdkCall::new("Read", "s3", "GetObject").iam_resources(["arn:aws:s3:::reports/*"]);"#
    );
}

impl From<AwsSdkCall> for Chain {
    fn from(c: AwsSdkCall) -> Chain {
        let mut errors = Vec::new();
        let service_ok = !c.service.is_empty()
            && c.service
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !service_ok {
            errors.push(format!(
                "the AWS SDK service {:?} is not an SDK service name, which is lowercase letters and digits (\"s3\", \"dynamodb\", \"sfn\"); use that name",
                c.service
            ));
        }
        let action_ok = c.action.chars().next().is_some_and(|ch| ch.is_ascii_alphabetic())
            && c.action.chars().all(|ch| ch.is_ascii_alphanumeric());
        if !action_ok {
            errors.push(format!(
                "the action {:?} is not an API action name, which is letters and digits (\"GetObject\"); use the name in the service's API reference",
                c.action
            ));
        }
        for (k, _) in &c.params {
            if !k.starts_with(|ch: char| ch.is_ascii_uppercase()) {
                errors.push(format!(
                    "parameter {k:?}: the AWS SDK integration takes the API's parameter names, which are PascalCase; write {:?}",
                    upper_camel(k)
                ));
            }
        }
        match c.pattern {
            IntegrationPattern::WaitForTaskToken
                if !c.params.iter().any(|(_, v)| crate::reads_task_token(v)) =>
            {
                errors.push(crate::missing_token_error("AwsSdkCall", "the parameters"))
            }
            IntegrationPattern::RunJob => errors.push(
                "AWS SDK integrations have no .sync (IntegrationPattern::RunJob); use RequestResponse and poll, or an optimized integration"
                    .to_owned(),
            ),
            _ => {}
        }
        if c.iam_actions.as_ref().is_some_and(Vec::is_empty) {
            errors.push(
                "iam_actions([]) grants no action, so the call is denied; name the actions, or drop iam_actions() for the derived one"
                    .to_owned(),
            );
        }
        let name = c.task.name().to_owned();
        let mut task = crate::write_parameters(
            c.task,
            "AwsSdkCall",
            c.params.iter().map(|(k, v)| (k.as_str(), v.clone())).collect(),
        );
        if c.iam_resources.is_empty() {
            errors.push(format!(
                "AwsSdkCall {name:?} grants its action on no resource; name them with iam_resources([...]) (\"*\" only for an action with no resource-level permission)"
            ));
        } else {
            let actions = c.iam_actions.clone().unwrap_or_else(|| {
                let prefix = IAM_PREFIXES
                    .iter()
                    .find(|(sdk, _)| *sdk == c.service)
                    .map_or(c.service.as_str(), |(_, iam)| *iam);
                vec![format!("{prefix}:{}", upper_camel(&c.action))]
            });
            task = task.grant(PolicyStatement::allow(actions, c.iam_resources.clone()));
        }
        for e in errors {
            task = task.add_error(e);
        }
        task.into()
    }
}
