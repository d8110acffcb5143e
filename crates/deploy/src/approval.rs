//! What `--require-approval broadening` asks about: changes that broaden
//! access (IAM and security groups), every replacement, and every removal
//! of a resource that holds data. A deploy shows these, with the diff,
//! before anything changes, whichever `Method` it uses.

use rcdk_diff::{ChangeKind, ResourceChange, TemplateDiff};
use serde_json::Value as Json;

/// Resource types that hold data a template cannot recreate, with what is
/// lost when one is deleted. Removing one of these from a stack, or
/// replacing it, deletes that data unless the deployed resource has a
/// `DeletionPolicy` (for a removal) or `UpdateReplacePolicy` (for a
/// replacement) of `Retain`. This list is the one place rcdk keeps it.
pub const STATEFUL_TYPES: &[(&str, &str)] = &[
    ("AWS::S3::Bucket", "its objects"),
    ("AWS::S3Express::DirectoryBucket", "its objects"),
    ("AWS::DynamoDB::Table", "its items"),
    ("AWS::DynamoDB::GlobalTable", "its items"),
    ("AWS::SQS::Queue", "the messages in it"),
    (
        "AWS::SNS::Topic",
        "subscriptions made outside the stack, and archived messages",
    ),
    ("AWS::Kinesis::Stream", "the records in it"),
    (
        "AWS::KMS::Key",
        "access to everything encrypted with it, once the deletion window ends",
    ),
    ("AWS::Logs::LogGroup", "its log events"),
    ("AWS::RDS::DBInstance", "its databases"),
    ("AWS::RDS::DBCluster", "its databases"),
    ("AWS::RDS::GlobalCluster", "its databases"),
    ("AWS::DocDB::DBCluster", "its databases"),
    ("AWS::Neptune::DBCluster", "its graph"),
    ("AWS::Redshift::Cluster", "its data warehouse"),
    ("AWS::Cassandra::Table", "its rows"),
    ("AWS::Timestream::Table", "its records"),
    ("AWS::QLDB::Ledger", "its journal"),
    ("AWS::ElastiCache::ReplicationGroup", "its cached data"),
    ("AWS::ElastiCache::CacheCluster", "its cached data"),
    ("AWS::ElastiCache::ServerlessCache", "its cached data"),
    ("AWS::MemoryDB::Cluster", "its data"),
    ("AWS::OpenSearchService::Domain", "its indices"),
    ("AWS::Elasticsearch::Domain", "its indices"),
    ("AWS::MSK::Cluster", "its topics and records"),
    ("AWS::AmazonMQ::Broker", "the messages in it"),
    ("AWS::EFS::FileSystem", "its files"),
    ("AWS::FSx::FileSystem", "its files"),
    ("AWS::EC2::Volume", "its blocks"),
    ("AWS::ECR::Repository", "its images"),
    ("AWS::CodeCommit::Repository", "its commits"),
    ("AWS::SecretsManager::Secret", "its secret value"),
    ("AWS::Cognito::UserPool", "its users"),
    ("AWS::Backup::BackupVault", "its recovery points"),
    ("AWS::Route53::HostedZone", "records made outside the stack"),
];

/// What is lost when a resource of this type is deleted, for the types in
/// [`STATEFUL_TYPES`].
///
/// ```
/// assert_eq!(rcdk_deploy::stateful("AWS::S3::Bucket"), Some("its objects"));
/// assert_eq!(rcdk_deploy::stateful("AWS::IAM::Role"), None);
/// ```
pub fn stateful(type_name: &str) -> Option<&'static str> {
    STATEFUL_TYPES
        .iter()
        .find(|(t, _)| *t == type_name)
        .map(|(_, what)| *what)
}

/// One change that needs approval, as a line for the terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    /// `security`, `replace` or `remove`.
    pub(crate) kind: &'static str,
    pub(crate) logical_id: String,
    pub(crate) line: String,
}

fn described(type_name: &str, logical_id: &str, path_of: &dyn Fn(&str) -> Option<String>) -> String {
    match path_of(logical_id) {
        Some(p) => format!("{type_name} {logical_id} ({p})"),
        None => format!("{type_name} {logical_id}"),
    }
}

/// Whether the deployed resource keeps its data under this policy attribute.
fn retained(old: &Json, logical_id: &str, policy: &str) -> bool {
    let value = old
        .get("Resources")
        .and_then(|r| r.get(logical_id))
        .and_then(|r| r.get(policy))
        .and_then(Json::as_str);
    matches!(value, Some("Retain") | Some("RetainExceptOnCreate"))
}

