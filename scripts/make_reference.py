#!/usr/bin/env python3
"""Generate tests/reference/calc_reference.json for `evalbench calc`.

Every expected value is computed from an independent source (scipy /
statsmodels / scikit-learn / hashlib / exact rational arithmetic) rather than
by re-deriving the Rust formula in the same way.  Run with the project venv:

    /work/.venv/bin/python scripts/make_reference.py

The script is deterministic (fixed seeds, no clocks) and rewrites the same
JSON on every run.

Conventions for the consumer (Rust integration test):
  * `args` keys are CLI flag names without `--`; values are the exact strings
    to pass.  Lists are comma separated without spaces.  No value starts with
    '-' (so the test does not depend on clap's negative-number handling).
  * `expect` values are numbers, arrays of numbers, or strings.
  * `tol` is an absolute tolerance applied to every numeric field of the case.
    Base tolerance is 1e-9 for closed forms; it is widened to
    1e-12 * (largest |expected number| in the case) when that is larger, so
    large-magnitude outputs (e.g. 1e5-sized sample sizes or costs) are compared
    at ~1e-12 relative precision instead of an unreasonably strict absolute one.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
import sys
from fractions import Fraction
from math import comb

import numpy as np
import pandas as pd
import scipy
import scipy.special
import scipy.stats as st
import sklearn
import sklearn.metrics
import statsmodels
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    samplesize_confint_proportion,
)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "reference", "calc_reference.json")

CASES: list[dict] = []


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def fmt(x) -> str:
    """Format a CLI argument value exactly as it will be passed."""
    if isinstance(x, str):
        return x
    if isinstance(x, (list, tuple)):
        return ",".join(fmt(v) for v in x)
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return repr(float(x))


def _numbers(v):
    if isinstance(v, list):
        for e in v:
            yield from _numbers(e)
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        yield v


def clean(v):
    """Convert numpy scalars/arrays to plain Python, check finiteness."""
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple, np.ndarray)):
        return [clean(e) for e in v]
    if isinstance(v, (bool, np.bool_)):
        raise TypeError("bool not allowed in expect")
    if isinstance(v, (int, np.integer)):
        return int(v)
    f = float(v)
    if not math.isfinite(f):
        raise ValueError(f"non-finite expected value {f}")
    return f


def add(calc: str, args: dict, expect: dict, source: str, tol: float = 1e-9):
    expect = {k: clean(v) for k, v in expect.items()}
    args = {k: fmt(v) for k, v in args.items()}
    for k, v in args.items():
        assert not v.startswith("-"), (calc, k, v)
        assert " " not in v, (calc, k, v)
    mags = [abs(x) for v in expect.values() for x in _numbers(v)]
    if mags:
        tol = max(tol, 1e-12 * max(mags))
    CASES.append(
        {"calc": calc, "args": args, "expect": expect, "tol": tol, "source": source}
    )


def zq(conf: float) -> float:
    """Two-sided normal critical value for a confidence level."""
    return float(st.norm.ppf(1.0 - (1.0 - conf) / 2.0))


# --------------------------------------------------------------------------
# pass@k
# --------------------------------------------------------------------------
def pass_at_k_exact(n: int, c: int, k: int) -> Fraction:
    if n - c < k:
        return Fraction(1)
    return 1 - Fraction(comb(n - c, k), comb(n, k))


def gen_pass_at_k():
    src = ("exact rational arithmetic: 1 - Fraction(math.comb(n-c,k), math.comb(n,k)) "
           "(1 when n-c<k), converted to float at the end")
    cases = [
        (1, 0, 1), (1, 1, 1), (2, 1, 1), (2, 1, 2), (5, 0, 3), (5, 5, 1),
        (10, 3, 1), (10, 3, 5), (10, 3, 8), (10, 3, 10), (10, 1, 10),
        (10, 9, 2), (20, 1, 1), (20, 2, 19), (20, 10, 10), (50, 7, 5),
        (100, 1, 1), (100, 1, 50), (100, 5, 10), (100, 50, 1), (100, 0, 100),
        (100, 100, 100), (200, 3, 100), (200, 199, 1), (1000, 1, 10),
        (1000, 13, 100), (64, 2, 32), (37, 36, 36),
    ]
    for n, c, k in cases:
        add("pass-at-k", {"n": n, "c": c, "k": k},
            {"pass_at_k": float(pass_at_k_exact(n, c, k))}, src)


def gen_pass_at_k_curve():
    src = ("exact rational arithmetic: macro average over tasks of "
           "1 - Fraction(comb(n-c,k), comb(n,k)) for k=1..n, float at the end")
    rng = np.random.default_rng(20240611)
    specs = [
        (1, [0]), (1, [1]), (1, [0, 1, 1]), (2, [0, 1, 2]), (3, [3]),
        (3, [0, 0, 0]), (4, [1, 2]), (5, [0, 1, 2, 3, 4, 5]), (5, [2]),
        (8, [1, 1, 1, 7]), (10, [3, 0, 10, 5]), (10, [1]), (10, [9, 9]),
        (16, [0, 4, 8, 12, 16]), (20, [1, 2, 3]), (25, [24]),
    ]
    for n in (6, 12, 30, 50, 100):
        tasks = int(rng.integers(3, 12))
        specs.append((n, [int(x) for x in rng.integers(0, n + 1, size=tasks)]))
    for n in (40, 64):
        # low-success regime, typical for hard benchmarks
        specs.append((n, [int(x) for x in rng.binomial(n, 0.05, size=15)]))
    for n, correct in specs:
        curve = []
        for k in range(1, n + 1):
            s = sum((pass_at_k_exact(n, c, k) for c in correct), Fraction(0))
            curve.append(float(s / len(correct)))
        add("pass-at-k-curve", {"n": n, "correct": correct},
            {"k": list(range(1, n + 1)), "pass_at_k": curve}, src)


# --------------------------------------------------------------------------
# sign test
# --------------------------------------------------------------------------
def gen_sign_test():
    src = ("scipy.stats.binomtest(b_wins, b_wins+a_wins, p=0.5, alternative).pvalue "
           "(two-sided cross-checked against min(1, 2*smaller tail) via "
           "binom.sf/cdf); 0 disagreements -> 1 by definition")
    specs = [
        (0, 0, None), (0, 0, "two-sided"), (0, 0, "less"),
        (1, 0, None), (0, 1, None), (1, 0, "two-sided"), (0, 1, "less"),
        (5, 5, None), (5, 5, "two-sided"), (5, 5, "less"),
        (12, 4, None), (12, 4, "greater"), (12, 4, "two-sided"), (12, 4, "less"),
        (4, 12, "two-sided"), (4, 12, None), (30, 18, "two-sided"),
        (7, 0, "two-sided"), (0, 7, "two-sided"), (10, 1, "greater"),
        (60, 40, None), (60, 40, "two-sided"), (520, 480, "two-sided"),
        (540, 460, None), (2000, 1900, "greater"), (1900, 2000, "less"),
        (3, 20, "greater"), (25, 24, "two-sided"),
    ]
    for b, a, alt in specs:
        n = b + a
        alt_eff = alt or "greater"
        if n == 0:
            p = 1.0
        else:
            p = st.binomtest(b, n, 0.5, alternative=alt_eff).pvalue
            upper = st.binom.sf(b - 1, n, 0.5)   # P(X >= b)
            lower = st.binom.cdf(b, n, 0.5)      # P(X <= b)
            ref = {"greater": upper, "less": lower,
                   "two-sided": min(1.0, 2 * min(upper, lower))}[alt_eff]
            assert abs(p - ref) < 1e-12, (b, a, alt_eff, p, ref)
        args = {"b-wins": b, "a-wins": a}
        if alt is not None:
            args["alternative"] = alt
        add("sign-test", args, {"p_value": p, "disagreements": n}, src)


# --------------------------------------------------------------------------
# wilson
# --------------------------------------------------------------------------
def gen_wilson():
    src = "statsmodels.stats.proportion.proportion_confint(method='wilson', alpha=1-confidence)"
    specs = [
        (720, 1000, 0.95), (720, 1000, None), (0, 1, 0.95), (1, 1, 0.95),
        (0, 10, 0.95), (10, 10, 0.95), (0, 1000, 0.99), (1000, 1000, 0.99),
        (1, 2, 0.95), (3, 7, 0.9), (50, 100, 0.5), (50, 100, 0.999),
        (1, 100, 0.95), (99, 100, 0.95), (380, 1000, 0.8),
        (12345, 20000, 0.95), (1, 1000000, 0.95), (999999, 1000000, 0.999),
        (5, 20, 0.68), (17, 40, 0.975), (450000, 1000000, 0.95), (2, 3, 0.999),
    ]
    for s, n, conf in specs:
        c = 0.95 if conf is None else conf
        low, high = proportion_confint(s, n, alpha=1 - c, method="wilson")
        args = {"successes": s, "n": n}
        if conf is not None:
            args["confidence"] = conf
        add("wilson", args, {"estimate": s / n, "low": low, "high": high}, src)


# --------------------------------------------------------------------------
# two-proportion
# --------------------------------------------------------------------------
def gen_two_proportion():
    src = ("difference CI: statsmodels confint_proportions_2indep(treatment, control, "
           "method='wald', compare='diff') (unpooled); se = (high-low)/(2 z), z = "
           "scipy norm.ppf; relative CI: delta method evaluated as J Sigma J^T with "
           "numpy (J = gradient of p_t/p_c, Sigma = diag(binomial variances)), "
           "cross-checked against the closed-form se_rel")
    specs = [
        (760, 2000, 840, 2000, None), (760, 2000, 840, 2000, 0.95),
        (760, 2000, 840, 2000, 0.5), (760, 2000, 840, 2000, 0.999),
        (50, 100, 50, 100, None), (1, 1, 1, 1, None), (1, 1, 0, 1, None),
        (1, 2, 2, 2, 0.9), (10, 10, 9, 10, None), (10, 10, 10, 10, None),
        (1, 1000, 0, 1000, None), (1, 1000, 5, 1000, 0.99), (3, 50, 0, 40, 0.95),
        (380, 1000, 420, 1200, 0.8), (120, 5000, 150, 5000, None),
        (5000, 100000, 5200, 100000, 0.95), (45123, 100000, 45890, 100000, 0.99),
        (700, 1000, 650, 1000, None), (90, 100, 99, 100, 0.975),
        (17, 23, 5, 31, 0.68), (250000, 1000000, 251000, 1000000, 0.999),
        (2, 7, 7, 7, 0.95),
    ]
    for cs, cn, ts, tn, conf in specs:
        c = 0.95 if conf is None else conf
        z = zq(c)
        pc, pt = cs / cn, ts / tn
        low, high = confint_proportions_2indep(ts, tn, cs, cn, method="wald",
                                               compare="diff", alpha=1 - c)
        lift = pt - pc
        se = (high - low) / (2 * z)
        # same se straight from the definition (guards against statsmodels change)
        se_direct = math.sqrt(pt * (1 - pt) / tn + pc * (1 - pc) / cn)
        assert abs(se - se_direct) < 1e-12, (se, se_direct)
        rel = lift / pc
        J = np.array([1.0 / pc, -pt / pc ** 2])          # d(p_t/p_c)/d(p_t, p_c)
        Sigma = np.diag([pt * (1 - pt) / tn, pc * (1 - pc) / cn])
        se_rel = float(np.sqrt(J @ Sigma @ J))
        se_rel_cf = math.sqrt(pt * (1 - pt) / (tn * pc ** 2)
                              + pt ** 2 * pc * (1 - pc) / (cn * pc ** 4))
        assert abs(se_rel - se_rel_cf) < 1e-12 * max(1, se_rel), (se_rel, se_rel_cf)
        args = {"control-successes": cs, "control-n": cn,
                "treatment-successes": ts, "treatment-n": tn}
        if conf is not None:
            args["confidence"] = conf
        add("two-proportion", args, {
            "control_rate": pc, "treatment_rate": pt, "lift": lift,
            "relative_lift": rel, "se": se, "low": low, "high": high,
            "relative_low": rel - z * se_rel, "relative_high": rel + z * se_rel,
        }, src)


# --------------------------------------------------------------------------
# sample size / mde
# --------------------------------------------------------------------------
def _nip_power(d: float, nobs1: float, alpha: float) -> float:
    # statsmodels power of a one-sided ('larger') z-test at alpha/2 with equal
    # arms: this is exactly the power the closed form n = 2 (z_{1-a/2}+z_pow)^2/d^2
    # targets (the two-sided mode also counts the negligible far tail).  We check
    # that the closed-form n / mde achieves the requested power (solve_power's
    # root finder is only accurate to ~1e-5, too loose to check against).
    return float(NormalIndPower().power(effect_size=d, nobs1=nobs1, alpha=alpha / 2,
                                        ratio=1.0, alternative="larger"))


def gen_sample_size():
    src = ("n = ceil(2 p(1-p) (z_{1-alpha/2}+z_power)^2 / mde^2) with z from "
           "scipy.stats.norm.ppf; cross-checked: statsmodels NormalIndPower.power("
           "effect_size=mde/sqrt(p(1-p)), nobs1=raw n, alpha=alpha/2, "
           "alternative='larger') == power to 1e-9 (NormalIndPower's two-sided mode adds the far-tail "
           "power term and Cohen's h is a different variance convention, so neither is "
           "used directly). Integer output; cases with raw n within 1e-6 of an integer "
           "are excluded")
    specs = [
        (0.38, 0.02, None, None), (0.38, 0.02, 0.05, 0.8), (0.5, 0.01, None, None),
        (0.5, 0.05, None, None), (0.1, 0.01, None, None), (0.01, 0.001, None, None),
        (0.99, 0.005, None, None), (0.2, 0.05, 0.01, 0.9), (0.2, 0.05, 0.1, 0.5),
        (0.72, 0.03, 0.05, 0.95), (0.05, 0.002, 0.05, 0.8), (0.3, 0.1, 0.2, 0.8),
        (0.6, 0.2, 0.05, 0.8), (0.45, 0.001, 0.001, 0.99), (0.38, 0.02, 0.01, None),
        (0.38, 0.02, None, 0.9), (0.8, 0.04, 0.05, 0.8), (0.15, 0.015, 0.1, 0.85),
        (0.5, 0.3, 0.05, 0.8), (0.02, 0.01, 0.05, 0.8), (0.9, 0.02, 0.001, 0.999),
        (0.33, 0.025, 0.05, 0.7),
    ]
    for p, mde, alpha, power in specs:
        a = 0.05 if alpha is None else alpha
        pw = 0.8 if power is None else power
        zz = st.norm.ppf(1 - a / 2) + st.norm.ppf(pw)
        raw = 2 * p * (1 - p) * zz ** 2 / mde ** 2
        if abs(raw - round(raw)) < 1e-6:
            continue
        achieved = _nip_power(mde / math.sqrt(p * (1 - p)), raw, a)
        assert abs(achieved - pw) < 1e-9, (p, mde, raw, achieved)
        args = {"baseline": p, "mde": mde}
        if alpha is not None:
            args["alpha"] = alpha
        if power is not None:
            args["power"] = power
        add("sample-size", args, {"n_per_arm": math.ceil(raw)}, src)
    assert CASES[[c["calc"] for c in CASES].index("sample-size")]["expect"]["n_per_arm"] == 9246


def gen_mde():
    src = ("mde = (z_{1-alpha/2}+z_power) sqrt(2 p(1-p)/n) with z from scipy.stats."
           "norm.ppf; cross-checked: statsmodels NormalIndPower.power(effect_size="
           "mde/sqrt(p(1-p)), nobs1=n, alpha=alpha/2, alternative='larger') == "
           "power to 1e-9")
    specs = [
        (0.38, 9246, None, None), (0.38, 9246, 0.05, 0.8), (0.5, 1, None, None),
        (0.5, 100, None, None), (0.1, 1000, None, None), (0.01, 100000, None, None),
        (0.99, 5000, 0.05, 0.8), (0.2, 250, 0.01, 0.9), (0.2, 250, 0.1, 0.5),
        (0.72, 3000, 0.05, 0.95), (0.05, 1000000, 0.05, 0.8), (0.3, 40, 0.2, 0.8),
        (0.6, 2, 0.05, 0.8), (0.45, 10000000, 0.001, 0.99), (0.38, 9246, 0.01, None),
        (0.38, 9246, None, 0.9), (0.8, 1537, 0.05, 0.8), (0.15, 777, 0.1, 0.85),
        (0.5, 20000, 0.5, 0.5), (0.02, 123456, 0.05, 0.8), (0.9, 50, 0.001, 0.999),
        (0.33, 12, 0.05, 0.7),
    ]
    for p, n, alpha, power in specs:
        a = 0.05 if alpha is None else alpha
        pw = 0.8 if power is None else power
        zz = st.norm.ppf(1 - a / 2) + st.norm.ppf(pw)
        m = zz * math.sqrt(2 * p * (1 - p) / n)
        achieved = _nip_power(m / math.sqrt(p * (1 - p)), n, a)
        assert abs(achieved - pw) < 1e-9, (p, n, m, achieved)
        args = {"baseline": p, "n-per-arm": n}
        if alpha is not None:
            args["alpha"] = alpha
        if power is not None:
            args["power"] = power
        add("mde", args, {"mde": m}, src)


# --------------------------------------------------------------------------
# srm
# --------------------------------------------------------------------------
def gen_srm():
    src = ("scipy.stats.chisquare(f_obs, f_exp=total*w/sum(w)); df = arms-1; "
           "p_value from the same call (chi2.sf)")
    specs = [
        ([1650, 2350], None), ([5000, 5000], None), ([5000, 5001], None),
        ([1, 0], None), ([0, 10], None), ([1, 1], None), ([10, 20, 30], None),
        ([100, 100, 100, 100], None), ([98, 102, 95, 105, 100], None),
        ([9000, 1000], [0.9, 0.1]), ([9050, 950], [90, 10]), ([2000, 1000], [2, 1]),
        ([2100, 900], [2, 1]), ([500, 300, 200], [5, 3, 2]),
        ([510, 290, 200], [0.5, 0.3, 0.2]), ([50123, 49877], None),
        ([1000000, 1001500], None), ([5000000, 5010000], None),
        ([3, 7], [1, 1]), ([0, 0, 5], None), ([10, 10], [1, 3]),
        ([333, 333, 334], None), ([1, 99], [0.01, 0.99]), ([7000, 2000, 1000], [1, 1, 1]),
    ]
    for counts, w in specs:
        k = len(counts)
        ww = [1.0] * k if w is None else [float(x) for x in w]
        tot = sum(counts)
        exp = [tot * x / sum(ww) for x in ww]
        res = st.chisquare(counts, f_exp=exp)
        args = {"counts": counts}
        if w is not None:
            args["weights"] = w
        add("srm", args, {"chi_square": res.statistic, "df": k - 1,
                          "p_value": res.pvalue}, src)
    first = next(c for c in CASES if c["calc"] == "srm")
    assert abs(first["expect"]["chi_square"] - 122.5) < 1e-9


# --------------------------------------------------------------------------
# golden-set
# --------------------------------------------------------------------------
def gen_golden_set():
    src = ("per_cohort = statsmodels.stats.proportion.samplesize_confint_proportion("
           "p, h, alpha=1-confidence) (= z^2 p(1-p)/h^2, unrounded); "
           "n = ceil(per_cohort*cohorts). n is an integer; cases where "
           "per_cohort*cohorts is within 1e-6 of an integer are excluded so float "
           "noise cannot flip the ceiling")
    specs = [
        (0.8, 0.02, 4, None), (0.8, 0.02, None, None), (0.8, 0.02, 1, 0.95),
        (0.5, 0.05, None, None), (0.5, 0.01, 10, 0.99), (0.9, 0.03, 3, 0.9),
        (0.99, 0.005, 2, 0.95), (0.01, 0.005, 1, 0.95), (0.7, 0.1, 1, 0.5),
        (0.7, 0.1, 5, 0.999), (0.62, 0.015, 7, None), (0.95, 0.02, 12, 0.95),
        (0.3, 0.04, 1, 0.8), (0.85, 0.025, 20, 0.95), (0.5, 0.001, 1, 0.95),
        (0.75, 0.05, 100, 0.68), (0.4, 0.2, 3, 0.95), (0.55, 0.03, 6, 0.975),
        (0.1, 0.02, 2, 0.99), (0.88, 0.01, 1, 0.999), (0.66, 0.07, 9, 0.9),
        (0.999, 0.001, 1, 0.95),
    ]
    for p, h, cohorts, conf in specs:
        c = 0.95 if conf is None else conf
        k = 1 if cohorts is None else cohorts
        per = samplesize_confint_proportion(p, h, alpha=1 - c)
        z = zq(c)
        assert abs(per - z * z * p * (1 - p) / h ** 2) < 1e-9 * per
        tot = per * k
        assert abs(tot - round(tot)) > 1e-6, (p, h, k, c, tot)
        args = {"pass-rate": p, "half-width": h}
        if cohorts is not None:
            args["cohorts"] = cohorts
        if conf is not None:
            args["confidence"] = conf
        add("golden-set", args, {"per_cohort": per, "n": math.ceil(tot)}, src)
    first = next(c for c in CASES if c["calc"] == "golden-set")
    assert first["expect"]["n"] == 6147


# --------------------------------------------------------------------------
# poisson
# --------------------------------------------------------------------------
def gen_poisson():
    src = "scipy.stats.poisson(lambda).pmf(k), .cdf(k), .sf(k) (sf = P(X > k))"
    specs = [
        (1.0, 0), (1.0, 1), (1.0, 5), (0.001, 0), (0.001, 1), (0.5, 0),
        (2.5, 2), (3.0, 3), (4.2, 10), (10.0, 0), (10.0, 10), (10.0, 25),
        (0.1, 3), (7.7, 4), (50.0, 40), (50.0, 70), (100.0, 100), (250.0, 230),
        (1000.0, 1000), (1000.0, 1100), (1000.0, 900), (15.3, 2), (0.75, 12),
        (33.3, 33),
    ]
    for lam, k in specs:
        d = st.poisson(lam)
        add("poisson", {"lambda": lam, "k": k},
            {"pmf": d.pmf(k), "cdf": d.cdf(k), "sf": d.sf(k)}, src)


# --------------------------------------------------------------------------
# lognormal
# --------------------------------------------------------------------------
def gen_lognormal():
    src = ("scipy.stats.lognorm(s=sigma, scale=median): .mean(), .median(), "
           ".ppf(0.95); mu = numpy.log(median)")
    specs = [
        (6, 0.55), (1, 1), (1, 0.001), (0.5, 0.1), (100, 0.25), (250, 0.8),
        (2.5, 1.5), (0.01, 2), (1000000, 0.3), (42, 0.05), (3, 2.5), (12.5, 0.7),
        (0.2, 0.9), (7, 3), (1500, 1.2), (9.99, 0.333), (0.001, 0.5),
        (60, 0.45), (18, 0.01), (4, 1.75), (800, 0.15), (1.5, 0.6),
    ]
    for med, sig in specs:
        d = st.lognorm(s=sig, scale=med)
        add("lognormal", {"median": med, "sigma": sig},
            {"mu": float(np.log(med)), "mean": d.mean(), "median": d.median(),
             "p95": d.ppf(0.95)}, src)
    first = next(c for c in CASES if c["calc"] == "lognormal")
    assert abs(first["expect"]["p95"] - 14.83) < 0.01


# --------------------------------------------------------------------------
# softmax
# --------------------------------------------------------------------------
def gen_softmax():
    src = ("scipy.special.softmax(logits/T); top-p by stable descending sort, keep "
           "smallest prefix with cumsum >= top_p, renormalize, original order. Cases "
           "with a tie at the cut or cumsum within 1e-6 of top_p are excluded")
    specs = [
        ([2.2, 1.5, 0.2, -1.5], None, None), ([2.2, 1.5, 0.2, -1.5], 1, 1),
        ([2.2, 1.5, 0.2, -1.5], 0.5, None), ([2.2, 1.5, 0.2, -1.5], 2, None),
        ([2.2, 1.5, 0.2, -1.5], 10, None), ([2.2, 1.5, 0.2, -1.5], 0.1, None),
        ([2.2, 1.5, 0.2, -1.5], None, 0.9), ([2.2, 1.5, 0.2, -1.5], None, 0.5),
        ([2.2, 1.5, 0.2, -1.5], None, 0.95), ([2.2, 1.5, 0.2, -1.5], 2, 0.8),
        ([0], None, None), ([3.5], 0.7, 0.3), ([1, 1, 1, 1], None, None),
        ([1, 1], None, 0.5 + 0.25), ([0, 0, 5], None, 0.9),
        ([1000, 999, 998], None, None), ([1000, 999, 998], 0.5, 0.95),
        ([0, -100, -200], None, None), ([0.1, 0.2, 0.3, 0.4, 0.5], 1, 0.6),
        ([5, 3, 3, 1], None, 0.95), ([3, 1, 4, 1.5, 9, 2.6], 1.5, 0.7),
        ([0, -1, -2, -3, -4, -5, -6, -7], 3, 0.99), ([12, 11.9, 0.3], 0.05, 0.6),
        ([2, 7, 1, 8, 2, 8.1], 0.8, 0.999), ([0.5, 0.25], 1e-2, None),
    ]
    for logits, T, top_p in specs:
        t = 1.0 if T is None else float(T)
        tp = 1.0 if top_p is None else float(top_p)
        p = scipy.special.softmax(np.asarray(logits, dtype=float) / t)
        order = np.argsort(-p, kind="stable")
        cs = np.cumsum(p[order])
        if tp < 1.0:
            assert np.min(np.abs(cs - tp)) > 1e-6, (logits, T, top_p, cs)
        m = int(np.searchsorted(cs, tp - 0.0, side="left")) + 1  # first idx with cs >= tp
        m = min(m, len(p))
        if tp >= 1.0:
            m = len(p)
        if m < len(p):
            assert p[order[m - 1]] != p[order[m]], ("tie at cut", logits, T, top_p)
        keep = np.zeros_like(p, dtype=bool)
        keep[order[:m]] = True
        q = np.where(keep, p, 0.0)
        q = q / q.sum()
        args = {"logits": logits}
        if T is not None:
            args["temperature"] = T
        if top_p is not None:
            args["top-p"] = top_p
        add("softmax", args, {"probabilities": q.tolist()}, src)
    first = next(c for c in CASES if c["calc"] == "softmax")
    assert np.allclose(first["expect"]["probabilities"], [0.604, 0.300, 0.082, 0.015],
                       atol=1e-3)


# --------------------------------------------------------------------------
# assign
# --------------------------------------------------------------------------
def gen_assign():
    src = ("hashlib.sha256(f'{experiment}:{unit}'.encode()).digest()[:8] big-endian "
           "% 100; arm = treatment iff bucket < share*100 (cases where float "
           "share*100 and the exact decimal share disagree are excluded)")
    exps = [
        ("refund-query-rewrite:v1", None,
         ["customer-014", "customer-231", "customer-844", "customer-001", "customer-999"]),
        ("ranker-v2", 0.1, ["u1", "u2", "u3", "u4"]),
        ("ranker-v2", 0.9, ["u1", "u2", "u3", "u4"]),
        ("prompt_cache.ttl=600", 0.25, ["session-7f3a", "session-00", "session-zz"]),
        ("X", 0.01, ["a", "b", "user@example.com"]),
        ("long-experiment-name-with-many-parts.v17", 0.99, ["42", "4242"]),
        ("checkout/holdout", 0.33, ["ORD-0001", "ORD-0002", "ORD-0003"]),
        ("temperature-sweep", 0.5, ["t0", "T0", "t0_x"]),
        ("e", 0.75, ["1", "2", "3", "4", "5"]),
    ]
    seen_arms = set()
    for exp, share, units in exps:
        sh = 0.5 if share is None else share
        for unit in units:
            digest = hashlib.sha256(f"{exp}:{unit}".encode()).digest()
            bucket = int.from_bytes(digest[:8], "big") % 100
            arm = "treatment" if bucket < sh * 100 else "control"
            arm_exact = ("treatment" if Fraction(bucket) < Fraction(str(sh)) * 100
                         else "control")
            if arm != arm_exact:
                continue
            seen_arms.add(arm)
            args = {"experiment": exp, "unit": unit}
            if share is not None:
                args["treatment-share"] = share
            add("assign", args, {"bucket": bucket, "arm": arm}, src)
    chk = [c["expect"]["arm"] for c in CASES if c["calc"] == "assign"][:3]
    assert chk == ["treatment", "control", "control"], chk
    assert seen_arms == {"treatment", "control"}


# --------------------------------------------------------------------------
# spearman
# --------------------------------------------------------------------------
def gen_spearman():
    src = "scipy.stats.spearmanr(x, y).statistic (average ranks for ties)"
    rng = np.random.default_rng(7)
    specs = [
        ([1, 2], [1, 2]), ([1, 2], [2, 1]), ([1, 2, 3], [1, 3, 2]),
        ([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]),
        ([1, 1, 2, 2], [1, 2, 1, 2]), ([1, 1, 1, 2], [3, 4, 5, 6]),
        ([0.5, 0.5, 0.7, 0.9, 0.9, 0.9], [10, 20, 20, 30, 40, 40]),
        ([3, 1, 4, 1, 5, 9, 2, 6], [2, 7, 1, 8, 2, 8, 1, 8]),
        ([0.81, 0.75, 0.9, 0.62, 0.77], [0.7, 0.72, 0.88, 0.5, 0.69]),
        ([1, 2, 3, 4, 5, 6], [1, 4, 9, 16, 25, 36]),
        ([1e-6, 2e-6, 3e-6], [3, 1, 2]), ([100, -3, 7, -50, 0], [1, 2, 3, 4, 5]),
        ([2, 2, 2, 1, 3], [1, 2, 3, 4, 5]),
    ]
    for n in (10, 25, 50, 100, 300):
        x = rng.normal(size=n)
        y = 0.6 * x + rng.normal(size=n)
        # shift positive and round to force ties
        x = np.round(x - x.min() + 0.1, 1)
        y = np.round(y - y.min() + 0.1, 1)
        specs.append(([float(v) for v in x], [float(v) for v in y]))
    for n in (12, 40):
        x = rng.integers(1, 6, size=n)   # Likert-like, heavy ties
        y = np.clip(x + rng.integers(-1, 2, size=n), 1, 5)
        specs.append(([int(v) for v in x], [int(v) for v in y]))
    for n in (30, 80):
        x = rng.uniform(0, 10, size=n)
        y = rng.uniform(0, 10, size=n)   # ~uncorrelated
        specs.append(([round(float(v), 3) for v in x], [round(float(v), 3) for v in y]))
    for x, y in specs:
        assert len(set(x)) > 1 and len(set(y)) > 1
        rho = st.spearmanr(x, y).statistic
        add("spearman", {"x": [fmt_num(v) for v in x], "y": [fmt_num(v) for v in y]},
            {"rho": rho}, src)


def fmt_num(v) -> str:
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return repr(float(v))


# --------------------------------------------------------------------------
# kappa
# --------------------------------------------------------------------------
def gen_kappa():
    src = ("sklearn.metrics.cohen_kappa_score(a, b); observed_agreement = "
           "mean(a==b); expected_agreement from pandas value_counts marginals; "
           "kappa cross-checked as (po-pe)/(1-pe)")
    rng = np.random.default_rng(11)
    specs = [
        ("1,2,1,2", "1,2,1,2"), ("1,2,1,2", "2,1,2,1"), ("1,2", "1,1"),
        ("pass,fail,pass,pass", "pass,fail,fail,pass"),
        ("a,a,a,a,b", "a,a,a,b,b"), ("1,2,tie,1,2,tie", "1,2,tie,2,1,tie"),
        ("1,1,1,1", "1,1,1,2"), ("x,y", "y,x"), ("cat,dog,fish", "cat,dog,dog"),
        ("1,2,3,4,5", "1,2,3,4,5"), ("yes,no,yes,no,yes,no", "yes,yes,yes,no,no,no"),
        ("A,B,C,A,B,C,A", "A,B,C,C,B,A,A"), ("good,bad", "good,bad"),
        ("1,1,2,2,3,3", "1,2,2,3,3,1"), ("pass,pass,pass,fail", "fail,fail,fail,pass"),
    ]
    for n, labels, agree in ((20, ["1", "2", "tie"], 0.7), (50, ["pass", "fail"], 0.85),
                             (100, ["A", "B", "C", "D"], 0.5), (200, ["1", "2"], 0.95),
                             (500, ["low", "mid", "high"], 0.6),
                             (37, ["a", "b", "c", "d", "e"], 0.3),
                             (1000, ["pass", "fail", "skip"], 0.9)):
        a = rng.choice(labels, size=n)
        b = np.where(rng.uniform(size=n) < agree, a, rng.choice(labels, size=n))
        specs.append((",".join(a), ",".join(b)))
    for sa, sb in specs:
        a, b = sa.split(","), sb.split(",")
        assert len(a) == len(b)
        k = sklearn.metrics.cohen_kappa_score(a, b)
        po = float(np.mean(np.array(a) == np.array(b)))
        pa = pd.Series(a).value_counts(normalize=True)
        pb = pd.Series(b).value_counts(normalize=True)
        pe = float(sum(pa[l] * pb.get(l, 0.0) for l in pa.index))
        assert pe < 1.0 - 1e-12
        assert abs(k - (po - pe) / (1 - pe)) < 1e-12, (sa, sb, k, po, pe)
        add("kappa", {"a": sa, "b": sb},
            {"kappa": k, "observed_agreement": po, "expected_agreement": pe}, src)


# --------------------------------------------------------------------------
# paired bootstrap (exact bootstrap distribution)
# --------------------------------------------------------------------------
def exact_bootstrap_quantiles(bp, bf, bo, ao, conf):
    N = bp + bf + bo + ao
    probs = [bo / N, ao / N, (bp + bf) / N]
    dist: dict[int, float] = {}
    for xp in range(N + 1):
        for xm in range(N + 1 - xp):
            pr = st.multinomial.pmf([xp, xm, N - xp - xm], N, probs)
            if pr > 0:
                dist[xp - xm] = dist.get(xp - xm, 0.0) + pr
    total = sum(dist.values())
    assert abs(total - 1) < 1e-9, total
    keys = sorted(dist)
    cdf = np.cumsum([dist[d] for d in keys]) / total

    def q(level):
        i = int(np.searchsorted(cdf, level, side="left"))   # smallest v: cdf >= level
        i = min(i, len(keys) - 1)
        return keys[i] / N, abs(cdf[i] - level)

    lo, _ = q((1 - conf) / 2)
    hi, _ = q(1 - (1 - conf) / 2)
    return lo, hi, len(keys)


def gen_paired_bootstrap():
    specs = [
        (17, 10, 8, 5, None, 7), (17, 10, 8, 5, 0.9, 7), (17, 10, 8, 5, 0.5, 11),
        (17, 10, 8, 5, 0.99, 3), (0, 0, 1, 0, None, 7), (0, 0, 0, 1, None, 7),
        (1, 0, 0, 0, None, 7), (5, 5, 0, 0, None, 7), (0, 0, 3, 3, None, 7),
        (10, 10, 5, 0, None, 7), (10, 10, 0, 5, 0.95, 1), (30, 20, 12, 8, None, 7),
        (40, 30, 6, 4, 0.99, 7), (2, 3, 1, 1, 0.8, 5), (0, 0, 20, 20, 0.95, 7),
        (50, 10, 15, 5, 0.95, 99), (5, 50, 1, 4, 0.9, 7), (20, 20, 20, 20, 0.999, 7),
        (60, 0, 15, 5, None, 7), (25, 25, 3, 9, 0.95, 7), (1, 1, 1, 1, 0.5, 7),
        (33, 11, 9, 2, 0.975, 13),
    ]
    for bp, bf, bo, ao, conf, seed in specs:
        N = bp + bf + bo + ao
        assert 1 <= N <= 80
        c = 0.95 if conf is None else conf
        lo, hi, support = exact_bootstrap_quantiles(bp, bf, bo, ao, c)
        src = ("exact bootstrap distribution: D=(X+ - X-)/N with (X+,X-,rest) ~ "
               "scipy.stats.multinomial(N, (b_only,a_only,both)/N), enumerated; "
               "low/high = inverse-CDF quantiles (smallest v with P(D<=v) >= q). "
               "tol = 1.5/N: the CLI's Monte-Carlo percentile (200000 resamples) may "
               "land one grid step (1/N) away from the exact quantile due to sampling "
               "noise and its percentile interpolation rule")
        tol = 1.5 / N
        if support == 1:
            # every resample gives the same difference: no Monte-Carlo noise
            tol = 1e-9
            src += " (degenerate distribution here, so tol = 1e-9)"
        args = {"both-pass": bp, "both-fail": bf, "b-only": bo, "a-only": ao,
                "resamples": 200000, "seed": seed}
        if conf is not None:
            args["confidence"] = conf
        add("paired-bootstrap", args, {"lift": (bo - ao) / N, "low": lo, "high": hi},
            src, tol=tol)
    first = next(c for c in CASES if c["calc"] == "paired-bootstrap")
    e = first["expect"]
    assert abs(e["lift"] - 0.075) < 1e-12 and abs(e["low"] + 0.1) < 0.03 and \
        abs(e["high"] - 0.25) < 0.03, e


# --------------------------------------------------------------------------
# bad day
# --------------------------------------------------------------------------
def gen_bad_day():
    src = ("plain arithmetic in exact rationals (fractions.Fraction of the decimal "
           "args): baseline = qps*86400*tokens*price/1e6; overrun = baseline*bleed*"
           "(mult-1); incident = overrun*window/1440 (no library function exists)")
    specs = [
        ("1000", "256", "3", "0.2", "10", "5"), ("1000", "256", "3", "0.2", "10", "240"),
        ("1000", "256", "3", "0.2", "10", "1440"), ("1", "1", "1", "1", "2", "1440"),
        ("0.5", "100", "15", "0.05", "3", "30"), ("50", "800", "0.6", "0.5", "1.5", "60"),
        ("10000", "64", "0.15", "0.01", "100", "10"), ("250", "1024", "10", "1", "1", "60"),
        ("250", "1024", "10", "0", "5", "60"), ("0", "256", "3", "0.2", "10", "5"),
        ("3.5", "333", "2.5", "0.125", "4", "90"), ("1200", "512", "75", "0.3", "2", "2880"),
        ("7", "4096", "60", "0.9", "20", "0.5"), ("100", "1", "0.01", "0.001", "1000", "1"),
        ("20000", "150", "0.4", "0.25", "8", "45"), ("42", "42", "42", "0.42", "4.2", "42"),
        ("0.01", "10000", "12", "1", "10", "720"), ("600", "300", "5", "0.15", "6", "0"),
        ("1000", "256", "3", "0.2", "1", "240"), ("80", "2000", "30", "0.6", "1.25", "15"),
        ("5000", "200", "1.1", "0.07", "12", "180"),
    ]
    for qps, tok, price, bleed, mult, win in specs:
        F = Fraction
        base = F(qps) * 86400 * F(tok) * F(price) / 10 ** 6
        over = base * F(bleed) * (F(mult) - 1)
        inc = over * F(win) / 1440
        add("bad-day", {"qps": qps, "output-tokens": tok, "price-per-million": price,
                        "bleed-share": bleed, "cost-multiplier": mult,
                        "window-minutes": win},
            {"baseline_daily_cost": float(base), "overrun_per_day": float(over),
             "incident_cost": float(inc)}, src)
    e0 = CASES[[c["calc"] for c in CASES].index("bad-day")]["expect"]
    assert abs(e0["baseline_daily_cost"] - 66355.2) < 1e-6
    assert abs(e0["overrun_per_day"] - 119439.36) < 1e-6
    assert abs(e0["incident_cost"] - 414.72) < 1e-6


def main():
    gen_pass_at_k()
    gen_pass_at_k_curve()
    gen_sign_test()
    gen_wilson()
    gen_two_proportion()
    gen_sample_size()
    gen_mde()
    gen_srm()
    gen_golden_set()
    gen_poisson()
    gen_lognormal()
    gen_softmax()
    gen_assign()
    gen_spearman()
    gen_kappa()
    gen_paired_bootstrap()
    gen_bad_day()

    doc = {
        "generated_by": "scripts/make_reference.py",
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
            "scikit-learn": sklearn.__version__,
            "pandas": pd.__version__,
        },
        "cases": CASES,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")

    counts: dict[str, int] = {}
    for c in CASES:
        counts[c["calc"]] = counts.get(c["calc"], 0) + 1
    print(f"wrote {os.path.normpath(OUT)}: {len(CASES)} cases")
    for k, v in counts.items():
        flag = "" if v >= 20 else "   <-- fewer than 20"
        print(f"  {k:18s} {v}{flag}")
    if any(v < 20 for v in counts.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
