//! Loading and checking an Amazon States Language definition.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fmt;

use indexmap::IndexMap;
use serde_json::{Map, Value as Json};

use crate::choice::Rule;
use crate::intrinsics::Call;
use crate::limits::{measure, TooBig, MAX_DEFINITION_BYTES, MAX_DEPTH, MAX_SECONDS};
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
    /// The name of the innermost state the problem is in or about (a state
    /// of a Parallel branch or a Map processor, not the Parallel or Map
    /// state, when the problem is inside one), so that a caller that built
    /// the definition from its own states (a construct library at synth)
    /// can point at the state by name without parsing `location`, whose
    /// state names may themselves hold dots. A problem with a nested
    /// definition as a whole (a branch without `StartAt`) names the Parallel
    /// or Map state that holds it. `None` for a problem with the whole
    /// definition, such as a missing `StartAt`.
    pub state: Option<String>,
    /// True when the definition uses something AWS accepts but the
    /// interpreter does not run yet (see [the crate
    /// docs](crate#not-supported-yet); also a `{% ... %}` expression in a
    /// JSONPath state, which AWS takes as plain text but is most likely a
    /// mistake). Such a definition deploys and runs on AWS, so a caller
    /// that only checks what it will deploy (synth) can report these as
    /// warnings; the interpreter still refuses to load it rather than run
    /// it wrongly. False for every problem AWS refuses too.
    pub unsupported: bool,
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
    /// `Assign`: workflow variables set when the catcher catches, evaluated
    /// on the error output (`{"Error", "Cause"}`).
    pub assign: Option<Json>,
    /// `Output` (JSONata states): the catcher's output, instead of the
    /// error output.
    pub output: Option<Json>,
}

/// The query language of a state: how its fields are evaluated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryLanguage {
    /// JSONPath (the default): `InputPath`, `Parameters`, `ResultSelector`,
    /// `ResultPath`, `OutputPath`, and `.$` fields.
    #[default]
    JsonPath,
    /// JSONata: `Arguments`, `Output` and `{% ... %}` expressions.
    Jsonata,
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
        /// `HeartbeatSecondsPath`.
        heartbeat_seconds_path: Option<JsonPath>,
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
    /// `Map` (inline, or distributed).
    Map {
        /// `ItemProcessor` (or the legacy `Iterator`).
        processor: Box<Machine>,
        /// `ItemsPath`.
        items_path: IoPath,
        /// `ItemSelector` (or the legacy `Parameters`).
        item_selector: Option<Json>,
        /// `MaxConcurrency` (0 is unlimited).
        max_concurrency: u32,
        /// `MaxConcurrencyPath`.
        max_concurrency_path: Option<JsonPath>,
        /// The configuration of a distributed Map (`ProcessorConfig.Mode:
        /// DISTRIBUTED`); `None` for an inline Map.
        distributed: Option<Box<crate::distributed_map::Distributed>>,
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
    /// `Seconds` as a JSONata expression (`{% ... %}`).
    SecondsExpression(String),
    /// `Timestamp` as a JSONata expression (`{% ... %}`).
    TimestampExpression(String),
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
    /// `Assign`: workflow variables set when the state ends.
    pub assign: Option<Json>,
    /// The `Assign` of each rule of a Choice state's `Choices`, in order
    /// (empty for other states).
    pub choice_assigns: Vec<Option<Json>>,
    /// The query language in effect for the state (its own
    /// `QueryLanguage`, or the definition's).
    pub query_language: QueryLanguage,
    /// `Arguments` (JSONata states): the task's or branches' input.
    pub arguments: Option<Json>,
    /// `Output` (JSONata states): the state's output.
    pub output: Option<Json>,
    /// The `Condition` of each rule of a JSONata Choice state, in order
    /// (such a rule's [`Rule`] is a placeholder that is never evaluated).
    pub choice_conditions: Vec<Option<Json>>,
    /// The `Output` of each rule of a JSONata Choice state, in order.
    pub choice_outputs: Vec<Option<Json>>,
    /// `Items` (a JSONata Map state): the items, instead of the input.
    pub items: Option<Json>,
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
    source: Option<SourceIndex<'a>>,
    diags: Vec<Diagnostic>,
    /// The states being loaded, outermost first: a Parallel or Map state
    /// while its branches or processor load, and the state inside them.
    /// A problem with a nested definition as a whole is in the last one.
    enclosing: Vec<String>,
    /// Whether the query language in effect is JSONata (a `QueryLanguage`
    /// of the definition or of the state, inherited by nested definitions).
    jsonata: bool,
}

/// Where the lines, keys and strings of a definition's text are, found in
/// one pass so that placing each diagnostic costs a hash lookup and a binary
/// search, not a scan of the text: a definition with thousands of problems
/// loads in time linear in its size.
struct SourceIndex<'a> {
    /// The byte offset of each line's start.
    lines: Vec<usize>,
    /// Each string, quoted as written, with the offsets where it appears.
    strings: HashMap<&'a str, Vec<usize>>,
    /// The same, for the strings that are object keys (followed by `:`).
    keys: HashMap<&'a str, Vec<usize>>,
}

