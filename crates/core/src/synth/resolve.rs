//! Turns graph values into template JSON: references become logical IDs,
//! references across stacks become exports and `Fn::ImportValue`.

use indexmap::{IndexMap, IndexSet};
use serde_json::{Map, Value as Json};

use super::fast_hash::{FastIndexMap, FastMap};
use crate::element::{ElementKind, Section};
use crate::error::SynthError;
use crate::graph::{Graph, NodeId};
use crate::logical_id::make_unique_id;
use crate::value::{Intrinsic, Target, Value};

/// Where an element landed: its stack, section and logical ID.
pub(crate) struct Placed {
    pub(crate) stack: NodeId,
    pub(crate) logical_id: String,
    pub(crate) section: Section,
    /// The element's construct path (computed once; every message uses it).
    pub(crate) path: String,
}

/// An output a producer stack must add because another stack imports it.
pub(crate) struct Export {
    pub(crate) output_logical_id: String,
    pub(crate) value: Json,
}

/// Where each node of the graph landed, indexed by node (a dense table: node
/// ids are small integers, and this is looked up for every reference).
#[derive(Default)]
pub(crate) struct Placements(Vec<Option<Placed>>);

impl Placements {
    pub(crate) fn get(&self, n: &NodeId) -> Option<&Placed> {
        self.0.get(*n).and_then(Option::as_ref)
    }
    pub(crate) fn contains_key(&self, n: &NodeId) -> bool {
        self.get(n).is_some()
    }
    pub(crate) fn insert(&mut self, n: NodeId, p: Placed) {
        if self.0.len() <= n {
            self.0.resize_with(n + 1, || None);
        }
        self.0[n] = Some(p);
    }
}

impl std::ops::Index<&NodeId> for Placements {
    type Output = Placed;
    fn index(&self, n: &NodeId) -> &Placed {
        self.get(n).expect("a placed node")
    }
}

/// State shared by the resolution of every stack of one synthesis.
pub(crate) struct Resolver<'g> {
    pub(crate) graph: &'g Graph,
    /// Lookup only; never iterated into output.
    pub(crate) placed: Placements,
    /// Per stack: its logical IDs, for hand-written `Ref`s.
    pub(crate) logical_ids: FastMap<NodeId, FastIndexMap<String, NodeId>>,
    /// Per producer stack: export name -> export.
    pub(crate) exports: IndexMap<NodeId, IndexMap<String, Export>>,
    /// Per stack: the stacks it must deploy after.
    pub(crate) stack_deps: IndexMap<NodeId, IndexSet<NodeId>>,
    pub(crate) errors: Vec<SynthError>,
}

