//! API destinations: rules that call an HTTPS endpoint of another party,
//! through a connection that holds the endpoint's credentials.

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::events::{
    api_destination, connection, CfnApiDestination, CfnApiDestinationProps, CfnConnection, CfnConnectionProps,
};
use rcdk_core::{Construct, Expr, Scope};
use rcdk_iam::{IRole, PolicyStatement, Role, RoleProps};

use crate::{IRuleTarget, Rule, RuleTarget};

pub use api_destination::HttpMethod;

/// How a connection authorizes its calls. Secret values should be dynamic
/// references (`{{resolve:secretsmanager:name:SecretString:key}}`): a
/// literal would be written into the template for anyone to read.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Authorization {
    /// An API key sent in the header `name`.
    ApiKey {
        /// The header name.
        name: String,
        /// The key.
        value: Expr<String>,
    },
    /// HTTP basic authentication.
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: Expr<String>,
    },
    /// OAuth client credentials: EventBridge gets a token from
    /// `authorization_endpoint` (HTTPS) and refreshes it as it expires.
    OAuth(OAuth),
}

pub use connection::OAuthParametersHttpMethod as OAuthHttpMethod;

/// The client credentials flow of [`Authorization::OAuth`].
///
/// ```
/// use rcdk_events::{OAuth, OAuthHttpMethod};
/// let oauth = OAuth::new(
///     "https://auth.partner.example.com/oauth2/token",
///     OAuthHttpMethod::Post,
///     "rcdk-client",
///     "{{resolve:secretsmanager:partner-oauth:SecretString:secret}}",
/// )
/// .body_parameter("grant_type", "client_credentials")
/// .header_parameter("x-tenant", "orders");
/// # let _ = oauth;
/// ```
#[derive(Clone, Debug)]
pub struct OAuth {
    authorization_endpoint: String,
    http_method: OAuthHttpMethod,
    client_id: String,
    client_secret: Expr<String>,
    body: Vec<(String, Expr<String>)>,
    headers: Vec<(String, Expr<String>)>,
    query: Vec<(String, Expr<String>)>,
}

impl OAuth {
    /// Credentials for the endpoint, sent with `http_method`.
    pub fn new(
        authorization_endpoint: &str,
        http_method: OAuthHttpMethod,
        client_id: &str,
        client_secret: impl Into<Expr<String>>,
    ) -> OAuth {
        OAuth {
            authorization_endpoint: authorization_endpoint.to_owned(),
            http_method,
            client_id: client_id.to_owned(),
            client_secret: client_secret.into(),
            body: Vec::new(),
            headers: Vec::new(),
            query: Vec::new(),
        }
    }

    /// A parameter of the token request's body (`grant_type`, `scope`, ...).
    ///
    /// ```
    /// # use rcdk_events::{OAuth, OAuthHttpMethod};
    /// let oauth = OAuth::new("https://a.example.com/token", OAuthHttpMethod::Post, "id", "{{resolve:ssm-secure:s}}")
    ///     .body_parameter("scope", "orders.write");
    /// # let _ = oauth;
    /// ```
    pub fn body_parameter(mut self, key: &str, value: impl Into<Expr<String>>) -> OAuth {
        self.body.push((key.to_owned(), value.into()));
        self
    }

    /// A header of the token request.
    ///
    /// ```
    /// # use rcdk_events::{OAuth, OAuthHttpMethod};
    /// let oauth = OAuth::new("https://a.example.com/token", OAuthHttpMethod::Post, "id", "{{resolve:ssm-secure:s}}")
    ///     .header_parameter("x-tenant", "orders");
    /// # let _ = oauth;
    /// ```
    pub fn header_parameter(mut self, key: &str, value: impl Into<Expr<String>>) -> OAuth {
        self.headers.push((key.to_owned(), value.into()));
        self
    }

    /// A query string parameter of the token request.
    ///
    /// ```
    /// # use rcdk_events::{OAuth, OAuthHttpMethod};
    /// let oauth = OAuth::new("https://a.example.com/token", OAuthHttpMethod::Get, "id", "{{resolve:ssm-secure:s}}")
    ///     .query_parameter("audience", "partner-api");
    /// # let _ = oauth;
    /// ```
    pub fn query_parameter(mut self, key: &str, value: impl Into<Expr<String>>) -> OAuth {
        self.query.push((key.to_owned(), value.into()));
        self
    }

