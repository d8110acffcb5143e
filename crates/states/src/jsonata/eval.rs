//! The evaluator: walks the tree of [`super::ast`] as jsonata-js's
//! `evaluate` does, with its sequence semantics (a path's results are
//! flattened, a single result unwrapped), tuple streams for `@`, `#` and `%`,
//! and a trampoline for tail calls. Every step is counted and the nesting
//! bounded, so no expression can hang or overflow the stack.

mod calls;
mod operators;

use calls::closure;
use operators::sort_keyed;

use std::rc::Rc;

use super::ast::{Group, Kind, Node, Stage};
use super::error::Error;
use super::functions;
use super::value::{Array, FrameId, Map, Tuple, Value, MAX_VALUE_DEPTH};
use crate::rng::Rng;

/// The limits of one evaluation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Evaluation steps (each node evaluated, each item a built-in makes).
    pub steps: u64,
    /// Nested evaluations (as jsonata-js's test harness counts depth).
    pub depth: usize,
    /// How much of the calling thread's stack evaluation may use. The depth
    /// a given stack allows varies (a debug build's frames are several
    /// times a release build's), so the evaluator measures the stack it has
    /// used, as the distance from a local of the first call to a local of
    /// the current one, and fails with `U1001` past this budget.
    pub stack: usize,
}

pub(crate) struct Frame<'a> {
    parent: Option<FrameId>,
    vars: Vec<(&'a str, Value<'a>)>,
}

pub(crate) struct Evaluator<'a> {
    /// Each parent slot's binding name (`!0`, `!1`...).
    labels: &'a [String],
    frames: Vec<Frame<'a>>,
    pub rng: Rng,
    pub now_millis: i64,
    steps_left: u64,
    depth: usize,
    limits: Limits,
    /// The address of a local in the outermost `evaluate` (see [`Limits::stack`]).
    stack_base: usize,
    /// The caller's variables, still JSON: converted when first read, or
    /// only in part when a path picks fields out of them.
    json_vars: Vec<(&'a str, &'a serde_json::Value)>,
}

type R<'a> = Result<Value<'a>, Error>;

/// The longest string an evaluation may make (a payload is at most
/// 256 KiB; this only stops runaway concatenation).
pub(crate) const MAX_STRING_BYTES: usize = 16 << 20;

impl<'a> Evaluator<'a> {
    pub(crate) fn new(labels: &'a [String], rng: Rng, now_millis: i64, limits: Limits) -> Evaluator<'a> {
        Evaluator {
            labels,
            frames: vec![Frame {
                parent: None,
                vars: Vec::new(),
            }],
            rng,
            now_millis,
            steps_left: limits.steps,
            depth: 0,
            limits,
            stack_base: 0,
            json_vars: Vec::new(),
        }
    }

    pub(crate) fn root(&self) -> FrameId {
        0
    }

    /// Binds `$name` to the caller's JSON (in the outermost scope).
    pub(crate) fn bind_json(&mut self, name: &'a str, json: &'a serde_json::Value) {
        self.json_vars.push((name, json));
    }

    pub(crate) fn json_var(&self, name: &str) -> Option<&'a serde_json::Value> {
        self.json_vars.iter().find(|(n, _)| *n == name).map(|(_, j)| *j)
    }

