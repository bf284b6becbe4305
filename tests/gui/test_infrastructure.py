"""Translations, the background-job helper, the painted widgets and the app entry point."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

ROOT = Path(__file__).resolve().parents[2]


# -- i18n ----------------------------------------------------------------------------------------
def test_every_visible_string_has_an_english_translation():
    sys.path.insert(0, str(ROOT / "resources"))
    try:
        import make_translations
    finally:
        sys.path.pop(0)
    strings = make_translations.source_strings()
    translations = make_translations.load_tsv()
    assert len(strings) > 150
    assert sorted(s for s in strings if s not in translations) == []
    # the compiled catalogue is up to date with the table
    ts = (ROOT / "resources" / "i18n" / "kcroster_en.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts and ts.count("<message>") == len(strings)


def test_english_catalogue_switches_the_ui(app):
    from kcroster.gui import i18n
    from kcroster.gui.i18n import tr

    try:
        assert i18n.install_language("en")
        assert tr("Rooster") == "Roster"
        assert tr("Medewerkers") == "Agents"
        assert tr("{g} van {t}").format(g=1, t=2) == "1 of 2"
    finally:
        i18n.install_language("nl")
    assert tr("Rooster") == "Rooster"


def test_solver_progress_reads_in_the_planners_language(app):
    """The solver reports a stage code; the dialog shows it in English in the English UI (it
    showed the solver's Dutch message there) and every stage the solver can report has a line."""
    from kcroster.gui import i18n
    from kcroster.gui.views.solve_dialog import stage_text
    from kcroster.solver.options import STAGE_MESSAGES, SolveProgress, Stage

    stages = [v for k, v in vars(Stage).items() if not k.startswith("_")]
    assert sorted(stages) == sorted(STAGE_MESSAGES)
    reports = [SolveProgress.at(st, 1.0, 10.0, 5.0, 0.5, 2, round=3) for st in stages]
    assert reports[stages.index(Stage.ROUND)].message == "verbeterronde 3"
    dutch = [stage_text(r) for r in reports]
    try:
        assert i18n.install_language("en")
        english = {st: stage_text(r) for st, r in zip(stages, reports, strict=True)}
    finally:
        i18n.install_language("nl")
    assert english[Stage.ROUND] == "Improvement round 3"
    assert english[Stage.FOUND_NEIGHBOURHOOD] == "Better roster found (neighbourhood search)"
    assert all(e != d for e, d in zip(english.values(), dutch, strict=True))  # every one translated
    assert len(set(english.values())) == len(stages)
    # a report from elsewhere (no stage) shows its own message
    assert stage_text(SolveProgress(1.0, None, None, None, 0, "iets anders")) == "iets anders"


def test_second_curves_stand_out_in_light_and_dark_mode(app):
    """The lower bound, the Erlang traffic and the original forecast are drawn in a second grey
    beside the accent curve; in dark mode the palette's mid grey, darkened, was all but the
    chart's own background (lightness 40 against 30), so the bound line did not show."""
    from kcroster.gui import theme

    try:
        for dark in (False, True):
            theme.apply(app, dark)
            pal = app.palette()
            line = theme.secondary_line().lightness()
            for role in (pal.ColorRole.Base, pal.ColorRole.Window):
                assert abs(line - pal.color(role).lightness()) >= 80, (dark, role)
    finally:
        theme.apply(app, False)


def test_solve_dialog_keeps_the_roster_when_only_the_bound_moves(app):
    """The Lagrangian bound thread reports a bound without a roster or a count: the dialog kept
    showing "–" as the best roster and 0 rosters found until the next roster came."""
    from kcroster.gui.views.solve_dialog import SolveDialog
    from kcroster.solver.options import SolveProgress, Stage

    dialog = SolveDialog(None, 30.0)
    try:
        dialog.update_progress(SolveProgress.at(Stage.ROUND, 2.0, 1000.0, 500.0, 0.5, 4, round=3))
        dialog.update_progress(SolveProgress.at(Stage.BOUND_LAGRANGE, 3.0, None, 800.0, None, 0))
        assert dialog.values["objective"].text() == "1.000"
        assert dialog.values["bound"].text() == "800"
        assert dialog.values["gap"].text() == "20,0 %"  # (1 000 − 800) / 1 000
        assert dialog.values["solutions"].text() == "4"
        # the curve shows the better bound under the same roster (a bound at half the
        # roster's score says nothing yet: not drawn)
        assert dialog.objectives == [1000.0, 1000.0] and dialog.bounds[1:] == [800.0]
        # a better roster: its own gap and count again
        dialog.update_progress(SolveProgress.at(Stage.FOUND, 4.0, 900.0, 810.0, 0.1, 5))
        assert [dialog.values[k].text() for k in ("objective", "bound", "gap", "solutions")] == \
            ["900", "810", "10,0 %", "5"]
        # a curve spanning two seconds labels its time axis in tenths (it read "2 s, 2 s, 3 s")
        assert [dialog.chart.x_label(x) for x in (2.0, 2.5)] == ["2,0 s", "2,5 s"]
        dialog.update_progress(SolveProgress.at(Stage.FOUND, 30.0, 850.0, 810.0, 0.05, 6))
        assert dialog.chart.x_label(25.4) == "25 s"
    finally:
        dialog.finish()
        dialog.deleteLater()


def test_dutch_number_and_date_formats(app):
    from kcroster.gui import fmt

    assert fmt.num(1234.5, 1) == "1.234,5"
    assert fmt.pct(0.805, 1) == "80,5 %"
    assert fmt.num(float("nan")) == "–"
    assert fmt.day(date(2027, 5, 3)) == "ma 03-05"
    assert fmt.full_date(date(2027, 5, 3)) == "03-05-2027"


# -- jobs ----------------------------------------------------------------------------------------
def test_job_delivers_result_on_main_thread_without_dialog_when_fast(app, qtbot):
    from kcroster.gui.jobs import run_job

    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}

    def work(report, cancel):
        report("bezig")
        seen["worker"] = threading.current_thread()
        return 42

    def done(value):
        seen["value"] = value
        seen["main"] = threading.current_thread()

    job = run_job(parent, work, title="t", on_done=done)
    qtbot.waitUntil(lambda: job.finished, timeout=3000)
    assert seen["value"] == 42
    assert seen["main"] is threading.main_thread() and seen["worker"] is not threading.main_thread()
    qtbot.wait(600)
    assert job.dialog is None  # finished before 0.5 s: no progress dialog flashed up


