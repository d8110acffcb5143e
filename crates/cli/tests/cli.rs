//! The `rcdk` command line: cloud commands check their flags before calling
//! AWS, declined questions name the flag that skips them, and the app comes
//! from an assembly folder or a command that writes one.

use std::io;
use std::path::PathBuf;

use rcdk::prelude::*;

/// Two stacks, B depending on A, with a state machine in B.
fn app() -> App {
    let app = App::new();
    let a = app.stack("A", StackProps::default());
    let topic = Topic::new(&a, "Topic", TopicProps::default());
    let b = app.stack("B", StackProps::default());
    let flow = Pass::new("Start").next(SnsPublish::new("Tell", &topic).message("hi"));
    StateMachine::new(&b, "Flow", StateMachineProps::new(flow));
    app
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = rcdk_cli::run_with(&app(), &strings(args), &mut out, &mut err, &mut |_| false);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rcdk-cli-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn an_assembly_folder_is_read_as_the_app() {
    let dir = temp("folder");
    app().synth().unwrap().write_to(&dir.join("out")).unwrap();
    let assembly = rcdk_cli::load_from(Some("out"), &dir).unwrap();
    let ids: Vec<&str> = assembly.stacks().iter().map(|s| s.id()).collect();
    assert_eq!(ids, ["A", "B"]);
    assert_eq!(assembly.stack("B").unwrap().dependencies(), ["A".to_owned()]);
}

/// A cloud assembly the AWS CDK wrote (`scripts/cdk-fixtures/assembly.js`).
fn cdk_assembly() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cdk-assembly")
}

#[test]
fn an_assembly_the_aws_cdk_wrote_is_read_with_its_assets() {
    let dir = cdk_assembly();
    let assembly = rcdk_cli::load_from(Some(dir.to_str().unwrap()), &temp("cdk")).unwrap();
    let function = assembly.stack("CdkFunction").unwrap();
    let image = assembly.stack("CdkImage").unwrap();
    assert_eq!(
        image.dependencies(),
        ["CdkFunction".to_owned()],
        "asset manifests are not stacks"
    );
    assert_eq!(image.environment(), &Environment::new("123456789012", "us-east-1"));
    assert_eq!(function.construct_path("Fn9270CBC0"), Some("CdkFunction/Fn/Resource"));
    // The function's code, the notes file and the template itself.
    let packaging: Vec<&str> = function.file_assets().iter().map(|a| a.source.packaging()).collect();
    assert_eq!(packaging.iter().filter(|p| **p == "zip").count(), 1, "{packaging:?}");
    assert_eq!(packaging.len(), 3, "{packaging:?}");
    for asset in function.file_assets() {
        assert_eq!(
            asset.bucket_name,
            "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"
        );
        let path = match &asset.source {
            rcdk::core::asset::AssetSource::File(p) | rcdk::core::asset::AssetSource::Directory(p) => p,
            other => panic!("{other:?}"),
        };
        assert!(path.exists(), "{}", path.display());
    }
    let images = image.image_assets();
    assert_eq!(images.len(), 1);
    assert_eq!(
        images[0].repository_name,
        "cdk-hnb659fds-container-assets-123456789012-us-east-1"
    );
    assert!(images[0].asset.directory.join("Dockerfile").is_file());
    // `list` and `synth` work on it as on an app.
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = ["list".to_owned(), "--app".to_owned(), dir.display().to_string()];
    assert_eq!(rcdk_cli::run(&args, &mut out, &mut err, &mut |_| false), 0);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "CdkFunction\nCdkImage (depends on CdkFunction)\n"
    );
}

#[cfg(unix)]
#[test]
fn an_app_command_writes_its_assembly_into_cdk_outdir() {
    let dir = temp("command");
    let assembly_src = dir.join("prepared");
    app().synth().unwrap().write_to(&assembly_src).unwrap();
    // A stand-in app: copies a prepared assembly where it is told, as
    // `rcdk::cli::main` writes its own when CDK_OUTDIR is set.
    let command = format!("cp -R {}/. \"$CDK_OUTDIR\"", assembly_src.display());
    std::fs::write(dir.join("rcdk.json"), serde_json::json!({ "app": command }).to_string()).unwrap();
    let assembly = rcdk_cli::load_from(None, &dir).unwrap();
    assert_eq!(assembly.stacks().len(), 2);
    assert!(dir.join("cdk.out/manifest.json").is_file());
}

#[test]
fn a_failing_app_command_and_a_missing_config_say_what_to_do() {
    let dir = temp("failing");
    let err = rcdk_cli::load_from(Some("exit 3"), &dir).unwrap_err();
    assert!(
        err.contains("the app `exit 3` failed") && err.contains("messages are above"),
        "{err}"
    );
    let empty = temp("noconfig");
    let err = rcdk_cli::load_from(None, &empty).unwrap_err();
    assert!(err.contains("pass --app COMMAND or --app DIR"), "{err}");
    assert!(err.contains("rcdk.json"), "{err}");
    std::fs::write(empty.join("cdk.json"), r#"{"context": {}}"#).unwrap();
    let err = rcdk_cli::load_from(None, &empty).unwrap_err();
    assert!(err.contains("cdk.json has no \"app\""), "{err}");
}

#[test]
fn a_declined_destroy_says_to_pass_force() {
    let (code, _, err) = cli(&["destroy", "--all"]);
    assert_eq!(code, 1);
    assert!(err.contains("--force"), "{err}");
    assert!(
        !err.contains("--require-approval") && !err.contains("deployment"),
        "{err}"
    );
    let mut asked = Vec::new();
    let (mut out, mut errs) = (Vec::new(), Vec::new());
    let code = rcdk_cli::run_with(
        &app(),
        &strings(&["destroy", "--stack", "A"]),
        &mut out,
        &mut errs,
        &mut |q| {
            asked.push(q.to_owned());
            false
        },
    );
    assert_eq!(code, 1);
    // Destroying A destroys B, which depends on it: the question names both.
    assert_eq!(asked, ["Delete stack(s) B, A? (y/n)"]);
}

#[test]
fn cloud_commands_check_their_flags_before_calling_aws() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let aws = ["--endpoint-url", &url, "--region", "us-east-1"];
    for (args, code) in [
        (&["diff", "--stack", "Nope"][..], 1),
        (&["deploy", "--stack", "Nope"], 1),
        (&["deploy", "--all", "--parameters", "no-equals-sign"], 1),
        (&["deploy", "--all", "--parameters", "Nope:Key=v"], 1),
        (&["destroy", "--stack", "Nope", "--force"], 1),
        (&["deploy", "--all", "--method", "sideways"], 2),
        (&["diff", "--markdown=yes"], 2),
        (&["drift", "--stack", "Nope"], 1),
        (&["drift", "--fail=yes"], 2),
        (
            &["import", "--stack", "A", "--resource-mapping", "/no/such/mapping.json"],
            1,
        ),
        (&["import", "--require-approval", "sometimes"], 2),
        (&["bootstrap", "--qualifier"], 2),
    ] {
        let all: Vec<&str> = args.iter().chain(&aws).copied().collect();
        let (got, out, err) = cli(&all);
        assert_eq!(got, code, "{args:?}: {out}{err}");
        assert!(err.starts_with("error:"), "{args:?}: {err}");
    }
    assert_eq!(
        listener.accept().map(|_| ()).map_err(|e| e.kind()),
        Err(io::ErrorKind::WouldBlock),
        "an AWS call was made"
    );
}
