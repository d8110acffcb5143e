//! The state machine construct.

use indexmap::IndexMap;
use rcdk_cfn::step_functions::state_machine::StateMachineType;
use rcdk_cfn::step_functions::{CfnStateMachine, CfnStateMachineProps};
use rcdk_core::{Construct, Expr, Scope, Value};
use rcdk_iam::{Grantable, PolicyStatement, Role, RoleProps};
use rcdk_logs::{LogGroup, LogGroupProps};

use crate::chain::Chain;
use crate::definition::Definition;

/// What a state machine logs to CloudWatch Logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogLevel {
    /// Errors only.
    Error,
    /// Errors and fatal errors.
    Fatal,
    /// Every event.
    All,
}

/// The options of a [`StateMachine`].
#[derive(Clone, Debug)]
pub struct StateMachineProps {
    /// The definition: a chain of states.
    pub definition: Chain,
    /// The definition's `Comment`.
    pub comment: Option<String>,
    /// Log executions to a new log group at this level. Default off.
    pub logging: Option<LogLevel>,
    /// X-Ray tracing. Default off.
    pub tracing: bool,
    /// An Express workflow instead of Standard.
    pub express: bool,
}

impl StateMachineProps {
    /// A Standard state machine running `definition`.
    pub fn new(definition: impl Into<Chain>) -> Self {
        StateMachineProps {
            definition: definition.into(),
            comment: None,
            logging: None,
            tracing: false,
            express: false,
        }
    }
}

/// A Step Functions state machine. The definition is written into the
/// template as a structured `Definition` a reviewer reads line by line;
/// values CloudFormation resolves (topic ARNs, API hosts) are
/// `${Placeholders}` filled by `DefinitionSubstitutions`. The role may do
/// exactly what the definition's integrations need.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let flow = Wait::new("Pause", WaitFor::Seconds(30)).next(Succeed::new("Done"));
/// let sm = StateMachine::new(&stack, "Flow", StateMachineProps { logging: Some(LogLevel::Error), ..StateMachineProps::new(flow) });
/// assert_eq!(sm.definition_json()["StartAt"], "Pause");
/// app.synth().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct StateMachine {
    scope: Scope,
    machine: CfnStateMachine,
    role: Role,
    definition: Definition,
}

impl Construct for StateMachine {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Grantable for StateMachine {
    fn grant_role(&self) -> &Role {
        &self.role
    }
}

impl StateMachine {
    /// Adds a state machine.
    pub fn new(scope: &Scope, id: &str, props: StateMachineProps) -> StateMachine {
        let node = scope.child(id);
        let definition = Definition::build(props.definition, props.comment.as_deref());
        for e in &definition.errors {
            node.add_error(format!("definition: {e}"));
        }
        let role = Role::new(&node, "Role", RoleProps::assumed_by("states.amazonaws.com"));
        for g in &definition.grants {
            role.add_to_policy(g.clone());
        }
        let (asl, substitutions) = extract_substitutions(&definition.asl);
        let machine = CfnStateMachine::new(
            &node,
            "Resource",
            CfnStateMachineProps {
                definition: Some(asl),
                state_machine_type: Some(
                    if props.express {
                        StateMachineType::Express
                    } else {
                        StateMachineType::Standard
                    }
                    .into(),
                ),
                ..CfnStateMachineProps::new(role.role_arn())
            },
        );
        if !substitutions.is_empty() {
            machine.set_property("DefinitionSubstitutions", Value::Object(substitutions));
        }
        if let Some(level) = props.logging {
            let logs = LogGroup::new(&node, "Logs", LogGroupProps::default());
            machine.set_property(
                "LoggingConfiguration",
                Value::object([
                    (
                        "Destinations",
                        Value::list([Value::object([(
                            "CloudWatchLogsLogGroup",
                            Value::object([("LogGroupArn", logs.log_group_arn().into())]),
                        )])]),
                    ),
                    ("IncludeExecutionData", true.into()),
                    (
                        "Level",
                        match level {
                            LogLevel::Error => "ERROR",
                            LogLevel::Fatal => "FATAL",
                            LogLevel::All => "ALL",
                        }
                        .into(),
                    ),
                ]),
            );
            // These CloudWatch Logs delivery actions support no resource-level
            // permissions; `*` is the only resource AWS accepts for them.
            role.add_to_policy(PolicyStatement::allow(
                [
                    "logs:CreateLogDelivery",
                    "logs:DeleteLogDelivery",
                    "logs:DescribeLogGroups",
                    "logs:DescribeResourcePolicies",
                    "logs:GetLogDelivery",
                    "logs:ListLogDeliveries",
                    "logs:PutResourcePolicy",
                    "logs:UpdateLogDelivery",
                ],
                ["*"],
            ));
        }
        if props.tracing {
            machine.set_property("TracingConfiguration", Value::object([("Enabled", true.into())]));
            // X-Ray's write actions support no resource-level permissions.
            role.add_to_policy(PolicyStatement::allow(
                [
                    "xray:GetSamplingRules",
                    "xray:GetSamplingTargets",
                    "xray:PutTelemetryRecords",
                    "xray:PutTraceSegments",
                ],
                ["*"],
            ));
        }
        if let Some(p) = role.policy() {
            // The role must hold its permissions before the first execution.
            machine.add_depends_on(&p);
        }
        StateMachine {
            scope: node,
            machine,
            role,
            definition,
        }
    }

