//! VPCs: the one the app defines ([`Vpc`]) and ones it imports
//! ([`Vpc::from_attributes`]), interchangeable through [`IVpc`].

use std::fmt::Debug;
use std::rc::Rc;

use rcdk_cfn::ec2::*;
use rcdk_core::{Aws, Construct, Expr, Scope};
use rcdk_iam::Role;
use rcdk_logs::LogGroup;

use crate::cidr::Cidr;

/// A VPC, defined in the app or imported: what subnets, security groups,
/// clusters and load balancers need of it.
pub trait IVpc: Construct + Debug + ShareVpc {
    /// The VPC id.
    fn vpc_id(&self) -> Expr<String>;

    /// The availability zones the VPC's subnets are in, one per zone.
    ///
    /// ```
    /// use rcdk_core::{App, Environment, StackProps};
    /// use rcdk_network::{IVpc, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps { env: Environment::new("111111111111", "eu-west-1"), ..Default::default() });
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// assert_eq!(vpc.availability_zones()[1].value().as_str(), Some("eu-west-1b"));
    /// ```
    fn availability_zones(&self) -> Vec<Expr<String>>;

    /// Ids of the public subnets (routed to an internet gateway), one per zone.
    fn public_subnet_ids(&self) -> Vec<Expr<String>>;

    /// Ids of the private subnets with egress (routed through NAT), one per
    /// zone; none in a VPC without NAT gateways, whose private subnets are
    /// isolated.
    fn private_subnet_ids(&self) -> Vec<Expr<String>>;

    /// Ids of the isolated subnets (no route out of the VPC), one per zone.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{IVpc, NatGateways, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps { nat_gateways: NatGateways::None, ..Default::default() });
    /// assert_eq!(vpc.isolated_subnet_ids().len(), 2);
    /// assert!(vpc.private_subnet_ids().is_empty());
    /// ```
    fn isolated_subnet_ids(&self) -> Vec<Expr<String>>;

    /// Ids of the subnets of a type. Asking for a type the VPC does not have
    /// is an error on `by` (reported by synthesis) and returns no subnets.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{IVpc, SubnetType, Vpc, VpcAttributes};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::from_attributes(&stack, "Shared", VpcAttributes {
    ///     isolated_subnet_ids: vec!["subnet-0a1b2c3d".into(), "subnet-1a2b3c4d".into()],
    ///     ..VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a", "eu-west-1b"])
    /// });
    /// assert_eq!(vpc.select_subnets(SubnetType::Isolated, &stack).len(), 2);
    /// assert!(vpc.select_subnets(SubnetType::Private, &stack).is_empty());
    /// assert!(app.synth().is_err());
    /// ```
    fn select_subnets(&self, subnet_type: SubnetType, by: &Scope) -> Vec<Expr<String>> {
        let (ids, name) = match subnet_type {
            SubnetType::Public => (self.public_subnet_ids(), "public"),
            SubnetType::Private => (self.private_subnet_ids(), "private"),
            SubnetType::Isolated => (self.isolated_subnet_ids(), "isolated"),
        };
        if ids.is_empty() {
            let has: Vec<&str> = [
                ("public", self.public_subnet_ids()),
                ("private", self.private_subnet_ids()),
                ("isolated", self.isolated_subnet_ids()),
            ]
            .into_iter()
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(n, _)| n)
            .collect();
            let has = if has.is_empty() {
                "none".to_owned()
            } else {
                format!("only {}", has.join(" and "))
            };
            by.add_error(format!(
                "asks for {name} subnets but the VPC {} has {has}; select a subnet type it has, or give it {name} subnets (VpcAttributes::{name}_subnet_ids for an imported VPC)",
                self.scope().path()
            ));
        }
        ids
    }
}

/// Lets a construct keep a VPC it was lent as `&dyn IVpc` (a cluster keeps
/// its VPC for the services placed in it). Every `IVpc` that is `Clone`, as
/// rcdk's are, has it.
pub trait ShareVpc {
    /// A shared handle to the same VPC.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{IVpc, ShareVpc, Vpc, VpcAttributes};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let lent: &dyn IVpc = &Vpc::from_attributes(&stack, "Vpc", VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a"]));
    /// let kept = lent.share_vpc();
    /// assert_eq!(kept.vpc_id().value().as_str(), Some("vpc-0a1b2c3d"));
    /// ```
    fn share_vpc(&self) -> Rc<dyn IVpc>;
}

