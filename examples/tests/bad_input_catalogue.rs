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
        Err(e) => e.errors().iter().map(ToString::to_string).collect(),
    }
}

/// Asserts that `message` starts with `path: `, names the problem
/// (`problem`) and then says how to fix it (`fix`, a fragment of the clause
/// after the problem).
fn says(message: &str, path: &str, problem: &str, fix: &str) {
    assert!(!problem.is_empty() && !fix.is_empty(), "empty fragment");
    assert!(
        message.starts_with(&format!("{path}: ")),
        "{message:?} is not at {path}"
    );
    let p = message.find(problem);
    let f = message.rfind(fix);
    assert!(p.is_some(), "{message:?} does not name the problem {problem:?}");
    assert!(f.is_some(), "{message:?} does not say the fix {fix:?}");
    assert!(
        p.unwrap() + problem.len() <= f.unwrap(),
        "in {message:?}, the fix {fix:?} does not follow the problem {problem:?}"
    );
}

/// Asserts exactly one error, at `path`, naming `problem` and then saying
/// `fix`.
fn one(app: &App, path: &str, problem: &str, fix: &str) {
    let e = errors(app);
    assert_eq!(e.len(), 1, "{e:#?}");
    says(&e[0], path, problem, fix);
}

/// The error of loading an ASL definition from `text`.
fn asl_error(text: &str) -> String {
    rcdk::states::Machine::from_str(text).unwrap_err().to_string()
}

/// The diagnostic of `error` at `line` (without the `line N: ` prefix),
/// which must be the only one at that line.
fn at_line(error: &str, line: usize) -> String {
    let prefix = format!("line {line}: ");
    let found: Vec<&str> = error
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix(&prefix))
        .collect();
    assert_eq!(found.len(), 1, "expected one problem at line {line}: {error}");
    found[0].to_owned()
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
    one(
        &app,
        "S/G",
        "invalid construct id \"\": an id must not be empty",
        "choose a non-empty id without '/'",
    );
}

#[test]
fn id_with_a_slash() {
    let (app, s) = stack();
    queue(&s, "Ok");
    queue(&s, "a/b");
    one(
        &app,
        "S/a/b",
        "invalid construct id \"a/b\": an id must not contain '/'",
        "choose a non-empty id without '/'",
    );
}

#[test]
fn duplicate_sibling_ids() {
    let (app, s) = stack();
    queue(&s, "Q");
    queue(&s, "Q");
    one(
        &app,
        "S/Q",
        "there is already a construct with this id in its scope",
        "give each sibling a unique id",
    );
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
    one(
        &app,
        "S",
        "stack name \"has space\" is invalid",
        "use 1 to 128 letters, digits and '-', starting with a letter",
    );
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
    one(
        &app,
        "S",
        &format!("stack name \"{}\" is invalid", "a".repeat(129)),
        "use 1 to 128 letters, digits and '-', starting with a letter",
    );
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
    one(
        &app,
        "B",
        "stack name \"Same\" is also used by A",
        "give each stack a unique stack_name",
    );
}

#[test]
fn invalid_logical_id_override() {
    let (app, s) = stack();
    queue(&s, "Ok");
    queue(&s, "Q").override_logical_id("not-valid");
    one(
        &app,
        "S/Q",
        "logical ID \"not-valid\" is invalid",
        "use 1 to 255 ASCII letters and digits",
    );
}

#[test]
fn logical_id_collision() {
    let (app, s) = stack();
    queue(&s, "A").override_logical_id("Same");
    queue(&s, "B").override_logical_id("Same");
    one(
        &app,
        "S/B",
        "logical ID \"Same\" is also the logical ID of S/A",
        "change one of the ids or logical ID overrides",
    );
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
    one(
        &app,
        "S/Out",
        "export name \"with space\" is invalid",
        "use 1 to 255 letters, digits, ':' and '-'",
    );
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
    // The clause after the problem states the rule rather than the fix.
    one(
        &app,
        "S/B",
        "export name \"Shared\" is also exported by S/A",
        "export names are unique per region",
    );
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
        "shorten it",
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
    one(
        &app,
        "S/T",
        "display_name is over the 100 characters SNS accepts",
        "shorten it",
    );
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
    one(
        &app,
        "S/Api",
        "the API name has 129 characters",
        "API Gateway accepts 1 to 128",
    );
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
    one(
        &app,
        "S/Logs",
        "log group name \"bad name!\" is invalid",
        "use 1 to 512 letters, digits and . _ - / #",
    );
}

