//! Where the command line gets the app: an assembly folder, or a command
//! that writes one into `CDK_OUTDIR` (the AWS CDK's protocol, which
//! `rcdk::cli::main` follows), named by `--app` or the project's config.

use std::path::{Path, PathBuf};
use std::process::Command;

use rcdk::Assembly;

/// The config files read, in the current folder (as the AWS CDK reads
/// `cdk.json`), for `{"app": "..."}`: rcdk's own, then the AWS CDK's.
pub const CONFIG_FILES: &[&str] = &["rcdk.json", "cdk.json"];

/// The folder, under the project root, that a run app writes its assembly to.
const OUT_DIR: &str = "cdk.out";

/// Loads the app's cloud assembly: from `app` (a folder with a
/// `manifest.json`, an executable, or a shell command) or else from the
/// `app` of the config file in the current folder. The error is the text to print.
pub fn load(app: Option<&str>) -> Result<Assembly, String> {
    let cwd = std::env::current_dir().map_err(|e| error(format!("cannot read the current folder: {e}")))?;
    load_from(app, &cwd)
}

/// [`load`] as if run in `cwd`: relative paths, the config search and the
/// app command start there.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("rcdk-cli-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let err = rcdk_cli::load_from(Some("no-such-folder-or-command-xyz"), &dir).unwrap_err();
/// assert!(err.contains("no-such-folder-or-command-xyz"));
/// ```
pub fn load_from(app: Option<&str>, cwd: &Path) -> Result<Assembly, String> {
    let (spec, root) = match app {
        Some(a) => (a.to_owned(), cwd.to_owned()),
        None => from_config(cwd)?,
    };
    let as_dir = root.join(&spec);
    if as_dir.join("manifest.json").is_file() {
        return read(&as_dir);
    }
    let out = root.join(OUT_DIR);
    run_app(&spec, &root, &out)?;
    read(&out)
}

fn error(text: String) -> String {
    format!("error: {text}\n")
}

fn read(dir: &Path) -> Result<Assembly, String> {
    Assembly::read_from(dir).map_err(|e| error(format!("cannot read the cloud assembly: {e}")))
}

/// The `app` of the config file, and the folder it is in.
fn from_config(dir: &Path) -> Result<(String, PathBuf), String> {
    for name in CONFIG_FILES {
        let path = dir.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let config: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| error(format!("{}: not JSON: {e}", path.display())))?;
        return match config.get("app").and_then(serde_json::Value::as_str) {
            Some(app) => Ok((app.to_owned(), dir.to_owned())),
            None => Err(error(format!(
                "{} has no \"app\": add {{\"app\": \"cargo run --example NAME\"}}",
                path.display()
            ))),
        };
    }
    Err(error(format!(
        "no app: pass --app COMMAND or --app DIR, or put {{\"app\": \"cargo run --example NAME\"}} in rcdk.json (in {})",
        dir.display()
    )))
}

/// Runs the app with `CDK_OUTDIR` set, from the project root; its output
/// goes to this program's stderr, so the printed templates stay clean.
fn run_app(spec: &str, root: &Path, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| error(format!("{}: {e}", out.display())))?;
    let mut command = if Path::new(spec).is_file() {
        Command::new(spec)
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", spec]);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", spec]);
        c
    };
    command.current_dir(root).env("CDK_OUTDIR", out);
    if let Ok(stderr) = std::io::stderr().as_fd_clone() {
        command.stdout(stderr);
    }
    let status = command
        .status()
        .map_err(|e| error(format!("cannot run the app `{spec}`: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(error(format!(
            "the app `{spec}` failed ({status}); its messages are above"
        )))
    }
}

/// A duplicate of stderr, to send a child's stdout there.
trait AsFdClone {
    fn as_fd_clone(&self) -> std::io::Result<std::process::Stdio>;
}

impl AsFdClone for std::io::Stderr {
    #[cfg(unix)]
    fn as_fd_clone(&self) -> std::io::Result<std::process::Stdio> {
        use std::os::fd::AsFd;
        Ok(std::process::Stdio::from(self.as_fd().try_clone_to_owned()?))
    }
    #[cfg(not(unix))]
    fn as_fd_clone(&self) -> std::io::Result<std::process::Stdio> {
        Ok(std::process::Stdio::inherit())
    }
}
