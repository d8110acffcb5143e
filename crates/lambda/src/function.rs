//! Functions: [`Function`] defined in the app, [`ImportedFunction`] by ARN,
//! both [`IFunction`]s that grants, permissions, URLs and tasks accept alike.

use std::rc::Rc;

use rcdk_cfn::lambda::{function, CfnFunction, CfnFunctionProps, CfnPermission, CfnPermissionProps};
use rcdk_core::{cfn_format, Aws, Construct, Duration, Expr, Scope, Size, Value};
use rcdk_iam::{
    Grant, IGrantable, IPrincipal, IResourceWithPolicy, IRole, PolicyOf, PolicyStatement, Principal, Role, RoleProps,
};
use rcdk_logs::{ILogGroup, LogGroup, LogGroupProps};

use crate::url::{FunctionUrl, FunctionUrlOptions};
use crate::{Architecture, Code, Runtime, Tracing};

/// The action a [`Permission`] allows unless told otherwise.
///
/// ```
/// assert_eq!(rcdk_lambda::Permission::service("s3.amazonaws.com").action, rcdk_lambda::INVOKE_FUNCTION);
/// ```
pub const INVOKE_FUNCTION: &str = "lambda:InvokeFunction";

/// Environment variables Lambda sets itself and refuses in a function's
/// configuration (the "Reserved environment variables" of the Lambda
/// developer guide).
///
/// ```
/// assert!(rcdk_lambda::RESERVED_ENVIRONMENT_KEYS.contains(&"AWS_REGION"));
/// ```
pub const RESERVED_ENVIRONMENT_KEYS: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

/// The most bytes Lambda takes for all environment variables together.
const MAX_ENVIRONMENT_BYTES: usize = 4096;

/// A function, defined in the app or imported: what callers, grants,
/// permissions and state-machine tasks need.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_iam::{Role, RoleProps};
/// use rcdk_lambda::{Function, FunctionProps, IFunction};
/// fn let_call(f: &dyn IFunction, caller: &Role) {
///     f.grant_invoke(caller);
/// }
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
/// let_call(&Function::new(&stack, "Own", FunctionProps::rust("bootstrap")), &caller);
/// let_call(&Function::from_function_arn(&stack, "Shared", "arn:aws:lambda:eu-west-1:111111111111:function:shared"), &caller);
/// ```
pub trait IFunction: Construct + IResourceWithPolicy {
    /// The function's ARN.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, IFunction};
    /// let app = App::new();
    /// let f = Function::from_function_arn(&app.stack("S", StackProps::default()), "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// assert_eq!(f.function_arn().value().as_str(), Some("arn:aws:lambda:eu-west-1:111111111111:function:f"));
    /// ```
    fn function_arn(&self) -> Expr<String>;

    /// The function's name (`Ref` of a function of the app).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, FunctionProps, IFunction};
    /// let app = App::new();
    /// let f = Function::new(&app.stack("S", StackProps::default()), "F", FunctionProps::rust("bootstrap"));
    /// assert!(!f.function_name().is_literal());
    /// ```
    fn function_name(&self) -> Expr<String>;

    /// The function's execution role, when the app knows it (not for an
    /// imported function).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, FunctionProps, IFunction};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// assert!(Function::new(&stack, "F", FunctionProps::rust("bootstrap")).role().is_some());
    /// assert!(Function::from_function_arn(&stack, "G", "arn:aws:lambda:eu-west-1:111111111111:function:g").role().is_none());
    /// ```
    fn role(&self) -> Option<Rc<dyn IRole>>;

    /// The ARNs an invoke grant names: the function and every version and
    /// alias of it (`ARN:*`), as the AWS CDK's `grantInvoke` does.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, IFunction};
    /// let app = App::new();
    /// let f = Function::from_function_arn(&app.stack("S", StackProps::default()), "F", "arn:aws:lambda:eu-west-1:111111111111:function:f");
    /// assert_eq!(f.invoke_arns()[1].value().as_str(), Some("arn:aws:lambda:eu-west-1:111111111111:function:f:*"));
    /// ```
    fn invoke_arns(&self) -> Vec<Expr<String>> {
        let arn = self.function_arn();
        let qualified = match arn.value().as_str() {
            Some(literal) => Expr::from(format!("{literal}:*")),
            None => cfn_format!("{}:*", arn.clone()),
        };
        vec![arn, qualified]
    }

