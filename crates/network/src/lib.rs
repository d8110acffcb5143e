//! Networking for rcdk: a [`Vpc`] with public and private subnets over
//! several availability zones, and [`SecurityGroup`]s whose rules are written
//! from typed peers and ports. A VPC or group that exists outside the app is
//! imported ([`Vpc::from_attributes`], [`SecurityGroup::from_id`]) and used
//! wherever a defined one is, through [`IVpc`] and [`ISecurityGroup`].
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_network::{ISecurityGroup, IVpc, Vpc, VpcProps, SecurityGroup, SecurityGroupProps, Port};
//! let app = App::new();
//! let stack = app.stack("Net", StackProps::default());
//! let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
//! let web = SecurityGroup::new(&stack, "Web", SecurityGroupProps::new(&vpc, "web servers"));
//! let lb = SecurityGroup::new(&stack, "Lb", SecurityGroupProps::new(&vpc, "load balancer"));
//! web.allow_from(&lb, Port::tcp(80), "from the load balancer");
//! assert_eq!(vpc.private_subnet_ids().len(), 2);
//! app.synth().unwrap();
//! ```

#![warn(missing_docs)]

mod cidr;
mod security_group;
mod vpc;

pub use cidr::Cidr;
pub use security_group::{
    Connectable, ISecurityGroup, ImportedSecurityGroup, Peer, Port, SecurityGroup, SecurityGroupImportOptions,
    SecurityGroupProps, ShareSecurityGroup,
};
pub use vpc::{FlowLog, IVpc, ImportedVpc, NatGateways, ShareVpc, SubnetType, Vpc, VpcAttributes, VpcProps};
