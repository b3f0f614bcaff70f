//! Every number the course's lessons print, reproduced by the statistics core.
//! Tolerances are half a unit of the last digit the lesson prints.

#![allow(clippy::float_cmp)] // pass@k of exactly 0 and 1 is the lesson's point.

use evalbench::stats::bootstrap::paired_bootstrap;
use evalbench::stats::cost::bad_day;
use evalbench::stats::distributions::{lognormal_from_median, poisson, softmax};
use evalbench::stats::experiment::{Arm, assign, srm};
use evalbench::stats::paired::{Alternative, Claim, PairedCounts, sign_test};
use evalbench::stats::pass_at_k::{PassCounts, macro_pass_at_k, pass_at_k};
use evalbench::stats::peeking::{PeekingConfig, simulate_peeking};
use evalbench::stats::power::{golden_set, sample_size_per_arm};
use evalbench::stats::proportion::{Counts, two_proportion, wald_half_width};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;

/// Asserts `|got − printed| ≤ half a unit in the last printed decimal`.
#[track_caller]
fn printed(got: f64, printed: f64, decimals: i32) {
    let tol = 0.5 * 10f64.powi(-decimals) + 1e-12;
    assert!(
        (got - printed).abs() <= tol,
        "got {got}, lesson prints {printed} ({decimals} decimals)"
    );
}

#[test]
fn poisson_burst_lesson() {
    let expected = [0.111, 0.244, 0.268, 0.197, 0.108];
    for (k, &p) in expected.iter().enumerate() {
        printed(poisson(2.2, k as u64).unwrap().pmf, p, 3);
    }
    printed(poisson(2.2, 5).unwrap().sf, 0.025, 3);
}

#[test]
fn lognormal_latency_lesson() {
    printed(lognormal_from_median(6.0, 0.55).unwrap().p95, 14.83, 2);
}

#[test]
fn softmax_lesson() {
    let p = softmax(&[2.2, 1.5, 0.2, -1.5], 1.0, 1.0).unwrap();
    for (got, want) in p.iter().zip([0.604, 0.300, 0.082, 0.015]) {
        printed(*got, want, 3);
    }
}

#[test]
fn assignment_lesson() {
    let arms: Vec<Arm> = ["customer-014", "customer-231", "customer-844"]
        .iter()
        .map(|u| assign("refund-query-rewrite:v1", u, 0.5).unwrap().arm)
        .collect();
    assert_eq!(arms, [Arm::Treatment, Arm::Control, Arm::Control]);
}

#[test]
fn ab_lift_lesson() {
    let control = Counts::new(760, 2000, "c", "n").unwrap();
    let treatment = Counts::new(840, 2000, "t", "n").unwrap();
    let r = two_proportion(control, treatment, 0.95).unwrap();
    printed(r.lift, 0.040, 3);
    printed(r.relative_lift, 0.105, 3);
    printed(r.se, 0.0155, 4);
    printed(r.low, 0.010, 3);
    printed(r.high, 0.070, 3);
    printed(r.relative_low, 0.0212, 4);
    printed(r.relative_high, 0.1893, 4);
    // The same rates at smaller traffic: the interval straddles zero.
    for (n, low, high) in [(200, -0.056, 0.136), (500, -0.021, 0.101)] {
        let c = Counts::new(n * 38 / 100, n, "c", "n").unwrap();
        let t = Counts::new(n * 42 / 100, n, "t", "n").unwrap();
        let r = two_proportion(c, t, 0.95).unwrap();
        printed(r.low, low, 3);
        printed(r.high, high, 3);
    }
}

#[test]
fn planning_lesson() {
    assert_eq!(sample_size_per_arm(0.38, 0.02, 0.05, 0.8).unwrap(), 9_246);
    let g = golden_set(0.8, 0.02, 4, 0.95).unwrap();
    assert_eq!(g.n, 6_147);
    // "±5.5 pp at n = 200"
    printed(100.0 * wald_half_width(0.8, 200, 0.95).unwrap(), 5.5, 1);
}

