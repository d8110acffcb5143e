//! String functions: substrings, case, padding, matching, replacing and
//! splitting (with a regular expression or a matcher function), Base64 and
//! URL encoding. Lengths and offsets count characters (code points), as
//! jsonata-js does.

use super::error::Error;
use super::eval::{display, Evaluator, MAX_STRING_BYTES};
use super::functions::{arg, to_string, R};
use super::regex::Match;
use super::value::{FrameId, Map, Value};

fn undefined_or<'a>(v: &Value<'a>, f: impl FnOnce(&str) -> Value<'a>) -> Value<'a> {
    match v {
        Value::String(s) => f(s),
        _ => Value::Undefined,
    }
}

/// JavaScript's `Array.prototype.slice` bounds on a length.
fn slice_bounds(len: i64, start: i64, end: Option<i64>) -> (usize, usize) {
    let clamp = |i: i64| if i < 0 { (len + i).max(0) } else { i.min(len) };
    let s = clamp(start);
    let e = end.map_or(len, clamp);
    (s as usize, e.max(s) as usize)
}

pub(crate) fn substring<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(s) = args.first().and_then(Value::str) else {
        return Ok(Value::Undefined);
    };
    let chars: Vec<char> = s.chars().collect();
    let len = chars.len() as i64;
    // Offsets past either end behave as the end, so they are clamped first
    // (a huge start or length cannot overflow the arithmetic below).
    let bound = (len + 1) as f64;
    let clamp = |n: f64| n.clamp(-bound, bound) as i64;
    let mut start = clamp(arg(&args, 1).number().unwrap_or(0.0));
    if len + start < 0 {
        start = 0;
    }
    let (from, to) = match arg(&args, 2).number() {
        Some(l) => {
            let l = clamp(l);
            if l <= 0 {
                return Ok(Value::string(""));
            }
            let end = if start >= 0 { start + l } else { len + start + l };
            slice_bounds(len, start, Some(end))
        }
        None => slice_bounds(len, start, None),
    };
    Ok(Value::string(&chars[from..to].iter().collect::<String>()))
}

pub(crate) fn substring_before<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let chars = arg(&args, 1);
    let needle = chars.str().unwrap_or_default();
    Ok(undefined_or(&arg(&args, 0), |s| {
        Value::string(s.find(needle).map_or(s, |i| &s[..i]))
    }))
}

pub(crate) fn substring_after<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let chars = arg(&args, 1);
    let needle = chars.str().unwrap_or_default();
    Ok(undefined_or(&arg(&args, 0), |s| {
        Value::string(s.find(needle).map_or(s, |i| &s[i + needle.len()..]))
    }))
}

pub(crate) fn lowercase<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(undefined_or(&arg(&args, 0), |s| Value::string(&s.to_lowercase())))
}

pub(crate) fn uppercase<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(undefined_or(&arg(&args, 0), |s| Value::string(&s.to_uppercase())))
}

pub(crate) fn length<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(undefined_or(
        &arg(&args, 0),
        |s| Value::Number(s.chars().count() as f64),
    ))
}

pub(crate) fn trim<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(undefined_or(&arg(&args, 0), |s| {
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                space = true;
            } else {
                if space {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        if space {
            out.push(' ');
        }
        Value::string(out.trim_matches(' '))
    }))
}

pub(crate) fn pad<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(s) = args.first().and_then(Value::str) else {
        return Ok(Value::Undefined);
    };
    let width = arg(&args, 1).number().unwrap_or(0.0);
    let fill = match arg(&args, 2) {
        Value::String(c) if !c.is_empty() => c.to_string(),
        _ => " ".to_string(),
    };
    let pad_len = width.abs().floor() as i64 - s.chars().count() as i64;
    if pad_len <= 0 {
        return Ok(Value::string(s));
    }
    ev.spend_bytes((pad_len as usize).saturating_mul(fill.len()), 0)?;
    let padding: String = fill.chars().cycle().take(pad_len as usize).collect();
    Ok(Value::string(&if width > 0.0 {
        format!("{s}{padding}")
    } else {
        format!("{padding}{s}")
    }))
}

