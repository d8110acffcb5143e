//! The everyday options of Fargate services and load balancers: what each
//! writes to the template.

use rcdk_compute::*;
use rcdk_core::{App, Duration, Stack, StackProps};
use rcdk_iam::{Grant, PolicyStatement};
use rcdk_logs::{ILogGroup, LogGroup};
use rcdk_network::{IVpc, Vpc, VpcProps};
use rcdk_testing::Template;
use serde_json::{json, Value};

fn synth(app: &App) -> Template {
    Template::from_stack(&app.synth().unwrap_or_else(|e| panic!("{e}")).stacks()[0])
}

fn new_app() -> (App, Stack, Vpc) {
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
    (app, stack, vpc)
}

fn web_service<'a>(cluster: &'a Cluster) -> LoadBalancedFargateServiceProps<'a> {
    LoadBalancedFargateServiceProps::new(cluster, ContainerImage::from_registry("nginx"), 8080)
}

/// The statements of the policy attached to the role with logical ID `role`.
fn statements_of(t: &Template, role: &str) -> Vec<Value> {
    let policies = t.find_resources("AWS::IAM::Policy", json!({"Roles": [{"Ref": role}]}));
    assert_eq!(policies.len(), 1, "one policy for {role}");
    policies[0].1["Properties"]["PolicyDocument"]["Statement"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_load_balanced_service_takes_environment_and_secrets_and_its_execution_role_reads_exactly_them() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    LoadBalancedFargateService::new(
        &stack,
        "Web",
        LoadBalancedFargateServiceProps {
            environment: vec![("STAGE".into(), "prod".into()), ("LOG_LEVEL".into(), "info".into())],
            secrets: vec![
                ("DB_URL".into(), Secret::from_ssm_parameter_name("/app/db-url")),
                (
                    "DB_PASSWORD".into(),
                    Secret::from_secrets_manager("arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf"),
                ),
                (
                    "API_KEY".into(),
                    Secret::from_secrets_manager_json_key(
                        "arn:aws:secretsmanager:eu-west-1:111111111111:secret:keys-XyZ123",
                        "api",
                    ),
                ),
            ],
            ..web_service(&cluster)
        },
    );
    let t = synth(&app);
    let ssm_arn = json!({"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db-url"});
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({"ContainerDefinitions": [{
            "Name": "web",
            "Environment": [{"Name": "STAGE", "Value": "prod"}, {"Name": "LOG_LEVEL", "Value": "info"}],
            "Secrets": [
                {"Name": "DB_URL", "ValueFrom": ssm_arn},
                {"Name": "DB_PASSWORD", "ValueFrom": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf"},
                {"Name": "API_KEY", "ValueFrom": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:keys-XyZ123:api::"}
            ]
        }]}),
    );
    let statements = statements_of(&t, "WebTaskDefExecutionRole04EEAF3E");
    assert_eq!(
        statements[1..],
        [
            json!({"Effect": "Allow", "Action": "ssm:GetParameters", "Resource": ssm_arn}),
            json!({"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf"}),
            json!({"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:keys-XyZ123"}),
        ]
    );
    assert_eq!(
        statements[0]["Action"],
        json!(["logs:CreateLogStream", "logs:PutLogEvents"])
    );
}

#[test]
fn an_ssm_parameter_by_arn_keeps_its_arn() {
    let (app, stack, _) = new_app();
    let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    let arn = "arn:aws:ssm:us-east-1:111111111111:parameter/shared/token";
    task.add_container(
        "app",
        ContainerOptions {
            secrets: vec![("TOKEN".into(), Secret::from_ssm_parameter_arn(arn))],
            ..ContainerOptions::new(ContainerImage::from_registry("busybox"))
        },
    );
    let t = synth(&app);
    assert_eq!(
        statements_of(&t, "TaskExecutionRoleEF964934")[1],
        json!({"Effect": "Allow", "Action": "ssm:GetParameters", "Resource": arn})
    );
}

#[test]
fn grants_to_the_task_definition_service_or_pattern_go_to_one_task_role_made_on_first_use() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let web = LoadBalancedFargateService::new(&stack, "Web", web_service(&cluster));
    assert!(web.task_definition().task_role().is_none());
    let audit = LogGroup::from_name(&stack, "Audit", "/org/audit");
    assert!(audit.grant_write(&web).success());
    assert!(Grant::add_to_principal(
        web.service(),
        ["sqs:SendMessage"],
        ["arn:aws:sqs:eu-west-1:111111111111:jobs"],
        &stack
    )
    .success());
    web.task_definition()
        .add_to_task_role_policy(PolicyStatement::allow(["s3:GetObject"], ["arn:aws:s3:::assets/*"]));
    assert!(web.task_definition().task_role().is_some());
    let t = synth(&app);
    t.resource_count_is("AWS::IAM::Role", 2);
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({"TaskRoleArn": {"Fn::GetAtt": ["WebTaskDefTaskRoleB0D86F55", "Arn"]}}),
    );
    let statements = statements_of(&t, "WebTaskDefTaskRoleB0D86F55");
    let actions: Vec<&Value> = statements.iter().map(|s| &s["Action"]).collect();
    assert_eq!(
        actions,
        [
            &json!(["logs:CreateLogStream", "logs:PutLogEvents"]),
            &json!("sqs:SendMessage"),
            &json!("s3:GetObject")
        ]
    );
    // The CDK's path for the role's policy.
    assert!(t.json()["Resources"]
        .get("WebTaskDefTaskRoleDefaultPolicy36A8BD4B")
        .is_some());
}

