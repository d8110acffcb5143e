//! Determinism under stress: random valid apps (construct trees, ids,
//! references within and across stacks, tags, dependencies) synthesize to the
//! same bytes every time, whatever the order of the things whose order should
//! not matter; logical IDs are unique and valid; every reference resolves.

use std::collections::HashSet;

use proptest::prelude::*;
use rcdk_core::*;
use serde_json::Value as Json;

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
    /// Earlier resources it refers to (index, by attribute or Ref).
    refs: Vec<(usize, bool)>,
    /// Earlier resources it depends on explicitly.
    depends: Vec<usize>,
    tags: Vec<(String, String)>,
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 _.-]{0,10}"
}

fn app_spec() -> impl Strategy<Value = (usize, Vec<Spec>)> {
    (1usize..4, 1usize..25).prop_flat_map(|(stacks, n)| {
        let specs = (0..n)
            .map(move |i| {
                (
                    0..stacks,
                    prop::collection::vec(id(), 0..3),
                    id(),
                    prop::collection::vec((0..i.max(1), any::<bool>()), 0..3),
                    prop::collection::vec(0..i.max(1), 0..2),
                    prop::collection::vec((id(), id()), 0..3),
                )
                    .prop_map(move |(stack, groups, leaf, refs, depends, tags)| {
                        let mut path = groups;
                        // The index keeps sibling ids unique.
                        path.push(format!("{leaf}{i}"));
                        Spec {
                            stack,
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
}

/// Builds the app. References only point at earlier resources, so there are
/// no cycles, and stacks are numbered so that a reference from a lower stack
/// to a higher one would be a cycle only if the reverse also existed: keep
/// cross-stack references pointing at lower-numbered stacks.
fn build(stacks: usize, specs: &[Spec], reverse_orders: bool) -> App {
    let app = App::new();
    let stack_handles: Vec<Stack> = (0..stacks)
        .map(|i| app.stack(&format!("Stack{i}"), StackProps::default()))
        .collect();
    let mut resources: Vec<(usize, Resource)> = Vec::new();
    // Groups by path, so a group id used twice under one scope is one node.
    let mut groups: std::collections::HashMap<String, Scope> = std::collections::HashMap::new();
    for s in specs {
        let mut scope: Scope = (*stack_handles[s.stack]).clone();
        for g in &s.path[..s.path.len() - 1] {
            let key = format!("{}/{g}", scope.path());
            scope = groups.entry(key).or_insert_with(|| scope.child(g)).clone();
        }
        let r = Resource::typed(&scope, s.path.last().unwrap(), &QUEUE, Value::Null);
        // A concatenation's order is its meaning: only orders that should
        // not matter are reversed below.
        let refs: Vec<&(usize, bool)> = s.refs.iter().filter(|(t, _)| resources[*t].0 <= s.stack).collect();
        let mut deps: Vec<&usize> = s.depends.iter().filter(|t| resources[**t].0 <= s.stack).collect();
        let mut tags: Vec<&(String, String)> = s.tags.iter().collect();
        if reverse_orders {
            deps.reverse();
            tags.reverse();
        }
        // Distinct tag keys only: with duplicates the last write wins, which
        // is order-sensitive by design.
        let mut seen = HashSet::new();
        tags.retain(|(k, _)| seen.insert(k.clone()));
        for (k, v) in tags {
            r.scope().add_tag(k, v);
        }
        let list: Vec<Value> = refs
            .iter()
            .map(|(t, att)| {
                let target = &resources[*t].1;
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
            r.add_depends_on(&resources[*t].1);
        }
        resources.push((s.stack, r));
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_apps_synthesize_deterministically((stacks, specs) in app_spec()) {
        let first = build(stacks, &specs, false);
        let Ok(a) = render(&first) else {
            // Ids made only of punctuation give no logical ID: a reported
            // error, not a template. Nothing else may fail.
            let e = first.synth().unwrap_err();
            prop_assert!(e.0.iter().all(|e| matches!(e, SynthError::InvalidLogicalId { .. } | SynthError::LogicalIdCollision { .. } | SynthError::EmptyStack { .. })), "{e}");
            return Ok(());
        };
        prop_assert_eq!(&a, &render(&first).unwrap(), "same app, same bytes");
        prop_assert_eq!(&a, &render(&build(stacks, &specs, false)).unwrap(), "rebuilt app, same bytes");
        prop_assert_eq!(&a, &render(&build(stacks, &specs, true)).unwrap(), "tag and DependsOn orders do not matter");

        let assembly = first.synth().unwrap();
        let mut exports = HashSet::new();
        for s in assembly.stacks() {
            for (_, o) in s.template()["Outputs"].as_object().into_iter().flatten() {
                if let Some(n) = o.pointer("/Export/Name").and_then(Json::as_str) {
                    exports.insert(n.to_owned());
                }
            }
        }
        for s in assembly.stacks() {
            let t = s.template();
            let mut ids = HashSet::new();
            for section in ["Parameters", "Resources", "Outputs", "Conditions", "Mappings"] {
                for id in t[section].as_object().into_iter().flatten().map(|(k, _)| k) {
                    prop_assert!(logical_id::is_valid_logical_id(id), "{id}");
                    prop_assert!(ids.insert(id.clone()), "duplicate logical ID {id}");
                }
            }
            let resources: HashSet<&String> = t["Resources"].as_object().unwrap().keys().collect();
            let mut problems = Vec::new();
            walk(t, &mut |k, v| match (k, v) {
                ("Ref", Json::String(x)) if !x.starts_with("AWS::") && !resources.contains(x) => problems.push(format!("Ref {x}")),
                ("Fn::GetAtt", Json::Array(a)) if !resources.contains(&a[0].as_str().unwrap_or("").to_owned()) => problems.push(format!("GetAtt {a:?}")),
                ("Fn::ImportValue", Json::String(x)) if !exports.contains(x) => problems.push(format!("import {x}")),
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
