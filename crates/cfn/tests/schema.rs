//! Synthesis checks literal property values against the registry schema: one
//! test per constraint kind feeds a violating literal; intrinsics are not
//! checked; untyped resources and overrides are checked like typed ones.

use rcdk_cfn::elastic_load_balancing_v2::{CfnListener, CfnListenerProps};
use rcdk_cfn::sns::{CfnTopic, CfnTopicProps};
use rcdk_core::schema::ConstraintKind;
use rcdk_core::{App, Aws, CfnParameter, Expr, ParameterProps, Resource, Scope, Stack, StackProps, SynthError, Value};
use serde_json::json;

fn stack() -> (App, Stack) {
    rcdk_cfn::register();
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    (app, s)
}

/// An untyped resource with these properties (a JSON object).
fn untyped(s: &Scope, id: &str, type_name: &str, props: serde_json::Value) -> Resource {
    let props = props.as_object().unwrap().clone();
    Resource::new(
        s,
        id,
        type_name,
        props.into_iter().map(|(k, v)| (k, Value::from_json(&v))),
    )
}

/// The one schema violation of the app: (property, kind, its message).
fn violation(app: &App) -> (String, ConstraintKind, String) {
    let errors = match app.synth() {
        Ok(_) => panic!("expected synthesis to fail"),
        Err(e) => e.into_errors(),
    };
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let message = errors[0].to_string();
    match &errors[0] {
        SynthError::SchemaViolation { property, kind, .. } => (property.clone(), *kind, message),
        other => panic!("not a schema violation: {other}"),
    }
}

fn assert_violation(app: &App, property: &str, kind: ConstraintKind, fragments: &[&str]) {
    let (p, k, message) = violation(app);
    assert_eq!((p.as_str(), k), (property, kind), "{message}");
    assert!(message.starts_with("S/"), "{message} does not name the construct path");
    for f in fragments {
        assert!(message.contains(f), "{message:?} does not contain {f:?}");
    }
}

#[test]
fn required() {
    let (app, s) = stack();
    untyped(
        &s,
        "Sub",
        "AWS::SNS::Subscription",
        json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:t"}),
    );
    assert_violation(
        &app,
        "Protocol",
        ConstraintKind::Required,
        &["S/Sub: AWS::SNS::Subscription property Protocol is required and not set (required); set it"],
    );
}

#[test]
fn unknown_property_suggests_the_nearest_name() {
    let (app, s) = stack();
    untyped(&s, "Q", "AWS::SQS::Queue", json!({"QueueNam": "orders"}));
    assert_violation(
        &app,
        "QueueNam",
        ConstraintKind::UnknownProperty,
        &[
            "S/Q: AWS::SQS::Queue property QueueNam = \"orders\" is not a property of the type",
            "did you mean \"QueueName\"?",
        ],
    );
}

#[test]
fn a_template_from_elsewhere_is_checked_by_logical_id() {
    rcdk_cfn::register();
    let template = json!({"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 901}},
        "Fine": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": {"Ref": "Delay"}}}
    }});
    let problems: Vec<String> = rcdk_core::schema::check(&template)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("Queue: AWS::SQS::Queue property DelaySeconds = 901"),
        "{problems:#?}"
    );
}

#[test]
fn an_unknown_property_is_reported_even_when_its_value_is_an_intrinsic() {
    let (app, s) = stack();
    untyped(
        &s,
        "Q",
        "AWS::SQS::Queue",
        json!({"QueueNam": {"Ref": "AWS::StackName"}}),
    );
    assert_violation(
        &app,
        "QueueNam",
        ConstraintKind::UnknownProperty,
        &["S/Q: AWS::SQS::Queue property QueueNam", "did you mean \"QueueName\"?"],
    );
}

#[test]
fn unknown_nested_property_through_an_override() {
    let (app, s) = stack();
    let b = untyped(&s, "B", "AWS::S3::Bucket", json!({}));
    b.add_property_override("VersioningConfiguration.Statu", "Enabled");
    let text: Vec<String> = app
        .synth()
        .unwrap_err()
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    // The typo is not a property, and the real one is missing.
    assert_eq!(
        text,
        [
            "S/B: AWS::S3::Bucket property VersioningConfiguration.Status is required and not set (required); set it",
            "S/B: AWS::S3::Bucket property VersioningConfiguration.Statu = \"Enabled\" is not a property of the type (additionalProperties); did you mean \"Status\"?",
        ]
    );
}

#[test]
fn wrong_type() {
    let (app, s) = stack();
    untyped(&s, "Q", "AWS::SQS::Queue", json!({"DelaySeconds": "five"}));
    assert_violation(
        &app,
        "DelaySeconds",
        ConstraintKind::Type,
        &["= \"five\" is not an integer (type)"],
    );
}

