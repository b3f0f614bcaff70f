//! JSON input: a lenient parse that accepts the bare `NaN` / `Infinity` tokens some
//! tools write (they become null = unscored), and the JSONL / JSON-records long forms.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::builder::Builder;
use super::delimited::MAX_RECORD;
use super::error::{LoadError, WarningKind};
use super::evalset::Kind;
use super::table::{Cell, TableLoader, TableOptions};

/// Rows used to settle the columns of a JSON long form.
const SAMPLE_ROWS: usize = 1_000;

/// Whether a byte-by-byte scan is inside a JSON string literal.
#[derive(Debug, Default)]
struct JsonString {
    inside: bool,
    escaped: bool,
}

impl JsonString {
    /// Feeds a byte while inside a string: `Some(true)` when it is the closing quote,
    /// `Some(false)` for any other string byte, `None` when not inside a string (the
    /// caller then handles the byte, and sets `inside` on an opening quote).
    fn consume(&mut self, b: u8) -> Option<bool> {
        if !self.inside {
            return None;
        }
        if self.escaped {
            self.escaped = false;
        } else if b == b'\\' {
            self.escaped = true;
        } else if b == b'"' {
            self.inside = false;
            return Some(true);
        }
        Some(false)
    }
}

/// Replaces bare `NaN`, `Infinity` and `-Infinity` tokens outside strings by `null`.
/// Returns the text and how many tokens were replaced.
#[must_use]
pub fn sanitize(bytes: &[u8]) -> (Cow<'_, [u8]>, usize) {
    if !contains(bytes, b"NaN") && !contains(bytes, b"Infinity") {
        return (Cow::Borrowed(bytes), 0);
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let mut string = JsonString::default();
    let mut replaced = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if string.consume(b).is_some() {
            out.push(b);
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        let token = [&b"-Infinity"[..], b"Infinity", b"NaN"]
            .into_iter()
            .find(|t| rest.starts_with(t));
        if let Some(t) = token {
            out.extend_from_slice(b"null");
            replaced += 1;
            i += t.len();
            continue;
        }
        if b == b'"' {
            string.inside = true;
        }
        out.push(b);
        i += 1;
    }
    (Cow::Owned(out), replaced)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Parses one JSON document leniently. Errors name the line and column.
pub fn parse(path: &str, bytes: &[u8], line_offset: u64) -> Result<(Value, usize), LoadError> {
    let (text, replaced) = sanitize(bytes);
    serde_json::from_slice(&text)
        .map(|v| (v, replaced))
        .map_err(|e| {
            let what = match e.classify() {
                serde_json::error::Category::Eof => "the JSON ends too early (truncated?)",
                serde_json::error::Category::Syntax => "invalid JSON",
                serde_json::error::Category::Data => "unexpected JSON value",
                serde_json::error::Category::Io => "cannot read the JSON",
            };
            // serde's text ends with its own " at line L column C" inside this document.
            let text = e.to_string();
            let text = text
                .rfind(" at line ")
                .map_or(text.as_str(), |i| &text[..i]);
            LoadError::new(path, format!("{what}: {text}"))
                .line(line_offset + e.line() as u64)
                .field(format!("column {}", e.column()))
                .hint("check that the file is complete and was written as JSON")
        })
}

/// The lines of a JSON Lines file with their 1-based numbers; blank lines skipped.
pub fn lines(bytes: &[u8]) -> impl Iterator<Item = (u64, &[u8])> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, l)| ((i + 1) as u64, l.strip_suffix(b"\r").unwrap_or(l)))
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
}

/// Parses one JSONL line into an object, with the errors a user can act on.
pub fn parse_line(
    path: &str,
    line: u64,
    text: &[u8],
) -> Result<(Map<String, Value>, usize), LoadError> {
    if text.len() > MAX_RECORD {
        return Err(LoadError::new(
            path,
            format!(
                "the line is {} MiB long; lines over {} MiB are not accepted",
                text.len() >> 20,
                MAX_RECORD >> 20
            ),
        )
        .line(line)
        .field("(whole line)")
        .hint("one JSON record per line"));
    }
    match parse(path, text, line - 1)? {
        (Value::Object(map), replaced) => Ok((map, replaced)),
        (other, _) => Err(LoadError::new(
            path,
            format!("the line holds a JSON {}, not an object", type_name(&other)),
        )
        .line(line)
        .field("(whole line)")
        .hint("JSON Lines results need one object per line")),
    }
}

/// "array", "string", ... for messages.
#[must_use]
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A cell for a JSON value; nested arrays and objects are not cells.
#[must_use]
pub fn cell(v: &Value) -> Cell<'_> {
    match v {
        Value::Bool(b) => Cell::Bool(*b),
        Value::Number(n) => n.as_f64().map_or(Cell::Missing, Cell::Num),
        Value::String(s) => Cell::Text(s),
        Value::Null | Value::Array(_) | Value::Object(_) => Cell::Missing,
    }
}

/// The cells of a record in header order.
fn row_cells<'r>(header: &[String], r: &'r Map<String, Value>) -> Vec<Cell<'r>> {
    header
        .iter()
        .map(|k| r.get(k).map_or(Cell::Missing, cell))
        .collect()
}

