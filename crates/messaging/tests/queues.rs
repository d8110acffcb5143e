//! Queues: secure defaults, dead-letter queues, grants, imports and topic
//! subscriptions, compared with what the AWS CDK writes.

use rcdk_core::{App, Duration, Expr, Size, StackProps};
use rcdk_iam::{Role, RoleProps, ServicePrincipal};
use rcdk_messaging::*;
use rcdk_testing::Template;
use serde_json::json;

fn errors(app: &App) -> Vec<String> {
    let all = app.synth().unwrap_err().into_errors();
    all.iter()
        .map(ToString::to_string)
        .filter(|e| !e.contains("the stack has no resources"))
        .collect()
}

#[test]
fn a_queue_is_encrypted_and_tls_only_by_default() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Queue::new(&stack, "Jobs", QueueProps::default());
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    let (id, queue) = t.find_resources("AWS::SQS::Queue", json!({})).remove(0);
    assert_eq!(id, "JobsDF1CC2D4");
    assert_eq!(queue["Properties"], json!({"SqsManagedSseEnabled": true}));
    assert_eq!(
        (queue["DeletionPolicy"].as_str(), queue["UpdateReplacePolicy"].as_str()),
        (Some("Delete"), Some("Delete"))
    );
    let (id, policy) = t.find_resources("AWS::SQS::QueuePolicy", json!({})).remove(0);
    assert_eq!(id, "JobsPolicy30CCDE58");
    assert_eq!(
        policy["Properties"]["PolicyDocument"]["Statement"],
        json!([{
            "Effect": "Deny",
            "Principal": {"AWS": "*"},
            "Action": "sqs:*",
            "Resource": {"Fn::GetAtt": ["JobsDF1CC2D4", "Arn"]},
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }])
    );
}

#[test]
fn the_cdk_system_of_queues_has_the_same_template() {
    // examples/tests/fixtures/cdk/l2_queues.json's app, statement for statement.
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let dlq = Queue::new(&stack, "JobsDlq", QueueProps::default());
    let jobs = Queue::new(
        &stack,
        "Jobs",
        QueueProps {
            dead_letter_queue: Some(DeadLetterQueue::new(&dlq, 5)),
            ..Default::default()
        },
    );
    let topic = Topic::new(&stack, "Events", TopicProps::default());
    jobs.subscribe_to(
        &topic,
        SubscriptionOptions {
            raw_message_delivery: true,
            ..Default::default()
        },
    );
    let worker = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    assert!(jobs.grant_consume_messages(&worker).success());
    let shared = Queue::from_arn(&stack, "Shared", "arn:aws:sqs:eu-west-1:111111111111:shared");
    assert!(shared.grant_send_messages(&worker).success());
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::SQS::Queue",
        json!({"RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["JobsDlqB53173A1", "Arn"]}, "maxReceiveCount": 5}}),
    );
    let (_, policy) = t
        .find_resources("AWS::SQS::QueuePolicy", json!({"Queues": [{"Ref": "JobsDF1CC2D4"}]}))
        .remove(0);
    assert_eq!(
        policy["Properties"]["PolicyDocument"]["Statement"][1],
        json!({
            "Effect": "Allow",
            "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": {"Fn::GetAtt": ["JobsDF1CC2D4", "Arn"]},
            "Condition": {"ArnEquals": {"aws:SourceArn": {"Ref": "EventsD32975C2"}}}
        })
    );
    let (id, subscription) = t.find_resources("AWS::SNS::Subscription", json!({})).remove(0);
    assert_eq!(id, "JobsSEvents5B40D09395C9A40B");
    assert_eq!(subscription["DependsOn"], json!(["JobsPolicy30CCDE58"]));
    assert_eq!(
        subscription["Properties"],
        json!({
            "Endpoint": {"Fn::GetAtt": ["JobsDF1CC2D4", "Arn"]},
            "Protocol": "sqs",
            "RawMessageDelivery": true,
            "TopicArn": {"Ref": "EventsD32975C2"}
        })
    );
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"PolicyDocument": {"Statement": [
            {"Effect": "Allow", "Action": ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "Resource": {"Fn::GetAtt": ["JobsDF1CC2D4", "Arn"]}},
            {"Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], "Resource": "arn:aws:sqs:eu-west-1:111111111111:shared"}
        ]}}),
    );
}

#[test]
fn a_customer_key_is_granted_with_the_queue() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let key: Expr<String> = "arn:aws:kms:eu-west-1:111111111111:key/abc".into();
    let queue = Queue::new(
        &stack,
        "Jobs",
        QueueProps {
            encryption: QueueEncryption::Kms(key),
            ..Default::default()
        },
    );
    let worker = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    queue.grant_consume_messages(&worker);
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::SQS::Queue",
        json!({"KmsMasterKeyId": "arn:aws:kms:eu-west-1:111111111111:key/abc"}),
    );
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"PolicyDocument": {"Statement": [{}, {"Action": "kms:Decrypt", "Resource": "arn:aws:kms:eu-west-1:111111111111:key/abc"}]}}),
    );
}

