//! AWS CloudFormation Guard rule files, evaluated in process (the `guard`
//! feature), with their findings reported as the Rust rules' are.
//!
//! [`GuardRules::new`] parses a Guard rule file (a syntax error is a
//! [`GuardError`] naming the file, line and column); [`GuardRules::into_pack`]
//! (or [`Pack::with_template_rule`]) puts it in a [`Pack`], so
//! [`check`](crate::check), [`Policy`](crate::Policy) (`apply`, `synth`,
//! strict mode) and [`suppress`](crate::suppress) work with it unchanged.
//!
//! Guard evaluates a whole template, not one resource: each stack's template
//! is evaluated with [cfn-guard](https://docs.rs/cfn-guard) 3 and every clause
//! that fails is traced back to its resource through the path of the value it
//! checked (`/Resources/<logical ID>/...`). Each failing (rule, resource) pair
//! is one [`Finding`](crate::Finding):
//!
//! - **id**: `GUARD-<rule name>` ([`RULE_ID_PREFIX`]); a rule file's clauses
//!   outside any named rule form Guard's rule `default` (`GUARD-default`).
//!   `suppress(scope, "GUARD-<rule name>", reason)` suppresses it, and
//!   [`Pack::without`] opts out of it.
//! - **level**: error, unless [`GuardRules::with_level`] says otherwise for
//!   the rule (a Guard file has no levels of its own).
//! - **message**: the failing clauses on the resource (`; `-separated, the
//!   branches of an `or` joined by `or`), each with what the template has:
//!   `%buckets[*].Properties.VersioningConfiguration.Status EQUALS "Enabled":
//!   Properties.VersioningConfiguration.Status is missing`.
//! - **fix**: the clause's custom message (`<< ... >>`, its lines joined), if
//!   any, else a pointer to the rule in its file.
//! - **resource type, construct path, source location**: the resource's, as
//!   for a Rust rule.
//!
//! A clause whose value is not below a resource (a `Parameters` check, or
//! `Resources` missing altogether) gives a finding for the template as a
//! whole: an empty logical ID, the stack's path as construct path, and no
//! suppression but [`Pack::without`]. A template cfn-guard cannot evaluate
//! gives an error finding `GUARD` for the template.
//!
//! ```
//! use rcdk_core::{App, Resource, StackProps, Value};
//! use rcdk_policy::guard::GuardRules;
//! use rcdk_policy::{check, suppress, Level};
//!
//! let rules = GuardRules::new("org.guard", r#"
//! let queues = Resources.*[ Type == 'AWS::SQS::Queue' ]
//! rule sqs_encrypted when %queues !empty {
//!     %queues {
//!         Properties.SqsManagedSseEnabled == true or
//!         Properties.KmsMasterKeyId exists
//!         << Turn on SSE-SQS or give the queue a KMS key >>
//!     }
//! }
//! "#).unwrap();
//!
//! let app = App::new();
//! let stack = app.stack("Web", StackProps::default());
//! Resource::new(&stack, "Jobs", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
//! let legacy = Resource::new(&stack, "Legacy", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
//! Resource::new(&stack, "Safe", "AWS::SQS::Queue", [("SqsManagedSseEnabled", Value::from(true))]);
//! suppress(&legacy, "GUARD-sqs_encrypted", "Drained and deleted next sprint.");
//!
//! let report = check(&app.synth().unwrap(), &[rules.into_pack()]);
//! let failing = report.failures(false);
//! assert_eq!(failing.len(), 1);
//! assert_eq!(failing[0].rule_id, "GUARD-sqs_encrypted");
//! assert_eq!(failing[0].logical_id, "Jobs");
//! assert_eq!(failing[0].level, Level::Error);
//! assert_eq!(failing[0].fix, "Turn on SSE-SQS or give the queue a KMS key");
//! assert_eq!(report.suppressed()[0].logical_id, "Legacy");
//!
//! let error = GuardRules::new("broken.guard", "rule r {\n  Resources.* {\n    Type ==\n  }\n}\n").unwrap_err();
//! assert!(error.to_string().starts_with("broken.guard:3:"), "{error}");
//! ```
//!
//! The `guard` feature builds cfn-guard and its dependencies (its command
//! line's among them; with today's versions they need Rust 1.88, where the
//! rest of this crate needs 1.85); it is off by default, also in the `rcdk`
//! crate.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use cfn_guard::commands::validate::{parse_rules, OutputFormatType, ShowSummaryType};
use cfn_guard::commands::Executable;
use cfn_guard::utils::reader::{ReadBuffer, Reader};
use cfn_guard::utils::writer::{WriteBuffer, Writer};
use cfn_guard::{CommandBuilder, ValidateBuilder};
use serde_json::{json, Value as Json};

