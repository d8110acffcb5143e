//! S3 buckets: [`Bucket`] defined in the app (public access blocked,
//! encrypted, TLS only, objects owned by the bucket owner), [`ImportedBucket`]
//! by name or ARN, both [`IBucket`]s that grants and access logs accept alike.

use std::cell::RefCell;
use std::rc::Rc;

use rcdk_cfn::lambda::{CfnPermission, CfnPermissionProps};
use rcdk_cfn::s3::{bucket as s3, CfnBucket, CfnBucketPolicy, CfnBucketPolicyProps, CfnBucketProps};
use rcdk_core::{cfn_format, Aws, Construct, Duration, Expr, RemovalPolicy, Scope};
use rcdk_iam::{
    append_statement, policy_document, Grant, IGrantable, IResourceWithPolicy, PolicyOf, PolicyStatement, Principal,
    ServicePrincipal,
};
use rcdk_lambda::{IFunction, INVOKE_FUNCTION};
use rcdk_messaging::{IQueue, ITopic};

use crate::grant_key_use;

// The AWS CDK's action lists (aws-s3/lib/perms.ts), so a grant reads the same
// in both.
const READ: [&str; 3] = ["s3:GetObject*", "s3:GetBucket*", "s3:List*"];
const DELETE: [&str; 1] = ["s3:DeleteObject*"];
const PUT: [&str; 6] = [
    "s3:PutObject",
    "s3:PutObjectLegalHold",
    "s3:PutObjectRetention",
    "s3:PutObjectTagging",
    "s3:PutObjectVersionTagging",
    "s3:Abort*",
];
const KEY_READ: [&str; 2] = ["kms:Decrypt", "kms:DescribeKey"];
const KEY_WRITE: [&str; 4] = ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Decrypt"];
const KEY_READ_WRITE: [&str; 5] = [
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
];

/// A bucket, defined in the app or imported: what readers, writers, grants
/// and access logs need.
pub trait IBucket: IResourceWithPolicy + Construct {
    /// The bucket name.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Bucket, BucketProps, IBucket};
    /// let app = App::new();
    /// let bucket = Bucket::new(&app.stack("S", StackProps::default()), "Data", BucketProps::default());
    /// assert!(!bucket.bucket_name().is_literal()); // a Ref, known once deployed
    /// ```
    fn bucket_name(&self) -> Expr<String>;

    /// The bucket ARN (`arn:<partition>:s3:::<name>`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Bucket, IBucket};
    /// let app = App::new();
    /// let bucket = Bucket::from_arn(&app.stack("S", StackProps::default()), "Logs", "arn:aws:s3:::org-logs");
    /// assert_eq!(bucket.bucket_arn().value().as_str(), Some("arn:aws:s3:::org-logs"));
    /// ```
    fn bucket_arn(&self) -> Expr<String>;

    /// The customer managed key that encrypts the bucket, when the app knows it.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Bucket, BucketProps, IBucket};
    /// let app = App::new();
    /// let bucket = Bucket::new(&app.stack("S", StackProps::default()), "Data", BucketProps::default());
    /// assert!(bucket.encryption_key_arn().is_none()); // SSE-S3
    /// ```
    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        None
    }

    /// The ARN of the objects whose keys match `pattern` (`*` and `?` are
    /// IAM wildcards): `<bucket ARN>/<pattern>`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Bucket, IBucket};
    /// let app = App::new();
    /// let bucket = Bucket::from_name(&app.stack("S", StackProps::default()), "Shared", "shared-data");
    /// assert!(!bucket.arn_for_objects("reports/*").is_literal());
    /// ```
    fn arn_for_objects(&self, pattern: &str) -> Expr<String> {
        cfn_format!("{}/{}", self.bucket_arn(), pattern)
    }

    /// Grants `actions` on `resources` to `grantee` (in its policy, or the
    /// bucket's policy for a service or an account), and the use of the
    /// bucket's customer managed key with `key_actions`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{Bucket, BucketProps, IBucket};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::new(&stack, "Data", BucketProps::default());
    /// let role = Role::new(&stack, "Auditor", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(bucket.grant(&role, &["s3:GetObjectAttributes"], vec![bucket.arn_for_objects("*")], &[]).success());
    /// ```
    fn grant(
        &self,
        grantee: &dyn IGrantable,
        actions: &[&str],
        resources: Vec<Expr<String>>,
        key_actions: &[&str],
    ) -> Grant {
        let grant = Grant::add_to_principal_or_resource(
            grantee,
            actions.iter().copied(),
            resources,
            Some(&PolicyOf(self)),
            self.scope(),
        );
        if let (true, Some(key)) = (grant.success(), self.encryption_key_arn()) {
            grant_key_use(self.scope(), grantee, key, key_actions);
        }
        grant
    }

    /// Lets `grantee` read objects (`s3:GetObject*`) and the bucket's
    /// settings and listings (`s3:GetBucket*`, `s3:List*`), as the AWS CDK's
    /// `grantRead`. With `prefix`, only objects whose keys start with it can
    /// be read (`<arn>/<prefix>*`); listing stays bucket-wide, as in the CDK,
    /// so key names outside the prefix remain visible.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{Bucket, BucketProps, IBucket};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::new(&stack, "Reports", BucketProps::default());
    /// let role = Role::new(&stack, "Reader", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(bucket.grant_read(&role, Some("monthly/")).success());
    /// ```
    fn grant_read(&self, grantee: &dyn IGrantable, prefix: Option<&str>) -> Grant {
        let objects = self.arn_for_objects(&objects_pattern(prefix));
        self.grant(grantee, &READ, vec![self.bucket_arn(), objects], &KEY_READ)
    }

    /// Lets `grantee` put objects (with their tags, legal holds and
    /// retention) and abort multipart uploads, under `prefix` if given: the
    /// AWS CDK's `grantPut`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{Bucket, IBucket};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::from_name(&stack, "Inbox", "partner-inbox");
    /// let role = Role::new(&stack, "Uploader", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(bucket.grant_put(&role, Some("incoming/")).success());
    /// ```
    fn grant_put(&self, grantee: &dyn IGrantable, prefix: Option<&str>) -> Grant {
        let objects = self.arn_for_objects(&objects_pattern(prefix));
        self.grant(grantee, &PUT, vec![objects], &KEY_WRITE)
    }

    /// Lets `grantee` put and delete objects (`s3:DeleteObject*` and
    /// [`grant_put`](Self::grant_put)'s actions), under `prefix` if given.
    /// Only object ARNs are named: every action here acts on objects.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{Bucket, BucketProps, IBucket};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::new(&stack, "Scratch", BucketProps::default());
    /// let role = Role::new(&stack, "Cleaner", RoleProps::assumed_by("lambda.amazonaws.com"));
    /// assert!(bucket.grant_write(&role, None).success());
    /// ```
    fn grant_write(&self, grantee: &dyn IGrantable, prefix: Option<&str>) -> Grant {
        let objects = self.arn_for_objects(&objects_pattern(prefix));
        let actions: Vec<&str> = DELETE.iter().chain(PUT.iter()).copied().collect();
        self.grant(grantee, &actions, vec![objects], &KEY_WRITE)
    }

    /// [`grant_read`](Self::grant_read) and [`grant_write`](Self::grant_write)
    /// in one statement, as the AWS CDK's `grantReadWrite`.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_iam::{Role, RoleProps};
    /// use rcdk_storage::{Bucket, BucketProps, IBucket};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::new(&stack, "Uploads", BucketProps::default());
    /// let role = Role::new(&stack, "Worker", RoleProps::assumed_by("ecs-tasks.amazonaws.com"));
    /// assert!(bucket.grant_read_write(&role, None).success());
    /// ```
    fn grant_read_write(&self, grantee: &dyn IGrantable, prefix: Option<&str>) -> Grant {
        let objects = self.arn_for_objects(&objects_pattern(prefix));
        let actions: Vec<&str> = READ.iter().chain(DELETE.iter()).chain(PUT.iter()).copied().collect();
        self.grant(grantee, &actions, vec![self.bucket_arn(), objects], &KEY_READ_WRITE)
    }
}

