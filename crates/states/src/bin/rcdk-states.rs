//! `rcdk-states`: run, validate and draw any Amazon States Language file.
//! `rcdk-states --help` lists the commands; `rcdk-states help run` (or
//! `run --help`) the flags of one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use rcdk_states::cli::RunArgs;
use rcdk_states::Machine;

/// Run, validate and draw Amazon States Language state machines locally,
/// with the semantics of AWS Step Functions.
#[derive(Parser, Debug)]
#[command(name = "rcdk-states", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a state machine and print its history and result.
    Run {
        /// The ASL file (JSON).
        file: PathBuf,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Check a state machine, with the line of every problem, and a mock
    /// file against it.
    Validate {
        /// The ASL file (JSON).
        file: PathBuf,
        /// A mock file to check against the definition: every mocked state
        /// must be one of its Task states.
        #[arg(long, value_name = "FILE")]
        mock: Option<PathBuf>,
        /// The test case of the mock file to check (default: the first).
        #[arg(long, value_name = "NAME", requires = "mock")]
        test_case: Option<String>,
    },
    /// Draw a state machine.
    Graph {
        /// The ASL file (JSON).
        file: PathBuf,
        /// The diagram language.
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum GraphFormat {
    /// A Mermaid flowchart.
    Mermaid,
    /// A Graphviz digraph.
    Dot,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn read(file: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))
}

fn load(file: &PathBuf) -> Result<Machine, String> {
    Machine::from_str(&read(file)?).map_err(|e| format!("{}: {e}", file.display()))
}

fn execute(command: Command) -> Result<u8, String> {
    let stdout = &mut std::io::stdout().lock();
    match command {
        Command::Run { file, run } => Ok(rcdk_states::cli::run(&load(&file)?, &run, stdout)? as u8),
        Command::Validate { file, mock, test_case } => match Machine::from_str(&read(&file)?) {
            Ok(m) => {
                if let Some(path) = &mock {
                    if let Err(e) = rcdk_states::cli::load_mocks(path, test_case.as_deref(), &m) {
                        println!("{e}");
                        return Ok(1);
                    }
                }
                println!("{}: valid ({} states)", file.display(), m.states.len());
                Ok(0)
            }
            Err(e) => {
                for d in &e.0 {
                    println!("{}:{d}", file.display());
                }
                Ok(1)
            }
        },
        Command::Graph { file, format } => {
            let m = load(&file)?;
            match format {
                GraphFormat::Mermaid => print!("{}", rcdk_states::diagram::mermaid(&m)),
                GraphFormat::Dot => print!("{}", rcdk_states::diagram::dot(&m)),
            }
            Ok(0)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "rcdk-states", stdout);
            Ok(0)
        }
    }
}
