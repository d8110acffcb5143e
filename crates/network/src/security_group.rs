//! Security groups (defined in the app, or imported by id, both
//! [`ISecurityGroup`]s), typed peers and ports, and the connections model.

use std::fmt::Debug;
use std::rc::Rc;

use rcdk_cfn::ec2::security_group::{Egress, Ingress};
use rcdk_cfn::ec2::*;
use rcdk_core::{Construct, Expr, Scope};

use crate::cidr::Cidr;
use crate::vpc::{check_aws_id, IVpc};

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
    /// The block, or why it is not one.
    fn cidr(&self) -> Result<&str, String> {
        let Peer::Ipv4(cidr) = self;
        Cidr::parse(cidr).map(|_| cidr.as_str())
    }
}

/// A security group, defined in the app or imported: what rules, services
/// and load balancers need. Rules between two groups are written on both
/// sides: `a.allow_from(&b, port)` adds an ingress rule to `a` and, unless
/// `b` allows all outbound traffic, the matching egress rule to `b`, each an
/// `AWS::EC2::SecurityGroupIngress`/`Egress` at the AWS CDK's construct path
/// (`from <peer>:<port>`, `to <peer>:<port>`) under its group.
pub trait ISecurityGroup: Construct + Debug + ShareSecurityGroup {
    /// The group id.
    fn security_group_id(&self) -> Expr<String>;

    /// Whether the group lets every outbound connection out, so rules to
    /// other groups need no egress rule on this side.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, SecurityGroup};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// assert!(SecurityGroup::from_id(&stack, "Shared", "sg-0a1b2c3d").allows_all_outbound());
    /// ```
    fn allows_all_outbound(&self) -> bool;

    /// Admits `port` from an IP range: a rule in the group's own
    /// `SecurityGroupIngress` for a group of the app, a separate
    /// `AWS::EC2::SecurityGroupIngress` for an imported one.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, Peer, Port, SecurityGroup};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bastion = SecurityGroup::from_id(&stack, "Bastion", "sg-0a1b2c3d");
    /// bastion.allow_from_peer(&Peer::ipv4("10.0.0.0/16"), Port::tcp(22), "ssh from the VPC");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AWS::EC2::SecurityGroupIngress"));
    /// ```
    fn allow_from_peer(&self, peer: &Peer, port: Port, description: &str);

    /// Lets the group send `port` to an IP range. A group that allows all
    /// outbound traffic needs no rule: the call is a warning then.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, Peer, Port, SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let app_sg = SecurityGroup::new(&stack, "App", SecurityGroupProps::new(&vpc, "application"));
    /// app_sg.allow_to_peer(&Peer::any_ipv4(), Port::tcp(443), "HTTPS to AWS APIs");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("HTTPS to AWS APIs (TCP 443)"));
    /// ```
    fn allow_to_peer(&self, peer: &Peer, port: Port, description: &str);

