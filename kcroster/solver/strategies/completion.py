"""Completion: CP-SAT fixes the shift choice and places the breaks, queue flows and penalties
(first solution only) — a complete, legal assignment, far better placed than Python's
extraction, for the full search to start from."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from kcroster.solver.builder import ModelBuilder
from kcroster.solver.costing import lookup, pick_lookup, roster_of
from kcroster.solver.extract import extract
from kcroster.solver.options import Stage
from kcroster.solver.plan import COMPLETE_MAX_S, COMPLETE_MIN_S
from kcroster.solver.strategy import Budget, Hand, StrategyRun
from kcroster.solver.work import CLONE_WORK_PER_VARIABLE, READBACK_WORK_PER_AGENT_DAY, set_limit, spent


def complete(b: ModelBuilder, picks: dict[tuple[int, int], int], deadline: float) -> list[int] | None:
    """Fix the shift choice ``picks`` and let CP-SAT fill in the rest until its first solution
    (by ``deadline``, at most COMPLETE_MAX_S); None when it finds none."""
    m = b.model.clone()
    variables = m.proto.variables
    for ai in range(len(b.agents)):
        for d in range(b.D):
            for ci, x in enumerate(b.x[ai][d]):
                # fixed in its domain, not by a constraint: hundreds of thousands of one-variable
                # constraints cost presolve seconds that CP-SAT's deterministic time never counts
                v = int(picks.get((ai, d)) == ci)
                domain = variables[x.index].domain
                domain[0], domain[1] = v, v
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.random_seed = int(b.opts.seed)
    s.parameters.cp_model_probing_level = 0
    s.parameters.stop_after_first_solution = True
    if b.opts.deterministic:
        set_limit(s.parameters, COMPLETE_MAX_S, True)
    else:
        s.parameters.max_time_in_seconds = max(COMPLETE_MIN_S, min(COMPLETE_MAX_S, deadline - time.perf_counter()))
    st = s.solve(m)
    b.work += spent(s, b.opts.deterministic) + CLONE_WORK_PER_VARIABLE * len(m.proto.variables)
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return list(s.response_proto.solution)


@dataclass
class Completion:
    """The hand's shift choice completed by CP-SAT (by the budget's deadline). On a big model
    (``against_python``) both it and the shift choice with Python's breaks and queues are
    offered, and the hand keeps the cheaper: its ``values`` are None when Python's won."""

    against_python: bool

    def run(self, run: StrategyRun, budget: Budget, hand: Hand) -> Hand:
        b, inc = run.b, run.inc
        values = complete(b, hand.picks, budget.deadline)
        run.stats["complete_s"] = time.perf_counter() - inc.t0
        if not self.against_python or values is None:
            return Hand(values=values, picks=hand.picks, search=hand.search)
        python = extract(b, None, pick=hand.picks)
        look = lookup(values)
        roster = roster_of(b, look)
        # read back beside Python's roster, both priced, and loaded by the caller into the rounds' residual
        b.work += READBACK_WORK_PER_AGENT_DAY * len(b.agents) * b.D
        inc.offer(Stage.COMPLETED, roster, look)
        inc.offer(Stage.COMPLETED, python, pick_lookup(b, hand.picks))
        if inc.held is not None and inc.held.roster is python:
            return Hand(values=None, roster=python, picks=hand.picks, search=hand.search)
        return Hand(values=values, roster=roster, picks=hand.picks, search=hand.search)
