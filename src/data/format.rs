//! The readers evalbench has, and how a file's content picks one.

use serde::Serialize;

/// A reader of eval result files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Comma-separated long form.
    Csv,
    /// Tab-separated long form.
    Tsv,
    /// JSON Lines long form (one flat record per line).
    Jsonl,
    /// A JSON array of flat records (llmperf per-request files and the like).
    Json,
    /// HumanEval `evaluate_functional_correctness` output (`*_results.jsonl`).
    Humaneval,
    /// lm-evaluation-harness `samples_*.jsonl` from `--log_samples`.
    LmEval,
    /// inspect_ai log, `.json` or zipped `.eval`.
    Inspect,
    /// promptfoo `-o results.json`.
    Promptfoo,
    /// openai/evals JSONL log (match events).
    OpenaiEvals,
    /// PandaLM-style judge/human verdict JSON (array of items with annotators).
    Pandalm,
}

impl Format {
    /// All formats, for `--format` help and the GUI's picker.
    pub const ALL: [Self; 10] = [
        Self::Csv,
        Self::Tsv,
        Self::Jsonl,
        Self::Json,
        Self::Humaneval,
        Self::LmEval,
        Self::Inspect,
        Self::Promptfoo,
        Self::OpenaiEvals,
        Self::Pandalm,
    ];

    /// The name used on the command line and in JSON.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Jsonl => "jsonl",
            Self::Json => "json",
            Self::Humaneval => "humaneval",
            Self::LmEval => "lm-eval",
            Self::Inspect => "inspect",
            Self::Promptfoo => "promptfoo",
            Self::OpenaiEvals => "openai-evals",
            Self::Pandalm => "pandalm",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format {s:?}; one of {}", names.join(", "))
            })
    }
}