impl<'g> Resolver<'g> {
    /// Resolves `v`, found at construct `path` in stack `stack`.
    pub(crate) fn resolve(&mut self, v: &Value, stack: NodeId, path: &str) -> Json {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Int(i) => Json::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map(Json::Number).unwrap_or(Json::Null),
            Value::String(s) => Json::String(s.clone()),
            Value::List(items) => Json::Array(items.iter().map(|i| self.resolve(i, stack, path)).collect()),
            Value::Object(m) => {
                let mut out = Map::with_capacity(m.len());
                for (k, v) in m {
                    out.insert(k.clone(), self.resolve(v, stack, path));
                }
                Json::Object(out)
            }
            Value::Intrinsic(i) => self.resolve_intrinsic(i, stack, path),
        }
    }

    fn resolve_intrinsic(&mut self, i: &Intrinsic, stack: NodeId, path: &str) -> Json {
        use Intrinsic::*;
        let mut res = |v: &Value| self.resolve(v, stack, path);
        match i {
            Ref(t) => self.reference(t, None, stack, path),
            GetAtt(t, attr) => self.reference(t, Some(attr), stack, path),
            Join(d, list) => call("Fn::Join", vec![text(d), res(list)]),
            Sub(template, vars) if vars.is_empty() => single("Fn::Sub", text(template)),
            Sub(template, vars) => {
                let vars: Map<String, Json> = vars.iter().map(|(k, v)| (k.clone(), res(v))).collect();
                call("Fn::Sub", vec![text(template), Json::Object(vars)])
            }
            Concat(parts) => render_concat(parts.iter().map(res).collect()),
            Select(idx, list) => call("Fn::Select", vec![res(idx), res(list)]),
            Split(d, s) => call("Fn::Split", vec![text(d), res(s)]),
            GetAzs(r) => single("Fn::GetAZs", res(r)),
            ImportValue(n) => single("Fn::ImportValue", res(n)),
            If(c, a, b) => {
                let c = self.condition_name(c, stack, path);
                let (a, b) = (self.resolve(a, stack, path), self.resolve(b, stack, path));
                call("Fn::If", vec![c, a, b])
            }
            Equals(a, b) => call("Fn::Equals", vec![res(a), res(b)]),
            And(vs) => call("Fn::And", vs.iter().map(res).collect()),
            Or(vs) => call("Fn::Or", vs.iter().map(res).collect()),
            Not(v) => call("Fn::Not", vec![res(v)]),
            Condition(c) => single("Condition", self.condition_name(c, stack, path)),
            Base64(v) => single("Fn::Base64", res(v)),
            Cidr(a, b, c) => call("Fn::Cidr", vec![res(a), res(b), res(c)]),
            FindInMap(m, a, b) => {
                let name = self.local_name(m, Section::Mappings, "a mapping", stack, path);
                let (a, b) = (self.resolve(a, stack, path), self.resolve(b, stack, path));
                call("Fn::FindInMap", vec![name, a, b])
            }
        }
    }

    fn dangling(&mut self, path: &str, target: String, reason: impl Into<String>) -> Json {
        self.errors.push(SynthError::DanglingReference {
            path: path.to_owned(),
            target,
            reason: reason.into(),
        });
        Json::Null
    }

    /// Resolves the target of a `Ref`, `Fn::GetAtt` or `DependsOn` to a
    /// placed element, checking it belongs to this app.
    pub(crate) fn element(&mut self, t: &Target, path: &str) -> Option<NodeId> {
        match t {
            Target::Element(e) if e.app != self.graph.app_id => {
                self.dangling(
                    path,
                    format!("element #{}", e.node),
                    "it belongs to a different App; create both constructs in the same app",
                );
                None
            }
            Target::Element(e) if !self.placed.contains_key(&e.node) => {
                let p = self.graph.path(e.node);
                self.dangling(
                    path,
                    p,
                    "the target is not part of any stack's template (was its construct id rejected?)",
                );
                None
            }
            Target::Element(e) => Some(e.node),
            _ => None,
        }
    }

    fn local_name(&mut self, t: &Target, section: Section, what: &str, stack: NodeId, path: &str) -> Json {
        match t {
            Target::LogicalId(id) => Json::String(id.clone()),
            Target::Pseudo(p) => self.dangling(path, p.name().to_owned(), format!("expected {what}")),
            Target::Element(_) => {
                let Some(node) = self.element(t, path) else {
                    return Json::Null;
                };
                let placed = &self.placed[&node];
                let (s, sec, lid) = (placed.stack, placed.section, placed.logical_id.clone());
                if sec != section {
                    return self.dangling(path, self.graph.path(node), format!("expected {what}"));
                }
                if s != stack {
                    let other = self.graph.path(node);
                    return self.dangling(path, other, format!("{what} can only be used in its own stack"));
                }
                Json::String(lid)
            }
        }
    }

    fn condition_name(&mut self, t: &Target, stack: NodeId, path: &str) -> Json {
        self.local_name(t, Section::Conditions, "a condition", stack, path)
    }

    fn reference(&mut self, t: &Target, attr: Option<&String>, stack: NodeId, path: &str) -> Json {
        let node = match t {
            Target::Pseudo(p) => return single("Ref", text(p.name())),
            Target::LogicalId(id) => {
                return match attr {
                    None => single("Ref", text(id)),
                    Some(a) => call("Fn::GetAtt", vec![text(id), text(a)]),
                }
            }
            Target::Element(_) => match self.element(t, path) {
                Some(n) => n,
                None => return Json::Null,
            },
        };
        let placed = &self.placed[&node];
        let (producer, section, lid) = (placed.stack, placed.section, placed.logical_id.clone());
        match (section, attr) {
            (Section::Resources, _) | (Section::Parameters, None) => {}
            (Section::Parameters, Some(_)) => {
                return self.dangling(
                    path,
                    self.graph.path(node),
                    "a parameter has no attributes; use its Ref",
                )
            }
            _ => {
                return self.dangling(
                    path,
                    self.graph.path(node),
                    "only resources and parameters can be referenced",
                )
            }
        }
        if let (Some(a), Some(ElementKind::Resource(r))) = (attr, self.graph.element(node).map(|e| &e.kind)) {
            if let Some(meta) = r.meta {
                if !meta.attributes.contains(&a.as_str()) && !meta.properties.contains(&a.as_str()) {
                    self.errors.push(SynthError::UnknownAttribute {
                        path: path.to_owned(),
                        type_name: meta.name.to_owned(),
                        attribute: a.clone(),
                        known: meta.attributes.iter().map(|s| s.to_string()).collect(),
                    });
                }
            }
        }
        let local = match attr {
            None => single("Ref", Json::String(lid)),
            Some(a) => single(
                "Fn::GetAtt",
                Json::Array(vec![Json::String(lid), Json::String(a.clone())]),
            ),
        };
        if producer == stack {
            return local;
        }
        self.import(producer, stack, local, path)
    }

    /// Registers an export of `value` in `producer` and returns the
    /// `Fn::ImportValue` that `consumer` uses, naming the export as the AWS CDK does.
    fn import(&mut self, producer: NodeId, consumer: NodeId, value: Json, path: &str) -> Json {
        let (pe, ce) = match (self.graph.stack_data(producer), self.graph.stack_data(consumer)) {
            (Some(p), Some(c)) => (p.env.clone(), c.env.clone()),
            _ => return Json::Null,
        };
        let differs = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(x), Some(y)) if x != y);
        if differs(&pe.region, &ce.region) || differs(&pe.account, &ce.account) {
            self.errors.push(SynthError::CrossEnvironmentReference {
                path: path.to_owned(),
                stack_path: self.graph.path(consumer),
                other_stack_path: self.graph.path(producer),
            });
            return Json::Null;
        }
        let id = format!("Output{}", serde_json::to_string(&value).unwrap_or_default());
        let output_logical_id = make_unique_id(&["Exports", id.as_str()]).unwrap_or_default();
        let stack_name = self
            .graph
            .stack_data(producer)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let prefix = format!("{stack_name}:");
        let keep = 255usize.saturating_sub(prefix.len());
        let local = &output_logical_id[output_logical_id.len().saturating_sub(keep)..];
        let export_name = format!("{prefix}{local}");
        self.exports
            .entry(producer)
            .or_default()
            .entry(export_name.clone())
            .or_insert(Export {
                output_logical_id,
                value,
            });
        self.stack_deps.entry(consumer).or_default().insert(producer);
        single("Fn::ImportValue", Json::String(export_name))
    }
}

