//! Tables: secure defaults, capacity and autoscaling, indexes, grants,
//! imports and the checks, each with its exact message (problem and fix).

use rcdk_core::{App, Expr, RemovalPolicy, Stack, StackProps};
use rcdk_iam::{Role, RoleProps, ServicePrincipal};
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

fn template(app: &App) -> Template {
    Template::from_stack(&app.synth().unwrap().stacks()[0])
}

fn policy_statements(t: &Template) -> Value {
    t.find_resources("AWS::IAM::Policy", json!({})).remove(0).1["Properties"]["PolicyDocument"]["Statement"].clone()
}

fn orders(props: TableProps) -> (App, Stack, Table) {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let table = Table::new(&stack, "Orders", props);
    (app, stack, table)
}

#[test]
fn a_table_is_on_demand_encrypted_recoverable_and_retained_by_default() {
    let (app, _, table) = orders(TableProps::new(Attribute::string("pk")));
    assert!(table.table_stream_arn().is_none());
    let t = template(&app);
    let (id, resource) = t.find_resources("AWS::DynamoDB::Table", json!({})).remove(0);
    assert_eq!(id, "OrdersA9B65338");
    assert_eq!(
        resource["Properties"],
        json!({
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true},
            "SSESpecification": {"SSEEnabled": true}
        })
    );
    assert_eq!(
        (
            resource["DeletionPolicy"].as_str(),
            resource["UpdateReplacePolicy"].as_str()
        ),
        (Some("Retain"), Some("Retain"))
    );
}

#[test]
fn provisioned_capacity_scales_on_utilization_at_the_cdks_paths() {
    let scaling = |min, max| {
        Some(Autoscaling {
            min_capacity: min,
            max_capacity: max,
            target_utilization_percent: 75,
        })
    };
    let (app, _, _) = orders(TableProps {
        billing: Billing::Provisioned { read: 10, write: 2 },
        read_autoscaling: scaling(10, 100),
        write_autoscaling: scaling(2, 20),
        ..TableProps::new(Attribute::string("pk"))
    });
    let t = template(&app);
    t.has_resource_properties(
        "AWS::DynamoDB::Table",
        json!({"ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 2}}),
    );
    assert!(t.json()["Resources"]["OrdersA9B65338"]["Properties"]
        .get("BillingMode")
        .is_none());
    let targets = t.find_resources("AWS::ApplicationAutoScaling::ScalableTarget", json!({}));
    let ids: Vec<&str> = targets.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        ["OrdersReadScalingTarget32EBA317", "OrdersWriteScalingTarget2A2748FC"]
    );
    assert_eq!(
        targets[1].1["Properties"]["ScalableDimension"],
        "dynamodb:table:WriteCapacityUnits"
    );
    assert_eq!(
        (
            targets[1].1["Properties"]["MinCapacity"].as_i64(),
            targets[1].1["Properties"]["MaxCapacity"].as_i64()
        ),
        (Some(2), Some(20))
    );
    let (id, policy) = t
        .find_resources(
            "AWS::ApplicationAutoScaling::ScalingPolicy",
            json!({"ScalingTargetId": {"Ref": "OrdersWriteScalingTarget2A2748FC"}}),
        )
        .remove(0);
    // The CDK's IDs and policy name for autoScaleWriteCapacity().scaleOnUtilization().
    assert_eq!(id, "OrdersWriteScalingTargetTrackingB551FBE5");
    assert_eq!(
        policy["Properties"]["TargetTrackingScalingPolicyConfiguration"],
        json!({
            "PredefinedMetricSpecification": {"PredefinedMetricType": "DynamoDBWriteCapacityUtilization"},
            "TargetValue": 75
        })
    );
    assert_eq!(
        policy["Properties"]["PolicyName"],
        "SOrdersWriteScalingTargetTrackingF11628AB"
    );
}

#[test]
fn indexes_share_attribute_definitions_and_capacity() {
    let (app, _, table) = orders(TableProps {
        sort_key: Some(Attribute::number("createdAt")),
        billing: Billing::Provisioned { read: 3, write: 1 },
        global_secondary_indexes: vec![
            GlobalSecondaryIndex {
                sort_key: Some(Attribute::number("createdAt")),
                projection: Projection::KeysOnly,
                ..GlobalSecondaryIndex::new("byCustomer", Attribute::string("customer"))
            },
            GlobalSecondaryIndex {
                projection: Projection::Include(vec!["total".into(), "status".into()]),
                ..GlobalSecondaryIndex::new("by-status.v2", Attribute::string("status"))
            },
        ],
        ..TableProps::new(Attribute::string("pk"))
    });
    assert!(table.has_indexes());
    let t = template(&app);
    t.has_resource_properties(
        "AWS::DynamoDB::Table",
        json!({
            "AttributeDefinitions": [
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "createdAt", "AttributeType": "N"},
                {"AttributeName": "customer", "AttributeType": "S"},
                {"AttributeName": "status", "AttributeType": "S"}
            ],
            "GlobalSecondaryIndexes": [
                {
                    "IndexName": "byCustomer",
                    "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "createdAt", "KeyType": "RANGE"}],
                    "Projection": {"ProjectionType": "KEYS_ONLY"},
                    "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 1}
                },
                {
                    "IndexName": "by-status.v2",
                    "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
                    "Projection": {"NonKeyAttributes": ["total", "status"], "ProjectionType": "INCLUDE"},
                    "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 1}
                }
            ]
        }),
    );
}