fn objects_pattern(prefix: Option<&str>) -> String {
    format!("{}*", prefix.unwrap_or(""))
}

/// How a bucket's objects are encrypted at rest.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub enum BucketEncryption {
    /// Keys S3 owns and manages (SSE-S3), at no cost (the default).
    #[default]
    S3Managed,
    /// A customer managed KMS key, by ARN (SSE-KMS), with an S3 bucket key
    /// so S3 calls KMS far less often; readers and writers are granted its use.
    Kms(Expr<String>),
}

/// The four settings of S3 Block Public Access, all on by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockPublicAccess {
    /// Refuse requests that add a public ACL.
    pub block_public_acls: bool,
    /// Refuse a bucket policy that grants public access.
    pub block_public_policy: bool,
    /// Ignore public ACLs already on the bucket and its objects.
    pub ignore_public_acls: bool,
    /// Admit only AWS principals and the bucket owner's account while the
    /// bucket policy is public.
    pub restrict_public_buckets: bool,
}

impl BlockPublicAccess {
    /// Every setting on: no way to make the bucket or its objects public
    /// (the default).
    pub const BLOCK_ALL: BlockPublicAccess = BlockPublicAccess {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
    };

    /// Every setting off: for a bucket meant to be public (a website behind
    /// no CDN); say so explicitly.
    pub const OFF: BlockPublicAccess = BlockPublicAccess {
        block_public_acls: false,
        block_public_policy: false,
        ignore_public_acls: false,
        restrict_public_buckets: false,
    };
}

impl Default for BlockPublicAccess {
    fn default() -> Self {
        BlockPublicAccess::BLOCK_ALL
    }
}

/// An S3 storage class that lifecycle rules move objects to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StorageClass {
    /// S3 Standard-IA (`STANDARD_IA`): at least 30 days after creation.
    InfrequentAccess,
    /// S3 One Zone-IA (`ONEZONE_IA`): at least 30 days after creation.
    OneZoneInfrequentAccess,
    /// S3 Intelligent-Tiering (`INTELLIGENT_TIERING`).
    IntelligentTiering,
    /// S3 Glacier Instant Retrieval (`GLACIER_IR`).
    GlacierInstantRetrieval,
    /// S3 Glacier Flexible Retrieval (`GLACIER`).
    Glacier,
    /// S3 Glacier Deep Archive (`DEEP_ARCHIVE`).
    DeepArchive,
}

impl StorageClass {
    fn current(self) -> s3::TransitionStorageClass {
        use s3::TransitionStorageClass as T;
        match self {
            StorageClass::InfrequentAccess => T::StandardIa,
            StorageClass::OneZoneInfrequentAccess => T::OnezoneIa,
            StorageClass::IntelligentTiering => T::IntelligentTiering,
            StorageClass::GlacierInstantRetrieval => T::GlacierIr,
            StorageClass::Glacier => T::Glacier,
            StorageClass::DeepArchive => T::DeepArchive,
        }
    }

    fn noncurrent(self) -> s3::NoncurrentVersionTransitionStorageClass {
        use s3::NoncurrentVersionTransitionStorageClass as T;
        match self {
            StorageClass::InfrequentAccess => T::StandardIa,
            StorageClass::OneZoneInfrequentAccess => T::OnezoneIa,
            StorageClass::IntelligentTiering => T::IntelligentTiering,
            StorageClass::GlacierInstantRetrieval => T::GlacierIr,
            StorageClass::Glacier => T::Glacier,
            StorageClass::DeepArchive => T::DeepArchive,
        }
    }

    /// S3 refuses transitions to the infrequent-access classes sooner than 30 days.
    fn minimum_days(self) -> u64 {
        match self {
            StorageClass::InfrequentAccess | StorageClass::OneZoneInfrequentAccess => 30,
            _ => 0,
        }
    }
}

/// A move to another storage class, some time after creation (or, in
/// [`LifecycleRule::noncurrent_version_transitions`], after a version
/// became noncurrent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    /// Where the objects go.
    pub storage_class: StorageClass,
    /// When, in whole days.
    pub after: Duration,
}

/// A lifecycle rule: what happens to objects (under a prefix) as they age.
/// Every duration is in whole days, as S3 counts them.
#[derive(Clone, Debug, PartialEq)]
pub struct LifecycleRule {
    /// A unique identifier (up to 255 characters); default generated by S3.
    pub id: Option<String>,
    /// Only objects whose keys start with this. Default every object.
    pub prefix: Option<String>,
    /// Whether S3 applies the rule. Default true.
    pub enabled: bool,
    /// Delete objects this long after their creation.
    pub expiration: Option<Duration>,
    /// Move objects to cheaper storage classes as they age.
    pub transitions: Vec<Transition>,
    /// Delete versions this long after they became noncurrent (versioned buckets).
    pub noncurrent_version_expiration: Option<Duration>,
    /// Move noncurrent versions to cheaper storage classes (versioned buckets).
    pub noncurrent_version_transitions: Vec<Transition>,
    /// Abort multipart uploads not completed this long after they started,
    /// and delete their parts (which are billed until then).
    pub abort_incomplete_multipart_upload_after: Option<Duration>,
}

impl Default for LifecycleRule {
    fn default() -> Self {
        LifecycleRule {
            id: None,
            prefix: None,
            enabled: true,
            expiration: None,
            transitions: Vec::new(),
            noncurrent_version_expiration: None,
            noncurrent_version_transitions: Vec::new(),
            abort_incomplete_multipart_upload_after: None,
        }
    }
}

/// An HTTP method a CORS rule allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `HEAD`
    Head,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    fn cfn(self) -> s3::CorsRuleAllowedMethods {
        use s3::CorsRuleAllowedMethods as M;
        match self {
            HttpMethod::Get => M::Get,
            HttpMethod::Put => M::Put,
            HttpMethod::Head => M::Head,
            HttpMethod::Post => M::Post,
            HttpMethod::Delete => M::Delete,
        }
    }
}

/// A cross-origin resource sharing rule: which web origins may call the
/// bucket from a browser, and how.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorsRule {
    /// A unique identifier (up to 255 characters).
    pub id: Option<String>,
    /// The methods allowed (at least one).
    pub allowed_methods: Vec<HttpMethod>,
    /// The origins allowed (`https://example.com`; at most one `*` each).
    pub allowed_origins: Vec<String>,
    /// The headers a preflight request may ask for (at most one `*` each).
    pub allowed_headers: Vec<String>,
    /// The response headers a browser script may read.
    pub exposed_headers: Vec<String>,
    /// How long a browser caches the preflight response, in whole seconds.
    pub max_age: Option<Duration>,
}

