"""Editing the roster in the Gantt without the mouse, and what it tells the planner: arrow keys
move the selected shift by one interval or an hour (one undoable edit per press), Up/Down walk
the agents, Delete removes; a locked shift says why it does not move."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from kcroster.edits import LockShift
from kcroster.model import BREAK

LOCKED_TEXT = "Vastgezette dienst: ontgrendel hem eerst (L of dubbelklik)"


def _select_first_shift(gantt):
    """Select (as a click would) the first agent's first shift; returns that shift."""
    shift = next(s for s in gantt.data.shifts if s.agent_id == gantt.data.agent_ids[0])
    gantt.selected = (shift.agent_id, shift.day)
    gantt.setFocus()
    return shift


def _shift(win, agent_id, day):
    return win.doc.project.scenario.roster.shift_on(agent_id, day)


def test_arrow_keys_move_the_selected_shift_by_an_interval_and_an_hour(roster_window) -> None:
    win, screen = roster_window
    g = screen.gantt
    shift = _select_first_shift(g)
    start0, end0 = shift.start, shift.end
    interval = win.doc.project.horizon.interval_minutes
    assert interval == 15

    QTest.keyClick(g, Qt.Key.Key_Right)
    moved = _shift(win, shift.agent_id, shift.day)
    assert moved.start - start0 == timedelta(minutes=interval) and moved.end - end0 == timedelta(minutes=interval)
    QTest.keyClick(g, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert _shift(win, shift.agent_id, shift.day).start - start0 == timedelta(minutes=interval + 60)
    QTest.keyClick(g, Qt.Key.Key_Left)
    assert _shift(win, shift.agent_id, shift.day).start - start0 == timedelta(minutes=60)
    assert g.selected == (shift.agent_id, shift.day)  # still selected for the next press

    # one edit per press: three undos bring the original times back, step by step
    win.doc.undo()
    assert _shift(win, shift.agent_id, shift.day).start - start0 == timedelta(minutes=interval + 60)
    win.doc.undo()
    win.doc.undo()
    back = _shift(win, shift.agent_id, shift.day)
    assert (back.start, back.end) == (start0, end0)


def test_up_down_select_the_next_agent_and_delete_removes_with_undo(roster_window) -> None:
    win, screen = roster_window
    g = screen.gantt
    shift = _select_first_shift(g)
    QTest.keyClick(g, Qt.Key.Key_Down)
    assert g.selected == (g.data.agent_ids[1], shift.day)
    QTest.keyClick(g, Qt.Key.Key_Up)
    assert g.selected == (shift.agent_id, shift.day)

    QTest.keyClick(g, Qt.Key.Key_Delete)
    assert _shift(win, shift.agent_id, shift.day) is None
    win.doc.undo()
    assert _shift(win, shift.agent_id, shift.day).start == shift.start


def test_a_locked_shift_does_not_move_and_says_why(roster_window) -> None:
    win, screen = roster_window
    g = screen.gantt
    g.set_zoom("day")
    shift = _select_first_shift(g)
    QTest.keyClick(g, Qt.Key.Key_L)
    assert _shift(win, shift.agent_id, shift.day).locked
    win.statusBar().clearMessage()

    QTest.keyClick(g, Qt.Key.Key_Right)
    assert _shift(win, shift.agent_id, shift.day).start == shift.start
    assert win.statusBar().currentMessage() == LOCKED_TEXT
    win.statusBar().clearMessage()
    QTest.keyClick(g, Qt.Key.Key_Delete)
    assert _shift(win, shift.agent_id, shift.day) is not None
    assert win.statusBar().currentMessage() == LOCKED_TEXT

    # dragging it with the mouse: nothing moves, the same reason is shown
    win.statusBar().clearMessage()
    g.scroll_to_day(win.doc.project.horizon.day_index(shift.day))
    d = g.data
    k = next(i for i, s in enumerate(d.shifts) if (s.agent_id, s.day) == (shift.agent_id, shift.day))
    start = QPoint(int(g._x((d.shift_t0[k] + d.shift_t1[k]) / 2)), g._row_y(int(d.shift_row[k])) + g.ROW_H // 2)
    end = QPoint(start.x() + 120, start.y())
    vp = g.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, end)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert _shift(win, shift.agent_id, shift.day).start == shift.start
    assert win.statusBar().currentMessage() == LOCKED_TEXT


def test_day_zoom_writes_start_and_end_on_the_bars(roster_window) -> None:
    win, screen = roster_window
    g = screen.gantt
    tz = win.doc.project.horizon.tz
    g.set_zoom("week")
    assert g.bar_labels() == []  # a week across the screen: no room, the tooltip tells
    g.set_zoom("day")
    g.scroll_to_day(0)
    labels = g.bar_labels()
    assert len(labels) >= 5
    for k, rect, text, _code in labels:
        s = g.data.shifts[k]
        assert text == f"{s.start.astimezone(tz):%H:%M}–{s.end.astimezone(tz):%H:%M}"
        assert g.fontMetrics().horizontalAdvance(text) < rect.width()
        # inside one work block of that shift, never over its break
        x0, x1 = g._minute_at(rect.left()), g._minute_at(rect.right())
        block = next(seg for seg in s.segments
                     if abs((seg.start - s.start).total_seconds() / 60 + g.data.shift_t0[k] - x0) < 0.5)
        assert block.activity != BREAK and abs((block.end - block.start).total_seconds() / 60 - (x1 - x0)) < 0.5

    # the paint draws them: the same view without the labels is a different picture
    with_times = g.viewport().grab().toImage()
    g.bar_labels = lambda: []
    without = g.viewport().grab().toImage()
    assert with_times != without


def test_search_and_team_or_skill_filter_hide_the_other_rows(roster_window, qtbot) -> None:
    win, screen = roster_window
    g = screen.gantt
    agents = win.doc.project.agents
    assert g.data.agent_ids == [a.id for a in agents]
    target = agents[7]
    word = target.name.split()[-1][:4].upper()  # part of the surname, other case
    expected = [a.id for a in agents if word.casefold() in a.name.casefold()]
    assert target.id in expected and len(expected) < len(agents)

    screen.search.setText(word)
    assert g.data.agent_ids == expected
    assert all(s.agent_id in expected for s in g.data.shifts)
    assert screen.shown_label.text() == f"{len(expected)} van {len(agents)} medewerkers"

    screen.search.clear()
    team = target.team
    screen.group_box.setCurrentIndex(screen.group_box.findText(f"Team: {team}"))
    screen.group_box.activated.emit(screen.group_box.currentIndex())
    in_team = [a.id for a in agents if a.team == team]
    assert g.data.agent_ids == in_team and 0 < len(in_team) < len(agents)
    # a roster edit redraws the Gantt: the filter stays
    shift = next(s for s in win.doc.project.scenario.roster.shifts if s.agent_id == in_team[0])
    win.doc.apply(LockShift(shift.agent_id, shift.day, True))
    redrawn = [k for k, s in enumerate(g.data.shifts) if (s.agent_id, s.day) == (shift.agent_id, shift.day)]
    assert g.data.shift_locked[redrawn[0]] and g.data.agent_ids == in_team

    skill = "Chat"
    screen.group_box.setCurrentIndex(screen.group_box.findText(f"Vaardigheid: {skill}"))
    screen.group_box.activated.emit(screen.group_box.currentIndex())
    assert g.data.agent_ids == [a.id for a in agents if skill in a.skills]
    screen.group_box.setCurrentIndex(0)
    screen.group_box.activated.emit(0)
    assert g.data.agent_ids == [a.id for a in agents]


def _action(menu, text):
    """The action called ``text`` in ``menu`` or one of its submenus (its QMenu children: an
    action reached through ``QAction.menu()`` does not outlive that temporary wrapper)."""
    for m in [menu, *menu.findChildren(QMenu)]:
        for a in m.actions():
            if a.text() == text:
                return a
    return None


def _multi_skilled_shift(win):
    """A shift whose first work block is on one queue of an agent skilled for at least two."""
    p = win.doc.project
    names = {q.name for q in p.queues}
    for s in p.scenario.roster.shifts:
        agent = next(a for a in p.agents if a.id == s.agent_id)
        if len(set(agent.skills) & names) >= 2 and s.segments[0].activity in names:
            return s, [q for q in agent.skills if q in names and q != s.segments[0].activity]
    raise AssertionError("the demo has multi-skilled agents")


def test_context_menu_changes_the_queue_of_a_block_and_places_a_break(roster_window) -> None:
    win, screen = roster_window
    shift, others = _multi_skilled_shift(win)
    block = shift.segments[0]
    at = block.start + (block.end - block.start) / 2
    menu = screen.context_menu(shift.agent_id, shift.day, at)
    _action(menu, others[0]).trigger()
    changed = _shift(win, shift.agent_id, shift.day)
    assert (changed.segments[0].start, changed.segments[0].end, changed.segments[0].activity) == (
        block.start, block.end, others[0])
    assert changed.segments[1:] == shift.segments[1:] and (changed.start, changed.end) == (shift.start, shift.end)
    win.doc.undo()
    assert _shift(win, shift.agent_id, shift.day).segments == shift.segments

    at = block.start + timedelta(minutes=67)  # snaps to the 60-minute interval start
    menu = screen.context_menu(shift.agent_id, shift.day, at)
    b0 = block.start + timedelta(minutes=60)
    _action(menu, f"Pauze hier ({b0:%H:%M}, 15 min)").trigger()
    breaks = [(g.start, g.end) for g in _shift(win, shift.agent_id, shift.day).segments if g.activity == BREAK]
    assert (b0, b0 + timedelta(minutes=15)) in breaks
    win.doc.undo()
    assert _shift(win, shift.agent_id, shift.day).segments == shift.segments


def test_context_menu_copies_a_shift_to_the_free_days_of_its_week(roster_window) -> None:
    win, screen = roster_window
    p = win.doc.project
    roster = p.scenario.roster
    shift = next(s for s in roster.shifts
                 if sum(1 for d in p.horizon.dates if d.isocalendar()[:2] == s.day.isocalendar()[:2]
                        and roster.shift_on(s.agent_id, d) is None) >= 2)
    free = [d for d in p.horizon.dates if d.isocalendar()[:2] == shift.day.isocalendar()[:2]
            and roster.shift_on(shift.agent_id, d) is None]
    n_before = len(roster.shifts)
    menu = screen.context_menu(shift.agent_id, shift.day, shift.start)
    _action(menu, "Alle vrije dagen van deze week").trigger()
    tz = p.horizon.tz
    for d in free:
        copy = _shift(win, shift.agent_id, d)
        assert copy is not None and not copy.locked
        assert copy.start.astimezone(tz).time() == shift.start.astimezone(tz).time()
        assert [(g.end - g.start, g.activity) for g in copy.segments] == [
            (g.end - g.start, g.activity) for g in shift.segments
        ]
    assert len(win.doc.project.scenario.roster.shifts) == n_before + len(free)
    win.doc.undo()  # one edit for the whole copy
    assert all(_shift(win, shift.agent_id, d) is None for d in free)


def test_a_locked_shift_offers_no_change_in_its_menu(roster_window) -> None:
    win, screen = roster_window
    shift, others = _multi_skilled_shift(win)
    win.doc.apply(LockShift(shift.agent_id, shift.day, True))
    menu = screen.context_menu(shift.agent_id, shift.day, shift.segments[0].start)
    assert _action(menu, "Losmaken").isEnabled()
    for text in ("Wachtrij van dit blok", "Dienst verwijderen"):
        assert not _action(menu, text).isEnabled()
    assert not next(a for a in menu.actions() if a.text().startswith("Pauze hier")).isEnabled()
