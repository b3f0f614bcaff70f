//! `evalbench calc NAME --flag value ...`: one statistic, one JSON object.

use clap::Subcommand;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use serde_json::{Value, json};

use super::CliError;
use super::args::{labels, list};
use crate::stats::{self, StatsError};

/// The calculators of the CLI contract (DESIGN.md), spelled exactly as there.
#[derive(Debug, Subcommand)]
pub enum Calc {
    /// Unbiased pass@k for one task with n samples, c correct.
    #[command(allow_negative_numbers = true)]
    PassAtK {
        /// Samples drawn.
        #[arg(long)]
        n: u64,
        /// Samples that passed.
        #[arg(long)]
        c: u64,
        /// Budget k (1 <= k <= n).
        #[arg(long)]
        k: u64,
    },
    /// Macro-averaged pass@k for k = 1..n over tasks.
    #[command(allow_negative_numbers = true)]
    PassAtKCurve {
        /// Samples per task.
        #[arg(long)]
        n: u64,
        /// Correct samples per task, comma-separated.
        #[arg(long, allow_hyphen_values = true)]
        correct: String,
    },
    /// Exact sign test on paired disagreements.
    #[command(allow_negative_numbers = true)]
    SignTest {
        /// Tasks only B passes.
        #[arg(long)]
        b_wins: u64,
        /// Tasks only A passes.
        #[arg(long)]
        a_wins: u64,
        /// greater (B better), less, or two-sided.
        #[arg(long, default_value = "greater")]
        alternative: String,
    },
    /// Wilson score interval for a proportion.
    #[command(allow_negative_numbers = true)]
    Wilson {
        /// Successes.
        #[arg(long)]
        successes: u64,
        /// Trials.
        #[arg(long)]
        n: u64,
        /// Confidence level in (0, 1).
        #[arg(long, default_value_t = 0.95)]
        confidence: f64,
    },
    /// Absolute and relative lift of treatment over control.
    #[command(allow_negative_numbers = true)]
    TwoProportion {
        /// Control successes.
        #[arg(long)]
        control_successes: u64,
        /// Control units.
        #[arg(long)]
        control_n: u64,
        /// Treatment successes.
        #[arg(long)]
        treatment_successes: u64,
        /// Treatment units.
        #[arg(long)]
        treatment_n: u64,
        /// Confidence level in (0, 1).
        #[arg(long, default_value_t = 0.95)]
        confidence: f64,
    },
    /// Units per arm to detect an absolute lift.
    #[command(allow_negative_numbers = true)]
    SampleSize {
        /// Baseline rate in (0, 1).
        #[arg(long)]
        baseline: f64,
        /// Minimum detectable absolute lift in (0, 1).
        #[arg(long)]
        mde: f64,
        /// Two-sided significance level.
        #[arg(long, default_value_t = 0.05)]
        alpha: f64,
        /// Power.
        #[arg(long, default_value_t = 0.8)]
        power: f64,
    },
    /// Minimum detectable absolute lift with n units per arm.
    #[command(allow_negative_numbers = true)]
    Mde {
        /// Baseline rate in (0, 1).
        #[arg(long)]
        baseline: f64,
        /// Units per arm.
        #[arg(long)]
        n_per_arm: u64,
        /// Two-sided significance level.
        #[arg(long, default_value_t = 0.05)]
        alpha: f64,
        /// Power.
        #[arg(long, default_value_t = 0.8)]
        power: f64,
    },
    /// Sample-ratio mismatch chi-square.
    #[command(allow_negative_numbers = true)]
    Srm {
        /// Units per arm, comma-separated.
        #[arg(long, allow_hyphen_values = true)]
        counts: String,
        /// Planned weights, comma-separated (default equal).
        #[arg(long, allow_hyphen_values = true)]
        weights: Option<String>,
    },
    /// Golden-set size for a target half-width.
    #[command(allow_negative_numbers = true)]
    GoldenSet {
        /// Expected pass rate in (0, 1).
        #[arg(long)]
        pass_rate: f64,
        /// Target half-width, a fraction (0.02 = ±2 pp).
        #[arg(long)]
        half_width: f64,
        /// Cohorts that each need this precision.
        #[arg(long, default_value_t = 1)]
        cohorts: u32,
        /// Confidence level in (0, 1).
        #[arg(long, default_value_t = 0.95)]
        confidence: f64,
    },
    /// Poisson pmf, cdf and P(X > k).
    #[command(allow_negative_numbers = true)]
    Poisson {
        /// Rate λ > 0.
        #[arg(long)]
        lambda: f64,
        /// Count k >= 0.
        #[arg(long)]
        k: u64,
    },
    /// Lognormal from median and sigma.
    #[command(allow_negative_numbers = true)]
    Lognormal {
        /// Median > 0.
        #[arg(long)]
        median: f64,
        /// Sigma of ln X, > 0.
        #[arg(long)]
        sigma: f64,
    },
    /// Softmax with temperature and top-p.
    #[command(allow_negative_numbers = true)]
    Softmax {
        /// Logits, comma-separated.
        #[arg(long, allow_hyphen_values = true)]
        logits: String,
        /// Temperature > 0.
        #[arg(long, default_value_t = 1.0)]
        temperature: f64,
        /// Nucleus mass in (0, 1].
        #[arg(long, default_value_t = 1.0)]
        top_p: f64,
    },
    /// Stable SHA-256 arm assignment.
    #[command(allow_negative_numbers = true)]
    Assign {
        /// Experiment name (with version).
        #[arg(long, allow_hyphen_values = true)]
        experiment: String,
        /// Unit id.
        #[arg(long, allow_hyphen_values = true)]
        unit: String,
        /// Share of units in treatment, in [0, 1].
        #[arg(long, default_value_t = 0.5)]
        treatment_share: f64,
    },
    /// Spearman rank correlation.
    #[command(allow_negative_numbers = true)]
    Spearman {
        /// First scores, comma-separated.
        #[arg(long, allow_hyphen_values = true)]
        x: String,
        /// Second scores, comma-separated.
        #[arg(long, allow_hyphen_values = true)]
        y: String,
    },
    /// Cohen's kappa between two annotators.
    #[command(allow_negative_numbers = true)]
    Kappa {
        /// First annotator's labels, comma-separated.
        #[arg(long, allow_hyphen_values = true)]
        a: String,
        /// Second annotator's labels, comma-separated.
        #[arg(long, allow_hyphen_values = true)]
        b: String,
    },
    /// Paired bootstrap interval of the lift from the 2x2 table.
    #[command(allow_negative_numbers = true)]
    PairedBootstrap {
        /// Tasks both pass.
        #[arg(long)]
        both_pass: u64,
        /// Tasks both fail.
        #[arg(long)]
        both_fail: u64,
        /// Tasks only B passes.
        #[arg(long)]
        b_only: u64,
        /// Tasks only A passes.
        #[arg(long)]
        a_only: u64,
        /// Bootstrap resamples.
        #[arg(long, default_value_t = 20_000)]
        resamples: usize,
        /// Random seed.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Confidence level in (0, 1).
        #[arg(long, default_value_t = 0.95)]
        confidence: f64,
    },
    /// What a bad day costs by detection window.
    #[command(allow_negative_numbers = true)]
    BadDay {
        /// Requests per second.
        #[arg(long)]
        qps: f64,
        /// Output tokens per request.
        #[arg(long)]
        output_tokens: f64,
        /// Dollars per million output tokens.
        #[arg(long)]
        price_per_million: f64,
        /// Share of traffic affected, in [0, 1].
        #[arg(long)]
        bleed_share: f64,
        /// Cost multiple of affected requests (>= 1).
        #[arg(long)]
        cost_multiplier: f64,
        /// Minutes until the incident is detected and stopped.
        #[arg(long)]
        window_minutes: f64,
    },
}

