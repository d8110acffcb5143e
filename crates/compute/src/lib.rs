//! Compute for rcdk: ECS clusters, Fargate task definitions and services,
//! application load balancers with their listeners, target groups and
//! routing rules, and [`LoadBalancedFargateService`], which wires them
//! together in one call. A cluster, listener or target group that exists
//! outside the app is imported ([`Cluster::from_attributes`],
//! [`Listener::from_attributes`], [`ApplicationTargetGroup::from_attributes`])
//! and used wherever a defined one is, through [`ICluster`],
//! [`IApplicationListener`] and [`ITargetGroup`].
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

pub use alb::{
    ApplicationLoadBalancer, ApplicationLoadBalancerProps, ApplicationTargetGroup, IApplicationListener, ITargetGroup,
    ImportedListener, ImportedTargetGroup, Listener, ListenerAction, ListenerAttributes, ListenerCondition,
    ListenerProps, ListenerRuleProps, TargetGroupAttributes, TargetGroupHealthCheck, DEFAULT_SSL_POLICY,
};
pub use cluster::{Cluster, ClusterAttributes, ClusterProps, ICluster, ImportedCluster};
pub use pattern::{LoadBalancedFargateService, LoadBalancedFargateServiceProps};
pub use service::{
    CapacityProvider, CapacityProviderStrategy, FargatePlatformVersion, FargateService, FargateServiceProps,
    ListenerTargetProps, RequestCountScalingProps, ScalableTaskCount, UtilizationScalingProps,
};
pub use task::{
    ContainerHealthCheck, ContainerImage, ContainerOptions, FargateTaskDefinition, FargateTaskDefinitionProps, Secret,
};
