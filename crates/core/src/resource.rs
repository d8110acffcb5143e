//! Resources: the base of every L1, with its options and escape hatches.

use indexmap::IndexMap;

use crate::element::{ElementKind, ResourceData};
use crate::expr::Expr;
use crate::scope::{Construct, Scope};
use crate::value::{Intrinsic, Target, Value};

/// What rcdk knows about a resource type from its registry schema. The
/// generated L1 types in `rcdk-cfn` each have one.
#[derive(Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// The CloudFormation type name, for example `AWS::SNS::Topic`.
    pub name: &'static str,
    /// How the type takes tags, if it does.
    pub tagging: TagFormat,
    /// The read-only attributes `Fn::GetAtt` returns (dotted for nested ones).
    pub attributes: &'static [&'static str],
    /// The type's top-level properties.
    pub properties: &'static [&'static str],
    /// Properties whose change replaces the resource.
    pub create_only_properties: &'static [&'static str],
}

/// How a resource type takes tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TagFormat {
    /// The type cannot be tagged.
    None,
    /// `Tags: [{Key, Value}, ...]`.
    KeyValueList,
    /// `Tags: {key: value, ...}`.
    Map,
}

/// `DeletionPolicy` and `UpdateReplacePolicy` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeletionPolicy {
    /// Delete the physical resource.
    Delete,
    /// Keep the physical resource, orphaned from the stack.
    Retain,
    /// Keep it, except when the stack's creation failed and rolls back
    /// (`RetainExceptOnCreate`; not valid as an `UpdateReplacePolicy`).
    RetainExceptOnCreate,
    /// Keep a snapshot (for types that support snapshots).
    Snapshot,
}

impl DeletionPolicy {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DeletionPolicy::Delete => "Delete",
            DeletionPolicy::Retain => "Retain",
            DeletionPolicy::RetainExceptOnCreate => "RetainExceptOnCreate",
            DeletionPolicy::Snapshot => "Snapshot",
        }
    }
}

/// The types CloudFormation can snapshot before deleting (cfn-lint's list,
/// from the `DeletionPolicy` attribute's documentation).
const SNAPSHOT_TYPES: &[&str] = &[
    "AWS::DocDB::DBCluster",
    "AWS::EC2::Volume",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::Neptune::DBCluster",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::Redshift::Cluster",
];

/// What happens to a stateful resource when it leaves the stack or is
/// replaced, as the AWS CDK names it. Stateful L2s take one
/// (`removal_policy`); [`Resource::apply_removal_policy`] writes it as
/// `DeletionPolicy` and `UpdateReplacePolicy`.
///
/// ```
/// use rcdk_core::{App, RemovalPolicy, Resource, StackProps, Value};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let queue = Resource::new(&stack, "Q", "AWS::SQS::Queue", [("DelaySeconds", Value::from(0))]);
/// queue.apply_removal_policy(RemovalPolicy::RetainOnUpdateOrDelete);
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("DeletionPolicy: RetainExceptOnCreate"));
/// assert!(yaml.contains("UpdateReplacePolicy: Retain"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RemovalPolicy {
    /// Delete the physical resource (data included) with the stack.
    #[default]
    Destroy,
    /// Keep the physical resource, orphaned from the stack.
    Retain,
    /// Keep a final snapshot, then delete (types that support snapshots).
    Snapshot,
    /// Keep it on update or delete, but clean it up when the stack's first
    /// creation fails, so a failed create leaves nothing behind.
    RetainOnUpdateOrDelete,
}

impl RemovalPolicy {
    /// The `(DeletionPolicy, UpdateReplacePolicy)` pair CloudFormation gets.
    pub fn policies(self) -> (DeletionPolicy, DeletionPolicy) {
        match self {
            RemovalPolicy::Destroy => (DeletionPolicy::Delete, DeletionPolicy::Delete),
            RemovalPolicy::Retain => (DeletionPolicy::Retain, DeletionPolicy::Retain),
            RemovalPolicy::Snapshot => (DeletionPolicy::Snapshot, DeletionPolicy::Snapshot),
            RemovalPolicy::RetainOnUpdateOrDelete => (DeletionPolicy::RetainExceptOnCreate, DeletionPolicy::Retain),
        }
    }
}

impl From<DeletionPolicy> for RemovalPolicy {
    fn from(p: DeletionPolicy) -> RemovalPolicy {
        match p {
            DeletionPolicy::Delete => RemovalPolicy::Destroy,
            DeletionPolicy::Retain => RemovalPolicy::Retain,
            DeletionPolicy::Snapshot => RemovalPolicy::Snapshot,
            DeletionPolicy::RetainExceptOnCreate => RemovalPolicy::RetainOnUpdateOrDelete,
        }
    }
}

