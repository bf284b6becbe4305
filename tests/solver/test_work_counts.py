"""Deterministic solves stop by counted work: a one-agent solve's setup (its objective and hint
built in Python, its model loaded and presolved by CP-SAT) is part of what the descent counts, not
only CP-SAT's deterministic time, so a descent given a work budget ends within it."""

from __future__ import annotations

import time

from scenario_kit import scenario
from solver_kit import opts

from kcroster.solver.builder import ModelBuilder
from kcroster.solver.warmstart import AgentSearch, descend, greedy
from kcroster.solver.work import ONE_AGENT_SOLVE_WORK_PER_VARIABLE


def test_a_descent_counts_each_one_agent_solve_setup_against_its_work_budget(monkeypatch) -> None:
    p, req = scenario("S", 1)
    b = ModelBuilder(p, req, opts(deterministic=True))
    b.build()
    picks, bad = greedy(b, time.perf_counter() + 60)
    assert bad is None
    srch = b.agent_search
    # the descent visits the agents in order, and each solve counts at least its own model's
    # setup: a budget of the first ten agents' setups leaves room for at most ten solves,
    # whatever CP-SAT's own count says (without the setup counted it allows nearly twice as many)
    budget = ONE_AGENT_SOLVE_WORK_PER_VARIABLE * sum(len(srch._sub(ai).s.model.proto.variables) for ai in range(10))
    solves = []
    optimise = AgentSearch.optimise
    monkeypatch.setattr(AgentSearch, "optimise", lambda self, *a, **k: solves.append(a[0]) or optimise(self, *a, **k))
    descend(b, srch, time.perf_counter() + 60, work=budget)
    assert 1 <= len(solves) <= 10
