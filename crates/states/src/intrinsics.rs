//! The intrinsic functions (`States.Format`, `States.Array`, ...), parsed
//! from a `Parameters` or `ResultSelector` value whose key ends in `.$`.
//!
//! Parsing checks what AWS checks when a state machine is created: a known
//! function, its number of arguments, a literal `States.Format` template's
//! placeholders against its arguments, and nesting at most
//! [`MAX_INTRINSIC_NESTING`] (10) deep. Evaluation uses checked integer
//! arithmetic and linear-time algorithms, and the values it builds stay
//! within the 256 KiB payload quota.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};

use serde_json::{json, Value as Json};

use crate::limits::{measure, TooBig, MAX_DEPTH, MAX_INTRINSIC_NESTING, MAX_PAYLOAD_BYTES};
use crate::path::{Context, JsonPath};
use crate::rng::Rng;

/// A failed intrinsic: a parse error, or at run time a failure that the
/// interpreter reports as `States.Runtime`, as AWS does (the ASL spec calls
/// it `States.IntrinsicFailure`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntrinsicError(pub String);

/// Why an evaluation inside the interpreter failed.
pub(crate) enum EvalError {
    /// The call failed: `States.Runtime` on AWS.
    Failed(IntrinsicError),
    /// A value it would build is over the payload quota:
    /// `States.DataLimitExceeded`.
    TooLarge(String),
}

impl From<IntrinsicError> for EvalError {
    fn from(e: IntrinsicError) -> EvalError {
        EvalError::Failed(e)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Arg {
    /// A string literal, still with its escapes (`\'`, `\{`, `\}`, `\\`).
    Str(String),
    Lit(Json),
    Path(JsonPath),
    Call(Call),
}

/// A parsed intrinsic call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    name: String,
    args: Vec<Arg>,
}

/// Each function with the fewest and most arguments it takes.
const FUNCTIONS: &[(&str, usize, usize)] = &[
    ("Format", 1, usize::MAX),
    ("StringToJson", 1, 1),
    ("JsonToString", 1, 1),
    ("Array", 0, usize::MAX),
    ("ArrayPartition", 2, 2),
    ("ArrayContains", 2, 2),
    ("ArrayRange", 3, 3),
    ("ArrayGetItem", 2, 2),
    ("ArrayLength", 1, 1),
    ("ArrayUnique", 1, 1),
    ("Base64Encode", 1, 1),
    ("Base64Decode", 1, 1),
    ("Hash", 2, 2),
    ("JsonMerge", 3, 3),
    ("MathRandom", 2, 3),
    ("MathAdd", 2, 2),
    ("StringSplit", 2, 2),
    ("UUID", 0, 0),
];

/// The most items `States.ArrayRange` makes (the AWS docs' limit).
const MAX_RANGE_ITEMS: i128 = 1000;

/// The longest string `States.Base64Encode`, `States.Base64Decode` and
/// `States.Hash` take (the AWS docs' limit).
const MAX_CODEC_CHARS: usize = 10_000;

struct P<'a> {
    s: &'a str,
    i: usize,
    /// How many calls are open: each one recurses once.
    depth: usize,
}

