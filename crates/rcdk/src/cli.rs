//! Turns an app into a command-line program: `rcdk::cli::main(app)`.
//!
//! ```text
//! synth   [--format yaml|json] [--stack NAME] [--out DIR]      (the default)
//! list
//! graph   [--format mermaid|dot]
//! run     STATE_MACHINE [--input JSON] [--mock FILE [--test-case NAME]] [--endpoint NAME=URL]... [--output text|json]
//! diff    [--stack NAME]... [--markdown] [--fail]
//! deploy  [--stack NAME]... [--all] [--parameters [STACK:]KEY=VALUE]... [--no-execute]
//!         [--require-approval never|broadening] [--concurrency N] [--method change-set|direct]
//! destroy [--stack NAME]... [--all] [--force]
//! global: --profile NAME, --region REGION, --endpoint-url URL
//! ```
//!
//! `synth` exits 1 with every error when validation fails; warnings go to
//! stderr. `diff --fail` exits 1 when a stack differs. AWS configuration comes
//! from the default chain (environment, profile, SSO) unless overridden;
//! `AWS_ENDPOINT_URL` points every command at a local stand-in.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use rcdk_core::{App, Assembly};

/// Where and as whom to talk to AWS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AwsArgs {
    /// `--profile`.
    pub profile: Option<String>,
    /// `--region`.
    pub region: Option<String>,
    /// `--endpoint-url`.
    pub endpoint_url: Option<String>,
}

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Print or write templates.
    Synth {
        /// JSON instead of YAML.
        json: bool,
        /// Only this stack.
        stack: Option<String>,
        /// Write the cloud assembly here instead of printing.
        out: Option<PathBuf>,
    },
    /// List the stacks.
    List,
    /// Draw the app.
    Graph {
        /// Graphviz instead of Mermaid.
        dot: bool,
    },
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
    /// Compare with the deployed stacks.
    Diff {
        /// The stacks (all when empty).
        stacks: Vec<String>,
        /// Markdown for a pull request.
        markdown: bool,
        /// Exit 1 when anything differs.
        fail: bool,
    },
    /// Deploy through change sets.
    Deploy {
        /// The stacks (`--stack`), empty for the default.
        stacks: Vec<String>,
        /// `--all`.
        all: bool,
        /// `--parameters` entries.
        parameters: Vec<String>,
        /// `--no-execute`.
        no_execute: bool,
        /// `--require-approval never`.
        approval_never: bool,
        /// `--concurrency`.
        concurrency: usize,
        /// `--method direct`: CreateStack/UpdateStack instead of a change set.
        direct: bool,
    },
    /// Delete stacks.
    Destroy {
        /// The stacks (`--stack`), empty for the default.
        stacks: Vec<String>,
        /// `--all`.
        all: bool,
        /// Do not ask.
        force: bool,
    },
}

