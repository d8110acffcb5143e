//! Principals, condition blocks and the confused-deputy conditions AWS
//! documents for each service principal.
//!
//! A policy that trusts or admits an AWS service principal
//! (`states.amazonaws.com`, `sns.amazonaws.com`) lets that service act for
//! *any* customer unless a condition names whose resource it acts for: that
//! is the cross-service confused deputy problem (IAM User Guide, "The
//! confused deputy problem"). AWS's fix is the global condition keys
//! `aws:SourceAccount` (the account that owns the resource the service acts
//! for) and `aws:SourceArn` (that resource). A condition on a key that the
//! service does not send denies it, so rcdk adds them only where AWS
//! documents that the service sends them, in [`KNOWN_SERVICES`].

use rcdk_core::{cfn_format, Aws, Expr, Value};

/// The `aws:SourceAccount` global condition key.
pub const SOURCE_ACCOUNT: &str = "aws:SourceAccount";
/// The `aws:SourceArn` global condition key.
pub const SOURCE_ARN: &str = "aws:SourceArn";

/// The `Condition` block of a policy statement: operators (`StringEquals`,
/// `ArnLike`, ...) over condition keys, in the order they were first added.
/// Values given twice for the same operator and key are alternatives (IAM
/// ORs them), written as a list.
///
/// ```
/// use rcdk_core::{Aws, Value};
/// use rcdk_iam::Conditions;
/// let c = Conditions::new()
///     .with("StringEquals", "aws:SourceAccount", Aws::account_id())
///     .with("ArnEquals", "aws:SourceArn", "arn:aws:sns:eu-west-1:111111111111:alerts");
/// assert!(c.contains_key("aws:sourcearn"));
/// assert_eq!(
///     c.to_value().get("ArnEquals").and_then(|v| v.get("aws:SourceArn")),
///     Some(&Value::from("arn:aws:sns:eu-west-1:111111111111:alerts"))
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conditions {
    /// (operator, key, values).
    entries: Vec<(String, String, Vec<Value>)>,
}

impl Conditions {
    /// An empty block.
    ///
    /// ```
    /// assert!(rcdk_iam::Conditions::new().is_empty());
    /// ```
    pub fn new() -> Conditions {
        Conditions::default()
    }

    /// Adds `operator: {key: value}`. A second value for the same operator
    /// and key is an alternative to the first; the same value twice is kept
    /// once.
    ///
    /// ```
    /// use rcdk_iam::Conditions;
    /// let c = Conditions::new()
    ///     .with("StringEquals", "aws:SourceAccount", "111111111111")
    ///     .with("StringEquals", "aws:SourceAccount", "222222222222");
    /// assert!(matches!(
    ///     c.to_value().get("StringEquals").and_then(|v| v.get("aws:SourceAccount")),
    ///     Some(rcdk_core::Value::List(accounts)) if accounts.len() == 2
    /// ));
    /// ```
    pub fn with(mut self, operator: &str, key: &str, value: impl Into<Expr<String>>) -> Conditions {
        let value = value.into().into_value();
        match self
            .entries
            .iter_mut()
            .find(|(o, k, _)| o == operator && k.eq_ignore_ascii_case(key))
        {
            Some((_, _, values)) => {
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            None => self.entries.push((operator.to_owned(), key.to_owned(), vec![value])),
        }
        self
    }

    /// Removes `key` under every operator (condition keys are matched
    /// without regard to case, as IAM does).
    ///
    /// ```
    /// use rcdk_iam::Conditions;
    /// let c = Conditions::new().with("ArnLike", "aws:SourceArn", "arn:*").without_key("aws:sourcearn");
    /// assert!(c.is_empty());
    /// ```
    pub fn without_key(mut self, key: &str) -> Conditions {
        self.entries.retain(|(_, k, _)| !k.eq_ignore_ascii_case(key));
        self
    }

    /// Whether any operator tests `key` (matched without regard to case).
    ///
    /// ```
    /// use rcdk_iam::Conditions;
    /// let c = Conditions::new().with("StringEquals", "aws:SourceAccount", "111111111111");
    /// assert!(c.contains_key("aws:SourceAccount"));
    /// assert!(!c.contains_key("aws:SourceArn"));
    /// ```
    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.iter().any(|(_, k, _)| k.eq_ignore_ascii_case(key))
    }

