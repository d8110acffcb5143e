//! Buckets: secure defaults, grants, imports, access logs, notifications and
//! the checks, each with its exact message (problem and fix).

use rcdk_core::{App, Construct, Duration, Expr, RemovalPolicy, StackProps};
use rcdk_iam::{Principal, Role, RoleProps};
use rcdk_messaging::{Queue, QueueProps, Topic, TopicEncryption, TopicProps};
use rcdk_storage::*;
use rcdk_testing::Template;
use serde_json::{json, Value};

const KEY: &str = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn errors(app: &App) -> Vec<String> {
    let all = app.synth().unwrap_err().into_errors();
    all.iter()
        .map(ToString::to_string)
        .filter(|e| !e.contains("the stack has no resources"))
        .collect()
}

fn warnings(app: &App) -> Vec<String> {
    app.synth()
        .unwrap()
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn template(app: &App) -> Template {
    Template::from_stack(&app.synth().unwrap().stacks()[0])
}

fn policy_statements(t: &Template) -> Value {
    t.find_resources("AWS::IAM::Policy", json!({})).remove(0).1["Properties"]["PolicyDocument"]["Statement"].clone()
}

#[test]
fn a_bucket_is_private_encrypted_tls_only_and_retained_by_default() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Bucket::new(&stack, "Data", BucketProps::default());
    let t = template(&app);
    let (id, bucket) = t.find_resources("AWS::S3::Bucket", json!({})).remove(0);
    assert_eq!(
        bucket["Properties"],
        json!({
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": true,
                "BlockPublicPolicy": true,
                "IgnorePublicAcls": true,
                "RestrictPublicBuckets": true
            }
        })
    );
    assert_eq!(
        (
            bucket["DeletionPolicy"].as_str(),
            bucket["UpdateReplacePolicy"].as_str()
        ),
        (Some("Retain"), Some("Retain"))
    );
    let (_, policy) = t.find_resources("AWS::S3::BucketPolicy", json!({})).remove(0);
    assert_eq!(policy["Properties"]["Bucket"], json!({"Ref": id}));
    assert_eq!(
        policy["Properties"]["PolicyDocument"]["Statement"],
        json!([{
            "Effect": "Deny",
            "Principal": {"AWS": "*"},
            "Action": "s3:*",
            "Resource": [{"Fn::GetAtt": [id, "Arn"]}, {"Fn::Sub": format!("${{{id}.Arn}}/*")}],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }])
    );
}

#[test]
fn public_access_and_tls_are_opted_out_of_explicitly() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(
        &stack,
        "Site",
        BucketProps {
            block_public_access: BlockPublicAccess {
                block_public_policy: false,
                restrict_public_buckets: false,
                ..BlockPublicAccess::BLOCK_ALL
            },
            enforce_ssl: false,
            removal_policy: RemovalPolicy::Destroy,
            ..Default::default()
        },
    );
    assert!(bucket.policy().is_none());
    let t = template(&app);
    t.resource_count_is("AWS::S3::BucketPolicy", 0);
    t.has_resource(
        "AWS::S3::Bucket",
        json!({
            "Properties": {"PublicAccessBlockConfiguration": {
                "BlockPublicAcls": true,
                "BlockPublicPolicy": false,
                "IgnorePublicAcls": true,
                "RestrictPublicBuckets": false
            }},
            "DeletionPolicy": "Delete"
        }),
    );
}

#[test]
fn a_kms_bucket_uses_a_bucket_key_and_grants_the_key() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(
        &stack,
        "Records",
        BucketProps {
            encryption: BucketEncryption::Kms(KEY.into()),
            ..Default::default()
        },
    );
    let reader = Role::new(&stack, "Reader", RoleProps::assumed_by("lambda.amazonaws.com"));
    bucket.grant_read(&reader, None);
    let writer = Role::new(&stack, "Writer", RoleProps::assumed_by("lambda.amazonaws.com"));
    bucket.grant_put(&writer, None);
    let t = template(&app);
    t.has_resource_properties(
        "AWS::S3::Bucket",
        json!({"BucketEncryption": {"ServerSideEncryptionConfiguration": [{
            "BucketKeyEnabled": true,
            "ServerSideEncryptionByDefault": {"KMSMasterKeyID": KEY, "SSEAlgorithm": "aws:kms"}
        }]}}),
    );
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"Roles": [{"Ref": "ReaderF7BF189D"}], "PolicyDocument": {"Statement": [
            {},
            {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": KEY}
        ]}}),
    );
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"Roles": [{"Ref": "Writer3ED51D24"}], "PolicyDocument": {"Statement": [
            {},
            {"Effect": "Allow", "Action": ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Decrypt"], "Resource": KEY}
        ]}}),
    );
}

