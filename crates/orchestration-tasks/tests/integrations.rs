//! SQS, DynamoDB, EventBridge, Step Functions, AWS SDK and HTTP Task
//! integrations: what they render, what they grant (exactly), what they
//! refuse, and that what synth writes runs in the local interpreter.

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_api::Method;
use rcdk_core::{App, Duration, Stack, StackProps, Value};
use rcdk_events::{EventBus, EventBusProps};
use rcdk_messaging::{Queue, QueueEncryption, QueueProps};
use rcdk_orchestration::*;
use rcdk_orchestration_tasks::*;
use rcdk_storage::{Attribute, Table, TableEncryption, TableProps};
use serde_json::{json, Value as Json};

fn app() -> (App, Stack) {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    (app, stack)
}

/// The definition of a machine `Flow` running `chain`.
fn definition(stack: &Stack, chain: impl Into<Chain>) -> Json {
    StateMachine::new(stack, "Flow", StateMachineProps::new(chain)).definition_json()
}

/// Every synth error.
fn errors(app: &App) -> Vec<String> {
    match app.synth() {
        Ok(_) => Vec::new(),
        Err(e) => e.errors().iter().map(ToString::to_string).collect(),
    }
}

/// The logical ID of the only resource of type `ty`.
fn id_of(app: &App, ty: &str) -> String {
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    let ids: Vec<String> = t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == ty)
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(ids.len(), 1, "{ty}: {ids:?}");
    ids[0].clone()
}

/// The statements of the policy of the role of the machine `Flow`.
fn role_statements(app: &App) -> Json {
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    let policy = t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(id, r)| r["Type"] == "AWS::IAM::Policy" && id.starts_with("FlowRole"))
        .expect("the role has a policy")
        .1
        .clone();
    policy["Properties"]["PolicyDocument"]["Statement"].clone()
}

fn sub(template: &str) -> Json {
    json!({"Fn::Sub": template})
}

// ---------------------------------------------------------------- SQS

#[test]
fn sqs_send_message_renders_and_grants_send_only() {
    let (app, stack) = app();
    let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    let send = SqsSendMessage::new("Enqueue", &queue)
        .message_body_path("$.order")
        .delay(Duration::seconds(30))
        .deduplication_id_path("$$.Execution.Id");
    let d = definition(&stack, send);
    assert_eq!(d["States"]["Enqueue"]["Resource"], "arn:aws:states:::sqs:sendMessage");
    assert_eq!(
        d["States"]["Enqueue"]["Parameters"],
        json!({"QueueUrl": "${QueueUrl}", "MessageBody.$": "$.order", "DelaySeconds": 30,
               "MessageDeduplicationId.$": "$$.Execution.Id"})
    );
    let queue_id = id_of(&app, "AWS::SQS::Queue");
    assert_eq!(
        role_statements(&app),
        json!([{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": [queue_id, "Arn"]}}])
    );
}

#[test]
fn sqs_send_message_uses_the_queue_key() {
    let (app, stack) = app();
    let key = "arn:aws:kms:eu-west-1:111111111111:key/abc";
    let queue = Queue::new(
        &stack,
        "Jobs",
        QueueProps {
            encryption: QueueEncryption::Kms(key.into()),
            ..QueueProps::default()
        },
    );
    definition(&stack, SqsSendMessage::new("Enqueue", &queue).message_body("ping"));
    let statements = role_statements(&app);
    assert_eq!(
        statements[1],
        json!({"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": key})
    );
    assert_eq!(statements.as_array().unwrap().len(), 2);
}

#[test]
fn a_fifo_queue_needs_a_group_and_takes_no_delay() {
    let (app, stack) = app();
    let queue = Queue::new(
        &stack,
        "Jobs",
        QueueProps {
            fifo: true,
            ..QueueProps::default()
        },
    );
    let send = SqsSendMessage::new("Enqueue", &queue).delay(Duration::seconds(5));
    let ok = SqsSendMessage::new("Grouped", &queue).message_group_id_path("$.customer");
    definition(&stack, send.next(ok));
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Enqueue\": DelaySeconds: a FIFO queue takes no per-message delay (SQS rejects the message); set the delay on the queue, or drop delay()",
            "S/Flow: definition: state \"Enqueue\": the queue is FIFO, and SQS refuses a message to a FIFO queue without MessageGroupId; set one with message_group_id() or message_group_id_path()",
        ]
    );
}

#[test]
fn sqs_delays_are_whole_seconds_up_to_15_minutes() {
    let (app, stack) = app();
    let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    let long = SqsSendMessage::new("Long", &queue).delay(Duration::minutes(16));
    let odd = SqsSendMessage::new("Odd", &queue).delay(Duration::millis(1500));
    definition(&stack, long.next(odd));
    let e = errors(&app);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].contains("state \"Long\": DelaySeconds: 16 minutes is longer than the 15 minutes"),
        "{e:?}"
    );
    assert!(
        e[1].contains("state \"Odd\": DelaySeconds:") && e[1].contains("use Duration::seconds"),
        "{e:?}"
    );
}

