//! Logical IDs and construct paths equal the real AWS CDK's, resource by
//! resource, for the reference system and each L2 with its common options.
//!
//! The expected IDs are fixtures written by the AWS CDK itself
//! (`scripts/cdk-fixtures/generate`, aws-cdk-lib from npm); this test needs
//! no Node. Where rcdk deliberately makes other resources than the CDK, the
//! difference is listed here, by logical ID, and documented on the L2.

use std::collections::BTreeMap;

use rcdk::prelude::*;
use serde_json::Value;

/// Logical ID -> (type, construct path).
type Resources = BTreeMap<String, (String, String)>;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/cdk/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("fixture JSON")
}

fn cdk_resources(fixture: &Value, stack: &str) -> Resources {
    let resources = fixture["stacks"][stack]["resources"]
        .as_object()
        .expect("fixture stack");
    resources
        .iter()
        .map(|(id, r)| {
            (
                id.clone(),
                (
                    r["type"].as_str().unwrap().to_owned(),
                    r["path"].as_str().unwrap().to_owned(),
                ),
            )
        })
        .collect()
}

fn rcdk_resources(app: &App, stack: &str) -> Resources {
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    let artifact = assembly.stack(stack).expect("stack");
    let resources = artifact.template()["Resources"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    resources
        .iter()
        .map(|(id, r)| {
            let path = artifact.construct_path(id).unwrap_or_default().to_owned();
            (id.clone(), (r["Type"].as_str().unwrap_or_default().to_owned(), path))
        })
        .collect()
}

/// Every resource both make has the same logical ID, type and path; the
/// rest are exactly the documented differences (`rcdk_only`, `cdk_only`).
fn assert_same_ids(name: &str, app: &App, stack: &str, rcdk_only: &[&str], cdk_only: &[&str]) {
    let cdk = cdk_resources(&fixture(name), stack);
    let ours = rcdk_resources(app, stack);
    let mut problems = Vec::new();
    for (id, (ty, path)) in &cdk {
        match ours.get(id) {
            Some(mine) if mine == &(ty.clone(), path.clone()) => {}
            Some(mine) => problems.push(format!("{id}: CDK {ty} at {path}, rcdk {} at {}", mine.0, mine.1)),
            None if cdk_only.contains(&id.as_str()) => {}
            None => problems.push(format!("{id} ({ty} at {path}) is missing from rcdk")),
        }
    }
    for (id, (ty, path)) in &ours {
        if !cdk.contains_key(id) && !rcdk_only.contains(&id.as_str()) {
            problems.push(format!("{id} ({ty} at {path}) is not the CDK's"));
        }
    }
    for id in rcdk_only {
        if !ours.contains_key(*id) || cdk.contains_key(*id) {
            problems.push(format!("{id} is listed as made by rcdk only, and is not"));
        }
    }
    for id in cdk_only {
        if !cdk.contains_key(*id) || ours.contains_key(*id) {
            problems.push(format!("{id} is listed as made by the CDK only, and is not"));
        }
    }
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
}

fn new_app() -> (App, Stack) {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    (app, stack)
}

fn plain_vpc(stack: &Stack) -> Vpc {
    Vpc::new(
        stack,
        "Vpc",
        VpcProps {
            flow_logs: false,
            ..Default::default()
        },
    )
}

#[test]
fn the_reference_system() {
    assert_same_ids(
        "call_microservice",
        &rcdk_examples::call_microservice(),
        "CallMicroservice",
        &[
            // rcdk gives the VPC link a security group that may reach only the
            // load balancer's listener, and writes both sides of that rule.
            "VpcLinkSecurityGroup37D3108F",
            "VpcLinkSecurityGrouptoCallMicroserviceServiceLBSecurityGroup13836F3080B869659A",
            "ServiceLBSecurityGroupfromCallMicroserviceVpcLinkSecurityGroupC607BC4980AA0166E9",
            // rcdk's HTTP API stage always writes access logs.
            "ApiAccessLogs50B185DB",
            // The state machine logs ALL events to a log group rcdk makes
            // for it (the CDK needs one passed in), and the topic denies
            // publishing without TLS (the CDK's enforceSSL, off there).
            "StateMachineLogs5A6F0DF5",
            "TopicPolicyA1747468",
        ],
        // The CDK always gives a task a role; rcdk only when asked.
        &["ServiceTaskDefTaskRole0CFE2F57"],
    );
}

#[test]
fn two_stacks_and_their_exports() {
    let app = rcdk_examples::two_stacks();
    for stack in ["Storage", "Notifications"] {
        assert_same_ids("two_stacks", &app, stack, &[], &[]);
    }
    let fixture = fixture("two_stacks");
    let assembly = app.synth().unwrap();
    let outputs = assembly.stack("Storage").unwrap().template()["Outputs"].clone();
    for (id, name) in fixture["stacks"]["Storage"]["exports"].as_object().unwrap() {
        assert_eq!(&outputs[id]["Export"]["Name"], name, "export of {id}");
    }
}

#[test]
fn vpcs() {
    let cases = [
        (
            "l2_vpc_default",
            VpcProps {
                flow_logs: false,
                ..Default::default()
            },
        ),
        (
            "l2_vpc_max_azs_1",
            VpcProps {
                max_azs: 1,
                flow_logs: false,
                ..Default::default()
            },
        ),
        (
            "l2_vpc_max_azs_2",
            VpcProps {
                max_azs: 2,
                flow_logs: false,
                ..Default::default()
            },
        ),
        (
            "l2_vpc_nat_gateways_1",
            VpcProps {
                nat_gateways: NatGateways::One,
                flow_logs: false,
                ..Default::default()
            },
        ),
        (
            "l2_vpc_nat_gateways_0",
            VpcProps {
                nat_gateways: NatGateways::None,
                flow_logs: false,
                ..Default::default()
            },
        ),
        ("l2_vpc_flow_log", VpcProps::default()),
    ];
    for (name, props) in cases {
        let (app, stack) = new_app();
        Vpc::new(&stack, "Vpc", props);
        assert_same_ids(name, &app, "S", &[], &[]);
    }
}

#[test]
fn security_group_rules() {
    let (app, stack) = new_app();
    let vpc = plain_vpc(&stack);
    let web = SecurityGroup::new(&stack, "Web", SecurityGroupProps::new(&vpc, "web"));
    let lb = SecurityGroup::new(&stack, "Lb", SecurityGroupProps::new(&vpc, "lb"));
    let open = SecurityGroup::new(
        &stack,
        "Open",
        SecurityGroupProps {
            allow_all_outbound: true,
            ..SecurityGroupProps::new(&vpc, "open")
        },
    );
    web.allow_from(&lb, Port::tcp(8080), "lb");
    web.allow_from(&open, Port::tcp_range(9000, 9100), "open");
    web.allow_from_peer(&Peer::ipv4("10.0.0.0/16"), Port::udp(53), "dns");
    assert_same_ids("l2_security_group", &app, "S", &[], &[]);
}

#[test]
fn compute() {
    let (app, stack) = new_app();
    let vpc = plain_vpc(&stack);
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    assert_same_ids("l2_cluster", &app, "S", &[], &[]);

    let (app, stack) = new_app();
    let task = FargateTaskDefinition::new(
        &stack,
        "Task",
        FargateTaskDefinitionProps {
            cpu: 512,
            memory_mib: 1024,
            task_role: true,
        },
    );
    task.add_container(
        "web",
        ContainerOptions {
            ports: vec![8080],
            ..ContainerOptions::new(ContainerImage::from_registry("nginx"))
        },
    );
    assert_same_ids("l2_fargate_task_definition", &app, "S", &[], &[]);
    drop(cluster);

    let (app, stack) = new_app();
    let vpc = plain_vpc(&stack);
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let task = FargateTaskDefinition::new(
        &stack,
        "Task",
        FargateTaskDefinitionProps {
            task_role: true,
            ..Default::default()
        },
    );
    task.add_container(
        "worker",
        ContainerOptions::new(ContainerImage::from_registry("busybox")),
    );
    FargateService::new(
        &stack,
        "Worker",
        FargateServiceProps {
            desired_count: 1,
            ..FargateServiceProps::new(&cluster, &task)
        },
    );
    assert_same_ids("l2_fargate_service", &app, "S", &[], &[]);

    for (name, internet_facing) in [
        ("l2_application_load_balancer", false),
        ("l2_application_load_balancer_internet_facing", true),
    ] {
        let (app, stack) = new_app();
        let vpc = plain_vpc(&stack);
        let lb = ApplicationLoadBalancer::new(
            &stack,
            "Lb",
            ApplicationLoadBalancerProps {
                internet_facing,
                ..ApplicationLoadBalancerProps::new(&vpc)
            },
        );
        lb.add_http_listener("Http", 80, 8080, "/health");
        assert_same_ids(name, &app, "S", &[], &[]);
    }

    let (app, stack) = new_app();
    let vpc = plain_vpc(&stack);
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    LoadBalancedFargateService::new(
        &stack,
        "Web",
        LoadBalancedFargateServiceProps {
            desired_count: 3,
            ..LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80)
        },
    );
    assert_same_ids(
        "l2_application_load_balanced_fargate_service",
        &app,
        "S",
        &[],
        &["WebTaskDefTaskRoleB0D86F55"],
    );
}

