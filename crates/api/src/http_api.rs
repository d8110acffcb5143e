//! HTTP APIs: [`HttpApi`] defined in the app, [`ImportedHttpApi`] by id,
//! both [`IHttpApi`]s that grants and callers (a state machine's
//! `CallHttpApi`) accept alike.

use std::cell::RefCell;
use std::fmt::Debug;
use std::rc::Rc;

use rcdk_cfn::api_gateway_v2::*;
use rcdk_core::{cfn_format, Aws, Construct, Duration, Expr, Scope};
use rcdk_iam::{Grant, IGrantable};
use rcdk_logs::{ILogGroup, LogGroup, LogGroupProps};

use crate::route::{parse_route_key, path_parameters_as_wildcards, route_id};
use crate::{HttpJwtAuthorizer, IDomainName, IHttpRouteIntegration, Method, RouteAuth, RouteInfo};

/// A shared handle to an HTTP API, for constructs that keep one lent as
/// `&dyn IHttpApi` (every `Clone` API has it).
pub trait ShareHttpApi {
    /// A shared handle to the same API.
    ///
    /// ```
    /// use rcdk_api::{HttpApi, HttpApiProps, IHttpApi, ShareHttpApi};
    /// use rcdk_core::{App, StackProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let lent: &dyn IHttpApi = &HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let kept = lent.share_http_api();
    /// assert_eq!(kept.api_id().value(), lent.api_id().value());
    /// ```
    fn share_http_api(&self) -> Rc<dyn IHttpApi>;
}

impl<T: IHttpApi + Clone + 'static> ShareHttpApi for T {
    fn share_http_api(&self) -> Rc<dyn IHttpApi> {
        Rc::new(self.clone())
    }
}

/// An HTTP API, defined in the app or imported: what callers and grants need.
pub trait IHttpApi: Construct + Debug + ShareHttpApi {
    /// The API id.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, IHttpApi};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api: &dyn IHttpApi = &HttpApi::from_id(&stack, "Shared", "a1b2c3d4e5");
    /// assert_eq!(api.api_id().value().as_str(), Some("a1b2c3d4e5"));
    /// ```
    fn api_id(&self) -> Expr<String>;

    /// The endpoint URL (`https://{id}.execute-api.{region}.amazonaws.com`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, IHttpApi};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::from_id(&stack, "Shared", "a1b2c3d4e5");
    /// assert!(format!("{:?}", api.api_endpoint().value()).contains("https://a1b2c3d4e5.execute-api."));
    /// ```
    fn api_endpoint(&self) -> Expr<String> {
        cfn_format!("https://{}", self.api_host())
    }

    /// The endpoint host without scheme, as Step Functions' `apigateway:invoke` takes it.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, IHttpApi};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::from_id(&stack, "Shared", "a1b2c3d4e5");
    /// assert!(format!("{:?}", api.api_host().value()).contains("a1b2c3d4e5.execute-api."));
    /// ```
    fn api_host(&self) -> Expr<String> {
        cfn_format!("{}.execute-api.{}.{}", self.api_id(), Aws::region(), Aws::url_suffix())
    }

