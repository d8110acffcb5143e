//! Packs of rules, checks over an assembly, and their report.

use std::collections::BTreeSet;

use rcdk_core::{App, Assembly, Issue, StackArtifact, SynthErrors};

use crate::rule::{Finding, ResourceView, Rule, TemplateRule, Violation};

/// A named set of rules, applied together: [`Rule`]s, checked one resource
/// at a time, and [`TemplateRule`]s, checked over a whole template.
///
/// ```
/// use rcdk_policy::{aws_solutions, Pack};
/// let builtin = aws_solutions();
/// assert_eq!(builtin.name(), "rcdk-aws-solutions");
/// assert!(builtin.rule("RCDK-S3-1").is_some());
/// let count = builtin.rules().len();
/// let relaxed = builtin.without("RCDK-S3-1");
/// assert_eq!(relaxed.rules().len(), count - 1);
/// ```
pub struct Pack {
    name: String,
    rules: Vec<Box<dyn Rule>>,
    template_rules: Vec<Box<dyn TemplateRule>>,
    /// The ids removed with [`Pack::without`], for the violations of the
    /// template rules (which report ids the pack cannot list beforehand).
    without: BTreeSet<String>,
}

impl std::fmt::Debug for Pack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.rules.iter().map(|r| r.id()).collect();
        let mut debug = f.debug_struct("Pack");
        debug.field("name", &self.name).field("rules", &ids);
        if !self.template_rules.is_empty() {
            let names: Vec<&str> = self.template_rules.iter().map(|r| r.name()).collect();
            debug.field("template_rules", &names).field("without", &self.without);
        }
        debug.finish()
    }
}

impl Pack {
    /// An empty pack.
    pub fn new(name: &str) -> Pack {
        Pack {
            name: name.to_owned(),
            rules: Vec::new(),
            template_rules: Vec::new(),
            without: BTreeSet::new(),
        }
    }

    /// Adds a rule (a rule whose id the pack has replaces it).
    pub fn with_rule(mut self, rule: impl Rule + 'static) -> Pack {
        self.add_rule(Box::new(rule));
        self
    }

    /// Adds a boxed rule (a rule whose id the pack has replaces it).
    pub fn add_rule(&mut self, rule: Box<dyn Rule>) {
        self.rules.retain(|r| r.id() != rule.id());
        self.rules.push(rule);
    }

    /// Adds a template rule (a template rule whose name the pack has
    /// replaces it).
    pub fn with_template_rule(mut self, rule: impl TemplateRule + 'static) -> Pack {
        self.add_template_rule(Box::new(rule));
        self
    }

    /// Adds a boxed template rule (a template rule whose name the pack has
    /// replaces it).
    pub fn add_template_rule(&mut self, rule: Box<dyn TemplateRule>) {
        self.template_rules.retain(|r| r.name() != rule.name());
        self.template_rules.push(rule);
    }

    /// Removes a rule by id (to opt out of one rule of a pack); the pack's
    /// template rules stop reporting that id too.
    #[track_caller]
    pub fn without(mut self, id: &str) -> Pack {
        self.rules.retain(|r| r.id() != id);
        self.without.insert(id.to_owned());
        self
    }

    /// The pack's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The pack's rules, in the order added.
    pub fn rules(&self) -> &[Box<dyn Rule>] {
        &self.rules
    }

    /// The pack's template rules, in the order added.
    pub fn template_rules(&self) -> &[Box<dyn TemplateRule>] {
        &self.template_rules
    }

    /// A rule by id.
    #[track_caller]
    pub fn rule(&self, id: &str) -> Option<&dyn Rule> {
        self.rules.iter().find(|r| r.id() == id).map(|r| r.as_ref())
    }
}

