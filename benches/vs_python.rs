//! evalbench against the Python references of `../shared/bench/`, in one run.
//!
//! `cargo bench --bench vs_python` times each workload here (median of several runs),
//! then runs the matching numpy/scipy script on the same machine and prints the ratio.
//! Python: `$EVALBENCH_PYTHON`, else `../.venv/bin/python`, else `python3` (needs numpy,
//! scipy, pandas). Scripts: `$EVALBENCH_PYBENCH`, else `../shared/bench`.
//! `EVALBENCH_BENCH_QUICK=1` skips the two slowest workloads (the numpy 1M-median
//! bootstrap, 5 × 28 s, and evalbench's index-resampling median bootstrap).

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use evalbench::stats::bootstrap::{bootstrap, bootstrap_quantile, median, paired_bootstrap};
use evalbench::stats::paired::PairedCounts;
use evalbench::stats::pass_at_k::{PassCounts, pass_at_k_curve};
use evalbench::stats::peeking::{PeekingConfig, simulate_peeking};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, LogNormal};

/// Runs `f` `runs` times; returns the median seconds and the first result.
fn time<R>(runs: usize, mut f: impl FnMut() -> R) -> (f64, R) {
    let mut times = Vec::with_capacity(runs);
    let mut first = None;
    for _ in 0..runs {
        let t0 = Instant::now();
        let r = f();
        times.push(t0.elapsed().as_secs_f64());
        first.get_or_insert(r);
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], first.expect("at least one run"))
}

/// Runs one reference script; returns label → (median seconds, printed result).
fn run_python(script: &str, args: &[&str]) -> HashMap<String, (f64, String)> {
    let dir = std::env::var("EVALBENCH_PYBENCH").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench"),
        PathBuf::from,
    );
    let work = std::env::temp_dir().join(format!("evalbench-pybench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&work);
    let _ = std::fs::remove_file(work.join("results.jsonl"));
    eprintln!("running python {script} {}", args.join(" "));
    let status = Command::new(common::python())
        .arg(dir.join(script))
        .args(args)
        .current_dir(&work)
        .status();
    let mut out = HashMap::new();
    match status {
        Ok(s) if s.success() => {
            let text = std::fs::read_to_string(work.join("results.jsonl")).unwrap_or_default();
            for line in text.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    let label = v["label"].as_str().unwrap_or_default().to_owned();
                    let median = v["median_s"].as_f64().unwrap_or(f64::NAN);
                    out.insert(
                        label,
                        (median, v["result"].as_str().unwrap_or_default().to_owned()),
                    );
                }
            }
        }
        other => eprintln!("python {script} did not run: {other:?} (set EVALBENCH_PYTHON)"),
    }
    out
}

struct Row {
    workload: &'static str,
    rust_s: f64,
    rust_result: String,
    python_label: &'static str,
    target: &'static str,
}

fn main() {
    // cargo bench passes --bench; a filter is not supported here.
    let quick = std::env::var("EVALBENCH_BENCH_QUICK").is_ok_and(|v| v == "1");
    let threads = rayon::current_num_threads();
    let mut rows = Vec::new();

    peeking(&mut rows);
    paired(&mut rows);
    median_1m(&mut rows, quick);
    passk(&mut rows);

    // The Python references, same machine, same sitting.
    let mut py = run_python("bench1_peeking.py", &[]);
    let mut parts = vec!["small", "10k", "10k_multinomial"];
    if !quick {
        parts.push("1m");
    }
    py.extend(run_python("bench2_bootstrap.py", &parts));
    py.extend(run_python("bench3_passk.py", &[]));
    report(&rows, &py, threads);
}

/// Peeking 5,000 × 20 × 100 at 0.40.
fn peeking(rows: &mut Vec<Row>) {
    let config = PeekingConfig::LESSON;
    let (s, r) = time(31, || simulate_peeking(&config, 11, None).expect("peeking"));
    let result = format!(
        "planned {:.2} %, peek {:.2} %",
        100.0 * r.planned_false_win,
        100.0 * r.peek_false_win
    );
    for label in ["peek_loop", "peek_vectorized"] {
        rows.push(Row {
            workload: "peeking 5,000 × 20 × 100",
            rust_s: s,
            rust_result: result.clone(),
            python_label: label,
            target: "< 50 ms, ≥ 100× the loop",
        });
    }
}

