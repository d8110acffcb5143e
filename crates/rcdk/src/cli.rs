//! Turns an app into a command-line program: `rcdk::cli::main(app)`.
//!
//! One flag table, [`Cli`] (clap's derive API), drives parsing, `--help` on
//! every command, `--version`, shell completions (`completions bash`) and
//! suggestions for misspelled commands and flags. `run` is
//! [`rcdk_states::cli`]'s, the same as the `rcdk-states` binary's.
//!
//! `synth` (the default command) exits 1 with every error when validation
//! fails; warnings go to stderr. Bad arguments exit 2. `diff --fail` exits 1
//! when a stack differs. AWS configuration comes from the default chain
//! (environment, profile, SSO) unless overridden; `AWS_ENDPOINT_URL` points
//! every command at a local stand-in.

use std::io::Write;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use rcdk_core::{App, Assembly};
pub use rcdk_states::cli::{Output, RunArgs};

/// Where and as whom to talk to AWS (accepted by every command).
#[derive(Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct AwsArgs {
    /// The AWS profile (default: the usual chain of environment, profile, SSO).
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// The AWS region.
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// Send every AWS call here, for example to a local stand-in (also `AWS_ENDPOINT_URL`).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

/// The app's command line.
///
/// ```
/// use clap::Parser;
/// use rcdk::cli::{Cli, Command, TemplateFormat};
/// let cli = Cli::try_parse_from(["app", "synth", "--format", "json"]).unwrap();
/// assert!(matches!(cli.command, Some(Command::Synth(s)) if s.format == TemplateFormat::Json));
/// assert!(Cli::try_parse_from(["app", "synth", "--format", "xml"]).is_err());
/// assert!(Cli::try_parse_from(["app", "deploy", "--concurrency", "0"]).is_err());
/// ```
#[derive(Parser, Debug, PartialEq, Eq)]
#[command(version, about = "Synthesize, draw, run locally and deploy this rcdk app.")]
pub struct Cli {
    /// AWS options.
    #[command(flatten)]
    pub aws: AwsArgs,
    /// The command; `synth` when none is given.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the command line asked for.
#[derive(Subcommand, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Command {
    /// Print the templates, or write the cloud assembly (the default command).
    Synth(SynthArgs),
    /// List the stacks and what each depends on.
    #[command(visible_alias = "ls")]
    List,
    /// Draw the app: resources and the references between them, by stack and construct.
    Graph {
        /// The diagram language.
        #[arg(long, value_enum, default_value_t)]
        format: GraphFormat,
    },
    /// Run a state machine of the app locally (rcdk-states).
    Run {
        /// The state machine: its construct path, id or logical ID.
        state_machine: String,
        /// How to run it.
        #[command(flatten)]
        run: RunArgs,
    },
    /// Compare the app with the deployed stacks, property by property.
    Diff {
        /// Only this stack (repeatable; default every stack).
        #[arg(long = "stack", value_name = "NAME")]
        stacks: Vec<String>,
        /// Write Markdown, for a pull request.
        #[arg(long)]
        markdown: bool,
        /// Exit 1 when anything differs.
        #[arg(long)]
        fail: bool,
    },
    /// Deploy stacks through CloudFormation, dependencies first.
    Deploy(DeployArgs),
    /// Delete stacks, dependents first, asking first.
    Destroy {
        /// Only this stack (repeatable).
        #[arg(long = "stack", value_name = "NAME")]
        stacks: Vec<String>,
        /// Every stack of the app.
        #[arg(long, conflicts_with = "stacks")]
        all: bool,
        /// Do not ask.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// The flags of `synth`.
#[derive(Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct SynthArgs {
    /// The template format.
    #[arg(long, value_enum, default_value_t)]
    pub format: TemplateFormat,
    /// Only this stack.
    #[arg(long, value_name = "NAME")]
    pub stack: Option<String>,
    /// Write the cloud assembly (templates and manifest.json) to this folder instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// The flags of `deploy`.
#[derive(Args, Clone, Debug, PartialEq, Eq)]
pub struct DeployArgs {
    /// Only this stack (repeatable).
    #[arg(long = "stack", value_name = "NAME")]
    pub stacks: Vec<String>,
    /// Every stack of the app.
    #[arg(long, conflicts_with = "stacks")]
    pub all: bool,
    /// A parameter value, for one stack or all (repeatable).
    #[arg(long, value_name = "[STACK:]KEY=VALUE")]
    pub parameters: Vec<String>,
    /// Create the change sets, show them, and stop.
    #[arg(long)]
    pub no_execute: bool,
    /// When to ask before deploying.
    #[arg(long, value_enum, default_value_t)]
    pub require_approval: Approval,
    /// How many independent stacks deploy at once.
    #[arg(long, value_name = "N", default_value = "1")]
    pub concurrency: NonZeroUsize,
    /// How stacks are created and updated.
    #[arg(long, value_enum, default_value_t)]
    pub method: DeployMethod,
}

/// The format of printed templates.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum TemplateFormat {
    /// YAML, long-form intrinsics.
    #[default]
    Yaml,
    /// JSON, as the AWS CDK writes it.
    Json,
}

/// The language of `graph`.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum GraphFormat {
    /// A Mermaid flowchart.
    #[default]
    Mermaid,
    /// A Graphviz digraph.
    Dot,
}

