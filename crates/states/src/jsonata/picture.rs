//! Picture strings (XPath F&O 3.1 formatting, as jsonata-js implements
//! it): `$formatNumber`'s decimal pictures, and the integer pictures of
//! `$formatInteger`, `$parseInteger` and date/time markers (decimal digits
//! with grouping, Roman numerals, letters, English words, ordinals).

use super::error::Error;
use super::eval::Evaluator;
use super::functions::{arg, R};
use super::numbers::round_to;
use super::value::{js_number, FrameId, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Case {
    Upper,
    Lower,
    Title,
}

#[derive(Clone, Debug, PartialEq)]
enum Primary {
    Decimal,
    Letters,
    Roman,
    Words,
    Sequence(String),
}

/// An analysed integer picture (`#,##0`, `i`, `w;o`...).
#[derive(Clone, Debug)]
pub(crate) struct IntegerFormat {
    primary: Primary,
    case: Case,
    ordinal: bool,
    zero: u32,
    pub mandatory_digits: usize,
    pub optional_digits: usize,
    /// Grouping every `n` digits with one character...
    pub regular: Option<(usize, char)>,
    /// ...or at these positions (from the right).
    separators: Vec<(usize, char)>,
}

const DECIMAL_GROUPS: &[u32] = &[
    0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6,
    0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
    0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
];

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The interval of regularly spaced grouping positions, or 0.
fn regular_interval(positions: &[usize]) -> usize {
    if positions.is_empty() {
        return 0;
    }
    let factor = positions.iter().copied().reduce(gcd).unwrap_or(0);
    if factor == 0 {
        return 0;
    }
    if (1..=positions.len()).all(|i| positions.contains(&(i * factor))) {
        factor
    } else {
        0
    }
}

pub(crate) fn analyse_integer(picture: &str) -> Result<IntegerFormat, Error> {
    let mut f = IntegerFormat {
        primary: Primary::Decimal,
        case: Case::Lower,
        ordinal: false,
        zero: 0x30,
        mandatory_digits: 0,
        optional_digits: 0,
        regular: None,
        separators: Vec::new(),
    };
    let primary = match picture.rfind(';') {
        Some(i) => {
            f.ordinal = picture[i + 1..].starts_with('o');
            &picture[..i]
        }
        None => picture,
    };
    match primary {
        "A" | "a" => {
            f.primary = Primary::Letters;
            f.case = if primary == "A" { Case::Upper } else { Case::Lower };
        }
        "I" | "i" => {
            f.primary = Primary::Roman;
            f.case = if primary == "I" { Case::Upper } else { Case::Lower };
        }
        "W" | "Ww" | "w" => {
            f.primary = Primary::Words;
            f.case = match primary {
                "W" => Case::Upper,
                "Ww" => Case::Title,
                _ => Case::Lower,
            };
        }
        _ => analyse_digits(primary, &mut f)?,
    }
    Ok(f)
}

fn analyse_digits(primary: &str, f: &mut IntegerFormat) -> Result<(), Error> {
    let mut zero = None;
    let mut position = 0;
    let mut separators = Vec::new();
    for c in primary.chars().rev() {
        let code = c as u32;
        if let Some(&group) = DECIMAL_GROUPS.iter().find(|&&g| code >= g && code <= g + 9) {
            f.mandatory_digits += 1;
            position += 1;
            match zero {
                None => zero = Some(group),
                Some(z) if z != group => return Err(Error::new("D3131", 0, "")),
                _ => {}
            }
        } else if c == '#' {
            position += 1;
            f.optional_digits += 1;
        } else {
            separators.push((position, c));
        }
    }
    if f.mandatory_digits == 0 {
        f.primary = Primary::Sequence(primary.to_string());
        return Ok(());
    }
    f.zero = zero.unwrap_or(0x30);
    let same_char = separators.iter().all(|s| s.1 == separators[0].1);
    let positions: Vec<usize> = separators.iter().map(|s| s.0).collect();
    let interval = if same_char { regular_interval(&positions) } else { 0 };
    if interval > 0 {
        f.regular = Some((interval, separators[0].1));
    } else {
        f.separators = separators;
    }
    Ok(())
}

impl IntegerFormat {
    pub(crate) fn is_decimal(&self) -> bool {
        self.primary == Primary::Decimal
    }

    pub(crate) fn is_ordinal(&self) -> bool {
        self.ordinal
    }
}

pub(crate) fn format_integer(n: f64, picture: &str) -> Result<String, Error> {
    let f = analyse_integer(picture)?;
    format_with(n.floor(), &f)
}

/// Formats an integer with an analysed picture.
pub(crate) fn format_with(value: f64, f: &IntegerFormat) -> Result<String, Error> {
    if !value.is_finite() {
        return Err(Error::new("D3001", 0, js_number(value)));
    }
    let negative = value < 0.0;
    let value = value.abs();
    let mut s = match &f.primary {
        Primary::Letters => letters(value as u64, if f.case == Case::Upper { 'A' } else { 'a' }),
        Primary::Roman => {
            let r = roman(value as u64);
            if f.case == Case::Upper {
                r.to_uppercase()
            } else {
                r
            }
        }
        Primary::Words => {
            let w = words(value, false, f.ordinal);
            match f.case {
                Case::Upper => w.to_uppercase(),
                Case::Lower => w.to_lowercase(),
                Case::Title => w,
            }
        }
        Primary::Decimal => decimal(value, f),
        Primary::Sequence(token) => return Err(Error::new("D3130", 0, token.clone())),
    };
    if negative {
        s.insert(0, '-');
    }
    Ok(s)
}

fn decimal(value: f64, f: &IntegerFormat) -> String {
    let mut digits: Vec<char> = js_number(value).chars().collect();
    if digits.len() < f.mandatory_digits {
        let mut padded = vec!['0'; f.mandatory_digits - digits.len()];
        padded.extend(digits);
        digits = padded;
    }
    if f.zero != 0x30 {
        digits = digits
            .into_iter()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 - 0x30 + f.zero).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect();
    }
    if let Some((every, sep)) = f.regular {
        let groups = (digits.len() - 1) / every;
        for i in (1..=groups).rev() {
            let at = digits.len() - i * every;
            digits.insert(at, sep);
        }
    } else {
        for &(pos, sep) in f.separators.iter().rev() {
            let at = digits.len().saturating_sub(pos);
            digits.insert(at, sep);
        }
    }
    let mut s: String = digits.into_iter().collect();
    if f.ordinal {
        let b: Vec<char> = s.chars().collect();
        let last = b.last().copied();
        let tens = b.len() > 1 && b[b.len() - 2] == '1';
        let suffix = match last {
            Some('1') if !tens => "st",
            Some('2') if !tens => "nd",
            Some('3') if !tens => "rd",
            _ => "th",
        };
        s.push_str(suffix);
    }
    s
}

