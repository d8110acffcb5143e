//! Handles into the construct tree.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::SynthError;
use crate::graph::{Graph, NodeId, NodeKind};
use crate::stack::Stack;
use crate::Warning;

/// A node of the construct tree, and the scope new constructs are created in.
///
/// Every construct is created as `Thing::new(scope, id, props)`. Its node gets
/// `id` as a child of `scope`; its path (`Stack/Vpc/PublicSubnet1`) names it in
/// every error and is the input of its logical ID.
///
/// Scopes are cheap handles: cloning one does not copy the tree.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// let app = App::new();
/// let stack = app.stack("Web", StackProps::default());
/// let network = stack.child("Network");
/// assert_eq!(network.path(), "Web/Network");
/// ```
#[derive(Clone)]
pub struct Scope {
    pub(crate) graph: Rc<RefCell<Graph>>,
    pub(crate) node: NodeId,
}

/// Anything that owns a node of the construct tree: stacks, resources, and the
/// L2 constructs of the construct crates.
pub trait Construct {
    /// The construct's own node.
    fn scope(&self) -> &Scope;
}

impl Construct for Scope {
    fn scope(&self) -> &Scope {
        self
    }
}

impl std::fmt::Debug for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Scope({:?})", self.path())
    }
}

impl Scope {
    /// Adds a template element (resource, output, parameter, ...) as a child.
    #[track_caller]
    pub(crate) fn add_element(&self, id: &str, kind: crate::element::ElementKind) -> Scope {
        let element = crate::element::ElementData {
            logical_id_override: None,
            kind,
        };
        self.add_node(id, NodeKind::Element(Box::new(element)))
    }

    /// Pins this element's logical ID instead of deriving it from the path.
    pub(crate) fn override_logical_id(&self, logical_id: &str) {
        if let Some(e) = self.graph_mut().element_mut(self.node) {
            e.logical_id_override = Some(logical_id.to_owned());
        }
    }

    /// The target a reference to this element resolves through.
    pub(crate) fn element_target(&self) -> crate::value::Target {
        crate::value::Target::Element(crate::value::ElementRef {
            app: self.app_id(),
            node: self.node,
        })
    }

    #[track_caller]
    pub(crate) fn add_node(&self, id: &str, kind: NodeKind) -> Scope {
        let node = self.graph_mut().add(self.node, id, kind);
        Scope {
            graph: self.graph.clone(),
            node,
        }
    }

    /// Creates a plain child construct: a named group for the nodes of an L2
    /// construct.
    ///
    /// It records where it was called from as the construct's
    /// [source location](Self::location); a constructor that calls it should
    /// be `#[track_caller]` too, so the location is its caller's line.
    #[track_caller]
    pub fn child(&self, id: &str) -> Scope {
        self.add_node(id, NodeKind::Construct)
    }

    /// The construct's id, unique among its siblings.
    pub fn id(&self) -> String {
        self.graph.borrow().nodes[self.node].id.clone()
    }

    /// Where the user's code created this construct (see
    /// [`SourceLocation`](crate::SourceLocation)); `None` for the app.
    pub fn location(&self) -> Option<crate::SourceLocation> {
        self.graph.borrow().location(self.node)
    }

    /// The path from the app to this construct, ids joined by `/`.
    pub fn path(&self) -> String {
        self.graph.borrow().path(self.node)
    }

    /// The construct's unique id as the AWS CDK's `Names.uniqueId` makes it:
    /// its whole path, stack included, as a logical ID with its hash. The CDK
    /// derives generated physical names (policies, buses, FIFO topics) and
    /// some construct ids from it, so using it keeps those names the CDK's.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// assert_eq!(stack.child("Bus").unique_id(), "SBus9A63633F");
    /// ```
    pub fn unique_id(&self) -> String {
        let path = self.path();
        let components: Vec<&str> = path.split('/').collect();
        crate::logical_id::make_unique_id(&components).unwrap_or_else(|| self.id())
    }

    /// The stack this construct belongs to.
    ///
    /// Returns `None` only for the app itself.
    pub fn stack(&self) -> Option<Stack> {
        let stack = self.graph.borrow().stack_of(self.node)?;
        Some(Stack::from_scope(Scope {
            graph: self.graph.clone(),
            node: stack,
        }))
    }

    /// Adds a tag to every taggable resource below this scope. A tag set lower
    /// in the tree wins over one set higher up; a tag set on a resource's own
    /// properties wins over both.
    pub fn add_tag(&self, key: &str, value: &str) {
        self.graph_mut().nodes[self.node]
            .tags
            .insert(key.to_owned(), value.to_owned());
    }

    /// Makes every resource below this scope depend on every resource below
    /// `other`. Across stacks this becomes a dependency between the stacks.
    pub fn add_dependency(&self, other: &impl Construct) {
        let other = other.scope().node;
        let mut g = self.graph_mut();
        if !g.nodes[self.node].dependencies.contains(&other) {
            g.nodes[self.node].dependencies.push(other);
        }
    }

    /// Records a problem with this construct. Synthesis fails and reports it,
    /// with this construct's path, together with every other problem found.
    ///
    /// Constructs call this for their own checks instead of panicking.
    pub fn add_error(&self, message: impl Into<String>) {
        let path = self.path();
        self.graph_mut().errors.push(SynthError::Construct {
            path,
            message: message.into(),
        });
    }