#[test]
fn a_task_without_grants_has_no_task_role() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    LoadBalancedFargateService::new(&stack, "Web", web_service(&cluster));
    let t = synth(&app);
    t.resource_count_is("AWS::IAM::Role", 1);
    let (_, task) = t.find_resources("AWS::ECS::TaskDefinition", json!({})).remove(0);
    assert!(task["Properties"].get("TaskRoleArn").is_none());
}

#[test]
fn several_containers_with_health_checks() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let web = LoadBalancedFargateService::new(
        &stack,
        "Web",
        LoadBalancedFargateServiceProps {
            container_name: "app".into(),
            container_health_check: Some(ContainerHealthCheck {
                interval: Duration::seconds(10),
                timeout: Duration::seconds(3),
                retries: 5,
                start_period: Some(Duration::minutes(1)),
                ..ContainerHealthCheck::shell("curl -f http://localhost:8080/health || exit 1")
            }),
            ..web_service(&cluster)
        },
    );
    web.task_definition().add_container(
        "proxy",
        ContainerOptions {
            essential: false,
            ports: vec![9901],
            health_check: Some(ContainerHealthCheck::exec(["CMD", "/bin/ready"])),
            ..ContainerOptions::new(ContainerImage::from_registry("envoyproxy/envoy"))
        },
    );
    let t = synth(&app);
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({"ContainerDefinitions": [
            {
                "Name": "app", "Essential": true,
                "HealthCheck": {
                    "Command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"],
                    "Interval": 10, "Timeout": 3, "Retries": 5, "StartPeriod": 60
                }
            },
            {
                "Name": "proxy", "Essential": false,
                "PortMappings": [{"ContainerPort": 9901}],
                "HealthCheck": {"Command": ["CMD", "/bin/ready"], "Interval": 30, "Timeout": 5, "Retries": 3}
            }
        ]}),
    );
    // The load balancer goes to the first container with a port.
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({"LoadBalancers": [{"ContainerName": "app", "ContainerPort": 8080}]}),
    );
    t.resource_count_is("AWS::Logs::LogGroup", 2);
    let statements = statements_of(&t, "WebTaskDefExecutionRole04EEAF3E");
    assert_eq!(statements.len(), 2, "each container's log group: {statements:#?}");
    assert!(web.task_definition().container_log_group("proxy").is_some());
}

