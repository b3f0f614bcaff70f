//! Distributions panel (lesson: distributions & sampling): histogram or ECDF of any
//! numeric column, overlaid by model, arm or label; summary numbers; normal, lognormal
//! and Poisson fits with the lesson's shape warnings; the Practice review.
//!
//! All binning, sorting and fitting runs in a background job keyed by the inputs;
//! `ui` only draws the stored result.

use std::fmt::Write as _;
use std::sync::Arc;

use egui_plot::{Bar, BarChart, Legend, Line, Plot};
use serde::{Deserialize, Serialize};
use statrs::distribution::{Discrete, DiscreteCDF, Poisson};

use crate::app::export;
use crate::app::jobs::Cached;
use crate::app::widgets::{self, practice};
use crate::app::workspace::{Loaded, Workspace};
use crate::data::EvalSet;
use crate::stats::common::normal_cdf;
use crate::stats::distributions::{Dispersion, Summary, overdispersion, summary};

/// How rows are split into overlaid groups.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Overlay {
    /// One group.
    #[default]
    None,
    /// One group per model (arm).
    Model,
    /// One group per level of a label column.
    Label(String),
}

/// The inputs of one computation.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    dataset: u64,
    column: String,
    overlay: Overlay,
    bins: usize,
    log_x: bool,
}

/// A fitted model's expected share of values per bin, at bin centres.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Parameters, for the legend.
    pub label: String,
    /// `[x, share]` points.
    pub curve: Vec<[f64; 2]>,
}

/// One overlaid group.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Model, arm or label level ("all rows" without overlay).
    pub name: String,
    /// Count per bin.
    pub counts: Vec<u64>,
    /// The summary numbers.
    pub summary: Summary,
    /// variance/mean, for counts.
    pub dispersion: Option<Dispersion>,
    /// `[x, F(x)]`, at most 512 points.
    pub ecdf: Vec<[f64; 2]>,
    /// Normal fit.
    pub normal: Option<Fit>,
    /// Lognormal fit (positive data).
    pub lognormal: Option<Fit>,
    /// Poisson fit (non-negative integer data).
    pub poisson: Option<Fit>,
    /// Mass a normal fit puts below zero, for positive data.
    pub normal_below_zero: Option<f64>,
    /// For counts: (threshold t, Poisson P(X ≥ t), observed share ≥ t).
    pub poisson_tail: Option<(f64, f64, f64)>,
}

/// Everything the plot and tables draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    /// Column shown.
    pub column: String,
    /// Whether x is log10.
    pub log_x: bool,
    /// Integer-valued data binned one bin per integer.
    pub integer: bool,
    /// Every value is above zero.
    pub all_positive: bool,
    /// Bin edges in plot space (log10 when `log_x`).
    pub edges: Vec<f64>,
    /// The groups.
    pub groups: Vec<Group>,
    /// Values left out of a log-scale plot (≤ 0).
    pub dropped_non_positive: usize,
}

fn fit_curve(edges: &[f64], log_x: bool, cdf: impl Fn(f64) -> f64) -> Vec<[f64; 2]> {
    let to_x = |u: f64| if log_x { 10f64.powf(u) } else { u };
    edges
        .windows(2)
        .map(|w| {
            [
                f64::midpoint(w[0], w[1]),
                (cdf(to_x(w[1])) - cdf(to_x(w[0]))).max(0.0),
            ]
        })
        .collect()
}

fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = if xs.len() > 1 {
        xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, var.sqrt())
}

/// Group names, values per group, and how many values were dropped.
type Groups = (Vec<String>, Vec<Vec<f64>>, usize);

