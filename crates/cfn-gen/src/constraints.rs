//! The constraint schema of a type: the keywords `rcdk_core::schema` checks,
//! nothing else (no descriptions), with every `pattern` translated to
//! `regex-lite` syntax. The original pattern stays in `pattern` (errors quote
//! it); the translation goes into `regex` when it differs.

use serde_json::{Map, Value as Json};

use crate::Report;

/// Keywords whose value is one sub-schema.
const SCHEMA_KEYS: &[&str] = &["items", "additionalProperties"];
/// Keywords whose value is a list of sub-schemas.
const SCHEMA_LIST_KEYS: &[&str] = &["oneOf", "anyOf", "allOf"];
/// Keywords whose value is a map of names to sub-schemas.
const SCHEMA_MAP_KEYS: &[&str] = &["properties", "definitions"];
/// Keywords kept as they are.
const PLAIN_KEYS: &[&str] = &[
    "$ref",
    "type",
    "required",
    "enum",
    "enumCaseInsensitive",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "dependentExcluded",
    "requiredXor",
    "requiredOr",
];

/// A type's constraints in three parts, so the checker parses only what a
/// template uses: the top level without its properties and definitions,
/// then each property's and each definition's schema, sorted by name.
pub struct Parts {
    pub root: String,
    pub properties: Vec<(String, String)>,
    pub definitions: Vec<(String, String)>,
}

pub fn constraint_schema(type_name: &str, schema: &Json, report: &mut Report) -> Parts {
    let mut kept = keep(type_name, "", schema, report);
    let mut take = |k: &str| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = match kept.as_object_mut().and_then(|m| m.shift_remove(k)) {
            Some(Json::Object(m)) => m
                .into_iter()
                .map(|(name, s)| (name, serde_json::to_string(&s).unwrap_or_default()))
                .collect(),
            _ => Vec::new(),
        };
        v.sort();
        v
    };
    let properties = take("properties");
    let definitions = take("definitions");
    Parts {
        root: serde_json::to_string(&kept).unwrap_or_default(),
        properties,
        definitions,
    }
}

fn keep(type_name: &str, at: &str, v: &Json, report: &mut Report) -> Json {
    let Json::Object(m) = v else {
        return v.clone();
    };
    let mut out = Map::new();
    for (k, v) in m {
        let here = format!("{at}/{k}");
        if PLAIN_KEYS.contains(&k.as_str()) {
            out.insert(k.clone(), v.clone());
        } else if SCHEMA_KEYS.contains(&k.as_str()) {
            out.insert(k.clone(), keep(type_name, &here, v, report));
        } else if SCHEMA_LIST_KEYS.contains(&k.as_str()) {
            let items = v.as_array().into_iter().flatten().enumerate();
            out.insert(
                k.clone(),
                Json::Array(
                    items
                        .map(|(i, s)| keep(type_name, &format!("{here}/{i}"), s, report))
                        .collect(),
                ),
            );
        } else if SCHEMA_MAP_KEYS.contains(&k.as_str()) {
            let mut children = Map::new();
            for (name, child) in v.as_object().into_iter().flatten() {
                children.insert(name.clone(), keep(type_name, &format!("{here}/{name}"), child, report));
            }
            out.insert(k.clone(), Json::Object(children));
        } else if k == "dependencies" {
            // Draft-07: a list of names (dependentRequired) or a sub-schema.
            let mut deps = Map::new();
            for (name, d) in v.as_object().into_iter().flatten() {
                let d = if d.is_array() {
                    d.clone()
                } else {
                    keep(type_name, &here, d, report)
                };
                deps.insert(name.clone(), d);
            }
            out.insert(k.clone(), Json::Object(deps));
        } else if k == "pattern" {
            let Some(p) = v.as_str() else { continue };
            match crate::pattern::translate(p) {
                Ok(t) => {
                    out.insert(k.clone(), v.clone());
                    if t.regex != p {
                        out.insert("regex".into(), Json::String(t.regex));
                    }
                    if !t.also.is_empty() {
                        out.insert("regexAlso".into(), t.also.into_iter().map(Json::String).collect());
                    }
                    if !t.not.is_empty() {
                        out.insert("regexNot".into(), t.not.into_iter().map(Json::String).collect());
                    }
                }
                Err(why) => report.patterns.push((type_name.to_owned(), here, p.to_owned(), why)),
            }
        } else if k == "patternProperties" {
            // The names a map accepts. If one cannot be translated, the
            // checker cannot tell which names are allowed: drop them all and
            // let any name through.
            let mut kept = Map::new();
            let mut all = true;
            for (p, child) in v.as_object().into_iter().flatten() {
                let child = keep(type_name, &format!("{here}/{p}"), child, report);
                match crate::pattern::translate(p) {
                    Ok(t) if t.also.is_empty() && t.not.is_empty() => {
                        let mut entry = Map::new();
                        entry.insert("regex".into(), Json::String(t.regex));
                        entry.insert("schema".into(), child);
                        kept.insert(p.clone(), Json::Object(entry));
                    }
                    Ok(_) => {
                        all = false;
                        let why = "a lookahead in a property-name pattern".to_owned();
                        report.patterns.push((
                            type_name.to_owned(),
                            format!("{here} (a property name)"),
                            p.clone(),
                            why,
                        ));
                    }
                    Err(why) => {
                        all = false;
                        report.patterns.push((
                            type_name.to_owned(),
                            format!("{here} (a property name)"),
                            p.clone(),
                            why,
                        ));
                    }
                }
            }
            if all {
                out.insert(k.clone(), Json::Object(kept));
            } else {
                out.insert("x-openNames".into(), Json::Bool(true));
            }
        }
    }
    if out.get("x-openNames").is_some() {
        out.shift_remove("additionalProperties");
        out.shift_remove("x-openNames");
    }
    Json::Object(out)
}
