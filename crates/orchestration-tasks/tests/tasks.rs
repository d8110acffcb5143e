//! The typed integrations: what they render, what they grant, what they
//! refuse, that every task type takes the same fields, and that a call
//! with dynamic values runs in the local interpreter.

use std::io::{Read, Write};
use std::net::TcpListener;

use rcdk_api::{HttpApi, HttpApiProps, Method};
use rcdk_core::{App, Duration, Stack, StackProps, Value};
use rcdk_messaging::{Topic, TopicProps};
use rcdk_orchestration::*;
use rcdk_orchestration_tasks::{AuthType, CallHttpApi, SnsPublish};
use serde_json::{json, Value as Json};

fn app() -> (App, Stack) {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    (app, stack)
}

/// The state named `state` of the definition of a machine running `chain`.
fn state_of(stack: &Stack, chain: impl Into<Chain>, state: &str) -> Json {
    let sm = StateMachine::new(stack, "Flow", StateMachineProps::new(chain));
    sm.definition_json()["States"][state].clone()
}

/// Every synth error.
fn errors(app: &App) -> Vec<String> {
    match app.synth() {
        Ok(_) => Vec::new(),
        Err(e) => e.errors().iter().map(ToString::to_string).collect(),
    }
}

/// The statements of the state machine role's policy.
fn role_statements(app: &App) -> Json {
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    let policy = t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|r| r["Type"] == "AWS::IAM::Policy")
        .expect("the role has a policy")
        .clone();
    policy["Properties"]["PolicyDocument"]["Statement"].clone()
}

