//! What API Gateway (or the service behind an integration) would refuse is
//! a synth error on the construct at fault, naming the problem and the fix.

use rcdk_api::*;
use rcdk_compute::*;
use rcdk_core::{App, Duration, Environment, Stack, StackProps};
use rcdk_events::EventBus;
use rcdk_messaging::Queue;
use rcdk_network::{Vpc, VpcProps};

fn errors(app: &App) -> Vec<String> {
    match app.synth() {
        Ok(_) => panic!("expected synthesis to fail"),
        Err(e) => e.errors().iter().map(ToString::to_string).collect(),
    }
}

/// The app's only error is on `path`, says `problem` and then `fix`.
fn one(app: &App, path: &str, problem: &str, fix: &str) {
    let e = errors(app);
    assert_eq!(e.len(), 1, "{e:#?}");
    let message = &e[0];
    assert!(message.starts_with(&format!("{path}: ")), "{message}");
    let at = message
        .find(problem)
        .unwrap_or_else(|| panic!("{message:?} lacks {problem:?}"));
    assert!(message[at..].contains(fix), "{message:?} lacks the fix {fix:?}");
}

fn new_app() -> (App, Stack) {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    (app, stack)
}

fn up() -> HttpUrlIntegration {
    HttpUrlIntegration::new("Up", "https://up.example.com")
}

fn route(key: &str) -> App {
    let (app, s) = new_app();
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    api.add_route(key, &up(), RouteAuth::Iam);
    app
}

#[test]
fn an_unbalanced_brace_names_the_route() {
    one(
        &route("GET /inventory/{sku"),
        "S/Api/GET--inventory--{sku",
        "route key \"GET /inventory/{sku\" has an unbalanced brace in \"{sku\"",
        "close each path parameter within its segment, as in /inventory/{sku}",
    );
    one(
        &route("GET /inventory/sku}"),
        "S/Api/GET--inventory--sku}",
        "has an unbalanced brace in \"sku}\"",
        "close each path parameter",
    );
}

#[test]
fn an_empty_path_parameter_names_the_route() {
    one(
        &route("GET /items/{}"),
        "S/Api/GET--items--{}",
        "route key \"GET /items/{}\" has an empty path parameter in \"{}\"",
        "name it, as in /inventory/{sku}",
    );
}

#[test]
fn a_greedy_parameter_must_be_last() {
    one(
        &route("GET /files/{path+}/meta"),
        "S/Api/GET--files--{path+}--meta",
        "has the greedy path parameter \"{path+}\" before its last segment",
        "API Gateway takes {name+} only as the last segment",
    );
    // As the last segment it is fine.
    route("GET /files/{path+}").synth().unwrap();
}

#[test]
fn an_unknown_method_names_the_route() {
    one(
        &route("FETCH /items"),
        "S/Api/FETCH--items",
        "route key \"FETCH /items\": \"FETCH\" is not a method API Gateway routes",
        "use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY, in capitals",
    );
    one(
        &route("get /items"),
        "S/Api/get--items",
        "\"get\" is not a method",
        "in capitals",
    );
}

#[test]
fn a_route_key_added_twice_is_an_error_on_the_first() {
    let (app, s) = new_app();
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    assert!(api.add_route("GET /items", &up(), RouteAuth::Iam).is_some());
    assert!(api.add_route("GET /items", &up(), RouteAuth::None).is_none());
    assert_eq!(api.routes().unwrap().len(), 1);
    one(
        &app,
        "S/Api/GET--items",
        "route key \"GET /items\" is added twice to this API",
        "add the route once, or give the other one another method or path",
    );
}

#[test]
fn cors_credentials_need_named_origins() {
    let (app, s) = new_app();
    HttpApi::new(
        &s,
        "Api",
        HttpApiProps {
            cors: Some(CorsPreflight {
                allow_origins: vec!["*".into()],
                allow_credentials: true,
                ..Default::default()
            }),
            ..Default::default()
        },
    );
    one(
        &app,
        "S/Api",
        "CORS allow_credentials with the origin \"*\" is refused by API Gateway",
        "list the origins allowed",
    );
}

#[test]
fn cors_max_age_is_whole_seconds_up_to_a_day() {
    for age in [Duration::days(2), Duration::millis(1500)] {
        let (app, s) = new_app();
        HttpApi::new(
            &s,
            "Api",
            HttpApiProps {
                cors: Some(CorsPreflight {
                    allow_origins: vec!["https://app.example.com".into()],
                    max_age: Some(age),
                    ..Default::default()
                }),
                ..Default::default()
            },
        );
        one(
            &app,
            "S/Api",
            &format!("CORS max_age of {age} is not one API Gateway accepts"),
            "use whole seconds up to a day",
        );
    }
}