#[test]
fn numbers_in_strings_are_numbers() {
    let (app, s) = stack();
    untyped(
        &s,
        "Q",
        "AWS::SQS::Queue",
        json!({"DelaySeconds": "5", "FifoQueue": "true"}),
    );
    app.synth().unwrap();
}

#[test]
fn enumeration() {
    let (app, s) = stack();
    untyped(&s, "Logs", "AWS::Logs::LogGroup", json!({"RetentionInDays": 2}));
    assert_violation(
        &app,
        "RetentionInDays",
        ConstraintKind::Enum,
        &["RetentionInDays = 2 is not one of 1, 3, 5", "use one of them"],
    );
}

#[test]
fn constant_with_its_enum_is_reported_once() {
    let (app, s) = stack();
    untyped(
        &s,
        "B",
        "AWS::S3::Bucket",
        json!({"ObjectLockConfiguration": {"ObjectLockEnabled": "Disabled"}}),
    );
    assert_violation(
        &app,
        "ObjectLockConfiguration.ObjectLockEnabled",
        ConstraintKind::Enum,
        &["= \"Disabled\" is not one of \"Enabled\""],
    );
}

#[test]
fn minimum() {
    // A listener on port 0 used to pass synthesis.
    let (app, s) = stack();
    let lb = untyped(
        &s,
        "Lb",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Subnets": ["subnet-1", "subnet-2"]}),
    );
    CfnListener::new(
        &s,
        "Listener",
        CfnListenerProps {
            port: Some(0.into()),
            ..CfnListenerProps::new(Vec::new(), lb.reference())
        },
    );
    let errors = app.synth().unwrap_err().into_errors();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|m| m.starts_with("S/Listener: AWS::ElasticLoadBalancingV2::Listener property Port = 0 is less than the minimum 1 (minimum); use 1 or more")),
        "{text:#?}"
    );
}

#[test]
fn maximum() {
    let (app, s) = stack();
    untyped(&s, "Q", "AWS::SQS::Queue", json!({"DelaySeconds": 901}));
    assert_violation(
        &app,
        "DelaySeconds",
        ConstraintKind::Maximum,
        &["= 901 is more than the maximum 900", "use 900 or less"],
    );
}

#[test]
fn min_length() {
    let (app, s) = stack();
    untyped(&s, "Logs", "AWS::Logs::LogGroup", json!({"LogGroupName": ""}));
    let errors = app.synth().unwrap_err().into_errors();
    assert!(
        errors.iter().any(|e| matches!(e, SynthError::SchemaViolation { kind: ConstraintKind::MinLength, property, .. } if property == "LogGroupName")),
        "{errors:#?}"
    );
}

#[test]
fn max_length_of_a_typed_property() {
    // A newcomer's 300-character topic name used to pass synthesis.
    let (app, s) = stack();
    let name = format!("my topic!{}", "x".repeat(291));
    CfnTopic::new(
        &s,
        "Topic",
        CfnTopicProps {
            topic_name: Some(name.into()),
            ..Default::default()
        },
    );
    assert_violation(
        &app,
        "TopicName",
        ConstraintKind::MaxLength,
        &[
            "S/Topic: AWS::SNS::Topic property TopicName = \"my topic!xxx",
            "is 300 characters long, longer than the maximum 256",
            "use at most 256 characters",
        ],
    );
}

#[test]
fn pattern() {
    let (app, s) = stack();
    untyped(&s, "Logs", "AWS::Logs::LogGroup", json!({"LogGroupName": "my group!"}));
    assert_violation(
        &app,
        "LogGroupName",
        ConstraintKind::Pattern,
        &[
            "LogGroupName = \"my group!\" does not match the pattern ^[.\\-_/#A-Za-z0-9]{1,512}\\Z",
            "use a value that matches it",
        ],
    );
}

#[test]
fn pattern_with_a_leading_lookahead() {
    // `^(?!aws:)`: tag keys may not use the reserved prefix.
    let (app, s) = stack();
    untyped(
        &s,
        "Gw",
        "AWS::EC2::CarrierGateway",
        json!({"VpcId": "vpc-1", "Tags": [{"Key": "aws:team", "Value": "x"}]}),
    );
    assert_violation(
        &app,
        "Tags[0].Key",
        ConstraintKind::Pattern,
        &["= \"aws:team\" does not match the pattern"],
    );
}

