//! Application load balancers, their listeners (defined in the app or
//! imported, both [`IApplicationListener`]s), target groups (both
//! [`ITargetGroup`]s) and routing rules.

use std::cell::{OnceCell, RefCell};
use std::fmt::Debug;
use std::rc::Rc;

use rcdk_cfn::elastic_load_balancing_v2::*;
use rcdk_core::{Construct, Duration, Expr, Scope};
use rcdk_network::{ISecurityGroup, IVpc, Peer, Port, SecurityGroup, SecurityGroupProps, SubnetType};

/// The TLS policy of HTTPS listeners: TLS 1.3 and 1.2 only, the policy the
/// AWS console gives new listeners (ELB's API default still admits TLS 1.0).
pub const DEFAULT_SSL_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/// The options of an [`ApplicationLoadBalancer`].
#[derive(Clone, Debug)]
pub struct ApplicationLoadBalancerProps<'a> {
    /// The VPC, defined in the app or imported.
    pub vpc: &'a dyn IVpc,
    /// Reachable from the internet. Default false: internal, in private subnets.
    pub internet_facing: bool,
    /// A security group to use instead of the load balancer's own. Default
    /// none: the load balancer gets a group (`SecurityGroup`) closed until
    /// listeners and connections open it.
    pub security_group: Option<&'a dyn ISecurityGroup>,
}

impl<'a> ApplicationLoadBalancerProps<'a> {
    /// An internal load balancer in `vpc`'s private subnets, with its own group.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::ApplicationLoadBalancerProps;
    /// let app = App::new();
    /// let vpc = Vpc::new(&app.stack("S", StackProps::default()), "Vpc", VpcProps::default());
    /// assert!(!ApplicationLoadBalancerProps::new(&vpc).internet_facing);
    /// ```
    pub fn new(vpc: &'a dyn IVpc) -> Self {
        ApplicationLoadBalancerProps {
            vpc,
            internet_facing: false,
            security_group: None,
        }
    }
}

/// An application load balancer with its own security group, which admits
/// only what listeners and connections open.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{Vpc, VpcProps};
/// use rcdk_compute::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
/// let listener = lb.add_http_listener("Http", 80, 8080, "/health");
/// assert_eq!(listener.port(), 80);
/// app.synth().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct ApplicationLoadBalancer {
    scope: Scope,
    lb: CfnLoadBalancer,
    security_group: Rc<dyn ISecurityGroup>,
    own_security_group: Option<SecurityGroup>,
    vpc: Rc<dyn IVpc>,
}

impl Construct for ApplicationLoadBalancer {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ApplicationLoadBalancer {
    /// Adds a load balancer: internet-facing ones in the public subnets,
    /// internal ones in the private (or, without NAT, isolated) subnets.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps { internet_facing: true, ..ApplicationLoadBalancerProps::new(&vpc) });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("internet-facing"));
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: ApplicationLoadBalancerProps) -> ApplicationLoadBalancer {
        let node = scope.child(id);
        let (security_group, own_security_group): (Rc<dyn ISecurityGroup>, _) = match props.security_group {
            Some(given) => (given.share_security_group(), None),
            None => {
                let own = SecurityGroup::new(
                    &node,
                    "SecurityGroup",
                    SecurityGroupProps::new(props.vpc, &format!("{} load balancer", node.path())),
                );
                (Rc::new(own.clone()), Some(own))
            }
        };
        let subnets = if props.internet_facing {
            props.vpc.select_subnets(SubnetType::Public, &node)
        } else {
            let private = props.vpc.private_subnet_ids();
            if private.is_empty() {
                props.vpc.select_subnets(SubnetType::Isolated, &node)
            } else {
                private
            }
        };
        let lb = CfnLoadBalancer::new(
            &node,
            "Resource",
            CfnLoadBalancerProps {
                scheme: Some(
                    if props.internet_facing {
                        load_balancer::Scheme::InternetFacing
                    } else {
                        load_balancer::Scheme::Internal
                    }
                    .into(),
                ),
                r#type: Some(load_balancer::Type::Application.into()),
                subnets: Some(subnets.into()),
                security_groups: Some(vec![security_group.security_group_id()].into()),
                ..Default::default()
            },
        );
        lb.set_load_balancer_attributes(vec![load_balancer::LoadBalancerAttribute {
            key: Some("routing.http.drop_invalid_header_fields.enabled".into()),
            value: Some("true".into()),
        }]);
        ApplicationLoadBalancer {
            scope: node,
            lb,
            security_group,
            own_security_group,
            vpc: props.vpc.share_vpc(),
        }
    }

    /// The load balancer's security group: its own, or the one props gave.
    pub fn security_group(&self) -> &dyn ISecurityGroup {
        self.security_group.as_ref()
    }

    /// The security group the load balancer made for itself (`SecurityGroup`),
    /// unless props gave one: adjust it with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// lb.own_security_group().unwrap().cfn().set_group_name("orders-lb");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("GroupName: orders-lb"));
    /// ```
    pub fn own_security_group(&self) -> Option<&SecurityGroup> {
        self.own_security_group.as_ref()
    }

    /// The load balancer ARN.
    pub fn load_balancer_arn(&self) -> Expr<String> {
        self.lb.reference()
    }

    /// The DNS name.
    pub fn dns_name(&self) -> Expr<String> {
        self.lb.attr_dns_name()
    }

    /// The L1 load balancer, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// lb.cfn().set_ip_address_type(rcdk_cfn::elastic_load_balancing_v2::load_balancer::IpAddressType::Dualstack);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("IpAddressType: dualstack"));
    /// ```
    pub fn cfn(&self) -> &CfnLoadBalancer {
        &self.lb
    }

