//! The rule API: what a rule sees ([`ResourceView`]), what it says
//! ([`Finding`]) and how it is described ([`Rule`]).

use serde_json::Value as Json;

use rcdk_core::{SourceLocation, StackArtifact};

/// How much a finding matters: an error fails a check, a warning fails it
/// only in strict mode ([`Report::passes`](crate::Report::passes)).
///
/// ```
/// use rcdk_policy::Level;
/// assert_eq!(Level::Error.to_string(), "error");
/// assert!(Level::Error > Level::Warning);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Fails only in strict mode.
    Warning,
    /// Always fails, unless suppressed.
    Error,
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// A check over one resource of a synthesized template.
///
/// A rule is described by its id, level, one-sentence explanation and fix,
/// and the ids of the external scanners' checks it corresponds to (so a
/// suppression of it can be written for them too). [`check`](Rule::check)
/// returns one message per problem (an empty message stands for the
/// explanation alone); no message means the resource passes or the rule does
/// not apply to it.
///
/// ```
/// use rcdk_policy::{Level, ResourceView, Rule};
///
/// /// Every queue has a name starting with `app-`.
/// struct QueuePrefix;
///
/// impl Rule for QueuePrefix {
///     fn id(&self) -> &str { "APP-SQS-1" }
///     fn level(&self) -> Level { Level::Warning }
///     fn explanation(&self) -> &str { "The queue's name does not start with app-." }
///     fn fix(&self) -> &str { "Name the queue app-<something>." }
///     fn check(&self, resource: &ResourceView) -> Vec<String> {
///         if resource.type_name() != "AWS::SQS::Queue" {
///             return Vec::new();
///         }
///         match resource.prop("QueueName").and_then(|n| n.as_str()) {
///             Some(name) if name.starts_with("app-") => Vec::new(),
///             _ => vec![String::new()],
///         }
///     }
/// }
/// assert_eq!(QueuePrefix.cdk_nag_id(), None);
/// ```
pub trait Rule {
    /// The rule's id, unique among the rules of a check (`RCDK-S3-1`).
    fn id(&self) -> &str;
    /// Error or warning.
    fn level(&self) -> Level;
    /// What is wrong, in one sentence.
    fn explanation(&self) -> &str;
    /// How to fix it.
    fn fix(&self) -> &str;
    /// The id of the cdk-nag rule this one corresponds to
    /// (`AwsSolutions-S1`), if any.
    fn cdk_nag_id(&self) -> Option<&str> {
        None
    }
    /// The checkov checks this rule corresponds to (`CKV_AWS_18`).
    fn checkov_ids(&self) -> &[&str] {
        &[]
    }
    /// The cfn-nag rules this rule corresponds to (`W35`).
    fn cfn_nag_ids(&self) -> &[&str] {
        &[]
    }
    /// The cfn-lint rules this rule corresponds to (`I3011`).
    fn cfn_lint_ids(&self) -> &[&str] {
        &[]
    }
    /// One message per problem found on `resource`; empty when it passes.
    fn check(&self, resource: &ResourceView<'_>) -> Vec<String>;
}

/// A check over a whole synthesized template at once, for rules that are
/// not evaluated one resource at a time (the CloudFormation Guard rule files
/// of the `guard` feature are these).
///
/// [`check`](TemplateRule::check) returns [`Violation`]s; the check that
/// runs it makes each a [`Finding`] as it does for a [`Rule`]: the resource's
/// type, construct path and source location from the logical ID, and the
/// reason when the resource suppresses the violation's rule id. A pack holds
/// template rules next to its rules ([`Pack::with_template_rule`](crate::Pack::with_template_rule)).
///
/// ```
/// use rcdk_core::{App, Resource, StackArtifact, StackProps, Value};
/// use rcdk_policy::{check, Level, Pack, TemplateRule, Violation};
///
/// /// At most one queue a stack.
/// struct OneQueue;
///
/// impl TemplateRule for OneQueue {
///     fn name(&self) -> &str { "one-queue" }
///     fn check(&self, stack: &StackArtifact) -> Vec<Violation> {
///         let resources = stack.template()["Resources"].as_object().unwrap();
///         let queues: Vec<&String> = resources.iter()
///             .filter(|(_, r)| r["Type"] == "AWS::SQS::Queue")
///             .map(|(id, _)| id)
///             .collect();
///         queues.iter().skip(1).map(|id| Violation {
///             rule_id: "APP-ONE-QUEUE".into(),
///             level: Level::Error,
///             logical_id: Some(id.to_string()),
///             message: format!("{} is not the stack's first queue", id),
///             fix: "Move the queue to a stack of its own.".into(),
///         }).collect()
///     }
/// }
///
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Resource::new(&stack, "A", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
/// Resource::new(&stack, "B", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
/// let report = check(&app.synth().unwrap(), &[Pack::new("app").with_template_rule(OneQueue)]);
/// let finding = &report.findings()[0];
/// assert_eq!((finding.rule_id.as_str(), finding.logical_id.as_str()), ("APP-ONE-QUEUE", "B"));
/// assert_eq!(finding.construct_path.as_deref(), Some("S/B"));
/// ```
pub trait TemplateRule {
    /// The rule's name, unique among the template rules of a check (a
    /// pack's template rule with the same name replaces it).
    fn name(&self) -> &str;
    /// Every problem found in the stack's template.
    fn check(&self, stack: &StackArtifact) -> Vec<Violation>;
}

/// One problem a [`TemplateRule`] found, which a check makes a [`Finding`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The id of the rule broken (what a suppression names).
    pub rule_id: String,
    /// Error or warning.
    pub level: Level,
    /// The resource at fault, or `None` for the template as a whole (the
    /// finding then has an empty logical ID and the stack's path as its
    /// construct path, and cannot be suppressed).
    pub logical_id: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

/// One resource of a synthesized template, as a rule sees it: its type,
/// properties and metadata as JSON, its logical ID and construct path, and
/// the whole template for rules that look across resources.
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::ResourceView;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Resource::new(&stack, "Q", "AWS::SQS::Queue", [("DelaySeconds", Value::from(5))]);
/// let assembly = app.synth().unwrap();
/// let artifact = assembly.stack("S").unwrap();
/// let views = ResourceView::all(artifact);
/// assert_eq!(views[0].logical_id(), "Q");
/// assert_eq!(views[0].type_name(), "AWS::SQS::Queue");
/// assert_eq!(views[0].construct_path(), Some("S/Q"));
/// assert_eq!(views[0].prop("DelaySeconds"), Some(&serde_json::json!(5)));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ResourceView<'a> {
    stack: &'a StackArtifact,
    logical_id: &'a str,
    resource: &'a Json,
    /// Read once: every rule asks for it first.
    type_name: &'a str,
}

static NULL: Json = Json::Null;

impl<'a> ResourceView<'a> {
    fn new(stack: &'a StackArtifact, logical_id: &'a str, resource: &'a Json) -> ResourceView<'a> {
        ResourceView {
            stack,
            logical_id,
            resource,
            type_name: resource.get("Type").and_then(Json::as_str).unwrap_or(""),
        }
    }

    /// Every resource of a stack's template, in template order.
    pub fn all(stack: &'a StackArtifact) -> Vec<ResourceView<'a>> {
        stack
            .template()
            .get("Resources")
            .and_then(Json::as_object)
            .map(|resources| {
                resources
                    .iter()
                    .map(|(logical_id, resource)| ResourceView::new(stack, logical_id, resource))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Where the user's code created the resource (`src/main.rs:42:5`).
    pub fn location(&self) -> Option<&'a SourceLocation> {
        self.stack.location(self.logical_id)
    }

    /// The stack the resource belongs to.
    pub fn stack(&self) -> &'a StackArtifact {
        self.stack
    }

    /// The resource's logical ID.
    pub fn logical_id(&self) -> &'a str {
        self.logical_id
    }

    /// The resource's CloudFormation type (`AWS::S3::Bucket`).
    pub fn type_name(&self) -> &'a str {
        self.type_name
    }

    /// The path of the construct that made the resource, when the template
    /// was synthesized by rcdk (a template read back from a folder may not
    /// know it).
    pub fn construct_path(&self) -> Option<&'a str> {
        self.stack.construct_path(self.logical_id)
    }

