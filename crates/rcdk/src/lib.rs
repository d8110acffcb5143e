//! rcdk: a construct library for AWS CloudFormation, a CDK for Rust.
//!
//! Compose typed constructs into an app graph (App -> Stacks -> constructs),
//! synthesize deterministic CloudFormation templates, review them as
//! snapshots, and deploy them through CloudFormation.
//!
//! This facade re-exports the core and the construct crates; most programs
//! only need the [`prelude`].
//!
//! ```
//! use rcdk::prelude::*;
//! use rcdk::cfn::sns::{CfnTopic, CfnTopicProps};
//!
//! let app = App::new();
//! let stack = app.stack("Alerts", StackProps::default());
//! let topic = CfnTopic::new(&stack, "Topic", CfnTopicProps::default());
//! CfnOutput::new(&stack, "TopicArn", OutputProps { value: topic.attr_topic_arn().into(), ..Default::default() });
//! let yaml = app.synth().unwrap().stack("Alerts").unwrap().to_yaml();
//! assert!(yaml.contains("Fn::GetAtt:"));
//! ```

#![warn(missing_docs)]

pub mod cli;
pub mod graph;

pub use rcdk_api as api;
pub use rcdk_assets as assets;
pub use rcdk_cfn as cfn;
pub use rcdk_compute as compute;
pub use rcdk_core as core;
pub use rcdk_events as events;
pub use rcdk_iam as iam;
pub use rcdk_lambda as lambda;
pub use rcdk_logs as logs;
pub use rcdk_messaging as messaging;
pub use rcdk_network as network;
pub use rcdk_policy as policy;
/// Step Functions: the state machine and its typed definition
/// (`rcdk-orchestration`) and the typed service integrations
/// (`rcdk-orchestration-tasks`), as one module.
pub mod orchestration {
    pub use rcdk_orchestration::*;
    pub use rcdk_orchestration_tasks::*;
}
pub use rcdk_states as states;
pub use rcdk_storage as storage;

pub use rcdk_core::{
    cfn_format, App, Assembly, Aws, CfnCondition, CfnMapping, CfnOutput, CfnParameter, Cond, Construct, DeletionPolicy,
    Duration, Environment, Expr, OutputProps, ParameterProps, ParameterType, RemovalPolicy, Resource, Scope, Size,
    Stack, StackArtifact, StackProps, SynthError, SynthErrors, Value,
};

/// The names most rcdk programs use: the core, and the L2 constructs.
pub mod prelude {
    pub use rcdk_api::{
        AlbIntegration, CorsPreflight, DomainName, DomainNameAttributes, DomainNameProps,
        EventBridgePutEventsIntegration, HttpApi, HttpApiProps, HttpJwtAuthorizer, HttpUrlIntegration, IDomainName,
        IHttpApi, IHttpRouteIntegration, LambdaIntegration, Method, PayloadFormatVersion, RouteAuth,
        RouteAuthorizationType, RouteInfo, SqsSendMessageIntegration, StepFunctionsStartExecutionIntegration, Throttle,
        VpcLink, VpcLinkProps,
    };
    pub use rcdk_compute::{
        ApplicationLoadBalancer, ApplicationLoadBalancerProps, ApplicationTargetGroup, CapacityProvider,
        CapacityProviderStrategy, Cluster, ClusterAttributes, ClusterProps, ContainerHealthCheck, ContainerImage,
        ContainerOptions, FargatePlatformVersion, FargateService, FargateServiceProps, FargateTaskDefinition,
        FargateTaskDefinitionProps, IApplicationListener, ICluster, ITargetGroup, Listener, ListenerAction,
        ListenerAttributes, ListenerCondition, ListenerProps, ListenerRuleProps, ListenerTargetProps,
        LoadBalancedFargateService, LoadBalancedFargateServiceProps, RequestCountScalingProps, Secret,
        TargetGroupAttributes, TargetGroupHealthCheck, UtilizationScalingProps,
    };
    pub use rcdk_core::{
        cfn_format, App, Aws, CfnCondition, CfnMapping, CfnOutput, CfnParameter, Cond, Construct, DeletionPolicy,
        Duration, Environment, Expr, OutputProps, ParameterProps, ParameterType, RemovalPolicy, Resource, Scope, Size,
        Stack, StackProps, Value,
    };
    pub use rcdk_events::{
        targets, ApiDestination, ApiDestinationProps, Authorization, Connection, ConnectionProps, EventBus,
        EventBusProps, EventPattern, IEventBus, IRuleTarget, Match, Rule, RuleProps, Schedule, TargetOptions,
    };
    pub use rcdk_iam::{
        Grant, IGrantable, IPrincipal, IResourceWithPolicy, IRole, PolicyStatement, Principal, Role, RoleProps,
        ServicePrincipal,
    };
    pub use rcdk_lambda::{
        Architecture, Code, Function, FunctionProps, FunctionUrlOptions, IFunction, Permission, Runtime,
    };
    pub use rcdk_logs::{ILogGroup, LogGroup, LogGroupProps};
    pub use rcdk_messaging::{
        DeadLetterQueue, IQueue, ITopic, Queue, QueueEncryption, QueueProps, Subscription, SubscriptionOptions,
        SubscriptionProtocol, Topic, TopicEncryption, TopicProps,
    };
    pub use rcdk_network::{
        Connectable, ISecurityGroup, IVpc, NatGateways, Peer, Port, SecurityGroup, SecurityGroupImportOptions,
        SecurityGroupProps, SubnetType, Vpc, VpcAttributes, VpcProps,
    };
    pub use rcdk_orchestration::{
        Chain, Choice, Condition, Fail, Goto, IStateMachine, LogLevel, Logging, Map, Parallel, Pass, Retry,
        StateMachine, StateMachineProps, Succeed, Task, Wait, WaitFor,
    };
    pub use rcdk_orchestration_tasks::{
        AuthType, AwsSdkCall, CallHttpApi, ContainerOverride, DynamoAttributeValue, DynamoDeleteItem, DynamoGetItem,
        DynamoPutItem, DynamoQuery, DynamoUpdateItem, EcsRunTask, EventBridgeEntry, EventBridgePutEvents, HttpInvoke,
        IntegrationPattern, LambdaInvoke, SnsPublish, SqsSendMessage, StepFunctionsStartExecution,
    };
    pub use rcdk_storage::{
        Attribute, Billing, Bucket, BucketEncryption, BucketProps, GlobalSecondaryIndex, IBucket, ITable, Table,
        TableProps,
    };
}
