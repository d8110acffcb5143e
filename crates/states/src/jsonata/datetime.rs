//! Date and time: `$now`, `$millis` (the evaluation's fixed clock, which
//! the caller sets), `$fromMillis` and `$now` with XPath picture strings
//! (`[Y0001]-[M01]-[D01]`, names, ordinals, time zones), and `$toMillis`
//! of ISO 8601 text or with a picture.

use super::error::Error;
use super::eval::Evaluator;
use super::functions::{arg, R};
use super::picture::{analyse_integer, format_with, parse_with, Case, IntegerFormat};
use super::value::{js_number, FrameId, Value};
use crate::time;

pub(crate) fn millis<'a>(ev: &mut Evaluator<'a>, _: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    Ok(Value::Number(ev.now_millis as f64))
}

pub(crate) fn now<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    format(ev.now_millis as f64, &arg(&args, 0), &arg(&args, 1))
}

pub(crate) fn from_millis<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(ms) = arg(&args, 0).number() else {
        return Ok(Value::Undefined);
    };
    format(ms, &arg(&args, 1), &arg(&args, 2))
}

fn format<'a>(ms: f64, picture: &Value<'a>, timezone: &Value<'a>) -> R<'a> {
    // JavaScript dates span ±8.64e15 ms.
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return Err(Error::new("D3110", 0, js_number(ms)));
    }
    let picture = picture
        .str()
        .unwrap_or("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]");
    let (hours, minutes) = match timezone.str() {
        Some(tz) => {
            let offset = js_parse_int(tz);
            ((offset as f64 / 100.0).floor() as i64, offset % 100)
        }
        None => (0, 0),
    };
    let shifted = ms.floor() as i64 + (60 * hours + minutes) * 60_000;
    let mut out = String::new();
    for part in analyse_picture(picture)? {
        match part {
            Part::Literal(s) => out.push_str(&s),
            Part::Marker(m) => out.push_str(&format_component(shifted, &m, hours, minutes)?),
        }
    }
    Ok(Value::string(&out))
}

/// JavaScript's `parseInt` of a time zone such as `-0500`: the leading integer.
fn js_parse_int(s: &str) -> i64 {
    let s = s.trim();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(d) => (-1, d),
        None => (1, s.strip_prefix('+').unwrap_or(s)),
    };
    let n: String = digits.chars().take_while(char::is_ascii_digit).take(9).collect();
    sign * n.parse::<i64>().unwrap_or(0)
}

enum Part {
    Literal(String),
    Marker(Marker),
}

struct Marker {
    component: char,
    names: Option<Case>,
    presentation2: Option<char>,
    integer: Option<IntegerFormat>,
    /// Digits of the year to show (`[Y,2]`), when limited.
    year_digits: Option<u32>,
    max_width: Option<usize>,
}

/// Splits a date/time picture into literals and `[...]` markers.
fn analyse_picture(picture: &str) -> Result<Vec<Part>, Error> {
    let chars: Vec<char> = picture.chars().collect();
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' if chars.get(i + 1) == Some(&'[') => {
                literal.push('[');
                i += 2;
            }
            '[' => {
                let Some(end) = chars[i..].iter().position(|&c| c == ']').map(|e| e + i) else {
                    return Err(Error::new("D3135", 0, ""));
                };
                if !literal.is_empty() {
                    parts.push(Part::Literal(std::mem::take(&mut literal)));
                }
                let marker: String = chars[i + 1..end].iter().filter(|c| !c.is_whitespace()).collect();
                parts.push(Part::Marker(analyse_marker(&marker)?));
                i = end + 1;
            }
            ']' if chars.get(i + 1) == Some(&']') => {
                literal.push(']');
                i += 2;
            }
            c => {
                literal.push(c);
                i += 1;
            }
        }
    }
    if !literal.is_empty() {
        parts.push(Part::Literal(literal));
    }
    Ok(parts)
}

fn default_presentation(component: char) -> Option<&'static str> {
    Some(match component {
        'Y' | 'M' | 'D' | 'd' | 'W' | 'w' | 'X' | 'x' | 'H' | 'h' | 'f' => "1",
        'F' | 'P' | 'C' | 'E' => "n",
        'm' | 's' => "01",
        'Z' | 'z' => "01:01",
        _ => return None,
    })
}

