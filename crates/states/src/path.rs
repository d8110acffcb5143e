//! JSONPath as Step Functions uses it: `$` (the state's input) and `$$`
//! (the context object), dot and bracket fields, indexes (negative from the
//! end), `*`, slices, recursive descent `..`, unions and simple filters.
//!
//! Reference paths (for `ResultPath`) are the definite subset: fields and
//! non-negative indexes only.
//!
//! Parsing and selection are bounded: filters nest at most
//! [`MAX_FILTER_NESTING`] deep, recursive descent walks the data without
//! recursion, and a step holding more than [`MAX_PATH_MATCHES`] values stops
//! the selection (a path that would select more than a payload can hold).

use std::cell::OnceCell;
use std::fmt;

use serde_json::{Map, Value as Json};

use crate::limits::{measure, TooBig, MAX_FILTER_NESTING, MAX_PATH_MATCHES};

/// A parsed path.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonPath {
    /// `$$` instead of `$`.
    pub context: bool,
    /// `$name`: the workflow variable the path starts at, instead of `$`.
    pub variable: Option<String>,
    segments: Vec<Segment>,
    text: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Segment {
    Field(String),
    Index(i64),
    Wildcard,
    Slice(Option<i64>, Option<i64>, Option<i64>),
    Union(Vec<Segment>),
    Descend(Box<Segment>),
    Filter(Filter),
}

#[derive(Clone, Debug, PartialEq)]
struct Filter {
    path: Vec<Segment>,
    op: Option<(String, Json)>,
}

/// Why a diagnostic is [`unsupported`](crate::Diagnostic::unsupported):
/// the loader marks every diagnostic whose message holds this text so,
/// however it was wrapped (in an intrinsic function's or a choice rule's
/// error).
pub(crate) const VARIABLES_LATER: &str = "is not supported yet (a later release of rcdk-states adds it)";

/// Whether `name` has the form of a workflow variable name: a letter or
/// `_`, then letters, digits and `_` (Unicode letters included). Its length
/// is checked where a variable is assigned.
pub(crate) fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_') && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// A path that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    /// The path text.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid JSONPath {:?}: {}", self.path, self.message)
    }
}

impl std::error::Error for PathError {}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    text: &'a str,
    /// How many filters are open: each one recurses once.
    filters: usize,
}

