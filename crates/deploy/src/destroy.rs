//! Deleting stacks.

use std::collections::HashSet;
use std::io::Write;

use crate::aws::Cfn;
use crate::deploy::{failed, follow};
use crate::error::{classify, DeployError};

pub(crate) async fn destroy_stack(
    cfn: &Cfn,
    name: &str,
    out: &std::cell::RefCell<&mut dyn Write>,
) -> Result<bool, DeployError> {
    let Some(d) = cfn.describe(name).await? else {
        writeln!(out.borrow_mut(), "{name}: does not exist, nothing to delete").ok();
        return Ok(false);
    };
    if d.status.ends_with("_IN_PROGRESS") {
        return Err(DeployError::StackBusy {
            stack: name.to_owned(),
            status: d.status,
            advice: "another operation is running; wait for it to finish and destroy again".into(),
        });
    }
    let seen: HashSet<String> = cfn
        .events(name)
        .await
        .map(|e| e.into_iter().map(|e| e.id).collect())
        .unwrap_or_default();
    cfn.client
        .delete_stack()
        .stack_name(name)
        .send()
        .await
        .map_err(|e| classify("DeleteStack", &cfn.endpoint, e))?;
    let end = follow(cfn, name, seen, out).await?;
    match end.status.as_str() {
        "DELETE_COMPLETE" => {
            writeln!(out.borrow_mut(), "{name}: deleted").ok();
            Ok(true)
        }
        status => Err(failed(cfn, name, status).await),
    }
}