    /// Whether the block is empty (a statement then has no `Condition`).
    ///
    /// ```
    /// assert!(rcdk_iam::Conditions::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The block as policy JSON: `{operator: {key: value or [values]}}`,
    /// operators and keys in the order first added.
    ///
    /// ```
    /// use rcdk_iam::Conditions;
    /// let v = Conditions::new().with("Bool", "aws:SecureTransport", "true").to_value();
    /// assert!(v.get("Bool").is_some());
    /// ```
    pub fn to_value(&self) -> Value {
        let mut operators: Vec<(&str, Vec<(&str, Value)>)> = Vec::new();
        for (operator, key, values) in &self.entries {
            let value = if values.len() == 1 {
                values[0].clone()
            } else {
                Value::List(values.clone())
            };
            match operators.iter_mut().find(|(o, _)| o == operator) {
                Some((_, keys)) => keys.push((key, value)),
                None => operators.push((operator, vec![(key, value)])),
            }
        }
        Value::object(operators.into_iter().map(|(o, keys)| (o, Value::object(keys))))
    }

    /// `self` followed by the entries of `other`.
    pub(crate) fn merged(&self, other: &Conditions) -> Conditions {
        let mut out = self.clone();
        for (operator, key, values) in &other.entries {
            for v in values {
                out = out.with(operator, key, Expr::from_value(v.clone()));
            }
        }
        out
    }
}

/// What AWS documents about one service principal and the confused-deputy
/// condition keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct KnownService {
    /// The service principal, for example `states.amazonaws.com`.
    pub service: &'static str,
    /// The service namespace in the ARNs of the resources it acts for (`states`, `ec2`).
    pub arn_service: &'static str,
    /// The start of the resource part of those ARNs (`stateMachine:`,
    /// `vpc-flow-log/`); empty for any resource of the service.
    pub resource_prefix: &'static str,
    /// Whether the service sends `aws:SourceAccount` and `aws:SourceArn`
    /// when it assumes a role (`sts:AssumeRole`), so a trust policy can test them.
    pub on_assume_role: bool,
    /// Whether it sends them when it calls another service's resource (a
    /// queue, a key) as its service principal, so a resource policy can test them.
    pub on_resource_access: bool,
    /// Whether AWS documents `aws:SourceAccount` for this service (some
    /// document only `aws:SourceArn`, whose ARN names the account anyway; a
    /// condition on a key the service does not send would lock it out).
    pub sends_source_account: bool,
    /// The AWS documentation page this entry is based on.
    pub source: &'static str,
}

/// The service principals whose confused-deputy condition keys rcdk knows,
/// with the AWS page each entry is based on. A service not listed gets no
/// condition by default: add one with [`ServicePrincipal::with_source_arn`]
/// or [`ServicePrincipal::with_source_account`] once you know the service
/// sends it.
pub const KNOWN_SERVICES: &[KnownService] = &[
    // Step Functions assumes a state machine's role with the state machine
    // as the source; the trust policy AWS shows tests aws:SourceAccount and
    // ArnLike aws:SourceArn "arn:aws:states:<region>:<account>:stateMachine:*".
    // Step Functions calls other services with that role, never as its
    // service principal.
    KnownService {
        service: "states.amazonaws.com",
        arn_service: "states",
        resource_prefix: "stateMachine:",
        on_assume_role: true,
        on_resource_access: false,
        sends_source_account: true,
        source: "https://docs.aws.amazon.com/step-functions/latest/dg/cross-service-confused-deputy-prevention.html",
    },
    // ECS assumes a task's roles with the task as the source; the task role
    // trust policy AWS shows tests aws:SourceAccount and ArnLike
    // aws:SourceArn "arn:aws:ecs:<region>:<account>:*". The execution role is
    // assumed through the same principal for the same task.
    KnownService {
        service: "ecs-tasks.amazonaws.com",
        arn_service: "ecs",
        resource_prefix: "",
        on_assume_role: true,
        on_resource_access: false,
        sends_source_account: true,
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
    },
    // VPC Flow Logs assumes the delivery role with the flow log as the
    // source: aws:SourceAccount and ArnLike aws:SourceArn
    // "arn:aws:ec2:<region>:<account>:vpc-flow-log/<id>" (a wildcard for the
    // id when the flow log does not exist yet).
    KnownService {
        service: "vpc-flow-logs.amazonaws.com",
        arn_service: "ec2",
        resource_prefix: "vpc-flow-log/",
        on_assume_role: true,
        on_resource_access: false,
        sends_source_account: true,
        source: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html",
    },
    // SNS delivers to a queue (and uses the queue's key) with the topic as
    // aws:SourceArn: the queue policy AWS shows tests ArnEquals aws:SourceArn
    // on the topic (and no aws:SourceAccount, which AWS does not document
    // for SNS deliveries; the topic ARN names the account), and the AWS CDK's restrictSqsDescryption flag tests the
    // same key in the key policy. AWS documents no condition key for the
    // roles SNS itself assumes (Firehose subscriptions, delivery status
    // logging), so trust policies get none.
    KnownService {
        service: "sns.amazonaws.com",
        arn_service: "sns",
        resource_prefix: "",
        on_assume_role: false,
        on_resource_access: true,
        sends_source_account: false,
        source: "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
    },
    // Lambda: the execution role pages show a trust policy without
    // conditions and document no confused-deputy key for it, so none is
    // added (a condition on a key Lambda does not send would lock it out).
    KnownService {
        service: "lambda.amazonaws.com",
        arn_service: "lambda",
        resource_prefix: "function:",
        on_assume_role: false,
        on_resource_access: false,
        sends_source_account: true,
        source: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
    },
];

