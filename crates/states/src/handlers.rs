//! Task handlers: what a Task state's resource does when run locally.

use std::sync::{Arc, Mutex};

use indexmap::IndexMap;
use serde_json::{json, Map, Value as Json};

mod lambda;

pub use lambda::{FunctionError, LambdaInvocation, LambdaInvoke};

/// A call of a Task state.
#[derive(Clone, Debug)]
pub struct TaskCall<'a> {
    /// The state's name.
    pub state: &'a str,
    /// The resource ARN.
    pub resource: &'a str,
    /// The effective parameters.
    pub parameters: &'a Json,
    /// 0 for the first attempt, then 1, 2, ... for retries.
    pub attempt: u32,
    /// The task token (`$$.Task.Token`) of a `.waitForTaskToken` task,
    /// which the caller's [`Callback`] answers.
    pub task_token: Option<&'a str>,
}

/// An error a task raises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskError {
    /// The error name (`ApiGateway.500`, `States.TaskFailed`, ...).
    pub error: String,
    /// The cause.
    pub cause: String,
}

/// What a call did.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskOutcome {
    /// The result, or the error.
    pub result: Result<Json, TaskError>,
    /// Simulated duration on the virtual clock (for `TimeoutSeconds`).
    pub duration_seconds: f64,
}

impl TaskOutcome {
    /// A result that took no time.
    pub fn ok(v: Json) -> TaskOutcome {
        TaskOutcome {
            result: Ok(v),
            duration_seconds: 0.0,
        }
    }
    /// An error that took no time.
    pub fn err(error: &str, cause: &str) -> TaskOutcome {
        TaskOutcome {
            result: Err(TaskError {
                error: error.to_owned(),
                cause: cause.to_owned(),
            }),
            duration_seconds: 0.0,
        }
    }
}

/// Runs Task states for one resource ARN.
pub trait TaskHandler {
    /// Handles one call.
    fn call(&self, call: &TaskCall) -> TaskOutcome;
}

impl<F: Fn(&TaskCall) -> TaskOutcome> TaskHandler for F {
    fn call(&self, call: &TaskCall) -> TaskOutcome {
        self(call)
    }
}

/// `arn:aws:states:::apigateway:invoke`: a real HTTP call to the base URL the
/// `ApiEndpoint` is mapped to, answered the way Step Functions answers:
/// `StatusCode`, `StatusText`, `Headers`, `ResponseBody` on 2xx, error
/// `ApiGateway.<status>` otherwise.
///
/// The request goes through [`crate::http`], which refuses control
/// characters in the method, path, query and headers (they may come from the
/// execution input) and bounds the call: 30 s and 1 MiB of response by
/// default ([`ApiGatewayInvoke::timeout`],
/// [`ApiGatewayInvoke::max_response_bytes`]). A request that cannot be sent
/// safely, an endpoint that cannot be reached, that times out or that does
/// not speak HTTP fail the task with `States.TaskFailed` and a cause saying
/// which; a response body over the cap fails it with
/// `States.DataLimitExceeded`, the error AWS raises for a task result over
/// 256 KiB.
#[derive(Clone, Debug, Default)]
pub struct ApiGatewayInvoke {
    endpoints: Vec<(String, String)>,
    limits: crate::http::Limits,
}

/// The methods Step Functions accepts in an `apigateway:invoke` task's `Method`.
const API_GATEWAY_METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

impl ApiGatewayInvoke {
    /// A handler with no endpoints mapped.
    pub fn new() -> ApiGatewayInvoke {
        ApiGatewayInvoke::default()
    }

    /// Maps an `ApiEndpoint` (a host, a `${Placeholder}` or its name, or `*`
    /// for any) to a base URL such as `http://127.0.0.1:8080`.
    ///
    /// ```
    /// use rcdk_states::ApiGatewayInvoke;
    /// let api = ApiGatewayInvoke::new().endpoint("${Api}", "http://127.0.0.1:8080");
    /// ```
    pub fn endpoint(mut self, name: &str, base_url: &str) -> ApiGatewayInvoke {
        self.endpoints
            .push((name.to_owned(), base_url.trim_end_matches('/').to_owned()));
        self
    }