    /// Admits `port` from another security group (and lets that group send
    /// it, unless it allows all outbound traffic). A rule made twice is
    /// written once.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, Port, SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let web = SecurityGroup::new(&stack, "Web", SecurityGroupProps::new(&vpc, "web servers"));
    /// let lb = SecurityGroup::new(&stack, "Lb", SecurityGroupProps::new(&vpc, "load balancer"));
    /// web.allow_from(&lb, Port::tcp(80), "from the load balancer");
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("AWS::EC2::SecurityGroupIngress") && yaml.contains("AWS::EC2::SecurityGroupEgress"));
    /// ```
    fn allow_from(&self, other: &dyn ISecurityGroup, port: Port, description: &str) {
        if !check_port(self.scope(), port) {
            return;
        }
        let (from_port, to_port) = port.ports();
        let id = rule_id("from", &other.scope().unique_id(), port);
        if first_rule(self.scope(), &id) {
            CfnSecurityGroupIngress::new(
                self.scope(),
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
        }
        if !other.allows_all_outbound() {
            let (from_port, to_port) = port.ports();
            let id = rule_id("to", &self.scope().unique_id(), port);
            if first_rule(other.scope(), &id) {
                CfnSecurityGroupEgress::new(
                    other.scope(),
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
    }

    /// Lets this group send `port` to another group (and that group admit it).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, Port, SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let app_sg = SecurityGroup::new(&stack, "App", SecurityGroupProps::new(&vpc, "application"));
    /// let db = SecurityGroup::from_id(&stack, "Db", "sg-0a1b2c3d");
    /// app_sg.allow_to(&db, Port::tcp(5432), "app to database");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("GroupId: sg-0a1b2c3d"));
    /// ```
    fn allow_to(&self, other: &dyn ISecurityGroup, port: Port, description: &str) {
        let me = self.share_security_group();
        other.allow_from(me.as_ref(), port, description);
    }

    /// Like [`allow_from`](Self::allow_from), from any connectable construct.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, Port, SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let db = SecurityGroup::new(&stack, "Db", SecurityGroupProps::new(&vpc, "database"));
    /// let app_sg = SecurityGroup::new(&stack, "App", SecurityGroupProps::new(&vpc, "application"));
    /// db.allow_from_construct(&app_sg, Port::tcp(5432), "app to database");
    /// app.synth().unwrap();
    /// ```
    fn allow_from_construct(&self, other: &dyn Connectable, port: Port, description: &str) {
        self.allow_from(other.connections(), port, description);
    }
}

/// Lets a construct keep a security group it was lent as
/// `&dyn ISecurityGroup`. Every `ISecurityGroup` that is `Clone`, as
/// rcdk's are, has it.
pub trait ShareSecurityGroup {
    /// A shared handle to the same group.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, SecurityGroup, ShareSecurityGroup};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let lent: &dyn ISecurityGroup = &SecurityGroup::from_id(&stack, "Shared", "sg-0a1b2c3d");
    /// let kept = lent.share_security_group();
    /// assert_eq!(kept.security_group_id().value().as_str(), Some("sg-0a1b2c3d"));
    /// ```
    fn share_security_group(&self) -> Rc<dyn ISecurityGroup>;
}

impl<T: ISecurityGroup + Clone + 'static> ShareSecurityGroup for T {
    fn share_security_group(&self) -> Rc<dyn ISecurityGroup> {
        Rc::new(self.clone())
    }
}

/// The options of a [`SecurityGroup`].
#[derive(Clone, Debug)]
pub struct SecurityGroupProps<'a> {
    /// The VPC, defined in the app or imported.
    pub vpc: &'a dyn IVpc,
    /// What the group protects (shown in the console).
    pub description: String,
    /// Allow every outbound connection. Default false: outbound traffic is
    /// only what `allow_to`/`allow_from` open.
    pub allow_all_outbound: bool,
}

impl<'a> SecurityGroupProps<'a> {
    /// A group in `vpc` with no outbound traffic until rules open it.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{SecurityGroupProps, Vpc, VpcProps};
    /// let app = App::new();
    /// let vpc = Vpc::new(&app.stack("S", StackProps::default()), "Vpc", VpcProps::default());
    /// assert!(!SecurityGroupProps::new(&vpc, "web").allow_all_outbound);
    /// ```
    pub fn new(vpc: &'a dyn IVpc, description: &str) -> Self {
        SecurityGroupProps {
            vpc,
            description: description.to_owned(),
            allow_all_outbound: false,
        }
    }
}

/// A security group of the app. Rules from IP ranges are written in the
/// group itself; rules between groups are separate resources on both sides
/// (see [`ISecurityGroup`]).
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
/// `to <peer>:<port>`, where `<peer>` is the peer group's unique id or the
/// peer's block, and the first `/` is written `_` (the CDK's
/// `.replace('/', '_')`), so rules keep the CDK's logical IDs.
fn rule_id(direction: &str, peer: &str, port: Port) -> String {
    format!("{direction} {peer}:{}", port.cdk_label()).replacen('/', "_", 1)
}

/// True the first time a rule `id` is made in `group`: the AWS CDK writes a
/// rule made twice once, and so does rcdk.
fn first_rule(group: &Scope, id: &str) -> bool {
    let key = "rcdk:security-group-rule";
    if group.annotated(key).iter().any(|(s, v)| v == id && s.same_node(group)) {
        return false;
    }
    group.annotate(key, id);
    true
}

fn check_port(group: &Scope, port: Port) -> bool {
    if port.from > port.to {
        group.add_error(format!(
            "port range {}-{} is reversed; put the lower port first",
            port.from, port.to
        ));
        return false;
    }
    true
}

/// Checks the peer and port of a rule to an IP range, on the group's path.
fn checked_peer<'p>(group: &Scope, direction: &str, peer: &'p Peer, port: Port) -> Option<&'p str> {
    let cidr = match peer.cidr() {
        Ok(c) => c,
        Err(e) => {
            group.add_error(format!("{direction} peer: {e}"));
            return None;
        }
    };
    check_port(group, port).then_some(cidr)
}