#[test]
fn min_items() {
    let (app, s) = stack();
    untyped(
        &s,
        "Flow",
        "AWS::EC2::FlowLog",
        json!({"ResourceType": "VPC", "ResourceId": "vpc-1", "TagFieldSpecifications": []}),
    );
    assert_violation(
        &app,
        "TagFieldSpecifications",
        ConstraintKind::MinItems,
        &["has 0 items, fewer than the minimum 1"],
    );
}

#[test]
fn max_items() {
    let (app, s) = stack();
    let spec = json!({"ResourceType": "instance", "TagKeys": ["a"]});
    untyped(
        &s,
        "Flow",
        "AWS::EC2::FlowLog",
        json!({"ResourceType": "VPC", "ResourceId": "vpc-1", "TagFieldSpecifications": [spec, spec, spec, spec]}),
    );
    let errors = app.synth().unwrap_err().into_errors();
    assert!(
        errors.iter().any(|e| matches!(
            e,
            SynthError::SchemaViolation {
                kind: ConstraintKind::MaxItems,
                ..
            }
        ) && e.to_string().contains("has 4 items, more than the maximum 3")),
        "{errors:#?}"
    );
}

#[test]
fn unique_items() {
    let (app, s) = stack();
    untyped(
        &s,
        "Dhcp",
        "AWS::EC2::DHCPOptions",
        json!({"DomainNameServers": ["10.0.0.2", "10.0.0.2"]}),
    );
    assert_violation(
        &app,
        "DomainNameServers",
        ConstraintKind::UniqueItems,
        &["= \"10.0.0.2\" appears more than once", "remove the duplicate"],
    );
}

#[test]
fn min_properties() {
    let (app, s) = stack();
    untyped(
        &s,
        "Machine",
        "AWS::StepFunctions::StateMachine",
        json!({"RoleArn": "arn:aws:iam::123456789012:role/r", "DefinitionSubstitutions": {}}),
    );
    assert_violation(
        &app,
        "DefinitionSubstitutions",
        ConstraintKind::MinProperties,
        &["has 0 entries, fewer than the minimum 1"],
    );
}

#[test]
fn max_properties() {
    // Each processor of a log transformer is exactly one kind of processor.
    let (app, s) = stack();
    untyped(
        &s,
        "Transformer",
        "AWS::Logs::Transformer",
        json!({
            "LogGroupIdentifier": "app",
            "TransformerConfig": [{"ParseJSON": {}, "LowerCaseString": {"WithKeys": ["a"]}}],
        }),
    );
    assert_violation(
        &app,
        "TransformerConfig[0]",
        ConstraintKind::MaxProperties,
        &["has 2 entries", "maximum 1"],
    );
}

#[test]
fn constant() {
    let (app, s) = stack();
    let export = json!({
        "Destination": {"BucketArn": "arn:aws:s3:::reports", "Format": "CSV"},
        "OutputSchemaVersion": "V_2",
    });
    untyped(
        &s,
        "B",
        "AWS::S3::Bucket",
        json!({"AnalyticsConfigurations": [{"Id": "all", "StorageClassAnalysis": {"DataExport": export}}]}),
    );
    assert_violation(
        &app,
        "AnalyticsConfigurations[0].StorageClassAnalysis.DataExport.OutputSchemaVersion",
        ConstraintKind::Const,
        &["\"V_2\"", "\"V_1\""],
    );
}

#[test]
fn one_of() {
    let (app, s) = stack();
    untyped(
        &s,
        "Exclusion",
        "AWS::EC2::VPCBlockPublicAccessExclusion",
        json!({"InternetGatewayExclusionMode": "allow-egress", "VpcId": "vpc-1", "SubnetId": "subnet-1"}),
    );
    assert_violation(
        &app,
        "",
        ConstraintKind::OneOf,
        &["S/Exclusion: AWS::EC2::VPCBlockPublicAccessExclusion matches 2 of the 2 alternatives: VpcId; SubnetId (oneOf); match exactly one of them"],
    );
}

#[test]
fn any_of() {
    let (app, s) = stack();
    untyped(
        &s,
        "Policy",
        "AWS::IAM::Policy",
        json!({"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": []}}),
    );
    assert_violation(
        &app,
        "",
        ConstraintKind::AnyOf,
        &["matches none of the 3 alternatives: Users; Groups; Roles"],
    );
}

#[test]
fn dependent_required() {
    let (app, s) = stack();
    untyped(&s, "Vpc", "AWS::EC2::VPC", json!({"Ipv4IpamPoolId": "ipam-pool-1"}));
    assert_violation(
        &app,
        "Ipv4NetmaskLength",
        ConstraintKind::DependentRequired,
        &[
            "property Ipv4NetmaskLength is required when Ipv4IpamPoolId is set",
            "set it, or remove Ipv4IpamPoolId",
        ],
    );
}

