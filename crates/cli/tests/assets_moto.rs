//! Bootstrap, assets and large templates end to end, through the `rcdk`
//! command line, against moto on loopback (started by `scripts/with-moto`).
//! Each test checks the result through the AWS APIs (moto's), not only the
//! exit code. Without `RCDK_MOTO_ENDPOINT` these tests are skipped, unless
//! `RCDK_REQUIRE_TOOLS` is set (as the test command sets it).

use std::path::PathBuf;
use std::sync::Mutex;

use rcdk::cfn::sqs::{CfnQueue, CfnQueueProps};
use rcdk::prelude::*;
use rcdk_testing::moto::{self, endpoint, reset};

static SERIAL: Mutex<()> = Mutex::new(());

fn cli(app: &App, endpoint: &str, args: &[&str]) -> (i32, String, String) {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(["--endpoint-url", endpoint, "--region", "us-east-1"].map(str::to_owned));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk_cli::run_with(app, &all, &mut out, &mut err, &mut |_| false);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

fn describe_stack(endpoint: &str, name: &str) -> String {
    let body = format!("Action=DescribeStacks&Version=2010-05-15&StackName={name}");
    moto::call(endpoint, "cloudformation", "POST", "/", Some(&body))
}

const BUCKET: &str = "cdk-hnb659fds-assets-123456789012-us-east-1";

fn bucket_keys(endpoint: &str) -> Vec<String> {
    let xml = moto::call(endpoint, "s3", "GET", &format!("/{BUCKET}?list-type=2"), None);
    xml.split("<Key>")
        .skip(1)
        .filter_map(|s| s.split("</Key>").next())
        .map(str::to_owned)
        .collect()
}

fn bootstrap(endpoint: &str) {
    let (code, out, err) = cli(&App::new(), endpoint, &["bootstrap"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("CDKToolkit: creating bootstrap version 33"), "{out}");
}

fn code_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rcdk-assets-moto-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.py"), "def handler(event, context):\n    return event\n").unwrap();
    dir
}

/// A stack with a Lambda function (the L2) whose code is a directory asset.
fn function_app(code: &std::path::Path) -> App {
    let app = App::new();
    let stack = app.stack("RcdkAssets", StackProps::default());
    let props = FunctionProps::new(Runtime::Python312, Code::from_asset(code)).handler("index.handler");
    Function::new(&stack, "Fn", props);
    app
}

#[test]
fn bootstrap_creates_the_cdk_toolkit_stack_and_is_idempotent() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    bootstrap(&ep);
    let stack = describe_stack(&ep, "CDKToolkit");
    assert!(stack.contains("<StackStatus>CREATE_COMPLETE</StackStatus>"), "{stack}");
    assert!(stack.contains("<OutputKey>BootstrapVersion</OutputKey>"), "{stack}");
    assert!(
        stack.contains(&format!("<OutputValue>{BUCKET}</OutputValue>")),
        "{stack}"
    );
    assert!(bucket_keys(&ep).is_empty());
    let (code, out, err) = cli(&App::new(), &ep, &["bootstrap"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("CDKToolkit: bootstrap version 33, up to date"), "{out}");
}

#[test]
fn a_stack_with_assets_and_no_bootstrap_stack_says_to_bootstrap() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = function_app(&code_dir("nobootstrap"));
    let (code, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("stack RcdkAssets has assets"), "{err}");
    assert!(err.contains("run `rcdk bootstrap`"), "{err}");
    assert!(
        !describe_stack(&ep, "RcdkAssets").contains("<StackStatus>"),
        "nothing was created"
    );
}

#[test]
fn a_function_from_a_file_asset_deploys_and_a_second_deploy_uploads_nothing() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    bootstrap(&ep);
    let code = code_dir("function");
    let app = function_app(&code);
    let key = app.synth().unwrap().stack("RcdkAssets").unwrap().file_assets()[0]
        .object_key
        .clone();
    let (status, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("publishing") && out.contains(&key), "{out}");
    assert_eq!(bucket_keys(&ep), vec![key.clone()]);
    let functions = moto::call(&ep, "lambda", "GET", "/2015-03-31/functions/", None);
    assert!(functions.contains("index.handler"), "{functions}");

    // Deploying again publishes nothing: the key names the content.
    let (status, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("already published"), "{out}");
    assert!(!out.contains("publishing"), "{out}");

    // A changed file is a new object under a new key.
    std::fs::write(code.join("index.py"), "def handler(event, context):\n    return 2\n").unwrap();
    let app = function_app(&code);
    let (status, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(status, 0, "{out}{err}");
    assert_eq!(bucket_keys(&ep).len(), 2, "{out}");
}

#[test]
fn a_template_over_51200_bytes_deploys_through_the_bucket() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    let app = App::new();
    let stack = app.stack("RcdkLarge", StackProps::default());
    for i in 0..400 {
        let props = CfnQueueProps {
            delay_seconds: Some(5.into()),
            maximum_message_size: Some(2048.into()),
            message_retention_period: Some(86_400.into()),
            receive_message_wait_time_seconds: Some(10.into()),
            ..Default::default()
        };
        CfnQueue::new(&stack, &format!("Queue{i:03}"), props);
    }
    let bytes = app.synth().unwrap().stack("RcdkLarge").unwrap().json().len();
    assert!(bytes > 51_200, "{bytes}");
    // Without a bootstrap stack there is nowhere to put it.
    let (status, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    assert_eq!(status, 1, "{out}{err}");
    assert!(
        err.contains("over the 51,200 sent inline") && err.contains("rcdk bootstrap"),
        "{err}"
    );

    bootstrap(&ep);
    let (status, out, err) = cli(
        &app,
        &ep,
        &["deploy", "--require-approval", "never", "--method", "direct"],
    );
    assert_eq!(status, 0, "{out}{err}");
    let keys = bucket_keys(&ep);
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(keys[0].ends_with(".json"), "{keys:?}");
    let described = describe_stack(&ep, "RcdkLarge");
    assert!(
        described.contains("<StackStatus>CREATE_COMPLETE</StackStatus>"),
        "{described}"
    );
    let queues = moto::call(&ep, "sqs", "POST", "/", Some("Action=ListQueues&MaxResults=1000"));
    assert_eq!(
        queues.matches("<QueueUrl>").count(),
        400,
        "{}",
        &queues[..queues.len().min(400)]
    );
}

