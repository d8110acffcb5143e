//! Bad input to Fargate services and load balancers: each a synth error at
//! the construct's path that names the problem and then the fix.

use rcdk_compute::*;
use rcdk_core::{App, Duration, Stack, StackProps};
use rcdk_network::{Vpc, VpcProps};

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

fn errors(app: &App) -> Vec<String> {
    app.synth()
        .expect_err("expected errors")
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// `message` is at `path`, names `problem`, then says `fix`.
fn says(message: &str, path: &str, problem: &str, fix: &str) {
    assert!(
        message.starts_with(&format!("{path}: ")),
        "{message:?} is not at {path}"
    );
    let p = message
        .find(problem)
        .unwrap_or_else(|| panic!("{message:?} lacks {problem:?}"));
    let f = message
        .rfind(fix)
        .unwrap_or_else(|| panic!("{message:?} lacks {fix:?}"));
    assert!(
        p + problem.len() <= f,
        "in {message:?} the fix does not follow the problem"
    );
}

/// Exactly one error, at `path`, naming `problem` then `fix`.
fn one(app: &App, path: &str, problem: &str, fix: &str) {
    let e = errors(app);
    assert_eq!(e.len(), 1, "{e:#?}");
    says(&e[0], path, problem, fix);
}

fn task(stack: &Stack, id: &str, ports: Vec<u16>) -> FargateTaskDefinition {
    let task = FargateTaskDefinition::new(stack, id, FargateTaskDefinitionProps::default());
    task.add_container(
        "web",
        ContainerOptions {
            ports,
            ..ContainerOptions::new(ContainerImage::from_registry("nginx"))
        },
    );
    task
}

#[test]
fn a_target_port_other_than_the_container_port() {
    let (app, stack, vpc) = new_app();
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    let listener = lb.add_http_listener("Http", 80, 8080, "/");
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let task = task(&stack, "Task", vec![80]);
    let service = FargateService::new(&stack, "Web", FargateServiceProps::new(&cluster, &task));
    service.attach_to_target_group(listener.target_group().unwrap());
    one(
        &app,
        "S/Web",
        "target group S/Lb/Http/TargetGroup sends to port 8080 but container web listens on 80",
        "give the target group the container's port (80), or map port 8080 in the container",
    );
}

#[test]
fn attaching_a_task_without_ports() {
    let (app, stack, vpc) = new_app();
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    let listener = lb.add_http_listener("Http", 80, 8080, "/");
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let task = task(&stack, "Task", vec![]);
    let service = FargateService::new(&stack, "Web", FargateServiceProps::new(&cluster, &task));
    service.attach_to_target_group(listener.target_group().unwrap());
    one(
        &app,
        "S/Web",
        "no container of the task definition has a port",
        "give the container the port it listens on (ContainerOptions::ports)",
    );
}

#[test]
fn a_listener_port_of_zero() {
    let (app, stack, vpc) = new_app();
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    lb.add_redirect_listener("Redirect", 0, 443);
    one(
        &app,
        "S/Lb/Redirect",
        "listener port 0 is not a port",
        "use 1 to 65535 (80 for HTTP, 443 for HTTPS)",
    );
}

#[test]
fn a_container_port_of_zero() {
    let (app, stack, _) = new_app();
    task(&stack, "Task", vec![0]);
    one(
        &app,
        "S/Task",
        "container web: port 0 is not a port",
        "use the port the container listens on, 1 to 65535",
    );
}

#[test]
fn a_load_balanced_service_on_port_zero_is_reported_where_it_is_used() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    LoadBalancedFargateService::new(
        &stack,
        "Web",
        LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 0),
    );
    let e = errors(&app);
    assert_eq!(e.len(), 2, "{e:#?}");
    says(
        &e[0],
        "S/Web/TaskDef",
        "container web: port 0 is not a port",
        "1 to 65535",
    );
    says(
        &e[1],
        "S/Web/LB/PublicListener/ECSGroup",
        "target port 0 is not a port",
        "1 to 65535",
    );
}

#[test]
fn rule_priorities_are_unique_and_in_range() {
    let (app, stack, vpc) = new_app();
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    let listener = lb.add_http_listener("Http", 80, 8080, "/");
    let rule = |id: &str, priority: u32| {
        listener.add_rule(
            id,
            ListenerRuleProps {
                priority,
                conditions: vec![ListenerCondition::path_patterns([format!("/{id}/*")])],
                action: ListenerAction::fixed_response(404, ""),
            },
        );
    };
    rule("A", 10);
    rule("B", 10);
    rule("C", 0);
    rule("D", 50001);
    let e = errors(&app);
    assert_eq!(e.len(), 3, "{e:#?}");
    says(
        &e[0],
        "S/Lb/Http/BRule",
        "priority 10 is already taken by rule A of this listener",
        "give each rule of a listener its own priority",
    );
    says(
        &e[1],
        "S/Lb/Http/CRule",
        "priority 0 is outside 1 to 50000",
        "give the rule a priority in that range",
    );
    says(
        &e[2],
        "S/Lb/Http/DRule",
        "priority 50001 is outside 1 to 50000",
        "in that range",
    );
}