#[test]
fn dependent_excluded() {
    let (app, s) = stack();
    untyped(
        &s,
        "Instance",
        "AWS::EC2::Instance",
        json!({"ImageId": "ami-1", "NetworkInterfaces": [{"DeviceIndex": "0", "NetworkInterfaceId": "eni-1", "AssociatePublicIpAddress": true}]}),
    );
    let errors = app.synth().unwrap_err().into_errors();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        errors.iter().any(|e| matches!(e, SynthError::SchemaViolation { kind: ConstraintKind::DependentExcluded, property, .. }
            if property == "NetworkInterfaces[0].NetworkInterfaceId" || property == "NetworkInterfaces[0].AssociatePublicIpAddress")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|m| m.contains("cannot be set together with")),
        "{text:#?}"
    );
}

#[test]
fn required_xor() {
    let (app, s) = stack();
    untyped(
        &s,
        "Ingress",
        "AWS::EC2::SecurityGroupIngress",
        json!({"IpProtocol": "tcp", "GroupId": "sg-1", "CidrIp": "10.0.0.0/8", "SourceSecurityGroupId": "sg-2"}),
    );
    assert_violation(
        &app,
        "",
        ConstraintKind::RequiredXor,
        &[
            "set CidrIp and SourceSecurityGroupId of CidrIp, CidrIpv6",
            "set exactly one of them",
        ],
    );
}

#[test]
fn required_or() {
    let (app, s) = stack();
    untyped(&s, "Subnet", "AWS::EC2::Subnet", json!({"VpcId": "vpc-1"}));
    assert_violation(
        &app,
        "",
        ConstraintKind::RequiredOr,
        &["set none of CidrBlock, Ipv4IpamPoolId", "set at least one of them"],
    );
}

#[test]
fn intrinsic_values_are_not_checked() {
    let (app, s) = stack();
    let port = CfnParameter::new(&s, "Port", ParameterProps::default());
    let lb = untyped(
        &s,
        "Lb",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Subnets": ["subnet-1", "subnet-2"]}),
    );
    let listener = CfnListener::new(&s, "Listener", CfnListenerProps::new(Vec::new(), lb.reference()));
    listener.set_port(port.value_as_number().cast::<i64>());
    // A `Fn::Sub` whose literal text breaks the pattern, and a `Ref` where a
    // list of unique items is expected, both pass.
    untyped(&s, "Logs", "AWS::Logs::LogGroup", json!({})).set_property(
        "LogGroupName",
        Expr::<String>::sub("my group!${AWS::StackName}", Vec::<(&str, Expr<String>)>::new()),
    );
    untyped(&s, "Dhcp", "AWS::EC2::DHCPOptions", json!({})).set_property(
        "DomainNameServers",
        Value::list([Aws::region().into(), Aws::region().into()]),
    );
    let errors = app.synth().err().map(|e| e.into_errors()).unwrap_or_default();
    let schema: Vec<&SynthError> = errors
        .iter()
        .filter(|e| matches!(e, SynthError::SchemaViolation { .. }))
        .collect();
    // The listener's DefaultActions list is empty and there is nothing else to report.
    assert!(schema.is_empty(), "{schema:#?}");
}

#[test]
fn an_alternative_that_depends_on_an_intrinsic_is_not_judged() {
    let (app, s) = stack();
    // Ingress: exactly one source; the source given is a reference.
    untyped(
        &s,
        "Ingress",
        "AWS::EC2::SecurityGroupIngress",
        json!({"IpProtocol": "tcp", "GroupId": "sg-1", "SourceSecurityGroupId": {"Ref": "AWS::NoValue"}}),
    );
    app.synth().unwrap();
}

#[test]
fn typed_setters_write_the_graph_and_are_checked() {
    let (app, s) = stack();
    let topic = CfnTopic::new(&s, "Topic", CfnTopicProps::default());
    topic
        .set_display_name("Alerts")
        .set_fifo_topic(true)
        .push_tags(rcdk_cfn::sns::topic::Tag::new("team", "ops"))
        .set_topic_name("alerts.fifo");
    let assembly = app.synth().unwrap();
    let t = assembly.stack("S").unwrap().template();
    assert_eq!(
        t["Resources"]["Topic"]["Properties"],
        json!({"DisplayName": "Alerts", "FifoTopic": true, "Tags": [{"Key": "team", "Value": "ops"}], "TopicName": "alerts.fifo"})
    );
    topic.set_topic_name("x".repeat(257));
    assert_violation(
        &app,
        "TopicName",
        ConstraintKind::MaxLength,
        &["longer than the maximum 256"],
    );
}

