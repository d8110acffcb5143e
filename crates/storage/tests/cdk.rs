//! The AWS CDK's `l2_storage` app (scripts/cdk-fixtures/generate.js), built
//! with rcdk: the same logical IDs and construct paths for every resource
//! both make, and the CDK's statements where they are sound. The fixture is
//! read from examples/tests/fixtures/cdk/l2_storage.json; no Node is needed.

use std::collections::BTreeMap;

use rcdk_core::{App, Duration, StackProps};
use rcdk_iam::{Role, RoleProps};
use rcdk_messaging::{Queue, QueueProps};
use rcdk_storage::*;
use rcdk_testing::Template;
use serde_json::{json, Value};

/// examples/tests/fixtures/cdk/l2_storage.json's app.
fn storage_app() -> App {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let logs = Bucket::new(&stack, "Logs", BucketProps::default());
    let uploads = Bucket::new(
        &stack,
        "Uploads",
        BucketProps {
            versioned: true,
            server_access_logs: Some(ServerAccessLogs {
                bucket: &logs,
                prefix: Some("uploads/".into()),
            }),
            lifecycle_rules: vec![LifecycleRule {
                id: Some("Archive".into()),
                prefix: Some("raw/".into()),
                expiration: Some(Duration::days(365)),
                noncurrent_version_expiration: Some(Duration::days(30)),
                transitions: vec![Transition {
                    storage_class: StorageClass::InfrequentAccess,
                    after: Duration::days(30),
                }],
                abort_incomplete_multipart_upload_after: Some(Duration::days(7)),
                ..Default::default()
            }],
            ..Default::default()
        },
    );
    let events = Queue::new(&stack, "Events", QueueProps::default());
    uploads.add_event_notification(
        EventType::ObjectCreated,
        NotificationDestination::Queue(&events),
        NotificationKeyFilter {
            prefix: Some("raw/".into()),
            suffix: None,
        },
    );
    let orders = Table::new(
        &stack,
        "Orders",
        TableProps {
            sort_key: Some(Attribute::string("sk")),
            billing: Billing::Provisioned { read: 5, write: 5 },
            read_autoscaling: Some(Autoscaling {
                min_capacity: 5,
                max_capacity: 50,
                target_utilization_percent: 70,
            }),
            stream: Some(StreamViewType::NewAndOldImages),
            global_secondary_indexes: vec![GlobalSecondaryIndex {
                sort_key: Some(Attribute::number("createdAt")),
                ..GlobalSecondaryIndex::new("byCustomer", Attribute::string("customer"))
            }],
            ..TableProps::new(Attribute::string("pk"))
        },
    );
    let worker = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    assert!(uploads.grant_read_write(&worker, None).success());
    assert!(orders.grant_read_write_data(&worker).success());
    assert!(orders.grant_stream_read(&worker).success());
    app
}

/// Logical ID -> (type, construct path).
type Resources = BTreeMap<String, (String, String)>;

fn cdk_resources() -> Resources {
    let path = format!(
        "{}/../../examples/tests/fixtures/cdk/l2_storage.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let fixture: Value = serde_json::from_str(&text).expect("fixture JSON");
    fixture["stacks"]["S"]["resources"]
        .as_object()
        .expect("stack S")
        .iter()
        .map(|(id, r)| {
            let ty = r["type"].as_str().unwrap().to_owned();
            (id.clone(), (ty, r["path"].as_str().unwrap().to_owned()))
        })
        .collect()
}

fn rcdk_resources(app: &App) -> Resources {
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    let stack = assembly.stack("S").unwrap();
    stack.template()["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, r)| {
            let path = stack.construct_path(id).unwrap_or_default().to_owned();
            (id.clone(), (r["Type"].as_str().unwrap().to_owned(), path))
        })
        .collect()
}

/// What the CDK makes and rcdk does not: the CDK writes event notifications
/// with a custom resource backed by a Lambda function of its own (and that
/// function's role and the policy letting it configure the bucket); rcdk
/// writes the bucket's own `NotificationConfiguration`, which CloudFormation
/// supports natively.
const CDK_ONLY: [&str; 4] = [
    "BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691",
    "BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC",
    "UploadsNotifications8DBDDF22",
    "UploadsNotificationsHandlerPolicy4B83D677",
];

/// What rcdk makes and the CDK does not: nothing.
const RCDK_ONLY: [&str; 0] = [];

