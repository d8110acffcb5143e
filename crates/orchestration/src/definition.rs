//! Rendering a chain as an Amazon States Language document, and the checks
//! a definition must pass before it is synthesized.

use std::collections::{BTreeSet, VecDeque};

use indexmap::IndexMap;
use rcdk_core::Value;
use rcdk_iam::PolicyStatement;

use crate::chain::{Chain, Kind};

/// A finished definition: the ASL document (which may hold CloudFormation
/// references) and the permissions its integrations need.
#[derive(Clone, Debug)]
pub struct Definition {
    pub(crate) asl: Value,
    pub(crate) grants: Vec<PolicyStatement>,
    pub(crate) errors: Vec<String>,
}

impl Definition {
    /// Builds and checks a definition: `StartAt` exists, every `Next`,
    /// `Default` and `Catch` target names a state, every state is reachable,
    /// and state names are unique and 1 to 80 characters.
    pub fn build(chain: impl Into<Chain>, comment: Option<&str>) -> Definition {
        let chain = chain.into();
        let mut errors = chain.errors.clone();
        let mut states: IndexMap<String, Value> = IndexMap::new();
        let mut grants: Vec<PolicyStatement> = Vec::new();
        for (name, def) in &chain.states {
            let mut m: IndexMap<String, Value> = def.fields.iter().cloned().collect();
            if !def.retry.is_empty() {
                m.insert("Retry".into(), Value::List(def.retry.clone()));
            }
            if !def.catch.is_empty() {
                let catchers = def.catch.iter().map(|(c, next)| {
                    let mut c = match c {
                        Value::Object(m) => m.clone(),
                        _ => IndexMap::new(),
                    };
                    c.insert("Next".into(), next.as_str().into());
                    Value::Object(c)
                });
                m.insert("Catch".into(), Value::list(catchers));
            }
            match (def.kind, &def.next) {
                (Kind::Flow, Some(next)) => {
                    m.insert("Next".into(), next.as_str().into());
                }
                (Kind::Flow, None) => {
                    m.insert("End".into(), true.into());
                }
                _ => {}
            }
            for g in &def.grants {
                if !grants.contains(g) {
                    grants.push(g.clone());
                }
            }
            states.insert(name.clone(), Value::Object(m));
        }
        check_graph(&chain.start, &states, &mut errors);
        let mut doc = Vec::new();
        if let Some(c) = comment {
            doc.push(("Comment", Value::from(c)));
        }
        doc.push(("StartAt", chain.start.as_str().into()));
        doc.push(("States", Value::Object(states)));
        Definition {
            asl: Value::object(doc),
            grants,
            errors,
        }
    }

    /// The ASL document.
    pub fn asl(&self) -> &Value {
        &self.asl
    }

    /// Problems found; empty for a valid definition.
    pub fn errors(&self) -> &[String] {
        &self.errors
    }
}

/// The states a state can go to next.
pub(crate) fn successors(state: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let s = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    out.extend(s(state.get("Next")));
    out.extend(s(state.get("Default")));
    for key in ["Choices", "Catch"] {
        if let Some(Value::List(items)) = state.get(key) {
            out.extend(items.iter().filter_map(|i| s(i.get("Next"))));
        }
    }
    out
}

fn check_graph(start: &str, states: &IndexMap<String, Value>, errors: &mut Vec<String>) {
    if !states.contains_key(start) {
        errors.push(format!(
            "StartAt names {start:?}, which is not a state of the definition; start the chain with a state of that name"
        ));
        return;
    }
    for (name, state) in states {
        for next in successors(state) {
            if !states.contains_key(&next) {
                errors.push(format!(
                    "state {name:?} goes to {next:?}, which is not a state of the definition; add a state named {next:?} to the chain or go to an existing one"
                ));
            }
        }
    }
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([start.to_owned()]);
    while let Some(n) = queue.pop_front() {
        if !seen.insert(n.clone()) {
            continue;
        }
        if let Some(s) = states.get(&n) {
            queue.extend(successors(s));
        }
    }
    for name in states.keys() {
        if !seen.contains(name) {
            errors.push(format!("state {name:?} cannot be reached from StartAt {start:?}"));
        }
    }
}
