//! The example apps, as functions so tests can snapshot them. Each has a
//! `cargo run --example <name>` front end in this folder.

use rcdk::cfn::kms::{CfnKey, CfnKeyProps};
use rcdk::cfn::sns::{CfnSubscription, CfnSubscriptionProps, CfnTopic, CfnTopicProps};
use rcdk::cfn::sqs::{CfnQueue, CfnQueueProps};
use rcdk::iam::{policy_document, Principal, ServicePrincipal};
use rcdk::policy::{aws_solutions, suppress, Policy};
use rcdk::prelude::*;

/// Two stacks built from L1 resources: `Storage` owns a KMS key and an
/// encrypted queue; `Notifications` owns a topic encrypted with that key and
/// subscribes the queue to it. The key and the queue cross from one stack to
/// the other as exports and `Fn::ImportValue`, so `Notifications` deploys
/// after `Storage`.
pub fn two_stacks() -> App {
    let app = App::new();
    let tags = vec![("project".to_owned(), "rcdk-example".to_owned())];
    // Storage tags its queue, not the whole stack: moto, the local stand-in
    // the README deploys this example to, cannot create a tagged KMS key
    // through CloudFormation.
    let storage = app.stack(
        "Storage",
        StackProps {
            description: Some("rcdk example: a KMS key and an encrypted queue".into()),
            ..Default::default()
        },
    );
    let retention = CfnParameter::new(
        &storage,
        "RetentionSeconds",
        ParameterProps {
            r#type: ParameterType::Number,
            default: Some(345_600.into()),
            min_value: Some(60.0),
            max_value: Some(1_209_600.0),
            description: Some("How long the queue keeps a message".into()),
            ..Default::default()
        },
    );
    let key = CfnKey::new(
        &storage,
        "Key",
        CfnKeyProps {
            description: Some("Encrypts the example's queue and topic".into()),
            enable_key_rotation: Some(true.into()),
            key_policy: Some(key_policy()),
            ..Default::default()
        },
    );
    key.apply_removal_policy(DeletionPolicy::Retain);
    let queue = CfnQueue::new(
        &storage,
        "Queue",
        CfnQueueProps {
            kms_master_key_id: Some(key.attr_arn()),
            message_retention_period: Some(retention.value_as_number().cast()),
            ..Default::default()
        },
    );
    for (k, v) in &tags {
        queue.scope().add_tag(k, v);
    }

    let notifications = app.stack(
        "Notifications",
        StackProps {
            description: Some("rcdk example: a topic that fans out to the queue".into()),
            tags,
            ..Default::default()
        },
    );
    let topic = CfnTopic::new(
        &notifications,
        "Topic",
        CfnTopicProps {
            display_name: Some("Example notifications".into()),
            kms_master_key_id: Some(key.attr_arn()),
            ..Default::default()
        },
    );
    CfnSubscription::new(
        &notifications,
        "QueueSubscription",
        CfnSubscriptionProps {
            endpoint: Some(queue.attr_arn()),
            raw_message_delivery: Some(true.into()),
            ..CfnSubscriptionProps::new("sqs", topic.reference())
        },
    );
    // No L1 is generated for AWS::SQS::QueuePolicy: the untyped escape hatch.
    Resource::new(
        &notifications,
        "QueuePolicy",
        "AWS::SQS::QueuePolicy",
        [
            // A queue's Ref is its URL, as GetAtt QueueUrl is; moto (the local
            // stand-in the README deploys to) resolves only the Ref.
            ("Queues", Value::list([queue.reference().into()])),
            // SNS may send to the queue only for this topic of this account
            // (the confused deputy problem: without the conditions, any
            // account's topic could).
            (
                "PolicyDocument",
                policy_document([
                    PolicyStatement::allow(["sqs:SendMessage"], [queue.attr_arn()]).with_principal(
                        ServicePrincipal::for_resource_policy("sns.amazonaws.com").with_source_arn(topic.reference()),
                    ),
                ]),
            ),
        ],
    );
    CfnOutput::new(
        &notifications,
        "TopicArn",
        OutputProps {
            value: topic.reference().into(),
            description: Some("Publish here".into()),
            ..Default::default()
        },
    );
    app
}

