//! HTTP APIs: routes, integrations, grants, and bad input.

use rcdk_api::*;
use rcdk_compute::*;
use rcdk_core::{App, StackProps};
use rcdk_iam::{Role, RoleProps};
use rcdk_network::{Vpc, VpcProps};
use rcdk_testing::Template;
use serde_json::json;

#[test]
fn routes_share_one_integration_and_grants_are_exact() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::new(
        &stack,
        "Vpc",
        VpcProps {
            flow_logs: false,
            ..Default::default()
        },
    );
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let svc = LoadBalancedFargateService::new(
        &stack,
        "Svc",
        LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80),
    );
    let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &vpc });
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let integration = AlbIntegration::new("SvcIntegration", svc.listener(), &link);
    api.add_route("GET /items", &integration, RouteAuth::Iam);
    api.add_route("POST /items", &integration, RouteAuth::None);
    let role = Role::new(&stack, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    api.grant_invoke(&role, Method::Get, None);
    api.grant_invoke(&role, Method::Post, Some("/items"));
    api.grant_invoke(&role, Method::Any, None);
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.resource_count_is("AWS::ApiGatewayV2::Integration", 1);
    t.resource_count_is("AWS::ApiGatewayV2::Route", 2);
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Route",
        json!({"RouteKey": "POST /items", "AuthorizationType": "NONE"}),
    );
    t.has_resource_properties(
        "AWS::ApiGatewayV2::VpcLink",
        json!({"SubnetIds": [{"Ref": "VpcPrivateSubnet1Subnet536B997A"}, {"Ref": "VpcPrivateSubnet2Subnet3788AAA1"}]}),
    );
    let (_, policy) = t
        .find_resources("AWS::IAM::Policy", json!({}))
        .into_iter()
        .find(|(k, _)| k.starts_with("Caller"))
        .unwrap();
    let arns: Vec<String> = policy["Properties"]["PolicyDocument"]["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["Resource"]["Fn::Sub"]
                .as_str()
                .unwrap()
                .rsplit('}')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(arns, ["/*/GET/*", "/*/POST/items", "/*/*/*"]);
}

#[test]
fn a_bad_route_key_names_the_route() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::new(&stack, "Vpc", VpcProps::default());
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let svc = LoadBalancedFargateService::new(
        &stack,
        "Svc",
        LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80),
    );
    let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &vpc });
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    api.add_route(
        "FETCH items",
        &AlbIntegration::new("SvcIntegration", svc.listener(), &link),
        RouteAuth::Iam,
    );
    let e = app.synth().unwrap_err();
    assert_eq!(e.errors().len(), 1);
    assert_eq!(e.errors()[0].to_string(), "S/Api/FETCHitems: route key \"FETCH items\" is not \"METHOD /path\" (for example \"GET /items\") or \"$default\"");
}

#[test]
fn the_default_stage_logs_access() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    HttpApi::new(
        &stack,
        "Api",
        HttpApiProps {
            access_log_retention_days: 7,
            ..Default::default()
        },
    );
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Stage",
        json!({"StageName": "$default", "AutoDeploy": true}),
    );
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 7}));
    let (_, stage) = t.find_resources("AWS::ApiGatewayV2::Stage", json!({})).remove(0);
    assert!(stage["Properties"]["AccessLogSettings"]["Format"]
        .as_str()
        .unwrap()
        .contains("$context.requestId"));
}

#[test]
fn an_imported_api_is_granted_and_called_like_a_defined_one() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let shared = HttpApi::from_id(&stack, "Shared", "a1b2c3d4e5");
    let role = Role::new(&stack, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    let apis: [&dyn IHttpApi; 1] = [&shared];
    for api in apis {
        assert!(api.grant_invoke(&role, Method::Post, Some("/orders/{id}")).success());
        assert!(api.routes().is_none());
    }
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::IAM::Policy",
        json!({"PolicyDocument": {"Statement": [{
            "Action": "execute-api:Invoke",
            "Resource": {"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:a1b2c3d4e5/*/POST/orders/*"}
        }]}}),
    );
    assert_eq!(
        format!("{:?}", shared.api_endpoint().value()),
        format!(
            "{:?}",
            rcdk_core::cfn_format!(
                "https://a1b2c3d4e5.execute-api.{}.{}",
                rcdk_core::Aws::region(),
                rcdk_core::Aws::url_suffix()
            )
            .value()
        )
    );
}

