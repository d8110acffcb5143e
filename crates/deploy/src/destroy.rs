//! Deleting stacks.

use crate::aws::Cfn;
use crate::deploy::failed;
use crate::error::{classify, DeployError};
use crate::wait::{self, Out};

/// Deletes the stack `name`; false when it did not exist.
pub(crate) async fn destroy_stack(cfn: &Cfn, name: &str, out: &Out<'_>) -> Result<bool, DeployError> {
    let Some(d) = cfn.describe(name).await? else {
        writeln!(out.borrow_mut(), "{name}: does not exist, nothing to delete").ok();
        return Ok(false);
    };
    // REVIEW_IN_PROGRESS is a stack waiting for its first change set to be
    // executed, not a running operation: it can be deleted.
    if d.status.ends_with("_IN_PROGRESS") && d.status != "REVIEW_IN_PROGRESS" {
        return Err(DeployError::StackBusy {
            stack: name.to_owned(),
            status: d.status,
            advice: "another operation is running; wait for it to finish and destroy again".into(),
        });
    }
    let seen = wait::seen_events(cfn, &d.id).await;
    cfn.client
        .delete_stack()
        .stack_name(&d.id)
        .send()
        .await
        .map_err(|e| classify("DeleteStack", &cfn.endpoint, e))?;
    let end = wait::follow(cfn, name, &d.id, seen, out).await?;
    match end.status.as_str() {
        "DELETE_COMPLETE" => {
            writeln!(out.borrow_mut(), "{name}: deleted").ok();
            Ok(true)
        }
        status => Err(failed(cfn, name, &d.id, status).await),
    }
}
