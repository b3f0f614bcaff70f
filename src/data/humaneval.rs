//! HumanEval `evaluate_functional_correctness` output (`*_results.jsonl`): task_id,
//! completion, result, passed; several samples per task give n and c for pass@k.
//! The problem set and unevaluated samples (no `passed`, no `result`) load as tasks
//! without results, with a warning.

use serde_json::Value;

use super::builder::Builder;
use super::error::{LoadError, WarningKind};
use super::evalset::Kind;
use super::json;

/// Reads a HumanEval JSONL file. The model is the file stem (HumanEval files carry none).
pub fn read(path: &str, bytes: &[u8], default_model: &str) -> Result<(Builder, Kind), LoadError> {
    let mut records = Vec::new();
    let mut nan_tokens = 0;
    for (line, text) in json::lines(bytes) {
        let (mut map, n) = json::parse_line(path, line, text)?;
        nan_tokens += n;
        if !map.contains_key("task_id") {
            return Err(LoadError::new(path, "the record has no task_id")
                .line(line)
                .field("task_id")
                .hint("HumanEval results have task_id, completion, result, passed"));
        }
        // `passed` is the verdict; `result` repeats it as text ("failed: ...").
        if map.contains_key("passed") {
            map.remove("result");
        }
        records.push((line, map));
    }
    let has_results = records
        .iter()
        .any(|(_, m)| m.contains_key("passed") || m.contains_key("result"));
    if has_results {
        let opts = super::table::TableOptions {
            default_model,
            ..Default::default()
        };
        return json::records_to_table(path, &records, &opts, nan_tokens);
    }
    // Problems or raw samples: tasks without results.
    let mut builder = Builder::new();
    for (line, map) in &records {
        let task = match &map["task_id"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        builder.push(&task, default_model, 0, *line);
    }
    builder
        .warnings
        .add(WarningKind::Structure, Some("passed"), Some(1), || {
            "HumanEval problems or samples without results (no passed/result field): run \
         evaluate_functional_correctness to grade them"
                .to_owned()
        });
    Ok((builder, Kind::Eval))
}
