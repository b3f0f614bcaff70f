//! `evalbench analyze FILE... [--format F] [--json]` and
//! `evalbench compare FILE... [--a M] [--b M] [--seed S] [--json]`.

use std::fmt::Write;
use std::path::PathBuf;

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use serde_json::{Map, Value, json};

use super::CliError;
use crate::data::{self, EvalSet, Format, analysis};
use crate::stats::bootstrap::paired_bootstrap;
use crate::stats::paired::{Alternative, Claim, PairedCounts, sign_test};

/// Loads every file or fails with the first error.
pub fn load_all(files: &[PathBuf], format: Option<&str>) -> Result<Vec<EvalSet>, CliError> {
    let format = format
        .map(str::parse::<Format>)
        .transpose()
        .map_err(|e| CliError(format!("--format: {e}")))?;
    files
        .iter()
        .map(|f| data::load(f, format).map_err(|e| CliError(e.to_string())))
        .collect()
}

fn round(x: f64) -> Value {
    json!(x)
}

/// The JSON object `analyze --json` prints for one set.
#[must_use]
pub fn analyze_json(set: &EvalSet) -> Value {
    let models: Vec<Value> = analysis::models(set)
        .into_iter()
        .map(|m| {
            let curve: Map<String, Value> = m
                .pass_at_k
                .iter()
                .map(|(k, v)| (k.to_string(), round(*v)))
                .collect();
            json!({
                "name": m.name, "tasks": m.tasks, "attempts": m.attempts,
                "scored": m.scored, "passed": m.passed,
                "pass_at_1": m.pass_at_1, "low": m.low, "high": m.high,
                "pass_at_k": curve,
            })
        })
        .collect();
    let metrics: Vec<Value> = analysis::metrics(set)
        .into_iter()
        .map(
            |m| json!({"name": m.name, "n": m.n, "mean": m.mean, "median": m.median, "p95": m.p95}),
        )
        .collect();
    let warnings: Vec<Value> = set
        .warnings
        .iter()
        .map(|w| json!({"line": w.lines.first(), "field": w.field, "message": w.message, "count": w.count, "kind": w.kind, "lines": w.lines}))
        .collect();
    json!({
        "path": set.provenance.path,
        "format": set.provenance.format.name(),
        "kind": set.kind,
        "rows": set.provenance.rows,
        "tasks": set.tasks.len(),
        "sha256": set.provenance.sha256,
        "load_seconds": set.provenance.load_time.as_secs_f64(),
        "models": models,
        "metrics": metrics,
        "warnings": warnings,
    })
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |v| format!("{:.1} %", 100.0 * v))
}

/// The text `analyze` prints for one set.
#[must_use]
pub fn analyze_text(set: &EvalSet) -> String {
    let p = &set.provenance;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n  format {}, {} rows, {} tasks, {} models, sha256 {}, loaded in {:.3} s",
        p.path,
        p.format,
        p.rows,
        set.tasks.len(),
        set.models.len(),
        &p.sha256[..12.min(p.sha256.len())],
        p.load_time.as_secs_f64()
    );
    for m in analysis::models(set) {
        let _ = write!(
            out,
            "  model {}: {} tasks, {} attempts",
            m.name, m.tasks, m.attempts
        );
        if m.pass_at_1.is_some() {
            let _ = write!(
                out,
                ", pass@1 {} [{}, {}] (Wilson 95 %)",
                pct(m.pass_at_1),
                pct(m.low),
                pct(m.high)
            );
            if m.pass_at_k.len() > 1 {
                let ks: Vec<String> = m
                    .pass_at_k
                    .iter()
                    .filter(|(k, _)| {
                        [2, 5, 10, 20, 50, 100].contains(k) || *k == m.pass_at_k.len() as u64
                    })
                    .map(|(k, v)| format!("pass@{k} {:.1} %", 100.0 * v))
                    .collect();
                let _ = write!(out, "; {}", ks.join(", "));
            }
        }
        out.push('\n');
    }
    for m in analysis::metrics(set) {
        let _ = writeln!(
            out,
            "  {}: n {}, mean {:.4}, median {:.4}, p95 {:.4}",
            m.name, m.n, m.mean, m.median, m.p95
        );
    }
    for w in &set.warnings {
        let lines: Vec<String> = w.lines.iter().map(u64::to_string).collect();
        let at = if lines.is_empty() {
            String::new()
        } else {
            format!(" (lines {})", lines.join(", "))
        };
        let _ = writeln!(out, "  warning: {} [{}×]{at}", w.message, w.count);
    }
    out
}

