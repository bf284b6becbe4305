"""Hours over contract have one definition (kcroster.rules.over_contract): the solver's cost, the
checker's ``contract_over_hours`` warning and the planner's figure (``pipeline.hours_over_contract``)
agree with minutes worked out by hand on a plan that starts inside a week and has a leave day."""

from __future__ import annotations

import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "solver"))  # the solver tests' kit
from solver_kit import hourly_requirement, opts, project, queue  # noqa: E402

from kcroster import pipeline  # noqa: E402
from kcroster.model import Leave, ReintegrationStep, Roster, Segment, Shift  # noqa: E402
from kcroster.rules.checker import check  # noqa: E402
from kcroster.rules.over_contract import WeekOver, minutes_over_contract  # noqa: E402
from kcroster.solver import Weights, solve  # noqa: E402

WED = date(2027, 6, 9)  # a Wednesday; no public holiday in the 12 days from it
MON = date(2027, 6, 14)
LEAVE_DAY = date(2027, 6, 16)


def _plan():
    """One agent, contract 12 h a week (at most 6 days, up to 40 h), shifts of exactly 4 hours
    08:00–12:00, a queue open every day that needs one agent then; the plan runs Wednesday 9 to
    Sunday 20 June: a week cut by the plan's start (5 days) and a whole week with a leave day."""
    p = project(1, 12, lengths=(240, 240), queues=[queue(start=8, end=12)], start=WED,
                contract_hours=12.0, min_hours=0.0, max_hours=40.0, max_days_per_week=6)
    tz = p.horizon.tz
    p.leave = [Leave("a0", datetime.combine(LEAVE_DAY, time(0), tzinfo=tz),
                     datetime.combine(LEAVE_DAY + timedelta(days=1), time(0), tzinfo=tz), "verlof")]
    return p


def _every_day_but_leave(p) -> Roster:
    tz = p.horizon.tz
    shifts = []
    for d in p.horizon.dates:
        if d != LEAVE_DAY:
            a, b = datetime.combine(d, time(8), tzinfo=tz), datetime.combine(d, time(12), tzinfo=tz)
            shifts.append(Shift("a0", d, a, b, [Segment(a, b, "Q")]))
    return Roster(shifts)


# By hand. The cut week (Wed–Sun) is not judged: its other days belong to the previous plan.
# The whole week: contract 12 h less a contract day per leave day (12 h / 6 days = 2 h): 10 h;
# six days of 4 h = 24 h worked: 14 h = 840 minutes over, 56 quarters of an hour.
OVER_MINUTES = 840


def test_the_definition_by_hand():
    p = _plan()
    assert minutes_over_contract(p, _every_day_but_leave(p)) == {("a0", MON): WeekOver(24 * 60, 10 * 60)}
    assert pipeline.hours_over_contract(p, _every_day_but_leave(p)) == OVER_MINUTES / 60


def test_solver_checker_and_planner_figure_agree():
    """Each uncovered hour costs far more than its quarters over contract, so the solver works
    every day but the leave day; its over-contract cost is 56 quarters at the weight, the checker
    warns of 14 h in the whole week only, and the planner sees 14 hours."""
    p = _plan()
    req = hourly_requirement(p, {8: 1, 9: 1, 10: 1, 11: 1})
    w8 = Weights(under_tiers=(10,), over=1, wish=0, fairness_wishes=0, fairness_unpopular=0, stability=0,
                 over_contract=5)
    res = solve(p, req, options=opts(weights=w8))
    assert res.status == "optimal"
    assert sorted(s.day for s in res.roster.shifts) == sorted(s.day for s in _every_day_but_leave(p).shifts)
    assert res.objective_terms.get("over_contract") == 5 * OVER_MINUTES // 15
    warned = [v for v in check(res.roster, p) if v.rule_id == "contract_over_hours"]
    assert [(v.when, v.message_nl.split(" boven")[0]) for v in warned] == [(MON, "14 u")]
    assert [v for v in check(res.roster, p) if v.severity == "error"] == []
    assert pipeline.hours_over_contract(p, res.roster) == OVER_MINUTES / 60


def test_weeks_that_are_not_judged():
    """No contract hours (an on-call contract), a reintegration step in force, a contract above
    the week's work: nothing over contract for the figure, the checker or the solver's price."""
    p = _plan()
    roster = _every_day_but_leave(p)
    p.agents[0].contract_hours = 0.0
    assert minutes_over_contract(p, roster) == {} and pipeline.hours_over_contract(p, roster) == 0.0
    p.agents[0].contract_hours = 30.0  # 30 h less 5 h for the leave day: 25 h > 24 h worked
    assert minutes_over_contract(p, roster) == {}
    p.agents[0].contract_hours = 12.0
    p.reintegration = [ReintegrationStep("a0", MON + timedelta(days=3), max_hours_week=40)]
    assert minutes_over_contract(p, roster) == {}
    assert not [v for v in check(roster, p) if v.rule_id == "contract_over_hours"]
