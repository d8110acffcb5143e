//! Deploys rcdk apps through CloudFormation: `diff` against the deployed
//! template, `deploy` through change sets (create or update, always with an
//! explicit `ChangeSetType`), following the stack events to the end, and
//! `destroy` in reverse dependency order. CloudFormation does the
//! provisioning; this crate drives it.
//!
//! This is the only rcdk crate that depends on the AWS SDK. Configuration
//! comes from `aws-config`'s default chain (environment, profile, SSO), with
//! `--profile`, `--region` and `--endpoint-url` (or `AWS_ENDPOINT_URL`)
//! overrides. A named profile that no AWS config file defines is an error.
//!
//! # A deploy never loses data silently
//!
//! - **Ownership.** Every stack rcdk creates or updates carries the stack
//!   tag [`OWNER_TAG`] (`rcdk:stack`, valued with the app's stack id). An
//!   existing stack of the same name without it (made by hand, by another
//!   tool, or by another app) is refused unless [`DeployOptions::force`]:
//!   updating it would delete every resource this app does not define. A
//!   stack deployed by the AWS CDK or an rcdk older than this check needs
//!   `--force` once; the tag is written then.
//! - **Approval.** With [`Approval::Broadening`] (the default) a deploy
//!   shows the diff and asks before an IAM or security group change, any
//!   replacement, and the removal of a resource that holds data (the types
//!   in [`STATEFUL_TYPES`], unless its `DeletionPolicy` is `Retain`), with
//!   either [`Method`]; a direct deploy always shows the diff first. A
//!   change set deploy asks again, before executing, about replacements
//!   only the change set reveals (`Replacement: Conditional`).
//! - **Secrets.** No message repeats a `--parameters` value (errors show
//!   `KEY=****`), and the values of `NoEcho` parameters (given, or their
//!   defaults) are masked in everything printed, AWS's own messages, stack
//!   outputs and diffs included.
//! - **No silent waits.** Every wait says what it waits for at least every
//!   30 seconds. A stack in `REVIEW_IN_PROGRESS` (created by a change set
//!   that was never executed; it has no resources) is removed and created
//!   afresh, with a message. Change sets that rcdk left for review
//!   (`rcdk-*`) are replaced with a message; others' are refused unless
//!   `force`. A change set a failed deploy could not remove is named in the
//!   error with the `aws` commands that remove it.

#![warn(missing_docs)]

/// Template diffs (the `rcdk-diff` crate).
pub use rcdk_diff as diff;

mod approval;
mod aws;
mod bootstrap;
mod changeset;
mod deploy;
mod destroy;
mod drift;
mod error;
mod exports;
mod image;
mod import;
mod owner;
mod profile;
mod publish;
mod redact;
mod wait;

use std::cell::RefCell;
use std::io::Write;

use rcdk_core::{Assembly, StackArtifact};

pub use approval::{stateful, STATEFUL_TYPES};
pub use aws::AwsOptions;
pub use bootstrap::{bootstrap, bootstrap_template, BootstrapOptions, BOOTSTRAP_VERSION};
pub use deploy::{Approval, DeployOptions, Method, StackOutcome};
pub use drift::drift;
pub use error::DeployError;
pub use import::{
    import, load_resource_mapping, parse_resource_mapping, ImportOptions, ImportOutcome, ResourceMapping,
};
pub use owner::OWNER_TAG;

use redact::{Masked, Secrets};

#[cfg(test)]
mod fake;
#[cfg(test)]
mod flows;
#[cfg(test)]
mod recorded;

/// Which stacks a command works on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Selection {
    /// The only stack of a one-stack app (an error otherwise).
    Default,
    /// Every stack.
    All,
    /// These stacks (by id or stack name).
    Stacks(Vec<String>),
}

fn ids(a: &Assembly) -> Vec<String> {
    a.stacks().iter().map(|s| s.id().to_owned()).collect()
}

fn find<'a>(a: &'a Assembly, name: &str) -> Result<&'a StackArtifact, DeployError> {
    a.stack(name).ok_or_else(|| DeployError::UnknownStack {
        name: name.to_owned(),
        known: ids(a),
    })
}

/// The selected stacks and, for deploys, the stacks they depend on, in
/// deployment order.
pub fn select<'a>(
    a: &'a Assembly,
    sel: &Selection,
    with_dependencies: bool,
) -> Result<Vec<&'a StackArtifact>, DeployError> {
    let mut wanted: Vec<String> = match sel {
        Selection::All => ids(a),
        Selection::Default if a.stacks().len() == 1 => ids(a),
        Selection::Default => return Err(DeployError::NoStackChosen { known: ids(a) }),
        Selection::Stacks(names) => names
            .iter()
            .map(|n| find(a, n).map(|s| s.id().to_owned()))
            .collect::<Result<_, _>>()?,
    };
    if with_dependencies {
        let mut i = 0;
        while i < wanted.len() {
            let deps = find(a, &wanted[i].clone())?.dependencies().to_vec();
            for d in deps {
                if !wanted.contains(&d) {
                    wanted.push(d);
                }
            }
            i += 1;
        }
    }
    Ok(a.deploy_order()
        .into_iter()
        .filter(|s| wanted.iter().any(|w| w == s.id()))
        .collect())
}

