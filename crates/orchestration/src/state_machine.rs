//! The state machine construct, and state machines imported by ARN.

use indexmap::IndexMap;
use rcdk_cfn::step_functions::state_machine::{
    CloudWatchLogsLogGroup, LogDestination, LoggingConfiguration, LoggingConfigurationLevel, StateMachineType,
    TracingConfiguration,
};
use rcdk_cfn::step_functions::{CfnStateMachine, CfnStateMachineProps};
use rcdk_core::{Construct, Duration, Expr, Intrinsic, Scope, Target, Value};
use rcdk_iam::{Grant, IGrantable, IPrincipal, IRole, PolicyStatement, Role, RoleProps};
use rcdk_logs::{ILogGroup, LogGroup, LogGroupProps};

use crate::chain::Chain;
use crate::definition::Definition;

/// The longest an Express workflow runs, as AWS documents it.
const EXPRESS_MAX_SECONDS: u64 = 300;

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

/// Where and what a state machine logs: a level, a log group (a new one
/// unless given) and whether events carry the execution's data.
///
/// ```
/// use rcdk_orchestration::{LogLevel, Logging};
/// let logging: Logging = LogLevel::Error.into();
/// ```
#[derive(Clone, Debug)]
pub struct Logging {
    level: LogLevel,
    destination: Option<Expr<String>>,
    include_execution_data: bool,
}

impl Logging {
    /// Logs at `level` to a new log group (at `Logs`, with rcdk's default
    /// retention), with the execution's data in each event.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// StateMachine::new(&stack, "Flow", StateMachineProps {
    ///     logging: Some(Logging::new(LogLevel::All)),
    ///     ..StateMachineProps::new(Succeed::new("Done"))
    /// });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AWS::Logs::LogGroup"));
    /// ```
    pub fn new(level: LogLevel) -> Logging {
        Logging {
            level,
            destination: None,
            include_execution_data: true,
        }
    }

    /// Logs to `group` (of the app, or imported) instead of a new one.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_logs::LogGroup;
    /// use rcdk_orchestration::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let shared = LogGroup::from_name(&stack, "Shared", "/org/flows");
    /// StateMachine::new(&stack, "Flow", StateMachineProps {
    ///     logging: Some(Logging::new(LogLevel::Error).destination(&shared)),
    ///     ..StateMachineProps::new(Succeed::new("Done"))
    /// });
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("log-group:/org/flows:*") && !yaml.contains("AWS::Logs::LogGroup"));
    /// ```
    pub fn destination(mut self, group: &dyn ILogGroup) -> Logging {
        self.destination = Some(group.log_group_arn());
        self
    }

    /// Whether each event carries the execution's input, output and
    /// parameters (default true). Leave it out when those hold data the
    /// log group's readers must not see.
    ///
    /// ```
    /// use rcdk_orchestration::{LogLevel, Logging};
    /// let logging = Logging::new(LogLevel::All).include_execution_data(false);
    /// ```
    pub fn include_execution_data(mut self, include: bool) -> Logging {
        self.include_execution_data = include;
        self
    }
}

impl From<LogLevel> for Logging {
    fn from(level: LogLevel) -> Logging {
        Logging::new(level)
    }
}

/// The options of a [`StateMachine`].
#[derive(Clone, Debug)]
pub struct StateMachineProps {
    /// The definition: a chain of states.
    pub definition: Chain,
    /// The definition's `Comment`.
    pub comment: Option<String>,
    /// Log executions ([`Logging`]; a [`LogLevel`] converts into one that
    /// logs to a new log group). Default off.
    pub logging: Option<Logging>,
    /// X-Ray tracing. Default off.
    pub tracing: bool,
    /// An Express workflow instead of Standard.
    pub express: bool,
    /// The longest an execution may run (the definition's top-level
    /// `TimeoutSeconds`), in whole seconds; at most 5 minutes for an
    /// Express workflow. Default none: a Standard execution then runs up to
    /// a year.
    pub timeout: Option<Duration>,
    /// The query language the definition is written in. Default JSONPath;
    /// with [`QueryLanguage::Jsonata`] the same typed states (every task
    /// integration included) are written as JSONata (`Arguments`,
    /// `Output`, `Condition`, `{% %}` expressions), as AWS recommends for
    /// new state machines.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let flow = Choice::new("Big?")
    ///     .when(Condition::number_greater_than("$.size", 10), Succeed::new("Yes"))
    ///     .otherwise(Succeed::new("No"));
    /// StateMachine::new(&stack, "Flow", StateMachineProps {
    ///     query_language: QueryLanguage::Jsonata,
    ///     ..StateMachineProps::new(flow)
    /// });
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("QueryLanguage: JSONata"));
    /// assert!(yaml.contains("$states.input.size > 10"));
    /// ```
    pub query_language: QueryLanguage,
}

