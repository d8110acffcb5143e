//! The typed definition: what it renders, what it rejects, and that the
//! Amazon States Language validator accepts what it renders.

use rcdk_core::{App, Duration, Scope, StackProps, SynthError};
use rcdk_orchestration::*;
use serde_json::{json, Value as Json};

fn render(chain: impl Into<Chain>) -> Json {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let sm = StateMachine::new(&stack, "Flow", StateMachineProps::new(chain));
    to_json(sm.definition())
}

fn to_json(v: &rcdk_core::Value) -> Json {
    // Definitions without AWS references are plain JSON.
    let app = App::new();
    let stack = app.stack("T", StackProps::default());
    rcdk_core::Resource::new(&stack, "R", "Custom::Holder", [("D", v.clone())]);
    app.synth().unwrap().stack("T").unwrap().template()["Resources"]["R"]["Properties"]["D"].clone()
}

fn errors_of(build: impl FnOnce(&Scope)) -> Vec<String> {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    build(&stack);
    match app.synth() {
        Ok(_) => Vec::new(),
        Err(e) => e
            .errors()
            .iter()
            .map(|e| {
                assert!(matches!(e, SynthError::Construct { .. }), "{e}");
                e.to_string()
            })
            .collect(),
    }
}

#[test]
fn every_state_type_renders_as_asl() {
    let def = render(
        Pass::new("Start")
            .result(json!({"n": 1}))
            .result_path(Some("$.pass"))
            .next(
                Wait::new("Pause", WaitFor::Seconds(5)).next(
                    Task::new("Work", "arn:aws:states:::lambda:invoke")
                        .parameters(rcdk_core::Value::object([
                            ("FunctionName", "f".into()),
                            ("Payload.$", "$".into()),
                        ]))
                        .timeout(Duration::seconds(30))
                        .retry(
                            Retry::on(["States.Timeout"])
                                .interval_seconds(2)
                                .max_attempts(3)
                                .backoff_rate(2.0)
                                .full_jitter(),
                        )
                        .catch(
                            ["States.ALL"],
                            Some("$.error"),
                            Fail::new("Failed").error("WorkFailed").cause("work failed"),
                        )
                        .next(
                            Parallel::new("Both")
                                .branch(Pass::new("Left"))
                                .branch(Pass::new("Right"))
                                .next(
                                    Map::new("Each")
                                        .items_path("$.items")
                                        .max_concurrency(2)
                                        .item_processor(Pass::new("Item"))
                                        .next(Succeed::new("Done")),
                                ),
                        ),
                ),
            ),
    );
    assert_eq!(def["StartAt"], "Start");
    let s = &def["States"];
    assert_eq!(
        s["Start"],
        json!({"Type": "Pass", "ResultPath": "$.pass", "Result": {"n": 1}, "Next": "Pause"})
    );
    assert_eq!(s["Pause"], json!({"Type": "Wait", "Seconds": 5, "Next": "Work"}));
    assert_eq!(
        s["Work"],
        json!({
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "f", "Payload.$": "$"},
            "TimeoutSeconds": 30,
            "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0, "JitterStrategy": "FULL"}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
            "Next": "Both"
        })
    );
    assert_eq!(
        s["Failed"],
        json!({"Type": "Fail", "Error": "WorkFailed", "Cause": "work failed"})
    );
    assert_eq!(
        s["Both"]["Branches"],
        json!([
            {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
            {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "End": true}}}
        ])
    );
    assert_eq!(
        s["Each"],
        json!({"Type": "Map",
               "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}},
               "ItemsPath": "$.items", "MaxConcurrency": 2, "Next": "Done"})
    );
    assert_eq!(s["Done"], json!({"Type": "Succeed"}));
    validate_with_asl_validator("every_state_type", &def);
}

#[test]
fn choice_branches_join_and_goto_loops() {
    let def = render(
        Pass::new("Poll").next(
            Choice::new("Ready?")
                .when(Condition::boolean_equals("$.ready", true), Pass::new("Yes"))
                .when(Condition::not(Condition::is_present("$.ready")), Goto::state("Poll"))
                .otherwise(Pass::new("No"))
                .next(Succeed::new("End")),
        ),
    );
    let s = &def["States"];
    assert_eq!(
        s["Ready?"]["Choices"][1],
        json!({"Not": {"Variable": "$.ready", "IsPresent": true}, "Next": "Poll"})
    );
    assert_eq!(s["Yes"]["Next"], "End");
    assert_eq!(s["No"]["Next"], "End");
    validate_with_asl_validator("choice_join", &def);
}

