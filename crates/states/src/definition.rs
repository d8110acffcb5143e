//! Loading and checking an Amazon States Language definition.

use std::collections::{BTreeSet, VecDeque};
use std::fmt;

use indexmap::IndexMap;
use serde_json::{Map, Value as Json};

use crate::choice::Rule;
use crate::intrinsics::Call;
use crate::path::JsonPath;

/// A problem with a definition, located by the JSON path of the field and,
/// when loaded from text, the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line in the source, when known.
    pub line: Option<usize>,
    /// Where: `States.Call API.Next`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}: {}", self.location, self.message),
            None => write!(f, "{}: {}", self.location, self.message),
        }
    }
}

/// Why a definition could not be loaded: every problem found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError(pub Vec<Diagnostic>);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "invalid state machine definition ({} problem(s)):", self.0.len())?;
        for d in &self.0 {
            writeln!(f, "  {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// `InputPath` / `OutputPath`: absent (`$`), `null`, or a path.
#[derive(Clone, Debug, PartialEq)]
pub enum IoPath {
    /// The whole value.
    Whole,
    /// `null`: an empty object.
    Null,
    /// A path.
    Path(JsonPath),
}

/// `ResultPath`: absent (`$`), `null` (discard), or a reference path.
#[derive(Clone, Debug, PartialEq)]
pub enum ResultPath {
    /// Replace the input with the result.
    Whole,
    /// Discard the result.
    Discard,
    /// Put the result at the path.
    Path(JsonPath),
}

/// A retrier.
#[derive(Clone, Debug, PartialEq)]
pub struct Retrier {
    /// `ErrorEquals`.
    pub errors: Vec<String>,
    /// `IntervalSeconds` (default 1).
    pub interval_seconds: f64,
    /// `MaxAttempts` (default 3).
    pub max_attempts: u32,
    /// `BackoffRate` (default 2).
    pub backoff_rate: f64,
    /// `MaxDelaySeconds`.
    pub max_delay_seconds: Option<f64>,
    /// `JitterStrategy: FULL`.
    pub full_jitter: bool,
}

/// A catcher.
#[derive(Clone, Debug, PartialEq)]
pub struct Catcher {
    /// `ErrorEquals`.
    pub errors: Vec<String>,
    /// `ResultPath` for the error output.
    pub result_path: ResultPath,
    /// `Next`.
    pub next: String,
}

/// What a state does.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Kind {
    /// `Pass`.
    Pass {
        /// `Result`, replacing the effective input.
        result: Option<Json>,
    },
    /// `Task`.
    Task {
        /// `Resource`: the ARN of the integration.
        resource: String,
        /// `TimeoutSeconds`.
        timeout_seconds: Option<f64>,
        /// `TimeoutSecondsPath`.
        timeout_seconds_path: Option<JsonPath>,
        /// `HeartbeatSeconds`.
        heartbeat_seconds: Option<f64>,
    },
    /// `Choice`.
    Choice {
        /// `Choices`: each rule and its `Next`.
        choices: Vec<(Rule, String)>,
        /// `Default`.
        default: Option<String>,
    },
    /// `Wait`.
    Wait(WaitFor),
    /// `Succeed`.
    Succeed,
    /// `Fail`.
    Fail {
        /// `Error`.
        error: Option<String>,
        /// `Cause`.
        cause: Option<String>,
        /// `ErrorPath`: a path or an intrinsic function.
        error_path: Option<FailPath>,
        /// `CausePath`: a path or an intrinsic function.
        cause_path: Option<FailPath>,
    },
    /// `Parallel`.
    Parallel {
        /// `Branches`.
        branches: Vec<Machine>,
    },
    /// `Map` (inline).
    Map {
        /// `ItemProcessor` (or the legacy `Iterator`).
        processor: Box<Machine>,
        /// `ItemsPath`.
        items_path: IoPath,
        /// `ItemSelector` (or the legacy `Parameters`).
        item_selector: Option<Json>,
        /// `MaxConcurrency` (0 is unlimited).
        max_concurrency: u32,
    },
}

/// `ErrorPath` or `CausePath` of a Fail state: a path, or one of the
/// intrinsic functions that return a string
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html>).
#[derive(Clone, Debug, PartialEq)]
pub enum FailPath {
    /// A path into the state's input (or, with `$$`, the context object).
    Path(JsonPath),
    /// An intrinsic function call, such as `States.Format('{}', $.x)`.
    Intrinsic(Call),
}

/// The intrinsics AWS allows in `ErrorPath` and `CausePath`: those that return a string.
const FAIL_INTRINSICS: [&str; 7] = [
    "States.Format",
    "States.JsonToString",
    "States.ArrayGetItem",
    "States.Base64Encode",
    "States.Base64Decode",
    "States.Hash",
    "States.UUID",
];

