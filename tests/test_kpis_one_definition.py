"""One definition per planner-facing figure (issue 25, docs/design.md §7): the Dekking screen's
tiles and its table per day and ISO week, the CLI summaries (``kcroster roster``'s and ``kcroster
staffing``'s), the planner workbook's KPI sheets and the staffing workbook's day overview show the
same service level, ASA, abandon, bereikbaarheid, occupancy and FTE, to the precision each
shows, for two plans: the saved demo project (which holds a roster) and bench M (120 agents, 4
weeks, three queues, leave and reintegration; ``tests/solver/scenario_kit.py``) with a forecast
from which its requirement follows and the roster of a short deterministic solve. Each consumer
is read as a planner would: the tiles' text and the table's cells, the printed summary parsed,
the workbooks read back with openpyxl."""

from __future__ import annotations

import math
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import openpyxl  # noqa: E402
import pytest  # noqa: E402

from kcroster import cli, pipeline  # noqa: E402
from kcroster import settings as user_settings  # noqa: E402
from kcroster.model.kpis import fte, fte_day_hours, service_kpis  # noqa: E402
from kcroster.model.weeks import iso_weeks  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "samples" / "demo.kcroster"
sys.path.insert(0, str(Path(__file__).resolve().parent / "solver"))  # the bench scenarios


def _bench_m(path: Path) -> Path:
    """Bench M with a forecast and the roster of a short deterministic solve, saved at ``path``
    (``kcroster staffing`` reads a project file). A 0.1 s limit ends after the first completed
    roster: legal (the solve checks it), not optimised, and the same on every run."""
    from scenario_kit import scenario, with_forecast

    from kcroster.solver import SolveOptions, solve

    project, req = scenario("M", 1)
    project = with_forecast(project, req)
    result = solve(project, req, options=SolveOptions(time_limit_s=0.1, workers=1, seed=1, deterministic=True))
    assert result.status == "feasible" and not [v for v in result.violations if str(v.severity) == "error"]
    project.scenario.roster = result.roster
    pipeline.save_project(project, path)
    return path


@pytest.fixture(scope="module", params=["demo", "bench M"])
def plan(request, tmp_path_factory):
    """(project, its roster, its requirement, its file) of each plan the figures are read on."""
    path = DEMO if request.param == "demo" else _bench_m(tmp_path_factory.mktemp("bench_m") / "m.kcroster")
    project = pipeline.open_project(path, read_only=True)
    return project, project.scenario.roster, pipeline.compute_requirement(project), path


def _number(text: str) -> float:
    return float(text.replace(",", "."))


@contextmanager
def _coverage_screen(tmp_path, project):
    """The real window's Dekking screen on ``project`` (Dutch UI), closed afterwards."""
    from kcroster.gui import i18n
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    user_settings.set_basedir(tmp_path)
    i18n.install_language("nl")
    win = MainWindow(ProjectDocument(pipeline), confirm_close=False)
    try:
        win.doc.set_project(project)
        win.show_screen("coverage")
        screen = win.screen_by_key("coverage")
        screen.refresh_now()
        yield screen
    finally:
        win.autosave_timer.stop()
        win.edit_autosave_timer.stop()
        win.close()
        user_settings.set_basedir(None)


def _gui_figures(qapp, tmp_path, project) -> dict[str, float]:
    with _coverage_screen(tmp_path, project) as screen:
        tiles = screen.tiles
        # a queue is selected: the tile shows its own figure, the tooltip the voice+chat total
        overall = {k: tiles[k].toolTip().removeprefix("spraak en chat samen: ").rstrip(" %s")
                   for k in ("service_level", "asa", "reachability", "occupancy")}
        own = {k: tiles[k].value.text().rstrip(" %s") for k in overall}
        sched, req = tiles["fte"].value.text().split(" / ")
        scale = {"service_level": 100, "reachability": 100, "occupancy": 100, "asa": 1}
        return {**{k: _number(v) / scale[k] for k, v in overall.items()},
                **{f"{k}:{screen.queue_box.currentText()}": _number(v) / scale[k] for k, v in own.items()},
                "fte_scheduled": _number(sched), "fte_required": _number(req),
                "shrinkage": _number(tiles["shrinkage"].value.text().rstrip(" %")) / 100}


