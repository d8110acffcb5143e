//! What can go wrong talking to CloudFormation, each in one clear sentence.

use std::fmt;

use aws_sdk_cloudformation::config::http::HttpResponse;
use aws_sdk_cloudformation::error::{ProvideErrorMetadata, SdkError};

use crate::owner::OWNER_TAG;

/// A deploy, diff or destroy that could not be done. The fields are what
/// `Display` puts in its one sentence: the stack, its status, the reason
/// AWS gave, and what to do. No variant holds a parameter value: rcdk never
/// repeats one, and masks `NoEcho` values in what AWS says.
#[allow(missing_docs)]
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeployError {
    /// No credentials were found.
    NoCredentials,
    /// No region was configured.
    NoRegion,
    /// A named profile (`--profile` or `AWS_PROFILE`) that no AWS config file defines.
    NoSuchProfile {
        profile: String,
        /// Where the name came from: `--profile` or `AWS_PROFILE`.
        from: String,
        /// The files that were read.
        files: Vec<String>,
        /// The profiles they define.
        known: Vec<String>,
    },
    /// The endpoint could not be reached.
    Unreachable { endpoint: String, detail: String },
    /// The endpoint answered with something that is not a CloudFormation
    /// response (a proxy's error page, a plain-text 500, ...).
    NotCloudFormation {
        operation: String,
        endpoint: String,
        status: u16,
        /// The start of the body, on one line.
        body: String,
    },
    /// A stack name that is not in the app.
    UnknownStack { name: String, known: Vec<String> },
    /// Several stacks and none chosen.
    NoStackChosen { known: Vec<String> },
    /// A `--parameters` entry that is not `KEY=VALUE` or names no parameter.
    /// `text` is the entry with its value masked (`KEY=****`), never the value.
    BadParameter { text: String, reason: String },
    /// A template over the 1,000,000 bytes CloudFormation accepts from S3.
    TemplateTooLarge { stack: String, bytes: usize },
    /// A stack with assets or a large template, and no bootstrap stack to put them in.
    NotBootstrapped {
        stack: String,
        toolkit: String,
        qualifier: String,
        why: String,
    },
    /// A bootstrap stack older than the stack needs.
    BootstrapTooOld {
        toolkit: String,
        version: u32,
        required: u32,
    },
    /// An asset that could not be built or published.
    Asset { asset: String, message: String },
    /// A stack would stop exporting a value another stack still imports,
    /// and no deploy order fixes it.
    ExportInUse {
        export: String,
        producer: String,
        consumer: String,
        advice: String,
    },
    /// A stack in a state that blocks the operation.
    StackBusy {
        stack: String,
        status: String,
        advice: String,
    },
    /// A stack of the same name exists that this app did not deploy.
    NotOwned {
        stack: String,
        /// The rcdk stack it belongs to, when another rcdk stack deployed it.
        owner: Option<String>,
        /// This app's stack id.
        ours: String,
    },
    /// Change sets that rcdk did not create wait for review on the stack.
    PendingChangeSets {
        stack: String,
        change_sets: Vec<String>,
        /// `aws cloudformation delete-change-set` for the first one.
        remove: String,
    },
    /// The change set could not be created.
    ChangeSetFailed { stack: String, reason: String },
    /// A deploy failed after creating a change set that could not be removed.
    LeftBehind {
        cause: Box<DeployError>,
        stack: String,
        change_set: String,
        /// False when the call that creates it failed, so it may not exist.
        certain: bool,
        /// The commands that remove it (and the empty stack a CREATE change set made).
        remove: Vec<String>,
    },
    /// The stack operation failed; the failed resources and their reasons.
    OperationFailed {
        stack: String,
        status: String,
        failures: Vec<String>,
    },
    /// The user declined a deploy.
    Declined,
    /// The user declined a destroy.
    DestroyDeclined,
    /// Any other error from the API.
    Api { operation: String, message: String },
}