#[test]
fn grants_follow_the_cdks_action_lists_and_narrow_to_a_prefix() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::from_name(&stack, "Shared", "shared-data");
    let role = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    assert!(bucket.grant_read(&role, Some("reports/")).success());
    assert!(bucket.grant_put(&role, Some("incoming/")).success());
    assert!(bucket.grant_write(&role, None).success());
    let t = template(&app);
    let arn = |suffix: &str| json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:s3:::shared-data{suffix}")});
    let put = [
        "s3:PutObject",
        "s3:PutObjectLegalHold",
        "s3:PutObjectRetention",
        "s3:PutObjectTagging",
        "s3:PutObjectVersionTagging",
        "s3:Abort*",
    ];
    let mut write = vec!["s3:DeleteObject*"];
    write.extend(put);
    assert_eq!(
        policy_statements(&t),
        json!([
            {"Effect": "Allow", "Action": ["s3:GetObject*", "s3:GetBucket*", "s3:List*"], "Resource": [arn(""), arn("/reports/*")]},
            {"Effect": "Allow", "Action": put, "Resource": arn("/incoming/*")},
            {"Effect": "Allow", "Action": write, "Resource": arn("/*")}
        ])
    );
}

#[test]
fn an_account_is_granted_in_the_bucket_policy() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(&stack, "Exchange", BucketProps::default());
    let grant = bucket.grant_read(&Principal::account("222222222222"), None);
    assert!(matches!(grant, rcdk_iam::Grant::ResourcePolicy(_)));
    let t = template(&app);
    let (_, policy) = t.find_resources("AWS::S3::BucketPolicy", json!({})).remove(0);
    assert_eq!(
        policy["Properties"]["PolicyDocument"]["Statement"][1]["Principal"],
        json!({"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::222222222222:root"}})
    );
}

#[test]
fn an_imported_bucket_is_granted_to_roles_only() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::from_arn(&stack, "Archive", "arn:aws:s3:::org-archive");
    assert_eq!(bucket.bucket_name().value().as_str(), Some("org-archive"));
    assert_eq!(bucket.bucket_arn().value().as_str(), Some("arn:aws:s3:::org-archive"));
    let grant = bucket.grant_read(&Principal::account("222222222222"), None);
    assert_eq!(grant, rcdk_iam::Grant::Failed);
    assert_eq!(
        errors(&app),
        ["S/Archive: cannot grant s3:GetObject*, s3:GetBucket*, s3:List* to an account or role given by reference: it has no policy rcdk can write, and the resource is imported, so its resource policy is not the app's to change; grant to a role (of the app, or imported with Role::from_arn), or define the resource in the app"]
    );
}

#[test]
fn an_imported_bucket_with_a_key_grants_it() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::from_name(&stack, "Vault", "org-vault").with_encryption_key(KEY);
    let role = Role::new(&stack, "Reader", RoleProps::assumed_by("lambda.amazonaws.com"));
    bucket.grant_read(&role, None);
    let t = template(&app);
    assert_eq!(
        policy_statements(&t)[1],
        json!({"Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": KEY})
    );
}

#[test]
fn a_referenced_arn_is_split_for_the_name() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let arn = rcdk_core::CfnParameter::new(
        &stack,
        "ArchiveArn",
        rcdk_core::ParameterProps {
            r#type: rcdk_core::ParameterType::String,
            ..Default::default()
        },
    );
    let bucket = Bucket::from_arn(&stack, "Archive", arn.value_as_string());
    let role = Role::new(&stack, "Reader", RoleProps::assumed_by("lambda.amazonaws.com"));
    bucket.grant_read(&role, None);
    rcdk_core::CfnOutput::new(
        &stack,
        "Name",
        rcdk_core::OutputProps {
            value: bucket.bucket_name().into_value(),
            description: None,
            export_name: None,
            condition: None,
        },
    );
    let t = template(&app);
    assert_eq!(
        t.json()["Outputs"]["Name"]["Value"],
        json!({"Fn::Select": [5, {"Fn::Split": [":", {"Ref": "ArchiveArn"}]}]})
    );
    assert_eq!(
        policy_statements(&t)[0]["Resource"],
        json!([{"Ref": "ArchiveArn"}, {"Fn::Sub": "${ArchiveArn}/*"}])
    );
}