fn letters(mut value: u64, a: char) -> String {
    let mut out = Vec::new();
    while value > 0 {
        out.push(char::from_u32((value - 1) as u32 % 26 + a as u32).unwrap_or(a));
        value = (value - 1) / 26;
    }
    out.iter().rev().collect()
}

fn roman(mut value: u64) -> String {
    const NUMERALS: &[(u64, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    // Thousands repeat `m`; a huge number would make a huge string.
    if value > 100_000 {
        return js_number(value as f64);
    }
    for &(n, s) in NUMERALS {
        while value >= n {
            out.push_str(s);
            value -= n;
        }
    }
    out
}

const FEW: [&str; 20] = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
];
const ORDINALS: [&str; 20] = [
    "Zeroth",
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
];
const DECADES: [&str; 9] = [
    "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred",
];
const MAGNITUDES: [&str; 4] = ["Thousand", "Million", "Billion", "Trillion"];

/// English words for a number, as jsonata-js spells them ("One Hundred and
/// Five"), in doubles as it computes them (so very large numbers repeat
/// "Trillion").
fn words(num: f64, prev: bool, ordinal: bool) -> String {
    let lead = |sep: &str| if prev { sep.to_string() } else { String::new() };
    if num <= 19.0 {
        let i = num as usize;
        return format!("{}{}", lead(" and "), if ordinal { ORDINALS[i] } else { FEW[i] });
    }
    if num < 100.0 {
        let (tens, rem) = ((num / 10.0).floor(), num % 10.0);
        let mut w = format!("{}{}", lead(" and "), DECADES[tens as usize - 2]);
        if rem > 0.0 {
            w.push('-');
            w.push_str(&words(rem, false, ordinal));
        } else if ordinal {
            w.pop();
            w.push_str("ieth");
        }
        return w;
    }
    if num < 1000.0 {
        let (hundreds, rem) = ((num / 100.0).floor(), num % 100.0);
        let mut w = format!("{}{} Hundred", lead(", "), FEW[hundreds as usize]);
        if rem > 0.0 {
            w.push_str(&words(rem, true, ordinal));
        } else if ordinal {
            w.push_str("th");
        }
        return w;
    }
    let mag = ((num.log10() / 3.0).floor() as usize).min(MAGNITUDES.len());
    let factor = 10f64.powi(mag as i32 * 3);
    let mant = (num / factor).floor();
    let rem = num - mant * factor;
    let mut w = format!("{}{} {}", lead(", "), words(mant, false, false), MAGNITUDES[mag - 1]);
    if rem > 0.0 {
        w.push_str(&words(rem, true, ordinal));
    } else if ordinal {
        w.push_str("th");
    }
    w
}

/// `$parseInteger(text, picture)`: the inverse of [`format_integer`].
pub(crate) fn parse_integer(s: &str, picture: &str) -> Result<f64, Error> {
    let f = analyse_integer(picture)?;
    parse_with(s, &f)
}

/// Reads an integer written with an analysed picture.
pub(crate) fn parse_with(s: &str, f: &IntegerFormat) -> Result<f64, Error> {
    Ok(match &f.primary {
        Primary::Letters => letters_to_number(s),
        Primary::Roman => roman_to_number(s),
        Primary::Words => words_to_number(s),
        Primary::Decimal => {
            let digits: String = s
                .chars()
                .filter_map(|c| {
                    let d = (c as u32).checked_sub(f.zero).filter(|d| *d <= 9)?;
                    char::from_digit(d, 10)
                })
                .collect();
            digits.parse().unwrap_or(0.0)
        }
        Primary::Sequence(token) => return Err(Error::new("D3130", 0, token.clone())),
    })
}

fn letters_to_number(s: &str) -> f64 {
    s.chars().fold(0.0, |acc, c| {
        let base = if c.is_ascii_uppercase() { 'A' } else { 'a' };
        acc * 26.0 + f64::from((c as u32).wrapping_sub(base as u32).wrapping_add(1).min(26))
    })
}

fn roman_to_number(s: &str) -> f64 {
    let value = |c: char| match c.to_ascii_uppercase() {
        'M' => 1000.0,
        'D' => 500.0,
        'C' => 100.0,
        'L' => 50.0,
        'X' => 10.0,
        'V' => 5.0,
        'I' => 1.0,
        _ => 0.0,
    };
    let (mut total, mut max) = (0.0, 1.0);
    for c in s.chars().rev() {
        let v = value(c);
        if v < max {
            total -= v;
        } else {
            max = v;
            total += v;
        }
    }
    total
}

/// The value of a number word (cardinal or ordinal), as jsonata-js reads them.
fn word_value(w: &str) -> Option<f64> {
    let lower = |list: &[&str], w: &str| list.iter().position(|x| x.eq_ignore_ascii_case(w));
    if let Some(i) = lower(&FEW, w).or_else(|| lower(&ORDINALS, w)) {
        return Some(i as f64);
    }
    for (i, d) in DECADES.iter().enumerate() {
        let value = if *d == "Hundred" {
            100.0
        } else {
            (i as f64 + 2.0) * 10.0
        };
        let ordinal = format!("{}ieth", &d[..d.len() - 1]);
        if d.eq_ignore_ascii_case(w) || ordinal.eq_ignore_ascii_case(w) {
            return Some(value);
        }
    }
    if w.eq_ignore_ascii_case("hundredth") {
        return Some(100.0);
    }
    for (i, m) in MAGNITUDES.iter().enumerate() {
        if m.eq_ignore_ascii_case(w) || format!("{m}th").eq_ignore_ascii_case(w) {
            return Some(10f64.powi((i as i32 + 1) * 3));
        }
    }
    None
}

/// English words to a number: each word under 100 adds to the current
/// segment, "hundred" and larger multiply it (as jsonata-js's `wordsToNumber`).
fn words_to_number(text: &str) -> f64 {
    let normalized = text.replace(", ", " ").replace(" and ", " ").replace('-', " ");
    let mut segs: Vec<f64> = vec![0.0];
    for word in normalized.split_whitespace() {
        let Some(value) = word_value(word) else { continue };
        if value < 100.0 {
            let mut top = segs.pop().unwrap_or(0.0);
            if top >= 1000.0 {
                segs.push(top);
                top = 0.0;
            }
            segs.push(top + value);
        } else {
            let top = segs.pop().unwrap_or(0.0);
            segs.push(top * value);
        }
    }
    segs.iter().sum()
}

/// `$formatNumber(value, picture, options)`.
pub(crate) fn format_number<'a>(_: &mut Evaluator<'a>, args: Vec<Value<'a>>, _: &Value<'a>, _: FrameId) -> R<'a> {
    let Some(value) = arg(&args, 0).number() else {
        return Ok(Value::Undefined);
    };
    let picture = arg(&args, 1);
    let mut props = Props::default();
    if let Value::Object(o) = arg(&args, 2) {
        for (k, v) in o.iter() {
            let Some(c) = v.str().and_then(|s| s.chars().next()) else {
                continue;
            };
            match k.as_str() {
                "decimal-separator" => props.decimal = c,
                "grouping-separator" => props.grouping = c,
                "exponent-separator" => props.exponent = c,
                "minus-sign" => props.minus = v.str().unwrap_or("-").to_string(),
                "percent" => props.percent = c,
                "per-mille" => props.per_mille = c,
                "zero-digit" => props.zero = c,
                "digit" => props.digit = c,
                "pattern-separator" => props.pattern = c,
                _ => {}
            }
        }
    }
    Ok(Value::string(&NumberPicture::format(
        value,
        picture.str().unwrap_or(""),
        &props,
    )?))
}

