//! API Gateway HTTP APIs for rcdk: [`HttpApi`] with routes authorized by
//! IAM, a JWT authorizer or nothing, CORS, throttling, an auto-deployed
//! `$default` stage with access logging and a custom [`DomainName`]; route
//! integrations to a private load balancer through a [`VpcLink`]
//! ([`AlbIntegration`]), to a URL ([`HttpUrlIntegration`]), and to AWS
//! services with a role of their own ([`SqsSendMessageIntegration`],
//! [`EventBridgePutEventsIntegration`],
//! [`StepFunctionsStartExecutionIntegration`]); to a Lambda function, with
//! its permission scoped to the route ([`LambdaIntegration`]); and
//! `grant_invoke`. An API
//! that exists outside the app is imported ([`HttpApi::from_id`]) and
//! granted or called wherever a defined one is, through [`IHttpApi`].
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_api::*;
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
//! let jwt = HttpJwtAuthorizer::new("Jwt", "https://issuer.example.com", ["orders"]);
//! api.add_route("GET /orders/{id}", &HttpUrlIntegration::new("Upstream", "https://upstream.example.com/orders/{id}"), RouteAuth::Jwt(jwt));
//! let _endpoint = api.api_endpoint();
//! app.synth().unwrap();
//! ```
//!
//! Logical IDs are the AWS CDK's (`crates/api/tests/cdk.rs` compares them
//! with the CDK's own templates), except what rcdk adds: the stage's
//! access-log group and a VPC link's security group.

#![warn(missing_docs)]

mod authorizer;
mod domain;
mod http_api;
mod integrations;
mod route;
mod vpc_link;

pub use authorizer::HttpJwtAuthorizer;
pub use domain::{DomainName, DomainNameAttributes, DomainNameProps, IDomainName, ImportedDomainName};
pub use http_api::{CorsPreflight, HttpApi, HttpApiProps, IHttpApi, ImportedHttpApi, ShareHttpApi, Throttle};
pub use integrations::{
    AlbIntegration, EventBridgePutEventsIntegration, HttpUrlIntegration, IHttpRouteIntegration, LambdaIntegration,
    PayloadFormatVersion, SqsSendMessageIntegration, StepFunctionsStartExecutionIntegration,
};
pub use route::{Method, RouteAuth, RouteAuthorizationType, RouteInfo};
pub use vpc_link::{VpcLink, VpcLinkProps};
