//! The VPC construct.

use rcdk_cfn::ec2::*;
use rcdk_core::{Aws, Construct, Expr, Scope};

use crate::cidr::Cidr;

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
/// use rcdk_network::{Vpc, VpcProps, NatGateways};
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
}

impl Construct for Vpc {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Vpc {
    /// Adds a VPC.
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
        if props.flow_logs {
            add_flow_log(&node, &vpc);
        }
        Vpc {
            scope: node,
            vpc,
            public,
            private,
            isolated: nats.is_empty(),
            cidr: props.cidr,
        }
    }

    /// The VPC id.
    pub fn vpc_id(&self) -> Expr<String> {
        self.vpc.reference()
    }

    /// The VPC's CIDR block, as given.
    pub fn cidr(&self) -> &str {
        &self.cidr
    }

    /// Ids of the public subnets, one per zone.
    pub fn public_subnet_ids(&self) -> Vec<Expr<String>> {
        self.public.iter().map(|s| s.reference()).collect()
    }

    /// Ids of the private (or, without NAT, isolated) subnets, one per zone.
    pub fn private_subnet_ids(&self) -> Vec<Expr<String>> {
        self.private.iter().map(|s| s.reference()).collect()
    }

    /// Ids of the subnets of a type. Asking for a type the VPC does not have
    /// is an error on `by` (reported by synthesis) and returns no subnets.
    pub fn select_subnets(&self, subnet_type: SubnetType, by: &Scope) -> Vec<Expr<String>> {
        match (subnet_type, self.isolated) {
            (SubnetType::Public, _) => self.public_subnet_ids(),
            (SubnetType::Private, false) | (SubnetType::Isolated, true) => self.private_subnet_ids(),
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

    /// The L1 VPC.
    pub fn cfn(&self) -> &CfnVpc {
        &self.vpc
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

fn add_flow_log(node: &Scope, vpc: &CfnVpc) {
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
}