fn runtime() -> Result<tokio::runtime::Runtime, DeployError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| DeployError::Api {
            operation: "starting".into(),
            message: format!("the async runtime could not start: {e}"),
        })
}

/// The parameters of each stack, after checking every input, so a problem
/// is found before anything changes.
fn check_inputs(stacks: &[&StackArtifact], opts: &DeployOptions) -> Result<Vec<Vec<(String, String)>>, DeployError> {
    let mut params = Vec::new();
    for s in stacks {
        params.push(deploy::parameters_for(&opts.parameters, s, stacks)?);
        image::check_engine(s.image_assets())?;
        let bytes = s.json().len();
        if bytes > publish::MAX_TEMPLATE_BYTES {
            return Err(DeployError::TemplateTooLarge {
                stack: s.stack_name().to_owned(),
                bytes,
            });
        }
    }
    Ok(params)
}

/// The values of `NoEcho` parameters: given, or defaulted.
fn secrets_of(stacks: &[&StackArtifact], params: &[Vec<(String, String)>]) -> Secrets {
    let mut secrets = Secrets::default();
    for (s, p) in stacks.iter().zip(params) {
        secrets.add_given(s.template(), p);
        secrets.add_defaults(s.template());
    }
    secrets
}

/// Deploys the selected stacks (and their dependencies) in dependency order;
/// independent stacks deploy concurrently, up to `opts.concurrency`.
/// `confirm` answers the approval question. Nothing printed or returned
/// holds a `NoEcho` parameter's value.
pub fn deploy(
    assembly: &Assembly,
    sel: &Selection,
    aws: &AwsOptions,
    opts: &DeployOptions,
    out: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<Vec<(String, StackOutcome)>, DeployError> {
    deploy_via(assembly, sel, &Connect::Aws(aws), opts, out, confirm)
}

/// How to reach CloudFormation: AWS as configured, or (in tests) a fake.
pub(crate) enum Connect<'a> {
    Aws(&'a AwsOptions),
    #[cfg(test)]
    Fake(String),
}

impl Connect<'_> {
    async fn client(&self) -> Result<aws::Cfn, DeployError> {
        match self {
            Connect::Aws(o) => aws::connect(o).await,
            #[cfg(test)]
            Connect::Fake(endpoint) => Ok(aws::Cfn::for_test(endpoint)),
        }
    }
}

