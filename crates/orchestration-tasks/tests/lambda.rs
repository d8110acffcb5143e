//! `LambdaInvoke`: the AWS CDK's `l2_lambda` app built with rcdk (the same
//! logical IDs, construct paths, role statements and states as the fixture
//! examples/tests/fixtures/cdk/l2_lambda.json; no Node is needed), what the
//! task refuses, and a local run of the synthesized definition with Rust
//! functions standing in for the Lambda functions.

use std::collections::BTreeMap;

use rcdk_cfn::logs::{CfnLogGroup, CfnLogGroupProps};
use rcdk_core::{cfn_format, App, Aws, Stack, StackProps, Value};
use rcdk_iam::{Role, RoleProps};
use rcdk_lambda::*;
use rcdk_orchestration::{Chain, StateMachine, StateMachineProps};
use rcdk_orchestration_tasks::{IntegrationPattern, InvocationType, LambdaInvoke, LambdaInvokeOptions};
use serde_json::{json, Value as Json};

fn inline_python() -> FunctionProps {
    FunctionProps::new(
        Runtime::Python312,
        Code::inline("def handler(event, context):\n    return event\n"),
    )
    .handler("index.handler")
}

/// examples/tests/fixtures/cdk/l2_lambda.json's app.
fn lambda_app() -> (App, StateMachine) {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let handler = Function::new(&stack, "Handler", inline_python());
    handler.add_permission(
        "Events",
        Permission::service("events.amazonaws.com").source_arn("arn:aws:events:eu-west-1:111111111111:rule/nightly"),
    );
    handler.add_function_url(FunctionUrlOptions {
        auth_type: AuthType::None,
        cors: Some(FunctionUrlCors::origins(["https://example.com"])),
        ..Default::default()
    });
    // (rcdk-logs' LogGroup makes the same resource; this crate builds on
    // the L1 instead of depending on rcdk-logs.)
    let logs = CfnLogGroup::new(&stack.child("LoggedLogs"), "Resource", CfnLogGroupProps::default());
    let logged = Function::new(
        &stack,
        "Logged",
        inline_python().logs(FunctionLogs::Existing(logs.reference())),
    );
    logged.add_function_url(FunctionUrlOptions::default());
    let imported = Function::from_function_arn(
        &stack,
        "Imported",
        cfn_format!(
            "arn:{}:lambda:{}:{}:function:shared",
            Aws::partition(),
            Aws::region(),
            Aws::account_id()
        ),
    );
    let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    handler.grant_invoke(&caller);
    imported.grant_invoke(&caller);
    let definition = LambdaInvoke::new("Invoke", &handler)
        .next(LambdaInvoke::payload_response_only("Invoke2", &imported))
        .next(
            LambdaInvoke::with_pattern("Invoke3", &logged, IntegrationPattern::WaitForTaskToken)
                .payload(Value::object([
                    ("token.$", "$$.Task.Token".into()),
                    ("order.$", "$.order".into()),
                ]))
                .invocation_type(InvocationType::Event),
        );
    let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(definition));
    (app, flow)
}

type Resources = BTreeMap<String, (String, String)>;

fn fixture() -> Json {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/tests/fixtures/cdk/l2_lambda.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("fixture JSON")
}

#[test]
fn logical_ids_and_paths_are_the_cdks() {
    let (app, _) = lambda_app();
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
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
    let cdk: Resources = fixture()["stacks"]["S"]["resources"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, r)| {
            let ty = r["type"].as_str().unwrap().to_owned();
            (id.clone(), (ty, r["path"].as_str().unwrap().to_owned()))
        })
        .collect();
    assert_eq!(ours, cdk);
}

/// The CDK's statements (aws-cdk-lib 2.276.0), with its `Fn::Join`s written
/// as the `Fn::Sub`s rcdk writes for the same strings: exactly
/// `lambda:InvokeFunction` on each function and its versions and aliases.
#[test]
fn the_role_may_invoke_exactly_its_functions() {
    let (app, _) = lambda_app();
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    let shared = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:shared";
    let invoke = |arns: Json| json!({"Action": "lambda:InvokeFunction", "Effect": "Allow", "Resource": arns});
    assert_eq!(
        t["Resources"]["FlowRoleDefaultPolicy79AC5FC2"]["Properties"]["PolicyDocument"]["Statement"],
        json!([
            invoke(json!([{"Fn::GetAtt": ["Handler886CB40B", "Arn"]}, {"Fn::Sub": "${Handler886CB40B.Arn}:*"}])),
            invoke(json!([{"Fn::Sub": shared}, {"Fn::Sub": format!("{shared}:*")}])),
            invoke(json!([{"Fn::GetAtt": ["LoggedE6813B8A", "Arn"]}, {"Fn::Sub": "${LoggedE6813B8A.Arn}:*"}])),
        ])
    );
}

