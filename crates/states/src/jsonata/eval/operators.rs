//! JSONata's operators on values: arithmetic, comparison, `in`, `&`, the
//! range `..`, and the comparison of order-by keys.

use std::rc::Rc;

use super::super::ast::Node;
use super::super::error::Error;
use super::super::functions;
use super::super::value::{deep_equal, js_number, Value};
use super::{display, Evaluator, R};

impl<'a> Evaluator<'a> {
    pub(super) fn operate(&mut self, node: &'a Node, op: &'static str, l: Value<'a>, r: Value<'a>) -> R<'a> {
        let result = match op {
            "+" | "-" | "*" | "/" | "%" => arithmetic(op, &l, &r),
            "=" => Ok(Value::Bool(
                !l.is_undefined() && !r.is_undefined() && deep_equal(&l, &r),
            )),
            "!=" => Ok(Value::Bool(
                !l.is_undefined() && !r.is_undefined() && !deep_equal(&l, &r),
            )),
            "<" | "<=" | ">" | ">=" => compare(op, &l, &r),
            "&" => {
                let mut s = functions::to_string(&l)?.unwrap_or_default();
                s.push_str(&functions::to_string(&r)?.unwrap_or_default());
                self.spend_bytes(s.len(), node.position)?;
                Ok(Value::string(&s))
            }
            ".." => self.range(&l, &r, node.position),
            "in" => Ok(Value::Bool(includes(&l, &r))),
            _ => Err(Error::new("S0201", node.position, op)),
        };
        result.map_err(|e| e.at(node.position).token(op))
    }

    fn range(&mut self, l: &Value<'a>, r: &Value<'a>, position: usize) -> R<'a> {
        let int = |v: &Value| v.number().filter(|n| n.fract() == 0.0);
        if !l.is_undefined() && int(l).is_none() {
            return Err(Error::new("T2003", position, display(l)));
        }
        if !r.is_undefined() && int(r).is_none() {
            return Err(Error::new("T2004", position, display(r)));
        }
        let (Some(a), Some(b)) = (int(l), int(r)) else {
            return Ok(Value::Undefined);
        };
        if a > b {
            return Ok(Value::Undefined);
        }
        let size = b - a + 1.0;
        if size > 1e7 {
            return Err(Error::new("D2014", position, js_number(size)));
        }
        self.spend(size as u64, position)?;
        let items = (0..size as u64).map(|i| Value::Number(a + i as f64)).collect();
        Ok(Value::sequence(items))
    }
}

fn includes(l: &Value, r: &Value) -> bool {
    if l.is_undefined() || r.is_undefined() {
        return false;
    }
    let same = |a: &Value, b: &Value| match (a, b) {
        (Value::Array(x), Value::Array(y)) => Rc::ptr_eq(x, y),
        (Value::Object(x), Value::Object(y)) => Rc::ptr_eq(x, y),
        _ => deep_equal(a, b),
    };
    match r {
        Value::Array(a) => a.items.iter().any(|v| same(v, l)),
        v => same(v, l),
    }
}

/// A number operand: `None` when undefined, an error when not a number.
fn numeric(v: &Value, code: &'static str) -> Result<Option<f64>, Error> {
    match v {
        Value::Undefined => Ok(None),
        Value::Number(n) if n.is_finite() => Ok(Some(*n)),
        Value::Number(n) => Err(Error::new("D1001", 0, js_number(*n))),
        _ => Err(Error::new(code, 0, display(v))),
    }
}

fn arithmetic<'a>(op: &str, l: &Value<'a>, r: &Value<'a>) -> Result<Value<'a>, Error> {
    let a = numeric(l, "T2001")?;
    let b = numeric(r, "T2002")?;
    let (Some(a), Some(b)) = (a, b) else {
        return Ok(Value::Undefined);
    };
    let n = match op {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        _ => a % b,
    };
    // A result out of range is left to whoever uses it (an operator, a
    // function, the output), as in jsonata-js.
    Ok(Value::Number(n))
}

fn compare<'a>(op: &str, l: &Value<'a>, r: &Value<'a>) -> Result<Value<'a>, Error> {
    let comparable = |v: &Value| matches!(v, Value::Undefined | Value::String(_) | Value::Number(_));
    if !comparable(l) || !comparable(r) {
        let bad = if comparable(l) { r } else { l };
        return Err(Error::new("T2010", 0, display(bad)));
    }
    let ord = match (l, r) {
        (Value::Undefined, _) | (_, Value::Undefined) => return Ok(Value::Undefined),
        (Value::Number(a), Value::Number(b)) => a.partial_cmp(b),
        (Value::String(a), Value::String(b)) => Some(functions::compare_strings(a, b)),
        _ => return Err(Error::new("T2009", 0, format!("{} and {}", display(l), display(r)))),
    };
    let Some(ord) = ord else { return Ok(Value::Bool(false)) };
    Ok(Value::Bool(match op {
        "<" => ord.is_lt(),
        "<=" => ord.is_le(),
        ">" => ord.is_gt(),
        _ => ord.is_ge(),
    }))
}

/// A stable merge sort on precomputed keys, with JSONata's order-by rules:
/// undefined keys last, numbers with numbers and strings with strings only.
pub(super) fn sort_keyed<'a, T: Clone>(
    items: Vec<(Vec<Value<'a>>, T)>,
    terms: &[(bool, Node)],
    position: usize,
) -> Result<Vec<T>, Error> {
    let cmp = |a: &Vec<Value<'a>>, b: &Vec<Value<'a>>| -> Result<std::cmp::Ordering, Error> {
        use std::cmp::Ordering::*;
        for (i, (descending, _)) in terms.iter().enumerate() {
            let (x, y) = (&a[i], &b[i]);
            let ord = match (x, y) {
                (Value::Undefined, Value::Undefined) => Equal,
                (Value::Undefined, _) => Greater,
                (_, Value::Undefined) => Less,
                (Value::Number(p), Value::Number(q)) => p.partial_cmp(q).unwrap_or(Equal),
                (Value::String(p), Value::String(q)) => functions::compare_strings(p, q),
                (Value::Number(_) | Value::String(_), Value::Number(_) | Value::String(_)) => {
                    return Err(Error::new(
                        "T2007",
                        position,
                        format!("{} and {}", display(x), display(y)),
                    ))
                }
                _ => {
                    let bad = if matches!(x, Value::Number(_) | Value::String(_)) {
                        y
                    } else {
                        x
                    };
                    return Err(Error::new("T2008", position, display(bad)));
                }
            };
            let undefined = x.is_undefined() || y.is_undefined();
            let ord = if *descending && !undefined { ord.reverse() } else { ord };
            if ord != Equal {
                return Ok(ord);
            }
        }
        Ok(Equal)
    };
    let sorted = functions::merge_sort(items, &mut |a, b| Ok(cmp(&a.0, &b.0)?.is_gt()))?;
    Ok(sorted.into_iter().map(|(_, t)| t).collect())
}