    /// The `execute-api` ARN of `stage`/`method`/`path`: `*` for stage and
    /// path when not given, `*` for [`Method::Any`], and `*` for each path
    /// parameter (`{sku}`, `{proxy+}`), which any value may fill.
    ///
    /// ```
    /// use rcdk_api::{HttpApi, HttpApiProps, IHttpApi, Method};
    /// use rcdk_core::{App, StackProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::from_id(&stack, "Shared", "a1b2c3d4e5");
    /// let arn = api.arn_for_execute_api(Method::Get, Some("/inventory/{sku}"), None);
    /// assert!(format!("{:?}", arn.value()).contains("/*/GET/inventory/*"));
    /// ```
    fn arn_for_execute_api(&self, method: Method, path: Option<&str>, stage: Option<&str>) -> Expr<String> {
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
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_api::{HttpApi, IHttpApi, Method};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::from_id(&stack, "Shared", "a1b2c3d4e5");
    /// let role = Role::new(&stack, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(api.grant_invoke(&role, Method::Get, Some("/items")).success());
    /// ```
    fn grant_invoke(&self, grantee: &dyn IGrantable, method: Method, path: Option<&str>) -> Grant {
        Grant::add_to_principal(
            grantee,
            ["execute-api:Invoke"],
            [self.arn_for_execute_api(method, path, None)],
            self.scope(),
        )
    }

    /// The routes the app gave the API, so far (`None` for an imported
    /// API, whose routes the app does not know): what a caller checks that
    /// some route serves its call, and how ([`RouteInfo::select`]).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// api.add_route("GET /items/{id}", &HttpUrlIntegration::new("Up", "https://up.example.com"), RouteAuth::Iam);
    /// let routes = api.routes().unwrap();
    /// assert_eq!(RouteInfo::select(&routes, Method::Get, "/items/7").unwrap().authorization, RouteAuthorizationType::Iam);
    /// assert!(HttpApi::from_id(&stack, "Shared", "a1b2c3d4e5").routes().is_none());
    /// ```
    fn routes(&self) -> Option<Vec<RouteInfo>>;
}

/// The CORS rules of an API: API Gateway answers preflight `OPTIONS`
/// requests and adds the headers to responses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorsPreflight {
    /// The origins allowed (`https://app.example.com`, or `*` for any).
    pub allow_origins: Vec<String>,
    /// The methods allowed ([`Method::Any`] for any).
    pub allow_methods: Vec<Method>,
    /// The request headers allowed.
    pub allow_headers: Vec<String>,
    /// The response headers a browser lets scripts read.
    pub expose_headers: Vec<String>,
    /// How long a browser keeps a preflight answer (whole seconds, at most
    /// a day). Default none: the browser's own.
    pub max_age: Option<Duration>,
    /// Whether a browser may send credentials (cookies, authorization
    /// headers); not with the origin `*`.
    pub allow_credentials: bool,
}

/// The throttling of the default stage's routes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Throttle {
    /// Steady-state requests per second.
    pub rate_limit: f64,
    /// Requests at once above the rate.
    pub burst_limit: u32,
}

/// The options of an [`HttpApi`].
#[derive(Clone, Debug)]
pub struct HttpApiProps<'a> {
    /// The API name; default the construct path.
    pub name: Option<String>,
    /// Days to keep the stage's access logs. Default 30.
    pub access_log_retention_days: u32,
    /// The access-log line, with `$context` variables; it must have
    /// `$context.requestId` or `$context.extendedRequestId`. Default a JSON
    /// line of the request id, caller, route, status and integration error.
    pub access_log_format: Option<String>,
    /// CORS rules. Default none: browsers on other origins cannot call the API.
    pub cors: Option<CorsPreflight>,
    /// Throttling of every route of the default stage. Default the
    /// account's limits.
    pub throttle: Option<Throttle>,
    /// A custom domain that serves the API's default stage at its root.
    pub default_domain_mapping: Option<&'a dyn IDomainName>,
}

impl Default for HttpApiProps<'_> {
    fn default() -> Self {
        HttpApiProps {
            name: None,
            access_log_retention_days: 30,
            access_log_format: None,
            cors: None,
            throttle: None,
            default_domain_mapping: None,
        }
    }
}

/// A route of the API, and the node errors about it go to.
#[derive(Clone, Debug)]
struct Route {
    key: String,
    node: Scope,
    info: Option<RouteInfo>,
}

