use rcdk_core::{Construct, Expr, Scope};
use rcdk_iam::{IGrantable, IPrincipal};
use rcdk_network::ISecurityGroup;

use crate::alb::{
    open_to_internet, ApplicationLoadBalancer, ApplicationLoadBalancerProps, ApplicationTargetGroup, Listener,
    TargetGroupHealthCheck,
};
use crate::cluster::ICluster;
use crate::service::{CapacityProviderStrategy, FargatePlatformVersion, FargateService, FargateServiceProps};
use crate::task::{
    ContainerHealthCheck, ContainerImage, ContainerOptions, FargateTaskDefinition, FargateTaskDefinitionProps, Secret,
};

/// The options of a [`LoadBalancedFargateService`].
#[derive(Clone, Debug)]
pub struct LoadBalancedFargateServiceProps<'a> {
    /// The cluster, defined in the app or imported.
    pub cluster: &'a dyn ICluster,
    /// The container image.
    pub image: ContainerImage,
    /// The port the container listens on, 1 to 65535.
    pub container_port: u16,
    /// The container's name. Default `web`.
    pub container_name: String,
    /// The container's environment variables, in order.
    pub environment: Vec<(String, String)>,
    /// The container's environment variables read from secrets at task
    /// start; the execution role may read exactly those secrets.
    pub secrets: Vec<(String, Secret)>,
    /// The container's own health check. Default none (the target group's
    /// health check still applies).
    pub container_health_check: Option<ContainerHealthCheck>,
    /// Tasks to keep running. Default 2.
    pub desired_count: u32,
    /// CPU units. Default 256.
    pub cpu: u32,
    /// Memory in MiB. Default 512.
    pub memory_mib: u32,
    /// Put the load balancer on the internet, in the public subnets, its
    /// listeners open to every IPv4 address. Default false (internal,
    /// closed until connections open it).
    pub public_load_balancer: bool,
    /// The listener's port. Default 80, or 443 with a certificate.
    pub listener_port: Option<u16>,
    /// An ACM certificate ARN: the listener is HTTPS. Default none (HTTP).
    pub certificate_arn: Option<Expr<String>>,
    /// With a certificate, also listen on port 80 and redirect to HTTPS
    /// (`LB/PublicRedirectListener`, as in the AWS CDK). Default false.
    pub redirect_http: bool,
    /// The target group's health check path. Default `/`.
    pub health_check_path: String,
    /// The Fargate platform version. Default none (ECS's latest).
    pub platform_version: Option<FargatePlatformVersion>,
    /// Where tasks run (Fargate Spot needs a cluster that enables it).
    /// Default none: on-demand Fargate.
    pub capacity_provider_strategies: Vec<CapacityProviderStrategy>,
}

