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
    assert_eq!(e.0.len(), 1);
    assert_eq!(e.0[0].to_string(), "S/Api/FETCHitems: route key \"FETCH items\" is not \"METHOD /path\" (for example \"GET /items\") or \"$default\"");
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
