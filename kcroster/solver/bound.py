"""The linear relaxation of the CP-SAT model itself, solved by GLOP: its optimum steers the
neighbourhood search (RENS: the literals the LP sets to 0 or 1 fixed, the rest solved).

Why the CP-SAT model and not a separate formulation: the relaxation must price exactly the same
objective (same weights, convex shortage tiers, over-coverage, wishes, fairness, stability,
type demand) over the same candidate shifts. Reading the built model guarantees that — every
objective coefficient, every aggregation of skills into groups and every variable domain is the
one the search uses. Linear rows without an enforcement literal are kept as they are (one shift
per agent-day, weekly hours, days per week, coverage flows, the chords of the convex coverage
cost); clauses become ``sum(literals) ≥ 1``, at-most/exactly-one become ``≤ 1`` / ``= 1``,
implications ``lit ≥ enforcement``; any other constraint is left out (leaving constraints out
only weakens a relaxation). The tests turn the same relaxation's duals into a certified bound
(``tests/solver/lp_bound_kit.py``), a second method beside the solver's own bounds.
"""

from __future__ import annotations

import math

import numpy as np
from ortools.linear_solver import linear_solver_pb2
from ortools.linear_solver.python import model_builder_helper
from ortools.sat.python import cp_model

from kcroster.solver.plan import LP_SOLVE_MIN_S

_INF64 = 2**62  # CP-SAT domains use ±(2^63 − 1) for "unbounded"


def _finite(v: int) -> float:
    if v <= -_INF64:
        return -math.inf
    if v >= _INF64:
        return math.inf
    return float(v)


def _relaxation(model: cp_model.CpModel):
    """(lb, ub, rows, obj coeffs, offset, scale) of the LP relaxation of a CP-SAT model."""
    pr = model.proto
    nv = len(pr.variables)
    lb = np.empty(nv)
    ub = np.empty(nv)
    for j, v in enumerate(pr.variables):
        dom = v.domain
        lb[j] = _finite(dom[0])
        ub[j] = _finite(dom[len(dom) - 1])
    rows: list[tuple[list[int], list[float], float, float]] = []
    for c in pr.constraints:
        _relax_constraint(c, rows)
    c, offset, scale = _objective(pr, nv)
    return lb, ub, rows, c, offset, scale


def _lits_row(rows: list, lits, lo: float, hi: float) -> None:
    """Append lo ≤ Σ lits ≤ hi; a literal ref r ≥ 0 is x_r, r < 0 is 1 − x_{−r−1}."""
    idx, cf, const = [], [], 0.0
    for r in lits:
        if r >= 0:
            idx.append(r)
            cf.append(1.0)
        else:
            idx.append(-r - 1)
            cf.append(-1.0)
            const += 1.0
    rows.append((idx, cf, lo - const, hi - const))


def _linear_row(lin) -> tuple[list[int], list[float], float, float]:
    """The row of a linear constraint, negated references folded into the bounds."""
    idx, cf, const = [], [], 0.0
    for r, a in zip(lin.vars, lin.coeffs, strict=True):
        if r >= 0:
            idx.append(r)
            cf.append(float(a))
        else:
            idx.append(-r - 1)
            cf.append(-float(a))
            const += float(a)
    dom = lin.domain
    return idx, cf, _finite(dom[0]) - const, _finite(dom[len(dom) - 1]) - const


def _lin_max_rows(lm, rows: list) -> None:
    """target = max(exprs) relaxes to target ≥ every expr."""
    t = lm.target
    for e in lm.exprs:
        idx, cf = [], []
        const = float(e.offset) - float(t.offset)
        for r, a in zip(e.vars, e.coeffs, strict=True):
            idx.append(r if r >= 0 else -r - 1)
            cf.append(-float(a) if r >= 0 else float(a))
            const += 0.0 if r >= 0 else float(a)
        for r, a in zip(t.vars, t.coeffs, strict=True):
            idx.append(r if r >= 0 else -r - 1)
            cf.append(float(a) if r >= 0 else -float(a))
            const -= 0.0 if r >= 0 else float(a)
        # Σ t − Σ e + (t.offset − e.offset) ≥ 0
        rows.append((idx, cf, const, math.inf))


