use rcdk_core::{Construct, Scope};
use rcdk_network::Port;

use crate::alb::{ApplicationLoadBalancer, ApplicationLoadBalancerProps, Listener};
use crate::cluster::Cluster;
use crate::service::{FargateService, FargateServiceProps};
use crate::task::{ContainerImage, ContainerOptions, FargateTaskDefinition, FargateTaskDefinitionProps};

/// The options of a [`LoadBalancedFargateService`].
#[derive(Clone, Debug)]
pub struct LoadBalancedFargateServiceProps<'a> {
    /// The cluster.
    pub cluster: &'a Cluster,
    /// The container image.
    pub image: ContainerImage,
    /// The port the container listens on.
    pub container_port: u16,
    /// Tasks to keep running. Default 2.
    pub desired_count: u32,
    /// CPU units. Default 256.
    pub cpu: u32,
    /// Memory in MiB. Default 512.
    pub memory_mib: u32,
    /// Put the load balancer on the internet. Default false (internal).
    pub public_load_balancer: bool,
    /// The listener's port. Default 80.
    pub listener_port: u16,
    /// The target group's health check path. Default `/`.
    pub health_check_path: String,
}

impl<'a> LoadBalancedFargateServiceProps<'a> {
    /// Two tasks of `image` listening on `container_port`, behind an internal load balancer on port 80.
    pub fn new(cluster: &'a Cluster, image: ContainerImage, container_port: u16) -> Self {
        LoadBalancedFargateServiceProps {
            cluster,
            image,
            container_port,
            desired_count: 2,
            cpu: 256,
            memory_mib: 512,
            public_load_balancer: false,
            listener_port: 80,
            health_check_path: "/".into(),
        }
    }
}

/// A Fargate service behind an application load balancer: task definition,
/// service in private subnets, load balancer, listener, IP target group, and
/// security group rules that let the load balancer, and only it, reach the
/// tasks on the container port.
///
/// Construct paths are those of the AWS CDK's
/// `ApplicationLoadBalancedFargateService` without feature flags (the target
/// group at `LB/PublicListener/ECSGroup`; projects with the CDK's
/// `uniqueTargetGroupId` flag have `ECSPrivateGroup` there). rcdk makes no
/// task role (see [`FargateTaskDefinition`]) and no `LoadBalancerDNS` and
/// `ServiceURL` outputs.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{Vpc, VpcProps};
/// use rcdk_compute::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
/// let web = LoadBalancedFargateService::new(&stack, "Web", LoadBalancedFargateServiceProps {
///     desired_count: 3,
///     ..LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80)
/// });
/// let _dns = web.load_balancer().dns_name();
/// app.synth().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct LoadBalancedFargateService {
    scope: Scope,
    task_definition: FargateTaskDefinition,
    service: FargateService,
    load_balancer: ApplicationLoadBalancer,
    listener: Listener,
}

impl Construct for LoadBalancedFargateService {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl LoadBalancedFargateService {
    /// Adds the service and its load balancer.
    pub fn new(scope: &Scope, id: &str, props: LoadBalancedFargateServiceProps) -> LoadBalancedFargateService {
        let node = scope.child(id);
        let task_definition = FargateTaskDefinition::new(
            &node,
            "TaskDef",
            FargateTaskDefinitionProps {
                cpu: props.cpu,
                memory_mib: props.memory_mib,
                task_role: false,
            },
        );
        task_definition.add_container(
            "web",
            ContainerOptions {
                ports: vec![props.container_port],
                ..ContainerOptions::new(props.image)
            },
        );
        let load_balancer = ApplicationLoadBalancer::new(
            &node,
            "LB",
            ApplicationLoadBalancerProps {
                vpc: props.cluster.vpc(),
                internet_facing: props.public_load_balancer,
            },
        );
        // The CDK pattern's names: `LB/PublicListener/ECSGroup`.
        let listener = load_balancer.http_listener(
            "PublicListener",
            "ECS",
            props.listener_port,
            props.container_port,
            &props.health_check_path,
        );
        let service = FargateService::new(
            &node,
            "Service",
            FargateServiceProps {
                desired_count: props.desired_count,
                ..FargateServiceProps::new(props.cluster, &task_definition)
            },
        );
        if let Some((name, port)) = task_definition.default_container() {
            service
                .cfn()
                .set_load_balancers(vec![rcdk_cfn::ecs::service::LoadBalancer {
                    container_name: Some(name.as_str().into()),
                    container_port: Some(i64::from(port).into()),
                    target_group_arn: Some(listener.target_group_arn()),
                    ..Default::default()
                }]);
        }
        service.cfn().add_depends_on(listener.cfn());
        service.security_group().allow_from(
            listener.lb_security_group(),
            Port::tcp(props.container_port),
            "Load balancer to target",
        );
        LoadBalancedFargateService {
            scope: node,
            task_definition,
            service,
            load_balancer,
            listener,
        }
    }

    /// The listener (the target of an API integration).
    pub fn listener(&self) -> &Listener {
        &self.listener
    }

    /// The load balancer.
    pub fn load_balancer(&self) -> &ApplicationLoadBalancer {
        &self.load_balancer
    }

    /// The service.
    pub fn service(&self) -> &FargateService {
        &self.service
    }

    /// The task definition.
    pub fn task_definition(&self) -> &FargateTaskDefinition {
        &self.task_definition
    }
}

impl rcdk_network::Connectable for LoadBalancedFargateService {
    fn connections(&self) -> &rcdk_network::SecurityGroup {
        self.service.security_group()
    }
}
