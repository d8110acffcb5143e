//! Assertions on synthesized templates for unit tests, in the spirit of the
//! AWS CDK's `Template` assertions. They panic with a readable message, as
//! test assertions do.
//!
//! ```
//! use rcdk_core::{App, StackProps, Resource, Value};
//! use rcdk_core::assertions::Template;
//! use serde_json::json;
//!
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! Resource::new(&stack, "Queue", "AWS::SQS::Queue", [("DelaySeconds", Value::from(5))]);
//! let template = Template::from_stack(app.synth().unwrap().stack("S").unwrap());
//! template.resource_count_is("AWS::SQS::Queue", 1);
//! template.has_resource_properties("AWS::SQS::Queue", json!({"DelaySeconds": 5}));
//! ```

use serde_json::Value as Json;

use crate::StackArtifact;

/// A synthesized template under test.
#[derive(Clone, Debug)]
pub struct Template {
    json: Json,
}

impl Template {
    /// The template of a synthesized stack.
    pub fn from_stack(stack: &StackArtifact) -> Template {
        Template {
            json: stack.template().clone(),
        }
    }

    /// A template given as JSON.
    pub fn from_json(json: Json) -> Template {
        Template { json }
    }

    /// The template as JSON.
    pub fn json(&self) -> &Json {
        &self.json
    }

    fn section(&self, name: &str) -> Vec<(&str, &Json)> {
        self.json
            .get(name)
            .and_then(Json::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default()
    }

    /// Resources of `type_name` whose properties match `properties` (see [`matches`]).
    pub fn find_resources(&self, type_name: &str, properties: Json) -> Vec<(String, Json)> {
        let empty = Json::Object(Default::default());
        self.section("Resources")
            .into_iter()
            .filter(|(_, r)| r.get("Type").and_then(Json::as_str) == Some(type_name))
            .filter(|(_, r)| matches(r.get("Properties").unwrap_or(&empty), &properties))
            .map(|(k, r)| (k.to_owned(), r.clone()))
            .collect()
    }

    /// Asserts the template has exactly `count` resources of `type_name`.
    pub fn resource_count_is(&self, type_name: &str, count: usize) {
        let n = self.find_resources(type_name, Json::Object(Default::default())).len();
        assert_eq!(n, count, "expected {count} resource(s) of type {type_name}, found {n}");
    }

    /// Asserts some resource of `type_name` has properties matching `properties`.
    pub fn has_resource_properties(&self, type_name: &str, properties: Json) {
        if self.find_resources(type_name, properties.clone()).is_empty() {
            panic!(
                "no {type_name} has properties matching\n{}\nresources of that type:\n{}",
                pretty(&properties),
                self.of_type(type_name)
            );
        }
    }

    /// Asserts some resource of `type_name` matches `resource` as a whole
    /// (`Properties`, `DependsOn`, `DeletionPolicy`, ...).
    pub fn has_resource(&self, type_name: &str, resource: Json) {
        let found = self
            .section("Resources")
            .into_iter()
            .any(|(_, r)| r.get("Type").and_then(Json::as_str) == Some(type_name) && matches(r, &resource));
        assert!(
            found,
            "no {type_name} matches\n{}\nresources of that type:\n{}",
            pretty(&resource),
            self.of_type(type_name)
        );
    }

    /// Asserts an output with this logical ID exists and matches `output`.
    pub fn has_output(&self, logical_id: &str, output: Json) {
        let outputs = self.section("Outputs");
        let found = outputs.iter().find(|(k, _)| *k == logical_id);
        match found {
            Some((_, o)) => assert!(
                matches(o, &output),
                "output {logical_id} is\n{}\nexpected\n{}",
                pretty(o),
                pretty(&output)
            ),
            None => panic!(
                "no output {logical_id}; outputs are: {}",
                outputs.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
            ),
        }
    }

    /// Asserts a parameter with this logical ID exists and matches `parameter`.
    pub fn has_parameter(&self, logical_id: &str, parameter: Json) {
        let found = self.section("Parameters").into_iter().find(|(k, _)| *k == logical_id);
        match found {
            Some((_, p)) => assert!(matches(p, &parameter), "parameter {logical_id} is\n{}", pretty(p)),
            None => panic!("no parameter {logical_id}"),
        }
    }

    fn of_type(&self, type_name: &str) -> String {
        self.section("Resources")
            .into_iter()
            .filter(|(_, r)| r.get("Type").and_then(Json::as_str) == Some(type_name))
            .map(|(k, r)| format!("{k}: {}", pretty(r)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn pretty(v: &Json) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Object-like matching: every key of an expected object must be present in
/// the actual object and match; lists match item by item and must have the
/// same length; other values must be equal.
///
/// ```
/// use serde_json::json;
/// use rcdk_core::assertions::matches;
/// assert!(matches(&json!({"A": 1, "B": [{"C": 2, "D": 3}]}), &json!({"B": [{"C": 2}]})));
/// assert!(!matches(&json!({"A": 1}), &json!({"A": 2})));
/// ```
pub fn matches(actual: &Json, expected: &Json) -> bool {
    match (actual, expected) {
        (Json::Object(a), Json::Object(e)) => e.iter().all(|(k, ev)| a.get(k).is_some_and(|av| matches(av, ev))),
        (Json::Array(a), Json::Array(e)) => a.len() == e.len() && a.iter().zip(e).all(|(x, y)| matches(x, y)),
        (a, e) => a == e,
    }
}
