//! Suppressions: reasons required, the metadata every scanner reads, and the
//! checker honouring them. Also packs per stack, strict mode and ordering.

mod common;

use rcdk::core::{App, Construct, Resource, StackProps, Value};
use rcdk::storage::{Attribute, Bucket, BucketProps, Table, TableProps};
use rcdk_policy::{apply_suppressions, aws_solutions, check, suppress, suppress_resource, Level, Policy, PolicyError};
use serde_json::json;

fn metadata(app: &App, stack: &str, logical_id: &str) -> serde_json::Value {
    let assembly = app.synth().expect("synthesizes");
    assembly.stack(stack).unwrap().template()["Resources"][logical_id]["Metadata"].clone()
}

fn logical_id_of(app: &App, path: &str) -> String {
    let assembly = app.synth().expect("synthesizes");
    let stack = assembly.stacks()[0].clone();
    let resources = stack.template()["Resources"].as_object().unwrap().clone();
    resources
        .keys()
        .find(|id| stack.construct_path(id) == Some(path))
        .unwrap_or_else(|| panic!("no resource at {path}"))
        .clone()
}

#[test]
fn a_suppression_without_a_reason_fails_synth_naming_the_construct() {
    for reason in ["", "   \n"] {
        let app = App::new();
        let stack = app.stack("S", StackProps::default());
        let logs = Bucket::new(&stack, "Logs", BucketProps::default());
        suppress(&logs, "RCDK-S3-1", reason);
        let errors = app.synth().expect_err("an empty reason is an error").to_string();
        assert!(errors.contains("S/Logs"), "{errors}");
        assert!(errors.contains("RCDK-S3-1") && errors.contains("no reason"), "{errors}");
    }
}

#[test]
fn an_unknown_builtin_id_fails_synth() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    suppress(&stack, "RCDK-S3-99", "typo");
    let errors = app.synth().unwrap_err().to_string();
    assert!(errors.contains("RCDK-S3-99"), "{errors}");
}

#[test]
fn suppressions_are_written_in_all_four_formats_with_mapped_ids() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let props = TableProps {
        point_in_time_recovery: false,
        deletion_protection: false,
        removal_policy: rcdk::core::RemovalPolicy::Destroy,
        ..TableProps::new(Attribute::string("pk"))
    };
    let table = Table::new(&stack, "Orders", props);
    suppress(&table, "RCDK-DDB-2", "Orders are rebuilt from the event log.");
    // A cdk-nag id names the same built-in rule.
    suppress(&table, "AwsSolutions-DDB3", "The event log is the backup.");
    let id = logical_id_of(&app, "S/Orders/Resource");
    assert_eq!(
        metadata(&app, "S", &id),
        json!({
            "cdk_nag": {"rules_to_suppress": [
                {"id": "AwsSolutions-DDB3", "reason": "The event log is the backup."},
                {"id": "RCDK-DDB-2", "reason": "Orders are rebuilt from the event log."}
            ]},
            "checkov": {"skip": [{"id": "CKV_AWS_28", "comment": "The event log is the backup."}]},
            "cfn_nag": {"rules_to_suppress": [{"id": "W78", "reason": "The event log is the backup."}]},
            "cfn-lint": {"config": {"ignore_checks": ["I3011"]}}
        })
    );
    // The checker honours them: reported as suppressed, with the reason.
    let report = check(&app.synth().unwrap(), &[aws_solutions()]);
    let on_table: Vec<_> = report.findings().iter().filter(|f| f.logical_id == id).collect();
    let ddb1 = on_table
        .iter()
        .find(|f| f.rule_id == "RCDK-DDB-1")
        .expect("PITR is off");
    assert_eq!(ddb1.suppressed.as_deref(), Some("The event log is the backup."));
    let ddb2 = on_table
        .iter()
        .find(|f| f.rule_id == "RCDK-DDB-2")
        .expect("deletion protection is off");
    assert_eq!(
        ddb2.suppressed.as_deref(),
        Some("Orders are rebuilt from the event log.")
    );
    assert!(report
        .failures(true)
        .iter()
        .all(|f| f.logical_id != id || f.rule_id == "RCDK-DDB-3"));
    assert!(report.to_string().contains("suppressed[RCDK-DDB-1]: S/Orders/Resource"));
}

