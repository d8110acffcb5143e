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
fn validate_and_run_jsonata_and_refuse_jsonpath_fields_with_the_line() {
    let file = std::env::temp_dir().join(format!("rcdk-jsonata-{}.json", std::process::id()));
    std::fs::write(
        &file,
        "{\n  \"QueryLanguage\": \"JSONata\",\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Output\": \"{% $states.input %}\", \"End\": true}\n  }\n}\n",
    )
    .unwrap();
    let path = file.to_str().unwrap().to_owned();
    let (validate_code, validate_out) = cli(&["validate", &path]);
    let (run_code, run_out) = cli(&["run", &path]);
    assert_eq!(validate_code, 0, "{validate_out}");
    assert_eq!(run_code, 0, "{run_out}");
    assert!(run_out.contains("SUCCEEDED"), "{run_out}");
    std::fs::write(
        &file,
        "{\n  \"QueryLanguage\": \"JSONata\",\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"OutputPath\": \"$.a\", \"End\": true}\n  }\n}\n",
    )
    .unwrap();
    let (validate_code, validate_out) = cli(&["validate", &path]);
    std::fs::remove_file(&file).ok();
    assert_eq!(validate_code, 1, "{validate_out}");
    let expected = format!("{path}:line 5: States.A.OutputPath: OutputPath is a JSONPath field");
    assert!(
        validate_out.contains(&expected),
        "missing {expected:?} in\n{validate_out}"
    );
}

/// Runs the binary with `stdin` on its standard input.
fn cli_with_stdin(args: &[&str], stdin: &[u8]) -> (i32, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rcdk-states"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // A writer thread, so a child that stops reading early cannot deadlock the test.
    let writer = std::thread::spawn(move || pipe.write_all(&data).ok());
    let out = child.wait_with_output().unwrap();
    writer.join().ok();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// A definition that returns its input, and an input of about `bytes`
/// bytes; over 128 KiB, it cannot be passed as one argument (E2BIG).
fn echo_machine_and_input(bytes: usize) -> (std::path::PathBuf, String) {
    let definition = std::env::temp_dir().join(format!("rcdk-echo-{}-{bytes}.json", std::process::id()));
    std::fs::write(
        &definition,
        r#"{"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}"#,
    )
    .unwrap();
    (definition, serde_json::json!({"big": "x".repeat(bytes)}).to_string())
}

#[test]
fn a_large_input_comes_from_a_file_or_standard_input() {
    let (definition, input) = echo_machine_and_input(200 * 1024);
    let file = definition.with_extension("input.json");
    std::fs::write(&file, &input).unwrap();
    let d = definition.to_str().unwrap();
    let from_file = cli(&["run", d, "--input-file", file.to_str().unwrap(), "--output", "json"]);
    let from_stdin = cli_with_stdin(&["run", d, "--input", "-", "--output", "json"], input.as_bytes());
    let from_stdin_file = cli_with_stdin(&["run", d, "--input-file", "-", "--output", "json"], input.as_bytes());
    std::fs::remove_file(&file).ok();
    std::fs::remove_file(&definition).ok();
    for (how, (code, out)) in [
        ("file", from_file),
        ("stdin", from_stdin),
        ("stdin file", from_stdin_file),
    ] {
        assert_eq!(code, 0, "{how}: {}", &out[..out.len().min(500)]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["status"], "SUCCEEDED", "{how}");
        assert_eq!(v["output"]["big"].as_str().map(str::len), Some(200 * 1024), "{how}");
    }
}

#[test]
fn an_input_over_256_kib_or_not_json_is_refused_before_the_run() {
    let (definition, input) = echo_machine_and_input(300 * 1024);
    let file = definition.with_extension("input.json");
    std::fs::write(&file, &input).unwrap();
    let d = definition.to_str().unwrap();
    let f = file.to_str().unwrap();
    let too_big_file = cli(&["run", d, "--input-file", f]);
    let too_big_stdin = cli_with_stdin(&["run", d, "--input", "-"], input.as_bytes());
    let not_json = cli_with_stdin(&["run", d, "--input", "-"], b"{nope");
    let missing = cli(&["run", d, "--input-file", "/nonexistent/input.json"]);
    std::fs::remove_file(&file).ok();
    std::fs::remove_file(&definition).ok();
    let (code, out) = too_big_file;
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(&format!(
            "--input-file {f} is over 262144 bytes (256 KiB), the largest execution input"
        )),
        "{out}"
    );
    let (code, out) = too_big_stdin;
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("the input from standard input is over 262144 bytes"),
        "{out}"
    );
    let (code, out) = not_json;
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("the input from standard input is not JSON: key must be a string"),
        "{out}"
    );
    let (code, out) = missing;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("cannot read /nonexistent/input.json"), "{out}");
    assert!(!out.contains("SUCCEEDED"), "{out}");
}

#[test]
fn input_and_input_file_conflict_and_bad_endpoints_are_refused_by_the_parser() {
    let (code, out) = cli(&["run", SAMPLE, "--input", "{}", "--input-file", "in.json"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("the argument '--input <JSON>' cannot be used with '--input-file <FILE>'"),
        "{out}"
    );
    let (code, out) = cli(&["run", SAMPLE, "--endpoint", "api=https://example.com"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("only http:// URLs are supported"), "{out}");
    let (code, out) = cli(&["run", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--input-file <FILE>"), "{out}");
}
