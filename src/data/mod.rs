//! Loading eval result files: format detection, parsing and validation into a columnar
//! [`EvalSet`] with provenance. Never panics on input and never writes to the files it
//! reads.

pub mod analysis;
pub mod builder;
pub mod delimited;
pub mod detect;
pub mod error;
pub mod evalset;
pub mod format;
pub mod fxhash;
pub mod humaneval;
pub mod inspect;
pub mod json;
pub mod lm_eval;
pub mod openai_evals;
pub mod paired;
pub mod pandalm;
pub mod promptfoo;
pub mod table;

use std::io::Read;
use std::path::Path;
use std::time::Instant;

use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::stats::progress::Progress;

pub use error::{LoadError, Place, Warning, WarningKind};
pub use evalset::{EvalSet, Interner, Kind, LabelColumn, NumericColumn, Provenance, TaskCounts};
pub use format::Format;
pub use table::{Choice, ColumnMapping, TableOptions};

use builder::Builder;

/// Largest file evalbench reads.
pub const MAX_FILE: u64 = 4 << 30;
/// Largest expansion of a gzip file.
const MAX_GUNZIP: u64 = 1 << 30;

/// How to load a file; the defaults detect everything.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Force a reader instead of detecting it.
    pub format: Option<Format>,
    /// Column roles chosen by the user (long-form tables only).
    pub mapping: Option<ColumnMapping>,
    /// Progress (in bytes) and cancellation, for a background load.
    pub progress: Option<Arc<Progress>>,
}

/// Loads the file at `path`; `format` overrides detection.
pub fn load(path: &Path, format: Option<Format>) -> Result<EvalSet, LoadError> {
    load_with(
        path,
        &LoadOptions {
            format,
            ..LoadOptions::default()
        },
    )
}

/// Loads the file at `path` with options.
pub fn load_with(path: &Path, opts: &LoadOptions) -> Result<EvalSet, LoadError> {
    let start = Instant::now();
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| LoadError::new(&shown, format!("cannot open the file: {e}")))?;
    if meta.is_dir() {
        return Err(LoadError::new(&shown, "is a folder, not a file"));
    }
    if meta.len() > MAX_FILE {
        return Err(LoadError::new(
            &shown,
            format!(
                "the file is {} GiB; files over {} GiB are not read",
                meta.len() >> 30,
                MAX_FILE >> 30
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::new(&shown, format!("cannot read the file: {e}")))?;
    load_bytes_from(&shown, &bytes, opts, Some(path), start)
}

/// Loads `bytes` as if read from a file named `name` (no neighbouring files are
/// consulted). For tests, fuzzing and drag-and-drop of in-memory data.
pub fn load_bytes(name: &str, bytes: &[u8], format: Option<Format>) -> Result<EvalSet, LoadError> {
    load_bytes_with(
        name,
        bytes,
        &LoadOptions {
            format,
            ..LoadOptions::default()
        },
    )
}

/// Loads `bytes` with options (no neighbouring files are consulted).
pub fn load_bytes_with(name: &str, bytes: &[u8], opts: &LoadOptions) -> Result<EvalSet, LoadError> {
    load_bytes_from(name, bytes, opts, None, Instant::now())
}

fn load_bytes_from(
    shown: &str,
    bytes: &[u8],
    opts: &LoadOptions,
    path: Option<&Path>,
    start: Instant,
) -> Result<EvalSet, LoadError> {
    if let Some(p) = &opts.progress {
        p.start(bytes.len() as u64);
    }
    // Hash on a second core while parsing (small files: inline, a thread costs more).
    let (hash, parsed) = if bytes.len() < 1 << 20 {
        (hex(&Sha256::digest(bytes)), parse(shown, bytes, opts, path))
    } else {
        let stop = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            let hasher = s.spawn(|| {
                let mut h = Sha256::new();
                for chunk in bytes.chunks(1 << 20) {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        return String::new();
                    }
                    h.update(chunk);
                }
                hex(&h.finalize())
            });
            let parsed = parse(shown, bytes, opts, path);
            if parsed.is_err() {
                // No set will carry the hash: stop hashing.
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            (hasher.join().unwrap_or_default(), parsed)
        })
    };
    let (builder, kind, format) = parsed?;
    if builder.rows() == 0 {
        return Err(LoadError::new(shown, "no rows to load").line(1));
    }
    let provenance = Provenance {
        path: shown.to_owned(),
        sha256: hash,
        bytes: bytes.len() as u64,
        rows: builder.rows(),
        format,
        load_time: std::time::Duration::ZERO,
    };
    let mut set = builder.finish(kind, provenance);
    set.provenance.load_time = start.elapsed();
    Ok(set)
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The file name without folders and without `.gz` and the last extension.
fn stem(shown: &str) -> String {
    let name = Path::new(shown)
        .file_name()
        .map_or_else(|| shown.to_owned(), |n| n.to_string_lossy().into_owned());
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s.to_owned(),
        _ => name.to_owned(),
    }
}

