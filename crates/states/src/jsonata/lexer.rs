//! The tokenizer: splits an expression into names, variables, literals,
//! operators and regular expressions, as jsonata-js's tokenizer does.
//! Positions are character offsets just past the token, as JSONata reports them.

use super::error::Error;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    /// A field name (bare or in backquotes).
    Name(String),
    /// `$name`; `$` alone is the empty name, `$$` is `"$"`.
    Var(String),
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Op(&'static str),
    /// A regular expression literal: its pattern and flags.
    Regex(String, String),
    End,
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub tok: Tok,
    pub position: usize,
}

/// The single-character operator `c` is, if any; operators also end a name.
fn operator(c: char) -> Option<&'static str> {
    Some(match c {
        '.' => ".",
        '[' => "[",
        ']' => "]",
        '{' => "{",
        '}' => "}",
        '(' => "(",
        ')' => ")",
        ',' => ",",
        '@' => "@",
        '#' => "#",
        ';' => ";",
        ':' => ":",
        '?' => "?",
        '+' => "+",
        '-' => "-",
        '*' => "*",
        '/' => "/",
        '%' => "%",
        '|' => "|",
        '=' => "=",
        '<' => "<",
        '>' => ">",
        '^' => "^",
        '&' => "&",
        '!' => "!",
        '~' => "~",
        _ => return None,
    })
}

/// The two-character operator starting with `a`, `b`, if any.
fn operator2(a: char, b: Option<char>) -> Option<&'static str> {
    Some(match (a, b?) {
        ('.', '.') => "..",
        (':', '=') => ":=",
        ('!', '=') => "!=",
        ('>', '=') => ">=",
        ('<', '=') => "<=",
        ('*', '*') => "**",
        ('~', '>') => "~>",
        _ => return None,
    })
}

pub(crate) struct Lexer {
    src: Vec<char>,
    pos: usize,
}

impl Lexer {
    pub(crate) fn new(source: &str) -> Lexer {
        Lexer {
            src: source.chars().collect(),
            pos: 0,
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.src.get(i).copied()
    }

    fn token(&self, tok: Tok) -> Result<Token, Error> {
        Ok(Token {
            tok,
            position: self.pos,
        })
    }

    /// The next token. `operand` says an operand may start here, where `/`
    /// begins a regular expression rather than a division.
    pub(crate) fn next(&mut self, operand: bool) -> Result<Token, Error> {
        loop {
            while self.at(self.pos).is_some_and(|c| " \t\n\r\u{b}".contains(c)) {
                self.pos += 1;
            }
            if self.at(self.pos) == Some('/') && self.at(self.pos + 1) == Some('*') {
                let start = self.pos;
                self.pos += 2;
                while !(self.at(self.pos) == Some('*') && self.at(self.pos + 1) == Some('/')) {
                    if self.pos >= self.src.len() {
                        return Err(Error::new("S0106", start, ""));
                    }
                    self.pos += 1;
                }
                self.pos += 2;
                continue;
            }
            break;
        }
        let Some(c) = self.at(self.pos) else {
            return self.token(Tok::End);
        };
        if operand && c == '/' {
            self.pos += 1;
            return self.regex();
        }
        if let Some(op) = operator2(c, self.at(self.pos + 1)) {
            self.pos += 2;
            return self.token(Tok::Op(op));
        }
        if let Some(op) = operator(c) {
            self.pos += 1;
            return self.token(Tok::Op(op));
        }
        if c == '"' || c == '\'' {
            return self.string(c);
        }
        if let Some(t) = self.number()? {
            return Ok(t);
        }
        if c == '`' {
            let start = self.pos + 1;
            let Some(end) = (start..self.src.len()).find(|&i| self.src[i] == '`') else {
                self.pos = self.src.len();
                return Err(Error::new("S0105", self.pos, ""));
            };
            self.pos = end + 1;
            return self.token(Tok::Name(self.src[start..end].iter().collect()));
        }
        self.name()
    }

    fn name(&mut self) -> Result<Token, Error> {
        let start = self.pos;
        let mut i = start;
        while let Some(ch) = self.at(i) {
            if " \t\n\r\u{b}".contains(ch) || operator(ch).is_some() {
                break;
            }
            i += 1;
        }
        self.pos = i;
        if self.src[start] == '$' {
            return self.token(Tok::Var(self.src[start + 1..i].iter().collect()));
        }
        let name: String = self.src[start..i].iter().collect();
        let tok = match name.as_str() {
            "or" => Tok::Op("or"),
            "in" => Tok::Op("in"),
            "and" => Tok::Op("and"),
            "true" => Tok::Bool(true),
            "false" => Tok::Bool(false),
            "null" => Tok::Null,
            _ => Tok::Name(name),
        };
        self.token(tok)
    }

    fn number(&mut self) -> Result<Option<Token>, Error> {
        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?
        let digits = |s: &Lexer, mut i: usize| {
            while s.at(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            i
        };
        let start = self.pos;
        let mut i = start;
        if self.at(i) == Some('-') {
            i += 1;
        }
        match self.at(i) {
            Some('0') => i += 1,
            Some('1'..='9') => i = digits(self, i),
            _ => return Ok(None),
        }
        if self.at(i) == Some('.') && self.at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i = digits(self, i + 1);
        }
        if matches!(self.at(i), Some('e' | 'E')) {
            let mut j = i + 1;
            if matches!(self.at(j), Some('+' | '-')) {
                j += 1;
            }
            if self.at(j).is_some_and(|c| c.is_ascii_digit()) {
                i = digits(self, j);
            }
        }
        let text: String = self.src[start..i].iter().collect();
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => {
                self.pos = i;
                Ok(Some(Token {
                    tok: Tok::Num(n),
                    position: self.pos,
                }))
            }
            _ => Err(Error::new("S0102", start, text)),
        }
    }

