//! Registering assets with a stack: hash now, publish at deploy.

use std::path::{Path, PathBuf};

use rcdk_core::asset::{self, AssetSource, FileAsset, FileAssetLocation, ImageAsset, ImageAssetLocation, StagedFile};
use rcdk_core::{Scope, Stack};

use crate::error::{AssetError, AssetErrorKind};
use crate::files::{check_file, check_staged, directory_files};
use crate::hash::{content_digest, hash_files, hash_image, hex};
use crate::options::{DirectoryOptions, ImageOptions};

/// Adds a directory as a zipped file asset of `scope`'s stack and returns
/// where it will be once published (the bootstrap bucket, key
/// `HASH.zip`).
///
/// The directory is read now: its hash is computed at construct time (as
/// the AWS CDK does), and it is zipped again when the deploy publishes it.
/// A relative `path` is resolved against the current directory now and
/// stored absolute, since the deploy reads it later. With `exclude`
/// patterns the asset records the files that remain (an
/// [`AssetSource::Files`]), so the deploy zips exactly what was hashed.
///
/// On a problem (missing directory, a link leaving it, unreadable files,
/// no files at all) this does not panic: it records an error on `scope`,
/// which synthesis reports with the construct's path and every other error,
/// and returns a placeholder location. [`try_add_directory`] returns the
/// error instead.
///
/// ```
/// use rcdk_assets::{add_directory, DirectoryOptions};
/// use rcdk_core::{App, Resource, StackProps, Value};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-adddir-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("index.py"), "def handler(e, c):\n    return 1\n").unwrap();
/// let app = App::new();
/// let stack = app.stack("Demo", StackProps::default());
/// let code = stack.child("Code");
/// let location = add_directory(&code, &dir, &DirectoryOptions::default());
/// assert!(location.object_key.ends_with(".zip"));
/// Resource::new(&stack, "Url", "AWS::SSM::Parameter", [
///     ("Type", Value::from("String")),
///     ("Value", Value::from(location.s3_object_url)),
/// ]);
/// let assembly = app.synth().unwrap();
/// assert_eq!(assembly.stack("Demo").unwrap().file_assets().len(), 1);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[track_caller]
pub fn add_directory(scope: &Scope, path: impl AsRef<Path>, options: &DirectoryOptions) -> FileAssetLocation {
    try_add_directory(scope, path, options).unwrap_or_else(|e| file_failed(scope, &e, "zip"))
}

/// [`add_directory`], returning the problem instead of recording it.
///
/// ```
/// use rcdk_assets::{try_add_directory, AssetErrorKind, DirectoryOptions};
/// use rcdk_core::{App, StackProps};
/// let app = App::new();
/// let stack = app.stack("Demo", StackProps::default());
/// let missing = std::env::temp_dir().join("rcdk-assets-doc-tryadddir/missing");
/// let err = try_add_directory(&stack.child("Code"), &missing, &DirectoryOptions::default()).unwrap_err();
/// assert_eq!(err.kind(), AssetErrorKind::NotFound);
/// ```
#[track_caller]
pub fn try_add_directory(
    scope: &Scope,
    path: impl AsRef<Path>,
    options: &DirectoryOptions,
) -> Result<FileAssetLocation, AssetError> {
    let stack = stack_of(scope)?;
    let path = absolute(path.as_ref())?;
    let files = directory_files(&path, options)?;
    if files.is_empty() {
        let how = if options.exclude.is_empty() {
            String::new()
        } else {
            format!(" after excluding {:?}", options.exclude)
        };
        return Err(AssetError::new(
            AssetErrorKind::Empty,
            &path,
            format!(
                "directory {} holds no file{how}, so its zip would be empty; put the asset's files in it, or check the path and `exclude`",
                path.display()
            ),
        ));
    }
    let hash = hash_files(&files)?;
    let source = if options.exclude.is_empty() {
        AssetSource::Directory(path)
    } else {
        AssetSource::Files(files)
    };
    Ok(stack.add_file_asset(FileAsset {
        hash,
        source,
        display_name: scope.path(),
    }))
}