    /// Adds an HTTP listener on `port` forwarding to a new target group of IP
    /// targets on `target_port`, health-checked on `health_check_path`. The
    /// target group sits at `<id>/TargetGroup/Resource`, where the CDK's
    /// `listener.addTargets('Target', ...)` puts it.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// let listener = lb.add_http_listener("Http", 80, 8080, "/health");
    /// assert_eq!(listener.target_group().unwrap().port(), Some(8080));
    /// ```
    #[track_caller]
    pub fn add_http_listener(&self, id: &str, port: u16, target_port: u16, health_check_path: &str) -> Listener {
        let (listener, _) = self.listener_with_targets(
            id,
            "Target",
            port,
            Vec::new(),
            target_port,
            &TargetGroupHealthCheck::path(health_check_path),
        );
        listener
    }

    /// Adds a listener: HTTPS when `certificate_arns` has a certificate (with
    /// the [`DEFAULT_SSL_POLICY`]), else HTTP, with `default_action` for
    /// requests no rule matches.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// lb.add_listener("Https", ListenerProps {
    ///     certificate_arns: vec!["arn:aws:acm:eu-west-1:111111111111:certificate/abc".into()],
    ///     ..ListenerProps::new(443, ListenerAction::fixed_response(404, "no such page"))
    /// });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Protocol: HTTPS"));
    /// ```
    #[track_caller]
    pub fn add_listener(&self, id: &str, props: ListenerProps) -> Listener {
        let node = self.scope.child(id);
        let action = props.default_action.render(&node);
        self.listener_at(node, props.port, props.certificate_arns, action, None)
    }

    /// Adds an HTTP listener on `port` that redirects every request to HTTPS
    /// on `https_port` (permanently, keeping host, path and query).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// lb.add_redirect_listener("Redirect", 80, 443);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("StatusCode: HTTP_301"));
    /// ```
    #[track_caller]
    pub fn add_redirect_listener(&self, id: &str, port: u16, https_port: u16) -> Listener {
        self.add_listener(
            id,
            ListenerProps::new(port, ListenerAction::redirect_to_https(https_port)),
        )
    }

    /// A listener forwarding to a new target group `<targets_id>Group`
    /// under it (the CDK's `addTargets(targets_id)` naming).
    pub(crate) fn listener_with_targets(
        &self,
        id: &str,
        targets_id: &str,
        port: u16,
        certificate_arns: Vec<Expr<String>>,
        target_port: u16,
        health_check: &TargetGroupHealthCheck,
    ) -> (Listener, ApplicationTargetGroup) {
        let node = self.scope.child(id);
        let target_group = ApplicationTargetGroup::new(
            &node,
            &format!("{targets_id}Group"),
            self.vpc.as_ref(),
            target_port,
            health_check,
        );
        let action = listener::Action {
            target_group_arn: Some(target_group.target_group_arn()),
            ..listener::Action::new(listener::ActionType::Forward)
        };
        let listener = self.listener_at(node, port, certificate_arns, action, Some(target_group.clone()));
        target_group.attach(&listener.listener_arn(), self.security_group.clone());
        (listener, target_group)
    }

    fn listener_at(
        &self,
        node: Scope,
        port: u16,
        certificate_arns: Vec<Expr<String>>,
        action: listener::Action,
        target_group: Option<ApplicationTargetGroup>,
    ) -> Listener {
        check_port(&node, "listener port", port, "80 for HTTP, 443 for HTTPS");
        for arn in certificate_arns.iter().filter_map(|a| a.value().as_str()) {
            if let Some(problem) = certificate_problem(arn) {
                node.add_error(problem);
            }
        }
        let https = !certificate_arns.is_empty();
        let certificates = https.then(|| {
            certificate_arns
                .into_iter()
                .map(|arn| listener::Certificate {
                    certificate_arn: Some(arn),
                })
                .collect()
        });
        let listener = CfnListener::new(
            &node,
            "Resource",
            CfnListenerProps {
                port: Some(port.into()),
                protocol: Some(
                    if https {
                        listener::Protocol::Https
                    } else {
                        listener::Protocol::Http
                    }
                    .into(),
                ),
                certificates,
                ssl_policy: https.then(|| DEFAULT_SSL_POLICY.into()),
                ..CfnListenerProps::new(vec![action], self.lb.reference())
            },
        );
        Listener {
            scope: node,
            listener,
            port,
            lb_security_group: self.security_group.clone(),
            vpc_id: self.vpc.vpc_id(),
            target_group,
            rules: Rc::default(),
        }
    }
}

impl rcdk_network::Connectable for ApplicationLoadBalancer {
    fn connections(&self) -> &dyn ISecurityGroup {
        self.security_group.as_ref()
    }
}

/// Records an error unless `port` is a port (the type already stops 65536
/// and up: 0 is the bad value left).
pub(crate) fn check_port(node: &Scope, what: &str, port: u16, hint: &str) -> bool {
    if port == 0 {
        node.add_error(format!("{what} 0 is not a port; use 1 to 65535 ({hint})"));
        return false;
    }
    true
}

fn certificate_problem(arn: &str) -> Option<String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ok = match parts.as_slice() {
        ["arn", p, "acm", r, a, res] => {
            !p.is_empty() && !r.is_empty() && a.len() == 12 && res.starts_with("certificate/") && res.len() > 12
        }
        ["arn", p, "iam", "", a, res] => !p.is_empty() && a.len() == 12 && res.starts_with("server-certificate/"),
        _ => false,
    };
    (!ok).then(|| {
        format!(
            "certificate {arn:?} is not a certificate ARN; use an ACM certificate's, arn:<partition>:acm:<region>:<12-digit account>:certificate/<id>"
        )
    })
}

