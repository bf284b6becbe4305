"""Scenario, reintegration and sick-period editing through the window, KPI tiles per queue, the
remembered solve settings, window state and the macOS file-open event."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent

from kcroster import settings as user_settings
from kcroster.edits import RemoveScenario, RenameScenario
from kcroster.gui.views.agents import parse_days, parse_window, step_with_cell
from kcroster.model import ReintegrationStep


def names(window) -> list[str]:
    return [window.scenarios.item(i).text() for i in range(window.scenarios.count())]


# -- scenarios -----------------------------------------------------------------------------------
def test_adding_a_scenario_is_undoable(window):
    doc = window.doc
    doc.add_scenario("Drukke week")
    assert names(window) == ["Basis", "Drukke week"] and doc.project.active_scenario == 1
    assert window.undo_action.text().endswith("scenario toevoegen")
    window.undo_action.trigger()
    assert names(window) == ["Basis"] and doc.project.scenario.name == "Basis"
    assert window.scenario_label.text() == "Scenario: Basis"
    window.redo_action.trigger()
    assert names(window) == ["Basis", "Drukke week"] and window.scenarios.currentRow() == 1


def test_switching_scenarios_is_no_change_to_save(window):
    """Issue 24 item 9: looking at another scenario does not mark the project changed."""
    doc = window.doc
    doc.add_scenario("Drukke week")
    doc._set_dirty(False)  # as after a save
    window.scenarios.setCurrentRow(0)
    assert doc.project.active_scenario == 0 and window.scenario_label.text() == "Scenario: Basis"
    assert not doc.dirty
    window.scenarios.setCurrentRow(1)
    assert doc.project.active_scenario == 1 and not doc.dirty


def test_duplicate_scenario_name_is_refused_without_traceback(window):
    with pytest.raises(ValueError, match="al een scenario"):
        window.doc.add_scenario("basis")
    assert names(window) == ["Basis"]


def test_rename_and_remove_scenario_update_the_sidebar(window):
    doc = window.doc
    doc.add_scenario("Kopie")
    doc.apply(RenameScenario(1, "Zomer"))
    assert names(window) == ["Basis", "Zomer"] and window.scenario_label.text() == "Scenario: Zomer"
    doc.apply(RemoveScenario(1))
    assert names(window) == ["Basis"] and doc.project.active_scenario == 0
    doc.undo()
    assert names(window) == ["Basis", "Zomer"] and doc.project.scenario.name == "Zomer"


# -- reintegration steps and sick periods --------------------------------------------------------
def select_agent(window, index: int):
    screen = window.screen_by_key("agents")
    window.show_screen("agents")
    screen.table.selectRow(screen.proxy.mapFromSource(screen.model.index(index, 0)).row())
    screen._row_changed()
    return screen


def test_reintegration_cell_edit_applies_an_undoable_edit(window):
    screen = select_agent(window, 3)
    p = window.doc.project
    before = list(p.reintegration)
    screen.steps.item(0, 1).setText("20")  # max hours per week
    assert p.reintegration_plan("A003")[0].max_hours_week == 20.0
    assert screen.steps.item(0, 1).text() == "20,0"
    screen.steps.item(0, 3).setText("ma wo vr")
    assert p.reintegration_plan("A003")[0].days == frozenset({0, 2, 4})
    assert screen.steps.item(0, 3).text() == "ma wo vr"
    window.doc.undo()
    window.doc.undo()
    assert p.reintegration == before


def test_reintegration_bad_cell_is_refused_and_shown_again(window):
    screen = select_agent(window, 3)
    p = window.doc.project
    before = list(p.reintegration)
    screen.steps.item(0, 4).setText("13:00-09:00")
    assert p.reintegration == before and not window.doc.history.can_undo
    assert screen.steps.item(0, 4).text() == "–"
    assert "tijdvenster" in window.statusBar().currentMessage()


def test_add_and_remove_step(window):
    screen = select_agent(window, 3)
    p = window.doc.project
    first = p.reintegration_plan("A003")[0]
    screen.today = first.from_date
    screen.add_step()
    plan = p.reintegration_plan("A003")
    assert [s.from_date for s in plan] == [first.from_date, first.from_date + timedelta(days=7)]
    assert plan[1].max_hours_week == first.max_hours_week  # a copy of the last step
    assert screen.steps.rowCount() == 2
    screen.steps.selectRow(0)
    screen.remove_step()
    assert [s.from_date for s in p.reintegration_plan("A003")] == [first.from_date + timedelta(days=7)]


def test_sick_periods_drive_the_timeline_instead_of_the_plan(window):
    screen = select_agent(window, 3)
    p = window.doc.project
    implied = p.reintegration[0].first_sick_day
    assert screen.timeline.first_day == implied  # fallback: first sick day of the plan
    # an earlier chain that ended long ago does not count; the current one starts 10 days before
    screen.report_sick("A003", implied - timedelta(days=10))
    assert screen.timeline.first_day == implied - timedelta(days=10)
    assert "nog ziek" in screen.sick_label.text()
    screen.report_recovered("A003", implied + timedelta(days=5))
    assert p.sick_periods_of("A003")[0].end == implied + timedelta(days=5)
    assert screen.sick_label.text().count("–") == 1 and "nog ziek" not in screen.sick_label.text()
    screen.report_recovered("A003", implied)  # nothing open any more: refused with a message
    assert "geen lopende" in window.statusBar().currentMessage()
    window.doc.undo()
    window.doc.undo()
    assert p.sick_periods == [] and screen.timeline.first_day == implied


def test_sick_period_for_agent_without_plan_gives_deadlines(window):
    screen = select_agent(window, 5)
    assert screen.timeline.first_day is None
    start = date(2027, 1, 4)
    screen.today = date(2027, 2, 10)
    screen.report_sick("A005", start)
    assert screen.timeline.first_day == start
    # week 6 ends on sick day 42 = 14-02-2027: four days after "today"
    texts = [screen.alerts.item(i).text() for i in range(screen.alerts.count())]
    assert any("Probleemanalyse" in t and "14-02-2027" in t for t in texts)


def test_cell_parsers():
    assert parse_days("Ma, woensdag vr") == frozenset({0, 2, 4})
    assert parse_days("Mon Tue") == frozenset({0, 1})
    assert parse_days("–") is None
    with pytest.raises(ValueError, match="weekdag"):
        parse_days("maa xx")
    w = parse_window("09:00–13:30")
    assert (w[0].hour, w[1].hour, w[1].minute) == (9, 13, 30)
    step = ReintegrationStep("a", date(2027, 1, 1))
    assert step_with_cell(step, 5, "telefonie, Chat", ["Telefonie", "Chat"]).queues == ("Telefonie", "Chat")
    with pytest.raises(ValueError, match="onbekende wachtrij"):
        step_with_cell(step, 5, "Fax", ["Telefonie"])
    assert step_with_cell(step, 0, "15-02-2027", []).from_date == date(2027, 2, 15)
    assert step_with_cell(step, 2, "4,5", []).max_hours_day == 4.5


# -- Dekking tiles per queue ---------------------------------------------------------------------
def test_coverage_tiles_follow_the_queue_selector(window):
    screen = window.screen_by_key("coverage")
    window.show_screen("coverage")
    assert screen.queue_box.currentText() == "Telefonie"
    assert screen.tiles["service_level"].value.text() == "82,0 %"
    assert screen.tiles["asa"].value.text() == "14 s"
    assert "Telefonie: 7" in screen.tiles["fte"].detail.text()
    assert "78,0 %" in screen.tiles["service_level"].toolTip()  # the voice+chat total alongside
    screen.queue_box.setCurrentText("Chat")
    assert screen.tiles["service_level"].value.text() == "71,0 %"
    assert screen.tiles["asa"].value.text() == "31 s"
    screen.queue_box.setCurrentText("E-mail")
    for k in ("service_level", "asa", "reachability", "occupancy"):
        assert screen.tiles[k].value.text() == "–"
        assert screen.tiles[k].detail.text() == "n.v.t. voor e-mail: doel is de reactietijd"
    assert screen.tiles["fte"].value.text() == "30,5 / 32,0"  # roster-wide tiles stay


# -- settings --------------------------------------------------------------------------------------
def test_solve_settings_are_used_and_remembered(window, qtbot, fake):
    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    screen.time_limit.setValue(17)
    screen.workers.setValue(3)
    fake.last_solve_options.clear()
    job = screen.optimise()
    qtbot.mouseClick(screen.solve_dialog.stop_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    opts = fake.last_solve_options[-1]
    assert (opts.time_limit_s, opts.workers) == (17.0, 3)
    saved = user_settings.load_settings()
    assert (saved.solve_time_limit_s, saved.solve_workers) == (17, 3)


def test_solve_settings_initialise_the_toolbar(app, qtbot, fake):
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    cfg = user_settings.Settings(solve_time_limit_s=45, solve_workers=0)
    win = MainWindow(ProjectDocument(fake), settings=cfg, confirm_close=False)
    qtbot.addWidget(win)
    screen = win.screen_by_key("roster")
    assert screen.time_limit.value() == 45
    assert screen.workers.value() == 0 and screen.workers.text() == "alle"


def test_window_state_is_saved_and_restored(app, qtbot, fake):
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    cfg = user_settings.Settings()
    win = MainWindow(ProjectDocument(fake), settings=cfg, confirm_close=False)
    qtbot.addWidget(win)
    win.show()
    win.close()
    assert cfg.window_state and cfg.window_geometry
    assert user_settings.load_settings().window_state == cfg.window_state
    restored = []
    win2 = MainWindow(ProjectDocument(fake), settings=cfg, confirm_close=False)
    qtbot.addWidget(win2)
    win2.restoreState = lambda state, version: (
        restored.append((bytes(state.toBase64().data()).decode(), version)) or True
    )
    win2.restore_layout()
    assert restored == [(cfg.window_state, 1)]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen cannot raise windows
def test_file_open_event_opens_the_project(window, qtbot, tmp_path, fake):
    from kcroster.gui.main_window import FileOpenFilter

    path = tmp_path / "plan.kcroster"
    window.doc.project.name = "Van schijf"
    fake.save_project(window.doc.project, path)
    window.doc.project.name = "In het geheugen"
    filt = FileOpenFilter()
    QCoreApplication.instance().installEventFilter(filt)
    try:
        # before the window is attached the request waits (macOS sends it at launch)
        QCoreApplication.sendEvent(QCoreApplication.instance(), QFileOpenEvent(QUrl.fromLocalFile(str(path))))
        assert filt.pending == [path] and filt.received
        filt.attach(window)
        qtbot.waitUntil(lambda: window.doc.path == path, timeout=5000)
        assert window.doc.project.name == "Van schijf"
        # once attached, an event opens directly; the same file again only raises the window
        QCoreApplication.sendEvent(QCoreApplication.instance(), QFileOpenEvent(str(path)))
        assert window.doc.path == path
    finally:
        QCoreApplication.instance().removeEventFilter(filt)
