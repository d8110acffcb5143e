//! `cargo run -p rcdk-cfn-gen [-- --vendor <cfn-lint schemas dir>]`
//!
//! Regenerates `crates/cfn/src/` from `crates/cfn/resource-types.txt` and the
//! schemas vendored in `crates/cfn/schemas/`. With `--vendor`, first copies the
//! schema of every listed type from cfn-lint's data (its
//! `cfnlint/data/schemas` folder: `providers/us-east-1.json` maps a type name
//! to a file under `resources/`).

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
        Ok(n) => {
            println!("generated {n} files in {}", root.join("src").display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, vendor: Option<&Path>) -> Result<usize, String> {
    let list = std::fs::read_to_string(root.join("resource-types.txt")).map_err(|e| e.to_string())?;
    let types = rcdk_cfn_gen::read_type_list(&list);
    let schemas = root.join("schemas");
    if let Some(dir) = vendor {
        let providers = std::fs::read_to_string(dir.join("providers/us-east-1.json"))
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        let providers: serde_json::Value = serde_json::from_str(&providers).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&schemas).map_err(|e| e.to_string())?;
        for t in &types {
            let hash = providers[t]
                .as_str()
                .ok_or_else(|| format!("{t}: not in cfn-lint's us-east-1 provider list"))?;
            let from = dir.join("resources").join(format!("{hash}.json"));
            std::fs::copy(&from, schemas.join(rcdk_cfn_gen::schema_file_name(t)))
                .map_err(|e| format!("{}: {e}", from.display()))?;
        }
    }
    let files = rcdk_cfn_gen::generate(&types, &schemas)?;
    let src = root.join("src");
    for entry in std::fs::read_dir(&src).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "rs") {
            std::fs::remove_file(&path).map_err(|e| e.to_string())?;
        }
    }
    for (name, text) in &files {
        std::fs::write(src.join(name), text).map_err(|e| e.to_string())?;
    }
    Ok(files.len())
}
