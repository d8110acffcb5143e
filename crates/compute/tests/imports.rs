//! Imported clusters, security groups, listeners and target groups: no
//! resources of their own, correct references where props use them, and
//! literal identifiers checked.

use rcdk_compute::*;
use rcdk_core::{App, Expr, Scope, StackProps};
use rcdk_network::{ImportedVpc, SecurityGroup, SecurityGroupImportOptions, Vpc, VpcAttributes};
use rcdk_testing::Template;
use serde_json::json;

fn synth(app: &App) -> Template {
    Template::from_stack(&app.synth().unwrap_or_else(|e| panic!("{e}")).stacks()[0])
}

/// The synth errors, but for the one an empty stack always has.
fn errors(app: &App) -> Vec<String> {
    app.synth()
        .expect_err("expected errors")
        .errors()
        .iter()
        .map(ToString::to_string)
        .filter(|e| !e.contains("the stack has no resources"))
        .collect()
}

fn shared_vpc(scope: &Scope) -> ImportedVpc {
    Vpc::from_attributes(
        scope,
        "Vpc",
        VpcAttributes {
            private_subnet_ids: vec!["subnet-0a1b2c3d".into(), "subnet-1a2b3c4d".into()],
            public_subnet_ids: vec!["subnet-2a2b3c4d".into(), "subnet-3a2b3c4d".into()],
            ..VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a", "eu-west-1b"])
        },
    )
}

fn worker(scope: &Scope, id: &str, port: Option<u16>) -> FargateTaskDefinition {
    let task = FargateTaskDefinition::new(scope, id, FargateTaskDefinitionProps::default());
    task.add_container(
        "app",
        ContainerOptions {
            ports: port.into_iter().collect(),
            ..ContainerOptions::new(ContainerImage::from_registry("busybox"))
        },
    );
    task
}

const LISTENER_ARN: &str =
    "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/fedcba9876543210";
const TARGET_GROUP_ARN: &str = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/web/0123456789abcdef";

#[test]
fn a_service_in_an_imported_cluster_references_its_name_and_subnets() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    let cluster = Cluster::from_attributes(&stack, "Cluster", ClusterAttributes::new("prod", &vpc));
    let task = worker(&stack, "Task", None);
    let service = FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    service.auto_scale_task_count(1, 3);
    let t = synth(&app);
    t.resource_count_is("AWS::ECS::Cluster", 0);
    t.resource_count_is("AWS::EC2::VPC", 0);
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({
            "Cluster": "prod",
            "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-0a1b2c3d", "subnet-1a2b3c4d"]}}
        }),
    );
    t.has_resource_properties("AWS::EC2::SecurityGroup", json!({"VpcId": "vpc-0a1b2c3d"}));
    t.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        json!({"ResourceId": {"Fn::Sub": "service/prod/${WorkerService9FFC549A.Name}"}}),
    );
    assert_eq!(
        format!("{:?}", cluster.cluster_arn()),
        format!(
            "{:?}",
            rcdk_core::cfn_format!(
                "arn:{}:ecs:{}:{}:cluster/prod",
                rcdk_core::Aws::partition(),
                rcdk_core::Aws::region(),
                rcdk_core::Aws::account_id()
            )
        )
    );
}

#[test]
fn a_defined_and_an_imported_cluster_are_interchangeable() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    let defined = Cluster::new(&stack, "Defined", ClusterProps::new(&vpc));
    let imported = Cluster::from_attributes(
        &stack,
        "Imported",
        ClusterAttributes::new(Expr::import_value("shared-cluster"), &vpc),
    );
    let clusters: [&dyn ICluster; 2] = [&defined, &imported];
    for (i, cluster) in clusters.into_iter().enumerate() {
        LoadBalancedFargateService::new(
            &stack,
            &format!("Web{i}"),
            LoadBalancedFargateServiceProps::new(cluster, ContainerImage::from_registry("nginx"), 80),
        );
    }
    let t = synth(&app);
    let clusters: Vec<serde_json::Value> = t
        .find_resources("AWS::ECS::Service", json!({}))
        .into_iter()
        .map(|(_, s)| s["Properties"]["Cluster"].clone())
        .collect();
    let defined_id = t.find_resources("AWS::ECS::Cluster", json!({})).remove(0).0;
    assert_eq!(clusters[0], json!({"Ref": defined_id}));
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({"Cluster": {"Fn::ImportValue": "shared-cluster"}}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Subnets": ["subnet-0a1b2c3d", "subnet-1a2b3c4d"], "Scheme": "internal"}),
    );
}

