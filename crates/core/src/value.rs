//! The untyped template value: a literal tree or a CloudFormation intrinsic.
//!
//! [`Value`] is what every property, output and parameter default is stored as
//! inside the app graph. References to other elements are kept as graph
//! handles ([`Target::Element`]) until synthesis, which turns them into
//! logical IDs, or into exports and `Fn::ImportValue` when they cross stacks.

use indexmap::IndexMap;

use crate::graph::NodeId;

/// An untyped CloudFormation value: JSON-like data that may contain intrinsics.
///
/// Most users never build a `Value` by hand: typed [`Expr`](crate::Expr)s and
/// the generated L1 property structs convert into it. It is the escape hatch
/// for anything the typed model does not cover.
///
/// ```
/// use rcdk_core::Value;
/// let v = Value::object([("Enabled", Value::from(true)), ("Name", "web".into())]);
/// assert_eq!(v.get("Name"), Some(&Value::String("web".into())));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// JSON `null`.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating point number.
    Float(f64),
    /// A string.
    String(String),
    /// A list.
    List(Vec<Value>),
    /// An object whose keys keep their insertion order.
    Object(IndexMap<String, Value>),
    /// A CloudFormation intrinsic function or reference.
    Intrinsic(Box<Intrinsic>),
}

/// A CloudFormation intrinsic function, before its references are resolved.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Intrinsic {
    /// `Ref`.
    Ref(Target),
    /// `Fn::GetAtt` of a resource attribute.
    GetAtt(Target, String),
    /// `Fn::Join` with a delimiter.
    Join(String, Value),
    /// `Fn::Sub` with a template string and its variables.
    Sub(String, IndexMap<String, Value>),
    /// String concatenation; rendered as the shortest of a plain string,
    /// `Fn::Sub` or `Fn::Join`.
    Concat(Vec<Value>),
    /// `Fn::Select` of an index from a list.
    Select(Value, Value),
    /// `Fn::Split` of a string by a delimiter.
    Split(String, Value),
    /// `Fn::GetAZs` for a region (`""` is the stack's region).
    GetAzs(Value),
    /// `Fn::ImportValue` of an export name.
    ImportValue(Value),
    /// `Fn::If` on a condition.
    If(Target, Value, Value),
    /// `Fn::Equals`.
    Equals(Value, Value),
    /// `Fn::And`.
    And(Vec<Value>),
    /// `Fn::Or`.
    Or(Vec<Value>),
    /// `Fn::Not`.
    Not(Value),
    /// `Condition` (a reference to a named condition inside a condition function).
    Condition(Target),
    /// `Fn::Base64`.
    Base64(Value),
    /// `Fn::Cidr` of an IP block, a count and the number of host bits.
    Cidr(Value, Value, Value),
    /// `Fn::FindInMap` in a mapping.
    FindInMap(Target, Value, Value),
}

/// What a `Ref`, `Fn::GetAtt`, `Condition` or `Fn::FindInMap` points at.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// An element (resource, parameter, condition, mapping, output) of the app graph.
    Element(ElementRef),
    /// A pseudo parameter such as `AWS::Region`.
    Pseudo(Pseudo),
    /// A logical ID written by hand: the escape hatch for elements rcdk does not
    /// know about. Synthesis checks that it exists in the stack.
    LogicalId(String),
}

/// A handle on one element of one app's graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ElementRef {
    pub(crate) app: u64,
    pub(crate) node: NodeId,
}

/// The CloudFormation pseudo parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Pseudo {
    /// `AWS::AccountId`.
    AccountId,
    /// `AWS::NotificationARNs`.
    NotificationArns,
    /// `AWS::NoValue`: removes the property it is assigned to.
    NoValue,
    /// `AWS::Partition`.
    Partition,
    /// `AWS::Region`.
    Region,
    /// `AWS::StackId`.
    StackId,
    /// `AWS::StackName`.
    StackName,
    /// `AWS::URLSuffix`.
    UrlSuffix,
}

