//! The arena that holds an app's construct tree. Private: users hold
//! [`Scope`](crate::Scope) handles into it.

use indexmap::IndexMap;

use crate::element::ElementData;
use crate::error::SynthError;
use crate::stack::StackData;

/// Index of a node in its app's arena.
pub(crate) type NodeId = usize;

/// Work run on the finished tree before synthesis, from its root.
pub(crate) type Preparation = fn(&crate::Scope);

pub(crate) struct Graph {
    pub(crate) app_id: u64,
    pub(crate) nodes: Vec<Node>,
    /// Problems found while the tree was built (duplicate ids, construct checks);
    /// reported, all together, by synthesis.
    pub(crate) errors: Vec<SynthError>,
    pub(crate) warnings: Vec<crate::Warning>,
    /// Whether resources carry their source location in `Metadata`
    /// ([`App::set_location_metadata`](crate::App::set_location_metadata)).
    pub(crate) location_metadata: bool,
    /// Work run on the finished tree before each synthesis
    /// ([`Scope::before_synth`](crate::Scope::before_synth)), once per key.
    pub(crate) preparations: Vec<(&'static str, Preparation)>,
    /// Counts changes to the tree (`Scope::graph_mut`).
    pub(crate) revision: u64,
    /// The revision the preparations left the tree at, when they last ran.
    pub(crate) prepared: Option<u64>,
}

pub(crate) struct Node {
    pub(crate) id: String,
    pub(crate) parent: Option<NodeId>,
    pub(crate) children: IndexMap<String, NodeId>,
    pub(crate) kind: NodeKind,
    /// Tags set on this scope; they apply to every taggable resource below it.
    pub(crate) tags: IndexMap<String, String>,
    /// Scopes whose resources every resource below this one depends on.
    pub(crate) dependencies: Vec<NodeId>,
    /// Facts constructs record about themselves for other constructs' checks.
    pub(crate) annotations: Vec<(String, String)>,
    /// Where the user's code created the node (`#[track_caller]` carries it
    /// through rcdk's constructors); `None` for the app.
    pub(crate) location: Option<&'static std::panic::Location<'static>>,
}

pub(crate) enum NodeKind {
    App,
    Stack(Box<StackData>),
    Construct,
    Element(Box<ElementData>),
}

impl Graph {
    pub(crate) fn new(app_id: u64) -> Graph {
        Graph {
            app_id,
            nodes: vec![Node {
                id: String::new(),
                parent: None,
                children: IndexMap::new(),
                kind: NodeKind::App,
                tags: IndexMap::new(),
                dependencies: Vec::new(),
                annotations: Vec::new(),
                location: None,
            }],
            errors: Vec::new(),
            warnings: Vec::new(),
            location_metadata: false,
            preparations: Vec::new(),
            revision: 0,
            prepared: None,
        }
    }

    /// Adds a node under `parent`, recording an error (never panicking) when the
    /// id is empty, contains `/`, or is already taken among its siblings.
    #[track_caller]
    pub(crate) fn add(&mut self, parent: NodeId, id: &str, kind: NodeKind) -> NodeId {
        let node = self.nodes.len();
        self.nodes.push(Node {
            id: id.to_owned(),
            parent: Some(parent),
            children: IndexMap::new(),
            kind,
            tags: IndexMap::new(),
            dependencies: Vec::new(),
            annotations: Vec::new(),
            location: Some(std::panic::Location::caller()),
        });
        let path = self.path(node);
        if id.is_empty() {
            self.errors.push(SynthError::InvalidId {
                path: self.path(parent),
                id: id.to_owned(),
                reason: "an id must not be empty".into(),
            });
        } else if id.contains('/') {
            self.errors.push(SynthError::InvalidId {
                path,
                id: id.to_owned(),
                reason: "an id must not contain '/', the path separator".into(),
            });
        } else if self.nodes[parent].children.contains_key(id) {
            self.errors.push(SynthError::DuplicateId { path });
        } else {
            self.nodes[parent].children.insert(id.to_owned(), node);
        }
        node
    }

    /// Where the user's code created the node: its own location, or, when
    /// that is inside a library (a constructor without `#[track_caller]`),
    /// its nearest ancestor's that is not; the node's own if none is.
    pub(crate) fn location(&self, node: NodeId) -> Option<crate::SourceLocation> {
        let own = self.nodes[node].location;
        let mut cur = Some(node);
        while let Some(n) = cur {
            if let Some(l) = self.nodes[n].location {
                if !crate::location::is_library_source(l.file()) {
                    return Some(crate::SourceLocation::from_caller(l));
                }
            }
            cur = self.nodes[n].parent;
        }
        own.map(crate::SourceLocation::from_caller)
    }

    /// The location of the node at `path`, for problems reported by path.
    pub(crate) fn location_of_path(&self, path: &str) -> Option<crate::SourceLocation> {
        let mut node = 0;
        for id in path.split('/').filter(|id| !id.is_empty()) {
            node = *self.nodes[node].children.get(id)?;
        }
        self.location(node)
    }

    /// The node's path from the app, ids joined by `/` (the app itself is `""`).
    pub(crate) fn path(&self, node: NodeId) -> String {
        let mut ids = Vec::new();
        let mut cur = Some(node);
        while let Some(n) = cur {
            if n != 0 {
                ids.push(self.nodes[n].id.as_str());
            }
            cur = self.nodes[n].parent;
        }
        ids.reverse();
        ids.join("/")
    }

    /// The stack that contains `node` (the node itself if it is a stack).
    pub(crate) fn stack_of(&self, node: NodeId) -> Option<NodeId> {
        let mut cur = Some(node);
        while let Some(n) = cur {
            if matches!(self.nodes[n].kind, NodeKind::Stack(_)) {
                return Some(n);
            }
            cur = self.nodes[n].parent;
        }
        None
    }

    /// Ids of the nodes from just below the stack down to `node`.
    pub(crate) fn components_below_stack(&self, node: NodeId) -> Vec<&str> {
        let mut ids = Vec::new();
        let mut cur = Some(node);
        while let Some(n) = cur {
            if matches!(self.nodes[n].kind, NodeKind::Stack(_) | NodeKind::App) {
                break;
            }
            ids.push(self.nodes[n].id.as_str());
            cur = self.nodes[n].parent;
        }
        ids.reverse();
        ids
    }

    /// `node` and its descendants in construction order (depth first, pre-order).
    pub(crate) fn subtree(&self, node: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.values().rev().copied());
        }
        out
    }

    pub(crate) fn element(&self, node: NodeId) -> Option<&ElementData> {
        match &self.nodes[node].kind {
            NodeKind::Element(e) => Some(e),
            _ => None,
        }
    }

    pub(crate) fn element_mut(&mut self, node: NodeId) -> Option<&mut ElementData> {
        match &mut self.nodes[node].kind {
            NodeKind::Element(e) => Some(e),
            _ => None,
        }
    }

    pub(crate) fn stack_data(&self, node: NodeId) -> Option<&StackData> {
        match &self.nodes[node].kind {
            NodeKind::Stack(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn stack_data_mut(&mut self, node: NodeId) -> Option<&mut StackData> {
        match &mut self.nodes[node].kind {
            NodeKind::Stack(s) => Some(s),
            _ => None,
        }
    }
}
