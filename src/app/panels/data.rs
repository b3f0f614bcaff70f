//! Data panel (lesson: experiment tracking): the loaded files with their provenance,
//! validation problems with their lines, the column-mapping editor, and a virtualized
//! preview of the rows.

use std::collections::BTreeMap;
use std::sync::Arc;

use egui_extras::{Column, TableBuilder};
use serde::{Deserialize, Serialize};

use crate::app::jobs::Job;
use crate::app::widgets::{self, kv};
use crate::app::workspace::{Loaded, Source, Status, Workspace};
use crate::data::{Choice, ColumnMapping, EvalSet, Kind, LoadError, WarningKind};

/// What the panel asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show the open-file dialog.
    Open,
    /// Load the samples again.
    OpenSamples,
    /// Reload a dataset, with a new column mapping.
    Reload(u64, Option<ColumnMapping>),
    /// Close a dataset.
    Remove(u64),
}

/// Numbered source lines, or why they could not be read.
type SourceLines = Result<Vec<(u64, String)>, String>;

/// Source lines around a problem, read on a worker thread.
struct LineView {
    dataset: u64,
    line: u64,
    job: Option<Job<SourceLines>>,
    result: Option<SourceLines>,
}

/// The Data panel.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DataPanel {
    /// The selected dataset, by path (ids change between sessions).
    pub selected: Option<String>,
    /// Whether the Rows tab (the preview table) is shown instead of the summary.
    pub show_preview: bool,
    #[serde(skip)]
    line_view: Option<LineView>,
    #[serde(skip)]
    editing: Option<(u64, ColumnMapping)>,
}

fn choice_text(c: &Choice) -> String {
    match c {
        Choice::Auto => "(detect)".into(),
        Choice::Absent => "(none)".into(),
        Choice::Column(name) => name.clone(),
    }
}

