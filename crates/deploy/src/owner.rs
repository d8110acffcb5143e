//! Which stacks this app may change: rcdk tags every stack it deploys, and
//! refuses to update a stack of the same name that lacks the tag, because
//! updating replaces the whole template and deletes every resource the app
//! does not define.

use aws_sdk_cloudformation::types::Tag;
use rcdk_core::StackArtifact;

use crate::aws::{Deployed, PendingChangeSet};
use crate::error::DeployError;

/// The stack tag rcdk writes on every stack it creates or updates; its
/// value is the id of the app's stack (`StackArtifact::id`). A deploy
/// refuses an existing stack whose tag is missing or names another stack,
/// unless `DeployOptions::force` is set. Stack tags propagate to the
/// resources that support tags, as the AWS CDK's `aws:cdk:*` tags do.
pub const OWNER_TAG: &str = "rcdk:stack";

/// Change sets rcdk creates are named `rcdk-<milliseconds since 1970>`.
pub(crate) const CHANGE_SET_PREFIX: &str = "rcdk-";

/// The tags of a create or update: the stack's own, then the owner tag
/// (which wins over a user tag of the same key).
pub(crate) fn tags_for(stack: &StackArtifact) -> Vec<Tag> {
    stack
        .tags()
        .iter()
        .filter(|(k, _)| k != OWNER_TAG)
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .chain(std::iter::once(Tag::builder().key(OWNER_TAG).value(stack.id()).build()))
        .collect()
}

/// Whether the deployed stack carries this app's tag for `stack`.
pub(crate) fn tagged(stack: &StackArtifact, deployed: &Deployed) -> bool {
    deployed.tags.iter().any(|(k, v)| k == OWNER_TAG && v == stack.id())
}

/// Whether this app may update `deployed`: it carries our tag, or it is an
/// empty stack (`REVIEW_IN_PROGRESS`: no resource was ever created) whose
/// only change sets are rcdk's.
pub(crate) fn check(
    stack: &StackArtifact,
    deployed: &Deployed,
    pending: &[PendingChangeSet],
) -> Result<(), DeployError> {
    if tagged(stack, deployed) {
        return Ok(());
    }
    let owner = deployed
        .tags
        .iter()
        .find(|(k, _)| k == OWNER_TAG)
        .map(|(_, v)| v.clone());
    let empty_and_ours = deployed.status == "REVIEW_IN_PROGRESS"
        && !pending.is_empty()
        && pending.iter().all(|c| c.name.starts_with(CHANGE_SET_PREFIX));
    if owner.is_none() && empty_and_ours {
        return Ok(());
    }
    Err(DeployError::NotOwned {
        stack: stack.stack_name().to_owned(),
        owner,
        ours: stack.id().to_owned(),
    })
}
