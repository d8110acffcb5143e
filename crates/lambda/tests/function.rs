//! Functions: the template they write, the IAM they grant, every input they
//! refuse (with its message), and imported functions used as defined ones.

use rcdk_core::{App, Duration, Size, Stack, StackProps};
use rcdk_iam::{Principal, Role, RoleProps, ServicePrincipal};
use rcdk_lambda::*;
use rcdk_logs::LogGroup;
use rcdk_testing::Template;
use serde_json::{json, Value};

fn app() -> (App, Stack) {
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    (app, stack)
}

fn python() -> FunctionProps {
    FunctionProps::new(
        Runtime::Python313,
        Code::inline("def handler(event, context):\n    return event\n"),
    )
    .handler("index.handler")
}

fn template(app: &App) -> Value {
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    assembly.stack("S").unwrap().template().clone()
}

/// The error messages of a failed synth.
fn errors(app: &App) -> Vec<String> {
    match app.synth() {
        Ok(_) => panic!("synth succeeded"),
        Err(e) => e.errors().iter().map(|e| e.to_string()).collect(),
    }
}

fn warnings(app: &App) -> Vec<String> {
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    assembly.warnings().iter().map(|w| w.message.clone()).collect()
}

fn assert_error(app: &App, needle: &str) {
    let errors = errors(app);
    assert!(
        errors.iter().any(|e| e.contains(needle)),
        "no error with {needle:?} in {errors:#?}"
    );
}

#[test]
fn a_function_has_its_role_and_log_group() {
    let (app, stack) = app();
    Function::new(
        &stack,
        "Orders",
        python()
            .memory(Size::mebibytes(512))
            .timeout(Duration::seconds(30))
            .env("TABLE", "orders")
            .architecture(Architecture::Arm64),
    );
    let t = template(&app);
    let tpl = Template::from_json(t.clone());
    tpl.resource_count_is("AWS::Lambda::Function", 1);
    tpl.resource_count_is("AWS::IAM::Role", 1);
    tpl.resource_count_is("AWS::Logs::LogGroup", 1);
    let r = &t["Resources"];
    let f = &r[&f_id(&t)];
    let props = &f["Properties"];
    assert_eq!(props["Runtime"], "python3.13");
    assert_eq!(props["Handler"], "index.handler");
    assert_eq!(props["MemorySize"], 512);
    assert_eq!(props["Timeout"], 30);
    assert_eq!(props["Architectures"], json!(["arm64"]));
    assert_eq!(props["Environment"], json!({"Variables": {"TABLE": "orders"}}));
    assert_eq!(
        props["Code"],
        json!({"ZipFile": "def handler(event, context):\n    return event\n"})
    );
    let role = r
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, v)| v["Type"] == "AWS::IAM::Role")
        .unwrap();
    assert_eq!(props["Role"], json!({"Fn::GetAtt": [role.0, "Arn"]}));
    assert_eq!(
        role.1["Properties"]["AssumeRolePolicyDocument"]["Statement"],
        json!([{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}])
    );
    assert_eq!(
        role.1["Properties"]["ManagedPolicyArns"],
        json!([{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}])
    );
    let logs = r
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, v)| v["Type"] == "AWS::Logs::LogGroup")
        .unwrap();
    assert_eq!(logs.1["Properties"]["RetentionInDays"], 30);
    assert_eq!(logs.1["DeletionPolicy"], "Delete");
    assert_eq!(props["LoggingConfig"], json!({"LogGroup": {"Ref": logs.0}}));
    assert_eq!(f["DependsOn"], json!([role.0]));
}

#[test]
fn logs_can_go_elsewhere() {
    let (app, stack) = app();
    let shared = LogGroup::from_name(&stack, "Shared", "/org/functions");
    Function::new(&stack, "A", python().logs(FunctionLogs::to(&shared)));
    Function::new(&stack, "B", python().logs(FunctionLogs::LambdaDefault));
    Function::new(&stack, "C", python().logs(FunctionLogs::retention_days(7)));
    let t = template(&app);
    let fns: Vec<&Value> = t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .filter(|v| v["Type"] == "AWS::Lambda::Function")
        .collect();
    assert_eq!(
        fns[0]["Properties"]["LoggingConfig"],
        json!({"LogGroup": "/org/functions"})
    );
    assert!(fns[1]["Properties"].get("LoggingConfig").is_none());
    Template::from_json(t.clone()).has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 7}));
    Template::from_json(t).resource_count_is("AWS::Logs::LogGroup", 1);
}