def _relax_constraint(c, rows: list) -> None:
    """Append the LP rows of one constraint (none for the kinds a relaxation may drop)."""
    enf = list(c.enforcement_literal)
    if c.has_linear():
        if not enf:  # conditional rows are dropped (valid: a relaxation may lose rows)
            rows.append(_linear_row(c.linear))
    elif c.has_bool_or():
        if not enf:
            _lits_row(rows, list(c.bool_or.literals), 1.0, math.inf)
        else:
            # (∧ e) ⇒ OR(l): Σ l + Σ (1 − e) ≥ 1
            _lits_row(rows, list(c.bool_or.literals) + [-e - 1 for e in enf], 1.0, math.inf)
    elif c.has_lin_max() and not enf:
        _lin_max_rows(c.lin_max, rows)
    elif c.has_at_most_one() and not enf:
        _lits_row(rows, list(c.at_most_one.literals), -math.inf, 1.0)
    elif c.has_exactly_one() and not enf:
        _lits_row(rows, list(c.exactly_one.literals), 1.0, 1.0)
    elif c.has_bool_and():
        lits = list(c.bool_and.literals)
        if not enf:
            for r in lits:
                _lits_row(rows, [r], 1.0, 1.0)
        elif len(enf) == 1:
            # e ⇒ l: l − e ≥ 0, i.e. l + (1 − e) ≥ 1
            for r in lits:
                _lits_row(rows, [r, -enf[0] - 1], 1.0, math.inf)


def _objective(pr, nv: int) -> tuple[np.ndarray, float, float]:
    """(coefficients, offset, scale) of the model's objective over its variables."""
    obj = pr.objective
    c = np.zeros(nv)
    offset = float(obj.offset)
    for r, a in zip(obj.vars, obj.coeffs, strict=True):
        if r >= 0:
            c[r] += a
        else:
            c[-r - 1] -= a
            offset += a
    scale = float(obj.scaling_factor) if obj.scaling_factor else 1.0
    return c, offset, scale


def _request(model: cp_model.CpModel, time_limit_s: float, method: str, params: str):
    lb, ub, rows, c, offset, scale = _relaxation(model)
    nv = len(lb)
    req = linear_solver_pb2.MPModelRequest()
    req.solver_type = (linear_solver_pb2.MPModelRequest.PDLP_LINEAR_PROGRAMMING if method == "pdlp"
                       else linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING)
    if params:
        req.solver_specific_parameters = params
    req.solver_time_limit_seconds = max(LP_SOLVE_MIN_S, float(time_limit_s))
    mp = req.model
    mp.objective_offset = offset
    for j in range(nv):
        v = mp.variable.add()
        v.lower_bound = lb[j]
        v.upper_bound = ub[j]
        v.objective_coefficient = c[j]
    for idx, cf, lo, hi in rows:
        ct = mp.constraint.add()
        ct.var_index.extend(idx)
        ct.coefficient.extend(cf)
        ct.lower_bound = lo
        ct.upper_bound = hi
    # solved from the serialised request: unlike pywraplp's SolveWithProto this lets go of the
    # GIL, so the greedy start, the neighbourhood search and the progress reports go on while
    # GLOP works (SolveWithProto stopped every Python thread for as long as the LP took)
    solver = model_builder_helper.ModelSolverHelper("pdlp" if method == "pdlp" else "glop")
    resp = linear_solver_pb2.MPSolutionResponse()
    resp.ParseFromString(solver.solve_serialized_request(req.SerializeToString()))
    return resp, (lb, ub, rows, c, offset, scale)


def lp_values(model: cp_model.CpModel, time_limit_s: float = 10.0,
              work_limit: float | None = None) -> list[float] | None:
    """An optimal solution of the LP relaxation (the neighbourhood search compares the roster
    with it); None when GLOP does not reach an optimum in time. With ``work_limit`` GLOP stops
    at that much deterministic time instead (the same answer on any machine load; the clock
    limit is then only a safety net)."""
    if not model.proto.has_objective():
        return None
    params = "" if work_limit is None else f"max_deterministic_time:{max(0.01, work_limit)}"
    resp, _ = _request(model, time_limit_s, "glop", params)
    if resp.status != linear_solver_pb2.MPSOLVER_OPTIMAL or not len(resp.variable_value):
        return None
    return list(resp.variable_value)
