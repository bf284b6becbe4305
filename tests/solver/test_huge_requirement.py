"""A huge requirement in one interval (issue 23 item 12: 10^6 calls in one quarter) neither
grows the model nor stops the roster: every coverage cell's cost has as many pieces as there
are under-coverage tiers, however large its requirement."""

from __future__ import annotations

import numpy as np
from scenario_kit import zoo_scenario
from solver_kit import errors

from kcroster.solver import SolveOptions, solve
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.coverage import SCALE

HUGE = 350_000.0  # agents: about what a million calls in a quarter of an hour ask for


def _with_peak(agents: float) -> tuple:
    """A small reintegration week (cells in tenths and in whole agents) with ``agents`` asked
    for in one open cell of each kind."""
    project, req = zoo_scenario("re_integratie", 1, agents=8, weeks=1)
    probe = ModelBuilder(project, req, SolveOptions(deterministic=True))
    probe.build()
    # a cell in tenths ends one agent above its requirement, a whole-agent one two
    tenths = [key for key, (pts, _c) in probe.cells.items()
              if pts[-1][0] == int(round(float(req[key]) * SCALE)) + SCALE]
    whole = [key for key in probe.cells if key not in set(tenths)]
    assert tenths and whole
    req = req.copy()
    for key in (tenths[len(tenths) // 2], whole[len(whole) // 2]):
        req[key] = agents
    return project, req


def _size(project, req) -> tuple[int, int, int]:
    b = ModelBuilder(project, req, SolveOptions(deterministic=True))
    b.build()
    return (len(b.model.proto.variables), len(b.model.proto.constraints),
            max(len(pts) for pts, _c in b.cells.values()))


def test_model_size_does_not_depend_on_one_requirement() -> None:
    tiers = len(SolveOptions().weights.under_tiers)
    modest = _size(*_with_peak(12.0))
    huge = _size(*_with_peak(HUGE))
    assert huge[0] <= modest[0] and huge[1] <= modest[1], (modest, huge)
    assert huge[2] <= tiers + 5, huge  # the chords around the requirement and 0


def test_huge_requirement_still_gets_a_legal_roster() -> None:
    project, req = _with_peak(HUGE)
    res = solve(project, req, options=SolveOptions(time_limit_s=4.0, workers=2, seed=1,
                                                   deterministic=True))
    assert res.status in ("feasible", "optimal"), (res.status, res.conflicts)
    assert res.roster.shifts
    assert errors(res, project) == []
    assert np.isfinite(res.objective)
