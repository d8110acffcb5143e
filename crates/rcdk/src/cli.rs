//! Turns an app into a command-line program: `rcdk::cli::main(app)`.
//!
//! Commands:
//! - `synth` (the default): YAML of every stack to stdout (`---` between
//!   stacks); `--format json`; `--stack NAME` for one stack; `--out DIR` writes
//!   the cloud assembly folder instead. Exits 1 with every error when
//!   validation fails; warnings go to stderr.
//! - `list`: the stacks, with the stacks each depends on.
//! - `run STATE_MACHINE [--input JSON] [--mock FILE [--test-case NAME]]
//!   [--endpoint NAME=URL]... [--output text|json]`: runs a state machine of
//!   the app locally (see `rcdk-states`) and prints each state with its input
//!   and output, then the result. `STATE_MACHINE` is its construct path, id or
//!   logical ID.

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
    /// Run a state machine locally.
    Run {
        /// Construct path, id or logical ID of the state machine.
        state_machine: String,
        /// The execution input (JSON).
        input: String,
        /// A mock file.
        mock: Option<PathBuf>,
        /// The mock file's test case.
        test_case: Option<String>,
        /// `NAME=URL` mappings for `apigateway:invoke`.
        endpoints: Vec<(String, String)>,
        /// Print JSON instead of text.
        json: bool,
    },
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
        "run" => {
            let state_machine = it.next().cloned().ok_or("run needs the state machine's path or id")?;
            let (mut input, mut mock, mut test_case, mut endpoints, mut json) = ("{}".to_owned(), None, None, Vec::new(), false);
            while let Some(a) = it.next() {
                let mut value = || it.next().cloned().ok_or_else(|| format!("{a} needs a value"));
                match a.as_str() {
                    "--input" => input = value()?,
                    "--mock" => mock = Some(PathBuf::from(value()?)),
                    "--test-case" => test_case = Some(value()?),
                    "--endpoint" => {
                        let v = value()?;
                        let (n, u) = v.split_once('=').ok_or_else(|| format!("--endpoint {v:?}: use NAME=URL"))?;
                        endpoints.push((n.to_owned(), u.to_owned()));
                    }
                    "--output" => match value()?.as_str() {
                        "text" => json = false,
                        "json" => json = true,
                        other => return Err(format!("unknown output {other:?}; use text or json")),
                    },
                    other => return Err(format!("unknown option {other:?} for run")),
                }
            }
            Ok(Command::Run { state_machine, input, mock, test_case, endpoints, json })
        }
        "list" | "ls" => match it.next() {
            None => Ok(Command::List),
            Some(a) => Err(format!("unknown option {a:?} for list")),
        },
        other => Err(format!("unknown command {other:?}; commands: synth, list, run")),
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
        Command::Run { state_machine, input, mock, test_case, endpoints, json } => {
            match run_state_machine(&assembly, &state_machine, &input, mock, test_case, &endpoints, json, stdout) {
                Ok(code) => code,
                Err(e) => {
                    writeln!(stderr, "error: {e}").ok();
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Finds a state machine of the app by construct path, id or logical ID.
fn find_state_machine<'a>(assembly: &'a Assembly, name: &str) -> Result<&'a serde_json::Value, String> {
    let mut known = Vec::new();
    for stack in assembly.stacks() {
        let resources = stack.template()["Resources"].as_object().into_iter().flatten();
        for (lid, r) in resources.filter(|(_, r)| r["Type"] == "AWS::StepFunctions::StateMachine") {
            let path = stack.construct_path(lid).unwrap_or(lid);
            let construct = path.strip_suffix("/Resource").unwrap_or(path);
            let id = construct.rsplit('/').next().unwrap_or(construct);
            if [lid.as_str(), path, construct, id].contains(&name) {
                return Ok(&r["Properties"]["Definition"]);
            }
            known.push(construct.to_owned());
        }
    }
    Err(format!(
        "no state machine {name:?}; the app has: {}",
        if known.is_empty() { "none".to_owned() } else { known.join(", ") }
    ))
}

#[allow(clippy::too_many_arguments)]
fn run_state_machine(
    assembly: &Assembly,
    name: &str,
    input: &str,
    mock: Option<PathBuf>,
    test_case: Option<String>,
    endpoints: &[(String, String)],
    json: bool,
    stdout: &mut dyn Write,
) -> Result<ExitCode, String> {
    use rcdk_states::{ApiGatewayInvoke, Machine, Mocks, Runner, SnsPublish, Status};
    let definition = find_state_machine(assembly, name)?;
    let machine = Machine::from_json(definition).map_err(|e| e.to_string())?;
    let input: serde_json::Value = serde_json::from_str(input).map_err(|e| format!("--input is not JSON: {e}"))?;
    let api = endpoints.iter().fold(ApiGatewayInvoke::new(), |a, (n, u)| a.endpoint(n, u));
    let mut runner = Runner::new()
        .handler(rcdk_states::API_GATEWAY_INVOKE, api)
        .handler(rcdk_states::SNS_PUBLISH, SnsPublish::new());
    if let Some(path) = mock {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mock_json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
        runner = runner.mocks(Mocks::from_json(&mock_json, test_case.as_deref()).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let execution = runner.run(&machine, input);
    if json {
        writeln!(stdout, "{}", serde_json::to_string_pretty(&execution.to_json()).unwrap_or_default()).ok();
    } else {
        write!(stdout, "{execution}").ok();
    }
    Ok(if execution.status == Status::Succeeded { ExitCode::SUCCESS } else { ExitCode::FAILURE })
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