#[test]
fn state_name_over_80_characters() {
    let (app, s) = stack();
    let name = "x".repeat(81);
    StateMachine::new(&s, "Flow", StateMachineProps::new(Pass::new(&name)));
    // The clause after the problem states the rule rather than the fix.
    one(
        &app,
        "S/Flow",
        &format!("definition: state \"{name}\": States.{name}"),
        "state names must be 1 to 80 characters",
    );
}

// ---- networks ----

#[test]
fn cidr_with_host_bits() {
    let (app, s) = stack();
    vpc(&s, "Vpc", "10.0.0.1/16");
    one(
        &app,
        "S/Vpc",
        "cidr: \"10.0.0.1/16\" has host bits set",
        "did you mean 10.0.0.0/16?",
    );
}

#[test]
fn cidr_that_is_not_a_cidr() {
    let (app, s) = stack();
    vpc(&s, "Vpc", "10.0.0/16");
    one(
        &app,
        "S/Vpc",
        "cidr: \"10.0.0/16\" is not an IPv4 CIDR block",
        "like 10.0.0.0/16",
    );
}

#[test]
fn vpc_block_outside_the_aws_range() {
    let (app, s) = stack();
    vpc(&s, "Vpc", "10.0.0.0/8");
    one(
        &app,
        "S/Vpc",
        "cidr: 10.0.0.0/8 has a /8 prefix",
        "a VPC's block must be /16 to /28",
    );
}

#[test]
fn vpc_block_too_small_for_its_subnets() {
    let (app, s) = stack();
    vpc(&s, "Vpc", "10.0.0.0/27");
    one(
        &app,
        "S/Vpc",
        "cidr: 10.0.0.0/27 is too small for 4 subnets of at least /28",
        "use a /26 block or larger, or fewer availability zones",
    );
}

#[test]
fn overlapping_vpc_blocks_warn() {
    let (app, s) = stack();
    vpc(&s, "A", "10.0.0.0/16");
    vpc(&s, "B", "10.0.128.0/17");
    let a = app.synth().unwrap();
    assert_eq!(a.warnings().len(), 1, "{:?}", a.warnings());
    let w = &a.warnings()[0];
    // The clause after the problem says what goes wrong rather than the fix.
    says(
        &format!("{}: {}", w.path, w.message),
        "S/B",
        "its block 10.0.128.0/17 overlaps 10.0.0.0/16 of S/A",
        "overlapping VPCs cannot be peered or routed to each other",
    );
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
    one(&app, "S/Vpc", "max_azs is 0", "use 1 to 6 availability zones");
}

#[test]
fn reversed_port_range() {
    let (app, s) = stack();
    let v = vpc(&s, "Vpc", "10.0.0.0/16");
    let a = SecurityGroup::new(&s, "A", SecurityGroupProps::new(&v, "a"));
    let b = SecurityGroup::new(&s, "B", SecurityGroupProps::new(&v, "b"));
    a.allow_from(&b, Port::tcp_range(443, 80), "x");
    one(&app, "S/A", "port range 443-80 is reversed", "put the lower port first");
}

#[test]
fn invalid_peer_cidr() {
    let (app, s) = stack();
    let v = vpc(&s, "Vpc", "10.0.0.0/16");
    let a = SecurityGroup::new(&s, "A", SecurityGroupProps::new(&v, "a"));
    a.allow_from_peer(&Peer::ipv4("0.0.0.0"), Port::tcp(22), "ssh");
    one(
        &app,
        "S/A",
        "ingress peer: \"0.0.0.0\" is not an IPv4 CIDR block",
        "like 10.0.0.0/16",
    );
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
    one(
        &app,
        "S/Consumer",
        "asks for private subnets but the VPC has no NAT gateways",
        "select SubnetType::Isolated or give the VPC NAT gateways",
    );
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
    one(
        &app,
        "S/Task",
        "300 CPU units with 512 MiB is not a Fargate size",
        "see the Fargate task size table (for 256 CPU: 512, 1024 or 2048 MiB)",
    );
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
    one(
        &app,
        "S/Logs",
        "retention of 2 days is not one CloudWatch Logs accepts",
        "use one of [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
    );
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
    api.add_route(
        "GET items",
        &AlbIntegration::new("SvcIntegration", svc.listener(), &link),
        RouteAuth::Iam,
    );
    one(
        &app,
        "S/Api/GETitems",
        "route key \"GET items\" is not \"METHOD /path\"",
        "(for example \"GET /items\") or \"$default\"",
    );
}

