//! The APIs for workflow variables, callbacks, child executions, buckets
//! for distributed Map states, and TestState.

use rcdk_states::*;
use serde_json::{json, Value as Json};

fn machine(def: Json) -> Machine {
    Machine::from_json(&def).unwrap_or_else(|e| panic!("{e}"))
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rcdk-states-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// --- Variables -----------------------------------------------------------

#[test]
fn variables_flow_between_states_and_show_in_the_history() {
    let m = machine(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"x.$": "$.n", "y": [1, 2]}, "Next": "B"},
        "B": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($x, $y[1])"}, "End": true}}}));
    let run = Runner::new().run(&m, json!({"n": 40}));
    assert_eq!(run.output, Some(json!({"sum": 42})));
    let exited = run.history.iter().find(|e| e.event_type == "PassStateExited").unwrap();
    assert_eq!(*exited.details["assignedVariables"], json!({"x": "40", "y": "[1,2]"}));
}

#[test]
fn variable_definition_errors_name_the_field() {
    let e = Machine::from_json(&json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"bad name": 1}, "End": true}}}))
    .unwrap_err();
    let d = &e.0[0];
    assert_eq!(d.location, "States.A.Assign.bad name");
    assert_eq!(d.state.as_deref(), Some("A"));
    assert!(!d.unsupported);
    assert!(variables::name_problem(&"x".repeat(81)).is_some());
    assert!(variables::name_problem(&"x".repeat(80)).is_none());
}

#[test]
fn the_execution_variables_quota_is_ten_mib() {
    // Each state keeps another 250 KB variable: the 42nd is over 10 MiB.
    let mut states = serde_json::Map::new();
    for i in 0..45 {
        let next = if i == 44 {
            json!({"End": true})
        } else {
            json!({"Next": format!("S{}", i + 1)})
        };
        let mut st = json!({"Type": "Pass", "Assign": {format!("v{i}.$"): "$.blob"}});
        for (k, v) in next.as_object().unwrap() {
            st[k] = v.clone();
        }
        states.insert(format!("S{i}"), st);
    }
    let m = machine(json!({"StartAt": "S0", "States": states}));
    let run = Runner::new().run(&m, json!({"blob": "x".repeat(250_000)}));
    assert_eq!(run.error.as_deref(), Some("States.DataLimitExceeded"));
    assert!(run.cause.as_deref().unwrap_or_default().contains("(10 MiB)"));
    assert_eq!(run.states_entered().len(), 42);
}

#[test]
fn one_assign_over_256_kib_is_data_limit_exceeded() {
    let m = machine(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}));
    let run = Runner::new().run(&m, json!({"s": "x".repeat(140_000)}));
    assert_eq!(run.error.as_deref(), Some("States.DataLimitExceeded"));
    assert!(run.cause.unwrap().contains("The Assign of state \"A\""));
}

// --- Callbacks -----------------------------------------------------------