#[test]
fn task_count_scales_on_cpu_memory_and_requests_at_the_cdk_paths() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let web = LoadBalancedFargateService::new(&stack, "Web", web_service(&cluster));
    let scaling = web.service().auto_scale_task_count(2, 10);
    scaling.scale_on_cpu_utilization(
        "Cpu",
        UtilizationScalingProps {
            scale_in_cooldown: Some(Duration::minutes(5)),
            scale_out_cooldown: Some(Duration::seconds(60)),
            ..UtilizationScalingProps::new(50)
        },
    );
    scaling.scale_on_memory_utilization(
        "Memory",
        UtilizationScalingProps {
            disable_scale_in: true,
            ..UtilizationScalingProps::new(70)
        },
    );
    scaling.scale_on_request_count("Requests", RequestCountScalingProps::new(1000, web.target_group()));
    let t = synth(&app);
    let target = &t.json()["Resources"]["WebServiceTaskCountTargetF7BAB0BC"];
    assert_eq!(target["Type"], "AWS::ApplicationAutoScaling::ScalableTarget");
    assert_eq!(
        target["Properties"],
        json!({
            "MaxCapacity": 10,
            "MinCapacity": 2,
            "ResourceId": {"Fn::Sub": "service/${ClusterEB0386A7}/${WebServiceD04B5F3E.Name}"},
            "RoleARN": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService"},
            "ScalableDimension": "ecs:service:DesiredCount",
            "ServiceNamespace": "ecs"
        })
    );
    let cpu = &t.json()["Resources"]["WebServiceTaskCountTargetCpu44C13166"]["Properties"];
    assert_eq!(
        cpu,
        &json!({
            "PolicyName": "SWebServiceTaskCountTargetCpu66A1EB48",
            "PolicyType": "TargetTrackingScaling",
            "ScalingTargetId": {"Ref": "WebServiceTaskCountTargetF7BAB0BC"},
            "TargetTrackingScalingPolicyConfiguration": {
                "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
                "ScaleInCooldown": 300,
                "ScaleOutCooldown": 60,
                "TargetValue": 50
            }
        })
    );
    t.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        json!({"TargetTrackingScalingPolicyConfiguration": {
            "DisableScaleIn": true,
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageMemoryUtilization"},
            "TargetValue": 70
        }}),
    );
    let requests = &t.json()["Resources"]["WebServiceTaskCountTargetRequests11B8180B"]["Properties"]
        ["TargetTrackingScalingPolicyConfiguration"];
    assert_eq!(requests["TargetValue"], 1000);
    let spec = &requests["PredefinedMetricSpecification"];
    assert_eq!(spec["PredefinedMetricType"], "ALBRequestCountPerTarget");
    // The CDK's label: the load balancer's part of the listener ARN, then
    // the target group's full name.
    let listener = json!({"Ref": "WebLBPublicListenerB3D72A27"});
    let part = |i: u32| json!({"Fn::Select": [i, {"Fn::Split": ["/", listener]}]});
    assert_eq!(
        spec["ResourceLabel"],
        json!({"Fn::Join": ["", [part(1), "/", part(2), "/", part(3), "/", {"Fn::GetAtt": ["WebLBPublicListenerECSGroupB52EA5B2", "TargetGroupFullName"]}]]})
    );
}

#[test]
fn https_with_a_certificate_and_a_redirect_from_http() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let cert = "arn:aws:acm:eu-west-1:111111111111:certificate/abc";
    let web = LoadBalancedFargateService::new(
        &stack,
        "Web",
        LoadBalancedFargateServiceProps {
            public_load_balancer: true,
            certificate_arn: Some(cert.into()),
            redirect_http: true,
            ..web_service(&cluster)
        },
    );
    assert_eq!(web.listener().port(), 443);
    assert!(web.redirect_listener().is_some());
    let t = synth(&app);
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({
            "Port": 443, "Protocol": "HTTPS",
            "Certificates": [{"CertificateArn": cert}],
            "SslPolicy": DEFAULT_SSL_POLICY,
            "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "WebLBPublicListenerECSGroupB52EA5B2"}}]
        }),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({
            "Port": 80, "Protocol": "HTTP",
            "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Port": "443", "Protocol": "HTTPS", "StatusCode": "HTTP_301"}}]
        }),
    );
    // A public load balancer's listeners are open to the internet.
    t.has_resource_properties(
        "AWS::EC2::SecurityGroup",
        json!({"SecurityGroupIngress": [
            {"CidrIp": "0.0.0.0/0", "FromPort": 443, "ToPort": 443, "IpProtocol": "tcp"},
            {"CidrIp": "0.0.0.0/0", "FromPort": 80, "ToPort": 80, "IpProtocol": "tcp"}
        ]}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Scheme": "internet-facing"}),
    );
}