impl<'a> Parser<'a> {
    fn err<T>(&self, message: impl Into<String>) -> Result<T, PathError> {
        Err(PathError {
            path: self.text.to_owned(),
            message: message.into(),
        })
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn skip_ws(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }
    fn name(&mut self) -> Result<String, PathError> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c == b'.' || c == b'[' || c == b' ' || c == b')' || c == b'=' || c == b'<' || c == b'>' || c == b'!' {
                break;
            }
            self.i += 1;
        }
        if start == self.i {
            return self.err(format!("expected a field name at position {start}"));
        }
        Ok(self.text[start..self.i].to_owned())
    }
    fn int(&mut self) -> Result<Option<i64>, PathError> {
        self.skip_ws();
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        if start == self.i {
            return Ok(None);
        }
        match self.text[start..self.i].parse() {
            Ok(n) => Ok(Some(n)),
            Err(_) => self.err(format!("bad number at position {start}")),
        }
    }
    fn quoted(&mut self) -> Result<String, PathError> {
        let q = self.peek().unwrap_or(b'\'');
        self.i += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return self.err("unterminated quoted name"),
                Some(b'\\') => {
                    // The escaped character may be several bytes long.
                    self.i += 1;
                    if let Some(ch) = self.text[self.i..].chars().next() {
                        out.push(ch);
                        self.i += ch.len_utf8();
                    }
                }
                Some(c) if c == q => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(_) => {
                    let rest = &self.text[self.i..];
                    let ch = rest.chars().next().unwrap_or(' ');
                    out.push(ch);
                    self.i += ch.len_utf8();
                }
            }
        }
    }
    fn bracket(&mut self) -> Result<Segment, PathError> {
        self.skip_ws();
        if self.eat(b'*') {
            self.skip_ws();
            return if self.eat(b']') {
                Ok(Segment::Wildcard)
            } else {
                self.err("expected ']' after '*'")
            };
        }
        if self.eat(b'?') {
            return self.filter();
        }
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'\'') | Some(b'"') => items.push(Segment::Field(self.quoted()?)),
                _ => {
                    let a = self.int()?;
                    self.skip_ws();
                    if self.eat(b':') {
                        let b = self.int()?;
                        let c = if self.eat(b':') { self.int()? } else { None };
                        items.push(Segment::Slice(a, b, c));
                    } else {
                        match a {
                            Some(n) => items.push(Segment::Index(n)),
                            None => {
                                return self.err(format!(
                                    "expected an index, a quoted name, '*' or a filter at position {}",
                                    self.i
                                ))
                            }
                        }
                    }
                }
            }
            self.skip_ws();
            if self.eat(b']') {
                break;
            }
            if !self.eat(b',') {
                return self.err(format!("expected ',' or ']' at position {}", self.i));
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Segment::Union(items)
        })
    }
    fn filter(&mut self) -> Result<Segment, PathError> {
        if self.filters == MAX_FILTER_NESTING {
            return self.err(format!("filters nest more than {MAX_FILTER_NESTING} deep"));
        }
        self.filters += 1;
        let filter = self.filter_body();
        self.filters -= 1;
        filter
    }
    fn filter_body(&mut self) -> Result<Segment, PathError> {
        if !self.eat(b'(') {
            return self.err("expected '(' after '?'");
        }
        self.skip_ws();
        if !self.eat(b'@') {
            return self.err("a filter must start with '@'");
        }
        let mut path = Vec::new();
        while matches!(self.peek(), Some(b'.') | Some(b'[')) {
            if self.eat(b'.') {
                path.push(Segment::Field(self.name()?));
            } else {
                self.i += 1;
                path.push(self.bracket()?);
            }
        }
        self.skip_ws();
        let op = if self.eat(b')') {
            None
        } else {
            let start = self.i;
            while matches!(self.peek(), Some(b'=') | Some(b'<') | Some(b'>') | Some(b'!')) {
                self.i += 1;
            }
            let op = self.text[start..self.i].to_owned();
            if !["==", "!=", "<", "<=", ">", ">="].contains(&op.as_str()) {
                return self.err(format!("unknown filter operator {op:?}"));
            }
            self.skip_ws();
            let vstart = self.i;
            let value = match self.peek() {
                Some(b'\'') | Some(b'"') => Json::String(self.quoted()?),
                _ => {
                    while self.peek().is_some_and(|c| c != b')' && c != b' ') {
                        self.i += 1;
                    }
                    match serde_json::from_str(&self.text[vstart..self.i]) {
                        Ok(v) => v,
                        Err(_) => return self.err(format!("bad filter value {:?}", &self.text[vstart..self.i])),
                    }
                }
            };
            self.skip_ws();
            if !self.eat(b')') {
                return self.err("expected ')' to close the filter");
            }
            Some((op, value))
        };
        self.skip_ws();
        if !self.eat(b']') {
            return self.err("expected ']' after the filter");
        }
        Ok(Segment::Filter(Filter { path, op }))
    }
}

