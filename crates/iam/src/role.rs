//! Roles: the ones the app defines ([`Role`]) and the ones it imports by
//! ARN ([`Role::from_arn`]), interchangeable through [`IRole`].

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::iam::{CfnPolicy, CfnPolicyProps, CfnRole, CfnRoleProps};
use rcdk_core::logical_id::make_unique_id;
use rcdk_core::{Construct, Expr, Scope, Value};

use crate::grant::{append_statement, IGrantable, IPrincipal};
use crate::{policy_document, Conditions, PolicyStatement, Principal, ServicePrincipal};

/// A role, defined in the app or imported: what grants and props need.
pub trait IRole: IGrantable + Construct {
    /// The role's ARN.
    fn role_arn(&self) -> Expr<String>;
    /// The role's name.
    fn role_name(&self) -> Expr<String>;
}

/// The options of a [`Role`].
#[derive(Clone, Debug)]
pub struct RoleProps {
    /// The service principal that assumes the role, with the conditions its
    /// trust policy tests.
    pub assumed_by: ServicePrincipal,
    /// A description.
    pub description: Option<String>,
    /// ARNs of managed policies to attach.
    pub managed_policy_arns: Vec<Expr<String>>,
}

impl RoleProps {
    /// A role assumed by a service principal, for example
    /// `ecs-tasks.amazonaws.com`. Its trust policy tests `aws:SourceAccount`
    /// and `aws:SourceArn` where AWS documents that the service sends them
    /// ([`ServicePrincipal::for_trust_policy`]).
    ///
    /// ```
    /// use rcdk_iam::RoleProps;
    /// let props = RoleProps::assumed_by("ecs-tasks.amazonaws.com");
    /// assert!(props.assumed_by.names_its_source());
    /// ```
    pub fn assumed_by(service: &str) -> RoleProps {
        RoleProps::assumed_by_principal(ServicePrincipal::for_trust_policy(service))
    }

    /// A role assumed by `principal`, with exactly its conditions: to name
    /// the source, or to trust a service [`KNOWN_SERVICES`] does not list.
    ///
    /// ```
    /// use rcdk_core::{cfn_format, Aws};
    /// use rcdk_iam::{RoleProps, ServicePrincipal};
    /// let props = RoleProps::assumed_by_principal(
    ///     ServicePrincipal::new("scheduler.amazonaws.com")
    ///         .with_source_account(Aws::account_id())
    ///         .with_source_arn_like(cfn_format!(
    ///             "arn:{}:scheduler:{}:{}:schedule-group/*",
    ///             Aws::partition(),
    ///             Aws::region(),
    ///             Aws::account_id()
    ///         )),
    /// );
    /// assert!(props.assumed_by.names_its_source());
    /// ```
    pub fn assumed_by_principal(principal: ServicePrincipal) -> RoleProps {
        RoleProps {
            assumed_by: principal,
            description: None,
            managed_policy_arns: Vec::new(),
        }
    }
}

/// An IAM role assumed by an AWS service. Its permissions live in one
/// `AWS::IAM::Policy` (`DefaultPolicy/Resource`, as in the AWS CDK), created
/// on the first statement.
#[derive(Clone, Debug)]
pub struct Role {
    scope: Scope,
    role: CfnRole,
    default_policy: LazyPolicy,
}

impl Construct for Role {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IPrincipal for Role {
    fn policy_principal(&self) -> Principal {
        Principal::Aws(self.role_arn())
    }

    fn add_to_principal_policy(&self, statement: PolicyStatement) -> bool {
        self.add_to_policy(statement);
        true
    }
}

impl IGrantable for Role {
    fn grant_principal(&self) -> &dyn IPrincipal {
        self
    }
}

impl IRole for Role {
    fn role_arn(&self) -> Expr<String> {
        self.role.attr_arn()
    }

    fn role_name(&self) -> Expr<String> {
        self.role.reference()
    }
}

impl Role {
    /// Adds a role.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: RoleProps) -> Role {
        let node = scope.child(id);
        // The trust policy: one statement, with the principal's conditions.
        let trust = policy_document([PolicyStatement {
            sid: None,
            allow: true,
            principal: Some(Principal::Service(props.assumed_by)),
            actions: vec!["sts:AssumeRole".to_owned()],
            resources: Vec::new(),
            conditions: Conditions::new(),
        }]);
        let role = CfnRole::new(
            &node,
            "Resource",
            CfnRoleProps {
                description: props.description.map(Into::into),
                managed_policy_arns: (!props.managed_policy_arns.is_empty()).then(|| props.managed_policy_arns.into()),
                ..CfnRoleProps::new(trust)
            },
        );
        Role {
            scope: node,
            role,
            default_policy: LazyPolicy::new("DefaultPolicy"),
        }
    }

