//! The bootstrap stack: the bucket and repository that hold assets and large
//! templates, the roles and the version parameter. rcdk's template keeps the
//! AWS CDK's names, parameters and outputs (`bootstrap/README.md`), so a
//! stack either tool created serves both.

use std::cell::RefCell;
use std::io::Write;

use aws_sdk_cloudformation::types::Parameter;
use rcdk_core::asset::REQUIRED_BOOTSTRAP_VERSION;

use crate::aws::{AwsOptions, Cfn};
use crate::deploy::CAPABILITIES;
use crate::error::{classify, DeployError};
use crate::wait::Out;

/// The bootstrap stack's name unless configured (the AWS CDK's).
pub(crate) const TOOLKIT_STACK: &str = "CDKToolkit";

/// The version of the bootstrap template rcdk deploys (the AWS CDK's
/// template version it matches).
pub const BOOTSTRAP_VERSION: u32 = 33;

/// The bootstrap template rcdk deploys.
pub fn bootstrap_template() -> &'static str {
    include_str!("../bootstrap/template.json")
}

/// Which bootstrap stack to create or update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BootstrapOptions {
    /// The qualifier in its resources' names (`hnb659fds` is the CDK's default).
    pub qualifier: String,
    /// The stack's name (`CDKToolkit` by default).
    pub toolkit_stack_name: String,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            qualifier: rcdk_core::asset::DEFAULT_QUALIFIER.to_owned(),
            toolkit_stack_name: TOOLKIT_STACK.to_owned(),
        }
    }
}

/// A deployed bootstrap stack, as a deploy uses it.
#[derive(Clone, Debug)]
pub(crate) struct Toolkit {
    account: String,
    partition: String,
    region: String,
}

impl Toolkit {
    /// A bucket name from the asset manifest with its placeholders filled.
    pub(crate) fn bucket_for(&self, pattern: &str) -> String {
        pattern
            .replace("${AWS::AccountId}", &self.account)
            .replace("${AWS::Region}", &self.region)
            .replace("${AWS::Partition}", &self.partition)
    }

    /// The S3 endpoints' domain in the stack's partition.
    pub(crate) fn url_suffix(&self) -> &'static str {
        match self.partition.as_str() {
            "aws-cn" => "amazonaws.com.cn",
            _ => "amazonaws.com",
        }
    }
}

/// The bootstrap bucket's name pattern for `qualifier`.
pub(crate) fn bucket_pattern(qualifier: &str) -> String {
    rcdk_core::asset::bucket_name(qualifier)
}

/// The bootstrap stack a stack deploys through, checked to exist and to be
/// recent enough.
pub(crate) async fn find(
    cfn: &Cfn,
    toolkit: &str,
    qualifier: &str,
    stack: &str,
    why: &str,
) -> Result<Toolkit, DeployError> {
    let not_bootstrapped = || DeployError::NotBootstrapped {
        stack: stack.to_owned(),
        toolkit: toolkit.to_owned(),
        qualifier: qualifier.to_owned(),
        why: why.to_owned(),
    };
    let Some(deployed) = cfn.describe(toolkit).await? else {
        return Err(not_bootstrapped());
    };
    if !deployed.status.ends_with("_COMPLETE") || deployed.status.starts_with("DELETE") {
        return Err(not_bootstrapped());
    }
    let version = output(&deployed.outputs, "BootstrapVersion")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if version < REQUIRED_BOOTSTRAP_VERSION {
        return Err(DeployError::BootstrapTooOld {
            toolkit: toolkit.to_owned(),
            version,
            required: REQUIRED_BOOTSTRAP_VERSION,
        });
    }
    // arn:PARTITION:cloudformation:REGION:ACCOUNT:stack/NAME/ID
    let arn: Vec<&str> = deployed.id.split(':').collect();
    Ok(Toolkit {
        partition: arn.get(1).copied().unwrap_or("aws").to_owned(),
        region: cfn.region.clone(),
        account: arn.get(4).copied().unwrap_or_default().to_owned(),
    })
}

fn output<'a>(outputs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    outputs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Creates the bootstrap stack, or updates one older than
/// [`BOOTSTRAP_VERSION`] or of another qualifier; leaves a current one as
/// it is. Deploys directly (no change set), as `cdk bootstrap` does.
pub fn bootstrap(aws: &AwsOptions, opts: &BootstrapOptions, out: &mut dyn Write) -> Result<(), DeployError> {
    let out = RefCell::new(out);
    crate::runtime()?.block_on(async {
        let cfn = crate::aws::connect(aws).await?;
        bootstrap_with(&cfn, opts, &out).await
    })
}

