"""The one entry point: ``solve(project, requirement, on_progress=..., cancel=...)``.

Runs CP-SAT in the calling thread (it releases the GIL), reports progress from solution and
bound callbacks, stops on a cancel token from any thread, extracts the roster, runs the
independent checker on it and, when no legal roster exists, explains why.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model

from kcroster.model import Project, Roster, step_in_force
from kcroster.model.coverage import scheduled_matrix
from kcroster.solver.bound import lp_values
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.contract import over_contract_cost, partial_week_notes
from kcroster.solver.extract import extract
from kcroster.solver.incumbent import Incumbent
from kcroster.solver.incumbent import gap as _gap
from kcroster.solver.infeasibility import describe_gate, explain, explain_agent
from kcroster.solver.lns import NeighbourhoodSearch, run_together
from kcroster.solver.objective import RELAX_COST
from kcroster.solver.options import CancelToken, RosterResult, SolveOptions, SolveProgress, Stage
from kcroster.solver.plan import (
    BIG_DESCENT_SHARE,
    BIG_WORK_SHARE,
    COLUMNS_SHARE,
    DESCENT_MIN_SHARE,
    DESCENT_SHARE,
    DIVE_FIRST,
    FULL_FIRST,
    FULL_FIRST_MIN_S,
    FULL_SEARCH_SHARE,
    GREEDY_MIN_S,
    GREEDY_SHARE,
    LP_SHARE,
    PAUSE_GAP,
    STALL_STEPS,
    WAIT_FOR_COLUMNS,
    SolvePlan,
    plan_for,
)
from kcroster.solver.warmstart import AgentSearch, descend, greedy
from kcroster.solver.wishes import fairness_value
from kcroster.solver.work import CLONE_WORK_PER_VARIABLE, set_limit, spent

#: the conflict of a relaxed solve that still has no roster (the solver speaks Dutch, as the core does)
RELAXED_INFEASIBLE = ("Ook met versoepelde regels geen rooster: afwezigheid, beschikbaarheid of het "
                      "re-integratieplan laten geen enkele dienst toe.")

#: the notes of a strategy that failed beside the search (``fout``: the exception); the roster
#: never depends on them, so the solve goes on, and the planner is told
BOUND_FAILED = "De ondergrens ({wat}) kon niet worden berekend ({fout}) en telt niet mee: {rest}"
BOUND_REST_OWN = "de getoonde ondergrens is die van CP-SAT zelf."
BOUND_REST_NONE = "er is geen bewezen ondergrens."
DIVE_FAILED = ("Een duik in de weekroosters van de ondergrens is mislukt ({fout}); het rooster komt "
               "van de andere strategieën.")
LP_FAILED = "De LP-relaxatie is mislukt ({fout}); het buurtzoeken liep zonder haar sturing."


def _failure(exc: BaseException) -> str:
    """An exception in a line of a note: its type (what a developer looks for) and message."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class _Callback(cp_model.CpSolverSolutionCallback):
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
            self.bound = _max_bound(self.best_objective_bound, self.bound)
        if values is not None:
            self.inc.offer(Stage.FOUND, *self.rosterize(values))
        if self.cancel is not None and self.cancel.cancelled:
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        with self.lock:
            self.bound = _max_bound(bound, self.bound)
        self.inc.raise_bound(Stage.BOUND, bound)


def explain_plan(project: Project, requirement: np.ndarray | None = None,
                 options: SolveOptions | None = None) -> list[str]:
    """The plan :func:`solve` starts with on these inputs (it may turn relaxed on the way, when
    an agent has no legal schedule), in the planner's words."""
    opts = options or SolveOptions()
    b = ModelBuilder(project, requirement, opts, mode=ModelBuilder.STRICT)
    b.build()
    warm = opts.warm_start is not None or opts.reference is not None
    return plan_for(b, opts.workers, opts.deterministic, warm_start=warm).lines()


def solve(project: Project, requirement: np.ndarray | None = None, *,
          on_progress: Callable[[SolveProgress], None] | None = None,
          cancel: CancelToken | None = None, options: SolveOptions | None = None) -> RosterResult:
    """A roster for ``project`` against ``requirement`` (agents per queue and interval; None for
    shift-type demand), by the plan :func:`kcroster.solver.plan.plan_for` decides. Progress goes
    to ``on_progress``; ``cancel`` stops it with the best roster found."""
    run = _Solve(project, requirement, options or SolveOptions(), on_progress, cancel)
    run.start_from_previous()
    if run.first_values is None:
        if not run.start_greedy():
            return run.res  # an agent without any legal schedule: explained
        run.descend_and_complete()
    run.ready_for_search()
    return run.finish(run.search())


