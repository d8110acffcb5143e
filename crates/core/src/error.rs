//! Synthesis errors and warnings. Every error names the construct path it is
//! about and says how to fix it.

use std::fmt;

use crate::SourceLocation;

/// One problem that stops synthesis.
///
/// `path` is always the construct path the problem is about; `Display` says
/// what is wrong and how to fix it.
#[allow(missing_docs)]
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SynthError {
    /// A construct id is empty or contains `/`.
    InvalidId { path: String, id: String, reason: String },
    /// Two siblings share an id.
    DuplicateId { path: String },
    /// A construct's own check failed (see [`Scope::add_error`](crate::Scope::add_error)).
    Construct { path: String, message: String },
    /// A stack name CloudFormation would reject.
    InvalidStackName { path: String, name: String },
    /// Two stacks of the app have the same name.
    DuplicateStackName {
        path: String,
        other_path: String,
        name: String,
    },
    /// An element is not inside a stack.
    OutsideStack { path: String },
    /// A stack with no resources (CloudFormation requires at least one).
    EmptyStack { path: String },
    /// Two elements of a stack got the same logical ID.
    LogicalIdCollision {
        logical_id: String,
        path: String,
        other_path: String,
    },
    /// A logical ID that is not 1 to 255 letters and digits.
    InvalidLogicalId { path: String, logical_id: String },
    /// A reference to something that is not in the app, the stack, or is of the wrong kind.
    DanglingReference {
        path: String,
        target: String,
        reason: String,
    },
    /// `Fn::GetAtt` of an attribute the resource type does not have.
    UnknownAttribute {
        path: String,
        type_name: String,
        attribute: String,
        known: Vec<String>,
    },
    /// Resources of one stack that depend on each other in a circle.
    DependencyCycle { stack_path: String, cycle: Vec<String> },
    /// Stacks that depend on each other in a circle.
    StackCycle { path: String, other_path: String },
    /// A reference between stacks in different environments.
    CrossEnvironmentReference {
        path: String,
        stack_path: String,
        other_stack_path: String,
    },
    /// A CloudFormation quota exceeded.
    LimitExceeded {
        path: String,
        what: &'static str,
        count: usize,
        limit: usize,
    },
    /// The template body is over the 1 MB CloudFormation accepts.
    TemplateTooLarge { path: String, bytes: usize, limit: usize },
    /// An export name CloudFormation would reject.
    InvalidExportName { path: String, name: String },
    /// Two outputs of the app export the same name.
    DuplicateExportName {
        path: String,
        other_path: String,
        name: String,
    },
    /// A literal property value the resource type's registry schema rejects,
    /// a required property not set, or a property the type does not have
    /// (see [`schema`](crate::schema)).
    SchemaViolation {
        path: String,
        type_name: String,
        /// The property path below `Properties` (`Subscription[0].Protocol`).
        property: String,
        kind: crate::schema::ConstraintKind,
        /// The offending value as compact JSON, when there is one.
        value: Option<String>,
        problem: String,
        fix: String,
    },
}

impl SynthError {
    /// The construct path the error is about.
    pub fn path(&self) -> &str {
        use SynthError::*;
        match self {
            InvalidId { path, .. }
            | DuplicateId { path }
            | Construct { path, .. }
            | InvalidStackName { path, .. }
            | DuplicateStackName { path, .. }
            | OutsideStack { path }
            | EmptyStack { path }
            | LogicalIdCollision { path, .. }
            | InvalidLogicalId { path, .. }
            | DanglingReference { path, .. }
            | UnknownAttribute { path, .. }
            | StackCycle { path, .. }
            | CrossEnvironmentReference { path, .. }
            | LimitExceeded { path, .. }
            | TemplateTooLarge { path, .. }
            | InvalidExportName { path, .. }
            | DuplicateExportName { path, .. }
            | SchemaViolation { path, .. } => path,
            DependencyCycle { stack_path, .. } => stack_path,
        }
    }
}

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SynthError::*;
        match self {
            InvalidId { path, id, reason } => {
                write!(f, "{path}: invalid construct id {id:?}: {reason}; choose a non-empty id without '/'")
            }
            DuplicateId { path } => write!(
                f,
                "{path}: there is already a construct with this id in its scope; give each sibling a unique id"
            ),
            Construct { path, message } => write!(f, "{path}: {message}"),
            InvalidStackName { path, name } => write!(
                f,
                "{path}: stack name {name:?} is invalid; use 1 to 128 letters, digits and '-', starting with a letter"
            ),
            DuplicateStackName { path, other_path, name } => write!(
                f,
                "{path}: stack name {name:?} is also used by {other_path}; give each stack a unique stack_name"
            ),
            OutsideStack { path } => {
                write!(f, "{path}: this element is not inside a stack; create it in a stack's scope")
            }
            EmptyStack { path } => write!(
                f,
                "{path}: the stack has no resources and CloudFormation requires at least one; add a resource or remove the stack"
            ),
            LogicalIdCollision { logical_id, path, other_path } => write!(
                f,
                "{path}: logical ID {logical_id:?} is also the logical ID of {other_path}; change one of the ids or logical ID overrides"
            ),
            InvalidLogicalId { path, logical_id } => write!(
                f,
                "{path}: logical ID {logical_id:?} is invalid; use 1 to 255 ASCII letters and digits"
            ),
            DanglingReference { path, target, reason } => {
                write!(f, "{path}: reference to {target} cannot be resolved: {reason}")
            }
            UnknownAttribute { path, type_name, attribute, known } => write!(
                f,
                "{path}: {type_name} has no attribute {attribute:?} for Fn::GetAtt; it has: {}",
                if known.is_empty() { "none".to_owned() } else { known.join(", ") }
            ),
            DependencyCycle { stack_path, cycle } => write!(
                f,
                "{stack_path}: resources depend on each other in a cycle: {}; remove a reference or DependsOn to break it",
                cycle.join(" -> ")
            ),
            StackCycle { path, other_path } => write!(
                f,
                "{path}: this stack and {other_path} depend on each other (through references or explicit dependencies); move the shared resources into one stack or a third stack"
            ),
            CrossEnvironmentReference { path, stack_path, other_stack_path } => write!(
                f,
                "{path}: stack {stack_path} references a value of stack {other_stack_path}, which deploys to a different account or region; exports only work within one account and region"
            ),
            LimitExceeded { path, what, count, limit } if what.starts_with("bytes") => write!(
                f,
                "{path}: {count} {what}, over the CloudFormation limit of {limit}; shorten it"
            ),
            LimitExceeded { path, what, count, limit } => write!(
                f,
                "{path}: the stack has {count} {what}, over the CloudFormation limit of {limit}; split it into several stacks"
            ),
            TemplateTooLarge { path, bytes, limit } => write!(
                f,
                "{path}: the template is {bytes} bytes, over the CloudFormation limit of {limit}; split the stack"
            ),
            InvalidExportName { path, name } => write!(
                f,
                "{path}: export name {name:?} is invalid; use 1 to 255 letters, digits, ':' and '-'"
            ),
            DuplicateExportName { path, other_path, name } => {
                write!(f, "{path}: export name {name:?} is also exported by {other_path}; export names are unique per region")
            }
            SchemaViolation { path, type_name, property, kind, value, problem, fix } => {
                write!(f, "{path}: {type_name}")?;
                if !property.is_empty() {
                    write!(f, " property {property}")?;
                }
                if let Some(v) = value {
                    write!(f, " = {v}")?;
                }
                write!(f, " {problem} ({}); {fix}", kind.keyword())
            }
        }
    }
}

