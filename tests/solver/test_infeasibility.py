"""The infeasibility explanation names exactly the planner's settings that conflict, and the fix
it proposes, applied by hand to the project, gives a legal roster (issue 24 item 4).

One small one-agent project per rule family, each with a cause known by construction. The
second check is independent of the explanation: the test makes the change itself and solves
the whole strict model, as the builder makes it for a solve.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from ortools.sat.python import cp_model
from solver_kit import MON, hourly_requirement, opts, project, queue

from kcroster.model import (
    Leave,
    OpeningHours,
    Queue,
    ReintegrationStep,
    ShiftRules,
    ShiftType,
    Wish,
    WishKind,
)
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.conflict_set import conflict_for
from kcroster.solver.infeasibility import Explanation, explain_agent


def _conflict(p, req):
    c = conflict_for(p, req, opts(), p.agents[0].id, time_limit_s=30.0)
    assert c is not None and c.complete and not c.frame
    return {m.key for m in c.members}, {m.key: m.fix for m in c.members}


def _legal(p, req) -> None:
    """The whole strict model (every agent, coverage and objective, as a solve builds it) has
    a solution: the change made by hand is enough."""
    b = ModelBuilder(p, req, opts(), mode=ModelBuilder.STRICT)
    b.build()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.stop_after_first_solution = True
    assert solver.solve(b.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _window_project(**kw):
    """The issue's agent: 20 h, at most 3 days, allowed 08:30–14:30; a queue open 08–20."""
    p = project(
        1,
        7,
        interval=30,
        contract_hours=20.0,
        min_hours=None,
        max_hours=None,
        max_days_per_week=3,
        **kw,
    )
    p.shift_rules = ShiftRules()  # starts every 30 min, 4–9 h in whole hours
    p.queues = [queue(start=8, end=20)]
    p.agents[0].earliest_start, p.agents[0].latest_end = time(8, 30), time(14, 30)
    return p, hourly_requirement(p, {h: 1 for h in range(8, 20)})


def test_window_against_contract_hours_and_days() -> None:
    # a 6 h shift works 5 h 30 min: three of them are 16,5 h, under the 18 h minimum of 20 h
    p, req = _window_project()
    keys, fixes = _conflict(p, req)
    assert keys == {"window", "days_per_week", "contract_hours"}
    assert (fixes["window"].target, fixes["window"].value) == ("agent.latest_end", time(15, 30))
    assert (fixes["contract_hours"].target, fixes["contract_hours"].value) == (
        "agent.contract_hours",
        18.0,
    )
    assert fixes["days_per_week"].value == 4
    for change in (
        lambda a: setattr(a, "latest_end", time(15, 30)),
        lambda a: setattr(a, "contract_hours", 18.0),
        lambda a: setattr(a, "max_days_per_week", 4),
    ):
        q, req = _window_project()
        change(q.agents[0])
        _legal(q, req)


def test_explanation_speaks_one_language_and_names_the_window() -> None:
    p, req = _window_project()
    b = ModelBuilder(p, req, opts())
    b.build_variables()
    text = explain_agent(b, 0)
    assert isinstance(text, Explanation) and list(text) == text.lines("nl")
    nl, en = "\n".join(text.lines("nl")), "\n".join(text.lines("en"))
    assert "Beschikbaarheid 08:30–14:30" in nl and "verruim het venster tot 15:30" in nl
    assert "verlaag de contracturen tot 18" in nl and "week 18 (3–9 mei 2027)" in nl
    assert "Availability 08:30–14:30" in en and "widen the window to 15:30" in en
    assert "week 18 (3–9 May 2027)" in en
    for word in ("Availability", "Contract hours", "working days", "Fix", " / "):
        assert word not in nl
    for word in ("Beschikbaarheid", "Contracturen", "werkdagen", "Oplossing", "verlaag"):
        assert word not in en
    assert "geen mogelijke dienst" not in nl


def _days_project():
    """36 h minimum of a 40 h contract, at most 3 days, 12 h shifts, a queue open 08–20."""
    p = project(
        1,
        7,
        interval=60,
        contract_hours=40.0,
        min_hours=None,
        max_hours=None,
        max_days_per_week=3,
        lengths=(240, 720),
        step=60,
    )
    p.queues = [queue(start=8, end=20)]
    return p, hourly_requirement(p, {h: 1 for h in range(8, 20)})


def test_days_per_week_against_contract_hours() -> None:
    # three 12 h shifts work 3 × 11 h = 33 h (the 45 min break takes a whole 60 min interval),
    # under the 36 h minimum of 40 h
    p, req = _days_project()
    keys, fixes = _conflict(p, req)
    assert keys == {"days_per_week", "contract_hours"}
    assert fixes["days_per_week"].value == 4
    assert fixes["contract_hours"].value == 36.0  # 0,9 × 36 = 32,4 h ≤ 33 h; 37 → 33,3 h
    for attr, value in (("max_days_per_week", 4), ("contract_hours", 36.0)):
        q, req = _days_project()
        setattr(q.agents[0], attr, value)
        _legal(q, req)


