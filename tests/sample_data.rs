//! The bundled sample workspace loads with exactly the facts `sample_data/README.md`
//! states (written by `scripts/make_sample_data.py` from the files themselves), and the
//! data commands print them.

use std::path::{Path, PathBuf};
use std::process::Command;

use evalbench::data::{self, EvalSet, Kind, analysis};
use evalbench::stats::agreement::{cohen_kappa, spearman};
use evalbench::stats::distributions::{overdispersion, quantile};
use evalbench::stats::experiment::cuped_theta;
use evalbench::stats::paired::PairedCounts;

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data")
        .join(name)
}

fn load(name: &str) -> EvalSet {
    data::load(&path(name), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[track_caller]
fn close(got: f64, want: f64, decimals: i32) {
    assert!(
        (got - want).abs() <= 0.5 * 10f64.powi(-decimals),
        "got {got}, want {want}"
    );
}

fn column(set: &EvalSet, name: &str) -> Vec<f64> {
    set.metric(name)
        .unwrap_or_else(|| panic!("no column {name}"))
        .values
        .iter()
        .map(|v| v.expect("value"))
        .collect()
}

#[test]
fn paired_coding_assistants() {
    let set = load("paired_coding_assistants.csv");
    assert_eq!((set.rows(), set.tasks.len(), set.models.len()), (80, 40, 2));
    let models = analysis::models(&set);
    assert_eq!(
        (models[0].name.as_str(), models[0].passed),
        ("assistant-a", 22)
    );
    assert_eq!(
        (models[1].name.as_str(), models[1].passed),
        ("assistant-b", 25)
    );
    let sets = vec![set];
    let refs = data::paired::models(&sets);
    let view = data::paired::paired(&sets, refs[0].1, refs[1].1);
    let t = PairedCounts::from_outcomes(&view.a, &view.b).unwrap();
    assert_eq!(
        (t.both_pass, t.both_fail, t.b_only, t.a_only),
        (17, 10, 8, 5)
    );
    assert!(sets[0].warnings.is_empty(), "{:?}", sets[0].warnings);
}

#[test]
fn passk_candidates() {
    let set = load("passk_candidates.csv");
    assert_eq!((set.rows(), set.tasks.len()), (200, 20));
    let correct: Vec<u64> = set.task_counts(0).iter().map(|c| c.c).collect();
    assert_eq!(
        correct,
        [
            0, 1, 2, 4, 9, 4, 10, 0, 0, 5, 10, 8, 1, 9, 9, 7, 0, 2, 5, 10
        ]
    );
    let m = &analysis::models(&set)[0];
    let at = |k: u64| m.pass_at_k.iter().find(|(kk, _)| *kk == k).unwrap().1;
    close(at(1), 0.48, 12);
    close(at(2), 269.0 / 450.0, 12);
    close(at(5), 29.0 / 40.0, 12);
    close(at(10), 0.8, 12);
}

#[test]
fn support_traces() {
    let set = load("support_traces.jsonl");
    assert_eq!(set.rows(), 600);
    assert_eq!(analysis::models(&set)[0].passed, 442);
    let d = overdispersion(&column(&set, "tool_calls")).unwrap();
    close(d.ratio, 4.449_243, 6);
    close(
        quantile(&column(&set, "latency_s"), 0.5).unwrap(),
        6.0555,
        4,
    );
    assert!(
        set.labels
            .iter()
            .any(|l| l.name == "intent" && l.levels.len() == 5)
    );
}

#[test]
fn ab_query_rewrite() {
    let set = load("ab_query_rewrite.csv");
    assert_eq!(
        set.kind,
        Kind::Experiment {
            outcome: "resolved".into(),
            covariate: Some("pre_period_resolved".into())
        }
    );
    let arms = analysis::models(&set);
    let arm = |n: &str| arms.iter().find(|a| a.name == n).unwrap().clone();
    assert_eq!((arm("control").scored, arm("control").passed), (2000, 760));
    assert_eq!(
        (arm("treatment").scored, arm("treatment").passed),
        (2000, 840)
    );
    let y: Vec<f64> = set
        .pass
        .as_ref()
        .unwrap()
        .iter()
        .map(|p| f64::from(u8::from(p.unwrap())))
        .collect();
    close(
        cuped_theta(&y, &column(&set, "pre_period_resolved")).unwrap(),
        0.868_011,
        6,
    );
}

#[test]
fn judge_vs_humans() {
    let set = load("judge_vs_humans.csv");
    assert_eq!(
        set.kind,
        Kind::Labels {
            judge: Some("judge_score".into()),
            humans: vec!["human_1".into(), "human_2".into()]
        }
    );
    let (j, h1, h2) = (
        column(&set, "judge_score"),
        column(&set, "human_1"),
        column(&set, "human_2"),
    );
    close(spearman(&j, &h1).unwrap(), 0.658_009, 6);
    let labels = |v: &[f64]| v.iter().map(|x| *x as i64).collect::<Vec<_>>();
    close(
        cohen_kappa(&labels(&h1), &labels(&h2)).unwrap().kappa,
        0.599_622,
        6,
    );
}

#[test]
fn seed_runs() {
    let set = load("seed_runs.csv");
    assert_eq!(
        (set.rows(), set.tasks.len(), set.models.len()),
        (4000, 200, 4)
    );
    let passed: Vec<(String, u64)> = analysis::models(&set)
        .into_iter()
        .map(|m| (m.name, m.passed))
        .collect();
    assert_eq!(
        passed,
        [
            ("baseline".into(), 702),
            ("lr-3e-4".into(), 725),
            ("lr-1e-3".into(), 719),
            ("distill-small".into(), 686)
        ]
    );
}

fn evalbench(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_evalbench"))
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn analyze_json_contract() {
    let file = path("passk_candidates.csv");
    let (code, out, err) = evalbench(&["analyze", file.to_str().unwrap(), "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v[0];
    for field in [
        "path", "format", "rows", "sha256", "models", "metrics", "warnings",
    ] {
        assert!(f.get(field).is_some(), "missing {field}");
    }
    assert_eq!(f["format"], "csv");
    assert_eq!(f["sha256"].as_str().unwrap().len(), 64);
    let m = &f["models"][0];
    for field in [
        "name",
        "tasks",
        "attempts",
        "pass_at_1",
        "low",
        "high",
        "pass_at_k",
    ] {
        assert!(m.get(field).is_some(), "missing models[].{field}");
    }
    assert_eq!(m["tasks"], 20);
    close(m["pass_at_1"].as_f64().unwrap(), 0.48, 12);
    close(m["pass_at_k"]["10"].as_f64().unwrap(), 0.8, 12);
    // Wilson 95 % on 96/200.
    close(m["low"].as_f64().unwrap(), 0.411_792, 6); // statsmodels proportion_confint(96, 200, "wilson")
    close(m["high"].as_f64().unwrap(), 0.548_962, 6);
}

#[test]
fn compare_json_contract() {
    let file = path("paired_coding_assistants.csv");
    let (code, out, err) = evalbench(&["compare", file.to_str().unwrap(), "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["a"].as_str(), v["b"].as_str()),
        (Some("assistant-a"), Some("assistant-b"))
    );
    assert_eq!(
        (
            v["tasks_shared"].as_u64(),
            v["only_a"].as_u64(),
            v["only_b"].as_u64()
        ),
        (Some(40), Some(0), Some(0))
    );
    assert_eq!(
        (
            v["both_pass"].as_u64(),
            v["both_fail"].as_u64(),
            v["b_only"].as_u64(),
            v["a_only"].as_u64()
        ),
        (Some(17), Some(10), Some(8), Some(5))
    );
    close(v["lift"].as_f64().unwrap(), 0.075, 12);
    close(v["p_value"].as_f64().unwrap(), 0.581_054_687_5, 10);
    assert_eq!(v["claim"], "inconclusive");
    assert!(v["low"].as_f64().unwrap() < 0.0 && v["high"].as_f64().unwrap() > 0.0);
    // Swapping the sides mirrors the lift.
    let (_, out, _) = evalbench(&[
        "compare",
        file.to_str().unwrap(),
        "--a",
        "assistant-b",
        "--b",
        "assistant-a",
        "--json",
    ]);
    let w: serde_json::Value = serde_json::from_str(&out).unwrap();
    close(w["lift"].as_f64().unwrap(), -0.075, 12);
}
