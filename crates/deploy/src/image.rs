//! Publishing container image assets: built with the container engine on
//! this machine (`docker`, or `CDK_DOCKER`, as the AWS CDK reads it; podman
//! and finch too), tagged with the asset's hash and pushed to the bootstrap
//! repository, unless the repository has that tag already.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use aws_sdk_ecr::types::ImageIdentifier;
use rcdk_core::asset::ImageAssetEntry;

use crate::aws::Cfn;
use crate::bootstrap::Toolkit;
use crate::error::DeployError;
use crate::wait::Out;

/// The container engine: `$CDK_DOCKER`, else the first of docker, podman
/// and finch on `PATH`.
pub(crate) fn engine() -> Option<PathBuf> {
    if let Some(e) = std::env::var_os("CDK_DOCKER").filter(|e| !e.is_empty()) {
        return Some(PathBuf::from(e));
    }
    let path = std::env::var_os("PATH")?;
    ["docker", "podman", "finch"]
        .iter()
        .find_map(|name| std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file()))
}

/// Fails, before anything changes, when an image needs building and there
/// is no engine to build it with.
pub(crate) fn check_engine(images: &[ImageAssetEntry]) -> Result<(), DeployError> {
    match images.first() {
        Some(image) if engine().is_none() => Err(DeployError::Asset {
            asset: image.asset.display_name.clone(),
            message: "building it needs a container engine (docker, podman or finch on PATH, or CDK_DOCKER) and none was found; install one, or use an image from a registry (ContainerImage::from_registry)".into(),
        }),
        _ => Ok(()),
    }
}

/// Publishes one image asset.
pub(crate) async fn publish(
    cfn: &Cfn,
    toolkit: &Toolkit,
    image: &ImageAssetEntry,
    out: &Out<'_>,
) -> Result<(), DeployError> {
    let repo = toolkit.bucket_for(&image.repository_name);
    let name = image.asset.display_name.as_str();
    if published(cfn, &repo, &image.image_tag, name).await? {
        say(out, &format!("{name}: already published ({repo}:{})", image.image_tag));
        return Ok(());
    }
    let engine = engine().ok_or_else(|| DeployError::Asset {
        asset: name.to_owned(),
        message: "no container engine was found".into(),
    })?;
    let (host, password) = login_details(cfn, name).await?;
    let fail = |message: String| DeployError::Asset {
        asset: name.to_owned(),
        message,
    };
    login(&engine, &host, &password).map_err(fail)?;
    let local = format!("cdkasset-{}", image.id);
    let remote = format!("{host}/{repo}:{}", image.image_tag);
    say(out, &format!("{name}: building {}", image.asset.directory.display()));
    engine_run(&engine, &build_args(image, &local)).map_err(fail)?;
    engine_run(&engine, &["tag".into(), local, remote.clone()]).map_err(fail)?;
    say(out, &format!("{name}: pushing {remote}"));
    engine_run(&engine, &["push".into(), remote]).map_err(fail)
}

/// The engine's `build` arguments for an image, in the CDK's order.
pub(crate) fn build_args(image: &ImageAssetEntry, local_tag: &str) -> Vec<String> {
    let a = &image.asset;
    let mut args = vec!["build".to_owned(), "--tag".to_owned(), local_tag.to_owned()];
    if let Some(f) = &a.dockerfile {
        args.extend(["--file".to_owned(), a.directory.join(f).display().to_string()]);
    }
    for (k, v) in &a.build_args {
        args.extend(["--build-arg".to_owned(), format!("{k}={v}")]);
    }
    if let Some(t) = &a.target {
        args.extend(["--target".to_owned(), t.clone()]);
    }
    if let Some(p) = &a.platform {
        args.extend(["--platform".to_owned(), p.clone()]);
    }
    args.push(a.directory.display().to_string());
    args
}

/// Whether the repository has the tag; a missing repository means the
/// bootstrap stack has none.
async fn published(cfn: &Cfn, repo: &str, tag: &str, name: &str) -> Result<bool, DeployError> {
    let id = ImageIdentifier::builder().image_tag(tag).build();
    match cfn
        .ecr
        .describe_images()
        .repository_name(repo)
        .image_ids(id)
        .send()
        .await
    {
        Ok(found) => Ok(!found.image_details().is_empty()),
        Err(e) if e.as_service_error().is_some_and(|s| s.is_image_not_found_exception()) => Ok(false),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_repository_not_found_exception()) =>
        {
            Err(DeployError::Asset {
                asset: name.to_owned(),
                message: format!("the bootstrap repository {repo} does not exist: run `rcdk bootstrap`"),
            })
        }
        Err(e) => Err(DeployError::Api {
            operation: "DescribeImages".into(),
            message: format!("{repo}: {}", aws_sdk_ecr::error::DisplayErrorContext(&e)),
        }),
    }
}

/// The registry host and the password of a login, from ECR's token
/// (base64 of `AWS:<password>`).
async fn login_details(cfn: &Cfn, name: &str) -> Result<(String, String), DeployError> {
    let token = cfn
        .ecr
        .get_authorization_token()
        .send()
        .await
        .map_err(|e| DeployError::Api {
            operation: "GetAuthorizationToken".into(),
            message: aws_sdk_ecr::error::DisplayErrorContext(&e).to_string(),
        })?;
    let data = token.authorization_data().first();
    let bad = || DeployError::Asset {
        asset: name.to_owned(),
        message: "ECR returned no usable authorization token".into(),
    };
    let encoded = data.and_then(|d| d.authorization_token()).ok_or_else(bad)?;
    let endpoint = data.and_then(|d| d.proxy_endpoint()).ok_or_else(bad)?;
    let decoded = aws_smithy_types::base64::decode(encoded).map_err(|_| bad())?;
    let text = String::from_utf8(decoded).map_err(|_| bad())?;
    let (_, password) = text.split_once(':').ok_or_else(bad)?;
    let host = endpoint.trim_start_matches("https://").trim_end_matches('/').to_owned();
    Ok((host, password.to_owned()))
}

/// `login --password-stdin`: the password never appears in a process list.
fn login(engine: &PathBuf, host: &str, password: &str) -> Result<(), String> {
    let mut child = Command::new(engine)
        .args(["login", "--username", "AWS", "--password-stdin", host])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", engine.display()))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(password.as_bytes())
            .map_err(|e| format!("cannot pass the password to {} login: {e}", engine.display()))?;
    }
    let done = child.wait_with_output().map_err(|e| e.to_string())?;
    if done.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} login {host} failed: {}",
            engine.display(),
            String::from_utf8_lossy(&done.stderr).trim()
        ))
    }
}

/// Runs the engine; its progress and errors go to this program's stderr.
fn engine_run(engine: &PathBuf, args: &[String]) -> Result<(), String> {
    let status = Command::new(engine)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", engine.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{} {}` failed ({status})", engine.display(), args.join(" ")))
    }
}

fn say(out: &Out<'_>, line: &str) {
    writeln!(out.borrow_mut(), "{line}").ok();
}
