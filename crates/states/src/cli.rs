//! The command line's `run`, shared by the `rcdk-states` binary and an
//! rcdk app's own command line (`rcdk::cli`): one set of flags, one way to
//! run a state machine and report it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::{ApiGatewayInvoke, Machine, Mocks, Runner, SnsPublish, Status, API_GATEWAY_INVOKE, SNS_PUBLISH};

/// How a run is reported.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Output {
    /// The history as the console shows it, then the result.
    #[default]
    Text,
    /// The execution as JSON: status, output, error, cause and history.
    Json,
}

/// The flags of `run`.
///
/// ```
/// use clap::Parser;
/// #[derive(Parser)]
/// struct Cli {
///     #[command(flatten)]
///     run: rcdk_states::cli::RunArgs,
/// }
/// let cli = Cli::parse_from(["x", "--input", "{\"a\": 1}", "--endpoint", "Api=http://127.0.0.1:8080"]);
/// assert_eq!(cli.run.endpoints, [("Api".to_owned(), "http://127.0.0.1:8080".to_owned())]);
/// ```
#[derive(clap::Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct RunArgs {
    /// The execution input, as JSON; `-` reads it from standard input.
    #[arg(long, value_name = "JSON", default_value = "{}")]
    pub input: String,
    /// A file holding the execution input (`-` for standard input): for an
    /// input longer than a command line may be.
    #[arg(long, value_name = "FILE", conflicts_with = "input")]
    pub input_file: Option<PathBuf>,
    /// A mock file in Step Functions Local's format (the states' mocked results).
    #[arg(long, value_name = "FILE")]
    pub mock: Option<PathBuf>,
    /// The test case of the mock file to use (default: the first).
    #[arg(long, value_name = "NAME", requires = "mock")]
    pub test_case: Option<String>,
    /// Where `apigateway:invoke` sends a task's request: the `ApiEndpoint`
    /// placeholder or host NAME (or `*` for any) to a local URL. Repeatable.
    #[arg(long = "endpoint", value_name = "NAME=URL", value_parser = parse_endpoint)]
    pub endpoints: Vec<(String, String)>,
    /// How to report the run.
    #[arg(long, value_enum, default_value_t)]
    pub output: Output,
    /// Keep and print only the last N events of the history (every event
    /// still counts against the 25,000-event quota): bounds the report of a
    /// long run that carries large data.
    #[arg(long, value_name = "N")]
    pub history_limit: Option<usize>,
}

/// The most bytes of execution input Step Functions accepts: 256 KiB of
/// UTF-8 (`StartExecution`'s limit, the payload quota of every state).
pub const MAX_INPUT_BYTES: usize = crate::limits::MAX_PAYLOAD_BYTES;

impl RunArgs {
    /// The execution input as the flags give it: `--input JSON`, `--input -`
    /// (read from `stdin`) or `--input-file FILE`; JSON of at most
    /// [`MAX_INPUT_BYTES`], and never more than that read.
    ///
    /// ```
    /// use clap::Parser;
    /// #[derive(Parser)]
    /// struct Cli {
    ///     #[command(flatten)]
    ///     run: rcdk_states::cli::RunArgs,
    /// }
    /// let cli = Cli::parse_from(["x", "--input", "-"]);
    /// let input = cli.run.read_input(&mut &b"{\"a\": 1}"[..]).unwrap();
    /// assert_eq!(input, serde_json::json!({"a": 1}));
    /// ```
    pub fn read_input(&self, stdin: &mut dyn Read) -> Result<serde_json::Value, String> {
        let stdin_name = "the input from standard input";
        let (text, what) = match (&self.input_file, self.input.as_str()) {
            (Some(path), _) if path == Path::new("-") => (read_capped(stdin, stdin_name)?, stdin_name.to_owned()),
            (Some(path), _) => {
                let what = format!("--input-file {}", path.display());
                let mut file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                (read_capped(&mut file, &what)?, what)
            }
            (None, "-") => (read_capped(stdin, stdin_name)?, stdin_name.to_owned()),
            (None, text) if text.len() > MAX_INPUT_BYTES => return Err(too_large("--input")),
            (None, text) => (text.to_owned(), "--input".to_owned()),
        };
        serde_json::from_str(&text).map_err(|e| format!("{what} is not JSON: {e}"))
    }
}

fn too_large(what: &str) -> String {
    format!("{what} is over {MAX_INPUT_BYTES} bytes (256 KiB), the largest execution input Step Functions accepts")
}

/// All of `source` as UTF-8, reading at most one byte past the limit so a
/// huge file or an endless stream is refused without being held in memory.
fn read_capped(source: &mut dyn Read, what: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    source
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {what}: {e}"))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(what));
    }
    String::from_utf8(bytes).map_err(|_| format!("{what} is not UTF-8 text"))
}

/// Loads the mock file at `path` (its `test_case`) and checks it against
/// `machine`: the errors come before the run, not as a silently unused mock.
pub fn load_mocks(path: &Path, test_case: Option<&str>, machine: &Machine) -> Result<Mocks, String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{shown}: not JSON: {e}"))?;
    let mocks = Mocks::from_json(&json, test_case).map_err(|e| format!("{shown}: {e}"))?;
    mocks.check(machine).map_err(|e| format!("{shown}: {e}"))?;
    Ok(mocks)
}

fn parse_endpoint(v: &str) -> Result<(String, String), String> {
    let (name, url) = v
        .split_once('=')
        .ok_or_else(|| format!("{v:?} is not NAME=URL; use NAME=URL, for example ApiEndpoint=http://127.0.0.1:8080"))?;
    crate::http::check_url(url).map_err(|e| e.to_string())?;
    Ok((name.to_owned(), url.to_owned()))
}

/// Runs `machine` as the flags say, with the `apigateway:invoke` and
/// `sns:publish` handlers and the mocks, and writes the report. Returns the
/// exit code: 0 when the execution succeeded, 1 when it did not.
///
/// The input and the mock file are read and checked before the run starts,
/// so a mistake in either costs no call to an endpoint. `--input -` reads
/// the process's standard input.
pub fn run(machine: &Machine, args: &RunArgs, stdout: &mut dyn Write) -> Result<i32, String> {
    let input = args.read_input(&mut std::io::stdin().lock())?;
    let api = args
        .endpoints
        .iter()
        .fold(ApiGatewayInvoke::new(), |a, (n, u)| a.endpoint(n, u));
    let mut runner = Runner::new()
        .handler(API_GATEWAY_INVOKE, api)
        // Nobody reads the messages of a command-line run: do not keep them.
        .handler(SNS_PUBLISH, SnsPublish::new().forgetting());
    if let Some(path) = &args.mock {
        runner = runner.mocks(load_mocks(path, args.test_case.as_deref(), machine)?);
    }
    if let Some(events) = args.history_limit {
        runner = runner.history_limit(events);
    }
    let execution = runner.run(machine, input);
    let written = match args.output {
        Output::Json => {
            writeln!(
                stdout,
                "{}",
                serde_json::to_string_pretty(&execution.to_json()).unwrap_or_default()
            )
        }
        Output::Text => write!(stdout, "{execution}"),
    };
    written.map_err(|e| format!("cannot write the report: {e}"))?;
    Ok(if execution.status == Status::Succeeded { 0 } else { 1 })
}
