//! The reference system: the resource types the sample has, its state
//! machine, and its least-privilege role.

use rcdk_testing::Template;
use serde_json::json;

fn template() -> Template {
    let assembly = rcdk_examples::call_microservice()
        .synth()
        .expect("the example synthesizes");
    Template::from_stack(assembly.stack("CallMicroservice").unwrap())
}

#[test]
fn has_every_part_of_the_reference_architecture() {
    let t = template();
    for (ty, n) in [
        ("AWS::EC2::VPC", 1),
        ("AWS::EC2::Subnet", 4),
        ("AWS::EC2::NatGateway", 2),
        ("AWS::EC2::InternetGateway", 1),
        ("AWS::ECS::Cluster", 1),
        ("AWS::ECS::TaskDefinition", 1),
        ("AWS::ECS::Service", 1),
        ("AWS::ElasticLoadBalancingV2::LoadBalancer", 1),
        ("AWS::ElasticLoadBalancingV2::Listener", 1),
        ("AWS::ElasticLoadBalancingV2::TargetGroup", 1),
        ("AWS::ApiGatewayV2::Api", 1),
        ("AWS::ApiGatewayV2::VpcLink", 1),
        ("AWS::ApiGatewayV2::Integration", 1),
        ("AWS::ApiGatewayV2::Route", 1),
        ("AWS::ApiGatewayV2::Stage", 1),
        ("AWS::SNS::Topic", 1),
        ("AWS::StepFunctions::StateMachine", 1),
    ] {
        t.resource_count_is(ty, n);
    }
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Scheme": "internal"}),
    );
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Route",
        json!({"RouteKey": "GET /", "AuthorizationType": "AWS_IAM"}),
    );
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Integration",
        json!({"IntegrationType": "HTTP_PROXY", "ConnectionType": "VPC_LINK"}),
    );
    t.has_resource_properties(
        "AWS::ApiGatewayV2::Stage",
        json!({"StageName": "$default", "AutoDeploy": true}),
    );
    t.has_resource_properties("AWS::SNS::Topic", json!({"KmsMasterKeyId": "alias/aws/sns"}));
    t.has_resource_properties(
        "AWS::ECS::Cluster",
        json!({"ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}]}),
    );
}

#[test]
fn the_state_machine_is_the_samples() {
    let t = template();
    let (_, sm) = t
        .find_resources("AWS::StepFunctions::StateMachine", json!({}))
        .remove(0);
    let def = &sm["Properties"]["Definition"];
    assert_eq!(def["StartAt"], "Call API");
    let names: Vec<&String> = def["States"].as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        ["Call API", "Call Successful?", "Notify Success", "Notify Failure"]
    );
    assert_eq!(
        def["States"]["Call API"],
        json!({"Type": "Task", "Resource": "${ApigatewayInvokeArn}",
               "Parameters": {"ApiEndpoint": "${ApiEndpoint}", "Method": "GET", "AuthType": "IAM_ROLE"},
               "Next": "Call Successful?"})
    );
    assert_eq!(
        def["States"]["Call Successful?"],
        json!({"Type": "Choice",
               "Choices": [{"Variable": "$.StatusCode", "NumericEquals": 200, "Next": "Notify Success"}],
               "Default": "Notify Failure"})
    );
    for (state, message) in [
        ("Notify Success", "Call was successful"),
        ("Notify Failure", "Call was not successful"),
    ] {
        assert_eq!(
            def["States"][state],
            json!({"Type": "Task", "Resource": "${SnsPublishArn}",
                   "Parameters": {"Message": message, "TopicArn": "${TopicArn}"}, "End": true})
        );
    }
    let subs = &sm["Properties"]["DefinitionSubstitutions"];
    let mut as_deployed = def.clone();
    rcdk::orchestration::fill_partition_substitutions(&mut as_deployed, subs);
    rcdk_testing::assert_valid_asl(
        concat!(env!("CARGO_MANIFEST_DIR"), "/.."),
        "call_microservice",
        &as_deployed,
    );
    assert_eq!(subs["TopicArn"], json!({"Ref": "TopicBFC7AF6E"}));
    assert_eq!(
        subs["SnsPublishArn"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:states:::sns:publish"})
    );
    assert_eq!(
        subs["ApigatewayInvokeArn"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:states:::apigateway:invoke"})
    );
    assert!(subs["ApiEndpoint"]["Fn::Sub"]
        .as_str()
        .unwrap()
        .ends_with(".execute-api.${AWS::Region}.${AWS::URLSuffix}"));
}

#[test]
fn the_state_machine_role_is_least_privilege() {
    let t = template();
    let (_, sm) = t
        .find_resources("AWS::StepFunctions::StateMachine", json!({}))
        .remove(0);
    let role_id = sm["Properties"]["RoleArn"]["Fn::GetAtt"][0]
        .as_str()
        .unwrap()
        .to_owned();
    let policies = t.find_resources("AWS::IAM::Policy", json!({"Roles": [{"Ref": role_id}]}));
    assert_eq!(policies.len(), 1);
    let statements = &policies[0].1["Properties"]["PolicyDocument"]["Statement"];
    let api_id = t.find_resources("AWS::ApiGatewayV2::Api", json!({})).remove(0).0;
    assert_eq!(
        statements,
        &json!([
            {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": {"Fn::Sub":
                format!("arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{api_id}}}/*/GET/*")}},
            {"Effect": "Allow", "Action": "sns:Publish", "Resource": {"Ref": "TopicBFC7AF6E"}},
            // Logging and tracing: these actions have no resource types, so
            // AWS's own policies for them name "*".
            {"Effect": "Allow", "Action": ["logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups",
                "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
                "logs:PutResourcePolicy", "logs:UpdateLogDelivery"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["xray:GetSamplingRules", "xray:GetSamplingTargets",
                "xray:PutTelemetryRecords", "xray:PutTraceSegments"], "Resource": "*"}
        ])
    );
}

#[test]
fn the_task_execution_role_only_writes_its_own_logs() {
    let t = template();
    let (td_id, td) = t.find_resources("AWS::ECS::TaskDefinition", json!({})).remove(0);
    let role = td["Properties"]["ExecutionRoleArn"]["Fn::GetAtt"][0]
        .as_str()
        .unwrap()
        .to_owned();
    let policy = t
        .find_resources("AWS::IAM::Policy", json!({"Roles": [{"Ref": role}]}))
        .remove(0)
        .1;
    let statements = policy["Properties"]["PolicyDocument"]["Statement"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(statements.len(), 1, "{td_id}: {statements:?}");
    assert_eq!(
        statements[0]["Action"],
        json!(["logs:CreateLogStream", "logs:PutLogEvents"])
    );
    assert!(
        statements[0]["Resource"]["Fn::GetAtt"][1] == "Arn",
        "scoped to the log group, not *"
    );
}

/// Every role trusts its service only for this account's resources of the
/// right type (the confused deputy problem): Step Functions for state
/// machines, ECS for tasks, VPC Flow Logs for flow logs.
#[test]
fn every_role_trusts_its_service_only_for_this_accounts_resources() {
    let t = template();
    let roles = t.find_resources("AWS::IAM::Role", json!({}));
    let mut services = Vec::new();
    for (id, role) in &roles {
        let statements = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
            .as_array()
            .unwrap();
        assert_eq!(statements.len(), 1, "{id}");
        let service = statements[0]["Principal"]["Service"].as_str().unwrap();
        let source = match service {
            "states.amazonaws.com" => "states:${AWS::Region}:${AWS::AccountId}:stateMachine:*",
            "ecs-tasks.amazonaws.com" => "ecs:${AWS::Region}:${AWS::AccountId}:*",
            "vpc-flow-logs.amazonaws.com" => "ec2:${AWS::Region}:${AWS::AccountId}:vpc-flow-log/*",
            other => panic!("{id}: a role for {other}, which this test does not know"),
        };
        assert_eq!(
            statements[0]["Condition"],
            json!({
                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                "ArnLike": {"aws:SourceArn": {"Fn::Sub": format!("arn:${{AWS::Partition}}:{source}")}}
            }),
            "{id}"
        );
        services.push(service);
    }
    services.sort();
    assert_eq!(
        services,
        [
            "ecs-tasks.amazonaws.com",
            "states.amazonaws.com",
            "vpc-flow-logs.amazonaws.com"
        ],
        "the flow log, task execution and state machine roles"
    );
}

#[test]
fn the_service_is_reachable_only_from_the_load_balancer() {
    let t = template();
    let ingress = t.find_resources("AWS::EC2::SecurityGroupIngress", json!({}));
    assert_eq!(ingress.len(), 2, "load balancer -> service, VPC link -> load balancer");
    for (_, rule) in &ingress {
        assert!(
            rule["Properties"].get("CidrIp").is_none(),
            "no rule open to an address range"
        );
        assert_eq!(rule["Properties"]["FromPort"], 80);
    }
    for (id, sg) in t.find_resources("AWS::EC2::SecurityGroup", json!({})) {
        assert!(
            sg["Properties"].get("SecurityGroupIngress").is_none(),
            "{id} admits an address range"
        );
    }
}

/// The example's own state machine, built with the typed model, runs in the
/// local interpreter: the workflow logic is tested before anything deploys.
#[test]
fn the_typed_state_machine_runs_locally() {
    use rcdk_states::{Machine, MockResult, Mocks, Runner, SnsPublish, Status, SNS_PUBLISH};
    let t = template();
    let (_, sm) = t
        .find_resources("AWS::StepFunctions::StateMachine", json!({}))
        .remove(0);
    let mut definition = sm["Properties"]["Definition"].clone();
    rcdk::orchestration::fill_partition_substitutions(&mut definition, &sm["Properties"]["DefinitionSubstitutions"]);
    let machine = Machine::from_json(&definition).expect("the synthesized definition loads");
    for (status, expected) in [(200, "Notify Success"), (204, "Notify Failure")] {
        let sns = SnsPublish::new();
        let mocks = Mocks::new().state("Call API", vec![MockResult::Return(json!({"StatusCode": status}))]);
        let run = Runner::new()
            .mocks(mocks)
            .handler(SNS_PUBLISH, sns.clone())
            .run(&machine, json!({}));
        assert_eq!(run.status, Status::Succeeded, "{run}");
        assert_eq!(run.states_entered(), ["Call API", "Call Successful?", expected]);
        assert_eq!(sns.messages()[0].topic_arn.as_deref(), Some("${TopicArn}"));
    }
}
