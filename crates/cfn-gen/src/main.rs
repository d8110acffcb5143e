//! `cargo run -p rcdk-cfn-gen [-- --vendor <cfn-lint schemas dir>]`
//!
//! Regenerates `crates/cfn` (its `src/`, the features table of its
//! `Cargo.toml` and `SCHEMA-REPORT.md`) from the bundle of registry schemas in
//! `crates/cfn/schemas/registry.json.gz`. With `--vendor`, first rebuilds that
//! bundle from cfn-lint's data (its `cfnlint/data/schemas` folder:
//! `providers/us-east-1.json` maps every type name to a file under
//! `resources/`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cfn");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let vendor = match args.as_slice() {
        [] => None,
        [flag, dir] if flag == "--vendor" => Some(PathBuf::from(dir)),
        _ => {
            eprintln!("usage: rcdk-cfn-gen [--vendor <cfnlint/data/schemas>]");
            return ExitCode::from(2);
        }
    };
    match run(&root, vendor.as_deref()) {
        Ok((types, files)) => {
            println!(
                "generated {types} resource types in {files} files under {}",
                root.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, vendor: Option<&Path>) -> Result<(usize, usize), String> {
    let bundle_path = root.join(rcdk_cfn_gen::BUNDLE);
    if let Some(dir) = vendor {
        let bytes = rcdk_cfn_gen::vendor(dir)?;
        std::fs::create_dir_all(root.join("schemas")).map_err(|e| e.to_string())?;
        std::fs::write(&bundle_path, bytes).map_err(|e| format!("{}: {e}", bundle_path.display()))?;
    }
    let bundle = rcdk_cfn_gen::read_bundle(&bundle_path)?;
    let cargo_toml = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let files = rcdk_cfn_gen::generate(&bundle, &cargo_toml)?;
    let src = root.join("src");
    for entry in std::fs::read_dir(&src).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "rs") {
            std::fs::remove_file(&path).map_err(|e| e.to_string())?;
        }
    }
    for (name, text) in &files {
        std::fs::write(root.join(name), text).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok((bundle.types.len(), files.len()))
}
