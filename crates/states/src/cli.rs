//! The command line's `run`, shared by the `rcdk-states` binary and an
//! rcdk app's own command line (`rcdk::cli`): one set of flags, one way to
//! run a state machine and report it.

use std::io::Write;
use std::path::PathBuf;

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
    /// The execution input, as JSON.
    #[arg(long, value_name = "JSON", default_value = "{}")]
    pub input: String,
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
}

fn parse_endpoint(v: &str) -> Result<(String, String), String> {
    v.split_once('=')
        .map(|(n, u)| (n.to_owned(), u.to_owned()))
        .ok_or_else(|| format!("{v:?} is not NAME=URL; use NAME=URL, for example ApiEndpoint=http://127.0.0.1:8080"))
}

/// Runs `machine` as the flags say, with the `apigateway:invoke` and
/// `sns:publish` handlers and the mocks, and writes the report. Returns the
/// exit code: 0 when the execution succeeded, 1 when it did not.
pub fn run(machine: &Machine, args: &RunArgs, stdout: &mut dyn Write) -> Result<i32, String> {
    let input: serde_json::Value =
        serde_json::from_str(&args.input).map_err(|e| format!("--input is not JSON: {e}"))?;
    let api = args
        .endpoints
        .iter()
        .fold(ApiGatewayInvoke::new(), |a, (n, u)| a.endpoint(n, u));
    let mut runner = Runner::new()
        .handler(API_GATEWAY_INVOKE, api)
        .handler(SNS_PUBLISH, SnsPublish::new());
    if let Some(path) = &args.mock {
        let shown = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{shown}: not JSON: {e}"))?;
        let mocks = Mocks::from_json(&json, args.test_case.as_deref()).map_err(|e| format!("{shown}: {e}"))?;
        runner = runner.mocks(mocks);
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