/// Synthesizes one state machine of `chain` at `S/Flow` and returns its errors.
fn machine_errors(chain: impl Into<Chain>) -> Vec<String> {
    let chain = chain.into();
    errors_of(|s| {
        StateMachine::new(s, "Flow", StateMachineProps::new(chain));
    })
}

#[test]
fn bad_definitions_are_errors_with_the_path() {
    // A Next to no state is rcdk-states' check: the error names the state
    // and the field, and a definition with no end says so too.
    let e = machine_errors(Pass::new("A").next(Goto::state("Nowhere")));
    assert_eq!(
        e,
        [
            "S/Flow: definition: state \"A\": States.A.Next: \"Nowhere\" is not a state of the definition; add that state or name an existing one",
            "S/Flow: definition: States: no state ends the execution (End, Succeed or Fail)",
        ]
    );

    // Two states of one name are the builder's check (the document keeps
    // only one), reported once: the graph of the document is not checked.
    let e = machine_errors(Pass::new("A").next(Pass::new("A").result(json!(1))));
    assert_eq!(
        e,
        ["S/Flow: definition: two different states are named \"A\"; state names must be unique"]
    );

    let long = "x".repeat(81);
    let e = machine_errors(Pass::new(&long));
    assert_eq!(
        e,
        [format!(
            "S/Flow: definition: state \"{long}\": States.{long}: state names must be 1 to 80 characters"
        )]
    );

    let e = machine_errors(Pass::new("A\u{7}"));
    assert_eq!(
        e,
        ["S/Flow: definition: state name \"A\\u{7}\" contains control characters, which Step Functions refuses; remove them"]
    );

    let e = machine_errors(Choice::new("Empty").otherwise(Succeed::new("Done")));
    assert_eq!(
        e,
        ["S/Flow: definition: state \"Empty\": States.Empty.Choices: a Choice state needs a non-empty Choices list"]
    );

    let e = errors_of(|s| {
        StateMachine::new(s, "Flow", StateMachineProps::new(Parallel::new("P")));
        StateMachine::new(s, "Flow2", StateMachineProps::new(Map::new("M")));
    });
    assert_eq!(
        e,
        [
            "S/Flow: definition: state \"P\": States.P.Branches: a Parallel state needs a non-empty Branches list",
            "S/Flow2: definition: state \"M\": States.M.ItemProcessor: a Map state needs an ItemProcessor",
        ]
    );

    // A problem inside a branch names the state of the branch.
    let e = machine_errors(Parallel::new("P").branch(Pass::new("B").next(Goto::state("Gone"))));
    assert!(
        e[0].starts_with(
            "S/Flow: definition: state \"B\": States.P.Branches[0].States.B.Next: \"Gone\" is not a state"
        ),
        "{e:?}"
    );
}

#[test]
fn a_path_without_dollar_fails_synth_with_the_state() {
    let e = machine_errors(Pass::new("Pick").input_path("order"));
    assert_eq!(
        e,
        ["S/Flow: definition: state \"Pick\": States.Pick.InputPath: invalid JSONPath \"order\": a path must start with '$'"]
    );
}

#[test]
fn a_backoff_rate_below_one_fails_synth_with_the_state() {
    let e = machine_errors(Task::service("Work", "lambda:invoke").retry(Retry::on(["States.ALL"]).backoff_rate(0.5)));
    assert_eq!(
        e,
        ["S/Flow: definition: state \"Work\": States.Work.Retry[0].BackoffRate: must be at least 1.0"]
    );
}

#[test]
fn max_attempts_out_of_range_fails_synth_with_the_state() {
    let e = machine_errors(
        Task::service("Work", "lambda:invoke").retry(Retry::on(["States.ALL"]).max_attempts(100_000_000)),
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("S/Flow: definition: state \"Work\": States.Work.Retry[0].MaxAttempts: "),
        "{e:?}"
    );
}