/// Where a bucket's server access logs go: another bucket, under a prefix.
#[derive(Clone)]
pub struct ServerAccessLogs<'a> {
    /// The bucket that receives the logs. It must be encrypted with S3
    /// managed keys (SSE-S3): S3 cannot deliver logs to an SSE-KMS bucket.
    pub bucket: &'a dyn IBucket,
    /// The key prefix of the log objects (`uploads/`). Default none.
    pub prefix: Option<String>,
}

impl std::fmt::Debug for ServerAccessLogs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerAccessLogs")
            .field("bucket", &self.bucket.scope().path())
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// The options of a [`Bucket`]. The defaults are the secure ones: public
/// access blocked, SSE-S3, TLS required, objects owned by the bucket owner,
/// the bucket kept when it leaves the stack.
#[derive(Clone, Debug)]
pub struct BucketProps<'a> {
    /// An explicit name (3 to 63 lowercase letters, digits, dots and
    /// hyphens); default generated by CloudFormation. A name is global
    /// across AWS accounts, and a named bucket cannot be replaced.
    pub bucket_name: Option<String>,
    /// Encryption at rest. Default SSE-S3.
    pub encryption: BucketEncryption,
    /// Block Public Access. Default every setting on; opt out explicitly
    /// with [`BlockPublicAccess::OFF`] or your own settings.
    pub block_public_access: BlockPublicAccess,
    /// Deny every request not made over TLS, in the bucket policy. Default true.
    pub enforce_ssl: bool,
    /// Keep every version of every object. Default false, as in S3 and the
    /// AWS CDK.
    pub versioned: bool,
    /// Lifecycle rules (up to 1,000). Default none.
    pub lifecycle_rules: Vec<LifecycleRule>,
    /// CORS rules (up to 100). Default none: browsers on other origins
    /// cannot call the bucket.
    pub cors: Vec<CorsRule>,
    /// Deliver server access logs to another bucket, whose policy is given
    /// a statement that lets `logging.s3.amazonaws.com` write them (for this
    /// bucket and account only), as the AWS CDK does. Default none.
    pub server_access_logs: Option<ServerAccessLogs<'a>>,
    /// Send every event of the bucket to Amazon EventBridge. Default false.
    pub event_bridge_enabled: bool,
    /// What happens to the bucket when it leaves the stack. Default
    /// [`RemovalPolicy::Retain`], as in the AWS CDK: data is not deleted by
    /// accident. With [`RemovalPolicy::Destroy`], CloudFormation still
    /// cannot delete a bucket that holds objects.
    pub removal_policy: RemovalPolicy,
}

impl Default for BucketProps<'_> {
    fn default() -> Self {
        BucketProps {
            bucket_name: None,
            encryption: BucketEncryption::S3Managed,
            block_public_access: BlockPublicAccess::BLOCK_ALL,
            enforce_ssl: true,
            versioned: false,
            lifecycle_rules: Vec::new(),
            cors: Vec::new(),
            server_access_logs: None,
            event_bridge_enabled: false,
            removal_policy: RemovalPolicy::Retain,
        }
    }
}

/// The S3 events a notification can be sent for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventType {
    /// Any object created (`s3:ObjectCreated:*`).
    ObjectCreated,
    /// An object created by `PUT`.
    ObjectCreatedPut,
    /// An object created by `POST`.
    ObjectCreatedPost,
    /// An object created by a copy.
    ObjectCreatedCopy,
    /// An object created by completing a multipart upload.
    ObjectCreatedCompleteMultipartUpload,
    /// Any object removed (`s3:ObjectRemoved:*`).
    ObjectRemoved,
    /// An object deleted.
    ObjectRemovedDelete,
    /// A delete marker created in a versioned bucket.
    ObjectRemovedDeleteMarkerCreated,
    /// A restore from an archive storage class started.
    ObjectRestorePost,
    /// A restore from an archive storage class completed.
    ObjectRestoreCompleted,
    /// A restored copy expired.
    ObjectRestoreDelete,
    /// Any lifecycle expiration (`s3:LifecycleExpiration:*`).
    LifecycleExpiration,
    /// A lifecycle transition to another storage class.
    LifecycleTransition,
    /// An object moved to an archive tier of Intelligent-Tiering.
    IntelligentTiering,
    /// Any change to an object's tags (`s3:ObjectTagging:*`).
    ObjectTagging,
    /// Any replication event (`s3:Replication:*`).
    Replication,
}

impl EventType {
    /// The event as S3 names it (`s3:ObjectCreated:*`).
    ///
    /// ```
    /// assert_eq!(rcdk_storage::EventType::ObjectRemovedDelete.as_str(), "s3:ObjectRemoved:Delete");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ObjectCreated => "s3:ObjectCreated:*",
            EventType::ObjectCreatedPut => "s3:ObjectCreated:Put",
            EventType::ObjectCreatedPost => "s3:ObjectCreated:Post",
            EventType::ObjectCreatedCopy => "s3:ObjectCreated:Copy",
            EventType::ObjectCreatedCompleteMultipartUpload => "s3:ObjectCreated:CompleteMultipartUpload",
            EventType::ObjectRemoved => "s3:ObjectRemoved:*",
            EventType::ObjectRemovedDelete => "s3:ObjectRemoved:Delete",
            EventType::ObjectRemovedDeleteMarkerCreated => "s3:ObjectRemoved:DeleteMarkerCreated",
            EventType::ObjectRestorePost => "s3:ObjectRestore:Post",
            EventType::ObjectRestoreCompleted => "s3:ObjectRestore:Completed",
            EventType::ObjectRestoreDelete => "s3:ObjectRestore:Delete",
            EventType::LifecycleExpiration => "s3:LifecycleExpiration:*",
            EventType::LifecycleTransition => "s3:LifecycleTransition",
            EventType::IntelligentTiering => "s3:IntelligentTiering",
            EventType::ObjectTagging => "s3:ObjectTagging:*",
            EventType::Replication => "s3:Replication:*",
        }
    }

    /// Whether S3 would deliver some event for both (`ObjectCreated` covers
    /// `ObjectCreatedPut`).
    fn overlaps(self, other: EventType) -> bool {
        let (a, b) = (self.as_str(), other.as_str());
        let covers = |wide: &str, narrow: &str| wide.strip_suffix('*').is_some_and(|stem| narrow.starts_with(stem));
        a == b || covers(a, b) || covers(b, a)
    }
}

/// Which object keys a notification is for: those starting with `prefix`
/// and ending with `suffix`. Default every key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NotificationKeyFilter {
    /// Keys starting with this (`uploads/`).
    pub prefix: Option<String>,
    /// Keys ending with this (`.jpg`).
    pub suffix: Option<String>,
}

