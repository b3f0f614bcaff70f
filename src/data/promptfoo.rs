//! promptfoo `promptfoo eval -o results.json`: `results.results[]` with `provider`
//! (a string or `{id, label}`), `testIdx`, `promptIdx`, `success`, `score`,
//! `latencyMs`, `cost`, and `failureReason` (2 = the provider errored).

use serde_json::Value;

use super::builder::Builder;
use super::error::{LoadError, WarningKind};
use super::evalset::Kind;
use super::json;

/// Reads a promptfoo results file.
pub fn read(path: &str, bytes: &[u8]) -> Result<(Builder, Kind), LoadError> {
    let (doc, _) = json::parse(path, bytes, 0)?;
    let Some(rows) = doc.pointer("/results/results").and_then(Value::as_array) else {
        return Err(LoadError::new(
            path,
            "no results.results array: not a promptfoo output file",
        )
        .field("results.results"));
    };
    if rows.is_empty() {
        return Err(LoadError::new(path, "results.results is empty").field("results.results"));
    }
    let prompts = rows
        .iter()
        .filter_map(|r| r.get("promptIdx").and_then(Value::as_u64))
        .max()
        .unwrap_or(0);
    let mut builder = Builder::new();
    builder.enable_pass("success");
    let score = builder.metric_column("score");
    let latency = builder.metric_column("latencyMs");
    let cost = builder.metric_column("cost");
    for (i, r) in rows.iter().enumerate() {
        let record = (i + 1) as u64;
        let provider = match r.get("provider") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Object(o)) => ["label", "id"]
                .iter()
                .find_map(|k| {
                    o.get(*k)
                        .and_then(Value::as_str)
                        .filter(|s| !s.trim().is_empty())
                })
                .unwrap_or("provider")
                .to_owned(),
            _ => {
                return Err(LoadError::new(path, "the result has no provider")
                    .line(record)
                    .field(format!("results.results[{i}].provider")));
            }
        };
        let Some(test) = r.get("testIdx").and_then(Value::as_u64) else {
            return Err(LoadError::new(path, "the result has no testIdx")
                .line(record)
                .field(format!("results.results[{i}].testIdx")));
        };
        let task = match r.get("promptIdx").and_then(Value::as_u64) {
            Some(p) if prompts > 0 => format!("test {test} / prompt {p}"),
            _ => format!("test {test}"),
        };
        builder.push(&task, &provider, 0, record);
        let errored = r.get("failureReason").and_then(Value::as_u64) == Some(2);
        if errored {
            builder.warnings.add(
                WarningKind::SkippedRow,
                Some("failureReason"),
                Some(record),
                || {
                    "results where the provider errored (failureReason 2) count as unscored"
                        .to_owned()
                },
            );
        } else {
            builder.set_pass(r.get("success").and_then(Value::as_bool));
        }
        for (key, col) in [("score", score), ("latencyMs", latency), ("cost", cost)] {
            builder.set_metric(
                col,
                r.get(key).and_then(Value::as_f64).filter(|x| x.is_finite()),
            );
        }
    }
    Ok((builder, Kind::Eval))
}