/// A CloudFormation resource in the construct tree: the handle every L1 wraps,
/// and the escape hatch for any type rcdk does not generate.
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value, DeletionPolicy};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let bucket = Resource::new(&stack, "Bucket", "AWS::S3::Bucket", [("BucketName", Value::from("logs"))]);
/// bucket.apply_removal_policy(DeletionPolicy::Retain);
/// bucket.add_property_override("VersioningConfiguration.Status", "Enabled");
/// let template = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(template.contains("Status: Enabled"));
/// ```
#[derive(Clone, Debug)]
pub struct Resource {
    scope: Scope,
}

impl Construct for Resource {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Resource {
    /// The resource a node of the tree holds, if it holds one.
    pub(crate) fn from_scope(scope: Scope) -> Option<Resource> {
        let is_resource = matches!(
            scope.graph.borrow().element(scope.node).map(|e| &e.kind),
            Some(ElementKind::Resource(_))
        );
        is_resource.then_some(Resource { scope })
    }

    /// Adds a resource of any type with untyped properties.
    #[track_caller]
    pub fn new<K: Into<String>>(
        scope: &Scope,
        id: &str,
        type_name: &str,
        properties: impl IntoIterator<Item = (K, Value)>,
    ) -> Resource {
        let props = properties.into_iter().map(|(k, v)| (k.into(), v)).collect();
        Resource::with_type(scope, id, type_name, None, props)
    }

    /// Adds a resource of a known type; generated L1s call this.
    #[track_caller]
    pub fn typed(scope: &Scope, id: &str, meta: &'static ResourceType, properties: Value) -> Resource {
        let props = match properties {
            Value::Object(m) => m,
            _ => IndexMap::new(),
        };
        Resource::with_type(scope, id, meta.name, Some(meta), props)
    }

    #[track_caller]
    fn with_type(
        scope: &Scope,
        id: &str,
        type_name: &str,
        meta: Option<&'static ResourceType>,
        properties: IndexMap<String, Value>,
    ) -> Resource {
        let data = ResourceData {
            type_name: type_name.to_owned(),
            meta,
            properties,
            depends_on: Vec::new(),
            condition: None,
            deletion_policy: None,
            update_replace_policy: None,
            metadata: IndexMap::new(),
            overrides: Vec::new(),
        };
        Resource {
            scope: scope.add_element(id, ElementKind::Resource(data)),
        }
    }

    fn read_data<R>(&self, f: impl FnOnce(&ResourceData) -> R) -> Option<R> {
        let g = self.scope.graph.borrow();
        match g.element(self.scope.node).map(|e| &e.kind) {
            Some(ElementKind::Resource(r)) => Some(f(r)),
            _ => None,
        }
    }

    fn with_data<R>(&self, f: impl FnOnce(&mut ResourceData) -> R) -> Option<R> {
        let mut g = self.scope.graph_mut();
        match g.element_mut(self.scope.node).map(|e| &mut e.kind) {
            Some(ElementKind::Resource(r)) => Some(f(r)),
            _ => None,
        }
    }

    pub(crate) fn target(&self) -> Target {
        self.scope.element_target()
    }

    /// The CloudFormation type name.
    pub fn type_name(&self) -> String {
        self.read_data(|r| r.type_name.clone()).unwrap_or_default()
    }

    /// `Ref` of this resource (what it returns depends on the type).
    pub fn reference(&self) -> Expr<String> {
        Expr::from_intrinsic(Intrinsic::Ref(self.target()))
    }

    /// `Fn::GetAtt` of an attribute. Synthesis checks the attribute exists
    /// when the type is known.
    pub fn get_att<T>(&self, attribute: &str) -> Expr<T> {
        Expr::from_intrinsic(Intrinsic::GetAtt(self.target(), attribute.to_owned()))
    }

    /// Adds an explicit `DependsOn` on another resource. Across stacks this
    /// becomes a dependency between the stacks instead.
    pub fn add_depends_on(&self, other: &Resource) {
        let t = other.target();
        self.with_data(|r| {
            if !r.depends_on.contains(&t) {
                r.depends_on.push(t)
            }
        });
    }

    /// Sets `DeletionPolicy`.
    pub fn set_deletion_policy(&self, policy: DeletionPolicy) {
        if self.refuses_snapshot(policy) {
            return;
        }
        self.with_data(|r| r.deletion_policy = Some(policy));
    }

    /// Records an error for `Snapshot` on a type that cannot be snapshotted:
    /// CloudFormation would delete it, data and all, as if told `Delete`.
    fn refuses_snapshot(&self, policy: DeletionPolicy) -> bool {
        let type_name = self.type_name();
        let refused = policy == DeletionPolicy::Snapshot && !SNAPSHOT_TYPES.contains(&type_name.as_str());
        if refused {
            self.scope.add_error(format!(
                "{type_name} cannot be snapshotted, so a Snapshot policy would delete it with its data; use Retain (or RetainOnUpdateOrDelete) to keep it, or Destroy"
            ));
        }
        refused
    }