fn analyse_marker(marker: &str) -> Result<Marker, Error> {
    let component = marker.chars().next().unwrap_or(' ');
    let body: String = marker.chars().skip(1).collect();
    let (pres, width) = match body.rfind(',') {
        Some(c) => (body[..c].to_string(), Some(body[c + 1..].to_string())),
        None => (body.clone(), None),
    };
    let parse_width = |w: &str| {
        if w == "*" || w.is_empty() {
            None
        } else {
            w.parse::<usize>().ok()
        }
    };
    let (min_width, max_width) = match &width {
        Some(w) => match w.find('-') {
            Some(d) => (parse_width(&w[..d]), parse_width(&w[d + 1..])),
            None => (parse_width(w), None),
        },
        None => (None, None),
    };
    let mut presentation2 = None;
    let presentation1 = if pres.chars().count() > 1 && pres.ends_with(['a', 't', 'c', 'o']) {
        presentation2 = pres.chars().last();
        pres[..pres.len() - 1].to_string()
    } else if pres.is_empty() {
        match default_presentation(component) {
            Some(p) => p.to_string(),
            None => return Err(Error::new("D3132", 0, component.to_string())),
        }
    } else {
        pres
    };
    if default_presentation(component).is_none() {
        return Err(Error::new("D3132", 0, component.to_string()));
    }
    let names = if presentation1.starts_with('n') {
        Some(Case::Lower)
    } else if presentation1.starts_with("Nn") {
        Some(Case::Title)
    } else if presentation1.starts_with('N') {
        Some(Case::Upper)
    } else {
        None
    };
    let mut marker = Marker {
        component,
        names,
        presentation2,
        integer: None,
        year_digits: None,
        max_width,
    };
    if names.is_none() && "YMDdFWwXxHhmsf".contains(component) {
        let mut pattern = presentation1.clone();
        if let Some(p2) = presentation2 {
            pattern.push(';');
            pattern.push(p2);
        }
        let mut f = analyse_integer(&pattern)?;
        if let Some(min) = min_width {
            f.mandatory_digits = f.mandatory_digits.max(min);
        }
        if "YMD".contains(component) {
            if let Some(max) = max_width {
                marker.year_digits = Some(max as u32);
                f.mandatory_digits = max;
            } else {
                let w = f.mandatory_digits + f.optional_digits;
                if w >= 2 {
                    marker.year_digits = Some(w as u32);
                }
            }
        }
        marker.integer = Some(f);
    }
    if component == 'Z' || component == 'z' {
        marker.integer = Some(analyse_integer(&presentation1)?);
    }
    Ok(marker)
}

