//! The AWS CDK's `l2_http_api_options` app (scripts/cdk-fixtures/generate.js),
//! built with rcdk: the same logical IDs and construct paths for every
//! resource, and the CDK's properties for the API's own resources. The
//! fixture is read from examples/tests/fixtures/cdk/l2_http_api_options.json;
//! no Node is needed. The properties below are the CDK's, as its template
//! writes them (aws-cdk-lib 2.276.0).

use std::collections::BTreeMap;

use rcdk_api::*;
use rcdk_core::{App, Duration, StackProps};
use rcdk_events::{EventBus, EventBusProps};
use rcdk_messaging::{Queue, QueueProps};
use rcdk_orchestration::{StateMachine, StateMachineProps, Succeed};
use serde_json::{json, Value};

/// examples/tests/fixtures/cdk/l2_http_api_options.json's app.
fn options_app() -> App {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let domain = DomainName::new(
        &stack,
        "Domain",
        DomainNameProps::new("api.example.com", "arn:aws:acm:eu-west-1:111111111111:certificate/abc"),
    );
    let api = HttpApi::new(
        &stack,
        "Api",
        HttpApiProps {
            cors: Some(CorsPreflight {
                allow_origins: vec!["https://app.example.com".into()],
                allow_methods: vec![Method::Get, Method::Post],
                allow_headers: vec!["authorization".into(), "content-type".into()],
                expose_headers: vec!["x-request-id".into()],
                max_age: Some(Duration::hours(1)),
                allow_credentials: true,
            }),
            default_domain_mapping: Some(&domain),
            ..Default::default()
        },
    );
    let jwt = HttpJwtAuthorizer::new("Jwt", "https://issuer.example.com", ["orders"]);
    api.add_route(
        "GET /orders/{id}",
        &HttpUrlIntegration::new("Upstream", "https://upstream.example.com/orders/{id}"),
        RouteAuth::Jwt(jwt.clone()),
    );
    let queue = Queue::new(&stack, "Queue", QueueProps::default());
    api.add_route(
        "POST /enqueue",
        &SqsSendMessageIntegration::new("Enqueue", &queue),
        RouteAuth::Jwt(jwt),
    );
    let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(Succeed::new("Done")));
    api.add_route(
        "POST /start",
        &StepFunctionsStartExecutionIntegration::new("Start", &flow),
        RouteAuth::None,
    );
    let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    api.add_route(
        "POST /events",
        &EventBridgePutEventsIntegration::new("Publish", &bus),
        RouteAuth::None,
    );
    app
}

/// Logical ID -> (type, construct path).
type Resources = BTreeMap<String, (String, String)>;

