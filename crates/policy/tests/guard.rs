//! CloudFormation Guard rule files (the `guard` feature): findings per
//! failing rule and resource, located at the user's line, suppressible, in
//! packs and policies like the Rust rules.

#![cfg(feature = "guard")]

use rcdk::core::{App, Resource, StackProps, Value};
use rcdk::messaging::{Queue, QueueProps};
use rcdk::storage::{Bucket, BucketProps};
use rcdk_policy::guard::{GuardError, GuardRules};
use rcdk_policy::{check, suppress, Finding, Level, Pack, Policy, PolicyError, Report};

const RULES: &str = include_str!("guard/storage.guard");
const RULES_NAME: &str = "tests/guard/storage.guard";

fn rules() -> GuardRules {
    GuardRules::new(RULES_NAME, RULES).expect("the rule file parses")
}

/// An app with a bucket and a queue that break the rules and a bucket and a
/// queue that keep them.
struct Fixture {
    app: App,
    /// The unversioned bucket, and the line that made it.
    data: Bucket,
    bucket_line: u32,
    /// The unencrypted queue, and the line that made it.
    raw: Resource,
    queue_line: u32,
}

fn fixture() -> Fixture {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket_line = line!() + 1;
    let data = Bucket::new(&stack, "Data", BucketProps::default());
    let versioned = BucketProps {
        versioned: true,
        ..BucketProps::default()
    };
    Bucket::new(&stack, "Archive", versioned);
    Queue::new(&stack, "Jobs", QueueProps::default());
    let queue_line = line!() + 1;
    let raw = Resource::new(&stack, "Raw", "AWS::SQS::Queue", [("DelaySeconds", Value::from(5))]);
    Fixture {
        app,
        data,
        bucket_line,
        raw,
        queue_line,
    }
}

fn logical_id_at(app: &App, path: &str) -> String {
    let assembly = app.synth().expect("synthesizes");
    let stack = &assembly.stacks()[0];
    let resources = stack.template()["Resources"].as_object().unwrap();
    resources
        .keys()
        .find(|id| stack.construct_path(id) == Some(path))
        .unwrap_or_else(|| panic!("no resource at {path}"))
        .clone()
}

fn ids(report: &Report) -> Vec<(&str, &str)> {
    report
        .findings()
        .iter()
        .map(|f| (f.rule_id.as_str(), f.construct_path.as_deref().unwrap_or("")))
        .collect()
}

fn finding<'r>(report: &'r Report, rule_id: &str) -> &'r Finding {
    report
        .findings()
        .iter()
        .find(|f| f.rule_id == rule_id)
        .unwrap_or_else(|| panic!("no {rule_id} finding in\n{report}"))
}

#[test]
fn each_failing_rule_and_resource_is_a_finding_at_the_users_line() {
    let Fixture {
        app,
        bucket_line,
        queue_line,
        ..
    } = fixture();
    let report = check(&app.synth().unwrap(), &[rules().into_pack()]);
    // The versioned bucket and the encrypted queue pass.
    let mut found = ids(&report);
    found.sort();
    assert_eq!(
        found,
        [
            ("GUARD-s3_versioning", "S/Data/Resource"),
            ("GUARD-sqs_encrypted", "S/Raw")
        ],
        "{report}"
    );

    let bucket = finding(&report, "GUARD-s3_versioning");
    assert_eq!(bucket.logical_id, logical_id_at(&app, "S/Data/Resource"));
    assert_eq!(bucket.stack, "S");
    assert_eq!(bucket.resource_type, "AWS::S3::Bucket");
    assert_eq!(bucket.level, Level::Error);
    assert_eq!(bucket.cdk_nag_id, None);
    let location = bucket.location.as_ref().expect("the finding is located");
    assert_eq!((location.file(), location.line()), (file!(), bucket_line));
    assert_eq!(
        bucket.message,
        "%buckets[*].Properties.VersioningConfiguration.Status EQUALS \"Enabled\": \
         Properties.VersioningConfiguration.Status is missing"
    );
    // The clause's custom message is the fix.
    assert_eq!(bucket.fix, "Turn versioning on (BucketProps { versioned: true, .. }).");
    assert!(
        bucket
            .to_string()
            .starts_with(&format!("{location}: error[GUARD-s3_versioning]: S/Data/Resource (S ")),
        "{bucket}"
    );

    let queue = finding(&report, "GUARD-sqs_encrypted");
    assert_eq!(queue.logical_id, "Raw");
    assert_eq!(queue.resource_type, "AWS::SQS::Queue");
    let location = queue.location.as_ref().expect("the finding is located");
    assert_eq!((location.file(), location.line()), (file!(), queue_line));
    // Both branches of the `or` failed, on the one resource.
    assert_eq!(
        queue.message,
        "Properties.SqsManagedSseEnabled EQUALS true: Properties.SqsManagedSseEnabled is missing \
         or Properties.KmsMasterKeyId EXISTS: Properties.KmsMasterKeyId is missing"
    );
    // No custom message: the fix points at the rule.
    assert_eq!(
        queue.fix,
        format!("Change the resource so that it passes rule sqs_encrypted of {RULES_NAME}.")
    );
    assert!(!report.passes(false));
}

