//! The standard function library: the table of built-in functions with
//! their signatures, and the array, object, boolean, aggregate and
//! higher-order functions. String, number, date and AWS functions live in
//! their own modules.

use std::sync::OnceLock;

use super::error::Error;
use super::eval::{append, lookup_field, Evaluator};
use super::regex::Regex;
use super::signature::Signature;
use super::value::{deep_equal, js_number, to_precision_15, FrameId, Map, Value};
use super::{aws, datetime, numbers, strings};

pub(crate) type R<'a> = Result<Value<'a>, Error>;

/// A built-in function's implementation: the evaluator (to call function
/// arguments), the checked arguments, the context and the calling frame.
pub(crate) type Native = for<'a> fn(&mut Evaluator<'a>, Vec<Value<'a>>, &Value<'a>, FrameId) -> R<'a>;

pub(crate) struct Builtin {
    pub name: &'static str,
    sig: &'static str,
    /// How many parameters jsonata-js's implementation declares (what
    /// `$map` and the like pass it).
    pub arity: usize,
    pub function: Native,
    parsed: OnceLock<Signature>,
}

impl std::fmt::Debug for Builtin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "${}", self.name)
    }
}

impl Builtin {
    pub(crate) fn signature(&self) -> &Signature {
        self.parsed
            .get_or_init(|| Signature::parse(self.sig).expect("built-in signatures parse"))
    }
}

macro_rules! builtins {
    ($($name:literal $sig:literal $arity:literal $f:path;)*) => {
        const COUNT: usize = [$($name),*].len();
        static BUILTINS: [Builtin; COUNT] = [
            $(Builtin { name: $name, sig: $sig, arity: $arity, function: $f, parsed: OnceLock::new() },)*
        ];
    };
}

builtins! {
    "sum" "<a<n>:n>" 1 sum;
    "count" "<a:n>" 1 count;
    "max" "<a<n>:n>" 1 max;
    "min" "<a<n>:n>" 1 min;
    "average" "<a<n>:n>" 1 average;
    "string" "<x-b?:s>" 1 string;
    "substring" "<s-nn?:s>" 3 strings::substring;
    "substringBefore" "<s-s:s>" 2 strings::substring_before;
    "substringAfter" "<s-s:s>" 2 strings::substring_after;
    "lowercase" "<s-:s>" 1 strings::lowercase;
    "uppercase" "<s-:s>" 1 strings::uppercase;
    "length" "<s-:n>" 1 strings::length;
    "trim" "<s-:s>" 1 strings::trim;
    "pad" "<s-ns?:s>" 3 strings::pad;
    "match" "<s-f<s:o>n?:a<o>>" 3 strings::match_;
    "contains" "<s-(sf):b>" 2 strings::contains;
    "replace" "<s-(sf)(sf)n?:s>" 4 strings::replace;
    "split" "<s-(sf)n?:a<s>>" 3 strings::split;
    "join" "<a<s>s?:s>" 2 strings::join;
    "formatNumber" "<n-so?:s>" 3 numbers::format_number;
    "formatBase" "<n-n?:s>" 2 numbers::format_base;
    "formatInteger" "<n-s:s>" 2 numbers::format_integer;
    "parseInteger" "<s-s:n>" 2 numbers::parse_integer;
    "number" "<(nsb)-:n>" 1 numbers::number;
    "floor" "<n-:n>" 1 numbers::floor;
    "ceil" "<n-:n>" 1 numbers::ceil;
    "round" "<n-n?:n>" 2 numbers::round;
    "abs" "<n-:n>" 1 numbers::abs;
    "sqrt" "<n-:n>" 1 numbers::sqrt;
    "power" "<n-n:n>" 2 numbers::power;
    "random" "<n?:n>" 0 aws::random;
    "boolean" "<x-:b>" 1 boolean;
    "not" "<x-:b>" 1 not;
    "map" "<af>" 2 map;
    "zip" "<a+>" 0 zip;
    "filter" "<af>" 2 filter;
    "single" "<af?>" 2 single;
    "reduce" "<afj?:j>" 3 reduce;
    "sift" "<o-f?:o>" 2 sift;
    "keys" "<x-:a<s>>" 1 keys;
    "lookup" "<x-s:x>" 2 lookup;
    "append" "<xx:a>" 2 append_fn;
    "exists" "<x:b>" 1 exists;
    "spread" "<x-:a<o>>" 1 spread;
    "merge" "<a<o>:o>" 1 merge;
    "reverse" "<a:a>" 1 reverse;
    "each" "<o-f:a>" 2 each;
    "error" "<s?:x>" 1 error;
    "assert" "<bs?:x>" 2 assert;
    "type" "<x:s>" 1 type_;
    "sort" "<af?:a>" 2 sort;
    "shuffle" "<a:a>" 1 shuffle;
    "distinct" "<x:x>" 1 distinct;
    "base64encode" "<s-:s>" 1 strings::base64_encode;
    "base64decode" "<s-:s>" 1 strings::base64_decode;
    "encodeUrlComponent" "<s-:s>" 1 strings::encode_url_component;
    "encodeUrl" "<s-:s>" 1 strings::encode_url;
    "decodeUrlComponent" "<s-:s>" 1 strings::decode_url_component;
    "decodeUrl" "<s-:s>" 1 strings::decode_url;
    "toMillis" "<s-s?:n>" 2 datetime::to_millis;
    "fromMillis" "<n-s?s?:s>" 3 datetime::from_millis;
    "now" "<s?s?:s>" 2 datetime::now;
    "millis" "<:n>" 0 datetime::millis;
    "clone" "<(oa)-:o>" 1 clone;
    "partition" "<a-n:a>" 2 aws::partition;
    "range" "<nnn?:a>" 3 aws::range;
    "hash" "<ss:s>" 2 aws::hash;
    "uuid" "<:s>" 0 aws::uuid;
    "parse" "<s-:j>" 1 aws::parse;
}