#[test]
fn http_apis() {
    let (app, stack) = new_app();
    HttpApi::new(&stack, "Api", HttpApiProps::default());
    assert_same_ids("l2_http_api_access_logs", &app, "S", &[], &[]);

    let (app, stack) = new_app();
    let vpc = plain_vpc(&stack);
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
    let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    api.grant_invoke(&caller, Method::Get, Some("/items"));
    assert_same_ids(
        "l2_http_api_alb_route",
        &app,
        "S",
        &[
            "ApiAccessLogs50B185DB",
            "LinkSecurityGroupAA66925B",
            "LinkSecurityGrouptoSSvcLBSecurityGroup19328F2A80F843F23A",
            "SvcLBSecurityGroupfromSLinkSecurityGroup604F736F805DF6A94C",
        ],
        &["SvcTaskDefTaskRole72BBCC14"],
    );
}

#[test]
fn messaging_iam_logs_and_state_machines() {
    let (app, stack) = new_app();
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    // rcdk's topics deny publishing without TLS unless told not to.
    assert_same_ids("l2_topic_default", &app, "S", &["TopicPolicyA1747468"], &[]);
    topic.add_subscription("Mail", Subscription::email("ops@example.com"));
    assert_same_ids(
        "l2_subscription",
        &app,
        "S",
        &["TopicPolicyA1747468"],
        &["TopicopsexamplecomA7AF42F2"],
    );

    let (app, stack) = new_app();
    LogGroup::new(&stack, "Logs", LogGroupProps::default());
    assert_same_ids("l2_log_group", &app, "S", &[], &[]);

    // Imported resources make no resources of their own; grants to an
    // imported role attach a policy at the CDK's path. The CDK also writes a
    // log group resource policy for the role, which its own identity policy
    // already covers: rcdk leaves it out.
    let (app, stack) = new_app();
    let role = Role::from_arn(&stack, "Deployer", "arn:aws:iam::111111111111:role/ci/deployer");
    let shared = Topic::from_arn(&stack, "Shared", "arn:aws:sns:eu-west-1:111111111111:shared");
    shared.grant_publish(&role);
    shared.add_subscription("ops@example.com", Subscription::email("ops@example.com"));
    LogGroup::from_name(&stack, "Audit", "/org/audit").grant_write(&role);
    assert_same_ids("l2_imports", &app, "S", &[], &["AuditPolicyResourcePolicyA4F95380"]);

    let (app, stack) = new_app();
    let dlq = Queue::new(&stack, "JobsDlq", QueueProps::default());
    let jobs = Queue::new(
        &stack,
        "Jobs",
        QueueProps {
            dead_letter_queue: Some(DeadLetterQueue::new(&dlq, 5)),
            ..Default::default()
        },
    );
    let events = Topic::new(&stack, "Events", TopicProps::default());
    jobs.subscribe_to(
        &events,
        SubscriptionOptions {
            raw_message_delivery: true,
            ..Default::default()
        },
    );
    let worker = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    jobs.grant_consume_messages(&worker);
    Queue::from_arn(&stack, "Shared", "arn:aws:sqs:eu-west-1:111111111111:shared").grant_send_messages(&worker);
    assert_same_ids("l2_queues", &app, "S", &["EventsPolicyE4A9312A"], &[]);

    let (app, stack) = new_app();
    let role = Role::new(&stack, "Role", RoleProps::assumed_by("states.amazonaws.com"));
    role.add_to_policy(PolicyStatement::allow(
        ["sns:Publish"],
        ["arn:aws:sns:eu-west-1:111111111111:alerts"],
    ));
    let alerts = Topic::new(&stack, "Alerts", TopicProps::default());
    let publisher = Role::new(&stack, "Publisher", RoleProps::assumed_by("lambda.amazonaws.com"));
    alerts.grant_publish(&publisher);
    assert_same_ids("l2_role", &app, "S", &["AlertsPolicy425C338D"], &[]);

    let (app, stack) = new_app();
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    let definition = Pass::new("Start").next(
        Choice::new("Big?")
            .when(
                Condition::number_greater_than("$.size", 10),
                SnsPublish::new("Alert", &topic).message("big"),
            )
            .otherwise(Succeed::new("Done")),
    );
    let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(definition));
    let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    flow.grant_start_execution(&caller);
    assert_same_ids("l2_state_machine", &app, "S", &["TopicPolicyA1747468"], &[]);
}

