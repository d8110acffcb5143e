//! The typed definition: states, and chains of states.

use indexmap::IndexMap;
use rcdk_core::Value;
use rcdk_iam::PolicyStatement;

use crate::condition::Condition;

/// A state's fields, whatever its type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct StateDef {
    /// `Type` and the type's own fields, rendered.
    pub(crate) fields: Vec<(String, Value)>,
    /// The state transitions to `next` (unless terminal or a Choice).
    pub(crate) next: Option<String>,
    /// Succeed/Fail end by themselves; Choice never has Next/End.
    pub(crate) kind: Kind,
    /// Retry and Catch (Task, Parallel, Map).
    pub(crate) retry: Vec<Value>,
    pub(crate) catch: Vec<(Value, String)>,
    /// Permissions the state's integration needs.
    pub(crate) grants: Vec<PolicyStatement>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Flow,
    Terminal,
    Choice,
}

/// A fragment of a definition: a start state, every state reachable from it,
/// and the states whose `Next` is still open.
///
/// Every state builder converts into a `Chain`; [`Chain::next`] continues
/// every open end with another chain.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    pub(crate) start: String,
    pub(crate) states: IndexMap<String, StateDef>,
    pub(crate) ends: Vec<String>,
    pub(crate) errors: Vec<String>,
    /// Two different states had one name, so only the first was kept and the
    /// rendered definition is not the one written: checking its graph would
    /// report problems the user did not make.
    pub(crate) conflicting_names: bool,
}

impl Chain {
    pub(crate) fn single(name: &str, def: StateDef) -> Chain {
        let mut errors = Vec::new();
        check_name(name, &mut errors);
        let ends = if def.kind == Kind::Flow {
            vec![name.to_owned()]
        } else {
            Vec::new()
        };
        let mut states = IndexMap::new();
        states.insert(name.to_owned(), def);
        Chain {
            start: name.to_owned(),
            states,
            ends,
            errors,
            conflicting_names: false,
        }
    }

    /// Continues every open end of this chain with `then`.
    pub fn next(mut self, then: impl Into<Chain>) -> Chain {
        let then = then.into();
        for end in std::mem::take(&mut self.ends) {
            if let Some(s) = self.states.get_mut(&end) {
                s.next = Some(then.start.clone());
            }
        }
        let ends = then.ends.clone();
        self.absorb(then);
        self.ends = ends;
        self
    }

    /// Merges another chain's states; the same name for two different states is an error.
    pub(crate) fn absorb(&mut self, other: Chain) {
        self.errors.extend(other.errors);
        self.conflicting_names |= other.conflicting_names;
        for (name, def) in other.states {
            match self.states.get(&name) {
                Some(existing) if *existing != def => {
                    self.conflicting_names = true;
                    self.errors.push(format!(
                        "two different states are named {name:?}; state names must be unique"
                    ))
                }
                Some(_) => {}
                None => {
                    self.states.insert(name, def);
                }
            }
        }
    }

    /// The name of the first state.
    pub fn start_state(&self) -> &str {
        &self.start
    }

    /// The state names, in definition order.
    pub fn state_names(&self) -> Vec<&str> {
        self.states.keys().map(String::as_str).collect()
    }
}

/// What rcdk-states cannot see in the rendered definition: its check
/// (length, graph, fields) runs at synth on the whole definition.
fn check_name(name: &str, errors: &mut Vec<String>) {
    if name.chars().any(|c| c.is_control()) {
        errors.push(format!(
            "state name {name:?} contains control characters, which Step Functions refuses; remove them"
        ));
    }
}

/// Input and output processing shared by the states that have it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Io {
    pub(crate) comment: Option<String>,
    pub(crate) input_path: Option<String>,
    pub(crate) parameters: Option<Value>,
    pub(crate) result_selector: Option<Value>,
    pub(crate) result_path: Option<Value>,
    pub(crate) output_path: Option<String>,
    /// Workflow variables the state sets (`Assign`), in order.
    pub(crate) assign: IndexMap<String, Value>,
}

