//! Turns an app into a command-line program: `rcdk::cli::main(app)`.
//!
//! One flag table, [`Cli`] (clap's derive API), drives parsing, `--help` on
//! every command, `--version`, shell completions (`completions bash`) and
//! suggestions for misspelled commands and flags. `run` is
//! [`rcdk_states::cli`]'s, the same as the `rcdk-states` binary's.
//!
//! `synth` (the default command) exits 1 with every error when validation
//! fails; warnings go to stderr. Bad arguments exit 2, before any work is
//! done. Every write is checked: output that cannot be written (a full disk,
//! a closed pipe) fails the command with exit 1. `diff --fail` exits 1
//! when a stack differs. AWS configuration comes from the default chain
//! (environment, profile, SSO) unless overridden; `AWS_ENDPOINT_URL` points
//! every command at a local stand-in.

use std::ffi::OsString;
use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use rcdk_core::{App, Assembly, StackArtifact};
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

/// Where the `rcdk` command line (crate `rcdk-cli`) gets the app. A program
/// that builds its own app passes its own path when it hands a command on.
#[derive(Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct AppArgs {
    /// The app: a command that runs it (writing its cloud assembly to `CDK_OUTDIR`, as
    /// `rcdk::cli::main` and AWS CDK apps do) or a cloud assembly folder (default: `app` in
    /// rcdk.json or cdk.json).
    #[arg(long, global = true, value_name = "COMMAND|DIR")]
    pub app: Option<String>,
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
    /// Where the `rcdk` command line gets the app.
    #[command(flatten)]
    pub source: AppArgs,
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
    /// Create or update the bootstrap stack (CDKToolkit) that holds assets and large templates.
    Bootstrap(BootstrapArgs),
    /// Detect drift: deployed resources changed outside CloudFormation, property by property.
    Drift {
        /// Only this stack (repeatable; default every stack).
        #[arg(long = "stack", value_name = "NAME")]
        stacks: Vec<String>,
        /// Exit 1 when anything drifted.
        #[arg(long)]
        fail: bool,
    },
    /// Import existing resources into a deployed stack (an IMPORT change set), as `cdk import` does.
    Import(ImportArgs),
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
    /// Print only this stack's template (by id or stack name).
    ///
    /// With `--out`, the whole cloud assembly is still written, as `cdk synth
    /// STACK` writes it (a stack's manifest entry names the stacks it depends
    /// on), and this stack's template is printed as well. An unknown name
    /// fails before anything is written.
    #[arg(long, value_name = "NAME")]
    pub stack: Option<String>,
    /// Write the cloud assembly to this folder instead of printing.
    ///
    /// The folder gets a template per stack, `manifest.json`, `cdk.out` and
    /// `rcdk-written.json` (the templates rcdk wrote). Templates rcdk wrote
    /// before and no longer writes are removed; nothing else in the folder is
    /// touched, and a `manifest.json` or `cdk.out` that is not a cloud
    /// assembly's stops the write.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Fail (exit 1, writing nothing) when synthesis has any warning, policy findings included.
    #[arg(long)]
    pub strict: bool,
    /// Write each resource's source location (the line of the app that made
    /// it) into its `Metadata` as `rcdk:location`. Off by default, so
    /// templates do not change when code moves. Applies to an app's own
    /// program (`cargo run -- synth --locations`).
    #[arg(long)]
    pub locations: bool,
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
    /// Deploy over a stack of the same name that this app did not deploy, and
    /// over change sets others left waiting for review (approval is still asked).
    #[arg(long)]
    pub force: bool,
    /// The bootstrap stack that holds assets and large templates.
    #[arg(long, value_name = "NAME", default_value = "CDKToolkit")]
    pub toolkit_stack_name: String,
}

/// The flags of `import`.
#[derive(Args, Clone, Debug, PartialEq, Eq)]
pub struct ImportArgs {
    /// The stack to import into (needed when the app has several).
    #[arg(long, value_name = "NAME")]
    pub stack: Option<String>,
    /// Identifiers of the resources whose template does not set them, as a JSON file in the
    /// AWS CDK's `--resource-mapping` format: `{"LogicalId": {"Property": "value"}}`.
    #[arg(long, value_name = "FILE")]
    pub resource_mapping: Option<PathBuf>,
    /// A new resource not to import, left for the next deploy (repeatable).
    #[arg(long, value_name = "LOGICAL_ID")]
    pub skip: Vec<String>,
    /// Create the change set, show it, and stop.
    #[arg(long)]
    pub no_execute: bool,
    /// When to ask before importing.
    #[arg(long, value_enum, default_value_t)]
    pub require_approval: Approval,
    /// Import into a stack of the same name this app did not deploy.
    #[arg(long)]
    pub force: bool,
}