impl<'a> P<'a> {
    fn err<T>(&self, m: &str) -> Result<T, IntrinsicError> {
        Err(IntrinsicError(format!("{m} at position {} of {:?}", self.i, self.s)))
    }
    fn ws(&mut self) {
        while self.s[self.i..].starts_with(' ') {
            self.i += 1;
        }
    }
    fn call(&mut self) -> Result<Call, IntrinsicError> {
        if self.depth == MAX_INTRINSIC_NESTING {
            return Err(IntrinsicError(format!(
                "intrinsic functions nest more than {MAX_INTRINSIC_NESTING} deep, the most AWS allows in a field"
            )));
        }
        self.depth += 1;
        let call = self.call_body().and_then(Call::checked);
        self.depth -= 1;
        call
    }
    fn call_body(&mut self) -> Result<Call, IntrinsicError> {
        self.ws();
        if !self.s[self.i..].starts_with("States.") {
            return self.err("expected an intrinsic function (States.Name(...))");
        }
        self.i += 7;
        let start = self.i;
        while self.s[self.i..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            self.i += 1;
        }
        let name = self.s[start..self.i].to_owned();
        if !FUNCTIONS.iter().any(|(f, _, _)| *f == name) {
            let names: Vec<&str> = FUNCTIONS.iter().map(|(f, _, _)| *f).collect();
            return Err(IntrinsicError(format!(
                "unknown intrinsic function States.{name}; use one of States.{}",
                names.join(", States.")
            )));
        }
        self.ws();
        if !self.s[self.i..].starts_with('(') {
            return self.err("expected '('");
        }
        self.i += 1;
        let mut args = Vec::new();
        self.ws();
        if self.s[self.i..].starts_with(')') {
            self.i += 1;
            return Ok(Call { name, args });
        }
        loop {
            args.push(self.arg()?);
            self.ws();
            if self.s[self.i..].starts_with(')') {
                self.i += 1;
                return Ok(Call { name, args });
            }
            if !self.s[self.i..].starts_with(',') {
                return self.err("expected ',' or ')'");
            }
            self.i += 1;
        }
    }
    fn arg(&mut self) -> Result<Arg, IntrinsicError> {
        self.ws();
        let rest = &self.s[self.i..];
        if rest.starts_with('\'') {
            let mut out = String::new();
            let mut chars = rest.strip_prefix('\'').unwrap_or(rest).char_indices();
            while let Some((j, c)) = chars.next() {
                match c {
                    '\\' => {
                        out.push('\\');
                        if let Some((_, n)) = chars.next() {
                            out.push(n);
                        }
                    }
                    '\'' => {
                        self.i += 1 + j + 1;
                        return Ok(Arg::Str(out));
                    }
                    c => out.push(c),
                }
            }
            return self.err("unterminated string");
        }
        if rest.starts_with("States.") {
            return Ok(Arg::Call(self.call()?));
        }
        if rest.starts_with('$') {
            let mut depth = 0i32;
            let mut quote: Option<char> = None;
            let mut end = rest.len();
            for (j, c) in rest.char_indices() {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '\'' | '"') => quote = Some(c),
                    (None, '[' | '(') => depth += 1,
                    (None, ']') => depth -= 1,
                    (None, ')') if depth == 0 => {
                        end = j;
                        break;
                    }
                    (None, ')') => depth -= 1,
                    (None, ',') if depth == 0 => {
                        end = j;
                        break;
                    }
                    _ => {}
                }
            }
            let text = rest[..end].trim_end();
            let p = JsonPath::parse(text).map_err(|e| IntrinsicError(e.to_string()))?;
            self.i += end;
            return Ok(Arg::Path(p));
        }
        let end = rest.find([',', ')']).unwrap_or(rest.len());
        let lit = rest[..end].trim();
        match serde_json::from_str::<Json>(lit) {
            Ok(v @ (Json::Number(_) | Json::Bool(_) | Json::Null)) => {
                self.i += end;
                Ok(Arg::Lit(v))
            }
            _ => self.err(&format!("unexpected argument {lit:?}")),
        }
    }
}

/// Parses an intrinsic function call.
///
/// ```
/// use rcdk_states::intrinsics::parse;
/// assert!(parse("States.Format('Hello, {}', $.name)").is_ok());
/// assert!(parse("States.Nope()").unwrap_err().0.contains("unknown intrinsic"));
/// assert!(parse("States.Format('{} and {}', $.a)").unwrap_err().0.contains("2 placeholder(s)"));
/// assert!(parse("States.ArrayLength()").unwrap_err().0.contains("takes 1 argument(s), got 0"));
/// ```
pub fn parse(text: &str) -> Result<Call, IntrinsicError> {
    let mut p = P {
        s: text,
        i: 0,
        depth: 0,
    };
    let call = p.call()?;
    p.ws();
    if p.i != text.len() {
        return p.err("unexpected text after the call");
    }
    Ok(call)
}

