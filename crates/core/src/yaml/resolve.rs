//! Which plain scalars a YAML reader would not read back as strings.
//!
//! CloudFormation, cfn-lint and PyYAML read YAML 1.1; most Rust and Go
//! readers read YAML 1.2. A string is written plain only when neither would
//! take it for anything else, so the union of both schemas' implicit types
//! is checked here: null, booleans, integers, floats, timestamps, and the
//! merge (`<<`) and value (`=`) keys. The checks err on the side of quoting:
//! a needless quote costs two bytes, a missing one changes the template.

/// The type a YAML 1.1 or 1.2 reader gives a plain scalar, when not a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Implicit {
    /// `~`, `null` in any case, or the empty scalar.
    Null,
    /// `true`/`false`, `yes`/`no`, `on`/`off`, `y`/`n`, in any case.
    Bool(bool),
    /// Decimal, octal, hexadecimal, binary or sexagesimal integers.
    Int,
    /// Decimal, exponent, sexagesimal, infinite and not-a-number floats.
    Float,
    /// YAML 1.1 dates and timestamps (`2010-09-09`).
    Timestamp,
    /// The YAML 1.1 merge key `<<` or value key `=`.
    Key,
}

/// What a YAML 1.1 or 1.2 reader would make of `s` written as a plain
/// scalar, or `None` when every reader reads it back as this string.
///
/// ```
/// use rcdk_core::yaml::{implicit_type, Implicit};
/// assert_eq!(implicit_type("on"), Some(Implicit::Bool(true)));
/// assert_eq!(implicit_type("2012-10-17"), Some(Implicit::Timestamp));
/// assert_eq!(implicit_type("0o17"), Some(Implicit::Int));
/// assert_eq!(implicit_type("arn:aws:sns"), None);
/// ```
pub fn implicit_type(s: &str) -> Option<Implicit> {
    if is_null(s) {
        return Some(Implicit::Null);
    }
    if let Some(b) = bool_value(s) {
        return Some(Implicit::Bool(b));
    }
    if s == "<<" || s == "=" {
        return Some(Implicit::Key);
    }
    if is_int(s) {
        return Some(Implicit::Int);
    }
    if is_float(s) {
        return Some(Implicit::Float);
    }
    if is_timestamp(s) {
        return Some(Implicit::Timestamp);
    }
    None
}

fn is_null(s: &str) -> bool {
    s.is_empty() || s == "~" || s.eq_ignore_ascii_case("null")
}

fn bool_value(s: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["y", "yes", "true", "on"];
    const FALSE: [&str; 4] = ["n", "no", "false", "off"];
    if TRUE.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(true)
    } else if FALSE.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(false)
    } else {
        None
    }
}

fn unsigned(s: &str) -> &str {
    s.strip_prefix(['-', '+']).unwrap_or(s)
}

/// YAML 1.1 `0b1010`, `0x1F`, `017`, `1_000`, `190:20:30` and YAML 1.2 `0o17`.
fn is_int(s: &str) -> bool {
    let u = unsigned(s);
    let radix = |prefix: &str, digit: fn(u8) -> bool| {
        u.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b == b'_' || digit(b)))
    };
    radix("0b", |b| matches!(b, b'0' | b'1'))
        || radix("0x", |b| b.is_ascii_hexdigit())
        || radix("0o", |b| matches!(b, b'0'..=b'7'))
        || is_decimal(u)
        || is_sexagesimal(u)
}

/// A digit, then digits and underscores (leading zeros included: YAML 1.1
/// reads `010` as octal, and `09` is quoted too rather than risk it).
fn is_decimal(u: &str) -> bool {
    u.as_bytes().first().is_some_and(u8::is_ascii_digit) && u.bytes().all(|b| b == b'_' || b.is_ascii_digit())
}

/// `190:20:30`: a decimal, then one or more `:` and a base-60 digit (`7`, `07`, `59`).
fn is_sexagesimal(u: &str) -> bool {
    let mut parts = u.split(':');
    let head = parts.next().unwrap_or_default();
    let mut tail = parts.peekable();
    tail.peek().is_some()
        && is_decimal(head)
        && tail.all(|p| match p.as_bytes() {
            [d] => d.is_ascii_digit(),
            [t, d] => matches!(t, b'0'..=b'5') && d.is_ascii_digit(),
            _ => false,
        })
}

