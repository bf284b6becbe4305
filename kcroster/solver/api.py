"""The one entry point: ``solve(project, requirement, on_progress=..., cancel=...)``.

Builds the model, lets :func:`kcroster.solver.plan.plan_for` choose the plan, and runs the
plan's strategies (:mod:`kcroster.solver.strategies`, behind
:class:`kcroster.solver.strategy.Strategy`) one step after the other, each with its share of
the budget; every roster and bound goes to one incumbent. Then the result: the incumbent's
roster, checked by the independent checker, or, when no legal roster exists, why.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from ortools.sat.python import cp_model

from kcroster.model import Project, Roster
from kcroster.solver.builder import ModelBuilder, hint_assignment
from kcroster.solver.contract import partial_week_notes
from kcroster.solver.costing import lookup, objective_of, pick_lookup, price, roster_of, rosterize
from kcroster.solver.extract import extract
from kcroster.solver.incumbent import Incumbent
from kcroster.solver.infeasibility import explain, explain_agent
from kcroster.solver.options import CancelToken, RosterResult, SolveOptions, SolveProgress, Stage
from kcroster.solver.plan import (
    BESIDE_MARGIN_S,
    BIG_DESCENT_SHARE,
    BIG_WORK_SHARE,
    COMPLETE_LEFT_SHARE,
    DESCENT_MIN_SHARE,
    DESCENT_SHARE,
    GREEDY_MIN_S,
    GREEDY_SHARE,
    LP_MAX_S,
    LP_MIN_S,
    LP_SHARE,
    SMALL_DESCENT_SHARE,
    SolvePlan,
    complete_budget,
    explain_limit,
    finish_margin,
    plan_for,
)
from kcroster.solver.result import check, fill
from kcroster.solver.strategies.beside import SearchBeside, team_of
from kcroster.solver.strategies.bound_thread import BoundThread
from kcroster.solver.strategies.completion import Completion
from kcroster.solver.strategies.descent import Descent
from kcroster.solver.strategies.first import FromPrevious, Greedy
from kcroster.solver.strategies.full_search import FullSearch, stopped_on_cancel
from kcroster.solver.strategies.in_turn import SearchInTurn
from kcroster.solver.strategies.relaxation import Relaxation
from kcroster.solver.strategies.rounds import Rounds
from kcroster.solver.strategy import (
    BOUND_FAILED,
    BOUND_REST_NONE,
    BOUND_REST_OWN,
    LP_FAILED,
    RELAXED_INFEASIBLE,
    Budget,
    Hand,
    StrategyRun,
)
from kcroster.solver.warmstart import AgentSearch


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
    if run.start is not None:
        run.build_model()
        run.from_previous()
    if run.hand.values is None:
        if not run.greedy_start():
            return run.res  # an agent without any legal schedule: explained
        run.descend_and_complete()
    run.ready_for_search()
    return run.finish(run.search())


class _Solve:
    """One solve, step by step (see :func:`solve`): its builder, plan, incumbent, bound thread,
    and the roster in hand (``hand``) as the strategies improve it. Each step gives its strategy
    its share of the time limit as the plan's constants say."""

    def __init__(self, project: Project, requirement: np.ndarray | None, opts: SolveOptions,
                 on_progress: Callable[[SolveProgress], None] | None, cancel: CancelToken | None) -> None:
        self.project, self.requirement, self.opts, self.cancel = project, requirement, opts, cancel
        self.t0 = time.perf_counter()
        self.mode = ModelBuilder.STRICT
        self.b = ModelBuilder(project, requirement, opts, mode=self.mode)
        self.b.build_variables()  # the rules and the rest: build_model, beside the greedy start
        self.on_progress = on_progress
        self.build_s = 0.0
        self.res = RosterResult(roster=Roster(), status="unknown")
        self.res.notes.extend(partial_week_notes(project))  # a week cut by the plan's start or end
        self.lag = BoundThread(self.t0)
        self.inc = Incumbent(self.t0, on_progress, lambda roster, look: price(self.b, roster, look),
                             lambda: self.lag.best)
        self.lag.on_found = lambda: self.inc.report(Stage.BOUND_LAGRANGE)
        self.det = opts.deterministic
        # no roster to start from but a published one: start from that (stability rewards
        # staying close to it)
        self.start = opts.warm_start if opts.warm_start is not None else opts.reference
        self.plan: SolvePlan | None = None  # chosen once the model is built (build_model)
        self.early_lp: Relaxation | None = None
        self.deadline = self.t0 + opts.time_limit_s
        self.hand = Hand()
        self.first_obj: int | None = None  # the model objective of the hand's full assignment
        self.big = False
        self.relaxed_ids: set[str] | None = None
        self.team = None  # the neighbourhood searches, once they ran
        self.relaxation: Relaxation | None = None  # the LP beside the search on the clock

    def build_model(self) -> None:
        """The rules, coverage and objective over the variables; then the plan (reported with
        the model) and, where it says so, the LP relaxation beside what follows."""
        opts = self.opts
        self.b.build_constraints()
        self.build_s = time.perf_counter() - self.t0
        self.plan = plan_for(self.b, opts.workers, self.det, warm_start=self.start is not None)
        if self.on_progress:
            built = SolveProgress.at(Stage.BUILT, self.build_s, None, None, None, 0)
            built.plan = tuple(self.plan.lines())
            self.on_progress(built)
        # small interval-demand model: its LP relaxation steers the neighbourhood search (one
        # dive into its integral part, RENS); it takes seconds, so it starts now, beside the
        # greedy start, instead of after it with what time is left
        if self.plan.early_lp:
            self.early_lp = Relaxation(self.b, max(LP_MIN_S, min(LP_MAX_S, LP_SHARE * opts.time_limit_s)))

    @property
    def run(self) -> StrategyRun:
        """What the strategies share (the builder may have been rebuilt relaxed meanwhile)."""
        return StrategyRun(self.b, self.inc, self.res.stats, self.res.notes)

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def _budget(self, deadline: float, work: float | None = None, cancel: CancelToken | None = None) -> Budget:
        """A strategy's budget: until ``deadline``, and in a deterministic solve ``work``; it
        stops on the planner's cancel or on ``cancel`` (a child of it)."""
        return Budget(deadline, work if self.det else None, cancel or self.cancel)

    def from_previous(self) -> None:
        """A previous roster's shift choice, completed by CP-SAT; on a big model the
        agent-by-agent rounds go on from it (the full search would not get anywhere)."""
        b = self.b
        self.hand = FromPrevious(self.start).run(self.run, self._budget(self.deadline), Hand())
        values, picks = self.hand.values, self.hand.picks
        if values is None or not self.plan.big or self.opts.relaxed or self.cancelled():
            return
        self.big = True
        self.res.time_to_first_s = time.perf_counter() - self.t0
        roster = roster_of(b, lookup(values))
        srch = AgentSearch(b)
        srch.picks = dict(picks)
        srch.load(roster)
        b.agent_search = srch
        self.inc.offer(Stage.FIRST, roster, lookup(values))
        self.lag.start(b, dict(picks), self.deadline - finish_margin(b), self.cancel, dives=self.plan.dives)
        self._rounds(Hand(values=values, roster=roster, picks=picks, search=srch), sweeps=0)

    def greedy_start(self) -> bool:
        """The first legal roster agent by agent; False when an agent has no legal schedule at
        all (the result then explains why). In relaxed mode the agents without one get their
        rules as soft constraints, in a model rebuilt for them."""
        opts = self.opts
        self.start = None  # the greedy start replaces a previous roster that could not be completed
        self.relaxed_ids = set() if opts.relaxed else None
        first = Greedy(self.relaxed_ids)
        deadline = self.t0 + max(GREEDY_MIN_S, GREEDY_SHARE * opts.time_limit_s)
        if self.plan is not None:  # built already (a previous roster that could not be completed)
            self.hand = first.run(self.run, self._budget(deadline), Hand())
        else:
            self.hand = self._greedy_beside_build(first, deadline)
        if first.bad is not None:
            self.res.status = "infeasible"
            self.res.conflicts = explain_agent(self.b, first.bad, time_limit_s=explain_limit(opts.time_limit_s))
            self.res.elapsed_s = time.perf_counter() - self.t0
            return False
        if self.relaxed_ids:
            self.mode = ModelBuilder.RELAXED
            self.b = ModelBuilder(self.project, self.requirement, opts, mode=self.mode,
                                  relax_agents=self.relaxed_ids)
            self.b.build_variables()
            self.build_model()  # the relaxed model's plan, reported as the first one was
        self.res.stats["greedy_s"] = time.perf_counter() - self.t0
        if self.hand.picks is not None:
            self.res.time_to_first_s = self.res.stats["greedy_s"]  # every agent's schedule is legal
        self.big = self.plan.big
        self.hand.search = self.b.agent_search
        return True

    def _greedy_beside_build(self, first: Greedy, deadline: float) -> Hand:
        """The greedy start in a thread while this one builds the model: its one-agent models
        need only the candidates, and their CP-SAT solves leave the interpreter to the build.
        What the greedy start finds does not depend on how the two interleave (it reads the
        candidates alone, and a deterministic solve limits it by work)."""
        stop = CancelToken(self.cancel)  # the greedy start stops if the build fails
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kcroster-greedy") as pool:
            found = pool.submit(first.run, self.run, self._budget(deadline, cancel=stop), Hand())
            try:
                self.build_model()
            except BaseException:
                stop.cancel()
                raise
            return found.result()

    def descend_and_complete(self) -> None:
        """After the greedy start: the Lagrangian bound beside, the Python roster offered, the
        descent, and CP-SAT's completion of the shift choice (on big models more rounds)."""
        b, srch, picks = self.b, self.hand.search, self.hand.picks
        if picks is not None and self.plan.lagrangian and not self.cancelled():
            # all the time there is (it ends by itself once the dual is solved); in deterministic
            # solves too: the bound never steers their search
            self.lag.start(b, dict(picks), self.deadline - finish_margin(b), self.cancel, dives=self.plan.dives)
        if picks is not None and self.mode == ModelBuilder.STRICT and not self.opts.relaxed:
            # the shift choice with breaks and queues placed in Python is a legal roster already
            self.inc.offer(Stage.FIRST, extract(b, None, pick=picks), pick_lookup(b, picks))
        if picks is not None and srch is not None and not self.relaxed_ids and not self.cancelled():
            self._descend(srch)
        if self.hand.picks is not None and (not self.big or (
                self.mode == ModelBuilder.STRICT and not self.cancelled()
                and (self.det or self.deadline - finish_margin(b) - time.perf_counter()
                     >= COMPLETE_LEFT_SHARE * complete_budget(b)))):
            self._complete_choice()

    def _descend(self, srch: AgentSearch) -> None:
        """Big models: agent by agent until shortly before the deadline (BIG_DESCENT_SHARE of
        the work); small ones: a short descent (DESCENT_SHARE) before CP-SAT takes over. A
        greedy start that overran its share still leaves the descent DESCENT_MIN_SHARE."""
        b, limit = self.b, self.opts.time_limit_s
        now = time.perf_counter()
        stop = (self.deadline - finish_margin(b) - complete_budget(b) if self.big
                else now + SMALL_DESCENT_SHARE * max(0.0, self.deadline - now))
        share = BIG_DESCENT_SHARE if self.big else DESCENT_SHARE
        work = max(share * limit - srch.work, DESCENT_MIN_SHARE * limit) if self.det else None
        self.hand = Descent().run(self.run, self._budget(stop, work), self.hand)

    def _complete_choice(self) -> None:
        """CP-SAT places the breaks and splits the queues for the shift choice; on a big model
        kept only where it beats Python's, and the time left goes to more rounds from it."""
        b = self.b
        budget = self._budget(self.deadline - (finish_margin(b) if self.big else 0.0))
        self.hand = Completion(against_python=self.big).run(self.run, budget, self.hand)
        srch = self.hand.search
        if (not self.big or self.hand.values is None or srch is None
                or self.mode != ModelBuilder.STRICT):
            return
        srch.load(self.hand.roster)
        self._rounds(self.hand, sweeps=int(self.res.stats.get("sweeps", 0)))

    def _rounds(self, hand: Hand, sweeps: int) -> None:
        """Big models: descent and completion in turn from ``hand``, until BIG_WORK_SHARE of
        the work (deterministic) or shortly before the deadline."""
        rounds = Rounds(self.lag, sweeps)
        work = BIG_WORK_SHARE * self.opts.time_limit_s - hand.search.work if self.det else None
        self.hand = rounds.run(self.run, self._budget(self.deadline, work), hand)
        self.res.stats["completions"] = 1 + rounds.rounds

    def ready_for_search(self) -> None:
        """The first roster offered and, where the plan says so, hinted to the full search."""
        b, hand = self.b, self.hand
        if hand.values is not None:
            if hand.roster is None:
                hand.roster = roster_of(b, lookup(hand.values))
            if self.res.time_to_first_s is None:
                self.res.time_to_first_s = time.perf_counter() - self.t0
            self.first_obj = objective_of(b, hand.values)
            stats = self.res.stats
            stage = Stage.FIRST if "greedy_s" not in stats and "completions" not in stats else Stage.COMPLETED
            self.inc.offer(stage, hand.roster, lookup(hand.values))
            b.model.clear_hints()
            if self.plan.hint_full_search:
                # shift-type models: the hint helps the full search; interval-demand models stay
                # unhinted, where the hint anchors it near the greedy roster and its LP-guided
                # dive finds better ones
                hint_assignment(b.model, hand.values)
        elif hand.picks is not None:
            # big model: the shift choice alone is a legal roster, breaks and queues in Python
            if hand.roster is None:
                hand.roster = extract(b, None, pick=hand.picks)
                self.inc.offer(Stage.COMPLETED, hand.roster, pick_lookup(b, hand.picks))
            if self.res.time_to_first_s is None:
                self.res.time_to_first_s = time.perf_counter() - self.t0

    def search(self) -> FullSearch:
        """The full search with the neighbourhood searches beside it (on the clock) or after it
        (deterministic); none on a big model, where the descent was the search."""
        b, plan, hand = self.b, self.plan, self.hand
        skip = self.big or (hand.roster is not None and hand.values is None)
        beside = (plan.neighbourhood_searches if hand.values is not None and not self.det and not skip
                  and not self.cancelled() else 0)
        team = team_of(b, hand.values, self.first_obj, beside) if beside else None
        work = max(1.0, self.opts.time_limit_s - b.work)
        full = FullSearch(self.run, plan, self._budget(self.deadline, work), beside)
        with stopped_on_cancel(self._budget(self.deadline), full.solver,
                               lambda: [ns.interrupt() for ns in self.team or []]):
            self.team = team
            if not self.cancelled() and not skip:
                self._run_searches(full, work)
        return full

    def _run_searches(self, full: FullSearch, work: float) -> None:
        """The full search alone, with the neighbourhood searches in turn (deterministic) or
        beside it (on the clock)."""
        if self.det and self.hand.values is not None and self.first_obj is not None:
            in_turn = SearchInTurn(self.plan, full, self.first_obj)
            in_turn.run(self.run, self._budget(self.deadline, work), self.hand)
            self.team = in_turn.team
        elif self.team is None:
            full.run(self.run, self._budget(self.deadline), self.hand)
        else:
            beside = SearchBeside(self.plan, full, self.team, self.lag, self.early_lp)
            beside.run(self.run, self._budget(self.deadline - BESIDE_MARGIN_S), self.hand)
            self.relaxation = beside.relaxation

    def finish(self, full: FullSearch) -> RosterResult:
        """Every roster the searches hold offered, the bound thread stopped, and the result from
        the incumbent (or why there is none), checked by the independent checker."""
        st, solver = full.status, full.solver
        b, inc, res, lag = self.b, self.inc, self.res, self.lag
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            inc.offer(Stage.FOUND, *rosterize(b, list(solver.response_proto.solution)))
            inc.raise_bound(Stage.BOUND, solver.best_objective_bound)
        for ns in self.team or []:
            if ns.improvements:
                inc.offer(Stage.FOUND_NEIGHBOURHOOD, *rosterize(b, ns.values))
        if self.team is not None:
            res.stats["lns_iterations"] = sum(ns.iterations for ns in self.team)
            res.stats["lns_improvements"] = sum(ns.improvements for ns in self.team)
            for kind in self.team[0].wins:
                res.stats[f"lns_wins_{kind}"] = sum(ns.wins[kind] for ns in self.team)
        if res.time_to_first_s is None:
            res.time_to_first_s = inc.first_s
        res.stats = {**res.stats, "build_s": self.build_s, "agents": len(b.agents),
                     "variables": len(b.model.proto.variables), "constraints": len(b.model.proto.constraints)}
        if self.big and self.hand.roster is not None and lag.thread is not None and not self.cancelled():
            # big model: the improvement rounds are done; the bound may use the time that is left
            lag.thread.join(timeout=max(0.0, self.deadline - finish_margin(b) - time.perf_counter()))
        lag.stop()
        res.elapsed_s = time.perf_counter() - self.t0
        if inc.held is not None:
            fill(b, res, inc.held, inc.bound, self.cancelled())
        elif st == cp_model.INFEASIBLE:
            res.status = "infeasible"
            if self.mode == ModelBuilder.STRICT:
                res.conflicts = explain(self.project, self.requirement, self.opts,
                                        time_limit_s=explain_limit(self.opts.time_limit_s))
            else:
                res.conflicts = [RELAXED_INFEASIBLE]
        else:
            res.status = "cancelled" if self.cancelled() else "unknown"
        res.violations = check(res.roster, self.project, self.opts)
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


__all__ = ["explain_plan", "solve"]