#[test]
fn logical_ids_and_paths_are_the_cdks() {
    let cdk = cdk_resources();
    let ours = rcdk_resources(&storage_app());
    let mut problems = Vec::new();
    for (id, theirs) in &cdk {
        match ours.get(id) {
            Some(mine) if mine == theirs => {}
            Some(mine) => problems.push(format!("{id}: CDK {theirs:?}, rcdk {mine:?}")),
            None if CDK_ONLY.contains(&id.as_str()) => {}
            None => problems.push(format!("{id} {theirs:?} is missing from rcdk")),
        }
    }
    for (id, mine) in &ours {
        if !cdk.contains_key(id) && !RCDK_ONLY.contains(&id.as_str()) {
            problems.push(format!("{id} {mine:?} is not the CDK's"));
        }
    }
    for id in CDK_ONLY {
        if !cdk.contains_key(id) || ours.contains_key(id) {
            problems.push(format!("{id} is listed as the CDK's only, and is not"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(ours.len(), cdk.len() - CDK_ONLY.len() + RCDK_ONLY.len());
}

fn template() -> Template {
    Template::from_stack(&storage_app().synth().unwrap().stacks()[0])
}

fn statements(t: &Template, policy_type: &str, logical_id: &str) -> Value {
    let resource = &t.json()["Resources"][logical_id];
    assert_eq!(resource["Type"], policy_type, "{logical_id}");
    resource["Properties"]["PolicyDocument"]["Statement"].clone()
}

#[test]
fn bucket_policies_are_the_cdks_with_its_recommended_flags() {
    // The TLS guard of enforceSSL, and the log delivery statement the CDK
    // writes with @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy (without
    // that flag it falls back to the LogDeliveryWrite ACL, which
    // BucketOwnerEnforced turns off).
    let t = template();
    let tls = |bucket: &str| {
        json!({
            "Effect": "Deny",
            "Principal": {"AWS": "*"},
            "Action": "s3:*",
            "Resource": [{"Fn::GetAtt": [bucket, "Arn"]}, {"Fn::Sub": format!("${{{bucket}.Arn}}/*")}],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        })
    };
    assert_eq!(
        statements(&t, "AWS::S3::BucketPolicy", "UploadsPolicy148F8199"),
        json!([tls("Uploads4F6EB0FD")])
    );
    assert_eq!(
        statements(&t, "AWS::S3::BucketPolicy", "LogsPolicy90DB40C9"),
        json!([
            tls("Logs6819BB44"),
            {
                "Effect": "Allow",
                "Principal": {"Service": "logging.s3.amazonaws.com"},
                "Action": "s3:PutObject",
                "Resource": {"Fn::Sub": "${Logs6819BB44.Arn}/uploads/*"},
                "Condition": {
                    "ArnLike": {"aws:SourceArn": {"Fn::GetAtt": ["Uploads4F6EB0FD", "Arn"]}},
                    "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
                }
            }
        ])
    );
}

#[test]
fn the_bucket_properties_are_the_cdks_plus_the_secure_defaults() {
    let t = template();
    let uploads = &t.json()["Resources"]["Uploads4F6EB0FD"];
    let properties = uploads["Properties"].as_object().unwrap();
    // The CDK's properties, verbatim.
    for (name, value) in [
        (
            "LifecycleConfiguration",
            json!({"Rules": [{
                "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                "ExpirationInDays": 365,
                "Id": "Archive",
                "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                "Prefix": "raw/",
                "Status": "Enabled",
                "Transitions": [{"StorageClass": "STANDARD_IA", "TransitionInDays": 30}]
            }]}),
        ),
        (
            "LoggingConfiguration",
            json!({"DestinationBucketName": {"Ref": "Logs6819BB44"}, "LogFilePrefix": "uploads/"}),
        ),
        ("VersioningConfiguration", json!({"Status": "Enabled"})),
    ] {
        assert_eq!(properties[name], value, "{name}");
    }
    // What the CDK leaves to S3's defaults, written out; and notifications
    // on the bucket itself rather than in a custom resource.
    let mut names: Vec<&str> = properties.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "BucketEncryption",
            "LifecycleConfiguration",
            "LoggingConfiguration",
            "NotificationConfiguration",
            "OwnershipControls",
            "PublicAccessBlockConfiguration",
            "VersioningConfiguration"
        ]
    );
    assert_eq!(uploads["DependsOn"], json!(["EventsD32975C2", "EventsPolicyE4A9312A"]));
    assert_eq!(
        (
            uploads["DeletionPolicy"].as_str(),
            uploads["UpdateReplacePolicy"].as_str()
        ),
        (Some("Retain"), Some("Retain"))
    );
}

#[test]
fn the_notification_statement_admits_s3_for_the_account_only() {
    // The CDK admits s3.amazonaws.com with ArnLike aws:SourceArn on the
    // bucket's GetAtt Arn (its custom resource breaks the cycle) and grants
    // sqs:GetQueueAttributes and sqs:GetQueueUrl too, which S3 never calls.
    let t = template();
    assert_eq!(
        statements(&t, "AWS::SQS::QueuePolicy", "EventsPolicyE4A9312A")[1],
        json!({
            "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": {"Fn::GetAtt": ["EventsD32975C2", "Arn"]},
            "Condition": {
                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                "ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:s3:::*"}}
            }
        })
    );
}

