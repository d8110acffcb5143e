//! Turns an app into a command-line program: `rcdk::cli::main(app)`.
//!
//! Commands:
//! - `synth` (the default): YAML of every stack to stdout (`---` between
//!   stacks); `--format json`; `--stack NAME` for one stack; `--out DIR` writes
//!   the cloud assembly folder instead. Exits 1 with every error when
//!   validation fails; warnings go to stderr.
//! - `list`: the stacks, with the stacks each depends on.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use rcdk_core::{App, Assembly};

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Print or write templates.
    Synth {
        /// `yaml` or `json`.
        json: bool,
        /// Only this stack.
        stack: Option<String>,
        /// Write the cloud assembly here instead of printing.
        out: Option<PathBuf>,
    },
    /// List the stacks.
    List,
}

/// Parses the arguments after the program name.
///
/// ```
/// use rcdk::cli::{parse, Command};
/// assert_eq!(parse(&[]).unwrap(), Command::Synth { json: false, stack: None, out: None });
/// assert!(parse(&["synth".into(), "--format".into(), "xml".into()]).is_err());
/// ```
pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut it = args.iter();
    let cmd = match args.first().map(String::as_str) {
        None => "synth",
        Some(a) if a.starts_with("--") => "synth",
        Some(a) => {
            it.next();
            a
        }
    };
    match cmd {
        "synth" => {
            let (mut json, mut stack, mut out) = (false, None, None);
            while let Some(a) = it.next() {
                let mut value = || it.next().cloned().ok_or_else(|| format!("{a} needs a value"));
                match a.as_str() {
                    "--format" => match value()?.as_str() {
                        "yaml" => json = false,
                        "json" => json = true,
                        other => return Err(format!("unknown format {other:?}; use yaml or json")),
                    },
                    "--stack" => stack = Some(value()?),
                    "--out" => out = Some(PathBuf::from(value()?)),
                    other => return Err(format!("unknown option {other:?} for synth")),
                }
            }
            Ok(Command::Synth { json, stack, out })
        }
        "list" | "ls" => match it.next() {
            None => Ok(Command::List),
            Some(a) => Err(format!("unknown option {a:?} for list")),
        },
        other => Err(format!("unknown command {other:?}; commands: synth, list")),
    }
}

/// Runs the command line on `app` and exits the process with its status.
pub fn main(app: App) -> ! {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = run(&app, &args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(if code == ExitCode::SUCCESS { 0 } else { 1 })
}

/// Runs the command line on `app`, writing to the given streams.
pub fn run(app: &App, args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitCode {
    let command = match parse(args) {
        Ok(c) => c,
        Err(e) => {
            writeln!(stderr, "error: {e}").ok();
            return ExitCode::from(2);
        }
    };
    let assembly = match app.synth() {
        Ok(a) => a,
        Err(errors) => {
            write!(stderr, "{errors}").ok();
            return ExitCode::FAILURE;
        }
    };
    for w in assembly.warnings() {
        writeln!(stderr, "warning: {w}").ok();
    }
    match command {
        Command::Synth { json, stack, out } => synth(&assembly, json, stack, out, stdout, stderr),
        Command::List => {
            for s in assembly.stacks() {
                if s.dependencies().is_empty() {
                    writeln!(stdout, "{}", s.id()).ok();
                } else {
                    writeln!(stdout, "{} (depends on {})", s.id(), s.dependencies().join(", ")).ok();
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn synth(
    assembly: &Assembly,
    json: bool,
    stack: Option<String>,
    out: Option<PathBuf>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> ExitCode {
    if let Some(dir) = out {
        return match assembly.write_to(&dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                writeln!(stderr, "error: cannot write the cloud assembly to {}: {e}", dir.display()).ok();
                ExitCode::FAILURE
            }
        };
    }
    let stacks: Vec<_> = match &stack {
        Some(name) => match assembly.stack(name) {
            Some(s) => vec![s],
            None => {
                let names: Vec<&str> = assembly.stacks().iter().map(|s| s.id()).collect();
                writeln!(stderr, "error: no stack named {name:?}; stacks: {}", names.join(", ")).ok();
                return ExitCode::FAILURE;
            }
        },
        None => assembly.stacks().iter().collect(),
    };
    for (i, s) in stacks.iter().enumerate() {
        if json {
            write!(stdout, "{}", s.to_json()).ok();
        } else {
            if i > 0 {
                writeln!(stdout, "---").ok();
            }
            write!(stdout, "{}", s.to_yaml()).ok();
        }
    }
    ExitCode::SUCCESS
}
