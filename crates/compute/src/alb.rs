use rcdk_cfn::elastic_load_balancing_v2::*;
use rcdk_core::{Construct, Expr, Scope};
use rcdk_network::{SecurityGroup, SecurityGroupProps, SubnetType, Vpc};

/// The options of an [`ApplicationLoadBalancer`].
#[derive(Clone, Debug)]
pub struct ApplicationLoadBalancerProps<'a> {
    /// The VPC.
    pub vpc: &'a Vpc,
    /// Reachable from the internet. Default false: internal, in private subnets.
    pub internet_facing: bool,
}

/// An application load balancer with its own security group, which admits
/// only what listeners and connections open.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{Vpc, VpcProps};
/// use rcdk_compute::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps { vpc: &vpc, internet_facing: false });
/// let listener = lb.add_http_listener("Http", 80, 8080, "/health");
/// assert_eq!(listener.port(), 80);
/// app.synth().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct ApplicationLoadBalancer {
    scope: Scope,
    lb: CfnLoadBalancer,
    security_group: SecurityGroup,
    vpc: Vpc,
}

impl Construct for ApplicationLoadBalancer {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

/// A listener with a target group of IP targets.
#[derive(Clone, Debug)]
pub struct Listener {
    scope: Scope,
    listener: CfnListener,
    target_group: CfnTargetGroup,
    port: u16,
    lb_security_group: SecurityGroup,
}

impl Construct for Listener {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ApplicationLoadBalancer {
    /// Adds a load balancer.
    pub fn new(scope: &Scope, id: &str, props: ApplicationLoadBalancerProps) -> ApplicationLoadBalancer {
        let node = scope.child(id);
        let security_group = SecurityGroup::new(
            &node,
            "SecurityGroup",
            SecurityGroupProps::new(props.vpc, &format!("{} load balancer", node.path())),
        );
        let subnets = if props.internet_facing {
            props.vpc.select_subnets(SubnetType::Public, &node)
        } else {
            props.vpc.private_subnet_ids()
        };
        let lb = CfnLoadBalancer::new(
            &node,
            "Resource",
            CfnLoadBalancerProps {
                scheme: Some(
                    if props.internet_facing {
                        load_balancer::Scheme::InternetFacing
                    } else {
                        load_balancer::Scheme::Internal
                    }
                    .into(),
                ),
                r#type: Some(load_balancer::Type::Application.into()),
                subnets: Some(subnets.into()),
                security_groups: Some(vec![security_group.security_group_id()].into()),
                ..Default::default()
            },
        );
        lb.set_load_balancer_attributes(vec![load_balancer::LoadBalancerAttribute {
            key: Some("routing.http.drop_invalid_header_fields.enabled".into()),
            value: Some("true".into()),
        }]);
        ApplicationLoadBalancer {
            scope: node,
            lb,
            security_group,
            vpc: props.vpc.clone(),
        }
    }

    /// The load balancer's security group.
    pub fn security_group(&self) -> &SecurityGroup {
        &self.security_group
    }

    /// The load balancer ARN.
    pub fn load_balancer_arn(&self) -> Expr<String> {
        self.lb.reference()
    }

    /// The DNS name.
    pub fn dns_name(&self) -> Expr<String> {
        self.lb.attr_dns_name()
    }

    /// Adds an HTTP listener on `port` forwarding to a new target group of IP
    /// targets on `target_port`, health-checked on `health_check_path`. The
    /// target group sits at `<id>/TargetGroup/Resource`, where the CDK's
    /// `listener.addTargets('Target', ...)` puts it.
    pub fn add_http_listener(&self, id: &str, port: u16, target_port: u16, health_check_path: &str) -> Listener {
        self.http_listener(id, "Target", port, target_port, health_check_path)
    }

    /// [`add_http_listener`](Self::add_http_listener) with the CDK's
    /// `addTargets(targets_id)` naming: the group is `<targets_id>Group`.
    pub(crate) fn http_listener(
        &self,
        id: &str,
        targets_id: &str,
        port: u16,
        target_port: u16,
        health_check_path: &str,
    ) -> Listener {
        let node = self.scope.child(id);
        let target_group = CfnTargetGroup::new(
            &node.child(&format!("{targets_id}Group")),
            "Resource",
            CfnTargetGroupProps {
                port: Some(target_port.into()),
                protocol: Some(target_group::Protocol::Http.into()),
                target_type: Some(target_group::TargetType::Ip.into()),
                vpc_id: Some(self.vpc.vpc_id()),
                health_check_path: Some(health_check_path.into()),
                health_check_protocol: Some(target_group::HealthCheckProtocol::Http.into()),
                health_check_interval_seconds: Some(30.into()),
                healthy_threshold_count: Some(2.into()),
                unhealthy_threshold_count: Some(3.into()),
                ..Default::default()
            },
        );
        let listener = CfnListener::new(
            &node,
            "Resource",
            CfnListenerProps {
                port: Some(port.into()),
                protocol: Some(listener::Protocol::Http.into()),
                ..CfnListenerProps::new(
                    vec![listener::Action {
                        target_group_arn: Some(target_group.reference()),
                        ..listener::Action::new(listener::ActionType::Forward)
                    }],
                    self.lb.reference(),
                )
            },
        );
        Listener {
            scope: node,
            listener,
            target_group,
            port,
            lb_security_group: self.security_group.clone(),
        }
    }
}

impl Listener {
    /// The listener ARN.
    pub fn listener_arn(&self) -> Expr<String> {
        self.listener.reference()
    }

    /// The listener's port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The target group ARN.
    pub fn target_group_arn(&self) -> Expr<String> {
        self.target_group.reference()
    }

    /// The L1 listener.
    pub fn cfn(&self) -> &CfnListener {
        &self.listener
    }

    /// Admits traffic to the listener's port from `peer` (for example a VPC link's group).
    pub fn allow_from(&self, peer: &SecurityGroup, description: &str) {
        self.lb_security_group
            .allow_from(peer, rcdk_network::Port::tcp(self.port), description);
    }

    pub(crate) fn lb_security_group(&self) -> &SecurityGroup {
        &self.lb_security_group
    }
}

impl rcdk_network::Connectable for ApplicationLoadBalancer {
    fn connections(&self) -> &rcdk_network::SecurityGroup {
        &self.security_group
    }
}
