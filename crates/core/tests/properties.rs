//! Determinism under stress: random valid apps (construct trees, ids,
//! references within and across stacks, tags, dependencies) synthesize to the
//! same bytes every time, whatever the order of the things whose order should
//! not matter; logical IDs are unique and valid; every stack holds exactly the
//! resources generated for it, with the tags they should carry and the
//! `DependsOn` they declared; every reference resolves to the resource it was
//! generated to point at.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use proptest::prelude::*;
use rcdk_core::*;
use serde_json::{json, Value as Json};

static QUEUE: ResourceType = ResourceType {
    name: "AWS::SQS::Queue",
    tagging: TagFormat::KeyValueList,
    attributes: &["Arn", "QueueUrl", "QueueName"],
    properties: &["QueueName", "Tags", "DelaySeconds"],
    create_only_properties: &["QueueName"],
};

/// One resource: where it goes, and what it refers to.
#[derive(Clone, Debug)]
struct Spec {
    stack: usize,
    /// Path below the stack: group ids, then the resource id.
    path: Vec<String>,
    /// Earlier resources it refers to (index, by attribute or Ref), all in
    /// this stack or a lower-numbered one.
    refs: Vec<(usize, bool)>,
    /// Earlier resources it depends on explicitly, all in this stack or a
    /// lower-numbered one.
    depends: Vec<usize>,
    /// Tags with distinct keys, added to the scope `tag_level` deep on the
    /// resource's path: 0 is the stack, `path.len()` the resource itself.
    tags: Vec<(String, String)>,
    tag_level: usize,
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 _.-]{0,10}"
}

/// A tag key: often one of a few, so that scopes on one path share keys
/// (an inner scope's value wins) and one scope gets a key twice (the last
/// value wins).
fn tag_key() -> impl Strategy<Value = String> {
    prop_oneof!["K[0-3]", id()]
}

/// Random apps of 1 to 3 stacks, each with at least one resource.
///
/// Ids keep their punctuation, but get a suffix that keeps distinct
/// generated paths distinct as logical IDs: a resource directly under a
/// stack gets the CDK's logical ID without a hash (its id with everything
/// but letters and digits removed), so `a 1` and `a1` would collide, as they
/// do in the AWS CDK (see `top_level_ids_equal_but_for_punctuation_collide`).
/// A resource's id ends in `R` and its index, which no other resource's
/// stripped id ends in; a group's id ends in `G`, so it is never a
/// resource's id, and never `Default` or `Resource`, which the logical ID
/// algorithm treats specially.
fn app_spec() -> impl Strategy<Value = (usize, Vec<Spec>)> {
    (1usize..4)
        .prop_flat_map(|stacks| (Just(stacks), stacks..25))
        .prop_flat_map(|(stacks, n)| {
            let specs = (0..n)
                .map(move |i| {
                    (
                        0..stacks,
                        prop::collection::vec(id(), 0..3),
                        id(),
                        prop::collection::vec((0..i.max(1), any::<bool>()), 0..3),
                        prop::collection::vec(0..i.max(1), 0..3),
                        prop::collection::vec((tag_key(), id()), 0..4),
                        any::<prop::sample::Index>(),
                    )
                        .prop_map(move |(stack, groups, leaf, refs, depends, mut tags, level)| {
                            let mut path: Vec<String> = groups.into_iter().map(|g| format!("{g}G")).collect();
                            path.push(format!("{leaf}R{i}"));
                            let mut seen = HashSet::new();
                            tags.retain(|(k, _)| seen.insert(k.clone()));
                            Spec {
                                // The first resources go one to each stack, so no
                                // stack is empty.
                                stack: if i < stacks { i } else { stack },
                                tag_level: level.index(path.len() + 1),
                                path,
                                refs: if i == 0 { vec![] } else { refs },
                                depends: if i == 0 { vec![] } else { depends },
                                tags,
                            }
                        })
                })
                .collect::<Vec<_>>();
            (Just(stacks), specs)
        })
        .prop_map(|(stacks, mut specs)| {
            // A reference from a lower stack to a higher one would be a
            // cycle if the reverse also existed: keep cross-stack references
            // and dependencies pointing at lower-numbered stacks.
            let stack_of: Vec<usize> = specs.iter().map(|s| s.stack).collect();
            for s in &mut specs {
                s.refs.retain(|(t, _)| stack_of[*t] <= s.stack);
                s.depends.retain(|t| stack_of[*t] <= s.stack);
            }
            (stacks, specs)
        })
}

fn stack_id(i: usize) -> String {
    format!("Stack{i}")
}

