//! Entry point: no arguments (or `open FILE...`) start the desktop app; other
//! subcommands run the CLI.

use std::process::ExitCode;

fn main() -> ExitCode {
    match evalbench::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(files) => evalbench::app::run(files),
    }
}