#[test]
fn wait_for_task_token_needs_the_token() {
    let (app, stack) = app();
    let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    let without =
        SqsSendMessage::with_pattern("Ask", &queue, IntegrationPattern::WaitForTaskToken).message_body_path("$.order");
    let with = SqsSendMessage::with_pattern("Asked", &queue, IntegrationPattern::WaitForTaskToken)
        .message_body(Value::object([("token.$", "$$.Task.Token".into())]));
    let job = SqsSendMessage::with_pattern("Job", &queue, IntegrationPattern::RunJob);
    let d = definition(&stack, without.next(with).next(job));
    assert_eq!(
        d["States"]["Asked"]["Resource"],
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
    );
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Ask\": SqsSendMessage waits for a task token, but $$.Task.Token appears nowhere in the message body, so nothing can answer the task; put it in the message body (for example a \"TaskToken.$\": \"$$.Task.Token\" field)",
            "S/Flow: definition: state \"Job\": SqsSendMessage starts no job to wait for, so it has no .sync (IntegrationPattern::RunJob); use RequestResponse or WaitForTaskToken",
        ]
    );
}

// ---------------------------------------------------------------- DynamoDB

fn orders(stack: &Stack) -> Table {
    Table::new(stack, "Orders", TableProps::new(Attribute::string("pk")))
}

#[test]
fn dynamo_items_render_typed_attribute_values() {
    type V = DynamoAttributeValue;
    let (app, stack) = app();
    let table = orders(&stack);
    let put = DynamoPutItem::new("Save", &table)
        .item("pk", V::string_path("$.id"))
        .item("total", V::number_path("$.total"))
        .item("paid", V::boolean(false))
        .item("blob", V::binary("aGk="))
        .item("tags", V::string_set(&["a", "b"]))
        .item(
            "address",
            V::map([("city", V::string_path("$.city")), ("no", V::number(7))]),
        )
        .item("gone", V::null())
        .item("lines", V::list([V::boolean_path("$.gift")]))
        .condition_expression("attribute_not_exists(pk)");
    let d = definition(&stack, put);
    assert_eq!(d["States"]["Save"]["Resource"], "arn:aws:states:::dynamodb:putItem");
    assert_eq!(
        d["States"]["Save"]["Parameters"],
        json!({"TableName": "${TableName}", "Item": {
            "pk": {"S.$": "$.id"}, "total": {"N.$": "States.Format('{}', $.total)"}, "paid": {"BOOL": false},
            "blob": {"B": "aGk="}, "tags": {"SS": ["a", "b"]},
            "address": {"M": {"city": {"S.$": "$.city"}, "no": {"N": "7"}}}, "gone": {"NULL": true},
            "lines": {"L": [{"BOOL.$": "$.gift"}]}},
            "ConditionExpression": "attribute_not_exists(pk)"})
    );
    let table_id = id_of(&app, "AWS::DynamoDB::Table");
    assert_eq!(
        role_statements(&app),
        json!([{"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": {"Fn::GetAtt": [table_id, "Arn"]}}])
    );
}

#[test]
fn each_item_call_grants_its_one_action() {
    type V = DynamoAttributeValue;
    let (app, stack) = app();
    let table = orders(&stack);
    let get = DynamoGetItem::new("Load", &table)
        .key("pk", V::string_path("$.id"))
        .projection_expression("#t")
        .expression_attribute_name("#t", "total")
        .consistent_read(true);
    let update = DynamoUpdateItem::new("Ship", &table)
        .key("pk", V::string_path("$.id"))
        .update_expression("SET #s = :shipped")
        .condition_expression("#s = :paid")
        .expression_attribute_name("#s", "status")
        .expression_attribute_value(":shipped", V::string("shipped"))
        .expression_attribute_value(":paid", V::string("paid"));
    let delete = DynamoDeleteItem::new("Forget", &table).key("pk", V::string_path("$.id"));
    let d = definition(&stack, get.next(update).next(delete));
    assert_eq!(
        d["States"]["Load"]["Parameters"],
        json!({"TableName": "${TableName}", "Key": {"pk": {"S.$": "$.id"}}, "ProjectionExpression": "#t",
               "ExpressionAttributeNames": {"#t": "total"}, "ConsistentRead": true})
    );
    assert_eq!(
        d["States"]["Ship"]["Parameters"],
        json!({"TableName": "${TableName}", "Key": {"pk": {"S.$": "$.id"}},
               "UpdateExpression": "SET #s = :shipped", "ConditionExpression": "#s = :paid",
               "ExpressionAttributeNames": {"#s": "status"},
               "ExpressionAttributeValues": {":shipped": {"S": "shipped"}, ":paid": {"S": "paid"}}})
    );
    assert_eq!(
        d["States"]["Forget"]["Resource"],
        "arn:aws:states:::dynamodb:deleteItem"
    );
    let arn = json!({"Fn::GetAtt": [id_of(&app, "AWS::DynamoDB::Table"), "Arn"]});
    assert_eq!(
        role_statements(&app),
        json!([
            {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": arn},
            {"Effect": "Allow", "Action": "dynamodb:UpdateItem", "Resource": arn},
            {"Effect": "Allow", "Action": "dynamodb:DeleteItem", "Resource": arn}
        ])
    );
}

#[test]
fn dynamo_calls_use_the_table_key() {
    type V = DynamoAttributeValue;
    let (app, stack) = app();
    let key = "arn:aws:kms:eu-west-1:111111111111:key/abc";
    let table = Table::new(
        &stack,
        "Orders",
        TableProps {
            encryption: TableEncryption::CustomerManaged(key.into()),
            ..TableProps::new(Attribute::string("pk"))
        },
    );
    let get = DynamoGetItem::new("Load", &table).key("pk", V::string_path("$.id"));
    let put = DynamoPutItem::new("Save", &table).item("pk", V::string_path("$.id"));
    definition(&stack, get.next(put));
    let s = role_statements(&app);
    assert_eq!(
        s[1],
        json!({"Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": key})
    );
    assert_eq!(
        s[3],
        json!({"Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"], "Resource": key})
    );
}

