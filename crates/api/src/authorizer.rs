//! JWT authorizers: [`HttpJwtAuthorizer`], given to routes through
//! [`RouteAuth::Jwt`](crate::RouteAuth::Jwt).

use rcdk_cfn::api_gateway_v2::{authorizer, CfnAuthorizer, CfnAuthorizerProps};
use rcdk_core::{Expr, Scope};

/// A JWT authorizer: API Gateway checks the token a caller sends against
/// the issuer's keys and the audiences. As the AWS CDK's
/// `HttpJwtAuthorizer`, it is named by its id, and its
/// `AWS::ApiGatewayV2::Authorizer` sits at `<api>/<id>/Resource`, made once
/// per API however many routes use it.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_api::*;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// let jwt = HttpJwtAuthorizer::new("Jwt", "https://issuer.example.com", ["orders"]);
/// let upstream = HttpUrlIntegration::new("Upstream", "https://upstream.example.com");
/// api.add_route("GET /orders", &upstream, RouteAuth::Jwt(jwt.clone()));
/// api.add_route("POST /orders", &upstream, RouteAuth::Jwt(jwt));
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert_eq!(yaml.matches("AWS::ApiGatewayV2::Authorizer").count(), 1);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct HttpJwtAuthorizer {
    id: String,
    issuer: Expr<String>,
    audience: Vec<Expr<String>>,
    identity_source: Vec<String>,
}

impl HttpJwtAuthorizer {
    /// An authorizer named `id` taking tokens of `issuer` (its base URL, as
    /// `https://cognito-idp.<region>.amazonaws.com/<user pool id>`) for one
    /// of `audience`, from the `Authorization` header.
    ///
    /// ```
    /// let jwt = rcdk_api::HttpJwtAuthorizer::new("Jwt", "https://issuer.example.com", ["orders"]);
    /// assert_eq!(jwt.id(), "Jwt");
    /// ```
    #[track_caller]
    pub fn new<A: Into<Expr<String>>>(
        id: &str,
        issuer: impl Into<Expr<String>>,
        audience: impl IntoIterator<Item = A>,
    ) -> HttpJwtAuthorizer {
        HttpJwtAuthorizer {
            id: id.to_owned(),
            issuer: issuer.into(),
            audience: audience.into_iter().map(Into::into).collect(),
            identity_source: vec!["$request.header.Authorization".to_owned()],
        }
    }

    /// Where the token is read from instead of the `Authorization` header:
    /// one `$request.header.<name>` or `$request.querystring.<name>`.
    ///
    /// ```
    /// let jwt = rcdk_api::HttpJwtAuthorizer::new("Jwt", "https://issuer.example.com", ["orders"])
    ///     .identity_source("$request.header.X-Token");
    /// # let _ = jwt;
    /// ```
    pub fn identity_source(mut self, source: &str) -> HttpJwtAuthorizer {
        self.identity_source = vec![source.to_owned()];
        self
    }

    /// The authorizer's id (and name).
    ///
    /// ```
    /// assert_eq!(rcdk_api::HttpJwtAuthorizer::new("Auth0", "https://example.auth0.com/", ["api"]).id(), "Auth0");
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Writes the authorizer of `api_id` under `api`, after checking what
    /// API Gateway would refuse (an error on the authorizer's construct).
    pub(crate) fn create(&self, api: &Scope, api_id: Expr<String>) -> CfnAuthorizer {
        let node = api.child(&self.id);
        if let Some(issuer) = self.issuer.value().as_str() {
            let host = issuer.strip_prefix("https://").unwrap_or_default();
            if host.is_empty() || host.starts_with('/') {
                node.add_error(format!(
                    "the JWT issuer {issuer:?} is not an https:// URL; API Gateway reads the issuer's keys over HTTPS only, so give its base URL, as in https://cognito-idp.<region>.amazonaws.com/<user pool id>"
                ));
            }
        }
        if self.audience.is_empty() {
            node.add_error(
                "the JWT authorizer has no audience, and API Gateway needs at least one; list the client ids (aud values) tokens are issued for",
            );
        }
        for source in &self.identity_source {
            let name = source
                .strip_prefix("$request.header.")
                .or_else(|| source.strip_prefix("$request.querystring."));
            if name.is_none_or(str::is_empty) {
                node.add_error(format!(
                    "the JWT identity source {source:?} is not one API Gateway reads a token from; use $request.header.<name> or $request.querystring.<name>"
                ));
            }
        }
        CfnAuthorizer::new(
            &node,
            "Resource",
            CfnAuthorizerProps {
                identity_source: Some(self.identity_source.clone().into()),
                jwt_configuration: Some(authorizer::JwtConfiguration {
                    audience: Some(self.audience.clone().into()),
                    issuer: Some(self.issuer.clone()),
                }),
                ..CfnAuthorizerProps::new(api_id, "JWT", self.id.as_str())
            },
        )
    }
}
