//! The catalogue of bad input: one test per class of misuse, across every
//! crate. Each asserts a clear error (or warning) that names the construct
//! path, or for standalone files the line, and says how to fix it. Synthesis
//! reports all of them at once and never panics.

use rcdk::cfn::sqs::{CfnQueue, CfnQueueProps};
use rcdk::prelude::*;

/// Synthesizes and returns every error message.
fn errors(app: &App) -> Vec<String> {
    match app.synth() {
        Ok(_) => panic!("expected synthesis to fail"),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

/// Asserts exactly one error, starting with `path: ` and containing `text`.
fn one(app: &App, path: &str, text: &str) {
    let e = errors(app);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].starts_with(&format!("{path}: ")), "{e:?}");
    assert!(e[0].contains(text), "{e:?}");
}

fn stack() -> (App, Stack) {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    (app, s)
}

fn queue(s: &Scope, id: &str) -> CfnQueue {
    CfnQueue::new(s, id, CfnQueueProps::default())
}

fn vpc(s: &Scope, id: &str, cidr: &str) -> Vpc {
    Vpc::new(
        s,
        id,
        VpcProps {
            cidr: cidr.into(),
            flow_logs: false,
            ..Default::default()
        },
    )
}

// ---- ids and names ----

#[test]
fn empty_id() {
    let (app, s) = stack();
    queue(&s, "Ok");
    queue(&s.child("G"), "");
    one(&app, "S/G", "must not be empty");
}

#[test]
fn id_with_a_slash() {
    let (app, s) = stack();
    queue(&s, "Ok");
    queue(&s, "a/b");
    one(&app, "S/a/b", "must not contain '/'");
}

#[test]
fn duplicate_sibling_ids() {
    let (app, s) = stack();
    queue(&s, "Q");
    queue(&s, "Q");
    one(&app, "S/Q", "give each sibling a unique id");
}

#[test]
fn invalid_stack_name() {
    let app = App::new();
    let s = app.stack(
        "S",
        StackProps {
            stack_name: Some("has space".into()),
            ..Default::default()
        },
    );
    queue(&s, "Q");
    one(&app, "S", "stack name \"has space\" is invalid");
}

#[test]
fn stack_name_over_128_characters() {
    let app = App::new();
    let s = app.stack(
        "S",
        StackProps {
            stack_name: Some("a".repeat(129)),
            ..Default::default()
        },
    );
    queue(&s, "Q");
    one(&app, "S", "use 1 to 128 letters");
}

#[test]
fn duplicate_stack_names() {
    let app = App::new();
    for id in ["A", "B"] {
        let s = app.stack(
            id,
            StackProps {
                stack_name: Some("Same".into()),
                ..Default::default()
            },
        );
        queue(&s, "Q");
    }
    one(&app, "B", "is also used by A");
}

#[test]
fn invalid_logical_id_override() {
    let (app, s) = stack();
    queue(&s, "Ok");
    queue(&s, "Q").override_logical_id("not-valid");
    one(&app, "S/Q", "logical ID \"not-valid\" is invalid");
}

#[test]
fn logical_id_collision() {
    let (app, s) = stack();
    queue(&s, "A").override_logical_id("Same");
    queue(&s, "B").override_logical_id("Same");
    one(&app, "S/B", "is also the logical ID of S/A");
}

#[test]
fn invalid_export_name() {
    let (app, s) = stack();
    let q = queue(&s, "Q");
    CfnOutput::new(
        &s,
        "Out",
        OutputProps {
            value: q.reference().into(),
            export_name: Some("with space".into()),
            ..Default::default()
        },
    );
    one(&app, "S/Out", "export name \"with space\" is invalid");
}

#[test]
fn duplicate_export_names() {
    let (app, s) = stack();
    let q = queue(&s, "Q");
    for id in ["A", "B"] {
        CfnOutput::new(
            &s,
            id,
            OutputProps {
                value: q.reference().into(),
                export_name: Some("Shared".into()),
                ..Default::default()
            },
        );
    }
    one(&app, "S/B", "is also exported by S/A");
}

#[test]
fn description_over_1024_bytes() {
    let app = App::new();
    let s = app.stack(
        "S",
        StackProps {
            description: Some("d".repeat(1025)),
            ..Default::default()
        },
    );
    queue(&s, "Q");
    one(
        &app,
        "S",
        "1025 bytes of description, over the CloudFormation limit of 1024",
    );
}

