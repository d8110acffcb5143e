//! Builds one template per stack from the construct tree.

use indexmap::{IndexMap, IndexSet};
use serde_json::{json, Map, Value as Json};

use super::fast_hash::{FastIndexMap, FastMap};
use super::resolve::{single, text, Placed, Resolver};
use super::StackArtifact;
use crate::element::{ElementKind, OutputData, ResourceData, Section};
use crate::error::SynthError;
use crate::graph::{Graph, NodeId, NodeKind};
use crate::logical_id::{is_valid_logical_id, make_unique_id};
use crate::parameter::ParameterData;
use crate::resource::TagFormat;
use crate::value::{Intrinsic, Target, Value};

#[derive(Default)]
struct Sections {
    parameters: Map<String, Json>,
    mappings: Map<String, Json>,
    conditions: Map<String, Json>,
    resources: Map<String, Json>,
    outputs: Map<String, Json>,
    paths: IndexMap<String, String>,
    locations: IndexMap<String, crate::SourceLocation>,
}

pub(super) fn build(g: &Graph, errors: &mut Vec<SynthError>) -> Vec<StackArtifact> {
    let root = &g.nodes[0];
    let stacks: Vec<NodeId> = root
        .children
        .values()
        .copied()
        .filter(|n| g.stack_data(*n).is_some())
        .collect();
    for n in root.children.values().filter(|n| g.stack_data(**n).is_none()) {
        for m in g.subtree(*n) {
            if g.element(m).is_some() {
                errors.push(SynthError::OutsideStack { path: g.path(m) });
            }
        }
    }
    check_stack_names(g, &stacks, errors);

    let mut r = Resolver {
        graph: g,
        placed: Default::default(),
        logical_ids: FastMap::default(),
        exports: IndexMap::new(),
        stack_deps: IndexMap::new(),
        errors: Vec::new(),
    };
    for &s in &stacks {
        place_elements(g, s, &mut r, errors);
    }
    let construct_deps = construct_dependencies(g);

    let mut rendered: Vec<Sections> = Vec::new();
    for &s in &stacks {
        let mut sections = Sections::default();
        for n in g.subtree(s) {
            let (Some(e), Some(p)) = (g.element(n), r.placed.get(&n)) else {
                continue;
            };
            let lid = p.logical_id.clone();
            let path = p.path.clone();
            let json = match &e.kind {
                ElementKind::Resource(res) => {
                    let deps = construct_deps.get(&n).map(Vec::as_slice).unwrap_or(&[]);
                    render_resource(g, n, s, res, deps, &mut r, &path)
                }
                ElementKind::Output(o) => render_output(o, s, &mut r, &path),
                ElementKind::Parameter(p) => render_parameter(p, s, &mut r, &path),
                ElementKind::Condition(c) => r.resolve(c, s, &path),
                ElementKind::Mapping(m) => {
                    let v = Value::Object(m.iter().map(|(k, v)| (k.clone(), Value::Object(v.clone()))).collect());
                    r.resolve(&v, s, &path)
                }
            };
            let section = match e.kind.section() {
                Section::Parameters => &mut sections.parameters,
                Section::Mappings => &mut sections.mappings,
                Section::Conditions => &mut sections.conditions,
                Section::Resources => &mut sections.resources,
                Section::Outputs => &mut sections.outputs,
            };
            section.insert(lid.clone(), json);
            if let Some(location) = g.location(n) {
                sections.locations.insert(lid.clone(), location);
            }
            sections.paths.insert(lid, path);
        }
        rendered.push(sections);
    }

    // Exports are added after every stack is resolved, since any later stack
    // may import from an earlier one. Sorted by export name so the order does
    // not depend on which consumer was resolved first.
    for (i, &s) in stacks.iter().enumerate() {
        let Some(exports) = r.exports.get_mut(&s) else { continue };
        exports.sort_keys();
        let stack_path = g.path(s);
        for (name, export) in exports.iter() {
            let mut out = Map::with_capacity(2);
            out.insert("Value".into(), export.value.clone());
            out.insert("Export".into(), single("Name", text(name)));
            if rendered[i].outputs.contains_key(&export.output_logical_id) {
                errors.push(SynthError::LogicalIdCollision {
                    logical_id: export.output_logical_id.clone(),
                    path: format!("{stack_path}/Exports"),
                    other_path: rendered[i]
                        .paths
                        .get(&export.output_logical_id)
                        .cloned()
                        .unwrap_or_default(),
                });
                continue;
            }
            rendered[i]
                .outputs
                .insert(export.output_logical_id.clone(), Json::Object(out));
            rendered[i]
                .paths
                .insert(export.output_logical_id.clone(), format!("{stack_path}/Exports"));
        }
    }

    let mut deps: IndexMap<NodeId, IndexSet<NodeId>> = IndexMap::new();
    for &s in &stacks {
        let mut set = IndexSet::new();
        if let Some(d) = g.stack_data(s) {
            set.extend(d.dependencies.iter().copied());
        }
        if let Some(d) = r.stack_deps.get(&s) {
            set.extend(d.iter().copied());
        }
        set.shift_remove(&s);
        deps.insert(s, set);
    }
    check_stack_cycles(g, &stacks, &deps, errors);
    errors.append(&mut r.errors);

    stacks
        .iter()
        .zip(rendered)
        .map(|(&s, sections)| {
            let data = g.stack_data(s).expect("stacks are stack nodes");
            let mut template = Map::new();
            template.insert("AWSTemplateFormatVersion".into(), json!("2010-09-09"));
            if let Some(d) = &data.description {
                template.insert("Description".into(), json!(d));
            }
            for (key, section) in [
                ("Parameters", sections.parameters),
                ("Mappings", sections.mappings),
                ("Conditions", sections.conditions),
                ("Resources", sections.resources),
                ("Outputs", sections.outputs),
            ] {
                if !section.is_empty() {
                    template.insert(key.into(), Json::Object(section));
                }
            }
            let mine = &deps[&s];
            let dependencies = stacks
                .iter()
                .filter(|d| mine.contains(*d))
                .map(|d| g.nodes[*d].id.clone())
                .collect();
            let mut tags: Vec<(String, String)> = g.nodes[s].tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            tags.sort();
            StackArtifact {
                id: g.nodes[s].id.clone(),
                name: data.name.clone(),
                path: g.path(s),
                environment: data.env.clone(),
                dependencies,
                tags,
                termination_protection: data.termination_protection,
                template: Json::Object(template),
                element_paths: sections.paths,
                element_locations: sections.locations,
                json: Default::default(),
                json_len: 0,
                qualifier: data.qualifier.clone(),
                file_assets: data.file_assets.clone(),
                image_assets: data.image_assets.clone(),
            }
        })
        .collect()
}

