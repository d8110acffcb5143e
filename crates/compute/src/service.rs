//! Fargate services: placement, capacity, load balancer targets and task
//! count scaling.

use std::cell::OnceCell;
use std::rc::Rc;

use rcdk_cfn::application_auto_scaling::{
    scalable_target, scaling_policy, CfnScalableTarget, CfnScalableTargetProps, CfnScalingPolicy, CfnScalingPolicyProps,
};
use rcdk_cfn::ecs::{service, CfnService, CfnServiceProps};
use rcdk_core::{cfn_format, Aws, Construct, Duration, Expr, Scope};
use rcdk_iam::{IGrantable, IPrincipal};
use rcdk_network::{ISecurityGroup, IVpc, Port, SecurityGroup, SecurityGroupProps, SubnetType};

use crate::alb::{
    ApplicationTargetGroup, IApplicationListener, ITargetGroup, ListenerAction, ListenerCondition, ListenerRuleProps,
    TargetGroupHealthCheck,
};
use crate::cluster::ICluster;
use crate::task::FargateTaskDefinition;

/// The Fargate platform a service's tasks run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FargatePlatformVersion {
    /// The latest version (ECS's choice when none is given).
    Latest,
    /// 1.4.0: EFS volumes, 20 GiB of ephemeral storage and more.
    V1_4_0,
    /// 1.3.0, the version before 1.4.0.
    V1_3_0,
}

impl FargatePlatformVersion {
    /// The version as ECS spells it.
    ///
    /// ```
    /// use rcdk_compute::FargatePlatformVersion;
    /// assert_eq!(FargatePlatformVersion::V1_4_0.as_str(), "1.4.0");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            FargatePlatformVersion::Latest => "LATEST",
            FargatePlatformVersion::V1_4_0 => "1.4.0",
            FargatePlatformVersion::V1_3_0 => "1.3.0",
        }
    }
}

/// A capacity provider a service's tasks run on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CapacityProvider {
    /// On-demand Fargate.
    Fargate,
    /// Fargate Spot: up to 70% cheaper, and tasks may be stopped with two
    /// minutes' notice when AWS needs the capacity back.
    FargateSpot,
    /// A capacity provider of the cluster, by name.
    Named(String),
}

impl CapacityProvider {
    fn name(&self) -> &str {
        match self {
            CapacityProvider::Fargate => "FARGATE",
            CapacityProvider::FargateSpot => "FARGATE_SPOT",
            CapacityProvider::Named(n) => n,
        }
    }
}

/// How many of a service's tasks run on a capacity provider: `base` tasks
/// first, then the rest by `weight` among the strategy's providers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapacityProviderStrategy {
    /// The capacity provider.
    pub capacity_provider: CapacityProvider,
    /// Its share of the tasks beyond the bases, 0 to 1000.
    pub weight: u32,
    /// Tasks to run there before weights count, 0 to 100000; one provider
    /// of a strategy at most has one. Default none.
    pub base: Option<u32>,
}

impl CapacityProviderStrategy {
    /// On-demand Fargate with `weight`.
    ///
    /// ```
    /// use rcdk_compute::CapacityProviderStrategy;
    /// let s = CapacityProviderStrategy { base: Some(1), ..CapacityProviderStrategy::fargate(1) };
    /// assert_eq!(s.weight, 1);
    /// ```
    pub fn fargate(weight: u32) -> Self {
        CapacityProviderStrategy {
            capacity_provider: CapacityProvider::Fargate,
            weight,
            base: None,
        }
    }

    /// Fargate Spot with `weight`.
    ///
    /// ```
    /// use rcdk_compute::{CapacityProvider, CapacityProviderStrategy};
    /// assert_eq!(CapacityProviderStrategy::fargate_spot(3).capacity_provider, CapacityProvider::FargateSpot);
    /// ```
    pub fn fargate_spot(weight: u32) -> Self {
        CapacityProviderStrategy {
            capacity_provider: CapacityProvider::FargateSpot,
            weight,
            base: None,
        }
    }
}