/// YAML 1.1 `1.5`, `.5`, `1.`, `1.2.3`, `1_000.5`, `1.0e+3`, `190:20:30.15`,
/// `.inf`, `.nan`, and YAML 1.2 `1e3`.
fn is_float(s: &str) -> bool {
    let u = unsigned(s);
    let special = |name: &str| u.strip_prefix('.').is_some_and(|rest| rest.eq_ignore_ascii_case(name));
    if special("inf") || (s == u && special("nan")) {
        return true;
    }
    if let Some((whole, frac)) = u.split_once('.') {
        if whole.contains(':') {
            return is_sexagesimal(whole) && frac.bytes().all(|b| b == b'_' || b.is_ascii_digit());
        }
        let (frac, exp) = split_exponent(frac);
        let whole_ok = whole.is_empty() || is_decimal(whole);
        let frac_ok = frac.bytes().all(|b| b == b'_' || b == b'.' || b.is_ascii_digit());
        let has_digit = !whole.is_empty() || frac.bytes().any(|b| b.is_ascii_digit());
        return whole_ok && frac_ok && has_digit && exp.is_none_or(is_exponent);
    }
    let (mantissa, exp) = split_exponent(u);
    exp.is_some_and(is_exponent) && is_decimal(mantissa)
}

fn split_exponent(s: &str) -> (&str, Option<&str>) {
    match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    }
}

fn is_exponent(e: &str) -> bool {
    let digits = unsigned(e);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// YAML 1.1 `2002-12-14` and `2001-12-14t21:59:43.10-05:00`: any scalar that
/// starts with a date and then ends or goes on with a time separator.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit);
    if !(digits(0, 4) && b.get(4) == Some(&b'-')) {
        return false;
    }
    let Some(month) = (1..=2).rev().find(|&n| digits(5, n) && b.get(5 + n) == Some(&b'-')) else {
        return false;
    };
    let day_at = 6 + month;
    let Some(day) = (1..=2).rev().find(|&n| digits(day_at, n)) else {
        return false;
    };
    matches!(b.get(day_at + day), None | Some(b'T' | b't' | b' ' | b'\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_that_stay_strings() {
        for s in [
            "arn:aws:sns",
            "10.0.0.0/16",
            "kms:*",
            "Allow",
            "a:b",
            "1.2.3a",
            "2012-10",
            "yesno",
            "e3",
            "1e",
            "0x",
            "+",
            "-",
            "80:80",
            "12:300",
            "nan",
            "inf",
            "2012-10-17x",
        ] {
            assert_eq!(implicit_type(s), None, "{s}");
        }
    }

    #[test]
    fn every_implicit_form() {
        use Implicit::*;
        let cases = [
            ("", Null),
            ("~", Null),
            ("NULL", Null),
            ("nUlL", Null),
            ("Y", Bool(true)),
            ("n", Bool(false)),
            ("yEs", Bool(true)),
            ("OFF", Bool(false)),
            ("<<", Key),
            ("=", Key),
            ("010", Int),
            ("0o17", Int),
            ("0x1F", Int),
            ("-0b1_01", Int),
            ("1_000", Int),
            ("12:30:00", Int),
            ("+12", Int),
            (".5", Float),
            ("1.", Float),
            ("1e3", Float),
            ("-1E-3", Float),
            ("1.0e+3", Float),
            ("1_000.5", Float),
            ("190:20:30.15", Float),
            ("-.inf", Float),
            (".NaN", Float),
            ("1.2.3", Float),
            ("2010-09-09", Timestamp),
            ("2001-12-14t21:59:43.10-05:00", Timestamp),
            ("2001-1-1 1:00:00", Timestamp),
        ];
        for (s, want) in cases {
            assert_eq!(implicit_type(s), Some(want), "{s}");
        }
    }
}