    /// Lets `grantee` invoke this function (`lambda:InvokeFunction` on the
    /// function's ARN and `ARN:*`): a role in its policy; a service or an
    /// account through an `AWS::Lambda::Permission` (`Invoke<principal>`
    /// under the function).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_lambda::{Function, IFunction};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let f = Function::from_function_arn(&stack, "Shared", "arn:aws:lambda:eu-west-1:111111111111:function:shared");
    /// let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    /// assert!(f.grant_invoke(&caller).success());
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("function:shared:*"));
    /// ```
    fn grant_invoke(&self, grantee: &dyn IGrantable) -> Grant {
        Grant::add_to_principal_or_resource(
            grantee,
            [INVOKE_FUNCTION],
            self.invoke_arns(),
            Some(&PolicyOf(self)),
            self.scope(),
        )
    }

    /// Lets a principal (an AWS service, an account) call the function:
    /// an `AWS::Lambda::Permission` at `<function>/<id>`, as the AWS CDK's
    /// `addPermission`. A service principal should name its source
    /// ([`Permission::source_arn`] or [`Permission::source_account`]):
    /// without, any account's resources of that service may invoke the
    /// function (the confused deputy problem), which is a warning.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Code, Function, FunctionProps, IFunction, Permission, Runtime};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let f = Function::new(&stack, "Handler", FunctionProps::new(Runtime::Python313, Code::inline("def h(e, c): return e")).handler("index.h"));
    /// f.add_permission(
    ///     "Events",
    ///     Permission::service("events.amazonaws.com").source_arn("arn:aws:events:eu-west-1:111111111111:rule/nightly"),
    /// );
    /// let assembly = app.synth().unwrap();
    /// assert!(assembly.warnings().is_empty());
    /// assert!(assembly.stack("S").unwrap().to_yaml().contains("AWS::Lambda::Permission"));
    /// ```
    fn add_permission(&self, id: &str, permission: Permission) -> CfnPermission {
        write_permission(self.scope(), self.function_arn(), id, permission)
    }

    /// Gives the function an HTTPS endpoint (`AWS::Lambda::Url` at
    /// `<function>/FunctionUrl`, as the AWS CDK). Callers sign their
    /// requests ([`AuthType::AwsIam`](crate::AuthType::AwsIam)) unless the
    /// options say [`AuthType::None`](crate::AuthType::None), which makes the
    /// function public: then the permissions that let anyone call it are
    /// written too, and a warning says so.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Code, Function, FunctionProps, FunctionUrlOptions, IFunction, Runtime};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let f = Function::new(&stack, "Api", FunctionProps::new(Runtime::Nodejs22, Code::inline("exports.h = async () => 'ok';")).handler("index.h"));
    /// let url = f.add_function_url(FunctionUrlOptions::default());
    /// let _endpoint = url.url();
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AuthType: AWS_IAM"));
    /// ```
    fn add_function_url(&self, options: FunctionUrlOptions) -> FunctionUrl {
        FunctionUrl::new(self.scope(), self.function_arn(), options)
    }
}

/// Who may call a function, and on whose behalf: an
/// `AWS::Lambda::Permission` ([`IFunction::add_permission`]).
///
/// ```
/// use rcdk_core::Aws;
/// use rcdk_lambda::Permission;
/// let p = Permission::service("s3.amazonaws.com")
///     .source_arn("arn:aws:s3:::uploads")
///     .source_account(Aws::account_id());
/// assert_eq!(p.action, "lambda:InvokeFunction");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Permission {
    /// Who: a service (`events.amazonaws.com`), an account, or a role by ARN.
    /// The conditions of a [`ServicePrincipal`](rcdk_iam::ServicePrincipal)
    /// on `aws:SourceArn` and `aws:SourceAccount` become the source ARN and
    /// account (when these are not set here).
    pub principal: Principal,
    /// The action; default `lambda:InvokeFunction`.
    pub action: String,
    /// Only on behalf of this resource (`SourceArn`): a rule, a bucket, an API.
    pub source_arn: Option<Expr<String>>,
    /// Only on behalf of resources of this account (`SourceAccount`).
    pub source_account: Option<Expr<String>>,
}

impl Permission {
    /// Lets `principal` invoke the function.
    ///
    /// ```
    /// use rcdk_iam::Principal;
    /// let p = rcdk_lambda::Permission::new(Principal::account("222222222222"));
    /// assert!(p.source_arn.is_none());
    /// ```
    pub fn new(principal: impl Into<Principal>) -> Permission {
        Permission {
            principal: principal.into(),
            action: INVOKE_FUNCTION.to_owned(),
            source_arn: None,
            source_account: None,
        }
    }

    /// Lets the AWS service `service` (`apigateway.amazonaws.com`) invoke the
    /// function; name its source with [`source_arn`](Self::source_arn).
    ///
    /// ```
    /// let p = rcdk_lambda::Permission::service("apigateway.amazonaws.com");
    /// assert!(matches!(p.principal, rcdk_iam::Principal::Service(_)));
    /// ```
    pub fn service(service: &str) -> Permission {
        Permission::new(rcdk_iam::ServicePrincipal::new(service))
    }

    /// Only on behalf of the resource `arn` (`SourceArn`).
    ///
    /// ```
    /// let p = rcdk_lambda::Permission::service("events.amazonaws.com").source_arn("arn:aws:events:eu-west-1:111111111111:rule/r");
    /// assert!(p.source_arn.is_some());
    /// ```
    pub fn source_arn(mut self, arn: impl Into<Expr<String>>) -> Permission {
        self.source_arn = Some(arn.into());
        self
    }

    /// Only on behalf of resources of `account` (`SourceAccount`).
    ///
    /// ```
    /// let p = rcdk_lambda::Permission::service("s3.amazonaws.com").source_account("111111111111");
    /// assert!(p.source_account.is_some());
    /// ```
    pub fn source_account(mut self, account: impl Into<Expr<String>>) -> Permission {
        self.source_account = Some(account.into());
        self
    }

