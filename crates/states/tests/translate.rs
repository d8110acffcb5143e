//! `to_jsonata` keeps a definition's meaning: every JSONPath conformance
//! case the translation accepts runs again in JSONata, and the two runs end
//! the same (status, output, error, states entered, and the cause of an
//! error a state raised). A case the translation refuses is counted, never
//! run approximately.
//!
//! Where the JSONPath run fails on its data (a path that selects nothing,
//! an intrinsic function's failure, `States.Runtime`), the languages differ
//! by design: JSONata drops an undefined field where JSONPath fails, and
//! reports `States.QueryEvaluationError`. Those cases are counted apart.

mod common;

use common::{definition, runner};
use rcdk_states::*;
use serde_json::{json, Value as Json};

/// The conformance cases written as definitions in JSONPath (the files of
/// the JSONata and callback features are not translations' inputs).
const FILES: &[&str] = &["choice", "errors", "intrinsics", "io", "states", "variables"];

/// What a run ended with, for comparison; the cause only of an error the
/// definition itself raised (a service's or the runtime's words differ).
fn outcome(run: &Execution) -> Json {
    let own_error = run.error.as_deref().is_some_and(|e| !e.starts_with("States."));
    json!({
        "status": format!("{:?}", run.status),
        "output": run.output,
        "error": run.error,
        "cause": if own_error { run.cause.clone() } else { None },
        "entered": run.states_entered(),
    })
}

/// A JSONPath run that failed on its data, where the languages differ.
fn data_error(run: &Execution) -> bool {
    matches!(
        run.error.as_deref(),
        Some("States.Runtime" | "States.ResultPathMatchFailure" | "States.IntrinsicFailure")
    )
}

#[test]
fn translated_conformance_cases_end_as_their_jsonpath_originals() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance");
    let (mut agreed, mut refused, mut unloadable, mut data_errors) = (0, Vec::new(), 0, 0);
    let mut disagreements = Vec::new();
    for file in FILES {
        let text = std::fs::read_to_string(format!("{dir}/{file}.json")).unwrap();
        let cases: Vec<Json> = serde_json::from_str(&text).unwrap();
        for case in &cases {
            let name = case["name"].as_str().unwrap_or("?");
            // Random values (States.UUID, States.MathRandom) differ by draw.
            let random = name.contains("UUID") || name.contains("Random");
            if case.get("files").is_some() || case.get("machines").is_some() || random {
                continue;
            }
            let original = definition(case);
            if original.is_null() {
                continue;
            }
            if original.get("QueryLanguage").and_then(Json::as_str) == Some("JSONata") {
                continue; // written in JSONata already
            }
            let Ok(jsonpath) = Machine::from_json(&original) else {
                unloadable += 1; // a case about a definition error
                continue;
            };
            let translated = match to_jsonata(&original) {
                Ok(t) => t,
                Err(e) => {
                    refused.push(format!("{file}: {name}: {}", e.join("; ")));
                    continue;
                }
            };
            let input = case.get("input").cloned().unwrap_or(json!({}));
            let original_run = runner(case).run(&jsonpath, input.clone());
            if data_error(&original_run) {
                data_errors += 1;
                continue;
            }
            let want = outcome(&original_run);
            let got = match Machine::from_json(&translated) {
                Ok(m) => outcome(&runner(case).run(&m, input)),
                Err(e) => json!({"load error": format!("{e:?}")}),
            };
            if got == want {
                agreed += 1;
            } else {
                disagreements.push(format!(
                    "{file}: {name}\n  JSONPath: {want}\n  JSONata:  {got}\n  definition: {translated}"
                ));
            }
        }
    }
    eprintln!(
        "translation: {agreed} cases agree in both languages, {} refused by the translation, {data_errors} fail on their data in JSONPath, {unloadable} are definition errors",
        refused.len()
    );
    for r in &refused {
        eprintln!("  refused: {r}");
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(agreed >= 150, "only {agreed} cases translated");
}
