//! Criterion micro-benchmarks of the statistics core's heavy paths.
//! `cargo bench --bench stats`. The comparison with the Python references lives in
//! `benches/vs_python.rs`.

use criterion::{Criterion, criterion_group, criterion_main};
use evalbench::stats::bootstrap::{bootstrap_quantile, paired_bootstrap};
use evalbench::stats::paired::PairedCounts;
use evalbench::stats::pass_at_k::{PassCounts, pass_at_k_curve};
use evalbench::stats::peeking::{PeekingConfig, simulate_peeking};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, LogNormal};
use std::hint::black_box;

fn peeking(c: &mut Criterion) {
    let config = PeekingConfig::LESSON;
    c.bench_function("peeking 5000x20x100", |b| {
        b.iter(|| simulate_peeking(black_box(&config), 11, None));
    });
}

fn paired(c: &mut Criterion) {
    let counts = PairedCounts {
        both_pass: 4_100,
        both_fail: 3_300,
        b_only: 1_400,
        a_only: 1_200,
    };
    c.bench_function("paired bootstrap 10k tasks x 10k resamples", |b| {
        b.iter(|| {
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
            paired_bootstrap(black_box(counts), 10_000, 0.95, &mut rng)
        });
    });
}

fn quantile(c: &mut Criterion) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(99);
    let dist = LogNormal::new(800f64.ln(), 0.6).expect("lognormal");
    let latencies: Vec<f64> = (0..1_000_000).map(|_| dist.sample(&mut rng)).collect();
    let mut group = c.benchmark_group("quantile bootstrap");
    group.sample_size(20);
    group.bench_function("median of 1M x 1000 resamples", |b| {
        b.iter(|| bootstrap_quantile(black_box(&latencies), 0.5, 1_000, 0.95, 7, None));
    });
    group.finish();
}

fn pass_at_k(c: &mut Criterion) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(164);
    let tasks: Vec<PassCounts> = (0..164)
        .map(|_| PassCounts::new(200, rng.random_range(0..=200)).expect("counts"))
        .collect();
    c.bench_function("pass@k curve 164 tasks, n = 200", |b| {
        b.iter(|| pass_at_k_curve(black_box(&tasks)));
    });
}

criterion_group!(benches, peeking, paired, quantile, pass_at_k);
criterion_main!(benches);