/// The states as the CDK writes them (its `DefinitionString`, references
/// shown as rcdk's placeholders).
#[test]
fn the_states_are_the_cdks() {
    let (_, flow) = lambda_app();
    let d = flow.definition_json();
    let retry = json!([{
        "ErrorEquals": ["Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"],
        "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2.0
    }]);
    let states = &d["States"];
    assert_eq!(states["Invoke"]["Resource"], "arn:aws:states:::lambda:invoke");
    assert_eq!(states["Invoke"]["Parameters"]["Payload.$"], "$");
    assert!(states["Invoke"]["Parameters"]["FunctionName"]
        .as_str()
        .unwrap()
        .starts_with("${"));
    assert_eq!(states["Invoke"]["Retry"], retry);
    assert!(states["Invoke2"].get("Parameters").is_none());
    assert_eq!(states["Invoke2"]["Retry"], retry);
    assert_eq!(
        states["Invoke3"]["Resource"],
        "arn:aws:states:::lambda:invoke.waitForTaskToken"
    );
    assert_eq!(
        states["Invoke3"]["Parameters"]["Payload"],
        json!({"token.$": "$$.Task.Token", "order.$": "$.order"})
    );
    assert_eq!(states["Invoke3"]["Parameters"]["InvocationType"], "Event");
    assert_eq!(states["Invoke3"]["Retry"], retry);
}

fn app() -> (App, Stack) {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    (app, stack)
}

fn shared(stack: &Stack) -> ImportedFunction {
    Function::from_function_arn(stack, "Shared", "arn:aws:lambda:eu-west-1:111111111111:function:shared")
}

fn state(stack: &Stack, chain: impl Into<Chain>, name: &str) -> Json {
    StateMachine::new(stack, "Flow", StateMachineProps::new(chain)).definition_json()["States"][name].clone()
}

#[test]
fn payloads_qualifiers_and_options() {
    let (_app, stack) = app();
    let f = shared(&stack);
    let s = state(
        &stack,
        LambdaInvoke::with_options(
            "Call",
            &f,
            LambdaInvokeOptions {
                retry_on_service_exceptions: false,
                ..Default::default()
            },
        )
        .payload(Value::object([("id.$", "$.id".into())]))
        .qualifier("live")
        .invocation_type(InvocationType::RequestResponse)
        .retry(rcdk_orchestration::Retry::on(["States.ALL"]).max_attempts(2))
        .result_selector(Value::object([("total.$", "$.Payload.total".into())])),
        "Call",
    );
    assert_eq!(
        s["Parameters"],
        json!({
            "FunctionName": "arn:aws:lambda:eu-west-1:111111111111:function:shared",
            "Payload": {"id.$": "$.id"},
            "InvocationType": "RequestResponse",
            "Qualifier": "live",
        })
    );
    assert_eq!(s["Retry"], json!([{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}]));
    // The service retrier comes first, so a States.ALL of yours stays last.
    let (_app, stack) = app();
    let f = shared(&stack);
    let s = state(
        &stack,
        LambdaInvoke::new("Call", &f).retry(rcdk_orchestration::Retry::on(["States.ALL"])),
        "Call",
    );
    assert_eq!(
        s["Retry"][0]["ErrorEquals"][0],
        "Lambda.ClientExecutionTimeoutException"
    );
    assert_eq!(s["Retry"][1]["ErrorEquals"], json!(["States.ALL"]));
    // A direct call with a payload object passes it as Parameters.
    let (_app, stack) = app();
    let f = shared(&stack);
    let s = state(
        &stack,
        LambdaInvoke::payload_response_only("Call", &f).payload(Value::object([("id.$", "$.id".into())])),
        "Call",
    );
    assert_eq!(s["Resource"], "arn:aws:lambda:eu-west-1:111111111111:function:shared");
    assert_eq!(s["Parameters"], json!({"id.$": "$.id"}));
}

