//! Distributions and sampling: Poisson tails, overdispersion, lognormal latency,
//! quantile summaries, histogram binning, softmax with temperature and top-p.

use serde::Serialize;
use statrs::distribution::{Discrete, DiscreteCDF, Poisson};

use super::common::{
    finite_list, normal_quantile, positive, quantile_sorted, sort_floats, unit_closed,
};
use super::error::{Result, StatsError};

/// Poisson probabilities at `k`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PoissonAt {
    /// `P(X = k)`.
    pub pmf: f64,
    /// `P(X ≤ k)`.
    pub cdf: f64,
    /// `P(X > k)`.
    pub sf: f64,
}

/// Poisson pmf, cdf and survival function at `k`.
///
/// # Formula
///
/// `P(X = k) = λᵏe^{−λ}/k!`, `P(X ≤ k) = Q(k + 1, λ)` (regularized upper incomplete gamma),
/// `P(X > k) = 1 − P(X ≤ k)` computed directly as `P(k + 1, λ)` to keep small tails
/// accurate (statrs `Poisson`; scipy.stats.poisson). Lesson "distributions & sampling":
/// λ = 2.2 → P(0..4) = 0.111, 0.244, 0.268, 0.197, 0.108 and P(X > 5) = 0.025.
pub fn poisson(lambda: f64, k: u64) -> Result<PoissonAt> {
    positive("lambda", lambda)?;
    let d = Poisson::new(lambda).map_err(|e| StatsError::invalid("lambda", e.to_string()))?;
    Ok(PoissonAt {
        pmf: d.pmf(k),
        cdf: d.cdf(k),
        sf: d.sf(k),
    })
}

/// Mean, variance and their ratio for count data.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dispersion {
    /// Sample mean.
    pub mean: f64,
    /// Sample variance (n − 1 denominator).
    pub variance: f64,
    /// Index of dispersion `variance/mean`: 1 for Poisson, above 1 for bursty counts.
    pub ratio: f64,
}

/// Index of dispersion of counts (variance/mean).
///
/// # Formula
///
/// `D = s²/x̄` with the unbiased sample variance `s² = Σ(x − x̄)²/(n − 1)` (Cox & Lewis
/// 1966). A Poisson process gives D ≈ 1; "variance/mean = 4.5: Poisson understates
/// bursts". Needs at least two values and a positive mean.
pub fn overdispersion(counts: &[f64]) -> Result<Dispersion> {
    finite_list("counts", counts)?;
    if counts.len() < 2 {
        return Err(StatsError::empty(
            "counts",
            "needs at least two values for a variance",
        ));
    }
    let n = counts.len() as f64;
    let mean = counts.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return Err(StatsError::undefined(
            "counts",
            format!("mean is {mean}; variance/mean needs a positive mean"),
        ));
    }
    let variance = counts.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Ok(Dispersion {
        mean,
        variance,
        ratio: variance / mean,
    })
}

/// Share of values strictly above a threshold: `#{x > t}/n`.
pub fn share_above(values: &[f64], threshold: f64) -> Result<f64> {
    finite_list("values", values)?;
    let above = values.iter().filter(|&&x| x > threshold).count();
    Ok(above as f64 / values.len() as f64)
}

/// A lognormal distribution described by its median and log-scale sigma.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LogNormalSummary {
    /// Location of ln X: `ln(median)`.
    pub mu: f64,
    /// Mean `exp(μ + σ²/2)`.
    pub mean: f64,
    /// Median `exp(μ)`.
    pub median: f64,
    /// 95th percentile `exp(μ + z₀.₉₅·σ)`.
    pub p95: f64,
}

/// Lognormal from its median and sigma.
///
/// # Formula
///
/// `μ = ln(median)`, mean `= exp(μ + σ²/2)`, p95 `= exp(μ + Φ⁻¹(0.95)·σ)`
/// (scipy.stats.lognorm(s=σ, scale=median)). Lesson: median 6 s, σ 0.55 → p95 14.83 s.
pub fn lognormal_from_median(median: f64, sigma: f64) -> Result<LogNormalSummary> {
    positive("median", median)?;
    positive("sigma", sigma)?;
    let mu = median.ln();
    let z95 = normal_quantile("p", 0.95)?;
    Ok(LogNormalSummary {
        mu,
        mean: (mu + sigma * sigma / 2.0).exp(),
        median,
        p95: (mu + z95 * sigma).exp(),
    })
}

