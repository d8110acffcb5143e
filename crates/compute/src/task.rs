use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::ecs::task_definition::{
    ContainerDefinition, HealthCheck, KeyValuePair, LogConfiguration, PortMapping, PortMappingProtocol,
};
use rcdk_cfn::ecs::{CfnTaskDefinition, CfnTaskDefinitionProps};
use rcdk_core::{Aws, Construct, Expr, IndexMap, Scope};
use rcdk_iam::{IRole, PolicyStatement, Role, RoleProps};
use rcdk_logs::{ILogGroup, LogGroup, LogGroupProps};

/// Where a container image comes from.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ContainerImage {
    /// A public registry image such as `amazon/amazon-ecs-sample`.
    Registry(String),
}

impl ContainerImage {
    /// An image from a public registry (Docker Hub, ECR Public).
    pub fn from_registry(name: &str) -> ContainerImage {
        ContainerImage::Registry(name.to_owned())
    }
}

/// A container of a [`FargateTaskDefinition`].
#[derive(Clone, Debug)]
pub struct ContainerOptions {
    /// The image.
    pub image: ContainerImage,
    /// Ports the container listens on (TCP).
    pub ports: Vec<u16>,
    /// Environment variables, in order.
    pub environment: Vec<(String, String)>,
    /// A shell command whose success means healthy (`CMD-SHELL`).
    pub health_check: Option<String>,
    /// Days to keep the container's logs. Default 30.
    pub log_retention_days: u32,
}

impl ContainerOptions {
    /// A container running `image`.
    pub fn new(image: ContainerImage) -> Self {
        ContainerOptions {
            image,
            ports: Vec::new(),
            environment: Vec::new(),
            health_check: None,
            log_retention_days: 30,
        }
    }
}

/// The options of a [`FargateTaskDefinition`].
#[derive(Clone, Debug)]
pub struct FargateTaskDefinitionProps {
    /// CPU units (256, 512, 1024, 2048, 4096, 8192, 16384). Default 256.
    pub cpu: u32,
    /// Memory in MiB, valid for the CPU. Default 512.
    pub memory_mib: u32,
    /// Gives the task a role (for the application's own AWS calls).
    pub task_role: bool,
}

impl Default for FargateTaskDefinitionProps {
    fn default() -> Self {
        FargateTaskDefinitionProps {
            cpu: 256,
            memory_mib: 512,
            task_role: false,
        }
    }
}

/// A Fargate task definition (`awsvpc`). Its execution role may only write
/// the logs of its own containers' log groups.
///
/// Construct paths are the AWS CDK's (`ExecutionRole`, `TaskRole`,
/// `<container>/LogGroup`). Unlike the CDK, which always makes a task role,
/// rcdk makes one only when [`FargateTaskDefinitionProps::task_role`] asks:
/// a task with no AWS calls of its own gets no identity.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_compute::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps { cpu: 512, memory_mib: 1024, task_role: true });
/// task.add_container("web", ContainerOptions { ports: vec![8080], ..ContainerOptions::new(ContainerImage::from_registry("nginx")) });
/// assert!(task.task_role().is_some());
/// app.synth().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct FargateTaskDefinition {
    scope: Scope,
    task: CfnTaskDefinition,
    execution_role: Role,
    task_role: Option<Role>,
    containers: Rc<RefCell<Vec<(String, Vec<u16>)>>>,
}