    /// The state machine ARN.
    pub fn state_machine_arn(&self) -> Expr<String> {
        self.machine.reference()
    }

    /// Lets `grantee` start executions of this state machine, and only this
    /// one: `states:StartExecution` on its ARN.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_orchestration::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(Succeed::new("Done")));
    /// let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// flow.grant_start_execution(&caller);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("states:StartExecution"));
    /// ```
    pub fn grant_start_execution(&self, grantee: &impl Grantable) {
        grantee.grant_role().add_to_policy(PolicyStatement::allow(
            ["states:StartExecution"],
            [self.state_machine_arn()],
        ));
    }

    /// The state machine's role.
    pub fn role(&self) -> &Role {
        &self.role
    }

    /// The ASL document (with CloudFormation references still unresolved).
    pub fn definition(&self) -> &Value {
        &self.definition.asl
    }

    /// The definition as it is written into the template: plain ASL JSON in
    /// which CloudFormation references are `${Placeholder}`s. This is what a
    /// local interpreter (`rcdk-states`) runs; map the placeholders of
    /// integrations (for example `ApiEndpoint`) to local stand-ins.
    pub fn definition_json(&self) -> serde_json::Value {
        extract_substitutions(&self.definition.asl)
            .0
            .to_json()
            .unwrap_or_default()
    }
}

/// Replaces every non-literal value of the definition by a `${Name}`
/// placeholder (named after the key it sits under; the same value shares
/// one placeholder) and returns the substitutions.
fn extract_substitutions(asl: &Value) -> (Value, IndexMap<String, Value>) {
    let mut subs: IndexMap<String, Value> = IndexMap::new();
    fn walk(v: &Value, key: &str, subs: &mut IndexMap<String, Value>) -> Value {
        match v {
            Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), walk(v, k, subs))).collect()),
            Value::List(items) => Value::List(items.iter().map(|i| walk(i, key, subs)).collect()),
            Value::Intrinsic(_) => {
                if let Some((name, _)) = subs.iter().find(|(_, existing)| *existing == v) {
                    return Value::String(format!("${{{name}}}"));
                }
                let base: String = key.chars().filter(char::is_ascii_alphanumeric).collect();
                let base = if base.is_empty() { "Value".to_owned() } else { base };
                let mut name = base.clone();
                let mut i = 2;
                while subs.contains_key(&name) {
                    name = format!("{base}{i}");
                    i += 1;
                }
                subs.insert(name.clone(), v.clone());
                Value::String(format!("${{{name}}}"))
            }
            other => other.clone(),
        }
    }
    let out = walk(asl, "", &mut subs);
    (out, subs)
}
