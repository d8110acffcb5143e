//! Publishing a stack's assets, and its template when too large to send
//! inline, to the bootstrap stack's bucket before the stack deploys.
//!
//! Objects are named by content hash, so an object already in the bucket is
//! the same bytes: it is never uploaded again (one `HeadObject` says so).

use aws_sdk_s3::primitives::ByteStream;
use rcdk_core::asset::{AssetSource, FileAssetEntry};
use rcdk_core::StackArtifact;
use sha2::{Digest, Sha256};

use crate::aws::Cfn;
use crate::bootstrap::{self, Toolkit};
use crate::error::DeployError;
use crate::wait::Out;

/// The largest template CloudFormation takes in the request body.
pub(crate) const INLINE_TEMPLATE_BYTES: usize = 51_200;

/// The largest template CloudFormation takes from S3.
pub(crate) const MAX_TEMPLATE_BYTES: usize = 1_000_000;

/// Publishes the stack's assets and, when it is too large to send inline,
/// its template; returns the template's URL in that case.
pub(crate) async fn publish(
    cfn: &Cfn,
    stack: &StackArtifact,
    toolkit_name: &str,
    out: &Out<'_>,
) -> Result<Option<String>, DeployError> {
    let large = stack.json().len() > INLINE_TEMPLATE_BYTES;
    if !stack.needs_bootstrap() && !large {
        return Ok(None);
    }
    let why = match (large, stack.needs_bootstrap()) {
        (true, false) => format!(
            "has a template of {} bytes, over the 51,200 sent inline",
            stack.json().len()
        ),
        _ => "has assets".to_owned(),
    };
    let toolkit = bootstrap::find(cfn, toolkit_name, stack.bootstrap_qualifier(), stack.stack_name(), &why).await?;
    for asset in stack.file_assets() {
        publish_file(cfn, &toolkit, asset, out).await?;
    }
    for image in stack.image_assets() {
        crate::image::publish(cfn, &toolkit, image, out).await?;
    }
    if !large {
        return Ok(None);
    }
    let key = format!("{}.json", hex(&Sha256::digest(stack.json().as_bytes())));
    let bucket = toolkit.bucket_for(&bootstrap::bucket_pattern(stack.bootstrap_qualifier()));
    let name = format!("{} template", stack.stack_name());
    upload(cfn, &bucket, &key, &name, out, || Ok(stack.json().as_bytes().to_vec())).await?;
    Ok(Some(format!(
        "https://s3.{}.{}/{bucket}/{key}",
        cfn.region,
        toolkit.url_suffix()
    )))
}

async fn publish_file(cfn: &Cfn, toolkit: &Toolkit, asset: &FileAssetEntry, out: &Out<'_>) -> Result<(), DeployError> {
    let bucket = toolkit.bucket_for(&asset.bucket_name);
    let source = asset.source.clone();
    let name = asset.display_name.clone();
    upload(
        cfn,
        &bucket,
        &asset.object_key,
        &asset.display_name,
        out,
        move || match &source {
            AssetSource::File(path) => std::fs::read(path).map_err(|e| DeployError::Asset {
                asset: name.clone(),
                message: format!("cannot read {}: {e}", path.display()),
            }),
            other => rcdk_assets::zip(other).map_err(|e| DeployError::Asset {
                asset: name.clone(),
                message: e.to_string(),
            }),
        },
    )
    .await
}

/// Puts an object unless the bucket has it already (the key is the hash of
/// the bytes, so the same key means the same bytes).
async fn upload(
    cfn: &Cfn,
    bucket: &str,
    key: &str,
    name: &str,
    out: &Out<'_>,
    bytes: impl FnOnce() -> Result<Vec<u8>, DeployError>,
) -> Result<(), DeployError> {
    let head = cfn.s3.head_object().bucket(bucket).key(key).send().await;
    match head {
        Ok(_) => {
            say(out, &format!("{name}: already published (s3://{bucket}/{key})"));
            return Ok(());
        }
        Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => {}
        Err(e) => return Err(s3_error("HeadObject", bucket, key, &e)),
    }
    let bytes = bytes()?;
    say(
        out,
        &format!("{name}: publishing {} bytes to s3://{bucket}/{key}", bytes.len()),
    );
    cfn.s3
        .put_object()
        .bucket(bucket)
        .key(key)
        .body(ByteStream::from(bytes))
        .send()
        .await
        .map_err(|e| s3_error("PutObject", bucket, key, &e))?;
    Ok(())
}

fn s3_error<E: std::error::Error>(operation: &str, bucket: &str, key: &str, e: &E) -> DeployError {
    use aws_sdk_s3::error::DisplayErrorContext;
    DeployError::Api {
        operation: operation.to_owned(),
        message: format!("s3://{bucket}/{key}: {}", DisplayErrorContext(e)),
    }
}

fn say(out: &Out<'_>, line: &str) {
    writeln!(out.borrow_mut(), "{line}").ok();
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
