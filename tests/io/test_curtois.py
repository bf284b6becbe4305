"""Curtois & Qu benchmark adapter: importer, solution rows and the independent evaluator.

The evaluator (``tests/benchmarks/curtois_eval.py``) is checked on a tiny hand-made instance
with hand-computed objectives and one violating solution per hard rule, and the importer on
hand-made instances. The tests on the real instances (importer against the evaluator's parser,
the whole chain on instance 1, the column-generation bound and the full search beside it) need
the instance files and live in ``tests/benchmarks/test_curtois_instances.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from kcroster.model import KcrosterInputError, Roster, Shift, WishKind
from kcroster.rules.catalogue import Severity
from kcroster.rules.checker import check

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))  # the benchmark's own code
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "solver"))  # the solver tests' kit
from curtois_format import (  # noqa: E402
    BENCHMARK_DISABLED_RULES,
    curtois_project,
    parse_curtois,
    read_curtois,
    roster_from_rows,
    roster_rows,
    write_curtois_solution,
)
from solver_kit import research_weights  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def _load_evaluator() -> ModuleType:
    path = REPO / "tests" / "benchmarks" / "curtois_eval.py"
    spec = importlib.util.spec_from_file_location("curtois_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("curtois_eval", module)
    spec.loader.exec_module(module)
    return module


ev = _load_evaluator()


# A week (day 0 Monday, weekend = days 5, 6). L (10 h) may not be followed by E.
# A: ≤3 E, ≤2 L, 1440–2880 min, runs 2–3 days, ≥2 days off, no weekend, day 6 off.
# B: any E, never L, ≤2400 min, runs ≤5, ≥1 day off, ≤1 weekend, day 4 off.
TINY = """\
# tiny hand-made instance\r
SECTION_HORIZON\r
7\r
\r
SECTION_SHIFTS\r
E,480,\r
L,600,E\r
\r
SECTION_STAFF\r
A,E=3|L=2,2880,1440,3,2,2,0\r
B,E=7|L=0,2400,0,5,1,1,1\r
\r
SECTION_DAYS_OFF\r
A,6\r
B,4\r
\r
SECTION_SHIFT_ON_REQUESTS\r
A,0,E,2\r
B,3,E,1\r
\r
SECTION_SHIFT_OFF_REQUESTS\r
A,2,L,3\r
B,1,E,1\r
\r
SECTION_COVER\r
0,E,1,100,1\r
0,L,1,50,2\r
1,E,1,100,1\r
2,L,0,100,5\r
3,E,3,10,1\r
"""


def rows_of(plan: dict[str, str]) -> list[tuple[str, int, str]]:
    """'E E L - - - -' per employee → rows (``-`` = off)."""
    return [
        (emp, d, s)
        for emp, line in plan.items()
        for d, s in enumerate(line.split())
        if s != "-"
    ]


BASE = {"A": "E E L - - - -", "B": "- E E E - E E"}


@pytest.fixture(scope="module")
def tiny() -> ev.Instance:
    return ev.parse(TINY)


# ---------------------------------------------------------------------------------- evaluator


def test_evaluator_objective_by_hand(tiny: ev.Instance) -> None:
    result = ev.evaluate(tiny, rows_of(BASE))
    assert result.violations == []
    # on-requests A0E, B3E granted; off-requests A2L (3) and B1E (1) violated;
    # cover: 0L under 1×50, 1E over 1×1, 2L over 1×5, 3E under 2×10
    assert (result.on_request_penalty, result.off_request_penalty, result.cover_penalty) == (0, 4, 76)
    assert result.objective == 80


def test_evaluator_empty_roster(tiny: ev.Instance) -> None:
    result = ev.evaluate(tiny, [])
    # on 2+1; cover 0E 100, 0L 50, 1E 100, 3E 30
    assert result.objective == 283
    assert len(result.violations) == 1 and "1440" in result.violations[0]


VIOLATIONS = {
    "one shift a day": (rows_of(BASE) + [("B", 1, "L")], "more than one shift"),
    "cannot follow": (rows_of({"A": "E L E - - - -", "B": BASE["B"]}), "may not follow"),
    "max shifts of a type": (rows_of({"A": BASE["A"], "B": "- E E L - E -"}), "shifts of type L > max 0"),
    "max minutes": (rows_of({"A": BASE["A"], "B": "E E E E - E E"}), "2880 minutes > max 2400"),
    "min minutes": (rows_of({"A": "E E - - - - -", "B": BASE["B"]}), "960 minutes < min 1440"),
    "max consecutive": (rows_of({"A": "E E E L - - -", "B": BASE["B"]}), "4 consecutive shifts"),
    "min consecutive": (rows_of({"A": "E E - - E - -", "B": BASE["B"]}), "1 consecutive shifts (days 4-4) < min 2"),
    "min days off": (rows_of({"A": "E E - E L - -", "B": BASE["B"]}), "1 consecutive days off (days 2-2) < min 2"),
    "max weekends": (rows_of({"A": "E E - - E L -", "B": BASE["B"]}), "1 weekends worked > max 0"),
    "days off": (rows_of({"A": BASE["A"], "B": "- - E E E E E"}), "works on day off 4"),
}


@pytest.mark.parametrize("rule", sorted(VIOLATIONS))
def test_evaluator_flags_each_hard_rule(tiny: ev.Instance, rule: str) -> None:
    rows, expected = VIOLATIONS[rule]
    result = ev.evaluate(tiny, rows)
    assert len(result.violations) == 1, result.violations
    assert expected in result.violations[0]


def test_evaluator_runs_touching_the_horizon_edges_are_exempt(tiny: ev.Instance) -> None:
    # A: a 1-day run on day 0 and a 1-day off run on day 0 are allowed; so are off runs at the end
    assert ev.evaluate(tiny, rows_of({"A": "E - - E E - -", "B": BASE["B"]})).violations == []
    assert ev.evaluate(tiny, rows_of({"A": "- E E E - - -", "B": BASE["B"]})).violations == []
    # B may work a 1-day run inside the horizon (its minimum is 1)
    assert ev.evaluate(tiny, rows_of({"A": BASE["A"], "B": "- E - E - E E"})).violations == []


def test_evaluator_rejects_rows_outside_the_instance(tiny: ev.Instance) -> None:
    rows = rows_of(BASE) + [("Z", 1, "E"), ("A", 3, "X"), ("A", 7, "E")]
    result = ev.evaluate(tiny, rows)
    assert len(result.violations) == 3
    assert result.objective == 80  # the bad rows are not counted as work


def test_solution_csv_round_trip(tmp_path: Path, tiny: ev.Instance) -> None:
    out = tmp_path / "sol.csv"
    write_curtois_solution(out, rows_of(BASE))
    assert out.read_text(encoding="utf-8").splitlines()[:2] == ["employee,day,shift", "A,0,E"]
    assert sorted(ev.read_solution(out)) == sorted(rows_of(BASE))


# ---------------------------------------------------------------------------------- importer


def test_importer_maps_every_rule_onto_the_domain() -> None:
    inst = parse_curtois(TINY, file="tiny.txt")
    project = curtois_project(inst)
    hz = project.horizon
    assert hz.start == date(2024, 1, 1) and hz.start.weekday() == 0 and hz.days == 7
    rules = project.shift_rules
    assert rules.use_templates is False
    assert [(t.name, t.length_minutes) for t in rules.shift_types] == [("E", 480), ("L", 600)]
    assert rules.type_by_name("L").start == time(8, 0) and rules.type_by_name("L").end == time(18, 0)
    assert rules.forbidden_sequences == [("L", "E")]
    assert [(d.day, d.shift_type, d.required, d.weight_under, d.weight_over) for d in rules.type_demand] == [
        (date(2024, 1, 1), "E", 1, 100, 1),
        (date(2024, 1, 1), "L", 1, 50, 2),
        (date(2024, 1, 2), "E", 1, 100, 1),
        (date(2024, 1, 3), "L", 0, 100, 5),
        (date(2024, 1, 4), "E", 3, 10, 1),
    ]
    a = project.agent("A")
    assert a.max_shifts_per_type == {"E": 3, "L": 2}
    assert (a.min_minutes_total, a.max_minutes_total) == (1440, 2880)
    assert (a.max_consecutive_days, a.min_consecutive_days, a.min_consecutive_days_off, a.max_weekends) == (3, 2, 2, 0)
    assert a.max_days_per_week is None and a.week_min_hours == 0 and a.week_max_hours >= 168
    b = project.agent("B")
    assert b.max_shifts_per_type == {"E": 7, "L": 0}
    leave = sorted((lv.agent_id, lv.start, lv.end - lv.start) for lv in project.leave)
    tz = hz.tz
    assert leave == [
        ("A", datetime(2024, 1, 7, tzinfo=tz), timedelta(days=1)),
        ("B", datetime(2024, 1, 5, tzinfo=tz), timedelta(days=1)),
    ]
    wishes = sorted((w.agent_id, w.day, w.kind, w.shift_type, w.weight, w.must) for w in project.wishes)
    assert wishes == [
        ("A", date(2024, 1, 1), WishKind.SHIFT, "E", 2, False),
        ("A", date(2024, 1, 3), WishKind.NOT_SHIFT, "L", 3, False),
        ("B", date(2024, 1, 2), WishKind.NOT_SHIFT, "E", 1, False),
        ("B", date(2024, 1, 4), WishKind.SHIFT, "E", 1, False),
    ]
    assert {"atw_breaks", "atw_daily_rest", "atw_weekly_rest", "atw_sundays"} <= project.labour.disabled
    assert BENCHMARK_DISABLED_RULES <= project.labour.disabled
    assert not any(r.startswith("contract_") and r not in ("contract_week_hours", "contract_days_per_week")
                   for r in project.labour.disabled)


BAD = [
    (TINY.replace("E,480,", "E,4x0,"), 6, "LengthMins", "geen geheel getal"),
    (TINY.replace("E,480,", "E,470,"), 6, "LengthMins", "veelvoud van 15"),
    (TINY.replace("L,600,E", "L,600,E|Q"), 7, "CannotFollow", "onbekende dienst 'Q'"),
    (TINY.replace("B,4\r", "C,4\r"), 15, "EmployeeID", "onbekende medewerker 'C'"),
    (TINY.replace("B,3,E,1", "B,9,E,1"), 19, "Day", "buiten de horizon"),
    (TINY.replace("0,L,1,50,2", "0,N,1,50,2"), 27, "ShiftID", "onbekende dienst 'N'"),
    (TINY.replace("A,E=3|L=2,2880,1440", "A,E=3|L=2,1000,1440"), 10, "MinTotalMinutes", "groter dan maximum"),
    (TINY.replace("A,E=3|L=2", "A,E:3"), 10, "MaxShifts", "DIENST=AANTAL"),
    (TINY.replace("1,E,1,100,1", "1,E,1,100"), 28, None, "te weinig velden"),
    (TINY.replace("3,E,3,10,1", "0,E,3,10,1"), 30, None, "komt twee keer voor"),
]


@pytest.mark.parametrize(("text", "row", "column", "reason"), BAD)
def test_importer_locates_bad_input(text: str, row: int, column: str | None, reason: str) -> None:
    with pytest.raises(KcrosterInputError) as info:
        parse_curtois(text, file="tiny.txt")
    err = info.value
    assert err.file == "tiny.txt" and err.row == row and err.column == column
    assert reason in err.reason


def test_importer_missing_section_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KcrosterInputError, match="SECTION_STAFF"):
        parse_curtois(TINY.split("SECTION_STAFF")[0], file="tiny.txt")
    with pytest.raises(KcrosterInputError, match="kan het bestand niet lezen"):
        read_curtois(tmp_path / "nope.txt")
    bad = tmp_path / "latin.txt"
    bad.write_bytes(b"SECTION_HORIZON\n7\xff\n")
    with pytest.raises(KcrosterInputError, match="UTF-8"):
        read_curtois(bad)


def test_roster_rows_maps_shifts_back() -> None:
    project = curtois_project(parse_curtois(TINY))
    hz = project.horizon

    def shift(agent: str, day: int, length: int, typed: str | None) -> Shift:
        d = hz.dates[day]
        start = datetime.combine(d, time(8, 0), tzinfo=hz.tz)
        return Shift(agent, d, start, start + timedelta(minutes=length), shift_type=typed)

    roster = Roster([shift("B", 3, 480, "E"), shift("A", 2, 600, None), shift("A", 0, 480, "E")])
    assert roster_rows(roster, project) == [("A", 0, "E"), ("A", 2, "L"), ("B", 3, "E")]
    with pytest.raises(KcrosterInputError):
        roster_rows(Roster([shift("A", 1, 420, None)]), project)


CHECKER_RULE = {
    "cannot follow": "shift_sequence",
    "max shifts of a type": "contract_shift_types",
    "max minutes": "contract_total_minutes",
    "min minutes": "contract_total_minutes",
    "max consecutive": "contract_consecutive_days",
    "min consecutive": "contract_consecutive_days",
    "min days off": "contract_days_off",
    "max weekends": "contract_weekends",
    "days off": "leave",
}


@pytest.mark.parametrize("rule", sorted(CHECKER_RULE))
def test_imported_project_expresses_each_hard_rule(rule: str) -> None:
    """kcroster's own checker, on the imported project, flags exactly what the evaluator flags."""
    project = curtois_project(parse_curtois(TINY))
    assert [v for v in check(roster_from_rows(rows_of(BASE), project), project)] == []
    rows, _ = VIOLATIONS[rule]
    errors = [v.rule_id for v in check(roster_from_rows(rows, project), project) if v.severity == Severity.ERROR]
    assert errors == [CHECKER_RULE[rule]]


