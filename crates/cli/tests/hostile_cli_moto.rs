//! A declined `deploy` says which flag skips the question (review row 62,
//! the deploy side), against moto on loopback (started by `scripts/with-moto`):
//! `deploy` asks only after reading the deployed stack. Without
//! `RCDK_MOTO_ENDPOINT` this test is skipped, unless `RCDK_REQUIRE_TOOLS` is
//! set (as the test command sets it), in which case it fails.

use rcdk::prelude::*;
use rcdk_testing::moto::endpoint;

#[test]
fn a_declined_deploy_says_to_pass_require_approval_never() {
    let Some(ep) = endpoint() else { return };
    // A new IAM role is a change `--require-approval broadening` asks about.
    let app = App::new();
    let stack = app.stack("RcdkHostileCliDeclined", StackProps::default());
    let statement = Value::object([
        ("Effect", Value::from("Allow")),
        ("Action", "sts:AssumeRole".into()),
        (
            "Principal",
            Value::object([("Service", Value::from("ecs-tasks.amazonaws.com"))]),
        ),
    ]);
    let trust = Value::object([
        ("Version", Value::from("2012-10-17")),
        ("Statement", Value::list([statement])),
    ]);
    Resource::new(&stack, "Role", "AWS::IAM::Role", [("AssumeRolePolicyDocument", trust)]);
    let args: Vec<String> = ["deploy", "--endpoint-url", &ep, "--region", "us-east-1"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut asked = Vec::new();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk_cli::run_with(&app, &args, &mut out, &mut err, &mut |q| {
        asked.push(q.to_owned());
        false
    });
    let (out, err) = (String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap());
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(err.contains("--require-approval never"), "{err}");
    assert!(!err.contains("--force"), "{err}");
}