#[test]
fn an_unreachable_state_fails_synth_with_the_state() {
    // A Succeed has no open end, so what follows it is never reached.
    let e = machine_errors(Chain::from(Succeed::new("Done")).next(Pass::new("Never")));
    assert_eq!(
        e,
        ["S/Flow: definition: state \"Never\": States.Never: cannot be reached from StartAt \"Done\""]
    );
}

#[test]
fn a_loop_with_no_exit_fails_synth_with_the_state() {
    let e = machine_errors(Pass::new("Ping").next(Pass::new("Pong")).next(Goto::state("Ping")));
    assert!(e.len() >= 2, "{e:?}");
    for state in ["Ping", "Pong"] {
        assert!(
            e.contains(&format!(
                "S/Flow: definition: state \"{state}\": States.{state}: no path from this state ends the execution (it only leads to states that loop back); add a Succeed/Fail state or End: true on the loop's exit"
            )),
            "{e:?}"
        );
    }
}

#[test]
fn a_non_finite_backoff_rate_is_one_error_not_null() {
    let e =
        machine_errors(Task::service("Work", "lambda:invoke").retry(Retry::on(["States.ALL"]).backoff_rate(f64::NAN)));
    assert_eq!(
        e,
        ["S/Flow: definition: state \"Work\": States.Work.Retry[0].BackoffRate: NaN is not a number JSON can hold (the template would write null); use a finite number"]
    );
    // Inside a branch and a rule too, and the rule is not reported again as
    // having no comparison.
    let e = machine_errors(
        Parallel::new("P").branch(
            Choice::new("Big?")
                .when(
                    Condition::number_greater_than("$.n", f64::INFINITY),
                    Succeed::new("Yes"),
                )
                .otherwise(Succeed::new("No")),
        ),
    );
    assert_eq!(
        e,
        ["S/Flow: definition: state \"Big?\": States.P.Branches[0].States.Big?.Choices[0].NumericGreaterThan: inf is not a number JSON can hold (the template would write null); use a finite number"]
    );
}

#[test]
fn what_aws_accepts_but_the_interpreter_does_not_run_is_a_warning() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    // A JSONata expression for a task's timeout deploys, but the local
    // interpreter does not evaluate one yet.
    let task = Task::service("Work", "lambda:invoke")
        .parameter("FunctionName", "f")
        .timeout_path("$.limit");
    StateMachine::new(
        &stack,
        "Flow",
        StateMachineProps {
            query_language: QueryLanguage::Jsonata,
            ..StateMachineProps::new(task)
        },
    );
    let assembly = app.synth().expect("a warning does not fail synth");
    let w = assembly.warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].path, "S/Flow");
    assert!(w[0].message.starts_with("definition: state \"Work\": "), "{w:?}");
    assert!(w[0].message.contains("TimeoutSeconds"), "{w:?}");
}

#[test]
fn workflow_variables_run_locally_so_synth_does_not_warn() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let flow = Pass::new("Remember")
        .assign("order.$", "$.order")
        .next(Pass::new("A").input_path("$order"));
    StateMachine::new(&stack, "Flow", StateMachineProps::new(flow));
    let assembly = app.synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
}

#[test]
fn a_valid_machine_synthesizes_and_loads_locally() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let flow = Task::service("Work", "lambda:invoke")
        .parameter("FunctionName", "f")
        .parameter("Payload.$", "$")
        .input_path("$.order")
        .result_path(Some("$.result"))
        .timeout(Duration::minutes(1))
        .heartbeat_path("$.heartbeat")
        .retry(Retry::on(["States.TaskFailed"]).max_attempts(3).backoff_rate(1.5))
        .catch(["States.ALL"], Some("$.error"), Fail::new("Failed"))
        .next(
            Parallel::new("Both")
                .branch(Pass::new("Left"))
                .branch(Wait::new("Right", WaitFor::SecondsPath("$.wait".into())))
                .next(Succeed::new("Done")),
        );
    let sm = StateMachine::new(
        &stack,
        "Flow",
        StateMachineProps {
            timeout: Some(Duration::hours(1)),
            ..StateMachineProps::new(flow)
        },
    );
    let assembly = app.synth().unwrap();
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let json = sm.definition_json();
    assert_eq!(json["TimeoutSeconds"], 3600);
    assert_eq!(json["States"]["Work"]["Resource"], "arn:aws:states:::lambda:invoke");
    assert_eq!(json["States"]["Work"]["TimeoutSeconds"], 60);
    assert_eq!(json["States"]["Work"]["HeartbeatSecondsPath"], "$.heartbeat");
    rcdk_states::Machine::from_json(&json).expect("what synth accepts loads locally");
}

