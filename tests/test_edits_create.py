"""Creating shifts, bulk edits and adding/removing agents as domain edits: a drawn shift gets
the breaks and queues the rules need, the day's allowed shifts are ones the checker accepts, a
bulk edit is one undo step (all or nothing), removing an agent takes everything of theirs and
undo puts it back exactly."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest

from kcroster import pipeline
from kcroster.edits import (
    AddAgent,
    Bulk,
    CreateShift,
    DeleteShift,
    EditHistory,
    LockShift,
    MoveShift,
    RemoveAgent,
    allowed_shifts,
    new_shift,
)
from kcroster.model import BREAK, Agent, Leave, Wish, WishKind
from kcroster.rules.catalogue import Severity
from kcroster.rules.checker import check


@pytest.fixture
def history():
    return EditHistory(pipeline.open_project(pipeline.SAMPLES / "demo.kcroster", read_only=True))


def _at(project, day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), tzinfo=project.horizon.tz)


def _errors(project) -> Counter:
    """The roster's checker errors by rule, agent and moment (what a new shift must not add to)."""
    return Counter((v.rule_id, v.agent_id, v.when) for v in check(project.scenario.roster, project)
                   if v.severity == Severity.ERROR)


def _free_day(history, agent_id: str = "M001") -> date:
    """Delete the agent's first shift (a weekday, queues open 08:00–20:00) and return its day."""
    first = next(s for s in history.project.scenario.roster.shifts if s.agent_id == agent_id)
    history.apply(DeleteShift(agent_id, first.day))
    return first.day


def test_a_drawn_shift_gets_the_legal_break_in_the_middle_and_the_agents_open_queue(history) -> None:
    p = history.project
    day = _free_day(history)
    assert p.agent("M001").skills == ("Telefonie", "Chat")
    s = new_shift(p, "M001", day, _at(p, day, 9, 7), _at(p, day, 17, 10))  # rounded to 15 minutes
    assert (s.start, s.end) == (_at(p, day, 9), _at(p, day, 17))
    breaks = [g for g in s.segments if g.activity == BREAK]
    # 8 hours > 5.5 hours: the Arbeidstijdenwet wants 30 minutes, never first or last
    assert sum((g.end - g.start for g in breaks), timedelta()) == timedelta(minutes=30)
    assert s.segments[0].activity != BREAK and s.segments[-1].activity != BREAK
    assert _at(p, day, 12) <= breaks[0].start <= _at(p, day, 14)
    assert {g.activity for g in s.segments} - {BREAK} == {"Telefonie"}  # open all day: no switching
    assert all(a.end == b.start for a, b in zip(s.segments, s.segments[1:], strict=False))
    # a short shift needs no break
    assert [g.activity for g in new_shift(p, "M001", day, _at(p, day, 9), _at(p, day, 13)).segments] == ["Telefonie"]


def test_a_shift_drawn_past_closing_time_stays_on_the_open_queue_until_it_closes(history) -> None:
    p = history.project
    sat = next(d for d in p.horizon.dates if d.weekday() == 5)  # queues open 09:00–17:00
    s = new_shift(p, "M001", sat, _at(p, sat, 9), _at(p, sat, 13))
    assert [g.activity for g in s.segments] == ["Telefonie"]
    late = new_shift(p, "M001", sat, _at(p, sat, 15), _at(p, sat, 19))
    assert [(g.end, g.activity) for g in late.segments][0] == (_at(p, sat, 17), "Telefonie")
    assert late.segments[-1].activity == "work"  # nothing of the agent is open: the checker says so


def test_every_allowed_shift_adds_no_checker_error_and_named_types_come_first(history) -> None:
    p = history.project
    day = _free_day(history)
    choices = allowed_shifts(p, "M001", day)
    assert choices.shifts and choices.candidates >= len(choices.shifts)
    types = [s.shift_type for s in choices.shifts if s.shift_type]
    assert types == ["Vroeg", "Zaterdag", "Midden", "Laat"]  # the catalogue's types, by start
    assert all(s.shift_type is not None for s in choices.shifts[:4])
    before = _errors(p)
    sample = choices.shifts[:4] + choices.shifts[4::25]
    for s in sample:
        history.apply(CreateShift("M001", day, s.start, s.end, s.shift_type))
        made = p.scenario.roster.shift_on("M001", day)
        assert ([(g.start, g.end, g.activity) for g in made.segments]
                == [(g.start, g.end, g.activity) for g in s.segments])
        assert not _errors(p) - before, (s.start, s.end)
        history.undo()
        assert p.scenario.roster.shift_on("M001", day) is None


def test_allowed_shifts_follow_the_availability_window_leave_and_a_full_week(history) -> None:
    p = history.project
    day = _free_day(history)
    p.agent("M001").earliest_start = time(10, 0)
    p.agent("M001").latest_end = time(16, 0)
    shifts = allowed_shifts(p, "M001", day).shifts
    assert shifts
    assert all(_at(p, day, 10) <= s.start and s.end <= _at(p, day, 16) for s in shifts)
    p.leave.append(Leave("M001", _at(p, day, 0), _at(p, day + timedelta(days=1), 0), "verlof"))
    assert allowed_shifts(p, "M001", day).shifts == []
    # the Saturday after five worked days of a five-day contract: nothing, and the reason is counted
    roster = p.scenario.roster
    aid, sat = next((a.id, d) for a in p.agents if a.max_days_per_week == 5 for d in p.horizon.dates
                    if d.weekday() == 5 and roster.shift_on(a.id, d) is None
                    and sum(1 for s in roster.shifts if s.agent_id == a.id and 0 < (d - s.day).days <= 5) == 5)
    full = allowed_shifts(p, aid, sat)
    assert full.shifts == [] and full.candidates > 0 and full.refused["contract_days_per_week"] > 0


