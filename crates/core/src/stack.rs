//! Stacks: the unit of deployment.

use std::ops::Deref;

use crate::expr::{Aws, Expr};
use crate::graph::NodeId;
use crate::scope::{Construct, Scope};

/// Where a stack deploys. Leave a field `None` for an environment-agnostic
/// stack that deploys wherever the command line points.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// The AWS account id (12 digits).
    pub account: Option<String>,
    /// The AWS region, for example `eu-west-1`.
    pub region: Option<String>,
}

impl Environment {
    /// An environment pinned to an account and a region.
    pub fn new(account: &str, region: &str) -> Environment {
        Environment {
            account: Some(account.to_owned()),
            region: Some(region.to_owned()),
        }
    }
}

/// The options of a [`Stack`].
///
/// ```
/// use rcdk_core::{StackProps, Environment};
/// let props = StackProps {
///     description: Some("Orders service".into()),
///     env: Environment::new("123456789012", "eu-west-1"),
///     tags: vec![("team".into(), "orders".into())],
///     ..Default::default()
/// };
/// # let _ = props;
/// ```
#[derive(Clone, Debug, Default)]
pub struct StackProps {
    /// The CloudFormation stack name; defaults to the stack's id.
    pub stack_name: Option<String>,
    /// The template's `Description`.
    pub description: Option<String>,
    /// Account and region; both `None` (the default) is environment-agnostic.
    pub env: Environment,
    /// Tags applied to the stack and to every taggable resource in it.
    pub tags: Vec<(String, String)>,
    /// Protects the deployed stack from deletion.
    pub termination_protection: bool,
}

pub(crate) struct StackData {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) env: Environment,
    pub(crate) termination_protection: bool,
    /// Stacks this one must deploy after, besides those implied by references.
    pub(crate) dependencies: Vec<NodeId>,
}

impl StackData {
    pub(crate) fn new(id: &str, props: StackProps) -> StackData {
        StackData {
            name: props.stack_name.unwrap_or_else(|| id.to_owned()),
            description: props.description,
            env: props.env,
            termination_protection: props.termination_protection,
            dependencies: Vec::new(),
        }
    }
}

/// A CloudFormation stack: a scope whose resources synthesize into one template.
///
/// `Stack` dereferences to [`Scope`], so it is passed wherever a scope is.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// let app = App::new();
/// let network = app.stack("Network", StackProps::default());
/// let service = app.stack("Service", StackProps::default());
/// service.add_stack_dependency(&network);
/// assert_eq!(service.stack_name(), "Service");
/// ```
#[derive(Clone, Debug)]
pub struct Stack {
    scope: Scope,
}

impl Deref for Stack {
    type Target = Scope;
    fn deref(&self) -> &Scope {
        &self.scope
    }
}

impl Construct for Stack {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Stack {
    pub(crate) fn from_scope(scope: Scope) -> Stack {
        Stack { scope }
    }

    /// The CloudFormation stack name.
    pub fn stack_name(&self) -> String {
        self.scope
            .graph
            .borrow()
            .stack_data(self.scope.node)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    /// The stack's environment.
    pub fn environment(&self) -> Environment {
        self.scope
            .graph
            .borrow()
            .stack_data(self.scope.node)
            .map(|s| s.env.clone())
            .unwrap_or_default()
    }

    /// True when the stack has no fixed region: it deploys wherever it is pointed.
    pub fn is_environment_agnostic(&self) -> bool {
        self.environment().region.is_none()
    }

    /// The stack's region: the literal when the environment names one, else `AWS::Region`.
    pub fn region(&self) -> Expr<String> {
        self.environment().region.map(Expr::from).unwrap_or_else(Aws::region)
    }

    /// The stack's account: the literal when the environment names one, else `AWS::AccountId`.
    pub fn account(&self) -> Expr<String> {
        self.environment()
            .account
            .map(Expr::from)
            .unwrap_or_else(Aws::account_id)
    }

    /// Makes this stack deploy after `other`.
    pub fn add_stack_dependency(&self, other: &Stack) {
        let other = other.scope.node;
        if let Some(s) = self.scope.graph.borrow_mut().stack_data_mut(self.scope.node) {
            if !s.dependencies.contains(&other) {
                s.dependencies.push(other);
            }
        }
    }
}