#[test]
fn bad_uses_are_errors() {
    type Build = Box<dyn Fn(&ImportedFunction) -> Chain>;
    let cases: Vec<(Build, &str)> = vec![
        (
            Box::new(|f| LambdaInvoke::with_pattern("Call", f, IntegrationPattern::WaitForTaskToken).into()),
            "LambdaInvoke waits for a task token, but $$.Task.Token appears nowhere in the payload",
        ),
        (
            Box::new(|f| LambdaInvoke::with_pattern("Call", f, IntegrationPattern::RunJob).into()),
            "LambdaInvoke starts no job to wait for, so it has no .sync",
        ),
        (
            Box::new(|f| LambdaInvoke::payload_response_only("Call", f).qualifier("live").into()),
            "LambdaInvoke::payload_response_only calls the function directly, which takes no invocation type or qualifier",
        ),
        (
            Box::new(|f| LambdaInvoke::payload_response_only("Call", f).payload_path("$.order").into()),
            "LambdaInvoke::payload_response_only takes no payload path; select $.order with input_path(\"$.order\") instead",
        ),
        (
            Box::new(|f| LambdaInvoke::payload_response_only("Call", f).payload("text").into()),
            "passes its payload as the task's Parameters, which must be an object",
        ),
        (
            Box::new(|f| LambdaInvoke::new("Call", f).parameters(Value::object([("FunctionName", "x".into())])).into()),
            "Parameters.FunctionName is written by LambdaInvoke; set it with LambdaInvoke's own methods",
        ),
    ];
    for (build, message) in cases {
        let (app, stack) = app();
        let f = shared(&stack);
        StateMachine::new(&stack, "Flow", StateMachineProps::new(build(&f)));
        let errors: Vec<String> = match app.synth() {
            Ok(_) => panic!("synth succeeded; expected {message:?}"),
            Err(e) => e.errors().iter().map(ToString::to_string).collect(),
        };
        assert!(
            errors.iter().any(|e| e.contains(message)),
            "no {message:?} in {errors:#?}"
        );
    }
}

/// The synthesized definition runs locally, the Rust functions standing in
/// for the Lambda functions (registered by the placeholders and ARNs the
/// definition names them by).
#[test]
fn the_definition_runs_locally_with_rust_functions() {
    let (app, stack) = app();
    let price = Function::new(&stack, "Price", inline_python());
    let notify = shared(&stack);
    let flow = StateMachine::new(
        &stack,
        "Flow",
        StateMachineProps::new(
            LambdaInvoke::new("Price", &price)
                .payload_path("$.order")
                .result_selector(Value::object([("total.$", "$.Payload.total".into())]))
                .result_path(Some("$.price"))
                .next(LambdaInvoke::payload_response_only("Notify", &notify).result_path(Some("$.notified"))),
        ),
    );
    app.synth().unwrap_or_else(|e| panic!("{e}"));
    let definition = flow.definition_json();
    let placeholder = definition["States"]["Price"]["Parameters"]["FunctionName"]
        .as_str()
        .unwrap()
        .to_owned();
    let machine = rcdk_states::Machine::from_json(&definition).unwrap_or_else(|e| panic!("{e:?}"));
    let lambda = rcdk_states::LambdaInvoke::new()
        .function(&placeholder, |order: &Json| {
            let qty = order["qty"]
                .as_u64()
                .ok_or_else(|| rcdk_states::FunctionError::new("BadOrder", "no qty"))?;
            Ok(json!({"total": qty * 5}))
        })
        .function(
            "arn:aws:lambda:eu-west-1:111111111111:function:shared",
            |event: &Json| Ok(json!({"sent": event["price"]["total"]})),
        );
    let run = lambda
        .clone()
        .install(rcdk_states::Runner::new())
        .run(&machine, json!({"order": {"qty": 3}}));
    assert_eq!(run.status, rcdk_states::Status::Succeeded, "{:?}", run.cause);
    let out = run.output.unwrap();
    assert_eq!(out["price"], json!({"total": 15}));
    assert_eq!(out["notified"], json!({"sent": 15}));
    assert_eq!(lambda.invocations().len(), 2);
    // The function's error is the task's, by the function's error type.
    let run = lambda
        .install(rcdk_states::Runner::new())
        .run(&machine, json!({"order": {}}));
    assert_eq!(run.error.as_deref(), Some("BadOrder"));
}