/// Runs `analyze`.
pub fn analyze(files: &[PathBuf], format: Option<&str>, as_json: bool) -> Result<String, CliError> {
    let sets = load_all(files, format)?;
    if as_json {
        let all: Vec<Value> = sets.iter().map(analyze_json).collect();
        serde_json::to_string_pretty(&all)
            .map_err(|e| CliError(format!("could not render JSON: {e}")))
    } else {
        Ok(sets.iter().map(analyze_text).collect::<Vec<_>>().join("\n"))
    }
}

fn pick(
    sets: &[EvalSet],
    all: &[(String, data::paired::ModelRef)],
    name: Option<&str>,
    flag: &str,
    skip: Option<usize>,
) -> Result<usize, CliError> {
    match name {
        Some(n) => all.iter().position(|(m, _)| m == n).ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|(m, _)| m.as_str()).collect();
            CliError(format!("--{flag}: no model named {n:?}; the files have {}", names.join(", ")))
        }),
        None => (0..all.len()).find(|&i| Some(i) != skip).ok_or_else(|| {
            let only = all.first().map_or("none", |(m, _)| m.as_str());
            let files: Vec<&str> = sets.iter().map(|s| s.provenance.path.as_str()).collect();
            CliError(format!(
                "{}: only one model ({only}); compare needs two: add a second results file or name --a and --b",
                files.join(", ")
            ))
        }),
    }
}

/// Runs `compare`.
pub fn compare(
    files: &[PathBuf],
    format: Option<&str>,
    a: Option<&str>,
    b: Option<&str>,
    seed: u64,
    as_json: bool,
) -> Result<String, CliError> {
    let sets = load_all(files, format)?;
    let all = data::paired::models(&sets);
    let ia = pick(&sets, &all, a, "a", None)?;
    let ib = pick(&sets, &all, b, "b", Some(ia))?;
    if ia == ib {
        return Err(CliError(format!(
            "--b: is the same model as --a ({})",
            all[ia].0
        )));
    }
    let (ra, rb) = (all[ia].1, all[ib].1);
    for r in [ra, rb] {
        if sets[r.set].pass.is_none() {
            return Err(CliError(format!(
                "{}: has no pass column, so there is nothing to compare",
                sets[r.set].provenance.path
            )));
        }
    }
    let view = data::paired::paired(&sets, ra, rb);
    let counts =
        PairedCounts::from_outcomes(&view.a, &view.b).map_err(|e| CliError(e.to_string()))?;
    if counts.total() == 0 {
        return Err(CliError(format!(
            "{} and {} share no scored task ids",
            all[ia].0, all[ib].0
        )));
    }
    let test = sign_test(counts.b_only, counts.a_only, Alternative::TwoSided);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let boot =
        paired_bootstrap(counts, 20_000, 0.95, &mut rng).map_err(|e| CliError(e.to_string()))?;
    let claim = Claim::from_interval(boot.low, boot.high);
    if as_json {
        let value = json!({
            "a": all[ia].0, "b": all[ib].0,
            "tasks_shared": view.tasks.len(),
            "only_a": view.only_a.len(), "only_b": view.only_b.len(),
            "only_a_tasks": view.only_a, "only_b_tasks": view.only_b,
            "both_pass": counts.both_pass, "both_fail": counts.both_fail,
            "b_only": counts.b_only, "a_only": counts.a_only,
            "lift": boot.estimate, "p_value": test.p_value,
            "low": boot.low, "high": boot.high,
            "claim": claim.as_str(),
            "seed": seed, "resamples": 20_000,
        });
        return serde_json::to_string_pretty(&value)
            .map_err(|e| CliError(format!("could not render JSON: {e}")));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "A = {}, B = {}: {} shared tasks",
        all[ia].0,
        all[ib].0,
        view.tasks.len()
    );
    let _ = writeln!(
        out,
        "  both pass {}, both fail {}, B only {}, A only {}",
        counts.both_pass, counts.both_fail, counts.b_only, counts.a_only
    );
    let _ = writeln!(
        out,
        "  exact sign test (two-sided): p = {:.4}",
        test.p_value
    );
    let _ = writeln!(
        out,
        "  paired bootstrap (20,000 resamples, seed {seed}): lift {:+.1} pp, 95 % [{:+.1}, {:+.1}] pp",
        100.0 * boot.estimate,
        100.0 * boot.low,
        100.0 * boot.high
    );
    let _ = writeln!(
        out,
        "  claim: {}",
        claim.wording(boot.estimate, boot.low, boot.high, 0.95)
    );
    if !view.only_a.is_empty() || !view.only_b.is_empty() {
        let _ = writeln!(
            out,
            "  tasks for one side only: A {}, B {}",
            view.only_a.len(),
            view.only_b.len()
        );
    }
    Ok(out)
}
