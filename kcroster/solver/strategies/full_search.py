"""Full search: CP-SAT over the whole model. Its solutions become rosters offered to the
incumbent, its bound is raised there; alone (one worker), beside the neighbourhood searches on
the clock (:mod:`~kcroster.solver.strategies.beside`) or before them in turn
(:mod:`~kcroster.solver.strategies.in_turn`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ortools.sat.python import cp_model

from kcroster.model import Roster
from kcroster.solver.costing import rosterize
from kcroster.solver.incumbent import Incumbent
from kcroster.solver.options import CancelToken, Stage
from kcroster.solver.plan import FULL_SEARCH_MIN_S, SolvePlan
from kcroster.solver.strategy import Budget, Hand, StrategyRun, max_bound
from kcroster.solver.work import set_limit


class Callback(cp_model.CpSolverSolutionCallback):
    """The full search's solutions and bounds: each better solution becomes a roster offered to
    the incumbent (``rosterize`` turns a full assignment into a roster and its value function);
    its values are kept for the neighbourhood searches to adopt."""

    def __init__(self, inc: Incumbent, rosterize: Callable[[list[int]], tuple[Roster, Callable]],
                 cancel: CancelToken | None) -> None:
        super().__init__()
        self.inc = inc
        self.rosterize = rosterize
        self.cancel = cancel
        self.first: float | None = None
        self.best: float | None = None  # the model objective of the best solution
        self.bound: float | None = None  # CP-SAT's bound (over both runs of the full search)
        self.lock = threading.Lock()
        self.keep_values = False
        self.values: tuple[float, list[int]] | None = None

    def on_solution_callback(self) -> None:
        with self.lock:
            if self.first is None:
                self.first = time.perf_counter() - self.inc.t0
            obj = self.objective_value
            better = self.best is None or obj < self.best
            values = list(self.response_proto.solution) if better else None
            if values is not None and self.keep_values:
                self.values = (obj, values)  # the neighbourhood search adopts it
            self.best = obj if self.best is None else min(self.best, obj)
            self.bound = max_bound(self.best_objective_bound, self.bound)
        if values is not None:
            self.inc.offer(Stage.FOUND, *self.rosterize(values))
        if self.cancel is not None and self.cancel.cancelled:
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        with self.lock:
            self.bound = max_bound(bound, self.bound)
        self.inc.raise_bound(Stage.BOUND, bound)


class FullSearch:
    """CP-SAT over the whole model with the solve's options: its solver (limit and workers as
    the plan and the clock say; ``beside``: neighbourhood searches beside it, each taking a
    core from it) and its callback. ``run`` alone searches until the budget; ``status`` is its
    last status."""

    def __init__(self, run: StrategyRun, plan: SolvePlan, budget: Budget, beside: int) -> None:
        b = run.b
        opts = b.opts
        self.solver = solver = cp_model.CpSolver()
        prm = solver.parameters
        if plan.deterministic:
            # the workers interleaved in fixed batches: the same search on any machine and load
            prm.interleave_search = True
            set_limit(prm, budget.work, True)
        else:
            prm.max_time_in_seconds = max(FULL_SEARCH_MIN_S, budget.deadline - time.perf_counter())
        # with neighbourhood searches beside it, the full search keeps one CP-SAT worker per core
        # left over (at least one: it proves the bound)
        prm.num_workers = max(1, int(opts.workers) - beside)
        prm.random_seed = int(opts.seed)
        prm.log_search_progress = bool(opts.log)
        prm.cp_model_probing_level = 0  # probing is slow on the big coverage rows and buys little here
        prm.linearization_level = 2  # level 1 leaves the coverage rows out of the LP: useless bounds
        if b.req is None:
            # shift-type models (nurse rostering): the full-problem worker with the strongest LP
            # (all cuts, constraints not lazy) moves the bound from ~0 to near the optimum
            if prm.num_workers >= 2 or plan.deterministic:  # (deterministic: the same subsolvers anywhere)
                prm.subsolvers.append("max_lp")
            else:
                prm.add_lp_constraints_lazily = False
        self.cb = Callback(run.inc, lambda values: rosterize(b, values), budget.cancel)
        self.cb.keep_values = beside > 0
        solver.best_bound_callback = self.cb.on_bound
        self.status = cp_model.UNKNOWN

    def run(self, run: StrategyRun, budget: Budget, hand: Hand) -> Hand:
        self.status = self.solver.solve(run.b.model, self.cb)
        return hand


@contextmanager
def stopped_on_cancel(budget: Budget, solver: cp_model.CpSolver, interrupt: Callable[[], None]) -> Iterator[None]:
    """While inside: a watcher stops ``solver`` (and calls ``interrupt``, for the neighbourhood
    searches) as soon as the budget's cancel token is set."""
    if budget.cancel is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if budget.cancelled():
                solver.stop_search()
                interrupt()
                return

    watcher = threading.Thread(target=watch, name="kcroster-cancel", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
