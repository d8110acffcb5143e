//! Buses, rules, patterns, schedules and targets; logical IDs compared with
//! the AWS CDK's fixture for the same app.

use std::collections::BTreeMap;

use rcdk_core::{App, Duration, StackProps, Value};
use rcdk_events::*;
use rcdk_iam::{Role, RoleProps};
use rcdk_messaging::{Queue, QueueProps, Topic, TopicEncryption, TopicProps};
use rcdk_testing::Template;
use serde_json::json;

fn errors(app: &App) -> Vec<String> {
    let all = app.synth().unwrap_err().into_errors();
    all.iter()
        .map(ToString::to_string)
        .filter(|e| !e.contains("the stack has no resources"))
        .collect()
}

fn key() -> TopicEncryption {
    TopicEncryption::Kms("arn:aws:kms:eu-west-1:111111111111:key/abc".into())
}

/// The app of examples/tests/fixtures/cdk/l2_events.json.
fn cdk_app() -> App {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    bus.archive(
        "Archive",
        ArchiveProps {
            event_pattern: EventPattern::new().source(["orders"]),
            retention: Some(Duration::days(7)),
        },
    );
    let jobs = Queue::new(&stack, "Jobs", QueueProps::default());
    let alerts = Topic::new(
        &stack,
        "Alerts",
        TopicProps {
            enforce_ssl: false,
            encryption: key(),
            ..Default::default()
        },
    );
    let rule = Rule::new(
        &stack,
        "OrderPlaced",
        RuleProps::on(
            &bus,
            EventPattern::new().source(["orders"]).detail_type(["Order Placed"]),
        ),
    );
    rule.add_target(&targets::SqsQueue::new(&jobs));
    rule.add_target(&targets::SnsTopic::new(&alerts));
    let nightly = Rule::new(
        &stack,
        "Nightly",
        RuleProps::scheduled(Schedule::cron(Cron {
            minute: "0".into(),
            hour: "3".into(),
            ..Cron::default()
        })),
    );
    nightly.add_target(&targets::SqsQueue::new(&jobs));
    let worker = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    bus.grant_put_events_to(&worker);
    app
}

#[test]
fn logical_ids_are_the_cdks() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/tests/fixtures/cdk/l2_events.json"
    );
    let fixture: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cdk: BTreeMap<String, String> = fixture["stacks"]["S"]["resources"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, r)| (id.clone(), r["type"].as_str().unwrap().to_owned()))
        .collect();
    let assembly = cdk_app().synth().unwrap();
    let t = Template::from_stack(&assembly.stacks()[0]);
    let ours: BTreeMap<String, String> = t.json()["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, r)| (id.clone(), r["Type"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(ours, cdk);
}

#[test]
fn targets_admit_exactly_their_rule() {
    let assembly = cdk_app().synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let t = Template::from_stack(&assembly.stacks()[0]);
    t.has_resource_properties(
        "AWS::Events::Rule",
        json!({
            "EventBusName": {"Ref": "BusEA82B648"},
            "EventPattern": {"source": ["orders"], "detail-type": ["Order Placed"]},
            "State": "ENABLED",
            "Targets": [
                {"Arn": {"Fn::GetAtt": ["JobsDF1CC2D4", "Arn"]}, "Id": "Target0"},
                {"Arn": {"Ref": "Alerts91F83244"}, "Id": "Target1"}
            ]
        }),
    );
    t.has_resource_properties("AWS::Events::Rule", json!({"ScheduleExpression": "cron(0 3 * * ? *)"}));
    // As the CDK's: EventBridge's guide allows no Condition block in a
    // topic policy statement for EventBridge. SNS needs the Sid.
    let (_, topic_policy) = t.find_resources("AWS::SNS::TopicPolicy", json!({})).remove(0);
    assert_eq!(
        topic_policy["Properties"]["PolicyDocument"]["Statement"],
        json!([{
            "Sid": "0",
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": "sns:Publish",
            "Resource": {"Ref": "Alerts91F83244"}
        }])
    );
    let (_, policy) = t.find_resources("AWS::SQS::QueuePolicy", json!({})).remove(0);
    let statements = policy["Properties"]["PolicyDocument"]["Statement"].as_array().unwrap();
    let sources: Vec<_> = statements
        .iter()
        .filter_map(|s| s["Condition"]["ArnEquals"]["aws:SourceArn"].as_object())
        .collect();
    assert_eq!(sources.len(), 2, "one statement per rule: {statements:#?}");
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"PolicyDocument": {"Statement": [{"Action": "events:PutEvents", "Resource": {"Fn::GetAtt": ["BusEA82B648", "Arn"]}}]}}),
    );
    t.has_resource_properties(
        "AWS::Events::Archive",
        json!({"EventPattern": {"source": ["orders"]}, "RetentionDays": 7, "SourceArn": {"Fn::GetAtt": ["BusEA82B648", "Arn"]}}),
    );
}

