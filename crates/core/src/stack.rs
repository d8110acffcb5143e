//! Stacks: the unit of deployment.

use std::ops::Deref;

use crate::asset::{
    self, FileAsset, FileAssetEntry, FileAssetLocation, ImageAsset, ImageAssetEntry, ImageAssetLocation,
};
use crate::expr::{Aws, Expr};
use crate::graph::NodeId;
use crate::scope::{Construct, Scope};

/// Where a stack deploys. Leave a field `None` for an environment-agnostic
/// stack that deploys wherever the command line points.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// The AWS account id (12 digits).
    pub account: Option<String>,
    /// The AWS region, for example `eu-west-1`.
    pub region: Option<String>,
}

impl Environment {
    /// An environment pinned to an account and a region.
    pub fn new(account: &str, region: &str) -> Environment {
        Environment {
            account: Some(account.to_owned()),
            region: Some(region.to_owned()),
        }
    }
}

/// The options of a [`Stack`].
///
/// ```
/// use rcdk_core::{StackProps, Environment};
/// let props = StackProps {
///     description: Some("Orders service".into()),
///     env: Environment::new("123456789012", "eu-west-1"),
///     tags: vec![("team".into(), "orders".into())],
///     ..Default::default()
/// };
/// # let _ = props;
/// ```
#[derive(Clone, Debug, Default)]
pub struct StackProps {
    /// The CloudFormation stack name; defaults to the stack's id.
    pub stack_name: Option<String>,
    /// The template's `Description`.
    pub description: Option<String>,
    /// Account and region; both `None` (the default) is environment-agnostic.
    pub env: Environment,
    /// Tags applied to the stack and to every taggable resource in it.
    pub tags: Vec<(String, String)>,
    /// Protects the deployed stack from deletion.
    pub termination_protection: bool,
    /// The qualifier of the bootstrap stack whose bucket and repository hold
    /// this stack's assets; `None` is the AWS CDK's default, `hnb659fds`.
    /// 1 to 10 lowercase letters and digits.
    pub bootstrap_qualifier: Option<String>,
}

pub(crate) struct StackData {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) env: Environment,
    pub(crate) termination_protection: bool,
    /// Stacks this one must deploy after, besides those implied by references.
    pub(crate) dependencies: Vec<NodeId>,
    pub(crate) qualifier: String,
    pub(crate) file_assets: Vec<FileAssetEntry>,
    pub(crate) image_assets: Vec<ImageAssetEntry>,
}

impl StackData {
    pub(crate) fn new(id: &str, props: StackProps) -> StackData {
        StackData {
            name: props.stack_name.unwrap_or_else(|| id.to_owned()),
            description: props.description,
            env: props.env,
            termination_protection: props.termination_protection,
            dependencies: Vec::new(),
            qualifier: props
                .bootstrap_qualifier
                .unwrap_or_else(|| asset::DEFAULT_QUALIFIER.to_owned()),
            file_assets: Vec::new(),
            image_assets: Vec::new(),
        }
    }
}

/// A CloudFormation stack: a scope whose resources synthesize into one template.
///
/// `Stack` dereferences to [`Scope`], so it is passed wherever a scope is.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// let app = App::new();
/// let network = app.stack("Network", StackProps::default());
/// let service = app.stack("Service", StackProps::default());
/// service.add_stack_dependency(&network);
/// assert_eq!(service.stack_name(), "Service");
/// ```
#[derive(Clone, Debug)]
pub struct Stack {
    scope: Scope,
}

impl Deref for Stack {
    type Target = Scope;
    fn deref(&self) -> &Scope {
        &self.scope
    }
}

impl Construct for Stack {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl Stack {
    pub(crate) fn from_scope(scope: Scope) -> Stack {
        Stack { scope }
    }