#[test]
fn an_access_log_format_needs_the_request_id() {
    for format in ["$context.status", "$context.requestIdentity"] {
        let (app, s) = new_app();
        HttpApi::new(
            &s,
            "Api",
            HttpApiProps {
                access_log_format: Some(format.into()),
                ..Default::default()
            },
        );
        one(
            &app,
            "S/Api",
            &format!("the access log format {format:?} has no request id, which API Gateway requires"),
            "add $context.requestId or $context.extendedRequestId",
        );
    }
    let (app, s) = new_app();
    HttpApi::new(
        &s,
        "Api",
        HttpApiProps {
            access_log_format: Some("$context.extendedRequestId,$context.status".into()),
            ..Default::default()
        },
    );
    app.synth().unwrap();
}

#[test]
fn a_throttle_rate_must_be_a_rate() {
    let (app, s) = new_app();
    HttpApi::new(
        &s,
        "Api",
        HttpApiProps {
            throttle: Some(Throttle {
                rate_limit: -1.0,
                burst_limit: 10,
            }),
            ..Default::default()
        },
    );
    one(
        &app,
        "S/Api",
        "throttle rate_limit -1 is not a number of requests per second",
        "give zero or more",
    );
    let (app, s) = new_app();
    HttpApi::new(
        &s,
        "Api",
        HttpApiProps {
            throttle: Some(Throttle {
                rate_limit: 10.0,
                burst_limit: 0,
            }),
            ..Default::default()
        },
    );
    let warnings = app.synth().unwrap().warnings().to_vec();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0]
        .to_string()
        .contains("makes API Gateway refuse every request (429)"));
}

fn domain(name: &str, certificate: &str) -> App {
    let (app, s) = new_app();
    DomainName::new(&s, "Domain", DomainNameProps::new(name, certificate));
    app
}

const CERT: &str = "arn:aws:acm:eu-west-1:111111111111:certificate/abc";

#[test]
fn a_domain_name_is_a_lowercase_host_name() {
    one(
        &domain("Api.Example.com", CERT),
        "S/Domain",
        "domain name \"Api.Example.com\" has capital letters, which API Gateway refuses",
        "write it in lowercase (\"api.example.com\")",
    );
    for bad in [
        "localhost",
        "api..example.com",
        "-api.example.com",
        "api_v1.example.com",
    ] {
        one(
            &domain(bad, CERT),
            "S/Domain",
            &format!("domain name {bad:?} is not a host name"),
            "as in api.example.com",
        );
    }
    domain("*.example.com", CERT).synth().unwrap();
}

#[test]
fn a_certificate_is_an_acm_certificate_of_the_region() {
    one(
        &domain("api.example.com", "arn:aws:iam::111111111111:server-certificate/abc"),
        "S/Domain",
        "is not an ACM certificate ARN",
        "use arn:<partition>:acm:<region>:<12-digit account>:certificate/<id>",
    );
    let app = App::new();
    let stack = app.stack(
        "S",
        StackProps {
            env: Environment::new("111111111111", "us-east-1"),
            ..Default::default()
        },
    );
    DomainName::new(&stack, "Domain", DomainNameProps::new("api.example.com", CERT));
    one(
        &app,
        "S/Domain",
        "the certificate is in eu-west-1, but a regional domain name is served only with a certificate of the API's region, us-east-1",
        "request or import the certificate in us-east-1",
    );
}

#[test]
fn an_imported_api_id_is_checked() {
    let (app, s) = new_app();
    HttpApi::new(&s, "Api", HttpApiProps::default());
    HttpApi::from_id(&s, "Shared", "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com");
    one(
        &app,
        "S/Shared",
        "HttpApi::from_id: \"https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com\" is not an API id",
        "use the 10 lowercase letters and digits API Gateway gave the API",
    );
}

fn jwt_route(authorizer: HttpJwtAuthorizer) -> App {
    let (app, s) = new_app();
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    api.add_route("GET /orders", &up(), RouteAuth::Jwt(authorizer));
    app
}

#[test]
fn a_jwt_authorizer_is_checked() {
    one(
        &jwt_route(HttpJwtAuthorizer::new("Jwt", "http://issuer.example.com", ["orders"])),
        "S/Api/Jwt",
        "the JWT issuer \"http://issuer.example.com\" is not an https:// URL",
        "give its base URL, as in https://cognito-idp.<region>.amazonaws.com/<user pool id>",
    );
    one(
        &jwt_route(HttpJwtAuthorizer::new(
            "Jwt",
            "https://issuer.example.com",
            Vec::<String>::new(),
        )),
        "S/Api/Jwt",
        "the JWT authorizer has no audience, and API Gateway needs at least one",
        "list the client ids (aud values)",
    );
    one(
        &jwt_route(
            HttpJwtAuthorizer::new("Jwt", "https://issuer.example.com", ["orders"])
                .identity_source("$request.body.token"),
        ),
        "S/Api/Jwt",
        "the JWT identity source \"$request.body.token\" is not one API Gateway reads a token from",
        "use $request.header.<name> or $request.querystring.<name>",
    );
}

