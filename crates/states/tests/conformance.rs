//! The conformance suite: cases from the AWS Step Functions documentation and
//! the Amazon States Language specification (each cites its source), run
//! through the interpreter. A case is a definition (or a shorthand for one),
//! an input, and the expected output or error (and cause), with optional
//! checks of the status, the states entered, the task calls, the virtual
//! time taken and the gaps between output timestamps.

mod common;

use common::{definition, runner};
use rcdk_states::*;
use serde_json::{json, Value as Json};

/// How many cases the suite has (the workspace README quotes it).
const CASES: usize = 384;

/// The fields a case may have; any other is a typo that would silently
/// check nothing.
const FIELDS: &[&str] = &[
    "name",
    "source",
    "description",
    "definition",
    "state",
    "choice",
    "intrinsic",
    "input",
    "mocks",
    "start_time",
    "output",
    "result",
    "matches",
    "error",
    "cause",
    "status",
    "states_entered",
    "calls",
    "elapsed_seconds",
    "timestamp_gaps",
    "events",
    "machines",
    "files",
    "written",
    "map_runs",
    "aws_events",
];

/// `files`: `{"bucket": {"key": content}}` (a string as it is, anything
/// else as JSON) laid out in a fresh directory per bucket, which the runner
/// maps; returns the directories.
fn lay_out_files(case: &Json, mut r: Runner, n: usize) -> (Runner, Vec<std::path::PathBuf>) {
    let mut dirs = Vec::new();
    let buckets = case.get("files").and_then(Json::as_object).into_iter().flatten();
    for (i, (bucket, files)) in buckets.enumerate() {
        let dir = std::env::temp_dir().join(format!("rcdk-states-conformance-{}-{n}-{i}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (key, content) in files.as_object().into_iter().flatten() {
            let path = dir.join(key);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let text = match content {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            };
            std::fs::write(path, text).unwrap();
        }
        r = r.bucket(bucket, &dir);
        dirs.push(dir);
    }
    (r, dirs)
}

/// `written`: `{"bucket/key": JSON}`: files the run wrote, parsed as JSON.
fn check_written(case: &Json, dirs: &[std::path::PathBuf]) -> Result<(), String> {
    let buckets: Vec<&String> = case
        .get("files")
        .and_then(Json::as_object)
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    for (where_, want) in case.get("written").and_then(Json::as_object).into_iter().flatten() {
        let (bucket, key) = where_.split_once('/').ok_or("written keys are bucket/key")?;
        let i = buckets
            .iter()
            .position(|b| *b == bucket)
            .ok_or("written names a bucket not in files")?;
        let text = std::fs::read_to_string(dirs[i].join(key)).map_err(|e| format!("{where_}: {e}"))?;
        let got: Json = serde_json::from_str(&text).map_err(|e| format!("{where_}: {e}"))?;
        if &got != want {
            return Err(format!("{where_}: expected {want}, got {got}"));
        }
    }
    Ok(())
}

/// `map_runs`: for each Map Run, `{"status", "total", "failed", "executions"}`
/// (the number of child executions).
fn check_map_runs(case: &Json, e: &Execution) -> Result<(), String> {
    let Some(want) = case.get("map_runs") else {
        return Ok(());
    };
    let got: Vec<Json> = e
        .map_runs
        .iter()
        .map(|r| json!({"status": r.status.as_str(), "total": r.total, "failed": r.failed, "executions": r.executions.len()}))
        .collect();
    if &Json::Array(got.clone()) != want {
        return Err(format!("expected map runs {want}, got {}", Json::Array(got)));
    }
    Ok(())
}

fn check(case: &Json) -> Result<(), String> {
    if let Some(k) = case
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
        .find(|k| !FIELDS.contains(&k.as_str()))
    {
        return Err(format!("unknown case field {k:?}"));
    }
    let def = definition(case);
    let machine = Machine::from_json(&def).map_err(|e| format!("the definition does not load: {e}"))?;
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (r, dirs) = lay_out_files(case, runner(case), n);
    let e = r.run(&machine, case["input"].clone());
    let written = check_written(case, &dirs);
    for d in &dirs {
        let _ = std::fs::remove_dir_all(d);
    }
    written?;
    check_map_runs(case, &e)?;
    if case.get("error").is_some() {
        check_failure(case, &e)?;
    } else {
        check_output(case, &e)?;
    }
    check_status(case, &e)?;
    check_states_entered(case, &e)?;
    check_calls(case, &e)?;
    check_elapsed(case, &e)?;
    check_events(case, &e)?;
    check_timestamp_gaps(case, &e)
}

/// `events`: events expected in the history, in this order (others may
/// come between them); each lists fields its [`Event::to_json`] must have
/// with these values (`type`, `state`, and detail fields such as
/// `assignedVariables`).
fn check_events(case: &Json, e: &Execution) -> Result<(), String> {
    check_event_list(case.get("events"), e.history.iter().map(Event::to_json).collect())?;
    // `aws_events`: the same, against the API's shape (`Event::to_aws_json`).
    check_event_list(
        case.get("aws_events"),
        e.history.iter().map(Event::to_aws_json).collect(),
    )
}

fn check_event_list(want: Option<&Json>, got: Vec<Json>) -> Result<(), String> {
    let Some(want) = want.and_then(Json::as_array) else {
        return Ok(());
    };
    let mut at = 0;
    for w in want {
        let fields = w.as_object().ok_or("an expected event must be an object")?;
        let found = got[at..]
            .iter()
            .position(|ev| fields.iter().all(|(k, v)| ev.get(k) == Some(v)));
        match found {
            Some(i) => at += i + 1,
            None => {
                return Err(format!(
                    "expected an event {w} after event {at}; the history is:\n{}",
                    got.iter().map(Json::to_string).collect::<Vec<_>>().join("\n")
                ))
            }
        }
    }
    Ok(())
}

/// A failing case: `error` (a name, or null for none) and, when given,
/// `cause` (a string, or null for none); no output.
fn check_failure(case: &Json, e: &Execution) -> Result<(), String> {
    let error = case["error"].as_str();
    if e.error.as_deref() != error || e.output.is_some() {
        return Err(format!(
            "expected error {error:?}, got {:?} / {:?} (output {:?})",
            e.error, e.cause, e.output
        ));
    }
    if let Some(cause) = case.get("cause") {
        if e.cause.as_deref() != cause.as_str() {
            return Err(format!("expected cause {cause}, got {:?}", e.cause));
        }
    }
    Ok(())
}

/// A succeeding case: its output (or an intrinsic's result, or a Choice's
/// verdict) equals the expected one; `$same` and `$uuid` match a shape.
fn check_output(case: &Json, e: &Execution) -> Result<(), String> {
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
        .or_else(|| case.get("matches"));
    let Some(want) = want else {
        // The output is checked field by field instead.
        return match case.get("timestamp_gaps") {
            Some(_) => Ok(()),
            None => Err("the case expects neither an output nor an error".into()),
        };
    };
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
        _ if &got != want => return Err(format!("expected {want}, got {got}")),
        _ => {}
    }
    Ok(())
}

