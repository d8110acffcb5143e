//! Invoking Lambda functions.

use rcdk_core::{Expr, Value};
use rcdk_iam::PolicyStatement;
use rcdk_lambda::{IFunction, INVOKE_FUNCTION};
use rcdk_orchestration::{task_methods, Chain, Retry, Task};

use crate::IntegrationPattern;

/// The errors of the Lambda service itself (not of the function) that the
/// AWS CDK's `LambdaInvoke` retries by default (`retryOnServiceExceptions`),
/// as the Step Functions guide recommends for Lambda tasks.
///
/// ```
/// assert!(rcdk_orchestration_tasks::LAMBDA_SERVICE_ERRORS.contains(&"Lambda.ServiceException"));
/// ```
pub const LAMBDA_SERVICE_ERRORS: [&str; 4] = [
    "Lambda.ClientExecutionTimeoutException",
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
];

/// How the function is invoked (`InvocationType`).
///
/// ```
/// assert_eq!(rcdk_orchestration_tasks::InvocationType::default(), rcdk_orchestration_tasks::InvocationType::RequestResponse);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InvocationType {
    /// Waits for the function's result (Lambda's default).
    #[default]
    RequestResponse,
    /// Queues the event and goes on at once (status 202); with
    /// [`IntegrationPattern::WaitForTaskToken`] the function answers later
    /// with the task token.
    Event,
    /// Checks the caller may invoke, without running the function (status 204).
    DryRun,
}

impl InvocationType {
    fn name(self) -> &'static str {
        match self {
            InvocationType::RequestResponse => "RequestResponse",
            InvocationType::Event => "Event",
            InvocationType::DryRun => "DryRun",
        }
    }
}

/// The options of [`LambdaInvoke::with_options`], fixed when the task is
/// made since they decide the task's resource and its first retrier.
///
/// ```
/// let options = rcdk_orchestration_tasks::LambdaInvokeOptions::default();
/// assert!(options.retry_on_service_exceptions && !options.payload_response_only);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LambdaInvokeOptions {
    /// How the task waits; default [`IntegrationPattern::RequestResponse`].
    pub pattern: IntegrationPattern,
    /// Call the function directly (the function's ARN as the resource) and
    /// take its payload as the result, without Lambda's envelope
    /// (`StatusCode`, `ExecutedVersion`, ...). Default false.
    pub payload_response_only: bool,
    /// Retry the Lambda service's own errors ([`LAMBDA_SERVICE_ERRORS`]:
    /// every 2 s, backing off ×2, 6 attempts) before any retrier of yours,
    /// as the AWS CDK does. Default true.
    pub retry_on_service_exceptions: bool,
}

impl Default for LambdaInvokeOptions {
    fn default() -> Self {
        LambdaInvokeOptions {
            pattern: IntegrationPattern::RequestResponse,
            payload_response_only: false,
            retry_on_service_exceptions: true,
        }
    }
}

#[derive(Clone, Debug)]
enum Payload {
    Given(Value),
    Path(String),
}

/// A Task invoking a Lambda function
/// (`arn:${AWS::Partition}:states:::lambda:invoke`): `FunctionName` is the
/// function's ARN, `Payload` the state's input unless set. The role may
/// invoke that function only (`lambda:InvokeFunction` on its ARN and
/// `ARN:*`, its versions and aliases), as the AWS CDK's `LambdaInvoke`
/// grants. The Lambda service's transient errors are retried first, as the
/// CDK does ([`LambdaInvokeOptions::retry_on_service_exceptions`]).
///
/// The result is Lambda's answer: the function's result under `Payload`,
/// with `StatusCode`, `ExecutedVersion` and the SDK's metadata; use
/// `result_selector` or [`LambdaInvoke::payload_response_only`] for the
/// payload alone. A function that fails fails the task with the
/// function's error type as the error name (`Lambda.Unknown` when it has
/// none), which `retry` and `catch` match.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::LambdaInvoke;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let f = Function::new(&stack, "Price", FunctionProps::new(Runtime::Python313, Code::inline("def h(e, c): return 1")).handler("index.h"));
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(LambdaInvoke::new("Price", &f).payload_path("$.order")));
/// let state = &flow.definition_json()["States"]["Price"];
/// assert_eq!(state["Resource"], "arn:aws:states:::lambda:invoke");
/// assert_eq!(state["Parameters"]["Payload.$"], "$.order");
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("lambda:InvokeFunction"));
/// ```
#[derive(Clone, Debug)]
pub struct LambdaInvoke {
    task: Task,
    function_arn: Expr<String>,
    invoke_arns: Vec<Expr<String>>,
    options: LambdaInvokeOptions,
    payload: Option<Payload>,
    invocation_type: Option<InvocationType>,
    qualifier: Option<String>,
}