#[test]
fn path_and_host_rules_with_priorities() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let web = LoadBalancedFargateService::new(&stack, "Web", web_service(&cluster));
    let old = web.listener().add_rule(
        "Old",
        ListenerRuleProps {
            priority: 10,
            conditions: vec![ListenerCondition::path_patterns(["/old/*", "/legacy/*"])],
            action: ListenerAction::fixed_response(410, "gone"),
        },
    );
    old.set_tags(vec![rcdk_cfn::elastic_load_balancing_v2::listener_rule::Tag::new(
        "rule", "old",
    )]);
    let api_task = FargateTaskDefinition::new(&stack, "ApiTask", FargateTaskDefinitionProps::default());
    api_task.add_container(
        "api",
        ContainerOptions {
            ports: vec![9000],
            ..ContainerOptions::new(ContainerImage::from_registry("api"))
        },
    );
    let api = FargateService::new(&stack, "Api", FargateServiceProps::new(&cluster, &api_task));
    let api_group = api.register_with_listener(
        web.listener(),
        "Api",
        ListenerTargetProps {
            health_check: TargetGroupHealthCheck {
                healthy_http_codes: Some("200-299".into()),
                timeout: Some(Duration::seconds(10)),
                ..TargetGroupHealthCheck::path("/ping")
            },
            ..ListenerTargetProps::new(
                20,
                [
                    ListenerCondition::host_headers(["api.example.com"]),
                    ListenerCondition::http_request_methods(["GET", "POST"]),
                ],
            )
        },
    );
    assert_eq!(api_group.port(), Some(9000));
    let t = synth(&app);
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::ListenerRule",
        json!({
            "Priority": 10,
            "ListenerArn": {"Ref": "WebLBPublicListenerB3D72A27"},
            "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/old/*", "/legacy/*"]}}],
            "Actions": [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "410", "ContentType": "text/plain", "MessageBody": "gone"}}],
            "Tags": [{"Key": "rule", "Value": "old"}]
        }),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::ListenerRule",
        json!({
            "Priority": 20,
            "Conditions": [
                {"Field": "host-header", "HostHeaderConfig": {"Values": ["api.example.com"]}},
                {"Field": "http-request-method", "HttpRequestMethodConfig": {"Values": ["GET", "POST"]}}
            ],
            "Actions": [{"Type": "forward", "TargetGroupArn": {"Ref": "WebLBPublicListenerApiGroup5AF69E4C"}}]
        }),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({"Port": 9000, "HealthCheckPath": "/ping", "HealthCheckTimeoutSeconds": 10, "Matcher": {"HttpCode": "200-299"}}),
    );
    // The load balancer, and only it, reaches the second service.
    t.has_resource_properties(
        "AWS::EC2::SecurityGroupIngress",
        json!({"FromPort": 9000, "GroupId": {"Fn::GetAtt": ["ApiSecurityGroup2D7B9747", "GroupId"]}, "SourceSecurityGroupId": {"Fn::GetAtt": ["WebLBSecurityGroupAD942A36", "GroupId"]}}),
    );
    t.has_resource(
        "AWS::ECS::Service",
        json!({"DependsOn": ["WebLBPublicListenerApiRule8F688698"]}),
    );
}