class _Solve:
    """One solve, phase by phase (see :func:`solve`): its builder, plan, incumbent, bound thread
    and the first roster as it improves (``first_values``: a full assignment, ``first_roster``,
    ``picks``: the shift choice, ``srch``: the one-agent search)."""

    def __init__(self, project: Project, requirement: np.ndarray | None, opts: SolveOptions,
                 on_progress: Callable[[SolveProgress], None] | None, cancel: CancelToken | None) -> None:
        self.project, self.requirement, self.opts, self.cancel = project, requirement, opts, cancel
        self.t0 = time.perf_counter()
        self.mode = ModelBuilder.STRICT
        self.b = ModelBuilder(project, requirement, opts, mode=self.mode)
        self.b.build()
        self.build_s = time.perf_counter() - self.t0
        self.res = RosterResult(roster=Roster(), status="unknown")
        self.res.notes.extend(partial_week_notes(project))  # a week cut by the plan's start or end
        self.lag = _BoundThread(self.t0)
        self.inc = Incumbent(self.t0, on_progress, lambda roster, look: _price(self.b, roster, look),
                             lambda: self.lag.best)
        self.lag.on_found = lambda: self.inc.report(Stage.BOUND_LAGRANGE)
        self.det = opts.deterministic
        # no roster to start from but a published one: start from that (stability rewards
        # staying close to it)
        self.start = opts.warm_start if opts.warm_start is not None else opts.reference
        self.plan = plan_for(self.b, opts.workers, self.det, warm_start=self.start is not None)
        if on_progress:
            built = SolveProgress.at(Stage.BUILT, self.build_s, None, None, None, 0)
            built.plan = tuple(self.plan.lines())
            on_progress(built)
        # small interval-demand model: its LP relaxation steers the neighbourhood search (one
        # dive into its integral part, RENS); it takes seconds, so it starts now, beside the
        # greedy start, instead of after it with what time is left
        self.early_lp = (_Relaxation(self.b, max(1.0, min(30.0, LP_SHARE * opts.time_limit_s)))
                         if self.plan.early_lp else None)
        self.deadline = self.t0 + opts.time_limit_s
        self.first_values: list[int] | None = None
        self.first_roster: Roster | None = None
        self.first_obj: int | None = None
        self.picks: dict[tuple[int, int], int] | None = None
        self.srch: AgentSearch | None = None
        self.big = False
        self.relaxed_ids: set[str] | None = None
        self.lns: list[NeighbourhoodSearch] | None = None
        self.relaxation: _Relaxation | None = None  # the LP beside the search on the clock

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def _work_until(self, share: float) -> float | None:
        """Deterministic solves: the work until which a phase runs (None: by the clock)."""
        return share * self.opts.time_limit_s if self.det else None

    def start_from_previous(self) -> None:
        """A previous roster's shift choice, completed by CP-SAT; on a big model the
        agent-by-agent rounds go on from it (the full search would not get anywhere)."""
        b, opts = self.b, self.opts
        self.picks = _warm_picks(b, self.start) if self.start is not None else None
        self.first_values = _complete(b, self.picks, self.deadline) if self.picks else None
        if (self.first_values is None or not self.plan.big or self.mode != ModelBuilder.STRICT
                or opts.relaxed or self.cancelled()):
            return
        self.big = True
        self.res.time_to_first_s = time.perf_counter() - self.t0
        self.first_roster = _extract(b, _lookup(self.first_values))
        self.srch = srch = AgentSearch(b)
        srch.picks = dict(self.picks)
        srch.load(self.first_roster)
        b.agent_search = srch
        self.inc.offer(Stage.FIRST, self.first_roster, _lookup(self.first_values))
        self.lag.start(b, dict(self.picks), self.deadline - _finish_margin(b), self.cancel, dives=self.plan.dives)
        self.first_values, self.first_roster, rounds = _improve_completed(
            b, srch, self.first_values, self.first_roster, self.deadline, self.cancel, self.inc, 0,
            self.lag, self.res.stats, work_until=self._work_until(BIG_WORK_SHARE), notes=self.res.notes)
        self.res.stats["completions"] = 1 + rounds
        self.picks = srch.picks

    def start_greedy(self) -> bool:
        """The first legal roster agent by agent; False when an agent has no legal schedule at
        all (the result then explains why). In relaxed mode the agents without one get their
        rules as soft constraints, in a model rebuilt for them."""
        opts = self.opts
        self.relaxed_ids = set() if opts.relaxed else None
        self.picks, bad = greedy(self.b, self.t0 + max(GREEDY_MIN_S, GREEDY_SHARE * opts.time_limit_s),
                                 self.cancel, self.relaxed_ids)
        if bad is not None:
            self.res.status = "infeasible"
            self.res.conflicts = explain_agent(self.b, bad, time_limit_s=max(5.0, min(30.0, opts.time_limit_s)))
            self.res.elapsed_s = time.perf_counter() - self.t0
            return False
        if self.relaxed_ids:
            self.mode = ModelBuilder.RELAXED
            self.b = ModelBuilder(self.project, self.requirement, opts, mode=self.mode,
                                  relax_agents=self.relaxed_ids)
            self.b.build()
            self.plan = plan_for(self.b, opts.workers, self.det, warm_start=False)
        self.res.stats["greedy_s"] = time.perf_counter() - self.t0
        if self.picks is not None:
            self.res.time_to_first_s = self.res.stats["greedy_s"]  # every agent's schedule is legal
        self.big = self.plan.big
        self.srch = self.b.agent_search
        return True

    def descend_and_complete(self) -> None:
        """After the greedy start: the Lagrangian bound beside, the Python roster offered, the
        descent, and CP-SAT's completion of the shift choice (on big models more rounds)."""
        b, srch, picks = self.b, self.srch, self.picks
        if picks is not None and self.plan.lagrangian and not self.cancelled():
            # all the time there is (it ends by itself once the dual is solved); in deterministic
            # solves too: the bound never steers their search
            self.lag.start(b, dict(picks), self.deadline - _finish_margin(b), self.cancel, dives=self.plan.dives)
        if picks is not None and self.mode == ModelBuilder.STRICT and not self.opts.relaxed:
            # the shift choice with breaks and queues placed in Python is a legal roster already
            self.inc.offer(Stage.FIRST, extract(b, None, pick=picks), _pick_lookup(b, picks))
        if picks is not None and srch is not None and not self.relaxed_ids and not self.cancelled():
            self._descend(srch)
        if self.picks is not None and (not self.big or (
                self.mode == ModelBuilder.STRICT and not self.cancelled()
                and (self.det or self.deadline - _finish_margin(b) - time.perf_counter()
                     >= 0.5 * _complete_budget(b)))):
            self._complete_choice()

    def _descend(self, srch: AgentSearch) -> None:
        """Big models: agent by agent until shortly before the deadline; small ones: a short
        descent before CP-SAT takes over."""
        b, opts = self.b, self.opts
        now = time.perf_counter()
        stop = (self.deadline - _finish_margin(b) - _complete_budget(b) if self.big
                else now + 0.1 * max(0.0, self.deadline - now))

        def sweep(n: int, _coverage: int) -> None:
            # the full objective of the current shift choice (not only its coverage)
            self.inc.report(Stage.ROUND, round=n, estimate=_picks_cost(b, srch))

        share = BIG_DESCENT_SHARE if self.big else DESCENT_SHARE
        # (a greedy start that overran its share still leaves the descent DESCENT_MIN_SHARE)
        work = (max(share * opts.time_limit_s - srch.work, DESCENT_MIN_SHARE * opts.time_limit_s)
                if self.det else None)
        self.res.stats["sweeps"] = descend(b, srch, stop, self.cancel, sweep, work=work)
        self.picks = srch.picks
        self.res.stats["descent_s"] = time.perf_counter() - self.t0

    def _complete_choice(self) -> None:
        """CP-SAT places the breaks and splits the queues for the shift choice (far better than
        the Python extraction); on a big model kept only where it beats Python's, and the time
        left goes to more rounds from the completed roster."""
        b, picks = self.b, self.picks
        self.first_values = _complete(b, picks, self.deadline - (_finish_margin(b) if self.big else 0.0))
        self.res.stats["complete_s"] = time.perf_counter() - self.t0
        if not self.big or self.first_values is None:
            return
        python = extract(b, None, pick=picks)
        look = _lookup(self.first_values)
        self.first_roster = _extract(b, look)
        self.inc.offer(Stage.COMPLETED, self.first_roster, look)
        self.inc.offer(Stage.COMPLETED, python, _pick_lookup(b, picks))
        if self.inc.held is not None and self.inc.held.roster is python:
            self.first_values, self.first_roster = None, python
            return
        if self.srch is not None and self.mode == ModelBuilder.STRICT:
            self.srch.load(self.first_roster)
            self.first_values, self.first_roster, rounds = _improve_completed(
                b, self.srch, self.first_values, self.first_roster, self.deadline, self.cancel, self.inc,
                int(self.res.stats.get("sweeps", 0)), self.lag, self.res.stats,
                work_until=self._work_until(BIG_WORK_SHARE), notes=self.res.notes)
            self.res.stats["completions"] = 1 + rounds
            self.picks = self.srch.picks

    def ready_for_search(self) -> None:
        """The first roster offered and, where the plan says so, hinted to the full search."""
        b = self.b
        if self.first_values is not None:
            if self.first_roster is None:
                self.first_roster = _extract(b, _lookup(self.first_values))
            if self.res.time_to_first_s is None:
                self.res.time_to_first_s = time.perf_counter() - self.t0
            self.first_obj = _objective_of(b, self.first_values)
            stats = self.res.stats
            stage = Stage.FIRST if "greedy_s" not in stats and "completions" not in stats else Stage.COMPLETED
            self.inc.offer(stage, self.first_roster, _lookup(self.first_values))
            b.model.clear_hints()
            if self.plan.hint_full_search:
                # shift-type models: the hint helps the full search; interval-demand models stay
                # unhinted, where the hint anchors it near the greedy roster and its LP-guided
                # dive finds better ones
                hint = b.model.proto.solution_hint
                hint.vars.extend(range(len(self.first_values)))
                hint.values.extend(self.first_values)
        elif self.picks is not None:
            # big model: the shift choice alone is a legal roster, breaks and queues in Python
            if self.first_roster is None:
                self.first_roster = extract(b, None, pick=self.picks)
                self.inc.offer(Stage.COMPLETED, self.first_roster, _pick_lookup(b, self.picks))
            if self.res.time_to_first_s is None:
                self.res.time_to_first_s = time.perf_counter() - self.t0

    def _full_search_solver(self) -> cp_model.CpSolver:
        """CP-SAT for the full search, its limit and workers as the plan and the clock say."""
        opts, b = self.opts, self.b
        solver = cp_model.CpSolver()
        prm = solver.parameters
        if self.det:
            # the workers interleaved in fixed batches: the same search on any machine and load
            prm.interleave_search = True
            set_limit(prm, max(1.0, opts.time_limit_s - b.work), True)
        else:
            prm.max_time_in_seconds = max(0.1, self.deadline - time.perf_counter())
        # with neighbourhood searches beside it, the full search keeps one CP-SAT worker per core
        # left over (at least one: it proves the bound)
        prm.num_workers = max(1, int(opts.workers) - (len(self.lns) if self.lns is not None else 0))
        prm.random_seed = int(opts.seed)
        prm.log_search_progress = bool(opts.log)
        prm.cp_model_probing_level = 0  # probing is slow on the big coverage rows and buys little here
        prm.linearization_level = 2  # level 1 leaves the coverage rows out of the LP: useless bounds
        if b.req is None:
            # shift-type models (nurse rostering): the full-problem worker with the strongest LP
            # (all cuts, constraints not lazy) moves the bound from ~0 to near the optimum
            if prm.num_workers >= 2 or self.det:  # (deterministic: the same subsolvers anywhere)
                prm.subsolvers.append("max_lp")
            else:
                prm.add_lp_constraints_lazily = False
        return solver

    def search(self) -> tuple[int, cp_model.CpSolver]:
        """The full search with the neighbourhood searches beside it (on the clock) or after it
        (deterministic); none on a big model, where the descent was the search. Returns the
        full search's status and solver."""
        b, plan = self.b, self.plan
        skip = self.big or (self.first_roster is not None and self.first_values is None)
        if (self.first_values is not None and plan.neighbourhood_searches and not self.det and not skip
                and not self.cancelled()):
            self.lns = [NeighbourhoodSearch(b, self.first_values, self.first_obj, int(self.opts.seed) + 7919 * i)
                        for i in range(plan.neighbourhood_searches)]
        solver = self._full_search_solver()
        cb = _Callback(self.inc, lambda values: _rosterize(b, values), self.cancel)
        cb.keep_values = self.lns is not None
        solver.best_bound_callback = cb.on_bound
        done = threading.Event()
        watcher = None
        if self.cancel is not None:
            def watch() -> None:
                while not done.wait(0.05):
                    if self.cancelled():
                        solver.stop_search()
                        for ns in self.lns or []:
                            ns.interrupt()
                        return
            watcher = threading.Thread(target=watch, name="kcroster-cancel", daemon=True)
            watcher.start()
        st = cp_model.UNKNOWN
        try:
            if not self.cancelled() and not skip:
                st = self._run_searches(solver, cb)
        finally:
            done.set()
            if watcher is not None:
                watcher.join()
        return st, solver

    def _run_searches(self, solver: cp_model.CpSolver, cb: _Callback) -> int:
        b, plan, lns = self.b, self.plan, self.lns
        if self.det and self.first_values is not None and self.first_obj is not None:
            st, after = _search_in_turn(b, plan, solver, cb, self.first_values, self.first_obj,
                                        max(1.0, self.opts.time_limit_s - b.work), self.cancelled)
            self.lns = after
            return st
        if lns is None:
            return solver.solve(b.model, cb)
        columns = plan.columns and self.lag.thread is None
        lp = None  # shift-type models with columns: the column master steers instead
        if columns:
            def use_lp(point: list[float]) -> None:
                for ns in lns:
                    ns.lp = point

            self.lag.start_columns(b, self.first_values, self.deadline - 0.05, self.cancel,
                                   lambda: min(ns.objective for ns in lns), use_lp,
                                   lambda: min(lns, key=lambda ns: ns.objective).values)
        else:
            # the LP started with the solve, unless the model was rebuilt since (relaxed agents)
            early = self.early_lp
            lp = early if early is not None and early.b is b else _Relaxation(b, 0.0)
            self.relaxation = lp
        pause_at = time.perf_counter() + max(FULL_FIRST_MIN_S, FULL_FIRST * self.opts.time_limit_s)
        return _solve_beside(b, solver, cb, lns, self.deadline - 0.05, self.cancelled, compact_lp=lp,
                             wait_for=self.lag.thread if columns else None, pause_at=pause_at)

    def finish(self, searched: tuple[int, cp_model.CpSolver]) -> RosterResult:
        """Every roster the searches hold offered, the bound thread stopped, and the result from
        the incumbent (or why there is none), checked by the independent checker."""
        st, solver = searched
        b, inc, res, lag = self.b, self.inc, self.res, self.lag
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            inc.offer(Stage.FOUND, *_rosterize(b, list(solver.response_proto.solution)))
            inc.raise_bound(Stage.BOUND, solver.best_objective_bound)
        for ns in self.lns or []:
            if ns.improvements:
                inc.offer(Stage.FOUND_NEIGHBOURHOOD, *_rosterize(b, ns.values))
        if self.lns is not None:
            res.stats["lns_iterations"] = sum(ns.iterations for ns in self.lns)
            res.stats["lns_improvements"] = sum(ns.improvements for ns in self.lns)
            for kind in self.lns[0].wins:
                res.stats[f"lns_wins_{kind}"] = sum(ns.wins[kind] for ns in self.lns)
        if res.time_to_first_s is None:
            res.time_to_first_s = inc.first_s
        res.stats = {**res.stats, "build_s": self.build_s, "agents": len(b.agents),
                     "variables": len(b.model.proto.variables), "constraints": len(b.model.proto.constraints)}
        if self.big and self.first_roster is not None and lag.thread is not None and not self.cancelled():
            # big model: the improvement rounds are done; the bound may use the time that is left
            lag.thread.join(timeout=max(0.0, self.deadline - _finish_margin(b) - time.perf_counter()))
        lag.stop()
        res.elapsed_s = time.perf_counter() - self.t0
        if inc.held is not None:
            _result_from(b, res, inc.held, inc.bound, self.cancelled())
        elif st == cp_model.INFEASIBLE:
            res.status = "infeasible"
            if self.mode == ModelBuilder.STRICT:
                res.conflicts = explain(self.project, self.requirement, self.opts,
                                        time_limit_s=max(5.0, min(30.0, self.opts.time_limit_s)))
            else:
                res.conflicts = [RELAXED_INFEASIBLE]
        else:
            res.status = "cancelled" if self.cancelled() else "unknown"
        res.violations = _check(res.roster, self.project, self.opts)
        self._note_failures()
        if res.objective is not None:
            inc.report(Stage.DONE)  # the last report is the returned roster itself
        return res

    def _note_failures(self) -> None:
        """The strategies beside the search that failed, in the result's notes, once each (after
        the result: the bound's note says whether CP-SAT's own bound is left to show)."""
        res, lag = self.res, self.lag
        if lag.failure is not None:
            rest = BOUND_REST_NONE if res.best_bound is None else BOUND_REST_OWN
            res.notes.append(BOUND_FAILED.format(wat=lag.kind, fout=lag.failure, rest=rest))
        for lp in (self.early_lp, self.relaxation):
            if lp is not None and lp.failure is not None:
                res.notes.append(LP_FAILED.format(fout=lp.failure))
        res.notes[:] = dict.fromkeys(res.notes)


