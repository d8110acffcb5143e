//! Loading and checking an Amazon States Language definition.

use std::collections::{BTreeSet, VecDeque};
use std::fmt;

use indexmap::IndexMap;
use serde_json::{Map, Value as Json};

use crate::choice::Rule;
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
        /// `ErrorPath`.
        error_path: Option<JsonPath>,
        /// `CausePath`.
        cause_path: Option<JsonPath>,
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
    fn line_of(&self, needle: &str) -> Option<usize> {
        let src = self.source?;
        let quoted = serde_json::to_string(needle).ok()?;
        let mut from = 0;
        while let Some(i) = src[from..].find(&quoted) {
            let at = from + i;
            let after = src[at + quoted.len()..].trim_start();
            if after.starts_with(':') {
                return Some(src[..at].matches('\n').count() + 1);
            }
            from = at + quoted.len();
        }
        None
    }
    fn diag(&mut self, state: Option<&str>, location: String, message: impl Into<String>) {
        let line = state.and_then(|s| self.line_of(s)).or_else(|| self.line_of("StartAt"));
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
        "Fail" => Kind::Fail {
            error: o.get("Error").and_then(Json::as_str).map(str::to_owned),
            cause: o.get("Cause").and_then(Json::as_str).map(str::to_owned),
            error_path: path("ErrorPath", l),
            cause_path: path("CausePath", l),
        },
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
            format!("{:?} is not a state of the definition", m.start_at),
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
                    format!("{n:?} is not a state of the definition"),
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
