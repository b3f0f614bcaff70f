//! Long-form tables: map a header to roles (task, model, attempt, pass, metrics,
//! labels) by name, then turn each row of cells into a builder row. Shared by the CSV,
//! TSV, JSONL and JSON-records readers.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::builder::Builder;
use super::error::{LoadError, WarningKind};
use super::evalset::Kind;
use crate::stats::progress::Progress;

/// One cell as a reader found it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Absent, empty or JSON null.
    Missing,
    /// A JSON boolean.
    Bool(bool),
    /// A JSON number.
    Num(f64),
    /// Text (every CSV cell; JSON strings).
    Text(&'a str),
}

/// Which column plays a role: detected from its name, none, or a named column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Choice {
    /// Detect from the column names.
    #[default]
    Auto,
    /// The file has no such column.
    Absent,
    /// This column.
    Column(String),
}

/// A user's assignment of columns to roles (the Data panel's mapping editor),
/// overriding detection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ColumnMapping {
    /// Task id column.
    pub task: Choice,
    /// Model (or arm) column.
    pub model: Choice,
    /// Attempt column.
    pub attempt: Choice,
    /// Pass/fail column.
    pub pass: Choice,
}

impl ColumnMapping {
    /// Whether every role is left to detection.
    #[must_use]
    pub fn is_auto(&self) -> bool {
        *self == Self::default()
    }
}

/// What a long-form reader needs besides the bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableOptions<'a> {
    /// The model name when the table has no model column (the file stem).
    pub default_model: &'a str,
    /// Column roles chosen by the user.
    pub mapping: Option<&'a ColumnMapping>,
    /// Progress in bytes, and cancellation.
    pub progress: Option<&'a Progress>,
}

fn resolve(
    path: &str,
    header: &[String],
    names: &[String],
    choice: &Choice,
    aliases: &[&str],
    role: &str,
) -> Result<Option<usize>, LoadError> {
    match choice {
        Choice::Auto => Ok(find(names, aliases)),
        Choice::Absent => Ok(None),
        Choice::Column(c) => header.iter().position(|h| h == c).map(Some).ok_or_else(|| {
            LoadError::new(
                path,
                format!("the {role} column chosen in the mapping ({c:?}) is not in the header"),
            )
            .line(1)
            .field(c.clone())
            .hint("edit the column mapping")
        }),
    }
}

/// Column names that carry a task id, in order of preference (then [`UNIT_ALIASES`]).
pub const TASK_ALIASES: &[&str] = &[
    "task_id",
    "task",
    "doc_id",
    "problem_id",
    "question_id",
    "example_id",
    "sample_id",
    "item_id",
    "item",
    "prompt_id",
    "id",
    "request_id",
];
/// Column names that carry the model (or arm), in order of preference.
pub const MODEL_ALIASES: &[&str] = &[
    "model",
    "model_name",
    "system",
    "variant",
    "arm",
    "provider",
    "config",
    "group",
    "treatment_group",
    "engine",
    "agent",
];
/// Column names that carry the attempt number.
pub const ATTEMPT_ALIASES: &[&str] = &[
    "attempt",
    "sample_idx",
    "sample_index",
    "sample",
    "epoch",
    "repeat",
    "trial",
    "try",
    "run",
    "seed",
];
/// Column names that carry pass/fail.
pub const PASS_ALIASES: &[&str] = &[
    "passed",
    "pass",
    "correct",
    "is_correct",
    "acc",
    "success",
    "result",
    "resolved",
    "converted",
    "conversion",
    "outcome",
    "exact_match",
    "em",
];
/// Column names that mark an errored row.
const ERROR_ALIASES: &[&str] = &["error", "error_code", "error_msg", "error_message", "err"];
/// Columns that hold long free text, not labels.
const TEXT_COLUMNS: &[&str] = &[
    "completion",
    "prompt",
    "response",
    "output",
    "input",
    "text",
    "gen_text",
    "generation",
    "reasoning",
    "explanation",
    "canonical_solution",
    "test",
];
/// Unit-id names that, with an arm column, make a table an A/B event log.
const UNIT_ALIASES: &[&str] = &[
    "unit_id",
    "unit",
    "user_id",
    "customer_id",
    "visitor_id",
    "session_id",
];
/// Arm column names of A/B event logs.
const ARM_ALIASES: &[&str] = &["arm", "variant", "group", "treatment_group", "bucket"];

/// Normalizes a column name for alias matching.
fn norm(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace(['-', ' '], "_")
}

