//! The cloud assembly folder: one template per stack and a `manifest.json`
//! in the format the AWS CDK CLI reads with `cdk deploy --app <folder>`.

use std::io;
use std::path::Path;

use serde_json::{json, Map, Value as Json};

use super::{asset_manifest, Assembly, StackArtifact};

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
        let mut dependencies = self.dependencies.clone();
        if self.needs_bootstrap() {
            self.bootstrap_requirement(&mut props);
            dependencies.push(self.asset_artifact_id());
        }
        let mut entry = Map::new();
        entry.insert("type".into(), json!("aws:cloudformation:stack"));
        entry.insert("environment".into(), json!(environment));
        entry.insert("properties".into(), Json::Object(props));
        if !dependencies.is_empty() {
            entry.insert("dependencies".into(), json!(dependencies));
        }
        entry.insert("metadata".into(), self.path_metadata());
        entry.insert("displayName".into(), json!(self.path));
        Json::Object(entry)
    }

    /// Each element's construct path and logical ID, as the CDK records
    /// them in the manifest (`aws:cdk:logicalId` entries), so a tool that
    /// reads the assembly can name constructs; the templates stay clean.
    fn path_metadata(&self) -> Json {
        let entries = self.element_paths.iter().map(|(logical_id, path)| {
            let entry = json!([{ "type": "aws:cdk:logicalId", "data": logical_id }]);
            (format!("/{path}"), entry)
        });
        Json::Object(entries.collect())
    }
}

impl Assembly {
    /// The `manifest.json` of the cloud assembly.
    pub fn manifest(&self) -> Json {
        let mut artifacts = Map::new();
        for s in &self.stacks {
            if s.needs_bootstrap() {
                artifacts.insert(s.asset_artifact_id(), s.asset_artifact());
            }
            artifacts.insert(s.id.clone(), s.manifest_entry());
        }
        json!({ "version": CLOUD_ASSEMBLY_VERSION, "artifacts": artifacts })
    }

    /// Writes the cloud assembly into `dir` (created if missing): a template
    /// per stack, `manifest.json`, `cdk.out` and `rcdk-written.json`, the
    /// record of the templates rcdk wrote. The same app writes the same bytes.
    ///
    /// The folder is rewritten completely and nothing else in it is touched:
    /// templates that the record names and this app no longer writes are
    /// removed; any other file, such as a template the AWS CDK wrote, stays.
    /// A `manifest.json` or `cdk.out` that is not a cloud assembly's stops
    /// the write before anything is written. Every error names its file.
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
        let templates = self.template_files()?;
        let written = self.written_names(&templates);
        std::fs::create_dir_all(dir).map_err(at(dir))?;
        check_ours(&dir.join("manifest.json"), MANIFEST_KEYS)?;
        check_ours(&dir.join("cdk.out"), &["version"])?;
        let before = read_record(dir);
        // Record every name this write may leave first: should it stop half
        // way, the next write still knows what to remove.
        let mut may_leave = written.clone();
        may_leave.extend(before.iter().filter(|t| !written.contains(t)).cloned());
        write_record(dir, &may_leave)?;
        let pretty = |v: &Json| serde_json::to_string_pretty(v).map(|s| s + "\n");
        for (s, file) in self.stacks.iter().zip(&templates) {
            write(&dir.join(file), s.json())?;
            if s.needs_bootstrap() {
                write(&dir.join(s.asset_manifest_file()), &pretty(&s.asset_manifest())?)?;
                s.stage_assets(dir)?;
            }
        }
        write(&dir.join("manifest.json"), &pretty(&self.manifest())?)?;
        write(
            &dir.join("cdk.out"),
            &pretty(&json!({ "version": CLOUD_ASSEMBLY_VERSION }))?,
        )?;
        for stale in before.iter().filter(|t| !written.contains(t)) {
            if asset_manifest::is_staged_name(stale) {
                asset_manifest::remove_any(&dir.join(stale))?;
            } else {
                remove_if_file(&dir.join(stale))?;
            }
        }
        write_record(dir, &written)
    }

    /// Every name a write puts in the folder: the templates, and each stack's
    /// asset manifest and staged assets.
    fn written_names(&self, templates: &[String]) -> Vec<String> {
        let mut names = templates.to_vec();
        for s in self.stacks.iter().filter(|s| s.needs_bootstrap()) {
            names.push(s.asset_manifest_file());
            for staged in s.staged_names() {
                if !names.contains(&staged) {
                    names.push(staged);
                }
            }
        }
        names
    }

    /// Each stack's template file name, checked to be a plain name in the
    /// folder (a stack id may hold `\\` or `..`, which must not leave it).
    fn template_files(&self) -> io::Result<Vec<String>> {
        self.stacks
            .iter()
            .map(|s| {
                let file = s.template_file();
                if is_template_name(&file) {
                    Ok(file)
                } else {
                    Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!(
                            "stack {:?}: its id cannot name a file; use letters, digits and '-'",
                            s.id
                        ),
                    ))
                }
            })
            .collect()
    }
}

