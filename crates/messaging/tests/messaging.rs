//! Topics: encryption, grants and subscriptions.

use rcdk_core::{App, Expr, StackProps};
use rcdk_iam::{Role, RoleProps};
use rcdk_messaging::*;
use rcdk_testing::Template;
use serde_json::json;

#[test]
fn a_customer_key_is_used_and_granted() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let key: Expr<String> = "arn:aws:kms:eu-west-1:111111111111:key/abc".into();
    let topic = Topic::new(
        &stack,
        "Topic",
        TopicProps {
            encryption: TopicEncryption::Kms(key),
            display_name: Some("t".into()),
        },
    );
    topic.add_subscription("Mail", "email", "ops@example.com");
    let role = Role::new(&stack, "Publisher", RoleProps::assumed_by("lambda.amazonaws.com"));
    topic.grant_publish(&role);
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::SNS::Topic",
        json!({"KmsMasterKeyId": "arn:aws:kms:eu-west-1:111111111111:key/abc"}),
    );
    t.has_resource_properties(
        "AWS::SNS::Subscription",
        json!({"Protocol": "email", "Endpoint": "ops@example.com", "TopicArn": {"Ref": "TopicBFC7AF6E"}}),
    );
    t.has_resource_properties("AWS::IAM::Policy", json!({"PolicyDocument": {"Statement": [
        {"Action": "sns:Publish", "Resource": {"Ref": "TopicBFC7AF6E"}},
        {"Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "arn:aws:kms:eu-west-1:111111111111:key/abc"}
    ]}}));
}

#[test]
fn granting_twice_adds_one_statement() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    let role = Role::new(&stack, "Publisher", RoleProps::assumed_by("lambda.amazonaws.com"));
    topic.grant_publish(&role);
    topic.grant_publish(&role);
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    let (_, p) = t.find_resources("AWS::IAM::Policy", json!({})).remove(0);
    assert_eq!(
        p["Properties"]["PolicyDocument"]["Statement"].as_array().unwrap().len(),
        1
    );
}
