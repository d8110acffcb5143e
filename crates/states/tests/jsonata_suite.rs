//! Runs the JSONata test suite (jsonata-js 2.0.6's `test/test-suite`,
//! vendored in `tests/jsonata-suite`, MIT) against `rcdk_states::jsonata`.
//! Every case runs; the cases in [`SKIP`] are counted, not checked, each
//! with the reason. Set `JSONATA_SUITE_VERBOSE=1` to print every failure.

use std::collections::BTreeMap;
use std::path::Path;

use rcdk_states::jsonata::{Env, Expression};
use serde_json::Value;

/// Cases not expected to pass, by `group/case` (or `group/` for a whole
/// group), with the reason.
const SKIP: &[(&str, &str)] = &[
    (
        "function-eval/",
        "AWS Step Functions does not offer $eval (its docs point to $parse)",
    ),
    (
        "range-operator/case021",
        "10 million items: past the default step budget, which bounds memory",
    ),
    (
        "range-operator/case024",
        "10 million items: past the default step budget, which bounds memory",
    ),
];

struct Case {
    group: String,
    json: Option<Value>,
    line: String,
}

fn load() -> (Vec<Case>, BTreeMap<String, Value>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jsonata-suite");
    let datasets: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("datasets.json")).unwrap()).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("groups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for f in files {
        let group = f.file_stem().unwrap().to_string_lossy().to_string();
        for line in std::fs::read_to_string(&f).unwrap().lines() {
            let line = line.trim().trim_end_matches(',');
            if line == "[" || line == "]" || line.is_empty() {
                continue;
            }
            // Two cases hold lone UTF-16 surrogates, which serde_json (and
            // a Rust string) cannot: they count as skipped.
            let json = serde_json::from_str(line).ok();
            cases.push(Case {
                group: group.clone(),
                json,
                line: line.to_string(),
            });
        }
    }
    (cases, datasets)
}

fn skip_reason(name: &str, group: &str) -> Option<&'static str> {
    SKIP.iter()
        .find(|(n, _)| *n == name || (n.ends_with('/') && n.trim_end_matches('/') == group))
        .map(|(_, r)| *r)
}

/// Equality as JavaScript's deep equal: numbers by value, to within a few
/// units in the last place, since serde_json (without its `float_roundtrip`
/// feature) may read the expected value's last digit differently.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn unordered_same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().all(|v| y.iter().any(|w| same(v, w))),
        _ => same(a, b),
    }
}

/// Runs one case: `Ok` if it passes, else what went wrong.
fn run(case: &Value, datasets: &BTreeMap<String, Value>) -> Result<(), String> {
    let expr = case["expr"].as_str().ok_or("no expr")?;
    let input = match (case.get("data"), case.get("dataset")) {
        (Some(d), _) => Some(d.clone()),
        (None, Some(Value::String(name))) => Some(datasets[name].clone()),
        _ => None,
    };
    let mut env = Env::new();
    // The suite runs on a thread with a large stack (see below); its
    // `depth` is a nesting limit, as `Env::max_depth` counts.
    env.stack_budget(STACK / 2);
    if let Some(depth) = case.get("depth").and_then(Value::as_u64) {
        env.max_depth(depth as usize);
    }
    if let Some(Value::Object(b)) = case.get("bindings") {
        for (k, v) in b {
            env.bind(k, v.clone());
        }
    }
    let expected_code = case
        .get("code")
        .or_else(|| case.get("error").and_then(|e| e.get("code")));
    let got = Expression::parse(expr).and_then(|e| e.evaluate(input.as_ref(), &mut env));
    match (got, expected_code) {
        (Err(e), Some(code)) if code.as_str() == Some(e.code()) => Ok(()),
        (Err(e), _) => Err(format!("error {e}, expected {}", expected(case))),
        (Ok(v), Some(code)) => Err(format!("got {v:?}, expected error {code}")),
        (Ok(None), None) if case.get("undefinedResult") == Some(&Value::Bool(true)) => Ok(()),
        (Ok(Some(v)), None) => match case.get("result") {
            Some(r) if case.get("unordered") == Some(&Value::Bool(true)) && unordered_same(&v, r) => Ok(()),
            Some(r) if same(&v, r) => Ok(()),
            _ => Err(format!("got {v}, expected {}", expected(case))),
        },
        (Ok(None), None) => Err(format!("got undefined, expected {}", expected(case))),
    }
}

fn expected(case: &Value) -> String {
    if let Some(r) = case.get("result") {
        return r.to_string();
    }
    if let Some(c) = case
        .get("code")
        .or_else(|| case.get("error").and_then(|e| e.get("code")))
    {
        return format!("error {c}");
    }
    "undefined".into()
}

/// The stack of the thread the suite runs on: the suite's deepest
/// recursion (`$factorial(99)`, 300 levels) takes more than a test thread's
/// 2 MiB in a debug build.
const STACK: usize = 64 << 20;

#[test]
fn jsonata_suite() {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(suite)
        .unwrap()
        .join()
        .unwrap();
}

fn suite() {
    let verbose = std::env::var_os("JSONATA_SUITE_VERBOSE").is_some();
    let (cases, datasets) = load();
    let mut by_group: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let (mut passed, mut skipped) = (0, 0);
    for case in &cases {
        let stats = by_group.entry(case.group.clone()).or_default();
        stats.1 += 1;
        let Some(json) = &case.json else {
            skipped += 1;
            stats.2 += 1;
            continue;
        };
        let name = format!("{}/{}", case.group, json["name"].as_str().unwrap_or("?"));
        if std::env::var_os("JSONATA_SUITE_TRACE").is_some() {
            eprintln!("{name}");
        }
        let outcome = std::panic::catch_unwind(|| run(json, &datasets)).unwrap_or_else(|_| Err("panicked".to_string()));
        let skip = skip_reason(&name, &case.group);
        match (outcome, skip) {
            (Ok(()), _) => {
                passed += 1;
                stats.0 += 1;
            }
            (Err(_), Some(_)) => {
                skipped += 1;
                stats.2 += 1;
            }
            (Err(why), None) => failures.push(format!("{name}: {} -- {why}", json["expr"])),
        }
        let _ = &case.line;
    }
    for (group, (p, t, s)) in &by_group {
        println!(
            "{group}: {p} of {t} passed{}",
            if *s > 0 {
                format!(" ({s} skipped)")
            } else {
                String::new()
            }
        );
    }
    println!(
        "passed {passed} of {} ({skipped} skipped, {} failed)",
        cases.len(),
        failures.len()
    );
    if verbose || failures.len() <= 50 {
        for f in &failures {
            println!("FAIL {f}");
        }
    }
    assert!(failures.is_empty(), "{} cases failed", failures.len());
}

/// Step Functions-style expressions (`$states` bound, no context) with
/// reference results from jsonata-js 2.0.6, made by
/// `scripts/jsonata-fixtures/generate.js`: all must pass.
#[test]
fn step_functions_fixtures() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jsonata-suite/extra/step-functions.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let datasets = BTreeMap::new();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| run(c, &datasets).err().map(|why| format!("{} -- {why}", c["expr"])))
        .collect();
    for f in &failures {
        println!("FAIL {f}");
    }
    println!("passed {} of {}", cases.len() - failures.len(), cases.len());
    assert!(failures.is_empty(), "{} cases failed", failures.len());
}