#[test]
fn imported_vpc_security_groups_and_cluster() {
    let (app, stack) = new_app();
    let vpc = Vpc::from_attributes(
        &stack,
        "Vpc",
        VpcAttributes {
            private_subnet_ids: vec!["subnet-0a1b2c3d".into(), "subnet-1a2b3c4d".into()],
            public_subnet_ids: vec!["subnet-2a2b3c4d".into(), "subnet-3a2b3c4d".into()],
            ..VpcAttributes::new("vpc-0a1b2c3d", ["eu-west-1a", "eu-west-1b"])
        },
    );
    let shared = SecurityGroup::from_id(&stack, "Shared", "sg-0a1b2c3d");
    let closed = SecurityGroup::from_id_with_options(
        &stack,
        "Closed",
        "sg-1a2b3c4d",
        SecurityGroupImportOptions {
            allow_all_outbound: false,
        },
    );
    let own = SecurityGroup::new(&stack, "Own", SecurityGroupProps::new(&vpc, "own"));
    shared.allow_from(&own, Port::tcp(443), "own to shared");
    own.allow_from(&closed, Port::tcp(8080), "closed to own");
    shared.allow_from_peer(&Peer::ipv4("10.0.0.0/16"), Port::tcp(22), "ssh");
    closed.allow_to_peer(&Peer::ipv4("10.0.0.0/16"), Port::udp(53), "dns");
    let cluster = Cluster::from_attributes(&stack, "Cluster", ClusterAttributes::new("prod", &vpc));
    let task = FargateTaskDefinition::new(
        &stack,
        "Task",
        FargateTaskDefinitionProps {
            task_role: true,
            ..Default::default()
        },
    );
    task.add_container(
        "worker",
        ContainerOptions::new(ContainerImage::from_registry("busybox")),
    );
    FargateService::new(
        &stack,
        "Worker",
        FargateServiceProps {
            desired_count: 1,
            ..FargateServiceProps::new(&cluster, &task)
        },
    );
    assert_same_ids("l2_network_compute_imports", &app, "S", &[], &[]);
}