/// What a Wait state waits for.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitFor {
    /// `Seconds`.
    Seconds(f64),
    /// `Timestamp`.
    Timestamp(String),
    /// `SecondsPath`.
    SecondsPath(JsonPath),
    /// `TimestampPath`.
    TimestampPath(JsonPath),
}

/// One state.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The state's `Type`.
    pub type_name: String,
    /// Type-specific fields.
    pub kind: Kind,
    /// `InputPath`.
    pub input_path: IoPath,
    /// `OutputPath`.
    pub output_path: IoPath,
    /// `Parameters`.
    pub parameters: Option<Json>,
    /// `ResultSelector`.
    pub result_selector: Option<Json>,
    /// `ResultPath`.
    pub result_path: ResultPath,
    /// `Next`.
    pub next: Option<String>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
}

/// A loaded, checked state machine (or Parallel branch, or Map processor).
#[derive(Clone, Debug, PartialEq)]
pub struct Machine {
    /// `Comment`.
    pub comment: Option<String>,
    /// `StartAt`.
    pub start_at: String,
    /// `States`, in definition order.
    pub states: IndexMap<String, State>,
    /// `TimeoutSeconds` of the whole execution.
    pub timeout_seconds: Option<f64>,
}

struct Loader<'a> {
    source: Option<&'a str>,
    diags: Vec<Diagnostic>,
}

impl Loader<'_> {
    /// The byte offset of the first `"needle"` at or after `from`; when
    /// `key`, only one followed by `:` (an object key, not a value).
    fn offset_of(&self, needle: &str, from: usize, key: bool) -> Option<usize> {
        let src = self.source?;
        let quoted = serde_json::to_string(needle).ok()?;
        let mut from = from;
        while let Some(i) = src.get(from..)?.find(&quoted) {
            let at = from + i;
            let after = src[at + quoted.len()..].trim_start();
            if !key || after.starts_with(':') {
                return Some(at);
            }
            from = at + quoted.len();
        }
        None
    }
    fn line_at(&self, offset: usize) -> Option<usize> {
        Some(self.source?.get(..offset)?.matches('\n').count() + 1)
    }
    fn line_of(&self, needle: &str) -> Option<usize> {
        self.line_at(self.offset_of(needle, 0, true)?)
    }
    /// The line of `needle` (a key, or a string value) inside the state
    /// named `state`: the first one after the state's own key. Falls back
    /// to the state's line when the text cannot be found as written.
    fn line_in_state(&self, state: &str, needle: &str, key: bool) -> Option<usize> {
        let start = self.offset_of(state, 0, true)?;
        let at = self.offset_of(needle, start, key).unwrap_or(start);
        self.line_at(at)
    }
    /// The line of the field a location names inside `state`
    /// (`States.A.Parameters.x.$` is the line of `"x.$"` after `"Parameters"`
    /// after `"A"`): each key of the location is looked for after the one
    /// before it, so the message points at the field, not at its state.
    /// Keys with dots (`x.$`) are tried whole before split.
    fn line_in_location(&self, state: &str, location: &str) -> Option<usize> {
        let mut at = self.offset_of(state, 0, true)?;
        let prefix = format!("States.{state}.");
        let Some(rest) = location.find(&prefix).map(|i| &location[i + prefix.len()..]) else {
            return self.line_at(at);
        };
        let tokens: Vec<&str> = rest.split('.').map(|t| t.split('[').next().unwrap_or(t)).collect();
        let mut i = 0;
        while i < tokens.len() {
            let found = (i + 1..=tokens.len())
                .rev()
                .find_map(|j| Some((j, self.offset_of(&tokens[i..j].join("."), at, true)?)));
            match found {
                Some((j, offset)) => {
                    at = offset;
                    i = j;
                }
                None => break,
            }
        }
        self.line_at(at)
    }
    fn diag(&mut self, state: Option<&str>, location: String, message: impl Into<String>) {
        let line = state
            .and_then(|s| self.line_in_location(s, &location))
            .or_else(|| self.line_of("StartAt"));
        self.push(line, location, message);
    }
    fn push(&mut self, line: Option<usize>, location: String, message: impl Into<String>) {
        self.diags.push(Diagnostic {
            line,
            location,
            message: message.into(),
        });
    }
}

impl Machine {
    /// Loads a definition from JSON text, checking it with line-precise messages.
    ///
    /// ```
    /// let m = rcdk_states::Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).unwrap();
    /// assert_eq!(m.start_at, "A");
    /// let e = rcdk_states::Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#).unwrap_err();
    /// assert!(e.to_string().contains("States.A.Next"));
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str) -> Result<Machine, LoadError> {
        let json: Json = serde_json::from_str(text).map_err(|e| {
            LoadError(vec![Diagnostic {
                line: Some(e.line()),
                location: "(document)".into(),
                message: format!("not valid JSON: {e}"),
            }])
        })?;
        let mut l = Loader {
            source: Some(text),
            diags: Vec::new(),
        };
        let m = load(&json, "", &mut l);
        if l.diags.is_empty() {
            Ok(m)
        } else {
            Err(LoadError(l.diags))
        }
    }

    /// Loads a definition from JSON data.
    pub fn from_json(json: &Json) -> Result<Machine, LoadError> {
        let mut l = Loader {
            source: None,
            diags: Vec::new(),
        };
        let m = load(json, "", &mut l);
        if l.diags.is_empty() {
            Ok(m)
        } else {
            Err(LoadError(l.diags))
        }
    }
}