fn callback_machine(extra: Json) -> Machine {
    let mut task = json!({"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true});
    for (k, v) in extra.as_object().unwrap() {
        task[k] = v.clone();
    }
    machine(json!({"StartAt": "T", "States": {"T": task}}))
}

#[test]
fn on_callback_answers_after_the_handler_sends_the_message() {
    use std::sync::{Arc, Mutex};
    let sent = Arc::new(Mutex::new(Vec::new()));
    let seen = sent.clone();
    let m = callback_machine(json!({"HeartbeatSeconds": 30}));
    let run = Runner::new()
        .handler("arn:aws:states:::sqs:sendMessage", move |c: &TaskCall| {
            seen.lock().unwrap().push(c.parameters["MessageBody"]["token"].clone());
            TaskOutcome::ok(json!({"MessageId": "m-1"}))
        })
        .on_callback(|c: &TaskCall| {
            assert!(c.task_token.is_some());
            Callback::success(json!({"token": c.task_token}))
                .after(50.0)
                .heartbeats([20.0, 40.0])
        })
        .run(&m, json!({}));
    assert_eq!(run.status, Status::Succeeded, "{:?}", run.cause);
    let token = sent.lock().unwrap()[0].clone();
    assert_eq!(run.output, Some(json!({"token": token})));
    let submitted = run.history.iter().find(|e| e.event_type == "TaskSubmitted").unwrap();
    assert_eq!(*submitted.details["output"], json!({"MessageId": "m-1"}));
    assert_eq!(run.history.last().unwrap().timestamp, "2024-01-01T00:00:50.000Z");
}

#[test]
fn a_failed_send_fails_the_task_before_any_answer() {
    let m = callback_machine(json!({}));
    let run = Runner::new()
        .handler("arn:aws:states:::sqs:sendMessage", |_: &TaskCall| {
            TaskOutcome::err("SQS.QueueDoesNotExist", "no queue")
        })
        .on_callback(|_: &TaskCall| Callback::success(json!(1)))
        .run(&m, json!({}));
    assert_eq!(run.error.as_deref(), Some("SQS.QueueDoesNotExist"));
}

#[test]
fn an_unanswered_token_says_how_to_answer_it() {
    let run = Runner::new().run(&callback_machine(json!({})), json!({}));
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    let cause = run.cause.unwrap();
    assert!(
        cause.contains("MockResult::Callback") && cause.contains("Runner::on_callback"),
        "{cause}"
    );
}

#[test]
fn callback_mocks_load_from_json() {
    let mocks = Mocks::from_json(
        &json!({"T": {"0": {"Callback": {"Heartbeats": [10], "After": 15, "Failure": {"Error": "No", "Cause": "why"}}}}}),
        None,
    )
    .unwrap();
    let run = Runner::new()
        .mocks(mocks)
        .run(&callback_machine(json!({"HeartbeatSeconds": 12})), json!({}));
    assert_eq!((run.error.as_deref(), run.cause.as_deref()), (Some("No"), Some("why")));
    for bad in [
        json!({"T": {"0": {"Callback": {"After": -1}}}}),
        json!({"T": {"0": {"Callback": {"Heartbeats": "soon"}}}}),
        json!({"T": {"0": {"Callback": {"Success": 1, "Failure": {}}}}}),
    ] {
        assert!(Mocks::from_json(&bad, None).is_err(), "{bad}");
    }
}

#[test]
fn hostile_callback_times_are_never_answers() {
    let cb = Callback {
        heartbeats: vec![f64::NAN, -5.0, f64::INFINITY],
        after_seconds: f64::NAN,
        response: Some(Ok(json!(1))),
    };
    let m = callback_machine(json!({"TimeoutSeconds": 10}));
    let run = Runner::new()
        .mocks(Mocks::new().state("T", vec![MockResult::Callback(cb)]))
        .run(&m, json!({}));
    assert_eq!(run.error.as_deref(), Some("States.Timeout"));
}

#[test]
fn child_executions_nest_a_bounded_depth() {
    let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Self";
    let def = json!({"StartAt": "Again", "States": {"Again": {"Type": "Task",
        "Resource": "arn:aws:states:::states:startExecution.sync:2",
        "Parameters": {"StateMachineArn": arn, "Input": {}}, "End": true}}});
    let run = Runner::new()
        .state_machine(arn, machine(def.clone()))
        .run(&machine(def), json!({}));
    assert_eq!(run.error.as_deref(), Some("States.TaskFailed"));
    // Each level's cause quotes its child's, cut to the 32,768 characters
    // the history API shows, so the innermost one is out of sight here.
    assert!(run.cause.unwrap().chars().count() <= 32_768);
}

// --- Distributed Map -----------------------------------------------------

fn distributed(reader: Json, extra: Json) -> Machine {
    let mut m = json!({"Type": "Map", "ItemReader": reader,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true});
    for (k, v) in extra.as_object().unwrap() {
        m[k] = v.clone();
    }
    machine(json!({"StartAt": "M", "States": {"M": m}}))
}

#[test]
fn buckets_map_to_directories_and_keys_cannot_escape_them() {
    let dir = temp_dir("bucket-escape");
    std::fs::write(dir.join("in.json"), "[1, 2]").unwrap();
    let reader = |key: &str| {
        json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
               "Parameters": {"Bucket": "b", "Key": key}})
    };
    let run = Runner::new()
        .bucket("b", &dir)
        .run(&distributed(reader("in.json"), json!({})), json!({}));
    assert_eq!(run.output, Some(json!([1, 2])));
    for key in ["../in.json", "/etc/passwd", "a/../../in.json"] {
        let run = Runner::new()
            .bucket("b", &dir)
            .run(&distributed(reader(key), json!({})), json!({}));
        assert_eq!(run.error.as_deref(), Some("States.ItemReaderFailed"), "{key}");
    }
    let run = Runner::new().run(&distributed(reader("in.json"), json!({})), json!({}));
    assert!(run.cause.unwrap().contains("Runner::bucket(\"b\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn result_writer_files_are_written_and_listed_in_the_manifest() {
    let dir = temp_dir("result-writer");
    std::fs::write(dir.join("in.jsonl"), "{\"n\":1}\n{\"n\":2}\n").unwrap();
    let m = distributed(
        json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
               "Parameters": {"Bucket": "b", "Key": "in.jsonl"}}),
        json!({"ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "out"}}}),
    );
    let run = Runner::new().bucket("b", &dir).run(&m, json!({}));
    let out = run.output.expect("succeeded");
    let key = out["ResultWriterDetails"]["Key"].as_str().unwrap();
    let manifest: Json = serde_json::from_str(&std::fs::read_to_string(dir.join(key)).unwrap()).unwrap();
    assert_eq!(manifest["MapRunArn"], out["MapRunArn"]);
    let file = manifest["ResultFiles"]["SUCCEEDED"][0]["Key"].as_str().unwrap();
    let results: Json = serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
    let outputs: Vec<&str> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Output"].as_str().unwrap())
        .collect();
    assert_eq!(outputs, ["{\"n\":1}", "{\"n\":2}"]);
    assert_eq!(run.map_runs.len(), 1);
    assert_eq!(run.map_runs[0].executions[1].output, Some(json!({"n": 2})));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unsupported_distributed_map_fields_are_refused_by_name() {
    for (reader, field) in [
        (
            json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"}, "Parameters": {}}),
            "States.M.ItemReader.ReaderConfig.InputType",
        ),
        (
            json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "PARQUET"}, "Parameters": {}}),
            "States.M.ItemReader.ReaderConfig.InputType",
        ),
    ] {
        let def = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemReader": reader,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                              "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}});
        let e = Machine::from_json(&def).unwrap_err();
        let d =
            e.0.iter()
                .find(|d| d.location == field)
                .unwrap_or_else(|| panic!("{e}"));
        assert!(d.unsupported, "{d:?}");
    }
    // Distributed fields on an inline Map are a mistake AWS refuses too.
    let e = Machine::from_json(&json!({"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "x",
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}))
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("States.M.Label: Label is a field of a distributed Map"),
        "{e}"
    );
}

