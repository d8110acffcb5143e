//! Hostile input to the interpreter: one test per class of defect the
//! adversarial review of 2026-11-28 found (`shared/reviews/hostile-input-2026-11-28.md`,
//! issue 10 part 1), each with the review's reproduction and variants of
//! our own. Every test failed (wrong result, panic, stack overflow, hang or
//! unbounded memory) before the fix.
//!
//! Memory is measured, not timed: a counting allocator tracks the bytes each
//! test thread holds. Wall-clock bounds are sanity bounds only, at least ten
//! times what the code needs.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use rcdk_states::*;
use serde_json::{json, Map, Value as Json};

/// Counts the bytes each thread has allocated and not freed.
struct Counting;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    // A thread being torn down may have no thread-locals left: skip it.
    let _ = HELD.try_with(|h| h.set(h.get() + delta));
    if delta > 0 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + delta as usize));
    }
}

/// The bytes `f` allocated on this thread, freed or not: what it copied.
fn allocated_by<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATED.with(Cell::get);
    let out = f();
    (out, ALLOCATED.with(Cell::get) - before)
}

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The bytes this thread holds now.
fn held() -> isize {
    HELD.with(Cell::get)
}

/// What `f` returned, and the bytes this thread holds after `f` ran that it
/// did not hold before: what the result keeps alive (or what `f` leaked).
fn retained_by<T>(f: impl FnOnce() -> T) -> (T, isize) {
    let before = held();
    let out = f();
    (out, held() - before)
}

/// The AWS payload quota, in bytes of JSON.
const PAYLOAD: usize = 262_144;

fn load(definition: Json) -> Machine {
    Machine::from_json(&definition).unwrap_or_else(|e| panic!("the definition loads: {e}"))
}

fn load_err(definition: &Json) -> String {
    match Machine::from_json(definition) {
        Ok(_) => panic!("expected a load error for {definition}"),
        Err(e) => e.to_string(),
    }
}

fn run(definition: Json, input: Json) -> Execution {
    Runner::new().run(&load(definition), input)
}

fn error_of(e: &Execution) -> (Status, Option<&str>, &str) {
    (e.status, e.error.as_deref(), e.cause.as_deref().unwrap_or(""))
}

/// Arrays nested `depth` deep around `1`, built by moves (`json!([v])`
/// would serialize `v`, recursively).
fn nested_arrays(depth: usize) -> Json {
    let mut v = json!(1);
    for _ in 0..depth {
        v = Json::Array(vec![v]);
    }
    v
}

/// Drops a value of any depth without recursion (dropping a deep
/// `serde_json::Value` recurses once per level).
fn dismantle(v: Json) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Json::Array(a) => stack.extend(a),
            Json::Object(m) => stack.extend(m.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

fn a_string_of(bytes_as_json: usize) -> Json {
    Json::String("x".repeat(bytes_as_json - 2))
}

// ---------------------------------------------------------------------------
// Class 1: AWS's 256 KiB payload quota, with the terminal error AWS raises.
// Review rows 6, 7, 9.
// ---------------------------------------------------------------------------

#[test]
fn payloads_over_256_kib_fail_with_data_limit_exceeded_which_nothing_catches() {
    let pass = json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}});
    // The execution input: 262,144 bytes of JSON is the most.
    let e = run(pass.clone(), a_string_of(PAYLOAD));
    assert_eq!(e.status, Status::Succeeded, "{:?}", e.cause);
    let e = run(pass, a_string_of(PAYLOAD + 1));
    assert_eq!(e.error.as_deref(), Some("States.DataLimitExceeded"), "{:?}", e.cause);

    // A state's output: each Pass doubles the data. The Parallel's catcher
    // and retrier of States.ALL (and of the error by name) do not apply:
    // DataLimitExceeded is terminal.
    let doubling = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Parameters": {"a.$": "$", "b.$": "$"}, "Next": "B"},
        "B": {"Type": "Pass", "Parameters": {"a.$": "$", "b.$": "$"}, "End": true}}});
    let e = run(
        json!({"StartAt": "Par", "States": {
            "Par": {"Type": "Parallel", "Branches": [doubling], "End": true,
                    "Retry": [{"ErrorEquals": ["States.ALL"]}],
                    "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "Next": "Caught"},
                              {"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
            "Caught": {"Type": "Succeed"}}}),
        json!({"s": "x".repeat(100_000)}),
    );
    assert_eq!(e.error.as_deref(), Some("States.DataLimitExceeded"), "{:?}", e.cause);
    assert!(
        e.cause.as_deref().unwrap_or("").contains("262144 bytes"),
        "{:?}",
        e.cause
    );
    assert!(!e.states_entered().contains(&"Caught"));
    assert_eq!(
        e.states_entered().iter().filter(|s| **s == "Par").count(),
        1,
        "not retried"
    );

    // A task's result, from a mock.
    let task = json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}});
    let mocks = Mocks::new().state("T", vec![MockResult::Return(json!({"big": "x".repeat(PAYLOAD)}))]);
    let e = Runner::new().mocks(mocks).run(&load(task), json!({}));
    assert_eq!(e.error.as_deref(), Some("States.DataLimitExceeded"), "{:?}", e.cause);
}

