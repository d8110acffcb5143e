//! A JSONata evaluator, for Step Functions' JSONata query language
//! (`QueryLanguage: "JSONata"`, `{% ... %}` expressions), run offline.
//!
//! It follows JSONata 2.0.6, the version AWS Step Functions runs (the
//! "Supported JSONata version" note of
//! [Transforming data with JSONata in Step Functions](https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html)),
//! with jsonata-js (npm `jsonata`) as the reference for behaviour and error
//! codes, and AWS's changes to it:
//!
//! - AWS's functions `$partition`, `$range`, `$hash`, `$random(seed)`,
//!   `$uuid` and `$parse` (see the `aws` module);
//! - no `$eval` (AWS documents `$parse` in its place): calling it fails
//!   with `T1006`, as calling any undefined function does;
//! - a result that is a function is an error (`U1002`): JSON cannot hold it.
//!
//! The caller supplies the clock (`$now()`, `$millis()`, fixed for one
//! evaluation as in JSONata) and the random source (`$random()`, `$uuid()`,
//! `$shuffle`), so runs repeat. Variables stay JSON until read: a path such
//! as `$states.input.orderId` is followed in the JSON and converts only the
//! value it reaches, so an expression costs what it reads, not the size of
//! `$states`.
//!
//! ```
//! use rcdk_states::jsonata::{Env, Expression};
//! use serde_json::json;
//!
//! let e = Expression::parse(r#"$states.input.items[price > 10].{"id": id, "total": price * qty}"#).unwrap();
//! let mut env = Env::new();
//! env.bind("states", json!({"input": {"items": [
//!     {"id": "a", "price": 5, "qty": 1},
//!     {"id": "b", "price": 20, "qty": 3}]}}));
//! assert_eq!(e.evaluate(None, &mut env).unwrap(), Some(json!({"id": "b", "total": 60})));
//! ```
//!
//! # Limits
//!
//! No expression or input makes it panic, overflow the stack or run
//! without bound: the parse tree nests at most 100 levels (`S0001`); input
//! data at most 127 (the interpreter's limit) and values built at most
//! 1,000; an evaluation nests at most [`Env::max_depth`] levels, uses at
//! most [`Env::stack_budget`] bytes of stack and takes at most
//! [`Env::max_steps`] steps (a million by default, where each node
//! evaluated counts one, and copying values a fraction: an eighth per item,
//! a sixty-fourth per string byte); strings stop at 16 MiB. Past a limit it
//! fails with `U1001`. The step budget also bounds memory: an evaluation
//! keeps its variable scopes until it ends, a few per step at most.
//!
//! # Not supported
//!
//! Of JSONata 2.0.6's test suite (1,625 cases, vendored in
//! `tests/jsonata-suite`), 1,609 pass; the others are listed, with the
//! reason, in `tests/jsonata_suite.rs`: `$eval` (12 cases; not in Step
//! Functions), two 10-million-item ranges (past the step budget), and two
//! cases whose strings hold lone UTF-16 surrogates, which Rust strings
//! cannot.
//! Regular expressions run on `regex-lite`: no lookaround or
//! backreferences (`S0303` when parsed); character classes are ASCII.
//!
//! # Why not the `jsonata-rs` crate
//!
//! `jsonata-rs` 0.3.4 calls itself incomplete and depends on clap, chrono,
//! bumpalo, uuid and rand. Measured (2026-11, in a throwaway crate) on the
//! same vendored suite and on the expressions of `benches/jsonata.rs`:
//! parse, evaluate against a 20-item `$states`, convert the result to JSON;
//! release build, median of 10 alternating rounds of 2,000, on a shared
//! 2-core machine:
//!
//! | | this module | jsonata-rs 0.3.4 |
//! |---|---|---|
//! | suite cases passed (of 1,625) | 1,609 (99%) | 1,205 (74%); one case aborts the process (stack overflow) |
//! | `items[price > 10].{...}` | 25 µs | 27 µs |
//! | `$sum(items.(price * qty))` | 14 µs | 20 µs |
//! | string building with `&` | 16 µs | 21 µs |
//! | condition `? :` | 14 µs | 18 µs |
//! | a field (`$states.input.orderId`) | 1.4 µs | 12 µs |
//!
//! jsonata-rs fails whole groups (signatures, the parent operator `%`,
//! partial application, `$formatNumber`, `$formatInteger`,
//! `$parseInteger`, `$average`, `$sift`, `$spread`, `$type`, URL
//! functions) and a third of the transform cases.

