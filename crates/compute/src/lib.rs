//! Compute for rcdk: ECS clusters, Fargate task definitions and services,
//! application load balancers, and [`LoadBalancedFargateService`], which wires
//! them together in one call.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_network::{Vpc, VpcProps};
//! use rcdk_compute::*;
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
//! let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
//! let service = LoadBalancedFargateService::new(&stack, "Service", LoadBalancedFargateServiceProps::new(
//!     &cluster, ContainerImage::from_registry("amazon/amazon-ecs-sample"), 80));
//! let _listener = service.listener();
//! app.synth().unwrap();
//! ```

#![warn(missing_docs)]

mod alb;
mod cluster;
mod pattern;
mod service;
mod task;

pub use alb::{ApplicationLoadBalancer, ApplicationLoadBalancerProps, Listener};
pub use cluster::{Cluster, ClusterProps};
pub use pattern::{LoadBalancedFargateService, LoadBalancedFargateServiceProps};
pub use service::{FargateService, FargateServiceProps};
pub use task::{ContainerImage, ContainerOptions, FargateTaskDefinition, FargateTaskDefinitionProps};
