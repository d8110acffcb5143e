//! Typed values: a literal or an intrinsic that evaluates to a `T`.

use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;

use crate::value::{Intrinsic, Pseudo, Target, ToValue, Value};

/// A typed CloudFormation value: a literal, or an intrinsic that CloudFormation
/// evaluates to a `T` at deploy time.
///
/// Resources hand out `Expr`s for their references and attributes
/// (`topic.topic_arn()`), and typed properties take them, so a reference is
/// never a string a user has to spell.
///
/// ```
/// use rcdk_core::{Aws, Expr};
/// let name: Expr<String> = "orders".into();
/// let arn = Expr::concat(["arn:".into(), Aws::partition(), ":sns:::".into(), name]);
/// assert!(!arn.is_literal());
/// ```
pub struct Expr<T> {
    value: Value,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Expr<T> {
    fn clone(&self) -> Self {
        Expr::from_value(self.value.clone())
    }
}

impl<T> PartialEq for Expr<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T> fmt::Debug for Expr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T> Expr<T> {
    /// Wraps an untyped value. The caller vouches that it evaluates to a `T`.
    pub fn from_value(value: Value) -> Self {
        Expr { value, ty: PhantomData }
    }

    /// Wraps an intrinsic.
    pub fn from_intrinsic(i: Intrinsic) -> Self {
        Expr::from_value(Value::intrinsic(i))
    }

    /// The untyped value.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Consumes the expression, returning the untyped value.
    pub fn into_value(self) -> Value {
        self.value
    }

    /// True when the value is known at synthesis time (no intrinsic inside).
    pub fn is_literal(&self) -> bool {
        self.value.is_literal()
    }

    /// Reinterprets the type (for example a `Ref` of a number parameter as a string).
    pub fn cast<U>(self) -> Expr<U> {
        Expr::from_value(self.value)
    }

    /// `Fn::If`: `then` when `condition` holds, else `otherwise`.
    pub fn if_(condition: &crate::CfnCondition, then: impl Into<Expr<T>>, otherwise: impl Into<Expr<T>>) -> Self {
        Expr::from_intrinsic(Intrinsic::If(
            condition.target(),
            then.into().value,
            otherwise.into().value,
        ))
    }

    /// `{"Ref": "AWS::NoValue"}`: removes the property when used inside `Fn::If`.
    pub fn no_value() -> Self {
        Expr::from_intrinsic(Intrinsic::Ref(Target::Pseudo(Pseudo::NoValue)))
    }
}

impl<T> ToValue for Expr<T> {
    fn to_value(&self) -> Value {
        self.value.clone()
    }
}

impl<T> From<Expr<T>> for Value {
    fn from(e: Expr<T>) -> Value {
        e.value
    }
}

impl<T> From<&Expr<T>> for Expr<T> {
    fn from(e: &Expr<T>) -> Expr<T> {
        e.clone()
    }
}

impl From<&str> for Expr<String> {
    fn from(s: &str) -> Self {
        Expr::from_value(Value::String(s.to_owned()))
    }
}

impl From<String> for Expr<String> {
    fn from(s: String) -> Self {
        Expr::from_value(Value::String(s))
    }
}

impl From<&String> for Expr<String> {
    fn from(s: &String) -> Self {
        Expr::from_value(Value::String(s.clone()))
    }
}

macro_rules! int_expr {
    ($($t:ty),*) => {$(
        impl From<$t> for Expr<i64> {
            fn from(n: $t) -> Self { Expr::from_value(Value::Int(n as i64)) }
        }
    )*};
}
int_expr!(i32, i64, u8, u16, u32);

impl From<f64> for Expr<f64> {
    fn from(n: f64) -> Self {
        Expr::from_value(Value::Float(n))
    }
}

impl From<i64> for Expr<f64> {
    fn from(n: i64) -> Self {
        Expr::from_value(Value::Int(n))
    }
}

impl From<bool> for Expr<bool> {
    fn from(b: bool) -> Self {
        Expr::from_value(Value::Bool(b))
    }
}

impl<T, U: Into<Expr<T>>> From<Vec<U>> for Expr<Vec<T>> {
    fn from(items: Vec<U>) -> Self {
        Expr::from_value(Value::List(items.into_iter().map(|i| i.into().value).collect()))
    }
}

impl<T, U: Into<Expr<T>>, const N: usize> From<[U; N]> for Expr<Vec<T>> {
    fn from(items: [U; N]) -> Self {
        Expr::from_value(Value::List(items.into_iter().map(|i| i.into().value).collect()))
    }
}

impl Expr<String> {
    /// Concatenates strings and references. Adjacent literals are merged;
    /// synthesis renders the result as a plain string, an `Fn::Sub` (when every
    /// non-literal part is a `Ref` or `Fn::GetAtt`) or an `Fn::Join` with `""`.
    pub fn concat(parts: impl IntoIterator<Item = Expr<String>>) -> Self {
        let mut out: Vec<Value> = Vec::new();
        for part in parts {
            push_concat_part(&mut out, part.value);
        }
        match out.len() {
            0 => "".into(),
            1 if matches!(out[0], Value::String(_)) || !is_concat(&out[0]) => {
                Expr::from_value(out.pop().unwrap_or(Value::Null))
            }
            _ => Expr::from_intrinsic(Intrinsic::Concat(out)),
        }
    }