def test_slow_job_shows_progress_after_half_a_second_and_cancels(app, qtbot):
    from kcroster.gui.jobs import run_job

    parent = QWidget()
    qtbot.addWidget(parent)

    def work(report, cancel):
        for i in range(300):
            if cancel.cancelled:
                return "gestopt"
            report(f"stap {i}")
            time.sleep(0.01)
        return "klaar"

    results = []
    job = run_job(parent, work, title="Lang werk", on_done=results.append)
    qtbot.wait(200)
    assert job.dialog is None
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=2000)
    assert "stap" in job.dialog.labelText()
    button = job.dialog.findChild(QPushButton)
    assert button.text() == "Annuleren"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.finished, timeout=3000)
    assert results == ["gestopt"]


def test_job_error_becomes_a_dialog(app, qtbot):
    from kcroster.gui.jobs import run_job
    from kcroster.model import KcrosterInputError

    parent = QWidget()
    qtbot.addWidget(parent)

    def work(report, cancel):
        raise KcrosterInputError("kolom ontbreekt", file="f.xlsx", sheet="Blad1", row=3, column="aht")

    job = run_job(parent, work, title="Import")
    qtbot.waitUntil(lambda: job.finished, timeout=3000)
    box = parent.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert box.informativeText() == "bestand f.xlsx, blad 'Blad1', rij 3, kolom 'aht': kolom ontbreekt"
    box.close()


# -- widgets -------------------------------------------------------------------------------------
def _big_project(n_agents: int = 400, days: int = 7):
    sys.path.insert(0, str(Path(__file__).parent))
    import gui_fake_pipeline

    return gui_fake_pipeline.load_demo_project(n_agents, days)