    /// The resource as the template has it (`Type`, `Properties`,
    /// `Metadata`, ...).
    pub fn resource(&self) -> &'a Json {
        self.resource
    }

    /// The resource's `Properties` (`null` when it has none).
    pub fn properties(&self) -> &'a Json {
        self.resource.get("Properties").unwrap_or(&NULL)
    }

    /// A property by a dotted path (`"VersioningConfiguration.Status"`;
    /// numbers index lists).
    pub fn prop(&self, path: &str) -> Option<&'a Json> {
        lookup(self.properties(), path)
    }

    /// The whole template, for rules that look at other resources.
    pub fn template(&self) -> &'a Json {
        self.stack.template()
    }

    /// The other resources of the template of a type, with their logical IDs.
    pub fn resources_of_type(&self, type_name: &str) -> Vec<(&'a str, &'a Json)> {
        self.template()
            .get("Resources")
            .and_then(Json::as_object)
            .map(|resources| {
                resources
                    .iter()
                    .filter(|(_, r)| r.get("Type").and_then(Json::as_str) == Some(type_name))
                    .map(|(id, r)| (id.as_str(), r))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether `value` refers to this resource: a `Ref` or `Fn::GetAtt` of
    /// it, or a `Fn::Sub` naming it, anywhere inside.
    pub fn is_referenced_by(&self, value: &Json) -> bool {
        refers_to(value, self.logical_id)
    }

    /// The reason recorded for suppressing `rule` on this resource, if it is
    /// suppressed: a `cdk_nag.rules_to_suppress` entry of the resource's
    /// `Metadata` naming the rule's id or its cdk-nag id, as
    /// [`suppress`](crate::suppress) writes it (and as cdk-nag reads it).
    pub fn suppression(&self, rule: &dyn Rule) -> Option<&'a str> {
        self.suppression_of(rule.id(), rule.cdk_nag_id())
    }

    /// The one resource of a stack's template with this logical ID.
    pub(crate) fn find(stack: &'a StackArtifact, logical_id: &str) -> Option<ResourceView<'a>> {
        let (logical_id, resource) = stack
            .template()
            .get("Resources")
            .and_then(Json::as_object)?
            .get_key_value(logical_id)?;
        Some(ResourceView::new(stack, logical_id, resource))
    }

    /// [`suppression`](Self::suppression) by the rule's ids.
    pub(crate) fn suppression_of(&self, rule_id: &str, cdk_nag_id: Option<&str>) -> Option<&'a str> {
        let entries = self
            .resource
            .get("Metadata")?
            .get("cdk_nag")?
            .get("rules_to_suppress")?
            .as_array()?;
        entries.iter().find_map(|entry| {
            let id = entry.get("id")?.as_str()?;
            let matches = id == rule_id || Some(id) == cdk_nag_id;
            if matches {
                entry.get("reason").and_then(Json::as_str)
            } else {
                None
            }
        })
    }
}

fn lookup<'a>(mut value: &'a Json, path: &str) -> Option<&'a Json> {
    for segment in path.split('.') {
        value = match value {
            Json::Object(map) => map.get(segment)?,
            Json::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Whether `value` contains a `Ref`/`Fn::GetAtt` of `logical_id` or a
/// `Fn::Sub` string naming it.
pub(crate) fn refers_to(value: &Json, logical_id: &str) -> bool {
    match value {
        Json::Object(map) => {
            if map.len() == 1 {
                if let Some(Json::String(target)) = map.get("Ref") {
                    return target == logical_id;
                }
                if let Some(att) = map.get("Fn::GetAtt") {
                    let target = match att {
                        Json::Array(parts) => parts.first().and_then(Json::as_str),
                        Json::String(s) => s.split('.').next(),
                        _ => None,
                    };
                    return target == Some(logical_id);
                }
                if let Some(sub) = map.get("Fn::Sub") {
                    let text = match sub {
                        Json::Array(parts) => parts.first().and_then(Json::as_str),
                        Json::String(s) => Some(s.as_str()),
                        _ => None,
                    };
                    if let Some(text) = text {
                        let named =
                            text.contains(&format!("${{{logical_id}}}")) || text.contains(&format!("${{{logical_id}."));
                        if named {
                            return true;
                        }
                    }
                }
            }
            map.values().any(|v| refers_to(v, logical_id))
        }
        Json::Array(items) => items.iter().any(|v| refers_to(v, logical_id)),
        _ => false,
    }
}

/// One problem a rule found with one resource.
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::{aws_solutions, check, Level};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Resource::new(&stack, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
/// let report = check(&app.synth().unwrap(), &[aws_solutions()]);
/// let finding = report.findings().iter().find(|f| f.rule_id == "RCDK-SNS-1").unwrap();
/// assert_eq!(finding.logical_id, "Topic");
/// assert_eq!(finding.construct_path.as_deref(), Some("S/Topic"));
/// assert_eq!(finding.level, Level::Error);
/// assert!(finding.suppressed.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id (`RCDK-S3-1`).
    pub rule_id: String,
    /// The cdk-nag rule it corresponds to, if any.
    pub cdk_nag_id: Option<String>,
    /// Error or warning.
    pub level: Level,
    /// The stack's id.
    pub stack: String,
    /// The resource's logical ID.
    pub logical_id: String,
    /// The resource's type.
    pub resource_type: String,
    /// The path of the construct that made the resource, when known.
    pub construct_path: Option<String>,
    /// The line of the user's code that made the resource, when known.
    pub location: Option<SourceLocation>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// The reason given when the finding was suppressed; a suppressed
    /// finding never fails a check.
    pub suppressed: Option<String>,
}

impl Finding {
    /// Whether the finding fails a check: not suppressed, and an error (or a
    /// warning, in strict mode).
    ///
    /// ```
    /// # use rcdk_policy::{Finding, Level};
    /// let mut f = Finding {
    ///     rule_id: "X-1".into(), cdk_nag_id: None, level: Level::Warning, stack: "S".into(),
    ///     logical_id: "Q".into(), resource_type: "AWS::SQS::Queue".into(), construct_path: None,
    ///     location: None, message: "m".into(), fix: "f".into(), suppressed: None,
    /// };
    /// assert!(!f.fails(false));
    /// assert!(f.fails(true));
    /// f.suppressed = Some("accepted".into());
    /// assert!(!f.fails(true));
    /// ```
    pub fn fails(&self, strict: bool) -> bool {
        self.suppressed.is_none() && (self.level == Level::Error || strict)
    }
}

impl std::fmt::Display for Finding {
    /// `src/main.rs:9:5: error[RCDK-S3-1]: Web/Logs/Resource (Web LogsBucket1234, AWS::S3::Bucket): message`
    /// (the location first, as compilers print it, when it is known) and,
    /// on the next line, the fix or the reason of the suppression.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(l) = &self.location {
            write!(f, "{l}: ")?;
        }
        let what = if self.suppressed.is_some() {
            "suppressed".to_owned()
        } else {
            self.level.to_string()
        };
        let place = self.construct_path.as_deref().unwrap_or(&self.logical_id);
        if self.logical_id.is_empty() {
            // A template rule's finding about the template as a whole.
            write!(
                f,
                "{what}[{}]: {place} (stack {}): {}",
                self.rule_id, self.stack, self.message
            )?;
        } else {
            write!(
                f,
                "{what}[{}]: {place} ({} {}, {}): {}",
                self.rule_id, self.stack, self.logical_id, self.resource_type, self.message
            )?;
        }
        match &self.suppressed {
            Some(reason) => write!(f, "\n  reason: {reason}"),
            None => write!(f, "\n  fix: {}", self.fix),
        }
    }
}