impl NotificationKeyFilter {
    fn overlaps(&self, other: &NotificationKeyFilter) -> bool {
        let (p1, p2) = (
            self.prefix.as_deref().unwrap_or(""),
            other.prefix.as_deref().unwrap_or(""),
        );
        let (s1, s2) = (
            self.suffix.as_deref().unwrap_or(""),
            other.suffix.as_deref().unwrap_or(""),
        );
        (p1.starts_with(p2) || p2.starts_with(p1)) && (s1.ends_with(s2) || s2.ends_with(s1))
    }

    fn describe(&self) -> String {
        match (&self.prefix, &self.suffix) {
            (None, None) => "on every key".to_owned(),
            (Some(p), None) => format!("on keys starting with {p:?}"),
            (None, Some(s)) => format!("on keys ending with {s:?}"),
            (Some(p), Some(s)) => format!("on keys starting with {p:?} and ending with {s:?}"),
        }
    }

    fn cfn(&self) -> Option<s3::NotificationFilter> {
        let rules: Vec<s3::FilterRule> = [("prefix", &self.prefix), ("suffix", &self.suffix)]
            .into_iter()
            .filter_map(|(name, value)| value.as_deref().map(|v| s3::FilterRule::new(name, v)))
            .collect();
        (!rules.is_empty()).then(|| s3::NotificationFilter::new(s3::S3KeyFilter::new(rules)))
    }
}

/// Where a bucket's event notifications go.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
/// use rcdk_storage::{Bucket, BucketProps, EventType, NotificationDestination, NotificationKeyFilter};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let bucket = Bucket::new(&stack, "Uploads", BucketProps::default());
/// let thumbnails = Function::new(&stack, "Thumbnails", FunctionProps::new(
///     Runtime::Python313,
///     Code::inline("def handler(event, context):\n    return event\n"),
/// ).handler("index.handler"));
/// bucket.add_event_notification(
///     EventType::ObjectCreated,
///     NotificationDestination::Function(&thumbnails),
///     NotificationKeyFilter { suffix: Some(".jpg".into()), ..Default::default() },
/// );
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("LambdaConfigurations"));
/// assert!(yaml.contains("Principal: s3.amazonaws.com"));
/// ```
#[derive(Clone, Copy)]
pub enum NotificationDestination<'a> {
    /// A standard SQS queue (S3 cannot send to a FIFO queue).
    Queue(&'a dyn IQueue),
    /// A standard SNS topic.
    Topic(&'a dyn ITopic),
    /// A Lambda function, defined in the app or imported from the stack's
    /// account, invoked asynchronously with the event. The function's
    /// permission for `s3.amazonaws.com` is written under the bucket, at the
    /// AWS CDK's `<bucket>/AllowBucketNotificationsTo<function's unique id>`.
    Function(&'a dyn IFunction),
}

#[derive(Default)]
struct Notifications {
    queues: Vec<s3::QueueConfiguration>,
    topics: Vec<s3::TopicConfiguration>,
    functions: Vec<s3::LambdaConfiguration>,
    event_bridge: bool,
    seen: Vec<(EventType, NotificationKeyFilter)>,
    /// The Lambda permissions made under the bucket, by construct id.
    permissions: Vec<String>,
}

impl Notifications {
    fn cfn(&self) -> s3::NotificationConfiguration {
        s3::NotificationConfiguration {
            event_bridge_configuration: self.event_bridge.then(|| s3::EventBridgeConfiguration::new(true)),
            lambda_configurations: (!self.functions.is_empty()).then(|| self.functions.clone()),
            queue_configurations: (!self.queues.is_empty()).then(|| self.queues.clone()),
            topic_configurations: (!self.topics.is_empty()).then(|| self.topics.clone()),
        }
    }
}

/// An S3 bucket, private, encrypted and reachable only over TLS: a
/// construct whose `AWS::S3::Bucket` is its `Resource` child and whose policy
/// is `Policy/Resource`, as in the AWS CDK, so the same construct paths give
/// the CDK's logical IDs.
///
/// ```
/// use rcdk_core::{App, Duration, StackProps};
/// use rcdk_storage::{Bucket, BucketProps, LifecycleRule};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// Bucket::new(&stack, "Uploads", BucketProps {
///     versioned: true,
///     lifecycle_rules: vec![LifecycleRule {
///         noncurrent_version_expiration: Some(Duration::days(30)),
///         ..Default::default()
///     }],
///     ..Default::default()
/// });
/// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
/// assert!(yaml.contains("BlockPublicPolicy: true"));
/// assert!(yaml.contains("BucketOwnerEnforced"));
/// assert!(yaml.contains("NoncurrentDays: 30"));
/// ```
#[derive(Clone)]
pub struct Bucket {
    scope: Scope,
    bucket: CfnBucket,
    name: Option<String>,
    encryption: BucketEncryption,
    policy: Rc<RefCell<Option<CfnBucketPolicy>>>,
    notifications: Rc<RefCell<Notifications>>,
}

impl std::fmt::Debug for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bucket")
            .field("path", &self.scope.path())
            .field("name", &self.name)
            .field("encryption", &self.encryption)
            .finish()
    }
}

impl Construct for Bucket {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IBucket for Bucket {
    fn bucket_name(&self) -> Expr<String> {
        self.bucket.reference()
    }

    fn bucket_arn(&self) -> Expr<String> {
        self.bucket.attr_arn()
    }

    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        match &self.encryption {
            BucketEncryption::Kms(key) => Some(key.clone()),
            BucketEncryption::S3Managed => None,
        }
    }
}

impl IResourceWithPolicy for Bucket {
    /// Adds a statement to the bucket policy, an `AWS::S3::BucketPolicy` at
    /// `Policy/Resource` (the AWS CDK's path) made on the first statement;
    /// identical statements are added once. A statement that admits a
    /// service principal without `aws:SourceAccount` or `aws:SourceArn` is
    /// open to the confused deputy problem and is recorded as a warning.
    fn add_to_resource_policy(&self, statement: PolicyStatement) -> bool {
        if let Some(Principal::Service(p)) = &statement.principal {
            let conditions = statement.all_conditions();
            if !conditions.contains_key(rcdk_iam::SOURCE_ACCOUNT) && !conditions.contains_key(rcdk_iam::SOURCE_ARN) {
                self.scope.add_warning(format!(
                    "the bucket policy admits {} without aws:SourceAccount or aws:SourceArn, so any account's resources can use it (the confused deputy problem); name the source with ServicePrincipal::with_source_arn or with_source_account",
                    p.service()
                ));
            }
        }
        let mut slot = self.policy.borrow_mut();
        let policy = slot.get_or_insert_with(|| {
            CfnBucketPolicy::new(
                &self.scope.child("Policy"),
                "Resource",
                CfnBucketPolicyProps::new(self.bucket.reference(), policy_document([])),
            )
        });
        let mut doc = policy.property("PolicyDocument").unwrap_or_default();
        append_statement(&mut doc, &statement);
        policy.set_policy_document(doc);
        true
    }
}