impl DataPanel {
    /// Draws the panel; returns what the app should do.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        workspace: &mut Workspace,
        mappings: &BTreeMap<String, ColumnMapping>,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal_wrapped(|ui| {
            ui.heading("Data");
            ui.label(
                egui::RichText::new(
                    "lesson: experiment tracking — know exactly which file, which rows, which hash",
                )
                .weak(),
            );
        });
        ui.horizontal_wrapped(|ui| {
            if ui.button("Open files…").on_hover_text("Ctrl+O. Or drop files anywhere on the window.").clicked() {
                actions.push(Action::Open);
            }
            if !workspace.has_samples() && ui.button("Open the sample workspace").clicked() {
                actions.push(Action::OpenSamples);
            }
            ui.label(egui::RichText::new("Drop CSV, TSV, JSONL, JSON, HumanEval, lm-eval, inspect .eval, promptfoo or openai/evals files onto the window.").weak());
        });
        ui.add_space(4.0);
        if workspace.datasets.is_empty() {
            ui.add_space(24.0);
            ui.vertical_centered(|ui| {
                ui.label(egui::RichText::new("No files loaded").heading());
                ui.label("Open your eval results (Ctrl+O) or drop them here. The sample workspace shows every panel on lesson data.");
            });
            return actions;
        }
        self.files_table(ui, workspace, &mut actions);
        ui.separator();
        let selected = self
            .selected
            .as_ref()
            .and_then(|p| workspace.datasets.iter().find(|d| d.source.path() == *p))
            .or_else(|| workspace.datasets.first());
        let Some(dataset) = selected else {
            return actions;
        };
        let (id, source) = (dataset.id, dataset.source.clone());
        match &dataset.status {
            Status::Loading(job) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("Loading {} …", source.name()));
                    ui.add(
                        egui::ProgressBar::new(job.fraction())
                            .show_percentage()
                            .desired_width(240.0),
                    );
                });
            }
            Status::Failed(err) => {
                let err = err.clone();
                self.failed(ui, id, &source, &err, &mut actions);
            }
            Status::Ready(loaded) => {
                let loaded = Arc::clone(loaded);
                let mapping = dataset
                    .mapping
                    .clone()
                    .or_else(|| mappings.get(&loaded.set.provenance.sha256).cloned());
                self.details(ui, id, &source, &loaded, mapping, &mut actions);
            }
        }
        actions
    }

    fn files_table(&mut self, ui: &mut egui::Ui, workspace: &Workspace, actions: &mut Vec<Action>) {
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let selected = self.selected.clone();
        let mut clicked = None;
        // At presentation zoom the table is wider than the window: scroll sideways.
        egui::ScrollArea::horizontal()
            .id_salt("data_files_h")
            .show(ui, |ui| {
                TableBuilder::new(ui)
                    .id_salt("data_files")
                    .striped(true)
                    .sense(egui::Sense::click())
                    .max_scroll_height(row_h * 8.0)
                    .column(Column::initial(280.0).at_least(120.0).clip(true))
                    .column(Column::auto())
                    .column(Column::auto())
                    .column(Column::auto())
                    .column(Column::auto())
                    .column(Column::auto())
                    .column(Column::auto())
                    .column(Column::remainder().at_least(120.0))
                    .header(row_h, |mut h| {
                        for title in [
                            "File",
                            "Format",
                            "Rows",
                            "Tasks",
                            "Models",
                            "SHA-256",
                            "Load time",
                            "Status",
                        ] {
                            h.col(|ui| {
                                ui.strong(title);
                            });
                        }
                    })
                    .body(|mut body| {
                        for d in &workspace.datasets {
                            body.row(row_h, |mut row| {
                                let is_selected =
                                    selected.as_deref() == Some(d.source.path().as_str());
                                row.set_selected(is_selected);
                                let name_clicked = file_row(&mut row, d, is_selected);
                                if name_clicked || row.response().clicked() {
                                    clicked = Some(d.source.path());
                                }
                            });
                        }
                    });
            });
        if let Some(p) = clicked {
            self.selected = Some(p);
        }
        let _ = actions;
    }

    fn failed(
        &mut self,
        ui: &mut egui::Ui,
        id: u64,
        source: &Source,
        err: &LoadError,
        actions: &mut Vec<Action>,
    ) {
        ui.heading(source.name());
        widgets::error_box(ui, &err.to_string());
        ui.horizontal(|ui| {
            if let Some(line) = err.place.line
                && ui.button(format!("Show line {line}")).clicked()
            {
                self.show_line(ui.ctx(), id, source, line);
            }
            if ui.button("Reload").clicked() {
                actions.push(Action::Reload(id, None));
            }
            if ui.button("Close").clicked() {
                actions.push(Action::Remove(id));
            }
        });
        self.line_viewer(ui, id);
    }

    fn show_line(&mut self, ctx: &egui::Context, id: u64, source: &Source, line: u64) {
        let src = source.clone();
        let job = Job::spawn("read-lines", ctx, move |_| {
            src.read_lines(line.saturating_sub(3).max(1), line + 3)
        });
        self.line_view = Some(LineView {
            dataset: id,
            line,
            job: Some(job),
            result: None,
        });
    }

    fn line_viewer(&mut self, ui: &mut egui::Ui, id: u64) {
        let Some(view) = &mut self.line_view else {
            return;
        };
        if view.dataset != id {
            return;
        }
        if let Some(job) = &mut view.job
            && let Some(r) = job.poll()
        {
            view.result = Some(r);
            view.job = None;
        }
        ui.add_space(4.0);
        ui.label(egui::RichText::new(format!("Source around line {}", view.line)).strong());
        match &view.result {
            None => {
                ui.spinner();
            }
            Some(Err(e)) => {
                ui.label(e);
            }
            Some(Ok(lines)) => {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    egui::ScrollArea::horizontal()
                        .id_salt("data_line_view")
                        .show(ui, |ui| {
                            for (n, text) in lines {
                                let line =
                                    egui::RichText::new(format!("{n:>7} | {text}")).monospace();
                                let line = if *n == view.line {
                                    line.background_color(ui.visuals().selection.bg_fill)
                                        .strong()
                                } else {
                                    line
                                };
                                // Long lines scroll sideways instead of wrapping.
                                ui.add(egui::Label::new(line).extend());
                            }
                        });
                });
            }
        }
    }

    fn details(
        &mut self,
        ui: &mut egui::Ui,
        id: u64,
        source: &Source,
        loaded: &Loaded,
        mapping: Option<ColumnMapping>,
        actions: &mut Vec<Action>,
    ) {
        let set = &loaded.set;
        ui.horizontal(|ui| {
            ui.heading(source.name());
            if ui.button("Reload").clicked() {
                actions.push(Action::Reload(id, mapping.clone()));
            }
            if ui.button("Close").clicked() {
                actions.push(Action::Remove(id));
            }
            ui.separator();
            ui.selectable_value(&mut self.show_preview, false, "Summary");
            ui.selectable_value(&mut self.show_preview, true, format!("Rows ({})", set.rows()))
                .on_hover_text("Every row of the file; only the visible ones are drawn, so a million rows scroll smoothly");
        });
        if self.show_preview {
            preview(ui, set);
            return;
        }
        egui::ScrollArea::vertical()
            .id_salt("data_details")
            .show(ui, |ui| {
                // Side by side on a wide window; stacked at presentation zoom.
                if ui.available_width() >= 900.0 {
                    ui.columns(2, |cols| {
                        provenance(&mut cols[0], set);
                        summaries(&mut cols[0], loaded);
                        self.problems(&mut cols[1], id, source, set);
                        self.mapping_editor(&mut cols[1], id, set, mapping, actions);
                    });
                } else {
                    self.problems(ui, id, source, set);
                    self.mapping_editor(ui, id, set, mapping, actions);
                    ui.add_space(8.0);
                    provenance(ui, set);
                    summaries(ui, loaded);
                }
            });
    }

    fn problems(&mut self, ui: &mut egui::Ui, id: u64, source: &Source, set: &EvalSet) {
        ui.label(egui::RichText::new("Validation").strong());
        if set.warnings.is_empty() {
            ui.label("No problems found: every row mapped, no duplicates, no missing tasks, every sample scored.");
        }
        let mut open_line = None;
        egui::ScrollArea::vertical()
            .id_salt("data_problems")
            .max_height(220.0)
            .show(ui, |ui| {
                for w in &set.warnings {
                    ui.horizontal_wrapped(|ui| {
                        let field = w
                            .field
                            .as_deref()
                            .map(|f| format!(" [{f}]"))
                            .unwrap_or_default();
                        ui.colored_label(
                            crate::app::widgets::amber(ui),
                            format!("{}{field} ({}×)", kind_name(w.kind), w.count),
                        );
                        for &line in &w.lines {
                            if ui
                                .small_button(format!("line {line}"))
                                .on_hover_text("Show the source around this line")
                                .clicked()
                            {
                                open_line = Some(line);
                            }
                        }
                    });
                    ui.label(egui::RichText::new(&w.message).weak());
                    ui.add_space(2.0);
                }
            });
        if let Some(line) = open_line {
            self.show_line(ui.ctx(), id, source, line);
        }
        self.line_viewer(ui, id);
    }

    fn mapping_editor(
        &mut self,
        ui: &mut egui::Ui,
        id: u64,
        set: &EvalSet,
        mapping: Option<ColumnMapping>,
        actions: &mut Vec<Action>,
    ) {
        if set.columns.is_empty() {
            return;
        }
        let unsure = set.warnings.iter().any(|w| {
            w.kind == WarningKind::Structure
                && (w.message.contains("no task id") || w.message.contains("no pass column"))
        });
        let editing = self.editing.as_ref().is_some_and(|(d, _)| *d == id);
        ui.add_space(6.0);
        if !editing {
            let label = if unsure {
                "Detection was unsure: edit the column mapping"
            } else {
                "Edit column mapping"
            };
            if ui.button(label).clicked() {
                self.editing = Some((id, mapping.unwrap_or_default()));
            }
            return;
        }
        let Some((_, m)) = &mut self.editing else {
            return;
        };
        ui.label(egui::RichText::new("Column mapping (remembered for this file's hash)").strong());
        egui::Grid::new("data_mapping")
            .num_columns(2)
            .show(ui, |ui| {
                for (role, choice) in [
                    ("Task id", &mut m.task),
                    ("Model / arm", &mut m.model),
                    ("Attempt", &mut m.attempt),
                    ("Pass", &mut m.pass),
                ] {
                    let label = ui.label(role);
                    egui::ComboBox::from_id_salt(format!("data_mapping_{role}"))
                        .selected_text(choice_text(choice))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(choice, Choice::Auto, "(detect)");
                            ui.selectable_value(choice, Choice::Absent, "(none)");
                            for c in &set.columns {
                                ui.selectable_value(choice, Choice::Column(c.clone()), c);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }
            });
        let m = m.clone();
        let (apply, cancel) = ui
            .horizontal(|ui| {
                (
                    ui.button("Apply and reload").clicked(),
                    ui.button("Cancel").clicked(),
                )
            })
            .inner;
        if apply {
            actions.push(Action::Reload(id, if m.is_auto() { None } else { Some(m) }));
            self.editing = None;
        } else if cancel {
            self.editing = None;
        }
    }
}