/// The account administers the key; SNS may use it to deliver to the queue,
/// for this account's topics only. The topic is in the other stack and is
/// encrypted with this key, so naming it here would make the stacks depend
/// on each other: an `ArnLike` pattern scoped to the account and region
/// names the source instead.
fn key_policy() -> Value {
    policy_document([
        PolicyStatement::allow(["kms:*"], ["*"])
            .with_sid("AccountAdministers")
            .with_principal(Principal::account_root()),
        PolicyStatement::allow(["kms:Decrypt", "kms:GenerateDataKey*"], ["*"])
            .with_sid("SnsDeliversToEncryptedQueue")
            .with_principal(ServicePrincipal::for_resource_policy("sns.amazonaws.com")),
    ])
}

/// The reference system, "Call a microservice running on Fargate using API
/// Gateway integration": an HTTP API reaches, through a VPC link, an internal
/// load balancer in front of a Fargate service in the private subnets of a
/// new VPC; a state machine calls the API (GET, IAM auth), checks the status
/// code and publishes the outcome to an encrypted SNS topic.
pub fn call_microservice() -> App {
    call_microservice_with(2)
}

/// [`call_microservice`] with a chosen number of tasks (the deploy tests
/// change it to exercise an update).
pub fn call_microservice_with(desired_count: u32) -> App {
    let app = App::new();
    add_call_microservice(&app, "CallMicroservice", desired_count);
    // Every synthesis checks the built-in pack: a finding fails it.
    Policy::new().pack(aws_solutions()).apply(&app);
    app
}

/// The reference architecture `n` times, one stack each (`CallMicroservice1`,
/// ...): the benchmarks' scaling workload.
pub fn call_microservice_stacks(n: usize) -> App {
    let app = App::new();
    for i in 1..=n {
        add_call_microservice(&app, &format!("CallMicroservice{i}"), 2);
    }
    app
}

fn add_call_microservice(app: &App, id: &str, desired_count: u32) {
    let stack = app.stack(
        id,
        StackProps {
            description: Some("Call a microservice running on Fargate through API Gateway, from Step Functions".into()),
            ..Default::default()
        },
    );

    // network
    let vpc = Vpc::new(
        &stack,
        "Vpc",
        VpcProps {
            max_azs: 2,
            ..Default::default()
        },
    );

    // compute: a Fargate service behind an internal load balancer
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let service = LoadBalancedFargateService::new(
        &stack,
        "Service",
        LoadBalancedFargateServiceProps {
            cpu: 512,
            memory_mib: 1024,
            desired_count,
            ..LoadBalancedFargateServiceProps::new(
                &cluster,
                ContainerImage::from_registry("amazon/amazon-ecs-sample"),
                80,
            )
        },
    );
    // The load balancer is internal, reached only through the VPC link.
    let internal = "Internal load balancer reached only through the API's VPC link";
    suppress(
        &service,
        "RCDK-ELB-1",
        &format!("{internal}; the API's access logs record every request."),
    );
    suppress(
        &service,
        "RCDK-ELB-4",
        &format!("{internal}: TLS ends at API Gateway, and only the link's security group reaches the listener."),
    );
    suppress(
        &service,
        "RCDK-ELB-2",
        "Stateless, and recreated by the stack; deletion protection would only block destroy.",
    );

    // api: an HTTP API reaching the load balancer through a VPC link
    let link = VpcLink::new(&stack, "VpcLink", VpcLinkProps { vpc: &vpc });
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    api.add_route(
        "GET /",
        &AlbIntegration::new("ServiceIntegration", service.listener(), &link),
        RouteAuth::Iam,
    );

    // messaging
    let topic = Topic::new(&stack, "Topic", TopicProps::default());

    // orchestration: call the API, check the status, notify
    let notify = |name: &str, message: &str| SnsPublish::new(name, &topic).message(message);
    let definition = CallHttpApi::new("Call API", &api, Method::Get)
        .auth(AuthType::IamRole)
        .next(
            Choice::new("Call Successful?")
                .when(
                    Condition::number_equals("$.StatusCode", 200),
                    notify("Notify Success", "Call was successful"),
                )
                .otherwise(notify("Notify Failure", "Call was not successful")),
        );
    let state_machine = StateMachine::new(
        &stack,
        "StateMachine",
        StateMachineProps {
            comment: Some("Calling APIGW HTTP Endpoint".into()),
            logging: Some(Logging::new(LogLevel::All)),
            tracing: true,
            ..StateMachineProps::new(definition)
        },
    );
    suppress(
        &state_machine,
        "RCDK-IAM-2",
        "Log delivery and X-Ray actions take only resource \"*\"; the role's other statements name their resources.",
    );
    suppress(
        &stack,
        "RCDK-LOGS-2",
        "CloudWatch Logs encrypts every log group at rest; these hold no data that needs a key of our own.",
    );
}