#[test]
fn maps_take_entries() {
    let (app, s) = stack();
    let bucket = rcdk_cfn::s3::CfnBucket::new(&s, "B", Default::default());
    bucket.set_bucket_name("logs");
    let sm = rcdk_cfn::step_functions::CfnStateMachine::new(
        &s,
        "M",
        rcdk_cfn::step_functions::CfnStateMachineProps::new("arn:aws:iam::123456789012:role/r"),
    );
    sm.insert_definition_substitutions("Bucket", bucket.reference());
    sm.insert_definition_substitutions("Stage", "prod");
    let assembly = app.synth().unwrap();
    let t = assembly.stack("S").unwrap().template();
    assert_eq!(
        t["Resources"]["M"]["Properties"]["DefinitionSubstitutions"],
        json!({"Bucket": {"Ref": "B"}, "Stage": "prod"})
    );
}

#[test]
fn every_type_has_metadata_whatever_the_features() {
    // Every type's metadata is there, whichever services are compiled.
    let m = rcdk_cfn::metadata::metadata("AWS::Lambda::Function").unwrap();
    assert!(m.required().any(|p| p == "Role"));
    assert!(m.replaces_on_change("FunctionName"));
    assert!(m.read_only_properties().any(|p| p == "Arn"));
    assert_eq!(m.primary_identifier().collect::<Vec<_>>(), ["FunctionName"]);
    assert!(m.taggable() && m.tag_property() == Some("Tags"));
    assert_eq!(rcdk_cfn::metadata::TYPES.len(), 1854);
    // Untyped resources of a service that is not compiled (no workspace
    // crate enables CodeBuild) get the top-level checks.
    let (app, s) = stack();
    untyped(
        &s,
        "P",
        "AWS::CodeBuild::Project",
        json!({"Artifacts": {}, "Environment": {}, "ServiceRole": "r", "Source": {}, "Nmae": "x"}),
    );
    let (property, kind, message) = violation(&app);
    assert_eq!(
        (property.as_str(), kind),
        ("Nmae", ConstraintKind::UnknownProperty),
        "{message}"
    );
    assert!(message.contains("did you mean \"Name\"?"), "{message}");
}

#[test]
fn an_unknown_type_is_a_warning_naming_the_nearest() {
    let (app, s) = stack();
    untyped(&s, "T", "AWS::SNS::Topik", json!({}));
    let assembly = app.synth().unwrap();
    let w: Vec<String> = assembly.warnings().iter().map(ToString::to_string).collect();
    assert!(
        w.iter()
            .any(|w| w.starts_with("S/T: AWS::SNS::Topik is not a resource type")
                && w.contains("did you mean AWS::SNS::Topic?")),
        "{w:#?}"
    );
}

#[test]
fn tags_reach_exactly_the_taggable_types() {
    use rcdk_core::{ResourceType, TagFormat};
    // Typed resources merge scope tags only where the schema takes `Tags`.
    let taggable: Vec<&&ResourceType> = rcdk_cfn::RESOURCE_TYPES
        .iter()
        .filter(|t| t.tagging != TagFormat::None)
        .collect();
    for t in &taggable {
        let m = rcdk_cfn::metadata::metadata(t.name).unwrap();
        assert!(m.taggable() && m.tag_property() == Some("Tags"), "{}", t.name);
        assert_eq!(m.tag_format(), t.tagging, "{}", t.name);
    }
    // AWS::SNS::Subscription and AWS::SQS::QueuePolicy take no tags.
    for name in [
        "AWS::SNS::Subscription",
        "AWS::SQS::QueuePolicy",
        "AWS::EC2::SubnetRouteTableAssociation",
    ] {
        assert!(!rcdk_cfn::metadata::metadata(name).unwrap().taggable(), "{name}");
    }
    let (app, s) = stack();
    s.add_tag("team", "ops");
    CfnTopic::new(&s, "Topic", CfnTopicProps::default());
    rcdk_cfn::sns::CfnSubscription::new(
        &s,
        "Sub",
        rcdk_cfn::sns::CfnSubscriptionProps::new("sqs", "arn:aws:sns:::t"),
    );
    let assembly = app.synth().unwrap();
    let t = assembly.stack("S").unwrap().template();
    assert_eq!(
        t["Resources"]["Topic"]["Properties"]["Tags"],
        json!([{"Key": "team", "Value": "ops"}])
    );
    assert!(t["Resources"]["Sub"]["Properties"].get("Tags").is_none());
}
