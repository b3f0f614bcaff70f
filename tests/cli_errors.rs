//! Bad parameters: exit code 2, one `error: ...` line on stderr naming the flag, nothing
//! on stdout, no panic. Runs the real binary.

#![allow(clippy::too_many_lines)] // Tests here are tables of cases, one call per line.

use std::process::Command;

fn evalbench(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_evalbench"))
        .args(args)
        .output()
        .expect("run evalbench")
}

#[track_caller]
fn rejects(args: &[&str], names: &str) {
    let out = evalbench(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?}: exit {:?}, stderr {stderr}",
        out.status.code()
    );
    assert!(out.stdout.is_empty(), "{args:?}: stdout not empty");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{args:?}: expected one line, got {stderr:?}"
    );
    assert!(lines[0].starts_with("error: "), "{args:?}: {stderr}");
    assert!(
        lines[0].contains(names),
        "{args:?}: {:?} does not name {names}",
        lines[0]
    );
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
}

#[test]
fn k_or_c_above_n() {
    rejects(
        &["calc", "pass-at-k", "--n", "10", "--c", "2", "--k", "11"],
        "--k",
    );
    rejects(
        &["calc", "pass-at-k", "--n", "10", "--c", "11", "--k", "1"],
        "--c",
    );
    rejects(
        &["calc", "pass-at-k", "--n", "0", "--c", "0", "--k", "1"],
        "--n",
    );
    rejects(
        &["calc", "pass-at-k", "--n", "10", "--c", "2", "--k", "0"],
        "--k",
    );
    rejects(
        &["calc", "pass-at-k-curve", "--n", "10", "--correct", "1,11"],
        "--correct",
    );
    rejects(
        &["calc", "wilson", "--successes", "11", "--n", "10"],
        "--successes",
    );
    rejects(
        &[
            "calc",
            "two-proportion",
            "--control-successes",
            "5",
            "--control-n",
            "4",
            "--treatment-successes",
            "1",
            "--treatment-n",
            "4",
        ],
        "--control-successes",
    );
}

#[test]
fn rates_outside_unit_interval() {
    rejects(
        &["simulate", "peeking", "--rate", "1.5", "--json"],
        "--rate",
    );
    rejects(&["simulate", "peeking", "--rate", "-0.1"], "--rate");
    rejects(
        &["calc", "sample-size", "--baseline", "1.2", "--mde", "0.02"],
        "--baseline",
    );
    rejects(
        &["calc", "sample-size", "--baseline", "0.3", "--mde", "0"],
        "--mde",
    );
    rejects(
        &[
            "calc",
            "mde",
            "--baseline",
            "0.3",
            "--n-per-arm",
            "100",
            "--power",
            "1",
        ],
        "--power",
    );
    rejects(
        &[
            "calc",
            "sample-size",
            "--baseline",
            "0.3",
            "--mde",
            "0.02",
            "--alpha",
            "0",
        ],
        "--alpha",
    );
    rejects(
        &[
            "calc",
            "golden-set",
            "--pass-rate",
            "80",
            "--half-width",
            "0.02",
        ],
        "--pass-rate",
    );
    rejects(
        &[
            "calc",
            "golden-set",
            "--pass-rate",
            "0.8",
            "--half-width",
            "2",
        ],
        "--half-width",
    );
    rejects(
        &[
            "calc",
            "assign",
            "--experiment",
            "e",
            "--unit",
            "u",
            "--treatment-share",
            "1.5",
        ],
        "--treatment-share",
    );
    rejects(
        &["calc", "softmax", "--logits", "1,2", "--top-p", "1.1"],
        "--top-p",
    );
    rejects(
        &[
            "calc",
            "bad-day",
            "--qps",
            "1",
            "--output-tokens",
            "1",
            "--price-per-million",
            "1",
            "--bleed-share",
            "2",
            "--cost-multiplier",
            "10",
            "--window-minutes",
            "5",
        ],
        "--bleed-share",
    );
    rejects(
        &["calc", "poisson", "--lambda", "nan", "--k", "1"],
        "--lambda",
    );
}