#[test]
fn routes_report_method_path_and_authorization_to_every_clone() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let seen_by_a_caller = api.clone();
    let up = HttpUrlIntegration::new("Up", "https://up.example.com");
    let jwt = HttpJwtAuthorizer::new("Jwt", "https://issuer.example.com", ["orders"]);
    api.add_route("GET /inventory/{sku}", &up, RouteAuth::Iam);
    api.add_route("POST /orders", &up, RouteAuth::Jwt(jwt));
    api.add_route("$default", &up, RouteAuth::None);
    api.add_route("GET /bad/{x", &up, RouteAuth::None);
    let routes = seen_by_a_caller.routes().unwrap();
    let summary: Vec<(Method, Option<&str>, RouteAuthorizationType)> = routes
        .iter()
        .map(|r| (r.method, r.path.as_deref(), r.authorization))
        .collect();
    assert_eq!(
        summary,
        [
            (Method::Get, Some("/inventory/{sku}"), RouteAuthorizationType::Iam),
            (Method::Post, Some("/orders"), RouteAuthorizationType::Jwt),
            (Method::Any, None, RouteAuthorizationType::None),
        ],
        "a route with a bad key is an error, not a route"
    );
    let pick = |m, p| RouteInfo::select(&routes, m, p).map(|r| r.route_key.as_str());
    assert_eq!(pick(Method::Get, "/inventory/A-1"), Some("GET /inventory/{sku}"));
    assert_eq!(pick(Method::Get, "/orders"), Some("$default"));
    let without_default = &routes[..2];
    assert_eq!(RouteInfo::select(without_default, Method::Delete, "/orders"), None);
    let e = app.synth().unwrap_err();
    assert_eq!(e.errors().len(), 1, "{e:?}");
}

#[test]
fn a_service_integration_is_made_once_per_api_with_its_role() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let key = "arn:aws:kms:eu-west-1:111111111111:key/abc";
    let queue = rcdk_messaging::Queue::new(
        &stack,
        "Queue",
        rcdk_messaging::QueueProps {
            encryption: rcdk_messaging::QueueEncryption::Kms(key.into()),
            ..Default::default()
        },
    );
    let enqueue = SqsSendMessageIntegration::new("Enqueue", &queue).message_body("$request.body");
    let public = HttpApi::new(&stack, "Public", HttpApiProps::default());
    let internal = HttpApi::new(&stack, "Internal", HttpApiProps::default());
    public.add_route("POST /jobs", &enqueue, RouteAuth::Iam);
    public.add_route("PUT /jobs", &enqueue, RouteAuth::Iam);
    internal.add_route("POST /jobs", &enqueue, RouteAuth::Iam);
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.resource_count_is("AWS::ApiGatewayV2::Integration", 2);
    t.resource_count_is("AWS::ApiGatewayV2::Route", 3);
    t.resource_count_is("AWS::IAM::Role", 2);
    let (_, policy) = t
        .find_resources("AWS::IAM::Policy", json!({}))
        .into_iter()
        .find(|(id, _)| id.starts_with("PublicPOSTjobsInvokeRole"))
        .unwrap();
    assert_eq!(
        policy["Properties"]["PolicyDocument"]["Statement"],
        json!([
            {"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["Queue4A7E3555", "Arn"]}, "Sid": "AllowSqsExecution"},
            {"Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Effect": "Allow", "Resource": key}
        ])
    );
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Integration",
        json!({"RequestParameters": {"QueueUrl": {"Ref": "Queue4A7E3555"}, "MessageBody": "$request.body"}}),
    );
}

#[test]
fn an_imported_listener_in_an_imported_vpc_is_reached_through_a_link() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = Vpc::from_attributes(
        &stack,
        "Vpc",
        rcdk_network::VpcAttributes {
            private_subnet_ids: vec!["subnet-0a1b2c3d".into(), "subnet-1a2b3c4d".into()],
            ..rcdk_network::VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a", "eu-west-1b"])
        },
    );
    let lb_sg = rcdk_network::SecurityGroup::from_id(&stack, "LbSg", "sg-0a1b2c3d");
    let listener = Listener::from_attributes(
        &stack,
        "Shared",
        ListenerAttributes::new(
            "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/fedcba9876543210",
            &lb_sg,
            443,
        ),
    );
    let link = VpcLink::new(&stack, "Link", VpcLinkProps { vpc: &vpc });
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    api.add_route(
        "ANY /{proxy+}",
        &AlbIntegration::new("Shared", &listener, &link),
        RouteAuth::Iam,
    );
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::ApiGatewayV2::VpcLink",
        json!({"SubnetIds": ["subnet-0a1b2c3d", "subnet-1a2b3c4d"]}),
    );
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Integration",
        json!({"ConnectionType": "VPC_LINK", "IntegrationUri": "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/fedcba9876543210"}),
    );
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupIngress",
        json!({"GroupId": "sg-0a1b2c3d", "FromPort": 443, "ToPort": 443}),
    );
}

#[test]
fn throttling_and_the_access_log_format_reach_the_stage() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let api = HttpApi::new(
        &stack,
        "Api",
        HttpApiProps {
            throttle: Some(Throttle {
                rate_limit: 50.5,
                burst_limit: 20,
            }),
            access_log_format: Some("$context.requestId $context.routeKey $context.status".into()),
            ..Default::default()
        },
    );
    assert!(api.domain_mapping().is_none());
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Stage",
        json!({
            "DefaultRouteSettings": {"ThrottlingBurstLimit": 20, "ThrottlingRateLimit": 50.5},
            "AccessLogSettings": {"Format": "$context.requestId $context.routeKey $context.status"}
        }),
    );
}