impl Io {
    pub(crate) fn render(&self, fields: &mut Vec<(String, Value)>) {
        if let Some(c) = &self.comment {
            fields.push(("Comment".into(), c.as_str().into()));
        }
        if let Some(p) = &self.input_path {
            fields.push(("InputPath".into(), p.as_str().into()));
        }
        if let Some(p) = &self.parameters {
            fields.push(("Parameters".into(), p.clone()));
        }
        if let Some(p) = &self.result_selector {
            fields.push(("ResultSelector".into(), p.clone()));
        }
        if let Some(p) = &self.result_path {
            fields.push(("ResultPath".into(), p.clone()));
        }
        if let Some(p) = &self.output_path {
            fields.push(("OutputPath".into(), p.as_str().into()));
        }
        render_assign(&self.assign, fields);
    }
}

/// The `Assign` field, when the state sets variables.
pub(crate) fn render_assign(assign: &IndexMap<String, Value>, fields: &mut Vec<(String, Value)>) {
    if !assign.is_empty() {
        fields.push(("Assign".into(), Value::Object(assign.clone())));
    }
}

macro_rules! io_methods {
    () => {
        /// `Comment`.
        pub fn comment(mut self, comment: &str) -> Self {
            self.io.comment = Some(comment.to_owned());
            self
        }
        /// `InputPath`.
        pub fn input_path(mut self, path: &str) -> Self {
            self.io.input_path = Some(path.to_owned());
            self
        }
        /// `ResultPath` (`None` discards the result: `ResultPath: null`).
        pub fn result_path(mut self, path: Option<&str>) -> Self {
            self.io.result_path = Some(path.map_or(rcdk_core::Value::Null, rcdk_core::Value::from));
            self
        }
        /// `OutputPath`.
        pub fn output_path(mut self, path: &str) -> Self {
            self.io.output_path = Some(path.to_owned());
            self
        }
        /// Sets a workflow variable once the state has run (`Assign`): a
        /// literal value, or, when `name` ends in `.$`, a path or intrinsic
        /// function over the state's result (`"$.id"`). Later states read
        /// it as `$name`. In a JSONata state machine it is written as an
        /// expression.
        pub fn assign(mut self, name: &str, value: impl Into<rcdk_core::Value>) -> Self {
            self.io.assign.insert(name.to_owned(), value.into());
            self
        }
        /// Continues with `then`.
        pub fn next(self, then: impl Into<$crate::Chain>) -> $crate::Chain {
            $crate::Chain::from(self).next(then)
        }
    };
}
pub(crate) use io_methods;

/// `Retry` and `Catch` builders, shared by the states that can fail
/// (Task, Parallel, Map): each keeps `retry: Vec<Retry>` and
/// `catch: Vec<(Vec<String>, Option<String>, Chain)>`.
macro_rules! error_methods {
    () => {
        /// Adds a `Retry` policy (tried in order; the first that matches the error applies).
        pub fn retry(mut self, retry: $crate::Retry) -> Self {
            self.retry.push(retry);
            self
        }
        /// Adds a `Catch`: on these errors, put the error at `result_path`
        /// (or replace the input when `None`) and continue with `handler`.
        pub fn catch<S: Into<String>>(
            mut self,
            errors: impl IntoIterator<Item = S>,
            result_path: Option<&str>,
            handler: impl Into<$crate::Chain>,
        ) -> Self {
            self.catch.push((
                errors.into_iter().map(Into::into).collect(),
                result_path.map(str::to_owned),
                handler.into(),
            ));
            self
        }
    };
}
pub(crate) use error_methods;

/// The `Catch` entries of a state, each with the name of its handler's first state.
pub(crate) fn catchers(catch: &[(Vec<String>, Option<String>, Chain)]) -> Vec<(Value, String)> {
    catch
        .iter()
        .map(|(errors, path, handler)| {
            let mut m = vec![("ErrorEquals", Value::list(errors.iter().map(|e| e.as_str().into())))];
            if let Some(p) = path {
                m.push(("ResultPath", p.as_str().into()));
            }
            (Value::object(m), handler.start.clone())
        })
        .collect()
}