// ---- state machines ----

#[test]
fn duplicate_state_names() {
    let (app, s) = stack();
    StateMachine::new(&s, "Flow", StateMachineProps::new(Pass::new("A").next(Fail::new("A"))));
    // The clause after the problem states the rule rather than the fix.
    one(
        &app,
        "S/Flow",
        "definition: two different states are named \"A\"",
        "state names must be unique",
    );
}

#[test]
fn next_to_a_missing_state() {
    let (app, s) = stack();
    StateMachine::new(
        &s,
        "Flow",
        StateMachineProps::new(Pass::new("A").next(Goto::state("B"))),
    );
    let e = errors(&app);
    assert_eq!(e.len(), 2, "{e:#?}");
    says(
        &e[0],
        "S/Flow",
        "definition: state \"A\": States.A.Next: \"B\" is not a state of the definition",
        "add that state or name an existing one",
    );
    // Without B, nothing ends the execution either; the rule is the fix.
    says(
        &e[1],
        "S/Flow",
        "definition: States: no state ends the execution",
        "(End, Succeed or Fail)",
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
    one(
        &app,
        "S/Flow",
        "definition: state \"C\": States.C.Choices",
        "a Choice state needs a non-empty Choices list",
    );
}

#[test]
fn jsonpath_without_dollar_in_a_state() {
    let (app, s) = stack();
    StateMachine::new(
        &s,
        "Flow",
        StateMachineProps::new(Pass::new("Pick").input_path("order")),
    );
    one(
        &app,
        "S/Flow",
        "definition: state \"Pick\": States.Pick.InputPath: invalid JSONPath \"order\"",
        "a path must start with '$'",
    );
}

#[test]
fn backoff_rate_below_one() {
    let (app, s) = stack();
    let work = Task::service("Work", "lambda:invoke").retry(Retry::on(["States.ALL"]).backoff_rate(0.5));
    StateMachine::new(&s, "Flow", StateMachineProps::new(work));
    one(
        &app,
        "S/Flow",
        "definition: state \"Work\": States.Work.Retry[0].BackoffRate",
        "must be at least 1.0",
    );
}

#[test]
fn max_attempts_out_of_range() {
    let (app, s) = stack();
    let work = Task::service("Work", "lambda:invoke").retry(Retry::on(["States.ALL"]).max_attempts(100_000_000));
    StateMachine::new(&s, "Flow", StateMachineProps::new(work));
    one(
        &app,
        "S/Flow",
        "definition: state \"Work\": States.Work.Retry[0].MaxAttempts",
        "99999999",
    );
}

#[test]
fn unreachable_state() {
    let (app, s) = stack();
    // A Succeed has no open end: what follows it is never reached.
    StateMachine::new(
        &s,
        "Flow",
        StateMachineProps::new(Chain::from(Succeed::new("Done")).next(Pass::new("Never"))),
    );
    // The clause after the problem says what is wrong with the graph.
    one(
        &app,
        "S/Flow",
        "definition: state \"Never\": States.Never",
        "cannot be reached from StartAt \"Done\"",
    );
}

#[test]
fn loop_without_exit() {
    let (app, s) = stack();
    StateMachine::new(
        &s,
        "Flow",
        StateMachineProps::new(Pass::new("Ping").next(Pass::new("Pong")).next(Goto::state("Ping"))),
    );
    let e = errors(&app);
    for state in ["Ping", "Pong"] {
        let m = e
            .iter()
            .find(|m| m.contains(&format!("state \"{state}\"")))
            .unwrap_or_else(|| panic!("no error names {state}: {e:#?}"));
        says(
            m,
            "S/Flow",
            &format!("definition: state \"{state}\": States.{state}: no path from this state ends the execution"),
            "add a Succeed/Fail state or End: true on the loop's exit",
        );
    }
}

#[test]
fn express_timeout_over_five_minutes() {
    let (app, s) = stack();
    StateMachine::new(
        &s,
        "Flow",
        StateMachineProps {
            express: true,
            timeout: Some(Duration::minutes(10)),
            ..StateMachineProps::new(Succeed::new("Done"))
        },
    );
    one(
        &app,
        "S/Flow",
        "timeout: 10 minutes is longer than an Express workflow may run",
        "use at most 5 minutes, or a Standard state machine",
    );
}

#[test]
fn http_path_given_and_from_the_input() {
    let (app, s) = stack();
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    let call = CallHttpApi::new("Call", &api, Method::Get)
        .path("/items")
        .path_from("$.path");
    StateMachine::new(&s, "Flow", StateMachineProps::new(call));
    one(
        &app,
        "S/Flow",
        "definition: state \"Call\": Path is set both in the definition (path()) and from the input",
        "keep one",
    );
}

#[test]
fn http_path_parameter_without_a_value() {
    let (app, s) = stack();
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    let call = CallHttpApi::new("Stock", &api, Method::Get).path("/inventory/{sku}");
    StateMachine::new(&s, "Flow", StateMachineProps::new(call));
    one(
        &app,
        "S/Flow",
        "definition: state \"Stock\": the path \"/inventory/{sku}\" has the parameter {sku} but no value for it",
        "give one with path_param(\"sku\", \"$.sku\")",
    );
}

#[test]
fn state_machine_arn_that_is_not_one() {
    let (app, s) = stack();
    let other = StateMachine::from_arn(&s, "Billing", "arn:aws:sns:eu-west-1:111111111111:billing");
    let role = Role::new(&s, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    other.grant_start_execution(&role);
    one(
        &app,
        "S/Billing",
        "StateMachine::from_arn: \"arn:aws:sns:eu-west-1:111111111111:billing\" is not a state machine ARN",
        "use arn:<partition>:states:<region>:<12-digit account>:stateMachine:<name",
    );
}

#[test]
fn invalid_asl_file() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}\n  }\n}";
    let e = asl_error(text);
    assert_eq!(
        at_line(&e, 4),
        "States.A.Next: \"B\" is not a state of the definition; add that state or name an existing one",
        "{e}"
    );
}

