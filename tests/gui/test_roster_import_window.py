"""Bestand → Rooster importeren uit Excel (issue 23 item 17, GUI part): an edited planner
workbook comes back as one undoable edit, with the list of changes and the rule check."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog


def test_edited_planner_workbook_imports_as_an_undoable_edit(app, qtbot, tmp_path, fake,
                                                             monkeypatch):
    from openpyxl import load_workbook

    from kcroster import pipeline
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    doc = ProjectDocument(pipeline)
    win = MainWindow(doc, confirm_close=False)
    qtbot.addWidget(win)
    win.show()
    doc.set_project(pipeline.open_project(pipeline.SAMPLES / "demo.kcroster", read_only=True))
    p = doc.project
    before = doc.roster
    target = before.shifts[0]
    path = tmp_path / "plan.xlsx"
    pipeline.export_planner_workbook(p, before, doc.requirement(), path)
    # the planner clears one day in Excel
    wb = load_workbook(path)
    ws = wb["Rooster"]
    header = [c.value for c in ws[1]]
    day_col = next(i for i, v in enumerate(header)
                   if hasattr(v, "date") and v.date() == target.day)  # date headers
    agent_col = header.index("Medewerker")
    row = next(r for r in ws.iter_rows(min_row=2) if r[agent_col].value == target.agent_id)
    assert row[day_col].value  # the exported shift
    row[day_col].value = None
    wb.save(path)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    jobs = []
    real = win.roster_screen.import_workbook
    monkeypatch.setattr(win.roster_screen, "import_workbook",
                        lambda f: jobs.append(real(f)) or jobs[-1])
    win.import_roster_action.trigger()
    qtbot.waitUntil(lambda: jobs and jobs[0].finished, timeout=30000)
    assert jobs[0].error is None, jobs[0].error_traceback
    assert doc.roster.shift_on(target.agent_id, target.day) is None
    assert len(doc.roster.shifts) == len(before.shifts) - 1
    box = win.roster_screen.import_box
    assert box.text().startswith("1 wijziging ingelezen uit plan.xlsx.")
    assert target.agent_id in box.detailedText() and "verwijderd" in box.detailedText()
    assert win.stack.currentWidget() is win.roster_screen
    box.close()
    win.undo_action.trigger()  # one undo brings the exported roster back
    assert doc.roster is before
    win.close()
