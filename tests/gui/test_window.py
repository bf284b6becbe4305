"""The main window: screens, navigation, status bar, undo/redo, files, drag-and-drop."""

from __future__ import annotations

import pickle

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QMessageBox

from kcroster.edits import LockShift, MoveShift
from kcroster.model import Roster


def test_all_seven_screens_in_planner_order(window, qtbot):
    titles = [s.title() for s in window.screens]
    assert titles == ["Forecast", "Bezetting", "Medewerkers", "Wensen", "Rooster", "Dekking", "Export"]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == titles
    for i in range(len(titles)):
        window.show_screen(i)
        assert window.stack.currentWidget() is window.screens[i]
        assert not window.screens[i]._stale  # refreshed when shown


def test_keyboard_shortcuts_switch_screens(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget().key == "roster"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget().key == "forecast"


def test_status_bar_shows_scenario_and_roster_state(window):
    assert window.scenario_label.text() == "Scenario: Basis"
    assert window.state_label.text() == "concept"
    p = window.doc.project
    import copy

    p.scenario.published = Roster(copy.deepcopy(p.scenario.roster.shifts))
    window._update_status()
    assert window.state_label.text() == "gepubliceerd"
    s = p.scenario.roster.shifts[0]
    from datetime import timedelta

    window.doc.apply(MoveShift(s.agent_id, s.day, s.start + timedelta(hours=1), s.end + timedelta(hours=1)))
    assert window.state_label.text() == "gewijzigd na publicatie"
    window.doc.undo()
    assert window.state_label.text() == "gepubliceerd"


def test_undo_redo_actions_follow_history(window):
    s = window.doc.project.scenario.roster.shifts[0]
    assert not window.undo_action.isEnabled()
    window.doc.apply(LockShift(s.agent_id, s.day, True))
    assert window.undo_action.isEnabled()
    assert window.undo_action.text().endswith("dienst vastzetten")
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert not window.doc.project.scenario.roster.shift_on(s.agent_id, s.day).locked
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert window.doc.project.scenario.roster.shift_on(s.agent_id, s.day).locked


def test_scenarios_add_and_switch(window, qtbot):
    doc = window.doc
    doc.add_scenario("Drukke week")
    assert [window.scenarios.item(i).text() for i in range(window.scenarios.count())] == ["Basis", "Drukke week"]
    assert doc.project.scenario.name == "Drukke week"
    assert window.scenario_label.text() == "Scenario: Drukke week"
    # the copy is independent: editing it leaves the base scenario alone
    s = doc.project.scenario.roster.shifts[0]
    doc.apply(LockShift(s.agent_id, s.day, True))
    window.scenarios.setCurrentRow(0)
    assert doc.project.scenario.name == "Basis"
    assert not doc.project.scenario.roster.shift_on(s.agent_id, s.day).locked


def test_save_and_open_round_trip(window, qtbot, tmp_path, fake):
    path = tmp_path / "plan.kcroster"
    assert window._save_to(path)
    assert not window.doc.dirty and window.doc.path == path
    assert pickle.loads(path.read_bytes()).name == "Demo"
    assert str(path.resolve()) in window.settings.recent_files
    window.doc.project.name = "changed in memory"
    job = window.open_path(path)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert window.doc.project.name == "Demo"
    assert window.recent_menu.actions()[0].text() == str(path.resolve())


def test_drop_workbook_imports_into_current_screen(window, qtbot, tmp_path, fake):
    wb = tmp_path / "forecast.xlsx"
    wb.write_bytes(b"x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(wb))])
    ev = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(ev)
    assert ev.isAccepted()
    before = window.doc.project.forecast.volume.sum()
    job = window.import_dropped([wb])
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert "import_forecast" in fake.calls
    assert window.doc.project.forecast.volume.sum() == before * 2  # the fake doubles the volume
    window.show_screen("agents")
    job = window.import_dropped([wb])
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert window.doc.project.agents[-1].id == "NEW"


def test_drag_enter_refuses_other_files(window, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    ev = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    ev.ignore()
    window.dragEnterEvent(ev)
    assert not ev.isAccepted()


def test_bad_import_shows_a_dialog_not_a_traceback(window, qtbot, tmp_path):
    bad = tmp_path / "forecast.txt"
    bad.write_text("x")
    job = window.screen_by_key("forecast").import_file(bad)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "kon niet worden ingelezen" in boxes[-1].text()
    assert "forecast.txt" in boxes[-1].informativeText()
    boxes[-1].close()


def test_publish_then_edit_marks_changed_after_publishing(window):
    window.publish()
    assert window.state_label.text() == "gepubliceerd"
    sc = window.doc.project.scenario
    assert sc.published is not None and sc.published.shifts == sc.roster.shifts
    from datetime import timedelta

    s = sc.roster.shifts[3]
    window.doc.apply(MoveShift(s.agent_id, s.day, s.start - timedelta(minutes=30), s.end - timedelta(minutes=30)))
    assert window.state_label.text() == "gewijzigd na publicatie"
    window.doc.undo()
    window.doc.undo()  # un-publish
    assert sc.published is None and window.state_label.text() == "concept"


def test_new_project_from_forecast(window, qtbot, tmp_path, fake):
    import types

    made = []

    def import_forecast(project, path):
        made.append((project, path))
        return fake.load_demo_project(n_agents=0)

    window.doc._backend = types.SimpleNamespace(**{k: getattr(fake, k) for k in dir(fake) if not k.startswith("_")})
    window.doc._backend.import_forecast = import_forecast
    job = window.new_from_forecast(tmp_path / "f.csv")
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert made == [(None, tmp_path / "f.csv")]
    assert window.doc.project.agents == [] and window.doc.dirty and window.doc.path is None


def test_autosave_and_recovery_with_the_real_project_store(app, qtbot, tmp_path, fake):
    """Real .kcroster files: save, edit, autosave (file untouched), reopen and recover the edit."""
    from kcroster import pipeline
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow
    from kcroster.io.store import load_project

    doc = ProjectDocument(pipeline)
    win = MainWindow(doc, confirm_close=False)
    qtbot.addWidget(win)
    doc.set_project(fake.load_demo_project())
    path = tmp_path / "plan.kcroster"
    assert win._save_to(path)
    s = doc.project.scenario.roster.shifts[0]
    doc.apply(LockShift(s.agent_id, s.day, True))
    auto = win.autosave()
    assert auto is not None and auto.exists()
    assert not load_project(path).scenario.roster.shift_on(s.agent_id, s.day).locked  # file itself untouched
    doc.project = None
    win.ask_recover = lambda p: True
    job = win.open_path(path)
    qtbot.waitUntil(lambda: job.finished, timeout=10000)
    assert doc.project.scenario.roster.shift_on(s.agent_id, s.day).locked  # the edit came back
    assert doc.dirty and doc.path == path and doc.lock is not None
    win.close()
    assert doc.lock is None


def test_drop_real_forecast_workbook_with_real_pipeline(app, qtbot, fake):
    """The sample forecast workbook through the real importer, dropped on the window."""
    from pathlib import Path

    from kcroster import pipeline
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    sample = Path(pipeline.SAMPLES) / "demo_forecast.xlsx"
    doc = ProjectDocument(pipeline)
    win = MainWindow(doc, confirm_close=False)
    qtbot.addWidget(win)
    win.show()
    doc.set_project(fake.load_demo_project())
    job = win.import_dropped([sample])
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    fc = doc.project.forecast
    assert fc.source is not None and Path(fc.source).name == sample.name
    assert doc.project.horizon.days == fc.horizon.days and fc.volume.shape[1] == fc.horizon.n_intervals
    screen = win.screen_by_key("forecast")
    assert screen.heatmap._values.shape == (fc.horizon.days, 96)
    assert screen.queue_box.count() == len(fc.queues)
    win.close()