impl Bucket {
    /// Adds a bucket.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Bucket, BucketEncryption, BucketProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let key = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    /// Bucket::new(&stack, "Records", BucketProps { encryption: BucketEncryption::Kms(key.into()), ..Default::default() });
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("SSEAlgorithm: aws:kms"));
    /// assert!(yaml.contains("BucketKeyEnabled: true"));
    /// ```
    #[track_caller]
    pub fn new(scope: &Scope, id: &str, props: BucketProps<'_>) -> Bucket {
        let node = scope.child(id);
        check_props(&node, &props);
        let encryption = match &props.encryption {
            BucketEncryption::S3Managed => s3::ServerSideEncryptionRule {
                blocked_encryption_types: None,
                bucket_key_enabled: None,
                server_side_encryption_by_default: Some(s3::ServerSideEncryptionByDefault::new(
                    s3::ServerSideEncryptionByDefaultSseAlgorithm::Aes256,
                )),
            },
            BucketEncryption::Kms(key) => s3::ServerSideEncryptionRule {
                blocked_encryption_types: None,
                bucket_key_enabled: Some(true.into()),
                server_side_encryption_by_default: Some(s3::ServerSideEncryptionByDefault {
                    kms_master_key_id: Some(key.clone()),
                    ..s3::ServerSideEncryptionByDefault::new(s3::ServerSideEncryptionByDefaultSseAlgorithm::AwsKms)
                }),
            },
        };
        let block = props.block_public_access;
        let lifecycle: Vec<s3::Rule> = props.lifecycle_rules.iter().map(|r| lifecycle_rule(&node, r)).collect();
        let cors: Vec<s3::CorsRule> = props.cors.iter().map(|r| cors_rule(&node, r)).collect();
        let logging = props.server_access_logs.as_ref().map(|logs| s3::LoggingConfiguration {
            destination_bucket_name: Some(logs.bucket.bucket_name()),
            log_file_prefix: logs.prefix.as_deref().map(Into::into),
            target_object_key_format: None,
        });
        let bucket = CfnBucket::new(
            &node,
            "Resource",
            CfnBucketProps {
                bucket_name: props.bucket_name.as_deref().map(Into::into),
                bucket_encryption: Some(s3::BucketEncryption::new(vec![encryption])),
                public_access_block_configuration: Some(s3::PublicAccessBlockConfiguration {
                    block_public_acls: Some(block.block_public_acls.into()),
                    block_public_policy: Some(block.block_public_policy.into()),
                    ignore_public_acls: Some(block.ignore_public_acls.into()),
                    restrict_public_buckets: Some(block.restrict_public_buckets.into()),
                }),
                // ACLs off: the bucket owner owns every object, and access is
                // decided by policies alone.
                ownership_controls: Some(s3::OwnershipControls::new(vec![s3::OwnershipControlsRule {
                    object_ownership: Some(s3::OwnershipControlsRuleObjectOwnership::BucketOwnerEnforced.into()),
                }])),
                versioning_configuration: props
                    .versioned
                    .then(|| s3::VersioningConfiguration::new(s3::VersioningConfigurationStatus::Enabled)),
                lifecycle_configuration: (!lifecycle.is_empty()).then(|| s3::LifecycleConfiguration::new(lifecycle)),
                cors_configuration: (!cors.is_empty()).then(|| s3::CorsConfiguration::new(cors)),
                logging_configuration: logging,
                ..Default::default()
            },
        );
        if props.removal_policy != RemovalPolicy::Snapshot {
            bucket.apply_removal_policy(props.removal_policy);
        }
        let b = Bucket {
            scope: node,
            bucket,
            name: props.bucket_name.clone(),
            encryption: props.encryption.clone(),
            policy: Rc::default(),
            notifications: Rc::default(),
        };
        if props.enforce_ssl {
            b.add_to_resource_policy(
                PolicyStatement::deny(["s3:*"], [b.bucket_arn(), b.arn_for_objects("*")])
                    .with_principal(Principal::Aws("*".into()))
                    .with_condition("Bool", "aws:SecureTransport", "false"),
            );
        }
        if let Some(logs) = &props.server_access_logs {
            b.admit_log_delivery(logs);
        }
        if props.event_bridge_enabled {
            b.notifications.borrow_mut().event_bridge = true;
            b.bucket.set_notification_configuration(b.notifications.borrow().cfn());
        }
        b
    }

    /// Lets S3's log delivery write this bucket's access logs into the log
    /// bucket, as the AWS CDK does (`logging.s3.amazonaws.com`, for this
    /// bucket and account only, under the prefix only).
    fn admit_log_delivery(&self, logs: &ServerAccessLogs<'_>) {
        let prefix = logs.prefix.as_deref().unwrap_or("");
        let delivery = ServicePrincipal::new("logging.s3.amazonaws.com")
            .with_source_arn_like(self.bucket_arn())
            .with_source_account(Aws::account_id());
        let statement = PolicyStatement::allow(["s3:PutObject"], [logs.bucket.arn_for_objects(&format!("{prefix}*"))])
            .with_principal(delivery);
        if !logs.bucket.add_to_resource_policy(statement) {
            self.scope.add_warning(format!(
                "the access log bucket {} is imported, so rcdk cannot let S3 deliver logs to it; make sure its policy allows s3:PutObject on {prefix}* to the service logging.s3.amazonaws.com",
                logs.bucket.scope().path()
            ));
        }
    }

    /// Imports an existing bucket by name; its ARN is
    /// `arn:<partition>:s3:::<name>`. A literal name is checked.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Bucket, IBucket};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::from_name(&stack, "Shared", "shared-data");
    /// assert_eq!(bucket.bucket_name().value().as_str(), Some("shared-data"));
    /// ```
    #[track_caller]
    pub fn from_name(scope: &Scope, id: &str, name: impl Into<Expr<String>>) -> ImportedBucket {
        let node = scope.child(id);
        let name = name.into();
        if let Some(Err(e)) = name.value().as_str().map(check_bucket_name) {
            node.add_error(format!("Bucket::from_name: {e}"));
        }
        let arn = cfn_format!("arn:{}:s3:::{}", Aws::partition(), name.clone());
        ImportedBucket {
            scope: node,
            name,
            arn,
            key: None,
        }
    }

    /// Imports an existing bucket by ARN (`arn:<partition>:s3:::<name>`);
    /// its name comes from the ARN. A literal ARN is checked.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Bucket, IBucket};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::from_arn(&stack, "Archive", "arn:aws:s3:::org-archive");
    /// assert_eq!(bucket.bucket_name().value().as_str(), Some("org-archive"));
    /// ```
    #[track_caller]
    pub fn from_arn(scope: &Scope, id: &str, arn: impl Into<Expr<String>>) -> ImportedBucket {
        let node = scope.child(id);
        let arn = arn.into();
        let name = match arn.value().as_str().map(bucket_name_of) {
            Some(Ok(name)) => Expr::from(name),
            Some(Err(e)) => {
                node.add_error(format!("Bucket::from_arn: {e}"));
                Expr::from("invalid")
            }
            None => arn.split(":").select(5),
        };
        ImportedBucket {
            scope: node,
            name,
            arn,
            key: None,
        }
    }

    /// The L1 bucket, to adjust any property with its typed setters.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_cfn::s3::bucket::{AccelerateConfiguration, AccelerateConfigurationAccelerationStatus};
    /// use rcdk_storage::{Bucket, BucketProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::new(&stack, "Assets", BucketProps::default());
    /// bucket.cfn().set_accelerate_configuration(AccelerateConfiguration::new(AccelerateConfigurationAccelerationStatus::Enabled));
    /// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("AccelerationStatus: Enabled"));
    /// ```
    pub fn cfn(&self) -> &CfnBucket {
        &self.bucket
    }

    /// The bucket policy, once a statement was added (with `enforce_ssl`,
    /// from the start).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Bucket, BucketProps};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::new(&stack, "Data", BucketProps { enforce_ssl: false, ..Default::default() });
    /// assert!(bucket.policy().is_none());
    /// ```
    pub fn policy(&self) -> Option<CfnBucketPolicy> {
        self.policy.borrow().clone()
    }

    /// Sends `event`s on keys that match `filter` to a queue, a topic or a
    /// Lambda function, and lets S3 deliver there in the destination's
    /// policy (for a function, its resource policy: an
    /// `AWS::Lambda::Permission`).
    ///
    /// Unlike the AWS CDK, which writes notifications with a custom resource
    /// backed by a Lambda function of its own, rcdk writes the bucket's
    /// `NotificationConfiguration`, which CloudFormation supports natively.
    /// S3 checks that it may deliver when the configuration is written, so
    /// the bucket depends on the destination (and its policy). The policy
    /// statement admits `s3.amazonaws.com` with `aws:SourceAccount` of the
    /// stack's account, and an `aws:SourceArn` that cannot name the bucket
    /// by reference (the policy would depend on the bucket, which depends
    /// on the policy: a cycle): for a bucket with an explicit `bucket_name`
    /// it is the literal `arn:<partition>:s3:::<name>`; otherwise any bucket
    /// (`ArnLike arn:<partition>:s3:::*`), so any bucket of the account could
    /// send there. Name the bucket for the tighter condition.
    ///
    /// An imported destination's policy is not the app's to write (a
    /// warning says what it must allow). A destination encrypted with a
    /// customer managed key must let `s3.amazonaws.com` use the key
    /// (`kms:GenerateDataKey*`, `kms:Decrypt`) in the key's policy; a topic
    /// encrypted with the AWS managed key `alias/aws/sns` cannot receive S3
    /// events at all (the topic warns). Overlapping filters for overlapping
    /// events, which S3 refuses, and FIFO queues, which S3 cannot send to,
    /// are synth errors.
    ///
    /// A function gets one permission per bucket, whatever the events and
    /// filters: `AllowBucketNotificationsTo<function's unique id>` under the
    /// bucket (the AWS CDK's path and logical ID), letting `s3.amazonaws.com`
    /// call `lambda:InvokeFunction` with `SourceAccount` the stack's account
    /// and `SourceArn` the bucket, as above: the literal ARN of a named
    /// bucket, else `arn:<partition>:s3:::*` (the bucket depends on the
    /// permission, which cannot reference the bucket without a cycle; the
    /// CDK, whose custom resource writes the notifications, names the
    /// bucket's own ARN). A function
    /// imported from another account than the stack's cannot be given a
    /// permission by the stack: an error.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Code, Function, FunctionProps, Runtime};
    /// use rcdk_storage::{Bucket, BucketProps, EventType, NotificationDestination, NotificationKeyFilter};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::new(&stack, "Inbox", BucketProps { bucket_name: Some("acme-inbox".into()), ..Default::default() });
    /// let ingest = Function::new(&stack, "Ingest", FunctionProps::new(Runtime::Nodejs22, Code::inline("exports.handler = async () => {};")).handler("index.handler"));
    /// bucket.add_event_notification(
    ///     EventType::ObjectCreated,
    ///     NotificationDestination::Function(&ingest),
    ///     NotificationKeyFilter { prefix: Some("in/".into()), ..Default::default() },
    /// );
    /// let assembly = app.synth().unwrap();
    /// let template = assembly.stack("S").unwrap().template();
    /// let bucket_id = template["Resources"].as_object().unwrap().iter()
    ///     .find(|(_, r)| r["Type"] == "AWS::S3::Bucket").unwrap().0.clone();
    /// assert!(template["Resources"][bucket_id.as_str()]["DependsOn"][0].as_str().unwrap().starts_with("InboxAllowBucketNotificationsTo"));
    /// ```
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_messaging::{Queue, QueueProps};
    /// use rcdk_storage::{Bucket, BucketProps, EventType, NotificationDestination, NotificationKeyFilter};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::new(&stack, "Uploads", BucketProps { bucket_name: Some("acme-uploads".into()), ..Default::default() });
    /// let jobs = Queue::new(&stack, "Jobs", QueueProps::default());
    /// bucket.add_event_notification(
    ///     EventType::ObjectCreated,
    ///     NotificationDestination::Queue(&jobs),
    ///     NotificationKeyFilter { prefix: Some("raw/".into()), suffix: Some(".csv".into()) },
    /// );
    /// let yaml = app.synth().unwrap().stack("S").unwrap().to_yaml();
    /// assert!(yaml.contains("s3:ObjectCreated:*"));
    /// assert!(yaml.contains(":s3:::acme-uploads"));
    /// ```
    #[track_caller]
    pub fn add_event_notification(
        &self,
        event: EventType,
        destination: NotificationDestination<'_>,
        filter: NotificationKeyFilter,
    ) {
        for (label, value) in [("prefix", &filter.prefix), ("suffix", &filter.suffix)] {
            if value.as_ref().is_some_and(|v| v.is_empty() || v.len() > 1024) {
                self.scope.add_error(format!(
                    "a notification filter {label} must be 1 to 1,024 characters (an S3 key's length); drop it or shorten it"
                ));
                return;
            }
        }
        let mut n = self.notifications.borrow_mut();
        if let Some((other, other_filter)) = n.seen.iter().find(|(e, f)| e.overlaps(event) && f.overlaps(&filter)) {
            self.scope.add_error(format!(
                "the notification for {} {} overlaps the one for {} {}, and S3 refuses overlapping notifications; give them prefixes or suffixes that do not overlap, or send both to one destination",
                event.as_str(),
                filter.describe(),
                other.as_str(),
                other_filter.describe()
            ));
            return;
        }
        let (admitted, path) = match destination {
            NotificationDestination::Queue(queue) => {
                if queue.fifo() == Some(true) {
                    self.scope.add_error(
                        "S3 cannot send event notifications to a FIFO queue; use a standard queue, or send the events to EventBridge (event_bridge_enabled) and route them to the FIFO queue with a rule",
                    );
                    return;
                }
                n.queues.push(s3::QueueConfiguration {
                    filter: filter.cfn(),
                    ..s3::QueueConfiguration::new(event.as_str(), queue.queue_arn())
                });
                let statement = PolicyStatement::allow(["sqs:SendMessage"], [queue.queue_arn()])
                    .with_principal(self.s3_principal());
                // S3 checks that it may deliver when the configuration is
                // written: the destination's policy must exist first.
                self.bucket.scope().add_dependency(queue.scope());
                (queue.add_to_resource_policy(statement), queue.scope().path())
            }
            NotificationDestination::Topic(topic) => {
                n.topics.push(s3::TopicConfiguration {
                    filter: filter.cfn(),
                    ..s3::TopicConfiguration::new(event.as_str(), topic.topic_arn())
                });
                let statement =
                    PolicyStatement::allow(["sns:Publish"], [topic.topic_arn()]).with_principal(self.s3_principal());
                self.bucket.scope().add_dependency(topic.scope());
                (topic.add_to_resource_policy(statement), topic.scope().path())
            }
            NotificationDestination::Function(function) => {
                if let Some(account) = rcdk_lambda::foreign_account(&function.function_arn(), &self.scope) {
                    self.scope.add_error(format!(
                        "the notification destination {} is a function of the account {account}, not the stack's, and a stack can only add the permission S3 needs to its own account's functions; deploy the bucket in the function's account, or send the events to a queue or topic there",
                        function.scope().path()
                    ));
                    return;
                }
                n.functions.push(s3::LambdaConfiguration {
                    filter: filter.cfn(),
                    ..s3::LambdaConfiguration::new(event.as_str(), function.function_arn())
                });
                let id = format!("AllowBucketNotificationsTo{}", function.scope().unique_id());
                if !n.permissions.contains(&id) {
                    let permission = self.lambda_permission(&id, function);
                    // S3 checks that it may invoke the function when the
                    // configuration is written: the permission comes first.
                    self.bucket.add_depends_on(&permission);
                    n.permissions.push(id);
                }
                (true, function.scope().path())
            }
        };
        if !admitted {
            self.scope.add_warning(format!(
                "the notification destination {path} is imported, so rcdk cannot let S3 deliver to it, and S3 refuses the notification unless its policy does; allow the service s3.amazonaws.com to send (sqs:SendMessage or sns:Publish) in the destination's policy, for this bucket and account"
            ));
        }
        n.seen.push((event, filter));
        self.bucket.set_notification_configuration(n.cfn());
    }

    /// Lets `s3.amazonaws.com` invoke `function` for this bucket (as
    /// [`s3_principal`](Self::s3_principal) names it) and on behalf of the
    /// stack's account: an `AWS::Lambda::Permission` at `<bucket>/<id>`.
    fn lambda_permission(&self, id: &str, function: &dyn IFunction) -> CfnPermission {
        let account = self.scope.stack().map_or_else(Aws::account_id, |s| s.account());
        let source_arn = match &self.name {
            Some(name) => cfn_format!("arn:{}:s3:::{}", Aws::partition(), name.as_str()),
            None => cfn_format!("arn:{}:s3:::*", Aws::partition()),
        };
        CfnPermission::new(
            &self.scope,
            id,
            CfnPermissionProps {
                source_account: Some(account),
                source_arn: Some(source_arn),
                ..CfnPermissionProps::new(INVOKE_FUNCTION, function.function_arn(), "s3.amazonaws.com")
            },
        )
    }

    /// `s3.amazonaws.com` for this bucket's notifications: the bucket's
    /// literal ARN when it is named, any bucket of the account otherwise (a
    /// reference to the bucket would be a dependency cycle).
    fn s3_principal(&self) -> ServicePrincipal {
        let s3 = ServicePrincipal::new("s3.amazonaws.com").with_source_account(Aws::account_id());
        match &self.name {
            Some(name) => s3.with_source_arn(cfn_format!("arn:{}:s3:::{}", Aws::partition(), name.as_str())),
            None => s3.with_source_arn_like(cfn_format!("arn:{}:s3:::*", Aws::partition())),
        }
    }
}

