//! The real app driven through its accessibility tree with egui_kittest: no display,
//! no GPU.

use std::path::PathBuf;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use evalbench::app::panels::PanelId;
use evalbench::app::panels::distributions::Overlay;
use evalbench::app::workspace::Status;
use evalbench::app::{EvalbenchApp, Saved};

fn harness(saved: Saved, files: Vec<PathBuf>) -> Harness<'static, EvalbenchApp> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| EvalbenchApp::with_saved(&cc.egui_ctx, saved, files))
}

/// Steps frames until `done` holds (background jobs finish on their own threads).
fn step_until(
    h: &mut Harness<'static, EvalbenchApp>,
    what: &str,
    done: impl Fn(&EvalbenchApp) -> bool,
) -> usize {
    for frame in 1..=3_000 {
        h.step();
        if done(h.state()) {
            h.step();
            return frame;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("gave up waiting for {what}");
}

fn loaded(app: &EvalbenchApp) -> bool {
    !app.workspace.datasets.is_empty() && !app.workspace.busy()
}

/// Scrolls a widget into view, then clicks it (a click lands where the widget is drawn).
fn click_in_view(h: &mut Harness<'static, EvalbenchApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("evalbench-ui-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("write temp file");
    path
}

#[test]
fn opens_on_the_sample_workspace() {
    let mut h = harness(Saved::default(), Vec::new());
    step_until(&mut h, "the samples", loaded);
    let app = h.state();
    assert_eq!(app.workspace.ready().count(), 6);
    assert_eq!(app.saved.panel, PanelId::Data);
    // Selecting a file shows its details; the Rows tab shows its rows.
    h.get_by_label("support_traces.jsonl (sample)").click();
    h.run_steps(2);
    assert_eq!(
        h.state().saved.data.selected.as_deref(),
        Some("sample_data/support_traces.jsonl")
    );
    h.get_by_label("Rows (600)").click();
    h.run_steps(2);
    h.get_by_label("req-0001");
    // Panels not built yet say so, with no controls.
    h.get_by_label("Peeking lab").click();
    h.step();
    h.get_by_label("Coming in a later release");
}

#[test]
fn distributions_column_overlay_log_x_and_practice() {
    let mut h = harness(Saved::default(), Vec::new());
    step_until(&mut h, "the samples", loaded);
    h.get_by_label("Distributions").click();
    step_until(&mut h, "the first histogram", |a| {
        a.saved.distributions.computed().is_some()
    });
    assert_eq!(h.state().saved.panel, PanelId::Distributions);
    assert_eq!(
        h.state().saved.distributions.column.as_deref(),
        Some("latency_s")
    );

    // Switch the column to tool_calls.
    h.get_by_label("Column").click();
    h.run_steps(3);
    h.get_by_label("tool_calls").click();
    h.run_steps(2);
    assert_eq!(
        h.state().saved.distributions.column.as_deref(),
        Some("tool_calls")
    );
    // Overlay by intent.
    h.get_by_label("Overlay").click();
    h.run_steps(3);
    h.get_by_label("intent").click();
    h.run_steps(2);
    assert_eq!(
        h.state().saved.distributions.overlay,
        Overlay::Label("intent".into())
    );
    step_until(&mut h, "the overlaid histogram", |a| {
        a.saved
            .distributions
            .computed()
            .is_some_and(|d| d.groups.len() == 5)
    });
    // Counts get the Poisson warning.
    let d = h.state().saved.distributions.computed().unwrap().clone();
    assert!(d.integer && d.column == "tool_calls");
    assert!(
        h.get_all_by_label_contains("Poisson understates bursts.")
            .count()
            >= 1
    );
    // Log x.
    h.get_by_label("Log x").click();
    h.step();
    assert!(h.state().saved.distributions.log_x);
    step_until(&mut h, "the log-x histogram", |a| {
        a.saved.distributions.computed().is_some_and(|d| d.log_x)
    });

    // Practice: answer question 1 and check it.
    click_in_view(
        &mut h,
        "The median and the p95 (and p99), because users feel the tail",
    );
    click_in_view(&mut h, "Check answer 1");
    let answers = &h.state().saved.distributions.answers;
    assert_eq!((answers.chosen[0], answers.checked[0]), (Some(1), true));
    h.get_by_label("Correct");
    // A wrong answer is marked too.
    click_in_view(&mut h, "Fine: counts are Poisson");
    click_in_view(&mut h, "Check answer 2");
    h.get_by_label("Not quite");
}

#[test]
fn normal_fit_warns_about_mass_below_zero() {
    let mut h = harness(Saved::default(), Vec::new());
    step_until(&mut h, "the samples", loaded);
    h.get_by_label("Distributions").click();
    step_until(&mut h, "the histogram", |a| {
        a.saved.distributions.computed().is_some()
    });
    h.get_by_label("Normal").click();
    h.step();
    h.get_by_label_contains("of its mass below zero");
}

#[test]
fn a_bad_file_shows_its_error_in_the_data_panel() {
    let bad = temp_file("ragged.csv", "task_id,model,passed\nt1,a,1\nt2,a\n");
    let saved = Saved {
        samples: false,
        ..Saved::default()
    };
    let mut h = harness(saved, vec![bad.clone()]);
    step_until(&mut h, "the bad file", loaded);
    assert!(matches!(
        h.state().workspace.datasets[0].status,
        Status::Failed(_)
    ));
    h.get_by_label_contains("line 3, field \"passed\": has 2 fields but the header has 3");
    // Its line can be shown.
    h.get_by_label("Show line 3").click();
    step_until(&mut h, "the source line", |_| true);
    for _ in 0..200 {
        h.step();
        if h.query_by_label_contains("t2,a").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h.get_by_label_contains("t2,a");
    let _ = std::fs::remove_file(bad);
}

/// An in-memory `eframe::Storage`, as eframe's own persistence would write it.
#[derive(Default)]
struct Memory(std::collections::HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn restart_restores_panel_files_and_settings() {
    let extra = temp_file(
        "extra.csv",
        "task_id,model,passed,latency_ms\nt1,a,1,10\nt2,a,0,12\n",
    );
    let mut h = harness(Saved::default(), vec![extra.clone()]);
    step_until(&mut h, "the files", loaded);
    h.get_by_label("Distributions").click();
    step_until(&mut h, "the histogram", |a| {
        a.saved.distributions.computed().is_some()
    });
    h.get_by_label("Log x").click();
    h.step();
    let mut storage = Memory::default();
    eframe::App::save(h.state_mut(), &mut storage);

    // A new session from what was saved.
    let restored: Saved = eframe::get_value(&storage, eframe::APP_KEY).expect("saved state");
    let mut h2 = harness(restored, Vec::new());
    step_until(&mut h2, "the restored files", loaded);
    let app = h2.state();
    assert_eq!(app.saved.panel, PanelId::Distributions);
    assert!(app.saved.distributions.log_x);
    assert_eq!(
        app.workspace.ready().count(),
        7,
        "six samples and the extra file"
    );
    assert!(app.workspace.files().contains(&extra));
    let _ = std::fs::remove_file(&extra);

    // A file that disappeared between sessions is reported, not fatal.
    let mut h3 = harness(
        eframe::get_value(&storage, eframe::APP_KEY).expect("saved"),
        Vec::new(),
    );
    step_until(&mut h3, "the restored files", loaded);
    let missing = h3
        .state()
        .workspace
        .datasets
        .iter()
        .find(|d| matches!(d.status, Status::Failed(_)));
    assert!(missing.is_some(), "the removed file should show as failed");
}

#[test]
fn loading_a_large_file_keeps_frames_coming() {
    let mut text = String::from("task_id,model,attempt,passed,latency_ms\n");
    for i in 0..300_000u32 {
        use std::fmt::Write;
        let _ = writeln!(
            text,
            "task-{},m{},1,{},{}.5",
            i % 5_000,
            i % 4,
            i % 3 == 0,
            100 + i % 977
        );
    }
    let big = temp_file("big.csv", &text);
    let saved = Saved {
        samples: false,
        ..Saved::default()
    };
    let mut h = harness(saved, vec![big.clone()]);
    // The first frame returns while the file is still being read on a worker thread.
    h.step();
    assert!(
        h.state().workspace.busy(),
        "the load should not happen on the UI thread"
    );
    h.get_by_label_contains("Loading");
    let frames = step_until(&mut h, "the big file", loaded);
    assert!(frames > 1, "frames kept coming while loading ({frames})");
    assert_eq!(
        h.state()
            .workspace
            .ready()
            .next()
            .map(|(_, l)| l.set.rows()),
        Some(300_000)
    );
    let _ = std::fs::remove_file(big);
}

#[test]
fn column_mapping_editor_reloads_and_remembers_by_hash() {
    let odd = temp_file(
        "odd.csv",
        "q,who,ok,ms\nq1,alpha,yes,10\nq2,alpha,no,12\nq1,beta,yes,9\n",
    );
    let saved = Saved {
        samples: false,
        ..Saved::default()
    };
    let mut h = harness(saved, vec![odd.clone()]);
    step_until(&mut h, "the odd file", loaded);
    h.get_by_label("Detection was unsure: edit the column mapping")
        .click();
    h.run_steps(2);
    for (role, column) in [("Task id", "q"), ("Model / arm", "who"), ("Pass", "ok")] {
        h.get_by_label(role).click();
        h.run_steps(3);
        // The popup lists the columns; pick the one for this role.
        h.get_all_by_label(column)
            .last()
            .expect("column in the popup")
            .click();
        h.run_steps(2);
    }
    h.get_by_label("Apply and reload").click();
    step_until(&mut h, "the reload", loaded);
    let app = h.state();
    let set = &app.workspace.ready().next().expect("loaded").1.set;
    assert_eq!(set.tasks.names(), ["q1", "q2"]);
    assert_eq!(set.models.names(), ["alpha", "beta"]);
    assert!(set.pass.is_some());
    assert_eq!(
        app.saved
            .mappings
            .get(&set.provenance.sha256)
            .map(evalbench::data::ColumnMapping::is_auto),
        Some(false)
    );
    let _ = std::fs::remove_file(odd);
}