/// Sample quantile (numpy's default linear rule) of unsorted data.
pub fn quantile(values: &[f64], q: f64) -> Result<f64> {
    finite_list("values", values)?;
    unit_closed("q", q)?;
    let mut v = values.to_vec();
    sort_floats(&mut v);
    Ok(quantile_sorted(&v, q))
}

/// The numbers a distribution card shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Count.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1; 0 for a single value).
    pub sd: f64,
    /// Minimum.
    pub min: f64,
    /// Median (p50).
    pub median: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Maximum.
    pub max: f64,
}

/// n, mean, sd, min, p50, p95, p99, max of a sample (quantiles by numpy's linear rule).
pub fn summary(values: &[f64]) -> Result<Summary> {
    finite_list("values", values)?;
    let mut v = values.to_vec();
    sort_floats(&mut v);
    let n = v.len();
    let mean = v.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 {
        (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    Ok(Summary {
        n,
        mean,
        sd,
        min: v[0],
        median: quantile_sorted(&v, 0.5),
        p95: quantile_sorted(&v, 0.95),
        p99: quantile_sorted(&v, 0.99),
        max: v[n - 1],
    })
}

/// Equal-width (or equal-log-width) histogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    /// `bins + 1` edges, ascending.
    pub edges: Vec<f64>,
    /// Count per bin.
    pub counts: Vec<u64>,
}

/// Bin values into `bins` bins over `[min, max]` of the data, equal width on a linear or
/// a log10 scale. Bins are half-open `[e_i, e_{i+1})` except the last, which includes
/// the maximum (numpy.histogram's convention). Log bins need positive values.
pub fn histogram(values: &[f64], bins: usize, log_scale: bool) -> Result<Histogram> {
    finite_list("values", values)?;
    if bins == 0 {
        return Err(StatsError::invalid("bins", "must be at least 1, got 0"));
    }
    if log_scale && values.iter().any(|&x| x <= 0.0) {
        return Err(StatsError::invalid(
            "values",
            "a log-scale histogram needs every value above 0",
        ));
    }
    let map = |x: f64| if log_scale { x.log10() } else { x };
    let (mut lo, mut hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(map(x)), hi.max(map(x)))
        });
    // All values equal: give the single bar a unit width around them.
    #[allow(clippy::float_cmp)]
    if lo == hi {
        lo -= 0.5;
        hi += 0.5;
    }
    let width = (hi - lo) / bins as f64;
    let mut counts = vec![0u64; bins];
    for &x in values {
        let i = (((map(x) - lo) / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    let edges = (0..=bins)
        .map(|i| {
            let e = lo + width * i as f64;
            if log_scale { 10f64.powf(e) } else { e }
        })
        .collect();
    Ok(Histogram { edges, counts })
}

/// Softmax with temperature, then top-p (nucleus) truncation.
///
/// # Formula
///
/// `pᵢ = exp(lᵢ/T)/Σⱼ exp(lⱼ/T)` (computed after subtracting the largest logit).
/// Top-p keeps the smallest set of most probable tokens whose probabilities sum to at
/// least `p`, sets the rest to 0, and renormalizes (Holtzman et al. 2020, "The Curious
/// Case of Neural Text Degeneration"). Ties at the cut are broken by original order.
/// Lesson: [2.2, 1.5, 0.2, −1.5] at T = 1 → 0.604, 0.300, 0.082, 0.015.
pub fn softmax(logits: &[f64], temperature: f64, top_p: f64) -> Result<Vec<f64>> {
    finite_list("logits", logits)?;
    positive("temperature", temperature)?;
    unit_closed("top_p", top_p)?;
    if top_p == 0.0 {
        return Err(StatsError::invalid(
            "top_p",
            "must be greater than 0, got 0",
        ));
    }
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut probs: Vec<f64> = logits
        .iter()
        .map(|l| ((l - max) / temperature).exp())
        .collect();
    let total: f64 = probs.iter().sum();
    for p in &mut probs {
        *p /= total;
    }
    if top_p < 1.0 {
        let mut order: Vec<usize> = (0..probs.len()).collect();
        order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
        let mut cumulative = 0.0;
        let mut keep = order.len();
        for (rank, &i) in order.iter().enumerate() {
            cumulative += probs[i];
            if cumulative >= top_p {
                keep = rank + 1;
                break;
            }
        }
        for &i in &order[keep..] {
            probs[i] = 0.0;
        }
        let kept: f64 = probs.iter().sum();
        for p in &mut probs {
            *p /= kept;
        }
    }
    Ok(probs)
}
