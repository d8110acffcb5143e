//! Registering assets with a stack, as constructs do.

mod common;

use common::Scratch;
use rcdk_assets::{
    add_directory, add_file, add_files, add_image, hash, hash_directory, hash_image, try_add_directory, try_add_image,
    AssetErrorKind, DirectoryOptions, ImageOptions,
};
use rcdk_core::asset::{AssetSource, StagedFile};
use rcdk_core::{App, Resource, Scope, StackProps, Value};

/// A resource that uses the asset, so the stack is not empty (as a Lambda
/// function's `Code` would).
fn use_url(scope: &Scope, url: &rcdk_core::Expr<String>) {
    Resource::new(
        scope,
        "Uses",
        "AWS::SSM::Parameter",
        [("Type", Value::from("String")), ("Value", Value::from(url.clone()))],
    );
}

fn code() -> Scratch {
    let s = Scratch::new("register");
    s.write("index.py", "def handler(event, context):\n    return 1\n");
    s.write("lib/util.py", "X = 1\n");
    s
}

#[test]
fn a_directory_becomes_a_file_asset_of_the_stack() {
    let s = code();
    let app = App::new();
    let stack = app.stack("Api", StackProps::default());
    let node = stack.child("Handler").child("Code");
    let location = add_directory(&node, s.path(), &DirectoryOptions::default());
    use_url(&stack, &location.s3_object_url);
    let expected = hash(&AssetSource::Directory(s.path().to_path_buf())).unwrap();
    assert_eq!(location.object_key, format!("{expected}.zip"));

    let assembly = app.synth().unwrap();
    let artifact = assembly.stack("Api").unwrap();
    let assets = artifact.file_assets();
    assert_eq!(assets.len(), 1);
    assert_eq!(assets[0].id, expected);
    assert_eq!(assets[0].object_key, format!("{expected}.zip"));
    assert_eq!(assets[0].display_name, "Api/Handler/Code");
    assert_eq!(assets[0].source, AssetSource::Directory(s.path().to_path_buf()));
    assert!(assets[0].bucket_name.starts_with("cdk-hnb659fds-assets-"));
    assert!(artifact.needs_bootstrap());
    let yaml = artifact.to_yaml();
    assert!(
        yaml.contains(&format!(
            "cdk-hnb659fds-assets-${{AWS::AccountId}}-${{AWS::Region}}/{expected}.zip"
        )),
        "{yaml}"
    );
}

#[test]
fn the_same_directory_twice_is_one_asset() {
    let s = code();
    let app = App::new();
    let stack = app.stack("Api", StackProps::default());
    let a = add_directory(&stack.child("A"), s.path(), &DirectoryOptions::default());
    let b = add_directory(&stack.child("B"), s.path(), &DirectoryOptions::default());
    assert_eq!(a.object_key, b.object_key);
    use_url(&stack, &a.s3_object_url);
    assert_eq!(app.synth().unwrap().stack("Api").unwrap().file_assets().len(), 1);
}

#[test]
fn with_exclusions_the_asset_lists_the_remaining_files() {
    let s = code();
    s.write("target/debug/big", "build output");
    let app = App::new();
    let stack = app.stack("Api", StackProps::default());
    let options = DirectoryOptions::default().exclude(["target/"]);
    let location = add_directory(&stack.child("Code"), s.path(), &options);
    use_url(&stack, &location.s3_object_url);
    let assembly = app.synth().unwrap();
    let entry = &assembly.stack("Api").unwrap().file_assets()[0];
    assert_eq!(entry.id, hash_directory(s.path(), &options).unwrap());
    let AssetSource::Files(files) = &entry.source else {
        panic!("expected staged files, got {:?}", entry.source);
    };
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["index.py", "lib/util.py"]);
    assert!(files.iter().all(|f| f.path.is_absolute()));
    // The deploy hashes and zips the recorded source to the same thing.
    assert_eq!(hash(&entry.source).unwrap(), entry.id);
    assert_eq!(
        rcdk_assets::zip(&entry.source).unwrap(),
        rcdk_assets::zip_directory(s.path(), &options).unwrap()
    );
}