/// A `Pass` state.
#[derive(Clone, Debug)]
pub struct Pass {
    name: String,
    io: Io,
    result: Option<Value>,
}

impl Pass {
    /// A Pass state that passes its input through.
    pub fn new(name: &str) -> Pass {
        Pass {
            name: name.to_owned(),
            io: Io::default(),
            result: None,
        }
    }
    /// `Result`: a fixed result.
    pub fn result(mut self, result: impl Into<Value>) -> Pass {
        self.result = Some(result.into());
        self
    }
    /// `Parameters`.
    pub fn parameters(mut self, parameters: impl Into<Value>) -> Pass {
        self.io.parameters = Some(parameters.into());
        self
    }
    io_methods!();
}

impl From<Pass> for Chain {
    fn from(p: Pass) -> Chain {
        let mut fields = vec![("Type".to_owned(), Value::from("Pass"))];
        p.io.render(&mut fields);
        if let Some(r) = p.result {
            fields.push(("Result".into(), r));
        }
        Chain::single(
            &p.name,
            StateDef {
                fields,
                next: None,
                kind: Kind::Flow,
                retry: vec![],
                catch: vec![],
                grants: vec![],
            },
        )
    }
}

/// How long a `Wait` state waits.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitFor {
    /// `Seconds`.
    Seconds(u32),
    /// `Timestamp` (RFC 3339).
    Timestamp(String),
    /// `SecondsPath`.
    SecondsPath(String),
    /// `TimestampPath`.
    TimestampPath(String),
}

/// A `Wait` state.
#[derive(Clone, Debug)]
pub struct Wait {
    name: String,
    io: Io,
    duration: WaitFor,
}

impl Wait {
    /// A Wait state.
    pub fn new(name: &str, duration: WaitFor) -> Wait {
        Wait {
            name: name.to_owned(),
            io: Io::default(),
            duration,
        }
    }
    io_methods!();
}

impl From<Wait> for Chain {
    fn from(w: Wait) -> Chain {
        let mut fields = vec![("Type".to_owned(), Value::from("Wait"))];
        fields.push(match w.duration {
            WaitFor::Seconds(s) => ("Seconds".into(), s.into()),
            WaitFor::Timestamp(t) => ("Timestamp".into(), t.into()),
            WaitFor::SecondsPath(p) => ("SecondsPath".into(), p.into()),
            WaitFor::TimestampPath(p) => ("TimestampPath".into(), p.into()),
        });
        w.io.render(&mut fields);
        Chain::single(
            &w.name,
            StateDef {
                fields,
                next: None,
                kind: Kind::Flow,
                retry: vec![],
                catch: vec![],
                grants: vec![],
            },
        )
    }
}

/// A `Succeed` state.
#[derive(Clone, Debug)]
pub struct Succeed {
    name: String,
}

impl Succeed {
    /// A Succeed state.
    pub fn new(name: &str) -> Succeed {
        Succeed { name: name.to_owned() }
    }
}

impl From<Succeed> for Chain {
    fn from(s: Succeed) -> Chain {
        let fields = vec![("Type".to_owned(), Value::from("Succeed"))];
        Chain::single(
            &s.name,
            StateDef {
                fields,
                next: None,
                kind: Kind::Terminal,
                retry: vec![],
                catch: vec![],
                grants: vec![],
            },
        )
    }
}

/// A `Fail` state.
#[derive(Clone, Debug)]
pub struct Fail {
    name: String,
    error: Option<String>,
    cause: Option<String>,
}

impl Fail {
    /// A Fail state.
    pub fn new(name: &str) -> Fail {
        Fail {
            name: name.to_owned(),
            error: None,
            cause: None,
        }
    }
    /// `Error`.
    pub fn error(mut self, error: &str) -> Fail {
        self.error = Some(error.to_owned());
        self
    }
    /// `Cause`.
    pub fn cause(mut self, cause: &str) -> Fail {
        self.cause = Some(cause.to_owned());
        self
    }
}

