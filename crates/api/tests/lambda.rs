//! The Lambda integration: `AWS_PROXY`, payload format and timeout, and a
//! permission per route scoped to that route, at the AWS CDK's logical IDs
//! (examples/tests/fixtures/cdk/l2_lambda_integrations.json).

use rcdk_api::*;
use rcdk_core::{App, Duration, Environment, Stack, StackProps};
use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
use rcdk_testing::Template;
use serde_json::{json, Value};

fn python_function(stack: &Stack, id: &str) -> Function {
    Function::new(
        stack,
        id,
        FunctionProps::new(
            Runtime::Python312,
            Code::inline("def handler(event, context):\n    return event\n"),
        )
        .handler("index.handler"),
    )
}

fn pinned(app: &App) -> Stack {
    app.stack(
        "S",
        StackProps {
            env: Environment {
                account: Some("111111111111".into()),
                region: Some("eu-west-1".into()),
            },
            ..Default::default()
        },
    )
}

fn errors(app: &App) -> Vec<String> {
    app.synth()
        .unwrap_err()
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn route_source_arn(path: &str) -> Value {
    json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{ApiF70053CD}}/*/*{path}")})
}

#[test]
fn one_integration_and_a_permission_per_route_at_the_cdks_ids() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let handler = python_function(&stack, "Handler");
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let orders = LambdaIntegration::new("Orders", &handler);
    api.add_route("GET /orders/{id}", &orders, RouteAuth::Iam);
    api.add_route("POST /orders", &orders, RouteAuth::Iam);
    api.add_route("$default", &orders, RouteAuth::Iam);
    let assembly = app.synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let t = Template::from_stack(&assembly.stacks()[0]);
    let integrations = t.find_resources("AWS::ApiGatewayV2::Integration", json!({}));
    assert_eq!(integrations.len(), 1);
    assert_eq!(integrations[0].0, "ApiGETordersidOrders6FD1D623");
    assert_eq!(
        integrations[0].1["Properties"],
        json!({
            "ApiId": {"Ref": "ApiF70053CD"},
            "IntegrationType": "AWS_PROXY",
            "IntegrationUri": {"Fn::GetAtt": ["Handler886CB40B", "Arn"]},
            "PayloadFormatVersion": "2.0"
        })
    );
    let permissions = t.find_resources("AWS::Lambda::Permission", json!({}));
    let ids: Vec<&str> = permissions.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids[..2],
        [
            "ApiGETordersidOrdersPermissionC76EF51E",
            "ApiPOSTordersOrdersPermissionF0DB0FA3"
        ]
    );
    assert!(ids[2].starts_with("ApiDefaultRouteOrdersPermission"), "{}", ids[2]);
    for ((_, permission), path) in permissions.iter().zip(["/orders/{id}", "/orders", ""]) {
        assert_eq!(
            permission["Properties"],
            json!({
                "Action": "lambda:InvokeFunction",
                "FunctionName": {"Fn::GetAtt": ["Handler886CB40B", "Arn"]},
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": route_source_arn(path)
            })
        );
    }
    for (_, route) in t.find_resources("AWS::ApiGatewayV2::Route", json!({})) {
        assert_eq!(
            route["Properties"]["Target"],
            json!({"Fn::Sub": "integrations/${ApiGETordersidOrders6FD1D623}"})
        );
    }
}

#[test]
fn payload_format_1_0_and_a_timeout() {
    let app = App::new();
    let stack = pinned(&app);
    let shared = Function::from_function_arn(
        &stack,
        "Shared",
        "arn:aws:lambda:eu-west-1:111111111111:function:shared",
    );
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let legacy = LambdaIntegration::new("Legacy", &shared)
        .payload_format_version(PayloadFormatVersion::V1)
        .timeout(Duration::millis(2500));
    api.add_route("ANY /{proxy+}", &legacy, RouteAuth::Iam);
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Integration",
        json!({
            "IntegrationType": "AWS_PROXY",
            "IntegrationUri": "arn:aws:lambda:eu-west-1:111111111111:function:shared",
            "PayloadFormatVersion": "1.0",
            "TimeoutInMillis": 2500
        }),
    );
    t.has_resource_properties(
        "AWS::Lambda::Permission",
        json!({
            "FunctionName": "arn:aws:lambda:eu-west-1:111111111111:function:shared",
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": route_source_arn("/{proxy+}")
        }),
    );
}

#[test]
fn a_timeout_out_of_range_or_a_function_of_another_account_fails_synth() {
    let app = App::new();
    let stack = pinned(&app);
    let handler = python_function(&stack, "Handler");
    let foreign = Function::from_function_arn(&stack, "Foreign", "arn:aws:lambda:eu-west-1:222222222222:function:f");
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    api.add_route(
        "GET /slow",
        &LambdaIntegration::new("Slow", &handler).timeout(Duration::seconds(31)),
        RouteAuth::Iam,
    );
    api.add_route(
        "GET /quick",
        &LambdaIntegration::new("Quick", &handler).timeout(Duration::millis(10)),
        RouteAuth::Iam,
    );
    api.add_route(
        "GET /foreign",
        &LambdaIntegration::new("Foreign", &foreign),
        RouteAuth::Iam,
    );
    assert_eq!(
        errors(&app),
        [
            "S/Api/GET--slow: integration Slow: a timeout of 31 seconds is outside what an HTTP API waits for an integration; use from Duration::millis(50) to Duration::seconds(30)",
            "S/Api/GET--quick: integration Quick: a timeout of 10 milliseconds is outside what an HTTP API waits for an integration; use from Duration::millis(50) to Duration::seconds(30)",
            "S/Api/GET--foreign: integration Foreign: S/Foreign is a function of the account 222222222222, not the stack's, and a stack can only add the permission API Gateway needs to its own account's functions; add the permission in the function's account (apigateway.amazonaws.com, for this API's execute-api ARN)",
        ]
    );
}