/// The options of [`ApplicationLoadBalancer::add_listener`].
#[derive(Clone, Debug)]
pub struct ListenerProps {
    /// The port, 1 to 65535.
    pub port: u16,
    /// ACM certificate ARNs: with any, the listener is HTTPS. Default none (HTTP).
    pub certificate_arns: Vec<Expr<String>>,
    /// What the listener does with requests no rule matches.
    pub default_action: ListenerAction,
}

impl ListenerProps {
    /// An HTTP listener on `port`.
    ///
    /// ```
    /// use rcdk_compute::{ListenerAction, ListenerProps};
    /// let props = ListenerProps::new(80, ListenerAction::redirect_to_https(443));
    /// assert!(props.certificate_arns.is_empty());
    /// ```
    pub fn new(port: u16, default_action: ListenerAction) -> Self {
        ListenerProps {
            port,
            certificate_arns: Vec::new(),
            default_action,
        }
    }
}

/// What a listener or a rule does with a request.
#[derive(Clone, Debug)]
pub struct ListenerAction(ActionKind);

#[derive(Clone, Debug)]
enum ActionKind {
    Forward(Expr<String>),
    RedirectToHttps(u16),
    FixedResponse(u16, String),
}

impl ListenerAction {
    /// Forwards to a target group of the app or imported.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_compute::{ApplicationTargetGroup, ListenerAction, TargetGroupAttributes};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let tg = ApplicationTargetGroup::from_attributes(&stack, "Tg", TargetGroupAttributes::new(
    ///     "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/web/0123456789abcdef"));
    /// let _action = ListenerAction::forward(&tg);
    /// ```
    pub fn forward(target_group: &dyn ITargetGroup) -> ListenerAction {
        ListenerAction(ActionKind::Forward(target_group.target_group_arn()))
    }

    /// Redirects permanently (301) to HTTPS on `port`, keeping host, path and query.
    ///
    /// ```
    /// use rcdk_compute::ListenerAction;
    /// let _action = ListenerAction::redirect_to_https(443);
    /// ```
    pub fn redirect_to_https(port: u16) -> ListenerAction {
        ListenerAction(ActionKind::RedirectToHttps(port))
    }

    /// Answers with `status_code` (200 to 599) and a plain-text body.
    ///
    /// ```
    /// use rcdk_compute::ListenerAction;
    /// let _action = ListenerAction::fixed_response(404, "not found");
    /// ```
    pub fn fixed_response(status_code: u16, body: &str) -> ListenerAction {
        ListenerAction(ActionKind::FixedResponse(status_code, body.to_owned()))
    }

    fn render(&self, node: &Scope) -> listener::Action {
        match &self.0 {
            ActionKind::Forward(arn) => listener::Action {
                target_group_arn: Some(arn.clone()),
                ..listener::Action::new(listener::ActionType::Forward)
            },
            ActionKind::RedirectToHttps(port) => {
                check_port(node, "redirect port", *port, "443 for HTTPS");
                listener::Action {
                    redirect_config: Some(listener::RedirectConfig {
                        port: Some(port.to_string().into()),
                        protocol: Some("HTTPS".into()),
                        ..listener::RedirectConfig::new(listener::RedirectConfigStatusCode::Http301)
                    }),
                    ..listener::Action::new(listener::ActionType::Redirect)
                }
            }
            ActionKind::FixedResponse(status, body) => {
                if !(200..=599).contains(status) {
                    node.add_error(format!(
                        "fixed response status {status} is not an HTTP status a load balancer returns; use 200 to 599"
                    ));
                }
                if body.len() > 1024 {
                    node.add_error("fixed response body is over the 1024 bytes a load balancer returns; shorten it");
                }
                listener::Action {
                    fixed_response_config: Some(listener::FixedResponseConfig {
                        content_type: Some("text/plain".into()),
                        message_body: (!body.is_empty()).then(|| body.as_str().into()),
                        ..listener::FixedResponseConfig::new(status.to_string())
                    }),
                    ..listener::Action::new(listener::ActionType::FixedResponse)
                }
            }
        }
    }

    /// The same action as a rule writes it (the rule's own L1 types).
    fn render_rule(&self, node: &Scope) -> listener_rule::Action {
        match &self.0 {
            ActionKind::Forward(arn) => listener_rule::Action {
                target_group_arn: Some(arn.clone()),
                ..listener_rule::Action::new(listener_rule::ActionType::Forward)
            },
            ActionKind::RedirectToHttps(port) => {
                check_port(node, "redirect port", *port, "443 for HTTPS");
                listener_rule::Action {
                    redirect_config: Some(listener_rule::RedirectConfig {
                        port: Some(port.to_string().into()),
                        protocol: Some("HTTPS".into()),
                        ..listener_rule::RedirectConfig::new(listener_rule::RedirectConfigStatusCode::Http301)
                    }),
                    ..listener_rule::Action::new(listener_rule::ActionType::Redirect)
                }
            }
            ActionKind::FixedResponse(status, body) => {
                if !(200..=599).contains(status) {
                    node.add_error(format!(
                        "fixed response status {status} is not an HTTP status a load balancer returns; use 200 to 599"
                    ));
                }
                listener_rule::Action {
                    fixed_response_config: Some(listener_rule::FixedResponseConfig {
                        content_type: Some("text/plain".into()),
                        message_body: (!body.is_empty()).then(|| body.as_str().into()),
                        ..listener_rule::FixedResponseConfig::new(status.to_string())
                    }),
                    ..listener_rule::Action::new(listener_rule::ActionType::FixedResponse)
                }
            }
        }
    }
}

/// What a listener rule matches. A rule matches when all its conditions do;
/// a condition matches when any of its values does.
#[derive(Clone, Debug, PartialEq)]
pub struct ListenerCondition(ConditionKind);

#[derive(Clone, Debug, PartialEq)]
enum ConditionKind {
    PathPatterns(Vec<String>),
    HostHeaders(Vec<String>),
    HttpHeader(String, Vec<String>),
    Methods(Vec<String>),
    SourceIps(Vec<String>),
}

