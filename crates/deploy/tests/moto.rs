//! Deploys that must not lose data, end to end against moto (the local AWS
//! stand-in, started by `scripts/with-moto`), through this crate's API:
//! foreign stacks, replacements, stacks left in review, change sets others
//! left, `NoEcho` values. Without `RCDK_MOTO_ENDPOINT` these tests are
//! skipped, unless `RCDK_REQUIRE_TOOLS` is set, in which case they fail.
//!
//! What moto cannot do (rollbacks, a stack stuck in review, an endpoint
//! failing halfway) is tested against a fake endpoint in `src/flows.rs`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use aws_sdk_cloudformation::types::ChangeSetType;
use rcdk_core::{App, Assembly, CfnOutput, CfnParameter, OutputProps, ParameterProps, Resource, StackProps, Value};
use rcdk_deploy::{AwsOptions, DeployError, DeployOptions, Method, Selection, StackOutcome, OWNER_TAG};
use rcdk_testing::moto::{endpoint, reset};

static SERIAL: Mutex<()> = Mutex::new(());

fn aws(endpoint: &str) -> AwsOptions {
    AwsOptions {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.into()),
        // A safety net: no test here may wait long.
        max_wait: Some(Duration::from_secs(60)),
        ..AwsOptions::default()
    }
}

struct Run {
    result: Result<Vec<(String, StackOutcome)>, DeployError>,
    out: String,
    questions: Vec<String>,
}

fn deploy(a: &Assembly, ep: &str, opts: &DeployOptions, answer: bool) -> Run {
    let (mut out, mut questions) = (Vec::new(), Vec::new());
    let result = rcdk_deploy::deploy(a, &Selection::Default, &aws(ep), opts, &mut out, &mut |q| {
        questions.push(q.to_owned());
        answer
    });
    Run {
        result,
        out: String::from_utf8_lossy(&out).into_owned(),
        questions,
    }
}

fn outcome(r: &Run) -> &StackOutcome {
    match &r.result {
        Ok(v) => &v[0].1,
        Err(e) => panic!("{e}\n{}", r.out),
    }
}

fn error(r: &Run) -> String {
    match &r.result {
        Err(e) => e.to_string(),
        Ok(v) => panic!("expected an error, got {v:?}\n{}", r.out),
    }
}

/// The SDK client, for what a test sets up behind rcdk's back.
fn client(ep: &str) -> (tokio::runtime::Runtime, aws_sdk_cloudformation::Client) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let conf = rt.block_on(
        aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new("us-east-1"))
            .endpoint_url(ep)
            .load(),
    );
    (rt, aws_sdk_cloudformation::Client::new(&conf))
}

fn template_of(ep: &str, stack: &str) -> String {
    let (rt, c) = client(ep);
    let out = rt
        .block_on(c.get_template().stack_name(stack).send())
        .expect("GetTemplate");
    out.template_body().unwrap_or_default().to_owned()
}

