//! Paired binary comparisons of two models on the same tasks: the 2×2 table, the exact
//! sign test, McNemar's test, and the claim an interval supports.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::beta::beta_reg;

use super::error::{Result, StatsError};

/// The 2×2 table of two models' pass/fail outcomes on shared tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct PairedCounts {
    /// Tasks both models pass.
    pub both_pass: u64,
    /// Tasks both models fail.
    pub both_fail: u64,
    /// Tasks only model B passes (B wins).
    pub b_only: u64,
    /// Tasks only model A passes (A wins).
    pub a_only: u64,
}

impl PairedCounts {
    /// Builds the table from per-task outcomes of A and B (same order, same tasks).
    pub fn from_outcomes(a: &[bool], b: &[bool]) -> Result<Self> {
        StatsError::same_length("b", b.len(), "a", a.len())?;
        let mut t = Self::default();
        for (&pa, &pb) in a.iter().zip(b) {
            match (pa, pb) {
                (true, true) => t.both_pass += 1,
                (false, false) => t.both_fail += 1,
                (false, true) => t.b_only += 1,
                (true, false) => t.a_only += 1,
            }
        }
        Ok(t)
    }

    /// Number of paired tasks.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.both_pass + self.both_fail + self.b_only + self.a_only
    }

    /// Tasks where the two models disagree.
    #[must_use]
    pub fn disagreements(&self) -> u64 {
        self.b_only + self.a_only
    }

    /// Paired lift of B over A: `(b_only − a_only)/N`, the difference of pass rates.
    pub fn lift(&self) -> Result<f64> {
        let n = self.total();
        if n == 0 {
            return Err(StatsError::empty(
                "tasks",
                "no paired tasks: all four counts are 0",
            ));
        }
        Ok((self.b_only as f64 - self.a_only as f64) / n as f64)
    }
}

/// Direction of a one- or two-sided test of B against A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Alternative {
    /// B is better than A.
    #[default]
    Greater,
    /// B is worse than A.
    Less,
    /// B differs from A.
    TwoSided,
}

impl std::str::FromStr for Alternative {
    type Err = StatsError;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "greater" => Ok(Self::Greater),
            "less" => Ok(Self::Less),
            "two-sided" | "two_sided" => Ok(Self::TwoSided),
            other => Err(StatsError::invalid(
                "alternative",
                format!("must be greater, less or two-sided, got {other:?}"),
            )),
        }
    }
}

/// Result of the exact sign test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SignTest {
    /// Exact p-value.
    pub p_value: f64,
    /// Number of disagreeing tasks the test is based on.
    pub disagreements: u64,
}

/// `P(X ≥ k)` for `X ~ Binomial(n, 1/2)`, via the regularized incomplete beta function
/// `I_{1/2}(k, n − k + 1)` (exact identity; statrs `beta_reg`).
fn upper_tail_half(k: u64, n: u64) -> f64 {
    if k == 0 {
        1.0
    } else if k > n {
        0.0
    } else {
        beta_reg(k as f64, (n - k + 1) as f64, 0.5).clamp(0.0, 1.0)
    }
}

/// Exact sign test on the disagreements of a paired binary comparison.
///
/// # Formula
///
/// Under H₀ each disagreement is a fair coin: `B_wins ~ Binomial(d, 1/2)`,
/// `d = b_wins + a_wins`. greater: `P(X ≥ b_wins)`; less: `P(X ≤ b_wins)`; two-sided:
/// `min(1, 2·min(greater, less))`. Agreements carry no information and are ignored.
/// scipy.stats.binomtest(b_wins, d, 0.5); lesson "hypothesis tests & intervals":
/// 1 vs 0 → 0.500, 13 vs 3 → 0.0106. With no disagreements the p-value is 1.
#[must_use]
pub fn sign_test(b_wins: u64, a_wins: u64, alternative: Alternative) -> SignTest {
    let d = b_wins + a_wins;
    let greater = upper_tail_half(b_wins, d);
    // P(X ≤ b) = P(Y ≥ d − b) for Y = d − X, also Binomial(d, 1/2).
    let less = upper_tail_half(a_wins, d);
    let p_value = match alternative {
        Alternative::Greater => greater,
        Alternative::Less => less,
        Alternative::TwoSided => (2.0 * greater.min(less)).min(1.0),
    };
    SignTest {
        p_value,
        disagreements: d,
    }
}

/// McNemar's chi-square test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct McNemar {
    /// The chi-square statistic (1 degree of freedom).
    pub statistic: f64,
    /// Its p-value.
    pub p_value: f64,
}

/// McNemar's test of marginal homogeneity for a paired 2×2 table.
///
/// # Formula
///
/// `χ² = (|b − c| − k)²/(b + c)` with 1 degree of freedom, `b`, `c` the discordant
/// counts, `k = 1` with Edwards' continuity correction and `0` without
/// (statsmodels `mcnemar(exact=False, correction=...)`). Undefined when `b + c = 0`.
pub fn mcnemar(b_only: u64, a_only: u64, continuity_correction: bool) -> Result<McNemar> {
    let d = b_only + a_only;
    if d == 0 {
        return Err(StatsError::undefined(
            "disagreements",
            "McNemar's test needs at least one task where the models disagree",
        ));
    }
    let diff = (b_only as f64 - a_only as f64).abs();
    let k = if continuity_correction { 1.0 } else { 0.0 };
    let statistic = (diff - k).max(0.0).powi(2) / d as f64;
    let chi = ChiSquared::new(1.0).map_err(|e| StatsError::invalid("df", e.to_string()))?;
    Ok(McNemar {
        statistic,
        p_value: chi.sf(statistic),
    })
}

/// What an interval on a lift lets you say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Claim {
    /// The whole interval lies above zero.
    Improvement,
    /// The whole interval lies below zero.
    Regression,
    /// The interval contains zero.
    Inconclusive,
}

impl Claim {
    /// The claim an interval `[low, high]` on the lift of B over A supports
    /// (lesson 004, "hypothesis tests & intervals"): improvement when `low > 0`,
    /// regression when `high < 0`, otherwise inconclusive.
    #[must_use]
    pub fn from_interval(low: f64, high: f64) -> Self {
        if low > 0.0 {
            Self::Improvement
        } else if high < 0.0 {
            Self::Regression
        } else {
            Self::Inconclusive
        }
    }

    /// Lower-case name, as in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Improvement => "improvement",
            Self::Regression => "regression",
            Self::Inconclusive => "inconclusive",
        }
    }

    /// The sentence a careful report would write for this claim.
    #[must_use]
    pub fn wording(self, lift: f64, low: f64, high: f64, confidence: f64) -> String {
        let pp = |x: f64| format!("{:+.1} pp", 100.0 * x);
        let level = format!("{:.0} %", 100.0 * confidence);
        match self {
            Self::Improvement => format!(
                "B improves on A by {} ({level} interval {} to {}): the whole interval is above zero.",
                pp(lift),
                pp(low),
                pp(high)
            ),
            Self::Regression => format!(
                "B is worse than A by {} ({level} interval {} to {}): the whole interval is below zero.",
                pp(lift),
                pp(low),
                pp(high)
            ),
            Self::Inconclusive => format!(
                "No claim: the observed lift {} has a {level} interval {} to {} that includes zero; \
                 the data cannot tell B from A.",
                pp(lift),
                pp(low),
                pp(high)
            ),
        }
    }
}