/// The options of a [`FargateService`].
#[derive(Clone, Debug)]
pub struct FargateServiceProps<'a> {
    /// The cluster, defined in the app or imported.
    pub cluster: &'a dyn ICluster,
    /// The task definition.
    pub task_definition: &'a FargateTaskDefinition,
    /// Tasks to keep running. Default 2.
    pub desired_count: u32,
    /// Subnets for the tasks. Default private.
    pub subnets: SubnetType,
    /// A security group to use instead of the service's own. Default none:
    /// the service gets a group (`SecurityGroup`) that admits only what
    /// rules open, and lets tasks out (to pull images).
    pub security_group: Option<&'a dyn ISecurityGroup>,
    /// The Fargate platform version. Default none (ECS's latest).
    pub platform_version: Option<FargatePlatformVersion>,
    /// Where tasks run, for example mostly on Fargate Spot with a base on
    /// Fargate. Default none: on-demand Fargate (`LaunchType: FARGATE`).
    /// `FARGATE` and `FARGATE_SPOT` need a cluster that enables them.
    pub capacity_provider_strategies: Vec<CapacityProviderStrategy>,
}

impl<'a> FargateServiceProps<'a> {
    /// Two tasks of `task_definition` in the cluster's private subnets.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// assert_eq!(FargateServiceProps::new(&cluster, &task).desired_count, 2);
    /// ```
    pub fn new(cluster: &'a dyn ICluster, task_definition: &'a FargateTaskDefinition) -> Self {
        FargateServiceProps {
            cluster,
            task_definition,
            desired_count: 2,
            subnets: SubnetType::Private,
            security_group: None,
            platform_version: None,
            capacity_provider_strategies: Vec::new(),
        }
    }
}

/// An ECS service on Fargate, with its own security group, no public IP and
/// a deployment circuit breaker that rolls back a failed deployment.
///
/// Grants to the service go to its task definition's task role.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{Vpc, VpcProps};
/// use rcdk_compute::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
/// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
/// task.add_container("worker", ContainerOptions::new(ContainerImage::from_registry("busybox")));
/// let service = FargateService::new(&stack, "Worker", FargateServiceProps { desired_count: 1, ..FargateServiceProps::new(&cluster, &task) });
/// let _sg = service.security_group();
/// app.synth().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct FargateService {
    scope: Scope,
    service: CfnService,
    security_group: Rc<dyn ISecurityGroup>,
    own_security_group: Option<SecurityGroup>,
    task_definition: FargateTaskDefinition,
    vpc: Rc<dyn IVpc>,
    cluster_name: Expr<String>,
    task_count: Rc<OnceCell<ScalableTaskCount>>,
}