#[test]
fn formats_without_a_corresponding_check_are_omitted() {
    // RCDK-SQS-1 (AwsSolutions-SQS3) has no checkov, cfn-nag or cfn-lint twin.
    let (app, made) = common::app(&[("Queue", "AWS::SQS::Queue", json!({}))]);
    suppress(
        &made["Queue"],
        "RCDK-SQS-1",
        "Failed jobs are re-run from the orders table.",
    );
    assert_eq!(
        metadata(&app, "S", "Queue"),
        json!({"cdk_nag": {"rules_to_suppress": [
            {"id": "AwsSolutions-SQS3", "reason": "Failed jobs are re-run from the orders table."}
        ]}})
    );
}

#[test]
fn a_suppression_covers_the_construct_and_everything_below_it() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let group = stack.child("Ingest");
    let inner = group.child("Buffers");
    Resource::new(&inner, "A", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    Resource::new(&group, "B", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    Resource::new(&stack, "Outside", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    suppress(&group, "RCDK-SQS-1", "Buffers are transient.");
    let report = check(&app.synth().unwrap(), &[aws_solutions()]);
    let sqs1: Vec<(String, bool)> = report
        .findings()
        .iter()
        .filter(|f| f.rule_id == "RCDK-SQS-1")
        .map(|f| (f.construct_path.clone().unwrap(), f.suppressed.is_some()))
        .collect();
    assert_eq!(
        sqs1,
        [
            ("S/Ingest/B".to_owned(), true),
            ("S/Ingest/Buffers/A".to_owned(), true),
            ("S/Outside".to_owned(), false),
        ]
    );
}

#[test]
fn suppress_resource_covers_only_the_constructs_own_resource() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let logs = Bucket::new(&stack, "Logs", BucketProps::default());
    suppress_resource(&logs, "RCDK-S3-1", "This is the access-log bucket.");
    let bucket = logical_id_of(&app, "S/Logs/Resource");
    let meta = metadata(&app, "S", &bucket);
    assert_eq!(meta["checkov"]["skip"][0]["id"], "CKV_AWS_18");
    assert_eq!(meta["cfn_nag"]["rules_to_suppress"][0]["id"], "W35");
    // The bucket policy below the construct is not touched.
    let assembly = app.synth().unwrap();
    let template = assembly.stack("S").unwrap().template();
    for (id, resource) in template["Resources"].as_object().unwrap() {
        if *id != bucket {
            assert!(resource.get("Metadata").is_none(), "{id} got metadata");
        }
    }
}

#[test]
fn resources_added_after_the_suppression_get_it_at_synthesis() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let group = stack.child("Jobs");
    suppress(&group, "RCDK-SQS-1", "Jobs are idempotent.");
    Resource::new(
        &group,
        "Late",
        "AWS::SQS::Queue",
        [("SqsManagedSseEnabled", Value::from(true))],
    );
    let late = logical_id_of(&app, "S/Jobs/Late");
    let once = app.synth().unwrap().stack("S").unwrap().to_json();
    apply_suppressions(&app);
    apply_suppressions(&stack);
    let twice = app.synth().unwrap().stack("S").unwrap().to_json();
    assert_eq!(once, twice, "applying again changes nothing");
    assert_eq!(
        metadata(&app, "S", &late)["cdk_nag"]["rules_to_suppress"][0]["id"],
        "AwsSolutions-SQS3"
    );
}