/// Adds a single file as a file asset, uploaded as it is, and returns where
/// it will be once published (key: its hash and its extension, as
/// `HASH.jar`). Its hash is the SHA-256 of its bytes.
///
/// A relative `path` is resolved against the current directory now and
/// stored absolute. On a problem it records an error on `scope` and returns
/// a placeholder location, as [`add_directory`]; [`try_add_file`] returns
/// the error instead.
///
/// ```
/// use rcdk_assets::add_file;
/// use rcdk_core::{App, StackProps};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-addfile-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("hello.txt"), "hello\n").unwrap();
/// let app = App::new();
/// let stack = app.stack("Demo", StackProps::default());
/// let location = add_file(&stack.child("Greeting"), dir.join("hello.txt"));
/// assert_eq!(location.object_key, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03.txt");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[track_caller]
pub fn add_file(scope: &Scope, path: impl AsRef<Path>) -> FileAssetLocation {
    try_add_file(scope, path).unwrap_or_else(|e| file_failed(scope, &e, ""))
}

/// [`add_file`], returning the problem instead of recording it.
///
/// ```
/// use rcdk_assets::{try_add_file, AssetErrorKind};
/// use rcdk_core::{App, StackProps};
/// let app = App::new();
/// let stack = app.stack("Demo", StackProps::default());
/// let err = try_add_file(&stack.child("Jar"), std::env::temp_dir()).unwrap_err();
/// assert_eq!(err.kind(), AssetErrorKind::NotAFile);
/// ```
#[track_caller]
pub fn try_add_file(scope: &Scope, path: impl AsRef<Path>) -> Result<FileAssetLocation, AssetError> {
    let stack = stack_of(scope)?;
    let path = absolute(path.as_ref())?;
    check_file(&path, "file")?;
    let hash = hex(&content_digest(&path)?);
    Ok(stack.add_file_asset(FileAsset {
        hash,
        source: AssetSource::File(path),
        display_name: scope.path(),
    }))
}

/// Adds files under the names given as one zipped file asset: a Rust
/// binary becomes a Lambda function's `bootstrap` this way. The hash
/// covers the names, executable flags and contents (sorted by name, so the
/// order given does not count), and equals a directory's holding the same.
///
/// Relative paths are resolved against the current directory now and
/// stored absolute. On a problem (a missing file, an invalid or repeated
/// name, no file at all) it records an error on `scope` and returns a
/// placeholder location; [`try_add_files`] returns the error instead.
///
/// ```
/// use rcdk_assets::add_files;
/// use rcdk_core::asset::StagedFile;
/// use rcdk_core::{App, StackProps};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-addfiles-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("my-handler"), [0x7f, b'E', b'L', b'F']).unwrap();
/// let app = App::new();
/// let stack = app.stack("Demo", StackProps::default());
/// let bootstrap = StagedFile { name: "bootstrap".into(), path: dir.join("my-handler"), executable: true };
/// let location = add_files(&stack.child("Handler"), vec![bootstrap]);
/// assert!(location.object_key.ends_with(".zip"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[track_caller]
pub fn add_files(scope: &Scope, files: Vec<StagedFile>) -> FileAssetLocation {
    try_add_files(scope, files).unwrap_or_else(|e| file_failed(scope, &e, "zip"))
}

/// [`add_files`], returning the problem instead of recording it.
///
/// ```
/// use rcdk_assets::{try_add_files, AssetErrorKind};
/// use rcdk_core::{App, StackProps};
/// let app = App::new();
/// let stack = app.stack("Demo", StackProps::default());
/// let err = try_add_files(&stack.child("Handler"), vec![]).unwrap_err();
/// assert_eq!(err.kind(), AssetErrorKind::Empty);
/// ```
#[track_caller]
pub fn try_add_files(scope: &Scope, files: Vec<StagedFile>) -> Result<FileAssetLocation, AssetError> {
    let stack = stack_of(scope)?;
    if files.is_empty() {
        return Err(AssetError::new(
            AssetErrorKind::Empty,
            "",
            format!(
                "no staged file was given for the asset of {}, so its zip would be empty; give at least one file",
                scope.path()
            ),
        ));
    }
    let mut absolute_files = Vec::with_capacity(files.len());
    for file in files {
        absolute_files.push(StagedFile {
            path: absolute(&file.path)?,
            ..file
        });
    }
    let files = check_staged(&absolute_files)?;
    let hash = hash_files(&files)?;
    Ok(stack.add_file_asset(FileAsset {
        hash,
        source: AssetSource::Files(files),
        display_name: scope.path(),
    }))
}