fn io_path(v: Option<&Json>, loc: &str, state: &str, l: &mut Loader) -> IoPath {
    match v {
        None => IoPath::Whole,
        Some(Json::Null) => IoPath::Null,
        Some(Json::String(s)) => match JsonPath::parse(s) {
            Ok(p) => IoPath::Path(p),
            Err(e) => {
                l.diag(Some(state), loc.to_owned(), e.to_string());
                IoPath::Whole
            }
        },
        Some(_) => {
            l.diag(Some(state), loc.to_owned(), "must be a JSONPath string or null");
            IoPath::Whole
        }
    }
}

fn result_path(v: Option<&Json>, loc: &str, state: &str, l: &mut Loader) -> ResultPath {
    match v {
        None => ResultPath::Whole,
        Some(Json::Null) => ResultPath::Discard,
        Some(Json::String(s)) => match JsonPath::parse(s) {
            Ok(p) if p.is_reference_path() => {
                if s == "$" {
                    ResultPath::Whole
                } else {
                    ResultPath::Path(p)
                }
            }
            Ok(_) => {
                l.diag(
                    Some(state),
                    loc.to_owned(),
                    format!("{s:?} is not a reference path (only fields and indexes, on $)"),
                );
                ResultPath::Whole
            }
            Err(e) => {
                l.diag(Some(state), loc.to_owned(), e.to_string());
                ResultPath::Whole
            }
        },
        Some(_) => {
            l.diag(Some(state), loc.to_owned(), "must be a reference path or null");
            ResultPath::Whole
        }
    }
}

/// Checks every `.$` key of a payload template: a path or an intrinsic that parses.
fn check_template(v: &Json, loc: &str, state: &str, l: &mut Loader) {
    match v {
        Json::Object(m) => {
            for (k, v) in m {
                let here = format!("{loc}.{k}");
                if k.ends_with(".$") {
                    match v.as_str() {
                        Some(s) if s.starts_with("States.") => {
                            if let Err(e) = crate::intrinsics::parse(s) {
                                l.diag(Some(state), here, e.0);
                            }
                        }
                        Some(s) => {
                            if let Err(e) = JsonPath::parse(s) {
                                l.diag(Some(state), here, e.to_string());
                            }
                        }
                        None => l.diag(
                            Some(state),
                            here,
                            "a key ending in .$ needs a path or intrinsic function string",
                        ),
                    }
                } else {
                    check_template(v, &here, state, l);
                }
            }
        }
        Json::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| check_template(v, &format!("{loc}[{i}]"), state, l)),
        _ => {}
    }
}

fn errors_list(v: Option<&Json>, loc: &str, state: &str, l: &mut Loader) -> Vec<String> {
    match v.and_then(Json::as_array) {
        Some(a) if !a.is_empty() && a.iter().all(Json::is_string) => {
            let errs: Vec<String> = a.iter().filter_map(Json::as_str).map(str::to_owned).collect();
            if errs.iter().any(|e| e == "States.ALL") && errs.len() > 1 {
                l.diag(
                    Some(state),
                    loc.to_owned(),
                    "States.ALL must appear alone in ErrorEquals",
                );
            }
            errs
        }
        _ => {
            l.diag(
                Some(state),
                loc.to_owned(),
                "ErrorEquals must be a non-empty list of error names",
            );
            Vec::new()
        }
    }
}

/// How a refused JSONata or workflow-variable feature is explained: such a
/// definition must fail to load rather than run with the feature ignored.
const LATER: &str = "is not supported yet (a later release of rcdk-states adds it)";

/// `QueryLanguage` at the top of a definition or on a state: JSONPath (the
/// default) runs; JSONata is refused.
fn check_query_language(o: &Map<String, Json>, location: String, line: Option<usize>, l: &mut Loader) {
    let message = match o.get("QueryLanguage") {
        None => return,
        Some(v) if v == "JSONPath" => return,
        Some(v) if v == "JSONata" => format!("JSONata {LATER}; use JSONPath, the default query language"),
        Some(v) => format!("must be \"JSONPath\" or \"JSONata\", not {v}"),
    };
    l.push(line, location, message);
}

/// Why a field of a state, catcher or choice rule is refused, if it is one
/// of the JSONata or workflow-variable fields.
fn unsupported_field(key: &str) -> Option<String> {
    let what = match key {
        "Assign" => "Assign (workflow variables)",
        "Output" => "Output (a JSONata field; JSONPath states use OutputPath)",
        "Arguments" => "Arguments (a JSONata field; JSONPath states use Parameters)",
        "Condition" => "Condition (a JSONata field; JSONPath rules use Variable and a comparison)",
        _ => return None,
    };
    Some(format!("{what} {LATER}"))
}