def test_rows_to_roster_and_back() -> None:
    project = curtois_project(parse_curtois(TINY))
    roster = roster_from_rows(rows_of(BASE), project)
    assert roster_rows(roster, project) == sorted(rows_of(BASE))
    lengths = sorted({s.work_minutes for s in roster.shifts})
    assert lengths == [480, 600]
    for bad in [("Z", 0, "E"), ("A", 0, "Q"), ("A", 7, "E")]:
        with pytest.raises(KcrosterInputError):
            roster_from_rows([bad], project)


# Two shift types with the same times (every Curtois shift starts at 08:00): A may work at most
# one E and any N, B only E; N may not be followed by E.
SAME_TIMES = """\
SECTION_HORIZON\r
7\r
\r
SECTION_SHIFTS\r
E,480,\r
N,480,E\r
\r
SECTION_STAFF\r
A,E=1|N=7,2400,960,4,2,2,1\r
B,E=7|N=0,2400,960,4,2,2,1\r
\r
SECTION_COVER\r
0,N,1,100,1\r
1,N,1,100,1\r
2,E,1,100,1\r
3,E,1,100,1\r
4,N,1,100,1\r
5,N,1,100,1\r
"""


def test_warm_start_keeps_the_shift_type_when_types_share_their_times(tmp_path: Path) -> None:
    """A previous roster is matched onto the model's shift candidates by time *and* type: matched
    on times alone, A's N shifts became E shifts A may not work, the warm start was infeasible and
    the solve fell back to a fresh greedy roster (instance 8: 254 of 464 shifts mismatched)."""
    from kcroster.solver import SolveOptions, solve
    from kcroster.solver.builder import ModelBuilder
    from kcroster.solver.strategies.first import warm_picks as _warm_picks

    path = tmp_path / "same.txt"
    path.write_text(SAME_TIMES, newline="")
    project = curtois_project(read_curtois(path))
    options = SolveOptions(time_limit_s=5.0, workers=1, seed=1, weights=research_weights())
    first = solve(project, None, options=options)
    assert first.objective == 0  # A covers the four N days, B the two E days (by hand)
    types = {(s.agent_id, s.day): s.shift_type for s in first.roster.shifts}
    assert {t for (a, _), t in types.items() if a == "A"} == {"N"}

    b = ModelBuilder(project, None, options, mode=ModelBuilder.STRICT)
    b.build()
    picks = _warm_picks(b, first.roster)
    assert len(picks) == len(types)
    for (ai, d), ci in picks.items():
        assert b.cands[ai][d][ci].shift_type == types[(b.agents[ai].id, b.hz.dates[d])]

    again = solve(project, None, options=SolveOptions(time_limit_s=5.0, workers=1, seed=1,
                                                      weights=research_weights(), warm_start=first.roster))
    assert "greedy_s" not in again.stats  # the previous roster was the start, not a fresh greedy one
    assert again.objective == 0
    assert {(s.agent_id, s.day): s.shift_type for s in again.roster.shifts} == types
