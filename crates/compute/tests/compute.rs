//! Fargate services and load balancers: what they write, and bad input.

use rcdk_compute::*;
use rcdk_core::{App, StackProps};
use rcdk_network::{Vpc, VpcProps};
use rcdk_testing::Template;
use serde_json::json;

#[test]
fn task_definitions_are_checked_and_containers_configured() {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let bad = FargateTaskDefinition::new(
        &stack,
        "Bad",
        FargateTaskDefinitionProps {
            cpu: 256,
            memory_mib: 4096,
            task_role: false,
        },
    );
    let _ = bad;
    let e = app.synth().unwrap_err();
    assert_eq!(e.errors().len(), 1);
    assert!(
        e.errors()[0]
            .to_string()
            .starts_with("S/Bad: 256 CPU units with 4096 MiB is not a Fargate size"),
        "{}",
        e.errors()[0]
    );

    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let td = FargateTaskDefinition::new(
        &stack,
        "Task",
        FargateTaskDefinitionProps {
            task_role: true,
            ..Default::default()
        },
    );
    td.add_container(
        "app",
        ContainerOptions {
            ports: vec![8080],
            environment: vec![("MODE".into(), "prod".into())],
            health_check: Some("curl -f http://localhost:8080/ || exit 1".into()),
            ..ContainerOptions::new(ContainerImage::from_registry("nginx"))
        },
    );
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({
            "Cpu": "256", "Memory": "512", "NetworkMode": "awsvpc", "RequiresCompatibilities": ["FARGATE"],
            "ContainerDefinitions": [{
                "Name": "app", "Image": "nginx",
                "PortMappings": [{"ContainerPort": 8080, "Protocol": "tcp"}],
                "Environment": [{"Name": "MODE", "Value": "prod"}],
                "HealthCheck": {"Command": ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"]},
                "LogConfiguration": {"LogDriver": "awslogs"}
            }]
        }),
    );
    t.resource_count_is("AWS::IAM::Role", 2);
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 30}));
}

#[test]
fn a_load_balanced_service_is_private_and_only_the_balancer_reaches_it() {
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
    let cluster = Cluster::new(
        &stack,
        "Cluster",
        ClusterProps {
            container_insights: false,
            ..ClusterProps::new(&vpc)
        },
    );
    LoadBalancedFargateService::new(
        &stack,
        "Web",
        LoadBalancedFargateServiceProps {
            desired_count: 3,
            ..LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 8080)
        },
    );
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties("AWS::ECS::Cluster", json!({"ClusterSettings": [{"Value": "disabled"}]}));
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({
            "DesiredCount": 3, "LaunchType": "FARGATE",
            "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED"}},
            "LoadBalancers": [{"ContainerName": "web", "ContainerPort": 8080}]
        }),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Scheme": "internal"}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({"Port": 8080, "TargetType": "ip"}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({"Port": 80, "Protocol": "HTTP"}),
    );
    let ingress = t.find_resources("AWS::EC2::SecurityGroupIngress", json!({}));
    assert_eq!(ingress.len(), 1);
    assert_eq!(ingress[0].1["Properties"]["FromPort"], 8080);
}

#[test]
fn an_internet_facing_balancer_goes_in_public_subnets() {
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
    let lb = ApplicationLoadBalancer::new(
        &stack,
        "Lb",
        ApplicationLoadBalancerProps {
            internet_facing: true,
            ..ApplicationLoadBalancerProps::new(&vpc)
        },
    );
    let _ = lb.add_http_listener("Http", 80, 8080, "/health");
    let t = Template::from_stack(&app.synth().unwrap().stacks()[0]);
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({
            "Scheme": "internet-facing",
            "Subnets": [{"Ref": "VpcPublicSubnet1Subnet5C2D37C4"}, {"Ref": "VpcPublicSubnet2Subnet691E08A3"}]
        }),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({"HealthCheckPath": "/health"}),
    );
}
