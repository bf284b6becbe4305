"""The Medewerkers screen does not open on an agent's reintegration plan (issue 24 item 15): it
opens on the first agent as listed, on the contract tab; the plan is one click away."""

from __future__ import annotations

from dataclasses import replace


def test_first_view_is_the_first_agents_contract_not_a_reintegration_plan(window) -> None:
    p = window.doc.project
    assert any(s.agent_id == "A003" for s in p.reintegration)  # the demo has a plan
    window.show_screen("agents")
    screen = window.screen_by_key("agents")
    first = screen.model.agent_at(screen.proxy.mapToSource(screen.proxy.index(0, 0)).row())
    assert screen.selected_agent().id == first.id == "A000"
    assert screen.panel_tabs.currentWidget() is screen.contract_tab
    assert screen.agent_info.isVisible() and not screen.steps.isVisible()
    assert not screen.timeline.isVisible() and not screen.alerts.isVisible()
    # the plan is there when the planner asks for it
    row = next(
        r
        for r in range(screen.proxy.rowCount())
        if screen.model.agent_at(screen.proxy.mapToSource(screen.proxy.index(r, 0)).row()).id
        == "A003"
    )
    screen.table.selectRow(row)
    screen.panel_tabs.setCurrentWidget(screen.reintegration_tab)
    assert screen.steps.isVisible() and screen.steps.rowCount() == 1


def test_an_agent_with_a_plan_listed_first_still_opens_on_the_contract_tab(window, fake) -> None:
    other = fake.load_demo_project()
    other.reintegration = [replace(s, agent_id="A000") for s in other.reintegration]
    window.show_screen("agents")
    screen = window.screen_by_key("agents")
    screen.panel_tabs.setCurrentWidget(screen.reintegration_tab)  # left open on the plan
    window.doc.set_project(other)
    assert screen.selected_agent().id == "A000" and other.reintegration_plan("A000")
    assert screen.panel_tabs.currentWidget() is screen.contract_tab
    assert not screen.steps.isVisible() and not screen.timeline.isVisible()
