//! One test per built-in rule: a violating and a passing stack of L1
//! resources.

mod common;

use common::{case, Res};
use serde_json::json;

const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/app";

fn bucket(props: serde_json::Value) -> Res {
    ("Bucket", "AWS::S3::Bucket", props)
}

fn tls_deny(action: &str, resource: serde_json::Value) -> serde_json::Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Deny",
            "Principal": {"AWS": "*"},
            "Action": action,
            "Resource": resource,
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }]
    })
}

#[test]
fn s3_1_access_logs() {
    case(
        "RCDK-S3-1",
        "Bucket",
        &[bucket(json!({}))],
        &[bucket(
            json!({"LoggingConfiguration": {"DestinationBucketName": "access-logs"}}),
        )],
    );
}

#[test]
fn s3_2_public_access_blocked() {
    case(
        "RCDK-S3-2",
        "Bucket",
        &[bucket(
            json!({"PublicAccessBlockConfiguration": {"BlockPublicAcls": true}}),
        )],
        &[bucket(json!({"PublicAccessBlockConfiguration": {
            "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true
        }}))],
    );
}

#[test]
fn s3_3_tls_only_policy() {
    let policy = |action: &str| -> Res {
        (
            "Policy",
            "AWS::S3::BucketPolicy",
            json!({"Bucket": "@ref:Bucket", "PolicyDocument": tls_deny(action, json!(["@att:Bucket:Arn"]))}),
        )
    };
    // Denying only reads does not make the bucket TLS-only.
    case(
        "RCDK-S3-3",
        "Bucket",
        &[bucket(json!({})), policy("s3:GetObject")],
        &[bucket(json!({})), policy("s3:*")],
    );
}

#[test]
fn s3_4_versioning() {
    case(
        "RCDK-S3-4",
        "Bucket",
        &[bucket(json!({"VersioningConfiguration": {"Status": "Suspended"}}))],
        &[bucket(json!({"VersioningConfiguration": {"Status": "Enabled"}}))],
    );
}

#[test]
fn s3_5_default_encryption() {
    case(
        "RCDK-S3-5",
        "Bucket",
        &[bucket(json!({}))],
        &[bucket(
            json!({"BucketEncryption": {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
            ]}}),
        )],
    );
}

#[test]
fn sqs_1_dead_letter_queue() {
    case(
        "RCDK-SQS-1",
        "Queue",
        &[("Queue", "AWS::SQS::Queue", json!({}))],
        &[
            ("Dlq", "AWS::SQS::Queue", json!({})),
            (
                "Queue",
                "AWS::SQS::Queue",
                json!({"RedrivePolicy": {"deadLetterTargetArn": "@att:Dlq:Arn", "maxReceiveCount": 3}}),
            ),
        ],
    );
    // The dead-letter queue itself passes: it is used as one.
    case(
        "RCDK-SQS-1",
        "Dlq",
        &[("Dlq", "AWS::SQS::Queue", json!({}))],
        &[
            ("Dlq", "AWS::SQS::Queue", json!({})),
            (
                "Queue",
                "AWS::SQS::Queue",
                json!({"RedrivePolicy": {"deadLetterTargetArn": "@att:Dlq:Arn", "maxReceiveCount": 3}}),
            ),
        ],
    );
}

#[test]
fn sqs_2_encryption() {
    case(
        "RCDK-SQS-2",
        "Queue",
        &[("Queue", "AWS::SQS::Queue", json!({"SqsManagedSseEnabled": false}))],
        &[("Queue", "AWS::SQS::Queue", json!({"SqsManagedSseEnabled": true}))],
    );
}

#[test]
fn sqs_3_tls_only_policy() {
    let queue: Res = ("Queue", "AWS::SQS::Queue", json!({}));
    case(
        "RCDK-SQS-3",
        "Queue",
        std::slice::from_ref(&queue),
        &[
            queue.clone(),
            (
                "Policy",
                "AWS::SQS::QueuePolicy",
                json!({"Queues": ["@ref:Queue"], "PolicyDocument": tls_deny("sqs:*", json!("@att:Queue:Arn"))}),
            ),
        ],
    );
}

#[test]
fn sns_1_kms() {
    case(
        "RCDK-SNS-1",
        "Topic",
        &[("Topic", "AWS::SNS::Topic", json!({}))],
        &[("Topic", "AWS::SNS::Topic", json!({"KmsMasterKeyId": "alias/aws/sns"}))],
    );
}