#[test]
fn two_authorizers_of_one_id_must_be_the_same() {
    let (app, s) = new_app();
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    let a = HttpJwtAuthorizer::new("Jwt", "https://issuer.example.com", ["orders"]);
    let b = HttpJwtAuthorizer::new("Jwt", "https://issuer.example.com", ["billing"]);
    api.add_route("GET /orders", &up(), RouteAuth::Jwt(a));
    api.add_route("GET /bills", &up(), RouteAuth::Jwt(b));
    one(
        &app,
        "S/Api",
        "two JWT authorizers named \"Jwt\" differ in issuer, audience or identity source",
        "use the same authorizer on every route, or give the other one another id",
    );
}

#[test]
fn a_fifo_queue_needs_a_message_group_id() {
    let (app, s) = new_app();
    let queue = Queue::from_arn(&s, "Orders", "arn:aws:sqs:eu-west-1:111111111111:orders.fifo");
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    api.add_route(
        "POST /orders",
        &SqsSendMessageIntegration::new("Enqueue", &queue),
        RouteAuth::Iam,
    );
    one(
        &app,
        "S/Api/POST--orders",
        "integration Enqueue: the queue S/Orders is FIFO, and SQS refuses a message to a FIFO queue without a message group id",
        "give one with message_group_id",
    );
}

#[test]
fn an_event_source_may_not_be_aws() {
    let (app, s) = new_app();
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    let publish =
        EventBridgePutEventsIntegration::new("Publish", &EventBus::default_bus(&s, "Default")).source("aws.orders");
    api.add_route("POST /events", &publish, RouteAuth::Iam);
    one(
        &app,
        "S/Api/POST--events",
        "integration Publish: the event source \"aws.orders\" starts with \"aws.\"",
        "use a source of your own",
    );
}

#[test]
fn a_url_integration_needs_a_url() {
    let (app, s) = new_app();
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    api.add_route(
        "GET /items",
        &HttpUrlIntegration::new("Up", "upstream.example.com/items"),
        RouteAuth::Iam,
    );
    one(
        &app,
        "S/Api/GET--items",
        "integration Up: \"upstream.example.com/items\" is not an http:// or https:// URL",
        "give the full URL, as in https://upstream.example.com/orders",
    );
}

#[test]
fn a_vpc_link_needs_private_subnets() {
    let (app, s) = new_app();
    let vpc = Vpc::new(
        &s,
        "Vpc",
        VpcProps {
            nat_gateways: rcdk_network::NatGateways::None,
            flow_logs: false,
            ..Default::default()
        },
    );
    let lb = ApplicationLoadBalancer::new(&s, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    let listener = lb.add_http_listener("Http", 80, 8080, "/");
    let link = VpcLink::new(&s, "Link", VpcLinkProps { vpc: &vpc });
    let api = HttpApi::new(&s, "Api", HttpApiProps::default());
    api.add_route(
        "ANY /{proxy+}",
        &AlbIntegration::new("Lb", &listener, &link),
        RouteAuth::Iam,
    );
    one(
        &app,
        "S/Link",
        "asks for private subnets but the VPC has no NAT gateways",
        "select SubnetType::Isolated or give the VPC NAT gateways",
    );
}

#[test]
fn a_vpc_link_in_another_vpc_than_the_load_balancer() {
    let (app, stack) = new_app();
    let here = Vpc::new(
        &stack,
        "Here",
        VpcProps {
            flow_logs: false,
            ..Default::default()
        },
    );
    let there = Vpc::new(
        &stack,
        "There",
        VpcProps {
            cidr: "10.1.0.0/16".into(),
            flow_logs: false,
            ..Default::default()
        },
    );
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&here));
    let listener = lb.add_http_listener("Http", 80, 8080, "/health");
    let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &there });
    AlbIntegration::new("Web", &listener, &link);
    one(
        &app,
        "S/Link",
        "integration Web: the VPC link is in another VPC than the load balancer of S/Lb/Http",
        "make the link in the load balancer's VPC",
    );

    // The same VPC, or one the app cannot tell apart (an import), is fine.
    let (app, stack) = new_app();
    let here = Vpc::new(
        &stack,
        "Here",
        VpcProps {
            flow_logs: false,
            ..Default::default()
        },
    );
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&here));
    let listener = lb.add_http_listener("Http", 80, 8080, "/health");
    let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &here });
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    api.add_route("GET /", &AlbIntegration::new("Web", &listener, &link), RouteAuth::Iam);
    app.synth().unwrap();
}
