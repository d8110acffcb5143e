//! Starting executions of other state machines.

use rcdk_core::{cfn_format, Aws, Expr, Value};
use rcdk_iam::PolicyStatement;
use rcdk_orchestration::{task_methods, Chain, IStateMachine, Task};

use crate::IntegrationPattern;

/// The rule Step Functions manages to learn when a `.sync` execution ends,
/// as the AWS documentation of the Step Functions integration's IAM names
/// it.
const SYNC_RULE: &str = "StepFunctionsGetEventsForStepFunctionsExecutionRule";

/// A Task starting an execution of another state machine
/// (`arn:${AWS::Partition}:states:::states:startExecution`).
///
/// The role may `states:StartExecution` on that machine only. Waiting for
/// the execution ([`IntegrationPattern::RunJob`], `.sync:2`, whose result
/// has the child's `Output` as JSON) adds what AWS documents for it:
/// `states:DescribeExecution` and `states:StopExecution` on the machine's
/// executions (`arn:...:execution:<machine name>:*`), and
/// `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on the rule
/// `StepFunctionsGetEventsForStepFunctionsExecutionRule`.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::*;
/// use rcdk_orchestration_tasks::{IntegrationPattern, StepFunctionsStartExecution};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
/// let start = StepFunctionsStartExecution::with_pattern("Run", &child, IntegrationPattern::RunJob).input_from("$.order");
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(start));
/// assert_eq!(flow.definition_json()["States"]["Run"]["Resource"], "arn:aws:states:::states:startExecution.sync:2");
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("states:DescribeExecution"));
/// ```
#[derive(Clone, Debug)]
pub struct StepFunctionsStartExecution {
    task: Task,
    pattern: IntegrationPattern,
    machine_arn: Expr<String>,
    input: Value,
    input_path: bool,
    name: Option<(String, bool)>,
    associate: bool,
}

impl StepFunctionsStartExecution {
    /// Starts an execution of `machine` with the state's input, unless an
    /// input is set, and goes on once it started.
    pub fn new(name: &str, machine: &dyn IStateMachine) -> StepFunctionsStartExecution {
        StepFunctionsStartExecution::with_pattern(name, machine, IntegrationPattern::RequestResponse)
    }

    /// [`new`](Self::new), waiting as `pattern` says: until the execution
    /// ends ([`IntegrationPattern::RunJob`]), or until someone answers with
    /// the task token ([`IntegrationPattern::WaitForTaskToken`]; the input
    /// must carry `$$.Task.Token`, a synth error otherwise).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps, Value};
    /// use rcdk_orchestration::*;
    /// use rcdk_orchestration_tasks::{IntegrationPattern, StepFunctionsStartExecution};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let child = StateMachine::from_arn(&stack, "Child", "arn:aws:states:eu-west-1:111111111111:stateMachine:child");
    /// let start = StepFunctionsStartExecution::with_pattern("Ask", &child, IntegrationPattern::WaitForTaskToken)
    ///     .input(Value::object([("token.$", "$$.Task.Token".into())]));
    /// StateMachine::new(&stack, "Flow", StateMachineProps::new(start));
    /// app.synth().unwrap();
    /// ```
    pub fn with_pattern(
        name: &str,
        machine: &dyn IStateMachine,
        pattern: IntegrationPattern,
    ) -> StepFunctionsStartExecution {
        let resource = match pattern {
            // `.sync:2` returns the child's output as JSON; `.sync`, as a
            // string to parse. The AWS CDK writes `.sync:2` too.
            IntegrationPattern::RunJob => "states:startExecution.sync:2".to_owned(),
            p => p.resource("states:startExecution"),
        };
        StepFunctionsStartExecution {
            task: Task::service(name, &resource),
            pattern,
            machine_arn: machine.state_machine_arn(),
            input: Value::from("$"),
            input_path: true,
            name: None,
            associate: false,
        }
    }

    /// A fixed `Input` (an object; keys ending in `.$` read the input).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps, Value};
    /// # use rcdk_orchestration::*;
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    /// let start = rcdk_orchestration_tasks::StepFunctionsStartExecution::new("Run", &child)
    ///     .input(Value::object([("id.$", "$.id".into()), ("mode", "full".into())]));
    /// ```
    pub fn input(mut self, input: impl Into<Value>) -> Self {
        self.input = input.into();
        self.input_path = false;
        self
    }

    /// `Input.$`: the input, read from the state's input at `path`.
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_orchestration::*;
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    /// let start = rcdk_orchestration_tasks::StepFunctionsStartExecution::new("Run", &child).input_from("$.order");
    /// ```
    pub fn input_from(mut self, path: &str) -> Self {
        self.input = path.into();
        self.input_path = true;
        self
    }