impl Pseudo {
    /// The name CloudFormation knows the pseudo parameter by.
    ///
    /// ```
    /// assert_eq!(rcdk_core::Pseudo::UrlSuffix.name(), "AWS::URLSuffix");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Pseudo::AccountId => "AWS::AccountId",
            Pseudo::NotificationArns => "AWS::NotificationARNs",
            Pseudo::NoValue => "AWS::NoValue",
            Pseudo::Partition => "AWS::Partition",
            Pseudo::Region => "AWS::Region",
            Pseudo::StackId => "AWS::StackId",
            Pseudo::StackName => "AWS::StackName",
            Pseudo::UrlSuffix => "AWS::URLSuffix",
        }
    }
}

impl Value {
    /// Builds an object from key/value pairs, keeping their order.
    pub fn object<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::Object(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// Builds a list.
    pub fn list(items: impl IntoIterator<Item = Value>) -> Value {
        Value::List(items.into_iter().collect())
    }

    /// Wraps an intrinsic.
    pub fn intrinsic(i: Intrinsic) -> Value {
        Value::Intrinsic(Box::new(i))
    }

    /// The value of `key` if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(m) => m.get(key),
            _ => None,
        }
    }

    /// The string if this is a literal string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// True when the value holds no intrinsic anywhere inside it.
    pub fn is_literal(&self) -> bool {
        match self {
            Value::Intrinsic(_) => false,
            Value::List(items) => items.iter().all(Value::is_literal),
            Value::Object(m) => m.values().all(Value::is_literal),
            _ => true,
        }
    }

    /// The value as plain JSON, or `None` when it holds an intrinsic (which
    /// only CloudFormation can resolve).
    ///
    /// ```
    /// use rcdk_core::{Value, Aws};
    /// assert_eq!(Value::from(3).to_json(), Some(serde_json::json!(3)));
    /// assert_eq!(Value::from(Aws::region()).to_json(), None);
    /// ```
    pub fn to_json(&self) -> Option<serde_json::Value> {
        Some(match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Int(i) => serde_json::Value::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map(serde_json::Value::Number)?,
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::List(items) => serde_json::Value::Array(items.iter().map(Value::to_json).collect::<Option<_>>()?),
            Value::Object(m) => serde_json::Value::Object(
                m.iter()
                    .map(|(k, v)| Some((k.clone(), v.to_json()?)))
                    .collect::<Option<_>>()?,
            ),
            Value::Intrinsic(_) => return None,
        })
    }

    /// Converts plain JSON into a value (no intrinsics are recognised).
    pub fn from_json(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(0.0)),
            },
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(a) => Value::List(a.iter().map(Value::from_json).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), Value::from_json(v))).collect())
            }
        }
    }
}

macro_rules! value_from {
    ($($t:ty => |$x:ident| $e:expr),* $(,)?) => {
        $(impl From<$t> for Value { fn from($x: $t) -> Value { $e } })*
    };
}

value_from! {
    bool => |x| Value::Bool(x),
    i32 => |x| Value::Int(x.into()),
    i64 => |x| Value::Int(x),
    u16 => |x| Value::Int(x.into()),
    u32 => |x| Value::Int(x.into()),
    f64 => |x| Value::Float(x),
    String => |x| Value::String(x),
    &str => |x| Value::String(x.to_owned()),
    &String => |x| Value::String(x.clone()),
    serde_json::Value => |x| Value::from_json(&x),
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}

/// Conversion of typed property structs (generated L1 structs, enums, lists,
/// maps) into a [`Value`].
pub trait ToValue {
    /// Renders `self` as a template value.
    fn to_value(&self) -> Value;
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl<T: ToValue> ToValue for Vec<T> {
    fn to_value(&self) -> Value {
        Value::List(self.iter().map(ToValue::to_value).collect())
    }
}

impl<T: ToValue> ToValue for IndexMap<String, T> {
    fn to_value(&self) -> Value {
        Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_value())).collect())
    }
}

impl<T: ToValue> ToValue for Box<T> {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}
