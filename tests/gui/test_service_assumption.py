"""Predicted service level with its assumption (issue 24 item 6): the Dekking screen says how
many hours are rostered, expected available after shrinkage and needed, and shows the SL
without shrinkage beside the SL with it; the real pipeline computes those figures."""

from __future__ import annotations

from pathlib import Path

from kcroster import pipeline

DEMO = Path(__file__).resolve().parents[2] / "samples" / "demo.kcroster"


def test_coverage_tiles_show_the_shrinkage_assumption(window):
    screen = window.screen_by_key("coverage")
    window.show_screen("coverage")
    screen.refresh_now()
    tile = screen.tiles["service_level"]
    assert tile.value.text() == "82,0 %"
    assert tile.detail.text().endswith("\nzonder shrinkage: 97,0 %")
    assert screen.assumption.text().startswith(
        "Telefonie: ingeroosterd 600 uur / verwacht beschikbaar na 30 % shrinkage 420 uur / "
        "nodig 450 uur.")
    screen.queue_box.setCurrentIndex(2)  # e-mail: hours, but no service level to explain
    assert screen.assumption.text() == (
        "E-mail: ingeroosterd 150 uur / verwacht beschikbaar na 30 % shrinkage 105 uur / "
        "nodig 120 uur.")
    assert "zonder shrinkage" not in screen.tiles["service_level"].detail.text()


def test_pipeline_reports_hours_and_sl_without_shrinkage():
    project = pipeline.open_project(DEMO)
    req = pipeline.compute_requirement(project)
    tot = pipeline.coverage(project, project.scenario.roster, req).totals
    for q in project.queues:
        sched, avail = tot[f"scheduled_hours:{q.name}"], tot[f"available_hours:{q.name}"]
        assert abs(avail - sched * (1 - q.shrinkage)) < 1e-6 * sched
        hours = project.horizon.interval_minutes / 60
        assert abs(tot[f"needed_hours:{q.name}"] - req.agents[project.queues.index(q)].sum() * hours) < 1e-6
    assert tot["service_level_no_shrinkage:Telefonie"] > tot["service_level:Telefonie"]
    assert tot["service_level_no_shrinkage"] > tot["service_level"]
    assert abs(tot["scheduled_hours"] - sum(tot[f"scheduled_hours:{q.name}"] for q in project.queues)) < 1e-6
    assert tot["over_contract_hours"] == pipeline.hours_over_contract(project, project.scenario.roster)