/// Unescapes a string literal; in a `States.Format` template, escaped braces
/// stay literal and `{}` is a placeholder (returned as `None` pieces).
fn unescape(raw: &str, format: bool) -> Vec<Option<String>> {
    let mut pieces = vec![Some(String::new())];
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        let cur = pieces.last_mut().and_then(Option::as_mut);
        match c {
            '\\' => {
                if let (Some(n), Some(s)) = (chars.next(), cur) {
                    s.push(n);
                }
            }
            '{' if format && chars.peek() == Some(&'}') => {
                chars.next();
                pieces.push(None);
                pieces.push(Some(String::new()));
            }
            c => {
                if let Some(s) = cur {
                    s.push(c)
                }
            }
        }
    }
    pieces
}

/// A template that comes from the data (`States.Format($.template, ...)`):
/// its `{}` are placeholders; it has no escapes to undo.
fn template_pieces(template: &str) -> Vec<Option<String>> {
    let mut pieces = Vec::new();
    for (i, text) in template.split("{}").enumerate() {
        if i > 0 {
            pieces.push(None);
        }
        pieces.push(Some(text.to_owned()));
    }
    pieces
}

pub(crate) fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

impl Call {
    /// The call, if its arguments are what AWS accepts when a state machine
    /// is created: their number, and a literal `States.Format` template's
    /// placeholders.
    fn checked(self) -> Result<Call, IntrinsicError> {
        let (_, min, max) = FUNCTIONS
            .iter()
            .find(|(f, _, _)| *f == self.name)
            .copied()
            .unwrap_or(("", 0, 0));
        let n = self.args.len();
        if n < min || n > max {
            let want = match (min, max) {
                (a, b) if a == b => a.to_string(),
                (a, usize::MAX) => format!("at least {a}"),
                (a, b) => format!("{a} to {b}"),
            };
            return Err(IntrinsicError(format!(
                "States.{} takes {want} argument(s), got {n}",
                self.name
            )));
        }
        if let (true, Some(Arg::Str(template))) = (self.name == "Format", self.args.first()) {
            let holes = unescape(template, true).iter().filter(|p| p.is_none()).count();
            if holes != n - 1 {
                return Err(IntrinsicError(format!(
                    "States.Format: the template has {holes} placeholder(s) but {} argument(s) follow it",
                    n - 1
                )));
            }
        }
        Ok(self)
    }

    /// Evaluates the call on `input`, with `context` as the context object.
    pub fn eval(&self, input: &Json, context: &Json, rng: &mut Rng) -> Result<Json, IntrinsicError> {
        self.eval_in(input, &Context::given(context), rng).map_err(|e| match e {
            EvalError::Failed(e) => e,
            EvalError::TooLarge(m) => IntrinsicError(m),
        })
    }

    /// [`Call::eval`] with a context object built only if a `$$` path reads it.
    pub(crate) fn eval_in(&self, input: &Json, ctx: &Context, rng: &mut Rng) -> Result<Json, EvalError> {
        match self.name.as_str() {
            "Format" => self.format(input, ctx, rng),
            "Array" => self.array(input, ctx, rng),
            _ => {
                let mut values = Vec::with_capacity(self.args.len());
                for a in &self.args {
                    values.push(self.value(a, input, ctx, rng)?);
                }
                let args = Args {
                    name: &self.name,
                    values: &values,
                };
                Ok(args.apply(rng)?)
            }
        }
    }

    fn fail<T>(&self, m: impl std::fmt::Display) -> Result<T, EvalError> {
        Err(EvalError::Failed(IntrinsicError(format!("States.{}: {m}", self.name))))
    }

