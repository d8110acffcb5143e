//! Template outputs.

use crate::element::{ElementKind, OutputData};
use crate::expr::Expr;
use crate::scope::{Construct, Scope};
use crate::value::Value;

/// The options of a [`CfnOutput`].
#[derive(Clone, Debug, Default)]
pub struct OutputProps {
    /// The value shown after deploy (and exported when `export_name` is set).
    pub value: Value,
    /// A description.
    pub description: Option<String>,
    /// Exports the value under this name for `Fn::ImportValue` in other stacks.
    pub export_name: Option<Expr<String>>,
    /// Only output when the condition holds.
    pub condition: Option<crate::CfnCondition>,
}

impl OutputProps {
    /// An output of `value` and nothing else, the common case.
    ///
    /// ```
    /// use rcdk_core::{App, Aws, CfnOutput, OutputProps, Resource, StackProps, Value};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// Resource::new(&stack, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    /// CfnOutput::new(&stack, "Region", OutputProps::new(Aws::region()));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Region:"));
    /// ```
    pub fn new(value: impl Into<Value>) -> OutputProps {
        OutputProps {
            value: value.into(),
            ..OutputProps::default()
        }
    }
}

/// A stack output.
///
/// ```
/// use rcdk_core::{App, StackProps, CfnOutput, OutputProps, Aws, Resource, Value};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Resource::new(&stack, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
/// CfnOutput::new(&stack, "Region", OutputProps { value: Aws::region().into(), ..Default::default() });
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Region:"));
/// ```
#[derive(Clone, Debug)]
pub struct CfnOutput {
    scope: Scope,
}

impl Construct for CfnOutput {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl CfnOutput {
    /// Adds an output.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: OutputProps) -> CfnOutput {
        let data = OutputData {
            value: props.value,
            description: props.description,
            export_name: props.export_name.map(Expr::into_value),
            condition: props.condition.map(|c| c.target()),
        };
        CfnOutput {
            scope: scope.add_element(id, ElementKind::Output(data)),
        }
    }

    /// Pins the output's logical ID.
    pub fn override_logical_id(&self, logical_id: &str) {
        self.scope.override_logical_id(logical_id);
    }
}
