#!/usr/bin/env python3
"""Generate the bundled sample workspace in sample_data/.

    python3 scripts/make_sample_data.py

Standard library only.  Every random draw comes from a `random.Random(seed)`
instance with a fixed integer seed (no clocks, no hash randomisation), so two
runs produce byte-identical files.  All files are UTF-8 without BOM and use
"\\n" line endings.

After writing the data files the script reads them back, computes the
hand-checkable facts (counts, rates, tables, moments) from the files
themselves, prints them, and writes sample_data/README.md from the same
numbers so the README and the data can never disagree.  It also asserts that
each file hits its design targets (exact counts, correlation ranges, ...).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import random
import sys
from fractions import Fraction
from math import comb

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "sample_data")

BASE_SEED = 20260302  # one independent stream per file: BASE_SEED + k


def rng_for(k: int) -> random.Random:
    return random.Random(BASE_SEED + k)


# --------------------------------------------------------------------------
# small helpers (stdlib only)
# --------------------------------------------------------------------------


def write_text(name: str, text: str) -> None:
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def write_csv(name: str, header: list[str], rows: list[list]) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    write_text(name, buf.getvalue())


def read_csv(name: str) -> list[dict]:
    with open(os.path.join(OUT, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def poisson(rng: random.Random, lam: float) -> int:
    """Knuth's multiplication method (fine for small lambda)."""
    limit = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def mean(xs) -> float:
    xs = list(xs)
    return sum(xs) / len(xs)


def var_sample(xs) -> float:
    xs = list(xs)
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)


def var_pop(xs) -> float:
    xs = list(xs)
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / len(xs)


def median(xs) -> float:
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def pearson(a, b) -> float:
    ma, mb = mean(a), mean(b)
    c = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = sum((x - ma) ** 2 for x in a)
    vb = sum((y - mb) ** 2 for y in b)
    return c / math.sqrt(va * vb)


def avg_ranks(xs) -> list[float]:
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(a, b) -> float:
    """Pearson correlation of average (mid) ranks, i.e. tie-corrected rho."""
    return pearson(avg_ranks(a), avg_ranks(b))


def cohen_kappa(a, b, cats, weights: str = "none") -> float:
    n = len(a)
    k = len(cats)
    idx = {c: i for i, c in enumerate(cats)}
    obs = [[0] * k for _ in range(k)]
    for x, y in zip(a, b):
        obs[idx[x]][idx[y]] += 1
    ra = [sum(row) for row in obs]
    cb = [sum(obs[i][j] for i in range(k)) for j in range(k)]

    def w(i, j):
        if weights == "none":
            return 0.0 if i == j else 1.0
        if weights == "linear":
            return abs(i - j) / (k - 1)
        return ((i - j) / (k - 1)) ** 2

    do = sum(w(i, j) * obs[i][j] for i in range(k) for j in range(k)) / n
    de = sum(w(i, j) * ra[i] * cb[j] for i in range(k) for j in range(k)) / n / n
    return 1 - do / de


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def f6(x: float) -> str:
    return f"{x:.6f}"