/// Reports the JSONata and workflow-variable fields of `o` (a state, a
/// catcher or a choice rule at `loc`); true when there was one.
fn check_unsupported_fields(o: &Map<String, Json>, loc: &str, state: &str, l: &mut Loader) -> bool {
    let mut found = false;
    for key in o.keys() {
        if let Some(message) = unsupported_field(key) {
            let line = l.line_in_state(state, key, true);
            l.push(line, format!("{loc}.{key}"), message);
            found = true;
        }
    }
    found
}

/// A string that AWS evaluates as a JSONata expression.
fn is_jsonata(s: &str) -> bool {
    s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}")
}

/// Reports every `{% ... %}` string in `v` (at `loc`).
fn check_jsonata_strings(v: &Json, loc: &str, state: &str, l: &mut Loader) {
    match v {
        Json::String(s) if is_jsonata(s) => {
            let line = l.line_in_state(state, s, false);
            l.push(
                line,
                loc.to_owned(),
                format!("{s:?} is a JSONata expression, and JSONata {LATER}"),
            );
        }
        Json::Object(m) => m
            .iter()
            .for_each(|(k, v)| check_jsonata_strings(v, &format!("{loc}.{k}"), state, l)),
        Json::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| check_jsonata_strings(v, &format!("{loc}[{i}]"), state, l)),
        _ => {}
    }
}

/// Reports the `{% ... %}` strings in the fields of `o` (at `loc`), except
/// in fields already refused as a whole, so each problem is reported once.
fn check_jsonata_fields(o: &Map<String, Json>, loc: &str, state: &str, l: &mut Loader) {
    for (k, v) in o {
        if unsupported_field(k).is_none() {
            check_jsonata_strings(v, &format!("{loc}.{k}"), state, l);
        }
    }
}

/// Refuses what a state (and its catchers and choice rules) uses of JSONata
/// and workflow variables. Nested definitions (branches, item processors)
/// are checked when they load.
fn check_unsupported(o: &Map<String, Json>, name: &str, prefix: &str, l: &mut Loader) {
    let loc = format!("{prefix}States.{name}");
    let line = l.line_in_state(name, "QueryLanguage", true);
    check_query_language(o, format!("{loc}.QueryLanguage"), line, l);
    check_unsupported_fields(o, &loc, name, l);
    let skip = [
        "Comment",
        "Branches",
        "ItemProcessor",
        "Iterator",
        "QueryLanguage",
        "Catch",
        "Choices",
    ];
    for (k, v) in o.iter().filter(|(k, _)| !skip.contains(&k.as_str())) {
        if unsupported_field(k).is_none() {
            check_jsonata_strings(v, &format!("{loc}.{k}"), name, l);
        }
    }
    // Catchers' and rules' own Assign/Output/Condition are refused where
    // they load; only their other fields are searched here.
    for list in ["Catch", "Choices"] {
        for (i, item) in o.get(list).and_then(Json::as_array).into_iter().flatten().enumerate() {
            let here = format!("{loc}.{list}[{i}]");
            match item.as_object() {
                Some(m) => check_jsonata_fields(m, &here, name, l),
                None => check_jsonata_strings(item, &here, name, l),
            }
        }
    }
}

/// `ErrorPath` or `CausePath`: a path, or an intrinsic that returns a string.
fn fail_path(o: &Map<String, Json>, key: &str, name: &str, loc: String, l: &mut Loader) -> Option<FailPath> {
    let v = o.get(key)?;
    let Some(s) = v.as_str() else {
        l.diag(Some(name), loc, "must be a path or an intrinsic function string");
        return None;
    };
    if !s.starts_with("States.") {
        return match JsonPath::parse(s) {
            Ok(p) => Some(FailPath::Path(p)),
            Err(e) => {
                l.diag(Some(name), loc, e.to_string());
                None
            }
        };
    }
    let function = s.split('(').next().unwrap_or_default().trim();
    if !FAIL_INTRINSICS.contains(&function) {
        let allowed = FAIL_INTRINSICS.join(", ");
        l.diag(
            Some(name),
            loc,
            format!("{function} does not return a string; use one of {allowed}"),
        );
        return None;
    }
    match crate::intrinsics::parse(s) {
        Ok(call) => Some(FailPath::Intrinsic(call)),
        Err(e) => {
            l.diag(Some(name), loc, e.0);
            None
        }
    }
}