#[test]
fn a_service_is_admitted_by_the_queue_policy() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let queue = Queue::new(
        &stack,
        "Jobs",
        QueueProps {
            enforce_ssl: false,
            ..Default::default()
        },
    );
    let rule = "arn:aws:events:eu-west-1:111111111111:rule/nightly";
    let grant = queue.grant_send_messages(&ServicePrincipal::new("events.amazonaws.com").with_source_arn(rule));
    assert!(matches!(grant, rcdk_iam::Grant::ResourcePolicy(_)));
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::SQS::QueuePolicy",
        json!({"PolicyDocument": {"Statement": [{
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
            "Condition": {"ArnEquals": {"aws:SourceArn": rule}}
        }]}}),
    );
}

#[test]
fn an_imported_queue_has_its_url_and_cannot_be_subscribed() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let queue = Queue::from_arn(&stack, "Shared", "arn:aws:sqs:eu-west-1:111111111111:shared");
    assert_eq!(queue.fifo(), Some(false));
    let url = queue.queue_url();
    let topic = Topic::new(&stack, "Events", TopicProps::default());
    queue.subscribe_to(&topic, SubscriptionOptions::default());
    let e = errors(&app);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with("S/Shared: an imported queue cannot be subscribed to a topic"),
        "{e:#?}"
    );
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    rcdk_core::CfnOutput::new(
        &s,
        "Url",
        rcdk_core::OutputProps {
            value: url.into_value(),
            description: None,
            export_name: None,
            condition: None,
        },
    );
    Queue::new(&s, "Q", QueueProps::default());
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    assert_eq!(
        t.json()["Outputs"]["Url"]["Value"],
        json!({"Fn::Sub": "https://sqs.eu-west-1.${AWS::URLSuffix}/111111111111/shared"})
    );
}

#[test]
fn queue_options_that_sqs_refuses_fail_synth() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let fifo_dlq = Queue::new(
        &stack,
        "FifoDlq",
        QueueProps {
            fifo: true,
            ..Default::default()
        },
    );
    Queue::new(
        &stack,
        "A",
        QueueProps {
            dead_letter_queue: Some(DeadLetterQueue::new(&fifo_dlq, 0)),
            ..Default::default()
        },
    );
    Queue::new(
        &stack,
        "B",
        QueueProps {
            visibility_timeout: Some(Duration::hours(13)),
            ..Default::default()
        },
    );
    Queue::new(
        &stack,
        "C",
        QueueProps {
            retention_period: Some(Duration::millis(90_500)),
            ..Default::default()
        },
    );
    Queue::new(
        &stack,
        "D",
        QueueProps {
            max_message_size: Some(Size::mebibytes(2)),
            ..Default::default()
        },
    );
    Queue::new(
        &stack,
        "E",
        QueueProps {
            queue_name: Some("jobs".into()),
            fifo: true,
            ..Default::default()
        },
    );
    Queue::new(
        &stack,
        "F",
        QueueProps {
            content_based_deduplication: true,
            ..Default::default()
        },
    );
    Queue::from_arn(&stack, "G", "arn:aws:sns:eu-west-1:111111111111:t");
    let e = errors(&app);
    for fragment in [
        "S/A: max_receive_count 0 is out of range; SQS accepts 1 to 1000",
        "S/A: a standard queue's dead-letter queue must be standard too",
        "S/B: visibility_timeout of 13 hours is not one SQS accepts; use whole seconds from 0 seconds to 12 hours",
        "S/C: retention_period of 90500 milliseconds is not one SQS accepts; use whole seconds from 60 seconds to 14 days",
        "S/D: max_message_size of 2 MiB is not one SQS accepts; use 1 KiB to 1 MiB",
        "S/E: queue name \"jobs\" lacks the .fifo suffix",
        "S/F: content_based_deduplication is for FIFO queues only",
        "S/G: Queue::from_arn: \"arn:aws:sns:eu-west-1:111111111111:t\" is not an SQS queue ARN",
    ] {
        assert!(e.iter().any(|m| m.starts_with(fragment)), "{fragment:?} not in {e:#?}");
    }
}

#[test]
fn a_queue_subscribes_only_to_a_topic_of_its_kind_and_warns_of_its_key() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let fifo_topic = Topic::new(
        &stack,
        "Orders",
        TopicProps {
            fifo: true,
            ..Default::default()
        },
    );
    let standard = Queue::new(&stack, "Jobs", QueueProps::default());
    standard.subscribe_to(&fifo_topic, SubscriptionOptions::default());
    assert_eq!(
        errors(&app),
        ["S/Jobs: SNS delivers a FIFO topic to FIFO queues and a standard topic to standard queues only; subscribe a queue of the topic's kind"]
    );
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::new(&stack, "Events", TopicProps::default());
    let key: Expr<String> = "arn:aws:kms:eu-west-1:111111111111:key/abc".into();
    let queue = Queue::new(
        &stack,
        "Jobs",
        QueueProps {
            encryption: QueueEncryption::Kms(key),
            ..Default::default()
        },
    );
    queue.subscribe_to(&topic, SubscriptionOptions::default());
    let warnings: Vec<String> = app
        .synth()
        .unwrap()
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        ["S/Jobs: SNS delivers to a queue encrypted with a customer managed key only if the key's policy lets sns.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt); add that to the key's policy"]
    );
}
