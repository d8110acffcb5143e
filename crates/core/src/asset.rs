//! Assets: files and container images that a deploy publishes to the
//! bootstrap stack's bucket and repository before it deploys the stack.
//!
//! A stack records each asset here as plain data: its content hash, what to
//! stage into the cloud assembly, and where it goes. Hashing files and
//! building zips is `rcdk-assets`'s job and uploading is `rcdk-deploy`'s;
//! this module only places assets in the app graph, renders their locations
//! into templates (as the AWS CDK's `DefaultStackSynthesizer` does, so a
//! CDK bootstrap stack serves rcdk apps) and writes them into the assembly.

use std::path::PathBuf;

use crate::expr::Expr;

/// The bootstrap qualifier the AWS CDK uses unless configured otherwise.
pub const DEFAULT_QUALIFIER: &str = "hnb659fds";

/// The lowest bootstrap stack version that serves stacks with assets (the
/// AWS CDK's `DefaultStackSynthesizer` requires the same).
pub const REQUIRED_BOOTSTRAP_VERSION: u32 = 6;

/// A file to stage under a new name in a zipped asset.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StagedFile {
    /// Its name inside the zip, with `/` between folders.
    pub name: String,
    /// The file to copy.
    pub path: PathBuf,
    /// Whether it is executable (mode 755 rather than 644).
    pub executable: bool,
}

/// What a file asset stages into the cloud assembly, and so how it is
/// packaged for upload.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AssetSource {
    /// A file uploaded as it is (the CDK's `file` packaging).
    File(PathBuf),
    /// A directory, zipped when published (the CDK's `zip` packaging).
    Directory(PathBuf),
    /// Files under the names given, zipped when published: a Rust binary
    /// becomes a Lambda function's `bootstrap` this way.
    Files(Vec<StagedFile>),
}

impl AssetSource {
    /// The CDK's name for the packaging: `file` or `zip`.
    pub fn packaging(&self) -> &'static str {
        match self {
            AssetSource::File(_) => "file",
            AssetSource::Directory(_) | AssetSource::Files(_) => "zip",
        }
    }
}

/// A file asset, as `rcdk-assets` describes one to a stack.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileAsset {
    /// The content hash: 64 lowercase hex digits (SHA-256).
    pub hash: String,
    /// What to stage and upload.
    pub source: AssetSource,
    /// The construct path that added it, for messages.
    pub display_name: String,
}

/// A container image asset: a directory with a Dockerfile, built and pushed
/// to the bootstrap stack's repository when published.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImageAsset {
    /// The content hash (64 lowercase hex digits), also the image tag.
    pub hash: String,
    /// The build context.
    pub directory: PathBuf,
    /// The Dockerfile, relative to the directory (`Dockerfile` when `None`).
    pub dockerfile: Option<String>,
    /// `--build-arg` values, in order.
    pub build_args: Vec<(String, String)>,
    /// `--target`.
    pub target: Option<String>,
    /// `--platform`, for example `linux/arm64`.
    pub platform: Option<String>,
    /// The construct path that added it, for messages.
    pub display_name: String,
}

/// Where a stack's file asset lives once published.
#[derive(Clone, Debug)]
pub struct FileAssetLocation {
    /// The bootstrap bucket's name (an `Fn::Sub` of account and region).
    pub bucket_name: Expr<String>,
    /// The object key: the hash and `.zip` or the file's extension.
    pub object_key: String,
    /// `s3://bucket/key`.
    pub s3_object_url: Expr<String>,
    /// `https://s3.REGION.URLSUFFIX/bucket/key`.
    pub http_url: Expr<String>,
}

/// Where a stack's image asset lives once published.
#[derive(Clone, Debug)]
pub struct ImageAssetLocation {
    /// The image URI with its tag, for a task definition's container.
    pub image_uri: Expr<String>,
    /// The bootstrap repository's name.
    pub repository_name: Expr<String>,
    /// The image tag (the hash).
    pub image_tag: String,
}

