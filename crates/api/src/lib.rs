//! API Gateway HTTP APIs for rcdk: [`HttpApi`] with routes, IAM or no
//! authorization, an auto-deployed `$default` stage with access logging, a
//! [`VpcLink`] into private subnets, and [`AlbIntegration`] to reach an
//! internal load balancer's listener.
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_api::{HttpApi, HttpApiProps};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
//! let _endpoint = api.api_endpoint();
//! app.synth().unwrap();
//! ```

#![warn(missing_docs)]

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::api_gateway_v2::*;
use rcdk_compute::{IApplicationListener, Listener};
use rcdk_core::{cfn_format, Aws, Construct, Expr, Scope};
use rcdk_iam::{Grant, IGrantable};
use rcdk_logs::{ILogGroup, LogGroup, LogGroupProps};
use rcdk_network::{ISecurityGroup, IVpc, SecurityGroup, SecurityGroupProps, SubnetType, Vpc};

/// An HTTP method of a route or a grant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `HEAD`.
    Head,
    /// `OPTIONS`.
    Options,
    /// Any method (`ANY` in a route, `*` in a grant).
    Any,
}

impl Method {
    /// The method as API Gateway spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Any => "ANY",
        }
    }
}

/// How a route authorizes callers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RouteAuth {
    /// Signature Version 4 signed requests, allowed by IAM (`AWS_IAM`).
    Iam,
    /// Anyone can call the route (`NONE`).
    None,
}

/// The options of an [`HttpApi`].
#[derive(Clone, Debug)]
pub struct HttpApiProps {
    /// The API name; default the construct path.
    pub name: Option<String>,
    /// Days to keep the stage's access logs. Default 30.
    pub access_log_retention_days: u32,
}

impl Default for HttpApiProps {
    fn default() -> Self {
        HttpApiProps {
            name: None,
            access_log_retention_days: 30,
        }
    }
}

/// An API Gateway HTTP API with an auto-deployed `$default` stage that
/// writes access logs.
///
/// Construct paths are the AWS CDK's `HttpApi`: the API at `Resource`, the
/// stage at `DefaultStage/Resource`, routes at `GET--items/Resource`. rcdk
/// adds what the CDK leaves out: the access-log group `AccessLogs/Resource`.
#[derive(Clone, Debug)]
pub struct HttpApi {
    scope: Scope,
    api: CfnApi,
}

impl Construct for HttpApi {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

const ACCESS_LOG_FORMAT: &str = r#"{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","caller":"$context.identity.caller","user":"$context.identity.user","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage"}"#;

impl HttpApi {
    /// Adds an HTTP API and its default stage.
    pub fn new(scope: &Scope, id: &str, props: HttpApiProps) -> HttpApi {
        let node = scope.child(id);
        let name = props.name.unwrap_or_else(|| node.path().replace('/', "-"));
        if name.is_empty() || name.chars().count() > 128 {
            node.add_error(format!(
                "the API name has {} characters; API Gateway accepts 1 to 128",
                name.chars().count()
            ));
        }
        let api = CfnApi::new(
            &node,
            "Resource",
            CfnApiProps {
                name: Some(name.into()),
                protocol_type: Some("HTTP".into()),
                ..Default::default()
            },
        );
        let logs = LogGroup::new(
            &node,
            "AccessLogs",
            LogGroupProps {
                retention_days: props.access_log_retention_days,
                ..Default::default()
            },
        );
        let stage = CfnStage::new(
            &node.child("DefaultStage"),
            "Resource",
            CfnStageProps {
                auto_deploy: Some(true.into()),
                ..CfnStageProps::new(api.reference(), "$default")
            },
        );
        stage.set_access_log_settings(stage::AccessLogSettings {
            destination_arn: Some(logs.log_group_arn()),
            format: Some(ACCESS_LOG_FORMAT.into()),
        });
        HttpApi { scope: node, api }
    }

    /// The API id.
    pub fn api_id(&self) -> Expr<String> {
        self.api.reference()
    }

