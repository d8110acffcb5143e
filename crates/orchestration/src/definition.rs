//! Rendering a chain as an Amazon States Language document, and checking it
//! with rcdk-states, the checker the local interpreter loads with, so that
//! synth refuses what `CreateStateMachine` would and what runs locally is
//! what deploys.

use indexmap::IndexMap;
use rcdk_core::Value;
use rcdk_iam::PolicyStatement;

use crate::chain::{Chain, Kind};
use crate::state_machine::{extract_substitutions, fill_partition_substitutions, partition_only_json, QueryLanguage};

/// A finished definition: the ASL document (which may hold CloudFormation
/// references), the permissions its integrations need, and the problems
/// found in it.
#[derive(Clone, Debug)]
pub struct Definition {
    pub(crate) asl: Value,
    pub(crate) grants: Vec<PolicyStatement>,
    pub(crate) errors: Vec<String>,
    pub(crate) warnings: Vec<String>,
    /// References a JSONata expression holds as `${Name}` text, by name.
    pub(crate) substitutions: IndexMap<String, Value>,
}

impl Definition {
    /// Builds and checks a definition. The builders check what the rendered
    /// document cannot show (two states of one name, control characters in
    /// names, numbers JSON cannot hold); rcdk-states checks the document as
    /// it deploys (`StartAt` and every transition name a state, every state
    /// is reachable and can reach an end, names are 1 to 80 characters,
    /// paths, intrinsic functions, retry and timeout ranges, ...).
    ///
    /// ```
    /// use rcdk_orchestration::{Definition, Pass};
    /// let d = Definition::build(Pass::new("A").input_path("order"), None);
    /// assert_eq!(d.errors(), ["state \"A\": States.A.InputPath: invalid JSONPath \"order\": a path must start with '$'"]);
    /// ```
    pub fn build(chain: impl Into<Chain>, comment: Option<&str>) -> Definition {
        Definition::checked(chain.into(), comment, None, QueryLanguage::JsonPath)
    }

    /// Renders `chain` with the top-level fields and checks the whole.
    pub(crate) fn checked(
        chain: Chain,
        comment: Option<&str>,
        timeout_seconds: Option<u64>,
        language: QueryLanguage,
    ) -> Definition {
        let conflicting_names = chain.conflicting_names;
        let mut d = Definition::render(chain, comment);
        if language == QueryLanguage::Jsonata {
            d.rewrite_in_jsonata();
        }
        if let (Some(t), Value::Object(doc)) = (timeout_seconds, &mut d.asl) {
            doc.insert(
                "TimeoutSeconds".into(),
                Value::Int(i64::try_from(t).unwrap_or(i64::MAX)),
            );
        }
        non_finite_numbers(&d.asl, "", &mut d.errors);
        // With two states of one name only the first was kept: the graph
        // rcdk-states would check is not the one written.
        if !conflicting_names {
            if let Err(e) = rcdk_states::validate(&d.to_json()) {
                for diagnostic in e.0 {
                    let message = match &diagnostic.state {
                        Some(state) => format!("state {state:?}: {}: {}", diagnostic.location, diagnostic.message),
                        None => format!("{}: {}", diagnostic.location, diagnostic.message),
                    };
                    if diagnostic.unsupported {
                        d.warnings.push(message);
                    } else {
                        d.errors.push(message);
                    }
                }
            }
        }
        d
    }