struct Props {
    decimal: char,
    grouping: char,
    exponent: char,
    minus: String,
    percent: char,
    per_mille: char,
    zero: char,
    digit: char,
    pattern: char,
}

impl Default for Props {
    fn default() -> Props {
        Props {
            decimal: '.',
            grouping: ',',
            exponent: 'e',
            minus: "-".into(),
            percent: '%',
            per_mille: '\u{2030}',
            zero: '0',
            digit: '#',
            pattern: ';',
        }
    }
}

impl Props {
    fn is_digit(&self, c: char) -> bool {
        (self.zero as u32..self.zero as u32 + 10).contains(&(c as u32))
    }

    fn is_active(&self, c: char) -> bool {
        self.is_digit(c) || [self.decimal, self.exponent, self.grouping, self.digit, self.pattern].contains(&c)
    }
}

/// One sub-picture split into its parts.
struct Parts {
    prefix: Vec<char>,
    suffix: Vec<char>,
    active: Vec<char>,
    mantissa: Vec<char>,
    exponent: Option<Vec<char>>,
    integer: Vec<char>,
    fraction: Vec<char>,
    picture: Vec<char>,
}

#[derive(Clone)]
struct NumberPicture {
    integer_groups: Vec<usize>,
    regular: usize,
    min_integer: usize,
    scaling: usize,
    prefix: String,
    fraction_groups: Vec<usize>,
    min_fraction: usize,
    max_fraction: usize,
    min_exponent: usize,
    suffix: String,
    picture: Vec<char>,
}