fn check_props(node: &Scope, props: &BucketProps<'_>) {
    if let Some(Err(e)) = props.bucket_name.as_deref().map(check_bucket_name) {
        node.add_error(e);
    }
    if props.removal_policy == RemovalPolicy::Snapshot {
        node.add_error(
            "S3 buckets have no snapshots, so RemovalPolicy::Snapshot is refused by CloudFormation; use Retain (the default) or Destroy",
        );
    }
    if props.lifecycle_rules.len() > 1000 {
        node.add_error(format!(
            "the bucket has {} lifecycle rules and S3 accepts at most 1,000; merge rules that share a prefix",
            props.lifecycle_rules.len()
        ));
    }
    let mut ids: Vec<&str> = Vec::new();
    for rule in &props.lifecycle_rules {
        if let Some(id) = &rule.id {
            if id.is_empty() || id.chars().count() > 255 {
                node.add_error(format!(
                    "lifecycle rule id {id:?} must be 1 to 255 characters; shorten it"
                ));
            }
            if ids.contains(&id.as_str()) {
                node.add_error(format!(
                    "two lifecycle rules have the id {id:?}, and S3 requires unique ids; rename one"
                ));
            }
            ids.push(id);
        }
        let name = rule
            .id
            .as_deref()
            .map_or_else(|| "without an id".to_owned(), |id| format!("{id:?}"));
        let does_something = rule.expiration.is_some()
            || !rule.transitions.is_empty()
            || rule.noncurrent_version_expiration.is_some()
            || !rule.noncurrent_version_transitions.is_empty()
            || rule.abort_incomplete_multipart_upload_after.is_some();
        if !does_something {
            node.add_error(format!(
                "lifecycle rule {name} has no action, and S3 refuses it; give it an expiration, a transition, a noncurrent version expiration or transition, or abort_incomplete_multipart_upload_after"
            ));
        }
        let noncurrent =
            rule.noncurrent_version_expiration.is_some() || !rule.noncurrent_version_transitions.is_empty();
        if noncurrent && !props.versioned {
            node.add_warning(format!(
                "lifecycle rule {name} acts on noncurrent versions, which an unversioned bucket does not keep; set versioned: true, or drop the noncurrent version actions"
            ));
        }
        let current = rule.transitions.iter().map(|t| (t, rule.expiration));
        let noncurrent = rule
            .noncurrent_version_transitions
            .iter()
            .map(|t| (t, rule.noncurrent_version_expiration));
        for (t, expiry) in current.chain(noncurrent) {
            let min = t.storage_class.minimum_days();
            if t.after.to_days().is_some_and(|d| d < min) {
                node.add_error(format!(
                    "lifecycle rule {name} moves objects to {:?} after {}, and S3 requires at least {min} days for that class; wait {min} days or more",
                    t.storage_class, t.after
                ));
            }
            if let Some(expiry) = expiry.filter(|e| *e <= t.after) {
                node.add_error(format!(
                    "lifecycle rule {name} expires objects after {expiry}, no later than their move to {:?} after {}; expire them after the last transition, or drop the transition",
                    t.storage_class, t.after
                ));
            }
        }
    }
    if props.cors.len() > 100 {
        node.add_error(format!(
            "the bucket has {} CORS rules and S3 accepts at most 100; merge rules",
            props.cors.len()
        ));
    }
    for (i, rule) in props.cors.iter().enumerate() {
        if rule.allowed_methods.is_empty() || rule.allowed_origins.is_empty() {
            node.add_error(format!(
                "CORS rule {i} allows no {}; name at least one",
                if rule.allowed_methods.is_empty() {
                    "method"
                } else {
                    "origin"
                }
            ));
        }
        for value in rule.allowed_origins.iter().chain(&rule.allowed_headers) {
            if value.matches('*').count() > 1 {
                node.add_error(format!(
                    "CORS rule {i} has {value:?}, with more than one *, and S3 accepts one wildcard per origin or header; split it into several values"
                ));
            }
        }
        if let Some(id) = &rule.id {
            if id.chars().count() > 255 {
                node.add_error(format!("CORS rule id {id:?} is over 255 characters; shorten it"));
            }
        }
    }
    if let Some(logs) = &props.server_access_logs {
        if logs.bucket.encryption_key_arn().is_some() {
            node.add_error(format!(
                "the access log bucket {} is encrypted with a KMS key, and S3 delivers server access logs only to buckets encrypted with S3 managed keys; log to a bucket with BucketEncryption::S3Managed",
                logs.bucket.scope().path()
            ));
        }
    }
}