#[test]
fn a_rust_binary_is_staged_as_bootstrap_on_provided_al2023() {
    let dir = std::env::temp_dir().join(format!("rcdk-lambda-test-rust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("orders");
    std::fs::write(&binary, [0x7f, b'E', b'L', b'F', 2, 1, 1]).unwrap();
    let (app, stack) = app();
    Function::new(
        &stack,
        "Orders",
        FunctionProps::rust(&binary).architecture(Architecture::Arm64),
    );
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    let s = assembly.stack("S").unwrap();
    let assets = s.file_assets();
    assert_eq!(assets.len(), 1);
    match &assets[0].source {
        rcdk_core::asset::AssetSource::Files(files) => {
            assert_eq!(files.len(), 1);
            assert_eq!(files[0].name, "bootstrap");
            assert!(files[0].executable);
        }
        other => panic!("{other:?}"),
    }
    let f = s.template()["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|v| v["Type"] == "AWS::Lambda::Function")
        .unwrap()
        .clone();
    assert_eq!(f["Properties"]["Runtime"], "provided.al2023");
    assert_eq!(f["Properties"]["Handler"], "bootstrap");
    assert_eq!(f["Properties"]["Code"]["S3Key"], format!("{}.zip", assets[0].id));
    assert_eq!(
        f["Properties"]["Code"]["S3Bucket"],
        json!({"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"})
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_directory_is_staged_without_what_is_excluded() {
    let dir = std::env::temp_dir().join(format!("rcdk-lambda-test-dir-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("node_modules")).unwrap();
    std::fs::write(dir.join("index.js"), "exports.handler = async (e) => e;").unwrap();
    std::fs::write(dir.join("node_modules/x.js"), "x").unwrap();
    let hash_of = |options: AssetOptions| {
        let (app, stack) = app();
        Function::new(
            &stack,
            "F",
            FunctionProps::new(Runtime::Nodejs22, Code::from_asset_with(&dir, options)).handler("index.handler"),
        );
        let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
        let s = assembly.stack("S").unwrap();
        s.file_assets()[0].id.clone()
    };
    let all = hash_of(AssetOptions::default());
    let without = hash_of(AssetOptions::default().exclude(["node_modules"]));
    assert_ne!(all, without);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn code_from_a_bucket() {
    let (app, stack) = app();
    Function::new(
        &stack,
        "F",
        FunctionProps::new(Runtime::Java21, Code::from_bucket("artifacts", "orders.zip")).handler("orders.Handler"),
    );
    Template::from_json(template(&app)).has_resource_properties(
        "AWS::Lambda::Function",
        json!({"Code": {"S3Bucket": "artifacts", "S3Key": "orders.zip"}, "Runtime": "java21"}),
    );
}

#[test]
fn options_reach_the_template() {
    let (app, stack) = app();
    let mut props = python();
    props.description = Some("Takes orders".into());
    props.function_name = Some("orders-taker".into());
    props.reserved_concurrent_executions = Some(5);
    props.tracing = Some(Tracing::Active);
    props.runtime = Runtime::Custom("python3.15".into());
    let f = Function::new(&stack, "F", props);
    let t = template(&app);
    let tpl = Template::from_json(t.clone());
    tpl.has_resource_properties(
        "AWS::Lambda::Function",
        json!({
            "Description": "Takes orders",
            "FunctionName": "orders-taker",
            "ReservedConcurrentExecutions": 5,
            "TracingConfig": {"Mode": "Active"},
            "Runtime": "python3.15",
        }),
    );
    // Active tracing lets the role write to X-Ray (no resource-level
    // permissions there), and the function waits for that policy.
    let policy = f.service_role().unwrap().policy().unwrap();
    let policy_id = t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, v)| v["Type"] == "AWS::IAM::Policy")
        .unwrap();
    assert_eq!(
        policy_id.1["Properties"]["PolicyDocument"]["Statement"],
        json!([{"Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "Effect": "Allow", "Resource": "*"}])
    );
    let _ = policy;
    let func = t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|v| v["Type"] == "AWS::Lambda::Function")
        .unwrap();
    assert!(func["DependsOn"].as_array().unwrap().contains(&json!(policy_id.0)));
}

#[test]
fn grants_to_the_function_go_to_its_role_and_it_waits_for_them() {
    let (app, stack) = app();
    let f = Function::new(&stack, "F", python());
    let other = Function::from_function_arn(&stack, "Other", "arn:aws:lambda:eu-west-1:111111111111:function:other");
    other.grant_invoke(&f);
    let t = template(&app);
    let r = t["Resources"].as_object().unwrap();
    let (policy_id, policy) = r.iter().find(|(_, v)| v["Type"] == "AWS::IAM::Policy").unwrap();
    assert_eq!(
        policy["Properties"]["PolicyDocument"]["Statement"],
        json!([{
            "Action": "lambda:InvokeFunction",
            "Effect": "Allow",
            "Resource": [
                "arn:aws:lambda:eu-west-1:111111111111:function:other",
                "arn:aws:lambda:eu-west-1:111111111111:function:other:*"
            ]
        }])
    );
    assert_eq!(stack_path(&app, policy_id), "S/F/ServiceRole/DefaultPolicy/Resource");
    let func = r.values().find(|v| v["Type"] == "AWS::Lambda::Function").unwrap();
    assert!(func["DependsOn"].as_array().unwrap().contains(&json!(policy_id)));
}

fn stack_path(app: &App, id: &str) -> String {
    let assembly = app.synth().unwrap();
    assembly.stack("S").unwrap().construct_path(id).unwrap().to_owned()
}

#[test]
fn a_given_role_is_used_instead_of_a_new_one() {
    let (app, stack) = app();
    let role = Role::from_arn(&stack, "Shared", "arn:aws:iam::111111111111:role/lambda-shared");
    let f = Function::new(&stack, "F", python().role(&role));
    assert!(f.service_role().is_none());
    assert_eq!(
        f.role().unwrap().role_arn().value().as_str(),
        Some("arn:aws:iam::111111111111:role/lambda-shared")
    );
    f.add_to_role_policy(rcdk_iam::PolicyStatement::allow(
        ["sqs:SendMessage"],
        ["arn:aws:sqs:eu-west-1:111111111111:q"],
    ));
    let t = template(&app);
    let tpl = Template::from_json(t.clone());
    tpl.resource_count_is("AWS::IAM::Role", 0);
    tpl.has_resource_properties(
        "AWS::Lambda::Function",
        json!({"Role": "arn:aws:iam::111111111111:role/lambda-shared"}),
    );
    // The imported role's policy, attached by name.
    tpl.has_resource_properties("AWS::IAM::Policy", json!({"Roles": ["lambda-shared"]}));
}

#[test]
fn grant_invoke_to_a_service_writes_a_permission() {
    let (app, stack) = app();
    let f = Function::new(&stack, "F", python());
    let grant = f.grant_invoke(&ServicePrincipal::new("events.amazonaws.com").with_source_account("111111111111"));
    assert!(grant.success());
    f.grant_invoke(&ServicePrincipal::new("events.amazonaws.com").with_source_account("111111111111"));
    let assembly = app.synth().unwrap_or_else(|e| panic!("{e}"));
    assert!(assembly.warnings().is_empty(), "{:?}", assembly.warnings());
    let s = assembly.stack("S").unwrap();
    let perms: Vec<(&String, &Value)> = s.template()["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| v["Type"] == "AWS::Lambda::Permission")
        .collect();
    assert_eq!(perms.len(), 1, "one permission for the same grant twice");
    assert_eq!(s.construct_path(perms[0].0), Some("S/F/InvokeEventsAmazonawsCom"));
    assert_eq!(
        perms[0].1["Properties"],
        json!({
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": [f_id(s.template()), "Arn"]},
            "Principal": "events.amazonaws.com",
            "SourceAccount": "111111111111",
        })
    );
}

fn f_id(t: &Value) -> String {
    t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, v)| v["Type"] == "AWS::Lambda::Function")
        .unwrap()
        .0
        .clone()
}

#[test]
fn a_service_permission_without_its_source_is_a_warning() {
    let (app, stack) = app();
    let f = Function::new(&stack, "F", python());
    f.add_permission("S3", Permission::service("s3.amazonaws.com"));
    let w = warnings(&app);
    assert!(
        w.iter().any(|w| w.contains("lets s3.amazonaws.com call the function on behalf of any account's resources (the confused deputy problem); name the caller with Permission::source_arn")),
        "{w:?}"
    );
    // Named through the principal's conditions, it is not.
    let (app, stack) = self::app();
    let f = Function::new(&stack, "F", python());
    f.add_permission(
        "S3",
        Permission::new(ServicePrincipal::new("s3.amazonaws.com").with_source_arn("arn:aws:s3:::uploads")),
    );
    f.add_permission("Account", Permission::new(Principal::account("222222222222")));
    assert!(warnings(&app).is_empty());
    Template::from_json(template(&app)).has_resource_properties(
        "AWS::Lambda::Permission",
        json!({"Principal": "s3.amazonaws.com", "SourceArn": "arn:aws:s3:::uploads"}),
    );
}

#[test]
fn a_url_is_signed_by_default_and_public_only_when_asked() {
    let (app, stack) = app();
    let f = Function::new(&stack, "F", python());
    f.add_function_url(FunctionUrlOptions::default());
    assert!(warnings(&app).is_empty());
    let t = Template::from_json(template(&app));
    t.has_resource_properties("AWS::Lambda::Url", json!({"AuthType": "AWS_IAM"}));
    t.resource_count_is("AWS::Lambda::Permission", 0);

    let (app, stack) = self::app();
    let f = Function::new(&stack, "F", python());
    f.add_function_url(FunctionUrlOptions {
        auth_type: AuthType::None,
        cors: Some(
            FunctionUrlCors::origins(["https://example.com"])
                .methods([CorsMethod::Get, CorsMethod::Post])
                .max_age(Duration::minutes(5)),
        ),
        stream_response: true,
    });
    let w = warnings(&app);
    assert!(
        w.iter().any(|w| w.contains(
            "the function URL takes no authentication (AuthType::None): anyone on the internet can call the function"
        )),
        "{w:?}"
    );
    let t = Template::from_json(template(&app));
    t.has_resource_properties(
        "AWS::Lambda::Url",
        json!({
            "AuthType": "NONE",
            "InvokeMode": "RESPONSE_STREAM",
            "Cors": {"AllowMethods": ["GET", "POST"], "AllowOrigins": ["https://example.com"], "MaxAge": 300},
        }),
    );
    t.resource_count_is("AWS::Lambda::Permission", 2);
}

#[test]
fn imported_and_defined_functions_are_interchangeable() {
    fn wire(f: &dyn IFunction, caller: &Role) -> bool {
        f.add_permission(
            "Api",
            Permission::service("apigateway.amazonaws.com")
                .source_arn("arn:aws:execute-api:eu-west-1:111111111111:abc/*"),
        );
        f.add_function_url(FunctionUrlOptions::default());
        f.grant_invoke(caller).success()
    }
    let (app, stack) = app();
    let caller = Role::new(&stack, "Caller", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    let defined = Function::new(&stack, "Defined", python());
    let imported = Function::from_function_arn(
        &stack,
        "Imported",
        "arn:aws:lambda:eu-west-1:111111111111:function:shared",
    );
    assert!(wire(&defined, &caller));
    assert!(wire(&imported, &caller));
    assert!(defined.role().is_some());
    assert!(imported.role().is_none());
    let t = Template::from_json(template(&app));
    t.resource_count_is("AWS::Lambda::Permission", 2);
    t.resource_count_is("AWS::Lambda::Url", 2);
    t.has_resource_properties(
        "AWS::Lambda::Permission",
        json!({"FunctionName": "arn:aws:lambda:eu-west-1:111111111111:function:shared", "Principal": "apigateway.amazonaws.com"}),
    );
    t.has_resource_properties(
        "AWS::Lambda::Url",
        json!({"TargetFunctionArn": "arn:aws:lambda:eu-west-1:111111111111:function:shared"}),
    );
}

#[test]
fn an_imported_function_of_another_account_takes_no_permission_from_this_stack() {
    let app = App::new();
    let stack = app.stack(
        "S",
        StackProps {
            env: rcdk_core::Environment {
                account: Some("222222222222".into()),
                region: Some("eu-west-1".into()),
            },
            ..Default::default()
        },
    );
    let f = Function::from_function_arn(
        &stack,
        "Theirs",
        "arn:aws:lambda:eu-west-1:111111111111:function:theirs",
    );
    f.add_permission(
        "Events",
        Permission::service("events.amazonaws.com").source_account("222222222222"),
    );
    assert_error(&app, "the function belongs to another account than the stack's, and a stack can only add permissions to its own account's functions; add the permission in the function's account");
    let app = App::new();
    let stack = app.stack("S", StackProps::default());
    let f = Function::from_function_arn(
        &stack,
        "Theirs",
        "arn:aws:lambda:eu-west-1:111111111111:function:theirs",
    );
    assert!(f
        .grant_invoke(&ServicePrincipal::new("sns.amazonaws.com").with_source_account("111111111111"))
        .success());
}

#[test]
fn bad_inputs_are_errors_with_their_fix() {
    let cases: Vec<(FunctionProps, &str)> = vec![
        (
            FunctionProps::new(Runtime::Python313, Code::inline("x = 1")),
            "the python3.13 runtime needs a handler (the entry point, such as index.handler or app.handler); set FunctionProps::handler",
        ),
        (
            FunctionProps::new(Runtime::Java21, Code::inline("class A {}")).handler("A::h"),
            "Code::inline: the java21 runtime cannot run code given inline (Lambda takes it for Node.js and Python only); use Code::from_asset or Code::from_rust_binary",
        ),
        (
            FunctionProps::new(Runtime::Python313, Code::inline("#".repeat(4097))).handler("index.h"),
            "Code::inline: the source is 4097 bytes, over the 4096 bytes inline code may have; put it in a directory and use Code::from_asset",
        ),
        (
            FunctionProps::new(Runtime::Python313, Code::inline("  ")).handler("index.h"),
            "Code::inline: the source is empty",
        ),
        (
            FunctionProps::new(Runtime::Nodejs22, Code::from_rust_binary("bootstrap")).handler("index.h"),
            "Code::from_rust_binary: a Rust binary runs on an OS-only runtime, not nodejs22.x; use Runtime::ProvidedAl2023",
        ),
        (
            python().memory(Size::mebibytes(64)),
            "memory of 64 MiB is outside what Lambda gives a function; use Size::mebibytes from 128 to 10240",
        ),
        (
            python().memory(Size::mebibytes(10_241)),
            "memory of 10241 MiB is outside",
        ),
        (
            python().memory(Size::kibibytes(200_000)),
            "memory of 204800000 bytes is not a whole number of MiB",
        ),
        (
            python().timeout(Duration::minutes(16)),
            "timeout of 16 minutes is outside what Lambda allows; use from Duration::seconds(1) to Duration::minutes(15)",
        ),
        (
            python().timeout(Duration::millis(0)),
            "timeout of 0 milliseconds is outside what Lambda allows",
        ),
        (
            python().timeout(Duration::millis(1500)),
            "timeout of 1500 milliseconds is not a whole number of seconds, which is all Lambda takes; use Duration::seconds",
        ),
        (
            python().env("AWS_REGION", "eu-west-1"),
            "environment variable AWS_REGION is reserved: Lambda sets it itself and refuses it in the configuration; rename the variable (for example APP_AWS_REGION)",
        ),
        (
            python().env("_HANDLER", "x"),
            "environment variable _HANDLER is reserved",
        ),
        (
            python().env("1ST", "x"),
            "environment variable name \"1ST\" is invalid; start with a letter and use letters, digits and _ only",
        ),
        (
            python().env("A", "x").env("A", "y"),
            "environment variable A is set twice; set it once",
        ),
        (
            python().env("BIG", "x".repeat(5000)),
            "the environment variables take 5003 bytes, over the 4096 bytes Lambda allows in all",
        ),
        (
            python().handler("index handler"),
            "handler \"index handler\" is invalid; use 1 to 128 characters without spaces",
        ),
        (
            FunctionProps::new(Runtime::Custom("".into()), Code::inline("x")).handler("index.h"),
            "runtime \"\" is not a runtime identifier",
        ),
        (
            FunctionProps { description: Some("d".repeat(257)), ..python() },
            "description is over the 256 characters Lambda accepts; shorten it",
        ),
        (
            FunctionProps { function_name: Some("orders.taker".into()), ..python() },
            "function name \"orders.taker\" is invalid; use 1 to 64 letters, digits, hyphens and underscores",
        ),
        (
            FunctionProps::new(Runtime::Nodejs22, Code::from_asset("/nonexistent/rcdk-lambda-code")).handler("index.h"),
            "/nonexistent/rcdk-lambda-code",
        ),
        (
            FunctionProps::new(Runtime::Python313, Code::inline("def h(e, c): pass")).handler("app.h"),
            "handler \"app.h\" cannot name inline code, which Lambda saves as index.js or index.py; use index.<function>, such as index.handler",
        ),
        (
            python().logs(FunctionLogs::retention_days(10)),
            "retention of 10 days is not one CloudWatch Logs accepts",
        ),
    ];
    for (props, message) in cases {
        let (app, stack) = app();
        Function::new(&stack, "F", props);
        let errors = errors(&app);
        assert!(
            errors.iter().any(|e| e.contains(message) && e.contains("S/F")),
            "no error with {message:?} at S/F in {errors:#?}"
        );
    }
}

#[test]
fn bad_imports_urls_and_permissions_are_errors() {
    type Build = Box<dyn Fn(&Stack)>;
    let cases: Vec<(Build, &str)> = vec![
        (
            Box::new(|s| {
                Function::from_function_arn(s, "F", "arn:aws:sns:eu-west-1:111111111111:topic");
            }),
            "Function::from_function_arn: \"arn:aws:sns:eu-west-1:111111111111:topic\" is not a Lambda function ARN; use arn:<partition>:lambda:<region>:<12-digit account>:function:<name>",
        ),
        (
            Box::new(|s| {
                Function::from_function_arn(s, "F", "arn:aws:lambda:eu-west-1:111111111111:function:f:live");
            }),
            "names the version or alias \"live\"; import the function's unqualified ARN",
        ),
        (
            Box::new(|s| {
                let f = Function::new(s, "F", python());
                f.add_function_url(FunctionUrlOptions { cors: Some(FunctionUrlCors::default()), ..Default::default() });
            }),
            "the CORS rule allows no origin; list the origins that may call",
        ),
        (
            Box::new(|s| {
                let f = Function::new(s, "F", python());
                f.add_function_url(FunctionUrlOptions {
                    cors: Some(FunctionUrlCors::origins(["*"]).max_age(Duration::days(2))),
                    ..Default::default()
                });
            }),
            "CORS max_age of 2 days is not whole seconds up to 24 hours",
        ),
        (
            Box::new(|s| {
                let f = Function::new(s, "F", python());
                let mut cors = FunctionUrlCors::origins(["*"]);
                cors.allow_credentials = true;
                f.add_function_url(FunctionUrlOptions { cors: Some(cors), ..Default::default() });
            }),
            "the CORS rule allows credentials from any origin (*), which browsers refuse",
        ),
        (
            Box::new(|s| {
                let f = Function::new(s, "F", python());
                f.add_permission("P", Permission::service("s3.amazonaws.com").source_account("111111111111").action("s3:GetObject"));
            }),
            "permission P: \"s3:GetObject\" is not a Lambda action; use one such as lambda:InvokeFunction",
        ),
        (
            Box::new(|s| {
                let role = Role::from_arn_immutable(s, "R", "arn:aws:iam::111111111111:role/fixed");
                let f = Function::new(s, "F", python().role(&role));
                f.add_to_role_policy(rcdk_iam::PolicyStatement::allow(["sqs:SendMessage"], ["arn:aws:sqs:eu-west-1:111111111111:q"]));
            }),
            "the function's role takes no policy from the app (it was imported with Role::from_arn_immutable)",
        ),
        (
            Box::new(|s| {
                let f = Function::new(s, "F", python());
                f.add_permission(
                    "P",
                    Permission::new(
                        ServicePrincipal::new("sns.amazonaws.com")
                            .with_source_account("111111111111")
                            .with_condition("StringEquals", "aws:SourceOrgID", "o-abc"),
                    ),
                );
            }),
            "permission P: a Lambda permission tests only the caller's source ARN and account, not aws:SourceOrgID; drop those conditions from the principal",
        ),
    ];
    for (build, message) in cases {
        let (app, stack) = app();
        build(&stack);
        assert_error(&app, message);
    }
}

#[test]
fn zero_reserved_concurrency_is_a_warning() {
    let (app, stack) = app();
    Function::new(
        &stack,
        "F",
        FunctionProps {
            reserved_concurrent_executions: Some(0),
            ..python()
        },
    );
    assert!(warnings(&app)
        .iter()
        .any(|w| w.contains("reserved_concurrent_executions is 0, so the function never runs")));
}

#[test]
fn a_permission_for_anyone_is_a_warning() {
    let (app, stack) = app();
    let f = Function::new(&stack, "F", python());
    f.add_permission("Anyone", Permission::new(Principal::Aws("*".into())));
    let w = warnings(&app);
    assert!(
        w.iter()
            .any(|w| w.contains("permission Anyone (S/F/Anyone) lets anyone call the function; name the callers")),
        "{w:?}"
    );
}