/// The flags of `bootstrap`.
#[derive(Args, Clone, Debug, PartialEq, Eq)]
pub struct BootstrapArgs {
    /// The qualifier in the bootstrap resources' names (the AWS CDK's default unless given).
    #[arg(long, value_name = "QUALIFIER", default_value = rcdk_core::asset::DEFAULT_QUALIFIER)]
    pub qualifier: String,
    /// The bootstrap stack's name.
    #[arg(long, value_name = "NAME", default_value = "CDKToolkit")]
    pub toolkit_stack_name: String,
    /// Print the bootstrap template instead of deploying it.
    #[arg(long)]
    pub show_template: bool,
}

impl Command {
    /// Whether the command talks to AWS (and so runs in the `rcdk` command line).
    pub fn is_cloud(&self) -> bool {
        // Exhaustive, so a new command must say where it runs.
        match self {
            Command::Synth(_) | Command::List | Command::Graph { .. } | Command::Run { .. } => false,
            Command::Completions { .. } => false,
            Command::Diff { .. } | Command::Deploy(_) | Command::Destroy { .. } => true,
            Command::Bootstrap(_) | Command::Drift { .. } | Command::Import(_) => true,
        }
    }

    /// The command's name on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Synth(_) => "synth",
            Command::List => "list",
            Command::Graph { .. } => "graph",
            Command::Run { .. } => "run",
            Command::Diff { .. } => "diff",
            Command::Deploy(_) => "deploy",
            Command::Destroy { .. } => "destroy",
            Command::Bootstrap(_) => "bootstrap",
            Command::Drift { .. } => "drift",
            Command::Import(_) => "import",
            Command::Completions { .. } => "completions",
        }
    }
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
    /// Ask before IAM or security group changes, any replacement, and removing a resource that holds data.
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
    /// CreateStack or UpdateStack directly, after showing the diff.
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
    parse_os(args.iter().map(OsString::from))
}

/// [`parse`] on arguments that need not be UTF-8: a folder name may not be,
/// and clap says which argument is wrong instead of the process panicking.
pub fn parse_os(args: impl IntoIterator<Item = OsString>) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once(OsString::from(program_name())).chain(args))
}

/// The name the program was started as (for help and completions).
fn program_name() -> String {
    std::env::args_os()
        .next()
        .and_then(|p| PathBuf::from(p).file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "app".into())
}

/// Runs the command line on `app` and exits the process with its status.
///
/// Started without arguments by a tool that sets `CDK_OUTDIR` (the `rcdk`
/// command line, or the AWS CDK's `cdk --app`), it writes the cloud
/// assembly there, as AWS CDK apps do.
pub fn main(app: App) -> ! {
    let mut args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.is_empty() {
        if let Some(dir) = std::env::var_os("CDK_OUTDIR") {
            args = vec!["synth".into(), "--out".into(), dir];
        }
    }
    let code = run_os(&app, args, &mut io::stdout().lock(), &mut io::stderr().lock(), &mut ask);
    std::process::exit(code)
}

/// Asks a yes/no question on the terminal. Without a terminal, or when the
/// question cannot be shown, the answer is no; the command that asked then
/// says which flag skips the question (`--force`, `--require-approval never`).
pub fn ask(question: &str) -> bool {
    use std::io::IsTerminal;
    let mut stderr = io::stderr();
    if !io::stdin().is_terminal() {
        // The answer is no whether or not this note is seen, and the command
        // then fails with a message of its own: a failed write changes nothing.
        let _ = writeln!(stderr, "{question} (no terminal to ask; answering no)");
        return false;
    }
    if write!(stderr, "{question} ").and_then(|()| stderr.flush()).is_err() {
        return false;
    }
    let mut line = String::new();
    io::stdin().read_line(&mut line).is_ok() && matches!(line.trim(), "y" | "Y" | "yes" | "Yes" | "YES")
}

