//! Trust and resource policies that name an AWS service principal carry the
//! confused-deputy conditions AWS documents for that service
//! (`aws:SourceAccount`, `aws:SourceArn`), and none where AWS documents none:
//! a condition on a key the service does not send would lock it out.

use rcdk_core::assertions::Template;
use rcdk_core::{App, StackProps};
use rcdk_iam::{
    known_service, policy_document, PolicyStatement, Principal, Role, RoleProps, ServicePrincipal, KNOWN_SERVICES,
};
use serde_json::{json, Value as Json};

/// The trust statement of the only role of a stack with one role assumed by `service`.
fn trust_statement(service: &str) -> Json {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Role::new(&stack, "Role", RoleProps::assumed_by(service));
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    let t = Template::from_stack(assembly.stack("S").unwrap());
    let (_, role) = t.find_resources("AWS::IAM::Role", json!({})).remove(0);
    let statements = role["Properties"]["AssumeRolePolicyDocument"]["Statement"].clone();
    assert_eq!(statements.as_array().map(Vec::len), Some(1), "{statements:#}");
    statements[0].clone()
}

fn account_scoped(pattern_tail: &str) -> Json {
    json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:{pattern_tail}")})
}

#[test]
fn a_state_machine_role_trusts_step_functions_only_for_this_accounts_state_machines() {
    assert_eq!(
        trust_statement("states.amazonaws.com"),
        json!({
            "Effect": "Allow",
            "Principal": {"Service": "states.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {
                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                "ArnLike": {"aws:SourceArn": account_scoped("states:${AWS::Region}:${AWS::AccountId}:stateMachine:*")}
            }
        })
    );
}

#[test]
fn a_task_role_trusts_ecs_only_for_this_accounts_tasks() {
    assert_eq!(
        trust_statement("ecs-tasks.amazonaws.com")["Condition"],
        json!({
            "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
            "ArnLike": {"aws:SourceArn": account_scoped("ecs:${AWS::Region}:${AWS::AccountId}:*")}
        })
    );
}

#[test]
fn a_flow_log_role_trusts_vpc_flow_logs_only_for_this_accounts_flow_logs() {
    assert_eq!(
        trust_statement("vpc-flow-logs.amazonaws.com")["Condition"],
        json!({
            "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
            "ArnLike": {"aws:SourceArn": account_scoped("ec2:${AWS::Region}:${AWS::AccountId}:vpc-flow-log/*")}
        })
    );
}

#[test]
fn services_without_documented_keys_get_no_condition() {
    // Lambda documents none for the execution role; SNS sends them to the
    // resources it delivers to, not when it assumes a role; an unknown
    // service is not guessed at.
    for service in ["lambda.amazonaws.com", "sns.amazonaws.com", "example.amazonaws.com"] {
        let s = trust_statement(service);
        assert_eq!(s["Principal"], json!({"Service": service}));
        assert!(s.get("Condition").is_none(), "{service}: {s:#}");
        assert!(s.get("Resource").is_none(), "{service}: {s:#}");
    }
}

#[test]
fn a_named_source_replaces_the_account_wide_pattern() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Role::new(
        &stack,
        "Role",
        RoleProps::assumed_by_principal(
            ServicePrincipal::for_trust_policy("states.amazonaws.com")
                .with_source_arn("arn:aws:states:eu-west-1:111111111111:stateMachine:Flow"),
        ),
    );
    let t = Template::from_stack(app.synth().unwrap().stack("S").unwrap());
    t.has_resource_properties(
        "AWS::IAM::Role",
        json!({"AssumeRolePolicyDocument": {"Statement": [{"Condition": {
            "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
            "ArnEquals": {"aws:SourceArn": "arn:aws:states:eu-west-1:111111111111:stateMachine:Flow"}
        }}]}}),
    );
    let (_, role) = t.find_resources("AWS::IAM::Role", json!({})).remove(0);
    let condition = &role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Condition"];
    assert!(condition.get("ArnLike").is_none(), "{condition:#}");
}