#[test]
fn rules_need_conditions_with_values() {
    let (app, stack, vpc) = new_app();
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    let listener = lb.add_http_listener("Http", 80, 8080, "/");
    listener.add_rule(
        "All",
        ListenerRuleProps {
            priority: 1,
            conditions: vec![],
            action: ListenerAction::fixed_response(503, "down"),
        },
    );
    listener.add_rule(
        "Empty",
        ListenerRuleProps {
            priority: 2,
            conditions: vec![ListenerCondition::host_headers(Vec::<String>::new())],
            action: ListenerAction::fixed_response(503, "down"),
        },
    );
    listener.add_rule(
        "Many",
        ListenerRuleProps {
            priority: 3,
            conditions: vec![ListenerCondition::path_patterns(["/a", "/b", "/c", "/d", "/e", "/f"])],
            action: ListenerAction::fixed_response(503, "down"),
        },
    );
    let e = errors(&app);
    assert_eq!(e.len(), 3, "{e:#?}");
    says(
        &e[0],
        "S/Lb/Http/AllRule",
        "the rule has no conditions, so it would take every request",
        "add a condition",
    );
    says(
        &e[1],
        "S/Lb/Http/EmptyRule",
        "the host-header condition has no values, so it matches nothing",
        "give it at least one value",
    );
    says(
        &e[2],
        "S/Lb/Http/ManyRule",
        "the rule's conditions have 6 values, over the 5 a rule may have",
        "split it into several rules",
    );
}

#[test]
fn health_checks_out_of_range() {
    let (app, stack, vpc) = new_app();
    let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    task.add_container(
        "web",
        ContainerOptions {
            health_check: Some(ContainerHealthCheck {
                interval: Duration::seconds(1),
                ..ContainerHealthCheck::shell("true")
            }),
            ..ContainerOptions::new(ContainerImage::from_registry("nginx"))
        },
    );
    task.add_container(
        "sidecar",
        ContainerOptions {
            health_check: Some(ContainerHealthCheck::exec(["curl", "localhost"])),
            ..ContainerOptions::new(ContainerImage::from_registry("busybox"))
        },
    );
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let web = task_with_port(&stack);
    let service = FargateService::new(&stack, "Svc", FargateServiceProps::new(&cluster, &web));
    let lb = ApplicationLoadBalancer::new(&stack, "Lb", ApplicationLoadBalancerProps::new(&vpc));
    let listener = lb.add_http_listener("Http", 80, 8080, "/");
    service.register_with_listener(
        &listener,
        "Api",
        ListenerTargetProps {
            health_check: TargetGroupHealthCheck {
                interval: Duration::millis(1500),
                healthy_threshold: 1,
                ..TargetGroupHealthCheck::path("health")
            },
            ..ListenerTargetProps::new(5, [ListenerCondition::path_patterns(["/api/*"])])
        },
    );
    let e = errors(&app);
    assert_eq!(e.len(), 5, "{e:#?}");
    says(
        &e[0],
        "S/Task",
        "container web: health check interval is 1 second",
        "use whole seconds from 5 to 300",
    );
    says(
        &e[1],
        "S/Task",
        "container sidecar: health check command [\"curl\", \"localhost\"] must start with CMD or CMD-SHELL",
        "use ContainerHealthCheck::shell",
    );
    says(
        &e[2],
        "S/Lb/Http/ApiGroup",
        "health check interval is 1500 milliseconds",
        "use whole seconds from 5 to 300",
    );
    says(
        &e[3],
        "S/Lb/Http/ApiGroup",
        "health check healthy_threshold is 1",
        "use 2 to 10",
    );
    says(
        &e[4],
        "S/Lb/Http/ApiGroup",
        "health check path \"health\" does not start with /",
        "like /health",
    );
}

fn task_with_port(stack: &Stack) -> FargateTaskDefinition {
    let task = FargateTaskDefinition::new(stack, "WebTask", FargateTaskDefinitionProps::default());
    task.add_container(
        "app",
        ContainerOptions {
            ports: vec![8080],
            ..ContainerOptions::new(ContainerImage::from_registry("nginx"))
        },
    );
    task
}