#[test]
fn load_balanced_fargate_service_options() {
    let (app, stack) = new_app();
    let vpc = plain_vpc(&stack);
    let cluster = Cluster::new(
        &stack,
        "Cluster",
        ClusterProps {
            enable_fargate_capacity_providers: true,
            ..ClusterProps::new(&vpc)
        },
    );
    let web = LoadBalancedFargateService::new(
        &stack,
        "Web",
        LoadBalancedFargateServiceProps {
            public_load_balancer: true,
            certificate_arn: Some("arn:aws:acm:eu-west-1:111111111111:certificate/abc".into()),
            redirect_http: true,
            capacity_provider_strategies: vec![
                CapacityProviderStrategy::fargate_spot(3),
                CapacityProviderStrategy {
                    base: Some(1),
                    ..CapacityProviderStrategy::fargate(1)
                },
            ],
            platform_version: Some(FargatePlatformVersion::V1_4_0),
            environment: vec![("STAGE".into(), "prod".into())],
            secrets: vec![
                ("DB_URL".into(), Secret::from_ssm_parameter_name("/app/db-url")),
                (
                    "DB_PASSWORD".into(),
                    Secret::from_secrets_manager("arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf"),
                ),
            ],
            ..LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 8080)
        },
    );
    web.task_definition().add_container(
        "sidecar",
        ContainerOptions {
            essential: false,
            health_check: Some(ContainerHealthCheck {
                interval: Duration::seconds(10),
                ..ContainerHealthCheck::shell("true")
            }),
            ..ContainerOptions::new(ContainerImage::from_registry("busybox"))
        },
    );
    Topic::from_arn(&stack, "Events", "arn:aws:sns:eu-west-1:111111111111:events").grant_publish(&web);
    let scaling = web.service().auto_scale_task_count(2, 10);
    scaling.scale_on_cpu_utilization("Cpu", UtilizationScalingProps::new(50));
    scaling.scale_on_memory_utilization("Memory", UtilizationScalingProps::new(70));
    scaling.scale_on_request_count("Requests", RequestCountScalingProps::new(1000, web.target_group()));
    web.listener().add_rule(
        "Old",
        ListenerRuleProps {
            priority: 10,
            conditions: vec![ListenerCondition::path_patterns(["/old/*"])],
            action: ListenerAction::fixed_response(410, "gone"),
        },
    );
    let api_task = FargateTaskDefinition::new(
        &stack,
        "ApiTask",
        FargateTaskDefinitionProps {
            task_role: true,
            ..Default::default()
        },
    );
    api_task.add_container(
        "api",
        ContainerOptions {
            ports: vec![8080],
            ..ContainerOptions::new(ContainerImage::from_registry("nginx"))
        },
    );
    let api = FargateService::new(&stack, "Api", FargateServiceProps::new(&cluster, &api_task));
    api.register_with_listener(
        web.listener(),
        "Api",
        ListenerTargetProps::new(20, [ListenerCondition::host_headers(["api.example.com"])]),
    );
    assert_same_ids("l2_load_balanced_fargate_service_options", &app, "S", &[], &[]);
}

