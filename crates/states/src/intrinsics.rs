//! The intrinsic functions (`States.Format`, `States.Array`, ...), parsed
//! from a `Parameters` or `ResultSelector` value whose key ends in `.$`.

use serde_json::{json, Value as Json};

use crate::path::JsonPath;
use crate::rng::Rng;

/// A failed intrinsic: a parse error, or at run time a failure that the
/// interpreter reports as `States.Runtime`, as AWS does (the ASL spec calls
/// it `States.IntrinsicFailure`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntrinsicError(pub String);

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

const FUNCTIONS: &[&str] = &[
    "Format",
    "StringToJson",
    "JsonToString",
    "Array",
    "ArrayPartition",
    "ArrayContains",
    "ArrayRange",
    "ArrayGetItem",
    "ArrayLength",
    "ArrayUnique",
    "Base64Encode",
    "Base64Decode",
    "Hash",
    "JsonMerge",
    "MathRandom",
    "MathAdd",
    "StringSplit",
    "UUID",
];

struct P<'a> {
    s: &'a str,
    i: usize,
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
        if !FUNCTIONS.contains(&name.as_str()) {
            return Err(IntrinsicError(format!(
                "unknown intrinsic function States.{name}; use one of States.{}",
                FUNCTIONS.join(", States.")
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
/// ```
pub fn parse(text: &str) -> Result<Call, IntrinsicError> {
    let mut p = P { s: text, i: 0 };
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

fn type_name(v: &Json) -> &'static str {
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
    /// Evaluates the call.
    pub fn eval(&self, input: &Json, context: &Json, rng: &mut Rng) -> Result<Json, IntrinsicError> {
        let fail = |m: String| Err(IntrinsicError(format!("States.{}: {m}", self.name)));
        if self.name == "Format" {
            let Some(Arg::Str(tpl)) = self.args.first() else {
                return fail("the first argument must be a string literal template".into());
            };
            let pieces = unescape(tpl, true);
            let holes = pieces.iter().filter(|p| p.is_none()).count();
            if holes != self.args.len() - 1 {
                return fail(format!(
                    "the template has {holes} placeholder(s) but {} argument(s) were given",
                    self.args.len() - 1
                ));
            }
            let mut values = Vec::new();
            for a in &self.args[1..] {
                values.push(self.value(a, input, context, rng)?);
            }
            let mut out = String::new();
            let mut vals = values.into_iter();
            for p in pieces {
                match p {
                    Some(s) => out.push_str(&s),
                    None => match vals.next() {
                        Some(Json::String(s)) => out.push_str(&s),
                        Some(v @ (Json::Number(_) | Json::Bool(_) | Json::Null)) => out.push_str(&v.to_string()),
                        Some(v) => return fail(format!("cannot format a value of type {}", type_name(&v))),
                        None => {}
                    },
                }
            }
            return Ok(Json::String(out));
        }
        let mut args = Vec::new();
        for a in &self.args {
            args.push(self.value(a, input, context, rng)?);
        }
        let n = |i: usize| -> Result<f64, IntrinsicError> {
            args.get(i)
                .and_then(Json::as_f64)
                .ok_or_else(|| IntrinsicError(format!("States.{}: argument {} must be a number", self.name, i + 1)))
        };
        let int = |i: usize| -> Result<i64, IntrinsicError> {
            match args.get(i) {
                Some(v) if v.as_i64().is_some() => Ok(v.as_i64().unwrap_or_default()),
                Some(v) if v.as_f64().is_some_and(|f| f.fract() == 0.0) => Ok(v.as_f64().unwrap_or_default() as i64),
                _ => Err(IntrinsicError(format!(
                    "States.{}: argument {} must be an integer",
                    self.name,
                    i + 1
                ))),
            }
        };
        let s = |i: usize| -> Result<&str, IntrinsicError> {
            args.get(i)
                .and_then(Json::as_str)
                .ok_or_else(|| IntrinsicError(format!("States.{}: argument {} must be a string", self.name, i + 1)))
        };
        let arr = |i: usize| -> Result<&Vec<Json>, IntrinsicError> {
            args.get(i)
                .and_then(Json::as_array)
                .ok_or_else(|| IntrinsicError(format!("States.{}: argument {} must be an array", self.name, i + 1)))
        };
        let count = |want: std::ops::RangeInclusive<usize>| -> Result<(), IntrinsicError> {
            if want.contains(&args.len()) {
                Ok(())
            } else {
                Err(IntrinsicError(format!(
                    "States.{} takes {} argument(s), got {}",
                    self.name,
                    if want.start() == want.end() {
                        want.start().to_string()
                    } else {
                        format!("{} to {}", want.start(), want.end())
                    },
                    args.len()
                )))
            }
        };
        match self.name.as_str() {
            "StringToJson" => {
                count(1..=1)?;
                serde_json::from_str(s(0)?).or_else(|e| fail(format!("the string is not JSON: {e}")))
            }
            "JsonToString" => {
                count(1..=1)?;
                Ok(Json::String(serde_json::to_string(&args[0]).unwrap_or_default()))
            }
            "Array" => Ok(Json::Array(args.clone())),
            "ArrayPartition" => {
                count(2..=2)?;
                let size = int(1)?;
                if size <= 0 {
                    return fail("the chunk size must be a positive integer".into());
                }
                Ok(Json::Array(
                    arr(0)?.chunks(size as usize).map(|c| Json::Array(c.to_vec())).collect(),
                ))
            }
            "ArrayContains" => {
                count(2..=2)?;
                Ok(Json::Bool(arr(0)?.contains(&args[1])))
            }
            "ArrayRange" => {
                count(3..=3)?;
                let (start, end, step) = (int(0)?, int(1)?, int(2)?);
                if step == 0 {
                    return fail("the step must not be 0".into());
                }
                let mut out = Vec::new();
                let mut i = start;
                while (step > 0 && i <= end) || (step < 0 && i >= end) {
                    out.push(json!(i));
                    if out.len() > 1000 {
                        return fail("the range has more than 1000 items".into());
                    }
                    i += step;
                }
                Ok(Json::Array(out))
            }
            "ArrayGetItem" => {
                count(2..=2)?;
                let a = arr(0)?;
                let i = int(1)?;
                usize::try_from(i).ok().and_then(|i| a.get(i)).cloned().map_or_else(
                    || fail(format!("index {i} is out of bounds for an array of {}", a.len())),
                    Ok,
                )
            }
            "ArrayLength" => {
                count(1..=1)?;
                Ok(json!(arr(0)?.len()))
            }
            "ArrayUnique" => {
                count(1..=1)?;
                let mut out: Vec<Json> = Vec::new();
                for v in arr(0)? {
                    if !out.contains(v) {
                        out.push(v.clone());
                    }
                }
                Ok(Json::Array(out))
            }
            "Base64Encode" => {
                count(1..=1)?;
                let v = s(0)?;
                if v.len() > 10_000 {
                    return fail("the input is over 10,000 characters".into());
                }
                Ok(Json::String(base64_encode(v.as_bytes())))
            }
            "Base64Decode" => {
                count(1..=1)?;
                let bytes = base64_decode(s(0)?)
                    .ok_or_else(|| IntrinsicError("States.Base64Decode: the input is not valid base64".into()))?;
                String::from_utf8(bytes)
                    .map(Json::String)
                    .or_else(|_| fail("the decoded data is not UTF-8 text".into()))
            }
            "Hash" => {
                count(2..=2)?;
                let data = match &args[0] {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
                use sha2::Digest;
                let out = match s(1)? {
                    "MD5" => hex(&md5::Md5::digest(data.as_bytes())),
                    "SHA-1" => hex(&sha1::Sha1::digest(data.as_bytes())),
                    "SHA-256" => hex(&sha2::Sha256::digest(data.as_bytes())),
                    "SHA-384" => hex(&sha2::Sha384::digest(data.as_bytes())),
                    "SHA-512" => hex(&sha2::Sha512::digest(data.as_bytes())),
                    other => {
                        return fail(format!(
                            "unknown algorithm {other:?}; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"
                        ))
                    }
                };
                Ok(Json::String(out))
            }
            "JsonMerge" => {
                count(3..=3)?;
                if args[2] != Json::Bool(false) {
                    return fail("only a shallow merge is supported; the third argument must be false".into());
                }
                match (&args[0], &args[1]) {
                    (Json::Object(a), Json::Object(b)) => {
                        let mut out = a.clone();
                        for (k, v) in b {
                            out.insert(k.clone(), v.clone());
                        }
                        Ok(Json::Object(out))
                    }
                    _ => fail("both arguments must be objects".into()),
                }
            }
            "MathRandom" => {
                count(2..=3)?;
                let (start, end) = (int(0)?, int(1)?);
                if end <= start {
                    return fail("the end must be greater than the start".into());
                }
                let r = match args.get(2) {
                    Some(_) => Rng::new(int(2)? as u64).next_f64(),
                    None => rng.next_f64(),
                };
                Ok(json!(start + ((end - start) as f64 * r) as i64))
            }
            "MathAdd" => {
                count(2..=2)?;
                let (a, b) = (n(0)?, n(1)?);
                let sum = a + b;
                Ok(if sum.fract() == 0.0 {
                    json!(sum as i64)
                } else {
                    json!(sum)
                })
            }
            "StringSplit" => {
                count(2..=2)?;
                let delims: Vec<char> = s(1)?.chars().collect();
                Ok(Json::Array(
                    s(0)?
                        .split(|c| delims.contains(&c))
                        .filter(|p| !p.is_empty())
                        .map(|p| json!(p))
                        .collect(),
                ))
            }
            "UUID" => {
                count(0..=0)?;
                Ok(Json::String(rng.uuid()))
            }
            other => fail(format!("States.{other} is not implemented")),
        }
    }

    fn value(&self, a: &Arg, input: &Json, context: &Json, rng: &mut Rng) -> Result<Json, IntrinsicError> {
        match a {
            Arg::Str(raw) => Ok(Json::String(unescape(raw, false).into_iter().flatten().collect())),
            Arg::Lit(v) => Ok(v.clone()),
            Arg::Path(p) => p
                .select(input, context)
                .ok_or_else(|| IntrinsicError(format!("States.{}: the path {p} selects nothing", self.name))),
            Arg::Call(c) => c.eval(input, context, rng),
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