/// The replacement a change makes: `Some(why)` when it replaces, with the
/// properties that force it (empty when the type changes). The diff reads
/// create-only properties from the registry schema of every type.
fn replacement_of(r: &ResourceChange) -> Option<Vec<&str>> {
    let why = r.properties.iter().filter(|p| p.replaces).map(|p| p.name.as_str());
    r.replacement.then(|| why.collect())
}

/// The changes of `d` (deployed template `old`) that need approval. A
/// change set can show more (conditional replacements): see [`from_change_set`].
pub(crate) fn findings(d: &TemplateDiff, old: &Json, path_of: &dyn Fn(&str) -> Option<String>) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &d.resources {
        let name = described(&r.type_name, &r.logical_id, path_of);
        let data = stateful(&r.type_name);
        let mut push = |kind, line| {
            out.push(Finding {
                kind,
                logical_id: r.logical_id.clone(),
                line,
            })
        };
        if r.security {
            push("security", format!("{name}: an IAM or security group change"));
        }
        if let Some(why) = replacement_of(r) {
            let retain = retained(old, &r.logical_id, "UpdateReplacePolicy");
            push("replace", replacement(&name, &why, data, retain));
        }
        if let (ChangeKind::Removed, Some(what)) = (r.kind, data) {
            if !retained(old, &r.logical_id, "DeletionPolicy") {
                push("remove", format!("{name}: removed, and {what} with it"));
            }
        }
    }
    out
}

/// A resource change as a change set lists it.
pub(crate) struct Listed {
    pub(crate) logical_id: String,
    pub(crate) type_name: String,
    /// `True`, `False` or `Conditional`.
    pub(crate) replacement: String,
}

/// The replacements CloudFormation's change set announces that the
/// template diff did not already ask about (`asked`).
pub(crate) fn from_change_set(
    listed: &[Listed],
    asked: &[Finding],
    path_of: &dyn Fn(&str) -> Option<String>,
) -> Vec<Finding> {
    let known = |l: &Listed| {
        asked
            .iter()
            .any(|f| f.kind == "replace" && f.logical_id == l.logical_id)
    };
    listed
        .iter()
        .filter(|l| matches!(l.replacement.as_str(), "True" | "Conditional") && !known(l))
        .map(|l| {
            let name = described(&l.type_name, &l.logical_id, path_of);
            let how = if l.replacement == "True" {
                "replaced"
            } else {
                "possibly replaced"
            };
            let data = stateful(&l.type_name)
                .map(|w| format!(", and {w} with it"))
                .unwrap_or_default();
            Finding {
                kind: "replace",
                logical_id: l.logical_id.clone(),
                line: format!("{name}: {how}, says the change set{data}"),
            }
        })
        .collect()
}

fn replacement(name: &str, why: &[&str], data: Option<&str>, retain: bool) -> String {
    let why = if why.is_empty() {
        "its type changes".to_owned()
    } else {
        format!("{} change(s)", why.join(", "))
    };
    match data {
        Some(_) if retain => format!("{name}: replaced because {why}; the old one is retained (UpdateReplacePolicy)"),
        Some(what) => format!("{name}: replaced because {why}; the old one is deleted, and {what} with it"),
        None => format!("{name}: replaced because {why}"),
    }
}

/// The block printed after the diff.
pub(crate) fn summary(found: &[Finding]) -> String {
    let mut text = String::from("Deploy asks before these changes (--require-approval broadening):\n");
    for f in found {
        text.push_str(&format!("  [{}] {}\n", f.kind, f.line));
    }
    text
}