/// One row of the files table; returns whether its name was clicked.
fn file_row(
    row: &mut egui_extras::TableRow<'_, '_>,
    d: &crate::app::workspace::Dataset,
    selected: bool,
) -> bool {
    let mut clicked = false;
    row.col(|ui| {
        let sample = if matches!(d.source, Source::Sample(_)) {
            " (sample)"
        } else {
            ""
        };
        clicked = ui
            .selectable_label(selected, format!("{}{sample}", d.source.name()))
            .on_hover_text(d.source.path())
            .clicked();
    });
    match &d.status {
        Status::Ready(l) => {
            let p = &l.set.provenance;
            row.col(|ui| {
                ui.label(p.format.name());
            });
            row.col(|ui| {
                ui.label(p.rows.to_string());
            });
            row.col(|ui| {
                ui.label(l.set.tasks.len().to_string());
            });
            row.col(|ui| {
                ui.label(l.set.models.len().to_string());
            });
            row.col(|ui| {
                ui.monospace(&p.sha256[..12.min(p.sha256.len())])
                    .on_hover_text(&p.sha256);
            });
            row.col(|ui| {
                ui.label(format!("{:.1} ms", p.load_time.as_secs_f64() * 1e3));
            });
            row.col(|ui| {
                let n = l.set.warnings.len();
                if n == 0 {
                    ui.label("ok");
                } else {
                    ui.colored_label(
                        crate::app::widgets::amber(ui),
                        format!("{n} warning{}", if n == 1 { "" } else { "s" }),
                    );
                }
            });
        }
        Status::Loading(job) => {
            for _ in 0..6 {
                row.col(|ui| {
                    ui.label("…");
                });
            }
            row.col(|ui| {
                ui.add(
                    egui::ProgressBar::new(job.fraction())
                        .desired_width(100.0)
                        .show_percentage(),
                );
                if ui.small_button("Cancel").clicked() {
                    job.cancel();
                }
            });
        }
        Status::Failed(_) => {
            for _ in 0..6 {
                row.col(|ui| {
                    ui.label("–");
                });
            }
            row.col(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, "cannot load");
            });
        }
    }
    clicked
}

