//! Suppressions with reasons, written for every scanner.

use serde_json::{json, Value as Json};

use rcdk_core::{Construct, Resource, Scope, Value};

use crate::aws_solutions::builtin;

/// The annotation a suppression is recorded under, on its scope: whether
/// it covers children (`1` or `0`), the rule id and the reason, separated
/// by [`SEP`].
const KEY: &str = "rcdk-policy:suppress";
const SEP: char = '\u{1f}';

/// Suppresses a rule on a construct and every resource below it, for a
/// reason.
///
/// The reason is required: an empty one is a synthesis error naming the
/// construct's path. `rule_id` is an rcdk rule id (`RCDK-S3-1`), the cdk-nag
/// id of a built-in rule (`AwsSolutions-S1`), or the id of a rule of your
/// own. Each affected resource gets the suppression in its `Metadata` in the
/// formats the scanners read, with the ids mapped to theirs where a
/// built-in rule corresponds to one of their checks:
///
/// ```yaml
/// Metadata:
///   cdk_nag: {rules_to_suppress: [{id: AwsSolutions-S1, reason: ...}]}
///   checkov: {skip: [{id: CKV_AWS_18, comment: ...}]}
///   cfn_nag: {rules_to_suppress: [{id: W35, reason: ...}]}
///   cfn-lint: {config: {ignore_checks: [...]}}   # when a cfn-lint rule corresponds
/// ```
///
/// [`check`](crate::check) reads the `cdk_nag` entry back and reports the
/// finding as suppressed, with its reason. The metadata is written when the
/// app synthesizes (a [`before_synth`](rcdk_core::Scope::before_synth)
/// pass), so a resource added below the construct after this call gets the
/// suppression too.
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::{aws_solutions, check, suppress};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let logs = stack.child("Logs");
/// Resource::new(&logs, "Bucket", "AWS::S3::Bucket", Vec::<(String, Value)>::new());
/// suppress(&logs, "RCDK-S3-1", "This is the access-log bucket; it cannot log to itself.");
/// let assembly = app.synth().unwrap();
/// let yaml = assembly.stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("id: CKV_AWS_18"));
/// let report = check(&assembly, &[aws_solutions()]);
/// let s1 = report.findings().iter().find(|f| f.rule_id == "RCDK-S3-1").unwrap();
/// assert_eq!(s1.suppressed.as_deref(), Some("This is the access-log bucket; it cannot log to itself."));
/// ```
#[track_caller]
pub fn suppress(scope: &impl Construct, rule_id: &str, reason: &str) {
    record(scope.scope(), rule_id, reason, true);
}

/// Suppresses a rule on one resource only: the construct itself when it is
/// a resource, else its default child (the resource an L2 construct wraps,
/// with the id `Resource` or `Default`, as the AWS CDK's `defaultChild`).
/// Otherwise as [`suppress`].
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::suppress_resource;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let topic = stack.child("Events");
/// Resource::new(&topic, "Resource", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
/// Resource::new(&topic, "Policy", "AWS::SNS::TopicPolicy", [
///     ("Topics", Value::list([Value::from("arn:aws:sns:us-east-1:123456789012:t")])),
///     ("PolicyDocument", Value::object([("Version", Value::from("2012-10-17")), ("Statement", Value::list([]))])),
/// ]);
/// suppress_resource(&topic, "RCDK-SNS-1", "Public data only.");
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert_eq!(yaml.matches("rules_to_suppress").count(), 2); // cdk_nag and cfn_nag, on the topic only
/// ```
#[track_caller]
pub fn suppress_resource(scope: &impl Construct, rule_id: &str, reason: &str) {
    record(scope.scope(), rule_id, reason, false);
}

fn record(scope: &Scope, rule_id: &str, reason: &str, children: bool) {
    let rule_id = rule_id.trim();
    if rule_id.is_empty() {
        scope.add_error("a suppression must name the rule it suppresses (for example RCDK-S3-1)");
        return;
    }
    if reason.trim().is_empty() {
        scope.add_error(format!(
            "the suppression of {rule_id} has no reason: every suppression must say why the rule does not apply here (suppress(scope, \"{rule_id}\", \"<why>\"))"
        ));
        return;
    }
    if rule_id.starts_with("RCDK-") && builtin(rule_id).is_none() {
        scope.add_error(format!(
            "no built-in rule is called {rule_id}: use an id of rcdk_policy::aws_solutions() (RCDK-S3-1, ...)"
        ));
        return;
    }
    let value = format!("{}{SEP}{rule_id}{SEP}{reason}", u8::from(children));
    // On the scope itself, even the app: the pass finds it from every stack
    // below, stacks made after this call included.
    scope.annotate(KEY, &value);
    // Written into the resources once the tree is finished, at synthesis:
    // one pass however many suppressions there are.
    scope.before_synth(PREPARATION, write_all);
}

