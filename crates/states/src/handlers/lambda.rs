//! `arn:aws:states:::lambda:invoke`: Rust functions standing in for Lambda
//! functions, so a function's logic runs in a local execution.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value as Json};

use super::{TaskCall, TaskHandler, TaskOutcome};

/// An error a function returns: Step Functions raises its `error_type` as
/// the task's error name (`Lambda.Unknown` when it has none, as for a
/// function that crashed or timed out), with Lambda's error document
/// (`errorMessage`, `errorType`) as the cause.
///
/// ```
/// use rcdk_states::FunctionError;
/// let e = FunctionError::new("OutOfStock", "sku 42 is sold out");
/// assert_eq!(e.error_type.as_deref(), Some("OutOfStock"));
/// assert!(FunctionError::unhandled("segfault").error_type.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionError {
    /// The error's type (`errorType`), the task's error name.
    pub error_type: Option<String>,
    /// The message (`errorMessage`).
    pub message: String,
}

impl FunctionError {
    /// An error of type `error_type` (what a handler's exception or error
    /// type is named in Lambda's answer).
    ///
    /// ```
    /// let e = rcdk_states::FunctionError::new("OutOfStock", "sold out");
    /// assert_eq!(e.message, "sold out");
    /// ```
    pub fn new(error_type: &str, message: &str) -> FunctionError {
        FunctionError {
            error_type: Some(error_type.to_owned()),
            message: message.to_owned(),
        }
    }

    /// A failure without an error type (the runtime crashed, the function
    /// ran out of time or memory): the task fails with `Lambda.Unknown`.
    ///
    /// ```
    /// let e = rcdk_states::FunctionError::unhandled("Task timed out after 3.00 seconds");
    /// assert!(e.error_type.is_none());
    /// ```
    pub fn unhandled(message: &str) -> FunctionError {
        FunctionError {
            error_type: None,
            message: message.to_owned(),
        }
    }
}

/// One invocation a [`LambdaInvoke`] handled.
///
/// ```
/// use rcdk_states::{LambdaInvoke, Machine, Runner};
/// use serde_json::json;
/// let m = Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///     "Parameters": {"FunctionName": "echo", "Payload": {"x": 1}}, "End": true}}}"#).unwrap();
/// let lambda = LambdaInvoke::new().function("echo", |e| Ok(e.clone()));
/// lambda.clone().install(Runner::new()).run(&m, json!({}));
/// assert_eq!(lambda.invocations()[0].payload, json!({"x": 1}));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct LambdaInvocation {
    /// The state that invoked.
    pub state: String,
    /// The function as the definition named it (`FunctionName`, or the
    /// resource ARN of a direct call).
    pub function: String,
    /// The event the function received.
    pub payload: Json,
    /// `InvocationType` (`RequestResponse` unless given).
    pub invocation_type: String,
}

type LambdaFn = Arc<dyn Fn(&Json) -> Result<Json, FunctionError> + Send + Sync>;

/// Runs Lambda tasks with Rust functions registered per function, so a
/// Rust Lambda function's logic (the body of its handler) runs inside a
/// local execution:
///
/// - through the integration `arn:aws:states:::lambda:invoke` (also
///   `.waitForTaskToken`), with the answer Step Functions gives:
///   `{"ExecutedVersion", "Payload", "SdkHttpMetadata",
///   "SdkResponseMetadata", "StatusCode": 200}`. `InvocationType` `Event`
///   runs the function and answers 202 with an empty payload; `DryRun`
///   runs nothing and answers 204. Under `.waitForTaskToken` the function's
///   result stands for what it would send back with `SendTaskSuccess` (and
///   its error for `SendTaskFailure`), so the task's result is the bare
///   result.
/// - called directly (a function ARN as the task's resource, the CDK's
///   `payloadResponseOnly`), answering with the bare result.
///
/// A function is found by `FunctionName` (or the resource) as registered:
/// the same string, or the same function name (the last part of an ARN,
/// without a version or alias), or the same `${Placeholder}`. An unknown
/// function fails the task with `Lambda.ResourceNotFoundException`; a
/// function's error fails it with the error's type (`Lambda.Unknown` when
/// it has none), as on AWS. [`Mocks`](crate::Mocks) still win over it.
///
/// ```
/// use rcdk_states::{FunctionError, LambdaInvoke, Machine, Runner, Status};
/// use serde_json::json;
/// let machine = Machine::from_str(r#"{"StartAt": "Price", "States": {"Price": {
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///     "Parameters": {"FunctionName": "arn:aws:lambda:eu-west-1:111111111111:function:price", "Payload.$": "$"},
///     "OutputPath": "$.Payload", "End": true}}}"#).unwrap();
/// let lambda = LambdaInvoke::new().function("price", |event| match event["qty"].as_u64() {
///     Some(q) => Ok(json!({"total": q * 3})),
///     None => Err(FunctionError::new("BadOrder", "qty is missing")),
/// });
/// let run = lambda.clone().install(Runner::new()).run(&machine, json!({"qty": 2}));
/// assert_eq!(run.output, Some(json!({"total": 6})));
/// let run = lambda.install(Runner::new()).run(&machine, json!({}));
/// assert_eq!(run.status, Status::Failed);
/// assert_eq!(run.error.as_deref(), Some("BadOrder"));
/// ```
#[derive(Clone, Default)]
pub struct LambdaInvoke {
    functions: Vec<(String, LambdaFn)>,
    invocations: Arc<Mutex<Vec<LambdaInvocation>>>,
    count: Arc<AtomicUsize>,
}

