//! Invariants that must hold for every input, checked with proptest.

#![allow(clippy::float_cmp)] // Exact ties and exact zeros are what these properties assert.

use evalbench::stats::agreement::spearman;
use evalbench::stats::bootstrap::{bootstrap, bootstrap_quantile, median, paired_bootstrap};
use evalbench::stats::distributions::{histogram, softmax};
use evalbench::stats::experiment::srm;
use evalbench::stats::paired::{Alternative, PairedCounts, sign_test};
use evalbench::stats::pass_at_k::{PassCounts, pass_at_k, pass_at_k_curve};
use evalbench::stats::proportion::{Counts, two_proportion, wald, wilson};
use proptest::prelude::*;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;

const EPS: f64 = 1e-12;

proptest! {
    #[test]
    fn intervals_contain_estimate_and_stay_in_unit_interval(
        n in 1u64..5_000, frac in 0.0f64..=1.0, confidence in 0.5f64..0.999
    ) {
        let x = ((n as f64) * frac).round() as u64;
        let counts = Counts::new(x, n, "successes", "n").unwrap();
        for i in [wilson(counts, confidence).unwrap(), wald(counts, confidence).unwrap()] {
            prop_assert!(i.low >= 0.0 && i.high <= 1.0, "{i:?}");
            prop_assert!(i.low <= i.estimate + EPS && i.estimate <= i.high + EPS, "{i:?}");
        }
    }

    #[test]
    fn wilson_widens_with_confidence(n in 1u64..2_000, frac in 0.0f64..=1.0) {
        let x = ((n as f64) * frac).round() as u64;
        let counts = Counts::new(x, n, "successes", "n").unwrap();
        let narrow = wilson(counts, 0.8).unwrap();
        let wide = wilson(counts, 0.99).unwrap();
        prop_assert!(wide.low <= narrow.low + EPS && wide.high + EPS >= narrow.high);
    }

    #[test]
    fn two_proportion_interval_contains_lift(
        nc in 1u64..10_000, nt in 1u64..10_000, fc in 0.01f64..=1.0, ft in 0.0f64..=1.0
    ) {
        let c = Counts::new(((nc as f64) * fc).ceil() as u64, nc, "c", "n").unwrap();
        let t = Counts::new(((nt as f64) * ft).round() as u64, nt, "t", "n").unwrap();
        let r = two_proportion(c, t, 0.95).unwrap();
        prop_assert!(r.low <= r.lift + EPS && r.lift <= r.high + EPS);
        prop_assert!(r.relative_low <= r.relative_lift + EPS && r.relative_lift <= r.relative_high + EPS);
    }

    #[test]
    fn pass_at_k_rises_with_k_and_stays_in_unit_interval(n in 1u64..300, frac in 0.0f64..=1.0) {
        let c = ((n as f64) * frac).round() as u64;
        let counts = PassCounts::new(n, c).unwrap();
        let mut last = -1.0;
        for k in 1..=n {
            let p = pass_at_k(counts, k).unwrap();
            prop_assert!((0.0..=1.0).contains(&p), "pass@{k} = {p}");
            prop_assert!(p + 1e-12 >= last, "pass@{k} = {p} < {last}");
            last = p;
        }
        // pass@1 is the plain pass rate.
        prop_assert!((pass_at_k(counts, 1).unwrap() - c as f64 / n as f64).abs() < 1e-12);
    }

    #[test]
    fn pass_at_k_curve_matches_per_task_estimator(n in 1u64..60, cs in prop::collection::vec(0.0f64..=1.0, 1..30)) {
        let tasks: Vec<PassCounts> = cs.iter().map(|f| PassCounts::new(n, ((n as f64) * f).round() as u64).unwrap()).collect();
        let curve = pass_at_k_curve(&tasks).unwrap();
        for (k, got) in curve.k.iter().zip(&curve.pass_at_k) {
            let direct = tasks.iter().map(|t| pass_at_k(*t, *k).unwrap()).sum::<f64>() / tasks.len() as f64;
            prop_assert!((got - direct).abs() < 1e-9, "k={k}: {got} vs {direct}");
        }
    }

    #[test]
    fn sign_test_p_values_valid_and_symmetric(b in 0u64..2_000, a in 0u64..2_000) {
        let greater = sign_test(b, a, Alternative::Greater).p_value;
        let less = sign_test(b, a, Alternative::Less).p_value;
        let two = sign_test(b, a, Alternative::TwoSided).p_value;
        for p in [greater, less, two] {
            prop_assert!((0.0..=1.0).contains(&p));
        }
        // Swapping the models mirrors the one-sided tests and leaves the two-sided one.
        prop_assert!((sign_test(a, b, Alternative::Less).p_value - greater).abs() < 1e-12);
        prop_assert!((sign_test(a, b, Alternative::TwoSided).p_value - two).abs() < 1e-12);
        prop_assert!(two + 1e-12 >= greater.min(less));
        // The two tails overlap in P(X = b), so they sum to at least 1.
        prop_assert!(greater + less >= 1.0 - 1e-9);
    }

    #[test]
    fn srm_p_value_in_unit_interval(counts in prop::collection::vec(0u64..100_000, 2..6)) {
        prop_assume!(counts.iter().sum::<u64>() > 0);
        let r = srm(&counts, None).unwrap();
        prop_assert!(r.chi_square >= 0.0 && (0.0..=1.0).contains(&r.p_value));
    }

    #[test]
    fn paired_bootstrap_interval_on_the_grid_and_ordered(
        both_pass in 0u64..200, both_fail in 0u64..200, b_only in 0u64..60, a_only in 0u64..60, seed: u64
    ) {
        let counts = PairedCounts { both_pass, both_fail, b_only, a_only };
        prop_assume!(counts.total() > 0);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let r = paired_bootstrap(counts, 2_000, 0.95, &mut rng).unwrap();
        prop_assert!(-1.0 <= r.low && r.low <= r.high && r.high <= 1.0);
        // With no disagreements every resample has lift 0.
        if b_only + a_only == 0 {
            prop_assert!(r.low == 0.0 && r.high == 0.0);
        }
    }

    #[test]
    fn softmax_is_a_distribution(
        logits in prop::collection::vec(-30.0f64..30.0, 1..20), t in 0.05f64..5.0, top_p in 0.01f64..=1.0
    ) {
        let p = softmax(&logits, t, top_p).unwrap();
        prop_assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        prop_assert!(p.iter().all(|&x| (0.0..=1.0).contains(&x)));
        // A most likely token always survives top-p (of tied ones, at least one).
        let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(logits.iter().zip(&p).any(|(l, q)| *l == top && *q > 0.0));
    }

    #[test]
    fn spearman_in_range_and_invariant_to_monotone_maps(xs in prop::collection::vec(-1e3f64..1e3, 3..40)) {
        let ys: Vec<f64> = xs.iter().enumerate().map(|(i, x)| x * 0.5 + (i % 3) as f64).collect();
        prop_assume!(xs.iter().any(|x| *x != xs[0]) && ys.iter().any(|y| *y != ys[0]));
        let rho = spearman(&xs, &ys).unwrap();
        prop_assert!((-1.0..=1.0).contains(&rho));
        let cubed: Vec<f64> = xs.iter().map(|x| x.powi(3)).collect();
        prop_assert!((spearman(&cubed, &ys).unwrap() - rho).abs() < 1e-9);
        prop_assert!((spearman(&xs, &xs).unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn histogram_counts_every_value(xs in prop::collection::vec(-1e6f64..1e6, 1..500), bins in 1usize..64) {
        let h = histogram(&xs, bins, false).unwrap();
        prop_assert_eq!(h.counts.iter().sum::<u64>(), xs.len() as u64);
        prop_assert_eq!(h.edges.len(), bins + 1);
    }

    #[test]
    fn quantile_bootstrap_brackets_like_index_bootstrap(xs in prop::collection::vec(0.0f64..1e4, 5..200), seed: u64) {
        let fast = bootstrap_quantile(&xs, 0.5, 400, 0.9, seed, None).unwrap();
        let slow = bootstrap(&xs, median, 400, 0.9, seed, None).unwrap();
        // Same sample median; the two interpolate the middle pair in different (equally
        // valid) float orders, so they may differ in the last bit.
        prop_assert!((fast.estimate - slow.estimate).abs() <= 1e-12 * fast.estimate.abs().max(1.0), "{} vs {}", fast.estimate, slow.estimate);
        let (lo, hi) = (xs.iter().copied().fold(f64::INFINITY, f64::min), xs.iter().copied().fold(f64::NEG_INFINITY, f64::max));
        prop_assert!(lo <= fast.low && fast.low <= fast.high && fast.high <= hi);
    }
}

/// The exact order-statistic bootstrap of the median and the index-resampling bootstrap
/// draw from the same distribution: with many resamples their intervals agree.
#[test]
fn quantile_bootstrap_agrees_with_index_bootstrap() {
    use rand::RngExt;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
    let xs: Vec<f64> = (0..2_001)
        .map(|_| (rng.random::<f64>() * 3.0).exp())
        .collect();
    for q in [0.5, 0.95] {
        let fast = bootstrap_quantile(&xs, q, 20_000, 0.95, 1, None).unwrap();
        // numpy's linear quantile by selection, O(n) per resample.
        let stat = |s: &[f64]| {
            let mut v = s.to_vec();
            let h = (v.len() - 1) as f64 * q;
            let j = h.floor() as usize;
            let (_, lo, upper) = v.select_nth_unstable_by(j, f64::total_cmp);
            let lo = *lo;
            let hi = upper
                .iter()
                .copied()
                .fold(f64::INFINITY, f64::min)
                .min(f64::MAX);
            if h > j as f64 {
                lo + (h - j as f64) * (hi - lo)
            } else {
                lo
            }
        };
        let slow = bootstrap(&xs, stat, 20_000, 0.95, 2, None).unwrap();
        let spread = slow.high - slow.low;
        assert!(
            (fast.low - slow.low).abs() < 0.05 * spread,
            "q={q}: {fast:?} vs {slow:?}"
        );
        assert!(
            (fast.high - slow.high).abs() < 0.05 * spread,
            "q={q}: {fast:?} vs {slow:?}"
        );
    }
}
