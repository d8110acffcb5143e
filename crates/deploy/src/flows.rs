//! Deploys against the fake endpoint (`fake.rs`): the paths moto cannot
//! take. Each test scripts CloudFormation's answers and checks what rcdk
//! printed, asked and returned.

use std::time::{Duration, Instant};

use rcdk_core::{App, Assembly, CfnOutput, CfnParameter, OutputProps, ParameterProps, Resource, StackProps, Value};
use serde_json::json;

use crate::fake::{self, Fake, Reply, Request};
use crate::{deploy_via, Connect, DeployError, DeployOptions, Selection, StackOutcome, OWNER_TAG};

/// Stack `S`: a queue, plus what `extra` adds.
fn app(extra: impl FnOnce(&rcdk_core::Stack)) -> Assembly {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    Resource::new(&s, "Q", "AWS::SQS::Queue", [("VisibilityTimeout", Value::from(60))]);
    extra(&s);
    app.synth().expect("the test app synthesizes")
}

fn queue_template(timeout: i64) -> serde_json::Value {
    json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": timeout}}}})
}

struct Run {
    result: Result<Vec<(String, StackOutcome)>, DeployError>,
    out: String,
    questions: Vec<String>,
    took: Duration,
}

fn run(a: &Assembly, fake: &Fake, opts: &DeployOptions, answer: bool) -> Run {
    let mut out = Vec::new();
    let mut questions = Vec::new();
    let started = Instant::now();
    let result = deploy_via(
        a,
        &Selection::Default,
        &Connect::Fake(fake.endpoint.clone()),
        opts,
        &mut out,
        &mut |q| {
            questions.push(q.to_owned());
            answer
        },
    );
    Run {
        result,
        out: String::from_utf8_lossy(&out).into_owned(),
        questions,
        took: started.elapsed(),
    }
}

fn error(r: &Run) -> String {
    match &r.result {
        Err(e) => e.to_string(),
        Ok(v) => panic!("expected an error, got {v:?}\n{}", r.out),
    }
}

const OURS: &[(&str, &str)] = &[(OWNER_TAG, "S")];

/// The answers every flow shares once the stack exists (tagged as ours) or
/// not: no pending change sets, no events, deletions succeed.
fn common(r: &Request) -> Option<Reply> {
    match r.action.as_str() {
        "ListChangeSets" => Some(Reply::Ok("<Summaries></Summaries>".into())),
        "DescribeStackEvents" => Some(fake::events(&[])),
        "DeleteChangeSet" | "DeleteStack" | "ExecuteChangeSet" => Some(fake::empty()),
        "CreateChangeSet" => Some(fake::created("S")),
        _ => None,
    }
}

