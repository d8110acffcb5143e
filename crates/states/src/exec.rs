//! The interpreter: runs a [`Machine`] on an input, with the input and output
//! processing, errors, retries and catches of AWS Step Functions, on a
//! virtual clock so Wait states and retry intervals take no real time.
//!
//! Everything a user controls is bounded (see [the crate docs](crate#limits)):
//! every value a state makes is checked against the payload quota and the
//! nesting limit before it is kept; values flow between states and into the
//! history as shared [`Arc`]s, never copied; the clock saturates and stops
//! at the execution's deadline; every event, retry attempt included, counts
//! against [`MAX_EVENTS`].

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::{json, Map, Value as Json};

use crate::definition::{Catcher, FailPath, IoPath, Kind, Machine, ResultPath, Retrier, State, WaitFor};
use crate::handlers::{MockResult, Mocks, TaskCall, TaskError, TaskHandler, TaskOutcome};
use crate::history::{Event, Execution, Status};
use crate::intrinsics::EvalError;
use crate::limits::{self, measure, TooBig, MAX_DEPTH, MAX_EXECUTION_SECONDS, MAX_PAYLOAD_BYTES, MAX_SECONDS};
use crate::path::{Context, JsonPath};
use crate::rng::Rng;
use crate::time::{format_timestamp, parse_timestamp};

/// The most events an execution may have (the Step Functions quota);
/// a definition that loops forever fails instead of hanging. Every state
/// entered and left, task scheduled, retry attempt and Map iteration counts;
/// the event that ends the execution is the last one it may have.
pub const MAX_EVENTS: usize = 25_000;

/// Runs state machines locally.
///
/// ```
/// use rcdk_states::{Machine, Runner, Status};
/// let m = Machine::from_str(r#"{"StartAt": "Hi", "States": {"Hi": {"Type": "Pass", "Result": "hello", "End": true}}}"#).unwrap();
/// let run = Runner::new().run(&m, serde_json::json!({}));
/// assert_eq!(run.status, Status::Succeeded);
/// assert_eq!(run.output, Some(serde_json::json!("hello")));
/// ```
pub struct Runner {
    handlers: Vec<(String, Box<dyn TaskHandler>)>,
    mocks: Mocks,
    seed: u64,
    start_time: i128,
    name: String,
    history_limit: usize,
}

impl Default for Runner {
    fn default() -> Self {
        Runner::new()
    }
}

/// A value flowing through an execution, shared with the events that show it.
type Data = Arc<Json>;

/// The Map iteration a state runs in: its index and item.
type Item<'a> = Option<(usize, &'a Json)>;

/// A failure inside a state: an error name and a cause. A Fail state
/// without `Error` or `Cause` leaves them absent, as AWS does (null, not "").
#[derive(Clone, Debug)]
struct Failure {
    error: Option<String>,
    cause: Option<String>,
}

fn failure(error: &str, cause: impl Into<String>) -> Failure {
    Failure {
        error: Some(error.to_owned()),
        cause: Some(cause.into()),
    }
}

/// `what` is over the payload quota: AWS's `States.DataLimitExceeded`.
fn data_limit(what: &str) -> Failure {
    failure(
        "States.DataLimitExceeded",
        format!("{what} is larger than the payload quota of {MAX_PAYLOAD_BYTES} bytes (256 KiB)"),
    )
}

/// `what` nests deeper than data may: a limit of rcdk-states, not of AWS,
/// so `States.Runtime`.
fn too_deep(what: &str) -> Failure {
    failure(
        "States.Runtime",
        format!("{what} nests arrays and objects more than {MAX_DEPTH} levels deep, the most rcdk-states handles"),
    )
}

/// `v`, if within the payload quota and the nesting limit. A value over
/// them is taken apart without recursion, however deep it is.
fn check(v: Data, what: impl FnOnce() -> String) -> Result<Data, Failure> {
    let problem = match measure(&v, MAX_PAYLOAD_BYTES) {
        Ok(_) => return Ok(v),
        Err(TooBig::Bytes) => data_limit(&what()),
        Err(TooBig::Depth) => too_deep(&what()),
    };
    if let Ok(v) = Arc::try_unwrap(v) {
        limits::drop_deep(v);
    }
    Err(problem)
}

impl Failure {
    /// The failure's present fields, under `error_key` and `cause_key`
    /// (`Error`/`Cause` in a catcher's output).
    fn fields(&self, error_key: &str, cause_key: &str) -> Map<String, Json> {
        let mut m = Map::new();
        if let Some(e) = &self.error {
            m.insert(error_key.to_owned(), json!(e));
        }
        if let Some(c) = &self.cause {
            m.insert(cause_key.to_owned(), json!(c));
        }
        m
    }

    /// The failure's present fields as event details (`error`, `cause`).
    fn details(&self) -> IndexMap<String, Data> {
        self.fields("error", "cause")
            .into_iter()
            .map(|(k, v)| (k, Arc::new(v)))
            .collect()
    }

    /// The execution's own deadline passed (not a task's).
    fn is_execution_timeout(&self) -> bool {
        self.error.as_deref() == Some("States.Timeout")
            && self.cause.as_deref().is_some_and(|c| c.starts_with("The execution"))
    }
}

struct Ctx<'r> {
    runner: &'r Runner,
    clock: i128,
    /// When the execution times out: its `TimeoutSeconds`, or the year an
    /// execution may run, after the start. The clock never passes it.
    deadline: i128,
    /// Why the execution times out at the deadline.
    deadline_cause: &'static str,
    rng: Rng,
    /// The last `history_limit` events.
    events: VecDeque<Event>,
    /// Every event recorded, kept or not.
    recorded: usize,
    calls: HashMap<String, u32>,
    /// The context object's `Execution`, shared by every state's context.
    execution: Arc<Json>,
    /// The last value a template or task made and [`check`] passed: a
    /// state's output is often that very value, and need not be measured
    /// again. Held (not just its address) so its identity stays unique.
    checked: Option<Data>,
}