/// The top-level keys of a cloud assembly manifest (the AWS CDK's
/// `AssemblyManifest`): a `manifest.json` with any other key is someone else's.
const MANIFEST_KEYS: &[&str] = &["version", "minimumCliVersion", "artifacts", "missing", "runtime"];

/// rcdk's record, in the assembly folder, of the templates it wrote there.
const RECORD: &str = "rcdk-written.json";

/// Whether `name` is a name rcdk writes (a template, an asset manifest or a
/// staged asset) that stays inside the folder: one plain path component on
/// every platform.
fn is_own_name(name: &str) -> bool {
    let asset_manifest = name.strip_suffix(".assets.json").is_some_and(|stem| !stem.is_empty());
    is_plain(name) && (is_template_name(name) || asset_manifest || asset_manifest::is_staged_name(name))
}

fn is_plain(name: &str) -> bool {
    !name.contains(['/', '\\', '\0'])
        && matches!(
            Path::new(name).components().collect::<Vec<_>>()[..],
            [std::path::Component::Normal(_)]
        )
}

/// Whether `name` is a template file name that stays inside the folder.
fn is_template_name(name: &str) -> bool {
    let stem = name.strip_suffix(".template.json").unwrap_or("");
    !stem.is_empty() && is_plain(name)
}

/// Fails unless `path` is missing or a JSON object with a string `version`
/// and only the given keys: rcdk overwrites only its own kind of file.
fn check_ours(path: &Path, keys: &[&str]) -> io::Result<()> {
    let text = match std::fs::read(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(at(path)(e)),
    };
    let ours = match serde_json::from_slice::<Json>(&text) {
        Ok(Json::Object(m)) => {
            m.get("version").is_some_and(Json::is_string) && m.keys().all(|k| keys.contains(&k.as_str()))
        }
        _ => false,
    };
    if ours {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is not a cloud assembly's, and rcdk does not overwrite it; write to another folder or remove it",
                path.display()
            ),
        ))
    }
}

/// The templates rcdk's record says it wrote into `dir`. A missing or
/// unreadable record, and any name that is not a plain template name, prove
/// nothing and are left out: they are never removed.
fn read_record(dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read(dir.join(RECORD)) else {
        return Vec::new();
    };
    let Ok(record) = serde_json::from_slice::<Json>(&text) else {
        return Vec::new();
    };
    let names = record["templates"].as_array().into_iter().flatten();
    names
        .filter_map(Json::as_str)
        .filter(|n| is_own_name(n))
        .map(str::to_owned)
        .collect()
}

/// Writes rcdk's record of the templates it wrote (or may have left) in `dir`.
fn write_record(dir: &Path, templates: &[String]) -> io::Result<()> {
    let record = json!({
        "comment": "The templates rcdk wrote into this folder; the next write removes those it no longer writes.",
        "templates": templates,
    });
    let text = serde_json::to_string_pretty(&record)? + "\n";
    write(&dir.join(RECORD), &text)
}

/// Removes a template rcdk wrote, unless it is gone or is no longer a plain
/// file (a link or folder put there since is not rcdk's).
fn remove_if_file(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => std::fs::remove_file(path).map_err(at(path)),
        _ => Ok(()),
    }
}

/// Writes a file, naming it in any error.
fn write(path: &Path, text: &str) -> io::Result<()> {
    std::fs::write(path, text).map_err(at(path))
}

/// Adds the path to an I/O error, whose own message never names it.
pub(crate) fn at(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}
