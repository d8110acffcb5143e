//! Structure-aware: a generated, valid-shaped ASL definition (every state
//! type, Retry and Catch, Choice rules of every operator, nested Parallel
//! and Map, paths and intrinsics from their grammars) runs on a generated
//! input with generated mocks. Task resources are answered by mocks, by
//! in-process handlers (echo, fail, sleep) and by the SNS handler; no call
//! leaves the process. The run must not panic, must keep the event quota and
//! the payload and nesting limits (see `rcdk_fuzz::check_execution`), and
//! must be deterministic.
//!
//! `RCDK_FUZZ_DEBUG=1` prints each definition with its diagnostics when it
//! does not load, or with the outcome of its run: to see how much of the
//! generator's output is valid, or what an artifact does.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rcdk_fuzz::*;
use rcdk_states::{Machine, Mocks, Runner, SnsPublish, TaskCall, TaskHandler, TaskOutcome, SNS_PUBLISH};

#[derive(Arbitrary, Debug)]
struct Case {
    machine: GenMachine,
    input: GenValue,
    mocks: Option<GenMocks>,
    seed: u64,
    start: Option<Stamp>,
    /// The events the history keeps: up to 256. Without a limit, a loop
    /// that makes a new value on every pass keeps every one its history
    /// shows, and a value of 256 KiB of JSON takes several MiB in memory:
    /// gigabytes by the event quota.
    history_limit: u16,
    /// Run twice and compare: the interpreter is deterministic.
    twice: bool,
}

fn history_limit(case: &Case) -> usize {
    usize::from(case.history_limit % 257)
}

fn runner(case: &Case, mocks: Option<Mocks>) -> Runner {
    let mut r = Runner::new()
        .handler(ECHO, |c: &TaskCall| TaskOutcome::ok(c.parameters.clone()))
        .handler(FAIL, |c: &TaskCall| {
            TaskOutcome::err(
                c.parameters["Error"].as_str().unwrap_or("Err0"),
                c.parameters["Cause"].as_str().unwrap_or(""),
            )
        })
        .handler(SLEEP, |c: &TaskCall| TaskOutcome {
            result: Ok(c.parameters.clone()),
            duration_seconds: c.parameters["seconds"].as_f64().unwrap_or(0.0),
        })
        // A recorder per call: the SNS handler keeps every message it
        // publishes, which the fuzz target does not need.
        .handler(SNS_PUBLISH, |c: &TaskCall| SnsPublish::new().call(c))
        .seed(case.seed)
        .history_limit(history_limit(case));
    if let Some(t) = case.start {
        r = r.start_time(&t.render());
    }
    if let Some(m) = mocks {
        r = r.mocks(m);
    }
    r
}

fuzz_target!(|case: Case| {
    reset_depth();
    let mut r = Render::new();
    let def = r.machine(&case.machine);
    let input = r.value(&case.input);
    let mocks = case.mocks.as_ref().map(|m| r.mocks(m));
    let text = serde_json::to_string_pretty(&def).expect("a generated definition serializes");
    let debug = std::env::var_os("RCDK_FUZZ_DEBUG").is_some();
    let machine = match Machine::from_str(&text) {
        Ok(m) => m,
        Err(e) => {
            if debug {
                eprintln!("NOT LOADED: {e}\n{text}");
            }
            return;
        }
    };
    if debug {
        let (bytes, depth) = size_and_depth(&input);
        eprintln!("DEFINITION: {text}\nINPUT: {bytes} bytes, {depth} deep\nMOCKS: {mocks:?}");
    }
    let _ = rcdk_states::diagram::mermaid(&machine);
    let mocks = mocks.and_then(|m| match Mocks::from_json(&m, None) {
        Ok(m) => Some(m),
        Err(e) => {
            if debug {
                eprintln!("MOCKS NOT LOADED: {e}");
            }
            None
        }
    });
    let limit = history_limit(&case);
    let e = runner(&case, mocks.clone()).run(&machine, input.clone());
    if let Err(problem) = check_execution(&e, limit) {
        panic!(
            "{problem}\ndefinition: {text}\nstatus {:?}, error {:?}, cause {:?}",
            e.status, e.error, e.cause
        );
    }
    if debug {
        eprintln!(
            "RAN: {} {:?} {:?} ({} events kept)",
            e.status.as_str(),
            e.error,
            e.cause.as_deref().map(|c| c.chars().take(200).collect::<String>()),
            e.history.len()
        );
    }
    if case.twice {
        let again = runner(&case, mocks).run(&machine, input);
        assert!(again == e, "two runs of one definition differ\ndefinition: {text}");
        drop(again);
    }
    if let Some(out) = e.output {
        dismantle(out);
    }
    dismantle(def);
});
