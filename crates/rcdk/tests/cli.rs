//! The app's command line: synth, list and run, and their errors.

use rcdk::prelude::*;

fn app() -> App {
    let app = App::new();
    let a = app.stack("A", StackProps::default());
    let topic = Topic::new(&a, "Topic", TopicProps::default());
    let b = app.stack("B", StackProps::default());
    let flow = Pass::new("Start").next(
        Choice::new("Big?")
            .when(
                Condition::number_greater_than("$.n", 10),
                SnsPublish::new("Tell", &topic).message("big"),
            )
            .otherwise(Succeed::new("Small")),
    );
    StateMachine::new(&b, "Flow", StateMachineProps::new(flow));
    app
}

fn cli(args: &[&str]) -> (u8, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk::cli::run(&app(), &args, &mut out, &mut err);
    let code = if code == std::process::ExitCode::SUCCESS {
        0
    } else if code == std::process::ExitCode::from(2) {
        2
    } else {
        1
    };
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn synth_prints_every_stack_as_yaml_or_one_as_json() {
    let (code, out, _) = cli(&[]);
    assert_eq!(code, 0);
    assert_eq!(out.matches("AWSTemplateFormatVersion").count(), 2);
    assert!(out.contains("\n---\n"));
    let (code, out, _) = cli(&["synth", "--stack", "A", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["Resources"]["TopicBFC7AF6E"]["Type"], "AWS::SNS::Topic");
}

#[test]
fn synth_writes_the_cloud_assembly() {
    let dir = std::env::temp_dir().join(format!("rcdk-cli-out-{}", std::process::id()));
    let (code, _, _) = cli(&["synth", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(dir.join("manifest.json").exists() && dir.join("B.template.json").exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn list_shows_dependencies() {
    let (code, out, _) = cli(&["list"]);
    assert_eq!(code, 0);
    assert_eq!(out, "A\nB (depends on A)\n");
}

#[test]
fn run_executes_a_state_machine_of_the_app() {
    let (code, out, _) = cli(&["run", "Flow", "--input", r#"{"n": 20}"#]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("TaskStateEntered             Tell"), "{out}");
    assert!(out.contains("SUCCEEDED"), "{out}");
    let (code, out, _) = cli(&["run", "B/Flow", "--input", r#"{"n": 1}"#, "--output", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["output"], serde_json::json!({"n": 1}));
}

#[test]
fn wrong_input_is_explained() {
    let (code, _, err) = cli(&["synth", "--stack", "Nope"]);
    assert_eq!(code, 1);
    assert_eq!(err, "error: no stack named \"Nope\"; stacks: A, B\n");
    let (code, _, err) = cli(&["synth", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'xml' for '--format <FORMAT>'"), "{err}");
    assert!(err.contains("[possible values: yaml, json]"), "{err}");
    let (code, _, err) = cli(&["run", "Missing"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no state machine \"Missing\"; the app has: B/Flow"),
        "{err}"
    );
    let (code, _, err) = cli(&["run", "Flow", "--input", "{not json"]);
    assert_eq!(code, 1);
    assert!(err.contains("--input is not JSON"));
    let (code, _, err) = cli(&["deploy-everything"]);
    assert_eq!(code, 2);
    assert!(err.contains("unrecognized subcommand 'deploy-everything'"), "{err}");
    let (code, _, err) = cli(&["synht"]);
    assert_eq!(code, 2);
    assert!(err.contains("a similar subcommand exists: 'synth'"), "{err}");
    let (code, _, err) = cli(&["synth", "--stakc", "A"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unexpected argument '--stakc'") && err.contains("--stack"),
        "{err}"
    );
}

#[test]
fn validation_errors_fail_synth_with_every_error() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    Topic::new(&s, "T", TopicProps::default());
    Topic::new(&s, "T", TopicProps::default());
    app.stack("Empty", StackProps::default());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk::cli::run(&app, &[], &mut out, &mut err);
    assert_eq!(code, std::process::ExitCode::FAILURE);
    let err = String::from_utf8(err).unwrap();
    assert!(err.starts_with("synthesis failed with 2 error(s):"), "{err}");
    assert!(out.is_empty());
}

#[test]
fn graph_draws_resources_and_references_by_stack() {
    let (code, out, _) = cli(&["graph"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("flowchart LR\n  subgraph A[\"Stack A\"]"), "{out}");
    assert!(out.contains("B_FlowRoleDefaultPolicy"), "{out}");
    // The state machine's role may publish to A's topic: an import across stacks.
    assert!(out.contains("-.->|import| A_Topic"), "{out}");
    let (code, dot, _) = cli(&["graph", "--format", "dot"]);
    assert_eq!(code, 0);
    assert!(
        dot.starts_with("digraph App {") && dot.contains("subgraph \"cluster_B\""),
        "{dot}"
    );
}

#[test]
fn deploy_arguments_are_checked_before_anything_runs() {
    let (code, _, err) = cli(&["deploy", "--require-approval", "sometimes"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("invalid value 'sometimes' for '--require-approval"),
        "{err}"
    );
    assert!(err.contains("[possible values: broadening, never]"), "{err}");
    let (code, _, err) = cli(&["destroy", "--stack"]);
    assert_eq!(code, 2);
    assert!(err.contains("a value is required for '--stack <NAME>'"), "{err}");
    let (code, _, err) = cli(&["deploy", "--method", "yolo"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'yolo' for '--method"), "{err}");
    let (code, _, err) = cli(&["deploy", "--concurrency", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value '0' for '--concurrency <N>'"), "{err}");
    let (code, _, err) = cli(&["destroy", "--all", "--stack", "A"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn help_version_and_completions() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let (code, out, _) = cli(args);
        assert_eq!(code, 0, "{out}");
        for command in [
            "synth",
            "list",
            "graph",
            "run",
            "diff",
            "deploy",
            "destroy",
            "completions",
        ] {
            assert!(out.contains(command), "{args:?} lacks {command}: {out}");
        }
        assert!(out.contains("--profile") && out.contains("--endpoint-url"), "{out}");
    }
    for (command, flags) in [
        ("synth", &["--format <FORMAT>", "--stack <NAME>", "--out <DIR>"][..]),
        (
            "run",
            &[
                "<STATE_MACHINE>",
                "--input <JSON>",
                "--mock <FILE>",
                "--endpoint <NAME=URL>",
                "--output",
            ],
        ),
        (
            "deploy",
            &[
                "--require-approval",
                "--concurrency <N>",
                "--method",
                "--parameters",
                "--no-execute",
            ],
        ),
        ("destroy", &["--force", "--all"]),
        ("diff", &["--markdown", "--fail"]),
    ] {
        for args in [vec![command, "--help"], vec![command, "-h"], vec!["help", command]] {
            let (code, out, _) = cli(&args);
            assert_eq!(code, 0, "{out}");
            for flag in flags {
                assert!(out.contains(flag), "{args:?} lacks {flag}: {out}");
            }
        }
    }
    let (code, out, _) = cli(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.trim().ends_with(env!("CARGO_PKG_VERSION")), "{out}");
    let (code, out, _) = cli(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(out.contains("complete -F") && out.contains("destroy"), "{out}");
    let (code, out, _) = cli(&["completions", "fish"]);
    assert_eq!(code, 0);
    assert!(out.contains("complete -c"), "{out}");
}

#[test]
fn synth_strict_fails_on_a_warning_and_writes_nothing() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let line = line!() + 1;
    Topic::new(&s, "Topic", TopicProps::default());
    app.add_check(|_| {
        vec![rcdk::core::Issue::Warning {
            path: "S/Topic".into(),
            message: "no subscribers".into(),
        }]
    });
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args: Vec<String> = ["synth", "--strict"].map(str::to_owned).to_vec();
    let code = rcdk::cli::run(&app, &args, &mut out, &mut err);
    let err = String::from_utf8(err).unwrap();
    assert_eq!(code, std::process::ExitCode::from(1), "{err}");
    assert!(out.is_empty());
    // The warning points at the line that made the topic, as a compiler's.
    let warning = format!("{}:{line}:5: warning: S/Topic: no subscribers\n", file!());
    assert!(
        err.starts_with(&format!("{warning}error: --strict: synthesis has 1 warning(s)")),
        "{err}"
    );
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk::cli::run(&app, &["synth".to_owned()], &mut out, &mut err);
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    assert!(!out.is_empty());
}

#[test]
fn synth_locations_writes_each_resources_line_into_its_metadata() {
    let (code, out, _) = cli(&["synth", "--stack", "A", "--format", "json", "--locations"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // `app()` makes the topic on its line 8.
    assert_eq!(
        v["Resources"]["TopicBFC7AF6E"]["Metadata"]["rcdk:location"],
        format!("{}:8:17", file!())
    );
    let (_, out, _) = cli(&["synth", "--stack", "A", "--format", "json"]);
    assert!(!out.contains("rcdk:location"), "off by default: {out}");
}
