//! Pure statistics for evaluations: no egui, no I/O, no global RNG.
//!
//! Every calculator takes plain numbers or slices and returns `Result<_, StatsError>`;
//! every simulation takes its seed or RNG. Each function's doc comment gives its
//! formula and the source it follows, and `tests/lesson_numbers.rs` checks the numbers
//! the course prints.

pub mod agreement;
pub mod bootstrap;
pub mod common;
pub mod cost;
pub mod distributions;
pub mod error;
pub mod experiment;
pub mod paired;
pub mod pass_at_k;
pub mod peeking;
pub mod power;
pub mod progress;
pub mod proportion;

pub use error::{Result, StatsError};
