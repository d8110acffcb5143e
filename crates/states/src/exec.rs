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

use crate::definition::{Catcher, FailPath, IoPath, Kind, Machine, QueryLanguage, ResultPath, Retrier, State, WaitFor};
use crate::distributed_map::{Distributed, MAX_MAP_RUN_ITEMS};
use crate::handlers::{Callback, MockResult, Mocks, TaskCall, TaskError, TaskHandler, TaskOutcome};
use crate::history::{Event, Execution, MapRun, Status};
use crate::intrinsics::EvalError;
use crate::limits::{self, measure, TooBig, MAX_DEPTH, MAX_EXECUTION_SECONDS, MAX_PAYLOAD_BYTES, MAX_SECONDS};
use crate::path::{Context, JsonPath};
use crate::rng::Rng;
use crate::time::{format_timestamp, parse_timestamp};
use crate::variables::{Assigned, Scope, MAX_ASSIGN_BYTES};

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
    on_callback: Option<Box<CallbackPolicy>>,
    machines: Vec<(String, Machine)>,
    buckets: Vec<(String, std::path::PathBuf)>,
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

/// How [`Runner::on_callback`] answers task tokens.
type CallbackPolicy = dyn Fn(&TaskCall) -> Callback;

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

/// The longest error name the history API shows.
const MAX_ERROR_CHARS: usize = 256;

/// The longest cause the history API shows.
const MAX_CAUSE_CHARS: usize = 32_768;

/// `s`, cut to at most `max` characters.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => s[..at].to_owned(),
        None => s.to_owned(),
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

    /// The failure's present fields as event details (`error`, `cause`),
    /// cut to the lengths the history API allows (256 and 32,768
    /// characters), so that no value a failure quotes can make an event
    /// larger than the payload quota.
    fn details(&self) -> IndexMap<String, Data> {
        let mut d = IndexMap::new();
        if let Some(e) = &self.error {
            d.insert("error".to_owned(), Arc::new(json!(clip(e, MAX_ERROR_CHARS))));
        }
        if let Some(c) = &self.cause {
            d.insert("cause".to_owned(), Arc::new(json!(clip(c, MAX_CAUSE_CHARS))));
        }
        d
    }

    /// The execution's own deadline passed (not a task's).
    fn is_execution_timeout(&self) -> bool {
        self.error.as_deref() == Some("States.Timeout")
            && self.cause.as_deref().is_some_and(|c| c.starts_with("The execution"))
    }
}

struct Ctx<'r> {
    runner: &'r Runner,
    /// The caller's answers, for an execution a [`RunningExecution`](crate::running::RunningExecution) drives.
    session: Option<&'r crate::running::Session>,
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
    /// The execution's name.
    name: String,
    /// How many task tokens were made.
    tokens: u64,
    /// How many child executions were started without a `Name`.
    children: u64,
    /// How deep this execution is in `startExecution` children (0 at the top).
    depth: usize,
    /// How many Map Runs the execution (with its parents) started.
    map_run_count: u64,
    /// The Map Runs of this execution's distributed Map states.
    map_runs: Vec<MapRun>,
    /// The last `Parameters` a Task or Parallel state's attempt evaluated
    /// (for [`Runner::test_state`]'s inspection data).
    last_parameters: Option<Data>,
    /// The JSONata expressions parsed so far, by their text.
    expressions: HashMap<String, crate::jsonata::Expression>,
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

/// The most steps one JSONata evaluation takes (see `jsonata::Env::max_steps`).
const JSONATA_STEPS: u64 = 2_000_000;

/// The deepest child executions (`states:startExecution`) nest.
const MAX_CHILD_DEPTH: usize = 16;

/// The region the interpreter reports (in ARNs and `TaskScheduled`).
const REGION: &str = "local";

/// A task resource as the history shows it: `resourceType` and `resource`
/// (`lambda` and `invoke` for `arn:aws:states:::lambda:invoke`; a Lambda
/// function's or an activity's ARN stays whole).
fn resource_parts(resource: &str) -> (String, String) {
    let arn = any_partition(resource);
    if let Some(rest) = arn.strip_prefix("arn:aws:states:::") {
        if let Some((service, api)) = rest.split_once(':') {
            return (service.to_owned(), api.to_owned());
        }
    }
    let service = arn.split(':').nth(2).unwrap_or_default();
    (service.to_owned(), resource.to_owned())
}

/// Whether the resource runs a job to completion (`.sync`, `.sync:2`).
fn is_sync(resource: &str) -> bool {
    resource.ends_with(".sync") || resource.ends_with(".sync:2")
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
            on_callback: None,
            machines: Vec::new(),
            buckets: Vec::new(),
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

    /// Answers the task tokens of `.waitForTaskToken` tasks that no mock
    /// answers: `answer` gets the call (with its
    /// [`task_token`](TaskCall::task_token) and parameters) and says when
    /// and how the token is answered. The integration's handler, if one is
    /// mapped, is called first (a failure of the call fails the task); with
    /// none, the call counts as made.
    ///
    /// ```
    /// use rcdk_states::{Callback, Machine, Runner, TaskCall};
    /// use serde_json::json;
    ///
    /// let m = Machine::from_json(&json!({"StartAt": "Ask", "States": {"Ask": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
    ///     "Parameters": {"TopicArn": "t", "Message.$": "$$.Task.Token"}, "TimeoutSeconds": 3600, "End": true}}})).unwrap();
    /// let run = Runner::new()
    ///     .on_callback(|call: &TaskCall| match call.parameters["Message"].as_str() {
    ///         Some(token) if !token.is_empty() => Callback::success(json!({"answered": true})).after(600.0),
    ///         _ => Callback::failure("NoToken", "the message did not carry the token"),
    ///     })
    ///     .run(&m, json!({}));
    /// assert_eq!(run.output, Some(json!({"answered": true})));
    /// // Ten minutes passed on the virtual clock.
    /// assert_eq!(run.history.last().unwrap().timestamp, "2024-01-01T00:10:00.000Z");
    /// ```
    pub fn on_callback(mut self, answer: impl Fn(&TaskCall) -> Callback + 'static) -> Runner {
        self.on_callback = Some(Box::new(answer));
        self
    }

    /// Makes `machine` the state machine `arn` names, so that a Task state
    /// with `arn:aws:states:::states:startExecution` (`.sync`, `.sync:2`)
    /// and that `StateMachineArn` runs it as a child execution, with the
    /// same handlers, mocks and callbacks, on the same virtual clock. As the
    /// AWS docs for the Step Functions integration describe
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html>),
    /// the result of `.sync` has the child's `Input` and `Output` as JSON
    /// text, that of `.sync:2` as JSON, and that of a plain
    /// `startExecution` only `ExecutionArn` and `StartDate`; a child that
    /// does not succeed fails the task with `States.TaskFailed`, its cause
    /// the child's description as JSON text.
    ///
    /// ```
    /// use rcdk_states::{Machine, Runner};
    /// use serde_json::json;
    ///
    /// let child = Machine::from_json(&json!({"StartAt": "Double", "States": {"Double": {
    ///     "Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, $.n)"}, "End": true}}})).unwrap();
    /// let parent = Machine::from_json(&json!({"StartAt": "Run", "States": {"Run": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
    ///     "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Double",
    ///                    "Input": {"n.$": "$.n"}},
    ///     "OutputPath": "$.Output", "End": true}}})).unwrap();
    /// let run = Runner::new()
    ///     .state_machine("arn:aws:states:us-east-1:123456789012:stateMachine:Double", child)
    ///     .run(&parent, json!({"n": 21}));
    /// assert_eq!(run.output, Some(json!({"n": 42})));
    /// ```
    pub fn state_machine(mut self, arn: &str, machine: Machine) -> Runner {
        self.machines.push((arn.to_owned(), machine));
        self
    }

    /// Maps the S3 bucket `name` to the local directory `dir`, for the
    /// `ItemReader` and `ResultWriter` of distributed Map states: the
    /// object `key` is the file `dir/key` (a key with `..` or an absolute
    /// path is refused, so a definition cannot reach outside `dir`).
    ///
    /// ```
    /// use rcdk_states::{Machine, Runner};
    /// use serde_json::json;
    ///
    /// let dir = std::env::temp_dir().join(format!("rcdk-states-doc-bucket-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("orders.csv"), "id,qty\n1,2\n2,5\n").unwrap();
    /// let m = Machine::from_json(&json!({"StartAt": "Each", "States": {"Each": {"Type": "Map",
    ///     "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
    ///                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
    ///                    "Parameters": {"Bucket": "orders", "Key": "orders.csv"}},
    ///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
    ///                       "StartAt": "Qty", "States": {"Qty": {"Type": "Pass", "OutputPath": "$.qty", "End": true}}},
    ///     "End": true}}})).unwrap();
    /// let run = Runner::new().bucket("orders", &dir).run(&m, json!({}));
    /// assert_eq!(run.output, Some(json!(["2", "5"])));
    /// assert_eq!(run.map_runs[0].executions.len(), 2);
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn bucket(mut self, name: &str, dir: impl AsRef<std::path::Path>) -> Runner {
        self.buckets.push((name.to_owned(), dir.as_ref().to_path_buf()));
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
        let start = Start {
            at: self.start_time,
            name: &self.name,
            depth: 0,
            limit: None,
        };
        self.run_at(machine, input, &start, &mut HashMap::new(), &mut 0)
    }

    /// The execution's virtual start time, in nanoseconds.
    pub(crate) fn start_nanos(&self) -> i128 {
        self.start_time
    }

    /// Runs `machine` with the caller's answers of `session` (a
    /// [`RunningExecution`](crate::running::RunningExecution)'s replay).
    pub(crate) fn run_session(&self, machine: &Machine, input: Json, session: &crate::running::Session) -> Execution {
        let start = Start {
            at: self.start_time,
            name: &self.name,
            depth: 0,
            limit: None,
        };
        self.run_at_with(machine, input, &start, &mut HashMap::new(), &mut 0, Some(session))
    }

    /// Runs `machine` as an execution started as `start` says. Mocks count
    /// their calls in `calls` and Map Runs in `map_runs`, shared with the
    /// parent execution.
    fn run_at(
        &self,
        machine: &Machine,
        input: Json,
        start: &Start,
        calls: &mut HashMap<String, u32>,
        map_runs: &mut u64,
    ) -> Execution {
        self.run_at_with(machine, input, start, calls, map_runs, None)
    }

    /// [`Runner::run_at`], with the caller's answers of `session`.
    fn run_at_with(
        &self,
        machine: &Machine,
        input: Json,
        start: &Start,
        calls: &mut HashMap<String, u32>,
        map_runs: &mut u64,
        session: Option<&crate::running::Session>,
    ) -> Execution {
        let (at, name) = (start.at, start.name);
        let mut ctx = Ctx::new(self, machine, at, name);
        ctx.session = session;
        ctx.depth = start.depth;
        ctx.calls = std::mem::take(calls);
        ctx.map_run_count = *map_runs;
        if let Some((seconds, cause)) = start.limit {
            ctx.deadline = ctx.deadline.min(at.saturating_add(nanos(seconds)));
            ctx.deadline_cause = cause;
        }
        let mut known: Vec<&Machine> = vec![machine];
        known.extend(self.machines.iter().map(|(_, m)| m));
        if start.depth == 0 {
            if let Err(e) = self.mocks.check_in(&known) {
                ctx.record("ExecutionStarted", None, IndexMap::new());
                *calls = std::mem::take(&mut ctx.calls);
                return ctx.finish(Err(failure(
                    "States.Runtime",
                    format!("the mocks do not fit the definition: {e}"),
                )));
            }
        }
        let result = match check(Arc::new(input), || "The execution input".into()) {
            Ok(input) => {
                ctx.execution = Arc::new(execution_json(&input, at, name));
                ctx.record("ExecutionStarted", None, details([("input", input.clone())]));
                ctx.run_machine(machine, input, None, &mut Scope::root())
            }
            Err(f) => {
                ctx.record("ExecutionStarted", None, IndexMap::new());
                Err(f)
            }
        };
        *calls = std::mem::take(&mut ctx.calls);
        *map_runs = ctx.map_run_count;
        ctx.finish(result)
    }
}