/// The built-in function `$name`. `$eval` is absent: Step Functions does
/// not offer it (use `$parse`).
pub(crate) fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

pub(crate) fn arg<'a>(args: &[Value<'a>], i: usize) -> Value<'a> {
    args.get(i).cloned().unwrap_or(Value::Undefined)
}

fn items<'a>(v: &Value<'a>) -> Vec<Value<'a>> {
    v.members()
}

fn numbers_of(v: &Value) -> Vec<f64> {
    v.members().iter().filter_map(Value::number).collect()
}

fn sum<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let a = arg(&args, 0);
    if a.is_undefined() {
        return Ok(a);
    }
    Ok(Value::Number(numbers_of(&a).iter().sum()))
}

fn count<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(Value::Number(items(&arg(&args, 0)).len() as f64))
}

fn max<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let n = numbers_of(&arg(&args, 0));
    Ok(n.into_iter().reduce(f64::max).map_or(Value::Undefined, Value::Number))
}

fn min<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let n = numbers_of(&arg(&args, 0));
    Ok(n.into_iter().reduce(f64::min).map_or(Value::Undefined, Value::Number))
}

fn average<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let n = numbers_of(&arg(&args, 0));
    if n.is_empty() {
        return Ok(Value::Undefined);
    }
    Ok(Value::Number(n.iter().sum::<f64>() / n.len() as f64))
}

fn string<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let pretty = matches!(arg(&args, 1), Value::Bool(true));
    Ok(match to_string_pretty(&arg(&args, 0), pretty)? {
        Some(s) => Value::string(&s),
        None => Value::Undefined,
    })
}

/// `$string`: strings as they are, other values as JSON (numbers to 15
/// significant digits, as JavaScript writes them), functions as `""`.
pub(crate) fn to_string(v: &Value) -> Result<Option<String>, Error> {
    to_string_pretty(v, false)
}

