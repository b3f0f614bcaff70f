//! The per-file summary both faces show: per-model pass rates with Wilson intervals and
//! pass@k, per-metric n/mean/median/p95. One function, so the GUI and the CLI agree.

use serde::Serialize;

use super::evalset::EvalSet;
use crate::stats::distributions::summary;
use crate::stats::pass_at_k::{PassCounts, pass_at_k_curve};
use crate::stats::proportion::{Counts, wilson};

/// One model's results in a set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelSummary {
    /// Model (or arm) name.
    pub name: String,
    /// Tasks with at least one row.
    pub tasks: usize,
    /// Rows (graded attempts) of this model.
    pub attempts: usize,
    /// Scored attempts (pass value present).
    pub scored: u64,
    /// Passing attempts.
    pub passed: u64,
    /// Macro-averaged pass@1 over tasks with a scored attempt (None without a pass column).
    pub pass_at_1: Option<f64>,
    /// Wilson 95 % lower bound on the pooled pass rate.
    pub low: Option<f64>,
    /// Wilson 95 % upper bound.
    pub high: Option<f64>,
    /// Macro pass@k for k = 1..=the smallest number of scored attempts over tasks.
    pub pass_at_k: Vec<(u64, f64)>,
}

/// One numeric column's summary (all rows with a value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricSummary {
    /// Column name.
    pub name: String,
    /// Values present.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Median.
    pub median: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// Per-model summaries in model order.
#[must_use]
pub fn models(set: &EvalSet) -> Vec<ModelSummary> {
    let n_models = set.models.len();
    // Distinct tasks per model, with a seen-flag per (model, task).
    let n_tasks = set.tasks.len();
    let mut seen = vec![false; n_tasks * n_models];
    let mut tasks_seen = vec![0usize; n_models];
    let mut attempts = vec![0usize; n_models];
    for (&t, &m) in set.task.iter().zip(&set.model) {
        let cell = &mut seen[m as usize * n_tasks + t as usize];
        if !*cell {
            *cell = true;
            tasks_seen[m as usize] += 1;
        }
        attempts[m as usize] += 1;
    }
    (0..n_models)
        .map(|m| {
            let model = u32::try_from(m).unwrap_or(u32::MAX);
            let counts = set.task_counts(model);
            let scored: u64 = counts.iter().map(|c| c.n).sum();
            let passed: u64 = counts.iter().map(|c| c.c).sum();
            let tasks: Vec<PassCounts> = counts
                .iter()
                .filter_map(|c| PassCounts::new(c.n, c.c).ok())
                .collect();
            let curve = pass_at_k_curve(&tasks).ok();
            let interval = Counts::new(passed, scored, "passed", "scored")
                .ok()
                .and_then(|c| wilson(c, 0.95).ok());
            ModelSummary {
                name: set.models.name(model).to_owned(),
                tasks: tasks_seen[m],
                attempts: attempts[m],
                scored,
                passed,
                pass_at_1: curve.as_ref().and_then(|c| c.pass_at_k.first().copied()),
                low: interval.map(|i| i.low),
                high: interval.map(|i| i.high),
                pass_at_k: curve
                    .map(|c| c.k.into_iter().zip(c.pass_at_k).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Per-metric summaries in column order (columns with no value are skipped).
#[must_use]
pub fn metrics(set: &EvalSet) -> Vec<MetricSummary> {
    set.metrics
        .iter()
        .filter_map(|col| {
            let values: Vec<f64> = col.present().collect();
            let s = summary(&values).ok()?;
            Some(MetricSummary {
                name: col.name.clone(),
                n: s.n,
                mean: s.mean,
                median: s.median,
                p95: s.p95,
            })
        })
        .collect()
}
