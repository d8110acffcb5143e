//! Typed Step Functions service integrations for rcdk, as AWS CDK's
//! `aws-stepfunctions-tasks`: [`CallHttpApi`], [`SnsPublish`],
//! [`SqsSendMessage`], the DynamoDB item calls ([`DynamoGetItem`],
//! [`DynamoPutItem`], [`DynamoUpdateItem`], [`DynamoDeleteItem`],
//! [`DynamoQuery`]), [`EventBridgePutEvents`],
//! [`StepFunctionsStartExecution`], Lambda functions ([`LambdaInvoke`]),
//! any AWS SDK call ([`AwsSdkCall`]), the
//! HTTP Task calling any HTTPS API ([`HttpInvoke`]) and Fargate tasks
//! ([`EcsRunTask`]).
//!
//! Each wraps a [`Task`] of `rcdk-orchestration`
//! and has every field a task has (`input_path`, `parameters`,
//! `result_selector`, `result_path`, `output_path`, `retry`, `catch`,
//! `timeout`, `heartbeat`, `comment`), from one macro
//! ([`rcdk_orchestration::task_methods!`]); each carries the permissions
//! it needs, scoped to what it calls, and the state machine's role gets
//! exactly those.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_messaging::{Topic, TopicProps};
//! use rcdk_orchestration::*;
//! use rcdk_orchestration_tasks::SnsPublish;
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let topic = Topic::new(&stack, "Topic", TopicProps::default());
//! let definition = Pass::new("Start").next(
//!     Choice::new("Big?")
//!         .when(Condition::number_greater_than("$.size", 10), SnsPublish::new("Alert", &topic).message("big"))
//!         .otherwise(Succeed::new("Done")),
//! );
//! StateMachine::new(&stack, "Flow", StateMachineProps::new(definition));
//! app.synth().unwrap();
//! ```

#![warn(missing_docs)]

mod aws_sdk;
mod dynamodb;
mod ecs;
mod eventbridge;
mod http;
mod http_invoke;
mod lambda;
mod sns;
mod sqs;
mod stepfunctions;

pub use aws_sdk::AwsSdkCall;
pub use dynamodb::{
    DynamoAttributeValue, DynamoDeleteItem, DynamoGetItem, DynamoPutItem, DynamoQuery, DynamoUpdateItem,
};
pub use ecs::{ContainerOverride, EcsRunTask};
pub use eventbridge::{EventBridgeEntry, EventBridgePutEvents};
pub use http::{AuthType, CallHttpApi};
pub use http_invoke::HttpInvoke;
pub use lambda::{InvocationType, LambdaInvoke, LambdaInvokeOptions, LAMBDA_SERVICE_ERRORS};
pub use sns::SnsPublish;
pub use sqs::SqsSendMessage;
pub use stepfunctions::StepFunctionsStartExecution;

use rcdk_core::Value;
use rcdk_orchestration::Task;

/// Writes an integration's own `Parameters` after the extras the user gave
/// through `parameters()`; an extra that sets one of them is an error (the
/// integration's method is the way to set it), not silently overridden.
pub(crate) fn write_parameters(mut task: Task, integration: &str, parameters: Vec<(&str, Value)>) -> Task {
    for (key, value) in parameters {
        if task.has_parameter(key) {
            let field = key.strip_suffix(".$").unwrap_or(key);
            task = task.add_error(format!(
                "Parameters.{field} is written by {integration}; set it with {integration}'s own methods rather than parameters()"
            ));
        }
        task = task.parameter(key, value);
    }
    task
}

/// The context object's task token, which a `.waitForTaskToken` task must
/// hand to whoever answers it.
pub(crate) const TASK_TOKEN: &str = "$$.Task.Token";

/// Whether `value` reads the task token anywhere (a path or an intrinsic
/// function naming `$$.Task.Token`), as a `.waitForTaskToken` task needs:
/// without it nothing can ever answer the task, which then waits until its
/// timeout (a year by default).
pub(crate) fn reads_task_token(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains(TASK_TOKEN),
        Value::List(items) => items.iter().any(reads_task_token),
        Value::Object(map) => map.values().any(reads_task_token),
        _ => false,
    }
}

/// The error of a `.waitForTaskToken` task whose payload does not carry the
/// token.
pub(crate) fn missing_token_error(integration: &str, field: &str) -> String {
    format!(
        "{integration} waits for a task token, but {TASK_TOKEN} appears nowhere in {field}, so nothing can answer the task; put it in {field} (for example a \"TaskToken.$\": \"{TASK_TOKEN}\" field)"
    )
}

/// How a task waits for the service it calls, as the AWS CDK's
/// `IntegrationPattern`: the suffix of the integration's resource ARN.
/// Chosen when the task is made (`with_pattern`), since it is the task's
/// resource.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IntegrationPattern {
    /// Goes on once the service answered the call (no suffix).
    #[default]
    RequestResponse,
    /// Waits until the job the call started ends (`.sync`; `.sync:2` for
    /// Step Functions executions, whose output is then JSON).
    RunJob,
    /// Waits until someone answers with the task token
    /// (`.waitForTaskToken`); the call must carry `$$.Task.Token`.
    WaitForTaskToken,
}

impl IntegrationPattern {
    /// The integration with this pattern's suffix.
    ///
    /// ```
    /// use rcdk_orchestration_tasks::IntegrationPattern;
    /// assert_eq!(IntegrationPattern::WaitForTaskToken.resource("sqs:sendMessage"), "sqs:sendMessage.waitForTaskToken");
    /// assert_eq!(IntegrationPattern::RunJob.resource("ecs:runTask"), "ecs:runTask.sync");
    /// ```
    pub fn resource(self, integration: &str) -> String {
        match self {
            IntegrationPattern::RequestResponse => integration.to_owned(),
            IntegrationPattern::RunJob => format!("{integration}.sync"),
            IntegrationPattern::WaitForTaskToken => format!("{integration}.waitForTaskToken"),
        }
    }
}

/// The error of an integration that has no job to wait for.
pub(crate) fn no_run_job(integration: &str) -> String {
    format!(
        "{integration} starts no job to wait for, so it has no .sync (IntegrationPattern::RunJob); use RequestResponse or WaitForTaskToken"
    )
}
