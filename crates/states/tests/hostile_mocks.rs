//! Mock files with mistakes (review 2026-11-28, row 37): a mock for a state
//! the definition does not have, `--test-case` with a mock file that has no
//! test cases, and a call range such as "5-2" used to be ignored silently,
//! so a test ran the real integration, or the wrong result, and still
//! passed. Each is now an error that says what to fix, before the run.

use std::net::TcpListener;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rcdk_states::{Machine, MockResult, Mocks, Runner, Status};
use serde_json::{json, Value as Json};

fn machine() -> Machine {
    Machine::from_json(&json!({"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::apigateway:invoke",
                 "Parameters": {"ApiEndpoint": "api", "Method": "GET"}, "Next": "Fan out"},
        "Fan out": {"Type": "Parallel", "Branches": [
            {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}
        ], "Next": "Each"},
        "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Item", "States": {
            "Item": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
        }}, "End": true}
    }}))
    .unwrap()
}

fn load(mocks: Json, test_case: Option<&str>) -> Result<Mocks, String> {
    Mocks::from_json(&mocks, test_case).and_then(|m| m.check(&machine()).map(|()| m))
}

#[test]
fn a_mock_for_a_state_the_definition_does_not_have_is_an_error() {
    // Task states at any depth (a Parallel branch, a Map's processor) are fine.
    let m = load(
        json!({"Call": {"0": {"Return": 1}}, "Notify": {"0-1": {"Return": 2}}, "Item": {"0": {"Throw": {"Error": "E"}}}}),
        None,
    )
    .unwrap();
    assert_eq!(m.result("Notify", 1), Some(MockResult::Return(json!(2))));
    let e = load(
        json!({"Call": {"0": {"Return": 1}}, "Cal API": {"0": {"Return": 1}}}),
        None,
    )
    .unwrap_err();
    assert!(
        e.contains("the mock file mocks state \"Cal API\", which the definition does not have;"),
        "{e}"
    );
    // A near miss in case or spacing is pointed out.
    let e = load(json!({"call ": {"0": {"Return": 1}}}), None).unwrap_err();
    assert!(e.contains("(did you mean \"Call\"?)"), "{e}");
    // So is a state named in a test case of Step Functions Local's format.
    let sfn_local = json!({
        "StateMachines": {"M": {"TestCases": {"Happy": {"Call": "Ok", "Nope": "Ok"}}}},
        "MockedResponses": {"Ok": {"0": {"Return": {"StatusCode": 200}}}}
    });
    let e = load(sfn_local, Some("Happy")).unwrap_err();
    assert!(e.contains("state \"Nope\", which the definition does not have"), "{e}");
    // Every problem at once.
    let e = Mocks::new()
        .state("A", vec![MockResult::Return(json!(1))])
        .state("B", vec![MockResult::Return(json!(1))])
        .check(&machine())
        .unwrap_err();
    assert!(e.contains("\"A\"") && e.contains("\"B\""), "{e}");
}

#[test]
fn a_mock_for_a_state_that_is_not_a_task_is_an_error() {
    let e = load(json!({"Fan out": {"0": {"Return": 1}}}), None).unwrap_err();
    assert!(
        e.contains("state \"Fan out\" is a Parallel state, and only Task states (and distributed Map states with an ItemReader) call a mock"),
        "{e}"
    );
}

#[test]
fn a_test_case_with_a_mock_file_that_has_no_test_cases_is_an_error() {
    let e = Mocks::from_json(&json!({"Call": {"0": {"Return": 1}}}), Some("Happy")).unwrap_err();
    assert!(
        e.contains("test case \"Happy\" was asked for, but the mock file has no test cases"),
        "{e}"
    );
    // Half of Step Functions Local's format is not the simple format either.
    let e = Mocks::from_json(&json!({"StateMachines": {}}), None).unwrap_err();
    assert!(e.contains("needs both"), "{e}");
}