/// An API Gateway HTTP API with an auto-deployed `$default` stage that
/// writes access logs.
///
/// Construct paths are the AWS CDK's `HttpApi`: the API at `Resource`, the
/// stage at `DefaultStage/Resource`, routes at `GET--items/Resource`, a JWT
/// authorizer at `<id>/Resource`, the default domain mapping at
/// `DefaultStage/<domain path with -- for />undefined/Resource`. rcdk adds
/// what the CDK leaves out: the access-log group `AccessLogs/Resource`.
///
/// ```
/// use rcdk_core::{App, Duration, StackProps};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let api = HttpApi::new(&stack, "Api", HttpApiProps {
///     cors: Some(CorsPreflight {
///         allow_origins: vec!["https://app.example.com".into()],
///         allow_methods: vec![Method::Get],
///         max_age: Some(Duration::hours(1)),
///         ..Default::default()
///     }),
///     throttle: Some(Throttle { rate_limit: 100.0, burst_limit: 50 }),
///     ..Default::default()
/// });
/// api.add_route("GET /items", &HttpUrlIntegration::new("Items", "https://items.example.com"), RouteAuth::None);
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("MaxAge: 3600") && yaml.contains("ThrottlingBurstLimit: 50"));
/// ```
#[derive(Clone, Debug)]
pub struct HttpApi {
    scope: Scope,
    api: CfnApi,
    stage: CfnStage,
    access_logs: LogGroup,
    domain_mapping: Option<CfnApiMapping>,
    routes: Rc<RefCell<Vec<Route>>>,
    authorizers: Authorizers,
}

/// The JWT authorizers an API made, with their ids.
type Authorizers = Rc<RefCell<Vec<(HttpJwtAuthorizer, Expr<String>)>>>;

impl Construct for HttpApi {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IHttpApi for HttpApi {
    fn api_id(&self) -> Expr<String> {
        self.api.reference()
    }

    fn api_endpoint(&self) -> Expr<String> {
        self.api.attr_api_endpoint()
    }

