"""Benchmark of the staffing maths (not collected by pytest).

    .venv/bin/python tests/benchmarks/bench_staffing.py [--cells 1000000] [--ea-cells 100000]
                                                        [--pw-sample 2000] [--seed 0]

1. Erlang C required agents for --cells cells: traffic uniform on 0–5 000 Erlang, AHT uniform on
   60–600 s, 900 s intervals (the volume follows from traffic and AHT), 80 % in 20 s.
   Target: at most 2 s.
2. Erlang A required agents for --ea-cells of those cells, patience uniform on 30–900 s.
   Target: at most 10 s.
3. If ``pyworkforce`` is installed (optional, benchmark only: ``pip install pyworkforce``), its
   ``queuing.ErlangC(...).required_positions(...)`` on a sample of the same cells: per-cell speed
   ratio and agreement of the agent counts, with the reasons for every difference.
"""

from __future__ import annotations

import argparse
import math
import time
from collections import Counter

import numpy as np

from kcroster.staffing import QueueTargets, compute_requirement
from kcroster.staffing.erlang import (
    erlang_c_kpis,
    offered_traffic,
    required_agents_erlang_a,
    required_agents_erlang_c,
)

INTERVAL = 900
SL_TARGET, SL_SECONDS = 0.80, 20.0


def _timed(fn, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _cells(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    traffic = rng.uniform(0.0, 5000.0, n)
    aht = rng.uniform(60.0, 600.0, n)
    volume = traffic * INTERVAL / aht
    return volume, aht, offered_traffic(volume, aht, INTERVAL)


def bench_erlang_c(volume, aht, traffic) -> float:
    agents, wall, cpu = _timed(required_agents_erlang_c, traffic, aht, SL_TARGET, SL_SECONDS)
    status = "OK" if wall <= 2.0 else "SLOWER THAN TARGET"
    print(
        f"Erlang C required agents, {traffic.size:,} cells: {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU (target <= 2 s: {status}); {wall / traffic.size * 1e6:.2f} us/cell"
    )
    print(f"  agents: min {agents.min()}, mean {agents.mean():.1f}, max {agents.max()}")
    return wall / traffic.size


def bench_erlang_a(aht, traffic, rng) -> None:
    patience = rng.uniform(30.0, 900.0, traffic.size)
    agents, wall, cpu = _timed(
        required_agents_erlang_a, traffic, aht, patience, SL_TARGET, SL_SECONDS
    )
    status = "OK" if wall <= 10.0 else "SLOWER THAN TARGET"
    print(
        f"Erlang A required agents, {traffic.size:,} cells: {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU (target <= 10 s: {status}); {wall / traffic.size * 1e6:.1f} us/cell"
    )
    erlang_c = required_agents_erlang_c(traffic, aht, SL_TARGET, SL_SECONDS)
    print(
        f"  Erlang A needs {np.mean(erlang_c - agents):.1f} agents fewer than Erlang C on average"
    )


def bench_requirement(rng) -> None:
    queues, intervals = 50, 96 * 42  # 50 queues, six weeks of quarter-hours
    volume = rng.gamma(2.0, 25.0, (queues, intervals))
    aht = rng.uniform(120.0, 600.0, (queues, intervals))
    settings = [
        QueueTargets(patience_seconds=180.0)
        if q % 5 == 0
        else QueueTargets(channel="chat", concurrency=3)
        if q % 5 == 1
        else QueueTargets(channel="email", max_occupancy=None)
        if q % 5 == 2
        else QueueTargets()
        for q in range(queues)
    ]
    _, wall, cpu = _timed(compute_requirement, volume, aht, INTERVAL, settings)
    print(
        f"compute_requirement with KPIs, {queues} queues x {intervals} intervals "
        f"(voice C/A, chat, e-mail): {wall:.2f} s wall, {cpu:.2f} s CPU"
    )


def _pyworkforce_positions(
    erlang_c_cls, volume: float, aht: float, sl: float, t: float, occ: float
):
    model = erlang_c_cls(
        transactions=volume, aht=aht / 60.0, asa=t / 60.0, interval=INTERVAL / 60.0
    )
    return model, model.required_positions(service_level=sl, max_occupancy=occ)["raw_positions"]


def _self_consistent(model, n: int, traffic: float, sl: float, occ: float) -> bool:
    """pyworkforce's answer meets the targets by its own formulas and n − 1 does not."""

    def meets(m: int) -> bool:
        return m > traffic and model.service_level(m) >= sl and traffic / m <= occ

    return meets(n) and not meets(n - 1)


def compare_pyworkforce(volume, aht, traffic, sample: int, rng, our_seconds_per_cell: float):
    try:
        from pyworkforce.queuing import ErlangC
    except ImportError:
        print("pyworkforce is not installed: comparison skipped (pip install pyworkforce)")
        return
    pick = rng.choice(np.flatnonzero(traffic > 0), size=min(sample, traffic.size), replace=False)
    configs = [
        ("80 % in 20 s, no occupancy cap", 0.80, 20.0, 1.0, pick),
        ("50 % in 300 s (lax target)", 0.50, 300.0, 1.0, pick[: max(1, sample // 4)]),
        ("80 % in 20 s, max occupancy 0.85", 0.80, 20.0, 0.85, pick[: max(1, sample // 4)]),
    ]
    for label, sl, t, occ, idx in configs:
        ours = required_agents_erlang_c(
            traffic[idx], aht[idx], sl, t, None, None if occ >= 1 else occ
        )
        theirs = np.empty(idx.size, dtype=np.int64)
        consistent = np.empty(idx.size, dtype=bool)
        start = time.perf_counter()
        models = []
        for k, i in enumerate(idx):
            model, theirs[k] = _pyworkforce_positions(ErlangC, volume[i], aht[i], sl, t, occ)
            models.append(model)
        elapsed = time.perf_counter() - start
        for k, i in enumerate(idx):
            consistent[k] = _self_consistent(models[k], int(theirs[k]), traffic[i], sl, occ)
        same = ours == theirs
        print(
            f"pyworkforce ErlangC.required_positions, {label}, {idx.size} cells: "
            f"{elapsed:.1f} s = {elapsed / idx.size * 1e3:.2f} ms/cell "
            f"(about {elapsed / idx.size / our_seconds_per_cell:,.0f}x our per-cell time)"
        )
        print(
            f"  agent counts agree in {same.sum()} of {idx.size} cells; pyworkforce is "
            f"self-consistent (its answer meets the target by its own formula and one agent "
            f"fewer does not) in {consistent.sum()}; agreement there: "
            f"{(same & consistent).sum()} of {consistent.sum()}"
        )
        reasons: Counter[str] = Counter()
        examples: dict[str, str] = {}
        for k in np.flatnonzero(~same):
            i = idx[k]
            a, ours_k, theirs_k = traffic[i], int(ours[k]), int(theirs[k])
            if theirs_k > ours_k and round(a + 1) > ours_k:
                why = (
                    "pyworkforce starts its search at round(A + 1), which skips floor(A) + 1 "
                    "when frac(A) >= 0.5"
                )
            elif occ < 1 and theirs_k == math.ceil(a / occ) and a / (theirs_k - 1) <= occ + 1e-12:
                why = "ceil(A / max_occupancy) rounded up by float noise (A/N equals the cap)"
            elif not consistent[k]:
                why = "pyworkforce's answer is not the least by its own formula"
            else:
                why = "other"
            reasons[why] += 1
            if why not in examples:
                sls = erlang_c_kpis(np.array([ours_k - 1, ours_k, theirs_k]), a, aht[i], t)
                examples[why] = (
                    f"A = {a:.4f}, AHT = {aht[i]:.1f}: ours {ours_k}, pyworkforce "
                    f"{theirs_k}; exact SL at {ours_k - 1}/{ours_k}/{theirs_k}: "
                    + "/".join(f"{v:.6f}" for v in sls.service_level)
                )
        for why, count in reasons.most_common():
            print(f"  differs in {count} cells: {why}")
            print(f"    e.g. {examples[why]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=1_000_000)
    parser.add_argument("--ea-cells", type=int, default=100_000)
    parser.add_argument("--pw-sample", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    volume, aht, traffic = _cells(args.cells, rng)
    required_agents_erlang_c(traffic[:1000], aht[:1000], SL_TARGET, SL_SECONDS)  # warm caches
    per_cell = bench_erlang_c(volume, aht, traffic)
    n_a = min(args.ea_cells, args.cells)
    bench_erlang_a(aht[:n_a], traffic[:n_a], rng)
    bench_requirement(rng)
    compare_pyworkforce(volume, aht, traffic, args.pw_sample, rng, per_cell)


if __name__ == "__main__":
    main()
