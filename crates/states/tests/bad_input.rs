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
        .contains("needs Return, Throw or Callback"));
    let sfn_local = json!({"StateMachines": {"M": {"TestCases": {"A": {"S": "Missing"}}}}, "MockedResponses": {}});
    assert!(Mocks::from_json(&sfn_local, Some("A"))
        .unwrap_err()
        .contains("no mocked response \"Missing\""));
    assert!(Mocks::from_json(&sfn_local, Some("B"))
        .unwrap_err()
        .contains("no test case \"B\""));
}

#[test]
fn jsonata_fields_in_jsonpath_states_are_refused_not_ignored() {
    // Each would run wrongly if its field were ignored, so none loads.
    let cases = [
        (
            json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"n": 1}, "End": true}}}),
            "States.A.Output: Output (a JSONata field; JSONPath states use OutputPath) is not allowed in a JSONPath state",
        ),
        (
            json!({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "Arguments": {}, "End": true}}}),
            "States.A.Arguments: Arguments (a JSONata field",
        ),
        (
            json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "{% 1 + 1 %}", "End": true}}}),
            "States.A.Result: \"{% 1 + 1 %}\" is a JSONata expression, but the state's query language is JSONPath",
        ),
    ];
    for (definition, expected) in cases {
        let e = Machine::from_json(&definition).expect_err("refused").to_string();
        assert!(e.contains(expected), "missing {expected:?} in\n{e}");
    }
    // In a JSONata state they run.
    let m = Machine::from_json(&json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Pass", "Output": {"n": "{% 1 + 1 %}"}, "End": true}}}))
    .unwrap();
    assert_eq!(Runner::new().run(&m, json!({})).output, Some(json!({"n": 2})));
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

/// The diagnostics of a definition that does not load.
fn diagnostics(definition: serde_json::Value) -> Vec<Diagnostic> {
    Machine::from_json(&definition).expect_err("expected a load error").0
}

/// The one diagnostic at `location`.
fn at<'a>(diags: &'a [Diagnostic], location: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.location == location).collect();
    assert_eq!(found.len(), 1, "one diagnostic at {location:?} in {diags:#?}");
    found[0]
}

#[test]
fn diagnostics_name_their_top_level_state() {
    let diags = diagnostics(json!({"StartAt": "Charge card", "States": {
        "Charge card": {"Type": "Pass", "InputPath": "order", "Next": "Done"},
        "Done": {"Type": "Succeed"}}}));
    let d = at(&diags, "States.Charge card.InputPath");
    assert_eq!(d.state.as_deref(), Some("Charge card"));
    assert!(!d.unsupported);
    // Display is unchanged: no state name beyond the location.
    assert_eq!(
        d.to_string(),
        "States.Charge card.InputPath: invalid JSONPath \"order\": a path must start with '$'"
    );
    // A problem with the whole definition is in no state.
    let diags = diagnostics(json!({"StartAt": "Nope", "States": {"A": {"Type": "Succeed"}}}));
    assert_eq!(at(&diags, "StartAt").state, None);
}

#[test]
fn diagnostics_in_a_parallel_branch_name_the_innermost_state() {
    let diags = diagnostics(json!({"StartAt": "Fan out", "States": {
    "Fan out": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
        {"StartAt": "Right", "States": {
            "Right": {"Type": "Wait", "Seconds": -5, "End": true}}},
        {"States": {"Lost": {"Type": "Succeed"}}}
    ]}}}));
    let d = at(&diags, "States.Fan out.Branches[1].States.Right.Seconds");
    assert_eq!(d.state.as_deref(), Some("Right"), "{d:?}");
    // A branch's own problem (no StartAt) is in the Parallel state.
    let d = at(&diags, "States.Fan out.Branches[2].StartAt");
    assert_eq!(d.state.as_deref(), Some("Fan out"), "{d:?}");
}