/// The query language of a definition ([`StateMachineProps::query_language`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryLanguage {
    /// Paths, `Parameters` and intrinsic functions (the default, as on AWS).
    #[default]
    JsonPath,
    /// JSONata expressions.
    Jsonata,
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
            timeout: None,
            query_language: QueryLanguage::JsonPath,
        }
    }
}

/// A state machine, defined in the app or imported: what callers and
/// grants need.
pub trait IStateMachine: Construct {
    /// The state machine ARN.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::{IStateMachine, StateMachine};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let arn = "arn:aws:states:eu-west-1:111111111111:stateMachine:billing";
    /// assert_eq!(StateMachine::from_arn(&stack, "Billing", arn).state_machine_arn().value().as_str(), Some(arn));
    /// ```
    fn state_machine_arn(&self) -> Expr<String>;

    /// Lets `grantee` start executions of this state machine, and only this
    /// one: `states:StartExecution` on its ARN, in the grantee's policy (a
    /// state machine has no resource policy).
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
    fn grant_start_execution(&self, grantee: &dyn IGrantable) -> Grant {
        Grant::add_to_principal(
            grantee,
            ["states:StartExecution"],
            [self.state_machine_arn()],
            self.scope(),
        )
    }
}

/// A Step Functions state machine. The definition is written into the
/// template as a structured `Definition` a reviewer reads line by line;
/// values CloudFormation resolves (topic ARNs, API hosts) are
/// `${Placeholders}` filled by `DefinitionSubstitutions`. The role may do
/// exactly what the definition's integrations need.
///
/// The definition is checked at synth by rcdk-states, the checker the local
/// interpreter loads it with: each problem is an error naming the state and
/// the field; what AWS accepts but the interpreter does not run yet
/// (JSONata, workflow variables) is a warning.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let flow = Wait::new("Pause", WaitFor::Seconds(30)).next(Succeed::new("Done"));
/// let sm = StateMachine::new(&stack, "Flow", StateMachineProps { logging: Some(LogLevel::Error.into()), ..StateMachineProps::new(flow) });
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

impl IStateMachine for StateMachine {
    fn state_machine_arn(&self) -> Expr<String> {
        self.machine.reference()
    }
}