impl SecurityGroup {
    /// Adds a security group.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// SecurityGroup::new(&stack, "Web", SecurityGroupProps { allow_all_outbound: true, ..SecurityGroupProps::new(&vpc, "web") });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Allow all outbound traffic"));
    /// ```
    #[track_caller]
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

    /// The L1 security group, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let sg = SecurityGroup::new(&stack, "Web", SecurityGroupProps::new(&vpc, "web"));
    /// sg.cfn().set_group_name("web-servers");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("GroupName: web-servers"));
    /// ```
    pub fn cfn(&self) -> &CfnSecurityGroup {
        &self.group
    }

    /// Imports an existing group by id, assumed to allow all outbound
    /// traffic (the AWS CDK's `fromSecurityGroupId` default), so rules to
    /// other groups add no egress rule to it. Rules added to it are separate
    /// `AWS::EC2::SecurityGroupIngress`/`Egress` resources of the app. A
    /// literal id is checked (`sg-` and 8 or 17 hexadecimal digits).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, Port, SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let shared = SecurityGroup::from_id(&stack, "Shared", "sg-0a1b2c3d");
    /// let web = SecurityGroup::new(&stack, "Web", SecurityGroupProps::new(&vpc, "web"));
    /// web.allow_from(&shared, Port::tcp(80), "from the shared group");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("SourceSecurityGroupId: sg-0a1b2c3d"));
    /// ```
    #[track_caller]
    pub fn from_id(scope: &Scope, id: &str, security_group_id: impl Into<Expr<String>>) -> ImportedSecurityGroup {
        SecurityGroup::from_id_with_options(scope, id, security_group_id, SecurityGroupImportOptions::default())
    }

    /// [`from_id`](Self::from_id) with options: a group whose outbound
    /// traffic is closed (`allow_all_outbound: false`) gets the egress rules
    /// that rules to other groups need.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, Port, SecurityGroup, SecurityGroupImportOptions};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let closed = SecurityGroup::from_id_with_options(&stack, "Closed", "sg-0a1b2c3d",
    ///     SecurityGroupImportOptions { allow_all_outbound: false });
    /// let db = SecurityGroup::from_id(&stack, "Db", "sg-1a2b3c4d");
    /// db.allow_from(&closed, Port::tcp(5432), "to the database");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AWS::EC2::SecurityGroupEgress"));
    /// ```
    #[track_caller]
    pub fn from_id_with_options(
        scope: &Scope,
        id: &str,
        security_group_id: impl Into<Expr<String>>,
        options: SecurityGroupImportOptions,
    ) -> ImportedSecurityGroup {
        let node = scope.child(id);
        let security_group_id = security_group_id.into();
        if let Some(literal) = security_group_id.value().as_str() {
            if let Err(e) = check_aws_id("sg", "security group", literal) {
                node.add_error(format!("SecurityGroup::from_id: {e}"));
            }
        }
        ImportedSecurityGroup {
            scope: node,
            id: security_group_id,
            allow_all_outbound: options.allow_all_outbound,
        }
    }
}

impl ISecurityGroup for SecurityGroup {
    fn security_group_id(&self) -> Expr<String> {
        self.group.attr_group_id()
    }

    fn allows_all_outbound(&self) -> bool {
        self.allow_all_outbound
    }

    fn allow_from_peer(&self, peer: &Peer, port: Port, description: &str) {
        let Some(cidr) = checked_peer(&self.scope, "ingress", peer, port) else {
            return;
        };
        let (from_port, to_port) = port.ports();
        self.group.push_security_group_ingress(Ingress {
            cidr_ip: Some(cidr.into()),
            description: Some(format!("{description} ({})", port.label()).into()),
            from_port,
            to_port,
            ..Ingress::new(port.protocol)
        });
    }

