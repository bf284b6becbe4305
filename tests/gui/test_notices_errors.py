"""Errors the window used to swallow reach the planner as a notice (issue 23, swallowed errors).

* The background computation of requirement and coverage (``ProjectDocument.prefetch``) that
  fails says so in a notice; it was dropped without a word.
* The solve's time limit and core count that cannot be remembered (settings folder not
  writable) say so in a notice, and the solve still runs; the failure was ``pass``.
* What a solve tells besides its roster (``RosterResult.notes``: a partial first week, a bound
  that failed) is shown after the solve.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt

from kcroster import settings as user_settings


def _notice_text(win) -> str:
    box = getattr(win, "last_notice", None)
    return box.text() if box is not None and box.isVisible() else ""


def test_a_failing_background_computation_is_told(window, qtbot, fake, monkeypatch):
    def broken(project):
        raise ValueError("wachtrij 'Telefonie': afhandeltijd ontbreekt")

    monkeypatch.setattr(fake, "compute_requirement", broken)
    # the window prefetches the figures of the new project
    window.doc.set_project(fake.load_demo_project())
    qtbot.waitUntil(lambda: "afhandeltijd ontbreekt" in _notice_text(window), timeout=5000)
    assert "konden niet worden berekend" in _notice_text(window)
    assert window.doc.known_coverage() is None  # nothing half-computed is kept


def test_a_stale_background_failure_stays_quiet(window, qtbot, fake, monkeypatch):
    """A failure for a project that was replaced meanwhile concerns nothing on screen."""
    doc = window.doc
    doc.set_project(fake.load_demo_project())
    qtbot.waitUntil(lambda: doc.known_coverage() is not None, timeout=5000)

    def broken(project, roster, requirement):
        raise RuntimeError("oud project")

    monkeypatch.setattr(fake, "coverage", broken)
    doc._coverage = None  # the roster's coverage is due again
    job = doc.prefetch(window)
    doc._invalidate("all")  # an edit while the job runs: its outcome is stale
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert "oud project" not in _notice_text(window)


def test_solve_settings_that_cannot_be_remembered_are_told_and_the_solve_runs(
    window, qtbot, fake, tmp_path
):
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    user_settings.set_basedir(blocker / "kcroster")  # a file where the settings folder should be
    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    screen.time_limit.setValue(23)
    fake.last_solve_options.clear()
    job = screen.optimise()
    assert job is not None
    assert "niet onthouden" in _notice_text(window)
    assert window.settings_error is not None
    qtbot.mouseClick(screen.solve_dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert fake.last_solve_options[-1].time_limit_s == 23.0  # the solve ran with the choice


def test_the_solve_notes_are_shown(window, qtbot, fake, monkeypatch):
    solve = fake.solve_roster
    note = "De planperiode begint op zaterdag: week 17 telt 2 dagen; contracturen naar rato."

    def with_note(*args, **kwargs):
        result = copy.copy(solve(*args, **kwargs))
        result.notes = [note]
        return result

    monkeypatch.setattr(fake, "solve_roster", with_note)
    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    job = screen.optimise()
    qtbot.mouseClick(screen.solve_dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    qtbot.waitUntil(lambda: note in _notice_text(window), timeout=5000)