impl ListenerCondition {
    /// The request path matches one of `patterns` (`*` and `?` wildcards, case-sensitive).
    ///
    /// ```
    /// use rcdk_compute::ListenerCondition;
    /// let _c = ListenerCondition::path_patterns(["/api/*"]);
    /// ```
    pub fn path_patterns<S: Into<String>>(patterns: impl IntoIterator<Item = S>) -> ListenerCondition {
        ListenerCondition(ConditionKind::PathPatterns(
            patterns.into_iter().map(Into::into).collect(),
        ))
    }

    /// The `Host` header matches one of `hosts` (`*` and `?` wildcards).
    ///
    /// ```
    /// use rcdk_compute::ListenerCondition;
    /// let _c = ListenerCondition::host_headers(["api.example.com"]);
    /// ```
    pub fn host_headers<S: Into<String>>(hosts: impl IntoIterator<Item = S>) -> ListenerCondition {
        ListenerCondition(ConditionKind::HostHeaders(hosts.into_iter().map(Into::into).collect()))
    }

    /// The header `name` matches one of `values`.
    ///
    /// ```
    /// use rcdk_compute::ListenerCondition;
    /// let _c = ListenerCondition::http_header("X-Canary", ["true"]);
    /// ```
    pub fn http_header<S: Into<String>>(name: &str, values: impl IntoIterator<Item = S>) -> ListenerCondition {
        ListenerCondition(ConditionKind::HttpHeader(
            name.to_owned(),
            values.into_iter().map(Into::into).collect(),
        ))
    }

    /// The request method is one of `methods` (`GET`, `POST`, ...).
    ///
    /// ```
    /// use rcdk_compute::ListenerCondition;
    /// let _c = ListenerCondition::http_request_methods(["GET", "HEAD"]);
    /// ```
    pub fn http_request_methods<S: Into<String>>(methods: impl IntoIterator<Item = S>) -> ListenerCondition {
        ListenerCondition(ConditionKind::Methods(methods.into_iter().map(Into::into).collect()))
    }

    /// The client address is in one of the IPv4 blocks `cidrs`.
    ///
    /// ```
    /// use rcdk_compute::ListenerCondition;
    /// let _c = ListenerCondition::source_ips(["10.0.0.0/8"]);
    /// ```
    pub fn source_ips<S: Into<String>>(cidrs: impl IntoIterator<Item = S>) -> ListenerCondition {
        ListenerCondition(ConditionKind::SourceIps(cidrs.into_iter().map(Into::into).collect()))
    }

    fn values(&self) -> &[String] {
        match &self.0 {
            ConditionKind::PathPatterns(v)
            | ConditionKind::HostHeaders(v)
            | ConditionKind::HttpHeader(_, v)
            | ConditionKind::Methods(v)
            | ConditionKind::SourceIps(v) => v,
        }
    }

    fn field(&self) -> &'static str {
        match &self.0 {
            ConditionKind::PathPatterns(_) => "path-pattern",
            ConditionKind::HostHeaders(_) => "host-header",
            ConditionKind::HttpHeader(..) => "http-header",
            ConditionKind::Methods(_) => "http-request-method",
            ConditionKind::SourceIps(_) => "source-ip",
        }
    }

    fn render(&self) -> listener_rule::RuleCondition {
        use listener_rule::*;
        let values: Expr<Vec<String>> = self.values().to_vec().into();
        let mut c = RuleCondition {
            field: Some(self.field().into()),
            ..Default::default()
        };
        match &self.0 {
            ConditionKind::PathPatterns(_) => {
                c.path_pattern_config = Some(PathPatternConfig {
                    values: Some(values),
                    ..Default::default()
                })
            }
            ConditionKind::HostHeaders(_) => {
                c.host_header_config = Some(HostHeaderConfig {
                    values: Some(values),
                    ..Default::default()
                })
            }
            ConditionKind::HttpHeader(name, _) => {
                c.http_header_config = Some(HttpHeaderConfig {
                    http_header_name: Some(name.as_str().into()),
                    values: Some(values),
                    ..Default::default()
                })
            }
            ConditionKind::Methods(_) => {
                c.http_request_method_config = Some(HttpRequestMethodConfig { values: Some(values) })
            }
            ConditionKind::SourceIps(_) => {
                c.source_ip_config = Some(SourceIpConfig {
                    values: Some(values),
                    ..Default::default()
                })
            }
        }
        c
    }
}

/// The options of a listener rule ([`IApplicationListener::add_rule`]).
#[derive(Clone, Debug)]
pub struct ListenerRuleProps {
    /// The order among the listener's rules, lowest first: 1 to 50000,
    /// each rule its own.
    pub priority: u32,
    /// What requests the rule takes: at least one condition.
    pub conditions: Vec<ListenerCondition>,
    /// What the rule does with them.
    pub action: ListenerAction,
}

/// The priorities a listener's rules took, and which rule took each.
type Priorities = Rc<RefCell<Vec<(u32, String)>>>;

/// A listener, defined in the app or imported: what rules, services and
/// integrations need.
pub trait IApplicationListener: Construct + Debug {
    /// The listener ARN.
    fn listener_arn(&self) -> Expr<String>;

    /// The listener's port.
    fn port(&self) -> u16;

    /// The security group of the listener's load balancer.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{ISecurityGroup, SecurityGroup};
    /// use rcdk_compute::{IApplicationListener, Listener, ListenerAttributes};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let sg = SecurityGroup::from_id(&stack, "LbSg", "sg-0a1b2c3d");
    /// let listener = Listener::from_attributes(&stack, "Shared", ListenerAttributes::new(
    ///     "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/fedcba9876543210", &sg, 443));
    /// assert_eq!(listener.load_balancer_security_group().security_group_id().value().as_str(), Some("sg-0a1b2c3d"));
    /// ```
    fn load_balancer_security_group(&self) -> &dyn ISecurityGroup;

