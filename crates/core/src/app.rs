//! The root of the construct tree.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::graph::{Graph, NodeKind};
use crate::scope::{Construct, Scope};
use crate::stack::{Stack, StackData, StackProps};
use crate::synth::Assembly;
use crate::{SynthError, SynthErrors, Warning};

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
    checks: RefCell<Vec<Check>>,
}

/// A check of the synthesized assembly ([`App::add_check`]).
type Check = Box<dyn Fn(&Assembly) -> Vec<Issue>>;

/// What a check added with [`App::add_check`] found about a construct.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Issue {
    /// Fails synthesis, as a construct's own error does.
    Error {
        /// The construct path.
        path: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A warning on the assembly; `synth --strict` fails on it.
    Warning {
        /// The construct path.
        path: String,
        /// What is wrong and how to fix it.
        message: String,
    },
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
            checks: RefCell::new(Vec::new()),
        }
    }

    /// Writes each resource's [source location](crate::SourceLocation) into
    /// its `Metadata` under `rcdk:location` (`src/main.rs:42:5`), as the CDK
    /// writes `aws:cdk:path`. Off by default, so templates and snapshots do
    /// not change when code moves; errors, warnings and policy findings
    /// name the line either way.
    ///
    /// ```
    /// use rcdk_core::{App, Resource, StackProps, Value};
    /// let app = App::new();
    /// app.set_location_metadata(true);
    /// let stack = app.stack("S", StackProps::default());
    /// let line = line!() + 1;
    /// Resource::new(&stack, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    /// let assembly = app.synth().unwrap();
    /// let queue = &assembly.stacks()[0].template()["Resources"]["Queue"];
    /// assert_eq!(queue["Metadata"]["rcdk:location"], format!("{}:{line}:1", file!()));
    /// ```
    pub fn set_location_metadata(&self, on: bool) {
        self.root.graph_mut().location_metadata = on;
    }

    /// Adds a stack. Its `id` is its name unless `props.stack_name` says otherwise.
    #[track_caller]
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
    /// on every run. Returns every problem found, not just the first: the
    /// constructs' and synthesis's own, then those of the checks added with
    /// [`add_check`](Self::add_check), which run on the finished assembly.
    pub fn synth(&self) -> Result<Assembly, SynthErrors> {
        self.prepare();
        let mut assembly = crate::synth::synthesize(&self.root.graph.borrow())?;
        let mut errors = Vec::new();
        for check in self.checks.borrow().iter() {
            for issue in check(&assembly) {
                match issue {
                    Issue::Error { path, message } => errors.push(SynthError::Construct { path, message }),
                    Issue::Warning { path, message } => assembly.warnings.push(Warning::new(path, message)),
                }
            }
        }
        // Checks run without the tree borrowed: one may read it.
        let graph = self.root.graph.borrow();
        crate::synth::locate_warnings(&graph, &mut assembly.warnings);
        if errors.is_empty() {
            Ok(assembly)
        } else {
            Err(SynthErrors::located(errors, &graph))
        }
    }

    /// Runs the passes registered with [`Scope::before_synth`] until none
    /// has run on a tree changed after it: a pass that registers another,
    /// or changes what an earlier one read, is followed by the passes it
    /// concerns. An unchanged tree runs none. Passes are idempotent, so
    /// this ends; one that is not is an error, never a loop.
    fn prepare(&self) {
        const ROUNDS: usize = 16;
        // The revision each pass last left the tree at, by position.
        let mut seen: Vec<u64> = Vec::new();
        for round in 0..ROUNDS {
            let (passes, revision) = {
                let g = self.root.graph.borrow();
                if round == 0 && g.prepared == Some(g.revision) {
                    return;
                }
                (g.preparations.clone(), g.revision)
            };
            let stale: Vec<usize> = (0..passes.len()).filter(|i| seen.get(*i) != Some(&revision)).collect();
            if stale.is_empty() {
                self.root.graph.borrow_mut().prepared = Some(revision);
                return;
            }
            seen.resize(passes.len(), u64::MAX);
            for i in stale {
                (passes[i].1)(&self.root);
                seen[i] = self.root.graph.borrow().revision;
            }
        }
        let keys: Vec<&str> = self.root.graph.borrow().preparations.iter().map(|(k, _)| *k).collect();
        self.root.add_error(format!(
            "the passes registered with before_synth ({}) still change the tree after {ROUNDS} rounds: a pass must leave a tree it already prepared unchanged",
            keys.join(", ")
        ));
    }

    /// Adds a check of the synthesized assembly, run by every
    /// [`synth`](Self::synth): a policy pack (`rcdk-policy`), an
    /// organisation's own rules. Its errors fail synthesis; its warnings are
    /// the assembly's.
    ///
    /// ```
    /// use rcdk_core::{App, Issue, Resource, StackProps, Value};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// Resource::new(&stack, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
    /// app.add_check(|assembly| {
    ///     let stack = &assembly.stacks()[0];
    ///     let encrypted = stack.template()["Resources"]["Queue"]["Properties"]["SqsManagedSseEnabled"] == true;
    ///     let path = stack.construct_path("Queue").unwrap_or_default().to_owned();
    ///     if encrypted { vec![] } else { vec![Issue::Error { path, message: "encrypt the queue".into() }] }
    /// });
    /// let errors = app.synth().unwrap_err().to_string();
    /// assert!(errors.ends_with(": error: S/Queue: encrypt the queue\n"), "{errors}");
    /// ```
    pub fn add_check(&self, check: impl Fn(&Assembly) -> Vec<Issue> + 'static) {
        self.checks.borrow_mut().push(Box::new(check));
    }
}

impl Construct for App {
    fn scope(&self) -> &Scope {
        &self.root
    }
}
