//! A stack's asset manifest (`<stack>.assets.json`, the AWS CDK's
//! `cdk:asset-manifest` artifact) and the staging of its sources into the
//! cloud assembly, so the folder alone is enough to publish and deploy.

use std::io;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value as Json};

use super::StackArtifact;
use crate::asset::{self, AssetSource, FileAssetEntry, REQUIRED_BOOTSTRAP_VERSION};

impl StackArtifact {
    /// The asset manifest's file name inside the cloud assembly.
    pub fn asset_manifest_file(&self) -> String {
        format!("{}.assets.json", self.id)
    }

    /// The asset manifest's artifact id.
    pub(crate) fn asset_artifact_id(&self) -> String {
        format!("{}.assets", self.id)
    }

    /// The bootstrap requirement the manifest records for a stack with assets.
    pub(crate) fn bootstrap_requirement(&self, props: &mut Map<String, Json>) {
        props.insert(
            "requiresBootstrapStackVersion".into(),
            json!(REQUIRED_BOOTSTRAP_VERSION),
        );
        props.insert(
            "bootstrapStackVersionSsmParameter".into(),
            json!(asset::version_parameter(&self.qualifier)),
        );
    }

    /// The `cdk:asset-manifest` artifact of the stack's assets.
    pub(crate) fn asset_artifact(&self) -> Json {
        let mut props = Map::new();
        props.insert("file".into(), json!(self.asset_manifest_file()));
        self.bootstrap_requirement(&mut props);
        json!({ "type": "cdk:asset-manifest", "properties": props })
    }

    /// The destination key and the placeholders a pinned environment fills in.
    fn destination(&self) -> (String, Option<String>, impl Fn(&str) -> String + '_) {
        let env = &self.environment;
        let key = match (&env.account, &env.region) {
            (Some(a), Some(r)) => format!("{a}-{r}"),
            _ => "current_account-current_region".to_owned(),
        };
        let fill = move |s: &str| {
            let mut s = s.to_owned();
            if let Some(a) = &env.account {
                s = s.replace("${AWS::AccountId}", a);
            }
            if let Some(r) = &env.region {
                s = s.replace("${AWS::Region}", r);
            }
            s
        };
        (key, env.region.clone(), fill)
    }

    /// The asset manifest (`<stack>.assets.json`), in the CDK's format.
    pub fn asset_manifest(&self) -> Json {
        let (key, region, fill) = self.destination();
        let mut files = Map::new();
        for a in &self.file_assets {
            let mut dest = Map::new();
            if let Some(r) = &region {
                dest.insert("region".into(), json!(r));
            }
            dest.insert("bucketName".into(), json!(fill(&a.bucket_name)));
            dest.insert("objectKey".into(), json!(a.object_key));
            let source = json!({ "path": staged_name(a), "packaging": a.source.packaging() });
            files.insert(
                a.id.clone(),
                json!({ "source": source, "destinations": { key.clone(): dest } }),
            );
        }
        let mut images = Map::new();
        for i in &self.image_assets {
            let mut source = Map::new();
            source.insert("directory".into(), json!(format!("asset.{}", i.id)));
            if let Some(f) = &i.asset.dockerfile {
                source.insert("dockerFile".into(), json!(f));
            }
            if !i.asset.build_args.is_empty() {
                let args: Map<String, Json> = i.asset.build_args.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
                source.insert("dockerBuildArgs".into(), Json::Object(args));
            }
            if let Some(t) = &i.asset.target {
                source.insert("dockerBuildTarget".into(), json!(t));
            }
            if let Some(p) = &i.asset.platform {
                source.insert("platform".into(), json!(p));
            }
            let mut dest = Map::new();
            if let Some(r) = &region {
                dest.insert("region".into(), json!(r));
            }
            dest.insert("repositoryName".into(), json!(fill(&i.repository_name)));
            dest.insert("imageTag".into(), json!(i.image_tag));
            images.insert(
                i.id.clone(),
                json!({ "source": source, "destinations": { key.clone(): dest } }),
            );
        }
        json!({ "version": super::CLOUD_ASSEMBLY_VERSION, "files": files, "dockerImages": images })
    }