#[test]
fn oversized_values_stop_while_they_are_built() {
    // 100 fields each selecting a 10 KB input would make 1 MB; the template
    // stops at the quota instead of building it (review row 9's shape).
    let mut parameters = Map::new();
    for i in 0..100 {
        parameters.insert(format!("f{i}.$"), json!("$"));
    }
    let e = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": parameters, "End": true}}}),
        json!({"s": "x".repeat(10_000)}),
    );
    assert_eq!(e.error.as_deref(), Some("States.DataLimitExceeded"), "{:?}", e.cause);

    // States.Array and States.Format count what they build.
    let args = vec!["$.s"; 40].join(", ");
    for expr in [
        format!("States.Array({args})"),
        format!("States.Format('{}', {args})", "{}".repeat(40)),
    ] {
        let e = run(
            json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"x.$": expr}, "End": true}}}),
            json!({"s": "x".repeat(10_000)}),
        );
        assert_eq!(
            e.error.as_deref(),
            Some("States.DataLimitExceeded"),
            "{expr}: {:?}",
            e.cause
        );
    }

    // A recursive descent over nested data selects every level again: 200 KB
    // nested 30 deep gives 6 MB of matches, stopped at the quota.
    let mut nested = json!({"s": "x".repeat(200_000)});
    for _ in 0..30 {
        nested = json!({ "n": nested });
    }
    let e = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"all.$": "$..*"}, "End": true}}}),
        nested,
    );
    assert_eq!(e.error.as_deref(), Some("States.DataLimitExceeded"), "{:?}", e.cause);

    // A Map whose iterations' outputs add up to more than a payload.
    let e = run(
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
            "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Parameters": {"s.$": "$$.Execution.Input.s"}, "End": true}}}}}}),
        json!({"s": "x".repeat(10_000), "items": vec![0; 100]}),
    );
    assert_eq!(e.error.as_deref(), Some("States.DataLimitExceeded"), "{:?}", e.cause);
    assert!(
        e.states_entered().len() < 40,
        "stopped early: {}",
        e.states_entered().len()
    );
}

// ---------------------------------------------------------------------------
// Class 2: history events share data; memory is what the execution keeps.
// Review rows 6, 7 and top defects 1-2.
// ---------------------------------------------------------------------------