    /// The CloudFormation parameters, after checking the endpoint and secret.
    fn parameters(self, node: &Scope) -> connection::OAuthParameters {
        if !self.authorization_endpoint.starts_with("https://") {
            node.add_error(format!(
                "OAuth authorization_endpoint {:?} is not one EventBridge calls; use an https:// URL",
                self.authorization_endpoint
            ));
        }
        check_secret(node, "OAuth client secret", &self.client_secret);
        let list = |items: Vec<(String, Expr<String>)>| {
            let params: Vec<connection::Parameter> = items
                .into_iter()
                .map(|(key, value)| connection::Parameter {
                    is_value_secret: None,
                    key: key.into(),
                    value,
                })
                .collect();
            (!params.is_empty()).then_some(params)
        };
        let http = connection::ConnectionHttpParameters {
            body_parameters: list(self.body),
            header_parameters: list(self.headers),
            query_string_parameters: list(self.query),
        };
        let any = http.body_parameters.is_some()
            || http.header_parameters.is_some()
            || http.query_string_parameters.is_some();
        let client = connection::ClientParameters::new(self.client_id, self.client_secret);
        let mut parameters = connection::OAuthParameters::new(self.authorization_endpoint, client, self.http_method);
        parameters.o_auth_http_parameters = any.then_some(http);
        parameters
    }
}

/// The options of a [`Connection`].
#[derive(Clone, Debug)]
pub struct ConnectionProps {
    /// How calls are authorized.
    pub authorization: Authorization,
    /// A description.
    pub description: Option<String>,
}

/// An EventBridge connection: the credentials API destinations call with,
/// kept by EventBridge in a secret of its own. Its `AWS::Events::Connection`
/// is at `<id>/Connection`, the AWS CDK's path.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_events::{Authorization, Connection, ConnectionProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Connection::new(&stack, "Partner", ConnectionProps {
///     authorization: Authorization::ApiKey {
///         name: "x-api-key".into(),
///         value: "{{resolve:secretsmanager:partner-key:SecretString:::}}".into(),
///     },
///     description: None,
/// });
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("API_KEY"));
/// ```
#[derive(Clone, Debug)]
pub struct Connection {
    scope: Scope,
    connection: CfnConnection,
}

impl Construct for Connection {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

/// Warns when a secret is written into the template as a literal.
fn check_secret(node: &Scope, what: &str, value: &Expr<String>) {
    if let Some(literal) = value.value().as_str() {
        if !literal.starts_with("{{resolve:") {
            node.add_warning(format!(
                "the connection's {what} is a literal, so it is written into the template for anyone who can read it; pass a dynamic reference such as {{{{resolve:secretsmanager:NAME:SecretString:KEY}}}}"
            ));
        }
    }
}

impl Connection {
    /// Adds a connection.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: ConnectionProps) -> Connection {
        let node = scope.child(id);
        let (kind, parameters) = match props.authorization {
            Authorization::ApiKey { name, value } => {
                check_secret(&node, "API key", &value);
                let key = connection::ApiKeyAuthParameters::new(name, value);
                let parameters = connection::AuthParameters {
                    api_key_auth_parameters: Some(key),
                    ..Default::default()
                };
                (connection::AuthorizationType::ApiKey, parameters)
            }
            Authorization::Basic { username, password } => {
                check_secret(&node, "password", &password);
                let basic = connection::BasicAuthParameters::new(password, username);
                let parameters = connection::AuthParameters {
                    basic_auth_parameters: Some(basic),
                    ..Default::default()
                };
                (connection::AuthorizationType::Basic, parameters)
            }
            Authorization::OAuth(oauth) => {
                let parameters = connection::AuthParameters {
                    o_auth_parameters: Some(oauth.parameters(&node)),
                    ..Default::default()
                };
                (connection::AuthorizationType::OauthClientCredentials, parameters)
            }
        };
        let connection = CfnConnection::new(
            &node,
            "Connection",
            CfnConnectionProps {
                auth_parameters: Some(parameters),
                authorization_type: Some(kind.into()),
                description: props.description.map(Into::into),
                ..Default::default()
            },
        );
        Connection {
            scope: node,
            connection,
        }
    }

    /// The connection ARN.
    #[track_caller]
    pub fn connection_arn(&self) -> Expr<String> {
        self.connection.attr_arn()
    }

