//! The data behind every template element (resource, output, parameter,
//! condition, mapping). Private: users hold typed handles.

use indexmap::IndexMap;

use crate::resource::{DeletionPolicy, ResourceType};
use crate::value::{Target, Value};

pub(crate) struct ElementData {
    pub(crate) logical_id_override: Option<String>,
    pub(crate) kind: ElementKind,
}

pub(crate) enum ElementKind {
    Resource(ResourceData),
    Output(OutputData),
    Parameter(crate::parameter::ParameterData),
    Condition(Value),
    Mapping(IndexMap<String, IndexMap<String, Value>>),
}

/// Which template section an element is rendered into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Section {
    Parameters,
    Mappings,
    Conditions,
    Resources,
    Outputs,
}

impl ElementKind {
    pub(crate) fn section(&self) -> Section {
        match self {
            ElementKind::Resource(_) => Section::Resources,
            ElementKind::Output(_) => Section::Outputs,
            ElementKind::Parameter(_) => Section::Parameters,
            ElementKind::Condition(_) => Section::Conditions,
            ElementKind::Mapping(_) => Section::Mappings,
        }
    }
}

pub(crate) struct ResourceData {
    pub(crate) type_name: String,
    pub(crate) meta: Option<&'static ResourceType>,
    pub(crate) properties: IndexMap<String, Value>,
    pub(crate) depends_on: Vec<Target>,
    pub(crate) condition: Option<Target>,
    pub(crate) deletion_policy: Option<DeletionPolicy>,
    pub(crate) update_replace_policy: Option<DeletionPolicy>,
    pub(crate) metadata: IndexMap<String, Value>,
    /// JSON-path overrides applied, in order, to the rendered resource.
    pub(crate) overrides: Vec<(Vec<String>, Option<Value>)>,
}

pub(crate) struct OutputData {
    pub(crate) value: Value,
    pub(crate) description: Option<String>,
    pub(crate) export_name: Option<Value>,
    pub(crate) condition: Option<Target>,
}