/// `{key: value}`. Not `json!`: it copies every value it is given through
/// `serde_json::to_value`, a deep copy of each resolved argument.
pub(crate) fn single(key: &str, value: Json) -> Json {
    let mut m = Map::with_capacity(1);
    m.insert(key.to_owned(), value);
    Json::Object(m)
}

/// `{name: [args...]}`, an intrinsic function with a list of arguments.
fn call(name: &str, args: Vec<Json>) -> Json {
    single(name, Json::Array(args))
}

pub(crate) fn text(s: &str) -> Json {
    Json::String(s.to_owned())
}

/// Renders a concatenation as the most readable equivalent: a plain string,
/// an `Fn::Sub` when every reference is a `Ref` or `Fn::GetAtt`, else an
/// `Fn::Join` with an empty delimiter.
fn render_concat(parts: Vec<Json>) -> Json {
    let mut merged: Vec<Json> = Vec::new();
    for p in parts {
        match (merged.last_mut(), p) {
            (Some(Json::String(prev)), Json::String(s)) => prev.push_str(&s),
            (_, p) => merged.push(p),
        }
    }
    if merged.is_empty() {
        return Json::String(String::new());
    }
    if merged.len() == 1 {
        return merged.pop().unwrap_or_default();
    }
    let mut sub = String::new();
    for p in &merged {
        match p {
            Json::String(s) => sub.push_str(&s.replace("${", "${!")),
            other => match sub_variable(other) {
                Some(var) => {
                    sub.push_str("${");
                    sub.push_str(&var);
                    sub.push('}');
                }
                None => return call("Fn::Join", vec![text(""), Json::Array(merged)]),
            },
        }
    }
    single("Fn::Sub", Json::String(sub))
}

/// `X` for `{"Ref": "X"}`, `X.A` for `{"Fn::GetAtt": ["X", "A"]}`.
fn sub_variable(v: &Json) -> Option<String> {
    let obj = v.as_object().filter(|o| o.len() == 1)?;
    if let Some(Json::String(r)) = obj.get("Ref") {
        return Some(r.clone());
    }
    let args = obj.get("Fn::GetAtt")?.as_array()?;
    match args.as_slice() {
        [Json::String(x), Json::String(a)] => Some(format!("{x}.{a}")),
        _ => None,
    }
}
