//! JSONata's values: JSON values plus `undefined`, functions and
//! sequences (arrays that flatten into a path's result), and their
//! conversions from and to `serde_json`.

use std::rc::Rc;

use indexmap::IndexMap;
use serde_json::Value as Json;

use super::ast::{Lambda as LambdaNode, Node};
use super::error::Error;
use super::functions::Builtin;
use super::regex::Regex;

pub(crate) type Map<'a> = IndexMap<String, Value<'a>>;

/// The deepest a value may nest: deeper fails the evaluation (`U1001`),
/// so that no walk over a value (output, equality, drop) overflows the stack.
pub(crate) const MAX_VALUE_DEPTH: u32 = 1000;

/// An object, with its nesting depth.
#[derive(Clone, Debug, Default)]
pub(crate) struct Object<'a> {
    pub map: Map<'a>,
    pub depth: u32,
}

impl<'a> std::ops::Deref for Object<'a> {
    type Target = Map<'a>;
    fn deref(&self) -> &Map<'a> {
        &self.map
    }
}

/// An index into the evaluator's frames (variable scopes).
pub(crate) type FrameId = usize;

#[derive(Clone, Debug)]
pub(crate) enum Value<'a> {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Rc<str>),
    Array(Rc<Array<'a>>),
    Object(Rc<Object<'a>>),
    Lambda(Rc<Closure<'a>>),
    Builtin(&'static Builtin),
    /// A built-in function with some arguments bound (`$substring(?, 0, 2)`).
    Partial(Rc<Partial<'a>>),
    Regex(&'a Regex),
    /// A transform expression `| pattern | update |`, a function of one object.
    Transformer(&'a Node, FrameId),
    /// `$f ~> $g` of two functions: `$g($f(x))`.
    Composed(Rc<(Value<'a>, Value<'a>)>),
    /// The bindings of a path that binds variables or uses `%` (internal only).
    Tuples(Rc<Vec<Tuple<'a>>>),
}

/// An array, with JSONata's flags.
#[derive(Clone, Debug, Default)]
pub(crate) struct Array<'a> {
    pub items: Vec<Value<'a>>,
    /// A sequence: the result of a path, flattened into an enclosing path
    /// and unwrapped when it holds one value.
    pub sequence: bool,
    /// A sequence that stays an array with one value (`[]` or `$map`'s result).
    pub keep_singleton: bool,
    /// Built by an array constructor: kept whole inside a path.
    pub cons: bool,
    /// The evaluation's input array, wrapped so a path sees it as one value.
    pub outer_wrapper: bool,
    /// How deep it nests (1 for an array of scalars).
    pub depth: u32,
}

#[derive(Debug)]
pub(crate) struct Closure<'a> {
    pub def: &'a LambdaNode,
    /// The parameters still to be given (a partial application binds some).
    pub params: Vec<&'a str>,
    /// The signature, unless a partial application made this closure.
    pub signature: Option<&'a super::signature::Signature>,
    pub input: Value<'a>,
    pub frame: FrameId,
}

#[derive(Debug)]
pub(crate) struct Partial<'a> {
    pub function: Value<'a>,
    /// The arguments; `None` where the call gives one.
    pub args: Vec<Option<Value<'a>>>,
}

/// One item of a tuple stream: the context value `@` and the bindings.
#[derive(Clone, Debug)]
pub(crate) struct Tuple<'a> {
    pub at: Value<'a>,
    pub bindings: Vec<(&'a str, Value<'a>)>,
}

impl<'a> Tuple<'a> {
    pub(crate) fn bind(&mut self, name: &'a str, value: Value<'a>) {
        if let Some(slot) = self.bindings.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        } else {
            self.bindings.push((name, value));
        }
    }
}

impl<'a> Array<'a> {
    pub(crate) fn new(items: Vec<Value<'a>>, sequence: bool) -> Array<'a> {
        let depth = 1 + items.iter().map(Value::depth).max().unwrap_or(0);
        Array {
            items,
            sequence,
            depth,
            ..Array::default()
        }
    }
}

impl<'a> Value<'a> {
    pub(crate) fn string(s: &str) -> Value<'a> {
        Value::String(Rc::from(s))
    }

    pub(crate) fn array(items: Vec<Value<'a>>) -> Value<'a> {
        Value::Array(Rc::new(Array::new(items, false)))
    }

    pub(crate) fn sequence(items: Vec<Value<'a>>) -> Value<'a> {
        Value::Array(Rc::new(Array::new(items, true)))
    }

    pub(crate) fn object(map: Map<'a>) -> Value<'a> {
        let depth = 1 + map.values().map(Value::depth).max().unwrap_or(0);
        Value::Object(Rc::new(Object { map, depth }))
    }

    /// How deep the value nests (0 for a scalar).
    pub(crate) fn depth(&self) -> u32 {
        match self {
            Value::Array(a) => a.depth,
            Value::Object(o) => o.depth,
            _ => 0,
        }
    }

    pub(crate) fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined)
    }

    pub(crate) fn is_function(&self) -> bool {
        matches!(
            self,
            Value::Lambda(_)
                | Value::Builtin(_)
                | Value::Partial(_)
                | Value::Regex(_)
                | Value::Transformer(..)
                | Value::Composed(_)
        )
    }

    pub(crate) fn as_array(&self) -> Option<&Array<'a>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub(crate) fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub(crate) fn str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The signature letter of the value's type (`m` when undefined).
    pub(crate) fn symbol(&self) -> char {
        match self {
            Value::Undefined => 'm',
            Value::Null => 'l',
            Value::Bool(_) => 'b',
            Value::Number(_) => 'n',
            Value::String(_) => 's',
            Value::Array(_) | Value::Tuples(_) => 'a',
            Value::Object(_) => 'o',
            _ => 'f',
        }
    }

    /// The items of an array, or the value itself as one item (none if undefined).
    pub(crate) fn members(&self) -> Vec<Value<'a>> {
        match self {
            Value::Array(a) => a.items.clone(),
            Value::Undefined => Vec::new(),
            v => vec![v.clone()],
        }
    }

    /// The number of parameters a function declares, which decides how
    /// many arguments `$map`, `$filter` and the like pass it.
    pub(crate) fn arity(&self) -> usize {
        match self {
            Value::Lambda(c) => c.params.len(),
            Value::Builtin(b) => b.arity,
            Value::Partial(p) => p.args.iter().filter(|a| a.is_none()).count(),
            Value::Composed(_) | Value::Transformer(..) | Value::Regex(_) => 1,
            _ => 0,
        }
    }

    /// JSONata's `$type`.
    pub(crate) fn type_name(&self) -> Option<&'static str> {
        Some(match self {
            Value::Undefined => return None,
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) | Value::Tuples(_) => "array",
            Value::Object(_) => "object",
            _ => "function",
        })
    }

    /// JSONata's truthiness (`$boolean`): `None` for undefined.
    pub(crate) fn truthy(&self) -> Option<bool> {
        Some(match self {
            Value::Undefined => return None,
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => *n != 0.0,
            Value::String(s) => !s.is_empty(),
            Value::Object(o) => !o.is_empty(),
            Value::Array(a) => match a.items.len() {
                0 => false,
                1 => a.items[0].truthy().unwrap_or(false),
                _ => a.items.iter().any(|v| v.truthy() == Some(true)),
            },
            Value::Tuples(t) => !t.is_empty(),
            _ => false,
        })
    }

    /// Converts the caller's JSON, refusing data that nests deeper than
    /// the interpreter allows (`U1001`), so that the conversion's recursion
    /// stays shallow.
    pub(crate) fn from_json_checked(json: &Json) -> Result<Value<'a>, Error> {
        if deeper_than(json, crate::limits::MAX_DEPTH) {
            let msg = format!("The input nests more than {} levels deep", crate::limits::MAX_DEPTH);
            return Err(Error::with_message("U1001", 0, msg));
        }
        Ok(Value::from_json(json))
    }

    /// Converts JSON that is known to nest shallowly (as `serde_json` reads it).
    pub(crate) fn from_json(json: &Json) -> Value<'a> {
        match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            Json::String(s) => Value::string(s),
            Json::Array(a) => Value::array(a.iter().map(Value::from_json).collect()),
            Json::Object(m) => Value::object(m.iter().map(|(k, v)| (k.clone(), Value::from_json(v))).collect()),
        }
    }

    /// The value as JSON: `None` if undefined or a function, which
    /// objects then leave out and arrays hold as `null`, as `JSON.stringify`
    /// does (a function at the top level is the caller's error to raise).
    pub(crate) fn to_json(&self) -> Result<Option<Json>, Error> {
        Ok(Some(match self {
            Value::Undefined => return Ok(None),
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => number_to_json(*n)?,
            Value::String(s) => Json::String(s.to_string()),
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.items.len());
                for v in &a.items {
                    // JSON.stringify writes null for undefined array items and functions.
                    out.push(v.to_json()?.unwrap_or(Json::Null));
                }
                Json::Array(out)
            }
            Value::Tuples(t) => {
                let items: Vec<Value> = t.iter().map(|t| t.at.clone()).collect();
                return Value::array(items).to_json();
            }
            Value::Object(o) => {
                let mut out = serde_json::Map::with_capacity(o.len());
                for (k, v) in o.iter() {
                    if let Some(j) = v.to_json()? {
                        out.insert(k.clone(), j);
                    }
                }
                Json::Object(out)
            }
            _ => return Ok(None),
        }))
    }
}

