//! Template mappings.

use indexmap::IndexMap;

use crate::element::{ElementData, ElementKind};
use crate::expr::Expr;
use crate::graph::NodeKind;
use crate::scope::{Construct, Scope};
use crate::value::{ElementRef, Intrinsic, Target, Value};

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
    pub fn new<K1: Into<String>, K2: Into<String>>(
        scope: &Scope,
        id: &str,
        entries: impl IntoIterator<Item = (K1, Vec<(K2, Value)>)>,
    ) -> CfnMapping {
        let map: IndexMap<String, IndexMap<String, Value>> = entries
            .into_iter()
            .map(|(k, inner)| (k.into(), inner.into_iter().map(|(k2, v)| (k2.into(), v)).collect()))
            .collect();
        let element = ElementData {
            logical_id_override: None,
            kind: ElementKind::Mapping(map),
        };
        CfnMapping {
            scope: scope.add_node(id, NodeKind::Element(Box::new(element))),
        }
    }

    /// `Fn::FindInMap`.
    pub fn find_in_map(&self, top: impl Into<Expr<String>>, second: impl Into<Expr<String>>) -> Expr<String> {
        let target = Target::Element(ElementRef {
            app: self.scope.app_id(),
            node: self.scope.node,
        });
        Expr::from_intrinsic(Intrinsic::FindInMap(
            target,
            top.into().into_value(),
            second.into().into_value(),
        ))
    }
}