#[test]
fn confidence_outside_open_unit_interval() {
    for c in ["0", "1", "1.5", "-0.95", "95"] {
        rejects(
            &[
                "calc",
                "wilson",
                "--successes",
                "1",
                "--n",
                "10",
                "--confidence",
                c,
            ],
            "--confidence",
        );
        rejects(
            &[
                "calc",
                "two-proportion",
                "--control-successes",
                "5",
                "--control-n",
                "10",
                "--treatment-successes",
                "6",
                "--treatment-n",
                "10",
                "--confidence",
                c,
            ],
            "--confidence",
        );
        rejects(
            &[
                "calc",
                "golden-set",
                "--pass-rate",
                "0.8",
                "--half-width",
                "0.02",
                "--confidence",
                c,
            ],
            "--confidence",
        );
        rejects(
            &[
                "calc",
                "paired-bootstrap",
                "--both-pass",
                "1",
                "--both-fail",
                "1",
                "--b-only",
                "1",
                "--a-only",
                "1",
                "--confidence",
                c,
            ],
            "--confidence",
        );
    }
}

#[test]
fn empty_and_mismatched_lists() {
    rejects(
        &["calc", "pass-at-k-curve", "--n", "10", "--correct", ""],
        "--correct",
    );
    rejects(&["calc", "srm", "--counts", ""], "--counts");
    rejects(&["calc", "srm", "--counts", "100"], "--counts");
    rejects(
        &["calc", "srm", "--counts", "100,100", "--weights", "1,1,1"],
        "--weights",
    );
    rejects(&["calc", "softmax", "--logits", ""], "--logits");
    rejects(&["calc", "spearman", "--x", "1,2,3", "--y", "1,2"], "--y");
    rejects(&["calc", "kappa", "--a", "x,y", "--b", "x"], "--b");
    rejects(&["calc", "kappa", "--a", "", "--b", ""], "--a");
    rejects(
        &[
            "calc",
            "paired-bootstrap",
            "--both-pass",
            "0",
            "--both-fail",
            "0",
            "--b-only",
            "0",
            "--a-only",
            "0",
        ],
        "--both-pass",
    );
}

#[test]
fn zero_variance_and_undefined() {
    rejects(&["calc", "spearman", "--x", "1,1,1", "--y", "1,2,3"], "--x");
    rejects(&["calc", "spearman", "--x", "1,2,3", "--y", "5,5,5"], "--y");
    rejects(&["calc", "kappa", "--a", "x,x", "--b", "x,x"], "--a");
    rejects(
        &[
            "calc",
            "two-proportion",
            "--control-successes",
            "0",
            "--control-n",
            "10",
            "--treatment-successes",
            "1",
            "--treatment-n",
            "10",
        ],
        "--control-successes",
    );
}

#[test]
fn malformed_values_and_usage() {
    rejects(
        &["calc", "pass-at-k", "--n", "ten", "--c", "2", "--k", "1"],
        "--n",
    );
    rejects(
        &["calc", "pass-at-k", "--n", "-3", "--c", "2", "--k", "1"],
        "--n",
    );
    rejects(&["calc", "pass-at-k", "--n", "10"], "--c");
    rejects(
        &["calc", "spearman", "--x", "1,two,3", "--y", "1,2,3"],
        "--x",
    );
    rejects(
        &[
            "calc",
            "sign-test",
            "--b-wins",
            "3",
            "--a-wins",
            "1",
            "--alternative",
            "bigger",
        ],
        "--alternative",
    );
    rejects(&["calc", "no-such-calc"], "no-such-calc");
    rejects(&["calc"], "subcommand");
    rejects(&["simulate", "peeking", "--looks", "0"], "--looks");
    rejects(&["simulate", "peeking", "--trials", "0"], "--trials");
    rejects(
        &[
            "calc",
            "paired-bootstrap",
            "--both-pass",
            "1",
            "--both-fail",
            "1",
            "--b-only",
            "1",
            "--a-only",
            "1",
            "--resamples",
            "0",
        ],
        "--resamples",
    );
}

#[test]
fn good_input_prints_one_json_object() {
    let out = evalbench(&["calc", "sign-test", "--b-wins", "13", "--a-wins", "3"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!((v["p_value"].as_f64().unwrap() - 0.010_635).abs() < 1e-6);
    assert_eq!(v["disagreements"], 16);
    let out = evalbench(&["simulate", "peeking", "--trials", "200", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for field in [
        "planned_false_win",
        "peek_false_win",
        "always_valid_false_win",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    // Lists may start with a negative number.
    let out = evalbench(&["calc", "softmax", "--logits", "-1.5,2"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["probabilities"].as_array().map(Vec::len), Some(2));
}