def _search_in_turn(b: ModelBuilder, plan: SolvePlan, solver: cp_model.CpSolver, cb: _Callback,
                    values: list[int], objective: float, budget: float, cancelled: Callable[[], bool]
                    ) -> tuple[int, list[NeighbourhoodSearch] | None]:
    """A deterministic solve's search, its strategies one after the other: the full search
    (workers interleaved) for its share of ``budget`` work units (FULL_SEARCH_SHARE, or
    FULL_FIRST where the column generation follows), then on shift-type models the column
    generation until its master is solved or COLUMNS_SHARE is used (its bound, its master's
    solution to steer the neighbourhoods), then the neighbourhood searches (one per worker, in
    lockstep: :func:`~kcroster.solver.lns.run_together`) from the best roster found for the
    rest — on a small interval-demand model first one dive into the LP relaxation's integral
    part (RENS), the LP stopped by work as well. Each roster found is offered to the incumbent
    on the way. Returns the full search's status and the neighbourhood searches (None when the
    full search ended it all)."""
    full_share = FULL_FIRST if plan.columns else FULL_SEARCH_SHARE
    set_limit(solver.parameters, full_share * budget, True)
    cb.keep_values = True
    st = solver.solve(b.model, cb)
    rest = (1.0 - full_share) * budget
    if st in (cp_model.OPTIMAL, cp_model.INFEASIBLE) or cancelled() or rest < 0.5 or not plan.neighbourhood_searches:
        return st, None
    if cb.values is not None:
        objective, values = cb.values
    team = [NeighbourhoodSearch(b, values, objective, int(b.opts.seed) + 7919 * (i + 1))
            for i in range(plan.neighbourhood_searches)]
    ns = team[0]
    col_bound = None
    if plan.columns:
        used, col_bound, point = _columns_in_turn(b, values, objective, COLUMNS_SHARE * budget, cancelled)
        rest -= used
        cb.inc.raise_bound(Stage.BOUND_LAGRANGE, col_bound)
        for member in team:
            member.lp = point
    elif plan.rens:
        # GLOP's work units are not CP-SAT's: the LP gets as many units as the whole search
        # has nominal seconds (it stops far sooner when the LP is easy)
        ns.lp = lp_values(b.model, time_limit_s=60.0 + 20.0 * budget, work_limit=budget)
        ns.rens_pending = ns.lp is not None
    step = max(1.0, min(5.0, (0.2 if b.req is not None else 0.02) * rest))

    def at_bound() -> bool:
        # the bounds proven in turn only: the Lagrangian bound comes by the clock and must not decide
        own = max((v for v in (col_bound, cb.bound) if v is not None), default=None)
        return cancelled() or (own is not None and own >= ns.objective - 1e-6)

    def improved(_obj: float, vals: list[int]) -> None:
        cb.inc.offer(Stage.FOUND_NEIGHBOURHOOD, *cb.rosterize(vals))

    run_together(team, at_bound, improved, step, rest)
    return st, team


