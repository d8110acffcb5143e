//! The root of the construct tree.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::graph::{Graph, NodeKind};
use crate::scope::{Construct, Scope};
use crate::stack::{Stack, StackData, StackProps};
use crate::synth::Assembly;
use crate::SynthErrors;

/// An rcdk application: the root of the construct tree, holding stacks.
///
/// ```
/// use rcdk_core::{App, StackProps, Resource, Value};
/// let app = App::new();
/// let stack = app.stack("Example", StackProps::default());
/// Resource::new(&stack, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
/// let assembly = app.synth().expect("a valid app");
/// assert_eq!(assembly.stacks().len(), 1);
/// ```
pub struct App {
    root: Scope,
}

impl Default for App {
    fn default() -> Self {
        App::new()
    }
}

/// Distinguishes apps so a handle from one app used in another is caught.
/// It never reaches the output.
static NEXT_APP_ID: AtomicU64 = AtomicU64::new(1);

impl App {
    /// Creates an empty app.
    pub fn new() -> App {
        let graph = Graph::new(NEXT_APP_ID.fetch_add(1, Ordering::Relaxed));
        App {
            root: Scope {
                graph: Rc::new(RefCell::new(graph)),
                node: 0,
            },
        }
    }

    /// Adds a stack. Its `id` is its name unless `props.stack_name` says otherwise.
    pub fn stack(&self, id: &str, props: StackProps) -> Stack {
        let tags = props.tags.clone();
        let bad_qualifier = props
            .bootstrap_qualifier
            .clone()
            .filter(|q| !crate::asset::is_qualifier(q));
        let scope = self
            .root
            .add_node(id, NodeKind::Stack(Box::new(StackData::new(id, props))));
        for (k, v) in &tags {
            scope.add_tag(k, v);
        }
        if let Some(q) = bad_qualifier {
            scope.add_error(format!(
                "bootstrap_qualifier {q:?} cannot name a bucket: use 1 to 10 lowercase letters and digits, as `bootstrap --qualifier` does"
            ));
        }
        Stack::from_scope(scope)
    }

    /// The app's stacks, in the order they were added.
    pub fn stacks(&self) -> Vec<Stack> {
        let g = self.root.graph.borrow();
        g.nodes[0]
            .children
            .values()
            .filter(|n| g.stack_data(**n).is_some())
            .map(|n| {
                Stack::from_scope(Scope {
                    graph: self.root.graph.clone(),
                    node: *n,
                })
            })
            .collect()
    }

    /// Synthesizes every stack: a pure function of the tree, byte-identical
    /// on every run. Returns every problem found, not just the first.
    pub fn synth(&self) -> Result<Assembly, SynthErrors> {
        crate::synth::synthesize(&self.root.graph.borrow())
    }
}

impl Construct for App {
    fn scope(&self) -> &Scope {
        &self.root
    }
}