/// The yes/no question: counts by kind.
pub(crate) fn question(stack: &str, found: &[Finding]) -> String {
    let count = |k: &str| found.iter().filter(|f| f.kind == k).count();
    let parts: Vec<String> = [
        ("security", "IAM or security group change(s)"),
        ("replace", "replacement(s)"),
        ("remove", "removal(s) of resources with data"),
    ]
    .iter()
    .filter(|(k, _)| count(k) > 0)
    .map(|(k, what)| format!("{} {what}", count(k)))
    .collect();
    format!("stack {stack}: {}. Deploy? (y/n)", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn found(old: &Json, new: &Json) -> Vec<Finding> {
        findings(&rcdk_diff::diff(old, new), old, &|_| None)
    }

    fn queue(name: &str) -> Json {
        json!({"Type": "AWS::SQS::Queue", "Properties": {"QueueName": name}})
    }

    #[test]
    fn every_replacement_needs_approval() {
        let old = json!({"Resources": {"Q": queue("a"), "G": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "x"}}}});
        let new = json!({"Resources": {"Q": queue("b"), "G": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "y"}}}});
        let f = found(&old, &new);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].kind, "replace");
        assert!(
            f[0].line.contains("QueueName change(s)") && f[0].line.contains("the messages in it"),
            "{f:?}"
        );
        assert_eq!(f[1].line, "AWS::ECS::Cluster G: replaced because ClusterName change(s)");
    }

    #[test]
    fn removing_a_resource_with_data_needs_approval_unless_it_is_retained() {
        let old = json!({"Resources": {
            "Bucket": {"Type": "AWS::S3::Bucket"},
            "Kept": {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain"},
            "Topic": {"Type": "AWS::SNS::Topic"},
            "Routes": {"Type": "AWS::EC2::RouteTable"},
        }});
        let f = found(&old, &json!({"Resources": {}}));
        let kinds: Vec<&str> = f.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, ["remove", "remove"], "{f:?}");
        assert_eq!(f[0].line, "AWS::S3::Bucket Bucket: removed, and its objects with it");
        assert!(f[1].line.starts_with("AWS::SNS::Topic Topic"));
    }

    #[test]
    fn adding_or_changing_in_place_needs_no_approval_but_security_does() {
        let old = json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 30}}}});
        let new = json!({"Resources": {
            "Q": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 60}},
            "B": {"Type": "AWS::S3::Bucket"},
        }});
        assert!(found(&old, &new).is_empty());
        let role = json!({"Resources": {"R": {"Type": "AWS::IAM::Role"}}});
        let f = found(&Json::Null, &role);
        assert_eq!(f[0].kind, "security");
        assert_eq!(
            question("S", &f),
            "stack S: 1 IAM or security group change(s). Deploy? (y/n)"
        );
    }

    #[test]
    fn a_replacement_is_found_for_every_registry_type() {
        let table = |name: &str| json!({"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": name}}}});
        let f = found(&table("a"), &table("b"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].line,
            "AWS::DynamoDB::Table T: replaced because TableName change(s); the old one is deleted, and its items with it"
        );
    }

    #[test]
    fn every_type_with_data_is_in_the_registry_so_its_replacements_are_known() {
        for (t, _) in STATEFUL_TYPES {
            assert!(rcdk_cfn::metadata::metadata(t).is_some(), "{t}");
        }
    }

    #[test]
    fn the_change_set_adds_the_replacements_the_diff_missed() {
        let listed = |id: &str, r: &str| Listed {
            logical_id: id.into(),
            type_name: "AWS::DynamoDB::Table".into(),
            replacement: r.into(),
        };
        let asked = vec![finding("replace", "Known")];
        let extra = from_change_set(
            &[
                listed("Known", "True"),
                listed("T", "Conditional"),
                listed("U", "False"),
            ],
            &asked,
            &|l| Some(format!("App/{l}")),
        );
        assert_eq!(extra.len(), 1);
        assert_eq!(
            extra[0].line,
            "AWS::DynamoDB::Table T (App/T): possibly replaced, says the change set, and its items with it"
        );
    }

    fn finding(kind: &'static str, id: &str) -> Finding {
        Finding {
            kind,
            logical_id: id.into(),
            line: String::new(),
        }
    }

    #[test]
    fn the_question_counts_each_kind() {
        let f = vec![finding("replace", "A"), finding("remove", "B"), finding("remove", "C")];
        assert_eq!(
            question("S", &f),
            "stack S: 1 replacement(s), 2 removal(s) of resources with data. Deploy? (y/n)"
        );
        assert!(summary(&f).starts_with("Deploy asks before these changes"));
    }

    #[test]
    fn the_list_has_each_type_once_and_well_formed() {
        for (i, (t, what)) in STATEFUL_TYPES.iter().enumerate() {
            assert_eq!(t.split("::").count(), 3, "{t}");
            assert!(!what.is_empty());
            assert!(!STATEFUL_TYPES[..i].iter().any(|(u, _)| u == t), "{t} twice");
        }
    }
}
