"""One definition per planner-facing figure (issue 25): the Dekking screen's tiles, the CLI summary
and the planner workbook's KPI sheet show the same service level, ASA, bereikbaarheid,
occupancy and FTE for the saved demo project (which holds a roster), to the precision each
shows. Each consumer is read as a planner would: the tiles' text, the printed summary parsed,
the workbook read back with openpyxl."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import openpyxl  # noqa: E402
import pytest  # noqa: E402

from kcroster import cli, pipeline  # noqa: E402
from kcroster import settings as user_settings  # noqa: E402
from kcroster.model.kpis import fte, service_kpis  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "samples" / "demo.kcroster"


@pytest.fixture(scope="module")
def demo():
    project = pipeline.open_project(DEMO, read_only=True)
    return project, project.scenario.roster, pipeline.compute_requirement(project)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _gui_figures(qapp, tmp_path, project) -> dict[str, float]:
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
        tiles = screen.tiles
        # a queue is selected: the tile shows its own figure, the tooltip the voice+chat total
        overall = {k: tiles[k].toolTip().removeprefix("spraak en chat samen: ").rstrip(" %s")
                   for k in ("service_level", "asa", "reachability", "occupancy")}
        own = {k: tiles[k].value.text().rstrip(" %s") for k in overall}
        sched, req = tiles["fte"].value.text().split(" / ")
        scale = {"service_level": 100, "reachability": 100, "occupancy": 100, "asa": 1}
        return {**{k: _number(v) / scale[k] for k, v in overall.items()},
                **{f"{k}:{screen.queue_box.currentText()}": _number(v) / scale[k] for k, v in own.items()},
                "fte_scheduled": _number(sched), "fte_required": _number(req)}
    finally:
        win.autosave_timer.stop()
        win.edit_autosave_timer.stop()
        win.close()
        user_settings.set_basedir(None)


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
            "fte_scheduled": rows["Ingeplande FTE (wachtrijen)"], "fte_required": rows["Vereiste FTE"]}


# shown precision: percentages to 0.1 %-point, ASA to a second, FTE to 0.1 (the tile)
TOLERANCE = {"service_level": 0.0005, "reachability": 0.0005, "occupancy": 0.0005, "asa": 0.5,
             "fte_scheduled": 0.05, "fte_required": 0.05}


def test_every_consumer_shows_the_same_kpis(qapp, tmp_path, capsys, demo):
    project, roster, requirement = demo
    truth = pipeline.kpis(pipeline.coverage(project, roster, requirement))
    seen = {"gui": _gui_figures(qapp, tmp_path, project),
            "cli": _cli_figures(capsys, project, roster, requirement),
            "workbook": _workbook_figures(tmp_path, project, roster, requirement)}
    for where, figures in seen.items():
        for k, tol in TOLERANCE.items():
            assert abs(figures[k] - truth[k]) <= tol + 1e-9, (where, k, figures[k], truth[k])
    totals = pipeline.coverage(project, roster, requirement).totals
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


def test_staffing_workbook_fte_uses_the_project_basis(demo):
    """The staffing export's day FTE is the same rule as the Dekking table's (hours ÷ a fifth
    of ``fte_hours``), so a 38-hour basis changes it there too."""
    from kcroster.io.staffing_export import daily_summary

    project, _, requirement = demo
    day36 = daily_summary(project.forecast, requirement, 36.0)
    day38 = daily_summary(project.forecast, requirement, 38.0)
    assert day36[0].scheduled_hours > 0
    assert day36[0].fte == pytest.approx(day36[0].scheduled_hours / 7.2)
    assert day38[0].fte == pytest.approx(day36[0].scheduled_hours / 7.6)
