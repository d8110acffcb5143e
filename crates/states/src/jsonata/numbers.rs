//! Numeric functions: `$number`, rounding, `$power`, `$sqrt`, and the
//! formatting ones (`$formatBase`, `$formatInteger`, `$parseInteger`,
//! `$formatNumber` in `picture`).

use super::error::Error;
use super::eval::{display, Evaluator};
use super::functions::{arg, R};
use super::value::{js_number, FrameId, Value};

pub(crate) use super::picture::format_number;

fn unary<'a>(args: &[Value<'a>], f: impl FnOnce(f64) -> f64) -> R<'a> {
    Ok(arg(args, 0).number().map_or(Value::Undefined, |n| Value::Number(f(n))))
}

pub(crate) fn floor<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    unary(&args, f64::floor)
}

pub(crate) fn ceil<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    unary(&args, f64::ceil)
}

pub(crate) fn abs<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    unary(&args, f64::abs)
}

pub(crate) fn sqrt<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    match arg(&args, 0).number() {
        Some(n) if n < 0.0 => Err(Error::new("D3060", 0, js_number(n))),
        _ => unary(&args, f64::sqrt),
    }
}

pub(crate) fn power<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let (Some(b), Some(e)) = (arg(&args, 0).number(), arg(&args, 1).number()) else {
        return Ok(Value::Undefined);
    };
    let r = b.powf(e);
    if !r.is_finite() {
        return Err(Error::new(
            "D3061",
            0,
            format!("base={}, exponent={}", js_number(b), js_number(e)),
        ));
    }
    Ok(Value::Number(r))
}

/// `$round`: half to even, shifting the decimal point in the number's
/// text (as jsonata-js does) so that `$round(2.675, 2)` sees 267.5.
pub(crate) fn round<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(x) = arg(&args, 0).number() else {
        return Ok(Value::Undefined);
    };
    let precision = arg(&args, 1).number().unwrap_or(0.0) as i32;
    Ok(Value::Number(round_to(x, precision)))
}

/// Rounds half to even at `precision` decimal places.
pub(crate) fn round_to(mut x: f64, precision: i32) -> f64 {
    if precision != 0 {
        x = shift(x, precision);
    }
    let mut r = (x + 0.5).floor();
    if (r - x).abs() == 0.5 && (r % 2.0).abs() == 1.0 {
        r -= 1.0;
    }
    if precision != 0 {
        r = shift(r, -precision);
    }
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn shift(x: f64, by: i32) -> f64 {
    let text = js_number(x);
    let (mantissa, exp) = match text.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    format!("{mantissa}e{}", exp + by).parse().unwrap_or(x)
}

pub(crate) fn number<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let v = arg(&args, 0);
    Ok(match &v {
        Value::Undefined => Value::Undefined,
        Value::Number(_) => v,
        Value::Bool(b) => Value::Number(if *b { 1.0 } else { 0.0 }),
        Value::String(s) => match parse_number(s) {
            Some(n) => Value::Number(n),
            None => return Err(Error::new("D3030", 0, display(&v))),
        },
        _ => return Err(Error::new("D3030", 0, display(&v))),
    })
}

/// A string `$number` accepts: a JSON number, or hexadecimal, octal or
/// binary with a `0x`/`0o`/`0b` prefix.
fn parse_number(s: &str) -> Option<f64> {
    let radix = |p: &str, r: u32| {
        let digits = s.get(2..).filter(|d| !d.is_empty())?;
        if !s[..2].eq_ignore_ascii_case(p) {
            return None;
        }
        u64::from_str_radix(digits, r).ok().map(|n| n as f64)
    };
    if s.len() > 2 {
        if let Some(n) = radix("0x", 16).or_else(|| radix("0o", 8)).or_else(|| radix("0b", 2)) {
            return Some(n);
        }
    }
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return None;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

pub(crate) fn format_base<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(n) = arg(&args, 0).number() else {
        return Ok(Value::Undefined);
    };
    let n = round_half_even(n);
    let radix = arg(&args, 1).number().map_or(10.0, round_half_even);
    if !(2.0..=36.0).contains(&radix) {
        return Err(Error::new("D3100", 0, js_number(radix)));
    }
    let radix = radix as u32;
    let neg = n < 0.0;
    let mut m = n.abs() as u128;
    let mut digits = Vec::new();
    loop {
        digits.push(std::char::from_digit((m % u128::from(radix)) as u32, radix).unwrap_or('0'));
        m /= u128::from(radix);
        if m == 0 {
            break;
        }
    }
    if neg {
        digits.push('-');
    }
    Ok(Value::string(&digits.iter().rev().collect::<String>()))
}

fn round_half_even(x: f64) -> f64 {
    let mut r = (x + 0.5).floor();
    if (r - x).abs() == 0.5 && (r % 2.0).abs() == 1.0 {
        r -= 1.0;
    }
    r
}

pub(crate) fn format_integer<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(n) = arg(&args, 0).number() else {
        return Ok(Value::Undefined);
    };
    let picture = arg(&args, 1);
    let picture = picture.str().unwrap_or("0");
    super::picture::format_integer(n, picture).map(|s| Value::string(&s))
}

pub(crate) fn parse_integer<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(s) = arg(&args, 0).str().map(str::to_string) else {
        return Ok(Value::Undefined);
    };
    let picture = arg(&args, 1);
    super::picture::parse_integer(&s, picture.str().unwrap_or("0")).map(Value::Number)
}
