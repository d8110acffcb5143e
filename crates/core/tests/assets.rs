//! Assets in the app graph: their locations in templates, the asset
//! manifest, staging into the cloud assembly, and reading it back.

use std::path::{Path, PathBuf};

use rcdk_core::asset::{AssetSource, FileAsset, ImageAsset, StagedFile};
use rcdk_core::{App, Assembly, Environment, Resource, Stack, StackProps, Value};
use serde_json::json;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rcdk-core-assets-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn code_dir(root: &Path) -> PathBuf {
    let code = root.join("src-code");
    std::fs::create_dir_all(code.join("lib")).unwrap();
    std::fs::write(code.join("index.js"), "exports.handler = async () => 1;").unwrap();
    std::fs::write(code.join("lib/util.js"), "module.exports = 2;").unwrap();
    code
}

fn binary_asset(root: &Path, hash: &str) -> FileAsset {
    let bin = root.join("my-fn");
    std::fs::write(&bin, b"\x7fELF...").unwrap();
    FileAsset {
        hash: hash.to_owned(),
        source: AssetSource::Files(vec![StagedFile {
            name: "bootstrap".into(),
            path: bin,
            executable: true,
        }]),
        display_name: "Demo/Fn/Code".into(),
    }
}

fn stack(app: &App, props: StackProps) -> Stack {
    with_topic(app.stack("Demo", props))
}

fn with_topic(s: Stack) -> Stack {
    Resource::new(&s, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    s
}

#[test]
fn a_file_asset_has_the_bootstrap_bucket_and_a_hash_key() {
    let app = App::new();
    let s = stack(&app, StackProps::default());
    let root = temp("location");
    let loc = s.add_file_asset(binary_asset(&root, &"a".repeat(64)));
    assert_eq!(loc.object_key, format!("{}.zip", "a".repeat(64)));
    let out = rcdk_core::CfnOutput::new(&s, "Bucket", rcdk_core::OutputProps::new(loc.bucket_name));
    let _ = out;
    let assembly = app.synth().unwrap();
    let template = assembly.stack("Demo").unwrap().template();
    assert_eq!(
        template["Outputs"]["Bucket"]["Value"],
        json!({"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"})
    );
}

#[test]
fn the_manifest_records_the_asset_manifest_and_the_bootstrap_version() {
    let app = App::new();
    let s = stack(
        &app,
        StackProps {
            bootstrap_qualifier: Some("team1".into()),
            ..Default::default()
        },
    );
    let root = temp("manifest");
    let hash = "b".repeat(64);
    s.add_file_asset(binary_asset(&root, &hash));
    let assembly = app.synth().unwrap();
    let manifest = assembly.manifest();
    let assets = &manifest["artifacts"]["Demo.assets"];
    assert_eq!(assets["type"], "cdk:asset-manifest");
    assert_eq!(assets["properties"]["file"], "Demo.assets.json");
    assert_eq!(
        assets["properties"]["bootstrapStackVersionSsmParameter"],
        "/cdk-bootstrap/team1/version"
    );
    let stack = &manifest["artifacts"]["Demo"];
    assert_eq!(stack["dependencies"], json!(["Demo.assets"]));
    assert_eq!(stack["properties"]["requiresBootstrapStackVersion"], 6);
    let am = assembly.stack("Demo").unwrap().asset_manifest();
    let dest = &am["files"][&hash]["destinations"]["current_account-current_region"];
    assert_eq!(dest["bucketName"], "cdk-team1-assets-${AWS::AccountId}-${AWS::Region}");
    assert_eq!(dest["objectKey"], format!("{hash}.zip"));
    assert_eq!(
        am["files"][&hash]["source"],
        json!({"path": format!("asset.{hash}"), "packaging": "zip"})
    );
}

#[test]
fn a_pinned_environment_fills_in_account_and_region() {
    let app = App::new();
    let s = stack(
        &app,
        StackProps {
            env: Environment::new("123456789012", "eu-west-1"),
            ..Default::default()
        },
    );
    let root = temp("pinned");
    let hash = "c".repeat(64);
    s.add_file_asset(binary_asset(&root, &hash));
    let am = app.synth().unwrap().stack("Demo").unwrap().asset_manifest();
    let dest = &am["files"][&hash]["destinations"]["123456789012-eu-west-1"];
    assert_eq!(dest["bucketName"], "cdk-hnb659fds-assets-123456789012-eu-west-1");
    assert_eq!(dest["region"], "eu-west-1");
}

#[test]
fn a_stack_without_assets_writes_the_manifest_as_before() {
    let app = App::new();
    stack(&app, StackProps::default());
    let manifest = app.synth().unwrap().manifest();
    assert!(manifest["artifacts"].get("Demo.assets").is_none());
    assert!(manifest["artifacts"]["Demo"]["properties"]
        .get("requiresBootstrapStackVersion")
        .is_none());
}

#[test]
fn writing_stages_assets_once_and_removes_those_no_longer_used() {
    let root = temp("stage");
    let out = root.join("cdk.out");
    let (h1, h2) = ("d".repeat(64), "e".repeat(64));
    let code = code_dir(&root);
    let app = App::new();
    let s = stack(&app, StackProps::default());
    s.add_file_asset(binary_asset(&root, &h1));
    s.add_file_asset(FileAsset {
        hash: h2.clone(),
        source: AssetSource::Directory(code.clone()),
        display_name: "Demo/Dir".into(),
    });
    app.synth().unwrap().write_to(&out).unwrap();
    let staged = out.join(format!("asset.{h1}/bootstrap"));
    assert_eq!(std::fs::read(&staged).unwrap(), b"\x7fELF...");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&staged).unwrap().permissions().mode() & 0o777, 0o755);
    }
    assert!(out.join(format!("asset.{h2}/lib/util.js")).is_file());
    assert!(out.join("Demo.assets.json").is_file());

    // A second app uses only the directory: the binary's staging goes.
    let app = App::new();
    let s = stack(&app, StackProps::default());
    s.add_file_asset(FileAsset {
        hash: h2.clone(),
        source: AssetSource::Directory(code),
        display_name: "Demo/Dir".into(),
    });
    app.synth().unwrap().write_to(&out).unwrap();
    assert!(!out.join(format!("asset.{h1}")).exists());
    assert!(out.join(format!("asset.{h2}/index.js")).is_file());

    // No assets at all: the asset manifest goes too.
    let app = App::new();
    stack(&app, StackProps::default());
    app.synth().unwrap().write_to(&out).unwrap();
    assert!(!out.join("Demo.assets.json").exists());
    assert!(!out.join(format!("asset.{h2}")).exists());
}