use rcdk_core::StackArtifact;

use crate::pack::Pack;
use crate::rule::{Level, TemplateRule, Violation};

/// What every Guard rule's finding id starts with (`GUARD-<rule name>`).
pub const RULE_ID_PREFIX: &str = "GUARD-";

/// The id of the finding for a template cfn-guard could not evaluate.
pub const EVALUATION_ERROR_ID: &str = "GUARD";

/// The exit code of cfn-guard's `validate` for an error (not a failure).
const ERROR_STATUS_CODE: i32 = 5;

/// The name cfn-guard gives the rule file it reads from a payload.
const PAYLOAD_RULES_NAME: &str = "RULES_STDIN[1]";

/// A CloudFormation Guard rule file, parsed, ready to check templates as a
/// [`TemplateRule`] (see the [module docs](self) for how its findings look).
///
/// ```
/// use rcdk_policy::guard::GuardRules;
/// use rcdk_policy::Level;
/// let rules = GuardRules::new("s3.guard", "
/// rule s3_versioning { Resources.*[ Type == 'AWS::S3::Bucket' ].Properties.VersioningConfiguration.Status == 'Enabled' }
/// rule s3_tagged { Resources.*[ Type == 'AWS::S3::Bucket' ].Properties.Tags !empty }
/// ").unwrap()
///     .with_level("s3_tagged", Level::Warning).unwrap();
/// assert_eq!(rules.name(), "s3.guard");
/// assert_eq!(rules.rule_ids(), ["GUARD-s3_tagged", "GUARD-s3_versioning"]);
/// assert_eq!(rules.level("GUARD-s3_tagged"), Some(Level::Warning));
/// assert!(rules.with_level("s3_tagd", Level::Warning).is_err());
/// ```
#[derive(Clone, Debug)]
pub struct GuardRules {
    name: String,
    text: String,
    /// The rule names, sorted, each with its level.
    levels: BTreeMap<String, Level>,
}

/// Why a Guard rule file cannot be used.
#[derive(Debug)]
#[non_exhaustive]
pub enum GuardError {
    /// The file could not be read.
    Io {
        /// The file.
        file: String,
        /// What reading it said.
        error: std::io::Error,
    },
    /// The file is not valid Guard.
    Parse {
        /// The file's name, as given.
        file: String,
        /// The line (from 1) the parser stopped at, when it says.
        line: Option<u32>,
        /// The column (from 1) the parser stopped at, when it says.
        column: Option<u32>,
        /// The parser's message.
        message: String,
    },
    /// cfn-guard could not evaluate the rules (an undefined variable or
    /// rule, a bad regular expression, ...).
    Evaluation {
        /// The file's name, as given.
        file: String,
        /// cfn-guard's message.
        message: String,
    },
    /// [`GuardRules::with_level`] named a rule the file does not have.
    UnknownRule {
        /// The file's name, as given.
        file: String,
        /// The rule named.
        rule: String,
        /// The rules the file has.
        known: Vec<String>,
    },
}