    /// Another action than `lambda:InvokeFunction` (`lambda:InvokeFunctionUrl`,
    /// `lambda:GetFunction`).
    ///
    /// ```
    /// let p = rcdk_lambda::Permission::service("s3.amazonaws.com").action("lambda:GetFunction");
    /// assert_eq!(p.action, "lambda:GetFunction");
    /// ```
    pub fn action(mut self, action: &str) -> Permission {
        self.action = action.to_owned();
        self
    }
}

/// Writes `permission` for the function `function_arn` at `<owner>/<id>`.
pub(crate) fn write_permission(owner: &Scope, function_arn: Expr<String>, id: &str, p: Permission) -> CfnPermission {
    let node_path = format!("{}/{id}", owner.path());
    let (principal, mut source_arn, mut source_account) = match &p.principal {
        Principal::Service(s) => {
            let conditions = s.conditions().to_value();
            let find = |key: &str| {
                let Value::Object(ops) = &conditions else { return None };
                ops.values().find_map(|keys| match keys {
                    Value::Object(k) => k
                        .iter()
                        .find(|(name, _)| name.eq_ignore_ascii_case(key))
                        .map(|(_, v)| Expr::<String>::from_value(v.clone())),
                    _ => None,
                })
            };
            (
                Expr::from(s.service()),
                find(rcdk_iam::SOURCE_ARN),
                find(rcdk_iam::SOURCE_ACCOUNT),
            )
        }
        Principal::Aws(arn) => (arn.clone(), None, None),
        other => {
            owner.add_error(format!(
                "permission {id}: a Lambda permission names a service, an account or a role, not {other:?}; use Permission::service or Permission::new with Principal::account"
            ));
            (Expr::from("invalid"), None, None)
        }
    };
    if p.source_arn.is_some() {
        source_arn = p.source_arn.clone();
    }
    if p.source_account.is_some() {
        source_account = p.source_account.clone();
    }
    if let Principal::Service(s) = &p.principal {
        let conditions = s.conditions();
        let others: Vec<String> = match conditions.to_value() {
            Value::Object(ops) => ops
                .values()
                .filter_map(|keys| match keys {
                    Value::Object(k) => Some(k.keys().cloned().collect::<Vec<_>>()),
                    _ => None,
                })
                .flatten()
                .filter(|k| {
                    !k.eq_ignore_ascii_case(rcdk_iam::SOURCE_ARN) && !k.eq_ignore_ascii_case(rcdk_iam::SOURCE_ACCOUNT)
                })
                .collect(),
            _ => Vec::new(),
        };
        if !others.is_empty() {
            owner.add_error(format!(
                "permission {id}: a Lambda permission tests only the caller's source ARN and account, not {}; drop those conditions from the principal",
                others.join(", ")
            ));
        }
        if source_arn.is_none() && source_account.is_none() {
            owner.add_warning(format!(
                "permission {id} ({node_path}) lets {} call the function on behalf of any account's resources (the confused deputy problem); name the caller with Permission::source_arn (the rule, bucket or API) or Permission::source_account",
                s.service()
            ));
        }
    }
    if principal.value().as_str() == Some("*") && source_arn.is_none() && source_account.is_none() {
        owner.add_warning(format!(
            "permission {id} ({node_path}) lets anyone call the function; name the callers (an account, a service with its source), or use a function URL with AuthType::AwsIam"
        ));
    }
    if !p.action.starts_with("lambda:") || p.action.len() <= "lambda:".len() {
        owner.add_error(format!(
            "permission {id}: {:?} is not a Lambda action; use one such as lambda:InvokeFunction",
            p.action
        ));
    }
    CfnPermission::new(
        owner,
        id,
        CfnPermissionProps {
            source_arn,
            source_account,
            ..CfnPermissionProps::new(p.action.as_str(), function_arn, principal)
        },
    )
}

/// Adds the permission a grant to a principal without a policy of its own
/// needs (a service, an account): `Invoke<principal>` under `owner`.
fn permission_from_statement(owner: &Scope, function_arn: Expr<String>, statement: PolicyStatement) -> bool {
    let Some(principal) = statement.principal.clone() else {
        return false;
    };
    let name = match &principal {
        Principal::Service(s) => s.service().to_owned(),
        Principal::Aws(arn) => arn
            .value()
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| "Principal".into()),
        _ => "Principal".into(),
    };
    let id: String = std::iter::once("Invoke".to_owned())
        .chain(name.split(|c: char| !c.is_ascii_alphanumeric()).map(|part| {
            let mut cs = part.chars();
            cs.next()
                .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        }))
        .collect();
    let mut permission = Permission::new(principal);
    for action in statement.actions {
        permission.action = action;
        let key = if permission.action == INVOKE_FUNCTION {
            id.clone()
        } else {
            format!("{id}{}", permission.action.trim_start_matches("lambda:"))
        };
        if !owner
            .annotated(&format!("rcdk-lambda:permission:{}", owner.path()))
            .iter()
            .any(|(_, v)| *v == key)
        {
            owner.annotate(&format!("rcdk-lambda:permission:{}", owner.path()), &key);
            write_permission(owner, function_arn.clone(), &key, permission.clone());
        }
    }
    true
}