/// Parses the arguments after the program name: the command, and the AWS options.
///
/// ```
/// use rcdk::cli::{parse, Command};
/// assert_eq!(parse(&[]).unwrap().0, Command::Synth { json: false, stack: None, out: None });
/// assert!(parse(&["synth".into(), "--format".into(), "xml".into()]).is_err());
/// assert!(parse(&["deploy".into(), "--concurrency".into(), "zero".into()]).is_err());
/// ```
pub fn parse(args: &[String]) -> Result<(Command, AwsArgs), String> {
    let mut aws = AwsArgs::default();
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--profile" => aws.profile = Some(it.next().cloned().ok_or("--profile needs a value")?),
            "--region" => aws.region = Some(it.next().cloned().ok_or("--region needs a value")?),
            "--endpoint-url" => aws.endpoint_url = Some(it.next().cloned().ok_or("--endpoint-url needs a value")?),
            _ => rest.push(a.clone()),
        }
    }
    let (cmd, opts) = match rest.first().map(String::as_str) {
        None => ("synth", &rest[..]),
        Some(a) if a.starts_with("--") => ("synth", &rest[..]),
        Some(a) => (a, &rest[1..]),
    };
    let mut it = opts.iter().peekable();
    let mut positional = Vec::new();
    let mut flags: Vec<(String, Option<String>)> = Vec::new();
    const VALUED: &[&str] = &[
        "--format",
        "--stack",
        "--out",
        "--input",
        "--mock",
        "--test-case",
        "--endpoint",
        "--output",
        "--parameters",
        "--require-approval",
        "--concurrency",
        "--method",
    ];
    while let Some(a) = it.next() {
        if VALUED.contains(&a.as_str()) {
            let v = it.next().cloned().ok_or_else(|| format!("{a} needs a value"))?;
            flags.push((a.clone(), Some(v)));
        } else if a.starts_with("--") {
            flags.push((a.clone(), None));
        } else {
            positional.push(a.clone());
        }
    }
    let allowed = |names: &[&str]| -> Result<(), String> {
        for (f, _) in &flags {
            if !names.contains(&f.as_str()) {
                return Err(format!("unknown option {f:?} for {cmd}"));
            }
        }
        Ok(())
    };
    let one = |name: &str| flags.iter().rev().find(|(f, _)| f == name).and_then(|(_, v)| v.clone());
    let many = |name: &str| {
        flags
            .iter()
            .filter(|(f, _)| f == name)
            .filter_map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    let has = |name: &str| flags.iter().any(|(f, _)| f == name);
    let no_positional = || {
        if positional.is_empty() {
            Ok(())
        } else {
            Err(format!("unexpected argument {:?} for {cmd}", positional[0]))
        }
    };
    let command = match cmd {
        "synth" => {
            allowed(&["--format", "--stack", "--out"])?;
            no_positional()?;
            let json = match one("--format").as_deref() {
                None | Some("yaml") => false,
                Some("json") => true,
                Some(other) => return Err(format!("unknown format {other:?}; use yaml or json")),
            };
            Command::Synth {
                json,
                stack: one("--stack"),
                out: one("--out").map(PathBuf::from),
            }
        }
        "list" | "ls" => {
            allowed(&[])?;
            no_positional()?;
            Command::List
        }
        "graph" => {
            allowed(&["--format"])?;
            no_positional()?;
            let dot = match one("--format").as_deref() {
                None | Some("mermaid") => false,
                Some("dot") => true,
                Some(other) => return Err(format!("unknown format {other:?}; use mermaid or dot")),
            };
            Command::Graph { dot }
        }
        "run" => {
            allowed(&["--input", "--mock", "--test-case", "--endpoint", "--output"])?;
            let [state_machine] = positional.as_slice() else {
                return Err("run needs one state machine (its path, id or logical ID)".into());
            };
            let mut endpoints = Vec::new();
            for v in many("--endpoint") {
                let (n, u) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--endpoint {v:?}: use NAME=URL"))?;
                endpoints.push((n.to_owned(), u.to_owned()));
            }
            let json = match one("--output").as_deref() {
                None | Some("text") => false,
                Some("json") => true,
                Some(other) => return Err(format!("unknown output {other:?}; use text or json")),
            };
            Command::Run {
                state_machine: state_machine.clone(),
                input: one("--input").unwrap_or_else(|| "{}".into()),
                mock: one("--mock").map(PathBuf::from),
                test_case: one("--test-case"),
                endpoints,
                json,
            }
        }
        "diff" => {
            allowed(&["--stack", "--markdown", "--fail"])?;
            no_positional()?;
            Command::Diff {
                stacks: many("--stack"),
                markdown: has("--markdown"),
                fail: has("--fail"),
            }
        }
        "deploy" => {
            allowed(&[
                "--stack",
                "--all",
                "--parameters",
                "--no-execute",
                "--require-approval",
                "--concurrency",
                "--method",
            ])?;
            no_positional()?;
            let approval_never = match one("--require-approval").as_deref() {
                None | Some("broadening") => false,
                Some("never") => true,
                Some(other) => return Err(format!("unknown approval {other:?}; use never or broadening")),
            };
            let concurrency = match one("--concurrency") {
                None => 1,
                Some(n) => n
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--concurrency {n:?}: use a positive number"))?,
            };
            let direct = match one("--method").as_deref() {
                None | Some("change-set") => false,
                Some("direct") => true,
                Some(other) => return Err(format!("unknown method {other:?}; use change-set or direct")),
            };
            Command::Deploy {
                direct,
                stacks: many("--stack"),
                all: has("--all"),
                parameters: many("--parameters"),
                no_execute: has("--no-execute"),
                approval_never,
                concurrency,
            }
        }
        "destroy" => {
            allowed(&["--stack", "--all", "--force"])?;
            no_positional()?;
            Command::Destroy {
                stacks: many("--stack"),
                all: has("--all"),
                force: has("--force"),
            }
        }
        other => {
            return Err(format!(
                "unknown command {other:?}; commands: synth, list, graph, run, diff, deploy, destroy"
            ))
        }
    };
    Ok((command, aws))
}