impl Construct for FargateService {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl FargateService {
    /// Adds a service.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps { enable_fargate_capacity_providers: true, ..ClusterProps::new(&vpc) });
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("worker", ContainerOptions::new(ContainerImage::from_registry("busybox")));
    /// FargateService::new(&stack, "Worker", FargateServiceProps {
    ///     platform_version: Some(FargatePlatformVersion::V1_4_0),
    ///     capacity_provider_strategies: vec![
    ///         CapacityProviderStrategy::fargate_spot(3),
    ///         CapacityProviderStrategy { base: Some(1), ..CapacityProviderStrategy::fargate(1) },
    ///     ],
    ///     ..FargateServiceProps::new(&cluster, &task)
    /// });
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("CapacityProvider: FARGATE_SPOT") && yaml.contains("PlatformVersion: '1.4.0'"), "{yaml}");
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: FargateServiceProps) -> FargateService {
        let node = scope.child(id);
        let vpc = props.cluster.vpc();
        let (security_group, own_security_group): (Rc<dyn ISecurityGroup>, _) = match props.security_group {
            Some(given) => (given.share_security_group(), None),
            None => {
                // Outbound stays open: tasks pull their image from a registry.
                let own = SecurityGroup::new(
                    &node,
                    "SecurityGroup",
                    SecurityGroupProps {
                        allow_all_outbound: true,
                        ..SecurityGroupProps::new(vpc, &format!("{} tasks", node.path()))
                    },
                );
                (Rc::new(own.clone()), Some(own))
            }
        };
        let subnets = vpc.select_subnets(props.subnets, &node);
        let strategy = check_strategy(&node, props.cluster, &props.capacity_provider_strategies);
        let service = CfnService::new(
            &node,
            "Service",
            CfnServiceProps {
                cluster: Some(props.cluster.cluster_name()),
                task_definition: Some(props.task_definition.task_definition_arn()),
                desired_count: Some(props.desired_count.into()),
                launch_type: strategy.is_none().then(|| service::LaunchType::Fargate.into()),
                capacity_provider_strategy: strategy,
                platform_version: props.platform_version.map(|v| v.as_str().into()),
                ..Default::default()
            },
        );
        if !props.capacity_provider_strategies.is_empty() {
            if let Some(associations) = props.cluster.capacity_provider_associations() {
                service.add_depends_on(associations);
            }
        }
        service.set_deployment_configuration(service::DeploymentConfiguration {
            maximum_percent: Some(200.into()),
            minimum_healthy_percent: Some(50.into()),
            deployment_circuit_breaker: Some(service::DeploymentCircuitBreaker::new(true, true)),
            ..Default::default()
        });
        service.set_network_configuration(service::NetworkConfiguration {
            awsvpc_configuration: Some(service::AwsVpcConfiguration {
                assign_public_ip: Some(service::AwsVpcConfigurationAssignPublicIp::Disabled.into()),
                security_groups: Some(vec![security_group.security_group_id()].into()),
                subnets: Some(subnets.into()),
            }),
        });
        FargateService {
            scope: node,
            service,
            security_group,
            own_security_group,
            task_definition: props.task_definition.clone(),
            vpc: vpc.share_vpc(),
            cluster_name: props.cluster.cluster_name(),
            task_count: Rc::default(),
        }
    }

    /// The service's security group: its own, or the one props gave.
    pub fn security_group(&self) -> &dyn ISecurityGroup {
        self.security_group.as_ref()
    }

    /// The security group the service made for its tasks (`SecurityGroup`),
    /// unless props gave one: adjust it with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("worker", ContainerOptions::new(ContainerImage::from_registry("busybox")));
    /// let service = FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    /// service.own_security_group().unwrap().cfn().set_group_name("workers");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("GroupName: workers"));
    /// ```
    pub fn own_security_group(&self) -> Option<&SecurityGroup> {
        self.own_security_group.as_ref()
    }

    /// The service name.
    pub fn service_name(&self) -> Expr<String> {
        self.service.attr_name()
    }

    /// The service's task definition.
    ///
    /// ```
    /// use rcdk_core::{App, Construct, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("worker", ContainerOptions::new(ContainerImage::from_registry("busybox")));
    /// let service = FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    /// assert_eq!(service.task_definition().scope().path(), "S/Task");
    /// ```
    pub fn task_definition(&self) -> &FargateTaskDefinition {
        &self.task_definition
    }

    /// The L1 service, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("worker", ContainerOptions::new(ContainerImage::from_registry("busybox")));
    /// let service = FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    /// service.cfn().set_enable_execute_command(true);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("EnableExecuteCommand: true"));
    /// ```
    pub fn cfn(&self) -> &CfnService {
        &self.service
    }

    /// Registers the service's first container with a port as a target of
    /// an existing target group (of the app, or imported), and, when the
    /// group's load balancer is known, lets that load balancer reach the
    /// tasks on the port. A group whose port differs from the container's
    /// is an error on the service.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("web", ContainerOptions { ports: vec![8080], ..ContainerOptions::new(ContainerImage::from_registry("nginx")) });
    /// let service = FargateService::new(&stack, "Web", FargateServiceProps::new(&cluster, &task));
    /// let shared = ApplicationTargetGroup::from_attributes(&stack, "Shared", TargetGroupAttributes {
    ///     port: Some(8080),
    ///     ..TargetGroupAttributes::new("arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/web/0123456789abcdef")
    /// });
    /// service.attach_to_target_group(&shared);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("targetgroup/web/0123456789abcdef"));
    /// ```
    #[track_caller]
    pub fn attach_to_target_group(&self, target_group: &dyn ITargetGroup) {
        let Some((name, port)) = self.task_definition.default_container() else {
            self.scope.add_error(format!(
                "cannot attach to target group {}: no container of the task definition has a port; give the container the port it listens on (ContainerOptions::ports)",
                target_group.scope().path()
            ));
            return;
        };
        if let Some(target_port) = target_group.port() {
            if target_port != port {
                self.scope.add_error(format!(
                    "target group {} sends to port {target_port} but container {name} listens on {port}; give the target group the container's port ({port}), or map port {target_port} in the container",
                    target_group.scope().path()
                ));
            }
        }
        self.service.push_load_balancers(service::LoadBalancer {
            container_name: Some(name.as_str().into()),
            container_port: Some(i64::from(port).into()),
            target_group_arn: Some(target_group.target_group_arn()),
            ..Default::default()
        });
        if let Some(lb) = target_group.load_balancer_security_group() {
            self.security_group
                .allow_from(lb, Port::tcp(port), "Load balancer to target");
        }
    }

    /// Puts the service behind an existing listener (of the app, or
    /// imported): a new target group `<listener>/<id>Group` on the
    /// container's port, and a rule `<listener>/<id>Rule` forwarding the
    /// requests that match `props.conditions` to it, as the AWS CDK's
    /// `listener.addTargets(id, {priority, conditions})` does. The
    /// listener's load balancer may reach the tasks on the port.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{SecurityGroup, Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("api", ContainerOptions { ports: vec![8080], ..ContainerOptions::new(ContainerImage::from_registry("nginx")) });
    /// let service = FargateService::new(&stack, "Api", FargateServiceProps::new(&cluster, &task));
    /// let lb_sg = SecurityGroup::from_id(&stack, "LbSg", "sg-0a1b2c3d");
    /// let listener = Listener::from_attributes(&stack, "Shared", ListenerAttributes::new(
    ///     "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/fedcba9876543210",
    ///     &lb_sg, 443));
    /// service.register_with_listener(&listener, "Api", ListenerTargetProps::new(10, [ListenerCondition::path_patterns(["/api/*"])]));
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("AWS::ElasticLoadBalancingV2::ListenerRule") && yaml.contains("SourceSecurityGroupId: sg-0a1b2c3d"));
    /// ```
    #[track_caller]
    pub fn register_with_listener(
        &self,
        listener: &dyn IApplicationListener,
        id: &str,
        props: ListenerTargetProps,
    ) -> ApplicationTargetGroup {
        let port = match self.task_definition.default_container() {
            Some((_, port)) => port,
            // attach_to_target_group reports it.
            None => 80,
        };
        let target_group = ApplicationTargetGroup::new(
            listener.scope(),
            &format!("{id}Group"),
            self.vpc.as_ref(),
            port,
            &props.health_check,
        );
        target_group.attach(
            &listener.listener_arn(),
            listener.load_balancer_security_group().share_security_group(),
        );
        let rule = listener.add_rule(
            id,
            ListenerRuleProps {
                priority: props.priority,
                conditions: props.conditions,
                action: ListenerAction::forward(&target_group),
            },
        );
        self.attach_to_target_group(&target_group);
        // The group takes targets once a rule ties it to the load balancer.
        self.service.add_depends_on(&rule);
        target_group
    }

    /// Scales the number of tasks between `min_capacity` and
    /// `max_capacity` with the policies added to the result, as the AWS
    /// CDK's `autoScaleTaskCount` (its scalable target at
    /// `<service>/TaskCount/Target`). Call it once per service.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("worker", ContainerOptions::new(ContainerImage::from_registry("busybox")));
    /// let service = FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    /// let scaling = service.auto_scale_task_count(2, 10);
    /// scaling.scale_on_cpu_utilization("Cpu", UtilizationScalingProps::new(60));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("ECSServiceAverageCPUUtilization"));
    /// ```
    pub fn auto_scale_task_count(&self, min_capacity: u32, max_capacity: u32) -> ScalableTaskCount {
        if let Some(existing) = self.task_count.get() {
            self.scope.add_error(
                "auto_scale_task_count is called a second time; keep the ScalableTaskCount the first call returned and add every policy to it",
            );
            return existing.clone();
        }
        let node = self.scope.child("TaskCount").child("Target");
        if min_capacity > max_capacity || max_capacity == 0 {
            node.add_error(format!(
                "min_capacity {min_capacity} and max_capacity {max_capacity} leave no task count; give a max_capacity of at least 1 and at least min_capacity"
            ));
        }
        let target = CfnScalableTarget::new(
            &node,
            "Resource",
            CfnScalableTargetProps {
                role_arn: Some(cfn_format!(
                    "arn:{}:iam::{}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService",
                    Aws::partition(),
                    Aws::account_id()
                )),
                ..CfnScalableTargetProps::new(
                    i64::from(max_capacity),
                    i64::from(min_capacity),
                    Expr::concat([
                        Expr::from("service/"),
                        self.cluster_name.clone(),
                        Expr::from("/"),
                        self.service.attr_name(),
                    ]),
                    scalable_target::ScalableDimension::EcsServiceDesiredCount,
                    scalable_target::ServiceNamespace::Ecs,
                )
            },
        );
        let count = ScalableTaskCount { scope: node, target };
        let _ = self.task_count.set(count.clone());
        count
    }
}

