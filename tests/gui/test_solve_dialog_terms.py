"""The optimise dialog (issue 24 item 5): the best roster shown never gets worse, a gap is
shown only when the bound makes it meaningful, and the planner reads shortfall hours,
predicted SL, wishes and hours over contract before and after, with the score as a detail."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt

from kcroster.gui.views.solve_dialog import SolveDialog
from kcroster.solver.options import SolveProgress, Stage


def test_best_shown_never_rises_under_a_better_roster_report(app):
    dialog = SolveDialog(None, 30.0)
    try:
        dialog.update_progress(SolveProgress.at(Stage.FIRST, 1.0, 382_977.0, 3_650.0, 0.99, 1))
        # a strategy reports its own, higher figure under "better roster found": shown as before
        dialog.update_progress(SolveProgress.at(Stage.FOUND_NEIGHBOURHOOD, 2.0, 385_477.0,
                                                3_650.0, 0.99, 2))
        assert dialog.values["objective"].text() == "382.977"
        assert dialog.objectives == [382_977.0, 382_977.0]
        assert dialog.values["improvement"].text() == "0 %"
        dialog.update_progress(SolveProgress.at(Stage.FOUND, 3.0, 191_488.5, 3_650.0, 0.98, 3))
        assert dialog.values["improvement"].text() == "50 %"
        assert dialog.verdict.text() == "Het beste rooster tot nu toe is 50 % beter dan het eerste."
        assert all(b >= a for a, b in zip(dialog.objectives[1:], dialog.objectives, strict=False))
    finally:
        dialog.finish()
        dialog.deleteLater()


def test_gap_only_when_the_bound_says_something(app):
    dialog = SolveDialog(None, 30.0)
    try:
        dialog.update_progress(SolveProgress.at(Stage.FIRST, 1.0, 382_977.0, 3_650.0, 0.99, 1))
        assert dialog.values["gap"].text() == "–"  # not "99,0 %" against a bound of 3 650
        assert math.isnan(dialog.bounds[-1])  # and no bound line far below the curve
        assert "hooguit" not in dialog.verdict.text()
        assert not dialog.details.isVisibleTo(dialog)  # score and bound are a detail
        dialog.details_button.click()
        assert dialog.details.isVisibleTo(dialog)
        assert dialog.values["bound"].text() == "3.650"
        dialog.update_progress(SolveProgress.at(Stage.FOUND, 5.0, 4_000.0, 3_800.0, 0.05, 2))
        assert dialog.values["gap"].text() == "5,0 %"
        assert dialog.verdict.text().endswith("Het kan hooguit nog 5 % beter.")
        dialog.update_progress(SolveProgress.at(Stage.BOUND, 6.0, None, 4_000.0, None, 0))
        assert dialog.verdict.text() == "Het beste rooster tot nu toe is bewezen het best mogelijke."
    finally:
        dialog.finish()
        dialog.deleteLater()


def test_dialog_and_status_speak_in_planner_terms(window, qtbot):
    screen = window.screen_by_key("roster")
    window.show_screen("roster")
    window.doc.coverage()  # the roster the solve starts from has its figures on screen
    job = screen.optimise(time_limit_s=30)
    dialog = screen.solve_dialog
    assert dialog.start_figures.isVisibleTo(dialog)
    assert dialog.start_figures.text().startswith(
        "Huidig rooster: tekort 12 uur · voorspeld SL 78,0 % · wensen 1 van 2 · 4 uur boven contract.")
    qtbot.waitUntil(lambda: len(dialog.times) >= 2, timeout=5000)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    qtbot.waitUntil(lambda: bool(screen.outcome), timeout=5000)
    assert screen.outcome == (
        "Optimalisatie klaar: goed rooster gevonden · tekort 12 → 12 uur · "
        "voorspeld SL 78,0 % → 78,0 % · wensen 1 → 1 van 2 · 4 → 4 uur boven contract")
    assert "verschil" not in screen.outcome and "ondergrens" not in screen.outcome


def test_details_show_the_solve_plan(app):
    """The plan the solve reports with its first report (kcroster.solver.plan) is shown in the
    dialog's details, so a planner sees what the optimiser runs."""
    dialog = SolveDialog(None, 30.0)
    try:
        built = SolveProgress.at(Stage.BUILT, 0.5, None, None, None, 0)
        built.plan = ("model: 16.768 variabelen, bezetting per interval, klein",
                      "1. startrooster medewerker voor medewerker")
        dialog.update_progress(built)
        assert dialog.plan.text().splitlines()[1:] == list(built.plan)
        # later reports carry no plan: it stays
        dialog.update_progress(SolveProgress.at(Stage.FIRST, 1.0, 500.0, None, None, 1))
        assert "startrooster" in dialog.plan.text()
    finally:
        dialog.deleteLater()
