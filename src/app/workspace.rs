//! The datasets loaded in the app: the embedded sample workspace and files the user
//! opened, each loaded on a background thread with progress.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::jobs::Job;
use crate::data::{self, ColumnMapping, EvalSet, LoadError, LoadOptions, analysis};

/// The sample workspace, compiled into the binary so the app works from any folder.
pub const SAMPLES: [(&str, &[u8]); 6] = [
    (
        "paired_coding_assistants.csv",
        include_bytes!("../../sample_data/paired_coding_assistants.csv"),
    ),
    (
        "passk_candidates.csv",
        include_bytes!("../../sample_data/passk_candidates.csv"),
    ),
    (
        "support_traces.jsonl",
        include_bytes!("../../sample_data/support_traces.jsonl"),
    ),
    (
        "ab_query_rewrite.csv",
        include_bytes!("../../sample_data/ab_query_rewrite.csv"),
    ),
    (
        "judge_vs_humans.csv",
        include_bytes!("../../sample_data/judge_vs_humans.csv"),
    ),
    (
        "seed_runs.csv",
        include_bytes!("../../sample_data/seed_runs.csv"),
    ),
];

/// Where a dataset's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// One of [`SAMPLES`].
    Sample(&'static str),
    /// A file on disk.
    File(PathBuf),
}

impl Source {
    /// A short name for lists.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Self::Sample(n) => (*n).to_owned(),
            Self::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }

    /// The full path (samples: `sample_data/<name>`, embedded).
    #[must_use]
    pub fn path(&self) -> String {
        match self {
            Self::Sample(n) => format!("sample_data/{n}"),
            Self::File(p) => p.display().to_string(),
        }
    }

    fn bytes(&self) -> Option<&'static [u8]> {
        match self {
            Self::Sample(n) => SAMPLES.iter().find(|(s, _)| s == n).map(|(_, b)| *b),
            Self::File(_) => None,
        }
    }

    /// Reads source lines `from..=to` (1-based), for the Data panel's line viewer.
    /// Runs on a worker thread: it reads the file.
    pub fn read_lines(&self, from: u64, to: u64) -> Result<Vec<(u64, String)>, String> {
        let owned;
        let bytes: &[u8] = if let Some(b) = self.bytes() {
            b
        } else {
            let Self::File(p) = self else {
                return Err("no source".into());
            };
            owned = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            &owned
        };
        if bytes.starts_with(b"PK") || bytes.starts_with(&[0x1f, 0x8b]) {
            return Err("a compressed file: line numbers count records inside it".into());
        }
        Ok(bytes
            .split(|&b| b == b'\n')
            .enumerate()
            .map(|(i, l)| (i as u64 + 1, l))
            .skip_while(|(n, _)| *n < from)
            .take_while(|(n, _)| *n <= to)
            .map(|(n, l)| {
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                let text = String::from_utf8_lossy(&l[..l.len().min(2_000)]).into_owned();
                (n, text)
            })
            .collect())
    }
}

/// A loaded file with the summaries every panel reads (computed on the worker).
#[derive(Debug)]
pub struct Loaded {
    /// The rows.
    pub set: EvalSet,
    /// Per-model summaries.
    pub models: Vec<analysis::ModelSummary>,
    /// Per-metric summaries.
    pub metrics: Vec<analysis::MetricSummary>,
}

/// Where a dataset is in its life.
pub enum Status {
    /// Being read on a worker thread.
    Loading(Job<Result<Loaded, LoadError>>),
    /// Ready to use.
    Ready(Arc<Loaded>),
    /// Could not be read.
    Failed(LoadError),
}

/// One dataset of the workspace.
pub struct Dataset {
    /// Stable id for this session (panels key caches on it).
    pub id: u64,
    /// Where it comes from.
    pub source: Source,
    /// The mapping it was loaded with.
    pub mapping: Option<ColumnMapping>,
    /// Its state.
    pub status: Status,
}

