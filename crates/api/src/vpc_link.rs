//! VPC links: how an HTTP API reaches private load balancers.

use std::rc::Rc;

use rcdk_cfn::api_gateway_v2::{CfnVpcLink, CfnVpcLinkProps};
use rcdk_core::{Construct, Expr, Scope};
use rcdk_network::{ISecurityGroup, IVpc, SecurityGroup, SecurityGroupProps, SubnetType};

/// The options of a [`VpcLink`].
#[derive(Clone, Debug)]
pub struct VpcLinkProps<'a> {
    /// The VPC to reach into, defined in the app or imported.
    pub vpc: &'a dyn IVpc,
}

/// A VPC link for HTTP APIs, in the VPC's private subnets, with its own
/// security group (outbound only to what integrations open).
///
/// Unlike the AWS CDK's `VpcLink`, which has no security group unless given
/// one, rcdk always makes one (`<id>/SecurityGroup`, the ID the CDK gives a
/// group added there) so the load balancer can admit the link and nothing else.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{Vpc, VpcProps};
/// use rcdk_compute::*;
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
/// let web = LoadBalancedFargateService::new(&stack, "Web", LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80));
/// let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &vpc });
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// api.add_route("GET /items", &AlbIntegration::new("WebIntegration", web.listener(), &link), RouteAuth::Iam);
/// app.synth().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct VpcLink {
    scope: Scope,
    link: CfnVpcLink,
    security_group: SecurityGroup,
    vpc: Rc<dyn IVpc>,
}

impl Construct for VpcLink {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl VpcLink {
    /// Adds a VPC link in `props.vpc`'s private subnets (an error if it has
    /// none, as in a VPC without NAT gateways).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcAttributes};
    /// use rcdk_api::{VpcLink, VpcLinkProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::from_attributes(&stack, "Shared", VpcAttributes {
    ///     private_subnet_ids: vec!["subnet-0a1b2c3d".into(), "subnet-1a2b3c4d".into()],
    ///     ..VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a", "eu-west-1b"])
    /// });
    /// VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &vpc });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("subnet-0a1b2c3d"));
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: VpcLinkProps) -> VpcLink {
        let node = scope.child(id);
        let security_group = SecurityGroup::new(
            &node,
            "SecurityGroup",
            SecurityGroupProps::new(props.vpc, &format!("{} VPC link", node.path())),
        );
        let subnets = props.vpc.select_subnets(SubnetType::Private, &node);
        let link = CfnVpcLink::new(
            &node,
            "Resource",
            CfnVpcLinkProps {
                security_group_ids: Some(vec![security_group.security_group_id()].into()),
                ..CfnVpcLinkProps::new(node.path().replace('/', "-"), subnets)
            },
        );
        VpcLink {
            scope: node,
            link,
            security_group,
            vpc: props.vpc.share_vpc(),
        }
    }

    /// The VPC link id.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_api::{VpcLink, VpcLinkProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &Vpc::new(&stack, "Vpc", VpcProps::default()) });
    /// assert!(!link.vpc_link_id().is_literal());
    /// ```
    pub fn vpc_link_id(&self) -> Expr<String> {
        self.link.reference()
    }

    /// The link's security group, which load balancers admit.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_api::{VpcLink, VpcLinkProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &Vpc::new(&stack, "Vpc", VpcProps::default()) });
    /// link.security_group().cfn().set_group_name("api-link");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("GroupName: api-link"));
    /// ```
    pub fn security_group(&self) -> &SecurityGroup {
        &self.security_group
    }

    /// The VPC the link reaches into.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{IVpc, Vpc, VpcAttributes};
    /// use rcdk_api::{VpcLink, VpcLinkProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::from_attributes(&stack, "Shared", VpcAttributes {
    ///     private_subnet_ids: vec!["subnet-0a1b2c3d".into()],
    ///     ..VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a"])
    /// });
    /// let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &vpc });
    /// assert_eq!(link.vpc().vpc_id().value().as_str(), Some("vpc-0a1b2c3d"));
    /// ```
    pub fn vpc(&self) -> &dyn IVpc {
        self.vpc.as_ref()
    }

    /// The L1 VPC link, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_api::{VpcLink, VpcLinkProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &Vpc::new(&stack, "Vpc", VpcProps::default()) });
    /// link.cfn().set_name("orders-link");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Name: orders-link"));
    /// ```
    pub fn cfn(&self) -> &CfnVpcLink {
        &self.link
    }
}

impl rcdk_network::Connectable for VpcLink {
    fn connections(&self) -> &dyn ISecurityGroup {
        &self.security_group
    }
}