/// A duration as the whole days S3 lifecycle rules count (at least `min`),
/// or an error naming what it is for.
fn days(node: &Scope, what: &str, d: Option<Duration>, min: u64) -> Option<Expr<i64>> {
    let d = d?;
    match d.to_days() {
        Some(n) if n >= min && n <= i32::MAX as u64 => Some(Expr::from(n as i64)),
        Some(n) if n < min => {
            node.add_error(format!(
                "{what} of {n} days is refused by S3, which takes at least {min}; use Duration::days(n) with n at least {min}"
            ));
            None
        }
        _ => {
            node.add_error(format!(
                "{what} of {d} is not a whole number of days, and S3 lifecycle rules count in days; use Duration::days(n)"
            ));
            None
        }
    }
}

fn lifecycle_rule(node: &Scope, rule: &LifecycleRule) -> s3::Rule {
    let status = if rule.enabled {
        s3::RuleStatus::Enabled
    } else {
        s3::RuleStatus::Disabled
    };
    let transitions: Vec<s3::Transition> = rule
        .transitions
        .iter()
        .map(|t| s3::Transition {
            transition_in_days: days(node, "a transition", Some(t.after), 0),
            ..s3::Transition::new(t.storage_class.current())
        })
        .collect();
    let noncurrent_transitions: Vec<s3::NoncurrentVersionTransition> = rule
        .noncurrent_version_transitions
        .iter()
        .map(|t| {
            // A duration in other units is an error already, which fails synth.
            let after =
                days(node, "a noncurrent version transition", Some(t.after), 0).unwrap_or_else(|| Expr::from(0));
            s3::NoncurrentVersionTransition::new(t.storage_class.noncurrent(), after)
        })
        .collect();
    s3::Rule {
        id: rule.id.as_deref().map(Into::into),
        prefix: rule.prefix.as_deref().map(Into::into),
        expiration_in_days: days(node, "expiration", rule.expiration, 1),
        noncurrent_version_expiration: days(
            node,
            "noncurrent_version_expiration",
            rule.noncurrent_version_expiration,
            1,
        )
        .map(s3::NoncurrentVersionExpiration::new),
        abort_incomplete_multipart_upload: days(
            node,
            "abort_incomplete_multipart_upload_after",
            rule.abort_incomplete_multipart_upload_after,
            0,
        )
        .map(s3::AbortIncompleteMultipartUpload::new),
        transitions: (!transitions.is_empty()).then_some(transitions),
        noncurrent_version_transitions: (!noncurrent_transitions.is_empty()).then_some(noncurrent_transitions),
        ..s3::Rule::new(status)
    }
}

