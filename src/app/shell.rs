//! The `eframe::App`: shell, navigation, top bar, status bar, and the saved session.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::export;
use super::jobs::Job;
use super::panels::data::{Action, DataPanel};
use super::panels::distributions::DistributionsPanel;
use super::panels::{self, PANELS, PanelId};
use super::workspace::{Source, Status, Workspace};
use crate::data::ColumnMapping;

/// Zoom that reads from the back of a classroom.
pub const PRESENTATION_ZOOM: f32 = 2.0;

/// What is saved between sessions (`#[serde(default)]`: old saves load after fields
/// are added).
#[derive(Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// The open panel.
    pub panel: PanelId,
    /// Zoom factor (1 = normal, 2 = presentation).
    pub zoom: f32,
    /// Dark theme.
    pub dark: bool,
    /// The seed every simulation uses.
    pub seed: u64,
    /// Whether the sample workspace is open.
    pub samples: bool,
    /// Files the user opened.
    pub files: Vec<PathBuf>,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Column mappings chosen in the Data panel, by file SHA-256.
    pub mappings: BTreeMap<String, ColumnMapping>,
    /// Where exports go (default `evalbench-exports`).
    pub export_dir: Option<PathBuf>,
    /// Data panel settings.
    pub data: DataPanel,
    /// Distributions panel settings.
    pub distributions: DistributionsPanel,
}

impl Default for Saved {
    fn default() -> Self {
        Self {
            panel: PanelId::Data,
            zoom: 1.0,
            dark: true,
            seed: 42,
            samples: true,
            files: Vec::new(),
            recent: Vec::new(),
            mappings: BTreeMap::new(),
            export_dir: None,
            data: DataPanel::default(),
            distributions: DistributionsPanel::default(),
        }
    }
}

/// The app.
pub struct EvalbenchApp {
    /// Saved state.
    pub saved: Saved,
    /// Loaded datasets.
    pub workspace: Workspace,
    outbox: export::Outbox,
    message: Option<(String, Instant)>,
    open_dialog: Option<Job<Vec<PathBuf>>>,
    frame_ms: VecDeque<f32>,
}