#[test]
fn history_events_share_data_instead_of_copying_it() {
    // A loop that passes 20 KB along unchanged until the event quota: every
    // event shows the same value, so the history holds it once. Before,
    // each of the 25,000 events held a copy: 500 MB.
    let looping = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "E"}], "Default": "W"},
        "W": {"Type": "Wait", "Seconds": 0, "Next": "C"},
        "E": {"Type": "Succeed"}}});
    let machine = load(looping);
    let (e, retained) = retained_by(|| Runner::new().run(&machine, json!({"s": "x".repeat(20_000)})));
    assert!(e.history.len() > 24_000, "ran to the quota: {}", e.history.len());
    let bound = 32 << 20;
    assert!(
        retained < bound,
        "the history of {} events holds {retained} bytes (bound {bound})",
        e.history.len()
    );
    drop(e);

    // The review's `{"prev.$": "$"}` loop (row 7): each pass nests the data
    // one level deeper, copying it. It ends at the nesting limit, holding
    // one copy per pass, not one per event.
    let prev = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Parameters": {"prev.$": "$"}, "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "E"}], "Default": "A"},
        "E": {"Type": "Succeed"}}});
    let machine = load(prev);
    let (e, retained) = retained_by(|| Runner::new().run(&machine, json!({"s": "x".repeat(20_000)})));
    assert_eq!(e.error.as_deref(), Some("States.Runtime"), "{:?}", e.cause);
    assert!(
        e.cause.as_deref().unwrap_or("").contains("more than 127 levels deep"),
        "{:?}",
        e.cause
    );
    assert!(retained < bound, "{retained} bytes retained");
    drop(e);

    // A loop that makes a new 5 KB value on every pass keeps each one
    // while the history shows it; with a history limit it keeps only the
    // last events' values, and still stops at the quota.
    let counting = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Parameters": {"s.$": "$.s", "n.$": "States.MathAdd($.n, 1)"}, "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "E"}], "Default": "A"},
        "E": {"Type": "Succeed"}}});
    let machine = load(counting);
    let runner = Runner::new().history_limit(100);
    let (e, retained) = retained_by(|| runner.run(&machine, json!({"s": "x".repeat(5_000), "n": 0})));
    assert!(
        e.cause.as_deref().unwrap_or("").contains("25000 history events"),
        "{:?}",
        e.cause
    );
    assert_eq!(e.history.len(), 100);
    assert_eq!(e.history.last().map(|ev| ev.id), Some(MAX_EVENTS));
    assert!(retained < 1 << 20, "{retained} bytes retained");
}

// ---------------------------------------------------------------------------
// Class 3: the 25,000-event quota holds for every loop shape; every retry
// attempt counts. Review row 28 and top defect 3.
// ---------------------------------------------------------------------------

#[test]
fn every_loop_shape_stops_at_the_event_quota() {
    let throws = || {
        Mocks::new().state(
            "T",
            vec![MockResult::Throw(TaskError {
                error: "X".into(),
                cause: "".into(),
            })],
        )
    };
    let retry_forever = json!([{"ErrorEquals": ["States.ALL"], "MaxAttempts": 99_999_999, "BackoffRate": 1}]);
    let cases = [
        // The review's reproduction: a retrier that never gives up.
        (
            json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": retry_forever, "End": true}}}),
            json!({}),
        ),
        // A Parallel retried forever, its branch failing at once.
        (
            json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Retry": retry_forever, "End": true,
                "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "X"}}}]}}}),
            json!({}),
        ),
        // A Map over more items than the history can show.
        (
            json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}),
            json!(vec![0; 10_000]),
        ),
        // A loop inside a Parallel branch.
        (
            json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "E"}], "Default": "C2"},
                    "C2": {"Type": "Pass", "Next": "C"},
                    "E": {"Type": "Succeed"}}}]}}}),
            json!({}),
        ),
    ];
    for (definition, input) in cases {
        // The always-failing mock is for the cases with a task "T"; mocks
        // for a state a definition lacks fail the run before it starts.
        let runner = if definition.to_string().contains("\"T\":") {
            Runner::new().mocks(throws())
        } else {
            Runner::new()
        };
        let e = runner.run(&load(definition.clone()), input);
        let (status, error, cause) = error_of(&e);
        assert_eq!(
            (status, error),
            (Status::Failed, Some("States.Runtime")),
            "{definition}: {cause}"
        );
        assert!(cause.contains("25000 history events"), "{definition}: {cause}");
        assert!(
            e.history.len() <= MAX_EVENTS,
            "{definition}: {} events",
            e.history.len()
        );
    }
}

// ---------------------------------------------------------------------------
// Class 4: checked arithmetic wherever a user's number flows. Review rows
// 13, 17, 18, 19, 22, 23, 25 and top defect 4.
// ---------------------------------------------------------------------------

