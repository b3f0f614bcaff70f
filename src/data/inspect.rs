//! inspect_ai logs: the `.json` log (one document with `eval`, `results`, `samples`)
//! and the zipped `.eval` (`header.json` plus one `samples/<id>_epoch_<n>.json` per
//! sample). Scores are `samples[].scores.<scorer>.value`: letters C/I/P/N (1, 0, 0.5, 0),
//! numbers or booleans; inspect writes unscored values as a bare `NaN`.

use std::io::{Cursor, Read};

use serde_json::Value;

use super::builder::Builder;
use super::error::{LoadError, WarningKind};
use super::evalset::Kind;
use super::json;

/// Largest expansion of one zip entry.
pub const MAX_ENTRY: u64 = 256 << 20;
/// Largest total expansion of a zip.
pub const MAX_TOTAL: u64 = 1 << 30;
/// Most entries a zip may have.
pub const MAX_ENTRIES: usize = 200_000;

/// A score value as a number: C = 1, I = 0, P = 0.5, N = 0; `Err` when unknown.
fn score_value(v: &Value) -> Result<Option<f64>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(f64::from(u8::from(*b)))),
        Value::Number(n) => Ok(n.as_f64()),
        Value::String(s) => match s.trim() {
            "C" | "c" => Ok(Some(1.0)),
            "I" | "i" | "N" | "n" => Ok(Some(0.0)),
            "P" | "p" => Ok(Some(0.5)),
            t => t.parse::<f64>().map(Some).map_err(|_| format!("{t:?}")),
        },
        other => Err(format!("a JSON {}", json::type_name(other))),
    }
}

/// Reads an inspect `.json` log.
pub fn read_json(path: &str, bytes: &[u8]) -> Result<(Builder, Kind), LoadError> {
    let (log, nan_tokens) = json::parse(path, bytes, 0)?;
    let lines = json::element_lines(bytes, Some("samples"));
    let samples = match log.get("samples") {
        Some(Value::Array(s)) => s
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("samples[{i}]"), lines.get(i).copied(), s.clone()))
            .collect(),
        _ => Vec::new(),
    };
    build(path, &log, &samples, nan_tokens)
}

/// Reads an inspect `.eval` zip, bounding what it may expand to.
pub fn read_zip(path: &str, bytes: &[u8]) -> Result<(Builder, Kind), LoadError> {
    let zip_err = |e: zip::result::ZipError| {
        LoadError::new(path, format!("cannot read the zip: {e}"))
            .hint("an inspect .eval file is a zip archive; is it complete?")
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_err)?;
    if archive.len() > MAX_ENTRIES {
        return Err(LoadError::new(
            path,
            format!(
                "the zip has {} entries (more than {MAX_ENTRIES})",
                archive.len()
            ),
        ));
    }
    let mut total = 0u64;
    let mut header = None;
    let mut samples = Vec::new();
    let mut nan_tokens = 0;
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(std::borrow::Cow::into_owned))
        .collect::<Result<_, _>>()
        .map_err(zip_err)?;
    for name in names {
        let is_sample = name.starts_with("samples/")
            && std::path::Path::new(&name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if name != "header.json" && !is_sample {
            continue;
        }
        let data = expand(path, &mut archive, &name, &mut total)?;
        let (value, n) = json::parse(path, &data, 0).map_err(|e| LoadError {
            place: super::error::Place {
                field: Some(name.clone()),
                ..e.place
            },
            ..e
        })?;
        nan_tokens += n;
        if is_sample {
            samples.push((name, None, value));
        } else {
            header = Some(value);
        }
    }
    let Some(header) = header else {
        return Err(
            LoadError::new(path, "the zip has no header.json: not an inspect .eval log")
                .field("header.json")
                .hint("open the .eval file inspect wrote, or its .json log"),
        );
    };
    // Archive order is write order; sort by epoch, then sample id (numeric when it is).
    samples.sort_by(|(_, _, a), (_, _, b)| {
        let key = |s: &Value| {
            let epoch = s.get("epoch").and_then(Value::as_u64).unwrap_or(0);
            let id = s.get("id").cloned().unwrap_or(Value::Null);
            (epoch, id.as_f64().unwrap_or(f64::MAX), id.to_string())
        };
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0)
            .then(ka.1.total_cmp(&kb.1))
            .then(ka.2.cmp(&kb.2))
    });
    build(path, &header, &samples, nan_tokens)
}

/// Expands one zip entry, refusing entries (and archives) that expand too far.
fn expand(
    path: &str,
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    total: &mut u64,
) -> Result<Vec<u8>, LoadError> {
    let refuse = |what: String| {
        LoadError::new(path, format!("{what}; refusing it (zip bomb?)")).field(name.to_owned())
    };
    let entry = archive.by_name(name).map_err(|e| {
        LoadError::new(path, format!("cannot read the zip: {e}")).field(name.to_owned())
    })?;
    if entry.size() > MAX_ENTRY {
        return Err(refuse(format!(
            "the zip entry declares {} MiB, over the {} MiB limit",
            entry.size() >> 20,
            MAX_ENTRY >> 20
        )));
    }
    let mut data = Vec::new();
    entry
        .take(MAX_ENTRY + 1)
        .read_to_end(&mut data)
        .map_err(|e| {
            LoadError::new(path, format!("cannot expand the zip entry: {e}")).field(name.to_owned())
        })?;
    if data.len() as u64 > MAX_ENTRY {
        return Err(refuse(format!(
            "the zip entry expands beyond {} MiB",
            MAX_ENTRY >> 20
        )));
    }
    *total += data.len() as u64;
    if *total > MAX_TOTAL {
        return Err(refuse(format!(
            "the zip expands beyond {} MiB in all",
            MAX_TOTAL >> 20
        )));
    }
    Ok(data)
}