    /// Records a warning. Synthesis succeeds and lists it in
    /// [`Assembly::warnings`](crate::Assembly::warnings).
    pub fn add_warning(&self, message: impl Into<String>) {
        let path = self.path();
        self.graph_mut().warnings.push(Warning {
            path,
            message: message.into(),
            location: None,
        });
    }

    /// Runs `prepare` on the app's root before synthesis, once however many
    /// times it is registered under `key`: for a library that records facts
    /// as the app is built and writes them into the resources once the tree
    /// is finished (rcdk-policy writes suppressions this way), as the AWS
    /// CDK's aspects run before synthesis. A synthesis runs it again when
    /// the tree changed since it last ran (another pass's changes
    /// included), so `prepare` must depend on the tree alone and leave a
    /// tree it already prepared unchanged.
    ///
    /// ```
    /// use rcdk_core::{App, Construct, Resource, Scope, StackProps, Value};
    /// fn label(root: &Scope) {
    ///     for resource in root.resources() {
    ///         resource.add_metadata("reviewed", Value::from(true));
    ///     }
    /// }
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// stack.scope().before_synth("example:label", label);
    /// stack.scope().before_synth("example:label", label); // still once
    /// Resource::new(&stack, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    /// let yaml = app.synth().unwrap().stacks()[0].to_yaml();
    /// assert!(yaml.contains("reviewed: true"), "{yaml}");
    /// ```
    pub fn before_synth(&self, key: &'static str, prepare: fn(&Scope)) {
        let mut g = self.graph_mut();
        if !g.preparations.iter().any(|(k, _)| *k == key) {
            g.preparations.push((key, prepare));
        }
    }

    /// Records a fact about this construct (`key` = `value`) that other
    /// constructs of the stack can look up with [`annotated`](Self::annotated),
    /// for checks across constructs (for example overlapping VPC blocks).
    pub fn annotate(&self, key: &str, value: &str) {
        self.graph_mut().nodes[self.node]
            .annotations
            .push((key.to_owned(), value.to_owned()));
    }

    /// The values this construct itself recorded under `key`, in order.
    ///
    /// ```
    /// use rcdk_core::{App, Construct};
    /// let app = App::new();
    /// app.scope().annotate("team", "payments");
    /// assert_eq!(app.scope().annotations("team"), ["payments"]);
    /// ```
    pub fn annotations(&self, key: &str) -> Vec<String> {
        self.graph.borrow().nodes[self.node]
            .annotations
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The constructs of this scope's stack that recorded `key`, with their values, in construction order.
    pub fn annotated(&self, key: &str) -> Vec<(Scope, String)> {
        let g = self.graph.borrow();
        let Some(stack) = g.stack_of(self.node) else {
            return Vec::new();
        };
        g.subtree(stack)
            .into_iter()
            .flat_map(|n| {
                g.nodes[n]
                    .annotations
                    .iter()
                    .filter(|(k, _)| k == key)
                    .map(move |(_, v)| (n, v.clone()))
            })
            .map(|(n, v)| {
                (
                    Scope {
                        graph: self.graph.clone(),
                        node: n,
                    },
                    v,
                )
            })
            .collect()
    }

    /// The resources at and below this construct, in construction order
    /// (depth first), for code that must treat every resource of a construct
    /// alike, such as writing the same `Metadata` on each.
    ///
    /// ```
    /// use rcdk_core::{App, Construct, Resource, StackProps, Value};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let group = stack.child("Group");
    /// Resource::new(&group, "A", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    /// Resource::new(&stack, "B", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    /// let paths: Vec<String> = group.resources().iter().map(|r| r.scope().path()).collect();
    /// assert_eq!(paths, ["S/Group/A"]);
    /// assert_eq!(stack.resources().len(), 2);
    /// ```
    pub fn resources(&self) -> Vec<crate::Resource> {
        let nodes = self.graph.borrow().subtree(self.node);
        nodes
            .into_iter()
            .filter_map(|node| {
                crate::Resource::from_scope(Scope {
                    graph: self.graph.clone(),
                    node,
                })
            })
            .collect()
    }

    /// The construct this one was created in; `None` for the app.
    ///
    /// ```
    /// use rcdk_core::{App, Construct, StackProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let jobs = stack.child("Jobs");
    /// assert!(jobs.parent().unwrap().same_node(stack.scope()));
    /// assert!(app.scope().parent().is_none());
    /// ```
    pub fn parent(&self) -> Option<Scope> {
        let parent = self.graph.borrow().nodes[self.node].parent?;
        Some(Scope {
            graph: self.graph.clone(),
            node: parent,
        })
    }

    /// The tree, to change it: every change counts as a new revision, so
    /// the passes registered with [`before_synth`](Self::before_synth) run
    /// again only when the tree changed since they last ran.
    pub(crate) fn graph_mut(&self) -> std::cell::RefMut<'_, Graph> {
        let mut g = self.graph.borrow_mut();
        g.revision += 1;
        g
    }

    /// True when both handles point at the same node of the same app.
    pub fn same_node(&self, other: &Scope) -> bool {
        Rc::ptr_eq(&self.graph, &other.graph) && self.node == other.node
    }

    pub(crate) fn app_id(&self) -> u64 {
        self.graph.borrow().app_id
    }
}