fn kind_name(k: WarningKind) -> &'static str {
    match k {
        WarningKind::DuplicateAttempt => "duplicate attempts",
        WarningKind::TaskMissingForModel => "tasks missing for a model",
        WarningKind::MixedAttemptCounts => "mixed attempt counts",
        WarningKind::PassValueUnknown => "pass values outside the vocabulary",
        WarningKind::Unscored => "unscored samples",
        WarningKind::EvalSrm => "eval SRM",
        WarningKind::BadNumber => "bad numbers",
        WarningKind::Structure => "structure",
        WarningKind::SkippedRow => "skipped rows",
    }
}

fn provenance(ui: &mut egui::Ui, set: &EvalSet) {
    let p = &set.provenance;
    ui.label(egui::RichText::new("Provenance").strong());
    egui::Grid::new("data_provenance")
        .num_columns(2)
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            ui.label(egui::RichText::new("Path").weak());
            ui.add(egui::Label::new(p.path.as_str()).truncate())
                .on_hover_text(p.path.as_str());
            ui.end_row();
            kv(ui, "Format", p.format.name());
            let kind = match &set.kind {
                Kind::Eval => "graded attempts".to_owned(),
                Kind::Experiment { outcome, covariate } => format!(
                    "A/B event log (outcome {outcome}{})",
                    covariate
                        .as_ref()
                        .map(|c| format!(", covariate {c}"))
                        .unwrap_or_default()
                ),
                Kind::Labels { judge, humans } => format!(
                    "judge vs human labels ({}{})",
                    judge
                        .as_ref()
                        .map(|j| format!("judge {j}, "))
                        .unwrap_or_default(),
                    humans.join(", ")
                ),
            };
            kv(ui, "Kind", kind);
            kv(ui, "Rows", p.rows.to_string());
            kv(ui, "Tasks", set.tasks.len().to_string());
            kv(ui, "Models", set.models.len().to_string());
            kv(ui, "Size", format!("{} bytes", p.bytes));
            ui.label(egui::RichText::new("SHA-256").weak());
            ui.horizontal(|ui| {
                ui.monospace(&p.sha256[..16.min(p.sha256.len())])
                    .on_hover_text(&p.sha256);
                if ui
                    .small_button("Copy")
                    .on_hover_text("Copy the full hash")
                    .clicked()
                {
                    ui.ctx().copy_text(p.sha256.clone());
                }
            });
            ui.end_row();
            kv(
                ui,
                "Loaded in",
                format!("{:.1} ms", p.load_time.as_secs_f64() * 1e3),
            );
            kv(ui, "evalbench", env!("CARGO_PKG_VERSION"));
        });
}