#[test]
fn a_template_that_keeps_the_rules_passes() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let versioned = BucketProps {
        versioned: true,
        ..BucketProps::default()
    };
    Bucket::new(&stack, "Archive", versioned);
    Queue::new(&stack, "Jobs", QueueProps::default());
    let report = check(&app.synth().unwrap(), &[rules().into_pack()]);
    assert!(report.findings().is_empty(), "{report}");
    // And a stack without buckets or queues: the rules do not apply.
    let empty = App::new();
    let stack = empty.stack("E", StackProps::default());
    Resource::new(&stack, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    assert!(check(&empty.synth().unwrap(), &[rules().into_pack()])
        .findings()
        .is_empty());
}

#[test]
fn a_suppression_with_a_reason_silences_a_guard_rule() {
    let Fixture { app, data, raw, .. } = fixture();
    suppress(
        &data,
        "GUARD-s3_versioning",
        "Written once by the export job; versions would only cost.",
    );
    suppress(&raw, "GUARD-sqs_encrypted", "Carries only public build numbers.");
    let report = check(&app.synth().unwrap(), &[rules().into_pack()]);
    assert!(report.passes(true), "{report}");
    let suppressed: Vec<(&str, Option<&str>)> = report
        .suppressed()
        .iter()
        .map(|f| (f.rule_id.as_str(), f.suppressed.as_deref()))
        .collect();
    assert_eq!(
        suppressed,
        [
            (
                "GUARD-s3_versioning",
                Some("Written once by the export job; versions would only cost.")
            ),
            ("GUARD-sqs_encrypted", Some("Carries only public build numbers.")),
        ]
    );
    // The suppression is where cdk-nag reads it, under the guard id.
    let assembly = app.synth().unwrap();
    let yaml = assembly.stack("S").unwrap().to_yaml();
    assert!(yaml.contains("id: GUARD-s3_versioning"), "{yaml}");
}

#[test]
fn a_policy_fails_synth_on_a_guard_rule_unless_suppressed() {
    let Fixture { app, bucket_line, .. } = fixture();
    Policy::new().pack(rules().into_pack()).apply(&app);
    let errors = app.synth().expect_err("the guard rules fail synth");
    let text = errors.to_string();
    assert!(text.contains("S/Data/Resource: error[GUARD-s3_versioning]"), "{text}");
    assert!(text.contains("S/Raw: error[GUARD-sqs_encrypted]"), "{text}");
    assert!(text.contains(&format!("{}:{bucket_line}:", file!())), "{text}");

    // Suppressed, or out of the pack: synth passes.
    let Fixture { app, .. } = fixture();
    let stack = app.stacks()[0].clone();
    suppress(&stack, "GUARD-sqs_encrypted", "The raw queue is a test fixture.");
    let pack = rules().into_pack().without("GUARD-s3_versioning");
    let (_, report) = Policy::new().pack(pack).synth(&app).expect("nothing fails");
    assert_eq!(ids(&report), [("GUARD-sqs_encrypted", "S/Raw")]);
    assert!(report.findings()[0].suppressed.is_some());
}

#[test]
fn a_guard_rule_can_be_a_warning_which_fails_only_in_strict_mode() {
    let rules = || {
        rules()
            .with_level("s3_versioning", Level::Warning)
            .unwrap()
            .with_level("GUARD-sqs_encrypted", Level::Warning)
            .unwrap()
    };
    let Fixture { app, .. } = fixture();
    let (_, report) = Policy::new()
        .pack(rules().into_pack())
        .synth(&app)
        .expect("warnings pass");
    assert!(report.findings().iter().all(|f| f.level == Level::Warning), "{report}");
    match Policy::new().pack(rules().into_pack()).strict(true).synth(&app) {
        Err(PolicyError::Findings { report, .. }) => assert_eq!(report.failures(true).len(), 2),
        other => panic!("strict mode fails on warnings: {other:?}"),
    }
    let unknown = rules().with_level("s3_versionin", Level::Warning).unwrap_err();
    assert!(matches!(unknown, GuardError::UnknownRule { .. }));
    assert!(
        unknown.to_string().contains("s3_versioning, sqs_encrypted"),
        "{unknown}"
    );
}

