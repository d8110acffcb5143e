//! Testing helpers for rcdk apps: one insta snapshot per stack, and the
//! template assertions of [`rcdk_core::assertions`].
//!
//! ```no_run
//! # fn build_app() -> rcdk_core::App { rcdk_core::App::new() }
//! // in a test: one reviewed snapshot per stack, under <crate>/../snapshots
//! let app = build_app();
//! rcdk_testing::assert_stack_snapshots(&app, concat!(env!("CARGO_MANIFEST_DIR"), "/../snapshots"), "my_app");
//! ```

#![warn(missing_docs)]

pub mod moto;

use std::path::Path;

pub use rcdk_core::assertions::{matches, Template};
use rcdk_core::App;

/// Synthesizes `app` and asserts one insta snapshot of each stack's YAML
/// template, named `<prefix>__<stack id>.snap`, in `dir`.
///
/// Panics with every synthesis error when the app does not synthesize.
pub fn assert_stack_snapshots(app: &App, dir: impl AsRef<Path>, prefix: &str) {
    snapshots(app, dir.as_ref(), prefix, false)
}

/// Like [`assert_stack_snapshots`], for the JSON templates:
/// `<prefix>__<stack id>.json.snap`.
pub fn assert_stack_json_snapshots(app: &App, dir: impl AsRef<Path>, prefix: &str) {
    snapshots(app, dir.as_ref(), prefix, true)
}

fn snapshots(app: &App, dir: &Path, prefix: &str, json: bool) {
    let assembly = match app.synth() {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for stack in assembly.stacks() {
            if json {
                insta::assert_snapshot!(format!("{prefix}__{}.json", stack.id()), stack.to_json());
            } else {
                insta::assert_snapshot!(format!("{prefix}__{}", stack.id()), stack.to_yaml());
            }
        }
    });
}

/// Reads YAML text with PyYAML's `SafeLoader` (a YAML 1.1 reader, like
/// CloudFormation's and cfn-lint's), from the workspace's `.venv` that
/// `scripts/install-tools` makes, and returns what it read as JSON. Values
/// JSON has no form for (dates, for one) come back as their Python `repr`
/// string wrapped in `{"!python": ...}`, so they never equal a template value.
///
/// Returns `None` with a note when the venv is missing, unless
/// `RCDK_REQUIRE_TOOLS` is set, in which case it panics.
///
/// ```no_run
/// let read = rcdk_testing::read_yaml_1_1(".", "Description: 'on'\n").unwrap();
/// assert_eq!(read, serde_json::json!({"Description": "on"}));
/// ```
pub fn read_yaml_1_1(workspace_root: impl AsRef<Path>, yaml: &str) -> Option<serde_json::Value> {
    const READ: &str = "import json, sys, yaml\n\
        def plain(v):\n\
        \x20   if isinstance(v, dict): return {k if isinstance(k, str) else json.dumps({'!python': repr(k)}): plain(x) for k, x in v.items()}\n\
        \x20   if isinstance(v, list): return [plain(x) for x in v]\n\
        \x20   if v is None or isinstance(v, (str, bool, int, float)): return v\n\
        \x20   return {'!python': repr(v)}\n\
        data = yaml.load(sys.stdin.buffer.read().decode('utf-8'), Loader=yaml.SafeLoader)\n\
        sys.stdout.write(json.dumps(plain(data)))\n";
    let python = workspace_root.as_ref().join(".venv/bin/python");
    if !python.exists() {
        assert!(
            std::env::var_os("RCDK_REQUIRE_TOOLS").is_none(),
            "the .venv with PyYAML is not installed; run scripts/install-tools"
        );
        eprintln!("note: .venv is not installed (scripts/install-tools); skipped the PyYAML read-back");
        return None;
    }
    let mut child = std::process::Command::new(&python)
        .args(["-c", READ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let text = yaml.to_owned();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, text.as_bytes()));
    let out = child.wait_with_output().expect("python finishes");
    writer.join().expect("writer").expect("stdin written");
    assert!(
        out.status.success(),
        "PyYAML could not read the YAML:\n{}\n{yaml}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("PyYAML's JSON"))
}

/// Asserts that the npm `asl-validator` (installed into the workspace's
/// `node_modules` by `scripts/install-tools`) accepts a state machine
/// definition. When the validator is missing the check is skipped with a
/// note, unless `RCDK_REQUIRE_TOOLS` is set (as the test command sets it),
/// in which case it fails.
pub fn assert_valid_asl(workspace_root: impl AsRef<Path>, name: &str, definition: &serde_json::Value) {
    let bin = workspace_root.as_ref().join("node_modules/.bin/asl-validator");
    if !bin.exists() {
        assert!(
            std::env::var_os("RCDK_REQUIRE_TOOLS").is_none(),
            "asl-validator is not installed; run scripts/install-tools"
        );
        eprintln!("note: asl-validator is not installed (scripts/install-tools); skipped its check of {name}");
        return;
    }
    let file = std::env::temp_dir().join(format!("rcdk-asl-{name}-{}.json", std::process::id()));
    std::fs::write(&file, serde_json::to_string_pretty(definition).unwrap_or_default()).expect("temp file");
    let out = std::process::Command::new(&bin)
        .arg("--json-path")
        .arg(&file)
        .output()
        .expect("asl-validator runs");
    std::fs::remove_file(&file).ok();
    assert!(
        out.status.success(),
        "asl-validator rejected {name}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