def _columns_in_turn(b: ModelBuilder, values: list[int], objective: float, work: float,
                     cancelled: Callable[[], bool]) -> tuple[float, int | None, list[float] | None]:
    """A deterministic solve's column generation from the roster ``values``: (work used, the
    proven bound or None, the master's solution once it is solved, else None)."""
    from kcroster.solver.columns import HorizonColumns

    hc = HorizonColumns(b)
    bound = hc.run(values, float("inf"), upper=lambda: objective, stop=cancelled, work=work)
    point = hc.lp_point(len(b.model.proto.variables)) if hc.converged else None
    return hc.work, (bound if bound is not None and bound > 0 else None), point


class _Relaxation:
    """The LP relaxation of ``b``'s model (of a copy, so the caller may go on changing hints),
    solved in a thread of its own; GLOP lets go of the GIL meanwhile. A time limit of 0 means
    "start it when first waited for", with a tenth of the time left then."""

    def __init__(self, b: ModelBuilder, time_limit_s: float) -> None:
        self.b = b
        self.model = b.model.clone()
        self.values: list[float] | None = None
        self.failure: str | None = None  # why the LP failed (then it steers nothing)
        self.thread: threading.Thread | None = None
        if time_limit_s > 0:
            self._start(time_limit_s)

    def _start(self, time_limit_s: float) -> None:
        self.thread = threading.Thread(target=self._run, args=(time_limit_s,), name="kcroster-lp", daemon=True)
        self.thread.start()

    def _run(self, time_limit_s: float) -> None:
        try:
            self.values = lp_values(self.model, time_limit_s)
        except Exception as exc:  # noqa: BLE001 - the thread's end: said in the result's notes
            # the LP only steers one kind of neighbourhood: the roster does not need it, but a
            # failure (a bug included) is told, not dropped (:meth:`_Solve.finish`)
            self.values, self.failure = None, _failure(exc)

    def wait(self, deadline: float) -> list[float] | None:
        if self.thread is None:
            self._start(max(1.0, min(10.0, 0.1 * (deadline - time.perf_counter()))))
        self.thread.join(timeout=max(0.0, deadline - time.perf_counter()))
        return self.values


