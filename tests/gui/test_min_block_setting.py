"""The minimum block per queue is the planner's setting on the Rooster screen: undoable, and the
rule check on screen follows it at once."""

from __future__ import annotations

from datetime import datetime, timedelta

from kcroster import pipeline
from kcroster.model import Roster, Segment, Shift


def _hopping_roster(project) -> Roster:
    """One shift of the first agent skilled for two queues: 45 minutes on the second queue
    between two stretches on the first."""
    names = [q.name for q in project.queues]
    agent = next(a for a in project.agents if len(set(a.skills) & set(names)) >= 2)
    first, second = [q for q in names if q in agent.skills][:2]
    day = project.horizon.dates[0]
    t0 = datetime.combine(day, datetime.min.time(), tzinfo=project.horizon.tz) + timedelta(hours=9)
    parts = [(0, 90, first), (90, 135, second), (135, 240, first)]
    segs = [Segment(t0 + timedelta(minutes=a), t0 + timedelta(minutes=z), q) for a, z, q in parts]
    return Roster(shifts=[Shift(agent.id, day, segs[0].start, segs[-1].end, segs)]), agent.id


def _block_findings(doc) -> int:
    return sum(1 for v in doc.violations() if v.rule_id == "queue_block_length")


def test_the_minimum_block_is_set_on_screen_undone_and_judged(real_window, qtbot) -> None:
    win = real_window()
    win.show()
    project = pipeline.load_demo_project()
    roster, _aid = _hopping_roster(project)
    project.scenario.roster = roster
    win.doc.set_project(project)
    win.show_screen("roster")
    screen = win.roster_screen
    qtbot.waitUntil(lambda: screen.min_block.value() == 60, timeout=5000)
    assert screen.min_block.value() == 60 == project.shift_rules.min_queue_block_minutes
    assert _block_findings(win.doc) == 1  # 45 minutes on a queue, the minimum is 60

    screen.min_block.setValue(30)
    screen.min_block.editingFinished.emit()
    assert win.doc.project.shift_rules.min_queue_block_minutes == 30
    assert _block_findings(win.doc) == 0 and win.doc.dirty

    win.doc.undo()
    assert win.doc.project.shift_rules.min_queue_block_minutes == 60
    qtbot.waitUntil(lambda: screen.min_block.value() == 60, timeout=5000)
    assert _block_findings(win.doc) == 1
