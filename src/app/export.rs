//! Exports: a plot as PNG (a screenshot of its rectangle) and its numbers as CSV,
//! written on a worker thread into the export folder.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where exports go unless the user picked a folder: `$EVALBENCH_EXPORT_DIR`, else
/// `evalbench-exports` in the working directory.
#[must_use]
pub fn default_dir() -> PathBuf {
    std::env::var_os("EVALBENCH_EXPORT_DIR")
        .map_or_else(|| PathBuf::from("evalbench-exports"), PathBuf::from)
}

/// Messages from export threads to the status line.
pub type Outbox = Arc<Mutex<Vec<String>>>;

/// A file name made safe: letters, digits, `-`, `_`, `.`.
#[must_use]
pub fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn stamp() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("{secs}")
}

fn post(outbox: &Outbox, ctx: &egui::Context, message: String) {
    if let Ok(mut o) = outbox.lock() {
        o.push(message);
    }
    ctx.request_repaint();
}

/// Writes `text` to `<dir>/<name>-<time>.csv` on a worker thread.
pub fn csv(dir: &Path, name: &str, text: String, outbox: &Outbox, ctx: &egui::Context) {
    let path = dir.join(format!("{}-{}.csv", slug(name), stamp()));
    let outbox = Arc::clone(outbox);
    let ctx = ctx.clone();
    let _ = std::thread::Builder::new()
        .name("evalbench-export".into())
        .spawn(move || {
            let result = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&path, text));
            let message = match result {
                Ok(()) => format!("Saved {}", path.display()),
                Err(e) => format!("Could not save {}: {e}", path.display()),
            };
            post(&outbox, &ctx, message);
        });
}

/// Asks for a screenshot and saves the part inside `rect` (points) as a PNG.
pub fn png(dir: &Path, name: &str, rect: egui::Rect, outbox: &Outbox, ctx: &egui::Context) {
    let path = dir.join(format!("{}-{}.png", slug(name), stamp()));
    let ppp = ctx.pixels_per_point();
    let outbox = Arc::clone(outbox);
    let repaint = ctx.clone();
    ctx.request_screenshot(move |image| {
        // Encode off the UI thread.
        let _ = std::thread::Builder::new()
            .name("evalbench-export".into())
            .spawn(move || {
                let message = match save_region(&image, rect, ppp, &path) {
                    Ok(()) => format!("Saved {}", path.display()),
                    Err(e) => format!("Could not save {}: {e}", path.display()),
                };
                post(&outbox, &repaint, message);
            });
    });
}

fn save_region(
    image: &egui::ColorImage,
    rect: egui::Rect,
    ppp: f32,
    path: &Path,
) -> Result<(), String> {
    let [w, h] = image.size;
    let x0 = ((rect.min.x * ppp).floor().max(0.0) as usize).min(w);
    let y0 = ((rect.min.y * ppp).floor().max(0.0) as usize).min(h);
    let x1 = ((rect.max.x * ppp).ceil().max(0.0) as usize).min(w);
    let y1 = ((rect.max.y * ppp).ceil().max(0.0) as usize).min(h);
    if x1 <= x0 || y1 <= y0 {
        return Err("the plot is not on screen".into());
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for px in &image.pixels[y * w + x0..y * w + x1] {
            rgba.extend_from_slice(&px.to_array());
        }
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    image::save_buffer(
        path,
        &rgba,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
        image::ColorType::Rgba8,
    )
    .map_err(|e| e.to_string())
}