fn check_stack_names(g: &Graph, stacks: &[NodeId], errors: &mut Vec<SynthError>) {
    let mut seen: IndexMap<String, NodeId> = IndexMap::new();
    for &s in stacks {
        let name = g.stack_data(s).map(|d| d.name.clone()).unwrap_or_default();
        let valid = name.len() <= 128
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            errors.push(SynthError::InvalidStackName {
                path: g.path(s),
                name: name.clone(),
            });
        }
        if let Some(other) = seen.get(&name) {
            errors.push(SynthError::DuplicateStackName {
                path: g.path(s),
                other_path: g.path(*other),
                name,
            });
        } else {
            seen.insert(name, s);
        }
    }
}

fn place_elements(g: &Graph, s: NodeId, r: &mut Resolver, errors: &mut Vec<SynthError>) {
    let mut ids: FastIndexMap<String, NodeId> = FastIndexMap::default();
    for n in g.subtree(s) {
        let Some(e) = g.element(n) else { continue };
        let path = g.path(n);
        let lid = match &e.logical_id_override {
            Some(l) => l.clone(),
            None => make_unique_id(&g.components_below_stack(n)).unwrap_or_default(),
        };
        if !is_valid_logical_id(&lid) {
            errors.push(SynthError::InvalidLogicalId { path, logical_id: lid });
            continue;
        }
        if let Some(other) = ids.get(&lid) {
            errors.push(SynthError::LogicalIdCollision {
                logical_id: lid,
                path,
                other_path: g.path(*other),
            });
            continue;
        }
        ids.insert(lid.clone(), n);
        r.placed.insert(
            n,
            Placed {
                stack: s,
                logical_id: lid,
                section: e.kind.section(),
                path,
            },
        );
    }
    r.logical_ids.insert(s, ids);
}

