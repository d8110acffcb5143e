//! IAM for rcdk: roles, policy statements and grants.
//!
//! Constructs grant each other permissions (`topic.grant_publish(&role)`);
//! each grant adds a least-privilege statement, scoped to the resource's
//! ARN, to the role's policy. Nothing here writes a wildcard resource unless
//! a caller asks for one.
//!
//! Statements that trust or admit an AWS service carry the confused-deputy
//! conditions AWS documents for it (`aws:SourceAccount`, `aws:SourceArn`):
//! a role's trust policy through [`RoleProps::assumed_by`], a key, queue or
//! topic policy through [`ServicePrincipal::for_resource_policy`]. Services
//! AWS documents no such key for get none: a condition on a key the service
//! does not send would lock it out. [`KNOWN_SERVICES`] lists what rcdk knows,
//! with the AWS page for each.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_iam::{Role, RoleProps, PolicyStatement};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let role = Role::new(&stack, "Role", RoleProps::assumed_by("states.amazonaws.com"));
//! role.add_to_policy(PolicyStatement::allow(["sns:Publish"], ["arn:aws:sns:eu-west-1:111111111111:alerts"]));
//! let t = app.synth().unwrap();
//! assert!(t.stack("S").unwrap().to_yaml().contains("sns:Publish"));
//! ```

#![warn(missing_docs)]

mod principal;

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::iam::{CfnPolicy, CfnPolicyProps, CfnRole, CfnRoleProps};
use rcdk_core::{Construct, Expr, Scope, Value};

pub use principal::{
    known_service, Conditions, KnownService, Principal, ServicePrincipal, KNOWN_SERVICES, SOURCE_ACCOUNT, SOURCE_ARN,
};

/// One statement of an IAM policy: of a role's policy (no principal), or of
/// a resource policy such as a key, queue or topic policy (with the
/// [`Principal`] it admits).
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyStatement {
    /// A statement id (`Sid`), unique within its policy.
    pub sid: Option<String>,
    /// `Allow` (true) or `Deny`.
    pub allow: bool,
    /// Who a resource policy statement admits; `None` in a role's policy.
    pub principal: Option<Principal>,
    /// The actions, for example `sns:Publish`.
    pub actions: Vec<String>,
    /// The resource ARNs; empty in a trust policy.
    pub resources: Vec<Expr<String>>,
    /// Conditions besides those the principal brings.
    pub conditions: Conditions,
}

impl PolicyStatement {
    /// An `Allow` statement.
    ///
    /// ```
    /// use rcdk_iam::PolicyStatement;
    /// let s = PolicyStatement::allow(["sns:Publish"], ["arn:aws:sns:eu-west-1:111111111111:alerts"]);
    /// assert!(s.allow && s.principal.is_none());
    /// ```
    pub fn allow<A: Into<String>, R: Into<Expr<String>>>(
        actions: impl IntoIterator<Item = A>,
        resources: impl IntoIterator<Item = R>,
    ) -> PolicyStatement {
        PolicyStatement {
            sid: None,
            allow: true,
            principal: None,
            actions: actions.into_iter().map(Into::into).collect(),
            resources: resources.into_iter().map(Into::into).collect(),
            conditions: Conditions::new(),
        }
    }

    /// The statement with a `Sid`.
    ///
    /// ```
    /// use rcdk_iam::PolicyStatement;
    /// let s = PolicyStatement::allow(["kms:*"], ["*"]).with_sid("AccountAdministers");
    /// assert_eq!(s.to_value().get("Sid"), Some(&rcdk_core::Value::from("AccountAdministers")));
    /// ```
    pub fn with_sid(mut self, sid: &str) -> PolicyStatement {
        self.sid = Some(sid.to_owned());
        self
    }

    /// The statement admitting `principal`, for a resource policy. A
    /// [`ServicePrincipal`] brings its confused-deputy conditions.
    ///
    /// ```
    /// use rcdk_iam::{PolicyStatement, ServicePrincipal};
    /// let s = PolicyStatement::allow(["sqs:SendMessage"], ["arn:aws:sqs:eu-west-1:111111111111:jobs"])
    ///     .with_principal(ServicePrincipal::for_resource_policy("sns.amazonaws.com"));
    /// let v = s.to_value();
    /// assert!(v.get("Principal").is_some());
    /// assert!(v.get("Condition").and_then(|c| c.get("ArnLike")).is_some());
    /// ```
    pub fn with_principal(mut self, principal: impl Into<Principal>) -> PolicyStatement {
        self.principal = Some(principal.into());
        self
    }

    /// The statement with one more condition.
    ///
    /// ```
    /// use rcdk_iam::PolicyStatement;
    /// let s = PolicyStatement::allow(["s3:GetObject"], ["arn:aws:s3:::b/*"])
    ///     .with_condition("Bool", "aws:SecureTransport", "true");
    /// assert!(s.conditions.contains_key("aws:SecureTransport"));
    /// ```
    pub fn with_condition(mut self, operator: &str, key: &str, value: impl Into<Expr<String>>) -> PolicyStatement {
        self.conditions = self.conditions.with(operator, key, value);
        self
    }