fn to_string_pretty(v: &Value, pretty: bool) -> Result<Option<String>, Error> {
    Ok(Some(match v {
        Value::Undefined => return Ok(None),
        Value::String(s) => s.to_string(),
        v if v.is_function() => String::new(),
        Value::Number(n) if !n.is_finite() => return Err(Error::new("D3001", 0, js_number(*n))),
        Value::Array(a) if a.outer_wrapper && !a.items.is_empty() => return to_string_pretty(&a.items[0], pretty),
        v => {
            let mut out = String::new();
            write_json(v, pretty, 0, &mut out)?;
            out
        }
    }))
}

fn write_json(v: &Value, pretty: bool, indent: usize, out: &mut String) -> Result<(), Error> {
    let newline = |out: &mut String, level: usize| {
        if pretty {
            out.push('\n');
            out.push_str(&"  ".repeat(level));
        }
    };
    match v {
        Value::Undefined | Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if !n.is_finite() => return Err(Error::new("D1001", 0, js_number(*n))),
        Value::Number(n) => out.push_str(&js_number(to_precision_15(*n))),
        Value::String(s) => out.push_str(&serde_json::to_string(&**s).unwrap_or_default()),
        Value::Array(a) => {
            out.push('[');
            for (i, item) in a.items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent + 1);
                write_json(item, pretty, indent + 1, out)?;
            }
            if !a.items.is_empty() {
                newline(out, indent);
            }
            out.push(']');
        }
        Value::Tuples(t) => {
            let items: Vec<Value> = t.iter().map(|t| t.at.clone()).collect();
            write_json(&Value::array(items), pretty, indent, out)?;
        }
        Value::Object(o) => {
            out.push('{');
            let mut first = true;
            for (k, item) in o.iter() {
                if item.is_undefined() {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                newline(out, indent + 1);
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push(':');
                if pretty {
                    out.push(' ');
                }
                write_json(item, pretty, indent + 1, out)?;
            }
            if !first {
                newline(out, indent);
            }
            out.push('}');
        }
        _ => out.push_str("\"\""),
    }
    Ok(())
}

/// `$clone` (and the copy a transform makes): through JSON text, as jsonata-js does.
pub(crate) fn clone_value<'a>(v: &Value<'a>) -> R<'a> {
    Ok(match v {
        Value::Undefined => Value::Undefined,
        Value::Number(n) => Value::Number(to_precision_15(*n)),
        Value::Array(a) => {
            let mut out = Vec::with_capacity(a.items.len());
            for item in &a.items {
                out.push(match clone_value(item)? {
                    Value::Undefined => Value::Null,
                    v => v,
                });
            }
            Value::array(out)
        }
        Value::Object(o) => {
            let mut out = Map::with_capacity(o.len());
            for (k, item) in o.iter() {
                let c = clone_value(item)?;
                if !c.is_undefined() {
                    out.insert(k.clone(), c);
                }
            }
            Value::object(out)
        }
        Value::Tuples(_) => Value::Undefined,
        f if f.is_function() => Value::string(""),
        v => v.clone(),
    })
}

fn clone<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    clone_value(&arg(&args, 0))
}

fn boolean<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(arg(&args, 0).truthy().map_or(Value::Undefined, Value::Bool))
}

fn not<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(arg(&args, 0).truthy().map_or(Value::Undefined, |b| Value::Bool(!b)))
}

fn exists<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(Value::Bool(!arg(&args, 0).is_undefined()))
}

fn type_<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(arg(&args, 0).type_name().map_or(Value::Undefined, Value::string))
}

/// The arguments a higher-order function passes `f`: the value, then the
/// index (or key) and the whole, as far as `f` declares parameters.
fn hof_args<'a>(f: &Value<'a>, v: Value<'a>, i: Value<'a>, all: &Value<'a>) -> Vec<Value<'a>> {
    let arity = f.arity();
    let mut out = vec![v];
    if arity >= 2 {
        out.push(i);
    }
    if arity >= 3 {
        out.push(all.clone());
    }
    out
}