    /// The VPC of the listener's load balancer, when the app knows it (a VPC
    /// link or a peer elsewhere must be in the same VPC to reach it).
    fn vpc_id(&self) -> Option<Expr<String>> {
        None
    }

    /// Admits traffic to the listener's port from `peer` (for example a VPC link's group).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{SecurityGroup, SecurityGroupProps, Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// let listener = lb.add_http_listener("Http", 80, 8080, "/");
    /// let clients = SecurityGroup::new(&stack, "Clients", SecurityGroupProps::new(&vpc, "clients"));
    /// listener.allow_from(&clients, "clients to the load balancer");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AWS::EC2::SecurityGroupIngress"));
    /// ```
    fn allow_from(&self, peer: &dyn ISecurityGroup, description: &str) {
        self.load_balancer_security_group()
            .allow_from(peer, Port::tcp(self.port()), description);
    }

    /// Adds a rule: requests matching every condition get the action. Its
    /// `AWS::ElasticLoadBalancingV2::ListenerRule` sits at
    /// `<listener>/<id>Rule/Resource`, as the AWS CDK's `addAction(id)`
    /// puts it. A priority outside 1 to 50000 or taken by another rule of
    /// the listener, and a rule without conditions, are errors on the rule.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// let listener = lb.add_http_listener("Http", 80, 8080, "/");
    /// listener.add_rule("Old", ListenerRuleProps {
    ///     priority: 10,
    ///     conditions: vec![ListenerCondition::path_patterns(["/old/*"])],
    ///     action: ListenerAction::fixed_response(410, "gone"),
    /// });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AWS::ElasticLoadBalancingV2::ListenerRule"));
    /// ```
    fn add_rule(&self, id: &str, props: ListenerRuleProps) -> CfnListenerRule;
}

/// A rule `<id>Rule` of `listener`, checked against the priorities its
/// other rules took.
fn add_rule_to(
    listener: &dyn IApplicationListener,
    priorities: &Priorities,
    id: &str,
    props: ListenerRuleProps,
) -> CfnListenerRule {
    let node = listener.scope().child(&format!("{id}Rule"));
    check_rule(&node, priorities, id, &props);
    CfnListenerRule::new(
        &node,
        "Resource",
        CfnListenerRuleProps {
            listener_arn: Some(listener.listener_arn()),
            ..CfnListenerRuleProps::new(
                vec![props.action.render_rule(&node)],
                props
                    .conditions
                    .iter()
                    .map(ListenerCondition::render)
                    .collect::<Vec<_>>(),
                i64::from(props.priority),
            )
        },
    )
}

/// The checks of a rule, each an error on the rule's construct.
fn check_rule(node: &Scope, priorities: &Priorities, id: &str, props: &ListenerRuleProps) {
    if !(1..=50000).contains(&props.priority) {
        node.add_error(format!(
            "priority {} is outside 1 to 50000; give the rule a priority in that range",
            props.priority
        ));
    }
    let mut taken = priorities.borrow_mut();
    if let Some((_, other)) = taken.iter().find(|(p, _)| *p == props.priority) {
        node.add_error(format!(
            "priority {} is already taken by rule {other} of this listener; give each rule of a listener its own priority",
            props.priority
        ));
    } else {
        taken.push((props.priority, id.to_owned()));
    }
    if props.conditions.is_empty() {
        node.add_error(
            "the rule has no conditions, so it would take every request; add a condition (ListenerCondition::path_patterns, host_headers, ...) or make the action the listener's default",
        );
    }
    let mut total = 0;
    for c in &props.conditions {
        let values = c.values();
        total += values.len();
        if values.is_empty() {
            node.add_error(format!(
                "the {} condition has no values, so it matches nothing; give it at least one value",
                c.field()
            ));
        }
        if let Some(long) = values.iter().find(|v| v.len() > 128) {
            node.add_error(format!(
                "the {} value {long:?} is over 128 characters; shorten it",
                c.field()
            ));
        }
        if let ConditionKind::SourceIps(cidrs) = &c.0 {
            for cidr in cidrs {
                if let Err(e) = rcdk_network::Cidr::parse(cidr) {
                    node.add_error(format!("source-ip condition: {e}"));
                }
            }
        }
    }
    if total > 5 {
        node.add_error(format!(
            "the rule's conditions have {total} values, over the 5 a rule may have; split it into several rules"
        ));
    }
}

/// A listener of an [`ApplicationLoadBalancer`]. Made by
/// [`add_http_listener`](ApplicationLoadBalancer::add_http_listener), it
/// forwards to its own target group of IP targets.
#[derive(Clone, Debug)]
pub struct Listener {
    scope: Scope,
    listener: CfnListener,
    port: u16,
    lb_security_group: Rc<dyn ISecurityGroup>,
    vpc_id: Expr<String>,
    target_group: Option<ApplicationTargetGroup>,
    rules: Priorities,
}

impl Construct for Listener {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IApplicationListener for Listener {
    fn listener_arn(&self) -> Expr<String> {
        self.listener.reference()
    }

    fn vpc_id(&self) -> Option<Expr<String>> {
        Some(self.vpc_id.clone())
    }

    fn port(&self) -> u16 {
        self.port
    }

    fn load_balancer_security_group(&self) -> &dyn ISecurityGroup {
        self.lb_security_group.as_ref()
    }

    fn add_rule(&self, id: &str, props: ListenerRuleProps) -> CfnListenerRule {
        add_rule_to(self, &self.rules, id, props)
    }
}

impl Listener {
    /// The L1 listener, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// let listener = lb.add_http_listener("Http", 80, 8080, "/");
    /// listener.cfn().set_port(8000);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Port: 8000"));
    /// ```
    pub fn cfn(&self) -> &CfnListener {
        &self.listener
    }