    /// Renders `chain` without checking it: a Parallel branch or a Map
    /// processor, checked as part of the definition that holds it.
    pub(crate) fn render(chain: Chain, comment: Option<&str>) -> Definition {
        let errors = chain.errors.clone();
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
            warnings: Vec::new(),
            substitutions: IndexMap::new(),
        }
    }

    /// Rewrites the document in JSONata (`rcdk_states::to_jsonata`, the one
    /// translation). CloudFormation references travel through it as
    /// `${Name}` placeholders and come back as references; one that ends up
    /// inside an expression stays a placeholder, named in `substitutions`.
    fn rewrite_in_jsonata(&mut self) {
        let (asl, subs) = extract_substitutions(&self.asl, IndexMap::new());
        match rcdk_states::to_jsonata(&finite_json(&asl)) {
            Ok(translated) => {
                self.asl = restore_references(&Value::from_json(&translated), &subs, &mut self.substitutions);
            }
            Err(errors) => self.errors.extend(errors),
        }
    }

    /// The ASL document.
    ///
    /// ```
    /// use rcdk_orchestration::{Definition, Succeed};
    /// let d = Definition::build(Succeed::new("Done"), None);
    /// assert_eq!(d.asl().get("StartAt"), Some(&"Done".into()));
    /// ```
    pub fn asl(&self) -> &Value {
        &self.asl
    }

    /// Problems found; empty for a valid definition. Each names its state
    /// when it is in one, and the field (`States.A.InputPath`) when
    /// rcdk-states found it.
    ///
    /// ```
    /// use rcdk_orchestration::{Definition, Succeed};
    /// assert!(Definition::build(Succeed::new("Done"), None).errors().is_empty());
    /// ```
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// What AWS accepts but the local interpreter does not run yet (a
    /// JSONata expression for a task's timeout, a distributed Map's
    /// manifest reader): the state machine deploys, and synthesis lists
    /// these as warnings.
    ///
    /// ```
    /// use rcdk_orchestration::{Definition, Pass};
    /// // `$order` reads a workflow variable, which runs locally.
    /// let d = Definition::build(Pass::new("A").input_path("$order"), None);
    /// assert!(d.errors().is_empty() && d.warnings().is_empty());
    /// ```
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The document as Step Functions and rcdk-states read it: references
    /// as `${Placeholder}`s, those the partition decides filled in (a number
    /// JSON cannot hold, reported as an error, stands in as 1).
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let (asl, subs) = extract_substitutions(&self.asl, self.substitutions.clone());
        let mut definition = finite_json(&asl);
        let subs: serde_json::Map<String, serde_json::Value> = subs
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), partition_only_json(v)?)))
            .collect();
        fill_partition_substitutions(&mut definition, &serde_json::Value::Object(subs));
        definition
    }
}

/// Puts back each reference that a placeholder stands for; a placeholder
/// inside a longer string (an expression) stays, and its reference is kept
/// in `embedded`.
fn restore_references(v: &Value, subs: &IndexMap<String, Value>, embedded: &mut IndexMap<String, Value>) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), restore_references(v, subs, embedded)))
                .collect(),
        ),
        Value::List(items) => Value::List(items.iter().map(|i| restore_references(i, subs, embedded)).collect()),
        Value::String(s) => {
            let whole = s.strip_prefix("${").and_then(|r| r.strip_suffix('}'));
            if let Some(reference) = whole.and_then(|name| subs.get(name)) {
                return reference.clone();
            }
            for (name, reference) in subs {
                if s.contains(&format!("${{{name}}}")) {
                    embedded.insert(name.clone(), reference.clone());
                }
            }
            v.clone()
        }
        other => other.clone(),
    }
}

/// Reports every number JSON cannot hold (NaN, infinities: a `BackoffRate`
/// of `f64::NAN`), which a template would write as `null`, with its state
/// and field as rcdk-states names them (`States.P.Branches[0].States.B`).
fn non_finite_numbers(doc: &Value, prefix: &str, errors: &mut Vec<String>) {
    let Some(Value::Object(states)) = doc.get("States") else {
        return;
    };
    for (name, state) in states {
        let here = format!("{prefix}States.{name}");
        let Value::Object(fields) = state else { continue };
        for (key, v) in fields {
            let at = format!("{here}.{key}");
            match (key.as_str(), v) {
                ("Branches", Value::List(branches)) => {
                    for (i, b) in branches.iter().enumerate() {
                        non_finite_numbers(b, &format!("{at}[{i}]."), errors);
                    }
                }
                ("ItemProcessor", _) => non_finite_numbers(v, &format!("{at}."), errors),
                _ => non_finite_in(v, &at, name, errors),
            }
        }
    }
}

fn non_finite_in(v: &Value, location: &str, state: &str, errors: &mut Vec<String>) {
    match v {
        Value::Float(f) if !f.is_finite() => errors.push(format!(
            "state {state:?}: {location}: {f} is not a number JSON can hold (the template would write null); use a finite number"
        )),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, item)| non_finite_in(item, &format!("{location}.{k}"), state, errors)),
        Value::List(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, item)| non_finite_in(item, &format!("{location}[{i}]"), state, errors)),
        _ => {}
    }
}

/// Plain JSON of a document without intrinsics. A number JSON cannot hold
/// is reported on its own, so here it stands in as 1, which every numeric
/// field of the States Language takes: the rest of the document is still
/// checked, and the one mistake is not reported again as a missing or
/// invalid field.
fn finite_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Float(f) => serde_json::Number::from_f64(if f.is_finite() { *f } else { 1.0 })
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::List(items) => serde_json::Value::Array(items.iter().map(finite_json).collect()),
        Value::Object(m) => serde_json::Value::Object(m.iter().map(|(k, v)| (k.clone(), finite_json(v))).collect()),
        other => other.to_json().unwrap_or_default(),
    }
}