/// How an execution starts: when, its name, how deep in child executions,
/// and a shorter limit on how long it may run than a year (an Express
/// child's five minutes), with the cause of timing out then.
struct Start<'a> {
    at: i128,
    name: &'a str,
    depth: usize,
    limit: Option<(f64, &'static str)>,
}

impl Runner {
    /// Runs one state once, as AWS's `TestState` API does: `state` is the
    /// state's definition (its `Next`, `Default` and catchers' `Next` need
    /// not exist), `input` its input, and `options` the variables it sees,
    /// a mocked task result, its name and how often it was retried. The
    /// runner's handlers and mocks serve a Task state that `options` does
    /// not mock. See [`crate::test_state`] for the statuses.
    ///
    /// A definition that does not load is an error, as `TestState` refuses
    /// it.
    ///
    /// ```
    /// use rcdk_states::{MockResult, Runner, TaskError, TestStateOptions, TestStateStatus};
    /// use serde_json::json;
    ///
    /// let state = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Parameters": {"FunctionName": "price", "Payload.$": "$.order"},
    ///     "ResultSelector": {"total.$": "$.Payload.total"}, "ResultPath": "$.price",
    ///     "Assign": {"lastTotal.$": "$.total"},
    ///     "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2}],
    ///     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
    ///     "Next": "Ship"});
    /// let input = json!({"order": {"qty": 2}});
    /// let ok = TestStateOptions::new().mock(MockResult::Return(json!({"Payload": {"total": 30}})));
    /// let out = Runner::new().test_state(&state, input.clone(), &ok).unwrap();
    /// assert_eq!(out.status, TestStateStatus::Succeeded);
    /// assert_eq!(out.next_state.as_deref(), Some("Ship"));
    /// assert_eq!(out.output, Some(json!({"order": {"qty": 2}, "price": {"total": 30}})));
    /// let data = &out.inspection_data;
    /// assert_eq!(data.after_parameters, Some(json!({"FunctionName": "price", "Payload": {"qty": 2}})));
    /// assert_eq!(data.after_result_selector, Some(json!({"total": 30})));
    /// assert_eq!(data.variables.as_ref().unwrap()["lastTotal"], json!(30));
    ///
    /// // A throttled call would be retried after 2 seconds.
    /// let throttled = TaskError { error: "Lambda.TooManyRequestsException".into(), cause: "slow down".into() };
    /// let out = Runner::new()
    ///     .test_state(&state, input.clone(), &TestStateOptions::new().mock(MockResult::Throw(throttled.clone())))
    ///     .unwrap();
    /// assert_eq!(out.status, TestStateStatus::Retriable);
    /// assert_eq!(out.inspection_data.error_details, Some(json!({"retryBackoffIntervalSeconds": 2, "retryIndex": 0})));
    /// // After its three retries, the catcher takes it.
    /// let last = TestStateOptions::new().mock(MockResult::Throw(throttled)).retrier_retry_count(3);
    /// let out = Runner::new().test_state(&state, input, &last).unwrap();
    /// assert_eq!(out.status, TestStateStatus::CaughtError);
    /// assert_eq!(out.next_state.as_deref(), Some("Failed"));
    /// ```
    pub fn test_state(
        &self,
        state: &Json,
        input: Json,
        options: &crate::test_state::TestStateOptions,
    ) -> Result<crate::test_state::TestStateOutput, crate::definition::LoadError> {
        let name = options.state_name.as_deref().unwrap_or("TestState");
        let mut states = Map::new();
        states.insert(name.to_owned(), state.clone());
        let mut targets: Vec<&Json> = vec![&state["Next"], &state["Default"]];
        for list in ["Choices", "Catch"] {
            for item in state.get(list).and_then(Json::as_array).into_iter().flatten() {
                targets.push(&item["Next"]);
            }
        }
        for t in targets.into_iter().filter_map(Json::as_str) {
            if t != name {
                states.entry(t.to_owned()).or_insert_with(|| json!({"Type": "Succeed"}));
            }
        }
        let machine = Machine::from_json(&json!({"StartAt": name, "States": states}))?;
        let Some(st) = machine.states.get(name) else {
            return Err(crate::definition::LoadError(Vec::new()));
        };
        let mut ctx = Ctx::new(self, &machine, self.start_time, &self.name);
        ctx.execution = Arc::new(execution_json(&input, self.start_time, &self.name));
        let mut vars = Scope::with(&options.variables);
        Ok(ctx.test_state(name, st, Arc::new(input), &mut vars, options))
    }
}

/// The context object's `Execution`.
fn execution_json(input: &Json, start: i128, name: &str) -> Json {
    let mut m = Map::new();
    let id = format!("arn:aws:states:local:000000000000:execution:local:{name}");
    m.insert("Id".into(), json!(id));
    m.insert("Input".into(), input.clone());
    m.insert("Name".into(), json!(name));
    m.insert("RoleArn".into(), json!("arn:aws:iam::000000000000:role/local"));
    m.insert("StartTime".into(), json!(format_timestamp(start)));
    Json::Object(m)
}

impl<'r> Ctx<'r> {
    fn new(runner: &'r Runner, machine: &Machine, start: i128, name: &str) -> Ctx<'r> {
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
            session: None,
            clock: start,
            deadline: start.saturating_add(nanos(seconds)),
            name: name.to_owned(),
            deadline_cause,
            rng: Rng::new(runner.seed),
            events: VecDeque::new(),
            recorded: 0,
            calls: HashMap::new(),
            execution: Arc::new(Json::Null),
            tokens: 0,
            children: 0,
            depth: 0,
            map_run_count: 0,
            map_runs: Vec::new(),
            last_parameters: None,
            expressions: HashMap::new(),
            checked: None,
        }
    }

    /// [`Runner::test_state`]: one run of `state`, with each step's data.
    fn test_state(
        &mut self,
        name: &str,
        state: &State,
        input: Data,
        vars: &mut Scope,
        options: &crate::test_state::TestStateOptions,
    ) -> crate::test_state::TestStateOutput {
        use crate::test_state::{InspectionData, TestStateOutput, TestStateStatus};
        let mut insp = InspectionData {
            input: Some(Json::clone(&input)),
            ..InspectionData::default()
        };
        let entered = self.clock;
        let steps = self.test_state_steps(name, state, &input, entered, vars, options, &mut insp);
        let ended = |status, output: Option<Json>, f: Option<Failure>, next, insp| {
            let (error, cause) = f.map(|f| (f.error, f.cause)).unwrap_or_default();
            TestStateOutput {
                status,
                output,
                error,
                cause,
                next_state: next,
                inspection_data: insp,
            }
        };
        let f = match steps {
            Ok((next, out, assigned)) => match vars.check(&assigned, name) {
                Ok(()) => {
                    vars.assign(assigned);
                    insp.variables = Some(vars.visible());
                    return ended(TestStateStatus::Succeeded, Some(Json::clone(&out)), None, next, insp);
                }
                Err((e, c)) => failure(&e, c),
            },
            Err(f) => f,
        };
        insp.variables = Some(vars.visible());
        // A retrier with attempts left: RETRIABLE.
        let count = options.retrier_retry_count;
        if let Some((i, r)) = state
            .retry
            .iter()
            .enumerate()
            .find(|(_, r)| matches_error(&r.errors, f.error.as_deref()))
        {
            if count < r.max_attempts {
                let delay = self.retry_delay(r, count);
                // The API gives whole seconds.
                let seconds = if delay.is_finite() {
                    delay.round().max(0.0) as u64
                } else {
                    u64::MAX
                };
                insp.error_details = Some(json!({"retryBackoffIntervalSeconds": seconds, "retryIndex": i}));
                return ended(TestStateStatus::Retriable, None, Some(f), None, insp);
            }
        }
        if let Some((i, c)) = state
            .catch
            .iter()
            .enumerate()
            .find(|(_, c)| matches_error(&c.errors, f.error.as_deref()))
        {
            let error_output = Json::Object(f.fields("Error", "Cause"));
            let caught_out = {
                let scope = self.scope(name, entered, count, None, vars);
                self.assign(
                    c.assign.as_ref(),
                    state.query_language,
                    &error_output,
                    &scope,
                    name,
                    "Catch Assign",
                )
                .and_then(|assigned| Ok((assigned, caught(c, &input, &f)?)))
            };
            match caught_out {
                Ok((assigned, out)) => {
                    if vars.check(&assigned, name).is_ok() {
                        vars.assign(assigned);
                    }
                    insp.variables = Some(vars.visible());
                    insp.error_details = Some(json!({ "catchIndex": i }));
                    return ended(
                        TestStateStatus::CaughtError,
                        Some(Json::clone(&out)),
                        Some(f),
                        Some(c.next.clone()),
                        insp,
                    );
                }
                Err(g) => return ended(TestStateStatus::Failed, None, Some(g), None, insp),
            }
        }
        ended(TestStateStatus::Failed, None, Some(f), None, insp)
    }

