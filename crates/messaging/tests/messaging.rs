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
            ..Default::default()
        },
    );
    topic.add_subscription("Mail", Subscription::email("ops@example.com"));
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
            enforce_ssl: false,
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
            "Sid": "0",
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
    topic.grant_publish_to(ServicePrincipal::new("cloudwatch.amazonaws.com"));
    // EventBridge's guide forbids conditions in its topic statements, so
    // that one is not a confused-deputy warning (only the key's).
    topic.grant_publish_to(ServicePrincipal::new("events.amazonaws.com"));
    let warnings: Vec<String> = app.synth().unwrap().warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings.iter().any(|w| w.contains("alias/aws/sns")), "{warnings:#?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("without aws:SourceAccount or aws:SourceArn")),
        "{warnings:#?}"
    );
}

fn errors(app: &App) -> Vec<String> {
    let all = app.synth().unwrap_err().into_errors();
    all.iter()
        .map(ToString::to_string)
        .filter(|e| !e.contains("the stack has no resources"))
        .collect()
}

#[test]
fn an_imported_topic_is_granted_to_roles_and_subscribed_to() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::from_arn(&stack, "Shared", "arn:aws:sns:eu-west-1:111111111111:shared");
    let role = Role::from_arn(&stack, "Deployer", "arn:aws:iam::111111111111:role/ci/deployer");
    assert!(topic.grant_publish(&role).success());
    topic.add_subscription("Mail", Subscription::email("ops@example.com"));
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"Roles": ["deployer"], "PolicyDocument": {"Statement": [
            {"Action": "sns:Publish", "Resource": "arn:aws:sns:eu-west-1:111111111111:shared"}
        ]}}),
    );
    t.has_resource_properties(
        "AWS::SNS::Subscription",
        json!({"TopicArn": "arn:aws:sns:eu-west-1:111111111111:shared", "Protocol": "email"}),
    );
    t.resource_count_is("AWS::SNS::TopicPolicy", 0);
}

#[test]
fn an_imported_topic_cannot_admit_a_service() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::from_arn(&stack, "Shared", "arn:aws:sns:eu-west-1:111111111111:shared");
    let grant = topic.grant_publish(&rcdk_iam::ServicePrincipal::new("events.amazonaws.com"));
    assert!(!grant.success());
    let e = errors(&app);
    assert_eq!(
        e,
        ["S/Shared: cannot grant sns:Publish to the service events.amazonaws.com: it has no policy rcdk can write, and the resource is imported, so its resource policy is not the app's to change; grant to a role (of the app, or imported with Role::from_arn), or define the resource in the app"]
    );
}

#[test]
fn an_account_is_admitted_by_the_topic_policy() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::new(
        &stack,
        "Topic",
        TopicProps {
            enforce_ssl: false,
            ..TopicProps::default()
        },
    );
    let grant = topic.grant_publish(&rcdk_iam::Principal::account("222222222222"));
    assert!(matches!(grant, rcdk_iam::Grant::ResourcePolicy(_)));
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::SNS::TopicPolicy",
        json!({"PolicyDocument": {"Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::222222222222:root"}},
            "Action": "sns:Publish",
            "Resource": {"Ref": "TopicBFC7AF6E"}
        }]}}),
    );
}

#[test]
fn a_topic_arn_that_is_not_one_fails_with_the_path_and_the_fix() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Topic::from_arn(&stack, "T", "arn:aws:sqs:eu-west-1:111111111111:q");
    assert_eq!(
        errors(&app),
        ["S/T: Topic::from_arn: \"arn:aws:sqs:eu-west-1:111111111111:q\" is not an SNS topic ARN; use arn:<partition>:sns:<region>:<12-digit account>:<topic name>"]
    );
}

#[test]
fn fifo_topics_are_named_with_the_suffix() {
    use rcdk_core::logical_id::make_unique_id;
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let fifo = || TopicProps {
        fifo: true,
        ..Default::default()
    };
    Topic::new(&stack, "Orders", fifo());
    // Two stacks' topics of one id get two names.
    let other = app.stack("T", StackProps::default());
    Topic::new(&other, "Orders", fifo());
    Topic::new(
        &stack,
        "Named",
        TopicProps {
            topic_name: Some("payments.fifo".into()),
            ..fifo()
        },
    );
    let assembly = app.synth().unwrap();
    let name = |stack: &str| format!("{}.fifo", make_unique_id(&[stack, "Orders"]).unwrap());
    assert_ne!(name("S"), name("T"));
    let s = Template::from_stack(assembly.stack("S").unwrap());
    s.has_resource_properties("AWS::SNS::Topic", json!({"FifoTopic": true, "TopicName": name("S")}));
    s.has_resource_properties(
        "AWS::SNS::Topic",
        json!({"FifoTopic": true, "TopicName": "payments.fifo"}),
    );
    let t = Template::from_stack(assembly.stack("T").unwrap());
    t.has_resource_properties("AWS::SNS::Topic", json!({"TopicName": name("T")}));
}