#[test]
fn json_path_slices_with_huge_steps_end_the_slice() {
    let e = run(
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$.a[1::9223372036854775807]"}, "End": true}}}),
        json!({"a": [1, 2, 3]}),
    );
    assert_eq!(e.output, Some(json!({"x": [2]})), "{:?}", e.cause);
}

#[test]
fn the_virtual_clock_never_overflows() {
    let wait = |field: &str, v: Json| json!({"StartAt": "W", "States": {"W": {"Type": "Wait", field: v, "End": true}}});
    // Seconds past AWS's range do not load (rows 22, 23).
    for seconds in [
        json!(1e30),
        json!(1e20),
        json!(100_000_000),
        json!(-1),
        json!(1.5),
        json!("10"),
    ] {
        let e = load_err(&wait("Seconds", seconds.clone()));
        assert!(e.contains("States.W.Seconds: must"), "{seconds}: {e}");
    }
    // SecondsPath selecting a number out of range fails at run time (row 22).
    for s in [json!(1e300), json!(-5), json!(100_000_000), json!(2.5)] {
        let e = run(wait("SecondsPath", json!("$.s")), json!({"s": s}));
        assert_eq!(e.error.as_deref(), Some("States.Runtime"), "{s}: {:?}", e.cause);
    }
    // A machine TimeoutSeconds of 1e30 does not cut a 10 s wait short (row 25).
    let e = run(
        json!({"StartAt": "W", "TimeoutSeconds": 1e30, "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}),
        json!({}),
    );
    assert_eq!(e.status, Status::Succeeded, "{:?}", e.cause);
    // Waiting past the year an execution may run times it out, as on AWS.
    let e = run(wait("Timestamp", json!("9999-12-31T23:59:59Z")), json!({}));
    assert_eq!(error_of(&e).0, Status::TimedOut, "{:?}", e.cause);
    assert_eq!(e.error.as_deref(), Some("States.Timeout"));
    // A retry delay too long for any clock (backoff to infinity).
    let e = Runner::new()
        .mocks(Mocks::new().state("T", vec![MockResult::Throw(TaskError { error: "X".into(), cause: "".into() })]))
        .run(
            &load(json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true,
                "Retry": [{"ErrorEquals": ["X"], "IntervalSeconds": 99_999_999, "BackoffRate": 1e300, "MaxAttempts": 5}]}}})),
            json!({}),
        );
    assert_eq!(
        (e.status, e.error.as_deref()),
        (Status::TimedOut, Some("States.Timeout")),
        "{:?}",
        e.cause
    );
    // A handler that reports an infinite duration: the task times out at
    // its default TimeoutSeconds (99,999,999).
    let e = Runner::new()
        .handler("r", |_: &TaskCall| TaskOutcome {
            result: Ok(json!(1)),
            duration_seconds: f64::INFINITY,
        })
        .run(
            &load(json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true}}})),
            json!({}),
        );
    assert_eq!(e.error.as_deref(), Some("States.Timeout"), "{:?}", e.cause);
    // TimeoutSecondsPath selecting a number out of range.
    let e = Runner::new()
        .handler("r", |_: &TaskCall| TaskOutcome::ok(json!(1)))
        .run(
            &load(json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "TimeoutSecondsPath": "$.t", "End": true}}})),
            json!({"t": 1e30}),
        );
    assert_eq!(e.error.as_deref(), Some("States.Runtime"), "{:?}", e.cause);
}