impl std::fmt::Display for GuardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GuardError::Io { file, error } => write!(f, "{file}: cannot read the guard rules: {error}"),
            GuardError::Parse {
                file,
                line,
                column,
                message,
            } => {
                write!(f, "{file}")?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                    if let Some(column) = column {
                        write!(f, ":{column}")?;
                    }
                }
                write!(f, ": invalid guard rules: {message}")
            }
            GuardError::Evaluation { file, message } => {
                write!(f, "{file}: cfn-guard cannot evaluate the rules: {message}")
            }
            GuardError::UnknownRule { file, rule, known } => {
                write!(f, "{file} has no rule {rule} (it has: {})", known.join(", "))
            }
        }
    }
}

impl std::error::Error for GuardError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GuardError::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl GuardRules {
    /// Parses the text of a Guard rule file; `name` (the file's name) is
    /// what errors and findings call it. Evaluates the rules once against
    /// an empty template, so an error that any template would hit (an
    /// undefined variable, say) is reported here too.
    pub fn new(name: &str, rules_text: &str) -> Result<GuardRules, GuardError> {
        if let Err(error) = parse_rules(rules_text, name) {
            return Err(parse_error(name, error));
        }
        let mut rules = GuardRules {
            name: name.to_owned(),
            text: rules_text.to_owned(),
            levels: BTreeMap::new(),
        };
        // Every rule is named in the report, as failing, not applicable or
        // passing, whatever the data.
        let report = rules.evaluate("{}").map_err(|message| GuardError::Evaluation {
            file: name.to_owned(),
            message,
        })?;
        for key in ["not_applicable", "compliant"] {
            for rule in report[key].as_array().into_iter().flatten() {
                if let Some(rule) = rule.as_str() {
                    rules.levels.insert(rule.to_owned(), Level::Error);
                }
            }
        }
        for rule in report["not_compliant"].as_array().into_iter().flatten() {
            if let Some(rule) = rule["Rule"]["name"].as_str() {
                rules.levels.insert(rule.to_owned(), Level::Error);
            }
        }
        Ok(rules)
    }