/// Runs the command line on `app` and exits the process with its status.
pub fn main(app: App) -> ! {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = run_with(
        &app,
        &args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
        &mut ask,
    );
    std::process::exit(code)
}

/// Asks a yes/no question on the terminal; anything but a terminal answers no.
fn ask(question: &str) -> bool {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        eprintln!("{question} (no terminal to ask; answering no — pass --require-approval never or --force)");
        return false;
    }
    eprint!("{question} ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).ok();
    matches!(line.trim(), "y" | "Y" | "yes")
}

/// Runs the command line on `app`, writing to the given streams; questions
/// are answered no. Returns the exit code.
pub fn run(app: &App, args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitCode {
    ExitCode::from(run_with(app, args, stdout, stderr, &mut |_| false) as u8)
}

/// Runs the command line with a function that answers questions. Returns
/// the exit code: 0 success, 1 failure (or differences with `diff --fail`),
/// 2 bad arguments.
pub fn run_with(
    app: &App,
    args: &[String],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> i32 {
    let (command, aws) = match parse(args) {
        Ok(c) => c,
        Err(e) => {
            writeln!(stderr, "error: {e}").ok();
            return 2;
        }
    };
    let assembly = match app.synth() {
        Ok(a) => a,
        Err(errors) => {
            write!(stderr, "{errors}").ok();
            return 1;
        }
    };
    for w in assembly.warnings() {
        writeln!(stderr, "warning: {w}").ok();
    }
    let result = match command {
        Command::Synth { json, stack, out } => synth(&assembly, json, stack, out, stdout),
        Command::List => {
            for s in assembly.stacks() {
                if s.dependencies().is_empty() {
                    writeln!(stdout, "{}", s.id()).ok();
                } else {
                    writeln!(stdout, "{} (depends on {})", s.id(), s.dependencies().join(", ")).ok();
                }
            }
            Ok(0)
        }
        Command::Graph { dot } => {
            let text = if dot {
                crate::graph::dot(&assembly)
            } else {
                crate::graph::mermaid(&assembly)
            };
            write!(stdout, "{text}").ok();
            Ok(0)
        }
        Command::Run {
            state_machine,
            input,
            mock,
            test_case,
            endpoints,
            json,
        } => run_state_machine(
            &assembly,
            &state_machine,
            &input,
            mock,
            test_case,
            &endpoints,
            json,
            stdout,
        ),
        cmd @ (Command::Diff { .. } | Command::Deploy { .. } | Command::Destroy { .. }) => {
            cloud(&assembly, cmd, &aws, stdout, confirm)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            writeln!(stderr, "error: {e}").ok();
            1
        }
    }
}

#[cfg(feature = "deploy")]
fn cloud(
    assembly: &Assembly,
    cmd: Command,
    aws: &AwsArgs,
    stdout: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<i32, String> {
    use rcdk_deploy::{Approval, AwsOptions, DeployOptions, Selection};
    let options = AwsOptions {
        profile: aws.profile.clone(),
        region: aws.region.clone(),
        endpoint_url: aws.endpoint_url.clone(),
        poll_interval: None,
        max_wait: None,
    };
    let selection = |stacks: Vec<String>, all: bool| {
        if all {
            Selection::All
        } else if stacks.is_empty() {
            Selection::Default
        } else {
            Selection::Stacks(stacks)
        }
    };
    match cmd {
        Command::Diff { stacks, markdown, fail } => {
            let differs = rcdk_deploy::diff(assembly, &selection(stacks, false), &options, markdown, stdout)
                .map_err(|e| e.to_string())?;
            Ok(if fail && differs { 1 } else { 0 })
        }
        Command::Deploy {
            stacks,
            all,
            parameters,
            no_execute,
            approval_never,
            concurrency,
            direct,
        } => {
            let opts = DeployOptions {
                method: if direct {
                    rcdk_deploy::Method::Direct
                } else {
                    rcdk_deploy::Method::ChangeSet
                },
                parameters,
                execute: !no_execute,
                require_approval: if approval_never {
                    Approval::Never
                } else {
                    Approval::Broadening
                },
                concurrency,
            };
            rcdk_deploy::deploy(assembly, &selection(stacks, all), &options, &opts, stdout, confirm)
                .map_err(|e| e.to_string())?;
            Ok(0)
        }
        Command::Destroy { stacks, all, force } => {
            rcdk_deploy::destroy(assembly, &selection(stacks, all), &options, force, stdout, confirm)
                .map_err(|e| e.to_string())?;
            Ok(0)
        }
        _ => Ok(0),
    }
}

#[cfg(not(feature = "deploy"))]
fn cloud(
    _: &Assembly,
    _: Command,
    _: &AwsArgs,
    _: &mut dyn Write,
    _: &mut dyn FnMut(&str) -> bool,
) -> Result<i32, String> {
    Err("this program was built without rcdk's `deploy` feature; enable it to diff, deploy and destroy".into())
}

/// Finds a state machine of the app by construct path, id or logical ID, and
/// returns its definition with the substitutions that are fixed by the
/// partition (`${Partition}`, `${URLSuffix}`) filled in, as CloudFormation
/// fills them in a commercial region.
fn find_state_machine(assembly: &Assembly, name: &str) -> Result<serde_json::Value, String> {
    let props = find_state_machine_properties(assembly, name)?;
    let mut definition = props["Definition"].clone();
    rcdk_orchestration::fill_partition_substitutions(&mut definition, &props["DefinitionSubstitutions"]);
    Ok(definition)
}

fn find_state_machine_properties<'a>(assembly: &'a Assembly, name: &str) -> Result<&'a serde_json::Value, String> {
    let mut known = Vec::new();
    for stack in assembly.stacks() {
        let resources = stack.template()["Resources"].as_object().into_iter().flatten();
        for (lid, r) in resources.filter(|(_, r)| r["Type"] == "AWS::StepFunctions::StateMachine") {
            let path = stack.construct_path(lid).unwrap_or(lid);
            let construct = path.strip_suffix("/Resource").unwrap_or(path);
            let id = construct.rsplit('/').next().unwrap_or(construct);
            if [lid.as_str(), path, construct, id].contains(&name) {
                return Ok(&r["Properties"]);
            }
            known.push(construct.to_owned());
        }
    }
    Err(format!(
        "no state machine {name:?}; the app has: {}",
        if known.is_empty() {
            "none".to_owned()
        } else {
            known.join(", ")
        }
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
) -> Result<i32, String> {
    use rcdk_states::{ApiGatewayInvoke, Machine, Mocks, Runner, SnsPublish, Status};
    let definition = find_state_machine(assembly, name)?;
    let machine = Machine::from_json(&definition).map_err(|e| e.to_string())?;
    let input: serde_json::Value = serde_json::from_str(input).map_err(|e| format!("--input is not JSON: {e}"))?;
    let api = endpoints
        .iter()
        .fold(ApiGatewayInvoke::new(), |a, (n, u)| a.endpoint(n, u));
    let mut runner = Runner::new()
        .handler(rcdk_states::API_GATEWAY_INVOKE, api)
        .handler(rcdk_states::SNS_PUBLISH, SnsPublish::new());
    if let Some(path) = mock {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mock_json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
        runner = runner
            .mocks(Mocks::from_json(&mock_json, test_case.as_deref()).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let execution = runner.run(&machine, input);
    if json {
        writeln!(
            stdout,
            "{}",
            serde_json::to_string_pretty(&execution.to_json()).unwrap_or_default()
        )
        .ok();
    } else {
        write!(stdout, "{execution}").ok();
    }
    Ok(if execution.status == Status::Succeeded { 0 } else { 1 })
}

fn synth(
    assembly: &Assembly,
    json: bool,
    stack: Option<String>,
    out: Option<PathBuf>,
    stdout: &mut dyn Write,
) -> Result<i32, String> {
    if let Some(dir) = out {
        assembly
            .write_to(&dir)
            .map_err(|e| format!("cannot write the cloud assembly to {}: {e}", dir.display()))?;
        return Ok(0);
    }
    let stacks: Vec<_> = match &stack {
        Some(name) => match assembly.stack(name) {
            Some(s) => vec![s],
            None => {
                let names: Vec<&str> = assembly.stacks().iter().map(|s| s.id()).collect();
                return Err(format!("no stack named {name:?}; stacks: {}", names.join(", ")));
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
    Ok(0)
}