/// For each resource, the resources it depends on because a scope above it
/// was made to depend on a scope above them.
fn construct_dependencies(g: &Graph) -> FastMap<NodeId, Vec<NodeId>> {
    let mut out: FastMap<NodeId, Vec<NodeId>> = FastMap::default();
    for (n, node) in g.nodes.iter().enumerate() {
        if node.dependencies.is_empty() {
            continue;
        }
        let dependents: Vec<NodeId> = g.subtree(n).into_iter().filter(|m| is_resource(g, *m)).collect();
        for &dep in &node.dependencies {
            let targets: Vec<NodeId> = g.subtree(dep).into_iter().filter(|m| is_resource(g, *m)).collect();
            for &d in &dependents {
                let entry = out.entry(d).or_default();
                for &t in &targets {
                    if t != d && !entry.contains(&t) {
                        entry.push(t);
                    }
                }
            }
        }
    }
    out
}

fn is_resource(g: &Graph, n: NodeId) -> bool {
    matches!(g.element(n).map(|e| &e.kind), Some(ElementKind::Resource(_)))
}

fn render_resource(
    g: &Graph,
    n: NodeId,
    stack: NodeId,
    res: &ResourceData,
    construct_deps: &[NodeId],
    r: &mut Resolver,
    path: &str,
) -> Json {
    let mut obj = Map::new();
    obj.insert("Type".into(), Json::String(res.type_name.clone()));
    let tags = res
        .meta
        .and_then(|meta| merged_tags(g, n, meta.tagging, &res.properties));
    let mut props = Map::new();
    for (k, v) in &res.properties {
        let v = match (&tags, k.as_str()) {
            (Some(t), "Tags") => t,
            _ => v,
        };
        props.insert(k.clone(), r.resolve(v, stack, path));
    }
    if let Some(t) = &tags {
        if !props.contains_key("Tags") {
            props.insert("Tags".into(), r.resolve(t, stack, path));
        }
    }
    if !props.is_empty() {
        obj.insert("Properties".into(), Json::Object(props));
    }

    let mut depends: Vec<String> = Vec::new();
    let implied = construct_deps.iter().map(|d| {
        Target::Element(crate::value::ElementRef {
            app: g.app_id,
            node: *d,
        })
    });
    for t in res.depends_on.iter().cloned().chain(implied) {
        match &t {
            Target::LogicalId(l) => depends.push(l.clone()),
            Target::Element(_) => {
                let Some(node) = r.element(&t, path) else { continue };
                let placed = &r.placed[&node];
                if placed.stack == stack {
                    depends.push(placed.logical_id.clone());
                } else {
                    // Resources in different stacks cannot name each other in
                    // DependsOn; the dependency moves to the stacks.
                    let producer = placed.stack;
                    r.stack_deps.entry(stack).or_default().insert(producer);
                }
            }
            Target::Pseudo(_) => {}
        }
    }
    depends.sort();
    depends.dedup();
    if !depends.is_empty() {
        obj.insert(
            "DependsOn".into(),
            Json::Array(depends.into_iter().map(Json::String).collect()),
        );
    }
    if let Some(c) = &res.condition {
        // A resource's `Condition` attribute is a bare name.
        let v = r.resolve(&Value::intrinsic(Intrinsic::Condition(c.clone())), stack, path);
        obj.insert("Condition".into(), v.get("Condition").cloned().unwrap_or_default());
    }
    if let Some(p) = res.update_replace_policy {
        obj.insert("UpdateReplacePolicy".into(), text(p.as_str()));
    }
    if let Some(p) = res.deletion_policy {
        obj.insert("DeletionPolicy".into(), text(p.as_str()));
    }
    let location = g.location_metadata.then(|| g.location(n)).flatten();
    if !res.metadata.is_empty() || location.is_some() {
        let mut m: Map<String, Json> = res
            .metadata
            .iter()
            .map(|(k, v)| (k.clone(), r.resolve(v, stack, path)))
            .collect();
        if let Some(l) = location {
            m.insert(crate::location::METADATA_KEY.into(), text(&l.to_string()));
        }
        obj.insert("Metadata".into(), Json::Object(m));
    }
    let mut json = Json::Object(obj);
    for (opath, ovalue) in &res.overrides {
        let v = ovalue.as_ref().map(|v| r.resolve(v, stack, path));
        apply_override(&mut json, opath, v.as_ref());
    }
    json
}

