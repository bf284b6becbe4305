"""The certified LP bound of a CP-SAT model: a second method the tests compare the solver's
bounds and optima with (GLOP's duals, each row's infinite side dropped, a rounding margin)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import linear_solver_pb2
from ortools.sat.python import cp_model

from kcroster.solver.bound import _request


@dataclass
class LpBound:
    bound: int | None  # proven lower bound on the integer objective (None: nothing proven)
    lp_value: float | None  # the LP solver's own optimum (diagnostics only)
    status: str
    seconds: float
    rows: int
    columns: int


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