#[test]
fn a_relative_path_is_stored_absolute() {
    // Tests run in the crate's directory, which has `src`.
    let app = App::new();
    let stack = app.stack("Rel", StackProps::default());
    let location = try_add_directory(&stack.child("Src"), "src", &DirectoryOptions::default()).unwrap();
    use_url(&stack, &location.s3_object_url);
    let assembly = app.synth().unwrap();
    let entry = &assembly.stack("Rel").unwrap().file_assets()[0];
    assert_eq!(
        entry.source,
        AssetSource::Directory(std::env::current_dir().unwrap().join("src"))
    );
}

#[test]
fn a_file_asset_keeps_its_extension() {
    let s = Scratch::new("register-file");
    let jar = s.write("app.jar", "PK jar content");
    let app = App::new();
    let stack = app.stack("Jvm", StackProps::default());
    let location = add_file(&stack.child("Jar"), &jar);
    let expected = hash(&AssetSource::File(jar.clone())).unwrap();
    assert_eq!(location.object_key, format!("{expected}.jar"));
    use_url(&stack, &location.s3_object_url);
    let assembly = app.synth().unwrap();
    let entry = &assembly.stack("Jvm").unwrap().file_assets()[0];
    assert_eq!(entry.source, AssetSource::File(jar));
    assert_eq!(entry.object_key, format!("{expected}.jar"));
}

#[test]
fn staged_files_become_one_zip_asset() {
    let s = Scratch::new("register-staged");
    let binary = s.write("my-handler", "\x7fELF");
    let app = App::new();
    let stack = app.stack("Fn", StackProps::default());
    let staged = vec![StagedFile {
        name: "bootstrap".into(),
        path: binary,
        executable: true,
    }];
    let location = add_files(&stack.child("Code"), staged.clone());
    let expected = hash(&AssetSource::Files(staged.clone())).unwrap();
    assert_eq!(location.object_key, format!("{expected}.zip"));
    use_url(&stack, &location.s3_object_url);
    let assembly = app.synth().unwrap();
    assert_eq!(
        assembly.stack("Fn").unwrap().file_assets()[0].source,
        AssetSource::Files(staged)
    );
}

#[test]
fn a_missing_path_is_an_error_naming_the_construct_and_synthesis_reports_every_one() {
    let s = Scratch::new("register-missing");
    let app = App::new();
    let stack = app.stack("Api", StackProps::default());
    let location = add_directory(
        &stack.child("Handler").child("Code"),
        s.path().join("no-such-dir"),
        &DirectoryOptions::default(),
    );
    // Construction goes on with a placeholder.
    assert!(location.object_key.ends_with(".zip"));
    add_file(&stack.child("Other"), s.path().join("missing.jar"));
    add_files(&stack.child("Empty"), Vec::new());
    use_url(&stack, &location.s3_object_url);
    let errors = app.synth().unwrap_err();
    let text = errors.to_string();
    assert_eq!(errors.errors().len(), 3, "{text}");
    assert!(text.contains("Api/Handler/Code"), "{text}");
    assert!(
        text.contains("no-such-dir") && text.contains("does not exist"),
        "{text}"
    );
    assert!(text.contains("Api/Other") && text.contains("missing.jar"), "{text}");
    assert!(
        text.contains("Api/Empty") && text.contains("at least one file"),
        "{text}"
    );
}

#[test]
fn an_empty_directory_is_an_error() {
    let s = Scratch::new("register-empty");
    s.write("target/x", "only excluded files");
    let app = App::new();
    let stack = app.stack("Api", StackProps::default());
    let options = DirectoryOptions::default().exclude(["target/"]);
    let err = try_add_directory(&stack.child("Code"), s.path(), &options).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::Empty);
    assert!(err.to_string().contains("target/"), "{err}");
    add_directory(&stack.child("Code2"), s.path(), &options);
    let text = app.synth().unwrap_err().to_string();
    assert!(text.contains("Api/Code2") && text.contains("holds no file"), "{text}");
}

