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
