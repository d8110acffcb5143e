//! Bad definitions and bad inputs give clear errors, never a panic.

use rcdk_states::*;
use serde_json::json;

fn load_err(text: &str) -> String {
    Machine::from_str(text).expect_err("expected a load error").to_string()
}

#[test]
fn malformed_documents() {
    assert!(load_err("{\"StartAt\": ").contains("not valid JSON"));
    assert!(load_err("[]").contains("a definition must be a JSON object"));
    assert!(load_err("{}").contains("StartAt is required"));
    assert!(load_err(r#"{"StartAt": "A", "States": {}}"#).contains("States is required and must be a non-empty object"));
}

#[test]
fn structural_errors_name_the_field_and_line() {
    let text = r#"{
  "StartAt": "A",
  "States": {
    "A": {"Type": "Task", "Next": "B"},
    "B": {"Type": "Choice", "Choices": []},
    "C": {"Type": "Pass", "End": true},
    "D": {"Type": "Wait", "End": true},
    "E": {"Type": "Teleport"}
  }
}"#;
    let e = load_err(text);
    for expected in [
        "line 4: States.A.Resource: a Task state needs a Resource ARN",
        "line 5: States.B.Choices: a Choice state needs a non-empty Choices list",
        "line 7: States.D.Seconds: a Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath",
        "line 8: States.E.Type: unknown state type \"Teleport\"",
        "line 6: States.C: cannot be reached from StartAt \"A\"",
    ] {
        assert!(e.contains(expected), "missing {expected:?} in\n{e}");
    }
}

#[test]
fn malformed_paths_and_intrinsics() {
    let e = load_err(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "dataset", "Parameters": {"x.$": "$.a[", "y.$": "States.Nope()"}, "End": true}}}"#,
    );
    assert!(
        e.contains("States.A.InputPath: invalid JSONPath \"dataset\": a path must start with '$'"),
        "{e}"
    );
    assert!(e.contains("States.A.Parameters.x.$: invalid JSONPath"), "{e}");
    assert!(
        e.contains("States.A.Parameters.y.$: unknown intrinsic function States.Nope"),
        "{e}"
    );
    let e = load_err(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "ResultPath": "$.a[*]", "End": true}}}"#);
    assert!(e.contains("is not a reference path"), "{e}");
}

#[test]
fn bad_choice_rules() {
    let e = load_err(
        r#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
        {"Variable": "$.v", "NumericEquals": "five", "Next": "D"},
        {"Variable": "$.v", "Frobnicates": 1, "Next": "D"},
        {"And": [{"Variable": "$.v", "IsNull": true, "Next": "D"}], "Next": "D"}
    ], "Default": "D"}, "D": {"Type": "Succeed"}}}"#,
    );
    assert!(e.contains("NumericEquals has an operand of the wrong type"), "{e}");
    assert!(e.contains("unknown comparison operator \"Frobnicates\""), "{e}");
    assert!(
        e.contains("a nested rule (inside And, Or, Not) must not have Next"),
        "{e}"
    );
}

#[test]
fn bad_retriers_and_catchers() {
    let e = load_err(
        r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "x", "End": true,
        "Retry": [{"ErrorEquals": [], "BackoffRate": 0.5}],
        "Catch": [{"ErrorEquals": ["States.ALL", "Other"], "Next": "Nowhere"}]}}}"#,
    );
    assert!(
        e.contains("States.T.Retry[0].ErrorEquals: ErrorEquals must be a non-empty list"),
        "{e}"
    );
    assert!(e.contains("States.T.Retry[0].BackoffRate: must be at least 1.0"), "{e}");
    assert!(e.contains("States.ALL must appear alone"), "{e}");
    assert!(e.contains("States.T.Catch[0].Next: \"Nowhere\" is not a state"), "{e}");
}

#[test]
fn runtime_errors_are_execution_failures() {
    let m = Machine::from_str(r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#).unwrap();
    let e = Runner::new().run(&m, json!({}));
    assert_eq!(e.status, Status::Failed);
    assert_eq!(e.error.as_deref(), Some("States.Runtime"));
    assert!(e.cause.unwrap().contains("no handler or mock for resource"));
}

#[test]
fn an_endless_loop_stops_at_the_event_limit() {
    let m = Machine::from_str(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}, "C": {"Type": "Succeed"}}}"#,
    );
    // C is unreachable: that is a load error, so loop without it.
    assert!(m.is_err());
    let m = Machine::from_json(&json!({"StartAt": "A", "States": {
        "A": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "B"},
        "B": {"Type": "Pass", "Next": "A"},
        "Done": {"Type": "Succeed"}
    }}))
    .unwrap();
    let e = Runner::new().run(&m, json!({}));
    assert_eq!(e.error.as_deref(), Some("States.Runtime"));
    assert!(e.history.len() <= MAX_EVENTS + 2);
}

#[test]
fn mock_files_with_mistakes_are_explained() {
    assert!(Mocks::from_json(&json!({"S": {"zero": {"Return": 1}}}), None)
        .unwrap_err()
        .contains("is not a call index"));
    assert!(Mocks::from_json(&json!({"S": {"0": {"Nothing": 1}}}), None)
        .unwrap_err()
        .contains("needs Return or Throw"));
    let sfn_local = json!({"StateMachines": {"M": {"TestCases": {"A": {"S": "Missing"}}}}, "MockedResponses": {}});
    assert!(Mocks::from_json(&sfn_local, Some("A"))
        .unwrap_err()
        .contains("no mocked response \"Missing\""));
    assert!(Mocks::from_json(&sfn_local, Some("B"))
        .unwrap_err()
        .contains("no test case \"B\""));
}

#[test]
fn jsonata_and_workflow_variables_are_refused_not_run() {
    // Each would run wrongly if its field were ignored, so none loads.
    let cases = [
        (
            json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}),
            "QueryLanguage: JSONata is not supported yet",
        ),
        (
            json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"n": 1}, "End": true}}}),
            "States.A.Assign: Assign (workflow variables) is not supported yet",
        ),
        (
            json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"n": 1}, "End": true}}}),
            "States.A.Output: Output (a JSONata field",
        ),
        (
            json!({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "Arguments": {}, "End": true}}}),
            "States.A.Arguments: Arguments (a JSONata field",
        ),
        (
            json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "{% 1 + 1 %}", "End": true}}}),
            "States.A.Result: \"{% 1 + 1 %}\" is a JSONata expression, and JSONata is not supported yet",
        ),
    ];
    for (definition, expected) in cases {
        let e = Machine::from_json(&definition).expect_err("refused").to_string();
        assert!(e.contains(expected), "missing {expected:?} in\n{e}");
        assert!(e.contains("a later release of rcdk-states adds"), "{e}");
    }
}

#[test]
fn field_errors_point_at_the_field_line_not_the_state() {
    let text = r#"{
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sns:publish",
      "Parameters": {
        "ok": "fine",
        "x.$": "States.Frobnicate($.a)"
      },
      "Retry": [
        {"ErrorEquals": ["States.ALL"], "MaxAttempts": -1}
      ],
      "ResultPath": "$.a[",
      "End": true
    }
  }
}"#;
    let e = load_err(text);
    for expected in [
        "line 9: States.A.Parameters.x.$: unknown intrinsic function States.Frobnicate",
        "line 12: States.A.Retry[0].MaxAttempts: must not be negative",
        "line 14: States.A.ResultPath:",
    ] {
        assert!(e.contains(expected), "{expected:?} not in:\n{e}");
    }
}
