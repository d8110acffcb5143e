//! Structure-aware: a generated JSONPath, reference path, intrinsic
//! function call and Choice rule (every operator, `And`/`Or`/`Not`,
//! `...Path` operands), each parsed, evaluated through the public API and
//! run in a small state machine on generated data (near the payload and
//! nesting limits) and a generated context object. Nothing may panic, and
//! each run keeps the limits (see `rcdk_fuzz::check_execution`).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rcdk_fuzz::*;
use rcdk_states::choice::Rule;
use rcdk_states::path::JsonPath;
use rcdk_states::{intrinsics, rng::Rng, Machine, Runner, MAX_EVENTS};
use serde_json::{json, Value as Json};

#[derive(Arbitrary, Debug)]
struct Case {
    input: GenValue,
    context: GenValue,
    path: GenPath,
    reference: RefPath,
    intrinsic: GenIntrinsic,
    rule: GenRule,
    seed: u64,
}

fn run(def: Json, input: &Json) {
    let Ok(machine) = Machine::from_json(&def) else { return };
    let e = Runner::new().run(&machine, input.clone());
    if let Err(problem) = check_execution(&e, MAX_EVENTS) {
        panic!(
            "{problem}\ndefinition: {def}\nstatus {:?}, error {:?}, cause {:?}",
            e.status, e.error, e.cause
        );
    }
    if let Some(out) = e.output {
        dismantle(out);
    }
}

fuzz_target!(|case: Case| {
    reset_depth();
    let mut r = Render::new();
    let input = r.value(&case.input);
    let context = r.value(&case.context);
    let path = case.path.render();
    let reference = case.reference.render();
    let intrinsic = case.intrinsic.render();
    let rule = r.rule(&case.rule);
    if std::env::var_os("RCDK_FUZZ_DEBUG").is_some() {
        let (bytes, depth) = size_and_depth(&input);
        eprintln!("input: {bytes} bytes, {depth} deep\npath: {path}\nreference: {reference}\nintrinsic: {intrinsic}\nrule: {rule}");
    }

    // The public API. `JsonPath::select` is not bounded by the payload
    // quota (the interpreter's own selection is), so it only reads small data.
    if let Ok(p) = JsonPath::parse(&path) {
        let (bytes, _) = size_and_depth(&input);
        if bytes < 16 * 1024 {
            if let Some(v) = p.select(&input, &context) {
                dismantle(v);
            }
        }
    }
    if let Ok(p) = JsonPath::parse(&reference) {
        if p.is_reference_path() {
            let mut target = json!({"a": [1, {"b": 2}], "s": "x"});
            let _ = p.set(&mut target, json!(1));
        }
    }
    if let Ok(call) = intrinsics::parse(&intrinsic) {
        if let Ok(v) = call.eval(&input, &context, &mut Rng::new(case.seed)) {
            let (bytes, depth) = size_and_depth(&v);
            assert!(
                bytes <= rcdk_states::limits::MAX_PAYLOAD_BYTES && depth <= rcdk_states::limits::MAX_DEPTH,
                "{intrinsic} made {bytes} bytes nested {depth} deep"
            );
            dismantle(v);
        }
    }
    if let Ok(parsed) = Rule::parse(&rule, false) {
        let _ = parsed.eval(&input, &context);
    }

    // The same, run by the interpreter.
    run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"p.$": path, "i": 1}, "ResultPath": reference, "End": true}}}),
        &input,
    );
    run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"i.$": intrinsic}, "OutputPath": path, "End": true}}}),
        &input,
    );
    let mut choice = rule;
    if let Some(m) = choice.as_object_mut() {
        m.insert("Next".into(), json!("Y"));
    }
    // Built by moves: `json!` would copy the rule, recursively.
    let mut def = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [], "Default": "N"},
        "Y": {"Type": "Succeed"},
        "N": {"Type": "Fail", "ErrorPath": intrinsic, "Cause": "no rule matched"}}});
    if let Some(list) = def["States"]["C"]["Choices"].as_array_mut() {
        list.push(choice);
    }
    run(def, &input);
    dismantle(input);
    dismantle(context);
});