enum Step<'m> {
    Next(&'m str, Data),
    Succeed(Data),
    Fail(Failure),
}

const NANOS: i128 = 1_000_000_000;

/// `seconds` on the clock, in nanoseconds: 0 for a negative or NaN value,
/// and a huge or infinite one saturates (and so passes any deadline).
fn nanos(seconds: f64) -> i128 {
    if seconds.is_nan() || seconds <= 0.0 {
        0
    } else {
        // `as` saturates at i128::MAX.
        (seconds * 1e9) as i128
    }
}

/// An integer number of seconds from 0 to [`MAX_SECONDS`], as a `SecondsPath`
/// or `TimeoutSecondsPath` must select.
fn seconds_value(v: &Json) -> Option<u64> {
    let f = v.as_f64().filter(|f| f.fract() == 0.0)?;
    (0.0..=MAX_SECONDS as f64).contains(&f).then_some(f as u64)
}

/// Event details from pairs.
fn details<const N: usize>(pairs: [(&str, Data); N]) -> IndexMap<String, Data> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

impl Runner {
    /// A runner with no handlers (every Task fails unless mocked or handled).
    pub fn new() -> Runner {
        Runner {
            handlers: Vec::new(),
            mocks: Mocks::new(),
            seed: 1,
            start_time: parse_timestamp("2024-01-01T00:00:00Z").unwrap_or(0),
            name: "local".into(),
            history_limit: usize::MAX,
        }
    }

    /// Handles Task states whose resource is `resource` (suffixes such as
    /// `.sync` or `.waitForTaskToken` are ignored when matching).
    pub fn handler(mut self, resource: &str, handler: impl TaskHandler + 'static) -> Runner {
        self.handlers.push((resource.to_owned(), Box::new(handler)));
        self
    }

    /// Mocked results, which win over handlers.
    pub fn mocks(mut self, mocks: Mocks) -> Runner {
        self.mocks = mocks;
        self
    }

    /// Seeds `States.UUID`, `States.MathRandom` and retry jitter.
    pub fn seed(mut self, seed: u64) -> Runner {
        self.seed = seed;
        self
    }

    /// The execution's virtual start time (RFC 3339).
    pub fn start_time(mut self, timestamp: &str) -> Runner {
        if let Some(t) = parse_timestamp(timestamp) {
            self.start_time = t;
        }
        self
    }

    /// The execution's name (in the context object).
    pub fn name(mut self, name: &str) -> Runner {
        self.name = name.to_owned();
        self
    }

    /// Keeps only the last `events` events in [`Execution::history`] (by
    /// default, all of them). Every event still counts against
    /// [`MAX_EVENTS`] and keeps its number; what the history holds, and so
    /// an execution's memory, is then at most `events` events' data.
    ///
    /// ```
    /// use rcdk_states::{Machine, Runner};
    /// let m = Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"#).unwrap();
    /// let run = Runner::new().history_limit(2).run(&m, serde_json::json!({}));
    /// let kept: Vec<(usize, &str)> = run.history.iter().map(|e| (e.id, e.event_type.as_str())).collect();
    /// assert_eq!(kept, [(5, "PassStateExited"), (6, "ExecutionSucceeded")]);
    /// ```
    pub fn history_limit(mut self, events: usize) -> Runner {
        self.history_limit = events;
        self
    }

    /// Runs `machine` on `input`. An input over the payload quota fails the
    /// execution with `States.DataLimitExceeded` before any state runs (its
    /// `ExecutionStarted` event then shows no input).
    ///
    /// Mocks for states the definition does not have fail the execution with
    /// `States.Runtime` before any state runs, rather than go unused.
    pub fn run(&self, machine: &Machine, input: Json) -> Execution {
        let mut ctx = Ctx::new(self, machine);
        if let Err(e) = self.mocks.check(machine) {
            ctx.record("ExecutionStarted", None, IndexMap::new());
            return ctx.finish(Err(failure(
                "States.Runtime",
                format!("the mocks do not fit the definition: {e}"),
            )));
        }
        let result = match check(Arc::new(input), || "The execution input".into()) {
            Ok(input) => {
                ctx.execution = Arc::new(self.execution_json(&input));
                ctx.record("ExecutionStarted", None, details([("input", input.clone())]));
                ctx.run_machine(machine, input, None)
            }
            Err(f) => {
                ctx.record("ExecutionStarted", None, IndexMap::new());
                Err(f)
            }
        };
        ctx.finish(result)
    }

    /// The context object's `Execution`.
    fn execution_json(&self, input: &Json) -> Json {
        let mut m = Map::new();
        let id = format!("arn:aws:states:local:000000000000:execution:local:{}", self.name);
        m.insert("Id".into(), json!(id));
        m.insert("Input".into(), input.clone());
        m.insert("Name".into(), json!(self.name));
        m.insert("RoleArn".into(), json!("arn:aws:iam::000000000000:role/local"));
        m.insert("StartTime".into(), json!(format_timestamp(self.start_time)));
        Json::Object(m)
    }
}