    pub(crate) fn bind(&mut self, frame: FrameId, name: &'a str, value: Value<'a>) {
        let vars = &mut self.frames[frame].vars;
        if let Some(slot) = vars.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        } else {
            vars.push((name, value));
        }
    }

    fn new_frame(&mut self, parent: FrameId) -> FrameId {
        self.frames.push(Frame {
            parent: Some(parent),
            vars: Vec::new(),
        });
        self.frames.len() - 1
    }

    fn tuple_frame(&mut self, parent: FrameId, tuple: &Tuple<'a>) -> FrameId {
        let f = self.new_frame(parent);
        self.frames[f].vars = tuple.bindings.clone();
        f
    }

    pub(crate) fn lookup(&self, mut frame: FrameId, name: &str) -> Option<Value<'a>> {
        loop {
            let f = &self.frames[frame];
            if let Some((_, v)) = f.vars.iter().rev().find(|(n, _)| *n == name) {
                return Some(v.clone());
            }
            frame = f.parent?;
        }
    }

    /// Spends `n` steps of the budget.
    pub(crate) fn spend(&mut self, n: u64, position: usize) -> Result<(), Error> {
        if self.steps_left < n {
            self.steps_left = 0;
            return Err(Error::with_message(
                "U1001",
                position,
                "Evaluation exceeded its step budget: check for an infinite loop or a very large sequence",
            ));
        }
        self.steps_left -= n;
        Ok(())
    }

    /// Checks the stack used so far against the budget.
    fn check_stack(&mut self, position: usize) -> Result<(), Error> {
        let marker = 0u8;
        let here = std::ptr::addr_of!(marker) as usize;
        if self.stack_base == 0 {
            self.stack_base = here;
        }
        if here.abs_diff(self.stack_base) > self.limits.stack {
            return Err(Error::new("U1001", position, ""));
        }
        Ok(())
    }

    /// Spends for copying `items` values: an eighth of a step each, as a
    /// copy costs a fraction of evaluating a node; it still bounds loops
    /// that copy a growing array.
    pub(crate) fn spend_items(&mut self, items: usize, position: usize) -> Result<(), Error> {
        self.spend(items as u64 / 8, position)
    }

    /// Spends for building a string of `bytes` bytes (a step per 64), which
    /// bounds loops that grow a string by copying it.
    pub(crate) fn spend_bytes(&mut self, bytes: usize, position: usize) -> Result<(), Error> {
        self.spend(bytes as u64 / 64, position)
    }

    pub(crate) fn evaluate(&mut self, node: &'a Node, input: &Value<'a>, frame: FrameId) -> R<'a> {
        self.spend(1, node.position)?;
        self.check_stack(node.position)?;
        if self.depth >= self.limits.depth {
            return Err(Error::new("U1001", node.position, ""));
        }
        self.depth += 1;
        let result = self.evaluate_inner(node, input, frame);
        self.depth -= 1;
        let result = result?;
        if result.depth() > MAX_VALUE_DEPTH {
            return Err(too_deep(node.position));
        }
        if matches!(&result, Value::String(s) if s.len() > MAX_STRING_BYTES) {
            return Err(too_long(node.position));
        }
        Ok(result)
    }

    fn evaluate_inner(&mut self, node: &'a Node, input: &Value<'a>, frame: FrameId) -> R<'a> {
        let mut result = self.dispatch(node, input, frame)?;
        if !node.predicate.is_empty() {
            result = self.predicates(node, result, frame)?;
        }
        if !matches!(node.kind, Kind::Path(_)) {
            if let Some(g) = &node.group {
                result = self.group_by(g, result, frame)?;
            }
        }
        Ok(finish_sequence(result, node.keep_array))
    }

    /// One call per kind of node, each in its own function: evaluation
    /// recurses through here, and a debug build gives a function's frame
    /// room for every local of every arm.
    fn dispatch(&mut self, node: &'a Node, input: &Value<'a>, frame: FrameId) -> R<'a> {
        match &node.kind {
            Kind::Path(steps) => self.path(node, steps, input, frame),
            Kind::Binary(op, lhs, rhs) => self.binary(node, op, lhs, rhs, input, frame),
            Kind::Neg(e) => self.negate(node, e, input, frame),
            Kind::Array(items) => self.array_constructor(node, items, input, frame),
            Kind::Object(pairs) => self.group(pairs, node.position, input.clone(), frame),
            Kind::Name(name) => Ok(lookup_field(input, name)),
            Kind::Str(s) => Ok(Value::string(s)),
            Kind::Num(n) => Ok(Value::Number(*n)),
            Kind::Bool(b) => Ok(Value::Bool(*b)),
            Kind::Null => Ok(Value::Null),
            Kind::Wildcard => Ok(wildcard(input)),
            Kind::Descendant => Ok(descendants(input)),
            Kind::Parent(slot) => Ok(self.lookup(frame, &self.labels[*slot]).unwrap_or(Value::Undefined)),
            Kind::Cond(c, t, e) => self.condition(c, t, e.as_deref(), input, frame),
            Kind::Block(items) => self.block(items, input, frame),
            Kind::Bind(name, rhs) => self.assign(name, rhs, input, frame),
            Kind::Regex(re) => Ok(Value::Regex(re)),
            Kind::Call(procedure, args) => self.call(node, procedure, args, input, frame, None),
            Kind::Partial(procedure, args) => self.partial(node, procedure, args, input, frame),
            Kind::Placeholder => Ok(Value::Undefined),
            Kind::Variable(name) => self.variable(name, input, frame),
            Kind::Lambda(def) => Ok(closure(def, input, frame)),
            Kind::Apply(lhs, rhs) => self.apply_operator(node, lhs, rhs, input, frame),
            Kind::Transform(..) => Ok(Value::Transformer(node, frame)),
            Kind::Sort(_) => self.sort(node, input.members(), frame),
        }
    }

    fn predicates(&mut self, node: &'a Node, mut result: Value<'a>, frame: FrameId) -> R<'a> {
        for stage in &node.predicate {
            if let Stage::Filter(p) = stage {
                result = self.filter(p, result, frame)?;
            }
        }
        Ok(result)
    }

    fn negate(&mut self, node: &'a Node, e: &'a Node, input: &Value<'a>, frame: FrameId) -> R<'a> {
        match self.evaluate(e, input, frame)? {
            Value::Undefined => Ok(Value::Undefined),
            Value::Number(n) => Ok(Value::Number(-n)),
            v => Err(Error::new("D1002", node.position, display(&v)).token("-")),
        }
    }

    fn condition(&mut self, c: &'a Node, t: &'a Node, e: Option<&'a Node>, input: &Value<'a>, frame: FrameId) -> R<'a> {
        if self.evaluate(c, input, frame)?.truthy() == Some(true) {
            self.evaluate(t, input, frame)
        } else if let Some(e) = e {
            self.evaluate(e, input, frame)
        } else {
            Ok(Value::Undefined)
        }
    }

    fn block(&mut self, items: &'a [Node], input: &Value<'a>, frame: FrameId) -> R<'a> {
        let f = self.new_frame(frame);
        let mut result = Value::Undefined;
        for item in items {
            result = self.evaluate(item, input, f)?;
        }
        Ok(result)
    }

    fn assign(&mut self, name: &'a str, rhs: &'a Node, input: &Value<'a>, frame: FrameId) -> R<'a> {
        let v = self.evaluate(rhs, input, frame)?;
        self.bind(frame, name, v.clone());
        Ok(v)
    }

    fn variable(&mut self, name: &str, input: &Value<'a>, frame: FrameId) -> R<'a> {
        if name.is_empty() {
            return Ok(match input {
                Value::Array(a) if a.outer_wrapper => a.items.first().cloned().unwrap_or(Value::Undefined),
                v => v.clone(),
            });
        }
        if let Some(v) = self.lookup(frame, name) {
            return Ok(v);
        }
        if let Some((n, json)) = self.json_vars.iter().find(|(n, _)| *n == name).copied() {
            // Converted once, then found in the outermost scope.
            let v = Value::from_json_checked(json)?;
            self.bind(0, n, v.clone());
            return Ok(v);
        }
        Ok(functions::builtin(name).map_or(Value::Undefined, Value::Builtin))
    }

    /// `$var.a.b...` where `$var` is still the caller's JSON: walks the
    /// plain field steps in the JSON and converts only the value reached
    /// (`$states.input.orderId` converts one string, not the input).
    fn json_path(&mut self, node: &'a Node, steps: &'a [Node], frame: FrameId) -> Result<Option<Value<'a>>, Error> {
        let Kind::Variable(name) = &steps[0].kind else {
            return Ok(None);
        };
        if name.is_empty() || node.group.is_some() || node.tuple || node.keep_singleton_array || !is_plain(&steps[0]) {
            return Ok(None);
        }
        if self.lookup(frame, name).is_some() {
            return Ok(None);
        }
        let Some(mut json) = self.json_var(name) else {
            return Ok(None);
        };
        let mut k = 1;
        while let Some(step) = steps.get(k) {
            let (Kind::Name(field), serde_json::Value::Object(map)) = (&step.kind, json) else {
                break;
            };
            if !is_plain(step) {
                break;
            }
            match map.get(field) {
                Some(v) => json = v,
                None => return Ok(Some(Value::Undefined)),
            }
            k += 1;
        }
        let rest = &steps[k..];
        if rest.first().is_some_and(|s| matches!(s.kind, Kind::Array(_))) {
            return Ok(None);
        }
        let v = Value::from_json_checked(json)?;
        if rest.is_empty() {
            return Ok(Some(v));
        }
        self.path(node, rest, &v, frame).map(Some)
    }

    fn path(&mut self, node: &'a Node, steps: &'a [Node], input: &Value<'a>, frame: FrameId) -> R<'a> {
        if let Some(v) = self.json_path(node, steps, frame)? {
            return Ok(v);
        }
        if let Some(name) = plain_field(node, steps, input) {
            return Ok(lookup_field(input, name));
        }
        let mut input_seq: Vec<Value<'a>> = match input {
            Value::Array(a) if !matches!(steps[0].kind, Kind::Variable(_)) => a.items.clone(),
            v => vec![v.clone()],
        };
        let mut result = Value::sequence(Vec::new());
        let mut tuples: Option<Vec<Tuple<'a>>> = None;
        let mut is_tuple = false;
        let last = steps.len() - 1;
        for (i, step) in steps.iter().enumerate() {
            if step.tuple {
                is_tuple = true;
            }
            if i == 0 && step.cons_array {
                let v = match input {
                    Value::Array(_) if !matches!(steps[0].kind, Kind::Variable(_)) => input.clone(),
                    v => Value::sequence(vec![v.clone()]),
                };
                result = self.evaluate(step, &v, frame)?;
            } else if is_tuple {
                tuples = Some(self.tuple_step(step, &input_seq, tuples, frame)?);
            } else {
                result = self.step(step, &input_seq, frame, i == last)?;
            }
            if !is_tuple
                && matches!(&result, Value::Undefined | Value::Array(_))
                && result.as_array().is_none_or(|a| a.items.is_empty())
            {
                break;
            }
            if step.focus.is_none() {
                // A value that is not an array (a constructor's filtered
                // item) gives the next step nothing to walk, as in jsonata-js.
                input_seq = match &result {
                    Value::Array(a) => a.items.clone(),
                    _ => Vec::new(),
                };
            }
        }
        let mut tuple_stream = None;
        if is_tuple {
            let t = Rc::new(tuples.unwrap_or_default());
            result = if node.tuple {
                Value::Tuples(t.clone())
            } else {
                Value::sequence(t.iter().map(|t| t.at.clone()).collect())
            };
            tuple_stream = Some(Value::Tuples(t));
        }
        if node.keep_singleton_array {
            if let Value::Array(a) = &result {
                if a.cons && !a.sequence {
                    result = Value::sequence(vec![result.clone()]);
                }
            }
            if let Value::Array(a) = &mut result {
                Rc::make_mut(a).keep_singleton = true;
            }
        }
        if let Some(g) = &node.group {
            result = self.group_by(g, tuple_stream.unwrap_or(result), frame)?;
        }
        Ok(result)
    }

    fn step(&mut self, step: &'a Node, input: &[Value<'a>], frame: FrameId, last: bool) -> R<'a> {
        if matches!(step.kind, Kind::Sort(_)) {
            let mut result = self.sort(step, input.to_vec(), frame)?;
            for stage in &step.stages {
                if let Stage::Filter(p) = stage {
                    result = self.filter(p, result, frame)?;
                }
            }
            return Ok(result);
        }
        let mut results = Vec::with_capacity(input.len());
        for item in input {
            let mut res = self.evaluate(step, item, frame)?;
            for stage in &step.stages {
                if let Stage::Filter(p) = stage {
                    res = self.filter(p, res, frame)?;
                }
            }
            if !res.is_undefined() {
                results.push(res);
            }
        }
        if last && results.len() == 1 && matches!(&results[0], Value::Array(a) if !a.sequence) {
            return Ok(results.pop().unwrap_or(Value::Undefined));
        }
        let mut out = Vec::with_capacity(results.len());
        for res in results {
            match res {
                Value::Array(a) if !a.cons => out.extend(a.items.iter().cloned()),
                v => out.push(v),
            }
        }
        self.spend_items(out.len(), step.position)?;
        Ok(Value::sequence(out))
    }

    /// A step of a path that carries bindings (`@`, `#`, `%`): each tuple's
    /// value goes through the step, and each result extends the tuple.
    fn tuple_step(
        &mut self,
        step: &'a Node,
        input: &[Value<'a>],
        tuples: Option<Vec<Tuple<'a>>>,
        frame: FrameId,
    ) -> Result<Vec<Tuple<'a>>, Error> {
        if matches!(step.kind, Kind::Sort(_)) {
            let sorted = self.sort_tuple_step(step, input, tuples, frame)?;
            return self.stages(&step.stages, sorted, frame);
        }
        let tuples = tuples.unwrap_or_else(|| {
            input
                .iter()
                .map(|v| Tuple {
                    at: v.clone(),
                    bindings: Vec::new(),
                })
                .collect()
        });
        let mut result = Vec::new();
        for tuple in &tuples {
            let f = self.tuple_frame(frame, tuple);
            let items = match self.evaluate(step, &tuple.at, f)? {
                Value::Undefined => continue,
                Value::Tuples(inner) => inner.iter().map(|t| merge_tuple(tuple, t)).collect(),
                Value::Array(a) => self.extend_tuple(step, tuple, a.items.clone()),
                v => self.extend_tuple(step, tuple, vec![v]),
            };
            self.spend_items(items.len(), step.position)?;
            result.extend(items);
        }
        self.stages(&step.stages, result, frame)
    }

    /// A tuple for each of a step's results: the result as the context (or
    /// bound to the step's `@` variable), its position bound to the `#`
    /// variable, the step's input bound for a `%` that names this step.
    fn extend_tuple(&self, step: &'a Node, tuple: &Tuple<'a>, values: Vec<Value<'a>>) -> Vec<Tuple<'a>> {
        let mut out = Vec::with_capacity(values.len());
        for (i, v) in values.into_iter().enumerate() {
            let mut t = tuple.clone();
            match &step.focus {
                Some(focus) => t.bind(focus, v),
                None => t.at = v,
            }
            if let Some(index) = &step.index {
                t.bind(index, Value::Number(i as f64));
            }
            if let Some(slot) = step.ancestor {
                t.bind(&self.labels[slot], tuple.at.clone());
            }
            out.push(t);
        }
        out
    }

    fn sort_tuple_step(
        &mut self,
        step: &'a Node,
        input: &[Value<'a>],
        tuples: Option<Vec<Tuple<'a>>>,
        frame: FrameId,
    ) -> Result<Vec<Tuple<'a>>, Error> {
        if let Some(t) = tuples {
            return self.sort_tuples(step, t, frame);
        }
        let sorted = self.sort(step, input.to_vec(), frame)?;
        let mut out = Vec::new();
        for (i, v) in sorted.members().into_iter().enumerate() {
            let mut t = Tuple {
                at: v,
                bindings: Vec::new(),
            };
            if let Some(name) = &step.index {
                t.bind(name, Value::Number(i as f64));
            }
            out.push(t);
        }
        Ok(out)
    }

    fn stages(
        &mut self,
        stages: &'a [Stage],
        mut tuples: Vec<Tuple<'a>>,
        frame: FrameId,
    ) -> Result<Vec<Tuple<'a>>, Error> {
        for stage in stages {
            match stage {
                Stage::Filter(p) => {
                    let filtered = self.filter(p, Value::Tuples(Rc::new(tuples)), frame)?;
                    tuples = match filtered {
                        Value::Tuples(t) => Rc::try_unwrap(t).unwrap_or_else(|t| (*t).clone()),
                        _ => Vec::new(),
                    };
                }
                Stage::Index(name) => {
                    for (i, t) in tuples.iter_mut().enumerate() {
                        t.bind(name, Value::Number(i as f64));
                    }
                }
            }
        }
        Ok(tuples)
    }

    fn filter(&mut self, predicate: &'a Node, input: Value<'a>, frame: FrameId) -> R<'a> {
        if let Value::Tuples(tuples) = &input {
            let mut out = Vec::new();
            let len = tuples.len();
            for (i, t) in tuples.iter().enumerate() {
                let f = self.tuple_frame(frame, t);
                if let Kind::Num(n) = predicate.kind {
                    if index_matches(n, i, len) {
                        out.push(t.clone());
                    }
                    continue;
                }
                let res = self.evaluate(predicate, &t.at, f)?;
                if predicate_keeps(&res, i, len) {
                    out.push(t.clone());
                }
            }
            return Ok(Value::Tuples(Rc::new(out)));
        }
        let items = match &input {
            Value::Array(a) => a.items.clone(),
            Value::Undefined => Vec::new(),
            v => vec![v.clone()],
        };
        let len = items.len();
        if let Kind::Num(n) = predicate.kind {
            let mut index = n.floor();
            if index < 0.0 {
                index += len as f64;
            }
            if index < 0.0 || index >= len as f64 {
                return Ok(Value::sequence(Vec::new()));
            }
            return Ok(match &items[index as usize] {
                v @ Value::Array(_) => v.clone(),
                v => Value::sequence(vec![v.clone()]),
            });
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let res = self.evaluate(predicate, item, frame)?;
            if predicate_keeps(&res, i, len) {
                out.push(item.clone());
            }
        }
        Ok(Value::sequence(out))
    }

    fn binary(
        &mut self,
        node: &'a Node,
        op: &'static str,
        lhs: &'a Node,
        rhs: &'a Node,
        input: &Value<'a>,
        frame: FrameId,
    ) -> R<'a> {
        let l = self.evaluate(lhs, input, frame)?;
        if op == "and" || op == "or" {
            let lb = l.truthy().unwrap_or(false);
            if (op == "and" && !lb) || (op == "or" && lb) {
                return Ok(Value::Bool(lb));
            }
            let r = self.evaluate(rhs, input, frame)?;
            return Ok(Value::Bool(r.truthy().unwrap_or(false)));
        }
        let r = self.evaluate(rhs, input, frame)?;
        self.operate(node, op, l, r)
    }

    fn array_constructor(&mut self, node: &'a Node, items: &'a [Node], input: &Value<'a>, frame: FrameId) -> R<'a> {
        let mut out: Vec<Value<'a>> = Vec::with_capacity(items.len());
        for item in items {
            let v = self.evaluate(item, input, frame)?;
            match v {
                Value::Undefined => {}
                Value::Array(a) if !matches!(item.kind, Kind::Array(_)) => {
                    self.spend_items(a.items.len(), item.position)?;
                    out.extend(a.items.iter().cloned());
                }
                v => out.push(v),
            }
        }
        let mut array = Array::new(out, false);
        array.cons = node.cons_array;
        Ok(Value::Array(Rc::new(array)))
    }

    /// An object constructor `{k: v}` over `input` (grouping when it is a sequence).
    fn group(&mut self, pairs: &'a [(Node, Node)], position: usize, input: Value<'a>, frame: FrameId) -> R<'a> {
        if !matches!(input, Value::Array(_) | Value::Tuples(_)) {
            return self.object(pairs, position, &input, frame);
        }
        let reduce = matches!(input, Value::Tuples(_));
        let items: Vec<Value<'a>> = match &input {
            Value::Tuples(t) => t.iter().map(|t| Value::Tuples(Rc::new(vec![t.clone()]))).collect(),
            Value::Array(a) if !a.items.is_empty() => a.items.clone(),
            Value::Array(_) => vec![Value::Undefined],
            v => vec![v.clone()],
        };
        // key -> (the items grouped under it, which pair made it)
        let mut groups: indexmap::IndexMap<String, (Vec<Value<'a>>, usize)> = indexmap::IndexMap::new();
        for item in &items {
            let (context, f) = match item {
                Value::Tuples(t) if reduce => (t[0].at.clone(), self.tuple_frame(frame, &t[0])),
                v => (v.clone(), frame),
            };
            for (pi, (k, _)) in pairs.iter().enumerate() {
                let key = match self.evaluate(k, &context, f)? {
                    Value::Undefined => continue,
                    Value::String(s) => s.to_string(),
                    other => return Err(Error::new("T1003", position, display(&other))),
                };
                match groups.get_mut(&key) {
                    Some((data, idx)) => {
                        if *idx != pi {
                            return Err(Error::new("D1009", position, format!("{key:?}")));
                        }
                        data.push(item.clone());
                    }
                    None => {
                        groups.insert(key, (vec![item.clone()], pi));
                    }
                }
            }
        }
        let mut out = Map::with_capacity(groups.len());
        for (key, (data, pi)) in groups {
            let (context, f) = if reduce {
                let tuple = reduce_tuples(&data);
                let f = self.tuple_frame(frame, &tuple);
                (tuple.at, f)
            } else {
                let mut acc = Value::Undefined;
                for d in data {
                    acc = append(acc, d);
                }
                (acc, frame)
            };
            let v = self.evaluate(&pairs[pi].1, &context, f)?;
            if !v.is_undefined() {
                out.insert(key, v);
            }
        }
        Ok(Value::object(out))
    }

    /// An object constructor over one value: each pair gives at most one
    /// field, so no grouping is needed (the common case, kept cheap).
    fn object(&mut self, pairs: &'a [(Node, Node)], position: usize, input: &Value<'a>, frame: FrameId) -> R<'a> {
        let mut keys: Vec<Option<String>> = Vec::with_capacity(pairs.len());
        for (pi, (k, _)) in pairs.iter().enumerate() {
            let key = match self.evaluate(k, input, frame)? {
                Value::Undefined => None,
                Value::String(s) => Some(s.to_string()),
                other => return Err(Error::new("T1003", position, display(&other))),
            };
            if let Some(key) = &key {
                if keys[..pi].iter().flatten().any(|k| k == key) {
                    return Err(Error::new("D1009", position, format!("{key:?}")));
                }
            }
            keys.push(key);
        }
        let mut out = Map::with_capacity(pairs.len());
        for (key, (_, v)) in keys.into_iter().zip(pairs) {
            let Some(key) = key else { continue };
            let v = self.evaluate(v, input, frame)?;
            if !v.is_undefined() {
                out.insert(key, v);
            }
        }
        Ok(Value::object(out))
    }

    fn group_by(&mut self, g: &'a Group, input: Value<'a>, frame: FrameId) -> R<'a> {
        self.group(&g.pairs, g.position, input, frame)
    }

    /// Sort keys of each item, computed once (JSONata evaluates them per
    /// comparison, with the same result as expressions have no side effects).
    fn sort(&mut self, node: &'a Node, items: Vec<Value<'a>>, frame: FrameId) -> R<'a> {
        if items.len() <= 1 {
            return Ok(Value::sequence(items));
        }
        let Kind::Sort(terms) = &node.kind else {
            return Ok(Value::sequence(items));
        };
        let mut keyed = Vec::with_capacity(items.len());
        for item in items {
            let mut keys = Vec::with_capacity(terms.len());
            for (_, e) in terms {
                keys.push(self.evaluate(e, &item, frame)?);
            }
            keyed.push((keys, item));
        }
        let sorted = sort_keyed(keyed, terms, node.position)?;
        Ok(Value::array(sorted))
    }

    fn sort_tuples(&mut self, node: &'a Node, tuples: Vec<Tuple<'a>>, frame: FrameId) -> Result<Vec<Tuple<'a>>, Error> {
        let Kind::Sort(terms) = &node.kind else {
            return Ok(tuples);
        };
        let mut keyed = Vec::with_capacity(tuples.len());
        for t in tuples {
            let f = self.tuple_frame(frame, &t);
            let mut keys = Vec::with_capacity(terms.len());
            for (_, e) in terms {
                keys.push(self.evaluate(e, &t.at, f)?);
            }
            keyed.push((keys, t));
        }
        sort_keyed(keyed, terms, node.position)
    }
}