#[test]
fn fargate_spot_through_the_clusters_capacity_providers() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(
        &stack,
        "Cluster",
        ClusterProps {
            enable_fargate_capacity_providers: true,
            ..ClusterProps::new(&vpc)
        },
    );
    LoadBalancedFargateService::new(
        &stack,
        "Web",
        LoadBalancedFargateServiceProps {
            capacity_provider_strategies: vec![
                CapacityProviderStrategy::fargate_spot(3),
                CapacityProviderStrategy {
                    base: Some(1),
                    ..CapacityProviderStrategy::fargate(1)
                },
            ],
            platform_version: Some(FargatePlatformVersion::V1_4_0),
            desired_count: 4,
            ..web_service(&cluster)
        },
    );
    let t = synth(&app);
    let association = &t.json()["Resources"]["Cluster3DA9CCBA"];
    assert_eq!(association["Type"], "AWS::ECS::ClusterCapacityProviderAssociations");
    assert_eq!(
        association["Properties"],
        json!({"CapacityProviders": ["FARGATE", "FARGATE_SPOT"], "Cluster": {"Ref": "ClusterEB0386A7"}, "DefaultCapacityProviderStrategy": []})
    );
    let (_, service) = t.find_resources("AWS::ECS::Service", json!({})).remove(0);
    assert_eq!(
        service["Properties"]["CapacityProviderStrategy"],
        json!([{"CapacityProvider": "FARGATE_SPOT", "Weight": 3}, {"Base": 1, "CapacityProvider": "FARGATE", "Weight": 1}])
    );
    assert!(
        service["Properties"].get("LaunchType").is_none(),
        "a strategy replaces the launch type"
    );
    assert_eq!(service["Properties"]["PlatformVersion"], "1.4.0");
    assert_eq!(service["Properties"]["DesiredCount"], 4);
    assert!(service["DependsOn"]
        .as_array()
        .unwrap()
        .contains(&json!("Cluster3DA9CCBA")));
}

#[test]
fn listeners_of_every_kind_on_a_load_balancer() {
    let (app, stack, vpc) = new_app();
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    lb.add_listener(
        "Https",
        ListenerProps {
            certificate_arns: vec!["arn:aws:acm:eu-west-1:111111111111:certificate/abc".into()],
            ..ListenerProps::new(443, ListenerAction::fixed_response(404, "no such page"))
        },
    );
    lb.add_redirect_listener("Redirect", 80, 443);
    let t = synth(&app);
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({"Port": 443, "DefaultActions": [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404", "MessageBody": "no such page"}}]}),
    );
    t.resource_count_is("AWS::ElasticLoadBalancingV2::TargetGroup", 0);
    // An internal load balancer stays closed.
    t.has_resource_properties(
        "AWS::EC2::SecurityGroup",
        json!({"SecurityGroupEgress": [{"Description": "Disallow all traffic"}]}),
    );
    let (_, group) = t.find_resources("AWS::EC2::SecurityGroup", json!({})).remove(0);
    assert!(group["Properties"].get("SecurityGroupIngress").is_none());
    assert_eq!(vpc.private_subnet_ids().len(), 2);
}

#[test]
fn every_l2_takes_a_typed_adjustment() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    cluster.cfn().set_cluster_name("orders");
    let web = LoadBalancedFargateService::new(&stack, "Web", web_service(&cluster));
    web.task_definition().cfn().set_family("orders-web");
    web.task_definition()
        .execution_role()
        .cfn()
        .set_description("pulls images");
    web.task_definition()
        .container_log_group("web")
        .unwrap()
        .cfn()
        .set_retention_in_days(90);
    web.service().cfn().set_enable_execute_command(true);
    web.load_balancer().cfn().set_name("orders-lb");
    web.listener().cfn().set_port(8000);
    web.target_group().cfn().set_target_group_attributes(vec![
        rcdk_cfn::elastic_load_balancing_v2::target_group::TargetGroupAttribute {
            key: Some("deregistration_delay.timeout_seconds".into()),
            value: Some("30".into()),
        },
    ]);
    web.service().auto_scale_task_count(1, 4).cfn().set_max_capacity(8);
    let t = synth(&app);
    t.has_resource_properties("AWS::ECS::Cluster", json!({"ClusterName": "orders"}));
    t.has_resource_properties("AWS::ECS::TaskDefinition", json!({"Family": "orders-web"}));
    t.has_resource_properties("AWS::IAM::Role", json!({"Description": "pulls images"}));
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 90}));
    t.has_resource_properties("AWS::ECS::Service", json!({"EnableExecuteCommand": true}));
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Name": "orders-lb"}),
    );
    t.has_resource_properties("AWS::ElasticLoadBalancingV2::Listener", json!({"Port": 8000}));
    t.has_resource_properties("AWS::ApplicationAutoScaling::ScalableTarget", json!({"MaxCapacity": 8}));
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({"TargetGroupAttributes": [{"Key": "deregistration_delay.timeout_seconds", "Value": "30"}]}),
    );
}
