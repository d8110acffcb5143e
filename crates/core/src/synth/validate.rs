//! Checks on the finished templates: CloudFormation quotas, template size,
//! references that do not resolve, dependency cycles, export names.

use indexmap::IndexMap;
use serde_json::Value as Json;

use super::fast_hash::{FastMap, FastSet};
use super::StackArtifact;
use crate::error::{SynthError, Warning};
use crate::graph::Graph;

/// The largest template body CloudFormation accepts (from S3).
pub(crate) const MAX_TEMPLATE_BYTES: usize = 1_000_000;
/// The largest template body CloudFormation accepts inline in an API call.
pub(crate) const MAX_INLINE_TEMPLATE_BYTES: usize = 51_200;

const PSEUDO: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

pub(super) fn validate(
    _g: &Graph,
    stacks: &mut [StackArtifact],
    errors: &mut Vec<SynthError>,
    warnings: &mut Vec<Warning>,
) {
    let mut exports: IndexMap<String, String> = IndexMap::new();
    for s in stacks.iter_mut() {
        s.json_len = super::json_len::rendered_len(&s.template);
    }
    for s in stacks.iter() {
        let t = &s.template;
        let count = |k: &str| t.get(k).and_then(Json::as_object).map_or(0, |m| m.len());
        for (section, what, limit) in [
            ("Resources", "resources", 500),
            ("Outputs", "outputs", 200),
            ("Parameters", "parameters", 200),
            ("Mappings", "mappings", 200),
        ] {
            let n = count(section);
            if n > limit {
                errors.push(SynthError::LimitExceeded {
                    path: s.path.clone(),
                    what,
                    count: n,
                    limit,
                });
            }
        }
        if let Some(d) = t.get("Description").and_then(Json::as_str) {
            if d.len() > 1024 {
                errors.push(SynthError::LimitExceeded {
                    path: s.path.clone(),
                    what: "bytes of description",
                    count: d.len(),
                    limit: 1024,
                });
            }
        }
        for (lid, o) in t.get("Outputs").and_then(Json::as_object).into_iter().flatten() {
            if let Some(d) = o.get("Description").and_then(Json::as_str).filter(|d| d.len() > 1024) {
                let path = s.construct_path(lid).unwrap_or(&s.path).to_owned();
                errors.push(SynthError::LimitExceeded {
                    path,
                    what: "bytes of output description",
                    count: d.len(),
                    limit: 1024,
                });
            }
        }
        if count("Resources") == 0 {
            errors.push(SynthError::EmptyStack { path: s.path.clone() });
        }
        let bytes = s.json_len;
        if bytes > MAX_TEMPLATE_BYTES {
            errors.push(SynthError::TemplateTooLarge {
                path: s.path.clone(),
                bytes,
                limit: MAX_TEMPLATE_BYTES,
            });
        } else if bytes > MAX_INLINE_TEMPLATE_BYTES {
            warnings.push(Warning {
                path: s.path.clone(),
                message: format!(
                    "the template is {bytes} bytes, over the {MAX_INLINE_TEMPLATE_BYTES} bytes CloudFormation accepts inline: deploy uploads it to the bootstrap stack's bucket, so its account and region need `rcdk bootstrap`"
                ),
                location: None,
            });
        }
        check_references_and_cycles(s, errors);
        let path_of = |lid: &str| s.construct_path(lid).unwrap_or(&s.path).to_owned();
        crate::schema::check_template(t, &path_of, errors, warnings);
        for (lid, out) in t.get("Outputs").and_then(Json::as_object).into_iter().flatten() {
            let Some(name) = out.pointer("/Export/Name") else {
                continue;
            };
            let path = s.construct_path(lid).unwrap_or(&s.path).to_owned();
            let Some(name) = name.as_str() else { continue };
            let valid = !name.is_empty()
                && name.len() <= 255
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-');
            if !valid {
                errors.push(SynthError::InvalidExportName {
                    path: path.clone(),
                    name: name.to_owned(),
                });
            }
            let key = format!("{:?}/{}", s.environment, name);
            if let Some(other) = exports.get(&key) {
                errors.push(SynthError::DuplicateExportName {
                    path,
                    other_path: other.clone(),
                    name: name.to_owned(),
                });
            } else {
                exports.insert(key, path);
            }
        }
    }
}

/// Every `Ref`, `Fn::GetAtt`, `Fn::Sub` variable, `DependsOn` and condition
/// name must name something in the template (typed references always do;
/// this catches hand-written logical IDs and overrides), and resources must
/// not depend on each other in a circle. One walk of each resource serves both.
fn check_references_and_cycles(s: &StackArtifact, errors: &mut Vec<SynthError>) {
    let t = &s.template;
    let names = |k: &str| -> FastSet<&str> {
        t.get(k)
            .and_then(Json::as_object)
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    };
    let resources = names("Resources");
    let parameters = names("Parameters");
    let conditions = names("Conditions");
    let mappings = names("Mappings");
    let mut edges: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for section in ["Resources", "Outputs", "Conditions"] {
        for (lid, body) in t.get(section).and_then(Json::as_object).into_iter().flatten() {
            let path = s.construct_path(lid).unwrap_or(&s.path);
            let mut report = |target: &str, reason: &str| {
                errors.push(SynthError::DanglingReference {
                    path: path.to_owned(),
                    target: target.to_owned(),
                    reason: reason.to_owned(),
                })
            };
            let mut deps: Vec<&str> = Vec::new();
            visit_refs(body, &mut |r| match r {
                Reference::Ref(x) | Reference::Sub(x) => {
                    if resources.contains(x) {
                        deps.push(x);
                    } else if !parameters.contains(x) && !PSEUDO.contains(&x) {
                        report(
                            x,
                            "no resource or parameter of the stack has this logical ID; refer to an element by its handle (reference(), get_att()), or add the element",
                        );
                    }
                }
                Reference::GetAtt(x) => {
                    if resources.contains(x) {
                        deps.push(x);
                    } else {
                        report(x, "no resource of the stack has this logical ID");
                    }
                }
                Reference::Condition(x) => {
                    if !conditions.contains(x) {
                        report(x, "no condition of the stack has this name");
                    }
                }
                Reference::Mapping(x) => {
                    if !mappings.contains(x) {
                        report(x, "no mapping of the stack has this name");
                    }
                }
            });
            if section != "Conditions" {
                if let Some(c) = body.get("Condition").and_then(Json::as_str) {
                    if !conditions.contains(c) {
                        report(c, "no condition of the stack has this name");
                    }
                }
            }
            for d in body.get("DependsOn").and_then(Json::as_array).into_iter().flatten() {
                if let Some(d) = d.as_str() {
                    if resources.contains(d) {
                        deps.push(d);
                    } else {
                        report(d, "DependsOn names no resource of the stack");
                    }
                }
            }
            if section == "Resources" {
                edges.insert(lid.as_str(), deps);
            }
        }
    }
    check_cycles(s, &edges, errors);
}