#[test]
fn topic_display_name_over_the_limit() {
    let (app, s) = stack();
    Topic::new(
        &s,
        "T",
        TopicProps {
            display_name: Some("x".repeat(101)),
            ..Default::default()
        },
    );
    one(&app, "S/T", "over the 100 characters SNS accepts");
}

#[test]
fn api_name_over_the_limit() {
    let (app, s) = stack();
    HttpApi::new(
        &s,
        "Api",
        HttpApiProps {
            name: Some("n".repeat(129)),
            ..Default::default()
        },
    );
    one(&app, "S/Api", "API Gateway accepts 1 to 128");
}

#[test]
fn invalid_log_group_name() {
    let (app, s) = stack();
    LogGroup::new(
        &s,
        "Logs",
        LogGroupProps {
            log_group_name: Some("bad name!".into()),
            ..Default::default()
        },
    );
    one(&app, "S/Logs", "log group name \"bad name!\" is invalid");
}

#[test]
fn state_name_over_80_characters() {
    let (app, s) = stack();
    StateMachine::new(&s, "Flow", StateMachineProps::new(Pass::new(&"x".repeat(81))));
    one(&app, "S/Flow", "must be 1 to 80 characters");
}

// ---- networks ----

#[test]
fn cidr_with_host_bits() {
    let (app, s) = stack();
    vpc(&s, "Vpc", "10.0.0.1/16");
    one(&app, "S/Vpc", "did you mean 10.0.0.0/16?");
}

#[test]
fn cidr_that_is_not_a_cidr() {
    let (app, s) = stack();
    vpc(&s, "Vpc", "10.0.0/16");
    one(&app, "S/Vpc", "is not an IPv4 CIDR block");
}

#[test]
fn vpc_block_outside_the_aws_range() {
    let (app, s) = stack();
    vpc(&s, "Vpc", "10.0.0.0/8");
    one(&app, "S/Vpc", "a VPC's block must be /16 to /28");
}

#[test]
fn vpc_block_too_small_for_its_subnets() {
    let (app, s) = stack();
    vpc(&s, "Vpc", "10.0.0.0/27");
    one(&app, "S/Vpc", "is too small for 4 subnets");
}

#[test]
fn overlapping_vpc_blocks_warn() {
    let (app, s) = stack();
    vpc(&s, "A", "10.0.0.0/16");
    vpc(&s, "B", "10.0.128.0/17");
    let a = app.synth().unwrap();
    assert_eq!(a.warnings().len(), 1);
    assert_eq!(a.warnings()[0].path, "S/B");
    assert!(a.warnings()[0].message.contains("overlaps 10.0.0.0/16 of S/A"));
}

#[test]
fn availability_zones_out_of_range() {
    let (app, s) = stack();
    Vpc::new(
        &s,
        "Vpc",
        VpcProps {
            max_azs: 0,
            flow_logs: false,
            ..Default::default()
        },
    );
    one(&app, "S/Vpc", "use 1 to 6 availability zones");
}

#[test]
fn reversed_port_range() {
    let (app, s) = stack();
    let v = vpc(&s, "Vpc", "10.0.0.0/16");
    let a = SecurityGroup::new(&s, "A", SecurityGroupProps::new(&v, "a"));
    let b = SecurityGroup::new(&s, "B", SecurityGroupProps::new(&v, "b"));
    a.allow_from(&b, Port::tcp_range(443, 80), "x");
    one(&app, "S/A", "port range 443-80 is reversed");
}

#[test]
fn invalid_peer_cidr() {
    let (app, s) = stack();
    let v = vpc(&s, "Vpc", "10.0.0.0/16");
    let a = SecurityGroup::new(&s, "A", SecurityGroupProps::new(&v, "a"));
    a.allow_from_peer(&Peer::ipv4("0.0.0.0"), Port::tcp(22), "ssh");
    one(&app, "S/A", "ingress peer");
}

#[test]
fn private_subnets_of_an_isolated_vpc() {
    let (app, s) = stack();
    let v = Vpc::new(
        &s,
        "Vpc",
        VpcProps {
            nat_gateways: NatGateways::None,
            flow_logs: false,
            ..Default::default()
        },
    );
    v.select_subnets(SubnetType::Private, &s.child("Consumer"));
    one(&app, "S/Consumer", "the VPC has no NAT gateways");
}