/// The character offset of a byte offset (JSONata reports character positions).
fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

/// The successive matches of a regular expression, or of a matcher
/// function (JSONata's protocol: called with the string, it returns
/// `{match, start, end, groups, next}`, and `next()` the following match).
fn find_matches<'a>(
    ev: &mut Evaluator<'a>,
    matcher: &Value<'a>,
    s: &str,
    limit: Option<usize>,
    input: &Value<'a>,
    frame: FrameId,
) -> Result<Vec<Match>, Error> {
    if let Value::Regex(re) = matcher {
        return re.matches(s, limit);
    }
    let mut out = Vec::new();
    let mut result = ev.apply(matcher, vec![Value::string(s)], input, frame)?;
    while limit.is_none_or(|l| out.len() < l) {
        let o = match &result {
            Value::Object(o) => o,
            Value::Undefined => break,
            other => return Err(Error::new("T1010", 0, display(other))),
        };
        let number = |k: &str| o.get(k).and_then(Value::number);
        let (Some(start), Some(end)) = (number("start"), number("end")) else {
            return Err(Error::new("T1010", 0, ""));
        };
        let groups = o.get("groups").map(Value::members).unwrap_or_default();
        out.push(Match {
            start: byte_offset(s, start),
            end: byte_offset(s, end),
            text: o.get("match").and_then(Value::str).unwrap_or_default().to_string(),
            groups: groups.iter().map(|g| g.str().unwrap_or_default().to_string()).collect(),
        });
        let Some(next) = o.get("next").filter(|n| n.is_function()).cloned() else {
            break;
        };
        result = ev.apply(&next, Vec::new(), input, frame)?;
    }
    Ok(out)
}

/// The byte offset of character `chars` (clamped to the string).
fn byte_offset(s: &str, chars: f64) -> usize {
    let chars = if chars.is_finite() && chars > 0.0 {
        chars as usize
    } else {
        0
    };
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

pub(crate) fn contains<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let Some(s) = args.first().and_then(Value::str) else {
        return Ok(Value::Undefined);
    };
    Ok(Value::Bool(match arg(&args, 1) {
        Value::String(t) => s.contains(&*t),
        token => !find_matches(ev, &token, s, Some(1), input, frame)?.is_empty(),
    }))
}

fn limit_of(v: &Value, code: &'static str, index: usize) -> Result<Option<usize>, Error> {
    match v.number() {
        None => Ok(None),
        Some(n) if n < 0.0 => Err(Error::new(code, 0, index.to_string())),
        Some(n) => Ok(Some(n.floor() as usize)),
    }
}

pub(crate) fn match_<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let Some(s) = args.first().and_then(Value::str) else {
        return Ok(Value::Undefined);
    };
    let limit = limit_of(&arg(&args, 2), "D3040", 3)?;
    let re = arg(&args, 1);
    let matches = find_matches(ev, &re, s, limit, input, frame)?;
    let out = matches
        .into_iter()
        .map(|m| {
            let mut o = Map::new();
            o.insert("match".into(), Value::string(&m.text));
            o.insert("index".into(), Value::Number(char_offset(s, m.start) as f64));
            o.insert(
                "groups".into(),
                Value::array(m.groups.iter().map(|g| Value::string(g)).collect()),
            );
            Value::object(o)
        })
        .collect();
    Ok(Value::sequence(out))
}