#[test]
fn sns_2_tls_only_publish() {
    let topic: Res = ("Topic", "AWS::SNS::Topic", json!({}));
    let policy = |action: &str| -> Res {
        (
            "Policy",
            "AWS::SNS::TopicPolicy",
            json!({"Topics": ["@ref:Topic"], "PolicyDocument": tls_deny(action, json!("@ref:Topic"))}),
        )
    };
    case(
        "RCDK-SNS-2",
        "Topic",
        &[topic.clone(), policy("sns:Subscribe")],
        &[topic.clone(), policy("sns:Publish")],
    );
}

fn table(extra: serde_json::Value) -> Res {
    let mut props = json!({
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST"
    });
    if let (Some(p), Some(e)) = (props.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    ("Table", "AWS::DynamoDB::Table", props)
}

#[test]
fn ddb_1_point_in_time_recovery() {
    case(
        "RCDK-DDB-1",
        "Table",
        &[table(json!({}))],
        &[table(
            json!({"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}),
        )],
    );
}

#[test]
fn ddb_2_deletion_protection() {
    case(
        "RCDK-DDB-2",
        "Table",
        &[table(json!({"DeletionProtectionEnabled": false}))],
        &[table(json!({"DeletionProtectionEnabled": true}))],
    );
}

#[test]
fn ddb_2_retained_table_passes() {
    let (app, made) = common::app(&[table(json!({}))]);
    made["Table"].apply_removal_policy(rcdk::core::RemovalPolicy::Retain);
    let report = rcdk_policy::check(&app.synth().unwrap(), &[rcdk_policy::aws_solutions()]);
    assert!(report.findings().iter().all(|f| f.rule_id != "RCDK-DDB-2"));
}

#[test]
fn ddb_3_customer_managed_key() {
    case(
        "RCDK-DDB-3",
        "Table",
        &[table(json!({"SSESpecification": {"SSEEnabled": true}}))],
        &[table(
            json!({"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": "alias/tables"}}),
        )],
    );
}

fn function(extra: serde_json::Value) -> Res {
    let mut props = json!({
        "Code": {"ZipFile": "def handler(event, context): return event"},
        "Handler": "index.handler",
        "Role": ROLE_ARN,
        "Runtime": "python3.14"
    });
    if let (Some(p), Some(e)) = (props.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    ("Fn", "AWS::Lambda::Function", props)
}

#[test]
fn lambda_1_latest_runtime() {
    case(
        "RCDK-LAMBDA-1",
        "Fn",
        &[function(json!({"Runtime": "python3.12"}))],
        &[function(json!({"Runtime": "python3.14"}))],
    );
    case(
        "RCDK-LAMBDA-1",
        "Fn",
        &[function(json!({"Runtime": "nodejs20.x"}))],
        &[function(json!({"Runtime": "provided.al2023"}))],
    );
}

#[test]
fn lambda_2_dead_letter_queue() {
    case(
        "RCDK-LAMBDA-2",
        "Fn",
        &[function(json!({}))],
        &[function(
            json!({"DeadLetterConfig": {"TargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"}}),
        )],
    );
}

#[test]
fn lambda_3_reserved_concurrency() {
    case(
        "RCDK-LAMBDA-3",
        "Fn",
        &[function(json!({}))],
        &[function(json!({"ReservedConcurrentExecutions": 10}))],
    );
}

#[test]
fn lambda_4_inside_vpc() {
    case(
        "RCDK-LAMBDA-4",
        "Fn",
        &[function(json!({}))],
        &[function(json!({"VpcConfig": {
            "SubnetIds": ["subnet-0123456789abcdef0"],
            "SecurityGroupIds": ["sg-0123456789abcdef0"]
        }}))],
    );
}

#[test]
fn lambda_5_function_url_auth() {
    let url = |auth: &str| -> Res {
        (
            "Url",
            "AWS::Lambda::Url",
            json!({"TargetFunctionArn": "@att:Fn:Arn", "AuthType": auth}),
        )
    };
    case(
        "RCDK-LAMBDA-5",
        "Url",
        &[function(json!({})), url("NONE")],
        &[function(json!({})), url("AWS_IAM")],
    );
}

#[test]
fn lambda_6_tracing() {
    case(
        "RCDK-LAMBDA-6",
        "Fn",
        &[function(json!({"TracingConfig": {"Mode": "PassThrough"}}))],
        &[function(json!({"TracingConfig": {"Mode": "Active"}}))],
    );
}

#[test]
fn logs_1_retention() {
    case(
        "RCDK-LOGS-1",
        "Logs",
        &[("Logs", "AWS::Logs::LogGroup", json!({}))],
        &[("Logs", "AWS::Logs::LogGroup", json!({"RetentionInDays": 30}))],
    );
}

#[test]
fn logs_2_kms() {
    case(
        "RCDK-LOGS-2",
        "Logs",
        &[("Logs", "AWS::Logs::LogGroup", json!({"RetentionInDays": 30}))],
        &[(
            "Logs",
            "AWS::Logs::LogGroup",
            json!({"RetentionInDays": 30, "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}),
        )],
    );
}

fn role(extra: serde_json::Value) -> Res {
    let mut props = json!({
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]
        }
    });
    if let (Some(p), Some(e)) = (props.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    ("Role", "AWS::IAM::Role", props)
}

#[test]
fn iam_1_managed_policies() {
    case(
        "RCDK-IAM-1",
        "Role",
        &[role(
            json!({"ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]}),
        )],
        &[role(
            json!({"ManagedPolicyArns": ["arn:aws:iam::123456789012:policy/app-logs"]}),
        )],
    );
}

#[test]
fn iam_2_wildcards() {
    let policy = |action: &str, resource: serde_json::Value| -> Res {
        (
            "Policy",
            "AWS::IAM::Policy",
            json!({
                "PolicyName": "app",
                "Roles": ["@ref:Role"],
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]}
            }),
        )
    };
    case(
        "RCDK-IAM-2",
        "Policy",
        &[role(json!({})), policy("s3:GetObject", json!("*"))],
        &[
            role(json!({})),
            policy("s3:GetObject", json!("arn:aws:s3:::reports/summary.csv")),
        ],
    );
    case(
        "RCDK-IAM-2",
        "Policy",
        &[role(json!({})), policy("s3:*", json!("arn:aws:s3:::reports"))],
        &[role(json!({})), policy("s3:ListBucket", json!("arn:aws:s3:::reports"))],
    );
}

fn group(ingress: serde_json::Value) -> Res {
    (
        "Group",
        "AWS::EC2::SecurityGroup",
        json!({"GroupDescription": "web", "SecurityGroupIngress": ingress}),
    )
}

#[test]
fn ec2_1_inbound_from_anywhere() {
    case(
        "RCDK-EC2-1",
        "Group",
        &[group(
            json!([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0", "Description": "ssh"}]),
        )],
        &[group(
            json!([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "10.0.0.0/16", "Description": "ssh"}]),
        )],
    );
    // A separate ingress resource, IPv6.
    let ingress = |cidr: &str| -> Res {
        (
            "Ingress",
            "AWS::EC2::SecurityGroupIngress",
            json!({"GroupId": "@att:Group:GroupId", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": cidr, "Description": "https"}),
        )
    };
    case(
        "RCDK-EC2-1",
        "Ingress",
        &[group(json!([])), ingress("::/0")],
        &[group(json!([])), ingress("2001:db8::/32")],
    );
}

#[test]
fn ec2_2_rule_descriptions() {
    case(
        "RCDK-EC2-2",
        "Group",
        &[group(
            json!([{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}]),
        )],
        &[group(
            json!([{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16", "Description": "https from the VPC"}]),
        )],
    );
}

#[test]
fn vpc_1_flow_logs() {
    let vpc: Res = ("Vpc", "AWS::EC2::VPC", json!({"CidrBlock": "10.0.0.0/16"}));
    case(
        "RCDK-VPC-1",
        "Vpc",
        std::slice::from_ref(&vpc),
        &[
            vpc.clone(),
            (
                "FlowLog",
                "AWS::EC2::FlowLog",
                json!({
                    "ResourceId": "@ref:Vpc",
                    "ResourceType": "VPC",
                    "TrafficType": "ALL",
                    "LogDestinationType": "s3",
                    "LogDestination": "arn:aws:s3:::flow-logs"
                }),
            ),
        ],
    );
}

#[test]
fn ecs_1_container_insights() {
    case(
        "RCDK-ECS-1",
        "Cluster",
        &[("Cluster", "AWS::ECS::Cluster", json!({}))],
        &[(
            "Cluster",
            "AWS::ECS::Cluster",
            json!({"ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}]}),
        )],
    );
}

fn task(container: serde_json::Value) -> Res {
    (
        "Task",
        "AWS::ECS::TaskDefinition",
        json!({"ContainerDefinitions": [container]}),
    )
}

fn awslogs() -> serde_json::Value {
    json!({"LogDriver": "awslogs", "Options": {"awslogs-group": "web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}})
}

#[test]
fn ecs_2_container_logging() {
    case(
        "RCDK-ECS-2",
        "Task",
        &[task(json!({"Name": "web", "Image": "nginx"}))],
        &[task(
            json!({"Name": "web", "Image": "nginx", "LogConfiguration": awslogs()}),
        )],
    );
}

#[test]
fn ecs_3_environment_variables() {
    case(
        "RCDK-ECS-3",
        "Task",
        &[task(
            json!({"Name": "web", "Image": "nginx", "LogConfiguration": awslogs(), "Environment": [{"Name": "DB_PASSWORD", "Value": "hunter2"}]}),
        )],
        &[task(json!({
            "Name": "web", "Image": "nginx", "LogConfiguration": awslogs(),
            "Secrets": [{"Name": "DB_PASSWORD", "ValueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}]
        }))],
    );
}

fn lb(attributes: serde_json::Value) -> Res {
    (
        "Lb",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Subnets": ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], "LoadBalancerAttributes": attributes}),
    )
}

#[test]
fn elb_1_access_logs() {
    case(
        "RCDK-ELB-1",
        "Lb",
        &[lb(json!([{"Key": "access_logs.s3.enabled", "Value": "false"}]))],
        &[lb(json!([
            {"Key": "access_logs.s3.enabled", "Value": "true"},
            {"Key": "access_logs.s3.bucket", "Value": "lb-logs"}
        ]))],
    );
}

#[test]
fn elb_2_deletion_protection() {
    case(
        "RCDK-ELB-2",
        "Lb",
        &[lb(json!([]))],
        &[lb(json!([{"Key": "deletion_protection.enabled", "Value": "true"}]))],
    );
}

#[test]
fn elb_3_drop_invalid_headers() {
    case(
        "RCDK-ELB-3",
        "Lb",
        &[lb(json!([]))],
        &[lb(
            json!([{"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}]),
        )],
    );
}

#[test]
fn elb_4_http_redirects() {
    let listener = |action: serde_json::Value| -> Res {
        (
            "Listener",
            "AWS::ElasticLoadBalancingV2::Listener",
            json!({"LoadBalancerArn": "@ref:Lb", "Port": 80, "Protocol": "HTTP", "DefaultActions": [action]}),
        )
    };
    case(
        "RCDK-ELB-4",
        "Listener",
        &[
            lb(json!([])),
            listener(json!({"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "200"}})),
        ],
        &[
            lb(json!([])),
            listener(
                json!({"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}),
            ),
        ],
    );
}

fn api() -> Res {
    (
        "Api",
        "AWS::ApiGatewayV2::Api",
        json!({"Name": "orders", "ProtocolType": "HTTP"}),
    )
}

#[test]
fn apigw_1_access_logs() {
    let stage = |extra: serde_json::Value| -> Res {
        let mut props = json!({"ApiId": "@ref:Api", "StageName": "$default", "AutoDeploy": true});
        if let (Some(p), Some(e)) = (props.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        ("Stage", "AWS::ApiGatewayV2::Stage", props)
    };
    case(
        "RCDK-APIGW-1",
        "Stage",
        &[api(), stage(json!({}))],
        &[
            api(),
            stage(json!({"AccessLogSettings": {
                "DestinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:api",
                "Format": "$context.requestId"
            }})),
        ],
    );
}

#[test]
fn apigw_2_route_authorization() {
    let route = |auth: &str| -> Res {
        (
            "Route",
            "AWS::ApiGatewayV2::Route",
            json!({"ApiId": "@ref:Api", "RouteKey": "GET /orders", "AuthorizationType": auth}),
        )
    };
    case(
        "RCDK-APIGW-2",
        "Route",
        &[api(), route("NONE")],
        &[api(), route("AWS_IAM")],
    );
}

fn state_machine(extra: serde_json::Value) -> Res {
    let mut props = json!({
        "RoleArn": ROLE_ARN,
        "DefinitionString": "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"
    });
    if let (Some(p), Some(e)) = (props.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    ("Machine", "AWS::StepFunctions::StateMachine", props)
}

#[test]
fn sfn_1_logs_all_events() {
    let logging = |level: &str| {
        json!({"LoggingConfiguration": {
            "Level": level,
            "IncludeExecutionData": true,
            "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:sfn:*"}}]
        }})
    };
    case(
        "RCDK-SFN-1",
        "Machine",
        &[state_machine(logging("ERROR"))],
        &[state_machine(logging("ALL"))],
    );
}

#[test]
fn sfn_2_tracing() {
    case(
        "RCDK-SFN-2",
        "Machine",
        &[state_machine(json!({}))],
        &[state_machine(json!({"TracingConfiguration": {"Enabled": true}}))],
    );
}

#[test]
fn events_1_open_bus() {
    let policy = |condition: Option<serde_json::Value>| -> Res {
        let mut statement = json!({
            "Effect": "Allow",
            "Principal": "*",
            "Action": "events:PutEvents",
            "Resource": "arn:aws:events:us-east-1:123456789012:event-bus/default"
        });
        if let Some(c) = condition {
            statement["Condition"] = c;
        }
        (
            "BusPolicy",
            "AWS::Events::EventBusPolicy",
            json!({"StatementId": "org", "Statement": statement}),
        )
    };
    case(
        "RCDK-EVENTS-1",
        "BusPolicy",
        &[policy(None)],
        &[policy(Some(
            json!({"StringEquals": {"aws:PrincipalOrgID": "o-1234567890"}}),
        ))],
    );
}

#[test]
fn events_2_target_dead_letter_queues() {
    let rule = |target: serde_json::Value| -> Res {
        (
            "Rule",
            "AWS::Events::Rule",
            json!({"ScheduleExpression": "rate(1 hour)", "Targets": [target]}),
        )
    };
    case(
        "RCDK-EVENTS-2",
        "Rule",
        &[rule(
            json!({"Id": "Queue", "Arn": "arn:aws:sqs:us-east-1:123456789012:jobs"}),
        )],
        &[rule(json!({
            "Id": "Queue",
            "Arn": "arn:aws:sqs:us-east-1:123456789012:jobs",
            "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:123456789012:jobs-dlq"}
        }))],
    );
}

#[test]
fn kms_1_rotation() {
    case(
        "RCDK-KMS-1",
        "Key",
        &[("Key", "AWS::KMS::Key", json!({"EnableKeyRotation": false}))],
        &[("Key", "AWS::KMS::Key", json!({"EnableKeyRotation": true}))],
    );
    // Asymmetric keys cannot rotate: not applicable.
    let flagged = common::flagged(
        "RCDK-KMS-1",
        &[(
            "Key",
            "AWS::KMS::Key",
            json!({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}),
        )],
    );
    assert!(flagged.is_empty());
}

#[test]
fn kms_2_wildcard_principal() {
    let key = |principal: serde_json::Value| -> Res {
        (
            "Key",
            "AWS::KMS::Key",
            json!({
                "EnableKeyRotation": true,
                "KeyPolicy": {"Version": "2012-10-17", "Statement": [
                    {"Sid": "Use", "Effect": "Allow", "Principal": principal, "Action": "kms:*", "Resource": "*"}
                ]}
            }),
        )
    };
    case(
        "RCDK-KMS-2",
        "Key",
        &[key(json!({"AWS": "*"}))],
        &[key(json!({"AWS": "arn:aws:iam::123456789012:root"}))],
    );
}

#[test]
fn every_builtin_rule_has_a_test_and_a_description() {
    let source = include_str!("rules.rs");
    let pack = rcdk_policy::aws_solutions();
    assert!(pack.rules().len() >= 30, "{} rules", pack.rules().len());
    for rule in pack.rules() {
        let quoted = format!("\"{}\"", rule.id());
        assert!(source.matches(&quoted).count() >= 1, "no test for {}", rule.id());
        assert!(rule.explanation().ends_with('.'), "{}", rule.id());
        assert!(!rule.fix().is_empty(), "{}", rule.id());
    }
}
