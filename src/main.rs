//! Entry point: no arguments start the desktop app; subcommands run the CLI.

use std::process::ExitCode;

fn main() -> ExitCode {
    if let Some(code) = evalbench::cli::run(std::env::args_os()) {
        return code;
    }
    println!(
        "evalbench: the GUI comes in the app-shell issue; run `evalbench --help` for the CLI."
    );
    ExitCode::SUCCESS
}