/// The orders system, the second architecture rcdk was measured on: two
/// stacks (`Messaging` with two topics; `Orders` with two Fargate services
/// behind internal load balancers, an HTTP API with three IAM-authorized
/// routes, one with a path parameter, and a state machine with Retry, Catch,
/// Parallel and Choice), written with L2s only. The same app in the AWS CDK
/// is `examples/orders-cdk/app.js`; the README compares their lengths.
pub fn orders() -> App {
    let app = App::new();
    let messaging = app.stack("Messaging", StackProps::default());
    let order_events = Topic::new(&messaging, "OrderEvents", TopicProps::default());
    let alerts = Topic::new(&messaging, "Alerts", TopicProps::default());

    let stack = app.stack("Orders", StackProps::default());
    let vpc = Vpc::new(
        &stack,
        "Vpc",
        VpcProps {
            nat_gateways: NatGateways::One,
            ..Default::default()
        },
    );
    let cluster = Cluster::new(&stack, "Cluster", ClusterProps::new(&vpc));
    let service = |id: &str, environment: &[(&str, &str)]| {
        let image = ContainerImage::from_registry("amazon/amazon-ecs-sample");
        let environment = environment
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let props = LoadBalancedFargateServiceProps {
            environment,
            ..LoadBalancedFargateServiceProps::new(&cluster, image, 80)
        };
        LoadBalancedFargateService::new(&stack, id, props)
    };
    let inventory = service("Inventory", &[("TABLE", "inventory"), ("LOG_LEVEL", "info")]);
    let payments = service("Payments", &[("PROVIDER", "stripe-sandbox")]);

    let link = VpcLink::new(&stack, "VpcLink", VpcLinkProps { vpc: &vpc });
    let to_inventory = AlbIntegration::new("Inventory", inventory.listener(), &link);
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    api.add_route("GET /inventory/{sku}", &to_inventory, RouteAuth::Iam);
    api.add_route(
        "POST /payments",
        &AlbIntegration::new("Payments", payments.listener(), &link),
        RouteAuth::Iam,
    );
    api.add_route("GET /health", &to_inventory, RouteAuth::Iam);

    let call = |name: &str, method: Method| CallHttpApi::new(name, &api, method).auth(AuthType::IamRole);
    let notify_failure = SnsPublish::new("NotifyFailure", &alerts).message_path("$.error.Cause");
    let check_inventory = call("CheckInventory", Method::Get)
        .path("/inventory/{sku}")
        .path_param("sku", "$.sku")
        .result_path(Some("$.inventory"))
        .retry(
            Retry::on(["States.TaskFailed"])
                .interval(Duration::seconds(2))
                .max_attempts(3)
                .backoff_rate(2.0),
        )
        .catch(
            ["States.ALL"],
            Some("$.error"),
            notify_failure.next(Fail::new("OrderFailed")),
        );
    let fulfil = Parallel::new("Fulfil")
        .branch(
            call("TakePayment", Method::Post)
                .path("/payments")
                .body_from("$.payment"),
        )
        .branch(SnsPublish::new("PublishOrder", &order_events).message_path("$.sku"))
        .next(Succeed::new("OrderPlaced"));
    let out_of_stock = SnsPublish::new("NotifyOutOfStock", &alerts)
        .message("out of stock")
        .next(Fail::new("OutOfStock"));
    let in_stock = Condition::boolean_equals("$.inventory.ResponseBody.available", true);
    let definition = check_inventory.next(Choice::new("InStock").when(in_stock, fulfil).otherwise(out_of_stock));
    let logs = LogGroup::new(&stack, "WorkflowLogs", LogGroupProps::default());
    let workflow = StateMachine::new(
        &stack,
        "OrderWorkflow",
        StateMachineProps {
            logging: Some(Logging::new(LogLevel::All).destination(&logs)),
            tracing: true,
            timeout: Some(Duration::minutes(5)),
            ..StateMachineProps::new(definition)
        },
    );

    CfnOutput::new(&stack, "ApiEndpoint", OutputProps::new(api.api_endpoint()));
    CfnOutput::new(
        &stack,
        "StateMachineArn",
        OutputProps::new(workflow.state_machine_arn()),
    );
    app
}