/// Where a function writes its logs.
///
/// ```
/// use rcdk_lambda::FunctionLogs;
/// let logs = FunctionLogs::retention_days(90);
/// assert_eq!(logs, FunctionLogs::Created { retention_days: 90 });
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum FunctionLogs {
    /// A log group made with the function at `<function>/LogGroup` (the AWS
    /// CDK's path for the log group it manages), whose events expire after
    /// `retention_days` (one of the values CloudWatch Logs accepts) and which
    /// is removed with the stack.
    Created {
        /// Days to keep log events.
        retention_days: u32,
    },
    /// An existing log group, by name ([`FunctionLogs::to`] takes any
    /// [`ILogGroup`]).
    Existing(Expr<String>),
    /// Lambda's own `/aws/lambda/<name>` group, which Lambda creates on the
    /// first invocation and keeps forever: logs never expire and outlive the
    /// stack. Not recommended.
    LambdaDefault,
}

impl Default for FunctionLogs {
    fn default() -> Self {
        FunctionLogs::Created { retention_days: 30 }
    }
}

impl FunctionLogs {
    /// A log group made with the function, keeping events `days` days.
    ///
    /// ```
    /// let logs = rcdk_lambda::FunctionLogs::retention_days(7);
    /// ```
    pub fn retention_days(days: u32) -> FunctionLogs {
        FunctionLogs::Created { retention_days: days }
    }

    /// An existing log group, defined in the app or imported.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_logs::{LogGroup, LogGroupProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let shared = LogGroup::new(&stack, "Shared", LogGroupProps::default());
    /// let logs = rcdk_lambda::FunctionLogs::to(&shared);
    /// ```
    pub fn to(log_group: &dyn ILogGroup) -> FunctionLogs {
        FunctionLogs::Existing(log_group.log_group_name())
    }
}

/// The options of a [`Function`].
///
/// ```
/// use rcdk_core::Duration;
/// use rcdk_lambda::{Architecture, Code, FunctionProps, Runtime};
/// let props = FunctionProps::new(Runtime::Python313, Code::from_asset("lambda/orders"))
///     .handler("app.handler")
///     .timeout(Duration::seconds(30))
///     .env("TABLE", "orders");
/// assert_eq!(props.architecture, None);
/// ```
#[derive(Clone)]
pub struct FunctionProps {
    /// The runtime.
    pub runtime: Runtime,
    /// The code.
    pub code: Code,
    /// The entry point (`index.handler`, `app.handler`); required but for
    /// the OS-only runtimes, whose handler is `bootstrap` unless given.
    pub handler: Option<String>,
    /// Memory, 128 MiB to 10,240 MiB in whole MiB; default 128 MiB.
    pub memory: Option<Size>,
    /// The longest an invocation runs, 1 second to 15 minutes in whole
    /// seconds; default 3 seconds.
    pub timeout: Option<Duration>,
    /// Environment variables, in order. Lambda's reserved keys
    /// ([`RESERVED_ENVIRONMENT_KEYS`]) are refused.
    pub environment: Vec<(String, Expr<String>)>,
    /// The instruction set; default Lambda's (`x86_64`).
    pub architecture: Option<Architecture>,
    /// A description (up to 256 characters).
    pub description: Option<String>,
    /// An explicit name (up to 64 letters, digits, `-` and `_`); default
    /// generated by CloudFormation.
    pub function_name: Option<String>,
    /// Concurrent executions reserved for (and limiting) the function.
    pub reserved_concurrent_executions: Option<u32>,
    /// X-Ray tracing; default off.
    pub tracing: Option<Tracing>,
    /// The execution role; default a role made at `<function>/ServiceRole`
    /// with the `AWSLambdaBasicExecutionRole` managed policy, as the AWS CDK.
    /// A role given here must let the function write its logs
    /// (`logs:CreateLogStream`, `logs:PutLogEvents`) itself.
    pub role: Option<Rc<dyn IRole>>,
    /// Where logs go; default a log group made with the function, kept 30 days.
    pub logs: FunctionLogs,
}

impl std::fmt::Debug for FunctionProps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FunctionProps")
            .field("runtime", &self.runtime)
            .field("code", &self.code)
            .field("handler", &self.handler)
            .field("memory", &self.memory)
            .field("timeout", &self.timeout)
            .field("environment", &self.environment)
            .field("architecture", &self.architecture)
            .field("description", &self.description)
            .field("function_name", &self.function_name)
            .field("reserved_concurrent_executions", &self.reserved_concurrent_executions)
            .field("tracing", &self.tracing)
            .field("role", &self.role.as_ref().map(|r| r.scope().path()))
            .field("logs", &self.logs)
            .finish()
    }
}

impl FunctionProps {
    /// A function of `runtime` running `code`, with every other option at
    /// its default.
    ///
    /// ```
    /// use rcdk_lambda::{Code, FunctionProps, Runtime};
    /// let props = FunctionProps::new(Runtime::Nodejs22, Code::inline("exports.handler = async () => 1;")).handler("index.handler");
    /// ```
    pub fn new(runtime: Runtime, code: Code) -> FunctionProps {
        FunctionProps {
            runtime,
            code,
            handler: None,
            memory: None,
            timeout: None,
            environment: Vec::new(),
            architecture: None,
            description: None,
            function_name: None,
            reserved_concurrent_executions: None,
            tracing: None,
            role: None,
            logs: FunctionLogs::default(),
        }
    }

