"""Tiny hand-built projects and solve options for solver tests.

pytest puts this folder on ``sys.path`` for the tests in it; tests and benchmarks elsewhere
(``tests/io/test_curtois.py``, ``tests/benchmarks/``) insert it themselves.
"""

from __future__ import annotations

from datetime import date, time

import numpy as np

from kcroster.model import Agent, Horizon, LabourRules, OpeningHours, Project, Queue, ShiftRules
from kcroster.rules.checker import check
from kcroster.solver import SolveOptions, Weights

MON = date(2027, 5, 3)  # a Monday, no DST nearby

# rules that link days but do not matter for 2–4 h day shifts are left on: they must not bite
LOOSE = dict(contract_hours=10.0, min_hours=0.0, max_hours=60.0, max_days_per_week=7, max_consecutive_days=None)


def agents(n: int, **kw) -> list[Agent]:
    args = {**LOOSE, "skills": ("Q",), **kw}
    return [Agent(f"a{i}", f"Agent {i}", **args) for i in range(n)]


def queue(name: str = "Q", start: int = 8, end: int = 12, days=range(7)) -> Queue:
    return Queue(name, opening_hours=OpeningHours(weekly={d: [(time(start), time(end))] for d in days}))


def project(n_agents: int = 3, days: int = 3, *, interval: int = 60, lengths=(180, 180), step: int = 60,
            queues: list[Queue] | None = None, start: date = MON, labour: LabourRules | None = None,
            **agent_kw) -> Project:
    hz = Horizon(start, days, interval)
    return Project(name="klein", horizon=hz, queues=queues or [queue()], agents=agents(n_agents, **agent_kw),
                   shift_rules=ShiftRules(start_step_minutes=step, min_length_minutes=lengths[0],
                                          max_length_minutes=lengths[1], length_step_minutes=60),
                   labour=labour or LabourRules())


def hourly_requirement(p: Project, per_day: dict[int, float] | list[float], queue_index: int = 0) -> np.ndarray:
    """Requirement per queue × interval from a {hour: agents} map repeated every day."""
    hz = p.horizon
    req = np.zeros((len(p.queues), hz.n_intervals))
    mins = hz.local_minute_of_day
    table = dict(enumerate(per_day)) if isinstance(per_day, list) else per_day
    for k in range(hz.n_intervals):
        req[queue_index, k] = table.get(int(mins[k]) // 60, 0.0)
    return req


def research_weights() -> Weights:
    """Exactly the objective of the Curtois & Qu benchmark: wish and demand weights as given,
    nothing of the planner's own objective (fairness, stability, hours over contract)."""
    return Weights(wish=1, type_demand=1, fairness_wishes=0, fairness_unpopular=0, stability=0, over_contract=0)


def opts(**kw) -> SolveOptions:
    base = dict(time_limit_s=20.0, workers=1, seed=7,
                weights=Weights(under_tiers=(10, 20, 40), over=1, wish=100, fairness_wishes=0,
                                fairness_unpopular=0, stability=0))
    base.update(kw)
    return SolveOptions(**base)


def errors(result, p: Project, reference=None) -> list:
    return [v for v in check(result.roster, p, reference=reference) if v.severity == "error"]