/// The findings of a check, sorted by stack, logical ID, rule and message,
/// so the same templates always give the same report.
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::{aws_solutions, check};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Resource::new(&stack, "Queue", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
/// let report = check(&app.synth().unwrap(), &[aws_solutions()]);
/// assert!(!report.passes(false));
/// assert!(report.to_string().contains("error[RCDK-SQS-1]: S/Queue"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    findings: Vec<Finding>,
}

impl Report {
    /// Every finding, suppressed ones included.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings that fail the check: errors, and warnings too when
    /// `strict`, that are not suppressed.
    pub fn failures(&self, strict: bool) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.fails(strict)).collect()
    }

    /// The suppressed findings, each with its reason.
    pub fn suppressed(&self) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_some()).collect()
    }

    /// Whether nothing fails: no unsuppressed error, and, when `strict`, no
    /// unsuppressed warning.
    pub fn passes(&self, strict: bool) -> bool {
        self.failures(strict).is_empty()
    }

    /// Adds another report's findings (a finding both have is kept once).
    pub fn merge(&mut self, other: Report) {
        self.findings.extend(other.findings);
        self.normalize();
    }

    fn normalize(&mut self) {
        self.findings.sort_by(|a, b| {
            (&a.stack, &a.logical_id, &a.rule_id, &a.message).cmp(&(&b.stack, &b.logical_id, &b.rule_id, &b.message))
        });
        self.findings.dedup();
    }
}

impl std::fmt::Display for Report {
    /// One finding a paragraph, then a summary line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        let count = |pred: &dyn Fn(&Finding) -> bool| self.findings.iter().filter(|f| pred(f)).count();
        write!(
            f,
            "{} errors, {} warnings, {} suppressed",
            count(&|f| f.suppressed.is_none() && f.level == crate::Level::Error),
            count(&|f| f.suppressed.is_none() && f.level == crate::Level::Warning),
            count(&|f| f.suppressed.is_some()),
        )
    }
}

/// Checks every stack of an assembly against the packs' rules.
///
/// Suppressions are read from each resource's `Metadata`, where
/// [`suppress`](crate::suppress) wrote them, so a read-back assembly is
/// checked the same way.
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::{aws_solutions, check};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Resource::new(&stack, "Key", "AWS::KMS::Key", [("EnableKeyRotation", Value::from(true))]);
/// let report = check(&app.synth().unwrap(), &[aws_solutions()]);
/// assert!(report.findings().iter().all(|f| f.rule_id != "RCDK-KMS-1"));
/// ```
pub fn check(assembly: &Assembly, packs: &[Pack]) -> Report {
    let mut report = Report::default();
    for stack in assembly.stacks() {
        report.findings.extend(check_stack(stack, packs).findings);
    }
    report.normalize();
    report
}

/// Checks one stack against the packs' rules and template rules (a rule
/// id, or a template rule name, that two packs have is checked once, the
/// first pack's).
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::{aws_solutions, check_stack};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Resource::new(&stack, "Key", "AWS::KMS::Key", Vec::<(String, Value)>::new());
/// let assembly = app.synth().unwrap();
/// let report = check_stack(assembly.stack("S").unwrap(), &[aws_solutions()]);
/// assert!(report.findings().iter().any(|f| f.rule_id == "RCDK-KMS-1"));
/// ```
pub fn check_stack(stack: &StackArtifact, packs: &[Pack]) -> Report {
    let mut seen = BTreeSet::new();
    let rules: Vec<&dyn Rule> = packs
        .iter()
        .flat_map(|p| p.rules.iter())
        .filter(|r| seen.insert(r.id().to_owned()))
        .map(|r| r.as_ref())
        .collect();
    let mut report = Report::default();
    for view in ResourceView::all(stack) {
        for rule in &rules {
            let messages = rule.check(&view);
            if messages.is_empty() {
                continue;
            }
            let suppressed = view.suppression(*rule).map(str::to_owned);
            for detail in messages {
                let message = if detail.is_empty() {
                    rule.explanation().to_owned()
                } else {
                    format!("{}: {detail}", rule.explanation().trim_end_matches('.'))
                };
                report.findings.push(Finding {
                    rule_id: rule.id().to_owned(),
                    cdk_nag_id: rule.cdk_nag_id().map(str::to_owned),
                    level: rule.level(),
                    stack: stack.id().to_owned(),
                    logical_id: view.logical_id().to_owned(),
                    resource_type: view.type_name().to_owned(),
                    construct_path: view.construct_path().map(str::to_owned),
                    location: view.location().cloned(),
                    message,
                    fix: rule.fix().to_owned(),
                    suppressed: suppressed.clone(),
                });
            }
        }
    }
    let mut seen_templates = BTreeSet::new();
    for pack in packs {
        for rule in &pack.template_rules {
            if !seen_templates.insert(rule.name().to_owned()) {
                continue;
            }
            for violation in rule.check(stack) {
                if !pack.without.contains(&violation.rule_id) {
                    report.findings.push(template_finding(stack, violation));
                }
            }
        }
    }
    report.normalize();
    report
}

