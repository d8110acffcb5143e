//! The reference sample's own workflow, run against a small HTTP server on
//! 127.0.0.1 that answers with a chosen status: 200 goes to Notify Success,
//! 204 to Notify Failure, 500 and 403 fail the execution with
//! `ApiGateway.<status>` (the sample has no Catch); with a Catch, an error
//! reaches Notify Failure instead.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rcdk_states::*;
use serde_json::{json, Value as Json};

const SAMPLE: &str = include_str!("data/call-microservice.asl.json");

/// Serves every request with `status` and a small JSON body; counts requests.
fn serve(status: u16) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).into_owned();
            counter.fetch_add(1, Ordering::SeqCst);
            let path = request.split(' ').nth(1).unwrap_or("").to_owned();
            let body = json!({"path": path}).to_string();
            let reason = match status {
                200 => "OK",
                204 => "No Content",
                403 => "Forbidden",
                _ => "Internal Server Error",
            };
            let resp = format!(
                "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            s.write_all(resp.as_bytes()).ok();
        }
    });
    (format!("http://{addr}"), hits)
}

fn run(definition: &str, status: u16) -> (Execution, SnsPublish, usize) {
    let machine = Machine::from_str(definition).expect("the sample loads");
    let (url, hits) = serve(status);
    let sns = SnsPublish::new();
    let runner = Runner::new()
        .handler(
            API_GATEWAY_INVOKE,
            ApiGatewayInvoke::new().endpoint("8dr32vcmf1.execute-api.us-east-2.amazonaws.com", &url),
        )
        .handler(SNS_PUBLISH, sns.clone());
    let execution = runner.run(&machine, json!({}));
    (execution, sns, hits.load(Ordering::SeqCst))
}

#[test]
fn status_200_notifies_success() {
    let (e, sns, hits) = run(SAMPLE, 200);
    assert_eq!(e.status, Status::Succeeded, "{e}");
    assert_eq!(e.states_entered(), ["Call API", "Call Successful?", "Notify Success"]);
    assert_eq!(hits, 1);
    let messages = sns.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].message, json!("Call was successful"));
    assert!(messages[0]
        .topic_arn
        .as_deref()
        .unwrap()
        .ends_with("SNSTopic-pOprfVyxWL6j"));
    // The API result the Choice saw, as Step Functions shapes it.
    let call = e.history.iter().find(|ev| ev.event_type == "TaskSucceeded").unwrap();
    assert_eq!(call.details["output"]["StatusCode"], 200);
    assert_eq!(call.details["output"]["StatusText"], "OK");
    assert_eq!(call.details["output"]["ResponseBody"], json!({"path": "/"}));
    assert!(call.details["output"]["Headers"]["Content-Type"].is_array());
}

#[test]
fn status_204_notifies_failure() {
    let (e, sns, _) = run(SAMPLE, 204);
    assert_eq!(e.status, Status::Succeeded, "{e}");
    assert_eq!(e.states_entered(), ["Call API", "Call Successful?", "Notify Failure"]);
    assert_eq!(sns.messages()[0].message, json!("Call was not successful"));
}

#[test]
fn status_500_and_403_fail_the_execution() {
    for status in [500, 403] {
        let (e, sns, _) = run(SAMPLE, status);
        assert_eq!(e.status, Status::Failed, "{e}");
        assert_eq!(e.error.as_deref(), Some(format!("ApiGateway.{status}").as_str()));
        let cause: Json = serde_json::from_str(e.cause.as_deref().unwrap()).unwrap();
        assert_eq!(cause["StatusCode"], status);
        assert_eq!(e.states_entered(), ["Call API"]);
        assert!(sns.messages().is_empty());
    }
}

#[test]
fn with_a_catch_errors_reach_notify_failure() {
    let mut def: Json = serde_json::from_str(SAMPLE).unwrap();
    def["States"]["Call API"]["Catch"] =
        json!([{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Notify Failure"}]);
    let (e, sns, _) = run(&def.to_string(), 500);
    assert_eq!(e.status, Status::Succeeded, "{e}");
    assert_eq!(e.states_entered(), ["Call API", "Notify Failure"]);
    assert_eq!(sns.messages()[0].message, json!("Call was not successful"));
}

#[test]
fn retries_call_the_api_again() {
    let mut def: Json = serde_json::from_str(SAMPLE).unwrap();
    def["States"]["Call API"]["Retry"] =
        json!([{"ErrorEquals": ["ApiGateway.500"], "IntervalSeconds": 2, "MaxAttempts": 2}]);
    let (e, _, hits) = run(&def.to_string(), 500);
    assert_eq!(e.status, Status::Failed);
    assert_eq!(hits, 3, "the first call and two retries");
    // 2 s then 4 s of virtual time, no real sleeping.
    let first = &e.history.first().unwrap().timestamp;
    let last = &e.history.last().unwrap().timestamp;
    assert_eq!(
        (first.as_str(), last.as_str()),
        ("2024-01-01T00:00:00.000Z", "2024-01-01T00:00:06.000Z")
    );
}

#[test]
fn mocks_replace_the_integrations() {
    let machine = Machine::from_str(SAMPLE).unwrap();
    let mocks = Mocks::from_json(
        &json!({
            "StateMachines": {"Sample": {"TestCases": {"Flaky": {"Call API": "FlakyApi", "Notify Success": "Published"}}}},
            "MockedResponses": {
                "FlakyApi": {"0": {"Throw": {"Error": "ApiGateway.503", "Cause": "busy"}}, "1": {"Return": {"StatusCode": 200}}},
                "Published": {"0": {"Return": {"MessageId": "m-1"}}}
            }
        }),
        Some("Flaky"),
    )
    .unwrap();
    let mut def: Json = serde_json::from_str(SAMPLE).unwrap();
    def["States"]["Call API"]["Retry"] = json!([{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}]);
    let machine_with_retry = Machine::from_json(&def).unwrap();
    let e = Runner::new().mocks(mocks.clone()).run(&machine_with_retry, json!({}));
    assert_eq!(e.status, Status::Succeeded, "{e}");
    assert_eq!(e.output, Some(json!({"MessageId": "m-1"})));
    let e = Runner::new().mocks(mocks).run(&machine, json!({}));
    assert_eq!(e.error.as_deref(), Some("ApiGateway.503"));
}
