//! Regular expression literals (`/ab+c/i`): JavaScript syntax translated to
//! `regex-lite`'s, and JSONata's way of stepping through matches.
//! Lookaround and backreferences, which `regex-lite` (a linear-time engine)
//! lacks, are refused when the expression is parsed (`S0303`).

use super::error::Error;

#[derive(Debug)]
pub(crate) struct Regex {
    re: regex_lite::Regex,
    /// The pattern as written, for messages.
    pub source: String,
    position: usize,
}

/// One match: byte offsets into the string and the capture groups
/// (an unmatched group is the empty string, as JSONata reports it).
#[derive(Debug)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub groups: Vec<String>,
}

/// The most matches one call steps through, so a huge string cannot keep
/// the evaluator busy beyond its step budget.
const MAX_MATCHES: usize = 1_000_000;

impl Regex {
    pub(crate) fn new(pattern: &str, flags: &str, position: usize) -> Result<Regex, Error> {
        let translated = translate(pattern).map_err(|why| Error::new("S0303", position, why))?;
        let mut prefix = String::new();
        if flags.contains('i') {
            prefix.push_str("(?i)");
        }
        if flags.contains('m') {
            prefix.push_str("(?m)");
        }
        let re = regex_lite::Regex::new(&format!("{prefix}{translated}"))
            .map_err(|e| Error::new("S0303", position, format!("/{pattern}/: {e}")))?;
        Ok(Regex {
            re,
            source: pattern.to_string(),
            position,
        })
    }

    /// The first match at or after byte `from`.
    pub(crate) fn find_at(&self, s: &str, from: usize) -> Option<Match> {
        let caps = self.re.captures_at(s, from)?;
        let m = caps.get(0)?;
        let groups = (1..caps.len())
            .map(|i| caps.get(i).map_or(String::new(), |g| g.as_str().to_string()))
            .collect();
        Some(Match {
            start: m.start(),
            end: m.end(),
            text: m.as_str().to_string(),
            groups,
        })
    }

    /// Up to `limit` successive matches, as JSONata's matcher yields them:
    /// after the first, a match of the empty string is an error (`D1004`),
    /// since it would never advance.
    pub(crate) fn matches(&self, s: &str, limit: Option<usize>) -> Result<Vec<Match>, Error> {
        let limit = limit.unwrap_or(usize::MAX).min(MAX_MATCHES);
        let mut out = Vec::new();
        if limit == 0 {
            return Ok(out);
        }
        let Some(first) = self.find_at(s, 0) else {
            return Ok(out);
        };
        let mut last = first.end;
        out.push(first);
        while out.len() < limit && last < s.len() {
            let Some(m) = self.find_at(s, last) else { break };
            if m.text.is_empty() {
                return Err(Error::new("D1004", self.position, self.source.clone()));
            }
            last = m.end;
            out.push(m);
        }
        Ok(out)
    }
}

/// Rewrites the JavaScript pattern syntax that `regex-lite` reads
/// differently, and refuses what it cannot run.
fn translate(p: &str) -> Result<String, String> {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&e) = chars.get(i + 1) else {
                    return Err("a pattern cannot end with \\".into());
                };
                i += 2;
                match e {
                    '1'..='9' if !in_class => return Err("backreferences are not supported".into()),
                    'u' => {
                        let hex: String = chars.get(i..i + 4).map(|h| h.iter().collect()).unwrap_or_default();
                        if hex.len() == 4 && hex.chars().all(|h| h.is_ascii_hexdigit()) {
                            out.push_str(&format!("\\x{{{hex}}}"));
                            i += 4;
                        } else {
                            out.push('u');
                        }
                    }
                    'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'b' | 'B' | 'n' | 'r' | 't' | 'f' | 'v' | 'x' => {
                        out.push('\\');
                        out.push(e);
                    }
                    '/' => out.push('/'),
                    e if e.is_ascii_alphanumeric() => out.push(e),
                    e => {
                        out.push('\\');
                        out.push(e);
                    }
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A `]` first in a class is a literal in both, but `regex-lite`
                // also reads `[` inside as a nested class: escape it.
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            '[' => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '(' if !in_class && chars.get(i + 1) == Some(&'?') => match chars.get(i + 2) {
                Some('=') | Some('!') => return Err("lookahead is not supported".into()),
                Some('<') if matches!(chars.get(i + 3), Some('=') | Some('!')) => {
                    return Err("lookbehind is not supported".into())
                }
                Some('<') => {
                    out.push_str("(?P<");
                    i += 3;
                    continue;
                }
                _ => out.push('('),
            },
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(pattern: &str, flags: &str, s: &str) -> Option<(String, Vec<String>)> {
        Regex::new(pattern, flags, 0)
            .unwrap()
            .find_at(s, 0)
            .map(|m| (m.text, m.groups))
    }

    #[test]
    fn reads_javascript_syntax() {
        assert_eq!(first(r"a\/b", "", "xa/b"), Some(("a/b".into(), vec![])));
        assert_eq!(
            first(r"(?<year>\d{4})", "", "in 2024"),
            Some(("2024".into(), vec!["2024".into()]))
        );
        assert_eq!(first(r"\u0041+", "", "zAAz"), Some(("AA".into(), vec![])));
        assert_eq!(first("[]a]+", "", "x]a]"), Some(("]a]".into(), vec![])));
        assert_eq!(first("[a-c&&]+", "", "b&c"), Some(("b&c".into(), vec![])));
        assert_eq!(first("HELLO", "i", "say hello"), Some(("hello".into(), vec![])));
        assert_eq!(first("^b", "m", "a\nb"), Some(("b".into(), vec![])));
        assert_eq!(first("(x)?y", "", "y"), Some(("y".into(), vec![String::new()])));
    }

    #[test]
    fn refuses_what_it_cannot_run() {
        for p in [r"(?=a)", r"(?!a)", r"(?<=a)b", r"(a)\1"] {
            assert_eq!(Regex::new(p, "", 3).unwrap_err().code(), "S0303", "{p}");
        }
    }

    #[test]
    fn steps_through_matches_as_jsonata() {
        let re = Regex::new("a*", "", 0).unwrap();
        assert_eq!(re.matches("", None).unwrap().len(), 1);
        assert_eq!(re.matches("baa", None).unwrap_err().code(), "D1004");
        let re = Regex::new("[0-9]+", "", 0).unwrap();
        assert_eq!(re.matches("1 22 333", Some(2)).unwrap().len(), 2);
    }
}