    /// The target group the listener forwards to by default, when it made one.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// let redirect = lb.add_redirect_listener("Redirect", 80, 443);
    /// assert!(redirect.target_group().is_none());
    /// ```
    pub fn target_group(&self) -> Option<&ApplicationTargetGroup> {
        self.target_group.as_ref()
    }

    /// Imports an existing listener by ARN, with its port and its load
    /// balancer's security group (so services behind it can be let in).
    /// Rules and services can be added to it; it makes no resource. A
    /// literal ARN is checked.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::SecurityGroup;
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let lb_sg = SecurityGroup::from_id(&stack, "LbSg", "sg-0a1b2c3d");
    /// let listener = Listener::from_attributes(&stack, "Shared", ListenerAttributes::new(
    ///     "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/fedcba9876543210",
    ///     &lb_sg, 443));
    /// listener.add_rule("Legacy", ListenerRuleProps {
    ///     priority: 5,
    ///     conditions: vec![ListenerCondition::host_headers(["legacy.example.com"])],
    ///     action: ListenerAction::fixed_response(410, "gone"),
    /// });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("ListenerArn: arn:aws:elasticloadbalancing"));
    /// ```
    #[track_caller]
    pub fn from_attributes(scope: &Scope, id: &str, attributes: ListenerAttributes) -> ImportedListener {
        let node = scope.child(id);
        if let Some(arn) = attributes.listener_arn.value().as_str() {
            if !elb_arn_is(arn, "listener/app/", 4) {
                node.add_error(format!(
                    "Listener::from_attributes: {arn:?} is not an application load balancer listener ARN; use arn:<partition>:elasticloadbalancing:<region>:<12-digit account>:listener/app/<load balancer name>/<id>/<id>"
                ));
            }
        }
        check_port(
            &node,
            "listener port",
            attributes.port,
            "the port the listener listens on",
        );
        ImportedListener {
            scope: node,
            arn: attributes.listener_arn,
            port: attributes.port,
            security_group: attributes.security_group.share_security_group(),
            vpc_id: attributes.vpc_id,
            rules: Rc::default(),
        }
    }
}

/// True when `arn` is an Elastic Load Balancing ARN whose resource starts
/// with `prefix` and has `slashes` more parts after the type.
fn elb_arn_is(arn: &str, prefix: &str, parts_after_type: usize) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", p, "elasticloadbalancing", r, a, res]
        if !p.is_empty() && !r.is_empty() && a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit())
            && res.starts_with(prefix)
            && res.split('/').count() == parts_after_type + 1
            && res.split('/').all(|s| !s.is_empty()))
}

/// What the app knows of a listener it imports with [`Listener::from_attributes`].
#[derive(Clone, Debug)]
pub struct ListenerAttributes<'a> {
    /// The listener ARN (or a reference to it).
    pub listener_arn: Expr<String>,
    /// The security group of the listener's load balancer.
    pub security_group: &'a dyn ISecurityGroup,
    /// The listener's port.
    pub port: u16,
    /// The load balancer's VPC, if known: lets a VPC link check it is in the
    /// same one.
    pub vpc_id: Option<Expr<String>>,
}

impl<'a> ListenerAttributes<'a> {
    /// The listener `listener_arn` on `port`, its load balancer in `security_group`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::SecurityGroup;
    /// use rcdk_compute::ListenerAttributes;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let sg = SecurityGroup::from_id(&stack, "LbSg", "sg-0a1b2c3d");
    /// assert_eq!(ListenerAttributes::new(rcdk_core::Expr::import_value("listener-arn"), &sg, 443).port, 443);
    /// ```
    pub fn new(listener_arn: impl Into<Expr<String>>, security_group: &'a dyn ISecurityGroup, port: u16) -> Self {
        ListenerAttributes {
            listener_arn: listener_arn.into(),
            security_group,
            port,
            vpc_id: None,
        }
    }
}

/// A listener that exists outside the app, imported with [`Listener::from_attributes`].
#[derive(Clone, Debug)]
pub struct ImportedListener {
    scope: Scope,
    arn: Expr<String>,
    port: u16,
    security_group: Rc<dyn ISecurityGroup>,
    vpc_id: Option<Expr<String>>,
    rules: Priorities,
}

impl Construct for ImportedListener {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IApplicationListener for ImportedListener {
    fn listener_arn(&self) -> Expr<String> {
        self.arn.clone()
    }

    fn vpc_id(&self) -> Option<Expr<String>> {
        self.vpc_id.clone()
    }

    fn port(&self) -> u16 {
        self.port
    }

    fn load_balancer_security_group(&self) -> &dyn ISecurityGroup {
        self.security_group.as_ref()
    }

    fn add_rule(&self, id: &str, props: ListenerRuleProps) -> CfnListenerRule {
        add_rule_to(self, &self.rules, id, props)
    }
}

/// How a target group checks its targets' health.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetGroupHealthCheck {
    /// The path requested. Default `/`.
    pub path: String,
    /// Time between checks, 5 to 300 seconds. Default 30 seconds.
    pub interval: Duration,
    /// Time a check may take, 2 to 120 seconds. Default ELB's (5 seconds
    /// for IP targets).
    pub timeout: Option<Duration>,
    /// Successful checks in a row that make a target healthy, 2 to 10. Default 2.
    pub healthy_threshold: u32,
    /// Failed checks in a row that make a target unhealthy, 2 to 10. Default 3.
    pub unhealthy_threshold: u32,
    /// HTTP codes that mean healthy (`200`, `200-299`, `200,204`). Default ELB's (`200`).
    pub healthy_http_codes: Option<String>,
}