/// An AWS service principal (`states.amazonaws.com`) with the conditions a
/// statement that trusts or admits it carries against the confused deputy
/// problem.
///
/// [`for_trust_policy`](Self::for_trust_policy) and
/// [`for_resource_policy`](Self::for_resource_policy) start from what AWS
/// documents for the service ([`KNOWN_SERVICES`]): `aws:SourceAccount` is
/// the stack's account, and `aws:SourceArn` is any resource of the service's
/// source type in the stack's account and region (the exact ARN is seldom
/// known without a circular reference: a role cannot name the state machine
/// that uses it). When the source is known, name it with
/// [`with_source_arn`](Self::with_source_arn).
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_iam::{Role, RoleProps, ServicePrincipal};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Role::new(&stack, "Role", RoleProps::assumed_by("states.amazonaws.com"));
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("aws:SourceAccount"));
/// assert!(yaml.contains(":stateMachine:*"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ServicePrincipal {
    service: String,
    conditions: Conditions,
}

impl ServicePrincipal {
    /// The service principal with no condition: the building block. Prefer
    /// [`for_trust_policy`](Self::for_trust_policy) or
    /// [`for_resource_policy`](Self::for_resource_policy), or add the
    /// conditions yourself.
    ///
    /// ```
    /// use rcdk_iam::ServicePrincipal;
    /// let p = ServicePrincipal::new("events.amazonaws.com")
    ///     .with_source_account(rcdk_core::Aws::account_id());
    /// assert!(p.conditions().contains_key("aws:SourceAccount"));
    /// ```
    pub fn new(service: &str) -> ServicePrincipal {
        ServicePrincipal {
            service: service.to_owned(),
            conditions: Conditions::new(),
        }
    }

    /// The service as it assumes a role of this stack's account: with
    /// `aws:SourceAccount` and `ArnLike aws:SourceArn` when AWS documents
    /// that the service sends them on `sts:AssumeRole`
    /// ([`KnownService::on_assume_role`]); with no condition otherwise.
    ///
    /// ```
    /// use rcdk_iam::ServicePrincipal;
    /// let flow_logs = ServicePrincipal::for_trust_policy("vpc-flow-logs.amazonaws.com");
    /// assert!(flow_logs.conditions().contains_key("aws:SourceArn"));
    /// let lambda = ServicePrincipal::for_trust_policy("lambda.amazonaws.com");
    /// assert!(lambda.conditions().is_empty());
    /// ```
    pub fn for_trust_policy(service: &str) -> ServicePrincipal {
        match known(service) {
            Some(k) if k.on_assume_role => ServicePrincipal::new(service).with_account_defaults(k),
            _ => ServicePrincipal::new(service),
        }
    }