#[test]
fn a_malformed_call_range_is_an_error() {
    let e = Mocks::from_json(&json!({"Call": {"5-2": {"Return": 1}}}), None).unwrap_err();
    assert!(e.contains("state \"Call\": \"5-2\" runs backwards"), "{e}");
    assert!(e.contains("like \"2-5\""), "{e}");
    for bad in ["1-", "-1", "1-2-3", "x", "99999999999"] {
        let e = Mocks::from_json(&json!({"Call": {bad: {"Return": 1}}}), None).unwrap_err();
        assert!(e.contains("is not a call index or range like \"1-2\""), "{bad:?}: {e}");
    }
    let e = Mocks::from_json(&json!({"Call": {"0-3": {"Return": 1}, "2": {"Return": 2}}}), None).unwrap_err();
    assert!(e.contains("call ranges \"0-3\" and \"2\" overlap"), "{e}");
}

// The command line checks the mock file before the run: no endpoint is called.

const DEFINITION: &str = r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task",
  "Resource": "arn:aws:states:::apigateway:invoke", "Parameters": {"ApiEndpoint": "api", "Method": "GET"}, "End": true}}}"#;

fn temp(name: &str, text: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("rcdk-hostile-mocks-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

/// A listener that counts connections and never answers.
fn listener() -> (String, Arc<AtomicUsize>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let count = hits.clone();
    std::thread::spawn(move || {
        for s in l.incoming() {
            count.fetch_add(1, Ordering::SeqCst);
            drop(s);
        }
    });
    (url, hits)
}

fn rcdk_states(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rcdk-states"))
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn run_and_validate_refuse_a_mock_file_with_mistakes_before_any_call() {
    let definition = temp("definition.json", DEFINITION);
    let unknown = temp(
        "unknown.json",
        r#"{"Call API": {"0": {"Return": {"StatusCode": 200}}}}"#,
    );
    let backwards = temp(
        "backwards.json",
        r#"{"Call": {"5-2": {"Return": {"StatusCode": 200}}}}"#,
    );
    let (url, hits) = listener();
    let endpoint = format!("api={url}");
    let (d, u, b) = (
        definition.to_str().unwrap(),
        unknown.to_str().unwrap(),
        backwards.to_str().unwrap(),
    );
    let results = [
        rcdk_states(&["run", d, "--mock", u, "--endpoint", &endpoint]),
        rcdk_states(&["run", d, "--mock", b, "--endpoint", &endpoint]),
        rcdk_states(&["run", d, "--mock", u, "--test-case", "Happy", "--endpoint", &endpoint]),
        rcdk_states(&["validate", d, "--mock", u]),
    ];
    for path in [&definition, &unknown, &backwards] {
        std::fs::remove_file(path).ok();
    }
    let [unknown_run, backwards_run, test_case_run, unknown_validate] = results;
    assert_eq!(unknown_run.0, 2, "{}", unknown_run.1);
    assert!(
        unknown_run
            .1
            .contains("state \"Call API\", which the definition does not have"),
        "{}",
        unknown_run.1
    );
    assert_eq!(backwards_run.0, 2, "{}", backwards_run.1);
    assert!(
        backwards_run.1.contains("\"5-2\" runs backwards"),
        "{}",
        backwards_run.1
    );
    assert_eq!(test_case_run.0, 2, "{}", test_case_run.1);
    assert!(test_case_run.1.contains("has no test cases"), "{}", test_case_run.1);
    assert_eq!(unknown_validate.0, 1, "{}", unknown_validate.1);
    assert!(
        unknown_validate
            .1
            .contains("state \"Call API\", which the definition does not have")
            && !unknown_validate.1.contains("valid ("),
        "{}",
        unknown_validate.1
    );
    assert_eq!(hits.load(Ordering::SeqCst), 0, "an endpoint was called");
}

#[test]
fn the_library_runner_refuses_mocks_for_missing_states_too() {
    let machine = Machine::from_str(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}"#,
    )
    .unwrap();
    let mocks = Mocks::new().state("Typo", vec![MockResult::Return(serde_json::json!({}))]);
    let run = Runner::new().mocks(mocks).run(&machine, serde_json::json!({}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert!(
        run.cause.as_deref().unwrap_or_default().contains("Typo"),
        "{:?}",
        run.cause
    );
}
