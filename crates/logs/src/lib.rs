//! CloudWatch Logs for rcdk: log groups with retention on by default. A log
//! group defined in the app and one imported by name
//! ([`LogGroup::from_name`]) are interchangeable through [`ILogGroup`].
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_logs::{LogGroup, LogGroupProps};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let logs = LogGroup::new(&stack, "Logs", LogGroupProps::default());
//! let _arn = rcdk_logs::ILogGroup::log_group_arn(&logs);
//! assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("RetentionInDays: 30"));
//! ```

#![warn(missing_docs)]

use rcdk_cfn::logs::{CfnLogGroup, CfnLogGroupProps};
use rcdk_core::{cfn_format, Aws, Construct, Expr, RemovalPolicy, Scope};
use rcdk_iam::{Grant, IGrantable};

/// A log group, defined in the app or imported: what writers and grants need.
pub trait ILogGroup: Construct {
    /// The log group's name.
    fn log_group_name(&self) -> Expr<String>;

    /// The log group's ARN (`arn:...:log-group:NAME:*`, as `Fn::GetAtt` returns it).
    fn log_group_arn(&self) -> Expr<String>;

    /// Lets `grantee` create log streams in this group and write events to them.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_logs::{ILogGroup, LogGroup};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let logs = LogGroup::from_name(&stack, "Shared", "/shared/app");
    /// let role = Role::new(&stack, "Writer", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    /// assert!(logs.grant_write(&role).success());
    /// ```
    fn grant_write(&self, grantee: &dyn IGrantable) -> Grant {
        Grant::add_to_principal(
            grantee,
            ["logs:CreateLogStream", "logs:PutLogEvents"],
            [self.log_group_arn()],
            self.scope(),
        )
    }
}

/// The options of a [`LogGroup`].
#[derive(Clone, Debug)]
pub struct LogGroupProps {
    /// Days to keep log events; one of the values CloudWatch Logs accepts. Default 30.
    pub retention_days: u32,
    /// An explicit name; default generated.
    pub log_group_name: Option<Expr<String>>,
    /// What happens to the log group (and its events) when it leaves the
    /// stack. Default [`RemovalPolicy::Destroy`]: logs expire anyway, and a
    /// kept group blocks redeploying a stack that names it.
    pub removal_policy: RemovalPolicy,
}

impl Default for LogGroupProps {
    fn default() -> Self {
        LogGroupProps {
            retention_days: 30,
            log_group_name: None,
            removal_policy: RemovalPolicy::Destroy,
        }
    }
}

const RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/// A CloudWatch Logs log group whose events expire (never kept forever by
/// accident). Its `AWS::Logs::LogGroup` is its `Resource` child, as in the
/// AWS CDK.
#[derive(Clone, Debug)]
pub struct LogGroup {
    scope: Scope,
    group: CfnLogGroup,
}

impl Construct for LogGroup {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl LogGroup {
    /// Adds a log group.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: LogGroupProps) -> LogGroup {
        let bad_name = props
            .log_group_name
            .as_ref()
            .and_then(|n| n.value().as_str().and_then(invalid_name));
        let node = scope.child(id);
        let group = CfnLogGroup::new(
            &node,
            "Resource",
            CfnLogGroupProps {
                retention_in_days: Some(i64::from(props.retention_days).into()),
                log_group_name: props.log_group_name,
                ..Default::default()
            },
        );
        if !RETENTION_DAYS.contains(&props.retention_days) {
            node.add_error(format!(
                "retention of {} days is not one CloudWatch Logs accepts; use one of {RETENTION_DAYS:?}",
                props.retention_days
            ));
        }
        if let Some(problem) = bad_name {
            node.add_error(problem);
        }
        group.apply_removal_policy(props.removal_policy);
        LogGroup { scope: node, group }
    }

    /// Imports an existing log group by name; its ARN is built in the
    /// stack's partition, region and account.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_logs::{ILogGroup, LogGroup};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let logs = LogGroup::from_name(&stack, "Audit", "/org/audit");
    /// assert_eq!(logs.log_group_name().value().as_str(), Some("/org/audit"));
    /// ```
    #[track_caller]
    pub fn from_name(scope: &Scope, id: &str, name: impl Into<Expr<String>>) -> ImportedLogGroup {
        let node = scope.child(id);
        let name = name.into();
        if let Some(n) = name.value().as_str() {
            if let Some(problem) = invalid_name(n) {
                node.add_error(problem);
            }
        }
        let arn = cfn_format!(
            "arn:{}:logs:{}:{}:log-group:{}:*",
            Aws::partition(),
            Aws::region(),
            Aws::account_id(),
            name.clone()
        );
        ImportedLogGroup { scope: node, name, arn }
    }

    /// The L1 log group, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_logs::{LogGroup, LogGroupProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let logs = LogGroup::new(&stack, "Logs", LogGroupProps::default());
    /// logs.cfn().set_log_group_class(rcdk_cfn::logs::log_group::LogGroupClass::InfrequentAccess);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("LogGroupClass: INFREQUENT_ACCESS"));
    /// ```
    pub fn cfn(&self) -> &CfnLogGroup {
        &self.group
    }
}

impl ILogGroup for LogGroup {
    fn log_group_name(&self) -> Expr<String> {
        self.group.reference()
    }

    fn log_group_arn(&self) -> Expr<String> {
        self.group.attr_arn()
    }
}

/// A log group that exists outside the app, imported with [`LogGroup::from_name`].
#[derive(Clone, Debug)]
pub struct ImportedLogGroup {
    scope: Scope,
    name: Expr<String>,
    arn: Expr<String>,
}

impl Construct for ImportedLogGroup {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ILogGroup for ImportedLogGroup {
    fn log_group_name(&self) -> Expr<String> {
        self.name.clone()
    }

    fn log_group_arn(&self) -> Expr<String> {
        self.arn.clone()
    }
}

fn invalid_name(n: &str) -> Option<String> {
    let bad = n.is_empty() || n.len() > 512 || !n.chars().all(|c| c.is_ascii_alphanumeric() || "._-/#".contains(c));
    bad.then(|| format!("log group name {n:?} is invalid; use 1 to 512 letters, digits and . _ - / #"))
}
