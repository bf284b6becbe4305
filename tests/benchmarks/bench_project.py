"""Benchmark: open and save a big project (target ≤ 1 s each).

400 agents, 5 queues, 4 weeks of 15-minute forecast data, 3 scenarios each with a full roster
(~20 shifts per agent, work–break–work segments). Run: ``.venv/bin/python tests/benchmarks/bench_project.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time as _time
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import numpy as np

from kcroster.model import (
    BREAK,
    Agent,
    Forecast,
    Horizon,
    Leave,
    Project,
    Queue,
    ReintegrationStep,
    Roster,
    Scenario,
    Segment,
    Shift,
    Wish,
    WishKind,
)

QUEUES = ["Telefonie", "Zakelijk", "Chat", "E-mail", "Terugbel"]


def big_project(n_agents: int = 400, days: int = 28, n_scenarios: int = 3, seed: int = 1) -> Project:
    rng = np.random.default_rng(seed)
    h = Horizon(date(2027, 3, 1), days, 15)  # spans the spring DST change (28 March 2027)
    queues = [Queue(n) for n in QUEUES]
    n = h.n_intervals
    vol = rng.uniform(0, 80, size=(len(queues), n)).round(2)
    aht = rng.uniform(150, 500, size=(len(queues), n)).round(1)
    fc = Forecast(h, queues, vol, aht)
    tz = h.tz
    agents = []
    for i in range(n_agents):
        skills = tuple(rng.choice(QUEUES, size=int(rng.integers(1, 4)), replace=False).tolist())
        agents.append(Agent(f"M{i:04d}", f"Medewerker {i}", float(rng.choice([24, 32, 36])), skills=skills,
                            team=f"Team {i % 12}"))
    leave = [Leave(a.id, datetime.combine(h.start + timedelta(days=int(rng.integers(days))), time(0), tzinfo=tz),
                   datetime.combine(h.start + timedelta(days=int(rng.integers(days)) + 1), time(0), tzinfo=tz))
             for a in agents[::4]]
    wishes = [Wish(a.id, h.start + timedelta(days=int(rng.integers(days))), WishKind.OFF)
              for a in agents for _ in range(3)]
    steps = [ReintegrationStep(a.id, h.start, 16.0, 4.0, frozenset({0, 1, 2}), window=(time(9), time(15)))
             for a in agents[::40]]

    def roster(name: str) -> Roster:
        shifts = []
        for a in agents:
            for d in range(days):
                if rng.random() < 0.29:
                    continue
                day = h.start + timedelta(days=d)
                at = time(int(rng.integers(7, 14)), int(rng.choice([0, 15, 30, 45])))
                start = datetime.combine(day, at, tzinfo=tz)
                s_utc = start.astimezone(UTC)
                hours = float(rng.choice([6, 7, 8, 8.5, 9]))
                mid = s_utc + timedelta(hours=round(hours / 2 * 4) / 4)
                e_utc = s_utc + timedelta(hours=hours)
                b_utc = mid + timedelta(minutes=30)
                act = a.skills[int(rng.integers(len(a.skills)))]
                pts = [x.astimezone(tz) for x in (s_utc, mid, b_utc, e_utc)]
                segs = [Segment(pts[0], pts[1], act), Segment(pts[1], pts[2], BREAK), Segment(pts[2], pts[3], act)]
                shifts.append(Shift(a.id, day, pts[0], pts[3], segs))
        return Roster(shifts, name=name)

    scenarios = [Scenario(f"Scenario {k}", volume_factor=1 + 0.05 * k, roster=roster(f"rooster {k}"))
                 for k in range(n_scenarios)]
    return Project("Benchmark", h, queues, fc, agents, leave, wishes, steps, scenarios=scenarios)


def main() -> int:
    from kcroster.io.store import load_project, save_project

    p = big_project()
    n_shifts = sum(len(s.roster.shifts) for s in p.scenarios if s.roster)
    n_segs = sum(len(sh.segments) for s in p.scenarios if s.roster for sh in s.roster.shifts)
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "big.kcroster"
        save_times, load_times = [], []
        for _ in range(3):
            t0 = _time.perf_counter()
            save_project(p, f)
            save_times.append(_time.perf_counter() - t0)
            t0 = _time.perf_counter()
            q = load_project(f)
            load_times.append(_time.perf_counter() - t0)
        size = f.stat().st_size
        assert q.agents == p.agents and q.scenarios == p.scenarios
    print(f"project: {len(p.agents)} agents, {len(p.queues)} queues, {p.horizon.n_intervals} intervals, "
          f"{len(p.scenarios)} scenarios, {n_shifts} shifts, {n_segs} segments; file {size / 1e6:.1f} MB")
    print(f"save: best {min(save_times):.3f} s (runs: {', '.join(f'{t:.3f}' for t in save_times)})  target ≤ 1 s")
    print(f"open: best {min(load_times):.3f} s (runs: {', '.join(f'{t:.3f}' for t in load_times)})  target ≤ 1 s")
    ok = max(save_times) <= 1.0 and max(load_times) <= 1.0
    print("OK" if ok else "TOO SLOW")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
