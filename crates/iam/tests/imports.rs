//! Imported roles and grants to every kind of principal.

use rcdk_core::{App, Expr, StackProps};
use rcdk_iam::{Grant, IRole, PolicyStatement, Principal, Role, RoleProps, ServicePrincipal};
use rcdk_testing::Template;
use serde_json::json;

/// The synth errors, but for the one an empty stack always has.
fn errors(app: &App) -> Vec<String> {
    let all = app.synth().unwrap_err().into_errors();
    all.iter()
        .map(ToString::to_string)
        .filter(|e| !e.contains("the stack has no resources"))
        .collect()
}

#[test]
fn a_grant_to_an_imported_role_attaches_a_policy_by_name() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let role = Role::from_arn(&stack, "Deployer", "arn:aws:iam::111111111111:role/ci/deployer");
    let arn = "arn:aws:sns:eu-west-1:111111111111:a";
    let grant = Grant::add_to_principal(&role, ["sns:Publish"], [arn], &stack);
    assert!(matches!(grant, Grant::PrincipalPolicy(_)));
    // Granted twice, written once.
    Grant::add_to_principal(&role, ["sns:Publish"], [arn], &stack);
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.resource_count_is("AWS::IAM::Policy", 1);
    let (id, policy) = t.find_resources("AWS::IAM::Policy", json!({})).remove(0);
    // The AWS CDK's `Deployer/Policy/Resource`.
    assert_eq!(id, "DeployerPolicy7CBD75B8");
    assert_eq!(policy["Properties"]["Roles"], json!(["deployer"]));
    assert_eq!(
        policy["Properties"]["PolicyDocument"]["Statement"],
        json!([{"Effect": "Allow", "Action": "sns:Publish", "Resource": arn}])
    );
    assert_eq!(
        role.role_arn().value().as_str(),
        Some("arn:aws:iam::111111111111:role/ci/deployer")
    );
}

#[test]
fn a_role_arn_by_reference_names_the_role_with_split() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let role = Role::from_arn(&stack, "R", Expr::import_value("shared-role-arn"));
    role.add_to_policy(PolicyStatement::allow(
        ["sqs:SendMessage"],
        ["arn:aws:sqs:eu-west-1:111111111111:q"],
    ));
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"Roles": [{"Fn::Select": [1, {"Fn::Split": ["/", {"Fn::ImportValue": "shared-role-arn"}]}]}]}),
    );
}

#[test]
fn an_arn_that_is_not_a_role_fails_with_the_path_and_the_fix() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    Role::from_arn(&stack, "R", "arn:aws:iam::111111111111:user/alice");
    let e = errors(&app);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with("S/R: Role::from_arn: \"arn:aws:iam::111111111111:user/alice\" is not a role ARN"),
        "{e:#?}"
    );
    assert!(
        e[0].contains("use arn:<partition>:iam::<12-digit account>:role/"),
        "{e:#?}"
    );
}

#[test]
fn an_immutable_role_is_never_given_a_policy() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let role = Role::from_arn_immutable(&stack, "Admin", "arn:aws:iam::111111111111:role/admin");
    let grant = Grant::add_to_principal(&role, ["sns:Publish"], ["arn:aws:sns:eu-west-1:111111111111:a"], &stack);
    assert_eq!(grant, Grant::Failed);
    role.add_to_policy(PolicyStatement::allow(
        ["sns:Publish"],
        ["arn:aws:sns:eu-west-1:111111111111:a"],
    ));
    let e = errors(&app);
    assert!(
        e.iter().any(|m| m.starts_with(
            "S: cannot grant sns:Publish to arn:aws:iam::111111111111:role/admin: it has no policy rcdk can write"
        )),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("S/Admin: this role was imported with Role::from_arn_immutable")),
        "{e:#?}"
    );
}

#[test]
fn services_and_accounts_have_no_policy_of_their_own() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let arn = "arn:aws:states:eu-west-1:111111111111:stateMachine:m";
    let service = Grant::add_to_principal(
        &ServicePrincipal::new("events.amazonaws.com"),
        ["states:StartExecution"],
        [arn],
        &stack,
    );
    let account = Grant::add_to_principal(
        &Principal::account("222222222222"),
        ["states:StartExecution"],
        [arn],
        &stack,
    );
    assert!(!service.success() && !account.success());
    let e = errors(&app);
    assert!(
        e.iter().any(|m| m.contains("to the service events.amazonaws.com")),
        "{e:#?}"
    );
    assert!(
        e.iter().any(|m| m.contains("to an account or role given by reference")),
        "{e:#?}"
    );
    assert!(
        e.iter().all(|m| m.contains("the resource takes no resource policy; grant to a role (of the app, or imported with Role::from_arn) that the principal assumes")),
        "{e:#?}"
    );
}

#[test]
fn a_role_of_the_app_is_a_principal_by_its_arn() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let role = Role::new(&stack, "Role", RoleProps::assumed_by("lambda.amazonaws.com"));
    let principal = rcdk_iam::IPrincipal::policy_principal(&role);
    assert_eq!(
        principal.to_value(),
        rcdk_core::Value::object([("AWS", role.role_arn().into_value())])
    );
}

#[test]
fn policy_names_are_the_cdks_and_unique_in_the_stack() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let worker = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    worker.add_to_policy(PolicyStatement::allow(
        ["sqs:SendMessage"],
        ["arn:aws:sqs:eu-west-1:111111111111:q"],
    ));
    // Two imports of one role from two scopes: two policies, two names.
    let arn = "arn:aws:iam::111111111111:role/ci";
    let a = stack.child("A");
    let b = stack.child("B");
    Role::from_arn(&a, "Ci", arn).add_to_policy(PolicyStatement::allow(
        ["sns:Publish"],
        ["arn:aws:sns:eu-west-1:111111111111:a"],
    ));
    Role::from_arn(&b, "Ci", arn).add_to_policy(PolicyStatement::allow(
        ["sns:Publish"],
        ["arn:aws:sns:eu-west-1:111111111111:b"],
    ));
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    let mut names: Vec<String> = t
        .find_resources("AWS::IAM::Policy", json!({}))
        .into_iter()
        .map(|(id, p)| {
            let name = p["Properties"]["PolicyName"].as_str().unwrap().to_owned();
            // The AWS CDK names a policy after its logical ID.
            assert_eq!(name, id);
            name
        })
        .collect();
    names.sort();
    // The CDK's own name for Worker's policy (aws-cdk-lib 2.276.0).
    assert!(names.contains(&"WorkerDefaultPolicyD9676315".to_owned()), "{names:?}");
    names.dedup();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn a_role_of_another_account_is_imported_immutable() {
    let app = App::new();
    let stack = app.stack(
        "S",
        StackProps {
            env: rcdk_core::Environment {
                account: Some("111111111111".into()),
                region: Some("eu-west-1".into()),
            },
            ..StackProps::default()
        },
    );
    let theirs = Role::from_arn(&stack, "Theirs", "arn:aws:iam::222222222222:role/ci");
    let grant = Grant::add_to_principal(
        &theirs,
        ["sns:Publish"],
        ["arn:aws:sns:eu-west-1:111111111111:a"],
        &stack,
    );
    assert_eq!(grant, Grant::Failed);
    let ours = Role::from_arn(&stack, "Ours", "arn:aws:iam::111111111111:role/ci");
    assert!(
        Grant::add_to_principal(&ours, ["sns:Publish"], ["arn:aws:sns:eu-west-1:111111111111:a"], &stack).success()
    );
}
