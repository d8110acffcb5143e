//! Fargate task definitions, their containers, secrets and health checks.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use rcdk_cfn::ecs::task_definition::{
    self, ContainerDefinition, HealthCheck, KeyValuePair, LogConfiguration, PortMapping, PortMappingProtocol,
};
use rcdk_cfn::ecs::{CfnTaskDefinition, CfnTaskDefinitionProps};
use rcdk_core::{cfn_format, Aws, Construct, Duration, Expr, IndexMap, Scope};
use rcdk_iam::{IGrantable, IPrincipal, IRole, PolicyStatement, Role, RoleProps};
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
    ///
    /// ```
    /// use rcdk_compute::ContainerImage;
    /// assert_eq!(ContainerImage::from_registry("nginx"), ContainerImage::Registry("nginx".into()));
    /// ```
    pub fn from_registry(name: &str) -> ContainerImage {
        ContainerImage::Registry(name.to_owned())
    }
}

/// A secret a container gets as an environment variable, read by ECS at
/// task start with the task's execution role, which is granted exactly the
/// read of that secret.
#[derive(Clone, Debug, PartialEq)]
pub struct Secret {
    value_from: Expr<String>,
    resource_arn: Expr<String>,
    action: &'static str,
    problem: Option<String>,
}

impl Secret {
    /// A Systems Manager parameter by name (`/app/db-url` or `db-url`), in
    /// the stack's region and account. The execution role gets
    /// `ssm:GetParameters` on it. A name given by reference must not start
    /// with `/`.
    ///
    /// ```
    /// use rcdk_compute::Secret;
    /// let s = Secret::from_ssm_parameter_name("/app/db-url");
    /// assert!(format!("{:?}", s.arn()).contains("parameter/app/db-url"));
    /// ```
    pub fn from_ssm_parameter_name(name: impl Into<Expr<String>>) -> Secret {
        let name = name.into();
        let mut problem = None;
        let path = match name.value().as_str() {
            Some(literal) => {
                let valid = !literal.is_empty()
                    && literal.len() <= 2048
                    && !literal.starts_with("arn:")
                    && literal
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_.-/".contains(&b));
                if !valid {
                    problem = Some(format!(
                        "SSM parameter name {literal:?} is invalid; use letters, digits and _ . - / (a parameter ARN goes to Secret::from_ssm_parameter_arn)"
                    ));
                }
                Expr::from(format!("/{}", literal.trim_start_matches('/')))
            }
            None => Expr::concat([Expr::from("/"), name]),
        };
        let arn = cfn_format!(
            "arn:{}:ssm:{}:{}:parameter{}",
            Aws::partition(),
            Aws::region(),
            Aws::account_id(),
            path
        );
        Secret {
            value_from: arn.clone(),
            resource_arn: arn,
            action: "ssm:GetParameters",
            problem,
        }
    }

    /// A Systems Manager parameter by ARN, of any region. The execution
    /// role gets `ssm:GetParameters` on it. A literal ARN is checked.
    ///
    /// ```
    /// use rcdk_compute::Secret;
    /// let s = Secret::from_ssm_parameter_arn("arn:aws:ssm:eu-west-1:111111111111:parameter/app/db-url");
    /// assert_eq!(s.arn().value().as_str(), Some("arn:aws:ssm:eu-west-1:111111111111:parameter/app/db-url"));
    /// ```
    pub fn from_ssm_parameter_arn(arn: impl Into<Expr<String>>) -> Secret {
        let arn = arn.into();
        let problem = arn.value().as_str().and_then(|a| {
            (!arn_is(a, "ssm", "parameter/")).then(|| {
                format!("{a:?} is not an SSM parameter ARN; use arn:<partition>:ssm:<region>:<12-digit account>:parameter/<name>")
            })
        });
        Secret {
            value_from: arn.clone(),
            resource_arn: arn,
            action: "ssm:GetParameters",
            problem,
        }
    }

