//! Builds stacks of L1 resources from JSON, for the rule tests.

#![allow(dead_code)]

use std::collections::HashMap;

use rcdk::core::{App, Resource, Scope, StackProps, Value};
use serde_json::Value as Json;

/// A resource to create: construct id (its logical ID, at the stack's top
/// level), type, properties. In the properties, `"@ref:Id"` becomes a `Ref`
/// of the resource `Id` made before, and `"@att:Id:Attr"` its `Fn::GetAtt`.
pub type Res = (&'static str, &'static str, Json);

pub fn to_value(json: &Json, made: &HashMap<String, Resource>) -> Value {
    match json {
        Json::String(s) if s.starts_with("@ref:") => made[&s[5..]].reference().into(),
        Json::String(s) if s.starts_with("@att:") => {
            let (id, att) = s[5..].split_once(':').expect("@att:Id:Attr");
            made[id].get_att::<String>(att).into()
        }
        Json::Array(items) => Value::list(items.iter().map(|v| to_value(v, made))),
        Json::Object(map) => Value::object(map.iter().map(|(k, v)| (k.clone(), to_value(v, made)))),
        other => Value::from_json(other),
    }
}

pub fn add(scope: &Scope, resources: &[Res], made: &mut HashMap<String, Resource>) {
    for (id, type_name, props) in resources {
        let pairs: Vec<(String, Value)> = props
            .as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), to_value(v, made))).collect())
            .unwrap_or_default();
        let r = Resource::new(scope, id, type_name, pairs);
        made.insert((*id).to_owned(), r);
    }
}

/// An app with one stack `S` holding the resources.
pub fn app(resources: &[Res]) -> (App, HashMap<String, Resource>) {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let mut made = HashMap::new();
    add(&stack, resources, &mut made);
    (app, made)
}

/// The logical IDs the rule reports for these resources (built-in pack).
pub fn flagged(rule: &str, resources: &[Res]) -> Vec<String> {
    let (app, _) = app(resources);
    let assembly = match app.synth() {
        Ok(a) => a,
        Err(e) => panic!("the test stack does not synthesize: {e}"),
    };
    let report = rcdk_policy::check(&assembly, &[rcdk_policy::aws_solutions()]);
    report
        .findings()
        .iter()
        .filter(|f| f.rule_id == rule)
        .map(|f| f.logical_id.clone())
        .collect()
}

/// The rule flags `target` in `bad` and not in `good`.
pub fn case(rule: &str, target: &str, bad: &[Res], good: &[Res]) {
    let b = flagged(rule, bad);
    assert!(
        b.iter().any(|id| id == target),
        "{rule} should flag {target} in the violating stack; flagged {b:?}"
    );
    let g = flagged(rule, good);
    assert!(
        !g.iter().any(|id| id == target),
        "{rule} should pass {target} in the passing stack; flagged {g:?}"
    );
}
