//! Clusters: the ones the app defines ([`Cluster`]) and ones it imports
//! ([`Cluster::from_attributes`]), interchangeable through [`ICluster`].

use std::fmt::Debug;
use std::rc::Rc;

use rcdk_cfn::ecs::{
    cluster::ClusterSettings, CfnCluster, CfnClusterCapacityProviderAssociations,
    CfnClusterCapacityProviderAssociationsProps, CfnClusterProps,
};
use rcdk_core::{cfn_format, Aws, Construct, Expr, Scope};
use rcdk_network::IVpc;

/// A cluster, defined in the app or imported: what services need of it.
pub trait ICluster: Construct + Debug {
    /// The cluster name.
    fn cluster_name(&self) -> Expr<String>;

    /// The cluster ARN.
    fn cluster_arn(&self) -> Expr<String>;

    /// The VPC the cluster's services run in.
    fn vpc(&self) -> &dyn IVpc;

    /// Whether services may use the `FARGATE` and `FARGATE_SPOT` capacity
    /// providers (an imported cluster says so in its attributes).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::{Cluster, ClusterProps, ICluster};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// assert!(!Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc)).has_fargate_capacity_providers());
    /// ```
    fn has_fargate_capacity_providers(&self) -> bool;

    /// The association of the Fargate capacity providers, when the app made
    /// it: services using them depend on it, so they are created after it.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::{Cluster, ClusterProps, ICluster};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps { enable_fargate_capacity_providers: true, ..ClusterProps::new(&vpc) });
    /// cluster.capacity_provider_associations().unwrap().set_capacity_providers(["FARGATE_SPOT"]);
    /// assert!(!app.synth().unwrap().stack("S").unwrap().to_yaml().contains("- FARGATE\n"));
    /// ```
    fn capacity_provider_associations(&self) -> Option<&CfnClusterCapacityProviderAssociations> {
        None
    }
}

/// The options of a [`Cluster`].
#[derive(Clone, Debug)]
pub struct ClusterProps<'a> {
    /// The VPC the cluster's services run in, defined in the app or imported.
    pub vpc: &'a dyn IVpc,
    /// CloudWatch Container Insights. Default on.
    pub container_insights: bool,
    /// Associate the `FARGATE` and `FARGATE_SPOT` capacity providers, so
    /// services can run on Spot capacity
    /// ([`FargateServiceProps::capacity_provider_strategies`](crate::FargateServiceProps::capacity_provider_strategies)).
    /// Default off.
    pub enable_fargate_capacity_providers: bool,
}

impl<'a> ClusterProps<'a> {
    /// A cluster in `vpc` with Container Insights on.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::ClusterProps;
    /// let app = App::new();
    /// let vpc = Vpc::new(&app.stack("S", StackProps::default()), "Vpc", VpcProps::default());
    /// assert!(ClusterProps::new(&vpc).container_insights);
    /// ```
    pub fn new(vpc: &'a dyn IVpc) -> Self {
        ClusterProps {
            vpc,
            container_insights: true,
            enable_fargate_capacity_providers: false,
        }
    }
}

/// An ECS cluster, with Container Insights on unless turned off. Its
/// `AWS::ECS::Cluster` is its `Resource` child and its capacity provider
/// association, when enabled, its `Cluster` child, as in the AWS CDK.
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
    vpc: Rc<dyn IVpc>,
    associations: Option<CfnClusterCapacityProviderAssociations>,
}

impl Construct for Cluster {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Cluster {
    /// Adds a cluster.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::{Cluster, ClusterProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// Cluster::new(&stack, "Cluster", ClusterProps { enable_fargate_capacity_providers: true, ..ClusterProps::new(&vpc) });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("FARGATE_SPOT"));
    /// ```
    #[track_caller]
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
        let associations = props.enable_fargate_capacity_providers.then(|| {
            CfnClusterCapacityProviderAssociations::new(
                &node,
                "Cluster",
                CfnClusterCapacityProviderAssociationsProps {
                    capacity_providers: Some(["FARGATE", "FARGATE_SPOT"].into()),
                    ..CfnClusterCapacityProviderAssociationsProps::new(cluster.reference(), Vec::new())
                },
            )
        });
        Cluster {
            scope: node,
            cluster,
            vpc: props.vpc.share_vpc(),
            associations,
        }
    }

    /// The L1 cluster, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::{Cluster, ClusterProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    /// cluster.cfn().set_cluster_name("orders");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("ClusterName: orders"));
    /// ```
    pub fn cfn(&self) -> &CfnCluster {
        &self.cluster
    }

