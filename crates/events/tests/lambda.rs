//! The Lambda function target: the rule's target, and the permission that
//! admits EventBridge for that rule only, at the AWS CDK's logical ID
//! (examples/tests/fixtures/cdk/l2_lambda_integrations.json).

use rcdk_core::{App, Duration, Environment, Stack, StackProps, Value};
use rcdk_events::*;
use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
use rcdk_messaging::{Queue, QueueProps};
use rcdk_testing::Template;
use serde_json::json;

fn python_function(stack: &Stack, id: &str) -> Function {
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

fn pinned(app: &App) -> Stack {
    app.stack(
        "S",
        StackProps {
            env: Environment {
                account: Some("111111111111".into()),
                region: Some("eu-west-1".into()),
            },
            ..Default::default()
        },
    )
}

#[test]
fn a_function_target_admits_events_for_the_rule_at_the_cdks_id() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let handler = python_function(&stack, "Handler");
    let dlq = Queue::new(&stack, "Undelivered", QueueProps::default());
    let nightly = Rule::new(
        &stack,
        "Nightly",
        RuleProps::scheduled(Schedule::rate(Duration::days(1))),
    );
    let target = targets::LambdaFunction::new(&handler);
    nightly.add_target_with(
        &target,
        TargetOptions {
            input: Some(Value::object([("job", Value::from("cleanup"))])),
            retry_attempts: Some(2),
            dead_letter_queue: Some(&dlq),
            ..Default::default()
        },
    );
    // A second target of the same function on the same rule: one permission.
    nightly.add_target(&target);
    let assembly = app.synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let t = Template::from_stack(&assembly.stacks()[0]);
    let permissions = t.find_resources("AWS::Lambda::Permission", json!({}));
    assert_eq!(permissions.len(), 1);
    let (id, permission) = &permissions[0];
    assert_eq!(id, "NightlyAllowEventRuleSHandler9681E1B3D562DF4B");
    assert_eq!(
        permission["Properties"],
        json!({
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": ["Handler886CB40B", "Arn"]},
            "Principal": "events.amazonaws.com",
            "SourceArn": {"Fn::GetAtt": ["NightlyC44EE0A7", "Arn"]}
        })
    );
    let (_, rule) = t.find_resources("AWS::Events::Rule", json!({})).remove(0);
    assert_eq!(
        rule["Properties"]["Targets"],
        json!([
            {
                "Arn": {"Fn::GetAtt": ["Handler886CB40B", "Arn"]},
                "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["UndeliveredF3CF66A9", "Arn"]}},
                "Id": "Target0",
                "Input": "{\"job\":\"cleanup\"}",
                "RetryPolicy": {"MaximumRetryAttempts": 2}
            },
            {"Arn": {"Fn::GetAtt": ["Handler886CB40B", "Arn"]}, "Id": "Target1"}
        ])
    );
    // No role: a function is reached through its resource policy.
    t.resource_count_is("AWS::IAM::Role", 1);
}

#[test]
fn each_rule_gets_its_own_permission() {
    let app = App::new();
    let stack = pinned(&app);
    let shared = Function::from_function_arn(
        &stack,
        "Shared",
        "arn:aws:lambda:eu-west-1:111111111111:function:shared",
    );
    let target = targets::LambdaFunction::new(&shared);
    for id in ["Placed", "Paid"] {
        let rule = Rule::new(&stack, id, RuleProps::matching(EventPattern::new().source(["orders"])));
        rule.add_target(&target);
    }
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    let permissions = t.find_resources("AWS::Lambda::Permission", json!({}));
    assert_eq!(permissions.len(), 2);
    for ((id, permission), rule) in permissions.iter().zip(["Placed", "Paid"]) {
        assert!(id.starts_with(&format!("{rule}AllowEventRuleSShared")), "{id}");
        assert_eq!(
            permission["Properties"]["FunctionName"],
            json!("arn:aws:lambda:eu-west-1:111111111111:function:shared")
        );
        assert_eq!(
            permission["Properties"]["SourceArn"]["Fn::GetAtt"][0]
                .as_str()
                .map(|s| s.starts_with(rule)),
            Some(true)
        );
    }
}

#[test]
fn a_function_of_another_account_cannot_be_admitted_from_this_stack() {
    let app = App::new();
    let stack = pinned(&app);
    let foreign = Function::from_function_arn(&stack, "Foreign", "arn:aws:lambda:eu-west-1:222222222222:function:f");
    let rule = Rule::new(&stack, "R", RuleProps::matching(EventPattern::new().source(["orders"])));
    rule.add_target(&targets::LambdaFunction::new(&foreign));
    let errors: Vec<String> = app
        .synth()
        .unwrap_err()
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        ["S/R: the target S/Foreign is a function of the account 222222222222, not the stack's, and a stack can only add the permission EventBridge needs to its own account's functions; add the permission in the function's account (events.amazonaws.com, for this rule's ARN), or put the rule in that account"]
    );
}