/// The checks of a capacity provider strategy, each an error on the
/// service, and the strategy as the L1 writes it (`None` when empty).
fn check_strategy(
    node: &Scope,
    cluster: &dyn ICluster,
    strategies: &[CapacityProviderStrategy],
) -> Option<Vec<service::CapacityProviderStrategyItem>> {
    if strategies.is_empty() {
        return None;
    }
    if strategies.iter().all(|s| s.weight == 0) {
        node.add_error("every capacity provider of the strategy has weight 0, so no task can be placed; give at least one a weight above 0");
    }
    if strategies.iter().filter(|s| s.base.is_some()).count() > 1 {
        node.add_error("more than one capacity provider of the strategy has a base; give a base to one provider only");
    }
    for s in strategies {
        let name = s.capacity_provider.name();
        if s.weight > 1000 {
            node.add_error(format!(
                "capacity provider {name} has weight {}; use 0 to 1000",
                s.weight
            ));
        }
        if s.base.is_some_and(|b| b > 100_000) {
            node.add_error(format!(
                "capacity provider {name} has a base over 100000; use 0 to 100000"
            ));
        }
        let fargate = matches!(
            s.capacity_provider,
            CapacityProvider::Fargate | CapacityProvider::FargateSpot
        );
        if fargate && !cluster.has_fargate_capacity_providers() {
            node.add_error(format!(
                "uses capacity provider {name} but cluster {} does not enable the Fargate capacity providers; set enable_fargate_capacity_providers: true in its ClusterProps",
                cluster.scope().path()
            ));
        }
        if strategies
            .iter()
            .filter(|o| o.capacity_provider == s.capacity_provider)
            .count()
            > 1
        {
            node.add_error(format!(
                "capacity provider {name} is in the strategy twice; list each provider once"
            ));
        }
    }
    Some(
        strategies
            .iter()
            .map(|s| service::CapacityProviderStrategyItem {
                base: s.base.map(|b| i64::from(b).into()),
                capacity_provider: Some(s.capacity_provider.name().into()),
                weight: Some(i64::from(s.weight).into()),
            })
            .collect(),
    )
}