fn map<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let arr = arg(&args, 0);
    if arr.is_undefined() {
        return Ok(arr);
    }
    let f = arg(&args, 1);
    let mut out = Vec::new();
    for (i, v) in items(&arr).into_iter().enumerate() {
        let r = ev.apply(&f, hof_args(&f, v, Value::Number(i as f64), &arr), input, frame)?;
        if !r.is_undefined() {
            out.push(r);
        }
    }
    Ok(Value::sequence(out))
}

fn filter<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let arr = arg(&args, 0);
    if arr.is_undefined() {
        return Ok(arr);
    }
    let f = arg(&args, 1);
    let mut out = Vec::new();
    for (i, v) in items(&arr).into_iter().enumerate() {
        let r = ev.apply(&f, hof_args(&f, v.clone(), Value::Number(i as f64), &arr), input, frame)?;
        if r.truthy() == Some(true) {
            out.push(v);
        }
    }
    Ok(Value::sequence(out))
}

fn single<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let arr = arg(&args, 0);
    if arr.is_undefined() {
        return Ok(arr);
    }
    let f = arg(&args, 1);
    let mut found = None;
    for (i, v) in items(&arr).into_iter().enumerate() {
        let keep = if f.is_undefined() {
            true
        } else {
            let r = ev.apply(&f, hof_args(&f, v.clone(), Value::Number(i as f64), &arr), input, frame)?;
            r.truthy() == Some(true)
        };
        if keep {
            if found.is_some() {
                return Err(Error::new("D3138", 0, ""));
            }
            found = Some(v);
        }
    }
    found.ok_or_else(|| Error::new("D3139", 0, ""))
}

fn zip<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let arrays: Vec<Vec<Value<'a>>> = args.iter().map(items).collect();
    let len = arrays.iter().map(Vec::len).min().unwrap_or(0);
    ev.spend(len as u64, 0)?;
    Ok(Value::array(
        (0..len)
            .map(|i| Value::array(arrays.iter().map(|a| a[i].clone()).collect()))
            .collect(),
    ))
}

fn reduce<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let seq = arg(&args, 0);
    if seq.is_undefined() {
        return Ok(seq);
    }
    let f = arg(&args, 1);
    let arity = f.arity();
    if arity < 2 {
        return Err(Error::new("D3050", 0, ""));
    }
    let list = items(&seq);
    let init = arg(&args, 2);
    let (mut acc, start) = if init.is_undefined() && !list.is_empty() {
        (list[0].clone(), 1)
    } else {
        (init, 0)
    };
    for (i, v) in list.iter().enumerate().skip(start) {
        let mut call = vec![acc, v.clone()];
        if arity >= 3 {
            call.push(Value::Number(i as f64));
        }
        if arity >= 4 {
            call.push(seq.clone());
        }
        acc = ev.apply(&f, call, input, frame)?;
    }
    Ok(acc)
}

fn sift<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let obj = arg(&args, 0);
    let f = arg(&args, 1);
    let Value::Object(o) = &obj else {
        return Ok(Value::Undefined);
    };
    let mut out = Map::new();
    for (k, v) in o.iter() {
        let r = ev.apply(&f, hof_args(&f, v.clone(), Value::string(k), &obj), input, frame)?;
        if r.truthy() == Some(true) {
            out.insert(k.clone(), v.clone());
        }
    }
    Ok(if out.is_empty() {
        Value::Undefined
    } else {
        Value::object(out)
    })
}

fn each<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let obj = arg(&args, 0);
    let f = arg(&args, 1);
    let Value::Object(o) = &obj else {
        return Ok(Value::sequence(Vec::new()));
    };
    let mut out = Vec::new();
    for (k, v) in o.iter() {
        let r = ev.apply(&f, hof_args(&f, v.clone(), Value::string(k), &obj), input, frame)?;
        if !r.is_undefined() {
            out.push(r);
        }
    }
    Ok(Value::sequence(out))
}

