//! Load errors and validation warnings, each with the place in the file.

use std::fmt;

use serde::Serialize;

/// Where in a file something was found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Place {
    /// The file's path as given.
    pub path: String,
    /// 1-based line (for zips: the entry, see `field`), when known.
    pub line: Option<u64>,
    /// Column, JSON key or zip entry, when known.
    pub field: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field {field:?}")?;
        }
        Ok(())
    }
}

/// A problem that makes a file unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub struct LoadError {
    /// Where.
    pub place: Place,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (fix: {hint})")?;
        }
        Ok(())
    }
}

impl LoadError {
    /// An error at `path` (no line or field yet).
    pub fn new(path: &str, message: impl Into<String>) -> Self {
        Self {
            place: Place {
                path: path.to_owned(),
                line: None,
                field: None,
            },
            message: message.into(),
            hint: None,
        }
    }

    /// Sets the 1-based line.
    #[must_use]
    pub fn line(mut self, line: u64) -> Self {
        self.place.line = Some(line);
        self
    }

    /// Sets the field (column, JSON key or zip entry).
    #[must_use]
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.place.field = Some(field.into());
        self
    }

    /// Sets the fix hint.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Kinds of validation warning: the file loads, but a reader should know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The same (task, model, attempt) appears more than once.
    DuplicateAttempt,
    /// A task is present for some models but not others.
    TaskMissingForModel,
    /// Tasks have different numbers of attempts.
    MixedAttemptCounts,
    /// A pass value is not in the vocabulary; the row counts as unscored.
    PassValueUnknown,
    /// A sample has no score (unscored, errored, cancelled).
    Unscored,
    /// The share of unscored samples differs between models ("eval SRM").
    EvalSrm,
    /// A metric cell is not a finite number; it is left empty.
    BadNumber,
    /// A structural oddity worth knowing (no task column, no pass column, ...).
    Structure,
    /// A row was skipped (a blank line, an error row).
    SkippedRow,
}

/// One warning with how often it occurred and where it first did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The kind.
    pub kind: WarningKind,
    /// Column or key involved, if any.
    pub field: Option<String>,
    /// What happened, in words.
    pub message: String,
    /// How many rows (or tasks) it concerns.
    pub count: u64,
    /// The first few 1-based lines where it occurs (at most [`Warnings::MAX_LINES`]).
    pub lines: Vec<u64>,
}

/// Collects warnings, merging repeats of the same kind and field.
#[derive(Debug, Clone, Default)]
pub struct Warnings {
    items: Vec<Warning>,
}

impl Warnings {
    /// How many example lines a warning keeps.
    pub const MAX_LINES: usize = 5;

    /// Records one occurrence. The message of the first occurrence is kept.
    pub fn add(
        &mut self,
        kind: WarningKind,
        field: Option<&str>,
        line: Option<u64>,
        message: impl FnOnce() -> String,
    ) {
        // Structural notes each say something different; the rest merge by kind and field.
        if let Some(w) = self.items.iter_mut().find(|w| {
            kind != WarningKind::Structure && w.kind == kind && w.field.as_deref() == field
        }) {
            w.count += 1;
            if let Some(line) = line
                && w.lines.len() < Self::MAX_LINES
            {
                w.lines.push(line);
            }
            return;
        }
        self.items.push(Warning {
            kind,
            field: field.map(str::to_owned),
            message: message(),
            count: 1,
            lines: line.into_iter().collect(),
        });
    }

    /// Records a warning that concerns `count` items at once.
    pub fn add_many(
        &mut self,
        kind: WarningKind,
        field: Option<&str>,
        count: u64,
        lines: Vec<u64>,
        message: String,
    ) {
        self.items.push(Warning {
            kind,
            field: field.map(str::to_owned),
            message,
            count,
            lines: lines.into_iter().take(Self::MAX_LINES).collect(),
        });
    }

    /// Adds the warnings of a later part of the same file.
    pub fn merge(&mut self, other: Self) {
        for w in other.items {
            match self.items.iter_mut().find(|m| {
                w.kind != WarningKind::Structure && m.kind == w.kind && m.field == w.field
            }) {
                Some(m) => {
                    m.count += w.count;
                    let room = Self::MAX_LINES.saturating_sub(m.lines.len());
                    m.lines.extend(w.lines.into_iter().take(room));
                }
                None => self.items.push(w),
            }
        }
    }

    /// The warnings collected, in the order first seen.
    #[must_use]
    pub fn into_vec(self) -> Vec<Warning> {
        self.items
    }
}
