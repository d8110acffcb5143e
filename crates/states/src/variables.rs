//! Workflow variables (`Assign` and `$name`), as the AWS docs' "Passing
//! data between states with variables" page describes them
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
//!
//! - A state's `Assign` is evaluated when the state ends, with the state's
//!   input and result, and every expression in it reads the variables as
//!   they were when the state was entered; the new values are visible from
//!   the next state on.
//! - The top-level states share one scope. Each Parallel branch and each Map
//!   iteration runs in a scope of its own: it reads the variables of the
//!   scopes around it, but cannot assign them (the definition is refused
//!   when it tries), and what it assigns is gone when it ends. A distributed
//!   Map's child workflows read no outer variables.
//! - A variable is at most 256 KiB, one `Assign` at most 256 KiB in all,
//!   and an execution's variables at most 10 MiB together; more fails with
//!   `States.DataLimitExceeded`.
//!
//! [`Variables`] is the public view of the variables an execution, a state
//! or [`crate::test_state`] sees: name to value, the innermost scope winning.

use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::{Map, Value as Json};

use crate::limits::{measure, MAX_PAYLOAD_BYTES};

/// The longest a variable name may be.
pub const MAX_NAME_CHARS: usize = 80;

/// The most bytes (as JSON text) an execution's variables hold together: 10 MiB.
pub const MAX_TOTAL_BYTES: usize = 10 * 1024 * 1024;

/// The most bytes one variable, and one `Assign` in all, may hold: 256 KiB.
pub const MAX_ASSIGN_BYTES: usize = MAX_PAYLOAD_BYTES;

/// Workflow variables by name, as a state sees them (the innermost scope's
/// value of a name wins).
pub type Variables = Map<String, Json>;

/// Why a name cannot be a variable's, if it cannot: what a definition's
/// `Assign` keys are checked with.
///
/// ```
/// use rcdk_states::variables::name_problem;
/// assert!(name_problem("orderId").is_none());
/// assert!(name_problem("_x2").is_none());
/// assert!(name_problem("2x").unwrap().contains("must start with a letter or '_'"));
/// assert!(name_problem("states").unwrap().contains("reserved"));
/// ```
pub fn name_problem(name: &str) -> Option<String> {
    if name == "states" {
        return Some("\"states\" is reserved ($states is the JSONata states' variable); choose another name".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Some(format!("a variable name is at most {MAX_NAME_CHARS} characters"));
    }
    if !crate::path::is_variable_name(name) {
        return Some(format!(
            "{name:?} is not a variable name: it must start with a letter or '_' and hold only letters, digits and '_'"
        ));
    }
    None
}

/// One scope of variables: the top level of an execution, a Parallel
/// branch or a Map iteration. It reads the scopes around it (`parent`).
#[derive(Debug, Default)]
pub(crate) struct Scope<'p> {
    parent: Option<&'p Scope<'p>>,
    own: IndexMap<String, (Arc<Json>, usize)>,
    own_bytes: usize,
}