#[test]
fn bucket_names_and_arns_are_checked() {
    let cases = [
        ("ab", "is 2 characters long"),
        ("My_Bucket", "contains 'M'"),
        ("-logs", "does not start and end with a letter or digit"),
        ("logs..old", "has two adjacent dots"),
        ("192.168.5.4", "is formatted as an IP address"),
        ("xn--logs", "starts with \"xn--\", which S3 reserves"),
        ("logs-s3alias", "ends with \"-s3alias\", which S3 reserves"),
    ];
    for (name, problem) in cases {
        let app = App::new();
        let stack = app.stack("S", StackProps::default());
        Bucket::new(
            &stack,
            "Data",
            BucketProps {
                bucket_name: Some(name.into()),
                ..Default::default()
            },
        );
        assert_eq!(
            errors(&app),
            [format!("S/Data: bucket name {name:?} {problem}; use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit")],
            "{name}"
        );
    }
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Bucket::from_name(&stack, "ByName", "Bad Name");
    Bucket::from_arn(&stack, "ByArn", "arn:aws:s3:::logs/key.txt");
    Bucket::from_arn(&stack, "NotS3", "arn:aws:sqs:eu-west-1:111111111111:q");
    assert_eq!(
        errors(&app),
        [
            "S/ByName: Bucket::from_name: bucket name \"Bad Name\" contains 'B'; use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
            "S/ByArn: Bucket::from_arn: \"arn:aws:s3:::logs/key.txt\" is not an S3 bucket ARN; use arn:<partition>:s3:::<bucket name> (no region, account or object key)",
            "S/NotS3: Bucket::from_arn: \"arn:aws:sqs:eu-west-1:111111111111:q\" is not an S3 bucket ARN; use arn:<partition>:s3:::<bucket name> (no region, account or object key)",
        ]
    );
}

#[test]
fn lifecycle_rules_are_typed() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Bucket::new(
        &stack,
        "Data",
        BucketProps {
            versioned: true,
            lifecycle_rules: vec![
                LifecycleRule {
                    id: Some("Tiering".into()),
                    enabled: false,
                    // Day 0: as soon as S3 can, which it allows for these classes.
                    transitions: vec![
                        Transition {
                            storage_class: StorageClass::IntelligentTiering,
                            after: Duration::days(0),
                        },
                        Transition {
                            storage_class: StorageClass::DeepArchive,
                            after: Duration::days(180),
                        },
                    ],
                    noncurrent_version_transitions: vec![Transition {
                        storage_class: StorageClass::GlacierInstantRetrieval,
                        after: Duration::days(7),
                    }],
                    ..Default::default()
                },
                LifecycleRule {
                    abort_incomplete_multipart_upload_after: Some(Duration::days(1)),
                    ..Default::default()
                },
            ],
            ..Default::default()
        },
    );
    template(&app).has_resource_properties(
        "AWS::S3::Bucket",
        json!({"LifecycleConfiguration": {"Rules": [
            {
                "Id": "Tiering",
                "Status": "Disabled",
                "Transitions": [
                    {"StorageClass": "INTELLIGENT_TIERING", "TransitionInDays": 0},
                    {"StorageClass": "DEEP_ARCHIVE", "TransitionInDays": 180}
                ],
                "NoncurrentVersionTransitions": [{"StorageClass": "GLACIER_IR", "TransitionInDays": 7}]
            },
            {"AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}, "Status": "Enabled"}
        ]}}),
    );
}

