//! Deploys rcdk apps through CloudFormation: `diff` against the deployed
//! template, `deploy` through change sets (create or update, always with an
//! explicit `ChangeSetType`), following the stack events to the end, and
//! `destroy` in reverse dependency order. CloudFormation does the
//! provisioning; this crate drives it.
//!
//! This is the only rcdk crate that depends on the AWS SDK. Configuration
//! comes from `aws-config`'s default chain (environment, profile, SSO), with
//! `--profile`, `--region` and `--endpoint-url` (or `AWS_ENDPOINT_URL`)
//! overrides.

#![warn(missing_docs)]

/// Template diffs (the `rcdk-diff` crate).
pub use rcdk_diff as diff;

mod aws;
mod deploy;
mod destroy;
mod error;

use std::cell::RefCell;
use std::io::Write;

use rcdk_core::{Assembly, StackArtifact};

pub use aws::AwsOptions;
pub use deploy::{Approval, DeployOptions, Method, StackOutcome};
pub use error::DeployError;

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

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime starts")
}

/// Deploys the selected stacks (and their dependencies) in dependency order;
/// independent stacks deploy concurrently, up to `opts.concurrency`.
/// `confirm` answers the approval question.
pub fn deploy(
    assembly: &Assembly,
    sel: &Selection,
    aws: &AwsOptions,
    opts: &DeployOptions,
    out: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<Vec<(String, StackOutcome)>, DeployError> {
    let stacks = select(assembly, sel, true)?;
    // Every input problem is found before anything changes.
    let mut params = Vec::new();
    for s in &stacks {
        params.push(deploy::parameters_for(&opts.parameters, s, &stacks)?);
        let bytes = s.to_json().len();
        if bytes > 51_200 {
            return Err(DeployError::TemplateTooLarge {
                stack: s.stack_name().to_owned(),
                bytes,
            });
        }
    }
    let out = RefCell::new(out);
    let confirm = RefCell::new(confirm);
    runtime().block_on(async {
        let cfn = aws::connect(aws).await?;
        let mut done: Vec<(String, StackOutcome)> = Vec::new();
        let mut pending: Vec<usize> = (0..stacks.len()).collect();
        while !pending.is_empty() {
            let ready: Vec<usize> = pending
                .iter()
                .copied()
                .filter(|i| {
                    stacks[*i]
                        .dependencies()
                        .iter()
                        .all(|d| done.iter().any(|(id, _)| id == d) || !stacks.iter().any(|s| s.id() == d))
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

/// Prints the difference between each selected stack's synthesized template
/// and its deployed one. Returns whether any stack differs.
pub fn diff(
    assembly: &Assembly,
    sel: &Selection,
    aws: &AwsOptions,
    markdown: bool,
    out: &mut dyn Write,
) -> Result<bool, DeployError> {
    let sel = if *sel == Selection::Default {
        Selection::All
    } else {
        sel.clone()
    };
    let stacks = select(assembly, &sel, false)?;
    runtime().block_on(async {
        let cfn = aws::connect(aws).await?;
        let mut any = false;
        for s in stacks {
            let old = match cfn.describe(s.stack_name()).await? {
                Some(_) => cfn.template(s.stack_name()).await?,
                None => serde_json::Value::Null,
            };
            let d = diff::diff(&old, s.template());
            any |= !d.is_empty();
            let path_of = |l: &str| s.construct_path(l).map(str::to_owned);
            let text = if markdown {
                d.to_markdown(s.stack_name(), &path_of)
            } else {
                d.to_text(s.stack_name(), &path_of)
            };
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
        return Err(DeployError::Declined);
    }
    let out = RefCell::new(out);
    runtime().block_on(async {
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
