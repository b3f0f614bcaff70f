//! Loading the 1,000,000-row eval CSV of `../shared/bench/bench5_csv.py`, beside
//! pandas.read_csv on the same file in the same run.
//!
//! `cargo bench --bench load`: runs the Python script (which writes `big.csv` in a
//! scratch folder the first time and times pandas and the stdlib csv module), then
//! times `evalbench::data::load` on that file (median of 7) and measures its peak
//! resident memory in a fresh child process. `EVALBENCH_PYTHON` picks the interpreter
//! (default `../.venv/bin/python`); `EVALBENCH_BIG_CSV` skips Python and uses a file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use evalbench::data;

/// Peak resident set size of this process, from /proc (Linux).
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn main() {
    // Child mode: load once, report the peak memory.
    if let Ok(file) = std::env::var("EVALBENCH_LOAD_CHILD") {
        let set = data::load(Path::new(&file), None).expect("load");
        println!("{} {}", set.rows(), peak_rss_bytes().unwrap_or(0));
        return;
    }
    let (file, pandas) = if let Ok(f) = std::env::var("EVALBENCH_BIG_CSV") {
        (PathBuf::from(f), None)
    } else {
        let work = std::env::temp_dir().join("evalbench-bench5");
        std::fs::create_dir_all(&work).expect("scratch folder");
        let _ = std::fs::remove_file(work.join("results.jsonl"));
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/bench5_csv.py");
        eprintln!(
            "running {} (generates big.csv on first use)",
            script.display()
        );
        let ok = Command::new(common::python())
            .arg(&script)
            .current_dir(&work)
            .status()
            .is_ok_and(|s| s.success());
        let results = std::fs::read_to_string(work.join("results.jsonl")).unwrap_or_default();
        let pandas = results
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|v| v["label"] == "csv_pandas_read_csv")
            .and_then(|v| v["median_s"].as_f64());
        if !ok {
            eprintln!("python did not run; set EVALBENCH_PYTHON (needs numpy, pandas)");
        }
        (work.join("big.csv"), pandas)
    };
    let size = std::fs::metadata(&file).expect("big.csv").len();
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..7 {
        let t0 = Instant::now();
        let set = data::load(&file, None).expect("load");
        times.push(t0.elapsed().as_secs_f64());
        rows = set.rows();
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let child = Command::new(std::env::current_exe().expect("exe"))
        .env("EVALBENCH_LOAD_CHILD", &file)
        .output()
        .expect("child");
    let text = String::from_utf8_lossy(&child.stdout);
    let peak: u64 = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    println!(
        "\nload {} ({:.1} MiB, {rows} rows), {} threads",
        file.display(),
        size as f64 / 1_048_576.0,
        rayon::current_num_threads()
    );
    println!("| | evalbench | pandas.read_csv | ratio |");
    println!("|---|---|---|---|");
    match pandas {
        Some(p) => println!(
            "| time (median) | {:.3} s | {p:.3} s | {:.2}× faster |",
            median,
            p / median
        ),
        None => println!("| time (median) | {median:.3} s | not run | – |"),
    }
    println!(
        "| peak RSS | {:.0} MiB ({:.2}× the file) | | |",
        peak as f64 / 1_048_576.0,
        peak as f64 / size as f64
    );
    println!("all times: {times:?}");
}
