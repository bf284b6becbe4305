"""The window on the real demo project and the real pipeline (no fakes): every screen updates."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def real_window(app, qtbot):
    from kcroster import pipeline
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    doc = ProjectDocument(pipeline)
    win = MainWindow(doc, confirm_close=False)
    win.resize(1300, 850)
    qtbot.addWidget(win)
    win.show()
    job = win.open_demo()
    qtbot.waitUntil(lambda: job.finished, timeout=30000)
    yield win
    win.close()


def test_every_screen_updates_on_the_demo_project(real_window):
    win = real_window
    assert win.doc.project.name == "Demo klantcontactcentrum"
    for i, screen in enumerate(win.screens):
        win.show_screen(i)
        assert screen.last_error is None, (screen.key, screen.last_error)
    staffing = win.staffing_screen
    assert staffing.interval_model.rowCount() > 0
    # the FTE table's total row equals the pipeline's FTE of the scheduled requirement
    from kcroster import pipeline

    fte = pipeline.fte_per_day(win.doc.project, win.doc.requirement().scheduled)
    total_col0 = staffing.fte_model.index(staffing.fte_model.rowCount() - 1, 0).data(0x0100)  # UserRole
    assert total_col0 == pytest.approx(float(fte[:, 0].sum()))


def test_whatif_volume_raises_the_erlang_requirement(real_window, qtbot):
    win = real_window
    win.show_screen("forecast")
    before = np.asarray(win.doc.requirement().scheduled).sum()
    win.forecast_screen.volume_slider.setValue(130)
    qtbot.waitUntil(lambda: abs(win.doc.project.scenario.volume_factor - 1.3) < 1e-9, timeout=3000)
    after = np.asarray(win.doc.requirement().scheduled).sum()
    assert after > before * 1.1  # Erlang economies of scale: less than +30 %, but clearly more
    assert after < before * 1.3
    win.doc.undo()
    assert np.asarray(win.doc.requirement().scheduled).sum() == before


def test_a_shift_dragged_past_closing_time_is_a_finding(app, qtbot):
    """Issue 24 item 2 as the planner met it: 13:00-22:00 on a queue that closes at 20:00 used to
    show 'Het rooster voldoet aan alle regels'."""
    from datetime import timedelta

    from kcroster import pipeline
    from kcroster.edits import MoveShift
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    doc = ProjectDocument(pipeline)
    win = MainWindow(doc, confirm_close=False)
    qtbot.addWidget(win)
    win.show()
    doc.set_project(pipeline.open_project(pipeline.SAMPLES / "demo.kcroster", read_only=True))
    win.show_screen("roster")
    screen = win.roster_screen
    assert "(0 overtredingen" in screen.violations_label.text() or screen.violations_label.text().endswith(
        "voldoet aan alle regels.")
    assert not [v for v in doc.violations() if v.rule_id == "closed_queue"]
    # a Monday day shift ending between 15:01 and 19:59: five hours later it runs past the
    # queues' closing at 20:00
    s = next(
        x for x in doc.roster.shifts if x.day.weekday() == 0 and 15 * 60 < x.end.hour * 60 + x.end.minute < 20 * 60
    )
    doc.apply(MoveShift(s.agent_id, s.day, s.start + timedelta(hours=5), s.end + timedelta(hours=5)))
    closed = [v for v in doc.violations() if v.rule_id == "closed_queue"]
    assert [v.agent_id for v in closed] == [s.agent_id]
    late = (s.end + timedelta(hours=5)).strftime("%H:%M")
    assert f"20:00 tot {late} terwijl de wachtrij gesloten is" in closed[0].message_nl
    assert "voldoet" not in screen.violations_label.text() and "(1 overtreding," in screen.violations_label.text()
    win.close()
