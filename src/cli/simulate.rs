//! `evalbench simulate ...`: seeded simulations.

use clap::Subcommand;
use serde_json::json;

use super::CliError;
use crate::stats::peeking::{PeekingConfig, simulate_peeking};

/// The simulations.
#[derive(Debug, Subcommand)]
pub enum Simulate {
    /// A/A tests peeked at after every batch: false-win rate planned vs stop-at-first-crossing.
    #[command(allow_negative_numbers = true)]
    Peeking {
        /// Simulated experiments.
        #[arg(long, default_value_t = 5_000)]
        trials: u64,
        /// Looks per experiment.
        #[arg(long, default_value_t = 20)]
        looks: u32,
        /// Units per arm added between looks.
        #[arg(long, default_value_t = 100)]
        batch: u64,
        /// True rate of both arms, in (0, 1).
        #[arg(long, default_value_t = 0.40)]
        rate: f64,
        /// Random seed.
        #[arg(long, default_value_t = 11)]
        seed: u64,
        /// Critical |z|.
        #[arg(long, default_value_t = 1.96)]
        z: f64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

impl Simulate {
    /// Runs the simulation and renders its output.
    pub fn run(&self) -> Result<String, CliError> {
        match self {
            Self::Peeking {
                trials,
                looks,
                batch,
                rate,
                seed,
                z,
                json,
            } => {
                let config = PeekingConfig {
                    trials: *trials,
                    looks: *looks,
                    batch: *batch,
                    rate: *rate,
                    z: *z,
                };
                let r = simulate_peeking(&config, *seed, None)
                    .map_err(|e| CliError::from_stats(&e, &["simulate", "peeking"]))?;
                if *json {
                    let value = json!({
                        "planned_false_win": r.planned_false_win,
                        "peek_false_win": r.peek_false_win,
                        "always_valid_false_win": r.always_valid_false_win,
                    });
                    serde_json::to_string_pretty(&value)
                        .map_err(|e| CliError(format!("could not render JSON: {e}")))
                } else {
                    Ok(format!(
                        "A/A peeking: {trials} trials x {looks} looks x {batch} per arm per look, rate {rate}, |z| > {z}, seed {seed}\n\
                         planned (one look at the end): {}/{trials} = {:.2} % false wins\n\
                         peeking (stop at first crossing): {}/{trials} = {:.2} % false wins",
                        r.planned_false_wins,
                        100.0 * r.planned_false_win,
                        r.peek_false_wins,
                        100.0 * r.peek_false_win,
                    ))
                }
            }
        }
    }
}