impl<T: IVpc + Clone + 'static> ShareVpc for T {
    fn share_vpc(&self) -> Rc<dyn IVpc> {
        Rc::new(self.clone())
    }
}

/// How many NAT gateways a [`Vpc`] gets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NatGateways {
    /// One per availability zone: private subnets keep egress when a zone fails (the default).
    #[default]
    PerAz,
    /// One, shared by every private subnet: cheaper, one zone's failure cuts egress.
    One,
    /// None: the private subnets are isolated.
    None,
}

/// Which subnets to place something in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SubnetType {
    /// Routed to the internet gateway.
    Public,
    /// Routed to the internet through NAT gateways.
    Private,
    /// No route out of the VPC (private subnets of a VPC without NAT).
    Isolated,
}

/// The options of a [`Vpc`].
#[derive(Clone, Debug)]
pub struct VpcProps {
    /// The VPC's block; subnets are carved out of it evenly. Default `10.0.0.0/16`.
    pub cidr: String,
    /// Availability zones to span (1 to 6). Default 2.
    pub max_azs: u32,
    /// NAT gateways. Default one per zone.
    pub nat_gateways: NatGateways,
    /// Log all traffic of the VPC to a CloudWatch Logs log group (30 days'
    /// retention) through a role that may write only there. Default on.
    pub flow_logs: bool,
}

impl Default for VpcProps {
    fn default() -> Self {
        VpcProps {
            cidr: "10.0.0.0/16".into(),
            max_azs: 2,
            nat_gateways: NatGateways::PerAz,
            flow_logs: true,
        }
    }
}

/// A VPC with a public and a private subnet in each of `max_azs` zones, an
/// internet gateway, NAT gateways and the route tables that tie them
/// together. Construct ids follow the AWS CDK's `Vpc`, so logical IDs match a
/// CDK-built VPC of the same id (without NAT gateways the private subnets are
/// `IsolatedSubnetN`, as in the CDK). Unlike the CDK's, rcdk's VPC has a flow
/// log by default, at the CDK's `FlowLog` paths.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{IVpc, Vpc, VpcProps, NatGateways};
/// let app = App::new();
/// let stack = app.stack("Net", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps { max_azs: 3, nat_gateways: NatGateways::One, ..Default::default() });
/// assert_eq!(vpc.public_subnet_ids().len(), 3);
/// ```
#[derive(Clone, Debug)]
pub struct Vpc {
    scope: Scope,
    vpc: CfnVpc,
    public: Vec<CfnSubnet>,
    private: Vec<CfnSubnet>,
    isolated: bool,
    cidr: String,
    azs: Vec<Expr<String>>,
    internet_gateway: CfnInternetGateway,
    nat_gateways: Vec<CfnNatGateway>,
    flow_log: Option<FlowLog>,
}

/// The flow log of a [`Vpc`]: the log group it writes to, the role it
/// writes with, and the `AWS::EC2::FlowLog`, at the AWS CDK's `FlowLog` paths.
#[derive(Clone, Debug)]
pub struct FlowLog {
    log_group: LogGroup,
    role: Role,
    flow_log: CfnFlowLog,
}

impl FlowLog {
    /// The log group the flow log writes to (`FlowLog/LogGroup`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// vpc.flow_log().unwrap().log_group().cfn().set_retention_in_days(90);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("RetentionInDays: 90"));
    /// ```
    pub fn log_group(&self) -> &LogGroup {
        &self.log_group
    }

    /// The role VPC Flow Logs assumes to write (`FlowLog/IAMRole`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// vpc.flow_log().unwrap().role().cfn().set_max_session_duration(7200);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("MaxSessionDuration: 7200"));
    /// ```
    pub fn role(&self) -> &Role {
        &self.role
    }

    /// The L1 flow log (`FlowLog/FlowLog`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// vpc.flow_log().unwrap().cfn().set_max_aggregation_interval(60);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("MaxAggregationInterval: 60"));
    /// ```
    pub fn cfn(&self) -> &CfnFlowLog {
        &self.flow_log
    }
}