#[test]
fn an_aws_managed_topic_warns_that_eventbridge_cannot_publish() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let topic = Topic::new(&stack, "Alerts", TopicProps::default());
    let rule = Rule::new(&stack, "R", RuleProps::matching(EventPattern::new().source(["orders"])));
    rule.add_target(&targets::SnsTopic::new(&topic));
    let warnings: Vec<String> = app
        .synth()
        .unwrap()
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("events.amazonaws.com cannot publish to a topic encrypted with the AWS managed key")),
        "{warnings:#?}"
    );
}

#[test]
fn target_options_reach_the_template() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let jobs = Queue::new(
        &stack,
        "Jobs",
        QueueProps {
            fifo: true,
            ..Default::default()
        },
    );
    let dlq = Queue::new(&stack, "Undelivered", QueueProps::default());
    let rule = Rule::new(&stack, "R", RuleProps::matching(EventPattern::new().source(["orders"])));
    rule.add_target_with(
        &targets::SqsQueue::new(&jobs).message_group_id("orders"),
        TargetOptions {
            input: Some(Value::object([("kind", Value::from("order"))])),
            retry_attempts: Some(3),
            max_event_age: Some(Duration::hours(2)),
            dead_letter_queue: Some(&dlq),
        },
    );
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::Events::Rule",
        json!({"Targets": [{
            "Id": "Target0",
            "Input": "{\"kind\":\"order\"}",
            "SqsParameters": {"MessageGroupId": "orders"},
            "RetryPolicy": {"MaximumEventAgeInSeconds": 7200, "MaximumRetryAttempts": 3},
            "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["UndeliveredF3CF66A9", "Arn"]}}
        }]}),
    );
    t.has_resource_properties(
        "AWS::SQS::QueuePolicy",
        json!({"Queues": [{"Ref": "UndeliveredF3CF66A9"}], "PolicyDocument": {"Statement": [{}, {"Principal": {"Service": "events.amazonaws.com"}}]}}),
    );
}

#[test]
fn schedules_are_checked_and_written() {
    assert_eq!(
        Schedule::rate(Duration::minutes(1)).expression(),
        Ok("rate(1 minute)".to_owned())
    );
    assert_eq!(
        Schedule::rate(Duration::minutes(120)).expression(),
        Ok("rate(2 hours)".to_owned())
    );
    assert_eq!(
        Schedule::rate(Duration::days(2)).expression(),
        Ok("rate(2 days)".to_owned())
    );
    assert!(Schedule::rate(Duration::seconds(90))
        .expression()
        .unwrap_err()
        .contains("not a whole number of minutes"));
    assert!(Schedule::rate(Duration::seconds(0)).expression().is_err());
    let both = Cron {
        day: "1".into(),
        week_day: "MON".into(),
        ..Cron::default()
    };
    assert!(Schedule::cron(both)
        .expression()
        .unwrap_err()
        .contains("exactly one of them must be ?"));
}