    /// Reads and parses a Guard rule file (its path is its name).
    pub fn from_file(path: impl AsRef<Path>) -> Result<GuardRules, GuardError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| GuardError::Io {
            file: name.clone(),
            error,
        })?;
        GuardRules::new(&name, &text)
    }

    /// Sets the level of one rule's findings, by its Guard name
    /// (`s3_versioning`) or id (`GUARD-s3_versioning`); every rule is an
    /// error otherwise.
    pub fn with_level(mut self, rule: &str, level: Level) -> Result<GuardRules, GuardError> {
        let name = rule.strip_prefix(RULE_ID_PREFIX).unwrap_or(rule);
        match self.levels.get_mut(name) {
            Some(slot) => {
                *slot = level;
                Ok(self)
            }
            None => Err(GuardError::UnknownRule {
                file: self.name.clone(),
                rule: rule.to_owned(),
                known: self.levels.keys().cloned().collect(),
            }),
        }
    }

    /// The rule file's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The ids of the file's rules (`GUARD-<rule name>`), sorted.
    pub fn rule_ids(&self) -> Vec<String> {
        self.levels
            .keys()
            .map(|name| format!("{RULE_ID_PREFIX}{name}"))
            .collect()
    }

    /// The level of a rule's findings, by its name or id, if the file has it.
    pub fn level(&self, rule: &str) -> Option<Level> {
        self.levels
            .get(rule.strip_prefix(RULE_ID_PREFIX).unwrap_or(rule))
            .copied()
    }

    /// A pack of these rules alone, named after the file.
    pub fn into_pack(self) -> Pack {
        Pack::new(&self.name.clone()).with_template_rule(self)
    }

    /// cfn-guard's structured report of the rules over a template: the
    /// `FileReport` of the data (`not_compliant`, `not_applicable`,
    /// `compliant`).
    ///
    /// (Through the `validate` command with a payload rather than
    /// `cfn_guard::run_checks`, whose JSON is cut to its last 8 KiB once it
    /// is longer.)
    fn evaluate(&self, template: &str) -> Result<Json, String> {
        let payload = json!({"rules": [self.text], "data": [template]}).to_string();
        let command = ValidateBuilder::default()
            .payload(true)
            .structured(true)
            .output_format(OutputFormatType::JSON)
            .show_summary(vec![ShowSummaryType::None])
            .try_build()
            .map_err(|e| e.to_string())?;
        let mut writer = Writer::new_with_err(WriteBuffer::Vec(Vec::new()), WriteBuffer::Vec(Vec::new()))
            .map_err(|e| e.to_string())?;
        let mut reader = Reader::new(ReadBuffer::Cursor(Cursor::new(payload.into_bytes())));
        let code = command.execute(&mut writer, &mut reader).map_err(|e| e.to_string())?;
        if code == ERROR_STATUS_CODE {
            let errors = writer.err_to_stripped().map_err(|e| e.to_string())?;
            return Err(errors.trim().replace(PAYLOAD_RULES_NAME, &self.name));
        }
        let output = writer.into_string().map_err(|e| e.to_string())?;
        let mut reports: Json = serde_json::from_str(&output).map_err(|e| format!("{e} in cfn-guard's report"))?;
        match reports.get_mut(0) {
            Some(report) => Ok(report.take()),
            None => Err("cfn-guard reported nothing".to_owned()),
        }
    }

    /// The violations of a report: one per failing (rule, resource).
    fn violations(&self, report: &Json) -> Vec<Violation> {
        let mut violations = Vec::new();
        for rule in report["not_compliant"].as_array().into_iter().flatten() {
            let rule = &rule["Rule"];
            let Some(name) = rule["name"].as_str() else {
                continue;
            };
            let mut clauses = Vec::new();
            for check in rule["checks"].as_array().into_iter().flatten() {
                self.collect(check, &mut clauses);
            }
            let rule_message = custom_message(&rule["messages"]);
            for (logical_id, group) in by_resource(clauses) {
                let mut texts: Vec<&str> = Vec::new();
                for clause in &group {
                    if !texts.contains(&clause.text.as_str()) {
                        texts.push(&clause.text);
                    }
                }
                let custom = group
                    .iter()
                    .find_map(|c| c.custom.clone())
                    .or_else(|| rule_message.clone());
                let what = if logical_id.is_some() { "resource" } else { "template" };
                let fix = custom
                    .unwrap_or_else(|| format!("Change the {what} so that it passes rule {name} of {}.", self.name));
                violations.push(Violation {
                    rule_id: format!("{RULE_ID_PREFIX}{name}"),
                    level: self.levels.get(name).copied().unwrap_or(Level::Error),
                    logical_id,
                    message: texts.join("; "),
                    fix,
                });
            }
        }
        violations
    }

    /// The failing clauses of one of cfn-guard's clause reports.
    fn collect(&self, report: &Json, out: &mut Vec<Clause>) {
        if let Some(rule) = report.get("Rule") {
            // A rule the failing one depends on.
            for check in rule["checks"].as_array().into_iter().flatten() {
                self.collect(check, out);
            }
        } else if let Some(or) = report.get("Disjunctions") {
            let mut branches = Vec::new();
            for check in or["checks"].as_array().into_iter().flatten() {
                self.collect(check, &mut branches);
            }
            for (logical_id, group) in by_resource(branches) {
                let texts: Vec<&str> = group.iter().map(|c| c.text.as_str()).collect();
                out.push(Clause {
                    logical_id,
                    text: texts.join(" or "),
                    custom: group.iter().find_map(|c| c.custom.clone()),
                });
            }
        } else if let Some(clause) = report.get("Clause") {
            let Some(clause) = clause.get("Unary").or_else(|| clause.get("Binary")) else {
                return;
            };
            let check = &clause["check"];
            let (path, detail) = if let Some(unresolved) = check.get("UnResolved") {
                let value = &unresolved["value"];
                let path = value["traversed_to"]["path"].as_str();
                (path, missing(path, value["remaining_query"].as_str()))
            } else if let Some(resolved) = check.get("Resolved").or_else(|| check.get("InResolved")) {
                let value = resolved.get("from").unwrap_or(&resolved["value"]);
                let path = value["path"].as_str();
                (path, Some(found(path, &value["value"])))
            } else if let Some(rule) = check.get("UnResolvedContext").and_then(Json::as_str) {
                (None, Some(format!("rule {rule} does not pass")))
            } else {
                (None, None)
            };
            out.push(self.clause(clause, path, detail));
        } else if let Some(block) = report.get("Block") {
            let unresolved = &block["unresolved"];
            let path = unresolved["traversed_to"]["path"].as_str();
            let detail = missing(path, unresolved["remaining_query"].as_str());
            out.push(self.clause(block, path, detail));
        }
    }

    fn clause(&self, report: &Json, path: Option<&str>, detail: Option<String>) -> Clause {
        let context = tidy(report["context"].as_str().unwrap_or("")).replace(PAYLOAD_RULES_NAME, &self.name);
        let text = match detail {
            Some(detail) if context.is_empty() => detail,
            Some(detail) => format!("{context}: {detail}"),
            None => context,
        };
        Clause {
            logical_id: path.and_then(logical_id).map(str::to_owned),
            text,
            custom: custom_message(&report["messages"]),
        }
    }
}