    /// The L1 connection, to adjust any property with its typed setters.
    pub fn cfn(&self) -> &CfnConnection {
        &self.connection
    }
}

/// The options of an [`ApiDestination`].
#[derive(Clone, Debug)]
pub struct ApiDestinationProps<'a> {
    /// The connection whose credentials the calls carry.
    pub connection: &'a Connection,
    /// The HTTPS endpoint (one `*` may stand for a path parameter).
    pub endpoint: String,
    /// The method.
    pub http_method: HttpMethod,
    /// Calls per second at most (1 to 300). Default EventBridge's (300).
    pub rate_limit_per_second: Option<u32>,
}

/// An HTTPS endpoint a rule can call: its `AWS::Events::ApiDestination` is
/// at `<id>/ApiDestination`, the AWS CDK's path.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_events::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let connection = Connection::new(&stack, "Connection", ConnectionProps {
///     authorization: Authorization::ApiKey { name: "x-api-key".into(), value: "{{resolve:secretsmanager:k:SecretString:::}}".into() },
///     description: None,
/// });
/// let partner = ApiDestination::new(&stack, "Partner", ApiDestinationProps {
///     connection: &connection,
///     endpoint: "https://partner.example.com/orders".into(),
///     http_method: HttpMethod::Post,
///     rate_limit_per_second: Some(10),
/// });
/// let rule = Rule::new(&stack, "Rule", RuleProps::matching(EventPattern::new().source(["orders"])));
/// rule.add_target(&targets::ApiDestination::new(&partner));
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("events:InvokeApiDestination"));
/// ```
#[derive(Clone, Debug)]
pub struct ApiDestination {
    scope: Scope,
    destination: CfnApiDestination,
    role: Rc<RefCell<Option<Role>>>,
}

impl Construct for ApiDestination {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ApiDestination {
    /// Adds an API destination.
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: ApiDestinationProps) -> ApiDestination {
        let node = scope.child(id);
        let endpoint = &props.endpoint;
        if !endpoint.starts_with("https://") || endpoint.matches('*').count() > 1 {
            node.add_error(format!(
                "endpoint {endpoint:?} is not one EventBridge calls; use an https:// URL with at most one * for a path parameter"
            ));
        }
        if props.rate_limit_per_second.is_some_and(|r| !(1..=300).contains(&r)) {
            node.add_error("rate_limit_per_second is out of range; EventBridge accepts 1 to 300 calls per second");
        }
        let destination = CfnApiDestination::new(
            &node,
            "ApiDestination",
            CfnApiDestinationProps {
                invocation_rate_limit_per_second: props.rate_limit_per_second.map(|r| Expr::from(i64::from(r))),
                ..CfnApiDestinationProps::new(props.connection.connection_arn(), props.http_method, endpoint.as_str())
            },
        );
        ApiDestination {
            scope: node,
            destination,
            role: Rc::default(),
        }
    }

    /// The API destination ARN.
    pub fn api_destination_arn(&self) -> Expr<String> {
        self.destination.attr_arn()
    }

    /// The L1 API destination, to adjust any property with its typed setters.
    pub fn cfn(&self) -> &CfnApiDestination {
        &self.destination
    }

    /// The role EventBridge calls through (`<id>/EventsRole`, made once and
    /// shared by every rule that targets this destination, as the CDK's).
    fn events_role(&self) -> Role {
        self.role
            .borrow_mut()
            .get_or_insert_with(|| {
                let role = Role::new(&self.scope, "EventsRole", RoleProps::assumed_by("events.amazonaws.com"));
                role.add_to_policy(PolicyStatement::allow(
                    ["events:InvokeApiDestination"],
                    [self.api_destination_arn()],
                ));
                role
            })
            .clone()
    }
}

/// Calls an API destination with the matched event.
pub struct ApiDestinationTarget<'a> {
    destination: &'a ApiDestination,
}

impl IRuleTarget for ApiDestinationTarget<'_> {
    fn bind(&self, _rule: &Rule) -> RuleTarget {
        RuleTarget {
            arn: self.destination.api_destination_arn(),
            role_arn: Some(self.destination.events_role().role_arn()),
            message_group_id: None,
        }
    }
}

impl<'a> ApiDestinationTarget<'a> {
    /// An API destination target.
    pub fn new(destination: &'a ApiDestination) -> ApiDestinationTarget<'a> {
        ApiDestinationTarget { destination }
    }
}
