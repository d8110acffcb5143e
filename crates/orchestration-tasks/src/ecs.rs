//! Running ECS tasks on Fargate.

use std::rc::Rc;

use rcdk_compute::{FargateTaskDefinition, ICluster};
use rcdk_core::{cfn_format, Aws, Expr, Scope, Value};
use rcdk_iam::{IRole, PolicyStatement};
use rcdk_network::{ISecurityGroup, IVpc, SubnetType};
use rcdk_orchestration::{task_methods, Chain, Task};

use crate::IntegrationPattern;

/// The rule Step Functions manages to learn when a `.sync` ECS task stops,
/// as the AWS documentation of the ECS integration's IAM names it.
const SYNC_RULE: &str = "StepFunctionsGetEventsForECSTaskRule";

/// What one container of the task runs with instead of its definition's
/// command and environment (`Overrides.ContainerOverrides`).
///
/// ```
/// use rcdk_orchestration_tasks::ContainerOverride;
/// let o = ContainerOverride::new("app").command(["bill", "--month"]).environment_from("ORDER_ID", "$.id");
/// ```
#[derive(Clone, Debug)]
pub struct ContainerOverride {
    name: String,
    command: Option<Vec<String>>,
    environment: Vec<(String, String, bool)>,
}

impl ContainerOverride {
    /// Overrides the container `name` of the task definition.
    pub fn new(name: &str) -> ContainerOverride {
        ContainerOverride {
            name: name.to_owned(),
            command: None,
            environment: Vec::new(),
        }
    }

    /// `Command`.
    ///
    /// ```
    /// let o = rcdk_orchestration_tasks::ContainerOverride::new("app").command(["bill"]);
    /// ```
    pub fn command<S: Into<String>>(mut self, command: impl IntoIterator<Item = S>) -> Self {
        self.command = Some(command.into_iter().map(Into::into).collect());
        self
    }

    /// An environment variable with a fixed value.
    ///
    /// ```
    /// let o = rcdk_orchestration_tasks::ContainerOverride::new("app").environment("MODE", "full");
    /// ```
    pub fn environment(mut self, name: &str, value: &str) -> Self {
        self.environment.push((name.to_owned(), value.to_owned(), false));
        self
    }

    /// An environment variable read from the state's input at `path`
    /// (`Value.$`); `$$.Task.Token` hands the task token to the container.
    ///
    /// ```
    /// let o = rcdk_orchestration_tasks::ContainerOverride::new("app").environment_from("TASK_TOKEN", "$$.Task.Token");
    /// ```
    pub fn environment_from(mut self, name: &str, path: &str) -> Self {
        self.environment.push((name.to_owned(), path.to_owned(), true));
        self
    }

    fn to_value(&self) -> Value {
        let mut fields: Vec<(&str, Value)> = vec![("Name", self.name.as_str().into())];
        if let Some(command) = &self.command {
            fields.push(("Command", Value::list(command.iter().map(|c| c.as_str().into()))));
        }
        if !self.environment.is_empty() {
            fields.push((
                "Environment",
                Value::list(self.environment.iter().map(|(name, value, from_input)| {
                    Value::object([
                        ("Name", name.as_str().into()),
                        (if *from_input { "Value.$" } else { "Value" }, value.as_str().into()),
                    ])
                })),
            ));
        }
        Value::object(fields)
    }
}

/// A Task running a Fargate task definition in a cluster
/// (`arn:${AWS::Partition}:states:::ecs:runTask`; `.sync` with
/// [`IntegrationPattern::RunJob`], which waits until the task stops).
///
/// It runs in the cluster VPC's private subnets unless
/// [`subnets`](Self::subnets) says otherwise, with the security groups
/// given (at least one: the task makes no resource, so no group of its
/// own as the AWS CDK's does). The role may:
/// - `ecs:RunTask` on that task definition revision only (the AWS CDK, by
///   default, on every revision of the family);
/// - `iam:PassRole` on the task definition's execution role and task role,
///   as they are when the task joins the definition (add to the task role
///   before);
/// - `ecs:StopTask` and `ecs:DescribeTasks` on the tasks of that cluster
///   (`task/<cluster name>/*`; the AWS CDK grants them on `*`);
/// - with `.sync`, `events:PutTargets`, `events:PutRule` and
///   `events:DescribeRule` on the rule `StepFunctionsGetEventsForECSTaskRule`.
///
/// ```
/// use rcdk_compute::{Cluster, ClusterProps, ContainerImage, ContainerOptions, FargateTaskDefinition, FargateTaskDefinitionProps};
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::{ContainerOverride, EcsRunTask, IntegrationPattern};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
/// let task_def = FargateTaskDefinition::new(&stack, "Billing", FargateTaskDefinitionProps::default());
/// task_def.add_container("app", ContainerOptions::new(ContainerImage::from_registry("billing:1")));
/// let sg = SecurityGroup::new(&stack, "BillingSg", SecurityGroupProps::new(&vpc, "billing"));
/// let run = EcsRunTask::with_pattern("Bill", &cluster, &task_def, IntegrationPattern::RunJob)
///     .security_group(&sg)
///     .container_override(ContainerOverride::new("app").environment_from("ORDER_ID", "$.id"));
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(run));
/// assert_eq!(flow.definition_json()["States"]["Bill"]["Resource"], "arn:aws:states:::ecs:runTask.sync");
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("ecs:RunTask"));
/// ```
#[derive(Clone, Debug)]
pub struct EcsRunTask {
    task: Task,
    pattern: IntegrationPattern,
    cluster_arn: Expr<String>,
    cluster_name: Expr<String>,
    cluster_scope: Scope,
    vpc: Rc<dyn IVpc>,
    task_definition: FargateTaskDefinition,
    subnet_type: SubnetType,
    security_groups: Vec<Expr<String>>,
    assign_public_ip: Option<bool>,
    overrides: Vec<ContainerOverride>,
    platform_version: Option<String>,
}