impl std::error::Error for SynthError {}

/// Every problem found by one synthesis, in a stable order, each with the
/// [source location](SourceLocation) of the construct it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthErrors {
    errors: Vec<SynthError>,
    locations: Vec<Option<SourceLocation>>,
}

impl SynthErrors {
    /// Errors without source locations.
    pub fn new(errors: Vec<SynthError>) -> SynthErrors {
        let locations = vec![None; errors.len()];
        SynthErrors { errors, locations }
    }

    /// Errors located by their construct paths in `graph`.
    pub(crate) fn located(errors: Vec<SynthError>, graph: &crate::graph::Graph) -> SynthErrors {
        let locations = errors.iter().map(|e| graph.location_of_path(e.path())).collect();
        SynthErrors { errors, locations }
    }

    /// The errors.
    pub fn errors(&self) -> &[SynthError] {
        &self.errors
    }

    /// The errors, owned.
    pub fn into_errors(self) -> Vec<SynthError> {
        self.errors
    }

    /// Each error with where the user's code created its construct.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let line = line!() + 1;
    /// stack.child("Group").add_error("split this group");
    /// let errors = app.synth().unwrap_err();
    /// let (error, location) = errors.iter().next().unwrap();
    /// assert_eq!(error.path(), "S/Group");
    /// assert_eq!(location.unwrap().line(), line);
    /// let text = errors.to_string();
    /// assert!(text.contains(&format!("{}: error: S/Group: split this group", location.unwrap())), "{text}");
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&SynthError, Option<&SourceLocation>)> {
        self.errors.iter().zip(self.locations.iter().map(Option::as_ref))
    }
}

/// One line per error, `file:line:column: error: path: message` (the form
/// compilers print, so editors and CI annotations link to the line).
impl fmt::Display for SynthErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "synthesis failed with {} error(s):", self.errors.len())?;
        for (e, location) in self.iter() {
            match location {
                Some(l) => writeln!(f, "{l}: error: {e}")?,
                None => writeln!(f, "error: {e}")?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for SynthErrors {}

/// A problem that does not stop synthesis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The construct path it is about.
    pub path: String,
    /// What is wrong and what to do.
    pub message: String,
    /// Where the user's code created the construct (filled by synthesis).
    pub location: Option<SourceLocation>,
}

impl Warning {
    /// A warning about the construct at `path`; synthesis locates it.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Warning {
        Warning {
            path: path.into(),
            message: message.into(),
            location: None,
        }
    }

    /// The warning as a compiler prints one:
    /// `file:line:column: warning: path: message`.
    ///
    /// ```
    /// use rcdk_core::{SourceLocation, Warning};
    /// let mut w = Warning::new("S/Queue", "add a dead-letter queue");
    /// assert_eq!(w.line(), "warning: S/Queue: add a dead-letter queue");
    /// w.location = Some(SourceLocation::new("src/main.rs", 9, 5));
    /// assert_eq!(w.line(), "src/main.rs:9:5: warning: S/Queue: add a dead-letter queue");
    /// ```
    pub fn line(&self) -> String {
        match &self.location {
            Some(l) => format!("{l}: warning: {self}"),
            None => format!("warning: {self}"),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}