#[cold]
fn too_long(position: usize) -> Error {
    Error::with_message(
        "U1001",
        position,
        format!("A string is longer than {MAX_STRING_BYTES} bytes"),
    )
}

#[cold]
fn too_deep(position: usize) -> Error {
    Error::with_message(
        "U1001",
        position,
        format!("A value nests more than {MAX_VALUE_DEPTH} levels deep"),
    )
}

/// A step that only looks up a field or a variable: no filters,
/// bindings, grouping or `[]`.
fn is_plain(step: &Node) -> bool {
    step.stages.is_empty()
        && step.predicate.is_empty()
        && !step.tuple
        && step.focus.is_none()
        && step.index.is_none()
        && !step.keep_array
        && step.ancestor.is_none()
        && step.group.is_none()
}

/// The field name of a path that is one plain field of a value that is
/// not an array (`price`), which needs none of a path's sequence handling:
/// the most common path, kept cheap.
fn plain_field<'a>(node: &'a Node, steps: &'a [Node], input: &Value) -> Option<&'a str> {
    let [step] = steps else { return None };
    let Kind::Name(name) = &step.kind else { return None };
    let plain = step.stages.is_empty() && !step.tuple && step.focus.is_none() && step.index.is_none();
    let plain = plain && node.group.is_none() && !node.keep_singleton_array && !node.tuple;
    (plain && !matches!(input, Value::Array(_))).then_some(name.as_str())
}

