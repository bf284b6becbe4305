"""What a roster costs, by one definition, and the rosters of a solution.

Every strategy hands the incumbent rosters in one of three forms: a full assignment of the
model (CP-SAT's solutions, the neighbourhood searches'), a shift choice alone (the descent's,
breaks and queues placed in Python) or a roster with its value function. :func:`price` is the
one definition of a roster's cost: the objective computed from the roster itself (coverage from
its segments), so a roster whose queues Python split more cheaply than the model's flows costs
what the planner gets. The value functions here (:func:`lookup`, :func:`pick_lookup`) read the
per-agent terms (wishes, stability, fairness) of a roster's solution.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import numpy as np

from kcroster.model import Roster, step_in_force
from kcroster.model.coverage import scheduled_matrix
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.contract import over_contract_cost
from kcroster.solver.extract import extract
from kcroster.solver.objective import RELAX_COST
from kcroster.solver.wishes import fairness_value


def lookup(values: list[int]):
    """``solver.value`` look-alike over a complete assignment (variables in proto order)."""
    from ortools.sat.python.cp_model_helper import FlatIntExpr

    def value(v) -> int:
        if isinstance(v, int):
            return v
        f = FlatIntExpr(v)
        return int(f.offset) + sum(int(c) * values[x.index] for x, c in zip(f.vars, f.coeffs, strict=True))
    return value


def pick_lookup(b: ModelBuilder, picks: dict[tuple[int, int], int]):
    """Value function when only the shift choice is known (x literals; other variables 0)."""
    from ortools.sat.python.cp_model_helper import FlatIntExpr

    on = {b.x[ai][d][ci].index for (ai, d), ci in picks.items()}

    def value(v) -> int:
        if isinstance(v, int):
            return v
        f = FlatIntExpr(v)
        return int(f.offset) + sum(int(c) * (x.index in on) for x, c in zip(f.vars, f.coeffs, strict=True))
    return value


def objective_of(b: ModelBuilder, values: list[int]) -> int:
    """The model's objective of a full assignment (what CP-SAT would report for it)."""
    obj = b.model.proto.objective
    total = int(obj.offset)
    for i, c in zip(obj.vars, obj.coeffs, strict=True):
        total += c * (values[i] if i >= 0 else 1 - values[-i - 1])
    return int(round(total * (obj.scaling_factor or 1))) if obj.scaling_factor else total


def roster_of(b: ModelBuilder, value) -> Roster:
    """The roster of a solution. On interval demand the queue each agent serves comes either
    from the solver's flows or from water-filling the remaining need with the solver's breaks;
    the cheaper wins, and on a tie water-filling, whose queue counts change less from one interval
    to the next, so agents switch queues less often."""
    flows = extract(b, value)
    if b.req is None:
        return flows
    need = extract(b, value, queues_by_need=True)
    return need if roster_cost(b, need, value)[0] <= roster_cost(b, flows, value)[0] else flows


def rosterize(b: ModelBuilder, values: list[int]) -> tuple[Roster, Callable]:
    """The roster of a full assignment and the assignment's value function."""
    look = lookup(values)
    return roster_of(b, look), look


def price(b: ModelBuilder, roster: Roster, look) -> int:
    """The one definition of a roster's cost: its objective computed from the roster itself
    (coverage from its segments), plus, in a relaxed solve, the cost of each relaxed rule."""
    cost = roster_cost(b, roster, look)[0]
    if b.mode == ModelBuilder.RELAXED:
        cost += RELAX_COST * sum(1 - int(look(lit)) for lit in b.gates.values())
    return cost


def roster_cost(b: ModelBuilder, roster: Roster, value) -> tuple[int, dict[str, int]]:
    """The objective of a roster computed from the roster itself (coverage from its segments),
    for rosters that did not come out of the CP-SAT search."""
    from kcroster.solver.coverage import SCALE, _tier_cost, required_tenths

    terms: dict[str, int] = {}
    w8 = b.w8
    if b.req is not None:
        # in the model's units: each agent counts round(SCALE × productivity) tenths
        cov = np.rint(coverage(b, roster, lambda productivity: round(SCALE * productivity))).astype(np.int64)
        req = required_tenths(b)
        tiers = list(w8.under_tiers) or [1]
        short = np.clip(req - cov, 0, None)
        terms["coverage"] = int(sum(_tier_cost(int(v), tiers) for v in short.ravel() if v)) + int(
            w8.over * np.clip(cov - req, 0, None).sum())
    for name in ("type_under", "type_over", "wishes", "stability"):
        if name in b.penalties:
            terms[name] = int(sum(c * (v if isinstance(v, int) else value(v)) for c, v in b.penalties[name]))
    if b.contract_minutes:
        terms["over_contract"] = over_contract_cost(b, week_minutes(b, roster))
    if "fairness" in b.penalties:
        terms["fairness"] = fairness_value(b, value)
    if "type_under" in terms or "type_over" in terms:
        # shift-type demand from the literals (its slacks are auxiliary variables)
        terms["type_under"], terms["type_over"] = type_cost(b, value)
    return sum(terms.values()), terms


def coverage(b: ModelBuilder, roster: Roster, unit: Callable[[float], float]) -> np.ndarray:
    """Agents per queue × interval of ``roster`` by the one coverage matrix
    (:func:`kcroster.model.coverage.scheduled_matrix`), each agent counted as ``unit`` of its
    reintegration productivity on the day."""
    def productivity(agent_id: str, day) -> float:
        step = step_in_force(b.p.reintegration_plan(agent_id), day)
        return unit(step.productivity if step is not None else 1.0)

    return scheduled_matrix(roster, b.hz, [q.name for q in b.p.queues], productivity)


def week_minutes(b: ModelBuilder, roster: Roster) -> dict[tuple[int, int], float]:
    """Work minutes per (agent, week index) of a roster (absolute time, breaks left out)."""
    index = {a.id: ai for ai, a in enumerate(b.agents)}
    out: dict[tuple[int, int], float] = defaultdict(float)
    for sh in roster.shifts:
        ai = index.get(sh.agent_id)
        if ai is None:
            continue
        out[(ai, b.hz.week_index(sh.day))] += sh.work_minutes
    return out


def type_cost(b: ModelBuilder, value) -> tuple[int, int]:
    """Shift-type demand's (under, over) cost of a solution, counted from its shift literals."""
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


def picks_cost(b: ModelBuilder, srch) -> int:
    """Objective estimate of the descent's current shift choice: coverage from its residual,
    the per-agent terms from the literals (cheap enough for a progress report per round)."""
    look = pick_lookup(b, srch.picks)
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


__all__ = ["coverage", "lookup", "objective_of", "pick_lookup", "picks_cost", "price", "roster_cost",
           "roster_of", "rosterize", "type_cost", "week_minutes"]
