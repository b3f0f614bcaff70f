//! `EvalSet`: one loaded file as columns, with provenance and validation warnings.

use std::time::Duration;

use serde::Serialize;

use super::error::Warning;
use super::format::Format;
use super::fxhash::FxHashMap;

/// Strings interned to dense indices (task ids, model names, label levels).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interner {
    names: Vec<String>,
    /// Names of up to 16 bytes, stored inline so a lookup compares one word instead of
    /// chasing a pointer into `memcmp` (the loader's hottest path).
    short: FxHashMap<ShortKey, u32>,
    /// Longer names.
    long: FxHashMap<String, u32>,
}

/// A name of at most 16 bytes, zero-padded into a word, with its length.
type ShortKey = (u128, u8);

fn short_key(name: &str) -> Option<ShortKey> {
    let b = name.as_bytes();
    (b.len() <= 16).then(|| {
        let mut k = [0u8; 16];
        k[..b.len()].copy_from_slice(b);
        (u128::from_le_bytes(k), b.len() as u8)
    })
}

impl Interner {
    /// The index of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(i) = self.get(name) {
            return i;
        }
        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_owned());
        match short_key(name) {
            Some(k) => self.short.insert(k, i),
            None => self.long.insert(name.to_owned(), i),
        };
        i
    }

    /// The index of `name`, if present.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<u32> {
        // Few names (models, arms, labels): a scan beats hashing.
        if self.names.len() <= 16 {
            return self.names.iter().position(|n| n == name).map(|i| i as u32);
        }
        match short_key(name) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(name).copied(),
        }
    }

    /// The name at `i`.
    #[must_use]
    pub fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).map_or("", String::as_str)
    }

    /// All names in index order.
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of distinct names.
    #[must_use]
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no name was interned.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A numeric column; `None` marks an empty, unparseable or excluded cell.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericColumn {
    /// Column name as in the file.
    pub name: String,
    /// One value per row.
    pub values: Vec<Option<f64>>,
}

impl NumericColumn {
    /// The present values, in row order.
    pub fn present(&self) -> impl Iterator<Item = f64> + '_ {
        self.values.iter().filter_map(|v| *v)
    }
}

/// A categorical column (cohort, intent, arm label, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelColumn {
    /// Column name as in the file.
    pub name: String,
    /// Distinct values.
    pub levels: Interner,
    /// One level index per row; `None` for an empty cell.
    pub codes: Vec<Option<u32>>,
}

/// What the rows of a set mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    /// Graded attempts: task × model × attempt → pass/score.
    Eval,
    /// An A/B event log: tasks are units, models are arms, `pass` is a binary outcome
    /// (or `outcome` names a numeric metric).
    Experiment {
        /// The outcome column's name.
        outcome: String,
        /// A pre-period covariate column, if any (for CUPED).
        covariate: Option<String>,
    },
    /// A judge vs human label table: tasks are items, scores are metric columns.
    Labels {
        /// The judge's score column (absent in a humans-only table).
        judge: Option<String>,
        /// The human annotators' columns.
        humans: Vec<String>,
    },
}

/// Where a set came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The path as given.
    pub path: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// File size in bytes.
    pub bytes: u64,
    /// Rows loaded.
    pub rows: usize,
    /// The reader used.
    pub format: Format,
    /// Wall time to read, hash, parse and validate.
    #[serde(serialize_with = "seconds")]
    pub load_time: Duration,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// One loaded file, columnar.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalSet {
    /// Where it came from.
    pub provenance: Provenance,
    /// What the rows mean.
    pub kind: Kind,
    /// Task ids (units for experiments, items for label tables).
    pub tasks: Interner,
    /// Model names (arms for experiments).
    pub models: Interner,
    /// Task index per row.
    pub task: Vec<u32>,
    /// Model index per row.
    pub model: Vec<u32>,
    /// Attempt number per row (1-based; in file order when the file has none).
    pub attempt: Vec<u32>,
    /// 1-based source line per row (for zips and JSON documents: the record index).
    pub line: Vec<u32>,
    /// Pass/fail per row, `None` = unscored; the whole column is `None` when the file
    /// has no pass column.
    pub pass: Option<Vec<Option<bool>>>,
    /// Name of the column the pass values came from.
    pub pass_field: Option<String>,
    /// Numeric columns (score, latency, tokens, ...).
    pub metrics: Vec<NumericColumn>,
    /// Label columns.
    pub labels: Vec<LabelColumn>,
    /// The header of a long-form table, for the column-mapping editor (empty for
    /// formats whose fields are fixed).
    pub columns: Vec<String>,
    /// Validation warnings.
    pub warnings: Vec<Warning>,
}

/// Per-task attempt counts of one model: `n` scored attempts, `c` passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskCounts {
    /// Task index.
    pub task: u32,
    /// Scored attempts.
    pub n: u64,
    /// Passing attempts.
    pub c: u64,
}

impl EvalSet {
    /// Number of rows.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.task.len()
    }

    /// The numeric column called `name`.
    #[must_use]
    pub fn metric(&self, name: &str) -> Option<&NumericColumn> {
        self.metrics.iter().find(|m| m.name == name)
    }

    /// Per-task (n scored, c passed) for `model`, tasks in first-seen order.
    /// Empty when the set has no pass column.
    #[must_use]
    pub fn task_counts(&self, model: u32) -> Vec<TaskCounts> {
        let Some(pass) = &self.pass else {
            return Vec::new();
        };
        // Slot of each task in `out` (dense: tasks are interned 0..n).
        let mut slot: Vec<u32> = vec![u32::MAX; self.tasks.len()];
        let mut out: Vec<TaskCounts> = Vec::new();
        for ((&t, &m), p) in self.task.iter().zip(&self.model).zip(pass) {
            if m != model {
                continue;
            }
            let Some(p) = p else { continue };
            let s = &mut slot[t as usize];
            if *s == u32::MAX {
                *s = u32::try_from(out.len()).unwrap_or(u32::MAX);
                out.push(TaskCounts {
                    task: t,
                    n: 0,
                    c: 0,
                });
            }
            let c = &mut out[*s as usize];
            c.n += 1;
            c.c += u64::from(*p);
        }
        out
    }
}
