//! Proportions: point estimates, Wald and Wilson intervals, two-proportion lift.

use serde::Serialize;

use super::common::{unit_open, z_two_sided};
use super::error::{Result, StatsError};

/// Successes out of trials, with `successes <= n` and `n > 0` checked on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    successes: u64,
    n: u64,
}

impl Counts {
    /// Validates `successes <= n` and `n > 0`. The parameter names are used in errors.
    pub fn new(
        successes: u64,
        n: u64,
        successes_param: &'static str,
        n_param: &'static str,
    ) -> Result<Self> {
        if n == 0 {
            return Err(StatsError::invalid(n_param, "must be at least 1, got 0"));
        }
        if successes > n {
            return Err(StatsError::invalid(
                successes_param,
                format!("must be at most {n_param} ({n}), got {successes}"),
            ));
        }
        Ok(Self { successes, n })
    }

    /// Number of successes.
    #[must_use]
    pub fn successes(self) -> u64 {
        self.successes
    }

    /// Number of trials.
    #[must_use]
    pub fn n(self) -> u64 {
        self.n
    }

    /// The observed rate `successes / n`.
    #[must_use]
    pub fn rate(self) -> f64 {
        self.successes as f64 / self.n as f64
    }
}

/// A point estimate with a two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// The point estimate.
    pub estimate: f64,
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

impl Interval {
    /// Half the width of the interval.
    #[must_use]
    pub fn half_width(&self) -> f64 {
        (self.high - self.low) / 2.0
    }
}

/// Wald (normal-approximation) interval for a proportion, clipped to [0, 1].
///
/// # Formula
///
/// `p̂ ± z·√(p̂(1 − p̂)/n)`, `z = Φ⁻¹(1 − α/2)`. Lesson "hypothesis tests & intervals";
/// statsmodels `proportion_confint(method="normal")`. It collapses to a point at
/// p̂ = 0 or 1, which is why [`wilson`] is the default everywhere in evalbench.
pub fn wald(counts: Counts, confidence: f64) -> Result<Interval> {
    let z = z_two_sided(confidence)?;
    let p = counts.rate();
    let half = z * (p * (1.0 - p) / counts.n as f64).sqrt();
    Ok(Interval {
        estimate: p,
        low: (p - half).max(0.0),
        high: (p + half).min(1.0),
    })
}

/// Wilson score interval for a proportion.
///
/// # Formula
///
/// With `p̂ = x/n`, `z = Φ⁻¹(1 − α/2)`, `d = 1 + z²/n`:
/// centre `(p̂ + z²/(2n))/d`, half-width `(z/d)·√(p̂(1 − p̂)/n + z²/(4n²))`.
/// Wilson (1927), JASA 22:209; statsmodels `proportion_confint(method="wilson")`.
pub fn wilson(counts: Counts, confidence: f64) -> Result<Interval> {
    let z = z_two_sided(confidence)?;
    let n = counts.n as f64;
    let p = counts.rate();
    let z2 = z * z;
    let d = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / d;
    let half = z / d * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Ok(Interval {
        estimate: p,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// Wald half-width of a proportion's interval at sample size `n`:
/// `z·√(p(1 − p)/n)` (the lesson's "±5.5 pp at n = 200" for p = 0.8).
pub fn wald_half_width(rate: f64, n: u64, confidence: f64) -> Result<f64> {
    super::common::unit_closed("pass_rate", rate)?;
    if n == 0 {
        return Err(StatsError::invalid("n", "must be at least 1, got 0"));
    }
    let z = z_two_sided(confidence)?;
    Ok(z * (rate * (1.0 - rate) / n as f64).sqrt())
}

/// Difference of two independent proportions (an A/B lift) with its intervals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TwoProportion {
    /// Control rate `p_c`.
    pub control_rate: f64,
    /// Treatment rate `p_t`.
    pub treatment_rate: f64,
    /// Absolute lift `p_t − p_c`.
    pub lift: f64,
    /// Relative lift `(p_t − p_c)/p_c`.
    pub relative_lift: f64,
    /// Unpooled standard error of the absolute lift.
    pub se: f64,
    /// Lower bound of the absolute lift.
    pub low: f64,
    /// Upper bound of the absolute lift.
    pub high: f64,
    /// Delta-method standard error of the relative lift.
    pub relative_se: f64,
    /// Lower bound of the relative lift.
    pub relative_low: f64,
    /// Upper bound of the relative lift.
    pub relative_high: f64,
}

/// Absolute and relative lift of treatment over control with normal-approximation
/// intervals.
///
/// # Formula
///
/// `lift = p_t − p_c`, `se = √(p_t(1 − p_t)/n_t + p_c(1 − p_c)/n_c)` (unpooled),
/// interval `lift ± z·se` with the exact `z = Φ⁻¹(1 − α/2)`.
///
/// Relative lift `r = p_t/p_c − 1` by the delta method on the ratio of two independent
/// means: `se_r² = p_t(1 − p_t)/(n_t·p_c²) + p_t²·p_c(1 − p_c)/(n_c·p_c⁴)`, interval
/// `r ± z·se_r` (lesson "experiment design & A/B testing"; GrowthBook's frequentist
/// engine). Dividing the absolute interval by `p_c` ignores the control's own noise
/// and is not used.
///
/// Lesson numbers: 760/2000 vs 840/2000 → lift 0.040, se 0.0155, [0.010, 0.070],
/// relative 0.105 in [0.0212, 0.1893].
pub fn two_proportion(
    control: Counts,
    treatment: Counts,
    confidence: f64,
) -> Result<TwoProportion> {
    unit_open("confidence", confidence)?;
    let z = z_two_sided(confidence)?;
    let (pc, nc) = (control.rate(), control.n as f64);
    let (pt, nt) = (treatment.rate(), treatment.n as f64);
    if pc == 0.0 {
        return Err(StatsError::undefined(
            "control_successes",
            "is 0, so the relative lift (divided by the control rate) is undefined",
        ));
    }
    let var_t = pt * (1.0 - pt);
    let var_c = pc * (1.0 - pc);
    let lift = pt - pc;
    let se = (var_t / nt + var_c / nc).sqrt();
    let relative_lift = lift / pc;
    let relative_se = (var_t / (nt * pc * pc) + pt * pt * var_c / (nc * pc.powi(4))).sqrt();
    Ok(TwoProportion {
        control_rate: pc,
        treatment_rate: pt,
        lift,
        relative_lift,
        se,
        low: lift - z * se,
        high: lift + z * se,
        relative_se,
        relative_low: relative_lift - z * relative_se,
        relative_high: relative_lift + z * relative_se,
    })
}
