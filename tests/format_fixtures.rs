//! Readers with no public example file in `../shared/real_evals/`: promptfoo output,
//! openai/evals logs, and inspect's bare `NaN` for unscored values.

use std::path::Path;

use evalbench::data::{self, Format, WarningKind, analysis};

fn fixture(name: &str) -> data::EvalSet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    data::load(&path, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn promptfoo_results() {
    let set = fixture("promptfoo_results.json");
    assert_eq!(set.provenance.format, Format::Promptfoo);
    assert_eq!(
        set.models.names(),
        ["openai:gpt-4o-mini", "anthropic:claude-3-5-haiku"]
    );
    let m = analysis::models(&set);
    // gpt-4o-mini: 1 pass, 1 assertion failure, 1 provider error (unscored).
    assert_eq!((m[0].scored, m[0].passed), (2, 1));
    assert_eq!((m[1].scored, m[1].passed), (3, 3));
    assert!(
        set.warnings
            .iter()
            .any(|w| w.kind == WarningKind::SkippedRow && w.count == 1)
    );
    assert_eq!(set.metric("latencyMs").unwrap().present().count(), 6);
}

#[test]
fn openai_evals_log() {
    let set = fixture("openai_evals.jsonl");
    assert_eq!(set.provenance.format, Format::OpenaiEvals);
    assert_eq!(set.models.names(), ["gpt-3.5-turbo"]);
    assert_eq!(set.rows(), 3);
    let m = &analysis::models(&set)[0];
    assert_eq!((m.scored, m.passed), (3, 2));
    assert_eq!(set.line, [4, 6, 8]);
}

#[test]
fn inspect_bare_nan_is_unscored() {
    let set = fixture("inspect_nan.json");
    assert_eq!(set.provenance.format, Format::Inspect);
    let m = &analysis::models(&set)[0];
    // C passes; NaN is unscored; P (0.5) and I are not passes.
    assert_eq!((m.scored, m.passed), (3, 1));
    let score: Vec<Option<f64>> = set.metric("score").unwrap().values.clone();
    assert_eq!(score, [Some(1.0), None, Some(0.5), Some(0.0)]);
    assert_eq!(set.metric("score:judge").unwrap().values[3], Some(0.25));
    assert!(set.warnings.iter().any(|w| w.message.contains("bare NaN")));
}

#[test]
fn column_mapping_overrides_detection() {
    use evalbench::data::{Choice, ColumnMapping, LoadOptions};
    let csv = b"q,who,ok,ms\nq1,alpha,yes,10\nq2,alpha,no,12\nq1,beta,yes,9\n";
    // Detection finds no task, model or pass column here.
    let auto = data::load_bytes("odd.csv", csv, None).unwrap();
    assert!(auto.pass.is_none());
    assert_eq!(auto.tasks.len(), 3);
    let mapping = ColumnMapping {
        task: Choice::Column("q".into()),
        model: Choice::Column("who".into()),
        attempt: Choice::Absent,
        pass: Choice::Column("ok".into()),
    };
    let opts = LoadOptions {
        mapping: Some(mapping),
        ..LoadOptions::default()
    };
    let set = data::load_bytes_with("odd.csv", csv, &opts).unwrap();
    assert_eq!(set.tasks.names(), ["q1", "q2"]);
    assert_eq!(set.models.names(), ["alpha", "beta"]);
    assert_eq!(set.columns, ["q", "who", "ok", "ms"]);
    let m = analysis::models(&set);
    assert_eq!((m[0].scored, m[0].passed, m[1].passed), (2, 1, 1));
    // A mapping naming a column that is not there is an error naming it.
    let bad = ColumnMapping {
        pass: Choice::Column("nope".into()),
        ..ColumnMapping::default()
    };
    let err = data::load_bytes_with(
        "odd.csv",
        csv,
        &LoadOptions {
            mapping: Some(bad),
            ..LoadOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.place.field.as_deref(), Some("nope"));
}

#[test]
fn progress_reaches_the_whole_file_and_cancel_stops_a_load() {
    use evalbench::data::LoadOptions;
    use evalbench::stats::progress::Progress;
    use std::fmt::Write;
    use std::sync::Arc;
    let mut csv = String::from("task_id,model,passed\n");
    for i in 0..100_000 {
        writeln!(csv, "t{i},m,{}", i % 2).unwrap();
    }
    let progress = Arc::new(Progress::new());
    let opts = LoadOptions {
        progress: Some(progress.clone()),
        ..LoadOptions::default()
    };
    let set = data::load_bytes_with("big.csv", csv.as_bytes(), &opts).unwrap();
    assert_eq!(set.rows(), 100_000);
    assert!(progress.fraction() > 0.9, "{}", progress.fraction());
    let cancelled = Arc::new(Progress::new());
    cancelled.cancel();
    let opts = LoadOptions {
        progress: Some(cancelled),
        ..LoadOptions::default()
    };
    let err = data::load_bytes_with("big.csv", csv.as_bytes(), &opts).unwrap_err();
    assert!(err.message.contains("cancelled"), "{err}");
}
