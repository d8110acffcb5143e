//! DynamoDB tables: [`Table`] defined in the app (encrypted, with
//! point-in-time recovery), [`ImportedTable`] by name or ARN, both
//! [`ITable`]s that grants accept alike.

use rcdk_cfn::application_auto_scaling::{
    scalable_target, scaling_policy, CfnScalableTarget, CfnScalableTargetProps, CfnScalingPolicy, CfnScalingPolicyProps,
};
use rcdk_cfn::dynamo_db::{table as ddb, CfnTable, CfnTableProps};
use rcdk_core::{cfn_format, Aws, Construct, Expr, RemovalPolicy, Scope, ToValue};
use rcdk_iam::{Grant, IGrantable};

use crate::grant_key_use;

// The AWS CDK's action lists (aws-dynamodb/lib/perms.ts), so a grant reads
// the same in both.
const READ: [&str; 6] = [
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:GetItem",
    "dynamodb:Scan",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
];
const WRITE: [&str; 5] = [
    "dynamodb:BatchWriteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:DescribeTable",
];
const READ_WRITE: [&str; 10] = [
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:GetItem",
    "dynamodb:Scan",
    "dynamodb:ConditionCheckItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:DescribeTable",
];
const STREAM_READ: [&str; 3] = [
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
];
const KEY_READ: [&str; 2] = ["kms:Decrypt", "kms:DescribeKey"];
const KEY_READ_WRITE: [&str; 5] = [
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
];

/// A table, defined in the app or imported: what readers, writers and
/// stream consumers need.
pub trait ITable: Construct {
    /// The table name.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Attribute, ITable, Table, TableProps};
    /// let app = App::new();
    /// let table = Table::new(&app.stack("S", StackProps::default()), "Orders", TableProps::new(Attribute::string("pk")));
    /// assert!(!table.table_name().is_literal()); // a Ref, known once deployed
    /// ```
    fn table_name(&self) -> Expr<String>;

    /// The table ARN.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{ITable, Table};
    /// let app = App::new();
    /// let arn = "arn:aws:dynamodb:eu-west-1:111111111111:table/ledger";
    /// let table = Table::from_arn(&app.stack("S", StackProps::default()), "Ledger", arn);
    /// assert_eq!(table.table_arn().value().as_str(), Some(arn));
    /// ```
    fn table_arn(&self) -> Expr<String>;

    /// The ARN of the table's stream, when it has one the app knows.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Attribute, ITable, StreamViewType, Table, TableProps};
    /// let app = App::new();
    /// let props = TableProps { stream: Some(StreamViewType::NewImage), ..TableProps::new(Attribute::string("pk")) };
    /// let table = Table::new(&app.stack("S", StackProps::default()), "Orders", props);
    /// assert!(table.table_stream_arn().is_some());
    /// ```
    fn table_stream_arn(&self) -> Option<Expr<String>>;