enum Reference<'a> {
    Ref(&'a str),
    GetAtt(&'a str),
    Sub(&'a str),
    Condition(&'a str),
    Mapping(&'a str),
}

fn visit_refs<'a>(v: &'a Json, f: &mut dyn FnMut(Reference<'a>)) {
    match v {
        Json::Array(items) => items.iter().for_each(|i| visit_refs(i, f)),
        Json::Object(m) => {
            if m.len() == 1 {
                let (k, arg) = m.iter().next().expect("one entry");
                match (k.as_str(), arg) {
                    ("Ref", Json::String(x)) => return f(Reference::Ref(x)),
                    ("Condition", Json::String(x)) => return f(Reference::Condition(x)),
                    ("Fn::GetAtt", Json::Array(a)) => {
                        if let Some(Json::String(x)) = a.first() {
                            f(Reference::GetAtt(x));
                        }
                        return;
                    }
                    ("Fn::If", Json::Array(a)) => {
                        if let Some(Json::String(x)) = a.first() {
                            f(Reference::Condition(x));
                        }
                        return a.iter().skip(1).for_each(|i| visit_refs(i, f));
                    }
                    ("Fn::FindInMap", Json::Array(a)) => {
                        if let Some(Json::String(x)) = a.first() {
                            f(Reference::Mapping(x));
                        }
                        return a.iter().skip(1).for_each(|i| visit_refs(i, f));
                    }
                    ("Fn::Sub", Json::String(tpl)) => {
                        return sub_variables(tpl).into_iter().for_each(|x| f(Reference::Sub(x)))
                    }
                    ("Fn::Sub", Json::Array(a)) => {
                        let vars: FastSet<&str> = a
                            .get(1)
                            .and_then(Json::as_object)
                            .map(|m| m.keys().map(String::as_str).collect())
                            .unwrap_or_default();
                        if let Some(Json::String(tpl)) = a.first() {
                            for x in sub_variables(tpl) {
                                if !vars.contains(x) {
                                    f(Reference::Sub(x));
                                }
                            }
                        }
                        return a.iter().skip(1).for_each(|i| visit_refs(i, f));
                    }
                    _ => {}
                }
            }
            m.values().for_each(|i| visit_refs(i, f))
        }
        _ => {}
    }
}

/// The logical IDs a `Fn::Sub` template names: `${X}` and `${X.Attr}`, not `${!X}`.
pub(crate) fn sub_variables(tpl: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = tpl;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.starts_with('!') {
            out.push(name.split('.').next().unwrap_or(name));
        }
        rest = &after[end + 1..];
    }
    out
}

/// Resources that depend on each other in a circle, through references or
/// `DependsOn`, fail to deploy; report each cycle with construct paths.
fn check_cycles(s: &StackArtifact, edges: &IndexMap<&str, Vec<&str>>, errors: &mut Vec<SynthError>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Active,
        Done,
    }
    let mut marks: FastMap<&str, Mark> = FastMap::default();
    let mut reported: FastSet<Vec<&str>> = FastSet::default();
    for start in edges.keys().copied() {
        if marks.contains_key(start) {
            continue;
        }
        // Iterative depth-first search; `trail` is the current path.
        let mut trail: Vec<(&str, usize)> = vec![(start, 0)];
        marks.insert(start, Mark::Active);
        while let Some((node, i)) = trail.last().copied() {
            let next = edges.get(node).and_then(|e| e.get(i)).copied();
            match next {
                None => {
                    marks.insert(node, Mark::Done);
                    trail.pop();
                }
                Some(n) => {
                    trail.last_mut().expect("non-empty").1 += 1;
                    match marks.get(n) {
                        None => {
                            marks.insert(n, Mark::Active);
                            trail.push((n, 0));
                        }
                        Some(Mark::Active) => {
                            let from = trail.iter().position(|(x, _)| *x == n).unwrap_or(0);
                            let mut cycle: Vec<&str> = trail[from..].iter().map(|(x, _)| *x).collect();
                            let mut key = cycle.clone();
                            key.sort();
                            if reported.insert(key) {
                                cycle.push(n);
                                errors.push(SynthError::DependencyCycle {
                                    stack_path: s.path.clone(),
                                    cycle: cycle
                                        .iter()
                                        .map(|l| s.construct_path(l).unwrap_or(l).to_owned())
                                        .collect(),
                                });
                            }
                        }
                        Some(Mark::Done) => {}
                    }
                }
            }
        }
    }
}