fn tags_of(ep: &str, stack: &str) -> Vec<(String, String)> {
    let (rt, c) = client(ep);
    let out = rt
        .block_on(c.describe_stacks().stack_name(stack).send())
        .expect("DescribeStacks");
    out.stacks()[0]
        .tags()
        .iter()
        .map(|t| {
            (
                t.key().unwrap_or_default().to_owned(),
                t.value().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// One stack, `Shop`, holding what `build` adds.
fn shop(build: impl FnOnce(&rcdk_core::Stack)) -> Assembly {
    let app = App::new();
    let s = app.stack("Shop", StackProps::default());
    build(&s);
    app.synth().expect("the app synthesizes")
}

fn topic(s: &rcdk_core::Stack) {
    Resource::new(s, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
}

fn never_ask() -> DeployOptions {
    DeployOptions {
        require_approval: rcdk_deploy::Approval::Never,
        ..DeployOptions::default()
    }
}

// Review row 59: deploying over a same-named stack someone else made removed its queue.
#[test]
fn a_stack_this_app_did_not_deploy_keeps_its_resources_unless_forced() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let (rt, c) = client(&ep);
    rt.block_on(
        c.create_stack()
            .stack_name("Shop")
            .template_body(r#"{"Resources":{"Orders":{"Type":"AWS::SQS::Queue"}}}"#)
            .send(),
    )
    .expect("someone else's stack");
    let app = shop(topic);

    let r = deploy(&app, &ep, &never_ask(), true);
    let e = error(&r);
    assert!(
        e.starts_with("stack Shop already exists and was not deployed by this app"),
        "{e}"
    );
    assert!(e.contains("--force"), "{e}");
    assert!(template_of(&ep, "Shop").contains("Orders"), "the queue is still there");

    // --force takes it over, and approval still shows the queue it would delete.
    let forced = DeployOptions {
        force: true,
        ..DeployOptions::default()
    };
    let r = deploy(&app, &ep, &forced, false);
    assert_eq!(error(&r), "deployment declined; nothing was changed");
    assert!(
        r.out
            .contains("[remove] AWS::SQS::Queue Orders: removed, and the messages in it with it"),
        "{}",
        r.out
    );
    assert!(template_of(&ep, "Shop").contains("Orders"));

    // moto does not apply an UPDATE change set's tags to the stack (AWS
    // does), so the takeover that must leave the tag goes direct.
    let forced_direct = DeployOptions {
        method: Method::Direct,
        ..forced
    };
    let r = deploy(&app, &ep, &forced_direct, true);
    assert_eq!(outcome(&r), &StackOutcome::Updated, "{}", r.out);
    assert!(tags_of(&ep, "Shop").contains(&(OWNER_TAG.to_owned(), "Shop".to_owned())));
    // Now it is ours: no --force needed.
    let r = deploy(&app, &ep, &never_ask(), true);
    assert_eq!(outcome(&r), &StackOutcome::Unchanged, "{}", r.out);
}

fn named_queue(name: &'static str) -> Assembly {
    shop(move |s| {
        Resource::new(s, "Queue", "AWS::SQS::Queue", [("QueueName", Value::from(name))]);
    })
}

// Review row 60: a replacement ran unasked, and --method direct showed nothing.
#[test]
fn a_replacement_is_shown_and_asked_with_either_method() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let r = deploy(&named_queue("orders-a"), &ep, &DeployOptions::default(), false);
    assert_eq!(outcome(&r), &StackOutcome::Created, "adding asks nothing: {}", r.out);
    assert!(r.questions.is_empty());

    let renamed = named_queue("orders-b");
    for method in [Method::ChangeSet, Method::Direct] {
        let opts = DeployOptions {
            method,
            ..DeployOptions::default()
        };
        let r = deploy(&renamed, &ep, &opts, false);
        assert_eq!(error(&r), "deployment declined; nothing was changed", "{method:?}");
        assert_eq!(
            r.questions,
            ["stack Shop: 1 replacement(s). Deploy? (y/n)"],
            "{method:?}"
        );
        assert!(
            r.out
                .contains("[~] QueueName: \"orders-a\" -> \"orders-b\" (requires replacement)"),
            "{method:?}: {}",
            r.out
        );
        assert!(
            template_of(&ep, "Shop").contains("orders-a"),
            "{method:?}: nothing changed"
        );
    }
    let direct = DeployOptions {
        method: Method::Direct,
        ..DeployOptions::default()
    };
    let r = deploy(&renamed, &ep, &direct, true);
    assert_eq!(outcome(&r), &StackOutcome::Updated, "{}", r.out);
    assert!(template_of(&ep, "Shop").contains("orders-b"));
}

// Review row 56: `deploy --no-execute`, then `deploy`, polled silently for up to 3 hours.
#[test]
fn a_change_set_left_for_review_is_replaced_with_a_message() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let review = DeployOptions {
        execute: false,
        ..never_ask()
    };
    let app = shop(topic);
    let r = deploy(&app, &ep, &review, true);
    assert!(matches!(outcome(&r), StackOutcome::ChangeSetCreated(_)), "{}", r.out);
    assert!(
        r.out
            .contains("created, not executed; to execute it: aws cloudformation execute-change-set"),
        "{}",
        r.out
    );

    let started = Instant::now();
    let r = deploy(&app, &ep, &never_ask(), true);
    assert_eq!(outcome(&r), &StackOutcome::Created, "{}", r.out);
    assert!(
        r.out
            .contains("Shop: REVIEW_IN_PROGRESS: never created; change set(s) rcdk-"),
        "{}",
        r.out
    );
    assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());

    // The same on a stack that exists: the waiting change set is replaced.
    let grown = shop(|s| {
        topic(s);
        Resource::new(s, "Logs", "AWS::Logs::LogGroup", Vec::<(String, Value)>::new());
    });
    let r = deploy(&grown, &ep, &review, true);
    assert!(matches!(outcome(&r), StackOutcome::ChangeSetCreated(_)), "{}", r.out);
    let r = deploy(&grown, &ep, &never_ask(), true);
    assert_eq!(outcome(&r), &StackOutcome::Updated, "{}", r.out);
    assert!(
        r.out.contains(
            "from an earlier deploy (--no-execute, or one interrupted) waits for review; this deploy replaces it"
        ),
        "{}",
        r.out
    );
}

#[test]
fn a_change_set_someone_else_left_is_not_discarded_without_force() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = shop(topic);
    assert_eq!(outcome(&deploy(&app, &ep, &never_ask(), true)), &StackOutcome::Created);
    let (rt, c) = client(&ep);
    rt.block_on(
        c.create_change_set()
            .stack_name("Shop")
            .change_set_name("hotfix")
            .change_set_type(ChangeSetType::Update)
            .template_body(r#"{"Resources":{"Topic":{"Type":"AWS::SNS::Topic","Properties":{"DisplayName":"x"}}}}"#)
            .send(),
    )
    .expect("a colleague's change set");
    let r = deploy(&app, &ep, &never_ask(), true);
    let e = error(&r);
    assert!(
        e.contains("waiting for review (hotfix)") && e.contains("--change-set-name hotfix"),
        "{e}"
    );
    let forced = DeployOptions {
        force: true,
        ..never_ask()
    };
    let r = deploy(&app, &ep, &forced, true);
    assert!(r.result.is_ok(), "{}", r.out);
    assert!(
        r.out
            .contains("change set(s) hotfix wait for review; this deploy discards them (--force)"),
        "{}",
        r.out
    );
}

fn secret_app() -> Assembly {
    shop(|s| {
        topic(s);
        let p = CfnParameter::new(
            s,
            "Password",
            ParameterProps {
                no_echo: true,
                ..Default::default()
            },
        );
        CfnOutput::new(
            s,
            "Echo",
            OutputProps {
                value: p.value_as_string().into(),
                ..Default::default()
            },
        );
    })
}

// Review row 51: a mistyped `--parameters` key printed the secret.
#[test]
fn parameter_values_are_never_printed() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = secret_app();
    let typo = DeployOptions {
        parameters: vec!["Pasword=hunter2".into()],
        ..never_ask()
    };
    let r = deploy(&app, &ep, &typo, true);
    assert_eq!(
        error(&r),
        "--parameters Pasword=****: no selected stack has a parameter \"Pasword\" (parameters: Password)"
    );
    // moto fills in outputs only for stacks made by CreateStack.
    let right = DeployOptions {
        parameters: vec!["Password=hunter2".into()],
        method: Method::Direct,
        ..never_ask()
    };
    let r = deploy(&app, &ep, &right, true);
    assert_eq!(outcome(&r), &StackOutcome::Created, "{}", r.out);
    assert!(r.out.contains("Shop.Echo = ****"), "moto echoes the output: {}", r.out);
    assert!(!r.out.contains("hunter2"), "{}", r.out);
}

#[test]
fn a_stack_in_review_can_be_destroyed() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = shop(topic);
    let review = DeployOptions {
        execute: false,
        ..never_ask()
    };
    assert!(deploy(&app, &ep, &review, true).result.is_ok());
    let mut out = Vec::new();
    let deleted = rcdk_deploy::destroy(&app, &Selection::Default, &aws(&ep), true, &mut out, &mut |_| false);
    assert_eq!(
        deleted,
        Ok(vec!["Shop".to_owned()]),
        "{}",
        String::from_utf8_lossy(&out)
    );
}