    /// The deadline of one call: connecting, sending and reading the whole
    /// response (default 30 s, API Gateway's integration timeout for HTTP
    /// APIs). Past it the task fails with `States.TaskFailed`, "timed out
    /// after N s ...".
    ///
    /// ```
    /// use std::time::Duration;
    /// use rcdk_states::ApiGatewayInvoke;
    /// let api = ApiGatewayInvoke::new().endpoint("*", "http://127.0.0.1:8080").timeout(Duration::from_secs(5));
    /// ```
    pub fn timeout(mut self, timeout: std::time::Duration) -> ApiGatewayInvoke {
        self.limits = self.limits.timeout(timeout);
        self
    }

    /// The most bytes of response body read (default 1 MiB); a larger body
    /// fails the task with `States.DataLimitExceeded` without being read.
    ///
    /// ```
    /// use rcdk_states::ApiGatewayInvoke;
    /// let api = ApiGatewayInvoke::new().endpoint("*", "http://127.0.0.1:8080").max_response_bytes(256 * 1024);
    /// ```
    pub fn max_response_bytes(mut self, bytes: usize) -> ApiGatewayInvoke {
        self.limits = self.limits.max_response_bytes(bytes);
        self
    }

    fn base_url(&self, endpoint: &str) -> Option<&str> {
        let bare = endpoint.trim_start_matches("${").trim_end_matches('}');
        self.endpoints
            .iter()
            .find(|(n, _)| n == endpoint || n == bare)
            .or_else(|| self.endpoints.iter().find(|(n, _)| n == "*"))
            .map(|(_, u)| u.as_str())
    }
}

impl TaskHandler for ApiGatewayInvoke {
    fn call(&self, call: &TaskCall) -> TaskOutcome {
        let p = call.parameters;
        let endpoint = p.get("ApiEndpoint").and_then(Json::as_str).unwrap_or_default();
        let Some(base) = self.base_url(endpoint) else {
            return TaskOutcome::err(
                "States.Runtime",
                &format!("no base URL for ApiEndpoint {endpoint:?}; map it (--endpoint NAME=URL)"),
            );
        };
        let method = p.get("Method").and_then(Json::as_str).unwrap_or("GET");
        if !API_GATEWAY_METHODS.contains(&method) {
            return TaskOutcome::err(
                "States.TaskFailed",
                &format!(
                    "the request was not sent: Method {method:?} is not one of {}",
                    API_GATEWAY_METHODS.join(", ")
                ),
            );
        }
        let (headers, body) = request_headers_and_body(p);
        match crate::http::request_with(&self.limits, method, &request_url(base, p), &headers, body.as_deref()) {
            Ok(resp) => task_result(&resp),
            Err(e) => transport_error(&e),
        }
    }
}

/// The base URL, then `Stage` (unless `$default`), `Path` and the encoded
/// `QueryParameters`. Control characters are left for the HTTP client to
/// refuse, so the error names the part that holds them.
fn request_url(base: &str, p: &Json) -> String {
    let mut url = base.to_owned();
    if let Some(stage) = p.get("Stage").and_then(Json::as_str).filter(|s| *s != "$default") {
        url.push('/');
        url.push_str(stage);
    }
    let path = p.get("Path").and_then(Json::as_str).unwrap_or("/");
    if !path.starts_with('/') {
        url.push('/');
    }
    url.push_str(path);
    let mut query = Vec::new();
    for (k, vs) in p.get("QueryParameters").and_then(Json::as_object).into_iter().flatten() {
        for v in vs.as_array().into_iter().flatten().filter_map(Json::as_str) {
            query.push(format!("{}={}", encode(k), encode(v)));
        }
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    url
}

/// `Headers` (each a list of values, joined with commas) and `RequestBody`
/// (a string as it is; anything else as JSON, with a JSON `Content-Type`
/// unless `Headers` set one).
fn request_headers_and_body(p: &Json) -> (Vec<(String, String)>, Option<Vec<u8>>) {
    let mut headers = Vec::new();
    for (k, vs) in p.get("Headers").and_then(Json::as_object).into_iter().flatten() {
        let vals: Vec<&str> = vs.as_array().into_iter().flatten().filter_map(Json::as_str).collect();
        headers.push((k.clone(), vals.join(",")));
    }
    let has_type = headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("Content-Type"));
    let body = p.get("RequestBody").map(|b| match b {
        Json::String(s) => s.clone().into_bytes(),
        other => {
            if !has_type {
                headers.push(("Content-Type".into(), "application/json".into()));
            }
            serde_json::to_vec(other).unwrap_or_default()
        }
    });
    (headers, body)
}

