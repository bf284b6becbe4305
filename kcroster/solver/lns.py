"""Large-neighbourhood search with rostering neighbourhoods, beside the full CP-SAT search.

CP-SAT's own LNS picks its neighbourhoods from the model's graph; it does not know that a
roster is made of agents and days. This search frees a set of (agent, day) cells that a planner
would re-plan together — a few whole agents, every agent over a few consecutive days, a block
of both, or (shift-type demand) a block around a demand the roster misses — fixes the shift
choice everywhere else to the current roster, and lets CP-SAT solve that sub-roster to
optimality (short limit, one worker). An improvement replaces the current roster; the
neighbourhood size adapts: a neighbourhood solved to optimality without a gain grows, one that
runs out of time shrinks, and with it every kind's (as in adaptive LNS). Once an LP optimum is
there, one search may first dive into it (RENS: the LP's integral literals fixed, the rest
solved).

Every sub-solve is a solve of the *full* model with some variables fixed, so every roster it
returns satisfies every hard rule, and its objective is the full objective.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model

from kcroster.solver.builder import ModelBuilder, hint_assignment
from kcroster.solver.coverage import type_cell_costs
from kcroster.solver.plan import (
    LNS_BLOCK_AGENTS,
    LNS_GAIN_HIT,
    LNS_GAIN_MEMORY,
    LNS_GAIN_MISS,
    LNS_GROW,
    LNS_MAX_SIZE,
    LNS_MIN_SIZE,
    LNS_SHRINK,
    LNS_START_SIZE,
    LNS_START_SIZE_TYPES,
    RENS_MAX_S,
    RENS_SHARE,
    SUB_SOLVE_MIN_S,
)
from kcroster.solver.work import set_limit, spent

KINDS = ("agents", "days", "block", "cross", "short", "lp")


class NeighbourhoodSearch:
    def __init__(self, b: ModelBuilder, values: list[int], objective: float, seed: int = 0) -> None:
        self.b = b
        self.m = b.model.clone()
        self.proto = self.m.proto
        self.values = list(values)
        self.objective = float(objective)
        self.rng = random.Random(seed)
        self.seed = seed
        # decision cells: (agent, day) → proto indices of its candidate literals
        self.cells: dict[tuple[int, int], list[int]] = {}
        for ai in range(len(b.agents)):
            for d in range(b.D):
                xs = b.x[ai][d]
                if xs and (ai, d) not in b.locked_days:
                    self.cells[(ai, d)] = [x.index for x in xs]
        self.agents = sorted({a for a, _ in self.cells})
        self.days = sorted({d for _, d in self.cells})
        self.agent_of = {i: a for (a, _d), idxs in self.cells.items() for i in idxs}
        # shift-type demand cells (day, their literals, the counts where the cost bends, the cost
        # there): where the roster misses, "short" re-plans; empty for interval demand
        self.demand = [(key[0], [x.index for x in lits], points, costs)
                       for key, lits, points, costs in type_cell_costs(b)]
        start = LNS_START_SIZE if b.req is not None else LNS_START_SIZE_TYPES
        self.size = dict.fromkeys(KINDS, start)  # share of the cells freed
        self.size["lp"] = LNS_START_SIZE
        self.gains = dict.fromkeys(KINDS, LNS_GAIN_HIT)  # recent success, steers the choice of kind
        self.fixed: dict[int, int] = {}  # proto index → value it is fixed to (absent: free)
        self.iterations = 0
        self.improvements = 0
        self.current: cp_model.CpSolver | None = None
        self._lock = threading.Lock()
        self.stopped = False
        self.wins = dict.fromkeys((*KINDS, "rens"), 0)  # improvements per kind (diagnostics)
        self.lp: list[float] | None = None  # an LP optimum, for the "lp" neighbourhood (RINS-like)
        self.rens_pending = False  # once the LP is there: one dive into the LP's integral part
        self.work = 0.0  # time the sub-solves used (deterministic units in a deterministic solve)

    # --- neighbourhoods ----------------------------------------------------------------------
    def neighbourhood(self, kind: str) -> set[tuple[int, int]]:
        frac = self.size[kind]
        want = max(1, int(round(frac * len(self.cells))))
        A, D = self.agents, self.days
        if kind == "lp" and self.lp is not None:
            # where the roster disagrees most with the LP optimum (RINS): the cells whose
            # choice the relaxation would change, ties broken at random
            lp, vals = self.lp, self.values
            score = {cell: sum(abs(lp[i] - vals[i]) for i in idxs) + 1e-3 * self.rng.random()
                     for cell, idxs in self.cells.items()}
            return set(sorted(score, key=score.__getitem__, reverse=True)[:want])
        if kind in ("agents", "lp"):
            order = self.rng.sample(A, len(A))
            free: set[tuple[int, int]] = set()
            for a in order:
                free.update((a, d) for d in D if (a, d) in self.cells)
                if len(free) >= want:
                    break
            return free
        if kind == "days":
            n = max(1, min(len(D), int(math.ceil(frac * len(D)))))
            s = self.rng.randrange(0, len(D) - n + 1)
            days = D[s:s + n]
            return {(a, d) for a in A for d in days if (a, d) in self.cells}
        if kind == "cross":
            # a few whole agents plus every agent over a few days: moves a shift from one
            # agent to another across the window while their other days adjust
            half = frac / 2
            na = max(1, int(round(half * len(A))))
            nd = max(1, min(len(D), int(math.ceil(half * len(D)))))
            s = self.rng.randrange(0, len(D) - nd + 1)
            agents = set(self.rng.sample(A, na))
            return {(a, d) for (a, d) in self.cells if a in agents or s <= self.days.index(d) < s + nd}
        # block: about half the agents over a matching stretch of days
        na = max(1, min(len(A), int(round(math.sqrt(frac) * len(A) * LNS_BLOCK_AGENTS))))
        nd = max(1, min(len(D), int(math.ceil(want / na))))
        missed = self._missed() if kind == "short" else None
        if missed:
            return self._short_block(missed, na, nd)
        agents = self.rng.sample(A, na)
        s = self.rng.randrange(0, len(D) - nd + 1)
        return {(a, d) for a in agents for d in D[s:s + nd] if (a, d) in self.cells}

    def _short_block(self, missed: list[tuple[int, list[int], float]], na: int, nd: int) -> set[tuple[int, int]]:
        """A block of ``na`` agents over ``nd`` days around a shift-type demand the roster misses
        (or exceeds), drawn in proportion to what that costs: first the agents who could work
        that shift that day, then others at random. The moves that pay most — one agent taking
        the missing shift while others take over its days — lie there, and a block drawn
        anywhere rarely holds them. ``missed``: :meth:`_missed` (not empty)."""
        r, (day, idxs, _c) = self.rng.random() * sum(c for _d, _i, c in missed), missed[-1]
        for cell in missed:
            r -= cell[2]
            if r <= 0:
                day, idxs, _c = cell
                break
        movers = sorted({self.agent_of[i] for i in idxs if i in self.agent_of})
        agents = self.rng.sample(movers, min(na, len(movers)))
        taken = set(agents)
        others = [a for a in self.agents if a not in taken]
        agents += self.rng.sample(others, max(0, min(len(others), na - len(agents))))
        pos = self.days.index(day) if day in self.days else 0
        lo = max(0, min(len(self.days) - nd, pos - self.rng.randrange(0, nd)))
        return {(a, d) for a in agents for d in self.days[lo:lo + nd] if (a, d) in self.cells}

    def _missed(self) -> list[tuple[int, list[int], float]]:
        """The shift-type demand cells the current roster misses or exceeds: (day, the cell's
        shift literals, what the difference costs)."""
        vals, out = self.values, []
        for d, idxs, points, costs in self.demand:
            c = float(np.interp(sum(vals[i] for i in idxs), points, costs))
            if c > 0:
                out.append((d, idxs, c))
        return out

    def _pick_kind(self) -> str:
        kinds = [k for k in KINDS if (k != "lp" or self.lp is not None) and (k != "short" or self.demand)]
        total = sum(self.gains[k] for k in kinds)
        r = self.rng.random() * total
        for k in kinds:
            r -= self.gains[k]
            if r <= 0:
                return k
        return kinds[-1]

    def _fix(self, free: set[tuple[int, int]]) -> None:
        var = self.proto.variables
        for cell, idxs in self.cells.items():
            for i in idxs:
                if cell in free:
                    if i in self.fixed:
                        var[i].domain[0], var[i].domain[1] = 0, 1
                        del self.fixed[i]
                else:
                    v = self.values[i]
                    if self.fixed.get(i) != v:
                        var[i].domain[0], var[i].domain[1] = v, v
                        self.fixed[i] = v

    def rens(self, time_limit: float) -> bool:
        """RENS: fix every shift literal the LP optimum sets to exactly 0 or 1 and solve the rest.
        Where the LP is nearly integral this sub-roster is small and holds rosters far from the
        current one that the neighbourhoods would not reach. An infeasible or worse result
        changes nothing."""
        self.rens_pending = False
        lp = self.lp
        if lp is None:
            return False
        var = self.proto.variables
        for idxs in self.cells.values():
            for i in idxs:
                if lp[i] < 1e-6 or lp[i] > 1 - 1e-6:
                    v = int(round(lp[i]))
                    if self.fixed.get(i) != v:
                        var[i].domain[0], var[i].domain[1] = v, v
                        self.fixed[i] = v
                elif i in self.fixed:
                    var[i].domain[0], var[i].domain[1] = 0, 1
                    del self.fixed[i]
        return self._solve("rens", time_limit)

    # --- search --------------------------------------------------------------------------------
    def step(self, time_limit: float) -> bool:
        """One neighbourhood; True when it improved the roster."""
        kind = self._pick_kind()
        free = self.neighbourhood(kind)
        self._fix(free)
        return self._solve(kind, time_limit)

    def _solve(self, kind: str, time_limit: float) -> bool:
        hint_assignment(self.m, self.values)
        s = cp_model.CpSolver()
        prm = s.parameters
        prm.num_workers = 1
        set_limit(prm, max(SUB_SOLVE_MIN_S, time_limit), self.b.opts.deterministic)
        prm.random_seed = self.seed + self.iterations
        prm.linearization_level = 2
        prm.cp_model_probing_level = 0
        if self.b.req is None:
            # shift-type models: every LP row from the start proves the small neighbourhoods
            # about twice as fast (interval models keep lazy rows: their coverage LP is large)
            prm.add_lp_constraints_lazily = False
        with self._lock:
            if self.stopped:
                return False
            self.current = s
        st = s.solve(self.m)
        with self._lock:
            self.current = None
        self.iterations += 1
        self.work += spent(s, self.b.opts.deterministic)
        improved = False
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE) and s.objective_value < self.objective - 0.5:
            # only a strictly better roster is taken: drifting over plateaus (equal rosters
            # accepted) does worse on interval demand and no better on shift-type demand
            improved = True
            self.values = list(s.response_proto.solution)
            self.objective = s.objective_value
            self.improvements += 1
            self.wins[kind] += 1
        if kind in self.size:
            self.adapt(kind, st, improved)
        return improved

    def adapt(self, kind: str, status: int, improved: bool) -> None:
        """Solved to optimality → the next one of this kind is bigger; out of time → smaller.
        Kinds that improved lately are chosen more often."""
        if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
            self.size[kind] = min(LNS_MAX_SIZE, self.size[kind] * LNS_GROW)
        else:
            # a size too big for one kind drawn at random is too big for the others too (how
            # hard a sub-roster is depends mostly on the model): none tries it again before
            # growing back to it. The LP's kind keeps its own: the cells it frees are where the
            # LP disagrees with the roster, a sub-roster of another difficulty
            cap = max(LNS_MIN_SIZE, self.size[kind] * LNS_SHRINK)
            for k in self.size:
                if k == kind or (k != "lp" and kind != "lp"):
                    self.size[k] = min(self.size[k], cap)
        self.gains[kind] = LNS_GAIN_MEMORY * self.gains[kind] + (LNS_GAIN_HIT if improved else LNS_GAIN_MISS)

    def run(self, deadline: float, stop: Callable[[], bool],
            on_improve: Callable[[float, list[int]], None] | None, step_limit: float) -> None:
        """Neighbourhoods of at most ``step_limit`` each until ``deadline`` on the clock or
        ``stop()`` (a deterministic solve runs its searches by work: :func:`run_together`)."""
        while not stop():
            left = deadline - time.perf_counter()
            if left < SUB_SOLVE_MIN_S:
                return
            if self.next_step(left, step_limit) and on_improve is not None:
                on_improve(self.objective, self.values)

    def next_step(self, left: float, step_limit: float) -> bool:
        """The next sub-solve with ``left`` time (or work) to go: the pending dive into the LP,
        else one neighbourhood. True when it improved the roster."""
        if self.rens_pending and self.lp is not None:
            return self.rens(min(left, max(step_limit, min(RENS_MAX_S, RENS_SHARE * left))))
        return self.step(min(step_limit, left))

    def adopt(self, objective: float, values: list[int]) -> None:
        """Continue from a better roster found elsewhere (the full search)."""
        self.values = list(values)
        self.objective = float(objective)

    def interrupt(self) -> None:
        with self._lock:
            self.stopped = True
            if self.current is not None:
                self.current.stop_search()


def run_together(team: list[NeighbourhoodSearch], stop: Callable[[], bool],
                 on_improve: Callable[[float, list[int]], None] | None, step_limit: float,
                 work: float) -> float:
    """Deterministic solves: the searches of ``team`` in lockstep, one per core. Each round every
    search takes one neighbourhood of its own (its own seed, at the same time: CP-SAT lets go of
    the GIL), then all go on from the best roster of the round (the first search's on a tie), so
    the rosters do not depend on which thread finishes first. A round costs the work of its
    longest sub-solve: the searches run side by side, as the full search's workers do; ``work``
    is the budget for all rounds. Returns the work the rounds used."""
    used = 0.0
    while not stop() and work - used >= SUB_SOLVE_MIN_S:
        start = team[0].objective  # every search starts the round from the same roster
        before = [ns.work for ns in team]
        failures: list[BaseException] = []
        others = [threading.Thread(target=_step_of, args=(ns, work - used, step_limit, failures),
                                   name="kcroster-lns", daemon=True) for ns in team[1:]]
        for th in others:
            th.start()
        _step_of(team[0], work - used, step_limit, failures)
        for th in others:
            th.join()
        if failures:
            raise failures[0]
        used += max(ns.work - w for ns, w in zip(team, before, strict=True))
        best = min(team, key=lambda ns: ns.objective)  # (min keeps the first of equals)
        for ns in team:
            if ns is not best:
                ns.adopt(best.objective, best.values)
        if best.objective < start - 0.5 and on_improve is not None:
            on_improve(best.objective, best.values)
    return used


def _step_of(ns: NeighbourhoodSearch, left: float, step_limit: float, failures: list[BaseException]) -> None:
    """One step of ``ns`` in a thread of :func:`run_together`; a failure is kept for the caller."""
    try:
        ns.next_step(left, step_limit)
    except BaseException as exc:  # noqa: BLE001 - raised again in the calling thread
        failures.append(exc)