#[test]
fn secrets_that_the_execution_role_could_not_read() {
    let (app, stack, _) = new_app();
    let task = FargateTaskDefinition::new(&stack, "Task", FargateTaskDefinitionProps::default());
    task.add_container(
        "web",
        ContainerOptions {
            environment: vec![("TOKEN".into(), "plain".into())],
            secrets: vec![
                (
                    "PARTIAL".into(),
                    Secret::from_secrets_manager("arn:aws:secretsmanager:eu-west-1:111111111111:secret:db"),
                ),
                (
                    "WRONG".into(),
                    Secret::from_secrets_manager("arn:aws:ssm:eu-west-1:111111111111:parameter/db"),
                ),
                ("NAME".into(), Secret::from_ssm_parameter_name("app db url")),
                (
                    "TOKEN".into(),
                    Secret::from_ssm_parameter_arn("arn:aws:ssm:eu-west-1:111111111111:parameter/token"),
                ),
            ],
            ..ContainerOptions::new(ContainerImage::from_registry("nginx"))
        },
    );
    let e = errors(&app);
    assert_eq!(e.len(), 4, "{e:#?}");
    says(
        &e[0],
        "S/Task",
        "container web: secret PARTIAL: \"arn:aws:secretsmanager:eu-west-1:111111111111:secret:db\" is a partial secret ARN",
        "use the complete ARN Secrets Manager shows",
    );
    says(
        &e[1],
        "S/Task",
        "secret WRONG: \"arn:aws:ssm:eu-west-1:111111111111:parameter/db\" is not a Secrets Manager secret ARN",
        "use arn:<partition>:secretsmanager:",
    );
    says(
        &e[2],
        "S/Task",
        "secret NAME: SSM parameter name \"app db url\" is invalid",
        "use letters, digits and _ . - /",
    );
    says(
        &e[3],
        "S/Task",
        "TOKEN is both an environment variable and a secret",
        "keep one of them",
    );
}

#[test]
fn fargate_spot_on_a_cluster_without_capacity_providers() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let task = task(&stack, "Task", vec![]);
    FargateService::new(
        &stack,
        "Worker",
        FargateServiceProps {
            capacity_provider_strategies: vec![CapacityProviderStrategy::fargate_spot(0)],
            ..FargateServiceProps::new(&cluster, &task)
        },
    );
    let e = errors(&app);
    assert_eq!(e.len(), 2, "{e:#?}");
    says(
        &e[0],
        "S/Worker",
        "every capacity provider of the strategy has weight 0",
        "give at least one a weight above 0",
    );
    says(
        &e[1],
        "S/Worker",
        "uses capacity provider FARGATE_SPOT but cluster S/Cluster does not enable the Fargate capacity providers",
        "set enable_fargate_capacity_providers: true in its ClusterProps",
    );
}

#[test]
fn scaling_that_cannot_work() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let task = task(&stack, "Task", vec![80]);
    let service = FargateService::new(&stack, "Worker", FargateServiceProps::new(&cluster, &task));
    let scaling = service.auto_scale_task_count(5, 2);
    scaling.scale_on_cpu_utilization("Cpu", UtilizationScalingProps::new(0));
    let imported = ApplicationTargetGroup::from_attributes(
        &stack,
        "Shared",
        TargetGroupAttributes::new(
            "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/web/0123456789abcdef",
        ),
    );
    scaling.scale_on_request_count("Requests", RequestCountScalingProps::new(100, &imported));
    service.auto_scale_task_count(1, 2);
    let e = errors(&app);
    assert_eq!(e.len(), 4, "{e:#?}");
    says(
        &e[0],
        "S/Worker/TaskCount/Target",
        "min_capacity 5 and max_capacity 2 leave no task count",
        "give a max_capacity of at least 1 and at least min_capacity",
    );
    says(
        &e[1],
        "S/Worker/TaskCount/Target/Cpu",
        "target_utilization_percent is 0",
        "use 1 to 100",
    );
    says(
        &e[2],
        "S/Worker/TaskCount/Target/Requests",
        "target group S/Shared has no known load balancer",
        "import it with TargetGroupAttributes::load_balancer_arn",
    );
    says(
        &e[3],
        "S/Worker",
        "auto_scale_task_count is called a second time",
        "keep the ScalableTaskCount the first call returned",
    );
}

#[test]
fn a_redirect_without_https_and_a_bad_certificate() {
    let (app, stack, vpc) = new_app();
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    LoadBalancedFargateService::new(
        &stack,
        "Web",
        LoadBalancedFargateServiceProps {
            redirect_http: true,
            ..LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80)
        },
    );
    LoadBalancedFargateService::new(
        &stack,
        "Tls",
        LoadBalancedFargateServiceProps {
            certificate_arn: Some("arn:aws:acm:eu-west-1:111111111111:key/abc".into()),
            ..LoadBalancedFargateServiceProps::new(&cluster, ContainerImage::from_registry("nginx"), 80)
        },
    );
    let e = errors(&app);
    assert_eq!(e.len(), 2, "{e:#?}");
    says(
        &e[0],
        "S/Web",
        "redirect_http redirects to HTTPS, and the listener has no certificate",
        "give a certificate_arn, or drop redirect_http",
    );
    says(
        &e[1],
        "S/Tls/LB/PublicListener",
        "certificate \"arn:aws:acm:eu-west-1:111111111111:key/abc\" is not a certificate ARN",
        "use an ACM certificate's",
    );
}