impl<'p> Scope<'p> {
    /// An execution's top scope, with no variables.
    pub(crate) fn root() -> Scope<'static> {
        Scope::default()
    }

    /// A top scope holding `vars` (TestState's `variables`).
    pub(crate) fn with(vars: &Variables) -> Scope<'static> {
        let mut s = Scope::default();
        for (k, v) in vars {
            let bytes = measure(v, usize::MAX).unwrap_or(0);
            s.own_bytes += bytes;
            s.own.insert(k.clone(), (Arc::new(v.clone()), bytes));
        }
        s
    }

    /// A scope inside this one (a branch's or an iteration's).
    pub(crate) fn child(&'p self) -> Scope<'p> {
        Scope {
            parent: Some(self),
            own: IndexMap::new(),
            own_bytes: 0,
        }
    }

    /// The value of `name` in this scope or the nearest around it.
    pub(crate) fn get(&self, name: &str) -> Option<&Json> {
        let mut s = Some(self);
        while let Some(scope) = s {
            if let Some((v, _)) = scope.own.get(name) {
                return Some(v);
            }
            s = scope.parent;
        }
        None
    }

    /// Whether a scope around this one (not this one) has `name`.
    pub(crate) fn outer_has(&self, name: &str) -> bool {
        self.parent.is_some_and(|p| p.get(name).is_some())
    }

    fn total_bytes(&self) -> usize {
        let mut total = 0usize;
        let mut s = Some(self);
        while let Some(scope) = s {
            total = total.saturating_add(scope.own_bytes);
            s = scope.parent;
        }
        total
    }

    /// Every variable this scope sees, the innermost value of a name winning.
    pub(crate) fn visible(&self) -> Variables {
        let mut chain = Vec::new();
        let mut s = Some(self);
        while let Some(scope) = s {
            chain.push(scope);
            s = scope.parent;
        }
        let mut out = Map::new();
        for scope in chain.into_iter().rev() {
            for (k, (v, _)) in &scope.own {
                out.insert(k.clone(), Json::clone(v));
            }
        }
        out
    }

    /// Sets the variables a state assigned (checked by [`Scope::check`]).
    pub(crate) fn assign(&mut self, values: Assigned) {
        for (k, v, bytes) in values.0 {
            self.own_bytes = self.own_bytes.saturating_add(bytes);
            if let Some((_, old)) = self.own.insert(k, (v, bytes)) {
                self.own_bytes -= old;
            }
        }
    }

    /// Whether `values` may be assigned here: none of them names a variable
    /// of an outer scope, and the execution's variables stay within 10 MiB.
    /// The error is a `States.*` name and a cause.
    pub(crate) fn check(&self, values: &Assigned, state: &str) -> Result<(), (String, String)> {
        if let Some((k, _, _)) = values.0.iter().find(|(k, _, _)| self.outer_has(k)) {
            return Err((
                "States.Runtime".into(),
                format!(
                    "State {state:?} assigns variable {k:?}, which belongs to an outer scope: a Parallel branch or Map iteration reads outer variables but cannot assign them; return the value in the state's output instead"
                ),
            ));
        }
        let replaced: usize = values
            .0
            .iter()
            .filter_map(|(k, _, _)| self.own.get(k).map(|(_, b)| *b))
            .sum();
        let added: usize = values.0.iter().map(|(_, _, b)| *b).sum();
        let total = self.total_bytes().saturating_sub(replaced).saturating_add(added);
        if total > MAX_TOTAL_BYTES {
            return Err((
                "States.DataLimitExceeded".into(),
                format!(
                    "State {state:?} would make the execution's variables {total} bytes, more than the {MAX_TOTAL_BYTES} bytes (10 MiB) an execution may store"
                ),
            ));
        }
        Ok(())
    }
}

/// The values one `Assign` gives, with their sizes, in the order written.
#[derive(Debug, Default)]
pub(crate) struct Assigned(pub(crate) Vec<(String, Arc<Json>, usize)>);

impl Assigned {
    /// The values as the history's `assignedVariables` shows them (each as
    /// its JSON text), and whether that was truncated: as in AWS's
    /// `assignedVariablesDetails`, a history event holds at most 256 KiB,
    /// so variables that would not fit are left out.
    pub(crate) fn history(&self) -> (Json, bool) {
        let mut out = Map::new();
        let mut bytes = 2usize;
        let mut truncated = false;
        for (k, v, _) in &self.0 {
            let text = Json::String(serde_json::to_string(&**v).unwrap_or_default());
            let size = measure(&text, usize::MAX).unwrap_or(usize::MAX)
                + measure(&Json::String(k.clone()), usize::MAX).unwrap_or(usize::MAX)
                + 2;
            if bytes.saturating_add(size) > MAX_PAYLOAD_BYTES {
                truncated = true;
                continue;
            }
            bytes += size;
            out.insert(k.clone(), text);
        }
        (Json::Object(out), truncated)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