#[test]
fn topic_options_that_sns_refuses_fail_synth() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Topic::new(
        &stack,
        "A",
        TopicProps {
            fifo: true,
            topic_name: Some("payments".into()),
            ..Default::default()
        },
    );
    Topic::new(
        &stack,
        "B",
        TopicProps {
            topic_name: Some("b.fifo".into()),
            ..Default::default()
        },
    );
    Topic::new(
        &stack,
        "C",
        TopicProps {
            content_based_deduplication: true,
            ..Default::default()
        },
    );
    Topic::new(
        &stack,
        "D",
        TopicProps {
            topic_name: Some("has space".into()),
            ..Default::default()
        },
    );
    let e = errors(&app);
    let expected = [
        "S/A: topic name \"payments\" lacks the .fifo suffix",
        "S/B: topic name \"b.fifo\" ends in .fifo but fifo is false",
        "S/C: content_based_deduplication is for FIFO topics only; set fifo: true or drop it",
        "S/D: topic name \"has space\" is invalid; use 1 to 256 letters",
    ];
    for fragment in expected {
        assert!(e.iter().any(|m| m.starts_with(fragment)), "{fragment:?} not in {e:#?}");
    }
}

#[test]
fn subscription_options_are_written_and_checked() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    let filter = rcdk_core::Value::object([("type", rcdk_core::Value::list(["created".into()]))]);
    topic.add_subscription(
        "Audit",
        Subscription::sqs("arn:aws:sqs:eu-west-1:111111111111:audit")
            .with_raw_message_delivery()
            .with_filter_policy(filter)
            .with_dead_letter_queue("arn:aws:sqs:eu-west-1:111111111111:dlq"),
    );
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::SNS::Subscription",
        json!({
            "Protocol": "sqs",
            "RawMessageDelivery": true,
            "FilterPolicy": {"type": ["created"]},
            "RedrivePolicy": {"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:111111111111:dlq"}
        }),
    );

    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    topic.add_subscription(
        "Mail",
        Subscription::email("ops@example.com").with_raw_message_delivery(),
    );
    topic.add_subscription(
        "Hook",
        Subscription::https("https://example.com").with_filter_policy(rcdk_core::Value::object::<&str>([])),
    );
    let e = errors(&app);
    assert!(
        e.iter()
            .any(|m| m.starts_with("S/Topic/Mail: raw message delivery is not available for email subscriptions")),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("S/Topic/Hook: a filter policy is a non-empty object")),
        "{e:#?}"
    );
}

#[test]
fn a_retained_topic_says_so() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Topic::new(
        &stack,
        "Topic",
        TopicProps {
            removal_policy: rcdk_core::RemovalPolicy::Retain,
            ..Default::default()
        },
    );
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    let (_, topic) = t.find_resources("AWS::SNS::Topic", json!({})).remove(0);
    assert_eq!(
        (topic["DeletionPolicy"].as_str(), topic["UpdateReplacePolicy"].as_str()),
        (Some("Retain"), Some("Retain"))
    );
}

#[test]
fn subscriptions_name_an_imported_topics_region_and_a_firehose_needs_a_role() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::from_arn(&stack, "Shared", "arn:aws:sns:us-east-1:111111111111:shared");
    topic.add_subscription("Mail", Subscription::email("ops@example.com"));
    topic.add_subscription(
        "Stream",
        Subscription::new(
            SubscriptionProtocol::Firehose,
            "arn:aws:firehose:us-east-1:111111111111:deliverystream/s",
        ),
    );
    let e = errors(&app);
    assert_eq!(
        e,
        ["S/Shared/Stream: a firehose subscription needs a role SNS assumes to write to the stream; set SubscriptionOptions::subscription_role_arn to a role allowed firehose:PutRecord and firehose:PutRecordBatch on it"]
    );
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::from_arn(&stack, "Shared", "arn:aws:sns:us-east-1:111111111111:shared");
    topic.add_subscription("Mail", Subscription::email("ops@example.com"));
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties("AWS::SNS::Subscription", json!({"Region": "us-east-1"}));
}
