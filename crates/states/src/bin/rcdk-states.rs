//! `rcdk-states`: run, validate and draw any Amazon States Language file.
//!
//! ```text
//! rcdk-states run FILE [--input JSON] [--mock FILE [--test-case NAME]] [--endpoint NAME=URL]... [--output text|json]
//! rcdk-states validate FILE
//! rcdk-states graph FILE [--format mermaid|dot]
//! ```

use std::process::ExitCode;

use rcdk_states::{ApiGatewayInvoke, Machine, Mocks, Runner, SnsPublish, Status, API_GATEWAY_INVOKE, SNS_PUBLISH};

const USAGE: &str = "usage:
  rcdk-states run FILE [--input JSON] [--mock FILE [--test-case NAME]] [--endpoint NAME=URL]... [--output text|json]
  rcdk-states validate FILE
  rcdk-states graph FILE [--format mermaid|dot]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn load(file: &str) -> Result<Machine, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    Machine::from_str(&text).map_err(|e| format!("{file}: {e}"))
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (cmd, rest) = args.split_first().ok_or(USAGE)?;
    let (file, opts) = rest.split_first().ok_or(USAGE)?;
    let mut input = "{}".to_owned();
    let (mut mock, mut case, mut output, mut format) = (None, None, "text".to_owned(), "mermaid".to_owned());
    let mut endpoints = Vec::new();
    let mut it = opts.iter();
    while let Some(o) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{o} needs a value"));
        match o.as_str() {
            "--input" => input = value()?,
            "--mock" => mock = Some(value()?),
            "--test-case" => case = Some(value()?),
            "--endpoint" => {
                let v = value()?;
                let (name, url) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--endpoint {v:?}: use NAME=URL"))?;
                endpoints.push((name.to_owned(), url.to_owned()));
            }
            "--output" => output = value()?,
            "--format" => format = value()?,
            other => return Err(format!("unknown option {other:?}\n{USAGE}")),
        }
    }
    match cmd.as_str() {
        "validate" => match std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {file}: {e}"))
            .map(|t| Machine::from_str(&t))
        {
            Ok(Ok(m)) => {
                println!("{file}: valid ({} states)", m.states.len());
                Ok(ExitCode::SUCCESS)
            }
            Ok(Err(e)) => {
                for d in &e.0 {
                    println!("{file}:{d}");
                }
                Ok(ExitCode::FAILURE)
            }
            Err(e) => Err(e),
        },
        "graph" => {
            let m = load(file)?;
            match format.as_str() {
                "mermaid" => print!("{}", rcdk_states::diagram::mermaid(&m)),
                "dot" => print!("{}", rcdk_states::diagram::dot(&m)),
                other => return Err(format!("unknown format {other:?}; use mermaid or dot")),
            }
            Ok(ExitCode::SUCCESS)
        }
        "run" => {
            let m = load(file)?;
            let input: serde_json::Value =
                serde_json::from_str(&input).map_err(|e| format!("--input is not JSON: {e}"))?;
            let mut runner = Runner::new().handler(SNS_PUBLISH, SnsPublish::new());
            let mut api = ApiGatewayInvoke::new();
            for (n, u) in &endpoints {
                api = api.endpoint(n, u);
            }
            runner = runner.handler(API_GATEWAY_INVOKE, api);
            if let Some(path) = mock {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
                let json: serde_json::Value =
                    serde_json::from_str(&text).map_err(|e| format!("{path}: not JSON: {e}"))?;
                runner = runner.mocks(Mocks::from_json(&json, case.as_deref()).map_err(|e| format!("{path}: {e}"))?);
            }
            let execution = runner.run(&m, input);
            match output.as_str() {
                "json" => println!(
                    "{}",
                    serde_json::to_string_pretty(&execution.to_json()).unwrap_or_default()
                ),
                "text" => print!("{execution}"),
                other => return Err(format!("unknown output {other:?}; use text or json")),
            }
            Ok(if execution.status == Status::Succeeded {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}