// --- TestState -----------------------------------------------------------

#[test]
fn test_state_reports_each_processing_step() {
    let state = json!({"Type": "Pass", "InputPath": "$.in", "Parameters": {"v.$": "$.x", "seen.$": "$limit"},
        "ResultPath": "$.r", "OutputPath": "$.r", "Assign": {"got.$": "$.v"}, "Next": "After"});
    let out = Runner::new()
        .test_state(
            &state,
            json!({"in": {"x": 5}}),
            &TestStateOptions::new().variables(json!({"limit": 9})),
        )
        .unwrap();
    assert_eq!(out.status, TestStateStatus::Succeeded);
    let d = &out.inspection_data;
    assert_eq!(d.after_input_path, Some(json!({"x": 5})));
    assert_eq!(d.after_parameters, Some(json!({"v": 5, "seen": 9})));
    // ResultPath places the result in the state's raw input.
    assert_eq!(
        d.after_result_path,
        Some(json!({"in": {"x": 5}, "r": {"v": 5, "seen": 9}}))
    );
    assert_eq!(out.output, Some(json!({"v": 5, "seen": 9})));
    assert_eq!(
        d.variables,
        Some(json!({"limit": 9, "got": 5}).as_object().unwrap().clone())
    );
    assert_eq!(out.next_state.as_deref(), Some("After"));
}