#[test]
fn a_path_template_fills_its_parameters_from_the_input() {
    let (_app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let call = CallHttpApi::new("Stock", &api, Method::Get)
        .path("/inventory/{sku}")
        .path_param("sku", "$.sku");
    let state = state_of(&stack, call, "Stock");
    assert_eq!(
        state["Parameters"],
        json!({"ApiEndpoint": "${ApiEndpoint}", "Method": "GET",
               "Path.$": "States.Format('/inventory/{}', $.sku)", "AuthType": "NO_AUTH"})
    );
}

#[test]
fn a_path_template_escapes_what_states_format_reads() {
    let (_app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    // `'`, `\` and a brace that opens no parameter are literal text.
    let call = CallHttpApi::new("Odd", &api, Method::Get)
        .path("/it's/a{b\\/{sku}/{rest+}")
        .path_param("rest", "$.rest")
        .path_param("sku", "$.item.sku");
    let state = state_of(&stack, call, "Odd");
    assert_eq!(
        state["Parameters"]["Path.$"],
        "States.Format('/it\\'s/a\\{b\\\\/{}/{}', $.item.sku, $.rest)"
    );
    // rcdk-states reads it back as the text it was.
    let call = rcdk_states::intrinsics::parse(state["Parameters"]["Path.$"].as_str().unwrap()).unwrap();
    let input = json!({"item": {"sku": "X"}, "rest": "r/s"});
    let out = call.eval(&input, &json!({}), &mut rcdk_states::rng::Rng::new(0));
    assert_eq!(out.unwrap(), json!("/it's/a{b\\/X/r/s"));
}

#[test]
fn a_path_without_parameters_stays_static() {
    let (_app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let state = state_of(
        &stack,
        CallHttpApi::new("Items", &api, Method::Get).path("/items"),
        "Items",
    );
    assert_eq!(state["Parameters"]["Path"], "/items");
}

#[test]
fn every_field_can_come_from_the_input() {
    let (_app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let call = CallHttpApi::new("Call", &api, Method::Post)
        .path_from("$.path")
        .query_from("$.query")
        .headers_from("$.headers")
        .body_from("$.body");
    let state = state_of(&stack, call, "Call");
    assert_eq!(
        state["Parameters"],
        json!({"ApiEndpoint": "${ApiEndpoint}", "Method": "POST", "Path.$": "$.path", "AuthType": "NO_AUTH",
               "Headers.$": "$.headers", "QueryParameters.$": "$.query", "RequestBody.$": "$.body"})
    );
}

#[test]
fn a_field_given_both_ways_is_an_error() {
    let (app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let call = CallHttpApi::new("Call", &api, Method::Post)
        .path("/a")
        .path_from("$.path")
        .header("X-Id", &["1"])
        .headers_from("$.headers")
        .query("q", &["1"])
        .query_from("$.query")
        .body(Value::object([("a", 1.into())]))
        .body_from("$.body");
    StateMachine::new(&stack, "Flow", StateMachineProps::new(call));
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Call\": Path is set both in the definition (path()) and from the input (path_from(\"$.path\")); keep one",
            "S/Flow: definition: state \"Call\": Headers is set both in the definition (header()) and from the input (headers_from(\"$.headers\")); keep one",
            "S/Flow: definition: state \"Call\": QueryParameters is set both in the definition (query()) and from the input (query_from(\"$.query\")); keep one",
            "S/Flow: definition: state \"Call\": RequestBody is set both in the definition (body()) and from the input (body_from(\"$.body\")); keep one",
        ]
    );
}

#[test]
fn path_parameters_must_match_the_template() {
    let (app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let missing = CallHttpApi::new("Missing", &api, Method::Get).path("/inventory/{sku}");
    let unknown = CallHttpApi::new("Unknown", &api, Method::Get)
        .path("/inventory/{sku}")
        .path_param("sku", "$.sku")
        .path_param("size", "$.size");
    let dynamic = CallHttpApi::new("Dynamic", &api, Method::Get)
        .path_from("$.path")
        .path_param("sku", "$.sku");
    StateMachine::new(
        &stack,
        "Flow",
        StateMachineProps::new(missing.next(unknown).next(dynamic)),
    );
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Missing\": the path \"/inventory/{sku}\" has the parameter {sku} but no value for it; give one with path_param(\"sku\", \"$.sku\")",
            "S/Flow: definition: state \"Unknown\": path_param(\"size\") names no {size} in the path \"/inventory/{sku}\"; add it to the path or drop the path_param",
            "S/Flow: definition: state \"Dynamic\": path_param fills a {parameter} of path(), but the path comes from path_from(); give the whole path in the input, or use path() with the parameters",
        ]
    );
}

#[test]
fn the_grant_covers_path_parameters_and_dynamic_paths() {
    let (app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let stock = CallHttpApi::new("Stock", &api, Method::Get)
        .path("/inventory/{sku}/{rest+}")
        .path_param("sku", "$.sku")
        .path_param("rest", "$.rest")
        .auth(AuthType::IamRole);
    let any = CallHttpApi::new("Any", &api, Method::Post)
        .path_from("$.path")
        .stage("prod")
        .auth(AuthType::IamRole);
    StateMachine::new(&stack, "Flow", StateMachineProps::new(stock.next(any)));
    let api_id = app.synth().unwrap().stack("S").unwrap().template()["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, r)| r["Type"] == "AWS::ApiGatewayV2::Api")
        .unwrap()
        .0
        .clone();
    let arn = |tail: &str| json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{api_id}}}{tail}")});
    assert_eq!(
        role_statements(&app),
        json!([
            {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": arn("/*/GET/inventory/*/*")},
            {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": arn("/prod/POST/*")}
        ])
    );
}

#[test]
fn grant_invoke_covers_path_parameters_too() {
    let (app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let role = rcdk_iam::Role::new(
        &stack,
        "Caller",
        rcdk_iam::RoleProps::assumed_by("lambda.amazonaws.com"),
    );
    api.grant_invoke(&role, Method::Get, Some("/inventory/{sku}"));
    let resource = role_statements(&app)[0]["Resource"]["Fn::Sub"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(resource.ends_with("/*/GET/inventory/*"), "{resource}");
}

/// Serves every request with 200 and a JSON body naming the request's
/// target (path and query).
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).into_owned();
            let target = request.split(' ').nth(1).unwrap_or("").to_owned();
            let body = json!({"target": target}).to_string();
            let resp = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            s.write_all(resp.as_bytes()).ok();
        }
    });
    format!("http://{addr}")
}

/// The typed call with a path parameter and a query from the input, as
/// synth writes it, runs locally against an HTTP server: the request goes
/// to the path the input fills in.
#[test]
fn a_path_parameter_call_runs_locally() {
    use rcdk_states::{ApiGatewayInvoke, Machine, Runner, Status, API_GATEWAY_INVOKE};
    let (app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let call = CallHttpApi::new("Stock", &api, Method::Get)
        .path("/inventory/{sku}")
        .path_param("sku", "$.sku")
        .query_from("$.query")
        .auth(AuthType::IamRole)
        .result_selector(Value::object([("Target.$", "$.ResponseBody.target".into())]))
        .result_path(Some("$.stock"));
    let sm = StateMachine::new(&stack, "Flow", StateMachineProps::new(call));
    app.synth().unwrap();
    let machine = Machine::from_json(&sm.definition_json()).expect("what synth accepts loads");
    let runner = Runner::new().handler(API_GATEWAY_INVOKE, ApiGatewayInvoke::new().endpoint("*", &serve()));
    let run = runner.run(&machine, json!({"sku": "A-42", "query": {"size": ["xl"]}}));
    assert_eq!(run.status, Status::Succeeded, "{run}");
    assert_eq!(
        run.output,
        Some(json!({"sku": "A-42", "query": {"size": ["xl"]}, "stock": {"Target": "/inventory/A-42?size=xl"}}))
    );
}

#[test]
fn sns_publish_keeps_its_parameters_and_takes_extras() {
    let (app, stack) = app();
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    let publish = SnsPublish::new("Tell", &topic)
        .message_path("$.text")
        .subject("Order")
        .parameters(Value::object([("MessageGroupId", "orders".into())]));
    let state = state_of(&stack, publish, "Tell");
    assert_eq!(
        state["Parameters"],
        json!({"MessageGroupId": "orders", "Message.$": "$.text", "Subject": "Order", "TopicArn": "${TopicArn}"})
    );
    assert_eq!(
        role_statements(&app),
        json!([{"Effect": "Allow", "Action": "sns:Publish", "Resource": {"Ref": "TopicBFC7AF6E"}}])
    );
}

#[test]
fn an_extra_parameter_the_integration_writes_is_an_error() {
    let (app, stack) = app();
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    let publish = SnsPublish::new("Tell", &topic)
        .message("hi")
        .parameters(Value::object([("Message.$", "$.text".into())]));
    StateMachine::new(&stack, "Flow", StateMachineProps::new(publish));
    assert_eq!(
        errors(&app),
        ["S/Flow: definition: state \"Tell\": Parameters.Message is written by SnsPublish; set it with SnsPublish's own methods rather than parameters()"]
    );
}

/// Applies every field a task has, the same way, to any task type.
macro_rules! every_field {
    ($task:expr, $failed:literal) => {
        $task
            .comment("why")
            .input_path("$.in")
            .result_selector(Value::object([("r.$", "$".into())]))
            .result_path(Some("$.out"))
            .output_path("$.out")
            .timeout(Duration::minutes(2))
            .heartbeat_path("$.heartbeat")
            .retry(Retry::on(["States.TaskFailed"]).max_attempts(2))
            .catch(["States.ALL"], Some("$.error"), Fail::new($failed))
    };
}

#[test]
fn every_task_type_has_the_same_fields() {
    let (_app, stack) = app();
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    let flow = Parallel::new("All")
        .branch(every_field!(Task::service("Plain", "lambda:invoke"), "Failed 1"))
        .branch(every_field!(CallHttpApi::new("Call", &api, Method::Get), "Failed 2"))
        .branch(every_field!(SnsPublish::new("Tell", &topic), "Failed 3"));
    let sm = StateMachine::new(&stack, "Flow", StateMachineProps::new(flow));
    let json = sm.definition_json();
    let without_type_specifics = |branch: usize, state: &str| {
        let mut s = json["States"]["All"]["Branches"][branch]["States"][state].clone();
        let s = s.as_object_mut().unwrap();
        s.remove("Resource");
        s.remove("Parameters");
        // Each branch's handler has a name of its own.
        s["Catch"][0]["Next"] = json!("Failed");
        Json::Object(s.clone())
    };
    let plain = without_type_specifics(0, "Plain");
    assert_eq!(
        plain,
        json!({"Type": "Task", "Comment": "why", "InputPath": "$.in", "ResultSelector": {"r.$": "$"},
               "ResultPath": "$.out", "OutputPath": "$.out", "TimeoutSeconds": 120,
               "HeartbeatSecondsPath": "$.heartbeat",
               "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}],
               "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
               "End": true})
    );
    assert_eq!(without_type_specifics(1, "Call"), plain);
    assert_eq!(without_type_specifics(2, "Tell"), plain);
}

#[test]
fn calls_no_route_serves_or_unsigned_calls_to_iam_routes_warn() {
    use rcdk_api::{HttpApi, HttpApiProps, HttpUrlIntegration, Method, RouteAuth};
    use rcdk_core::{App, StackProps};
    use rcdk_orchestration::{StateMachine, StateMachineProps};
    use rcdk_orchestration_tasks::{AuthType, CallHttpApi};
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let up = HttpUrlIntegration::new("Up", "https://up.example.com");
    api.add_route("GET /inventory/{sku}", &up, RouteAuth::Iam);
    api.add_route("POST /payments", &up, RouteAuth::None);
    let signed = CallHttpApi::new("Stock", &api, Method::Get)
        .path("/inventory/{sku}")
        .path_param("sku", "$.sku")
        .auth(AuthType::IamRole);
    let unsigned = CallHttpApi::new("StockUnsigned", &api, Method::Get).path("/inventory/A-1");
    let lost = CallHttpApi::new("Refund", &api, Method::Post).path("/refunds");
    let paid = CallHttpApi::new("Pay", &api, Method::Post).path("/payments");
    StateMachine::new(
        &stack,
        "Flow",
        StateMachineProps::new(signed.next(unsigned).next(lost).next(paid)),
    );
    let warnings: Vec<String> = app
        .synth()
        .unwrap()
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        [
            "S/Api: task \"StockUnsigned\" calls GET /inventory/A-1 without signing it, but route GET /inventory/{sku} requires IAM authorization (API Gateway answers 403); sign with .auth(AuthType::IamRole)",
            "S/Api: task \"Refund\" calls POST /refunds, which no route of this API serves (API Gateway answers 404); add the route, or fix the task's method or path",
        ]
    );
}