/// `|v|` with `dp` decimals, in the digits starting at `zero`.
fn in_digits(v: f64, dp: usize, zero: char) -> Vec<char> {
    let shift = |c: char| {
        if c.is_ascii_digit() {
            char::from_u32(c as u32 - 0x30 + zero as u32).unwrap_or(c)
        } else {
            c
        }
    };
    format!("{:.*}", dp, v.abs()).chars().map(shift).collect()
}

fn index_of(s: &[char], c: char) -> Option<usize> {
    s.iter().position(|&x| x == c)
}

fn split_parts(p: &[char], props: &Props) -> Parts {
    let is_anchor = |c: char| props.is_active(c) && c != props.exponent;
    let prefix_len = p.iter().position(|&c| is_anchor(c)).unwrap_or(p.len());
    let suffix_start = p
        .iter()
        .rposition(|&c| is_anchor(c))
        .map_or(p.len(), |i| i + 1)
        .max(prefix_len);
    let prefix = p[..prefix_len].to_vec();
    let suffix = p[suffix_start..].to_vec();
    let active = p[prefix_len..suffix_start].to_vec();
    let exp_pos = p[prefix_len..]
        .iter()
        .position(|&c| c == props.exponent)
        .map(|i| i + prefix_len);
    let (mantissa, exponent) = match exp_pos {
        Some(e) if e <= p.len() - suffix.len() => {
            let e = (e - prefix_len).min(active.len());
            (
                active[..e].to_vec(),
                Some(active.get(e + 1..).map(<[char]>::to_vec).unwrap_or_default()),
            )
        }
        _ => (active.clone(), None),
    };
    let (integer, fraction) = match index_of(&mantissa, props.decimal) {
        Some(d) => (mantissa[..d].to_vec(), mantissa[d + 1..].to_vec()),
        None => (mantissa.clone(), suffix.clone()),
    };
    Parts {
        prefix,
        suffix,
        active,
        mantissa,
        exponent,
        integer,
        fraction,
        picture: p.to_vec(),
    }
}