#[test]
fn ttl_stream_deletion_protection_and_encryption_choices() {
    let (app, _, table) = orders(TableProps {
        time_to_live_attribute: Some("expiresAt".into()),
        stream: Some(StreamViewType::KeysOnly),
        deletion_protection: true,
        point_in_time_recovery: false,
        encryption: TableEncryption::CustomerManaged(KEY.into()),
        removal_policy: RemovalPolicy::Destroy,
        ..TableProps::new(Attribute::binary("id"))
    });
    assert!(table.table_stream_arn().is_some());
    assert_eq!(table.encryption_key_arn(), Some(Expr::from(KEY)));
    let t = template(&app);
    t.has_resource(
        "AWS::DynamoDB::Table",
        json!({
            "Properties": {
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "B"}],
                "DeletionProtectionEnabled": true,
                "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false},
                "SSESpecification": {"KMSMasterKeyId": KEY, "SSEEnabled": true, "SSEType": "KMS"},
                "StreamSpecification": {"StreamViewType": "KEYS_ONLY"},
                "TimeToLiveSpecification": {"AttributeName": "expiresAt", "Enabled": true}
            },
            "DeletionPolicy": "Delete"
        }),
    );

    let (app, _, _) = orders(TableProps {
        encryption: TableEncryption::AwsOwned,
        ..TableProps::new(Attribute::string("pk"))
    });
    let t = template(&app);
    assert!(t.json()["Resources"]["OrdersA9B65338"]["Properties"]
        .get("SSESpecification")
        .is_none());
}

