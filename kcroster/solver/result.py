"""The result of a solve from the incumbent's roster: its objective (the roster's price), the
best proven bound, the status, the shortfall and wish figures, and the checker's verdict."""

from __future__ import annotations

import numpy as np

from kcroster.model import Project, Roster
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.costing import coverage, roster_cost
from kcroster.solver.incumbent import Held, gap
from kcroster.solver.infeasibility import describe_gate
from kcroster.solver.options import RosterResult, SolveOptions


def check(roster: Roster, project: Project, opts: SolveOptions) -> list:
    """The independent checker's findings on ``roster`` (none when the rules package is absent)."""
    try:
        from kcroster.rules.checker import check as rules_check
    except ImportError:
        return []
    return list(rules_check(roster, project, reference=opts.reference))


def metrics(b: ModelBuilder, res: RosterResult, value) -> None:
    """The result's shortfall and wish figures of its roster (``value``: its value function)."""
    hz = b.hz
    ivh = hz.interval_minutes / 60
    if b.req is not None:
        cov = coverage(b, res.roster, lambda productivity: productivity)
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


def fill(b: ModelBuilder, res: RosterResult, held: Held, bound: float | None, cancelled: bool) -> None:
    """Fill ``res`` from the incumbent's roster: the objective is the roster's price, the bound
    the best proven (never reported above the roster: the model's bound may lie above a roster
    whose queues Python split more cheaply than the model's flows)."""
    res.roster = held.roster
    res.objective = float(held.cost)
    res.objective_terms = roster_cost(b, held.roster, held.look)[1]
    res.best_bound = None if bound is None else min(float(bound), res.objective)
    res.gap = gap(res.objective, res.best_bound)
    proven = res.best_bound is not None and res.best_bound >= res.objective - 1e-6
    res.status = "optimal" if proven else ("cancelled" if cancelled else "feasible")
    if b.mode == ModelBuilder.RELAXED:
        res.relaxed_violations = [describe_gate(b.p, g) for g, lit in b.gates.items() if not held.look(lit)]
    metrics(b, res, held.look)
