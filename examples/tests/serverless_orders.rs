//! The serverless orders system (`examples/lib.rs` `serverless_orders`): it
//! synthesizes with no warning, its state machine may do exactly what it
//! calls, asl-validator accepts its definition, and every branch of its
//! workflow runs locally before anything deploys.

use rcdk_states::{Execution, MockResult, Mocks, Runner, Status, TaskError};
use rcdk_testing::Template;
use serde_json::{json, Value};

fn template() -> Template {
    let assembly = rcdk_examples::serverless_orders().synth().expect("it synthesizes");
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    Template::from_stack(assembly.stack("ServerlessOrders").unwrap())
}

fn definition() -> Value {
    let t = template();
    let (_, sm) = t
        .find_resources("AWS::StepFunctions::StateMachine", json!({}))
        .remove(0);
    let mut definition = sm["Properties"]["Definition"].clone();
    rcdk::orchestration::fill_partition_substitutions(&mut definition, &sm["Properties"]["DefinitionSubstitutions"]);
    definition
}

#[test]
fn the_state_machine_may_do_exactly_what_it_calls() {
    let t = template();
    let (_, policy) = t
        .find_resources("AWS::IAM::Policy", json!({"Roles": [{"Ref": "OrderFlowRole6DABD30D"}]}))
        .remove(0);
    let statements = policy["Properties"]["PolicyDocument"]["Statement"].as_array().unwrap();
    let arn = |id: &str| json!({"Fn::GetAtt": [id, "Arn"]});
    let allow = |action: &str, resource: Value| json!({"Effect": "Allow", "Action": action, "Resource": resource});
    assert_eq!(
        &statements[..5],
        &[
            allow("dynamodb:GetItem", arn("OrdersA9B65338")),
            allow("dynamodb:PutItem", arn("OrdersA9B65338")),
            allow("sqs:SendMessage", arn("FulfilmentB5B164CA")),
            allow("s3:PutObject", json!({"Fn::Sub": "${Receipts59C0D3E0.Arn}/receipts/*"})),
            allow("events:PutEvents", arn("OrdersBus68D47F66")),
        ],
        "{statements:#?}"
    );
    let rest: Vec<&str> = statements[5..]
        .iter()
        .flat_map(|s| s["Action"].as_array().unwrap())
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        rest.iter().all(|a| a.starts_with("logs:") || a.starts_with("xray:")),
        "{rest:?}"
    );
}

#[test]
fn the_api_puts_events_that_start_the_state_machine() {
    let t = template();
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Route",
        json!({"RouteKey": "POST /orders", "AuthorizationType": "AWS_IAM"}),
    );
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Integration",
        json!({"IntegrationSubtype": "EventBridge-PutEvents", "RequestParameters": {"Source": "orders.api", "DetailType": "OrderPlaced"}}),
    );
    t.has_resource_properties(
        "AWS::Events::Rule",
        json!({
            "EventPattern": {"source": ["orders.api"], "detail-type": ["OrderPlaced"]},
            "Targets": [{"Arn": {"Ref": "OrderFlowA028A46E"}, "Id": "Target0"}]
        }),
    );
    t.has_resource_properties(
        "AWS::DynamoDB::Table",
        json!({"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}),
    );
    t.resource_count_is("AWS::SQS::QueuePolicy", 2);
}

#[test]
fn asl_validator_accepts_the_definition() {
    rcdk_testing::assert_valid_asl(
        concat!(env!("CARGO_MANIFEST_DIR"), "/.."),
        "serverless_orders",
        &definition(),
    );
}

fn run(mocks: Mocks) -> Execution {
    let machine = rcdk_states::Machine::from_json(&definition()).expect("the definition loads");
    let input = json!({"detail-type": "OrderPlaced", "detail": {"orderId": "o-1", "total": 42}});
    Runner::new().mocks(mocks).run(&machine, input)
}

fn ok() -> MockResult {
    MockResult::Return(json!({}))
}

#[test]
fn a_new_order_is_saved_fulfilled_receipted_and_announced() {
    let mocks = Mocks::new()
        .state("FindOrder", vec![ok()])
        .state("SaveOrder", vec![ok()])
        .state("RequestFulfilment", vec![ok()])
        .state("WriteReceipt", vec![ok()])
        .state("AnnounceOrder", vec![ok()]);
    let run = run(mocks);
    assert_eq!(run.status, Status::Succeeded, "{run}");
    assert_eq!(
        run.states_entered(),
        [
            "FindOrder",
            "IsNew",
            "SaveOrder",
            "RequestFulfilment",
            "WriteReceipt",
            "AnnounceOrder",
            "Done"
        ]
    );
}

#[test]
fn a_duplicate_order_fails() {
    let found = MockResult::Return(json!({"Item": {"orderId": {"S": "o-1"}}}));
    let run = run(Mocks::new().state("FindOrder", vec![found]));
    assert_eq!(run.status, Status::Failed, "{run}");
    assert_eq!(run.states_entered(), ["FindOrder", "IsNew", "Duplicate"]);
}

#[test]
fn a_failed_save_is_caught() {
    let failed = MockResult::Throw(TaskError {
        error: "DynamoDB.ProvisionedThroughputExceededException".into(),
        cause: "slow down".into(),
    });
    let run = run(Mocks::new()
        .state("FindOrder", vec![ok()])
        .state("SaveOrder", vec![failed]));
    assert_eq!(run.status, Status::Failed, "{run}");
    assert_eq!(run.states_entered(), ["FindOrder", "IsNew", "SaveOrder", "SaveFailed"]);
}
