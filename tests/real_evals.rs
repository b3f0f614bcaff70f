//! Every file of `../shared/real_evals/` (public eval outputs, see its README) loads
//! with the task counts and pass rates a hand count gives, or, for files without
//! per-sample rows, fails with a message that says so.

#![allow(clippy::float_cmp)] // Verdicts are exact small integers.

use std::path::PathBuf;

use evalbench::data::{self, EvalSet, Kind, WarningKind, analysis};

/// The shared real eval files: `$EVALBENCH_REAL_EVALS`, else `../shared/real_evals`
/// beside the checkout, else the workplace's `/work/shared/real_evals`.
fn shared(rel: &str) -> PathBuf {
    let candidates: Vec<PathBuf> = std::env::var_os("EVALBENCH_REAL_EVALS")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/real_evals"),
            PathBuf::from("/work/shared/real_evals"),
        ])
        .collect();
    let root = candidates.iter().find(|p| p.is_dir()).unwrap_or_else(|| {
        panic!("the shared real eval files are missing (looked in {candidates:?}); set EVALBENCH_REAL_EVALS")
    });
    root.join(rel)
}

fn load(rel: &str) -> EvalSet {
    data::load(&shared(rel), None).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn load_err(rel: &str) -> String {
    match data::load(&shared(rel), None) {
        Ok(set) => panic!("{rel} loaded ({} rows) but should not", set.rows()),
        Err(e) => e.to_string(),
    }
}

#[track_caller]
fn close(got: f64, want: f64, decimals: i32) {
    assert!(
        (got - want).abs() <= 0.5 * 10f64.powi(-decimals),
        "got {got}, want {want}"
    );
}

fn pass_at(set: &EvalSet, model: usize, k: u64) -> f64 {
    let m = &analysis::models(set)[model];
    m.pass_at_k
        .iter()
        .find(|(kk, _)| *kk == k)
        .map_or_else(|| panic!("no pass@{k}"), |(_, v)| *v)
}

fn warning_count(set: &EvalSet, kind: WarningKind) -> u64 {
    set.warnings
        .iter()
        .filter(|w| w.kind == kind)
        .map(|w| w.count)
        .sum()
}

#[test]
fn humaneval_gpt35_ten_samples() {
    let set = load("humaneval/Rex-Gavsie_LLMComparisonScale/gpt35_10spt_results.jsonl");
    assert_eq!(set.provenance.format, data::Format::Humaneval);
    assert_eq!(
        (set.rows(), set.tasks.len(), set.models.len()),
        (1_640, 164, 1)
    );
    close(pass_at(&set, 0, 1), 0.657_317, 6);
    close(pass_at(&set, 0, 2), 0.661_518, 6);
    close(pass_at(&set, 0, 5), 0.664_126, 6);
    close(pass_at(&set, 0, 10), 0.664_634, 6);
    assert!(set.warnings.is_empty(), "{:?}", set.warnings);
    let two = load("humaneval/Rex-Gavsie_LLMComparisonScale/gpt35_2spt_results.jsonl");
    assert_eq!((two.rows(), two.tasks.len()), (328, 164));
    close(pass_at(&two, 0, 1), 0.658_537, 6);
    close(pass_at(&two, 0, 2), 0.664_634, 6);
}

#[test]
fn humaneval_two_models_paired() {
    let a = load("humaneval/tcc-inatel-2025_PoE-Evaluation/deepseek-coder_6.7b_results.jsonl");
    let b = load("humaneval/tcc-inatel-2025_PoE-Evaluation/qwen2.5-coder_7b_results.jsonl");
    close(pass_at(&a, 0, 1), 0.408_537, 6);
    close(pass_at(&b, 0, 1), 0.731_707, 6);
    assert_eq!(analysis::models(&a)[0].passed, 67);
    assert_eq!(analysis::models(&b)[0].passed, 120);
    // The extra score fields become metric columns (nulls left empty).
    let eff = a
        .metric("efficiency_score")
        .expect("efficiency_score column");
    assert_eq!(eff.present().count(), 164 - 53);
    let sets = vec![a, b];
    let models = data::paired::models(&sets);
    let view = data::paired::paired(&sets, models[0].1, models[1].1);
    let counts = evalbench::stats::paired::PairedCounts::from_outcomes(&view.a, &view.b).unwrap();
    assert_eq!(
        (
            counts.both_pass,
            counts.both_fail,
            counts.b_only,
            counts.a_only
        ),
        (61, 38, 59, 6)
    );
    assert!(view.only_a.is_empty() && view.only_b.is_empty());
}

#[test]
fn humaneval_problems_and_samples_without_results() {
    let problems = load("humaneval/openai_human-eval/HumanEval.jsonl.gz");
    assert_eq!((problems.rows(), problems.tasks.len()), (164, 164));
    assert!(problems.pass.is_none());
    assert_eq!(warning_count(&problems, WarningKind::Structure), 1);
    let samples = load("humaneval/openai_human-eval/example_samples.jsonl");
    assert_eq!((samples.rows(), samples.tasks.len()), (6, 1));
    let problem = load("humaneval/openai_human-eval/example_problem.jsonl");
    assert_eq!(problem.rows(), 1);
}

#[test]
fn inspect_logs() {
    let cases: [(&str, usize, Option<u64>); 6] = [
        (
            "inspect_ai/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval",
            10,
            Some(8),
        ),
        (
            "inspect_ai/2025-05-12T20-28-13-04-00_popularity.json",
            3,
            Some(2),
        ),
        (
            "inspect_ai/2025-05-12T20-28-26-04-00_security-guide.json",
            3,
            Some(3),
        ),
        ("inspect_ai/log_read_sample.json", 1, Some(1)),
        ("inspect_ai/log_formats.eval", 1, Some(0)),
        (
            "inspect_ai/evaleval_every_eval_ever/data_pubmedqa_gpt4o_mini.json",
            2,
            Some(2),
        ),
    ];
    for (rel, samples, passed) in cases {
        let set = load(rel);
        assert_eq!(set.provenance.format, data::Format::Inspect, "{rel}");
        assert_eq!(set.rows(), samples, "{rel}");
        let m = &analysis::models(&set)[0];
        assert_eq!(Some(m.passed), passed, "{rel}");
        assert_eq!(m.scored, samples as u64, "{rel}");
    }
    let model = load("inspect_ai/log_formats.eval");
    assert_eq!(model.models.names(), ["ollama/llama3.1"]);
    // The cancelled run loads, with a note about its status.
    let cancelled = load("inspect_ai/2025-05-12T20-28-13-04-00_popularity.json");
    assert!(
        cancelled
            .warnings
            .iter()
            .any(|w| w.message.contains("cancelled"))
    );
    // No scorer ran: ten samples, all unscored, no pass rate.
    let unscored =
        load("inspect_ai/2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval");
    assert_eq!(unscored.rows(), 10);
    assert_eq!(analysis::models(&unscored)[0].pass_at_1, None);
    assert_eq!(warning_count(&unscored, WarningKind::Unscored), 10);
    // Aggregate results only.
    let err = load_err("inspect_ai/evaleval_every_eval_ever/data_with_llm_scoring.json");
    assert!(
        err.contains("no per-sample records") && err.contains("0.431"),
        "{err}"
    );
}

#[test]
fn lm_eval_samples_and_aggregates() {
    let set = load(
        "lm_eval/evaleval_every_eval_ever/samples_math_perturbed_full_2026-01-21T03-44-18.458309.jsonl",
    );
    assert_eq!(set.provenance.format, data::Format::LmEval);
    assert_eq!((set.rows(), set.tasks.len()), (10, 10));
    // The model name comes from the results file beside it.
    assert_eq!(
        set.models.names(),
        ["RylanSchaeffer/mem_Qwen3-93M_minerva_math_rep_0_sbst_1.0000_epch_1_ot_1"]
    );
    assert_eq!(analysis::models(&set)[0].pass_at_1, Some(0.0));
    for rel in [
        "lm_eval/evaleval_every_eval_ever/results_2026-01-21T03-44-18.458309.json",
        "lm_eval/EleutherAI_lm-evaluation-harness_results_v0.3/bloom-560m_common_sense_reasoning_0-shot.json",
        "lm_eval/EleutherAI_lm-evaluation-harness_results_v0.3/bloom-1b1_common_sense_reasoning_0-shot.json",
    ] {
        let err = load_err(rel);
        assert!(
            err.contains("no per-sample rows") && err.contains("--log_samples"),
            "{err}"
        );
    }
}

#[test]
fn judge_verdicts_joined_with_humans() {
    let gpt = load("judge_vs_human/WeOpenML_PandaLM/gpt-3.5-turbo-testset-v1.json");
    assert_eq!(gpt.rows(), 999);
    let Kind::Labels { judge, humans } = &gpt.kind else {
        panic!("{:?}", gpt.kind)
    };
    assert_eq!(judge.as_deref(), Some("gpt_result"));
    assert_eq!(humans, &["annotator1", "annotator2", "annotator3"]);
    assert_eq!(gpt.metric("gpt_result").unwrap().present().count(), 974);
    assert_eq!(warning_count(&gpt, WarningKind::Unscored), 25); // "garbage" verdicts
    let a1: Vec<f64> = gpt.metric("annotator1").unwrap().present().collect();
    let count = |v: f64| a1.iter().filter(|&&x| x == v).count();
    assert_eq!((count(2.0), count(1.0), count(0.0)), (475, 427, 97));
    let pandalm = load("judge_vs_human/WeOpenML_PandaLM/pandalm-7b-testset-v1.json");
    assert_eq!(
        pandalm.metric("pandalm_result").unwrap().present().count(),
        999
    );
    let humans_only = load("judge_vs_human/WeOpenML_PandaLM/testset-v1.json");
    assert!(matches!(&humans_only.kind, Kind::Labels { judge: None, humans } if humans.len() == 3));
}

#[test]
fn llmperf_latencies_with_errored_rows() {
    let bedrock = load("latency/ray-project_llmperf-leaderboard/bedrock_70b_individual.json");
    assert_eq!(bedrock.rows(), 150);
    assert_eq!(warning_count(&bedrock, WarningKind::SkippedRow), 49);
    let ttft: Vec<f64> = bedrock.metric("ttft_s").unwrap().present().collect();
    assert_eq!(ttft.len(), 101);
    close(ttft.iter().sum::<f64>() / 101.0, 0.408_374, 6);
    let e2e: Vec<f64> = bedrock
        .metric("end_to_end_latency_s")
        .unwrap()
        .present()
        .collect();
    close(
        evalbench::stats::distributions::quantile(&e2e, 0.5).unwrap(),
        6.989_19,
        5,
    );
    let anyscale = load("latency/ray-project_llmperf-leaderboard/anyscale_70b_individual.json");
    let summary = analysis::metrics(&anyscale);
    let mean = |name: &str| summary.iter().find(|m| m.name == name).unwrap().mean;
    close(mean("ttft_s"), 0.248_903, 6);
    close(mean("end_to_end_latency_s"), 2.354_67, 5);
    assert_eq!(
        load("latency/ray-project_llmperf-leaderboard/fireworks_70b_individual.json").rows(),
        150
    );
    let err = load_err("latency/ray-project_llmperf-leaderboard/fireworks_70b_summary.json");
    assert!(err.contains("_individual.json"), "{err}");
}

#[test]
fn azure_trace_crlf_no_ids() {
    let set = load("latency/Azure_AzurePublicDataset/AzureLLMInferenceTrace_code.csv");
    assert_eq!(set.rows(), 8_819);
    let summary = analysis::metrics(&set);
    let get = |name: &str| summary.iter().find(|m| m.name == name).unwrap().clone();
    close(get("ContextTokens").mean, 2_047.848_3, 4);
    close(get("ContextTokens").median, 1_469.0, 6);
    close(get("GeneratedTokens").mean, 27.882_5, 4);
    close(get("GeneratedTokens").median, 13.0, 6);
    assert!(set.labels.iter().any(|l| l.name == "TIMESTAMP"));
}
