"""Scenarios (issue 24 item 9): targets, shrinkage (per queue and per part of the week),
forecast factors and agent sets belong to one scenario, and the comparison reads the same
figures as the other screens. Expectations come from the published Erlang C case of
docs/design.md §9 (100 calls in 30 min, AHT 180 s, 80/20 → 14 agents; 30 % shrinkage → 20)."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from kcroster import pipeline
from kcroster.edits import (
    AddScenario,
    EditHistory,
    SetScenarioAgents,
    SetScenarioField,
    SetScenarioQueueSetting,
)
from kcroster.model import (
    Agent,
    Forecast,
    Horizon,
    Project,
    Queue,
    Roster,
    Segment,
    Shift,
    ShrinkageBand,
)
from kcroster.solver import SolveOptions

TZ = ZoneInfo("Europe/Amsterdam")
MONDAY = date(2027, 5, 3)


def make_project(days: int = 2, shrinkage: float = 0.0) -> Project:
    """Two queues; at 10:00 every day Telefonie has the §9 case (N = 14), Chat a quarter of it."""
    h = Horizon(MONDAY, days, 30)
    queues = [Queue("Telefonie", shrinkage=shrinkage, max_occupancy=None),
              Queue("Chat", shrinkage=shrinkage, max_occupancy=None)]
    vol = np.zeros((2, h.n_intervals))
    for d in h.dates:
        vol[0, h.index_at(d, time(10, 0))] = 100.0
        vol[1, h.index_at(d, time(10, 0))] = 25.0
    fc = Forecast(h, queues, vol, np.full_like(vol, 180.0), open_mask=vol > 0)
    return Project("t", h, queues, fc)


def at_ten(p: Project, day: date) -> int:
    return p.horizon.index_at(day, time(10, 0))


def required_at_ten(p: Project, queue: int = 0, day: date = MONDAY) -> tuple[int, int]:
    req = pipeline.compute_requirement(p)
    k = at_ten(p, day)
    return int(req.agents[queue, k]), int(req.scheduled[queue, k])


def two_scenarios(p: Project) -> EditHistory:
    history = EditHistory(p)
    history.apply(AddScenario("Druk"))
    assert p.active_scenario == 1
    return history


def test_shrinkage_in_one_scenario_scales_its_requirement_by_one_over_one_minus_s() -> None:
    p = make_project(shrinkage=0.0)
    history = two_scenarios(p)
    history.apply(SetScenarioQueueSetting("Telefonie", "shrinkage", 0.30))
    needed, scheduled = required_at_ten(p)
    assert needed == 14  # shrinkage does not change the agents needed on the phone
    assert scheduled == math.ceil(14 / (1 - 0.30))  # 20: 14 / 0.7 before rounding
    assert pipeline.shrinkage_matrix(p)[0, at_ten(p, MONDAY)] == pytest.approx(0.30)
    # Basis keeps shrinkage 0: its scheduled requirement is the 14 agents themselves
    p.active_scenario = 0
    assert required_at_ten(p) == (14, 14)
    assert p.queues[0].shrinkage == 0.0 and p.scenarios[0].queue_overrides == {}


def test_service_target_in_one_scenario_leaves_basis_and_the_others_alone() -> None:
    p = make_project()
    history = two_scenarios(p)
    history.apply(AddScenario("Rustig"))  # copied from "Druk" before its target changes
    p.active_scenario = 1
    history.apply(SetScenarioQueueSetting("Telefonie", "sl_percent", 90.0))
    assert pipeline.effective_queues(p)[0].sl_percent == 90.0
    assert required_at_ten(p)[0] > 14  # 90/20 needs more than the 14 of 80/20
    for other in (0, 2):
        p.active_scenario = other
        assert pipeline.effective_queues(p)[0].sl_percent == 80.0
        assert required_at_ten(p) == (14, 14)
    # undo gives "Druk" the queue's own target back (no override left)
    p.active_scenario = 2
    history.undo()
    assert p.scenarios[1].queue_overrides == {}


def test_setting_the_queues_own_value_removes_the_override() -> None:
    p = make_project(shrinkage=0.3)
    history = EditHistory(p)
    history.apply(SetScenarioQueueSetting("Chat", "shrinkage", 0.1))
    assert p.scenario.queue_overrides == {"Chat": {"shrinkage": 0.1}}
    history.apply(SetScenarioQueueSetting("Chat", "shrinkage", 0.3))
    assert p.scenario.queue_overrides == {}
    with pytest.raises(ValueError):
        history.apply(SetScenarioQueueSetting("Chat", "shrinkage", 1.0))


def test_a_band_of_the_profile_sets_the_shrinkage_of_its_weekday_and_hours_only() -> None:
    p = make_project(days=2, shrinkage=0.30)
    history = two_scenarios(p)
    band = ShrinkageBand((0,), time(9, 30), time(10, 30), 0.50, queue="Telefonie")  # Monday 09:30–10:30
    history.apply(SetScenarioField("shrinkage_profile", [band]))
    shrink = pipeline.shrinkage_matrix(p)
    tuesday = date(2027, 5, 4)
    assert shrink[0, at_ten(p, MONDAY)] == pytest.approx(0.50)
    assert shrink[0, p.horizon.index_at(MONDAY, time(10, 30))] == pytest.approx(0.30)  # end is exclusive
    assert shrink[0, at_ten(p, tuesday)] == pytest.approx(0.30)
    assert shrink[1, at_ten(p, MONDAY)] == pytest.approx(0.30)  # the band names Telefonie only
    assert required_at_ten(p, 0, MONDAY) == (14, math.ceil(14 / 0.5))  # 28
    assert required_at_ten(p, 0, tuesday) == (14, 20)
    # a later band for every queue wins where it overlaps the first
    history.apply(SetScenarioField("shrinkage_profile", [band, ShrinkageBand((0, 1), time(10), time(0), 0.0)]))
    shrink = pipeline.shrinkage_matrix(p)
    assert shrink[0, at_ten(p, MONDAY)] == 0.0 and shrink[1, at_ten(p, tuesday)] == 0.0
    assert shrink[0, p.horizon.index_at(MONDAY, time(9, 30))] == pytest.approx(0.50)
    p.active_scenario = 0
    assert not pipeline.shrinkage_matrix(p).ravel().tolist().count(0.5)


def test_bands_refuse_what_a_planner_cannot_mean() -> None:
    with pytest.raises(ValueError):
        ShrinkageBand((0,), time(10), time(9), 0.3)
    with pytest.raises(ValueError):
        ShrinkageBand((), time(9), time(10), 0.3)
    with pytest.raises(ValueError):
        ShrinkageBand((7,), time(9), time(10), 0.3)
    with pytest.raises(ValueError):
        ShrinkageBand((0,), time(9), time(10), 1.0)


def test_coverage_takes_the_scenarios_shrinkage_off_the_rostered_agents() -> None:
    p = make_project(days=1, shrinkage=0.0)
    history = two_scenarios(p)
    history.apply(SetScenarioField("shrinkage_profile", [ShrinkageBand((0,), time(10), time(11), 0.30)]))
    start = datetime.combine(MONDAY, time(10), tzinfo=TZ)
    end = datetime.combine(MONDAY, time(10, 30), tzinfo=TZ)
    roster = Roster([Shift(f"a{i}", MONDAY, start, end, [Segment(start, end, "Telefonie")]) for i in range(20)])
    cov = pipeline.coverage(p, roster, pipeline.compute_requirement(p))
    k = at_ten(p, MONDAY)
    assert cov.productive[0, k] == pytest.approx(14.0)  # 20 × (1 − 0.3)
    assert cov.service_level[0, k] == pytest.approx(0.88835, abs=5e-5)  # §9: N = 14


def test_per_queue_forecast_factors_scale_that_queue_only() -> None:
    p = make_project()
    history = two_scenarios(p)
    history.apply(SetScenarioField("volume_factor", 1.1))
    history.apply(SetScenarioField("queue_volume_factors", {"Chat": 2.0}))
    history.apply(SetScenarioField("queue_aht_factors", {"Telefonie": 0.5}))
    fc = pipeline.scenario_forecast(p)
    k = at_ten(p, MONDAY)
    assert fc.volume[0, k] == pytest.approx(110.0) and fc.aht[0, k] == pytest.approx(90.0)
    assert fc.volume[1, k] == pytest.approx(25.0 * 1.1 * 2.0) and fc.aht[1, k] == pytest.approx(180.0)
    p.active_scenario = 0
    base = pipeline.scenario_forecast(p)
    assert base.volume[1, k] == 25.0 and base.aht[0, k] == 180.0


def small_team(p: Project, n: int = 6) -> None:
    p.agents = [Agent(f"a{i}", f"Agent {i}", contract_hours=8.0, min_hours=0.0, max_hours=16.0,
                      skills=("Telefonie", "Chat")) for i in range(n)]


def day_project(days: int = 2) -> Project:
    """Telefonie and Chat open 08:00–18:00 with work for about three agents all day."""
    p = make_project(days)
    h = p.horizon
    assert p.forecast is not None
    open_ = (h.local_minute_of_day >= 8 * 60) & (h.local_minute_of_day < 18 * 60)
    p.forecast.volume[:, :] = np.where(open_, 12.0, 0.0)
    p.forecast.open_mask = np.broadcast_to(open_, p.forecast.volume.shape).copy()
    return p


def test_an_agent_outside_the_scenario_never_appears_in_its_roster() -> None:
    p = day_project(days=2)
    small_team(p)
    history = two_scenarios(p)
    history.apply(SetScenarioAgents(["a0", "a1", "a2"]))
    result = pipeline.solve_roster(p, pipeline.compute_requirement(p),
                                   options=SolveOptions(time_limit_s=5, workers=1, deterministic=True))
    rostered = {s.agent_id for s in result.roster.shifts}
    assert rostered and rostered <= {"a0", "a1", "a2"}
    # the same requirement with every agent rosters more of them (the set is what limited it)
    p.active_scenario = 0
    everyone = pipeline.solve_roster(p, pipeline.compute_requirement(p),
                                     options=SolveOptions(time_limit_s=5, workers=1, deterministic=True))
    assert {s.agent_id for s in everyone.roster.shifts} - {"a0", "a1", "a2"}


def test_leaving_the_set_takes_the_agents_shifts_out_of_that_scenario_only() -> None:
    p = make_project(days=1)
    small_team(p, 3)
    start = datetime.combine(MONDAY, time(10), tzinfo=TZ)
    end = datetime.combine(MONDAY, time(14), tzinfo=TZ)
    p.scenario.roster = Roster([Shift(a.id, MONDAY, start, end, [Segment(start, end, "Telefonie")])
                                for a in p.agents])
    history = two_scenarios(p)
    history.apply(SetScenarioAgents(["a0", "a2"]))
    assert {s.agent_id for s in p.scenario.roster.shifts} == {"a0", "a2"}
    assert [a.id for a in pipeline.scenario_project(p).agents] == ["a0", "a2"]
    assert len(p.scenarios[0].roster.shifts) == 3 and p.scenarios[0].agent_ids is None
    history.undo()
    assert p.scenario.agent_ids is None and len(p.scenario.roster.shifts) == 3
    with pytest.raises(KeyError):
        history.apply(SetScenarioAgents(["nobody"]))


def test_the_comparison_reads_the_figures_of_the_other_screens() -> None:
    p = make_project(days=1)
    small_team(p, 3)
    start = datetime.combine(MONDAY, time(10), tzinfo=TZ)
    end = datetime.combine(MONDAY, time(11), tzinfo=TZ)
    p.scenario.roster = Roster([Shift(f"a{i}", MONDAY, start, end, [Segment(start, end, "Telefonie")])
                                for i in range(3)])
    history = two_scenarios(p)
    history.apply(SetScenarioQueueSetting("Telefonie", "shrinkage", 0.30))
    p.scenarios[1].roster = None
    figures = pipeline.compare_scenarios(p, [0, 1])
    assert p.active_scenario == 1  # comparing does not switch the scenario
    basis, druk = figures
    assert basis.has_roster and not druk.has_roster
    report = pipeline.coverage(pipeline.with_scenario(p, 0), p.scenarios[0].roster,
                               pipeline.compute_requirement(pipeline.with_scenario(p, 0)))
    assert basis.totals == report.totals
    # Telefonie 14 + Chat (25 calls): the same FTE the Bezetting screen's requirement gives
    req = pipeline.compute_requirement(p)
    assert druk.totals["required_hours"] == pytest.approx(float(req.scheduled.sum()) * 0.5)
    assert druk.totals["required_hours"] > basis.totals["required_hours"]  # 20 instead of 14 for Telefonie
    assert [d.day for d in druk.days] == [MONDAY]
    assert math.isnan(druk.days[0].kpis["service_level"])
    assert druk.days[0].kpis["fte_required"] == pytest.approx(druk.totals["required_hours"] / 7.2)
    # a day row with a roster is the Dekking table's all-queue day (one definition per figure)
    day = pipeline.coverage_periods(pipeline.with_scenario(p, 0), report, None)[0]
    assert basis.days[0].kpis == day.kpis


def test_the_workbook_export_sees_the_scenarios_agents_and_queue_settings() -> None:
    p = make_project(days=1)
    small_team(p, 3)
    history = two_scenarios(p)
    history.apply(SetScenarioAgents(["a1"]))
    history.apply(SetScenarioQueueSetting("Chat", "shrinkage", 0.25))
    start = datetime.combine(MONDAY, time(10), tzinfo=TZ)
    end = datetime.combine(MONDAY, time(11), tzinfo=TZ)
    roster = Roster([Shift("a1", MONDAY, start, end, [Segment(start, end, "Telefonie")])])
    data = pipeline.export_data(p, roster, pipeline.compute_requirement(p))
    assert [a.id for a in data.project.agents] == ["a1"]
    assert [q.shrinkage for q in data.project.queues] == [0.0, 0.25]
    assert [q.shrinkage for q in p.queues] == [0.0, 0.0]  # the project itself is not changed
