"""Optimaliseer with the real CP-SAT solver in its child process: progress, stop, best roster kept."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _tiny_project(fake):
    p = fake.load_demo_project(n_agents=4, days=2)
    p.scenario.roster = None
    p.reintegration = []
    for a in p.agents:
        a.min_hours = 0.0  # a 2-day horizon cannot reach weekly contract minimums
    return p


def test_stop_keeps_the_best_roster_found(app, qtbot, fake):
    from kcroster import pipeline
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow
    from kcroster.solver import SolveProgress

    doc = ProjectDocument(pipeline)
    win = MainWindow(doc, confirm_close=False)
    qtbot.addWidget(win)
    win.show()
    project = _tiny_project(fake)
    doc.set_project(project)
    doc.set_requirement(fake.compute_requirement(project))  # a simple stand-in requirement
    screen = win.screen_by_key("roster")
    win.show_screen("roster")
    progress = []
    job = screen.optimise(time_limit_s=120)
    job.progressed.connect(progress.append)
    dialog = screen.solve_dialog
    qtbot.waitUntil(lambda: len(dialog.times) >= 1, timeout=60000)  # a first roster exists
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.finished, timeout=60000)
    assert job.error is None, job.error_traceback
    result = screen.last_result
    assert result.status in ("cancelled", "optimal")  # stopped, or already proven optimal
    assert all(isinstance(s, SolveProgress) for s in progress)
    roster = doc.project.scenario.roster
    assert roster is not None and roster.shifts  # the best roster was kept and accepted
    assert doc.history.undo_label == "rooster vervangen"
    assert win.state_label.text() == "concept"
    # what the Gantt shows is the accepted roster
    assert len(screen.gantt.data.shifts) == len(roster.shifts)
    win.close()
