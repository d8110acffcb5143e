//! Typed CloudFormation (L1) resources, generated from the CloudFormation
//! registry schemas by `rcdk-cfn-gen`. Do not edit: add a type to
//! `resource-types.txt` and re-run the generator.
//!
//! Each resource type `AWS::Service::Name` is `service::CfnName`, created with
//! `CfnName::new(scope, id, CfnNameProps { .. })`; its nested property types
//! live in `service::name`. Required properties are plain fields, optional ones
//! `Option`s; `attr_*` methods give the `Fn::GetAtt` attributes.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_cfn::sns::{CfnTopic, CfnTopicProps};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let topic = CfnTopic::new(&stack, "Topic", CfnTopicProps { display_name: Some("Alerts".into()), ..Default::default() });
//! let _arn = topic.attr_topic_arn();
//! ```

#![allow(clippy::all, rustdoc::all)]

#[rustfmt::skip]
pub mod api_gateway_v2;
#[rustfmt::skip]
pub mod ec2;
#[rustfmt::skip]
pub mod ecs;
#[rustfmt::skip]
pub mod elastic_load_balancing_v2;
#[rustfmt::skip]
pub mod iam;
#[rustfmt::skip]
pub mod kms;
#[rustfmt::skip]
pub mod logs;
#[rustfmt::skip]
pub mod s3;
#[rustfmt::skip]
pub mod sns;
#[rustfmt::skip]
pub mod sqs;
#[rustfmt::skip]
pub mod step_functions;

/// Every generated resource type, sorted by name.
pub static RESOURCE_TYPES: &[&rcdk_core::ResourceType] = &[
    api_gateway_v2::CfnApi::TYPE,
    api_gateway_v2::CfnApiMapping::TYPE,
    api_gateway_v2::CfnAuthorizer::TYPE,
    api_gateway_v2::CfnDeployment::TYPE,
    api_gateway_v2::CfnDomainName::TYPE,
    api_gateway_v2::CfnIntegration::TYPE,
    api_gateway_v2::CfnRoute::TYPE,
    api_gateway_v2::CfnStage::TYPE,
    api_gateway_v2::CfnVpcLink::TYPE,
    ec2::CfnEip::TYPE,
    ec2::CfnFlowLog::TYPE,
    ec2::CfnInternetGateway::TYPE,
    ec2::CfnNatGateway::TYPE,
    ec2::CfnRoute::TYPE,
    ec2::CfnRouteTable::TYPE,
    ec2::CfnSecurityGroup::TYPE,
    ec2::CfnSecurityGroupEgress::TYPE,
    ec2::CfnSecurityGroupIngress::TYPE,
    ec2::CfnSubnet::TYPE,
    ec2::CfnSubnetRouteTableAssociation::TYPE,
    ec2::CfnVpc::TYPE,
    ec2::CfnVpcGatewayAttachment::TYPE,
    ecs::CfnCluster::TYPE,
    ecs::CfnService::TYPE,
    ecs::CfnTaskDefinition::TYPE,
    elastic_load_balancing_v2::CfnListener::TYPE,
    elastic_load_balancing_v2::CfnLoadBalancer::TYPE,
    elastic_load_balancing_v2::CfnTargetGroup::TYPE,
    iam::CfnInstanceProfile::TYPE,
    iam::CfnManagedPolicy::TYPE,
    iam::CfnPolicy::TYPE,
    iam::CfnRole::TYPE,
    iam::CfnRolePolicy::TYPE,
    kms::CfnAlias::TYPE,
    kms::CfnKey::TYPE,
    kms::CfnReplicaKey::TYPE,
    logs::CfnLogGroup::TYPE,
    s3::CfnBucket::TYPE,
    sns::CfnSubscription::TYPE,
    sns::CfnTopic::TYPE,
    sns::CfnTopicPolicy::TYPE,
    sqs::CfnQueue::TYPE,
    step_functions::CfnActivity::TYPE,
    step_functions::CfnStateMachine::TYPE,
];

/// The registry facts of a generated resource type, by CloudFormation type name.
///
/// ```
/// assert!(rcdk_cfn::resource_type("AWS::SNS::Topic").is_some());
/// ```
pub fn resource_type(name: &str) -> Option<&'static rcdk_core::ResourceType> {
    RESOURCE_TYPES
        .binary_search_by(|t| t.name.cmp(name))
        .ok()
        .map(|i| RESOURCE_TYPES[i])
}