#[test]
fn diagnostics_in_a_map_processor_name_the_innermost_state() {
    let diags = diagnostics(json!({"StartAt": "Each", "States": {
        "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Outer", "States": {
            "Outer": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Inner", "States": {
                    "Inner": {"Type": "Task", "Resource": "r", "End": true,
                              "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}]}}}]}}}}}}));
    let d = at(
        &diags,
        "States.Each.ItemProcessor.States.Outer.Branches[0].States.Inner.Retry[0].BackoffRate",
    );
    assert_eq!(d.state.as_deref(), Some("Inner"), "{d:?}");
    // A BackoffRate below 1 is refused by AWS too.
    assert!(!d.unsupported, "{d:?}");
}

#[test]
fn what_aws_accepts_but_rcdk_states_refuses_is_marked_unsupported() {
    let diags = diagnostics(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": "{% 1 + 1 %}", "Next": "B"},
        "B": {"Type": "Pass", "Assign": {"n": "{% 1 %}"}, "Next": "C"},
        "C": {"Type": "Pass", "Parameters": {"x.$": "$total", "y.$": "States.Format('{}', $name)"}, "Next": "D"},
        "D": {"Type": "Task", "Resource": "r", "QueryLanguage": "JSONata", "TimeoutSeconds": "{% 5 %}", "Next": "E"},
        "E": {"Type": "Task", "Resource": "r", "Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}], "End": true}}}));
    for location in ["States.A.Result", "States.B.Assign.n", "States.D.TimeoutSeconds"] {
        assert!(at(&diags, location).unsupported, "{location}: {diags:#?}");
    }
    // Workflow variables are supported.
    assert!(!diags.iter().any(|d| d.location.starts_with("States.C")), "{diags:#?}");
    let backoff = at(&diags, "States.E.Retry[0].BackoffRate");
    assert!(!backoff.unsupported, "{backoff:?}");
    assert_eq!(backoff.state.as_deref(), Some("E"));
    // A JSONata definition loads.
    assert!(
        Machine::from_json(&json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "r", "Arguments": {"x": "{% $states.input %}"}, "End": true}}}))
        .is_ok()
    );
    // A JSONata-only field in a JSONPath state is refused by AWS too.
    let diags = diagnostics(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Output": {"n": 1}, "End": true}}}));
    assert!(!at(&diags, "States.A.Output").unsupported);
    // So is a JSONPath field in a JSONata state.
    let diags = diagnostics(json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Pass", "Parameters": {"n": 1}, "End": true}}}));
    assert!(!at(&diags, "States.A.Parameters").unsupported);
    // A query language that is no query language is not merely unsupported.
    let diags = diagnostics(json!({"QueryLanguage": "XPath", "StartAt": "A", "States": {
        "A": {"Type": "Succeed"}}}));
    assert!(!at(&diags, "QueryLanguage").unsupported);
}

#[test]
fn a_loop_with_no_exit_names_each_state() {
    let diags = diagnostics(json!({"StartAt": "Start", "States": {
        "Start": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "A"}], "Default": "Done"},
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Wait", "Seconds": 1, "Next": "A"},
        "Done": {"Type": "Succeed"}}}));
    assert_eq!(diags.len(), 2, "{diags:#?}");
    for name in ["A", "B"] {
        let d = at(&diags, &format!("States.{name}"));
        assert_eq!(d.state.as_deref(), Some(name));
        assert!(!d.unsupported);
        assert!(
            d.message.starts_with("no path from this state ends the execution (it only leads to states that loop back); add a Succeed/Fail state or End: true on the loop's exit"),
            "{d:?}"
        );
    }
    // The same loop alone: no state ends at all, and both are named.
    let diags = diagnostics(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Next": "A"}}}));
    assert_eq!(at(&diags, "States.A").state.as_deref(), Some("A"));
    assert_eq!(at(&diags, "States.B").state.as_deref(), Some("B"));
    assert!(at(&diags, "States").message.contains("no state ends the execution"));
    // Inside a Map processor, per nested definition, with the line.
    let text = r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "ItemProcessor": {
  "StartAt": "Poll", "States": {
    "Poll": {"Type": "Wait", "Seconds": 5, "Next": "Poll"},
    "Never": {"Type": "Succeed"}}}}}}"#;
    let e = Machine::from_str(text).unwrap_err();
    let d = at(&e.0, "States.Each.ItemProcessor.States.Poll");
    assert_eq!(d.state.as_deref(), Some("Poll"));
    assert_eq!(d.line, Some(3), "{d}");
}

#[test]
fn loops_that_can_end_are_not_flagged() {
    // A Choice without Default can end (no rule matching fails the
    // execution), so this loop may be left: only AWS's own rule, some
    // terminal state in the definition, needs Done.
    let m = Machine::from_json(&json!({"StartAt": "Start", "States": {
        "Start": {"Type": "Choice", "Choices": [{"Variable": "$.poll", "IsPresent": true, "Next": "Poll"}], "Default": "Done"},
        "Poll": {"Type": "Wait", "Seconds": 5, "Next": "Ready?"},
        "Ready?": {"Type": "Choice", "Choices": [{"Variable": "$.ready", "BooleanEquals": false, "Next": "Poll"}]},
        "Done": {"Type": "Succeed"}}}));
    assert!(m.is_ok(), "{m:?}");
    // A loop left through a catcher, or a choice rule.
    let m = Machine::from_json(&json!({"StartAt": "Try", "States": {
        "Try": {"Type": "Task", "Resource": "r", "Next": "Again",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Gave up"}]},
        "Again": {"Type": "Choice", "Choices": [{"Variable": "$.done", "IsPresent": true, "Next": "Done"}], "Default": "Try"},
        "Gave up": {"Type": "Fail", "Error": "GaveUp"},
        "Done": {"Type": "Pass", "End": true}}}));
    assert!(m.is_ok(), "{m:?}");
}

#[test]
fn a_valid_machine_still_loads_and_validates() {
    let definition = json!({"StartAt": "Fan out", "States": {
        "Fan out": {"Type": "Parallel", "Next": "Each", "Branches": [
            {"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}}]},
        "Each": {"Type": "Map", "ItemsPath": "$.items", "Next": "Done",
                 "ItemProcessor": {"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 1, "End": true}}}},
        "Done": {"Type": "Succeed"}}});
    assert!(Machine::from_json(&definition).is_ok());
    assert_eq!(validate(&definition), Ok(()));
    let e = validate(&json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "OutputPath": "x", "End": true}}}))
        .unwrap_err();
    assert_eq!(e.0.len(), 1, "{e}");
    assert_eq!(e.0[0].state.as_deref(), Some("A"));
}