/// A Fail state: `Error` or `ErrorPath`, `Cause` or `CausePath`, never both.
fn fail_kind(o: &Map<String, Json>, name: &str, prefix: &str, l: &mut Loader) -> Kind {
    let loc = |f: &str| format!("{prefix}States.{name}.{f}");
    for (lit, path) in [("Error", "ErrorPath"), ("Cause", "CausePath")] {
        if o.contains_key(lit) && o.contains_key(path) {
            l.diag(Some(name), loc(path), format!("use either {lit} or {path}, not both"));
        }
    }
    Kind::Fail {
        error: o.get("Error").and_then(Json::as_str).map(str::to_owned),
        cause: o.get("Cause").and_then(Json::as_str).map(str::to_owned),
        error_path: fail_path(o, "ErrorPath", name, loc("ErrorPath"), l),
        cause_path: fail_path(o, "CausePath", name, loc("CausePath"), l),
    }
}

fn num(v: Option<&Json>) -> Option<f64> {
    v.and_then(Json::as_f64)
}

fn load(json: &Json, prefix: &str, l: &mut Loader) -> Machine {
    let empty = Map::new();
    let obj = json.as_object().unwrap_or_else(|| {
        l.diag(
            None,
            format!("{prefix}(document)"),
            "a definition must be a JSON object",
        );
        &empty
    });
    let start_at = match obj.get("StartAt").and_then(Json::as_str) {
        Some(s) => s.to_owned(),
        None => {
            l.diag(
                None,
                format!("{prefix}StartAt"),
                "StartAt is required and must name a state",
            );
            String::new()
        }
    };
    let mut states = IndexMap::new();
    match obj.get("States").and_then(Json::as_object) {
        Some(m) if !m.is_empty() => {
            for (name, s) in m {
                if name.is_empty() || name.chars().count() > 80 {
                    l.diag(
                        Some(name),
                        format!("{prefix}States.{name}"),
                        "state names must be 1 to 80 characters",
                    );
                }
                if let Some(st) = load_state(name, s, prefix, l) {
                    states.insert(name.clone(), st);
                }
            }
        }
        _ => l.diag(
            None,
            format!("{prefix}States"),
            "States is required and must be a non-empty object",
        ),
    }
    let line = l.line_of("QueryLanguage");
    check_query_language(obj, format!("{prefix}QueryLanguage"), line, l);
    let machine = Machine {
        comment: obj.get("Comment").and_then(Json::as_str).map(str::to_owned),
        start_at,
        states,
        timeout_seconds: num(obj.get("TimeoutSeconds")),
    };
    check_graph(&machine, prefix, l);
    machine
}