#[test]
fn an_update_that_rolls_back_says_so_and_speaks_while_it_waits() {
    let mut executed: Option<Instant> = None;
    let mut asked_change_set: Option<Instant> = None;
    let fake = Fake::start(move |r| {
        let late = |t: Option<Instant>| t.is_some_and(|t| t.elapsed() > Duration::from_millis(150));
        match r.action.as_str() {
            "ExecuteChangeSet" => {
                executed = Some(Instant::now());
                fake::empty()
            }
            "DescribeStacks" if late(executed) => fake::stack("S", "UPDATE_ROLLBACK_COMPLETE", OURS, &[]),
            "DescribeStacks" if executed.is_some() => fake::stack("S", "UPDATE_IN_PROGRESS", OURS, &[]),
            "DescribeStacks" => fake::stack("S", "UPDATE_COMPLETE", OURS, &[]),
            "GetTemplate" => fake::template(&queue_template(30)),
            "DescribeChangeSet" => {
                let first = *asked_change_set.get_or_insert_with(Instant::now);
                if first.elapsed() < Duration::from_millis(100) {
                    fake::change_set("CREATE_IN_PROGRESS", "", &[])
                } else {
                    fake::change_set("CREATE_COMPLETE", "", &[("Modify", "Q", "AWS::SQS::Queue", "False")])
                }
            }
            "DescribeStackEvents" if late(executed) => fake::events(&[
                (
                    "e2",
                    "Q",
                    "AWS::SQS::Queue",
                    "UPDATE_FAILED",
                    "Resource handler returned message: boom",
                ),
                (
                    "e1",
                    "S",
                    "AWS::CloudFormation::Stack",
                    "UPDATE_IN_PROGRESS",
                    "User Initiated",
                ),
            ]),
            _ => common(r).unwrap_or(Reply::Close),
        }
    });
    let r = run(&app(|_| {}), &fake, &DeployOptions::default(), true);
    let e = error(&r);
    assert!(e.starts_with("stack S ended UPDATE_ROLLBACK_COMPLETE"), "{e}");
    assert!(
        e.contains("UPDATE_FAILED AWS::SQS::Queue Q: Resource handler returned message: boom"),
        "{e}"
    );
    assert!(e.contains("rolled back: the stack is as it was before"), "{e}");
    assert!(
        r.out
            .contains("S: still waiting for CloudFormation to compute change set rcdk-"),
        "{}",
        r.out
    );
    assert!(
        r.out.contains("S: still UPDATE_IN_PROGRESS after")
            && r.out.contains("waiting for CloudFormation to update the stack"),
        "{}",
        r.out
    );
    assert!(
        r.questions.is_empty(),
        "an in-place change asks nothing: {:?}",
        r.questions
    );
}