#[test]
fn rules_eventbridge_would_refuse_fail_synth() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    Rule::new(&stack, "Neither", RuleProps::default());
    Rule::new(&stack, "Empty", RuleProps::matching(EventPattern::new()));
    Rule::new(
        &stack,
        "EmptyList",
        RuleProps::matching(EventPattern::new().source(Vec::<String>::new())),
    );
    Rule::new(
        &stack,
        "Scalar",
        RuleProps::matching(EventPattern::new().detail(Value::object([("status", Value::from("PAID"))]))),
    );
    Rule::new(
        &stack,
        "ScheduleOnBus",
        RuleProps {
            event_bus: Some(&bus),
            ..RuleProps::scheduled(Schedule::rate(Duration::hours(1)))
        },
    );
    Rule::new(
        &stack,
        "BadRate",
        RuleProps::scheduled(Schedule::rate(Duration::seconds(30))),
    );
    let jobs = Queue::new(
        &stack,
        "Jobs",
        QueueProps {
            fifo: true,
            ..Default::default()
        },
    );
    let many = Rule::new(
        &stack,
        "Many",
        RuleProps::matching(EventPattern::new().source(["orders"])),
    );
    for _ in 0..6 {
        many.add_target(&targets::SqsQueue::new(&jobs).message_group_id("g"));
    }
    let fifo = Rule::new(
        &stack,
        "Fifo",
        RuleProps::matching(EventPattern::new().source(["orders"])),
    );
    fifo.add_target(&targets::SqsQueue::new(&jobs));
    let fifo_dlq = Rule::new(
        &stack,
        "FifoDlq",
        RuleProps::matching(EventPattern::new().source(["orders"])),
    );
    fifo_dlq.add_target_with(
        &targets::SqsQueue::new(&jobs).message_group_id("g"),
        TargetOptions {
            dead_letter_queue: Some(&jobs),
            ..TargetOptions::default()
        },
    );
    bus.archive(
        "Forever",
        ArchiveProps {
            event_pattern: EventPattern::new().source(["orders"]),
            retention: Some(Duration::days(0)),
        },
    );
    Rule::new(
        &stack,
        "NaN",
        RuleProps::matching(
            EventPattern::new().detail(Value::object([("total", Value::list([Match::numeric(">", f64::NAN)]))])),
        ),
    );
    EventBus::new(
        &stack,
        "Default",
        EventBusProps {
            event_bus_name: Some("default".into()),
            ..Default::default()
        },
    );
    let e = errors(&app);
    for fragment in [
        "S/Neither: a rule has either an event pattern or a schedule; give it exactly one",
        "S/Empty: the event pattern is empty and would match nothing",
        "S/EmptyList: the event pattern's source is an empty list",
        "S/Scalar: the event pattern's detail.status is not a list; EventBridge matches against lists of values, so write [\"PAID\"]",
        "S/ScheduleOnBus: scheduled rules run on the default event bus only",
        "S/BadRate: a rate of 30 seconds is not a whole number of minutes",
        "S/Many: a rule sends to at most 5 targets",
        "S/Fifo: a FIFO queue target needs a message group",
        "S/FifoDlq: a target's dead-letter queue must be a standard queue",
        "S/Bus/Forever: an archive retention of 0 days means keep forever to EventBridge",
        "S/NaN: the event pattern's detail.total has a number JSON cannot hold",
        "S/Default: a custom event bus cannot be named \"default\"",
    ] {
        assert!(e.iter().any(|m| m.starts_with(fragment)), "{fragment:?} not in {e:#?}");
    }
}

