//! Import against recorded CloudFormation responses (moto does not
//! implement `IMPORT` change sets). The bodies follow the CloudFormation
//! API reference: `CreateChangeSet` (with `ResourcesToImport`),
//! `DescribeChangeSet` (`Action` `Import`), `ExecuteChangeSet`, and the
//! stack statuses of an import (`IMPORT_IN_PROGRESS`, `IMPORT_COMPLETE`).

use std::collections::HashMap;

use aws_sdk_cloudformation::operation::create_change_set::CreateChangeSetInput;
use aws_sdk_cloudformation::operation::delete_change_set::DeleteChangeSetInput;
use rcdk_core::{App, Assembly, DeletionPolicy, Resource, StackProps, Value};
use serde_json::json;

use super::*;
use crate::owner::CHANGE_SET_PREFIX;
use crate::recorded::{answer, error, ok, stack, stack_id, Replay};

const QUEUE_URL: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";

/// `Storage` as deployed (`deployed: true`: a topic) or as the app has it
/// now: the topic, a bucket named in the template, a queue (identified by
/// its URL, which no template can set), both with a `DeletionPolicy`.
fn app(deployed: bool) -> Assembly {
    let app = App::new();
    let s = app.stack("Storage", StackProps::default());
    Resource::new(&s, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    if !deployed {
        let bucket = Resource::new(
            &s,
            "Bucket",
            "AWS::S3::Bucket",
            [("BucketName", Value::from("my-existing-bucket"))],
        );
        bucket.set_deletion_policy(DeletionPolicy::Retain);
        let queue = Resource::new(&s, "Queue", "AWS::SQS::Queue", [("QueueName", Value::from("jobs"))]);
        queue.set_deletion_policy(DeletionPolicy::Retain);
    }
    app.synth().unwrap()
}

fn mapping() -> ResourceMapping {
    parse_resource_mapping(&format!(r#"{{"Queue": {{"QueueUrl": "{QUEUE_URL}"}}}}"#)).unwrap()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn deployed_template() -> (u16, String) {
    ok(
        "GetTemplate",
        &format!(
            "    <TemplateBody>{}</TemplateBody>",
            xml_escape(app(true).stack("Storage").unwrap().json())
        ),
    )
}

fn owned(status: &str) -> (u16, String) {
    stack("Storage", status, &[(OWNER_TAG, "Storage"), ("team", "data")], &[])
}

fn no_change_sets() -> (u16, String) {
    ok("ListChangeSets", "    <Summaries/>")
}

fn created() -> (u16, String) {
    ok(
        "CreateChangeSet",
        &format!(
            "    <Id>arn:aws:cloudformation:us-east-1:123456789012:changeSet/rcdk-1764324000000/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d</Id>\n    <StackId>{}</StackId>",
            stack_id("Storage")
        ),
    )
}

/// `DescribeChangeSet` in `status`, with an `Import` change per `(logical, type, physical)`.
fn change_set(status: &str, reason: &str, imports: &[(&str, &str, &str)]) -> (u16, String) {
    let changes: String = imports
        .iter()
        .map(|(l, t, p)| {
            format!(
                "      <member>\n        <Type>Resource</Type>\n        <ResourceChange>\n          <Action>Import</Action>\n          <LogicalResourceId>{l}</LogicalResourceId>\n          <PhysicalResourceId>{p}</PhysicalResourceId>\n          <ResourceType>{t}</ResourceType>\n          <Scope/>\n          <Details/>\n        </ResourceChange>\n      </member>\n"
            )
        })
        .collect();
    let execution = if status == "CREATE_COMPLETE" {
        "AVAILABLE"
    } else {
        "UNAVAILABLE"
    };
    ok(
        "DescribeChangeSet",
        &format!(
            "    <ChangeSetName>rcdk-1764324000000</ChangeSetName>\n    <ChangeSetId>arn:aws:cloudformation:us-east-1:123456789012:changeSet/rcdk-1764324000000/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d</ChangeSetId>\n    <StackId>{}</StackId>\n    <StackName>Storage</StackName>\n    <ExecutionStatus>{execution}</ExecutionStatus>\n    <Status>{status}</Status>\n    <StatusReason>{reason}</StatusReason>\n    <Changes>\n{changes}    </Changes>",
            stack_id("Storage")
        ),
    )
}

fn events(statuses: &[(&str, &str, &str)]) -> (u16, String) {
    let members: String = statuses
        .iter()
        .enumerate()
        .rev()
        .map(|(i, (logical, t, status))| {
            format!(
                "      <member>\n        <EventId>{logical}-{status}-{i}</EventId>\n        <StackId>{}</StackId>\n        <StackName>Storage</StackName>\n        <LogicalResourceId>{logical}</LogicalResourceId>\n        <ResourceType>{t}</ResourceType>\n        <Timestamp>2026-11-28T10:0{i}:00.000Z</Timestamp>\n        <ResourceStatus>{status}</ResourceStatus>\n      </member>\n",
                stack_id("Storage")
            )
        })
        .collect();
    ok(
        "DescribeStackEvents",
        &format!("    <StackEvents>\n{members}    </StackEvents>"),
    )
}

fn imported_events() -> (u16, String) {
    events(&[
        ("Storage", "AWS::CloudFormation::Stack", "IMPORT_IN_PROGRESS"),
        ("Bucket", "AWS::S3::Bucket", "IMPORT_COMPLETE"),
        ("Queue", "AWS::SQS::Queue", "IMPORT_COMPLETE"),
        ("Storage", "AWS::CloudFormation::Stack", "IMPORT_COMPLETE"),
    ])
}

/// The calls of an import up to the change set, which CloudFormation computes.
fn up_to_change_set(replay: &mut Replay, describe: Vec<(u16, String)>) {
    answer!(replay, describe_stacks, describe);
    answer!(replay, list_change_sets, vec![no_change_sets()]);
    answer!(replay, get_template, vec![deployed_template()]);
    answer!(replay, create_change_set, vec![created()]);
    answer!(
        replay,
        describe_change_set,
        vec![
            change_set("CREATE_IN_PROGRESS", "", &[]),
            change_set(
                "CREATE_COMPLETE",
                "",
                &[
                    ("Bucket", "AWS::S3::Bucket", "my-existing-bucket"),
                    ("Queue", "AWS::SQS::Queue", QUEUE_URL)
                ]
            ),
        ]
    );
}

/// Runs [`import_stack`] on `Storage`, answering `yes` (and recording the questions).
fn run(
    a: &Assembly,
    opts: &ImportOptions,
    replay: &Replay,
    yes: bool,
) -> (Result<ImportOutcome, DeployError>, String, Vec<String>) {
    let s = a.stack("Storage").unwrap();
    let cfn = replay.cfn();
    let mut buf = Vec::new();
    let mut asked = Vec::new();
    let result = {
        let out: Out<'_> = RefCell::new(&mut buf);
        let mut confirm = |q: &str| {
            asked.push(q.to_owned());
            yes
        };
        runtime()
            .unwrap()
            .block_on(import_stack(&cfn, s, opts, &out, &mut confirm))
    };
    (result, String::from_utf8(buf).unwrap(), asked)
}

#[test]
fn an_import_sends_exactly_the_resources_to_import_and_the_deployed_template_plus_them() {
    let a = app(false);
    let mut replay = Replay::default();
    up_to_change_set(
        &mut replay,
        vec![
            owned("UPDATE_COMPLETE"),
            owned("IMPORT_IN_PROGRESS"),
            owned("IMPORT_COMPLETE"),
        ],
    );
    answer!(replay, describe_stack_events, vec![events(&[]), imported_events()]);
    answer!(replay, execute_change_set, vec![ok("ExecuteChangeSet", "")]);
    let opts = ImportOptions {
        resource_mapping: mapping(),
        ..ImportOptions::default()
    };
    let (result, text, asked) = run(&a, &opts, &replay, true);
    assert_eq!(
        result,
        Ok(ImportOutcome {
            stack: "Storage".into(),
            imported: vec!["Bucket".into(), "Queue".into()],
            change_set: None,
            not_imported: vec![],
        }),
        "{text}"
    );
    assert_eq!(
        asked,
        ["Import 2 resource(s) into stack Storage (Bucket, Queue)? (y/n)"]
    );

    let sent: CreateChangeSetInput = replay.input("create_change_set", 0);
    assert_eq!(sent.change_set_type(), Some(&ChangeSetType::Import));
    assert_eq!(sent.stack_name(), Some(stack_id("Storage").as_str()));
    assert!(sent.change_set_name().unwrap().starts_with(CHANGE_SET_PREFIX));
    let to_import: Vec<(String, String, HashMap<String, String>)> = sent
        .resources_to_import()
        .iter()
        .map(|r| {
            (
                r.resource_type().unwrap().to_owned(),
                r.logical_resource_id().unwrap().to_owned(),
                r.resource_identifier().unwrap().clone(),
            )
        })
        .collect();
    assert_eq!(
        to_import,
        [
            (
                "AWS::S3::Bucket".to_owned(),
                "Bucket".to_owned(),
                HashMap::from([("BucketName".to_owned(), "my-existing-bucket".to_owned())])
            ),
            (
                "AWS::SQS::Queue".to_owned(),
                "Queue".to_owned(),
                HashMap::from([("QueueUrl".to_owned(), QUEUE_URL.to_owned())])
            ),
        ]
    );
    let body: Json = serde_json::from_str(sent.template_body().unwrap()).unwrap();
    let mut expected = app(true).stack("Storage").unwrap().template().clone();
    let now = a.stack("Storage").unwrap().template();
    for l in ["Bucket", "Queue"] {
        expected["Resources"][l] = now["Resources"][l].clone();
    }
    assert_eq!(body, expected);
    assert_eq!(body["Resources"]["Queue"]["Type"], "AWS::SQS::Queue");
    assert_eq!(body["Resources"]["Queue"]["DeletionPolicy"], "Retain");
    assert_eq!(body["Resources"]["Queue"]["Properties"], json!({"QueueName": "jobs"}));
    let tags: Vec<(&str, &str)> = sent
        .tags()
        .iter()
        .map(|t| (t.key().unwrap(), t.value().unwrap()))
        .collect();
    assert_eq!(
        tags,
        [(OWNER_TAG, "Storage"), ("team", "data")],
        "the stack's tags, unchanged"
    );
    assert!(sent
        .capabilities()
        .contains(&aws_sdk_cloudformation::types::Capability::CapabilityNamedIam));

    assert_eq!(
        replay.operations(),
        [
            "describe_stacks",
            "list_change_sets",
            "get_template",
            "create_change_set",
            "describe_stack_events",
            "describe_change_set",
            "describe_change_set",
            "execute_change_set",
            "describe_stack_events",
            "describe_stacks",
            "describe_stack_events",
            "describe_stacks",
        ]
    );
    for line in [
        "Storage: importing 2 existing resource(s):\n  Bucket (Storage/Bucket, AWS::S3::Bucket) with BucketName=my-existing-bucket\n  Queue (Storage/Queue, AWS::SQS::Queue) with QueueUrl=https://sqs.us-east-1.amazonaws.com/123456789012/jobs\n",
        "  Import  Bucket (Storage/Bucket, AWS::S3::Bucket) <- my-existing-bucket\n",
        "| IMPORT_COMPLETE              | AWS::S3::Bucket Bucket\n",
        "Storage: IMPORT_COMPLETE: imported Bucket, Queue; run drift detection to check they match the app\n",
    ] {
        assert!(text.contains(line), "{line}\nnot in\n{text}");
    }
    assert!(!text.contains("deploy afterwards"), "{text}");
}

#[test]
fn the_parameters_are_kept_at_their_previous_values() {
    let d = Deployed {
        parameters: vec!["Password".into(), "Size".into()],
        ..Deployed::default()
    };
    let p = previous_parameters(&d);
    assert_eq!(p.len(), 2);
    assert!(p
        .iter()
        .all(|p| p.use_previous_value() == Some(true) && p.parameter_value().is_none()));
    assert_eq!(p[0].parameter_key(), Some("Password"));
}

#[test]
fn a_declined_import_removes_its_change_set_and_executes_nothing() {
    let a = app(false);
    let mut replay = Replay::default();
    up_to_change_set(&mut replay, vec![owned("UPDATE_COMPLETE")]);
    answer!(replay, describe_stack_events, vec![events(&[])]);
    answer!(replay, delete_change_set, vec![ok("DeleteChangeSet", "")]);
    let opts = ImportOptions {
        resource_mapping: mapping(),
        ..ImportOptions::default()
    };
    let (result, text, asked) = run(&a, &opts, &replay, false);
    assert_eq!(result, Err(DeployError::Declined), "{text}");
    assert_eq!(asked.len(), 1);
    let ops = replay.operations();
    assert!(!ops.contains(&"execute_change_set"), "{ops:?}");
    assert_eq!(ops.last(), Some(&"delete_change_set"));
    let deleted: DeleteChangeSetInput = replay.input("delete_change_set", 0);
    let created: CreateChangeSetInput = replay.input("create_change_set", 0);
    assert_eq!(deleted.change_set_name(), created.change_set_name());
}

#[test]
fn without_approval_nothing_is_asked_and_without_execute_the_change_set_waits() {
    let a = app(false);
    let mut replay = Replay::default();
    up_to_change_set(&mut replay, vec![owned("UPDATE_COMPLETE")]);
    answer!(replay, describe_stack_events, vec![events(&[])]);
    let opts = ImportOptions {
        resource_mapping: mapping(),
        require_approval: Approval::Never,
        execute: false,
        ..ImportOptions::default()
    };
    let (result, text, asked) = run(&a, &opts, &replay, false);
    let outcome = result.unwrap();
    assert!(asked.is_empty());
    let cs = outcome.change_set.clone().expect("left for review");
    assert!(
        text.contains(&format!(
            "Storage: change set {cs} created, not executed; to execute it: aws cloudformation execute-change-set"
        )),
        "{text}"
    );
    assert!(!replay.operations().contains(&"execute_change_set"));
}

#[test]
fn a_failed_change_set_is_removed_and_its_reason_given() {
    let a = app(false);
    let mut replay = Replay::default();
    answer!(replay, describe_stacks, vec![owned("UPDATE_COMPLETE")]);
    answer!(replay, list_change_sets, vec![no_change_sets()]);
    answer!(replay, get_template, vec![deployed_template()]);
    answer!(replay, create_change_set, vec![created()]);
    answer!(replay, describe_stack_events, vec![events(&[])]);
    let reason = "Resources [Bucket] is already in stack arn:aws:cloudformation:us-east-1:123456789012:stack/Other/1";
    answer!(replay, describe_change_set, vec![change_set("FAILED", reason, &[])]);
    answer!(replay, delete_change_set, vec![ok("DeleteChangeSet", "")]);
    let opts = ImportOptions {
        resource_mapping: mapping(),
        ..ImportOptions::default()
    };
    let (result, _, _) = run(&a, &opts, &replay, true);
    assert_eq!(
        result.unwrap_err().to_string(),
        format!("stack Storage: the change set failed: {reason}")
    );
    assert_eq!(replay.operations().last(), Some(&"delete_change_set"));
}

#[test]
fn a_rolled_back_import_names_the_failed_resources_and_what_to_do() {
    let a = app(false);
    let mut replay = Replay::default();
    up_to_change_set(
        &mut replay,
        vec![
            owned("UPDATE_COMPLETE"),
            owned("IMPORT_ROLLBACK_IN_PROGRESS"),
            owned("IMPORT_ROLLBACK_COMPLETE"),
        ],
    );
    let failed = events(&[
        ("Storage", "AWS::CloudFormation::Stack", "IMPORT_IN_PROGRESS"),
        ("Queue", "AWS::SQS::Queue", "IMPORT_FAILED"),
        ("Storage", "AWS::CloudFormation::Stack", "IMPORT_ROLLBACK_COMPLETE"),
    ]);
    answer!(replay, describe_stack_events, vec![events(&[]), failed]);
    answer!(replay, execute_change_set, vec![ok("ExecuteChangeSet", "")]);
    let opts = ImportOptions {
        resource_mapping: mapping(),
        ..ImportOptions::default()
    };
    let (result, text, _) = run(&a, &opts, &replay, true);
    let err = result.unwrap_err().to_string();
    assert!(
        err.starts_with("stack Storage ended IMPORT_ROLLBACK_COMPLETE\n  IMPORT_FAILED AWS::SQS::Queue Queue"),
        "{err}\n{text}"
    );
    assert!(
        err.ends_with(
            "the import failed and was rolled back: the stack is as it was before; fix the cause and import again"
        ),
        "{err}"
    );
}

#[test]
fn a_stack_that_is_not_deployed_or_busy_is_refused_before_anything_changes() {
    let a = app(false);
    let mut replay = Replay::default();
    answer!(
        replay,
        describe_stacks,
        vec![
            error("ValidationError", "Stack with id Storage does not exist"),
            owned("UPDATE_IN_PROGRESS")
        ]
    );
    let (result, _, _) = run(&a, &ImportOptions::default(), &replay, true);
    assert_eq!(
        result.unwrap_err().to_string(),
        "import into stack Storage failed: the stack is not deployed; an import brings resources into a deployed stack: deploy the app without the resources to import first"
    );
    let (result, _, _) = run(&a, &ImportOptions::default(), &replay, true);
    assert_eq!(
        result.unwrap_err().to_string(),
        "stack Storage is UPDATE_IN_PROGRESS: another operation is running; wait for it to finish and import again"
    );
    assert_eq!(replay.operations(), ["describe_stacks", "describe_stacks"]);
}

#[test]
fn a_stack_another_app_deployed_is_refused_without_force() {
    let a = app(false);
    let mut replay = Replay::default();
    answer!(
        replay,
        describe_stacks,
        vec![stack("Storage", "UPDATE_COMPLETE", &[], &[])]
    );
    answer!(replay, list_change_sets, vec![no_change_sets()]);
    let (result, _, _) = run(&a, &ImportOptions::default(), &replay, true);
    assert!(matches!(result, Err(DeployError::NotOwned { .. })), "{result:?}");
}

#[test]
fn several_stacks_are_refused_before_connecting() {
    let app_ = App::new();
    for name in ["A", "B"] {
        let s = app_.stack(name, StackProps::default());
        Resource::new(&s, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    }
    let a = app_.synth().unwrap();
    let err = import(
        &a,
        &Selection::All,
        &AwsOptions::default(),
        &ImportOptions::default(),
        &mut Vec::new(),
        &mut |_| true,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "import failed: an import works on one stack at a time, and 2 are selected (A, B); choose one with --stack NAME"
    );
}

// The plan: what is imported, with which identifiers, and every problem at once.

fn deployed_json() -> Json {
    app(true).stack("Storage").unwrap().template().clone()
}

fn plan_error(a: &Assembly, opts: &ImportOptions) -> String {
    plan(a.stack("Storage").unwrap(), &deployed_json(), opts)
        .unwrap_err()
        .to_string()
}

#[test]
fn identifiers_come_from_literal_properties_then_from_the_mapping() {
    let a = app(false);
    let p = plan(
        a.stack("Storage").unwrap(),
        &deployed_json(),
        &ImportOptions {
            resource_mapping: mapping(),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        p.imports,
        [
            Import {
                logical_id: "Bucket".into(),
                type_name: "AWS::S3::Bucket".into(),
                identifier: BTreeMap::from([("BucketName".into(), "my-existing-bucket".into())]),
            },
            Import {
                logical_id: "Queue".into(),
                type_name: "AWS::SQS::Queue".into(),
                identifier: BTreeMap::from([("QueueUrl".into(), QUEUE_URL.into())]),
            },
        ]
    );
    assert!(p.not_imported.is_empty());
    assert_eq!(p.other_changes, 0);
}

#[test]
fn a_missing_identifier_names_the_resource_its_path_type_and_the_properties_needed() {
    let a = app(false);
    assert_eq!(
        plan_error(&a, &ImportOptions::default()),
        "import into stack Storage failed: Queue (Storage/Queue, AWS::SQS::Queue) needs QueueUrl to be imported, and the template sets no literal value for it: give it in the resource mapping ({\"Queue\": {\"QueueUrl\": \"...\"}}), or skip the resource to create it with a deploy afterwards"
    );
}

#[test]
fn a_missing_deletion_policy_is_refused_saying_cloudformation_requires_it() {
    let app_ = App::new();
    let s = app_.stack("Storage", StackProps::default());
    Resource::new(&s, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    Resource::new(
        &s,
        "Bucket",
        "AWS::S3::Bucket",
        [("BucketName", Value::from("my-existing-bucket"))],
    );
    let a = app_.synth().unwrap();
    assert_eq!(
        plan_error(&a, &ImportOptions::default()),
        "import into stack Storage failed: Bucket (Storage/Bucket, AWS::S3::Bucket) has no DeletionPolicy, and CloudFormation imports only resources that have one: set it in the app (Retain keeps the resource if it ever leaves the stack)"
    );
}

#[test]
fn a_mapping_that_contradicts_the_template_or_names_no_new_resource_is_refused() {
    let a = app(false);
    let mapping = parse_resource_mapping(&format!(
        r#"{{"Bucket": {{"BucketName": "another-bucket"}}, "Queue": {{"QueueUrl": "{QUEUE_URL}", "QueueName": "jobs"}}, "Topic": {{"TopicArn": "arn:aws:sns:us-east-1:123456789012:t"}}, "Nope": {{"X": "y"}}}}"#
    ))
    .unwrap();
    let err = plan_error(
        &a,
        &ImportOptions {
            resource_mapping: mapping,
            ..ImportOptions::default()
        },
    );
    for part in [
        "the resource mapping names Nope, which is not a resource of stack Storage",
        "the resource mapping names Topic, which the deployed stack already has",
        "Bucket (Storage/Bucket, AWS::S3::Bucket): the resource mapping gives BucketName \"another-bucket\", but the template sets \"my-existing-bucket\"",
        "Queue (Storage/Queue, AWS::SQS::Queue): the resource mapping gives QueueName, which does not identify a AWS::SQS::Queue (its identifier is QueueUrl)",
    ] {
        assert!(err.contains(part), "{part}\nnot in\n{err}");
    }
}

#[test]
fn skipped_and_unimportable_resources_are_left_for_a_deploy() {
    let app_ = App::new();
    let s = app_.stack("Storage", StackProps::default());
    Resource::new(&s, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    let bucket = Resource::new(
        &s,
        "Bucket",
        "AWS::S3::Bucket",
        [("BucketName", Value::from("my-existing-bucket"))],
    );
    bucket.set_deletion_policy(DeletionPolicy::Retain);
    Resource::new(&s, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    Resource::new(
        &s,
        "Seed",
        "Custom::Seed",
        [(
            "ServiceToken",
            Value::from("arn:aws:lambda:us-east-1:123456789012:function:seed"),
        )],
    );
    let a = app_.synth().unwrap();
    let opts = ImportOptions {
        skip: vec!["Queue".into()],
        ..ImportOptions::default()
    };
    let p = plan(a.stack("Storage").unwrap(), &deployed_json(), &opts).unwrap();
    assert_eq!(p.imports.len(), 1);
    assert_eq!(
        p.not_imported,
        [
            ("Queue".to_owned(), "skipped".to_owned()),
            (
                "Seed".to_owned(),
                "Custom::Seed cannot be imported (the registry gives it no primary identifier)".to_owned()
            )
        ]
    );
    assert!(p.template["Resources"].get("Queue").is_none() && p.template["Resources"].get("Seed").is_none());
    let mut buf = Vec::new();
    print_plan(a.stack("Storage").unwrap(), &p, &RefCell::new(&mut buf));
    let text = String::from_utf8(buf).unwrap();
    assert!(
        text.ends_with("Storage: not importing Queue (Storage/Queue, AWS::SQS::Queue): skipped\nStorage: not importing Seed (Storage/Seed, Custom::Seed): Custom::Seed cannot be imported (the registry gives it no primary identifier)\nStorage: an import changes nothing but the imported resources: deploy afterwards to create Queue, Seed\n"),
        "{text}"
    );
}

#[test]
fn an_imported_resource_may_refer_only_to_what_the_stack_will_have() {
    let app_ = App::new();
    let s = app_.stack("Storage", StackProps::default());
    let topic = Resource::new(&s, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    let key = Resource::new(&s, "Key", "AWS::KMS::Key", Vec::<(String, Value)>::new());
    let bucket = Resource::new(
        &s,
        "Bucket",
        "AWS::S3::Bucket",
        [
            ("BucketName", Value::from("my-existing-bucket")),
            ("Tags", serde_json::json!([{"Key": "topic", "Value": {"Ref": "Topic"}}, {"Key": "key", "Value": {"Fn::GetAtt": ["Key", "Arn"]}}, {"Key": "r", "Value": {"Fn::Sub": "${AWS::Region}-${Key.Arn}-${!Literal}"}}]).into()),
        ],
    );
    bucket.set_deletion_policy(DeletionPolicy::Retain);
    let _ = (topic, key);
    let a = app_.synth().unwrap();
    let opts = ImportOptions {
        skip: vec!["Key".into()],
        ..ImportOptions::default()
    };
    let err = plan_error(&a, &opts);
    assert_eq!(
        err,
        "import into stack Storage failed: Bucket (Storage/Bucket, AWS::S3::Bucket) refers to resource Key, which the deployed stack does not have: an import adds nothing but the imported resources, so import Key too, or get it into the stack first (deploy the app without Bucket)"
    );
}

#[test]
fn a_resource_mapping_reads_the_cdk_format() {
    let m =
        parse_resource_mapping(r#"{"Bucket": {"BucketName": "b"}, "Table": {"TableName": "t", "Shard": 3}}"#).unwrap();
    assert_eq!(m["Bucket"]["BucketName"], "b");
    assert_eq!(m["Table"]["Shard"], "3");
    for (bad, says) in [
        ("[1]", "it must be an object of logical IDs"),
        (r#"{"Bucket": "b"}"#, "Bucket must be an object of identifier values"),
        (
            r#"{"Bucket": {"BucketName": {"Ref": "X"}}}"#,
            "Bucket.BucketName must be a string",
        ),
        ("{", "it is not JSON"),
    ] {
        let err = parse_resource_mapping(bad).unwrap_err().to_string();
        assert!(
            err.starts_with("reading the resource mapping failed: ") && err.contains(says),
            "{bad}: {err}"
        );
    }
    let err = load_resource_mapping(Path::new("/nonexistent/mapping.json"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("reading the resource mapping /nonexistent/mapping.json failed: "),
        "{err}"
    );
}