#[test]
fn lifecycle_rules_that_s3_refuses_fail_synth() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Bucket::new(
        &stack,
        "Data",
        BucketProps {
            lifecycle_rules: vec![
                LifecycleRule {
                    id: Some("Empty".into()),
                    ..Default::default()
                },
                LifecycleRule {
                    id: Some("Early".into()),
                    transitions: vec![Transition {
                        storage_class: StorageClass::InfrequentAccess,
                        after: Duration::days(10),
                    }],
                    expiration: Some(Duration::days(10)),
                    ..Default::default()
                },
                LifecycleRule {
                    id: Some("Early".into()),
                    expiration: Some(Duration::hours(36)),
                    ..Default::default()
                },
                LifecycleRule {
                    noncurrent_version_expiration: Some(Duration::days(0)),
                    ..Default::default()
                },
            ],
            ..Default::default()
        },
    );
    assert_eq!(
        errors(&app),
        [
            "S/Data: lifecycle rule \"Empty\" has no action, and S3 refuses it; give it an expiration, a transition, a noncurrent version expiration or transition, or abort_incomplete_multipart_upload_after",
            "S/Data: lifecycle rule \"Early\" moves objects to InfrequentAccess after 10 days, and S3 requires at least 30 days for that class; wait 30 days or more",
            "S/Data: lifecycle rule \"Early\" expires objects after 10 days, no later than their move to InfrequentAccess after 10 days; expire them after the last transition, or drop the transition",
            "S/Data: two lifecycle rules have the id \"Early\", and S3 requires unique ids; rename one",
            "S/Data: expiration of 36 hours is not a whole number of days, and S3 lifecycle rules count in days; use Duration::days(n)",
            "S/Data: noncurrent_version_expiration of 0 days is refused by S3, which takes at least 1; use Duration::days(n) with n at least 1",
        ]
    );
}

#[test]
fn noncurrent_version_rules_on_an_unversioned_bucket_warn() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Bucket::new(
        &stack,
        "Data",
        BucketProps {
            lifecycle_rules: vec![LifecycleRule {
                noncurrent_version_expiration: Some(Duration::days(30)),
                ..Default::default()
            }],
            ..Default::default()
        },
    );
    assert_eq!(
        warnings(&app),
        ["S/Data: lifecycle rule without an id acts on noncurrent versions, which an unversioned bucket does not keep; set versioned: true, or drop the noncurrent version actions"]
    );
}

#[test]
fn cors_rules_are_typed_and_checked() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Bucket::new(
        &stack,
        "Assets",
        BucketProps {
            cors: vec![CorsRule {
                allowed_methods: vec![HttpMethod::Get, HttpMethod::Head],
                allowed_origins: vec!["https://example.com".into()],
                allowed_headers: vec!["*".into()],
                max_age: Some(Duration::minutes(50)),
                ..Default::default()
            }],
            ..Default::default()
        },
    );
    template(&app).has_resource_properties(
        "AWS::S3::Bucket",
        json!({"CorsConfiguration": {"CorsRules": [{
            "AllowedHeaders": ["*"],
            "AllowedMethods": ["GET", "HEAD"],
            "AllowedOrigins": ["https://example.com"],
            "MaxAge": 3000
        }]}}),
    );

    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Bucket::new(
        &stack,
        "Assets",
        BucketProps {
            cors: vec![
                CorsRule {
                    allowed_origins: vec!["https://*.*.example.com".into()],
                    ..Default::default()
                },
                CorsRule {
                    allowed_methods: vec![HttpMethod::Put],
                    allowed_origins: vec!["https://example.com".into()],
                    max_age: Some(Duration::millis(1500)),
                    ..Default::default()
                },
            ],
            ..Default::default()
        },
    );
    assert_eq!(
        errors(&app),
        [
            "S/Assets: CORS rule 0 allows no method; name at least one",
            "S/Assets: CORS rule 0 has \"https://*.*.example.com\", with more than one *, and S3 accepts one wildcard per origin or header; split it into several values",
            "S/Assets: CORS max_age of 1500 milliseconds is not a whole number of seconds; use Duration::seconds(n)",
        ]
    );
}

#[test]
fn access_logs_need_an_sse_s3_target_and_warn_for_an_imported_one() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let kms_logs = Bucket::new(
        &stack,
        "KmsLogs",
        BucketProps {
            encryption: BucketEncryption::Kms(KEY.into()),
            ..Default::default()
        },
    );
    Bucket::new(
        &stack,
        "Data",
        BucketProps {
            server_access_logs: Some(ServerAccessLogs {
                bucket: &kms_logs,
                prefix: None,
            }),
            ..Default::default()
        },
    );
    assert_eq!(
        errors(&app),
        ["S/Data: the access log bucket S/KmsLogs is encrypted with a KMS key, and S3 delivers server access logs only to buckets encrypted with S3 managed keys; log to a bucket with BucketEncryption::S3Managed"]
    );

    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let central = Bucket::from_name(&stack, "Central", "org-access-logs");
    Bucket::new(
        &stack,
        "Data",
        BucketProps {
            server_access_logs: Some(ServerAccessLogs {
                bucket: &central,
                prefix: Some("data/".into()),
            }),
            ..Default::default()
        },
    );
    assert_eq!(
        warnings(&app),
        ["S/Data: the access log bucket S/Central is imported, so rcdk cannot let S3 deliver logs to it; make sure its policy allows s3:PutObject on data/* to the service logging.s3.amazonaws.com"]
    );
    template(&app).has_resource_properties(
        "AWS::S3::Bucket",
        json!({"LoggingConfiguration": {"DestinationBucketName": "org-access-logs", "LogFilePrefix": "data/"}}),
    );
}