    /// The endpoint URL (`https://{id}.execute-api.{region}.amazonaws.com`).
    pub fn api_endpoint(&self) -> Expr<String> {
        self.api.attr_api_endpoint()
    }

    /// The endpoint host without scheme, as Step Functions' `apigateway:invoke` takes it.
    pub fn api_host(&self) -> Expr<String> {
        cfn_format!("{}.execute-api.{}.{}", self.api_id(), Aws::region(), Aws::url_suffix())
    }

    /// The `execute-api` ARN of `stage`/`method`/`path`: `*` for stage and
    /// path when not given, `*` for [`Method::Any`], and `*` for each path
    /// parameter (`{sku}`, `{proxy+}`), which any value may fill.
    ///
    /// ```
    /// use rcdk_api::{HttpApi, HttpApiProps, Method};
    /// use rcdk_core::{App, StackProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let arn = api.arn_for_execute_api(Method::Get, Some("/inventory/{sku}"), None);
    /// assert!(format!("{:?}", arn.value()).contains("/*/GET/inventory/*"));
    /// ```
    pub fn arn_for_execute_api(&self, method: Method, path: Option<&str>, stage: Option<&str>) -> Expr<String> {
        let method = if method == Method::Any { "*" } else { method.as_str() };
        let path = path.map_or_else(|| "/*".to_owned(), path_parameters_as_wildcards);
        let stage = stage.unwrap_or("*");
        let tail = format!("/{stage}/{method}{path}");
        cfn_format!(
            "arn:{}:execute-api:{}:{}:{}{}",
            Aws::partition(),
            Aws::region(),
            Aws::account_id(),
            self.api_id(),
            tail
        )
    }

    /// Lets `grantee` call `method` on `path` (all paths when `None`) on any
    /// stage: `execute-api:Invoke` on exactly that ARN.
    pub fn grant_invoke(&self, grantee: &dyn IGrantable, method: Method, path: Option<&str>) -> Grant {
        Grant::add_to_principal(
            grantee,
            ["execute-api:Invoke"],
            [self.arn_for_execute_api(method, path, None)],
            &self.scope,
        )
    }

    /// Adds a route (`"GET /"`, `"ANY /{proxy+}"`) to an integration.
    pub fn add_route(&self, route_key: &str, integration: &AlbIntegration, auth: RouteAuth) {
        let valid = route_key.split_once(' ').is_some_and(|(m, p)| {
            ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"].contains(&m) && p.starts_with('/')
        }) || route_key == "$default";
        let node = self.scope.child(&route_id(route_key));
        let target = integration.integration_for(self, &node);
        if !valid {
            node.add_error(format!(
                "route key {route_key:?} is not \"METHOD /path\" (for example \"GET /items\") or \"$default\""
            ));
        }
        CfnRoute::new(
            &node,
            "Resource",
            CfnRouteProps {
                authorization_type: Some(
                    match auth {
                        RouteAuth::Iam => "AWS_IAM",
                        RouteAuth::None => "NONE",
                    }
                    .into(),
                ),
                target: Some(cfn_format!("integrations/{}", target)),
                ..CfnRouteProps::new(self.api_id(), route_key)
            },
        );
    }
}

/// `path` with each `{name}` or `{name+}` path parameter as `*`: an IAM
/// resource matches the path a caller requests, in which the parameter has
/// a value.
fn path_parameters_as_wildcards(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').filter(|&close| {
            let name = after[..close].strip_suffix('+').unwrap_or(&after[..close]);
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        });
        match close {
            Some(close) => {
                out.push_str(&rest[..open]);
                out.push('*');
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A route's construct id as the AWS CDK names it: `METHOD/path` with the
/// path separator written `--` (`GET /items` is `GET--items`), and
/// `DefaultRoute` for `$default`.
fn route_id(route_key: &str) -> String {
    if route_key == "$default" {
        return "DefaultRoute".into();
    }
    route_key.replacen(' ', "", 1).replace('/', "--")
}

/// The options of a [`VpcLink`].
#[derive(Clone, Debug)]
pub struct VpcLinkProps<'a> {
    /// The VPC to reach into.
    pub vpc: &'a Vpc,
}

/// A VPC link for HTTP APIs, in the VPC's private subnets, with its own
/// security group (outbound only to what integrations open).
///
/// Unlike the AWS CDK's `VpcLink`, which has no security group unless given
/// one, rcdk always makes one (`<id>/SecurityGroup`, the ID the CDK gives a
/// group added there) so the load balancer can admit the link and nothing else.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_network::{Vpc, VpcProps};
/// use rcdk_compute::*;
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
/// let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
/// let web = LoadBalancedFargateService::new(&stack, "Web", LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80));
/// let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &vpc });
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// api.add_route("GET /items", &AlbIntegration::new("WebIntegration", web.listener(), &link), RouteAuth::Iam);
/// app.synth().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct VpcLink {
    scope: Scope,
    link: CfnVpcLink,
    security_group: SecurityGroup,
}