impl<'a> LoadBalancedFargateServiceProps<'a> {
    /// Two tasks of `image` listening on `container_port`, behind an internal load balancer on port 80.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// let props = LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80);
    /// assert_eq!(props.container_name, "web");
    /// ```
    pub fn new(cluster: &'a dyn ICluster, image: ContainerImage, container_port: u16) -> Self {
        LoadBalancedFargateServiceProps {
            cluster,
            image,
            container_port,
            container_name: "web".into(),
            environment: Vec::new(),
            secrets: Vec::new(),
            container_health_check: None,
            desired_count: 2,
            cpu: 256,
            memory_mib: 512,
            public_load_balancer: false,
            listener_port: None,
            certificate_arn: None,
            redirect_http: false,
            health_check_path: "/".into(),
            platform_version: None,
            capacity_provider_strategies: Vec::new(),
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
/// `uniqueTargetGroupId` flag have `ECSPrivateGroup` there). rcdk makes the
/// task role on the first grant (see [`FargateTaskDefinition`]), and no
/// `LoadBalancerDNS` and `ServiceURL` outputs.
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
///     environment: vec![("STAGE".into(), "prod".into())],
///     secrets: vec![("DB_PASSWORD".into(), Secret::from_secrets_manager(
///         "arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf"))],
///     ..LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80)
/// });
/// let _dns = web.load_balancer().dns_name();
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("Name: STAGE") && yaml.contains("secretsmanager:GetSecretValue"));
/// ```
#[derive(Clone, Debug)]
pub struct LoadBalancedFargateService {
    scope: Scope,
    task_definition: FargateTaskDefinition,
    service: FargateService,
    load_balancer: ApplicationLoadBalancer,
    listener: Listener,
    target_group: ApplicationTargetGroup,
    redirect_listener: Option<Listener>,
}

impl Construct for LoadBalancedFargateService {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl LoadBalancedFargateService {
    /// Adds the service and its load balancer.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// LoadBalancedFargateService::new(&stack, "Web", LoadBalancedFargateServiceProps {
    ///     public_load_balancer: true,
    ///     certificate_arn: Some("arn:aws:acm:eu-west-1:111111111111:certificate/abc".into()),
    ///     redirect_http: true,
    ///     ..LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 8080)
    /// });
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("Protocol: HTTPS") && yaml.contains("StatusCode: HTTP_301"));
    /// ```
    #[track_caller]
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
            &props.container_name,
            ContainerOptions {
                ports: vec![props.container_port],
                environment: props.environment,
                secrets: props.secrets,
                health_check: props.container_health_check,
                ..ContainerOptions::new(props.image)
            },
        );
        let load_balancer = ApplicationLoadBalancer::new(
            &node,
            "LB",
            ApplicationLoadBalancerProps {
                internet_facing: props.public_load_balancer,
                ..ApplicationLoadBalancerProps::new(props.cluster.vpc())
            },
        );
        let https = props.certificate_arn.is_some();
        let listener_port = props.listener_port.unwrap_or(if https { 443 } else { 80 });
        // The CDK pattern's names: `LB/PublicListener/ECSGroup`.
        let (listener, target_group) = load_balancer.listener_with_targets(
            "PublicListener",
            "ECS",
            listener_port,
            props.certificate_arn.into_iter().collect(),
            props.container_port,
            &TargetGroupHealthCheck::path(&props.health_check_path),
        );
        let redirect_listener = if props.redirect_http {
            if !https {
                node.add_error("redirect_http redirects to HTTPS, and the listener has no certificate; give a certificate_arn, or drop redirect_http");
                None
            } else if listener_port == 80 {
                node.add_error("redirect_http listens on port 80, which the HTTPS listener already takes; give the HTTPS listener another listener_port (443)");
                None
            } else {
                Some(load_balancer.add_redirect_listener("PublicRedirectListener", 80, listener_port))
            }
        } else {
            None
        };
        if props.public_load_balancer {
            let group = load_balancer.security_group();
            open_to_internet(group, listener_port);
            if redirect_listener.is_some() {
                open_to_internet(group, 80);
            }
        }
        let service = FargateService::new(
            &node,
            "Service",
            FargateServiceProps {
                desired_count: props.desired_count,
                platform_version: props.platform_version,
                capacity_provider_strategies: props.capacity_provider_strategies,
                ..FargateServiceProps::new(props.cluster, &task_definition)
            },
        );
        service.attach_to_target_group(&target_group);
        service.cfn().add_depends_on(listener.cfn());
        LoadBalancedFargateService {
            scope: node,
            task_definition,
            service,
            load_balancer,
            listener,
            target_group,
            redirect_listener,
        }
    }

    /// The listener (the target of an API integration).
    pub fn listener(&self) -> &Listener {
        &self.listener
    }

    /// The HTTP listener redirecting to HTTPS, with `redirect_http`.
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
    /// assert!(web.redirect_listener().is_none());
    /// ```
    pub fn redirect_listener(&self) -> Option<&Listener> {
        self.redirect_listener.as_ref()
    }

    /// The target group of the service's tasks (`LB/PublicListener/ECSGroup`).
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
    /// web.target_group().cfn().set_health_check_timeout_seconds(10);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("HealthCheckTimeoutSeconds: 10"));
    /// ```
    pub fn target_group(&self) -> &ApplicationTargetGroup {
        &self.target_group
    }

    /// The load balancer.
    pub fn load_balancer(&self) -> &ApplicationLoadBalancer {
        &self.load_balancer
    }

    /// The service.
    pub fn service(&self) -> &FargateService {
        &self.service
    }

    /// The task definition (add containers, such as sidecars, to it).
    pub fn task_definition(&self) -> &FargateTaskDefinition {
        &self.task_definition
    }
}

/// Grants to the pattern go to its task definition's task role.
impl IGrantable for LoadBalancedFargateService {
    fn grant_principal(&self) -> &dyn IPrincipal {
        self.task_definition.grant_principal()
    }
}

impl rcdk_network::Connectable for LoadBalancedFargateService {
    fn connections(&self) -> &dyn ISecurityGroup {
        self.service.security_group()
    }
}