    /// The steps of [`Ctx::test_state`]: where the state goes, its output
    /// and what it assigns, recording each step's data in `insp`.
    #[allow(clippy::too_many_arguments)]
    fn test_state_steps(
        &mut self,
        name: &str,
        state: &State,
        raw: &Data,
        entered: i128,
        vars: &Scope,
        options: &crate::test_state::TestStateOptions,
        insp: &mut crate::test_state::InspectionData,
    ) -> Result<(Option<String>, Data, Assigned), Failure> {
        let attempt = options.retrier_retry_count;
        if state.query_language == QueryLanguage::Jsonata {
            // A JSONata state runs whole (a Task's retries included); only its
            // Arguments are inspected.
            self.last_parameters = None;
            let done = self.jsonata_state(name, state, raw, entered, None, vars);
            if matches!(state.kind, Kind::Task { .. }) {
                insp.after_arguments = self.last_parameters.take().map(|p| Json::clone(&p));
            }
            let (flow, out, assigned) = done?;
            let next = match flow {
                Flow::Next(n) => Some(n.to_owned()),
                Flow::End => None,
                Flow::Fail(f) => return Err(f),
            };
            return Ok((next, out, assigned));
        }
        let scope = self.scope(name, entered, attempt, None, vars);
        let lang = state.query_language;
        let effective = select_io(&state.input_path, raw, &scope, "InputPath")?;
        insp.after_input_path = Some(Json::clone(&effective));
        let next = state.next.clone();
        let output = |out: &Data| select_io(&state.output_path, out, &scope, "OutputPath");
        let result = match &state.kind {
            Kind::Pass { result } => match (result, &state.parameters) {
                (Some(r), _) => Arc::new(r.clone()),
                (None, Some(p)) => {
                    let v = self.template(p, &effective, &scope, name, "Parameters")?;
                    insp.after_parameters = Some(Json::clone(&v));
                    v
                }
                (None, None) => effective.clone(),
            },
            Kind::Succeed => return Ok((None, output(&effective)?, Assigned::default())),
            Kind::Fail {
                error,
                cause,
                error_path,
                cause_path,
            } => {
                return Err(Failure {
                    error: self.fail_field(error, error_path, "ErrorPath", raw, &scope)?,
                    cause: self.fail_field(cause, cause_path, "CausePath", raw, &scope)?,
                })
            }
            Kind::Choice { choices, default } => {
                let (next, rule) = choose(name, choices, default.as_deref(), &effective, &scope)?;
                let assign = match rule {
                    Some(i) => state
                        .choice_assigns
                        .get(i)
                        .and_then(Option::as_ref)
                        .or(state.assign.as_ref()),
                    None => state.assign.as_ref(),
                };
                let assigned = self.assign(assign, lang, &effective, &scope, name, "Assign")?;
                return Ok((Some(next.to_owned()), output(&effective)?, assigned));
            }
            Kind::Wait(w) => {
                // TestState does not wait; the time must still be valid.
                self.wait_until(w, &effective, &scope)?;
                let assigned = self.assign(state.assign.as_ref(), lang, &effective, &scope, name, "Assign")?;
                return Ok((next, output(&effective)?, assigned));
            }
            _ => {
                let mocked = |m: &MockResult| -> Result<Data, Failure> {
                    match m {
                        MockResult::Return(v) => {
                            check(Arc::new(v.clone()), || format!("The mocked result of state {name:?}"))
                        }
                        MockResult::Throw(e) => Err(Failure {
                            error: Some(e.error.clone()),
                            cause: Some(e.cause.clone()),
                        }),
                        MockResult::Callback(cb) => match &cb.response {
                            Some(Ok(v)) => Ok(Arc::new(v.clone())),
                            Some(Err(e)) => Err(Failure {
                                error: Some(e.error.clone()),
                                cause: Some(e.cause.clone()),
                            }),
                            None => Err(failure("States.Timeout", "The task token was never answered.")),
                        },
                    }
                };
                let r = match (&state.kind, &options.mock) {
                    (Kind::Task { .. }, Some(m)) => {
                        if let Some(p) = &state.parameters {
                            let v = self.template(p, &effective, &scope, name, "Parameters")?;
                            insp.after_parameters = Some(Json::clone(&v));
                        }
                        mocked(m)?
                    }
                    (_, Some(m)) => mocked(m)?,
                    (_, None) => {
                        let token = match &state.kind {
                            Kind::Task { resource, .. } if resource.ends_with(".waitForTaskToken") => {
                                Some(self.new_token(name))
                            }
                            _ => None,
                        };
                        let task_scope = self.task_scope(name, entered, attempt, None, vars, token.as_deref());
                        self.last_parameters = None;
                        let r = self.work(name, state, &effective, &task_scope, attempt, vars, token.as_deref());
                        insp.after_parameters = self.last_parameters.take().map(|p| Json::clone(&p));
                        r?
                    }
                };
                insp.result = Some(Json::clone(&r));
                let r = match &state.result_selector {
                    Some(sel) => {
                        let v = self.template(sel, &r, &scope, name, "ResultSelector")?;
                        insp.after_result_selector = Some(Json::clone(&v));
                        v
                    }
                    None => r,
                };
                let assigned = self.assign(state.assign.as_ref(), lang, &r, &scope, name, "Assign")?;
                let out = apply_result_path(&state.result_path, raw, r)?;
                insp.after_result_path = Some(Json::clone(&out));
                return Ok((next, output(&out)?, assigned));
            }
        };
        insp.result = Some(Json::clone(&result));
        let assigned = self.assign(state.assign.as_ref(), lang, &result, &scope, name, "Assign")?;
        let out = apply_result_path(&state.result_path, raw, result)?;
        insp.after_result_path = Some(Json::clone(&out));
        Ok((next, output(&out)?, assigned))
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
                    map_runs: self.map_runs,
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
                    error: f.error.map(|e| clip(&e, MAX_ERROR_CHARS)),
                    cause: f.cause.map(|c| clip(&c, MAX_CAUSE_CHARS)),
                    history: self.events.into(),
                    map_runs: self.map_runs,
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
            previous_event_id: self.recorded - 1,
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

    /// The context object of state `name` (built only if a `$$` path reads
    /// it), and the workflow variables `vars` it reads.
    fn scope<'a>(
        &self,
        name: &'a str,
        entered: i128,
        retry_count: u32,
        map_item: Item<'a>,
        vars: &'a Scope<'a>,
    ) -> Context<'a> {
        self.task_scope(name, entered, retry_count, map_item, vars, None)
    }

    /// [`Ctx::scope`] for a `.waitForTaskToken` task, whose context object
    /// has `Task.Token`.
    fn task_scope<'a>(
        &self,
        name: &'a str,
        entered: i128,
        retry_count: u32,
        map_item: Item<'a>,
        vars: &'a Scope<'a>,
        token: Option<&'a str>,
    ) -> Context<'a> {
        let execution = Arc::clone(&self.execution);
        Context::lazy(move || {
            let mut c = context_json(&execution, name, entered, retry_count, map_item);
            if let (Some(t), Json::Object(m)) = (token, &mut c) {
                m.insert("Task".into(), json!({ "Token": t }));
            }
            c
        })
        .with_vars(vars)
    }

    /// A new task token: opaque, unique in the execution, and the same on
    /// every run.
    fn new_token(&mut self, state: &str) -> String {
        self.tokens += 1;
        crate::intrinsics::base64_encode(format!("rcdk-states:{}:{state}:{}", self.name, self.tokens).as_bytes())
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

    /// Runs a definition (the execution's, a branch or an iteration) in the
    /// variable scope `vars`.
    fn run_machine(&mut self, m: &Machine, input: Data, map_item: Item, vars: &mut Scope) -> Result<Data, Failure> {
        let mut current = m.start_at.as_str();
        let mut data = input;
        loop {
            self.check_quota()?;
            let Some(state) = m.states.get(current) else {
                return Err(failure("States.Runtime", format!("no state named {current:?}")));
            };
            match self.run_state(current, state, data, map_item, vars)? {
                Step::Next(next, out) => {
                    current = next;
                    data = out;
                }
                Step::Succeed(out) => return Ok(out),
                Step::Fail(f) => return Err(f),
            }
        }
    }

    fn run_state<'m>(
        &mut self,
        name: &str,
        state: &'m State,
        raw: Data,
        map_item: Item,
        vars: &mut Scope,
    ) -> Result<Step<'m>, Failure> {
        let entered = self.clock;
        let t = &state.type_name;
        self.event(&format!("{t}StateEntered"), Some(name), [("input", raw.clone())])?;
        let (flow, out, assigned) = match self.state_result(name, state, &raw, entered, map_item, vars) {
            Ok(done) => done,
            // Task, Parallel and Map may catch; other states fail the execution.
            Err(f) => match catcher(&state.catch, f.error.as_deref()) {
                Some(c) => {
                    let error_output = Json::Object(f.fields("Error", "Cause"));
                    let scope = self.scope(name, entered, 0, map_item, vars);
                    if state.query_language == QueryLanguage::Jsonata {
                        // $states.errorOutput; the catcher's Output, or the error output.
                        let states = states_object(&raw, None, Some(&error_output));
                        let assigned = self.assign(
                            c.assign.as_ref(),
                            state.query_language,
                            &states,
                            &scope,
                            name,
                            "Catch Assign",
                        )?;
                        let out = match &c.output {
                            Some(o) => self
                                .jsonata_value(o, &states, &scope, name, "Catch Output")?
                                .unwrap_or(Json::Null),
                            None => error_output,
                        };
                        (Flow::Next(c.next.as_str()), Arc::new(out), assigned)
                    } else {
                        let assigned = self.assign(
                            c.assign.as_ref(),
                            state.query_language,
                            &error_output,
                            &scope,
                            name,
                            "Catch Assign",
                        )?;
                        (Flow::Next(c.next.as_str()), caught(c, &raw, &f)?, assigned)
                    }
                }
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
        if assigned.is_empty() {
            self.event(&format!("{t}StateExited"), Some(name), [("output", out.clone())])?;
        } else {
            vars.check(&assigned, name).map_err(|(e, c)| failure(&e, c))?;
            let (shown, truncated) = assigned.history();
            self.event(
                &format!("{t}StateExited"),
                Some(name),
                [
                    ("output", out.clone()),
                    ("assignedVariables", Arc::new(shown)),
                    ("assignedVariablesDetails", Arc::new(json!({ "truncated": truncated }))),
                ],
            )?;
            vars.assign(assigned);
        }
        Ok(match flow {
            Flow::Next(n) => Step::Next(n, out),
            Flow::End => Step::Succeed(out),
            Flow::Fail(f) => Step::Fail(f),
        })
    }

    /// Runs one state: returns where to go, the state's output and the
    /// variables it assigns.
    fn state_result<'m>(
        &mut self,
        name: &str,
        state: &'m State,
        raw: &Data,
        entered: i128,
        map_item: Item,
        vars: &Scope,
    ) -> Result<(Flow<'m>, Data, Assigned), Failure> {
        if state.query_language == QueryLanguage::Jsonata {
            return self.jsonata_state(name, state, raw, entered, map_item, vars);
        }
        let scope = self.scope(name, entered, 0, map_item, vars);
        let lang = state.query_language;
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
                let assigned = self.assign(state.assign.as_ref(), lang, &value, &scope, name, "Assign")?;
                let out = apply_result_path(&state.result_path, raw, value)?;
                Ok((next, output(&out)?, assigned))
            }
            Kind::Succeed => Ok((Flow::End, output(&effective)?, Assigned::default())),
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
                Ok((Flow::Fail(f), Arc::new(Json::Null), Assigned::default()))
            }
            Kind::Choice { choices, default } => {
                let (next, rule) = choose(name, choices, default.as_deref(), &effective, &scope)?;
                // The state's Assign applies whichever rule matched (the
                // Choice state page), then the matching rule's own.
                let mut assigned = self.assign(state.assign.as_ref(), lang, &effective, &scope, name, "Assign")?;
                if let Some(rule_assign) = rule.and_then(|i| state.choice_assigns.get(i)).and_then(Option::as_ref) {
                    let rule_assigned = self.assign(Some(rule_assign), lang, &effective, &scope, name, "Assign")?;
                    assigned.0.extend(rule_assigned.0);
                }
                Ok((Flow::Next(next), output(&effective)?, assigned))
            }
            Kind::Wait(w) => {
                let until = self.wait_until(w, &effective, &scope)?;
                self.advance_to(until)?;
                let assigned = self.assign(state.assign.as_ref(), lang, &effective, &scope, name, "Assign")?;
                Ok((next, output(&effective)?, assigned))
            }
            _ => {
                let result = self.with_retries(name, state, &effective, entered, map_item, vars)?;
                let result = match &state.result_selector {
                    Some(sel) => self.template(sel, &result, &scope, name, "ResultSelector")?,
                    None => result,
                };
                let assigned = self.assign(state.assign.as_ref(), lang, &result, &scope, name, "Assign")?;
                let out = apply_result_path(&state.result_path, raw, result)?;
                Ok((next, output(&out)?, assigned))
            }
        }
    }

    /// Evaluates `template` as a JSONata state's field does: each string
    /// that is a `{% ... %}` expression (at any depth) is replaced by its
    /// value; an object field or list item whose expression is undefined
    /// is left out. `states` is `$states` without `context` (the context
    /// object is added from `scope`); the variables come from `scope` too.
    /// `None`: the whole value is undefined. A failing expression is
    /// `States.QueryEvaluationError`.
    fn jsonata_value(
        &mut self,
        template: &Json,
        states: &Json,
        scope: &Context,
        state: &str,
        field: &str,
    ) -> Result<Option<Json>, Failure> {
        match template {
            Json::String(s) if s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}") => {
                self.jsonata_expression(&s[2..s.len() - 2], states, scope, state, field)
            }
            Json::Object(m) => {
                let mut out = Map::new();
                for (k, v) in m {
                    if let Some(v) = self.jsonata_value(v, states, scope, state, field)? {
                        out.insert(k.clone(), v);
                    }
                }
                Ok(Some(Json::Object(out)))
            }
            Json::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for v in a {
                    if let Some(v) = self.jsonata_value(v, states, scope, state, field)? {
                        out.push(v);
                    }
                }
                Ok(Some(Json::Array(out)))
            }
            other => Ok(Some(other.clone())),
        }
    }

    /// One JSONata expression's value, with `$states` and the workflow
    /// variables it names bound, `$now()` on the virtual clock and
    /// `$random()`/`$uuid()` seeded from the runner's seed.
    fn jsonata_expression(
        &mut self,
        source: &str,
        states: &Json,
        scope: &Context,
        state: &str,
        field: &str,
    ) -> Result<Option<Json>, Failure> {
        let query_error = |m: String| {
            failure(
                "States.QueryEvaluationError",
                format!("{field} of state {state:?}: {m}"),
            )
        };
        let expr = match self.expressions.get(source) {
            Some(e) => e.clone(),
            None => {
                let e = crate::jsonata::Expression::parse(source)
                    .map_err(|e| query_error(format!("{} {}", e.code(), e.message())))?;
                self.expressions.insert(source.to_owned(), e.clone());
                e
            }
        };
        let mut env = crate::jsonata::Env::new();
        let mut states = states.clone();
        if let Json::Object(m) = &mut states {
            m.insert("context".into(), scope.get().clone());
        }
        env.bind("states", states);
        env.seed(self.rng.next_u64());
        // Enough for any evaluation over a 256 KiB payload, and bounds the
        // memory a runaway expression (`[1..100000000]`) may build.
        env.max_steps(JSONATA_STEPS);
        env.now_millis(i64::try_from(self.clock / 1_000_000).unwrap_or(i64::MAX));
        // Only the variables the expression names (a `$name` in its text)
        // are bound, so an evaluation costs what it reads.
        let mut rest = source;
        while let Some(at) = rest.find('$') {
            let after = &rest[at + 1..];
            let end = after
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
                .map_or(after.len(), |(i, _)| i);
            let name = &after[..end];
            if !name.is_empty() && name != "states" {
                if let Some(v) = scope.variable(name) {
                    env.bind(name, v.clone());
                }
            }
            rest = &after[end..];
        }
        let v = expr
            .evaluate(None, &mut env)
            .map_err(|e| query_error(format!("{} {}", e.code(), e.message())))?;
        match v {
            Some(v) => {
                let v = check(Arc::new(v), || format!("The value of {field} of state {state:?}"))?;
                Ok(Some(Arc::try_unwrap(v).unwrap_or_else(|shared| Json::clone(&shared))))
            }
            None => Ok(None),
        }
    }

    /// A JSONata state: `Arguments` give the task's (or branches', or
    /// iterations') input, `Output` the state's output (by default the
    /// result, or the input for a state without one), `Assign` the
    /// variables; `$states.input`, `$states.result`, `$states.errorOutput`
    /// and `$states.context` are bound as the AWS docs on transforming data
    /// with JSONata describe.
    fn jsonata_state<'m>(
        &mut self,
        name: &str,
        state: &'m State,
        raw: &Data,
        entered: i128,
        map_item: Item,
        vars: &Scope,
    ) -> Result<(Flow<'m>, Data, Assigned), Failure> {
        let scope = self.scope(name, entered, 0, map_item, vars);
        let lang = QueryLanguage::Jsonata;
        let next = match &state.next {
            Some(n) => Flow::Next(n.as_str()),
            None => Flow::End,
        };
        let input_states = states_object(raw, None, None);
        // The state's output: its Output, or `default`.
        let output = |ctx: &mut Ctx, output: Option<&Json>, states: &Json, default: &Data| -> Result<Data, Failure> {
            match output {
                Some(o) => {
                    let v = ctx.jsonata_value(o, states, &scope, name, "Output")?;
                    check(Arc::new(v.unwrap_or(Json::Null)), || {
                        format!("The output of state {name:?}")
                    })
                }
                None => Ok(default.clone()),
            }
        };
        match &state.kind {
            Kind::Pass { .. } | Kind::Succeed => {
                let assigned = self.assign(state.assign.as_ref(), lang, &input_states, &scope, name, "Assign")?;
                let out = output(self, state.output.as_ref(), &input_states, raw)?;
                let flow = if matches!(state.kind, Kind::Succeed) {
                    Flow::End
                } else {
                    next
                };
                Ok((flow, out, assigned))
            }
            Kind::Fail { error, cause, .. } => {
                let field = |ctx: &mut Ctx, v: &Option<String>, what: &str| -> Result<Option<String>, Failure> {
                    match v {
                        Some(s) if s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}") => {
                            match ctx.jsonata_value(&json!(s), &input_states, &scope, name, what)? {
                                Some(Json::String(s)) => Ok(Some(s)),
                                None => Ok(None),
                                Some(other) => Err(failure(
                                    "States.QueryEvaluationError",
                                    format!("{what} of state {name:?} must give a string, not {}", type_name(&other)),
                                )),
                            }
                        }
                        other => Ok(other.clone()),
                    }
                };
                let f = Failure {
                    error: field(self, error, "Error")?,
                    cause: field(self, cause, "Cause")?,
                };
                Ok((Flow::Fail(f), Arc::new(Json::Null), Assigned::default()))
            }
            Kind::Choice { choices, default } => {
                for (i, (_, target)) in choices.iter().enumerate() {
                    let holds = match state.choice_conditions.get(i).and_then(Option::as_ref) {
                        Some(c) => self.jsonata_value(c, &input_states, &scope, name, "Condition")?,
                        None => Some(Json::Bool(false)),
                    };
                    match holds {
                        Some(Json::Bool(true)) => {
                            // The state's own Assign applies whichever rule
                            // matched (the Choice state page), then the rule's;
                            // the state's Output, unless the rule has its own.
                            let mut assigned =
                                self.assign(state.assign.as_ref(), lang, &input_states, &scope, name, "Assign")?;
                            let assign = state
                                .choice_assigns
                                .get(i)
                                .and_then(Option::as_ref)
                                .or(state.assign.as_ref());
                            let rule_assigned = self.assign(assign, lang, &input_states, &scope, name, "Assign")?;
                            assigned.0.extend(rule_assigned.0);
                            let rule_output = state
                                .choice_outputs
                                .get(i)
                                .and_then(Option::as_ref)
                                .or(state.output.as_ref());
                            let out = output(self, rule_output.or(state.output.as_ref()), &input_states, raw)?;
                            return Ok((Flow::Next(target.as_str()), out, assigned));
                        }
                        Some(Json::Bool(false)) => {}
                        other => {
                            return Err(failure(
                                "States.QueryEvaluationError",
                                format!(
                                    "the Condition of Choices[{i}] of state {name:?} must give a boolean, not {}",
                                    other.as_ref().map_or("undefined", type_name)
                                ),
                            ))
                        }
                    }
                }
                let Some(d) = default else {
                    return Err(failure(
                        "States.Runtime",
                        format!("No Choices rule of state {name:?} matched its input, and the state has no Default (States.NoChoiceMatched in the ASL specification)"),
                    ));
                };
                let assigned = self.assign(state.assign.as_ref(), lang, &input_states, &scope, name, "Assign")?;
                let out = output(self, state.output.as_ref(), &input_states, raw)?;
                Ok((Flow::Next(d.as_str()), out, assigned))
            }
            Kind::Wait(w) => {
                let until = self.wait_until(w, raw, &scope)?;
                self.advance_to(until)?;
                let assigned = self.assign(state.assign.as_ref(), lang, &input_states, &scope, name, "Assign")?;
                let out = output(self, state.output.as_ref(), &input_states, raw)?;
                Ok((next, out, assigned))
            }
            _ => {
                let arguments = match &state.arguments {
                    Some(a) => {
                        let v = self.jsonata_value(a, &input_states, &scope, name, "Arguments")?;
                        check(Arc::new(v.unwrap_or(Json::Null)), || {
                            format!("The Arguments of state {name:?}")
                        })?
                    }
                    None => raw.clone(),
                };
                let result = self.with_retries(name, state, &arguments, entered, map_item, vars)?;
                let states = states_object(raw, Some(&result), None);
                let assigned = self.assign(state.assign.as_ref(), lang, &states, &scope, name, "Assign")?;
                let out = output(self, state.output.as_ref(), &states, &result)?;
                Ok((next, out, assigned))
            }
        }
    }

    /// When a Wait state ends: `Seconds` or `SecondsPath` from now (an
    /// integer from 0 to 99,999,999, as the Wait state docs say), or a
    /// timestamp. A time past the deadline times the execution out.
    fn wait_until(&mut self, w: &WaitFor, effective: &Json, scope: &Context) -> Result<i128, Failure> {
        match w {
            WaitFor::SecondsExpression(e) | WaitFor::TimestampExpression(e) => {
                let states = states_object(effective, None, None);
                let v = self.jsonata_value(&json!(e), &states, scope, "Wait", "the Wait")?;
                let seconds = matches!(w, WaitFor::SecondsExpression(_));
                match (seconds, v.as_ref()) {
                    (true, Some(v)) => match seconds_value(v) {
                        Some(s) => Ok(self.clock.saturating_add(i128::from(s) * NANOS)),
                        None => Err(failure(
                            "States.QueryEvaluationError",
                            format!("Seconds {e} must give an integer from 0 to {MAX_SECONDS}, not {v}"),
                        )),
                    },
                    (false, Some(v)) => v.as_str().and_then(parse_timestamp).ok_or_else(|| {
                        failure(
                            "States.QueryEvaluationError",
                            format!("Timestamp {e} must give an RFC 3339 timestamp, not {v}"),
                        )
                    }),
                    (_, None) => Err(failure(
                        "States.QueryEvaluationError",
                        format!("{e} gave no value (undefined)"),
                    )),
                }
            }
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
        vars: &Scope,
    ) -> Result<Data, Failure> {
        let mut attempts = vec![0u32; state.retry.len()];
        let mut retry_count = 0u32;
        loop {
            // Every attempt counts against the quota, whatever it records.
            self.check_quota()?;
            let token = match &state.kind {
                Kind::Task { resource, .. } if resource.ends_with(".waitForTaskToken") => Some(self.new_token(name)),
                _ => None,
            };
            let scope = self.task_scope(name, entered, retry_count, map_item, vars, token.as_deref());
            let f = match self.work(name, state, effective, &scope, retry_count, vars, token.as_deref()) {
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
    #[allow(clippy::too_many_arguments)]
    fn work(
        &mut self,
        name: &str,
        state: &State,
        effective: &Data,
        scope: &Context,
        attempt: u32,
        vars: &Scope,
        token: Option<&str>,
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
                heartbeat_seconds_path,
            } => {
                let params = parameters(self)?;
                self.last_parameters = Some(params.clone());
                let timeout = task_timeout(*timeout_seconds, timeout_seconds_path.as_ref(), effective, scope)?;
                let heartbeat = match heartbeat_seconds_path {
                    Some(p) => match select_value(p, effective, scope)?.as_ref().and_then(seconds_value) {
                        Some(h) if h >= 1 && (h as f64) < timeout => Some(h as f64),
                        _ => {
                            return Err(failure(
                                "States.Runtime",
                                format!("HeartbeatSecondsPath {p} must select an integer from 1 to less than the task's timeout ({timeout})"),
                            ))
                        }
                    },
                    None => *heartbeat_seconds,
                };
                let heartbeat_seconds = &heartbeat;
                let (resource_type, short) = resource_parts(resource);
                let (resource_type, short) = (Arc::new(json!(resource_type)), Arc::new(json!(short)));
                let mut scheduled = details([
                    ("resourceType", resource_type.clone()),
                    ("resource", short.clone()),
                    ("region", Arc::new(json!(REGION))),
                    ("parameters", params.clone()),
                ]);
                if timeout_seconds.is_some() || timeout_seconds_path.is_some() {
                    scheduled.insert("timeoutInSeconds".into(), Arc::new(json!(timeout as u64)));
                }
                if let Some(h) = heartbeat_seconds {
                    scheduled.insert("heartbeatInSeconds".into(), Arc::new(json!(*h as u64)));
                }
                self.check_quota()?;
                self.record("TaskScheduled", Some(name), scheduled);
                let ids = [("resourceType", resource_type), ("resource", short)];
                self.event("TaskStarted", Some(name), ids.clone())?;
                let call = TaskCall {
                    state: name,
                    resource,
                    parameters: &params,
                    attempt,
                    task_token: token,
                };
                let result = if token.is_some() {
                    match self.callback(&call, timeout, *heartbeat_seconds) {
                        Ok((submitted, callback)) => {
                            let mut d = details(ids.clone());
                            if let Some(out) = submitted {
                                d.insert("output".into(), Arc::new(out));
                            }
                            self.check_quota()?;
                            self.record("TaskSubmitted", Some(name), d);
                            let (seconds, result) = callback.outcome(timeout, *heartbeat_seconds);
                            self.advance(seconds)?;
                            result
                        }
                        Err(e) => Err(e),
                    }
                } else {
                    let (submitted, outcome) = self.call_task(&call);
                    if is_sync(resource) && outcome.result.is_ok() {
                        let mut d = details(ids.clone());
                        if let Some(out) = submitted {
                            d.insert("output".into(), Arc::new(out));
                        }
                        self.check_quota()?;
                        self.record("TaskSubmitted", Some(name), d);
                    }
                    self.timed(outcome, timeout, *heartbeat_seconds)?
                };
                self.task_ended(name, &ids, result)
            }
            Kind::Parallel { branches } => {
                let input = parameters(self)?;
                self.last_parameters = state.parameters.as_ref().map(|_| input.clone());
                self.event("ParallelStateStarted", Some(name), [])?;
                let mut out = Results::new(name);
                for b in branches {
                    let r = self
                        .run_machine(b, input.clone(), None, &mut vars.child())
                        .and_then(|r| out.push(r));
                    if let Err(f) = r {
                        self.check_quota()?;
                        self.record("ParallelStateFailed", Some(name), IndexMap::new());
                        return Err(f);
                    }
                }
                self.event("ParallelStateSucceeded", Some(name), [])?;
                Ok(out.done())
            }
            Kind::Map {
                processor,
                items_path,
                item_selector,
                max_concurrency_path,
                distributed,
                ..
            } => {
                if let Some(p) = max_concurrency_path {
                    match select_value(p, effective, scope)?.as_ref().and_then(seconds_value) {
                        Some(_) => {}
                        None => {
                            return Err(failure(
                                "States.Runtime",
                                format!("MaxConcurrencyPath {p} must select an integer from 0 to {MAX_SECONDS}"),
                            ))
                        }
                    }
                }
                match distributed {
                    Some(d) => self.run_distributed(
                        name,
                        processor,
                        d,
                        items_path,
                        item_selector.as_ref(),
                        effective,
                        scope,
                        vars,
                    ),
                    None if state.query_language == QueryLanguage::Jsonata => {
                        let items = match &state.items {
                            Some(t) => {
                                let states = states_object(effective, None, None);
                                let v = self.jsonata_value(t, &states, scope, name, "Items")?;
                                Arc::new(v.unwrap_or(Json::Null))
                            }
                            None => effective.clone(),
                        };
                        self.run_map(name, processor, &items, item_selector.as_ref(), effective, vars, true)
                    }
                    None => {
                        let items = select_io(items_path, effective, scope, "ItemsPath")?;
                        self.run_map(name, processor, &items, item_selector.as_ref(), effective, vars, false)
                    }
                }
            }
            _ => Ok(effective.clone()),
        }
    }

    /// A non-negative integer a `...Path` field selects, or `States.Runtime`.
    fn count_at(&self, p: &JsonPath, effective: &Json, scope: &Context, what: &str) -> Result<u64, Failure> {
        select_value(p, effective, scope)?
            .as_ref()
            .and_then(Json::as_f64)
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= u32::MAX as f64)
            .map(|f| f as u64)
            .ok_or_else(|| {
                failure(
                    "States.Runtime",
                    format!("{what} {p} must select a non-negative integer"),
                )
            })
    }

    /// A distributed Map state: reads its items, batches them, runs a child
    /// execution for each item or batch (one after another, on the virtual
    /// clock), tolerates failures up to its thresholds, and returns or
    /// writes the results.
    #[allow(clippy::too_many_arguments)]
    fn run_distributed(
        &mut self,
        name: &str,
        processor: &Machine,
        d: &Distributed,
        items_path: &IoPath,
        item_selector: Option<&Json>,
        effective: &Data,
        scope: &Context,
        vars: &Scope,
    ) -> Result<Data, Failure> {
        if self.depth >= MAX_CHILD_DEPTH {
            return Err(failure(
                "States.Runtime",
                format!("child executions nest more than {MAX_CHILD_DEPTH} deep (distributed Map state {name:?})"),
            ));
        }
        let io = |(e, c): (&str, String)| failure(e, c);
        let mut items = match &d.item_reader {
            Some(reader) => {
                let call_index = self.call_index(name);
                match self.runner.mocks.result(name, call_index) {
                    Some(MockResult::Return(Json::Array(items))) => items,
                    Some(MockResult::Return(other)) => {
                        return Err(failure(
                            "States.ItemReaderFailed",
                            format!(
                                "the mocked items of state {name:?} must be a list, not {}",
                                type_name(&other)
                            ),
                        ))
                    }
                    Some(MockResult::Throw(e)) => {
                        return Err(Failure {
                            error: Some(e.error),
                            cause: Some(e.cause),
                        })
                    }
                    Some(MockResult::Callback(_)) => {
                        return Err(failure(
                            "States.Runtime",
                            format!("state {name:?} is a distributed Map: mock its items with Return, not Callback"),
                        ))
                    }
                    None => {
                        let params =
                            self.template(&reader.parameters, effective, scope, name, "ItemReader.Parameters")?;
                        crate::distributed_map::read_items(reader, &params, &self.runner.buckets).map_err(io)?
                    }
                }
            }
            None => match &*select_io(items_path, effective, scope, "ItemsPath")? {
                Json::Array(a) => a.clone(),
                other => {
                    return Err(failure(
                        "States.Runtime",
                        format!("ItemsPath must select a list, found {}", type_name(other)),
                    ))
                }
            },
        };
        if let Some(reader) = &d.item_reader {
            let max = match &reader.max_items_path {
                Some(p) => Some(self.count_at(p, effective, scope, "MaxItemsPath")?),
                None => reader.max_items,
            };
            if let Some(n) = max.filter(|n| *n > 0) {
                items.truncate(usize::try_from(n).unwrap_or(usize::MAX));
            }
        }
        if items.len() > MAX_MAP_RUN_ITEMS {
            return Err(failure(
                "States.Runtime",
                format!(
                    "the Map Run of state {name:?} has {} items; rcdk-states runs at most {MAX_MAP_RUN_ITEMS} (set ReaderConfig.MaxItems to test with fewer)",
                    items.len()
                ),
            ));
        }
        let mut inputs = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            inputs.push(match item_selector {
                Some(sel) => {
                    let item_scope = self.scope(name, self.clock, 0, Some((i, item)), vars);
                    let v = self.template(sel, effective, &item_scope, name, "ItemSelector")?;
                    Json::clone(&v)
                }
                None => item.clone(),
            });
        }
        drop(items);
        if let Some(b) = &d.item_batcher {
            let max_items = match &b.max_items_per_batch_path {
                Some(p) => Some(self.count_at(p, effective, scope, "MaxItemsPerBatchPath")?),
                None => b.max_items_per_batch,
            };
            let max_bytes = match &b.max_input_bytes_per_batch_path {
                Some(p) => Some(
                    self.count_at(p, effective, scope, "MaxInputBytesPerBatchPath")?
                        .min(262_144),
                ),
                None => b.max_input_bytes_per_batch,
            };
            let batch_input = match &b.batch_input {
                Some(t) => Some(self.template(t, effective, scope, name, "BatchInput")?),
                None => None,
            };
            inputs = crate::distributed_map::batches(inputs, max_items, max_bytes)
                .into_iter()
                .map(|items| {
                    let mut m = Map::new();
                    if let Some(bi) = &batch_input {
                        m.insert("BatchInput".into(), Json::clone(bi));
                    }
                    m.insert("Items".into(), Json::Array(items));
                    Json::Object(m)
                })
                .collect();
        }
        let tolerated_count = match &d.tolerated_failure_count_path {
            Some(p) => Some(self.count_at(p, effective, scope, "ToleratedFailureCountPath")?),
            None => d.tolerated_failure_count,
        };
        let tolerated_percentage = match &d.tolerated_failure_percentage_path {
            Some(p) => Some(
                select_value(p, effective, scope)?
                    .as_ref()
                    .and_then(Json::as_f64)
                    .filter(|f| (0.0..=100.0).contains(f))
                    .ok_or_else(|| {
                        failure(
                            "States.Runtime",
                            format!("ToleratedFailurePercentagePath {p} must select a number from 0 to 100"),
                        )
                    })?,
            ),
            None => d.tolerated_failure_percentage,
        };
        self.map_run_count += 1;
        let run_id = format!("{:08x}-0000-4000-8000-{:012x}", self.map_run_count, self.map_run_count);
        let label = d.label.as_deref().unwrap_or(name);
        let map_run_arn = format!("arn:aws:states:{REGION}:000000000000:mapRun:local/{label}:{run_id}");
        let child_machine_arn = format!("arn:aws:states:{REGION}:000000000000:stateMachine:local/{label}");
        self.event(
            "MapStateStarted",
            Some(name),
            [("length", Arc::new(json!(inputs.len())))],
        )?;
        self.event(
            "MapRunStarted",
            Some(name),
            [("mapRunArn", Arc::new(json!(map_run_arn)))],
        )?;
        let express = d.execution_type == "EXPRESS";
        let total = inputs.len();
        let mut run = MapRun {
            arn: map_run_arn.clone(),
            state: name.to_owned(),
            status: Status::Succeeded,
            total,
            failed: 0,
            executions: Vec::new(),
        };
        let (mut succeeded, mut failed, mut outputs, mut described) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut kept_bytes = 0usize;
        let mut exceeded = false;
        for (i, input) in inputs.into_iter().enumerate() {
            self.check_quota()?;
            let child_name = format!("{run_id}-{i}");
            let start = self.clock;
            let child_start = Start {
                at: start,
                name: &child_name,
                depth: self.depth + 1,
                limit: express.then_some((
                    crate::distributed_map::EXPRESS_SECONDS,
                    "The execution ran longer than 5 minutes, the most an Express workflow runs.",
                )),
            };
            let child = self.runner.run_at(
                processor,
                input.clone(),
                &child_start,
                &mut self.calls,
                &mut self.map_run_count,
            );
            let stop = child
                .history
                .last()
                .and_then(|e| parse_timestamp(&e.timestamp))
                .unwrap_or(start);
            self.advance_to(stop)?;
            let as_text = |v: &Json| json!(serde_json::to_string(v).unwrap_or_default());
            let mut desc = Map::new();
            let kind = if express { "express" } else { "execution" };
            desc.insert(
                "ExecutionArn".into(),
                json!(format!(
                    "arn:aws:states:{REGION}:000000000000:{kind}:local/{label}:{child_name}"
                )),
            );
            desc.insert("Input".into(), as_text(&input));
            desc.insert("InputDetails".into(), json!({"Included": true}));
            desc.insert("Name".into(), json!(child_name));
            if let Some(out) = &child.output {
                desc.insert("Output".into(), as_text(out));
                desc.insert("OutputDetails".into(), json!({"Included": true}));
            }
            if let Some(e) = &child.error {
                desc.insert("Error".into(), json!(e));
            }
            if let Some(c) = &child.cause {
                desc.insert("Cause".into(), json!(c));
            }
            desc.insert("RedriveCount".into(), json!(0));
            desc.insert("RedriveStatus".into(), json!("NOT_REDRIVABLE"));
            desc.insert("StartDate".into(), json!(format_timestamp(start)));
            desc.insert("StateMachineArn".into(), json!(child_machine_arn));
            desc.insert("Status".into(), json!(child.status.as_str()));
            desc.insert("StopDate".into(), json!(format_timestamp(stop)));
            let desc = Json::Object(desc);
            kept_bytes = kept_bytes.saturating_add(measure(&desc, usize::MAX).unwrap_or(usize::MAX));
            if kept_bytes > crate::distributed_map::MAX_READER_BYTES as usize {
                return Err(failure(
                    "States.ResultWriterFailed",
                    format!(
                        "the results of the Map Run of state {name:?} are over {} bytes, the most rcdk-states keeps",
                        crate::distributed_map::MAX_READER_BYTES
                    ),
                ));
            }
            if child.status == Status::Succeeded {
                outputs.push(child.output.clone().unwrap_or(Json::Null));
                succeeded.push(desc.clone());
            } else {
                run.failed += 1;
                outputs.push(desc.clone());
                failed.push(desc.clone());
            }
            described.push(desc);
            run.executions.push(child);
            let over_count = run.failed as u64 > tolerated_count.unwrap_or(0);
            let over_percentage = tolerated_percentage.is_some_and(|p| run.failed as f64 * 100.0 > p * total as f64);
            let over = match (tolerated_count, tolerated_percentage) {
                (None, None) => run.failed > 0,
                (Some(_), None) => over_count,
                (None, Some(_)) => over_percentage,
                (Some(_), Some(_)) => over_count || over_percentage,
            };
            if over {
                exceeded = true;
                break;
            }
        }
        let written = match d.result_writer.as_ref().and_then(|w| w.parameters.as_ref()) {
            Some(params) => {
                let params = self.template(params, effective, scope, name, "ResultWriter.Parameters")?;
                Some(
                    crate::distributed_map::write_results(
                        &params,
                        &self.runner.buckets,
                        &map_run_arn,
                        &run_id,
                        &succeeded,
                        &failed,
                        &[],
                    )
                    .map_err(io)?,
                )
            }
            None => None,
        };
        if exceeded {
            run.status = Status::Failed;
            self.map_runs.push(run);
            let f = failure(
                "States.ExceedToleratedFailureThreshold",
                format!(
                    "The Map Run of state {name:?} failed: more of its child executions failed than its tolerated failure threshold allows"
                ),
            );
            self.check_quota()?;
            self.record("MapRunFailed", Some(name), f.details());
            self.check_quota()?;
            self.record("MapStateFailed", Some(name), IndexMap::new());
            return Err(f);
        }
        self.map_runs.push(run);
        self.event("MapRunSucceeded", Some(name), [])?;
        self.event("MapStateSucceeded", Some(name), [])?;
        let out = match (written, &d.result_writer) {
            (Some(details), _) => json!({"MapRunArn": map_run_arn, "ResultWriterDetails": details}),
            (None, Some(w)) => crate::distributed_map::transform(w.transformation, described, outputs),
            (None, None) => Json::Array(outputs),
        };
        check(Arc::new(out), || format!("The result of state {name:?}"))
    }

    /// A Map state's iterations, one after another (`jsonata`: its
    /// `ItemSelector` is JSONata).
    #[allow(clippy::too_many_arguments)]
    fn run_map(
        &mut self,
        name: &str,
        processor: &Machine,
        items: &Json,
        item_selector: Option<&Json>,
        effective: &Json,
        vars: &Scope,
        jsonata: bool,
    ) -> Result<Data, Failure> {
        let Json::Array(list) = items else {
            return Err(failure(
                "States.Runtime",
                format!("ItemsPath must select a list, found {}", type_name(items)),
            ));
        };
        self.event("MapStateStarted", Some(name), [("length", Arc::new(json!(list.len())))])?;
        let mut out = Results::new(name);
        for (i, item) in list.iter().enumerate() {
            let item_scope = self.scope(name, self.clock, 0, Some((i, item)), vars);
            let index = [("index", Arc::new(json!(i)))];
            let r = match item_selector {
                Some(sel) if jsonata => {
                    let states = states_object(effective, None, None);
                    self.jsonata_value(sel, &states, &item_scope, name, "ItemSelector")
                        .and_then(|v| {
                            check(Arc::new(v.unwrap_or(Json::Null)), || {
                                format!("The ItemSelector result of state {name:?}")
                            })
                        })
                }
                Some(sel) => self.template(sel, effective, &item_scope, name, "ItemSelector"),
                None => Ok(Arc::new(item.clone())),
            }
            .and_then(|input| {
                self.event("MapIterationStarted", Some(name), index.clone())?;
                match self.run_machine(processor, input, Some((i, item)), &mut vars.child()) {
                    Ok(r) => {
                        self.event("MapIterationSucceeded", Some(name), index.clone())?;
                        out.push(r)
                    }
                    Err(f) => {
                        self.check_quota()?;
                        self.record("MapIterationFailed", Some(name), details(index.clone()));
                        Err(f)
                    }
                }
            });
            if let Err(f) = r {
                self.check_quota()?;
                self.record("MapStateFailed", Some(name), IndexMap::new());
                return Err(f);
            }
        }
        self.event("MapStateSucceeded", Some(name), [])?;
        Ok(out.done())
    }

    /// How many times state `name` was called before (its mock's call index).
    fn call_index(&mut self, name: &str) -> u32 {
        let c = self.calls.entry(name.to_owned()).or_insert(0);
        let i = *c;
        *c = c.saturating_add(1);
        i
    }

    /// A task's outcome: its mocked result, a child execution's
    /// (`states:startExecution` of a machine given to
    /// [`Runner::state_machine`]), or its handler's; with what the
    /// submission returned, when known (for the `TaskSubmitted` event of a
    /// `.sync` task).
    fn call_task(&mut self, call: &TaskCall) -> (Option<Json>, TaskOutcome) {
        let call_index = self.call_index(call.state);
        match self.runner.mocks.result(call.state, call_index) {
            Some(MockResult::Return(v)) => return (None, TaskOutcome::ok(v)),
            Some(MockResult::Throw(e)) => {
                return (
                    None,
                    TaskOutcome {
                        result: Err(e),
                        duration_seconds: 0.0,
                    },
                )
            }
            Some(MockResult::Callback(_)) => {
                return (
                    None,
                    TaskOutcome::err(
                        "States.Runtime",
                        &format!(
                            "state {:?} is mocked with a Callback, but its resource {:?} does not end in .waitForTaskToken; mock it with Return or Throw",
                            call.state, call.resource
                        ),
                    ),
                )
            }
            None => {}
        }
        if let Some(child) = self.child_execution(call) {
            return child;
        }
        match self.runner.handler_for(call.resource) {
            Some(h) => (None, h.call(call)),
            None => (
                None,
                TaskOutcome::err(
                    "States.Runtime",
                    &format!(
                        "no handler or mock for resource {:?} (state {:?}); mock the state or map the integration",
                        call.resource, call.state
                    ),
                ),
            ),
        }
    }

    /// A child execution, if `call` starts one of the machines given to
    /// [`Runner::state_machine`]: runs it, and returns what the submission
    /// returned and the task's outcome (taking as long as the child ran).
    fn child_execution(&mut self, call: &TaskCall) -> Option<(Option<Json>, TaskOutcome)> {
        let resource = any_partition(call.resource);
        let pattern = resource.strip_prefix("arn:aws:states:::states:startExecution")?;
        if !["", ".sync", ".sync:2"].contains(&pattern) {
            return None;
        }
        let target = call.parameters.get("StateMachineArn")?.as_str()?;
        let (_, machine) = self
            .runner
            .machines
            .iter()
            .find(|(arn, _)| any_partition(arn) == any_partition(target))?;
        if self.depth >= MAX_CHILD_DEPTH {
            return Some((
                None,
                TaskOutcome::err(
                    "States.Runtime",
                    &format!(
                        "child executions nest more than {MAX_CHILD_DEPTH} deep (does a state machine start itself?)"
                    ),
                ),
            ));
        }
        let input = match call.parameters.get("Input") {
            None => json!({}),
            Some(Json::String(text)) => match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => {
                    return Some((
                        None,
                        TaskOutcome::err(
                            "StepFunctions.InvalidExecutionInputException",
                            &format!("Input is not JSON text: {e}"),
                        ),
                    ))
                }
            },
            Some(v) => v.clone(),
        };
        let name = match call.parameters.get("Name").and_then(Json::as_str) {
            Some(n) => n.to_owned(),
            None => {
                self.children += 1;
                format!("{}-{}", self.name, self.children)
            }
        };
        let machine_name = target.rsplit(':').next().unwrap_or_default();
        let execution_arn = format!("arn:aws:states:{REGION}:000000000000:execution:{machine_name}:{name}");
        let start = self.clock;
        let child_start = Start {
            at: start,
            name: &name,
            depth: self.depth + 1,
            limit: None,
        };
        let child = self.runner.run_at(
            machine,
            input.clone(),
            &child_start,
            &mut self.calls,
            &mut self.map_run_count,
        );
        let stop = child
            .history
            .last()
            .and_then(|e| parse_timestamp(&e.timestamp))
            .unwrap_or(start);
        let millis = |t: i128| json!(i64::try_from(t / 1_000_000).unwrap_or(i64::MAX));
        let submitted = json!({"ExecutionArn": execution_arn, "StartDate": millis(start)});
        if pattern.is_empty() {
            return Some((None, TaskOutcome::ok(submitted)));
        }
        let as_text = |v: &Json| json!(serde_json::to_string(v).unwrap_or_default());
        let json2 = pattern == ".sync:2";
        let mut d = Map::new();
        d.insert("ExecutionArn".into(), json!(execution_arn));
        d.insert("Input".into(), if json2 { input.clone() } else { as_text(&input) });
        d.insert("InputDetails".into(), json!({"Included": true}));
        d.insert("Name".into(), json!(name));
        if let Some(out) = &child.output {
            d.insert("Output".into(), if json2 { out.clone() } else { as_text(out) });
            d.insert("OutputDetails".into(), json!({"Included": true}));
        }
        if let Some(e) = &child.error {
            d.insert("Error".into(), json!(e));
        }
        if let Some(c) = &child.cause {
            d.insert("Cause".into(), json!(c));
        }
        d.insert("StartDate".into(), millis(start));
        d.insert("StateMachineArn".into(), json!(target));
        d.insert("Status".into(), json!(child.status.as_str()));
        d.insert("StopDate".into(), millis(stop));
        let description = Json::Object(d);
        let result = if child.status == Status::Succeeded {
            Ok(description)
        } else {
            Err(TaskError {
                error: "States.TaskFailed".into(),
                cause: description.to_string(),
            })
        };
        let outcome = TaskOutcome {
            result,
            duration_seconds: (stop - start) as f64 / 1e9,
        };
        Some((Some(submitted), outcome))
    }

    /// The answer to a `.waitForTaskToken` task: its mock (`Return` answers
    /// at once, `Throw` fails the call, `Callback` scripts the answer); or,
    /// with [`Runner::on_callback`], the handler's call (whose result
    /// `TaskSubmitted` shows) and then the policy's answer; or else the
    /// handler's outcome as the worker's answer.
    fn callback(
        &mut self,
        call: &TaskCall,
        timeout: f64,
        heartbeat: Option<f64>,
    ) -> Result<(Option<Json>, Callback), TaskError> {
        let call_index = self.call_index(call.state);
        match self.runner.mocks.result(call.state, call_index) {
            Some(MockResult::Return(v)) => return Ok((None, Callback::success(v))),
            Some(MockResult::Throw(e)) => return Err(e),
            Some(MockResult::Callback(c)) => return Ok((None, c)),
            None => {}
        }
        let handler = self.runner.handler_for(call.resource);
        if let (Some(session), Some(token)) = (self.session, call.task_token) {
            // The caller answers (RunningExecution): the handler only sends.
            let submitted = match handler {
                Some(h) => Some(h.call(call).result?),
                None => None,
            };
            let t0 = self.clock;
            let since = |t: i128| (t.saturating_sub(t0)).max(0) as f64 / 1e9;
            let heartbeats: Vec<f64> = session
                .heartbeats
                .get(token)
                .into_iter()
                .flatten()
                .map(|t| since(*t))
                .collect();
            if let Some((at, result)) = session.answers.get(token) {
                let answer = Callback {
                    heartbeats,
                    after_seconds: since(*at),
                    response: Some(result.clone()),
                };
                return Ok((submitted, answer));
            }
            let silent = Callback {
                heartbeats,
                after_seconds: 0.0,
                response: None,
            };
            let (gives_up, _) = silent.outcome(timeout, heartbeat);
            if session.finishing || t0.saturating_add(nanos(gives_up)) <= session.now {
                return Ok((submitted, silent));
            }
            let pending = crate::running::PendingTask {
                state: call.state.to_owned(),
                token: token.to_owned(),
                parameters: call.parameters.clone(),
                started: format_timestamp(t0),
                started_at: t0,
            };
            session.paused.replace(Some((pending, self.recorded)));
            return Err(TaskError {
                error: "States.Runtime".into(),
                cause: "The execution waits for a task token (RunningExecution).".into(),
            });
        }
        let submitted = match (handler, &self.runner.on_callback) {
            // With no callback policy, the handler stands for the worker:
            // its result is what the worker sends with SendTaskSuccess, its
            // error what it sends with SendTaskFailure.
            (Some(h), None) => {
                let outcome = h.call(call);
                let after = match outcome.duration_seconds {
                    d if d.is_finite() && d > 0.0 => d,
                    _ => 0.0,
                };
                return Ok((
                    None,
                    Callback {
                        heartbeats: Vec::new(),
                        after_seconds: after,
                        response: Some(outcome.result),
                    },
                ));
            }
            (Some(h), Some(_)) => Some(h.call(call).result?),
            (None, _) => None,
        };
        match &self.runner.on_callback {
            Some(answer) => Ok((submitted, answer(call))),
            None => Err(TaskError {
                error: "States.Runtime".into(),
                cause: format!(
                    "state {:?} waits for its task token, and nothing answers it: mock the state with MockResult::Callback (or Return/Throw), or give the runner Runner::on_callback",
                    call.state
                ),
            }),
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

    /// Records how a task ended (`TaskSucceeded`, `TaskFailed`, or
    /// `TaskTimedOut` for `States.Timeout` and `States.HeartbeatTimeout`).
    /// A result over the payload quota (or too deep) fails the task, as AWS
    /// fails a connector's oversized output.
    fn task_ended(
        &mut self,
        name: &str,
        ids: &[(&str, Data); 2],
        result: Result<Json, TaskError>,
    ) -> Result<Data, Failure> {
        let checked = match result {
            Ok(v) => check(Arc::new(v), || format!("The result of task {name:?}")),
            Err(e) => Err(Failure {
                error: Some(e.error),
                cause: Some(e.cause),
            }),
        };
        match checked {
            Ok(v) => {
                let [a, b] = ids.clone();
                self.event("TaskSucceeded", Some(name), [a, b, ("output", v.clone())])?;
                self.checked = Some(v.clone());
                Ok(v)
            }
            Err(f) => {
                self.check_quota()?;
                let kind = match f.error.as_deref() {
                    Some("States.Timeout" | "States.HeartbeatTimeout") => "TaskTimedOut",
                    _ => "TaskFailed",
                };
                let mut d = details(ids.clone());
                d.extend(f.details());
                self.record(kind, Some(name), d);
                Err(f)
            }
        }
    }

    /// The variables an `Assign` gives, evaluated on `value` (the state's
    /// result, or its input for a Choice or Wait state, or the error output
    /// for a catcher) in the state's query language. Every expression reads
    /// the variables as they were when the state was entered. Over 256 KiB
    /// in all is `States.DataLimitExceeded`.
    fn assign(
        &mut self,
        assign: Option<&Json>,
        lang: QueryLanguage,
        value: &Json,
        scope: &Context,
        state: &str,
        field: &str,
    ) -> Result<Assigned, Failure> {
        let Some(template) = assign else {
            return Ok(Assigned::default());
        };
        let what = || format!("The {field} of state {state:?}");
        let evaluated = match lang {
            QueryLanguage::JsonPath => {
                let mut budget = MAX_ASSIGN_BYTES;
                self.build(template, value, scope, &mut budget, &what)?
            }
            QueryLanguage::Jsonata => {
                let mut out = Map::new();
                for (k, v) in template.as_object().into_iter().flatten() {
                    if let Some(v) = self.jsonata_value(v, value, scope, state, &format!("{field}.{k}"))? {
                        out.insert(k.clone(), v);
                    }
                }
                Json::Object(out)
            }
        };
        let Json::Object(m) = evaluated else {
            return Ok(Assigned::default());
        };
        let mut out = Vec::with_capacity(m.len());
        let mut total = 0usize;
        for (k, v) in m {
            let bytes = measure(&v, MAX_ASSIGN_BYTES).map_err(|why| match why {
                TooBig::Bytes => failure(
                    "States.DataLimitExceeded",
                    format!(
                        "{}: variable {k:?} is larger than the {MAX_ASSIGN_BYTES} bytes (256 KiB) a variable may hold",
                        what()
                    ),
                ),
                TooBig::Depth => too_deep(&what()),
            })?;
            total = total.saturating_add(bytes);
            if total > MAX_ASSIGN_BYTES {
                return Err(failure(
                    "States.DataLimitExceeded",
                    format!("{}: its variables together are larger than the {MAX_ASSIGN_BYTES} bytes (256 KiB) one Assign may set", what()),
                ));
            }
            out.push((k, Arc::new(v), bytes));
        }
        Ok(Assigned(out))
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

/// `$states` without its `context`: the state's input, and its result or
/// its error output when it has one.
fn states_object(input: &Json, result: Option<&Json>, error_output: Option<&Json>) -> Json {
    let mut m = Map::new();
    m.insert("input".into(), input.clone());
    if let Some(r) = result {
        m.insert("result".into(), r.clone());
    }
    if let Some(e) = error_output {
        m.insert("errorOutput".into(), e.clone());
    }
    Json::Object(m)
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
) -> Result<(&'m str, Option<usize>), Failure> {
    for (i, (rule, next)) in choices.iter().enumerate() {
        if rule
            .eval_in(effective, scope)
            .map_err(|e| failure("States.Runtime", e.0))?
        {
            return Ok((next, Some(i)));
        }
    }
    // The ASL spec names this States.NoChoiceMatched; AWS reports
    // States.Runtime (see the crate docs).
    default.map(|d| (d, None)).ok_or_else(|| {
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