#[test]
fn dynamo_placeholders_are_checked_as_dynamodb_checks_them() {
    type V = DynamoAttributeValue;
    let (app, stack) = app();
    let table = orders(&stack);
    let update = DynamoUpdateItem::new("Ship", &table)
        .key("pk", V::string_path("$.id"))
        .update_expression("SET #s = :shipped")
        .expression_attribute_name("#unused", "x")
        .expression_attribute_value("paid", V::string("paid"));
    let no_key = DynamoGetItem::new("Load", &table);
    let no_update = DynamoUpdateItem::new("Nothing", &table).key("pk", V::string("a"));
    let no_item = DynamoPutItem::new("Empty", &table);
    let three = DynamoDeleteItem::new("Three", &table)
        .key("a", V::string("a"))
        .key("b", V::string("b"))
        .key("c", V::string("c"));
    definition(&stack, update.next(no_key).next(no_update).next(no_item).next(three));
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Ship\": ExpressionAttributeNames: #unused is used by no expression, which DynamoDB refuses; use it or drop it",
            "S/Flow: definition: state \"Ship\": ExpressionAttributeValues: \"paid\" does not start with :, which a value placeholder must; rename it \":paid\"",
            "S/Flow: definition: state \"Ship\": an expression uses #s, which ExpressionAttributeNames does not define; add expression_attribute_name(\"#s\", \"attribute\")",
            "S/Flow: definition: state \"Ship\": an expression uses :shipped, which ExpressionAttributeValues does not define; add expression_attribute_value(\":shipped\", DynamoAttributeValue::...)",
            "S/Flow: definition: state \"Load\": Key is empty; give the item's partition key (and sort key) with key(\"pk\", DynamoAttributeValue::string_path(\"$.id\"))",
            "S/Flow: definition: state \"Nothing\": DynamoUpdateItem has no UpdateExpression, so it changes nothing; set one such as update_expression(\"SET #s = :s\")",
            "S/Flow: definition: state \"Empty\": Item is empty; give its attributes, the key among them, with item(\"pk\", DynamoAttributeValue::string_path(\"$.id\"))",
            "S/Flow: definition: state \"Three\": Key has 3 attributes, but a key is a partition key and at most a sort key; keep those two",
        ]
    );
}

#[test]
fn dynamo_query_goes_through_the_sdk_and_grants_the_index_it_reads() {
    type V = DynamoAttributeValue;
    let (app, stack) = app();
    let table = orders(&stack);
    let query = DynamoQuery::new("ByCustomer", &table)
        .index_name("byCustomer")
        .key_condition_expression("customer = :c")
        .filter_expression("qty > :zero")
        .expression_attribute_value(":c", V::string_path("$.customer"))
        .expression_attribute_value(":zero", V::number(0))
        .limit(10)
        .scan_index_forward(false);
    let d = definition(&stack, query);
    assert_eq!(
        d["States"]["ByCustomer"]["Resource"],
        "arn:aws:states:::aws-sdk:dynamodb:query"
    );
    assert_eq!(
        d["States"]["ByCustomer"]["Parameters"],
        json!({"TableName": "${TableName}", "IndexName": "byCustomer",
               "KeyConditionExpression": "customer = :c", "FilterExpression": "qty > :zero",
               "ExpressionAttributeValues": {":c": {"S.$": "$.customer"}, ":zero": {"N": "0"}},
               "Limit": 10, "ScanIndexForward": false})
    );
    let id = id_of(&app, "AWS::DynamoDB::Table");
    assert_eq!(
        role_statements(&app),
        json!([{"Effect": "Allow", "Action": "dynamodb:Query", "Resource": [
            {"Fn::GetAtt": [id, "Arn"]},
            sub(&format!("${{{id}.Arn}}/index/byCustomer"))
        ]}])
    );
}

#[test]
fn a_query_needs_a_key_condition() {
    let (app, stack) = app();
    let table = orders(&stack);
    definition(&stack, DynamoQuery::new("Q", &table).limit(0));
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Q\": DynamoQuery has no KeyConditionExpression, which a query requires; set one such as key_condition_expression(\"pk = :pk\")",
            "S/Flow: definition: state \"Q\": Limit is 0, and DynamoDB takes at least 1; use limit(1) or more, or drop it",
        ]
    );
}

// ---------------------------------------------------------------- EventBridge

#[test]
fn put_events_renders_entries_and_grants_each_bus_once() {
    let (app, stack) = app();
    let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    let put = EventBridgePutEvents::new("Announce")
        .entry(
            EventBridgeEntry::new("shop.orders", "OrderPlaced")
                .detail_path("$.order")
                .bus(&bus),
        )
        .entry(EventBridgeEntry::new("shop.orders", "OrderPaid").bus(&bus))
        .entry(EventBridgeEntry::new("shop.audit", "Seen").detail(Value::object([("id.$", "$.id".into())])));
    let d = definition(&stack, put);
    assert_eq!(d["States"]["Announce"]["Resource"], "arn:aws:states:::events:putEvents");
    assert_eq!(
        d["States"]["Announce"]["Parameters"],
        json!({"Entries": [
            {"Detail.$": "$.order", "DetailType": "OrderPlaced", "EventBusName": "${EventBusName}", "Source": "shop.orders"},
            {"Detail.$": "$", "DetailType": "OrderPaid", "EventBusName": "${EventBusName}", "Source": "shop.orders"},
            {"Detail": {"id.$": "$.id"}, "DetailType": "Seen", "Source": "shop.audit"}
        ]})
    );
    let bus_id = id_of(&app, "AWS::Events::EventBus");
    assert_eq!(
        role_statements(&app),
        json!([{"Effect": "Allow", "Action": "events:PutEvents", "Resource": [
            {"Fn::GetAtt": [bus_id, "Arn"]},
            sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default")
        ]}])
    );
}