    /// A Rust function: the compiled `binary` as `bootstrap` on
    /// `provided.al2023`.
    ///
    /// ```
    /// let props = rcdk_lambda::FunctionProps::rust("target/lambda/orders/bootstrap");
    /// assert_eq!(props.runtime, rcdk_lambda::Runtime::ProvidedAl2023);
    /// ```
    pub fn rust(binary: impl Into<std::path::PathBuf>) -> FunctionProps {
        FunctionProps::new(Runtime::ProvidedAl2023, Code::from_rust_binary(binary))
    }

    /// Sets [`handler`](Self::handler).
    ///
    /// ```
    /// # use rcdk_lambda::{Code, FunctionProps, Runtime};
    /// let props = FunctionProps::new(Runtime::Python313, Code::inline("def h(e, c): pass")).handler("index.h");
    /// ```
    pub fn handler(mut self, handler: &str) -> FunctionProps {
        self.handler = Some(handler.to_owned());
        self
    }

    /// Sets [`timeout`](Self::timeout).
    ///
    /// ```
    /// # use rcdk_lambda::{Code, FunctionProps, Runtime};
    /// let props = FunctionProps::rust("bootstrap").timeout(rcdk_core::Duration::minutes(1));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> FunctionProps {
        self.timeout = Some(timeout);
        self
    }

    /// Sets [`memory`](Self::memory).
    ///
    /// ```
    /// let props = rcdk_lambda::FunctionProps::rust("bootstrap").memory(rcdk_core::Size::mebibytes(512));
    /// ```
    pub fn memory(mut self, memory: Size) -> FunctionProps {
        self.memory = Some(memory);
        self
    }

    /// Adds an environment variable.
    ///
    /// ```
    /// let props = rcdk_lambda::FunctionProps::rust("bootstrap").env("RUST_LOG", "info");
    /// assert_eq!(props.environment.len(), 1);
    /// ```
    pub fn env(mut self, key: &str, value: impl Into<Expr<String>>) -> FunctionProps {
        self.environment.push((key.to_owned(), value.into()));
        self
    }

    /// Sets [`architecture`](Self::architecture).
    ///
    /// ```
    /// let props = rcdk_lambda::FunctionProps::rust("bootstrap").architecture(rcdk_lambda::Architecture::Arm64);
    /// ```
    pub fn architecture(mut self, architecture: Architecture) -> FunctionProps {
        self.architecture = Some(architecture);
        self
    }

    /// Sets [`role`](Self::role): any role, defined in the app or imported.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::Role;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let role = Role::from_arn(&stack, "Shared", "arn:aws:iam::111111111111:role/lambda-shared");
    /// let props = rcdk_lambda::FunctionProps::rust("bootstrap").role(&role);
    /// ```
    pub fn role<R: IRole + Clone + 'static>(mut self, role: &R) -> FunctionProps {
        self.role = Some(Rc::new(role.clone()));
        self
    }

    /// Sets [`logs`](Self::logs).
    ///
    /// ```
    /// let props = rcdk_lambda::FunctionProps::rust("bootstrap").logs(rcdk_lambda::FunctionLogs::retention_days(90));
    /// ```
    pub fn logs(mut self, logs: FunctionLogs) -> FunctionProps {
        self.logs = logs;
        self
    }
}

/// A Lambda function: a construct of its own whose `AWS::Lambda::Function`
/// is its `Resource` child, with its execution role at `ServiceRole` (and
/// that role's grants in `ServiceRole/DefaultPolicy`) and its log group at
/// `LogGroup`, the AWS CDK's paths, so logical IDs are the CDK's.
///
/// Secure by default: the role may only write logs (the AWS managed
/// `AWSLambdaBasicExecutionRole`) until something is granted to the
/// function, and the function logs to a log group of its own whose events
/// expire after 30 days ([`FunctionLogs`]), rather than to Lambda's
/// `/aws/lambda/<name>`, which keeps them forever.
///
/// ```
/// use rcdk_core::{App, Duration, StackProps};
/// use rcdk_lambda::{Function, FunctionProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let f = Function::new(&stack, "Orders", FunctionProps::new(
///     rcdk_lambda::Runtime::Python313,
///     rcdk_lambda::Code::inline("def handler(event, context):\n    return {'ok': True}\n"),
/// ).handler("index.handler").timeout(Duration::seconds(10)));
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("AWSLambdaBasicExecutionRole"));
/// assert!(yaml.contains("RetentionInDays: 30"));
/// ```
#[derive(Clone)]
pub struct Function {
    scope: Scope,
    function: CfnFunction,
    role: Rc<dyn IRole>,
    created_role: Option<Role>,
    log_group: Option<LogGroup>,
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Function").field("path", &self.scope.path()).finish()
    }
}

impl Construct for Function {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IFunction for Function {
    fn function_arn(&self) -> Expr<String> {
        self.function.attr_arn()
    }

    fn function_name(&self) -> Expr<String> {
        self.function.reference()
    }

    fn role(&self) -> Option<Rc<dyn IRole>> {
        Some(self.role.clone())
    }
}

impl IResourceWithPolicy for Function {
    /// Admits the statement's principal with an `AWS::Lambda::Permission`
    /// per action (a function's resource policy is made of these).
    fn add_to_resource_policy(&self, statement: PolicyStatement) -> bool {
        permission_from_statement(&self.scope, self.function_arn(), statement)
    }
}

/// A function acts through its execution role: grants to the function go
/// into the role's policy, and the function waits for that policy
/// (`DependsOn`), as the AWS CDK's does, so its first invocation has them.
impl IPrincipal for Function {
    fn policy_principal(&self) -> Principal {
        self.role.grant_principal().policy_principal()
    }

