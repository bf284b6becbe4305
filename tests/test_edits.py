"""Domain edits: each applies, undoes to the exact previous state, and redoes."""

from __future__ import annotations

import copy
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from kcroster.edits import (
    AddShift,
    DeleteShift,
    EditHistory,
    LockShift,
    MoveShift,
    ReplaceRoster,
    SetAgentField,
    SetQueueSetting,
    SetWish,
    SwapShifts,
    retime_segments,
)
from kcroster.model import BREAK, Agent, Horizon, Project, Queue, Roster, Segment, Shift, Wish, WishKind

TZ = ZoneInfo("Europe/Amsterdam")
D0 = date(2027, 5, 3)


def at(day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), tzinfo=TZ)


def shift(agent: str, day: date, h0: int, h1: int) -> Shift:
    mid = at(day, (h0 + h1) // 2)
    return Shift(agent, day, at(day, h0), at(day, h1), [
        Segment(at(day, h0), mid, "Telefonie"),
        Segment(mid, mid + timedelta(minutes=30), BREAK),
        Segment(mid + timedelta(minutes=30), at(day, h1), "Telefonie"),
    ])


@pytest.fixture
def project() -> Project:
    p = Project("t", Horizon(D0, 7), queues=[Queue("Telefonie")],
                agents=[Agent("a1", "Anna"), Agent("a2", "Bram")])
    p.scenario.roster = Roster([shift("a1", D0, 8, 16), shift("a2", D0, 12, 20)])
    return p


def snapshot(p: Project):
    return copy.deepcopy((p.scenario.roster, p.agents, p.queues, p.wishes))


@pytest.mark.parametrize("make", [
    lambda: MoveShift("a1", D0, at(D0, 9), at(D0, 17)),
    lambda: MoveShift("a1", D0, at(D0, 8), at(D0, 18)),
    lambda: MoveShift("a1", D0, at(D0 + timedelta(days=1), 8), at(D0 + timedelta(days=1), 16), "a2"),
    lambda: DeleteShift("a2", D0),
    lambda: AddShift(shift("a2", D0 + timedelta(days=2), 10, 18)),
    lambda: SwapShifts("a1", "a2", D0),
    lambda: LockShift("a1", D0),
    lambda: ReplaceRoster(Roster([shift("a1", D0, 10, 14)])),
    lambda: SetAgentField("a1", "contract_hours", 24.0),
    lambda: SetQueueSetting("Telefonie", "sl_percent", 90.0),
    lambda: SetWish("a1", D0, Wish("a1", D0, WishKind.OFF, weight=2)),
])
def test_apply_undo_redo_round_trip(project: Project, make) -> None:
    hist = EditHistory(project)
    before = snapshot(project)
    hist.apply(make())
    after = snapshot(project)
    assert after != before
    hist.undo()
    assert snapshot(project) == before
    hist.redo()
    assert snapshot(project) == after


def test_move_keeps_segment_offsets(project: Project) -> None:
    EditHistory(project).apply(MoveShift("a1", D0, at(D0, 9), at(D0, 17)))
    s = project.scenario.roster.shift_on("a1", D0)
    assert [(g.start.hour, g.end.hour, g.activity) for g in s.segments][1] == (13, 13, BREAK)
    assert s.segments[0].start == at(D0, 9) and s.segments[-1].end == at(D0, 17)


def test_resize_stretches_work_and_keeps_partition(project: Project) -> None:
    old = project.scenario.roster.shift_on("a1", D0)
    segs = retime_segments(old, at(D0, 7), at(D0, 17))
    assert segs[0].start == at(D0, 7) and segs[-1].end == at(D0, 17)
    assert all(a.end == b.start for a, b in zip(segs, segs[1:], strict=False))
    assert segs[0].activity != BREAK and segs[-1].activity != BREAK


def test_locked_shift_refuses_move(project: Project) -> None:
    hist = EditHistory(project)
    hist.apply(LockShift("a1", D0))
    with pytest.raises(ValueError, match="vastgezet"):
        hist.apply(MoveShift("a1", D0, at(D0, 9), at(D0, 17)))
    assert hist.undo_label == "dienst vastzetten"


def test_new_edit_clears_redo_and_listeners_hear_changes(project: Project) -> None:
    hist = EditHistory(project)
    heard = []
    hist.subscribe(heard.append)
    hist.apply(DeleteShift("a2", D0))
    hist.undo()
    assert hist.can_redo
    hist.apply(LockShift("a1", D0))
    assert not hist.can_redo
    assert [c.kind for c in heard] == ["roster", "roster", "roster"]
    assert heard[0].agent_ids == {"a2"} and heard[0].days == {D0}
