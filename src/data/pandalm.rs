//! PandaLM-style pairwise verdict files: a JSON array of items keyed by `idx`, with
//! human annotators (`annotator1..3`: 0 tie, 1, 2) in the test set and a judge's
//! verdict in a separate file (`gpt_result`: "1" / "2" / "Tie" / "garbage";
//! `pandalm_result`: 0 / 1 / 2). A judge file is joined by `idx` with the human test set
//! found beside it.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::builder::Builder;
use super::error::{LoadError, WarningKind};
use super::evalset::Kind;
use super::json;

/// A verdict as a number (0 tie, 1, 2); `Err` for an unusable verdict ("garbage").
fn verdict(v: &Value) -> Result<Option<f64>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(n.as_f64()),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "tie" | "0" => Ok(Some(0.0)),
            "1" => Ok(Some(1.0)),
            "2" => Ok(Some(2.0)),
            other => Err(other.to_owned()),
        },
        other => Err(json::type_name(other).to_owned()),
    }
}

/// Items with the line each starts on.
type Items = Vec<(u64, Map<String, Value>)>;

fn items(path: &str, bytes: &[u8]) -> Result<Items, LoadError> {
    let (doc, _) = json::parse(path, bytes, 0)?;
    let Value::Array(list) = doc else {
        return Err(LoadError::new(path, "expected a JSON array of items").line(1));
    };
    let lines = json::array_element_lines(bytes);
    list.into_iter()
        .enumerate()
        .map(|(i, v)| {
            let line = lines.get(i).copied().unwrap_or(1);
            match v {
                Value::Object(m) => Ok((line, m)),
                other => Err(LoadError::new(
                    path,
                    format!(
                        "item {} is a JSON {}, not an object",
                        i + 1,
                        json::type_name(&other)
                    ),
                )
                .line(line)
                .field(format!("[{i}]"))),
            }
        })
        .collect()
}

fn is_judge_key(k: &str) -> bool {
    k.ends_with("_result")
}

fn human_keys(m: &Map<String, Value>) -> Vec<String> {
    m.keys()
        .filter(|k| k.starts_with("annotator"))
        .cloned()
        .collect()
}

/// Whether a JSON file holds human annotations (used to find the join partner).
#[must_use]
pub fn has_annotators(bytes: &[u8]) -> bool {
    items("", bytes).is_ok_and(|v| v.first().is_some_and(|(_, m)| !human_keys(m).is_empty()))
}

/// Reads a verdict file; `humans` is the test set with annotators found beside it.
pub fn read(
    path: &str,
    bytes: &[u8],
    default_model: &str,
    humans: Option<&[u8]>,
) -> Result<(Builder, Kind), LoadError> {
    let rows = items(path, bytes)?;
    let Some((_, first)) = rows.first() else {
        return Err(LoadError::new(path, "the file holds no items").line(1));
    };
    let judge = first.keys().find(|k| is_judge_key(k)).cloned();
    let mut human_names = human_keys(first);
    let mut joined: HashMap<String, Map<String, Value>> = HashMap::new();
    if human_names.is_empty()
        && let Some(h) = humans
    {
        for (_, m) in items(path, h)? {
            if let Some(idx) = m.get("idx") {
                joined.insert(idx.to_string(), m);
            }
        }
        human_names = joined.values().next().map(human_keys).unwrap_or_default();
    }
    let mut builder = Builder::new();
    let judge_col = judge.as_ref().map(|j| builder.metric_column(j));
    let human_cols: Vec<usize> = human_names
        .iter()
        .map(|h| builder.metric_column(h))
        .collect();
    let pair_col = builder.label_column("cmp_key");
    for (i, (line, m)) in rows.iter().enumerate() {
        let idx = m.get("idx").map_or_else(|| i.to_string(), Value::to_string);
        builder.push(&idx, default_model, 1, *line);
        let partner = joined.get(&idx);
        if let (Some(j), Some(col)) = (&judge, judge_col) {
            match verdict(m.get(j).unwrap_or(&Value::Null)) {
                Ok(v) => builder.set_metric(col, v),
                Err(shown) => builder.warnings.add(WarningKind::Unscored, Some(j), Some(*line), || {
                    format!("judge verdict {shown:?} is not 1, 2 or Tie (unusable judge output); the item has no judge score")
                }),
            }
        }
        for (name, &col) in human_names.iter().zip(&human_cols) {
            let v = m.get(name).or_else(|| partner.and_then(|p| p.get(name)));
            match v.map(verdict) {
                Some(Ok(v)) => builder.set_metric(col, v),
                Some(Err(shown)) => {
                    builder
                        .warnings
                        .add(WarningKind::BadNumber, Some(name), Some(*line), || {
                            format!("annotation {shown:?} is not 0, 1 or 2")
                        });
                }
                None => {}
            }
        }
        if let Some(Value::String(k)) = m
            .get("cmp_key")
            .or_else(|| partner.and_then(|p| p.get("cmp_key")))
        {
            builder.set_label(pair_col, k);
        }
    }
    if judge.is_some() && human_names.is_empty() {
        builder.warnings.add(WarningKind::Structure, None, Some(1), || {
            "judge verdicts without human annotations: put the test set with annotator1..3 (testset-v1.json) beside this file to calibrate".to_owned()
        });
    }
    if human_names.is_empty() && judge.is_none() {
        return Err(LoadError::new(
            path,
            "the items have neither a judge verdict (*_result) nor annotators (annotator1..)",
        )
        .line(rows[0].0)
        .hint("PandaLM-style files have gpt_result / pandalm_result or annotator1..3"));
    }
    Ok((
        builder,
        Kind::Labels {
            judge,
            humans: human_names,
        },
    ))
}