impl Construct for Vpc {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Vpc {
    /// Adds a VPC.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: VpcProps) -> Vpc {
        let node = scope.child(id);
        let azs = props.max_azs.clamp(1, 6);
        if props.max_azs != azs {
            node.add_error(format!("max_azs is {}; use 1 to 6 availability zones", props.max_azs));
        }
        let parsed = Cidr::parse(&props.cidr).and_then(|c| {
            if (16..=28).contains(&c.prefix) {
                Ok(c)
            } else {
                Err(format!(
                    "{c} has a /{} prefix; a VPC's block must be /16 to /28",
                    c.prefix
                ))
            }
        });
        if let Ok(c) = &parsed {
            overlap_check(&node, *c);
        }
        let blocks = match parsed.and_then(|c| c.split(azs * 2)) {
            Ok(b) => b.iter().map(ToString::to_string).collect(),
            Err(e) => {
                node.add_error(format!("cidr: {e}"));
                vec!["10.0.0.0/24".to_owned(); (azs * 2) as usize]
            }
        };
        let vpc = CfnVpc::new(
            &node,
            "Resource",
            CfnVpcProps {
                cidr_block: Some(props.cidr.as_str().into()),
                enable_dns_hostnames: Some(true.into()),
                enable_dns_support: Some(true.into()),
                ..Default::default()
            },
        );
        vpc.scope().add_tag("Name", &node.path());
        let igw = CfnInternetGateway::new(&node, "IGW", CfnInternetGatewayProps::default());
        let attach = CfnVpcGatewayAttachment::new(
            &node,
            "VPCGW",
            CfnVpcGatewayAttachmentProps {
                internet_gateway_id: Some(igw.reference()),
                ..CfnVpcGatewayAttachmentProps::new(vpc.reference())
            },
        );
        let region = node.stack().and_then(|s| s.environment().region);
        let az = |i: u32| -> Expr<String> {
            match &region {
                // A known region names its zones; an agnostic stack asks CloudFormation.
                Some(r) => format!("{r}{}", (b'a' + i as u8) as char).into(),
                None => Aws::availability_zones().select(i),
            }
        };
        let mut public = Vec::new();
        let mut nats = Vec::new();
        for i in 0..azs {
            let s = node.child(&format!("PublicSubnet{}", i + 1));
            let subnet = CfnSubnet::new(
                &s,
                "Subnet",
                CfnSubnetProps {
                    availability_zone: Some(az(i)),
                    cidr_block: Some(blocks[i as usize].as_str().into()),
                    map_public_ip_on_launch: Some(false.into()),
                    ..CfnSubnetProps::new(vpc.reference())
                },
            );
            s.add_tag("Name", &s.path());
            let table = CfnRouteTable::new(&s, "RouteTable", CfnRouteTableProps::new(vpc.reference()));
            CfnSubnetRouteTableAssociation::new(
                &s,
                "RouteTableAssociation",
                CfnSubnetRouteTableAssociationProps::new(table.reference(), subnet.reference()),
            );
            let route = CfnRoute::new(
                &s,
                "DefaultRoute",
                CfnRouteProps {
                    destination_cidr_block: Some("0.0.0.0/0".into()),
                    gateway_id: Some(igw.reference()),
                    ..CfnRouteProps::new(table.reference())
                },
            );
            route.add_depends_on(&attach);
            let make_nat = match props.nat_gateways {
                NatGateways::PerAz => true,
                NatGateways::One => i == 0,
                NatGateways::None => false,
            };
            if make_nat {
                let eip = CfnEip::new(
                    &s,
                    "EIP",
                    CfnEipProps {
                        domain: Some("vpc".into()),
                        ..Default::default()
                    },
                );
                let nat = CfnNatGateway::new(
                    &s,
                    "NATGateway",
                    CfnNatGatewayProps {
                        allocation_id: Some(eip.attr_allocation_id()),
                        subnet_id: Some(subnet.reference()),
                        ..Default::default()
                    },
                );
                nat.add_depends_on(&route);
                nats.push(nat);
            }
            public.push(subnet);
        }
        let mut private = Vec::new();
        // Without NAT gateways the CDK calls these subnets isolated (no route
        // out), and names them so: `IsolatedSubnet1`.
        let private_name = if nats.is_empty() {
            "IsolatedSubnet"
        } else {
            "PrivateSubnet"
        };
        for i in 0..azs {
            let s = node.child(&format!("{private_name}{}", i + 1));
            let subnet = CfnSubnet::new(
                &s,
                "Subnet",
                CfnSubnetProps {
                    availability_zone: Some(az(i)),
                    cidr_block: Some(blocks[(azs + i) as usize].as_str().into()),
                    map_public_ip_on_launch: Some(false.into()),
                    ..CfnSubnetProps::new(vpc.reference())
                },
            );
            s.add_tag("Name", &s.path());
            let table = CfnRouteTable::new(&s, "RouteTable", CfnRouteTableProps::new(vpc.reference()));
            CfnSubnetRouteTableAssociation::new(
                &s,
                "RouteTableAssociation",
                CfnSubnetRouteTableAssociationProps::new(table.reference(), subnet.reference()),
            );
            if !nats.is_empty() {
                let nat = &nats[(i as usize).min(nats.len() - 1)];
                CfnRoute::new(
                    &s,
                    "DefaultRoute",
                    CfnRouteProps {
                        destination_cidr_block: Some("0.0.0.0/0".into()),
                        nat_gateway_id: Some(nat.reference()),
                        ..CfnRouteProps::new(table.reference())
                    },
                );
            }
            private.push(subnet);
        }
        let flow_log = props.flow_logs.then(|| add_flow_log(&node, &vpc));
        Vpc {
            scope: node,
            vpc,
            public,
            private,
            isolated: nats.is_empty(),
            cidr: props.cidr,
            azs: (0..azs).map(az).collect(),
            internet_gateway: igw,
            nat_gateways: nats,
            flow_log,
        }
    }