#[test]
fn task_parameters_merge_and_timeouts_must_be_whole_seconds() {
    let def = render(
        Task::service("Work", "lambda:invoke")
            .parameter("Payload", "fixed")
            .parameter("FunctionName", "f")
            .parameter("Payload.$", "$.body")
            .timeout_path("$.timeout")
            .heartbeat(Duration::seconds(10)),
    );
    assert_eq!(
        def["States"]["Work"]["Parameters"],
        json!({"FunctionName": "f", "Payload.$": "$.body"})
    );
    assert_eq!(def["States"]["Work"]["TimeoutSecondsPath"], "$.timeout");
    assert_eq!(def["States"]["Work"]["HeartbeatSeconds"], 10);

    let e = machine_errors(Task::service("Work", "lambda:invoke").timeout(Duration::millis(1500)));
    assert_eq!(
        e,
        ["S/Flow: definition: state \"Work\": TimeoutSeconds: 1500 milliseconds is not a whole number of seconds, which is all Step Functions takes; use Duration::seconds"]
    );
    // rcdk-states checks the heartbeat against the timeout.
    let e = machine_errors(
        Task::service("Work", "lambda:invoke")
            .timeout(Duration::seconds(10))
            .heartbeat(Duration::seconds(10)),
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(
            "S/Flow: definition: state \"Work\": States.Work.HeartbeatSeconds: must be less than TimeoutSeconds"
        ),
        "{e:?}"
    );
}

#[test]
fn an_express_machine_runs_at_most_five_minutes() {
    let e = errors_of(|s| {
        StateMachine::new(
            s,
            "Flow",
            StateMachineProps {
                express: true,
                timeout: Some(Duration::minutes(6)),
                ..StateMachineProps::new(Succeed::new("Done"))
            },
        );
        StateMachine::new(
            s,
            "Ok",
            StateMachineProps {
                express: true,
                timeout: Some(Duration::minutes(5)),
                ..StateMachineProps::new(Succeed::new("Done"))
            },
        );
        StateMachine::new(
            s,
            "Odd",
            StateMachineProps {
                timeout: Some(Duration::millis(90_500)),
                ..StateMachineProps::new(Succeed::new("Done"))
            },
        );
    });
    assert_eq!(
        e,
        [
            "S/Flow: timeout: 6 minutes is longer than an Express workflow may run; use at most 5 minutes, or a Standard state machine (express: false)",
            "S/Odd: timeout: 90500 milliseconds is not a whole number of seconds, which is all Step Functions takes; use Duration::seconds",
        ]
    );
}

#[test]
fn logging_and_tracing_are_options_with_their_permissions() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    StateMachine::new(
        &stack,
        "Flow",
        StateMachineProps {
            logging: Some(LogLevel::Error.into()),
            tracing: true,
            ..StateMachineProps::new(Pass::new("A"))
        },
    );
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    let resources = t["Resources"].as_object().unwrap();
    let sm = resources
        .values()
        .find(|r| r["Type"] == "AWS::StepFunctions::StateMachine")
        .unwrap();
    assert_eq!(sm["Properties"]["LoggingConfiguration"]["Level"], "ERROR");
    assert_eq!(sm["Properties"]["LoggingConfiguration"]["IncludeExecutionData"], true);
    assert_eq!(sm["Properties"]["TracingConfiguration"], json!({"Enabled": true}));
    assert!(resources
        .values()
        .any(|r| r["Type"] == "AWS::Logs::LogGroup" && r["Properties"]["RetentionInDays"] == 30));
}