    /// Imports an existing cluster by name, in a VPC of the app or imported.
    /// It makes no resource; its ARN is built in the stack's partition,
    /// region and account unless given. A literal name is checked (1 to 255
    /// letters, digits, hyphens and underscores).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcAttributes};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::from_attributes(&stack, "Vpc", VpcAttributes {
    ///     private_subnet_ids: vec!["subnet-0a1b2c3d".into(), "subnet-1a2b3c4d".into()],
    ///     ..VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a", "eu-west-1b"])
    /// });
    /// let cluster = Cluster::from_attributes(&stack, "Cluster", ClusterAttributes::new("prod", &vpc));
    /// let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    /// task.add_container("app", ContainerOptions::new(ContainerImage::from_registry("busybox")));
    /// FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("Cluster: prod") && !yaml.contains("AWS::ECS::Cluster\n"));
    /// ```
    #[track_caller]
    pub fn from_attributes(scope: &Scope, id: &str, attributes: ClusterAttributes) -> ImportedCluster {
        let node = scope.child(id);
        if let Some(name) = attributes.cluster_name.value().as_str() {
            if let Some(problem) = invalid_cluster_name(name) {
                node.add_error(format!("Cluster::from_attributes: {problem}"));
            }
        }
        if let Some(arn) = attributes.cluster_arn.as_ref().and_then(|a| a.value().as_str()) {
            let parts: Vec<&str> = arn.splitn(6, ':').collect();
            let ok = matches!(parts.as_slice(), ["arn", p, "ecs", r, a, res] if !p.is_empty() && !r.is_empty() && a.len() == 12 && res.starts_with("cluster/"));
            if !ok {
                node.add_error(format!(
                    "Cluster::from_attributes: cluster_arn {arn:?} is not an ECS cluster ARN; use arn:<partition>:ecs:<region>:<12-digit account>:cluster/<name>, or leave it out"
                ));
            }
        }
        let arn = attributes.cluster_arn.unwrap_or_else(|| {
            cfn_format!(
                "arn:{}:ecs:{}:{}:cluster/{}",
                Aws::partition(),
                Aws::region(),
                Aws::account_id(),
                attributes.cluster_name.clone()
            )
        });
        ImportedCluster {
            scope: node,
            name: attributes.cluster_name,
            arn,
            vpc: attributes.vpc.share_vpc(),
            fargate_capacity_providers: attributes.has_fargate_capacity_providers,
        }
    }
}

fn invalid_cluster_name(name: &str) -> Option<String> {
    if name.starts_with("arn:") {
        return Some(format!(
            "cluster_name {name:?} is an ARN; give the name (the part after cluster/), and the ARN as cluster_arn if you have it"
        ));
    }
    let valid = !name.is_empty()
        && name.len() <= 255
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (!valid).then(|| {
        format!("cluster_name {name:?} is not a cluster name; use 1 to 255 letters, digits, hyphens and underscores")
    })
}

impl ICluster for Cluster {
    fn cluster_name(&self) -> Expr<String> {
        self.cluster.reference()
    }

    fn cluster_arn(&self) -> Expr<String> {
        self.cluster.attr_arn()
    }

    fn vpc(&self) -> &dyn IVpc {
        self.vpc.as_ref()
    }

    fn has_fargate_capacity_providers(&self) -> bool {
        self.associations.is_some()
    }

    fn capacity_provider_associations(&self) -> Option<&CfnClusterCapacityProviderAssociations> {
        self.associations.as_ref()
    }
}

/// What the app knows of a cluster it imports with [`Cluster::from_attributes`].
#[derive(Clone, Debug)]
pub struct ClusterAttributes<'a> {
    /// The cluster name (or a reference to it).
    pub cluster_name: Expr<String>,
    /// The VPC the cluster's services run in.
    pub vpc: &'a dyn IVpc,
    /// The cluster ARN. Default built from the name in the stack's
    /// partition, region and account.
    pub cluster_arn: Option<Expr<String>>,
    /// Whether the cluster has the `FARGATE` and `FARGATE_SPOT` capacity
    /// providers. Default true: the app cannot tell, and a service asking
    /// for them on a cluster without them fails at deploy time.
    pub has_fargate_capacity_providers: bool,
}

impl<'a> ClusterAttributes<'a> {
    /// The cluster named `cluster_name`, its services in `vpc`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcAttributes};
    /// use rcdk_compute::ClusterAttributes;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::from_attributes(&stack, "Vpc", VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a"]));
    /// assert!(ClusterAttributes::new("prod", &vpc).cluster_arn.is_none());
    /// ```
    pub fn new(cluster_name: impl Into<Expr<String>>, vpc: &'a dyn IVpc) -> Self {
        ClusterAttributes {
            cluster_name: cluster_name.into(),
            vpc,
            cluster_arn: None,
            has_fargate_capacity_providers: true,
        }
    }
}

/// A cluster that exists outside the app, imported with [`Cluster::from_attributes`].
#[derive(Clone, Debug)]
pub struct ImportedCluster {
    scope: Scope,
    name: Expr<String>,
    arn: Expr<String>,
    vpc: Rc<dyn IVpc>,
    fargate_capacity_providers: bool,
}

impl Construct for ImportedCluster {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ICluster for ImportedCluster {
    fn cluster_name(&self) -> Expr<String> {
        self.name.clone()
    }

    fn cluster_arn(&self) -> Expr<String> {
        self.arn.clone()
    }

    fn vpc(&self) -> &dyn IVpc {
        self.vpc.as_ref()
    }

    fn has_fargate_capacity_providers(&self) -> bool {
        self.fargate_capacity_providers
    }
}
