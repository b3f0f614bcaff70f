//! lm-evaluation-harness `samples_<task>_<timestamp>.jsonl` (written with
//! `--log_samples`): one record per document with `doc_id`, `target`, `resps`,
//! `filtered_resps`, `filter`, `metrics` (the names of the per-sample metric keys) and
//! the metric values themselves. The model name is in the `results_<timestamp>.json`
//! written beside it.

use serde_json::{Map, Value};

use super::builder::Builder;
use super::error::{LoadError, WarningKind};
use super::evalset::Kind;
use super::json;
use super::table::{Cell, parse_number, parse_pass};

/// Metric keys looked for when a record has no `metrics` list.
const KNOWN_METRICS: &[&str] = &[
    "acc",
    "acc_norm",
    "exact_match",
    "em",
    "f1",
    "bleu",
    "mcc",
    "word_perplexity",
];

/// The model named in an lm-eval `results_*.json`: `model_name`, else the
/// `pretrained=` part of `config.model_args`.
#[must_use]
pub fn model_from_results(results: &Value) -> Option<String> {
    if let Some(name) = results.get("model_name").and_then(Value::as_str) {
        return Some(name.to_owned());
    }
    let args = results.get("config")?.get("model_args")?.as_str()?;
    args.split(',')
        .find_map(|kv| kv.strip_prefix("pretrained="))
        .map(str::to_owned)
}

/// The task in a `samples_<task>_<timestamp>.jsonl` file name.
#[must_use]
pub fn task_from_file_name(name: &str) -> Option<String> {
    let stem = name.strip_prefix("samples_")?.strip_suffix(".jsonl")?;
    // The timestamp starts at the last "_20" (ISO date).
    let cut = stem.rfind("_20").unwrap_or(stem.len());
    Some(stem[..cut].to_owned())
}

fn metric_names(map: &Map<String, Value>) -> Vec<String> {
    match map.get("metrics").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        None => KNOWN_METRICS
            .iter()
            .filter(|k| map.contains_key(**k))
            .map(|k| (*k).to_owned())
            .collect(),
    }
}

/// Reads an lm-eval samples file. `model` is the name found beside it (or the folder).
pub fn read(
    path: &str,
    bytes: &[u8],
    model: &str,
    task_name: Option<&str>,
) -> Result<(Builder, Kind), LoadError> {
    let mut records = Vec::new();
    for (line, text) in json::lines(bytes) {
        let (map, _) = json::parse_line(path, line, text)?;
        records.push((line, map));
    }
    let Some((first_line, first)) = records.first() else {
        return Err(LoadError::new(path, "the file holds no samples").line(1));
    };
    let names = metric_names(first);
    let Some(primary) = names.first().cloned() else {
        return Err(LoadError::new(
            path,
            "the samples name no metric (no `metrics` list and no acc/exact_match key)",
        )
        .line(*first_line)
        .field("metrics")
        .hint("write the samples with lm-eval's --log_samples"));
    };
    // The primary metric is a pass column when every value is 0 or 1.
    let binary = records.iter().all(|(_, m)| {
        m.get(&primary)
            .is_none_or(|v| matches!(v.as_f64(), Some(0.0 | 1.0)) || v.is_boolean() || v.is_null())
    });
    let mut builder = Builder::new();
    if binary {
        builder.enable_pass(&primary);
    }
    let cols: Vec<usize> = names.iter().map(|n| builder.metric_column(n)).collect();
    let task_col = task_name.map(|_| builder.label_column("task"));
    for (line, map) in &records {
        let doc = match map.get("doc_id") {
            Some(Value::String(s)) => s.clone(),
            Some(v @ Value::Number(_)) => v.to_string(),
            _ => {
                return Err(LoadError::new(path, "the sample has no doc_id")
                    .line(*line)
                    .field("doc_id"));
            }
        };
        let filter = map
            .get("filter")
            .and_then(Value::as_str)
            .filter(|f| *f != "none");
        let model_name = filter.map_or_else(|| model.to_owned(), |f| format!("{model} [{f}]"));
        builder.push(&doc, &model_name, 0, *line);
        for (name, &col) in names.iter().zip(&cols) {
            let cell = map.get(name).map_or(Cell::Missing, json::cell);
            match parse_number(cell) {
                Ok(v) => builder.set_metric(col, v),
                Err(reason) => {
                    builder
                        .warnings
                        .add(WarningKind::BadNumber, Some(name), Some(*line), || {
                            format!("metric value {reason}; the cell is left empty")
                        });
                }
            }
            if binary && *name == primary {
                builder.set_pass(parse_pass(cell).ok().flatten());
            }
        }
        if let (Some(c), Some(t)) = (task_col, task_name) {
            builder.set_label(c, t);
        }
    }
    Ok((builder, Kind::Eval))
}