impl<'a> SourceIndex<'a> {
    /// Indexes `text`, which is valid JSON: outside strings, a `"` always
    /// starts one.
    fn new(text: &'a str) -> SourceIndex<'a> {
        let b = text.as_bytes();
        let mut index = SourceIndex {
            lines: vec![0],
            strings: HashMap::new(),
            keys: HashMap::new(),
        };
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => index.lines.push(i + 1),
                b'"' => {
                    let end = string_end(b, i);
                    let token = &text[i..end];
                    index.strings.entry(token).or_default().push(i);
                    if text[end..].trim_start().starts_with(':') {
                        index.keys.entry(token).or_default().push(i);
                    }
                    // A string holds no raw line breaks (JSON escapes them).
                    i = end;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        index
    }
}

/// The offset just past the string starting at `start` (a `"`).
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

impl Loader<'_> {
    /// The byte offset of the first `"needle"` at or after `from`; when
    /// `key`, only one followed by `:` (an object key, not a value).
    fn offset_of(&self, needle: &str, from: usize, key: bool) -> Option<usize> {
        let index = self.source.as_ref()?;
        let quoted = serde_json::to_string(needle).ok()?;
        let found = if key { &index.keys } else { &index.strings }.get(quoted.as_str())?;
        found.get(found.partition_point(|&at| at < from)).copied()
    }
    fn line_at(&self, offset: usize) -> Option<usize> {
        let index = self.source.as_ref()?;
        Some(index.lines.partition_point(|&start| start <= offset))
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
    /// Reports a problem at `location`, in `state` when it is in one (or
    /// else in the state whose branch or processor is loading). A problem
    /// whose message says the feature is not supported yet (even inside an
    /// intrinsic function's or a choice rule's error) is
    /// [`unsupported`](Diagnostic::unsupported).
    fn diag(&mut self, state: Option<&str>, location: String, message: impl Into<String>) {
        let message = message.into();
        let unsupported = message.contains(crate::path::VARIABLES_LATER);
        let line = state
            .and_then(|s| self.line_in_location(s, &location))
            .or_else(|| self.line_of("StartAt"));
        self.push(line, state, location, message, unsupported);
    }
    fn push(
        &mut self,
        line: Option<usize>,
        state: Option<&str>,
        location: String,
        message: impl Into<String>,
        unsupported: bool,
    ) {
        let state = state.or(self.enclosing.last().map(String::as_str)).map(str::to_owned);
        self.diags.push(Diagnostic {
            line,
            location,
            message: message.into(),
            state,
            unsupported,
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
        if text.len() > MAX_DEFINITION_BYTES {
            return Err(whole_document(None, too_large(Some(text.len()))));
        }
        let json: Json = serde_json::from_str(text).map_err(|e| {
            // serde_json stops at its nesting limit, the same as MAX_DEPTH.
            let message = if e.to_string().contains("recursion limit exceeded") {
                too_deep()
            } else {
                format!("not valid JSON: {e}")
            };
            whole_document(Some(e.line()), message)
        })?;
        Machine::load(&json, Some(SourceIndex::new(text)))
    }

    /// Loads a definition from JSON data. It is held to the limits of a
    /// definition's text: at most 1 MB as JSON, nested at most
    /// [`MAX_DEPTH`](crate::limits::MAX_DEPTH) levels deep.
    pub fn from_json(json: &Json) -> Result<Machine, LoadError> {
        match measure(json, MAX_DEFINITION_BYTES) {
            Ok(_) => Machine::load(json, None),
            Err(TooBig::Depth) => Err(whole_document(None, too_deep())),
            Err(TooBig::Bytes) => Err(whole_document(None, too_large(None))),
        }
    }

    fn load(json: &Json, source: Option<SourceIndex>) -> Result<Machine, LoadError> {
        let mut l = Loader {
            source,
            diags: Vec::new(),
            enclosing: Vec::new(),
            jsonata: false,
        };
        let m = load(json, "", &mut l);
        check_variable_scopes(&m, "", &BTreeSet::new(), &mut l);
        if l.diags.is_empty() {
            Ok(m)
        } else {
            Err(LoadError(l.diags))
        }
    }
}

/// The variable names a state assigns: its own `Assign`, its catchers' and
/// its choice rules', with the place each is assigned at (relative to the state).
fn state_assigns(s: &State) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |assign: &Option<Json>, at: String| {
        for k in assign
            .as_ref()
            .and_then(Json::as_object)
            .into_iter()
            .flat_map(|m| m.keys())
        {
            out.push((k.strip_suffix(".$").unwrap_or(k).to_owned(), format!("{at}.{k}")));
        }
    };
    add(&s.assign, "Assign".into());
    for (i, c) in s.catch.iter().enumerate() {
        add(&c.assign, format!("Catch[{i}].Assign"));
    }
    for (i, a) in s.choice_assigns.iter().enumerate() {
        add(a, format!("Choices[{i}].Assign"));
    }
    out
}

/// Refuses, as AWS does, a Parallel branch or Map processor that assigns a
/// variable an enclosing scope assigns (`outer`): a branch reads the
/// variables around it, but cannot assign them.
fn check_variable_scopes(m: &Machine, prefix: &str, outer: &BTreeSet<String>, l: &mut Loader) {
    let mut visible = outer.clone();
    for s in m.states.values() {
        visible.extend(state_assigns(s).into_iter().map(|(k, _)| k));
    }
    for (name, s) in &m.states {
        let nested: Vec<(String, &Machine)> = match &s.kind {
            Kind::Parallel { branches } => branches
                .iter()
                .enumerate()
                .map(|(i, b)| (format!("{prefix}States.{name}.Branches[{i}]."), b))
                .collect(),
            // A distributed Map's child workflows read no outer variables.
            Kind::Map {
                distributed: Some(_), ..
            } => Vec::new(),
            Kind::Map { processor, .. } => vec![(format!("{prefix}States.{name}.ItemProcessor."), &**processor)],
            _ => Vec::new(),
        };
        for (inner_prefix, inner) in nested {
            for (inner_name, inner_state) in &inner.states {
                for (k, at) in state_assigns(inner_state) {
                    if visible.contains(&k) {
                        l.diag(
                            Some(inner_name),
                            format!("{inner_prefix}States.{inner_name}.{at}"),
                            format!(
                                "variable {k:?} is assigned in an outer scope; a Parallel branch or Map processor reads outer variables but cannot assign them: use another name, or return the value in the output"
                            ),
                        );
                    }
                }
            }
            check_variable_scopes(inner, &inner_prefix, &visible, l);
        }
    }
}

/// A problem with the definition as a whole.
fn whole_document(line: Option<usize>, message: String) -> LoadError {
    LoadError(vec![Diagnostic {
        line,
        location: "(document)".into(),
        message,
        state: None,
        unsupported: false,
    }])
}

/// The definition is over AWS's size quota (`bytes` long, when known).
fn too_large(bytes: Option<usize>) -> String {
    let size = match bytes {
        Some(n) => format!("{n} bytes"),
        None => format!("more than {MAX_DEFINITION_BYTES} bytes as JSON"),
    };
    format!(
        "the definition is {size}; AWS accepts at most 1 MB ({MAX_DEFINITION_BYTES} bytes): split it, for example into nested state machines"
    )
}

fn too_deep() -> String {
    format!("arrays and objects nest more than {MAX_DEPTH} levels deep, the most rcdk-states reads")
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
            // Writing deeper than data may nest would only fail at run time.
            Ok(p) if p.len() > MAX_DEPTH => {
                l.diag(
                    Some(state),
                    loc.to_owned(),
                    format!("writes {} levels deep; data nests at most {MAX_DEPTH} levels", p.len()),
                );
                ResultPath::Whole
            }
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

/// Checks an `Assign` field (at `loc`): an object whose keys are variable
/// names, each with `.$` when its value is a path or an intrinsic function
/// (checked as a payload template's). Returns it when it is one.
fn check_assign(v: Option<&Json>, loc: &str, state: &str, l: &mut Loader) -> Option<Json> {
    let v = v?;
    let Some(m) = v.as_object() else {
        l.diag(
            Some(state),
            loc.to_owned(),
            "Assign must be an object of variable names and values",
        );
        return None;
    };
    let mut seen = BTreeSet::new();
    for k in m.keys() {
        if l.jsonata && k.ends_with(".$") {
            l.diag(
                Some(state),
                format!("{loc}.{k}"),
                "a key ending in .$ is JSONPath; in a JSONata state, give the value as a {% expression %}",
            );
            continue;
        }
        let name = k.strip_suffix(".$").unwrap_or(k);
        if let Some(problem) = crate::variables::name_problem(name) {
            l.diag(Some(state), format!("{loc}.{k}"), problem);
        }
        if !seen.insert(name) {
            l.diag(
                Some(state),
                format!("{loc}.{k}"),
                format!("variable {name:?} is assigned twice (as {name:?} and \"{name}.$\"); assign it once"),
            );
        }
    }
    if !l.jsonata {
        check_template(v, loc, state, l);
    }
    Some(v.clone())
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

/// `QueryLanguage` at the top of a definition or on a state (`state`):
/// JSONPath (the default) runs; JSONata is refused, as unsupported.
fn check_query_language(
    o: &Map<String, Json>,
    state: Option<&str>,
    location: String,
    line: Option<usize>,
    l: &mut Loader,
) {
    let (message, unsupported) = match o.get("QueryLanguage") {
        None => return,
        Some(v) if v == "JSONPath" => return,
        Some(v) if v == "JSONata" => return,
        Some(v) => (format!("must be \"JSONPath\" or \"JSONata\", not {v}"), false),
    };
    l.push(line, state, location, message, unsupported);
}

/// The query language `o` (a definition or a state) sets, if it sets one:
/// true for JSONata, false for JSONPath.
fn sets_jsonata(o: &Map<String, Json>) -> Option<bool> {
    match o.get("QueryLanguage") {
        Some(v) if v == "JSONata" => Some(true),
        Some(v) if v == "JSONPath" => Some(false),
        _ => None,
    }
}

/// Why a field of a state, catcher or choice rule is refused, if it is one
/// of the JSONata or workflow-variable fields.
fn unsupported_field(key: &str) -> Option<String> {
    let what = match key {
        "Output" => "Output (a JSONata field; JSONPath states use OutputPath)",
        "Arguments" => "Arguments (a JSONata field; JSONPath states use Parameters)",
        "Condition" => "Condition (a JSONata field; JSONPath rules use Variable and a comparison)",
        _ => return None,
    };
    Some(format!(
        "{what} is not allowed in a JSONPath state; set \"QueryLanguage\": \"JSONata\" to use it"
    ))
}

/// Reports the JSONata and workflow-variable fields of `o` (a state, a
/// catcher or a choice rule at `loc`); true when there was one. `Assign`
/// is unsupported (AWS accepts it in either query language); `Output`,
/// `Arguments` and `Condition` only when the query language in effect is
/// JSONata, since AWS refuses them in a JSONPath state.
fn check_unsupported_fields(o: &Map<String, Json>, loc: &str, state: &str, l: &mut Loader) -> bool {
    let mut found = false;
    if l.jsonata {
        return false;
    }
    for key in o.keys() {
        if let Some(message) = unsupported_field(key) {
            let line = l.line_in_state(state, key, true);
            let unsupported = l.jsonata;
            l.push(line, Some(state), format!("{loc}.{key}"), message, unsupported);
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
                Some(state),
                loc.to_owned(),
                format!(
                    "{s:?} is a JSONata expression, but the state's query language is JSONPath, which takes it as plain text; set \"QueryLanguage\": \"JSONata\" to evaluate it"
                ),
                true,
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
    check_query_language(o, Some(name), format!("{loc}.QueryLanguage"), line, l);
    if l.jsonata {
        check_jsonata_state(o, name, &loc, l);
        return;
    }
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

/// The JSONPath fields a JSONata state may not have (AWS refuses them).
const JSONPATH_ONLY: [&str; 16] = [
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "ItemsPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "SecondsPath",
    "TimestampPath",
    "ErrorPath",
    "CausePath",
    "MaxConcurrencyPath",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCountPath",
    "Iterator",
];

/// Checks a JSONata state: no JSONPath fields, every `{% ... %}`
/// expression parses, and what the interpreter does not evaluate as
/// JSONata yet is refused as unsupported.
fn check_jsonata_state(o: &Map<String, Json>, name: &str, loc: &str, l: &mut Loader) {
    for key in JSONPATH_ONLY {
        if o.contains_key(key) {
            let line = l.line_in_state(name, key, true);
            l.push(
                line,
                Some(name),
                format!("{loc}.{key}"),
                format!("{key} is a JSONPath field, and the state's query language is JSONata; use Arguments, Output, Items or a {{% expression %}}"),
                false,
            );
        }
    }
    let is_distributed = o
        .get("ItemProcessor")
        .and_then(|p| p.get("ProcessorConfig"))
        .and_then(|c| c.get("Mode"))
        .is_some_and(|m| m == "DISTRIBUTED");
    let mut later: Vec<&str> = ["TimeoutSeconds", "HeartbeatSeconds", "MaxConcurrency"]
        .into_iter()
        .filter(|k| o.get(*k).and_then(Json::as_str).is_some_and(is_jsonata))
        .collect();
    if is_distributed {
        later.push("ItemProcessor");
    }
    for key in later {
        let line = l.line_in_state(name, key, true);
        let what = if key == "ItemProcessor" {
            "A distributed Map in a JSONata state".to_owned()
        } else {
            format!("{key} as a JSONata expression")
        };
        l.push(
            line,
            Some(name),
            format!("{loc}.{key}"),
            format!("{what} {LATER}"),
            true,
        );
    }
    for (k, v) in o {
        if !["Branches", "ItemProcessor", "Iterator"].contains(&k.as_str()) {
            check_jsonata_expressions(v, &format!("{loc}.{k}"), name, l);
        }
    }
}

/// Reports every `{% ... %}` string in `v` (at `loc`) that does not parse
/// as JSONata, and every key ending in `.$` (JSONPath).
fn check_jsonata_expressions(v: &Json, loc: &str, state: &str, l: &mut Loader) {
    match v {
        Json::String(s) if is_jsonata(s) => {
            if let Err(e) = crate::jsonata::Expression::parse(&s[2..s.len() - 2]) {
                let line = l.line_in_state(state, s, false);
                l.push(
                    line,
                    Some(state),
                    loc.to_owned(),
                    format!("{s:?} is not a valid JSONata expression: {} {}", e.code(), e.message()),
                    false,
                );
            }
        }
        Json::Object(m) => {
            for (k, v) in m {
                check_jsonata_expressions(v, &format!("{loc}.{k}"), state, l);
            }
        }
        Json::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| check_jsonata_expressions(v, &format!("{loc}[{i}]"), state, l)),
        _ => {}
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

/// An integer field of `o`, if present: `Ok(None)` when absent, the value
/// when it is an integer in `min..=max`, or else what is wrong with it (in
/// the words CreateStateMachine's limits give it).
fn int_field(o: &Map<String, Json>, key: &str, min: u64, max: u64) -> Result<Option<u64>, String> {
    let Some(v) = o.get(key) else {
        return Ok(None);
    };
    let n = v.as_f64().filter(|f| f.fract() == 0.0);
    match n {
        Some(f) if f < min as f64 && min == 0 => Err("must not be negative".into()),
        Some(f) if f < min as f64 && min == 1 => Err("must be a positive integer".into()),
        Some(f) if (min as f64..=max as f64).contains(&f) => Ok(Some(f as u64)),
        _ => Err(format!("must be an integer from {min} to {max}, not {v}")),
    }
}

/// [`int_field`], reporting a problem at `loc` (a location in state `name`).
fn checked_int(
    o: &Map<String, Json>,
    key: &str,
    (min, max): (u64, u64),
    name: &str,
    loc: String,
    l: &mut Loader,
) -> Option<u64> {
    int_field(o, key, min, max).unwrap_or_else(|m| {
        l.diag(Some(name), loc, m);
        None
    })
}

/// The top-level `TimeoutSeconds`: a positive integer. A larger one than
/// an execution may run is allowed: the year-long limit stops it first.
fn machine_timeout(obj: &Map<String, Json>, prefix: &str, l: &mut Loader) -> Option<f64> {
    let v = obj.get("TimeoutSeconds")?;
    match v.as_f64() {
        Some(f) if f.fract() == 0.0 && f >= 1.0 => Some(f),
        _ => {
            let line = l.line_of("TimeoutSeconds");
            l.push(
                line,
                None,
                format!("{prefix}TimeoutSeconds"),
                format!("must be a positive integer, not {v}"),
                false,
            );
            None
        }
    }
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
    let outer = l.jsonata;
    l.jsonata = sets_jsonata(obj).unwrap_or(outer);
    let machine = load_machine(obj, prefix, l);
    l.jsonata = outer;
    machine
}

/// [`load`], for a definition that is an object.
fn load_machine(obj: &Map<String, Json>, prefix: &str, l: &mut Loader) -> Machine {
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
    check_query_language(obj, None, format!("{prefix}QueryLanguage"), line, l);
    let machine = Machine {
        comment: obj.get("Comment").and_then(Json::as_str).map(str::to_owned),
        start_at,
        states,
        timeout_seconds: machine_timeout(obj, prefix, l),
    };
    check_graph(&machine, prefix, l);
    machine
}

/// A retrier, with the ranges the AWS error handling docs give its fields
/// (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
fn retrier(r: &Json, here: &str, name: &str, l: &mut Loader) -> Retrier {
    let empty = Map::new();
    let o = r.as_object().unwrap_or(&empty);
    let field = |f: &str| format!("{here}.{f}");
    let errors = errors_list(o.get("ErrorEquals"), &field("ErrorEquals"), name, l);
    let interval = checked_int(
        o,
        "IntervalSeconds",
        (1, MAX_SECONDS),
        name,
        field("IntervalSeconds"),
        l,
    );
    let attempts = checked_int(o, "MaxAttempts", (0, MAX_SECONDS), name, field("MaxAttempts"), l);
    // Below 31,622,401 seconds.
    let max_delay = checked_int(o, "MaxDelaySeconds", (1, 31_622_400), name, field("MaxDelaySeconds"), l);
    let backoff = match o.get("BackoffRate") {
        None => 2.0,
        Some(v) => match v.as_f64() {
            Some(b) if b >= 1.0 => b,
            _ => {
                l.diag(Some(name), field("BackoffRate"), "must be at least 1.0");
                2.0
            }
        },
    };
    let jitter = o.get("JitterStrategy");
    if jitter.is_some_and(|j| j != "FULL" && j != "NONE") {
        l.diag(Some(name), field("JitterStrategy"), "must be \"FULL\" or \"NONE\"");
    }
    Retrier {
        errors,
        interval_seconds: interval.unwrap_or(1) as f64,
        max_attempts: attempts.unwrap_or(3) as u32,
        backoff_rate: backoff,
        max_delay_seconds: max_delay.map(|d| d as f64),
        full_jitter: jitter.is_some_and(|j| j == "FULL"),
    }
}

/// A Task state: its resource, and timeouts within the ranges the AWS Task
/// state docs give: positive integers up to 99,999,999, the heartbeat below
/// the timeout (99,999,999 when not given), a number or a path, not both.
fn task_kind(o: &Map<String, Json>, name: &str, prefix: &str, l: &mut Loader) -> Kind {
    let loc = |f: &str| format!("{prefix}States.{name}.{f}");
    let resource = match o.get("Resource").and_then(Json::as_str) {
        Some(r) => r.to_owned(),
        None => {
            l.diag(Some(name), loc("Resource"), "a Task state needs a Resource ARN");
            String::new()
        }
    };
    for (number, path) in [
        ("TimeoutSeconds", "TimeoutSecondsPath"),
        ("HeartbeatSeconds", "HeartbeatSecondsPath"),
    ] {
        if o.contains_key(number) && o.contains_key(path) {
            l.diag(
                Some(name),
                loc(path),
                format!("use either {number} or {path}, not both"),
            );
        }
    }
    let range = (1, MAX_SECONDS);
    // A JSONata expression is reported as unsupported where the state is checked.
    let expression = |k: &str| l.jsonata && o.get(k).and_then(Json::as_str).is_some_and(is_jsonata);
    let (timeout_expr, heartbeat_expr) = (expression("TimeoutSeconds"), expression("HeartbeatSeconds"));
    let timeout = if timeout_expr {
        None
    } else {
        checked_int(o, "TimeoutSeconds", range, name, loc("TimeoutSeconds"), l)
    };
    let heartbeat = if heartbeat_expr {
        None
    } else {
        checked_int(o, "HeartbeatSeconds", range, name, loc("HeartbeatSeconds"), l)
    };
    if let (Some(h), false) = (heartbeat, o.contains_key("TimeoutSecondsPath")) {
        let t = timeout.unwrap_or(MAX_SECONDS);
        if h >= t {
            l.diag(
                Some(name),
                loc("HeartbeatSeconds"),
                format!(
                    "must be less than TimeoutSeconds ({t}{})",
                    if timeout.is_none() { ", its default" } else { "" }
                ),
            );
        }
    }
    let mut path_field = |key: &str| {
        o.get(key).and_then(|v| match v.as_str().map(JsonPath::parse) {
            Some(Ok(p)) => Some(p),
            Some(Err(e)) => {
                l.diag(Some(name), loc(key), e.to_string());
                None
            }
            None => {
                l.diag(Some(name), loc(key), "must be a path string");
                None
            }
        })
    };
    let timeout_seconds_path = path_field("TimeoutSecondsPath");
    let heartbeat_seconds_path = path_field("HeartbeatSecondsPath");
    Kind::Task {
        resource,
        timeout_seconds: timeout.map(|t| t as f64),
        timeout_seconds_path,
        heartbeat_seconds: heartbeat.map(|h| h as f64),
        heartbeat_seconds_path,
    }
}

fn load_state(name: &str, s: &Json, prefix: &str, l: &mut Loader) -> Option<State> {
    let Some(o) = s.as_object() else {
        l.diag(
            Some(name),
            format!("{prefix}States.{name}"),
            "a state must be an object",
        );
        return None;
    };
    // While the state loads, a problem with its branches or processor as a
    // whole is in it, and its query language is in effect.
    let outer = l.jsonata;
    l.jsonata = sets_jsonata(o).unwrap_or(outer);
    l.enclosing.push(name.to_owned());
    let state = load_state_object(name, o, prefix, l);
    l.enclosing.pop();
    l.jsonata = outer;
    state
}

/// [`load_state`], for a state that is an object.
fn load_state_object(name: &str, o: &Map<String, Json>, prefix: &str, l: &mut Loader) -> Option<State> {
    let loc = |f: &str| format!("{prefix}States.{name}.{f}");
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
    let retry = o
        .get("Retry")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, r)| retrier(r, &loc(&format!("Retry[{i}]")), name, l))
        .collect();
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
        let assign = check_assign(c.get("Assign"), &format!("{here}.Assign"), name, l);
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
            assign,
            output: c.get("Output").filter(|_| l.jsonata).cloned(),
        });
    }
    check_unsupported(o, name, prefix, l);
    for key in ["Parameters", "ResultSelector", "ItemSelector"] {
        match o.get(key) {
            Some(p) if !l.jsonata => check_template(p, &loc(key), name, l),
            _ => {}
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
    let mut choice_assigns = Vec::new();
    let mut choice_conditions = Vec::new();
    let mut choice_outputs = Vec::new();
    let assign = match (o.get("Assign"), type_name.as_str()) {
        (Some(_), "Succeed" | "Fail") => {
            l.diag(
                Some(name),
                loc("Assign"),
                format!("a {type_name} state cannot have Assign; only Pass, Task, Map, Parallel, Choice and Wait states (and catchers and choice rules) assign variables"),
            );
            None
        }
        (a, _) => check_assign(a, &loc("Assign"), name, l),
    };
    let kind = match type_name.as_str() {
        "Pass" => Kind::Pass {
            result: o.get("Result").cloned(),
        },
        "Task" => task_kind(o, name, prefix, l),
        "Choice" => {
            let mut choices = Vec::new();
            match o.get("Choices").and_then(Json::as_array) {
                Some(a) if !a.is_empty() => {
                    for (i, c) in a.iter().enumerate() {
                        let here = loc(&format!("Choices[{i}]"));
                        if l.jsonata {
                            let next = c.get("Next").and_then(Json::as_str).unwrap_or_default().to_owned();
                            if next.is_empty() {
                                l.diag(Some(name), format!("{here}.Next"), "a choice rule needs Next");
                            }
                            match c.get("Condition") {
                                Some(Json::Bool(_)) => {}
                                Some(Json::String(e)) if is_jsonata(e) => {}
                                _ => l.diag(
                                    Some(name),
                                    format!("{here}.Condition"),
                                    "a JSONata choice rule needs a Condition: a {% expression %} or a boolean",
                                ),
                            }
                            // The rule is the Condition; the placeholder is never evaluated.
                            choices.push((Rule::And(Vec::new()), next));
                            choice_conditions.push(c.get("Condition").cloned());
                            choice_outputs.push(c.get("Output").cloned());
                            choice_assigns.push(check_assign(c.get("Assign"), &format!("{here}.Assign"), name, l));
                            continue;
                        }
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
                                choice_assigns.push(check_assign(c.get("Assign"), &format!("{here}.Assign"), name, l));
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
            let expression = |k: &str| {
                o.get(k)
                    .and_then(Json::as_str)
                    .filter(|s| l.jsonata && is_jsonata(s))
                    .map(str::to_owned)
            };
            match forms.first().copied() {
                Some("Seconds") if expression("Seconds").is_some() => {
                    Kind::Wait(WaitFor::SecondsExpression(expression("Seconds").unwrap_or_default()))
                }
                Some("Timestamp") if expression("Timestamp").is_some() => Kind::Wait(WaitFor::TimestampExpression(
                    expression("Timestamp").unwrap_or_default(),
                )),
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
                    let s = checked_int(o, "Seconds", (0, MAX_SECONDS), name, loc("Seconds"), l);
                    Kind::Wait(WaitFor::Seconds(s.unwrap_or(0) as f64))
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
            let config = o.get("ItemProcessor").and_then(|p| p.get("ProcessorConfig"));
            let mode = config.and_then(|c| c.get("Mode"));
            let distributed = match mode.and_then(Json::as_str) {
                None | Some("INLINE") => {
                    if mode.is_some() && config.is_some_and(|c| c.get("ExecutionType").is_some()) {
                        l.diag(
                            Some(name),
                            loc("ItemProcessor.ProcessorConfig.ExecutionType"),
                            "ExecutionType is for a distributed Map (Mode DISTRIBUTED)",
                        );
                    }
                    for key in [
                        "ItemReader",
                        "ItemBatcher",
                        "ResultWriter",
                        "ToleratedFailurePercentage",
                        "ToleratedFailurePercentagePath",
                        "ToleratedFailureCount",
                        "ToleratedFailureCountPath",
                        "Label",
                    ] {
                        if o.contains_key(key) {
                            l.diag(
                                Some(name),
                                loc(key),
                                format!("{key} is a field of a distributed Map; set ItemProcessor.ProcessorConfig.Mode to DISTRIBUTED"),
                            );
                        }
                    }
                    None
                }
                Some("DISTRIBUTED") => {
                    let (d, problems) = crate::distributed_map::load(o, config.and_then(|c| c.get("ExecutionType")));
                    for (field, message) in problems {
                        l.diag(Some(name), loc(&field), message);
                    }
                    Some(Box::new(d))
                }
                Some(_) => {
                    l.diag(
                        Some(name),
                        loc("ItemProcessor.ProcessorConfig.Mode"),
                        format!(
                            "must be \"INLINE\" or \"DISTRIBUTED\", not {}",
                            mode.unwrap_or(&Json::Null)
                        ),
                    );
                    None
                }
            };
            let max_concurrency_path = path("MaxConcurrencyPath", l);
            if o.contains_key("MaxConcurrency") && o.contains_key("MaxConcurrencyPath") {
                l.diag(
                    Some(name),
                    loc("MaxConcurrencyPath"),
                    "use either MaxConcurrency or MaxConcurrencyPath, not both",
                );
            }
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
                max_concurrency: if l.jsonata && o.get("MaxConcurrency").and_then(Json::as_str).is_some_and(is_jsonata)
                {
                    0
                } else {
                    checked_int(
                        o,
                        "MaxConcurrency",
                        (0, u64::from(u32::MAX)),
                        name,
                        loc("MaxConcurrency"),
                        l,
                    )
                    .unwrap_or(0) as u32
                },
                max_concurrency_path,
                distributed,
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
        assign,
        choice_assigns,
        query_language: if l.jsonata {
            QueryLanguage::Jsonata
        } else {
            QueryLanguage::JsonPath
        },
        arguments: o.get("Arguments").filter(|_| l.jsonata).cloned(),
        output: o.get("Output").filter(|_| l.jsonata).cloned(),
        choice_conditions,
        choice_outputs,
        items: o.get("Items").filter(|_| l.jsonata).cloned(),
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
    for name in endless_states(m, &seen) {
        l.diag(
            Some(name),
            format!("{prefix}States.{name}"),
            "no path from this state ends the execution (it only leads to states that loop back); \
             add a Succeed/Fail state or End: true on the loop's exit",
        );
    }
}

/// The states of `reachable`, in definition order, from which no path of
/// transitions (`Next`, `Choices[].Next`, `Default`, `Catch[].Next`) leads
/// to a state that may end the machine: Succeed, Fail, a state with `End`
/// (no `Next`), or a Choice without `Default` (no rule matching ends the
/// execution with an error). A transition to a state that does not exist
/// (or did not load) is already reported, and counts as able to end, so
/// that one mistake is not reported twice. One walk back over the
/// transitions: O(n log n) in their number.
fn endless_states<'m>(m: &'m Machine, reachable: &BTreeSet<&str>) -> Vec<&'m str> {
    let mut can_end: BTreeSet<&str> = BTreeSet::new();
    let mut queue = VecDeque::new();
    let mut predecessors: HashMap<&str, Vec<&str>> = HashMap::new();
    for (name, s) in &m.states {
        let next = successors(s);
        let ends = match &s.kind {
            Kind::Succeed | Kind::Fail { .. } => true,
            Kind::Choice { default, .. } => default.is_none(),
            _ => s.next.is_none(),
        } || next.iter().any(|n| !m.states.contains_key(*n));
        for n in next {
            predecessors.entry(n).or_default().push(name);
        }
        if ends && can_end.insert(name) {
            queue.push_back(name.as_str());
        }
    }
    while let Some(n) = queue.pop_front() {
        for &p in predecessors.get(n).into_iter().flatten() {
            if can_end.insert(p) {
                queue.push_back(p);
            }
        }
    }
    m.states
        .keys()
        .map(String::as_str)
        .filter(|n| reachable.contains(n) && !can_end.contains(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every problem of a definition, one per line.
    fn problems(text: &str) -> String {
        Machine::from_str(text).expect_err("expected a load error").to_string()
    }

    #[test]
    fn jsonata_query_language_loads_and_checks_its_fields() {
        let top = "{\n  \"QueryLanguage\": \"JSONata\",\n  \"StartAt\": \"A\",\n  \"States\": {\"A\": {\"Type\": \"Succeed\"}}\n}";
        assert!(Machine::from_str(top).is_ok());
        let state = "{\"StartAt\": \"A\", \"States\": {\n  \"A\": {\"Type\": \"Pass\",\n    \"QueryLanguage\": \"JSONata\",\n    \"InputPath\": \"$.a\",\n    \"Output\": \"{% $states.input.( %}\", \"End\": true}}}";
        let e = problems(state);
        assert!(
            e.contains(
                "line 4: States.A.InputPath: InputPath is a JSONPath field, and the state's query language is JSONata"
            ),
            "{e}"
        );
        assert!(
            e.contains("States.A.Output: \"{% $states.input.( %}\" is not a valid JSONata expression"),
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
    fn jsonata_fields_are_refused_with_their_lines() {
        let text = "{\"StartAt\": \"A\", \"States\": {\n  \"A\": {\"Type\": \"Task\", \"Resource\": \"r\",\n    \"Assign\": {\"x\": 1},\n    \"Arguments\": {\"a\": 1},\n    \"Output\": {\"b\": 2},\n    \"End\": true}}}";
        let e = problems(text);
        assert!(!e.contains("Assign"), "Assign is supported: {e}");
        for expected in [
            "line 4: States.A.Arguments: Arguments (a JSONata field; JSONPath states use Parameters) is not allowed in a JSONPath state",
            "line 5: States.A.Output: Output (a JSONata field; JSONPath states use OutputPath) is not allowed in a JSONPath state",
        ] {
            assert!(e.contains(expected), "missing {expected:?} in\n{e}");
        }
    }

    #[test]
    fn jsonata_expressions_are_refused_where_they_are() {
        let text = "{\"StartAt\": \"A\", \"States\": {\n  \"A\": {\"Type\": \"Pass\",\n    \"Parameters\": {\"list\": [1, \"{% $states.input.x %}\"]},\n    \"End\": true}}}";
        let e = problems(text);
        assert!(
            e.contains("line 3: States.A.Parameters.list[1]: \"{% $states.input.x %}\" is a JSONata expression, but the state's query language is JSONPath"),
            "{e}"
        );
        // Text that only looks like an expression inside is left alone.
        assert!(Machine::from_str(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "50 {% off", "Comment": "{% x %}", "End": true}}}"#
        )
        .is_ok());
    }

    #[test]
    fn catchers_and_choice_rules_with_jsonata_are_refused() {
        let e = problems(
            r#"{"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "r", "Next": "C",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"failed": true}, "Next": "C"}]},
            "C": {"Type": "Choice", "Choices": [{"Condition": "{% $x > 1 %}", "Next": "D"}], "Default": "D"},
            "D": {"Type": "Succeed"}}}"#,
        );
        assert!(!e.contains("Catch[0].Assign"), "{e}");
        assert!(
            e.contains("States.C.Choices[0].Condition: Condition (a JSONata field"),
            "{e}"
        );
        // The rule is explained as JSONata, once, not as a malformed comparison.
        assert!(!e.contains("a comparison needs a Variable path"), "{e}");
        assert_eq!(e.matches("$x > 1").count(), 0, "{e}");
    }

    #[test]
    fn workflow_variable_paths_load() {
        let m = Machine::from_str(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$total", "y.$": "$order.items[0]"}, "End": true}}}"#,
        );
        assert!(m.is_ok(), "{m:?}");
        let e = problems(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$states.input"}, "End": true}}}"#,
        );
        assert!(e.contains("$states is reserved"), "{e}");
    }

    #[test]
    fn assign_is_checked() {
        let e = problems(
            r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Assign": {"2x": 1, "ok.$": "$.a", "ok": 2, "p.$": "$..[", "states": 1}, "Next": "F"},
            "F": {"Type": "Fail", "Assign": {"x": 1}}}}"#,
        );
        for expected in [
            "States.A.Assign.2x: \"2x\" is not a variable name",
            "States.A.Assign.ok: variable \"ok\" is assigned twice",
            "States.A.Assign.p.$: invalid JSONPath",
            "States.A.Assign.states: \"states\" is reserved",
            "States.F.Assign: a Fail state cannot have Assign",
        ] {
            assert!(e.contains(expected), "missing {expected:?} in\n{e}");
        }
    }

    #[test]
    fn branches_cannot_assign_outer_variables() {
        let e = problems(
            r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Assign": {"total": 0}, "Next": "P"},
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"total": 1, "mine": 2}, "End": true}}}]}}}"#,
        );
        assert!(
            e.contains("States.P.Branches[0].States.B.Assign.total: variable \"total\" is assigned in an outer scope"),
            "{e}"
        );
        assert!(!e.contains("mine"), "{e}");
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