impl fmt::Display for DeployError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DeployError::*;
        match self {
            NoCredentials => write!(f, "no AWS credentials found: set AWS_PROFILE (or pass --profile), run `aws sso login`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
            NoRegion => write!(f, "no AWS region configured: pass --region or set AWS_REGION"),
            NoSuchProfile { profile, from, files, known } => {
                write!(f, "AWS profile {profile:?} (from {from}) is not defined in {}", files.join(" or "))?;
                if known.is_empty() {
                    write!(f, ", which define no profiles")?;
                } else {
                    write!(f, " (profiles: {})", known.join(", "))?;
                }
                write!(f, "; create it with `aws configure --profile {profile}` or `aws configure sso`, or name another")
            }
            Unreachable { endpoint, detail } => write!(f, "cannot reach CloudFormation at {endpoint}: {detail}"),
            NotCloudFormation { operation, endpoint, status, body } => write!(
                f,
                "{operation} failed: {endpoint} answered HTTP {status} with a body that is not a CloudFormation response ({body}); check --endpoint-url, AWS_ENDPOINT_URL and any proxy in between"
            ),
            UnknownStack { name, known } => write!(f, "no stack named {name:?} in the app; stacks: {}", known.join(", ")),
            NoStackChosen { known } => write!(f, "the app has {} stacks ({}); choose with --stack NAME or --all", known.len(), known.join(", ")),
            BadParameter { text, reason } => write!(f, "--parameters {text}: {reason}"),
            TemplateTooLarge { stack, bytes } => write!(f, "stack {stack}: the template is {bytes} bytes, over the 1,000,000 bytes CloudFormation accepts; split the stack (nested stacks or several stacks)"),
            NotBootstrapped { stack, toolkit, qualifier, why } => write!(f, "stack {stack} {why}, so it deploys through the bootstrap stack {toolkit} (qualifier {qualifier}), and there is none in this account and region: run `rcdk bootstrap` (or `cdk bootstrap`) first"),
            BootstrapTooOld { toolkit, version, required } => write!(f, "the bootstrap stack {toolkit} is version {version}; this app needs version {required} or later: run `rcdk bootstrap` to update it"),
            Asset { asset, message } => write!(f, "asset {asset}: {message}"),
            ExportInUse { export, producer, consumer, advice } => write!(f, "stack {producer} stops exporting {export}, which stack {consumer} imports, and CloudFormation refuses to remove an export in use: {advice}"),
            StackBusy { stack, status, advice } => write!(f, "stack {stack} is {status}: {advice}"),
            NotOwned { stack, owner, ours } => not_owned(f, stack, owner.as_deref(), ours),
            PendingChangeSets { stack, change_sets, remove } => write!(
                f,
                "stack {stack} has change set(s) rcdk did not create waiting for review ({}); executing a new one would discard them: execute or remove them first (`{remove}`), or pass --force to deploy anyway",
                change_sets.join(", ")
            ),
            ChangeSetFailed { stack, reason } => write!(f, "stack {stack}: the change set failed: {reason}"),
            LeftBehind { cause, stack, change_set, certain, remove } => {
                let state = if *certain { "was left behind" } else { "may have been created" };
                write!(f, "{cause}\n  the change set {change_set} of stack {stack} {state}; remove it with:")?;
                for r in remove {
                    write!(f, "\n    {r}")?;
                }
                Ok(())
            }
            OperationFailed { stack, status, failures } => {
                write!(f, "stack {stack} ended {status}")?;
                for fl in failures {
                    write!(f, "\n  {fl}")?;
                }
                Ok(())
            }
            // The caller knows which flag skips its question; the app's command line adds it.
            Declined => write!(f, "deployment declined; nothing was changed"),
            DestroyDeclined => write!(f, "deletion declined; nothing was deleted (to delete without asking, pass --force)"),
            Api { operation, message } => write!(f, "{operation} failed: {message}"),
        }
    }
}

fn not_owned(f: &mut fmt::Formatter<'_>, stack: &str, owner: Option<&str>, ours: &str) -> fmt::Result {
    match owner {
        Some(o) => write!(
            f,
            "stack {stack} already exists and belongs to rcdk stack {o:?} (tag {OWNER_TAG}={o}), not to this app's {ours:?}"
        )?,
        None => write!(
            f,
            "stack {stack} already exists and was not deployed by this app: it has no {OWNER_TAG} tag, which rcdk puts on every stack it deploys"
        )?,
    }
    write!(f, "; deploying would replace its template and delete whatever this app does not define. Give this app's stack another name, or, if the stack is yours (deployed by the AWS CDK or an earlier rcdk), check `diff` and deploy once with --force")
}

impl std::error::Error for DeployError {}

impl DeployError {
    /// The same error with `mask` applied to every text AWS supplied (the
    /// place parameter values could appear).
    pub(crate) fn masked(self, mask: &dyn Fn(&str) -> String) -> DeployError {
        use DeployError::*;
        match self {
            Unreachable { endpoint, detail } => Unreachable {
                endpoint,
                detail: mask(&detail),
            },
            NotCloudFormation {
                operation,
                endpoint,
                status,
                body,
            } => NotCloudFormation {
                operation,
                endpoint,
                status,
                body: mask(&body),
            },
            ChangeSetFailed { stack, reason } => ChangeSetFailed {
                stack,
                reason: mask(&reason),
            },
            StackBusy { stack, status, advice } => StackBusy {
                stack,
                status,
                advice: mask(&advice),
            },
            OperationFailed {
                stack,
                status,
                failures,
            } => OperationFailed {
                stack,
                status,
                failures: failures.iter().map(|s| mask(s)).collect(),
            },
            LeftBehind {
                cause,
                stack,
                change_set,
                certain,
                remove,
            } => LeftBehind {
                cause: Box::new(cause.masked(mask)),
                stack,
                change_set,
                certain,
                remove,
            },
            Api { operation, message } => Api {
                operation,
                message: mask(&message),
            },
            other => other,
        }
    }
}