#[test]
fn a_state_machine_target_shares_one_role_at_the_cdks_path() {
    use rcdk_orchestration::{StateMachine, StateMachineProps, Succeed};
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(Succeed::new("Done")));
    let target = targets::StateMachine::new(&flow);
    let placed = Rule::new(
        &stack,
        "OrderPlaced",
        RuleProps::matching(EventPattern::new().source(["orders"])),
    );
    placed.add_target(&target);
    let nightly = Rule::new(
        &stack,
        "Nightly",
        RuleProps::scheduled(Schedule::cron(Cron {
            minute: "0".into(),
            hour: "3".into(),
            ..Cron::default()
        })),
    );
    nightly.add_target(&target);
    // A second target value for the same machine gets a role of its own.
    let hourly = Rule::new(
        &stack,
        "Hourly",
        RuleProps::scheduled(Schedule::rate(Duration::hours(1))),
    );
    hourly.add_target(&targets::StateMachine::new(&flow));
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    // The CDK's `Flow/EventsRole/Resource` (aws-cdk-lib 2.276.0).
    let roles: Vec<String> = t
        .find_resources("AWS::IAM::Role", json!({}))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert!(roles.contains(&"FlowEventsRoleACB051EF".to_owned()), "{roles:?}");
    assert_eq!(roles.len(), 3, "the machine's own role and two events roles: {roles:?}");
    t.has_resource_properties(
        "AWS::Events::Rule",
        json!({"ScheduleExpression": "cron(0 3 * * ? *)", "Targets": [{
            "Arn": {"Ref": "FlowA74D6E88"},
            "Id": "Target0",
            "RoleArn": {"Fn::GetAtt": ["FlowEventsRoleACB051EF", "Arn"]}
        }]}),
    );
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"Roles": [{"Ref": "FlowEventsRoleACB051EF"}], "PolicyDocument": {"Statement": [
            {"Action": "states:StartExecution", "Resource": {"Ref": "FlowA74D6E88"}}
        ]}}),
    );
}

#[test]
fn an_imported_target_warns_what_its_policy_must_allow() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let shared = Queue::from_arn(&stack, "Shared", "arn:aws:sqs:eu-west-1:111111111111:shared");
    let rule = Rule::new(
        &stack,
        "Imported",
        RuleProps::matching(EventPattern::new().source(["orders"])),
    );
    rule.add_target(&targets::SqsQueue::new(&shared));
    let assembly = app.synth().unwrap();
    let warnings: Vec<String> = assembly.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["S/Imported: S/Shared is imported, so its policy is not the app's to change; make sure it allows sqs:SendMessage, sqs:GetQueueAttributes, sqs:GetQueueUrl to the service events.amazonaws.com for this rule"]
    );
    let t = Template::from_stack(&assembly.stacks()[0]);
    t.has_resource_properties(
        "AWS::Events::Rule",
        json!({"Targets": [{"Arn": "arn:aws:sqs:eu-west-1:111111111111:shared", "Id": "Target0"}]}),
    );
}

fn api_destination_app(key: &str) -> App {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let connection = Connection::new(
        &stack,
        "Connection",
        ConnectionProps {
            authorization: Authorization::ApiKey {
                name: "x-api-key".into(),
                value: key.into(),
            },
            description: None,
        },
    );
    let partner = ApiDestination::new(
        &stack,
        "Partner",
        ApiDestinationProps {
            connection: &connection,
            endpoint: "https://partner.example.com/orders".into(),
            http_method: HttpMethod::Post,
            rate_limit_per_second: Some(10),
        },
    );
    let rule = Rule::new(
        &stack,
        "Rule",
        RuleProps::matching(EventPattern::new().source(["orders"])),
    );
    rule.add_target(&targets::ApiDestination::new(&partner));
    app
}

#[test]
fn an_api_destination_is_called_through_its_own_role_at_the_cdks_ids() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/tests/fixtures/cdk/l2_api_destination.json"
    );
    let fixture: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cdk: Vec<String> = fixture["stacks"]["S"]["resources"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let assembly = api_destination_app("{{resolve:secretsmanager:partner-key:SecretString:::}}")
        .synth()
        .unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let t = Template::from_stack(&assembly.stacks()[0]);
    let mut ours: Vec<String> = t.json()["Resources"].as_object().unwrap().keys().cloned().collect();
    ours.sort();
    assert_eq!(ours, cdk);
    t.has_resource_properties(
        "AWS::Events::Rule",
        json!({"Targets": [{
            "Arn": {"Fn::GetAtt": ["PartnerApiDestinationAB90B32A", "Arn"]},
            "Id": "Target0",
            "RoleArn": {"Fn::GetAtt": ["PartnerEventsRole1B305728", "Arn"]}
        }]}),
    );
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"PolicyDocument": {"Statement": [
            {"Action": "events:InvokeApiDestination", "Resource": {"Fn::GetAtt": ["PartnerApiDestinationAB90B32A", "Arn"]}}
        ]}}),
    );
    t.has_resource_properties(
        "AWS::Events::ApiDestination",
        json!({"HttpMethod": "POST", "InvocationEndpoint": "https://partner.example.com/orders", "InvocationRateLimitPerSecond": 10}),
    );
}