#[test]
fn listeners_rules_and_imported_listeners() {
    let (app, stack) = new_app();
    let vpc = plain_vpc(&stack);
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    let https = lb.add_listener(
        "Https",
        ListenerProps {
            certificate_arns: vec!["arn:aws:acm:eu-west-1:111111111111:certificate/abc".into()],
            ..ListenerProps::new(443, ListenerAction::fixed_response(404, "no such page"))
        },
    );
    lb.add_redirect_listener("Redirect", 80, 443);
    https.add_rule(
        "Old",
        ListenerRuleProps {
            priority: 10,
            conditions: vec![ListenerCondition::path_patterns(["/old/*"])],
            action: ListenerAction::fixed_response(410, "gone"),
        },
    );
    let lb_sg = SecurityGroup::from_id(&stack, "LbSg", "sg-0a1b2c3d");
    let shared = Listener::from_attributes(
        &stack,
        "Shared",
        ListenerAttributes::new(
            "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/fedcba9876543210",
            &lb_sg,
            443,
        ),
    );
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let task = FargateTaskDefinition::new(
        &stack,
        "Task",
        FargateTaskDefinitionProps {
            task_role: true,
            ..Default::default()
        },
    );
    task.add_container(
        "api",
        ContainerOptions {
            ports: vec![8080],
            ..ContainerOptions::new(ContainerImage::from_registry("nginx"))
        },
    );
    let api = FargateService::new(&stack, "Api", FargateServiceProps::new(&cluster, &task));
    api.register_with_listener(
        &shared,
        "Api",
        ListenerTargetProps::new(20, [ListenerCondition::host_headers(["api.example.com"])]),
    );
    let legacy = ApplicationTargetGroup::from_attributes(
        &stack,
        "Legacy",
        TargetGroupAttributes::new(
            "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/legacy/0123456789abcdef",
        ),
    );
    shared.add_rule(
        "Legacy",
        ListenerRuleProps {
            priority: 30,
            conditions: vec![ListenerCondition::path_patterns(["/legacy/*"])],
            action: ListenerAction::forward(&legacy),
        },
    );
    assert_same_ids("l2_alb_listeners_and_rules", &app, "S", &[], &[]);
}