/// Grants to a service go to its task definition's task role.
impl IGrantable for FargateService {
    fn grant_principal(&self) -> &dyn IPrincipal {
        self.task_definition.grant_principal()
    }
}

impl rcdk_network::Connectable for FargateService {
    fn connections(&self) -> &dyn ISecurityGroup {
        self.security_group.as_ref()
    }
}

/// The options of [`FargateService::register_with_listener`].
#[derive(Clone, Debug)]
pub struct ListenerTargetProps {
    /// The rule's priority among the listener's rules, 1 to 50000.
    pub priority: u32,
    /// The requests the service takes.
    pub conditions: Vec<ListenerCondition>,
    /// How the new target group checks the tasks. Default `/` every 30 seconds.
    pub health_check: TargetGroupHealthCheck,
}

impl ListenerTargetProps {
    /// The requests matching `conditions`, at `priority`.
    ///
    /// ```
    /// use rcdk_compute::{ListenerCondition, ListenerTargetProps};
    /// let props = ListenerTargetProps::new(10, [ListenerCondition::host_headers(["api.example.com"])]);
    /// assert_eq!(props.health_check.path, "/");
    /// ```
    pub fn new(priority: u32, conditions: impl IntoIterator<Item = ListenerCondition>) -> Self {
        ListenerTargetProps {
            priority,
            conditions: conditions.into_iter().collect(),
            health_check: TargetGroupHealthCheck::default(),
        }
    }
}

/// The scalable task count of a service ([`FargateService::auto_scale_task_count`]):
/// add target tracking policies to it.
#[derive(Clone, Debug)]
pub struct ScalableTaskCount {
    scope: Scope,
    target: CfnScalableTarget,
}

