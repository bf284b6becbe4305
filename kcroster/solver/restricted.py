"""Price and branch: a roster from the Lagrangian master's columns.

The column generation behind the Lagrangian bound (:mod:`kcroster.solver.lagrange`) produces, per
agent-week, whole week schedules that are cheap at the coverage prices of the moment, and the
master LP mixes them fractionally. Choosing *one* of those schedules per agent-week, so that the
coverage cost of all of them together is least, is a small integer programme: a few columns per
agent-week instead of every shift of every day. Because it trades hours between agents all at
once it reaches rosters the agent-by-agent descent cannot (that one moves one agent at a time
against the others' residual).

The programme is the master itself with 0/1 columns: the same cell cost functions, the same flows
of on-duty agents onto open queues, the week schedules' own costs, plus the per-agent wish
fairness. It is solved by diving on its LP (GLOP, warm from its basis): general MIP solvers did
far worse here (SCIP's rosters were far off; CP-SAT's LP rose too slowly for it to find any
solution in the time), the dive lands close to the LP in a few solves.
Breaks sit where the pricing put them; the caller completes the chosen shifts with CP-SAT over
the full model (every rule, breaks and queues placed again) and keeps the result only when it
beats the roster it has, so nothing here needs to be exact — only good.
"""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np

from kcroster.solver.builder import ModelBuilder
from kcroster.solver.plan import DIVE_EXTRA_COLUMNS, DIVE_FIX_SHARE, DIVE_LP_MIN_S
from kcroster.solver.wishes import FAIR_FREE


def select(pool: list[tuple[tuple, float, float]], keep: list[tuple],
           per_week: int = DIVE_EXTRA_COLUMNS) -> list[tuple]:
    """Columns for the programme from the master's pool ``(column, value, reduced cost)``:
    every column the master uses, then per week the ``per_week`` of least reduced cost, and
    ``keep`` (the current roster's columns, so the programme can always return to it)."""
    by_week: dict[int, list[tuple[float, int]]] = defaultdict(list)
    chosen: dict[tuple, tuple] = {}
    for i, (col, val, rc) in enumerate(pool):
        if val > 1e-6:
            chosen[(col[0], col[4])] = col
        else:
            by_week[col[0]].append((rc, i))
    for lst in by_week.values():
        lst.sort()
        for _rc, i in lst[:per_week]:
            col = pool[i][0]
            chosen.setdefault((col[0], col[4]), col)
    for col in keep:
        chosen.setdefault((col[0], col[4]), col)
    return list(chosen.values())


def solve_columns(R, columns: list[tuple], deadline: float, *, stop=None
                  ) -> tuple[dict[tuple[int, int], int], float] | None:
    """One column per agent-week, least total cost, by diving on the master LP: solve the
    master over ``columns`` (with the per-agent wish fairness as its convex hull over whole
    weights), fix every agent-week whose LP weight sits on one column, then the most decided
    tenth of the rest (:data:`~kcroster.solver.plan.DIVE_FIX_SHARE`), and solve again, until
    every week has its column; GLOP
    re-solves from its basis with the dual simplex. (Pricing the open weeks again at the
    dive's own duals after each round, so new schedules join, was tried: it took far longer and
    ended worse.) ``R`` is the
    Lagrangian relaxation (:class:`kcroster.solver.lagrange._Relaxation`) the columns were
    priced in. Returns the shift choice {(agent, day): candidate} (days off left out) and the
    last LP's value, or None when time ran out or the LP failed."""
    from ortools.linear_solver import pywraplp

    from kcroster.solver.lagrange import _Master

    b: ModelBuilder = R.b
    w8 = b.w8
    weeks: dict[int, list[int]] = defaultdict(list)
    for j, col in enumerate(columns):
        weeks[col[0]].append(j)
    if len(weeks) != len(R.A.weeks):
        return None  # a week without any column: nothing to choose from
    ms = _Master(R)
    s = ms.s
    # the per-agent wish fairness: f_a ≥ every chord of its cost over the refused weight
    fair_rows: dict[int, list[tuple[object, float]]] = {}
    fair = R.A.fair_wishes if w8.fairness_wishes else {}
    for ai, (total, wl) in fair.items():
        top = sum(wt for _d, wt, _g in wl)
        cost = [w8.fairness_wishes * max(0, -(-(100 * x - FAIR_FREE * total) // total)) for x in range(top + 1)]
        f = s.NumVar(0.0, s.infinity(), "")
        s.Objective().SetCoefficient(f, 1.0)
        rows = fair_rows[ai] = []
        for x in range(top):
            slope = cost[x + 1] - cost[x]
            ct = s.Constraint(cost[x] - slope * x, s.infinity())
            ct.SetCoefficient(f, 1.0)
            rows.append((ct, float(slope)))
    z: list = []
    for col in columns:
        v = ms.add(col)
        ai = R.A.weeks[col[0]][0]
        if ai in fair_rows:
            r = _refused(R, ai, col[4], fair[ai][1])
            if r:
                for ct, slope in fair_rows[ai]:
                    ct.SetCoefficient(v, -slope * r)
        z.append(v)
    # after fixing (bounds changed) the basis stays dual feasible
    s.SetSolverSpecificParametersAsString("use_preprocessing:false use_dual_simplex:true")
    fixed: dict[int, int] = {}
    value = None
    while True:
        if time.perf_counter() >= deadline or (stop is not None and stop()):
            return None
        s.SetTimeLimit(int(max(DIVE_LP_MIN_S, deadline - time.perf_counter()) * 1000))
        if s.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        value = s.Objective().Value()
        # (all values read before any bound changes: a change voids the solution)
        best = {wi: max((z[j].solution_value(), j) for j in js) for wi, js in weeks.items() if wi not in fixed}
        settled = [wi for wi, (top, _j) in best.items() if top > 1.0 - 1e-6]
        rest = sorted((wi for wi in best if wi not in settled), key=lambda wi: -best[wi][0])
        if not rest and not settled:
            break
        for wi in settled + rest[:max(1, int(len(rest) * DIVE_FIX_SHARE))] if rest else settled:
            fixed[wi] = best[wi][1]
            z[best[wi][1]].SetLb(1.0)
        if not rest:
            break
    picks: dict[tuple[int, int], int] = {}
    for wi, j in fixed.items():
        ai = R.A.weeks[wi][0]
        for d, ci in columns[j][4]:
            if ci >= 0:
                picks[(ai, d)] = ci
    return picks, float(value)


def _refused(R, ai: int, choice: tuple, wl: list) -> int:
    """Wish weight a week schedule refuses (``wl``: the agent's fairness wishes with, per wish,
    a mask over the day's options that grant it)."""
    on = dict(choice)
    out = 0
    for d, wt, mask in wl:
        if d not in on:
            continue
        oci = R.A.days[(ai, d)][0]
        hit = np.nonzero(oci == on[d])[0]
        if len(hit) and not bool(mask[int(hit[0])]):
            out += wt
    return out