impl EcsRunTask {
    /// Runs `task_definition` in `cluster` and goes on once ECS started it.
    pub fn new(name: &str, cluster: &dyn ICluster, task_definition: &FargateTaskDefinition) -> EcsRunTask {
        EcsRunTask::with_pattern(name, cluster, task_definition, IntegrationPattern::RequestResponse)
    }

    /// [`new`](Self::new), waiting as `pattern` says: until the task stops
    /// ([`IntegrationPattern::RunJob`]), or until the container answers
    /// with the task token ([`IntegrationPattern::WaitForTaskToken`]; a
    /// container override must hand it `$$.Task.Token`, a synth error
    /// otherwise).
    ///
    /// ```
    /// # use rcdk_compute::{Cluster, ClusterProps, FargateTaskDefinition, FargateTaskDefinitionProps};
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_network::{Vpc, VpcProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// # let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task_def = FargateTaskDefinition::new(&stack, "Worker", FargateTaskDefinitionProps::default());
    /// let run = rcdk_orchestration_tasks::EcsRunTask::with_pattern("Work", &cluster, &task_def, rcdk_orchestration_tasks::IntegrationPattern::WaitForTaskToken)
    ///     .container_override(rcdk_orchestration_tasks::ContainerOverride::new("app").environment_from("TASK_TOKEN", "$$.Task.Token"));
    /// ```
    pub fn with_pattern(
        name: &str,
        cluster: &dyn ICluster,
        task_definition: &FargateTaskDefinition,
        pattern: IntegrationPattern,
    ) -> EcsRunTask {
        EcsRunTask {
            task: Task::service(name, &pattern.resource("ecs:runTask")),
            pattern,
            cluster_arn: cluster.cluster_arn(),
            cluster_name: cluster.cluster_name(),
            cluster_scope: cluster.scope().clone(),
            vpc: cluster.vpc().share_vpc(),
            task_definition: task_definition.clone(),
            subnet_type: SubnetType::Private,
            security_groups: Vec::new(),
            assign_public_ip: None,
            overrides: Vec::new(),
            platform_version: None,
        }
    }

    /// The subnets of the cluster's VPC the task runs in (private by default).
    ///
    /// ```
    /// # use rcdk_compute::{Cluster, ClusterProps, FargateTaskDefinition, FargateTaskDefinitionProps};
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_network::{SubnetType, Vpc, VpcProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// # let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task_def = FargateTaskDefinition::new(&stack, "Worker", FargateTaskDefinitionProps::default());
    /// let run = rcdk_orchestration_tasks::EcsRunTask::new("Work", &cluster, &task_def).subnets(SubnetType::Public).assign_public_ip(true);
    /// ```
    pub fn subnets(mut self, subnet_type: SubnetType) -> Self {
        self.subnet_type = subnet_type;
        self
    }

    /// Adds a security group of the task (at least one is required).
    ///
    /// ```
    /// # use rcdk_compute::{Cluster, ClusterProps, FargateTaskDefinition, FargateTaskDefinitionProps};
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_network::{SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// # let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task_def = FargateTaskDefinition::new(&stack, "Worker", FargateTaskDefinitionProps::default());
    /// let sg = SecurityGroup::new(&stack, "WorkerSg", SecurityGroupProps::new(&vpc, "worker"));
    /// let run = rcdk_orchestration_tasks::EcsRunTask::new("Work", &cluster, &task_def).security_group(&sg);
    /// ```
    pub fn security_group(mut self, group: &dyn ISecurityGroup) -> Self {
        self.security_groups.push(group.security_group_id());
        self
    }

    /// `AssignPublicIp` (`ENABLED` or `DISABLED`): a task in public subnets
    /// needs one to reach the internet.
    ///
    /// ```
    /// # use rcdk_compute::{Cluster, ClusterProps, FargateTaskDefinition, FargateTaskDefinitionProps};
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_network::{Vpc, VpcProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// # let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task_def = FargateTaskDefinition::new(&stack, "Worker", FargateTaskDefinitionProps::default());
    /// let run = rcdk_orchestration_tasks::EcsRunTask::new("Work", &cluster, &task_def).assign_public_ip(false);
    /// ```
    pub fn assign_public_ip(mut self, assign: bool) -> Self {
        self.assign_public_ip = Some(assign);
        self
    }

    /// Adds a container override.
    ///
    /// ```
    /// # use rcdk_compute::{Cluster, ClusterProps, FargateTaskDefinition, FargateTaskDefinitionProps};
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_network::{Vpc, VpcProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// # let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task_def = FargateTaskDefinition::new(&stack, "Worker", FargateTaskDefinitionProps::default());
    /// let run = rcdk_orchestration_tasks::EcsRunTask::new("Work", &cluster, &task_def)
    ///     .container_override(rcdk_orchestration_tasks::ContainerOverride::new("app").command(["work"]));
    /// ```
    pub fn container_override(mut self, container: ContainerOverride) -> Self {
        self.overrides.push(container);
        self
    }

    /// `PlatformVersion` (`LATEST` if not set).
    ///
    /// ```
    /// # use rcdk_compute::{Cluster, ClusterProps, FargateTaskDefinition, FargateTaskDefinitionProps};
    /// # use rcdk_core::{App, StackProps};
    /// # use rcdk_network::{Vpc, VpcProps};
    /// # let app = App::new();
    /// # let stack = app.stack("S", StackProps::default());
    /// # let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task_def = FargateTaskDefinition::new(&stack, "Worker", FargateTaskDefinitionProps::default());
    /// let run = rcdk_orchestration_tasks::EcsRunTask::new("Work", &cluster, &task_def).platform_version("1.4.0");
    /// ```
    pub fn platform_version(mut self, version: &str) -> Self {
        self.platform_version = Some(version.to_owned());
        self
    }

    task_methods!(
        task,
        r#"# use rcdk_compute::{Cluster, ClusterProps, FargateTaskDefinition, FargateTaskDefinitionProps};
# use rcdk_core::{App, StackProps};
# use rcdk_network::{Vpc, VpcProps};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
# let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
let task_def = FargateTaskDefinition::new(&stack, "Worker", FargateTaskDefinitionProps::default());
let task = rcdk_orchestration_tasks::EcsRunTask::new("Work", &cluster, &task_def);"#
    );
}

impl From<EcsRunTask> for Chain {
    fn from(r: EcsRunTask) -> Chain {
        let mut errors = Vec::new();
        if r.security_groups.is_empty() {
            errors.push(
                "EcsRunTask has no security group, and a Fargate task needs one; add one with security_group(&group)"
                    .to_owned(),
            );
        }
        let subnets = r.vpc.select_subnets(r.subnet_type, &r.cluster_scope);
        let mut awsvpc: Vec<(&str, Value)> = Vec::new();
        if let Some(assign) = r.assign_public_ip {
            awsvpc.push(("AssignPublicIp", if assign { "ENABLED" } else { "DISABLED" }.into()));
        }
        awsvpc.push(("Subnets", Value::list(subnets.into_iter().map(Value::from))));
        awsvpc.push((
            "SecurityGroups",
            Value::list(r.security_groups.iter().cloned().map(Value::from)),
        ));
        let task_definition_arn = r.task_definition.task_definition_arn();
        let mut p: Vec<(&str, Value)> = vec![
            ("Cluster", r.cluster_arn.clone().into()),
            ("TaskDefinition", task_definition_arn.clone().into()),
            (
                "NetworkConfiguration",
                Value::object([("AwsvpcConfiguration", Value::object(awsvpc))]),
            ),
        ];
        let overrides: Vec<Value> = r.overrides.iter().map(ContainerOverride::to_value).collect();
        if r.pattern == IntegrationPattern::WaitForTaskToken && !overrides.iter().any(crate::reads_task_token) {
            errors.push(crate::missing_token_error("EcsRunTask", "the container overrides"));
        }
        if !overrides.is_empty() {
            p.push((
                "Overrides",
                Value::object([("ContainerOverrides", Value::List(overrides))]),
            ));
        }
        p.push(("LaunchType", "FARGATE".into()));
        if let Some(v) = &r.platform_version {
            p.push(("PlatformVersion", v.as_str().into()));
        }
        let mut task = crate::write_parameters(r.task, "EcsRunTask", p);
        task = task.grant(PolicyStatement::allow(["ecs:RunTask"], [task_definition_arn]));
        task = task.grant(PolicyStatement::allow(
            ["ecs:StopTask", "ecs:DescribeTasks"],
            [cfn_format!(
                "arn:{}:ecs:{}:{}:task/{}/*",
                Aws::partition(),
                Aws::region(),
                Aws::account_id(),
                r.cluster_name
            )],
        ));
        let mut roles = vec![r.task_definition.execution_role().role_arn()];
        if let Some(role) = r.task_definition.task_role() {
            roles.push(role.role_arn());
        }
        task = task.grant(PolicyStatement::allow(["iam:PassRole"], roles));
        if r.pattern == IntegrationPattern::RunJob {
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
