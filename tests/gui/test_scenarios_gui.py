"""Scenarios in the window (issue 24 item 9): switching is not a change, the Bezetting screen and
the settings dialog edit the active scenario only, and the comparison puts scenarios side by side
with the figures of the real pipeline."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kcroster import pipeline
from kcroster.edits import AddScenario
from kcroster.gui import fmt
from kcroster.gui.document import ProjectDocument
from kcroster.gui.views.scenarios import (
    ScenarioCompareDialog,
    ScenarioSettingsDialog,
    parse_weekdays,
    weekdays_text,
)
from kcroster.model import ShrinkageBand

DEMO = Path(__file__).resolve().parents[2] / "samples" / "demo.kcroster"


def with_second_scenario(window) -> None:
    """The fake demo with a scenario 'Druk' beside Basis, saved state (not dirty), Basis active."""
    p = window.doc.project
    window.doc.apply(AddScenario("Druk"))
    p.active_scenario = 0
    window.doc.set_project(p)
    assert not window.doc.dirty


def test_switching_the_scenario_does_not_mark_the_project_changed(window, qtbot):
    with_second_scenario(window)
    window.scenarios.setCurrentRow(1)  # the planner clicks 'Druk' in the side bar
    assert window.doc.project.active_scenario == 1
    assert not window.doc.dirty and not window.isWindowModified()
    assert window.scenario_label.text() == "Scenario: Druk"
    window.scenarios.setCurrentRow(0)
    assert window.doc.project.active_scenario == 0 and not window.doc.dirty
    assert not window.doc.history.can_undo  # nothing to undo: looking is not editing


def test_the_bezetting_screen_edits_the_active_scenario_only(window):
    with_second_scenario(window)
    window.scenarios.setCurrentRow(1)
    window.show_screen("staffing")
    screen = window.screen_by_key("staffing")
    screen.refresh_now()
    screen.queue_box.setCurrentIndex(0)
    assert screen.settings_title.text() == "Servicedoelen in scenario 'Druk'"
    screen.shrinkage.setValue(40)
    assert screen.last_error is None  # the screen redraws the scenario's queue
    p = window.doc.project
    assert p.scenarios[1].queue_overrides == {"Telefonie": {"shrinkage": 0.4}}
    assert p.scenarios[0].queue_overrides == {} and p.queues[0].shrinkage == pytest.approx(0.3)
    assert screen._row_labels["shrinkage"].font().bold()
    assert "Shrinkage" in screen.scenario_note.text()
    window.scenarios.setCurrentRow(0)  # Basis still has the queue's 30 %
    screen.refresh_now()
    assert screen.shrinkage.value() == 30 and not screen._row_labels["shrinkage"].font().bold()
    assert screen.settings_title.text() == "Servicedoelen in scenario 'Basis'"


def test_weekday_text_reads_as_a_planner_writes_it():
    assert parse_weekdays("ma-vr") == (0, 1, 2, 3, 4)
    assert parse_weekdays("za, zo") == (5, 6)
    assert parse_weekdays("vr-ma") == (0, 4, 5, 6)  # a range runs forward through the week
    assert parse_weekdays("Mon-Wed fri") == (0, 1, 2, 4)
    assert parse_weekdays("maandag") == (0,)
    for bad in ("", "maandag-x", "ma-di-wo", "werkdagen", "m"):
        with pytest.raises(ValueError):
            parse_weekdays(bad)
    assert weekdays_text((0, 1, 2, 3, 4)) == "ma-vr"
    assert weekdays_text((0, 2, 5, 6)) == "ma, wo, za, zo"


def test_the_settings_dialog_changes_targets_profile_and_agents_of_this_scenario(window, qtbot):
    with_second_scenario(window)
    window.scenarios.setCurrentRow(1)
    window.ask_scenario_settings()
    dialog = window.scenario_dialog
    assert isinstance(dialog, ScenarioSettingsDialog)
    p = window.doc.project
    # queue table: SL % of Chat and the volume factor of Telefonie
    dialog.queue_table.cellWidget(1, 0).setValue(90)
    dialog.queue_table.cellWidget(0, 5).setValue(1.2)
    assert p.scenario.queue_overrides == {"Chat": {"sl_percent": 90.0}}
    assert p.scenario.queue_volume_factors == {"Telefonie": pytest.approx(1.2)}
    assert dialog.queue_table.cellWidget(1, 0).font().bold()
    assert p.scenarios[0].queue_overrides == {} and p.scenarios[0].queue_volume_factors == {}
    # a shrinkage band for Monday to Friday 09:00–10:00 on Telefonie
    dialog.add_band_row(ShrinkageBand((0,), time(9), time(10), 0.4))
    dialog.band_table.cellWidget(0, 0).setText("ma-vr")
    dialog.band_table.cellWidget(0, 3).setCurrentIndex(1)
    dialog.apply_bands()
    assert p.scenario.shrinkage_profile == [ShrinkageBand((0, 1, 2, 3, 4), time(9), time(10), 0.4, "Telefonie")]
    dialog.add_band_row(ShrinkageBand((0,), time(9), time(10), 0.4))
    dialog.band_table.cellWidget(1, 0).setText("werkdagen")
    dialog.apply_bands()  # refused with the row named; the profile stays
    assert dialog.message.text().startswith("Blok 2:") and len(p.scenario.shrinkage_profile) == 1
    # the agent set: the first three agents only; the Gantt shows them and no one else
    dialog._check_all(False)
    for i in range(3):
        dialog.agent_list.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.apply_agents()
    ids = [a.id for a in p.agents[:3]]
    assert p.scenario.agent_ids == ids and p.scenarios[0].agent_ids is None
    assert {s.agent_id for s in p.scenario.roster.shifts} <= set(ids)
    roster = window.screen_by_key("roster")
    assert [a.id for a in roster.shown_agents()] == ids
    window.doc.undo()  # the agent set and the shifts come back
    assert p.scenario.agent_ids is None
    assert len({s.agent_id for s in p.scenario.roster.shifts}) > 3
    dialog.close()


@pytest.fixture
def demo_doc(qapp):
    """The committed demo file on the real pipeline: Basis with its roster, 'Druk' (a copy with
    40 % shrinkage on Telefonie) and 'Zonder rooster' (no roster yet)."""
    project = pipeline.open_project(DEMO, read_only=True)
    doc = ProjectDocument(pipeline)
    doc.set_project(project)
    doc.add_scenario("Druk")
    from kcroster.edits import SetScenarioQueueSetting

    doc.apply(SetScenarioQueueSetting("Telefonie", "shrinkage", 0.40))
    doc.add_scenario("Zonder rooster")
    project.scenarios[2].roster = None
    doc.set_active_scenario(1)
    return doc


def test_the_comparison_shows_the_pipelines_figures_side_by_side(app, qtbot, demo_doc):
    p = demo_doc.project
    dirty = demo_doc.dirty
    dialog = ScenarioCompareDialog(demo_doc)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(3)] == ["Basis", "Druk", "Zonder rooster"]
    rows = [dialog.table.verticalHeaderItem(r).text() for r in range(dialog.table.rowCount())]

    def cell(label: str, col: int) -> str:
        return dialog.table.item(rows.index(label), col).text()

    # Basis: the Dekking screen's own totals of its roster (coverage on the real pipeline)
    basis = pipeline.with_scenario(p, 0)
    totals = pipeline.coverage(basis, basis.scenario.roster, pipeline.compute_requirement(basis)).totals
    assert cell("Serviceniveau", 0) == fmt.pct(totals["service_level"], 1)
    assert cell("Tekort (uur)", 0) == fmt.num(totals["shortfall_hours"], 1)
    assert cell("Wensen toegekend", 0) == f"{totals['wishes_granted']:.0f} van {totals['wishes_total']:.0f}"
    # Druk: the same roster against more shrinkage on Telefonie → a larger requirement, a lower SL
    druk = dialog.figures[1]
    assert druk.totals["fte_required"] > dialog.figures[0].totals["fte_required"]
    assert druk.totals["service_level"] < dialog.figures[0].totals["service_level"]
    # without a roster: requirement figures, the roster rows say so, and the note names it
    assert cell("Serviceniveau", 2) == "geen rooster"
    assert cell("FTE nodig (na shrinkage)", 2) == cell("FTE nodig (na shrinkage)", 1)  # a copy of Druk
    assert "'Zonder rooster'" in dialog.note.text() and "geen rooster" in dialog.note.text()
    # the chart: one line per scenario with a roster for SL, all three for FTE nodig
    assert [s.name for s in dialog.chart.series] == ["Basis", "Druk"]
    assert "Zonder rooster" in dialog.chart.title
    dialog.day_figure.setCurrentIndex(dialog.day_figure.findData("fte_required"))
    assert [s.name for s in dialog.chart.series] == ["Basis", "Druk", "Zonder rooster"]
    # the day table: the chosen figure of each scenario, one row per day of the horizon; its
    # figures are the Dekking table's day rows over all queues
    first_day = [r for r in pipeline.coverage_periods(basis, pipeline.coverage(
        basis, basis.scenario.roster, pipeline.compute_requirement(basis)), None) if r.week is None][0]
    assert dialog.day_table.rowCount() == p.horizon.days and dialog.day_table.columnCount() == 3
    assert dialog.day_table.item(0, 0).text() == fmt.num(first_day.kpis["fte_required"], 1)
    for key, text in (("service_level", fmt.pct(first_day.kpis["service_level"], 1)),
                      ("asa", fmt.num(first_day.kpis["asa"], 0)),
                      ("abandon", fmt.pct(first_day.kpis["abandon"], 1))):
        dialog.day_figure.setCurrentIndex(dialog.day_figure.findData(key))
        assert dialog.day_table.item(0, 0).text() == text
        assert dialog.day_table.item(0, 2).text() == "geen rooster"
    # one scenario only: the dialog asks for two
    dialog.scenario_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.scenario_list.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.note.text() == "Kies 2 tot 4 scenario's om te vergelijken." and dialog.table.rowCount() == 0
    # comparing neither switches the scenario nor changes the project
    assert p.active_scenario == 1 and demo_doc.dirty == dirty