fn keys<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let mut out: indexmap::IndexSet<String> = indexmap::IndexSet::new();
    let mut add = |o: &Value| {
        if let Value::Object(o) = o {
            out.extend(o.keys().cloned());
        }
    };
    match arg(&args, 0) {
        Value::Array(a) => a.items.iter().for_each(&mut add),
        v => add(&v),
    }
    Ok(Value::sequence(out.iter().map(|k| Value::string(k)).collect()))
}

fn lookup<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let key = arg(&args, 1);
    Ok(lookup_field(&arg(&args, 0), key.str().unwrap_or_default()))
}

fn append_fn<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let (a, b) = (arg(&args, 0), arg(&args, 1));
    ev.spend_items(len(&a) + len(&b), 0)?;
    Ok(append(a, b))
}

/// How many items a value contributes to a sequence.
fn len(v: &Value) -> usize {
    match v {
        Value::Array(a) => a.items.len(),
        Value::Undefined => 0,
        _ => 1,
    }
}

fn spread<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(spread_value(&arg(&args, 0)))
}

fn spread_value<'a>(v: &Value<'a>) -> Value<'a> {
    match v {
        Value::Array(a) => {
            let mut out = Value::sequence(Vec::new());
            for item in &a.items {
                out = append(out, spread_value(item));
            }
            out
        }
        Value::Object(o) => Value::sequence(
            o.iter()
                .map(|(k, v)| Value::object(std::iter::once((k.clone(), v.clone())).collect()))
                .collect(),
        ),
        v => v.clone(),
    }
}

fn merge<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let a = arg(&args, 0);
    if a.is_undefined() {
        return Ok(a);
    }
    let mut out = Map::new();
    for o in items(&a) {
        if let Value::Object(o) = o {
            for (k, v) in o.iter() {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Ok(Value::object(out))
}

fn reverse<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let a = arg(&args, 0);
    match &a {
        Value::Array(arr) if arr.items.len() > 1 => Ok(Value::array(arr.items.iter().rev().cloned().collect())),
        _ => Ok(a),
    }
}

fn error<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let msg = arg(&args, 0)
        .str()
        .map(str::to_string)
        .unwrap_or_else(|| "$error() function evaluated".into());
    Err(Error::with_message("D3137", 0, msg))
}

fn assert<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    if arg(&args, 0).truthy() == Some(true) {
        return Ok(Value::Undefined);
    }
    let msg = arg(&args, 1)
        .str()
        .map(str::to_string)
        .unwrap_or_else(|| "$assert() statement failed".into());
    Err(Error::with_message("D3141", 0, msg))
}

fn sort<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let a = arg(&args, 0);
    let list = match &a {
        Value::Array(arr) if arr.items.len() > 1 => arr.items.clone(),
        _ => return Ok(a),
    };
    let f = arg(&args, 1);
    let sorted = if f.is_undefined() {
        let all_numbers = list.iter().all(|v| matches!(v, Value::Number(_)));
        let all_strings = list.iter().all(|v| matches!(v, Value::String(_)));
        if !all_numbers && !all_strings {
            return Err(Error::new("D3070", 0, ""));
        }
        merge_sort(list, &mut |x: &Value<'a>, y: &Value<'a>| {
            Ok(match (x, y) {
                (Value::Number(p), Value::Number(q)) => p > q,
                (Value::String(p), Value::String(q)) => compare_strings(p, q).is_gt(),
                _ => false,
            })
        })?
    } else {
        merge_sort(list, &mut |x: &Value<'a>, y: &Value<'a>| {
            let r = ev.apply(&f, vec![x.clone(), y.clone()], input, frame)?;
            Ok(r.truthy() == Some(true))
        })?
    };
    Ok(Value::array(sorted))
}