    fn routes(&self) -> Option<Vec<RouteInfo>> {
        Some(self.routes.borrow().iter().filter_map(|r| r.info.clone()).collect())
    }
}

const ACCESS_LOG_FORMAT: &str = r#"{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","caller":"$context.identity.caller","user":"$context.identity.user","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage"}"#;

impl HttpApi {
    /// Adds an HTTP API and its default stage.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, HttpApiProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// HttpApi::new(&stack, "Api", HttpApiProps { access_log_format: Some("$context.requestId $context.status".into()), ..Default::default() });
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Format: $context.requestId $context.status"));
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: HttpApiProps) -> HttpApi {
        let node = scope.child(id);
        let name = props.name.unwrap_or_else(|| node.path().replace('/', "-"));
        if name.is_empty() || name.chars().count() > 128 {
            node.add_error(format!(
                "the API name has {} characters; API Gateway accepts 1 to 128",
                name.chars().count()
            ));
        }
        let cors = props.cors.as_ref().map(|c| cors_configuration(&node, c));
        let api = CfnApi::new(
            &node,
            "Resource",
            CfnApiProps {
                cors_configuration: cors,
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
        let format = props.access_log_format.as_deref().unwrap_or(ACCESS_LOG_FORMAT);
        if !has_request_id(format) {
            node.add_error(format!(
                "the access log format {format:?} has no request id, which API Gateway requires; add $context.requestId or $context.extendedRequestId"
            ));
        }
        let stage_node = node.child("DefaultStage");
        let stage = CfnStage::new(
            &stage_node,
            "Resource",
            CfnStageProps {
                auto_deploy: Some(true.into()),
                default_route_settings: props.throttle.map(|t| throttle_settings(&node, t)),
                ..CfnStageProps::new(api.reference(), "$default")
            },
        );
        // Set after, not in the props, so the property keeps its place in
        // templates written before (the reviewed snapshots).
        stage.set_access_log_settings(stage::AccessLogSettings {
            destination_arn: Some(logs.log_group_arn()),
            format: Some(format.into()),
        });
        let domain_mapping = props.default_domain_mapping.map(|domain| {
            // The CDK names the mapping after the domain construct's path,
            // `/` sanitized to `--`, plus its mapping key, which is
            // `undefined` without one; the same id gives the same logical ID.
            let id = format!("{}undefined", domain.scope().path().replace('/', "--"));
            // A stage mapped to a domain depends on it, so both go in after it.
            stage_node.add_dependency(domain.scope());
            let mapping = CfnApiMapping::new(
                &stage_node.child(&id),
                "Resource",
                CfnApiMappingProps::new(api.reference(), domain.name(), "$default"),
            );
            mapping.add_depends_on(&stage);
            mapping
        });
        HttpApi {
            scope: node,
            api,
            stage,
            access_logs: logs,
            domain_mapping,
            routes: Rc::default(),
            authorizers: Rc::default(),
        }
    }

    /// Imports an existing API by id: it can be granted and called, but the
    /// app does not know its routes. A literal id is checked (10 lowercase
    /// letters and digits).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::HttpApi;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// HttpApi::from_id(&stack, "Shared", "A1B2C3");
    /// assert!(app.synth().is_err());
    /// ```
    #[track_caller]
    pub fn from_id(scope: &Scope, id: &str, api_id: impl Into<Expr<String>>) -> ImportedHttpApi {
        let node = scope.child(id);
        let api_id = api_id.into();
        if let Some(literal) = api_id.value().as_str() {
            if literal.len() != 10 || !literal.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
                node.add_error(format!(
                    "HttpApi::from_id: {literal:?} is not an API id; use the 10 lowercase letters and digits API Gateway gave the API (as in a1b2c3d4e5)"
                ));
            }
        }
        ImportedHttpApi { scope: node, api_id }
    }

    /// The API id (as [`IHttpApi::api_id`], without importing the trait).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, HttpApiProps};
    /// let app = App::new();
    /// let api = HttpApi::new(&app.stack("S", StackProps::default()), "Api", HttpApiProps::default());
    /// assert!(!api.api_id().is_literal());
    /// ```
    pub fn api_id(&self) -> Expr<String> {
        IHttpApi::api_id(self)
    }

    /// The endpoint URL (as [`IHttpApi::api_endpoint`]).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, HttpApiProps};
    /// let app = App::new();
    /// let api = HttpApi::new(&app.stack("S", StackProps::default()), "Api", HttpApiProps::default());
    /// assert!(format!("{:?}", api.api_endpoint().value()).contains("ApiEndpoint"));
    /// ```
    pub fn api_endpoint(&self) -> Expr<String> {
        IHttpApi::api_endpoint(self)
    }

    /// The endpoint host (as [`IHttpApi::api_host`]).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, HttpApiProps};
    /// let app = App::new();
    /// let api = HttpApi::new(&app.stack("S", StackProps::default()), "Api", HttpApiProps::default());
    /// assert!(format!("{:?}", api.api_host().value()).contains(".execute-api."));
    /// ```
    pub fn api_host(&self) -> Expr<String> {
        IHttpApi::api_host(self)
    }

    /// The `execute-api` ARN (as [`IHttpApi::arn_for_execute_api`]).
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
        IHttpApi::arn_for_execute_api(self, method, path, stage)
    }

    /// Lets `grantee` call `method` on `path` (as [`IHttpApi::grant_invoke`]).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_api::{HttpApi, HttpApiProps, Method};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let role = Role::new(&stack, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(api.grant_invoke(&role, Method::Any, None).success());
    /// ```
    #[track_caller]
    pub fn grant_invoke(&self, grantee: &dyn IGrantable, method: Method, path: Option<&str>) -> Grant {
        IHttpApi::grant_invoke(self, grantee, method, path)
    }

    /// The routes so far (as [`IHttpApi::routes`], never `None`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let api = HttpApi::new(&app.stack("S", StackProps::default()), "Api", HttpApiProps::default());
    /// api.add_route("$default", &HttpUrlIntegration::new("Up", "https://up.example.com"), RouteAuth::Iam);
    /// assert_eq!(api.routes().unwrap()[0].path, None);
    /// ```
    #[track_caller]
    pub fn routes(&self) -> Option<Vec<RouteInfo>> {
        IHttpApi::routes(self)
    }

