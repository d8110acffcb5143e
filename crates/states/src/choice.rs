//! Choice rules: parsing and evaluation of every comparison operator.

use serde_json::Value as Json;

use crate::path::JsonPath;
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
    pub fn parse(v: &Json, top: bool) -> Result<Rule, String> {
        let o = v.as_object().ok_or("a choice rule must be an object")?;
        if !top && o.contains_key("Next") {
            return Err("a nested rule (inside And, Or, Not) must not have Next".into());
        }
        if let Some(a) = o.get("And").or_else(|| o.get("Or")) {
            let list = a
                .as_array()
                .filter(|l| !l.is_empty())
                .ok_or("And/Or need a non-empty list of rules")?;
            let rules = list
                .iter()
                .map(|r| Rule::parse(r, false))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(if o.contains_key("And") {
                Rule::And(rules)
            } else {
                Rule::Or(rules)
            });
        }
        if let Some(n) = o.get("Not") {
            return Ok(Rule::Not(Box::new(Rule::parse(n, false)?)));
        }
        let variable = o
            .get("Variable")
            .and_then(Json::as_str)
            .ok_or("a comparison needs a Variable path")?;
        let variable = JsonPath::parse(variable).map_err(|e| e.to_string())?;
        let ops: Vec<(&String, &Json)> = o
            .iter()
            .filter(|(k, _)| !["Variable", "Next", "Comment"].contains(&k.as_str()))
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
        match self {
            Rule::And(rs) => {
                for r in rs {
                    if !r.eval(input, context)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Rule::Or(rs) => {
                for r in rs {
                    if r.eval(input, context)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Rule::Not(r) => Ok(!r.eval(input, context)?),
            Rule::Compare { variable, op, operand } => {
                let value = variable.select(input, context);
                if op == "IsPresent" {
                    return Ok(value.is_some() == (operand_value(operand, input, context)? == Json::Bool(true)));
                }
                let Some(value) = value else {
                    return Err(RuleError(format!(
                        "Invalid path '{variable}': The choice state's condition path references an invalid value."
                    )));
                };
                let rhs = operand_value(operand, input, context)?;
                let want = rhs == Json::Bool(true);
                Ok(match op.as_str() {
                    "IsNull" => value.is_null() == want,
                    "IsNumeric" => value.is_number() == want,
                    "IsString" => value.is_string() == want,
                    "IsBoolean" => value.is_boolean() == want,
                    "IsTimestamp" => value.as_str().and_then(parse_timestamp).is_some() == want,
                    "BooleanEquals" => value.is_boolean() && value == rhs,
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
                    o if o.starts_with("Timestamp") => {
                        match (
                            value.as_str().and_then(parse_timestamp),
                            rhs.as_str().and_then(parse_timestamp),
                        ) {
                            (Some(a), Some(b)) => ordering(o, "Timestamp", a.cmp(&b)),
                            _ => false,
                        }
                    }
                    _ => false,
                })
            }
        }
    }
}

fn operand_value(operand: &Operand, input: &Json, context: &Json) -> Result<Json, RuleError> {
    match operand {
        Operand::Value(v) => Ok(v.clone()),
        Operand::Path(p) => p.select(input, context).ok_or_else(|| {
            RuleError(format!(
                "Invalid path '{p}': The choice state's condition path references an invalid value."
            ))
        }),
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

/// `StringMatches`: `*` matches any run of characters; `\*` and `\\` are literal.
pub fn string_matches(value: &str, pattern: &str) -> bool {
    enum Tok {
        Star,
        Char(char),
    }
    let mut toks = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    toks.push(Tok::Char(n));
                }
            }
            '*' => toks.push(Tok::Star),
            c => toks.push(Tok::Char(c)),
        }
    }
    let v: Vec<char> = value.chars().collect();
    // dp[i][j]: the first i tokens match the first j characters.
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
