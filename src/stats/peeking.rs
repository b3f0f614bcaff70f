//! The peeking trap: an A/A test looked at repeatedly, stopped at the first "significant"
//! look, against the same test read once at its planned end.

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand_distr::weighted::WeightedAliasIndex;
use rand_distr::{Binomial, Distribution};
use rayon::prelude::*;
use serde::Serialize;
use statrs::distribution::{Binomial as BinomialPmf, Discrete};

use super::common::{positive, unit_open};
use super::error::{Result, StatsError};
use super::progress::{Progress, chunk_seed};

/// Parameters of an A/A peeking simulation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PeekingConfig {
    /// Simulated experiments.
    pub trials: u64,
    /// Looks per experiment (the last one is the planned analysis).
    pub looks: u32,
    /// New units per arm between two looks.
    pub batch: u64,
    /// True conversion rate of both arms (the same: an A/A test).
    pub rate: f64,
    /// Critical |z| for "significant" (1.96 for a nominal 5 % two-sided test).
    pub z: f64,
}

impl PeekingConfig {
    /// The lesson's scenario: 5,000 A/A trials × 20 looks × 100 units per arm per look
    /// at a 0.40 rate, |z| > 1.96.
    pub const LESSON: Self = Self {
        trials: 5_000,
        looks: 20,
        batch: 100,
        rate: 0.40,
        z: 1.96,
    };

    /// Checks every parameter and names the one at fault.
    pub fn validate(&self) -> Result<()> {
        if self.trials == 0 {
            return Err(StatsError::invalid("trials", "must be at least 1, got 0"));
        }
        if self.looks == 0 {
            return Err(StatsError::invalid("looks", "must be at least 1, got 0"));
        }
        if self.batch == 0 {
            return Err(StatsError::invalid("batch", "must be at least 1, got 0"));
        }
        unit_open("rate", self.rate)?;
        positive("z", self.z)?;
        Ok(())
    }
}

/// Outcome of a peeking simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeekingResult {
    /// Trials simulated.
    pub trials: u64,
    /// Trials significant at the planned final look.
    pub planned_false_wins: u64,
    /// Trials significant at any look (stop at first crossing).
    pub peek_false_wins: u64,
    /// `planned_false_wins / trials`.
    pub planned_false_win: f64,
    /// `peek_false_wins / trials`.
    pub peek_false_win: f64,
    /// False-win rate of an always-valid sequential test (the Peeking lab adds it).
    pub always_valid_false_win: Option<f64>,
    /// For each look, how many trials crossed the boundary there for the first time.
    pub first_crossing: Vec<u64>,
}

/// Draws `Binomial(batch, rate)`: through an alias table (one O(1) draw, exact up to
/// float rounding of the pmf) for batches up to 100,000, rand_distr's BTPE beyond.
enum BatchSampler {
    Alias(WeightedAliasIndex<f64>),
    Btpe(Binomial),
}

impl BatchSampler {
    fn new(batch: u64, rate: f64) -> Result<Self> {
        if batch <= 100_000 {
            let pmf = BinomialPmf::new(rate, batch)
                .map_err(|e| StatsError::invalid("rate", e.to_string()))?;
            let weights = (0..=batch).map(|k| pmf.pmf(k)).collect();
            let table = WeightedAliasIndex::new(weights)
                .map_err(|e| StatsError::invalid("batch", e.to_string()))?;
            Ok(Self::Alias(table))
        } else {
            Ok(Self::Btpe(
                Binomial::new(batch, rate)
                    .map_err(|e| StatsError::invalid("rate", e.to_string()))?,
            ))
        }
    }

    fn sample(&self, rng: &mut Xoshiro256PlusPlus) -> u64 {
        match self {
            Self::Alias(t) => t.sample(rng) as u64,
            Self::Btpe(b) => b.sample(rng),
        }
    }
}

/// Whether a two-proportion z statistic with unpooled standard error crosses `z`.
/// `successes` are cumulative counts after `n` units per arm.
fn crosses(control: u64, treatment: u64, n: f64, z: f64) -> bool {
    let pc = control as f64 / n;
    let pt = treatment as f64 / n;
    let se = ((pc * (1.0 - pc) + pt * (1.0 - pt)) / n).sqrt();
    se > 0.0 && (pt - pc).abs() / se > z
}

/// Trials per parallel chunk.
const CHUNK: u64 = 250;

/// Simulates A/A experiments peeked at after every batch.
///
/// # Formula
///
/// Each trial runs `looks` batches; in batch `j` each arm gains `Binomial(batch, rate)`
/// successes (one draw per batch and arm, equivalent to `batch` Bernoulli visitors).
/// At look `j` with `n = j·batch` per arm, `z = |p̂_t − p̂_c|/√(p̂_t(1 − p̂_t)/n +
/// p̂_c(1 − p̂_c)/n)`; a look is significant when `se > 0` and `z > z_crit`.
/// Planned: significant at the last look. Peeking: significant at any look.
/// Lesson "experiment design & A/B testing" (Johari et al. 2017, "Peeking at A/B
/// Tests"): 5,000 × 20 looks × 100 at 0.40 → planned ≈ 5 %, peeking ≈ 25 %.
/// Trials are split in chunks of 250 seeded by `chunk_seed(seed, chunk)`, so the
/// answer is the same on any number of threads.
pub fn simulate_peeking(
    config: &PeekingConfig,
    seed: u64,
    progress: Option<&Progress>,
) -> Result<PeekingResult> {
    config.validate()?;
    let sampler = BatchSampler::new(config.batch, config.rate)?;
    let looks = config.looks as usize;
    let chunks = config.trials.div_ceil(CHUNK);
    if let Some(p) = progress {
        p.start(config.trials);
    }
    let partials: Vec<(u64, u64, Vec<u64>)> = (0..chunks)
        .into_par_iter()
        .map(|chunk| {
            if progress.is_some_and(Progress::is_cancelled) {
                return Err(StatsError::Cancelled);
            }
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(chunk_seed(seed, chunk));
            let trials = CHUNK.min(config.trials - chunk * CHUNK);
            let mut planned = 0;
            let mut peek = 0;
            let mut first = vec![0u64; looks];
            for _ in 0..trials {
                let (mut c, mut t) = (0u64, 0u64);
                let mut crossed = false;
                for look in 1..=looks {
                    c += sampler.sample(&mut rng);
                    t += sampler.sample(&mut rng);
                    let n = (look as u64 * config.batch) as f64;
                    if crosses(c, t, n, config.z) {
                        if !crossed {
                            first[look - 1] += 1;
                            crossed = true;
                        }
                        if look == looks {
                            planned += 1;
                        }
                    }
                }
                if crossed {
                    peek += 1;
                }
            }
            if let Some(p) = progress {
                p.add(trials);
            }
            Ok((planned, peek, first))
        })
        .collect::<Result<_>>()?;
    let mut first_crossing = vec![0u64; looks];
    let (mut planned, mut peek) = (0, 0);
    for (pl, pk, first) in partials {
        planned += pl;
        peek += pk;
        for (acc, x) in first_crossing.iter_mut().zip(first) {
            *acc += x;
        }
    }
    let trials = config.trials as f64;
    Ok(PeekingResult {
        trials: config.trials,
        planned_false_wins: planned,
        peek_false_wins: peek,
        planned_false_win: planned as f64 / trials,
        peek_false_win: peek as f64 / trials,
        always_valid_false_win: None,
        first_crossing,
    })
}