    /// The customer managed key that encrypts the table, when the app knows it.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Attribute, ITable, Table, TableEncryption, TableProps};
    /// let app = App::new();
    /// let key = "arn:aws:kms:eu-west-1:111111111111:key/abc";
    /// let props = TableProps { encryption: TableEncryption::CustomerManaged(key.into()), ..TableProps::new(Attribute::string("pk")) };
    /// let table = Table::new(&app.stack("S", StackProps::default()), "Orders", props);
    /// assert_eq!(table.encryption_key_arn().unwrap().value().as_str(), Some(key));
    /// ```
    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        None
    }

    /// Whether the table has secondary indexes, so data grants cover
    /// `<arn>/index/*` too.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Attribute, GlobalSecondaryIndex, ITable, Table, TableProps};
    /// let app = App::new();
    /// let props = TableProps {
    ///     global_secondary_indexes: vec![GlobalSecondaryIndex::new("byCustomer", Attribute::string("customer"))],
    ///     ..TableProps::new(Attribute::string("pk"))
    /// };
    /// let table = Table::new(&app.stack("S", StackProps::default()), "Orders", props);
    /// assert!(table.has_indexes());
    /// ```
    fn has_indexes(&self) -> bool {
        false
    }

    /// Grants `actions` on the table (and its indexes) to `grantee`'s own
    /// policy, and the use of the table's customer managed key with
    /// `key_actions`. rcdk writes no table resource policy, so a service or
    /// account principal cannot be granted (a synth error).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{Attribute, ITable, Table, TableProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps::new(Attribute::string("pk")));
    /// let role = Role::new(&stack, "Exporter", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(table.grant(&role, &["dynamodb:ExportTableToPointInTime"], &[]).success());
    /// ```
    fn grant(&self, grantee: &dyn IGrantable, actions: &[&str], key_actions: &[&str]) -> Grant {
        let mut resources = vec![self.table_arn()];
        if self.has_indexes() {
            resources.push(cfn_format!("{}/index/*", self.table_arn()));
        }
        let grant = Grant::add_to_principal(grantee, actions.iter().copied(), resources, self.scope());
        if let (true, Some(key)) = (grant.success(), self.encryption_key_arn()) {
            grant_key_use(self.scope(), grantee, key, key_actions);
        }
        grant
    }

    /// Lets `grantee` read items (`GetItem`, `BatchGetItem`, `Query`,
    /// `Scan`, `ConditionCheckItem`) and describe the table.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{ITable, Table};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::from_name(&stack, "Customers", "customers");
    /// let role = Role::new(&stack, "Reader", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(table.grant_read_data(&role).success());
    /// ```
    fn grant_read_data(&self, grantee: &dyn IGrantable) -> Grant {
        self.grant(grantee, &READ, &KEY_READ)
    }

    /// Lets `grantee` write items (`PutItem`, `UpdateItem`, `DeleteItem`,
    /// `BatchWriteItem`) and describe the table.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{Attribute, ITable, Table, TableProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Events", TableProps::new(Attribute::string("id")));
    /// let role = Role::new(&stack, "Writer", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(table.grant_write_data(&role).success());
    /// ```
    fn grant_write_data(&self, grantee: &dyn IGrantable) -> Grant {
        self.grant(grantee, &WRITE, &KEY_READ_WRITE)
    }

    /// [`grant_read_data`](Self::grant_read_data) and
    /// [`grant_write_data`](Self::grant_write_data) in one statement.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{Attribute, ITable, Table, TableProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Carts", TableProps::new(Attribute::string("cartId")));
    /// let role = Role::new(&stack, "Api", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(table.grant_read_write_data(&role).success());
    /// ```
    fn grant_read_write_data(&self, grantee: &dyn IGrantable) -> Grant {
        self.grant(grantee, &READ_WRITE, &KEY_READ_WRITE)
    }

    /// Lets `grantee` read the table's stream (`DescribeStream`,
    /// `GetRecords`, `GetShardIterator` on the stream ARN) and list streams
    /// (`dynamodb:ListStreams` on `*`: AWS gives that action no resource-level
    /// permission), as the AWS CDK's `grantStreamRead`. A table without a
    /// stream is a synth error.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{Attribute, ITable, StreamViewType, Table, TableProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Orders", TableProps {
    ///     stream: Some(StreamViewType::NewAndOldImages),
    ///     ..TableProps::new(Attribute::string("pk"))
    /// });
    /// let role = Role::new(&stack, "Consumer", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(table.grant_stream_read(&role).success());
    /// ```
    fn grant_stream_read(&self, grantee: &dyn IGrantable) -> Grant {
        let Some(stream) = self.table_stream_arn() else {
            self.scope().add_error(
                "cannot grant stream reads on a table without a stream; set stream: Some(StreamViewType::NewAndOldImages) (or another view) in TableProps, or give an imported table its stream with ImportedTable::with_stream_arn",
            );
            return Grant::Failed;
        };
        let listed = Grant::add_to_principal(grantee, ["dynamodb:ListStreams"], ["*"], self.scope());
        if !listed.success() {
            return listed;
        }
        let grant = Grant::add_to_principal(grantee, STREAM_READ, [stream], self.scope());
        if let Some(key) = self.encryption_key_arn() {
            grant_key_use(self.scope(), grantee, key, &KEY_READ);
        }
        grant
    }
}

/// The type of a key attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttributeType {
    /// A string (`S`).
    String,
    /// A number (`N`).
    Number,
    /// Binary data (`B`).
    Binary,
}

impl AttributeType {
    fn cfn(self) -> ddb::AttributeDefinitionAttributeType {
        match self {
            AttributeType::String => ddb::AttributeDefinitionAttributeType::S,
            AttributeType::Number => ddb::AttributeDefinitionAttributeType::N,
            AttributeType::Binary => ddb::AttributeDefinitionAttributeType::B,
        }
    }
}

/// A key attribute: its name (1 to 255 characters) and type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// The attribute name.
    pub name: String,
    /// The attribute type.
    pub kind: AttributeType,
}

impl Attribute {
    /// A string attribute.
    ///
    /// ```
    /// assert_eq!(rcdk_storage::Attribute::string("pk").kind, rcdk_storage::AttributeType::String);
    /// ```
    pub fn string(name: &str) -> Attribute {
        Attribute {
            name: name.to_owned(),
            kind: AttributeType::String,
        }
    }