#[test]
fn intrinsic_arithmetic_is_checked() {
    let eval = |expr: &str| {
        run(
            json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"r.$": expr}, "End": true}}}),
            json!({"max": i64::MAX, "min": i64::MIN}),
        )
    };
    // Row 17: two items, no overflow past i64::MAX.
    let e = eval("States.ArrayRange(9223372036854775806, 9223372036854775807, 1)");
    assert_eq!(e.output, Some(json!({"r": [i64::MAX - 1, i64::MAX]})), "{:?}", e.cause);
    let e = eval("States.ArrayRange(-9223372036854775807, -9223372036854775808, -1)");
    assert_eq!(e.output, Some(json!({"r": [i64::MIN + 1, i64::MIN]})), "{:?}", e.cause);
    // Row 18: in range, and not always the start.
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..20 {
        let e = eval(&format!("States.MathRandom($.min, $.max, {seed})"));
        let r = e
            .output
            .as_ref()
            .and_then(|o| o["r"].as_i64())
            .unwrap_or_else(|| panic!("{:?}", e.cause));
        seen.insert(r);
    }
    assert!(seen.len() > 10, "{seen:?}");
    // Row 19: an overflow is an error, with a cause (AWS raises States.Runtime).
    for expr in [
        "States.MathAdd($.max, 1)",
        "States.MathAdd($.min, -1)",
        "States.MathAdd(1.5, 1e308)",
    ] {
        let e = eval(expr);
        let (_, error, cause) = error_of(&e);
        assert_eq!(error, Some("States.Runtime"), "{expr}: {cause}");
        assert!(cause.contains("64-bit integer range"), "{expr}: {cause}");
    }
    // The AWS docs: a non-integer argument is rounded to the nearest integer.
    assert_eq!(eval("States.MathAdd(1.5, 1)").output, Some(json!({"r": 3})));
}

// ---------------------------------------------------------------------------
// Class 5: no recursion a user controls. Review rows 5, 8, 10, 14 and top
// defects 1 and 5. Each case ran out of stack before.
// ---------------------------------------------------------------------------

#[test]
fn nested_intrinsics_and_filters_are_refused_not_recursed() {
    // Top defect 5: States.Array( nested 100,000 deep is over the 1 MB a
    // definition may be; 50,000 deep is not, and is refused for its nesting.
    let nested = |n: usize| {
        let expr = "States.Array(".repeat(n) + &")".repeat(n);
        load_err(&json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": expr}, "End": true}}}))
    };
    let e = nested(100_000);
    assert!(e.contains("AWS accepts at most 1 MB"), "{}", &e[..e.len().min(400)]);
    let e = nested(50_000);
    assert!(
        e.contains("intrinsic functions nest more than 10 deep"),
        "{}",
        &e[..e.len().min(400)]
    );
    // Ten deep is what AWS allows, and works.
    let ten = "States.Array(".repeat(10) + &")".repeat(10);
    let e = run(
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": ten}, "End": true}}}),
        json!({}),
    );
    assert_eq!(e.status, Status::Succeeded, "{:?}", e.cause);
    // Row 14: `[?(@` nested 50,000 times.
    let path = "$".to_owned() + &"[?(@".repeat(50_000);
    let e = load_err(&json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": path, "End": true}}}));
    assert!(
        e.contains("filters nest more than 10 deep"),
        "{}",
        &e[..e.len().min(400)]
    );
}

#[test]
fn data_deepened_in_a_loop_stops_at_the_nesting_limit() {
    // Top defect 1: a 928-byte definition whose Parameters nest the input
    // 100 levels deeper on every pass.
    let mut p = json!({"x.$": "$"});
    for _ in 0..100 {
        p = json!({ "w": p });
    }
    let e = run(
        json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Parameters": p, "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "E"}], "Default": "A"},
            "E": {"Type": "Succeed"}}}),
        json!({}),
    );
    let (status, error, cause) = error_of(&e);
    assert_eq!((status, error), (Status::Failed, Some("States.Runtime")), "{cause}");
    assert!(cause.contains("more than 127 levels deep"), "{cause}");

    // What is within the limits still runs: 30 nested Parallel states are
    // 120 levels of JSON, within the 127 a definition may nest. The
    // interpreter recurses once per Parallel, on a test thread's 2 MiB stack.
    let mut branch = json!({"StartAt": "L", "States": {"L": {"Type": "Pass", "Result": "leaf", "End": true}}});
    for _ in 0..30 {
        branch = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [branch], "End": true}}});
    }
    let text = serde_json::to_string(&branch).unwrap();
    let e = Runner::new().run(&Machine::from_str(&text).unwrap(), json!({}));
    assert_eq!(e.status, Status::Succeeded, "{:?}", e.cause);
}