const DAYS: [&str; 8] = [
    "",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn format_component(ms: i64, m: &Marker, hours: i64, minutes: i64) -> Result<String, Error> {
    let c = m.component;
    if c == 'Z' || c == 'z' {
        return format_zone(m, hours, minutes);
    }
    let value = fragment(ms, c);
    let Fragment::Number(mut n) = value else {
        let Fragment::Text(t) = value else { unreachable!() };
        return Ok(if c == 'P' && m.names == Some(Case::Upper) {
            t.to_uppercase()
        } else {
            t.to_string()
        });
    };
    if c == 'Y' {
        if let Some(d) = m.year_digits {
            n %= 10i64.pow(d.min(18));
        }
    }
    if let Some(case) = m.names {
        let name = match c {
            'M' | 'x' => MONTHS[(n - 1).clamp(0, 11) as usize],
            'F' => DAYS[n.clamp(0, 7) as usize],
            _ => return Err(Error::new("D3133", 0, c.to_string())),
        };
        let mut name = match case {
            Case::Upper => name.to_uppercase(),
            Case::Lower => name.to_lowercase(),
            Case::Title => name.to_string(),
        };
        if let Some(max) = m.max_width {
            name = name.chars().take(max).collect();
        }
        return Ok(name);
    }
    match &m.integer {
        Some(f) => format_with(n as f64, f),
        None => Ok(n.to_string()),
    }
}

fn format_zone(m: &Marker, hours: i64, minutes: i64) -> Result<String, Error> {
    let Some(f) = &m.integer else { return Ok(String::new()) };
    let offset = hours * 100 + minutes;
    let mut s = if f.regular.is_some() {
        format_with(offset as f64, f)?
    } else {
        match f.mandatory_digits {
            1 | 2 => {
                let mut s = format_with(hours as f64, f)?;
                if minutes != 0 {
                    s.push(':');
                    s.push_str(&format!("{:02}", minutes));
                }
                s
            }
            3 | 4 => format_with(offset as f64, f)?,
            n => return Err(Error::new("D3134", 0, n.to_string())),
        }
    };
    if offset >= 0 {
        s.insert(0, '+');
    }
    if m.component == 'z' {
        s.insert_str(0, "GMT");
    }
    if offset == 0 && m.presentation2 == Some('t') {
        s = "Z".into();
    }
    Ok(s)
}

enum Fragment {
    Number(i64),
    Text(&'static str),
}

const DAY_MS: i64 = 86_400_000;

/// The first day of week 1 of the month (or year, for January) that starts
/// on day `first`: the Monday of the week holding its first Thursday.
fn start_of_first_week(year: i64, month0: i64) -> i64 {
    let (year, month0) = (year + month0.div_euclid(12), month0.rem_euclid(12));
    let first = days_from_civil(year, month0 + 1, 1);
    let mut dow = (first + 4).rem_euclid(7);
    if dow == 0 {
        dow = 7;
    }
    if dow > 4 {
        first + (8 - dow)
    } else {
        first - (dow - 1)
    }
}

fn fragment(ms: i64, c: char) -> Fragment {
    let days = ms.div_euclid(DAY_MS);
    let time = ms.rem_euclid(DAY_MS);
    let (y, mo, d) = civil_from_days(days);
    let week = |start: i64| ((days - start) as f64 / 7.0 + 1.0).floor() as i64;
    Fragment::Number(match c {
        'Y' => y,
        'M' => mo,
        'D' => d,
        'd' => days - days_from_civil(y, 1, 1) + 1,
        'F' => match (days + 4).rem_euclid(7) {
            0 => 7,
            n => n,
        },
        'W' => {
            let w = week(start_of_first_week(y, 0));
            if w > 52 && days >= start_of_first_week(y + 1, 0) {
                1
            } else if w < 1 {
                week(start_of_first_week(y - 1, 0))
            } else {
                w
            }
        }
        'w' => {
            let w = week(start_of_first_week(y, mo - 1));
            if w > 4 && days >= start_of_first_week(y, mo) {
                1
            } else if w < 1 {
                week(start_of_first_week(y, mo - 2))
            } else {
                w
            }
        }
        'X' => {
            if days < start_of_first_week(y, 0) {
                y - 1
            } else if days >= start_of_first_week(y + 1, 0) {
                y + 1
            } else {
                y
            }
        }
        'x' => {
            if days < start_of_first_week(y, mo - 1) {
                (mo - 2).rem_euclid(12) + 1
            } else if days >= start_of_first_week(y, mo) {
                mo % 12 + 1
            } else {
                mo
            }
        }
        'H' => time / 3_600_000,
        'h' => match (time / 3_600_000) % 12 {
            0 => 12,
            h => h,
        },
        'P' => return Fragment::Text(if time / 3_600_000 >= 12 { "pm" } else { "am" }),
        'm' => time / 60_000 % 60,
        's' => time / 1000 % 60,
        'f' => time % 1000,
        _ => return Fragment::Text("ISO"),
    })
}

// Howard Hinnant's civil date algorithms.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub(crate) fn to_millis<'a>(ev: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(s) = arg(&args, 0).str().map(str::to_string) else {
        return Ok(Value::Undefined);
    };
    if let Some(picture) = arg(&args, 1).str() {
        return parse_with_picture(&s, picture, ev.now_millis);
    }
    parse_iso(&s)
        .map(|ms| Value::Number(ms as f64))
        .ok_or_else(|| Error::new("D3110", 0, format!("{s:?}")))
}