/// The key of the pre-synthesis pass that writes every suppression.
const PREPARATION: &str = "rcdk-policy:suppressions";

fn write_all(root: &Scope) {
    apply_suppressions(root);
}

/// The stacks at or below a scope (the app's stacks that hold resources, for
/// the app).
fn stacks_below(scope: &Scope) -> Vec<Scope> {
    if let Some(stack) = scope.stack() {
        return vec![stack.scope().clone()];
    }
    let mut stacks: Vec<Scope> = Vec::new();
    for resource in scope.resources() {
        if let Some(stack) = resource.scope().stack() {
            if !stacks.iter().any(|s| s.same_node(stack.scope())) {
                stacks.push(stack.scope().clone());
            }
        }
    }
    stacks
}

/// Writes every recorded suppression into the `Metadata` of the resources it
/// covers, in the stacks at or below `root` (all of them for the app).
/// Every synthesis runs it; call it to see the metadata before one. It is
/// idempotent.
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::{apply_suppressions, suppress};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// suppress(&stack, "RCDK-SQS-1", "Messages are replayed from the source.");
/// Resource::new(&stack, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
/// apply_suppressions(&app);
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("id: AwsSolutions-SQS3"));
/// ```
pub fn apply_suppressions(root: &impl Construct) {
    for stack in stacks_below(root.scope()) {
        apply_in_stack(&stack);
    }
}

struct Entry {
    depth: usize,
    rule: String,
    reason: String,
}

