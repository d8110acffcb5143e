//! `diff`, `deploy` and `destroy` end to end, through the app's command line,
//! against a real CloudFormation API on loopback (moto in server mode,
//! started by `scripts/with-moto`). Without `RCDK_MOTO_ENDPOINT` these tests
//! are skipped, unless `RCDK_REQUIRE_TOOLS` is set (as the test command sets
//! it), in which case they fail.

use std::sync::Mutex;

use rcdk::cfn::sns::{CfnTopic, CfnTopicProps};
use rcdk::cfn::sqs::{CfnQueue, CfnQueueProps};
use rcdk::prelude::*;
use rcdk_testing::moto::{endpoint, reset};

static SERIAL: Mutex<()> = Mutex::new(());

fn cli(app: &App, endpoint: &str, args: &[&str]) -> (i32, String, String) {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend([
        "--endpoint-url".to_owned(),
        endpoint.to_owned(),
        "--region".to_owned(),
        "us-east-1".to_owned(),
    ]);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk_cli::run_with(app, &all, &mut out, &mut err, &mut |_| false);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn deploy_redeploy_update_and_diff_the_reference_system() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = rcdk_examples::call_microservice();

    // Before the first deploy, everything is new: diff --fail says so.
    let (code, out, err) = cli(&app, &ep, &["diff", "--fail"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("[+] AWS::ECS::Service Service9571FDD8 (CallMicroservice/Service/Service/Service)"),
        "{out}"
    );
    assert!(out.contains("IAM or security group change(s)"), "{out}");

    // Broadening changes need approval: without it, nothing happens.
    let (code, _, err) = cli(&app, &ep, &["deploy"]);
    assert_eq!(code, 1);
    assert!(err.contains("deployment declined; nothing was changed"), "{err}");

    let (code, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("CallMicroservice: change set rcdk-"), "{out}");
    assert!(out.contains("(create)"), "{out}");
    assert!(
        out.contains("Add     AWS::ECS::Service Service9571FDD8 CallMicroservice/Service/Service/Service"),
        "{out}"
    );
    assert!(out.contains("CallMicroservice: CREATE_COMPLETE"), "{out}");

    // Deployed and synthesized agree.
    let (code, out, _) = cli(&app, &ep, &["diff", "--fail"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "Stack CallMicroservice\nThere were no differences\n")
    );

    // An unchanged stack is a success that changes nothing.
    let (code, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("CallMicroservice: no changes"), "{out}");

    // Change one property: the diff names it, the deploy updates.
    let changed = rcdk_examples::call_microservice_with(3);
    let (code, out, _) = cli(&changed, &ep, &["diff", "--fail"]);
    assert_eq!(code, 1);
    assert!(out.contains("[~] AWS::ECS::Service Service9571FDD8"), "{out}");
    assert!(out.contains("    [~] DesiredCount: 2 -> 3"), "{out}");
    let (code, md, _) = cli(&changed, &ep, &["diff", "--markdown"]);
    assert_eq!(code, 0);
    assert!(md.contains("| ~ | `Service9571FDD8` | `AWS::ECS::Service` |"), "{md}");
    let (code, out, err) = cli(&changed, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("(update)") && out.contains("Modify  AWS::ECS::Service Service9571FDD8"),
        "{out}"
    );
    assert!(out.contains("CallMicroservice: UPDATE_COMPLETE"), "{out}");
    let (code, _, _) = cli(&changed, &ep, &["diff", "--fail"]);
    assert_eq!(code, 0);

    // --no-execute leaves a change set for review and changes nothing.
    let (code, out, _) = cli(&app, &ep, &["deploy", "--require-approval", "never", "--no-execute"]);
    assert_eq!(code, 0);
    assert!(out.contains("created, not executed"), "{out}");
    let (code, _, _) = cli(&changed, &ep, &["diff", "--fail"]);
    assert_eq!(code, 0, "the stack still has the changed template");
}

/// Stack A owns a topic; stack B's role may publish to it: a cross-stack reference.
fn two_stack_app() -> App {
    let app = App::new();
    let a = app.stack("Messages", StackProps::default());
    let topic = Topic::new(&a, "Topic", TopicProps::default());
    LogGroup::new(&a, "Logs", LogGroupProps::default());
    let b = app.stack("Publisher", StackProps::default());
    let role = Role::new(&b, "Role", RoleProps::assumed_by("lambda.amazonaws.com"));
    topic.grant_publish(&role);
    app
}

// moto registers a stack's exports only on CreateStack, not when a change set
// executes (real CloudFormation does both), so the cross-stack app deploys
// with `--method direct` here.
#[test]
fn a_two_stack_app_deploys_in_order_and_destroys_in_reverse() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = two_stack_app();
    let (code, out, _) = cli(&app, &ep, &["deploy"]);
    assert_eq!(code, 1, "two stacks and none chosen: {out}");

    // Choosing Publisher brings Messages along, deployed first.
    let (code, out, err) = cli(
        &app,
        &ep,
        &[
            "deploy",
            "--stack",
            "Publisher",
            "--require-approval",
            "never",
            "--method",
            "direct",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let first = out.find("Messages: CREATE_COMPLETE").expect("Messages deployed");
    let second = out.find("Publisher: CREATE_COMPLETE").expect("Publisher deployed");
    assert!(first < second, "{out}");

    let (code, out, err) = cli(
        &app,
        &ep,
        &[
            "deploy",
            "--all",
            "--require-approval",
            "never",
            "--concurrency",
            "2",
            "--method",
            "direct",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Messages: no changes") && out.contains("Publisher: no changes"),
        "{out}"
    );

    // destroy asks first; without a yes nothing is deleted.
    let (code, _, err) = cli(&app, &ep, &["destroy", "--all"]);
    assert_eq!(code, 1);
    assert!(err.contains("declined"), "{err}");
    let (code, out, err) = cli(&app, &ep, &["destroy", "--stack", "Messages", "--force"]);
    assert_eq!(code, 0, "{out}{err}");
    let first = out.find("Publisher: deleted").expect("the importer goes first");
    let second = out.find("Messages: deleted").expect("then the exporter");
    assert!(first < second, "{out}");
    let (code, out, _) = cli(&app, &ep, &["diff", "--fail"]);
    assert_eq!(code, 1, "both stacks are gone: {out}");
}

#[test]
fn wrong_input_gets_a_clear_error_and_changes_nothing() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = two_stack_app();
    let (code, _, err) = cli(&app, &ep, &["deploy", "--stack", "Nope"]);
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: no stack named \"Nope\" in the app; stacks: Messages, Publisher\n"
        )
    );
    let (code, _, err) = cli(&app, &ep, &["deploy", "--all", "--parameters", "NoEquals"]);
    assert_eq!(code, 1);
    assert!(err.contains("use KEY=VALUE or STACK:KEY=VALUE"), "{err}");
    let (code, _, err) = cli(&app, &ep, &["deploy", "--all", "--parameters", "Size=3"]);
    assert_eq!(code, 1);
    assert!(err.contains("no selected stack has a parameter \"Size\""), "{err}");

    // A template over the inline limit, and no bootstrap stack to upload it
    // to: refused before the stack is touched.
    let big = App::new();
    let s = big.stack("Big", StackProps::default());
    let t = Topic::new(&s, "Topic", TopicProps::default());
    let _ = t;
    for i in 0..300 {
        LogGroup::new(&s, &format!("Logs{i}"), LogGroupProps::default());
    }
    let (code, _, err) = cli(&big, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("over the 51,200 sent inline") && err.contains("run `rcdk bootstrap`"),
        "{err}"
    );
    let (code, out, _) = cli(&big, &ep, &["diff"]);
    assert_eq!(code, 0);
    assert!(out.contains("[+] AWS::SNS::Topic Topic"), "nothing was created: {out}");

    // An unreachable endpoint is one sentence.
    let (mut o, mut e) = (Vec::new(), Vec::new());
    let args: Vec<String> = ["diff", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let code = rcdk_cli::run_with(&app, &args, &mut o, &mut e, &mut |_| false);
    let e = String::from_utf8(e).unwrap();
    assert_eq!(code, 1);
    assert!(
        e.starts_with("error: cannot reach CloudFormation at http://127.0.0.1:9"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn missing_credentials_are_one_sentence() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let keys = [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
    ];
    let saved: Vec<(&str, Option<String>)> = keys.iter().map(|k| (*k, std::env::var(k).ok())).collect();
    for k in keys {
        std::env::remove_var(k);
    }
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    std::env::set_var("AWS_CONFIG_FILE", "/nonexistent/config");
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    let (code, _, err) = cli(&two_stack_app(), &ep, &["diff"]);
    for (k, v) in saved {
        if let Some(v) = v {
            std::env::set_var(k, v);
        }
    }
    std::env::remove_var("AWS_SHARED_CREDENTIALS_FILE");
    std::env::remove_var("AWS_CONFIG_FILE");
    assert_eq!(code, 1);
    assert!(err.starts_with("error: no AWS credentials found"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// A stack first deployed from a hand-written template in short-form YAML,
/// as CloudFormation users write them.
const HAND_WRITTEN: &str = "\
AWSTemplateFormatVersion: 2010-09-09
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Sub '${AWS::StackName} alerts'
Outputs:
  QueueArn:
    Value: !GetAtt Queue.Arn
  TopicArn:
    Value: !Ref Topic
";

/// CreateStack through moto's query API, as the AWS CLI would send it.
fn create_stack_from_body(endpoint: &str, name: &str, body: &str) {
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
        (
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        ),
        (
            "Authorization".to_owned(),
            "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cloudformation/aws4_request, \
             SignedHeaders=host, Signature=0"
                .to_owned(),
        ),
    ];
    let response = rcdk::states::http::request("POST", &format!("{endpoint}/"), &headers, Some(form.as_bytes()))
        .expect("moto answers CreateStack");
    assert_eq!(
        response.status,
        200,
        "CreateStack: {}",
        String::from_utf8_lossy(&response.body)
    );
}

#[test]
fn diff_reads_a_stack_deployed_from_short_form_yaml() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    create_stack_from_body(&ep, "HandWritten", HAND_WRITTEN);

    // The same stack in rcdk, with one real change: the visibility timeout.
    let app = App::new();
    let stack = app.stack("HandWritten", StackProps::default());
    let queue = CfnQueue::new(
        &stack,
        "Queue",
        CfnQueueProps {
            visibility_timeout: Some(60.into()),
            ..Default::default()
        },
    );
    let topic = CfnTopic::new(
        &stack,
        "Topic",
        CfnTopicProps {
            display_name: Some(cfn_format!("{} alerts", Aws::stack_name())),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "QueueArn",
        OutputProps {
            value: queue.attr_arn().into(),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "TopicArn",
        OutputProps {
            value: topic.reference().into(),
            ..Default::default()
        },
    );

    let (code, out, err) = cli(&app, &ep, &["diff", "--fail"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("[~] AWS::SQS::Queue Queue (HandWritten/Queue)"), "{out}");
    assert!(out.contains("[~] VisibilityTimeout: 30 -> 60"), "{out}");
    // Short-form intrinsics read as their long form: no spurious changes.
    assert!(!out.contains("Topic"), "{out}");
    assert!(!out.contains("Outputs") && !out.contains("QueueArn"), "{out}");
}

/// The serverless orders system deploys as far as moto models its types.
/// Moto skips (README of ../shared/reference/local-aws.md, and its model map):
/// every AWS::ApiGatewayV2::* resource, AWS::S3::BucketPolicy and
/// AWS::SQS::QueuePolicy; it creates the table, queues, bucket, bus, rule,
/// log group, roles, policy and state machine.
#[test]
fn the_serverless_orders_system_deploys_to_moto() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = rcdk_examples::serverless_orders();
    let (code, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("ServerlessOrders: CREATE_COMPLETE"), "{out}");
    let (code, out, _) = cli(&app, &ep, &["diff", "--fail"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "Stack ServerlessOrders\nThere were no differences\n")
    );
    let tables = rcdk_testing::moto::json(&ep, "dynamodb", "DynamoDB_20120810.ListTables", "{}");
    assert_eq!(tables["TableNames"].as_array().map(Vec::len), Some(1), "{tables}");
    let machines = rcdk_testing::moto::json(&ep, "states", "AWSStepFunctions.ListStateMachines", "{}");
    assert_eq!(
        machines["stateMachines"].as_array().map(Vec::len),
        Some(1),
        "{machines}"
    );
}
