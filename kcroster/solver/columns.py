"""Column generation over whole agent schedules for shift-type demand (Dantzig–Wolfe); the
solve plan says when it applies (:func:`kcroster.solver.plan.columns_applicable`).

On shift-type models (per day × named shift type demand, as in nurse rostering) the agents are
coupled only by the demand rows. Dualising those with multipliers μ (per day × type) gives

    L(μ) = Σ_cells min_n [cost_cell(n) + μ·n]  +  min over all agents' schedules [own costs − μ·types]

a lower bound of the objective for every μ (weak duality). Unlike :mod:`kcroster.solver.lagrange`
(week problems by dynamic programming, rules linking weeks left out) the agents' problem here is
*the model itself* with the demand rows removed: every hard rule of every agent — consecutive
days, days off, weekends, period totals, shift-type caps, rest — is exact, because the CP-SAT
model the search uses is solved with only its coupling rows cleared. It separates by agent, so
one CP-SAT solve prices all agents at once; its proven bound (not only its solution) enters L,
so a pricing solve cut short still gives a valid bound.

The multipliers come from the restricted master LP (GLOP) over the schedules found so far:
convexity per agent, the demand cells' convex costs as bounded segments. Its optimum is the
Dantzig–Wolfe bound — far stronger than the compact LP, because its columns are whole legal
schedules rather than fractional shifts. The master's solution, a convex combination of schedules,
is also a far better guide for the neighbourhood search than the compact LP: its integral part
fixed, the rest solved (RENS).

Penalty terms that are neither one agent's own (see ``ModelBuilder.agent_terms``) nor demand
cells — e.g. a maximum over agents — are left out, which only weakens the bound.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model

from kcroster.solver.builder import ModelBuilder
from kcroster.solver.coverage import master_cell_row, type_cell_costs
from kcroster.solver.plan import COLUMNS_GUIDE_GAP, COLUMNS_SMOOTHING, PRICE_COLUMNS, SUB_SOLVE_MIN_S
from kcroster.solver.work import ONE_AGENT_SOLVE_WORK_PER_VARIABLE, set_limit, spent

PRICE_SCALE = 1000  # multipliers are rounded to 1/1000 point (the bound uses the rounded ones)


class _Solutions(cp_model.CpSolverSolutionCallback):
    """The agent's schedules a pricing solve passes through (shift literals, own-term values)."""

    def __init__(self, lits: np.ndarray, own: np.ndarray) -> None:
        super().__init__()
        self.lits = lits.tolist()
        self.own = own.tolist()
        self.found: list[tuple[list[int], list[int]]] = []

    def on_solution_callback(self) -> None:
        sol = self.response_proto.solution
        self.found.append(([sol[i] for i in self.lits], [sol[i] for i in self.own]))


def _flatten(terms) -> tuple[np.ndarray, np.ndarray, float]:
    """(variable indices, coefficients, offset) of Σ coef·expr, negated literals resolved."""
    if not terms:
        return np.zeros(0, dtype=np.int64), np.zeros(0), 0.0
    tmp = cp_model.CpModel()
    tmp.minimize(cp_model.LinearExpr.sum([coef * v for coef, v in terms]))
    obj = tmp.proto.objective
    idx = np.asarray(list(obj.vars), dtype=np.int64)
    coef = np.asarray(list(obj.coeffs), dtype=float)
    return idx, coef, float(obj.offset)


