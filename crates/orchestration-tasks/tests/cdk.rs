//! The AWS CDK's `l2_state_machine_tasks` app (scripts/cdk-fixtures/generate.js),
//! built with rcdk: the same logical IDs and construct paths for every
//! resource (the fixture examples/tests/fixtures/cdk/l2_state_machine_tasks.json;
//! no Node is needed), and the CDK's role policy statements but for the
//! documented differences. The statements below are the CDK's, as its
//! template writes them (aws-cdk-lib 2.276.0).

use std::collections::BTreeMap;

use rcdk_core::{App, StackProps};
use rcdk_events::{EventBus, EventBusProps};
use rcdk_messaging::{Queue, QueueProps};
use rcdk_orchestration::{StateMachine, StateMachineProps, Succeed};
use rcdk_orchestration_tasks::*;
use rcdk_storage::{Attribute, Table, TableProps};
use serde_json::{json, Value};

/// examples/tests/fixtures/cdk/l2_state_machine_tasks.json's app.
fn tasks_app() -> App {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let queue = Queue::new(&stack, "Queue", QueueProps::default());
    let table = Table::new(&stack, "Table", TableProps::new(Attribute::string("pk")));
    let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    let flow = SqsSendMessage::new("Enqueue", &queue)
        .message_body_path("$.order")
        .result_path(None)
        .next(
            DynamoPutItem::new("Save", &table)
                .item("pk", DynamoAttributeValue::string_path("$.order.id"))
                .result_path(None),
        )
        .next(
            EventBridgePutEvents::new("Announce")
                .entry(
                    EventBridgeEntry::new("shop.orders", "OrderPlaced")
                        .detail_path("$.order")
                        .bus(&bus),
                )
                .result_path(None),
        )
        .next(
            StepFunctionsStartExecution::with_pattern("Start", &child, IntegrationPattern::RunJob)
                .input_from("$.order")
                .result_path(Some("$.child")),
        );
    StateMachine::new(&stack, "Flow", StateMachineProps::new(flow));
    app
}

/// Logical ID -> (type, construct path).
type Resources = BTreeMap<String, (String, String)>;

fn cdk_resources() -> Resources {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/tests/fixtures/cdk/l2_state_machine_tasks.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let fixture: Value = serde_json::from_str(&text).expect("fixture JSON");
    fixture["stacks"]["S"]["resources"]
        .as_object()
        .expect("stack S")
        .iter()
        .map(|(id, r)| {
            let ty = r["type"].as_str().unwrap().to_owned();
            (id.clone(), (ty, r["path"].as_str().unwrap().to_owned()))
        })
        .collect()
}

#[test]
fn logical_ids_and_paths_are_the_cdks() {
    // No difference: the tasks make no resources; the machines, their roles
    // and the Flow role's DefaultPolicy are the CDK's.
    let assembly = tasks_app().synth().unwrap_or_else(|e| panic!("{e}"));
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let stack = assembly.stack("S").unwrap();
    let ours: Resources = stack.template()["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, r)| {
            let path = stack.construct_path(id).unwrap_or_default().to_owned();
            (id.clone(), (r["Type"].as_str().unwrap().to_owned(), path))
        })
        .collect();
    assert_eq!(ours, cdk_resources());
}

/// `arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}:` and
/// then `rest`, as the CDK's `Stack.formatArn` joins it.
fn cdk_arn(service: &str, rest: Vec<Value>) -> Value {
    let mut parts = vec![
        json!("arn:"),
        json!({"Ref": "AWS::Partition"}),
        json!(format!(":{service}:")),
        json!({"Ref": "AWS::Region"}),
        json!(":"),
        json!({"Ref": "AWS::AccountId"}),
    ];
    parts.extend(rest);
    json!({"Fn::Join": ["", parts]})
}

#[test]
fn the_role_policy_is_the_cdks_but_for_documented_differences() {
    let t = tasks_app().synth().unwrap().stack("S").unwrap().template().clone();
    let ours = t["Resources"]["FlowRoleDefaultPolicy79AC5FC2"]["Properties"]["PolicyDocument"]["Statement"].clone();
    let child_name = json!({"Fn::Select": [6, {"Fn::Split": [":", {"Ref": "ChildDAB30558"}]}]});
    // The CDK's statements, in its order (its template orders keys
    // alphabetically; JSON objects compare without order).
    let mut cdk = vec![
        json!({"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["Queue4A7E3555", "Arn"]}}),
        json!({"Action": "dynamodb:PutItem", "Effect": "Allow",
               "Resource": cdk_arn("dynamodb", vec![json!(":table/"), json!({"Ref": "TableCD117FA1"})])}),
        json!({"Action": "events:PutEvents", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["BusEA82B648", "Arn"]}}),
        json!({"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "ChildDAB30558"}}),
        json!({"Action": ["states:DescribeExecution", "states:StopExecution"], "Effect": "Allow",
               "Resource": cdk_arn("states", vec![json!(":execution:"), child_name.clone(), json!("*")])}),
        json!({"Action": ["events:PutTargets", "events:PutRule", "events:DescribeRule"], "Effect": "Allow",
               "Resource": cdk_arn("events", vec![json!(":rule/StepFunctionsGetEventsForStepFunctionsExecutionRule")])}),
    ];
    // Differences, each deliberate:
    // 1. DynamoPutItem: the CDK builds the table ARN from the table's name in
    //    the stack's region and account; rcdk grants the table's own ARN,
    //    which is the same for a table of the stack and right for an
    //    imported table of another region or account.
    cdk[1]["Resource"] = json!({"Fn::GetAtt": ["TableCD117FA1", "Arn"]});
    // 2. `.sync:2`: the CDK allows `execution:<name>*`, which also matches
    //    the executions of every machine whose name starts with <name>
    //    (`Child` covers `ChildV2`); rcdk allows `execution:<name>:*`, the
    //    executions of this machine only, as the AWS documentation writes it.
    cdk[4]["Resource"] = cdk_arn("states", vec![json!(":execution:"), child_name, json!(":*")]);
    // 3. The events rule ARN is the same, written with Fn::Sub.
    cdk[5]["Resource"] = json!({"Fn::Sub":
        "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"});
    assert_eq!(ours, Value::Array(cdk));
}