#[test]
fn a_named_bucket_notifies_a_queue_and_a_topic_for_its_own_arn() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(
        &stack,
        "Uploads",
        BucketProps {
            bucket_name: Some("acme-uploads".into()),
            event_bridge_enabled: true,
            ..Default::default()
        },
    );
    let jobs = Queue::new(&stack, "Jobs", QueueProps::default());
    let key: Expr<String> = KEY.into();
    let topic = Topic::new(
        &stack,
        "Deleted",
        TopicProps {
            enforce_ssl: false,
            encryption: TopicEncryption::Kms(key),
            ..Default::default()
        },
    );
    bucket.add_event_notification(
        EventType::ObjectCreated,
        NotificationDestination::Queue(&jobs),
        NotificationKeyFilter {
            prefix: Some("raw/".into()),
            suffix: Some(".csv".into()),
        },
    );
    bucket.add_event_notification(
        EventType::ObjectRemoved,
        NotificationDestination::Topic(&topic),
        NotificationKeyFilter::default(),
    );
    let assembly = app.synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let t = Template::from_stack(&assembly.stacks()[0]);
    let (_, b) = t.find_resources("AWS::S3::Bucket", json!({})).remove(0);
    assert_eq!(
        b["Properties"]["NotificationConfiguration"],
        json!({
            "EventBridgeConfiguration": {"EventBridgeEnabled": true},
            "QueueConfigurations": [{
                "Event": "s3:ObjectCreated:*",
                "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "raw/"}, {"Name": "suffix", "Value": ".csv"}]}},
                "Queue": {"Fn::GetAtt": ["JobsDF1CC2D4", "Arn"]}
            }],
            "TopicConfigurations": [{"Event": "s3:ObjectRemoved:*", "Topic": {"Ref": "DeletedA9C964FA"}}]
        })
    );
    assert_eq!(
        b["DependsOn"],
        json!([
            "DeletedA9C964FA",
            "DeletedPolicy37150DB6",
            "JobsDF1CC2D4",
            "JobsPolicy30CCDE58"
        ])
    );
    let source = json!({
        "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
        "ArnEquals": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:s3:::acme-uploads"}}
    });
    t.has_resource_properties(
        "AWS::SQS::QueuePolicy",
        json!({"PolicyDocument": {"Statement": [{}, {
            "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": {"Fn::GetAtt": ["JobsDF1CC2D4", "Arn"]},
            "Condition": source
        }]}}),
    );
    t.has_resource_properties(
        "AWS::SNS::TopicPolicy",
        json!({"PolicyDocument": {"Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "sns:Publish",
            "Resource": {"Ref": "DeletedA9C964FA"},
            "Condition": source
        }]}}),
    );
}

