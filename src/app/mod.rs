//! The desktop app: an eframe shell with a left navigation of the ten panels, a top
//! bar (open, recent files, theme, presentation zoom, the shared seed), background
//! jobs for every load and computation, and state saved between sessions.

pub mod export;
pub mod jobs;
pub mod panels;
mod shell;
pub mod widgets;
pub mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

pub use shell::{EvalbenchApp, Saved};

/// Starts the GUI with `files` opened on top of the saved session.
#[must_use]
pub fn run(files: Vec<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("evalbench")
            .with_inner_size([1440.0, 920.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..eframe::NativeOptions::default()
    };
    match eframe::run_native(
        "evalbench",
        options,
        Box::new(move |cc| Ok(Box::new(EvalbenchApp::new(cc, files)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: cannot start the window: {e} (is a display available? the CLI works without one: evalbench --help)"
            );
            ExitCode::from(1)
        }
    }
}