/// The task's result as Step Functions shapes it; a status outside 2xx is
/// the error `ApiGateway.<status>` with that result as its cause.
fn task_result(resp: &crate::http::Response) -> TaskOutcome {
    let mut hs: IndexMap<String, Vec<Json>> = IndexMap::new();
    for (k, v) in &resp.headers {
        hs.entry(k.clone()).or_default().push(json!(v));
    }
    let text = String::from_utf8_lossy(&resp.body).into_owned();
    let is_json = resp
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("content-type") && v.contains("json"));
    let body = if is_json {
        serde_json::from_str(&text).unwrap_or(Json::String(text))
    } else {
        Json::String(text)
    };
    let result = json!({
        "Headers": hs.into_iter().map(|(k, v)| (k, Json::Array(v))).collect::<Map<String, Json>>(),
        "ResponseBody": body,
        "StatusCode": resp.status,
        "StatusText": resp.reason,
    });
    if (200..300).contains(&resp.status) {
        TaskOutcome::ok(result)
    } else {
        TaskOutcome::err(&format!("ApiGateway.{}", resp.status), &result.to_string())
    }
}

fn transport_error(e: &crate::http::Error) -> TaskOutcome {
    use crate::http::Error;
    match e {
        Error::Invalid(m) => TaskOutcome::err("States.TaskFailed", &format!("the request was not sent: {m}")),
        Error::TooLarge(m) => TaskOutcome::err(
            "States.DataLimitExceeded",
            &format!("{m}; a task result is limited to 256 KiB (ApiGatewayInvoke::max_response_bytes sets the cap)"),
        ),
        _ => TaskOutcome::err("States.TaskFailed", &e.to_string()),
    }
}

/// Percent-encodes a query parameter's name or value (RFC 3986 unreserved
/// characters stay).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A message published by [`SnsPublish`].
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    /// The state that published it.
    pub state: String,
    /// `TopicArn`.
    pub topic_arn: Option<String>,
    /// `Message` (a string, or JSON).
    pub message: Json,
    /// `Subject`.
    pub subject: Option<String>,
}

type Sink = Arc<dyn Fn(&Published) + Send + Sync>;

/// `arn:aws:states:::sns:publish`: records each message, and forwards it to a
/// sink if one is set. Clones share the record.
#[derive(Clone, Default)]
pub struct SnsPublish {
    messages: Arc<Mutex<Vec<Published>>>,
    published: Arc<std::sync::atomic::AtomicUsize>,
    forget: bool,
    sink: Option<Sink>,
}

impl std::fmt::Debug for SnsPublish {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SnsPublish")
            .field("messages", &self.messages())
            .finish()
    }
}

impl SnsPublish {
    /// A recorder.
    pub fn new() -> SnsPublish {
        SnsPublish::default()
    }

    /// Also forwards every message to `sink`.
    pub fn with_sink(mut self, sink: impl Fn(&Published) + Send + Sync + 'static) -> SnsPublish {
        self.sink = Some(Arc::new(sink));
        self
    }