fn find(names: &[String], aliases: &[&str]) -> Option<usize> {
    aliases
        .iter()
        .find_map(|a| names.iter().position(|n| n == a))
}

/// A pass value outside the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownPass;

/// Reads a pass value: booleans, 0/1, pass/fail words, inspect's C/I letters.
/// `Ok(None)` is unscored; `Err(UnknownPass)` is a value outside the vocabulary.
pub fn parse_pass(cell: Cell<'_>) -> Result<Option<bool>, UnknownPass> {
    match cell {
        Cell::Missing => Ok(None),
        Cell::Bool(b) => Ok(Some(b)),
        Cell::Num(x) if x.is_nan() => Ok(None),
        Cell::Num(1.0) => Ok(Some(true)),
        Cell::Num(0.0) => Ok(Some(false)),
        Cell::Num(_) => Err(UnknownPass),
        Cell::Text(s) => {
            const TRUE: &[&str] = &[
                "1", "1.0", "true", "t", "yes", "y", "pass", "passed", "correct", "c", "success",
            ];
            const FALSE: &[&str] = &[
                "0",
                "0.0",
                "false",
                "f",
                "no",
                "n",
                "fail",
                "failed",
                "incorrect",
                "i",
                "failure",
                "timed out",
                "timeout",
            ];
            const NONE: &[&str] = &[
                "", "nan", "null", "none", "na", "n/a", "error", "errored", "skipped", "unscored",
            ];
            let t = s.trim();
            let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
            if is(TRUE) {
                Ok(Some(true))
            } else if is(FALSE) || t.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("failed")) {
                Ok(Some(false))
            } else if is(NONE) {
                Ok(None)
            } else {
                Err(UnknownPass)
            }
        }
    }
}

/// Reads a number: `Ok(None)` for an empty cell, `Err(reason)` for something that is
/// not a finite number.
pub fn parse_number(cell: Cell<'_>) -> Result<Option<f64>, &'static str> {
    match cell {
        Cell::Missing => Ok(None),
        Cell::Bool(b) => Ok(Some(f64::from(u8::from(b)))),
        Cell::Num(x) if x.is_finite() => Ok(Some(x)),
        Cell::Num(_) => Err("is not a finite number"),
        Cell::Text(s) => {
            let t = s.trim();
            if t.is_empty() || matches!(t, "null" | "NULL" | "NA" | "N/A" | "None" | "-") {
                return Ok(None);
            }
            match t.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(Some(x)),
                Ok(_) => Err("is NaN or infinite"),
                Err(_) => Err("is not a number"),
            }
        }
    }
}

fn is_error(cell: Cell<'_>) -> bool {
    match cell {
        Cell::Missing => false,
        Cell::Bool(b) => b,
        Cell::Num(x) => x != 0.0 && !x.is_nan(),
        Cell::Text(s) => {
            let t = s.trim();
            !(t.is_empty()
                || t == "0"
                || t.eq_ignore_ascii_case("null")
                || t.eq_ignore_ascii_case("none"))
        }
    }
}

/// Rejects empty and duplicate column names.
fn check_header(path: &str, header: &[String], names: &[String]) -> Result<(), LoadError> {
    for (i, n) in names.iter().enumerate() {
        if n.is_empty() {
            return Err(
                LoadError::new(path, format!("column {} has an empty name", i + 1))
                    .line(1)
                    .hint("give every column a name in the header row"),
            );
        }
        if let Some(j) = names[..i].iter().position(|m| m == n) {
            return Err(LoadError::new(
                path,
                format!(
                    "column {:?} appears twice (columns {} and {})",
                    header[i],
                    j + 1,
                    i + 1
                ),
            )
            .line(1)
            .field(header[i].clone())
            .hint("rename or drop one of the two columns"));
        }
    }
    Ok(())
}