    /// The CloudFormation stack name.
    pub fn stack_name(&self) -> String {
        self.scope
            .graph
            .borrow()
            .stack_data(self.scope.node)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    /// The stack's environment.
    pub fn environment(&self) -> Environment {
        self.scope
            .graph
            .borrow()
            .stack_data(self.scope.node)
            .map(|s| s.env.clone())
            .unwrap_or_default()
    }

    /// True when the stack has no fixed region: it deploys wherever it is pointed.
    pub fn is_environment_agnostic(&self) -> bool {
        self.environment().region.is_none()
    }

    /// The stack's region: the literal when the environment names one, else `AWS::Region`.
    pub fn region(&self) -> Expr<String> {
        self.environment().region.map(Expr::from).unwrap_or_else(Aws::region)
    }

    /// The stack's account: the literal when the environment names one, else `AWS::AccountId`.
    pub fn account(&self) -> Expr<String> {
        self.environment()
            .account
            .map(Expr::from)
            .unwrap_or_else(Aws::account_id)
    }

    /// Makes this stack deploy after `other`.
    pub fn add_stack_dependency(&self, other: &Stack) {
        let other = other.scope.node;
        if let Some(s) = self.scope.graph_mut().stack_data_mut(self.scope.node) {
            if !s.dependencies.contains(&other) {
                s.dependencies.push(other);
            }
        }
    }

    /// The qualifier of the bootstrap stack that holds this stack's assets.
    pub fn bootstrap_qualifier(&self) -> String {
        self.with_data(|d| d.qualifier.clone()).unwrap_or_default()
    }

    /// Adds a file asset (normally through `rcdk-assets`) and returns where
    /// it will be once published: the bootstrap bucket and a key named by
    /// its hash. The same asset added twice is staged and uploaded once.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_core::asset::{AssetSource, FileAsset};
    /// let app = App::new();
    /// let stack = app.stack("Demo", StackProps::default());
    /// let hash = "ab".repeat(32);
    /// let asset = FileAsset { hash: hash.clone(), source: AssetSource::Directory("code".into()), display_name: "Demo/Code".into() };
    /// let location = stack.add_file_asset(asset);
    /// assert_eq!(location.object_key, format!("{hash}.zip"));
    /// ```
    pub fn add_file_asset(&self, asset: FileAsset) -> FileAssetLocation {
        let qualifier = self.bootstrap_qualifier();
        let (_, key) = asset::file_names(&asset);
        self.check_hash("asset", &asset.display_name, &asset.hash);
        let entry = FileAssetEntry {
            id: asset.hash.clone(),
            bucket_name: asset::bucket_name(&qualifier),
            object_key: key.clone(),
            display_name: asset.display_name.clone(),
            source: asset.source,
        };
        self.with_data_mut(|d| {
            if !d.file_assets.iter().any(|a| a.id == entry.id) {
                d.file_assets.push(entry);
            }
        });
        asset::file_location(&qualifier, &key)
    }

    /// Adds a container image asset and returns its image URI in the
    /// bootstrap repository, tagged with its hash.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_core::asset::ImageAsset;
    /// let app = App::new();
    /// let stack = app.stack("Demo", StackProps::default());
    /// let image = ImageAsset {
    ///     hash: "cd".repeat(32), directory: "service".into(), dockerfile: None,
    ///     build_args: vec![], target: None, platform: None, display_name: "Demo/Image".into(),
    /// };
    /// assert_eq!(stack.add_image_asset(image).image_tag, "cd".repeat(32));
    /// ```
    pub fn add_image_asset(&self, asset: ImageAsset) -> ImageAssetLocation {
        let qualifier = self.bootstrap_qualifier();
        self.check_hash("image asset", &asset.display_name, &asset.hash);
        let entry = ImageAssetEntry {
            id: asset.hash.clone(),
            repository_name: asset::repository_name(&qualifier),
            image_tag: asset.hash.clone(),
            asset,
        };
        let tag = entry.image_tag.clone();
        self.with_data_mut(|d| {
            if !d.image_assets.iter().any(|a| a.id == entry.id) {
                d.image_assets.push(entry);
            }
        });
        asset::image_location(&qualifier, &tag)
    }

    /// Reports a hash that is not one rcdk-assets makes.
    fn check_hash(&self, kind: &str, name: &str, hash: &str) {
        if !asset::is_hash(hash) {
            self.scope.add_error(format!(
                "{kind} {name}: its hash {hash:?} is not 64 lowercase hex digits; add assets through rcdk-assets, which hashes them"
            ));
        }
    }

    fn with_data<T>(&self, f: impl FnOnce(&StackData) -> T) -> Option<T> {
        self.scope.graph.borrow().stack_data(self.scope.node).map(f)
    }

    fn with_data_mut(&self, f: impl FnOnce(&mut StackData)) {
        if let Some(d) = self.scope.graph_mut().stack_data_mut(self.scope.node) {
            f(d);
        }
    }
}
