//! Template diffs: the synthesized template against the deployed one,
//! resource by resource and property by property, marking what
//! CloudFormation will replace and calling out IAM and security group changes.

#![warn(missing_docs)]

mod read;

use std::fmt::Write as _;

pub use read::{read_template, ReadError, ReadErrorKind};

use serde_json::{Map, Value as Json};

/// Added, removed or modified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only in the new template.
    Added,
    /// Only in the deployed template.
    Removed,
    /// In both, different.
    Modified,
}

impl ChangeKind {
    fn sign(self) -> &'static str {
        match self {
            ChangeKind::Added => "+",
            ChangeKind::Removed => "-",
            ChangeKind::Modified => "~",
        }
    }
}

/// One changed property (or resource attribute such as `DependsOn`).
#[derive(Clone, Debug, PartialEq)]
pub struct PropertyChange {
    /// The property name, or `DependsOn`, `DeletionPolicy`, ...
    pub name: String,
    /// The deployed value.
    pub old: Option<Json>,
    /// The new value.
    pub new: Option<Json>,
    /// CloudFormation replaces the resource when this property changes.
    pub replaces: bool,
}

/// One changed resource.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceChange {
    /// Its logical ID.
    pub logical_id: String,
    /// Its type (the new one when the type changed).
    pub type_name: String,
    /// What happened.
    pub kind: ChangeKind,
    /// The resource will be replaced (a create-only property or the type changed).
    pub replacement: bool,
    /// An IAM or security group change: review it with care.
    pub security: bool,
    /// The changed properties (for modifications).
    pub properties: Vec<PropertyChange>,
}

/// A changed output or parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryChange {
    /// Its name.
    pub name: String,
    /// What happened.
    pub kind: ChangeKind,
}

/// The difference between two templates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TemplateDiff {
    /// Resource changes, in the new template's order, then removals.
    pub resources: Vec<ResourceChange>,
    /// Output changes.
    pub outputs: Vec<EntryChange>,
    /// Parameter changes.
    pub parameters: Vec<EntryChange>,
    /// Other top-level changes (`Description`, `Conditions`, `Mappings`, ...).
    pub other: Vec<String>,
}

const SECURITY_PROPERTIES: &[&str] = &[
    "AssumeRolePolicyDocument",
    "Policies",
    "PolicyDocument",
    "ManagedPolicyArns",
    "KeyPolicy",
    "SecurityGroupIngress",
    "SecurityGroupEgress",
];

fn is_security_type(t: &str) -> bool {
    t.starts_with("AWS::IAM::") || t.starts_with("AWS::EC2::SecurityGroup")
}

fn section(t: &Json, name: &str) -> Map<String, Json> {
    t.get(name).and_then(Json::as_object).cloned().unwrap_or_default()
}

/// The properties that identify a resource of this type (its registry
/// schema's `primaryIdentifier`, from `rcdk_cfn::metadata`, whatever
/// services are compiled): what a resource import needs the values of.
/// `None` for a type the registry does not know.
///
/// ```
/// assert_eq!(rcdk_diff::primary_identifier("AWS::S3::Bucket"), Some(vec!["BucketName"]));
/// assert_eq!(rcdk_diff::primary_identifier("Custom::Thing"), None);
/// ```
pub fn primary_identifier(type_name: &str) -> Option<Vec<&'static str>> {
    rcdk_cfn::metadata::metadata(type_name).map(|m| m.primary_identifier().collect())
}