/// A stable merge sort, `greater(a, b)` saying `b` goes first, as
/// jsonata-js's `$sort` merges. Fallible, since a comparator can fail.
pub(crate) fn merge_sort<T: Clone>(
    items: Vec<T>,
    greater: &mut dyn FnMut(&T, &T) -> Result<bool, Error>,
) -> Result<Vec<T>, Error> {
    let n = items.len();
    let mut src = items;
    let mut width = 1;
    while width < n {
        let mut dst = Vec::with_capacity(n);
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                if greater(&src[i], &src[j])? {
                    dst.push(src[j].clone());
                    j += 1;
                } else {
                    dst.push(src[i].clone());
                    i += 1;
                }
            }
            dst.extend_from_slice(&src[i..mid]);
            dst.extend_from_slice(&src[j..hi]);
            lo = hi;
        }
        src = dst;
        width *= 2;
    }
    Ok(src)
}

/// Compares strings as JavaScript does: by UTF-16 code units.
pub(crate) fn compare_strings(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

fn shuffle<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let a = arg(&args, 0);
    let list = match &a {
        Value::Array(arr) if arr.items.len() > 1 => arr.items.clone(),
        _ => return Ok(a),
    };
    let mut out: Vec<Value<'a>> = Vec::with_capacity(list.len());
    for (i, v) in list.into_iter().enumerate() {
        let j = (ev.rng.next_f64() * (i + 1) as f64).floor() as usize;
        if j == i {
            out.push(v);
        } else {
            let moved = std::mem::replace(&mut out[j], v);
            out.push(moved);
        }
    }
    Ok(Value::array(out))
}

fn distinct<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let a = arg(&args, 0);
    let Value::Array(arr) = &a else { return Ok(a) };
    if arr.items.len() <= 1 {
        return Ok(a);
    }
    // Scalars by a hash set; arrays and objects (rarer) by deep equality,
    // each comparison paid for, so the quadratic case stays bounded.
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut structures: Vec<Value<'a>> = Vec::new();
    let mut out: Vec<Value<'a>> = Vec::new();
    for v in &arr.items {
        let fresh = match scalar_key(v) {
            Some(key) => seen.insert(key),
            None => {
                ev.spend_items(structures.len(), 0)?;
                let fresh = !structures.iter().any(|o| deep_equal(o, v));
                if fresh {
                    structures.push(v.clone());
                }
                fresh
            }
        };
        if fresh {
            out.push(v.clone());
        }
    }
    Ok(if arr.sequence {
        Value::sequence(out)
    } else {
        Value::array(out)
    })
}

/// A key equal for scalars that `=` finds equal, `None` for other values.
fn scalar_key(v: &Value) -> Option<String> {
    Some(match v {
        Value::Null => "l".into(),
        Value::Bool(b) => format!("b{b}"),
        Value::Number(n) => format!("n{}", if *n == 0.0 { 0.0 } else { *n }),
        Value::String(s) => format!("s{s}"),
        _ => return None,
    })
}

/// A regular expression called as a function: its first match, as
/// `{match, start, end, groups}`.
pub(crate) fn regex_as_function<'a>(re: &Regex, args: Vec<Value<'a>>) -> R<'a> {
    let Some(s) = args.first().and_then(Value::str) else {
        return Ok(Value::Undefined);
    };
    let Some(m) = re.find_at(s, 0) else {
        return Ok(Value::Undefined);
    };
    let mut o = Map::new();
    o.insert("match".into(), Value::string(&m.text));
    o.insert("start".into(), Value::Number(s[..m.start].chars().count() as f64));
    o.insert("end".into(), Value::Number(s[..m.end].chars().count() as f64));
    o.insert(
        "groups".into(),
        Value::array(m.groups.iter().map(|g| Value::string(g)).collect()),
    );
    Ok(Value::object(o))
}
