//! Fuzzing every reader: random bytes and mutated real files must never panic.
//!
//! `cargo test --test fuzz_readers` runs a short pass (2,000 inputs, each through every
//! reader and through detection). The full run behind the README's figure:
//! `EVALBENCH_FUZZ_CASES=1000000 cargo test --release --test fuzz_readers -- --nocapture`.

use std::path::Path;

use evalbench::data::{Format, load_bytes};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Small, valid inputs of every format to mutate.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut add = |name: &str, path: &Path, limit: usize| {
        if let Ok(bytes) = std::fs::read(path) {
            let cut = if bytes.starts_with(b"PK") {
                bytes.len()
            } else {
                bytes.len().min(limit)
            };
            out.push((name.to_owned(), bytes[..cut].to_vec()));
        }
    };
    for f in [
        "paired_coding_assistants.csv",
        "support_traces.jsonl",
        "judge_vs_humans.csv",
        "ab_query_rewrite.csv",
    ] {
        add(f, &root.join("sample_data").join(f), 3_000);
    }
    for f in [
        "promptfoo_results.json",
        "openai_evals.jsonl",
        "inspect_nan.json",
    ] {
        add(f, &root.join("tests/fixtures").join(f), 8_000);
    }
    let shared = root.join("../shared/real_evals");
    for f in [
        "inspect_ai/log_formats.eval",
        "inspect_ai/log_read_sample.json",
        "humaneval/tcc-inatel-2025_PoE-Evaluation/qwen2.5-coder_7b_results.jsonl",
        "lm_eval/evaleval_every_eval_ever/samples_math_perturbed_full_2026-01-21T03-44-18.458309.jsonl",
        "judge_vs_human/WeOpenML_PandaLM/pandalm-7b-testset-v1.json",
        "latency/ray-project_llmperf-leaderboard/bedrock_70b_individual.json",
        "humaneval/openai_human-eval/HumanEval.jsonl.gz",
    ] {
        add(f, &shared.join(f), 6_000);
    }
    out.push((
        "tiny.tsv".into(),
        b"task\tmodel\tpassed\nt1\tm\t1\nt2\tm\t0\n".to_vec(),
    ));
    out
}

/// Byte edits that tend to break parsers: flips, cuts, and syntax characters.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let special = prop::sample::select(vec![
        b"\"".to_vec(),
        b",".to_vec(),
        b"\n".to_vec(),
        b"\r\n".to_vec(),
        b"{".to_vec(),
        b"}".to_vec(),
        b"[".to_vec(),
        b"]".to_vec(),
        b"NaN".to_vec(),
        b"-Infinity".to_vec(),
        b"\t".to_vec(),
        b"\0".to_vec(),
        b"\xff\xfe".to_vec(),
        b"null".to_vec(),
        b"1e999".to_vec(),
        b"\\".to_vec(),
        b"PK\x03\x04".to_vec(),
        b"\xef\xbb\xbf".to_vec(),
        b"maybe".to_vec(),
        b":".to_vec(),
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<usize>(), special).prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Edit::Delete(i, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Set(i, b) if !bytes.is_empty() => bytes[i % len] = *b,
            Edit::Insert(i, s) => {
                let at = i % (bytes.len() + 1);
                bytes.splice(at..at, s.iter().copied());
            }
            Edit::Delete(i, n) if !bytes.is_empty() => {
                let at = i % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Edit::Truncate(i) => bytes.truncate(i % (bytes.len() + 1)),
            _ => {}
        }
    }
    bytes
}

fn cases() -> u32 {
    std::env::var("EVALBENCH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

/// Every reader (forced) and detection, on one input: none may panic.
fn every_reader(name: &str, bytes: &[u8]) {
    let _ = load_bytes(name, bytes, None);
    for format in Format::ALL {
        let _ = load_bytes(name, bytes, Some(format));
    }
}

#[test]
fn readers_never_panic() {
    let seeds = seeds();
    assert!(seeds.len() >= 8, "fuzz seeds missing");
    let n = seeds.len();
    let input = prop_oneof![
        // Random bytes, sometimes dressed with a format's first bytes.
        (
            prop::collection::vec(any::<u8>(), 0..512),
            prop::sample::select(vec![
                &b""[..],
                b"{",
                b"[",
                b"PK\x03\x04",
                b"\x1f\x8b",
                b"task_id,model,passed\n"
            ])
        )
            .prop_map(|(mut b, prefix)| {
                b.splice(0..0, prefix.iter().copied());
                ("random.bin".to_owned(), b)
            }),
        // A real file with a few edits.
        (0..n, prop::collection::vec(edit(), 1..6)).prop_map(move |(i, edits)| {
            let (name, bytes) = &seeds[i];
            (name.clone(), apply(bytes.clone(), &edits))
        }),
    ];
    let total = cases();
    let mut runner = TestRunner::new(Config {
        cases: total,
        failure_persistence: None,
        ..Config::default()
    });
    let start = std::time::Instant::now();
    runner
        .run(&input, |(name, bytes)| {
            every_reader(&name, &bytes);
            Ok(())
        })
        .expect("a reader panicked");
    println!(
        "fuzzed {total} inputs x {} readers (+ detection) in {:.1} s, no panic",
        Format::ALL.len(),
        start.elapsed().as_secs_f64()
    );
}