    /// Adds a route (`"GET /"`, `"ANY /{proxy+}"`, `"$default"`) to an
    /// integration, at `<api>/<METHOD--path>/Resource` (the CDK's path). A
    /// key API Gateway would refuse (no method or path, an unknown method,
    /// an unbalanced or empty `{}`, a greedy `{name+}` before the last
    /// segment) is an error naming the route, and a key added twice is an
    /// error on the first route, the second not made (`None`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let up = HttpUrlIntegration::new("Up", "https://up.example.com");
    /// assert!(api.add_route("GET /files/{path+}", &up, RouteAuth::Iam).is_some());
    /// assert!(api.add_route("GET /files/{path+}", &up, RouteAuth::Iam).is_none());
    /// assert!(app.synth().is_err());
    /// ```
    #[track_caller]
    pub fn add_route(
        &self,
        route_key: &str,
        integration: &dyn IHttpRouteIntegration,
        auth: RouteAuth,
    ) -> Option<CfnRoute> {
        let first = self
            .routes
            .borrow()
            .iter()
            .find(|r| r.key == route_key)
            .map(|r| r.node.clone());
        if let Some(first) = first {
            first.add_error(format!(
                "route key {route_key:?} is added twice to this API, and API Gateway takes each key once; add the route once, or give the other one another method or path"
            ));
            return None;
        }
        let node = self.scope.child(&route_id(route_key));
        let target = integration.bind(self, &node);
        integration.complete_bind(self, &node, route_key);
        let parsed = parse_route_key(route_key);
        if let Err(problems) = &parsed {
            for problem in problems {
                node.add_error(problem.as_str());
            }
        }
        let authorizer_id = match &auth {
            RouteAuth::Jwt(authorizer) => Some(self.authorizer(authorizer)),
            RouteAuth::Iam | RouteAuth::None => None,
        };
        let route = CfnRoute::new(
            &node,
            "Resource",
            CfnRouteProps {
                authorization_type: Some(auth.authorization_type().as_str().into()),
                authorizer_id,
                target: Some(cfn_format!("integrations/{}", target)),
                ..CfnRouteProps::new(self.api_id(), route_key)
            },
        );
        let info = parsed.ok().map(|parsed| {
            let (method, path) = parsed.map_or((Method::Any, None), |(m, p)| (m, Some(p)));
            RouteInfo {
                route_key: route_key.to_owned(),
                method,
                path,
                authorization: auth.authorization_type(),
            }
        });
        self.routes.borrow_mut().push(Route {
            key: route_key.to_owned(),
            node,
            info,
        });
        Some(route)
    }

    /// The id of `authorizer` on this API, made on its first route. Another
    /// authorizer of the same id is an error: the id names one resource.
    fn authorizer(&self, authorizer: &HttpJwtAuthorizer) -> Expr<String> {
        let known = self
            .authorizers
            .borrow()
            .iter()
            .find(|(a, _)| a.id() == authorizer.id())
            .map(|(a, id)| (a == authorizer, id.clone()));
        match known {
            Some((same, id)) => {
                if !same {
                    self.scope.add_error(format!(
                        "two JWT authorizers named {:?} differ in issuer, audience or identity source; use the same authorizer on every route, or give the other one another id",
                        authorizer.id()
                    ));
                }
                id
            }
            None => {
                let id = authorizer.create(&self.scope, self.api_id()).reference();
                self.authorizers.borrow_mut().push((authorizer.clone(), id.clone()));
                id
            }
        }
    }

    /// The L1 API, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, HttpApiProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// api.cfn().set_disable_execute_api_endpoint(true);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("DisableExecuteApiEndpoint: true"));
    /// ```
    pub fn cfn(&self) -> &CfnApi {
        &self.api
    }