impl Construct for ScalableTaskCount {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

/// The options of a utilization target ([`ScalableTaskCount::scale_on_cpu_utilization`]).
#[derive(Clone, Debug, PartialEq)]
pub struct UtilizationScalingProps {
    /// The average utilization to keep, 1 to 100 percent.
    pub target_utilization_percent: u32,
    /// Time after a scale-in before the next one. Default Application Auto Scaling's (300 seconds).
    pub scale_in_cooldown: Option<Duration>,
    /// Time after a scale-out before the next one. Default Application Auto Scaling's (300 seconds).
    pub scale_out_cooldown: Option<Duration>,
    /// Only ever add tasks (another policy or a person removes them). Default false.
    pub disable_scale_in: bool,
}

impl UtilizationScalingProps {
    /// Keep the average at `target_utilization_percent`.
    ///
    /// ```
    /// use rcdk_core::Duration;
    /// use rcdk_compute::UtilizationScalingProps;
    /// let props = UtilizationScalingProps { scale_in_cooldown: Some(Duration::minutes(10)), ..UtilizationScalingProps::new(50) };
    /// assert_eq!(props.target_utilization_percent, 50);
    /// ```
    pub fn new(target_utilization_percent: u32) -> Self {
        UtilizationScalingProps {
            target_utilization_percent,
            scale_in_cooldown: None,
            scale_out_cooldown: None,
            disable_scale_in: false,
        }
    }
}

/// The options of [`ScalableTaskCount::scale_on_request_count`].
#[derive(Clone, Debug)]
pub struct RequestCountScalingProps<'a> {
    /// Requests per task per minute to keep, at least 1.
    pub requests_per_target: u32,
    /// The target group whose requests count (its load balancer must be known).
    pub target_group: &'a dyn ITargetGroup,
    /// Time after a scale-in before the next one. Default Application Auto Scaling's.
    pub scale_in_cooldown: Option<Duration>,
    /// Time after a scale-out before the next one. Default Application Auto Scaling's.
    pub scale_out_cooldown: Option<Duration>,
}

impl<'a> RequestCountScalingProps<'a> {
    /// Keep `requests_per_target` requests per task per minute through `target_group`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_compute::{ApplicationTargetGroup, RequestCountScalingProps, TargetGroupAttributes};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let tg = ApplicationTargetGroup::from_attributes(&stack, "Tg", TargetGroupAttributes::new(
    ///     "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/web/0123456789abcdef"));
    /// assert_eq!(RequestCountScalingProps::new(1000, &tg).requests_per_target, 1000);
    /// ```
    pub fn new(requests_per_target: u32, target_group: &'a dyn ITargetGroup) -> Self {
        RequestCountScalingProps {
            requests_per_target,
            target_group,
            scale_in_cooldown: None,
            scale_out_cooldown: None,
        }
    }
}

impl ScalableTaskCount {
    /// The L1 scalable target, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("worker", ContainerOptions::new(ContainerImage::from_registry("busybox")));
    /// let service = FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    /// service.auto_scale_task_count(1, 4).cfn().set_max_capacity(8);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("MaxCapacity: 8"));
    /// ```
    pub fn cfn(&self) -> &CfnScalableTarget {
        &self.target
    }

    /// Keeps the tasks' average CPU utilization at the target
    /// (`ECSServiceAverageCPUUtilization`): a policy at `TaskCount/Target/<id>`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("worker", ContainerOptions::new(ContainerImage::from_registry("busybox")));
    /// let service = FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    /// service.auto_scale_task_count(1, 4).scale_on_cpu_utilization("Cpu", UtilizationScalingProps::new(50));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("TargetValue: 50"));
    /// ```
    #[track_caller]
    pub fn scale_on_cpu_utilization(&self, id: &str, props: UtilizationScalingProps) -> CfnScalingPolicy {
        use scaling_policy::PredefinedMetricSpecificationPredefinedMetricType as Metric;
        self.utilization(id, Metric::EcsServiceAverageCpuUtilization, props)
    }

    /// Keeps the tasks' average memory utilization at the target
    /// (`ECSServiceAverageMemoryUtilization`): a policy at `TaskCount/Target/<id>`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("worker", ContainerOptions::new(ContainerImage::from_registry("busybox")));
    /// let service = FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    /// service.auto_scale_task_count(1, 4).scale_on_memory_utilization("Memory", UtilizationScalingProps::new(70));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("ECSServiceAverageMemoryUtilization"));
    /// ```
    #[track_caller]
    pub fn scale_on_memory_utilization(&self, id: &str, props: UtilizationScalingProps) -> CfnScalingPolicy {
        use scaling_policy::PredefinedMetricSpecificationPredefinedMetricType as Metric;
        self.utilization(id, Metric::EcsServiceAverageMemoryUtilization, props)
    }

