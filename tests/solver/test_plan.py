"""The solve plan: which strategies run is decided once, from the model and the options, and
the solve follows it (the plan's strategies are the ones whose traces show in its result)."""

from __future__ import annotations

import pytest
from scenario_kit import scenario, zoo_scenario

from kcroster.solver import SolveOptions, explain_plan, solve
from kcroster.solver import plan as solve_plan
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.plan import plan_for


def _plan(project, req, **opts):
    options = SolveOptions(**opts)
    b = ModelBuilder(project, req, options)
    b.build()
    return plan_for(b, options.workers, options.deterministic, warm_start=False)


@pytest.fixture(scope="module")
def small():
    return zoo_scenario("een_week", 1, agents=8, weeks=1)


def test_small_interval_model_on_the_clock_runs_lp_bound_search_and_one_neighbourhood_search(small):
    p = _plan(*small, workers=2)
    assert p.interval_demand and not p.big and p.strict
    assert p.early_lp and p.lagrangian and p.full_search and p.rens
    assert p.neighbourhood_searches == 1 and not p.columns and not p.dives
    assert not p.hint_full_search  # interval demand: the unhinted search dives on its LP


def test_one_worker_has_no_searches_beside_the_full_search(small):
    p = _plan(*small, workers=1)
    assert p.neighbourhood_searches == 0 and not p.early_lp and not p.rens


def test_deterministic_plan_takes_turns_and_never_dives_by_the_clock(small, monkeypatch):
    p = _plan(*small, workers=2, deterministic=True)
    # one neighbourhood search per worker, in lockstep after the full search
    assert not p.early_lp and p.full_search and p.neighbourhood_searches == 2 and p.rens
    assert _plan(*small, workers=1, deterministic=True).neighbourhood_searches == 1
    monkeypatch.setattr(solve_plan, "COMPLETE_MAX_VARS", 0)
    big_det = _plan(*small, workers=2, deterministic=True)
    big_wall = _plan(*small, workers=2)
    assert big_det.big and not big_det.full_search and big_det.neighbourhood_searches == 0
    assert not big_det.dives and big_wall.dives and big_det.lagrangian


def test_the_solve_follows_the_plan(small, monkeypatch):
    """A deterministic small solve runs the neighbourhood search after the full search (its
    work is counted); a big one runs no full search and completes its shift choice instead."""
    project, req = small
    reports = []
    options = SolveOptions(time_limit_s=4, workers=2, seed=1, deterministic=True)
    res = solve(project, req, options=options, on_progress=reports.append)
    # the first report names the plan it follows (the optimise dialog shows it)
    assert reports[0].stage == "built" and list(reports[0].plan) == explain_plan(project, req, options)
    assert res.status in ("feasible", "optimal") and res.roster.shifts
    assert "complete_s" in res.stats and res.stats["lns_iterations"] > 0
    monkeypatch.setattr(solve_plan, "COMPLETE_MAX_VARS", 0)
    big = solve(project, req, options=SolveOptions(time_limit_s=4, workers=2, seed=1, deterministic=True))
    assert big.status == "feasible" and "completions" in big.stats and "lns_iterations" not in big.stats


def test_explain_plan_names_the_steps_in_dutch():
    project, req = scenario("S", 1)
    wall = explain_plan(project, req, SolveOptions(workers=2))
    det = explain_plan(project, req, SolveOptions(workers=2, deterministic=True))
    assert wall[0].startswith("model: ") and "bezetting per interval" in wall[0]
    assert "kloktijd" in wall[1] and "vast rekenwerk" in det[1]
    assert any("ernaast 1 buurtzoektocht" in line for line in wall)
    assert any("daarna 2 buurtzoektochten" in line and "tegelijk, in vaste rondes" in line for line in det)
    assert [line.split(". ")[0] for line in wall[2:]] == [str(i) for i in range(1, len(wall) - 1)]
