//! The `rcdk` command line: deploys rcdk apps, and AWS CDK apps, through
//! CloudFormation.
//!
//! An rcdk app's own program (`rcdk::cli::main(app)`) synthesizes, lists,
//! draws and runs state machines locally, and links no AWS SDK, so it builds
//! and starts fast. The commands that talk to AWS (`diff`, `deploy`,
//! `destroy`, `bootstrap`) run here: this program gets the app's cloud
//! assembly by running the app (`--app COMMAND`, or `app` in `rcdk.json` or
//! `cdk.json`, with `CDK_OUTDIR` set, as the AWS CDK's CLI does) or by
//! reading an assembly folder (`--app DIR`, including one `cdk synth`
//! wrote), publishes its assets to the bootstrap stack's bucket, and deploys.
//! An app's program hands these commands on to `rcdk` by itself.
//!
//! Every flag is the app's own (`rcdk::cli::Cli`): one table parses both.
//!
//! A program that wants one binary that also deploys can call [`main_app`]
//! (and accept the AWS SDK in its build).

#![warn(missing_docs)]

mod cloud;
mod source;

use std::ffi::OsString;
use std::io::{self, Write};

use rcdk::cli::run_on;
use rcdk::App;

pub use cloud::Deploy;
pub use source::{load, load_from, CONFIG_FILES};

/// The `rcdk` binary: the command line on the app that `--app` or the
/// project's `rcdk.json` names.
pub fn main() -> ! {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let code = run_os(
        args,
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
        &mut rcdk::cli::ask,
    );
    std::process::exit(code)
}

/// The `rcdk` binary in this process: the app comes from `--app` or the
/// config file in the current folder. Returns the exit code.
///
/// ```
/// let (mut out, mut err) = (Vec::new(), Vec::new());
/// let code = rcdk_cli::run(&["list".into(), "--app".into(), "/no/such/app".into()], &mut out, &mut err, &mut |_| false);
/// assert_eq!(code, 1);
/// assert!(String::from_utf8(err).unwrap().contains("/no/such/app"));
/// ```
pub fn run(
    args: &[String],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> i32 {
    run_os(args.iter().map(OsString::from).collect(), stdout, stderr, confirm)
}

fn run_os(
    args: Vec<OsString>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> i32 {
    let app = app_flag(&args);
    let mut load = || source::load(app.as_deref());
    run_on(&mut load, args, stdout, stderr, confirm, &mut Deploy)
}

/// One program that synthesizes and deploys `app` (it links the AWS SDK).
pub fn main_app(app: App) -> ! {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let code = run_app(
        &app,
        args,
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
        &mut rcdk::cli::ask,
    );
    std::process::exit(code)
}

/// Runs the whole command line, deploy included, on `app` in this process,
/// writing to the given streams; `confirm` answers questions. Returns the
/// exit code: 0 success, 1 failure (or differences with `diff --fail`), 2
/// bad arguments.
///
/// ```
/// let app = rcdk::App::new();
/// let (mut out, mut err) = (Vec::new(), Vec::new());
/// let code = rcdk_cli::run_with(&app, &["deploy".into(), "--bogus".into()], &mut out, &mut err, &mut |_| false);
/// assert_eq!(code, 2);
/// ```
pub fn run_with(
    app: &App,
    args: &[String],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> i32 {
    run_app(app, args.iter().map(OsString::from).collect(), stdout, stderr, confirm)
}

fn run_app(
    app: &App,
    args: Vec<OsString>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> i32 {
    rcdk::cli::run_app_on(app, args, stdout, stderr, confirm, &mut Deploy)
}

/// `--app`'s value, if the arguments parse (a parse error is reported by
/// the command line itself).
fn app_flag(args: &[OsString]) -> Option<String> {
    rcdk::cli::parse_os(args.iter().cloned()).ok()?.source.app
}