impl Construct for VpcLink {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl VpcLink {
    /// Adds a VPC link.
    pub fn new(scope: &Scope, id: &str, props: VpcLinkProps) -> VpcLink {
        let node = scope.child(id);
        let security_group = SecurityGroup::new(
            &node,
            "SecurityGroup",
            SecurityGroupProps::new(props.vpc, &format!("{} VPC link", node.path())),
        );
        let subnets = props.vpc.select_subnets(SubnetType::Private, &node);
        let link = CfnVpcLink::new(
            &node,
            "Resource",
            CfnVpcLinkProps {
                security_group_ids: Some(vec![security_group.security_group_id()].into()),
                ..CfnVpcLinkProps::new(node.path().replace('/', "-"), subnets)
            },
        );
        VpcLink {
            scope: node,
            link,
            security_group,
        }
    }

    /// The VPC link id.
    pub fn vpc_link_id(&self) -> Expr<String> {
        self.link.reference()
    }

    /// The link's security group.
    pub fn security_group(&self) -> &SecurityGroup {
        &self.security_group
    }
}

/// An `HTTP_PROXY` integration through a VPC link to a load balancer listener.
/// Creating it opens the listener's port from the link's security group.
///
/// As the CDK's `HttpAlbIntegration`, it is named by its `id` and its
/// `AWS::ApiGatewayV2::Integration` sits under the first route of each API
/// that uses it: `Api/GET--/<id>/Resource`.
#[derive(Clone, Debug)]
pub struct AlbIntegration {
    id: String,
    listener: Listener,
    link: VpcLink,
    /// The integration resource of each API (by path) that routes to it.
    created: Rc<RefCell<Vec<(String, Expr<String>)>>>,
}

impl AlbIntegration {
    /// An integration named `id` with `listener`, reached through `link`.
    pub fn new(id: &str, listener: &Listener, link: &VpcLink) -> AlbIntegration {
        listener.allow_from(link.security_group(), "API Gateway VPC link");
        AlbIntegration {
            id: id.to_owned(),
            listener: listener.clone(),
            link: link.clone(),
            created: Rc::default(),
        }
    }

    /// The integration of `api`, created under `route` on first use.
    fn integration_for(&self, api: &HttpApi, route: &Scope) -> Expr<String> {
        let api_path = api.scope().path();
        if let Some((_, e)) = self.created.borrow().iter().find(|(p, _)| *p == api_path) {
            return e.clone();
        }
        let integration = CfnIntegration::new(
            &route.child(&self.id),
            "Resource",
            CfnIntegrationProps {
                connection_id: Some(self.link.vpc_link_id()),
                connection_type: Some("VPC_LINK".into()),
                integration_method: Some("ANY".into()),
                integration_uri: Some(self.listener.listener_arn()),
                payload_format_version: Some("1.0".into()),
                ..CfnIntegrationProps::new(api.api_id(), "HTTP_PROXY")
            },
        );
        self.created.borrow_mut().push((api_path, integration.reference()));
        integration.reference()
    }
}

impl rcdk_network::Connectable for VpcLink {
    fn connections(&self) -> &dyn rcdk_network::ISecurityGroup {
        &self.security_group
    }
}
