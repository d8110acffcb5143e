//! Template mappings.

use indexmap::IndexMap;

use crate::element::ElementKind;
use crate::expr::Expr;
use crate::scope::{Construct, Scope};
use crate::value::{Intrinsic, Value};

/// A two-level lookup table in the template's `Mappings`, read with `Fn::FindInMap`.
///
/// ```
/// use rcdk_core::{App, StackProps, CfnMapping, Aws, Value};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let sizes = CfnMapping::new(&stack, "Sizes", [
///     ("us-east-1", vec![("Instance", Value::from("m7g.large"))]),
/// ]);
/// let _size = sizes.find_in_map(Aws::region(), "Instance");
/// ```
#[derive(Clone, Debug)]
pub struct CfnMapping {
    scope: Scope,
}

impl Construct for CfnMapping {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl CfnMapping {
    /// Adds a mapping from top-level keys to second-level keys to values.
    #[track_caller]
    pub fn new<K1: Into<String>, K2: Into<String>>(
        scope: &Scope,
        id: &str,
        entries: impl IntoIterator<Item = (K1, Vec<(K2, Value)>)>,
    ) -> CfnMapping {
        let map: IndexMap<String, IndexMap<String, Value>> = entries
            .into_iter()
            .map(|(k, inner)| (k.into(), inner.into_iter().map(|(k2, v)| (k2.into(), v)).collect()))
            .collect();
        CfnMapping {
            scope: scope.add_element(id, ElementKind::Mapping(map)),
        }
    }

    /// `Fn::FindInMap`.
    pub fn find_in_map(&self, top: impl Into<Expr<String>>, second: impl Into<Expr<String>>) -> Expr<String> {
        let target = self.scope.element_target();
        Expr::from_intrinsic(Intrinsic::FindInMap(
            target,
            top.into().into_value(),
            second.into().into_value(),
        ))
    }
}