fn cdk_resources() -> Resources {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/tests/fixtures/cdk/l2_http_api_options.json"
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

fn template() -> Value {
    let assembly = options_app().synth().unwrap_or_else(|e| panic!("{e}"));
    assembly.stack("S").unwrap().template().clone()
}

#[test]
fn logical_ids_and_paths_are_the_cdks() {
    // No difference: the fixture's app adds the access-log group rcdk
    // always makes (`Api/AccessLogs`) to the CDK's API, and rcdk's
    // integrations make exactly the CDK's roles and policies.
    let cdk = cdk_resources();
    let assembly = options_app().synth().unwrap_or_else(|e| panic!("{e}"));
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
    assert_eq!(ours, cdk);
}

#[test]
fn the_domain_its_mapping_and_the_stage_are_the_cdks() {
    let t = template();
    let r = &t["Resources"];
    assert_eq!(
        r["Domain66AC69E0"]["Properties"],
        json!({
            "DomainName": "api.example.com",
            "DomainNameConfigurations": [{
                "CertificateArn": "arn:aws:acm:eu-west-1:111111111111:certificate/abc",
                "EndpointType": "REGIONAL"
            }]
        })
    );
    let mapping = &r["ApiDefaultStageSDomainundefined892DFCFE"];
    assert_eq!(
        mapping["Properties"],
        json!({"ApiId": {"Ref": "ApiF70053CD"}, "DomainName": {"Ref": "Domain66AC69E0"}, "Stage": "$default"})
    );
    assert_eq!(
        mapping["DependsOn"],
        json!(["ApiDefaultStage189A7074", "Domain66AC69E0"])
    );
    assert_eq!(r["ApiDefaultStage189A7074"]["DependsOn"], json!(["Domain66AC69E0"]));
    assert_eq!(
        r["ApiF70053CD"]["Properties"]["CorsConfiguration"],
        json!({
            "AllowCredentials": true,
            "AllowHeaders": ["authorization", "content-type"],
            "AllowMethods": ["GET", "POST"],
            "AllowOrigins": ["https://app.example.com"],
            "ExposeHeaders": ["x-request-id"],
            "MaxAge": 3600
        })
    );
}

#[test]
fn one_jwt_authorizer_serves_both_routes() {
    let t = template();
    let r = &t["Resources"];
    assert_eq!(
        r["ApiJwt046D4791"]["Properties"],
        json!({
            "ApiId": {"Ref": "ApiF70053CD"},
            "AuthorizerType": "JWT",
            "IdentitySource": ["$request.header.Authorization"],
            "JwtConfiguration": {"Audience": ["orders"], "Issuer": "https://issuer.example.com"},
            "Name": "Jwt"
        })
    );
    for route in ["ApiGETordersid99BB230B", "ApiPOSTenqueue8A01AE8E"] {
        assert_eq!(r[route]["Properties"]["AuthorizationType"], "JWT", "{route}");
        assert_eq!(
            r[route]["Properties"]["AuthorizerId"],
            json!({"Ref": "ApiJwt046D4791"}),
            "{route}"
        );
    }
    assert_eq!(r["ApiPOSTstartB39FD25E"]["Properties"]["AuthorizationType"], "NONE");
    assert_eq!(
        r["ApiGETordersid99BB230B"]["Properties"]["RouteKey"],
        "GET /orders/{id}"
    );
}

#[test]
fn integrations_are_the_cdks() {
    let t = template();
    let r = &t["Resources"];
    let props = |id: &str| r[id]["Properties"].clone();
    assert_eq!(
        props("ApiGETordersidUpstream90F400F4"),
        json!({
            "ApiId": {"Ref": "ApiF70053CD"},
            "IntegrationMethod": "ANY",
            "IntegrationType": "HTTP_PROXY",
            "IntegrationUri": "https://upstream.example.com/orders/{id}",
            "PayloadFormatVersion": "1.0"
        })
    );
    let service = |role: &str, subtype: &str, parameters: Value| {
        json!({
            "ApiId": {"Ref": "ApiF70053CD"},
            "ConnectionType": "INTERNET",
            "CredentialsArn": {"Fn::GetAtt": [role, "Arn"]},
            "IntegrationSubtype": subtype,
            "IntegrationType": "AWS_PROXY",
            "PayloadFormatVersion": "1.0",
            "RequestParameters": parameters
        })
    };
    assert_eq!(
        props("ApiPOSTenqueueEnqueueEA08A6D6"),
        service(
            "ApiPOSTenqueueInvokeRoleF4E41A17",
            "SQS-SendMessage",
            json!({"QueueUrl": {"Ref": "Queue4A7E3555"}, "MessageBody": "$request.body.MessageBody"})
        )
    );
    assert_eq!(
        props("ApiPOSTstartStartCC90CF1A"),
        service(
            "ApiPOSTstartInvokeRoleA9D6BD6A",
            "StepFunctions-StartExecution",
            json!({"StateMachineArn": {"Ref": "FlowA74D6E88"}})
        )
    );
    assert_eq!(
        props("ApiPOSTeventsPublishA7B978F1"),
        service(
            "ApiPOSTeventsInvokeRoleBB3DC28F",
            "EventBridge-PutEvents",
            json!({
                "Detail": "$request.body.Detail",
                "DetailType": "$request.body.DetailType",
                "Source": "$request.body.Source",
                "EventBusName": {"Ref": "BusEA82B648"}
            })
        )
    );
}

#[test]
fn each_invoke_role_may_do_one_thing_to_one_resource() {
    let t = template();
    let r = &t["Resources"];
    for role in [
        "ApiPOSTenqueueInvokeRoleF4E41A17",
        "ApiPOSTstartInvokeRoleA9D6BD6A",
        "ApiPOSTeventsInvokeRoleBB3DC28F",
    ] {
        assert_eq!(
            r[role]["Properties"]["AssumeRolePolicyDocument"]["Statement"],
            json!([{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}}]),
            "{role}"
        );
    }
    let statements = |policy: &str| r[policy]["Properties"]["PolicyDocument"]["Statement"].clone();
    assert_eq!(
        statements("ApiPOSTenqueueInvokeRoleDefaultPolicy6E87B9E8"),
        json!([{"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["Queue4A7E3555", "Arn"]}, "Sid": "AllowSqsExecution"}])
    );
    assert_eq!(
        statements("ApiPOSTstartInvokeRoleDefaultPolicy495BCE0C"),
        json!([{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "FlowA74D6E88"}, "Sid": "AllowStepFunctionsExecution"}])
    );
    assert_eq!(
        statements("ApiPOSTeventsInvokeRoleDefaultPolicy02440517"),
        json!([{"Action": "events:PutEvents", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["BusEA82B648", "Arn"]}, "Sid": "AllowEventBridgePutEvents"}])
    );
}