    fn add_to_principal_policy(&self, statement: PolicyStatement) -> bool {
        let added = self.role.grant_principal().add_to_principal_policy(statement);
        if let Some(policy) = self.created_role.as_ref().and_then(Role::policy) {
            self.function.add_depends_on(&policy);
        }
        added
    }
}

impl IGrantable for Function {
    fn grant_principal(&self) -> &dyn IPrincipal {
        self
    }
}

impl Function {
    /// Adds a function: its role (unless [`FunctionProps::role`] gives one),
    /// its log group (unless [`FunctionProps::logs`] says otherwise) and the
    /// function, after checking the props (each problem an error at synth).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// Function::new(&stack, "Hello", FunctionProps::new(Runtime::Nodejs22, Code::inline("exports.handler = async () => 'hello';")).handler("index.handler"));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Runtime: nodejs22.x"));
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: FunctionProps) -> Function {
        let node = scope.child(id);
        check_props(&node, &props);
        let (role, created_role) = match props.role.clone() {
            Some(role) => (role, None),
            None => {
                let role = Role::new(
                    &node,
                    "ServiceRole",
                    RoleProps {
                        managed_policy_arns: vec![cfn_format!(
                            "arn:{}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                            Aws::partition()
                        )],
                        ..RoleProps::assumed_by("lambda.amazonaws.com")
                    },
                );
                (Rc::new(role.clone()) as Rc<dyn IRole>, Some(role))
            }
        };
        let code = props.code.bind(&node, &props.runtime, props.handler.as_deref());
        let (log_group, log_group_name) = match &props.logs {
            FunctionLogs::Created { retention_days } => {
                let group = LogGroup::new(
                    &node,
                    "LogGroup",
                    LogGroupProps {
                        retention_days: *retention_days,
                        ..Default::default()
                    },
                );
                let name = group.log_group_name();
                (Some(group), Some(name))
            }
            FunctionLogs::Existing(name) => (None, Some(name.clone())),
            FunctionLogs::LambdaDefault => (None, None),
        };
        let handler = match (&props.handler, props.runtime.is_provided()) {
            (Some(h), _) => Some(h.clone()),
            (None, true) => Some("bootstrap".to_owned()),
            (None, false) => None,
        };
        let environment = (!props.environment.is_empty()).then(|| function::Environment {
            variables: Some(Value::object(
                props.environment.iter().map(|(k, v)| (k.as_str(), v.value().clone())),
            )),
        });
        let function = CfnFunction::new(
            &node,
            "Resource",
            CfnFunctionProps {
                runtime: Some(Expr::from_value(Value::from(props.runtime.name()))),
                handler: handler.map(Into::into),
                memory_size: props
                    .memory
                    .and_then(|m| m.to_mebibytes())
                    .map(|m| Expr::from(i64::try_from(m).unwrap_or(i64::MAX))),
                timeout: props
                    .timeout
                    .and_then(|t| t.to_seconds())
                    .map(|s| Expr::from(i64::try_from(s).unwrap_or(i64::MAX))),
                environment,
                architectures: props
                    .architecture
                    .map(|a| Expr::from_value(Value::list([Value::from(a.name())]))),
                description: props.description.as_deref().map(Into::into),
                function_name: props.function_name.as_deref().map(Into::into),
                reserved_concurrent_executions: props.reserved_concurrent_executions.map(Into::into),
                tracing_config: props.tracing.map(|t| function::TracingConfig {
                    mode: Some(match t {
                        Tracing::Active => function::TracingConfigMode::Active.into(),
                        Tracing::PassThrough => function::TracingConfigMode::PassThrough.into(),
                    }),
                }),
                logging_config: log_group_name.map(|name| function::LoggingConfig {
                    log_group: Some(name),
                    ..Default::default()
                }),
                ..CfnFunctionProps::new(code, role.role_arn())
            },
        );
        if let Some(created) = &created_role {
            // The role exists before the function that assumes it.
            function.add_depends_on(created.cfn());
        }
        let f = Function {
            scope: node,
            function,
            role,
            created_role,
            log_group,
        };
        if props.tracing == Some(Tracing::Active) {
            // X-Ray's write actions support no resource-level permissions;
            // `*` is the only resource AWS accepts for them.
            let added = f.add_to_principal_policy(PolicyStatement::allow(
                ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
                ["*"],
            ));
            if !added {
                f.scope.add_warning(
                    "tracing is Active, but the given role takes no policy from the app, so the function may not write traces; allow xray:PutTraceSegments and xray:PutTelemetryRecords to the role where it is defined",
                );
            }
        }
        f
    }