impl From<Fail> for Chain {
    fn from(f: Fail) -> Chain {
        let mut fields = vec![("Type".to_owned(), Value::from("Fail"))];
        if let Some(e) = f.error {
            fields.push(("Error".into(), e.into()));
        }
        if let Some(c) = f.cause {
            fields.push(("Cause".into(), c.into()));
        }
        Chain::single(
            &f.name,
            StateDef {
                fields,
                next: None,
                kind: Kind::Terminal,
                retry: vec![],
                catch: vec![],
                grants: vec![],
            },
        )
    }
}

/// A `Choice` state: the first rule whose condition holds picks the next
/// state, else `Default`.
#[derive(Clone, Debug)]
pub struct Choice {
    name: String,
    comment: Option<String>,
    assign: IndexMap<String, Value>,
    rules: Vec<(Condition, Chain)>,
    otherwise: Option<Chain>,
}

impl Choice {
    /// A Choice state.
    pub fn new(name: &str) -> Choice {
        Choice {
            name: name.to_owned(),
            comment: None,
            assign: IndexMap::new(),
            rules: Vec::new(),
            otherwise: None,
        }
    }
    /// `Comment`.
    pub fn comment(mut self, comment: &str) -> Choice {
        self.comment = Some(comment.to_owned());
        self
    }
    /// Sets a workflow variable whichever rule matches (`Assign`): a
    /// literal value, or, when `name` ends in `.$`, a path over the state's
    /// input.
    ///
    /// ```
    /// use rcdk_orchestration::{Choice, Condition, Definition, Succeed};
    /// let c = Choice::new("Big?")
    ///     .assign("size.$", "$.size")
    ///     .when(Condition::number_greater_than("$.size", 10), Succeed::new("Yes"))
    ///     .otherwise(Succeed::new("No"));
    /// let d = Definition::build(c, None);
    /// assert!(d.errors().is_empty(), "{:?}", d.errors());
    /// ```
    pub fn assign(mut self, name: &str, value: impl Into<Value>) -> Choice {
        self.assign.insert(name.to_owned(), value.into());
        self
    }
    /// Adds a rule: when `condition` holds, continue with `then`.
    pub fn when(mut self, condition: Condition, then: impl Into<Chain>) -> Choice {
        self.rules.push((condition, then.into()));
        self
    }
    /// `Default`: where to go when no rule holds.
    pub fn otherwise(mut self, then: impl Into<Chain>) -> Choice {
        self.otherwise = Some(then.into());
        self
    }
    /// Joins every branch's open end to `then`.
    pub fn next(self, then: impl Into<Chain>) -> Chain {
        Chain::from(self).next(then)
    }
}

impl From<Choice> for Chain {
    fn from(c: Choice) -> Chain {
        let mut fields = vec![("Type".to_owned(), Value::from("Choice"))];
        if let Some(comment) = &c.comment {
            fields.push(("Comment".into(), comment.as_str().into()));
        }
        render_assign(&c.assign, &mut fields);
        let mut choices = Vec::new();
        let mut branches = Vec::new();
        for (cond, chain) in c.rules {
            let mut rule = match cond.json {
                Value::Object(m) => m,
                _ => IndexMap::new(),
            };
            rule.insert("Next".into(), chain.start.as_str().into());
            choices.push(Value::Object(rule));
            branches.push(chain);
        }
        fields.push(("Choices".into(), Value::List(choices)));
        if let Some(o) = &c.otherwise {
            fields.push(("Default".into(), o.start.as_str().into()));
        }
        let mut chain = Chain::single(
            &c.name,
            StateDef {
                fields,
                next: None,
                kind: Kind::Choice,
                retry: vec![],
                catch: vec![],
                grants: vec![],
            },
        );
        let mut ends = Vec::new();
        for b in branches.into_iter().chain(c.otherwise) {
            ends.extend(b.ends.clone());
            chain.absorb(b);
        }
        ends.dedup();
        chain.ends = ends;
        chain
    }
}