#[test]
fn grants_follow_the_cdks_action_lists_with_the_customer_key() {
    let (app, stack, table) = orders(TableProps {
        stream: Some(StreamViewType::NewImage),
        encryption: TableEncryption::CustomerManaged(KEY.into()),
        ..TableProps::new(Attribute::string("pk"))
    });
    let reader = Role::new(&stack, "Reader", RoleProps::assumed_by("lambda.amazonaws.com"));
    assert!(table.grant_read_data(&reader).success());
    assert!(table.grant_write_data(&reader).success());
    assert!(table.grant_stream_read(&reader).success());
    let arn = json!({"Fn::GetAtt": ["OrdersA9B65338", "Arn"]});
    assert_eq!(
        policy_statements(&template(&app)),
        json!([
            {
                "Effect": "Allow",
                "Action": ["dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"],
                "Resource": arn
            },
            {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": KEY},
            {
                "Effect": "Allow",
                "Action": ["dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable"],
                "Resource": arn
            },
            {
                "Effect": "Allow",
                "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
                "Resource": KEY
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
fn a_stream_grant_needs_a_stream_and_a_service_needs_a_role() {
    let (app, stack, table) = orders(TableProps::new(Attribute::string("pk")));
    let role = Role::new(&stack, "Consumer", RoleProps::assumed_by("lambda.amazonaws.com"));
    assert_eq!(table.grant_stream_read(&role), rcdk_iam::Grant::Failed);
    assert_eq!(
        table.grant_read_data(&ServicePrincipal::new("appsync.amazonaws.com")),
        rcdk_iam::Grant::Failed
    );
    assert_eq!(
        errors(&app),
        [
            "S/Orders: cannot grant stream reads on a table without a stream; set stream: Some(StreamViewType::NewAndOldImages) (or another view) in TableProps, or give an imported table its stream with ImportedTable::with_stream_arn",
            "S/Orders: cannot grant dynamodb:BatchGetItem, dynamodb:Query, dynamodb:GetItem, dynamodb:Scan, dynamodb:ConditionCheckItem, dynamodb:DescribeTable to the service appsync.amazonaws.com: it has no policy rcdk can write, and the resource takes no resource policy; grant to a role (of the app, or imported with Role::from_arn) that the principal assumes",
        ]
    );
}

#[test]
fn imported_tables_are_granted_by_name_arn_stream_and_indexes() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let by_name = Table::from_name(&stack, "Customers", "customers");
    let by_arn = Table::from_arn(&stack, "Ledger", "arn:aws:dynamodb:eu-west-1:111111111111:table/ledger")
        .with_stream_arn("arn:aws:dynamodb:eu-west-1:111111111111:table/ledger/stream/2024-01-01T00:00:00.000")
        .with_indexes();
    assert_eq!(by_arn.table_name().value().as_str(), Some("ledger"));
    let role = Role::new(&stack, "Worker", RoleProps::assumed_by("lambda.amazonaws.com"));
    by_name.grant_read_data(&role);
    by_arn.grant_write_data(&role);
    by_arn.grant_stream_read(&role);
    let statements = policy_statements(&template(&app));
    assert_eq!(
        statements[0]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/customers"})
    );
    assert_eq!(
        statements[1]["Resource"],
        json!([
            "arn:aws:dynamodb:eu-west-1:111111111111:table/ledger",
            "arn:aws:dynamodb:eu-west-1:111111111111:table/ledger/index/*"
        ])
    );
    assert_eq!(
        statements[3]["Resource"],
        "arn:aws:dynamodb:eu-west-1:111111111111:table/ledger/stream/2024-01-01T00:00:00.000"
    );
}

#[test]
fn imported_names_and_arns_are_checked() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Table::from_name(&stack, "Short", "ab");
    Table::from_arn(
        &stack,
        "Index",
        "arn:aws:dynamodb:eu-west-1:111111111111:table/ledger/index/byDay",
    );
    Table::from_arn(&stack, "NoAccount", "arn:aws:dynamodb:eu-west-1::table/ledger");
    assert_eq!(
        errors(&app),
        [
            "S/Short: Table::from_name: table name \"ab\" is invalid; use 3 to 255 letters, digits, underscores, dots and hyphens",
            "S/Index: Table::from_arn: \"arn:aws:dynamodb:eu-west-1:111111111111:table/ledger/index/byDay\" is not a DynamoDB table ARN; use arn:<partition>:dynamodb:<region>:<12-digit account>:table/<table name>",
            "S/NoAccount: Table::from_arn: \"arn:aws:dynamodb:eu-west-1::table/ledger\" is not a DynamoDB table ARN; use arn:<partition>:dynamodb:<region>:<12-digit account>:table/<table name>",
        ]
    );
}

#[test]
fn keys_names_and_indexes_that_dynamodb_refuses_fail_synth() {
    let mut indexes: Vec<GlobalSecondaryIndex> = (0..21)
        .map(|i| GlobalSecondaryIndex::new(&format!("index{i}"), Attribute::string("gsi")))
        .collect();
    indexes[1].index_name = "index0".into();
    indexes[2].index_name = "ix".into();
    indexes[3].partition_key = Attribute::number("pk");
    indexes[4].projection = Projection::Include(Vec::new());
    indexes[5].projection = Projection::Include((0..101).map(|i| format!("a{i}")).collect());
    let (app, _, _) = orders(TableProps {
        table_name: Some("orders table".into()),
        sort_key: Some(Attribute::string("pk")),
        global_secondary_indexes: indexes,
        time_to_live_attribute: Some(String::new()),
        removal_policy: RemovalPolicy::Snapshot,
        ..TableProps::new(Attribute::string(&"k".repeat(256)))
    });
    let long = "k".repeat(256);
    assert_eq!(
        errors(&app),
        [
            "S/Orders: table name \"orders table\" is invalid; use 3 to 255 letters, digits, underscores, dots and hyphens".to_owned(),
            "S/Orders: CloudFormation takes no snapshot of a DynamoDB table, so RemovalPolicy::Snapshot is refused; use Retain (the default, with point-in-time recovery) or Destroy".to_owned(),
            format!("S/Orders: key attribute name {long:?} is 256 bytes long; DynamoDB takes 1 to 255"),
            "S/Orders: the table has 21 global secondary indexes and DynamoDB allows 20; drop some, or ask AWS to raise the quota and set them on the L1".to_owned(),
            "S/Orders: two global secondary indexes are named \"index0\"; rename one".to_owned(),
            "S/Orders: index name \"ix\" is invalid; use 3 to 255 letters, digits, underscores, dots and hyphens".to_owned(),
            "S/Orders: index \"index4\" includes no attribute; name the attributes to copy, or use Projection::KeysOnly".to_owned(),
            "S/Orders: the indexes project 101 non-key attributes, and DynamoDB allows 100 across a table's indexes; project fewer, or use Projection::All".to_owned(),
            "S/Orders: the time-to-live attribute name must be 1 to 255 bytes; name the attribute that holds each item's expiry, or drop it".to_owned(),
            "S/Orders: key attribute \"pk\" is a String in the table's key and a Number in index \"index3\", and an attribute has one type; use the same AttributeType in both, or another attribute".to_owned(),
        ]
    );
}

#[test]
fn the_sort_key_must_differ_from_the_partition_key() {
    let (app, _, _) = orders(TableProps {
        sort_key: Some(Attribute::string("pk")),
        ..TableProps::new(Attribute::string("pk"))
    });
    assert_eq!(
        errors(&app),
        ["S/Orders: the sort key is the partition key \"pk\"; give the sort key another attribute, or drop it"]
    );
}

#[test]
fn capacity_and_autoscaling_that_dynamodb_refuses_fail_synth() {
    let (app, _, _) = orders(TableProps {
        billing: Billing::Provisioned { read: 0, write: 5 },
        read_autoscaling: Some(Autoscaling {
            min_capacity: 10,
            max_capacity: 5,
            target_utilization_percent: 95,
        }),
        ..TableProps::new(Attribute::string("pk"))
    });
    assert_eq!(
        errors(&app),
        [
            "S/Orders: provisioned capacity of 0 reads and 5 writes is refused by DynamoDB; give each at least 1 unit, or use Billing::OnDemand",
            "S/Orders: read autoscaling from 10 to 5 units is not a range; use a min_capacity of at least 1 and no more than max_capacity",
            "S/Orders: read autoscaling targets 95% utilization; use 20 to 90 percent",
        ]
    );

    let (app, _, _) = orders(TableProps {
        write_autoscaling: Some(Autoscaling {
            min_capacity: 1,
            max_capacity: 5,
            target_utilization_percent: 70,
        }),
        ..TableProps::new(Attribute::string("pk"))
    });
    assert_eq!(
        errors(&app),
        ["S/Orders: autoscaling scales provisioned capacity, and this table is on-demand; use Billing::Provisioned { read, write }, or drop the autoscaling"]
    );
}
