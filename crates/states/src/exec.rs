//! The interpreter: runs a [`Machine`] on an input, with the input and output
//! processing, errors, retries and catches of AWS Step Functions, on a
//! virtual clock so Wait states and retry intervals take no real time.

use std::collections::HashMap;

use serde_json::{json, Map, Value as Json};

use crate::definition::{Catcher, FailPath, IoPath, Kind, Machine, ResultPath, State, WaitFor};
use crate::handlers::{MockResult, Mocks, TaskCall, TaskError, TaskHandler};
use crate::history::{Event, Execution, Status};
use crate::rng::Rng;
use crate::time::{format_timestamp, parse_timestamp};

/// The most events an execution may have (the Step Functions quota);
/// a definition that loops forever fails instead of hanging.
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
}

impl Default for Runner {
    fn default() -> Self {
        Runner::new()
    }
}

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

impl Failure {
    /// The failure's present fields, under `error_key` and `cause_key`
    /// (`error`/`cause` in history events, `Error`/`Cause` in a catcher's output).
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

    /// The execution's own `TimeoutSeconds` ran out (not a task's).
    fn is_execution_timeout(&self) -> bool {
        self.error.as_deref() == Some("States.Timeout")
            && self.cause.as_deref().is_some_and(|c| c.starts_with("The execution"))
    }
}

struct Ctx<'r> {
    runner: &'r Runner,
    clock: i128,
    rng: Rng,
    events: Vec<Event>,
    calls: HashMap<String, u32>,
    execution: Json,
    deadline: Option<i128>,
}

enum Step {
    Next(String, Json),
    Succeed(Json),
    Fail(Failure),
}

const NANOS: f64 = 1_000_000_000.0;