/// `status`, or else `FAILED` for a case with an error and `SUCCEEDED` otherwise.
fn check_status(case: &Json, e: &Execution) -> Result<(), String> {
    let default = if case.get("error").is_some() {
        "FAILED"
    } else {
        "SUCCEEDED"
    };
    let status = case.get("status").and_then(Json::as_str).unwrap_or(default);
    if e.status.as_str() != status {
        return Err(format!("expected status {status}, got {}", e.status.as_str()));
    }
    Ok(())
}

/// `states_entered`: the names of the states entered, in order (branches
/// and iterations included).
fn check_states_entered(case: &Json, e: &Execution) -> Result<(), String> {
    let Some(want) = case.get("states_entered") else {
        return Ok(());
    };
    let got = json!(e.states_entered());
    if &got != want {
        return Err(format!("expected states entered {want}, got {got}"));
    }
    Ok(())
}

fn check_calls(case: &Json, e: &Execution) -> Result<(), String> {
    if let Some(calls) = case.get("calls").and_then(Json::as_u64) {
        let n = e.history.iter().filter(|ev| ev.event_type == "TaskScheduled").count() as u64;
        if n != calls {
            return Err(format!("expected {calls} task call(s), got {n}"));
        }
    }
    Ok(())
}

fn check_elapsed(case: &Json, e: &Execution) -> Result<(), String> {
    if let Some(secs) = case.get("elapsed_seconds").and_then(Json::as_f64) {
        let t = |s: &str| time::parse_timestamp(s).unwrap_or(0);
        let (first, last) = (e.history.first(), e.history.last());
        let (Some(first), Some(last)) = (first, last) else {
            return Err("the execution has no history".into());
        };
        let elapsed = (t(&last.timestamp) - t(&first.timestamp)) as f64 / 1e9;
        if (elapsed - secs).abs() > 1e-6 {
            return Err(format!("expected {secs} s of virtual time, got {elapsed}"));
        }
    }
    Ok(())
}

/// Whether `s` is an RFC 3339 UTC timestamp with milliseconds, the form of
/// the context object's timestamps on AWS (`2019-03-26T20:14:13.192Z`).
fn is_millisecond_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 24
        && b[19] == b'.'
        && b[23] == b'Z'
        && b[20..23].iter().all(u8::is_ascii_digit)
        && time::parse_timestamp(s).is_some()
}

/// `timestamp_gaps`: `[{"from": pointer, "to": pointer, "seconds": n}]`:
/// the output's timestamps at the two JSON pointers are millisecond
/// timestamps, `n` seconds apart. This checks time arithmetic the docs
/// define without copying the interpreter's clock.
fn check_timestamp_gaps(case: &Json, e: &Execution) -> Result<(), String> {
    let out = e.output.clone().unwrap_or_default();
    for gap in case
        .get("timestamp_gaps")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        let at = |key: &str| -> Result<i128, String> {
            let pointer = gap[key].as_str().unwrap_or_default();
            let s = out.pointer(pointer).and_then(Json::as_str).unwrap_or_default();
            if !is_millisecond_timestamp(s) {
                return Err(format!(
                    "{pointer}: expected a timestamp like 2019-03-26T20:14:13.192Z, got {s:?}"
                ));
            }
            time::parse_timestamp(s).ok_or_else(|| format!("{pointer}: {s:?} does not parse"))
        };
        let seconds = (at("to")? - at("from")?) as f64 / 1e9;
        let want = gap["seconds"].as_f64().ok_or("a gap needs seconds")?;
        if (seconds - want).abs() > 1e-6 {
            return Err(format!(
                "expected {} to be {want} s after {}, got {seconds} s",
                gap["to"], gap["from"]
            ));
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
    // The exact count: a case that disappears (a file that fails to list,
    // a merge that drops one) fails the suite instead of passing unseen.
    assert_eq!(total, CASES, "the suite has {total} cases, not {CASES}");
}
