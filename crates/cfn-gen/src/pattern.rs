//! Translates a registry schema `pattern` (ECMA-262 as JSON Schema says, read
//! by cfn-lint with Python's regex engine) into the syntax of `regex-lite`,
//! the engine synthesis checks literal values with.
//!
//! Where the flavours differ the translation follows the more permissive
//! reading, so a check never rejects what cfn-lint accepts: `\s` includes the
//! Unicode spaces ECMA-262 lists, `\S` in a class stays ASCII. (That `$` also
//! matches before a final newline in Python and Java is the checker's job: it
//! retries without the newline.) A construct `regex-lite` cannot express (lookaround,
//! backreferences, Unicode property classes, possessive quantifiers, surrogate
//! code points) makes the pattern untranslatable: it is not checked, and the
//! generated report lists it with the reason.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The white space `\s` matches in ECMA-262 (beyond ASCII's `\t\n\v\f\r `).
const JS_SPACE: &str = r"\s\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// A pattern in `regex-lite` syntax: a value matches when `regex` and every
/// `also` match and no `not` does.
#[derive(Clone, Debug, PartialEq)]
pub struct Translation {
    pub regex: String,
    pub also: Vec<String>,
    pub not: Vec<String>,
}

/// The `regex-lite` form of `pattern`, or why there is none.
///
/// Lookaheads right after a leading `^` (`^(?!aws:)...`, the usual way to
/// forbid a prefix) become separate patterns checked from the start; a
/// trailing `(?![\s\S])` is the end of the text.
pub fn translate(pattern: &str) -> Result<Translation, String> {
    // Registry schemas repeat their patterns (8,874 uses of 3,035 patterns).
    static CACHE: OnceLock<Mutex<HashMap<String, Result<Translation, String>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(t) = cache.lock().ok().and_then(|c| c.get(pattern).cloned()) {
        return t;
    }
    let t = translate_uncached(pattern);
    if let Ok(mut c) = cache.lock() {
        c.insert(pattern.to_owned(), t.clone());
    }
    t
}

fn translate_uncached(pattern: &str) -> Result<Translation, String> {
    let mut rest = pattern;
    let mut also = Vec::new();
    let mut not = Vec::new();
    if let Some(after) = rest.strip_prefix('^') {
        let mut after = after;
        while let Some((negative, inner, tail)) = leading_lookahead(after) {
            let r = format!("^(?:{})", rewrite(inner)?);
            compile(&r)?;
            if negative {
                not.push(r);
            } else {
                also.push(r);
            }
            after = tail;
        }
        if !also.is_empty() || !not.is_empty() {
            rest = after;
        }
    }
    let body = rest
        .strip_suffix(r"(?![\s\S])")
        .map(|b| format!(r"{b}\z"))
        .unwrap_or_else(|| rest.to_owned());
    let prefix = if also.is_empty() && not.is_empty() { "" } else { "^" };
    let regex = format!("{prefix}{}", rewrite(&body)?);
    compile(&regex)?;
    Ok(Translation { regex, also, not })
}

fn compile(r: &str) -> Result<(), String> {
    regex_lite::Regex::new(r)
        .map(|_| ())
        .map_err(|e| format!("regex-lite rejects the translation: {}", first_line(&e.to_string())))
}

