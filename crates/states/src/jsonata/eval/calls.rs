//! Function calls: evaluating a call's arguments, partial application,
//! `~>`, applying lambdas, built-ins, partials and compositions, the
//! trampoline that runs tail calls in a loop, and transform expressions.

use std::rc::Rc;

use super::super::ast::{Kind, Node};
use super::super::error::Error;
use super::super::functions;
use super::super::value::{Array, Closure, FrameId, Map, Partial, Value};
use super::{display, Evaluator, R};

impl<'a> Evaluator<'a> {
    pub(super) fn call(
        &mut self,
        node: &'a Node,
        procedure: &'a Node,
        args: &'a [Node],
        input: &Value<'a>,
        frame: FrameId,
        context: Option<Value<'a>>,
    ) -> R<'a> {
        let proc = self.evaluate(procedure, input, frame)?;
        let name = procedure_name(procedure);
        if proc.is_undefined() {
            if let Kind::Path(steps) = &procedure.kind {
                if let Kind::Name(n) = &steps[0].kind {
                    if self.lookup(frame, n).is_some() || self.json_var(n).is_some() || functions::builtin(n).is_some()
                    {
                        return Err(Error::new("T1005", node.position, n.as_str()));
                    }
                }
            }
        }
        let mut values = Vec::with_capacity(args.len() + 1);
        values.extend(context);
        for a in args {
            values.push(self.evaluate(a, input, frame)?);
        }
        self.apply(&proc, values, input, frame)
            .map_err(|e| e.at(node.position).token(name))
    }

    pub(super) fn partial(
        &mut self,
        node: &'a Node,
        procedure: &'a Node,
        args: &'a [Node],
        input: &Value<'a>,
        frame: FrameId,
    ) -> R<'a> {
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(match a.kind {
                Kind::Placeholder => None,
                _ => Some(self.evaluate(a, input, frame)?),
            });
        }
        let proc = self.evaluate(procedure, input, frame)?;
        match &proc {
            Value::Lambda(c) => {
                let f = self.new_frame(c.frame);
                let mut unbound = Vec::new();
                for (i, p) in c.params.iter().enumerate() {
                    match values.get(i) {
                        Some(None) => unbound.push(*p),
                        Some(Some(v)) => self.bind(f, p, v.clone()),
                        None => self.bind(f, p, Value::Undefined),
                    }
                }
                Ok(Value::Lambda(Rc::new(Closure {
                    def: c.def,
                    params: unbound,
                    signature: None,
                    input: c.input.clone(),
                    frame: f,
                })))
            }
            v if v.is_function() => {
                let mut args = values;
                // Parameters not given are bound to undefined; only `?` stays open.
                if let Value::Builtin(b) = v {
                    while args.len() < b.arity {
                        args.push(Some(Value::Undefined));
                    }
                }
                Ok(Value::Partial(Rc::new(Partial {
                    function: proc.clone(),
                    args,
                })))
            }
            _ => {
                if let Kind::Path(steps) = &procedure.kind {
                    if let Kind::Name(n) = &steps[0].kind {
                        if functions::builtin(n).is_some()
                            || self.lookup(frame, n).is_some()
                            || self.json_var(n).is_some()
                        {
                            return Err(Error::new("T1007", node.position, n.as_str()));
                        }
                    }
                }
                Err(Error::new("T1008", node.position, procedure_name(procedure)))
            }
        }
    }

    pub(super) fn apply_operator(
        &mut self,
        node: &'a Node,
        lhs: &'a Node,
        rhs: &'a Node,
        input: &Value<'a>,
        frame: FrameId,
    ) -> R<'a> {
        let l = self.evaluate(lhs, input, frame)?;
        if let Kind::Call(procedure, args) = &rhs.kind {
            return self.call(rhs, procedure, args, input, frame, Some(l));
        }
        let f = self.evaluate(rhs, input, frame)?;
        if !f.is_function() {
            return Err(Error::new("T2006", node.position, display(&f)));
        }
        if l.is_function() {
            return Ok(Value::Composed(Rc::new((l, f))));
        }
        self.apply(&f, vec![l], input, frame)
    }

    /// Calls a function, running tail calls (thunks) in a loop.
    pub(crate) fn apply(&mut self, proc: &Value<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
        let mut result = self.apply_inner(proc, args, input, frame)?;
        while let Value::Lambda(closure) = &result {
            if !closure.def.thunk {
                break;
            }
            let thunk = closure.clone();
            let Kind::Call(procedure, args) = &thunk.def.body.kind else {
                break;
            };
            let next = self.evaluate(procedure, &thunk.input, thunk.frame)?;
            let mut values = Vec::with_capacity(args.len());
            for a in args {
                values.push(self.evaluate(a, &thunk.input, thunk.frame)?);
            }
            let name = procedure_name(procedure);
            result = self
                .apply_inner(&next, values, input, frame)
                .map_err(|e| e.at(thunk.def.body.position).token(name))?;
        }
        Ok(result)
    }

    fn apply_inner(&mut self, proc: &Value<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
        self.check_stack(0)?;
        self.apply_unguarded(proc, args, input, frame)
    }

    fn apply_unguarded(&mut self, proc: &Value<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
        match proc {
            Value::Lambda(c) => self.apply_lambda(c, args, input),
            Value::Builtin(b) => self.apply_builtin(b, args, input, frame),
            Value::Partial(p) => self.apply_partial(p, args, input, frame),
            Value::Regex(re) => functions::regex_as_function(re, args),
            Value::Transformer(node, f) => {
                self.transform(node, *f, args.into_iter().next().unwrap_or(Value::Undefined))
            }
            Value::Composed(pair) => self.apply_composed(pair, args, input, frame),
            _ => Err(Error::new("T1006", 0, "")),
        }
    }

    fn apply_lambda(&mut self, c: &Closure<'a>, args: Vec<Value<'a>>, input: &Value<'a>) -> R<'a> {
        let args = match c.signature {
            Some(sig) => sig.validate(args, input)?,
            None => args,
        };
        let f = self.new_frame(c.frame);
        let mut args = args.into_iter();
        for p in &c.params {
            let v = args.next().unwrap_or(Value::Undefined);
            self.bind(f, p, v);
        }
        self.evaluate(&c.def.body, &c.input, f)
    }

    fn apply_builtin(
        &mut self,
        b: &'static functions::Builtin,
        args: Vec<Value<'a>>,
        input: &Value<'a>,
        frame: FrameId,
    ) -> R<'a> {
        let args = b.signature().validate(args, input)?;
        (b.function)(self, args, input, frame).map_err(|e| e.token(b.name))
    }

    fn apply_partial(&mut self, p: &Partial<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
        let mut given = args.into_iter();
        let full: Vec<Value<'a>> = p
            .args
            .iter()
            .map(|a| a.clone().unwrap_or_else(|| given.next().unwrap_or(Value::Undefined)))
            .collect();
        self.apply_inner(&p.function, full, input, frame)
    }

    fn apply_composed(
        &mut self,
        pair: &(Value<'a>, Value<'a>),
        args: Vec<Value<'a>>,
        input: &Value<'a>,
        frame: FrameId,
    ) -> R<'a> {
        let mid = self.apply(&pair.0, args, input, frame)?;
        self.apply(&pair.1, vec![mid], input, frame)
    }

    /// Applies a transform expression to a copy of `obj`.
    fn transform(&mut self, node: &'a Node, frame: FrameId, obj: Value<'a>) -> R<'a> {
        let Kind::Transform(pattern, update, delete) = &node.kind else {
            return Ok(Value::Undefined);
        };
        if obj.is_undefined() {
            return Ok(obj);
        }
        let copy = functions::clone_value(&obj)?;
        let matches = self.evaluate(pattern, &copy, frame)?;
        let mut edits: Vec<(*const super::super::value::Object<'a>, Map<'a>, Vec<String>)> = Vec::new();
        for m in matches.members() {
            let Value::Object(o) = &m else { continue };
            let upd = match self.evaluate(update, &m, frame)? {
                Value::Undefined => Map::new(),
                Value::Object(u) => u.map.clone(),
                v => return Err(Error::new("T2011", update.position, display(&v))),
            };
            let mut dels = Vec::new();
            if let Some(d) = delete {
                let dv = self.evaluate(d, &m, frame)?;
                for item in dv.members() {
                    match item {
                        Value::String(s) => dels.push(s.to_string()),
                        _ => return Err(Error::new("T2012", d.position, display(&dv))),
                    }
                }
            }
            edits.push((Rc::as_ptr(o), upd, dels));
        }
        self.spend(edits.len() as u64, node.position)?;
        Ok(rebuild(&copy, &edits))
    }
}