/// Runs the command line on `app`, writing to the given streams; questions
/// are answered no. Returns the exit code.
pub fn run(app: &App, args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitCode {
    ExitCode::from(run_with(app, args, stdout, stderr, &mut |_| false) as u8)
}

/// Runs the command line with a function that answers questions. Returns
/// the exit code: 0 success, 1 failure (or differences with `diff --fail`),
/// 2 bad arguments. Every write is checked: when `stdout` or `stderr` fails
/// (a full disk, a closed pipe), the command fails, and says so on `stderr`
/// when it can.
pub fn run_with(
    app: &App,
    args: &[String],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> i32 {
    run_os(app, args.iter().map(OsString::from).collect(), stdout, stderr, confirm)
}

/// [`run_with`] on arguments that need not be UTF-8.
fn run_os(
    app: &App,
    args: Vec<OsString>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> i32 {
    let mut forward = Forward { args: args.clone() };
    run_app_on(app, args, stdout, stderr, confirm, &mut forward)
}

/// The command line on `app`, synthesized in this process, with `cloud`
/// running the commands that talk to AWS (the `rcdk` command line passes
/// its own). Returns the exit code.
pub fn run_app_on(
    app: &App,
    args: Vec<OsString>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
    cloud: &mut dyn Cloud,
) -> i32 {
    // Untyped resources (`Resource::new`) are checked against their schema
    // too, even in a program that never builds a typed L1.
    rcdk_cfn::register();
    if let Ok(Cli {
        command: Some(Command::Synth(SynthArgs { locations: true, .. })),
        ..
    }) = parse_os(args.clone())
    {
        app.set_location_metadata(true);
    }
    let mut synth = || app.synth().map_err(|errors| errors.to_string());
    run_on(&mut synth, args, stdout, stderr, confirm, cloud)
}

/// The command line on an app that `load` synthesizes (or reads), with
/// `cloud` running the commands that talk to AWS. Returns the exit code.
/// This is the `rcdk` command line's entry as well as an app's.
pub fn run_on(
    load: &mut dyn FnMut() -> Result<Assembly, String>,
    args: Vec<OsString>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
    cloud: &mut dyn Cloud,
) -> i32 {
    let mut out = Checked::new(stdout);
    let mut err = Checked::new(stderr);
    let (code, said) = match execute(load, args, &mut out, &mut err, confirm, cloud) {
        Ok(code) => (code, false),
        Err(Stop::Usage(text)) => (2, say(&mut err, &text)),
        Err(Stop::Failed(text)) => (1, say(&mut err, &text)),
    };
    finish(code, said, out, err)
}

/// Writes a final message. A failure is recorded by the stream itself and
/// turned into the exit code by [`finish`]; there is nowhere else to say it.
fn say(err: &mut Checked<'_>, text: &str) -> bool {
    err.write_all(text.as_bytes()).is_ok()
}

/// Flushes the output and fails the command when any write failed: a
/// callee may have dropped a write error, and a buffered stdout reports a
/// full disk only when flushed. The error is said once: not again when the
/// command already failed with a message.
fn finish(code: i32, said: bool, mut out: Checked<'_>, mut err: Checked<'_>) -> i32 {
    let _ = out.flush(); // recorded in `out.failure`
    let mut code = code;
    if let Some(e) = out.failure.take() {
        if !said {
            let _ = err.write_all(format!("error: {}\n", cannot_write(e)).as_bytes());
            // recorded in `err`
        }
        code = code.max(1);
    }
    let _ = err.flush(); // recorded in `err.failure`
    if err.failure.is_some() {
        code = code.max(1);
    }
    code
}

/// Why a command stopped, with the text for stderr: bad arguments (exit 2)
/// or a failure (exit 1).
enum Stop {
    Usage(String),
    Failed(String),
}

/// A failure reported as one `error:` line.
fn failed(e: impl std::fmt::Display) -> Stop {
    Stop::Failed(format!("error: {e}\n"))
}

/// The message for a failed write to stdout.
fn cannot_write(e: io::Error) -> String {
    format!("cannot write to standard output: {e}")
}

/// A stream that remembers its first failure, so that a write a callee
/// dropped (`.ok()`), or one that fails only when flushed, still fails the
/// command.
struct Checked<'a> {
    inner: &'a mut dyn Write,
    failure: Option<io::Error>,
}

impl<'a> Checked<'a> {
    fn new(inner: &'a mut dyn Write) -> Self {
        Checked { inner, failure: None }
    }

    fn note<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        match result {
            // `write_all` retries an interrupted write; it is no failure.
            Err(e) if e.kind() != io::ErrorKind::Interrupted => {
                if self.failure.is_none() {
                    self.failure = Some(io::Error::new(e.kind(), e.to_string()));
                }
                Err(e)
            }
            other => other,
        }
    }
}

impl Write for Checked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.note(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.note(result)
    }
}