    /// Publishes without keeping the messages (only counting them), for long
    /// runs whose messages nobody reads: a loop publishing 200 KB messages
    /// would otherwise hold every one until the run ends.
    ///
    /// ```
    /// let sns = rcdk_states::SnsPublish::new().forgetting();
    /// assert!(sns.messages().is_empty());
    /// ```
    pub fn forgetting(mut self) -> SnsPublish {
        self.forget = true;
        self
    }

    /// The messages published so far.
    pub fn messages(&self) -> Vec<Published> {
        self.messages.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

impl TaskHandler for SnsPublish {
    fn call(&self, call: &TaskCall) -> TaskOutcome {
        let p = call.parameters;
        let Some(message) = p.get("Message").cloned() else {
            return TaskOutcome::err("SNS.InvalidParameterException", "Message is required");
        };
        let published = Published {
            state: call.state.to_owned(),
            topic_arn: p.get("TopicArn").and_then(Json::as_str).map(str::to_owned),
            message,
            subject: p.get("Subject").and_then(Json::as_str).map(str::to_owned),
        };
        if let Some(sink) = &self.sink {
            sink(&published);
        }
        let n = self.published.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if !self.forget {
            if let Ok(mut m) = self.messages.lock() {
                m.push(published);
            }
        }
        TaskOutcome::ok(json!({
            "MessageId": format!("00000000-0000-4000-8000-{n:012}"),
            "SdkHttpMetadata": {"HttpStatusCode": 200},
        }))
    }
}

/// Mocked task results in the spirit of Step Functions Local's mock
/// configuration: per state, a sequence of `Return` or `Throw` results by
/// call index (`"0"`, `"1-2"`, ...; the last one repeats).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mocks {
    by_state: IndexMap<String, Vec<(u32, u32, MockResult)>>,
}

/// One mocked result.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum MockResult {
    /// `Return`: the task's result (for a `.waitForTaskToken` task, the
    /// output of an immediate `SendTaskSuccess`; for a `.sync` task, the
    /// completed job's output).
    Return(Json),
    /// `Throw`: the task fails.
    Throw(TaskError),
    /// How a `.waitForTaskToken` task's token is answered: heartbeats, then
    /// `SendTaskSuccess` or `SendTaskFailure` after some virtual seconds,
    /// or never. In a mock file:
    /// `{"Callback": {"Heartbeats": [10, 20], "After": 30, "Success": {...}}}`
    /// (or `"Failure": {"Error": ..., "Cause": ...}`; neither is never).
    Callback(Callback),
}

/// The answer to a `.waitForTaskToken` task, on the virtual clock: the
/// `SendTaskHeartbeat` calls, then `SendTaskSuccess` or `SendTaskFailure`
/// (or no answer). Times are seconds after the task started. The task
/// fails with `States.HeartbeatTimeout` when `HeartbeatSeconds` pass
/// without a heartbeat or answer, and with `States.Timeout` when its
/// `TimeoutSeconds` pass first, as the AWS callback docs describe
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token>).
///
/// ```
/// use rcdk_states::{Callback, Machine, MockResult, Mocks, Runner, Status};
/// use serde_json::json;
///
/// let m = Machine::from_json(&json!({"StartAt": "Approve", "States": {"Approve": {
///     "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///     "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
///     "HeartbeatSeconds": 60, "End": true}}})).unwrap();
/// // Answered after two minutes, with a heartbeat every 50 seconds.
/// let answer = Callback::success(json!({"approved": true})).after(120.0).heartbeats([50.0, 100.0]);
/// let run = Runner::new().mocks(Mocks::new().state("Approve", vec![MockResult::Callback(answer)])).run(&m, json!({}));
/// assert_eq!(run.output, Some(json!({"approved": true})));
/// // Without the heartbeats, the task times out after 60 seconds.
/// let silent = Callback::success(json!({})).after(120.0);
/// let run = Runner::new().mocks(Mocks::new().state("Approve", vec![MockResult::Callback(silent)])).run(&m, json!({}));
/// assert_eq!(run.error.as_deref(), Some("States.HeartbeatTimeout"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Callback {
    /// When `SendTaskHeartbeat` is called, in seconds after the task started.
    pub heartbeats: Vec<f64>,
    /// When the answer comes, in seconds after the task started.
    pub after_seconds: f64,
    /// `SendTaskSuccess` (its output) or `SendTaskFailure` (its error and
    /// cause); `None` never answers.
    pub response: Option<Result<Json, TaskError>>,
}