    /// Names this stack's assets take in the assembly folder.
    pub(crate) fn staged_names(&self) -> Vec<String> {
        let files = self.file_assets.iter().map(staged_name);
        files
            .chain(self.image_assets.iter().map(|i| format!("asset.{}", i.id)))
            .collect()
    }

    /// Copies each asset's source into the folder under its content-hash
    /// name. A name already there holds the same content (the hash says so)
    /// and is kept, so an unchanged asset costs nothing on the next synth.
    pub(crate) fn stage_assets(&self, dir: &Path) -> io::Result<()> {
        for a in &self.file_assets {
            let target = dir.join(staged_name(a));
            if !target.exists() {
                staged(&target, |tmp| stage_source(&a.source, tmp))?;
            }
        }
        for i in &self.image_assets {
            let target = dir.join(format!("asset.{}", i.id));
            if !target.exists() {
                staged(&target, |tmp| copy_tree(&i.asset.directory, tmp))?;
            }
        }
        Ok(())
    }
}

/// The name an asset is staged under: `asset.<hash>` (and the file's
/// extension for a file asset).
pub(crate) fn staged_name(a: &FileAssetEntry) -> String {
    match &a.source {
        AssetSource::File(_) => {
            let ext = a.object_key.strip_prefix(a.id.as_str()).unwrap_or("");
            format!("asset.{}{ext}", a.id)
        }
        _ => format!("asset.{}", a.id),
    }
}

/// Whether `name` is one rcdk stages assets under.
pub(crate) fn is_staged_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("asset.") else {
        return false;
    };
    let (hash, ext) = rest.split_at(rest.len().min(64));
    asset::is_hash(hash)
        && (ext.is_empty() || (ext.starts_with('.') && ext[1..].bytes().all(|b| b.is_ascii_alphanumeric())))
}

/// Builds `target` through a temporary sibling renamed into place, so a
/// stopped write never leaves a half-staged asset under the final name.
fn staged(target: &Path, build: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let mut tmp = target.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    remove_any(&tmp)?;
    build(&tmp)?;
    std::fs::rename(&tmp, target).map_err(super::assembly::at(target))
}

fn stage_source(source: &AssetSource, to: &Path) -> io::Result<()> {
    match source {
        AssetSource::File(path) => copy_file(path, to, None),
        AssetSource::Directory(path) => copy_tree(path, to),
        AssetSource::Files(files) => {
            for f in files {
                let dest = to.join(&f.name);
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(super::assembly::at(parent))?;
                }
                copy_file(&f.path, &dest, Some(f.executable))?;
            }
            std::fs::create_dir_all(to).map_err(super::assembly::at(to))
        }
    }
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to).map_err(super::assembly::at(to))?;
    for entry in std::fs::read_dir(from).map_err(super::assembly::at(from))? {
        let entry = entry.map_err(super::assembly::at(from))?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if std::fs::metadata(&path).map_err(super::assembly::at(&path))?.is_dir() {
            copy_tree(&path, &dest)?;
        } else {
            copy_file(&path, &dest, None)?;
        }
    }
    Ok(())
}

/// Copies a file; `executable` sets the mode rather than keeping the source's.
fn copy_file(from: &Path, to: &Path, executable: Option<bool>) -> io::Result<()> {
    std::fs::copy(from, to)
        .map_err(|e| io::Error::new(e.kind(), format!("{} -> {}: {e}", from.display(), to.display())))?;
    #[cfg(unix)]
    if let Some(x) = executable {
        use std::os::unix::fs::PermissionsExt;
        let mode = if x { 0o755 } else { 0o644 };
        std::fs::set_permissions(to, std::fs::Permissions::from_mode(mode)).map_err(super::assembly::at(to))?;
    }
    #[cfg(not(unix))]
    let _ = executable;
    Ok(())
}

/// Removes a staged asset (file or folder); a missing one is fine.
pub(crate) fn remove_any(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path).map_err(super::assembly::at(path)),
        Ok(_) => std::fs::remove_file(path).map_err(super::assembly::at(path)),
        Err(_) => Ok(()),
    }
}