impl<'r> Ctx<'r> {
    fn new(runner: &'r Runner, machine: &Machine) -> Ctx<'r> {
        let year = MAX_EXECUTION_SECONDS as f64;
        let (seconds, deadline_cause) = match machine.timeout_seconds {
            Some(t) if t < year => (t, "The execution ran longer than the state machine's TimeoutSeconds."),
            _ => (
                year,
                "The execution ran longer than the maximum execution time of a standard workflow, one year.",
            ),
        };
        Ctx {
            runner,
            clock: runner.start_time,
            deadline: runner.start_time.saturating_add(nanos(seconds)),
            deadline_cause,
            rng: Rng::new(runner.seed),
            events: VecDeque::new(),
            recorded: 0,
            calls: HashMap::new(),
            execution: Arc::new(Json::Null),
            checked: None,
        }
    }

    /// The execution, ended with `result`.
    fn finish(mut self, result: Result<Data, Failure>) -> Execution {
        match result {
            Ok(out) => {
                self.record("ExecutionSucceeded", None, details([("output", out.clone())]));
                Execution {
                    status: Status::Succeeded,
                    output: Some(Json::clone(&out)),
                    error: None,
                    cause: None,
                    history: self.events.into(),
                }
            }
            Err(f) => {
                let timed_out = f.is_execution_timeout();
                let kind = if timed_out {
                    "ExecutionTimedOut"
                } else {
                    "ExecutionFailed"
                };
                self.record(kind, None, f.details());
                Execution {
                    status: if timed_out { Status::TimedOut } else { Status::Failed },
                    output: None,
                    error: f.error,
                    cause: f.cause,
                    history: self.events.into(),
                }
            }
        }
    }

    /// Records an event, whatever the quota: for the events that start and
    /// end the execution.
    fn record(&mut self, kind: &str, state: Option<&str>, details: IndexMap<String, Data>) {
        self.recorded += 1;
        self.events.push_back(Event {
            id: self.recorded,
            timestamp: format_timestamp(self.clock),
            event_type: kind.to_owned(),
            state: state.map(str::to_owned),
            details,
        });
        if self.events.len() > self.runner.history_limit {
            self.events.pop_front();
        }
    }

    /// Records an event of the execution's course, if the quota leaves room.
    fn event<const N: usize>(
        &mut self,
        kind: &str,
        state: Option<&str>,
        pairs: [(&str, Data); N],
    ) -> Result<(), Failure> {
        self.check_quota()?;
        self.record(kind, state, details(pairs));
        Ok(())
    }

    /// Fails once one more event would leave no room for the one that ends
    /// the execution.
    fn check_quota(&self) -> Result<(), Failure> {
        if self.recorded + 1 >= MAX_EVENTS {
            return Err(failure(
                "States.Runtime",
                format!("The execution reached {MAX_EVENTS} history events, the Step Functions quota (is the definition looping forever?)"),
            ));
        }
        Ok(())
    }

    /// The context object of state `name` (built only if a `$$` path reads it).
    fn scope<'a>(&self, name: &'a str, entered: i128, retry_count: u32, map_item: Item<'a>) -> Context<'a> {
        let execution = Arc::clone(&self.execution);
        Context::lazy(move || context_json(&execution, name, entered, retry_count, map_item))
    }

    /// Moves the clock `seconds` on.
    fn advance(&mut self, seconds: f64) -> Result<(), Failure> {
        self.advance_to(self.clock.saturating_add(nanos(seconds)))
    }

    /// Moves the clock to `until` (if later); past the deadline the execution
    /// times out, and the clock stops at the deadline.
    fn advance_to(&mut self, until: i128) -> Result<(), Failure> {
        if until > self.deadline {
            self.clock = self.deadline;
            return Err(failure("States.Timeout", self.deadline_cause));
        }
        self.clock = self.clock.max(until);
        Ok(())
    }

    fn run_machine(&mut self, m: &Machine, input: Data, map_item: Item) -> Result<Data, Failure> {
        let mut current = m.start_at.as_str();
        let mut data = input;
        loop {
            self.check_quota()?;
            let Some(state) = m.states.get(current) else {
                return Err(failure("States.Runtime", format!("no state named {current:?}")));
            };
            match self.run_state(current, state, data, map_item)? {
                Step::Next(next, out) => {
                    current = next;
                    data = out;
                }
                Step::Succeed(out) => return Ok(out),
                Step::Fail(f) => return Err(f),
            }
        }
    }

    fn run_state<'m>(&mut self, name: &str, state: &'m State, raw: Data, map_item: Item) -> Result<Step<'m>, Failure> {
        let entered = self.clock;
        let t = &state.type_name;
        self.event(&format!("{t}StateEntered"), Some(name), [("input", raw.clone())])?;
        let (flow, out) = match self.state_result(name, state, &raw, entered, map_item) {
            Ok(done) => done,
            // Task, Parallel and Map may catch; other states fail the execution.
            Err(f) => match catcher(&state.catch, f.error.as_deref()) {
                Some(c) => (Flow::Next(c.next.as_str()), caught(c, &raw, &f)?),
                None => return Err(f),
            },
        };
        // The input, passed on as it came, was checked when it was made; so
        // was a template's or a task's result.
        let made_checked = self.checked.take().is_some_and(|c| Arc::ptr_eq(&c, &out));
        let out = if made_checked || Arc::ptr_eq(&out, &raw) {
            out
        } else {
            check(out, || format!("The output of state {name:?}"))?
        };
        self.event(&format!("{t}StateExited"), Some(name), [("output", out.clone())])?;
        Ok(match flow {
            Flow::Next(n) => Step::Next(n, out),
            Flow::End => Step::Succeed(out),
            Flow::Fail(f) => Step::Fail(f),
        })
    }

    /// Runs one state: returns where to go and the state's output.
    fn state_result<'m>(
        &mut self,
        name: &str,
        state: &'m State,
        raw: &Data,
        entered: i128,
        map_item: Item,
    ) -> Result<(Flow<'m>, Data), Failure> {
        let scope = self.scope(name, entered, 0, map_item);
        let effective = select_io(&state.input_path, raw, &scope, "InputPath")?;
        let next = match &state.next {
            Some(n) => Flow::Next(n.as_str()),
            None => Flow::End,
        };
        let output = |out: &Data| select_io(&state.output_path, out, &scope, "OutputPath");
        match &state.kind {
            Kind::Pass { result } => {
                let value = match (result, &state.parameters) {
                    (Some(r), _) => Arc::new(r.clone()),
                    (None, Some(p)) => self.template(p, &effective, &scope, name, "Parameters")?,
                    (None, None) => effective.clone(),
                };
                let out = apply_result_path(&state.result_path, raw, value)?;
                Ok((next, output(&out)?))
            }
            Kind::Succeed => Ok((Flow::End, output(&effective)?)),
            Kind::Fail {
                error,
                cause,
                error_path,
                cause_path,
            } => {
                let f = Failure {
                    error: self.fail_field(error, error_path, "ErrorPath", raw, &scope)?,
                    cause: self.fail_field(cause, cause_path, "CausePath", raw, &scope)?,
                };
                Ok((Flow::Fail(f), Arc::new(Json::Null)))
            }
            Kind::Choice { choices, default } => {
                let next = choose(name, choices, default.as_deref(), &effective, &scope)?;
                Ok((Flow::Next(next), output(&effective)?))
            }
            Kind::Wait(w) => {
                let until = self.wait_until(w, &effective, &scope)?;
                self.advance_to(until)?;
                Ok((next, output(&effective)?))
            }
            _ => {
                let result = self.with_retries(name, state, &effective, entered, map_item)?;
                let result = match &state.result_selector {
                    Some(sel) => self.template(sel, &result, &scope, name, "ResultSelector")?,
                    None => result,
                };
                let out = apply_result_path(&state.result_path, raw, result)?;
                Ok((next, output(&out)?))
            }
        }
    }

    /// When a Wait state ends: `Seconds` or `SecondsPath` from now (an
    /// integer from 0 to 99,999,999, as the Wait state docs say), or a
    /// timestamp. A time past the deadline times the execution out.
    fn wait_until(&self, w: &WaitFor, effective: &Json, scope: &Context) -> Result<i128, Failure> {
        match w {
            WaitFor::Seconds(s) => Ok(self.clock.saturating_add(nanos(*s))),
            WaitFor::Timestamp(t) => Ok(parse_timestamp(t).unwrap_or(self.clock)),
            WaitFor::SecondsPath(p) => match select_value(p, effective, scope)?.as_ref().and_then(seconds_value) {
                Some(s) => Ok(self.clock.saturating_add(i128::from(s) * NANOS)),
                None => Err(failure(
                    "States.Runtime",
                    format!("SecondsPath {p} must select an integer from 0 to {MAX_SECONDS}"),
                )),
            },
            WaitFor::TimestampPath(p) => match select_value(p, effective, scope)?
                .as_ref()
                .and_then(Json::as_str)
                .and_then(parse_timestamp)
            {
                Some(t) => Ok(t),
                None => Err(failure(
                    "States.Runtime",
                    format!("TimestampPath {p} must select an RFC 3339 timestamp"),
                )),
            },
        }
    }

    /// The error or cause of a Fail state: its literal, or the string its
    /// path or intrinsic gives on the state's input. Anything else is
    /// `States.Runtime`.
    fn fail_field(
        &mut self,
        literal: &Option<String>,
        source: &Option<FailPath>,
        what: &str,
        raw: &Json,
        scope: &Context,
    ) -> Result<Option<String>, Failure> {
        let value = match source {
            None => return Ok(literal.clone()),
            Some(FailPath::Path(p)) => select_value(p, raw, scope)?.ok_or_else(|| {
                failure(
                    "States.Runtime",
                    format!("{what} {p} selects nothing in the state's input"),
                )
            })?,
            Some(FailPath::Intrinsic(call)) => call.eval_in(raw, scope, &mut self.rng).map_err(|e| match e {
                EvalError::Failed(e) => failure("States.Runtime", format!("{what}: {}", e.0)),
                EvalError::TooLarge(m) => failure("States.DataLimitExceeded", format!("{what}: {m}")),
            })?,
        };
        match value {
            Json::String(s) => Ok(Some(s)),
            other => Err(failure(
                "States.Runtime",
                format!("{what} must give a string, but gave {}", type_name(&other)),
            )),
        }
    }

    /// Runs the work of a Task, Parallel or Map state, retrying as its
    /// retriers say. Returns the raw result.
    fn with_retries(
        &mut self,
        name: &str,
        state: &State,
        effective: &Data,
        entered: i128,
        map_item: Item,
    ) -> Result<Data, Failure> {
        let mut attempts = vec![0u32; state.retry.len()];
        let mut retry_count = 0u32;
        loop {
            // Every attempt counts against the quota, whatever it records.
            self.check_quota()?;
            let scope = self.scope(name, entered, retry_count, map_item);
            let f = match self.work(name, state, effective, &scope, retry_count) {
                Ok(v) => return Ok(v),
                Err(f) => f,
            };
            let Some(i) = state
                .retry
                .iter()
                .position(|r| matches_error(&r.errors, f.error.as_deref()))
            else {
                return Err(f);
            };
            let r = &state.retry[i];
            if attempts[i] >= r.max_attempts {
                return Err(f);
            }
            let delay = self.retry_delay(r, attempts[i]);
            attempts[i] += 1;
            retry_count = retry_count.saturating_add(1);
            self.advance(delay)?;
        }
    }

    /// The wait before retry `attempt + 1`. In floating point: a delay too
    /// long for any clock is infinite, and times the execution out.
    fn retry_delay(&mut self, r: &Retrier, attempt: u32) -> f64 {
        let exponent = i32::try_from(attempt).unwrap_or(i32::MAX);
        let mut delay = r.interval_seconds * r.backoff_rate.powi(exponent);
        if let Some(max) = r.max_delay_seconds {
            delay = delay.min(max);
        }
        if r.full_jitter {
            delay *= self.rng.next_f64();
        }
        delay
    }

    /// One attempt at the work of a Task, Parallel or Map state.
    fn work(
        &mut self,
        name: &str,
        state: &State,
        effective: &Data,
        scope: &Context,
        attempt: u32,
    ) -> Result<Data, Failure> {
        let parameters = |ctx: &mut Ctx| match &state.parameters {
            Some(p) => ctx.template(p, effective, scope, name, "Parameters"),
            None => Ok(effective.clone()),
        };
        match &state.kind {
            Kind::Task {
                resource,
                timeout_seconds,
                timeout_seconds_path,
                heartbeat_seconds,
            } => {
                let params = parameters(self)?;
                let timeout = task_timeout(*timeout_seconds, timeout_seconds_path.as_ref(), effective, scope)?;
                self.event(
                    "TaskScheduled",
                    Some(name),
                    [("resource", Arc::new(json!(resource))), ("parameters", params.clone())],
                )?;
                let outcome = self.call_task(name, resource, &params, attempt);
                let result = self.timed(outcome, timeout, *heartbeat_seconds)?;
                self.task_ended(name, result)
            }
            Kind::Parallel { branches } => {
                let input = parameters(self)?;
                let mut out = Results::new(name);
                for b in branches {
                    out.push(self.run_machine(b, input.clone(), None)?)?;
                }
                Ok(out.done())
            }
            Kind::Map {
                processor,
                items_path,
                item_selector,
                ..
            } => {
                let items = select_io(items_path, effective, scope, "ItemsPath")?;
                self.run_map(name, processor, &items, item_selector.as_ref(), effective)
            }
            _ => Ok(effective.clone()),
        }
    }

    /// A Map state's iterations, one after another.
    fn run_map(
        &mut self,
        name: &str,
        processor: &Machine,
        items: &Json,
        item_selector: Option<&Json>,
        effective: &Json,
    ) -> Result<Data, Failure> {
        let Json::Array(list) = items else {
            return Err(failure(
                "States.Runtime",
                format!("ItemsPath must select a list, found {}", type_name(items)),
            ));
        };
        let mut out = Results::new(name);
        for (i, item) in list.iter().enumerate() {
            let item_scope = self.scope(name, self.clock, 0, Some((i, item)));
            let input = match item_selector {
                Some(sel) => self.template(sel, effective, &item_scope, name, "ItemSelector")?,
                None => Arc::new(item.clone()),
            };
            self.event("MapIterationStarted", Some(name), [("index", Arc::new(json!(i)))])?;
            let r = self.run_machine(processor, input, Some((i, item)))?;
            self.event("MapIterationSucceeded", Some(name), [("index", Arc::new(json!(i)))])?;
            out.push(r)?;
        }
        Ok(out.done())
    }

    /// A task's outcome: its mocked result, or its handler's.
    fn call_task(&mut self, name: &str, resource: &str, params: &Json, attempt: u32) -> TaskOutcome {
        let call_index = {
            let c = self.calls.entry(name.to_owned()).or_insert(0);
            let i = *c;
            *c = c.saturating_add(1);
            i
        };
        match self.runner.mocks.result(name, call_index) {
            Some(MockResult::Return(v)) => TaskOutcome::ok(v),
            Some(MockResult::Throw(e)) => TaskOutcome {
                result: Err(e),
                duration_seconds: 0.0,
            },
            None => match self.runner.handler_for(resource) {
                Some(h) => h.call(&TaskCall {
                    state: name,
                    resource,
                    parameters: params,
                    attempt,
                }),
                None => TaskOutcome::err(
                    "States.Runtime",
                    &format!("no handler or mock for resource {resource:?} (state {name:?}); mock the state or map the integration"),
                ),
            },
        }
    }

    /// The outcome on the clock: a task that took longer than its timeout or
    /// heartbeat fails with `States.Timeout` or `States.HeartbeatTimeout`
    /// when that time is up. A handler's duration that is negative or NaN
    /// counts as none.
    fn timed(
        &mut self,
        outcome: TaskOutcome,
        timeout: f64,
        heartbeat: Option<f64>,
    ) -> Result<Result<Json, TaskError>, Failure> {
        let took = match outcome.duration_seconds {
            d if d.is_nan() => 0.0,
            d => d.max(0.0),
        };
        if took > timeout {
            self.advance(timeout)?;
            return Ok(Err(TaskError {
                error: "States.Timeout".into(),
                cause: format!("The task ran longer than {timeout} seconds."),
            }));
        }
        if let Some(h) = heartbeat.filter(|h| took > *h) {
            self.advance(h)?;
            return Ok(Err(TaskError {
                error: "States.HeartbeatTimeout".into(),
                cause: "No heartbeat was received in time.".into(),
            }));
        }
        self.advance(took)?;
        Ok(outcome.result)
    }

    /// Records how a task ended. A result over the payload quota (or too
    /// deep) fails the task, as AWS fails a connector's oversized output.
    fn task_ended(&mut self, name: &str, result: Result<Json, TaskError>) -> Result<Data, Failure> {
        let checked = match result {
            Ok(v) => check(Arc::new(v), || format!("The result of task {name:?}")),
            Err(e) => Err(Failure {
                error: Some(e.error),
                cause: Some(e.cause),
            }),
        };
        match checked {
            Ok(v) => {
                self.event("TaskSucceeded", Some(name), [("output", v.clone())])?;
                self.checked = Some(v.clone());
                Ok(v)
            }
            Err(f) => {
                self.check_quota()?;
                self.record("TaskFailed", Some(name), f.details());
                Err(f)
            }
        }
    }

    /// Applies a payload template: keys ending in `.$` take the value of a
    /// path or an intrinsic function. The values it takes are counted as
    /// they are added, so a template that would build more than a payload
    /// stops early; the result is checked whole.
    fn template(&mut self, t: &Json, input: &Json, scope: &Context, state: &str, field: &str) -> Result<Data, Failure> {
        let what = || format!("The {field} result of state {state:?}");
        let mut budget = MAX_PAYLOAD_BYTES;
        let v = self.build(t, input, scope, &mut budget, &what)?;
        let v = check(Arc::new(v), what)?;
        self.checked = Some(v.clone());
        Ok(v)
    }

    fn build(
        &mut self,
        t: &Json,
        input: &Json,
        scope: &Context,
        budget: &mut usize,
        what: &dyn Fn() -> String,
    ) -> Result<Json, Failure> {
        match t {
            Json::Object(m) => {
                let mut out = Map::new();
                for (k, v) in m {
                    let (key, value) = match k.strip_suffix(".$") {
                        Some(key) => {
                            let value = self.dynamic_value(k, v.as_str().unwrap_or_default(), input, scope)?;
                            spend(budget, &value, what)?;
                            (key, value)
                        }
                        None => (k.as_str(), self.build(v, input, scope, budget, what)?),
                    };
                    out.insert(key.to_owned(), value);
                }
                Ok(Json::Object(out))
            }
            Json::Array(a) => a
                .iter()
                .map(|v| self.build(v, input, scope, budget, what))
                .collect::<Result<Vec<_>, _>>()
                .map(Json::Array),
            other => Ok(other.clone()),
        }
    }

    /// The value of a template field `k` ending in `.$`: what the path
    /// `expr` selects, or what the intrinsic `expr` returns.
    fn dynamic_value(&mut self, k: &str, expr: &str, input: &Json, scope: &Context) -> Result<Json, Failure> {
        if expr.starts_with("States.") {
            let call = crate::intrinsics::parse(expr).map_err(|e| failure("States.Runtime", e.0))?;
            // The ASL spec names this States.IntrinsicFailure; AWS reports
            // States.Runtime (see the crate docs).
            return call.eval_in(input, scope, &mut self.rng).map_err(|e| match e {
                EvalError::Failed(e) => failure(
                    "States.Runtime",
                    format!(
                        "The intrinsic function in field '{k}' failed: {} (States.IntrinsicFailure in the ASL specification)",
                        e.0
                    ),
                ),
                EvalError::TooLarge(m) => {
                    failure("States.DataLimitExceeded", format!("The intrinsic function in field '{k}' failed: {m}"))
                }
            });
        }
        let p = JsonPath::parse(expr).map_err(|e| failure("States.Runtime", e.to_string()))?;
        // The ASL spec names this States.ParameterPathFailure; AWS reports
        // States.Runtime.
        select_value(&p, input, scope)?.ok_or_else(|| {
            failure(
                "States.Runtime",
                format!(
                    "The JSONPath '{expr}' specified for the field '{k}' could not be found in the input (States.ParameterPathFailure in the ASL specification)"
                ),
            )
        })
    }
}

