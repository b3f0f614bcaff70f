//! Frame cost with the 1,000,000-row file loaded: the mean time of 300 frames of the
//! real app (egui_kittest Harness, no GPU), on the Data panel's row preview and on the
//! Distributions panel. Nothing O(rows) may run per frame: the target is under 8 ms.
//!
//! `cargo bench --bench frame` (uses `$EVALBENCH_BIG_CSV`, else the file
//! `cargo bench --bench load` generated in the temp folder).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use evalbench::app::panels::PanelId;
use evalbench::app::{EvalbenchApp, Saved};

fn wait(h: &mut Harness<'static, EvalbenchApp>, what: &str, done: impl Fn(&EvalbenchApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_mins(2),
            "timed out waiting for {what}"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.step();
}

/// Mean wall time per frame over `frames` steps, with the pointer moving over the
/// window so hover work is included.
fn measure(h: &mut Harness<'static, EvalbenchApp>, frames: usize) -> (f64, f32) {
    let start = Instant::now();
    for i in 0..frames {
        let x = 300.0 + (i % 100) as f32 * 8.0;
        h.hover_at(egui::pos2(x, 420.0));
        h.step();
    }
    (
        start.elapsed().as_secs_f64() * 1e3 / frames as f64,
        h.state().mean_frame_ms(),
    )
}

fn main() {
    let file = std::env::var("EVALBENCH_BIG_CSV").map_or_else(
        |_| std::env::temp_dir().join("evalbench-bench5/big.csv"),
        PathBuf::from,
    );
    assert!(
        file.exists(),
        "{} is missing: run `cargo bench --bench load` first or set EVALBENCH_BIG_CSV",
        file.display()
    );
    let saved = Saved {
        samples: false,
        ..Saved::default()
    };
    let files = vec![file.clone()];
    let mut h = Harness::builder()
        .with_size([1440.0, 920.0])
        .build_eframe(move |cc| EvalbenchApp::with_saved(&cc.egui_ctx, saved, files));
    wait(&mut h, "the 1M-row file", |a| !a.workspace.busy());
    let rows = h
        .state()
        .workspace
        .ready()
        .next()
        .map_or(0, |(_, l)| l.set.rows());
    println!("loaded {} ({rows} rows)", file.display());

    h.state_mut().saved.panel = PanelId::Data;
    h.state_mut().saved.data.show_preview = true;
    h.run_steps(5);
    let (data_wall, data_ui) = measure(&mut h, 300);

    h.state_mut().saved.panel = PanelId::Distributions;
    wait(&mut h, "the histogram of 1M latencies", |a| {
        a.saved.distributions.computed().is_some()
    });
    let (dist_wall, dist_ui) = measure(&mut h, 300);

    println!(
        "| panel (1M rows loaded) | mean frame, 300 frames (Harness step) | of which App::ui |"
    );
    println!("|---|---|---|");
    println!("| Data, row preview | {data_wall:.2} ms | {data_ui:.2} ms |");
    println!("| Distributions, histogram | {dist_wall:.2} ms | {dist_ui:.2} ms |");
}