/// Milliseconds since the epoch of an ISO 8601 date or date-time: `2024`,
/// `2024-03`, `2024-03-14`, with `T12:30`, seconds, a fraction and `Z` or
/// an offset (a date-time without one is taken as UTC).
fn parse_iso(s: &str) -> Option<i64> {
    let (date, rest) = match s.find(['T', 't']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut parts = date.split('-');
    let y = parts.next().filter(|p| p.len() == 4)?;
    let mo = parts.next().unwrap_or("01");
    let d = parts.next().unwrap_or("01");
    if parts.next().is_some() || mo.len() != 2 || d.len() != 2 {
        return None;
    }
    let mut time = "00:00:00".to_string();
    let mut zone = "Z".to_string();
    if let Some(rest) = rest {
        let split = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
        let (t, z) = rest.split_at(split);
        time = match t.len() {
            5 => format!("{t}:00"),
            _ => t.to_string(),
        };
        if !z.is_empty() {
            zone = if z.len() == 5 && !z.contains(':') {
                format!("{}:{}", &z[..3], &z[3..])
            } else {
                z.to_string()
            };
        }
    }
    let text = format!("{y}-{mo}-{d}T{time}{zone}");
    time::parse_timestamp(&text).map(|n| n.div_euclid(1_000_000) as i64)
}

/// `$toMillis(text, picture)`: reads the components the picture names, with
/// numbers as their integer pictures write them (digits, ordinals, Roman
/// numerals, letters, words), month and day names, am/pm and time zones.
/// Text that does not match gives undefined, as in jsonata-js. Components before
/// the first given one default to the current date, those after it to their
/// minimum; a gap between given ones, or week-based components, is `D3136`.
fn parse_with_picture<'a>(text: &str, picture: &str, now_ms: i64) -> R<'a> {
    let parts = analyse_picture(picture)?;
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut found: Vec<(char, i64)> = Vec::new();
    let mut pm: Option<bool> = None;
    let mut offset_minutes = 0i64;
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Literal(lit) => {
                let lit: Vec<char> = lit.chars().collect();
                if chars.get(at..at + lit.len()) != Some(&lit[..]) {
                    return Ok(Value::Undefined);
                }
                at += lit.len();
            }
            Part::Marker(m) => {
                let Some(read) = read_component(&chars, &mut at, m, parts.get(i + 1))? else {
                    return Ok(Value::Undefined);
                };
                match (m.component, read) {
                    ('P', v) => pm = Some(v == 1),
                    ('Z' | 'z', v) => offset_minutes = v,
                    ('F', _) => {}
                    (c, v) => found.push((c, v)),
                }
            }
        }
    }
    if at != chars.len() {
        return Ok(Value::Undefined);
    }
    if let Some(h) = found.iter_mut().find(|(c, _)| *c == 'h') {
        h.0 = 'H';
        let hour = h.1 % 12;
        h.1 = if pm == Some(true) { hour + 12 } else { hour };
    }
    let get = |c: char| found.iter().find(|(k, _)| *k == c).map(|(_, v)| *v);
    if ['X', 'x', 'W', 'w'].iter().any(|c| get(*c).is_some()) {
        return Err(Error::new("D3136", 0, ""));
    }
    let order: &[char] = if get('d').is_some() {
        &['Y', 'd', 'H', 'm', 's', 'f']
    } else {
        &['Y', 'M', 'D', 'H', 'm', 's', 'f']
    };
    let given: Vec<bool> = order.iter().map(|c| get(*c).is_some()).collect();
    let Some(first) = given.iter().position(|g| *g) else {
        return Ok(Value::Undefined);
    };
    let last = given.iter().rposition(|g| *g).unwrap_or(first);
    if given[first..=last].iter().any(|g| !g) {
        return Err(Error::new("D3136", 0, ""));
    }
    let now_days = now_ms.div_euclid(DAY_MS);
    let (ny, nm, nd) = civil_from_days(now_days);
    let now_time = now_ms.rem_euclid(DAY_MS);
    let value = |c: char, idx: usize| -> i64 {
        if let Some(v) = get(c) {
            return v;
        }
        if idx < first {
            return match c {
                'Y' => ny,
                'M' => nm,
                'D' => nd,
                'd' => now_days - days_from_civil(ny, 1, 1) + 1,
                'H' => now_time / 3_600_000,
                'm' => now_time / 60_000 % 60,
                's' => now_time / 1000 % 60,
                _ => now_time % 1000,
            };
        }
        i64::from(matches!(c, 'M' | 'D' | 'd'))
    };
    let v: Vec<i64> = order.iter().enumerate().map(|(i, c)| value(*c, i)).collect();
    let days = if get('d').is_some() {
        days_from_civil(v[0], 1, 1) + v[1] - 1
    } else {
        days_from_civil(v[0], v[1], v[2])
    };
    let t = &v[v.len() - 4..];
    let time = t[0] * 3_600_000 + t[1] * 60_000 + t[2] * 1000 + t[3] - offset_minutes * 60_000;
    Ok(Value::Number(days as f64 * DAY_MS as f64 + time as f64))
}