    /// A number attribute.
    ///
    /// ```
    /// assert_eq!(rcdk_storage::Attribute::number("createdAt").name, "createdAt");
    /// ```
    pub fn number(name: &str) -> Attribute {
        Attribute {
            name: name.to_owned(),
            kind: AttributeType::Number,
        }
    }

    /// A binary attribute.
    ///
    /// ```
    /// assert_eq!(rcdk_storage::Attribute::binary("hash").kind, rcdk_storage::AttributeType::Binary);
    /// ```
    pub fn binary(name: &str) -> Attribute {
        Attribute {
            name: name.to_owned(),
            kind: AttributeType::Binary,
        }
    }
}

/// How reads and writes are paid for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Billing {
    /// Per request, scaling with traffic (the default).
    #[default]
    OnDemand,
    /// Provisioned read and write capacity units (at least 1 each), which
    /// global secondary indexes share; scale them with
    /// [`TableProps::read_autoscaling`] and [`TableProps::write_autoscaling`].
    Provisioned {
        /// Read capacity units.
        read: u32,
        /// Write capacity units.
        write: u32,
    },
}

/// Target-tracking autoscaling of a provisioned capacity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Autoscaling {
    /// The fewest capacity units (at least 1).
    pub min_capacity: u32,
    /// The most capacity units (at least `min_capacity`).
    pub max_capacity: u32,
    /// The utilization to keep, in percent (20 to 90).
    pub target_utilization_percent: u32,
}

/// What a stream record holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamViewType {
    /// The key attributes only.
    KeysOnly,
    /// The item after the change.
    NewImage,
    /// The item before the change.
    OldImage,
    /// The item before and after the change.
    NewAndOldImages,
}

impl StreamViewType {
    fn cfn(self) -> ddb::StreamSpecificationStreamViewType {
        use ddb::StreamSpecificationStreamViewType as V;
        match self {
            StreamViewType::KeysOnly => V::KeysOnly,
            StreamViewType::NewImage => V::NewImage,
            StreamViewType::OldImage => V::OldImage,
            StreamViewType::NewAndOldImages => V::NewAndOldImages,
        }
    }
}

/// How a table is encrypted at rest (it always is).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub enum TableEncryption {
    /// A key DynamoDB owns, free of charge and invisible in your account
    /// (DynamoDB's own default).
    AwsOwned,
    /// The AWS managed key `aws/dynamodb`, whose use CloudTrail records
    /// (the default).
    #[default]
    AwsManaged,
    /// A customer managed KMS key, by ARN; readers and writers are granted its use.
    CustomerManaged(Expr<String>),
}

/// Which attributes a global secondary index copies from the table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Projection {
    /// Every attribute (the default).
    #[default]
    All,
    /// The table's and the index's key attributes only.
    KeysOnly,
    /// The key attributes and these others.
    Include(Vec<String>),
}

/// A global secondary index: another key to query the table by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlobalSecondaryIndex {
    /// The index name (3 to 255 letters, digits, `_`, `.` and `-`), unique in the table.
    pub index_name: String,
    /// The index's partition key.
    pub partition_key: Attribute,
    /// The index's sort key.
    pub sort_key: Option<Attribute>,
    /// The attributes the index copies. Default all.
    pub projection: Projection,
}

impl GlobalSecondaryIndex {
    /// An index named `index_name` on `partition_key`, projecting every attribute.
    ///
    /// ```
    /// use rcdk_storage::{Attribute, GlobalSecondaryIndex, Projection};
    /// let by_customer = GlobalSecondaryIndex {
    ///     sort_key: Some(Attribute::number("createdAt")),
    ///     projection: Projection::KeysOnly,
    ///     ..GlobalSecondaryIndex::new("byCustomer", Attribute::string("customer"))
    /// };
    /// assert_eq!(by_customer.index_name, "byCustomer");
    /// ```
    pub fn new(index_name: &str, partition_key: Attribute) -> GlobalSecondaryIndex {
        GlobalSecondaryIndex {
            index_name: index_name.to_owned(),
            partition_key,
            sort_key: None,
            projection: Projection::All,
        }
    }
}