/// The copy with each matched object updated: its fields overwritten and
/// deleted as the transform says, its other fields rebuilt likewise.
fn rebuild<'a>(v: &Value<'a>, edits: &[(*const super::super::value::Object<'a>, Map<'a>, Vec<String>)]) -> Value<'a> {
    match v {
        Value::Object(o) => {
            let mut map: Map<'a> = o.map.iter().map(|(k, v)| (k.clone(), rebuild(v, edits))).collect();
            for (_, upd, dels) in edits.iter().filter(|(p, _, _)| *p == Rc::as_ptr(o)) {
                for (k, v) in upd {
                    map.insert(k.clone(), v.clone());
                }
                for d in dels {
                    map.shift_remove(d);
                }
            }
            Value::object(map)
        }
        Value::Array(a) => {
            let mut arr = Array::new(a.items.iter().map(|v| rebuild(v, edits)).collect(), a.sequence);
            arr.keep_singleton = a.keep_singleton;
            arr.cons = a.cons;
            Value::Array(Rc::new(arr))
        }
        v => v.clone(),
    }
}

fn procedure_name(procedure: &Node) -> &str {
    match &procedure.kind {
        Kind::Path(steps) => match &steps[0].kind {
            Kind::Name(n) => n,
            _ => "",
        },
        Kind::Variable(n) => n,
        _ => "",
    }
}

pub(super) fn closure<'a>(def: &'a super::super::ast::Lambda, input: &Value<'a>, frame: FrameId) -> Value<'a> {
    Value::Lambda(Rc::new(Closure {
        def,
        params: def.params.iter().map(String::as_str).collect(),
        signature: def.signature.as_ref(),
        input: input.clone(),
        frame,
    }))
}
