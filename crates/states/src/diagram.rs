//! A state machine as a picture: a Mermaid flowchart or a Graphviz graph,
//! the shape the Step Functions console draws, for a pull request.

use std::fmt::Write as _;

use crate::choice::Rule;
use crate::definition::{Kind, Machine};

fn id(prefix: &str, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("{prefix}{clean}")
}

fn label(s: &str) -> String {
    s.replace('"', "#quot;")
}

fn rule_label(r: &Rule) -> String {
    match r {
        Rule::And(rs) => rs.iter().map(rule_label).collect::<Vec<_>>().join(" and "),
        Rule::Or(rs) => rs.iter().map(rule_label).collect::<Vec<_>>().join(" or "),
        Rule::Not(r) => format!("not {}", rule_label(r)),
        Rule::Compare { variable, op, operand } => {
            let rhs = match operand {
                crate::choice::Operand::Value(v) => v.to_string(),
                crate::choice::Operand::Path(p) => p.to_string(),
            };
            format!("{variable} {op} {rhs}")
        }
    }
}

/// Renders the machine as a Mermaid flowchart.
///
/// ```
/// let m = rcdk_states::Machine::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).unwrap();
/// let chart = rcdk_states::diagram::mermaid(&m);
/// assert!(chart.starts_with("flowchart TD"));
/// assert!(chart.contains("A --> End"));
/// ```
pub fn mermaid(m: &Machine) -> String {
    let mut out = String::from("flowchart TD\n    Start((Start))\n    End((End))\n");
    mermaid_machine(m, "", &mut out);
    out
}

fn mermaid_machine(m: &Machine, prefix: &str, out: &mut String) {
    let start = if prefix.is_empty() {
        "Start".to_owned()
    } else {
        format!("{prefix}Start")
    };
    let end = if prefix.is_empty() {
        "End".to_owned()
    } else {
        format!("{prefix}End")
    };
    if !prefix.is_empty() {
        writeln!(out, "    {start}(( ))\n    {end}(( ))").ok();
    }
    writeln!(out, "    {start} --> {}", id(prefix, &m.start_at)).ok();
    for (name, s) in &m.states {
        let n = id(prefix, name);
        let shape = match s.kind {
            Kind::Choice { .. } => format!("{n}{{\"{}\"}}", label(name)),
            Kind::Succeed | Kind::Fail { .. } => format!("{n}([\"{}\"])", label(name)),
            _ => format!("{n}[\"{}\"]", label(name)),
        };
        writeln!(out, "    {shape}").ok();
        match &s.kind {
            Kind::Choice { choices, default } => {
                for (rule, next) in choices {
                    writeln!(
                        out,
                        "    {n} -->|\"{}\"| {}",
                        label(&rule_label(rule)),
                        id(prefix, next)
                    )
                    .ok();
                }
                if let Some(d) = default {
                    writeln!(out, "    {n} -->|default| {}", id(prefix, d)).ok();
                }
            }
            Kind::Succeed => {
                writeln!(out, "    {n} --> {end}").ok();
            }
            Kind::Fail { .. } => {
                writeln!(out, "    {n} -.->|fail| {end}").ok();
            }
            Kind::Parallel { branches } => {
                for (i, b) in branches.iter().enumerate() {
                    let p = format!("{n}_b{i}_");
                    writeln!(out, "    subgraph {p}[\"{} branch {}\"]", label(name), i + 1).ok();
                    mermaid_machine(b, &p, out);
                    writeln!(out, "    end").ok();
                }
            }
            Kind::Map { processor, .. } => {
                let p = format!("{n}_it_");
                writeln!(out, "    subgraph {p}[\"{} iteration\"]", label(name)).ok();
                mermaid_machine(processor, &p, out);
                writeln!(out, "    end").ok();
            }
            _ => {}
        }
        if !matches!(s.kind, Kind::Choice { .. } | Kind::Succeed | Kind::Fail { .. }) {
            match &s.next {
                Some(next) => writeln!(out, "    {n} --> {}", id(prefix, next)).ok(),
                None => writeln!(out, "    {n} --> {end}").ok(),
            };
        }
        for c in &s.catch {
            writeln!(
                out,
                "    {n} -.->|\"catch {}\"| {}",
                label(&c.errors.join(", ")),
                id(prefix, &c.next)
            )
            .ok();
        }
    }
}

/// Renders the machine as a Graphviz `digraph`.
pub fn dot(m: &Machine) -> String {
    let mut out = String::from("digraph StateMachine {\n  rankdir=TB;\n  node [fontname=\"Helvetica\"];\n  Start [shape=circle];\n  End [shape=doublecircle];\n");
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\\\""));
    writeln!(out, "  Start -> {};", q(&m.start_at)).ok();
    for (name, s) in &m.states {
        let shape = match s.kind {
            Kind::Choice { .. } => "diamond",
            Kind::Succeed | Kind::Fail { .. } => "oval",
            _ => "box",
        };
        writeln!(out, "  {} [shape={shape}];", q(name)).ok();
        match &s.kind {
            Kind::Choice { choices, default } => {
                for (rule, next) in choices {
                    writeln!(out, "  {} -> {} [label={}];", q(name), q(next), q(&rule_label(rule))).ok();
                }
                if let Some(d) = default {
                    writeln!(out, "  {} -> {} [label=\"default\"];", q(name), q(d)).ok();
                }
            }
            Kind::Succeed => {
                writeln!(out, "  {} -> End;", q(name)).ok();
            }
            Kind::Fail { .. } => {
                writeln!(out, "  {} -> End [style=dashed, label=\"fail\"];", q(name)).ok();
            }
            _ => {
                match &s.next {
                    Some(n) => writeln!(out, "  {} -> {};", q(name), q(n)).ok(),
                    None => writeln!(out, "  {} -> End;", q(name)).ok(),
                };
            }
        }
        for c in &s.catch {
            writeln!(
                out,
                "  {} -> {} [style=dashed, label={}];",
                q(name),
                q(&c.next),
                q(&format!("catch {}", c.errors.join(", ")))
            )
            .ok();
        }
    }
    out.push_str("}\n");
    out
}