/// Applies one override to a rendered resource: numeric segments index into
/// lists; missing objects along the path are created.
fn apply_override(target: &mut Json, path: &[String], value: Option<&Json>) {
    let Some((head, rest)) = path.split_first() else { return };
    match target {
        Json::Array(items) => {
            if let Ok(i) = head.parse::<usize>() {
                if rest.is_empty() {
                    match value {
                        Some(v) if i < items.len() => items[i] = v.clone(),
                        Some(v) if i == items.len() => items.push(v.clone()),
                        None if i < items.len() => {
                            items.remove(i);
                        }
                        _ => {}
                    }
                } else if let Some(item) = items.get_mut(i) {
                    apply_override(item, rest, value);
                }
            }
        }
        Json::Object(map) => {
            if rest.is_empty() {
                match value {
                    Some(v) => {
                        map.insert(head.clone(), v.clone());
                    }
                    None => {
                        map.shift_remove(head);
                    }
                }
            } else {
                if value.is_none() && !map.contains_key(head) {
                    return;
                }
                let child = map.entry(head.clone()).or_insert_with(|| Json::Object(Map::new()));
                if !child.is_object() && !child.is_array() {
                    *child = Json::Object(Map::new());
                }
                apply_override(child, rest, value);
            }
        }
        other => {
            if value.is_some() {
                *other = Json::Object(Map::new());
                apply_override(other, path, value);
            }
        }
    }
}

/// The merged `Tags` of a taggable resource: the tags of every scope from
/// the stack down to the resource (inner scopes win over outer ones), then
/// the resource's own tags (which win over both), sorted by key. `None` when
/// there is nothing to merge or the resource's tags are not a literal list.
fn merged_tags(g: &Graph, n: NodeId, format: TagFormat, props: &IndexMap<String, Value>) -> Option<Value> {
    if format == TagFormat::None {
        return None;
    }
    let mut chain = Vec::new();
    let mut cur = Some(n);
    while let Some(c) = cur {
        chain.push(c);
        if matches!(g.nodes[c].kind, NodeKind::Stack(_)) {
            break;
        }
        cur = g.nodes[c].parent;
    }
    let mut tags: IndexMap<String, Value> = IndexMap::new();
    for c in chain.iter().rev() {
        for (k, v) in &g.nodes[*c].tags {
            tags.insert(k.clone(), Value::String(v.clone()));
        }
    }
    if tags.is_empty() {
        return None;
    }
    let mut unkeyed = Vec::new();
    match props.get("Tags") {
        Some(Value::List(items)) if format == TagFormat::KeyValueList => {
            for item in items {
                match (item.get("Key").and_then(Value::as_str), item.get("Value")) {
                    (Some(k), Some(v)) => {
                        tags.insert(k.to_owned(), v.clone());
                    }
                    _ => unkeyed.push(item.clone()),
                }
            }
        }
        Some(Value::Object(m)) if format == TagFormat::Map => {
            for (k, v) in m {
                tags.insert(k.clone(), v.clone());
            }
        }
        Some(_) => return None,
        None => {}
    }
    tags.sort_keys();
    Some(match format {
        TagFormat::Map => Value::Object(tags),
        _ => {
            let mut list: Vec<Value> = tags
                .into_iter()
                .map(|(k, v)| Value::object([("Key", Value::String(k)), ("Value", v)]))
                .collect();
            list.extend(unkeyed);
            Value::List(list)
        }
    })
}