#[test]
fn the_table_and_its_autoscaling_are_the_cdks_plus_the_secure_defaults() {
    let t = template();
    let orders = &t.json()["Resources"]["OrdersA9B65338"]["Properties"];
    for (name, value) in [
        (
            "AttributeDefinitions",
            json!([
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
                {"AttributeName": "customer", "AttributeType": "S"},
                {"AttributeName": "createdAt", "AttributeType": "N"}
            ]),
        ),
        (
            "GlobalSecondaryIndexes",
            json!([{
                "IndexName": "byCustomer",
                "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "createdAt", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"},
                "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
            }]),
        ),
        (
            "KeySchema",
            json!([{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]),
        ),
        (
            "ProvisionedThroughput",
            json!({"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}),
        ),
        ("StreamSpecification", json!({"StreamViewType": "NEW_AND_OLD_IMAGES"})),
        // Not the CDK's: its defaults leave these off.
        (
            "PointInTimeRecoverySpecification",
            json!({"PointInTimeRecoveryEnabled": true}),
        ),
        ("SSESpecification", json!({"SSEEnabled": true})),
    ] {
        assert_eq!(orders[name], value, "{name}");
    }
    assert_eq!(orders.as_object().unwrap().len(), 7);
    t.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        json!({
            "MaxCapacity": 50,
            "MinCapacity": 5,
            "ResourceId": {"Fn::Sub": "table/${OrdersA9B65338}"},
            "RoleARN": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable"},
            "ScalableDimension": "dynamodb:table:ReadCapacityUnits",
            "ServiceNamespace": "dynamodb"
        }),
    );
    assert_eq!(
        t.json()["Resources"]["OrdersReadScalingTargetTracking6B8F4E06"]["Properties"],
        json!({
            "PolicyName": "SOrdersReadScalingTargetTracking151557F0",
            "PolicyType": "TargetTrackingScaling",
            "ScalingTargetId": {"Ref": "OrdersReadScalingTarget32EBA317"},
            "TargetTrackingScalingPolicyConfiguration": {
                "PredefinedMetricSpecification": {"PredefinedMetricType": "DynamoDBReadCapacityUtilization"},
                "TargetValue": 70
            }
        })
    );
}

#[test]
fn the_workers_grants_are_the_cdks_without_stream_actions_on_the_table() {
    // The CDK's readWriteData also grants dynamodb:GetRecords and
    // dynamodb:GetShardIterator on the table and index ARNs, where those
    // stream actions authorize nothing; the stream grant names the stream.
    let t = template();
    assert_eq!(
        statements(&t, "AWS::IAM::Policy", "WorkerDefaultPolicyD9676315"),
        json!([
            {
                "Effect": "Allow",
                "Action": [
                    "s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:PutObject",
                    "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging",
                    "s3:PutObjectVersionTagging", "s3:Abort*"
                ],
                "Resource": [{"Fn::GetAtt": ["Uploads4F6EB0FD", "Arn"]}, {"Fn::Sub": "${Uploads4F6EB0FD.Arn}/*"}]
            },
            {
                "Effect": "Allow",
                "Action": [
                    "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:Scan",
                    "dynamodb:ConditionCheckItem", "dynamodb:BatchWriteItem", "dynamodb:PutItem",
                    "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable"
                ],
                "Resource": [{"Fn::GetAtt": ["OrdersA9B65338", "Arn"]}, {"Fn::Sub": "${OrdersA9B65338.Arn}/index/*"}]
            },
            {"Effect": "Allow", "Action": "dynamodb:ListStreams", "Resource": "*"},
            {
                "Effect": "Allow",
                "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
                "Resource": {"Fn::GetAtt": ["OrdersA9B65338", "StreamArn"]}
            }
        ])
    );
}

#[test]
fn the_app_synthesizes_without_warnings() {
    let assembly = storage_app().synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
}