    /// Imports an existing function by ARN: it can be invoked, granted,
    /// given permissions and a URL, and called from a state machine, as a
    /// function of the app can. A literal ARN is checked; a qualified one
    /// (`...:function:name:alias`) is refused, as grants name the function.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, IFunction};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let f = Function::from_function_arn(&stack, "Shared", "arn:aws:lambda:eu-west-1:111111111111:function:shared");
    /// assert_eq!(f.function_name().value().as_str(), Some("shared"));
    /// ```
    #[track_caller]
    pub fn from_function_arn(scope: &Scope, id: &str, arn: impl Into<Expr<String>>) -> ImportedFunction {
        let node = scope.child(id);
        let arn = arn.into();
        let name = match arn.value().as_str() {
            Some(literal) => match function_name_of(literal) {
                Ok(name) => Expr::from(name),
                Err(e) => {
                    node.add_error(format!("Function::from_function_arn: {e}"));
                    Expr::from("invalid")
                }
            },
            None => arn.split(":").select(6),
        };
        // A stack adds permissions in its own account only.
        let other_account = foreign_account(&arn, &node).is_some();
        ImportedFunction {
            scope: node,
            arn,
            name,
            other_account,
        }
    }

    /// The L1 function, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, FunctionProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let f = Function::new(&stack, "F", FunctionProps::rust("bootstrap"));
    /// f.cfn().set_layers(vec!["arn:aws:lambda:eu-west-1:111111111111:layer:tools:3"]);
    /// # let _ = app;
    /// ```
    pub fn cfn(&self) -> &CfnFunction {
        &self.function
    }

    /// The execution role the function made (`None` when one was given).
    /// Grant to the function rather than to this role where you can: the
    /// function then waits for the role's policy (`DependsOn`), which a
    /// statement added to the role directly does not make it do.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, FunctionProps};
    /// let app = App::new();
    /// let f = Function::new(&app.stack("S", StackProps::default()), "F", FunctionProps::rust("bootstrap"));
    /// assert!(f.service_role().is_some());
    /// ```
    pub fn service_role(&self) -> Option<&Role> {
        self.created_role.as_ref()
    }

    /// The log group the function made (`None` with [`FunctionLogs::Existing`]
    /// or [`FunctionLogs::LambdaDefault`]).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, FunctionProps};
    /// let app = App::new();
    /// let f = Function::new(&app.stack("S", StackProps::default()), "F", FunctionProps::rust("bootstrap"));
    /// assert!(f.log_group().is_some());
    /// ```
    pub fn log_group(&self) -> Option<&LogGroup> {
        self.log_group.as_ref()
    }

    /// Adds a statement to the execution role's policy (through the
    /// function, so it waits for the policy).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::PolicyStatement;
    /// use rcdk_lambda::{Function, FunctionProps};
    /// let app = App::new();
    /// let f = Function::new(&app.stack("S", StackProps::default()), "F", FunctionProps::rust("bootstrap"));
    /// f.add_to_role_policy(PolicyStatement::allow(["sqs:SendMessage"], ["arn:aws:sqs:eu-west-1:111111111111:jobs"]));
    /// assert!(f.service_role().unwrap().policy().is_some());
    /// ```
    #[track_caller]
    pub fn add_to_role_policy(&self, statement: PolicyStatement) {
        if !self.add_to_principal_policy(statement) {
            self.scope.add_error(
                "the function's role takes no policy from the app (it was imported with Role::from_arn_immutable); attach the permission to the role where it is defined",
            );
        }
    }
}

fn check_props(node: &Scope, props: &FunctionProps) {
    if props.handler.is_none() && !props.runtime.is_provided() {
        node.add_error(format!(
            "the {} runtime needs a handler (the entry point, such as index.handler or app.handler); set FunctionProps::handler",
            props.runtime
        ));
    }
    if let Some(h) = &props.handler {
        if h.is_empty() || h.len() > 128 || h.chars().any(char::is_whitespace) {
            node.add_error(format!(
                "handler {h:?} is invalid; use 1 to 128 characters without spaces, such as index.handler"
            ));
        }
    }
    if let Runtime::Custom(name) = &props.runtime {
        if name.is_empty() || name.chars().any(char::is_whitespace) {
            node.add_error(format!(
                "runtime {name:?} is not a runtime identifier; use one of Runtime's variants, or Lambda's identifier such as nodejs22.x"
            ));
        }
    }
    if let Some(memory) = props.memory {
        match memory.to_mebibytes() {
            Some(m) if (128..=10_240).contains(&m) => {}
            Some(m) => node.add_error(format!(
                "memory of {m} MiB is outside what Lambda gives a function; use Size::mebibytes from 128 to 10240"
            )),
            None => node.add_error(format!(
                "memory of {} bytes is not a whole number of MiB; use Size::mebibytes from 128 to 10240",
                memory.to_bytes()
            )),
        }
    }
    if let Some(timeout) = props.timeout {
        match timeout.to_seconds() {
            Some(s) if (1..=900).contains(&s) => {}
            Some(_) => node.add_error(format!(
                "timeout of {timeout} is outside what Lambda allows; use from Duration::seconds(1) to Duration::minutes(15)"
            )),
            None => node.add_error(format!(
                "timeout of {timeout} is not a whole number of seconds, which is all Lambda takes; use Duration::seconds"
            )),
        }
    }
    let mut env_bytes = 0;
    for (i, (key, value)) in props.environment.iter().enumerate() {
        if RESERVED_ENVIRONMENT_KEYS.contains(&key.as_str()) {
            node.add_error(format!(
                "environment variable {key} is reserved: Lambda sets it itself and refuses it in the configuration; rename the variable (for example APP_{key})"
            ));
        } else if !valid_env_key(key) {
            node.add_error(format!(
                "environment variable name {key:?} is invalid; start with a letter and use letters, digits and _ only"
            ));
        }
        if props.environment[..i].iter().any(|(k, _)| k == key) {
            node.add_error(format!("environment variable {key} is set twice; set it once"));
        }
        env_bytes += key.len() + value.value().as_str().map_or(0, str::len);
    }
    if env_bytes > MAX_ENVIRONMENT_BYTES {
        node.add_error(format!(
            "the environment variables take {env_bytes} bytes, over the {MAX_ENVIRONMENT_BYTES} bytes Lambda allows in all; move large values to SSM Parameter Store or Secrets Manager"
        ));
    }
    if let Some(d) = &props.description {
        if d.chars().count() > 256 {
            node.add_error("description is over the 256 characters Lambda accepts; shorten it");
        }
    }
    if let Some(name) = &props.function_name {
        let ok = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            node.add_error(format!(
                "function name {name:?} is invalid; use 1 to 64 letters, digits, hyphens and underscores"
            ));
        }
    }
    if props.reserved_concurrent_executions == Some(0) {
        node.add_warning(
            "reserved_concurrent_executions is 0, so the function never runs (every invocation is throttled); reserve at least 1, or drop the option",
        );
    }
}