/// The values of `column` per overlay group, with the group names; values ≤ 0 are
/// dropped (and counted) for a log scale.
fn group_values(
    set: &EvalSet,
    column: &str,
    overlay: &Overlay,
    log_x: bool,
) -> Result<Groups, String> {
    let col = set
        .metric(column)
        .ok_or_else(|| format!("no numeric column {column:?}"))?;
    let names: Vec<String> = match overlay {
        Overlay::None => vec!["all rows".into()],
        Overlay::Model => set.models.names().to_vec(),
        Overlay::Label(name) => set
            .labels
            .iter()
            .find(|l| &l.name == name)
            .ok_or_else(|| format!("no label column {name:?}"))?
            .levels
            .names()
            .to_vec(),
    };
    let label = match overlay {
        Overlay::Label(name) => set.labels.iter().find(|l| &l.name == name),
        _ => None,
    };
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    let mut dropped = 0;
    for (i, v) in col.values.iter().enumerate() {
        let group = match overlay {
            Overlay::None => Some(0),
            Overlay::Model => Some(set.model[i] as usize),
            Overlay::Label(_) => label.and_then(|l| l.codes[i]).map(|c| c as usize),
        };
        let (Some(v), Some(g)) = (*v, group) else {
            continue;
        };
        if log_x && v <= 0.0 {
            dropped += 1;
            continue;
        }
        values[g].push(v);
    }
    Ok((names, values, dropped))
}

/// Common bin edges (plot space): one bin per integer for small-range whole numbers,
/// else `bins` equal bins over the range (of log10 x on a log scale).
fn make_edges(lo: f64, hi: f64, integer: bool, bins: usize, log_x: bool) -> Vec<f64> {
    if integer {
        return (0..=((hi - lo) as usize + 1))
            .map(|k| lo - 0.5 + k as f64)
            .collect();
    }
    let (a, b) = if log_x {
        (lo.log10(), hi.log10())
    } else {
        (lo, hi)
    };
    // One distinct value: give it a unit-wide bin.
    let (a, b) = if b - a <= 0.0 {
        (a - 0.5, b + 0.5)
    } else {
        (a, b)
    };
    let bins = bins.clamp(1, 500);
    (0..=bins)
        .map(|k| a + (b - a) * k as f64 / bins as f64)
        .collect()
}

/// Counts, summary, ECDF and fits of one group.
fn group_stats(
    name: String,
    mut xs: Vec<f64>,
    edges: &[f64],
    integer: bool,
    log_x: bool,
) -> Result<Group, String> {
    let nb = edges.len() - 1;
    let width = edges[1] - edges[0];
    let mut counts = vec![0u64; nb];
    for &x in &xs {
        let u = if log_x { x.log10() } else { x };
        let k = (((u - edges[0]) / width).floor().max(0.0) as usize).min(nb - 1);
        counts[k] += 1;
    }
    let s = summary(&xs).map_err(|e| e.to_string())?;
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    let plot_x = |x: f64| if log_x { x.log10() } else { x };
    let mut ecdf: Vec<[f64; 2]> = (0..n)
        .step_by((n / 512).max(1))
        .map(|i| [plot_x(xs[i]), (i + 1) as f64 / n as f64])
        .collect();
    ecdf.push([plot_x(xs[n - 1]), 1.0]);
    let (mean, sd) = mean_sd(&xs);
    let positive = xs[0] > 0.0;
    let normal = (sd > 0.0).then(|| Fit {
        label: format!("normal(μ {}, σ {})", widgets::num(mean), widgets::num(sd)),
        curve: fit_curve(edges, log_x, |x| normal_cdf((x - mean) / sd)),
    });
    let lognormal = positive
        .then(|| mean_sd(&xs.iter().map(|x| x.ln()).collect::<Vec<_>>()))
        .filter(|(_, s)| *s > 0.0)
        .map(|(mu, sigma)| Fit {
            label: format!("lognormal(median {}, σ {sigma:.2})", widgets::num(mu.exp())),
            curve: fit_curve(edges, log_x, |x| {
                if x <= 0.0 {
                    0.0
                } else {
                    normal_cdf((x.ln() - mu) / sigma)
                }
            }),
        });
    let counts_data = integer && xs[0] >= 0.0;
    let poisson_dist = if counts_data && mean > 0.0 {
        Poisson::new(mean).ok()
    } else {
        None
    };
    let poisson = poisson_dist.as_ref().map(|p| Fit {
        label: format!("Poisson(λ {mean:.2})"),
        curve: edges
            .windows(2)
            .map(|w| {
                let k = f64::midpoint(w[0], w[1]);
                [k, if k >= 0.0 { p.pmf(k as u64) } else { 0.0 }]
            })
            .collect(),
    });
    let poisson_tail = poisson_dist.map(|p| {
        let t = s.p99.ceil().max(1.0);
        let data = xs.iter().filter(|&&x| x >= t).count() as f64 / n as f64;
        (t, p.sf(t as u64 - 1), data)
    });
    Ok(Group {
        name,
        counts,
        summary: s,
        dispersion: if counts_data {
            overdispersion(&xs).ok()
        } else {
            None
        },
        ecdf,
        normal,
        lognormal,
        poisson,
        normal_below_zero: (positive && sd > 0.0).then(|| normal_cdf(-mean / sd)),
        poisson_tail,
    })
}