/// `(?!X)rest` or `(?=X)rest`: (negative, X, rest).
fn leading_lookahead(s: &str) -> Option<(bool, &str, &str)> {
    let negative = if s.starts_with("(?!") {
        true
    } else if s.starts_with("(?=") {
        false
    } else {
        return None;
    };
    let mut depth = 0;
    let mut escaped = false;
    let mut in_class = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return Some((negative, &s[3..i], &s[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

fn first_line(s: &str) -> String {
    s.lines()
        .find(|l| l.contains("error"))
        .unwrap_or_else(|| s.lines().next().unwrap_or(""))
        .trim()
        .to_owned()
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    /// Nothing yet in the class (just after `[` or `[^`).
    Start,
    /// A single character, which may start a range.
    Char,
    /// A class escape or a finished range: a `-` after it is literal.
    Set,
}

fn rewrite(p: &str) -> Result<String, String> {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    let mut last = Last::Start;
    // Where the current class's items start in `out`, and whether it is negated.
    let mut class_start = 0;
    let mut negated = false;
    // Whether the previous token outside a class was a quantifier.
    let mut prev_quantifier = false;
    while i < chars.len() {
        let c = chars[i];
        if in_class {
            match c {
                ']' if out.len() == class_start => {
                    // `[]...]`: a literal `]` first, as in Python.
                    out.push_str(r"\]");
                    last = Last::Char;
                }
                ']' => {
                    out.push(']');
                    in_class = false;
                }
                '\\' => {
                    let (text, kind, used) = class_escape(&chars, i, negated)?;
                    out.push_str(&text);
                    i += used;
                    last = kind;
                    continue;
                }
                '-' => {
                    let next = chars.get(i + 1).copied();
                    let next_is_set =
                        next == Some('\\') && matches!(chars.get(i + 2), Some('d' | 'D' | 'w' | 'W' | 's' | 'S'));
                    if last != Last::Char || next == Some(']') || next.is_none() || next_is_set {
                        out.push_str(r"\-");
                        last = Last::Char;
                    } else {
                        // A range: the next character closes it.
                        out.push('-');
                        i += 1;
                        match chars.get(i) {
                            Some('\\') => {
                                let (text, kind, used) = class_escape(&chars, i, negated)?;
                                if kind != Last::Char {
                                    return Err("a range ends in a class escape".into());
                                }
                                out.push_str(&text);
                                i += used;
                            }
                            Some(&ch) => {
                                push_class_char(&mut out, ch);
                                i += 1;
                            }
                            None => return Err("unterminated character class".into()),
                        }
                        last = Last::Set;
                        continue;
                    }
                }
                _ => {
                    push_class_char(&mut out, c);
                    last = Last::Char;
                }
            }
            i += 1;
            continue;
        }
        // A quantifier right after a quantifier: `+` makes it possessive
        // (unsupported), `?` makes it lazy (kept).
        if prev_quantifier && c == '+' {
            return Err("possessive quantifier".into());
        }
        if prev_quantifier && c == '?' {
            out.push('?');
            prev_quantifier = false;
            i += 1;
            continue;
        }
        prev_quantifier = false;
        match c {
            '\\' => {
                let (text, used) = escape(&chars, i)?;
                out.push_str(&text);
                i += used;
                continue;
            }
            '[' => {
                in_class = true;
                last = Last::Start;
                out.push('[');
                negated = chars.get(i + 1) == Some(&'^');
                if negated {
                    out.push('^');
                    i += 1;
                }
                class_start = out.len();
                if chars.get(i + 1) == Some(&']') && chars.get(i + 2).is_none() {
                    return Err("empty character class".into());
                }
            }
            '(' => {
                if chars.get(i + 1) == Some(&'?') {
                    let rest: String = chars[i + 2..].iter().take(3).collect();
                    if rest.starts_with('=')
                        || rest.starts_with('!')
                        || rest.starts_with("<=")
                        || rest.starts_with("<!")
                    {
                        return Err("lookaround".into());
                    }
                    if rest.starts_with('>') {
                        return Err("atomic group".into());
                    }
                    if rest.starts_with('#') {
                        return Err("inline comment".into());
                    }
                    if rest.starts_with(':') || rest.starts_with('<') || rest.starts_with('P') {
                        out.push_str("(?");
                        i += 2;
                        continue;
                    }
                    // Inline flags: only those both engines read alike.
                    let flags: String = chars[i + 2..].iter().take_while(|c| **c != ')' && **c != ':').collect();
                    if flags.chars().all(|f| matches!(f, 'i' | 'm' | 's' | '-')) && !flags.is_empty() {
                        out.push_str("(?");
                        i += 2;
                        continue;
                    }
                    return Err(format!("inline flags (?{flags}"));
                }
                out.push('(');
            }
            '{' => match repetition(&chars, i) {
                Some((text, used)) => {
                    out.push_str(&text);
                    i += used;
                    prev_quantifier = true;
                    continue;
                }
                None => out.push_str(r"\{"),
            },
            '}' => out.push_str(r"\}"),
            '*' | '+' | '?' => {
                out.push(c);
                prev_quantifier = true;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if in_class {
        return Err("unterminated character class".into());
    }
    Ok(out)
}

/// `{n}`, `{n,}`, `{n,m}` (and Python's `{,m}`) at `i`: its text and length.
fn repetition(chars: &[char], i: usize) -> Option<(String, usize)> {
    let end = chars[i..].iter().position(|c| *c == '}')? + i;
    let body: String = chars[i + 1..end].iter().collect();
    let (a, b) = match body.split_once(',') {
        Some((a, b)) => (a, Some(b)),
        None => (body.as_str(), None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let text = match b {
        None if digits(a) => format!("{{{a}}}"),
        Some("") if digits(a) => format!("{{{a},}}"),
        Some(b) if digits(b) && (a.is_empty() || digits(a)) => {
            format!("{{{},{b}}}", if a.is_empty() { "0" } else { a })
        }
        _ => return None,
    };
    Some((text, end - i + 1))
}

fn push_class_char(out: &mut String, c: char) {
    match c {
        '[' | '&' | '~' | '-' | '^' => {
            out.push('\\');
            out.push(c);
        }
        _ => out.push(c),
    }
}

fn hex(chars: &[char], from: usize, n: usize) -> Option<u32> {
    let s: String = chars.get(from..from + n)?.iter().collect();
    if s.len() != n || !s.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(&s, 16).ok()
}

/// A character escape (`\n`, `\x41`, `\u00e9`, `\.`) at `i`, as a Rust
/// regex literal, and its length; `None` for class escapes and assertions.
fn char_escape(chars: &[char], i: usize) -> Result<Option<(String, usize)>, String> {
    let Some(&c) = chars.get(i + 1) else {
        return Err("trailing backslash".into());
    };
    Ok(Some(match c {
        'n' | 'r' | 't' | 'f' | 'v' => (format!("\\{c}"), 2),
        '0' if !chars.get(i + 2).is_some_and(char::is_ascii_digit) => (r"\x00".into(), 2),
        '1'..='9' | '0' => return Err("backreference or octal escape".into()),
        'x' => match hex(chars, i + 2, 2) {
            Some(v) => (format!("\\x{{{v:X}}}"), 4),
            None => return Err("malformed \\x escape".into()),
        },
        'u' => match hex(chars, i + 2, 4) {
            Some(v) if char::from_u32(v).is_some() => (format!("\\x{{{v:X}}}"), 6),
            Some(_) => return Err("surrogate code point".into()),
            None => return Err("\\u escape without four hex digits".into()),
        },
        'c' => return Err("control escape".into()),
        'k' => return Err("named backreference".into()),
        'Q' | 'E' => return Err("quoting escape".into()),
        // Rust reads these as word boundaries; ECMA-262 as the characters.
        '<' | '>' => (c.to_string(), 2),
        c if c.is_ascii_alphanumeric() => return Ok(None),
        c if c.is_ascii() => (format!("\\{c}"), 2),
        c => (c.to_string(), 2),
    }))
}

/// An escape outside a character class.
fn escape(chars: &[char], i: usize) -> Result<(String, usize), String> {
    if let Some(e) = char_escape(chars, i)? {
        return Ok(e);
    }
    let c = chars[i + 1];
    Ok(match c {
        'd' | 'D' | 'w' | 'W' | 'b' | 'B' => (format!("\\{c}"), 2),
        's' => (format!("[{JS_SPACE}]"), 2),
        'S' => (format!("[^{JS_SPACE}]"), 2),
        // Python's anchors.
        'A' => (r"\A".into(), 2),
        'Z' | 'z' => (r"\z".into(), 2),
        'p' | 'P' => {
            let (members, used) = property_class(chars, i)?;
            (format!("[{members}]"), used)
        }
        _ => return Err(format!("unsupported escape \\{c}")),
    })
}

/// An escape inside a character class: its text, what it is, and its length.
fn class_escape(chars: &[char], i: usize, negated: bool) -> Result<(String, Last, usize), String> {
    if chars.get(i + 1) == Some(&'b') {
        // `[\b]` is a backspace.
        return Ok((r"\x08".into(), Last::Char, 2));
    }
    if let Some((text, used)) = char_escape(chars, i)? {
        return Ok((text, Last::Char, used));
    }
    let c = chars[i + 1];
    Ok(match c {
        'p' | 'P' if negated => return Err("Unicode property class in a negated class".into()),
        'p' | 'P' => {
            let (members, used) = property_class(chars, i)?;
            (members, Last::Set, used)
        }
        'd' | 'D' | 'w' | 'W' => (format!("\\{c}"), Last::Set, 2),
        's' => (JS_SPACE.to_owned(), Last::Set, 2),
        // Inside a class `\S` stays ASCII-negated: a little more permissive.
        'S' => (r"\S".into(), Last::Set, 2),
        _ => return Err(format!("unsupported escape \\{c} in a character class")),
    })
}

/// The ASCII members of a Unicode property class or its complement, as
/// class items, plus every non-ASCII character: `regex-lite` has no Unicode
/// tables, so the class is checked exactly on ASCII and lets anything else
/// through (never stricter than the original).
fn property_class(chars: &[char], i: usize) -> Result<(String, usize), String> {
    let negated = chars[i + 1] == 'P';
    let (name, used) = if chars.get(i + 2) == Some(&'{') {
        let end = chars[i..].iter().position(|c| *c == '}').ok_or("unterminated \\p{")? + i;
        (chars[i + 3..end].iter().collect::<String>(), end - i + 1)
    } else {
        (chars.get(i + 2).map(|c| c.to_string()).unwrap_or_default(), 3)
    };
    let ranges: &[(u8, u8)] = match name.as_str() {
        "L" | "Letter" | "Alpha" | "Alphabetic" => &[(b'A', b'Z'), (b'a', b'z')],
        "Lu" | "Upper" | "Uppercase_Letter" => &[(b'A', b'Z')],
        "Ll" | "Lower" | "Lowercase_Letter" => &[(b'a', b'z')],
        "Lt" | "Lm" | "Lo" | "M" | "Mn" | "Mc" | "Me" | "Nl" | "No" | "Zl" | "Zp" | "Cf" | "Co" | "Cs" | "Cn" => &[],
        "N" | "Nd" | "Digit" | "Number" => &[(b'0', b'9')],
        "Alnum" => &[(b'0', b'9'), (b'A', b'Z'), (b'a', b'z')],
        "Z" | "Zs" | "Separator" => &[(b' ', b' ')],
        "Space" | "White_Space" => &[(9, 13), (b' ', b' ')],
        "P" | "Punctuation" => &[
            (0x21, 0x23),
            (0x25, 0x2A),
            (0x2C, 0x2F),
            (0x3A, 0x3B),
            (0x3F, 0x40),
            (0x5B, 0x5D),
            (0x5F, 0x5F),
            (0x7B, 0x7B),
            (0x7D, 0x7D),
        ],
        "S" | "Symbol" => &[
            (0x24, 0x24),
            (0x2B, 0x2B),
            (0x3C, 0x3E),
            (0x5E, 0x5E),
            (0x60, 0x60),
            (0x7C, 0x7C),
            (0x7E, 0x7E),
        ],
        "Punct" => &[(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
        "C" | "Cc" | "Control" | "Cntrl" => &[(0, 0x1F), (0x7F, 0x7F)],
        "Graph" => &[(0x21, 0x7E)],
        "Print" => &[(0x20, 0x7E)],
        "ASCII" => &[(0, 0x7F)],
        other => return Err(format!("Unicode property class \\p{{{other}}}")),
    };
    let mut set = [false; 128];
    for &(a, b) in ranges {
        for c in a..=b {
            set[c as usize] = !negated;
        }
    }
    if negated {
        for (c, s) in set.iter_mut().enumerate() {
            *s = !ranges.iter().any(|&(a, b)| (a as usize..=b as usize).contains(&c));
        }
    }
    let mut out = String::new();
    let mut c = 0;
    while c < 128 {
        if set[c] {
            let start = c;
            while c + 1 < 128 && set[c + 1] {
                c += 1;
            }
            if start == c {
                out.push_str(&format!("\\x{{{start:X}}}"));
            } else {
                out.push_str(&format!("\\x{{{start:X}}}-\\x{{{c:X}}}"));
            }
        }
        c += 1;
    }
    // Non-ASCII: exact only for the ASCII class itself.
    if name != "ASCII" || negated {
        out.push_str(r"\x{80}-\x{10FFFF}");
    }
    Ok((out, used))
}

#[cfg(test)]
mod tests {
    use super::translate;

    fn matches(pattern: &str, text: &str) -> bool {
        let t = translate(pattern).unwrap();
        let m = |r: &str| regex_lite::Regex::new(r).unwrap().is_match(text);
        m(&t.regex) && t.also.iter().all(|r| m(r)) && !t.not.iter().any(|r| m(r))
    }

    #[test]
    fn common_registry_patterns() {
        assert!(matches(r"^[a-zA-Z0-9_-]{1,256}$", "my-topic"));
        assert!(!matches(r"^[a-zA-Z0-9_-]{1,256}$", "my topic!"));
        assert!(matches(
            r"^arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$",
            "arn:aws:iam::123456789012:role/x"
        ));
        assert!(matches(r"^[\w+=,.@-]+$", "a.b@c"));
        assert!(matches(r"^[\u0020-\uD7FF\uE000-\uFFFD\t\n\r]*$", "héllo"));
        assert!(matches(r"^[\s\S]{0,2048}$", "any\ntext"));
        assert!(matches(r"^[0-9]{,3}$", "12"));
        assert!(matches(r"^\{.*\}$", "{a}"));
        assert!(matches(r"^[^]a]+$", "bcd"));
        assert!(matches(r"^[+--]$", ","));
    }

    #[test]
    fn js_white_space() {
        assert!(matches(r"^\s$", "\u{a0}"));
        assert!(!matches(r"^\S$", "\u{a0}"));
    }

    #[test]
    fn leading_lookaheads() {
        assert!(matches(r"^(?!aws:)[a-zA-Z+-=._:/]+$", "team"));
        assert!(!matches(r"^(?!aws:)[a-zA-Z+-=._:/]+$", "aws:team"));
        assert!(!matches(r"^(?!aws:)(?!memorydb:)[a-z:]{1,128}$", "memorydb:x"));
        assert!(!matches(r"^(?!\s*$).+$", "   "));
        assert!(matches(r"^\S([\s\S]*\S)?(?![\s\S])", "a b"));
        assert!(!matches(r"^\S([\s\S]*\S)?(?![\s\S])", "a b "));
    }

    #[test]
    fn unicode_classes_are_exact_on_ascii_and_open_beyond() {
        let p = r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";
        assert!(matches(p, "Team name_1"));
        assert!(matches(p, "équipe"));
        assert!(!matches(p, "team!"));
        assert!(matches(r"^\P{C}+$", "ok"));
        assert!(!matches(r"^\P{C}+$", "no\u{7}"));
    }

    #[test]
    fn what_cannot_be_translated() {
        for (p, why) in [
            (r"^a(?!b)c$", "lookaround"),
            (r"^(a)\1$", "backreference"),
            (r"^[^\p{L}]+$", "Unicode property"),
            (r"^a++$", "possessive"),
            (r"^[\uD800-\uDBFF]$", "surrogate"),
        ] {
            let e = translate(p).unwrap_err();
            assert!(e.contains(why), "{p}: {e}");
        }
    }
}
