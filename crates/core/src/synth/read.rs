//! Reading a cloud assembly folder back: one written by rcdk or by the AWS
//! CDK (`cdk synth`), so the deploy command line works on either.

use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};

use super::assembly::at;
use super::{Assembly, StackArtifact};
use crate::asset::{self, AssetSource, FileAssetEntry, ImageAsset, ImageAssetEntry};
use crate::stack::Environment;

impl Assembly {
    /// Reads the cloud assembly in `dir`: its `manifest.json`, every stack's
    /// template and asset manifest, and nested assemblies (the AWS CDK's
    /// stages). Asset sources come back as absolute paths inside `dir`.
    ///
    /// ```
    /// use rcdk_core::{App, Assembly, Resource, StackProps, Value};
    /// let app = App::new();
    /// let stack = app.stack("Demo", StackProps::default());
    /// Resource::new(&stack, "Topic", "AWS::SNS::Topic", Vec::<(String, Value)>::new());
    /// let dir = std::env::temp_dir().join(format!("rcdk-read-doc-{}", std::process::id()));
    /// app.synth().unwrap().write_to(&dir).unwrap();
    /// let read = Assembly::read_from(&dir).unwrap();
    /// assert_eq!(read.stacks()[0].stack_name(), "Demo");
    /// # std::fs::remove_dir_all(&dir).ok();
    /// ```
    pub fn read_from(dir: &Path) -> io::Result<Assembly> {
        let mut stacks = Vec::new();
        read_into(dir, &mut stacks, 0)?;
        Ok(Assembly {
            stacks,
            warnings: Vec::new(),
        })
    }
}

fn invalid(path: &Path, what: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "{}: {what}; is it a cloud assembly (the output of `synth --out` or `cdk synth`)?",
            path.display()
        ),
    )
}

fn read_json(path: &Path) -> io::Result<(Json, String)> {
    let text = std::fs::read_to_string(path).map_err(at(path))?;
    let json = serde_json::from_str(&text).map_err(|e| invalid(path, e))?;
    Ok((json, text))
}

/// Nested assemblies deeper than this are refused (the CDK nests stages
/// inside stages, but never this deep; a loop of links would be endless).
const MAX_DEPTH: usize = 8;