impl JsonPath {
    /// Parses a path starting with `$` or `$$`.
    ///
    /// ```
    /// use rcdk_states::path::JsonPath;
    /// let p = JsonPath::parse("$.items[0].name").unwrap();
    /// let v = serde_json::json!({"items": [{"name": "a"}]});
    /// assert_eq!(p.select(&v, &serde_json::Value::Null).unwrap(), serde_json::json!("a"));
    /// assert!(JsonPath::parse("items").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<JsonPath, PathError> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
            text,
            filters: 0,
        };
        if !p.eat(b'$') {
            return p.err("a path must start with '$'");
        }
        let context = p.eat(b'$');
        let mut variable = None;
        if !context
            && p.peek()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_' || c >= 0x80)
        {
            // `$name` reads a workflow variable.
            let start = p.i;
            while let Some(ch) = p.text[p.i..]
                .chars()
                .next()
                .filter(|c| c.is_alphanumeric() || *c == '_')
            {
                p.i += ch.len_utf8();
            }
            let name = &p.text[start..p.i];
            if !is_variable_name(name) {
                return p.err(format!(
                    "{name:?} is not a variable name (a letter or '_', then letters, digits or '_')"
                ));
            }
            if name == "states" {
                return p.err(
                    "$states is reserved: it is the JSONata states' variable, and JSONPath states cannot read it",
                );
            }
            variable = Some(name.to_owned());
        }
        let mut segments = Vec::new();
        while let Some(c) = p.peek() {
            match c {
                b'.' => {
                    p.i += 1;
                    if p.eat(b'.') {
                        let seg = if p.eat(b'*') {
                            Segment::Wildcard
                        } else if p.eat(b'[') {
                            p.bracket()?
                        } else {
                            Segment::Field(p.name()?)
                        };
                        segments.push(Segment::Descend(Box::new(seg)));
                    } else if p.eat(b'*') {
                        segments.push(Segment::Wildcard);
                    } else {
                        segments.push(Segment::Field(p.name()?));
                    }
                }
                b'[' => {
                    p.i += 1;
                    segments.push(p.bracket()?);
                }
                _ => return p.err(format!("unexpected {:?} at position {}", c as char, p.i)),
            }
        }
        Ok(JsonPath {
            context,
            variable,
            segments,
            text: text.to_owned(),
        })
    }

    /// True when the path selects at most one value (fields and indexes only).
    pub fn is_definite(&self) -> bool {
        self.segments
            .iter()
            .all(|s| matches!(s, Segment::Field(_) | Segment::Index(_)))
    }

    /// True when the path may be used as a `ResultPath`: definite, with
    /// non-negative indexes, on the input (not the context object).
    pub fn is_reference_path(&self) -> bool {
        !self.context
            && self.variable.is_none()
            && self.segments.iter().all(|s| match s {
                Segment::Field(_) => true,
                Segment::Index(i) => *i >= 0,
                _ => false,
            })
    }

    /// Selects from `input` (or `context` for `$$` paths). A definite path
    /// gives its value, or `None` when it selects nothing; an indefinite
    /// path gives the list of matches. A path whose matches would number
    /// more than [`MAX_PATH_MATCHES`] at any step (repeated recursive
    /// descents over large data) selects nothing.
    pub fn select(&self, input: &Json, context: &Json) -> Option<Json> {
        self.select_within(input, &Context::given(context), usize::MAX)
            .ok()
            .flatten()
    }

    /// [`JsonPath::select`], reading the context object only if the path is
    /// a `$$` path, and refusing (with [`TooBig::Bytes`]) a selection whose
    /// JSON text would be longer than `max_bytes`. A definite path's value
    /// is a part of its root, so only indefinite paths are measured.
    pub(crate) fn select_within(
        &self,
        input: &Json,
        context: &Context,
        max_bytes: usize,
    ) -> Result<Option<Json>, TooBig> {
        Ok(self
            .select_borrowed(input, context, max_bytes)?
            .map(std::borrow::Cow::into_owned))
    }

    /// [`JsonPath::select_within`] without copying a definite path's value:
    /// it is borrowed from its root, so a Choice rule over large data in a
    /// loop costs a lookup, not a copy of the data each time.
    pub(crate) fn select_borrowed<'v>(
        &self,
        input: &'v Json,
        context: &'v Context,
        max_bytes: usize,
    ) -> Result<Option<std::borrow::Cow<'v, Json>>, TooBig> {
        let root = if self.context {
            context.get()
        } else if let Some(name) = &self.variable {
            match context.variable(name) {
                Some(v) => v,
                None => return Ok(None),
            }
        } else {
            input
        };
        let found = self.matches(root)?;
        if self.is_definite() {
            return Ok(found.first().map(|v| std::borrow::Cow::Borrowed(*v)));
        }
        let mut bytes = 2usize;
        for v in &found {
            bytes = bytes.saturating_add(measure(v, max_bytes.saturating_sub(bytes))? + 1);
        }
        Ok(Some(std::borrow::Cow::Owned(Json::Array(
            found.into_iter().cloned().collect(),
        ))))
    }

    /// True when the path is `$` alone: it selects its whole input.
    pub(crate) fn is_whole_input(&self) -> bool {
        !self.context && self.variable.is_none() && self.segments.is_empty()
    }

    /// How many steps the path has (the depth a reference path writes at).
    pub(crate) fn len(&self) -> usize {
        self.segments.len()
    }

    /// The values the path selects from `root`, in order.
    fn matches<'v>(&self, root: &'v Json) -> Result<Vec<&'v Json>, TooBig> {
        let mut current: Vec<&Json> = vec![root];
        for seg in &self.segments {
            let mut next = Vec::new();
            for v in current {
                apply(seg, v, &mut next);
                if next.len() > MAX_PATH_MATCHES {
                    return Err(TooBig::Bytes);
                }
            }
            current = next;
        }
        Ok(current)
    }

    /// Writes `value` at this reference path inside `target`, creating
    /// objects along the way. Fails (with a reason) where the path crosses a
    /// value that is not an object, or an index that does not exist.
    pub fn set(&self, target: &mut Json, value: Json) -> Result<(), String> {
        let mut cur = target;
        for (i, seg) in self.segments.iter().enumerate() {
            let last = i + 1 == self.segments.len();
            match seg {
                Segment::Field(f) => {
                    if !cur.is_object() {
                        return Err(format!(
                            "cannot set {:?}: the value at {:?} is not an object",
                            self.text, f
                        ));
                    }
                    let obj = cur.as_object_mut().expect("checked");
                    if last {
                        obj.insert(f.clone(), value);
                        return Ok(());
                    }
                    cur = obj.entry(f.clone()).or_insert_with(|| Json::Object(Map::new()));
                }
                Segment::Index(n) => {
                    let Some(arr) = cur.as_array_mut() else {
                        return Err(format!(
                            "cannot set {:?}: index {n} of a value that is not a list",
                            self.text
                        ));
                    };
                    let Some(slot) = usize::try_from(*n).ok().and_then(|n| arr.get_mut(n)) else {
                        return Err(format!("cannot set {:?}: index {n} is out of range", self.text));
                    };
                    if last {
                        *slot = value;
                        return Ok(());
                    }
                    cur = slot;
                }
                _ => return Err(format!("{:?} is not a reference path", self.text)),
            }
        }
        *cur = value;
        Ok(())
    }
}