    fn string(&mut self, quote: char) -> Result<Token, Error> {
        self.pos += 1;
        let mut s = String::new();
        while let Some(c) = self.at(self.pos) {
            if c == '\\' {
                self.pos += 1;
                let e = self.at(self.pos);
                match e {
                    Some('"') => s.push('"'),
                    Some('\\') => s.push('\\'),
                    Some('/') => s.push('/'),
                    Some('b') => s.push('\u{8}'),
                    Some('f') => s.push('\u{c}'),
                    Some('n') => s.push('\n'),
                    Some('r') => s.push('\r'),
                    Some('t') => s.push('\t'),
                    Some('u') => self.unicode_escape(&mut s)?,
                    other => {
                        return Err(Error::new(
                            "S0103",
                            self.pos,
                            other.map(String::from).unwrap_or_default(),
                        ))
                    }
                }
            } else if c == quote {
                self.pos += 1;
                return self.token(Tok::Str(s));
            } else {
                s.push(c);
            }
            self.pos += 1;
        }
        Err(Error::new("S0101", self.pos, ""))
    }

    /// `\uXXXX`, joining a surrogate pair when a low half follows; a lone
    /// surrogate, which a Rust string cannot hold, becomes U+FFFD.
    fn unicode_escape(&mut self, s: &mut String) -> Result<(), Error> {
        let hex = |l: &Lexer, at: usize| -> Option<u32> {
            let t: String = l.src.get(at..at + 4)?.iter().collect();
            if t.chars().all(|c| c.is_ascii_hexdigit()) {
                u32::from_str_radix(&t, 16).ok()
            } else {
                None
            }
        };
        let Some(unit) = hex(self, self.pos + 1) else {
            return Err(Error::new("S0104", self.pos, ""));
        };
        self.pos += 4;
        if (0xD800..0xDC00).contains(&unit) && self.at(self.pos + 1) == Some('\\') && self.at(self.pos + 2) == Some('u')
        {
            if let Some(low @ 0xDC00..=0xDFFF) = hex(self, self.pos + 3) {
                self.pos += 6;
                let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                s.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                return Ok(());
            }
        }
        s.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
        Ok(())
    }

    fn regex(&mut self) -> Result<Token, Error> {
        let start = self.pos;
        let mut depth = 0i32;
        while let Some(c) = self.at(self.pos) {
            if c == '/' && depth == 0 && self.preceding_backslashes() % 2 == 0 {
                let pattern: String = self.src[start..self.pos].iter().collect();
                if pattern.is_empty() {
                    return Err(Error::new("S0301", self.pos, ""));
                }
                self.pos += 1;
                let fstart = self.pos;
                while matches!(self.at(self.pos), Some('i' | 'm')) {
                    self.pos += 1;
                }
                let flags: String = self.src[fstart..self.pos].iter().collect();
                return self.token(Tok::Regex(pattern, flags));
            }
            let escaped = self.pos > 0 && self.src[self.pos - 1] == '\\';
            if "([{".contains(c) && !escaped {
                depth += 1;
            }
            if ")]}".contains(c) && !escaped {
                depth -= 1;
            }
            self.pos += 1;
        }
        Err(Error::new("S0302", self.pos, ""))
    }

    fn preceding_backslashes(&self) -> usize {
        self.src[..self.pos].iter().rev().take_while(|&&c| c == '\\').count()
    }
}

impl Lexer {
    /// The source from character `start` on (for a function signature).
    pub(crate) fn raw_from(&self, start: usize) -> &[char] {
        &self.src[start.min(self.src.len())..]
    }

    /// Continues tokenizing from character `pos`.
    pub(crate) fn seek(&mut self, pos: usize) {
        self.pos = pos.min(self.src.len());
    }
}