#[test]
fn metadata_written_by_others_is_kept() {
    let (app, made) = common::app(&[("Bucket", "AWS::S3::Bucket", json!({}))]);
    made["Bucket"].add_metadata(
        "checkov",
        Value::from_json(&json!({"skip": [{"id": "CKV_AWS_21", "comment": "Versioning is not wanted here."}]})),
    );
    suppress(&made["Bucket"], "RCDK-S3-1", "Access-log bucket.");
    suppress(&made["Bucket"], "RCDK-S3-1", "Access-log bucket, said twice.");
    assert_eq!(
        metadata(&app, "S", "Bucket")["checkov"],
        json!({"skip": [
            {"id": "CKV_AWS_21", "comment": "Versioning is not wanted here."},
            {"id": "CKV_AWS_18", "comment": "Access-log bucket, said twice."}
        ]})
    );
}

#[test]
fn an_app_wide_suppression_covers_every_stack() {
    let app = App::new();
    for name in ["A", "B"] {
        let stack = app.stack(name, StackProps::default());
        Resource::new(&stack, "Key", "AWS::KMS::Key", Vec::<(String, Value)>::new());
    }
    suppress(&app, "RCDK-KMS-1", "Keys are rotated by the platform team's runbook.");
    let report = check(&app.synth().unwrap(), &[aws_solutions()]);
    let kms1: Vec<_> = report.findings().iter().filter(|f| f.rule_id == "RCDK-KMS-1").collect();
    assert_eq!(kms1.len(), 2);
    assert!(kms1.iter().all(|f| f.suppressed.is_some()));
}

#[test]
fn custom_rule_ids_are_honoured_through_cdk_nag_metadata() {
    use rcdk_policy::{Pack, ResourceView, Rule};
    struct NoDelay;
    impl Rule for NoDelay {
        fn id(&self) -> &str {
            "APP-1"
        }
        fn level(&self) -> Level {
            Level::Warning
        }
        fn explanation(&self) -> &str {
            "The queue delays messages."
        }
        fn fix(&self) -> &str {
            "Remove DelaySeconds."
        }
        fn check(&self, r: &ResourceView<'_>) -> Vec<String> {
            match r.prop("DelaySeconds") {
                Some(d) if d != 0 => vec![format!("{d} seconds")],
                _ => Vec::new(),
            }
        }
    }
    let (app, made) = common::app(&[("Queue", "AWS::SQS::Queue", json!({"DelaySeconds": 30}))]);
    let pack = Pack::new("app").with_rule(NoDelay);
    let report = check(&app.synth().unwrap(), std::slice::from_ref(&pack));
    assert_eq!(report.findings()[0].message, "The queue delays messages: 30 seconds");
    assert!(report.passes(false) && !report.passes(true));
    suppress(&made["Queue"], "APP-1", "The consumer needs time to warm up.");
    assert_eq!(
        metadata(&app, "S", "Queue")["cdk_nag"]["rules_to_suppress"][0]["id"],
        "APP-1"
    );
    let report = check(&app.synth().unwrap(), &[pack]);
    assert!(report.passes(true));
}

#[test]
fn strict_mode_fails_on_warnings() {
    // A log group with retention and nothing else: only RCDK-LOGS-2, a warning.
    let (app, _) = common::app(&[("Logs", "AWS::Logs::LogGroup", json!({"RetentionInDays": 7}))]);
    let assembly = app.synth().unwrap();
    let report = check(&assembly, &[aws_solutions()]);
    assert_eq!(report.findings().len(), 1);
    assert_eq!(report.findings()[0].level, Level::Warning);
    assert!(report.passes(false));
    assert!(!report.passes(true));
    assert!(Policy::new().pack(aws_solutions()).synth(&app).is_ok());
    match Policy::new().pack(aws_solutions()).strict(true).synth(&app) {
        Err(PolicyError::Findings { report, .. }) => assert_eq!(report.failures(true).len(), 1),
        other => panic!("strict mode should fail: {other:?}"),
    }
}