def _solve_beside(b: ModelBuilder, solver: cp_model.CpSolver, cb: _Callback, team: list[NeighbourhoodSearch],
                  deadline: float, cancelled: Callable[[], bool], compact_lp: _Relaxation | None = None,
                  wait_for: threading.Thread | None = None, pause_at: float | None = None) -> int:
    """The full search in a thread (it proves the bound), the neighbourhood searches beside it;
    each starts its next neighbourhood from the best roster any of them holds, and the full
    search stops when its bound meets that roster. Returns the full search's status.

    With ``wait_for`` (the column generation's thread), at ``pause_at`` the full search makes way
    for it when its own bound is still far below the best roster (it would prove nothing soon),
    then waits for that thread and starts again until the deadline."""
    return _Beside(b, solver, cb, team, deadline, cancelled, wait_for).run(compact_lp, pause_at)


class _Beside:
    """The threads of :func:`_solve_beside` and what they share: the full search's status,
    whether it is finished (a roster at the bound, or the end: it stays down) or paused for
    the columns, and when a neighbourhood search last improved the roster."""

    def __init__(self, b: ModelBuilder, solver: cp_model.CpSolver, cb: _Callback,
                 team: list[NeighbourhoodSearch], deadline: float, cancelled: Callable[[], bool],
                 wait_for: threading.Thread | None) -> None:
        self.b, self.solver, self.cb, self.team = b, solver, cb, team
        self.deadline, self.cancelled, self.wait_for = deadline, cancelled, wait_for
        self.status: int | None = None  # the full search's, once it returned
        self.finished = threading.Event()
        self.paused = threading.Event()
        self.lock = threading.Lock()
        # shift-type models: a neighbourhood gets about a second (shorter and longer steps both
        # do worse). Interval-demand models: up to five — every sub-solve re-places the breaks
        # and queue flows of the whole horizon, and at one second each one runs out of time
        left = deadline - time.perf_counter()
        self.step = max(1.0, min(5.0, (0.2 if b.req is not None else 0.02) * left))
        self.gained = time.perf_counter()  # when a neighbourhood search last improved the roster

    def run(self, compact_lp: _Relaxation | None, pause_at: float | None) -> int:
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
        while (not self.finished.is_set() and not self.cancelled() and time.perf_counter() < deadline - 1.0
               and (self.wait_for.is_alive() or time.perf_counter() - self.gained < STALL_STEPS * self.step)):
            self.finished.wait(0.1)
        left = deadline - time.perf_counter()
        if self.finished.is_set() or self.cancelled() or left < 1.0:
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

    def _take_relaxation(self, compact_lp: _Relaxation) -> None:
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


def _extract(b: ModelBuilder, value) -> Roster:
    """The roster of a solution. On interval demand the queue each agent serves comes either
    from the solver's flows or from water-filling the remaining need with the solver's breaks;
    the cheaper wins, and on a tie water-filling, whose queue counts change less from one interval
    to the next, so agents switch queues less often."""
    flows = extract(b, value)
    if b.req is None:
        return flows
    need = extract(b, value, queues_by_need=True)
    return need if roster_cost(b, need, value)[0] <= roster_cost(b, flows, value)[0] else flows


def _price(b: ModelBuilder, roster: Roster, look) -> int:
    """The one definition of a roster's cost: its objective computed from the roster itself
    (coverage from its segments), plus, in a relaxed solve, the cost of each relaxed rule."""
    cost = roster_cost(b, roster, look)[0]
    if b.mode == ModelBuilder.RELAXED:
        cost += RELAX_COST * sum(1 - int(look(lit)) for lit in b.gates.values())
    return cost


def _rosterize(b: ModelBuilder, values: list[int]) -> tuple[Roster, Callable]:
    """The roster of a full assignment and the assignment's value function."""
    look = _lookup(values)
    return _extract(b, look), look


