//! Choice rule conditions.

use rcdk_core::Value;

/// A Choice rule's condition: a comparison of a JSONPath variable, or a
/// combination of conditions.
///
/// ```
/// use rcdk_orchestration::Condition;
/// let ok = Condition::and([
///     Condition::is_present("$.StatusCode"),
///     Condition::number_equals("$.StatusCode", 200),
/// ]);
/// # let _ = ok;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub(crate) json: Value,
}

impl Condition {
    /// Any comparison operator of the Amazon States Language (`NumericLessThan`,
    /// `StringMatches`, `TimestampEqualsPath`, ...), for operators without a helper.
    pub fn compare(variable: &str, operator: &str, value: impl Into<Value>) -> Condition {
        Condition {
            json: Value::object([("Variable", Value::from(variable)), (operator, value.into())]),
        }
    }
    /// `StringEquals`.
    pub fn string_equals(variable: &str, value: &str) -> Condition {
        Condition::compare(variable, "StringEquals", value)
    }
    /// `StringMatches` (`*` is a wildcard).
    pub fn string_matches(variable: &str, pattern: &str) -> Condition {
        Condition::compare(variable, "StringMatches", pattern)
    }
    /// `NumericEquals`.
    pub fn number_equals(variable: &str, value: impl Into<Value>) -> Condition {
        Condition::compare(variable, "NumericEquals", value)
    }
    /// `NumericLessThan`.
    pub fn number_less_than(variable: &str, value: impl Into<Value>) -> Condition {
        Condition::compare(variable, "NumericLessThan", value)
    }
    /// `NumericGreaterThan`.
    pub fn number_greater_than(variable: &str, value: impl Into<Value>) -> Condition {
        Condition::compare(variable, "NumericGreaterThan", value)
    }
    /// `NumericGreaterThanEquals`.
    pub fn number_greater_than_equals(variable: &str, value: impl Into<Value>) -> Condition {
        Condition::compare(variable, "NumericGreaterThanEquals", value)
    }
    /// `NumericLessThanEquals`.
    pub fn number_less_than_equals(variable: &str, value: impl Into<Value>) -> Condition {
        Condition::compare(variable, "NumericLessThanEquals", value)
    }
    /// `BooleanEquals`.
    pub fn boolean_equals(variable: &str, value: bool) -> Condition {
        Condition::compare(variable, "BooleanEquals", value)
    }
    /// `TimestampLessThan`.
    pub fn timestamp_less_than(variable: &str, timestamp: &str) -> Condition {
        Condition::compare(variable, "TimestampLessThan", timestamp)
    }
    /// `IsPresent: true`.
    pub fn is_present(variable: &str) -> Condition {
        Condition::compare(variable, "IsPresent", true)
    }
    /// `IsNull: true`.
    pub fn is_null(variable: &str) -> Condition {
        Condition::compare(variable, "IsNull", true)
    }
    /// `IsString: true`.
    pub fn is_string(variable: &str) -> Condition {
        Condition::compare(variable, "IsString", true)
    }
    /// `IsNumeric: true`.
    pub fn is_numeric(variable: &str) -> Condition {
        Condition::compare(variable, "IsNumeric", true)
    }
    /// `And`.
    pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Condition {
        Condition {
            json: Value::object([("And", Value::list(conditions.into_iter().map(|c| c.json)))]),
        }
    }
    /// `Or`.
    pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Condition {
        Condition {
            json: Value::object([("Or", Value::list(conditions.into_iter().map(|c| c.json)))]),
        }
    }
    /// `Not`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(condition: Condition) -> Condition {
        Condition {
            json: Value::object([("Not", condition.json)]),
        }
    }
}