fn cors_rule(node: &Scope, rule: &CorsRule) -> s3::CorsRule {
    let list = |v: &Vec<String>| (!v.is_empty()).then(|| Expr::from(v.clone()));
    let max_age = rule.max_age.and_then(|d| match d.to_seconds() {
        Some(s) if s <= i32::MAX as u64 => Some(Expr::from(s as i64)),
        _ => {
            node.add_error(format!(
                "CORS max_age of {d} is not a whole number of seconds; use Duration::seconds(n)"
            ));
            None
        }
    });
    let methods: Vec<s3::CorsRuleAllowedMethods> = rule.allowed_methods.iter().map(|m| m.cfn()).collect();
    s3::CorsRule {
        id: rule.id.as_deref().map(Into::into),
        allowed_headers: list(&rule.allowed_headers),
        exposed_headers: list(&rule.exposed_headers),
        max_age,
        ..s3::CorsRule::new(methods, rule.allowed_origins.clone())
    }
}

/// Checks a bucket name against S3's naming rules, saying what is wrong and
/// how to fix it.
fn check_bucket_name(name: &str) -> Result<(), String> {
    const RULE: &str =
        "use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit";
    let problem = if !(3..=63).contains(&name.len()) {
        format!("is {} characters long", name.len())
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '.' || *c == '-'))
    {
        format!("contains {c:?}")
    } else if !name.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !name.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        "does not start and end with a letter or digit".to_owned()
    } else if name.contains("..") {
        "has two adjacent dots".to_owned()
    } else if name.split('.').count() == 4
        && name
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        "is formatted as an IP address".to_owned()
    } else if let Some(p) = ["xn--", "sthree-", "amzn-s3-demo-"]
        .iter()
        .find(|p| name.starts_with(**p))
    {
        format!("starts with {p:?}, which S3 reserves")
    } else if let Some(s) = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]
        .iter()
        .find(|s| name.ends_with(**s))
    {
        format!("ends with {s:?}, which S3 reserves")
    } else {
        return Ok(());
    };
    Err(format!("bucket name {name:?} {problem}; {RULE}"))
}

/// The name in a literal bucket ARN (`arn:aws:s3:::name`).
fn bucket_name_of(arn: &str) -> Result<&str, String> {
    let parts: Vec<&str> = arn.split(':').collect();
    match parts.as_slice() {
        ["arn", partition, "s3", "", "", name] if !partition.is_empty() && !name.contains('/') => {
            check_bucket_name(name)?;
            Ok(name)
        }
        _ => Err(format!(
            "{arn:?} is not an S3 bucket ARN; use arn:<partition>:s3:::<bucket name> (no region, account or object key)"
        )),
    }
}

/// A bucket that exists outside the app, imported with [`Bucket::from_name`]
/// or [`Bucket::from_arn`]. Its policy is not the app's to change: grants go
/// to roles only.
#[derive(Clone, Debug)]
pub struct ImportedBucket {
    scope: Scope,
    name: Expr<String>,
    arn: Expr<String>,
    key: Option<Expr<String>>,
}

impl ImportedBucket {
    /// The bucket as encrypted with the customer managed key `key_arn`, so
    /// grants include the key's use.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_storage::{Bucket, IBucket};
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let bucket = Bucket::from_name(&stack, "Vault", "org-vault")
    ///     .with_encryption_key("arn:aws:kms:eu-west-1:111111111111:key/abc");
    /// assert!(bucket.encryption_key_arn().is_some());
    /// ```
    pub fn with_encryption_key(mut self, key_arn: impl Into<Expr<String>>) -> ImportedBucket {
        self.key = Some(key_arn.into());
        self
    }
}

impl Construct for ImportedBucket {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl IResourceWithPolicy for ImportedBucket {
    fn add_to_resource_policy(&self, _: PolicyStatement) -> bool {
        false
    }
}

impl IBucket for ImportedBucket {
    fn bucket_name(&self) -> Expr<String> {
        self.name.clone()
    }

    fn bucket_arn(&self) -> Expr<String> {
        self.arn.clone()
    }

    fn encryption_key_arn(&self) -> Option<Expr<String>> {
        self.key.clone()
    }
}