/// A template's budget, less the size of `value`; over it is
/// `States.DataLimitExceeded`.
fn spend(budget: &mut usize, value: &Json, what: &dyn Fn() -> String) -> Result<(), Failure> {
    match measure(value, *budget) {
        Ok(n) => {
            *budget -= n;
            Ok(())
        }
        Err(TooBig::Bytes) => Err(data_limit(&what())),
        Err(TooBig::Depth) => Err(too_deep(&what())),
    }
}

/// The outputs of a Parallel state's branches or a Map state's iterations,
/// counted against the payload quota as they arrive, so a state whose
/// result would be too large stops at the first output over it.
struct Results<'a> {
    state: &'a str,
    items: Vec<Json>,
    bytes: usize,
}

impl<'a> Results<'a> {
    fn new(state: &'a str) -> Results<'a> {
        Results {
            state,
            items: Vec::new(),
            bytes: 2,
        }
    }

    fn push(&mut self, v: Data) -> Result<(), Failure> {
        let what = || format!("The result of state {:?}", self.state);
        match measure(&v, MAX_PAYLOAD_BYTES.saturating_sub(self.bytes)) {
            Ok(n) => self.bytes += n + 1,
            Err(TooBig::Bytes) => return Err(data_limit(&what())),
            Err(TooBig::Depth) => return Err(too_deep(&what())),
        }
        self.items
            .push(Arc::try_unwrap(v).unwrap_or_else(|shared| Json::clone(&shared)));
        Ok(())
    }

    fn done(self) -> Data {
        Arc::new(Json::Array(self.items))
    }
}

/// The context object of a state.
fn context_json(execution: &Json, state: &str, entered: i128, retry_count: u32, map_item: Item) -> Json {
    let mut c = Map::new();
    c.insert("Execution".into(), execution.clone());
    c.insert(
        "State".into(),
        json!({"EnteredTime": format_timestamp(entered), "Name": state, "RetryCount": retry_count}),
    );
    c.insert(
        "StateMachine".into(),
        json!({"Id": "arn:aws:states:local:000000000000:stateMachine:local", "Name": "local"}),
    );
    if let Some((i, v)) = map_item {
        let mut item = Map::new();
        item.insert("Index".into(), json!(i));
        item.insert("Value".into(), v.clone());
        let mut map = Map::new();
        map.insert("Item".into(), Json::Object(item));
        c.insert("Map".into(), Json::Object(map));
    }
    Json::Object(c)
}

/// The `Next` of the first rule that matches, or the `Default`.
fn choose<'m>(
    name: &str,
    choices: &'m [(crate::choice::Rule, String)],
    default: Option<&'m str>,
    effective: &Json,
    scope: &Context,
) -> Result<&'m str, Failure> {
    for (rule, next) in choices {
        if rule
            .eval_in(effective, scope)
            .map_err(|e| failure("States.Runtime", e.0))?
        {
            return Ok(next);
        }
    }
    // The ASL spec names this States.NoChoiceMatched; AWS reports
    // States.Runtime (see the crate docs).
    default.ok_or_else(|| {
        failure(
            "States.Runtime",
            format!("No Choices rule of state {name:?} matched its input, and the state has no Default (States.NoChoiceMatched in the ASL specification)"),
        )
    })
}