fn render_output(o: &OutputData, stack: NodeId, r: &mut Resolver, path: &str) -> Json {
    let mut m = Map::new();
    if let Some(d) = &o.description {
        m.insert("Description".into(), text(d));
    }
    m.insert("Value".into(), r.resolve(&o.value, stack, path));
    if let Some(name) = &o.export_name {
        m.insert("Export".into(), single("Name", r.resolve(name, stack, path)));
    }
    if let Some(c) = &o.condition {
        let v = r.resolve(&Value::intrinsic(Intrinsic::Condition(c.clone())), stack, path);
        m.insert("Condition".into(), v.get("Condition").cloned().unwrap_or_default());
    }
    Json::Object(m)
}

fn render_parameter(p: &ParameterData, stack: NodeId, r: &mut Resolver, path: &str) -> Json {
    let mut m = Map::new();
    m.insert("Type".into(), json!(p.r#type.name()));
    if let Some(d) = &p.description {
        m.insert("Description".into(), json!(d));
    }
    if let Some(d) = &p.default {
        m.insert("Default".into(), r.resolve(d, stack, path));
    }
    if !p.allowed_values.is_empty() {
        let vals: Vec<Json> = p.allowed_values.iter().map(|v| r.resolve(v, stack, path)).collect();
        m.insert("AllowedValues".into(), Json::Array(vals));
    }
    if let Some(v) = &p.allowed_pattern {
        m.insert("AllowedPattern".into(), json!(v));
    }
    if let Some(v) = &p.constraint_description {
        m.insert("ConstraintDescription".into(), json!(v));
    }
    if let Some(v) = p.min_length {
        m.insert("MinLength".into(), json!(v));
    }
    if let Some(v) = p.max_length {
        m.insert("MaxLength".into(), json!(v));
    }
    if let Some(v) = p.min_value {
        m.insert("MinValue".into(), number(v));
    }
    if let Some(v) = p.max_value {
        m.insert("MaxValue".into(), number(v));
    }
    if p.no_echo {
        m.insert("NoEcho".into(), json!(true));
    }
    Json::Object(m)
}

/// Whole numbers print without a fraction (`1`, not `1.0`).
fn number(v: f64) -> Json {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn check_stack_cycles(
    g: &Graph,
    stacks: &[NodeId],
    deps: &IndexMap<NodeId, IndexSet<NodeId>>,
    errors: &mut Vec<SynthError>,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut marks: FastMap<NodeId, Mark> = stacks.iter().map(|s| (*s, Mark::New)).collect();
    fn visit(
        g: &Graph,
        s: NodeId,
        deps: &IndexMap<NodeId, IndexSet<NodeId>>,
        marks: &mut FastMap<NodeId, Mark>,
        errors: &mut Vec<SynthError>,
    ) {
        marks.insert(s, Mark::Active);
        for &d in deps.get(&s).into_iter().flatten() {
            match marks.get(&d).copied() {
                Some(Mark::New) => visit(g, d, deps, marks, errors),
                Some(Mark::Active) => errors.push(SynthError::StackCycle {
                    path: g.path(s),
                    other_path: g.path(d),
                }),
                _ => {}
            }
        }
        marks.insert(s, Mark::Done);
    }
    for &s in stacks {
        if marks[&s] == Mark::New {
            visit(g, s, deps, &mut marks, errors);
        }
    }
}