fn read_into(dir: &Path, stacks: &mut Vec<StackArtifact>, depth: usize) -> io::Result<()> {
    let manifest_path = dir.join("manifest.json");
    if depth > MAX_DEPTH {
        return Err(invalid(&manifest_path, "nested assemblies more than 8 deep"));
    }
    let (manifest, _) = read_json(&manifest_path)?;
    let Some(artifacts) = manifest.get("artifacts").and_then(Json::as_object) else {
        return Ok(());
    };
    for (id, artifact) in artifacts {
        let props = artifact
            .get("properties")
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default();
        match artifact.get("type").and_then(Json::as_str) {
            Some("aws:cloudformation:stack") => {
                stacks.push(read_stack(dir, id, artifact, &props, artifacts)?);
            }
            Some("cdk:cloud-assembly") => {
                let Some(sub) = props.get("directoryName").and_then(Json::as_str) else {
                    return Err(invalid(
                        &manifest_path,
                        format!("nested assembly {id:?} has no directoryName"),
                    ));
                };
                read_into(&inside(dir, sub, &manifest_path)?, stacks, depth + 1)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// `name` joined to `dir`, refused if it could leave the folder.
fn inside(dir: &Path, name: &str, manifest: &Path) -> io::Result<PathBuf> {
    let plain = Path::new(name)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if plain && !name.is_empty() {
        Ok(dir.join(name))
    } else {
        Err(invalid(
            manifest,
            format!("the path {name:?} leaves the assembly folder"),
        ))
    }
}

fn read_stack(
    dir: &Path,
    id: &str,
    artifact: &Json,
    props: &Map<String, Json>,
    artifacts: &Map<String, Json>,
) -> io::Result<StackArtifact> {
    let manifest = dir.join("manifest.json");
    let Some(file) = props.get("templateFile").and_then(Json::as_str) else {
        return Err(invalid(&manifest, format!("stack {id:?} has no templateFile")));
    };
    let (template, json) = read_json(&inside(dir, file, &manifest)?)?;
    let str_of = |key: &str| props.get(key).and_then(Json::as_str).map(str::to_owned);
    let deps: Vec<String> = artifact
        .get("dependencies")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(Json::as_str)
        .map(str::to_owned)
        .collect();
    let qualifier = str_of("bootstrapStackVersionSsmParameter")
        .and_then(|p| {
            p.strip_prefix("/cdk-bootstrap/")?
                .strip_suffix("/version")
                .map(str::to_owned)
        })
        .unwrap_or_else(|| asset::DEFAULT_QUALIFIER.to_owned());
    let mut stack = StackArtifact {
        id: id.to_owned(),
        name: str_of("stackName").unwrap_or_else(|| id.to_owned()),
        path: artifact
            .get("displayName")
            .and_then(Json::as_str)
            .unwrap_or(id)
            .to_owned(),
        environment: environment(artifact.get("environment").and_then(Json::as_str).unwrap_or("")),
        dependencies: deps.iter().filter(|d| is_stack(artifacts, d)).cloned().collect(),
        tags: tags(props),
        termination_protection: props
            .get("terminationProtection")
            .and_then(Json::as_bool)
            .unwrap_or(false),
        element_paths: element_paths(artifact, &template),
        element_locations: element_locations(&template),
        template,
        json_len: json.len(),
        json: json.into(),
        qualifier,
        file_assets: Vec::new(),
        image_assets: Vec::new(),
    };
    for dep in deps.iter().filter(|d| is_asset_manifest(artifacts, d)) {
        let file = artifacts[dep.as_str()]["properties"]["file"]
            .as_str()
            .unwrap_or_default();
        read_assets(dir, &inside(dir, file, &manifest)?, &mut stack)?;
    }
    Ok(stack)
}

fn is_stack(artifacts: &Map<String, Json>, id: &str) -> bool {
    artifacts.get(id).and_then(|a| a["type"].as_str()) == Some("aws:cloudformation:stack")
}

fn is_asset_manifest(artifacts: &Map<String, Json>, id: &str) -> bool {
    artifacts.get(id).and_then(|a| a["type"].as_str()) == Some("cdk:asset-manifest")
}

/// `aws://ACCOUNT/REGION`, where `unknown-account` and `unknown-region`
/// leave the environment open.
fn environment(text: &str) -> Environment {
    let rest = text.strip_prefix("aws://").unwrap_or("");
    let (account, region) = rest.split_once('/').unwrap_or(("", ""));
    let known = |v: &str| (!v.is_empty() && !v.starts_with("unknown-")).then(|| v.to_owned());
    Environment {
        account: known(account),
        region: known(region),
    }
}

fn tags(props: &Map<String, Json>) -> Vec<(String, String)> {
    let Some(tags) = props.get("tags").and_then(Json::as_object) else {
        return Vec::new();
    };
    tags.iter()
        .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
        .collect()
}

/// Logical ID -> construct path: from the artifact's `aws:cdk:logicalId`
/// metadata (rcdk writes it for every element, the CDK for resources), else
/// from the `aws:cdk:path` metadata the CDK may write on each resource.
fn element_paths(artifact: &Json, template: &Json) -> indexmap::IndexMap<String, String> {
    let mut paths = indexmap::IndexMap::new();
    for (path, entries) in artifact.get("metadata").and_then(Json::as_object).into_iter().flatten() {
        let logical_ids = entries
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["type"] == "aws:cdk:logicalId");
        for id in logical_ids.filter_map(|e| e["data"].as_str()) {
            paths.insert(id.to_owned(), path.trim_start_matches('/').to_owned());
        }
    }
    let resources = template
        .get("Resources")
        .and_then(Json::as_object)
        .into_iter()
        .flatten();
    for (id, r) in resources {
        if let Some(path) = r
            .get("Metadata")
            .and_then(|m| m.get("aws:cdk:path"))
            .and_then(Json::as_str)
        {
            paths.entry(id.clone()).or_insert_with(|| path.to_owned());
        }
    }
    paths
}

/// Logical ID -> source location, from the `rcdk:location` metadata an app
/// writes with `App::set_location_metadata`.
fn element_locations(template: &Json) -> indexmap::IndexMap<String, crate::SourceLocation> {
    let resources = template
        .get("Resources")
        .and_then(Json::as_object)
        .into_iter()
        .flatten();
    resources
        .filter_map(|(id, r)| {
            let text = r.get("Metadata")?.get(crate::location::METADATA_KEY)?.as_str()?;
            Some((id.clone(), crate::SourceLocation::parse(text)?))
        })
        .collect()
}

fn read_assets(dir: &Path, path: &Path, stack: &mut StackArtifact) -> io::Result<()> {
    let (manifest, _) = read_json(path)?;
    let first_destination = |entry: &Json| -> Json {
        let dests = entry.get("destinations").and_then(Json::as_object);
        dests.and_then(|d| d.values().next()).cloned().unwrap_or(Json::Null)
    };
    for (id, entry) in manifest.get("files").and_then(Json::as_object).into_iter().flatten() {
        let src = &entry["source"];
        let Some(rel) = src["path"].as_str() else {
            return Err(invalid(
                path,
                format!("file asset {id:?} has no source path (executable sources are not supported)"),
            ));
        };
        let full = inside(dir, rel, path)?;
        let source = match src["packaging"].as_str().unwrap_or("file") {
            "file" => AssetSource::File(full),
            "zip" => AssetSource::Directory(full),
            other => {
                return Err(invalid(
                    path,
                    format!("file asset {id:?} has unknown packaging {other:?}"),
                ))
            }
        };
        let dest = first_destination(entry);
        stack.file_assets.push(FileAssetEntry {
            id: id.clone(),
            source,
            bucket_name: dest["bucketName"].as_str().unwrap_or_default().to_owned(),
            object_key: dest["objectKey"].as_str().unwrap_or_default().to_owned(),
            display_name: entry["displayName"].as_str().unwrap_or(id).to_owned(),
        });
    }
    for (id, entry) in manifest
        .get("dockerImages")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
    {
        let src = &entry["source"];
        let Some(rel) = src["directory"].as_str() else {
            return Err(invalid(
                path,
                format!("image asset {id:?} has no source directory (executable sources are not supported)"),
            ));
        };
        let dest = first_destination(entry);
        let build_args = src["dockerBuildArgs"].as_object().into_iter().flatten();
        stack.image_assets.push(ImageAssetEntry {
            id: id.clone(),
            asset: ImageAsset {
                hash: id.clone(),
                directory: inside(dir, rel, path)?,
                dockerfile: src["dockerFile"].as_str().map(str::to_owned),
                build_args: build_args
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect(),
                target: src["dockerBuildTarget"].as_str().map(str::to_owned),
                platform: src["platform"].as_str().map(str::to_owned),
                display_name: entry["displayName"].as_str().unwrap_or(id).to_owned(),
            },
            repository_name: dest["repositoryName"].as_str().unwrap_or_default().to_owned(),
            image_tag: dest["imageTag"].as_str().unwrap_or(id).to_owned(),
        });
    }
    Ok(())
}