/// When `deploy` asks before it changes anything.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Approval {
    /// Ask when IAM or security groups would allow more than before.
    #[default]
    Broadening,
    /// Never ask.
    Never,
}

/// How `deploy` creates and updates stacks.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeployMethod {
    /// A change set, shown, then executed.
    #[default]
    ChangeSet,
    /// CreateStack or UpdateStack directly.
    Direct,
}

/// Parses the arguments after the program name.
///
/// ```
/// use rcdk::cli::{parse, Command};
/// assert_eq!(parse(&[]).unwrap().command, None);
/// assert!(parse(&["synth".into(), "--format".into(), "xml".into()]).is_err());
/// ```
pub fn parse(args: &[String]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once(program_name()).chain(args.iter().cloned()))
}

/// The name the program was started as (for help and completions).
fn program_name() -> String {
    std::env::args()
        .next()
        .and_then(|p| PathBuf::from(p).file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "app".into())
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
    let cli = match parse(args) {
        Ok(c) => c,
        Err(e) => {
            // --help and --version are "errors" that print to stdout and succeed.
            let text = e.render().to_string();
            return if e.use_stderr() {
                write!(stderr, "{text}").ok();
                2
            } else {
                write!(stdout, "{text}").ok();
                0
            };
        }
    };
    let command = cli.command.unwrap_or(Command::Synth(SynthArgs::default()));
    if let Command::Completions { shell } = command {
        clap_complete::generate(shell, &mut Cli::command(), program_name(), stdout);
        return 0;
    }
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
        Command::Synth(args) => synth(&assembly, &args, stdout),
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
        Command::Graph { format } => {
            let text = match format {
                GraphFormat::Dot => crate::graph::dot(&assembly),
                GraphFormat::Mermaid => crate::graph::mermaid(&assembly),
            };
            write!(stdout, "{text}").ok();
            Ok(0)
        }
        Command::Run { state_machine, run } => find_state_machine(&assembly, &state_machine)
            .and_then(|definition| rcdk_states::Machine::from_json(&definition).map_err(|e| e.to_string()))
            .and_then(|machine| rcdk_states::cli::run(&machine, &run, stdout)),
        cmd => cloud(&assembly, cmd, &cli.aws, stdout, confirm),
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
        Command::Deploy(args) => {
            let opts = DeployOptions {
                method: match args.method {
                    DeployMethod::Direct => rcdk_deploy::Method::Direct,
                    DeployMethod::ChangeSet => rcdk_deploy::Method::ChangeSet,
                },
                parameters: args.parameters,
                execute: !args.no_execute,
                require_approval: match args.require_approval {
                    self::Approval::Never => Approval::Never,
                    self::Approval::Broadening => Approval::Broadening,
                },
                concurrency: args.concurrency.get(),
            };
            rcdk_deploy::deploy(
                assembly,
                &selection(args.stacks, args.all),
                &options,
                &opts,
                stdout,
                confirm,
            )
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

fn synth(assembly: &Assembly, args: &SynthArgs, stdout: &mut dyn Write) -> Result<i32, String> {
    let json = args.format == TemplateFormat::Json;
    if let Some(dir) = &args.out {
        assembly
            .write_to(&dir)
            .map_err(|e| format!("cannot write the cloud assembly to {}: {e}", dir.display()))?;
        return Ok(0);
    }
    let stacks: Vec<_> = match &args.stack {
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
