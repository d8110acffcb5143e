//! Synthesis: the construct tree in, one CloudFormation template per stack out.
//!
//! A pure function of the tree. Sections, resources and properties come out
//! in a documented, stable order (see `ARCHITECTURE.md`), so a change to one
//! property of one resource changes only that property's lines.

mod assembly;
mod asset_manifest;
mod build;
mod fast_hash;
mod json_len;
mod read;
mod resolve;
mod validate;

use std::sync::OnceLock;

use serde_json::Value as Json;

pub use assembly::CLOUD_ASSEMBLY_VERSION;

use crate::asset::{FileAssetEntry, ImageAssetEntry};
use crate::error::{SynthErrors, Warning};
use crate::graph::Graph;
use crate::stack::Environment;

/// The result of synthesizing an app: one template per stack.
#[derive(Clone, Debug)]
pub struct Assembly {
    pub(crate) stacks: Vec<StackArtifact>,
    pub(crate) warnings: Vec<Warning>,
}

/// One synthesized stack.
#[derive(Clone, Debug)]
pub struct StackArtifact {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) environment: Environment,
    pub(crate) dependencies: Vec<String>,
    pub(crate) tags: Vec<(String, String)>,
    pub(crate) termination_protection: bool,
    pub(crate) template: Json,
    /// Logical ID -> construct path, in template order.
    pub(crate) element_paths: indexmap::IndexMap<String, String>,
    /// Logical ID -> where the user's code created the element.
    pub(crate) element_locations: indexmap::IndexMap<String, crate::SourceLocation>,
    /// The JSON text, rendered on first use (validation needs only its
    /// length, `json_len`).
    pub(crate) json: OnceLock<String>,
    /// The length of the JSON text in bytes.
    pub(crate) json_len: usize,
    pub(crate) qualifier: String,
    pub(crate) file_assets: Vec<FileAssetEntry>,
    pub(crate) image_assets: Vec<ImageAssetEntry>,
}

impl Assembly {
    /// The stacks, in the order they were added to the app.
    pub fn stacks(&self) -> &[StackArtifact] {
        &self.stacks
    }

    /// The stack with this id or stack name.
    pub fn stack(&self, name: &str) -> Option<&StackArtifact> {
        self.stacks.iter().find(|s| s.id == name || s.name == name)
    }

    /// Problems that did not stop synthesis.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The stacks in an order that deploys every stack after those it depends
    /// on (ties keep the app's order).
    pub fn deploy_order(&self) -> Vec<&StackArtifact> {
        let mut done: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        while out.len() < self.stacks.len() {
            let next = self
                .stacks
                .iter()
                .find(|s| !done.contains(&s.id.as_str()) && s.dependencies.iter().all(|d| done.contains(&d.as_str())));
            match next {
                Some(s) => {
                    done.push(&s.id);
                    out.push(s);
                }
                // Unreachable for a synthesized assembly: cycles are errors.
                None => break,
            }
        }
        out
    }
}

impl StackArtifact {
    /// The stack's construct id (its artifact id in the cloud assembly).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The CloudFormation stack name.
    pub fn stack_name(&self) -> &str {
        &self.name
    }

    /// The stack's construct path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The stack's environment.
    pub fn environment(&self) -> &Environment {
        &self.environment
    }

    /// Ids of the stacks this one deploys after.
    pub fn dependencies(&self) -> &[String] {
        &self.dependencies
    }

    /// Stack-level tags (also applied to every taggable resource).
    pub fn tags(&self) -> &[(String, String)] {
        &self.tags
    }

    /// Whether termination protection is on.
    pub fn termination_protection(&self) -> bool {
        self.termination_protection
    }

    /// The construct path of the element with this logical ID.
    pub fn construct_path(&self, logical_id: &str) -> Option<&str> {
        self.element_paths.get(logical_id).map(String::as_str)
    }

    /// Where the user's code created the element with this logical ID
    /// (for an assembly read from disk: its `rcdk:location` metadata).
    pub fn location(&self, logical_id: &str) -> Option<&crate::SourceLocation> {
        self.element_locations.get(logical_id)
    }

    /// The qualifier of the bootstrap stack that holds the stack's assets
    /// and large template.
    pub fn bootstrap_qualifier(&self) -> &str {
        &self.qualifier
    }

    /// The file assets to publish before deploying, in the order added.
    pub fn file_assets(&self) -> &[FileAssetEntry] {
        &self.file_assets
    }

    /// The container image assets to build and push before deploying.
    pub fn image_assets(&self) -> &[ImageAssetEntry] {
        &self.image_assets
    }

    /// Whether deploying needs a bootstrap stack: the stack has assets.
    pub fn needs_bootstrap(&self) -> bool {
        !self.file_assets.is_empty() || !self.image_assets.is_empty()
    }

    /// The template as JSON data.
    pub fn template(&self) -> &Json {
        &self.template
    }

    /// The template as YAML, with long-form intrinsics (`Ref:`, `Fn::GetAtt:`).
    pub fn to_yaml(&self) -> String {
        crate::yaml::to_string(&self.template)
    }

    /// The template as pretty-printed JSON (one-space indent, as the AWS CDK
    /// writes it), ending in a newline. Rendered once, on first use.
    pub fn json(&self) -> &str {
        self.json.get_or_init(|| {
            let text = Self::render_json(&self.template);
            debug_assert_eq!(text.len(), self.json_len, "json_len counts the rendered text");
            text
        })
    }

    /// [`json`](Self::json), owned.
    pub fn to_json(&self) -> String {
        self.json().to_owned()
    }

    pub(crate) fn render_json(template: &Json) -> String {
        let mut out = Vec::with_capacity(64 * 1024);
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
        serde::Serialize::serialize(template, &mut ser).ok();
        out.push(b'\n');
        String::from_utf8(out).unwrap_or_default()
    }
}

pub(crate) fn synthesize(graph: &Graph) -> Result<Assembly, SynthErrors> {
    let mut errors = graph.errors.clone();
    let mut warnings = graph.warnings.clone();
    let mut stacks = build::build(graph, &mut errors);
    validate::validate(graph, &mut stacks, &mut errors, &mut warnings);
    if errors.is_empty() {
        locate_warnings(graph, &mut warnings);
        Ok(Assembly { stacks, warnings })
    } else {
        Err(SynthErrors::located(errors, graph))
    }
}

/// Fills each warning's source location from its construct path.
pub(crate) fn locate_warnings(graph: &Graph, warnings: &mut [Warning]) {
    for w in warnings.iter_mut().filter(|w| w.location.is_none()) {
        w.location = graph.location_of_path(&w.path);
    }
}