def _cli_figures(capsys, project, roster, requirement) -> dict[str, float]:
    result = SimpleNamespace(status="feasible", roster=roster, elapsed_s=1.0, time_to_first_s=None,
                             objective=None, gap=None, best_bound=None, conflicts=[], notes=[], violations=[])
    cli._report_result(project, requirement, result)
    out = capsys.readouterr().out
    m = re.search(r"servicelevel ([\d.]+) %, ASA (\d+) s, bereikbaarheid ([\d.]+) %, "
                  r"bezettingsgraad ([\d.]+) %", out)
    f = re.search(r"FTE: ingepland ([\d.]+), vereist ([\d.]+)", out)
    assert m and f, out
    return {"service_level": float(m[1]) / 100, "asa": float(m[2]), "reachability": float(m[3]) / 100,
            "occupancy": float(m[4]) / 100, "fte_scheduled": float(f[1]), "fte_required": float(f[2])}


def _workbook_figures(tmp_path, project, roster, requirement) -> dict[str, float]:
    path = pipeline.export_planner_workbook(project, roster, requirement, tmp_path / "plan.xlsx")
    ws = openpyxl.load_workbook(path, read_only=True)["KPI"]
    rows = {r[0]: r[1] for r in ws.iter_rows(min_row=2, max_col=2, values_only=True) if r and r[0]}
    return {"service_level": rows["Service level"], "asa": rows["Gemiddelde wachttijd (ASA, s)"],
            "reachability": rows["Bereikbaarheid"], "occupancy": rows["Bezettingsgraad"],
            "fte_scheduled": rows["Ingeplande FTE (wachtrijen)"], "fte_required": rows["Vereiste FTE"],
            "shrinkage": rows["Shrinkage (gepland)"]}


# shown precision: percentages to 0.1 %-point, ASA to a second, FTE to 0.1 (the tile)
TOLERANCE = {"service_level": 0.0005, "reachability": 0.0005, "occupancy": 0.0005, "asa": 0.5,
             "fte_scheduled": 0.05, "fte_required": 0.05}


def test_every_consumer_shows_the_same_kpis(qapp, tmp_path, capsys, plan):
    project, roster, requirement, _ = plan
    truth = pipeline.kpis(pipeline.coverage(project, roster, requirement))
    seen = {"gui": _gui_figures(qapp, tmp_path, project),
            "cli": _cli_figures(capsys, project, roster, requirement),
            "workbook": _workbook_figures(tmp_path, project, roster, requirement)}
    for where, figures in seen.items():
        for k, tol in TOLERANCE.items():
            assert abs(figures[k] - truth[k]) <= tol + 1e-9, (where, k, figures[k], truth[k])
    totals = pipeline.coverage(project, roster, requirement).totals
    # the planned shrinkage: the tile (whole per cent) and the workbook show the report's figure
    assert 0.0 < totals["shrinkage"] < 1.0
    assert abs(seen["gui"]["shrinkage"] - totals["shrinkage"]) <= 0.005 + 1e-9
    assert seen["workbook"]["shrinkage"] == pytest.approx(totals["shrinkage"])
    own = [k for k in seen["gui"] if ":" in k]
    assert len(own) == 4
    for k in own:  # the selected queue's tile is the same per-queue definition
        assert abs(seen["gui"][k] - totals[k]) <= TOLERANCE[k.split(":")[0]] + 1e-9, (k, seen["gui"][k], totals[k])
    assert 0.3 < truth["occupancy"] < 1.0 and truth["fte_scheduled"] > 1.0  # real figures, not empty