/// Reads one marker's value at `at`: `None` when the text does not match.
/// `P` reads 1 for pm, 0 for am; `Z`/`z` the offset in minutes.
fn read_component(chars: &[char], at: &mut usize, m: &Marker, next: Option<&Part>) -> Result<Option<i64>, Error> {
    let bounded = matches!(next, Some(Part::Marker(_)));
    let rest: String = chars[*at..].iter().collect();
    let lower = rest.to_lowercase();
    match m.component {
        'P' => {
            let v = if lower.starts_with("am") || lower.starts_with("a.m.") {
                0
            } else if lower.starts_with("pm") || lower.starts_with("p.m.") {
                1
            } else {
                return Ok(None);
            };
            *at += if lower.as_bytes().get(1) == Some(&b'.') { 4 } else { 2 };
            return Ok(Some(v));
        }
        'Z' | 'z' => return Ok(read_zone(chars, at, m.component == 'z')),
        _ => {}
    }
    if m.names.is_some() {
        if !"MxF".contains(m.component) {
            return Err(Error::new("D3133", 0, m.component.to_string()));
        }
        let names: &[&str] = if m.component == 'F' { &DAYS[1..] } else { &MONTHS };
        for (i, name) in names.iter().enumerate() {
            let name: String = match m.max_width {
                Some(w) => name.chars().take(w).collect(),
                None => name.to_string(),
            };
            if lower.starts_with(&name.to_lowercase()) {
                *at += name.chars().count();
                return Ok(Some(i as i64 + 1));
            }
        }
        return Ok(None);
    }
    let Some(f) = &m.integer else {
        return Err(Error::new("D3133", 0, m.component.to_string()));
    };
    if !f.is_decimal() {
        return Ok(read_words(chars, at, f, next));
    }
    let width = if bounded && f.mandatory_digits > 1 {
        f.mandatory_digits
    } else {
        usize::MAX
    };
    // At most nine digits, so that no date arithmetic can overflow.
    let digits: String = chars[*at..]
        .iter()
        .take(width.min(9))
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    *at += digits.len();
    if f.is_ordinal() {
        let suffix: String = chars[*at..].iter().take(2).collect();
        if ["st", "nd", "rd", "th"].contains(&suffix.as_str()) {
            *at += 2;
        }
    }
    Ok(digits.parse().ok())
}

/// Reads a number in words, Roman numerals or letters: up to the next
/// literal of the picture, or a run of letters before another marker, or
/// the rest of the text.
fn read_words(chars: &[char], at: &mut usize, f: &IntegerFormat, next: Option<&Part>) -> Option<i64> {
    let rest = &chars[*at..];
    let len = match next {
        Some(Part::Literal(lit)) => {
            let lit: Vec<char> = lit.chars().collect();
            (0..rest.len()).find(|&i| rest[i..].starts_with(&lit))?
        }
        Some(Part::Marker(_)) => rest.iter().take_while(|c| c.is_alphabetic()).count(),
        None => rest.len(),
    };
    if len == 0 {
        return None;
    }
    let text: String = rest[..len].iter().collect();
    let n = parse_with(&text, f).ok()?;
    *at += len;
    Some(n as i64)
}

/// `+02:00`, `-0500`, `+5`, or with `GMT` before it: minutes east of UTC.
fn read_zone(chars: &[char], at: &mut usize, gmt: bool) -> Option<i64> {
    let mut i = *at;
    if gmt {
        let g: String = chars.get(i..i + 3)?.iter().collect();
        if g != "GMT" {
            return None;
        }
        i += 3;
    }
    let sign = match chars.get(i)? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    i += 1;
    let digits = |i: &mut usize| -> String {
        let d: String = chars[*i..].iter().take_while(|c| c.is_ascii_digit()).collect();
        *i += d.len();
        d
    };
    let first = digits(&mut i);
    let (h, m) = if chars.get(i) == Some(&':') {
        i += 1;
        (first.parse::<i64>().ok()?, digits(&mut i).parse::<i64>().ok()?)
    } else if first.len() > 2 {
        let (h, m) = first.split_at(first.len() - 2);
        (h.parse().ok()?, m.parse().ok()?)
    } else {
        (first.parse().ok()?, 0)
    };
    *at = i;
    Some(sign * (h * 60 + m))
}