impl Callback {
    /// `SendTaskSuccess(output)`, as soon as the task starts.
    ///
    /// ```
    /// let cb = rcdk_states::Callback::success(serde_json::json!({"ok": true}));
    /// assert_eq!(cb.after_seconds, 0.0);
    /// ```
    pub fn success(output: Json) -> Callback {
        Callback {
            heartbeats: Vec::new(),
            after_seconds: 0.0,
            response: Some(Ok(output)),
        }
    }

    /// `SendTaskFailure(error, cause)`, as soon as the task starts.
    ///
    /// ```
    /// let cb = rcdk_states::Callback::failure("Rejected", "the manager said no");
    /// assert!(cb.response.unwrap().is_err());
    /// ```
    pub fn failure(error: &str, cause: &str) -> Callback {
        Callback {
            heartbeats: Vec::new(),
            after_seconds: 0.0,
            response: Some(Err(TaskError {
                error: error.to_owned(),
                cause: cause.to_owned(),
            })),
        }
    }

    /// No answer ever: the task runs until its timeout or heartbeat timeout.
    ///
    /// ```
    /// assert!(rcdk_states::Callback::never().response.is_none());
    /// ```
    pub fn never() -> Callback {
        Callback {
            heartbeats: Vec::new(),
            after_seconds: 0.0,
            response: None,
        }
    }

    /// The answer comes `seconds` after the task started.
    ///
    /// ```
    /// let cb = rcdk_states::Callback::success(serde_json::json!(1)).after(30.0);
    /// assert_eq!(cb.after_seconds, 30.0);
    /// ```
    pub fn after(mut self, seconds: f64) -> Callback {
        self.after_seconds = seconds;
        self
    }

    /// `SendTaskHeartbeat` is called at each of these times (seconds after
    /// the task started).
    ///
    /// ```
    /// let cb = rcdk_states::Callback::never().heartbeats([10.0, 20.0]);
    /// assert_eq!(cb.heartbeats, [10.0, 20.0]);
    /// ```
    pub fn heartbeats(mut self, at: impl IntoIterator<Item = f64>) -> Callback {
        self.heartbeats = at.into_iter().collect();
        self
    }

    /// How the task ends on the clock, given its timeout and heartbeat
    /// timeout: after how many seconds, and with what. Times that are not
    /// finite numbers at least 0 count as never.
    pub(crate) fn outcome(&self, timeout: f64, heartbeat: Option<f64>) -> (f64, Result<Json, TaskError>) {
        let valid = |t: f64| t.is_finite() && t >= 0.0;
        let mut beats: Vec<f64> = self.heartbeats.iter().copied().filter(|t| valid(*t)).collect();
        beats.sort_by(f64::total_cmp);
        let answer = self
            .response
            .as_ref()
            .filter(|_| valid(self.after_seconds))
            .map(|r| (self.after_seconds, r));
        let answer_at = answer.map_or(f64::INFINITY, |(t, _)| t);
        let mut last = 0.0;
        for b in beats.into_iter().filter(|b| *b < answer_at && *b <= timeout) {
            if heartbeat.is_some_and(|h| b - last > h) {
                break;
            }
            last = b;
        }
        let heartbeat_deadline = heartbeat.map_or(f64::INFINITY, |h| last + h);
        match answer {
            Some((t, r)) if t <= timeout && t <= heartbeat_deadline => (t, r.clone()),
            _ if heartbeat_deadline < timeout => (
                heartbeat_deadline,
                Err(TaskError {
                    error: "States.HeartbeatTimeout".into(),
                    cause: format!(
                        "No heartbeat or answer (SendTaskHeartbeat, SendTaskSuccess, SendTaskFailure) for the task token in {} seconds (HeartbeatSeconds).",
                        heartbeat.unwrap_or_default()
                    ),
                }),
            ),
            _ => (
                timeout,
                Err(TaskError {
                    error: "States.Timeout".into(),
                    cause: format!("The task token was not answered within {timeout} seconds (TimeoutSeconds)."),
                }),
            ),
        }
    }
}