#[test]
fn put_events_refuses_aws_sources_and_no_entries() {
    let (app, stack) = app();
    let aws = EventBridgePutEvents::new("Fake").entry(EventBridgeEntry::new(
        "aws.ec2",
        "EC2 Instance State-change Notification",
    ));
    let none = EventBridgePutEvents::new("None");
    let token = EventBridgePutEvents::with_pattern("Ask", IntegrationPattern::WaitForTaskToken)
        .entry(EventBridgeEntry::new("shop.orders", "Ask"));
    definition(&stack, aws.next(none).next(token));
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Fake\": Entries[0].Source \"aws.ec2\" starts with \"aws.\", which EventBridge keeps for AWS services (it refuses the event); use a source of your own such as \"com.example.orders\"",
            "S/Flow: definition: state \"None\": EventBridgePutEvents has no entries; add one with entry(EventBridgeEntry::new(\"my.source\", \"DetailType\"))",
            "S/Flow: definition: state \"Ask\": EventBridgePutEvents waits for a task token, but $$.Task.Token appears nowhere in the entries' Detail, so nothing can answer the task; put it in the entries' Detail (for example a \"TaskToken.$\": \"$$.Task.Token\" field)",
        ]
    );
}

// ---------------------------------------------------------------- Step Functions

#[test]
fn start_execution_grants_start_only_when_not_waiting() {
    let (app, stack) = app();
    let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    let start = StepFunctionsStartExecution::new("Run", &child)
        .input(Value::object([("id.$", "$.id".into())]))
        .associate_with_parent()
        .execution_name_from("$.id");
    let d = definition(&stack, start);
    assert_eq!(d["States"]["Run"]["Resource"], "arn:aws:states:::states:startExecution");
    assert_eq!(
        d["States"]["Run"]["Parameters"],
        json!({"StateMachineArn": "${StateMachineArn}",
               "Input": {"id.$": "$.id", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"},
               "Name.$": "$.id"})
    );
    let statements = role_statements(&app);
    assert_eq!(statements.as_array().unwrap().len(), 1);
    assert_eq!(statements[0]["Action"], "states:StartExecution");
}

#[test]
fn start_execution_sync_grants_what_aws_documents() {
    let (app, stack) = app();
    let arn = "arn:aws:states:eu-west-1:111111111111:stateMachine:billing";
    let billing = StateMachine::from_arn(&stack, "Billing", arn);
    let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    let a = StepFunctionsStartExecution::with_pattern("Bill", &billing, IntegrationPattern::RunJob);
    let b = StepFunctionsStartExecution::with_pattern("Run", &child, IntegrationPattern::RunJob).input_from("$.order");
    let d = definition(&stack, a.next(b));
    assert_eq!(
        d["States"]["Bill"]["Resource"],
        "arn:aws:states:::states:startExecution.sync:2"
    );
    assert_eq!(
        d["States"]["Run"]["Parameters"],
        json!({"StateMachineArn": "${StateMachineArn}", "Input.$": "$.order"})
    );
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    let child_id = t["Resources"]
        .as_object()
        .unwrap()
        .keys()
        .find(|k| k.starts_with("Child") && !k.contains("Role"))
        .unwrap()
        .clone();
    let rule = sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule");
    let s = role_statements(&app);
    assert_eq!(
        s,
        json!([
            {"Effect": "Allow", "Action": "states:StartExecution", "Resource": arn},
            {"Effect": "Allow", "Action": ["states:DescribeExecution", "states:StopExecution"],
             "Resource": "arn:aws:states:eu-west-1:111111111111:execution:billing:*"},
            {"Effect": "Allow", "Action": ["events:PutTargets", "events:PutRule", "events:DescribeRule"], "Resource": rule},
            {"Effect": "Allow", "Action": "states:StartExecution", "Resource": {"Ref": child_id}},
            {"Effect": "Allow", "Action": ["states:DescribeExecution", "states:StopExecution"],
             "Resource": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":states:", {"Ref": "AWS::Region"}, ":",
                 {"Ref": "AWS::AccountId"}, ":execution:", {"Fn::Select": [6, {"Fn::Split": [":", {"Ref": child_id}]}]}, ":*"]]}}
            // The second task's rule statement is the first's: the policy keeps one.
        ])
    );
}

#[test]
fn start_execution_waiting_for_a_token_needs_it() {
    let (app, stack) = app();
    let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    let ask = StepFunctionsStartExecution::with_pattern("Ask", &child, IntegrationPattern::WaitForTaskToken);
    let bad_associate = StepFunctionsStartExecution::new("Linked", &child).associate_with_parent();
    let d = definition(&stack, ask.next(bad_associate));
    assert_eq!(
        d["States"]["Ask"]["Resource"],
        "arn:aws:states:::states:startExecution.waitForTaskToken"
    );
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Ask\": StepFunctionsStartExecution waits for a task token, but $$.Task.Token appears nowhere in the input, so nothing can answer the task; put it in the input (for example a \"TaskToken.$\": \"$$.Task.Token\" field)",
            "S/Flow: definition: state \"Linked\": associate_with_parent adds a field to the input, but the input is not an object given in the definition; give it with input(Value::object([...]))",
        ]
    );
}