/// The finding of a template rule's violation: the resource's type,
/// construct path, location and suppression, as for a rule's.
fn template_finding(stack: &StackArtifact, violation: Violation) -> Finding {
    let Violation {
        rule_id,
        level,
        logical_id,
        message,
        fix,
    } = violation;
    let view = logical_id.as_deref().and_then(|id| ResourceView::find(stack, id));
    let (resource_type, construct_path, location, suppressed) = match &view {
        Some(view) => (
            view.type_name().to_owned(),
            view.construct_path().map(str::to_owned),
            view.location().cloned(),
            view.suppression_of(&rule_id, None).map(str::to_owned),
        ),
        // The template as a whole (or a resource it does not have): the stack.
        None => (String::new(), Some(stack.path().to_owned()), None, None),
    };
    Finding {
        rule_id,
        cdk_nag_id: None,
        level,
        stack: stack.id().to_owned(),
        logical_id: logical_id.unwrap_or_default(),
        resource_type,
        construct_path,
        location,
        message,
        fix,
        suppressed,
    }
}

/// Which packs apply where, and whether warnings fail: packs are opt-in,
/// for the whole app or for one stack.
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::{aws_solutions, Policy};
/// let app = App::new();
/// let dev = app.stack("Dev", StackProps::default());
/// let prod = app.stack("Prod", StackProps::default());
/// Resource::new(&dev, "Q", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
/// Resource::new(&prod, "Q", "AWS::SQS::Queue", Vec::<(String, Value)>::new());
/// let policy = Policy::new().stack_pack("Prod", aws_solutions());
/// let report = policy.check(&app.synth().unwrap());
/// assert!(report.findings().iter().all(|f| f.stack == "Prod"));
/// assert!(policy.synth(&app).is_err());
/// ```
#[derive(Debug, Default)]
pub struct Policy {
    app_packs: Vec<Pack>,
    stack_packs: Vec<(String, Pack)>,
    strict: bool,
}

/// Why [`Policy::synth`] failed.
///
/// ```
/// use rcdk_core::{App, Resource, StackProps, Value};
/// use rcdk_policy::{aws_solutions, Policy, PolicyError};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Resource::new(&stack, "Key", "AWS::KMS::Key", Vec::<(String, Value)>::new());
/// match Policy::new().pack(aws_solutions()).synth(&app) {
///     Err(PolicyError::Findings { report, .. }) => assert_eq!(report.failures(false)[0].rule_id, "RCDK-KMS-1"),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug)]
pub enum PolicyError {
    /// Synthesis itself failed (an empty suppression reason is one of these).
    Synth(SynthErrors),
    /// The templates were made, but some findings fail the policy.
    Findings {
        /// The assembly, for a caller that still wants to write it.
        assembly: Box<Assembly>,
        /// Every finding; [`Report::failures`] are the failing ones.
        report: Report,
    },
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolicyError::Synth(errors) => write!(f, "{errors}"),
            PolicyError::Findings { report, .. } => write!(f, "{report}"),
        }
    }
}

