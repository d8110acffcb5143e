//! The YAML writer: block mappings and sequences, long-form intrinsics, and
//! each string in the one style that reads back as exactly that string.
//!
//! The layout is libyaml's (the emitter behind the `serde_yaml` output rcdk
//! wrote before): two-space indents, sequences inside mappings not indented,
//! `{}` and `[]` for empty collections, plain scalars where possible, then
//! single quotes, then double quotes with escapes, and literal blocks (`|-`)
//! for multi-line text. What differs is quoting: a string that a YAML 1.1 or
//! 1.2 reader would take for another type is always quoted.

use serde_json::{Map, Value as Json};

use super::resolve::implicit_type;

/// YAML readers limit a simple (implicit) key to 1024 characters on one line.
const MAX_SIMPLE_KEY: usize = 1024;

/// The template (or any JSON value) as a YAML document.
pub(super) fn document(value: &Json) -> String {
    let mut w = Writer {
        out: String::with_capacity(4096),
    };
    match value {
        Json::Object(map) if !map.is_empty() => w.mapping(map, 0, false),
        Json::Array(seq) if !seq.is_empty() => w.sequence(seq, 0, false),
        scalar => {
            w.scalar(scalar, 2);
            w.out.push('\n');
        }
    }
    w.out
}

struct Writer {
    out: String,
}