    /// The L1 `$default` stage (`DefaultStage/Resource`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, HttpApiProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// api.default_stage().set_description("production");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("Description: production"));
    /// ```
    pub fn default_stage(&self) -> &CfnStage {
        &self.stage
    }

    /// The log group of the stage's access logs (`AccessLogs`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::{HttpApi, HttpApiProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// api.access_logs().cfn().set_retention_in_days(90);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("RetentionInDays: 90"));
    /// ```
    pub fn access_logs(&self) -> &LogGroup {
        &self.access_logs
    }

    /// The L1 mapping of the default stage to
    /// [`HttpApiProps::default_domain_mapping`], when given.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_api::*;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let domain = DomainName::new(&stack, "Domain", DomainNameProps::new("api.example.com", "arn:aws:acm:eu-west-1:111111111111:certificate/abc"));
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps { default_domain_mapping: Some(&domain), ..Default::default() });
    /// api.domain_mapping().unwrap().set_api_mapping_key("v1");
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("ApiMappingKey: v1"));
    /// ```
    pub fn domain_mapping(&self) -> Option<&CfnApiMapping> {
        self.domain_mapping.as_ref()
    }
}

/// Whether an access-log format has the request id API Gateway requires
/// (`$context.requestId` or `$context.extendedRequestId`, as a whole word).
fn has_request_id(format: &str) -> bool {
    ["$context.requestId", "$context.extendedRequestId"].iter().any(|var| {
        format.match_indices(var).any(|(at, _)| {
            format[at + var.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
        })
    })
}

fn cors_configuration(node: &Scope, cors: &CorsPreflight) -> api::Cors {
    if cors.allow_credentials && cors.allow_origins.iter().any(|o| o == "*") {
        node.add_error(
            "CORS allow_credentials with the origin \"*\" is refused by API Gateway (browsers send credentials only to named origins); list the origins allowed",
        );
    }
    let max_age = cors.max_age.and_then(|age| match age.to_seconds() {
        Some(s) if s <= 86_400 => Some(Expr::from(s as i64)),
        _ => {
            node.add_error(format!(
                "CORS max_age of {age} is not one API Gateway accepts; use whole seconds up to a day"
            ));
            None
        }
    });
    let list = |items: &[String]| (!items.is_empty()).then(|| items.to_vec().into());
    let methods: Vec<String> = cors
        .allow_methods
        .iter()
        .map(|m| if *m == Method::Any { "*" } else { m.as_str() }.to_owned())
        .collect();
    api::Cors {
        allow_credentials: cors.allow_credentials.then(|| true.into()),
        allow_headers: list(&cors.allow_headers),
        allow_methods: list(&methods),
        allow_origins: list(&cors.allow_origins),
        expose_headers: list(&cors.expose_headers),
        max_age,
    }
}

fn throttle_settings(node: &Scope, throttle: Throttle) -> stage::RouteSettings {
    if !throttle.rate_limit.is_finite() || throttle.rate_limit < 0.0 {
        node.add_error(format!(
            "throttle rate_limit {} is not a number of requests per second; give zero or more",
            throttle.rate_limit
        ));
    } else if throttle.rate_limit == 0.0 || throttle.burst_limit == 0 {
        node.add_warning(
            "a throttle rate_limit or burst_limit of 0 makes API Gateway refuse every request (429); raise it, or leave throttle unset for the account's limits",
        );
    }
    stage::RouteSettings {
        throttling_burst_limit: Some(throttle.burst_limit.into()),
        throttling_rate_limit: Some(throttle.rate_limit.into()),
        ..Default::default()
    }
}

/// An API that exists outside the app, imported with [`HttpApi::from_id`].
#[derive(Clone, Debug)]
pub struct ImportedHttpApi {
    scope: Scope,
    api_id: Expr<String>,
}

impl Construct for ImportedHttpApi {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IHttpApi for ImportedHttpApi {
    fn api_id(&self) -> Expr<String> {
        self.api_id.clone()
    }

    fn routes(&self) -> Option<Vec<RouteInfo>> {
        None
    }
}