    fn allow_to_peer(&self, peer: &Peer, port: Port, description: &str) {
        let Some(cidr) = checked_peer(&self.scope, "egress", peer, port) else {
            return;
        };
        if self.allow_all_outbound {
            self.scope.add_warning(format!(
                "an egress rule to {cidr} ({}) was not added: the group allows all outbound traffic; set allow_all_outbound: false to limit it to the rules you add",
                port.label()
            ));
            return;
        }
        let (from_port, to_port) = port.ports();
        self.group.push_security_group_egress(Egress {
            cidr_ip: Some(cidr.into()),
            description: Some(format!("{description} ({})", port.label()).into()),
            from_port,
            to_port,
            ..Egress::new(port.protocol)
        });
    }
}

/// How to treat a group imported with [`SecurityGroup::from_id_with_options`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityGroupImportOptions {
    /// Whether the group lets every outbound connection out. Default true,
    /// as the AWS CDK assumes: rules to other groups add no egress rule to
    /// it. Set false for a group whose outbound traffic is closed.
    pub allow_all_outbound: bool,
}

impl Default for SecurityGroupImportOptions {
    fn default() -> Self {
        SecurityGroupImportOptions {
            allow_all_outbound: true,
        }
    }
}

/// A security group that exists outside the app, imported with
/// [`SecurityGroup::from_id`]. It makes no resource; rules added to it are
/// `AWS::EC2::SecurityGroupIngress`/`Egress` resources under it.
#[derive(Clone, Debug)]
pub struct ImportedSecurityGroup {
    scope: Scope,
    id: Expr<String>,
    allow_all_outbound: bool,
}

impl Construct for ImportedSecurityGroup {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ISecurityGroup for ImportedSecurityGroup {
    fn security_group_id(&self) -> Expr<String> {
        self.id.clone()
    }

    fn allows_all_outbound(&self) -> bool {
        self.allow_all_outbound
    }

    fn allow_from_peer(&self, peer: &Peer, port: Port, description: &str) {
        let Some(cidr) = checked_peer(&self.scope, "ingress", peer, port) else {
            return;
        };
        let id = rule_id("from", cidr, port);
        if !first_rule(&self.scope, &id) {
            return;
        }
        let (from_port, to_port) = port.ports();
        CfnSecurityGroupIngress::new(
            &self.scope,
            &id,
            CfnSecurityGroupIngressProps {
                group_id: Some(self.id.clone()),
                cidr_ip: Some(cidr.into()),
                description: Some(format!("{description} ({})", port.label()).into()),
                from_port,
                to_port,
                ..CfnSecurityGroupIngressProps::new(port.protocol)
            },
        );
    }

    fn allow_to_peer(&self, peer: &Peer, port: Port, description: &str) {
        let Some(cidr) = checked_peer(&self.scope, "egress", peer, port) else {
            return;
        };
        if self.allow_all_outbound {
            self.scope.add_warning(format!(
                "an egress rule to {cidr} ({}) was not added: the group is imported as allowing all outbound traffic; import it with SecurityGroupImportOptions {{ allow_all_outbound: false }} to add egress rules",
                port.label()
            ));
            return;
        }
        let id = rule_id("to", cidr, port);
        if !first_rule(&self.scope, &id) {
            return;
        }
        let (from_port, to_port) = port.ports();
        CfnSecurityGroupEgress::new(
            &self.scope,
            &id,
            CfnSecurityGroupEgressProps {
                cidr_ip: Some(cidr.into()),
                description: Some(format!("{description} ({})", port.label()).into()),
                from_port,
                to_port,
                ..CfnSecurityGroupEgressProps::new(self.id.clone(), port.protocol)
            },
        );
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
    fn connections(&self) -> &dyn ISecurityGroup;
}

impl Connectable for SecurityGroup {
    fn connections(&self) -> &dyn ISecurityGroup {
        self
    }
}

impl Connectable for ImportedSecurityGroup {
    fn connections(&self) -> &dyn ISecurityGroup {
        self
    }
}
