//! The `rcdk-states` binary on the reference sample's own definition.

use std::process::Command;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/call-microservice.asl.json");

fn cli(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rcdk-states"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn runs_the_sample_with_mocks_and_prints_json() {
    let mock = std::env::temp_dir().join(format!("rcdk-mock-{}.json", std::process::id()));
    std::fs::write(
        &mock,
        r#"{"Call API": {"0": {"Return": {"StatusCode": 200, "StatusText": "OK"}}}}"#,
    )
    .unwrap();
    let (code, out) = cli(&[
        "run",
        SAMPLE,
        "--input",
        "{}",
        "--mock",
        mock.to_str().unwrap(),
        "--output",
        "json",
    ]);
    std::fs::remove_file(&mock).ok();
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "SUCCEEDED");
    assert!(v["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["state"] == "Notify Success"));
    assert!(v.get("error").is_some() && v.get("cause").is_some() && v.get("output").is_some());
}

#[test]
fn a_failed_run_exits_non_zero_with_the_error() {
    let (code, out) = cli(&["run", SAMPLE, "--endpoint", "*=http://127.0.0.1:9"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("FAILED: States.TaskFailed: cannot connect to 127.0.0.1:9"),
        "{out}"
    );
}

#[test]
fn validates_with_line_numbers() {
    let (code, out) = cli(&["validate", SAMPLE]);
    assert_eq!((code, out.trim()), (0, format!("{SAMPLE}: valid (4 states)").as_str()));
    let bad = std::env::temp_dir().join(format!("rcdk-bad-{}.json", std::process::id()));
    std::fs::write(
        &bad,
        "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"}\n  }\n}\n",
    )
    .unwrap();
    let (code, out) = cli(&["validate", bad.to_str().unwrap()]);
    std::fs::remove_file(&bad).ok();
    assert_eq!(code, 1);
    assert!(
        out.contains(":line 4: States.A.Next: \"Nowhere\" is not a state of the definition"),
        "{out}"
    );
}

#[test]
fn draws_the_sample() {
    let (code, out) = cli(&["graph", SAMPLE]);
    assert_eq!(code, 0);
    assert!(out.contains("Call_Successful_{\"Call Successful?\"}"), "{out}");
    assert!(
        out.contains("-->|\"$.StatusCode NumericEquals 200\"| Notify_Success"),
        "{out}"
    );
    let (_, dot) = cli(&["graph", SAMPLE, "--format", "dot"]);
    assert!(
        dot.starts_with("digraph StateMachine {")
            && dot.contains("\"Call Successful?\" -> \"Notify Failure\" [label=\"default\"];"),
        "{dot}"
    );
}

#[test]
fn bad_arguments_are_explained() {
    let (code, out) = cli(&["run", SAMPLE, "--endpoint", "nourl"]);
    assert_eq!(code, 2);
    assert!(out.contains("use NAME=URL"));
    let (code, out) = cli(&["frobnicate", SAMPLE]);
    assert_eq!(code, 2);
    assert!(out.contains("unrecognized subcommand 'frobnicate'"), "{out}");
    // A misspelling gets a suggestion.
    let (code, out) = cli(&["valdate", SAMPLE]);
    assert_eq!(code, 2);
    assert!(out.contains("a similar subcommand exists: 'validate'"), "{out}");
    let (code, out) = cli(&["run", SAMPLE, "--mokc", "m.json"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("unexpected argument '--mokc'") && out.contains("--mock"),
        "{out}"
    );
    let (code, out) = cli(&["graph", SAMPLE, "--format", "svg"]);
    assert_eq!(code, 2);
    assert!(out.contains("[possible values: mermaid, dot]"), "{out}");
}

#[test]
fn help_version_and_completions() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let (code, out) = cli(args);
        assert_eq!(code, 0, "{out}");
        for command in ["run", "validate", "graph", "completions"] {
            assert!(out.contains(command), "{args:?}: {out}");
        }
    }
    for args in [&["run", "--help"][..], &["help", "run"], &["run", "-h"]] {
        let (code, out) = cli(args);
        assert_eq!(code, 0, "{out}");
        for flag in ["--input", "--mock", "--test-case", "--endpoint <NAME=URL>", "--output"] {
            assert!(out.contains(flag), "{args:?} lacks {flag}: {out}");
        }
    }
    let (code, out) = cli(&["--version"]);
    assert_eq!(
        (code, out.trim()),
        (0, concat!("rcdk-states ", env!("CARGO_PKG_VERSION")))
    );
    let (code, out) = cli(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("_rcdk__states()") && out.contains("complete -F _rcdk__states") && out.contains("validate"),
        "{out}"
    );
    let (code, out) = cli(&["completions", "zsh"]);
    assert_eq!(code, 0);
    assert!(out.contains("#compdef rcdk-states"), "{out}");
}

#[test]
fn validate_and_run_refuse_jsonata_with_the_line() {
    let file = std::env::temp_dir().join(format!("rcdk-jsonata-{}.json", std::process::id()));
    std::fs::write(
        &file,
        "{\n  \"QueryLanguage\": \"JSONata\",\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Output\": \"{% $states.input %}\", \"End\": true}\n  }\n}\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (validate_code, validate_out) = cli(&["validate", path]);
    let (run_code, run_out) = cli(&["run", path]);
    std::fs::remove_file(&file).ok();
    assert_eq!(validate_code, 1, "{validate_out}");
    for expected in [
        format!("{path}:line 2: QueryLanguage: JSONata is not supported yet"),
        format!("{path}:line 5: States.A.Output: Output (a JSONata field"),
    ] {
        assert!(
            validate_out.contains(&expected),
            "missing {expected:?} in\n{validate_out}"
        );
    }
    assert_eq!(run_code, 2, "{run_out}");
    assert!(
        run_out
            .contains("line 2: QueryLanguage: JSONata is not supported yet (a later release of rcdk-states adds it)"),
        "{run_out}"
    );
    assert!(!run_out.contains("SUCCEEDED"), "{run_out}");
}
