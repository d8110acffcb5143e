//! The reference workflow and the serverless example's workflow run in both
//! query languages with the same results: the synthesized JSONPath
//! definition, and its JSONata rewrite (`rcdk_states::to_jsonata`, what a
//! state machine with `QueryLanguage::Jsonata` deploys), take every branch
//! locally and end alike: status, output, states entered, and the payload
//! of every task call.

use rcdk::orchestration::{fill_partition_substitutions, QueryLanguage};
use rcdk::prelude::*;
use rcdk_states::{Execution, Machine, MockResult, Mocks, Runner, TaskError};
use rcdk_testing::Template;
use serde_json::{json, Value};

/// The first state machine's definition in a synthesized stack.
fn definition(app: &App, stack: &str) -> Value {
    let assembly = app.synth().expect("it synthesizes");
    let t = Template::from_stack(assembly.stack(stack).unwrap());
    let (_, sm) = t
        .find_resources("AWS::StepFunctions::StateMachine", json!({}))
        .remove(0);
    let mut definition = sm["Properties"]["Definition"].clone();
    fill_partition_substitutions(&mut definition, &sm["Properties"]["DefinitionSubstitutions"]);
    definition
}

/// What a run did: how it ended, where it went, and what each task was asked.
fn trace(run: &Execution) -> Value {
    let calls: Vec<Value> = run
        .history
        .iter()
        .filter(|e| e.event_type == "TaskScheduled")
        .map(|e| json!({"state": e.state, "parameters": e.details.get("parameters").map(|p| (**p).clone())}))
        .collect();
    json!({
        "status": run.status.as_str(),
        "output": run.output,
        "error": run.error,
        "entered": run.states_entered(),
        "calls": calls,
    })
}

/// Runs `jsonpath` and its JSONata rewrite on each scenario; they must agree.
fn both_languages_agree(jsonpath: &Value, input: Value, scenarios: Vec<(&str, Mocks)>) {
    let jsonata = rcdk_states::to_jsonata(jsonpath).expect("the workflow translates");
    assert_eq!(jsonata["QueryLanguage"], "JSONata");
    let a = Machine::from_json(jsonpath).expect("the JSONPath definition loads");
    let b = Machine::from_json(&jsonata).expect("the JSONata definition loads");
    for (name, mocks) in scenarios {
        let want = trace(&Runner::new().mocks(mocks.clone()).run(&a, input.clone()));
        let got = trace(&Runner::new().mocks(mocks).run(&b, input.clone()));
        assert_eq!(got, want, "{name}: JSONata {got:#} against JSONPath {want:#}");
        assert!(
            !want["calls"].as_array().unwrap().is_empty(),
            "{name}: the scenario calls tasks"
        );
    }
}

#[test]
fn the_reference_workflow_runs_alike_in_jsonpath_and_jsonata() {
    let jsonpath = definition(&rcdk_examples::call_microservice(), "CallMicroservice");
    let status = |code: u16| Mocks::new().state("Call API", vec![MockResult::Return(json!({"StatusCode": code}))]);
    both_languages_agree(
        &jsonpath,
        json!({}),
        vec![("the call succeeds", status(200)), ("the call fails", status(503))],
    );
}

#[test]
fn the_serverless_workflow_runs_alike_in_jsonpath_and_jsonata() {
    let jsonpath = definition(&rcdk_examples::serverless_orders(), "ServerlessOrders");
    let ok = || MockResult::Return(json!({}));
    let all_ok = Mocks::new()
        .state("FindOrder", vec![ok()])
        .state("SaveOrder", vec![ok()])
        .state("RequestFulfilment", vec![ok()])
        .state("WriteReceipt", vec![ok()])
        .state("AnnounceOrder", vec![ok()]);
    let duplicate = Mocks::new().state(
        "FindOrder",
        vec![MockResult::Return(json!({"Item": {"orderId": {"S": "o-1"}}}))],
    );
    let failed_save = Mocks::new().state("FindOrder", vec![ok()]).state(
        "SaveOrder",
        vec![MockResult::Throw(TaskError {
            error: "DynamoDB.ProvisionedThroughputExceededException".into(),
            cause: "slow down".into(),
        })],
    );
    both_languages_agree(
        &jsonpath,
        json!({"detail-type": "OrderPlaced", "detail": {"orderId": "o-1", "total": 42}}),
        vec![
            ("a new order", all_ok),
            ("a duplicate order", duplicate),
            ("a failed save", failed_save),
        ],
    );
}

#[test]
fn a_jsonata_state_machine_deploys_the_translation_of_its_jsonpath_twin() {
    let build = |language: QueryLanguage| {
        let app = App::new();
        let stack = app.stack("S", StackProps::default());
        let topic = Topic::new(&stack, "Topic", TopicProps::default());
        let flow = Pass::new("Start").assign("orderId.$", "$.order.id").next(
            Choice::new("Big?")
                .when(
                    Condition::number_greater_than("$.order.total", 100),
                    SnsPublish::new("Tell", &topic).message("big order"),
                )
                .otherwise(Succeed::new("Small")),
        );
        StateMachine::new(
            &stack,
            "Flow",
            StateMachineProps {
                query_language: language,
                ..StateMachineProps::new(flow)
            },
        );
        definition(&app, "S")
    };
    let jsonpath = build(QueryLanguage::JsonPath);
    let jsonata = build(QueryLanguage::Jsonata);
    assert_eq!(jsonata, rcdk_states::to_jsonata(&jsonpath).unwrap());
    assert_eq!(
        jsonata["States"]["Start"]["Assign"]["orderId"],
        "{% $states.input.order.id %}"
    );
    // The topic's ARN is still a substitution, filled in as in JSONPath.
    assert_eq!(
        jsonata["States"]["Tell"]["Arguments"]["TopicArn"],
        jsonpath["States"]["Tell"]["Parameters"]["TopicArn"]
    );
}