/// Bins, summaries and fits of `column` in `set`, split by `overlay`. Runs on a
/// worker thread: O(rows log rows).
pub fn compute(
    set: &EvalSet,
    column: &str,
    overlay: &Overlay,
    bins: usize,
    log_x: bool,
) -> Result<Distribution, String> {
    let (names, values, dropped) = group_values(set, column, overlay, log_x)?;
    let all = values.iter().flatten();
    let (lo, hi) = all
        .clone()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    if !lo.is_finite() {
        return Err(if log_x && dropped > 0 {
            format!("{column} has no values above zero to plot on a log scale")
        } else {
            format!("{column} has no values")
        });
    }
    let integer = !log_x && all.clone().all(|x| x.fract() == 0.0) && hi - lo <= 200.0;
    let edges = make_edges(lo, hi, integer, bins, log_x);
    let groups = names
        .into_iter()
        .zip(values)
        .filter(|(_, xs)| !xs.is_empty())
        .map(|(name, xs)| group_stats(name, xs, &edges, integer, log_x))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Distribution {
        column: column.to_owned(),
        log_x,
        integer,
        all_positive: lo > 0.0,
        edges,
        groups,
        dropped_non_positive: dropped,
    })
}

/// The numbers behind the plot, as CSV.
#[must_use]
pub fn to_csv(d: &Distribution) -> String {
    let mut out = String::from("group,bin_low,bin_high,count,share\n");
    let to_x = |u: f64| if d.log_x { 10f64.powf(u) } else { u };
    for g in &d.groups {
        let n: u64 = g.counts.iter().sum();
        for (k, &c) in g.counts.iter().enumerate() {
            let _ = writeln!(
                out,
                "{},{},{},{},{}",
                g.name.replace(',', ";"),
                to_x(d.edges[k]),
                to_x(d.edges[k + 1]),
                c,
                c as f64 / n.max(1) as f64
            );
        }
    }
    out
}

const PALETTE: [egui::Color32; 8] = [
    egui::Color32::from_rgb(66, 133, 244),
    egui::Color32::from_rgb(234, 120, 40),
    egui::Color32::from_rgb(52, 168, 83),
    egui::Color32::from_rgb(200, 60, 110),
    egui::Color32::from_rgb(140, 100, 210),
    egui::Color32::from_rgb(20, 170, 180),
    egui::Color32::from_rgb(180, 150, 40),
    egui::Color32::from_rgb(120, 120, 120),
];

/// Normal, lognormal and Poisson curves when a single group is shown.
const FIT_COLORS: [egui::Color32; 3] = [
    egui::Color32::from_rgb(234, 120, 40),
    egui::Color32::from_rgb(80, 200, 110),
    egui::Color32::from_rgb(230, 70, 140),
];

