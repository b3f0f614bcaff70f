//! Widgets shared by panels.

pub mod practice;

/// A "label: value" row in a two-column grid.
pub fn kv(ui: &mut egui::Ui, key: &str, value: impl Into<egui::WidgetText>) {
    ui.label(egui::RichText::new(key).weak());
    ui.label(value);
    ui.end_row();
}

/// The warning colour of the current theme.
#[must_use]
pub fn amber(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(240, 180, 60)
    } else {
        egui::Color32::from_rgb(150, 90, 0)
    }
}

/// A warning callout (amber), for shape warnings and data problems.
pub fn callout(ui: &mut egui::Ui, text: &str) {
    let color = amber(ui);
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(color, egui::RichText::new("Warning:").strong());
                ui.label(text);
            });
        });
}

/// An error callout (red).
pub fn error_box(ui: &mut egui::Ui, text: &str) {
    let color = ui.visuals().error_fg_color;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(color, egui::RichText::new("Error:").strong());
                ui.label(text);
            });
        });
}

/// Formats a fraction as a percentage with one decimal.
#[must_use]
pub fn pct(x: f64) -> String {
    format!("{:.1} %", 100.0 * x)
}

/// Formats a number compactly for tables (4 significant digits, thousands kept whole).
#[must_use]
pub fn num(x: f64) -> String {
    let a = x.abs();
    if x.fract() == 0.0 && a < 1e12 {
        format!("{x:.0}")
    } else if a == 0.0 {
        "0".into()
    } else if !(1e-3..1e6).contains(&a) {
        format!("{x:.3e}")
    } else if a >= 1000.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.4}")
    }
}