fn image_dir() -> Scratch {
    let s = Scratch::new("image");
    s.write(
        "Dockerfile",
        "FROM public.ecr.aws/docker/library/alpine:3\nARG MODE\nCOPY app /app\n",
    );
    s.write("app", "#!/bin/sh\necho $MODE\n");
    s
}

#[test]
fn an_image_hash_changes_with_a_build_arg_and_each_option() {
    let s = image_dir();
    let base = ImageOptions::default().build_arg("MODE", "prod");
    let h = |o: &ImageOptions| hash_image(s.path(), o).unwrap();
    let prod = h(&base);
    assert_eq!(prod, h(&base.clone()), "stable");
    assert_ne!(h(&ImageOptions::default().build_arg("MODE", "dev")), prod);
    assert_ne!(h(&ImageOptions::default()), prod);
    assert_ne!(h(&base.clone().target("runtime")), prod);
    assert_ne!(h(&base.clone().platform("linux/arm64")), prod);
    // `Dockerfile` named or implied is the same.
    assert_eq!(h(&base.clone().dockerfile("Dockerfile")), prod);
    // Argument order counts (a later one wins in docker).
    let ab = ImageOptions::default().build_arg("A", "1").build_arg("B", "2");
    let ba = ImageOptions::default().build_arg("B", "2").build_arg("A", "1");
    assert_ne!(h(&ab), h(&ba));
    // Content counts; an excluded file does not.
    s.write("app", "#!/bin/sh\necho changed\n");
    assert_ne!(h(&base), prod);
    let excluding = base.clone().exclude(["*.md"]);
    let before = h(&excluding);
    s.write("NOTES.md", "notes");
    assert_eq!(h(&excluding), before);
    // A Dockerfile counts even when excluded.
    let no_dockerfile = base.clone().exclude(["Dockerfile"]);
    let before = h(&no_dockerfile);
    s.write("Dockerfile", "FROM scratch\n");
    assert_ne!(h(&no_dockerfile), before);
}

#[test]
fn an_image_asset_is_registered_with_its_options() {
    let s = image_dir();
    let app = App::new();
    let stack = app.stack("Svc", StackProps::default());
    let options = ImageOptions::default()
        .build_arg("MODE", "prod")
        .platform("linux/arm64");
    let location = add_image(&stack.child("Image"), s.path(), &options);
    let expected = hash_image(s.path(), &options).unwrap();
    assert_eq!(location.image_tag, expected);
    use_url(&stack, &location.image_uri);
    let assembly = app.synth().unwrap();
    let images = assembly.stack("Svc").unwrap().image_assets();
    assert_eq!(images.len(), 1);
    assert_eq!(images[0].image_tag, expected);
    assert_eq!(images[0].asset.directory, s.path());
    assert_eq!(images[0].asset.build_args, vec![("MODE".to_owned(), "prod".to_owned())]);
    assert_eq!(images[0].asset.platform.as_deref(), Some("linux/arm64"));
    assert_eq!(images[0].asset.display_name, "Svc/Image");
}

#[test]
fn an_image_without_its_dockerfile_is_an_error() {
    let s = image_dir();
    let app = App::new();
    let stack = app.stack("Svc", StackProps::default());
    let options = ImageOptions::default().dockerfile("Dockerfile.prod");
    let err = try_add_image(&stack.child("Image"), s.path(), &options).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::DockerfileMissing);
    let location = add_image(&stack.child("Image2"), s.path(), &options);
    assert_eq!(location.image_tag.len(), 64);
    let text = app.synth().unwrap_err().to_string();
    assert!(
        text.contains("Svc/Image2") && text.contains("Dockerfile.prod"),
        "{text}"
    );
    let err = try_add_image(
        &stack.child("Image3"),
        s.path(),
        &ImageOptions::default().dockerfile("../Dockerfile"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::InvalidName);
}

#[test]
fn an_asset_outside_a_stack_is_an_error() {
    use rcdk_core::Construct;
    let s = code();
    let app = App::new();
    let err = try_add_directory(app.scope(), s.path(), &DirectoryOptions::default()).unwrap_err();
    assert_eq!(err.kind(), AssetErrorKind::OutsideStack);
    assert!(err.to_string().contains("belong to a stack"), "{err}");
}