pub(crate) fn replace<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let Some(s) = args.first().and_then(Value::str) else {
        return Ok(Value::Undefined);
    };
    let pattern = arg(&args, 1);
    if pattern.str() == Some("") {
        return Err(Error::new("D3010", 0, "2"));
    }
    let limit = limit_of(&arg(&args, 3), "D3011", 4)?;
    let replacement = arg(&args, 2);
    if let Value::String(p) = &pattern {
        let with = to_string(&replacement)?.unwrap_or_default();
        let mut out = String::new();
        let mut rest = s;
        let mut count = 0;
        while let Some(i) = rest.find(&**p) {
            if limit.is_some_and(|l| count >= l) {
                break;
            }
            out.push_str(&rest[..i]);
            out.push_str(&with);
            check_length(&out)?;
            rest = &rest[i + p.len()..];
            count += 1;
        }
        out.push_str(rest);
        return Ok(Value::string(&out));
    }
    let matches = find_matches(ev, &pattern, s, limit, input, frame)?;
    let mut out = String::new();
    let mut pos = 0;
    for m in matches {
        out.push_str(&s[pos..m.start]);
        match &replacement {
            Value::String(r) => {
                out.push_str(&substitute(r, &m.text, &m.groups));
                check_length(&out)?;
            }
            f => {
                let mut o = Map::new();
                o.insert("match".into(), Value::string(&m.text));
                o.insert("start".into(), Value::Number(char_offset(s, m.start) as f64));
                o.insert("end".into(), Value::Number(char_offset(s, m.end) as f64));
                o.insert(
                    "groups".into(),
                    Value::array(m.groups.iter().map(|g| Value::string(g)).collect()),
                );
                match ev.apply(f, vec![Value::object(o)], input, frame)? {
                    Value::String(r) => {
                        out.push_str(&r);
                        check_length(&out)?;
                    }
                    other => return Err(Error::new("D3012", 0, display(&other))),
                }
            }
        }
        pos = m.end;
    }
    out.push_str(&s[pos..]);
    Ok(Value::string(&out))
}

/// Stops a replacement whose result outgrows the longest string allowed.
fn check_length(out: &str) -> Result<(), Error> {
    if out.len() > MAX_STRING_BYTES {
        return Err(Error::with_message(
            "U1001",
            0,
            format!("A string is longer than {MAX_STRING_BYTES} bytes"),
        ));
    }
    Ok(())
}

/// Expands `$0`, `$1`... and `$$` in a replacement string, as jsonata-js:
/// a group number takes as many digits as the group count has.
fn substitute(replacement: &str, matched: &str, groups: &[String]) -> String {
    let r: Vec<char> = replacement.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < r.len() {
        if r[i] != '$' {
            out.push(r[i]);
            i += 1;
            continue;
        }
        i += 1;
        match r.get(i) {
            Some('$') => {
                out.push('$');
                i += 1;
            }
            Some('0') => {
                out.push_str(matched);
                i += 1;
            }
            _ => {
                let max_digits = if groups.is_empty() {
                    1
                } else {
                    groups.len().to_string().len()
                };
                let digits: String = r[i..]
                    .iter()
                    .take(max_digits)
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                let mut n: Option<usize> = digits.parse().ok();
                let mut used = digits.len();
                if max_digits > 1 && n.is_some_and(|n| n > groups.len()) {
                    used = digits.len().saturating_sub(1);
                    n = digits[..used].parse().ok();
                }
                match n {
                    Some(n) => {
                        if let Some(g) = n.checked_sub(1).and_then(|k| groups.get(k)) {
                            out.push_str(g);
                        }
                        i += used;
                    }
                    None => out.push('$'),
                }
            }
        }
    }
    out
}

pub(crate) fn split<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, input: &Value<'a>, frame: FrameId) -> R<'a> {
    let Some(s) = args.first().and_then(Value::str) else {
        return Ok(Value::Undefined);
    };
    let limit = limit_of(&arg(&args, 2), "D3020", 3)?;
    let sep = arg(&args, 1);
    let mut parts: Vec<String> = match &sep {
        Value::String(p) if p.is_empty() => s.chars().map(String::from).collect(),
        Value::String(p) => s.split(&**p).map(String::from).collect(),
        re => {
            let matches = find_matches(ev, re, s, limit, input, frame)?;
            let mut out = Vec::new();
            let mut start = 0;
            for m in &matches {
                out.push(s[start..m.start].to_string());
                start = m.end;
            }
            if limit.is_none_or(|l| matches.len() < l) {
                out.push(s[start..].to_string());
            }
            out
        }
    };
    if let Some(l) = limit {
        parts.truncate(l);
    }
    Ok(Value::array(parts.iter().map(|p| Value::string(p)).collect()))
}