    /// The VPC's CIDR block, as given.
    pub fn cidr(&self) -> &str {
        &self.cidr
    }

    /// The L1 VPC, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// vpc.cfn().set_instance_tenancy(rcdk_cfn::ec2::vpc::InstanceTenancy::Dedicated);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("InstanceTenancy: dedicated"));
    /// ```
    pub fn cfn(&self) -> &CfnVpc {
        &self.vpc
    }

    /// The L1 public subnets (`PublicSubnetN/Subnet`), one per zone.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// vpc.public_subnets()[0].set_map_public_ip_on_launch(true);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("MapPublicIpOnLaunch: true"));
    /// ```
    pub fn public_subnets(&self) -> &[CfnSubnet] {
        &self.public
    }

    /// The L1 private subnets (`PrivateSubnetN/Subnet`, or `IsolatedSubnetN`
    /// without NAT gateways), one per zone.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// vpc.private_subnets()[1].set_enable_dns64(true);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("EnableDns64: true"));
    /// ```
    pub fn private_subnets(&self) -> &[CfnSubnet] {
        &self.private
    }

    /// The L1 internet gateway (`IGW`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// assert_eq!(vpc.internet_gateway().type_name(), "AWS::EC2::InternetGateway");
    /// ```
    pub fn internet_gateway(&self) -> &CfnInternetGateway {
        &self.internet_gateway
    }

    /// The L1 NAT gateways (`PublicSubnetN/NATGateway`): one per zone, one, or none.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{NatGateways, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps { nat_gateways: NatGateways::One, ..Default::default() });
    /// assert_eq!(vpc.nat_gateways().len(), 1);
    /// ```
    pub fn nat_gateways(&self) -> &[CfnNatGateway] {
        &self.nat_gateways
    }

    /// The flow log, unless [`VpcProps::flow_logs`] turned it off.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps { flow_logs: false, ..Default::default() });
    /// assert!(vpc.flow_log().is_none());
    /// ```
    pub fn flow_log(&self) -> Option<&FlowLog> {
        self.flow_log.as_ref()
    }