/// A double as a JSON number: an integer when integral and exact.
pub(crate) fn number_to_json(n: f64) -> Result<Json, Error> {
    if !n.is_finite() {
        return Err(Error::new("D1001", 0, js_number(n)));
    }
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        return Ok(Json::from(n as i64));
    }
    Ok(serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number))
}

/// JSONata's deep equality (`=`): numbers by value, objects regardless of key order.
pub(crate) fn deep_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.items.len() == y.items.len() && x.items.iter().zip(&y.items).all(|(a, b)| deep_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| deep_equal(v, w)))
        }
        (Value::Lambda(x), Value::Lambda(y)) => Rc::ptr_eq(x, y),
        (Value::Builtin(x), Value::Builtin(y)) => std::ptr::eq(*x, *y),
        _ => false,
    }
}

/// A number as JavaScript writes it (`Number.prototype.toString`):
/// the shortest digits that read back the same, in exponent form below
/// 1e-6 and from 1e21.
pub(crate) fn js_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if n == 0.0 {
        return "0".into();
    }
    let sci = format!("{:e}", n.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    let sign = if n < 0.0 { "-" } else { "" };
    let body = if (-7 < exp) && exp < 21 {
        if exp >= k - 1 {
            format!("{digits}{}", "0".repeat((exp - k + 1) as usize))
        } else if exp >= 0 {
            let split = (exp + 1) as usize;
            format!("{}.{}", &digits[..split], &digits[split..])
        } else {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        }
    } else {
        let m = if k == 1 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        format!("{m}e{}{}", if exp < 0 { "-" } else { "+" }, exp.abs())
    };
    format!("{sign}{body}")
}

/// `Number(n.toPrecision(15))`, as `$string` rounds numbers.
pub(crate) fn to_precision_15(n: f64) -> f64 {
    format!("{n:.14e}").parse().unwrap_or(n)
}

/// Whether `json` holds arrays or objects nested more than `max` deep. Its
/// recursion stops at `max`, so any input is safe to check.
fn deeper_than(json: &Json, max: usize) -> bool {
    match json {
        Json::Array(a) => max == 0 || a.iter().any(|c| deeper_than(c, max - 1)),
        Json::Object(m) => max == 0 || m.values().any(|c| deeper_than(c, max - 1)),
        _ => false,
    }
}