def _result_from(b: ModelBuilder, res: RosterResult, held, bound: float | None, cancelled: bool) -> None:
    """Fill ``res`` from the incumbent's roster: the objective is the roster's price, the bound
    the best proven (never reported above the roster: the model's bound may lie above a roster
    whose queues Python split more cheaply than the model's flows)."""
    res.roster = held.roster
    res.objective = float(held.cost)
    res.objective_terms = roster_cost(b, held.roster, held.look)[1]
    res.best_bound = None if bound is None else min(float(bound), res.objective)
    res.gap = _gap(res.objective, res.best_bound)
    proven = res.best_bound is not None and res.best_bound >= res.objective - 1e-6
    res.status = "optimal" if proven else ("cancelled" if cancelled else "feasible")
    if b.mode == ModelBuilder.RELAXED:
        res.relaxed_violations = [describe_gate(b.p, g) for g, lit in b.gates.items() if not held.look(lit)]
    _metrics(b, res, held.look)


def _complete_budget(b: ModelBuilder) -> float:
    """Seconds to keep for completing a big model's shift choice with CP-SAT: a fixed part plus
    a time per model variable, with a margin above what the completion takes."""
    return 2.0 + 6e-5 * len(b.model.proto.variables)


def _finish_margin(b: ModelBuilder) -> float:
    """Seconds to keep for extraction, metrics and the checker after the search."""
    return 2.0 + 0.01 * len(b.agents) * b.D / 7


def _pick_lookup(b: ModelBuilder, picks: dict[tuple[int, int], int]):
    """Value function when only the shift choice is known (x literals; other variables 0)."""
    from ortools.sat.python.cp_model_helper import FlatIntExpr

    on = {b.x[ai][d][ci].index for (ai, d), ci in picks.items()}

    def value(v) -> int:
        if isinstance(v, int):
            return v
        f = FlatIntExpr(v)
        return int(f.offset) + sum(int(c) * (x.index in on) for x, c in zip(f.vars, f.coeffs, strict=True))
    return value


def roster_cost(b: ModelBuilder, roster: Roster, value) -> tuple[int, dict[str, int]]:
    """The objective of a roster computed from the roster itself (coverage from its segments),
    for rosters that did not come out of the CP-SAT search."""
    from kcroster.solver.coverage import SCALE, _tier_cost, required_tenths

    terms: dict[str, int] = {}
    w8 = b.w8
    if b.req is not None:
        # in the model's units: each agent counts round(SCALE × productivity) tenths
        cov = np.rint(_coverage(b, roster, lambda productivity: round(SCALE * productivity))).astype(np.int64)
        req = required_tenths(b)
        tiers = list(w8.under_tiers) or [1]
        short = np.clip(req - cov, 0, None)
        terms["coverage"] = int(sum(_tier_cost(int(v), tiers) for v in short.ravel() if v)) + int(
            w8.over * np.clip(cov - req, 0, None).sum())
    for name in ("type_under", "type_over", "wishes", "stability"):
        if name in b.penalties:
            terms[name] = int(sum(c * (v if isinstance(v, int) else value(v)) for c, v in b.penalties[name]))
    if b.contract_minutes:
        terms["over_contract"] = over_contract_cost(b, _week_minutes(b, roster))
    if "fairness" in b.penalties:
        terms["fairness"] = fairness_value(b, value)
    if "type_under" in terms or "type_over" in terms:
        # shift-type demand from the literals (its slacks are auxiliary variables)
        terms["type_under"], terms["type_over"] = _type_cost(b, value)
    return sum(terms.values()), terms


def _coverage(b: ModelBuilder, roster: Roster, unit: Callable[[float], float]) -> np.ndarray:
    """Agents per queue × interval of ``roster`` by the one coverage matrix
    (:func:`kcroster.model.coverage.scheduled_matrix`), each agent counted as ``unit`` of its
    reintegration productivity on the day."""
    def productivity(agent_id: str, day) -> float:
        step = step_in_force(b.p.reintegration_plan(agent_id), day)
        return unit(step.productivity if step is not None else 1.0)

    return scheduled_matrix(roster, b.hz, [q.name for q in b.p.queues], productivity)


def _week_minutes(b: ModelBuilder, roster: Roster) -> dict[tuple[int, int], float]:
    """Work minutes per (agent, week index) of a roster (absolute time, breaks left out)."""
    index = {a.id: ai for ai, a in enumerate(b.agents)}
    out: dict[tuple[int, int], float] = defaultdict(float)
    for sh in roster.shifts:
        ai = index.get(sh.agent_id)
        if ai is None:
            continue
        out[(ai, b.hz.week_index(sh.day))] += sh.work_minutes
    return out


def _type_cost(b: ModelBuilder, value) -> tuple[int, int]:
    under = over = 0
    mult = b.w8.type_demand
    for dem in b.p.shift_rules.type_demand:
        if not b.hz.start <= dem.day < b.hz.end:
            continue
        lits = b.type_counts.get((b.hz.day_index(dem.day), dem.shift_type), [])
        n = sum(int(value(x)) for x in lits)
        if dem.required > 0 and dem.weight_under:
            under += dem.weight_under * mult * max(0, dem.required - n)
        if dem.weight_over and lits and len(lits) > dem.required:
            over += dem.weight_over * mult * max(0, n - dem.required)
    return under, over


def _picks_cost(b: ModelBuilder, srch) -> int:
    """Objective estimate of the descent's current shift choice: coverage from its residual,
    the per-agent terms from the literals (cheap enough for a progress report per round)."""
    look = _pick_lookup(b, srch.picks)
    cost = srch.coverage_cost()
    if b.contract_minutes:
        minutes: dict[tuple[int, int], float] = defaultdict(float)
        for (ai, d), ci in srch.picks.items():
            minutes[(ai, b.hz.week_index(b.hz.dates[d]))] += b.cands[ai][d][ci].work_min
        cost += over_contract_cost(b, minutes)
    for name in ("wishes", "stability"):
        cost += int(sum(c * (v if isinstance(v, int) else look(v)) for c, v in b.penalties.get(name, [])))
    if "fairness" in b.penalties:
        cost += fairness_value(b, look)
    return int(cost)