    /// `Fn::Join`: the items joined by `delimiter`.
    pub fn join(delimiter: &str, items: impl Into<Expr<Vec<String>>>) -> Self {
        Expr::from_intrinsic(Intrinsic::Join(delimiter.to_owned(), items.into().value))
    }

    /// `Fn::Sub` with a template string; `${Name}` placeholders refer to
    /// `variables`, to pseudo parameters (`${AWS::Region}`) or to logical IDs.
    ///
    /// ```
    /// use rcdk_core::{Expr, Aws};
    /// let url = Expr::sub("https://${Host}/v1", [("Host", Aws::url_suffix())]);
    /// assert!(!url.is_literal());
    /// ```
    pub fn sub<K: Into<String>>(template: &str, variables: impl IntoIterator<Item = (K, Expr<String>)>) -> Self {
        let vars: IndexMap<String, Value> = variables.into_iter().map(|(k, v)| (k.into(), v.value)).collect();
        Expr::from_intrinsic(Intrinsic::Sub(template.to_owned(), vars))
    }

    /// `Fn::Split`: the string split by `delimiter`.
    pub fn split(&self, delimiter: &str) -> Expr<Vec<String>> {
        Expr::from_intrinsic(Intrinsic::Split(delimiter.to_owned(), self.value.clone()))
    }

    /// `Fn::Base64`.
    pub fn base64(&self) -> Self {
        Expr::from_intrinsic(Intrinsic::Base64(self.value.clone()))
    }

    /// `Fn::ImportValue` of an export name.
    pub fn import_value(export_name: impl Into<Expr<String>>) -> Self {
        Expr::from_intrinsic(Intrinsic::ImportValue(export_name.into().value))
    }

    /// `Ref` by a hand-written logical ID: the escape hatch for elements rcdk
    /// does not model. Synthesis fails if no element of the stack has that ID.
    pub fn ref_logical_id(logical_id: &str) -> Self {
        Expr::from_intrinsic(Intrinsic::Ref(Target::LogicalId(logical_id.to_owned())))
    }

    /// `Fn::Cidr`: `count` CIDR blocks of `host_bits` host bits carved out of `block`.
    pub fn cidr(block: impl Into<Expr<String>>, count: u32, host_bits: u32) -> Expr<Vec<String>> {
        Expr::from_intrinsic(Intrinsic::Cidr(
            block.into().value,
            Value::Int(count.into()),
            Value::Int(host_bits.into()),
        ))
    }
}

fn is_concat(v: &Value) -> bool {
    matches!(v, Value::Intrinsic(i) if matches!(**i, Intrinsic::Concat(_)))
}

fn push_concat_part(out: &mut Vec<Value>, part: Value) {
    match part {
        Value::String(s) if s.is_empty() => {}
        Value::String(s) => match out.last_mut() {
            Some(Value::String(prev)) => prev.push_str(&s),
            _ => out.push(Value::String(s)),
        },
        Value::Intrinsic(i) => match *i {
            Intrinsic::Concat(parts) => parts.into_iter().for_each(|p| push_concat_part(out, p)),
            other => out.push(Value::intrinsic(other)),
        },
        other => out.push(other),
    }
}

impl<R: Into<Expr<String>>> std::ops::Add<R> for Expr<String> {
    type Output = Expr<String>;
    fn add(self, rhs: R) -> Expr<String> {
        Expr::concat([self, rhs.into()])
    }
}

impl<T> Expr<Vec<T>> {
    /// `Fn::Select`: the item at `index`.
    pub fn select(&self, index: u32) -> Expr<T> {
        Expr::from_intrinsic(Intrinsic::Select(Value::Int(index.into()), self.value.clone()))
    }
}

/// Builds an `Expr<String>` from a format string with `{}` placeholders, each
/// filled by an argument that converts into `Expr<String>` (a literal or a
/// reference). Literal `{{` and `}}` escape braces.
///
/// ```
/// use rcdk_core::{cfn_format, Aws};
/// let arn = cfn_format!("arn:{}:sns:{}:{}:alerts", Aws::partition(), Aws::region(), Aws::account_id());
/// assert!(!arn.is_literal());
/// ```
#[macro_export]
macro_rules! cfn_format {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {
        $crate::expr::format_parts($fmt, ::std::vec![$($crate::Expr::<::std::string::String>::from($arg)),*])
    };
}

#[doc(hidden)]
pub fn format_parts(fmt: &str, args: Vec<Expr<String>>) -> Expr<String> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut args = args.into_iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('{', Some('{')) | ('}', Some('}')) => {
                lit.push(c);
                chars.next();
            }
            ('{', Some('}')) => {
                chars.next();
                parts.push(Expr::from(std::mem::take(&mut lit)));
                parts.push(args.next().unwrap_or_else(|| "".into()));
            }
            _ => lit.push(c),
        }
    }
    parts.push(lit.into());
    Expr::concat(parts)
}