/// The scorer whose value is the pass column: the first one the log declares.
fn primary_scorer(log: &Value) -> Option<String> {
    let from_eval = log.pointer("/eval/scorers/0/name").and_then(Value::as_str);
    let from_results = log
        .pointer("/results/scores/0/scorer")
        .and_then(Value::as_str);
    let from_results_name = log
        .pointer("/results/scores/0/name")
        .and_then(Value::as_str);
    from_eval
        .or(from_results)
        .or(from_results_name)
        .map(str::to_owned)
}

/// Writes a sample's scores into the current row (the primary scorer into `score`, the
/// others into `score:<name>`); returns the primary value.
fn read_scores(
    builder: &mut Builder,
    sample: &Value,
    primary: Option<&str>,
    score_col: usize,
    record: u64,
) -> Option<f64> {
    let scores = sample.get("scores").and_then(Value::as_object)?;
    let mut names: Vec<&String> = scores.keys().collect();
    if let Some(p) = primary {
        names.sort_by_key(|n| n.as_str() != p);
    }
    let mut primary_value = None;
    for (k, name) in names.into_iter().enumerate() {
        let raw = scores[name].get("value").unwrap_or(&scores[name]);
        let col = if k == 0 {
            score_col
        } else {
            builder.metric_column(&format!("score:{name}"))
        };
        match score_value(raw) {
            Ok(v) => {
                builder.set_metric(col, v);
                if k == 0 {
                    primary_value = v;
                }
            }
            Err(shown) => {
                let field = format!("scores.{name}.value");
                builder.warnings.add(WarningKind::PassValueUnknown, Some(&field), Some(record), || {
                    format!("score value {shown} is not C/I/P/N, a number or a boolean; the sample counts as unscored")
                });
            }
        }
    }
    primary_value
}

fn build(
    path: &str,
    log: &Value,
    samples: &[(String, Option<u64>, Value)],
    nan_tokens: usize,
) -> Result<(Builder, Kind), LoadError> {
    let Some(model) = log.pointer("/eval/model").and_then(Value::as_str) else {
        return Err(LoadError::new(path, "the log has no eval.model")
            .field("eval.model")
            .hint("is this an inspect_ai log?"));
    };
    if samples.is_empty() {
        let total = log
            .pointer("/results/total_samples")
            .and_then(Value::as_u64);
        let acc = log
            .pointer("/results/scores/0/metrics/accuracy/value")
            .and_then(Value::as_f64);
        let summary = match (total, acc) {
            (Some(n), Some(a)) => format!(" (it reports accuracy {a} over {n} samples)"),
            (Some(n), None) => format!(" (it reports {n} samples)"),
            _ => String::new(),
        };
        return Err(LoadError::new(
            path,
            format!("the log has aggregate results but no per-sample records{summary}"),
        )
        .field("samples")
        .hint("keep samples in the log (inspect's default) or open the .eval file of the run"));
    }
    let primary = primary_scorer(log);
    let mut builder = Builder::new();
    builder.enable_pass(primary.as_deref().unwrap_or("score"));
    let score_col = builder.metric_column("score");
    let time_col = builder.metric_column("total_time");
    let work_col = builder.metric_column("working_time");
    for (i, (place, line, sample)) in samples.iter().enumerate() {
        // JSON logs: the line the sample starts on; zips: the sample's position.
        let record = line.unwrap_or((i + 1) as u64);
        let id = match sample.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(v @ Value::Number(_)) => v.to_string(),
            _ => {
                let err = LoadError::new(path, "the sample has no id").field(format!("{place}.id"));
                return Err(match line {
                    Some(l) => err.line(*l),
                    None => err,
                });
            }
        };
        let epoch = sample
            .get("epoch")
            .and_then(Value::as_u64)
            .map_or(0, |e| u32::try_from(e).unwrap_or(u32::MAX));
        builder.push(&id, model, epoch, record);
        let primary_value =
            read_scores(&mut builder, sample, primary.as_deref(), score_col, record);
        let errored = sample.get("error").is_some_and(|e| !e.is_null());
        let pass = match primary_value {
            _ if errored => None,
            Some(v) if v >= 1.0 => Some(true),
            // I and N are 0, P is 0.5 (partial credit, not a pass).
            Some(v) if (0.0..1.0).contains(&v) => Some(false),
            _ => None,
        };
        builder.set_pass(pass);
        if errored {
            builder
                .warnings
                .add(WarningKind::SkippedRow, Some("error"), Some(record), || {
                    "samples ended in an error; they count as unscored".to_owned()
                });
        }
        for (key, col) in [("total_time", time_col), ("working_time", work_col)] {
            if let Some(t) = sample.get(key).and_then(Value::as_f64) {
                builder.set_metric(col, Some(t));
            }
        }
    }
    if let Some(status) = log.get("status").and_then(Value::as_str)
        && status != "success"
    {
        builder.warnings.add(WarningKind::Structure, Some("status"), None, || {
                format!("the run's status is {status:?}: it may have stopped before every sample ran ({} present)", samples.len())
            });
    }
    json::note_nan_tokens(&mut builder, nan_tokens);
    Ok((builder, Kind::Eval))
}
