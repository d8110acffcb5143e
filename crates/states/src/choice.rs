//! Choice rules: parsing and evaluation of every comparison operator.
//!
//! Rules nest (`And`, `Or`, `Not`) at most [`MAX_DEPTH`] levels deep, so
//! parsing and evaluation, which recurse once per level, are bounded.

use std::borrow::Cow;

use serde_json::Value as Json;

use crate::limits::{MAX_DEPTH, MAX_PAYLOAD_BYTES};
use crate::path::{Context, JsonPath};
use crate::time::parse_timestamp;

/// A Choice rule (without its `Next`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// `And`.
    And(Vec<Rule>),
    /// `Or`.
    Or(Vec<Rule>),
    /// `Not`.
    Not(Box<Rule>),
    /// `Variable` compared by an operator.
    Compare {
        /// `Variable`.
        variable: JsonPath,
        /// The operator, without a `Path` suffix.
        op: String,
        /// The literal operand, or the path of the operand (`...Path` operators).
        operand: Operand,
    },
}

/// The right-hand side of a comparison.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Operand {
    /// A literal.
    Value(Json),
    /// A path to the value.
    Path(JsonPath),
}

const OPS: &[&str] = &[
    "StringEquals",
    "StringLessThan",
    "StringGreaterThan",
    "StringLessThanEquals",
    "StringGreaterThanEquals",
    "StringMatches",
    "NumericEquals",
    "NumericLessThan",
    "NumericGreaterThan",
    "NumericLessThanEquals",
    "NumericGreaterThanEquals",
    "BooleanEquals",
    "TimestampEquals",
    "TimestampLessThan",
    "TimestampGreaterThan",
    "TimestampLessThanEquals",
    "TimestampGreaterThanEquals",
    "IsNull",
    "IsPresent",
    "IsNumeric",
    "IsString",
    "IsBoolean",
    "IsTimestamp",
];

/// The result of a rule that cannot be evaluated: `States.Runtime`.
pub struct RuleError(pub String);

impl Rule {
    /// Parses a rule; `top` rules carry `Next`, nested ones must not.
    /// Rules nested more than [`MAX_DEPTH`] levels deep are refused.
    pub fn parse(v: &Json, top: bool) -> Result<Rule, String> {
        Rule::parse_at(v, top, 0)
    }

    fn parse_at(v: &Json, top: bool, depth: usize) -> Result<Rule, String> {
        if depth > MAX_DEPTH {
            return Err(format!("choice rules nest more than {MAX_DEPTH} levels deep"));
        }
        let o = v.as_object().ok_or("a choice rule must be an object")?;
        if !top && o.contains_key("Next") {
            return Err("a nested rule (inside And, Or, Not) must not have Next".into());
        }
        if !top && o.contains_key("Assign") {
            return Err(
                "a nested rule (inside And, Or, Not) must not have Assign; put it on the top-level rule".into(),
            );
        }
        if let Some(a) = o.get("And").or_else(|| o.get("Or")) {
            let list = a
                .as_array()
                .filter(|l| !l.is_empty())
                .ok_or("And/Or need a non-empty list of rules")?;
            let rules = list
                .iter()
                .map(|r| Rule::parse_at(r, false, depth + 1))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(if o.contains_key("And") {
                Rule::And(rules)
            } else {
                Rule::Or(rules)
            });
        }
        if let Some(n) = o.get("Not") {
            return Ok(Rule::Not(Box::new(Rule::parse_at(n, false, depth + 1)?)));
        }
        let variable = o
            .get("Variable")
            .and_then(Json::as_str)
            .ok_or("a comparison needs a Variable path")?;
        let variable = JsonPath::parse(variable).map_err(|e| e.to_string())?;
        let ops: Vec<(&String, &Json)> = o
            .iter()
            .filter(|(k, _)| !["Variable", "Next", "Comment", "Assign"].contains(&k.as_str()))
            .collect();
        let [(key, value)] = ops.as_slice() else {
            return Err(format!("a comparison needs exactly one operator, found {}", ops.len()));
        };
        let (op, is_path) = match key.strip_suffix("Path") {
            Some(base) if OPS.contains(&base) && !base.starts_with("Is") && base != "StringMatches" => (base, true),
            _ => (key.as_str(), false),
        };
        if !OPS.contains(&op) {
            return Err(format!("unknown comparison operator {key:?}"));
        }
        let operand = if is_path {
            let p = value.as_str().ok_or_else(|| format!("{key} needs a path string"))?;
            Operand::Path(JsonPath::parse(p).map_err(|e| e.to_string())?)
        } else {
            let ok = match op {
                o if o.starts_with("String") || o.starts_with("Timestamp") => value.is_string(),
                o if o.starts_with("Numeric") => value.is_number(),
                _ => value.is_boolean(),
            };
            if !ok {
                return Err(format!("{key} has an operand of the wrong type: {value}"));
            }
            if op.starts_with("Timestamp") && parse_timestamp(value.as_str().unwrap_or_default()).is_none() {
                return Err(format!("{key}: {value} is not an RFC 3339 timestamp"));
            }
            Operand::Value((*value).clone())
        };
        Ok(Rule::Compare {
            variable,
            op: op.to_owned(),
            operand,
        })
    }