impl Mocks {
    /// No mocks.
    pub fn new() -> Mocks {
        Mocks::default()
    }

    /// Mocks one state with a sequence of results, by call index.
    pub fn state(mut self, state: &str, results: Vec<MockResult>) -> Mocks {
        let seq = results
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i as u32, i as u32, r))
            .collect();
        self.by_state.insert(state.to_owned(), seq);
        self
    }

    /// Loads mocks from JSON: either Step Functions Local's format
    /// (`StateMachines.<machine>.TestCases.<case>` mapping states to
    /// `MockedResponses`), with `test_case` choosing the case (the first
    /// when `None`), or a simple `{"State": {"0": {"Return": ...}}}` map.
    ///
    /// A call range must run upward (`"1-2"`, not `"5-2"`) and ranges of a
    /// state must not overlap; a `test_case` with the simple map, which
    /// has no test cases, is an error. [`Mocks::check`] then checks the
    /// states against the definition.
    ///
    /// ```
    /// use rcdk_states::Mocks;
    /// use serde_json::json;
    /// let mocks = Mocks::from_json(&json!({"Call": {"0": {"Return": 1}, "1-2": {"Throw": {"Error": "E"}}}}), None).unwrap();
    /// assert!(Mocks::from_json(&json!({"Call": {"5-2": {"Return": 1}}}), None).is_err());
    /// assert!(Mocks::from_json(&json!({"Call": {"0": {"Return": 1}}}), Some("HappyPath")).is_err());
    /// ```
    pub fn from_json(json: &Json, test_case: Option<&str>) -> Result<Mocks, String> {
        match (json.get("StateMachines"), json.get("MockedResponses")) {
            (Some(machines), Some(responses)) => Mocks::from_sfn_local(machines, responses, test_case),
            (Some(_), None) | (None, Some(_)) => Err(
                "the mock file has only one of StateMachines and MockedResponses; Step Functions Local's format needs both".into(),
            ),
            (None, None) => {
                if let Some(name) = test_case {
                    return Err(format!(
                        "test case {name:?} was asked for, but the mock file has no test cases: it maps states to \
                         results directly (test cases need Step Functions Local's format, with StateMachines and MockedResponses)"
                    ));
                }
                let mut mocks = Mocks::new();
                for (state, r) in json.as_object().ok_or("a mock file must be a JSON object")? {
                    mocks.by_state.insert(state.clone(), parse_sequence(r, state)?);
                }
                Ok(mocks)
            }
        }
    }

    fn from_sfn_local(machines: &Json, responses: &Json, test_case: Option<&str>) -> Result<Mocks, String> {
        let cases = machines
            .as_object()
            .into_iter()
            .flatten()
            .flat_map(|(_, m)| m.get("TestCases").and_then(Json::as_object).into_iter().flatten())
            .collect::<Vec<_>>();
        let (_, case) = match test_case {
            Some(name) => cases
                .into_iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| format!("no test case {name:?} in the mock file"))?,
            None => cases.into_iter().next().ok_or("the mock file has no test case")?,
        };
        let mut mocks = Mocks::new();
        for (state, response) in case.as_object().into_iter().flatten() {
            let name = response
                .as_str()
                .ok_or_else(|| format!("state {state:?}: the test case must name a mocked response"))?;
            let r = responses
                .get(name)
                .ok_or_else(|| format!("state {state:?}: no mocked response {name:?}"))?;
            mocks.by_state.insert(state.clone(), parse_sequence(r, state)?);
        }
        Ok(mocks)
    }

    /// Checks the mocks against the machine they are for: every mocked
    /// state must be a Task state of the definition (in a Parallel branch or
    /// a Map's item processor too), since a mock of any other state is never
    /// used. Every problem is in the one message.
    ///
    /// ```
    /// use rcdk_states::{Machine, MockResult, Mocks};
    /// use serde_json::json;
    /// let m = Machine::from_str(r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#).unwrap();
    /// assert!(Mocks::new().state("Call", vec![MockResult::Return(json!(1))]).check(&m).is_ok());
    /// let e = Mocks::new().state("Cal", vec![MockResult::Return(json!(1))]).check(&m).unwrap_err();
    /// assert!(e.contains("state \"Cal\", which the definition does not have"), "{e}");
    /// ```
    pub fn check(&self, machine: &crate::Machine) -> Result<(), String> {
        let states = all_states(machine);
        let problems: Vec<String> = self
            .by_state
            .keys()
            .filter_map(|name| mock_problem(name, &states))
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }

    /// [`Mocks::check`] against several machines (an execution's and the
    /// child executions it may start): each mocked state must be a Task
    /// state of one of them.
    pub(crate) fn check_in(&self, machines: &[&crate::Machine]) -> Result<(), String> {
        let states: Vec<(&str, &crate::State)> = machines.iter().flat_map(|m| all_states(m)).collect();
        let problems: Vec<String> = self
            .by_state
            .keys()
            .filter_map(|name| mock_problem(name, &states))
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }

    /// The mocked result of a state's `call`-th call, if the state is mocked.
    pub fn result(&self, state: &str, call: u32) -> Option<MockResult> {
        let seq = self.by_state.get(state)?;
        seq.iter()
            .find(|(a, b, _)| (*a..=*b).contains(&call))
            .or_else(|| seq.last())
            .map(|(_, _, r)| r.clone())
    }
}