impl std::error::Error for PolicyError {}

impl Policy {
    /// No packs, not strict.
    pub fn new() -> Policy {
        Policy::default()
    }

    /// Applies a pack to every stack.
    pub fn pack(mut self, pack: Pack) -> Policy {
        self.app_packs.push(pack);
        self
    }

    /// Applies a pack to one stack, by id.
    pub fn stack_pack(mut self, stack_id: &str, pack: Pack) -> Policy {
        self.stack_packs.push((stack_id.to_owned(), pack));
        self
    }

    /// Makes warnings fail too.
    pub fn strict(mut self, strict: bool) -> Policy {
        self.strict = strict;
        self
    }

    /// Whether warnings fail.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// Checks an assembly: each stack against the app's packs and its own.
    pub fn check(&self, assembly: &Assembly) -> Report {
        let mut report = Report::default();
        for stack in assembly.stacks() {
            let mut packs: Vec<&Pack> = self.app_packs.iter().collect();
            packs.extend(
                self.stack_packs
                    .iter()
                    .filter(|(id, _)| id == stack.id())
                    .map(|(_, p)| p),
            );
            for pack in packs {
                report
                    .findings
                    .extend(check_stack(stack, std::slice::from_ref(pack)).findings);
            }
        }
        report.normalize();
        report
    }

    /// Makes every synthesis of `app` check this policy, as cdk-nag's
    /// aspects do: a failing finding (an error, or a warning when strict)
    /// fails `app.synth()` with the construct path, the rule and the fix;
    /// a warning otherwise is a warning of the assembly (which `synth
    /// --strict` fails on); a suppressed finding is neither. It may be
    /// called before or after the app is built: it checks the tree as
    /// synthesis finds it, suppressions included.
    ///
    /// ```
    /// use rcdk_core::{App, Resource, StackProps, Value};
    /// use rcdk_policy::{aws_solutions, suppress, Policy};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// Resource::new(&stack, "Key", "AWS::KMS::Key", Vec::<(String, Value)>::new());
    /// let open = Resource::new(&stack, "Open", "AWS::KMS::Key", Vec::<(String, Value)>::new());
    /// suppress(&open, "RCDK-KMS-1", "Rotated by the key owner's own schedule.");
    /// Policy::new().pack(aws_solutions()).apply(&app);
    /// let errors = app.synth().unwrap_err().to_string();
    /// assert!(errors.contains("S/Key: error[RCDK-KMS-1]"), "{errors}");
    /// assert!(!errors.contains("S/Open: error[RCDK-KMS-1]"), "{errors}");
    /// ```
    pub fn apply(self, app: &App) {
        app.add_check(move |assembly| {
            let report = self.check(assembly);
            let issue = |f: &Finding| {
                let path = f
                    .construct_path
                    .clone()
                    .unwrap_or_else(|| format!("{}/{}", f.stack, f.logical_id));
                let rule = f.rule_id.as_str();
                let message = format!(
                    "{}[{rule}] {} ({}); fix: {}",
                    f.level, f.message, f.resource_type, f.fix
                );
                if f.fails(self.strict) {
                    Issue::Error { path, message }
                } else {
                    Issue::Warning { path, message }
                }
            };
            report
                .findings()
                .iter()
                .filter(|f| f.suppressed.is_none())
                .map(issue)
                .collect()
        });
    }

    /// Synthesizes (which writes every recorded suppression) and checks: the
    /// assembly and the report when nothing fails, else why.
    pub fn synth(&self, app: &App) -> Result<(Assembly, Report), PolicyError> {
        let assembly = app.synth().map_err(PolicyError::Synth)?;
        let report = self.check(&assembly);
        if report.passes(self.strict) {
            Ok((assembly, report))
        } else {
            Err(PolicyError::Findings {
                assembly: Box::new(assembly),
                report,
            })
        }
    }
}