/// Parses, synthesizes and runs the command.
fn execute(
    load: &mut dyn FnMut() -> Result<Assembly, String>,
    args: Vec<OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
    cloud: &mut dyn Cloud,
) -> Result<i32, Stop> {
    let cli = match parse_os(args) {
        Ok(c) => c,
        Err(e) if e.use_stderr() => return Err(Stop::Usage(e.render().to_string())),
        // --help and --version are "errors" that print to stdout and succeed.
        Err(e) => {
            write!(out, "{}", e.render()).map_err(|e| failed(cannot_write(e)))?;
            return Ok(0);
        }
    };
    let command = cli.command.unwrap_or(Command::Synth(SynthArgs::default()));
    if let Command::Completions { shell } = command {
        return completions(shell, out).map_err(failed);
    }
    if command.is_cloud() {
        let cli = Cli {
            command: Some(command),
            ..cli
        };
        // A complete message (a load's, ending in a newline) is printed as it is.
        return cloud
            .run(cli, load, out, err, confirm)
            .map_err(|text| match text.ends_with('\n') {
                true => Stop::Failed(text),
                false => failed(text),
            });
    }
    let assembly = load().map_err(Stop::Failed)?;
    print_warnings(&assembly, err).map_err(failed)?;
    let warned = assembly.warnings().len();
    if matches!(&command, Command::Synth(args) if args.strict) && warned > 0 {
        return Err(failed(format!(
            "--strict: synthesis has {warned} warning(s), above; fix them, or suppress a policy finding with its reason"
        )));
    }
    match command {
        Command::Synth(args) => synth(&assembly, &args, out),
        Command::List => list(&assembly, out),
        Command::Graph { format } => graph(&assembly, format, out),
        Command::Run { state_machine, run } => find_state_machine(&assembly, &state_machine)
            .and_then(|definition| rcdk_states::Machine::from_json(&definition).map_err(|e| e.to_string()))
            .and_then(|machine| rcdk_states::cli::run(&machine, &run, out)),
        _ => Ok(0),
    }
    .map_err(failed)
}

/// Prints the assembly's warnings as compilers do, `file:line:column:
/// warning: path: message`, so editors and CI annotations link to the line.
pub fn print_warnings(assembly: &Assembly, err: &mut dyn Write) -> Result<(), String> {
    for w in assembly.warnings() {
        writeln!(err, "{}", w.line()).map_err(|e| format!("cannot write to standard error: {e}"))?;
    }
    Ok(())
}

/// Runs the commands that talk to AWS: `diff`, `deploy`, `destroy` and
/// `bootstrap`. An app's own program links no AWS SDK: it hands them to the
/// `rcdk` command line ([`Forward`]), whose crate, `rcdk-cli`, implements
/// this with `rcdk-deploy`.
pub trait Cloud {
    /// Runs `cli`'s command; `load` synthesizes or reads the app when needed.
    /// An error is printed after `error: `, unless it ends in a newline
    /// (then it is a whole message, such as `load`'s, printed as it is).
    fn run(
        &mut self,
        cli: Cli,
        load: &mut dyn FnMut() -> Result<Assembly, String>,
        out: &mut dyn Write,
        err: &mut dyn Write,
        confirm: &mut dyn FnMut(&str) -> bool,
    ) -> Result<i32, String>;
}

/// Hands a command to the `rcdk` command line (`$RCDK_CLI`, or `rcdk` on
/// `PATH`) with `--app` naming this program, which it runs to get the
/// assembly; says how to install it when it is missing.
#[derive(Clone, Debug)]
pub struct Forward {
    /// The arguments to hand on, as given.
    pub args: Vec<OsString>,
}

