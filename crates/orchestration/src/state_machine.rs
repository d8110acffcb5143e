//! The state machine construct.

use indexmap::IndexMap;
use rcdk_cfn::step_functions::state_machine::{
    CloudWatchLogsLogGroup, LogDestination, LoggingConfiguration, LoggingConfigurationLevel, StateMachineType,
    TracingConfiguration,
};
use rcdk_cfn::step_functions::{CfnStateMachine, CfnStateMachineProps};
use rcdk_core::{Construct, Expr, Intrinsic, Scope, Target, Value};
use rcdk_iam::{Grant, IGrantable, IPrincipal, IRole, PolicyStatement, Role, RoleProps};
use rcdk_logs::{ILogGroup, LogGroup, LogGroupProps};

use crate::chain::Chain;
use crate::definition::Definition;

/// What a state machine logs to CloudWatch Logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
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

impl IGrantable for StateMachine {
    fn grant_principal(&self) -> &dyn IPrincipal {
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
            machine.set_definition_substitutions(Value::Object(substitutions));
        }
        if let Some(level) = props.logging {
            let logs = LogGroup::new(&node, "Logs", LogGroupProps::default());
            machine.set_logging_configuration(LoggingConfiguration {
                destinations: Some(vec![LogDestination {
                    cloud_watch_logs_log_group: Some(CloudWatchLogsLogGroup {
                        log_group_arn: Some(logs.log_group_arn()),
                    }),
                }]),
                include_execution_data: Some(true.into()),
                level: Some(
                    match level {
                        LogLevel::Error => LoggingConfigurationLevel::Error,
                        LogLevel::Fatal => LoggingConfigurationLevel::Fatal,
                        LogLevel::All => LoggingConfigurationLevel::All,
                    }
                    .into(),
                ),
            });
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
            machine.set_tracing_configuration(TracingConfiguration {
                enabled: Some(true.into()),
            });
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
    pub fn grant_start_execution(&self, grantee: &dyn IGrantable) -> Grant {
        Grant::add_to_principal(
            grantee,
            ["states:StartExecution"],
            [self.state_machine_arn()],
            &self.scope,
        )
    }

    /// The state machine's role.
    pub fn role(&self) -> &Role {
        &self.role
    }

    /// The ASL document (with CloudFormation references still unresolved).
    pub fn definition(&self) -> &Value {
        &self.definition.asl
    }

    /// The definition as a local interpreter (`rcdk-states`) runs it: plain
    /// ASL JSON in which CloudFormation references are `${Placeholder}`s,
    /// with the placeholders the partition fixes filled in
    /// ([`fill_partition_substitutions`]). Map the placeholders of
    /// integrations (for example `ApiEndpoint`) to local stand-ins.
    pub fn definition_json(&self) -> serde_json::Value {
        let (asl, subs) = extract_substitutions(&self.definition.asl);
        let mut definition = asl.to_json().unwrap_or_default();
        let subs = Value::Object(subs).to_json().unwrap_or_default();
        fill_partition_substitutions(&mut definition, &subs);
        definition
    }
}

/// Fills in a synthesized definition the `DefinitionSubstitutions` that the
/// partition alone decides (`AWS::Partition`, `AWS::URLSuffix`, and `Fn::Sub`
/// of text and those, such as integration ARNs), as CloudFormation fills them
/// in the commercial partition, so the definition reads as Step Functions sees it:
/// what local runs and validators need. Other placeholders stay.
///
/// ```
/// use serde_json::json;
/// let mut definition = json!({"States": {"T": {"Resource": "${SnsPublishArn}"}}});
/// let subs = json!({"SnsPublishArn": {"Fn::Sub": "arn:${AWS::Partition}:states:::sns:publish"}});
/// rcdk_orchestration::fill_partition_substitutions(&mut definition, &subs);
/// assert_eq!(definition["States"]["T"]["Resource"], "arn:aws:states:::sns:publish");
/// ```
pub fn fill_partition_substitutions(definition: &mut serde_json::Value, substitutions: &serde_json::Value) {
    let fixed: Vec<(String, String)> = substitutions
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((format!("${{{k}}}"), partition_value(v)?)))
        .collect();
    fill(definition, &fixed);
}

/// A substitution's value when only the partition decides it: a `Ref` of
/// `AWS::Partition` or `AWS::URLSuffix`, or an `Fn::Sub` of text and those.
fn partition_value(v: &serde_json::Value) -> Option<String> {
    const FIXED: [(&str, &str); 2] = [("AWS::Partition", "aws"), ("AWS::URLSuffix", "amazonaws.com")];
    if let Some(name) = v["Ref"].as_str() {
        return FIXED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, value)| (*value).to_owned());
    }
    let mut text = v["Fn::Sub"].as_str()?.to_owned();
    for (name, value) in FIXED {
        text = text.replace(&format!("${{{name}}}"), value);
    }
    (!text.contains("${")).then_some(text)
}

fn fill(value: &mut serde_json::Value, fixed: &[(String, String)]) {
    match value {
        serde_json::Value::String(s) => {
            for (placeholder, v) in fixed {
                if s.contains(placeholder.as_str()) {
                    *s = s.replace(placeholder.as_str(), v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| fill(i, fixed)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|i| fill(i, fixed)),
        _ => {}
    }
}

/// Replaces every non-literal value of the definition by a `${Name}`
/// placeholder (named after the key it sits under; the same value shares
/// one placeholder) and returns the substitutions. An ARN built of text and
/// pseudo parameters is named after its text: an integration's
/// `arn:${AWS::Partition}:states:::sns:publish` is `${SnsPublishArn}`. (A
/// placeholder is always a whole string: cfn-lint checks the definition and
/// knows a substitution only when it stands alone.)
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
                let base: String = match v {
                    Value::Intrinsic(i) => pseudo_text_name(i),
                    _ => None,
                }
                .unwrap_or_else(|| key.chars().filter(char::is_ascii_alphanumeric).collect());
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

/// The placeholder name of an ARN made of text and pseudo parameters:
/// `arn:${AWS::Partition}:states:::sns:publish` is `SnsPublishArn` (the text
/// after `:::`, or all of it, in words).
fn pseudo_text_name(i: &Intrinsic) -> Option<String> {
    let Intrinsic::Concat(parts) = i else { return None };
    let mut text = String::new();
    for p in parts {
        match p {
            Value::String(s) => text.push_str(s),
            Value::Intrinsic(inner) if matches!(inner.as_ref(), Intrinsic::Ref(Target::Pseudo(_))) => text.push(':'),
            _ => return None,
        }
    }
    let arn = text.starts_with("arn:");
    let tail = text.rsplit(":::").next().unwrap_or(&text);
    let mut name: String = tail
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
        .collect();
    if arn {
        name.push_str("Arn");
    }
    Some(name)
}