/// The options of a [`Table`]: [`TableProps::new`] with the partition key,
/// then the rest. The defaults are the secure ones: the AWS managed key,
/// point-in-time recovery on, the table kept when it leaves the stack.
#[derive(Clone, Debug)]
pub struct TableProps {
    /// The partition key.
    pub partition_key: Attribute,
    /// The sort key. Default none.
    pub sort_key: Option<Attribute>,
    /// An explicit name (3 to 255 letters, digits, `_`, `.` and `-`);
    /// default generated by CloudFormation. A named table cannot be replaced.
    pub table_name: Option<String>,
    /// On-demand (the default) or provisioned capacity.
    pub billing: Billing,
    /// Scale the provisioned read capacity. Default none.
    pub read_autoscaling: Option<Autoscaling>,
    /// Scale the provisioned write capacity. Default none.
    pub write_autoscaling: Option<Autoscaling>,
    /// Keep continuous backups to restore to any second of the last 35 days.
    /// Default true.
    pub point_in_time_recovery: bool,
    /// Encryption at rest. Default the AWS managed key.
    pub encryption: TableEncryption,
    /// The attribute holding each item's expiry time (epoch seconds), after
    /// which DynamoDB deletes it. Default none.
    pub time_to_live_attribute: Option<String>,
    /// Publish item changes to a DynamoDB stream. Default none.
    pub stream: Option<StreamViewType>,
    /// Global secondary indexes (up to 20). Default none.
    pub global_secondary_indexes: Vec<GlobalSecondaryIndex>,
    /// Refuse to delete the table, whatever asks. Default false, as in the
    /// AWS CDK.
    pub deletion_protection: bool,
    /// What happens to the table when it leaves the stack. Default
    /// [`RemovalPolicy::Retain`], as in the AWS CDK: data is not deleted by
    /// accident.
    pub removal_policy: RemovalPolicy,
}

impl TableProps {
    /// A table keyed by `partition_key`, with every other option at its
    /// default.
    ///
    /// ```
    /// use rcdk_storage::{Attribute, Billing, TableProps};
    /// let props = TableProps { billing: Billing::Provisioned { read: 5, write: 5 }, ..TableProps::new(Attribute::string("pk")) };
    /// assert!(props.point_in_time_recovery);
    /// ```
    pub fn new(partition_key: Attribute) -> TableProps {
        TableProps {
            partition_key,
            sort_key: None,
            table_name: None,
            billing: Billing::OnDemand,
            read_autoscaling: None,
            write_autoscaling: None,
            point_in_time_recovery: true,
            encryption: TableEncryption::AwsManaged,
            time_to_live_attribute: None,
            stream: None,
            global_secondary_indexes: Vec::new(),
            deletion_protection: false,
            removal_policy: RemovalPolicy::Retain,
        }
    }
}

/// A DynamoDB table, encrypted and continuously backed up: a construct
/// whose `AWS::DynamoDB::Table` is its `Resource` child, and whose
/// autoscaling sits at the AWS CDK's paths (`ReadScaling/Target`,
/// `ReadScaling/Target/Tracking`), so the same construct paths give the
/// CDK's logical IDs.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_storage::{Attribute, GlobalSecondaryIndex, Table, TableProps};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Table::new(&stack, "Orders", TableProps {
///     sort_key: Some(Attribute::string("sk")),
///     time_to_live_attribute: Some("expiresAt".into()),
///     global_secondary_indexes: vec![GlobalSecondaryIndex::new("byCustomer", Attribute::string("customer"))],
///     ..TableProps::new(Attribute::string("pk"))
/// });
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("BillingMode: PAY_PER_REQUEST"));
/// assert!(yaml.contains("PointInTimeRecoveryEnabled: true"));
/// assert!(yaml.contains("SSEEnabled: true"));
/// ```
#[derive(Clone, Debug)]
pub struct Table {
    scope: Scope,
    table: CfnTable,
    stream: bool,
    indexes: bool,
    encryption: TableEncryption,
}

impl Construct for Table {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ITable for Table {
    fn table_name(&self) -> Expr<String> {
        self.table.reference()
    }

    fn table_arn(&self) -> Expr<String> {
        self.table.attr_arn()
    }

    fn table_stream_arn(&self) -> Option<Expr<String>> {
        self.stream.then(|| self.table.attr_stream_arn())
    }

    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        match &self.encryption {
            TableEncryption::CustomerManaged(key) => Some(key.clone()),
            _ => None,
        }
    }

    fn has_indexes(&self) -> bool {
        self.indexes
    }
}

/// A key schema entry: `GlobalSecondaryIndexKeySchema` is the registry's one
/// typed `{AttributeName, KeyType}` (the table's own `KeySchema` is untyped),
/// so the table's key is written with it too.
fn key(attribute: &Attribute, key_type: &str) -> ddb::GlobalSecondaryIndexKeySchema {
    ddb::GlobalSecondaryIndexKeySchema::new(attribute.name.as_str(), key_type)
}

