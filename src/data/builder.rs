//! Row-by-row construction of an `EvalSet`, shared by every reader, and the
//! validation that runs once all rows are in.

use std::collections::{HashMap, HashSet};

use super::error::{WarningKind, Warnings};
use super::evalset::{EvalSet, Interner, Kind, LabelColumn, NumericColumn, Provenance};
use crate::stats::experiment::chi_square_independence;

/// Builds an `EvalSet` one row at a time. A row starts with [`Builder::push`], which
/// fills every column with "missing"; the `set_*` calls then fill the current row.
#[derive(Debug, Default)]
pub struct Builder {
    tasks: Interner,
    models: Interner,
    task: Vec<u32>,
    model: Vec<u32>,
    attempt: Vec<u32>,
    line: Vec<u32>,
    pass: Vec<Option<bool>>,
    pass_field: Option<String>,
    metrics: Vec<NumericColumn>,
    labels: Vec<LabelColumn>,
    /// The header of a long-form table (empty for other formats).
    pub columns: Vec<String>,
    /// Warnings found while reading rows; validation adds more in `finish`.
    pub warnings: Warnings,
}

impl Builder {
    /// An empty builder.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Rows pushed so far.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.task.len()
    }

    /// Makes room for `rows` more rows (avoids regrowing columns on big files).
    pub fn reserve(&mut self, rows: usize) {
        self.task.reserve(rows);
        self.model.reserve(rows);
        self.attempt.reserve(rows);
        self.line.reserve(rows);
        self.pass.reserve(rows);
        for c in &mut self.metrics {
            c.values.reserve(rows);
        }
        for c in &mut self.labels {
            c.codes.reserve(rows);
        }
    }

    /// Declares that the file has a pass column called `field`.
    pub fn enable_pass(&mut self, field: &str) {
        if self.pass_field.is_none() {
            self.pass_field = Some(field.to_owned());
        }
    }

    /// Whether a pass column was declared.
    #[must_use]
    pub fn has_pass(&self) -> bool {
        self.pass_field.is_some()
    }

    /// The index of the numeric column `name`, created (all missing so far) if new.
    pub fn metric_column(&mut self, name: &str) -> usize {
        if let Some(i) = self.metrics.iter().position(|m| m.name == name) {
            return i;
        }
        self.metrics.push(NumericColumn {
            name: name.to_owned(),
            values: vec![None; self.rows()],
        });
        self.metrics.len() - 1
    }

    /// The index of the label column `name`, created (all missing so far) if new.
    pub fn label_column(&mut self, name: &str) -> usize {
        if let Some(i) = self.labels.iter().position(|m| m.name == name) {
            return i;
        }
        self.labels.push(LabelColumn {
            name: name.to_owned(),
            levels: Interner::default(),
            codes: vec![None; self.rows()],
        });
        self.labels.len() - 1
    }

    /// Starts a row. `attempt` 0 means "not given": attempts are then numbered in file
    /// order per (task, model).
    pub fn push(&mut self, task: &str, model: &str, attempt: u32, line: u64) {
        let t = self.tasks.intern(task);
        let m = self.models.intern(model);
        self.task.push(t);
        self.model.push(m);
        self.attempt.push(attempt);
        self.line.push(u32::try_from(line).unwrap_or(u32::MAX));
        self.pass.push(None);
        for c in &mut self.metrics {
            c.values.push(None);
        }
        for c in &mut self.labels {
            c.codes.push(None);
        }
    }

    /// Sets the current row's pass value (`None` = unscored).
    pub fn set_pass(&mut self, value: Option<bool>) {
        if let Some(last) = self.pass.last_mut() {
            *last = value;
        }
    }

    /// Sets the current row's value in numeric column `col`.
    pub fn set_metric(&mut self, col: usize, value: Option<f64>) {
        if let Some(last) = self.metrics.get_mut(col).and_then(|c| c.values.last_mut()) {
            *last = value;
        }
    }

    /// Sets the current row's value in label column `col`.
    pub fn set_label(&mut self, col: usize, value: &str) {
        if let Some(c) = self.labels.get_mut(col) {
            let code = c.levels.intern(value);
            if let Some(last) = c.codes.last_mut() {
                *last = Some(code);
            }
        }
    }

    /// Clears every metric of the current row (an errored request's numbers are not
    /// measurements).
    pub fn clear_metrics(&mut self) {
        for c in &mut self.metrics {
            if let Some(last) = c.values.last_mut() {
                *last = None;
            }
        }
    }

    /// An empty builder with the same columns (for reading part of a file elsewhere).
    #[must_use]
    pub fn fork(&self) -> Self {
        Self {
            pass_field: self.pass_field.clone(),
            metrics: self
                .metrics
                .iter()
                .map(|c| NumericColumn {
                    name: c.name.clone(),
                    values: Vec::new(),
                })
                .collect(),
            labels: self
                .labels
                .iter()
                .map(|c| LabelColumn {
                    name: c.name.clone(),
                    levels: Interner::default(),
                    codes: Vec::new(),
                })
                .collect(),
            ..Self::default()
        }
    }

    /// Appends the rows of a fork, re-interning its names.
    pub fn append(&mut self, other: Self) {
        let task_map: Vec<u32> = other
            .tasks
            .names()
            .iter()
            .map(|n| self.tasks.intern(n))
            .collect();
        let model_map: Vec<u32> = other
            .models
            .names()
            .iter()
            .map(|n| self.models.intern(n))
            .collect();
        self.task
            .extend(other.task.iter().map(|&t| task_map[t as usize]));
        self.model
            .extend(other.model.iter().map(|&m| model_map[m as usize]));
        self.attempt.extend(other.attempt);
        self.line.extend(other.line);
        self.pass.extend(other.pass);
        for (mine, theirs) in self.metrics.iter_mut().zip(other.metrics) {
            mine.values.extend(theirs.values);
        }
        for (mine, theirs) in self.labels.iter_mut().zip(other.labels) {
            let map: Vec<u32> = theirs
                .levels
                .names()
                .iter()
                .map(|n| mine.levels.intern(n))
                .collect();
            mine.codes
                .extend(theirs.codes.iter().map(|c| c.map(|c| map[c as usize])));
        }
        self.warnings.merge(other.warnings);
    }

    /// Numbers missing attempts, validates, and returns the set.
    #[must_use]
    pub fn finish(mut self, kind: Kind, provenance: Provenance) -> EvalSet {
        self.number_attempts();
        if matches!(kind, Kind::Eval) {
            self.check_duplicates();
            self.check_coverage();
        }
        if self.pass_field.is_some() {
            self.check_unscored();
        }
        if matches!(kind, Kind::Experiment { .. }) {
            self.check_arms();
        }
        let has_pass = self.pass_field.is_some();
        EvalSet {
            provenance: Provenance {
                rows: self.task.len(),
                ..provenance
            },
            kind,
            tasks: self.tasks,
            models: self.models,
            task: self.task,
            model: self.model,
            attempt: self.attempt,
            line: self.line,
            pass: has_pass.then_some(self.pass),
            pass_field: self.pass_field,
            metrics: self.metrics,
            labels: self.labels,
            columns: self.columns,
            warnings: self.warnings.into_vec(),
        }
    }

    fn number_attempts(&mut self) {
        if !self.attempt.contains(&0) {
            return;
        }
        let mut next: HashMap<(u32, u32), u32> = HashMap::new();
        for i in 0..self.attempt.len() {
            if self.attempt[i] == 0 {
                let n = next.entry((self.task[i], self.model[i])).or_insert(0);
                *n += 1;
                self.attempt[i] = *n;
            }
        }
    }

    /// Same (task, model, attempt) more than once.
    fn check_duplicates(&mut self) {
        let n_tasks = self.tasks.len();
        let dense = n_tasks.saturating_mul(self.models.len()) <= 8_000_000;
        let mut masks_dense = if dense {
            vec![0u64; n_tasks * self.models.len()]
        } else {
            Vec::new()
        };
        let mut masks_sparse: HashMap<usize, u64> = HashMap::new();
        let mut high: HashSet<(usize, u32)> = HashSet::new();
        for i in 0..self.task.len() {
            let cell = self.model[i] as usize * n_tasks + self.task[i] as usize;
            let a = self.attempt[i];
            let duplicate = if (1..=64).contains(&a) {
                let bit = 1u64 << (a - 1);
                let mask = if dense {
                    &mut masks_dense[cell]
                } else {
                    masks_sparse.entry(cell).or_insert(0)
                };
                let seen = *mask & bit != 0;
                *mask |= bit;
                seen
            } else {
                !high.insert((cell, a))
            };
            if duplicate {
                let (task, model) = (
                    self.tasks.name(self.task[i]),
                    self.models.name(self.model[i]),
                );
                let line = self.line[i];
                self.warnings.add(WarningKind::DuplicateAttempt, None, Some(u64::from(line)), || {
                    format!("the same task, model and attempt appears more than once (first: {task} / {model} / attempt {a}); every row is kept")
                });
            }
        }
    }

    /// Tasks missing for some model; mixed attempt counts per task.
    fn check_coverage(&mut self) {
        let n_tasks = self.tasks.len();
        let n_models = self.models.len();
        // Rows per (model, task) cell.
        let mut per_cell = vec![0u32; n_tasks * n_models];
        if per_cell.len() > 50_000_000 {
            return; // too many cells to check cheaply; the coverage warnings are skipped
        }
        for (&t, &m) in self.task.iter().zip(&self.model) {
            per_cell[m as usize * n_tasks + t as usize] += 1;
        }
        for m in 0..u32::try_from(n_models).unwrap_or(u32::MAX) {
            let name = self.models.name(m).to_owned();
            if n_models > 1 {
                let row = &per_cell[m as usize * n_tasks..(m as usize + 1) * n_tasks];
                let missing: Vec<u32> = (0..u32::try_from(n_tasks).unwrap_or(u32::MAX))
                    .filter(|&t| row[t as usize] == 0)
                    .collect();
                if !missing.is_empty() {
                    let first: Vec<&str> = missing
                        .iter()
                        .take(5)
                        .map(|&t| self.tasks.name(t))
                        .collect();
                    self.warnings.add_many(
                        WarningKind::TaskMissingForModel,
                        None,
                        missing.len() as u64,
                        Vec::new(),
                        format!(
                            "model {name} has no rows for {} of {n_tasks} tasks (first: {}); paired comparisons use shared tasks only",
                            missing.len(),
                            first.join(", ")
                        ),
                    );
                }
            }
            let mut counts: HashMap<u32, u64> = HashMap::new();
            for &n in &per_cell[m as usize * n_tasks..(m as usize + 1) * n_tasks] {
                if n > 0 {
                    *counts.entry(n).or_insert(0) += 1;
                }
            }
            if counts.len() > 1 {
                let (&mode, _) = counts
                    .iter()
                    .max_by_key(|(n, c)| (**c, **n))
                    .unwrap_or((&0, &0));
                let (lo, hi) = (
                    counts.keys().min().copied().unwrap_or(0),
                    counts.keys().max().copied().unwrap_or(0),
                );
                let off: u64 = counts
                    .iter()
                    .filter(|(n, _)| **n != mode)
                    .map(|(_, c)| *c)
                    .sum();
                self.warnings.add_many(
                    WarningKind::MixedAttemptCounts,
                    None,
                    off,
                    Vec::new(),
                    format!(
                        "model {name}: attempts per task vary from {lo} to {hi} ({off} tasks differ from the usual {mode}); pass@k uses k up to the smallest count"
                    ),
                );
            }
        }
    }

    /// Arms of an A/B log beyond two that hold few units: usually a typo ("contrl") or a
    /// leaked test arm, which silently shrinks the real arm.
    fn check_arms(&mut self) {
        let n = self.models.len();
        if n <= 2 {
            return;
        }
        let mut units = vec![0u64; n];
        for &m in &self.model {
            units[m as usize] += 1;
        }
        let largest = units.iter().copied().max().unwrap_or(0);
        for (m, &count) in units.iter().enumerate() {
            if count * 20 >= largest {
                continue;
            }
            let name = self
                .models
                .name(u32::try_from(m).unwrap_or(u32::MAX))
                .to_owned();
            let nearest = (0..n)
                .filter(|&o| o != m && units[o] * 20 >= largest)
                .map(|o| self.models.name(u32::try_from(o).unwrap_or(u32::MAX)))
                .min_by_key(|o| edit_distance(o, &name))
                .filter(|o| edit_distance(o, &name) <= 2)
                .map(|o| format!(" (a typo of {o:?}?)"))
                .unwrap_or_default();
            let lines: Vec<u64> = self
                .model
                .iter()
                .zip(&self.line)
                .filter(|(mm, _)| **mm as usize == m)
                .map(|(_, l)| u64::from(*l))
                .collect();
            self.warnings.add_many(
                WarningKind::Structure,
                Some("arm"),
                count,
                lines,
                format!(
                    "arm {name:?} has only {count} units against {largest} in the largest arm{nearest}; it is kept as its own arm"
                ),
            );
        }
    }

    /// Unscored share per model, and whether it differs between models (eval SRM).
    fn check_unscored(&mut self) {
        let n_models = self.models.len();
        let mut table = vec![vec![0u64; 2]; n_models];
        let mut first_lines: Vec<Vec<u64>> = vec![Vec::new(); n_models];
        for i in 0..self.pass.len() {
            let m = self.model[i] as usize;
            if self.pass[i].is_some() {
                table[m][1] += 1;
            } else {
                table[m][0] += 1;
                if first_lines[m].len() < Warnings::MAX_LINES {
                    first_lines[m].push(u64::from(self.line[i]));
                }
            }
        }
        let field = self.pass_field.clone();
        for (m, row) in table.iter().enumerate() {
            if row[0] > 0 {
                let name = self.models.name(u32::try_from(m).unwrap_or(u32::MAX));
                let total = row[0] + row[1];
                self.warnings.add_many(
                    WarningKind::Unscored,
                    field.as_deref(),
                    row[0],
                    first_lines[m].clone(),
                    format!(
                        "model {name}: {} of {total} samples unscored ({:.1} %); they are left out of pass rates",
                        row[0],
                        100.0 * row[0] as f64 / total as f64
                    ),
                );
            }
        }
        if n_models > 1
            && table.iter().any(|r| r[0] > 0)
            && let Ok(test) = chi_square_independence(&table)
            && test.p_value < 0.05
        {
            let shares: Vec<String> = table
                .iter()
                .enumerate()
                .map(|(m, r)| {
                    format!(
                        "{} {:.1} %",
                        self.models.name(u32::try_from(m).unwrap_or(u32::MAX)),
                        100.0 * r[0] as f64 / (r[0] + r[1]).max(1) as f64
                    )
                })
                .collect();
            self.warnings.add_many(
                        WarningKind::EvalSrm,
                        field.as_deref(),
                        table.iter().map(|r| r[0]).sum(),
                        Vec::new(),
                        format!(
                            "eval SRM: the share of unscored samples differs between models ({}; chi-square p = {:.2e}); comparing scored samples only may be biased",
                            shares.join(", "),
                            test.p_value
                        ),
                    );
        }
    }
}

/// Levenshtein distance of two short names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