#[test]
fn srm_lesson() {
    printed(srm(&[1650, 2350], None).unwrap().chi_square, 122.5, 1);
}

#[test]
fn sign_test_lesson() {
    printed(sign_test(1, 0, Alternative::Greater).p_value, 0.500, 3);
    printed(sign_test(13, 3, Alternative::Greater).p_value, 0.0106, 4);
}

#[test]
fn paired_bootstrap_lesson() {
    let counts = PairedCounts {
        both_pass: 17,
        both_fail: 10,
        b_only: 8,
        a_only: 5,
    };
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
    let r = paired_bootstrap(counts, 20_000, 0.95, &mut rng).unwrap();
    printed(r.estimate, 0.075, 3);
    // "about [−0.100, +0.250]": on a grid of 1/40 = 0.025, within one step.
    assert!((r.low - -0.100).abs() <= 0.025 + 1e-12, "low {}", r.low);
    assert!((r.high - 0.250).abs() <= 0.025 + 1e-12, "high {}", r.high);
    assert_eq!(Claim::from_interval(r.low, r.high), Claim::Inconclusive);
}

#[test]
fn pass_at_k_lesson() {
    let p = |n, c, k| pass_at_k(PassCounts::new(n, c).unwrap(), k).unwrap();
    printed(p(10, 2, 1), 0.200, 3);
    printed(p(10, 2, 5), 0.778, 3);
    assert_eq!(p(10, 0, 5), 0.0);
    assert_eq!(p(10, 8, 5), 1.0);
    let tasks: Vec<PassCounts> = [0, 1, 2, 4]
        .iter()
        .map(|&c| PassCounts::new(10, c).unwrap())
        .collect();
    printed(macro_pass_at_k(&tasks, 1).unwrap(), 0.175, 3);
    printed(macro_pass_at_k(&tasks, 3).unwrap(), 0.417, 3);
    printed(macro_pass_at_k(&tasks, 5).unwrap(), 0.563, 3);
}

#[test]
fn bad_day_lesson() {
    let five = bad_day(1000.0, 256.0, 3.0, 0.2, 10.0, 5.0).unwrap();
    printed(five.baseline_daily_cost, 66_355.0, 0);
    printed(five.overrun_per_day, 119_439.0, 0);
    assert!(
        (five.incident_cost - 415.0).abs() < 1.0,
        "{}",
        five.incident_cost
    );
    let four_hours = bad_day(1000.0, 256.0, 3.0, 0.2, 10.0, 240.0).unwrap();
    assert!(
        (four_hours.incident_cost - 19_900.0).abs() < 50.0,
        "{}",
        four_hours.incident_cost
    );
}

#[test]
fn peeking_lesson() {
    let config = PeekingConfig::LESSON;
    // The lesson's 5,000 × 20 looks × 100 per batch at 0.40, |z| > 1.96.
    assert_eq!(
        (
            config.trials,
            config.looks,
            config.batch,
            config.rate,
            config.z
        ),
        (5_000, 20, 100, 0.40, 1.96)
    );
    let r = simulate_peeking(&config, 11, None).unwrap();
    // Within three binomial standard errors of the lesson's 5 % and 25 %.
    let se = |p: f64| (p * (1.0 - p) / 5_000.0).sqrt();
    assert!(
        (r.planned_false_win - 0.05).abs() < 3.0 * se(0.05),
        "{}",
        r.planned_false_win
    );
    assert!(
        (r.peek_false_win - 0.25).abs() < 3.0 * se(0.25),
        "{}",
        r.peek_false_win
    );
    assert_eq!(r.first_crossing.iter().sum::<u64>(), r.peek_false_wins);
    // Reproducible: the same seed gives the same answer.
    assert_eq!(simulate_peeking(&config, 11, None).unwrap(), r);
}
