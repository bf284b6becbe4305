"""In turn: a deterministic solve's search, its strategies one after the other, each for its
share of the budget's work: the full search (workers interleaved), on shift-type models the
column generation (its bound, its master's solution to steer the neighbourhoods), then the
neighbourhood searches (one per worker, in lockstep: :func:`~kcroster.solver.lns.run_together`)
from the best roster found, the full search taking over from their best whenever they stall — on
a small interval-demand model first one dive into the LP relaxation's integral part (RENS), the
LP stopped by work as well."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from kcroster.solver.bound import lp_values
from kcroster.solver.builder import ModelBuilder, hint_assignment
from kcroster.solver.lns import NeighbourhoodSearch, run_together
from kcroster.solver.options import Stage
from kcroster.solver.plan import (
    COLUMNS_SHARE,
    FULL_FIRST,
    FULL_SEARCH_SHARE,
    NEIGHBOURHOOD_MIN_WORK,
    RENS_LP_BASE_S,
    RENS_LP_PER_WORK_S,
    STALL_STEPS,
    SolvePlan,
    neighbourhood_step,
)
from kcroster.solver.strategies.beside import team_of
from kcroster.solver.strategies.full_search import FullSearch
from kcroster.solver.strategy import Budget, Hand, StrategyRun
from kcroster.solver.work import set_limit, spent


@dataclass
class SearchInTurn:
    """The strategy (see the module docstring): the full search ``full`` for FULL_SEARCH_SHARE
    of the budget's work (FULL_FIRST where the column generation follows), the columns until
    their master is solved or COLUMNS_SHARE is used, the neighbourhood searches for the rest.
    ``objective``: the model objective of the hand's full assignment. Each roster found is
    offered to the incumbent on the way; ``team`` holds the neighbourhood searches afterwards
    (None when the full search ended it all)."""

    plan: SolvePlan
    full: FullSearch
    objective: float
    team: list[NeighbourhoodSearch] | None = None

    def run(self, run: StrategyRun, budget: Budget, hand: Hand) -> Hand:
        b, plan, cb, cancelled = run.b, self.plan, self.full.cb, budget.cancelled
        work, values, objective = budget.work, hand.values, self.objective
        full_share = FULL_FIRST if plan.columns else FULL_SEARCH_SHARE
        set_limit(self.full.solver.parameters, full_share * work, True)
        cb.keep_values = True
        st = self.full.status = self.full.solver.solve(b.model, cb)
        rest = (1.0 - full_share) * work
        if (st in (cp_model.OPTIMAL, cp_model.INFEASIBLE) or cancelled() or rest < NEIGHBOURHOOD_MIN_WORK
                or not plan.neighbourhood_searches):
            return hand
        if cb.values is not None:
            objective, values = cb.values
        self.team = team = team_of(b, values, objective, plan.neighbourhood_searches, first=1)
        ns = team[0]
        col_bound = None
        if plan.columns:
            used, col_bound, point = columns_in_turn(b, values, objective, COLUMNS_SHARE * work, cancelled,
                                                     plan.pricing_threads)
            rest -= used
            run.inc.raise_bound(Stage.BOUND_LAGRANGE, col_bound)
            for member in team:
                member.lp = point
            ns.rens_pending = point is not None  # the master's optimum: one dive into its integral part
        elif plan.rens:
            # GLOP's work units are not CP-SAT's: the LP gets as many units as the whole search
            # has nominal seconds (it stops far sooner when the LP is easy)
            ns.lp = lp_values(b.model, time_limit_s=RENS_LP_BASE_S + RENS_LP_PER_WORK_S * work, work_limit=work)
            ns.rens_pending = ns.lp is not None
        step = neighbourhood_step(b, rest)

        def at_bound() -> bool:
            # the bounds proven in turn only: the Lagrangian bound comes by the clock and must not decide
            own = max((v for v in (col_bound, cb.bound) if v is not None), default=None)
            return cancelled() or (own is not None and own >= ns.objective - 1e-6)

        def improved(_obj: float, vals: list[int]) -> None:
            run.inc.offer(Stage.FOUND_NEIGHBOURHOOD, *cb.rosterize(vals))

        self._search_and_restart(run, team, at_bound, improved, step, rest, min(FULL_FIRST * work, rest / 2))
        return hand

    def _search_and_restart(self, run: StrategyRun, team: list[NeighbourhoodSearch], at_bound: Callable[[], bool],
                            improved: Callable[[float, list[int]], None], step: float, rest: float,
                            full_work: float) -> None:
        """The neighbourhood searches for ``rest`` work; each time they go STALL_STEPS rounds
        without a better roster, the full search takes over from their best for ``full_work``
        (at most half of what is left), then they go on from its best — as on the clock, where
        the full search comes back when the neighbourhood searches stall. Its own search (its
        LP, its own neighbourhoods) leaves the local optimum the team is stuck in."""
        b, cb, solver = run.b, self.full.cb, self.full.solver
        quiet = [0]  # rounds since the last better roster

        def stalled() -> bool:
            quiet[0] += 1
            return at_bound() or quiet[0] > STALL_STEPS

        def better(obj: float, vals: list[int]) -> None:
            quiet[0] = 0
            improved(obj, vals)

        while rest >= NEIGHBOURHOOD_MIN_WORK:
            rest -= run_together(team, stalled, better, step, rest)
            give = min(full_work, rest / 2)
            if at_bound() or rest < NEIGHBOURHOOD_MIN_WORK or give < NEIGHBOURHOOD_MIN_WORK:
                return
            best = team[0]  # after a round every search holds the round's best
            hint_assignment(b.model, best.values)
            set_limit(solver.parameters, give, True)
            st = self.full.status = solver.solve(b.model, cb)
            rest -= spent(solver, True)
            if cb.values is not None and cb.values[0] < best.objective - 0.5:
                for ns in team:
                    ns.adopt(*cb.values)
            if st in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
                return
            quiet[0] = 0


def columns_in_turn(b: ModelBuilder, values: list[int], objective: float, work: float,
                    cancelled: Callable[[], bool], threads: int = 1
                    ) -> tuple[float, int | None, list[float] | None]:
    """Column generation from the roster ``values`` for at most ``work``, pricing in
    ``threads`` threads: (work used, the proven bound or None, the master's solution once it
    guides, else None: :meth:`~kcroster.solver.columns.HorizonColumns.guides`)."""
    from kcroster.solver.columns import HorizonColumns

    hc = HorizonColumns(b, threads)
    bound = hc.run(values, float("inf"), upper=lambda: objective, stop=cancelled, work=work)
    point = hc.lp_point(len(b.model.proto.variables)) if hc.guides() else None
    return hc.work, (bound if bound is not None and bound > 0 else None), point
