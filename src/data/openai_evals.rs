//! openai/evals JSONL logs: a `spec` line (with `completion_fns`), a `final_report`
//! line, and event lines; `"type": "match"` events carry `data.correct` per
//! `sample_id`.

use serde_json::Value;

use super::builder::Builder;
use super::error::{LoadError, WarningKind};
use super::evalset::Kind;
use super::json;

/// Reads an openai/evals log.
pub fn read(path: &str, bytes: &[u8], default_model: &str) -> Result<(Builder, Kind), LoadError> {
    let mut model = default_model.to_owned();
    let mut builder = Builder::new();
    builder.enable_pass("data.correct");
    for (line, text) in json::lines(bytes) {
        let (map, _) = json::parse_line(path, line, text)?;
        if let Some(spec) = map.get("spec") {
            let fns: Vec<&str> = spec
                .get("completion_fns")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if !fns.is_empty() {
                model = fns.join(", ");
            }
            continue;
        }
        if map.get("type").and_then(Value::as_str) != Some("match") {
            continue;
        }
        let Some(sample) = map.get("sample_id").and_then(Value::as_str) else {
            return Err(LoadError::new(path, "the match event has no sample_id")
                .line(line)
                .field("sample_id"));
        };
        builder.push(sample, &model, 0, line);
        match map.get("data").and_then(|d| d.get("correct")) {
            Some(Value::Bool(b)) => builder.set_pass(Some(*b)),
            _ => builder.warnings.add(
                WarningKind::Unscored,
                Some("data.correct"),
                Some(line),
                || "match events without a boolean data.correct count as unscored".to_owned(),
            ),
        }
    }
    if builder.rows() == 0 {
        return Err(LoadError::new(
            path,
            "no match events (type \"match\" with data.correct) in the log",
        )
        .line(1)
        .field("type")
        .hint("evalbench reads the per-sample match events of an openai/evals run"));
    }
    Ok((builder, Kind::Eval))
}