    /// The L1 role.
    pub fn cfn(&self) -> &CfnRole {
        &self.role
    }

    /// Adds a statement to the role's policy (identical statements are added
    /// once). A role's policy names no principal: a statement with one is
    /// recorded as an error.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{PolicyStatement, Role, RoleProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let role = Role::new(&stack, "Role", RoleProps::assumed_by("states.amazonaws.com"));
    /// role.add_to_policy(PolicyStatement::allow(["sns:Publish"], ["arn:aws:sns:eu-west-1:111111111111:a"]));
    /// assert!(role.policy().is_some());
    /// ```
    #[track_caller]
    pub fn add_to_policy(&self, statement: PolicyStatement) {
        if statement.principal.is_some() {
            self.scope.add_error(
                "a role's policy cannot name a principal; add the statement without with_principal, or put it in the resource's policy",
            );
            return;
        }
        let policy = self
            .default_policy
            .get_or_create(&self.scope, || vec![self.role.reference()]);
        let mut doc = policy.property("PolicyDocument").unwrap_or_default();
        append_statement(&mut doc, &statement);
        policy.set_policy_document(doc);
    }

    /// The role's policy resource, once a statement was added (resources that
    /// need the permissions at creation depend on it).
    pub fn policy(&self) -> Option<CfnPolicy> {
        self.default_policy.get()
    }
}

/// An `AWS::IAM::Policy` made on the first statement, at `<name>/Resource`
/// under the role's construct (the AWS CDK's `DefaultPolicy` of a role, or
/// `Policy` of an imported one).
#[derive(Clone, Debug)]
struct LazyPolicy {
    name: &'static str,
    slot: Rc<RefCell<Option<CfnPolicy>>>,
}

impl LazyPolicy {
    fn new(name: &'static str) -> LazyPolicy {
        LazyPolicy {
            name,
            slot: Rc::default(),
        }
    }

    fn get(&self) -> Option<CfnPolicy> {
        self.slot.borrow().clone()
    }

    fn get_or_create(&self, owner: &Scope, roles: impl FnOnce() -> Vec<Expr<String>>) -> CfnPolicy {
        let mut slot = self.slot.borrow_mut();
        slot.get_or_insert_with(|| {
            let doc = Value::object([("Version", "2012-10-17".into()), ("Statement", Value::List(Vec::new()))]);
            CfnPolicy::new(
                &owner.child(self.name),
                "Resource",
                CfnPolicyProps {
                    roles: Some(roles().into()),
                    ..CfnPolicyProps::new(doc, Expr::from(policy_name(owner, self.name)))
                },
            )
        })
        .clone()
    }
}

/// The policy's name, as the AWS CDK names it: the last 128 characters of
/// its logical ID, unique in the stack (two policies of one name on one role
/// would overwrite each other) and made of characters IAM accepts.
fn policy_name(owner: &Scope, name: &str) -> String {
    let path = format!("{}/{name}/Resource", owner.path());
    let below_stack = match owner.stack() {
        Some(stack) => path
            .strip_prefix(&format!("{}/", stack.scope().path()))
            .unwrap_or(&path)
            .to_owned(),
        None => path,
    };
    let components: Vec<&str> = below_stack.split('/').collect();
    let id = make_unique_id(&components).unwrap_or_else(|| name.to_owned());
    id[id.len().saturating_sub(128)..].to_owned()
}

/// A role that exists outside the app, imported by ARN with
/// [`Role::from_arn`]. Grants to it go into an `AWS::IAM::Policy` of the
/// app attached to the role by name (`<id>/Policy/Resource`), unless it was
/// imported with [`Role::from_arn_immutable`].
#[derive(Clone, Debug)]
pub struct ImportedRole {
    scope: Scope,
    arn: Expr<String>,
    name: Expr<String>,
    policy: Option<LazyPolicy>,
}

impl Construct for ImportedRole {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IPrincipal for ImportedRole {
    fn policy_principal(&self) -> Principal {
        Principal::Aws(self.arn.clone())
    }

    fn add_to_principal_policy(&self, statement: PolicyStatement) -> bool {
        let Some(lazy) = &self.policy else {
            return false;
        };
        let policy = lazy.get_or_create(&self.scope, || vec![self.name.clone()]);
        let mut doc = policy.property("PolicyDocument").unwrap_or_default();
        append_statement(&mut doc, &statement);
        policy.set_policy_document(doc);
        true
    }
}

impl IGrantable for ImportedRole {
    fn grant_principal(&self) -> &dyn IPrincipal {
        self
    }
}

impl IRole for ImportedRole {
    fn role_arn(&self) -> Expr<String> {
        self.arn.clone()
    }