// ---- compute, api, logs ----

#[test]
fn fargate_size_that_does_not_exist() {
    let (app, s) = stack();
    FargateTaskDefinition::new(
        &s,
        "Task",
        FargateTaskDefinitionProps {
            cpu: 300,
            memory_mib: 512,
            task_role: false,
        },
    );
    one(&app, "S/Task", "is not a Fargate size");
}

#[test]
fn log_retention_cloudwatch_rejects() {
    let (app, s) = stack();
    LogGroup::new(
        &s,
        "Logs",
        LogGroupProps {
            retention_days: 2,
            ..Default::default()
        },
    );
    one(&app, "S/Logs", "retention of 2 days is not one CloudWatch Logs accepts");
}

#[test]
fn malformed_route_key() {
    let (app, s) = stack();
    let v = vpc(&s, "Vpc", "10.0.0.0/16");
    let cluster = Cluster::new(&s, "Cluster", ClusterProps::new(&v));
    let svc = LoadBalancedFargateService::new(
        &s,
        "Svc",
        LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80),
    );
    let link = VpcLink::new(&s, "Link", VpcLinkProps { vpc: &v });
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    api.add_route("GET items", &AlbIntegration::new("SvcIntegration", svc.listener(), &link), RouteAuth::Iam);
    one(&app, "S/Api/RouteGETitems", "is not \"METHOD /path\"");
}

// ---- state machines ----

#[test]
fn duplicate_state_names() {
    let (app, s) = stack();
    StateMachine::new(&s, "Flow", StateMachineProps::new(Pass::new("A").next(Fail::new("A"))));
    one(&app, "S/Flow", "two different states are named \"A\"");
}

#[test]
fn next_to_a_missing_state() {
    let (app, s) = stack();
    StateMachine::new(
        &s,
        "Flow",
        StateMachineProps::new(Pass::new("A").next(Goto::state("B"))),
    );
    one(
        &app,
        "S/Flow",
        "state \"A\" goes to \"B\", which is not a state of the definition",
    );
}

#[test]
fn choice_without_rules() {
    let (app, s) = stack();
    StateMachine::new(
        &s,
        "Flow",
        StateMachineProps::new(Choice::new("C").otherwise(Succeed::new("D"))),
    );
    one(&app, "S/Flow", "Choice state \"C\" has no rules");
}

#[test]
fn invalid_asl_file() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}\n  }\n}";
    let e = rcdk::states::Machine::from_str(text).unwrap_err().to_string();
    assert!(
        e.contains("line 4: States.A.Next: \"B\" is not a state of the definition"),
        "{e}"
    );
}

#[test]
fn malformed_jsonpath_in_asl() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.a[", "End": true}}}"#;
    let e = rcdk::states::Machine::from_str(text).unwrap_err().to_string();
    assert!(e.contains("States.A.InputPath: invalid JSONPath \"$.a[\""), "{e}");
}

#[test]
fn unknown_intrinsic_function() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.Frobnicate()"}, "End": true}}}"#;
    let e = rcdk::states::Machine::from_str(text).unwrap_err().to_string();
    assert!(
        e.contains("States.A.Parameters.x.$: unknown intrinsic function States.Frobnicate"),
        "{e}"
    );
}

// ---- references and dependencies ----

#[test]
fn dangling_hand_written_reference() {
    let (app, s) = stack();
    queue(&s, "Q").set_property("RedrivePolicy", Expr::ref_logical_id("Missing"));
    one(&app, "S/Q", "reference to Missing cannot be resolved");
}

#[test]
fn reference_to_another_app() {
    let (other, os) = stack();
    let foreign = queue(&os, "Foreign");
    let (app, s) = stack();
    queue(&s, "Q").set_property("X", foreign.reference());
    one(&app, "S/Q", "it belongs to a different App");
    drop(other);
}

#[test]
fn unknown_attribute_of_a_typed_resource() {
    let (app, s) = stack();
    let q = queue(&s, "Q");
    queue(&s, "R").set_property("X", q.get_att::<String>("Nope"));
    one(&app, "S/R", "AWS::SQS::Queue has no attribute \"Nope\"");
}

