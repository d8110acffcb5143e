//! Task handlers: what a Task state's resource does when run locally.

use std::sync::{Arc, Mutex};

use indexmap::IndexMap;
use serde_json::{json, Map, Value as Json};

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
#[derive(Clone, Debug, Default)]
pub struct ApiGatewayInvoke {
    endpoints: Vec<(String, String)>,
}

impl ApiGatewayInvoke {
    /// A handler with no endpoints mapped.
    pub fn new() -> ApiGatewayInvoke {
        ApiGatewayInvoke::default()
    }

    /// Maps an `ApiEndpoint` (a host, a `${Placeholder}` or its name, or `*`
    /// for any) to a base URL such as `http://127.0.0.1:8080`.
    pub fn endpoint(mut self, name: &str, base_url: &str) -> ApiGatewayInvoke {
        self.endpoints
            .push((name.to_owned(), base_url.trim_end_matches('/').to_owned()));
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
        let mut headers = Vec::new();
        for (k, vs) in p.get("Headers").and_then(Json::as_object).into_iter().flatten() {
            let vals: Vec<&str> = vs.as_array().into_iter().flatten().filter_map(Json::as_str).collect();
            headers.push((k.clone(), vals.join(",")));
        }
        let body = p.get("RequestBody").map(|b| match b {
            Json::String(s) => s.clone().into_bytes(),
            other => {
                headers.push(("Content-Type".into(), "application/json".into()));
                serde_json::to_vec(other).unwrap_or_default()
            }
        });
        let resp = match crate::http::request(method, &url, &headers, body.as_deref()) {
            Ok(r) => r,
            Err(e) => return TaskOutcome::err("States.TaskFailed", &e),
        };
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
}

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
        let n = match self.messages.lock() {
            Ok(mut m) => {
                m.push(published);
                m.len()
            }
            Err(_) => 0,
        };
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
    /// `Return`: the task's result.
    Return(Json),
    /// `Throw`: the task fails.
    Throw(TaskError),
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
    pub fn from_json(json: &Json, test_case: Option<&str>) -> Result<Mocks, String> {
        let mut mocks = Mocks::new();
        if let (Some(machines), Some(responses)) = (json.get("StateMachines"), json.get("MockedResponses")) {
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
            for (state, response) in case.as_object().into_iter().flatten() {
                let name = response
                    .as_str()
                    .ok_or_else(|| format!("state {state:?}: the test case must name a mocked response"))?;
                let r = responses
                    .get(name)
                    .ok_or_else(|| format!("state {state:?}: no mocked response {name:?}"))?;
                mocks.by_state.insert(state.clone(), parse_sequence(r, state)?);
            }
            return Ok(mocks);
        }
        for (state, r) in json.as_object().ok_or("a mock file must be a JSON object")? {
            mocks.by_state.insert(state.clone(), parse_sequence(r, state)?);
        }
        Ok(mocks)
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

fn parse_sequence(v: &Json, state: &str) -> Result<Vec<(u32, u32, MockResult)>, String> {
    let mut seq = Vec::new();
    for (range, r) in v
        .as_object()
        .ok_or_else(|| format!("state {state:?}: responses must be an object keyed by call index"))?
    {
        let (a, b) = match range.split_once('-') {
            Some((a, b)) => (a.trim().parse(), b.trim().parse()),
            None => (range.trim().parse(), range.trim().parse()),
        };
        let (Ok(a), Ok(b)) = (a, b) else {
            return Err(format!(
                "state {state:?}: {range:?} is not a call index or range like \"1-2\""
            ));
        };
        let result = if let Some(ret) = r.get("Return") {
            MockResult::Return(ret.clone())
        } else if let Some(t) = r.get("Throw") {
            MockResult::Throw(TaskError {
                error: t
                    .get("Error")
                    .and_then(Json::as_str)
                    .unwrap_or("States.TaskFailed")
                    .to_owned(),
                cause: t.get("Cause").and_then(Json::as_str).unwrap_or_default().to_owned(),
            })
        } else {
            return Err(format!("state {state:?}, call {range}: needs Return or Throw"));
        };
        seq.push((a, b, result));
    }
    seq.sort_by_key(|(a, _, _)| *a);
    Ok(seq)
}
