//! Template conditions.

use crate::element::ElementKind;
use crate::expr::Expr;
use crate::scope::{Construct, Scope};
use crate::value::Target;

/// A named template condition, for `Condition` on resources and outputs and
/// for `Fn::If`.
///
/// ```
/// use rcdk_core::{App, StackProps, CfnCondition, Cond, Aws, Expr};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let is_us = CfnCondition::new(&stack, "IsUsEast1", Cond::equals(Aws::region(), "us-east-1"));
/// let size: Expr<String> = Expr::if_(&is_us, "large", "small");
/// # let _ = size;
/// ```
#[derive(Clone, Debug)]
pub struct CfnCondition {
    scope: Scope,
}

impl Construct for CfnCondition {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl CfnCondition {
    /// Adds a condition with an expression built from [`Cond`](crate::Cond).
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, expression: Expr<bool>) -> CfnCondition {
        CfnCondition {
            scope: scope.add_element(id, ElementKind::Condition(expression.into_value())),
        }
    }

    pub(crate) fn target(&self) -> Target {
        self.scope.element_target()
    }
}
