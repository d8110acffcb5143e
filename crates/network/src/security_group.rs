//! Security groups, typed peers and ports, and the connections model.

use rcdk_cfn::ec2::security_group::{Egress, Ingress};
use rcdk_cfn::ec2::*;
use rcdk_core::{Construct, Expr, Scope};

use crate::cidr::Cidr;
use crate::vpc::Vpc;

/// A protocol and port range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Port {
    protocol: &'static str,
    from: i64,
    to: i64,
}

impl Port {
    /// One TCP port.
    pub fn tcp(port: u16) -> Port {
        Port {
            protocol: "tcp",
            from: port.into(),
            to: port.into(),
        }
    }
    /// A TCP port range (`from` <= `to`, checked at synthesis).
    pub fn tcp_range(from: u16, to: u16) -> Port {
        Port {
            protocol: "tcp",
            from: from.into(),
            to: to.into(),
        }
    }
    /// One UDP port.
    pub fn udp(port: u16) -> Port {
        Port {
            protocol: "udp",
            from: port.into(),
            to: port.into(),
        }
    }
    /// Every protocol and port.
    pub fn all_traffic() -> Port {
        Port {
            protocol: "-1",
            from: -1,
            to: -1,
        }
    }
    fn label(&self) -> String {
        match self.protocol {
            "-1" => "all traffic".into(),
            p if self.from == self.to => format!("{} {}", p.to_uppercase(), self.from),
            p => format!("{} {}-{}", p.to_uppercase(), self.from, self.to),
        }
    }
    /// The AWS CDK's `Port.toString()`, part of a rule's construct id:
    /// `80`, `80-90`, `UDP 53`, `ALL TRAFFIC`.
    fn cdk_label(&self) -> String {
        let range = if self.from == self.to {
            self.from.to_string()
        } else {
            format!("{}-{}", self.from, self.to)
        };
        match self.protocol {
            "-1" => "ALL TRAFFIC".into(),
            "tcp" => range,
            p => format!("{} {range}", p.to_uppercase()),
        }
    }
    fn ports(&self) -> (Option<Expr<i64>>, Option<Expr<i64>>) {
        if self.protocol == "-1" {
            (None, None)
        } else {
            (Some(self.from.into()), Some(self.to.into()))
        }
    }
}

/// Where traffic comes from or goes to, besides another security group.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Peer {
    /// An IPv4 block.
    Ipv4(String),
}

impl Peer {
    /// An IPv4 block, checked at synthesis.
    pub fn ipv4(cidr: &str) -> Peer {
        Peer::Ipv4(cidr.to_owned())
    }
    /// Every IPv4 address. Opening a port to it makes the resource public.
    pub fn any_ipv4() -> Peer {
        Peer::Ipv4("0.0.0.0/0".into())
    }
}

/// The options of a [`SecurityGroup`].
#[derive(Clone, Debug)]
pub struct SecurityGroupProps<'a> {
    /// The VPC.
    pub vpc: &'a Vpc,
    /// What the group protects (shown in the console).
    pub description: String,
    /// Allow every outbound connection. Default false: outbound traffic is
    /// only what `allow_to`/`allow_from` open.
    pub allow_all_outbound: bool,
}

impl<'a> SecurityGroupProps<'a> {
    /// A group in `vpc` with no outbound traffic until rules open it.
    pub fn new(vpc: &'a Vpc, description: &str) -> Self {
        SecurityGroupProps {
            vpc,
            description: description.to_owned(),
            allow_all_outbound: false,
        }
    }
}

/// A security group. Rules between two groups are written on both sides:
/// `a.allow_from(&b, port)` adds an ingress rule to `a` and, unless `b`
/// allows all outbound traffic, the matching egress rule to `b`.
#[derive(Clone, Debug)]
pub struct SecurityGroup {
    scope: Scope,
    group: CfnSecurityGroup,
    allow_all_outbound: bool,
}

