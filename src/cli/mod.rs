//! The headless face of evalbench: `calc` and `simulate`, JSON on stdout.
//!
//! Contract (DESIGN.md): one JSON object on stdout; on bad input one line
//! `error: ...` on stderr and exit code 2, never a panic.

mod args;
mod calc;
mod simulate;

use std::ffi::OsString;
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
}

/// A failure a command reports to the user: one line, exit code 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl CliError {
    /// Renders a statistics error, naming the parameter as the command's `--flag` when
    /// the parameter is one of the command's flags.
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

/// Runs the CLI on `args` (the first being the program name). Returns `None` when no
/// subcommand was given, so the caller can start the GUI.
#[must_use]
pub fn run<I, T>(args: I) -> Option<ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return Some(clap_exit(&e)),
    };
    let result = match cli.command? {
        Command::Calc(calc) => calc.run(),
        Command::Simulate(sim) => sim.run(),
    };
    Some(match result {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(CliError(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    })
}

/// Prints a clap error as one `error: ...` line (help and version print normally).
fn clap_exit(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{}", e.render());
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprintln!("error: a subcommand is missing; run with --help to list them");
            ExitCode::from(2)
        }
        _ => {
            eprintln!("{}", one_line(&e.render().to_string()));
            ExitCode::from(2)
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