/// Flat records (one per line of a JSONL file, or per element of a JSON array) as a
/// long-form table. The columns are the scalar keys of the first rows, in first-seen
/// order.
pub fn records_to_table(
    path: &str,
    records: &[(u64, Map<String, Value>)],
    opts: &TableOptions<'_>,
    nan_tokens: usize,
) -> Result<(Builder, Kind), LoadError> {
    if records.is_empty() {
        return Err(LoadError::new(path, "the file holds no records").line(1));
    }
    let mut header: Vec<String> = Vec::new();
    for (_, r) in records.iter().take(SAMPLE_ROWS) {
        for (k, v) in r {
            if !matches!(v, Value::Array(_) | Value::Object(_)) && !header.contains(k) {
                header.push(k.clone());
            }
        }
    }
    if header.is_empty() {
        return Err(LoadError::new(
            path,
            "the records have no scalar fields (only nested objects or arrays)",
        )
        .line(records[0].0)
        .hint("evalbench reads flat records: one key per column"));
    }
    let sample: Vec<Vec<Cell<'_>>> = records
        .iter()
        .take(SAMPLE_ROWS)
        .map(|(_, r)| row_cells(&header, r))
        .collect();
    let mut table = TableLoader::new(path, &header, &sample, opts)?;
    drop(sample);
    let mut late_keys: Vec<(String, u64)> = Vec::new();
    for (line, r) in records {
        let cells = row_cells(&header, r);
        table.row(|i| cells.get(i).copied().unwrap_or(Cell::Missing), *line)?;
        if late_keys.len() < 5 {
            for k in r.keys() {
                if !header.contains(k)
                    && !late_keys.iter().any(|(l, _)| l == k)
                    && !matches!(r[k], Value::Array(_) | Value::Object(_))
                {
                    late_keys.push((k.clone(), *line));
                }
            }
        }
    }
    let (mut builder, kind) = table.finish();
    for (k, line) in late_keys {
        builder
            .warnings
            .add(WarningKind::Structure, Some(&k), Some(line), || {
                format!(
                    "key {k:?} first appears after the first {SAMPLE_ROWS} records and is not read"
                )
            });
    }
    note_nan_tokens(&mut builder, nan_tokens);
    Ok((builder, kind))
}

/// Records how many bare `NaN`/`Infinity` tokens were read as empty (unscored) values.
pub fn note_nan_tokens(builder: &mut Builder, n: usize) {
    if n > 0 {
        builder.warnings.add_many(
            WarningKind::Unscored,
            None,
            n as u64,
            Vec::new(),
            format!("{n} bare NaN/Infinity tokens (not strict JSON; inspect's unscored marker) were read as unscored/empty"),
        );
    }
}

/// Reads a JSON Lines long-form file.
pub fn read_jsonl(
    path: &str,
    bytes: &[u8],
    opts: &TableOptions<'_>,
) -> Result<(Builder, Kind), LoadError> {
    let mut records = Vec::new();
    let mut nan_tokens = 0;
    for (line, text) in lines(bytes) {
        let (map, n) = parse_line(path, line, text)?;
        nan_tokens += n;
        records.push((line, map));
    }
    records_to_table(path, &records, opts, nan_tokens)
}

/// 1-based line numbers where each element of a top-level JSON array starts.
#[must_use]
pub fn array_element_lines(bytes: &[u8]) -> Vec<u64> {
    element_lines(bytes, None)
}

/// 1-based line numbers where each element starts: of the top-level array (`key`
/// `None`), or of the array under top-level `key` (inspect's `"samples"`).
#[must_use]
pub fn element_lines(bytes: &[u8], key: Option<&str>) -> Vec<u64> {
    let target_depth = if key.is_some() { 2 } else { 1 };
    let mut out = Vec::new();
    let (mut depth, mut line) = (0usize, 1u64);
    let mut string = JsonString::default();
    let mut expect_element = false;
    // The last string closed at depth 1 and whether a ':' followed it (a key).
    let (mut string_start, mut last_string, mut after_key) = (0usize, (0usize, 0usize), false);
    let mut inside_target = key.is_none();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
        }
        if let Some(closed) = string.consume(b) {
            if closed && depth == 1 {
                last_string = (string_start, i);
            }
            continue;
        }
        if expect_element && !b.is_ascii_whitespace() && b != b']' {
            out.push(line);
            expect_element = false;
        }
        match b {
            b'"' => {
                string.inside = true;
                string_start = i + 1;
            }
            b':' if depth == 1 => after_key = true,
            b'[' | b'{' => {
                depth += 1;
                if let Some(k) = key
                    && depth == 2
                    && b == b'['
                    && after_key
                {
                    inside_target = &bytes[last_string.0..last_string.1] == k.as_bytes();
                }
                if depth == target_depth && b == b'[' && inside_target {
                    expect_element = true;
                }
            }
            b']' | b'}' => {
                if depth == target_depth && key.is_some() {
                    inside_target = false;
                }
                depth = depth.saturating_sub(1);
            }
            b',' if depth == target_depth && inside_target => expect_element = true,
            b',' if depth == 1 => after_key = false,
            _ => {}
        }
    }
    out
}

/// Reads a JSON array of flat records (llmperf's per-request files and the like).
pub fn read_records(
    path: &str,
    bytes: &[u8],
    opts: &TableOptions<'_>,
) -> Result<(Builder, Kind), LoadError> {
    let (value, nan_tokens) = parse(path, bytes, 0)?;
    let Value::Array(items) = value else {
        return Err(LoadError::new(
            path,
            format!(
                "expected a JSON array of records, found a JSON {}",
                type_name(&value)
            ),
        )
        .line(1));
    };
    let lines = array_element_lines(bytes);
    let mut records = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        match item {
            Value::Object(map) => records.push((line, map)),
            other => {
                return Err(LoadError::new(
                    path,
                    format!(
                        "record {} is a JSON {}, not an object",
                        i + 1,
                        type_name(&other)
                    ),
                )
                .line(line)
                .field(format!("[{i}]")));
            }
        }
    }
    records_to_table(path, &records, opts, nan_tokens)
}
