"""Descent: agent by agent, each re-optimised against all others
(:func:`kcroster.solver.warmstart.descend`), until the budget, a sweep without improvement or
cancel; each sweep reports the shift choice's estimated objective."""

from __future__ import annotations

import time

from kcroster.solver.costing import picks_cost
from kcroster.solver.options import Stage
from kcroster.solver.strategy import Budget, Hand, StrategyRun
from kcroster.solver.warmstart import descend


class Descent:
    """The strategy (see the module docstring) from the hand's one-agent search."""

    def run(self, run: StrategyRun, budget: Budget, hand: Hand) -> Hand:
        b, srch = run.b, hand.search

        def sweep(n: int, _coverage: int) -> None:
            # the full objective of the current shift choice (not only its coverage)
            run.inc.report(Stage.ROUND, round=n, estimate=picks_cost(b, srch))

        run.stats["sweeps"] = descend(b, srch, budget.deadline, budget.cancel, sweep, work=budget.work)
        run.stats["descent_s"] = time.perf_counter() - run.inc.t0
        return Hand(picks=srch.picks, search=srch)
