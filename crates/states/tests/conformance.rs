//! The conformance suite: cases from the AWS Step Functions documentation and
//! the Amazon States Language specification (each cites its source), run
//! through the interpreter. A case is a definition (or a shorthand for one),
//! an input, and the expected output or error.

use rcdk_states::*;
use serde_json::{json, Value as Json};

const ECHO: &str = "arn:rcdk:test:echo";

fn runner(mocks: Option<&Json>) -> Runner {
    let mut r = Runner::new()
        .handler(ECHO, |c: &TaskCall| TaskOutcome::ok(c.parameters.clone()))
        .handler("arn:rcdk:test:fail", |c: &TaskCall| {
            TaskOutcome::err(
                c.parameters["Error"].as_str().unwrap_or("Err"),
                c.parameters["Cause"].as_str().unwrap_or(""),
            )
        })
        .handler("arn:rcdk:test:sleep", |c: &TaskCall| {
            let s = c.parameters["seconds"].as_f64().unwrap_or(0.0);
            TaskOutcome {
                result: Ok(json!({"slept": c.parameters["seconds"]})),
                duration_seconds: s,
            }
        });
    if let Some(m) = mocks {
        r = r.mocks(Mocks::from_json(m, None).expect("case mocks load"));
    }
    r
}

fn definition(case: &Json) -> Json {
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

fn check(case: &Json) -> Result<(), String> {
    let def = definition(case);
    let machine = Machine::from_json(&def).map_err(|e| format!("the definition does not load: {e}"))?;
    let e = runner(case.get("mocks")).run(&machine, case["input"].clone());
    if let Some(err) = case.get("error").and_then(Json::as_str) {
        if e.error.as_deref() != Some(err) {
            return Err(format!(
                "expected error {err}, got {:?} / {:?} (output {:?})",
                e.error, e.cause, e.output
            ));
        }
    } else {
        let out = e
            .output
            .clone()
            .ok_or_else(|| format!("failed: {:?}: {:?}", e.error, e.cause))?;
        let got = if case.get("intrinsic").is_some() {
            out["r"].clone()
        } else {
            out
        };
        let want = case
            .get("output")
            .or_else(|| case.get("result"))
            .or_else(|| case.get("matches"))
            .cloned()
            .unwrap_or(Json::Null);
        match want.as_str() {
            Some("$same") => {
                let a = got.as_array().ok_or("expected a pair")?;
                if a[0] != a[1] || !(1..999).contains(&a[0].as_i64().unwrap_or(0)) {
                    return Err(format!("expected two equal numbers in [1, 999), got {got}"));
                }
            }
            Some("$uuid") => {
                let s = got.as_str().unwrap_or("");
                let ok = s.len() == 36 && s.as_bytes()[14] == b'4' && s.chars().filter(|c| *c == '-').count() == 4;
                if !ok {
                    return Err(format!("expected a version 4 UUID, got {got}"));
                }
            }
            _ if got != want => return Err(format!("expected {want}, got {got}")),
            _ => {}
        }
    }
    if let Some(status) = case.get("status").and_then(Json::as_str) {
        if e.status.as_str() != status {
            return Err(format!("expected status {status}, got {}", e.status.as_str()));
        }
    }
    if let Some(calls) = case.get("calls").and_then(Json::as_u64) {
        let n = e.history.iter().filter(|ev| ev.event_type == "TaskScheduled").count() as u64;
        if n != calls {
            return Err(format!("expected {calls} task call(s), got {n}"));
        }
    }
    if let Some(secs) = case.get("elapsed_seconds").and_then(Json::as_f64) {
        let t = |s: &str| time::parse_timestamp(s).unwrap_or(0);
        let elapsed = (t(&e.history.last().unwrap().timestamp) - t(&e.history[0].timestamp)) as f64 / 1e9;
        if (elapsed - secs).abs() > 1e-6 {
            return Err(format!("expected {secs} s of virtual time, got {elapsed}"));
        }
    }
    Ok(())
}

#[test]
fn conformance_suite() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut total = 0;
    let mut failures = Vec::new();
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        let cases: Vec<Json> = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in &cases {
            total += 1;
            let name = case["name"].as_str().unwrap_or("?");
            assert!(
                case["source"].as_str().is_some_and(|s| s.starts_with("https://")),
                "{name}: every case cites its source"
            );
            if let Err(e) = check(case) {
                failures.push(format!("{}: {name}: {e}", file.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(total >= 150, "the suite has {total} cases");
}