/// The lesson's review of a candidate launch model, on the sample support traces.
const QUESTIONS: [practice::Question; 4] = [
    practice::Question {
        prompt: "The launch memo says the candidate agent answers in 6.9 s on average. Latency is right-skewed (median 6.1 s, p95 13.7 s on the support traces). Which numbers should the review ask for?",
        options: &[
            "The mean is enough: it uses every request",
            "The median and the p95 (and p99), because users feel the tail",
            "The minimum, to show the best case",
        ],
        answer: 1,
        explanation: "A long right tail pulls the mean above what a typical request sees and hides the slow requests users remember. Quote the median for the typical case and p95/p99 for the tail.",
    },
    practice::Question {
        prompt: "Tool calls per request have mean 3.2 and variance 14.3. The capacity plan models them as Poisson. What do you say?",
        options: &[
            "Fine: counts are Poisson",
            "Poisson understates bursts: variance/mean is about 4.4, not 1",
            "Use a normal distribution instead",
        ],
        answer: 1,
        explanation: "A Poisson has variance equal to its mean. A ratio of 4.4 means bursts (here a refund incident) that a Poisson plan would call nearly impossible; size for the observed tail or a mixture.",
    },
    practice::Question {
        prompt: "The memo fits a normal to latency to claim 'only 1 % of requests exceed 13 s'. What is wrong with the fit?",
        options: &[
            "Nothing, a normal fits any large sample",
            "It puts mass below zero seconds and underestimates the right tail; a lognormal fits positive, skewed latency",
            "It should use more bins",
        ],
        answer: 1,
        explanation: "A positive, right-skewed quantity is not symmetric: the normal fit puts probability on negative latencies and too little beyond p95. Turn on the fits in the plot above to see both warnings.",
    },
    practice::Question {
        prompt: "From 600 requests the candidate's p95 is 13.7 s against 13.1 s for the incumbent. Can the review say the candidate is slower?",
        options: &[
            "Yes, 13.7 > 13.1",
            "Not without an interval: a p95 from 600 requests moves by more than 0.6 s; bootstrap both and compare",
            "Yes, if the medians also differ",
        ],
        answer: 1,
        explanation: "Tail quantiles rest on few observations (30 requests above p95 here). Their sampling error is large, so compare them with bootstrap intervals, or a paired test on the same prompts.",
    },
];

/// Which fitted models are drawn over the histogram.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FitChoice {
    /// Normal.
    pub normal: bool,
    /// Lognormal.
    pub lognormal: bool,
    /// Poisson (counts).
    pub poisson: bool,
}

/// The Distributions panel.
#[derive(Serialize, Deserialize)]
#[serde(default)]
pub struct DistributionsPanel {
    /// Dataset, by path.
    pub dataset: Option<String>,
    /// Numeric column.
    pub column: Option<String>,
    /// Overlay.
    pub overlay: Overlay,
    /// Number of bins (non-integer data).
    pub bins: usize,
    /// Log-scale x.
    pub log_x: bool,
    /// ECDF instead of histogram.
    pub ecdf: bool,
    /// Which fits are drawn.
    pub fits: FitChoice,
    /// Practice answers.
    pub answers: practice::Answers,
    #[serde(skip)]
    cache: Cached<Key, Result<Distribution, String>>,
    #[serde(skip)]
    plot_rect: Option<egui::Rect>,
}

impl Default for DistributionsPanel {
    fn default() -> Self {
        Self {
            dataset: None,
            column: None,
            overlay: Overlay::None,
            bins: 40,
            log_x: false,
            ecdf: false,
            fits: FitChoice::default(),
            answers: practice::Answers::default(),
            cache: Cached::new(16),
            plot_rect: None,
        }
    }
}