    fn role_name(&self) -> Expr<String> {
        self.name.clone()
    }
}

impl ImportedRole {
    /// Adds a statement to the policy the app attaches to the role (made on
    /// the first statement; identical statements are added once). On a role
    /// imported immutable, or with a statement naming a principal, this is a
    /// synth error.
    #[track_caller]
    pub fn add_to_policy(&self, statement: PolicyStatement) {
        if statement.principal.is_some() {
            self.scope.add_error(
                "a role's policy cannot name a principal; add the statement without with_principal, or put it in the resource's policy",
            );
        } else if !self.add_to_principal_policy(statement) {
            self.scope.add_error(
                "this role was imported with Role::from_arn_immutable, so the app may not attach policies to it; import it with Role::from_arn, or grant through the resource's policy",
            );
        }
    }

    /// The policy the app attached to the role, once a grant made it.
    pub fn policy(&self) -> Option<CfnPolicy> {
        self.policy.as_ref().and_then(LazyPolicy::get)
    }
}

/// The name in a literal role ARN (`arn:aws:iam::111111111111:role/path/name`),
/// or why the ARN is not one.
fn role_name_of(arn: &str) -> Result<&str, String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let fix = "use arn:<partition>:iam::<12-digit account>:role/<optional path/><name>";
    match parts.as_slice() {
        ["arn", partition, "iam", "", account, resource]
            if !partition.is_empty() && account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) =>
        {
            let name = resource
                .strip_prefix("role/")
                .and_then(|r| r.rsplit('/').next())
                .filter(|n| !n.is_empty());
            name.ok_or_else(|| format!("{arn:?} is not a role ARN; {fix}"))
        }
        _ => Err(format!("{arn:?} is not an IAM role ARN; {fix}")),
    }
}

impl Role {
    /// Imports an existing role by ARN. Grants to it add an `AWS::IAM::Policy`
    /// (at `<id>/Policy/Resource`, as the AWS CDK does) attached to the role
    /// by name; a role of another account than the stack's (when both are
    /// known) is imported immutable, as a policy of this stack cannot attach
    /// to it. A literal ARN is checked; the name comes from its last path
    /// segment, or from `Fn::Split` when the ARN is a reference (roles with a
    /// path need a literal ARN then).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{IRole, PolicyStatement, Role};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let role = Role::from_arn(&stack, "Deployer", "arn:aws:iam::111111111111:role/ci/deployer");
    /// assert_eq!(role.role_name().value().as_str(), Some("deployer"));
    /// role.add_to_policy(PolicyStatement::allow(["sns:Publish"], ["arn:aws:sns:eu-west-1:111111111111:a"]));
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("- deployer"));
    /// ```
    #[track_caller]
    pub fn from_arn(scope: &Scope, id: &str, arn: impl Into<Expr<String>>) -> ImportedRole {
        Role::import(scope, id, arn.into(), true)
    }

    /// Imports an existing role whose policies the app must not change:
    /// grants to it fail synth (or go to the resource's policy, where it has
    /// one), instead of attaching a policy.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Grant, Role};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let role = Role::from_arn_immutable(&stack, "Admin", "arn:aws:iam::111111111111:role/admin");
    /// let grant = Grant::add_to_principal(&role, ["sns:Publish"], ["arn:aws:sns:eu-west-1:111111111111:a"], &stack);
    /// assert!(!grant.success());
    /// ```
    #[track_caller]
    pub fn from_arn_immutable(scope: &Scope, id: &str, arn: impl Into<Expr<String>>) -> ImportedRole {
        Role::import(scope, id, arn.into(), false)
    }

    fn import(scope: &Scope, id: &str, arn: Expr<String>, mutable: bool) -> ImportedRole {
        let node = scope.child(id);
        // A policy attaches to a role by name in the deploying account: for a
        // role of another account it would reach a namesake, or nothing.
        let stack_account = node.stack().and_then(|s| s.environment().account);
        let other_account = arn
            .value()
            .as_str()
            .and_then(|a| a.split(':').nth(4))
            .zip(stack_account.as_deref())
            .is_some_and(|(role, stack)| role != stack);
        let mutable = mutable && !other_account;
        let name = match arn.value().as_str() {
            Some(literal) => match role_name_of(literal) {
                Ok(name) => Expr::from(name),
                Err(e) => {
                    node.add_error(format!("Role::from_arn: {e}"));
                    Expr::from("invalid")
                }
            },
            None => arn.split("/").select(1),
        };
        ImportedRole {
            scope: node,
            arn,
            name,
            policy: mutable.then(|| LazyPolicy::new("Policy")),
        }
    }
}