impl TargetGroupHealthCheck {
    /// Checks of `path` with the defaults.
    ///
    /// ```
    /// use rcdk_compute::TargetGroupHealthCheck;
    /// assert_eq!(TargetGroupHealthCheck::path("/health").healthy_threshold, 2);
    /// ```
    pub fn path(path: &str) -> TargetGroupHealthCheck {
        TargetGroupHealthCheck {
            path: path.to_owned(),
            interval: Duration::seconds(30),
            timeout: None,
            healthy_threshold: 2,
            unhealthy_threshold: 3,
            healthy_http_codes: None,
        }
    }
}

impl Default for TargetGroupHealthCheck {
    fn default() -> Self {
        TargetGroupHealthCheck::path("/")
    }
}

/// A target group, defined in the app or imported: what services and
/// rules need.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{Vpc, VpcProps};
/// use rcdk_compute::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
/// let group = lb.add_http_listener("Http", 80, 8080, "/").target_group().unwrap().clone();
/// assert_eq!(group.port(), Some(8080));
/// assert!(group.load_balancer_security_group().is_some());
/// assert!(group.request_count_label().is_some());
/// let _arn = group.target_group_arn();
/// ```
pub trait ITargetGroup: Construct + Debug {
    /// The target group ARN.
    fn target_group_arn(&self) -> Expr<String>;

    /// The port targets receive traffic on, when the app knows it.
    fn port(&self) -> Option<u16>;

    /// The security group of the load balancer sending to the group, when
    /// the app knows it: services attached to the group admit it.
    fn load_balancer_security_group(&self) -> Option<&dyn ISecurityGroup>;

    /// The `ResourceLabel` of the group's `ALBRequestCountPerTarget` metric
    /// (`app/<lb>/<id>/targetgroup/<tg>/<id>`), when its load balancer is known.
    fn request_count_label(&self) -> Option<Expr<String>>;
}

/// A target group of IP targets (Fargate tasks), made by a listener
/// (`<listener>/<id>Group`) or imported with
/// [`from_attributes`](ApplicationTargetGroup::from_attributes).
#[derive(Clone, Debug)]
pub struct ApplicationTargetGroup {
    scope: Scope,
    group: CfnTargetGroup,
    port: u16,
    attached: Rc<OnceCell<Attachment>>,
}

/// The listener forwarding to a target group, and its load balancer's group.
type Attachment = (Expr<String>, Rc<dyn ISecurityGroup>);

impl Construct for ApplicationTargetGroup {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ApplicationTargetGroup {
    pub(crate) fn new(
        scope: &Scope,
        id: &str,
        vpc: &dyn IVpc,
        port: u16,
        health_check: &TargetGroupHealthCheck,
    ) -> ApplicationTargetGroup {
        let node = scope.child(id);
        check_port(&node, "target port", port, "the port the containers listen on");
        let seconds = |name: &str, d: Duration, range: std::ops::RangeInclusive<u64>| match d.to_seconds() {
            Some(s) if range.contains(&s) => Some(s as i64),
            _ => {
                node.add_error(format!(
                    "health check {name} is {d}; use whole seconds from {} to {}",
                    range.start(),
                    range.end()
                ));
                None
            }
        };
        let interval = seconds("interval", health_check.interval, 5..=300);
        let timeout = health_check.timeout.and_then(|t| seconds("timeout", t, 2..=120));
        for (name, n) in [
            ("healthy_threshold", health_check.healthy_threshold),
            ("unhealthy_threshold", health_check.unhealthy_threshold),
        ] {
            if !(2..=10).contains(&n) {
                node.add_error(format!("health check {name} is {n}; use 2 to 10"));
            }
        }
        if !health_check.path.starts_with('/') {
            node.add_error(format!(
                "health check path {:?} does not start with /; give the path part of a URL, like /health",
                health_check.path
            ));
        }
        let group = CfnTargetGroup::new(
            &node,
            "Resource",
            CfnTargetGroupProps {
                port: Some(port.into()),
                protocol: Some(target_group::Protocol::Http.into()),
                target_type: Some(target_group::TargetType::Ip.into()),
                vpc_id: Some(vpc.vpc_id()),
                health_check_path: Some(health_check.path.as_str().into()),
                health_check_protocol: Some(target_group::HealthCheckProtocol::Http.into()),
                health_check_interval_seconds: interval.map(Into::into),
                health_check_timeout_seconds: timeout.map(Into::into),
                healthy_threshold_count: Some(i64::from(health_check.healthy_threshold).into()),
                unhealthy_threshold_count: Some(i64::from(health_check.unhealthy_threshold).into()),
                matcher: health_check
                    .healthy_http_codes
                    .as_ref()
                    .map(|codes| target_group::Matcher {
                        http_code: Some(codes.as_str().into()),
                        ..Default::default()
                    }),
                ..Default::default()
            },
        );
        ApplicationTargetGroup {
            scope: node,
            group,
            port,
            attached: Rc::default(),
        }
    }

    /// Records the listener that forwards to the group and its load
    /// balancer's security group: a group is made for one listener.
    pub(crate) fn attach(&self, listener_arn: &Expr<String>, lb_security_group: Rc<dyn ISecurityGroup>) {
        let _ = self.attached.set((listener_arn.clone(), lb_security_group));
    }

    /// The L1 target group, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_network::{Vpc, VpcProps};
    /// use rcdk_compute::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    /// let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    /// let listener = lb.add_http_listener("Http", 80, 8080, "/");
    /// listener.target_group().unwrap().cfn().set_health_check_timeout_seconds(10);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("HealthCheckTimeoutSeconds: 10"));
    /// ```
    pub fn cfn(&self) -> &CfnTargetGroup {
        &self.group
    }