def _max_bound(*bounds: float | None) -> float | None:
    """The strongest of the bounds that are known (None when none is)."""
    known = [v for v in bounds if v is not None]
    return max(known) if known else None


class _BoundThread:
    """The Lagrangian bound (:mod:`kcroster.solver.lagrange`) beside the search, in a thread:
    GLOP and CP-SAT release the GIL, so it uses the otherwise idle core."""

    def __init__(self, t0: float) -> None:
        self.t0 = t0
        self.on_found: Callable[[], None] = lambda: None  # a better bound is in ``best``
        self.best: float | None = None
        self.thread: threading.Thread | None = None
        self._stop = CancelToken()
        self.master = None  # (relaxation, column pool) of the Lagrangian master's last solve
        self.master_rounds = 0
        self.kind = ""  # "lagrange" or "kolomgeneratie": which bound runs, for the notes
        self.failure: str | None = None  # why the bound failed: then it proves nothing

    def start(self, b: ModelBuilder, picks: dict, deadline: float, cancel: CancelToken | None,
              dives: bool = False) -> None:
        """``dives``: keep a snapshot of the master after each of its solves (big models dive
        into it, :func:`_dive`; small ones never read it, so they do not pay for it)."""
        from kcroster.solver.lagrange import lagrangian_bound

        srch = b.agent_search
        resid = None if srch is None or srch.resid is None else srch.resid.copy()

        found = self._found

        def run() -> None:
            try:
                lagrangian_bound(b, deadline, on_bound=found, cancel=self, picks=picks, resid=resid,
                                 on_master=self._seen_master if dives else None)
            except Exception as exc:  # noqa: BLE001 - the thread's end: said in the result's notes
                self._failed(exc)

        self._launch(run, cancel, "lagrange")

    def start_columns(self, b: ModelBuilder, values: list[int], deadline: float, cancel: CancelToken | None,
                      upper: Callable[[], float | None], on_lp: Callable[[list[float]], None],
                      incumbent: Callable[[], list[int] | None] | None = None) -> None:
        """Shift-type models: column generation over whole agent schedules
        (:mod:`kcroster.solver.columns`); the bound as it rises, the master's solution once the
        master is solved (it steers the neighbourhood search)."""
        from kcroster.solver.columns import HorizonColumns

        def run() -> None:
            try:
                hc = HorizonColumns(b)
                hc.run(values, deadline, upper=upper, on_bound=self._found, stop=lambda: self.cancelled,
                       incumbent=incumbent)
                if hc.master_z is not None and hc.converged and not self.cancelled:
                    on_lp(hc.lp_point(len(b.model.proto.variables)))
            except Exception as exc:  # noqa: BLE001 - the thread's end: said in the result's notes
                self._failed(exc)

        self._launch(run, cancel, "kolomgeneratie")

    def _seen_master(self, master) -> None:
        # a snapshot (the master goes on changing in this thread): its columns with their values
        # and reduced costs, for the dive (:func:`_dive`)
        self.master = (master.R, master.pool())
        self.master_rounds += 1

    def _found(self, v: int) -> None:
        # every objective term is ≥ 0, so a bound ≤ 0 says nothing; report none instead
        if v > 0 and (self.best is None or v > self.best):
            self.best = float(v)
            self.on_found()

    def _failed(self, exc: Exception) -> None:
        """The bound broke off: what it reported so far came from code that failed, so it proves
        nothing — forget it (the result shows no figure for it, only CP-SAT's own bound if any)
        and keep why, for the result's notes. The roster never depended on it."""
        self.best = None
        self.failure = _failure(exc)

    def _launch(self, run: Callable[[], None], cancel: CancelToken | None, kind: str) -> None:
        self.kind = kind
        self.outer = cancel
        self.thread = threading.Thread(target=run, name="kcroster-bound", daemon=True)
        self.thread.start()

    @property
    def cancelled(self) -> bool:
        return self._stop.cancelled or (getattr(self, "outer", None) is not None and self.outer.cancelled)

    def stop(self) -> None:
        self._stop.cancel()
        if self.thread is not None:
            self.thread.join(timeout=5.0)


def _check(roster: Roster, project: Project, opts: SolveOptions) -> list:
    try:
        from kcroster.rules.checker import check
    except ImportError:
        return []
    return list(check(roster, project, reference=opts.reference))


def _metrics(b: ModelBuilder, res: RosterResult, value) -> None:
    hz = b.hz
    ivh = hz.interval_minutes / 60
    if b.req is not None:
        cov = _coverage(b, res.roster, lambda productivity: productivity)
        res.required_agent_hours = float(b.req.sum() * ivh)
        res.shortfall_agent_hours = float(np.clip(b.req - cov, 0, None).sum() * ivh)
    per: dict[str, list[int]] = {}
    grantable: dict[str, list[int]] = {}  # wishes some candidate could grant (e.g. not "early" on a closed day)
    for wish, _ai, _d, lits, positive in b.wish_exprs:
        on = sum(int(value(x)) for x in lits)
        ok = (on > 0) if positive else (on == 0)
        rec = per.setdefault(wish.agent_id, [0, 0])
        rec[0] += int(ok)
        rec[1] += 1
        if lits or not positive:
            g = grantable.setdefault(wish.agent_id, [0, 0])
            g[0] += int(ok)
            g[1] += 1
    shares = [g / t for g, t in grantable.values() if t]
    if shares:
        res.stats["worst_agent_grantable_wishes"] = min(shares)
    res.wishes_per_agent = {k: (v[0], v[1]) for k, v in per.items()}
    res.wishes_granted = sum(v[0] for v in per.values())
    res.wishes_total = sum(v[1] for v in per.values())


def _lookup(values: list[int]):
    """``solver.value`` look-alike over a complete assignment (variables in proto order)."""
    from ortools.sat.python.cp_model_helper import FlatIntExpr

    def value(v) -> int:
        if isinstance(v, int):
            return v
        f = FlatIntExpr(v)
        return int(f.offset) + sum(int(c) * values[x.index] for x, c in zip(f.vars, f.coeffs, strict=True))
    return value


def _objective_of(b: ModelBuilder, values: list[int]) -> int:
    obj = b.model.proto.objective
    total = int(obj.offset)
    for i, c in zip(obj.vars, obj.coeffs, strict=True):
        total += c * (values[i] if i >= 0 else 1 - values[-i - 1])
    return int(round(total * (obj.scaling_factor or 1))) if obj.scaling_factor else total