    /// Imports an existing VPC: no resources, only the ids props need. Rules,
    /// services and load balancers placed in it reference the ids given.
    /// Literal ids are checked (`vpc-` and `subnet-` with 8 or 17
    /// hexadecimal digits), and each subnet list must have one subnet per
    /// zone (or a multiple), as the AWS CDK's `Vpc.fromVpcAttributes` asks;
    /// references (`Expr::import_value`, parameters) are taken as they are.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{IVpc, SecurityGroup, SecurityGroupProps, Vpc, VpcAttributes};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::from_attributes(&stack, "Shared", VpcAttributes {
    ///     private_subnet_ids: vec!["subnet-0a1b2c3d".into(), "subnet-1a2b3c4d".into()],
    ///     ..VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a", "eu-west-1b"])
    /// });
    /// SecurityGroup::new(&stack, "Db", SecurityGroupProps::new(&vpc, "database"));
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("VpcId: vpc-0a1b2c3d"));
    /// assert!(!yaml.contains("AWS::EC2::VPC\n"));
    /// ```
    #[track_caller]
    pub fn from_attributes(scope: &Scope, id: &str, attributes: VpcAttributes) -> ImportedVpc {
        let node = scope.child(id);
        let what = "Vpc::from_attributes";
        if let Some(vpc_id) = attributes.vpc_id.value().as_str() {
            if let Err(e) = check_aws_id("vpc", "VPC", vpc_id) {
                node.add_error(format!("{what}: vpc_id {e}"));
            }
        }
        let azs = attributes.availability_zones.len();
        if azs == 0 {
            node.add_error(format!(
                "{what}: no availability_zones; list the zones the VPC's subnets are in, one per zone"
            ));
        }
        for (name, ids) in [
            ("public_subnet_ids", &attributes.public_subnet_ids),
            ("private_subnet_ids", &attributes.private_subnet_ids),
            ("isolated_subnet_ids", &attributes.isolated_subnet_ids),
        ] {
            for subnet in ids.iter().filter_map(|s| s.value().as_str()) {
                if let Err(e) = check_aws_id("subnet", "subnet", subnet) {
                    node.add_error(format!("{what}: {name} has {e}"));
                }
            }
            if azs > 0 && ids.len() % azs != 0 {
                node.add_error(format!(
                    "{what}: {name} has {} subnets for {azs} availability zones; give one subnet per zone (or the same number in each), in the order of availability_zones",
                    ids.len()
                ));
            }
        }
        ImportedVpc {
            scope: node,
            attributes: Rc::new(attributes),
        }
    }
}

/// Checks a literal EC2 id: `<prefix>-` and 8 or 17 lowercase hexadecimal
/// digits. The error names the value and the form.
pub(crate) fn check_aws_id(prefix: &str, what: &str, id: &str) -> Result<(), String> {
    let digits = id.strip_prefix(prefix).and_then(|r| r.strip_prefix('-'));
    match digits {
        Some(d) if (d.len() == 8 || d.len() == 17) && d.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) => Ok(()),
        _ => Err(format!(
            "{id:?}, which is not a {what} id; use {prefix}- and 8 or 17 lowercase hexadecimal digits (as in {prefix}-0a1b2c3d)"
        )),
    }
}

impl IVpc for Vpc {
    fn vpc_id(&self) -> Expr<String> {
        self.vpc.reference()
    }

    fn availability_zones(&self) -> Vec<Expr<String>> {
        self.azs.clone()
    }

    fn public_subnet_ids(&self) -> Vec<Expr<String>> {
        self.public.iter().map(|s| s.reference()).collect()
    }

    fn private_subnet_ids(&self) -> Vec<Expr<String>> {
        if self.isolated {
            Vec::new()
        } else {
            self.private.iter().map(|s| s.reference()).collect()
        }
    }

    fn isolated_subnet_ids(&self) -> Vec<Expr<String>> {
        if self.isolated {
            self.private.iter().map(|s| s.reference()).collect()
        } else {
            Vec::new()
        }
    }

    /// As [`IVpc::select_subnets`], with errors that say what the VPC's
    /// props would change.
    fn select_subnets(&self, subnet_type: SubnetType, by: &Scope) -> Vec<Expr<String>> {
        match (subnet_type, self.isolated) {
            (SubnetType::Public, _) => self.public_subnet_ids(),
            (SubnetType::Private, false) => self.private_subnet_ids(),
            (SubnetType::Isolated, true) => self.isolated_subnet_ids(),
            (SubnetType::Private, true) => {
                by.add_error("asks for private subnets but the VPC has no NAT gateways; select SubnetType::Isolated or give the VPC NAT gateways");
                Vec::new()
            }
            (SubnetType::Isolated, false) => {
                by.add_error("asks for isolated subnets but the VPC's private subnets route through NAT; select SubnetType::Private");
                Vec::new()
            }
        }
    }
}