fn index(len: usize, i: i64) -> Option<usize> {
    let i = if i < 0 { len as i64 + i } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

fn apply<'v>(seg: &Segment, v: &'v Json, out: &mut Vec<&'v Json>) {
    match seg {
        Segment::Field(f) => {
            if let Some(x) = v.get(f.as_str()) {
                out.push(x)
            }
        }
        Segment::Index(i) => {
            if let Some(a) = v.as_array() {
                if let Some(j) = index(a.len(), *i) {
                    out.push(&a[j]);
                }
            }
        }
        Segment::Wildcard => match v {
            Json::Array(a) => out.extend(a.iter()),
            Json::Object(o) => out.extend(o.values()),
            _ => {}
        },
        Segment::Slice(a, b, step) => {
            if let Some(arr) = v.as_array() {
                let len = arr.len() as i64;
                let norm = |x: i64| if x < 0 { (len + x).max(0) } else { x.min(len) };
                let start = a.map(norm).unwrap_or(0);
                let end = b.map(norm).unwrap_or(len);
                let step = step.unwrap_or(1).max(1);
                let mut i = start;
                while i < end {
                    out.push(&arr[i as usize]);
                    // A step past the end ends the slice (a huge step must not overflow).
                    match i.checked_add(step) {
                        Some(n) => i = n,
                        None => break,
                    }
                }
            }
        }
        Segment::Union(items) => items.iter().for_each(|s| apply(s, v, out)),
        Segment::Descend(inner) => descend(inner, v, out),
        Segment::Filter(f) => {
            let items: Vec<&Json> = match v {
                Json::Array(a) => a.iter().collect(),
                Json::Object(o) => o.values().collect(),
                _ => Vec::new(),
            };
            for item in items {
                let mut sel = vec![item];
                for s in &f.path {
                    let mut next = Vec::new();
                    for x in sel {
                        apply(s, x, &mut next);
                    }
                    sel = next;
                }
                let keep = match (&f.op, sel.first()) {
                    (None, found) => found.is_some(),
                    (Some(_), None) => false,
                    (Some((op, rhs)), Some(lhs)) => compare(op, lhs, rhs),
                };
                if keep {
                    out.push(item);
                }
            }
        }
    }
}