#[test]
fn lambda_functions_and_their_tasks() {
    use rcdk::lambda::{
        AuthType as UrlAuthType, Code, Function, FunctionLogs, FunctionProps, FunctionUrlCors, FunctionUrlOptions,
        IFunction, Permission, Runtime,
    };
    use rcdk::orchestration::{IntegrationPattern, InvocationType, LambdaInvoke};

    // Functions with their role, log group, permissions and URLs, an
    // imported function, and state-machine tasks invoking them: no
    // difference (crates/lambda/tests/cdk.rs and
    // crates/orchestration-tasks/tests/lambda.rs check the statements).
    let (app, stack) = new_app();
    let python = || {
        FunctionProps::new(
            Runtime::Python312,
            Code::inline("def handler(event, context):\n    return event\n"),
        )
        .handler("index.handler")
    };
    let handler = Function::new(&stack, "Handler", python());
    handler.add_permission(
        "Events",
        Permission::service("events.amazonaws.com").source_arn("arn:aws:events:eu-west-1:111111111111:rule/nightly"),
    );
    handler.add_function_url(FunctionUrlOptions {
        auth_type: UrlAuthType::None,
        cors: Some(FunctionUrlCors::origins(["https://example.com"])),
        ..Default::default()
    });
    let logs = LogGroup::new(&stack, "LoggedLogs", LogGroupProps::default());
    let logged = Function::new(&stack, "Logged", python().logs(FunctionLogs::to(&logs)));
    logged.add_function_url(FunctionUrlOptions::default());
    let imported = Function::from_function_arn(
        &stack,
        "Imported",
        cfn_format!(
            "arn:{}:lambda:{}:{}:function:shared",
            Aws::partition(),
            Aws::region(),
            Aws::account_id()
        ),
    );
    let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    handler.grant_invoke(&caller);
    imported.grant_invoke(&caller);
    let definition = LambdaInvoke::new("Invoke", &handler)
        .next(LambdaInvoke::payload_response_only("Invoke2", &imported))
        .next(
            LambdaInvoke::with_pattern("Invoke3", &logged, IntegrationPattern::WaitForTaskToken)
                .payload(rcdk::Value::object([
                    ("token.$", "$$.Task.Token".into()),
                    ("order.$", "$.order".into()),
                ]))
                .invocation_type(InvocationType::Event),
        );
    StateMachine::new(&stack, "Flow", StateMachineProps::new(definition));
    assert_same_ids("l2_lambda", &app, "S", &[], &[]);
}

#[test]
fn lambda_as_bucket_rule_and_route_destination() {
    use rcdk::api::LambdaIntegration;
    use rcdk::events::targets::LambdaFunction;
    use rcdk::lambda::{Code, Function, FunctionProps, Runtime};
    use rcdk::storage::{EventType, NotificationDestination, NotificationKeyFilter};

    // One function notified by a bucket (two events, one permission),
    // targeted by a rule (with a dead-letter queue) and integrated with two
    // routes (one integration, a permission per route). rcdk writes the
    // bucket's own NotificationConfiguration where the CDK makes a custom
    // resource with its handler, role and policy; the API's access-log
    // group is rcdk's own (see http_apis).
    let (app, stack) = new_app();
    let handler = Function::new(
        &stack,
        "Handler",
        FunctionProps::new(
            Runtime::Python312,
            Code::inline("def handler(event, context):\n    return event\n"),
        )
        .handler("index.handler"),
    );
    let uploads = Bucket::new(&stack, "Uploads", BucketProps::default());
    uploads.add_event_notification(
        EventType::ObjectCreated,
        NotificationDestination::Function(&handler),
        NotificationKeyFilter {
            prefix: Some("in/".into()),
            suffix: None,
        },
    );
    uploads.add_event_notification(
        EventType::ObjectRemoved,
        NotificationDestination::Function(&handler),
        NotificationKeyFilter::default(),
    );
    let dlq = Queue::new(&stack, "Undelivered", QueueProps::default());
    let nightly = Rule::new(
        &stack,
        "Nightly",
        RuleProps::scheduled(Schedule::rate(Duration::days(1))),
    );
    nightly.add_target_with(
        &LambdaFunction::new(&handler),
        TargetOptions {
            retry_attempts: Some(2),
            dead_letter_queue: Some(&dlq),
            ..Default::default()
        },
    );
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let orders = LambdaIntegration::new("Orders", &handler);
    api.add_route("GET /orders/{id}", &orders, RouteAuth::Iam);
    api.add_route("POST /orders", &orders, RouteAuth::Iam);
    assert_same_ids(
        "l2_lambda_integrations",
        &app,
        "S",
        &["ApiAccessLogs50B185DB"],
        &[
            "BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691",
            "BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC",
            "UploadsNotifications8DBDDF22",
            "UploadsNotificationsHandlerPolicy4B83D677",
        ],
    );
}