fn key_schema(partition: &Attribute, sort: Option<&Attribute>) -> Vec<ddb::GlobalSecondaryIndexKeySchema> {
    let mut out = vec![key(partition, "HASH")];
    out.extend(sort.map(|s| key(s, "RANGE")));
    out
}

impl Table {
    /// Adds a table.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Attribute, Autoscaling, Billing, Table, TableProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// Table::new(&stack, "Orders", TableProps {
    ///     billing: Billing::Provisioned { read: 5, write: 5 },
    ///     read_autoscaling: Some(Autoscaling { min_capacity: 5, max_capacity: 50, target_utilization_percent: 70 }),
    ///     ..TableProps::new(Attribute::string("pk"))
    /// });
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("AWS::ApplicationAutoScaling::ScalableTarget"));
    /// assert!(yaml.contains("DynamoDBReadCapacityUtilization"));
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: TableProps) -> Table {
        let node = scope.child(id);
        check_props(&node, &props);
        // Every key attribute once, each with one type, as DynamoDB wants
        // AttributeDefinitions.
        let mut attributes: Vec<(&Attribute, String)> = Vec::new();
        let keys = std::iter::once(&props.partition_key)
            .chain(props.sort_key.as_ref())
            .map(|k| (k, "the table's key".to_owned()))
            .chain(props.global_secondary_indexes.iter().flat_map(|g| {
                std::iter::once(&g.partition_key)
                    .chain(g.sort_key.as_ref())
                    .map(move |k| (k, format!("index {:?}", g.index_name)))
            }));
        for (attribute, owner) in keys {
            match attributes.iter().find(|(a, _)| a.name == attribute.name) {
                Some((seen, first)) if seen.kind != attribute.kind => node.add_error(format!(
                    "key attribute {:?} is a {:?} in {first} and a {:?} in {owner}, and an attribute has one type; use the same AttributeType in both, or another attribute",
                    attribute.name, seen.kind, attribute.kind
                )),
                Some(_) => {}
                None => attributes.push((attribute, owner)),
            }
        }
        let throughput = match props.billing {
            Billing::OnDemand => None,
            Billing::Provisioned { read, write } => Some(ddb::ProvisionedThroughput::new(read, write)),
        };
        let indexes: Vec<ddb::GlobalSecondaryIndex> = props
            .global_secondary_indexes
            .iter()
            .map(|g| {
                let projection = match &g.projection {
                    Projection::All => ddb::Projection {
                        projection_type: Some(ddb::ProjectionProjectionType::All.into()),
                        non_key_attributes: None,
                    },
                    Projection::KeysOnly => ddb::Projection {
                        projection_type: Some(ddb::ProjectionProjectionType::KeysOnly.into()),
                        non_key_attributes: None,
                    },
                    Projection::Include(names) => ddb::Projection {
                        projection_type: Some(ddb::ProjectionProjectionType::Include.into()),
                        non_key_attributes: Some(names.clone().into()),
                    },
                };
                ddb::GlobalSecondaryIndex {
                    provisioned_throughput: throughput.clone(),
                    ..ddb::GlobalSecondaryIndex::new(
                        g.index_name.as_str(),
                        key_schema(&g.partition_key, g.sort_key.as_ref()),
                        projection,
                    )
                }
            })
            .collect();
        let sse = match &props.encryption {
            TableEncryption::AwsOwned => None,
            TableEncryption::AwsManaged => Some(ddb::SseSpecification::new(true)),
            TableEncryption::CustomerManaged(key) => Some(ddb::SseSpecification {
                kms_master_key_id: Some(key.clone()),
                sse_type: Some(ddb::SseSpecificationSseType::Kms.into()),
                ..ddb::SseSpecification::new(true)
            }),
        };
        let table = CfnTable::new(
            &node,
            "Resource",
            CfnTableProps {
                attribute_definitions: Some(
                    attributes
                        .iter()
                        .map(|(a, _)| ddb::AttributeDefinition::new(a.name.as_str(), a.kind.cfn()))
                        .collect(),
                ),
                billing_mode: matches!(props.billing, Billing::OnDemand)
                    .then(|| ddb::BillingMode::PayPerRequest.into()),
                provisioned_throughput: throughput,
                table_name: props.table_name.as_deref().map(Into::into),
                global_secondary_indexes: (!indexes.is_empty()).then_some(indexes),
                point_in_time_recovery_specification: Some(ddb::PointInTimeRecoverySpecification {
                    point_in_time_recovery_enabled: Some(props.point_in_time_recovery.into()),
                    recovery_period_in_days: None,
                }),
                sse_specification: sse,
                time_to_live_specification: props.time_to_live_attribute.as_deref().map(|name| {
                    ddb::TimeToLiveSpecification {
                        attribute_name: Some(name.into()),
                        ..ddb::TimeToLiveSpecification::new(true)
                    }
                }),
                stream_specification: props.stream.map(|s| ddb::StreamSpecification::new(s.cfn())),
                deletion_protection_enabled: props.deletion_protection.then(|| true.into()),
                ..CfnTableProps::new(key_schema(&props.partition_key, props.sort_key.as_ref()).to_value())
            },
        );
        if props.removal_policy != RemovalPolicy::Snapshot {
            table.apply_removal_policy(props.removal_policy);
        }
        let scaled = [
            (props.read_autoscaling, "ReadScaling", Dimension::Read),
            (props.write_autoscaling, "WriteScaling", Dimension::Write),
        ];
        for (autoscaling, id, dimension) in scaled {
            if let (Some(a), Billing::Provisioned { .. }) = (autoscaling, props.billing) {
                autoscale(&node.child(id), &table, dimension, a);
            }
        }
        Table {
            scope: node,
            stream: props.stream.is_some(),
            indexes: !props.global_secondary_indexes.is_empty(),
            encryption: props.encryption,
            table,
        }
    }

    /// Imports an existing table of this stack's account and region by
    /// name. A literal name is checked.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{ITable, Table};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::from_name(&stack, "Customers", "customers");
    /// assert_eq!(table.table_name().value().as_str(), Some("customers"));
    /// assert!(table.table_stream_arn().is_none());
    /// ```
    #[track_caller]
    pub fn from_name(scope: &Scope, id: &str, name: impl Into<Expr<String>>) -> ImportedTable {
        let node = scope.child(id);
        let name = name.into();
        if let Some(Err(e)) = name.value().as_str().map(check_table_name) {
            node.add_error(format!("Table::from_name: {e}"));
        }
        let arn = cfn_format!(
            "arn:{}:dynamodb:{}:{}:table/{}",
            Aws::partition(),
            Aws::region(),
            Aws::account_id(),
            name.clone()
        );
        ImportedTable::new(node, name, arn)
    }

    /// Imports an existing table by ARN
    /// (`arn:<partition>:dynamodb:<region>:<account>:table/<name>`); its name
    /// comes from the ARN. A literal ARN is checked.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{ITable, Table};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::from_arn(&stack, "Ledger", "arn:aws:dynamodb:eu-west-1:111111111111:table/ledger");
    /// assert_eq!(table.table_name().value().as_str(), Some("ledger"));
    /// ```
    #[track_caller]
    pub fn from_arn(scope: &Scope, id: &str, arn: impl Into<Expr<String>>) -> ImportedTable {
        let node = scope.child(id);
        let arn = arn.into();
        let name = match arn.value().as_str().map(table_name_of) {
            Some(Ok(name)) => Expr::from(name),
            Some(Err(e)) => {
                node.add_error(format!("Table::from_arn: {e}"));
                Expr::from("invalid")
            }
            None => arn.split("/").select(1),
        };
        ImportedTable::new(node, name, arn)
    }

    /// The L1 table, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_cfn::dynamo_db::table::TableClass;
    /// use rcdk_storage::{Attribute, Table, TableProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::new(&stack, "Archive", TableProps::new(Attribute::string("pk")));
    /// table.cfn().set_table_class(TableClass::StandardInfrequentAccess);
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("STANDARD_INFREQUENT_ACCESS"));
    /// ```
    pub fn cfn(&self) -> &CfnTable {
        &self.table
    }
}