#[test]
fn dependency_cycle_between_resources() {
    let (app, s) = stack();
    let a = queue(&s, "A");
    let b = queue(&s, "B");
    a.set_property("X", b.reference());
    b.add_depends_on(&a);
    one(&app, "S", "S/A -> S/B -> S/A");
}

#[test]
fn dependency_cycle_between_stacks() {
    let app = App::new();
    let a = app.stack("A", StackProps::default());
    let b = app.stack("B", StackProps::default());
    let qa = queue(&a, "Q");
    let qb = queue(&b, "Q");
    qa.set_property("X", qb.reference());
    qb.set_property("X", qa.reference());
    one(&app, "B", "this stack and A depend on each other");
}

#[test]
fn reference_across_environments() {
    let app = App::new();
    let a = app.stack(
        "A",
        StackProps {
            env: Environment::new("111111111111", "eu-west-1"),
            ..Default::default()
        },
    );
    let b = app.stack(
        "B",
        StackProps {
            env: Environment::new("222222222222", "eu-west-1"),
            ..Default::default()
        },
    );
    let q = queue(&a, "Q");
    queue(&b, "R").set_property("X", q.attr_arn());
    one(&app, "B/R", "deploys to a different account or region");
}

// ---- CloudFormation quotas ----

#[test]
fn more_than_500_resources() {
    let (app, s) = stack();
    for i in 0..501 {
        queue(&s, &format!("Q{i}"));
    }
    one(
        &app,
        "S",
        "the stack has 501 resources, over the CloudFormation limit of 500",
    );
}

#[test]
fn more_than_200_outputs() {
    let (app, s) = stack();
    queue(&s, "Q");
    for i in 0..201 {
        CfnOutput::new(
            &s,
            &format!("O{i}"),
            OutputProps {
                value: "v".into(),
                ..Default::default()
            },
        );
    }
    one(&app, "S", "201 outputs");
}

#[test]
fn more_than_200_parameters() {
    let (app, s) = stack();
    queue(&s, "Q");
    for i in 0..201 {
        CfnParameter::new(&s, &format!("P{i}"), ParameterProps::default());
    }
    one(&app, "S", "201 parameters");
}

#[test]
fn template_over_1_mb() {
    let (app, s) = stack();
    queue(&s, "Q").add_metadata("Padding", "x".repeat(1_000_001));
    one(&app, "S", "over the CloudFormation limit of 1000000");
}

#[test]
fn template_over_the_inline_limit_warns() {
    let (app, s) = stack();
    queue(&s, "Q").add_metadata("Padding", "x".repeat(52_000));
    let a = app.synth().unwrap();
    assert_eq!(a.warnings()[0].path, "S");
    assert!(a.warnings()[0].message.contains("needs an S3 bucket"));
}

#[test]
fn stack_without_resources() {
    let app = App::new();
    app.stack("Empty", StackProps::default());
    one(&app, "Empty", "CloudFormation requires at least one");
}

// ---- the command line ----

#[test]
fn command_line_misuse() {
    let app = rcdk_examples::two_stacks();
    let run = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut o, mut e) = (Vec::new(), Vec::new());
        let code = rcdk::cli::run_with(&app, &args, &mut o, &mut e, &mut |_| false);
        (code, String::from_utf8(e).unwrap())
    };
    assert_eq!(
        run(&["synth", "--stack", "Nope"]),
        (
            1,
            "error: no stack named \"Nope\"; stacks: Storage, Notifications\n".into()
        )
    );
    let (code, e) = run(&["deploy", "--all", "--parameters", "RetentionSeconds"]);
    assert_eq!(code, 1);
    assert!(e.contains("use KEY=VALUE or STACK:KEY=VALUE"), "{e}");
    let (code, e) = run(&["deploy", "--all", "--parameters", "Nope:RetentionSeconds=1"]);
    assert_eq!(code, 1);
    assert!(e.contains("no selected stack named \"Nope\""), "{e}");
}

#[test]
fn every_error_of_a_synthesis_at_once() {
    let (app, s) = stack();
    queue(&s, "");
    queue(&s, "Q");
    queue(&s, "Q");
    vpc(&s, "Vpc", "nonsense");
    LogGroup::new(
        &s,
        "Logs",
        LogGroupProps {
            retention_days: 2,
            ..Default::default()
        },
    );
    let e = errors(&app);
    assert_eq!(e.len(), 4, "{e:#?}");
}
