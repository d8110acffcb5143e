//! Storage for rcdk: S3 [`Bucket`]s and DynamoDB [`Table`]s, secure by
//! default, with least-privilege grants from use.
//!
//! A bucket blocks public access, encrypts at rest, owns every object (no
//! ACLs) and refuses requests not made over TLS; a table encrypts with the
//! AWS managed key and keeps 35 days of point-in-time recovery. Both are
//! retained when they leave the stack, as in the AWS CDK, so data is not
//! deleted by accident. A bucket or table defined in the app and one
//! imported by name or ARN are interchangeable through [`IBucket`] and
//! [`ITable`].
//!
//! ```
//! use rcdk_core::{App, StackProps};
//! use rcdk_iam::{Role, RoleProps};
//! use rcdk_storage::{Attribute, Bucket, BucketProps, IBucket, ITable, Table, TableProps};
//! let app = App::new();
//! let stack = app.stack("S", StackProps::default());
//! let uploads = Bucket::new(&stack, "Uploads", BucketProps::default());
//! let orders = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
//! let worker = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
//! uploads.grant_read_write(&worker, None);
//! orders.grant_read_write_data(&worker);
//! let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
//! assert!(yaml.contains("aws:SecureTransport"));
//! assert!(yaml.contains("dynamodb:PutItem"));
//! ```
//!
//! Differences from the AWS CDK, each for a reason given where it applies:
//! the secure settings are written out where the CDK leaves S3's and
//! DynamoDB's defaults (Block Public Access, SSE-S3, `BucketOwnerEnforced`,
//! `SSEEnabled`, point-in-time recovery on); event notifications are the
//! bucket's own `NotificationConfiguration` (no custom resource and Lambda
//! function, see [`Bucket::add_event_notification`]), so a Lambda
//! destination's permission names the bucket by its literal ARN when the
//! bucket is named and any bucket of the account otherwise; there is no
//! `autoDeleteObjects` (it needs a custom resource too); `grant_write` and
//! `grant_put` name object ARNs only, where every action acts; and data
//! grants do not repeat `dynamodb:GetRecords`/`GetShardIterator` on the
//! table ARN, where they authorize nothing.
//!
//! Not here yet: local secondary indexes, global tables, autoscaling of index
//! capacity, table resource policies, object lock, replication, inventory
//! and static websites; the L1s (`cfn()`) reach all of them.

#![warn(missing_docs)]

mod bucket;
mod table;

pub use bucket::{
    BlockPublicAccess, Bucket, BucketEncryption, BucketProps, CorsRule, EventType, HttpMethod, IBucket, ImportedBucket,
    LifecycleRule, NotificationDestination, NotificationKeyFilter, ServerAccessLogs, StorageClass, Transition,
};
pub use table::{
    Attribute, AttributeType, Autoscaling, Billing, GlobalSecondaryIndex, ITable, ImportedTable, Projection,
    StreamViewType, Table, TableEncryption, TableProps,
};

use rcdk_core::{Expr, Scope};
use rcdk_iam::{IGrantable, PolicyStatement, Principal};

/// Lets `grantee` use the customer managed `key` with `actions`, in its own
/// policy. A service principal is let in by the key's own policy, which is
/// not the app's to write; anyone else without a policy is told.
pub(crate) fn grant_key_use(on: &Scope, grantee: &dyn IGrantable, key: Expr<String>, actions: &[&str]) {
    let principal = grantee.grant_principal();
    let is_service = matches!(principal.policy_principal(), Principal::Service(_));
    let statement = PolicyStatement::allow(actions.iter().copied(), [key]);
    if !principal.add_to_principal_policy(statement) && !is_service {
        on.add_warning(format!(
            "the grantee has no policy rcdk can write, so it is not granted the customer managed key; let it use the key ({}) in the key's policy",
            actions.join(", ")
        ));
    }
}