def test_create_shift_is_undone_and_redone_exactly_and_refused_on_leave_or_a_taken_day(history) -> None:
    p = history.project
    day = _free_day(history)
    before = copy.deepcopy(p.scenario.roster.shifts)
    history.apply(CreateShift("M001", day, _at(p, day, 9), _at(p, day, 17)))
    made = copy.deepcopy(p.scenario.roster.shift_on("M001", day))
    assert history.undo_label == "dienst maken"
    history.undo()
    assert p.scenario.roster.shifts == before
    history.redo()
    assert p.scenario.roster.shift_on("M001", day) == made
    with pytest.raises(ValueError, match="al een dienst"):
        history.apply(CreateShift("M001", day, _at(p, day, 9), _at(p, day, 17)))
    other = day + timedelta(days=1)
    history.apply(DeleteShift("M001", other))
    p.leave.append(Leave("M001", _at(p, other, 13), _at(p, other, 17), "afspraak"))
    with pytest.raises(ValueError, match="afwezig"):
        history.apply(CreateShift("M001", other, _at(p, other, 9), _at(p, other, 14)))
    history.apply(CreateShift("M001", other, _at(p, other, 8), _at(p, other, 13)))  # before the appointment


def test_a_bulk_edit_is_one_undo_step_and_all_or_nothing(history) -> None:
    p = history.project
    day = p.horizon.dates[0]
    ids = [s.agent_id for s in p.scenario.roster.shifts if s.day == day][:3]
    before = copy.deepcopy(p.scenario.roster.shifts)
    history.apply(Bulk([LockShift(a, day) for a in ids], "diensten vastzetten"))
    assert all(p.scenario.roster.shift_on(a, day).locked for a in ids)
    history.undo()
    assert p.scenario.roster.shifts == before and not history.can_undo
    step = timedelta(minutes=15)
    moves = [MoveShift(a, day, p.scenario.roster.shift_on(a, day).start + step,
                       p.scenario.roster.shift_on(a, day).end + step)
             for a in ids]
    history.apply(Bulk(moves, "diensten verschuiven"))
    assert [p.scenario.roster.shift_on(a, day).start for a in ids] == [
        next(s for s in before if s.agent_id == a and s.day == day).start + step for a in ids]
    history.undo()
    assert p.scenario.roster.shifts == before
    # one locked shift refuses the delete: none of them goes
    history.apply(LockShift(ids[1], day))
    locked = copy.deepcopy(p.scenario.roster.shifts)
    with pytest.raises(ValueError, match="vastgezet"):
        history.apply(Bulk([DeleteShift(a, day) for a in ids], "diensten verwijderen"))
    assert p.scenario.roster.shifts == locked and history.undo_label == "dienst vastzetten"


def test_add_agent_checks_id_and_skills_and_undoes(history) -> None:
    p = history.project
    n = len(p.agents)
    history.apply(AddAgent(Agent("N001", "Nieuwe Collega", 24.0, skills=("Chat",))))
    assert p.agent("N001").contract_hours == 24.0 and len(p.agents) == n + 1
    with pytest.raises(ValueError, match="al een medewerker"):
        history.apply(AddAgent(Agent("N001", "Nog een", 24.0)))
    with pytest.raises(ValueError, match="onbekende wachtrij"):
        history.apply(AddAgent(Agent("N002", "Nog een", 24.0, skills=("Fax",))))
    with pytest.raises(ValueError, match="naam"):
        AddAgent(Agent("N003", "  "))
    history.undo()
    assert len(p.agents) == n and all(a.id != "N001" for a in p.agents)


def test_remove_agent_takes_their_shifts_in_every_scenario_wishes_and_leave_and_undo_restores(history) -> None:
    p = history.project
    aid = "M002"
    p.wishes.append(Wish(aid, p.horizon.dates[3], WishKind.OFF))
    p.scenarios.append(copy.deepcopy(p.scenario))
    snapshot = copy.deepcopy((p.agents, p.leave, p.wishes, p.reintegration, p.sick_periods,
                              [sc.roster.shifts for sc in p.scenarios]))
    assert any(s.agent_id == aid for s in p.scenarios[1].roster.shifts) and any(lv.agent_id == aid for lv in p.leave)
    changed = history.apply(RemoveAgent(aid))
    assert changed.kind == "agents" and changed.agent_ids == {aid}
    assert all(a.id != aid for a in p.agents)
    assert not any(s.agent_id == aid for sc in p.scenarios for s in sc.roster.shifts)
    assert not any(x.agent_id == aid for x in (*p.wishes, *p.leave))
    others = [s for s in snapshot[5][0] if s.agent_id != aid]
    assert p.scenarios[0].roster.shifts == others  # nobody else's shift changed
    history.undo()
    assert (p.agents, p.leave, p.wishes, p.reintegration, p.sick_periods,
            [sc.roster.shifts for sc in p.scenarios]) == snapshot
    history.redo()
    assert all(a.id != aid for a in p.agents)