#[test]
fn deep_values_from_code_are_refused_without_recursion() {
    let pass = load(json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}));
    // An execution input built in code, deeper than JSON text can be.
    let e = Runner::new().run(&pass, nested_arrays(100_000));
    assert_eq!(e.error.as_deref(), Some("States.Runtime"), "{:?}", e.cause);
    // A handler's result.
    let task = load(json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true}}}));
    let e = Runner::new()
        .handler("r", |_: &TaskCall| TaskOutcome::ok(nested_arrays(100_000)))
        .run(&task, json!({}));
    assert_eq!(e.error.as_deref(), Some("States.Runtime"), "{:?}", e.cause);
    // A definition built in code: Not nested 100,000 deep.
    let mut rule = json!({"Variable": "$.a", "IsPresent": true});
    for _ in 0..100_000 {
        let mut m = Map::new();
        m.insert("Not".into(), rule);
        rule = Json::Object(m);
    }
    let mut choice = Map::new();
    choice.insert("Not".into(), rule);
    choice.insert("Next".into(), json!("E"));
    let definition = json!({"StartAt": "C", "States": {"E": {"Type": "Succeed"}}});
    let mut definition = definition;
    let mut c = Map::new();
    c.insert("Type".into(), json!("Choice"));
    c.insert("Choices".into(), Json::Array(vec![Json::Object(choice)]));
    definition["States"]["C"] = Json::Object(c);
    let e = load_err(&definition);
    assert!(e.contains("nest more than 127 levels deep"), "{e}");
    dismantle(definition);
    // A definition's text nested deeper than JSON is read says so.
    let text = format!(
        r#"{{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": {}, "End": true}}}}}}"#,
        "[".repeat(200) + &"]".repeat(200)
    );
    let e = Machine::from_str(&text).unwrap_err().to_string();
    assert!(e.contains("nest more than 127 levels deep"), "{e}");
    // A ResultPath writing deeper than data may nest.
    let deep_path = "$".to_owned() + &".a".repeat(200);
    let e = load_err(&json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "ResultPath": deep_path, "End": true}}}));
    assert!(e.contains("States.P.ResultPath: writes 200 levels deep"), "{e}");
}

// ---------------------------------------------------------------------------
// Class 6: linear-time algorithms. Review rows 29, 30 and top defect 6.
// ---------------------------------------------------------------------------

#[test]
fn string_matches_is_linear_and_allocates_nothing() {
    // Row 29: 10,000 tokens against a long value made a table of their
    // product (10 GB against 1 MB). Here 2,000 tokens against 100,000
    // characters: a 200 MB table before.
    let pattern = "*y".repeat(1_000);
    let value = "y".repeat(100_000);
    let (matched, allocated) = retained_by(|| choice::string_matches(&value, &pattern));
    assert!(matched);
    assert!(allocated < 1 << 20, "{allocated} bytes");
    let start = Instant::now();
    assert!(!choice::string_matches(&(value.clone() + "x"), &"*y".repeat(5_000)));
    assert!(choice::string_matches(
        &"ab".repeat(500_000),
        &("a*".repeat(10_000) + "b")
    ));
    assert!(start.elapsed() < Duration::from_secs(10), "{:?}", start.elapsed());
}

#[test]
fn validating_a_large_definition_with_many_errors_is_fast() {
    // Row 30: 20,000 states, each with a problem: 25 s before (each
    // problem's line was found by scanning the text from the start).
    let n = 20_000;
    let states: Vec<String> = (0..n)
        .map(|i| format!("\"S{i}\":{{\"Type\":\"Wait\",\"Next\":\"S{}\"}}", (i + 1) % n))
        .collect();
    let text = format!("{{\"StartAt\":\"S0\",\"States\":{{\n{}\n}}}}", states.join(",\n"));
    assert!(text.len() < 1_048_576, "{} bytes", text.len());
    let start = Instant::now();
    let e = Machine::from_str(&text).unwrap_err();
    let took = start.elapsed();
    assert!(e.0.len() >= n, "{} problems", e.0.len());
    // Each problem is on its state's line (line 1 is StartAt's).
    let last =
        e.0.iter()
            .find(|d| d.location.starts_with(&format!("States.S{}.", n - 1)))
            .unwrap();
    assert_eq!(last.line, Some(n + 1), "{last}");
    assert!(took < Duration::from_secs(10), "{took:?}");
    // Over AWS's 1 MB quota does not load.
    let big = format!(
        r#"{{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": "{}", "End": true}}}}}}"#,
        "x".repeat(1_048_576)
    );
    let e = Machine::from_str(&big).unwrap_err().to_string();
    assert!(e.contains("AWS accepts at most 1 MB"), "{}", &e[..e.len().min(300)]);
}