/// A task's timeout: `TimeoutSeconds`, what `TimeoutSecondsPath` selects (a
/// positive integer up to 99,999,999, as the Task state docs say), or the
/// default of 99,999,999.
fn task_timeout(
    seconds: Option<f64>,
    path: Option<&JsonPath>,
    effective: &Json,
    scope: &Context,
) -> Result<f64, Failure> {
    let Some(p) = path else {
        return Ok(seconds.unwrap_or(MAX_SECONDS as f64));
    };
    match select_value(p, effective, scope)?.as_ref().and_then(seconds_value) {
        Some(s) if s >= 1 => Ok(s as f64),
        _ => Err(failure(
            "States.Runtime",
            format!("TimeoutSecondsPath {p} must select an integer from 1 to {MAX_SECONDS}"),
        )),
    }
}

/// What `p` selects; an indefinite path's matches over the payload quota
/// are `States.DataLimitExceeded`, not a copy.
fn select_value(p: &JsonPath, v: &Json, scope: &Context) -> Result<Option<Json>, Failure> {
    p.select_within(v, scope, MAX_PAYLOAD_BYTES).map_err(|why| {
        let what = format!("What {p} selects");
        match why {
            TooBig::Bytes => data_limit(&what),
            TooBig::Depth => too_deep(&what),
        }
    })
}