fn summaries(ui: &mut egui::Ui, loaded: &Loaded) {
    ui.add_space(6.0);
    ui.label(egui::RichText::new("Models").strong());
    egui::Grid::new("data_models")
        .num_columns(4)
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for h in ["name", "tasks", "attempts", "pass@1 [Wilson 95 %]"] {
                ui.label(egui::RichText::new(h).weak());
            }
            ui.end_row();
            for m in &loaded.models {
                ui.label(&m.name);
                ui.label(m.tasks.to_string());
                ui.label(m.attempts.to_string());
                match (m.pass_at_1, m.low, m.high) {
                    (Some(p), Some(lo), Some(hi)) => ui.label(format!(
                        "{} [{}, {}]",
                        widgets::pct(p),
                        widgets::pct(lo),
                        widgets::pct(hi)
                    )),
                    _ => ui.label("–"),
                };
                ui.end_row();
            }
        });
    if !loaded.metrics.is_empty() {
        ui.add_space(6.0);
        ui.label(egui::RichText::new("Numeric columns").strong());
        egui::Grid::new("data_metrics")
            .num_columns(5)
            .striped(true)
            .spacing([18.0, 4.0])
            .show(ui, |ui| {
                for h in ["column", "n", "mean", "median", "p95"] {
                    ui.label(egui::RichText::new(h).weak());
                }
                ui.end_row();
                for m in &loaded.metrics {
                    ui.label(&m.name);
                    ui.label(m.n.to_string());
                    ui.label(widgets::num(m.mean));
                    ui.label(widgets::num(m.median));
                    ui.label(widgets::num(m.p95));
                    ui.end_row();
                }
            });
    }
}

/// The rows, virtualized: only visible rows are laid out, so a million rows scroll
/// as smoothly as ten.
fn preview(ui: &mut egui::Ui, set: &EvalSet) {
    let row_h = ui.text_style_height(&egui::TextStyle::Monospace) + 4.0;
    let mut headers: Vec<String> = vec![
        "line".into(),
        "task".into(),
        "model".into(),
        "attempt".into(),
    ];
    if let Some(f) = &set.pass_field {
        headers.push(format!("pass ({f})"));
    }
    headers.extend(set.metrics.iter().map(|m| m.name.clone()));
    headers.extend(set.labels.iter().map(|l| l.name.clone()));
    egui::ScrollArea::horizontal()
        .id_salt("data_preview_h")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("data_preview")
                .striped(true)
                .min_scrolled_height(200.0);
            for (i, _) in headers.iter().enumerate() {
                table = table.column(if i == 1 {
                    Column::initial(160.0).clip(true).resizable(true)
                } else {
                    Column::auto().resizable(true)
                });
            }
            table
                .header(row_h + 2.0, |mut h| {
                    for title in &headers {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_h, set.rows(), |mut row| {
                        let i = row.index();
                        row.col(|ui| {
                            ui.monospace(set.line[i].to_string());
                        });
                        row.col(|ui| {
                            ui.label(set.tasks.name(set.task[i]));
                        });
                        row.col(|ui| {
                            ui.label(set.models.name(set.model[i]));
                        });
                        row.col(|ui| {
                            ui.monospace(set.attempt[i].to_string());
                        });
                        if let Some(pass) = &set.pass {
                            row.col(|ui| {
                                ui.label(match pass[i] {
                                    Some(true) => "pass",
                                    Some(false) => "fail",
                                    None => "–",
                                });
                            });
                        }
                        for m in &set.metrics {
                            row.col(|ui| {
                                ui.monospace(
                                    m.values[i].map_or_else(|| "–".to_owned(), widgets::num),
                                );
                            });
                        }
                        for l in &set.labels {
                            row.col(|ui| {
                                ui.label(l.codes[i].map_or("–", |c| l.levels.name(c)));
                            });
                        }
                    });
                });
        });
}