#[test]
fn array_unique_and_string_split_are_linear() {
    let eval = |expr: &str, input: Json| {
        run(
            json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"r.$": expr}, "End": true}}}),
            input,
        )
    };
    let start = Instant::now();
    // 30,000 distinct numbers: 450 million comparisons before.
    let items: Vec<u32> = (0..30_000).chain(0..100).collect();
    let e = eval("States.ArrayUnique($.a)", json!({ "a": items }));
    let unique = e.output.as_ref().and_then(|o| o["r"].as_array().map(Vec::len));
    assert_eq!(unique, Some(30_000), "{:?}", e.cause);
    // 50,000 delimiters over 50,000 characters: 2.5 billion comparisons before.
    let delimiters: String = (0..50_000u32).filter_map(|c| char::from_u32(0x4e00 + c)).collect();
    let e = eval(
        "States.StringSplit($.s, $.d)",
        json!({"s": "a,".repeat(25_000), "d": delimiters + ","}),
    );
    assert_eq!(
        e.output.as_ref().and_then(|o| o["r"].as_array().map(Vec::len)),
        Some(25_000),
        "{:?}",
        e.cause
    );
    assert!(start.elapsed() < Duration::from_secs(10), "{:?}", start.elapsed());
}

// ---------------------------------------------------------------------------
// Class 7: `validate` refuses what CreateStateMachine refuses. Review rows
// 21 and 26.
// ---------------------------------------------------------------------------