/// A catcher's output: the error, placed in the state's input by the
/// catcher's `ResultPath`.
fn caught(c: &Catcher, raw: &Data, f: &Failure) -> Result<Data, Failure> {
    let err = Json::Object(f.fields("Error", "Cause"));
    apply_result_path(&c.result_path, raw, Arc::new(err))
}

enum Flow<'m> {
    Next(&'m str),
    End,
    Fail(Failure),
}

impl Runner {
    /// The handler of an integration, in any partition (`arn:aws-cn:...`
    /// finds the handler registered for `arn:aws:...`), with or without its
    /// `.sync`/`.waitForTaskToken` suffix.
    fn handler_for(&self, resource: &str) -> Option<&dyn TaskHandler> {
        let resource = any_partition(resource);
        let base = [".sync:2", ".sync", ".waitForTaskToken"]
            .iter()
            .find_map(|s| resource.strip_suffix(s))
            .unwrap_or(&resource);
        self.handlers
            .iter()
            .find(|(r, _)| any_partition(r) == resource || any_partition(r) == base)
            .map(|(_, h)| h.as_ref())
    }
}

/// `arn:<partition>:rest` as `arn:aws:rest`, for every AWS partition.
fn any_partition(arn: &str) -> std::borrow::Cow<'_, str> {
    match arn.strip_prefix("arn:").and_then(|rest| rest.split_once(':')) {
        Some((partition, rest)) if partition.starts_with("aws") && partition != "aws" => {
            format!("arn:aws:{rest}").into()
        }
        _ => arn.into(),
    }
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