    /// The service as it calls a resource (a queue, a key, a topic) for one
    /// of its own resources in this stack's account: with
    /// `aws:SourceAccount` and `ArnLike aws:SourceArn` when AWS documents
    /// that the service sends them there
    /// ([`KnownService::on_resource_access`]); with no condition otherwise.
    ///
    /// ```
    /// use rcdk_iam::ServicePrincipal;
    /// let sns = ServicePrincipal::for_resource_policy("sns.amazonaws.com");
    /// assert!(!sns.conditions().contains_key("aws:SourceAccount"));
    /// assert!(sns.conditions().contains_key("aws:SourceArn"));
    /// ```
    pub fn for_resource_policy(service: &str) -> ServicePrincipal {
        match known(service) {
            Some(k) if k.on_resource_access => ServicePrincipal::new(service).with_account_defaults(k),
            _ => ServicePrincipal::new(service),
        }
    }

    fn with_account_defaults(self, k: &KnownService) -> ServicePrincipal {
        let pattern = cfn_format!(
            "arn:{}:{}:{}:{}:{}*",
            Aws::partition(),
            k.arn_service,
            Aws::region(),
            Aws::account_id(),
            k.resource_prefix
        );
        let principal = self.with_source_arn_like(pattern);
        if k.sends_source_account {
            principal.with_source_account(Aws::account_id())
        } else {
            principal
        }
    }

    /// Only requests on behalf of resources owned by `account`
    /// (`StringEquals aws:SourceAccount`), replacing any other account.
    ///
    /// ```
    /// use rcdk_iam::ServicePrincipal;
    /// let p = ServicePrincipal::new("s3.amazonaws.com").with_source_account("111111111111");
    /// assert!(p.conditions().contains_key("aws:SourceAccount"));
    /// ```
    pub fn with_source_account(mut self, account: impl Into<Expr<String>>) -> ServicePrincipal {
        self.conditions = self
            .conditions
            .without_key(SOURCE_ACCOUNT)
            .with("StringEquals", SOURCE_ACCOUNT, account);
        self
    }

    /// Only requests on behalf of the resource `arn` (`ArnEquals
    /// aws:SourceArn`), replacing any pattern: the strongest protection, for
    /// when the source is known without a circular reference.
    ///
    /// ```
    /// use rcdk_iam::ServicePrincipal;
    /// let p = ServicePrincipal::for_resource_policy("sns.amazonaws.com")
    ///     .with_source_arn("arn:aws:sns:eu-west-1:111111111111:alerts");
    /// let v = p.conditions().to_value();
    /// assert!(v.get("ArnEquals").is_some() && v.get("ArnLike").is_none());
    /// ```
    pub fn with_source_arn(mut self, arn: impl Into<Expr<String>>) -> ServicePrincipal {
        self.conditions = self
            .conditions
            .without_key(SOURCE_ARN)
            .with("ArnEquals", SOURCE_ARN, arn);
        self
    }

    /// Only requests on behalf of resources whose ARN matches `pattern`
    /// (`ArnLike aws:SourceArn`, `*` and `?` as wildcards), replacing any
    /// other source ARN condition.
    ///
    /// ```
    /// use rcdk_core::{cfn_format, Aws};
    /// use rcdk_iam::ServicePrincipal;
    /// let p = ServicePrincipal::new("cloudwatch.amazonaws.com").with_source_arn_like(cfn_format!(
    ///     "arn:{}:cloudwatch:{}:{}:alarm:*",
    ///     Aws::partition(),
    ///     Aws::region(),
    ///     Aws::account_id()
    /// ));
    /// assert!(p.conditions().to_value().get("ArnLike").is_some());
    /// ```
    pub fn with_source_arn_like(mut self, pattern: impl Into<Expr<String>>) -> ServicePrincipal {
        self.conditions = self
            .conditions
            .without_key(SOURCE_ARN)
            .with("ArnLike", SOURCE_ARN, pattern);
        self
    }

    /// Adds any other condition (`aws:SourceOrgID`, a service's own key).
    ///
    /// ```
    /// use rcdk_iam::ServicePrincipal;
    /// let p = ServicePrincipal::new("sms-voice.amazonaws.com")
    ///     .with_condition("StringEquals", "aws:SourceOrgID", "o-exampleorgid");
    /// assert!(p.conditions().contains_key("aws:SourceOrgID"));
    /// ```
    pub fn with_condition(mut self, operator: &str, key: &str, value: impl Into<Expr<String>>) -> ServicePrincipal {
        self.conditions = self.conditions.with(operator, key, value);
        self
    }

