//! What can go wrong talking to CloudFormation, each in one clear sentence.

use std::fmt;

/// A deploy, diff or destroy that could not be done. The fields are what
/// `Display` puts in its one sentence: the stack, its status, the reason
/// AWS gave, and what to do.
#[allow(missing_docs)]
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeployError {
    /// No credentials were found.
    NoCredentials,
    /// No region was configured.
    NoRegion,
    /// The endpoint could not be reached.
    Unreachable { endpoint: String, detail: String },
    /// A stack name that is not in the app.
    UnknownStack { name: String, known: Vec<String> },
    /// Several stacks and none chosen.
    NoStackChosen { known: Vec<String> },
    /// A `--parameters` entry that is not `KEY=VALUE` or names no parameter.
    BadParameter { text: String, reason: String },
    /// A template over the 51,200 bytes CloudFormation accepts inline.
    TemplateTooLarge { stack: String, bytes: usize },
    /// A stack in a state that blocks the operation.
    StackBusy {
        stack: String,
        status: String,
        advice: String,
    },
    /// The change set could not be created.
    ChangeSetFailed { stack: String, reason: String },
    /// The stack operation failed; the failed resources and their reasons.
    OperationFailed {
        stack: String,
        status: String,
        failures: Vec<String>,
    },
    /// The user declined.
    Declined,
    /// Any other error from the API.
    Api { operation: String, message: String },
}

impl fmt::Display for DeployError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DeployError::*;
        match self {
            NoCredentials => write!(f, "no AWS credentials found: set AWS_PROFILE (or pass --profile), run `aws sso login`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
            NoRegion => write!(f, "no AWS region configured: pass --region or set AWS_REGION"),
            Unreachable { endpoint, detail } => write!(f, "cannot reach CloudFormation at {endpoint}: {detail}"),
            UnknownStack { name, known } => write!(f, "no stack named {name:?} in the app; stacks: {}", known.join(", ")),
            NoStackChosen { known } => write!(f, "the app has {} stacks ({}); choose with --stack NAME or --all", known.len(), known.join(", ")),
            BadParameter { text, reason } => write!(f, "--parameters {text:?}: {reason}"),
            TemplateTooLarge { stack, bytes } => write!(f, "stack {stack}: the template is {bytes} bytes, over the 51,200 bytes CloudFormation accepts inline, and rcdk has no bucket to upload it to; split the stack so each template fits inline"),
            StackBusy { stack, status, advice } => write!(f, "stack {stack} is {status}: {advice}"),
            ChangeSetFailed { stack, reason } => write!(f, "stack {stack}: the change set failed: {reason}"),
            OperationFailed { stack, status, failures } => {
                write!(f, "stack {stack} ended {status}")?;
                for fl in failures {
                    write!(f, "\n  {fl}")?;
                }
                Ok(())
            }
            Declined => write!(f, "deployment declined; nothing was changed"),
            Api { operation, message } => write!(f, "{operation} failed: {message}"),
        }
    }
}

impl std::error::Error for DeployError {}

/// Classifies an SDK error into a clear sentence.
pub(crate) fn classify<
    E: std::error::Error + aws_sdk_cloudformation::error::ProvideErrorMetadata + 'static,
    R: fmt::Debug,
>(
    operation: &str,
    endpoint: &str,
    err: aws_sdk_cloudformation::error::SdkError<E, R>,
) -> DeployError {
    use aws_sdk_cloudformation::error::SdkError;
    let chain = {
        let mut s = String::new();
        let mut cur: Option<&dyn std::error::Error> = Some(&err);
        while let Some(e) = cur {
            s.push_str(&e.to_string());
            s.push_str(": ");
            cur = e.source();
        }
        s
    };
    let lower = chain.to_lowercase();
    if lower.contains("credential") {
        return DeployError::NoCredentials;
    }
    match &err {
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => DeployError::Unreachable {
            endpoint: endpoint.to_owned(),
            detail: chain.trim_end_matches(": ").to_owned(),
        },
        SdkError::ServiceError(se) => {
            let msg = aws_sdk_cloudformation::error::ProvideErrorMetadata::message(se.err())
                .unwrap_or("")
                .to_owned();
            DeployError::Api {
                operation: operation.to_owned(),
                message: if msg.is_empty() { chain } else { msg },
            }
        }
        _ => DeployError::Api {
            operation: operation.to_owned(),
            message: chain.trim_end_matches(": ").to_owned(),
        },
    }
}