impl std::fmt::Debug for LambdaInvoke {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LambdaInvoke")
            .field("functions", &self.functions.iter().map(|(n, _)| n).collect::<Vec<_>>())
            .finish()
    }
}

impl LambdaInvoke {
    /// A handler with no functions.
    ///
    /// ```
    /// let lambda = rcdk_states::LambdaInvoke::new();
    /// assert!(lambda.invocations().is_empty());
    /// ```
    pub fn new() -> LambdaInvoke {
        LambdaInvoke::default()
    }

    /// Registers `handler` for the function `name_or_arn` (a name, an ARN,
    /// or a `${Placeholder}` of a synthesized definition).
    ///
    /// ```
    /// use serde_json::json;
    /// let lambda = rcdk_states::LambdaInvoke::new().function("echo", |event| Ok(event.clone()));
    /// ```
    pub fn function(
        mut self,
        name_or_arn: &str,
        handler: impl Fn(&Json) -> Result<Json, FunctionError> + Send + Sync + 'static,
    ) -> LambdaInvoke {
        self.functions.push((name_or_arn.to_owned(), Arc::new(handler)));
        self
    }

    /// Registers this handler with `runner` for the integration
    /// (`arn:aws:states:::lambda:invoke`) and for every function registered
    /// by ARN or placeholder, which tasks may call directly.
    ///
    /// ```
    /// let runner = rcdk_states::LambdaInvoke::new()
    ///     .function("arn:aws:lambda:eu-west-1:111111111111:function:echo", |e| Ok(e.clone()))
    ///     .install(rcdk_states::Runner::new());
    /// ```
    pub fn install(self, runner: crate::Runner) -> crate::Runner {
        let mut runner = runner.handler(crate::LAMBDA_INVOKE, self.clone());
        for (key, _) in &self.functions {
            if key.starts_with("arn:") || key.starts_with("${") {
                runner = runner.handler(key, self.clone());
            }
        }
        runner
    }

    /// The invocations so far, in order (clones share them).
    ///
    /// ```
    /// assert!(rcdk_states::LambdaInvoke::new().invocations().is_empty());
    /// ```
    pub fn invocations(&self) -> Vec<LambdaInvocation> {
        self.invocations.lock().map(|i| i.clone()).unwrap_or_default()
    }

    fn find(&self, function: &str) -> Option<&LambdaFn> {
        let wanted = function_name(function);
        self.functions
            .iter()
            .find(|(k, _)| k == function)
            .or_else(|| self.functions.iter().find(|(k, _)| function_name(k) == wanted))
            .map(|(_, f)| f)
    }
}

/// The function's name in a name, an ARN (`...:function:NAME[:QUALIFIER]`,
/// or the partial `ACCOUNT:function:NAME`), or a `${Placeholder}`.
fn function_name(s: &str) -> &str {
    if let Some(inner) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
        return inner;
    }
    match s.split_once(":function:") {
        Some((_, rest)) => rest.split(':').next().unwrap_or(rest),
        None => s.split(':').next().unwrap_or(s),
    }
}

/// The qualifier of `function` (`NAME:QUALIFIER` or a qualified ARN), if any.
fn qualifier_of(function: &str) -> Option<&str> {
    match function.split_once(":function:") {
        Some((_, rest)) => rest.split(':').nth(1),
        None if !function.starts_with("arn:") && !function.starts_with("${") => function.split(':').nth(1),
        None => None,
    }
}