impl Cloud for Forward {
    fn run(
        &mut self,
        cli: Cli,
        _: &mut dyn FnMut() -> Result<Assembly, String>,
        _: &mut dyn Write,
        _: &mut dyn Write,
        _: &mut dyn FnMut(&str) -> bool,
    ) -> Result<i32, String> {
        let name = cli.command.as_ref().map_or("deploy", Command::name);
        let exe = std::env::current_exe().map_err(|e| format!("cannot find this program's path: {e}"))?;
        let Some(rcdk) = find_rcdk() else {
            return Err(format!(
                "`{name}` runs in the rcdk command line, which keeps the AWS SDK out of this program; \
                 install it with `cargo install rcdk-cli`, then run `rcdk {name} --app {}` \
                 (or put {{\"app\": \"cargo run --example NAME\"}} in rcdk.json and run `rcdk {name}`)",
                exe.display()
            ));
        };
        let mut command = std::process::Command::new(&rcdk);
        command.args(&self.args);
        if cli.source.app.is_none() {
            command.arg("--app").arg(&exe);
        }
        let status = command
            .status()
            .map_err(|e| format!("cannot run {}: {e}", rcdk.display()))?;
        Ok(status.code().unwrap_or(1))
    }
}

/// The `rcdk` command line: `$RCDK_CLI`, else `rcdk` on `PATH`.
fn find_rcdk() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("RCDK_CLI") {
        return Some(PathBuf::from(path));
    }
    let name = format!("rcdk{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(&name))
        .find(|p| p.is_file())
}

/// Writes the completion script. `clap_complete` panics when its stream
/// fails, so the script is built in memory and written here.
fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<i32, String> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), program_name(), &mut script);
    out.write_all(&script).map_err(cannot_write)?;
    Ok(0)
}

/// `list`: each stack and the stacks it depends on.
fn list(assembly: &Assembly, out: &mut dyn Write) -> Result<i32, String> {
    for s in assembly.stacks() {
        let written = if s.dependencies().is_empty() {
            writeln!(out, "{}", s.id())
        } else {
            writeln!(out, "{} (depends on {})", s.id(), s.dependencies().join(", "))
        };
        written.map_err(cannot_write)?;
    }
    Ok(0)
}

/// `graph`: the app as a diagram.
fn graph(assembly: &Assembly, format: GraphFormat, out: &mut dyn Write) -> Result<i32, String> {
    let text = match format {
        GraphFormat::Dot => crate::graph::dot(assembly),
        GraphFormat::Mermaid => crate::graph::mermaid(assembly),
    };
    out.write_all(text.as_bytes()).map_err(cannot_write)?;
    Ok(0)
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

/// `synth`. The stack name is checked first, so a wrong one writes nothing.
/// With `--out` the whole assembly is written, as `cdk synth STACK` writes
/// it (a stack's manifest entry names the stacks it depends on), and only a
/// stack chosen with `--stack` is printed as well.
fn synth(assembly: &Assembly, args: &SynthArgs, stdout: &mut dyn Write) -> Result<i32, String> {
    let chosen = chosen_stacks(assembly, args.stack.as_deref())?;
    if let Some(dir) = &args.out {
        // The error names the file that could not be written.
        assembly
            .write_to(dir)
            .map_err(|e| format!("cannot write the cloud assembly: {e}"))?;
        if args.stack.is_none() {
            return Ok(0);
        }
    }
    print_templates(&chosen, args.format, stdout).map_err(cannot_write)?;
    Ok(0)
}

/// The stack named `name` (by id or stack name), or every stack.
fn chosen_stacks<'a>(assembly: &'a Assembly, name: Option<&str>) -> Result<Vec<&'a StackArtifact>, String> {
    let Some(name) = name else {
        return Ok(assembly.stacks().iter().collect());
    };
    match assembly.stack(name) {
        Some(s) => Ok(vec![s]),
        None => {
            let names: Vec<&str> = assembly.stacks().iter().map(|s| s.id()).collect();
            Err(format!("no stack named {name:?}; stacks: {}", names.join(", ")))
        }
    }
}

/// Prints templates: JSON one after another, YAML as documents split by `---`.
fn print_templates(stacks: &[&StackArtifact], format: TemplateFormat, out: &mut dyn Write) -> io::Result<()> {
    for (i, s) in stacks.iter().enumerate() {
        match format {
            TemplateFormat::Json => out.write_all(s.json().as_bytes())?,
            TemplateFormat::Yaml => {
                if i > 0 {
                    out.write_all(b"---\n")?;
                }
                out.write_all(s.to_yaml().as_bytes())?;
            }
        }
    }
    Ok(())
}
