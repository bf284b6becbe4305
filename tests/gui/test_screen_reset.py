"""Every screen forgets the previous project when another one is opened (issue 24 item 3).

Each test draws a screen on the demo project (with a selection, a filter or a choice where the
screen has one), replaces the project — by a new project from a forecast (other queues, no
agents, no roster) or by one without any forecast — and checks that nothing of the demo is
left on screen.
"""

from __future__ import annotations

from datetime import date

import pytest

from kcroster.model import Horizon, Project


def _new_from_forecast(fake) -> Project:
    """What 'Nieuw project uit forecast' gives: a forecast with its own queues, nothing else."""
    p = fake.load_demo_project(n_agents=0)
    for q in p.queues:  # the forecast shares these objects
        q.name = f"Nieuw {q.name}"
    p.scenario.roster = None
    p.wishes, p.reintegration = [], []
    return p


def _without_forecast() -> Project:
    return Project("Leeg", Horizon(date(2027, 6, 7), 7), [], None, [])


@pytest.fixture(params=["new from forecast", "no forecast"])
def other(request, fake):
    return _new_from_forecast(fake) if request.param == "new from forecast" else _without_forecast()


def _replace(window, qtbot, key: str, project: Project):
    window.doc.set_project(project)
    window.show_screen(key)
    qtbot.wait(10)
    return window.screen_by_key(key)


def test_forecast_screen(window, qtbot, other):
    window.show_screen("forecast")
    screen = window.screen_by_key("forecast")
    assert screen.heatmap._values.size and screen.chart.series
    _replace(window, qtbot, "forecast", other)
    names = [screen.queue_box.itemText(i) for i in range(screen.queue_box.count())]
    assert names == ([q.name for q in other.forecast.queues] if other.forecast else [])
    if other.forecast is None:
        assert screen.heatmap._values.size == 0 and screen.chart.series == []
        assert "Nog geen forecast" in screen.summary.text()
    else:
        assert screen.summary.text().startswith("Nieuw ")


def test_staffing_screen(window, qtbot, other):
    window.show_screen("staffing")
    screen = window.screen_by_key("staffing")
    assert screen.chart.series and screen.fte_model.rowCount()
    _replace(window, qtbot, "staffing", other)
    names = [screen.queue_box.itemText(i) for i in range(screen.queue_box.count())]
    assert names == [q.name for q in other.queues]
    if other.forecast is None:
        assert screen.chart.series == [] and screen.totals_label.text() == ""
        assert screen.fte_model.rowCount() == 0 and screen.interval_model.rowCount() == 0
    else:
        assert screen.fte_model._rows == [*names, "Totaal"]
        assert "Nieuw Telefonie" in screen.totals_label.text()


def test_agents_screen_keeps_no_agent_of_the_previous_project(window, qtbot, other):
    window.show_screen("agents")
    screen = window.screen_by_key("agents")
    screen.search.setText("Medewerker 00")
    def agent_in_row(r: int):
        return screen.model.agent_at(screen.proxy.mapToSource(screen.proxy.index(r, 0)).row())

    row = next(r for r in range(screen.proxy.rowCount()) if agent_in_row(r).id == "A003")
    screen.table.selectRow(row)
    assert screen.selected_agent().id == "A003" and screen.steps.rowCount() == 1  # the demo's plan
    _replace(window, qtbot, "agents", other)
    assert screen.search.text() == "" and screen.model.rowCount() == 0
    assert screen.selected_agent() is None
    assert screen.agent_title.text() == "Geen medewerker gekozen" and screen.agent_info.text() == ""
    assert screen.steps.rowCount() == 0 and screen.leave_list.count() == 0
    assert screen.alerts.count() == 0 and screen.sick_label.text() == ""
    assert screen.timeline.first_day is None and screen.timeline.deadlines == []
    assert not screen.add_step_button.isEnabled() and not screen.sick_button.isEnabled()


def test_agents_screen_hidden_while_the_project_changes(window, qtbot, other):
    window.show_screen("agents")
    screen = window.screen_by_key("agents")
    row = screen.proxy.mapFromSource(screen.model.index(3, 0)).row()
    screen.table.selectRow(row)  # the agent with a reintegration plan (the screen opens on A000)
    assert screen.steps.rowCount() == 1
    window.show_screen("forecast")
    window.doc.set_project(other)
    # even before it is shown again, nothing of the demo's agent is left in the panel
    assert screen.steps.rowCount() == 0 and screen.timeline.first_day is None


def test_wishes_screen(window, qtbot, other):
    window.show_screen("wishes")
    screen = window.screen_by_key("wishes")
    assert screen.model.rowCount() == 40
    _replace(window, qtbot, "wishes", other)
    assert screen.model.rowCount() == 0
    assert screen.stats.text().startswith("0 wensen van 0 medewerkers")


def test_roster_screen(window, qtbot, other):
    window.show_screen("roster")
    screen = window.screen_by_key("roster")
    s = window.doc.project.scenario.roster.shifts[0]
    screen.gantt.selected = (s.agent_id, s.day)
    screen.gantt.verticalScrollBar().setValue(200)
    screen.last_result = object()
    _replace(window, qtbot, "roster", other)
    assert screen.gantt.data.agent_ids == [] and screen.gantt.data.shifts == []
    assert screen.gantt.selected is None and screen.gantt.verticalScrollBar().value() == 0
    assert screen.violations.rowCount() == 0 and screen.last_result is None
    assert "Nog geen rooster" in screen.violations_label.text()


def test_coverage_screen(window, qtbot, other):
    window.show_screen("coverage")
    screen = window.screen_by_key("coverage")
    assert screen.cover_chart.series and screen.daily_model.rowCount()
    _replace(window, qtbot, "coverage", other)
    assert screen.cover_chart.series == [] and screen.kpi_chart.series == []
    assert screen.daily_model.rowCount() == 0
    assert all(t.value.text() == "–" for t in screen.tiles.values())
    assert screen.empty.isVisible()


def test_export_screen_forgets_the_consent_to_include_health_data(window, qtbot, other):
    window.show_screen("export")
    screen = window.screen_by_key("export")
    screen.include_restrictions.setChecked(True)
    _replace(window, qtbot, "export", other)
    assert not screen.include_restrictions.isChecked()
    assert not screen.planner_button.isEnabled() and not screen.team_button.isEnabled()