#[test]
fn a_resource_policy_admits_sns_only_for_this_accounts_topics() {
    let statement = PolicyStatement::allow(["kms:Decrypt", "kms:GenerateDataKey*"], ["*"])
        .with_sid("SnsUsesKey")
        .with_principal(ServicePrincipal::for_resource_policy("sns.amazonaws.com"));
    let json = serde_json::to_value(statement_json(&statement)).unwrap();
    assert_eq!(
        json,
        json!({
            "Sid": "SnsUsesKey",
            "Effect": "Allow",
            "Principal": {"Service": "sns.amazonaws.com"},
            "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
            "Resource": "*",
            "Condition": {
                "ArnLike": {"aws:SourceArn": account_scoped("sns:${AWS::Region}:${AWS::AccountId}:*")}
            }
        })
    );
}

#[test]
fn a_resource_policy_names_the_topic_when_it_is_known() {
    let statement = PolicyStatement::allow(["sqs:SendMessage"], ["arn:aws:sqs:eu-west-1:111111111111:jobs"])
        .with_principal(
            ServicePrincipal::for_resource_policy("sns.amazonaws.com")
                .with_source_arn("arn:aws:sns:eu-west-1:111111111111:alerts"),
        );
    assert_eq!(
        statement_json(&statement)["Condition"],
        json!({
            "ArnEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111111111111:alerts"}
        })
    );
}

#[test]
fn trust_only_services_add_nothing_to_resource_policies_and_accounts_bring_no_condition() {
    for service in [
        "states.amazonaws.com",
        "ecs-tasks.amazonaws.com",
        "lambda.amazonaws.com",
    ] {
        assert!(
            ServicePrincipal::for_resource_policy(service).conditions().is_empty(),
            "{service}"
        );
    }
    let admin = PolicyStatement::allow(["kms:*"], ["*"]).with_principal(Principal::account_root());
    let json = statement_json(&admin);
    assert!(json.get("Condition").is_none(), "{json:#}");
    assert_eq!(
        json["Principal"],
        json!({"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}})
    );
}

#[test]
fn every_known_service_cites_its_aws_page_and_is_consistent() {
    for k in KNOWN_SERVICES {
        assert!(k.source.starts_with("https://docs.aws.amazon.com/"), "{k:?}");
        assert_eq!(known_service(k.service), Some(k));
        assert_eq!(
            ServicePrincipal::for_trust_policy(k.service).names_its_source(),
            k.on_assume_role,
            "{k:?}"
        );
        assert_eq!(
            ServicePrincipal::for_resource_policy(k.service).names_its_source(),
            k.on_resource_access,
            "{k:?}"
        );
    }
}

#[test]
fn a_role_policy_with_a_principal_is_an_error_not_a_broken_template() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let role = Role::new(&stack, "Role", RoleProps::assumed_by("states.amazonaws.com"));
    role.add_to_policy(
        PolicyStatement::allow(["sns:Publish"], ["arn:aws:sns:eu-west-1:111111111111:a"])
            .with_principal(ServicePrincipal::new("sns.amazonaws.com")),
    );
    let err = app.synth().unwrap_err().to_string();
    assert!(err.contains("cannot name a principal"), "{err}");
}

/// A statement as JSON, through a policy document synthesized in a stack.
fn statement_json(statement: &PolicyStatement) -> Json {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    rcdk_core::Resource::new(
        &stack,
        "Policy",
        "AWS::SNS::TopicPolicy",
        [
            (
                "Topics",
                rcdk_core::Value::list(["arn:aws:sns:eu-west-1:111111111111:a".into()]),
            ),
            ("PolicyDocument", policy_document([statement.clone()])),
        ],
    );
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    assembly.stack("S").unwrap().template()["Resources"]["Policy"]["Properties"]["PolicyDocument"]["Statement"][0]
        .clone()
}