fn file_name(shown: &str) -> String {
    Path::new(shown)
        .file_name()
        .map_or_else(|| shown.to_owned(), |n| n.to_string_lossy().into_owned())
}

fn parse(
    shown: &str,
    bytes: &[u8],
    opts: &LoadOptions,
    path: Option<&Path>,
) -> Result<(Builder, Kind, Format), LoadError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(MAX_GUNZIP + 1)
            .read_to_end(&mut out)
            .map_err(|e| LoadError::new(shown, format!("cannot decompress the gzip file: {e}")))?;
        if out.len() as u64 > MAX_GUNZIP {
            return Err(LoadError::new(
                shown,
                format!(
                    "the gzip file expands beyond {} MiB; refusing it",
                    MAX_GUNZIP >> 20
                ),
            ));
        }
        return parse(shown, &out, opts, path);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let name = file_name(shown);
    let format = match opts.format {
        Some(f) => f,
        None => detect::detect(shown, &name, text)?,
    };
    if format != Format::Inspect || !text.starts_with(b"PK\x03\x04") {
        detect::check_text(shown, text)?;
    }
    let model = stem(shown);
    let table = TableOptions {
        default_model: &model,
        mapping: opts.mapping.as_ref(),
        progress: opts.progress.as_deref(),
    };
    let (builder, kind) = match format {
        Format::Csv => delimited::read(shown, text, delimited::csv_delimiter(text), &table)?,
        Format::Tsv => delimited::read(shown, text, b'\t', &table)?,
        Format::Jsonl => json::read_jsonl(shown, text, &table)?,
        Format::Json => json::read_records(shown, text, &table)?,
        Format::Humaneval => humaneval::read(shown, text, &model)?,
        Format::LmEval => {
            let model = path.and_then(lm_eval_model).unwrap_or(model);
            lm_eval::read(
                shown,
                text,
                &model,
                lm_eval::task_from_file_name(&name).as_deref(),
            )?
        }
        Format::Inspect if text.starts_with(b"PK\x03\x04") => inspect::read_zip(shown, text)?,
        Format::Inspect => inspect::read_json(shown, text)?,
        Format::Promptfoo => promptfoo::read(shown, text)?,
        Format::OpenaiEvals => openai_evals::read(shown, text, &model)?,
        Format::Pandalm => {
            let humans = path.and_then(pandalm_humans);
            pandalm::read(shown, text, &model, humans.as_deref())?
        }
    };
    Ok((builder, kind, format))
}

/// Files beside `path` (same folder), small enough to read.
fn siblings(path: &Path) -> Vec<std::path::PathBuf> {
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.metadata()
                .is_ok_and(|m| m.is_file() && m.len() < 64 << 20)
        })
        .map(|e| e.path())
        .filter(|p| p != path)
        .collect();
    out.sort();
    out
}

/// The model name of an lm-eval samples file: `model_name` of the `results_<ts>.json`
/// with the same timestamp beside it (else any results file there), else the folder name.
fn lm_eval_model(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let stem = name.strip_suffix(".jsonl").unwrap_or(&name);
    let ts = stem.rfind("_20").map(|i| &stem[i + 1..]);
    let candidates = siblings(path);
    let results: Vec<_> = candidates
        .iter()
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy().starts_with("results") && n.to_string_lossy().ends_with(".json")
            })
        })
        .collect();
    let best = results
        .iter()
        .find(|p| ts.is_some_and(|ts| p.to_string_lossy().contains(ts)))
        .or_else(|| results.first());
    if let Some(p) = best
        && let Ok(bytes) = std::fs::read(p)
        && let Ok((v, _)) = json::parse("", &bytes, 0)
        && let Some(m) = lm_eval::model_from_results(&v)
    {
        return Some(m);
    }
    path.parent()?
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
}

/// The human test set beside a PandaLM judge file: a JSON file whose name is a suffix
/// of this one's (`testset-v1.json` for `gpt-3.5-turbo-testset-v1.json`) with annotators.
fn pandalm_humans(path: &Path) -> Option<Vec<u8>> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    siblings(path).into_iter().find_map(|p| {
        let other = p.file_name()?.to_string_lossy().into_owned();
        if other != name && name.ends_with(&other) {
            let bytes = std::fs::read(&p).ok()?;
            pandalm::has_annotators(&bytes).then_some(bytes)
        } else {
            None
        }
    })
}