mod ast;
mod aws;
mod datetime;
mod error;
mod eval;
mod functions;
mod lexer;
mod numbers;
mod parser;
mod picture;
mod regex;
mod signature;
mod strings;
mod value;

use std::sync::Arc;

use serde_json::Value as Json;

pub use error::Error;

use crate::rng::Rng;
use eval::{Evaluator, Limits};
use value::Value;

/// A parsed expression; parse once, evaluate many times.
#[derive(Clone, Debug)]
pub struct Expression {
    inner: Arc<Parsed>,
}

#[derive(Debug)]
struct Parsed {
    root: ast::Node,
    /// The binding name of each parent (`%`) slot.
    labels: Vec<String>,
    /// The variables the expression reads: only these are converted from
    /// the environment's JSON for an evaluation.
    variables: Vec<String>,
}

impl Expression {
    /// Parses a JSONata expression (the text between `{%` and `%}`).
    pub fn parse(source: &str) -> Result<Expression, Error> {
        let tree = parser::parse(source)?;
        let (root, labels) = ast::process(tree)?;
        let labels = labels.into_iter().map(|l| format!("!{l}")).collect();
        let mut names = Vec::new();
        ast::variables(&root, &mut names);
        let variables = names.into_iter().map(str::to_string).collect();
        Ok(Expression {
            inner: Arc::new(Parsed {
                root,
                labels,
                variables,
            }),
        })
    }

    /// Evaluates the expression against `input` (`None`: undefined, as
    /// Step Functions gives its JSONata expressions; they read
    /// `$states.input`). `Ok(None)`: the result is undefined.
    pub fn evaluate(&self, input: Option<&Json>, env: &mut Env) -> Result<Option<Json>, Error> {
        let parsed = &*self.inner;
        let (result, rng) = {
            let vars: &Env = env;
            let limits = Limits {
                steps: vars.max_steps,
                depth: vars.max_depth,
                stack: vars.stack_budget,
            };
            let mut ev = Evaluator::new(&parsed.labels, vars.rng.clone(), vars.now_millis, limits);
            let root = ev.root();
            for (name, value) in vars.vars.iter().filter(|(n, _)| parsed.variables.contains(n)) {
                ev.bind_json(name, value);
            }
            let input = match input {
                Some(json) => Value::from_json_checked(json)?,
                None => Value::Undefined,
            };
            ev.bind(root, "$", input.clone());
            // An input array is wrapped so that a path sees it as one value.
            let input = match input {
                Value::Array(a) if !a.sequence => {
                    let mut wrapper = value::Array::new(vec![Value::Array(a)], true);
                    wrapper.outer_wrapper = true;
                    Value::Array(std::rc::Rc::new(wrapper))
                }
                v => v,
            };
            let result = ev
                .evaluate(&parsed.root, &input, root)
                .and_then(|v| output(&v))
                .map_err(Error::finish);
            (result, ev.rng)
        };
        env.rng = rng;
        result
    }
}

fn output(v: &Value) -> Result<Option<Json>, Error> {
    if v.is_function() {
        return Err(Error::with_message(
            "U1002",
            0,
            "The result is a function, which JSON cannot represent",
        ));
    }
    v.to_json()
}

/// Variables and AWS's environment for evaluations: the clock and the
/// random source, and the step budget.
#[derive(Clone, Debug)]
pub struct Env {
    vars: Vec<(String, Json)>,
    rng: Rng,
    now_millis: i64,
    max_steps: u64,
    max_depth: usize,
    stack_budget: usize,
}

impl Default for Env {
    fn default() -> Env {
        Env::new()
    }
}