/// `..inner`: `inner` applied to `v` and to every value inside it, in
/// document order (each value before the values inside it). Walks with a
/// stack of its own, so data of any depth cannot overflow the call stack.
fn descend<'v>(inner: &Segment, v: &'v Json, out: &mut Vec<&'v Json>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        apply(inner, v, out);
        match v {
            Json::Array(a) => stack.extend(a.iter().rev()),
            Json::Object(o) => stack.extend(o.values().rev()),
            _ => {}
        }
    }
}

/// The context object (`$$`) a path may read: given, or built on first
/// use, so evaluating a path or template that never reads it never pays for
/// a copy of the execution's input.
pub(crate) struct Context<'a> {
    given: Option<&'a Json>,
    build: Option<Box<dyn Fn() -> Json + 'a>>,
    built: OnceCell<Json>,
    /// The workflow variables a `$name` path reads.
    vars: Option<&'a crate::variables::Scope<'a>>,
}

impl<'a> Context<'a> {
    /// A context object that already exists.
    pub(crate) fn given(context: &'a Json) -> Context<'a> {
        Context {
            given: Some(context),
            build: None,
            built: OnceCell::new(),
            vars: None,
        }
    }

    /// A context object `build` makes when it is first read.
    pub(crate) fn lazy(build: impl Fn() -> Json + 'a) -> Context<'a> {
        Context {
            given: None,
            build: Some(Box::new(build)),
            built: OnceCell::new(),
            vars: None,
        }
    }

    /// The same context, reading workflow variables from `vars`.
    pub(crate) fn with_vars(mut self, vars: &'a crate::variables::Scope<'a>) -> Context<'a> {
        self.vars = Some(vars);
        self
    }

    /// The value of workflow variable `name`, if it is set.
    pub(crate) fn variable(&self, name: &str) -> Option<&Json> {
        self.vars?.get(name)
    }

    /// The context object.
    pub(crate) fn get(&self) -> &Json {
        match self.given {
            Some(c) => c,
            None => self
                .built
                .get_or_init(|| self.build.as_ref().map_or(Json::Null, |b| b())),
        }
    }
}

fn compare(op: &str, a: &Json, b: &Json) -> bool {
    let ord = match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64().partial_cmp(&y.as_f64()),
        (Json::String(x), Json::String(y)) => Some(x.cmp(y)),
        _ => None,
    };
    match op {
        "==" => a == b || ord == Some(std::cmp::Ordering::Equal),
        "!=" => !(a == b || ord == Some(std::cmp::Ordering::Equal)),
        "<" => ord == Some(std::cmp::Ordering::Less),
        "<=" => matches!(ord, Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)),
        ">" => ord == Some(std::cmp::Ordering::Greater),
        ">=" => matches!(ord, Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)),
        _ => false,
    }
}

/// One step of a reference path, as [`crate::translate`] reads it.
pub(crate) enum Step<'a> {
    Field(&'a str),
    Index(i64),
}