impl DistributionsPanel {
    /// Draws the panel.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        workspace: &Workspace,
        export_dir: &std::path::Path,
        outbox: &export::Outbox,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.heading("Distributions");
            ui.label(egui::RichText::new("lesson: distributions & sampling — the shape decides which summary tells the truth").weak());
        });
        let ready: Vec<(u64, String, Arc<Loaded>)> = workspace
            .ready()
            .filter(|(_, l)| !l.set.metrics.is_empty())
            .map(|(d, l)| (d.id, d.source.path(), Arc::clone(l)))
            .collect();
        if ready.is_empty() {
            ui.add_space(20.0);
            ui.label(if workspace.busy() { "Loading files…" } else { "No loaded file has a numeric column. Open results with latencies, tokens or scores (Data panel)." });
            return;
        }
        // Defaults: the support traces' latency, the lesson's example.
        let pick = self
            .dataset
            .as_ref()
            .and_then(|p| ready.iter().position(|(_, path, _)| path == p))
            .or_else(|| {
                ready
                    .iter()
                    .position(|(_, p, _)| p.ends_with("support_traces.jsonl"))
            })
            .unwrap_or(0);
        let (id, path, loaded) = ready[pick].clone();
        self.dataset = Some(path);
        let set = &loaded.set;
        if self.column.as_ref().is_none_or(|c| set.metric(c).is_none()) {
            self.column = set
                .metrics
                .iter()
                .find(|m| m.name == "latency_s")
                .or_else(|| set.metrics.first())
                .map(|m| m.name.clone());
        }
        if let Overlay::Label(l) = &self.overlay
            && !set.labels.iter().any(|x| &x.name == l)
        {
            self.overlay = Overlay::None;
        }
        self.controls(ui, &ready, set);
        let Some(column) = self.column.clone() else {
            return;
        };
        let key = Key {
            dataset: id,
            column: column.clone(),
            overlay: self.overlay.clone(),
            bins: self.bins,
            log_x: self.log_x,
        };
        let job_set = Arc::clone(&loaded);
        let (job_col, job_overlay, bins, log_x) =
            (column, self.overlay.clone(), self.bins, self.log_x);
        self.cache.want(&key, "distribution", ui.ctx(), move |_| {
            compute(&job_set.set, &job_col, &job_overlay, bins, log_x)
        });
        let result = self.cache.get().cloned();
        match result.as_deref() {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Binning…");
                });
            }
            Some(Err(e)) => widgets::error_box(ui, e),
            Some(Ok(d)) => self.result(ui, d, export_dir, outbox),
        }
        ui.add_space(6.0);
        ui.label(egui::RichText::new(
            "Why: the same mean can hide very different shapes. Latency is positive and right-skewed, so its mean sits above what a typical user sees and a normal model invents negative times; counts of tool calls or retries come in bursts, so a Poisson model calls the bad hour impossible. Look at the shape before choosing the number you report.",
        ).weak());
        practice::ui(
            ui,
            "challenge a candidate launch model",
            "A launch memo for a new support agent quotes these numbers. Review it as the lesson does.",
            &QUESTIONS,
            &mut self.answers,
        );
    }

    /// The finished computation for the current inputs, if any (for tests and exports).
    #[must_use]
    pub fn computed(&self) -> Option<&Distribution> {
        self.cache.get().and_then(|r| r.as_ref().as_ref().ok())
    }

    /// The plot, its export buttons, the shape warnings and the summary table.
    fn result(
        &mut self,
        ui: &mut egui::Ui,
        d: &Distribution,
        export_dir: &std::path::Path,
        outbox: &export::Outbox,
    ) {
        self.plot(ui, d);
        ui.horizontal(|ui| {
            let name = format!("distribution-{}", d.column);
            if ui
                .button("Export PNG")
                .on_hover_text("Save the plot as an image")
                .clicked()
                && let Some(rect) = self.plot_rect
            {
                export::png(export_dir, &name, rect, outbox, ui.ctx());
            }
            if ui
                .button("Export CSV")
                .on_hover_text("Save the bins and counts")
                .clicked()
            {
                export::csv(export_dir, &name, to_csv(d), outbox, ui.ctx());
            }
        });
        self.warnings(ui, d);
        summary_table(ui, d);
    }

    fn controls(&mut self, ui: &mut egui::Ui, ready: &[(u64, String, Arc<Loaded>)], set: &EvalSet) {
        ui.horizontal_wrapped(|ui| {
            let current = self.dataset.clone().unwrap_or_default();
            let l = ui.label("File");
            egui::ComboBox::from_id_salt("distributions_file")
                .selected_text(current.rsplit('/').next().unwrap_or(&current).to_owned())
                .show_ui(ui, |ui| {
                    for (_, path, _) in ready {
                        let name = path.rsplit('/').next().unwrap_or(path);
                        if ui
                            .selectable_label(Some(path) == self.dataset.as_ref(), name)
                            .clicked()
                        {
                            self.dataset = Some(path.clone());
                            self.column = None;
                            self.overlay = Overlay::None;
                        }
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("Column");
            egui::ComboBox::from_id_salt("distributions_column")
                .selected_text(self.column.clone().unwrap_or_default())
                .show_ui(ui, |ui| {
                    for m in &set.metrics {
                        ui.selectable_value(&mut self.column, Some(m.name.clone()), &m.name);
                    }
                })
                .response
                .labelled_by(l.id);
            let overlay_text = match &self.overlay {
                Overlay::None => "none".to_owned(),
                Overlay::Model => "model / arm".to_owned(),
                Overlay::Label(l) => l.clone(),
            };
            let l = ui.label("Overlay");
            egui::ComboBox::from_id_salt("distributions_overlay")
                .selected_text(overlay_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.overlay, Overlay::None, "none");
                    if set.models.len() > 1 {
                        ui.selectable_value(&mut self.overlay, Overlay::Model, "model / arm");
                    }
                    for l in set.labels.iter().filter(|l| l.levels.len() <= 12) {
                        ui.selectable_value(
                            &mut self.overlay,
                            Overlay::Label(l.name.clone()),
                            &l.name,
                        );
                    }
                })
                .response
                .labelled_by(l.id);
        });
        ui.horizontal_wrapped(|ui| {
            ui.add(
                egui::Slider::new(&mut self.bins, 5..=200)
                    .text("Bins")
                    .logarithmic(true),
            );
            ui.checkbox(&mut self.log_x, "Log x")
                .on_hover_text("Bins of equal width in log10(x): right-skewed data spreads out");
            ui.checkbox(&mut self.ecdf, "ECDF").on_hover_text(
                "Cumulative share of values up to x: read medians and tails directly",
            );
            ui.separator();
            ui.label("Fits:");
            ui.checkbox(&mut self.fits.normal, "Normal");
            ui.checkbox(&mut self.fits.lognormal, "Lognormal");
            ui.checkbox(&mut self.fits.poisson, "Poisson")
                .on_hover_text("For counts (whole numbers)");
        });
    }

    fn plot(&mut self, ui: &mut egui::Ui, d: &Distribution) {
        let overlaid = d.groups.len() > 1;
        let width = d.edges[1] - d.edges[0];
        let to_x = move |u: f64| if d.log_x { 10f64.powf(u) } else { u };
        let log_x = d.log_x;
        let height = (ui.available_height() * 0.45).clamp(220.0, 520.0);
        let mut plot = Plot::new("distributions_plot")
            .height(height)
            .legend(Legend::default())
            .x_axis_label(if d.log_x {
                format!("{} (log scale)", d.column)
            } else {
                d.column.clone()
            })
            .y_axis_label(if self.ecdf {
                "share of values ≤ x"
            } else {
                "share of values per bin"
            })
            .allow_scroll(false);
        if log_x {
            plot = plot.x_axis_formatter(move |mark, _| widgets::num(10f64.powf(mark.value)));
        }
        let (ecdf, fits) = (
            self.ecdf,
            (self.fits.normal, self.fits.lognormal, self.fits.poisson),
        );
        // The scope around the plot includes its axes, which a PNG export should keep.
        let scope = ui.scope(|ui| {
            plot.show(ui, |p| {
                for (gi, g) in d.groups.iter().enumerate() {
                    let color = PALETTE[gi % PALETTE.len()];
                    let n: u64 = g.counts.iter().sum();
                    if ecdf {
                        p.line(
                            Line::new(g.name.clone(), g.ecdf.clone())
                                .color(color)
                                .width(2.0),
                        );
                    } else {
                        let bars: Vec<Bar> = g
                            .counts
                            .iter()
                            .enumerate()
                            .map(|(k, &c)| {
                                let share = c as f64 / n.max(1) as f64;
                                let (lo, hi) = (to_x(d.edges[k]), to_x(d.edges[k + 1]));
                                let range = if d.integer {
                                    format!("{}", (d.edges[k] + 0.5) as i64)
                                } else {
                                    format!("[{}, {})", widgets::num(lo), widgets::num(hi))
                                };
                                Bar::new(f64::midpoint(d.edges[k], d.edges[k + 1]), share)
                                    .width(width * if overlaid { 0.95 } else { 1.0 })
                                    .name(format!(
                                        "{}\n{range}: {c} values ({})",
                                        g.name,
                                        widgets::pct(share)
                                    ))
                                    .fill(color.gamma_multiply(if overlaid { 0.45 } else { 0.8 }))
                            })
                            .collect();
                        p.bar_chart(
                            BarChart::new(g.name.clone(), bars)
                                .color(color)
                                .element_formatter(Box::new(|bar, _| bar.name.clone())),
                        );
                        for (on, fit, dash) in [
                            (fits.0, &g.normal, 0),
                            (fits.1, &g.lognormal, 1),
                            (fits.2, &g.poisson, 2),
                        ] {
                            if let (true, Some(f)) = (on, fit) {
                                let name = if overlaid {
                                    format!("{}: {}", g.name, f.label)
                                } else {
                                    f.label.clone()
                                };
                                let style = match dash {
                                    0 => egui_plot::LineStyle::dashed_loose(),
                                    1 => egui_plot::LineStyle::Solid,
                                    _ => egui_plot::LineStyle::dotted_dense(),
                                };
                                // One group: each fit its own colour; overlaid: the group's colour.
                                let line_color = if overlaid { color } else { FIT_COLORS[dash] };
                                p.line(
                                    Line::new(name, f.curve.clone())
                                        .color(line_color)
                                        .width(2.5)
                                        .style(style),
                                );
                            }
                        }
                    }
                }
            })
        });
        self.plot_rect = Some(scope.response.rect);
    }

    fn warnings(&self, ui: &mut egui::Ui, d: &Distribution) {
        if d.dropped_non_positive > 0 {
            widgets::callout(
                ui,
                &format!(
                    "{} values ≤ 0 are left out of the log-scale plot.",
                    d.dropped_non_positive
                ),
            );
        }
        for g in &d.groups {
            let who = if d.groups.len() > 1 {
                format!("{}: ", g.name)
            } else {
                String::new()
            };
            if let (true, Some(below)) = (self.fits.normal, g.normal_below_zero)
                && below >= 0.001
            {
                widgets::callout(
                    ui,
                    &format!(
                        "{who}a normal fit puts {} of its mass below zero, impossible for a positive quantity like {}; it also thins the right tail. The lognormal fits positive, right-skewed data.",
                        widgets::pct(below),
                        d.column
                    ),
                );
            }
            if let Some(disp) = g.dispersion {
                if disp.ratio > 1.5 {
                    let tail = g.poisson_tail.map(|(t, model, data)| format!(" A Poisson with the same mean puts P(X ≥ {t}) at {}; the data has {}.", fmt_p(model), widgets::pct(data))).unwrap_or_default();
                    widgets::callout(
                        ui,
                        &format!(
                            "{who}variance/mean = {:.1}: Poisson understates bursts.{tail}",
                            disp.ratio
                        ),
                    );
                } else if disp.ratio < 0.67 {
                    widgets::callout(
                        ui,
                        &format!(
                            "{who}variance/mean = {:.2}: more regular than Poisson (underdispersed).",
                            disp.ratio
                        ),
                    );
                }
            }
        }
    }
}

fn fmt_p(p: f64) -> String {
    if p < 0.0001 {
        format!("{p:.1e}")
    } else {
        widgets::pct(p)
    }
}

fn summary_table(ui: &mut egui::Ui, d: &Distribution) {
    let counts = d.groups.iter().any(|g| g.dispersion.is_some());
    egui::Grid::new("distributions_summary")
        .striped(true)
        .num_columns(9)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            let mut head = vec!["group", "n", "mean", "median", "p95", "p99", "min", "max"];
            if counts {
                head.push("variance/mean");
            }
            for h in head {
                ui.label(egui::RichText::new(h).weak());
            }
            ui.end_row();
            for (gi, g) in d.groups.iter().enumerate() {
                let s = &g.summary;
                ui.colored_label(PALETTE[gi % PALETTE.len()], &g.name);
                ui.label(s.n.to_string());
                for v in [s.mean, s.median, s.p95, s.p99, s.min, s.max] {
                    ui.monospace(widgets::num(v));
                }
                if counts {
                    ui.monospace(
                        g.dispersion
                            .map_or_else(|| "–".into(), |x| format!("{:.2}", x.ratio)),
                    );
                }
                ui.end_row();
            }
        });
}
