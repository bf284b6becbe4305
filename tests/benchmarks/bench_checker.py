"""Benchmark: how long ``check`` takes on a realistic roster (400 agents × 28 days).

Not collected by pytest. Run: ``.venv/bin/python tests/benchmarks/bench_checker.py [agents] [days]``.
The checker runs on every solver result and during GUI edits, so it should stay well under a
second at this size.
"""

from __future__ import annotations

import random
import sys
import time as clock
from datetime import date, datetime, time, timedelta

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
    Segment,
    Shift,
    Wish,
    WishKind,
)
from kcroster.rules import check, summarise


def build(n_agents: int = 400, n_days: int = 28, seed: int = 7) -> tuple[Roster, Project, Roster]:
    rng = random.Random(seed)
    hz = Horizon(date(2026, 10, 5), n_days)  # includes the autumn DST change
    tz = hz.tz
    queues = [Queue("telefonie", min_agents_when_open=3), Queue("chat", min_agents_when_open=2),
              Queue("email", min_agents_when_open=1)]
    minute = hz.local_minute_of_day
    open_mask = np.repeat(((minute >= 8 * 60) & (minute < 20 * 60))[None, :], 3, axis=0)
    fc = Forecast(hz, queues, np.ones((3, hz.n_intervals)), np.full((3, hz.n_intervals), 240.0),
                  open_mask=open_mask)
    agents = [Agent(f"m{i:03d}", f"Medewerker {i}", skills=("telefonie", "chat", "email"),
                    max_weekends=2, min_consecutive_days_off=2) for i in range(n_agents)]
    shifts: list[Shift] = []
    leave: list[Leave] = []
    wishes: list[Wish] = []
    for a in agents:
        for d in hz.dates:
            if d.weekday() >= 5 and rng.random() < 0.7 or rng.random() < 0.25:
                continue
            h = rng.choice([7, 8, 9, 10, 11, 12])
            start = datetime.combine(d, time(h), tzinfo=tz)
            t0 = start.timestamp()
            cuts = [0, 120, 135, 240, 270, 390, 405, 510]
            acts = [rng.choice(["telefonie", "chat"]), BREAK, "telefonie", BREAK, "email", BREAK,
                    "telefonie"]
            segs = [Segment(datetime.fromtimestamp(t0 + cuts[k] * 60, tz),
                            datetime.fromtimestamp(t0 + cuts[k + 1] * 60, tz), acts[k]) for k in range(7)]
            shifts.append(Shift(a.id, d, segs[0].start, segs[-1].end, segs))
        if rng.random() < 0.1:
            d = rng.choice(hz.dates)
            leave.append(Leave(a.id, datetime.combine(d, time(0), tzinfo=tz),
                               datetime.combine(d + timedelta(days=1), time(0), tzinfo=tz)))
        if rng.random() < 0.3:
            wishes.append(Wish(a.id, rng.choice(hz.dates), WishKind.OFF, must=True))
    plans = [ReintegrationStep(agents[i].id, hz.start, max_hours_week=20, max_hours_day=6,
                               window=(time(9), time(17)), queues=("email",), max_continuous_minutes=120)
             for i in range(0, n_agents, 40)]
    project = Project("bench", hz, queues=queues, forecast=fc, agents=agents, leave=leave,
                      wishes=wishes, reintegration=plans)
    roster = Roster(shifts)
    reference = Roster([Shift(s.agent_id, s.day, s.start, s.end, list(s.segments), locked=rng.random() < 0.05)
                        for s in shifts])
    return roster, project, reference


def main() -> None:
    n_agents = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    n_days = int(sys.argv[2]) if len(sys.argv) > 2 else 28
    roster, project, reference = build(n_agents, n_days)
    check(roster, project)  # warm-up (zoneinfo caches, numpy)
    runs, cpu = [], []
    for _ in range(5):
        t, p = clock.perf_counter(), clock.process_time()
        found = check(roster, project, reference=reference, today=project.horizon.start)
        runs.append(clock.perf_counter() - t)
        cpu.append(clock.process_time() - p)
    print(f"{n_agents} agents × {n_days} days, {len(roster.shifts)} shifts, "
          f"{sum(len(s.segments) for s in roster.shifts)} segments")
    print(f"check(): wall best {min(runs) * 1000:.0f} ms, worst {max(runs) * 1000:.0f} ms; "
          f"CPU best {min(cpu) * 1000:.0f} ms; {len(found)} violations")
    for rule_id, n in summarise(found).items():
        print(f"  {rule_id:28s} {n}")


if __name__ == "__main__":
    main()