/// Every state of `machine` with its type, branches and item processors
/// included; a work list rather than recursion, so a deeply nested
/// definition cannot overflow the stack.
fn all_states(machine: &crate::Machine) -> Vec<(&str, &crate::State)> {
    let mut out = Vec::new();
    let mut todo = vec![machine];
    while let Some(m) = todo.pop() {
        for (name, state) in &m.states {
            out.push((name.as_str(), state));
            match &state.kind {
                crate::Kind::Parallel { branches } => todo.extend(branches),
                crate::Kind::Map { processor, .. } => todo.push(processor),
                _ => {}
            }
        }
    }
    out
}

/// Why a mock of `name` would never be used, if it would not.
fn mock_problem(name: &str, states: &[(&str, &crate::State)]) -> Option<String> {
    let same: Vec<&crate::State> = states.iter().filter(|(n, _)| *n == name).map(|(_, s)| *s).collect();
    let mockable = |s: &crate::State| match &s.kind {
        crate::Kind::Task { .. } => true,
        // A distributed Map's ItemReader: the mock gives the items.
        crate::Kind::Map {
            distributed: Some(d), ..
        } => d.item_reader.is_some(),
        _ => false,
    };
    if same.iter().any(|s| mockable(s)) {
        return None;
    }
    if let Some(s) = same.first() {
        return Some(format!(
            "state {name:?} is a {} state, and only Task states (and distributed Map states with an ItemReader) call a mock",
            s.type_name
        ));
    }
    let hint = states
        .iter()
        .find(|(n, _)| n.trim().eq_ignore_ascii_case(name.trim()))
        .map(|(n, _)| format!(" (did you mean {n:?}?)"))
        .unwrap_or_default();
    Some(format!(
        "the mock file mocks state {name:?}, which the definition does not have{hint}; name states exactly as the definition does"
    ))
}

