//! Hostile input to `deploy`, through the app's command line, against moto
//! on loopback (started by `scripts/with-moto`): the review's deploy rows
//! (`../shared/reviews/hostile-input-2026-11-28.md`, rows 49, 50, 51, 56,
//! 59, 60) and variants. A deploy never loses data silently: it refuses a
//! stack it did not create, asks before a replacement or the removal of a
//! resource with data, never prints a parameter value, and never waits in
//! silence. Without `RCDK_MOTO_ENDPOINT` the moto tests are skipped, unless
//! `RCDK_REQUIRE_TOOLS` is set, in which case they fail.
//!
//! What moto cannot do (rollbacks, an endpoint dying after the change set
//! exists, a stack stuck in review) is tested in `crates/deploy/src/flows.rs`.

use std::io::{Read, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rcdk::cfn::sqs::{CfnQueue, CfnQueueProps};
use rcdk::prelude::*;
use rcdk_testing::moto::{endpoint, reset};

static SERIAL: Mutex<()> = Mutex::new(());

/// Runs the app's command line; questions are answered no, as without a terminal.
fn cli(app: &App, endpoint: &str, args: &[&str]) -> (i32, String, String) {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(["--endpoint-url", endpoint, "--region", "us-east-1"].map(str::to_owned));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk_cli::run_with(app, &all, &mut out, &mut err, &mut |_| false);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

/// Runs `f`, ending the test process if it takes longer than `limit`: a
/// silent wait (row 56 waited up to 3 hours) must fail, not hang the suite.
fn within<T>(limit: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let what = what.to_owned();
    std::thread::spawn(move || {
        if wait.recv_timeout(limit) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
            eprintln!("{what} did not finish within {limit:?}: a silent wait");
            std::process::exit(101);
        }
    });
    let result = f();
    drop(done);
    result
}

/// CreateStack through moto's query API, as someone else's tool would.
fn create_foreign_stack(endpoint: &str, name: &str, body: &str) {
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let form = format!(
        "Action=CreateStack&Version=2010-05-15&StackName={}&TemplateBody={}",
        encode(name),
        encode(body)
    );
    let headers = [
        ("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned()),
        (
            "Authorization".to_owned(),
            "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=0"
                .to_owned(),
        ),
    ];
    let response = rcdk::states::http::request("POST", &format!("{endpoint}/"), &headers, Some(form.as_bytes()))
        .expect("moto answers CreateStack");
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
}

// Row 59, the review's reproduction: the example deployed over a stack of the
// same name made by someone else removed that stack's queue.
#[test]
fn the_example_never_deploys_over_a_stack_it_did_not_create() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    create_foreign_stack(
        &ep,
        "CallMicroservice",
        r#"{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}"#,
    );
    let app = rcdk_examples::call_microservice();
    for args in [
        &["deploy", "--require-approval", "never"][..],
        &["deploy", "--require-approval", "never", "--method", "direct"],
        &["deploy"],
    ] {
        let (code, out, err) = cli(&app, &ep, args);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(
            err.contains("stack CallMicroservice already exists and was not deployed by this app"),
            "{args:?}: {err}"
        );
        assert!(err.contains("--force"), "{err}");
        assert!(!out.contains("Remove"), "{args:?}: nothing was removed: {out}");
    }
    // The queue is still there, and diff says what a forced deploy would do.
    let (_, out, _) = cli(&app, &ep, &["diff"]);
    assert!(out.contains("[-] AWS::SQS::Queue Q"), "{out}");
    assert!(
        out.contains("[remove] AWS::SQS::Queue Q: removed, and the messages in it with it"),
        "{out}"
    );
    assert!(out.contains("was not deployed by this app"), "{out}");

    // --force takes the stack over, but still asks before deleting its queue.
    let (code, out, err) = cli(&app, &ep, &["deploy", "--force"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("deployment declined; nothing was changed"), "{err}");
    assert!(out.contains("[remove] AWS::SQS::Queue Q: removed"), "{out}");
    let (code, out, err) = cli(&app, &ep, &["deploy", "--force", "--require-approval", "never"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("deploying over it because of --force"), "{out}");
    assert!(out.contains("Remove  AWS::SQS::Queue Q"), "{out}");
}

fn queue_app(name: &str) -> App {
    let app = App::new();
    let s = app.stack("Orders", StackProps::default());
    CfnQueue::new(
        &s,
        "Queue",
        CfnQueueProps {
            queue_name: Some(name.to_owned().into()),
            ..Default::default()
        },
    );
    app
}

// Row 60: a replacement (QueueName) ran without asking; `--method direct` showed nothing.
#[test]
fn a_replacement_is_shown_and_asked_whatever_the_method() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let (code, out, err) = cli(&queue_app("orders-a"), &ep, &["deploy"]);
    assert_eq!(code, 0, "a new queue asks nothing: {out}{err}");
    let renamed = queue_app("orders-b");
    for method in ["change-set", "direct"] {
        let (code, out, err) = cli(&renamed, &ep, &["deploy", "--method", method]);
        assert_eq!(code, 1, "{method}: {out}{err}");
        assert!(
            err.contains("deployment declined; nothing was changed"),
            "{method}: {err}"
        );
        assert!(
            out.contains("[~] QueueName: \"orders-a\" -> \"orders-b\" (requires replacement)"),
            "{method}: {out}"
        );
        assert!(
            out.contains("[replace] AWS::SQS::Queue Queue (Orders/Queue): replaced because QueueName change(s); the old one is deleted, and the messages in it with it"),
            "{method}: {out}"
        );
    }
    let (code, out, _) = cli(&renamed, &ep, &["diff", "--fail"]);
    assert_eq!(code, 1, "nothing was deployed: {out}");
    let (code, out, err) = cli(&renamed, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(code, 0, "{out}{err}");
}

// Row 56: `deploy --no-execute`, then `deploy`, polled silently with a 3-hour cap.
#[test]
fn deploy_after_no_execute_completes_and_says_what_it_replaced() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = rcdk_examples::call_microservice();
    let (code, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never", "--no-execute"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("aws cloudformation delete-change-set"),
        "how to remove it: {out}"
    );
    let started = Instant::now();
    let (code, out, err) = within(Duration::from_secs(120), "deploy after --no-execute", || {
        cli(&app, &ep, &["deploy", "--require-approval", "never"])
    });
    assert_eq!(code, 0, "{out}{err}");
    assert!(started.elapsed() < Duration::from_secs(60), "{:?}", started.elapsed());
    assert!(
        out.contains("CallMicroservice: REVIEW_IN_PROGRESS: never created"),
        "{out}"
    );
    assert!(out.contains("CallMicroservice: CREATE_COMPLETE"), "{out}");
}

fn secret_app() -> App {
    let app = App::new();
    let s = app.stack("Vault", StackProps::default());
    let password = CfnParameter::new(
        &s,
        "DbPassword",
        ParameterProps {
            no_echo: true,
            ..Default::default()
        },
    );
    CfnQueue::new(&s, "Queue", CfnQueueProps::default());
    CfnOutput::new(
        &s,
        "Echo",
        OutputProps {
            value: password.value_as_string().into(),
            ..Default::default()
        },
    );
    app
}

// Row 51: a mistyped `--parameters` key printed the secret.
#[test]
fn parameter_values_never_reach_the_terminal() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = secret_app();
    for typo in [
        "DbPasword=s3cr3t-value",
        "Vault:DbPasword=s3cr3t-value",
        "Vualt:DbPassword=s3cr3t-value",
        "s3cr3t-value",
    ] {
        let (code, out, err) = cli(&app, &ep, &["deploy", "--parameters", typo]);
        assert_eq!(code, 1, "{typo}");
        assert!(!out.contains("s3cr3t") && !err.contains("s3cr3t"), "{typo}: {out}{err}");
        assert!(err.starts_with("error: --parameters "), "{typo}: {err}");
    }
    // moto fills in outputs only for stacks made by CreateStack: direct.
    let (code, out, err) = cli(
        &app,
        &ep,
        &[
            "deploy",
            "--method",
            "direct",
            "--parameters",
            "DbPassword=s3cr3t-value",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Vault.Echo = ****"), "{out}");
    assert!(!out.contains("s3cr3t") && !err.contains("s3cr3t"), "{out}{err}");
}

// Row 50: an endpoint answering a plain-text 500 read as "error parsing XML".
#[test]
fn an_endpoint_that_answers_plain_text_is_reported_with_its_status() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // The fake endpoint needs no real credentials, but the SDK must find some
    // to sign with, also when the test runs outside scripts/with-moto.
    if std::env::var_os("AWS_ACCESS_KEY_ID").is_none() {
        std::env::set_var("AWS_ACCESS_KEY_ID", "testing");
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "testing");
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let ep = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = [0u8; 65536];
            let _request_bytes = s.read(&mut buf);
            let body = "<html><body>Access denied by proxy</body></html>";
            let head = format!(
                "HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            s.write_all(head.as_bytes()).ok();
            s.write_all(body.as_bytes()).ok();
        }
    });
    let (code, out, err) = cli(&queue_app("q"), &ep, &["diff"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.starts_with(&format!("error: DescribeStacks failed: {ep} answered HTTP 403 with a body that is not a CloudFormation response (\"<html><body>Access denied by proxy</body></html>\")")),
        "{err}"
    );
    assert!(!err.contains("error parsing XML"), "{err}");
}

// Row 49: a `--profile` that does not exist read "no AWS credentials found".
#[test]
fn a_profile_that_does_not_exist_says_so() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("rcdk-hostile-deploy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config");
    std::fs::write(&config, "[profile dev]\nregion = us-east-1\n").unwrap();
    let saved = std::env::var_os("AWS_CONFIG_FILE");
    std::env::set_var("AWS_CONFIG_FILE", &config);
    let (code, _, err) = cli(&queue_app("q"), "http://127.0.0.1:9", &["deploy", "--profile", "prdo"]);
    match saved {
        Some(v) => std::env::set_var("AWS_CONFIG_FILE", v),
        None => std::env::remove_var("AWS_CONFIG_FILE"),
    }
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: AWS profile \"prdo\" (from --profile) is not defined in "),
        "{err}"
    );
    assert!(err.contains("(profiles: dev)"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
