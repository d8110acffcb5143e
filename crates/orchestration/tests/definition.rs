//! The typed definition: what it renders, what it rejects, and that the
//! Amazon States Language validator accepts what it renders.

use rcdk_core::{App, Scope, StackProps, SynthError};
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
        Err(e) => {
            e.0.iter()
                .map(|e| {
                    assert!(matches!(e, SynthError::Construct { .. }), "{e}");
                    e.to_string()
                })
                .collect()
        }
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
                        .timeout_seconds(30)
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

#[test]
fn bad_definitions_are_errors_with_the_path() {
    let e = errors_of(|s| {
        StateMachine::new(
            s,
            "Flow",
            StateMachineProps::new(Pass::new("A").next(Goto::state("Nowhere"))),
        );
    });
    assert_eq!(
        e,
        ["S/Flow: definition: state \"A\" goes to \"Nowhere\", which is not a state of the definition; add a state named \"Nowhere\" to the chain or go to an existing one"]
    );

    let e = errors_of(|s| {
        StateMachine::new(
            s,
            "Flow",
            StateMachineProps::new(Pass::new("A").next(Pass::new("A").result(json!(1)))),
        );
    });
    assert_eq!(
        e,
        ["S/Flow: definition: two different states are named \"A\"; state names must be unique"]
    );

    let long = "x".repeat(81);
    let e = errors_of(|s| {
        StateMachine::new(s, "Flow", StateMachineProps::new(Pass::new(&long)));
    });
    assert!(e[0].contains("must be 1 to 80 characters"), "{e:?}");

    let e = errors_of(|s| {
        StateMachine::new(s, "Flow", StateMachineProps::new(Choice::new("Empty")));
    });
    assert!(e[0].contains("Choice state \"Empty\" has no rules"), "{e:?}");

    let e = errors_of(|s| {
        StateMachine::new(s, "Flow", StateMachineProps::new(Parallel::new("P")));
        StateMachine::new(s, "Flow2", StateMachineProps::new(Map::new("M")));
    });
    assert!(e[0].starts_with("S/Flow: ") && e[0].contains("no branches"), "{e:?}");
    assert!(
        e[1].starts_with("S/Flow2: ") && e[1].contains("no item processor"),
        "{e:?}"
    );

    let e = errors_of(|s| {
        StateMachine::new(
            s,
            "Flow",
            StateMachineProps::new(Parallel::new("P").branch(Pass::new("B").next(Goto::state("Gone")))),
        );
    });
    assert!(
        e[0].contains("branch 1 of \"P\": state \"B\" goes to \"Gone\""),
        "{e:?}"
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
            logging: Some(LogLevel::Error),
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
    assert_eq!(sm["Properties"]["TracingConfiguration"], json!({"Enabled": true}));
    assert!(resources
        .values()
        .any(|r| r["Type"] == "AWS::Logs::LogGroup" && r["Properties"]["RetentionInDays"] == 30));
}

fn validate_with_asl_validator(name: &str, def: &Json) {
    rcdk_testing::assert_valid_asl(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."), name, def);
}