impl Calc {
    /// The subcommand name as typed on the command line.
    fn name(&self) -> &'static str {
        match self {
            Self::PassAtK { .. } => "pass-at-k",
            Self::PassAtKCurve { .. } => "pass-at-k-curve",
            Self::SignTest { .. } => "sign-test",
            Self::Wilson { .. } => "wilson",
            Self::TwoProportion { .. } => "two-proportion",
            Self::SampleSize { .. } => "sample-size",
            Self::Mde { .. } => "mde",
            Self::Srm { .. } => "srm",
            Self::GoldenSet { .. } => "golden-set",
            Self::Poisson { .. } => "poisson",
            Self::Lognormal { .. } => "lognormal",
            Self::Softmax { .. } => "softmax",
            Self::Assign { .. } => "assign",
            Self::Spearman { .. } => "spearman",
            Self::Kappa { .. } => "kappa",
            Self::PairedBootstrap { .. } => "paired-bootstrap",
            Self::BadDay { .. } => "bad-day",
        }
    }

    /// Computes the statistic and renders its JSON object.
    pub fn run(&self) -> Result<String, CliError> {
        let value = self.compute().map_err(|e| match e {
            Failure::Stats(e) => CliError::from_stats(&e, &["calc", self.name()]),
            Failure::Cli(e) => e,
        })?;
        serde_json::to_string_pretty(&value)
            .map_err(|e| CliError(format!("could not render JSON: {e}")))
    }

    // One arm per calculator: a flat dispatch table reads better than split helpers.
    #[allow(clippy::too_many_lines)]
    fn compute(&self) -> Result<Value, Failure> {
        use stats::{
            agreement, bootstrap, cost, distributions, experiment, paired, pass_at_k, power,
            proportion,
        };
        Ok(match self {
            Self::PassAtK { n, c, k } => {
                let counts = pass_at_k::PassCounts::new(*n, *c)?;
                json!({ "pass_at_k": pass_at_k::pass_at_k(counts, *k)? })
            }
            Self::PassAtKCurve { n, correct } => {
                let tasks = list::<u64>("correct", correct)?
                    .into_iter()
                    .map(|c| {
                        pass_at_k::PassCounts::new(*n, c).map_err(|_| {
                            StatsError::invalid("correct", format!("count {c} exceeds n ({n})"))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let curve = pass_at_k::pass_at_k_curve(&tasks)?;
                json!({ "k": curve.k, "pass_at_k": curve.pass_at_k })
            }
            Self::SignTest {
                b_wins,
                a_wins,
                alternative,
            } => {
                let alt: paired::Alternative = alternative.parse()?;
                let t = paired::sign_test(*b_wins, *a_wins, alt);
                json!({ "p_value": t.p_value, "disagreements": t.disagreements })
            }
            Self::Wilson {
                successes,
                n,
                confidence,
            } => {
                let counts = proportion::Counts::new(*successes, *n, "successes", "n")?;
                let i = proportion::wilson(counts, *confidence)?;
                json!({ "estimate": i.estimate, "low": i.low, "high": i.high })
            }
            Self::TwoProportion {
                control_successes,
                control_n,
                treatment_successes,
                treatment_n,
                confidence,
            } => {
                let c = proportion::Counts::new(
                    *control_successes,
                    *control_n,
                    "control_successes",
                    "control_n",
                )?;
                let t = proportion::Counts::new(
                    *treatment_successes,
                    *treatment_n,
                    "treatment_successes",
                    "treatment_n",
                )?;
                let r = proportion::two_proportion(c, t, *confidence)?;
                json!({
                    "control_rate": r.control_rate, "treatment_rate": r.treatment_rate,
                    "lift": r.lift, "relative_lift": r.relative_lift, "se": r.se,
                    "low": r.low, "high": r.high,
                    "relative_low": r.relative_low, "relative_high": r.relative_high,
                })
            }
            Self::SampleSize {
                baseline,
                mde,
                alpha,
                power: pw,
            } => {
                json!({ "n_per_arm": power::sample_size_per_arm(*baseline, *mde, *alpha, *pw)? })
            }
            Self::Mde {
                baseline,
                n_per_arm,
                alpha,
                power: pw,
            } => {
                json!({ "mde": power::mde(*baseline, *n_per_arm, *alpha, *pw)? })
            }
            Self::Srm { counts, weights } => {
                let counts = list::<u64>("counts", counts)?;
                let weights = weights
                    .as_deref()
                    .map(|w| list::<f64>("weights", w))
                    .transpose()?;
                let r = experiment::srm(&counts, weights.as_deref())?;
                json!({ "chi_square": r.chi_square, "df": r.df, "p_value": r.p_value })
            }
            Self::GoldenSet {
                pass_rate,
                half_width,
                cohorts,
                confidence,
            } => {
                let g = power::golden_set(*pass_rate, *half_width, *cohorts, *confidence)?;
                json!({ "per_cohort": g.per_cohort, "n": g.n })
            }
            Self::Poisson { lambda, k } => {
                let p = distributions::poisson(*lambda, *k)?;
                json!({ "pmf": p.pmf, "cdf": p.cdf, "sf": p.sf })
            }
            Self::Lognormal { median, sigma } => {
                let l = distributions::lognormal_from_median(*median, *sigma)?;
                json!({ "mu": l.mu, "mean": l.mean, "median": l.median, "p95": l.p95 })
            }
            Self::Softmax {
                logits,
                temperature,
                top_p,
            } => {
                let logits = list::<f64>("logits", logits)?;
                json!({ "probabilities": distributions::softmax(&logits, *temperature, *top_p)? })
            }
            Self::Assign {
                experiment: name,
                unit,
                treatment_share,
            } => {
                let a = experiment::assign(name, unit, *treatment_share)?;
                json!({ "bucket": a.bucket, "arm": a.arm.as_str() })
            }
            Self::Spearman { x, y } => {
                let x = list::<f64>("x", x)?;
                let y = list::<f64>("y", y)?;
                json!({ "rho": agreement::spearman(&x, &y)? })
            }
            Self::Kappa { a, b } => {
                let a = labels("a", a)?;
                let b = labels("b", b)?;
                let k = agreement::cohen_kappa(&a, &b)?;
                json!({
                    "kappa": k.kappa,
                    "observed_agreement": k.observed_agreement,
                    "expected_agreement": k.expected_agreement,
                })
            }
            Self::PairedBootstrap {
                both_pass,
                both_fail,
                b_only,
                a_only,
                resamples,
                seed,
                confidence,
            } => {
                let counts = paired::PairedCounts {
                    both_pass: *both_pass,
                    both_fail: *both_fail,
                    b_only: *b_only,
                    a_only: *a_only,
                };
                if counts.total() == 0 {
                    return Err(CliError(
                        "--both-pass, --both-fail, --b-only, --a-only: all four counts are 0, so there is no paired task to resample".into(),
                    )
                    .into());
                }
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(*seed);
                let r = bootstrap::paired_bootstrap(counts, *resamples, *confidence, &mut rng)?;
                json!({ "lift": r.estimate, "low": r.low, "high": r.high })
            }
            Self::BadDay {
                qps,
                output_tokens,
                price_per_million,
                bleed_share,
                cost_multiplier,
                window_minutes,
            } => {
                let d = cost::bad_day(
                    *qps,
                    *output_tokens,
                    *price_per_million,
                    *bleed_share,
                    *cost_multiplier,
                    *window_minutes,
                )?;
                json!({
                    "baseline_daily_cost": d.baseline_daily_cost,
                    "overrun_per_day": d.overrun_per_day,
                    "incident_cost": d.incident_cost,
                })
            }
        })
    }
}

/// Either a statistics error (rendered with the command's flag names) or a
/// ready CLI message.
enum Failure {
    Stats(StatsError),
    Cli(CliError),
}

impl From<StatsError> for Failure {
    fn from(e: StatsError) -> Self {
        Self::Stats(e)
    }
}

impl From<CliError> for Failure {
    fn from(e: CliError) -> Self {
        Self::Cli(e)
    }
}