class HorizonColumns:
    def __init__(self, b: ModelBuilder, threads: int = 1) -> None:
        self.b = b
        self.threads = threads  # the pricing's threads (see :meth:`price`)
        # demand cells: key, literal indices, breakpoints and costs (convex piecewise linear)
        self.cells: list[tuple[list[float], list[float]]] = []
        self.cell_of: dict[int, int] = {}  # literal index → cell
        for _key, lits, pts, costs in type_cell_costs(b):
            t = len(self.cells)
            self.cells.append(([float(p) for p in pts], [float(c) for c in costs]))
            for lit in lits:
                self.cell_of[lit.index] = t
        nt = len(self.cells)
        width = max((len(p) for p, _c in self.cells), default=1)
        self.TX = np.zeros((nt, width))
        self.TF = np.full((nt, width), 1e18)
        for t, (p, c) in enumerate(self.cells):
            self.TX[t, :len(p)] = p
            self.TF[t, :len(c)] = c
        # the agents' problem: the model without its demand rows
        self.m = b.model.clone()
        self.m.clear_hints()
        for i in b.type_rows:
            self.m.proto.constraints[i].clear_linear()
        self.own = {ai: _flatten(terms) for ai, terms in b.agent_terms.items()}
        self.base_idx, self.base_coef, self.base_off = _flatten(
            [t for terms in b.agent_terms.values() for t in terms])
        self.agent_lits: list[np.ndarray] = []  # per agent its shift literals' indices
        for ai in range(len(b.agents)):
            self.agent_lits.append(np.asarray([x.index for d in range(b.D) for x in b.x[ai][d]], dtype=np.int64))
        self.lit_cell = {ai: np.asarray([self.cell_of.get(int(i), -1) for i in lits], dtype=np.int64)
                         for ai, lits in enumerate(self.agent_lits)}
        self.columns: list[tuple[int, float, np.ndarray]] = []  # (agent, own cost, chosen literals)
        self._seen: set = set()
        self.hint: list[int] | None = None  # a legal roster: the other agents' fixed schedules
        self.subs: dict[int, tuple] = {}
        self.last: dict[int, list[int]] = {}  # per agent its last pricing solution (the next hint)
        self._lp = None  # the restricted master LP (solver, demand rows, convexity rows, columns' variables)
        self.master_z: np.ndarray | None = None
        self.master_value: float | None = None
        self.converged = False  # the master is solved: its solution is the Dantzig–Wolfe optimum
        self.bound_value: float | None = None  # the best proven bound, before rounding up
        # a deterministic solve prices in CP-SAT's deterministic time and stops at a work budget
        # (:mod:`kcroster.solver.work`): the same columns, bound and master on any machine load
        self.deterministic = bool(b.opts.deterministic)
        self.work = 0.0  # what the pricing solves used (nominal seconds of work when deterministic)

    # --- pieces ------------------------------------------------------------------------------
    def cell_part(self, mu: np.ndarray) -> float:
        if not len(self.cells):
            return 0.0
        return float((self.TF + mu[:, None] * self.TX).min(axis=1).sum())

    def column_of(self, ai: int, values) -> tuple[int, float, np.ndarray]:
        """The agent's schedule in a solution (``values`` indexable by variable index)."""
        lits = self.agent_lits[ai]
        chosen = lits[np.asarray([values[int(i)] for i in lits], dtype=bool)] if len(lits) else lits
        idx, coef, off = self.own.get(ai, (np.zeros(0, dtype=np.int64), np.zeros(0), 0.0))
        cost = off + float(sum(c * values[int(i)] for i, c in zip(idx.tolist(), coef.tolist(), strict=True)))
        return ai, cost, chosen

    def types_of(self, col) -> dict[int, int]:
        out: dict[int, int] = {}
        for i in col[2].tolist():
            t = self.cell_of.get(int(i), -1)
            if t >= 0:
                out[t] = out.get(t, 0) + 1
        return out

    def add(self, col) -> bool:
        sig = (col[0], tuple(col[2].tolist()))
        if sig in self._seen:
            return False
        self._seen.add(sig)
        self.columns.append(col)
        return True

    def add_roster(self, values: list[int]) -> None:
        """Every agent's schedule in a complete assignment, as columns."""
        for ai in range(len(self.b.agents)):
            self.add(self.column_of(ai, values))

    def _sub(self, ai: int):
        """The agent's own model (same candidates, every rule of the agent, its own terms)."""
        sub = self.subs.get(ai)
        if sub is None:
            from kcroster.solver.warmstart import add_rules, sub_builder

            sb = sub_builder(self.b, ai)
            add_rules(sb)
            own = _flatten([t for lst in sb.penalties.values() for t in lst])
            # the agent's literals in the sub-model, in the order of ``agent_lits``
            local = np.asarray([x.index for d in range(self.b.D) for x in sb.x[0][d]], dtype=np.int64)
            sub = self.subs[ai] = (sb, own, local)
        return sub

    def price(self, mu: np.ndarray, time_limit: float, stop: Callable[[], bool] | None = None):
        """(lower bound of Σ over agents of min [own − μ·types], each agent's best schedule)
        or None when time ran out or nothing could be proven. A small solve per agent: its own
        model (every rule of the agent, its own penalty terms) with the multipliers on its
        shift literals. ``time_limit`` is in the solve's units (work when deterministic).

        With ``threads`` above 1 the agents are priced in that many threads, agent ``i`` in
        thread ``i mod threads`` (CP-SAT lets go of the interpreter): each agent's solve is the
        same whatever thread runs it, so are the bound and the columns, and a deterministic
        round costs the work of its busiest thread, as the full search's workers count."""
        for ai in range(len(self.b.agents)):
            self._sub(ai)  # built here, one after the other: the threads only solve
        n = max(1, min(self.threads, len(self.b.agents)))
        groups = [list(range(g, len(self.b.agents), n)) for g in range(n)]
        deadline = time.perf_counter() + time_limit
        found: dict[int, tuple[float, list]] = {}
        works = [0.0] * n
        failures: list[BaseException] = []

        def run(g: int) -> None:
            # a thread that cannot prove its agent's bound stops; the others go on, so that
            # each thread's work, and with it a deterministic round's, never depends on timing
            try:
                for ai in groups[g]:
                    if stop is not None and stop():
                        return
                    left = (time_limit - works[g]) if self.deterministic else deadline - time.perf_counter()
                    got = self._price_agent(ai, mu, left)
                    works[g] += got[0]
                    if got[1] is None:
                        return
                    found[ai] = (got[1], got[2])
            except BaseException as exc:  # noqa: BLE001 - raised again in the calling thread
                failures.append(exc)

        threads = [threading.Thread(target=run, args=(g,), name="kcroster-pricing", daemon=True)
                   for g in range(1, n)]
        for th in threads:
            th.start()
        run(0)
        for th in threads:
            th.join()
        if failures:
            raise failures[0]
        self.work += max(works)
        if len(found) < len(self.b.agents):
            return None
        total, cols = 0.0, []
        for ai in range(len(self.b.agents)):
            total += found[ai][0]
            cols += found[ai][1]
        return total, cols

    def _price_agent(self, ai: int, mu: np.ndarray, left: float) -> tuple[float, float | None, list]:
        """One agent's pricing solve with ``left`` time (or work): (work used, the proven bound
        of its min [own − μ·types] or None, its columns)."""
        sb, (idx, coef, off), local = self._sub(ai)
        cf: dict[int, int] = {}
        for i, c in zip(idx.tolist(), coef.tolist(), strict=True):
            cf[i] = cf.get(i, 0) + int(round(c * PRICE_SCALE))
        for i, t in zip(local.tolist(), self.lit_cell[ai].tolist(), strict=True):
            if t >= 0:
                v = -int(round(mu[t] * PRICE_SCALE))
                if v:
                    cf[i] = cf.get(i, 0) + v
        m = sb.model
        obj = m.proto.objective
        obj.vars.clear()
        obj.coeffs.clear()
        obj.domain.clear()
        keys = [i for i, c in cf.items() if c]
        obj.vars.extend(keys)
        obj.coeffs.extend(cf[i] for i in keys)
        obj.offset = 0.0
        obj.scaling_factor = 1.0
        m.clear_hints()
        last = self.last.get(ai)
        if last is not None:
            m.proto.solution_hint.vars.extend(range(len(last)))
            m.proto.solution_hint.values.extend(last)
        s = cp_model.CpSolver()
        s.parameters.num_workers = 1
        set_limit(s.parameters, max(SUB_SOLVE_MIN_S, left), self.deterministic)
        s.parameters.linearization_level = 2
        # probing in presolve costs each of these many small solves more than it saves
        s.parameters.cp_model_probing_level = 0
        seen = _Solutions(local, idx)
        st = s.solve(m, seen)
        used = spent(s, self.deterministic)
        if self.deterministic:  # the setup CP-SAT's count does not see, as for every one-agent solve
            used += ONE_AGENT_SOLVE_WORK_PER_VARIABLE * len(m.proto.variables)
        if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return used, None, []
        self.last[ai] = list(s.response_proto.solution)
        cols = []
        # the solutions met on the way are columns too (fewer rounds): the last ones only, the
        # early ones are far from the multipliers' optimum
        for lit_vals, own_vals in seen.found[-PRICE_COLUMNS:]:
            chosen = self.agent_lits[ai][np.asarray(lit_vals, dtype=bool)]
            own = off + float(np.dot(coef, own_vals)) if len(coef) else off
            cols.append((ai, own, chosen))
        return used, s.best_objective_bound / PRICE_SCALE + off, cols

    # --- the master -------------------------------------------------------------------------
    def solve_master(self):
        """(μ, σ per agent, value, z) of the restricted master LP, or None. The LP is built
        once and grows by the columns added since its last solve: GLOP starts again from its
        last basis, where building and solving it afresh each round would cost more and more
        with the columns."""
        from ortools.linear_solver import pywraplp

        if self._lp is None:
            s = pywraplp.Solver.CreateSolver("GLOP")
            obj = s.Objective()
            offset = 0.0
            rows = []
            for pts, costs in self.cells:
                offset += costs[0]
                rows.append(master_cell_row(s, obj, pts, costs))
            conv = [s.Constraint(1.0, 1.0) for _a in self.b.agents]
            obj.SetOffset(offset)
            obj.SetMinimization()
            self._lp = (s, rows, conv, [])
        s, rows, conv, zs = self._lp
        obj = s.Objective()
        for col in self.columns[len(zs):]:
            z = s.NumVar(0.0, s.infinity(), "")
            obj.SetCoefficient(z, col[1])
            conv[col[0]].SetCoefficient(z, 1.0)
            for t, cnt in self.types_of(col).items():
                rows[t].SetCoefficient(z, -float(cnt))
            zs.append(z)
        if s.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        mu = np.asarray([-ct.dual_value() for ct in rows], dtype=float)
        sig = np.asarray([ct.dual_value() for ct in conv], dtype=float)
        z = np.asarray([v.solution_value() for v in zs], dtype=float)
        return mu, sig, s.Objective().Value(), z

    def guides(self) -> bool:
        """Whether the master's solution may steer the search: the master is solved, or its
        value lies within COLUMNS_GUIDE_GAP of the proven bound — then it is within that of the
        Dantzig–Wolfe optimum too, and as good a guide (a budget often ends a round or two
        before the last columns close a gap that small)."""
        if self.master_z is None:
            return False
        if self.converged:
            return True
        top, low = self.master_value, self.bound_value
        return top is not None and low is not None and top - low <= COLUMNS_GUIDE_GAP * max(1.0, abs(top))

    def lp_point(self, n_vars: int) -> list[float]:
        """The master's solution as a value per model variable (shift literals; others 0)."""
        out = np.zeros(n_vars)
        if self.master_z is not None:
            for col, z in zip(self.columns, self.master_z.tolist(), strict=False):
                if z > 1e-9:
                    out[col[2]] += z
        return out.tolist()

    def reduced_cost(self, col, mu: np.ndarray, sig: np.ndarray) -> float:
        """The column's reduced cost in the master with duals ``mu`` (demand cells, as rewards
        per count) and ``sig`` (the agents' convexity rows)."""
        return col[1] - sum(mu[t] * n for t, n in self.types_of(col).items()) - sig[col[0]]

    def _prices_out(self, cols, mu: np.ndarray, sig: np.ndarray) -> bool:
        """Whether any of ``cols`` has a negative reduced cost in the master with duals ``mu``
        and ``sig``: only such a column can improve the master."""
        return any(self.reduced_cost(col, mu, sig) < -1e-6 * max(1.0, abs(col[1])) for col in cols)

    # --- the loop ---------------------------------------------------------------------------
    def run(self, start_values: list[int], deadline: float, *, upper: Callable[[], float | None] | None = None,
            on_bound: Callable[[int], None] | None = None, stop: Callable[[], bool] | None = None,
            incumbent: Callable[[], list[int] | None] | None = None, work: float | None = None) -> int | None:
        """Column generation from a legal roster's schedules until the master is solved, the
        bound meets ``upper`` or ``deadline`` — or, with ``work`` (a deterministic solve), until
        the pricing has used that much more work (``deadline`` is then ignored). Returns the
        best proven bound (rounded up).

        ``incumbent`` returns the best roster found meanwhile (a complete assignment, a new list
        whenever it improves); its schedules join the master each round, so the master always
        holds a roster at least that good, and the bound converges sooner than from the start
        roster's schedules alone."""
        self.add_roster(start_values)
        self.hint = list(start_values)
        best: float | None = None
        center = np.zeros(len(self.cells))
        mu_m = center
        alpha = 0.0
        sig: np.ndarray | None = None  # the master's convexity duals (per agent), once solved
        last_inc: list[int] | None = None
        work_end = None if work is None else self.work + work
        while not (stop is not None and stop()):
            left = deadline - time.perf_counter() if work_end is None else work_end - self.work
            if left < SUB_SOLVE_MIN_S:
                break
            mu = np.round((alpha * center + (1 - alpha) * mu_m) * PRICE_SCALE) / PRICE_SCALE
            got = self.price(mu, left, stop)
            if got is None:
                break
            pbound, cols = got
            total = self.cell_part(mu) + pbound
            total -= 1e-9 * abs(total) + 1e-6
            if best is None or total > best:
                best = self.bound_value = total
                center = mu
                if on_bound is not None:
                    on_bound(int(math.ceil(best)))
            top = upper() if upper is not None else None
            if top is not None and best >= top - 1e-9:
                break  # the roster is optimal
            added = 0
            for col in cols:
                added += self.add(col)
            if alpha > 0.0 and sig is not None and not self._prices_out(cols, mu_m, sig):
                # a misprice: the columns of the smoothed point would not change the master, and
                # at the same point the next round would find the same ones — price at the
                # master's own duals instead (its columns either improve it or prove it solved)
                alpha = 0.0
                continue
            inc = incumbent() if incumbent is not None else None
            if inc is not None and inc is not last_inc:
                last_inc = inc
                self.add_roster(inc)
            if not added:
                if alpha == 0.0:
                    self.converged = self.master_z is not None
                    break
                alpha = 0.0
                continue
            got_m = self.solve_master()
            if got_m is None:
                break
            mu_m, sig, self.master_value, self.master_z = got_m
            alpha = COLUMNS_SMOOTHING
            if math.ceil(best) >= self.master_value - 1e-6 * max(1.0, abs(best)):
                self.converged = True
                break  # the bound (an integer) cannot rise above the master's optimum any more
        return None if best is None else int(math.ceil(best))
