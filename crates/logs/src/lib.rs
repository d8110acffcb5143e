//! CloudWatch Logs for rcdk: log groups with retention on by default.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_logs::{LogGroup, LogGroupProps};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let logs = LogGroup::new(&stack, "Logs", LogGroupProps::default());
//! let _arn = logs.log_group_arn();
//! assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("RetentionInDays: 30"));
//! ```

#![warn(missing_docs)]

use rcdk_cfn::logs::{CfnLogGroup, CfnLogGroupProps};
use rcdk_core::{Construct, DeletionPolicy, Expr, Scope};

/// The options of a [`LogGroup`].
#[derive(Clone, Debug)]
pub struct LogGroupProps {
    /// Days to keep log events; one of the values CloudWatch Logs accepts. Default 30.
    pub retention_days: u32,
    /// An explicit name; default generated.
    pub log_group_name: Option<Expr<String>>,
    /// Keep the log group when the stack is deleted. Default false.
    pub retain: bool,
}

impl Default for LogGroupProps {
    fn default() -> Self {
        LogGroupProps {
            retention_days: 30,
            log_group_name: None,
            retain: false,
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
    pub fn new(scope: &Scope, id: &str, props: LogGroupProps) -> LogGroup {
        let bad_name = props
            .log_group_name
            .as_ref()
            .and_then(|n| n.value().as_str().map(str::to_owned))
            .filter(|n| {
                n.is_empty() || n.len() > 512 || !n.chars().all(|c| c.is_ascii_alphanumeric() || "._-/#".contains(c))
            });
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
        if let Some(n) = bad_name {
            node.add_error(format!(
                "log group name {n:?} is invalid; use 1 to 512 letters, digits and . _ - / #"
            ));
        }
        let policy = if props.retain {
            DeletionPolicy::Retain
        } else {
            DeletionPolicy::Delete
        };
        group.apply_removal_policy(policy);
        LogGroup { scope: node, group }
    }

    /// The log group's name.
    pub fn log_group_name(&self) -> Expr<String> {
        self.group.reference()
    }

    /// The log group's ARN (`arn:...:log-group:NAME:*`, as `Fn::GetAtt` returns it).
    pub fn log_group_arn(&self) -> Expr<String> {
        self.group.attr_arn()
    }
}