#[derive(Clone, Copy)]
enum Dimension {
    Read,
    Write,
}

/// Target-tracking autoscaling of one capacity, at the AWS CDK's paths:
/// `<scope>/Target/Resource` and `<scope>/Target/Tracking/Resource`.
fn autoscale(scope: &Scope, table: &CfnTable, dimension: Dimension, a: Autoscaling) {
    let (scalable, metric) = match dimension {
        Dimension::Read => (
            scalable_target::ScalableDimension::DynamodbTableReadCapacityUnits,
            scaling_policy::PredefinedMetricSpecificationPredefinedMetricType::DynamoDbReadCapacityUtilization,
        ),
        Dimension::Write => (
            scalable_target::ScalableDimension::DynamodbTableWriteCapacityUnits,
            scaling_policy::PredefinedMetricSpecificationPredefinedMetricType::DynamoDbWriteCapacityUtilization,
        ),
    };
    let target_scope = scope.child("Target");
    let target = CfnScalableTarget::new(
        &target_scope,
        "Resource",
        CfnScalableTargetProps {
            // Application Auto Scaling's service-linked role for DynamoDB,
            // which it creates on first use: no role of the app to trust it.
            role_arn: Some(cfn_format!(
                "arn:{}:iam::{}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
                Aws::partition(),
                Aws::account_id()
            )),
            ..CfnScalableTargetProps::new(
                a.max_capacity,
                a.min_capacity,
                cfn_format!("table/{}", table.reference()),
                scalable,
                scalable_target::ServiceNamespace::Dynamodb,
            )
        },
    );
    let tracking = target_scope.child("Tracking");
    // The CDK names the policy after its construct path, unique in the
    // account: keep its name so a policy moved between the two is the same.
    let name = tracking.unique_id();
    CfnScalingPolicy::new(
        &tracking,
        "Resource",
        CfnScalingPolicyProps {
            scaling_target_id: Some(target.reference()),
            target_tracking_scaling_policy_configuration: Some(
                scaling_policy::TargetTrackingScalingPolicyConfiguration {
                    predefined_metric_specification: Some(scaling_policy::PredefinedMetricSpecification::new(metric)),
                    ..scaling_policy::TargetTrackingScalingPolicyConfiguration::new(i64::from(
                        a.target_utilization_percent,
                    ))
                },
            ),
            ..CfnScalingPolicyProps::new(name, scaling_policy::PolicyType::TargetTrackingScaling)
        },
    );
}