    /// Imports an existing target group by ARN. Give its port to have the
    /// containers' port checked, and its load balancer's ARN to scale on
    /// its request count. A literal ARN is checked.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_compute::{ApplicationTargetGroup, ITargetGroup, TargetGroupAttributes};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let tg = ApplicationTargetGroup::from_attributes(&stack, "Web", TargetGroupAttributes {
    ///     port: Some(8080),
    ///     ..TargetGroupAttributes::new("arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/web/0123456789abcdef")
    /// });
    /// assert_eq!(tg.port(), Some(8080));
    /// assert!(tg.request_count_label().is_none());
    /// ```
    #[track_caller]
    pub fn from_attributes(scope: &Scope, id: &str, attributes: TargetGroupAttributes) -> ImportedTargetGroup {
        let node = scope.child(id);
        if let Some(arn) = attributes.target_group_arn.value().as_str() {
            if !elb_arn_is(arn, "targetgroup/", 2) {
                node.add_error(format!(
                    "ApplicationTargetGroup::from_attributes: {arn:?} is not a target group ARN; use arn:<partition>:elasticloadbalancing:<region>:<12-digit account>:targetgroup/<name>/<id>"
                ));
            }
        }
        if let Some(arn) = attributes.load_balancer_arn.as_ref().and_then(|a| a.value().as_str()) {
            if !elb_arn_is(arn, "loadbalancer/app/", 3) {
                node.add_error(format!(
                    "ApplicationTargetGroup::from_attributes: load_balancer_arn {arn:?} is not an application load balancer ARN; use arn:<partition>:elasticloadbalancing:<region>:<12-digit account>:loadbalancer/app/<name>/<id>"
                ));
            }
        }
        if let Some(port) = attributes.port {
            check_port(&node, "target port", port, "the target group's port");
        }
        ImportedTargetGroup {
            scope: node,
            attributes: Rc::new(attributes),
        }
    }
}

/// The parts `from..=to` of `arn` split at `/`, joined with `/`: literal
/// when the ARN is, else `Fn::Select`s of an `Fn::Split`.
fn arn_path_parts(arn: &Expr<String>, from: u32, to: u32) -> Expr<String> {
    if let Some(literal) = arn.value().as_str() {
        let parts: Vec<&str> = literal.split('/').collect();
        let picked: Vec<&str> = (from..=to).filter_map(|i| parts.get(i as usize).copied()).collect();
        return Expr::from(picked.join("/"));
    }
    let split = arn.split("/");
    let mut out = Vec::new();
    for i in from..=to {
        if i > from {
            out.push(Expr::from("/"));
        }
        out.push(split.select(i));
    }
    Expr::concat(out)
}

impl ITargetGroup for ApplicationTargetGroup {
    fn target_group_arn(&self) -> Expr<String> {
        self.group.reference()
    }

    fn port(&self) -> Option<u16> {
        Some(self.port)
    }

    fn load_balancer_security_group(&self) -> Option<&dyn ISecurityGroup> {
        self.attached.get().map(|(_, sg)| sg.as_ref())
    }

    fn request_count_label(&self) -> Option<Expr<String>> {
        let (listener_arn, _) = self.attached.get()?;
        // The CDK's label: the load balancer's part of the listener ARN
        // (`app/<name>/<id>`), then the group's full name.
        Some(Expr::concat([
            arn_path_parts(listener_arn, 1, 3),
            Expr::from("/"),
            self.group.attr_target_group_full_name(),
        ]))
    }
}

/// What the app knows of a target group it imports with
/// [`ApplicationTargetGroup::from_attributes`].
#[derive(Clone, Debug)]
pub struct TargetGroupAttributes {
    /// The target group ARN (or a reference to it).
    pub target_group_arn: Expr<String>,
    /// The port targets receive traffic on. Default unknown (not checked).
    pub port: Option<u16>,
    /// The ARN of the load balancer sending to the group. Default unknown
    /// (no scaling on its request count).
    pub load_balancer_arn: Option<Expr<String>>,
}

impl TargetGroupAttributes {
    /// The group `target_group_arn`, its port and load balancer unknown.
    ///
    /// ```
    /// use rcdk_compute::TargetGroupAttributes;
    /// let attrs = TargetGroupAttributes::new(rcdk_core::Expr::import_value("web-target-group"));
    /// assert!(attrs.port.is_none());
    /// ```
    pub fn new(target_group_arn: impl Into<Expr<String>>) -> Self {
        TargetGroupAttributes {
            target_group_arn: target_group_arn.into(),
            port: None,
            load_balancer_arn: None,
        }
    }
}

/// A target group that exists outside the app, imported with
/// [`ApplicationTargetGroup::from_attributes`].
#[derive(Clone, Debug)]
pub struct ImportedTargetGroup {
    scope: Scope,
    attributes: Rc<TargetGroupAttributes>,
}

impl Construct for ImportedTargetGroup {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ITargetGroup for ImportedTargetGroup {
    fn target_group_arn(&self) -> Expr<String> {
        self.attributes.target_group_arn.clone()
    }

    fn port(&self) -> Option<u16> {
        self.attributes.port
    }

    fn load_balancer_security_group(&self) -> Option<&dyn ISecurityGroup> {
        None
    }

    fn request_count_label(&self) -> Option<Expr<String>> {
        let lb = self.attributes.load_balancer_arn.as_ref()?;
        let tg = &self.attributes.target_group_arn;
        Some(Expr::concat([
            arn_path_parts(lb, 1, 3),
            Expr::from("/targetgroup/"),
            arn_path_parts(tg, 1, 2),
        ]))
    }
}

/// Opens `port` to the internet on a load balancer's group (a public
/// load balancer's listener).
pub(crate) fn open_to_internet(group: &dyn ISecurityGroup, port: u16) {
    group.allow_from_peer(&Peer::any_ipv4(), Port::tcp(port), "Allow from anyone");
}
