//! Function signatures (`<s-n?:s>`): which arguments a function takes,
//! checked before a call as jsonata-js checks them. A `-` parameter takes
//! the context when its argument is missing; an array parameter wraps a
//! single value in an array.

use super::error::Error;
use super::value::Value;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Quantity {
    One,
    Optional,
    OneOrMore,
}

#[derive(Clone, Debug)]
struct Param {
    /// The type letter (`s`, `a`, `(sn)`...) as written.
    kind: char,
    /// The value symbols accepted (`m` is a missing argument).
    accepts: String,
    quantity: Quantity,
    /// `-`: the context stands in for a missing argument.
    context: bool,
    /// `a<n>`: the array's item type.
    subtype: Option<String>,
}

/// A parsed signature.
#[derive(Clone, Debug)]
pub(crate) struct Signature {
    params: Vec<Param>,
}

impl Signature {
    /// Parses `<...>`; errors are `S0401`/`S0402` at their offset in `sig`.
    pub(crate) fn parse(sig: &str) -> Result<Signature, Error> {
        let chars: Vec<char> = sig.chars().collect();
        let mut params: Vec<Param> = Vec::new();
        let mut i = 1;
        while i < chars.len() {
            let c = chars[i];
            if c == ':' {
                break;
            }
            let simple = |kind: char, accepts: &str| Param {
                kind,
                accepts: accepts.into(),
                quantity: Quantity::One,
                context: false,
                subtype: None,
            };
            match c {
                's' | 'n' | 'b' | 'l' | 'o' => params.push(simple(c, &format!("{c}m"))),
                'a' | 'x' => params.push(simple(c, "asnblfom")),
                'f' => params.push(simple(c, "f")),
                'j' => params.push(simple(c, "asnblom")),
                '-' => {
                    if let Some(p) = params.last_mut() {
                        p.context = true;
                        p.quantity = Quantity::Optional;
                    }
                }
                '?' => {
                    if let Some(p) = params.last_mut() {
                        p.quantity = Quantity::Optional;
                    }
                }
                '+' => {
                    if let Some(p) = params.last_mut() {
                        p.quantity = Quantity::OneOrMore;
                    }
                }
                '(' => {
                    let end = closing(&chars, i, '(', ')');
                    let choice: String = chars[i + 1..end].iter().collect();
                    if choice.contains('<') {
                        return Err(Error::new("S0402", i, choice));
                    }
                    params.push(simple('(', &format!("{choice}m")));
                    i = end;
                }
                '<' => {
                    let Some(p) = params.last_mut().filter(|p| p.kind == 'a' || p.kind == 'f') else {
                        return Err(Error::new("S0401", i, ""));
                    };
                    let end = closing(&chars, i, '<', '>');
                    p.subtype = Some(chars[i + 1..end].iter().collect());
                    i = end;
                }
                _ => {}
            }
            i += 1;
        }
        Ok(Signature { params })
    }

    /// Checks `args` against the signature and returns the arguments the
    /// function receives: the context filled in for a `-` parameter, single
    /// values wrapped for array parameters.
    pub(crate) fn validate<'a>(&self, args: Vec<Value<'a>>, context: &Value<'a>) -> Result<Vec<Value<'a>>, Error> {
        let supplied: Vec<char> = args.iter().map(Value::symbol).collect();
        let Some(spans) = self.matches(&supplied) else {
            return Err(Error::new("T0410", 0, (self.good_prefix(&supplied) + 1).to_string()));
        };
        let mut out = Vec::with_capacity(self.params.len());
        let mut args = args.into_iter();
        let mut index = 0;
        for (param, &(start, len)) in self.params.iter().zip(&spans) {
            if len == 0 {
                if param.context {
                    if !param.accepts.contains(context.symbol()) {
                        return Err(Error::new("T0411", 0, (index + 1).to_string()));
                    }
                    out.push(context.clone());
                } else {
                    out.push(args.next().unwrap_or(Value::Undefined));
                    index += 1;
                }
                continue;
            }
            for single in &supplied[start..start + len] {
                let arg = args.next().unwrap_or(Value::Undefined);
                index += 1;
                if param.kind != 'a' || *single == 'm' {
                    out.push(arg);
                    continue;
                }
                if let Some(sub) = &param.subtype {
                    let ok = if *single != 'a' {
                        sub.len() == 1 && sub.starts_with(*single)
                    } else {
                        let items = arg.members();
                        let first = sub.chars().next().unwrap_or('x');
                        items.iter().all(|v| v.symbol() == first)
                    };
                    if !ok {
                        return Err(Error::new("T0412", 0, index.to_string()));
                    }
                }
                out.push(if *single == 'a' { arg } else { Value::array(vec![arg]) });
            }
        }
        Ok(out)
    }

    /// The span each parameter matches in `supplied` (greedy, backtracking,
    /// as the regular expression jsonata-js builds would).
    fn matches(&self, supplied: &[char]) -> Option<Vec<(usize, usize)>> {
        let mut spans = Vec::with_capacity(self.params.len());
        self.match_from(0, 0, supplied, &mut spans, true).then_some(spans)
    }

    fn match_from(&self, p: usize, at: usize, s: &[char], spans: &mut Vec<(usize, usize)>, whole: bool) -> bool {
        let Some(param) = self.params.get(p) else {
            return !whole || at == s.len();
        };
        let run = s[at..].iter().take_while(|c| param.accepts.contains(**c)).count();
        let (min, max) = match param.quantity {
            Quantity::One => (1, 1),
            Quantity::Optional => (0, 1),
            Quantity::OneOrMore => (1, usize::MAX),
        };
        let mut len = run.min(max);
        loop {
            if len < min {
                return false;
            }
            spans.push((at, len));
            if self.match_from(p + 1, at + len, s, spans, whole) {
                return true;
            }
            spans.pop();
            if len == 0 {
                return false;
            }
            len -= 1;
        }
    }

    /// How many arguments match before the first one that does not.
    fn good_prefix(&self, s: &[char]) -> usize {
        let mut good = 0;
        for k in 1..=self.params.len() {
            let partial = Signature {
                params: self.params[..k].to_vec(),
            };
            let mut spans = Vec::new();
            if !partial.match_from(0, 0, s, &mut spans, false) {
                return good;
            }
            good = spans.last().map_or(0, |(a, l)| a + l);
        }
        good
    }
}

fn closing(chars: &[char], start: usize, open: char, close: char) -> usize {
    let mut depth = 1;
    let mut i = start;
    while i + 1 < chars.len() {
        i += 1;
        if chars[i] == close {
            depth -= 1;
            if depth == 0 {
                return i;
            }
        } else if chars[i] == open {
            depth += 1;
        }
    }
    chars.len()
}