fn check_props(node: &Scope, props: &TableProps) {
    if let Some(Err(e)) = props.table_name.as_deref().map(check_table_name) {
        node.add_error(e);
    }
    if props.removal_policy == RemovalPolicy::Snapshot {
        node.add_error(
            "CloudFormation takes no snapshot of a DynamoDB table, so RemovalPolicy::Snapshot is refused; use Retain (the default, with point-in-time recovery) or Destroy",
        );
    }
    let keys = std::iter::once(&props.partition_key)
        .chain(props.sort_key.as_ref())
        .chain(
            props
                .global_secondary_indexes
                .iter()
                .flat_map(|g| std::iter::once(&g.partition_key).chain(g.sort_key.as_ref())),
        );
    for k in keys {
        if k.name.is_empty() || k.name.len() > 255 {
            node.add_error(format!(
                "key attribute name {:?} is {} bytes long; DynamoDB takes 1 to 255",
                k.name,
                k.name.len()
            ));
        }
    }
    if props
        .sort_key
        .as_ref()
        .is_some_and(|s| s.name == props.partition_key.name)
    {
        node.add_error(format!(
            "the sort key is the partition key {:?}; give the sort key another attribute, or drop it",
            props.partition_key.name
        ));
    }
    let gsis = &props.global_secondary_indexes;
    if gsis.len() > 20 {
        node.add_error(format!(
            "the table has {} global secondary indexes and DynamoDB allows 20; drop some, or ask AWS to raise the quota and set them on the L1",
            gsis.len()
        ));
    }
    let mut names: Vec<&str> = Vec::new();
    let mut projected = 0;
    for g in gsis {
        let name = g.index_name.as_str();
        let valid = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
        if !(3..=255).contains(&name.len()) || !valid {
            node.add_error(format!(
                "index name {name:?} is invalid; use 3 to 255 letters, digits, underscores, dots and hyphens"
            ));
        }
        if names.contains(&name) {
            node.add_error(format!("two global secondary indexes are named {name:?}; rename one"));
        }
        names.push(name);
        if let Projection::Include(attributes) = &g.projection {
            if attributes.is_empty() {
                node.add_error(format!(
                    "index {name:?} includes no attribute; name the attributes to copy, or use Projection::KeysOnly"
                ));
            }
            projected += attributes.len();
        }
    }
    if projected > 100 {
        node.add_error(format!(
            "the indexes project {projected} non-key attributes, and DynamoDB allows 100 across a table's indexes; project fewer, or use Projection::All"
        ));
    }
    match props.billing {
        Billing::Provisioned { read, write } => {
            if read == 0 || write == 0 {
                node.add_error(format!(
                    "provisioned capacity of {read} reads and {write} writes is refused by DynamoDB; give each at least 1 unit, or use Billing::OnDemand"
                ));
            }
        }
        Billing::OnDemand => {
            if props.read_autoscaling.is_some() || props.write_autoscaling.is_some() {
                node.add_error(
                    "autoscaling scales provisioned capacity, and this table is on-demand; use Billing::Provisioned { read, write }, or drop the autoscaling",
                );
            }
        }
    }
    for (which, a) in [("read", props.read_autoscaling), ("write", props.write_autoscaling)] {
        let Some(a) = a else { continue };
        if a.min_capacity == 0 || a.min_capacity > a.max_capacity {
            node.add_error(format!(
                "{which} autoscaling from {} to {} units is not a range; use a min_capacity of at least 1 and no more than max_capacity",
                a.min_capacity, a.max_capacity
            ));
        }
        if !(20..=90).contains(&a.target_utilization_percent) {
            node.add_error(format!(
                "{which} autoscaling targets {}% utilization; use 20 to 90 percent",
                a.target_utilization_percent
            ));
        }
    }
    if props
        .time_to_live_attribute
        .as_deref()
        .is_some_and(|t| t.is_empty() || t.len() > 255)
    {
        node.add_error("the time-to-live attribute name must be 1 to 255 bytes; name the attribute that holds each item's expiry, or drop it");
    }
}

