//! Agreement between raters: Spearman's rank correlation (judge score vs human score)
//! and Cohen's kappa (two annotators' labels).

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

use super::common::finite_list;
use super::error::{Result, StatsError};

/// Ranks 1..=n with ties given the average of the ranks they span.
fn average_ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut ranks = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        // Ties are exactly equal values, as in scipy.stats.rankdata.
        #[allow(clippy::float_cmp)]
        while j + 1 < order.len() && xs[order[j + 1]] == xs[order[i]] {
            j += 1;
        }
        // Positions i..=j (0-based) hold ranks i+1..=j+1; their average:
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = avg;
        }
        i = j + 1;
    }
    ranks
}

/// Spearman's rank correlation coefficient.
///
/// # Formula
///
/// Pearson correlation of the average ranks (ties share the mean of their ranks):
/// `ρ = Σ(rx − r̄x)(ry − r̄y)/√(Σ(rx − r̄x)²·Σ(ry − r̄y)²)` (scipy.stats.spearmanr).
/// Undefined when either list is constant.
pub fn spearman(x: &[f64], y: &[f64]) -> Result<f64> {
    finite_list("x", x)?;
    finite_list("y", y)?;
    StatsError::same_length("y", y.len(), "x", x.len())?;
    if x.len() < 2 {
        return Err(StatsError::empty("x", "needs at least two pairs"));
    }
    let rx = average_ranks(x);
    let ry = average_ranks(y);
    let n = rx.len() as f64;
    let mx = rx.iter().sum::<f64>() / n;
    let my = ry.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(&ry) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 {
        return Err(StatsError::undefined(
            "x",
            "has zero variance (all values equal): rank correlation is undefined",
        ));
    }
    if syy == 0.0 {
        return Err(StatsError::undefined(
            "y",
            "has zero variance (all values equal): rank correlation is undefined",
        ));
    }
    Ok((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Cohen's kappa with its two ingredients.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Kappa {
    /// `(p_o − p_e)/(1 − p_e)`.
    pub kappa: f64,
    /// `p_o`: share of items both raters label the same.
    pub observed_agreement: f64,
    /// `p_e`: agreement expected by chance from each rater's label shares.
    pub expected_agreement: f64,
}

/// Cohen's kappa between two raters' labels of the same items.
///
/// # Formula
///
/// `κ = (p_o − p_e)/(1 − p_e)`, `p_o = #{aᵢ = bᵢ}/n`, `p_e = Σ_l p_a(l)·p_b(l)`
/// (Cohen 1960; sklearn.metrics.cohen_kappa_score). Undefined when `p_e = 1` (both
/// raters always give the same single label).
pub fn cohen_kappa<T: Eq + Hash>(a: &[T], b: &[T]) -> Result<Kappa> {
    if a.is_empty() {
        return Err(StatsError::empty("a", "needs at least one label"));
    }
    StatsError::same_length("b", b.len(), "a", a.len())?;
    let n = a.len() as f64;
    let mut shares: HashMap<&T, (u64, u64)> = HashMap::new();
    let mut agree = 0u64;
    for (la, lb) in a.iter().zip(b) {
        shares.entry(la).or_default().0 += 1;
        shares.entry(lb).or_default().1 += 1;
        if la == lb {
            agree += 1;
        }
    }
    let observed = agree as f64 / n;
    let expected: f64 = shares
        .values()
        .map(|&(ca, cb)| (ca as f64 / n) * (cb as f64 / n))
        .sum();
    if (1.0 - expected).abs() < 1e-12 {
        return Err(StatsError::undefined(
            "a",
            "both raters use one and the same label for every item: chance agreement is 1 and kappa is undefined",
        ));
    }
    Ok(Kappa {
        kappa: (observed - expected) / (1.0 - expected),
        observed_agreement: observed,
        expected_agreement: expected,
    })
}
