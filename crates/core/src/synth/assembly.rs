//! The cloud assembly folder: one template per stack and a `manifest.json`
//! in the format the AWS CDK CLI reads with `cdk deploy --app <folder>`.

use std::io;
use std::path::Path;

use serde_json::{json, Map, Value as Json};

use super::{Assembly, StackArtifact};

/// The cloud assembly schema version rcdk writes.
pub const CLOUD_ASSEMBLY_VERSION: &str = "36.0.0";

impl StackArtifact {
    /// The template's file name inside the cloud assembly.
    pub fn template_file(&self) -> String {
        format!("{}.template.json", self.id)
    }

    fn manifest_entry(&self) -> Json {
        let env = &self.environment;
        let environment = format!(
            "aws://{}/{}",
            env.account.as_deref().unwrap_or("unknown-account"),
            env.region.as_deref().unwrap_or("unknown-region")
        );
        let mut props = Map::new();
        props.insert("templateFile".into(), json!(self.template_file()));
        if self.name != self.id {
            props.insert("stackName".into(), json!(self.name));
        }
        if !self.tags.is_empty() {
            let tags: Map<String, Json> = self.tags.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
            props.insert("tags".into(), Json::Object(tags));
        }
        props.insert("terminationProtection".into(), json!(self.termination_protection));
        let mut entry = Map::new();
        entry.insert("type".into(), json!("aws:cloudformation:stack"));
        entry.insert("environment".into(), json!(environment));
        entry.insert("properties".into(), Json::Object(props));
        if !self.dependencies.is_empty() {
            entry.insert("dependencies".into(), json!(self.dependencies));
        }
        entry.insert("displayName".into(), json!(self.path));
        Json::Object(entry)
    }
}

impl Assembly {
    /// The `manifest.json` of the cloud assembly.
    pub fn manifest(&self) -> Json {
        let artifacts: Map<String, Json> = self.stacks.iter().map(|s| (s.id.clone(), s.manifest_entry())).collect();
        json!({ "version": CLOUD_ASSEMBLY_VERSION, "artifacts": artifacts })
    }

    /// Writes the cloud assembly into `dir` (created if missing): a template
    /// per stack, `manifest.json` and `cdk.out`. The same app writes the same bytes.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps, Resource, Value};
    /// let app = App::new();
    /// let stack = app.stack("Demo", StackProps::default());
    /// Resource::new(&stack, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    /// let dir = std::env::temp_dir().join(format!("rcdk-doc-{}", std::process::id()));
    /// app.synth().unwrap().write_to(&dir).unwrap();
    /// assert!(dir.join("Demo.template.json").exists());
    /// # std::fs::remove_dir_all(&dir).ok();
    /// ```
    pub fn write_to(&self, dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)?;
        for s in &self.stacks {
            std::fs::write(dir.join(s.template_file()), s.to_json())?;
        }
        let pretty = |v: &Json| serde_json::to_string_pretty(v).map(|s| s + "\n");
        std::fs::write(dir.join("manifest.json"), pretty(&self.manifest())?)?;
        std::fs::write(
            dir.join("cdk.out"),
            pretty(&json!({ "version": CLOUD_ASSEMBLY_VERSION }))?,
        )?;
        Ok(())
    }
}