#[test]
fn notifications_that_s3_refuses_fail_synth() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(&stack, "Uploads", BucketProps::default());
    let jobs = Queue::new(&stack, "Jobs", QueueProps::default());
    let ordered = Queue::new(
        &stack,
        "Ordered",
        QueueProps {
            fifo: true,
            ..Default::default()
        },
    );
    let images = |suffix: &str| NotificationKeyFilter {
        prefix: Some("images/".into()),
        suffix: Some(suffix.into()),
    };
    bucket.add_event_notification(
        EventType::ObjectCreated,
        NotificationDestination::Queue(&jobs),
        images(".jpg"),
    );
    // Another suffix, or another event family: no overlap.
    bucket.add_event_notification(
        EventType::ObjectCreatedPut,
        NotificationDestination::Queue(&jobs),
        images(".png"),
    );
    bucket.add_event_notification(
        EventType::ObjectRemoved,
        NotificationDestination::Queue(&jobs),
        images(".jpg"),
    );
    // Put is within ObjectCreated:*, and every key under images/ ending in
    // .jpg is also under images/ ending in .jpg.
    bucket.add_event_notification(
        EventType::ObjectCreatedPut,
        NotificationDestination::Queue(&jobs),
        NotificationKeyFilter {
            prefix: Some("images/thumbs/".into()),
            suffix: Some(".jpg".into()),
        },
    );
    bucket.add_event_notification(
        EventType::ObjectCreatedCopy,
        NotificationDestination::Queue(&ordered),
        NotificationKeyFilter {
            prefix: Some("copies/".into()),
            suffix: None,
        },
    );
    bucket.add_event_notification(
        EventType::ObjectRestoreCompleted,
        NotificationDestination::Queue(&jobs),
        NotificationKeyFilter {
            prefix: Some(String::new()),
            suffix: None,
        },
    );
    assert_eq!(
        errors(&app),
        [
            "S/Uploads: the notification for s3:ObjectCreated:Put on keys starting with \"images/thumbs/\" and ending with \".jpg\" overlaps the one for s3:ObjectCreated:* on keys starting with \"images/\" and ending with \".jpg\", and S3 refuses overlapping notifications; give them prefixes or suffixes that do not overlap, or send both to one destination",
            "S/Uploads: S3 cannot send event notifications to a FIFO queue; use a standard queue, or send the events to EventBridge (event_bridge_enabled) and route them to the FIFO queue with a rule",
            "S/Uploads: a notification filter prefix must be 1 to 1,024 characters (an S3 key's length); drop it or shorten it",
        ]
    );
}

#[test]
fn an_unnamed_bucket_admits_any_bucket_of_the_account_and_an_imported_destination_warns() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(&stack, "Uploads", BucketProps::default());
    let shared = Queue::from_arn(&stack, "Shared", "arn:aws:sqs:eu-west-1:111111111111:shared");
    let topic = Topic::new(
        &stack,
        "Events",
        TopicProps {
            enforce_ssl: false,
            ..TopicProps::default()
        },
    );
    bucket.add_event_notification(
        EventType::ObjectCreated,
        NotificationDestination::Queue(&shared),
        NotificationKeyFilter::default(),
    );
    bucket.add_event_notification(
        EventType::ObjectRemoved,
        NotificationDestination::Topic(&topic),
        NotificationKeyFilter::default(),
    );
    assert_eq!(
        warnings(&app),
        [
            "S/Uploads: the notification destination S/Shared is imported, so rcdk cannot let S3 deliver to it, and S3 refuses the notification unless its policy does; allow the service s3.amazonaws.com to send (sqs:SendMessage or sns:Publish) in the destination's policy, for this bucket and account",
            "S/Events: s3.amazonaws.com cannot publish to a topic encrypted with the AWS managed key alias/aws/sns, whose key policy admits no service; use TopicEncryption::Kms with a key whose policy lets s3.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt)",
        ]
    );
    template(&app).has_resource_properties(
        "AWS::SNS::TopicPolicy",
        json!({"PolicyDocument": {"Statement": [{"Condition": {
            "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
            "ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:s3:::*"}}
        }}]}}),
    );
}

#[test]
fn a_snapshot_removal_policy_fails_synth() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Bucket::new(
        &stack,
        "Data",
        BucketProps {
            removal_policy: RemovalPolicy::Snapshot,
            ..Default::default()
        },
    );
    assert_eq!(
        errors(&app),
        ["S/Data: S3 buckets have no snapshots, so RemovalPolicy::Snapshot is refused by CloudFormation; use Retain (the default) or Destroy"]
    );
}

#[test]
fn a_service_admitted_without_its_source_warns() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(&stack, "Data", BucketProps::default());
    bucket.grant_put(&rcdk_iam::ServicePrincipal::new("delivery.logs.amazonaws.com"), None);
    assert_eq!(
        warnings(&app),
        ["S/Data: the bucket policy admits delivery.logs.amazonaws.com without aws:SourceAccount or aws:SourceArn, so any account's resources can use it (the confused deputy problem); name the source with ServicePrincipal::with_source_arn or with_source_account"]
    );
}

#[test]
fn the_l1_and_the_logical_id_are_the_cdks() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(&stack, "Uploads", BucketProps::default());
    assert_eq!(bucket.cfn().scope().path(), "S/Uploads/Resource");
    let t = template(&app);
    assert_eq!(t.find_resources("AWS::S3::Bucket", json!({}))[0].0, "Uploads4F6EB0FD");
    assert_eq!(
        t.find_resources("AWS::S3::BucketPolicy", json!({}))[0].0,
        "UploadsPolicy148F8199"
    );
}