/// Compares the deployed template `old` (empty for a new stack) with `new`.
///
/// ```
/// use serde_json::json;
/// let old = json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "a"}}}});
/// let new = json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "b"}}}});
/// let d = rcdk_diff::diff(&old, &new);
/// assert!(d.resources[0].replacement, "QueueName is create-only");
///
/// // Every type of the registry is known, typed L1 compiled in or not.
/// let old = json!({"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "a"}}}});
/// let new = json!({"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "b"}}}});
/// assert!(rcdk_diff::diff(&old, &new).resources[0].replacement, "FunctionName is create-only");
/// ```
pub fn diff(old: &Json, new: &Json) -> TemplateDiff {
    let (or, nr) = (section(old, "Resources"), section(new, "Resources"));
    let mut resources = Vec::new();
    for (id, n) in &nr {
        let type_name = n.get("Type").and_then(Json::as_str).unwrap_or_default().to_owned();
        match or.get(id) {
            None => resources.push(ResourceChange {
                logical_id: id.clone(),
                security: is_security_type(&type_name),
                type_name,
                kind: ChangeKind::Added,
                replacement: false,
                properties: Vec::new(),
            }),
            Some(o) if o != n => {
                let old_type = o.get("Type").and_then(Json::as_str).unwrap_or_default();
                // Every type of the registry, whatever services are compiled.
                let meta = rcdk_cfn::metadata::metadata(&type_name);
                let mut props = Vec::new();
                let (op, np) = (
                    o.get("Properties")
                        .and_then(Json::as_object)
                        .cloned()
                        .unwrap_or_default(),
                    n.get("Properties")
                        .and_then(Json::as_object)
                        .cloned()
                        .unwrap_or_default(),
                );
                let mut names: Vec<&String> = np.keys().collect();
                names.extend(op.keys().filter(|k| !np.contains_key(*k)));
                for name in names {
                    let (a, b) = (op.get(name), np.get(name));
                    if a != b {
                        let replaces = meta.is_some_and(|m| m.replaces_on_change(name));
                        props.push(PropertyChange {
                            name: name.clone(),
                            old: a.cloned(),
                            new: b.cloned(),
                            replaces,
                        });
                    }
                }
                for attr in [
                    "DependsOn",
                    "Condition",
                    "DeletionPolicy",
                    "UpdateReplacePolicy",
                    "Metadata",
                    "UpdatePolicy",
                    "CreationPolicy",
                ] {
                    if o.get(attr) != n.get(attr) {
                        props.push(PropertyChange {
                            name: attr.to_owned(),
                            old: o.get(attr).cloned(),
                            new: n.get(attr).cloned(),
                            replaces: false,
                        });
                    }
                }
                let type_changed = old_type != type_name;
                resources.push(ResourceChange {
                    logical_id: id.clone(),
                    security: is_security_type(&type_name)
                        || props.iter().any(|p| SECURITY_PROPERTIES.contains(&p.name.as_str())),
                    replacement: type_changed || props.iter().any(|p| p.replaces),
                    type_name,
                    kind: ChangeKind::Modified,
                    properties: props,
                });
            }
            Some(_) => {}
        }
    }
    for (id, o) in &or {
        if !nr.contains_key(id) {
            let type_name = o.get("Type").and_then(Json::as_str).unwrap_or_default().to_owned();
            resources.push(ResourceChange {
                logical_id: id.clone(),
                security: is_security_type(&type_name),
                type_name,
                kind: ChangeKind::Removed,
                replacement: false,
                properties: Vec::new(),
            });
        }
    }
    let entries = |name: &str| {
        let (o, n) = (section(old, name), section(new, name));
        let mut out = Vec::new();
        for (k, v) in &n {
            match o.get(k) {
                None => out.push(EntryChange {
                    name: k.clone(),
                    kind: ChangeKind::Added,
                }),
                Some(x) if x != v => out.push(EntryChange {
                    name: k.clone(),
                    kind: ChangeKind::Modified,
                }),
                _ => {}
            }
        }
        out.extend(o.keys().filter(|k| !n.contains_key(*k)).map(|k| EntryChange {
            name: k.clone(),
            kind: ChangeKind::Removed,
        }));
        out
    };
    let mut other = Vec::new();
    for key in ["Description", "Conditions", "Mappings", "Transform", "Metadata"] {
        if old.get(key) != new.get(key) && !(old.is_null() && new.get(key).is_none()) {
            other.push(key.to_owned());
        }
    }
    TemplateDiff {
        resources,
        outputs: entries("Outputs"),
        parameters: entries("Parameters"),
        other,
    }
}