impl Env {
    /// No variables, seed 0, the clock at the Unix epoch, a million steps.
    pub fn new() -> Env {
        Env {
            vars: Vec::new(),
            rng: Rng::new(0),
            now_millis: 0,
            max_steps: 1_000_000,
            max_depth: 1000,
            stack_budget: 1 << 20,
        }
    }

    /// Binds `$name` (`name` without the `$`), such as `states`.
    pub fn bind(&mut self, name: &str, value: Json) -> &mut Env {
        if let Some(slot) = self.vars.iter_mut().find(|(n, _)| n == name) {
            slot.1 = value;
        } else {
            self.vars.push((name.to_string(), value));
        }
        self
    }

    /// Seeds the source of `$random()`, `$uuid()` and `$shuffle`; it
    /// advances over evaluations with the same `Env`.
    pub fn seed(&mut self, seed: u64) -> &mut Env {
        self.rng = Rng::new(seed);
        self
    }

    /// The time `$now()` and `$millis()` return, in milliseconds since the
    /// Unix epoch (the same throughout one evaluation).
    pub fn now_millis(&mut self, millis: i64) -> &mut Env {
        self.now_millis = millis;
        self
    }

    /// The most steps one evaluation may take before failing with `U1001`.
    pub fn max_steps(&mut self, steps: u64) -> &mut Env {
        self.max_steps = steps;
        self
    }

    /// How deep evaluations may nest (1,000 by default; `U1001` past it),
    /// counted as jsonata-js's test harness counts: expressions being
    /// evaluated within one another.
    pub fn max_depth(&mut self, levels: usize) -> &mut Env {
        self.max_depth = levels;
        self
    }

    /// How many bytes of the calling thread's stack an evaluation may use
    /// (1 MiB by default; `U1001` past it). Threads Rust spawns get 2 MiB;
    /// raise it only to evaluate on a thread with a larger stack.
    pub fn stack_budget(&mut self, bytes: usize) -> &mut Env {
        self.stack_budget = bytes;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn eval(expr: &str, input: Json) -> Option<Json> {
        Expression::parse(expr)
            .unwrap()
            .evaluate(Some(&input), &mut Env::new())
            .unwrap()
    }

    #[test]
    fn expressions_are_shareable_between_threads() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Expression>();
        let e = Expression::parse("a + 1").unwrap();
        let handle = std::thread::spawn(move || e.evaluate(Some(&json!({"a": 1})), &mut Env::new()).unwrap());
        assert_eq!(handle.join().unwrap(), Some(json!(2)));
    }

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        for (n, s) in [
            (1e21, "1e+21"),
            (1.5e-7, "1.5e-7"),
            (123.456, "123.456"),
            (-0.000001, "-0.000001"),
            (100.0, "100"),
        ] {
            assert_eq!(value::js_number(n), s);
        }
        assert_eq!(eval("$string(1e21)", json!(null)), Some(json!("1e+21")));
        assert_eq!(eval("$string(0.1 + 0.2)", json!(null)), Some(json!("0.3")));
    }

    #[test]
    fn integral_results_are_json_integers() {
        assert_eq!(eval("2.0 * 3", json!(null)), Some(json!(6)));
        assert!(eval("2.5 * 3", json!(null)).unwrap().is_f64());
    }

    #[test]
    fn sequences_flatten_and_unwrap() {
        let input = json!({"a": [{"b": [1, 2]}, {"b": 3}]});
        assert_eq!(eval("a.b", input.clone()), Some(json!([1, 2, 3])));
        assert_eq!(eval("a[1].b", input.clone()), Some(json!(3)));
        assert_eq!(eval("a[1].b[]", input), Some(json!([3])));
        assert_eq!(eval("$[0]", json!([5, 6])), Some(json!(5)));
    }

    #[test]
    fn signatures_fill_the_context_and_wrap_arrays() {
        assert_eq!(eval("name.$uppercase()", json!({"name": "ab"})), Some(json!("AB")));
        assert_eq!(eval("$sum(5)", json!(null)), Some(json!(5)));
        let e = Expression::parse("$uppercase(1)")
            .unwrap()
            .evaluate(None, &mut Env::new())
            .unwrap_err();
        assert_eq!(e.code(), "T0410");
    }
}