    /// A Secrets Manager secret by its complete ARN (with the six characters
    /// Secrets Manager appends to the name): the whole secret string. The
    /// execution role gets `secretsmanager:GetSecretValue` on it.
    ///
    /// ```
    /// use rcdk_compute::Secret;
    /// let s = Secret::from_secrets_manager("arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf");
    /// assert!(s.arn().value().as_str().unwrap().ends_with("db-AbCdEf"));
    /// ```
    pub fn from_secrets_manager(arn: impl Into<Expr<String>>) -> Secret {
        let arn = arn.into();
        let problem = arn.value().as_str().and_then(secret_arn_problem);
        Secret {
            value_from: arn.clone(),
            resource_arn: arn,
            action: "secretsmanager:GetSecretValue",
            problem,
        }
    }

    /// One key of a Secrets Manager secret whose value is JSON. The
    /// execution role gets `secretsmanager:GetSecretValue` on the secret.
    ///
    /// ```
    /// use rcdk_compute::Secret;
    /// let s = Secret::from_secrets_manager_json_key("arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf", "password");
    /// assert!(s.arn().value().as_str().unwrap().ends_with("db-AbCdEf"));
    /// ```
    pub fn from_secrets_manager_json_key(arn: impl Into<Expr<String>>, key: &str) -> Secret {
        let arn = arn.into();
        let mut problem = arn.value().as_str().and_then(secret_arn_problem);
        if key.is_empty() || key.contains(':') {
            problem.get_or_insert_with(|| format!("JSON key {key:?} is invalid; give the key's name, without ':'"));
        }
        Secret {
            value_from: Expr::concat([arn.clone(), format!(":{key}::").into()]),
            resource_arn: arn,
            action: "secretsmanager:GetSecretValue",
            problem,
        }
    }

    /// The ARN of the parameter or secret, which the execution role may read
    /// (a JSON key's secret: the secret's own ARN).
    ///
    /// ```
    /// use rcdk_compute::Secret;
    /// let arn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf";
    /// assert_eq!(Secret::from_secrets_manager_json_key(arn, "user").arn().value().as_str(), Some(arn));
    /// ```
    pub fn arn(&self) -> &Expr<String> {
        &self.resource_arn
    }
}

/// True when `arn` is `arn:<partition>:<service>:<region>:<account>:<resource>`
/// with `resource` starting with `prefix`.
fn arn_is(arn: &str, service: &str, prefix: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", p, s, r, a, res]
        if !p.is_empty() && *s == service && !r.is_empty()
            && a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit())
            && res.len() > prefix.len() && res.starts_with(prefix))
}

