//! Picks a reader from a file's content (the extension is only a hint).

use serde_json::Value;

use super::error::LoadError;
use super::format::Format;
use super::json;

/// What the first bytes say about the encoding.
pub fn check_text(path: &str, bytes: &[u8]) -> Result<(), LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::new(path, "the file is empty")
            .line(1)
            .hint("export the results again"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::new(path, "the file is UTF-16 encoded")
            .line(1)
            .hint("save it as UTF-8 (most editors: Save As, encoding UTF-8)"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    if nuls * 3 >= head.len() && nuls > 0 {
        return Err(LoadError::new(
            path,
            "the file looks UTF-16 encoded (every other byte is zero)",
        )
        .line(1)
        .hint("save it as UTF-8 (most editors: Save As, encoding UTF-8)"));
    }
    // Control bytes other than tab and line ends do not occur in text files.
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) || b == 0x0B || b == 0x0C)
        .count();
    if nuls > 0 || control * 20 > head.len() {
        let what = if nuls > 0 {
            "it contains NUL bytes"
        } else {
            "it is full of control bytes"
        };
        return Err(
            LoadError::new(path, format!("the file is binary, not text ({what})"))
                .line(1)
                .hint("open the eval results export (CSV, JSONL, JSON or an inspect .eval)"),
        );
    }
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let lead: Vec<u8> = head[start..head.len().min(start + 64)].to_ascii_lowercase();
    if lead.starts_with(b"<!doctype") || lead.starts_with(b"<html") || lead.starts_with(b"<?xml") {
        return Err(LoadError::new(
            path,
            "this is an HTML or XML page, not eval results (a saved error or login page?)",
        )
        .line(1)
        .hint("download the results file itself"));
    }
    // Invalid UTF-8 is reported by the reader, which can name the line and field.
    Ok(())
}

/// Guesses the reader for `bytes` (UTF-8, BOM stripped). `name` is the file name,
/// used only to break ties.
pub fn detect(path: &str, name: &str, bytes: &[u8]) -> Result<Format, LoadError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Format::Inspect);
    }
    check_text(path, bytes)?;
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        return Err(LoadError::new(path, "the file holds only whitespace").line(1));
    };
    match bytes[first] {
        b'{' | b'[' => detect_json(path, name, bytes),
        _ => Ok(detect_delimited(bytes)),
    }
}

fn detect_delimited(bytes: &[u8]) -> Format {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let tabs = header.iter().filter(|&&b| b == b'\t').count();
    let commas = header.iter().filter(|&&b| b == b',').count();
    if tabs > commas {
        Format::Tsv
    } else {
        Format::Csv
    }
}

fn detect_json(path: &str, name: &str, bytes: &[u8]) -> Result<Format, LoadError> {
    // JSON Lines: the first non-blank line is a whole object on its own.
    let mut lines = json::lines(bytes);
    let first = lines.next();
    if let Some((line, text)) = first
        && text.len() > super::delimited::MAX_RECORD
    {
        return json::parse_line(path, line, text).map(|_| Format::Jsonl);
    }
    if let Some((line, text)) = first
        && let Ok((map, _)) = json::parse_line(path, line, text)
    {
        if let Some(f) = jsonl_family(&map) {
            return Ok(f);
        }
        if lines.next().is_some() || has_extension(name, "jsonl") {
            return Ok(Format::Jsonl);
        }
        // A one-line file: one flat record, or a JSON document without newlines.
        if map.values().all(|v| !v.is_object() && !v.is_array()) {
            return Ok(Format::Jsonl);
        }
        return json_document_family(path, &Value::Object(map));
    }
    let (value, _) = json::parse(path, bytes, 0)?;
    json_document_family(path, &value)
}

/// Special JSONL layouts, from the keys of the first record.
fn jsonl_family(first: &serde_json::Map<String, Value>) -> Option<Format> {
    let has = |k: &str| first.contains_key(k);
    if has("task_id")
        && (has("passed") || has("result") || has("completion") || has("canonical_solution"))
    {
        return Some(Format::Humaneval);
    }
    if has("doc_id") && (has("filtered_resps") || has("resps") || has("doc") || has("target")) {
        return Some(Format::LmEval);
    }
    if has("spec") || (has("run_id") && has("event_id")) || has("final_report") {
        return Some(Format::OpenaiEvals);
    }
    None
}

/// Single JSON documents: inspect logs, promptfoo output, PandaLM verdicts, records
/// arrays; aggregate-only files get a clear error.
fn json_document_family(path: &str, value: &Value) -> Result<Format, LoadError> {
    match value {
        Value::Array(items) => {
            let first = items.iter().find_map(Value::as_object);
            if first.is_some_and(|o| {
                o.keys().any(|k| {
                    k.starts_with("annotator") || k == "gpt_result" || k == "pandalm_result"
                })
            }) {
                Ok(Format::Pandalm)
            } else {
                Ok(Format::Json)
            }
        }
        Value::Object(o) => {
            if o.get("eval").and_then(|e| e.get("model")).is_some() {
                return Ok(Format::Inspect);
            }
            if o.get("results")
                .and_then(|r| r.get("results"))
                .is_some_and(Value::is_array)
            {
                return Ok(Format::Promptfoo);
            }
            if o.contains_key("results") && (o.contains_key("versions") || o.contains_key("config"))
            {
                return Err(LoadError::new(
                    path,
                    "this is an lm-evaluation-harness results file: per-task averages, no per-sample rows",
                )
                .line(1)
                .field("results")
                .hint("run lm-eval with --log_samples and open the samples_*.jsonl written beside it"));
            }
            if o.keys().any(|k| k.starts_with("results_")) {
                return Err(LoadError::new(
                    path,
                    "this is a summary of percentiles, not per-request rows",
                )
                .line(1)
                .field("results_*")
                .hint("open the *_individual.json file written beside it"));
            }
            let keys: Vec<&str> = o.keys().take(12).map(String::as_str).collect();
            Err(LoadError::new(
                path,
                format!("a JSON object that is not a known eval log (top-level keys: {})", keys.join(", ")),
            )
            .line(1)
            .hint("expected JSON Lines results, an inspect log, promptfoo output or an array of records"))
        }
        other => Err(LoadError::new(
            path,
            format!(
                "the file holds a single JSON {}, not results",
                json::type_name(other)
            ),
        )
        .line(1)),
    }
}

/// Whether `name` ends with `.ext`, ignoring case.
fn has_extension(name: &str, ext: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}