#[test]
fn logging_to_a_given_log_group_without_execution_data() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let shared = rcdk_logs::LogGroup::new(&stack, "Shared", rcdk_logs::LogGroupProps::default());
    StateMachine::new(
        &stack,
        "Flow",
        StateMachineProps {
            logging: Some(
                Logging::new(LogLevel::All)
                    .destination(&shared)
                    .include_execution_data(false),
            ),
            ..StateMachineProps::new(Pass::new("A"))
        },
    );
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    let resources = t["Resources"].as_object().unwrap();
    let groups: Vec<&String> = resources
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Logs::LogGroup")
        .map(|(id, _)| id)
        .collect();
    assert_eq!(groups.len(), 1, "no log group of its own: {groups:?}");
    let sm = resources
        .values()
        .find(|r| r["Type"] == "AWS::StepFunctions::StateMachine")
        .unwrap();
    assert_eq!(
        sm["Properties"]["LoggingConfiguration"],
        json!({
            "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": {"Fn::GetAtt": [groups[0], "Arn"]}}}],
            "IncludeExecutionData": false,
            "Level": "ALL"
        })
    );
}

#[test]
fn imported_state_machines_are_granted_and_their_arns_checked() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let caller = rcdk_iam::Role::new(
        &stack,
        "Caller",
        rcdk_iam::RoleProps::assumed_by("lambda.amazonaws.com"),
    );
    let billing = StateMachine::from_arn(
        &stack,
        "Billing",
        "arn:aws:states:eu-west-1:111111111111:stateMachine:billing",
    );
    assert!(billing.grant_start_execution(&caller).success());
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    let policy = t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|r| r["Type"] == "AWS::IAM::Policy")
        .unwrap();
    assert_eq!(
        policy["Properties"]["PolicyDocument"]["Statement"],
        json!([{"Effect": "Allow", "Action": "states:StartExecution",
                "Resource": "arn:aws:states:eu-west-1:111111111111:stateMachine:billing"}])
    );

    let e = errors_of(|s| {
        StateMachine::from_arn(s, "Topic", "arn:aws:sns:eu-west-1:111111111111:billing");
        StateMachine::from_arn(s, "Short", "arn:aws:states:eu-west-1:1111:stateMachine:billing");
        // A reference is CloudFormation's to resolve, not checked.
        let other = StateMachine::from_arn(s, "Param", rcdk_core::Aws::stack_id());
        let role = rcdk_iam::Role::new(s, "Caller", rcdk_iam::RoleProps::assumed_by("lambda.amazonaws.com"));
        other.grant_start_execution(&role);
    });
    assert_eq!(
        e,
        [
            "S/Topic: StateMachine::from_arn: \"arn:aws:sns:eu-west-1:111111111111:billing\" is not a state machine ARN; use arn:<partition>:states:<region>:<12-digit account>:stateMachine:<name of 1 to 80 characters>",
            "S/Short: StateMachine::from_arn: \"arn:aws:states:eu-west-1:1111:stateMachine:billing\" is not a state machine ARN; use arn:<partition>:states:<region>:<12-digit account>:stateMachine:<name of 1 to 80 characters>",
        ]
    );
}

#[test]
fn the_l1_is_reachable_for_what_the_props_do_not_cover() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(Succeed::new("Done")));
    flow.cfn().set_state_machine_name("orders");
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    assert!(t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .any(|r| r["Properties"]["StateMachineName"] == "orders"));
}

fn validate_with_asl_validator(name: &str, def: &Json) {
    rcdk_testing::assert_valid_asl(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."), name, def);
}

#[test]
fn retry_durations_are_whole_seconds_or_an_error_on_the_state() {
    let retry = Retry::on(["States.ALL"])
        .interval(Duration::seconds(2))
        .max_delay(Duration::minutes(1))
        .backoff_rate(2.0);
    let asl = render(Task::service("Work", "lambda:invoke").retry(retry));
    assert_eq!(asl["States"]["Work"]["Retry"][0]["IntervalSeconds"], json!(2));
    assert_eq!(asl["States"]["Work"]["Retry"][0]["MaxDelaySeconds"], json!(60));
    let e = machine_errors(
        Task::service("Work", "lambda:invoke").retry(Retry::on(["States.ALL"]).interval(Duration::millis(1500))),
    );
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with("S/Flow: definition: state \"Work\": States.Work.Retry[0].IntervalSeconds: "),
        "{e:#?}"
    );
}