// ---------------------------------------------------------------- AWS SDK

#[test]
fn aws_sdk_call_derives_its_resource_and_action() {
    let (app, stack) = app();
    let describe = AwsSdkCall::new("Describe", "sfn", "DescribeExecution")
        .parameter("ExecutionArn.$", "$.arn")
        .iam_resources(["arn:aws:states:eu-west-1:111111111111:execution:billing:*"]);
    let list = AwsSdkCall::new("List", "s3", "listObjectsV2")
        .parameter("Bucket", "reports")
        .iam_actions(["s3:ListBucket"])
        .iam_resources(["arn:aws:s3:::reports"]);
    let d = definition(&stack, describe.next(list));
    assert_eq!(
        d["States"]["Describe"]["Resource"],
        "arn:aws:states:::aws-sdk:sfn:describeExecution"
    );
    assert_eq!(
        d["States"]["Describe"]["Parameters"],
        json!({"ExecutionArn.$": "$.arn"})
    );
    assert_eq!(
        d["States"]["List"]["Resource"],
        "arn:aws:states:::aws-sdk:s3:listObjectsV2"
    );
    assert_eq!(
        role_statements(&app),
        json!([
            {"Effect": "Allow", "Action": "states:DescribeExecution", "Resource": "arn:aws:states:eu-west-1:111111111111:execution:billing:*"},
            {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports"}
        ])
    );
}

#[test]
fn aws_sdk_call_needs_resources_and_api_names() {
    let (app, stack) = app();
    let bare = AwsSdkCall::new("Bare", "s3", "GetObject");
    let names = AwsSdkCall::new("Names", "S3", "get-object")
        .parameter("bucket", "b")
        .iam_resources(["*"]);
    let sync = AwsSdkCall::with_pattern("Sync", "s3", "GetObject", IntegrationPattern::RunJob).iam_resources(["*"]);
    let no_actions = AwsSdkCall::new("NoActions", "s3", "GetObject")
        .iam_actions(Vec::<String>::new())
        .iam_resources(["*"]);
    definition(&stack, bare.next(names).next(sync).next(no_actions));
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Bare\": AwsSdkCall \"Bare\" grants its action on no resource; name them with iam_resources([...]) (\"*\" only for an action with no resource-level permission)",
            "S/Flow: definition: state \"Names\": the AWS SDK service \"S3\" is not an SDK service name, which is lowercase letters and digits (\"s3\", \"dynamodb\", \"sfn\"); use that name",
            "S/Flow: definition: state \"Names\": the action \"get-object\" is not an API action name, which is letters and digits (\"GetObject\"); use the name in the service's API reference",
            "S/Flow: definition: state \"Names\": parameter \"bucket\": the AWS SDK integration takes the API's parameter names, which are PascalCase; write \"Bucket\"",
            "S/Flow: definition: state \"Sync\": AWS SDK integrations have no .sync (IntegrationPattern::RunJob); use RequestResponse and poll, or an optimized integration",
            "S/Flow: definition: state \"NoActions\": iam_actions([]) grants no action, so the call is denied; name the actions, or drop iam_actions() for the derived one",
        ]
    );
}

// ---------------------------------------------------------------- HTTP Task

const CONNECTION: &str = "arn:aws:events:eu-west-1:111111111111:connection/stripe/2f0d1b1e-1111-2222-3333-444455556666";

