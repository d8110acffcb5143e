//! The orders system (`examples/lib.rs` `orders`): it synthesizes with no
//! warning, its state machine may do exactly what it calls, and every path
//! of its workflow runs locally before anything deploys.

use rcdk_testing::Template;
use serde_json::{json, Value};

fn orders() -> (Template, Template) {
    let assembly = rcdk_examples::orders().synth().expect("the orders system synthesizes");
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    (
        Template::from_stack(assembly.stack("Messaging").unwrap()),
        Template::from_stack(assembly.stack("Orders").unwrap()),
    )
}

#[test]
fn the_state_machine_may_call_exactly_its_routes_and_topics() {
    let (_, orders) = orders();
    let (_, policy) = orders
        .find_resources(
            "AWS::IAM::Policy",
            json!({"Roles": [{"Ref": "OrderWorkflowRole8C450098"}]}),
        )
        .remove(0);
    let statements = policy["Properties"]["PolicyDocument"]["Statement"].as_array().unwrap();
    let invoke = |route: &str| json!({"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": {"Fn::Sub": format!("arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{ApiF70053CD}}/*/{route}")}});
    let publish = |export: &str| json!({"Effect": "Allow", "Action": "sns:Publish", "Resource": {"Fn::ImportValue": format!("Messaging:{export}")}});
    let expected = [
        invoke("GET/inventory/*"),
        publish("ExportsOutputRefAlerts91F83244F0271852"),
        invoke("POST/payments"),
        publish("ExportsOutputRefOrderEvents91E7078A2BD88712"),
    ];
    assert_eq!(&statements[..4], &expected, "{statements:#?}");
    // Then only what logging and tracing need, which AWS documents as `*`.
    let rest: Vec<&str> = statements[4..]
        .iter()
        .flat_map(|s| s["Action"].as_array().unwrap())
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        rest.iter().all(|a| a.starts_with("logs:") || a.starts_with("xray:")),
        "{rest:?}"
    );
}

#[test]
fn the_routes_are_iam_authorized_and_the_services_get_their_environment() {
    let (messaging, orders) = orders();
    messaging.resource_count_is("AWS::SNS::Topic", 2);
    for key in ["GET /inventory/{sku}", "POST /payments", "GET /health"] {
        orders.has_resource_properties(
            "AWS::ApiGatewayV2::Route",
            json!({"RouteKey": key, "AuthorizationType": "AWS_IAM"}),
        );
    }
    orders.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({"ContainerDefinitions": [{"Environment": [{"Name": "TABLE", "Value": "inventory"}, {"Name": "LOG_LEVEL", "Value": "info"}]}]}),
    );
    orders.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({"ContainerDefinitions": [{"Environment": [{"Name": "PROVIDER", "Value": "stripe-sandbox"}]}]}),
    );
    orders.has_resource_properties(
        "AWS::StepFunctions::StateMachine",
        json!({"TracingConfiguration": {"Enabled": true}, "Definition": {"TimeoutSeconds": 300}}),
    );
}

fn machine() -> rcdk_states::Machine {
    let (_, orders) = orders();
    let (_, sm) = orders
        .find_resources("AWS::StepFunctions::StateMachine", json!({}))
        .remove(0);
    let mut definition = sm["Properties"]["Definition"].clone();
    rcdk::orchestration::fill_partition_substitutions(&mut definition, &sm["Properties"]["DefinitionSubstitutions"]);
    rcdk_states::Machine::from_json(&definition).expect("the synthesized definition loads")
}

fn run(mocks: rcdk_states::Mocks) -> (rcdk_states::Execution, rcdk_states::SnsPublish) {
    use rcdk_states::{Runner, SnsPublish, SNS_PUBLISH};
    let sns = SnsPublish::new();
    let input = json!({"sku": "A-42", "payment": {"amount": 12}});
    let run = Runner::new()
        .mocks(mocks)
        .handler(SNS_PUBLISH, sns.clone())
        .run(&machine(), input);
    (run, sns)
}

fn stock(available: bool) -> Value {
    json!({"StatusCode": 200, "ResponseBody": {"available": available}})
}

#[test]
fn an_order_in_stock_is_paid_for_and_published() {
    use rcdk_states::{MockResult, Mocks, Status};
    let mocks = Mocks::new()
        .state("CheckInventory", vec![MockResult::Return(stock(true))])
        .state("TakePayment", vec![MockResult::Return(json!({"StatusCode": 201}))]);
    let (run, sns) = run(mocks);
    assert_eq!(run.status, Status::Succeeded, "{run}");
    assert_eq!(
        run.states_entered(),
        [
            "CheckInventory",
            "InStock",
            "Fulfil",
            "TakePayment",
            "PublishOrder",
            "OrderPlaced"
        ]
    );
    assert_eq!(sns.messages().len(), 1);
    assert_eq!(sns.messages()[0].message, json!("A-42"));
}

#[test]
fn an_order_out_of_stock_alerts_and_fails() {
    use rcdk_states::{MockResult, Mocks, Status};
    let mocks = Mocks::new().state("CheckInventory", vec![MockResult::Return(stock(false))]);
    let (run, sns) = run(mocks);
    assert_eq!(run.status, Status::Failed, "{run}");
    assert_eq!(
        run.states_entered(),
        ["CheckInventory", "InStock", "NotifyOutOfStock", "OutOfStock"]
    );
    assert_eq!(sns.messages()[0].message, json!("out of stock"));
}

#[test]
fn a_failing_inventory_is_retried_then_alerted() {
    use rcdk_states::{MockResult, Mocks, Status};
    let failure = || {
        MockResult::Throw(rcdk_states::TaskError {
            error: "States.TaskFailed".into(),
            cause: "inventory down".into(),
        })
    };
    let mocks = Mocks::new().state("CheckInventory", vec![failure(), failure(), failure(), failure()]);
    let (run, sns) = run(mocks);
    assert_eq!(run.status, Status::Failed, "{run}");
    assert_eq!(run.states_entered(), ["CheckInventory", "NotifyFailure", "OrderFailed"]);
    assert_eq!(sns.messages()[0].message, json!("inventory down"));
}

/// Non-blank lines outside comments, the rule `scripts/count-lines` applies.
fn counted(text: &str) -> usize {
    let mut in_block = false;
    let mut n = 0;
    for line in text.lines().map(str::trim) {
        if in_block {
            in_block = !line.contains("*/");
        } else if line.starts_with("/*") {
            in_block = !line.contains("*/");
        } else if !line.is_empty() && !line.starts_with("//") {
            n += 1;
        }
    }
    n
}

#[test]
fn the_readme_reports_the_current_line_counts() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let lib = std::fs::read_to_string(format!("{root}/examples/lib.rs")).unwrap();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    for (function, cdk_app) in [("orders", "orders-cdk"), ("serverless_orders", "serverless-orders-cdk")] {
        let start = lib.find(&format!("pub fn {function}() -> App {{")).unwrap();
        let body = &lib[start..start + lib[start..].find("\n}\n").unwrap() + 2];
        let rcdk = counted(body) + 1; // and `use rcdk::prelude::*;`
        let cdk = counted(&std::fs::read_to_string(format!("{root}/examples/{cdk_app}/app.js")).unwrap());
        let claim = format!("rcdk {rcdk}, AWS CDK {cdk}");
        assert!(readme.contains(&claim), "README.md should say `{claim}` for {function}");
        assert!(rcdk < cdk, "the rcdk program {function} is no longer shorter: {claim}");
    }
}
