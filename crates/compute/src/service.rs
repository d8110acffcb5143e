use rcdk_cfn::ecs::{service, CfnService, CfnServiceProps};
use rcdk_core::{Construct, Expr, Scope};
use rcdk_network::{SecurityGroup, SecurityGroupProps, SubnetType};

use crate::cluster::Cluster;
use crate::task::FargateTaskDefinition;

/// The options of a [`FargateService`].
#[derive(Clone, Debug)]
pub struct FargateServiceProps<'a> {
    /// The cluster.
    pub cluster: &'a Cluster,
    /// The task definition.
    pub task_definition: &'a FargateTaskDefinition,
    /// Tasks to keep running. Default 2.
    pub desired_count: u32,
    /// Subnets for the tasks. Default private.
    pub subnets: SubnetType,
}

impl<'a> FargateServiceProps<'a> {
    /// Two tasks of `task_definition` in the cluster's private subnets.
    pub fn new(cluster: &'a Cluster, task_definition: &'a FargateTaskDefinition) -> Self {
        FargateServiceProps {
            cluster,
            task_definition,
            desired_count: 2,
            subnets: SubnetType::Private,
        }
    }
}

/// An ECS service on Fargate, with its own security group and no public IP.
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
    security_group: SecurityGroup,
}

impl Construct for FargateService {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl FargateService {
    /// Adds a service.
    pub fn new(scope: &Scope, id: &str, props: FargateServiceProps) -> FargateService {
        let node = scope.child(id);
        // Outbound stays open: tasks pull their image from a registry.
        let security_group = SecurityGroup::new(
            &node,
            "SecurityGroup",
            SecurityGroupProps {
                allow_all_outbound: true,
                ..SecurityGroupProps::new(props.cluster.vpc(), &format!("{} tasks", node.path()))
            },
        );
        let subnets = props.cluster.vpc().select_subnets(props.subnets, &node);
        let service = CfnService::new(
            &node,
            "Service",
            CfnServiceProps {
                cluster: Some(props.cluster.cluster_name()),
                task_definition: Some(props.task_definition.task_definition_arn()),
                desired_count: Some(props.desired_count.into()),
                launch_type: Some(rcdk_cfn::ecs::service::LaunchType::Fargate.into()),
                ..Default::default()
            },
        );
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
        }
    }

    /// The service's security group.
    pub fn security_group(&self) -> &SecurityGroup {
        &self.security_group
    }

    /// The service name.
    pub fn service_name(&self) -> Expr<String> {
        self.service.attr_name()
    }

    /// The L1 service.
    pub fn cfn(&self) -> &CfnService {
        &self.service
    }
}

impl rcdk_network::Connectable for FargateService {
    fn connections(&self) -> &rcdk_network::SecurityGroup {
        &self.security_group
    }
}