#[test]
fn a_literal_secret_warns_and_a_bad_endpoint_fails() {
    let warnings: Vec<String> = api_destination_app("s3cr3t")
        .synth()
        .unwrap()
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("S/Connection: the connection's API key is a literal"),
        "{warnings:#?}"
    );
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let connection = Connection::new(
        &stack,
        "Connection",
        ConnectionProps {
            authorization: Authorization::Basic {
                username: "u".into(),
                password: "{{resolve:ssm-secure:p}}".into(),
            },
            description: None,
        },
    );
    ApiDestination::new(
        &stack,
        "Plain",
        ApiDestinationProps {
            connection: &connection,
            endpoint: "http://x.example.com".into(),
            http_method: HttpMethod::Get,
            rate_limit_per_second: Some(500),
        },
    );
    let e = errors(&app);
    assert!(
        e.iter().any(|m| m.starts_with(
            "S/Plain: endpoint \"http://x.example.com\" is not one EventBridge calls; use an https:// URL"
        )),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("S/Plain: rate_limit_per_second is out of range")),
        "{e:#?}"
    );
}

#[test]
fn an_oauth_connection_writes_its_client_credentials_flow() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let oauth = OAuth::new(
        "https://auth.partner.example.com/oauth2/token",
        OAuthHttpMethod::Post,
        "rcdk-client",
        "{{resolve:secretsmanager:partner-oauth:SecretString:secret}}",
    )
    .body_parameter("grant_type", "client_credentials")
    .header_parameter("x-tenant", "orders");
    Connection::new(
        &stack,
        "Partner",
        ConnectionProps {
            authorization: Authorization::OAuth(oauth),
            description: None,
        },
    );
    let assembly = app.synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let t = assembly.stack("S").unwrap().template();
    let resources = t["Resources"].as_object().unwrap();
    let (_, connection) = resources
        .iter()
        .find(|(_, r)| r["Type"] == "AWS::Events::Connection")
        .unwrap();
    let props = &connection["Properties"];
    assert_eq!(props["AuthorizationType"], "OAUTH_CLIENT_CREDENTIALS", "{t:#}");
    assert_eq!(
        props["AuthParameters"],
        json!({"OAuthParameters": {
            "AuthorizationEndpoint": "https://auth.partner.example.com/oauth2/token",
            "ClientParameters": {
                "ClientID": "rcdk-client",
                "ClientSecret": "{{resolve:secretsmanager:partner-oauth:SecretString:secret}}"
            },
            "HttpMethod": "POST",
            "OAuthHttpParameters": {
                "BodyParameters": [{"Key": "grant_type", "Value": "client_credentials"}],
                "HeaderParameters": [{"Key": "x-tenant", "Value": "orders"}]
            }
        }})
    );
}

#[test]
fn an_oauth_connection_refuses_plain_http_and_warns_of_a_literal_secret() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let oauth = OAuth::new("http://auth.example.com/token", OAuthHttpMethod::Get, "id", "s3cr3t");
    Connection::new(
        &stack,
        "Partner",
        ConnectionProps {
            authorization: Authorization::OAuth(oauth),
            description: None,
        },
    );
    let e = errors(&app);
    assert_eq!(
        e,
        ["S/Partner: OAuth authorization_endpoint \"http://auth.example.com/token\" is not one EventBridge calls; use an https:// URL"]
    );
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let oauth = OAuth::new("https://auth.example.com/token", OAuthHttpMethod::Get, "id", "s3cr3t");
    let authorization = Authorization::OAuth(oauth);
    Connection::new(
        &stack,
        "Partner",
        ConnectionProps {
            authorization,
            description: None,
        },
    );
    let warnings: Vec<String> = app
        .synth()
        .unwrap()
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("S/Partner: the connection's OAuth client secret is a literal"),
        "{warnings:#?}"
    );
}