    fn too_large<T>(&self, what: &str) -> Result<T, EvalError> {
        self.over_limit(what, TooBig::Bytes)
    }

    /// `what` would be over the payload quota (`States.DataLimitExceeded`)
    /// or nest too deep (`States.Runtime`, a limit of rcdk-states).
    fn over_limit<T>(&self, what: &str, why: TooBig) -> Result<T, EvalError> {
        match why {
            TooBig::Bytes => Err(EvalError::TooLarge(format!(
                "States.{}: {what} would be larger than the payload quota of {MAX_PAYLOAD_BYTES} bytes (256 KiB)",
                self.name
            ))),
            TooBig::Depth => self.fail(format!("{what} would nest more than {MAX_DEPTH} levels deep")),
        }
    }

    /// `States.Format`: the template (a literal, or a string the first
    /// argument gives) with each `{}` replaced by the next argument.
    fn format(&self, input: &Json, ctx: &Context, rng: &mut Rng) -> Result<Json, EvalError> {
        let pieces = match self.args.first() {
            Some(Arg::Str(t)) => unescape(t, true),
            Some(a) => match self.value(a, input, ctx, rng)? {
                Json::String(t) => template_pieces(&t),
                other => return self.fail(format!("the template must be a string, not {}", type_name(&other))),
            },
            None => return self.fail("it needs a template"),
        };
        let holes = pieces.iter().filter(|p| p.is_none()).count();
        if holes != self.args.len() - 1 {
            return self.fail(format!(
                "the template has {holes} placeholder(s) but {} argument(s) were given",
                self.args.len() - 1
            ));
        }
        let mut out = String::new();
        let mut args = self.args[1..].iter();
        for piece in pieces {
            let value = match piece {
                Some(text) => {
                    out.push_str(&text);
                    None
                }
                None => args.next().map(|a| self.value(a, input, ctx, rng)).transpose()?,
            };
            match value {
                Some(Json::String(s)) => out.push_str(&s),
                Some(v @ (Json::Number(_) | Json::Bool(_) | Json::Null)) => out.push_str(&v.to_string()),
                Some(v) => return self.fail(format!("cannot format a value of type {}", type_name(&v))),
                None => {}
            }
            if out.len() > MAX_PAYLOAD_BYTES {
                return self.too_large("the string");
            }
        }
        Ok(Json::String(out))
    }

    /// `States.Array`: its arguments' values, counted as they are added.
    fn array(&self, input: &Json, ctx: &Context, rng: &mut Rng) -> Result<Json, EvalError> {
        let mut out = Vec::with_capacity(self.args.len());
        let mut bytes = 2usize;
        for a in &self.args {
            let v = self.value(a, input, ctx, rng)?;
            match measure(&v, MAX_PAYLOAD_BYTES.saturating_sub(bytes)) {
                Ok(n) => bytes += n + 1,
                Err(why) => return self.over_limit("the array", why),
            }
            out.push(v);
        }
        Ok(Json::Array(out))
    }

    fn value(&self, a: &Arg, input: &Json, ctx: &Context, rng: &mut Rng) -> Result<Json, EvalError> {
        match a {
            Arg::Str(raw) => Ok(Json::String(unescape(raw, false).into_iter().flatten().collect())),
            Arg::Lit(v) => Ok(v.clone()),
            Arg::Path(p) => match p.select_within(input, ctx, MAX_PAYLOAD_BYTES) {
                Ok(Some(v)) => Ok(v),
                Ok(None) => self.fail(format!("the path {p} selects nothing")),
                Err(why) => self.over_limit(&format!("the selection of {p}"), why),
            },
            Arg::Call(c) => c.eval_in(input, ctx, rng),
        }
    }
}

/// The evaluated arguments of a function that takes a fixed number of them.
struct Args<'a> {
    name: &'a str,
    values: &'a [Json],
}