#[test]
fn an_asset_added_twice_is_staged_once() {
    let app = App::new();
    let s = stack(&app, StackProps::default());
    let root = temp("twice");
    let hash = "f".repeat(64);
    s.add_file_asset(binary_asset(&root, &hash));
    s.add_file_asset(binary_asset(&root, &hash));
    assert_eq!(app.synth().unwrap().stack("Demo").unwrap().file_assets().len(), 1);
}

#[test]
fn a_bad_hash_and_a_bad_qualifier_fail_synth_with_the_fix() {
    let app = App::new();
    let s = app.stack(
        "Demo",
        StackProps {
            bootstrap_qualifier: Some("Not_Valid!".into()),
            ..Default::default()
        },
    );
    let root = temp("bad");
    s.add_file_asset(binary_asset(&root, "not-a-hash"));
    let errors = app.synth().unwrap_err().to_string();
    assert!(errors.contains("bootstrap_qualifier \"Not_Valid!\""), "{errors}");
    assert!(errors.contains("1 to 10 lowercase letters and digits"), "{errors}");
    assert!(
        errors.contains("\"not-a-hash\" is not 64 lowercase hex digits"),
        "{errors}"
    );
}

#[test]
fn an_assembly_reads_back_with_its_stacks_and_assets() {
    let root = temp("read");
    let out = root.join("cdk.out");
    let app = App::new();
    let net = with_topic(app.stack(
        "Net",
        StackProps {
            env: Environment::new("123456789012", "eu-west-1"),
            tags: vec![("team".into(), "core".into())],
            termination_protection: true,
            ..Default::default()
        },
    ));
    let svc = with_topic(app.stack(
        "Svc",
        StackProps {
            stack_name: Some("svc-prod".into()),
            ..Default::default()
        },
    ));
    svc.add_stack_dependency(&net);
    let hash = "0".repeat(64);
    svc.add_file_asset(binary_asset(&root, &hash));
    svc.add_image_asset(ImageAsset {
        hash: "1".repeat(64),
        directory: code_dir(&root),
        dockerfile: Some("build/Dockerfile".into()),
        build_args: vec![("MODE".into(), "release".into())],
        target: None,
        platform: Some("linux/arm64".into()),
        display_name: "Svc/Image".into(),
    });
    let written = app.synth().unwrap();
    written.write_to(&out).unwrap();
    let read = Assembly::read_from(&out).unwrap();
    assert_eq!(read.stacks().len(), 2);
    let (n, s) = (read.stack("Net").unwrap(), read.stack("svc-prod").unwrap());
    assert_eq!(n.environment(), &Environment::new("123456789012", "eu-west-1"));
    assert_eq!(n.tags(), &[("team".to_owned(), "core".to_owned())]);
    assert!(n.termination_protection());
    assert_eq!(s.dependencies(), &["Net".to_owned()]);
    assert_eq!(s.json(), written.stack("Svc").unwrap().json());
    // Construct paths come back from the manifest's metadata.
    assert_eq!(s.construct_path("Topic"), Some("Svc/Topic"));
    assert_eq!(
        s.file_assets()[0].source,
        AssetSource::Directory(out.join(format!("asset.{hash}")))
    );
    assert_eq!(s.file_assets()[0].object_key, format!("{hash}.zip"));
    let image = &s.image_assets()[0];
    assert_eq!(image.asset.build_args, vec![("MODE".to_owned(), "release".to_owned())]);
    assert_eq!(image.asset.dockerfile.as_deref(), Some("build/Dockerfile"));
    assert_eq!(
        image.repository_name,
        "cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}"
    );
    assert!(s.needs_bootstrap() && !n.needs_bootstrap());
}

#[test]
fn reading_refuses_paths_that_leave_the_folder() {
    let root = temp("escape");
    std::fs::write(
        root.join("manifest.json"),
        r#"{"version":"36.0.0","artifacts":{"S":{"type":"aws:cloudformation:stack","properties":{"templateFile":"../x.json"}}}}"#,
    )
    .unwrap();
    let err = Assembly::read_from(&root).unwrap_err().to_string();
    assert!(err.contains("leaves the assembly folder"), "{err}");
}

#[test]
fn reading_a_folder_without_a_manifest_says_what_it_expected() {
    let root = temp("nomanifest");
    let err = Assembly::read_from(&root).unwrap_err().to_string();
    assert!(err.contains("manifest.json"), "{err}");
}
