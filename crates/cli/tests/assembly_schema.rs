//! rcdk's cloud assembly, assets included, validates against the AWS CDK's
//! cloud-assembly schema (the JSON Schemas `@aws-cdk/cloud-assembly-schema`
//! ships, in tests/fixtures/cloud-assembly-schema), checked with Python's
//! `jsonschema` from the workspace's `.venv` (cfn-lint brings it). Without
//! the venv the check is skipped, unless `RCDK_REQUIRE_TOOLS` is set.

use std::path::{Path, PathBuf};
use std::process::Command;

use rcdk::core::asset::ImageAsset;
use rcdk::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Validates every manifest in `dir` (manifest.json and *.assets.json);
/// returns the validator's complaints, or `None` without the venv.
fn validate(dir: &Path) -> Option<String> {
    const CHECK: &str = "import json, sys, pathlib, jsonschema\n\
        schemas, folder = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])\n\
        bad = []\n\
        def check(schema, doc):\n\
        \x20   s = json.loads((schemas / schema).read_text())\n\
        \x20   v = jsonschema.Draft7Validator(s)\n\
        \x20   bad.extend(f'{doc.name}: {e.json_path}: {e.message}' for e in v.iter_errors(json.loads(doc.read_text())))\n\
        check('cloud-assembly.schema.json', folder / 'manifest.json')\n\
        for doc in sorted(folder.glob('*.assets.json')): check('assets.schema.json', doc)\n\
        print('\\n'.join(bad))\n";
    let python = root().join(".venv/bin/python");
    if !python.exists() {
        assert!(
            std::env::var_os("RCDK_REQUIRE_TOOLS").is_none(),
            "the .venv is not installed; run scripts/install-tools"
        );
        eprintln!("note: .venv is not installed (scripts/install-tools); skipped the schema check");
        return None;
    }
    let out = Command::new(python)
        .args(["-c", CHECK])
        .arg(fixtures().join("cloud-assembly-schema"))
        .arg(dir)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap().trim().to_owned())
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rcdk-schema-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Two stacks, one pinned to an environment, with a directory asset, a
/// file asset, a Rust binary staged as `bootstrap` and an image asset.
fn app_with_assets(src: &Path) -> App {
    std::fs::create_dir_all(src.join("code")).unwrap();
    std::fs::write(src.join("code/index.py"), "def handler(e, c):\n    return e\n").unwrap();
    std::fs::write(src.join("notes.txt"), "notes\n").unwrap();
    std::fs::write(src.join("my-fn"), b"\x7fELF").unwrap();
    let app = App::new();
    let net = app.stack("Net", StackProps::default());
    Topic::new(&net, "Topic", TopicProps::default());
    let svc = app.stack(
        "Svc",
        StackProps {
            env: Environment::new("123456789012", "eu-west-1"),
            ..Default::default()
        },
    );
    svc.add_stack_dependency(&net);
    Topic::new(&svc, "Topic", TopicProps::default());
    rcdk::assets::add_directory(&svc, src.join("code"), &rcdk::assets::DirectoryOptions::default());
    rcdk::assets::add_file(&svc, src.join("notes.txt"));
    let bin = rcdk::core::asset::StagedFile {
        name: "bootstrap".into(),
        path: src.join("my-fn"),
        executable: true,
    };
    rcdk::assets::add_files(&svc, vec![bin]);
    svc.add_image_asset(ImageAsset {
        hash: "ab".repeat(32),
        directory: src.join("code"),
        dockerfile: Some("Dockerfile.prod".into()),
        build_args: vec![("MODE".into(), "release".into())],
        target: Some("runtime".into()),
        platform: Some("linux/arm64".into()),
        display_name: "Svc/Image".into(),
    });
    app
}

#[test]
fn an_rcdk_assembly_with_assets_validates_against_the_cdk_schema() {
    let dir = temp("rcdk");
    let app = app_with_assets(&dir.join("src"));
    app.synth().unwrap().write_to(&dir.join("out")).unwrap();
    assert!(dir.join("out/Svc.assets.json").is_file());
    let Some(problems) = validate(&dir.join("out")) else {
        return;
    };
    assert_eq!(problems, "", "the assembly breaks the CDK's schema");
}

#[test]
fn the_cdk_assembly_validates_and_a_broken_one_does_not() {
    // The validator itself: the CDK's own assembly passes ...
    let Some(problems) = validate(&fixtures().join("cdk-assembly")) else {
        return;
    };
    assert_eq!(problems, "");
    // ... and an asset manifest with a destination missing its bucket fails.
    let dir = temp("broken");
    let app = app_with_assets(&dir.join("src"));
    app.synth().unwrap().write_to(&dir.join("out")).unwrap();
    let path = dir.join("out/Svc.assets.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"bucketName\"", "\"bucket\"");
    std::fs::write(&path, text).unwrap();
    let problems = validate(&dir.join("out")).unwrap();
    assert!(problems.contains("Svc.assets.json"), "{problems}");
}