#[test]
fn rule_counts_and_ids_that_s3_refuses_fail_synth() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let expiring = LifecycleRule {
        expiration: Some(Duration::days(1)),
        ..Default::default()
    };
    let mut lifecycle_rules = vec![expiring.clone(); 1001];
    lifecycle_rules[0].id = Some("x".repeat(256));
    let get = CorsRule {
        allowed_methods: vec![HttpMethod::Get],
        allowed_origins: vec!["*".into()],
        ..Default::default()
    };
    let mut cors = vec![get.clone(); 101];
    cors[0].id = Some("y".repeat(256));
    cors[1].allowed_origins.clear();
    Bucket::new(
        &stack,
        "Data",
        BucketProps {
            lifecycle_rules,
            cors,
            ..Default::default()
        },
    );
    let long = |c: &str| c.repeat(256);
    assert_eq!(
        errors(&app),
        [
            "S/Data: the bucket has 1001 lifecycle rules and S3 accepts at most 1,000; merge rules that share a prefix"
                .to_owned(),
            format!(
                "S/Data: lifecycle rule id {:?} must be 1 to 255 characters; shorten it",
                long("x")
            ),
            "S/Data: the bucket has 101 CORS rules and S3 accepts at most 100; merge rules".to_owned(),
            format!(
                "S/Data: CORS rule id {:?} is over 255 characters; shorten it",
                long("y")
            ),
            "S/Data: CORS rule 1 allows no origin; name at least one".to_owned(),
        ]
    );
}

fn python_function(stack: &rcdk_core::Stack, id: &str) -> rcdk_lambda::Function {
    use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
    Function::new(
        stack,
        id,
        FunctionProps::new(
            Runtime::Python312,
            Code::inline("def handler(event, context):\n    return event\n"),
        )
        .handler("index.handler"),
    )
}

#[test]
fn a_function_destination_gets_one_permission_the_bucket_waits_for() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bucket = Bucket::new(&stack, "Uploads", BucketProps::default());
    let handler = python_function(&stack, "Handler");
    bucket.add_event_notification(
        EventType::ObjectCreated,
        NotificationDestination::Function(&handler),
        NotificationKeyFilter {
            prefix: Some("in/".into()),
            suffix: Some(".csv".into()),
        },
    );
    bucket.add_event_notification(
        EventType::ObjectRemoved,
        NotificationDestination::Function(&handler),
        NotificationKeyFilter::default(),
    );
    let assembly = app.synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let t = Template::from_stack(&assembly.stacks()[0]);
    let (_, b) = t.find_resources("AWS::S3::Bucket", json!({})).remove(0);
    assert_eq!(
        b["Properties"]["NotificationConfiguration"],
        json!({
            "LambdaConfigurations": [
                {
                    "Event": "s3:ObjectCreated:*",
                    "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "in/"}, {"Name": "suffix", "Value": ".csv"}]}},
                    "Function": {"Fn::GetAtt": ["Handler886CB40B", "Arn"]}
                },
                {"Event": "s3:ObjectRemoved:*", "Function": {"Fn::GetAtt": ["Handler886CB40B", "Arn"]}}
            ]
        })
    );
    // The CDK's id for the permission, once for both notifications.
    let permissions = t.find_resources("AWS::Lambda::Permission", json!({}));
    assert_eq!(permissions.len(), 1);
    let (id, permission) = &permissions[0];
    assert_eq!(id, "UploadsAllowBucketNotificationsToSHandler9681E1B329ADDAAD");
    assert_eq!(
        permission["Properties"],
        json!({
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": ["Handler886CB40B", "Arn"]},
            "Principal": "s3.amazonaws.com",
            "SourceAccount": {"Ref": "AWS::AccountId"},
            // An unnamed bucket: any bucket of the account (a reference to
            // this one would be a cycle, the bucket waiting for the permission).
            "SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:s3:::*"}
        })
    );
    assert_eq!(
        b["DependsOn"],
        json!(["UploadsAllowBucketNotificationsToSHandler9681E1B329ADDAAD"])
    );
}

