//! Template parameters.

use crate::element::ElementKind;
use crate::expr::Expr;
use crate::scope::{Construct, Scope};
use crate::value::{Intrinsic, Value};

/// The type of a [`CfnParameter`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParameterType {
    /// `String` (the default).
    #[default]
    String,
    /// `Number`.
    Number,
    /// `List<Number>`.
    NumberList,
    /// `CommaDelimitedList`.
    CommaDelimitedList,
    /// An AWS-specific or SSM type, written as CloudFormation spells it
    /// (`AWS::EC2::VPC::Id`, `AWS::SSM::Parameter::Value<String>`).
    Other(String),
}

impl ParameterType {
    pub(crate) fn name(&self) -> &str {
        match self {
            ParameterType::String => "String",
            ParameterType::Number => "Number",
            ParameterType::NumberList => "List<Number>",
            ParameterType::CommaDelimitedList => "CommaDelimitedList",
            ParameterType::Other(s) => s,
        }
    }
}

/// The options of a [`CfnParameter`]: its type and its constraints.
#[derive(Clone, Debug, Default)]
pub struct ParameterProps {
    /// The type.
    pub r#type: ParameterType,
    /// The default value.
    pub default: Option<Value>,
    /// A description.
    pub description: Option<String>,
    /// The only values allowed.
    pub allowed_values: Vec<Value>,
    /// A regular expression the value must match (strings).
    pub allowed_pattern: Option<String>,
    /// Minimum length (strings).
    pub min_length: Option<u32>,
    /// Maximum length (strings).
    pub max_length: Option<u32>,
    /// Minimum value (numbers).
    pub min_value: Option<f64>,
    /// Maximum value (numbers).
    pub max_value: Option<f64>,
    /// Message shown when a constraint is violated.
    pub constraint_description: Option<String>,
    /// Masks the value in the console and API.
    pub no_echo: bool,
}

pub(crate) type ParameterData = ParameterProps;

/// A template parameter: a value supplied at deploy time.
///
/// ```
/// use rcdk_core::{App, StackProps, CfnParameter, ParameterProps, ParameterType};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let count = CfnParameter::new(&stack, "Count", ParameterProps {
///     r#type: ParameterType::Number,
///     default: Some(2.into()),
///     min_value: Some(1.0),
///     ..Default::default()
/// });
/// let _n = count.value_as_number();
/// ```
#[derive(Clone, Debug)]
pub struct CfnParameter {
    scope: Scope,
}

impl Construct for CfnParameter {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl CfnParameter {
    /// Adds a parameter.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: ParameterProps) -> CfnParameter {
        CfnParameter {
            scope: scope.add_element(id, ElementKind::Parameter(props)),
        }
    }

    fn reference<T>(&self) -> Expr<T> {
        Expr::from_intrinsic(Intrinsic::Ref(self.scope.element_target()))
    }

    /// `Ref` of the parameter as a string.
    pub fn value_as_string(&self) -> Expr<String> {
        self.reference()
    }

    /// `Ref` of the parameter as a number.
    pub fn value_as_number(&self) -> Expr<f64> {
        self.reference()
    }

    /// `Ref` of the parameter as a list (for list types).
    pub fn value_as_list(&self) -> Expr<Vec<String>> {
        self.reference()
    }

    /// Pins the parameter's logical ID (its name in the console).
    pub fn override_logical_id(&self, logical_id: &str) {
        self.scope.override_logical_id(logical_id);
    }
}