pub(crate) fn join<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let a = arg(&args, 0);
    if a.is_undefined() {
        return Ok(a);
    }
    let sep = arg(&args, 1);
    let parts: Vec<String> = a
        .members()
        .iter()
        .map(|v| v.str().unwrap_or_default().to_string())
        .collect();
    let sep_len = sep.str().map_or(0, str::len);
    ev.spend_bytes(parts.iter().map(|p| p.len() + sep_len).sum(), 0)?;
    Ok(Value::string(&parts.join(sep.str().unwrap_or(""))))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 of the string's characters taken as bytes (Latin-1), as Node's
/// `Buffer.from(str, 'binary')` does.
pub(crate) fn base64_encode<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(undefined_or(&arg(&args, 0), |s| {
        let bytes: Vec<u8> = s.chars().map(|c| (c as u32 & 0xFF) as u8).collect();
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for k in 0..4 {
                if k <= chunk.len() {
                    out.push(B64[(n >> (18 - 6 * k) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        Value::string(&out)
    }))
}

/// Decodes Base64 to bytes read as Latin-1 characters; invalid characters
/// are skipped, as Node does.
pub(crate) fn base64_decode<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(undefined_or(&arg(&args, 0), |s| {
        let mut bits = 0u32;
        let mut nbits = 0;
        let mut out = String::new();
        for c in s.bytes() {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                b'=' => break,
                _ => continue,
            };
            bits = (bits << 6) | u32::from(v);
            nbits += 6;
            if nbits >= 8 {
                nbits -= 8;
                out.push(char::from(((bits >> nbits) & 0xFF) as u8));
            }
        }
        Value::string(&out)
    }))
}

fn percent_encode(s: &str, keep: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || keep.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Decodes `%XX` escapes as UTF-8, leaving escapes of the characters in
/// `reserved` as they are; malformed input is `D3140`.
fn percent_decode(s: &str, reserved: &str, name: &str) -> Result<String, Error> {
    let malformed = || Error::new("D3140", 0, s.to_string()).token(name);
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let hex = s.get(i + 1..i + 3).ok_or_else(malformed)?;
        let byte = u8::from_str_radix(hex, 16).map_err(|_| malformed())?;
        if byte < 0x80 && reserved.contains(byte as char) {
            out.extend_from_slice(&b[i..i + 3]);
        } else {
            out.push(byte);
        }
        i += 3;
    }
    String::from_utf8(out).map_err(|_| malformed())
}

const COMPONENT_KEEP: &str = "-_.!~*'()";
const URI_KEEP: &str = "-_.!~*'();/?:@&=+$,#";

pub(crate) fn encode_url_component<'a>(
    _: &mut Evaluator<'a>,
    args: Vec<Value<'a>>,
    _: &Value<'a>,
    _: FrameId,
) -> R<'a> {
    Ok(undefined_or(&arg(&args, 0), |s| {
        Value::string(&percent_encode(s, COMPONENT_KEEP))
    }))
}

pub(crate) fn encode_url<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(undefined_or(&arg(&args, 0), |s| {
        Value::string(&percent_encode(s, URI_KEEP))
    }))
}

pub(crate) fn decode_url_component<'a>(
    _: &mut Evaluator<'a>,
    args: Vec<Value<'a>>,
    _: &Value<'a>,
    _: FrameId,
) -> R<'a> {
    match arg(&args, 0) {
        Value::String(s) => Ok(Value::string(&percent_decode(&s, "", "decodeUrlComponent")?)),
        _ => Ok(Value::Undefined),
    }
}

pub(crate) fn decode_url<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    match arg(&args, 0) {
        Value::String(s) => Ok(Value::string(&percent_decode(&s, ";/?:@&=+$,#", "decodeUrl")?)),
        _ => Ok(Value::Undefined),
    }
}