/// `outer` extended with the bindings (and context) of a nested path's tuple.
fn merge_tuple<'a>(outer: &Tuple<'a>, inner: &Tuple<'a>) -> Tuple<'a> {
    let mut merged = outer.clone();
    for (k, v) in &inner.bindings {
        merged.bind(k, v.clone());
    }
    merged.at = inner.at.clone();
    merged
}

/// Unwraps a sequence of one value and drops an empty one, as every
/// evaluation step does.
fn finish_sequence(result: Value<'_>, keep_array: bool) -> Value<'_> {
    let Value::Array(a) = &result else { return result };
    if !a.sequence {
        return result;
    }
    let keep = keep_array || a.keep_singleton;
    match a.items.len() {
        0 => Value::Undefined,
        1 if !keep => a.items[0].clone(),
        _ if keep_array && !a.keep_singleton => {
            let mut a = a.clone();
            Rc::make_mut(&mut a).keep_singleton = true;
            Value::Array(a)
        }
        _ => result,
    }
}

fn index_matches(n: f64, i: usize, len: usize) -> bool {
    let mut ii = n.floor();
    if ii < 0.0 {
        ii += len as f64;
    }
    ii == i as f64
}

/// Whether a filter keeps item `i`: a number (or numbers) selects by
/// position, anything else by truthiness.
fn predicate_keeps(res: &Value, i: usize, len: usize) -> bool {
    match res {
        Value::Number(n) => index_matches(*n, i, len),
        Value::Array(a) if a.items.iter().all(|v| matches!(v, Value::Number(_))) => a
            .items
            .iter()
            .any(|v| index_matches(v.number().unwrap_or(f64::NAN), i, len)),
        v => v.truthy() == Some(true),
    }
}

pub(crate) fn lookup_field<'a>(input: &Value<'a>, name: &str) -> Value<'a> {
    match input {
        Value::Array(a) => {
            let mut out = Vec::new();
            for item in &a.items {
                match lookup_field(item, name) {
                    Value::Undefined => {}
                    Value::Array(r) => out.extend(r.items.iter().cloned()),
                    v => out.push(v),
                }
            }
            Value::sequence(out)
        }
        Value::Object(o) => o.get(name).cloned().unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    }
}