#[test]
fn test_state_statuses() {
    let runner = Runner::new();
    let fail = runner
        .test_state(
            &json!({"Type": "Fail", "Error": "E", "Cause": "C"}),
            json!({}),
            &TestStateOptions::new(),
        )
        .unwrap();
    assert_eq!(
        (fail.status, fail.error.as_deref()),
        (TestStateStatus::Failed, Some("E"))
    );
    let choice = runner
        .test_state(
            &json!({"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericEquals": 1, "Next": "One"}], "Default": "Other"}),
            json!({"a": 1}),
            &TestStateOptions::new(),
        )
        .unwrap();
    assert_eq!(choice.next_state.as_deref(), Some("One"));
    let caught = runner
        .test_state(
            &json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Assign": {"e.$": "$.Error"}, "Next": "Handle"}]}),
            json!({"k": 1}),
            &TestStateOptions::new().mock(MockResult::Throw(TaskError { error: "Boom".into(), cause: "c".into() })),
        )
        .unwrap();
    assert_eq!(caught.status, TestStateStatus::CaughtError);
    assert_eq!(
        caught.output,
        Some(json!({"k": 1, "err": {"Error": "Boom", "Cause": "c"}}))
    );
    assert_eq!(caught.inspection_data.error_details, Some(json!({"catchIndex": 0})));
    assert_eq!(caught.inspection_data.variables.as_ref().unwrap()["e"], json!("Boom"));
    let json = caught.to_json();
    assert_eq!(json["status"], "CAUGHT_ERROR");
    assert_eq!(json["nextState"], "Handle");
    // The runner's mocks and handlers serve unmocked tasks.
    let echo = Runner::new()
        .handler("arn:rcdk:echo", |c: &TaskCall| TaskOutcome::ok(c.parameters.clone()))
        .test_state(
            &json!({"Type": "Task", "Resource": "arn:rcdk:echo", "Parameters": {"a.$": "$.b"}, "End": true}),
            json!({"b": 2}),
            &TestStateOptions::new(),
        )
        .unwrap();
    assert_eq!(echo.output, Some(json!({"a": 2})));
    assert_eq!(echo.inspection_data.after_parameters, Some(json!({"a": 2})));
    // A definition that does not load is an error.
    assert!(runner
        .test_state(&json!({"Type": "Nope"}), json!({}), &TestStateOptions::new())
        .is_err());
}

// --- JSONata ---------------------------------------------------------------

#[test]
fn runaway_jsonata_expressions_fail_cleanly() {
    for expr in [
        "{% [1..100000000] %}",
        "{% $reduce([1..5000000], function($a, $b) { $a + $b }) %}",
        "{% ($f := function($n) { $f($n + 1) }; $f(0)) %}",
        "{% $pad('', 300000, 'x') %}",
    ] {
        let m = machine(json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
            "A": {"Type": "Pass", "Output": expr, "End": true}}}));
        let run = Runner::new().run(&m, json!({}));
        assert_eq!(run.status, Status::Failed, "{expr}");
        let error = run.error.unwrap_or_default();
        assert!(
            error == "States.QueryEvaluationError" || error == "States.DataLimitExceeded",
            "{expr}: {error}: {:?}",
            run.cause
        );
    }
}

#[test]
fn jsonata_reads_variables_and_the_virtual_clock() {
    let m = machine(json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"n": "{% $states.input.n %}"}, "Next": "W"},
        "W": {"Type": "Wait", "Seconds": 90, "Next": "B"},
        "B": {"Type": "Pass", "Output": {"n": "{% $n %}", "now": "{% $now() %}", "id": "{% $uuid() %}"}, "End": true}}}));
    let a = Runner::new().run(&m, json!({"n": 3}));
    let out = a.output.clone().expect("succeeded");
    assert_eq!(out["n"], json!(3));
    assert_eq!(out["now"], json!("2024-01-01T00:01:30.000Z"));
    // The same seed gives the same run.
    assert_eq!(Runner::new().run(&m, json!({"n": 3})).output, a.output);
}

