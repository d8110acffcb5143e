//! How a conformance case (`tests/conformance/*.json`) becomes a definition
//! and a runner: shared by the suite, the soak test and the translation
//! test, so the three read cases one way.

#![allow(dead_code)] // each test binary uses what it needs

use rcdk_states::*;
use serde_json::{json, Value as Json};

/// The task resource that returns its parameters.
pub const ECHO: &str = "arn:rcdk:test:echo";

/// A runner with the cases' test handlers (echo, fail, sleep) and the
/// case's mocks, start time and child state machines.
pub fn runner(case: &Json) -> Runner {
    let mut r = Runner::new()
        .handler(ECHO, |c: &TaskCall| TaskOutcome::ok(c.parameters.clone()))
        .handler("arn:rcdk:test:fail", |c: &TaskCall| {
            TaskOutcome::err(
                c.parameters["Error"].as_str().unwrap_or("Err"),
                c.parameters["Cause"].as_str().unwrap_or(""),
            )
        })
        .handler("arn:rcdk:test:sleep", |c: &TaskCall| TaskOutcome {
            result: Ok(json!({"slept": c.parameters["seconds"]})),
            duration_seconds: c.parameters["seconds"].as_f64().unwrap_or(0.0),
        });
    if let Some(m) = case.get("mocks") {
        r = r.mocks(Mocks::from_json(m, None).expect("case mocks load"));
    }
    if let Some(t) = case.get("start_time").and_then(Json::as_str) {
        r = r.start_time(t);
    }
    // `machines`: state machines by ARN, for `states:startExecution` tasks.
    for (arn, def) in case.get("machines").and_then(Json::as_object).into_iter().flatten() {
        r = r.state_machine(arn, Machine::from_json(def).expect("case machine loads"));
    }
    r
}

/// The case's definition: written out, or one of the shorthands (an
/// intrinsic call, one choice rule, one state).
pub fn definition(case: &Json) -> Json {
    if let Some(expr) = case.get("intrinsic") {
        return json!({"StartAt": "S", "States": {"S": {"Type": "Pass", "Parameters": {"r.$": expr}, "End": true}}});
    }
    if let Some(rule) = case.get("choice") {
        let mut rule = rule.clone();
        rule["Next"] = json!("Yes");
        return json!({"StartAt": "S", "States": {
            "S": {"Type": "Choice", "Choices": [rule], "Default": "No"},
            "Yes": {"Type": "Pass", "Result": true, "End": true},
            "No": {"Type": "Pass", "Result": false, "End": true}
        }});
    }
    if let Some(state) = case.get("state") {
        let mut state = state.clone();
        let flow = ["Pass", "Task", "Wait", "Parallel", "Map"].contains(&state["Type"].as_str().unwrap_or(""));
        if flow && state.get("Next").is_none() && state.get("End").is_none() {
            state["End"] = json!(true);
        }
        return json!({"StartAt": "S", "States": {"S": state}});
    }
    case["definition"].clone()
}