def _warm_picks(b: ModelBuilder, roster: Roster) -> dict[tuple[int, int], int]:
    by = {(s.agent_id, s.day): s for s in roster.shifts}
    picks: dict[tuple[int, int], int] = {}
    for ai, agent in enumerate(b.agents):
        for d, day in enumerate(b.hz.dates):
            s = by.get((agent.id, day))
            if s is None:
                continue
            for ci, c in enumerate(b.cands[ai][d]):
                if c.matches(s):
                    picks[(ai, d)] = ci
                    break
    return picks


def _improve_completed(b: ModelBuilder, srch, values: list[int], roster: Roster, deadline: float, cancel,
                       inc: Incumbent, sweeps: int, lag: _BoundThread, stats: dict,
                       work_until: float | None = None, notes: list[str] | None = None
                       ) -> tuple[list[int], Roster, int]:
    """Big models, once the descent has settled and CP-SAT has completed its shift choice: go on
    descending from the completed roster — its real breaks and queues in the residual — and
    complete again, as long as that pays and time is left. ``srch`` must hold ``roster``
    (:meth:`AgentSearch.load`). Returns the best (values, roster) and the number of extra
    completions.

    Halfway through the time, and again whenever the descent has settled and the Lagrangian
    master has moved on since, the master's week schedules are dived into a roster
    (:func:`_dive`, price and branch); a better one replaces the roster and the descent goes on
    from it. ``stats`` counts the dives and the better rosters they gave; a dive that fails adds a
    line to ``notes`` (the result's)."""
    cost = _price(b, roster, _lookup(values))
    rounds = 0
    t0 = inc.t0
    due = t0 + DIVE_FIRST * (deadline - t0)  # the first dive: the master has had time to learn
    dived = 0  # the master round of the last dive
    while not (cancel is not None and cancel.cancelled):
        stop = deadline - _finish_margin(b) - _complete_budget(b)
        if (stop - time.perf_counter() < 1.0) if work_until is None else srch.work >= work_until:
            break
        if lag.master is not None and lag.master_rounds > dived and time.perf_counter() >= due:
            dived = lag.master_rounds
            try:
                got = _dive(b, lag.master, srch.picks, stop, deadline - _finish_margin(b), cancel)
            except Exception as exc:  # noqa: BLE001 - told in the result's notes, never dropped
                # a dive only offers another roster: the one held stays, and the failure (a bug
                # included) reaches the planner and the developer through ``notes``
                got = None
                if notes is not None:
                    notes.append(DIVE_FAILED.format(fout=_failure(exc)))
            stats["dives"] = stats.get("dives", 0) + 1
            if got is not None and got[2] < cost:
                values, roster, cost, srch.picks = got
                srch.load(roster)
                rounds += 1
                stats["dive_wins"] = stats.get("dive_wins", 0) + 1
                inc.offer(Stage.DIVE, roster, _lookup(values))
            continue  # (time may have run out meanwhile)
        kept = dict(srch.picks)

        def sweep(n: int, _coverage: int, base: int = sweeps) -> None:
            inc.report(Stage.ROUND, round=base + n, estimate=_picks_cost(b, srch))

        pending = work_until is None and dived == 0 and time.perf_counter() < due
        n = descend(b, srch, min(stop, due) if pending else stop, cancel, sweep,
                    work=None if work_until is None else work_until - srch.work)
        sweeps += n
        new = None
        if srch.picks != kept and not (cancel is not None and cancel.cancelled):
            vals = _complete(b, srch.picks, deadline - _finish_margin(b))
            if vals is not None:
                look = _lookup(vals)
                r = _extract(b, look)
                c = _price(b, r, look)
                if c < cost:
                    new = (vals, r, c)
                    inc.offer(Stage.COMPLETED, r, look)
        if new is None:
            srch.picks = kept
            srch.load(roster)
            if pending:
                due = time.perf_counter()  # settled before the first dive was due: dive now
                continue
            if lag.master is not None and lag.master_rounds > dived:
                continue  # settled: dive into what the master has learnt since
            break
        values, roster, cost = new
        srch.load(roster)
        rounds += 1  # reported by the next round's sweeps (from the completed roster) or the caller
    return values, roster, rounds


def _dive(b: ModelBuilder, master, picks: dict[tuple[int, int], int], stop: float, deadline: float, cancel
          ) -> tuple[list[int], Roster, int, dict[tuple[int, int], int]] | None:
    """A roster from the Lagrangian master's columns (:mod:`kcroster.solver.restricted`): one
    week schedule per agent-week by diving on the master LP (until ``stop``), completed by
    CP-SAT over the full model (every rule; breaks and queues placed anew, until ``deadline``).
    Returns (values, roster, cost, shift choice), or None."""
    from kcroster.solver.restricted import select, solve_columns

    R, pool = master
    cancelled = lambda: cancel is not None and cancel.cancelled  # noqa: E731
    got = solve_columns(R, select(pool, R.columns_of(picks)), stop, stop=cancelled)
    if got is None or cancelled():
        return None
    vals = _complete(b, got[0], deadline)
    if vals is None:
        return None
    look = _lookup(vals)
    roster = _extract(b, look)
    return vals, roster, _price(b, roster, look), dict(got[0])


def _complete(b: ModelBuilder, picks: dict[tuple[int, int], int], deadline: float) -> list[int] | None:
    """Fix the shift choice and let CP-SAT fill in breaks, queue flows and penalties (first
    solution only): a complete, legal assignment to hint the full search with."""
    m = b.model.clone()
    for ai in range(len(b.agents)):
        for d in range(b.D):
            for ci, x in enumerate(b.x[ai][d]):
                m.add(m.get_bool_var_from_proto_index(x.index) == int(picks.get((ai, d)) == ci))
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.random_seed = int(b.opts.seed)
    s.parameters.cp_model_probing_level = 0
    s.parameters.stop_after_first_solution = True
    if b.opts.deterministic:
        set_limit(s.parameters, 30.0, True)
    else:
        s.parameters.max_time_in_seconds = max(1.0, min(30.0, deadline - time.perf_counter()))
    st = s.solve(m)
    b.work += spent(s, b.opts.deterministic) + CLONE_WORK_PER_VARIABLE * len(m.proto.variables)
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return list(s.response_proto.solution)
