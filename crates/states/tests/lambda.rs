//! `arn:aws:states:::lambda:invoke` run locally: Rust functions stand in for
//! Lambda functions, answering as Step Functions does, through the runner.

use rcdk_states::{FunctionError, LambdaInvoke, Machine, MockResult, Mocks, Runner, Status, TaskError};
use serde_json::{json, Value as Json};

const PRICE: &str = "arn:aws:lambda:eu-west-1:111111111111:function:price";

fn machine(task: Json) -> Machine {
    let mut state = task;
    state["Type"] = json!("Task");
    state["End"] = json!(true);
    Machine::from_json(&json!({"StartAt": "Call", "States": {"Call": state}})).unwrap_or_else(|e| panic!("{e:?}"))
}

fn invoke(parameters: Json) -> Machine {
    machine(json!({"Resource": "arn:aws:states:::lambda:invoke", "Parameters": parameters}))
}

fn price() -> LambdaInvoke {
    LambdaInvoke::new().function(PRICE, |event| match event["qty"].as_u64() {
        Some(q) => Ok(json!({"total": q * 3})),
        None => Err(FunctionError::new("BadOrder", "qty is missing")),
    })
}

#[test]
fn the_integration_answers_with_lambdas_envelope() {
    let lambda = price();
    let m = invoke(json!({"FunctionName": PRICE, "Payload.$": "$"}));
    let run = lambda.clone().install(Runner::new()).run(&m, json!({"qty": 2}));
    assert_eq!(run.status, Status::Succeeded, "{:?}", run.cause);
    let out = run.output.unwrap();
    assert_eq!(out["Payload"], json!({"total": 6}));
    assert_eq!(out["StatusCode"], 200);
    assert_eq!(out["ExecutedVersion"], "$LATEST");
    assert_eq!(out["SdkHttpMetadata"]["HttpStatusCode"], 200);
    assert!(out["SdkResponseMetadata"]["RequestId"].is_string());
    let calls = lambda.invocations();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].state, "Call");
    assert_eq!(calls[0].function, PRICE);
    assert_eq!(calls[0].payload, json!({"qty": 2}));
}

#[test]
fn functions_are_found_by_name_arn_or_placeholder() {
    let by_name = LambdaInvoke::new().function("price", |_| Ok(json!(1)));
    for function in [PRICE, "price", "111111111111:function:price", "price:3"] {
        let m = invoke(json!({"FunctionName": function, "Payload": {}}));
        let run = by_name.clone().install(Runner::new()).run(&m, json!({}));
        assert_eq!(run.status, Status::Succeeded, "{function}: {:?}", run.cause);
    }
    // A synthesized definition names a function of the app by placeholder.
    let by_placeholder = LambdaInvoke::new().function("${FunctionName}", |_| Ok(json!(1)));
    let m = invoke(json!({"FunctionName": "${FunctionName}", "Payload": {}}));
    assert_eq!(
        by_placeholder.install(Runner::new()).run(&m, json!({})).status,
        Status::Succeeded
    );
}

#[test]
fn a_qualifier_is_the_executed_version() {
    let m = invoke(json!({"FunctionName": PRICE, "Payload": {"qty": 1}, "Qualifier": "7"}));
    let run = price().install(Runner::new()).run(&m, json!({}));
    assert_eq!(run.output.unwrap()["ExecutedVersion"], "7");
}

#[test]
fn a_direct_call_answers_with_the_payload_alone() {
    let m = machine(json!({"Resource": PRICE}));
    let run = price().install(Runner::new()).run(&m, json!({"qty": 5}));
    assert_eq!(run.status, Status::Succeeded, "{:?}", run.cause);
    assert_eq!(run.output, Some(json!({"total": 15})));
    // In another partition too.
    let m = machine(json!({"Resource": "arn:aws-cn:lambda:cn-north-1:111111111111:function:price"}));
    let lambda = LambdaInvoke::new().function("arn:aws:lambda:cn-north-1:111111111111:function:price", |_| {
        Ok(json!(0))
    });
    assert_eq!(
        lambda.install(Runner::new()).run(&m, json!({})).status,
        Status::Succeeded
    );
}