/// The error chain of `err` as one line: `outer: inner: ...`.
fn chain(err: &dyn std::error::Error) -> String {
    let mut s = String::new();
    let mut cur: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = cur {
        if !s.is_empty() {
            s.push_str(": ");
        }
        s.push_str(&e.to_string());
        cur = e.source();
    }
    s
}

/// Classifies an SDK error into a clear sentence.
pub(crate) fn classify<E: std::error::Error + ProvideErrorMetadata + 'static>(
    operation: &str,
    endpoint: &str,
    err: SdkError<E, HttpResponse>,
) -> DeployError {
    let text = chain(&err);
    let api = |message: String| DeployError::Api {
        operation: operation.to_owned(),
        message,
    };
    match &err {
        SdkError::ServiceError(se) if se.err().code().is_some() => {
            let msg = se.err().message().unwrap_or("").to_owned();
            api(if msg.is_empty() { text } else { msg })
        }
        // A body the SDK could not read as a CloudFormation error: what the
        // SDK says ("error parsing XML") hides what the endpoint said.
        SdkError::ServiceError(_) | SdkError::ResponseError(_) => match err.raw_response() {
            Some(raw) => not_cloudformation(operation, endpoint, raw),
            None => api(text),
        },
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) if !text.to_lowercase().contains("credential") => {
            DeployError::Unreachable {
                endpoint: endpoint.to_owned(),
                detail: text,
            }
        }
        // Credentials are resolved before a request is sent, so their
        // failure never carries an HTTP response.
        _ if text.to_lowercase().contains("credential") => DeployError::NoCredentials,
        _ => api(text),
    }
}

fn not_cloudformation(operation: &str, endpoint: &str, raw: &HttpResponse) -> DeployError {
    DeployError::NotCloudFormation {
        operation: operation.to_owned(),
        endpoint: endpoint.to_owned(),
        status: raw.status().as_u16(),
        body: excerpt(raw.body().bytes().unwrap_or_default()),
    }
}

/// The start of a body on one line, for a message: control characters
/// become spaces, runs of space one, at most 160 characters.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let line = words.join(" ");
    if line.is_empty() {
        return "an empty body".into();
    }
    let cut: String = line.chars().take(160).collect();
    if cut.len() < line.len() {
        format!("{cut:?}…")
    } else {
        format!("{cut:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_one_short_line() {
        assert_eq!(excerpt(b""), "an empty body");
        assert_eq!(excerpt(b"Internal\r\n  Server\tError\n"), "\"Internal Server Error\"");
        let long = excerpt("x".repeat(1000).as_bytes());
        assert!(long.ends_with('…') && long.chars().count() < 170, "{long}");
    }

    #[test]
    fn masking_reaches_every_text_aws_supplied() {
        let mask = |s: &str| s.replace("hunter2", "****");
        let e = DeployError::LeftBehind {
            cause: Box::new(DeployError::ChangeSetFailed {
                stack: "S".into(),
                reason: "parameter value hunter2 for parameter name Key does not exist".into(),
            }),
            stack: "S".into(),
            change_set: "rcdk-1".into(),
            certain: true,
            remove: vec!["aws cloudformation delete-change-set --stack-name S --change-set-name rcdk-1".into()],
        };
        let text = e.masked(&mask).to_string();
        assert!(
            !text.contains("hunter2") && text.contains("parameter value ****"),
            "{text}"
        );
        let failed = DeployError::OperationFailed {
            stack: "S".into(),
            status: "ROLLBACK_COMPLETE".into(),
            failures: vec!["CREATE_FAILED AWS::RDS::DBInstance Db: password hunter2 is too short".into()],
        };
        assert!(!failed.masked(&mask).to_string().contains("hunter2"));
    }

    #[test]
    fn a_declined_destroy_is_not_a_declined_deployment() {
        assert_eq!(
            DeployError::Declined.to_string(),
            "deployment declined; nothing was changed"
        );
        let destroy = DeployError::DestroyDeclined.to_string();
        assert!(
            destroy.contains("--force") && !destroy.contains("require-approval"),
            "{destroy}"
        );
    }
}