impl TaskHandler for LambdaInvoke {
    fn call(&self, call: &TaskCall) -> TaskOutcome {
        let resource = call.resource;
        let integration = resource.contains(":states:::lambda:invoke");
        let p = call.parameters;
        let (function, payload, invocation_type, qualifier) = if integration {
            let Some(name) = p.get("FunctionName").and_then(Json::as_str) else {
                return TaskOutcome::err(
                    "Lambda.InvalidParameterValueException",
                    "FunctionName is required; name the function in Parameters",
                );
            };
            let qualifier = p.get("Qualifier").and_then(Json::as_str).or_else(|| qualifier_of(name));
            (
                name,
                p.get("Payload").cloned().unwrap_or_else(|| json!({})),
                p.get("InvocationType")
                    .and_then(Json::as_str)
                    .unwrap_or("RequestResponse"),
                qualifier,
            )
        } else {
            (resource, p.clone(), "RequestResponse", qualifier_of(resource))
        };
        if !["RequestResponse", "Event", "DryRun"].contains(&invocation_type) {
            return TaskOutcome::err(
                "Lambda.InvalidParameterValueException",
                &format!("InvocationType {invocation_type:?} is not RequestResponse, Event or DryRun"),
            );
        }
        let Some(handler) = self.find(function) else {
            let known: Vec<&str> = self.functions.iter().map(|(k, _)| k.as_str()).collect();
            return TaskOutcome::err(
                "Lambda.ResourceNotFoundException",
                &format!(
                    "Function not found: {function} (state {:?}); register it with LambdaInvoke::function (registered: {})",
                    call.state,
                    if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                ),
            );
        };
        let n = self.count.fetch_add(1, Ordering::Relaxed) + 1;
        let request_id = format!("00000000-0000-4000-8000-{n:012}");
        let version = qualifier
            .filter(|q| q.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or("$LATEST");
        let answer = |status: u16, payload: Json| {
            json!({
                "ExecutedVersion": version,
                "Payload": payload,
                "SdkHttpMetadata": {
                    "HttpHeaders": {
                        "Content-Type": "application/json",
                        "X-Amz-Executed-Version": version,
                        "x-amzn-RequestId": request_id,
                    },
                    "HttpStatusCode": status,
                },
                "SdkResponseMetadata": {"RequestId": request_id},
                "StatusCode": status,
            })
        };
        if invocation_type == "DryRun" {
            // Lambda checks the call may be made, and runs nothing.
            return TaskOutcome::ok(answer(204, json!("")));
        }
        if let Ok(mut i) = self.invocations.lock() {
            i.push(LambdaInvocation {
                state: call.state.to_owned(),
                function: function.to_owned(),
                payload: payload.clone(),
                invocation_type: invocation_type.to_owned(),
            });
        }
        if invocation_type == "Event" && !resource.ends_with(".waitForTaskToken") {
            // Lambda queues the event and answers at once; the function's
            // own outcome does not reach the task.
            let _ = handler(&payload);
            return TaskOutcome::ok(answer(202, json!("")));
        }
        match handler(&payload) {
            Ok(result) if integration && !resource.ends_with(".waitForTaskToken") => {
                TaskOutcome::ok(answer(200, result))
            }
            Ok(result) => TaskOutcome::ok(result),
            Err(e) => {
                let error = e.error_type.clone().unwrap_or_else(|| "Lambda.Unknown".to_owned());
                let cause = json!({
                    "errorMessage": e.message,
                    "errorType": e.error_type.as_deref().unwrap_or("Unknown"),
                    "trace": [],
                });
                TaskOutcome::err(&error, &cause.to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_in_arns_and_placeholders() {
        assert_eq!(
            function_name("arn:aws:lambda:eu-west-1:111111111111:function:price:live"),
            "price"
        );
        assert_eq!(function_name("111111111111:function:price"), "price");
        assert_eq!(function_name("price:3"), "price");
        assert_eq!(function_name("${FunctionName}"), "FunctionName");
        assert_eq!(
            qualifier_of("arn:aws:lambda:eu-west-1:111111111111:function:price:live"),
            Some("live")
        );
        assert_eq!(qualifier_of("price:3"), Some("3"));
        assert_eq!(
            qualifier_of("arn:aws:lambda:eu-west-1:111111111111:function:price"),
            None
        );
    }
}