impl EvalbenchApp {
    /// Restores the saved session (if any) and opens `files` on top of it.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> Self {
        let saved = cc
            .storage
            .and_then(|s| eframe::get_value::<Saved>(s, eframe::APP_KEY))
            .unwrap_or_default();
        Self::with_saved(&cc.egui_ctx, saved, files)
    }

    /// Starts from `saved` (a restored session, or `Saved::default()`).
    #[must_use]
    pub fn with_saved(ctx: &egui::Context, saved: Saved, files: Vec<PathBuf>) -> Self {
        ctx.set_zoom_factor(saved.zoom.clamp(0.5, 4.0));
        ctx.set_theme(if saved.dark {
            egui::ThemePreference::Dark
        } else {
            egui::ThemePreference::Light
        });
        let mut app = Self {
            saved,
            workspace: Workspace::default(),
            outbox: Arc::new(Mutex::new(Vec::new())),
            message: None,
            open_dialog: None,
            frame_ms: VecDeque::new(),
        };
        if app.saved.samples {
            app.workspace.open_samples(ctx);
        }
        let restored = std::mem::take(&mut app.saved.files);
        for f in restored {
            app.open_file(ctx, f);
        }
        if let Some(first) = files.first() {
            app.saved.panel = PanelId::Data;
            app.saved.data.selected = Some(first.display().to_string());
        }
        for f in files {
            app.open_file(ctx, f);
        }
        app
    }

    /// Opens a file (a missing one is reported in the Data panel, not fatal).
    pub fn open_file(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.workspace.open(Source::File(path.clone()), None, ctx);
        self.saved.recent.retain(|p| p != &path);
        self.saved.recent.insert(0, path);
        self.saved.recent.truncate(10);
    }

    /// Mean time spent in `ui` over the last frames, in milliseconds.
    #[must_use]
    pub fn mean_frame_ms(&self) -> f32 {
        if self.frame_ms.is_empty() {
            0.0
        } else {
            self.frame_ms.iter().sum::<f32>() / self.frame_ms.len() as f32
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), Instant::now()));
    }

    fn export_dir(&self) -> PathBuf {
        self.saved
            .export_dir
            .clone()
            .unwrap_or_else(export::default_dir)
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)))
        {
            self.start_open_dialog(ctx);
        }
        let keys = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
            Key::Num0,
        ];
        for (k, info) in keys.iter().zip(PANELS.iter()) {
            if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, *k))) {
                self.saved.panel = info.id;
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.saved.panel = PanelId::Data;
            self.saved.data.selected = dropped.first().map(|p| p.display().to_string());
            for p in dropped {
                self.open_file(ctx, p);
            }
        }
    }

    fn start_open_dialog(&mut self, ctx: &egui::Context) {
        if self.open_dialog.is_some() {
            return;
        }
        // The native dialog blocks its thread, so it gets its own.
        self.open_dialog = Some(Job::spawn("open-dialog", ctx, |_| {
            rfd::FileDialog::new()
                .set_title("Open eval results")
                .add_filter(
                    "eval results",
                    &["csv", "tsv", "jsonl", "json", "eval", "gz"],
                )
                .add_filter("all files", &["*"])
                .pick_files()
                .unwrap_or_default()
        }));
    }

    fn poll(&mut self, ctx: &egui::Context) {
        self.workspace.poll();
        // Re-apply a remembered column mapping once a file's hash is known.
        let mut reload = Vec::new();
        for d in &self.workspace.datasets {
            if let (Status::Ready(l), None) = (&d.status, &d.mapping)
                && let Some(m) = self.saved.mappings.get(&l.set.provenance.sha256)
            {
                reload.push((d.source.clone(), m.clone()));
            }
        }
        for (source, m) in reload {
            self.workspace.open(source, Some(m), ctx);
        }
        if let Some(job) = &mut self.open_dialog
            && let Some(files) = job.poll()
        {
            self.open_dialog = None;
            if let Some(first) = files.first() {
                self.saved.data.selected = Some(first.display().to_string());
                self.saved.panel = PanelId::Data;
            }
            for f in files {
                self.open_file(ctx, f);
            }
        }
        let messages: Vec<String> = self
            .outbox
            .lock()
            .map(|mut o| o.drain(..).collect())
            .unwrap_or_default();
        if let Some(m) = messages.into_iter().last() {
            self.say(m);
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("evalbench").strong().size(18.0));
            ui.separator();
            if ui.button("Open…").on_hover_text("Open eval result files (Ctrl+O)").clicked() {
                self.start_open_dialog(&ctx);
            }
            let recent = self.saved.recent.clone();
            ui.add_enabled_ui(!recent.is_empty(), |ui| {
                ui.menu_button("Recent", |ui| {
                    for p in &recent {
                        if ui.button(p.display().to_string()).clicked() {
                            self.open_file(&ctx, p.clone());
                            self.saved.panel = PanelId::Data;
                            self.saved.data.selected = Some(p.display().to_string());
                            ui.close();
                        }
                    }
                });
            });
            ui.separator();
            let theme = if self.saved.dark { "Light theme" } else { "Dark theme" };
            if ui.button(theme).clicked() {
                self.saved.dark = !self.saved.dark;
                ctx.set_theme(if self.saved.dark { egui::ThemePreference::Dark } else { egui::ThemePreference::Light });
            }
            ui.separator();
            let zoom = ctx.zoom_factor();
            if ui.button("−").on_hover_text("Zoom out (Ctrl −)").clicked() {
                ctx.set_zoom_factor((zoom - 0.1).max(0.5));
            }
            if ui.button(format!("{:.0} %", zoom * 100.0)).on_hover_text("Reset zoom (Ctrl 0)").clicked() {
                ctx.set_zoom_factor(1.0);
            }
            if ui.button("+").on_hover_text("Zoom in (Ctrl +)").clicked() {
                ctx.set_zoom_factor((zoom + 0.1).min(4.0));
            }
            let presenting = (zoom - PRESENTATION_ZOOM).abs() < 0.01;
            if ui.selectable_label(presenting, "Present").on_hover_text("Presentation zoom: readable from the back of a classroom").clicked() {
                ctx.set_zoom_factor(if presenting { 1.0 } else { PRESENTATION_ZOOM });
            }
            ui.separator();
            let seed_label = ui.label("Seed");
            ui.add(egui::DragValue::new(&mut self.saved.seed).speed(1.0)).labelled_by(seed_label.id).on_hover_text(
                "The seed every simulation and bootstrap uses: the same seed gives the same numbers, for a class or a report",
            );
            if self.workspace.busy() || self.open_dialog.is_some() {
                ui.separator();
                ui.spinner();
            }
        });
    }

    fn nav(&mut self, ui: &mut egui::Ui) {
        let mut group = "";
        for (i, info) in PANELS.iter().enumerate() {
            if info.group != group {
                group = info.group;
                ui.add_space(8.0);
                ui.label(egui::RichText::new(group).small().weak());
            }
            let mut text = egui::RichText::new(info.title);
            if !info.built {
                text = text.weak();
            }
            let shortcut = if i < 9 {
                format!("Alt+{}", i + 1)
            } else {
                "Alt+0".into()
            };
            let hover = format!(
                "{} — lesson: {}{} ({shortcut})",
                info.title,
                info.lesson,
                if info.built {
                    ""
                } else {
                    " — coming in a later release"
                }
            );
            if ui
                .selectable_label(self.saved.panel == info.id, text)
                .on_hover_text(hover)
                .clicked()
            {
                self.saved.panel = info.id;
            }
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let ready = self.workspace.ready().count();
            let loading = self
                .workspace
                .datasets
                .iter()
                .filter(|d| matches!(d.status, Status::Loading(_)))
                .count();
            let failed = self
                .workspace
                .datasets
                .iter()
                .filter(|d| matches!(d.status, Status::Failed(_)))
                .count();
            ui.label(format!("{ready} files loaded"));
            if loading > 0 {
                ui.label(format!("· {loading} loading"));
            }
            if failed > 0 {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("· {failed} could not be read (see Data)"),
                );
            }
            ui.label(format!("· seed {}", self.saved.seed));
            if let Some((m, at)) = &self.message
                && at.elapsed() < Duration::from_secs(12)
            {
                ui.separator();
                ui.label(m);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    egui::RichText::new(format!("frame {:.1} ms", self.mean_frame_ms()))
                        .weak()
                        .small(),
                );
            });
        });
    }

    fn central(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        match self.saved.panel {
            PanelId::Data => {
                let actions = self
                    .saved
                    .data
                    .ui(ui, &mut self.workspace, &self.saved.mappings);
                for a in actions {
                    match a {
                        Action::Open => self.start_open_dialog(&ctx),
                        Action::OpenSamples => self.workspace.open_samples(&ctx),
                        Action::Reload(id, mapping) => {
                            if let Some(d) = self.workspace.get(id) {
                                let source = d.source.clone();
                                if let (Some(m), Some(l)) = (&mapping, d.ready()) {
                                    self.saved
                                        .mappings
                                        .insert(l.set.provenance.sha256.clone(), m.clone());
                                } else if let (None, Some(l)) = (&mapping, d.ready()) {
                                    self.saved.mappings.remove(&l.set.provenance.sha256);
                                }
                                self.workspace.open(source, mapping, &ctx);
                            }
                        }
                        Action::Remove(id) => self.workspace.remove(id),
                    }
                }
            }
            PanelId::Distributions => {
                let dir = self.export_dir();
                egui::ScrollArea::vertical()
                    .id_salt("distributions_scroll")
                    .show(ui, |ui| {
                        self.saved
                            .distributions
                            .ui(ui, &self.workspace, &dir, &self.outbox);
                    });
            }
            other => {
                egui::ScrollArea::vertical()
                    .id_salt("coming_soon_scroll")
                    .show(ui, |ui| panels::coming_soon(ui, other.info()));
            }
        }
    }

    fn drop_overlay(ctx: &egui::Context) {
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if !hovering {
            return;
        }
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("evalbench_drop"),
        ));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(180));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop to open",
            egui::TextStyle::Heading.resolve(&ctx.global_style()),
            egui::Color32::WHITE,
        );
    }
}

impl eframe::App for EvalbenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let start = Instant::now();
        let ctx = ui.ctx().clone();
        self.handle_input(&ctx);
        self.poll(&ctx);
        egui::Panel::top("evalbench_top").show(ui, |ui| self.top_bar(ui));
        egui::Panel::bottom("evalbench_status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::left("evalbench_nav")
            .resizable(false)
            .exact_size(190.0)
            .show(ui, |ui| self.nav(ui));
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));
        Self::drop_overlay(&ctx);
        if self.workspace.busy() {
            // Progress bars move while files load.
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.saved.zoom = ctx.zoom_factor();
        self.frame_ms.push_back(start.elapsed().as_secs_f32() * 1e3);
        if self.frame_ms.len() > 300 {
            self.frame_ms.pop_front();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.saved.files = self.workspace.files();
        self.saved.samples = self.workspace.has_samples();
        eframe::set_value(storage, eframe::APP_KEY, &self.saved);
    }
}
