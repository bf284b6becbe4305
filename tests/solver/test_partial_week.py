"""A plan that starts on a Saturday (issue 23, "accepted without a word").

Its first week holds two days. The contract minimum was pro-rated by calendar days (2/7 of the
week), more than the agents could work there when their queue is closed on Sunday and open only
briefly on Saturday: every agent was infeasible on its contract week, without a hint why. A
partial week's minimum now counts the days on which one of the agent's queues is open — solver
and checker alike — and the result tells the planner that the first (and last) week is partial.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
from solver_kit import errors, opts

from kcroster.model import (
    Agent,
    Forecast,
    Horizon,
    Project,
    Queue,
    Roster,
    Segment,
    Shift,
    ShiftRules,
)
from kcroster.rules.checker import check
from kcroster.solver import solve

SAT = date(2027, 5, 1)  # a Saturday; no public holiday in the first week


def _project() -> tuple[Project, np.ndarray]:
    """Two weeks from a Saturday: the queue is open Mon–Fri 08–17 and Sat 09–13, closed on
    Sunday (the forecast's open mask). Contract 24 h a week: minimum 21 h 36 min, so the first
    week's calendar share (2/7: 6 h 10 min) does not fit in Saturday's four hours."""
    hz = Horizon(SAT, 14, 60)
    queue = Queue("Q")
    open_ = np.zeros((1, hz.n_intervals), dtype=bool)
    for di, day in enumerate(hz.dates):
        hours = range(8, 17) if day.weekday() < 5 else range(9, 13) if day.weekday() == 5 else ()
        for h in hours:
            open_[0, hz.day_slice(di).start + h] = True
    forecast = Forecast(
        hz, [queue], volume=open_ * 5.0, aht=np.full(open_.shape, 300.0), open_mask=open_
    )
    agents = [
        Agent(f"a{i}", f"Agent {i}", contract_hours=24.0, skills=("Q",), max_consecutive_days=None)
        for i in range(2)
    ]
    p = Project(
        name="zaterdag",
        horizon=hz,
        queues=[queue],
        agents=agents,
        forecast=forecast,
        shift_rules=ShiftRules(
            start_step_minutes=60,
            min_length_minutes=240,
            max_length_minutes=480,
            length_step_minutes=60,
        ),
    )
    return p, open_ * 1.0


def test_a_plan_starting_on_saturday_gets_a_legal_roster_and_says_the_week_is_partial():
    p, req = _project()
    res = solve(p, req, options=opts(time_limit_s=5.0, deterministic=True))
    assert res.status in ("optimal", "feasible"), res.conflicts
    assert res.roster.shifts and errors(res, p) == []
    tail = "; contracturen naar rato (alleen de dagen waarop een wachtrij van de medewerker open is tellen mee)."
    assert res.notes[:2] == [
        "De planperiode begint op za 1 mei 2027: week 17 telt 2 dagen" + tail,
        "De planperiode eindigt op vr 14 mei 2027: week 19 telt 5 dagen" + tail,
    ]
    # the first week asks its share of the one open day: 21 h 36 min / 7, about 3 h 5 min
    first = [s for s in res.roster.shifts if s.day < SAT + timedelta(days=2)]
    for agent in p.agents:
        worked = sum(s.work_minutes for s in first if s.agent_id == agent.id)
        assert worked >= 185


def test_the_checker_counts_only_the_open_days_of_a_partial_week():
    p, _req = _project()
    tz = p.horizon.tz

    def on_saturday(start: int, end: int) -> Shift:
        a, z = (datetime.combine(SAT, time(h), tzinfo=tz) for h in (start, end))
        return Shift("a0", SAT, a, z, [Segment(a, z, "Q")])

    def findings(shifts):
        return [
            v.message_nl
            for v in check(Roster(shifts=shifts), p)
            if v.rule_id == "contract_week_hours"
            and v.agent_id == "a0"
            and v.when == SAT - timedelta(days=5)
        ]

    three = [on_saturday(9, 12)]  # 3 h: under 3 h 5 min
    assert findings(three) == [
        "3 u werk in de week van ma 26 april 2027, minimaal 3 u 5 min "
        "(naar rato: 1 van 7 dagen, 1 dag(en) zonder open wachtrij)"
    ]
    four = [on_saturday(9, 13)]
    assert findings(four) == []


def test_the_command_line_tells_the_partial_weeks_on_stderr(monkeypatch, capsys, tmp_path):
    from kcroster import cli

    p, _req = _project()
    monkeypatch.setattr(cli, "_load_plan_inputs", lambda args: p)  # the forecast and agents read
    out = tmp_path / "rooster.csv"
    code = cli.main(
        ["roster", "prognose.csv", "medewerkers.xlsx", "-o", str(out), "--time-limit", "5"]
    )
    err = capsys.readouterr().err
    assert code == 0 and out.exists()
    assert "let op: De planperiode begint op za 1 mei 2027: week 17 telt 2 dagen;" in err
    assert "let op: De planperiode eindigt op vr 14 mei 2027: week 19 telt 5 dagen;" in err