fn wildcard<'a>(input: &Value<'a>) -> Value<'a> {
    let input = match input {
        Value::Array(a) if a.outer_wrapper && !a.items.is_empty() => &a.items[0],
        v => v,
    };
    let values: Vec<Value<'a>> = match input {
        Value::Object(o) => o.values().cloned().collect(),
        Value::Array(a) => a.items.clone(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for v in values {
        match v {
            Value::Array(_) => flatten(&v, &mut out),
            v => out.push(v),
        }
    }
    Value::sequence(out)
}

fn flatten<'a>(v: &Value<'a>, out: &mut Vec<Value<'a>>) {
    match v {
        Value::Array(a) => a.items.iter().for_each(|i| flatten(i, out)),
        v => out.push(v.clone()),
    }
}

fn descendants<'a>(input: &Value<'a>) -> Value<'a> {
    if input.is_undefined() {
        return Value::Undefined;
    }
    let mut out = Vec::new();
    let mut stack = vec![input.clone()];
    while let Some(v) = stack.pop() {
        match &v {
            Value::Array(a) => stack.extend(a.items.iter().rev().cloned()),
            Value::Object(o) => {
                stack.extend(o.values().rev().cloned());
                out.push(v.clone());
            }
            _ => out.push(v.clone()),
        }
    }
    if out.len() == 1 {
        return out.pop().unwrap_or(Value::Undefined);
    }
    Value::sequence(out)
}

