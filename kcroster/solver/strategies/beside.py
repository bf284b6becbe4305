"""Beside: on the clock, the full search in a thread (it proves the bound) and the
neighbourhood searches (:mod:`kcroster.solver.lns`) beside it, each starting its next
neighbourhood from the best roster any of them holds; on shift-type models the column
generation (the bound thread) takes a core first, the full search making way for it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from kcroster.solver.builder import ModelBuilder
from kcroster.solver.lns import NeighbourhoodSearch
from kcroster.solver.options import Stage
from kcroster.solver.plan import (
    FULL_FIRST,
    FULL_FIRST_MIN_S,
    PAUSE_GAP,
    RESTART_MIN_S,
    SEED_STRIDE,
    STALL_STEPS,
    WAIT_FOR_COLUMNS,
    SolvePlan,
    neighbourhood_step,
)
from kcroster.solver.strategies.bound_thread import BoundThread
from kcroster.solver.strategies.full_search import Callback, FullSearch
from kcroster.solver.strategies.relaxation import Relaxation
from kcroster.solver.strategy import Budget, Hand, StrategyRun


def team_of(b: ModelBuilder, values: list[int], objective: float, n: int, first: int = 0
            ) -> list[NeighbourhoodSearch]:
    """``n`` neighbourhood searches from the full assignment ``values`` (of model objective
    ``objective``), each with its own seed (the ``first``-th stride on)."""
    return [NeighbourhoodSearch(b, values, objective, int(b.opts.seed) + SEED_STRIDE * (i + first))
            for i in range(n)]


@dataclass
class SearchBeside:
    """The strategy: the full search ``full`` with the plan's neighbourhood searches ``team``
    beside it until the budget's deadline; on shift-type models with columns the bound thread
    ``lag`` runs them beside, else the LP relaxation (``early_lp`` when it was started with the
    solve on this model) steers the neighbourhoods. ``relaxation``: the LP it waited for."""

    plan: SolvePlan
    full: FullSearch
    team: list[NeighbourhoodSearch]
    lag: BoundThread
    early_lp: Relaxation | None
    relaxation: Relaxation | None = None

    def run(self, run: StrategyRun, budget: Budget, hand: Hand) -> Hand:
        b, lns, deadline = run.b, self.team, budget.deadline
        columns = self.plan.columns and self.lag.thread is None
        lp = None  # shift-type models with columns: the column master steers instead
        if columns:
            def use_lp(point: list[float]) -> None:
                for ns in lns:
                    ns.lp = point
                # the master's optimum is as strong as the Dantzig–Wolfe bound: one dive into
                # the shifts it fixes to 0 or 1 (even where it mixes schedules, most agree)
                lns[0].rens_pending = True

            self.lag.start_columns(b, hand.values, deadline, budget.cancel,
                                   lambda: min(ns.objective for ns in lns), use_lp,
                                   lambda: min(lns, key=lambda ns: ns.objective).values)
        else:
            # the LP started with the solve, unless the model was rebuilt since (relaxed agents)
            early = self.early_lp
            lp = early if early is not None and early.b is b else Relaxation(b, 0.0)
            self.relaxation = lp
        pause_at = time.perf_counter() + max(FULL_FIRST_MIN_S, FULL_FIRST * b.opts.time_limit_s)
        self.full.status = solve_beside(b, self.full.solver, self.full.cb, lns, deadline, budget.cancelled,
                                        compact_lp=lp, wait_for=self.lag.thread if columns else None,
                                        pause_at=pause_at)
        return hand


def solve_beside(b: ModelBuilder, solver: cp_model.CpSolver, cb: Callback, team: list[NeighbourhoodSearch],
                 deadline: float, cancelled: Callable[[], bool], compact_lp: Relaxation | None = None,
                 wait_for: threading.Thread | None = None, pause_at: float | None = None) -> int:
    """The full search in a thread (it proves the bound), the neighbourhood searches beside it;
    each starts its next neighbourhood from the best roster any of them holds, and the full
    search stops when its bound meets that roster. Returns the full search's status.

    With ``wait_for`` (the column generation's thread), at ``pause_at`` the full search makes way
    for it when its own bound is still far below the best roster (it would prove nothing soon),
    then waits for that thread and starts again until the deadline."""
    return Beside(b, solver, cb, team, deadline, cancelled, wait_for).run(compact_lp, pause_at)


class Beside:
    """The threads of :func:`solve_beside` and what they share: the full search's status,
    whether it is finished (a roster at the bound, or the end: it stays down) or paused for
    the columns, and when a neighbourhood search last improved the roster."""

    def __init__(self, b: ModelBuilder, solver: cp_model.CpSolver, cb: Callback,
                 team: list[NeighbourhoodSearch], deadline: float, cancelled: Callable[[], bool],
                 wait_for: threading.Thread | None) -> None:
        self.b, self.solver, self.cb, self.team = b, solver, cb, team
        self.deadline, self.cancelled, self.wait_for = deadline, cancelled, wait_for
        self.status: int | None = None  # the full search's, once it returned
        self.finished = threading.Event()
        self.paused = threading.Event()
        self.lock = threading.Lock()
        self.step = neighbourhood_step(b, deadline - time.perf_counter())
        self.gained = time.perf_counter()  # when a neighbourhood search last improved the roster

    def run(self, compact_lp: Relaxation | None, pause_at: float | None) -> int:
        """Start the full search and the helpers, run the neighbourhood searches until the
        deadline or the bound, then stop everything."""
        team = self.team
        th = threading.Thread(target=self._full, name="kcroster-full-search", daemon=True)
        th.start()
        if self.wait_for is not None and pause_at is not None:
            threading.Thread(target=self._pause, args=(th, pause_at), name="kcroster-pause",
                             daemon=True).start()
        if compact_lp is not None:
            threading.Thread(target=self._take_relaxation, args=(compact_lp,),
                             name="kcroster-lp-wait", daemon=True).start()
        until = time.perf_counter() + WAIT_FOR_COLUMNS * (self.deadline - time.perf_counter())
        workers = [threading.Thread(target=self._second, args=(ns, until), name="kcroster-lns", daemon=True)
                   for ns in team[1:]]
        for w in workers:
            w.start()
        team[0].run(self.deadline, self._stopper(team[0]), on_improve=self._improved, step_limit=self.step)
        self.finished.set()
        for ns in team:
            ns.interrupt()
        for w in workers:
            w.join()
        self.solver.stop_search()
        th.join()
        return cp_model.UNKNOWN if self.status is None else self.status

    def _improved(self, _obj: float, values: list[int]) -> None:
        self.gained = time.perf_counter()
        self.cb.inc.offer(Stage.FOUND_NEIGHBOURHOOD, *self.cb.rosterize(values))

    def _full(self) -> None:
        """The full search; after a pause for the columns it comes back once they are done and
        the neighbourhood searches stall."""
        b, solver, cb, deadline = self.b, self.solver, self.cb, self.deadline
        self.status = solver.solve(b.model, cb)
        if not self.paused.is_set() or self.status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
            return
        # the columns first; then the cores stay with the neighbourhood searches while they
        # still improve the roster, and the full search comes back when they stall (both
        # neighbourhood searches need a core each: restarted at once after the columns, the full
        # search would take one of them)
        while (not self.finished.is_set() and not self.cancelled() and time.perf_counter() < deadline - RESTART_MIN_S
               and (self.wait_for.is_alive() or time.perf_counter() - self.gained < STALL_STEPS * self.step)):
            self.finished.wait(0.1)
        left = deadline - time.perf_counter()
        if self.finished.is_set() or self.cancelled() or left < RESTART_MIN_S:
            return
        # unhinted: the neighbourhood searches hold the best roster and adopt any better one this
        # search finds, and its own dive finds other ones
        b.model.clear_hints()
        solver.parameters.max_time_in_seconds = left
        self.status = solver.solve(b.model, cb)

    def _pause(self, full: threading.Thread, pause_at: float) -> None:
        """At ``pause_at``, stop the full search for the columns when its bound is far off."""
        # the column generation needs the core more than a full search whose bound is far off
        # (with the core the columns' bound converges sooner); one whose bound is close keeps it
        # (it may be about to find and prove the optimum, which a search restarted after the
        # columns would have to start over)
        while time.perf_counter() < pause_at and full.is_alive() and not self.finished.is_set():
            self.finished.wait(0.05)
        best = min(ns.objective for ns in self.team)
        own = self.cb.bound
        if (full.is_alive() and self.wait_for.is_alive() and not self.finished.is_set()
                and (own is None or best - own > PAUSE_GAP * abs(best))):
            self.paused.set()
            self.solver.stop_search()

    def _take_relaxation(self, compact_lp: Relaxation) -> None:
        """Hand the LP relaxation, once solved, to the neighbourhood searches."""
        lp = compact_lp.wait(self.deadline)
        if lp is None:
            return
        for ns in self.team:
            ns.lp = lp
        if self.b.req is not None:
            # interval demand: one dive into the LP's integral part (on shift-type models the
            # LP is too weak to steer a dive: it lies far below the optimum)
            self.team[0].rens_pending = True

    def _stopper(self, me: NeighbourhoodSearch) -> Callable[[], bool]:
        """``me``'s check between neighbourhoods: adopt a better roster found elsewhere; True
        when the search should stop (cancelled, the full search done, a roster at the bound)."""
        cb, team = self.cb, self.team

        def stop() -> bool:
            if self.cancelled() or self.status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
                return True  # (a full search ended by its time limit may start again)
            with self.lock:
                found = cb.values
                if found is not None and found[0] < me.objective - 0.5:
                    me.adopt(found[0], found[1])  # the full search found better: go on from there
                other = min(team, key=lambda ns: ns.objective)
                if other is not me and other.objective < me.objective - 0.5:
                    me.adopt(other.objective, other.values)
            bd = cb.inc.bound
            if bd is not None and bd >= me.objective - 1e-6:
                self.finished.set()
                self.solver.stop_search()  # a roster at the bound: nothing left to find
                return True
            return False
        return stop

    def _second(self, ns: NeighbourhoodSearch, until: float) -> None:
        """A further neighbourhood search; with columns running it waits for them first."""
        if self.wait_for is not None:
            # the column generation has the core first; the second search starts when it is
            # done, or by ``until`` when it takes longer (short solves)
            while self.wait_for.is_alive() and time.perf_counter() < until and not self._stopper(ns)():
                self.wait_for.join(timeout=0.1)
        ns.run(self.deadline, self._stopper(ns), self._improved, self.step)