/// Adds a directory with a Dockerfile as a container image asset and
/// returns its image URI in the bootstrap repository, tagged with its hash
/// (see [`hash_image`](crate::hash_image) for what it covers).
///
/// A relative `directory` is resolved against the current directory now
/// and stored absolute. On a problem (a missing directory or Dockerfile, a
/// bad link) it records an error on `scope` and returns a placeholder
/// location; [`try_add_image`] returns the error instead.
///
/// ```
/// use rcdk_assets::{add_image, ImageOptions};
/// use rcdk_core::{App, Resource, StackProps, Value};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-addimage-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("Dockerfile"), "FROM public.ecr.aws/docker/library/alpine:3\n").unwrap();
/// let app = App::new();
/// let stack = app.stack("Demo", StackProps::default());
/// let image = add_image(&stack.child("Image"), &dir, &ImageOptions::default().platform("linux/arm64"));
/// assert_eq!(image.image_tag.len(), 64);
/// Resource::new(&stack, "Uri", "AWS::SSM::Parameter", [
///     ("Type", Value::from("String")),
///     ("Value", Value::from(image.image_uri)),
/// ]);
/// assert_eq!(app.synth().unwrap().stack("Demo").unwrap().image_assets().len(), 1);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[track_caller]
pub fn add_image(scope: &Scope, directory: impl AsRef<Path>, options: &ImageOptions) -> ImageAssetLocation {
    try_add_image(scope, directory, options).unwrap_or_else(|e| {
        scope.add_error(format!("cannot add image asset: {e}"));
        asset::image_location(&qualifier(scope), PLACEHOLDER_HASH)
    })
}

/// [`add_image`], returning the problem instead of recording it.
///
/// ```
/// use rcdk_assets::{try_add_image, AssetErrorKind, ImageOptions};
/// use rcdk_core::{App, StackProps};
/// let dir = std::env::temp_dir().join(format!("rcdk-assets-doc-tryaddimage-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("main.go"), "package main\n").unwrap();
/// let app = App::new();
/// let stack = app.stack("Demo", StackProps::default());
/// let err = try_add_image(&stack.child("Image"), &dir, &ImageOptions::default()).unwrap_err();
/// assert_eq!(err.kind(), AssetErrorKind::DockerfileMissing);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[track_caller]
pub fn try_add_image(
    scope: &Scope,
    directory: impl AsRef<Path>,
    options: &ImageOptions,
) -> Result<ImageAssetLocation, AssetError> {
    let stack = stack_of(scope)?;
    let directory = absolute(directory.as_ref())?;
    let hash = hash_image(&directory, options)?;
    Ok(stack.add_image_asset(ImageAsset {
        hash,
        directory,
        dockerfile: options.dockerfile.clone(),
        build_args: options.build_args.clone(),
        target: options.target.clone(),
        platform: options.platform.clone(),
        display_name: scope.path(),
    }))
}

/// The hash of a location returned after an error (synthesis fails anyway).
const PLACEHOLDER_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn stack_of(scope: &Scope) -> Result<Stack, AssetError> {
    scope.stack().ok_or_else(|| {
        AssetError::new(
            AssetErrorKind::OutsideStack,
            "",
            format!(
                "an asset was added to {:?}, the app itself, but assets belong to a stack; add it in a construct of a stack",
                scope.path()
            ),
        )
    })
}

/// `path` made absolute against the current directory (not resolving links).
fn absolute(path: &Path) -> Result<PathBuf, AssetError> {
    if path.as_os_str().is_empty() {
        return Err(AssetError::new(
            AssetErrorKind::NotFound,
            path,
            "an asset path is empty; give the path of the file or directory to publish",
        ));
    }
    std::path::absolute(path).map_err(|e| AssetError::io(path, "path", e))
}

fn qualifier(scope: &Scope) -> String {
    scope
        .stack()
        .map(|s| s.bootstrap_qualifier())
        .unwrap_or_else(|| asset::DEFAULT_QUALIFIER.to_owned())
}

fn file_failed(scope: &Scope, err: &AssetError, extension: &str) -> FileAssetLocation {
    scope.add_error(format!("cannot add asset: {err}"));
    let key = if extension.is_empty() {
        PLACEHOLDER_HASH.to_owned()
    } else {
        format!("{PLACEHOLDER_HASH}.{extension}")
    };
    asset::file_location(&qualifier(scope), &key)
}