impl LambdaInvoke {
    /// Invokes `function` with the state's input, and goes on with its answer.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let f = rcdk_lambda::Function::from_function_arn(&stack, "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// let task = rcdk_orchestration_tasks::LambdaInvoke::new("Call", &f);
    /// ```
    pub fn new(name: &str, function: &dyn IFunction) -> LambdaInvoke {
        LambdaInvoke::with_options(name, function, LambdaInvokeOptions::default())
    }

    /// [`new`](Self::new) waiting as `pattern` says:
    /// [`IntegrationPattern::WaitForTaskToken`]
    /// (`lambda:invoke.waitForTaskToken`) until someone answers with the task
    /// token, which the payload must carry (a synth error otherwise). Lambda
    /// has no job to wait for: [`IntegrationPattern::RunJob`] is an error.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps, Value};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps};
    /// use rcdk_orchestration_tasks::{IntegrationPattern, LambdaInvoke};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let f = rcdk_lambda::Function::from_function_arn(&stack, "Approver", "arn:aws:lambda:eu-west-1:111111111111:function:approver");
    /// let ask = LambdaInvoke::with_pattern("Approve", &f, IntegrationPattern::WaitForTaskToken)
    ///     .payload(Value::object([("token.$", "$$.Task.Token".into()), ("order.$", "$.order".into())]));
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(ask));
    /// assert_eq!(flow.definition_json()["States"]["Approve"]["Resource"], "arn:aws:states:::lambda:invoke.waitForTaskToken");
    /// app.synth().unwrap();
    /// ```
    pub fn with_pattern(name: &str, function: &dyn IFunction, pattern: IntegrationPattern) -> LambdaInvoke {
        LambdaInvoke::with_options(
            name,
            function,
            LambdaInvokeOptions {
                pattern,
                ..Default::default()
            },
        )
    }

    /// Invokes `function` directly (its ARN is the task's resource) and goes
    /// on with its payload alone. No invocation type or qualifier then
    /// (errors), as in the AWS CDK.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps};
    /// use rcdk_orchestration_tasks::LambdaInvoke;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let f = rcdk_lambda::Function::from_function_arn(&stack, "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(LambdaInvoke::payload_response_only("Call", &f)));
    /// assert_eq!(flow.definition_json()["States"]["Call"]["Resource"], "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// ```
    pub fn payload_response_only(name: &str, function: &dyn IFunction) -> LambdaInvoke {
        LambdaInvoke::with_options(
            name,
            function,
            LambdaInvokeOptions {
                payload_response_only: true,
                ..Default::default()
            },
        )
    }

    /// A task with every option of [`LambdaInvokeOptions`].
    ///
    /// ```
    /// use rcdk_orchestration_tasks::{LambdaInvoke, LambdaInvokeOptions};
    /// # use rcdk_core::{App, StackProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let f = rcdk_lambda::Function::from_function_arn(&stack, "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// let task = LambdaInvoke::with_options("Call", &f, LambdaInvokeOptions { retry_on_service_exceptions: false, ..Default::default() });
    /// ```
    pub fn with_options(name: &str, function: &dyn IFunction, options: LambdaInvokeOptions) -> LambdaInvoke {
        let mut task = if options.payload_response_only {
            Task::new(name, function.function_arn())
        } else {
            Task::service(name, &options.pattern.resource("lambda:invoke"))
        };
        if options.retry_on_service_exceptions {
            task = task.retry(
                Retry::on(LAMBDA_SERVICE_ERRORS)
                    .interval_seconds(2)
                    .max_attempts(6)
                    .backoff_rate(2.0),
            );
        }
        LambdaInvoke {
            task,
            function_arn: function.function_arn(),
            invoke_arns: function.invoke_arns(),
            options,
            payload: None,
            invocation_type: None,
            qualifier: None,
        }
    }

    /// A fixed `Payload`: any JSON value (an object's keys ending in `.$`
    /// read the input, so a payload can carry `"token.$": "$$.Task.Token"`).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps, Value};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let f = rcdk_lambda::Function::from_function_arn(&stack, "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// let task = rcdk_orchestration_tasks::LambdaInvoke::new("Call", &f)
    ///     .payload(Value::object([("id.$", "$.id".into()), ("mode", "full".into())]));
    /// ```
    pub fn payload(mut self, payload: impl Into<Value>) -> Self {
        self.payload = Some(Payload::Given(payload.into()));
        self
    }

    /// `Payload.$`: the payload, read from the state's input at `path` (a
    /// JSONPath, or an intrinsic function).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let f = rcdk_lambda::Function::from_function_arn(&stack, "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// let task = rcdk_orchestration_tasks::LambdaInvoke::new("Call", &f).payload_path("$.order");
    /// ```
    pub fn payload_path(mut self, path: &str) -> Self {
        self.payload = Some(Payload::Path(path.to_owned()));
        self
    }

    /// `InvocationType`.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// use rcdk_orchestration_tasks::{InvocationType, LambdaInvoke};
    /// let f = rcdk_lambda::Function::from_function_arn(&stack, "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// let task = LambdaInvoke::new("Notify", &f).invocation_type(InvocationType::Event);
    /// ```
    pub fn invocation_type(mut self, invocation_type: InvocationType) -> Self {
        self.invocation_type = Some(invocation_type);
        self
    }

    /// `Qualifier`: a version or alias of the function to invoke (covered by
    /// the grant's `ARN:*`).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let f = rcdk_lambda::Function::from_function_arn(&stack, "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// let task = rcdk_orchestration_tasks::LambdaInvoke::new("Call", &f).qualifier("live");
    /// ```
    pub fn qualifier(mut self, qualifier: &str) -> Self {
        self.qualifier = Some(qualifier.to_owned());
        self
    }

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let f = rcdk_lambda::Function::from_function_arn(&stack, "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
let task = rcdk_orchestration_tasks::LambdaInvoke::new("Call", &f);"#
    );
}