impl TemplateRule for GuardRules {
    fn name(&self) -> &str {
        &self.name
    }

    fn check(&self, stack: &StackArtifact) -> Vec<Violation> {
        match self.evaluate(stack.json()) {
            Ok(report) => self.violations(&report),
            Err(message) => vec![Violation {
                rule_id: EVALUATION_ERROR_ID.to_owned(),
                level: Level::Error,
                logical_id: None,
                message: format!(
                    "cfn-guard cannot evaluate {} against the template: {message}",
                    self.name
                ),
                fix: format!("Correct {} (or report the template to cfn-guard).", self.name),
            }],
        }
    }
}

/// One failing clause: the resource its value belongs to, what it says.
struct Clause {
    logical_id: Option<String>,
    text: String,
    custom: Option<String>,
}

/// Clauses grouped by resource, in the order each resource first fails.
fn by_resource(clauses: Vec<Clause>) -> Vec<(Option<String>, Vec<Clause>)> {
    let mut groups: Vec<(Option<String>, Vec<Clause>)> = Vec::new();
    for clause in clauses {
        match groups.iter_mut().find(|(id, _)| *id == clause.logical_id) {
            Some((_, group)) => group.push(clause),
            None => groups.push((clause.logical_id.clone(), vec![clause])),
        }
    }
    groups
}

/// The logical ID of the resource a value path (`/Resources/Bucket/...`) is
/// below.
fn logical_id(path: &str) -> Option<&str> {
    path.strip_prefix("/Resources/")?
        .split('/')
        .next()
        .filter(|id| !id.is_empty())
}

/// A value path, as a property path relative to its resource
/// (`Properties.VersioningConfiguration.Status`), or to the template.
fn relative(path: &str) -> String {
    let rest = match path.strip_prefix("/Resources/") {
        Some(rest) => rest.split_once('/').map_or("", |(_, rest)| rest),
        None => path.trim_start_matches('/'),
    };
    rest.replace('/', ".")
}

/// "`<path>.<query>` is missing".
fn missing(path: Option<&str>, query: Option<&str>) -> Option<String> {
    let query = tidy(query?);
    let base = relative(path.unwrap_or(""));
    let full = match (base.is_empty(), query.is_empty()) {
        (true, _) => query,
        (false, true) => base,
        (false, false) => format!("{base}.{query}"),
    };
    Some(format!("{full} is missing"))
}

