//! Soak: every conformance case's definition (`tests/conformance/*.json`,
//! built as `conformance.rs` builds it, with its handlers and mocks) runs
//! on many random inputs from a seeded generator: the case's own input
//! mutated, random JSON, and values at the edges of the limits (payloads
//! just under and over 256 KiB, nesting just under and over 127 levels).
//! Every run must end without panicking, with its history within the
//! 25,000-event quota, and with every value it shows (output and event
//! details) within the payload quota and the nesting limit; an input over
//! a limit fails with the error AWS raises. A counting allocator measures
//! the memory each run holds at its peak, which must stay under
//! [`PEAK_BOUND`].
//!
//! Deterministic: the inputs come from fixed seeds, so a failure names the
//! case and input number that reproduce it. The cases are split between a
//! few tests, so the test threads share the work.
//!
//! `SOAK_PROFILE=1` prints each case's time and allocations.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::{BTreeSet, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

mod common;

use common::{definition, runner};
use rcdk_states::limits::{MAX_DEPTH, MAX_PAYLOAD_BYTES};
use rcdk_states::*;
use serde_json::{json, Map, Value as Json};

// ---------------------------------------------------------------------------
// Memory: a counting allocator, per thread (each test runs on its own).
// ---------------------------------------------------------------------------

struct Counting;

thread_local! {
    /// Bytes this thread has allocated and not freed.
    static HELD: Cell<isize> = const { Cell::new(0) };
    /// The most `HELD` has been since [`peak_of`] last reset it.
    static PEAK: Cell<isize> = const { Cell::new(0) };
    /// Bytes this thread has allocated in all, freed or not: a measure of
    /// work that, unlike time, is the same on every machine.
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
}

fn count(delta: isize) {
    // A thread being torn down may have no thread-locals left: skip it.
    if delta > 0 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + delta as u64));
    }
    let _ = HELD.try_with(|h| {
        let now = h.get() + delta;
        h.set(now);
        let _ = PEAK.try_with(|p| {
            if now > p.get() {
                p.set(now);
            }
        });
    });
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

fn held() -> isize {
    HELD.with(Cell::get)
}

fn allocated() -> u64 {
    ALLOCATED.with(Cell::get)
}

/// What `f` returned, and the most memory this thread held while `f` ran
/// beyond what it held before.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, isize) {
    let before = held();
    PEAK.with(|p| p.set(before));
    let out = f();
    (out, PEAK.with(Cell::get) - before)
}

/// The most memory one run may hold at its peak, input and result included:
/// the heaviest case (a branch that doubles its data past the payload
/// quota) holds under 20 MiB; a run that copied its data once per event
/// would hold gigabytes.
const PEAK_BOUND: isize = 128 << 20;

// ---------------------------------------------------------------------------
// The cases, as `conformance.rs` runs them.
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Random inputs
// ---------------------------------------------------------------------------

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NUMBERS: &[f64] = &[
    0.0,
    1.0,
    -1.0,
    2.0,
    0.5,
    -0.5,
    3.7,
    1e30,
    -1e30,
    1e308,
    1e-300,
    99_999_999.0,
    100_000_000.0,
    31_622_401.0,
];

const STRINGS: &[&str] = &[
    "",
    "a",
    "a,b,c",
    "x*y",
    "{}",
    "\\{}",
    "é\u{1F600}",
    "\u{0}\r\n\t",
    "\"q\"",
    "$.a",
    "States.Format('{}', $.a)",
    "[1, {\"a\": null}]",
    "{\"k\": \"v\"}",
    "SGVsbG8=",
    "2016-03-14T01:59:00Z",
    "2024-01-01T00:00:00.000Z",
    "9999-12-31T23:59:59Z",
    "2024-02-30T00:00:00Z",
    "MD5",
    "SHA-256",
];

