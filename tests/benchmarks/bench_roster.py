"""Roster optimiser benchmark on seeded synthetic contact-centre scenarios: sizes S, M, L and
the scenario zoo (24/7 with nights across the clock change, students, part-timers, split teams,
leave peaks, youth, reintegration, must-wishes, 30-minute intervals, 1 and 8 weeks, 800 agents).

    .venv/bin/python tests/benchmarks/bench_roster.py [S M L | zoo | NAME ...] [--seed 1]
            [--workers 2] [--time-limit SECONDS] [--deterministic] [--busy N]

Each scenario runs in its own process (so peak memory is per scenario) and prints: time to the
first legal roster, objective, best bound, gap, shortfall (agent-hours below the requirement),
wishes granted (overall and for the worst-off agent), the independent checker's verdict, peak
memory, how realistic the roster is (blocks on one queue shorter than the minimum, the most
blocks in a shift, hours over contract) and a fingerprint of the roster (equal fingerprints: the
same roster). The scenarios come from ``tests/solver/scenario_kit.py``; ``zoo`` stands for every
zoo scenario (:data:`scenario_kit.ZOO`). ``--deterministic`` solves in work units (the command
line's default; the app races its strategies on the clock); ``--busy N`` keeps N other processes
spinning beside each solve, as a planner's mail client and browser do — run the same scenarios
with and without it in one session to see what load costs.
Scenarios: S: 25 agents, 1 week, 2 queues; M: 120 agents, 4 weeks, Telefonie/Chat/E-mail at 15
minutes, 3 skill profiles, leave, wishes for half the agents, 3 agents in reintegration; L: 400
agents, 4 weeks, 5 queues. Targets: S proven optimal within 30 s; M first legal <= 15 s and gap
<= 3 % after 120 s on 2 workers; L a legal roster within 120 s and peak memory <= 6 GB; every
zoo scenario a legal roster (first within 20 s).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "solver"))  # the tests' scenario kit
from scenario_kit import ZOO, scenario, zoo_scenario  # noqa: E402

DEFAULT_LIMIT = {"S": 30.0, "M": 120.0, "L": 120.0}
ZOO_LIMIT = 90.0
BUSY = "while True:\n    pass\n"


def fingerprint(roster) -> str:
    """A short digest of every shift and segment: equal for the same roster."""
    rows = sorted((s.agent_id, s.start.isoformat(), s.end.isoformat(),
                   tuple((g.start.isoformat(), g.end.isoformat(), g.activity) for g in s.segments))
                  for s in roster.shifts)
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]


def realism(roster, project) -> dict:
    """How a planner would judge the roster beyond its cost: blocks on one queue shorter than the
    shift rules' minimum (breaks do not end a block), the most blocks in one shift, and hours
    over contract (the planner's figure, from the roster: :mod:`kcroster.rules.over_contract`)."""
    from kcroster.pipeline import hours_over_contract

    queues = {q.name for q in project.queues}
    least = project.shift_rules.min_queue_block_minutes
    short, most = 0, 0
    for sh in roster.shifts:
        blocks: list[list] = []
        for g in sh.segments:
            if g.activity in queues:
                mins = (g.end.timestamp() - g.start.timestamp()) / 60
                if blocks and blocks[-1][0] == g.activity:
                    blocks[-1][1] += mins
                else:
                    blocks.append([g.activity, mins])
        most = max(most, len(blocks))
        if len(blocks) > 1:
            short += sum(m < least for _q, m in blocks)
    over = hours_over_contract(project, roster)
    return {"short_blocks": short, "max_blocks": most, "over_contract_h": round(over, 1)}


def run_one(size: str, seed: int, workers: int, limit: float, deterministic: bool) -> dict:
    from kcroster.rules.checker import check
    from kcroster.solver import SolveOptions, solve

    project, req = scenario(size, seed) if size in DEFAULT_LIMIT else zoo_scenario(size, seed)
    t0 = time.perf_counter()
    res = solve(project, req, options=SolveOptions(time_limit_s=limit, workers=workers, seed=seed,
                                                   deterministic=deterministic))
    wall = time.perf_counter() - t0
    errors = [v for v in check(res.roster, project) if v.severity == "error"]
    ratios = [g / t for g, t in res.wishes_per_agent.values() if t]
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "size": size, "agents": len(project.agents), "days": project.horizon.days,
        "queues": len(project.queues), "status": res.status, "wall_s": round(wall, 1),
        "first_legal_s": None if res.time_to_first_s is None else round(res.time_to_first_s, 1),
        "objective": res.objective, "bound": res.best_bound,
        "gap": None if res.gap is None else round(100 * res.gap, 2),
        "shortfall_h": round(res.shortfall_agent_hours, 1), "required_h": round(res.required_agent_hours, 1),
        "wishes": f"{res.wishes_granted}/{res.wishes_total}",
        "worst_agent_wishes": None if not ratios else round(min(ratios), 2),
        # the same over wishes some shift could grant ("early" on a closed Sunday never can)
        "worst_grantable": (None if "worst_agent_grantable_wishes" not in res.stats
                            else round(res.stats["worst_agent_grantable_wishes"], 2)),
        "checker_errors": len(errors), "peak_mb": round(peak_kb / 1024),
        "variables": res.stats.get("variables"), "build_s": round(res.stats.get("build_s", 0), 1),
        "roster": fingerprint(res.roster),
        **realism(res.roster, project),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", default=["S", "M", "L"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--time-limit", type=float, default=None)
    ap.add_argument("--deterministic", action="store_true", help="solve in work units")
    ap.add_argument("--busy", type=int, default=0, metavar="N", help="N spinning processes beside")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.one:
        size = a.sizes[0]
        limit = a.time_limit or DEFAULT_LIMIT.get(size, ZOO_LIMIT)
        print(json.dumps(run_one(size, a.seed, a.workers, limit, a.deterministic)))
        return 0
    names = [n for size in a.sizes for n in (ZOO if size == "zoo" else (size,))]
    rows = []
    for size in names:
        cmd = [sys.executable, __file__, size, "--one", "--seed", str(a.seed), "--workers", str(a.workers)]
        if a.time_limit:
            cmd += ["--time-limit", str(a.time_limit)]
        if a.deterministic:
            cmd.append("--deterministic")
        spinners = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(a.busy)]
        try:
            out = subprocess.run(cmd, capture_output=True, text=True)
        finally:
            for p in spinners:
                p.kill()
                p.wait()
        if out.returncode != 0:
            print(f"{size}: failed\n{out.stderr}", file=sys.stderr)
            continue
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(json.dumps(row), flush=True)
    cols = ["size", "agents", "days", "queues", "status", "first_legal_s", "wall_s", "objective", "bound", "gap",
            "shortfall_h", "required_h", "wishes", "worst_agent_wishes", "worst_grantable", "checker_errors",
            "short_blocks", "max_blocks", "over_contract_h", "peak_mb", "roster"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r.get(c)) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