async fn bootstrap_with(cfn: &Cfn, opts: &BootstrapOptions, out: &Out<'_>) -> Result<(), DeployError> {
    let name = opts.toolkit_stack_name.as_str();
    let deployed = cfn.describe(name).await?.filter(|d| d.status != "REVIEW_IN_PROGRESS");
    if let Some(d) = &deployed {
        let version = output(&d.outputs, "BootstrapVersion").and_then(|v| v.parse::<u32>().ok());
        let bucket = output(&d.outputs, "BucketName").unwrap_or_default();
        let same_qualifier = bucket.starts_with(&format!("cdk-{}-assets-", opts.qualifier));
        if version.is_some_and(|v| v >= BOOTSTRAP_VERSION) && same_qualifier {
            let v = version.unwrap_or_default();
            writeln!(
                out.borrow_mut(),
                "{name}: bootstrap version {v}, up to date (bucket {bucket})"
            )
            .ok();
            return Ok(());
        }
    }
    let create = deployed.is_none();
    writeln!(
        out.borrow_mut(),
        "{name}: {} bootstrap version {BOOTSTRAP_VERSION} (qualifier {})",
        if create { "creating" } else { "updating to" },
        opts.qualifier
    )
    .ok();
    let params = parameters(opts, deployed.as_ref().map(|d| d.parameters.as_slice()));
    let caps = Some(CAPABILITIES.to_vec());
    let sent = if create {
        let call = cfn
            .client
            .create_stack()
            .stack_name(name)
            .template_body(bootstrap_template());
        call.set_parameters(Some(params))
            .set_capabilities(caps)
            .send()
            .await
            .map(|o| o.stack_id().map(str::to_owned))
            .map_err(|e| classify("CreateStack", &cfn.endpoint, e))
    } else {
        let call = cfn
            .client
            .update_stack()
            .stack_name(name)
            .template_body(bootstrap_template());
        call.set_parameters(Some(params))
            .set_capabilities(caps)
            .send()
            .await
            .map(|o| o.stack_id().map(str::to_owned))
            .map_err(|e| classify("UpdateStack", &cfn.endpoint, e))
    };
    let id = sent?.unwrap_or_else(|| name.to_owned());
    let seen = match &deployed {
        Some(d) => crate::wait::seen_events(cfn, &d.id).await,
        None => Default::default(),
    };
    crate::deploy::finish(cfn, name, &id, create, seen, out).await?;
    Ok(())
}

/// The parameters of a create, or of an update of a stack with `existing`
/// parameters: an update keeps every value it is not given (as `cdk
/// bootstrap` does), so a stack made with trusted accounts, a customer key
/// or custom names keeps them.
fn parameters(opts: &BootstrapOptions, existing: Option<&[String]>) -> Vec<Parameter> {
    let mut params = vec![param("Qualifier", &opts.qualifier)];
    match existing {
        // What `cdk bootstrap` passes unless told otherwise: S3's managed key.
        None => params.push(param("FileAssetsBucketKmsKeyId", "AWS_MANAGED_KEY")),
        Some(keys) => params.extend(
            keys.iter()
                .filter(|k| *k != "Qualifier")
                .map(|k| Parameter::builder().parameter_key(k).use_previous_value(true).build()),
        ),
    }
    params
}

fn param(key: &str, value: &str) -> Parameter {
    Parameter::builder().parameter_key(key).parameter_value(value).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_keeps_every_value_it_is_not_given() {
        let opts = BootstrapOptions::default();
        let keys = [
            "Qualifier".to_owned(),
            "TrustedAccounts".to_owned(),
            "FileAssetsBucketKmsKeyId".to_owned(),
        ];
        let params = parameters(&opts, Some(&keys));
        assert_eq!(params[0].parameter_value(), Some("hnb659fds"));
        assert_eq!(params.len(), 3);
        for p in &params[1..] {
            assert_eq!(p.use_previous_value(), Some(true), "{p:?}");
            assert_eq!(p.parameter_value(), None);
        }
        let created = parameters(&opts, None);
        assert_eq!(created[1].parameter_value(), Some("AWS_MANAGED_KEY"));
    }
}