    /// Sets `UpdateReplacePolicy` (`Delete`, `Retain` or `Snapshot`;
    /// `RetainExceptOnCreate` is only a `DeletionPolicy` and is an error here).
    pub fn set_update_replace_policy(&self, policy: DeletionPolicy) {
        if self.refuses_snapshot(policy) {
            return;
        }
        if policy == DeletionPolicy::RetainExceptOnCreate {
            self.scope.add_error(
                "UpdateReplacePolicy cannot be RetainExceptOnCreate (CloudFormation accepts Delete, Retain or Snapshot); use Retain, or apply_removal_policy(RemovalPolicy::RetainOnUpdateOrDelete)",
            );
            return;
        }
        self.with_data(|r| r.update_replace_policy = Some(policy));
    }

    /// Sets `DeletionPolicy` and `UpdateReplacePolicy` from one
    /// [`RemovalPolicy`] (a [`DeletionPolicy`] converts), so the resource is
    /// treated alike whether it is deleted or replaced.
    pub fn apply_removal_policy(&self, policy: impl Into<RemovalPolicy>) {
        let (deletion, update_replace) = policy.into().policies();
        if self.refuses_snapshot(deletion) {
            return;
        }
        self.with_data(|r| {
            r.deletion_policy = Some(deletion);
            r.update_replace_policy = Some(update_replace);
        });
    }

    /// Creates the resource only when `condition` holds.
    pub fn set_condition(&self, condition: &crate::CfnCondition) {
        let t = condition.target();
        self.with_data(|r| r.condition = Some(t));
    }

    /// Adds an entry to the resource's `Metadata` (replacing any value the
    /// key had).
    pub fn add_metadata(&self, key: &str, value: impl Into<Value>) {
        let v = value.into();
        self.with_data(|r| r.metadata.insert(key.to_owned(), v));
    }

    /// The value of an entry of the resource's `Metadata`, if it has one.
    ///
    /// ```
    /// use rcdk_core::{App, Resource, StackProps, Value};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let queue = Resource::new(&stack, "Q", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    /// queue.add_metadata("team", "payments");
    /// assert_eq!(queue.metadata("team"), Some(Value::from("payments")));
    /// assert_eq!(queue.metadata("owner"), None);
    /// ```
    pub fn metadata(&self, key: &str) -> Option<Value> {
        self.read_data(|r| r.metadata.get(key).cloned()).flatten()
    }

    /// Sets a property (replacing any value it had).
    pub fn set_property(&self, name: &str, value: impl Into<Value>) {
        let v = value.into();
        self.with_data(|r| r.properties.insert(name.to_owned(), v));
    }

    /// A property's current value.
    pub fn property(&self, name: &str) -> Option<Value> {
        self.read_data(|r| r.properties.get(name).cloned()).flatten()
    }

    /// Appends an item to a list property, creating the list if needed.
    pub fn push_to_list_property(&self, name: &str, item: impl Into<Value>) {
        let item = item.into();
        self.with_data(
            |r| match r.properties.entry(name.to_owned()).or_insert(Value::List(Vec::new())) {
                Value::List(items) => items.push(item),
                other => *other = Value::List(vec![item]),
            },
        );
    }

    /// Overrides any part of the rendered resource by a dotted path
    /// (`"Properties.Tags.0.Key"`, `"UpdatePolicy.AutoScalingRollingUpdate"`).
    /// Numeric segments index into lists; `\.` escapes a dot in a key.
    /// Missing objects along the path are created.
    pub fn add_override(&self, path: &str, value: impl Into<Value>) {
        let v = value.into();
        self.with_data(|r| r.overrides.push((split_path(path), Some(v))));
    }

    /// Removes any part of the rendered resource by a dotted path.
    pub fn add_deletion_override(&self, path: &str) {
        self.with_data(|r| r.overrides.push((split_path(path), None)));
    }

    /// [`add_override`](Self::add_override) below `Properties`.
    pub fn add_property_override(&self, path: &str, value: impl Into<Value>) {
        self.add_override(&format!("Properties.{path}"), value);
    }

    /// [`add_deletion_override`](Self::add_deletion_override) below `Properties`.
    pub fn add_property_deletion_override(&self, path: &str) {
        self.add_deletion_override(&format!("Properties.{path}"));
    }

    /// Pins the logical ID instead of deriving it from the path (for example to
    /// adopt a resource of an existing template). Two elements with one logical
    /// ID fail synthesis.
    pub fn override_logical_id(&self, logical_id: &str) {
        self.scope.override_logical_id(logical_id);
    }
}

fn split_path(path: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'.') => {
                chars.next();
                if let Some(s) = out.last_mut() {
                    s.push('.');
                }
            }
            '.' => out.push(String::new()),
            c => {
                if let Some(s) = out.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    out
}