/// Numeric or label for every column that is not a role column; long free text is
/// ignored.
fn assign_roles(
    header: &[String],
    names: &[String],
    sample: &[Vec<Cell<'_>>],
    special: impl Fn(usize) -> bool,
    builder: &mut Builder,
) -> Vec<Role> {
    let mut roles = Vec::with_capacity(header.len());
    for (i, name) in header.iter().enumerate() {
        let long_text = TEXT_COLUMNS.contains(&names[i].as_str())
            || sample
                .iter()
                .any(|r| matches!(r.get(i), Some(Cell::Text(s)) if s.len() > 256));
        // Numeric when nearly every non-empty cell of the sample is a number: a stray
        // "fast" among latencies is a bad cell (warned about), not a label column.
        let numeric = || {
            let (mut numbers, mut other) = (0usize, 0usize);
            for c in sample.iter().filter_map(|r| r.get(i)) {
                match (parse_number(*c), c) {
                    (Ok(Some(_)), _) => numbers += 1,
                    (Ok(None), _) => {}
                    // NaN and inf are numbers gone wrong, not labels.
                    (Err(_), Cell::Text(s)) if s.trim().parse::<f64>().is_ok() => numbers += 1,
                    (Err(_), _) => other += 1,
                }
            }
            numbers > other && other <= (numbers / 10).max(1)
        };
        let role = if special(i) || long_text {
            Role::Ignored
        } else if ATTEMPT_ALIASES.contains(&names[i].as_str()) {
            // A second run/seed/epoch column identifies rows; it is not a measurement.
            Role::Label(builder.label_column(name))
        } else if numeric() {
            Role::Metric(builder.metric_column(name))
        } else {
            Role::Label(builder.label_column(name))
        };
        roles.push(role);
    }
    roles
}

#[derive(Debug, Clone, Copy)]
enum Role {
    Metric(usize),
    Label(usize),
    Ignored,
}

/// Turns rows of cells into a builder, according to roles read off the header.
#[derive(Debug)]
pub struct TableLoader {
    path: String,
    header: Vec<String>,
    task: Option<usize>,
    model: Option<usize>,
    attempt: Option<usize>,
    /// 1 when the attempt column counts from 0 (seeds, sample indices), else 0.
    attempt_offset: u32,
    pass: Option<usize>,
    errors: Vec<usize>,
    roles: Vec<Role>,
    default_model: String,
    kind: Kind,
    builder: Builder,
}

impl TableLoader {
    /// Maps `header` to roles, using `sample` rows (the first rows of the file) to tell
    /// numeric columns from label columns. `default_model` names the model when the
    /// table has no model column (the file stem).
    pub fn new(
        path: &str,
        header: &[String],
        sample: &[Vec<Cell<'_>>],
        opts: &TableOptions<'_>,
    ) -> Result<Self, LoadError> {
        let names: Vec<String> = header.iter().map(|h| norm(h)).collect();
        check_header(path, header, &names)?;
        let mapping = opts.mapping.cloned().unwrap_or_default();
        let task = match resolve(path, header, &names, &mapping.task, TASK_ALIASES, "task")? {
            None if mapping.task == Choice::Auto => find(&names, UNIT_ALIASES),
            found => found,
        };
        let model = resolve(path, header, &names, &mapping.model, MODEL_ALIASES, "model")?;
        let attempt = resolve(
            path,
            header,
            &names,
            &mapping.attempt,
            ATTEMPT_ALIASES,
            "attempt",
        )?
        .filter(|&a| Some(a) != task && Some(a) != model);
        let pass = resolve(path, header, &names, &mapping.pass, PASS_ALIASES, "pass")?;
        let attempt_offset = u32::from(attempt.is_some_and(|a| {
            sample.iter().any(|r| {
                r.get(a)
                    .is_some_and(|c| matches!(parse_number(*c), Ok(Some(x)) if x == 0.0))
            })
        }));
        let errors: Vec<usize> = ERROR_ALIASES
            .iter()
            .filter_map(|a| names.iter().position(|n| n == a))
            .collect();
        let mut builder = Builder::new();
        let special =
            |i: usize| [task, model, attempt, pass].contains(&Some(i)) || errors.contains(&i);
        let roles = assign_roles(header, &names, sample, special, &mut builder);
        if let Some(p) = pass {
            builder.enable_pass(&header[p]);
        }
        let has_metric = roles.iter().any(|r| matches!(r, Role::Metric(_)));
        if pass.is_none() && !has_metric {
            return Err(LoadError::new(
                path,
                format!(
                    "cannot map the header: no pass column and no numeric column; columns found: {}",
                    header.join(", ")
                ),
            )
            .line(1)
            .hint(format!("name the pass column one of {}", PASS_ALIASES.join(", "))));
        }
        let kind = Self::kind(&names, header, task, model, pass, &roles, &builder);
        if task.is_none() {
            builder
                .warnings
                .add(WarningKind::Structure, None, Some(1), || {
                    format!(
                        "no task id column (looked for {}); each row counts as its own task",
                        TASK_ALIASES[..6].join(", ")
                    )
                });
        }
        if pass.is_none() && matches!(kind, Kind::Eval) {
            builder
                .warnings
                .add(WarningKind::Structure, None, Some(1), || {
                    format!(
                        "no pass column (looked for {}); only the numeric columns can be analyzed",
                        PASS_ALIASES[..8].join(", ")
                    )
                });
        }
        Ok(Self {
            path: path.to_owned(),
            header: header.to_vec(),
            task,
            model,
            attempt,
            attempt_offset,
            pass,
            errors,
            roles,
            default_model: opts.default_model.to_owned(),
            kind,
            builder,
        })
    }

    /// A/B event log, judge label table, or plain eval results.
    fn kind(
        names: &[String],
        header: &[String],
        task: Option<usize>,
        model: Option<usize>,
        pass: Option<usize>,
        roles: &[Role],
        builder: &Builder,
    ) -> Kind {
        let _ = builder;
        let metric_names: Vec<&String> = header
            .iter()
            .zip(roles)
            .filter_map(|(h, r)| matches!(r, Role::Metric(_)).then_some(h))
            .collect();
        let is_unit = task.is_some_and(|t| UNIT_ALIASES.contains(&names[t].as_str()));
        let is_arm = model.is_some_and(|m| ARM_ALIASES.contains(&names[m].as_str()));
        if is_unit && is_arm {
            let outcome = pass.map_or_else(
                || {
                    metric_names
                        .first()
                        .map(|s| (*s).clone())
                        .unwrap_or_default()
                },
                |p| header[p].clone(),
            );
            let covariate = header
                .iter()
                .zip(names)
                .zip(roles)
                .find(|((_, n), r)| {
                    matches!(r, Role::Metric(_))
                        && (n.starts_with("pre") || n.contains("covariate"))
                })
                .map(|((h, _), _)| h.clone());
            return Kind::Experiment { outcome, covariate };
        }
        let judge = metric_names.iter().find(|h| norm(h).starts_with("judge"));
        let humans: Vec<String> = metric_names
            .iter()
            .filter(|h| {
                let n = norm(h);
                n.starts_with("human") || n.starts_with("annotator") || n.starts_with("rater")
            })
            .map(|h| (*h).clone())
            .collect();
        if let (Some(judge), false) = (judge, humans.is_empty()) {
            return Kind::Labels {
                judge: Some((*judge).clone()),
                humans,
            };
        }
        Kind::Eval
    }

    /// Number of columns the header has.
    #[must_use]
    pub fn width(&self) -> usize {
        self.header.len()
    }

    /// Adds one row. `line` is the 1-based line (or record number) for messages.
    /// `cell(i)` returns the cell of column `i` (`Cell::Missing` past the end).
    pub fn row<'c>(
        &mut self,
        cell: impl Fn(usize) -> Cell<'c>,
        line: u64,
    ) -> Result<(), LoadError> {
        let task = match self.task {
            None => Cow::Owned(format!("row {line}")),
            Some(t) => cell_text(cell(t)).ok_or_else(|| {
                LoadError::new(&self.path, "the task id is empty")
                    .line(line)
                    .field(self.header[t].clone())
                    .hint("every row needs a task id")
            })?,
        };
        let model = match self.model {
            None => Cow::Borrowed(self.default_model.as_str()),
            Some(m) => cell_text(cell(m)).ok_or_else(|| {
                LoadError::new(&self.path, "the model cell is empty")
                    .line(line)
                    .field(self.header[m].clone())
                    .hint("every row needs the model (or arm) it belongs to")
            })?,
        };
        let attempt = self.attempt_of(self.attempt.map(&cell), line)?;
        self.builder.push(&task, &model, attempt, line);
        if let Some(p) = self.pass {
            let value = cell(p);
            if let Ok(v) = parse_pass(value) {
                self.builder.set_pass(v);
            } else {
                let field = self.header[p].clone();
                let shown = match value {
                    Cell::Text(s) => s.chars().take(40).collect::<String>(),
                    Cell::Num(x) => format_number(x),
                    _ => String::new(),
                };
                self.builder.warnings.add(WarningKind::PassValueUnknown, Some(&field), Some(line), || {
                    format!("pass value {shown:?} is not one of 1/0, true/false, pass/fail, C/I; the row counts as unscored")
                });
            }
        }
        for (i, role) in self.roles.iter().enumerate() {
            if matches!(role, Role::Ignored) {
                continue;
            }
            let value = cell(i);
            match role {
                Role::Metric(c) => match parse_number(value) {
                    Ok(v) => self.builder.set_metric(*c, v),
                    Err(reason) => {
                        let field = &self.header[i];
                        let shown = match value {
                            Cell::Text(s) => s.chars().take(40).collect::<String>(),
                            Cell::Num(x) => format!("{x}"),
                            _ => String::new(),
                        };
                        self.builder.warnings.add(
                            WarningKind::BadNumber,
                            Some(field),
                            Some(line),
                            || format!("value {shown:?} {reason}; the cell is left empty"),
                        );
                    }
                },
                Role::Label(c) => match value {
                    Cell::Text(s) if !s.trim().is_empty() => self.builder.set_label(*c, s.trim()),
                    Cell::Num(x) => self.builder.set_label(*c, &format_number(x)),
                    Cell::Bool(b) => self.builder.set_label(*c, if b { "true" } else { "false" }),
                    _ => {}
                },
                Role::Ignored => {}
            }
        }
        if let Some(&e) = self.errors.iter().find(|&&e| is_error(cell(e))) {
            let field = self.header[e].clone();
            let shown = match cell(e) {
                Cell::Text(s) => s.chars().take(60).collect::<String>(),
                Cell::Num(x) => format_number(x),
                _ => String::new(),
            };
            self.builder.set_pass(None);
            self.builder.clear_metrics();
            self.builder.warnings.add(WarningKind::SkippedRow, Some(&field), Some(line), || {
                format!("rows report an error (first: {shown:?}); their pass value and metrics are left out")
            });
        }
        Ok(())
    }

    /// The attempt number of a row (0 = not given), or an error naming the cell.
    fn attempt_of(&self, value: Option<Cell<'_>>, line: u64) -> Result<u32, LoadError> {
        Ok(match value {
            None | Some(Cell::Missing) => 0,
            // Whole numbers first (the usual case), without a float parse.
            Some(Cell::Text(t)) if t.trim().parse::<u32>().is_ok_and(|a| a < 1_000_000_000) => {
                t.trim().parse::<u32>().unwrap_or(0) + self.attempt_offset
            }
            Some(cell) => match parse_number(cell) {
                Ok(Some(x)) if x >= 0.0 && x.fract() == 0.0 && x < 1e9 => {
                    x as u32 + self.attempt_offset
                }
                Ok(None) => 0,
                _ => {
                    let field = self.header[self.attempt.unwrap_or(0)].clone();
                    return Err(LoadError::new(
                        &self.path,
                        "the attempt number is not a whole number",
                    )
                    .line(line)
                    .field(field)
                    .hint("attempts are 1, 2, 3, ..."));
                }
            },
        })
    }

    /// A loader with the same column roles and an empty builder, to read another part
    /// of the same table on another thread; [`TableLoader::append`] joins it back.
    #[must_use]
    pub fn fork(&self) -> Self {
        Self {
            path: self.path.clone(),
            header: self.header.clone(),
            task: self.task,
            model: self.model,
            attempt: self.attempt,
            attempt_offset: self.attempt_offset,
            pass: self.pass,
            errors: self.errors.clone(),
            roles: self.roles.clone(),
            default_model: self.default_model.clone(),
            kind: self.kind.clone(),
            builder: self.builder.fork(),
        }
    }

    /// Makes room for `rows` more rows.
    pub fn reserve(&mut self, rows: usize) {
        self.builder.reserve(rows);
    }

    /// Appends the rows a fork read (which come after this loader's rows).
    pub fn append(&mut self, other: Self) {
        self.builder.append(other.builder);
    }

    /// The builder and the kind of table.
    #[must_use]
    pub fn finish(mut self) -> (Builder, Kind) {
        self.builder.columns.clone_from(&self.header);
        (self.builder, self.kind)
    }
}

/// The trimmed text of a cell (numbers and booleans printed), `None` when empty.
fn cell_text(cell: Cell<'_>) -> Option<Cow<'_, str>> {
    match cell {
        Cell::Text(s) => {
            let t = s.trim();
            (!t.is_empty()).then_some(Cow::Borrowed(t))
        }
        Cell::Num(x) => Some(Cow::Owned(format_number(x))),
        Cell::Bool(b) => Some(Cow::Owned(b.to_string())),
        Cell::Missing => None,
    }
}

/// Integers print without a decimal point (task ids like 17, not 17.0).
fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}
