//! Event patterns: the top-level fields typed, `detail` as a value tree
//! whose leaves must be lists of matchers, as EventBridge requires.

use rcdk_core::{Scope, Value};

/// An EventBridge event pattern. Every field is a list of values to match
/// (any of them); `detail` matches inside the event's detail.
///
/// ```
/// use rcdk_core::Value;
/// use rcdk_events::{EventPattern, Match};
/// let p = EventPattern::new()
///     .source(["aws.s3"])
///     .detail_type(["Object Created"])
///     .detail(Value::object([("object", Value::object([("key", Value::list([Match::prefix("uploads/")]))]))]));
/// assert!(p.to_value().get("detail-type").is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventPattern {
    fields: Vec<(&'static str, Value)>,
}

impl EventPattern {
    /// A pattern that matches nothing yet; add at least one field.
    pub fn new() -> EventPattern {
        EventPattern::default()
    }

    fn with(mut self, key: &'static str, values: Value) -> EventPattern {
        self.fields.retain(|(k, _)| *k != key);
        self.fields.push((key, values));
        self
    }

    /// Events from any of these sources (`aws.s3`, your own `orders`).
    ///
    /// ```
    /// let p = rcdk_events::EventPattern::new().source(["orders"]);
    /// # let _ = p;
    /// ```
    pub fn source<S: Into<String>>(self, sources: impl IntoIterator<Item = S>) -> EventPattern {
        self.with("source", strings(sources))
    }

    /// Events of any of these detail types.
    ///
    /// ```
    /// let p = rcdk_events::EventPattern::new().detail_type(["Order Placed"]);
    /// # let _ = p;
    /// ```
    pub fn detail_type<S: Into<String>>(self, types: impl IntoIterator<Item = S>) -> EventPattern {
        self.with("detail-type", strings(types))
    }

    /// Events from any of these accounts.
    ///
    /// ```
    /// let p = rcdk_events::EventPattern::new().source(["orders"]).account(["111111111111"]);
    /// # let _ = p;
    /// ```
    pub fn account<S: Into<String>>(self, accounts: impl IntoIterator<Item = S>) -> EventPattern {
        self.with("account", strings(accounts))
    }

    /// Events from any of these regions.
    ///
    /// ```
    /// let p = rcdk_events::EventPattern::new().source(["orders"]).region(["eu-west-1"]);
    /// # let _ = p;
    /// ```
    pub fn region<S: Into<String>>(self, regions: impl IntoIterator<Item = S>) -> EventPattern {
        self.with("region", strings(regions))
    }

    /// Events about any of these resources (ARNs).
    ///
    /// ```
    /// let p = rcdk_events::EventPattern::new().resources(["arn:aws:s3:::uploads"]);
    /// # let _ = p;
    /// ```
    pub fn resources<S: Into<String>>(self, arns: impl IntoIterator<Item = S>) -> EventPattern {
        self.with("resources", strings(arns))
    }

    /// Matches inside the event's `detail`: an object whose leaves are lists
    /// of values or [`Match`]ers.
    ///
    /// ```
    /// use rcdk_core::Value;
    /// let p = rcdk_events::EventPattern::new().detail(Value::object([("status", Value::list(["PAID".into()]))]));
    /// # let _ = p;
    /// ```
    pub fn detail(self, detail: Value) -> EventPattern {
        self.with("detail", detail)
    }

    /// The pattern as EventBridge reads it.
    pub fn to_value(&self) -> Value {
        Value::object(self.fields.iter().map(|(k, v)| (*k, v.clone())))
    }

    /// Records on `node` what EventBridge would refuse: an empty pattern, an
    /// empty list, or a `detail` leaf that is not a list.
    pub(crate) fn check(&self, node: &Scope) {
        if self.fields.is_empty() {
            node.add_error(
                "the event pattern is empty and would match nothing; give it a source, detail type or detail",
            );
        }
        for (key, value) in &self.fields {
            check_matchers(node, key, value);
        }
    }
}

fn check_matchers(node: &Scope, path: &str, value: &Value) {
    match value {
        Value::List(items) if items.is_empty() => node.add_error(format!(
            "the event pattern's {path} is an empty list, which matches no event; list at least one value or leave the field out"
        )),
        Value::List(items) if items.iter().any(non_finite) => node.add_error(format!(
            "the event pattern's {path} has a number JSON cannot hold (NaN or infinity); use a finite number"
        )),
        Value::List(_) => {}
        Value::Object(m) if !m.is_empty() => {
            for (k, v) in m {
                check_matchers(node, &format!("{path}.{k}"), v);
            }
        }
        _ => node.add_error(format!(
            "the event pattern's {path} is not a list; EventBridge matches against lists of values, so write [{}]",
            match value {
                Value::String(s) => format!("{s:?}"),
                _ => "value".to_owned(),
            }
        )),
    }
}

fn strings<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Value {
    Value::List(values.into_iter().map(|s| Value::String(s.into())).collect())
}

/// Content filters for values inside a pattern's lists.
#[derive(Clone, Copy, Debug)]
pub struct Match;

impl Match {
    /// A string starting with `prefix`.
    ///
    /// ```
    /// assert_eq!(rcdk_events::Match::prefix("uploads/").get("prefix"), Some(&rcdk_core::Value::from("uploads/")));
    /// ```
    pub fn prefix(prefix: &str) -> Value {
        Value::object([("prefix", Value::from(prefix))])
    }

    /// A string ending with `suffix`.
    ///
    /// ```
    /// assert!(rcdk_events::Match::suffix(".csv").get("suffix").is_some());
    /// ```
    pub fn suffix(suffix: &str) -> Value {
        Value::object([("suffix", Value::from(suffix))])
    }

    /// Anything but these values.
    ///
    /// ```
    /// assert!(rcdk_events::Match::anything_but(["CANCELLED"]).get("anything-but").is_some());
    /// ```
    pub fn anything_but<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Value {
        Value::object([("anything-but", strings(values))])
    }

    /// The field is present (`true`) or absent (`false`).
    ///
    /// ```
    /// assert!(rcdk_events::Match::exists(true).get("exists").is_some());
    /// ```
    pub fn exists(present: bool) -> Value {
        Value::object([("exists", Value::from(present))])
    }

    /// A number compared with `operator` (`<`, `<=`, `=`, `>=`, `>`).
    ///
    /// ```
    /// assert!(rcdk_events::Match::numeric(">", 100.0).get("numeric").is_some());
    /// ```
    pub fn numeric(operator: &str, value: f64) -> Value {
        Value::object([("numeric", Value::list([Value::from(operator), Value::Float(value)]))])
    }
}

fn non_finite(v: &Value) -> bool {
    match v {
        Value::Float(f) => !f.is_finite(),
        Value::List(items) => items.iter().any(non_finite),
        Value::Object(m) => m.values().any(non_finite),
        _ => false,
    }
}