fn short(v: &Option<Json>) -> String {
    match v {
        None => "(none)".into(),
        Some(v) => {
            let s = serde_json::to_string(v).unwrap_or_default();
            if s.len() > 120 {
                format!(
                    "{}…",
                    &s[..s
                        .char_indices()
                        .take_while(|(i, _)| *i < 117)
                        .last()
                        .map_or(0, |(i, c)| i + c.len_utf8())]
                )
            } else {
                s
            }
        }
    }
}

impl TemplateDiff {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty() && self.outputs.is_empty() && self.parameters.is_empty() && self.other.is_empty()
    }

    /// The number of IAM and security group changes.
    pub fn security_changes(&self) -> usize {
        self.resources.iter().filter(|r| r.security).count()
    }

    /// A diff for a terminal: `[+]`, `[-]`, `[~]` lines, replacements and
    /// security changes marked.
    pub fn to_text(&self, stack: &str, path_of: &dyn Fn(&str) -> Option<String>) -> String {
        let mut out = format!("Stack {stack}\n");
        if self.is_empty() {
            out.push_str("There were no differences\n");
            return out;
        }
        if !self.resources.is_empty() {
            out.push_str("Resources\n");
        }
        for r in &self.resources {
            let path = path_of(&r.logical_id).map(|p| format!(" ({p})")).unwrap_or_default();
            let mut flags = Vec::new();
            if r.replacement {
                flags.push("replace");
            }
            if r.security {
                flags.push("security");
            }
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", flags.join(", "))
            };
            writeln!(out, "[{}] {} {}{path}{flags}", r.kind.sign(), r.type_name, r.logical_id).ok();
            for p in &r.properties {
                let note = if p.replaces { " (requires replacement)" } else { "" };
                writeln!(out, "    [~] {}: {} -> {}{note}", p.name, short(&p.old), short(&p.new)).ok();
            }
        }
        for (title, entries) in [("Parameters", &self.parameters), ("Outputs", &self.outputs)] {
            if !entries.is_empty() {
                writeln!(out, "{title}").ok();
                for e in entries {
                    writeln!(out, "[{}] {}", e.kind.sign(), e.name).ok();
                }
            }
        }
        for o in &self.other {
            writeln!(out, "[~] {o}").ok();
        }
        let s = self.security_changes();
        if s > 0 {
            writeln!(out, "{s} IAM or security group change(s): review them before deploying").ok();
        }
        out
    }

    /// A diff for a pull request, in Markdown.
    pub fn to_markdown(&self, stack: &str, path_of: &dyn Fn(&str) -> Option<String>) -> String {
        let mut out = format!("### Stack `{stack}`\n\n");
        if self.is_empty() {
            out.push_str("No differences.\n");
            return out;
        }
        if !self.resources.is_empty() {
            out.push_str("| | Resource | Type | Construct | Notes |\n| --- | --- | --- | --- | --- |\n");
            for r in &self.resources {
                let mut notes = Vec::new();
                if r.replacement {
                    notes.push("**replaced**".to_owned());
                }
                if r.security {
                    notes.push("**IAM / security group**".to_owned());
                }
                for p in &r.properties {
                    notes.push(format!("`{}`{}", p.name, if p.replaces { " (replaces)" } else { "" }));
                }
                writeln!(
                    out,
                    "| {} | `{}` | `{}` | {} | {} |",
                    r.kind.sign(),
                    r.logical_id,
                    r.type_name,
                    path_of(&r.logical_id).map(|p| format!("`{p}`")).unwrap_or_default(),
                    notes.join(", ")
                )
                .ok();
            }
        }
        for (title, entries) in [("Parameters", &self.parameters), ("Outputs", &self.outputs)] {
            if !entries.is_empty() {
                writeln!(
                    out,
                    "\n{title}: {}",
                    entries
                        .iter()
                        .map(|e| format!("{} `{}`", e.kind.sign(), e.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
                .ok();
            }
        }
        out
    }
}
