//! What synthesis writes: references, cross-stack exports, string
//! composition, tags, options, overrides and the stable order of the output.

use rcdk_core::assertions::Template;
use rcdk_core::*;
use serde_json::json;

static BUCKET: ResourceType = ResourceType {
    name: "AWS::S3::Bucket",
    tagging: TagFormat::KeyValueList,
    attributes: &["Arn", "DomainName"],
    properties: &["BucketName", "Tags"],
    create_only_properties: &["BucketName"],
};

static API: ResourceType = ResourceType {
    name: "AWS::ApiGatewayV2::Api",
    tagging: TagFormat::Map,
    attributes: &["ApiId", "ApiEndpoint"],
    properties: &["Name", "Tags"],
    create_only_properties: &[],
};

fn bucket(scope: &Scope, id: &str) -> Resource {
    Resource::typed(scope, id, &BUCKET, Value::Null)
}

fn template(app: &App, stack: &str) -> serde_json::Value {
    app.synth().unwrap().stack(stack).unwrap().template().clone()
}

#[test]
fn cross_stack_references_become_exports_and_a_dependency() {
    let app = App::new();
    let producer = app.stack("Producer", StackProps::default());
    let consumer = app.stack("Consumer", StackProps::default());
    let b = bucket(&producer, "MyResource");
    let user = Resource::new(
        &consumer,
        "User",
        "AWS::SNS::Topic",
        [("DisplayName", b.get_att::<String>("Arn").into())],
    );
    user.set_property("Other", b.reference());
    let assembly = app.synth().unwrap();
    let p = Template::from_stack(assembly.stack("Producer").unwrap());
    // The AWS CDK's own vector for this export.
    p.has_output(
        "ExportsOutputFnGetAttMyResourceArnE157F485",
        json!({"Value": {"Fn::GetAtt": ["MyResource", "Arn"]}, "Export": {"Name": "Producer:ExportsOutputFnGetAttMyResourceArnE157F485"}}),
    );
    let c = Template::from_stack(assembly.stack("Consumer").unwrap());
    c.has_resource_properties(
        "AWS::SNS::Topic",
        json!({"DisplayName": {"Fn::ImportValue": "Producer:ExportsOutputFnGetAttMyResourceArnE157F485"}}),
    );
    assert_eq!(assembly.stack("Consumer").unwrap().dependencies(), ["Producer"]);
    let order: Vec<&str> = assembly.deploy_order().iter().map(|s| s.id()).collect();
    assert_eq!(order, ["Producer", "Consumer"]);
    // Exports come out sorted by export name, whichever consumer asked first.
    let outputs: Vec<&String> = p.json()["Outputs"].as_object().unwrap().keys().collect();
    let mut sorted = outputs.clone();
    sorted.sort();
    assert_eq!(outputs, sorted);
}

#[test]
fn concatenation_is_a_plain_string_a_sub_or_a_join() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let b = bucket(&s, "B");
    let literal = Expr::concat(["a".into(), "b".into()]);
    let sub = cfn_format!("arn:{}:s3:::{}/${{literal}}", Aws::partition(), b.reference());
    let join = Expr::concat(["x-".into(), Aws::availability_zones().select(0)]);
    let r = Resource::new(
        &s,
        "R",
        "AWS::SNS::Topic",
        [("Literal", literal.into()), ("Sub", sub.into()), ("Join", join.into())],
    );
    let t = template(&app, "S");
    let props = &t["Resources"]["R"]["Properties"];
    assert_eq!(props["Literal"], json!("ab"));
    assert_eq!(
        props["Sub"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${B}/${!literal}"})
    );
    assert_eq!(
        props["Join"],
        json!({"Fn::Join": ["", ["x-", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}]]})
    );
    drop(r);
}