/// The object keys an input should use to reach the case's paths: its own
/// input's keys, every name in the definition's paths, and a few more.
fn key_pool(case: &Json, def: &Json) -> Vec<String> {
    let mut keys = BTreeSet::new();
    for k in ["a", "b", "items", "n", "s"] {
        keys.insert(k.to_owned());
    }
    let mut stack = vec![&case["input"], def];
    while let Some(v) = stack.pop() {
        match v {
            Json::Object(m) => {
                for (k, v) in m {
                    keys.insert(k.trim_end_matches(".$").to_owned());
                    stack.push(v);
                }
            }
            Json::Array(a) => stack.extend(a),
            Json::String(s) if s.contains('$') => {
                for word in s.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')) {
                    if !word.is_empty() && !word.starts_with("States") {
                        keys.insert(word.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    keys.into_iter().collect()
}

struct Gen<'a> {
    rng: Rng,
    keys: &'a [String],
}

impl Gen<'_> {
    fn scalar(&mut self) -> Json {
        match self.rng.below(8) {
            0 => Json::Null,
            1 => Json::Bool(self.rng.chance(2)),
            2 => json!(self.rng.below(2000) as i64 - 1000),
            3 => self
                .rng
                .pick(&[json!(i64::MAX), json!(i64::MIN), json!(u64::MAX), json!(0)])
                .clone(),
            4 => serde_json::Number::from_f64(*self.rng.pick(NUMBERS)).map_or(Json::Null, Json::Number),
            5 => json!(self.rng.pick(STRINGS)),
            6 => json!(self.key()),
            _ => {
                let n = self.rng.below(24);
                let s: String = (0..n)
                    .map(|_| char::from_u32(self.rng.below(0x250) as u32).unwrap_or('?'))
                    .collect();
                json!(s)
            }
        }
    }

    fn key(&mut self) -> String {
        self.rng.pick(self.keys).clone()
    }

    /// A random value of at most `depth` levels and about `size` nodes.
    fn value(&mut self, depth: usize, size: &mut usize) -> Json {
        if depth == 0 || *size == 0 || self.rng.chance(3) {
            return self.scalar();
        }
        *size -= 1;
        let n = self.rng.below(5);
        if self.rng.chance(2) {
            Json::Array((0..n).map(|_| self.value(depth - 1, size)).collect())
        } else {
            let mut m = Map::new();
            for _ in 0..n {
                let k = self.key();
                let v = self.value(depth - 1, size);
                m.insert(k, v);
            }
            Json::Object(m)
        }
    }

    /// `v` with some of its parts replaced, removed or added to.
    fn mutate(&mut self, v: &Json, depth: usize) -> Json {
        if self.rng.chance(6) {
            return self.value(3, &mut 20);
        }
        match v {
            Json::Object(m) if depth < 40 => {
                let mut out = Map::new();
                for (k, v) in m {
                    if !self.rng.chance(8) {
                        out.insert(k.clone(), self.mutate(v, depth + 1));
                    }
                }
                if self.rng.chance(3) {
                    let k = self.key();
                    out.insert(k, self.value(3, &mut 10));
                }
                Json::Object(out)
            }
            Json::Array(a) if depth < 40 => {
                let mut out: Vec<Json> = a.iter().map(|v| self.mutate(v, depth + 1)).collect();
                if self.rng.chance(3) {
                    out.push(self.value(2, &mut 5));
                }
                if self.rng.chance(5) && !out.is_empty() {
                    out.remove(self.rng.below(out.len()));
                }
                Json::Array(out)
            }
            other => other.clone(),
        }
    }

    /// `inner` inside `levels` arrays or objects.
    fn nest(&mut self, inner: Json, levels: usize) -> Json {
        let mut v = inner;
        for _ in 0..levels {
            v = if self.rng.chance(2) {
                Json::Array(vec![v])
            } else {
                let mut m = Map::new();
                m.insert(self.key(), v);
                Json::Object(m)
            };
        }
        v
    }

    /// An input: mostly the case's own, mutated; sometimes random, large or deep.
    fn input(&mut self, case_input: &Json, i: usize) -> Json {
        match i % 50 {
            // Within a few bytes of the payload quota, either side.
            0 => {
                let target = MAX_PAYLOAD_BYTES - 64 + self.rng.below(128);
                let mut v = self.mutate(case_input, 0);
                if !v.is_object() {
                    v = json!({"v": v});
                }
                let k = self.key();
                let used = serde_json::to_string(&v).map_or(0, |s| s.len());
                let extra = used + k.len() + 6;
                v[k.as_str()] = json!("x".repeat(target.saturating_sub(extra)));
                v
            }
            // A list of items near the quota, either side (a list a Map
            // state may iterate over).
            1 => {
                let n = 500 + self.rng.below(1500);
                let item_bytes = (MAX_PAYLOAD_BYTES - 64 + self.rng.below(128)) / n;
                let mut v = self.mutate(case_input, 0);
                if !v.is_object() {
                    v = json!({"v": v});
                }
                let k = self.key();
                v[k.as_str()] = Json::Array(vec![json!("y".repeat(item_bytes.saturating_sub(3))); n]);
                v
            }
            // Nesting near the limit, either side, around the case's input.
            2 | 3 => {
                let levels = MAX_DEPTH - 12 + self.rng.below(16);
                let inner = self.mutate(case_input, 0);
                self.nest(inner, levels)
            }
            4..=9 => self.value(6, &mut 60),
            _ => self.mutate(case_input, 0),
        }
    }
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

/// The length of `v` as compact JSON, stopping once past `limit`, and its
/// depth; without recursion.
fn size_and_depth(v: &Json, limit: usize) -> (usize, usize) {
    let mut bytes = 0usize;
    let mut deepest = 0usize;
    let mut stack = vec![(v, 1usize)];
    while let Some((v, d)) = stack.pop() {
        if bytes > limit {
            break;
        }
        match v {
            Json::Array(a) => {
                deepest = deepest.max(d);
                bytes += 2 + a.len().saturating_sub(1);
                stack.extend(a.iter().map(|x| (x, d + 1)));
            }
            Json::Object(m) => {
                deepest = deepest.max(d);
                bytes += 2 + m.len().saturating_sub(1);
                for (k, x) in m {
                    bytes += string_bytes(k) + 1;
                    stack.push((x, d + 1));
                }
            }
            Json::String(s) => bytes += string_bytes(s),
            scalar => bytes += scalar.to_string().len(),
        }
    }
    (bytes, deepest)
}

/// A string's length as a JSON string literal, with its quotes and escapes.
fn string_bytes(s: &str) -> usize {
    if !needs_escapes(s.as_bytes()) {
        return s.len() + 2;
    }
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | 0x08 | 0x09 | 0x0a | 0x0c | 0x0d => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// Whether any byte is a control character, `"` or `\\`: eight bytes at a
/// time, since this test runs unoptimized and the soak measures megabytes
/// of long strings.
fn needs_escapes(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().unwrap());
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
        if control || has_zero(x ^ (ONES * u64::from(b'"'))) || has_zero(x ^ (ONES * u64::from(b'\\'))) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\')
}

fn within_limits(v: &Json) -> Result<(), String> {
    let (bytes, depth) = size_and_depth(v, MAX_PAYLOAD_BYTES);
    if bytes > MAX_PAYLOAD_BYTES || depth > MAX_DEPTH {
        return Err(format!("{bytes} bytes nested {depth} deep"));
    }
    Ok(())
}

/// What every run must satisfy; `input_verdict` is the error an input over
/// a limit must fail with, and `None` for an input within the limits, which
/// must not be refused (the near-quota inputs are within 64 bytes of it).
fn check_run(e: &Execution, input_verdict: Option<&str>) -> Result<(), String> {
    if e.history.len() > MAX_EVENTS || e.history.last().is_some_and(|ev| ev.id > MAX_EVENTS) {
        return Err(format!(
            "{} events, the last numbered {:?}",
            e.history.len(),
            e.history.last().map(|ev| ev.id)
        ));
    }
    match input_verdict {
        Some(want) if e.status != Status::Failed || e.error.as_deref() != Some(want) => {
            return Err(format!(
                "an input over a limit: expected {want}, got {:?} {:?}",
                e.status, e.error
            ));
        }
        None if e.cause.as_deref().is_some_and(|c| c.starts_with("The execution input")) => {
            return Err(format!("an input within the limits was refused: {:?}", e.cause));
        }
        _ => {}
    }
    match (&e.status, &e.output) {
        (Status::Succeeded, Some(out)) => within_limits(out).map_err(|m| format!("the output: {m}"))?,
        (Status::Succeeded, None) => return Err("succeeded without an output".into()),
        (_, Some(_)) => return Err(format!("{} with an output", e.status.as_str())),
        (_, None) => {}
    }
    // Events share their values: each distinct one is measured once.
    let mut seen = HashSet::new();
    for ev in &e.history {
        for (k, v) in &ev.details {
            if seen.insert(std::sync::Arc::as_ptr(v)) {
                within_limits(v).map_err(|m| format!("event {} {} {k}: {m}", ev.id, ev.event_type))?;
            }
        }
    }
    Ok(())
}

/// The totals of one file's soak.
#[derive(Default)]
struct Totals {
    cases: usize,
    runs: usize,
    failed_runs: usize,
    peak: isize,
    peak_at: String,
    most_events: usize,
    /// Inputs over the payload quota, and nested deeper than the limit.
    over_quota: usize,
    too_deep: usize,
}

/// Inputs per case, at most.
const INPUTS: usize = 200;

/// Inputs per case, at least.
const MIN_INPUTS: usize = 25;

/// The bytes a case's runs may allocate in all before it stops short of
/// [`INPUTS`] (after [`MIN_INPUTS`]): a bound on the work of the cases
/// whose every run builds large values (a case that doubles its data to
/// the quota), counted in bytes rather than time so the inputs each case
/// runs are the same on every machine.
const WORK_PER_CASE: u64 = 300 << 20;

/// Every conformance case, as (file, case), in a fixed order.
fn all_cases() -> Vec<(String, Json)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut out = Vec::new();
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let cases: Vec<Json> = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        out.extend(cases.into_iter().map(|c| (name.clone(), c)));
    }
    out
}

/// How many tests share the cases (the test threads run them side by side).
const SHARDS: usize = 4;

/// Soaks every `SHARDS`-th case, from the `shard`-th.
fn soak(shard: usize) {
    let started = Instant::now();
    let mut totals = Totals::default();
    let mut problems = Vec::new();
    let profile = std::env::var_os("SOAK_PROFILE").is_some();
    for (c, (file, case)) in all_cases().iter().enumerate().filter(|(c, _)| c % SHARDS == shard) {
        let name = case["name"].as_str().unwrap_or("?");
        let def = definition(case);
        let machine = Machine::from_json(&def).unwrap_or_else(|e| panic!("{file}: {name}: does not load: {e}"));
        let keys = key_pool(case, &def);
        let mut gen = Gen {
            rng: Rng(0x5EED_0000 ^ c as u64),
            keys: &keys,
        };
        totals.cases += 1;
        let case_started = Instant::now();
        let case_work = allocated();
        for i in 0..INPUTS {
            if i >= MIN_INPUTS && allocated() - case_work > WORK_PER_CASE {
                break;
            }
            let input = gen.input(&case["input"], i);
            let (bytes, depth) = size_and_depth(&input, MAX_PAYLOAD_BYTES);
            let verdict = if bytes > MAX_PAYLOAD_BYTES {
                Some("States.DataLimitExceeded")
            } else if depth > MAX_DEPTH {
                Some("States.Runtime")
            } else {
                None
            };
            match verdict {
                Some("States.DataLimitExceeded") => totals.over_quota += 1,
                Some(_) => totals.too_deep += 1,
                None => {}
            }
            let seed = gen.rng.next();
            let r = runner(case).seed(seed);
            let (outcome, peak) = peak_of(|| catch_unwind(AssertUnwindSafe(|| r.run(&machine, input.clone()))));
            totals.runs += 1;
            if peak > totals.peak {
                totals.peak = peak;
                totals.peak_at = format!("{file}: {name} #{i}");
            }
            let where_ = format!("{file}: {name}: input #{i} ({bytes} bytes, {depth} deep)");
            match outcome {
                Err(_) => problems.push(format!("{where_}: panicked")),
                Ok(e) => {
                    totals.most_events = totals.most_events.max(e.history.len());
                    if e.status != Status::Succeeded {
                        totals.failed_runs += 1;
                    }
                    if let Err(m) = check_run(&e, verdict) {
                        problems.push(format!("{where_}: {m}"));
                    }
                    if peak > PEAK_BOUND {
                        problems.push(format!("{where_}: held {peak} bytes at its peak (bound {PEAK_BOUND})"));
                    }
                    // Every tenth input runs twice: the interpreter is
                    // deterministic for a seed.
                    if i % 10 == 5 && runner(case).seed(seed).run(&machine, input.clone()) != e {
                        problems.push(format!("{where_}: two runs differ"));
                    }
                }
            }
        }
        if profile {
            eprintln!(
                "soak: {:.3} s, {} MiB allocated: {file}: {name}",
                case_started.elapsed().as_secs_f64(),
                (allocated() - case_work) >> 20,
            );
        }
    }
    eprintln!(
        "soak shard {shard}/{SHARDS}: {} cases, {} runs ({} ended failed, as their inputs make them), \
         {} inputs over the payload quota and {} too deep, peak {:.1} MiB ({}), at most {} events, {:.1} s",
        totals.cases,
        totals.runs,
        totals.failed_runs,
        totals.over_quota,
        totals.too_deep,
        totals.peak as f64 / (1 << 20) as f64,
        totals.peak_at,
        totals.most_events,
        started.elapsed().as_secs_f64()
    );
    assert!(totals.cases > 0, "no conformance cases found");
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn soak_shard_0() {
    soak(0);
}

#[test]
fn soak_shard_1() {
    soak(1);
}

#[test]
fn soak_shard_2() {
    soak(2);
}

#[test]
fn soak_shard_3() {
    soak(3);
}

/// The soak's own measure agrees with `serde_json`.
#[test]
fn measures_as_serde_json_writes() {
    let mut strings: Vec<String> = STRINGS.iter().map(|s| s.to_string()).collect();
    for i in 0..20 {
        for c in ['"', '\\', '\u{1f}', '\n', ' ', '~', 'é'] {
            let mut s = "x".repeat(i);
            s.push(c);
            s += &"y".repeat(i % 9);
            strings.push(s);
        }
    }
    for s in &strings {
        assert_eq!(string_bytes(s), serde_json::to_string(s).unwrap().len(), "{s:?}");
    }
    let v = json!({"a": [1, 2.5, null, true, "x\"y"], "é\n": {"k": []}, "": {}});
    assert_eq!(
        size_and_depth(&v, usize::MAX),
        (serde_json::to_string(&v).unwrap().len(), 3)
    );
}