/// The construct path of a generated resource.
fn path_of(s: &Spec) -> String {
    format!("{}/{}", stack_id(s.stack), s.path.join("/"))
}

/// Builds the app. References only point at earlier resources, so there are
/// no cycles.
fn build(stacks: usize, specs: &[Spec], reverse_orders: bool) -> App {
    let app = App::new();
    let stack_handles: Vec<Stack> = (0..stacks)
        .map(|i| app.stack(&stack_id(i), StackProps::default()))
        .collect();
    let mut resources: Vec<Resource> = Vec::new();
    // Groups by path, so a group id used twice under one scope is one node.
    let mut groups: HashMap<String, Scope> = HashMap::new();
    for s in specs {
        let stack: Scope = (*stack_handles[s.stack]).clone();
        let mut scopes = vec![stack.clone()];
        let mut scope = stack;
        for g in &s.path[..s.path.len() - 1] {
            let key = format!("{}/{g}", scope.path());
            scope = groups.entry(key).or_insert_with(|| scope.child(g)).clone();
            scopes.push(scope.clone());
        }
        let r = Resource::typed(&scope, s.path.last().unwrap(), &QUEUE, Value::Null);
        scopes.push(r.scope().clone());
        // A concatenation's order is its meaning: only orders that should
        // not matter are reversed below.
        let mut deps: Vec<&usize> = s.depends.iter().collect();
        let mut tags: Vec<&(String, String)> = s.tags.iter().collect();
        if reverse_orders {
            deps.reverse();
            tags.reverse();
        }
        for (k, v) in tags {
            scopes[s.tag_level].add_tag(k, v);
        }
        let list: Vec<Value> = s
            .refs
            .iter()
            .map(|(t, att)| {
                let target = &resources[*t];
                if *att {
                    target.get_att::<String>("Arn").into()
                } else {
                    target.reference().into()
                }
            })
            .collect();
        if !list.is_empty() {
            r.set_property("QueueName", Expr::concat(list.into_iter().map(Expr::from_value)));
        }
        for t in deps {
            r.add_depends_on(&resources[*t]);
        }
        resources.push(r);
    }
    app
}

fn render(app: &App) -> Result<String, SynthErrors> {
    let a = app.synth()?;
    Ok(a.stacks()
        .iter()
        .map(|s| format!("{}{}", s.to_yaml(), s.json()))
        .collect())
}

/// The tags each generated resource should carry, sorted by key: those of
/// every scope from its stack down to itself, an inner scope's value winning
/// over an outer one's, and on one scope the last value added.
fn expected_tags(specs: &[Spec]) -> Vec<BTreeMap<String, String>> {
    let mut on_scope: HashMap<(usize, Vec<String>), HashMap<String, String>> = HashMap::new();
    for s in specs {
        let scope = on_scope.entry((s.stack, s.path[..s.tag_level].to_vec())).or_default();
        for (k, v) in &s.tags {
            scope.insert(k.clone(), v.clone());
        }
    }
    specs
        .iter()
        .map(|s| {
            let mut tags = BTreeMap::new();
            for depth in 0..=s.path.len() {
                for (k, v) in on_scope.get(&(s.stack, s.path[..depth].to_vec())).into_iter().flatten() {
                    tags.insert(k.clone(), v.clone());
                }
            }
            tags
        })
        .collect()
}