def test_gantt_paints_only_visible_rows(app, qtbot):
    from kcroster.gui.widgets.gantt import GanttData, GanttView

    p = _big_project()
    view = GanttView()
    qtbot.addWidget(view)
    view.resize(1200, 600)
    data = GanttData.build(p.scenario.roster, [a.id for a in p.agents], [a.name for a in p.agents],
                           [q.name for q in p.queues], p.horizon)
    view.set_data(data, p.horizon, [])
    view.queue_colours = [view.palette().text().color()] * 3
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # renders through paintEvent
    rows_on_screen = (view.viewport().height() - view.HEADER_H) // view.ROW_H
    assert 0 < view.last_paint_rows <= rows_on_screen + 2 < 400
    # the row index is exact: each row's segments belong to that row's agent
    for row in (0, 137, 399):
        lo, hi = data.row_ptr[row], data.row_ptr[row + 1]
        agents = {data.shifts[k].agent_id for k in data.seg_shift[lo:hi]}
        assert agents <= {p.agents[row].id}
    assert data.row_ptr[-1] == sum(len(s.segments) for s in p.scenario.roster.shifts)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    first, last = view.visible_rows()
    assert last == 400 and first > 350


def test_linechart_nice_steps():
    from kcroster.gui.widgets.linechart import nice_step

    assert nice_step(100) == 20
    assert nice_step(7) == 2
    assert nice_step(0.9) == 0.2


def test_linechart_axis_of_one_value_is_a_band_of_whole_numbers(app, qtbot):
    """A curve of one roster's score (flat) gets an axis around it on a whole-number grid, not
    tenths around 421 721 (the optimise dialog before a second roster is found)."""
    from PySide6.QtGui import QColor

    from kcroster.gui.widgets.linechart import LineChart, Series, nice_step

    chart = LineChart()
    qtbot.addWidget(chart)
    chart.y_min = None
    chart.set_series([Series("Beste rooster", np.array([421_721.0, 421_721.0]), QColor("teal"))])
    _x0, _x1, y0, y1 = chart._ranges()
    step = nice_step(y1 - y0)
    assert y0 < 421_721 < y1 and step >= 1 and y0 % step == 0 and y1 % step == 0
    assert (y1 - y0) / 421_721 < 0.05  # still close enough to show a later improvement
    chart.y_min = 0.0  # a chart that starts at zero keeps it
    chart.set_series([Series("x", np.array([3.0, 3.0]), QColor("teal"))])
    assert chart._ranges()[2] == 0.0


def test_timeline_paints_without_sick_period(app, qtbot):
    from kcroster.gui.widgets.timeline import PoortwachterTimeline
    from kcroster.model.poortwachter import SickPeriod, poortwachter_deadlines

    t = PoortwachterTimeline()
    qtbot.addWidget(t)
    t.resize(500, 110)
    t.grab()  # empty state
    t.set_deadlines(date(2027, 1, 4), poortwachter_deadlines([SickPeriod(date(2027, 1, 4))]), date(2027, 3, 1))
    img = t.grab().toImage()
    assert img.width() >= 500


def test_heatmap_renders_nan_as_blank(app, qtbot):
    from kcroster.gui.widgets.heatmap import Heatmap

    h = Heatmap()
    qtbot.addWidget(h)
    values = np.array([[0.0, 1.0, np.nan, 4.0]])
    h.set_data(values, ["ma"], [0, 15, 30, 45])
    img = h._image
    assert img.width() == 4 and img.height() == 1
    assert img.pixelColor(2, 0).alpha() == 0 and img.pixelColor(3, 0).alpha() == 255


# -- entry point ---------------------------------------------------------------------------------
def test_cli_help_and_flags():
    from kcroster.gui.app import build_parser

    args = build_parser().parse_args(["--temp-basedir", "--lang", "en", "--project", "x.kcroster"])
    assert args.temp_basedir and args.lang == "en" and args.project == Path("x.kcroster")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--lang", "fr"])


def test_window_module_imports_no_heavy_libraries():
    """Cold start: the window must not pull in ortools, pandas or openpyxl before they are needed."""
    code = ("import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen'; "
            "import kcroster.gui.main_window, kcroster.gui.app; "
            "print(sorted(m for m in ('ortools','pandas','openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_app_icon_is_drawn(app):
    from kcroster.gui.icons import app_icon, line_icon

    assert not app_icon().isNull()
    assert QCoreApplication.instance() is not None
    assert not line_icon("roster", app.palette().text().color()).isNull()