fn validate(parts: &Parts, props: &Props) -> Result<(), Error> {
    let p = &parts.picture;
    let count = |c: char| p.iter().filter(|&&x| x == c).count();
    let mut error = None;
    if count(props.decimal) > 1 {
        error = Some("D3081");
    }
    if count(props.percent) > 1 {
        error = Some("D3082");
    }
    if count(props.per_mille) > 1 {
        error = Some("D3083");
    }
    if count(props.percent) > 0 && count(props.per_mille) > 0 {
        error = Some("D3084");
    }
    if !parts.mantissa.iter().any(|&c| props.is_digit(c) || c == props.digit) {
        error = Some("D3085");
    }
    if parts.active.iter().any(|&c| !props.is_active(c)) {
        error = Some("D3086");
    }
    match index_of(p, props.decimal) {
        Some(d) => {
            if (d > 0 && p[d - 1] == props.grouping) || p.get(d + 1) == Some(&props.grouping) {
                error = Some("D3087");
            }
        }
        None => {
            if parts.integer.last() == Some(&props.grouping) {
                error = Some("D3088");
            }
        }
    }
    if p.windows(2).any(|w| w[0] == props.grouping && w[1] == props.grouping) {
        error = Some("D3089");
    }
    if let Some(o) = index_of(&parts.integer, props.digit) {
        if parts.integer[..o].iter().any(|&c| props.is_digit(c)) {
            error = Some("D3090");
        }
    }
    if let Some(o) = parts.fraction.iter().rposition(|&c| c == props.digit) {
        if parts.fraction[o..].iter().any(|&c| props.is_digit(c)) {
            error = Some("D3091");
        }
    }
    if let Some(exp) = &parts.exponent {
        if !exp.is_empty() && (count(props.percent) > 0 || count(props.per_mille) > 0) {
            error = Some("D3092");
        }
        if exp.is_empty() || exp.iter().any(|&c| !props.is_digit(c)) {
            error = Some("D3093");
        }
    }
    match error {
        Some(code) => Err(Error::new(code, 0, "")),
        None => Ok(()),
    }
}

impl NumberPicture {
    fn analyse(parts: &Parts, props: &Props) -> NumberPicture {
        let digitish = |c: char| props.is_digit(c) || c == props.digit;
        // As jsonata-js: later separators are searched for in the integer part.
        let groups = |part: &[char], to_left: bool| {
            let mut out = Vec::new();
            let mut pos = index_of(part, props.grouping);
            while let Some(g) = pos {
                let side = if to_left { &part[..g] } else { &part[g..] };
                out.push(side.iter().filter(|&&c| digitish(c)).count());
                pos = parts
                    .integer
                    .iter()
                    .skip(g + 1)
                    .position(|&c| c == props.grouping)
                    .map(|i| i + g + 1);
            }
            out
        };
        let integer_groups = groups(&parts.integer, false);
        let regular = regular_interval(&integer_groups);
        let fraction_groups = groups(&parts.fraction, true);
        let mut min_integer = parts.integer.iter().filter(|&&c| props.is_digit(c)).count();
        let scaling = min_integer;
        let mut min_fraction = parts.fraction.iter().filter(|&&c| props.is_digit(c)).count();
        let mut max_fraction = parts.fraction.iter().filter(|&&c| digitish(c)).count();
        let exponent = parts.exponent.is_some();
        if min_integer == 0 && max_fraction == 0 {
            if exponent {
                min_fraction = 1;
                max_fraction = 1;
            } else {
                min_integer = 1;
            }
        }
        if exponent && min_integer == 0 && parts.integer.contains(&props.digit) {
            min_integer = 1;
        }
        if min_integer == 0 && min_fraction == 0 {
            min_fraction = 1;
        }
        let min_exponent = parts
            .exponent
            .as_ref()
            .map_or(0, |e| e.iter().filter(|&&c| props.is_digit(c)).count());
        NumberPicture {
            integer_groups,
            regular,
            min_integer,
            scaling,
            prefix: parts.prefix.iter().collect(),
            fraction_groups,
            min_fraction,
            max_fraction,
            min_exponent,
            suffix: parts.suffix.iter().collect(),
            picture: parts.picture.clone(),
        }
    }