/// `$append` (and how groups gather their items): a plain array, as
/// JavaScript's `concat` returns, unless one side is undefined.
pub(crate) fn append<'a>(a: Value<'a>, b: Value<'a>) -> Value<'a> {
    if a.is_undefined() {
        return b;
    }
    if b.is_undefined() {
        return a;
    }
    let mut items = match a {
        Value::Array(arr) => arr.items.clone(),
        v => vec![v],
    };
    match b {
        Value::Array(arr) => items.extend(arr.items.iter().cloned()),
        v => items.push(v),
    }
    Value::array(items)
}

fn reduce_tuples<'a>(data: &[Value<'a>]) -> Tuple<'a> {
    let tuples: Vec<&Tuple<'a>> = data
        .iter()
        .filter_map(|v| match v {
            Value::Tuples(t) => t.first(),
            _ => None,
        })
        .collect();
    let mut result = tuples[0].clone();
    for t in &tuples[1..] {
        result.at = append(result.at.clone(), t.at.clone());
        for (k, v) in &t.bindings {
            let prev = result
                .bindings
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .unwrap_or(Value::Undefined);
            result.bind(k, append(prev, v.clone()));
        }
    }
    result
}

/// A value as JSONata's messages show it.
pub(crate) fn display(v: &Value) -> String {
    match v.to_json() {
        Ok(Some(j)) => j.to_string(),
        _ => match v {
            Value::Number(n) => super::value::js_number(*n),
            _ => v.type_name().unwrap_or("undefined").to_string(),
        },
    }
}
