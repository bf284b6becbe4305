"""The greedy first roster: an agent whose shifts cannot start on the coarse start grids still
gets its schedule, and an agent without any legal schedule is still found out.

The independent expectation is the rule checker (it never imports the solver) and, for the
infeasible agent, arithmetic on its own settings."""

from __future__ import annotations

import time as clock
from dataclasses import replace
from datetime import time

from solver_kit import hourly_requirement, opts, project

from kcroster.rules.checker import check
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.extract import extract
from kcroster.solver.plan import FIRST_TRY_GRIDS
from kcroster.solver.warmstart import AgentSearch, greedy


def _greedy(p, req):
    b = ModelBuilder(p, req, opts())
    b.build()
    picks, bad = greedy(b, clock.perf_counter() + 20)
    return b, picks, bad


def test_an_agent_off_the_hour_grid_is_scheduled_over_all_its_candidates():
    # one agent may only start at 08:15 (window 08:15-11:15, 3-hour shifts): no shift of the
    # hour grids fits, the agent must still get its schedule (from its full candidate list)
    p = project(3, days=5, interval=15, step=15, lengths=(180, 180), contract_hours=6.0,
                min_hours=6.0, max_hours=9.0, max_days_per_week=5)
    p.agents[0] = replace(p.agents[0], earliest_start=time(8, 15), latest_end=time(11, 15))
    req = hourly_requirement(p, {8: 2.0, 9: 2.0, 10: 2.0, 11: 1.0})
    b, picks, bad = _greedy(p, req)
    assert bad is None and picks
    own = {d: ci for (ai, d), ci in picks.items() if ai == 0}
    assert len(own) >= 2  # at least 6 contract hours of 3-hour shifts
    assert all(b.cands[0][d][ci].start_ts // 60 % 60 == 15 for d, ci in own.items())
    errors = [v for v in check(extract(b, None, pick=picks), p) if v.severity == "error"]
    assert errors == []


def test_an_agent_without_any_legal_schedule_is_named():
    # 20 contract hours (at least 18) in at most 2 days of 3-hour shifts: 6 hours at most, so no
    # schedule exists on the grid or off it; the greedy start names the agent
    p = project(2, days=7, interval=15, step=15, lengths=(180, 180), contract_hours=10.0,
                min_hours=0.0, max_hours=20.0, max_days_per_week=7)
    p.agents[1] = replace(p.agents[1], contract_hours=20.0, min_hours=18.0, max_hours=22.0,
                          max_days_per_week=2)
    req = hourly_requirement(p, {8: 1.0, 9: 1.0, 10: 1.0})
    _b, picks, bad = _greedy(p, req)
    assert picks is None and bad == 1


def test_a_hard_agent_is_planned_on_the_coarse_grid_and_agents_of_its_shape_follow():
    # agents whose shape (candidates per day) was hard go to the grid model at once; the grid
    # model's choice maps back onto the agent's own candidates: every start on the 2-hour grid,
    # and the roster legal by the checker
    # (the requirement asks for 09:00-12:00, off the grid: a full model would start there)
    p = project(4, days=5, interval=15, step=15, lengths=(180, 180), contract_hours=6.0,
                min_hours=6.0, max_hours=9.0, max_days_per_week=5)
    req = hourly_requirement(p, {9: 2.0, 10: 2.0, 11: 2.0})
    b = ModelBuilder(p, req, opts())
    b.build()
    srch = AgentSearch(b)
    srch.hard_shapes.add(tuple(len(day) for day in b.cands[0]))  # all four agents share it
    picks, bad = greedy(b, clock.perf_counter() + 20, search=srch)
    assert bad is None and picks
    grid = FIRST_TRY_GRIDS[0]
    assert {ai for ai, _d in picks} == {0, 1, 2, 3}
    local = b.hz.local_minute_of_day
    assert all(local[b.cands[ai][d][ci].k0] % grid == 0 for (ai, d), ci in picks.items())
    assert all(key[1] is None for key in srch.subs)  # the grid models are not kept
    errors = [v for v in check(extract(b, None, pick=picks), p) if v.severity == "error"]
    assert errors == []
