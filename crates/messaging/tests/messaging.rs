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

#[test]
fn a_topic_policy_admits_a_service_only_for_the_named_source() {
    use rcdk_iam::ServicePrincipal;
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let key: Expr<String> = "arn:aws:kms:eu-west-1:111111111111:key/abc".into();
    let topic = Topic::new(
        &stack,
        "Topic",
        TopicProps {
            encryption: TopicEncryption::Kms(key),
            ..Default::default()
        },
    );
    let rule = "arn:aws:events:eu-west-1:111111111111:rule/nightly";
    let events = ServicePrincipal::new("events.amazonaws.com")
        .with_source_account(rcdk_core::Aws::account_id())
        .with_source_arn(rule);
    topic.grant_publish_to(events.clone());
    topic.grant_publish_to(events);
    let assembly = app.synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let t = Template::from_stack(assembly.stack("S").unwrap());
    t.resource_count_is("AWS::SNS::TopicPolicy", 1);
    let (id, policy) = t.find_resources("AWS::SNS::TopicPolicy", json!({})).remove(0);
    // The AWS CDK's `Topic/Policy/Resource`.
    assert_eq!(id, "TopicPolicyA1747468");
    assert_eq!(policy["Properties"]["Topics"], json!([{"Ref": "TopicBFC7AF6E"}]));
    assert_eq!(
        policy["Properties"]["PolicyDocument"],
        json!({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": "sns:Publish",
            "Resource": {"Ref": "TopicBFC7AF6E"},
            "Condition": {
                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                "ArnEquals": {"aws:SourceArn": rule}
            }
        }]})
    );
}

#[test]
fn admitting_a_service_without_its_source_or_to_an_aws_managed_key_warns() {
    use rcdk_iam::ServicePrincipal;
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    topic.grant_publish_to(ServicePrincipal::new("events.amazonaws.com"));
    let warnings: Vec<String> = app.synth().unwrap().warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().any(|w| w.contains("alias/aws/sns")), "{warnings:#?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("without aws:SourceAccount or aws:SourceArn")),
        "{warnings:#?}"
    );
}
