//! Hostile input to the app's command line and the cloud assembly writer
//! (issue 10, "honest command lines"; review rows 38, 41, 43, 44, 45, 62):
//! a failing output stream fails the command, arguments are checked before
//! any work, the assembly folder is rewritten without touching user files,
//! and a declined question says how to skip it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rcdk::prelude::*;

/// Two stacks, B depending on A, with a state machine in B.
fn app() -> App {
    app_with(&["A", "B"])
}

/// An app with a topic in each of these stacks; "B", when present, also
/// holds a state machine that publishes to A's topic.
fn app_with(stacks: &[&str]) -> App {
    let app = App::new();
    let mut topic = None;
    for id in stacks {
        let s = app.stack(id, StackProps::default());
        if *id == "B" {
            if let Some(t) = &topic {
                let flow = Pass::new("Start").next(SnsPublish::new("Tell", t).message("hi"));
                StateMachine::new(&s, "Flow", StateMachineProps::new(flow));
                continue;
            }
        }
        topic = Some(Topic::new(&s, "Topic", TopicProps::default()));
    }
    app
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// Runs the command line on `app` with in-memory streams, declining every question.
fn cli_on(app: &App, args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk::cli::run_with(app, &strings(args), &mut out, &mut err, &mut |_| false);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

fn cli(args: &[&str]) -> (i32, String, String) {
    cli_on(&app(), args)
}

/// A stream that fails like `/dev/full`: on every write, or only on flush
/// (a buffered stdout reports a full disk when it is flushed).
struct Full {
    on_flush_only: bool,
    written: usize,
}

impl Write for Full {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.on_flush_only {
            self.written += buf.len();
            Ok(buf.len())
        } else {
            Err(io::Error::from_raw_os_error(28)) // ENOSPC, as /dev/full
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        if self.written > 0 || !self.on_flush_only {
            Err(io::Error::from_raw_os_error(28))
        } else {
            Ok(())
        }
    }
}

/// Runs the command line with a stdout that fails; returns the code and stderr.
fn cli_to_full_stdout(args: &[&str], on_flush_only: bool) -> (i32, String) {
    let mut out = Full {
        on_flush_only,
        written: 0,
    };
    let mut err = Vec::new();
    let code = rcdk::cli::run_with(&app(), &strings(args), &mut out, &mut err, &mut |_| false);
    (code, String::from_utf8(err).unwrap())
}

#[test]
fn every_command_that_prints_fails_when_stdout_cannot_be_written() {
    let commands: &[&[&str]] = &[
        &[],
        &["synth"],
        &["synth", "--format", "json"],
        &["synth", "--stack", "A"],
        &["list"],
        &["graph"],
        &["graph", "--format", "dot"],
        &["completions", "bash"],
        &["completions", "zsh"],
        &["--help"],
        &["synth", "--help"],
        &["--version"],
        &["run", "Flow"],
        &["run", "Flow", "--output", "json"],
    ];
    for args in commands {
        for on_flush_only in [false, true] {
            let (code, err) = cli_to_full_stdout(args, on_flush_only);
            assert_eq!(code, 1, "{args:?} (flush only: {on_flush_only}): {err}");
            assert!(
                err.contains("cannot write") && err.contains("No space left on device"),
                "{args:?} (flush only: {on_flush_only}): {err}"
            );
            assert_eq!(err.matches("error:").count(), 1, "{args:?}: {err}");
        }
    }
}

/// `app synth > /dev/full`, with the device itself.
#[cfg(target_os = "linux")]
#[test]
fn synth_to_dev_full_fails() {
    for args in [&["synth"][..], &["completions", "bash"], &["--help"]] {
        let mut full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let mut err = Vec::new();
        let code = rcdk::cli::run_with(&app(), &strings(args), &mut full, &mut err, &mut |_| false);
        let err = String::from_utf8(err).unwrap();
        assert_eq!(code, 1, "{args:?}: {err}");
        assert_eq!(
            err, "error: cannot write to standard output: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

#[test]
fn a_failing_stderr_fails_the_command_rather_than_panicking() {
    // Warnings go to stderr; when they cannot be written the run is not a success.
    let app = app_with(&["A"]);
    app.stacks()[0].scope().add_warning("look at this");
    let (mut out, mut err) = (
        Vec::new(),
        Full {
            on_flush_only: false,
            written: 0,
        },
    );
    let code = rcdk::cli::run_with(&app, &strings(&["list"]), &mut out, &mut err, &mut |_| false);
    assert_eq!(code, 1);
    // Bad arguments keep their own code.
    let code = rcdk::cli::run_with(&app, &strings(&["nope"]), &mut out, &mut err, &mut |_| false);
    assert_eq!(code, 2);
}

/// A fresh folder in the temporary directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rcdk-hostile-cli-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    dir
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn synth_with_an_unknown_stack_and_out_fails_and_writes_nothing() {
    let dir = scratch("unknown-stack");
    let (code, out, err) = cli(&["synth", "--stack", "Nope", "--out", arg(&dir)]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(err, "error: no stack named \"Nope\"; stacks: A, B\n");
    assert!(!dir.exists(), "the folder was created");
}

#[test]
fn synth_with_a_stack_and_out_writes_the_whole_assembly_and_prints_that_stack() {
    // As `cdk synth STACK`: the assembly keeps every stack (B's manifest
    // entry depends on A), and the chosen template is printed.
    let dir = scratch("one-stack");
    let (code, out, err) = cli(&["synth", "--stack", "B", "--out", arg(&dir), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("A.template.json").is_file() && dir.join("B.template.json").is_file());
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("B.template.json")).unwrap()).unwrap();
    assert_eq!(printed, written);
    // Without --stack, --out prints nothing.
    let (code, out, _) = cli(&["synth", "--out", arg(&dir)]);
    assert_eq!((code, out.as_str()), (0, ""));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn out_needs_a_folder_not_a_flag_or_nothing() {
    for args in [
        &["synth", "--out", "--format", "json"][..],
        &["synth", "--out", "--stack", "A"],
        &["synth", "--out"],
        &["synth", "--out", ""],
        &["synth", "--out="],
    ] {
        let (code, out, err) = cli(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("--out <DIR>"), "{args:?}: {err}");
    }
    assert!(!Path::new("--format").exists() && !Path::new("--stack").exists());
    assert!(
        !Path::new("manifest.json").exists(),
        "an empty --out wrote into the working folder"
    );
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

fn manifest_artifacts(dir: &Path) -> Vec<String> {
    let m: serde_json::Value = serde_json::from_str(&read(&dir.join("manifest.json"))).unwrap();
    m["artifacts"].as_object().unwrap().keys().cloned().collect()
}

#[test]
fn the_assembly_folder_is_rewritten_and_user_files_are_kept() {
    let dir = scratch("rewrite");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    std::fs::write(dir.join("Mine.template.json"), "{}").unwrap();
    std::fs::write(dir.join("sub/B.template.json"), "{}").unwrap();
    let (code, _, err) = cli_on(&app_with(&["A", "B", "C"]), &["synth", "--out", arg(&dir)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(manifest_artifacts(&dir), ["A", "B", "C"]);
    // The app loses B and C: their templates go; everything else stays.
    let (code, _, err) = cli_on(&app_with(&["A"]), &["synth", "--out", arg(&dir)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(manifest_artifacts(&dir), ["A"]);
    assert!(dir.join("A.template.json").is_file());
    assert!(!dir.join("B.template.json").exists() && !dir.join("C.template.json").exists());
    assert_eq!(read(&dir.join("notes.txt")), "mine");
    assert_eq!(read(&dir.join("Mine.template.json")), "{}");
    assert_eq!(read(&dir.join("sub/B.template.json")), "{}");
    // A template rcdk wrote and the user removed is no error.
    std::fs::remove_file(dir.join("A.template.json")).unwrap();
    let (code, _, err) = cli_on(&app_with(&["B"]), &["synth", "--out", arg(&dir)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(manifest_artifacts(&dir), ["B"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_folder_rcdk_did_not_write_loses_nothing_but_its_manifest() {
    // A CDK-written assembly: rcdk cannot prove it wrote Old.template.json or
    // tree.json, so they stay; manifest.json and cdk.out are rewritten.
    let dir = scratch("cdk-written");
    std::fs::create_dir_all(&dir).unwrap();
    let cdk_manifest = r#"{"version":"36.0.0","artifacts":{"Old":{"type":"aws:cloudformation:stack","environment":"aws://unknown-account/unknown-region","properties":{"templateFile":"Old.template.json"}},"Tree":{"type":"cdk:tree","properties":{"file":"tree.json"}}}}"#;
    std::fs::write(dir.join("manifest.json"), cdk_manifest).unwrap();
    std::fs::write(dir.join("cdk.out"), r#"{"version":"36.0.0"}"#).unwrap();
    std::fs::write(dir.join("Old.template.json"), "{}").unwrap();
    std::fs::write(dir.join("tree.json"), "{}").unwrap();
    let (code, _, err) = cli(&["synth", "--out", arg(&dir)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(manifest_artifacts(&dir), ["A", "B"]);
    assert_eq!(read(&dir.join("Old.template.json")), "{}");
    assert_eq!(read(&dir.join("tree.json")), "{}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_record_naming_files_outside_the_templates_deletes_nothing() {
    // rcdk's record of what it wrote is a file in the folder anyone can edit:
    // only plain template names in the folder itself are ever removed.
    let dir = scratch("forged-record");
    let outside = scratch("forged-record-outside");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("X.template.json"), "keep").unwrap();
    std::fs::write(dir.join("notes.txt"), "keep").unwrap();
    std::fs::write(dir.join("sub/Y.template.json"), "keep").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.join("X.template.json"), dir.join("Z.template.json")).unwrap();
    let (code, _, err) = cli(&["synth", "--out", arg(&dir)]);
    assert_eq!(code, 0, "{err}");
    let record = dir.join("rcdk-written.json");
    assert!(record.is_file(), "rcdk records what it wrote");
    let forged = serde_json::json!({
        "templates": [
            "notes.txt",
            "sub/Y.template.json",
            format!("../{}/X.template.json", outside.file_name().unwrap().to_str().unwrap()),
            outside.join("X.template.json"),
            "Z.template.json",
            "manifest.json",
            "",
            ".",
            7,
        ]
    });
    std::fs::write(&record, forged.to_string()).unwrap();
    let (code, _, err) = cli(&["synth", "--out", arg(&dir)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&dir.join("notes.txt")), "keep");
    assert_eq!(read(&dir.join("sub/Y.template.json")), "keep");
    assert_eq!(read(&outside.join("X.template.json")), "keep");
    #[cfg(unix)]
    assert!(
        dir.join("Z.template.json").symlink_metadata().is_ok(),
        "a link rcdk did not make stays"
    );
    // A record that is not JSON at all is no reason to fail or to delete.
    std::fs::write(&record, "garbage").unwrap();
    let (code, _, err) = cli(&["synth", "--out", arg(&dir)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&dir.join("notes.txt")), "keep");
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&outside).ok();
}

#[test]
fn a_manifest_json_that_is_not_a_cloud_assembly_is_never_overwritten() {
    // `--out .` in a web project must not replace its web app manifest.
    for (file, text) in [
        ("manifest.json", r#"{"name":"My app","icons":[]}"#),
        (
            "manifest.json",
            r#"{"manifest_version":3,"name":"ext","version":"1.0"}"#,
        ),
        ("manifest.json", "not json"),
        ("cdk.out", "my notes"),
    ] {
        let dir = scratch("foreign-manifest");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(file), text).unwrap();
        let (code, _, err) = cli(&["synth", "--out", arg(&dir)]);
        assert_eq!(code, 1, "{file}: {text}");
        assert!(
            err.contains(file) && err.contains("not a cloud assembly"),
            "{file}: {text}: {err}"
        );
        assert_eq!(read(&dir.join(file)), text);
        assert!(!dir.join("A.template.json").exists(), "wrote before checking");
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn an_out_that_cannot_be_written_names_the_file() {
    let dir = scratch("is-a-file");
    std::fs::write(&dir, "a file").unwrap();
    let (code, _, err) = cli(&["synth", "--out", arg(&dir)]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: cannot write the cloud assembly") && err.contains(arg(&dir)),
        "{err}"
    );
    std::fs::remove_file(&dir).ok();
}

#[test]
fn run_checks_its_flags_before_calling_anything() {
    // An endpoint that records whether anything connected to it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("*=http://{}", listener.local_addr().unwrap());
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    let call = rcdk::orchestration::CallHttpApi::new("Call", &api, Method::Get);
    StateMachine::new(&s, "Flow", StateMachineProps::new(call));
    listener.set_nonblocking(true).unwrap();
    for args in [
        &["run", "Flow", "--endpoint", &endpoint, "--output", "xml"][..],
        &["run", "Flow", "--endpoint", &endpoint, "--endpoint", "no-equals"],
        &["run", "Flow", "--endpoint", &endpoint, "--test-case", "x"],
        &["run", "Flow", "--endpoint", &endpoint, "--format", "json"],
    ] {
        let (code, out, err) = cli_on(&app, args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.starts_with("error:"), "{args:?}: {err}");
    }
    assert_eq!(
        listener.accept().map(|_| ()).map_err(|e| e.kind()),
        Err(io::ErrorKind::WouldBlock),
        "an HTTP call was made"
    );
    // With valid flags the same run does call the endpoint.
    listener.set_nonblocking(false).unwrap();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = io::Read::read(&mut conn, &mut buf);
        conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
            .unwrap();
    });
    let (code, out, err) = cli_on(&app, &["run", "Flow", "--endpoint", &endpoint, "--output", "json"]);
    server.join().unwrap();
    assert_eq!(code, 0, "{out}{err}");
}