#[test]
fn http_invoke_renders_and_grants_the_endpoint_connection_and_secret() {
    let (app, stack) = app();
    let charge = HttpInvoke::new("Charge", CONNECTION, Method::Post)
        .url("https://api.stripe.com/v1/charges")
        .header("Idempotency-Key", "k")
        .query("expand", "customer")
        .body_from("$.charge");
    let d = definition(&stack, charge);
    assert_eq!(d["States"]["Charge"]["Resource"], "arn:aws:states:::http:invoke");
    assert_eq!(
        d["States"]["Charge"]["Parameters"],
        json!({"ApiEndpoint": "https://api.stripe.com/v1/charges", "Method": "POST",
               "Authentication": {"ConnectionArn": CONNECTION},
               "Headers": {"Idempotency-Key": "k"}, "QueryParameters": {"expand": "customer"},
               "RequestBody.$": "$.charge"})
    );
    assert_eq!(
        role_statements(&app),
        json!([
            {"Effect": "Allow", "Action": "states:InvokeHTTPEndpoint",
             "Resource": sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*"), "Condition": {
                "StringLike": {"states:HTTPEndpoint": "https://api.stripe.com/v1/charges"},
                "StringEquals": {"states:HTTPMethod": "POST"}}},
            {"Effect": "Allow", "Action": "events:RetrieveConnectionCredentials", "Resource": CONNECTION},
            {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
             "Resource": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:events!connection/stripe/*"}
        ])
    );
}

#[test]
fn http_invoke_from_the_input_grants_the_allowed_pattern() {
    let (app, stack) = app();
    let call = HttpInvoke::new("Get", CONNECTION, Method::Get)
        .url_from("$.url", "https://api.stripe.com/v1/*")
        .headers_from("$.headers")
        .query_from("$.query");
    let d = definition(&stack, call);
    assert_eq!(
        d["States"]["Get"]["Parameters"],
        json!({"ApiEndpoint.$": "$.url", "Method": "GET", "Authentication": {"ConnectionArn": CONNECTION},
               "Headers.$": "$.headers", "QueryParameters.$": "$.query"})
    );
    assert_eq!(
        role_statements(&app)[0]["Condition"]["StringLike"]["states:HTTPEndpoint"],
        "https://api.stripe.com/v1/*"
    );
}

#[test]
fn http_invoke_refuses_what_the_http_task_cannot_call() {
    let (app, stack) = app();
    let plain = HttpInvoke::new("Plain", CONNECTION, Method::Get).url("http://api.example.com");
    let none = HttpInvoke::new("None", CONNECTION, Method::Any);
    let both = HttpInvoke::new("Both", "arn:aws:sns:eu-west-1:111111111111:t", Method::Post)
        .url("https://a.example.com")
        .url_from("$.url", "https://a.example.com/*")
        .body("x")
        .body_from("$.body");
    definition(&stack, plain.next(none).next(both));
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Plain\": ApiEndpoint \"http://api.example.com\" is not an https:// URL, and the HTTP Task calls HTTPS APIs only; use https://",
            "S/Flow: definition: state \"None\": HttpInvoke has no URL; set one with url(\"https://...\") or url_from(\"$.url\", \"https://api.example.com/*\")",
            "S/Flow: definition: state \"None\": Method ANY is a route wildcard, not an HTTP method the task can send; use Method::Get, Method::Post, ...",
            "S/Flow: definition: state \"Both\": ApiEndpoint is set both in the definition (url()) and from the input (url_from(\"$.url\")); keep one",
            "S/Flow: definition: state \"Both\": RequestBody is set both in the definition (body()) and from the input (body_from(\"$.body\")); keep one",
            "S/Flow: definition: state \"Both\": \"arn:aws:sns:eu-west-1:111111111111:t\" is not an EventBridge connection ARN (arn:<partition>:events:<region>:<account>:connection/<name>/<id>); give the connection's ARN",
        ]
    );
}

// ---------------------------------------------------------------- common

/// Applies every field a task has, the same way, to any task type.
macro_rules! every_field {
    ($task:expr, $failed:literal) => {
        $task
            .comment("why")
            .input_path("$.in")
            .result_selector(Value::object([("r.$", "$".into())]))
            .result_path(Some("$.out"))
            .output_path("$.out")
            .timeout(Duration::minutes(2))
            .heartbeat_path("$.heartbeat")
            .retry(Retry::on(["States.TaskFailed"]).max_attempts(2))
            .catch(["States.ALL"], Some("$.error"), Fail::new($failed))
    };
}

#[test]
fn every_new_task_type_has_the_same_fields() {
    type V = DynamoAttributeValue;
    let (_app, stack) = app();
    let queue = Queue::new(&stack, "Jobs", QueueProps::default());
    let table = orders(&stack);
    let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    let (cluster, task_def, sg) = ecs_parts(&stack);
    let branches: Vec<(&str, Chain)> = vec![
        (
            "Plain",
            every_field!(Task::service("Plain", "lambda:invoke"), "F0").into(),
        ),
        ("Send", every_field!(SqsSendMessage::new("Send", &queue), "F1").into()),
        (
            "Get",
            every_field!(DynamoGetItem::new("Get", &table).key("pk", V::string("a")), "F2").into(),
        ),
        (
            "Put",
            every_field!(DynamoPutItem::new("Put", &table).item("pk", V::string("a")), "F3").into(),
        ),
        (
            "Update",
            every_field!(
                DynamoUpdateItem::new("Update", &table)
                    .key("pk", V::string("a"))
                    .update_expression("REMOVE x"),
                "F4"
            )
            .into(),
        ),
        (
            "Delete",
            every_field!(DynamoDeleteItem::new("Delete", &table).key("pk", V::string("a")), "F5").into(),
        ),
        (
            "Query",
            every_field!(
                DynamoQuery::new("Query", &table)
                    .key_condition_expression("pk = :a")
                    .expression_attribute_value(":a", V::string("a")),
                "F6"
            )
            .into(),
        ),
        (
            "Events",
            every_field!(
                EventBridgePutEvents::new("Events").entry(EventBridgeEntry::new("a.b", "C")),
                "F7"
            )
            .into(),
        ),
        (
            "Start",
            every_field!(StepFunctionsStartExecution::new("Start", &child), "F8").into(),
        ),
        (
            "Sdk",
            every_field!(AwsSdkCall::new("Sdk", "s3", "ListBuckets").iam_resources(["*"]), "F9").into(),
        ),
        (
            "Http",
            every_field!(
                HttpInvoke::new("Http", CONNECTION, Method::Get).url("https://a.example.com"),
                "F10"
            )
            .into(),
        ),
        (
            "Ecs",
            every_field!(EcsRunTask::new("Ecs", &cluster, &task_def).security_group(&sg), "F11").into(),
        ),
    ];
    let mut all = Parallel::new("All");
    for (_, chain) in &branches {
        all = all.branch(chain.clone());
    }
    let json = definition(&stack, all);
    let without_type_specifics = |branch: usize, state: &str| {
        let mut s = json["States"]["All"]["Branches"][branch]["States"][state].clone();
        let s = s.as_object_mut().unwrap();
        s.remove("Resource");
        s.remove("Parameters");
        s["Catch"][0]["Next"] = json!("Failed");
        Json::Object(s.clone())
    };
    let plain = without_type_specifics(0, "Plain");
    assert_eq!(plain["TimeoutSeconds"], 120);
    for (i, (name, _)) in branches.iter().enumerate().skip(1) {
        assert_eq!(without_type_specifics(i, name), plain, "{name}");
    }
}

// ---------------------------------------------------------------- local runs

/// The flow the fixture app mirrors, as synth writes it, runs locally: SQS,
/// DynamoDB and EventBridge by handlers that record what they were sent,
/// the child execution by a mock.
#[test]
fn the_integrations_run_locally_with_handlers_and_mocks() {
    use rcdk_states::{Machine, MockResult, Mocks, Runner, Status, TaskOutcome};
    type V = DynamoAttributeValue;
    let (app, stack) = app();
    let queue = Queue::new(&stack, "Queue", QueueProps::default());
    let table = Table::new(&stack, "Table", TableProps::new(Attribute::string("pk")));
    let bus = EventBus::new(&stack, "Bus", EventBusProps::default());
    let child = StateMachine::new(&stack, "Child", StateMachineProps::new(Succeed::new("Done")));
    let flow = SqsSendMessage::new("Enqueue", &queue)
        .message_body_path("$.order")
        .result_path(None)
        .next(
            DynamoPutItem::new("Save", &table)
                .item("pk", V::string_path("$.order.id"))
                .item("total", V::number_path("$.order.total"))
                .result_path(None),
        )
        .next(
            EventBridgePutEvents::new("Announce")
                .entry(
                    EventBridgeEntry::new("shop.orders", "OrderPlaced")
                        .detail_path("$.order")
                        .bus(&bus),
                )
                .result_path(None),
        )
        .next(
            StepFunctionsStartExecution::with_pattern("Start", &child, IntegrationPattern::RunJob)
                .input_from("$.order")
                .result_selector(Value::object([("Status.$", "$.Status".into())]))
                .result_path(Some("$.child")),
        );
    let sm = StateMachine::new(&stack, "Flow", StateMachineProps::new(flow));
    app.synth().unwrap();
    let machine = Machine::from_json(&sm.definition_json()).expect("what synth accepts loads");

    let calls: Rc<RefCell<Vec<(String, Json)>>> = Rc::default();
    let record = |calls: &Rc<RefCell<Vec<(String, Json)>>>, result: Json| {
        let calls = calls.clone();
        move |call: &rcdk_states::TaskCall| {
            calls
                .borrow_mut()
                .push((call.state.to_owned(), call.parameters.clone()));
            TaskOutcome::ok(result.clone())
        }
    };
    let runner = Runner::new()
        .handler(
            "arn:aws:states:::sqs:sendMessage",
            record(&calls, json!({"MessageId": "m-1"})),
        )
        .handler("arn:aws:states:::dynamodb:putItem", record(&calls, json!({})))
        .handler(
            "arn:aws:states:::events:putEvents",
            record(&calls, json!({"Entries": [{"EventId": "e-1"}], "FailedEntryCount": 0})),
        )
        .mocks(Mocks::new().state(
            "Start",
            vec![MockResult::Return(json!({"Status": "SUCCEEDED", "Output": {}}))],
        ));
    let input = json!({"order": {"id": "o-1", "total": 42}});
    let run = runner.run(&machine, input.clone());
    assert_eq!(run.status, Status::Succeeded, "{run}");
    assert_eq!(
        run.output,
        Some(json!({"order": {"id": "o-1", "total": 42}, "child": {"Status": "SUCCEEDED"}}))
    );
    let calls = calls.borrow();
    assert_eq!(
        *calls,
        [
            (
                "Enqueue".to_owned(),
                json!({"QueueUrl": "${QueueUrl}", "MessageBody": {"id": "o-1", "total": 42}})
            ),
            (
                "Save".to_owned(),
                json!({"TableName": "${TableName}", "Item": {"pk": {"S": "o-1"}, "total": {"N": "42"}}})
            ),
            (
                "Announce".to_owned(),
                json!({"Entries": [{"Detail": {"id": "o-1", "total": 42}, "DetailType": "OrderPlaced",
                                    "EventBusName": "${EventBusName}", "Source": "shop.orders"}]})
            ),
        ]
    );
}

/// A DynamoDB query and an HTTP Task, mocked, run locally with their
/// results selected as written.
#[test]
fn query_and_http_task_run_locally_with_mocks() {
    use rcdk_states::{Machine, MockResult, Mocks, Runner, Status};
    type V = DynamoAttributeValue;
    let (app, stack) = app();
    let table = orders(&stack);
    let flow = DynamoQuery::new("Lines", &table)
        .key_condition_expression("pk = :pk")
        .expression_attribute_value(":pk", V::string_path("$.id"))
        .result_selector(Value::object([("Count.$", "$.Count".into())]))
        .result_path(Some("$.lines"))
        .next(
            HttpInvoke::new("Notify", CONNECTION, Method::Post)
                .url("https://hooks.example.com/orders")
                .body_from("$.lines")
                .result_selector(Value::object([("Status.$", "$.StatusCode".into())]))
                .result_path(Some("$.notified")),
        );
    let sm = StateMachine::new(&stack, "Flow", StateMachineProps::new(flow));
    app.synth().unwrap();
    let machine = Machine::from_json(&sm.definition_json()).unwrap();
    let runner = Runner::new().mocks(
        Mocks::new()
            .state(
                "Lines",
                vec![MockResult::Return(json!({"Items": [], "Count": 0, "ScannedCount": 0}))],
            )
            .state(
                "Notify",
                vec![MockResult::Return(json!({"StatusCode": 200, "ResponseBody": {}}))],
            ),
    );
    let run = runner.run(&machine, json!({"id": "o-1"}));
    assert_eq!(run.status, Status::Succeeded, "{run}");
    assert_eq!(
        run.output,
        Some(json!({"id": "o-1", "lines": {"Count": 0}, "notified": {"Status": 200}}))
    );
}

// ---------------------------------------------------------------- ECS

/// A cluster in a new VPC, a Fargate task definition with one container
/// and a security group.
fn ecs_parts(
    stack: &Stack,
) -> (
    rcdk_compute::Cluster,
    rcdk_compute::FargateTaskDefinition,
    rcdk_network::SecurityGroup,
) {
    use rcdk_compute::*;
    use rcdk_network::*;
    let vpc = Vpc::new(stack, "Vpc", VpcProps::default());
    let cluster = Cluster::new(stack, "Cluster", ClusterProps::new(&vpc));
    let task_def = FargateTaskDefinition::new(stack, "Billing", FargateTaskDefinitionProps::default());
    task_def.add_container("app", ContainerOptions::new(ContainerImage::from_registry("billing:1")));
    let sg = SecurityGroup::new(stack, "BillingSg", SecurityGroupProps::new(&vpc, "billing"));
    (cluster, task_def, sg)
}

#[test]
fn ecs_run_task_sync_renders_and_grants_exactly() {
    let (app, stack) = app();
    let (cluster, task_def, sg) = ecs_parts(&stack);
    let run = EcsRunTask::with_pattern("Bill", &cluster, &task_def, IntegrationPattern::RunJob)
        .security_group(&sg)
        .container_override(
            ContainerOverride::new("app")
                .command(["bill"])
                .environment("MODE", "full")
                .environment_from("ORDER_ID", "$.id"),
        );
    let d = definition(&stack, run);
    let state = &d["States"]["Bill"];
    assert_eq!(state["Resource"], "arn:aws:states:::ecs:runTask.sync");
    let p = &state["Parameters"];
    assert_eq!(p["LaunchType"], "FARGATE");
    assert_eq!(
        p["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        p["Overrides"],
        json!({"ContainerOverrides": [{"Name": "app", "Command": ["bill"], "Environment": [
            {"Name": "MODE", "Value": "full"}, {"Name": "ORDER_ID", "Value.$": "$.id"}]}]})
    );
    let t = app.synth().unwrap().stack("S").unwrap().template().clone();
    let id = |prefix: &str, ty: &str| {
        t["Resources"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(k, r)| k.starts_with(prefix) && r["Type"] == ty)
            .unwrap()
            .0
            .clone()
    };
    let (task_def_id, cluster_id) = (
        id("Billing", "AWS::ECS::TaskDefinition"),
        id("Cluster", "AWS::ECS::Cluster"),
    );
    let exec_role = id("BillingExecutionRole", "AWS::IAM::Role");
    assert_eq!(
        role_statements(&app),
        json!([
            {"Effect": "Allow", "Action": "ecs:RunTask", "Resource": {"Ref": task_def_id}},
            {"Effect": "Allow", "Action": ["ecs:StopTask", "ecs:DescribeTasks"],
             "Resource": sub(&format!("arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:task/${{{cluster_id}}}/*"))},
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": {"Fn::GetAtt": [exec_role, "Arn"]}},
            {"Effect": "Allow", "Action": ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
             "Resource": sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForECSTaskRule")}
        ])
    );
}

#[test]
fn ecs_run_task_needs_a_security_group_and_the_token_it_waits_for() {
    let (app, stack) = app();
    let (cluster, task_def, _) = ecs_parts(&stack);
    let run = EcsRunTask::with_pattern("Work", &cluster, &task_def, IntegrationPattern::WaitForTaskToken)
        .container_override(ContainerOverride::new("app").environment_from("ORDER_ID", "$.id"));
    let d = definition(&stack, run);
    assert_eq!(
        d["States"]["Work"]["Resource"],
        "arn:aws:states:::ecs:runTask.waitForTaskToken"
    );
    assert_eq!(
        errors(&app),
        [
            "S/Flow: definition: state \"Work\": EcsRunTask has no security group, and a Fargate task needs one; add one with security_group(&group)",
            "S/Flow: definition: state \"Work\": EcsRunTask waits for a task token, but $$.Task.Token appears nowhere in the container overrides, so nothing can answer the task; put it in the container overrides (for example a \"TaskToken.$\": \"$$.Task.Token\" field)",
        ]
    );
}

#[test]
fn ecs_run_task_runs_locally_with_a_mock() {
    use rcdk_states::{Machine, MockResult, Mocks, Runner, Status};
    let (app, stack) = app();
    let (cluster, task_def, sg) = ecs_parts(&stack);
    let run = EcsRunTask::with_pattern("Bill", &cluster, &task_def, IntegrationPattern::RunJob)
        .security_group(&sg)
        .result_selector(Value::object([("Stopped.$", "$.StopCode".into())]))
        .result_path(Some("$.task"));
    let sm = StateMachine::new(&stack, "Flow", StateMachineProps::new(run));
    app.synth().unwrap();
    let machine = Machine::from_json(&sm.definition_json()).unwrap();
    let runner = Runner::new().mocks(Mocks::new().state(
        "Bill",
        vec![MockResult::Return(json!({"StopCode": "EssentialContainerExited"}))],
    ));
    let run = runner.run(&machine, json!({"id": "o-1"}));
    assert_eq!(run.status, Status::Succeeded, "{run}");
    assert_eq!(
        run.output,
        Some(json!({"id": "o-1", "task": {"Stopped": "EssentialContainerExited"}}))
    );
}