/// "`<path>` is <value>", the value cut to 80 characters.
fn found(path: Option<&str>, value: &Json) -> String {
    let mut shown = value.to_string();
    if shown.chars().count() > 80 {
        shown = shown.chars().take(77).collect::<String>() + "...";
    }
    let at = relative(path.unwrap_or(""));
    if at.is_empty() {
        format!("the value is {shown}")
    } else {
        format!("{at} is {shown}")
    }
}

/// Whitespace collapsed, and cfn-guard's `. (filter-clauses)` as `[...]`.
fn tidy(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(". (filter-clauses)", "[...]")
}

/// A report's custom message (`<< ... >>`), its lines trimmed and joined.
fn custom_message(messages: &Json) -> Option<String> {
    let text = messages["custom_message"].as_str()?;
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// A [`GuardError::Parse`] from cfn-guard's parse error, whose message is
/// `Error parsing file <name> at line <l> at column <c>, when handling
/// <what>, fragment <the rest of the file>`.
fn parse_error(name: &str, error: cfn_guard::Error) -> GuardError {
    let raw = match error {
        cfn_guard::Error::ParseError(message) => message,
        other => other.to_string(),
    };
    let marker = format!("Error parsing file {name} at line ");
    let located = raw.find(&marker).and_then(|at| {
        let rest = &raw[at + marker.len()..];
        let (line, rest) = rest.split_once(" at column ")?;
        let (column, rest) = rest.split_once(", ")?;
        Some((line.parse::<u32>().ok()?, column.parse::<u32>().ok()?, rest))
    });
    let Some((line, column, rest)) = located else {
        return GuardError::Parse {
            file: name.to_owned(),
            line: None,
            column: None,
            message: raw.trim().to_owned(),
        };
    };
    let (what, fragment) = match rest.strip_prefix("when handling ") {
        Some(rest) => rest.split_once(", fragment ").unwrap_or((rest, "")),
        None => ("", rest.strip_prefix("remaining ").unwrap_or(rest)),
    };
    let message = if !what.trim().is_empty() {
        what.trim().to_owned()
    } else {
        match fragment.lines().map(str::trim).find(|l| !l.is_empty()) {
            Some(next) => {
                let next: String = next.chars().take(40).collect();
                format!("unexpected `{next}`")
            }
            None => "unexpected end of the file (a `}` missing?)".to_owned(),
        }
    };
    GuardError::Parse {
        file: name.to_owned(),
        line: Some(line),
        column: Some(column),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_resources() {
        assert_eq!(logical_id("/Resources/Data/Properties/X"), Some("Data"));
        assert_eq!(logical_id("/Resources/Data"), Some("Data"));
        assert_eq!(logical_id("/Resources"), None);
        assert_eq!(logical_id("/Parameters/Env"), None);
        assert_eq!(relative("/Resources/Data/Properties/X"), "Properties.X");
        assert_eq!(relative("/Resources/Data"), "");
        assert_eq!(relative("/Parameters/Env"), "Parameters.Env");
        assert_eq!(
            missing(Some("/Resources/D/Properties"), Some("X.Y")).as_deref(),
            Some("Properties.X.Y is missing")
        );
    }

    #[test]
    fn parse_errors_name_the_line() {
        let error = GuardRules::new("x.guard", "rule a {\n  Resources.*.Type ==\n}\n").unwrap_err();
        match error {
            GuardError::Parse { line, ref message, .. } => {
                assert_eq!(line, Some(2), "{error}");
                assert!(message.contains("expecting"), "{error}");
            }
            other => panic!("{other:?}"),
        }
        let error = GuardRules::new("y.guard", "rule a {\n  Resources exists\n").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("y.guard:3:1: invalid guard rules: unexpected end"),
            "{error}"
        );
    }
}