impl Writer {
    fn indent(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    /// Entries at `indent`; the first one continues the current line after
    /// a sequence's `- ` when `inline` is set.
    fn mapping(&mut self, map: &Map<String, Json>, indent: usize, inline: bool) {
        for (i, (key, value)) in map.iter().enumerate() {
            if i > 0 || !inline {
                self.indent(indent);
            }
            if key.len() > MAX_SIMPLE_KEY || key.contains(is_break) {
                self.out.push_str("? ");
                self.string(key, Style::Double, indent + 2);
                self.out.push('\n');
                self.indent(indent);
                self.out.push(':');
                self.value(value, indent, true);
            } else {
                self.string(key, key_style(key), indent + 2);
                self.out.push(':');
                self.value(value, indent, false);
            }
        }
    }

    /// A mapping's value after its `:`: scalars on the same line, collections
    /// on the next (a sequence at the key's own indent, as libyaml writes it).
    fn value(&mut self, value: &Json, indent: usize, explicit_key: bool) {
        match value {
            Json::Object(map) if !map.is_empty() => {
                self.out.push('\n');
                self.mapping(map, indent + 2, false);
            }
            Json::Array(seq) if !seq.is_empty() => {
                self.out.push('\n');
                self.sequence(seq, if explicit_key { indent + 2 } else { indent }, false);
            }
            scalar => {
                self.out.push(' ');
                self.scalar(scalar, indent + 2);
                self.out.push('\n');
            }
        }
    }

    fn sequence(&mut self, seq: &[Json], indent: usize, inline: bool) {
        for (i, item) in seq.iter().enumerate() {
            if i > 0 || !inline {
                self.indent(indent);
            }
            self.out.push_str("- ");
            match item {
                Json::Object(map) if !map.is_empty() => self.mapping(map, indent + 2, true),
                Json::Array(inner) if !inner.is_empty() => self.sequence(inner, indent + 2, true),
                scalar => {
                    self.scalar(scalar, indent + 2);
                    self.out.push('\n');
                }
            }
        }
    }

    /// A scalar or an empty collection; `block_indent` is where a literal
    /// block's lines go.
    fn scalar(&mut self, value: &Json, block_indent: usize) {
        match value {
            Json::Null => self.out.push_str("null"),
            Json::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => self.out.push_str(&n.to_string()),
            Json::String(s) => self.string(s, value_style(s), block_indent),
            Json::Array(_) => self.out.push_str("[]"),
            Json::Object(_) => self.out.push_str("{}"),
        }
    }

    fn string(&mut self, s: &str, style: Style, block_indent: usize) {
        match style {
            Style::Plain => self.out.push_str(s),
            Style::Single => {
                self.out.push('\'');
                self.out.push_str(&s.replace('\'', "''"));
                self.out.push('\'');
            }
            Style::Double => self.double_quoted(s),
            Style::Literal => self.literal(s, block_indent),
        }
    }

    fn double_quoted(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match escape(c) {
                Some(esc) => self.out.push_str(&esc),
                None => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    /// `|` with libyaml's hints: an indentation indicator when the text
    /// starts with a space or line break, and a chomping indicator (`-` for
    /// no final line break, `+` for more than one).
    fn literal(&mut self, s: &str, indent: usize) {
        self.out.push('|');
        if s.starts_with([' ', '\n']) {
            self.out.push('2');
        }
        if !s.ends_with('\n') {
            self.out.push('-');
        } else if s == "\n" || s.ends_with("\n\n") {
            self.out.push('+');
        }
        let body = s.strip_suffix('\n').unwrap_or(s);
        for line in body.split('\n') {
            self.out.push('\n');
            if !line.is_empty() {
                self.indent(indent);
                self.out.push_str(line);
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

fn key_style(s: &str) -> Style {
    match value_style(s) {
        Style::Literal => Style::Double,
        style => style,
    }
}

fn value_style(s: &str) -> Style {
    let a = Analysis::of(s);
    if a.odd_break {
        // Readers normalize these breaks inside plain, single-quoted and
        // block scalars; only escapes carry them through.
        return Style::Double;
    }
    if a.newline {
        return if a.block { Style::Literal } else { Style::Double };
    }
    if a.plain && implicit_type(s).is_none() {
        Style::Plain
    } else if a.single {
        Style::Single
    } else {
        Style::Double
    }
}

/// libyaml's scalar analysis for block context: which styles can carry the
/// text without changing it, and which line breaks it holds.
#[derive(Debug, PartialEq, Eq)]
struct Analysis {
    plain: bool,
    single: bool,
    block: bool,
    /// A `\n`.
    newline: bool,
    /// A break other than `\n` (`\r`, NEL, LS, PS).
    odd_break: bool,
}

impl Analysis {
    fn of(s: &str) -> Self {
        // Most template strings (names, types, ARNs' parts, paths) hold only
        // these bytes: no blank, break or special character, so no walk is
        // needed. Without blanks, `:` is an indicator only at the end, and
        // `-` only alone.
        let safe = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'-' | b':');
        if !s.is_empty() && s.bytes().all(safe) {
            let indicators = s.starts_with("---") || s.starts_with("...") || s == "-" || s.ends_with(':');
            return Analysis {
                plain: !indicators,
                single: true,
                block: true,
                newline: false,
                odd_break: false,
            };
        }
        Analysis::walk(s)
    }

    /// The analysis of any text, a character at a time.
    fn walk(s: &str) -> Self {
        let mut indicators = s.starts_with("---") || s.starts_with("...");
        let (mut newline, mut odd_break) = (false, false);
        let (mut special, mut break_space, mut space_break) = (false, false, false);
        let mut prev: Option<char> = None;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            let before_blank = prev.is_none_or(is_blank);
            let after_blank = chars.peek().is_none_or(|&n| is_blank(n));
            indicators |= match prev {
                None => "#,[]{}&*!|>'\"%@`".contains(c) || (matches!(c, '?' | ':' | '-') && after_blank),
                Some(_) => (c == ':' && after_blank) || (c == '#' && before_blank),
            };
            special |= !is_printable(c);
            newline |= c == '\n';
            odd_break |= is_break(c) && c != '\n';
            if let Some(p) = prev {
                break_space |= c == ' ' && is_break(p);
                space_break |= is_break(c) && p == ' ';
            }
            prev = Some(c);
        }
        let breaks = newline || odd_break;
        let edge_space = s.starts_with(' ') || s.ends_with(' ');
        let edge_break = s.starts_with(is_break) || s.ends_with(is_break);
        Analysis {
            plain: !(indicators || breaks || special || edge_space || edge_break || break_space || space_break),
            single: !(break_space || space_break || special),
            block: !(s.ends_with(' ') || space_break || special),
            newline,
            odd_break,
        }
    }
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t' || is_break(c)
}

/// libyaml's printable set: what may appear unescaped in a scalar.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..) && c != '\u{FEFF}'
}

fn escape(c: char) -> Option<String> {
    let short = match c {
        '\0' => "\\0",
        '\u{7}' => "\\a",
        '\u{8}' => "\\b",
        '\t' => "\\t",
        '\n' => "\\n",
        '\u{B}' => "\\v",
        '\u{C}' => "\\f",
        '\r' => "\\r",
        '\u{1B}' => "\\e",
        '"' => "\\\"",
        '\\' => "\\\\",
        '\u{85}' => "\\N",
        '\u{2028}' => "\\L",
        '\u{2029}' => "\\P",
        c if is_printable(c) => return None,
        c if (c as u32) <= 0xFF => return Some(format!("\\x{:02X}", c as u32)),
        c if (c as u32) <= 0xFFFF => return Some(format!("\\u{:04X}", c as u32)),
        c => return Some(format!("\\U{:08X}", c as u32)),
    };
    Some(short.to_owned())
}

#[cfg(test)]
mod tests {
    use super::Analysis;

    /// The fast path must agree with the character walk on every string it
    /// takes: all strings up to four characters over an alphabet of its
    /// bytes and the characters that end it.
    #[test]
    fn the_fast_path_agrees_with_the_walk() {
        let alphabet = [
            'a', '7', '_', '.', '/', '-', ':', ' ', '#', '\n', '\r', '\u{85}', '\'', '?',
        ];
        let mut strings = vec![String::new()];
        let mut checked = 0;
        for _ in 0..4 {
            let mut longer = Vec::new();
            for s in &strings {
                for c in alphabet {
                    let t = format!("{s}{c}");
                    assert_eq!(Analysis::of(&t), Analysis::walk(&t), "{t:?}");
                    checked += 1;
                    longer.push(t);
                }
            }
            strings = longer;
        }
        for t in ["---x", "...", "a:b", "a:", "-", "-a", "Fn::GetAtt", "arn:aws:s3:::b"] {
            assert_eq!(Analysis::of(t), Analysis::walk(t), "{t:?}");
        }
        assert_eq!(checked, 14 + 14 * 14 + 14 * 14 * 14 + 14 * 14 * 14 * 14);
    }
}
