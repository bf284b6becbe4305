"""A proven lower bound for large instances: the linear relaxation of the CP-SAT model itself.

Why the CP-SAT model and not a separate formulation: the relaxation must price exactly the same
objective (same weights, convex shortage tiers, over-coverage, wishes, fairness, stability,
type demand) over the same candidate shifts. Reading the built model guarantees that — every
objective coefficient, every aggregation of skills into groups and every variable domain is the
one the search uses. Linear rows without an enforcement literal are kept as they are (one shift
per agent-day, weekly hours, days per week, coverage flows, the chords of the convex coverage
cost); clauses become ``sum(literals) ≥ 1``, at-most/exactly-one become ``≤ 1`` / ``= 1``,
implications ``lit ≥ enforcement``; any other constraint is left out (leaving constraints out
only weakens a relaxation).

Why the bound comes from the duals and not from the LP's objective value: an LP solver's optimum
carries feasibility tolerances and may be cut short by its time limit. For *any* dual vector y
the Lagrangian ``offset + Σ_i y_i·(lo_i or hi_i) + Σ_j min over [lb_j, ub_j] of (c − Aᵀy)_j·x_j``
is a valid lower bound of the LP and hence of the integer optimum; we evaluate it ourselves in
float64 and subtract a safety margin before rounding up to an integer (all objective
coefficients are integers, so the integer optimum is an integer). GLOP (dual simplex) solves it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import linear_solver_pb2
from ortools.linear_solver.python import model_builder_helper
from ortools.sat.python import cp_model

_INF64 = 2**62  # CP-SAT domains use ±(2^63 − 1) for "unbounded"


@dataclass
class LpBound:
    bound: int | None  # proven lower bound on the integer objective (None: nothing proven)
    lp_value: float | None  # the LP solver's own optimum (diagnostics only)
    status: str
    seconds: float
    rows: int
    columns: int


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
    req.solver_time_limit_seconds = max(0.5, float(time_limit_s))
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


def lp_bound(model: cp_model.CpModel, time_limit_s: float = 30.0, method: str = "glop",
             params: str = "") -> LpBound:
    """Lower bound on ``model``'s objective from its LP relaxation (see the module docstring)."""
    t0 = time.perf_counter()
    if not model.proto.has_objective():
        return LpBound(None, None, "no objective", 0.0, 0, 0)
    resp, (lb, ub, rows, c, offset, scale) = _request(model, time_limit_s, method, params)
    nv = len(lb)
    status = linear_solver_pb2.MPSolverResponseStatus.Name(resp.status)
    secs = time.perf_counter() - t0
    if len(resp.dual_value) != len(rows):
        return LpBound(None, None, status, secs, len(rows), nv)
    y = np.asarray(resp.dual_value, dtype=float)
    lo_arr = np.asarray([r[2] for r in rows])
    hi_arr = np.asarray([r[3] for r in rows])
    # a positive dual prices the lower side, a negative one the upper side; a dual on an
    # infinite side proves nothing, so it is dropped (y = 0 keeps the bound valid)
    y = np.where((y > 0) & ~np.isfinite(lo_arr), 0.0, y)
    y = np.where((y < 0) & ~np.isfinite(hi_arr), 0.0, y)
    y = np.where(np.isfinite(y), y, 0.0)
    lens = np.fromiter((len(r[0]) for r in rows), dtype=np.int64, count=len(rows))
    cols = np.fromiter((j for r in rows for j in r[0]), dtype=np.int64, count=int(lens.sum()))
    vals = np.fromiter((a for r in rows for a in r[1]), dtype=float, count=int(lens.sum()))
    d = c.copy()
    np.add.at(d, cols, -np.repeat(y, lens) * vals)
    side = np.where(y > 0, lo_arr, np.where(y < 0, hi_arr, 0.0))
    value = offset + float(np.sum(y * np.where(y != 0, side, 0.0)))
    # min over the box of d_j x_j; an unbounded side with the wrong sign proves nothing
    at_lb = np.where(d > 0, d * np.where(np.isfinite(lb), lb, -math.inf), 0.0)
    at_ub = np.where(d < 0, d * np.where(np.isfinite(ub), ub, math.inf), 0.0)
    value += float(np.sum(at_lb) + np.sum(at_ub))
    if not math.isfinite(value):
        return LpBound(None, resp.objective_value, status, secs, len(rows), nv)
    value *= scale
    # float64 rounding over ~10^6 terms: a margin far above the accumulated error
    margin = 1e-7 * (abs(value) + float(np.sum(np.abs(c)))) + 1e-6
    safe = value - margin
    integral = scale == 1.0 and bool(np.all(c == np.round(c))) and float(offset).is_integer()
    bound = math.ceil(safe) if integral else math.floor(safe)
    return LpBound(int(bound), float(resp.objective_value), status, time.perf_counter() - t0, len(rows), nv)