    /// Every condition of the statement: the principal's, then its own.
    ///
    /// ```
    /// use rcdk_iam::{PolicyStatement, ServicePrincipal};
    /// let s = PolicyStatement::allow(["sts:AssumeRole"], Vec::<String>::new())
    ///     .with_principal(ServicePrincipal::for_trust_policy("states.amazonaws.com"));
    /// assert!(s.all_conditions().contains_key("aws:SourceArn"));
    /// ```
    pub fn all_conditions(&self) -> Conditions {
        match self.principal.as_ref().and_then(Principal::conditions) {
            Some(c) => c.merged(&self.conditions),
            None => self.conditions.clone(),
        }
    }

    /// The statement as policy JSON: `Sid`, `Effect`, `Principal`, `Action`,
    /// `Resource` (left out when empty, as in a trust policy), `Condition`.
    ///
    /// ```
    /// use rcdk_iam::PolicyStatement;
    /// let v = PolicyStatement::allow(["sns:Publish"], ["arn:aws:sns:eu-west-1:111111111111:a"]).to_value();
    /// assert_eq!(v.get("Action"), Some(&rcdk_core::Value::from("sns:Publish")));
    /// assert!(v.get("Condition").is_none());
    /// ```
    pub fn to_value(&self) -> Value {
        let one_or_many = |mut v: Vec<Value>| if v.len() == 1 { v.remove(0) } else { Value::List(v) };
        let mut fields: Vec<(&str, Value)> = Vec::new();
        if let Some(sid) = &self.sid {
            fields.push(("Sid", Value::from(sid.as_str())));
        }
        fields.push(("Effect", Value::from(if self.allow { "Allow" } else { "Deny" })));
        if let Some(p) = &self.principal {
            fields.push(("Principal", p.to_value()));
        }
        fields.push((
            "Action",
            one_or_many(self.actions.iter().map(|a| Value::from(a.as_str())).collect()),
        ));
        if !self.resources.is_empty() {
            fields.push((
                "Resource",
                one_or_many(self.resources.iter().map(|r| r.value().clone()).collect()),
            ));
        }
        let conditions = self.all_conditions();
        if !conditions.is_empty() {
            fields.push(("Condition", conditions.to_value()));
        }
        Value::object(fields)
    }
}

/// A policy document (`Version` 2012-10-17) of `statements`: a key, queue
/// or topic policy, or a trust policy.
///
/// ```
/// use rcdk_iam::{policy_document, PolicyStatement, Principal};
/// let doc = policy_document([PolicyStatement::allow(["kms:*"], ["*"]).with_principal(Principal::account_root())]);
/// assert_eq!(doc.get("Version"), Some(&rcdk_core::Value::from("2012-10-17")));
/// ```
pub fn policy_document(statements: impl IntoIterator<Item = PolicyStatement>) -> Value {
    Value::object([
        ("Version", Value::from("2012-10-17")),
        ("Statement", Value::list(statements.into_iter().map(|s| s.to_value()))),
    ])
}

/// Something that can be granted permissions: a role, or a construct that owns one.
pub trait Grantable {
    /// The role that receives the grant.
    fn grant_role(&self) -> &Role;
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
    policy: Rc<RefCell<Option<CfnPolicy>>>,
}

impl Construct for Role {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Grantable for Role {
    fn grant_role(&self) -> &Role {
        self
    }
}

impl Role {
    /// Adds a role.
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
            policy: Rc::new(RefCell::new(None)),
        }
    }

    /// The role's ARN.
    pub fn role_arn(&self) -> Expr<String> {
        self.role.attr_arn()
    }

    /// The role's name.
    pub fn role_name(&self) -> Expr<String> {
        self.role.reference()
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
    pub fn add_to_policy(&self, statement: PolicyStatement) {
        if statement.principal.is_some() {
            self.scope.add_error(
                "a role's policy cannot name a principal; add the statement without with_principal, or put it in the resource's policy",
            );
            return;
        }
        let mut slot = self.policy.borrow_mut();
        let policy = slot.get_or_insert_with(|| {
            let doc = Value::object([("Version", "2012-10-17".into()), ("Statement", Value::List(Vec::new()))]);
            // The CDK's `Policy` construct: `DefaultPolicy/Resource`.
            CfnPolicy::new(
                &self.scope.child("DefaultPolicy"),
                "Resource",
                CfnPolicyProps {
                    roles: Some(vec![self.role.reference()].into()),
                    ..CfnPolicyProps::new(doc, Expr::from(format!("{}DefaultPolicy", self.scope.id())))
                },
            )
        });
        let mut doc = policy.property("PolicyDocument").unwrap_or_default();
        if let Value::Object(m) = &mut doc {
            if let Some(Value::List(statements)) = m.get_mut("Statement") {
                let v = statement.to_value();
                if !statements.contains(&v) {
                    statements.push(v);
                }
            }
        }
        policy.set_policy_document(doc);
    }

    /// The role's policy resource, once a statement was added (resources that
    /// need the permissions at creation depend on it).
    pub fn policy(&self) -> Option<CfnPolicy> {
        self.policy.borrow().clone()
    }
}