/// What the app knows of a VPC it imports with [`Vpc::from_attributes`].
#[derive(Clone, Debug)]
pub struct VpcAttributes {
    /// The VPC id (`vpc-...`, or a reference).
    pub vpc_id: Expr<String>,
    /// The zones of the VPC's subnets, in the order the subnet lists follow.
    pub availability_zones: Vec<Expr<String>>,
    /// Public subnets (routed to an internet gateway), one per zone.
    pub public_subnet_ids: Vec<Expr<String>>,
    /// Private subnets with egress (routed through NAT), one per zone.
    pub private_subnet_ids: Vec<Expr<String>>,
    /// Isolated subnets (no route out), one per zone.
    pub isolated_subnet_ids: Vec<Expr<String>>,
}

impl VpcAttributes {
    /// A VPC in `availability_zones` with no subnets yet: add the lists its
    /// users select from.
    ///
    /// ```
    /// use rcdk_network::VpcAttributes;
    /// let attrs = VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a", "eu-west-1b"]);
    /// assert_eq!(attrs.availability_zones.len(), 2);
    /// ```
    pub fn new<Z: Into<Expr<String>>>(
        vpc_id: impl Into<Expr<String>>,
        availability_zones: impl IntoIterator<Item = Z>,
    ) -> VpcAttributes {
        VpcAttributes {
            vpc_id: vpc_id.into(),
            availability_zones: availability_zones.into_iter().map(Into::into).collect(),
            public_subnet_ids: Vec::new(),
            private_subnet_ids: Vec::new(),
            isolated_subnet_ids: Vec::new(),
        }
    }
}

/// A VPC that exists outside the app, imported with [`Vpc::from_attributes`].
#[derive(Clone, Debug)]
pub struct ImportedVpc {
    scope: Scope,
    attributes: Rc<VpcAttributes>,
}

impl Construct for ImportedVpc {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IVpc for ImportedVpc {
    fn vpc_id(&self) -> Expr<String> {
        self.attributes.vpc_id.clone()
    }

    fn availability_zones(&self) -> Vec<Expr<String>> {
        self.attributes.availability_zones.clone()
    }

    fn public_subnet_ids(&self) -> Vec<Expr<String>> {
        self.attributes.public_subnet_ids.clone()
    }

    fn private_subnet_ids(&self) -> Vec<Expr<String>> {
        self.attributes.private_subnet_ids.clone()
    }

    fn isolated_subnet_ids(&self) -> Vec<Expr<String>> {
        self.attributes.isolated_subnet_ids.clone()
    }
}

/// VPCs of one stack whose blocks overlap cannot be peered or routed to each
/// other: a warning on the later one.
fn overlap_check(node: &Scope, cidr: Cidr) {
    for (other, block) in node.annotated("rcdk:vpc-cidr") {
        if let Ok(block) = Cidr::parse(&block) {
            if block.overlaps(cidr) {
                node.add_warning(format!(
                    "its block {cidr} overlaps {block} of {}; overlapping VPCs cannot be peered or routed to each other",
                    other.path()
                ));
            }
        }
    }
    node.annotate("rcdk:vpc-cidr", &cidr.to_string());
}

fn add_flow_log(node: &Scope, vpc: &CfnVpc) -> FlowLog {
    use rcdk_iam::IRole;
    use rcdk_logs::ILogGroup;
    let s = node.child("FlowLog");
    let logs = rcdk_logs::LogGroup::new(&s, "LogGroup", rcdk_logs::LogGroupProps::default());
    let role = rcdk_iam::Role::new(
        &s,
        "IAMRole",
        rcdk_iam::RoleProps::assumed_by("vpc-flow-logs.amazonaws.com"),
    );
    role.add_to_policy(rcdk_iam::PolicyStatement::allow(
        ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        [logs.log_group_arn()],
    ));
    let flow_log = CfnFlowLog::new(
        &s,
        "FlowLog",
        CfnFlowLogProps {
            deliver_logs_permission_arn: Some(role.role_arn()),
            log_destination_type: Some(flow_log::LogDestinationType::CloudWatchLogs.into()),
            log_group_name: Some(logs.log_group_name()),
            traffic_type: Some(flow_log::TrafficType::All.into()),
            ..CfnFlowLogProps::new(vpc.reference(), flow_log::ResourceType::Vpc)
        },
    );
    if let Some(p) = role.policy() {
        flow_log.add_depends_on(&p);
    }
    FlowLog {
        log_group: logs,
        role,
        flow_log,
    }
}