/// The serverless orders system, event-driven with no servers of its own:
/// `POST /orders` puts an `OrderPlaced` event on a bus through an HTTP API
/// service integration; a rule starts a state machine that checks the order
/// is new in a table, saves it, asks for fulfilment on a queue (with a
/// dead-letter queue), writes a receipt to a bucket and announces the order
/// on the bus. The same app in the AWS CDK is
/// `examples/serverless-orders-cdk/app.js`.
pub fn serverless_orders() -> App {
    let app = App::new();
    let stack = app.stack("ServerlessOrders", StackProps::default());
    let bus = EventBus::new(&stack, "OrdersBus", EventBusProps::default());
    let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    let place = EventBridgePutEventsIntegration::new("PlaceOrder", &bus)
        .source("orders.api")
        .detail_type("OrderPlaced")
        .detail("$request.body");
    api.add_route("POST /orders", &place, RouteAuth::Iam);

    let orders = Table::new(&stack, "Orders", TableProps::new(Attribute::string("orderId")));
    let dlq = Queue::new(&stack, "FulfilmentDlq", QueueProps::default());
    let dead_letters = Some(DeadLetterQueue::new(&dlq, 5));
    let fulfilment = Queue::new(
        &stack,
        "Fulfilment",
        QueueProps {
            dead_letter_queue: dead_letters,
            ..Default::default()
        },
    );
    let receipts = Bucket::new(&stack, "Receipts", BucketProps::default());

    let order_id = || DynamoAttributeValue::string_path("$.detail.orderId");
    let find = DynamoGetItem::new("FindOrder", &orders)
        .key("orderId", order_id())
        .result_path(Some("$.existing"));
    let save = DynamoPutItem::new("SaveOrder", &orders)
        .item("orderId", order_id())
        .item("total", DynamoAttributeValue::number_path("$.detail.total"))
        .result_path(None)
        .catch(["States.ALL"], Some("$.error"), Fail::new("SaveFailed"));
    let fulfil = SqsSendMessage::new("RequestFulfilment", &fulfilment)
        .message_body_path("$.detail")
        .result_path(None);
    let receipt = AwsSdkCall::new("WriteReceipt", "s3", "PutObject")
        .parameter("Bucket", receipts.bucket_name())
        .parameter("Key.$", "States.Format('receipts/{}.json', $.detail.orderId)")
        .parameter("Body.$", "$.detail")
        .iam_resources([receipts.arn_for_objects("receipts/*")])
        .result_path(None);
    let accepted = EventBridgeEntry::new("orders.flow", "OrderAccepted")
        .detail_path("$.detail")
        .bus(&bus);
    let announce = EventBridgePutEvents::new("AnnounceOrder").entry(accepted);
    let new_order = save
        .next(fulfil)
        .next(receipt)
        .next(announce)
        .next(Succeed::new("Done"));
    let is_new = Choice::new("IsNew")
        .when(Condition::is_present("$.existing.Item"), Fail::new("Duplicate"))
        .otherwise(new_order);
    let logs = LogGroup::new(&stack, "OrderFlowLogs", LogGroupProps::default());
    let flow = StateMachine::new(
        &stack,
        "OrderFlow",
        StateMachineProps {
            logging: Some(Logging::new(LogLevel::All).destination(&logs)),
            tracing: true,
            ..StateMachineProps::new(find.next(is_new))
        },
    );
    let placed = EventPattern::new().source(["orders.api"]).detail_type(["OrderPlaced"]);
    let rule = Rule::new(&stack, "OrderPlaced", RuleProps::on(&bus, placed));
    rule.add_target(&targets::StateMachine::new(&flow));

    CfnOutput::new(&stack, "ApiEndpoint", OutputProps::new(api.api_endpoint()));
    CfnOutput::new(&stack, "StateMachineArn", OutputProps::new(flow.state_machine_arn()));
    app
}