def md_table(header: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(out)


# --------------------------------------------------------------------------
# 1. paired_coding_assistants.csv
# --------------------------------------------------------------------------

PAIRED = "paired_coding_assistants.csv"
PAIRED_CELLS = {"both_pass": 17, "both_fail": 10, "b_only": 8, "a_only": 5}
CATEGORIES = ["string", "math", "io", "algorithms"]


def gen_paired() -> None:
    rng = rng_for(1)
    cells = [c for c, n in PAIRED_CELLS.items() for _ in range(n)]
    rng.shuffle(cells)
    cats = [c for c in CATEGORIES for _ in range(10)]
    rng.shuffle(cats)
    outcome = {
        "both_pass": (1, 1),
        "both_fail": (0, 0),
        "b_only": (0, 1),
        "a_only": (1, 0),
    }
    # per-model latency/token profiles; failures run a bit longer
    prof = {"assistant-a": (2400.0, 850.0), "assistant-b": (2700.0, 950.0)}
    rows = []
    for t in range(40):
        tid = f"task-{t + 1:03d}"
        pa, pb = outcome[cells[t]]
        for model, passed in (("assistant-a", pa), ("assistant-b", pb)):
            lat_med, tok_med = prof[model]
            slow = 1.0 if passed else 1.25
            lat = rng.lognormvariate(math.log(lat_med * slow), 0.45)
            tok = max(1, int(round(rng.lognormvariate(math.log(tok_med * slow), 0.35))))
            rows.append([tid, model, 1, passed, f"{lat:.1f}", tok, cats[t]])
    write_csv(PAIRED, ["task_id", "model", "attempt", "passed", "latency_ms", "tokens", "category"], rows)


def facts_paired() -> dict:
    rows = read_csv(PAIRED)
    assert list(rows[0].keys()) == ["task_id", "model", "attempt", "passed", "latency_ms", "tokens", "category"]
    by = {}
    cat = {}
    for r in rows:
        by[(r["task_id"], r["model"])] = int(r["passed"])
        cat[r["task_id"]] = r["category"]
        assert float(r["latency_ms"]) > 0 and int(r["tokens"]) > 0 and r["attempt"] == "1"
    tasks = sorted({t for t, _ in by})
    a = {t: by[(t, "assistant-a")] for t in tasks}
    b = {t: by[(t, "assistant-b")] for t in tasks}
    table = {
        "both_pass": sum(1 for t in tasks if a[t] and b[t]),
        "both_fail": sum(1 for t in tasks if not a[t] and not b[t]),
        "b_only": sum(1 for t in tasks if b[t] and not a[t]),
        "a_only": sum(1 for t in tasks if a[t] and not b[t]),
    }
    assert table == PAIRED_CELLS, table
    n_disc = table["b_only"] + table["a_only"]
    k_min = min(table["b_only"], table["a_only"])
    p_exact = min(1.0, 2 * sum(comb(n_disc, i) for i in range(k_min + 1)) / 2**n_disc)
    per_cat = []
    for c in CATEGORIES:
        ts = [t for t in tasks if cat[t] == c]
        per_cat.append([c, len(ts), sum(a[t] for t in ts), sum(b[t] for t in ts)])
    lat = {m: [float(r["latency_ms"]) for r in rows if r["model"] == m] for m in ("assistant-a", "assistant-b")}
    tok = {m: [int(r["tokens"]) for r in rows if r["model"] == m] for m in ("assistant-a", "assistant-b")}
    return {
        "rows": len(rows),
        "tasks": len(tasks),
        "a_pass": sum(a.values()),
        "b_pass": sum(b.values()),
        "table": table,
        "mcnemar_exact_p": p_exact,
        "mcnemar_exact_p_frac": Fraction(2 * sum(comb(n_disc, i) for i in range(k_min + 1)), 2**n_disc),
        "mcnemar_chi2": Fraction((table["b_only"] - table["a_only"]) ** 2, n_disc),
        "mcnemar_chi2_cc": Fraction((abs(table["b_only"] - table["a_only"]) - 1) ** 2, n_disc),
        "per_cat": per_cat,
        "lat_median": {m: median(v) for m, v in lat.items()},
        "tok_sum": {m: sum(v) for m, v in tok.items()},
        "b_only_tasks": [t for t in tasks if b[t] and not a[t]],
        "a_only_tasks": [t for t in tasks if a[t] and not b[t]],
    }


# --------------------------------------------------------------------------
# 2. passk_candidates.csv
# --------------------------------------------------------------------------

PASSK = "passk_candidates.csv"
PASSK_N = 10


def gen_passk() -> None:
    rng = rng_for(2)
    # 16 remaining tasks: 2 guaranteed 0s, 3 guaranteed 10s, 11 drawn from a
    # U-shaped beta-binomial (evals are often all-or-nothing per task).
    rest = [0, 0, 10, 10, 10]
    for _ in range(11):
        p = rng.betavariate(0.7, 0.6)
        rest.append(sum(1 for _ in range(PASSK_N) if rng.random() < p))
    rng.shuffle(rest)
    counts = [0, 1, 2, 4] + rest
    rows = []
    for t, c in enumerate(counts):
        flags = [1] * c + [0] * (PASSK_N - c)
        rng.shuffle(flags)
        for a, f in enumerate(flags):
            rows.append([f"prob-{t + 1:02d}", "coder-v2", a + 1, f])
    write_csv(PASSK, ["task_id", "model", "attempt", "passed"], rows)


def pass_at_k(n: int, c: int, k: int) -> Fraction:
    if n - c < k:
        return Fraction(1)
    return 1 - Fraction(comb(n - c, k), comb(n, k))


def facts_passk() -> dict:
    rows = read_csv(PASSK)
    assert list(rows[0].keys()) == ["task_id", "model", "attempt", "passed"]
    counts: dict[str, int] = {}
    n: dict[str, int] = {}
    for r in rows:
        counts[r["task_id"]] = counts.get(r["task_id"], 0) + int(r["passed"])
        n[r["task_id"]] = n.get(r["task_id"], 0) + 1
    tasks = sorted(counts)
    assert all(n[t] == PASSK_N for t in tasks)
    c = [counts[t] for t in tasks]
    assert c[:4] == [0, 1, 2, 4]
    assert 0 in c[4:] and 10 in c[4:]
    pk = {k: sum((pass_at_k(PASSK_N, ci, k) for ci in c), Fraction(0)) / len(c) for k in (1, 2, 5, 10)}
    return {
        "rows": len(rows),
        "tasks": len(tasks),
        "counts": [(t, counts[t]) for t in tasks],
        "total_correct": sum(c),
        "pass_at_k": pk,
        "n_zero": c.count(0),
        "n_ten": c.count(10),
    }


# --------------------------------------------------------------------------
# 3. support_traces.jsonl
# --------------------------------------------------------------------------

TRACES = "support_traces.jsonl"
TRACE_DAY = dt.datetime(2026, 3, 2, 0, 0, 0)
BURST_START = 14 * 3600  # 14:00:00
BURST_END = 14 * 3600 + 45 * 60  # 14:45:00
N_TRACES = 600
N_BURST = 48  # 8 % of traffic: a refund-tool retry storm


def gen_traces() -> None:
    rng = rng_for(3)
    n_normal = N_TRACES - N_BURST
    normal_secs = rng.sample(range(6 * 3600, 22 * 3600), n_normal)  # 06:00-22:00
    taken = set(normal_secs)
    burst_pool = [s for s in range(BURST_START, BURST_END) if s not in taken]
    burst_secs = rng.sample(burst_pool, N_BURST)
    events = sorted([(s, False) for s in normal_secs] + [(s, True) for s in burst_secs])
    intents = ["refund", "billing", "shipping", "account", "other"]
    weights = [0.20, 0.25, 0.25, 0.20, 0.10]
    lines = []
    for i, (sec, burst) in enumerate(events):
        if burst:
            intent = "refund"
            tools = min(25, 10 + poisson(rng, 5.0))
            resolved = rng.random() < 0.45
        else:
            u = rng.random()
            acc = 0.0
            intent = intents[-1]
            for name, wgt in zip(intents, weights):
                acc += wgt
                if u < acc:
                    intent = name
                    break
            tools = poisson(rng, 2.2)
            resolved = rng.random() < 0.745
        latency = rng.lognormvariate(math.log(6.0), 0.55)
        obj = {
            "request_id": f"req-{i + 1:04d}",
            "model": "support-agent-v3",
            "intent": intent,
            "resolved": resolved,
            "tool_calls": tools,
            "latency_s": round(latency, 3),
            "timestamp": iso(TRACE_DAY + dt.timedelta(seconds=sec)),
        }
        lines.append(json.dumps(obj, ensure_ascii=False))
    write_text(TRACES, "\n".join(lines) + "\n")


def facts_traces() -> dict:
    with open(os.path.join(OUT, TRACES), encoding="utf-8") as f:
        objs = [json.loads(line) for line in f]
    keys = ["request_id", "model", "intent", "resolved", "tool_calls", "latency_s", "timestamp"]
    assert all(list(o.keys()) == keys for o in objs)
    ts = [o["timestamp"] for o in objs]
    assert all(a < b for a, b in zip(ts, ts[1:])), "timestamps must strictly increase"
    tc = [o["tool_calls"] for o in objs]
    lat = [o["latency_s"] for o in objs]
    m = mean(tc)
    v = var_sample(tc)
    intents = ["refund", "billing", "shipping", "account", "other"]
    burst = [
        o for o in objs
        if o["tool_calls"] >= 10
    ]
    log_lat = [math.log(x) for x in lat]
    res = {
        "rows": len(objs),
        "resolved": sum(o["resolved"] for o in objs),
        "intent_counts": {k: sum(1 for o in objs if o["intent"] == k) for k in intents},
        "intent_resolved": {k: sum(1 for o in objs if o["intent"] == k and o["resolved"]) for k in intents},
        "tool_sum": sum(tc),
        "tool_mean": m,
        "tool_var_sample": v,
        "tool_var_pop": var_pop(tc),
        "tool_ratio": v / m,
        "tool_max": max(tc),
        "n_ge10": len(burst),
        "ge10_window": (min(o["timestamp"] for o in burst), max(o["timestamp"] for o in burst)),
        "ge10_all_refund": all(o["intent"] == "refund" for o in burst),
        "tool_mean_lt10": mean(t for t in tc if t < 10),
        "tool_var_lt10": var_sample([t for t in tc if t < 10]),
        "lat_median": median(lat),
        "lat_mean": mean(lat),
        "lat_min": min(lat),
        "lat_max": max(lat),
        "loglat_mean": mean(log_lat),
        "loglat_sd": math.sqrt(var_sample(log_lat)),
        "first_ts": ts[0],
        "last_ts": ts[-1],
        "first_line": json.dumps(objs[0], ensure_ascii=False),
    }
    assert 4.0 <= res["tool_ratio"] <= 5.0, res["tool_ratio"]
    assert 0.69 <= res["resolved"] / len(objs) <= 0.75
    assert 5.5 <= res["lat_median"] <= 6.5
    return res


# --------------------------------------------------------------------------
# 4. ab_query_rewrite.csv
# --------------------------------------------------------------------------

AB = "ab_query_rewrite.csv"
AB_N_PER_ARM = 2000
AB_RESOLVED = {"control": 760, "treatment": 840}
AB_START = dt.datetime(2026, 2, 2, 0, 0, 0)
AB_DAYS = 14


def gen_ab() -> None:
    rng = rng_for(4)
    n = 2 * AB_N_PER_ARM
    arms = ["control"] * AB_N_PER_ARM + ["treatment"] * AB_N_PER_ARM
    rng.shuffle(arms)
    secs = sorted(rng.sample(range(AB_DAYS * 86400), n))
    # Unit-level latent resolution propensity (same distribution in both arms).
    prop = [rng.betavariate(1.2, 1.8) for _ in range(n)]
    # Pre-period covariate: observed resolution rate over the prior month.
    pre = []
    for p in prop:
        m = rng.randint(8, 30)
        k = sum(1 for _ in range(m) if rng.random() < p)
        pre.append(k / m)
    # Experiment-period outcome: latent logistic score, then the top-k units in
    # each arm are resolved so the arm totals are exact.
    score = []
    for p in prop:
        pc = min(max(p, 1e-4), 1 - 1e-4)
        u = min(max(rng.random(), 1e-12), 1 - 1e-12)
        score.append(math.log(pc / (1 - pc)) + math.log(u / (1 - u)))
    resolved = [0] * n
    for arm, k in AB_RESOLVED.items():
        idx = [i for i in range(n) if arms[i] == arm]
        idx.sort(key=lambda i: -score[i])
        for i in idx[:k]:
            resolved[i] = 1
    rows = []
    for i in range(n):
        lat = rng.lognormvariate(math.log(2.8), 0.4) + (0.3 if arms[i] == "treatment" else 0.0)
        esc = 1 if rng.random() < (0.02 if resolved[i] else 0.12) else 0
        grounded = 1 if rng.random() < 0.90 else 0
        rows.append([
            f"customer-{i + 1:04d}",
            arms[i],
            resolved[i],
            f"{lat:.3f}",
            esc,
            grounded,
            f"{pre[i]:.3f}",
            iso(AB_START + dt.timedelta(seconds=secs[i])),
        ])
    write_csv(
        AB,
        ["unit_id", "arm", "resolved", "latency_s", "escalated", "grounded", "pre_period_resolved", "timestamp"],
        rows,
    )


def facts_ab() -> dict:
    rows = read_csv(AB)
    assert list(rows[0].keys()) == [
        "unit_id", "arm", "resolved", "latency_s", "escalated", "grounded", "pre_period_resolved", "timestamp"
    ]
    ts = [r["timestamp"] for r in rows]
    assert all(a < b for a, b in zip(ts, ts[1:]))
    out = {"rows": len(rows), "first_ts": ts[0], "last_ts": ts[-1], "arm": {}}
    y_all = [int(r["resolved"]) for r in rows]
    x_all = [float(r["pre_period_resolved"]) for r in rows]
    assert all(0.0 <= x <= 1.0 for x in x_all)
    rho = pearson(y_all, x_all)
    for arm in ("control", "treatment"):
        rs = [r for r in rows if r["arm"] == arm]
        y = [int(r["resolved"]) for r in rs]
        x = [float(r["pre_period_resolved"]) for r in rs]
        out["arm"][arm] = {
            "n": len(rs),
            "resolved": sum(y),
            "rate": sum(y) / len(rs),
            "escalated": sum(int(r["escalated"]) for r in rs),
            "grounded": sum(int(r["grounded"]) for r in rs),
            "lat_mean": mean(float(r["latency_s"]) for r in rs),
            "lat_median": median([float(r["latency_s"]) for r in rs]),
            "pre_mean": mean(x),
            "rho": pearson(y, x),
        }
    c, t = out["arm"]["control"], out["arm"]["treatment"]
    assert c["n"] == t["n"] == AB_N_PER_ARM
    assert c["resolved"] == AB_RESOLVED["control"] and t["resolved"] == AB_RESOLVED["treatment"]
    # two-proportion z test (pooled SE)
    n1, n2 = c["n"], t["n"]
    p_pool = (c["resolved"] + t["resolved"]) / (n1 + n2)
    se_pool = math.sqrt(p_pool * (1 - p_pool) * (1 / n1 + 1 / n2))
    z = (t["rate"] - c["rate"]) / se_pool
    se_unpooled = math.sqrt(c["rate"] * (1 - c["rate"]) / n1 + t["rate"] * (1 - t["rate"]) / n2)
    # CUPED with theta pooled over both arms: theta = cov(Y, X) / var(X)
    mx, my = mean(x_all), mean(y_all)
    cov = sum((a - mx) * (b - my) for a, b in zip(x_all, y_all)) / (len(x_all) - 1)
    theta = cov / var_sample(x_all)
    adj = {"control": [], "treatment": []}
    for r in rows:
        adj[r["arm"]].append(int(r["resolved"]) - theta * (float(r["pre_period_resolved"]) - mx))
    var_raw = {a: var_sample([int(r["resolved"]) for r in rows if r["arm"] == a]) for a in adj}
    var_cuped = {a: var_sample(v) for a, v in adj.items()}
    diff_cuped = mean(adj["treatment"]) - mean(adj["control"])
    se_cuped = math.sqrt(var_cuped["control"] / n1 + var_cuped["treatment"] / n2)
    out.update({
        "diff": t["rate"] - c["rate"],
        "z_pooled": z,
        "p_two_sided": math.erfc(abs(z) / math.sqrt(2)),
        "se_unpooled": se_unpooled,
        "rho": rho,
        "theta": theta,
        "var_raw": var_raw,
        "var_cuped": var_cuped,
        "var_reduction": 1 - (var_cuped["control"] + var_cuped["treatment"]) / (var_raw["control"] + var_raw["treatment"]),
        "diff_cuped": diff_cuped,
        "se_cuped": se_cuped,
        "escalated_total": c["escalated"] + t["escalated"],
        "grounded_total": c["grounded"] + t["grounded"],
    })
    assert 0.40 <= rho <= 0.50, rho
    assert abs(c["pre_mean"] - t["pre_mean"]) < 0.02
    return out


# --------------------------------------------------------------------------
# 5. judge_vs_humans.csv
# --------------------------------------------------------------------------

JUDGE = "judge_vs_humans.csv"
N_JUDGE = 150
N_CONFIDENTLY_WRONG = 6


def clip15(v: float) -> int:
    return min(5, max(1, int(math.floor(v + 0.5))))


def gen_judge() -> None:
    rng = rng_for(5)
    q = [rng.uniform(0.6, 5.4) for _ in range(N_JUDGE)]  # latent true quality
    h1 = [clip15(x + rng.gauss(0, 0.37)) for x in q]
    h2 = [clip15(x + rng.gauss(0, 0.37)) for x in q]
    judge = [clip15(x + 0.3 + rng.gauss(0, 0.95)) for x in q]  # noisier, lenient
    cand = [i for i in range(N_JUDGE) if max(h1[i], h2[i]) <= 2 and judge[i] < 5]
    for i in rng.sample(cand, N_CONFIDENTLY_WRONG):
        judge[i] = 5
    rows = [[f"item-{i + 1:03d}", judge[i], h1[i], h2[i]] for i in range(N_JUDGE)]
    write_csv(JUDGE, ["item_id", "judge_score", "human_1", "human_2"], rows)


def facts_judge() -> dict:
    rows = read_csv(JUDGE)
    assert list(rows[0].keys()) == ["item_id", "judge_score", "human_1", "human_2"]
    j = [int(r["judge_score"]) for r in rows]
    h1 = [int(r["human_1"]) for r in rows]
    h2 = [int(r["human_2"]) for r in rows]
    hm = [(a + b) / 2 for a, b in zip(h1, h2)]
    cats = [1, 2, 3, 4, 5]
    assert all(v in cats for v in j + h1 + h2)
    wrong = [r["item_id"] for r in rows if int(r["judge_score"]) == 5 and max(int(r["human_1"]), int(r["human_2"])) <= 2]
    out = {
        "rows": len(rows),
        "dist": {name: [v.count(c) for c in cats] for name, v in (("judge_score", j), ("human_1", h1), ("human_2", h2))},
        "means": {"judge_score": mean(j), "human_1": mean(h1), "human_2": mean(h2)},
        "h_agree": sum(1 for a, b in zip(h1, h2) if a == b),
        "h_within1": sum(1 for a, b in zip(h1, h2) if abs(a - b) <= 1),
        "kappa_h": cohen_kappa(h1, h2, cats),
        "kappa_h_quad": cohen_kappa(h1, h2, cats, "quadratic"),
        "kappa_h_lin": cohen_kappa(h1, h2, cats, "linear"),
        "sp_j_h1": spearman(j, h1),
        "sp_j_h2": spearman(j, h2),
        "sp_j_hm": spearman(j, hm),
        "sp_h1_h2": spearman(h1, h2),
        "pe_j_hm": pearson(j, hm),
        "j_agree_h1": sum(1 for a, b in zip(j, h1) if a == b),
        "kappa_j_h1": cohen_kappa(j, h1, cats),
        "wrong": wrong,
    }
    assert 0.50 <= out["kappa_h"] <= 0.65, out["kappa_h"]
    for k in ("sp_j_h1", "sp_j_h2", "sp_j_hm"):
        assert 0.60 <= out[k] <= 0.75, (k, out[k])
    assert len(wrong) >= N_CONFIDENTLY_WRONG
    return out


# --------------------------------------------------------------------------
# 6. seed_runs.csv
# --------------------------------------------------------------------------

SEEDS = "seed_runs.csv"
CONFIGS = [("baseline", 0.700), ("lr-3e-4", 0.720), ("lr-1e-3", 0.715), ("distill-small", 0.690)]
N_SEED_TASKS = 200
N_SEEDS = 5
SEED_TAU = 0.02  # width of the "flaky" band around each config's ability


def gen_seeds() -> None:
    rng = rng_for(6)
    # Shared task difficulty: evenly spaced quantiles in (0, 1), shuffled over
    # task ids, so a config with ability a solves ~a of the tasks.
    diff = [(i + 0.5) / N_SEED_TASKS for i in range(N_SEED_TASKS)]
    rng.shuffle(diff)
    rows = []
    for model, ability in CONFIGS:
        # small config-specific idiosyncrasy so configs disagree on some tasks
        d = [x + rng.gauss(0, 0.04) for x in diff]
        # calibrate the threshold so the expected accuracy is exactly `ability`
        lo, hi = -1.0, 2.0
        for _ in range(100):
            mid = (lo + hi) / 2
            if mean(sigmoid((mid - x) / SEED_TAU) for x in d) < ability:
                lo = mid
            else:
                hi = mid
        p = [sigmoid((lo - x) / SEED_TAU) for x in d]
        for seed in range(N_SEEDS):
            for t in range(N_SEED_TASKS):
                passed = 1 if rng.random() < p[t] else 0
                rows.append([f"q-{t + 1:03d}", model, seed + 1, passed, seed])
    write_csv(SEEDS, ["task_id", "model", "attempt", "passed", "seed"], rows)


def facts_seeds() -> dict:
    rows = read_csv(SEEDS)
    assert list(rows[0].keys()) == ["task_id", "model", "attempt", "passed", "seed"]
    assert all(int(r["attempt"]) == int(r["seed"]) + 1 for r in rows)
    table = {}
    per_task = {}
    for r in rows:
        key = (r["model"], int(r["seed"]))
        table[key] = table.get(key, 0) + int(r["passed"])
        per_task.setdefault(r["model"], {}).setdefault(r["task_id"], []).append(int(r["passed"]))
    out = {"rows": len(rows), "tasks": len({r["task_id"] for r in rows}), "table": {}, "summary": {}}
    for model, _ in CONFIGS:
        counts = [table[(model, s)] for s in range(N_SEEDS)]
        accs = [c / N_SEED_TASKS for c in counts]
        pt = per_task[model]
        out["table"][model] = counts
        out["summary"][model] = {
            "total": sum(counts),
            "mean_acc": sum(counts) / (N_SEEDS * N_SEED_TASKS),
            "sd_acc": math.sqrt(var_sample(accs)),
            "always": sum(1 for v in pt.values() if sum(v) == N_SEEDS),
            "never": sum(1 for v in pt.values() if sum(v) == 0),
            "flaky": sum(1 for v in pt.values() if 0 < sum(v) < N_SEEDS),
        }
    # correlation of per-task mean pass rate between baseline and lr-3e-4
    tasks = sorted(per_task["baseline"])
    a = [mean(per_task["baseline"][t]) for t in tasks]
    b = [mean(per_task["lr-3e-4"][t]) for t in tasks]
    out["task_corr_baseline_lr3e4"] = pearson(a, b)
    for model, ability in CONFIGS:
        assert abs(out["summary"][model]["mean_acc"] - ability) < 0.006, model
    order = sorted(out["summary"], key=lambda m: -out["summary"][m]["mean_acc"])
    assert order == ["lr-3e-4", "lr-1e-3", "baseline", "distill-small"], order
    return out


# --------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------


def file_size(name: str) -> int:
    return os.path.getsize(os.path.join(OUT, name))


def build_readme(F: dict) -> str:
    p, k, s, a, j, r = F[PAIRED], F[PASSK], F[TRACES], F[AB], F[JUDGE], F[SEEDS]
    L: list[str] = []
    add = L.append
    add("# Sample workspace")
    add("")
    add("These files are the bundled sample workspace that `evalbench` opens on. Each file")
    add("mirrors one lesson scenario. Everything here is synthetic and seeded: regenerate")
    add("with `python3 scripts/make_sample_data.py` (standard library only; two runs give")
    add("byte-identical files). This README is written by the same script from the data")
    add("files it just wrote, so the numbers below are exact facts about the files.")
    add("")
    add("Conventions: UTF-8 without BOM, `\\n` line endings, CSV with a header row and no")
    add("quoting (no field contains a comma), booleans in CSV as `0`/`1`. Rates are")
    add("rounded to 6 decimals here; the counts are exact.")
    add("")
    add(md_table(["file", "scenario", "rows", "bytes"], [
        [f"`{PAIRED}`", "Paired compare / hypothesis tests & intervals", p["rows"], file_size(PAIRED)],
        [f"`{PASSK}`", "pass@k", k["rows"], file_size(PASSK)],
        [f"`{TRACES}`", "Distributions & sampling", s["rows"], file_size(TRACES)],
        [f"`{AB}`", "A/B experiment & experiment design", a["rows"], file_size(AB)],
        [f"`{JUDGE}`", "Eval design / judge calibration", j["rows"], file_size(JUDGE)],
        [f"`{SEEDS}`", "Runs & leaderboards", r["rows"], file_size(SEEDS)],
    ]))
    add("")

    # ---- 1
    t = p["table"]
    add(f"## `{PAIRED}`")
    add("")
    add("Lesson: **Paired compare / hypothesis tests & intervals**. A paired 40-task evaluation")
    add("of two coding assistants: both ran on the same tasks, one attempt each.")
    add("")
    add("Columns: `task_id,model,attempt,passed,latency_ms,tokens,category`")
    add("")
    add("- `task_id`: `task-001` .. `task-040`; `model`: `assistant-a`, `assistant-b`;")
    add("  `attempt`: always `1`; `passed`: `0`/`1`.")
    add("- `latency_ms`: positive float, 1 decimal (lognormal; failures run ~25 % longer).")
    add("- `tokens`: positive integer. `category`: cluster label, one of")
    add("  `string`, `math`, `io`, `algorithms` (10 tasks each).")
    add("- Rows are ordered by task, then model (a before b).")
    add("")
    add("Facts:")
    add("")
    add(f"- {p['rows']} rows, {p['tasks']} tasks, 2 models.")
    add(f"- assistant-a passes {p['a_pass']}/40 = {p['a_pass'] / 40:g}; "
        f"assistant-b passes {p['b_pass']}/40 = {p['b_pass'] / 40:g}; difference b - a = "
        f"{(p['b_pass'] - p['a_pass']) / 40:g}.")
    add("- 2x2 table (rows assistant-a, columns assistant-b):")
    add("")
    add(md_table(["", "b pass", "b fail", "total"], [
        ["a pass", t["both_pass"], t["a_only"], t["both_pass"] + t["a_only"]],
        ["a fail", t["b_only"], t["both_fail"], t["b_only"] + t["both_fail"]],
        ["total", t["both_pass"] + t["b_only"], t["a_only"] + t["both_fail"], 40],
    ]))
    add("")
    add(f"  i.e. both pass {t['both_pass']}, both fail {t['both_fail']}, "
        f"b only {t['b_only']}, a only {t['a_only']}.")
    add(f"- B-only tasks: {', '.join(p['b_only_tasks'])}.")
    add(f"- A-only tasks: {', '.join(p['a_only_tasks'])}.")
    add(f"- McNemar on the {t['b_only'] + t['a_only']} discordant pairs: exact two-sided p = "
        f"{p['mcnemar_exact_p_frac'].numerator}/{p['mcnemar_exact_p_frac'].denominator} = "
        f"{p['mcnemar_exact_p']:.10g}; chi-square without continuity correction = "
        f"{p['mcnemar_chi2'].numerator}/{p['mcnemar_chi2'].denominator} = {float(p['mcnemar_chi2']):.6f}, "
        f"with correction = {p['mcnemar_chi2_cc'].numerator}/{p['mcnemar_chi2_cc'].denominator} = "
        f"{float(p['mcnemar_chi2_cc']):.6f}.")
    add("- Passes per category:")
    add("")
    add(md_table(["category", "tasks", "a pass", "b pass"], p["per_cat"]))
    add("")
    add(f"- Median latency_ms: assistant-a {p['lat_median']['assistant-a']:g}, "
        f"assistant-b {p['lat_median']['assistant-b']:g}. Token sums: assistant-a "
        f"{p['tok_sum']['assistant-a']}, assistant-b {p['tok_sum']['assistant-b']}.")
    add("")

    # ---- 2
    add(f"## `{PASSK}`")
    add("")
    add("Lesson: **pass@k**. A candidate pool: model `coder-v2` sampled n = 10 times per")
    add("problem on 20 problems.")
    add("")
    add("Columns: `task_id,model,attempt,passed`")
    add("")
    add("- `task_id`: `prob-01` .. `prob-20`; `model`: `coder-v2`; `attempt`: `1` .. `10`;")
    add("  `passed`: `0`/`1`. Which attempts pass is a seeded shuffle. Rows ordered by task,")
    add("  then attempt.")
    add("")
    add("Facts:")
    add("")
    add(f"- {k['rows']} rows, {k['tasks']} tasks, n = 10 samples each, {k['total_correct']} correct in total.")
    add("- Correct count c per task (the first four are the lesson's example 0, 1, 2, 4):")
    add("")
    cnt = k["counts"]
    add(md_table(["task"] + [tid for tid, _ in cnt[:10]], [["c"] + [c for _, c in cnt[:10]]]))
    add("")
    add(md_table(["task"] + [tid for tid, _ in cnt[10:]], [["c"] + [c for _, c in cnt[10:]]]))
    add("")
    add(f"- Tasks with c = 0: {k['n_zero']}; with c = 10: {k['n_ten']}.")
    pk1 = k["pass_at_k"][1]
    add(f"- Macro pass@1 = mean(c/n) = {k['total_correct']}/200 = {float(pk1):g}.")
    add("- Unbiased estimator pass@k = mean over tasks of 1 - C(n-c, k)/C(n, k):")
    add("")
    add(md_table(["k", "pass@k (exact)", "pass@k"], [
        [kk, f"{v.numerator}/{v.denominator}", f6(float(v))] for kk, v in k["pass_at_k"].items()
    ]))
    add("")

    # ---- 3
    add(f"## `{TRACES}`")
    add("")
    add("Lesson: **Distributions & sampling**. Request traces of a support agent over one")
    add("day, JSON Lines, one object per request, in timestamp order:")
    add("")
    add("```json")
    add(s["first_line"])
    add("```")
    add("")
    add("- `request_id`: `req-0001` .. `req-0600`; `model`: always `support-agent-v3`;")
    add("  `intent`: `refund` | `billing` | `shipping` | `account` | `other`; `resolved`: JSON bool;")
    add("  `tool_calls`: integer >= 0; `latency_s`: float with at most 3 decimals; `timestamp`:")
    add("  ISO 8601 UTC (`Z`), strictly increasing.")
    add("- Normal traffic (06:00-22:00): tool_calls ~ Poisson(2.2). A bursty slice: a refund")
    add(f"  retry storm between 14:00 and 14:45 adds {N_BURST} refund requests with")
    add("  10 + Poisson(5) tool calls (capped at 25). The mixture is over-dispersed.")
    add("- latency_s ~ lognormal(median 6 s, sigma 0.55), independent of everything else.")
    add("")
    add("Facts:")
    add("")
    add(f"- {s['rows']} requests, {s['first_ts']} .. {s['last_ts']}.")
    add(f"- resolved: {s['resolved']}/600 = {f6(s['resolved'] / 600)}.")
    add("- Intents:")
    add("")
    add(md_table(["intent", "requests", "resolved"],
                 [[i, s["intent_counts"][i], s["intent_resolved"][i]] for i in s["intent_counts"]]))
    add("")
    add(f"- tool_calls: sum {s['tool_sum']}, mean {f6(s['tool_mean'])}, sample variance (n-1) "
        f"{f6(s['tool_var_sample'])}, population variance (n) {f6(s['tool_var_pop'])}, "
        f"variance/mean (sample variance) = {f6(s['tool_ratio'])}, max {s['tool_max']}.")
    add(f"- Requests with tool_calls >= 10: {s['n_ge10']} (all intent `refund`: "
        f"{str(s['ge10_all_refund']).lower()}), from {s['ge10_window'][0]} to {s['ge10_window'][1]}.")
    add(f"  Without them (tool_calls < 10): mean {f6(s['tool_mean_lt10'])}, sample variance "
        f"{f6(s['tool_var_lt10'])} (ratio {f6(s['tool_var_lt10'] / s['tool_mean_lt10'])}, Poisson-like).")
    add(f"- latency_s: median {s['lat_median']:g} (mean of the 300th and 301st sorted values), "
        f"mean {f6(s['lat_mean'])}, min {s['lat_min']:g}, max {s['lat_max']:g}; "
        f"log-latency mean {f6(s['loglat_mean'])} (exp = {f6(math.exp(s['loglat_mean']))}), "
        f"log-latency sd (n-1) {f6(s['loglat_sd'])}.")
    add("")

    # ---- 4
    c, tr = a["arm"]["control"], a["arm"]["treatment"]
    add(f"## `{AB}`")
    add("")
    add("Lesson: **A/B experiment & experiment design**. Query-rewrite A/B test: one row per")
    add("customer (the randomisation unit), randomised 50/50, over 14 days.")
    add("")
    add("Columns: `unit_id,arm,resolved,latency_s,escalated,grounded,pre_period_resolved,timestamp`")
    add("")
    add("- `unit_id`: `customer-0001` .. `customer-4000` in order of first exposure; `arm`:")
    add("  `control` | `treatment` (shuffled, interleaved); `resolved`, `escalated`, `grounded`:")
    add("  `0`/`1`; `latency_s`: positive float, 3 decimals (treatment ~ +0.3 s);")
    add("  `pre_period_resolved`: the customer's resolution rate in the prior month (k/m for")
    add("  m = 8..30 prior tickets), float in [0, 1] with 3 decimals, same distribution in both")
    add("  arms and correlated with `resolved` (use it for CUPED); `timestamp`: ISO 8601 UTC,")
    add("  strictly increasing.")
    add("")
    add("Facts:")
    add("")
    add(f"- {a['rows']} rows, {a['first_ts']} .. {a['last_ts']}.")
    add("")
    add(md_table(["arm", "units", "resolved", "rate", "escalated", "grounded", "mean latency_s",
                  "median latency_s", "mean pre_period_resolved"], [
        [arm, v["n"], v["resolved"], f"{v['rate']:g}", v["escalated"], v["grounded"], f6(v["lat_mean"]),
         f"{v['lat_median']:g}", f6(v["pre_mean"])] for arm, v in a["arm"].items()
    ]))
    add("")
    add(f"- Difference in resolution rate (treatment - control) = {a['diff']:.6g}.")
    add(f"- Two-proportion z test with pooled SE: z = {f6(a['z_pooled'])}, two-sided p = "
        f"{f6(a['p_two_sided'])}. Unpooled SE of the difference = {f6(a['se_unpooled'])}.")
    add(f"- Pearson correlation of `resolved` with `pre_period_resolved` (all 4000 rows) = "
        f"{f6(a['rho'])} (control {f6(c['rho'])}, treatment {f6(tr['rho'])}).")
    add(f"- CUPED with theta = cov(Y, X)/var(X) pooled over both arms (n-1 denominators): theta = "
        f"{f6(a['theta'])}; adjusted Y' = Y - theta (X - mean(X)), mean(X) over all rows.")
    add(f"  Per-arm sample variance of Y: control {f6(a['var_raw']['control'])}, treatment "
        f"{f6(a['var_raw']['treatment'])}; of Y': control {f6(a['var_cuped']['control'])}, "
        f"treatment {f6(a['var_cuped']['treatment'])} (variance reduction "
        f"{100 * a['var_reduction']:.1f} %). CUPED difference = {f6(a['diff_cuped'])}, "
        f"SE = {f6(a['se_cuped'])} (vs unpooled raw SE {f6(a['se_unpooled'])}).")
    add(f"- escalated total {a['escalated_total']} ({a['escalated_total'] / 4000:.2%}); grounded total "
        f"{a['grounded_total']} ({a['grounded_total'] / 4000:.2%}).")
    add("")

    # ---- 5
    add(f"## `{JUDGE}`")
    add("")
    add("Lesson: **Eval design / judge calibration**. An LLM judge and two human annotators")
    add("scored the same 150 items on a 1..5 scale.")
    add("")
    add("Columns: `item_id,judge_score,human_1,human_2`")
    add("")
    add("- `item_id`: `item-001` .. `item-150`; scores are integers 1..5. The judge is noisier")
    add("  than the humans and slightly lenient, and is confidently wrong on a few items.")
    add("")
    add("Facts:")
    add("")
    add(f"- {j['rows']} items. Score distributions (count of 1, 2, 3, 4, 5) and means:")
    add("")
    add(md_table(["column", "1", "2", "3", "4", "5", "mean"],
                 [[name] + d + [f6(j["means"][name])] for name, d in j["dist"].items()]))
    add("")
    add(f"- Human-human: exact agreement {j['h_agree']}/150 = {f6(j['h_agree'] / 150)}, within one "
        f"point {j['h_within1']}/150; Cohen's kappa (unweighted, categories 1..5) = {f6(j['kappa_h'])}, "
        f"linear-weighted = {f6(j['kappa_h_lin'])}, quadratic-weighted = {f6(j['kappa_h_quad'])}; "
        f"Spearman = {f6(j['sp_h1_h2'])}.")
    add(f"- Judge vs humans, Spearman (tie-corrected, average ranks): vs human_1 {f6(j['sp_j_h1'])}, "
        f"vs human_2 {f6(j['sp_j_h2'])}, vs the human mean (human_1 + human_2)/2 {f6(j['sp_j_hm'])}. "
        f"Pearson vs human mean {f6(j['pe_j_hm'])}.")
    add(f"- Judge vs human_1: exact agreement {j['j_agree_h1']}/150, unweighted kappa {f6(j['kappa_j_h1'])}.")
    add(f"- Confidently wrong (judge 5, both humans <= 2): {len(j['wrong'])} items: {', '.join(j['wrong'])}.")
    add("")

    # ---- 6
    add(f"## `{SEEDS}`")
    add("")
    add("Lesson: **Runs & leaderboards**. Four training configs, each evaluated with 5 seeds")
    add("on the same 200 tasks. Task difficulty is shared across configs, so runs are")
    add("correlated by task; seed-to-seed noise comes from a small band of flaky tasks near")
    add("each config's ability.")
    add("")
    add("Columns: `task_id,model,attempt,passed,seed`")
    add("")
    add("- `task_id`: `q-001` .. `q-200`; `model` (the config): `baseline`, `lr-3e-4`, `lr-1e-3`,")
    add("  `distill-small`; `seed`: `0` .. `4`; `attempt` = seed + 1; `passed`: `0`/`1`.")
    add("  Rows ordered by config, seed, task.")
    add("- Design accuracies: baseline 0.70, lr-3e-4 0.72, lr-1e-3 0.715, distill-small 0.69.")
    add("")
    add("Facts:")
    add("")
    add(f"- {r['rows']} rows = 4 configs x 5 seeds x {r['tasks']} tasks.")
    add("- Pass counts (out of 200) per config and seed:")
    add("")
    add(md_table(["model", "seed 0", "seed 1", "seed 2", "seed 3", "seed 4", "total /1000", "mean acc", "sd acc (n-1)"], [
        [m] + r["table"][m] + [r["summary"][m]["total"], f"{r['summary'][m]['mean_acc']:g}",
                               f6(r["summary"][m]["sd_acc"])] for m in r["table"]
    ]))
    add("")
    add(md_table(["model", "tasks passed in all 5 seeds", "in none", "in 1-4 (flaky)"], [
        [m, v["always"], v["never"], v["flaky"]] for m, v in r["summary"].items()
    ]))
    add("")
    add(f"- Pearson correlation of per-task mean pass rate, baseline vs lr-3e-4: "
        f"{f6(r['task_corr_baseline_lr3e4'])}.")
    add("")
    return "\n".join(L)


def main() -> int:
    os.makedirs(OUT, exist_ok=True)
    gen_paired()
    gen_passk()
    gen_traces()
    gen_ab()
    gen_judge()
    gen_seeds()
    facts = {
        PAIRED: facts_paired(),
        PASSK: facts_passk(),
        TRACES: facts_traces(),
        AB: facts_ab(),
        JUDGE: facts_judge(),
        SEEDS: facts_seeds(),
    }
    readme = build_readme(facts)
    write_text("README.md", readme)
    for name in (PAIRED, PASSK, TRACES, AB, JUDGE, SEEDS, "README.md"):
        size = file_size(name)
        assert size < 1_000_000, name
        print(f"{name:32s} {size:8d} bytes")
    print()
    print(readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
