"""Each screen's main actions: import, edit with undo, solve with cancel, export."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest

from kcroster.model import WishKind


def _tester(model):
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


# -- Forecast ------------------------------------------------------------------------------------
def test_forecast_whatif_slider_is_an_undoable_edit(window, qtbot, fake):
    screen = window.screen_by_key("forecast")
    window.show_screen("forecast")
    sc = window.doc.project.scenario
    fake.calls.clear()
    screen.volume_slider.setValue(120)
    qtbot.waitUntil(lambda: abs(sc.volume_factor - 1.2) < 1e-9, timeout=3000)
    # the requirement follows the what-if: next read recomputes with 120 % volume
    req = window.doc.requirement()
    fc = window.doc.project.forecast
    hz = fc.horizon
    assert np.allclose(req.traffic, fc.volume * 1.2 * fc.aht / hz.interval_seconds)
    assert screen.volume_value.text() == "120 %"
    window.doc.undo()
    assert sc.volume_factor == 1.0
    assert screen.volume_slider.value() == 100  # the slider shows the undone state


def test_forecast_heatmap_is_days_by_time_of_day(window):
    from kcroster.gui.views.common import by_day_and_time

    window.show_screen("forecast")
    fc = window.doc.project.forecast
    matrix, minutes = by_day_and_time(fc.horizon, fc.volume[0])
    assert matrix.shape == (7, 96) and minutes[4] == 60
    # a day's row is that day's intervals in clock order
    assert np.allclose(matrix[2], fc.volume[0, fc.horizon.day_slice(2)])
    assert window.screen_by_key("forecast").heatmap._values.shape == (7, 96)


def test_heatmap_dst_days_follow_the_clock(app):
    from datetime import date

    from kcroster.gui.views.common import by_day_and_time
    from kcroster.model import Horizon

    hz = Horizon(date(2027, 3, 27), 2)  # Sunday 28 March 2027: 02:00 → 03:00
    matrix, _ = by_day_and_time(hz, np.ones(hz.n_intervals))
    assert np.isnan(matrix[1, 8:12]).all()  # 02:00–02:45 do not exist
    assert np.nansum(matrix[1]) == 92
    hz = Horizon(date(2027, 10, 31), 1)  # autumn: 02:00–02:59 happens twice
    matrix, _ = by_day_and_time(hz, np.ones(hz.n_intervals))
    assert matrix[0, 8] == 2 and np.nansum(matrix[0]) == 100


# -- Bezetting -----------------------------------------------------------------------------------
def test_staffing_queue_setting_edit_and_undo(window, qtbot):
    screen = window.screen_by_key("staffing")
    window.show_screen("staffing")
    p = window.doc.project
    q = p.queues[0]
    before = window.doc.requirement().scheduled.copy()
    screen.shrinkage.setValue(40)
    # the active scenario's own shrinkage (issue 24 item 9); the queue itself keeps its 30 %
    assert p.scenario.queue_settings(q).shrinkage == pytest.approx(0.40)
    assert q.shrinkage == pytest.approx(0.30)
    after = window.doc.requirement().scheduled
    assert after.sum() > before.sum()  # more shrinkage, more agents to schedule
    assert screen.fte_model.rowCount() == len(window.doc.project.queues) + 1  # + total row
    window.undo_action.trigger()
    assert p.scenario.queue_overrides == {}
    assert screen.shrinkage.value() == 30


def test_staffing_tables_pass_the_model_tester(window):
    screen = window.screen_by_key("staffing")
    window.show_screen("staffing")
    _tester(screen.interval_model)
    _tester(screen.fte_model)
    # only open intervals are listed; the first row is the first interval with volume
    first = screen.interval_model.headerData(0, Qt.Orientation.Vertical)
    assert first == "08:15"


# -- Medewerkers ---------------------------------------------------------------------------------
def test_agents_inline_edit_with_undo(window, qtbot):
    screen = window.screen_by_key("agents")
    window.show_screen("agents")
    _tester(screen.model)
    a = window.doc.project.agents[5]
    col = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(screen.model.columnCount())].index(
        "Contract (u/week)")
    idx = screen.model.index(5, col)
    assert screen.model.setData(idx, "32,5")  # Dutch decimal comma
    assert a.contract_hours == 32.5
    assert idx.data() == "32,5"
    assert not screen.model.setData(idx, "veel")  # refused, no change, no traceback
    assert a.contract_hours == 32.5
    window.doc.undo()
    assert a.contract_hours == 24.0
    assert screen.model.index(5, col).data() == "24,0"


def test_agents_reintegration_panel_shows_poortwachter_alerts(window):
    from datetime import date

    screen = window.screen_by_key("agents")
    window.show_screen("agents")
    screen.today = date(2027, 4, 20)
    row = screen.proxy.mapFromSource(screen.model.index(3, 0)).row()
    screen.table.selectRow(row)
    screen._row_changed()
    assert screen.agent_title.text().startswith("Medewerker 003")
    assert screen.steps.rowCount() == 1 and screen.steps.item(0, 1).text() == "16,0"
    texts = [screen.alerts.item(i).text() for i in range(screen.alerts.count())]
    # sick since 2027-03-04 (fake: horizon start − 60 days): week 6 ends on sick day 42 = 14-04-2027
    # (6 days before "today"), week 8 on day 56 = 28-04-2027 (in 8 days)
    assert texts[0].startswith("⚠ Probleemanalyse") and "14-04-2027" in texts[0] and "6 dagen geleden" in texts[0]
    assert texts[1].startswith("⏰ Plan van aanpak") and "28-04-2027" in texts[1] and "over 8 dagen" in texts[1]
    assert screen.timeline.first_day == date(2027, 3, 4)


def test_agents_search_filters_rows(window):
    screen = window.screen_by_key("agents")
    window.show_screen("agents")
    screen.search.setText("E-mail")
    n = screen.proxy.rowCount()
    expected = sum("E-mail" in a.skills for a in window.doc.project.agents)
    assert n == expected


# -- Wensen --------------------------------------------------------------------------------------
def test_wishes_grid_edit_with_undo(window):
    screen = window.screen_by_key("wishes")
    window.show_screen("wishes")
    _tester(screen.model)
    p = window.doc.project
    idx = screen.model.index(10, 3)
    assert screen.model.setData(idx, "off")
    w = [x for x in p.wishes if x.agent_id == p.agents[10].id]
    assert len(w) == 1 and w[0].kind is WishKind.OFF and w[0].day == p.horizon.dates[3]
    assert idx.data() == "Vrij"
    window.doc.undo()
    assert not [x for x in p.wishes if x.agent_id == p.agents[10].id]
    assert screen.model.index(10, 3).data() == ""


def test_wishes_granted_colouring_uses_the_roster(window):
    screen = window.screen_by_key("wishes")
    window.show_screen("wishes")
    p = window.doc.project
    # A001 wished Monday off; the fake roster either gives a shift or not — the cell says which
    granted = p.scenario.roster.shift_on("A001", p.horizon.start) is None
    tip = screen.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Vrij · " + ("Gehonoreerd in het rooster" if granted else "Niet gehonoreerd in het rooster")


# -- Rooster -------------------------------------------------------------------------------------
def _centre_of(gantt, shift):
    d = gantt.data
    k = d.shifts.index(shift)
    x = gantt._x((d.shift_t0[k] + d.shift_t1[k]) / 2)
    y = gantt._row_y(int(d.shift_row[k])) + gantt.ROW_H // 2
    return QPoint(int(x), int(y))


def _drag(gantt, start: QPoint, end: QPoint) -> None:
    vp = gantt.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    mid = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    QTest.mouseMove(vp, mid)
    QTest.mouseMove(vp, end)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_roster_drag_moves_a_shift_and_undo_restores(window, qtbot):
    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    g = screen.gantt
    g.set_zoom("day")
    roster = window.doc.project.scenario.roster
    shift = roster.shift_on("A000", window.doc.project.horizon.start)
    start0 = shift.start
    p = _centre_of(g, shift)
    _drag(g, p, QPoint(p.x() + int(round(60 * g.px_per_min)), p.y()))
    moved = roster.shift_on("A000", shift.day)
    assert moved.start - start0 == timedelta(hours=1)
    assert moved.segments[0].start == moved.start  # the breaks moved along
    window.doc.undo()
    assert roster.shift_on("A000", shift.day).start == start0


def test_roster_drag_edge_resizes(window):
    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    g = screen.gantt
    g.set_zoom("day")
    roster = window.doc.project.scenario.roster
    shift = roster.shift_on("A000", window.doc.project.horizon.start)
    d = g.data
    k = d.shifts.index(shift)
    y = g._row_y(int(d.shift_row[k])) + g.ROW_H // 2
    right = QPoint(int(g._x(d.shift_t1[k])) - 2, y)
    _drag(g, right, QPoint(right.x() - int(round(30 * g.px_per_min)), y))
    new = roster.shift_on("A000", shift.day)
    assert new.duration_minutes == shift.duration_minutes - 30 and new.start == shift.start


def test_roster_drag_to_other_agent_swaps(window):
    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    g = screen.gantt
    p = window.doc.project
    day = p.horizon.start
    roster = p.scenario.roster
    a, b = roster.shift_on("A000", day), roster.shift_on("A004", day)
    assert a is not None and b is not None
    a_start, b_start = a.start, b.start
    start = _centre_of(g, a)
    target = QPoint(start.x(), start.y() + 4 * g.ROW_H)
    _drag(g, start, target)
    assert roster.shift_on("A004", day).start == a_start
    assert roster.shift_on("A000", day).start == b_start


def test_roster_lock_by_double_click_blocks_dragging(window):
    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    g = screen.gantt
    g.set_zoom("day")
    p = window.doc.project
    shift = p.scenario.roster.shift_on("A001", p.horizon.start)
    pos = _centre_of(g, shift)
    QTest.mouseDClick(g.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    locked = p.scenario.roster.shift_on("A001", shift.day)
    assert locked.locked
    _drag(g, _centre_of(g, locked), QPoint(pos.x() + 200, pos.y()))
    assert p.scenario.roster.shift_on("A001", shift.day).start == shift.start


def test_roster_violations_panel_lists_checker_output(window):
    from kcroster.edits import MoveShift

    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    _tester(screen.violations)
    assert screen.violations.rowCount() == 0
    p = window.doc.project
    s = p.scenario.roster.shift_on("A000", p.horizon.start)
    window.doc.apply(MoveShift(s.agent_id, s.day, s.start, s.end + timedelta(hours=2)))  # 10 h: the fake flags > 9 h
    assert screen.violations.rowCount() == 1
    assert screen.violations.index(0, 0).data() == "Medewerker 000"
    assert "A000" in screen.gantt.flagged_agents
    # one finding, not "1 meldingen"
    assert screen.violations_label.text() == "1 melding (1 overtreding, 0 waarschuwingen)"


def test_optimise_in_background_with_cancel_keeps_best_roster(window, qtbot, fake):
    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    job = screen.optimise(time_limit_s=30)
    assert job is not None and window.doc.busy
    dialog = screen.solve_dialog
    qtbot.waitUntil(lambda: len(dialog.times) >= 3, timeout=5000)  # dialog shows objective over time
    assert dialog.values["objective"].text() != "–"
    with pytest.raises(ValueError):  # no edits while the solver reads the project
        s = window.doc.project.scenario.roster.shifts[0]
        from kcroster.edits import LockShift

        window.doc.apply(LockShift(s.agent_id, s.day))
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert job.cancel_token.cancelled
    assert screen.last_result is not None
    assert window.doc.history.undo_label == "rooster vervangen"  # the best roster was accepted
    assert not window.doc.busy and screen.job is None
    assert not dialog.isVisible()


# -- Dekking -------------------------------------------------------------------------------------
def test_coverage_tiles_use_dutch_formats(window):
    screen = window.screen_by_key("coverage")
    window.show_screen("coverage")
    assert screen.tiles["service_level"].value.text() == "82,0 %"  # the selected queue (Telefonie)
    assert screen.tiles["fte"].value.text() == "30,5 / 32,0"
    assert screen.tiles["wishes"].value.text() == "50 %"
    _tester(screen.daily_model)
    assert screen.daily_model.rowCount() == 7 + 1  # the seven days and their ISO week


def test_coverage_shades_shortage_and_surplus(window):
    screen = window.screen_by_key("coverage")
    window.show_screen("coverage")
    assert screen.day_box.currentData() == 0  # opens on the first day
    screen.day_box.setCurrentIndex(0)  # "Hele periode"
    chart = screen.cover_chart
    assert len(chart.series) == 2 and len(chart.bands) == 1
    cov = window.doc.coverage()
    assert np.array_equal(chart.series[0].y, cov.scheduled[0]) and np.array_equal(chart.series[1].y, cov.required[0])


# -- Export --------------------------------------------------------------------------------------
def test_export_planner_and_team_workbooks(window, qtbot, tmp_path, fake):
    screen = window.screen_by_key("export")
    window.show_screen("export")
    items = [screen.omissions.item(i).text() for i in range(screen.omissions.count())]
    assert items == ["•  " + i for i in fake.team_workbook_omissions(window.doc.project)]
    job = screen.export_planner(tmp_path / "planner.xlsx")
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert (tmp_path / "planner.xlsx").read_bytes() == b"planner"
    screen.include_restrictions.setChecked(True)
    assert screen.omissions.item(0).text().startswith("•  Let op")
    job = screen.export_team(tmp_path / "team.xlsx")
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert "export_team_workbook:True" in fake.calls


def test_wishes_export_blank_forms_and_import_them_back(window, qtbot, tmp_path):
    """Round trip through the real wish workbooks (kcroster.io.wishes): blank out, filled in, back."""
    import openpyxl

    screen = window.screen_by_key("wishes")
    window.show_screen("wishes")
    job = screen.export_blank(tmp_path)
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    files = sorted(tmp_path.glob("*.xlsx"))
    assert len(files) == len(window.doc.project.agents)
    # agent A005 asks for Wednesday off in her form
    form = next(f for f in files if "A005" in f.name)
    wb = openpyxl.load_workbook(form)
    ws = wb["Wensen"]
    header_row = next(r for r in range(1, 15) if any(str(c.value).strip().lower() == "wens" for c in ws[r] if c.value))
    col = next(c.column for c in ws[header_row] if c.value and str(c.value).strip().lower() == "wens")
    wed = window.doc.project.horizon.dates[2]
    row = next(r for r in range(header_row + 1, ws.max_row + 1)
               if str(ws.cell(r, 1).value)[:10] in (wed.isoformat(), wed.strftime("%d-%m-%Y")))
    ws.cell(row, col).value = "vrij"
    wb.save(form)
    job = screen.import_files([form])
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    wishes = [w for w in window.doc.project.wishes if w.agent_id == "A005"]
    assert [(w.day, w.kind) for w in wishes] == [(wed, WishKind.OFF)]
    assert screen.model.index(5, 2).data().startswith("Vrij")
