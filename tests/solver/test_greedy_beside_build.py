"""The greedy start runs in a thread beside the model build (:meth:`_Solve.greedy_start`).

The independent expectation is the greedy start run alone on a model built first: in a
deterministic solve the two must find the same shift choice, whatever the threads do, and the
model built beside must be the model built alone. A build that fails stops the greedy start and
reaches the caller as itself."""

from __future__ import annotations

import time as clock

import pytest
from solver_kit import hourly_requirement, opts, project

from kcroster.solver import api
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.options import CancelToken
from kcroster.solver.warmstart import greedy


def _case():
    p = project(6, days=7, interval=15, step=30, lengths=(240, 480), contract_hours=24.0,
                min_hours=16.0, max_hours=32.0, max_days_per_week=5)
    return p, hourly_requirement(p, {h: 2.0 + (h % 3) for h in range(8, 18)})


def test_the_greedy_start_beside_the_build_finds_what_it_finds_after_it():
    p, req = _case()
    o = opts(deterministic=True, workers=2)
    alone = ModelBuilder(p, req, o)
    alone.build()
    picks, bad = greedy(alone, clock.perf_counter() + 20)
    assert bad is None and picks

    run = api._Solve(p, req, o, None, None)
    assert run.greedy_start()
    assert run.hand.picks == picks
    assert run.plan is not None
    built = run.b.model.proto
    assert (len(built.variables), len(built.constraints)) == (len(alone.model.proto.variables),
                                                             len(alone.model.proto.constraints))
    mine, theirs = built.objective, alone.model.proto.objective
    assert (list(mine.vars), list(mine.coeffs)) == (list(theirs.vars), list(theirs.coeffs))


def test_a_failing_build_stops_the_greedy_start_and_is_raised(monkeypatch):
    p, req = _case()
    seen: list[CancelToken] = []

    def failing_build(self):
        raise MemoryError("no room for the model")

    real_run = api.Greedy.run

    def watched_run(self, run, budget, hand):
        seen.append(budget.cancel)
        return real_run(self, run, budget, hand)

    monkeypatch.setattr(ModelBuilder, "build_constraints", failing_build)
    monkeypatch.setattr(api.Greedy, "run", watched_run)
    run = api._Solve(p, req, opts(deterministic=True, workers=2), None, None)
    with pytest.raises(MemoryError, match="no room"):
        run.greedy_start()
    assert len(seen) == 1 and seen[0].cancelled  # its budget was stopped when the build failed


def test_a_child_token_is_cancelled_with_its_parent_not_the_other_way_round():
    parent = CancelToken()
    child = CancelToken(parent)
    child.cancel()
    assert child.cancelled and not parent.cancelled
    parent2 = CancelToken()
    child2 = CancelToken(parent2)
    parent2.cancel()
    assert child2.cancelled
