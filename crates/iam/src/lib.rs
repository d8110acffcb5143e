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

mod grant;
mod principal;
mod role;

use rcdk_core::{Expr, Value};

pub use grant::{append_statement, Grant, IGrantable, IPrincipal, IResourceWithPolicy, PolicyOf};
pub use role::{IRole, ImportedRole, Role, RoleProps};

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

    /// A `Deny` statement: it wins over every `Allow`, so guardrails (TLS
    /// only, no public access) hold whatever else a policy grants.
    ///
    /// ```
    /// use rcdk_iam::{PolicyStatement, Principal};
    /// let s = PolicyStatement::deny(["sqs:*"], ["arn:aws:sqs:eu-west-1:111111111111:q"])
    ///     .with_principal(Principal::Aws("*".into()))
    ///     .with_condition("Bool", "aws:SecureTransport", "false");
    /// assert_eq!(s.to_value().get("Effect"), Some(&rcdk_core::Value::from("Deny")));
    /// ```
    pub fn deny<A: Into<String>, R: Into<Expr<String>>>(
        actions: impl IntoIterator<Item = A>,
        resources: impl IntoIterator<Item = R>,
    ) -> PolicyStatement {
        PolicyStatement {
            allow: false,
            ..PolicyStatement::allow(actions, resources)
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