/// [`deploy`] through `connect`.
pub(crate) fn deploy_via(
    assembly: &Assembly,
    sel: &Selection,
    connect: &Connect<'_>,
    opts: &DeployOptions,
    out: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<Vec<(String, StackOutcome)>, DeployError> {
    let stacks = select(assembly, sel, true)?;
    let params = check_inputs(&stacks, opts)?;
    let secrets = secrets_of(&stacks, &params);
    let mut masked = Masked::new(out, &secrets);
    let all: Vec<&StackArtifact> = assembly.stacks().iter().collect();
    let result = deploy_all(&all, &stacks, &params, connect, opts, &mut masked, confirm);
    result.map_err(|e| e.masked(&|t| secrets.mask(t)))
}

fn deploy_all(
    all: &[&StackArtifact],
    stacks: &[&StackArtifact],
    params: &[Vec<(String, String)>],
    connect: &Connect<'_>,
    opts: &DeployOptions,
    out: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<Vec<(String, StackOutcome)>, DeployError> {
    let out = RefCell::new(out);
    let confirm = RefCell::new(confirm);
    runtime()?.block_on(async {
        let cfn = connect.client().await?;
        let releases = exports::releases(&cfn, all, stacks, &out).await?;
        let mut done: Vec<(String, StackOutcome)> = Vec::new();
        let mut pending: Vec<usize> = (0..stacks.len()).collect();
        while !pending.is_empty() {
            // Waits for a stack of this deploy that has not deployed yet.
            let waits = |d: &str| !done.iter().any(|(id, _)| id == d) && stacks.iter().any(|s| s.id() == d);
            let ready: Vec<usize> = pending
                .iter()
                .copied()
                .filter(|i| {
                    let me = stacks[*i].id();
                    let released = |d: &str| releases.iter().any(|r| r.consumer == me && r.producer == d);
                    let deps_done = stacks[*i].dependencies().iter().all(|d| !waits(d) || released(d));
                    deps_done
                        && releases
                            .iter()
                            .filter(|r| r.producer == me)
                            .all(|r| !waits(&r.consumer))
                })
                .collect();
            let ready = if ready.is_empty() { vec![pending[0]] } else { ready };
            for chunk in ready.chunks(opts.concurrency.max(1)) {
                let futures = chunk
                    .iter()
                    .map(|i| deploy::deploy_stack(&cfn, stacks[*i], &params[*i], opts, &out, &confirm));
                let results = futures::future::join_all(futures).await;
                for (i, r) in chunk.iter().zip(results) {
                    done.push((stacks[*i].id().to_owned(), r?));
                }
            }
            pending.retain(|i| !ready.contains(i));
        }
        Ok(done)
    })
}

/// The diff of one stack as printed: the template diff, then the changes a
/// deploy would ask about, then a note when this app did not deploy the
/// stack. `NoEcho` defaults of either template are masked.
async fn diff_text(cfn: &aws::Cfn, s: &StackArtifact, markdown: bool) -> Result<(bool, String), DeployError> {
    let deployed = cfn.describe(s.stack_name()).await?;
    let old = match &deployed {
        Some(d) => cfn.template(&d.id).await?,
        None => serde_json::Value::Null,
    };
    let d = diff::diff(&old, s.template());
    let path_of = |l: &str| s.construct_path(l).map(str::to_owned);
    let mut text = if markdown {
        d.to_markdown(s.stack_name(), &path_of)
    } else {
        d.to_text(s.stack_name(), &path_of)
    };
    let found = approval::findings(&d, &old, &path_of);
    if !found.is_empty() {
        text.push_str(if markdown { "\n" } else { "" });
        text.push_str(&approval::summary(&found));
    }
    if deployed.is_some_and(|dep| !owner::tagged(s, &dep)) {
        text.push_str(&format!(
            "Note: stack {} exists but was not deployed by this app (no {OWNER_TAG} tag naming {}); deploy refuses it without --force\n",
            s.stack_name(),
            s.id()
        ));
    }
    let mut secrets = Secrets::default();
    secrets.add_defaults(&old);
    secrets.add_defaults(s.template());
    Ok((!d.is_empty(), secrets.mask(&text)))
}

/// Prints the difference between each selected stack's synthesized template
/// and its deployed one, and what a deploy would ask about. Returns whether
/// any stack differs.
pub fn diff(
    assembly: &Assembly,
    sel: &Selection,
    aws: &AwsOptions,
    markdown: bool,
    out: &mut dyn Write,
) -> Result<bool, DeployError> {
    diff_via(assembly, sel, &Connect::Aws(aws), markdown, out)
}

/// [`diff`] through `connect`.
pub(crate) fn diff_via(
    assembly: &Assembly,
    sel: &Selection,
    connect: &Connect<'_>,
    markdown: bool,
    out: &mut dyn Write,
) -> Result<bool, DeployError> {
    let sel = if *sel == Selection::Default {
        Selection::All
    } else {
        sel.clone()
    };
    let stacks = select(assembly, &sel, false)?;
    runtime()?.block_on(async {
        let cfn = connect.client().await?;
        let mut any = false;
        for s in stacks {
            let (differs, text) = diff_text(&cfn, s, markdown).await?;
            any |= differs;
            write!(out, "{text}").ok();
        }
        Ok(any)
    })
}

/// Deletes the selected stacks, and the stacks that depend on them, in
/// reverse dependency order, after `confirm` agrees (unless `force`).
pub fn destroy(
    assembly: &Assembly,
    sel: &Selection,
    aws: &AwsOptions,
    force: bool,
    out: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<Vec<String>, DeployError> {
    let mut chosen: Vec<String> = select(assembly, sel, false)?
        .iter()
        .map(|s| s.id().to_owned())
        .collect();
    let mut i = 0;
    while i < chosen.len() {
        for s in assembly.stacks() {
            if s.dependencies().contains(&chosen[i]) && !chosen.iter().any(|c| c == s.id()) {
                chosen.push(s.id().to_owned());
            }
        }
        i += 1;
    }
    let mut order: Vec<&StackArtifact> = assembly
        .deploy_order()
        .into_iter()
        .filter(|s| chosen.iter().any(|c| c == s.id()))
        .collect();
    order.reverse();
    let names: Vec<&str> = order.iter().map(|s| s.stack_name()).collect();
    if !force && !confirm(&format!("Delete stack(s) {}? (y/n)", names.join(", "))) {
        return Err(DeployError::DestroyDeclined);
    }
    let out = RefCell::new(out);
    runtime()?.block_on(async {
        let cfn = aws::connect(aws).await?;
        let mut deleted = Vec::new();
        for s in order {
            if destroy::destroy_stack(&cfn, s.stack_name(), &out).await? {
                deleted.push(s.id().to_owned());
            }
        }
        Ok(deleted)
    })
}
