//! AWS Lambda functions for rcdk: [`Function`] with its code from a
//! directory, a compiled Rust binary, inline source or S3 ([`Code`]), its
//! execution role and log group, invoke grants, resource-based permissions
//! and function URLs. A function defined in the app and one imported by ARN
//! ([`Function::from_function_arn`]) are interchangeable through
//! [`IFunction`], in grants, permissions and state-machine tasks
//! (`rcdk_orchestration_tasks::LambdaInvoke`).
//!
//! ```
//! use rcdk_core::{App, Duration, Size, StackProps};
//! use rcdk_iam::{Role, RoleProps};
//! use rcdk_lambda::{Code, Function, FunctionProps, IFunction, Permission, Runtime};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let handler = Function::new(
//!     &stack,
//!     "Handler",
//!     FunctionProps::new(Runtime::Python313, Code::inline("def handler(event, context):\n    return event\n"))
//!         .handler("index.handler")
//!         .memory(Size::mebibytes(256))
//!         .timeout(Duration::seconds(10))
//!         .env("STAGE", "prod"),
//! );
//! let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
//! handler.grant_invoke(&caller);
//! handler.add_permission(
//!     "Nightly",
//!     Permission::service("events.amazonaws.com").source_arn("arn:aws:events:eu-west-1:111111111111:rule/nightly"),
//! );
//! let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
//! assert!(yaml.contains("lambda:InvokeFunction"));
//! ```
//!
//! # Secure defaults
//!
//! - **Logs expire.** Each function gets a log group of its own at
//!   `<function>/LogGroup` (where the AWS CDK puts the log group it manages
//!   under `@aws-cdk/aws-lambda:useCdkManagedLogGroup`), wired through
//!   `LoggingConfig.LogGroup`, keeping events 30 days and removed with the
//!   stack ([`FunctionLogs`]); Lambda's default `/aws/lambda/<name>` group
//!   would keep them forever and outlive the stack.
//! - **Least privilege.** The role made at `<function>/ServiceRole` may only
//!   write logs (`AWSLambdaBasicExecutionRole`, as the CDK's) until
//!   something is granted to the function; grants to the function go to
//!   `ServiceRole/DefaultPolicy`, and the function waits for that policy.
//! - **No anonymous callers by accident.** A function URL takes signed
//!   requests unless [`AuthType::None`] is asked for, which is a warning; a
//!   permission for a service that does not name its source (`SourceArn`,
//!   `SourceAccount`) is a warning (the confused deputy problem).
//! - **Checked inputs.** Runtime and handler, code and runtime, memory,
//!   timeout, environment (Lambda's reserved keys are refused), names and
//!   ARNs are checked at synth, each problem an error with the construct
//!   path and the fix; nothing panics.
//!
//! # Differences from the AWS CDK
//!
//! - The log group above is made by default and referenced by
//!   `LoggingConfig.LogGroup` with a generated name; the CDK (with the
//!   flag) names it `/aws/lambda/<function>`, keeps it two years and
//!   retains it.
//! - A grant to a principal without a policy of its own (a service, an
//!   account) writes its `AWS::Lambda::Permission` at
//!   `<function>/Invoke<Principal>` (`InvokeEventsAmazonawsCom`); the CDK
//!   names it `Invoke` and a hash of the principal.
//! - Permissions on an imported function are written when the function's
//!   account is the stack's or unknown (the CDK skips them, with a warning,
//!   when it cannot tell); a function of another account is an error.
//! - Versions, aliases, layers, VPC placement, event sources and container
//!   images are not here yet; the L1 ([`Function::cfn`]) reaches every
//!   property.

#![warn(missing_docs)]

mod code;
mod function;
mod runtime;
mod url;

pub use code::{AssetOptions, Code, MAX_INLINE_BYTES};
pub use function::{
    foreign_account, Function, FunctionLogs, FunctionProps, IFunction, ImportedFunction, Permission, INVOKE_FUNCTION,
    RESERVED_ENVIRONMENT_KEYS,
};
pub use runtime::{Architecture, Runtime, Tracing};
pub use url::{AuthType, CorsMethod, FunctionUrl, FunctionUrlCors, FunctionUrlOptions};