#[test]
fn test_state_runs_jsonata_states() {
    let state = json!({"QueryLanguage": "JSONata", "Type": "Task", "Resource": "arn:rcdk:echo",
        "Arguments": {"v": "{% $states.input.x * $factor %}"}, "Output": "{% $states.result.v %}", "Next": "N"});
    let out = Runner::new()
        .handler("arn:rcdk:echo", |c: &TaskCall| TaskOutcome::ok(c.parameters.clone()))
        .test_state(
            &state,
            json!({"x": 4}),
            &TestStateOptions::new().variables(json!({"factor": 3})),
        )
        .unwrap();
    assert_eq!(out.status, TestStateStatus::Succeeded);
    assert_eq!(out.output, Some(json!(12)));
    assert_eq!(out.inspection_data.after_arguments, Some(json!({"v": 12})));
    assert_eq!(out.next_state.as_deref(), Some("N"));
}

#[test]
fn causes_are_cut_to_what_the_history_api_shows() {
    let m = machine(json!({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "CausePath": "$.why"}}}));
    let run = Runner::new().run(&m, json!({"why": "é".repeat(100_000)}));
    assert_eq!(run.cause.as_ref().map(|c| c.chars().count()), Some(32_768));
    let last = run.history.last().unwrap();
    assert_eq!(last.details["cause"].as_str().map(|c| c.chars().count()), Some(32_768));
}

// --- RunningExecution ------------------------------------------------------

#[test]
fn a_running_execution_answers_tokens_in_order() {
    let wait = |name: &str| {
        json!({"StartAt": name, "States": {name: {"Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"MessageBody": {"token.$": "$$.Task.Token", "who": name}}, "End": true}}})
    };
    let m = machine(json!({"StartAt": "Both", "States": {"Both": {"Type": "Parallel",
        "Branches": [wait("Left"), wait("Right")], "End": true}}}));
    let runner = Runner::new();
    let mut run = runner.start(&m, json!({}));
    assert_eq!(run.execution().status, Status::Running);
    let left = run.waiting()[0].clone();
    assert_eq!(
        (left.state.as_str(), left.started.as_str()),
        ("Left", "2024-01-01T00:00:00.000Z")
    );
    // The history stops where the execution waits.
    assert_eq!(run.execution().history.last().unwrap().event_type, "TaskStarted");
    run.advance(10.0);
    run.send_task_success(&left.token, json!("L")).unwrap();
    // A token answered once is no longer waited for.
    assert_eq!(
        run.send_task_success(&left.token, json!("again")).unwrap_err().error,
        "TaskDoesNotExist"
    );
    let right = run.waiting()[0].clone();
    assert_eq!(
        (right.state.as_str(), run.now().as_str()),
        ("Right", "2024-01-01T00:00:10.000Z")
    );
    assert_ne!(right.token, left.token);
    run.advance(5.0);
    run.send_task_success(&right.token, json!("R")).unwrap();
    assert!(run.waiting().is_empty());
    let done = run.finish();
    assert_eq!(done.output, Some(json!(["L", "R"])));
    assert_eq!(done.history.last().unwrap().timestamp, "2024-01-01T00:00:15.000Z");
}

#[test]
fn a_running_execution_retries_with_a_new_token_and_times_out() {
    let m = callback_machine(json!({"HeartbeatSeconds": 30,
        "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 5, "MaxAttempts": 1}]}));
    let runner = Runner::new();
    let mut run = runner.start(&m, json!({}));
    let first = run.waiting()[0].token.clone();
    run.send_task_failure(&first, "Busy", "try later").unwrap();
    let second = run.waiting()[0].clone();
    assert_ne!(second.token, first);
    assert_eq!(second.started, "2024-01-01T00:00:05.000Z");
    run.advance(20.0);
    run.send_task_heartbeat(&second.token).unwrap();
    run.advance(29.0);
    assert_eq!(
        run.waiting().len(),
        1,
        "the heartbeat at 25 s keeps it alive until 55 s"
    );
    run.advance(1.0);
    let done = run.finish();
    assert_eq!(done.error.as_deref(), Some("States.HeartbeatTimeout"));
    assert_eq!(done.history.last().unwrap().timestamp, "2024-01-01T00:00:55.000Z");
}

#[test]
fn mocks_still_answer_in_a_running_execution() {
    let m = callback_machine(json!({}));
    let runner = Runner::new().mocks(Mocks::new().state("T", vec![MockResult::Return(json!("mocked"))]));
    let run = runner.start(&m, json!({}));
    assert!(run.waiting().is_empty());
    assert_eq!(run.finish().output, Some(json!("mocked")));
}