impl Args<'_> {
    fn err(&self, m: impl std::fmt::Display) -> IntrinsicError {
        IntrinsicError(format!("States.{}: {m}", self.name))
    }

    fn get(&self, i: usize) -> &Json {
        self.values.get(i).unwrap_or(&Json::Null)
    }

    fn string(&self, i: usize) -> Result<&str, IntrinsicError> {
        self.get(i)
            .as_str()
            .ok_or_else(|| self.err(format!("argument {} must be a string", i + 1)))
    }

    fn array(&self, i: usize) -> Result<&Vec<Json>, IntrinsicError> {
        self.get(i)
            .as_array()
            .ok_or_else(|| self.err(format!("argument {} must be an array", i + 1)))
    }

    /// An argument that must be an integer a 64-bit integer holds.
    fn int(&self, i: usize) -> Result<i64, IntrinsicError> {
        let v = self.get(i);
        let exact = v.as_f64().is_some_and(|f| f.fract() == 0.0);
        match (v.as_i64(), exact) {
            (Some(n), _) => Ok(n),
            (None, true) => to_i64(v.as_f64().unwrap_or(f64::NAN))
                .ok_or_else(|| self.err(format!("argument {} ({v}) is outside the 64-bit integer range", i + 1))),
            _ => Err(self.err(format!("argument {} must be an integer", i + 1))),
        }
    }

    /// A number rounded to the nearest integer: the AWS docs say
    /// `States.MathAdd` and `States.MathRandom` round a non-integer argument.
    fn rounded(&self, i: usize) -> Result<i64, IntrinsicError> {
        let v = self.get(i);
        if let Some(n) = v.as_i64() {
            return Ok(n);
        }
        let f = v
            .as_f64()
            .ok_or_else(|| self.err(format!("argument {} must be a number", i + 1)))?;
        to_i64(f.round())
            .ok_or_else(|| self.err(format!("argument {} ({v}) is outside the 64-bit integer range", i + 1)))
    }

    fn apply(&self, rng: &mut Rng) -> Result<Json, IntrinsicError> {
        let v = |i: usize| self.get(i);
        match self.name {
            "StringToJson" => {
                serde_json::from_str(self.string(0)?).map_err(|e| self.err(format!("the string is not JSON: {e}")))
            }
            "JsonToString" => Ok(Json::String(serde_json::to_string(v(0)).unwrap_or_default())),
            "ArrayPartition" => self.partition(),
            "ArrayContains" => Ok(Json::Bool(self.array(0)?.contains(v(1)))),
            "ArrayRange" => array_range(self.int(0)?, self.int(1)?, self.int(2)?).map_err(|m| self.err(m)),
            "ArrayGetItem" => self.get_item(),
            "ArrayLength" => Ok(json!(self.array(0)?.len())),
            "ArrayUnique" => Ok(Json::Array(unique(self.array(0)?))),
            "Base64Encode" => Ok(Json::String(base64_encode(self.codec_input(0)?.as_bytes()))),
            "Base64Decode" => self.base64_decode(),
            "Hash" => self.hash(),
            "JsonMerge" => self.merge(),
            "MathRandom" => self.random(rng),
            "MathAdd" => {
                let (a, b) = (self.rounded(0)?, self.rounded(1)?);
                a.checked_add(b)
                    .map(|sum| json!(sum))
                    .ok_or_else(|| self.err(format!("{a} + {b} is outside the 64-bit integer range")))
            }
            "StringSplit" => self.split(),
            "UUID" => Ok(Json::String(rng.uuid())),
            other => Err(self.err(format!("States.{other} is not implemented"))),
        }
    }

    fn partition(&self) -> Result<Json, IntrinsicError> {
        let size = self.int(1)?;
        if size <= 0 {
            return Err(self.err("the chunk size must be a positive integer"));
        }
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        Ok(Json::Array(
            self.array(0)?.chunks(size).map(|c| Json::Array(c.to_vec())).collect(),
        ))
    }

    fn get_item(&self) -> Result<Json, IntrinsicError> {
        let a = self.array(0)?;
        let i = self.int(1)?;
        usize::try_from(i)
            .ok()
            .and_then(|i| a.get(i))
            .cloned()
            .ok_or_else(|| self.err(format!("index {i} is out of bounds for an array of {}", a.len())))
    }

    /// A string argument of `States.Base64Encode`, `Base64Decode` or `Hash`:
    /// at most 10,000 characters, as the AWS docs say.
    fn codec_input(&self, i: usize) -> Result<&str, IntrinsicError> {
        let s = self.string(i)?;
        if s.chars().count() > MAX_CODEC_CHARS {
            return Err(self.err("the input is over 10,000 characters"));
        }
        Ok(s)
    }

    fn base64_decode(&self) -> Result<Json, IntrinsicError> {
        let bytes = base64_decode(self.codec_input(0)?).ok_or_else(|| self.err("the input is not valid base64"))?;
        String::from_utf8(bytes)
            .map(Json::String)
            .map_err(|_| self.err("the decoded data is not UTF-8 text"))
    }

    fn hash(&self) -> Result<Json, IntrinsicError> {
        use sha2::Digest;
        let data = match self.get(0) {
            Json::String(_) => self.codec_input(0)?.to_owned(),
            other => other.to_string(),
        };
        if data.chars().count() > MAX_CODEC_CHARS {
            return Err(self.err("the input is over 10,000 characters"));
        }
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        let out = match self.string(1)? {
            "MD5" => hex(&md5::Md5::digest(data.as_bytes())),
            "SHA-1" => hex(&sha1::Sha1::digest(data.as_bytes())),
            "SHA-256" => hex(&sha2::Sha256::digest(data.as_bytes())),
            "SHA-384" => hex(&sha2::Sha384::digest(data.as_bytes())),
            "SHA-512" => hex(&sha2::Sha512::digest(data.as_bytes())),
            other => {
                return Err(self.err(format!(
                    "unknown algorithm {other:?}; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"
                )))
            }
        };
        Ok(Json::String(out))
    }

    fn merge(&self) -> Result<Json, IntrinsicError> {
        if *self.get(2) != Json::Bool(false) {
            return Err(self.err("only a shallow merge is supported; the third argument must be false"));
        }
        match (self.get(0), self.get(1)) {
            (Json::Object(a), Json::Object(b)) => {
                let mut out = a.clone();
                for (k, v) in b {
                    out.insert(k.clone(), v.clone());
                }
                Ok(Json::Object(out))
            }
            _ => Err(self.err("both arguments must be objects")),
        }
    }

    /// `States.MathRandom(start, end[, seed])`: an integer in `[start, end)`,
    /// computed in 128 bits so no range overflows.
    fn random(&self, rng: &mut Rng) -> Result<Json, IntrinsicError> {
        let (start, end) = (self.rounded(0)?, self.rounded(1)?);
        if end <= start {
            return Err(self.err("the end must be greater than the start"));
        }
        let r = match self.values.get(2) {
            Some(_) => Rng::new(self.int(2)? as u64).next_f64(),
            None => rng.next_f64(),
        };
        let span = i128::from(end) - i128::from(start);
        // r < 1, but the product may round up to `span` for spans above 2^53.
        let offset = ((span as f64 * r) as i128).min(span - 1);
        Ok(json!((i128::from(start) + offset) as i64))
    }

    fn split(&self) -> Result<Json, IntrinsicError> {
        let delims: HashSet<char> = self.string(1)?.chars().collect();
        Ok(Json::Array(
            self.string(0)?
                .split(|c| delims.contains(&c))
                .filter(|p| !p.is_empty())
                .map(|p| json!(p))
                .collect(),
        ))
    }
}