impl Runner {
    /// A runner with no handlers (every Task fails unless mocked or handled).
    pub fn new() -> Runner {
        Runner {
            handlers: Vec::new(),
            mocks: Mocks::new(),
            seed: 1,
            start_time: parse_timestamp("2024-01-01T00:00:00Z").unwrap_or(0),
            name: "local".into(),
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

    /// Runs `machine` on `input`.
    pub fn run(&self, machine: &Machine, input: Json) -> Execution {
        let start = format_timestamp(self.start_time);
        let execution = json!({
            "Id": format!("arn:aws:states:local:000000000000:execution:local:{}", self.name),
            "Input": input,
            "Name": self.name,
            "RoleArn": "arn:aws:iam::000000000000:role/local",
            "StartTime": start,
        });
        let mut ctx = Ctx {
            runner: self,
            clock: self.start_time,
            rng: Rng::new(self.seed),
            events: Vec::new(),
            calls: HashMap::new(),
            execution,
            deadline: machine.timeout_seconds.map(|t| self.start_time + (t * NANOS) as i128),
        };
        ctx.event("ExecutionStarted", None, [("input", input.clone())]);
        let result = ctx.run_machine(machine, input, None);
        let (status, output, error, cause) = match result {
            Ok(out) => {
                ctx.event("ExecutionSucceeded", None, [("output", out.clone())]);
                (Status::Succeeded, Some(out), None, None)
            }
            Err(f) => {
                let timed_out = f.is_execution_timeout();
                let kind = if timed_out {
                    "ExecutionTimedOut"
                } else {
                    "ExecutionFailed"
                };
                ctx.event_with(kind, None, f.fields("error", "cause"));
                (
                    if timed_out { Status::TimedOut } else { Status::Failed },
                    None,
                    f.error,
                    f.cause,
                )
            }
        };
        Execution {
            status,
            output,
            error,
            cause,
            history: ctx.events,
        }
    }
}

impl Ctx<'_> {
    fn event<const N: usize>(&mut self, kind: &str, state: Option<&str>, details: [(&str, Json); N]) {
        let details: Map<String, Json> = details.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        self.event_with(kind, state, details);
    }

    fn event_with(&mut self, kind: &str, state: Option<&str>, details: Map<String, Json>) {
        self.events.push(Event {
            id: self.events.len() + 1,
            timestamp: format_timestamp(self.clock),
            event_type: kind.to_owned(),
            state: state.map(str::to_owned),
            details,
        });
    }

    fn context(&self, state: &str, entered: i128, retry_count: u32, map_item: Option<(usize, &Json)>) -> Json {
        let mut c = json!({
            "Execution": self.execution,
            "State": {"EnteredTime": format_timestamp(entered), "Name": state, "RetryCount": retry_count},
            "StateMachine": {"Id": "arn:aws:states:local:000000000000:stateMachine:local", "Name": "local"},
        });
        if let Some((i, v)) = map_item {
            c["Map"] = json!({"Item": {"Index": i, "Value": v}});
        }
        c
    }

    fn advance(&mut self, seconds: f64) -> Result<(), Failure> {
        self.clock += (seconds.max(0.0) * NANOS) as i128;
        self.check_deadline()
    }

    fn check_deadline(&self) -> Result<(), Failure> {
        match self.deadline {
            Some(d) if self.clock > d => Err(failure(
                "States.Timeout",
                "The execution ran longer than the state machine's TimeoutSeconds.",
            )),
            _ => Ok(()),
        }
    }

    fn run_machine(&mut self, m: &Machine, input: Json, map_item: Option<(usize, &Json)>) -> Result<Json, Failure> {
        let mut current = m.start_at.clone();
        let mut data = input;
        loop {
            if self.events.len() >= MAX_EVENTS {
                return Err(failure(
                    "States.Runtime",
                    format!("The execution exceeded {MAX_EVENTS} history events (is the definition looping forever?)"),
                ));
            }
            let Some(state) = m.states.get(&current) else {
                return Err(failure("States.Runtime", format!("no state named {current:?}")));
            };
            match self.run_state(&current, state, data, map_item)? {
                Step::Next(next, out) => {
                    current = next;
                    data = out;
                }
                Step::Succeed(out) => return Ok(out),
                Step::Fail(f) => return Err(f),
            }
        }
    }

    fn run_state(
        &mut self,
        name: &str,
        state: &State,
        raw: Json,
        map_item: Option<(usize, &Json)>,
    ) -> Result<Step, Failure> {
        let entered = self.clock;
        let t = &state.type_name;
        self.event(&format!("{t}StateEntered"), Some(name), [("input", raw.clone())]);
        let outcome = self.state_result(name, state, &raw, entered, map_item);
        let outcome = match outcome {
            Ok(v) => Ok(v),
            Err(f) => {
                // Task, Parallel and Map may catch; other states fail the execution.
                match catcher(&state.catch, f.error.as_deref()) {
                    Some(c) => {
                        let err = Json::Object(f.fields("Error", "Cause"));
                        let out = apply_result_path(&c.result_path, &raw, err)?;
                        self.event(&format!("{t}StateExited"), Some(name), [("output", out.clone())]);
                        return Ok(Step::Next(c.next.clone(), out));
                    }
                    None => Err(f),
                }
            }
        };
        let (kind_next, out) = outcome?;
        self.event(&format!("{t}StateExited"), Some(name), [("output", out.clone())]);
        self.check_deadline()?;
        Ok(match kind_next {
            Flow::Next(n) => Step::Next(n, out),
            Flow::End => Step::Succeed(out),
            Flow::Fail(f) => Step::Fail(f),
        })
    }

    /// Runs one state: returns where to go and the state's output.
    fn state_result(
        &mut self,
        name: &str,
        state: &State,
        raw: &Json,
        entered: i128,
        map_item: Option<(usize, &Json)>,
    ) -> Result<(Flow, Json), Failure> {
        let ctx = self.context(name, entered, 0, map_item);
        let effective = select_io(&state.input_path, raw, &ctx, "InputPath")?;
        let next = || match &state.next {
            Some(n) => Flow::Next(n.clone()),
            None => Flow::End,
        };
        match &state.kind {
            Kind::Pass { result } => {
                let value = match (result, &state.parameters) {
                    (Some(r), _) => r.clone(),
                    (None, Some(p)) => self.template(p, &effective, &ctx)?,
                    (None, None) => effective.clone(),
                };
                let out = apply_result_path(&state.result_path, raw, value)?;
                Ok((next(), select_io(&state.output_path, &out, &ctx, "OutputPath")?))
            }
            Kind::Succeed => Ok((
                Flow::End,
                select_io(&state.output_path, &effective, &ctx, "OutputPath")?,
            )),
            Kind::Fail {
                error,
                cause,
                error_path,
                cause_path,
            } => {
                let f = Failure {
                    error: self.fail_field(error, error_path, "ErrorPath", raw, &ctx)?,
                    cause: self.fail_field(cause, cause_path, "CausePath", raw, &ctx)?,
                };
                Ok((Flow::Fail(f), Json::Null))
            }
            Kind::Choice { choices, default } => {
                for (rule, next) in choices {
                    match rule.eval(&effective, &ctx) {
                        Ok(true) => {
                            return Ok((
                                Flow::Next(next.clone()),
                                select_io(&state.output_path, &effective, &ctx, "OutputPath")?,
                            ))
                        }
                        Ok(false) => {}
                        Err(e) => return Err(failure("States.Runtime", e.0)),
                    }
                }
                match default {
                    Some(d) => Ok((
                        Flow::Next(d.clone()),
                        select_io(&state.output_path, &effective, &ctx, "OutputPath")?,
                    )),
                    // The ASL spec names this States.NoChoiceMatched; AWS reports
                    // States.Runtime (see the crate docs).
                    None => Err(failure(
                        "States.Runtime",
                        format!("No Choices rule of state {name:?} matched its input, and the state has no Default (States.NoChoiceMatched in the ASL specification)"),
                    )),
                }
            }
            Kind::Wait(w) => {
                let until = match w {
                    WaitFor::Seconds(s) => self.clock + (s * NANOS) as i128,
                    WaitFor::Timestamp(t) => parse_timestamp(t).unwrap_or(self.clock),
                    WaitFor::SecondsPath(p) => match p.select(&effective, &ctx).and_then(|v| v.as_f64()) {
                        Some(s) if s >= 0.0 => self.clock + (s * NANOS) as i128,
                        _ => {
                            return Err(failure(
                                "States.Runtime",
                                format!("SecondsPath {p} must select a non-negative number"),
                            ))
                        }
                    },
                    WaitFor::TimestampPath(p) => match p
                        .select(&effective, &ctx)
                        .as_ref()
                        .and_then(Json::as_str)
                        .and_then(parse_timestamp)
                    {
                        Some(t) => t,
                        None => {
                            return Err(failure(
                                "States.Runtime",
                                format!("TimestampPath {p} must select an RFC 3339 timestamp"),
                            ))
                        }
                    },
                };
                if until > self.clock {
                    self.advance((until - self.clock) as f64 / NANOS)?;
                }
                Ok((next(), select_io(&state.output_path, &effective, &ctx, "OutputPath")?))
            }
            Kind::Task { .. } | Kind::Parallel { .. } | Kind::Map { .. } => {
                let result = self.with_retries(name, state, &effective, entered, map_item)?;
                let result = match &state.result_selector {
                    Some(sel) => self.template(sel, &result, &ctx)?,
                    None => result,
                };
                let out = apply_result_path(&state.result_path, raw, result)?;
                Ok((next(), select_io(&state.output_path, &out, &ctx, "OutputPath")?))
            }
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
        ctx: &Json,
    ) -> Result<Option<String>, Failure> {
        let value = match source {
            None => return Ok(literal.clone()),
            Some(FailPath::Path(p)) => p.select(raw, ctx).ok_or_else(|| {
                failure(
                    "States.Runtime",
                    format!("{what} {p} selects nothing in the state's input"),
                )
            })?,
            Some(FailPath::Intrinsic(call)) => call
                .eval(raw, ctx, &mut self.rng)
                .map_err(|e| failure("States.Runtime", format!("{what}: {}", e.0)))?,
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
        effective: &Json,
        entered: i128,
        map_item: Option<(usize, &Json)>,
    ) -> Result<Json, Failure> {
        let mut attempts = vec![0u32; state.retry.len()];
        let mut retry_count = 0u32;
        loop {
            let ctx = self.context(name, entered, retry_count, map_item);
            let result = self.work(name, state, effective, &ctx, retry_count);
            let f = match result {
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
            let mut delay = r.interval_seconds * r.backoff_rate.powi(attempts[i] as i32);
            if let Some(max) = r.max_delay_seconds {
                delay = delay.min(max);
            }
            if r.full_jitter {
                delay *= self.rng.next_f64();
            }
            attempts[i] += 1;
            retry_count += 1;
            self.advance(delay)?;
        }
    }

    fn work(&mut self, name: &str, state: &State, effective: &Json, ctx: &Json, attempt: u32) -> Result<Json, Failure> {
        match &state.kind {
            Kind::Task {
                resource,
                timeout_seconds,
                timeout_seconds_path,
                heartbeat_seconds,
            } => {
                let params = match &state.parameters {
                    Some(p) => self.template(p, effective, ctx)?,
                    None => effective.clone(),
                };
                let timeout = match timeout_seconds_path {
                    Some(p) => p.select(effective, ctx).and_then(|v| v.as_f64()),
                    None => *timeout_seconds,
                };
                self.event(
                    "TaskScheduled",
                    Some(name),
                    [("resource", json!(resource)), ("parameters", params.clone())],
                );
                let call_index = {
                    let c = self.calls.entry(name.to_owned()).or_insert(0);
                    *c += 1;
                    *c - 1
                };
                let outcome = match self.runner.mocks.result(name, call_index) {
                    Some(MockResult::Return(v)) => crate::handlers::TaskOutcome::ok(v),
                    Some(MockResult::Throw(e)) => crate::handlers::TaskOutcome { result: Err(e), duration_seconds: 0.0 },
                    None => match self.runner.handler_for(resource) {
                        Some(h) => h.call(&TaskCall { state: name, resource, parameters: &params, attempt }),
                        None => crate::handlers::TaskOutcome::err(
                            "States.Runtime",
                            &format!("no handler or mock for resource {resource:?} (state {name:?}); mock the state or map the integration"),
                        ),
                    },
                };
                let took = outcome.duration_seconds;
                let limit = timeout.unwrap_or(f64::INFINITY);
                let result = if took > limit {
                    self.advance(limit)?;
                    Err(TaskError {
                        error: "States.Timeout".into(),
                        cause: format!("The task ran longer than {limit} seconds."),
                    })
                } else if heartbeat_seconds.is_some_and(|h| took > h) {
                    self.advance(heartbeat_seconds.unwrap_or(0.0))?;
                    Err(TaskError {
                        error: "States.HeartbeatTimeout".into(),
                        cause: "No heartbeat was received in time.".into(),
                    })
                } else {
                    self.advance(took)?;
                    outcome.result
                };
                match result {
                    Ok(v) => {
                        self.event("TaskSucceeded", Some(name), [("output", v.clone())]);
                        Ok(v)
                    }
                    Err(e) => {
                        self.event(
                            "TaskFailed",
                            Some(name),
                            [("error", json!(e.error)), ("cause", json!(e.cause))],
                        );
                        Err(Failure {
                            error: Some(e.error),
                            cause: Some(e.cause),
                        })
                    }
                }
            }
            Kind::Parallel { branches } => {
                let input = match &state.parameters {
                    Some(p) => self.template(p, effective, ctx)?,
                    None => effective.clone(),
                };
                let mut out = Vec::new();
                for b in branches {
                    out.push(self.run_machine(b, input.clone(), None)?);
                }
                Ok(Json::Array(out))
            }
            Kind::Map {
                processor,
                items_path,
                item_selector,
                ..
            } => {
                let items = match select_io(items_path, effective, ctx, "ItemsPath")? {
                    Json::Array(a) => a,
                    other => {
                        return Err(failure(
                            "States.Runtime",
                            format!("ItemsPath must select a list, found {}", type_name(&other)),
                        ))
                    }
                };
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let item_ctx = self.context(name, self.clock, 0, Some((i, item)));
                    let input = match item_selector {
                        Some(sel) => self.template(sel, effective, &item_ctx)?,
                        None => item.clone(),
                    };
                    self.event("MapIterationStarted", Some(name), [("index", json!(i))]);
                    let r = self.run_machine(processor, input, Some((i, item)))?;
                    self.event("MapIterationSucceeded", Some(name), [("index", json!(i))]);
                    out.push(r);
                }
                Ok(Json::Array(out))
            }
            _ => Ok(effective.clone()),
        }
    }

    /// The value of a template field `k` ending in `.$`: what the path
    /// `expr` selects, or what the intrinsic `expr` returns.
    fn dynamic_value(&mut self, k: &str, expr: &str, input: &Json, ctx: &Json) -> Result<Json, Failure> {
        if expr.starts_with("States.") {
            let call = crate::intrinsics::parse(expr).map_err(|e| failure("States.Runtime", e.0))?;
            // The ASL spec names this States.IntrinsicFailure; AWS reports
            // States.Runtime (see the crate docs).
            return call.eval(input, ctx, &mut self.rng).map_err(|e| {
                failure(
                    "States.Runtime",
                    format!(
                        "The intrinsic function in field '{k}' failed: {} (States.IntrinsicFailure in the ASL specification)",
                        e.0
                    ),
                )
            });
        }
        let p = crate::path::JsonPath::parse(expr).map_err(|e| failure("States.Runtime", e.to_string()))?;
        // The ASL spec names this States.ParameterPathFailure; AWS reports
        // States.Runtime.
        p.select(input, ctx).ok_or_else(|| {
            failure(
                "States.Runtime",
                format!(
                    "The JSONPath '{expr}' specified for the field '{k}' could not be found in the input (States.ParameterPathFailure in the ASL specification)"
                ),
            )
        })
    }

    /// Applies a payload template: keys ending in `.$` take the value of a
    /// path or an intrinsic function.
    fn template(&mut self, t: &Json, input: &Json, ctx: &Json) -> Result<Json, Failure> {
        match t {
            Json::Object(m) => {
                let mut out = Map::new();
                for (k, v) in m {
                    if let Some(key) = k.strip_suffix(".$") {
                        let value = self.dynamic_value(k, v.as_str().unwrap_or_default(), input, ctx)?;
                        out.insert(key.to_owned(), value);
                    } else {
                        out.insert(k.clone(), self.template(v, input, ctx)?);
                    }
                }
                Ok(Json::Object(out))
            }
            Json::Array(a) => a
                .iter()
                .map(|v| self.template(v, input, ctx))
                .collect::<Result<Vec<_>, _>>()
                .map(Json::Array),
            other => Ok(other.clone()),
        }
    }
}

enum Flow {
    Next(String),
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
/// `States.Runtime` is never retried or caught, not even by `States.ALL`
/// (AWS: runtime errors always fail the execution). `States.ALL` matches
/// every other error, an absent one too (a bare Fail state in a branch);
/// `States.TaskFailed` matches every named error but `States.Timeout`.
fn matches_error(names: &[String], error: Option<&str>) -> bool {
    match error {
        Some("States.Runtime") => false,
        None => names.iter().any(|n| n == "States.ALL"),
        Some(error) => names
            .iter()
            .any(|n| n == error || n == "States.ALL" || (n == "States.TaskFailed" && error != "States.Timeout")),
    }
}

fn catcher<'a>(catch: &'a [Catcher], error: Option<&str>) -> Option<&'a Catcher> {
    catch.iter().find(|c| matches_error(&c.errors, error))
}

fn select_io(p: &IoPath, v: &Json, ctx: &Json, what: &str) -> Result<Json, Failure> {
    match p {
        IoPath::Whole => Ok(v.clone()),
        IoPath::Null => Ok(Json::Object(Map::new())),
        IoPath::Path(path) => path.select(v, ctx).ok_or_else(|| {
            failure(
                "States.Runtime",
                format!(
                    "Invalid path '{path}' : No results for path: {what} {path} selects nothing in the state's data"
                ),
            )
        }),
    }
}

fn apply_result_path(rp: &ResultPath, raw: &Json, result: Json) -> Result<Json, Failure> {
    match rp {
        ResultPath::Whole => Ok(result),
        ResultPath::Discard => Ok(raw.clone()),
        ResultPath::Path(p) => {
            let mut out = raw.clone();
            p.set(&mut out, result)
                .map_err(|e| failure("States.ResultPathMatchFailure", e))?;
            Ok(out)
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
            "W": {"Type": "Wait", "Seconds": 1.25, "Next": "T"},
            "T": {"Type": "Pass", "Parameters": {"t.$": "$$.State.EnteredTime", "s.$": "$$.Execution.StartTime"}, "End": true}}}))
        .unwrap();
        let e = Runner::new().start_time("2019-03-26T20:14:13.192Z").run(&m, json!({}));
        assert_eq!(
            e.output,
            Some(json!({"s": "2019-03-26T20:14:13.192Z", "t": "2019-03-26T20:14:14.442Z"}))
        );
    }
}