    fn format(value: f64, picture: &str, props: &Props) -> Result<String, Error> {
        let chars: Vec<char> = picture.chars().collect();
        let subs: Vec<&[char]> = chars.split(|&c| c == props.pattern).collect();
        if subs.len() > 2 {
            return Err(Error::new("D3080", 0, ""));
        }
        let parts: Vec<Parts> = subs.iter().map(|s| split_parts(s, props)).collect();
        for p in &parts {
            validate(p, props)?;
        }
        let mut pics: Vec<NumberPicture> = parts.iter().map(|p| NumberPicture::analyse(p, props)).collect();
        if pics.len() == 1 {
            let mut negative = pics[0].clone();
            negative.prefix = format!("{}{}", props.minus, negative.prefix);
            pics.push(negative);
        }
        let pic = if value >= 0.0 { &pics[0] } else { &pics[1] };
        pic.render(value, props)
    }

    fn render(&self, value: f64, props: &Props) -> Result<String, Error> {
        let adjusted = if self.picture.contains(&props.percent) {
            value * 100.0
        } else if self.picture.contains(&props.per_mille) {
            value * 1000.0
        } else {
            value
        };
        let (mantissa, exponent) = self.scale(adjusted);
        let rounded = round_to(mantissa, self.max_fraction as i32);
        let mut s = self.digits(rounded, props);
        self.group(&mut s, props);
        let d = index_of(&s, props.decimal).unwrap_or(s.len());
        if !self.picture.contains(&props.decimal) || d + 1 == s.len() {
            s.pop();
        }
        let mut out: String = s.into_iter().collect();
        if let Some(e) = exponent {
            let mut digits: String = in_digits(f64::from(e), 0, props.zero).into_iter().collect();
            let len = digits.chars().count();
            if len < self.min_exponent {
                digits = format!("{}{digits}", props.zero.to_string().repeat(self.min_exponent - len));
            }
            out.push(props.exponent);
            if e < 0 {
                out.push_str(&props.minus);
            }
            out.push_str(&digits);
        }
        Ok(format!("{}{out}{}", self.prefix, self.suffix))
    }

    /// The mantissa and exponent, when the picture has an exponent part.
    fn scale(&self, value: f64) -> (f64, Option<i32>) {
        if self.min_exponent == 0 {
            return (value, None);
        }
        let max = 10f64.powi(self.scaling as i32);
        let min = 10f64.powi(self.scaling as i32 - 1);
        let (mut m, mut e) = (value, 0i32);
        while m < min && m != 0.0 && e > -400 {
            m *= 10.0;
            e -= 1;
        }
        while m > max && e < 400 {
            m /= 10.0;
            e += 1;
        }
        (m, Some(e))
    }

    /// The digits with a decimal separator, padded with zeros to the
    /// picture's minimum integer and fraction sizes.
    fn digits(&self, rounded: f64, props: &Props) -> Vec<char> {
        let zero = props.zero;
        let mut s = in_digits(rounded, self.max_fraction, zero);
        match index_of(&s, '.') {
            Some(d) => s[d] = props.decimal,
            None => s.push(props.decimal),
        }
        while s.first() == Some(&zero) {
            s.remove(0);
        }
        while s.last() == Some(&zero) {
            s.pop();
        }
        let d = index_of(&s, props.decimal).unwrap_or(s.len());
        let pad_left = self.min_integer.saturating_sub(d);
        let pad_right = self.min_fraction.saturating_sub(s.len() - d - 1);
        let mut padded = vec![zero; pad_left];
        padded.extend(s);
        padded.extend(std::iter::repeat_n(zero, pad_right));
        padded
    }

    /// Inserts the grouping separators, regular or at the picture's positions.
    fn group(&self, s: &mut Vec<char>, props: &Props) {
        let mut d = index_of(s, props.decimal).unwrap_or(s.len());
        if let Some(groups) = d.saturating_sub(1).checked_div(self.regular) {
            for g in 1..=groups {
                s.insert(d - g * self.regular, props.grouping);
            }
        } else {
            for &pos in &self.integer_groups {
                s.insert(d.saturating_sub(pos), props.grouping);
                d += 1;
            }
        }
        let d = index_of(s, props.decimal).unwrap_or(s.len());
        for &pos in &self.fraction_groups {
            s.insert((pos + d + 1).min(s.len()), props.grouping);
        }
    }
}
