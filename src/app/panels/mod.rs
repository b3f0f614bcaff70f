//! The ten panels of DESIGN.md, registered in one list. Each built panel is a struct
//! with a `ui` method; the others say what they will do and that they are coming.

pub mod data;
pub mod distributions;

use serde::{Deserialize, Serialize};

/// Which panel is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum PanelId {
    /// Loaded files, validation, preview.
    #[default]
    Data,
    /// Histograms and fits.
    Distributions,
    /// Paired model comparison.
    PairedCompare,
    /// pass@k curves.
    PassAtK,
    /// A/B lifts and planning.
    AbExperiment,
    /// The peeking trap.
    PeekingLab,
    /// Launch-gate checklist.
    LaunchGate,
    /// Golden sets, judges, incident cost.
    EvalDesign,
    /// Seeds and leaderboards.
    Runs,
    /// Live sampling demonstrations.
    SamplingLab,
}

/// What the navigation shows about a panel.
pub struct PanelInfo {
    /// The panel.
    pub id: PanelId,
    /// Its title.
    pub title: &'static str,
    /// Navigation group.
    pub group: &'static str,
    /// The lesson it mirrors.
    pub lesson: &'static str,
    /// What it shows (from DESIGN.md).
    pub content: &'static str,
    /// Whether it is built in this release.
    pub built: bool,
}

/// All panels, in navigation order, grouped.
pub const PANELS: [PanelInfo; 10] = [
    PanelInfo {
        id: PanelId::Data,
        title: "Data",
        group: "Explore",
        lesson: "experiment tracking",
        content: "open/drag-drop files, detected format, column mapping, validation issues with line numbers, preview table, provenance (hash, seed, versions)",
        built: true,
    },
    PanelInfo {
        id: PanelId::Distributions,
        title: "Distributions",
        group: "Explore",
        lesson: "distributions & sampling",
        content: "histogram of any numeric column, per model/arm overlay, bins, log-x, ECDF; median/mean/p95/p99; fit overlays (normal, lognormal, Poisson) with shape warnings",
        built: true,
    },
    PanelInfo {
        id: PanelId::PairedCompare,
        title: "Paired compare",
        group: "Compare",
        lesson: "hypothesis tests & intervals",
        content: "A/B outcomes per task, 2x2 disagreement table, exact sign test (one/two-sided), paired bootstrap histogram with interval, claim wording (improvement / regression / inconclusive), clustered SE when tasks are grouped, tasks needed for a target lift",
        built: false,
    },
    PanelInfo {
        id: PanelId::PassAtK,
        title: "pass@k",
        group: "Compare",
        lesson: "hypothesis tests & intervals",
        content: "unbiased estimator per task then macro average, curves k=1..n per model with bootstrap bands over tasks, protocol card (n, k, decoding, task set, tests) and mismatch warnings, duplicate-candidate detection",
        built: false,
    },
    PanelInfo {
        id: PanelId::AbExperiment,
        title: "A/B experiment",
        group: "Experiment",
        lesson: "experiment design & A/B testing",
        content: "counts or event logs; absolute and relative lift with interval; width by traffic; sample-size / MDE / power planner; SRM chi-square; CUPED; configuration receipt diff; guardrails",
        built: false,
    },
    PanelInfo {
        id: PanelId::PeekingLab,
        title: "Peeking lab",
        group: "Experiment",
        lesson: "experiment design & A/B testing",
        content: "A/A simulation with looks, batch, rate, seed; running z-paths crossing the boundary; false-win rate planned vs stop-at-first-crossing, filling in live; the fix: an always-valid sequential test beside it",
        built: false,
    },
    PanelInfo {
        id: PanelId::LaunchGate,
        title: "Launch gate",
        group: "Experiment",
        lesson: "experiment design & A/B testing",
        content: "a gate file (checks, thresholds, evidence); reviewer clicks through each check; PASS/FAIL with the numbers; decision SHIP / ROLL BACK OR INVESTIGATE; signed-off report export",
        built: false,
    },
    PanelInfo {
        id: PanelId::EvalDesign,
        title: "Eval design",
        group: "Design",
        lesson: "cost accounting & eval-driven design",
        content: "golden-set sizing with cohorts (Wilson), judge calibration (Spearman rho vs human, Cohen's kappa between annotators, high-confidence confirmation), incident-cost ledger by detection window, golden-set coverage",
        built: false,
    },
    PanelInfo {
        id: PanelId::Runs,
        title: "Runs & leaderboards",
        group: "Design",
        lesson: "experiment tracking: statistical comparison",
        content: "K seeds per config: mean +- SE, validation variance; paired deltas across runs; leaderboard traps: best-of-K selection inflation, multiple comparisons (Holm / Benjamini-Hochberg)",
        built: false,
    },
    PanelInfo {
        id: PanelId::SamplingLab,
        title: "Sampling lab",
        group: "Teach",
        lesson: "distributions & sampling",
        content: "seeded Bernoulli, categorical (unknown-label check), Poisson vs bursty mixture, lognormal vs normal latency, Monte Carlo convergence (sd vs N against 1/sqrt N), softmax token sampling (temperature, top-p), launch-simulation report",
        built: false,
    },
];

impl PanelId {
    /// This panel's entry in [`PANELS`].
    #[must_use]
    pub fn info(self) -> &'static PanelInfo {
        PANELS.iter().find(|p| p.id == self).unwrap_or(&PANELS[0])
    }
}

/// The page of a panel that is not built yet: what it will do, plainly, with no
/// controls and no numbers.
pub fn coming_soon(ui: &mut egui::Ui, info: &PanelInfo) {
    ui.heading(info.title);
    ui.label(egui::RichText::new(format!("Lesson: {}", info.lesson)).weak());
    ui.add_space(12.0);
    ui.label(egui::RichText::new("Coming in a later release").strong());
    ui.add_space(4.0);
    ui.label("This panel will show:");
    for item in info.content.split("; ") {
        ui.label(format!("  -  {item}"));
    }
    ui.add_space(12.0);
    ui.label(
        egui::RichText::new(
            "Until then, the same statistics are available from the command line: `evalbench calc --help`, `evalbench compare`, `evalbench simulate peeking`.",
        )
        .weak(),
    );
}