    /// Keeps the requests per task through a target group at the target
    /// (`ALBRequestCountPerTarget`): a policy at `TaskCount/Target/<id>`.
    /// The group's load balancer must be known (a group of the app's
    /// listeners, or an imported one with its `load_balancer_arn`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let web = LoadBalancedFargateService::new(&stack, "Web", LoadBalancedFargateServiceProps::new(
    ///     &cluster, ContainerImage::from_registry("nginx"), 80));
    /// web.service().auto_scale_task_count(2, 8)
    ///     .scale_on_request_count("Requests", RequestCountScalingProps::new(1000, web.target_group()));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("ALBRequestCountPerTarget"));
    /// ```
    #[track_caller]
    pub fn scale_on_request_count(&self, id: &str, props: RequestCountScalingProps) -> CfnScalingPolicy {
        use scaling_policy::PredefinedMetricSpecificationPredefinedMetricType as Metric;
        let node = self.scope.child(id);
        if props.requests_per_target == 0 {
            node.add_error("requests_per_target is 0; give the requests per task per minute to keep, at least 1");
        }
        let label = props.target_group.request_count_label();
        if label.is_none() {
            node.add_error(format!(
                "target group {} has no known load balancer, so its request count cannot be read; import it with TargetGroupAttributes::load_balancer_arn, or use a group of the app's listeners",
                props.target_group.scope().path()
            ));
        }
        let metric = scaling_policy::PredefinedMetricSpecification {
            resource_label: label,
            ..scaling_policy::PredefinedMetricSpecification::new(Metric::AlbRequestCountPerTarget)
        };
        self.policy(
            node,
            metric,
            i64::from(props.requests_per_target),
            props.scale_in_cooldown,
            props.scale_out_cooldown,
            false,
        )
    }

    fn utilization(
        &self,
        id: &str,
        metric: scaling_policy::PredefinedMetricSpecificationPredefinedMetricType,
        props: UtilizationScalingProps,
    ) -> CfnScalingPolicy {
        let node = self.scope.child(id);
        if !(1..=100).contains(&props.target_utilization_percent) {
            node.add_error(format!(
                "target_utilization_percent is {}; use 1 to 100",
                props.target_utilization_percent
            ));
        }
        self.policy(
            node,
            scaling_policy::PredefinedMetricSpecification::new(metric),
            i64::from(props.target_utilization_percent),
            props.scale_in_cooldown,
            props.scale_out_cooldown,
            props.disable_scale_in,
        )
    }

    fn policy(
        &self,
        node: Scope,
        metric: scaling_policy::PredefinedMetricSpecification,
        target: i64,
        scale_in_cooldown: Option<Duration>,
        scale_out_cooldown: Option<Duration>,
        disable_scale_in: bool,
    ) -> CfnScalingPolicy {
        let cooldown = |name: &str, d: Option<Duration>| {
            d.and_then(|d| match d.to_seconds() {
                Some(s) => Some(Expr::from(s as i64)),
                None => {
                    node.add_error(format!("{name} is {d}; give whole seconds"));
                    None
                }
            })
        };
        // The AWS CDK names a policy by its construct's unique id.
        let name = node.unique_id();
        CfnScalingPolicy::new(
            &node,
            "Resource",
            CfnScalingPolicyProps {
                scaling_target_id: Some(self.target.reference()),
                target_tracking_scaling_policy_configuration: Some(
                    scaling_policy::TargetTrackingScalingPolicyConfiguration {
                        predefined_metric_specification: Some(metric),
                        scale_in_cooldown: cooldown("scale_in_cooldown", scale_in_cooldown),
                        scale_out_cooldown: cooldown("scale_out_cooldown", scale_out_cooldown),
                        disable_scale_in: disable_scale_in.then(|| true.into()),
                        ..scaling_policy::TargetTrackingScalingPolicyConfiguration::new(target)
                    },
                ),
                ..CfnScalingPolicyProps::new(name, scaling_policy::PolicyType::TargetTrackingScaling)
            },
        )
    }
}