#[test]
fn a_function_error_fails_the_task_with_its_type() {
    let m = invoke(json!({"FunctionName": PRICE, "Payload.$": "$"}));
    let run = price().install(Runner::new()).run(&m, json!({}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("BadOrder"));
    let cause: Json = serde_json::from_str(run.cause.as_deref().unwrap()).unwrap();
    assert_eq!(
        cause,
        json!({"errorMessage": "qty is missing", "errorType": "BadOrder", "trace": []})
    );

    let crash = LambdaInvoke::new().function(PRICE, |_| {
        Err(FunctionError::unhandled("Task timed out after 3.00 seconds"))
    });
    let run = crash.install(Runner::new()).run(&m, json!({}));
    assert_eq!(run.error.as_deref(), Some("Lambda.Unknown"));
}

#[test]
fn a_function_error_is_retried_and_caught_by_name() {
    let definition = json!({"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": PRICE, "Payload.$": "$"},
                 "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                 "Catch": [{"ErrorEquals": ["BadOrder"], "ResultPath": "$.error", "Next": "Rejected"}],
                 "End": true},
        "Rejected": {"Type": "Pass", "End": true}
    }});
    let m = Machine::from_json(&definition).unwrap();
    let attempts = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let seen = attempts.clone();
    let lambda = LambdaInvoke::new().function(PRICE, move |event| {
        if seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed) == 0 {
            return Err(FunctionError::new("Flaky", "try again"));
        }
        match event["qty"].as_u64() {
            Some(q) => Ok(json!(q)),
            None => Err(FunctionError::new("BadOrder", "qty is missing")),
        }
    });
    let run = lambda.install(Runner::new()).run(&m, json!({"id": 1}));
    assert_eq!(run.status, Status::Succeeded, "{:?}", run.cause);
    assert_eq!(run.states_entered(), ["Call", "Rejected"]);
    assert_eq!(run.output.unwrap()["error"]["Error"], "BadOrder");
    assert_eq!(attempts.load(std::sync::atomic::Ordering::Relaxed), 2);
}

#[test]
fn an_unknown_function_is_resource_not_found() {
    let m = invoke(json!({"FunctionName": "arn:aws:lambda:eu-west-1:111111111111:function:other", "Payload": {}}));
    let run = price().install(Runner::new()).run(&m, json!({}));
    assert_eq!(run.error.as_deref(), Some("Lambda.ResourceNotFoundException"));
    assert!(run
        .cause
        .unwrap()
        .contains("Function not found: arn:aws:lambda:eu-west-1:111111111111:function:other"));
    let m = invoke(json!({"Payload": {}}));
    let run = price().install(Runner::new()).run(&m, json!({}));
    assert_eq!(run.error.as_deref(), Some("Lambda.InvalidParameterValueException"));
}

#[test]
fn event_and_dry_run_invocations() {
    let lambda = price();
    let m = invoke(json!({"FunctionName": PRICE, "Payload": {}, "InvocationType": "Event"}));
    let run = lambda.clone().install(Runner::new()).run(&m, json!({}));
    // The function failed, but an asynchronous invocation only queues it.
    assert_eq!(run.status, Status::Succeeded);
    assert_eq!(run.output.as_ref().unwrap()["StatusCode"], 202);
    assert_eq!(lambda.invocations().len(), 1);
    let m = invoke(json!({"FunctionName": PRICE, "Payload": {}, "InvocationType": "DryRun"}));
    let run = lambda.clone().install(Runner::new()).run(&m, json!({}));
    assert_eq!(run.output.unwrap()["StatusCode"], 204);
    assert_eq!(lambda.invocations().len(), 1, "a dry run runs nothing");
}

/// With no callback policy, the function stands for the worker that answers
/// the task token.
#[test]
fn waiting_for_a_task_token_takes_the_functions_answer() {
    let m = machine(json!({
        "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters": {"FunctionName": PRICE, "Payload": {"qty.$": "$.qty", "token.$": "$$.Task.Token"}, "InvocationType": "Event"},
    }));
    let run = price().install(Runner::new()).run(&m, json!({"qty": 4}));
    assert_eq!(run.status, Status::Succeeded, "{:?}", run.cause);
    assert_eq!(run.output, Some(json!({"total": 12})));
}

#[test]
fn mocks_win_over_functions() {
    let lambda = price();
    let m = invoke(json!({"FunctionName": PRICE, "Payload.$": "$"}));
    let mocks = Mocks::new().state(
        "Call",
        vec![
            MockResult::Throw(TaskError {
                error: "Lambda.ServiceException".into(),
                cause: "busy".into(),
            }),
            MockResult::Return(json!({"Payload": {"total": 0}, "StatusCode": 200})),
        ],
    );
    let run = lambda
        .clone()
        .install(Runner::new())
        .mocks(mocks.clone())
        .run(&m, json!({"qty": 1}));
    assert_eq!(run.error.as_deref(), Some("Lambda.ServiceException"));
    assert!(lambda.invocations().is_empty());
}