/// Checks a table name against DynamoDB's rules, saying what is wrong and
/// how to fix it.
fn check_table_name(name: &str) -> Result<(), String> {
    let valid = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
    if (3..=255).contains(&name.len()) && valid {
        Ok(())
    } else {
        Err(format!(
            "table name {name:?} is invalid; use 3 to 255 letters, digits, underscores, dots and hyphens"
        ))
    }
}

/// The name in a literal table ARN
/// (`arn:aws:dynamodb:eu-west-1:111111111111:table/name`).
fn table_name_of(arn: &str) -> Result<&str, String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let name = match parts.as_slice() {
        ["arn", partition, "dynamodb", region, account, resource]
            if !partition.is_empty()
                && !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit()) =>
        {
            resource.strip_prefix("table/").filter(|n| !n.contains('/'))
        }
        _ => None,
    };
    match name {
        Some(name) => check_table_name(name).map(|()| name),
        None => Err(format!(
            "{arn:?} is not a DynamoDB table ARN; use arn:<partition>:dynamodb:<region>:<12-digit account>:table/<table name>"
        )),
    }
}

/// A table that exists outside the app, imported with [`Table::from_name`]
/// or [`Table::from_arn`]. What the app cannot read from its name (a stream,
/// indexes, a customer managed key) it is told with the `with_` methods.
#[derive(Clone, Debug)]
pub struct ImportedTable {
    scope: Scope,
    name: Expr<String>,
    arn: Expr<String>,
    stream_arn: Option<Expr<String>>,
    key: Option<Expr<String>>,
    indexes: bool,
}

impl ImportedTable {
    fn new(scope: Scope, name: Expr<String>, arn: Expr<String>) -> ImportedTable {
        ImportedTable {
            scope,
            name,
            arn,
            stream_arn: None,
            key: None,
            indexes: false,
        }
    }

    /// The table with its stream, so it can be granted [`ITable::grant_stream_read`].
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{ITable, Table};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::from_name(&stack, "Ledger", "ledger")
    ///     .with_stream_arn("arn:aws:dynamodb:eu-west-1:111111111111:table/ledger/stream/2024-01-01T00:00:00.000");
    /// assert!(table.table_stream_arn().is_some());
    /// ```
    pub fn with_stream_arn(mut self, stream_arn: impl Into<Expr<String>>) -> ImportedTable {
        self.stream_arn = Some(stream_arn.into());
        self
    }

    /// The table as encrypted with the customer managed key `key_arn`, so
    /// grants include the key's use.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{ITable, Table};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let table = Table::from_name(&stack, "Ledger", "ledger").with_encryption_key("arn:aws:kms:eu-west-1:111111111111:key/abc");
    /// assert!(table.encryption_key_arn().is_some());
    /// ```
    pub fn with_encryption_key(mut self, key_arn: impl Into<Expr<String>>) -> ImportedTable {
        self.key = Some(key_arn.into());
        self
    }

    /// The table as having secondary indexes, so data grants cover them.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{ITable, Table};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// assert!(Table::from_name(&stack, "Ledger", "ledger").with_indexes().has_indexes());
    /// ```
    pub fn with_indexes(mut self) -> ImportedTable {
        self.indexes = true;
        self
    }
}

impl Construct for ImportedTable {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl ITable for ImportedTable {
    fn table_name(&self) -> Expr<String> {
        self.name.clone()
    }

    fn table_arn(&self) -> Expr<String> {
        self.arn.clone()
    }

    fn table_stream_arn(&self) -> Option<Expr<String>> {
        self.stream_arn.clone()
    }

    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        self.key.clone()
    }

    fn has_indexes(&self) -> bool {
        self.indexes
    }
}