impl Construct for FargateTaskDefinition {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

fn valid_size(cpu: u32, memory: u32) -> bool {
    let gb = |g: u32| g * 1024;
    match cpu {
        256 => [512, 1024, 2048].contains(&memory),
        512 => (1..=4).any(|g| gb(g) == memory),
        1024 => (2..=8).any(|g| gb(g) == memory),
        2048 => (4..=16).any(|g| gb(g) == memory),
        4096 => (8..=30).any(|g| gb(g) == memory),
        8192 => (16..=60).step_by(4).any(|g| gb(g) == memory),
        16384 => (32..=120).step_by(8).any(|g| gb(g) == memory),
        _ => false,
    }
}

impl FargateTaskDefinition {
    /// Adds a task definition; add containers with [`add_container`](Self::add_container).
    pub fn new(scope: &Scope, id: &str, props: FargateTaskDefinitionProps) -> FargateTaskDefinition {
        let node = scope.child(id);
        if !valid_size(props.cpu, props.memory_mib) {
            node.add_error(format!(
                "{} CPU units with {} MiB is not a Fargate size; see the Fargate task size table (for 256 CPU: 512, 1024 or 2048 MiB)",
                props.cpu, props.memory_mib
            ));
        }
        let execution_role = Role::new(&node, "ExecutionRole", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
        let task_role = props
            .task_role
            .then(|| Role::new(&node, "TaskRole", RoleProps::assumed_by("ecs-tasks.amazonaws.com")));
        let task = CfnTaskDefinition::new(
            &node,
            "Resource",
            CfnTaskDefinitionProps {
                cpu: Some(props.cpu.to_string().into()),
                memory: Some(props.memory_mib.to_string().into()),
                network_mode: Some(rcdk_cfn::ecs::task_definition::NetworkMode::Awsvpc.into()),
                requires_compatibilities: Some(
                    vec![rcdk_cfn::ecs::task_definition::RequiresCompatibilities::Fargate].into(),
                ),
                execution_role_arn: Some(execution_role.role_arn()),
                task_role_arn: task_role.as_ref().map(Role::role_arn),
                ..Default::default()
            },
        );
        FargateTaskDefinition {
            scope: node,
            task,
            execution_role,
            task_role,
            containers: Rc::default(),
        }
    }

    /// Adds a container, logging to its own log group through `awslogs`.
    pub fn add_container(&self, name: &str, options: ContainerOptions) {
        // The CDK's container is a construct named after it, holding its log
        // group: `TaskDef/<name>/LogGroup/Resource`.
        let logs = LogGroup::new(
            &self.scope.child(name),
            "LogGroup",
            LogGroupProps {
                retention_days: options.log_retention_days,
                ..Default::default()
            },
        );
        self.execution_role.add_to_policy(PolicyStatement::allow(
            ["logs:CreateLogStream", "logs:PutLogEvents"],
            [logs.log_group_arn()],
        ));
        let ContainerImage::Registry(image) = &options.image;
        let mut container = ContainerDefinition::new(image.as_str(), name);
        container.essential = Some(true.into());
        if !options.ports.is_empty() {
            let ports = options.ports.iter().map(|p| PortMapping {
                container_port: Some(i64::from(*p).into()),
                protocol: Some(PortMappingProtocol::Tcp.into()),
                ..Default::default()
            });
            container.port_mappings = Some(ports.collect());
        }
        if !options.environment.is_empty() {
            let env = options.environment.iter().map(|(k, v)| KeyValuePair {
                name: Some(k.as_str().into()),
                value: Some(v.as_str().into()),
            });
            container.environment = Some(env.collect());
        }
        container.health_check = options.health_check.as_ref().map(|cmd| HealthCheck {
            command: Some(["CMD-SHELL", cmd.as_str()].into()),
            interval: Some(30.into()),
            retries: Some(3.into()),
            timeout: Some(5.into()),
            ..Default::default()
        });
        container.log_configuration = Some(LogConfiguration {
            options: Some(IndexMap::from([
                ("awslogs-group".to_owned(), logs.log_group_name()),
                ("awslogs-region".to_owned(), Aws::region()),
                ("awslogs-stream-prefix".to_owned(), name.into()),
            ])),
            ..LogConfiguration::new("awslogs")
        });
        self.task.push_container_definitions(container);
        self.containers
            .borrow_mut()
            .push((name.to_owned(), options.ports.clone()));
    }

    /// The task definition ARN.
    pub fn task_definition_arn(&self) -> Expr<String> {
        self.task.reference()
    }

    /// The execution role (pulls images, writes logs).
    pub fn execution_role(&self) -> &Role {
        &self.execution_role
    }

    /// The task role, if requested.
    pub fn task_role(&self) -> Option<&Role> {
        self.task_role.as_ref()
    }

    /// The first container, and its first port, if any.
    pub(crate) fn default_container(&self) -> Option<(String, u16)> {
        let c = self.containers.borrow();
        c.first().and_then(|(n, p)| p.first().map(|p| (n.clone(), *p)))
    }
}
