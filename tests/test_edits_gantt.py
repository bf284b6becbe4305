"""The edits behind the Gantt's context menu: another activity for part of a shift (a queue, a
break) and a shift copied to other days — partition kept, refusals leave the roster as it was."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from kcroster import pipeline
from kcroster.edits import CopyShift, EditHistory, SetActivity
from kcroster.model import BREAK, Roster, Segment, Shift

TZ = ZoneInfo("Europe/Amsterdam")


def _at(d: date, h: int, m: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day, h, m, tzinfo=TZ)


@pytest.fixture
def history():
    """The demo project with one 09:00–17:00 shift on Saturday 30 October 2027, the day before
    the clocks go back: Telefonie, a break 12:00–12:30, Chat."""
    project = pipeline.open_project(pipeline.SAMPLES / "demo.kcroster", read_only=True)
    d = date(2027, 10, 30)
    segs = [Segment(_at(d, 9), _at(d, 12), "Telefonie"), Segment(_at(d, 12), _at(d, 12, 30), BREAK),
            Segment(_at(d, 12, 30), _at(d, 17), "Chat")]
    project.scenario.roster = Roster(shifts=[Shift("M001", d, segs[0].start, segs[-1].end, segs)])
    return EditHistory(project)


def _only(history) -> Shift:
    return history.project.scenario.roster.shifts[0]


def _partitions(shift: Shift) -> bool:
    s = shift.segments
    return (s[0].start == shift.start and s[-1].end == shift.end
            and all(a.end == b.start for a, b in zip(s, s[1:], strict=False)))


def test_set_activity_changes_a_block_and_places_a_break_inside_the_shift(history) -> None:
    d = date(2027, 10, 30)
    history.apply(SetActivity("M001", d, _at(d, 9), _at(d, 12), "E-mail"))
    assert [g.activity for g in _only(history).segments] == ["E-mail", BREAK, "Chat"]
    history.apply(SetActivity("M001", d, _at(d, 15), _at(d, 15, 15), BREAK))
    s = _only(history)
    assert [(g.start, g.activity) for g in s.segments][-3:] == [
        (_at(d, 12, 30), "Chat"), (_at(d, 15), BREAK), (_at(d, 15, 15), "Chat")]
    assert _partitions(s) and (s.start, s.end) == (_at(d, 9), _at(d, 17))
    # a block given the activity of its neighbour merges with it
    history.apply(SetActivity("M001", d, _at(d, 15), _at(d, 15, 15), "Chat"))
    assert [g.activity for g in _only(history).segments] == ["E-mail", BREAK, "Chat"]
    history.undo()
    history.undo()
    history.undo()
    assert [g.activity for g in _only(history).segments] == ["Telefonie", BREAK, "Chat"]


def test_set_activity_refusals_leave_the_shift_as_it_was(history) -> None:
    d = date(2027, 10, 30)
    before = list(_only(history).segments)
    with pytest.raises(ValueError, match="begint en eindigt met werk"):
        history.apply(SetActivity("M001", d, _at(d, 9), _at(d, 9, 15), BREAK))
    with pytest.raises(ValueError, match="buiten de dienst"):
        history.apply(SetActivity("M001", d, _at(d, 18), _at(d, 19), "Chat"))
    _only(history).locked = True
    with pytest.raises(ValueError, match="vastgezet"):
        history.apply(SetActivity("M001", d, _at(d, 10), _at(d, 11), "Chat"))
    assert _only(history).segments == before and not history.can_undo


def test_copy_keeps_local_times_across_the_clock_change_and_undoes_as_one(history) -> None:
    d = date(2027, 10, 30)
    to = [date(2027, 11, 1), date(2027, 11, 2)]  # after the clocks went back on 31 October
    history.apply(CopyShift("M001", d, to))
    roster = history.project.scenario.roster
    for day in to:
        copy = roster.shift_on("M001", day)
        assert (copy.start.astimezone(TZ).hour, copy.end.astimezone(TZ).hour) == (9, 17)
        assert copy.end.timestamp() - copy.start.timestamp() == 8 * 3600 and _partitions(copy) and not copy.locked
        assert [g.activity for g in copy.segments] == ["Telefonie", BREAK, "Chat"]
    history.undo()
    assert [s.day for s in roster.shifts] == [d]


def test_copy_onto_a_day_with_a_shift_is_refused_whole(history) -> None:
    d = date(2027, 10, 30)
    history.apply(CopyShift("M001", d, [date(2027, 11, 2)]))
    with pytest.raises(ValueError, match="al een dienst"):
        history.apply(CopyShift("M001", d, [date(2027, 11, 1), date(2027, 11, 2)]))
    assert sorted(s.day for s in history.project.scenario.roster.shifts) == [d, date(2027, 11, 2)]
    with pytest.raises(ValueError, match="andere dag"):
        CopyShift("M001", d, [d])
