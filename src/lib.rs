//! evalbench: the statistics of evaluations, as a library, a CLI and a desktop app.
//!
//! Layers, arrows pointing down only: `cli` → `stats`.

pub mod app;
pub mod cli;
pub mod data;
pub mod stats;