fn valid_env_key(key: &str) -> bool {
    let mut cs = key.chars();
    cs.next().is_some_and(|c| c.is_ascii_alphabetic()) && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The name in a literal function ARN
/// (`arn:aws:lambda:eu-west-1:111111111111:function:name`).
fn function_name_of(arn: &str) -> Result<&str, String> {
    let parts: Vec<&str> = arn.split(':').collect();
    let fix = "use arn:<partition>:lambda:<region>:<12-digit account>:function:<name>";
    match parts.as_slice() {
        ["arn", partition, "lambda", region, account, "function", name]
            if !partition.is_empty()
                && !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && !name.is_empty()
                && name.len() <= 64
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
        {
            Ok(name)
        }
        ["arn", _, "lambda", _, _, "function", _, qualifier] => Err(format!(
            "{arn:?} names the version or alias {qualifier:?}; import the function's unqualified ARN (grants then cover its versions and aliases too)"
        )),
        _ => Err(format!("{arn:?} is not a Lambda function ARN; {fix}")),
    }
}

/// A function that exists outside the app, imported with
/// [`Function::from_function_arn`]. Interchangeable with a [`Function`]
/// wherever an [`IFunction`] goes; its role is unknown to the app.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_lambda::{Function, IFunction, Permission};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let shared = Function::from_function_arn(&stack, "Shared", "arn:aws:lambda:eu-west-1:111111111111:function:shared");
/// shared.add_permission("Sns", Permission::service("sns.amazonaws.com").source_arn("arn:aws:sns:eu-west-1:111111111111:alerts"));
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("function:shared"));
/// ```
#[derive(Clone, Debug)]
pub struct ImportedFunction {
    scope: Scope,
    arn: Expr<String>,
    name: Expr<String>,
    other_account: bool,
}

impl Construct for ImportedFunction {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IResourceWithPolicy for ImportedFunction {
    /// Admits the principal with an `AWS::Lambda::Permission` of this stack
    /// (which any function of the stack's account can have); a function of
    /// another account cannot take one from this stack (`false`).
    fn add_to_resource_policy(&self, statement: PolicyStatement) -> bool {
        if self.other_account {
            return false;
        }
        permission_from_statement(&self.scope, self.arn.clone(), statement)
    }
}

impl IFunction for ImportedFunction {
    fn function_arn(&self) -> Expr<String> {
        self.arn.clone()
    }

    fn function_name(&self) -> Expr<String> {
        self.name.clone()
    }

    fn role(&self) -> Option<Rc<dyn IRole>> {
        None
    }

    fn add_permission(&self, id: &str, permission: Permission) -> CfnPermission {
        if self.other_account {
            self.scope.add_error(format!(
                "permission {id}: the function belongs to another account than the stack's, and a stack can only add permissions to its own account's functions; add the permission in the function's account"
            ));
        }
        write_permission(&self.scope, self.arn.clone(), id, permission)
    }
}

/// The account of the function with `function_arn` when it is surely not
/// the account of `scope`'s stack (both are literals and differ): a stack
/// can add a resource-based permission to a function of its own account
/// only, so a construct that would write one reports an error instead.
///
/// ```
/// use rcdk_core::{App, Environment, Expr, StackProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps { env: Environment::new("111111111111", "eu-west-1"), ..Default::default() });
/// let arn = Expr::from("arn:aws:lambda:eu-west-1:222222222222:function:f");
/// assert_eq!(rcdk_lambda::foreign_account(&arn, &stack).as_deref(), Some("222222222222"));
/// let own = Expr::from("arn:aws:lambda:eu-west-1:111111111111:function:f");
/// assert_eq!(rcdk_lambda::foreign_account(&own, &stack), None);
/// ```
#[track_caller]
pub fn foreign_account(function_arn: &Expr<String>, scope: &Scope) -> Option<String> {
    let function = function_arn.value().as_str()?.split(':').nth(4)?.to_owned();
    let stack = scope.stack()?.environment().account?;
    (!function.is_empty() && function != stack).then_some(function)
}
