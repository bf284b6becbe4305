"""Benchmark: the planner workbook for 400 agents × 4 weeks (target ≤ 10 s).

Uses the synthetic project of ``bench_project.py`` (5 queues, 15-minute intervals) with KPI
arrays filled with plausible numbers. Also times the team workbook and importing the planner
workbook back. Run: ``.venv/bin/python tests/benchmarks/bench_export.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time as _time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_project import big_project  # noqa: E402

from kcroster.io.roster_export import ExportData, export_planner_workbook, export_team_workbook  # noqa: E402
from kcroster.io.roster_import import import_planner_workbook  # noqa: E402


def main() -> int:
    p = big_project(n_scenarios=1)
    roster = p.scenarios[0].roster
    assert roster is not None
    rng = np.random.default_rng(3)
    shape = (len(p.queues), p.horizon.n_intervals)
    data = ExportData(
        p, roster, required=rng.uniform(0, 40, shape).round(1), service_level=rng.uniform(0.5, 1, shape),
        asa=rng.uniform(0, 60, shape), abandon=rng.uniform(0, 0.1, shape), occupancy=rng.uniform(0.5, 0.95, shape),
        reachability=rng.uniform(0.9, 1, shape),
    )
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "planner.xlsx"
        t0 = _time.perf_counter()
        export_planner_workbook(data, f)
        t_planner = _time.perf_counter() - t0
        size = f.stat().st_size
        t0 = _time.perf_counter()
        export_team_workbook(data, Path(tmp) / "team.xlsx")
        t_team = _time.perf_counter() - t0
        t0 = _time.perf_counter()
        res = import_planner_workbook(f, p, roster)
        t_import = _time.perf_counter() - t0
        assert not res.errors and not res.changes
    print(f"roster: {len(p.agents)} agents × {p.horizon.days} days, {len(roster.shifts)} shifts, "
          f"{len(p.queues)} queues × {p.horizon.n_intervals} intervals")
    print(f"planner workbook: {t_planner:.2f} s ({size / 1e6:.1f} MB)  target ≤ 10 s")
    print(f"team workbook:    {t_team:.2f} s")
    print(f"import planner workbook back: {t_import:.2f} s")
    ok = t_planner <= 10
    print("OK" if ok else "TOO SLOW")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