#[test]
fn malformed_jsonpath_in_asl() {
    // The bad path is on line 6, not on the state's line or the first.
    let text = r#"{
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Pass",
      "InputPath": "$.a[",
      "End": true
    }
  }
}"#;
    let e = asl_error(text);
    let d = at_line(&e, 6);
    says(
        &d,
        "States.A.InputPath",
        "invalid JSONPath \"$.a[\"",
        "expected an index, a quoted name, '*' or a filter at position 4",
    );
}

#[test]
fn unknown_intrinsic_function() {
    // The bad call is on line 7, not on the state's line or the first.
    let text = r#"{
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Pass",
      "Parameters": {
        "x.$": "States.Frobnicate()"
      },
      "End": true
    }
  }
}"#;
    let e = asl_error(text);
    let d = at_line(&e, 7);
    assert!(
        d.starts_with(
            "States.A.Parameters.x.$: unknown intrinsic function States.Frobnicate; use one of States.Format,"
        ),
        "{e}"
    );
    assert!(d.ends_with("States.MathAdd, States.StringSplit, States.UUID"), "{e}");
}

// ---- references and dependencies ----

#[test]
fn dangling_hand_written_reference() {
    let (app, s) = stack();
    queue(&s, "Q").set_property("RedrivePolicy", Expr::ref_logical_id("Missing"));
    one(
        &app,
        "S/Q",
        "reference to Missing cannot be resolved: no resource or parameter of the stack has this logical ID",
        "refer to an element by its handle (reference(), get_att()), or add the element",
    );
}

#[test]
fn reference_to_another_app() {
    let (other, os) = stack();
    let foreign = queue(&os, "Foreign");
    let (app, s) = stack();
    queue(&s, "Q").set_property("RedrivePolicy", foreign.reference());
    one(
        &app,
        "S/Q",
        "cannot be resolved: it belongs to a different App",
        "create both constructs in the same app",
    );
    drop(other);
}

#[test]
fn unknown_attribute_of_a_typed_resource() {
    let (app, s) = stack();
    let q = queue(&s, "Q");
    queue(&s, "R").set_property("RedrivePolicy", q.get_att::<String>("Nope"));
    one(
        &app,
        "S/R",
        "AWS::SQS::Queue has no attribute \"Nope\" for Fn::GetAtt",
        "it has: QueueUrl, Arn",
    );
}

