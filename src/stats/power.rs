//! Planning: sample size per arm, minimum detectable effect, golden-set size.

use serde::Serialize;

use super::common::{normal_quantile, positive, unit_open, z_two_sided};
use super::error::{Result, StatsError};

/// `z₁₋α/₂ + z_power`, checked to be positive (otherwise no sample size helps).
fn z_sum(alpha: f64, power: f64) -> Result<f64> {
    unit_open("alpha", alpha)?;
    unit_open("power", power)?;
    let z_alpha = normal_quantile("alpha", 1.0 - alpha / 2.0)?;
    let z_power = normal_quantile("power", power)?;
    let sum = z_alpha + z_power;
    if sum <= 0.0 {
        return Err(StatsError::invalid(
            "power",
            format!(
                "({power}) is too low for alpha {alpha}: z(1-alpha/2) + z(power) must be positive"
            ),
        ));
    }
    Ok(sum)
}

/// Sample size per arm to detect an absolute lift `mde` over a `baseline` rate with a
/// two-sided test at level `alpha` and the given `power`.
///
/// # Formula
///
/// `n = ⌈2·p(1 − p)·(z₁₋α/₂ + z_power)²/δ²⌉`, `p` the baseline rate, `δ` the MDE — the
/// lesson's formula ("experiment design & A/B testing"), which uses the baseline variance
/// for both arms. (0.38, 0.02, 0.05, 0.8) → 9,246. A pooled or two-rate variance gives
/// 9,336 and is deliberately not used.
pub fn sample_size_per_arm(baseline: f64, mde: f64, alpha: f64, power: f64) -> Result<u64> {
    unit_open("baseline", baseline)?;
    unit_open("mde", mde)?;
    let z = z_sum(alpha, power)?;
    let n = 2.0 * baseline * (1.0 - baseline) * z * z / (mde * mde);
    Ok(n.ceil() as u64)
}

/// Minimum detectable absolute lift with `n_per_arm` units in each arm: the inverse of
/// [`sample_size_per_arm`].
///
/// # Formula
///
/// `δ = (z₁₋α/₂ + z_power)·√(2·p(1 − p)/n)`.
pub fn mde(baseline: f64, n_per_arm: u64, alpha: f64, power: f64) -> Result<f64> {
    unit_open("baseline", baseline)?;
    if n_per_arm == 0 {
        return Err(StatsError::invalid(
            "n_per_arm",
            "must be at least 1, got 0",
        ));
    }
    let z = z_sum(alpha, power)?;
    Ok(z * (2.0 * baseline * (1.0 - baseline) / n_per_arm as f64).sqrt())
}

/// Golden-set size for a target interval half-width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GoldenSet {
    /// Items each cohort needs, unrounded: `z²·p(1 − p)/h²`.
    pub per_cohort: f64,
    /// Total items, `⌈per_cohort × cohorts⌉`.
    pub n: u64,
}

/// How many golden-set items give a `±half_width` interval on a `pass_rate` in every
/// one of `cohorts` cohorts.
///
/// # Formula
///
/// `n = ⌈z²·p(1 − p)/h² × cohorts⌉`, `z = Φ⁻¹(1 − α/2)` (lesson "cost accounting &
/// eval-driven design"). (0.8, 0.02, 4 cohorts, 95 %) → 6,147.
pub fn golden_set(
    pass_rate: f64,
    half_width: f64,
    cohorts: u32,
    confidence: f64,
) -> Result<GoldenSet> {
    unit_open("pass_rate", pass_rate)?;
    positive("half_width", half_width)?;
    if half_width >= 1.0 {
        return Err(StatsError::invalid(
            "half_width",
            format!("must be below 1 (a fraction, not percent points), got {half_width}"),
        ));
    }
    if cohorts == 0 {
        return Err(StatsError::invalid("cohorts", "must be at least 1, got 0"));
    }
    let z = z_two_sided(confidence)?;
    let per_cohort = z * z * pass_rate * (1.0 - pass_rate) / (half_width * half_width);
    Ok(GoldenSet {
        per_cohort,
        n: (per_cohort * f64::from(cohorts)).ceil() as u64,
    })
}