impl Construct for SecurityGroup {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

/// CloudFormation gives a group without egress rules an allow-all rule; this
/// rule (ICMP type 252, code 86, to an unroutable address) matches no traffic
/// and keeps the group closed; egress rules to other groups are separate
/// `AWS::EC2::SecurityGroupEgress` resources added beside it.
fn deny_all_egress() -> Egress {
    Egress {
        cidr_ip: Some("255.255.255.255/32".into()),
        description: Some("Disallow all traffic".into()),
        from_port: Some(252.into()),
        to_port: Some(86.into()),
        ..Egress::new("icmp")
    }
}

/// A rule's construct id as the AWS CDK names it, `from <peer>:<port>` or
/// `to <peer>:<port>`, where `<peer>` is the peer group's unique id (the
/// CDK's `Names.uniqueId`: its whole path, stack included, hashed), so rules
/// keep the CDK's logical IDs.
fn rule_id(direction: &str, peer: &Scope, port: Port) -> String {
    let path = peer.path();
    let components: Vec<&str> = path.split('/').collect();
    let unique = rcdk_core::logical_id::make_unique_id(&components).unwrap_or_default();
    format!("{direction} {unique}:{}", port.cdk_label())
}

impl SecurityGroup {
    /// Adds a security group.
    pub fn new(scope: &Scope, id: &str, props: SecurityGroupProps) -> SecurityGroup {
        let node = scope.child(id);
        let egress = if props.allow_all_outbound {
            Egress {
                cidr_ip: Some("0.0.0.0/0".into()),
                description: Some("Allow all outbound traffic".into()),
                ..Egress::new("-1")
            }
        } else {
            deny_all_egress()
        };
        let group = CfnSecurityGroup::new(
            &node,
            "Resource",
            CfnSecurityGroupProps {
                vpc_id: Some(props.vpc.vpc_id()),
                security_group_egress: Some(vec![egress]),
                ..CfnSecurityGroupProps::new(props.description.as_str())
            },
        );
        SecurityGroup {
            scope: node,
            group,
            allow_all_outbound: props.allow_all_outbound,
        }
    }

    /// The group id.
    pub fn security_group_id(&self) -> Expr<String> {
        self.group.attr_group_id()
    }

    /// The L1 security group.
    pub fn cfn(&self) -> &CfnSecurityGroup {
        &self.group
    }

    fn check_port(&self, port: Port) -> bool {
        if port.from > port.to {
            self.scope.add_error(format!(
                "port range {}-{} is reversed; put the lower port first",
                port.from, port.to
            ));
            return false;
        }
        true
    }

    /// Admits `port` from another security group (and lets that group send it).
    pub fn allow_from(&self, other: &SecurityGroup, port: Port, description: &str) {
        if !self.check_port(port) {
            return;
        }
        let (from_port, to_port) = port.ports();
        let id = rule_id("from", &other.scope, port);
        CfnSecurityGroupIngress::new(
            &self.scope,
            &id,
            CfnSecurityGroupIngressProps {
                group_id: Some(self.security_group_id()),
                source_security_group_id: Some(other.security_group_id()),
                description: Some(format!("{description} ({})", port.label()).into()),
                from_port,
                to_port,
                ..CfnSecurityGroupIngressProps::new(port.protocol)
            },
        );
        if !other.allow_all_outbound {
            let (from_port, to_port) = port.ports();
            let id = rule_id("to", &self.scope, port);
            CfnSecurityGroupEgress::new(
                &other.scope,
                &id,
                CfnSecurityGroupEgressProps {
                    destination_security_group_id: Some(self.security_group_id()),
                    description: Some(format!("{description} ({})", port.label()).into()),
                    from_port,
                    to_port,
                    ..CfnSecurityGroupEgressProps::new(other.security_group_id(), port.protocol)
                },
            );
        }
    }

    /// Lets this group send `port` to another group (and that group admit it).
    pub fn allow_to(&self, other: &SecurityGroup, port: Port, description: &str) {
        other.allow_from(self, port, description);
    }

    /// Admits `port` from an IP range.
    pub fn allow_from_peer(&self, peer: &Peer, port: Port, description: &str) {
        let Peer::Ipv4(cidr) = peer;
        if let Err(e) = Cidr::parse(cidr) {
            self.scope.add_error(format!("ingress peer: {e}"));
            return;
        }
        if !self.check_port(port) {
            return;
        }
        let (from_port, to_port) = port.ports();
        self.group.push_security_group_ingress(Ingress {
            cidr_ip: Some(cidr.as_str().into()),
            description: Some(format!("{description} ({})", port.label()).into()),
            from_port,
            to_port,
            ..Ingress::new(port.protocol)
        });
    }
}

/// The network side of a construct: the security group its traffic goes
/// through. `a.connections().allow_from(&b, Port::tcp(80), "why")` writes
/// the ingress rule on `a` and the egress rule on `b`.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let db = SecurityGroup::new(&stack, "Db", SecurityGroupProps::new(&vpc, "database"));
/// let app_sg = SecurityGroup::new(&stack, "App", SecurityGroupProps::new(&vpc, "application"));
/// db.connections().allow_from(&app_sg, Port::tcp(5432), "app to database");
/// app.synth().unwrap();
/// ```
pub trait Connectable {
    /// The security group that governs the construct's traffic.
    fn connections(&self) -> &SecurityGroup;
}

impl Connectable for SecurityGroup {
    fn connections(&self) -> &SecurityGroup {
        self
    }
}

impl SecurityGroup {
    /// Like [`allow_from`](Self::allow_from), from any connectable construct.
    pub fn allow_from_construct(&self, other: &impl Connectable, port: Port, description: &str) {
        self.allow_from(other.connections(), port, description);
    }
}