def _leave_project(whole_days: bool = False):
    """36 h, a queue open Monday–Friday 08–20 and leave from Monday 10:00 to Friday 20:00:
    Tuesday–Thursday are whole leave days (the minimum drops to 12,96 h) but no shift of 4 h
    fits on Monday or Friday and the weekend is closed."""
    p = project(
        1,
        7,
        interval=60,
        contract_hours=36.0,
        min_hours=None,
        max_hours=None,
        max_days_per_week=5,
        lengths=(240, 540),
        step=60,
    )
    p.queues = [queue(start=8, end=20, days=range(5))]
    tz = p.horizon.tz
    start = datetime.combine(MON, time(0 if whole_days else 10), tzinfo=tz)
    end = datetime.combine(
        MON + timedelta(days=5 if whole_days else 4), time(0 if whole_days else 20), tzinfo=tz
    )
    p.leave = [Leave("a0", start, end, "verlof")]
    req = hourly_requirement(p, {h: 1 for h in range(8, 20)})
    req[:, p.horizon.weekday_of_interval >= 5] = 0  # no demand in the closed weekend either
    return p, req


def test_partial_leave_days_against_contract_hours() -> None:
    p, req = _leave_project()
    keys, fixes = _conflict(p, req)
    assert keys == {"leave:0", "contract_hours", "skills"}  # skills: the queue's closed weekend
    tz = p.horizon.tz
    assert fixes["leave:0"].value == (
        datetime.combine(MON, time(0), tzinfo=tz),
        datetime.combine(MON + timedelta(days=5), time(0), tzinfo=tz),
    )
    assert fixes["contract_hours"] is None  # every contract above 0 h asks for some work
    q, req = _leave_project(whole_days=True)
    _legal(q, req)


def _types_project(**agent_kw):
    """Named shifts only (Vroeg, Laat, Nacht, Dag) on a queue open day and night."""
    p = project(
        1,
        7,
        interval=60,
        contract_hours=20.0,
        min_hours=0.0,
        max_hours=40.0,
        max_days_per_week=5,
        **agent_kw,
    )
    p.shift_rules = ShiftRules(
        use_templates=False,
        shift_types=[
            ShiftType("Vroeg", time(6), time(14)),
            ShiftType("Laat", time(15), time(23)),
            ShiftType("Nacht", time(23), time(7)),
            ShiftType("Dag", time(8), time(16)),
        ],
    )
    p.queues = [
        Queue(
            "Q", opening_hours=OpeningHours(weekly={d: [(time(0), time(23, 59))] for d in range(7)})
        )
    ]
    return p, None


def _rest_wishes(p, must_tuesday: bool = True) -> None:
    p.wishes = [
        Wish("a0", MON, WishKind.SHIFT, must=True, shift_type="Laat"),
        Wish("a0", MON + timedelta(days=1), WishKind.SHIFT, must=must_tuesday, shift_type="Vroeg"),
    ]


def test_must_wishes_against_daily_rest() -> None:
    # Laat ends 23:00, Vroeg starts 06:00: 7 h rest, under the 11 h (and the once-a-week 8 h)
    p, req = _types_project()
    _rest_wishes(p)
    keys, fixes = _conflict(p, req)
    assert keys == {"wish:0", "wish:1", "atw_daily_rest"}
    assert fixes["atw_daily_rest"] is None  # the law is not the planner's to change
    assert (fixes["wish:1"].target, fixes["wish:1"].value) == ("wish.must", False)
    q, req = _types_project()
    _rest_wishes(q, must_tuesday=False)
    _legal(q, req)


def test_youth_night_ban_against_night_only_availability() -> None:
    p, req = _types_project(birth_date=date(2011, 1, 1), allowed_shift_types=("Nacht",))
    p.agents[0].min_hours = None  # 20 h: at least 18 h a week
    keys, fixes = _conflict(p, req)
    assert keys == {"youth", "allowed_types", "contract_hours"}
    assert fixes["youth"] is None and fixes["contract_hours"] is None
    assert fixes["allowed_types"].value == ("Nacht", "Vroeg")  # 16 is too young for nights
    q, req = _types_project(birth_date=date(2011, 1, 1), allowed_shift_types=("Nacht", "Vroeg"))
    q.agents[0].min_hours = None
    _legal(q, req)


def test_reintegration_window_against_must_wish() -> None:
    p, req = _types_project()
    p.reintegration = [ReintegrationStep("a0", MON, window=(time(9), time(13)))]
    p.shift_rules.use_templates = True  # 4 h shifts fit the plan's window
    p.wishes = [Wish("a0", MON + timedelta(days=2), WishKind.LATE, must=True)]
    keys, fixes = _conflict(p, req)
    assert keys == {"reint:0:window", "wish:0"}
    assert fixes["reint:0:window"] is None  # agreed with the company doctor, not the planner's
    assert fixes["wish:0"].value is False


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_member_and_fix_has_a_sentence(lang: str) -> None:
    from kcroster.solver.conflict_text import conflict_lines

    p, req = _days_project()
    c = conflict_for(p, req, opts(), "a0")
    lines = conflict_lines(c, lang)
    assert len(lines) == 1 + len(c.members) + 1
    assert not any("agent." in line or "_" in line for line in lines)
