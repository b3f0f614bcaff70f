//! The headless face of evalbench: `calc` and `simulate`, JSON on stdout.
//!
//! Contract (DESIGN.md): one JSON object on stdout; on bad input one line
//! `error: ...` on stderr and exit code 2, never a panic.

mod analyze;
mod args;
mod calc;
mod simulate;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::stats::StatsError;

pub use calc::Calc;
pub use simulate::Simulate;

/// evalbench: the statistics of evaluations.
#[derive(Debug, Parser)]
#[command(name = "evalbench", version, about, long_about = None)]
pub struct Cli {
    /// What to run; with none, the desktop app starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// One statistic from the command line (JSON out).
    #[command(subcommand)]
    Calc(Calc),
    /// Seeded simulations (JSON out with --json).
    #[command(subcommand)]
    Simulate(Simulate),
    /// Start the desktop app with these files open.
    Open {
        /// Result files to open.
        files: Vec<std::path::PathBuf>,
    },
    /// Load eval result files and summarize them: pass rates, pass@k, metrics, warnings.
    Analyze {
        /// Result files (CSV, TSV, JSONL, JSON, HumanEval, lm-eval, inspect, promptfoo, ...).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Force a reader instead of detecting it.
        #[arg(long)]
        format: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Paired comparison of two models on shared tasks.
    Compare {
        /// Result files holding the two models.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Model A (default: the first in load order).
        #[arg(long, allow_hyphen_values = true)]
        a: Option<String>,
        /// Model B (default: the second in load order).
        #[arg(long, allow_hyphen_values = true)]
        b: Option<String>,
        /// Bootstrap seed.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Force a reader instead of detecting it.
        #[arg(long)]
        format: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// A failure a command reports to the user: one line, exit code 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl CliError {
    /// Renders a statistics error, naming the parameter as the command's `--flag` when
    /// the parameter is one of the command's flags.
    #[must_use]
    pub fn from_stats(err: &StatsError, path: &[&str]) -> Self {
        let Some(param) = err.param() else {
            return Self(err.to_string());
        };
        let mut cmd = Cli::command();
        for name in path {
            match cmd.find_subcommand(name) {
                Some(sub) => cmd = sub.clone(),
                None => break,
            }
        }
        let name = |p: &str| {
            let f = p.replace('_', "-");
            if cmd
                .get_arguments()
                .any(|a| a.get_long() == Some(f.as_str()))
            {
                format!("--{f}")
            } else {
                p.to_owned()
            }
        };
        if let StatsError::LengthMismatch {
            param,
            len,
            other,
            other_len,
        } = err
        {
            return Self(format!(
                "{}: has {len} values but {} has {other_len}; they must pair up one to one",
                name(param),
                name(other)
            ));
        }
        let text = err.to_string();
        let rest = text.strip_prefix(param).unwrap_or(&text);
        Self(format!("{}{rest}", name(param)))
    }
}

/// What a command line produced, before anything is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No subcommand, or `open FILE...`: the caller starts the GUI with these files.
    Gui(Vec<std::path::PathBuf>),
    /// Text for stdout, exit code 0 (a JSON object, or help).
    Output(String),
    /// One `error: ...` line for stderr, exit code 2.
    Error(String),
}

/// Parses and runs a command line (the first item is the program name) without
/// printing, so tests can check the exact output.
pub fn execute<I, T>(args: I) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use clap::error::ErrorKind;
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    Outcome::Output(e.render().to_string())
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Outcome::Error(
                    "error: a subcommand is missing; run with --help to list them".into(),
                ),
                _ => Outcome::Error(one_line(&e.render().to_string())),
            };
        }
    };
    let result = match cli.command {
        None => return Outcome::Gui(Vec::new()),
        Some(Command::Open { files }) => return Outcome::Gui(files),
        Some(Command::Calc(calc)) => calc.run(),
        Some(Command::Simulate(sim)) => sim.run(),
        Some(Command::Analyze {
            files,
            format,
            json,
        }) => analyze::analyze(&files, format.as_deref(), json),
        Some(Command::Compare {
            files,
            a,
            b,
            seed,
            format,
            json,
        }) => analyze::compare(
            &files,
            format.as_deref(),
            a.as_deref(),
            b.as_deref(),
            seed,
            json,
        ),
    };
    match result {
        Ok(text) => Outcome::Output(text),
        Err(CliError(message)) => Outcome::Error(format!("error: {message}")),
    }
}

/// Runs the CLI and prints its outcome. Returns `Err(files)` when the desktop app
/// should start instead (no subcommand, or `open`).
pub fn run<I, T>(args: I) -> Result<ExitCode, Vec<std::path::PathBuf>>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match execute(args) {
        Outcome::Gui(files) => Err(files),
        Outcome::Output(text) => {
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{}", text.trim_end());
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Error(line) => {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
            Ok(ExitCode::from(2))
        }
    }
}

/// Joins a clap message's lines up to its usage block into one line.
fn one_line(text: &str) -> String {
    let mut parts = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if !line.is_empty() {
            parts.push(line);
        }
    }
    let joined = parts.join(" ");
    if joined.starts_with("error:") {
        joined
    } else {
        format!("error: {joined}")
    }
}