fn parse_sequence(v: &Json, state: &str) -> Result<Vec<(u32, u32, MockResult)>, String> {
    let mut seq = Vec::new();
    for (range, r) in v
        .as_object()
        .ok_or_else(|| format!("state {state:?}: responses must be an object keyed by call index"))?
    {
        let (a, b) = parse_range(range).map_err(|e| format!("state {state:?}: {e}"))?;
        seq.push((a, b, parse_result(r, state, range)?));
    }
    seq.sort_by_key(|(a, _, _)| *a);
    // Overlapping ranges would make the result of a call depend on the order
    // of the keys.
    for pair in seq.windows(2) {
        if pair[1].0 <= pair[0].1 {
            return Err(format!(
                "state {state:?}: call ranges {} and {} overlap; give each call one result",
                show_range(pair[0].0, pair[0].1),
                show_range(pair[1].0, pair[1].1)
            ));
        }
    }
    Ok(seq)
}

/// `"3"` or `"1-2"` (first and last call, counting from 0).
fn parse_range(range: &str) -> Result<(u32, u32), String> {
    let index = |t: &str| t.trim().parse::<u32>();
    let parsed = match range.split_once('-') {
        Some((a, b)) => index(a).and_then(|a| Ok((a, index(b)?))),
        None => index(range).map(|a| (a, a)),
    };
    match parsed {
        Ok((a, b)) if a <= b => Ok((a, b)),
        Ok((a, b)) => Err(format!(
            "{range:?} runs backwards; a range goes from its first call to its last, like \"{b}-{a}\""
        )),
        Err(_) => Err(format!("{range:?} is not a call index or range like \"1-2\"")),
    }
}

fn show_range(a: u32, b: u32) -> String {
    if a == b {
        format!("\"{a}\"")
    } else {
        format!("\"{a}-{b}\"")
    }
}

fn parse_result(r: &Json, state: &str, range: &str) -> Result<MockResult, String> {
    if let Some(cb) = r.get("Callback") {
        let here = format!("state {state:?}, call {range}, Callback");
        let seconds = |v: &Json, what: &str| -> Result<f64, String> {
            v.as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0)
                .ok_or_else(|| format!("{here}: {what} must be a number of seconds, at least 0, not {v}"))
        };
        let mut callback = Callback::never();
        if let Some(hs) = cb.get("Heartbeats") {
            let list = hs
                .as_array()
                .ok_or_else(|| format!("{here}: Heartbeats must be a list of seconds"))?;
            callback.heartbeats = list
                .iter()
                .map(|h| seconds(h, "a heartbeat"))
                .collect::<Result<_, _>>()?;
        }
        if let Some(after) = cb.get("After") {
            callback.after_seconds = seconds(after, "After")?;
        }
        callback.response = match (cb.get("Success"), cb.get("Failure")) {
            (Some(_), Some(_)) => return Err(format!("{here}: give Success or Failure, not both")),
            (Some(out), None) => Some(Ok(out.clone())),
            (None, Some(f)) => Some(Err(TaskError {
                error: f.get("Error").and_then(Json::as_str).unwrap_or_default().to_owned(),
                cause: f.get("Cause").and_then(Json::as_str).unwrap_or_default().to_owned(),
            })),
            (None, None) => None,
        };
        return Ok(MockResult::Callback(callback));
    }
    if let Some(ret) = r.get("Return") {
        Ok(MockResult::Return(ret.clone()))
    } else if let Some(t) = r.get("Throw") {
        Ok(MockResult::Throw(TaskError {
            error: t
                .get("Error")
                .and_then(Json::as_str)
                .unwrap_or("States.TaskFailed")
                .to_owned(),
            cause: t.get("Cause").and_then(Json::as_str).unwrap_or_default().to_owned(),
        }))
    } else {
        Err(format!(
            "state {state:?}, call {range}: needs Return, Throw or Callback"
        ))
    }
}
