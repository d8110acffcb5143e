//! Testing helpers for rcdk apps: one insta snapshot per stack, and the
//! template assertions of [`rcdk_core::assertions`].
//!
//! ```no_run
//! # fn build_app() -> rcdk_core::App { rcdk_core::App::new() }
//! // in a test: one reviewed snapshot per stack, under <crate>/../snapshots
//! let app = build_app();
//! rcdk_testing::assert_stack_snapshots(&app, concat!(env!("CARGO_MANIFEST_DIR"), "/../snapshots"), "my_app");
//! ```

use std::path::Path;

use rcdk_core::App;
pub use rcdk_core::assertions::{matches, Template};

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
