//! Parameter checks and the normal quantile shared by every calculator.

use statrs::distribution::{ContinuousCDF, Normal};

use super::error::{Result, StatsError};

/// Checks that `x` lies in the closed interval [0, 1].
pub(crate) fn unit_closed(param: &'static str, x: f64) -> Result<f64> {
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(StatsError::invalid(
            param,
            format!("must be in [0, 1], got {x}"),
        ))
    }
}

/// Checks that `x` lies in the open interval (0, 1).
pub(crate) fn unit_open(param: &'static str, x: f64) -> Result<f64> {
    if x > 0.0 && x < 1.0 {
        Ok(x)
    } else {
        Err(StatsError::invalid(
            param,
            format!("must be in (0, 1), got {x}"),
        ))
    }
}

/// Checks that `x` is a finite number greater than zero.
pub(crate) fn positive(param: &'static str, x: f64) -> Result<f64> {
    if x.is_finite() && x > 0.0 {
        Ok(x)
    } else {
        Err(StatsError::invalid(
            param,
            format!("must be greater than 0, got {x}"),
        ))
    }
}

/// Checks that `x` is a finite number greater than or equal to zero.
pub(crate) fn non_negative(param: &'static str, x: f64) -> Result<f64> {
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(StatsError::invalid(
            param,
            format!("must be at least 0, got {x}"),
        ))
    }
}

/// Checks that every element of a list is finite and that the list is not empty.
pub(crate) fn finite_list<'a>(param: &'static str, xs: &'a [f64]) -> Result<&'a [f64]> {
    if xs.is_empty() {
        return Err(StatsError::empty(param, "needs at least one value"));
    }
    if let Some((i, x)) = xs.iter().enumerate().find(|(_, x)| !x.is_finite()) {
        return Err(StatsError::invalid(
            param,
            format!("value {} is not a finite number ({x})", i + 1),
        ));
    }
    Ok(xs)
}

/// Quantile of the standard normal distribution, `Φ⁻¹(p)`.
///
/// # Formula
///
/// `Φ⁻¹(p) = −√2 · erfc⁻¹(2p)`, evaluated by statrs (`Normal::inverse_cdf`), accurate to
/// about 1e-15 (scipy.stats.norm.ppf agrees to that precision). `p` must be in (0, 1);
/// statrs panics outside [0, 1], so the range is checked first.
pub fn normal_quantile(param: &'static str, p: f64) -> Result<f64> {
    unit_open(param, p)?;
    let standard = Normal::standard();
    Ok(standard.inverse_cdf(p))
}

/// Standard normal CDF `Φ(x)`.
#[must_use]
pub fn normal_cdf(x: f64) -> f64 {
    Normal::standard().cdf(x)
}

/// The two-sided critical value for a confidence level: `z = Φ⁻¹(1 − (1 − confidence)/2)`.
///
/// 1.959964 for 0.95 (not the rounded 1.96), 2.575829 for 0.99.
pub fn z_two_sided(confidence: f64) -> Result<f64> {
    unit_open("confidence", confidence)?;
    normal_quantile("confidence", 1.0 - (1.0 - confidence) / 2.0)
}

/// Sample quantile with linear interpolation between order statistics
/// (Hyndman & Fan type 7, the default of numpy.percentile and R's `quantile`).
///
/// # Formula
///
/// For sorted `x[0..n]` and `h = (n − 1)·q`: `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])`.
///
/// `sorted` must be sorted ascending and non-empty, and `q` in [0, 1]; both are
/// guaranteed by the callers in this crate.
#[must_use]
pub(crate) fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    debug_assert!(!sorted.is_empty());
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    let frac = h - lo as f64;
    sorted[lo] + frac * (sorted[hi] - sorted[lo])
}

/// Sorts a slice of finite floats ascending.
pub(crate) fn sort_floats(xs: &mut [f64]) {
    xs.sort_unstable_by(f64::total_cmp);
}

/// The two tail probabilities of a central interval: `((1 − c)/2, 1 − (1 − c)/2)`.
pub(crate) fn tails(confidence: f64) -> Result<(f64, f64)> {
    unit_open("confidence", confidence)?;
    let alpha = 1.0 - confidence;
    Ok((alpha / 2.0, 1.0 - alpha / 2.0))
}