fn load_state(name: &str, s: &Json, prefix: &str, l: &mut Loader) -> Option<State> {
    let loc = |f: &str| format!("{prefix}States.{name}.{f}");
    let Some(o) = s.as_object() else {
        l.diag(
            Some(name),
            format!("{prefix}States.{name}"),
            "a state must be an object",
        );
        return None;
    };
    let type_name = o.get("Type").and_then(Json::as_str).unwrap_or("").to_owned();
    let next = o.get("Next").and_then(Json::as_str).map(str::to_owned);
    let end = o.get("End").and_then(Json::as_bool).unwrap_or(false);
    let flow = matches!(type_name.as_str(), "Pass" | "Task" | "Wait" | "Parallel" | "Map");
    if flow && next.is_some() == end {
        l.diag(
            Some(name),
            loc("Next"),
            format!("a {type_name} state needs exactly one of Next and End"),
        );
    }
    if !flow && (next.is_some() || o.contains_key("End")) && !type_name.is_empty() {
        l.diag(
            Some(name),
            loc("Next"),
            format!("a {type_name} state must not have Next or End"),
        );
    }
    let mut retry = Vec::new();
    for (i, r) in o
        .get("Retry")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let here = loc(&format!("Retry[{i}]"));
        let errors = errors_list(r.get("ErrorEquals"), &format!("{here}.ErrorEquals"), name, l);
        let interval = num(r.get("IntervalSeconds")).unwrap_or(1.0);
        let attempts = num(r.get("MaxAttempts")).unwrap_or(3.0);
        let backoff = num(r.get("BackoffRate")).unwrap_or(2.0);
        if interval < 1.0 {
            l.diag(
                Some(name),
                format!("{here}.IntervalSeconds"),
                "must be a positive integer",
            );
        }
        if attempts < 0.0 {
            l.diag(Some(name), format!("{here}.MaxAttempts"), "must not be negative");
        }
        if backoff < 1.0 {
            l.diag(Some(name), format!("{here}.BackoffRate"), "must be at least 1.0");
        }
        retry.push(Retrier {
            errors,
            interval_seconds: interval,
            max_attempts: attempts.max(0.0) as u32,
            backoff_rate: backoff,
            max_delay_seconds: num(r.get("MaxDelaySeconds")),
            full_jitter: r.get("JitterStrategy").and_then(Json::as_str) == Some("FULL"),
        });
    }
    let mut catch = Vec::new();
    for (i, c) in o
        .get("Catch")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let here = loc(&format!("Catch[{i}]"));
        if let Some(co) = c.as_object() {
            check_unsupported_fields(co, &here, name, l);
        }
        let errors = errors_list(c.get("ErrorEquals"), &format!("{here}.ErrorEquals"), name, l);
        let result_path = result_path(c.get("ResultPath"), &format!("{here}.ResultPath"), name, l);
        let next = match c.get("Next").and_then(Json::as_str) {
            Some(n) => n.to_owned(),
            None => {
                l.diag(Some(name), format!("{here}.Next"), "a catcher needs Next");
                String::new()
            }
        };
        catch.push(Catcher {
            errors,
            result_path,
            next,
        });
    }
    check_unsupported(o, name, prefix, l);
    for key in ["Parameters", "ResultSelector", "ItemSelector"] {
        if let Some(p) = o.get(key) {
            check_template(p, &loc(key), name, l);
        }
    }
    let path = |key: &str, l: &mut Loader| -> Option<JsonPath> {
        let s = o.get(key)?.as_str()?;
        match JsonPath::parse(s) {
            Ok(p) => Some(p),
            Err(e) => {
                l.diag(Some(name), loc(key), e.to_string());
                None
            }
        }
    };
    let kind = match type_name.as_str() {
        "Pass" => Kind::Pass {
            result: o.get("Result").cloned(),
        },
        "Task" => {
            let resource = match o.get("Resource").and_then(Json::as_str) {
                Some(r) => r.to_owned(),
                None => {
                    l.diag(Some(name), loc("Resource"), "a Task state needs a Resource ARN");
                    String::new()
                }
            };
            Kind::Task {
                resource,
                timeout_seconds: num(o.get("TimeoutSeconds")),
                timeout_seconds_path: path("TimeoutSecondsPath", l),
                heartbeat_seconds: num(o.get("HeartbeatSeconds")),
            }
        }
        "Choice" => {
            let mut choices = Vec::new();
            match o.get("Choices").and_then(Json::as_array) {
                Some(a) if !a.is_empty() => {
                    for (i, c) in a.iter().enumerate() {
                        let here = loc(&format!("Choices[{i}]"));
                        // A JSONata rule is explained as such, not as a malformed comparison.
                        let refused = c
                            .as_object()
                            .is_some_and(|co| check_unsupported_fields(co, &here, name, l));
                        if refused {
                            continue;
                        }
                        match Rule::parse(c, true) {
                            Ok(rule) => {
                                let next = c.get("Next").and_then(Json::as_str).unwrap_or_default().to_owned();
                                if next.is_empty() {
                                    l.diag(Some(name), format!("{here}.Next"), "a choice rule needs Next");
                                }
                                choices.push((rule, next));
                            }
                            Err(e) => l.diag(Some(name), here, e),
                        }
                    }
                }
                _ => l.diag(
                    Some(name),
                    loc("Choices"),
                    "a Choice state needs a non-empty Choices list",
                ),
            }
            Kind::Choice {
                choices,
                default: o.get("Default").and_then(Json::as_str).map(str::to_owned),
            }
        }
        "Wait" => {
            let forms: Vec<&str> = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"]
                .into_iter()
                .filter(|k| o.contains_key(*k))
                .collect();
            if forms.len() != 1 {
                l.diag(
                    Some(name),
                    loc("Seconds"),
                    "a Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath",
                );
            }
            match forms.first().copied() {
                Some("Timestamp") => {
                    let t = o["Timestamp"].as_str().unwrap_or_default().to_owned();
                    if crate::time::parse_timestamp(&t).is_none() {
                        l.diag(
                            Some(name),
                            loc("Timestamp"),
                            format!("{t:?} is not an RFC 3339 timestamp"),
                        );
                    }
                    Kind::Wait(WaitFor::Timestamp(t))
                }
                Some("SecondsPath") => Kind::Wait(WaitFor::SecondsPath(
                    path("SecondsPath", l).unwrap_or_else(|| JsonPath::parse("$").expect("valid")),
                )),
                Some("TimestampPath") => Kind::Wait(WaitFor::TimestampPath(
                    path("TimestampPath", l).unwrap_or_else(|| JsonPath::parse("$").expect("valid")),
                )),
                _ => {
                    let s = num(o.get("Seconds")).unwrap_or(0.0);
                    if s < 0.0 {
                        l.diag(Some(name), loc("Seconds"), "must not be negative");
                    }
                    Kind::Wait(WaitFor::Seconds(s))
                }
            }
        }
        "Succeed" => Kind::Succeed,
        "Fail" => fail_kind(o, name, prefix, l),
        "Parallel" => {
            let mut branches = Vec::new();
            match o.get("Branches").and_then(Json::as_array) {
                Some(a) if !a.is_empty() => {
                    for (i, b) in a.iter().enumerate() {
                        branches.push(load(b, &format!("{prefix}States.{name}.Branches[{i}]."), l));
                    }
                }
                _ => l.diag(
                    Some(name),
                    loc("Branches"),
                    "a Parallel state needs a non-empty Branches list",
                ),
            }
            Kind::Parallel { branches }
        }
        "Map" => {
            let proc = o.get("ItemProcessor").or_else(|| o.get("Iterator"));
            let processor = match proc {
                Some(p) => load(p, &format!("{prefix}States.{name}.ItemProcessor."), l),
                None => {
                    l.diag(Some(name), loc("ItemProcessor"), "a Map state needs an ItemProcessor");
                    Machine {
                        comment: None,
                        start_at: String::new(),
                        states: IndexMap::new(),
                        timeout_seconds: None,
                    }
                }
            };
            Kind::Map {
                processor: Box::new(processor),
                items_path: io_path(o.get("ItemsPath"), &loc("ItemsPath"), name, l),
                item_selector: o.get("ItemSelector").or_else(|| o.get("Parameters")).cloned(),
                max_concurrency: num(o.get("MaxConcurrency")).unwrap_or(0.0) as u32,
            }
        }
        "" => {
            l.diag(Some(name), loc("Type"), "a state needs a Type");
            return None;
        }
        other => {
            l.diag(
                Some(name),
                loc("Type"),
                format!("unknown state type {other:?}; use Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map"),
            );
            return None;
        }
    };
    let parameters = if type_name == "Map" && !o.contains_key("ItemSelector") {
        None
    } else {
        o.get("Parameters").cloned()
    };
    Some(State {
        kind,
        input_path: io_path(o.get("InputPath"), &loc("InputPath"), name, l),
        output_path: io_path(o.get("OutputPath"), &loc("OutputPath"), name, l),
        parameters,
        result_selector: o.get("ResultSelector").cloned(),
        result_path: result_path(o.get("ResultPath"), &loc("ResultPath"), name, l),
        next,
        retry,
        catch,
        type_name,
    })
}