impl JsonPath {
    /// The steps when every one is a field or an index; `None` for
    /// wildcards, slices, unions, descent and filters.
    pub(crate) fn steps(&self) -> Option<Vec<Step<'_>>> {
        self.segments
            .iter()
            .map(|s| match s {
                Segment::Field(f) => Some(Step::Field(f)),
                Segment::Index(i) => Some(Step::Index(*i)),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sel(p: &str, v: &Json) -> Option<Json> {
        JsonPath::parse(p).unwrap().select(v, &Json::Null)
    }

    #[test]
    fn selects() {
        let v = json!({"a": {"b": [1, 2, 3]}, "c d": 4, "books": [{"p": 5}, {"p": 15}]});
        assert_eq!(sel("$", &v), Some(v.clone()));
        assert_eq!(sel("$.a.b[1]", &v), Some(json!(2)));
        assert_eq!(sel("$.a.b[-1]", &v), Some(json!(3)));
        assert_eq!(sel("$['c d']", &v), Some(json!(4)));
        assert_eq!(sel("$.a.b[*]", &v), Some(json!([1, 2, 3])));
        assert_eq!(sel("$.a.b[0:2]", &v), Some(json!([1, 2])));
        assert_eq!(sel("$.a.b[0,2]", &v), Some(json!([1, 3])));
        assert_eq!(sel("$..p", &v), Some(json!([5, 15])));
        assert_eq!(sel("$.books[?(@.p > 10)]", &v), Some(json!([{"p": 15}])));
        assert_eq!(sel("$.missing", &v), None);
    }

    #[test]
    fn sets_reference_paths() {
        let mut v = json!({"a": 1});
        JsonPath::parse("$.b.c").unwrap().set(&mut v, json!(2)).unwrap();
        assert_eq!(v, json!({"a": 1, "b": {"c": 2}}));
        assert!(JsonPath::parse("$.a.x").unwrap().set(&mut v, json!(3)).is_err());
    }

    #[test]
    fn escapes_before_multibyte_characters() {
        // Found by the jsonpath/intrinsics fuzz targets: an escape before a
        // two-byte character split it.
        let p = JsonPath::parse("$['\\Ñx']").unwrap();
        assert_eq!(
            p.select(&serde_json::json!({"Ñx": 1}), &Json::Null),
            Some(serde_json::json!(1))
        );
        assert!(JsonPath::parse("$$.i(((($(((3['CR\\Ñ").is_err());
    }

    #[test]
    fn huge_slice_steps_end_the_slice() {
        let v = json!({"a": [1, 2, 3]});
        assert_eq!(sel("$.a[1::9223372036854775807]", &v), Some(json!([2])));
        assert_eq!(
            sel("$.a[-9223372036854775808:9223372036854775807:2]", &v),
            Some(json!([1, 3]))
        );
    }

    #[test]
    fn descent_keeps_document_order_at_any_depth() {
        let v = json!({"a": {"p": 1, "b": [{"p": 2}, {"p": 3}]}, "p": 4});
        assert_eq!(sel("$..p", &v), Some(json!([4, 1, 2, 3])));
        let mut deep = json!({"p": 0});
        for i in 1..10_000 {
            // Built by moves: `json!` would serialize `deep`, recursively.
            let mut m = Map::new();
            m.insert("p".into(), json!(i));
            m.insert("c".into(), deep);
            deep = Json::Object(m);
        }
        let found = sel("$..p", &deep).unwrap();
        assert_eq!(found.as_array().map(Vec::len), Some(10_000));
        crate::limits::drop_deep(found);
        crate::limits::drop_deep(deep);
    }

    #[test]
    fn filters_nest_a_bounded_depth() {
        let nested = |n: usize| format!("$.a{}{}", "[?(@".repeat(n), ")]".repeat(n));
        assert!(JsonPath::parse(&nested(MAX_FILTER_NESTING)).is_ok());
        let e = JsonPath::parse(&nested(MAX_FILTER_NESTING + 1)).unwrap_err();
        assert!(e.message.contains("filters nest more than 10 deep"), "{e}");
        assert!(JsonPath::parse(&("$".to_owned() + &"[?(@".repeat(50_000))).is_err());
    }

    #[test]
    fn repeated_descents_stop_at_the_match_limit() {
        // Each `..*` step selects every chain of nested values one longer:
        // C(40, k) of them after k steps.
        let mut v = json!(1);
        for _ in 0..40 {
            v = Json::Array(vec![v]);
        }
        assert_eq!(sel("$..*", &v).and_then(|m| m.as_array().map(Vec::len)), Some(40));
        assert_eq!(sel(&format!("${}", "..*".repeat(20)), &v), None);
    }

    #[test]
    fn rejects_malformed_paths() {
        for p in ["a.b", "$.", "$[", "$[1", "$.a[?(@.x ~ 1)]", "$['unterminated]"] {
            assert!(JsonPath::parse(p).is_err(), "{p}");
        }
    }
}