/// Whether a retrier's or catcher's `ErrorEquals` matches an error.
/// `States.Runtime` and `States.DataLimitExceeded` are never retried or
/// caught, not even by `States.ALL` (AWS: runtime errors always fail the
/// execution, and DataLimitExceeded is terminal). `States.ALL` matches
/// every other error, an absent one too (a bare Fail state in a branch);
/// `States.TaskFailed` matches every named error but `States.Timeout`.
fn matches_error(names: &[String], error: Option<&str>) -> bool {
    match error {
        Some("States.Runtime" | "States.DataLimitExceeded") => false,
        None => names.iter().any(|n| n == "States.ALL"),
        Some(error) => names
            .iter()
            .any(|n| n == error || n == "States.ALL" || (n == "States.TaskFailed" && error != "States.Timeout")),
    }
}

fn catcher<'a>(catch: &'a [Catcher], error: Option<&str>) -> Option<&'a Catcher> {
    catch.iter().find(|c| matches_error(&c.errors, error))
}

/// `InputPath`, `OutputPath` or `ItemsPath` applied to `v`: the same value
/// (shared, not copied) when the path is absent or `$`.
fn select_io(p: &IoPath, v: &Data, scope: &Context, what: &str) -> Result<Data, Failure> {
    match p {
        IoPath::Whole => Ok(v.clone()),
        IoPath::Null => Ok(Arc::new(Json::Object(Map::new()))),
        IoPath::Path(path) if path.is_whole_input() => Ok(v.clone()),
        IoPath::Path(path) => select_value(path, v, scope)?.map(Arc::new).ok_or_else(|| {
            failure(
                "States.Runtime",
                format!(
                    "Invalid path '{path}' : No results for path: {what} {path} selects nothing in the state's data"
                ),
            )
        }),
    }
}

