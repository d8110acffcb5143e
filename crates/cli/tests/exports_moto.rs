//! An app that stops using a value across stacks: the producer's new
//! template drops an export the consumer's deployed template still imports.
//! CloudFormation refuses to remove an export in use, so rcdk deploys the
//! consumer first, or refuses before anything changes when it cannot. Against
//! moto on loopback (`scripts/with-moto`); skipped without it unless
//! `RCDK_REQUIRE_TOOLS` is set. moto registers exports only for stacks made
//! with CreateStack, so these deploy with `--method direct`.

use rcdk::cfn::sns::{CfnTopic, CfnTopicProps};
use rcdk::cfn::sqs::{CfnQueue, CfnQueueProps};
use rcdk::prelude::*;
use rcdk_testing::moto::endpoint;

fn cli(app: &App, endpoint: &str, args: &[&str]) -> (i32, String, String) {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(["--endpoint-url", endpoint, "--region", "us-east-1"].map(str::to_owned));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk_cli::run_with(app, &all, &mut out, &mut err, &mut |_| false);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

/// `Storage` holds two queues; `Notifications` names its topic after the
/// first and, when `both`, also uses the second's ARN.
fn app(both: bool) -> App {
    let app = App::new();
    let storage = app.stack("Storage", StackProps::default());
    let first = CfnQueue::new(&storage, "First", CfnQueueProps::default());
    let second = CfnQueue::new(&storage, "Second", CfnQueueProps::default());
    let notifications = app.stack("Notifications", StackProps::default());
    let mut props = CfnTopicProps::default();
    props.display_name = Some(first.attr_arn());
    CfnTopic::new(&notifications, "Topic", props);
    if both {
        let mut props = CfnTopicProps::default();
        props.display_name = Some(second.attr_arn());
        CfnTopic::new(&notifications, "Other", props);
    }
    app
}

/// The exports of the deployed `Storage` stack (its outputs' export names;
/// moto keeps `ListExports` as at creation).
fn exports(endpoint: &str) -> usize {
    let form = "Action=DescribeStacks&Version=2010-05-15&StackName=Storage";
    rcdk_testing::moto::call(endpoint, "cloudformation", "POST", "/", Some(form))
        .matches("<ExportName>")
        .count()
}

#[test]
fn the_consumer_deploys_first_when_an_export_goes_away() {
    let Some(ep) = endpoint() else { return };
    rcdk_testing::moto::reset(&ep);
    let direct = ["deploy", "--all", "--method", "direct", "--require-approval", "never"];
    let (code, out, err) = cli(&app(true), &ep, &direct);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(exports(&ep), 2);

    // Deploying only the producer would fail at CloudFormation: refused first.
    let (code, out, err) = cli(
        &app(false),
        &ep,
        &[
            "deploy",
            "--stack",
            "Storage",
            "--method",
            "direct",
            "--require-approval",
            "never",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("stack Storage stops exporting"), "{err}");
    assert!(err.contains("which stack Notifications imports"), "{err}");
    assert!(
        err.contains("deploy Notifications with it (--stack Notifications, or --all)"),
        "{err}"
    );
    assert_eq!(exports(&ep), 2, "nothing changed");

    // With both, the consumer goes first.
    let (code, out, err) = cli(&app(false), &ep, &direct);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Notifications: deploys before Storage: it stops importing"),
        "{out}"
    );
    let consumer = out.find("Notifications: updating").expect("Notifications updated");
    let producer = out.find("Storage: updating").expect("Storage updated");
    assert!(consumer < producer, "{out}");
    assert_eq!(exports(&ep), 1);
}