#[test]
fn a_service_with_an_imported_security_group_makes_none() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    let cluster = Cluster::from_attributes(&stack, "Cluster", ClusterAttributes::new("prod", &vpc));
    let sg = SecurityGroup::from_id(&stack, "AppSg", "sg-0a1b2c3d");
    let task = worker(&stack, "Task", None);
    FargateService::new(
        &stack,
        "Worker",
        FargateServiceProps {
            security_group: Some(&sg),
            ..FargateServiceProps::new(&cluster, &task)
        },
    );
    let t = synth(&app);
    t.resource_count_is("AWS::EC2::SecurityGroup", 0);
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({"NetworkConfiguration": {"AwsvpcConfiguration": {"SecurityGroups": ["sg-0a1b2c3d"]}}}),
    );
}

#[test]
fn a_load_balancer_with_an_imported_group_opens_it_with_separate_rules() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    let lb_sg = SecurityGroup::from_id_with_options(
        &stack,
        "LbSg",
        "sg-0a1b2c3d",
        SecurityGroupImportOptions {
            allow_all_outbound: false,
        },
    );
    let lb = ApplicationLoadBalancer::new(
        &stack,
        "Lb",
        ApplicationLoadBalancerProps {
            security_group: Some(&lb_sg),
            ..ApplicationLoadBalancerProps::new(&vpc)
        },
    );
    let listener = lb.add_http_listener("Http", 80, 8080, "/");
    let cluster = Cluster::from_attributes(&stack, "Cluster", ClusterAttributes::new("prod", &vpc));
    let task = worker(&stack, "Task", Some(8080));
    let service = FargateService::new(&stack, "Web", FargateServiceProps::new(&cluster, &task));
    service.attach_to_target_group(listener.target_group().unwrap());
    let t = synth(&app);
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"SecurityGroups": ["sg-0a1b2c3d"]}),
    );
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupIngress",
        json!({"SourceSecurityGroupId": "sg-0a1b2c3d", "FromPort": 8080}),
    );
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupEgress",
        json!({"GroupId": "sg-0a1b2c3d", "FromPort": 8080}),
    );
}

#[test]
fn a_service_behind_an_imported_listener() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    let cluster = Cluster::from_attributes(&stack, "Cluster", ClusterAttributes::new("prod", &vpc));
    let lb_sg = SecurityGroup::from_id(&stack, "LbSg", "sg-0a1b2c3d");
    let listener = Listener::from_attributes(&stack, "Shared", ListenerAttributes::new(LISTENER_ARN, &lb_sg, 443));
    let task = worker(&stack, "Task", Some(8080));
    let service = FargateService::new(&stack, "Api", FargateServiceProps::new(&cluster, &task));
    let group = service.register_with_listener(
        &listener,
        "Api",
        ListenerTargetProps::new(20, [ListenerCondition::host_headers(["api.example.com"])]),
    );
    let t = synth(&app);
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({"Port": 8080, "TargetType": "ip", "VpcId": "vpc-0a1b2c3d"}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::ListenerRule",
        json!({"ListenerArn": LISTENER_ARN, "Priority": 20}),
    );
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({"LoadBalancers": [{"ContainerName": "app", "ContainerPort": 8080, "TargetGroupArn": {"Ref": "SharedApiGroup7ABF05C8"}}]}),
    );
    // The shared load balancer's group may reach the tasks; it allows all
    // outbound traffic (imported with the default), so it gets no egress.
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupIngress",
        json!({"SourceSecurityGroupId": "sg-0a1b2c3d", "FromPort": 8080}),
    );
    t.resource_count_is("AWS::EC2::SecurityGroupEgress", 0);
    // The request count label comes from the listener ARN, literally.
    let label = group.request_count_label().unwrap();
    assert_eq!(
        format!("{label:?}"),
        format!(
            "{:?}",
            Expr::concat([
                Expr::from("app/shared/0123456789abcdef"),
                Expr::from("/"),
                group.cfn().attr_target_group_full_name()
            ])
        )
    );
}

