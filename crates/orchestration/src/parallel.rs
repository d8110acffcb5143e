//! States that run nested definitions: `Parallel` and `Map`, and `Goto` to
//! join a state that already exists.

use rcdk_core::Value;

use crate::chain::{catchers, error_methods, io_methods, Chain, Io, Kind, Retry, StateDef};
use crate::definition::Definition;

/// A `Parallel` state: runs every branch on the same input; its result is
/// the list of the branches' outputs.
#[derive(Clone, Debug)]
pub struct Parallel {
    name: String,
    io: Io,
    branches: Vec<Chain>,
    retry: Vec<Retry>,
    catch: Vec<(Vec<String>, Option<String>, Chain)>,
}

impl Parallel {
    /// A Parallel state; add branches with [`branch`](Self::branch).
    pub fn new(name: &str) -> Parallel {
        Parallel {
            name: name.to_owned(),
            io: Io::default(),
            branches: Vec::new(),
            retry: Vec::new(),
            catch: Vec::new(),
        }
    }
    /// Adds a branch.
    pub fn branch(mut self, branch: impl Into<Chain>) -> Parallel {
        self.branches.push(branch.into());
        self
    }
    /// `Parameters`.
    pub fn parameters(mut self, parameters: impl Into<Value>) -> Parallel {
        self.io.parameters = Some(parameters.into());
        self
    }
    /// `ResultSelector`.
    pub fn result_selector(mut self, selector: impl Into<Value>) -> Parallel {
        self.io.result_selector = Some(selector.into());
        self
    }
    io_methods!();
    error_methods!();
}

/// A branch or processor, rendered: the definition that holds it checks it
/// whole, so its states are named in problems as they are in the document.
fn nested(chain: Chain, errors: &mut Vec<String>, grants: &mut Vec<rcdk_iam::PolicyStatement>) -> Value {
    let d = Definition::render(chain, None);
    errors.extend(d.errors);
    for g in d.grants {
        if !grants.contains(&g) {
            grants.push(g);
        }
    }
    d.asl
}

impl From<Parallel> for Chain {
    fn from(p: Parallel) -> Chain {
        let mut errors = Vec::new();
        let mut grants = Vec::new();
        let mut fields = vec![("Type".to_owned(), Value::from("Parallel"))];
        let mut conflicting_names = false;
        let branches: Vec<Value> = p
            .branches
            .into_iter()
            .map(|b| {
                conflicting_names |= b.conflicting_names;
                nested(b, &mut errors, &mut grants)
            })
            .collect();
        fields.push(("Branches".into(), Value::List(branches)));
        p.io.render(&mut fields);
        let def = StateDef {
            fields,
            next: None,
            kind: Kind::Flow,
            retry: p.retry.iter().map(Retry::render).collect(),
            catch: catchers(&p.catch),
            grants,
        };
        let mut chain = Chain::single(&p.name, def);
        chain.errors.extend(errors);
        chain.conflicting_names |= conflicting_names;
        for (_, _, h) in p.catch {
            chain.absorb(h);
        }
        chain
    }
}

/// A `Map` state (inline): runs its item processor on each item of a list.
#[derive(Clone, Debug)]
pub struct Map {
    name: String,
    io: Io,
    items_path: Option<String>,
    item_selector: Option<Value>,
    max_concurrency: Option<u32>,
    processor: Option<Chain>,
    retry: Vec<Retry>,
    catch: Vec<(Vec<String>, Option<String>, Chain)>,
}

impl Map {
    /// A Map state; set the processor with [`item_processor`](Self::item_processor).
    pub fn new(name: &str) -> Map {
        Map {
            name: name.to_owned(),
            io: Io::default(),
            items_path: None,
            item_selector: None,
            max_concurrency: None,
            processor: None,
            retry: Vec::new(),
            catch: Vec::new(),
        }
    }
    /// `ItemsPath`: where the list is in the input (default `$`).
    pub fn items_path(mut self, path: &str) -> Map {
        self.items_path = Some(path.to_owned());
        self
    }
    /// `ItemSelector`: the input of each iteration.
    pub fn item_selector(mut self, selector: impl Into<Value>) -> Map {
        self.item_selector = Some(selector.into());
        self
    }
    /// `MaxConcurrency` (0 is unlimited).
    pub fn max_concurrency(mut self, n: u32) -> Map {
        self.max_concurrency = Some(n);
        self
    }
    /// The states run for each item.
    pub fn item_processor(mut self, processor: impl Into<Chain>) -> Map {
        self.processor = Some(processor.into());
        self
    }
    /// `ResultSelector`.
    pub fn result_selector(mut self, selector: impl Into<Value>) -> Map {
        self.io.result_selector = Some(selector.into());
        self
    }
    io_methods!();
    error_methods!();
}

impl From<Map> for Chain {
    fn from(m: Map) -> Chain {
        let mut errors = Vec::new();
        let mut grants = Vec::new();
        let mut fields = vec![("Type".to_owned(), Value::from("Map"))];
        let mut conflicting_names = false;
        // Without a processor the Map renders none, and the check says so.
        if let Some(p) = m.processor {
            conflicting_names = p.conflicting_names;
            let asl = nested(p, &mut errors, &mut grants);
            let mut proc = vec![("ProcessorConfig", Value::object([("Mode", Value::from("INLINE"))]))];
            if let Value::Object(o) = asl {
                for (k, v) in o {
                    proc.push((if k == "StartAt" { "StartAt" } else { "States" }, v));
                }
            }
            fields.push(("ItemProcessor".into(), Value::object(proc)));
        }
        if let Some(p) = m.items_path {
            fields.push(("ItemsPath".into(), p.into()));
        }
        if let Some(s) = m.item_selector {
            fields.push(("ItemSelector".into(), s));
        }
        if let Some(n) = m.max_concurrency {
            fields.push(("MaxConcurrency".into(), n.into()));
        }
        m.io.render(&mut fields);
        let def = StateDef {
            fields,
            next: None,
            kind: Kind::Flow,
            retry: m.retry.iter().map(Retry::render).collect(),
            catch: catchers(&m.catch),
            grants,
        };
        let mut chain = Chain::single(&m.name, def);
        chain.errors.extend(errors);
        chain.conflicting_names |= conflicting_names;
        for (_, _, h) in m.catch {
            chain.absorb(h);
        }
        chain
    }
}

/// A reference to a state defined elsewhere in the same definition, for
/// joins and loops: `.next(Goto::state("Poll"))`. The definition check fails
/// if no state has that name.
#[derive(Clone, Debug)]
pub struct Goto {
    name: String,
}

impl Goto {
    /// Goes to the state called `name`.
    pub fn state(name: &str) -> Goto {
        Goto { name: name.to_owned() }
    }
}

impl From<Goto> for Chain {
    fn from(g: Goto) -> Chain {
        Chain {
            start: g.name,
            states: Default::default(),
            ends: Vec::new(),
            errors: Vec::new(),
            conflicting_names: false,
        }
    }
}