#[test]
fn every_intrinsic_renders_in_long_form() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let is_prod = CfnCondition::new(&s, "IsProd", Cond::equals(Aws::stack_name(), "prod"));
    let both = CfnCondition::new(
        &s,
        "Both",
        Cond::and([
            Cond::condition(&is_prod),
            Cond::not(Cond::or([
                Cond::equals(Aws::region(), "a"),
                Cond::equals(Aws::region(), "b"),
            ])),
        ]),
    );
    let sizes = CfnMapping::new(&s, "Sizes", [("prod", vec![("Size", Value::from("L"))])]);
    let r = Resource::new(
        &s,
        "R",
        "AWS::SNS::Topic",
        [
            ("If", Expr::<String>::if_(&is_prod, "big", Expr::no_value()).into()),
            ("Split", Expr::from("a,b").split(",").select(1).into()),
            ("Import", Expr::import_value("Shared-Vpc").into()),
            ("B64", Expr::from("hi").base64().into()),
            ("Cidr", Expr::cidr("10.0.0.0/16", 4, 8).into()),
            ("Find", sizes.find_in_map(Aws::stack_name(), "Size").into()),
            ("Join", Expr::join(",", Aws::notification_arns()).into()),
        ],
    );
    r.set_condition(&both);
    let t = template(&app, "S");
    assert_eq!(
        t["Conditions"]["IsProd"],
        json!({"Fn::Equals": [{"Ref": "AWS::StackName"}, "prod"]})
    );
    assert_eq!(
        t["Conditions"]["Both"],
        json!({"Fn::And": [{"Condition": "IsProd"}, {"Fn::Not": [{"Fn::Or": [
            {"Fn::Equals": [{"Ref": "AWS::Region"}, "a"]}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "b"]}
        ]}]}]})
    );
    assert_eq!(t["Mappings"]["Sizes"], json!({"prod": {"Size": "L"}}));
    let p = &t["Resources"]["R"]["Properties"];
    assert_eq!(p["If"], json!({"Fn::If": ["IsProd", "big", {"Ref": "AWS::NoValue"}]}));
    assert_eq!(p["Split"], json!({"Fn::Select": [1, {"Fn::Split": [",", "a,b"]}]}));
    assert_eq!(p["Import"], json!({"Fn::ImportValue": "Shared-Vpc"}));
    assert_eq!(p["B64"], json!({"Fn::Base64": "hi"}));
    assert_eq!(p["Cidr"], json!({"Fn::Cidr": ["10.0.0.0/16", 4, 8]}));
    assert_eq!(
        p["Find"],
        json!({"Fn::FindInMap": ["Sizes", {"Ref": "AWS::StackName"}, "Size"]})
    );
    assert_eq!(p["Join"], json!({"Fn::Join": [",", {"Ref": "AWS::NotificationARNs"}]}));
    assert_eq!(t["Resources"]["R"]["Condition"], json!("Both"));
    let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    assert!(
        yaml.contains("Fn::If:") && !yaml.contains("!If"),
        "long-form intrinsics only"
    );
}

#[test]
fn tags_propagate_inner_wins_and_resource_wins_sorted_by_key() {
    let app = App::new();
    let s = app.stack(
        "S",
        StackProps {
            tags: vec![("team".into(), "a".into()), ("env".into(), "dev".into())],
            ..Default::default()
        },
    );
    let group = s.child("Group");
    group.add_tag("team", "b");
    let b = bucket(&group, "B");
    b.set_property(
        "Tags",
        Value::list([Value::object([("Key", "env".into()), ("Value", "prod".into())])]),
    );
    Resource::typed(&s, "Api", &API, Value::Null);
    Resource::new(&s, "Untyped", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    let t = template(&app, "S");
    assert_eq!(
        t["Resources"][logical_id::make_unique_id(&["Group", "B"]).unwrap()]["Properties"]["Tags"],
        json!([{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "b"}])
    );
    assert_eq!(
        t["Resources"]["Api"]["Properties"]["Tags"],
        json!({"env": "dev", "team": "a"})
    );
    assert!(
        t["Resources"]["Untyped"].get("Properties").is_none(),
        "unknown types are not tagged"
    );
    assert_eq!(
        app.synth().unwrap().stack("S").unwrap().tags(),
        [
            ("env".to_owned(), "dev".to_owned()),
            ("team".to_owned(), "a".to_owned())
        ]
    );
}

#[test]
fn options_and_overrides() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let a = bucket(&s, "A");
    let b = bucket(&s, "B");
    b.add_depends_on(&a);
    b.apply_removal_policy(DeletionPolicy::Retain);
    b.add_metadata("Owner", "me");
    b.set_property("List", Value::list(["x".into(), "y".into()]));
    b.add_property_override("List.1", "z");
    b.add_property_override("Nested.Deep\\.Key", 1);
    b.add_override("UpdatePolicy.Enabled", true);
    b.add_property_deletion_override("BucketName");
    b.set_property("BucketName", "gone");
    let t = template(&app, "S");
    assert_eq!(
        t["Resources"]["B"],
        json!({
            "Type": "AWS::S3::Bucket",
            "Properties": {"List": ["x", "z"], "Nested": {"Deep.Key": 1}},
            "DependsOn": ["A"],
            "UpdateReplacePolicy": "Retain",
            "DeletionPolicy": "Retain",
            "Metadata": {"Owner": "me"},
            "UpdatePolicy": {"Enabled": true}
        })
    );
}

