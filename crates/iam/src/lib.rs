//! IAM for rcdk: roles, policy statements and grants.
//!
//! Constructs grant each other permissions (`topic.grant_publish(&role)`);
//! each grant adds a least-privilege statement, scoped to the resource's
//! ARN, to the role's policy. Nothing here writes a wildcard resource unless
//! a caller asks for one.
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

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::iam::{CfnPolicy, CfnPolicyProps, CfnRole, CfnRoleProps};
use rcdk_core::{Construct, Expr, Scope, Value};

/// One statement of an IAM policy.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyStatement {
    /// `Allow` (true) or `Deny`.
    pub allow: bool,
    /// The actions, for example `sns:Publish`.
    pub actions: Vec<String>,
    /// The resource ARNs.
    pub resources: Vec<Expr<String>>,
}

impl PolicyStatement {
    /// An `Allow` statement.
    pub fn allow<A: Into<String>, R: Into<Expr<String>>>(
        actions: impl IntoIterator<Item = A>,
        resources: impl IntoIterator<Item = R>,
    ) -> PolicyStatement {
        PolicyStatement {
            allow: true,
            actions: actions.into_iter().map(Into::into).collect(),
            resources: resources.into_iter().map(Into::into).collect(),
        }
    }

    /// The statement as policy JSON.
    pub fn to_value(&self) -> Value {
        let one_or_many = |mut v: Vec<Value>| if v.len() == 1 { v.remove(0) } else { Value::List(v) };
        Value::object([
            ("Effect", Value::from(if self.allow { "Allow" } else { "Deny" })),
            (
                "Action",
                one_or_many(self.actions.iter().map(|a| Value::from(a.as_str())).collect()),
            ),
            (
                "Resource",
                one_or_many(self.resources.iter().map(|r| r.value().clone()).collect()),
            ),
        ])
    }
}

/// Something that can be granted permissions: a role, or a construct that owns one.
pub trait Grantable {
    /// The role that receives the grant.
    fn grant_role(&self) -> &Role;
}

/// The options of a [`Role`].
#[derive(Clone, Debug)]
pub struct RoleProps {
    /// The service principal that assumes the role, for example `ecs-tasks.amazonaws.com`.
    pub assumed_by: String,
    /// A description.
    pub description: Option<String>,
    /// ARNs of managed policies to attach.
    pub managed_policy_arns: Vec<Expr<String>>,
}

impl RoleProps {
    /// A role assumed by a service principal.
    pub fn assumed_by(service: &str) -> RoleProps {
        RoleProps {
            assumed_by: service.to_owned(),
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
        let trust = Value::object([
            ("Version", "2012-10-17".into()),
            (
                "Statement",
                Value::list([Value::object([
                    ("Effect", "Allow".into()),
                    (
                        "Principal",
                        Value::object([("Service", props.assumed_by.as_str().into())]),
                    ),
                    ("Action", "sts:AssumeRole".into()),
                ])]),
            ),
        ]);
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

    /// Adds a statement to the role's policy (identical statements are added once).
    pub fn add_to_policy(&self, statement: PolicyStatement) {
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
        policy.set_property("PolicyDocument", doc);
    }

    /// The role's policy resource, once a statement was added (resources that
    /// need the permissions at creation depend on it).
    pub fn policy(&self) -> Option<CfnPolicy> {
        self.policy.borrow().clone()
    }
}