impl Dataset {
    /// The loaded data, if ready.
    #[must_use]
    pub fn ready(&self) -> Option<&Arc<Loaded>> {
        match &self.status {
            Status::Ready(l) => Some(l),
            _ => None,
        }
    }
}

/// All datasets.
#[derive(Default)]
pub struct Workspace {
    /// In load order.
    pub datasets: Vec<Dataset>,
    next_id: u64,
}

fn load(
    source: &Source,
    mapping: Option<ColumnMapping>,
    progress: Arc<crate::stats::progress::Progress>,
) -> Result<Loaded, LoadError> {
    let opts = LoadOptions {
        format: None,
        mapping,
        progress: Some(progress),
    };
    let set = match source {
        Source::Sample(name) => {
            let bytes = source.bytes().unwrap_or_default();
            data::load_bytes_with(&format!("sample_data/{name}"), bytes, &opts)?
        }
        Source::File(path) => data::load_with(path, &opts)?,
    };
    let models = analysis::models(&set);
    let metrics = analysis::metrics(&set);
    Ok(Loaded {
        set,
        models,
        metrics,
    })
}

impl Workspace {
    /// Starts loading `source` (replacing a dataset with the same source).
    pub fn open(
        &mut self,
        source: Source,
        mapping: Option<ColumnMapping>,
        ctx: &egui::Context,
    ) -> u64 {
        let job_source = source.clone();
        let job_mapping = mapping.clone();
        let job = Job::spawn("load", ctx, move |progress| {
            load(&job_source, job_mapping, progress)
        });
        let status = Status::Loading(job);
        if let Some(d) = self.datasets.iter_mut().find(|d| d.source == source) {
            d.status = status;
            d.mapping = mapping;
            return d.id;
        }
        self.next_id += 1;
        self.datasets.push(Dataset {
            id: self.next_id,
            source,
            mapping,
            status,
        });
        self.next_id
    }

    /// Opens every sample file.
    pub fn open_samples(&mut self, ctx: &egui::Context) {
        for (name, _) in SAMPLES {
            self.open(Source::Sample(name), None, ctx);
        }
    }

    /// Moves finished loads to Ready or Failed. Cheap; call every frame.
    pub fn poll(&mut self) {
        for d in &mut self.datasets {
            if let Status::Loading(job) = &mut d.status
                && let Some(result) = job.poll()
            {
                d.status = match result {
                    Ok(l) => Status::Ready(Arc::new(l)),
                    Err(e) => Status::Failed(e),
                };
            }
        }
    }

    /// Whether any dataset is still loading.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.datasets
            .iter()
            .any(|d| matches!(d.status, Status::Loading(_)))
    }

    /// The dataset with `id`.
    #[must_use]
    pub fn get(&self, id: u64) -> Option<&Dataset> {
        self.datasets.iter().find(|d| d.id == id)
    }

    /// Ready datasets.
    pub fn ready(&self) -> impl Iterator<Item = (&Dataset, &Arc<Loaded>)> {
        self.datasets
            .iter()
            .filter_map(|d| d.ready().map(|l| (d, l)))
    }

    /// Removes a dataset (cancelling its load).
    pub fn remove(&mut self, id: u64) {
        self.datasets.retain(|d| d.id != id);
    }

    /// The file paths the user opened (for saving the session).
    #[must_use]
    pub fn files(&self) -> Vec<PathBuf> {
        self.datasets
            .iter()
            .filter_map(|d| match &d.source {
                Source::File(p) => Some(p.clone()),
                Source::Sample(_) => None,
            })
            .collect()
    }

    /// Whether the samples are loaded.
    #[must_use]
    pub fn has_samples(&self) -> bool {
        self.datasets
            .iter()
            .any(|d| matches!(d.source, Source::Sample(_)))
    }

    /// Finds a dataset by file path.
    #[must_use]
    pub fn find_file(&self, path: &Path) -> Option<u64> {
        self.datasets
            .iter()
            .find(|d| d.source == Source::File(path.to_path_buf()))
            .map(|d| d.id)
    }
}