impl StateMachine {
    /// Adds a state machine.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: StateMachineProps) -> StateMachine {
        let node = scope.child(id);
        let timeout_seconds = props.timeout.and_then(|t| {
            let seconds = t.to_seconds();
            match seconds {
                None => node.add_error(format!(
                    "timeout: {t} is not a whole number of seconds, which is all Step Functions takes; use Duration::seconds"
                )),
                Some(s) if props.express && s > EXPRESS_MAX_SECONDS => node.add_error(format!(
                    "timeout: {t} is longer than an Express workflow may run; use at most 5 minutes, or a Standard state machine (express: false)"
                )),
                Some(_) => {}
            }
            seconds
        });
        let definition = Definition::checked(
            props.definition,
            props.comment.as_deref(),
            timeout_seconds,
            props.query_language,
        );
        for e in &definition.errors {
            node.add_error(format!("definition: {e}"));
        }
        for w in &definition.warnings {
            node.add_warning(format!("definition: {w}"));
        }
        let role = Role::new(&node, "Role", RoleProps::assumed_by("states.amazonaws.com"));
        for g in &definition.grants {
            role.add_to_policy(g.clone());
        }
        let (asl, substitutions) = extract_substitutions(&definition.asl, definition.substitutions.clone());
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
        if let Some(logging) = props.logging {
            let destination = match logging.destination {
                Some(arn) => arn,
                None => LogGroup::new(&node, "Logs", LogGroupProps::default()).log_group_arn(),
            };
            machine.set_logging_configuration(LoggingConfiguration {
                destinations: Some(vec![LogDestination {
                    cloud_watch_logs_log_group: Some(CloudWatchLogsLogGroup {
                        log_group_arn: Some(destination),
                    }),
                }]),
                include_execution_data: Some(logging.include_execution_data.into()),
                level: Some(
                    match logging.level {
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

    /// Imports an existing state machine by ARN, to start its executions
    /// ([`IStateMachine::grant_start_execution`]) or call it. A literal ARN
    /// is checked.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_orchestration::{IStateMachine, StateMachine};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let billing = StateMachine::from_arn(&stack, "Billing", "arn:aws:states:eu-west-1:111111111111:stateMachine:billing");
    /// let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(billing.grant_start_execution(&caller).success());
    /// app.synth().unwrap();
    /// ```
    #[track_caller]
    pub fn from_arn(scope: &Scope, id: &str, arn: impl Into<Expr<String>>) -> ImportedStateMachine {
        let node = scope.child(id);
        let arn = arn.into();
        if let Some(literal) = arn.value().as_str() {
            if let Err(e) = check_state_machine_arn(literal) {
                node.add_error(format!("StateMachine::from_arn: {e}"));
            }
        }
        ImportedStateMachine { scope: node, arn }
    }

    /// The L1 state machine, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(Succeed::new("Done")));
    /// flow.cfn().set_state_machine_name("orders");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("StateMachineName: orders"));
    /// ```
    pub fn cfn(&self) -> &CfnStateMachine {
        &self.machine
    }

    /// The state machine's role.
    pub fn role(&self) -> &Role {
        &self.role
    }

    /// The ASL document (with CloudFormation references still unresolved).
    pub fn definition(&self) -> &Value {
        &self.definition.asl
    }

    /// The definition as a local interpreter (`rcdk-states`) runs it and as
    /// synth checks it: plain ASL JSON in which CloudFormation references
    /// are `${Placeholder}`s, with the placeholders the partition fixes
    /// (integration ARNs) filled in ([`fill_partition_substitutions`]). Map
    /// the placeholders of integrations (for example `ApiEndpoint`) to local
    /// stand-ins.
    pub fn definition_json(&self) -> serde_json::Value {
        self.definition.to_json()
    }
}

/// Checks a literal `arn:<partition>:states:<region>:<account>:stateMachine:<name>`.
fn check_state_machine_arn(arn: &str) -> Result<(), String> {
    let parts: Vec<&str> = arn.split(':').collect();
    match parts.as_slice() {
        ["arn", partition, "states", region, account, "stateMachine", name]
            if !partition.is_empty()
                && !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && (1..=80).contains(&name.chars().count()) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "{arn:?} is not a state machine ARN; use arn:<partition>:states:<region>:<12-digit account>:stateMachine:<name of 1 to 80 characters>"
        )),
    }
}

/// A state machine that exists outside the app, imported with
/// [`StateMachine::from_arn`].
#[derive(Clone, Debug)]
pub struct ImportedStateMachine {
    scope: Scope,
    arn: Expr<String>,
}

impl Construct for ImportedStateMachine {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IStateMachine for ImportedStateMachine {
    fn state_machine_arn(&self) -> Expr<String> {
        self.arn.clone()
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
///
/// `seed` holds placeholders already in use (those a JSONata expression
/// holds): a reference to the same value reuses its name.
pub(crate) fn extract_substitutions(asl: &Value, seed: IndexMap<String, Value>) -> (Value, IndexMap<String, Value>) {
    let mut subs = seed;
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

/// A substitution as CloudFormation holds it (`{"Ref": "AWS::Partition"}`,
/// `{"Fn::Sub": "arn:${AWS::Partition}:states:::sns:publish"}`) when only
/// pseudo parameters and text make it, which is what
/// [`fill_partition_substitutions`] reads; `None` for any other reference.
pub(crate) fn partition_only_json(v: &Value) -> Option<serde_json::Value> {
    let Value::Intrinsic(i) = v else { return None };
    match i.as_ref() {
        Intrinsic::Ref(Target::Pseudo(p)) => Some(serde_json::json!({"Ref": p.name()})),
        Intrinsic::Concat(parts) => {
            let mut text = String::new();
            for part in parts {
                match part {
                    Value::String(s) => text.push_str(s),
                    Value::Intrinsic(inner) => match inner.as_ref() {
                        Intrinsic::Ref(Target::Pseudo(p)) => text.push_str(&format!("${{{}}}", p.name())),
                        _ => return None,
                    },
                    _ => return None,
                }
            }
            Some(serde_json::json!({"Fn::Sub": text}))
        }
        _ => None,
    }
}
