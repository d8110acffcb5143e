use rcdk_cfn::ecs::{cluster::ClusterSettings, CfnCluster, CfnClusterProps};
use rcdk_core::{Construct, Expr, Scope};
use rcdk_network::Vpc;

/// The options of a [`Cluster`].
#[derive(Clone, Debug)]
pub struct ClusterProps<'a> {
    /// The VPC the cluster's services run in.
    pub vpc: &'a Vpc,
    /// CloudWatch Container Insights. Default on.
    pub container_insights: bool,
}

impl<'a> ClusterProps<'a> {
    /// A cluster in `vpc` with Container Insights on.
    pub fn new(vpc: &'a Vpc) -> Self {
        ClusterProps {
            vpc,
            container_insights: true,
        }
    }
}

/// An ECS cluster, with Container Insights on unless turned off. Its
/// `AWS::ECS::Cluster` is its `Resource` child, as in the AWS CDK.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{Vpc, VpcProps};
/// use rcdk_compute::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let cluster = Cluster::new(&stack, "Cluster", ClusterProps { container_insights: false, ..ClusterProps::new(&vpc) });
/// let _name = cluster.cluster_name();
/// app.synth().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Cluster {
    scope: Scope,
    cluster: CfnCluster,
    vpc: Vpc,
}

impl Construct for Cluster {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Cluster {
    /// Adds a cluster.
    pub fn new(scope: &Scope, id: &str, props: ClusterProps) -> Cluster {
        let node = scope.child(id);
        let cluster = CfnCluster::new(
            &node,
            "Resource",
            CfnClusterProps {
                cluster_settings: Some(vec![ClusterSettings {
                    name: Some("containerInsights".into()),
                    value: Some(
                        if props.container_insights {
                            "enabled"
                        } else {
                            "disabled"
                        }
                        .into(),
                    ),
                }]),
                ..Default::default()
            },
        );
        Cluster {
            scope: node,
            cluster,
            vpc: props.vpc.clone(),
        }
    }

    /// The cluster name (its `Ref`).
    pub fn cluster_name(&self) -> Expr<String> {
        self.cluster.reference()
    }

    /// The cluster ARN.
    pub fn cluster_arn(&self) -> Expr<String> {
        self.cluster.attr_arn()
    }

    /// The cluster's VPC.
    pub fn vpc(&self) -> &Vpc {
        &self.vpc
    }
}
