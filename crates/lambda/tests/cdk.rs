//! The Lambda part of the AWS CDK's `l2_lambda` app
//! (scripts/cdk-fixtures/generate.js), built with rcdk: the same logical IDs
//! and construct paths for every resource but the state machine's (which
//! crates/orchestration-tasks/tests/lambda.rs compares), from the fixture
//! examples/tests/fixtures/cdk/l2_lambda.json (no Node is needed).

use std::collections::BTreeMap;

use rcdk_core::{cfn_format, App, Aws, StackProps};
use rcdk_iam::{Role, RoleProps};
use rcdk_lambda::*;
use rcdk_logs::{LogGroup, LogGroupProps};
use serde_json::{json, Value};

type Resources = BTreeMap<String, (String, String)>;

fn cdk_resources() -> Resources {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/tests/fixtures/cdk/l2_lambda.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let fixture: Value = serde_json::from_str(&text).expect("fixture JSON");
    fixture["stacks"]["S"]["resources"]
        .as_object()
        .expect("stack S")
        .iter()
        .filter(|(_, r)| !r["path"].as_str().unwrap().starts_with("S/Flow/"))
        .map(|(id, r)| {
            let ty = r["type"].as_str().unwrap().to_owned();
            (id.clone(), (ty, r["path"].as_str().unwrap().to_owned()))
        })
        .collect()
}

fn inline_python() -> FunctionProps {
    FunctionProps::new(
        Runtime::Python312,
        Code::inline("def handler(event, context):\n    return event\n"),
    )
    .handler("index.handler")
}

/// The fixture's app without its state machine.
fn lambda_app() -> App {
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
    let logs = LogGroup::new(&stack, "LoggedLogs", LogGroupProps::default());
    let logged = Function::new(&stack, "Logged", inline_python().logs(FunctionLogs::to(&logs)));
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
    app
}

#[test]
fn logical_ids_and_paths_are_the_cdks() {
    let assembly = lambda_app().synth().unwrap_or_else(|e| panic!("{e}"));
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

/// The CDK's statements, with its `Fn::Join`s written as the `Fn::Sub`s
/// rcdk writes for the same strings.
#[test]
fn the_caller_policy_is_the_cdks() {
    let assembly = lambda_app().synth().unwrap_or_else(|e| panic!("{e}"));
    let t = assembly.stack("S").unwrap().template().clone();
    let arn = json!({"Fn::GetAtt": ["Handler886CB40B", "Arn"]});
    let shared = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:shared";
    assert_eq!(
        t["Resources"]["CallerDefaultPolicy0AE726D9"]["Properties"]["PolicyDocument"]["Statement"],
        json!([
            {"Action": "lambda:InvokeFunction", "Effect": "Allow", "Resource": [arn, {"Fn::Sub": "${Handler886CB40B.Arn}:*"}]},
            {"Action": "lambda:InvokeFunction", "Effect": "Allow", "Resource": [{"Fn::Sub": shared}, {"Fn::Sub": format!("{shared}:*")}]},
        ])
    );
    // The public URL's permissions and the events permission, as the CDK's.
    let r = &t["Resources"];
    assert_eq!(
        r["HandlerEvents401E1A62"]["Properties"],
        json!({"Action": "lambda:InvokeFunction", "FunctionName": arn, "Principal": "events.amazonaws.com", "SourceArn": "arn:aws:events:eu-west-1:111111111111:rule/nightly"})
    );
    assert_eq!(
        r["HandlerinvokefunctionurlEFA6983A"]["Properties"],
        json!({"Action": "lambda:InvokeFunctionUrl", "FunctionName": arn, "FunctionUrlAuthType": "NONE", "Principal": "*"})
    );
    assert_eq!(
        r["Handlerinvokefunction14063A5F"]["Properties"],
        json!({"Action": "lambda:InvokeFunction", "FunctionName": arn, "InvokedViaFunctionUrl": true, "Principal": "*"})
    );
    assert_eq!(
        r["HandlerFunctionUrl003AF664"]["Properties"],
        json!({"AuthType": "NONE", "Cors": {"AllowMethods": ["*"], "AllowOrigins": ["https://example.com"]}, "TargetFunctionArn": arn})
    );
    assert_eq!(
        r["LoggedE6813B8A"]["Properties"]["LoggingConfig"],
        json!({"LogGroup": {"Ref": "LoggedLogs63B0A80A"}})
    );
    assert_eq!(r["Handler886CB40B"]["DependsOn"], json!(["HandlerServiceRoleFCDC14AE"]));
}