impl From<LambdaInvoke> for Chain {
    fn from(s: LambdaInvoke) -> Chain {
        let mut errors = Vec::new();
        let mut p: Vec<(&str, Value)> = Vec::new();
        if s.options.payload_response_only {
            if s.invocation_type.is_some() || s.qualifier.is_some() {
                errors.push(
                    "LambdaInvoke::payload_response_only calls the function directly, which takes no invocation type or qualifier; use LambdaInvoke::new, or drop invocation_type() and qualifier()"
                        .to_owned(),
                );
            }
            match &s.payload {
                // Without Parameters the function gets the state's input.
                None => {}
                Some(Payload::Given(Value::Object(fields))) => {
                    for (k, v) in fields {
                        p.push((k.as_str(), v.clone()));
                    }
                }
                Some(Payload::Given(_)) => errors.push(
                    "LambdaInvoke::payload_response_only passes its payload as the task's Parameters, which must be an object; give an object, or use LambdaInvoke::new"
                        .to_owned(),
                ),
                Some(Payload::Path(path)) => errors.push(format!(
                    "LambdaInvoke::payload_response_only takes no payload path; select {path} with input_path(\"{path}\") instead"
                )),
            }
        } else {
            p.push(("FunctionName", s.function_arn.clone().into()));
            let payload = match &s.payload {
                None => ("Payload.$", Value::from("$")),
                Some(Payload::Path(path)) => ("Payload.$", Value::from(path.as_str())),
                Some(Payload::Given(v)) => ("Payload", v.clone()),
            };
            match s.options.pattern {
                IntegrationPattern::WaitForTaskToken if !crate::reads_task_token(&payload.1) => {
                    errors.push(crate::missing_token_error("LambdaInvoke", "the payload"))
                }
                IntegrationPattern::RunJob => errors.push(crate::no_run_job("LambdaInvoke")),
                _ => {}
            }
            p.push(payload);
            if let Some(t) = s.invocation_type {
                p.push(("InvocationType", t.name().into()));
            }
            if let Some(q) = &s.qualifier {
                p.push(("Qualifier", q.as_str().into()));
            }
        }
        let mut task = crate::write_parameters(s.task, "LambdaInvoke", p);
        task = task.grant(PolicyStatement::allow([INVOKE_FUNCTION], s.invoke_arns));
        for e in errors {
            task = task.add_error(e);
        }
        task.into()
    }
}
