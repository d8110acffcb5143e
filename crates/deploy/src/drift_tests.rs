//! Drift detection against recorded CloudFormation responses (moto does
//! not implement `DetectStackDrift`). The bodies follow the CloudFormation
//! API reference: `DetectStackDrift`, `DescribeStackDriftDetectionStatus`,
//! `DescribeStackResourceDrifts` (`StackResourceDrift`, `PropertyDifference`).

use std::cell::RefCell;

use aws_sdk_cloudformation::operation::describe_stack_resource_drifts::DescribeStackResourceDriftsInput;
use aws_sdk_cloudformation::operation::detect_stack_drift::DetectStackDriftInput;
use rcdk_core::{App, Assembly, CfnParameter, ParameterProps, Resource, StackProps, Value};

use super::*;
use crate::recorded::{answer, error, ok, stack, stack_id, Replay};

/// `Storage`: a queue, a topic, and a database whose password is a `NoEcho`
/// parameter (with a default, to check both are masked).
fn app() -> Assembly {
    let app = App::new();
    let s = app.stack("Storage", StackProps::default());
    let password = CfnParameter::new(
        &s,
        "Password",
        ParameterProps {
            no_echo: true,
            default: Some(Value::from("hunter2-default")),
            ..Default::default()
        },
    );
    Resource::new(&s, "Queue", "AWS::SQS::Queue", [("VisibilityTimeout", Value::from(30))]);
    Resource::new(&s, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    Resource::new(
        &s,
        "Db",
        "AWS::RDS::DBInstance",
        [
            ("Engine", Value::from("postgres")),
            ("MasterUserPassword", Value::from(password.value_as_string())),
        ],
    );
    app.synth().unwrap()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `GetTemplate` answering the app's own template.
fn template_of(a: &Assembly, name: &str) -> (u16, String) {
    ok(
        "GetTemplate",
        &format!(
            "    <TemplateBody>{}</TemplateBody>\n    <StagesAvailable>\n      <member>Original</member>\n      <member>Processed</member>\n    </StagesAvailable>",
            xml_escape(a.stack(name).unwrap().json())
        ),
    )
}

const DETECTION: &str = "2f2b2d60-df86-11e8-bc8f-500c2866f62a";

fn detect() -> (u16, String) {
    ok(
        "DetectStackDrift",
        &format!("    <StackDriftDetectionId>{DETECTION}</StackDriftDetectionId>"),
    )
}

/// `DescribeStackDriftDetectionStatus`: `detection` is `DETECTION_IN_PROGRESS`,
/// `DETECTION_COMPLETE` or `DETECTION_FAILED`.
fn detection_status(
    name: &str,
    detection: &str,
    drift: Option<&str>,
    reason: &str,
    drifted: Option<u32>,
) -> (u16, String) {
    let drift = drift
        .map(|d| format!("\n    <StackDriftStatus>{d}</StackDriftStatus>"))
        .unwrap_or_default();
    let count = drifted
        .map(|n| format!("\n    <DriftedStackResourceCount>{n}</DriftedStackResourceCount>"))
        .unwrap_or_default();
    ok(
        "DescribeStackDriftDetectionStatus",
        &format!(
            "    <StackId>{}</StackId>\n    <StackDriftDetectionId>{DETECTION}</StackDriftDetectionId>{drift}\n    <DetectionStatus>{detection}</DetectionStatus>\n    <DetectionStatusReason>{reason}</DetectionStatusReason>{count}\n    <Timestamp>2026-11-28T10:02:11.548Z</Timestamp>",
            stack_id(name)
        ),
    )
}

fn in_progress(name: &str) -> (u16, String) {
    detection_status(
        name,
        "DETECTION_IN_PROGRESS",
        None,
        "Drift detection is in progress",
        None,
    )
}

/// One `StackResourceDrift` member.
fn resource_drift(
    name: &str,
    logical: &str,
    physical: &str,
    type_name: &str,
    status: &str,
    differences: &[(&str, &str, &str, &str)],
) -> String {
    let diffs: String = differences
        .iter()
        .map(|(path, expected, actual, kind)| {
            format!(
                "          <member>\n            <PropertyPath>{path}</PropertyPath>\n            <ExpectedValue>{}</ExpectedValue>\n            <ActualValue>{}</ActualValue>\n            <DifferenceType>{kind}</DifferenceType>\n          </member>\n",
                xml_escape(expected),
                xml_escape(actual)
            )
        })
        .collect();
    format!(
        "      <member>\n        <StackId>{}</StackId>\n        <LogicalResourceId>{logical}</LogicalResourceId>\n        <PhysicalResourceId>{physical}</PhysicalResourceId>\n        <ResourceType>{type_name}</ResourceType>\n        <ExpectedProperties>{{}}</ExpectedProperties>\n        <ActualProperties>{{}}</ActualProperties>\n        <PropertyDifferences>\n{diffs}        </PropertyDifferences>\n        <StackResourceDriftStatus>{status}</StackResourceDriftStatus>\n        <Timestamp>2026-11-28T10:02:11.548Z</Timestamp>\n      </member>\n",
        stack_id(name)
    )
}

fn drifts_page(members: &[String], next: Option<&str>) -> (u16, String) {
    let next = next
        .map(|t| format!("\n    <NextToken>{t}</NextToken>"))
        .unwrap_or_default();
    ok(
        "DescribeStackResourceDrifts",
        &format!(
            "    <StackResourceDrifts>\n{}    </StackResourceDrifts>{next}",
            members.concat()
        ),
    )
}

fn queue(status: &str, differences: &[(&str, &str, &str, &str)]) -> String {
    resource_drift(
        "Storage",
        "Queue",
        "https://sqs.us-east-1.amazonaws.com/123456789012/Storage-Queue-4KXPXS3ZLCSE",
        "AWS::SQS::Queue",
        status,
        differences,
    )
}

fn topic(status: &str) -> String {
    resource_drift(
        "Storage",
        "Topic",
        "arn:aws:sns:us-east-1:123456789012:Storage-Topic-1GJ5S3LRPUX0M",
        "AWS::SNS::Topic",
        status,
        &[],
    )
}

fn db(status: &str, differences: &[(&str, &str, &str, &str)]) -> String {
    resource_drift(
        "Storage",
        "Db",
        "storage-db-1x2y3z",
        "AWS::RDS::DBInstance",
        status,
        differences,
    )
}

/// Runs [`drift_stacks`] on the app's stacks (`names`) against `replay`.
fn run(a: &Assembly, names: &[&str], replay: &Replay) -> (Result<bool, DeployError>, String) {
    let stacks: Vec<&StackArtifact> = names.iter().map(|n| a.stack(n).unwrap()).collect();
    let cfn = replay.cfn();
    let mut buf = Vec::new();
    let result = {
        let out: Out<'_> = RefCell::new(&mut buf);
        runtime().unwrap().block_on(drift_stacks(&cfn, &stacks, &out))
    };
    (result, String::from_utf8(buf).unwrap())
}

/// The usual calls up to the drift status, for one stack.
fn deployed_and_detected(replay: &mut Replay, a: &Assembly) {
    answer!(
        replay,
        describe_stacks,
        vec![stack("Storage", "UPDATE_COMPLETE", &[], &["Password"])]
    );
    answer!(replay, get_template, vec![template_of(a, "Storage")]);
    answer!(replay, detect_stack_drift, vec![detect()]);
}

#[test]
fn a_stack_in_sync_reports_no_drift() {
    let a = app();
    let mut replay = Replay::default();
    deployed_and_detected(&mut replay, &a);
    answer!(
        replay,
        describe_stack_drift_detection_status,
        vec![
            in_progress("Storage"),
            detection_status(
                "Storage",
                "DETECTION_COMPLETE",
                Some("IN_SYNC"),
                "Drift detection has completed.",
                Some(0)
            ),
        ]
    );
    answer!(
        replay,
        describe_stack_resource_drifts,
        vec![drifts_page(
            &[queue("IN_SYNC", &[]), topic("IN_SYNC"), db("IN_SYNC", &[])],
            None
        )]
    );
    let (result, text) = run(&a, &["Storage"], &replay);
    assert_eq!(result, Ok(false), "{text}");
    assert_eq!(
        text,
        "Storage: detecting drift\nStorage: no drift (3 resources checked)\n"
    );
    assert_eq!(
        replay.operations(),
        [
            "describe_stacks",
            "get_template",
            "detect_stack_drift",
            "describe_stack_drift_detection_status",
            "describe_stack_drift_detection_status",
            "describe_stack_resource_drifts"
        ]
    );
    let detect: DetectStackDriftInput = replay.input("detect_stack_drift", 0);
    assert_eq!(
        detect.stack_name(),
        Some(stack_id("Storage").as_str()),
        "by id, not name"
    );
}

#[test]
fn a_modified_resource_shows_its_construct_path_and_each_property_difference() {
    let a = app();
    let path = a.stack("Storage").unwrap().construct_path("Queue").unwrap().to_owned();
    let mut replay = Replay::default();
    deployed_and_detected(&mut replay, &a);
    answer!(
        replay,
        describe_stack_drift_detection_status,
        vec![detection_status(
            "Storage",
            "DETECTION_COMPLETE",
            Some("DRIFTED"),
            "Drift detection has completed.",
            Some(2)
        )]
    );
    answer!(
        replay,
        describe_stack_resource_drifts,
        vec![drifts_page(
            &[
                queue(
                    "MODIFIED",
                    &[
                        ("/VisibilityTimeout", "30", "120", "NOT_EQUAL"),
                        ("/Tags/0", "", "{\"Key\":\"team\",\"Value\":\"ops\"}", "ADD"),
                    ]
                ),
                db(
                    "MODIFIED",
                    &[
                        ("/MasterUserPassword", "hunter2-given", "changed-by-hand", "NOT_EQUAL"),
                        ("/Engine", "postgres", "hunter2-default", "NOT_EQUAL"),
                    ]
                ),
                topic("IN_SYNC"),
            ],
            None
        )]
    );
    let (result, text) = run(&a, &["Storage"], &replay);
    assert_eq!(result, Ok(true), "{text}");
    let expected = format!(
        "Storage: detecting drift\n  MODIFIED    Db Storage/Db (AWS::RDS::DBInstance)\n      /MasterUserPassword: **** -> **** (NOT_EQUAL)\n      /Engine: postgres -> **** (NOT_EQUAL)\n  MODIFIED    Queue {path} (AWS::SQS::Queue)\n      /VisibilityTimeout: 30 -> 120 (NOT_EQUAL)\n      /Tags/0: (none) -> {{\"Key\":\"team\",\"Value\":\"ops\"}} (ADD)\nStorage: DRIFTED: 2 of 3 checked resources (2 modified)\n"
    );
    assert_eq!(text, expected);
    assert!(!text.contains("hunter2") && !text.contains("changed-by-hand"), "{text}");
}

#[test]
fn deleted_and_unchecked_resources_are_listed() {
    let a = app();
    let mut replay = Replay::default();
    deployed_and_detected(&mut replay, &a);
    answer!(
        replay,
        describe_stack_drift_detection_status,
        vec![detection_status(
            "Storage",
            "DETECTION_COMPLETE",
            Some("DRIFTED"),
            "Drift detection has completed.",
            Some(1)
        )]
    );
    let gone = resource_drift(
        "Storage",
        "OldBucket",
        "old-bucket-1",
        "AWS::S3::Bucket",
        "NOT_CHECKED",
        &[],
    );
    answer!(
        replay,
        describe_stack_resource_drifts,
        vec![drifts_page(&[topic("DELETED"), queue("IN_SYNC", &[]), gone], None)]
    );
    let (result, text) = run(&a, &["Storage"], &replay);
    assert_eq!(result, Ok(true), "{text}");
    assert_eq!(
        text,
        "Storage: detecting drift\n  NOT_CHECKED OldBucket (not in the app) (AWS::S3::Bucket)\n  DELETED     Topic Storage/Topic (AWS::SNS::Topic)\nStorage: DRIFTED: 1 of 2 checked resources (1 deleted); 1 not checked\n"
    );
}

#[test]
fn a_failed_detection_prints_what_it_found_checks_the_other_stacks_and_says_why() {
    let app_ = App::new();
    for name in ["Storage", "Api"] {
        let s = app_.stack(name, StackProps::default());
        Resource::new(&s, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    }
    let a = app_.synth().unwrap();
    let mut replay = Replay::default();
    answer!(
        replay,
        describe_stacks,
        vec![
            stack("Storage", "CREATE_COMPLETE", &[], &[]),
            stack("Api", "CREATE_COMPLETE", &[], &[])
        ]
    );
    answer!(
        replay,
        get_template,
        vec![template_of(&a, "Storage"), template_of(&a, "Api")]
    );
    answer!(replay, detect_stack_drift, vec![detect()]);
    let reason = "Failed to detect drift on resource [Queue]: Access denied for operation 'sqs:GetQueueAttributes'";
    answer!(
        replay,
        describe_stack_drift_detection_status,
        vec![
            detection_status("Storage", "DETECTION_FAILED", Some("IN_SYNC"), reason, None),
            detection_status(
                "Api",
                "DETECTION_COMPLETE",
                Some("IN_SYNC"),
                "Drift detection has completed.",
                Some(0)
            ),
        ]
    );
    answer!(
        replay,
        describe_stack_resource_drifts,
        vec![drifts_page(&[], None), drifts_page(&[queue("IN_SYNC", &[])], None)]
    );
    let (result, text) = run(&a, &["Storage", "Api"], &replay);
    let err = result.unwrap_err().to_string();
    assert_eq!(
        err,
        format!("drift detection of stack Storage failed: DETECTION_FAILED: {reason} (the resources it could check are listed above)")
    );
    assert_eq!(
        text,
        "Storage: detecting drift\nStorage: no drift (0 resources checked); detection FAILED for some resources\nApi: detecting drift\nApi: no drift (1 resource checked)\n"
    );
}

#[test]
fn every_page_of_resource_drifts_is_read() {
    let a = app();
    let mut replay = Replay::default();
    deployed_and_detected(&mut replay, &a);
    answer!(
        replay,
        describe_stack_drift_detection_status,
        vec![detection_status(
            "Storage",
            "DETECTION_COMPLETE",
            Some("DRIFTED"),
            "Drift detection has completed.",
            Some(1)
        )]
    );
    answer!(
        replay,
        describe_stack_resource_drifts,
        vec![
            drifts_page(&[queue("IN_SYNC", &[]), db("IN_SYNC", &[])], Some("page-2-token")),
            drifts_page(&[topic("DELETED")], None),
        ]
    );
    let (result, text) = run(&a, &["Storage"], &replay);
    assert_eq!(result, Ok(true), "{text}");
    assert!(
        text.ends_with("Storage: DRIFTED: 1 of 3 checked resources (1 deleted)\n"),
        "{text}"
    );
    let first: DescribeStackResourceDriftsInput = replay.input("describe_stack_resource_drifts", 0);
    let second: DescribeStackResourceDriftsInput = replay.input("describe_stack_resource_drifts", 1);
    assert_eq!(first.next_token(), None);
    assert_eq!(second.next_token(), Some("page-2-token"));
    assert_eq!(second.stack_name(), Some(stack_id("Storage").as_str()));
}

#[test]
fn a_stack_not_deployed_is_reported_not_an_error() {
    let a = app();
    let mut replay = Replay::default();
    answer!(
        replay,
        describe_stacks,
        vec![error("ValidationError", "Stack with id Storage does not exist")]
    );
    let (result, text) = run(&a, &["Storage"], &replay);
    assert_eq!(result, Ok(false));
    assert_eq!(text, "Storage: not deployed; no drift to detect\n");
    assert_eq!(replay.operations(), ["describe_stacks"]);
}

#[test]
fn a_long_detection_is_never_a_silent_wait() {
    let a = app();
    let mut replay = Replay::default();
    deployed_and_detected(&mut replay, &a);
    // `Cfn::for_test` polls every 5 ms and speaks after 40 ms of silence.
    let mut statuses = vec![in_progress("Storage"); 30];
    statuses.push(detection_status(
        "Storage",
        "DETECTION_COMPLETE",
        Some("IN_SYNC"),
        "Drift detection has completed.",
        Some(0),
    ));
    answer!(replay, describe_stack_drift_detection_status, statuses);
    answer!(replay, describe_stack_resource_drifts, vec![drifts_page(&[], None)]);
    let (result, text) = run(&a, &["Storage"], &replay);
    assert_eq!(result, Ok(false), "{text}");
    assert!(
        text.contains(
            "  Storage: still DETECTION_IN_PROGRESS after 0s, waiting for CloudFormation to check every resource\n"
        ),
        "{text}"
    );
}

#[test]
fn an_api_error_is_one_sentence() {
    let a = app();
    let mut replay = Replay::default();
    answer!(
        replay,
        describe_stacks,
        vec![stack("Storage", "UPDATE_IN_PROGRESS", &[], &[])]
    );
    answer!(replay, get_template, vec![template_of(&a, "Storage")]);
    answer!(
        replay,
        detect_stack_drift,
        vec![error(
            "ValidationError",
            "Drift detection cannot be performed on stack Storage in UPDATE_IN_PROGRESS state"
        )]
    );
    let (result, _) = run(&a, &["Storage"], &replay);
    assert_eq!(
        result.unwrap_err().to_string(),
        "DetectStackDrift failed: Drift detection cannot be performed on stack Storage in UPDATE_IN_PROGRESS state"
    );
}

#[test]
fn secret_paths_follow_refs_subs_and_dynamic_references() {
    let t = serde_json::json!({
        "Parameters": {"Token": {"Type": "String", "NoEcho": "true"}, "Plain": {"Type": "String"}},
        "Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {
            "Environment": {"Variables": {
                "TOKEN": {"Ref": "Token"},
                "URL": {"Fn::Sub": "https://x/${Token}"},
                "KEY": "{{resolve:secretsmanager:prod/key}}",
                "NAME": {"Ref": "Plain"}
            }},
            "Layers": ["arn:1", {"Fn::Sub": "${Plain}"}]
        }}}
    });
    let paths = SecretPaths {
        templates: [&t, &Json::Null],
    };
    for secret in [
        "/Environment/Variables/TOKEN",
        "/Environment/Variables/URL",
        "/Environment/Variables/KEY",
        "/Environment",
        "/Environment/Variables/TOKEN/Extra",
    ] {
        assert!(paths.hides("F", secret), "{secret}");
    }
    for plain in ["/Environment/Variables/NAME", "/Layers/0", "/Layers/1", "/Missing"] {
        assert!(!paths.hides("F", plain), "{plain}");
    }
    assert!(!paths.hides("Other", "/Environment"));
}
