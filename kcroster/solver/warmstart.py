"""A fast first legal roster, agent by agent, and its improvement by re-optimising one agent at a
time against everybody else (coordinate descent).

Every hard rule concerns one agent (coverage is soft), so a legal roster is the union of one
legal schedule per agent. We solve a tiny CP-SAT model per agent — its own candidates, contract,
ATW and must-wish rules — whose objective rewards covering what is still uncovered (a sequential
greedy over agents) and respects weighted wishes. The result hints the full model, guarantees a
legal roster early (time to first roster), and an agent whose own model is infeasible pinpoints
the conflict for the infeasibility explanation. After the first pass, each agent in turn is taken
out of the coverage and re-solved against the others (hinted with its current schedule, so it
never gets worse): on large models this improves the roster far faster than a search over the
whole model.
"""

from __future__ import annotations

import copy
import time
from collections import defaultdict
from typing import NamedTuple

import numpy as np
from ortools.sat.python import cp_model

from kcroster.solver.breaks import flex_window
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.coverage import SCALE, _tier_cost, group_key, required_tenths
from kcroster.solver.plan import (
    DESCENT_AGENT_MIN_S,
    FIRST_TRY_GRIDS,
    FIRST_TRY_MIN_S,
    GREEDY_AGENT_MAX_S,
    GREEDY_AGENT_MIN_S,
    GREEDY_MIN_S,
    GREEDY_SHARE,
    HARD_AGENT_LIMIT_FACTOR,
)
from kcroster.solver.work import ONE_AGENT_SOLVE_WORK_PER_VARIABLE, VISIT_WORK, set_limit, spent


def sub_builder(b: ModelBuilder, ai: int, mode: str | None = None,
                keep: list[list[int]] | None = None) -> ModelBuilder:
    """A builder over one agent of ``b``, with a fresh model: the agent's candidates, or per day
    only those of ``keep`` (indices into ``b.cands[ai][d]``)."""
    s = copy.copy(b)
    s.mode = mode or b.mode
    s.model = cp_model.CpModel()
    s.agents = [b.agents[ai]]
    s.cands = [b.cands[ai] if keep is None else [[b.cands[ai][d][i] for i in keep[d]] for d in range(b.D)]]
    s.gates = {}
    # every collection the rules fill is the sub-model's own: shared with ``b`` (a shallow copy)
    # the one-agent models wrote their terms and contract weeks into the full model's, as agent 0
    s.penalties = defaultdict(list)
    s.agent_terms = defaultdict(list)
    s.contract_minutes = {}
    s.locked_days = {(0, d) for (a, d) in b.locked_days if a == ai}
    s.x, s.w = [], []
    xs_rows, w_row = [], []
    for d in range(b.D):
        xs = [s.model.new_bool_var(f"x_{d}_{i}") for i in range(len(s.cands[0][d]))]
        if not xs:
            wv: object = 0
        elif len(xs) == 1:
            wv = xs[0]
        else:
            wv = s.model.new_bool_var(f"w_{d}")
            s.model.add(sum(xs) == wv)
        if (0, d) in s.locked_days:
            s.hard(s.model.add(xs[0] == 1), "locked", 0, b.hz.dates[d].isoformat())
        xs_rows.append(xs)
        w_row.append(wv)
    s.x, s.w = [xs_rows], [w_row]
    return s


def add_rules(s: ModelBuilder) -> None:
    from kcroster.solver import atw, contract, wishes

    contract.add(s)
    atw.add(s)
    wishes.add(s)


class _DayTable(NamedTuple):
    """An agent-day's unlocked candidates as arrays (index i = i-th unlocked candidate)."""

    rows: list[int]  # residual rows (queues) of the agent's skill group that day
    unit: int  # tenths of an agent it counts for (productivity)
    lo: int  # intervals [lo, hi) any candidate covers
    hi: int
    ci: np.ndarray  # candidate index in b.cands[ai][d]
    k0: np.ndarray  # first interval
    end: np.ndarray  # interval after the last
    flex: np.ndarray  # candidates (i) with a flexible break, and per such candidate:
    brk: np.ndarray  # its break length, its window of break offsets [wlo, whi] and middle
    wlo: np.ndarray
    whi: np.ndarray
    mid: np.ndarray
    fixed: list[tuple[int, tuple[int, ...]]]  # (i, offsets) of fixed break patterns