/// `f` as a 64-bit integer, if it is one.
fn to_i64(f: f64) -> Option<i64> {
    // 2^63 is exactly representable; every f64 below it and at least -2^63 fits.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    (f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f)).then_some(f as i64)
}

/// `States.ArrayRange`: counted first, in 128 bits, so neither a huge range
/// nor a step past the end of the 64-bit range overflows.
fn array_range(start: i64, end: i64, step: i64) -> Result<Json, String> {
    if step == 0 {
        return Err("the step must not be 0".into());
    }
    let (start, span, step) = (i128::from(start), i128::from(end) - i128::from(start), i128::from(step));
    let count = if span == 0 || (span > 0) == (step > 0) {
        span / step + 1
    } else {
        0
    };
    if count > MAX_RANGE_ITEMS {
        return Err(format!("the range has more than {MAX_RANGE_ITEMS} items"));
    }
    // Every item lies between start and end, so it fits in 64 bits.
    Ok(Json::Array(
        (0..count).map(|k| json!((start + k * step) as i64)).collect(),
    ))
}

/// `States.ArrayUnique`: the first of each distinct value, in order, in
/// linear expected time (values are bucketed by a hash, compared only
/// within a bucket).
fn unique(items: &[Json]) -> Vec<Json> {
    let state = RandomState::new();
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut out: Vec<Json> = Vec::new();
    for v in items {
        let bucket = buckets.entry(hash(&state, v)).or_default();
        if bucket.iter().any(|&i| out[i] == *v) {
            continue;
        }
        bucket.push(out.len());
        out.push(v.clone());
    }
    out
}