    /// Drops every condition: for a service that, unlike what
    /// [`KNOWN_SERVICES`] records, does not send the keys in your use.
    ///
    /// ```
    /// use rcdk_iam::ServicePrincipal;
    /// let p = ServicePrincipal::for_trust_policy("states.amazonaws.com").without_conditions();
    /// assert!(p.conditions().is_empty());
    /// ```
    pub fn without_conditions(mut self) -> ServicePrincipal {
        self.conditions = Conditions::new();
        self
    }

    /// The service principal name.
    ///
    /// ```
    /// let p = rcdk_iam::ServicePrincipal::new("states.amazonaws.com");
    /// assert_eq!(p.service(), "states.amazonaws.com");
    /// ```
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The conditions a statement that names this principal carries.
    ///
    /// ```
    /// let p = rcdk_iam::ServicePrincipal::new("states.amazonaws.com");
    /// assert!(p.conditions().is_empty());
    /// ```
    pub fn conditions(&self) -> &Conditions {
        &self.conditions
    }

    /// Whether a statement naming this principal is protected against the
    /// confused deputy: it tests `aws:SourceAccount` or `aws:SourceArn`.
    ///
    /// ```
    /// use rcdk_iam::ServicePrincipal;
    /// assert!(ServicePrincipal::for_resource_policy("sns.amazonaws.com").names_its_source());
    /// assert!(!ServicePrincipal::new("sns.amazonaws.com").names_its_source());
    /// ```
    pub fn names_its_source(&self) -> bool {
        self.conditions.contains_key(SOURCE_ACCOUNT) || self.conditions.contains_key(SOURCE_ARN)
    }
}

/// What [`KNOWN_SERVICES`] records for `service`, if anything.
///
/// ```
/// let k = rcdk_iam::known_service("ecs-tasks.amazonaws.com").unwrap();
/// assert!(k.on_assume_role);
/// assert!(rcdk_iam::known_service("example.amazonaws.com").is_none());
/// ```
pub fn known_service(service: &str) -> Option<&'static KnownService> {
    known(service)
}

fn known(service: &str) -> Option<&'static KnownService> {
    KNOWN_SERVICES.iter().find(|k| k.service == service)
}

/// Who a resource policy statement admits.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Principal {
    /// An AWS service, with its confused-deputy conditions.
    Service(ServicePrincipal),
    /// An account, role or user, by ARN (`{"AWS": arn}`).
    Aws(Expr<String>),
}

impl Principal {
    /// The stack's account (`arn:${AWS::Partition}:iam::${AWS::AccountId}:root`):
    /// IAM policies of the account decide.
    ///
    /// ```
    /// let root = rcdk_iam::Principal::account_root();
    /// assert!(matches!(root, rcdk_iam::Principal::Aws(_)));
    /// ```
    pub fn account_root() -> Principal {
        Principal::account(Aws::account_id())
    }

    /// An account (`arn:${AWS::Partition}:iam::<account>:root`): the
    /// account's own IAM policies decide who in it may act. Grants to an
    /// account go into the resource's policy.
    ///
    /// ```
    /// use rcdk_iam::Principal;
    /// let p = Principal::account("222222222222").to_value();
    /// assert!(p.get("AWS").is_some());
    /// ```
    pub fn account(account_id: impl Into<Expr<String>>) -> Principal {
        Principal::Aws(cfn_format!("arn:{}:iam::{}:root", Aws::partition(), account_id.into()))
    }

    /// The `Principal` element.
    ///
    /// ```
    /// use rcdk_iam::{Principal, ServicePrincipal};
    /// let v = Principal::from(ServicePrincipal::new("sns.amazonaws.com")).to_value();
    /// assert_eq!(v.get("Service"), Some(&rcdk_core::Value::from("sns.amazonaws.com")));
    /// ```
    pub fn to_value(&self) -> Value {
        match self {
            Principal::Service(s) => Value::object([("Service", Value::from(s.service()))]),
            Principal::Aws(arn) => Value::object([("AWS", arn.value().clone())]),
        }
    }

    /// The conditions the principal brings to its statement.
    pub(crate) fn conditions(&self) -> Option<&Conditions> {
        match self {
            Principal::Service(s) => Some(s.conditions()),
            Principal::Aws(_) => None,
        }
    }
}

impl From<ServicePrincipal> for Principal {
    fn from(s: ServicePrincipal) -> Principal {
        Principal::Service(s)
    }
}