    /// `Name`: the execution's name (unique for 90 days per machine).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_orchestration::*;
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    /// let start = rcdk_orchestration_tasks::StepFunctionsStartExecution::new("Run", &child).execution_name("nightly");
    /// ```
    pub fn execution_name(mut self, name: &str) -> Self {
        self.name = Some((name.to_owned(), false));
        self
    }

    /// `Name.$`: the execution's name, read from the state's input at
    /// `path` (an ID of the input makes a retried start idempotent).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_orchestration::*;
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    /// let start = rcdk_orchestration_tasks::StepFunctionsStartExecution::new("Run", &child).execution_name_from("$.orderId");
    /// ```
    pub fn execution_name_from(mut self, path: &str) -> Self {
        self.name = Some((path.to_owned(), true));
        self
    }

    /// Links the child execution to this one in the console:
    /// `AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$: $$.Execution.Id` in
    /// the input, which must then be an object given with
    /// [`input`](Self::input) (a synth error otherwise).
    ///
    /// ```
    /// # use rcdk_core::{App, StackProps, Value};
    /// # use rcdk_orchestration::*;
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    /// let start = rcdk_orchestration_tasks::StepFunctionsStartExecution::new("Run", &child)
    ///     .input(Value::object([("id.$", "$.id".into())]))
    ///     .associate_with_parent();
    /// ```
    pub fn associate_with_parent(mut self) -> Self {
        self.associate = true;
        self
    }

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_orchestration::{StateMachine, StateMachineProps, Succeed};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
let task = rcdk_orchestration_tasks::StepFunctionsStartExecution::new("Run", &child);"#
    );
}

/// The ARN pattern of the executions of the machine `arn`: a literal ARN's
/// own region and account; a reference's name by `Fn::Split`, in the
/// stack's region and account (as the AWS CDK).
fn executions_of(arn: &Expr<String>) -> Expr<String> {
    if let Some(literal) = arn.value().as_str() {
        let parts: Vec<&str> = literal.split(':').collect();
        if parts.len() >= 7 && parts[5] == "stateMachine" {
            return Expr::from(format!(
                "arn:{}:states:{}:{}:execution:{}:*",
                parts[1], parts[3], parts[4], parts[6]
            ));
        }
    }
    let name = arn.split(":").select(6);
    cfn_format!(
        "arn:{}:states:{}:{}:execution:{}:*",
        Aws::partition(),
        Aws::region(),
        Aws::account_id(),
        name
    )
}

impl From<StepFunctionsStartExecution> for Chain {
    fn from(s: StepFunctionsStartExecution) -> Chain {
        let mut errors = Vec::new();
        let mut input = s.input;
        if s.associate {
            match (&mut input, s.input_path) {
                (Value::Object(map), false) => {
                    map.insert(
                        "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$".to_owned(),
                        "$$.Execution.Id".into(),
                    );
                }
                _ => errors.push(
                    "associate_with_parent adds a field to the input, but the input is not an object given in the definition; give it with input(Value::object([...]))"
                        .to_owned(),
                ),
            }
        }
        match s.pattern {
            IntegrationPattern::WaitForTaskToken if !crate::reads_task_token(&input) => {
                errors.push(crate::missing_token_error("StepFunctionsStartExecution", "the input"))
            }
            _ => {}
        }
        let mut p: Vec<(&str, Value)> = vec![
            ("StateMachineArn", s.machine_arn.clone().into()),
            (if s.input_path { "Input.$" } else { "Input" }, input),
        ];
        if let Some((name, from_input)) = &s.name {
            p.push((if *from_input { "Name.$" } else { "Name" }, name.as_str().into()));
        }
        let mut task = crate::write_parameters(s.task, "StepFunctionsStartExecution", p);
        task = task.grant(PolicyStatement::allow(
            ["states:StartExecution"],
            [s.machine_arn.clone()],
        ));
        if s.pattern == IntegrationPattern::RunJob {
            task = task.grant(PolicyStatement::allow(
                ["states:DescribeExecution", "states:StopExecution"],
                [executions_of(&s.machine_arn)],
            ));
            task = task.grant(PolicyStatement::allow(
                ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
                [cfn_format!(
                    "arn:{}:events:{}:{}:rule/{}",
                    Aws::partition(),
                    Aws::region(),
                    Aws::account_id(),
                    SYNC_RULE
                )],
            ));
        }
        for e in errors {
            task = task.add_error(e);
        }
        task.into()
    }
}