fn secret_arn_problem(arn: &str) -> Option<String> {
    if !arn_is(arn, "secretsmanager", "secret:") {
        return Some(format!(
            "{arn:?} is not a Secrets Manager secret ARN; use arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>-<6 characters>"
        ));
    }
    let name = arn.rsplit(':').next().unwrap_or_default();
    let complete = name.rsplit_once('-').is_some_and(|(stem, suffix)| {
        !stem.is_empty() && suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    (!complete).then(|| {
        format!(
            "{arn:?} is a partial secret ARN (no six-character suffix after the name), which the execution role's permission would not match; use the complete ARN Secrets Manager shows"
        )
    })
}

/// A container health check: a command whose success (exit code 0) means
/// healthy, run every `interval`.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerHealthCheck {
    /// The command in Docker's form: `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`
    /// or `["CMD", "/bin/check", "--quick"]`.
    pub command: Vec<String>,
    /// Time between checks, 5 to 300 seconds. Default 30 seconds.
    pub interval: Duration,
    /// Time a check may take, 2 to 60 seconds. Default 5 seconds.
    pub timeout: Duration,
    /// Failed checks in a row that make the container unhealthy, 1 to 10. Default 3.
    pub retries: u32,
    /// Time after start during which failures do not count, 0 to 300 seconds. Default none.
    pub start_period: Option<Duration>,
}

impl ContainerHealthCheck {
    /// A shell command (`CMD-SHELL`).
    ///
    /// ```
    /// use rcdk_compute::ContainerHealthCheck;
    /// let check = ContainerHealthCheck::shell("curl -f http://localhost/ || exit 1");
    /// assert_eq!(check.command[0], "CMD-SHELL");
    /// ```
    pub fn shell(command: &str) -> ContainerHealthCheck {
        ContainerHealthCheck::exec(["CMD-SHELL", command])
    }

    /// A command in Docker's exec form, starting with `CMD` or `CMD-SHELL`.
    ///
    /// ```
    /// use rcdk_core::Duration;
    /// use rcdk_compute::ContainerHealthCheck;
    /// let check = ContainerHealthCheck { interval: Duration::seconds(10), ..ContainerHealthCheck::exec(["CMD", "/bin/check"]) };
    /// assert_eq!(check.retries, 3);
    /// ```
    pub fn exec<S: Into<String>>(command: impl IntoIterator<Item = S>) -> ContainerHealthCheck {
        ContainerHealthCheck {
            command: command.into_iter().map(Into::into).collect(),
            interval: Duration::seconds(30),
            timeout: Duration::seconds(5),
            retries: 3,
            start_period: None,
        }
    }

    /// The L1 health check, or what is wrong with this one.
    fn render(&self) -> Result<HealthCheck, String> {
        if !matches!(self.command.first().map(String::as_str), Some("CMD" | "CMD-SHELL")) || self.command.len() < 2 {
            return Err(format!(
                "health check command {:?} must start with CMD or CMD-SHELL and have a command after it; use ContainerHealthCheck::shell(\"...\")",
                self.command
            ));
        }
        let seconds = |name: &str, d: Duration, range: std::ops::RangeInclusive<u64>| match d.to_seconds() {
            Some(s) if range.contains(&s) => Ok(s as i64),
            _ => Err(format!(
                "health check {name} is {d}; use whole seconds from {} to {}",
                range.start(),
                range.end()
            )),
        };
        let interval = seconds("interval", self.interval, 5..=300)?;
        let timeout = seconds("timeout", self.timeout, 2..=60)?;
        let start_period = self
            .start_period
            .map(|d| seconds("start_period", d, 0..=300))
            .transpose()?;
        if !(1..=10).contains(&self.retries) {
            return Err(format!("health check retries is {}; use 1 to 10", self.retries));
        }
        Ok(HealthCheck {
            command: Some(self.command.clone().into()),
            interval: Some(interval.into()),
            retries: Some(i64::from(self.retries).into()),
            start_period: start_period.map(Into::into),
            timeout: Some(timeout.into()),
        })
    }
}

impl From<&str> for ContainerHealthCheck {
    fn from(command: &str) -> Self {
        ContainerHealthCheck::shell(command)
    }
}

impl From<String> for ContainerHealthCheck {
    fn from(command: String) -> Self {
        ContainerHealthCheck::shell(&command)
    }
}

/// A container of a [`FargateTaskDefinition`].
#[derive(Clone, Debug)]
pub struct ContainerOptions {
    /// The image.
    pub image: ContainerImage,
    /// Ports the container listens on (TCP), 1 to 65535.
    pub ports: Vec<u16>,
    /// Environment variables, in order.
    pub environment: Vec<(String, String)>,
    /// Environment variables read from secrets at task start, in order.
    pub secrets: Vec<(String, Secret)>,
    /// A health check. `Some("curl -f http://localhost/ || exit 1".into())`
    /// is a shell command with the default interval, timeout and retries.
    pub health_check: Option<ContainerHealthCheck>,
    /// Whether the task stops when this container stops. Default true; a
    /// sidecar that may exit is not essential.
    pub essential: bool,
    /// Days to keep the container's logs. Default 30.
    pub log_retention_days: u32,
}

impl ContainerOptions {
    /// An essential container running `image`.
    ///
    /// ```
    /// use rcdk_compute::{ContainerImage, ContainerOptions};
    /// let options = ContainerOptions::new(ContainerImage::from_registry("nginx"));
    /// assert!(options.essential && options.ports.is_empty());
    /// ```
    pub fn new(image: ContainerImage) -> Self {
        ContainerOptions {
            image,
            ports: Vec::new(),
            environment: Vec::new(),
            secrets: Vec::new(),
            health_check: None,
            essential: true,
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
    /// Make the task role now, even before a grant needs it. Default false:
    /// the role is made by the first grant (see [`FargateTaskDefinition`]).
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

/// What the task definition remembers of a container.
#[derive(Clone, Debug)]
struct Container {
    name: String,
    ports: Vec<u16>,
    log_group: LogGroup,
}

/// A Fargate task definition (`awsvpc`). Its execution role may only write
/// the logs of its own containers' log groups and read their secrets.
///
/// Construct paths are the AWS CDK's (`ExecutionRole`, `TaskRole`,
/// `<container>/LogGroup`). Unlike the CDK, which always makes a task role,
/// rcdk makes one on the first grant to the task definition (it is an
/// [`IGrantable`]) or when [`FargateTaskDefinitionProps::task_role`] asks: a
/// task with no AWS calls of its own gets no identity.
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
    task_role: Rc<OnceCell<Role>>,
    containers: Rc<RefCell<Vec<Container>>>,
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

fn new_task_role(scope: &Scope) -> Role {
    Role::new(scope, "TaskRole", RoleProps::assumed_by("ecs-tasks.amazonaws.com"))
}

impl FargateTaskDefinition {
    /// Adds a task definition; add containers with [`add_container`](Self::add_container).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_compute::{FargateTaskDefinition, FargateTaskDefinitionProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// assert!(task.task_role().is_none());
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: FargateTaskDefinitionProps) -> FargateTaskDefinition {
        let node = scope.child(id);
        if !valid_size(props.cpu, props.memory_mib) {
            node.add_error(format!(
                "{} CPU units with {} MiB is not a Fargate size; see the Fargate task size table (for 256 CPU: 512, 1024 or 2048 MiB)",
                props.cpu, props.memory_mib
            ));
        }
        let execution_role = Role::new(&node, "ExecutionRole", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
        let task_role = OnceCell::new();
        if props.task_role {
            let _ = task_role.set(new_task_role(&node));
        }
        let task = CfnTaskDefinition::new(
            &node,
            "Resource",
            CfnTaskDefinitionProps {
                cpu: Some(props.cpu.to_string().into()),
                memory: Some(props.memory_mib.to_string().into()),
                network_mode: Some(task_definition::NetworkMode::Awsvpc.into()),
                requires_compatibilities: Some(vec![task_definition::RequiresCompatibilities::Fargate].into()),
                execution_role_arn: Some(execution_role.role_arn()),
                task_role_arn: task_role.get().map(Role::role_arn),
                ..Default::default()
            },
        );
        FargateTaskDefinition {
            scope: node,
            task,
            execution_role,
            task_role: Rc::new(task_role),
            containers: Rc::default(),
        }
    }

    /// Adds a container, logging to its own log group through `awslogs`;
    /// the execution role may write there and read the container's
    /// secrets. Containers are added in order; a load-balanced service
    /// routes to the first one with a port.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("web", ContainerOptions {
    ///     ports: vec![8080],
    ///     environment: vec![("MODE".into(), "prod".into())],
    ///     secrets: vec![("DB_URL".into(), Secret::from_ssm_parameter_name("/app/db-url"))],
    ///     health_check: Some("curl -f http://localhost:8080/ || exit 1".into()),
    ///     ..ContainerOptions::new(ContainerImage::from_registry("nginx"))
    /// });
    /// task.add_container("sidecar", ContainerOptions { essential: false, ..ContainerOptions::new(ContainerImage::from_registry("busybox")) });
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("ssm:GetParameters") && yaml.contains("Name: sidecar"));
    /// ```
    #[track_caller]
    pub fn add_container(&self, name: &str, options: ContainerOptions) {
        // The CDK's container is a construct named after it, holding its log
        // group: `TaskDef/<name>/LogGroup/Resource`.
        let node = self.scope.child(name);
        // Problems of a container are the task definition's: its resource
        // renders them, and an error there keeps the schema check from
        // reporting the same value again.
        let error = |problem: String| self.scope.add_error(format!("container {name}: {problem}"));
        if self.containers.borrow().iter().any(|c| c.name == name) {
            error("another container has this name; give each container of a task definition its own name".into());
        }
        let logs = LogGroup::new(
            &node,
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
        container.essential = Some(options.essential.into());
        if options.ports.contains(&0) {
            error("port 0 is not a port; use the port the container listens on, 1 to 65535".into());
        }
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
        for (var, secret) in &options.secrets {
            if let Some(problem) = &secret.problem {
                error(format!("secret {var}: {problem}"));
            }
            if options.environment.iter().any(|(k, _)| k == var) {
                error(format!(
                    "{var} is both an environment variable and a secret; keep one of them"
                ));
            }
            self.execution_role
                .add_to_policy(PolicyStatement::allow([secret.action], [secret.resource_arn.clone()]));
        }
        if !options.secrets.is_empty() {
            let secrets = options
                .secrets
                .iter()
                .map(|(var, s)| task_definition::Secret::new(var.as_str(), s.value_from.clone()));
            container.secrets = Some(secrets.collect());
        }
        container.health_check = options.health_check.as_ref().and_then(|check| match check.render() {
            Ok(h) => Some(h),
            Err(e) => {
                error(e);
                None
            }
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
        self.containers.borrow_mut().push(Container {
            name: name.to_owned(),
            ports: options.ports.clone(),
            log_group: logs,
        });
    }

    /// The task definition ARN.
    pub fn task_definition_arn(&self) -> Expr<String> {
        self.task.reference()
    }

    /// The L1 task definition, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_compute::{FargateTaskDefinition, FargateTaskDefinitionProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.cfn().set_family("orders");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Family: orders"));
    /// ```
    pub fn cfn(&self) -> &CfnTaskDefinition {
        &self.task
    }

    /// The execution role (pulls images, writes logs, reads secrets).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_compute::{FargateTaskDefinition, FargateTaskDefinitionProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.execution_role().cfn().set_description("pulls images");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Description: pulls images"));
    /// ```
    pub fn execution_role(&self) -> &Role {
        &self.execution_role
    }

    /// The task role, once a grant (or [`FargateTaskDefinitionProps::task_role`]) made it.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::Grant;
    /// use rcdk_compute::{FargateTaskDefinition, FargateTaskDefinitionProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// assert!(task.task_role().is_none());
    /// Grant::add_to_principal(&task, ["sqs:SendMessage"], ["arn:aws:sqs:eu-west-1:111111111111:jobs"], &stack);
    /// assert!(task.task_role().is_some());
    /// ```
    pub fn task_role(&self) -> Option<&Role> {
        self.task_role.get()
    }

    /// Adds a statement to the task role's policy, making the role on first use.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::PolicyStatement;
    /// use rcdk_compute::{FargateTaskDefinition, FargateTaskDefinitionProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_to_task_role_policy(PolicyStatement::allow(["s3:GetObject"], ["arn:aws:s3:::assets/*"]));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("TaskRoleArn"));
    /// ```
    #[track_caller]
    pub fn add_to_task_role_policy(&self, statement: PolicyStatement) {
        self.task_role_or_create().add_to_policy(statement);
    }

    /// The log group of a container, by name.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("web", ContainerOptions::new(ContainerImage::from_registry("nginx")));
    /// task.container_log_group("web").unwrap().cfn().set_log_group_class(rcdk_cfn::logs::log_group::LogGroupClass::InfrequentAccess);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("INFREQUENT_ACCESS"));
    /// ```
    pub fn container_log_group(&self, container: &str) -> Option<LogGroup> {
        let containers = self.containers.borrow();
        containers
            .iter()
            .find(|c| c.name == container)
            .map(|c| c.log_group.clone())
    }

    fn task_role_or_create(&self) -> &Role {
        self.task_role.get_or_init(|| {
            let role = new_task_role(&self.scope);
            self.task.set_task_role_arn(role.role_arn());
            role
        })
    }

    /// The first container with a port, and that port, if any.
    pub(crate) fn default_container(&self) -> Option<(String, u16)> {
        let c = self.containers.borrow();
        c.iter().find_map(|c| c.ports.first().map(|p| (c.name.clone(), *p)))
    }
}

/// Grants to a task definition go to its task role (made on the first
/// grant), the identity of the application's own AWS calls.
impl IGrantable for FargateTaskDefinition {
    fn grant_principal(&self) -> &dyn IPrincipal {
        self.task_role_or_create()
    }
}