#[test]
fn an_assembly_the_aws_cdk_wrote_deploys_with_its_assets() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    bootstrap(&ep);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cdk-assembly");
    let args: Vec<String> = [
        "deploy",
        "--stack",
        "CdkFunction",
        "--require-approval",
        "never",
        "--app",
        dir.to_str().unwrap(),
        "--endpoint-url",
        &ep,
        "--region",
        "us-east-1",
    ]
    .map(str::to_owned)
    .to_vec();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk_cli::run(&args, &mut out, &mut err, &mut |_| false);
    let (out, err) = (String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap());
    assert_eq!(code, 0, "{out}{err}");
    // The function's zip, the notes file and the template, as the CDK publishes them.
    let keys = bucket_keys(&ep);
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert!(
        keys.iter().any(|k| k.ends_with(".zip")) && keys.iter().any(|k| k.ends_with(".txt")),
        "{keys:?}"
    );
    let functions = moto::call(&ep, "lambda", "GET", "/2015-03-31/functions/", None);
    assert!(functions.contains("nodejs22.x"), "{functions}");
    // Its image stack needs a container engine and, with none, says so
    // before anything changes.
    let image_args: Vec<String> = args
        .iter()
        .map(|a| {
            if a == "CdkFunction" {
                "CdkImage".into()
            } else {
                a.clone()
            }
        })
        .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::set_var("PATH", "");
    std::env::remove_var("CDK_DOCKER");
    let code = rcdk_cli::run(&image_args, &mut out, &mut err, &mut |_| false);
    std::env::set_var("PATH", path);
    let err = String::from_utf8(err).unwrap();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("needs a container engine"), "{err}");
}

/// A stand-in container engine that records each call (and what `login`
/// reads on stdin) in `calls`.
#[cfg(unix)]
fn fake_engine(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let calls = dir.join("calls");
    let script = dir.join("docker");
    let body = format!(
        "#!/bin/sh\necho \"$*\" >> {calls}\nif [ \"$1\" = login ]; then echo \"stdin:$(cat)\" >> {calls}; fi\n",
        calls = calls.display()
    );
    std::fs::write(&script, body).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, calls)
}

#[cfg(unix)]
#[test]
fn an_image_asset_is_built_tagged_and_pushed_unless_the_repository_has_it() {
    let Some(ep) = endpoint() else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    reset(&ep);
    bootstrap(&ep);
    let dir = code_dir("image");
    std::fs::write(dir.join("Dockerfile"), "FROM scratch\nCOPY index.py /\n").unwrap();
    let app = App::new();
    let stack = app.stack("RcdkImage", StackProps::default());
    let options = rcdk::assets::ImageOptions {
        build_args: vec![("MODE".into(), "release".into())],
        platform: Some("linux/arm64".into()),
        ..Default::default()
    };
    let image = rcdk::assets::add_image(&stack, &dir, &options);
    CfnOutput::new(&stack, "Image", OutputProps::new(image.image_uri));
    Topic::new(&stack, "Topic", TopicProps::default());
    let tag = image.image_tag.clone();

    let (engine, calls) = fake_engine(&dir);
    std::env::set_var("CDK_DOCKER", &engine);
    let (status, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    let recorded = std::fs::read_to_string(&calls).unwrap_or_default();
    std::env::remove_var("CDK_DOCKER");
    assert_eq!(status, 0, "{out}{err}");
    let lines: Vec<&str> = recorded.lines().collect();
    assert_eq!(lines.len(), 5, "{recorded}");
    assert!(
        lines[0].starts_with("login --username AWS --password-stdin "),
        "{recorded}"
    );
    assert!(
        lines[1].starts_with("stdin:") && lines[1].len() > "stdin:".len(),
        "the password came on stdin: {recorded}"
    );
    let repo = "cdk-hnb659fds-container-assets-123456789012-us-east-1";
    assert_eq!(
        lines[2],
        format!(
            "build --tag cdkasset-{tag} --build-arg MODE=release --platform linux/arm64 {}",
            dir.display()
        )
    );
    assert!(
        lines[3].starts_with(&format!("tag cdkasset-{tag} ")) && lines[3].ends_with(&format!("/{repo}:{tag}")),
        "{recorded}"
    );
    assert!(
        lines[4].starts_with("push ") && lines[4].ends_with(&format!("/{repo}:{tag}")),
        "{recorded}"
    );

    // Once the repository has the tag, nothing is built or pushed.
    let manifest = serde_json::json!({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json", "config": {}, "layers": []}).to_string();
    let put = serde_json::json!({"repositoryName": repo, "imageTag": tag, "imageManifest": manifest}).to_string();
    moto::json(&ep, "ecr", "AmazonEC2ContainerRegistry_V20150921.PutImage", &put);
    std::fs::remove_file(&calls).ok();
    std::env::set_var("CDK_DOCKER", &engine);
    let (status, out, err) = cli(&app, &ep, &["deploy", "--require-approval", "never"]);
    std::env::remove_var("CDK_DOCKER");
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("already published"), "{out}");
    assert!(!calls.exists(), "the engine was called again");
}
