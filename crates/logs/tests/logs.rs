//! Log groups: imports, grants and removal policies.

use rcdk_core::{App, RemovalPolicy, StackProps};
use rcdk_iam::{Role, RoleProps};
use rcdk_logs::{ILogGroup, LogGroup, LogGroupProps};
use rcdk_testing::Template;
use serde_json::json;

#[test]
fn an_imported_log_group_is_granted_by_its_arn() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let logs = LogGroup::from_name(&stack, "Audit", "/org/audit");
    let role = Role::new(&stack, "Writer", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    assert!(logs.grant_write(&role).success());
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.resource_count_is("AWS::Logs::LogGroup", 0);
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"PolicyDocument": {"Statement": [{
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/org/audit:*"}
        }]}}),
    );
}

#[test]
fn an_imported_name_is_checked() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    LogGroup::from_name(&stack, "Bad", "has space");
    LogGroup::new(&stack, "Ok", LogGroupProps::default());
    let errors: Vec<String> = app
        .synth()
        .unwrap_err()
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        ["S/Bad: log group name \"has space\" is invalid; use 1 to 512 letters, digits and . _ - / #"]
    );
}

#[test]
fn removal_policies_reach_the_template() {
    for (policy, deletion, replace) in [
        (RemovalPolicy::Destroy, "Delete", "Delete"),
        (RemovalPolicy::Retain, "Retain", "Retain"),
        (RemovalPolicy::RetainOnUpdateOrDelete, "RetainExceptOnCreate", "Retain"),
    ] {
        let app = App::new();
        let stack = app.stack("S", StackProps::default());
        LogGroup::new(
            &stack,
            "Logs",
            LogGroupProps {
                removal_policy: policy,
                ..Default::default()
            },
        );
        let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
        let (_, group) = t.find_resources("AWS::Logs::LogGroup", json!({})).remove(0);
        assert_eq!(group["DeletionPolicy"], deletion);
        assert_eq!(group["UpdateReplacePolicy"], replace);
    }
}