/// The pseudo parameters and account-wide intrinsics, as typed values.
///
/// ```
/// use rcdk_core::Aws;
/// let azs = Aws::availability_zones();
/// let first = azs.select(0);
/// assert!(!first.is_literal());
/// ```
pub struct Aws;

impl Aws {
    fn pseudo(p: Pseudo) -> Expr<String> {
        Expr::from_intrinsic(Intrinsic::Ref(Target::Pseudo(p)))
    }
    /// `AWS::AccountId`.
    pub fn account_id() -> Expr<String> {
        Aws::pseudo(Pseudo::AccountId)
    }
    /// `AWS::Region`.
    pub fn region() -> Expr<String> {
        Aws::pseudo(Pseudo::Region)
    }
    /// `AWS::Partition`.
    pub fn partition() -> Expr<String> {
        Aws::pseudo(Pseudo::Partition)
    }
    /// `AWS::URLSuffix`.
    pub fn url_suffix() -> Expr<String> {
        Aws::pseudo(Pseudo::UrlSuffix)
    }
    /// `AWS::StackName`.
    pub fn stack_name() -> Expr<String> {
        Aws::pseudo(Pseudo::StackName)
    }
    /// `AWS::StackId`.
    pub fn stack_id() -> Expr<String> {
        Aws::pseudo(Pseudo::StackId)
    }
    /// `AWS::NotificationARNs`.
    pub fn notification_arns() -> Expr<Vec<String>> {
        Expr::from_intrinsic(Intrinsic::Ref(Target::Pseudo(Pseudo::NotificationArns)))
    }
    /// `Fn::GetAZs ""`: the availability zones of the stack's region.
    pub fn availability_zones() -> Expr<Vec<String>> {
        Expr::from_intrinsic(Intrinsic::GetAzs(Value::String(String::new())))
    }
    /// `Fn::GetAZs` for a given region.
    pub fn availability_zones_of(region: impl Into<Expr<String>>) -> Expr<Vec<String>> {
        Expr::from_intrinsic(Intrinsic::GetAzs(region.into().value))
    }
}

/// Condition functions (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`) that
/// build the expression of a [`CfnCondition`](crate::CfnCondition).
///
/// ```
/// use rcdk_core::{Cond, Aws};
/// let is_prod = Cond::equals(Aws::stack_name(), "prod");
/// let not_prod = Cond::not(is_prod);
/// # let _ = not_prod;
/// ```
pub struct Cond;

impl Cond {
    /// `Fn::Equals`.
    pub fn equals(a: impl Into<Expr<String>>, b: impl Into<Expr<String>>) -> Expr<bool> {
        Expr::from_intrinsic(Intrinsic::Equals(a.into().value, b.into().value))
    }
    /// `Fn::And` (2 to 10 conditions).
    pub fn and(conditions: impl IntoIterator<Item = Expr<bool>>) -> Expr<bool> {
        Expr::from_intrinsic(Intrinsic::And(conditions.into_iter().map(|c| c.value).collect()))
    }
    /// `Fn::Or` (2 to 10 conditions).
    pub fn or(conditions: impl IntoIterator<Item = Expr<bool>>) -> Expr<bool> {
        Expr::from_intrinsic(Intrinsic::Or(conditions.into_iter().map(|c| c.value).collect()))
    }
    /// `Fn::Not`.
    pub fn not(condition: Expr<bool>) -> Expr<bool> {
        Expr::from_intrinsic(Intrinsic::Not(condition.value))
    }
    /// `{"Condition": name}`: another named condition.
    pub fn condition(condition: &crate::CfnCondition) -> Expr<bool> {
        Expr::from_intrinsic(Intrinsic::Condition(condition.target()))
    }
}