/// A hash consistent with `==` on JSON values: objects equal in any key
/// order hash alike (their entries' hashes are summed), and so do the
/// numbers `==` holds equal (`0.0` and `-0.0`).
fn hash(state: &RandomState, v: &Json) -> u64 {
    match v {
        Json::Null => state.hash_one(0u8),
        Json::Bool(b) => state.hash_one((1u8, b)),
        Json::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => state.hash_one((2u8, u)),
            (None, Some(i)) => state.hash_one((3u8, i)),
            _ => state.hash_one((4u8, (n.as_f64().unwrap_or_default() + 0.0).to_bits())),
        },
        Json::String(s) => state.hash_one((5u8, s)),
        Json::Array(a) => state.hash_one((6u8, a.iter().map(|x| hash(state, x)).collect::<Vec<_>>())),
        Json::Object(m) => {
            let entries = m.iter().fold(0u64, |acc, (k, x)| {
                acc.wrapping_add(state.hash_one((k, hash(state, x))))
            });
            state.hash_one((7u8, entries))
        }
    }
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (padding optional).
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::new();
    let mut buf = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = B64.iter().position(|x| *x == c)? as u32;
        buf = (buf << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// An argument of a parsed call, as [`crate::translate`] reads it.
pub(crate) enum ArgView<'a> {
    /// A string literal, escapes still in.
    Str(&'a str),
    Lit(&'a Json),
    Path(&'a JsonPath),
    Call(&'a Call),
}

impl Call {
    /// The function's name after `States.`.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The arguments, in order.
    pub(crate) fn args(&self) -> Vec<ArgView<'_>> {
        self.args
            .iter()
            .map(|a| match a {
                Arg::Str(s) => ArgView::Str(s),
                Arg::Lit(j) => ArgView::Lit(j),
                Arg::Path(p) => ArgView::Path(p),
                Arg::Call(c) => ArgView::Call(c),
            })
            .collect()
    }
}

/// A string argument's text, its escapes undone.
pub(crate) fn unescaped(raw: &str) -> String {
    unescape(raw, false).into_iter().flatten().collect()
}

/// A `States.Format` template's pieces: text, and `None` for each `{}`.
pub(crate) fn format_pieces(raw: &str) -> Vec<Option<String>> {
    unescape(raw, true)
}