/// Whole seconds as an integer; anything else as the fraction it is, which
/// the definition check then refuses with the state and the field.
fn seconds_value(d: rcdk_core::Duration) -> Value {
    match d.to_seconds() {
        Some(s) => Value::Int(i64::try_from(s).unwrap_or(i64::MAX)),
        None => Value::Float(d.to_millis() as f64 / 1000.0),
    }
}

/// A retry policy of a Task, Parallel or Map state.
#[derive(Clone, Debug, PartialEq)]
pub struct Retry {
    errors: Vec<String>,
    interval_seconds: Option<Value>,
    max_attempts: Option<u32>,
    backoff_rate: Option<f64>,
    max_delay_seconds: Option<Value>,
    jitter: bool,
}

impl Retry {
    /// Retries on these errors (`States.ALL`, `States.Timeout`, `ApiGateway.500`, ...).
    pub fn on<S: Into<String>>(errors: impl IntoIterator<Item = S>) -> Retry {
        Retry {
            errors: errors.into_iter().map(Into::into).collect(),
            interval_seconds: None,
            max_attempts: None,
            backoff_rate: None,
            max_delay_seconds: None,
            jitter: false,
        }
    }
    /// `IntervalSeconds`.
    pub fn interval_seconds(mut self, s: u32) -> Retry {
        self.interval_seconds = Some(s.into());
        self
    }

    /// `IntervalSeconds` from a [`Duration`](rcdk_core::Duration): the wait
    /// before the first retry. Step Functions counts whole seconds; a
    /// fraction is written as it is, and synth reports it on the state.
    ///
    /// ```
    /// use rcdk_core::Duration;
    /// let retry = rcdk_orchestration::Retry::on(["States.TaskFailed"]).interval(Duration::seconds(2));
    /// # let _ = retry;
    /// ```
    pub fn interval(mut self, d: rcdk_core::Duration) -> Retry {
        self.interval_seconds = Some(seconds_value(d));
        self
    }
    /// `MaxAttempts`.
    pub fn max_attempts(mut self, n: u32) -> Retry {
        self.max_attempts = Some(n);
        self
    }
    /// `BackoffRate`.
    pub fn backoff_rate(mut self, r: f64) -> Retry {
        self.backoff_rate = Some(r);
        self
    }
    /// `MaxDelaySeconds`.
    pub fn max_delay_seconds(mut self, s: u32) -> Retry {
        self.max_delay_seconds = Some(s.into());
        self
    }

    /// `MaxDelaySeconds` from a [`Duration`](rcdk_core::Duration): the
    /// longest wait between retries, whatever the backoff.
    ///
    /// ```
    /// use rcdk_core::Duration;
    /// let retry = rcdk_orchestration::Retry::on(["States.ALL"]).backoff_rate(2.0).max_delay(Duration::minutes(1));
    /// # let _ = retry;
    /// ```
    pub fn max_delay(mut self, d: rcdk_core::Duration) -> Retry {
        self.max_delay_seconds = Some(seconds_value(d));
        self
    }
    /// `JitterStrategy: FULL`.
    pub fn full_jitter(mut self) -> Retry {
        self.jitter = true;
        self
    }
    pub(crate) fn render(&self) -> Value {
        let mut m = vec![(
            "ErrorEquals",
            Value::list(self.errors.iter().map(|e| e.as_str().into())),
        )];
        if let Some(v) = &self.interval_seconds {
            m.push(("IntervalSeconds", v.clone()));
        }
        if let Some(v) = self.max_attempts {
            m.push(("MaxAttempts", v.into()));
        }
        if let Some(v) = self.backoff_rate {
            m.push(("BackoffRate", v.into()));
        }
        if let Some(v) = &self.max_delay_seconds {
            m.push(("MaxDelaySeconds", v.clone()));
        }
        if self.jitter {
            m.push(("JitterStrategy", "FULL".into()));
        }
        Value::object(m)
    }
}