fn apply_result_path(rp: &ResultPath, raw: &Data, result: Data) -> Result<Data, Failure> {
    match rp {
        ResultPath::Whole => Ok(result),
        ResultPath::Discard => Ok(raw.clone()),
        ResultPath::Path(p) => {
            let mut out = Json::clone(raw);
            let result = Arc::try_unwrap(result).unwrap_or_else(|shared| Json::clone(&shared));
            p.set(&mut out, result)
                .map_err(|e| failure("States.ResultPathMatchFailure", e))?;
            Ok(Arc::new(out))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    fn run(definition: Json, input: Json) -> Execution {
        let m = Machine::from_json(&definition).expect("the definition loads");
        Runner::new().run(&m, input)
    }

    #[test]
    fn integrations_are_found_in_every_partition() {
        let definition = |partition: &str| {
            json!({"StartAt": "P", "States": {"P": {"Type": "Task",
                "Resource": format!("arn:{partition}:states:::sns:publish"),
                "Parameters": {"TopicArn": "t", "Message": "m"}, "End": true}}})
        };
        for partition in ["aws", "aws-cn", "aws-us-gov"] {
            let m = Machine::from_json(&definition(partition)).expect("the definition loads");
            let e = Runner::new()
                .handler(crate::SNS_PUBLISH, crate::SnsPublish::new())
                .run(&m, json!({}));
            assert_eq!(e.status, crate::Status::Succeeded, "{partition}: {:?}", e.cause);
        }
        let m = Machine::from_json(&definition("other")).expect("the definition loads");
        let e = Runner::new()
            .handler(crate::SNS_PUBLISH, crate::SnsPublish::new())
            .run(&m, json!({}));
        assert_ne!(e.status, crate::Status::Succeeded);
    }

    #[test]
    fn runtime_errors_are_never_matched() {
        for list in [&["States.ALL"][..], &["States.TaskFailed"], &["States.Runtime"]] {
            assert!(!matches_error(&names(list), Some("States.Runtime")), "{list:?}");
        }
        // DataLimitExceeded is terminal: not even naming it catches it.
        for list in [
            &["States.ALL"][..],
            &["States.TaskFailed"],
            &["States.DataLimitExceeded"],
        ] {
            assert!(
                !matches_error(&names(list), Some("States.DataLimitExceeded")),
                "{list:?}"
            );
        }
        assert!(matches_error(&names(&["States.ALL"]), Some("Custom")));
        assert!(matches_error(&names(&["States.ALL"]), None));
        assert!(!matches_error(&names(&["States.TaskFailed"]), None));
        assert!(!matches_error(&names(&["States.TaskFailed"]), Some("States.Timeout")));
    }

    #[test]
    fn no_choice_match_is_a_runtime_error_that_says_so() {
        let e = run(
            json!({"StartAt": "C", "States": {
                "C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericEquals": 1, "Next": "D"}]},
                "D": {"Type": "Succeed"}}}),
            json!({"v": 2}),
        );
        assert_eq!(e.error.as_deref(), Some("States.Runtime"));
        let cause = e.cause.unwrap_or_default();
        assert!(
            cause.contains("No Choices rule of state \"C\" matched") && cause.contains("States.NoChoiceMatched"),
            "{cause}"
        );
    }

    #[test]
    fn an_intrinsic_failure_is_a_runtime_error_that_says_so() {
        let e = run(
            json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.s, 1)"}, "End": true}}}),
            json!({"s": "one"}),
        );
        assert_eq!(e.error.as_deref(), Some("States.Runtime"));
        let cause = e.cause.unwrap_or_default();
        assert!(
            cause.contains("field 'n.$' failed: States.MathAdd: argument 1 must be a number")
                && cause.contains("States.IntrinsicFailure"),
            "{cause}"
        );
    }

    #[test]
    fn a_bare_fail_has_no_error_or_cause_anywhere() {
        let e = run(json!({"StartAt": "F", "States": {"F": {"Type": "Fail"}}}), json!({}));
        assert_eq!(
            (e.status, e.error.as_deref(), e.cause.as_deref()),
            (Status::Failed, None, None)
        );
        let last = e.history.last().expect("events");
        assert_eq!(last.event_type, "ExecutionFailed");
        assert!(last.details.is_empty(), "{:?}", last.details);
        assert_eq!(
            (e.to_json()["error"].clone(), e.to_json()["cause"].clone()),
            (Json::Null, Json::Null)
        );
    }

    #[test]
    fn states_all_catches_a_bare_fail_in_a_branch() {
        let e = run(
            json!({"StartAt": "P", "States": {
                "P": {"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail"}}}],
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}], "End": true},
                "H": {"Type": "Pass", "End": true}}}),
            json!({}),
        );
        assert_eq!(e.status, Status::Succeeded, "{e}");
        // The error output has neither field: there was no error or cause.
        assert_eq!(e.output, Some(json!({})));
    }

    #[test]
    fn fail_paths_must_give_strings() {
        let e = run(
            json!({"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "States.ArrayGetItem($.a, 0)"}}}),
            json!({"a": [7]}),
        );
        assert_eq!(e.error.as_deref(), Some("States.Runtime"));
        assert_eq!(
            e.cause.as_deref(),
            Some("ErrorPath must give a string, but gave a number")
        );
    }

    #[test]
    fn context_timestamps_have_milliseconds() {
        let m = Machine::from_json(&json!({"StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": 1, "Next": "T"},
            "T": {"Type": "Pass", "Parameters": {"t.$": "$$.State.EnteredTime", "s.$": "$$.Execution.StartTime"}, "End": true}}}))
        .unwrap();
        let e = Runner::new().start_time("2019-03-26T20:14:13.192Z").run(&m, json!({}));
        assert_eq!(
            e.output,
            Some(json!({"s": "2019-03-26T20:14:13.192Z", "t": "2019-03-26T20:14:14.192Z"}))
        );
    }
}