/// Paired bootstrap, 10,000 tasks × 10,000 resamples from per-task outcomes, and the
/// lesson's 40 tasks × 20,000.
fn paired(rows: &mut Vec<Row>) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(2024);
    let (mut a, mut b) = (Vec::with_capacity(10_000), Vec::with_capacity(10_000));
    for _ in 0..10_000 {
        let difficulty: f64 = rng.random();
        a.push(rng.random::<f64>() < 0.3 + 0.8 * difficulty * 0.85);
        b.push(rng.random::<f64>() < 0.3 + 0.8 * difficulty * 0.88);
    }
    let (s, r) = time(31, || {
        let counts = PairedCounts::from_outcomes(&a, &b).expect("same length");
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        paired_bootstrap(counts, 10_000, 0.95, &mut rng).expect("bootstrap")
    });
    let result = format!(
        "lift {:+.3} pp [{:+.3}, {:+.3}]",
        100.0 * r.estimate,
        100.0 * r.low,
        100.0 * r.high
    );
    for label in [
        "boot_paired_N1e4_B1e4_choice",
        "boot_paired_N1e4_B1e4_multinomial",
    ] {
        rows.push(Row {
            workload: "paired bootstrap 10,000 tasks × 10,000",
            rust_s: s,
            rust_result: result.clone(),
            python_label: label,
            target: "< 50 ms, ≥ 100× numpy",
        });
    }

    let counts = PairedCounts {
        both_pass: 17,
        both_fail: 10,
        b_only: 8,
        a_only: 5,
    };
    let (s, r) = time(31, || {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        paired_bootstrap(counts, 20_000, 0.95, &mut rng).expect("bootstrap")
    });
    rows.push(Row {
        workload: "paired bootstrap 40 tasks × 20,000 (lesson)",
        rust_s: s,
        rust_result: format!("[{:+.2}, {:+.2}] pp", 100.0 * r.low, 100.0 * r.high),
        python_label: "boot_small_40x20000",
        target: "",
    });
}

/// Bootstrap of the median of 1,000,000 lognormal latencies × 1,000 resamples.
fn median_1m(rows: &mut Vec<Row>, quick: bool) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(99);
    let dist = LogNormal::new(800f64.ln(), 0.6).expect("lognormal");
    let latencies: Vec<f64> = (0..1_000_000).map(|_| dist.sample(&mut rng)).collect();
    let (s, r) = time(11, || {
        bootstrap_quantile(&latencies, 0.5, 1_000, 0.95, 7, None).expect("bootstrap")
    });
    rows.push(Row {
        workload: "median bootstrap 1M × 1,000 (order statistics)",
        rust_s: s,
        rust_result: format!("median {:.2} [{:.2}, {:.2}]", r.estimate, r.low, r.high),
        python_label: "boot_median_N1e6_B1e3",
        target: "≥ 10× numpy",
    });
    if !quick {
        let (s, r) = time(1, || {
            bootstrap(&latencies, median, 1_000, 0.95, 7, None).expect("bootstrap")
        });
        rows.push(Row {
            workload: "median bootstrap 1M × 1,000 (index resampling)",
            rust_s: s,
            rust_result: format!("median {:.2} [{:.2}, {:.2}]", r.estimate, r.low, r.high),
            python_label: "boot_median_N1e6_B1e3",
            target: "",
        });
    }
}

/// pass@k curve, 164 tasks, n = 200.
fn passk(rows: &mut Vec<Row>) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(164);
    let tasks: Vec<PassCounts> = (0..164)
        .map(|_| PassCounts::new(200, rng.random_range(0..=200)).expect("counts"))
        .collect();
    let (s, r) = time(101, || pass_at_k_curve(&tasks).expect("curve"));
    for label in ["passk_loop_164x200", "passk_vec_logcumsum"] {
        rows.push(Row {
            workload: "pass@k curve k = 1..200, 164 tasks",
            rust_s: s,
            rust_result: format!(
                "pass@1 {:.4}, pass@10 {:.4}",
                r.pass_at_k[0], r.pass_at_k[9]
            ),
            python_label: label,
            target: "",
        });
    }
}

/// Prints the comparison table.
fn report(rows: &[Row], py: &HashMap<String, (f64, String)>, threads: usize) {
    println!("\nevalbench vs Python references ({threads} threads; medians)\n");
    println!(
        "| workload | evalbench | evalbench result | reference | reference time | ratio | target |"
    );
    println!("|---|---|---|---|---|---|---|");
    for row in rows {
        let (py_time, ratio) = match py.get(row.python_label) {
            Some((t, _)) => (fmt_s(*t), fmt_ratio(t / row.rust_s)),
            None => ("not run".into(), "–".into()),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.workload,
            fmt_s(row.rust_s),
            row.rust_result,
            row.python_label,
            py_time,
            ratio,
            row.target
        );
    }
    println!("\nreference results:");
    let mut labels: Vec<_> = py.iter().collect();
    labels.sort_by_key(|(k, _)| k.as_str());
    for (label, (t, result)) in labels {
        println!("  {label}: {} — {result}", fmt_s(*t));
    }
}

fn fmt_s(s: f64) -> String {
    if s < 1e-3 {
        format!("{:.0} µs", s * 1e6)
    } else if s < 1.0 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

fn fmt_ratio(r: f64) -> String {
    if r < 10.0 {
        format!("{r:.1}×")
    } else {
        format!("{r:.0}×")
    }
}