/// The states a state may go to next.
pub fn successors(state: &State) -> Vec<&str> {
    let mut out: Vec<&str> = state.next.iter().map(String::as_str).collect();
    if let Kind::Choice { choices, default } = &state.kind {
        out.extend(choices.iter().map(|(_, n)| n.as_str()));
        out.extend(default.iter().map(String::as_str));
    }
    out.extend(state.catch.iter().map(|c| c.next.as_str()));
    out
}

fn check_graph(m: &Machine, prefix: &str, l: &mut Loader) {
    if m.start_at.is_empty() || m.states.is_empty() {
        return;
    }
    if !m.states.contains_key(&m.start_at) {
        l.diag(
            None,
            format!("{prefix}StartAt"),
            format!(
                "{:?} is not a state of the definition; name one of the States",
                m.start_at
            ),
        );
        return;
    }
    for (name, s) in &m.states {
        let mut targets: Vec<(String, &str)> = s.next.iter().map(|n| ("Next".to_owned(), n.as_str())).collect();
        if let Kind::Choice { choices, default } = &s.kind {
            targets.extend(
                choices
                    .iter()
                    .enumerate()
                    .map(|(i, (_, n))| (format!("Choices[{i}].Next"), n.as_str())),
            );
            targets.extend(default.iter().map(|d| ("Default".to_owned(), d.as_str())));
        }
        targets.extend(
            s.catch
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("Catch[{i}].Next"), c.next.as_str())),
        );
        for (field, n) in targets {
            if !n.is_empty() && !m.states.contains_key(n) {
                l.diag(
                    Some(name),
                    format!("{prefix}States.{name}.{field}"),
                    format!("{n:?} is not a state of the definition; add that state or name an existing one"),
                );
            }
        }
    }
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([m.start_at.as_str()]);
    while let Some(n) = queue.pop_front() {
        if seen.insert(n) {
            if let Some(s) = m.states.get(n) {
                queue.extend(successors(s));
            }
        }
    }
    for name in m.states.keys() {
        if !seen.contains(name.as_str()) {
            l.diag(
                Some(name),
                format!("{prefix}States.{name}"),
                format!("cannot be reached from StartAt {:?}", m.start_at),
            );
        }
    }
    let terminal = m.states.values().any(|s| {
        matches!(s.kind, Kind::Succeed | Kind::Fail { .. })
            || (s.next.is_none() && !matches!(s.kind, Kind::Choice { .. }))
    });
    if !terminal {
        l.diag(
            None,
            format!("{prefix}States"),
            "no state ends the execution (End, Succeed or Fail)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every problem of a definition, one per line.
    fn problems(text: &str) -> String {
        Machine::from_str(text).expect_err("expected a load error").to_string()
    }

    #[test]
    fn jsonata_query_language_is_refused_with_its_line() {
        let top = "{\n  \"QueryLanguage\": \"JSONata\",\n  \"StartAt\": \"A\",\n  \"States\": {\"A\": {\"Type\": \"Succeed\"}}\n}";
        let e = problems(top);
        assert!(
            e.contains("line 2: QueryLanguage: JSONata is not supported yet (a later release"),
            "{e}"
        );
        let state = "{\"StartAt\": \"A\", \"States\": {\n  \"A\": {\"Type\": \"Pass\",\n    \"QueryLanguage\": \"JSONata\", \"End\": true}}}";
        let e = problems(state);
        assert!(
            e.contains("line 3: States.A.QueryLanguage: JSONata is not supported yet"),
            "{e}"
        );
        assert!(
            problems(r#"{"QueryLanguage": "XPath", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)
                .contains("QueryLanguage: must be \"JSONPath\" or \"JSONata\"")
        );
    }

    #[test]
    fn jsonpath_query_language_is_accepted() {
        let m = Machine::from_str(
            r#"{"QueryLanguage": "JSONPath", "StartAt": "A", "States": {"A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}"#,
        );
        assert!(m.is_ok(), "{m:?}");
    }

    #[test]
    fn variable_and_jsonata_fields_are_refused_with_their_lines() {
        let text = "{\"StartAt\": \"A\", \"States\": {\n  \"A\": {\"Type\": \"Task\", \"Resource\": \"r\",\n    \"Assign\": {\"x\": 1},\n    \"Arguments\": {\"a\": 1},\n    \"Output\": {\"b\": 2},\n    \"End\": true}}}";
        let e = problems(text);
        for expected in [
            "line 3: States.A.Assign: Assign (workflow variables) is not supported yet",
            "line 4: States.A.Arguments: Arguments (a JSONata field; JSONPath states use Parameters) is not supported yet",
            "line 5: States.A.Output: Output (a JSONata field; JSONPath states use OutputPath) is not supported yet",
        ] {
            assert!(e.contains(expected), "missing {expected:?} in\n{e}");
        }
    }

    #[test]
    fn jsonata_expressions_are_refused_where_they_are() {
        let text = "{\"StartAt\": \"A\", \"States\": {\n  \"A\": {\"Type\": \"Pass\",\n    \"Parameters\": {\"list\": [1, \"{% $states.input.x %}\"]},\n    \"End\": true}}}";
        let e = problems(text);
        assert!(
            e.contains("line 3: States.A.Parameters.list[1]: \"{% $states.input.x %}\" is a JSONata expression, and JSONata is not supported yet"),
            "{e}"
        );
        // Text that only looks like an expression inside is left alone.
        assert!(Machine::from_str(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "50 {% off", "Comment": "{% x %}", "End": true}}}"#
        )
        .is_ok());
    }

    #[test]
    fn catchers_and_choice_rules_with_jsonata_or_variables_are_refused() {
        let e = problems(
            r#"{"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "r", "Next": "C",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"failed": true}, "Next": "C"}]},
            "C": {"Type": "Choice", "Choices": [{"Condition": "{% $x > 1 %}", "Next": "D"}], "Default": "D"},
            "D": {"Type": "Succeed"}}}"#,
        );
        assert!(
            e.contains("States.T.Catch[0].Assign: Assign (workflow variables) is not supported yet"),
            "{e}"
        );
        assert!(
            e.contains("States.C.Choices[0].Condition: Condition (a JSONata field"),
            "{e}"
        );
        // The rule is explained as JSONata, once, not as a malformed comparison.
        assert!(!e.contains("a comparison needs a Variable path"), "{e}");
        assert_eq!(e.matches("$x > 1").count(), 0, "{e}");
    }

    #[test]
    fn workflow_variable_paths_are_refused() {
        let e = problems(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$total"}, "End": true}}}"#,
        );
        assert!(e.contains("States.A.Parameters.x.$: invalid JSONPath \"$total\": \"$name\" reads a workflow variable, and workflow variables are not supported yet"), "{e}");
    }

    #[test]
    fn fail_paths_take_string_intrinsics() {
        let m = Machine::from_str(
            r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "States.Format('{}', $.e)", "CausePath": "$.c"}}}"#,
        )
        .unwrap();
        let Kind::Fail {
            error_path, cause_path, ..
        } = &m.states["F"].kind
        else {
            panic!("not a Fail state");
        };
        assert!(matches!(error_path, Some(FailPath::Intrinsic(_))));
        assert!(matches!(cause_path, Some(FailPath::Path(_))));
    }

    #[test]
    fn fail_paths_refuse_other_intrinsics_and_doubles() {
        let e = problems(
            r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "States.ArrayLength($.a)", "Cause": "c", "CausePath": "$.c"}}}"#,
        );
        assert!(
            e.contains("States.F.ErrorPath: States.ArrayLength does not return a string; use one of States.Format"),
            "{e}"
        );
        assert!(
            e.contains("States.F.CausePath: use either Cause or CausePath, not both"),
            "{e}"
        );
        let e = problems(r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "States.Format('{}'"}}}"#);
        assert!(e.contains("States.F.ErrorPath:"), "{e}");
    }
}
