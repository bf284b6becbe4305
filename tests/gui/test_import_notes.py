"""Notes and warnings of an import reach the planner in a visible list (issue 23 item 5)."""

from __future__ import annotations

import copy


def test_forecast_notes_are_listed_after_the_import(window, qtbot, tmp_path, fake, monkeypatch):
    real = fake.import_forecast

    def import_forecast(project, path):
        p = real(project, path)
        p.forecast = copy.copy(p.forecast)
        p.forecast.notes = ["Wachtrij 'Chat': volume in 208 intervallen buiten de openingstijden"]
        return p

    monkeypatch.setattr(fake, "import_forecast", import_forecast)
    wb = tmp_path / "forecast.xlsx"
    wb.write_bytes(b"x")
    screen = window.screen_by_key("forecast")
    window.show_screen("forecast")
    job = screen.import_file(wb)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert screen.import_notes.isVisible()
    assert screen.import_notes.notes() == [
        "Wachtrij 'Chat': volume in 208 intervallen buiten de openingstijden"]
    assert screen.import_notes.title.text() == "1 melding bij het inlezen van forecast.xlsx"
    screen.import_notes.hide_button.click()
    assert not screen.import_notes.isVisible()


def test_new_project_from_forecast_lists_its_notes(window, qtbot, tmp_path, fake, monkeypatch):
    def import_forecast(project, path):
        p = fake.load_demo_project(n_agents=0)
        p.forecast.notes = ["a", "b"]
        return p

    monkeypatch.setattr(fake, "import_forecast", import_forecast)
    job = window.new_from_forecast(tmp_path / "f.csv")
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    notes = window.forecast_screen.import_notes
    assert notes.isVisible() and notes.notes() == ["a", "b"]
    window.doc.set_project(fake.load_demo_project())  # another project: its notes are not these
    assert not notes.isVisible() and notes.notes() == []


def test_agents_import_warnings_are_listed_with_the_real_reader(app, qtbot, tmp_path, fake):
    from openpyxl import Workbook

    from kcroster import pipeline
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    wb = Workbook()
    ws = wb.active
    ws.title = "Medewerkers"
    ws.append(["id", "naam", "contracturen", "vaardigheden", "Diagnose"])
    ws.append(["M1", "Anna", 32, "Telefonie", "mag niet gelezen worden"])
    path = tmp_path / "medewerkers.xlsx"
    wb.save(path)
    doc = ProjectDocument(pipeline)
    win = MainWindow(doc, confirm_close=False)
    qtbot.addWidget(win)
    win.show()
    doc.set_project(fake.load_demo_project())
    win.show_screen("agents")
    job = win.agents_screen.import_file(path)
    qtbot.waitUntil(lambda: job.finished, timeout=10000)
    assert job.error is None, job.error_traceback
    assert [a.id for a in doc.project.agents] == ["M1"]
    notes = win.agents_screen.import_notes
    assert notes.isVisible()
    assert any("Diagnose" in n for n in notes.notes()), notes.notes()
    assert not any("mag niet gelezen" in n for n in notes.notes())
    win.autosave_timer.stop()
    win.edit_autosave_timer.stop()
    win.close()
