"""Coverage: interval demand per queue × interval and per-day demand per named shift type.

Interval demand is modelled on *aggregates*, never per agent: agents are grouped by identical
(serveable queues, productivity); per group and shift class the model counts how many agents
work it (N) and at which offset they take their break (implicit break placement, see
:mod:`kcroster.solver.breaks`); per group and interval a small integer flow m[g, q, k] splits the
group's agents on duty over its open queues. Concrete queue and break assignments per agent are
made in :mod:`kcroster.solver.extract`. Coverage is counted in tenths of an agent (``SCALE``) so
fractional requirements and reintegration productivity are exact enough.

Under-coverage is convex: tier t (one agent wide) costs ``under_tiers[t]`` per tenth, the last
tier's price for all the rest. Every cell's cost therefore has at most ``len(under_tiers) + 2``
pieces, and so has its model: its size does not depend on how large one requirement is.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from kcroster.model import step_in_force
from kcroster.solver.breaks import flex_window
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.candidates import agent_queues

SCALE = 10


@dataclass
class ShiftClass:
    gkey: tuple
    k0: int
    n: int
    brk: int
    fixed: tuple[int, ...]
    members: list[tuple[int, int, int]] = field(default_factory=list)  # (agent, day, cand idx)
    count: object = None  # N: linear expression / var
    breaks: list[tuple[int, object]] = field(default_factory=list)  # (offset, count var)


def required_tenths(b: ModelBuilder) -> np.ndarray:
    """The requirement per queue × interval in tenths of an agent, raised to a queue's minimum
    staff wherever it is open — what every coverage cost counts against."""
    req = np.round(b.req * SCALE).astype(np.int64)
    for q, queue in enumerate(b.p.queues):
        if queue.min_agents_when_open:
            req[q] = np.where(b.open[q], np.maximum(req[q], queue.min_agents_when_open * SCALE), req[q])
    return req


def group_key(b: ModelBuilder, ai: int, d: int) -> tuple:
    agent = b.agents[ai]
    step = step_in_force(b.p.reintegration_plan(agent.id), b.hz.dates[d])
    prod = step.productivity if step is not None else 1.0
    return (agent_queues(b.p, agent, d), int(round(SCALE * prod)))


def add(b: ModelBuilder) -> None:
    """Coverage: fills the builder's declared coverage parts (``classes``, ``flows``,
    ``cov_expr``, ``locked_cover``, ``cells``: per (queue, interval) the piecewise-linear cost
    [(coverage tenths, cost)] and the slope beyond, for the bounds; ``type_counts``)."""
    if b.req is not None:
        _interval_demand(b)
    _type_demand(b)


def _interval_demand(b: ModelBuilder) -> None:
    """Interval demand: shift classes and their break counts, the groups' flows onto open
    queues, and per (queue, interval) the convex cost of the coverage against the requirement."""
    qidx = {q.name: i for i, q in enumerate(b.p.queues)}
    classes = _shift_classes(b, qidx)
    supply = _class_supply(b, classes)
    b.classes = list(classes.values())
    cover = _queue_flows(b, supply, qidx)
    _demand_cells(b, cover)


def _lock_cover(b: ModelBuilder, qidx: dict[str, int], shift) -> None:
    """Count a locked shift's queue segments as constant coverage (``b.locked_cover``)."""
    nk, t0, ivs = b.hz.n_intervals, b.factory.t0, b.factory.ivs
    for seg in shift.segments:
        if seg.activity in qidx:
            s = int(seg.start.timestamp())
            e = int(seg.end.timestamp())
            for k in range((s - t0) // ivs, -(-(e - t0) // ivs)):
                if 0 <= k < nk:
                    b.locked_cover[(qidx[seg.activity], k)] += SCALE


def _shift_classes(b: ModelBuilder, qidx: dict[str, int]) -> dict[tuple, ShiftClass]:
    """The candidates grouped by (group key, start, length, break, fixed breaks): the model
    counts agents per class, not per agent. Locked shifts become constant coverage instead."""
    classes: dict[tuple, ShiftClass] = {}
    for ai in range(len(b.agents)):
        for d in range(b.D):
            if not b.cands[ai][d]:
                continue
            gk = None
            for ci, c in enumerate(b.cands[ai][d]):
                if c.locked is not None:
                    _lock_cover(b, qidx, c.locked)
                    continue
                if gk is None:
                    gk = group_key(b, ai, d)
                key = (gk, c.k0, c.n, c.brk, c.fixed_breaks)
                cl = classes.get(key)
                if cl is None:
                    cl = classes[key] = ShiftClass(gk, c.k0, c.n, c.brk, c.fixed_breaks)
                cl.members.append((ai, d, ci))
    return classes


def _class_supply(b: ModelBuilder, classes: dict[tuple, ShiftClass]
                  ) -> dict[tuple, list[tuple[int, object]]]:
    """Each class's agent count and break counts per offset; returns per (group key, interval)
    the signed terms of the group's agents on duty (working minus on a break)."""
    m, nk, iv = b.model, b.hz.n_intervals, b.hz.interval_minutes
    supply: dict[tuple, list[tuple[int, object]]] = defaultdict(list)
    for cl in classes.values():
        xs = [b.x[ai][d][ci] for ai, d, ci in cl.members]
        agents_in = len({ai for ai, _d, _ci in cl.members})
        if len(xs) == 1:
            cl.count = xs[0]
        else:
            cl.count = m.new_int_var(0, agents_in, "")
            m.add(cl.count == sum(xs))
        fixed = set(cl.fixed)
        for off in range(cl.n):
            k = cl.k0 + off
            if k >= nk:
                break
            if off not in fixed:
                supply[(cl.gkey, k)].append((1, cl.count))
        if cl.brk:
            win = list(flex_window(cl.n, cl.brk, iv))
            if len(win) == 1:
                cl.breaks = [(win[0], cl.count)]
            else:
                cl.breaks = [(j, m.new_int_var(0, agents_in, "")) for j in win]
                m.add(sum(v for _j, v in cl.breaks) == cl.count)
            for j, v in cl.breaks:
                for off in range(j, j + cl.brk):
                    k = cl.k0 + off
                    if k < nk:
                        supply[(cl.gkey, k)].append((-1, v))
    return supply


def _queue_flows(b: ModelBuilder, supply: dict[tuple, list[tuple[int, object]]],
                 qidx: dict[str, int]) -> dict[tuple[int, int], list[tuple[int, object]]]:
    """Split each group's agents on duty over its open queues (``b.flows``); returns per
    (queue, interval) the terms of its coverage in tenths."""
    m = b.model
    # agents per group (upper bound for flows)
    members_by_group: dict[tuple, set] = defaultdict(set)
    for cl in b.classes:
        members_by_group[cl.gkey].update(ai for ai, _d, _ci in cl.members)
    cover: dict[tuple[int, int], list[tuple[int, object]]] = defaultdict(list)
    for (gk, k), terms in supply.items():
        queues, unit = gk
        open_q = [qidx[q] for q in queues if b.open[qidx[q], k]]
        expr = cp_model.LinearExpr.weighted_sum([v for _c, v in terms], [c for c, _v in terms])
        if not open_q:
            m.add(expr == 0)
            continue
        if len(open_q) == 1:
            b.flows[(gk, k)] = {open_q[0]: None}
            for c, v in terms:
                cover[(open_q[0], k)].append((c * unit, v))
            continue
        ub = len(members_by_group[gk])
        fl = {q: m.new_int_var(0, ub, "") for q in open_q}
        # idle: agents on duty not counted on any queue (extraction still puts them on one, so
        # it is over-coverage); the slack keeps every shift choice feasible for the flows
        idle = m.new_int_var(0, ub, "")
        m.add(sum(fl.values()) + idle == expr)
        b.penalise("over", b.w8.over * unit, idle)
        b.flows[(gk, k)] = fl
        for q, v in fl.items():
            cover[(q, k)].append((unit, v))
    return cover


def _demand_cells(b: ModelBuilder, cover: dict[tuple[int, int], list[tuple[int, object]]]) -> None:
    """Per (queue, interval) the cost of its coverage against the requirement: convex
    under-coverage tiers and over-coverage (``b.cov_expr``, ``b.cells``)."""
    tiers = list(b.w8.under_tiers) or [1]
    for q in range(len(b.p.queues)):
        minimum = b.p.queues[q].min_agents_when_open * SCALE
        for k in range(b.hz.n_intervals):
            r = int(round(float(b.req[q, k]) * SCALE))
            if b.open[q, k] and minimum:
                r = max(r, minimum)
            terms = cover.get((q, k), [])
            const = b.locked_cover.get((q, k), 0)
            if not terms:
                short = max(0, r - const)
                if short:
                    b.penalise("under_const", _tier_cost(short, tiers), 1)
                continue
            expr = cp_model.LinearExpr.weighted_sum([v for _c, v in terms], [c for c, _v in terms]) + const
            b.cov_expr[(q, k)] = expr
            if all(c % SCALE == 0 for c, _v in terms) and const % SCALE == 0:
                b.cells[(q, k)] = (_whole_agent_cost(b, terms, const, r, tiers), const)
                continue
            b.cells[(q, k)] = (_tenths_cost(b, expr, r, tiers), const)


def _tenths_cost(b: ModelBuilder, expr, r: int, tiers: list[int]) -> list[tuple[int, int]]:
    """Coverage in tenths (reintegration productivity, fractional flows): one bounded
    under-coverage variable per tier (the last one takes all the rest) and one over-coverage
    variable. Returns the cell's cost points [(coverage tenths, cost)] for the bounds: the
    kinks only, so they stay as few as the tiers."""
    m = b.model
    ntier = min(math.ceil(r / SCALE), len(tiers))
    pts = sorted({max(0, r - SCALE * t) for t in range(ntier)} | {0, r})
    cost = ([(c, _tier_cost(max(0, r - c), tiers) + b.w8.over * max(0, c - r)) for c in pts]
            + [(r + SCALE, b.w8.over * SCALE)])
    if r > 0:
        us = []
        for t in range(ntier):
            # the last tier is as wide as what is left of the requirement
            width = r - t * SCALE if t == len(tiers) - 1 else min(SCALE, r - t * SCALE)
            u = m.new_int_var(0, width, "")
            us.append(u)
            b.penalise("under", tiers[t], u)
        m.add(expr + sum(us) >= r)
    if b.w8.over:
        o = m.new_int_var(0, SCALE * max(1, len(b.agents)) * 2, "")
        m.add(o >= expr - r)
        b.penalise("over", b.w8.over, o)
    return cost


def cell_cost(agents: int, r: int, tiers: list[int], over: int) -> int:
    """Penalty of ``agents`` whole agents against a requirement of ``r`` tenths."""
    have = agents * SCALE
    if have >= r:
        return (have - r) * over
    return _tier_cost(r - have, tiers)


def _whole_agent_cost(b: ModelBuilder, terms, const: int, r: int, tiers: list[int]) -> list[tuple[int, int]]:
    """Coverage in whole agents: cost ≥ every chord of the convex cost between consecutive
    integers. At integer coverage this is exact; in the LP relaxation it is the convex hull of
    the integer points, so the bound already pays for rounding a fractional requirement (a
    plain tier formulation lets the LP cover 12.3 agents exactly)."""
    m = b.model
    over = b.w8.over
    c = cp_model.LinearExpr.weighted_sum([v for _c, v in terms], [cf // SCALE for cf, _v in terms]) + const // SCALE
    top = r // SCALE
    lo = max(0, top - len(tiers) - 1)
    hi = top + 1
    z = m.new_int_var(0, cell_cost(0, r, tiers, over) + SCALE * over * (len(b.agents) + 1), "")
    chords = []
    for i in range(lo, hi + 1):
        f0, f1 = cell_cost(i, r, tiers, over), cell_cost(i + 1, r, tiers, over)
        m.add(z >= f0 + (f1 - f0) * (c - i))
        chords.append((i, f0, f1 - f0))
    b.penalise("coverage", 1, z)
    # the cost the model charges at coverage a agents is the upper envelope of the chords
    # (clipped at 0, z's domain): a bound must use exactly this function, not cell_cost. Below
    # ``lo`` the first chord is the envelope (a straight line), so its kinks are the points
    return [(SCALE * a, max(0, max(f0 + df * (a - i) for i, f0, df in chords)))
            for a in sorted({0, *range(lo, hi + 2)})]


def _tier_cost(short: int, tiers: list[int]) -> int:
    """Cost of ``short`` tenths below the requirement: tier t (one agent wide) at ``tiers[t]``
    per tenth, the last tier's price for all the rest (in as many steps as there are tiers)."""
    cost = 0
    for price in tiers[:-1]:
        if short <= 0:
            return cost
        take = min(SCALE, short)
        cost += take * price
        short -= take
    return cost + max(0, short) * tiers[-1]


def _type_demand(b: ModelBuilder) -> None:
    m = b.model
    mult = b.w8.type_demand
    b.type_counts = {}
    for dem in b.p.shift_rules.type_demand:
        if not b.hz.start <= dem.day < b.hz.end:
            continue
        d = b.hz.day_index(dem.day)
        lits = [x for ai in range(len(b.agents)) for x in b.type_lits(ai, d, dem.shift_type)]
        cnt = sum(lits) if lits else 0
        b.type_counts[(d, dem.shift_type)] = lits
        # one equality count − required = over − under: CP-SAT's presolve then substitutes a
        # slack into the objective, which puts the demand's cost on the shift literals
        # themselves and lets its bound climb (with two inequalities or max-equalities the bound
        # stays at the LP's)
        if not lits or not (dem.weight_under or dem.weight_over):
            if dem.required > 0 and dem.weight_under:
                b.penalise("type_under", dem.weight_under * mult * dem.required, 1)
            continue
        u = m.new_int_var(0, dem.required, "")
        o = m.new_int_var(0, max(0, len(lits) - dem.required), "")
        b.type_rows.append(m.add(cnt - dem.required == o - u).index)
        if dem.weight_under:
            b.penalise("type_under", dem.weight_under * mult, u)
        if dem.weight_over:
            b.penalise("type_over", dem.weight_over * mult, o)


def type_cell_costs(b: ModelBuilder) -> list[tuple[tuple[int, str], list, list[int], list[int]]]:
    """The shift-type demand cells as the bounds see them: per (day, type) of the model its
    shift literals, the counts at which its cost bends (0, the requirement, all literals) and
    the cost at each — under·max(0, req − n) + over·max(0, n − req), the over-cost only where
    more than the requirement can work. One table for the Lagrangian and the column generation;
    where a day and type has several demands the last one counts."""
    mult = b.w8.type_demand
    demand = {}
    for dem in b.p.shift_rules.type_demand:
        if b.hz.start <= dem.day < b.hz.end:
            demand[(b.hz.day_index(dem.day), dem.shift_type)] = dem
    out = []
    for key, lits in b.type_counts.items():
        dem = demand.get(key)
        if dem is None:
            continue
        n = len(lits)
        under = dem.weight_under * mult if dem.required > 0 else 0
        over = dem.weight_over * mult if (lits and n > dem.required) else 0
        points = sorted({0, min(n, dem.required), n})
        out.append((key, lits, points,
                    [under * max(0, dem.required - x) + over * max(0, x - dem.required) for x in points]))
    return out


def master_cell_row(s: Any, objective: Any, points: list, costs: list) -> Any:
    """A demand cell's convex cost in a master LP (``s``: a pywraplp solver, ``objective``: its
    objective): one row whose segments sum to the cell's count — each bounded by its width and
    priced at its slope — returned for the caller to add the count's columns with coefficient
    −count. The cost at the first point (``costs[0]``) is the caller's offset."""
    row = s.Constraint(0.0, 0.0)
    for j in range(len(points) - 1):
        if points[j + 1] > points[j]:
            y = s.NumVar(0.0, points[j + 1] - points[j], "")
            objective.SetCoefficient(y, (costs[j + 1] - costs[j]) / (points[j + 1] - points[j]))
            row.SetCoefficient(y, 1.0)
    return row
