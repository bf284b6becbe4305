"""From shift choice to segments: queue assignment for multi-skilled agents, reintegration
breaks, and the segments every roster must have."""

from __future__ import annotations

from datetime import time, timedelta

from solver_kit import MON, errors, hourly_requirement, opts, project, queue

from kcroster.model import BREAK, ReintegrationStep
from kcroster.solver import solve
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.extract import extract


def test_python_queue_assignment_moves_agents_along_a_chain() -> None:
    # a0 can do A or B, a1 can do B or C; need A 0.9, B 1, C 0. Taking the biggest need first
    # sends a0 to B and a1 nowhere useful; the chain move must end with a0 on A and a1 on B.
    p = project(2, 1, queues=[queue("A"), queue("B"), queue("C")])
    p.agents[0].skills = ("A", "B")
    p.agents[1].skills = ("B", "C")
    req = hourly_requirement(p, {h: 0.9 for h in range(8, 12)}, 0) + hourly_requirement(
        p, {h: 1.0 for h in range(8, 12)}, 1)
    b = ModelBuilder(p, req, opts())
    b.build()
    pick = {}
    for ai in range(2):
        pick[(ai, 0)] = next(i for i, c in enumerate(b.cands[ai][0]) if b.hz.interval_start(c.k0).hour == 8)
    roster = extract(b, None, pick=pick)
    acts = {s.agent_id: {g.activity for g in s.segments} for s in roster.shifts}
    assert acts == {"a0": {"A"}, "a1": {"B"}}


def test_reintegration_agent_gets_breaks_window_and_queue() -> None:
    p = project(2, 5, lengths=(180, 300), interval=15, step=30, queues=[queue("Tel", 8, 18), queue("Mail", 8, 18)])
    p.agents[0].skills = ("Tel", "Mail")
    p.agents[1].skills = ("Tel", "Mail")
    p.reintegration = [ReintegrationStep("a1", MON - timedelta(days=10), max_hours_day=4, max_hours_week=12,
                                         days=frozenset({0, 2, 4}), window=(time(9), time(15)), queues=("Mail",),
                                         productivity=0.5, max_continuous_minutes=90)]
    req = hourly_requirement(p, {h: 1 for h in range(8, 18)}, 0) + hourly_requirement(p, {h: 1 for h in range(8, 18)}, 1)
    res = solve(p, req, options=opts(time_limit_s=3, workers=2))
    assert res.status in ("optimal", "feasible")
    assert errors(res, p) == []
    mine = [s for s in res.roster.shifts if s.agent_id == "a1"]
    assert mine, "the reintegration agent works within the plan"
    for s in mine:
        assert s.day.weekday() in (0, 2, 4)
        assert s.start.time() >= time(9) and s.end.time() <= time(15)
        assert {g.activity for g in s.segments} <= {"Mail", BREAK}
        run = 0.0
        for g in s.segments:  # no stretch of work longer than 90 minutes
            run = 0.0 if g.activity == BREAK else run + (g.end.timestamp() - g.start.timestamp()) / 60
            assert run <= 90


def test_requirement_of_the_wrong_shape_is_an_input_error() -> None:
    import numpy as np
    import pytest

    from kcroster.model import KcrosterInputError

    p = project(1, 1)
    with pytest.raises(KcrosterInputError, match="verwacht"):
        solve(p, np.zeros((2, 5)), options=opts())