/// Writes the suppressions recorded in `stack` into its resources' metadata.
/// Every synthesis runs it, so it compares nodes rather than build paths.
fn apply_in_stack(stack: &Scope) {
    // Suppressions recorded above the stack (on the app, say) cover all of
    // it; those inside it, what is below their construct.
    let mut recorded: Vec<(Scope, String)> = std::iter::successors(stack.parent(), Scope::parent)
        .flat_map(|above| above.annotations(KEY).into_iter().map(move |v| (above.clone(), v)))
        .collect();
    recorded.reverse();
    recorded.extend(stack.annotated(KEY));
    // Linear lookups: a stack holds at most 500 resources (CloudFormation's quota).
    let mut covered: Vec<(Resource, Vec<Entry>)> = Vec::new();
    for (scope, value) in recorded {
        let mut fields = value.splitn(3, SEP);
        let (Some(children), Some(rule), Some(reason)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let children = children == "1";
        let depth = depth_of(&scope);
        // A built-in rule's suppression goes only on the resource types the
        // rule checks, so a stack-wide one does not tag every subnet.
        let types = builtin(rule).map(|r| r.types).unwrap_or(&[]);
        let within = if scope.stack().is_some() { &scope } else { stack };
        for resource in within.resources() {
            if !children && !is_own(&scope, resource.scope()) {
                continue;
            }
            if !types.is_empty() && !types.contains(&resource.type_name().as_str()) {
                continue;
            }
            let entry = Entry {
                depth,
                rule: rule.to_owned(),
                reason: reason.to_owned(),
            };
            match covered.iter_mut().find(|(r, _)| r.scope().same_node(resource.scope())) {
                Some((_, list)) => list.push(entry),
                None => covered.push((resource, vec![entry])),
            }
        }
    }
    for (resource, list) in covered {
        // One reason a rule: the one given closest to the resource (the
        // later one among equals).
        let mut chosen: Vec<(&str, &str, usize)> = Vec::new();
        for e in &list {
            match chosen.iter_mut().find(|(rule, _, _)| *rule == e.rule) {
                Some(slot) if slot.2 <= e.depth => *slot = (&e.rule, &e.reason, e.depth),
                Some(_) => {}
                None => chosen.push((&e.rule, &e.reason, e.depth)),
            }
        }
        chosen.sort_by(|a, b| a.0.cmp(b.0));
        let pairs: Vec<(&str, &str)> = chosen.iter().map(|(r, why, _)| (*r, *why)).collect();
        write_metadata(&resource, &pairs);
    }
}

/// Whether `node` is `scope` itself or its default child (`Resource` or
/// `Default`), the resource an L2 construct wraps.
fn is_own(scope: &Scope, node: &Scope) -> bool {
    node.same_node(scope)
        || (node.parent().is_some_and(|p| p.same_node(scope)) && matches!(node.id().as_str(), "Resource" | "Default"))
}

/// How deep a construct sits in the tree (the app is 0).
fn depth_of(scope: &Scope) -> usize {
    std::iter::successors(scope.parent(), Scope::parent).count()
}

/// The ids each scanner knows a rule by, and the reason.
struct Written {
    cdk_nag: Vec<(String, String)>,
    checkov: Vec<(String, String)>,
    cfn_nag: Vec<(String, String)>,
    cfn_lint: Vec<String>,
}

fn push_unique(list: &mut Vec<(String, String)>, id: &str, reason: &str) {
    if !list.iter().any(|(i, _)| i == id) {
        list.push((id.to_owned(), reason.to_owned()));
    }
}

fn write_metadata(resource: &Resource, suppressions: &[(&str, &str)]) {
    let mut w = Written {
        cdk_nag: Vec::new(),
        checkov: Vec::new(),
        cfn_nag: Vec::new(),
        cfn_lint: Vec::new(),
    };
    for (rule_id, reason) in suppressions {
        match builtin(rule_id) {
            Some(rule) => {
                push_unique(&mut w.cdk_nag, rule.cdk_nag.unwrap_or(rule.id), reason);
                for id in rule.checkov {
                    push_unique(&mut w.checkov, id, reason);
                }
                for id in rule.cfn_nag {
                    push_unique(&mut w.cfn_nag, id, reason);
                }
                for id in rule.cfn_lint {
                    if !w.cfn_lint.iter().any(|i| i == id) {
                        w.cfn_lint.push((*id).to_owned());
                    }
                }
            }
            None if rule_id.starts_with("CKV") => push_unique(&mut w.checkov, rule_id, reason),
            None => push_unique(&mut w.cdk_nag, rule_id, reason),
        }
    }
    if !w.cdk_nag.is_empty() {
        merge_list(resource, "cdk_nag", &["rules_to_suppress"], &w.cdk_nag, "reason");
    }
    if !w.checkov.is_empty() {
        merge_list(resource, "checkov", &["skip"], &w.checkov, "comment");
    }
    if !w.cfn_nag.is_empty() {
        merge_list(resource, "cfn_nag", &["rules_to_suppress"], &w.cfn_nag, "reason");
    }
    if !w.cfn_lint.is_empty() {
        let before = existing(resource, "cfn-lint");
        let mut root = before.clone();
        let list = list_at(&mut root, &["config", "ignore_checks"]);
        for id in &w.cfn_lint {
            if !list.iter().any(|v| v.as_str() == Some(id)) {
                list.push(Json::String(id.clone()));
            }
        }
        if root != before {
            resource.add_metadata("cfn-lint", Value::from_json(&root));
        }
    }
}

fn existing(resource: &Resource, key: &str) -> Json {
    match resource.metadata(key).and_then(|v| v.to_json()) {
        Some(Json::Object(map)) => Json::Object(map),
        _ => json!({}),
    }
}

/// The list at `path` below `root`, made (replacing what is not an object
/// or a list) where missing.
fn list_at<'a>(root: &'a mut Json, path: &[&str]) -> &'a mut Vec<Json> {
    let mut cur = root;
    for (i, key) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        if !cur.is_object() {
            *cur = json!({});
        }
        let slot = cur
            .as_object_mut()
            .map(|m| m.entry(key.to_string()).or_insert(Json::Null));
        let Some(slot) = slot else {
            unreachable!("made an object above")
        };
        if last && !slot.is_array() {
            *slot = json!([]);
        }
        cur = slot;
    }
    match cur {
        Json::Array(items) => items,
        _ => unreachable!("made a list above"),
    }
}

/// Replaces the entries of our ids in the `{id, <reason_key>}` list at
/// `path` of the metadata entry `key`, keeping entries others wrote.
fn merge_list(resource: &Resource, key: &str, path: &[&str], ours: &[(String, String)], reason_key: &str) {
    let before = existing(resource, key);
    let mut root = before.clone();
    let list = list_at(&mut root, path);
    list.retain(|item| {
        let id = item.get("id").and_then(Json::as_str);
        !ours.iter().any(|(i, _)| Some(i.as_str()) == id)
    });
    for (id, reason) in ours {
        list.push(json!({"id": id, reason_key: reason}));
    }
    // Applying the same suppressions again (every synth of a checked app
    // does) changes nothing: leave the metadata as it is.
    if root != before {
        resource.add_metadata(key, Value::from_json(&root));
    }
}