#[test]
fn validate_rejects_what_create_state_machine_rejects() {
    let task = |fields: Json| {
        let mut t = json!({"Type": "Task", "Resource": "r", "End": true});
        for (k, v) in fields.as_object().unwrap() {
            t[k] = v.clone();
        }
        json!({"StartAt": "T", "States": {"T": t}})
    };
    let cases = [
        (
            task(json!({"TimeoutSeconds": 0})),
            "States.T.TimeoutSeconds: must be a positive integer",
        ),
        (
            task(json!({"TimeoutSeconds": -1})),
            "States.T.TimeoutSeconds: must be a positive integer",
        ),
        (
            task(json!({"TimeoutSeconds": 1.5})),
            "States.T.TimeoutSeconds: must be an integer from 1 to 99999999",
        ),
        (
            task(json!({"TimeoutSeconds": 100_000_000})),
            "States.T.TimeoutSeconds: must be an integer from 1 to 99999999",
        ),
        (
            task(json!({"TimeoutSeconds": 10, "HeartbeatSeconds": 10})),
            "States.T.HeartbeatSeconds: must be less than TimeoutSeconds (10)",
        ),
        (
            task(json!({"HeartbeatSeconds": 99_999_999})),
            "States.T.HeartbeatSeconds: must be less than TimeoutSeconds (99999999, its default)",
        ),
        (
            task(json!({"TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t"})),
            "States.T.TimeoutSecondsPath: use either TimeoutSeconds or TimeoutSecondsPath",
        ),
        (
            task(json!({"Retry": [{"ErrorEquals": ["X"], "IntervalSeconds": 3.5}]})),
            "States.T.Retry[0].IntervalSeconds: must be an integer from 1 to 99999999",
        ),
        (
            task(json!({"Retry": [{"ErrorEquals": ["X"], "MaxAttempts": 100_000_000}]})),
            "States.T.Retry[0].MaxAttempts: must be an integer from 0 to 99999999",
        ),
        (
            task(json!({"Retry": [{"ErrorEquals": ["X"], "MaxDelaySeconds": 31_622_401}]})),
            "States.T.Retry[0].MaxDelaySeconds: must be an integer from 1 to 31622400",
        ),
        (
            task(json!({"Retry": [{"ErrorEquals": ["X"], "JitterStrategy": "full"}]})),
            "States.T.Retry[0].JitterStrategy: must be \"FULL\" or \"NONE\"",
        ),
        (
            task(json!({"Parameters": {"m.$": "States.Format('{} and {}', $.a)"}})),
            "States.Format: the template has 2 placeholder(s) but 1 argument(s) follow it",
        ),
        (
            task(json!({"Parameters": {"m.$": "States.ArrayLength($.a, $.b)"}})),
            "States.ArrayLength takes 1 argument(s), got 2",
        ),
        (
            json!({"StartAt": "P", "TimeoutSeconds": 0, "States": {"P": {"Type": "Pass", "End": true}}}),
            "TimeoutSeconds: must be a positive integer",
        ),
        (
            json!({"StartAt": "P", "TimeoutSeconds": -1, "States": {"P": {"Type": "Pass", "End": true}}}),
            "TimeoutSeconds: must be a positive integer",
        ),
    ];
    for (definition, expected) in cases {
        let e = load_err(&definition);
        assert!(e.contains(expected), "missing {expected:?} in\n{e}");
    }
    // With its line, from text.
    let text = "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"r\",\n  \"TimeoutSeconds\": 10,\n  \"HeartbeatSeconds\": 20,\n  \"End\": true}}}";
    let e = Machine::from_str(text).unwrap_err().to_string();
    assert!(
        e.contains("line 3: States.T.HeartbeatSeconds: must be less than TimeoutSeconds (10)"),
        "{e}"
    );
    // The limits themselves are accepted.
    load(task(
        json!({"TimeoutSeconds": 99_999_999, "HeartbeatSeconds": 99_999_998,
        "Retry": [{"ErrorEquals": ["X"], "IntervalSeconds": 99_999_999, "MaxAttempts": 0, "MaxDelaySeconds": 31_622_400, "JitterStrategy": "NONE"}]}),
    ));
}

#[test]
fn choice_rules_read_large_data_without_copying_it() {
    // A Choice looping over ~200 KB of input to the event quota: each rule
    // evaluation used to copy the value its Variable selects (25,000 copies,
    // gigabytes, 13.8 s in release); now it borrows it.
    let definition = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.pad", "IsPresent": true, "Next": "C"}], "Default": "E"},
        "E": {"Type": "Succeed"}}});
    let machine = load(definition);
    let input = json!({"pad": "x".repeat(200_000)});
    let (e, bytes) = allocated_by(|| Runner::new().history_limit(10).run(&machine, input));
    assert_eq!(e.error.as_deref(), Some("States.Runtime"));
    assert!(
        e.cause.as_deref().unwrap_or_default().contains("25000 history events"),
        "{:?}",
        e.cause
    );
    assert!(
        bytes < 256 * 1024 * 1024,
        "the loop allocated {bytes} bytes: values were copied per evaluation"
    );
}

#[test]
fn a_forgetting_sns_handler_keeps_no_message() {
    let definition = json!({"StartAt": "P", "States": {
        "P": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {"TopicArn": "t", "Message.$": "$.pad"}, "ResultPath": null, "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "E"}], "Default": "P"},
        "E": {"Type": "Succeed"}}});
    let machine = load(definition);
    let sns = rcdk_states::SnsPublish::new().forgetting();
    let input = json!({"pad": "x".repeat(100_000)});
    let (e, kept) = retained_by(|| {
        Runner::new()
            .handler(rcdk_states::SNS_PUBLISH, sns.clone())
            .history_limit(10)
            .run(&machine, input)
    });
    assert_eq!(e.error.as_deref(), Some("States.Runtime"));
    assert!(sns.messages().is_empty());
    // Thousands of 100 KB messages were published; none is kept.
    assert!(kept < 16 * 1024 * 1024, "the run keeps {kept} bytes");
}