#[test]
fn a_service_attached_to_an_imported_target_group_and_scaled_on_its_requests() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    let cluster = Cluster::from_attributes(&stack, "Cluster", ClusterAttributes::new("prod", &vpc));
    let group = ApplicationTargetGroup::from_attributes(
        &stack,
        "Web",
        TargetGroupAttributes {
            port: Some(8080),
            load_balancer_arn: Some(
                "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/shared/0123456789abcdef".into(),
            ),
            ..TargetGroupAttributes::new(TARGET_GROUP_ARN)
        },
    );
    let task = worker(&stack, "Task", Some(8080));
    let service = FargateService::new(&stack, "Svc", FargateServiceProps::new(&cluster, &task));
    service.attach_to_target_group(&group);
    service
        .auto_scale_task_count(2, 6)
        .scale_on_request_count("Requests", RequestCountScalingProps::new(500, &group));
    let t = synth(&app);
    t.resource_count_is("AWS::ElasticLoadBalancingV2::TargetGroup", 0);
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({"LoadBalancers": [{"ContainerName": "app", "ContainerPort": 8080, "TargetGroupArn": TARGET_GROUP_ARN}]}),
    );
    t.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        json!({"TargetTrackingScalingPolicyConfiguration": {"PredefinedMetricSpecification": {
            "PredefinedMetricType": "ALBRequestCountPerTarget",
            "ResourceLabel": "app/shared/0123456789abcdef/targetgroup/web/0123456789abcdef"
        }}}),
    );
}

#[test]
fn literal_cluster_listener_and_target_group_identifiers_are_checked() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let vpc = shared_vpc(&stack);
    Cluster::from_attributes(&stack, "Named", ClusterAttributes::new("prod cluster", &vpc));
    Cluster::from_attributes(
        &stack,
        "Arn",
        ClusterAttributes::new("arn:aws:ecs:eu-west-1:111111111111:cluster/prod", &vpc),
    );
    let sg = SecurityGroup::from_id(&stack, "Sg", "sg-0a1b2c3d");
    Listener::from_attributes(
        &stack,
        "Listener",
        ListenerAttributes::new(
            "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/x/1",
            &sg,
            443,
        ),
    );
    ApplicationTargetGroup::from_attributes(&stack, "Group", TargetGroupAttributes::new("web"));
    let e = errors(&app);
    assert_eq!(e.len(), 4, "{e:#?}");
    assert_eq!(
        e[0],
        "S/Named: Cluster::from_attributes: cluster_name \"prod cluster\" is not a cluster name; use 1 to 255 letters, digits, hyphens and underscores"
    );
    assert!(
        e[1].starts_with("S/Arn: Cluster::from_attributes: cluster_name \"arn:aws:ecs:eu-west-1:111111111111:cluster/prod\" is an ARN; give the name (the part after cluster/)"),
        "{}",
        e[1]
    );
    assert!(
        e[2].starts_with("S/Listener: Listener::from_attributes: \"arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/x/1\" is not an application load balancer listener ARN; use arn:<partition>:elasticloadbalancing:"),
        "{}",
        e[2]
    );
    assert!(
        e[3].starts_with("S/Group: ApplicationTargetGroup::from_attributes: \"web\" is not a target group ARN; use arn:<partition>:elasticloadbalancing:"),
        "{}",
        e[3]
    );
}
