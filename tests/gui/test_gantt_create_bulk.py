"""Gantt editing, the rest of issue 24 item 10: a shift drawn on an empty day or chosen from
the empty day's menu (one the checker accepts), leave, reintegration days and public holidays
drawn behind the rows with a neutral word, and several shifts selected and edited at once —
each bulk action one undo step that restores the roster exactly."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from kcroster import pipeline
from kcroster.edits import DeleteShift
from kcroster.gui import i18n
from kcroster.model import BREAK
from kcroster.rules.catalogue import Severity

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def _roster(win):
    return win.doc.project.scenario.roster


def _errors(win) -> Counter:
    """The roster's checker errors by rule, agent and moment."""
    return Counter((v.rule_id, v.agent_id, v.when) for v in pipeline.check_roster(win.doc.project, _roster(win))
                   if v.severity == Severity.ERROR)


def _at(win, day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), tzinfo=win.doc.project.horizon.tz)


def _point(g, minute: float, row: int) -> QPoint:
    return QPoint(int(round(g._x(minute))), g._row_y(row) + g.ROW_H // 2)


def _minute(win, moment: datetime) -> float:
    return (moment.timestamp() - float(win.doc.project.horizon.starts_utc[0])) / 60


def _bar(g, key) -> QPoint:
    """The middle of the shift's bar on screen."""
    k = g.data.index[key]
    return _point(g, (g.data.shift_t0[k] + g.data.shift_t1[k]) / 2, int(g.data.shift_row[k]))


def _action(menu, text):
    for m in [menu, *menu.findChildren(QMenu)]:
        for a in m.actions():
            if a.text() == text:
                return a
    return None


def _free_first_day(win) -> tuple[str, date]:
    """Delete the first agent's first shift (a Monday, queues open 08:00–20:00)."""
    s = next(s for s in _roster(win).shifts if s.agent_id == win.doc.project.agents[0].id)
    win.doc.apply(DeleteShift(s.agent_id, s.day))
    return s.agent_id, s.day


def test_dragging_over_an_empty_day_creates_a_shift_the_checker_accepts(roster_window) -> None:
    win, screen = roster_window
    g = screen.gantt
    aid, day = _free_first_day(win)
    before, shifts_before = _errors(win), copy.deepcopy(_roster(win).shifts)
    g.set_zoom("day")
    g.scroll_to_day(win.doc.project.horizon.day_index(day))
    row = g.data.agent_ids.index(aid)
    a, b = _point(g, _minute(win, _at(win, day, 9)), row), _point(g, _minute(win, _at(win, day, 17)), row)
    vp = g.viewport()
    QTest.mousePress(vp, LEFT, NONE, a)
    QTest.mouseMove(vp, QPoint((a.x() + b.x()) // 2, a.y()))
    QTest.mouseMove(vp, b)
    QTest.mouseRelease(vp, LEFT, NONE, b)
    made = _roster(win).shift_on(aid, day)
    assert made is not None and (made.start, made.end) == (_at(win, day, 9), _at(win, day, 17))
    assert sum((s.end - s.start for s in made.segments if s.activity == BREAK), timedelta()) == timedelta(minutes=30)
    assert not _errors(win) - before
    assert g.selected == (aid, day) and win.doc.history.undo_label == "dienst maken"
    assert (aid, day) in g.data.index  # the Gantt redrew with it (the live rule check ran with it)
    win.doc.undo()
    assert _roster(win).shifts == shifts_before


def test_the_empty_days_menu_lists_the_allowed_shifts_and_creates_one(roster_window) -> None:
    win, screen = roster_window
    aid, day = _free_first_day(win)
    before = _errors(win)
    menu = screen.empty_day_menu(aid, day)
    texts = [a.text() for a in menu.actions()]
    assert "Vroeg 08:00–16:30" in texts and "Laat 11:30–20:00" in texts
    assert _action(menu, "13:00–17:00") is not None  # a four-hour template shift, in its length's submenu
    _action(menu, "Laat 11:30–20:00").trigger()
    made = _roster(win).shift_on(aid, day)
    assert made.shift_type == "Laat" and (made.start, made.end) == (_at(win, day, 11, 30), _at(win, day, 20))
    assert not _errors(win) - before
    # a day the agent may not work says which rules rule the shifts out
    full = next(d for d in win.doc.project.horizon.dates if d.weekday() == 5 and _roster(win).shift_on(aid, d) is None
                and sum(1 for s in _roster(win).shifts if s.agent_id == aid and 0 < (d - s.day).days <= 5) == 5)
    lines = [a.text() for a in screen.empty_day_menu(aid, full).actions()]
    assert any(t.startswith("Geen toegestane dienst:") and "Werkdagen per week" in t for t in lines)


def test_a_right_click_on_an_empty_day_opens_that_days_menu(roster_window, monkeypatch) -> None:
    win, screen = roster_window
    g = screen.gantt
    aid, day = _free_first_day(win)
    g.set_zoom("day")
    g.scroll_to_day(win.doc.project.horizon.day_index(day))
    asked = []
    monkeypatch.setattr(screen, "empty_day_menu", lambda a, d: asked.append((a, d)) or QMenu())
    monkeypatch.setattr(QMenu, "exec", lambda self, *args: None)
    QTest.mouseClick(g.viewport(), Qt.MouseButton.RightButton, NONE,
                     _point(g, _minute(win, _at(win, day, 10)), g.data.agent_ids.index(aid)))
    assert asked == [(aid, day)]


def test_leave_reintegration_days_and_holidays_are_drawn_with_a_neutral_word(roster_window) -> None:
    win, screen = roster_window
    g = screen.gantt
    p = win.doc.project
    g.set_zoom("week")
    g.scroll_to_day(p.horizon.day_index(date(2027, 4, 26)))  # Mon 26 April: Koningsdag is Tuesday
    items = g.block_items()
    rows = {aid: g.data.agent_ids.index(aid) for aid in ("M006", "M007")}
    # M006's plan allows Mon/Wed/Fri: Tuesday 27 and Thursday 29 April read "Re-integratie"
    reint = [r for row, r, kind, word in items if row == rows["M006"] and kind == "reintegration"]
    assert reint and all(word == "Re-integratie" for row, _r, kind, word in items if kind == "reintegration")
    tue = p.horizon.day_index(date(2027, 4, 27))
    assert any(abs(r.left() - g._x(g._day_minutes(tue)[0])) < 1 for r in reint)
    # M007's appointment 26 April 13:00–17:00 is leave, drawn over exactly those hours
    leave = [r for row, r, kind, word in items if row == rows["M007"] and kind == "leave"]
    assert len(leave) == 1
    assert abs(leave[0].left() - g._x(_minute(win, _at(win, date(2027, 4, 26), 13)))) < 1
    assert abs(leave[0].width() - 4 * 60 * g.px_per_min) < 1
    assert [w for row, _r, kind, w in items if row == rows["M007"]] == ["Verlof"]
    # Koningsdag: one band over every row, named in the header and the tooltip
    bands = [r for row, r, kind, _w in items if kind == "holiday"]
    assert len(bands) == 1 and abs(bands[0].left() - g._x(g._day_minutes(tue)[0])) < 1
    assert g.block_at(_point(g, g._day_minutes(tue)[0] + 600, 0))[2] == "Feestdag: Koningsdag"
    # a reintegration block never names a reason; leave with its own label shows that label
    tip = g.block_at(_point(g, _minute(win, _at(win, date(2027, 4, 26), 14)), rows["M007"]))[2]
    assert "Verlof (afspraak)" in tip
    # in the English UI the same blocks read in English
    i18n.install_language("en")
    try:
        assert {(kind, word) for _row, _r, kind, word in g.block_items()} == {
            ("reintegration", "Reintegration"), ("leave", "Leave"), ("holiday", "Public holiday")}
    finally:
        i18n.install_language("nl")
    # the paint draws them: without the blocks the picture differs
    with_blocks = g.viewport().grab().toImage()
    g.block_items = lambda: []
    assert g.viewport().grab().toImage() != with_blocks


def test_ctrl_click_selects_several_and_each_bulk_key_is_one_undo_step(roster_window) -> None:
    win, screen = roster_window
    g = screen.gantt
    p = win.doc.project
    day = p.horizon.dates[0]
    g.set_zoom("day")
    g.scroll_to_day(0)
    keys = [k for k in sorted(g.data.index) if k[1] == day][:3]
    vp = g.viewport()
    QTest.mouseClick(vp, LEFT, NONE, _bar(g, keys[0]))
    for key in keys[1:]:
        QTest.mouseClick(vp, LEFT, CTRL, _bar(g, key))
    assert g.selection == set(keys) and len(g.selected_indices()) == 3
    before = copy.deepcopy(_roster(win).shifts)

    QTest.keyClick(g, Qt.Key.Key_Right)
    moved = [_roster(win).shift_on(*k) for k in keys]
    assert [s.start for s in moved] == [
        next(b for b in before if (b.agent_id, b.day) == k).start + timedelta(minutes=15) for k in keys
    ]
    assert win.doc.history.undo_label == "3 diensten verschuiven"
    win.doc.undo()
    assert _roster(win).shifts == before

    QTest.keyClick(g, Qt.Key.Key_L)
    assert all(_roster(win).shift_on(*k).locked for k in keys)
    win.doc.undo()
    assert _roster(win).shifts == before

    QTest.keyClick(g, Qt.Key.Key_Delete)
    assert all(_roster(win).shift_on(*k) is None for k in keys)
    win.doc.undo()
    assert _roster(win).shifts == before and not win.doc.history.can_undo

    # Ctrl+click on a selected shift takes it out again
    QTest.mouseClick(vp, LEFT, CTRL, _bar(g, keys[1]))
    assert g.selection == {keys[0], keys[2]}


def test_shift_click_and_the_rubber_band_select_a_block_and_the_menu_acts_on_all(roster_window) -> None:
    win, screen = roster_window
    g = screen.gantt
    p = win.doc.project
    g.set_zoom("week")
    g.scroll_to_day(0)
    d0, d1 = p.horizon.dates[0], p.horizon.dates[1]
    ids = g.data.agent_ids[:4]
    first = next(k for k in sorted(g.data.index, key=lambda k: (g.data.agent_ids.index(k[0]), k[1])) if k[0] == ids[0])
    last = max((k for k in g.data.index if k[0] == ids[3] and k[1] <= d1), key=lambda k: k[1])
    vp = g.viewport()
    QTest.mouseClick(vp, LEFT, NONE, _bar(g, first))
    QTest.mouseClick(vp, LEFT, Qt.KeyboardModifier.ShiftModifier, _bar(g, last))
    expected = {k for k in g.data.index if k[0] in ids and first[1] <= k[1] <= last[1]}
    assert g.selection == expected and len(expected) >= 4

    # a Ctrl+drag band from empty space before the first day's shifts over four rows of Monday
    band_a = _point(g, _minute(win, _at(win, d0, 1)), 0)
    band_b = _point(g, _minute(win, _at(win, d0, 23)), 3)
    QTest.mouseClick(vp, LEFT, NONE, band_a)  # a click on empty space clears the selection
    assert g.selection == set()
    QTest.mousePress(vp, LEFT, CTRL, band_a)
    QTest.mouseMove(vp, band_b)
    QTest.mouseRelease(vp, LEFT, CTRL, band_b)
    monday = {k for k in g.data.index if k[0] in ids and k[1] == d0}
    assert g.selection == monday and _roster(win).shifts  # nothing drawn or moved by the band

    before = copy.deepcopy(_roster(win).shifts)
    menu = screen.bulk_menu(g.selected_keys())
    assert menu.actions()[0].text() == f"{len(monday)} diensten gekozen"
    skilled = {k for k in monday if "Chat" in next(a for a in p.agents if a.id == k[0]).skills}
    assert skilled and skilled != monday  # the demo's first agents: two with Chat, two without
    _action(menu, "Chat").trigger()
    for k in monday:
        acts = {x.activity for x in _roster(win).shift_on(*k).segments} - {BREAK}
        was = {x.activity for x in next(b for b in before if (b.agent_id, b.day) == k).segments} - {BREAK}
        assert acts == ({"Chat"} if k in skilled else was)
    assert win.doc.history.undo_label == "wachtrij wijzigen"
    n = len(monday - skilled)
    assert win.statusBar().currentMessage() == f"{n} diensten overgeslagen: medewerkers zonder vaardigheid Chat"
    win.doc.undo()
    assert _roster(win).shifts == before
    _action(screen.bulk_menu(g.selected_keys()), "1 uur later").trigger()
    assert all(_roster(win).shift_on(*k).start == next(b for b in before if (b.agent_id, b.day) == k).start
               + timedelta(hours=1) for k in monday)
    win.doc.undo()
    assert _roster(win).shifts == before