/// What a `QueueName` refers to, in order: (stack index, logical ID,
/// attribute), following `Fn::ImportValue` to the export's value.
fn referenced(
    v: &Json,
    stack: usize,
    exports: &HashMap<String, (usize, Json)>,
    out: &mut Vec<(usize, String, Option<String>)>,
) -> Result<(), String> {
    let unexpected = || Err(format!("unexpected {v}"));
    let Some(o) = v.as_object().filter(|o| o.len() == 1) else {
        return unexpected();
    };
    let (k, x) = o.iter().next().unwrap();
    match (k.as_str(), x) {
        ("Ref", Json::String(id)) => out.push((stack, id.clone(), None)),
        ("Fn::GetAtt", Json::Array(a)) => match a.as_slice() {
            [Json::String(id), Json::String(att)] => out.push((stack, id.clone(), Some(att.clone()))),
            _ => return unexpected(),
        },
        ("Fn::ImportValue", Json::String(name)) => {
            let (from, value) = exports
                .get(name)
                .ok_or(format!("import of {name}, which no stack exports"))?;
            let mut inner = Vec::new();
            referenced(value, *from, exports, &mut inner)?;
            if inner.len() != 1 {
                return Err(format!("export {name} is {value}"));
            }
            out.extend(inner);
        }
        ("Fn::Join", Json::Array(a)) => match a.as_slice() {
            [Json::String(d), Json::Array(items)] if d.is_empty() => {
                for item in items {
                    referenced(item, stack, exports, out)?;
                }
            }
            _ => return unexpected(),
        },
        ("Fn::Sub", Json::String(template)) => {
            // Only references were concatenated: no literal text.
            let mut rest = template.as_str();
            while !rest.is_empty() {
                let Some(var) = rest.strip_prefix("${").and_then(|r| r.split_once('}')) else {
                    return Err(format!("literal text in {template:?}"));
                };
                match var.0.split_once('.') {
                    Some((id, att)) => out.push((stack, id.to_owned(), Some(att.to_owned()))),
                    None => out.push((stack, var.0.to_owned(), None)),
                }
                rest = var.1;
            }
        }
        _ => return unexpected(),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_apps_synthesize_deterministically((stacks, specs) in app_spec()) {
        let first = build(stacks, &specs, false);
        // Every generated app is valid: any error at all is a failure.
        let a = match render(&first) {
            Ok(a) => a,
            Err(e) => return Err(TestCaseError::fail(format!("synthesis failed: {e}"))),
        };
        prop_assert_eq!(&a, &render(&first).unwrap(), "same app, same bytes");
        prop_assert_eq!(&a, &render(&build(stacks, &specs, false)).unwrap(), "rebuilt app, same bytes");
        prop_assert_eq!(&a, &render(&build(stacks, &specs, true)).unwrap(), "tag and DependsOn orders do not matter");

        let assembly = first.synth().unwrap();
        prop_assert_eq!(assembly.stacks().len(), stacks);
        let mut exports: HashMap<String, (usize, Json)> = HashMap::new();
        for (i, s) in assembly.stacks().iter().enumerate() {
            prop_assert_eq!(s.id(), stack_id(i));
            for (_, o) in s.template()["Outputs"].as_object().into_iter().flatten() {
                if let Some(n) = o.pointer("/Export/Name").and_then(Json::as_str) {
                    prop_assert!(exports.insert(n.to_owned(), (i, o["Value"].clone())).is_none(), "export {n} twice");
                }
            }
        }

        // The logical ID of each generated resource, found by its construct
        // path: each is in its stack's Resources exactly once, and the
        // stack has no other resource.
        let mut logical_ids: Vec<Option<String>> = vec![None; specs.len()];
        for (i, s) in assembly.stacks().iter().enumerate() {
            let t = s.template();
            let mut ids = HashSet::new();
            for section in ["Parameters", "Resources", "Outputs", "Conditions", "Mappings"] {
                for id in t[section].as_object().into_iter().flatten().map(|(k, _)| k) {
                    prop_assert!(logical_id::is_valid_logical_id(id), "{id}");
                    prop_assert!(ids.insert(id.clone()), "logical ID {id} in two sections");
                }
            }
            let generated: HashMap<String, usize> = specs
                .iter()
                .enumerate()
                .filter(|(_, sp)| sp.stack == i)
                .map(|(n, sp)| (path_of(sp), n))
                .collect();
            let resources = t["Resources"].as_object().unwrap();
            prop_assert_eq!(resources.len(), generated.len(), "resources of {}", s.id());
            for id in resources.keys() {
                let path = s.construct_path(id);
                let n = path.and_then(|p| generated.get(p));
                prop_assert!(n.is_some(), "{id} at {path:?} was not generated in {}", s.id());
                let n = *n.unwrap();
                prop_assert!(logical_ids[n].is_none(), "{} placed twice", path_of(&specs[n]));
                logical_ids[n] = Some(id.clone());
            }
        }
        let logical_ids: Vec<String> = logical_ids.into_iter().map(Option::unwrap).collect();

        let tags = expected_tags(&specs);
        for (n, sp) in specs.iter().enumerate() {
            let s = &assembly.stacks()[sp.stack];
            let r = &s.template()["Resources"][&logical_ids[n]];
            let at = path_of(sp);
            prop_assert_eq!(&r["Type"], "AWS::SQS::Queue", "{}", at);

            // Tags: exactly those the resource should carry, sorted by key.
            let want: Vec<Json> = tags[n].iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect();
            let got = r.pointer("/Properties/Tags").cloned().unwrap_or(json!([]));
            prop_assert_eq!(got, Json::Array(want), "tags of {}", at);

            // DependsOn: the declared dependencies within the stack, by
            // their logical IDs (across stacks they are stack dependencies).
            let want: BTreeSet<&str> = sp
                .depends
                .iter()
                .filter(|t| specs[**t].stack == sp.stack)
                .map(|t| logical_ids[*t].as_str())
                .collect();
            let got: BTreeSet<&str> = match &r["DependsOn"] {
                Json::Null => BTreeSet::new(),
                Json::String(d) => [d.as_str()].into(),
                Json::Array(a) => a.iter().map(|d| d.as_str().unwrap_or("?")).collect(),
                other => return Err(TestCaseError::fail(format!("DependsOn of {at}: {other}"))),
            };
            prop_assert_eq!(got, want, "DependsOn of {}", at);

            // References: each to the logical ID of the resource it was
            // generated to point at, in its stack, in order.
            let want: Vec<(usize, String, Option<String>)> = sp
                .refs
                .iter()
                .map(|(t, att)| (specs[*t].stack, logical_ids[*t].clone(), att.then(|| "Arn".to_owned())))
                .collect();
            let mut got = Vec::new();
            match r.pointer("/Properties/QueueName") {
                None => {}
                Some(v) => {
                    if let Err(e) = referenced(v, sp.stack, &exports, &mut got) {
                        return Err(TestCaseError::fail(format!("QueueName of {at}: {e}")));
                    }
                }
            }
            prop_assert_eq!(got, want, "references of {}", at);
        }

        for (i, s) in assembly.stacks().iter().enumerate() {
            // Stack tags: those added to the stack itself.
            let mut want: BTreeMap<&str, &str> = BTreeMap::new();
            for sp in specs.iter().filter(|sp| sp.stack == i && sp.tag_level == 0) {
                for (k, v) in &sp.tags {
                    want.insert(k, v);
                }
            }
            let want: Vec<(String, String)> = want.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
            prop_assert_eq!(s.tags(), &want[..], "tags of stack {}", s.id());

            // Stack dependencies: exactly the lower stacks referred to or
            // depended on.
            let want: BTreeSet<String> = specs
                .iter()
                .filter(|sp| sp.stack == i)
                .flat_map(|sp| sp.refs.iter().map(|(t, _)| *t).chain(sp.depends.iter().copied()))
                .map(|t| specs[t].stack)
                .filter(|&d| d != i)
                .map(stack_id)
                .collect();
            let got: BTreeSet<String> = s.dependencies().iter().cloned().collect();
            prop_assert_eq!(got, want, "dependencies of stack {}", s.id());
        }

        // Every Ref, Fn::GetAtt, DependsOn and Fn::ImportValue of every
        // template resolves within the app.
        for s in assembly.stacks() {
            let t = s.template();
            let resources: HashSet<&String> = t["Resources"].as_object().unwrap().keys().collect();
            let mut problems = Vec::new();
            walk(t, &mut |k, v| match (k, v) {
                ("Ref", Json::String(x)) if !x.starts_with("AWS::") && !resources.contains(x) => problems.push(format!("Ref {x}")),
                ("Fn::GetAtt", Json::Array(a)) if !resources.contains(&a[0].as_str().unwrap_or("").to_owned()) => problems.push(format!("GetAtt {a:?}")),
                ("Fn::ImportValue", Json::String(x)) if !exports.contains_key(x) => problems.push(format!("import {x}")),
                ("DependsOn", Json::Array(a)) => {
                    for d in a {
                        if !resources.contains(&d.as_str().unwrap_or("").to_owned()) {
                            problems.push(format!("DependsOn {d}"));
                        }
                    }
                }
                _ => {}
            });
            prop_assert!(problems.is_empty(), "{problems:?}");
        }
    }
}

/// Why the generator suffixes ids: directly under a stack, a resource's
/// logical ID is its id without punctuation and without a hash (as in the
/// AWS CDK), so two distinct ids can give one logical ID. Synthesis reports
/// the collision instead of writing one resource over the other.
#[test]
fn top_level_ids_equal_but_for_punctuation_collide() {
    let app = App::new();
    let s = app.stack("S", StackProps::default());
    Resource::typed(&s, "a 1", &QUEUE, Value::Null);
    Resource::typed(&s, "a1", &QUEUE, Value::Null);
    let e = app.synth().unwrap_err();
    assert_eq!(
        e.errors(),
        [SynthError::LogicalIdCollision {
            logical_id: "a1".into(),
            path: "S/a1".into(),
            other_path: "S/a 1".into(),
        }]
    );
}

fn walk(v: &Json, f: &mut dyn FnMut(&str, &Json)) {
    match v {
        Json::Object(m) => {
            for (k, x) in m {
                f(k, x);
                walk(x, f);
            }
        }
        Json::Array(a) => a.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}
