//! Progress reporting and cancellation for long computations.
//!
//! A `Progress` is shared (by reference) between the thread doing the work and the one
//! watching it. The statistics code only counts finished units and checks the cancel
//! flag between chunks; it knows nothing of threads or widgets.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Counter of finished work units plus a cancel flag.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
}

impl Progress {
    /// A fresh progress with nothing done.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the total number of units and resets the done counter.
    pub fn start(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }

    /// Records `units` more finished units.
    pub fn add(&self, units: u64) {
        self.done.fetch_add(units, Ordering::Relaxed);
    }

    /// Fraction done in [0, 1] (0 before `start`).
    #[must_use]
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            0.0
        } else {
            (self.done.load(Ordering::Relaxed) as f64 / total as f64).min(1.0) as f32
        }
    }

    /// Units done so far.
    #[must_use]
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Asks the computation to stop at its next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancellation was requested.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Derives the seed of chunk `index` from a base seed (SplitMix64 finaliser), so that a
/// parallel computation gives the same answer whatever the number of threads.
#[must_use]
pub fn chunk_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
