//! No synthesized ARN names a partition literally: every ARN rcdk writes
//! says `${AWS::Partition}` (in state machine definitions through a
//! `DefinitionSubstitutions` entry such as `${SnsPublishArn}`),
//! so the same app deploys to aws, aws-cn and aws-us-gov.

use rcdk::prelude::*;
use serde_json::Value;

/// Every string of `value` with its JSON path.
fn strings<'a>(value: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(s) => out.push((path, s)),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                strings(v, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                out.push((format!("{path} (key)"), k));
                strings(v, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

fn assert_no_literal_partition(app: &App) {
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    let mut arns = 0;
    for stack in assembly.stacks() {
        let mut all = Vec::new();
        strings(stack.template(), stack.id().to_owned(), &mut all);
        let literal: Vec<_> = all
            .iter()
            .filter(|(_, s)| {
                ["arn:aws:", "arn:aws-cn:", "arn:aws-us-gov:"]
                    .iter()
                    .any(|p| s.contains(p))
            })
            .collect();
        assert!(literal.is_empty(), "ARNs with a literal partition: {literal:#?}");
        arns += all.iter().filter(|(_, s)| s.contains("arn:${")).count();
    }
    assert!(arns > 0, "the test saw no ARN at all");
}

#[test]
fn the_examples_name_no_partition() {
    assert_no_literal_partition(&rcdk_examples::call_microservice());
    assert_no_literal_partition(&rcdk_examples::two_stacks());
}

#[test]
fn every_integration_and_grant_names_no_partition() {
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
        "GET /items",
        &AlbIntegration::new("SvcIntegration", svc.listener(), &link),
        RouteAuth::Iam,
    );
    let topic = Topic::new(&stack, "Topic", TopicProps::default());
    let definition = CallHttpApi::new("Call", &api, Method::Get)
        .auth(AuthType::IamRole)
        .next(SnsPublish::new("Tell", &topic).message("done"))
        .next(Task::service("Enqueue", "sqs:sendMessage"));
    let flow = StateMachine::new(
        &stack,
        "Flow",
        StateMachineProps {
            logging: Some(LogLevel::All.into()),
            tracing: true,
            ..StateMachineProps::new(definition)
        },
    );
    let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("lambda.amazonaws.com"));
    flow.grant_start_execution(&caller);
    api.grant_invoke(&caller, Method::Any, None);
    topic.grant_publish(&caller);
    assert_no_literal_partition(&app);

    let assembly = app.synth().unwrap();
    let template = assembly.stack("S").unwrap().template();
    let (_, machine) = template["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, r)| r["Type"] == "AWS::StepFunctions::StateMachine")
        .unwrap();
    let states = &machine["Properties"]["Definition"]["States"];
    assert_eq!(states["Enqueue"]["Resource"], "${SqsSendMessageArn}");
    assert_eq!(
        machine["Properties"]["DefinitionSubstitutions"]["SqsSendMessageArn"],
        serde_json::json!({"Fn::Sub": "arn:${AWS::Partition}:states:::sqs:sendMessage"})
    );
}