#[test]
fn dependency_cycle_between_resources() {
    let (app, s) = stack();
    let a = queue(&s, "A");
    let b = queue(&s, "B");
    a.set_property("RedrivePolicy", b.reference());
    b.add_depends_on(&a);
    one(
        &app,
        "S",
        "resources depend on each other in a cycle: S/A -> S/B -> S/A",
        "remove a reference or DependsOn to break it",
    );
}

#[test]
fn dependency_cycle_between_stacks() {
    let app = App::new();
    let a = app.stack("A", StackProps::default());
    let b = app.stack("B", StackProps::default());
    let qa = queue(&a, "Q");
    let qb = queue(&b, "Q");
    qa.set_property("RedrivePolicy", qb.reference());
    qb.set_property("RedrivePolicy", qa.reference());
    one(
        &app,
        "B",
        "this stack and A depend on each other",
        "move the shared resources into one stack or a third stack",
    );
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
    queue(&b, "R").set_property("RedrivePolicy", q.attr_arn());
    // The clause after the problem explains it rather than saying the fix.
    one(
        &app,
        "B/R",
        "stack B references a value of stack A, which deploys to a different account or region",
        "exports only work within one account and region",
    );
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
        "split it into several stacks",
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
    one(
        &app,
        "S",
        "the stack has 201 outputs, over the CloudFormation limit of 200",
        "split it into several stacks",
    );
}

#[test]
fn more_than_200_parameters() {
    let (app, s) = stack();
    queue(&s, "Q");
    for i in 0..201 {
        CfnParameter::new(&s, &format!("P{i}"), ParameterProps::default());
    }
    one(
        &app,
        "S",
        "the stack has 201 parameters, over the CloudFormation limit of 200",
        "split it into several stacks",
    );
}

#[test]
fn template_over_1_mb() {
    let (app, s) = stack();
    queue(&s, "Q").add_metadata("Padding", "x".repeat(1_000_001));
    one(&app, "S", "over the CloudFormation limit of 1000000", "split the stack");
}

#[test]
fn template_over_the_inline_limit_warns() {
    let (app, s) = stack();
    queue(&s, "Q").add_metadata("Padding", "x".repeat(52_000));
    let a = app.synth().unwrap();
    assert_eq!(a.warnings().len(), 1, "{:?}", a.warnings());
    let w = &a.warnings()[0];
    says(
        &format!("{}: {}", w.path, w.message),
        "S",
        "over the 51200 bytes CloudFormation accepts inline",
        "deploy uploads it to the bootstrap stack's bucket, so its account and region need `rcdk bootstrap`",
    );
}

#[test]
fn stack_without_resources() {
    let app = App::new();
    app.stack("Empty", StackProps::default());
    one(
        &app,
        "Empty",
        "the stack has no resources and CloudFormation requires at least one",
        "add a resource or remove the stack",
    );
}

// ---- the command line ----

#[test]
fn command_line_misuse() {
    let app = rcdk_examples::two_stacks();
    let run = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut o, mut e) = (Vec::new(), Vec::new());
        let code = rcdk_cli::run_with(&app, &args, &mut o, &mut e, &mut |_| false);
        (code, String::from_utf8(e).unwrap())
    };
    assert_eq!(
        run(&["synth", "--stack", "Nope"]),
        (
            1,
            "error: no stack named \"Nope\"; stacks: Storage, Notifications\n".into()
        )
    );
    assert_eq!(
        run(&["deploy", "--all", "--parameters", "RetentionSeconds"]),
        (
            1,
            "error: --parameters entry 1 (not shown: it may be a value): use KEY=VALUE or STACK:KEY=VALUE\n".into()
        )
    );
    assert_eq!(
        run(&["deploy", "--all", "--parameters", "Nope:RetentionSeconds=1"]),
        (
            1,
            "error: --parameters Nope:RetentionSeconds=****: no selected stack named \"Nope\"; select it with --stack Nope (or --all), or fix the name\n".into()
        )
    );
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
    says(
        &e[0],
        "S",
        "invalid construct id \"\": an id must not be empty",
        "choose a non-empty id without '/'",
    );
    says(
        &e[1],
        "S/Q",
        "there is already a construct with this id in its scope",
        "give each sibling a unique id",
    );
    says(
        &e[2],
        "S/Vpc",
        "cidr: \"nonsense\" is not an IPv4 CIDR block",
        "like 10.0.0.0/16",
    );
    says(
        &e[3],
        "S/Logs",
        "retention of 2 days is not one CloudWatch Logs accepts",
        "use one of [1, 3, 5, 7, 14",
    );
}
