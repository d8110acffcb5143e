//! Grants: who gets a permission (an [`IGrantable`], through its
//! [`IPrincipal`]) and where the statement goes. A principal with a policy
//! rcdk can write (a role of the app, a mutable imported role) gets an
//! identity statement; one without (a service, an account) is named in the
//! resource's policy instead, when the resource has one
//! ([`IResourceWithPolicy`]). When neither can take the statement, the grant
//! is a synth error, never a silent no-op.

use rcdk_core::{Expr, Scope, Value};

use crate::{PolicyStatement, Principal, ServicePrincipal};

/// Something that can act in AWS and be given permissions: a role, an
/// imported role, a service principal, an account.
pub trait IPrincipal {
    /// The principal as a resource policy names it.
    fn policy_principal(&self) -> Principal;

    /// Adds `statement` (no principal) to the principal's own policy;
    /// `false` when it has none rcdk can write (a service, an account, an
    /// immutable imported role).
    fn add_to_principal_policy(&self, statement: PolicyStatement) -> bool;
}

/// Something that can be granted permissions: a principal, or a construct
/// that acts through one (a state machine through its role).
pub trait IGrantable {
    /// The principal that receives grants.
    fn grant_principal(&self) -> &dyn IPrincipal;
}

/// A resource with a policy of its own (a topic, a queue, a bucket, a key).
pub trait IResourceWithPolicy {
    /// Adds `statement` (with a principal) to the resource's policy; `false`
    /// when the resource has none rcdk can write (an imported resource).
    fn add_to_resource_policy(&self, statement: PolicyStatement) -> bool;
}

impl IPrincipal for ServicePrincipal {
    fn policy_principal(&self) -> Principal {
        Principal::Service(self.clone())
    }

    fn add_to_principal_policy(&self, _: PolicyStatement) -> bool {
        false
    }
}

impl IGrantable for ServicePrincipal {
    fn grant_principal(&self) -> &dyn IPrincipal {
        self
    }
}

impl IPrincipal for Principal {
    fn policy_principal(&self) -> Principal {
        self.clone()
    }

    fn add_to_principal_policy(&self, _: PolicyStatement) -> bool {
        false
    }
}

impl IGrantable for Principal {
    fn grant_principal(&self) -> &dyn IPrincipal {
        self
    }
}

/// Lends the resource policy of a construct held by a subtrait (`&dyn
/// IQueue`, `Self` in an `ITopic` default method) as a `&dyn
/// IResourceWithPolicy`: trait upcasting needs Rust 1.86, the workspace's
/// floor is 1.85.
///
/// ```
/// use rcdk_iam::{IResourceWithPolicy, PolicyOf, PolicyStatement, ServicePrincipal};
/// struct NoPolicy;
/// impl IResourceWithPolicy for NoPolicy {
///     fn add_to_resource_policy(&self, _: PolicyStatement) -> bool { false }
/// }
/// let lent: &dyn IResourceWithPolicy = &PolicyOf(&NoPolicy);
/// assert!(!lent.add_to_resource_policy(PolicyStatement::allow(["s3:GetObject"], ["arn:aws:s3:::b/*"])));
/// ```
pub struct PolicyOf<'a, T: ?Sized>(pub &'a T);

impl<T: IResourceWithPolicy + ?Sized> IResourceWithPolicy for PolicyOf<'_, T> {
    fn add_to_resource_policy(&self, statement: PolicyStatement) -> bool {
        self.0.add_to_resource_policy(statement)
    }
}

/// Where a grant's statement went.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Grant {
    /// Into the principal's own policy.
    PrincipalPolicy(PolicyStatement),
    /// Into the resource's policy, naming the principal.
    ResourcePolicy(PolicyStatement),
    /// Nowhere: recorded as a synth error on the resource's construct.
    Failed,
}

impl Grant {
    /// Grants `actions` on `resource_arns` to `grantee`: in its own policy
    /// when it has one, else in `resource`'s policy. `on` is the resource's
    /// construct, which a failed grant's error names.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Grant, Role, RoleProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let role = Role::new(&stack, "Role", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// let arn = "arn:aws:sqs:eu-west-1:111111111111:jobs";
    /// let grant = Grant::add_to_principal_or_resource(&role, ["sqs:SendMessage"], [arn], None, &stack);
    /// assert!(matches!(grant, Grant::PrincipalPolicy(_)));
    /// ```
    #[track_caller]
    pub fn add_to_principal_or_resource<A: Into<String>, R: Into<Expr<String>>>(
        grantee: &dyn IGrantable,
        actions: impl IntoIterator<Item = A>,
        resource_arns: impl IntoIterator<Item = R>,
        resource: Option<&dyn IResourceWithPolicy>,
        on: &Scope,
    ) -> Grant {
        let statement = PolicyStatement::allow(actions, resource_arns);
        let principal = grantee.grant_principal();
        if principal.add_to_principal_policy(statement.clone()) {
            return Grant::PrincipalPolicy(statement);
        }
        let admitted = statement.with_principal(principal.policy_principal());
        if resource.is_some_and(|r| r.add_to_resource_policy(admitted.clone())) {
            return Grant::ResourcePolicy(admitted);
        }
        let (why, fix) = if resource.is_some() {
            (
                "the resource is imported, so its resource policy is not the app's to change",
                "grant to a role (of the app, or imported with Role::from_arn), or define the resource in the app",
            )
        } else {
            (
                "the resource takes no resource policy",
                "grant to a role (of the app, or imported with Role::from_arn) that the principal assumes",
            )
        };
        on.add_error(format!(
            "cannot grant {} to {}: it has no policy rcdk can write, and {why}; {fix}",
            action_list(&admitted),
            describe(&admitted.principal),
        ));
        Grant::Failed
    }

    /// Grants to the principal's own policy only (for resources with no
    /// resource policy, such as a state machine or a log group).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Grant, ServicePrincipal};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let grant = Grant::add_to_principal(&ServicePrincipal::new("events.amazonaws.com"), ["states:StartExecution"], ["arn:aws:states:eu-west-1:111111111111:stateMachine:m"], &stack);
    /// assert_eq!(grant, Grant::Failed);
    /// assert!(app.synth().is_err());
    /// ```
    #[track_caller]
    pub fn add_to_principal<A: Into<String>, R: Into<Expr<String>>>(
        grantee: &dyn IGrantable,
        actions: impl IntoIterator<Item = A>,
        resource_arns: impl IntoIterator<Item = R>,
        on: &Scope,
    ) -> Grant {
        Grant::add_to_principal_or_resource(grantee, actions, resource_arns, None, on)
    }

    /// Whether the statement went somewhere.
    pub fn success(&self) -> bool {
        !matches!(self, Grant::Failed)
    }
}

fn action_list(statement: &PolicyStatement) -> String {
    statement.actions.join(", ")
}

fn describe(principal: &Option<Principal>) -> String {
    match principal {
        Some(Principal::Service(s)) => format!("the service {}", s.service()),
        Some(Principal::Aws(arn)) => match arn.value() {
            Value::String(s) => s.clone(),
            _ => "an account or role given by reference".to_owned(),
        },
        None => "no principal".to_owned(),
    }
}

/// Appends `statement` to a policy document's `Statement` list, once:
/// every policy rcdk writes (role, topic, queue, bucket) deduplicates alike.
pub fn append_statement(document: &mut Value, statement: &PolicyStatement) {
    if let Value::Object(m) = document {
        if let Some(Value::List(statements)) = m.get_mut("Statement") {
            let v = statement.to_value();
            if !statements.contains(&v) {
                statements.push(v);
            }
        }
    }
}