#[test]
fn packs_are_opt_in_per_stack() {
    let app = App::new();
    let dev = app.stack("Dev", StackProps::default());
    let prod = app.stack("Prod", StackProps::default());
    Resource::new(&dev, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    Resource::new(&prod, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    let assembly = app.synth().unwrap();
    assert!(Policy::new().check(&assembly).findings().is_empty());
    let report = Policy::new().stack_pack("Prod", aws_solutions()).check(&assembly);
    assert!(!report.findings().is_empty());
    assert!(report.findings().iter().all(|f| f.stack == "Prod"));
}

#[test]
fn findings_are_sorted_and_deterministic() {
    let build = || {
        let (app, _) = common::app(&[
            ("Zeta", "AWS::SQS::Queue", json!({})),
            ("Alpha", "AWS::SNS::Topic", json!({})),
            ("Mid", "AWS::S3::Bucket", json!({})),
        ]);
        // The same pack twice reports each finding once.
        check(&app.synth().unwrap(), &[aws_solutions(), aws_solutions()])
    };
    let report = build();
    let keys: Vec<(String, String)> = report
        .findings()
        .iter()
        .map(|f| (f.logical_id.clone(), f.rule_id.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(keys, sorted);
    assert_eq!(report.to_string(), build().to_string());
}

#[test]
fn l2_defaults_are_reported_at_their_construct_paths() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(&stack, "Uploads", BucketProps::default());
    let report = check(&app.synth().unwrap(), &[aws_solutions()]);
    let on_bucket: Vec<&str> = report
        .findings()
        .iter()
        .filter(|f| f.construct_path.as_deref() == Some("S/Uploads/Resource"))
        .map(|f| f.rule_id.as_str())
        .collect();
    // rcdk's bucket blocks public access and denies non-TLS requests by default.
    assert!(on_bucket.contains(&"RCDK-S3-1"), "{on_bucket:?}");
    assert!(!on_bucket.contains(&"RCDK-S3-2"), "{on_bucket:?}");
    assert!(!on_bucket.contains(&"RCDK-S3-3"), "{on_bucket:?}");
    assert_eq!(bucket.scope().path(), "S/Uploads");
}

#[test]
fn readme_example() {
    let app = App::new();
    let stack = app.stack("Web", StackProps::default());
    let queue = Resource::new(
        &stack,
        "Jobs",
        "AWS::SQS::Queue",
        [("SqsManagedSseEnabled", Value::from(true))],
    );
    suppress(
        &queue,
        "RCDK-SQS-1",
        "Jobs are idempotent and re-created from the orders table.",
    );
    suppress(
        &queue,
        "RCDK-SQS-3",
        "Only the worker role may use the queue, over the SDK.",
    );
    let (_assembly, report) = Policy::new().pack(aws_solutions()).strict(true).synth(&app).unwrap();
    assert_eq!(report.suppressed().len(), 2);
}

#[test]
fn metadata_overwritten_after_a_synthesis_gets_the_suppression_back() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let queue = Resource::new(
        &stack,
        "Queue",
        "AWS::SQS::Queue",
        [("SqsManagedSseEnabled", Value::from(true))],
    );
    suppress(&queue, "RCDK-SQS-1", "Jobs are idempotent.");
    let first = app.synth().unwrap().stack("S").unwrap().to_json();
    queue.add_metadata("cdk_nag", Value::from_json(&json!({"rules_to_suppress": []})));
    let again = app.synth().unwrap().stack("S").unwrap().to_json();
    assert_eq!(first, again, "the suppression is written again");
    assert!(again.contains("AwsSolutions-SQS3"), "{again}");
}

#[test]
fn an_app_wide_suppression_covers_stacks_made_after_it() {
    let app = App::new();
    suppress(&app, "RCDK-SQS-1", "Every queue here is rebuilt from its source.");
    let stack = app.stack("Later", StackProps::default());
    Resource::new(
        &stack,
        "Queue",
        "AWS::SQS::Queue",
        [("SqsManagedSseEnabled", Value::from(true))],
    );
    let meta = metadata(&app, "Later", "Queue");
    assert_eq!(
        meta["cdk_nag"]["rules_to_suppress"][0]["id"], "AwsSolutions-SQS3",
        "{meta}"
    );
}
