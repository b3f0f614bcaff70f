//! pass@k: the unbiased estimator of Chen et al. (2021), per task, macro-averaged, and
//! as a whole curve.

use serde::Serialize;

use super::error::{Result, StatsError};

/// Samples drawn for one task (`n`) and how many of them passed (`c`), `0 ≤ c ≤ n`, `n > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct PassCounts {
    n: u64,
    c: u64,
}

impl PassCounts {
    /// Validates `n > 0` and `c ≤ n`.
    pub fn new(n: u64, c: u64) -> Result<Self> {
        if n == 0 {
            return Err(StatsError::invalid("n", "must be at least 1, got 0"));
        }
        if c > n {
            return Err(StatsError::invalid(
                "c",
                format!("must be at most n ({n}), got {c}"),
            ));
        }
        Ok(Self { n, c })
    }

    /// Samples drawn.
    #[must_use]
    pub fn n(self) -> u64 {
        self.n
    }

    /// Samples that passed.
    #[must_use]
    pub fn c(self) -> u64 {
        self.c
    }
}

fn check_k(k: u64, n: u64) -> Result<()> {
    if k == 0 {
        return Err(StatsError::invalid("k", "must be at least 1, got 0"));
    }
    if k > n {
        return Err(StatsError::invalid(
            "k",
            format!("must be at most n ({n}), got {k}: pass@k needs at least k samples per task"),
        ));
    }
    Ok(())
}

/// Unbiased pass@k for one task.
///
/// # Formula
///
/// `pass@k = 1 − C(n − c, k)/C(n, k)`, evaluated in the numerically stable product form
/// `1 − Π_{i = n − c + 1}^{n} (1 − k/i)`, and 1 when `n − c < k` (Chen et al. 2021,
/// "Evaluating Large Language Models Trained on Code", fig. 3). Needs `1 ≤ k ≤ n`.
/// pass@k(10, 2, 1) = 0.2, (10, 2, 5) = 0.778, (10, 0, 5) = 0, (10, 8, 5) = 1.
pub fn pass_at_k(counts: PassCounts, k: u64) -> Result<f64> {
    check_k(k, counts.n)?;
    let PassCounts { n, c } = counts;
    if n - c < k {
        return Ok(1.0);
    }
    let kf = k as f64;
    let prod: f64 = ((n - c + 1)..=n).map(|i| 1.0 - kf / i as f64).product();
    Ok(1.0 - prod)
}

/// Macro average of pass@k over tasks: the mean of the per-task estimates.
///
/// # Formula
///
/// `(1/T)·Σ_t pass@k(n_t, c_t)`. Needs at least one task and `k ≤ n_t` for every task.
/// Over c = [0, 1, 2, 4] of n = 10: pass@1/3/5 = 0.175, 0.417, 0.563.
pub fn macro_pass_at_k(tasks: &[PassCounts], k: u64) -> Result<f64> {
    if tasks.is_empty() {
        return Err(StatsError::empty("correct", "needs at least one task"));
    }
    let mut sum = 0.0;
    for t in tasks {
        sum += pass_at_k(*t, k)?;
    }
    Ok(sum / tasks.len() as f64)
}

/// The macro-averaged pass@k curve for `k = 1..=min_t n_t`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassAtKCurve {
    /// The k values, 1..=max k.
    pub k: Vec<u64>,
    /// Macro-averaged pass@k for each k.
    pub pass_at_k: Vec<f64>,
}

/// The whole macro-averaged pass@k curve, k = 1 up to the smallest `n` over tasks.
///
/// # Formula
///
/// As [`pass_at_k`], computed for all `(k, c)` at once per distinct `n` by the
/// recurrence `P(k, c + 1) = P(k, c)·(1 − k/(n − c))`, `P(k, 0) = 1`, where
/// `P(k, c) = Π_{i = n − c + 1}^{n} (1 − k/i)`; the factor is 0 once `n − c = k`, which
/// gives pass@k = 1 for `n − c < k` without a special case. O(n²) per distinct `n`
/// plus O(T) per k, instead of O(T·n²).
pub fn pass_at_k_curve(tasks: &[PassCounts]) -> Result<PassAtKCurve> {
    if tasks.is_empty() {
        return Err(StatsError::empty("correct", "needs at least one task"));
    }
    let k_max = tasks.iter().map(|t| t.n).min().unwrap_or(0);
    let mut ns: Vec<u64> = tasks.iter().map(|t| t.n).collect();
    ns.sort_unstable();
    ns.dedup();
    let mut sums = vec![0.0; k_max as usize];
    for &n in &ns {
        // Histogram of c for tasks with this n.
        let mut c_count = vec![0u64; n as usize + 1];
        for t in tasks.iter().filter(|t| t.n == n) {
            c_count[t.c as usize] += 1;
        }
        for k in 1..=k_max {
            let kf = k as f64;
            let mut prod = 1.0;
            let mut acc = 0.0;
            for (c, &count) in c_count.iter().enumerate() {
                if c > 0 {
                    prod *= 1.0 - kf / (n - c as u64 + 1) as f64;
                }
                if count > 0 {
                    acc += count as f64 * (1.0 - prod);
                }
            }
            sums[k as usize - 1] += acc;
        }
    }
    let t = tasks.len() as f64;
    Ok(PassAtKCurve {
        k: (1..=k_max).collect(),
        pass_at_k: sums.into_iter().map(|s| s / t).collect(),
    })
}