def test_occupancy_is_handled_workload_over_available_time():
    """Two intervals: 9 Erlang handled by 10 available agents, 1 by 10: occupancy 10/20 = 50 %
    whatever the volumes (a volume weighting would give 90 %·9/10 + 10 %·1/10 = 82 %)."""
    occ = np.array([[0.9, 0.1]])
    vol = np.array([[90.0, 10.0]])
    available = np.array([[10.0, 10.0]])
    k = service_kpis({"occupancy": occ, "service_level": np.array([[0.8, 1.0]])}, vol, available,
                     np.array([[True]]))
    assert k["occupancy"] == pytest.approx(0.5)
    assert k["service_level"] == pytest.approx(0.82)  # per contact: by volume
    assert np.isnan(k["asa"])  # not given, not invented
    e_mail = service_kpis({"occupancy": occ}, vol, available, np.array([[False]]))
    assert np.isnan(e_mail["occupancy"])


def test_fte_follows_the_project_basis():
    assert fte(36.0 * 4, 36.0, 28) == pytest.approx(1.0)  # 36 h a week for four weeks
    assert fte(38.0 * 4, 38.0, 28) == pytest.approx(1.0)
    assert fte(36.0, 36.0, 3.5) == pytest.approx(2.0)  # half a week


def test_staffing_workbook_fte_uses_the_project_basis(plan):
    """The staffing export's day FTE is the same rule as the Dekking table's (hours ÷ a fifth
    of ``fte_hours``), so a 38-hour basis changes it there too."""
    from kcroster.io.staffing_export import daily_summary

    project, _, requirement, _ = plan
    day36 = daily_summary(project.forecast, requirement, 36.0)
    day38 = daily_summary(project.forecast, requirement, 38.0)
    assert day36[0].scheduled_hours > 0
    assert day36[0].fte == pytest.approx(day36[0].scheduled_hours / 7.2)
    assert day38[0].fte == pytest.approx(day36[0].scheduled_hours / 7.6)


# --- per day and per ISO week ---------------------------------------------------------------

DAY_KEYS = ("service_level", "asa", "abandon", "reachability", "occupancy", "fte_required", "fte_scheduled")
PERCENT = {"service_level", "abandon", "reachability", "occupancy"}


def _dekking_rows(qapp, tmp_path, project, queue: int) -> list[dict[str, float]]:
    """The Dekking table of ``queue`` as the screen holds it: a row per day, then its week."""
    with _coverage_screen(tmp_path, project) as screen:
        screen.queue_box.setCurrentIndex(queue)  # the table follows the selected queue
        assert screen.queue_box.currentText() == project.queues[queue].name
        m = screen.daily_model
        from PySide6.QtCore import Qt

        rows = []
        for r in range(m.rowCount()):
            cells = [m.data(m.index(r, c), Qt.ItemDataRole.UserRole) for c in range(m.columnCount())]
            rows.append({k: float(v) / (100 if k in PERCENT else 1) for k, v in zip(DAY_KEYS, cells, strict=True)})
        return rows


def _workbook_periods(path, queue: str) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """('KPI per dag' rows, the KPI sheet's week rows) of ``queue``, by the workbook's titles."""
    wb = openpyxl.load_workbook(path, read_only=True)
    names = {"Service level": "service_level", "ASA (s)": "asa", "Abandon %": "abandon",
             "Bezettingsgraad": "occupancy", "Bereikbaarheid": "reachability",
             "Vereiste uren": "required_hours", "Ingeplande uren": "scheduled_hours",
             "Vereiste FTE": "fte_required", "Ingeplande FTE": "fte_scheduled"}

    def table(rows, header_first: str) -> list[dict[str, float]]:
        out, header = [], None
        for r in rows:
            if r and r[0] == header_first:
                header = list(r)
                continue
            if header is None or not r or r[1] != queue:
                continue
            out.append({names[h]: (math.nan if v is None else float(v)) for h, v in zip(header, r, strict=False)
                        if h in names})
        return out

    days = table(wb["KPI per dag"].iter_rows(values_only=True), "Datum")
    weeks = table(wb["KPI"].iter_rows(values_only=True), "Week")
    return days, weeks