/// A file asset as the assembly records it: where it goes, with `${AWS::…}`
/// placeholders the deploy fills in for the target environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileAssetEntry {
    /// The asset's id in the asset manifest (its hash).
    pub id: String,
    /// What to upload. Read from disk, a staged path inside the assembly.
    pub source: AssetSource,
    /// The bucket, for example `cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}`.
    pub bucket_name: String,
    /// The object key.
    pub object_key: String,
    /// The construct path that added it (or the id).
    pub display_name: String,
}

/// An image asset as the assembly records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageAssetEntry {
    /// The asset's id in the asset manifest (its hash).
    pub id: String,
    /// The build.
    pub asset: ImageAsset,
    /// The repository, with `${AWS::…}` placeholders.
    pub repository_name: String,
    /// The tag.
    pub image_tag: String,
}

/// The bucket name of the bootstrap stack with `qualifier`.
pub fn bucket_name(qualifier: &str) -> String {
    format!("cdk-{qualifier}-assets-${{AWS::AccountId}}-${{AWS::Region}}")
}

/// The image repository name of the bootstrap stack with `qualifier`.
pub fn repository_name(qualifier: &str) -> String {
    format!("cdk-{qualifier}-container-assets-${{AWS::AccountId}}-${{AWS::Region}}")
}

/// The SSM parameter that holds the bootstrap version for `qualifier`.
pub fn version_parameter(qualifier: &str) -> String {
    format!("/cdk-bootstrap/{qualifier}/version")
}

/// Whether `hash` is 64 lowercase hex digits.
pub(crate) fn is_hash(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether `qualifier` is a valid bootstrap qualifier: it becomes part of
/// bucket and repository names, so 1 to 10 lowercase letters and digits.
pub(crate) fn is_qualifier(qualifier: &str) -> bool {
    (1..=10).contains(&qualifier.len()) && qualifier.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The staged name of a file asset inside the assembly, and its object key.
pub(crate) fn file_names(asset: &FileAsset) -> (String, String) {
    match &asset.source {
        AssetSource::File(path) => {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .filter(|e| !e.is_empty() && e.bytes().all(|b| b.is_ascii_alphanumeric()))
                .map(|e| format!(".{e}"))
                .unwrap_or_default();
            (format!("asset.{}{ext}", asset.hash), format!("{}{ext}", asset.hash))
        }
        _ => (format!("asset.{}", asset.hash), format!("{}.zip", asset.hash)),
    }
}

/// Where an object with `object_key` lives in the bootstrap bucket of `qualifier`.
pub fn file_location(qualifier: &str, object_key: &str) -> FileAssetLocation {
    let bucket = bucket_name(qualifier);
    FileAssetLocation {
        bucket_name: Expr::sub(&bucket, Vec::<(String, Expr<String>)>::new()),
        object_key: object_key.to_owned(),
        s3_object_url: Expr::sub(
            &format!("s3://{bucket}/{object_key}"),
            Vec::<(String, Expr<String>)>::new(),
        ),
        http_url: Expr::sub(
            &format!("https://s3.${{AWS::Region}}.${{AWS::URLSuffix}}/{bucket}/{object_key}"),
            Vec::<(String, Expr<String>)>::new(),
        ),
    }
}

/// Where an image tagged `tag` lives in the bootstrap repository of `qualifier`.
pub fn image_location(qualifier: &str, tag: &str) -> ImageAssetLocation {
    let repo = repository_name(qualifier);
    ImageAssetLocation {
        image_uri: Expr::sub(
            &format!("${{AWS::AccountId}}.dkr.ecr.${{AWS::Region}}.${{AWS::URLSuffix}}/{repo}:{tag}"),
            Vec::<(String, Expr<String>)>::new(),
        ),
        repository_name: Expr::sub(&repo, Vec::<(String, Expr<String>)>::new()),
        image_tag: tag.to_owned(),
    }
}
