//! The app's resources and the references between them, as a Mermaid
//! flowchart or a Graphviz graph, grouped by stack and construct.

use std::collections::HashMap;
use std::fmt::Write as _;

use rcdk_core::Assembly;
use serde_json::Value as Json;

/// One reference: from resource to resource, by `Ref`, `Fn::GetAtt`,
/// `Fn::Sub`, `DependsOn` or (across stacks) an export.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// `stack/logical id` of the resource that refers.
    pub from: String,
    /// `stack/logical id` of the resource referred to.
    pub to: String,
    /// `ref`, `depends on` or `import`.
    pub kind: &'static str,
}

fn refs(v: &Json, out: &mut Vec<(String, &'static str)>) {
    match v {
        Json::Object(m) if m.len() == 1 => {
            let (k, a) = m.iter().next().expect("one entry");
            match (k.as_str(), a) {
                ("Ref", Json::String(x)) => out.push((x.clone(), "ref")),
                ("Fn::GetAtt", Json::Array(l)) => {
                    if let Some(Json::String(x)) = l.first() {
                        out.push((x.clone(), "ref"));
                    }
                }
                ("Fn::ImportValue", Json::String(x)) => out.push((x.clone(), "import")),
                ("Fn::Sub", Json::String(t)) => {
                    let mut rest = t.as_str();
                    while let Some(i) = rest.find("${") {
                        let after = &rest[i + 2..];
                        let Some(end) = after.find('}') else { break };
                        let name = &after[..end];
                        if !name.starts_with('!') && !name.starts_with("AWS::") {
                            out.push((name.split('.').next().unwrap_or(name).to_owned(), "ref"));
                        }
                        rest = &after[end + 1..];
                    }
                }
                _ => refs(a, out),
            }
        }
        Json::Object(m) => m.values().for_each(|v| refs(v, out)),
        Json::Array(a) => a.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// Every reference between the app's resources.
pub fn edges(a: &Assembly) -> Vec<Edge> {
    // Export name -> the producing stack's resource.
    let mut exports: HashMap<String, String> = HashMap::new();
    for s in a.stacks() {
        for (_, o) in s.template()["Outputs"].as_object().into_iter().flatten() {
            if let Some(name) = o.pointer("/Export/Name").and_then(Json::as_str) {
                let mut r = Vec::new();
                refs(&o["Value"], &mut r);
                if let Some((lid, _)) = r.first() {
                    exports.insert(name.to_owned(), format!("{}/{lid}", s.id()));
                }
            }
        }
    }
    let mut out = Vec::new();
    for s in a.stacks() {
        let resources = s.template()["Resources"].as_object().cloned().unwrap_or_default();
        for (lid, r) in &resources {
            let mut found = Vec::new();
            refs(r.get("Properties").unwrap_or(&Json::Null), &mut found);
            for d in r
                .get("DependsOn")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
            {
                found.push((d.to_owned(), "depends on"));
            }
            for (target, kind) in found {
                let to = if kind == "import" {
                    match exports.get(&target) {
                        Some(t) => t.clone(),
                        None => continue,
                    }
                } else if resources.contains_key(&target) {
                    format!("{}/{target}", s.id())
                } else {
                    continue;
                };
                let e = Edge {
                    from: format!("{}/{lid}", s.id()),
                    to,
                    kind,
                };
                if !out.contains(&e) {
                    out.push(e);
                }
            }
        }
    }
    out
}

fn node_id(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Groups a stack's resources by the first construct below the stack.
fn groups(s: &rcdk_core::StackArtifact) -> Vec<(String, Vec<(String, String)>)> {
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (lid, r) in s.template()["Resources"].as_object().into_iter().flatten() {
        let path = s.construct_path(lid).unwrap_or(lid);
        let below = path.split_once('/').map_or(path, |(_, rest)| rest);
        let group = below.split('/').next().unwrap_or(below).to_owned();
        let t = r["Type"].as_str().unwrap_or_default().to_owned();
        match out.iter_mut().find(|(g, _)| *g == group) {
            Some((_, v)) => v.push((lid.clone(), t)),
            None => out.push((group, vec![(lid.clone(), t)])),
        }
    }
    out
}

/// The app as a Mermaid flowchart.
pub fn mermaid(a: &Assembly) -> String {
    let mut out = String::from("flowchart LR\n");
    for s in a.stacks() {
        writeln!(out, "  subgraph {}[\"Stack {}\"]", node_id(s.id()), s.id()).ok();
        for (group, resources) in groups(s) {
            writeln!(
                out,
                "    subgraph {}[\"{group}\"]",
                node_id(&format!("{}_{group}", s.id()))
            )
            .ok();
            for (lid, t) in resources {
                writeln!(
                    out,
                    "      {}[\"{lid}<br/>{t}\"]",
                    node_id(&format!("{}/{lid}", s.id()))
                )
                .ok();
            }
            out.push_str("    end\n");
        }
        out.push_str("  end\n");
    }
    for e in edges(a) {
        let arrow = match e.kind {
            "ref" => "-->".to_owned(),
            k => format!("-.->|{k}|"),
        };
        writeln!(out, "  {} {arrow} {}", node_id(&e.from), node_id(&e.to)).ok();
    }
    out
}

/// The app as a Graphviz `digraph`.
pub fn dot(a: &Assembly) -> String {
    let mut out = String::from("digraph App {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    for s in a.stacks() {
        writeln!(
            out,
            "  subgraph \"cluster_{}\" {{\n    label=\"Stack {}\";",
            s.id(),
            s.id()
        )
        .ok();
        for (group, resources) in groups(s) {
            writeln!(
                out,
                "    subgraph \"cluster_{}_{group}\" {{\n      label=\"{group}\";",
                s.id()
            )
            .ok();
            for (lid, t) in resources {
                writeln!(out, "      \"{}/{lid}\" [label=\"{lid}\\n{t}\"];", s.id()).ok();
            }
            out.push_str("    }\n");
        }
        out.push_str("  }\n");
    }
    for e in edges(a) {
        let style = if e.kind == "ref" {
            String::new()
        } else {
            format!(" [style=dashed, label=\"{}\"]", e.kind)
        };
        writeln!(out, "  \"{}\" -> \"{}\"{style};", e.from, e.to).ok();
    }
    out.push_str("}\n");
    out
}