def _staffing_days(capsys, tmp_path, path) -> tuple[dict[tuple[str, str], float], dict[str, float]]:
    """``kcroster staffing PROJECT``: (date, queue) → the day overview's FTE, and queue → the FTE
    per week it prints."""
    out = tmp_path / "bezetting.xlsx"
    assert cli.main(["staffing", str(path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    per_week = {m[1]: float(m[2]) for m in re.finditer(r"  (.+): piek \d+ agents, gemiddeld ([\d.]+) FTE per week",
                                                       printed)}
    ws = openpyxl.load_workbook(out, read_only=True)["Dagoverzicht"]
    rows = list(ws.iter_rows(values_only=True))
    col = next(i for i, h in enumerate(rows[0]) if str(h).startswith("FTE"))
    day = {(r[0].date().isoformat() if hasattr(r[0], "date") else str(r[0]), r[1]): float(r[col]) for r in rows[1:]}
    return day, per_week


def _close(a: float, b: float, tol: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= tol + 1e-9


def test_every_consumer_shows_the_same_figures_per_day_and_week(qapp, tmp_path, capsys, plan):
    """The Dekking table's days and weeks equal the planner workbook's day and week rows, and
    its FTE nodig per day equals the staffing workbook's day FTE from ``kcroster staffing``;
    the weeks aggregate their intervals (service_kpis on the week's slice), not their days."""
    project, roster, requirement, path = plan
    cov = pipeline.coverage(project, roster, requirement)
    h = project.horizon
    workbook = pipeline.export_planner_workbook(project, roster, requirement, tmp_path / "plan.xlsx")
    staffing_day, staffing_week = _staffing_days(capsys, tmp_path, path)
    live = [str(q.channel) != "email" for q in project.queues]
    for q, queue in enumerate(project.queues):
        gui = _dekking_rows(qapp, tmp_path, project, q)
        book_days, book_weeks = _workbook_periods(workbook, queue.name)
        weeks = iso_weeks(h.dates)
        assert len(gui) == h.days + len(weeks) and len(book_days) == h.days and len(book_weeks) == len(weeks)
        r = 0
        for w, book_week in zip(weeks, book_weeks, strict=True):
            for d in w.days:
                i = h.day_index(d)
                sl = h.day_slice(i)
                own = service_kpis({k: getattr(cov, k)[q, sl] for k in ("service_level", "asa", "abandon",
                                                                      "reachability", "occupancy")},
                                   cov.volume[q, sl], cov.productive[q, sl], live[q])
                book = book_days[i]
                for k in ("service_level", "asa", "abandon", "reachability", "occupancy"):
                    assert _close(gui[r][k], own[k], 1e-9), (queue.name, d, k)
                    assert _close(gui[r][k], book[k], 5e-5), (queue.name, d, k, gui[r][k], book[k])
                day_hours = fte_day_hours(project.fte_hours)
                assert gui[r]["fte_required"] == pytest.approx(book["required_hours"] / day_hours, abs=5e-4)
                assert gui[r]["fte_scheduled"] == pytest.approx(book["scheduled_hours"] / day_hours, abs=5e-4)
                assert gui[r]["fte_required"] == pytest.approx(staffing_day[(d.isoformat(), queue.name)], abs=1e-6)
                r += 1
            row = gui[r]
            for k in ("service_level", "asa", "abandon", "reachability", "occupancy", "fte_required", "fte_scheduled"):
                assert _close(row[k], book_week[k], 5e-4), (queue.name, w.label(), k, row[k], book_week[k])
            r += 1
        # the staffing summary's FTE per week over the horizon is the requirement's FTE
        hours = float(requirement.scheduled[q].sum()) * h.interval_minutes / 60
        assert staffing_week[queue.name] == pytest.approx(fte(hours, project.fte_hours, h.days), abs=0.05)
    total = sum(staffing_week.values())
    assert total == pytest.approx(pipeline.kpis(cov)["fte_required"], abs=0.05 * len(project.queues))