    /// Evaluates the rule. A variable that selects nothing is `States.Runtime`
    /// (except for `IsPresent`); comparing values of the wrong type is false.
    pub fn eval(&self, input: &Json, context: &Json) -> Result<bool, RuleError> {
        self.eval_in(input, &Context::given(context))
    }

    /// [`Rule::eval`] with a context object built only if a `$$` path reads it.
    pub(crate) fn eval_in(&self, input: &Json, context: &Context) -> Result<bool, RuleError> {
        match self {
            Rule::And(rs) => {
                for r in rs {
                    if !r.eval_in(input, context)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Rule::Or(rs) => {
                for r in rs {
                    if r.eval_in(input, context)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Rule::Not(r) => Ok(!r.eval_in(input, context)?),
            Rule::Compare { variable, op, operand } => compare(variable, op, operand, input, context),
        }
    }
}

/// One comparison: the value `variable` selects against the operand.
fn compare(
    variable: &JsonPath,
    op: &str,
    operand: &Operand,
    input: &Json,
    context: &Context,
) -> Result<bool, RuleError> {
    let value = select(variable, input, context)?;
    if op == "IsPresent" {
        return Ok(value.is_some() == (*operand_value(operand, input, context)? == Json::Bool(true)));
    }
    let Some(value) = value else {
        return Err(invalid_path(variable));
    };
    let rhs = operand_value(operand, input, context)?;
    let want = *rhs == Json::Bool(true);
    Ok(match op {
        "IsNull" => value.is_null() == want,
        "IsNumeric" => value.is_number() == want,
        "IsString" => value.is_string() == want,
        "IsBoolean" => value.is_boolean() == want,
        "IsTimestamp" => value.as_str().and_then(parse_timestamp).is_some() == want,
        "BooleanEquals" => value.is_boolean() && *value == *rhs,
        "StringMatches" => match (value.as_str(), rhs.as_str()) {
            (Some(v), Some(p)) => string_matches(v, p),
            _ => false,
        },
        o if o.starts_with("String") => match (value.as_str(), rhs.as_str()) {
            (Some(a), Some(b)) => ordering(o, "String", a.cmp(b)),
            _ => false,
        },
        o if o.starts_with("Numeric") => match (value.as_f64(), rhs.as_f64()) {
            (Some(a), Some(b)) => a.partial_cmp(&b).is_some_and(|c| ordering(o, "Numeric", c)),
            _ => false,
        },
        o if o.starts_with("Timestamp") => match (
            value.as_str().and_then(parse_timestamp),
            rhs.as_str().and_then(parse_timestamp),
        ) {
            (Some(a), Some(b)) => ordering(o, "Timestamp", a.cmp(&b)),
            _ => false,
        },
        _ => false,
    })
}

fn invalid_path(p: &JsonPath) -> RuleError {
    RuleError(format!(
        "Invalid path '{p}': The choice state's condition path references an invalid value."
    ))
}

/// What `p` selects; a selection over the payload quota (possible only
/// with an indefinite path) is an error, not a copy.
fn select<'v>(p: &JsonPath, input: &'v Json, context: &'v Context) -> Result<Option<Cow<'v, Json>>, RuleError> {
    p.select_borrowed(input, context, MAX_PAYLOAD_BYTES).map_err(|_| {
        RuleError(format!(
            "The choice state's condition path '{p}' selects more than the payload quota of {MAX_PAYLOAD_BYTES} bytes (256 KiB)."
        ))
    })
}

fn operand_value<'a>(operand: &'a Operand, input: &'a Json, context: &'a Context) -> Result<Cow<'a, Json>, RuleError> {
    match operand {
        Operand::Value(v) => Ok(Cow::Borrowed(v)),
        Operand::Path(p) => select(p, input, context)?.ok_or_else(|| invalid_path(p)),
    }
}

fn ordering(op: &str, prefix: &str, c: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match &op[prefix.len()..] {
        "Equals" => c == Equal,
        "LessThan" => c == Less,
        "GreaterThan" => c == Greater,
        "LessThanEquals" => c != Greater,
        "GreaterThanEquals" => c != Less,
        _ => false,
    }
}

/// `StringMatches`: `*` matches any run of characters; `\*` and `\\` are
/// literal (a backslash makes any character literal).
///
/// The pattern is literal pieces between stars: the first must start the
/// value, the last must end it, and each one between is found at its
/// leftmost place after the one before (the leftmost place leaves the most
/// room, so nothing else needs trying). That is linear in the lengths of the
/// value and the pattern (`str::find` is linear), and takes no memory beyond
/// a copy of a piece that has escapes.
///
/// ```
/// use rcdk_states::choice::string_matches;
/// assert!(string_matches("log-2024.txt", "log-*.txt"));
/// assert!(string_matches("a*b", "a\\*b"));
/// assert!(!string_matches("axb", "a\\*b"));
/// assert!(!string_matches("ab", "a*b*b"));
/// ```
pub fn string_matches(value: &str, pattern: &str) -> bool {
    let (first, mut rest) = piece(pattern);
    let Some(mut value) = value.strip_prefix(&*first) else {
        return false;
    };
    loop {
        let Some(after_star) = rest else {
            return value.is_empty();
        };
        let (p, next) = piece(after_star);
        if next.is_none() {
            return value.ends_with(&*p);
        }
        match value.find(&*p) {
            Some(at) => value = &value[at + p.len()..],
            None => return false,
        }
        rest = next;
    }
}

/// The literal text of `pattern` up to its first unescaped `*` (escapes
/// undone), and what follows that star, if there is one.
fn piece(pattern: &str) -> (Cow<'_, str>, Option<&str>) {
    let end = unescaped_star(pattern);
    let text = &pattern[..end.unwrap_or(pattern.len())];
    let rest = end.map(|i| &pattern[i + 1..]);
    if !text.contains('\\') {
        return (Cow::Borrowed(text), rest);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            // A trailing backslash escapes nothing and is dropped.
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    (Cow::Owned(out), rest)
}

/// The byte index of the first `*` not escaped by a backslash.
fn unescaped_star(pattern: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, b) in pattern.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'*' => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The previous, quadratic definition, as the reference.
    fn reference(value: &str, pattern: &str) -> bool {
        enum Tok {
            Star,
            Char(char),
        }
        let mut toks = Vec::new();
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => toks.extend(chars.next().map(Tok::Char)),
                '*' => toks.push(Tok::Star),
                c => toks.push(Tok::Char(c)),
            }
        }
        let v: Vec<char> = value.chars().collect();
        let mut dp = vec![vec![false; v.len() + 1]; toks.len() + 1];
        dp[0][0] = true;
        for i in 1..=toks.len() {
            for j in 0..=v.len() {
                dp[i][j] = match toks[i - 1] {
                    Tok::Star => dp[i - 1][j] || (j > 0 && dp[i][j - 1]),
                    Tok::Char(c) => j > 0 && dp[i - 1][j - 1] && v[j - 1] == c,
                };
            }
        }
        dp[toks.len()][v.len()]
    }

    #[test]
    fn matches_as_the_reference_does() {
        let alphabet = ["a", "b", "*", "\\", "é"];
        let mut rng = crate::rng::Rng::new(7);
        let mut pick = |n: usize| -> String { (0..n).map(|_| alphabet[(rng.next_u64() % 5) as usize]).collect() };
        for _ in 0..20_000 {
            let (value, pattern) = (pick(6), pick(5));
            assert_eq!(
                string_matches(&value, &pattern),
                reference(&value, &pattern),
                "{value:?} against {pattern:?}"
            );
        }
    }
}