#[test]
fn a_named_bucket_names_itself_to_the_function_and_a_pinned_stack_its_account() {
    let app = App::new();
    let stack = app.stack(
        "S",
        StackProps {
            env: rcdk_core::Environment {
                account: Some("111111111111".into()),
                region: Some("eu-west-1".into()),
            },
            ..Default::default()
        },
    );
    let bucket = Bucket::new(
        &stack,
        "Inbox",
        BucketProps {
            bucket_name: Some("acme-inbox".into()),
            ..Default::default()
        },
    );
    let shared = rcdk_lambda::Function::from_function_arn(
        &stack,
        "Shared",
        "arn:aws:lambda:eu-west-1:111111111111:function:shared",
    );
    bucket.add_event_notification(
        EventType::ObjectCreatedPut,
        NotificationDestination::Function(&shared),
        NotificationKeyFilter::default(),
    );
    let t = template(&app);
    let (id, permission) = t.find_resources("AWS::Lambda::Permission", json!({})).remove(0);
    assert!(id.starts_with("InboxAllowBucketNotificationsToSShared"), "{id}");
    assert_eq!(
        permission["Properties"],
        json!({
            "Action": "lambda:InvokeFunction",
            "FunctionName": "arn:aws:lambda:eu-west-1:111111111111:function:shared",
            "Principal": "s3.amazonaws.com",
            "SourceAccount": "111111111111",
            "SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:s3:::acme-inbox"}
        })
    );
    let (_, b) = t.find_resources("AWS::S3::Bucket", json!({})).remove(0);
    assert_eq!(b["DependsOn"], json!([id]));
    assert_eq!(
        b["Properties"]["NotificationConfiguration"]["LambdaConfigurations"],
        json!([{"Event": "s3:ObjectCreated:Put", "Function": "arn:aws:lambda:eu-west-1:111111111111:function:shared"}])
    );
}

#[test]
fn a_function_of_another_account_or_an_overlapping_filter_fails_synth() {
    let app = App::new();
    let stack = app.stack(
        "S",
        StackProps {
            env: rcdk_core::Environment {
                account: Some("111111111111".into()),
                region: Some("eu-west-1".into()),
            },
            ..Default::default()
        },
    );
    let bucket = Bucket::new(&stack, "Uploads", BucketProps::default());
    let foreign =
        rcdk_lambda::Function::from_function_arn(&stack, "Foreign", "arn:aws:lambda:eu-west-1:222222222222:function:f");
    bucket.add_event_notification(
        EventType::ObjectCreated,
        NotificationDestination::Function(&foreign),
        NotificationKeyFilter::default(),
    );
    let handler = python_function(&stack, "Handler");
    let jobs = Queue::new(&stack, "Jobs", QueueProps::default());
    bucket.add_event_notification(
        EventType::ObjectCreated,
        NotificationDestination::Function(&handler),
        NotificationKeyFilter::default(),
    );
    bucket.add_event_notification(
        EventType::ObjectCreatedPut,
        NotificationDestination::Queue(&jobs),
        NotificationKeyFilter::default(),
    );
    assert_eq!(
        errors(&app),
        [
            "S/Uploads: the notification destination S/Foreign is a function of the account 222222222222, not the stack's, and a stack can only add the permission S3 needs to its own account's functions; deploy the bucket in the function's account, or send the events to a queue or topic there",
            "S/Uploads: the notification for s3:ObjectCreated:Put on every key overlaps the one for s3:ObjectCreated:* on every key, and S3 refuses overlapping notifications; give them prefixes or suffixes that do not overlap, or send both to one destination",
        ]
    );
}

#[test]
fn a_function_of_another_stack_is_permitted_from_the_buckets_stack() {
    let app = App::new();
    let compute = app.stack("Compute", StackProps::default());
    let data = app.stack("Data", StackProps::default());
    let handler = python_function(&compute, "Handler");
    let bucket = Bucket::new(&data, "Uploads", BucketProps::default());
    bucket.add_event_notification(
        EventType::ObjectCreated,
        NotificationDestination::Function(&handler),
        NotificationKeyFilter::default(),
    );
    let assembly = app.synth().unwrap();
    let t = Template::from_stack(assembly.stack("Data").unwrap());
    let (id, permission) = t.find_resources("AWS::Lambda::Permission", json!({})).remove(0);
    assert!(
        id.starts_with("UploadsAllowBucketNotificationsToComputeHandler"),
        "{id}"
    );
    assert!(
        permission["Properties"]["FunctionName"]["Fn::ImportValue"].is_string(),
        "{permission}"
    );
    let (_, b) = t.find_resources("AWS::S3::Bucket", json!({})).remove(0);
    assert_eq!(b["DependsOn"], json!([id]));
    let compute = Template::from_stack(assembly.stack("Compute").unwrap());
    compute.resource_count_is("AWS::Lambda::Permission", 0);
}