#[test]
fn construct_dependencies_become_depends_on_or_stack_dependencies() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let db = s.child("Db");
    bucket(&db, "Data");
    let web = s.child("Web");
    bucket(&web, "Site");
    web.add_dependency(&db);
    let other = app.stack("Other", StackProps::default());
    bucket(&other, "X");
    other.add_dependency(&*s);
    let assembly = app.synth().unwrap();
    let t = assembly.stack("S").unwrap().template();
    let id = |p: &[&str]| logical_id::make_unique_id(p).unwrap();
    assert_eq!(
        t["Resources"][id(&["Web", "Site"])]["DependsOn"],
        json!([id(&["Db", "Data"])])
    );
    assert_eq!(assembly.stack("Other").unwrap().dependencies(), ["S"]);
}

#[test]
fn parameters_and_outputs() {
    let app = App::new();
    let s = app.stack(
        "S",
        StackProps {
            description: Some("d".into()),
            ..Default::default()
        },
    );
    let p = CfnParameter::new(
        &s,
        "Env",
        ParameterProps {
            default: Some("dev".into()),
            allowed_values: vec!["dev".into(), "prod".into()],
            no_echo: true,
            ..Default::default()
        },
    );
    let b = bucket(&s, "B");
    b.set_property("BucketName", p.value_as_string());
    CfnOutput::new(
        &s,
        "Name",
        OutputProps {
            value: b.reference().into(),
            export_name: Some(cfn_format!("{}-bucket", Aws::stack_name())),
            description: Some("the bucket".into()),
            ..Default::default()
        },
    );
    let t = template(&app, "S");
    let keys: Vec<&String> = t.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "AWSTemplateFormatVersion",
            "Description",
            "Parameters",
            "Resources",
            "Outputs"
        ]
    );
    assert_eq!(
        t["Parameters"]["Env"],
        json!({"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"], "NoEcho": true})
    );
    assert_eq!(
        t["Outputs"]["Name"],
        json!({"Description": "the bucket", "Value": {"Ref": "B"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-bucket"}}})
    );
}

#[test]
fn one_property_change_changes_only_its_lines() {
    let build = |name: &str| {
        let app = App::new();
        let s = app.stack("S", StackProps::default());
        for i in 0..5 {
            let b = bucket(&s, &format!("B{i}"));
            b.set_property("BucketName", format!("bucket-{i}"));
            b.set_property("Versioning", "on");
        }
        bucket(&s, "Target").set_property("BucketName", name);
        app.synth().unwrap().stack("S").unwrap().to_yaml()
    };
    let (a, b) = (build("one"), build("two"));
    let changed: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
    assert_eq!(a.lines().count(), b.lines().count());
    assert_eq!(changed, [("      BucketName: one", "      BucketName: two")]);
}

#[test]
fn logical_ids_follow_the_cdk_algorithm() {
    let app = App::new();
    let s = app.stack("TestStack", StackProps::default());
    let parent = s.child("Parent");
    let child = parent.child("Child").child("Resource");
    bucket(&child, "HeyThere");
    bucket(&parent.child("Default"), "Wrapped");
    let t = template(&app, "TestStack");
    let ids: Vec<&String> = t["Resources"].as_object().unwrap().keys().collect();
    assert_eq!(ids[0], "ParentChildHeyThere35220347");
    assert_eq!(ids[1], &logical_id::make_unique_id(&["Parent", "Wrapped"]).unwrap());
}

#[test]
fn a_snapshot_policy_on_a_type_without_snapshots_fails_synth() {
    use rcdk_core::{RemovalPolicy, Resource, Value};
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let queue = Resource::new(&stack, "Q", "AWS::SQS::Queue", [("DelaySeconds", Value::from(0))]);
    queue.apply_removal_policy(RemovalPolicy::Snapshot);
    let volume = Resource::new(&stack, "V", "AWS::EC2::Volume", [("Size", Value::from(8))]);
    volume.apply_removal_policy(RemovalPolicy::Snapshot);
    let errors: Vec<String> = app
        .synth()
        .unwrap_err()
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        ["S/Q: AWS::SQS::Queue cannot be snapshotted, so a Snapshot policy would delete it with its data; use Retain (or RetainOnUpdateOrDelete) to keep it, or Destroy"]
    );
}
