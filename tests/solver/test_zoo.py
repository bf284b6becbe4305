"""Every scenario of the zoo, at a small size that keeps its shape (nights, clock changes,
students, part-timers, reintegration, 30-minute intervals …), gets a roster the independent
checker accepts, and no objective reported during the solve lies below the returned one."""

from __future__ import annotations

import pytest
from scenario_kit import ZOO, zoo_scenario, zoo_shape
from solver_kit import errors

from kcroster.solver import SolveOptions, solve


def _small(name: str) -> tuple[int, int]:
    """Agents and weeks of the test size: a handful of agents, one week (two for the long
    horizon, so it still links weeks)."""
    return 8, (2 if zoo_shape(name).weeks > 4 else 1)


@pytest.mark.parametrize("name", ZOO)
def test_zoo_scenario_gets_a_legal_roster(name):
    agents, weeks = _small(name)
    project, requirement = zoo_scenario(name, 1, agents=agents, weeks=weeks)
    reported: list[float] = []

    def progress(snap) -> None:
        if snap.objective is not None:
            reported.append(snap.objective)

    res = solve(project, requirement, on_progress=progress,
                options=SolveOptions(time_limit_s=4.0, workers=2, seed=1))
    assert res.status in ("feasible", "optimal"), (res.status, res.conflicts)
    assert res.roster.shifts, "a roster without shifts"
    assert errors(res, project) == []
    assert res.objective is not None
    assert min(reported) >= res.objective - 1e-6, (min(reported), res.objective)