#[test]
fn a_stack_still_in_review_after_execute_is_reported_not_waited_for() {
    let mut created = false;
    let fake = Fake::start(move |r| match r.action.as_str() {
        "CreateChangeSet" => {
            created = true;
            fake::created("S")
        }
        "DescribeStacks" if created => fake::stack("S", "REVIEW_IN_PROGRESS", OURS, &[]),
        "DescribeStacks" => fake::no_stack("S"),
        "DescribeChangeSet" => fake::change_set("CREATE_COMPLETE", "", &[("Add", "Q", "AWS::SQS::Queue", "")]),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let r = run(&app(|_| {}), &fake, &DeployOptions::default(), true);
    let e = error(&r);
    assert!(
        e.starts_with("stack S is REVIEW_IN_PROGRESS: its change set was executed"),
        "{e}"
    );
    assert!(e.contains("has not started creating it"), "{e}");
    assert!(
        r.out
            .contains("waiting for CloudFormation to start executing the change set"),
        "{}",
        r.out
    );
    assert!(r.took < Duration::from_secs(3), "{:?}", r.took);
}

#[test]
fn a_change_set_the_endpoint_loses_is_named_with_the_commands_that_remove_it() {
    let mut created = false;
    let fake = Fake::start(move |r| match r.action.as_str() {
        "CreateChangeSet" => {
            created = true;
            fake::created("S")
        }
        _ if created => Reply::Raw(500, "upstream connect error or disconnect/reset before headers".into()),
        "DescribeStacks" => fake::no_stack("S"),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let r = run(&app(|_| {}), &fake, &DeployOptions::default(), true);
    let e = error(&r);
    assert!(e.starts_with("DescribeChangeSet failed: "), "{e}");
    assert!(
        e.contains("answered HTTP 500") && e.contains("upstream connect error"),
        "{e}"
    );
    assert!(
        e.contains("the change set rcdk-") && e.contains("was left behind; remove it with:"),
        "{e}"
    );
    let command = format!(
        "aws cloudformation delete-change-set --region us-east-1 --endpoint-url {} --stack-name S --change-set-name rcdk-",
        fake.endpoint
    );
    assert!(e.contains(&command), "{e}");
    assert!(
        e.contains("aws cloudformation delete-stack"),
        "a CREATE change set made an empty stack: {e}"
    );
    assert!(fake.actions().contains(&"DeleteChangeSet".to_owned()), "it tried first");
}

#[test]
fn an_endpoint_gone_after_the_change_set_exists_is_named_without_more_tries() {
    let mut created = false;
    let fake = Fake::start(move |r| match r.action.as_str() {
        "CreateChangeSet" => {
            created = true;
            fake::created("S")
        }
        _ if created => Reply::Close,
        "DescribeStacks" => fake::no_stack("S"),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let r = run(&app(|_| {}), &fake, &DeployOptions::default(), true);
    let e = error(&r);
    assert!(e.starts_with("cannot reach CloudFormation at http://127.0.0.1:"), "{e}");
    assert!(
        e.contains("the change set rcdk-") && e.contains("was left behind"),
        "{e}"
    );
    assert!(!fake.actions().contains(&"DeleteChangeSet".to_owned()));
}

#[test]
fn a_failed_change_set_is_removed_with_its_empty_stack_and_not_mentioned() {
    let mut created = false;
    let fake = Fake::start(move |r| match r.action.as_str() {
        "CreateChangeSet" => {
            created = true;
            fake::created("S")
        }
        "DescribeStacks" if created => fake::stack("S", "REVIEW_IN_PROGRESS", OURS, &[]),
        "DescribeStacks" => fake::no_stack("S"),
        "DescribeChangeSet" => fake::change_set("FAILED", "Template format error: boom", &[]),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let r = run(&app(|_| {}), &fake, &DeployOptions::default(), true);
    assert_eq!(error(&r), "stack S: the change set failed: Template format error: boom");
    let actions = fake.actions();
    assert!(actions.contains(&"DeleteChangeSet".to_owned()) && actions.contains(&"DeleteStack".to_owned()));
    assert!(!actions.contains(&"ExecuteChangeSet".to_owned()));
}

#[test]
fn a_stack_whose_creation_rolled_back_is_replaced_with_a_message() {
    #[derive(Clone, Copy, PartialEq)]
    enum Phase {
        RolledBack,
        Deleted,
        Created,
        Executed,
    }
    let mut phase = Phase::RolledBack;
    let fake = Fake::start(move |r| match r.action.as_str() {
        "DeleteStack" => {
            phase = Phase::Deleted;
            fake::empty()
        }
        "CreateChangeSet" => {
            phase = Phase::Created;
            fake::created("S")
        }
        "ExecuteChangeSet" => {
            phase = Phase::Executed;
            fake::empty()
        }
        "DescribeStacks" => match phase {
            Phase::RolledBack => fake::stack("S", "ROLLBACK_COMPLETE", OURS, &[]),
            Phase::Deleted => fake::stack("S", "DELETE_COMPLETE", OURS, &[]),
            Phase::Created => fake::stack("S", "REVIEW_IN_PROGRESS", OURS, &[]),
            Phase::Executed => fake::stack("S", "CREATE_COMPLETE", OURS, &[]),
        },
        "DescribeChangeSet" => fake::change_set("CREATE_COMPLETE", "", &[("Add", "Q", "AWS::SQS::Queue", "")]),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let r = run(&app(|_| {}), &fake, &DeployOptions::default(), true);
    assert!(r.result.is_ok(), "{:?}\n{}", r.result, r.out);
    assert!(
        r.out.contains("S: ROLLBACK_COMPLETE: its creation failed and was rolled back, so it holds no resources; removing the empty stack to create it afresh"),
        "{}",
        r.out
    );
    let actions = fake.actions();
    let delete = actions.iter().position(|a| a == "DeleteStack");
    let create = actions.iter().position(|a| a == "CreateChangeSet");
    assert!(delete.is_some() && delete < create, "{actions:?}");
}

#[test]
fn an_error_body_that_is_not_xml_is_reported_with_its_http_status() {
    for (status, body, shown) in [
        (500, "Internal Server Error", "\"Internal Server Error\""),
        (
            502,
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "\"<html><body><h1>502 Bad Gateway</h1></body></html>\"",
        ),
        (503, "", "an empty body"),
    ] {
        let fake = Fake::start(move |_| Reply::Raw(status, body.into()));
        let r = run(&app(|_| {}), &fake, &DeployOptions::default(), true);
        let e = error(&r);
        assert_eq!(
            e,
            format!(
                "DescribeStacks failed: {} answered HTTP {status} with a body that is not a CloudFormation response ({shown}); check --endpoint-url, AWS_ENDPOINT_URL and any proxy in between",
                fake.endpoint
            )
        );
    }
}

fn secret_app() -> Assembly {
    app(|s| {
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

fn with_password() -> DeployOptions {
    DeployOptions {
        parameters: vec!["Password=hunter2".into()],
        ..DeployOptions::default()
    }
}

#[test]
fn a_no_echo_value_aws_repeats_in_an_error_is_masked() {
    let fake = Fake::start(move |r| match r.action.as_str() {
        "DescribeStacks" => fake::no_stack("S"),
        "DescribeChangeSet" => fake::change_set(
            "FAILED",
            "Parameter validation failed: parameter value hunter2 for parameter name Password does not exist",
            &[],
        ),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let r = run(&secret_app(), &fake, &with_password(), true);
    let e = error(&r);
    assert!(
        !e.contains("hunter2") && e.contains("parameter value **** for parameter name Password"),
        "{e}"
    );
    assert!(!r.out.contains("hunter2"), "{}", r.out);
    let sent = fake.calls("CreateChangeSet");
    assert_eq!(
        sent[0].get("Parameters.member.1.ParameterValue"),
        Some("hunter2"),
        "AWS still gets it"
    );
}

#[test]
fn a_no_echo_value_in_events_and_outputs_is_masked() {
    let mut executed = false;
    let fake = Fake::start(move |r| match r.action.as_str() {
        "ExecuteChangeSet" => {
            executed = true;
            fake::empty()
        }
        "DescribeStacks" if executed => fake::stack("S", "CREATE_COMPLETE", OURS, &[("Echo", "hunter2")]),
        "DescribeStacks" => fake::no_stack("S"),
        "DescribeChangeSet" => fake::change_set("CREATE_COMPLETE", "", &[("Add", "Q", "AWS::SQS::Queue", "")]),
        "DescribeStackEvents" if executed => {
            fake::events(&[("e1", "Q", "AWS::SQS::Queue", "CREATE_COMPLETE", "made with hunter2")])
        }
        _ => common(r).unwrap_or(Reply::Close),
    });
    let r = run(&secret_app(), &fake, &with_password(), true);
    assert_eq!(r.result, Ok(vec![("S".to_owned(), StackOutcome::Created)]), "{}", r.out);
    assert!(!r.out.contains("hunter2"), "{}", r.out);
    assert!(
        r.out.contains("S.Echo = ****") && r.out.contains("(made with ****)"),
        "{}",
        r.out
    );
    let tags = fake.calls("CreateChangeSet");
    assert_eq!(tags[0].get("Tags.member.1.Key"), Some(OWNER_TAG));
    assert_eq!(tags[0].get("Tags.member.1.Value"), Some("S"));
}

#[test]
fn a_replacement_only_the_change_set_shows_is_asked_about_and_declining_removes_it() {
    // Not a create-only property: only the change set can say it replaces.
    let table = |mode: &str| json!({"Type": "AWS::DynamoDB::Table", "Properties": {"BillingMode": mode}});
    let old = json!({"Resources": {"Q": queue_template(60)["Resources"]["Q"], "T": table("PROVISIONED")}});
    let fake = Fake::start(move |r| match r.action.as_str() {
        "DescribeStacks" => fake::stack("S", "UPDATE_COMPLETE", OURS, &[]),
        "GetTemplate" => fake::template(&old),
        "DescribeChangeSet" => fake::change_set(
            "CREATE_COMPLETE",
            "",
            &[("Modify", "T", "AWS::DynamoDB::Table", "Conditional")],
        ),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let a = app(|s| {
        Resource::new(
            s,
            "T",
            "AWS::DynamoDB::Table",
            [("BillingMode", Value::from("PAY_PER_REQUEST"))],
        );
    });
    let r = run(&a, &fake, &DeployOptions::default(), false);
    assert_eq!(error(&r), "deployment declined; nothing was changed");
    assert_eq!(r.questions, ["stack S: 1 replacement(s). Deploy? (y/n)"]);
    assert!(
        r.out.contains(
            "[replace] AWS::DynamoDB::Table T (S/T): possibly replaced, says the change set, and its items with it"
        ),
        "{}",
        r.out
    );
    let actions = fake.actions();
    assert!(actions.contains(&"DeleteChangeSet".to_owned()), "{actions:?}");
    assert!(!actions.contains(&"ExecuteChangeSet".to_owned()), "{actions:?}");
}

#[test]
fn a_stack_this_app_did_not_deploy_is_refused_before_anything_changes() {
    let foreign = json!({"Resources": {"Data": {"Type": "AWS::S3::Bucket"}}});
    let fake = Fake::start(move |r| match r.action.as_str() {
        "DescribeStacks" => fake::stack("S", "CREATE_COMPLETE", &[("team", "other")], &[]),
        "GetTemplate" => fake::template(&foreign),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let a = app(|_| {});
    let r = run(&a, &fake, &DeployOptions::default(), true);
    let e = error(&r);
    assert!(
        e.starts_with("stack S already exists and was not deployed by this app: it has no rcdk:stack tag"),
        "{e}"
    );
    assert!(e.contains("deploy once with --force"), "{e}");
    // Reads only (the first looks for exports the app stops making).
    assert_eq!(fake.actions(), ["DescribeStacks", "DescribeStacks", "ListChangeSets"]);

    // --force takes it over, but approval still shows what it would delete.
    let forced = DeployOptions {
        force: true,
        ..DeployOptions::default()
    };
    let r = run(&a, &fake, &forced, false);
    assert_eq!(error(&r), "deployment declined; nothing was changed");
    assert!(r.out.contains("deploying over it because of --force"), "{}", r.out);
    assert!(
        r.out
            .contains("[remove] AWS::S3::Bucket Data: removed, and its objects with it"),
        "{}",
        r.out
    );
    assert_eq!(
        r.questions,
        ["stack S: 1 removal(s) of resources with data. Deploy? (y/n)"]
    );
    assert!(!fake.actions().contains(&"CreateChangeSet".to_owned()));
}

#[test]
fn another_rcdk_stacks_tag_is_not_ours() {
    let fake = Fake::start(move |r| match r.action.as_str() {
        "DescribeStacks" => fake::stack("S", "CREATE_COMPLETE", &[(OWNER_TAG, "Other")], &[]),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let e = error(&run(&app(|_| {}), &fake, &DeployOptions::default(), true));
    assert!(
        e.starts_with("stack S already exists and belongs to rcdk stack \"Other\" (tag rcdk:stack=Other), not to this app's \"S\""),
        "{e}"
    );
}

#[test]
fn change_sets_others_left_for_review_are_refused_and_rcdks_are_replaced() {
    let summaries = "<Summaries>\
        <member><ChangeSetName>hotfix</ChangeSetName><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus></member>\
        <member><ChangeSetName>rcdk-1</ChangeSetName><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus></member>\
        <member><ChangeSetName>rcdk-0</ChangeSetName><Status>CREATE_COMPLETE</Status><ExecutionStatus>EXECUTE_COMPLETE</ExecutionStatus></member>\
        </Summaries>";
    let fake = Fake::start(move |r| match r.action.as_str() {
        "DescribeStacks" => fake::stack("S", "UPDATE_COMPLETE", OURS, &[]),
        "ListChangeSets" => Reply::Ok(summaries.into()),
        "GetTemplate" => fake::template(&queue_template(60)),
        "DescribeChangeSet" => fake::change_set("FAILED", "The submitted information didn't contain changes.", &[]),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let r = run(&app(|_| {}), &fake, &DeployOptions::default(), true);
    let e = error(&r);
    assert!(
        e.contains("has change set(s) rcdk did not create waiting for review (hotfix)"),
        "{e}"
    );
    assert!(e.contains("--change-set-name hotfix") && e.contains("--force"), "{e}");
    assert!(fake.calls("DeleteChangeSet").is_empty());

    let forced = DeployOptions {
        force: true,
        ..DeployOptions::default()
    };
    let r = run(&app(|_| {}), &fake, &forced, true);
    assert_eq!(
        r.result,
        Ok(vec![("S".to_owned(), StackOutcome::Unchanged)]),
        "{}",
        r.out
    );
    assert!(
        r.out
            .contains("change set(s) hotfix wait for review; this deploy discards them"),
        "{}",
        r.out
    );
    assert!(r.out.contains("change set rcdk-1 from an earlier deploy"), "{}", r.out);
    let deleted: Vec<String> = fake
        .calls("DeleteChangeSet")
        .iter()
        .filter_map(|c| c.get("ChangeSetName").map(str::to_owned))
        .collect();
    assert_eq!(deleted[0], "rcdk-1", "only rcdk's own, then the empty one: {deleted:?}");
    assert!(!deleted.contains(&"hotfix".to_owned()));
}

#[test]
fn a_direct_deploy_shows_the_diff_and_asks_about_a_replacement() {
    let old = json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "a"}}}});
    let fake = Fake::start(move |r| match r.action.as_str() {
        "DescribeStacks" => fake::stack("S", "UPDATE_COMPLETE", OURS, &[]),
        "GetTemplate" => fake::template(&old),
        _ => common(r).unwrap_or(Reply::Close),
    });
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    Resource::new(&s, "Q", "AWS::SQS::Queue", [("QueueName", Value::from("b"))]);
    let direct = DeployOptions {
        method: crate::Method::Direct,
        ..DeployOptions::default()
    };
    let r = run(&app.synth().unwrap(), &fake, &direct, false);
    assert_eq!(error(&r), "deployment declined; nothing was changed");
    assert!(
        r.out.contains("[~] QueueName: \"a\" -> \"b\" (requires replacement)"),
        "{}",
        r.out
    );
    assert!(r.out.contains("[replace] AWS::SQS::Queue Q (S/Q): replaced because QueueName change(s); the old one is deleted, and the messages in it with it"), "{}", r.out);
    assert_eq!(r.questions, ["stack S: 1 replacement(s). Deploy? (y/n)"]);
    assert!(!fake.actions().contains(&"UpdateStack".to_owned()));
}

#[test]
fn diff_never_shows_a_no_echo_value_and_says_what_deploy_would_ask() {
    let old = json!({
        "Parameters": {"Password": {"Type": "String", "NoEcho": true, "Default": "old-secret"}},
        "Resources": {
            // A value hard-coded where the parameter should be used: the diff prints it.
            "Q": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 60}, "Metadata": {"note": "old-secret"}},
            "Data": {"Type": "AWS::S3::Bucket"},
        },
    });
    let fake = Fake::start(move |r| match r.action.as_str() {
        "DescribeStacks" => fake::stack("S", "UPDATE_COMPLETE", &[], &[]),
        "GetTemplate" => fake::template(&old),
        _ => Reply::Close,
    });
    let a = app(|s| {
        CfnParameter::new(
            s,
            "Password",
            ParameterProps {
                no_echo: true,
                default: Some("new-secret".into()),
                ..Default::default()
            },
        );
    });
    let mut out = Vec::new();
    let differs = crate::diff_via(
        &a,
        &Selection::Default,
        &Connect::Fake(fake.endpoint.clone()),
        false,
        &mut out,
    );
    let out = String::from_utf8(out).unwrap();
    assert_eq!(differs, Ok(true), "{out}");
    assert!(!out.contains("old-secret") && !out.contains("new-secret"), "{out}");
    assert!(out.contains("[~] Metadata: {\"note\":\"****\"} -> (none)"), "{out}");
    assert!(out.contains("[~] Password"), "{out}");
    assert!(
        out.contains("[remove] AWS::S3::Bucket Data: removed, and its objects with it"),
        "{out}"
    );
    assert!(
        out.contains("Note: stack S exists but was not deployed by this app (no rcdk:stack tag naming S)"),
        "{out}"
    );
}
