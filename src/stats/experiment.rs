//! Online experiments: sample-ratio mismatch, stable hash assignment, CUPED.

use serde::Serialize;
use sha2::{Digest, Sha256};
use statrs::distribution::{ChiSquared, ContinuousCDF};

use super::common::{finite_list, unit_closed};
use super::error::{Result, StatsError};

/// Chi-square goodness-of-fit test of observed arm counts against planned weights.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Srm {
    /// Pearson's chi-square statistic.
    pub chi_square: f64,
    /// Degrees of freedom: arms − 1.
    pub df: u64,
    /// Upper-tail p-value.
    pub p_value: f64,
}

/// Sample-ratio mismatch check.
///
/// # Formula
///
/// `χ² = Σᵢ (Oᵢ − Eᵢ)²/Eᵢ`, `Eᵢ = N·wᵢ/Σw`, df = arms − 1, p = `P(χ²_df > χ²)`
/// (Pearson 1900; scipy.stats.chisquare(f_obs, f_exp); Fabijan et al. 2019, "Diagnosing
/// Sample Ratio Mismatch"). Equal weights when `weights` is `None`.
/// Lesson: 1650/2350 planned 50/50 → χ² = 122.5.
pub fn srm(counts: &[u64], weights: Option<&[f64]>) -> Result<Srm> {
    if counts.len() < 2 {
        return Err(StatsError::empty(
            "counts",
            format!("needs at least two arms, got {}", counts.len()),
        ));
    }
    let equal = vec![1.0; counts.len()];
    let weights = weights.unwrap_or(&equal);
    StatsError::same_length("weights", weights.len(), "counts", counts.len())?;
    finite_list("weights", weights)?;
    if let Some(bad) = weights.iter().find(|&&x| x <= 0.0) {
        return Err(StatsError::invalid(
            "weights",
            format!("every weight must be above 0, got {bad}"),
        ));
    }
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return Err(StatsError::invalid("counts", "are all 0"));
    }
    let w_sum: f64 = weights.iter().sum();
    let chi_square = counts
        .iter()
        .zip(weights)
        .map(|(&o, &w)| {
            let e = total as f64 * w / w_sum;
            (o as f64 - e).powi(2) / e
        })
        .sum::<f64>();
    let df = counts.len() as u64 - 1;
    let dist =
        ChiSquared::new(df as f64).map_err(|e| StatsError::invalid("counts", e.to_string()))?;
    Ok(Srm {
        chi_square,
        df,
        p_value: dist.sf(chi_square),
    })
}

/// Which arm a unit lands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Arm {
    /// The control arm.
    Control,
    /// The treatment arm.
    Treatment,
}

impl Arm {
    /// Lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Control => "control",
            Self::Treatment => "treatment",
        }
    }
}

/// A stable assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Assignment {
    /// Bucket 0..=99.
    pub bucket: u64,
    /// The arm.
    pub arm: Arm,
}

/// Deterministic hash assignment of a unit to an arm.
///
/// # Formula
///
/// `bucket = u64_be(sha256("EXPERIMENT:UNIT")[0..8]) mod 100`; treatment when
/// `bucket < share × 100`, control otherwise (lesson "experiment design & A/B testing").
/// `refund-query-rewrite:v1` sends customer-014 / 231 / 844 to treatment, control,
/// control. The same unit always gets the same arm; a new experiment name reshuffles.
pub fn assign(experiment: &str, unit: &str, treatment_share: f64) -> Result<Assignment> {
    unit_closed("treatment_share", treatment_share)?;
    let digest = Sha256::digest(format!("{experiment}:{unit}").as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    let bucket = u64::from_be_bytes(first) % 100;
    let arm = if (bucket as f64) < treatment_share * 100.0 {
        Arm::Treatment
    } else {
        Arm::Control
    };
    Ok(Assignment { bucket, arm })
}

/// Both lists finite, non-empty and of the same length.
fn check_outcome_covariate(outcome: &[f64], covariate: &[f64]) -> Result<()> {
    finite_list("outcome", outcome)?;
    finite_list("covariate", covariate)?;
    StatsError::same_length("covariate", covariate.len(), "outcome", outcome.len())
}

/// CUPED variance reduction coefficient.
///
/// # Formula
///
/// `θ = cov(Y, X)/var(X)` with `X` the pre-period covariate and `Y` the outcome
/// (Deng, Xu, Kohavi & Walker 2013, "Improving the Sensitivity of Online Controlled
/// Experiments by Utilizing Pre-Experiment Data"). Undefined when `X` is constant.
pub fn cuped_theta(outcome: &[f64], covariate: &[f64]) -> Result<f64> {
    check_outcome_covariate(outcome, covariate)?;
    let n = outcome.len() as f64;
    let mx = covariate.iter().sum::<f64>() / n;
    let my = outcome.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (&y, &x) in outcome.iter().zip(covariate) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
    }
    if sxx == 0.0 {
        return Err(StatsError::undefined(
            "covariate",
            "is constant, so CUPED's theta is undefined",
        ));
    }
    Ok(sxy / sxx)
}

/// CUPED-adjusted outcomes `Y − θ·(X − X̄)`: same mean, smaller variance when X predicts Y.
pub fn cuped_adjust(outcome: &[f64], covariate: &[f64], theta: f64) -> Result<Vec<f64>> {
    check_outcome_covariate(outcome, covariate)?;
    let mx = covariate.iter().sum::<f64>() / covariate.len() as f64;
    Ok(outcome
        .iter()
        .zip(covariate)
        .map(|(&y, &x)| y - theta * (x - mx))
        .collect())
}

/// Pearson chi-square test of independence (homogeneity) for an r × c contingency table.
///
/// # Formula
///
/// `χ² = Σᵢⱼ (Oᵢⱼ − Eᵢⱼ)²/Eᵢⱼ`, `Eᵢⱼ = rowᵢ·colⱼ/N`, df = (r − 1)(c − 1), p =
/// `P(χ²_df > χ²)` (scipy.stats.chi2_contingency(table, correction=False)). Rows or
/// columns that sum to zero are dropped first (they carry no information).
pub fn chi_square_independence(table: &[Vec<u64>]) -> Result<Srm> {
    let rows: Vec<&Vec<u64>> = table.iter().filter(|r| r.iter().sum::<u64>() > 0).collect();
    let width = rows.first().map_or(0, |r| r.len());
    if rows.iter().any(|r| r.len() != width) {
        return Err(StatsError::invalid("table", "rows have different lengths"));
    }
    let col_sums: Vec<u64> = (0..width)
        .map(|j| rows.iter().map(|r| r[j]).sum())
        .collect();
    let cols: Vec<usize> = (0..width).filter(|&j| col_sums[j] > 0).collect();
    if rows.len() < 2 || cols.len() < 2 {
        return Err(StatsError::empty(
            "table",
            "needs at least two non-empty rows and two non-empty columns",
        ));
    }
    let total: u64 = col_sums.iter().sum();
    let mut chi_square = 0.0;
    for r in &rows {
        let row_sum: u64 = r.iter().sum();
        for &j in &cols {
            let e = row_sum as f64 * col_sums[j] as f64 / total as f64;
            chi_square += (r[j] as f64 - e).powi(2) / e;
        }
    }
    let df = ((rows.len() - 1) * (cols.len() - 1)) as u64;
    let dist =
        ChiSquared::new(df as f64).map_err(|e| StatsError::invalid("table", e.to_string()))?;
    Ok(Srm {
        chi_square,
        df,
        p_value: dist.sf(chi_square),
    })
}
