"""The solver's coverage figures come from the one coverage matrix: its shortfall hours equal a
count made interval by interval from the roster's segments, reintegration productivity included."""

from __future__ import annotations

from solver_kit import MON, hourly_requirement, opts, project

from kcroster.model import ReintegrationStep
from kcroster.solver import solve


def test_shortfall_hours_match_a_count_interval_by_interval() -> None:
    p = project(3, 2)
    agent = p.agents[0]
    p.reintegration = [ReintegrationStep(agent.id, MON, max_hours_week=24.0, productivity=0.5)]
    req = hourly_requirement(p, {h: 2.0 for h in range(8, 20)})
    res = solve(p, req, options=opts(time_limit_s=5, deterministic=True))
    assert res.roster.shifts
    hz = p.horizon
    names = [q.name for q in p.queues]
    short_minutes = 0.0
    for k, start in enumerate(hz.starts_utc):
        lo, hi = int(start), int(start) + hz.interval_seconds
        for qi, name in enumerate(names):
            have = 0.0
            for sh in res.roster.shifts:
                prod = 0.5 if sh.agent_id == agent.id else 1.0
                for g in sh.segments:
                    if g.activity == name:
                        overlap = min(hi, int(g.end.timestamp())) - max(lo, int(g.start.timestamp()))
                        have += prod * max(0, overlap) / hz.interval_seconds
            short_minutes += max(0.0, req[qi, k] - have) * hz.interval_minutes
    assert abs(res.shortfall_agent_hours - short_minutes / 60) < 1e-9
    assert res.required_agent_hours == req.sum() * hz.interval_minutes / 60
    assert any(sh.agent_id == agent.id for sh in res.roster.shifts)  # the half-productive agent works