#[test]
fn guard_rules_sit_next_to_rust_rules_in_a_pack() {
    let Fixture { app, .. } = fixture();
    let pack = rcdk_policy::aws_solutions().with_template_rule(rules());
    assert_eq!(pack.template_rules().len(), 1);
    let report = check(&app.synth().unwrap(), &[pack]);
    assert!(report.findings().iter().any(|f| f.rule_id == "RCDK-S3-1"), "{report}");
    assert!(
        report.findings().iter().any(|f| f.rule_id == "GUARD-s3_versioning"),
        "{report}"
    );
    // The same file in two packs is checked once.
    let twice = check(&app.synth().unwrap(), &[rules().into_pack(), rules().into_pack()]);
    assert_eq!(twice.findings().len(), 2, "{twice}");
}

#[test]
fn a_syntax_error_names_the_file_and_line() {
    let error = GuardRules::new("tests/guard/broken.guard", include_str!("guard/broken.guard"))
        .expect_err("the rule file does not parse");
    match &error {
        GuardError::Parse { file, line, .. } => {
            assert_eq!(file, "tests/guard/broken.guard");
            assert_eq!(*line, Some(6), "{error}");
        }
        other => panic!("a parse error: {other:?}"),
    }
    let text = error.to_string();
    assert!(
        text.starts_with("tests/guard/broken.guard:6:") && text.contains("invalid guard rules: expecting"),
        "{text}"
    );
    // Read from disk, the path is its name.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/guard/broken.guard");
    let error = GuardRules::from_file(path).unwrap_err();
    assert!(error.to_string().starts_with(&format!("{path}:6:")), "{error}");
    assert!(GuardRules::from_file(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/guard/storage.guard")).is_ok());
    let missing = GuardRules::from_file("tests/guard/none.guard").unwrap_err();
    assert!(matches!(missing, GuardError::Io { .. }), "{missing}");
}

#[test]
fn an_undefined_variable_is_an_error_at_construction() {
    let error = GuardRules::new("typo.guard", "rule r { %bucket.Properties exists }").unwrap_err();
    assert!(matches!(error, GuardError::Evaluation { .. }), "{error:?}");
    assert!(error.to_string().starts_with("typo.guard: "), "{error}");
}

#[test]
fn a_clause_outside_any_resource_is_a_finding_for_the_stack() {
    let rules = GuardRules::new("params.guard", "rule env_parameter { Parameters.Env exists }").unwrap();
    assert_eq!(rules.rule_ids(), ["GUARD-env_parameter"]);
    let Fixture { app, .. } = fixture();
    let report = check(&app.synth().unwrap(), &[rules.into_pack()]);
    let f = finding(&report, "GUARD-env_parameter");
    assert_eq!(f.logical_id, "");
    assert_eq!(f.construct_path.as_deref(), Some("S"));
    assert!(
        f.to_string().contains("error[GUARD-env_parameter]: S (stack S): "),
        "{f}"
    );
}

#[test]
fn the_report_is_the_same_every_run() {
    let run = || {
        let Fixture { app, .. } = fixture();
        let other = app.stack("T", StackProps::default());
        for id in ["Zeta", "Alpha", "Mid"] {
            Resource::new(&other, id, "AWS::SQS::Queue", Vec::<(String, Value)>::new());
            Bucket::new(&other, &format!("{id}Bucket"), BucketProps::default());
        }
        let pack = rules().into_pack();
        check(&app.synth().unwrap(), std::slice::from_ref(&pack)).to_string()
    };
    let first = run();
    assert_eq!(first.matches("error[GUARD-").count(), 8, "{first}");
    for _ in 0..3 {
        assert_eq!(run(), first);
    }
    // Sorted by stack, logical ID, rule.
    let t = first.find("(T ").unwrap();
    assert!(first.find("(S ").unwrap() < t, "{first}");
    let alpha = first.find("(T Alpha,").unwrap();
    let mid = first.find("(T Mid,").unwrap();
    let zeta = first.find("(T Zeta,").unwrap();
    assert!(alpha < mid && mid < zeta, "{first}");
}

#[test]
fn a_pack_made_by_hand_holds_the_rules_too() {
    let pack = Pack::new("org").with_template_rule(rules());
    assert_eq!(pack.template_rules()[0].name(), RULES_NAME);
    assert!(format!("{pack:?}").contains(RULES_NAME));
    assert!(rules().into_pack().rules().is_empty());
}