class _SubModel(NamedTuple):
    """One agent's own CP-SAT model (a builder over it alone), its objective terms (wishes,
    relaxed rules), per day the index in ``b.cands[ai][d]`` of each of its candidates and the
    variable of each such index."""

    s: ModelBuilder
    terms: list
    index: list[list[int]]
    var_of: list[dict[int, object]]  # per day: candidate index → its variable


class AgentSearch:
    """Per-agent sub-models over a shared residual requirement (tenths of an agent)."""

    def __init__(self, b: ModelBuilder, relaxed: set[str] | None = None) -> None:
        self.b = b
        self.relaxed = relaxed
        self.nk = b.hz.n_intervals
        self.iv = b.hz.interval_minutes
        self.qidx = {q.name: i for i, q in enumerate(b.p.queues)}
        self.resid = None if b.req is None else required_tenths(b)
        self.picks: dict[tuple[int, int], int] = {}
        # agent → (queue, interval, unit); (-1, day, type) for a shift-type demand
        self.contrib: dict[int, list[tuple]] = {}
        # marginal[r]: objective saved by one more full agent where r tenths are still missing
        # (convex tiers: the deeper the shortage, the more it saves; none left: over-coverage)
        self.tiers = list(b.w8.under_tiers) or [1]
        self.over_w = b.w8.over
        top = int(self.resid.max()) + SCALE + 1 if self.resid is not None and self.resid.size else SCALE + 1
        self.marg = np.asarray([(_tier_cost(r, self.tiers) - _tier_cost(max(0, r - SCALE), self.tiers))
                                - self.over_w * max(0, SCALE - r) for r in range(max(top, SCALE + 1))], dtype=np.int64)
        self.subs: dict[tuple[int, int | None], _SubModel] = {}
        # per-day candidate counts of agents whose first try found no schedule in its share of
        # the time: an agent of the same shape goes the way that found theirs at once
        self.hard_shapes: set[tuple[int, ...]] = set()
        # agents whose schedule took longer than their share to find: the time limit that found
        # it (the descent gives them as much, or their re-plan would end before presolve does)
        self.limit_of: dict[int, float] = {}
        self._days: dict[tuple[int, int], _DayTable | None] = {}
        # per-day shift-type demand still open: (day, type) → [missing, weight_under, weight_over]
        self.type_need: dict[tuple[int, str], list[int]] = {}
        mult = b.w8.type_demand
        for dem in b.p.shift_rules.type_demand:
            if b.hz.start <= dem.day < b.hz.end:
                key = (b.hz.day_index(dem.day), dem.shift_type)
                self.type_need[key] = [dem.required, dem.weight_under * mult, dem.weight_over * mult]


    @property
    def work(self) -> float:
        """What the solve's CP-SAT calls have used so far (:attr:`ModelBuilder.work`): in a
        deterministic solve the greedy start and the descent stop by this, not by the clock."""
        return self.b.work
    def _sub(self, ai: int, grid: int | None = None) -> _SubModel:
        """The agent's one-agent model, built once: over all its candidates, or (``grid``) over
        those that start on whole multiples of ``grid`` minutes of the local day (08:00, 10:00 …
        for 120) — a far smaller model whose
        every schedule is legal in the full one (a locked day keeps its one shift)."""
        key = (ai, grid)
        if key not in self.subs:
            from kcroster.solver.objective import RELAX_COST

            b = self.b
            local_minute = b.hz.local_minute_of_day
            keep = None if grid is None else [
                list(range(len(b.cands[ai][d]))) if (ai, d) in b.locked_days
                else [i for i, c in enumerate(b.cands[ai][d]) if local_minute[c.k0] % grid == 0]
                for d in range(b.D)]
            soft = self.relaxed is not None and b.agents[ai].id in self.relaxed
            s = sub_builder(b, ai, mode=ModelBuilder.RELAXED if soft else ModelBuilder.STRICT, keep=keep)
            add_rules(s)
            terms = [coef * v for lst in s.penalties.values() for coef, v in lst]
            terms += [RELAX_COST * (1 - lit) for lit in s.gates.values()]
            index = [list(range(len(b.cands[ai][d]))) if keep is None else keep[d] for d in range(b.D)]
            var_of = [dict(zip(index[d], s.x[0][d], strict=True)) for d in range(b.D)]
            self.subs[key] = _SubModel(s, terms, index, var_of)
        return self.subs[key]

    def _interval_values(self, rows: list[int], lo: int, hi: int) -> np.ndarray:
        """Per interval in [lo, hi): what one agent of the group saves there (the queue that
        needs most; nobody missing: over-coverage)."""
        best = self.resid[rows, lo:hi].max(axis=0)
        marg = self.marg
        return np.where(best > 0, marg[np.clip(best, 0, len(marg) - 1)], -self.over_w * SCALE)

    def _restore(self, ai: int, old: dict, old_contrib: list) -> None:
        """Give the agent back its schedule ``old`` and its contributions (after :meth:`_remove`)."""
        for d, ci in old.items():
            if ci is None:
                self.picks.pop((ai, d), None)
            else:
                self.picks[(ai, d)] = ci
        for q, k, unit in old_contrib:
            if q == -1:
                self.type_need[(k, unit)][0] -= 1
            else:
                self.resid[q, k] -= unit
        self.contrib[ai] = old_contrib

    def _gains(self, ai: int, sub: _SubModel) -> list[tuple[int, object]]:
        """Per candidate variable of the agent's model ``sub``: what working it saves (shift-type
        demand still open, or the residual interval demand it covers)."""
        b, resid = self.b, self.resid
        out: list[tuple[int, object]] = []
        xs_of = sub.var_of
        if self.type_need:
            for d in range(b.D):
                for ci, x in xs_of[d].items():
                    c = b.cands[ai][d][ci]
                    tn = self.type_need.get((d, c.shift_type)) if c.shift_type else None
                    if tn is not None:
                        out.append((tn[1] if tn[0] > 0 else -tn[2], x))
        if resid is None:
            return out
        for d in range(b.D):
            day = self._day_table(ai, d)
            if day is None:
                continue
            gain, _start = self._day_gains(day)
            for i in np.nonzero(gain)[0].tolist():
                x = xs_of[d].get(int(day.ci[i]))
                if x is not None:
                    out.append((int(gain[i]) * day.unit // SCALE, x))
        return out

    def _day_gains(self, day: _DayTable) -> tuple[np.ndarray, np.ndarray]:
        """Per candidate of the day: what the agent saves by working it against the residual,
        and where its flexible break starts (offset; −1: no flexible break) — where the agent is
        missed least (the full search places it freely in its window too), on a tie nearest the
        middle of the window."""
        lo, hi = day.lo, day.hi
        pref = np.concatenate(([0], np.cumsum(self._interval_values(day.rows, lo, hi))))

        def spans(a: np.ndarray, z: np.ndarray) -> np.ndarray:
            a, z = np.clip(a, lo, hi), np.clip(z, lo, hi)
            return np.where(z > a, pref[z - lo] - pref[a - lo], 0)

        gain = spans(day.k0, day.end)
        start = np.full(len(day.k0), -1, dtype=np.int64)
        if len(day.flex):
            width = int((day.whi - day.wlo).max()) + 1
            js = day.wlo[:, None] + np.arange(width)[None, :]
            st = day.k0[day.flex][:, None] + js
            val = spans(st, st + day.brk[:, None])
            key = np.where(js <= day.whi[:, None], val * 4096 + np.abs(js - day.mid[:, None]), np.iinfo(np.int64).max)
            pick = key.argmin(axis=1)
            gain[day.flex] -= val[np.arange(len(day.flex)), pick]
            start[day.flex] = js[np.arange(len(day.flex)), pick]
        for i, offs in day.fixed:
            for off in offs:
                gain[i] -= int(spans(np.asarray([day.k0[i] + off]), np.asarray([day.k0[i] + off + 1]))[0])
        return gain, start

    def view(self, ai: int) -> bytes:
        """The residual an agent's candidates can reach, as bytes (equal views: equal gains)."""
        parts = []
        for d in range(self.b.D):
            day = self._day_table(ai, d)
            if day is not None:
                parts.append(self.resid[day.rows, day.lo:day.hi].tobytes())
        return b"".join(parts)

    def _day_table(self, ai: int, d: int) -> _DayTable | None:
        """Per agent-day, once: the unlocked candidates as arrays (None: nothing to count)."""
        key = (ai, d)
        if key in self._days:
            return self._days[key]
        b, nk = self.b, self.nk
        out = None
        cs = [(ci, c) for ci, c in enumerate(b.cands[ai][d]) if c.locked is None]
        if cs:
            queues, unit = group_key(b, ai, d)
            rows = [self.qidx[q] for q in queues]
            lo = min(c.k0 for _ci, c in cs)
            hi = min(nk, max(c.k0 + c.n for _ci, c in cs))
            if rows and hi > lo:
                k0 = np.asarray([c.k0 for _ci, c in cs], dtype=np.int64)
                end = np.asarray([c.k0 + c.n for _ci, c in cs], dtype=np.int64)
                flex_i, brk, wlo, whi, mid, fixed = [], [], [], [], [], []
                for i, (_ci, c) in enumerate(cs):
                    if c.brk:
                        win = flex_window(c.n, c.brk, self.iv)
                        if len(win):
                            flex_i.append(i)
                            brk.append(c.brk)
                            wlo.append(win[0])
                            whi.append(win[-1])
                            mid.append(win[len(win) // 2])
                    elif c.fixed_breaks:
                        fixed.append((i, tuple(c.fixed_breaks)))
                arr = lambda v: np.asarray(v, dtype=np.int64)  # noqa: E731
                out = _DayTable(rows, unit, lo, hi, arr([ci for ci, _c in cs]), k0, end, arr(flex_i), arr(brk),
                                arr(wlo), arr(whi), arr(mid), fixed)
        self._days[key] = out
        return out

    def _apply(self, ai: int) -> None:
        """Subtract the agent's chosen shifts from the residual (each interval on the queue of
        its group that still needs most)."""
        b, resid = self.b, self.resid
        lst: list[tuple[int, int, int]] = []
        for d in range(b.D):
            ci = self.picks.get((ai, d))
            if ci is not None and b.cands[ai][d][ci].shift_type:
                tn = self.type_need.get((d, b.cands[ai][d][ci].shift_type))
                if tn is not None:
                    tn[0] -= 1
                    lst.append((-1, d, b.cands[ai][d][ci].shift_type))  # type: ignore[arg-type]
        if resid is not None:
            for d in range(b.D):
                ci = self.picks.get((ai, d))
                if ci is None:
                    continue
                c = b.cands[ai][d][ci]
                if c.locked is not None:
                    continue
                queues, unit = group_key(b, ai, d)
                rows = [self.qidx[q] for q in queues]
                brk = set(c.fixed_breaks)
                day = self._day_table(ai, d)
                if c.brk and day is not None:
                    # the break where :meth:`_gains` priced it
                    j = int(self._day_gains(day)[1][int(np.nonzero(day.ci == ci)[0][0])])
                    brk = set(range(j, j + c.brk)) if j >= 0 else set()
                for off in range(c.n):
                    k = c.k0 + off
                    if k < self.nk and off not in brk and rows:
                        q = rows[int(np.argmax(resid[rows, k]))]
                        resid[q, k] -= unit
                        lst.append((q, k, unit))
        self.contrib[ai] = lst

    def load(self, roster) -> None:
        """Residual and contributions from a complete roster of the current shift choice, with
        its real breaks and queues (a completed roster places them better than
        :meth:`_apply` guesses), so the search goes on from the roster as it is."""
        b = self.b
        for ai in list(self.contrib):
            self._remove(ai)
        for ai in range(len(b.agents)):
            self.contrib[ai] = []
        idx = {a.id: i for i, a in enumerate(b.agents)}
        t0, ivs = int(b.hz.starts_utc[0]), b.hz.interval_seconds
        for sh in roster.shifts:
            ai = idx.get(sh.agent_id)
            if ai is None or not b.hz.start <= sh.day < b.hz.end:
                continue
            d = b.hz.day_index(sh.day)
            ci = self.picks.get((ai, d))
            if ci is None:
                raise ValueError(f"roster shift of {sh.agent_id} on {sh.day} is not in the shift choice")
            c = b.cands[ai][d][ci]
            lst = self.contrib[ai]
            tn = self.type_need.get((d, c.shift_type)) if c.shift_type else None
            if tn is not None:
                tn[0] -= 1
                lst.append((-1, d, c.shift_type))
            if self.resid is None or c.locked is not None:
                continue
            unit = group_key(b, ai, d)[1]
            for g in sh.segments:
                q = self.qidx.get(g.activity)
                if q is None:
                    continue
                k0 = max(0, (int(g.start.timestamp()) - t0) // ivs)
                k1 = min(self.nk, (int(g.end.timestamp()) - t0) // ivs)
                for k in range(k0, k1):
                    self.resid[q, k] -= unit
                    lst.append((q, k, unit))

    def _remove(self, ai: int) -> None:
        for q, k, unit in self.contrib.pop(ai, []):
            if q == -1:
                self.type_need[(k, unit)][0] += 1
            else:
                self.resid[q, k] += unit

    def optimise(self, ai: int, time_limit: float, seed: int, first_only: bool = False,
                 start_grid: int | None = None) -> int:
        """(Re)schedule one agent; returns a CP-SAT status. ``first_only``: stop at the first
        legal schedule (an agent whose schedule is hard to find at all); ``start_grid``: only
        shifts that start on whole multiples of that many minutes (see :meth:`_sub`)."""
        b = self.b
        sub = self._sub(ai, start_grid)
        s, terms, m = sub.s, sub.terms, sub.s.model
        gains = self._gains(ai, sub)
        if not terms and not gains:
            m.clear_objective()
        else:
            m.minimize(cp_model.LinearExpr.sum(terms)
                       - cp_model.LinearExpr.weighted_sum([x for _g, x in gains], [g for g, _x in gains]))
        m.clear_hints()
        if any((ai, d) in self.picks for d in range(b.D)):
            hint = m.proto.solution_hint
            for d in range(b.D):
                p = self.picks.get((ai, d))
                hint.vars.extend(x.index for x in s.x[0][d])
                hint.values.extend(int(p == ci) for ci in sub.index[d])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = seed
        set_limit(solver.parameters, time_limit, b.opts.deterministic)
        solver.parameters.linearization_level = 2
        # probing in presolve costs seconds on an agent with night shifts (hundreds of
        # thousands of binary clauses learnt over the rest ladders) and finds nothing the
        # search would not: without it a night agent's schedule comes in a tenth of the time
        solver.parameters.cp_model_probing_level = 0
        # the whole LP from the start: in one agent's model it is small, and adding its rows
        # lazily, as they are violated, takes a night agent's search many more rounds
        solver.parameters.add_lp_constraints_lazily = False
        solver.parameters.stop_after_first_solution = first_only
        st = solver.solve(m)
        b.work += spent(solver, b.opts.deterministic) + ONE_AGENT_SOLVE_WORK_PER_VARIABLE * len(m.proto.variables)
        if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return st
        for d in range(b.D):
            self.picks.pop((ai, d), None)
            for ci, x in zip(sub.index[d], s.x[0][d], strict=True):
                if solver.value(x):
                    self.picks[(ai, d)] = ci
        self._apply(ai)
        return st

    def coverage_cost(self) -> int:
        """Coverage part of the objective implied by the residual (cheap progress figure)."""
        total = sum(n * wu if n > 0 else -n * wo for n, wu, wo in self.type_need.values())
        if self.resid is None:
            return int(total)
        r = self.resid.ravel()
        short = sum(_tier_cost(int(v), self.tiers) for v in r[r > 0])
        return int(total + short + self.over_w * int(-r[r < 0].sum()))


def greedy(b: ModelBuilder, deadline: float, cancel=None, relaxed: set[str] | None = None,
           search: AgentSearch | None = None) -> tuple[dict[tuple[int, int], int] | None, int | None]:
    """Pick per agent-day a candidate index; returns (picks, None) or (None, infeasible agent).

    With ``relaxed`` (a set to fill), an agent without a legal schedule gets the schedule with
    the fewest violated rules instead, and its id is added to the set.
    """
    srch = search or AgentSearch(b, relaxed)
    order = sorted(range(len(b.agents)), key=lambda a: (len(b.agents[a].skills), a))
    if relaxed:  # agents known to need relaxing first, so a restart loses little
        order.sort(key=lambda a: b.agents[a].id not in relaxed)
    n = len(order)
    for pos, ai in enumerate(order):
        if cancel is not None and cancel.cancelled:
            return None, None
        left = _left(b, srch, deadline)
        share = max(GREEDY_AGENT_MIN_S, min(GREEDY_AGENT_MAX_S, left / max(1, n - pos)))
        shape = tuple(len(day) for day in b.cands[ai])
        if shape in srch.hard_shapes:
            st = _until_found(srch, ai, HARD_AGENT_LIMIT_FACTOR * share, cancel)
        else:
            st = srch.optimise(ai, share, b.opts.seed)
            if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE):
                srch.hard_shapes.add(shape)
                st = _until_found(srch, ai, HARD_AGENT_LIMIT_FACTOR * share, cancel)
        if st == cp_model.INFEASIBLE and relaxed is not None and b.agents[ai].id not in relaxed:
            relaxed.add(b.agents[ai].id)
            return greedy(b, deadline, cancel, relaxed, None)
        if st == cp_model.INFEASIBLE:
            return None, ai
        if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, None  # cancelled
    if search is not None:
        search.picks = srch.picks
    b.agent_search = srch
    return srch.picks, None


def _until_found(srch: AgentSearch, ai: int, limit: float, cancel) -> int:
    """An agent whose schedule was not found in its share of the time gets the time it needs: a
    hard agent (night rules, DST days, a tight reintegration plan) must never turn "hard to find"
    into "no roster". First on coarse start grids (:data:`FIRST_TRY_GRIDS`; a schedule there is
    legal, and the descent later re-plans the agent on every start), then on all candidates,
    each try stopping at the first legal schedule and doubling the time, from ``limit``; past
    the greedy start's deadline it goes on, for there is no roster without this agent. Returns
    the last CP-SAT status (UNKNOWN only when cancelled)."""
    limit = max(limit, FIRST_TRY_MIN_S)
    for grid in FIRST_TRY_GRIDS:
        if cancel is not None and cancel.cancelled:
            return cp_model.UNKNOWN
        st = srch.optimise(ai, limit, srch.b.opts.seed, start_grid=grid)
        srch.subs.pop((ai, grid), None)  # the descent re-plans the agent on all its candidates
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            srch.limit_of[ai] = limit
            return st
    while True:
        if cancel is not None and cancel.cancelled:
            return cp_model.UNKNOWN
        st = srch.optimise(ai, limit, srch.b.opts.seed, first_only=True)
        if st == cp_model.INFEASIBLE:
            return st
        if st != cp_model.UNKNOWN:
            srch.limit_of[ai] = limit
            return st
        limit *= 2


def _left(b: ModelBuilder, srch: AgentSearch, deadline: float) -> float:
    """Time left for the greedy start: until ``deadline`` on the clock, or, in a deterministic
    solve, of its share of the work (:data:`~kcroster.solver.plan.GREEDY_SHARE` of the time limit,
    at least :data:`~kcroster.solver.plan.GREEDY_MIN_S` units)."""
    if b.opts.deterministic:
        return max(GREEDY_MIN_S, GREEDY_SHARE * b.opts.time_limit_s) - srch.work
    return deadline - time.perf_counter()


def descend(b: ModelBuilder, srch: AgentSearch, deadline: float, cancel=None, on_sweep=None,
            work: float | None = None) -> int:
    """Coordinate descent: re-optimise agents one by one against all others until the deadline
    (with ``work``, a deterministic solve: until its one-agent solves have used that much more
    work, whatever the clock says), a sweep without improvement, or cancel. Returns the number
    of sweeps."""
    if srch.resid is None and not srch.type_need and not b.penalties:
        return 0
    sweeps = 0
    order = list(range(len(b.agents)))
    last = srch.coverage_cost()
    # what each agent saw when it last moved: an agent whose view has not changed since would
    # only find the same schedule again, so it is skipped (interval demand only; shift-type
    # demand counts are cheap to re-solve and not part of the view)
    seen: dict[int, bytes] = {}
    viewing = srch.resid is not None and not srch.type_need
    until = None if work is None else srch.work + work

    def over() -> bool:
        return time.perf_counter() >= deadline if until is None else srch.work >= until

    while not over():
        changed = 0
        for ai in order:
            if over() or (cancel is not None and cancel.cancelled):
                return sweeps
            b.work += VISIT_WORK
            old = {d: srch.picks.get((ai, d)) for d in range(b.D)}
            old_contrib = list(srch.contrib.get(ai, []))
            srch._remove(ai)
            view = srch.view(ai) if viewing else None
            if view is not None and seen.get(ai) == view:
                st = cp_model.UNKNOWN  # restored below, unchanged
            else:
                st = srch.optimise(ai, max(DESCENT_AGENT_MIN_S, srch.limit_of.get(ai, 0.0)),
                                    b.opts.seed + sweeps + 1)
                changed += any(srch.picks.get((ai, d)) != ci for d, ci in old.items())
                if view is not None and st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                    seen[ai] = view
            if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                srch._restore(ai, old, old_contrib)  # keep the old schedule
        sweeps += 1
        cost = srch.coverage_cost()
        if on_sweep:
            on_sweep(sweeps, cost)
        if not changed or cost > last:
            break
        last = cost
    return sweeps
