"""Erlang B, C and A: forward KPIs and required agents, vectorised over arrays of cells.

Conventions (all functions broadcast their array arguments against each other):

* ``traffic`` A is offered load in Erlang (volume · AHT / interval length).
* ``agents`` N is a non-negative integer count (float arrays holding integers are accepted).
* ``aht``, ``sl_seconds``, ``asa_seconds`` and ``patience`` are in seconds.
* ``sl_target`` is a fraction (0.8 for "80 % in 20 s").

Erlang C (M/M/N, infinite patience), for N > A::

    P(wait) = C = N·B / (N − A(1 − B)),   B = Erlang B(N, A)
    SL(t)   = 1 − C·exp(−(N − A)·t / AHT)
    ASA     = C·AHT / (N − A)             occupancy = A / N

For N ≤ A the queue is unstable: P(wait) = 1, SL = 0, ASA = ∞, occupancy = 1.
Erlang C does not model abandonment, so ``abandon`` and ``reachability`` are NaN.

Erlang A (M/M/N+M): callers abandon after an exponential patience with mean θ. States n ≤ N
have death rate n·μ; states N + j have N·μ + j·γ (μ = 1/AHT, γ = 1/θ, r = γ/μ = AHT/θ). The
stationary law is computed exactly (no truncation) from two closed forms:

* Σ_{n≤N} π_n/π_N = 1/B(N, A), the Erlang B sum;
* T = Σ_{j≥0} Π_{i=1..j} A/(N + i·r) = a ∫_0^∞ exp(x(1 − e^−v) − a·v) dv, x = A/r, a = N/r.

KPIs, all per *offered* call, by PASTA:

* ``p_wait``: probability that an arriving call finds all N agents busy, P(n ≥ N). This is the
  quantity of the docs/design.md §9 reference (N = 14: 0.14526).
* ``abandon``: probability that a call abandons.
* ``service_level``: P(answered and waited ≤ t), over *all offered* calls; calls that abandon
  (before or after t) count as not answered within t.
* ``asa``: mean wait of *answered* calls, E[W · 1{served}] / P(served).
* ``occupancy``: carried traffic / N = A(1 − abandon)/N.
* ``reachability`` ("bereikbaarheid"): answered / offered = 1 − abandon.

Derivation of the waiting-time KPIs (FCFS). A call that finds k calls queued ahead moves up at
rate Nμ + iγ while i calls are ahead (a service completion or one of them abandoning), so it
would reach an agent after V = Σ_{i=0..k} Exp(Nμ + iγ); it is served iff its own patience
exceeds V. Tilting by e^−γV turns this into: P(served) = Nμ/(Nμ + (k+1)γ) and, given served,
W = Σ_{j=1..k+1} Exp(Nμ + jγ), whose law is P(W ≤ t) = I_{1−e^−γt}(k+1, N/r + 1) (regularised
incomplete beta). With π_{N+k} = π_N x^k/(a+1)_k the sum over k collapses to

    P(served, waited, W ≤ t) = π_N · a ∫_0^{γt} exp(x(1 − e^−v) − (a+1)·v) dv
    P(abandon)               = π_N · a ∫_0^∞   exp(x(1 − e^−v) − a·v) (1 − e^−v) dv
    E[W · 1{served}]         = π_N · (a/γ) ∫_0^∞ v · exp(x(1 − e^−v) − (a+1)·v) dv

1 − SL = P(abandon) + P(served, W > t) is used where SL ≥ 0.5 and P(no wait) + P(served,
waited, W ≤ t) below, so SL keeps full relative precision at both ends (and stays monotone).
The tests check all of this against 40-digit state sums, a tagged-call Markov chain and a
discrete-event simulation.

Required agents search for the least N satisfying every target; all criteria are monotone in N.
Erlang C starts from a square-root-staffing (Halfin–Whitt) guess, which in our measurements is
0–3 agents below the answer, and steps up with the stable recursion B(k) = A·B/(k + A·B) (or
down with its inverse when the guess already meets the targets), so only one exact Erlang B
evaluation is needed per cell. Erlang A brackets around the Erlang C answer and bisects.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from kcroster.staffing._integrals import (
    WEIGHT_ONE,
    WEIGHT_ONE_MINUS_EXP,
    WEIGHT_V,
    log_integrals,
)

__all__ = [
    "QueueKpis",
    "erlang_a_kpis",
    "erlang_b",
    "erlang_c",
    "erlang_c_kpis",
    "log_inverse_erlang_b",
    "offered_traffic",
    "required_agents_erlang_a",
    "required_agents_erlang_c",
]

# Erlang B by direct (log-space) recursion up to this many agents, by quadrature above.
_RECURSION_MAX_N = 48
# Targets are considered met within this tolerance (floating-point noise, not policy).
_TOL = 1e-12
# Offered traffic (Erlang) above which the searches refuse to run: beyond 2**53 agents a float
# count no longer steps (n + 1.0 == n) and beyond 2**63 it overflows int64. 10**8 Erlang is far
# beyond any contact centre yet keeps every count exact.
MAX_OFFERED_TRAFFIC = 1e8


@dataclass(frozen=True)
class QueueKpis:
    """Predicted KPIs per cell; every field has the shape of the broadcast inputs.

    ``abandon`` and ``reachability`` are NaN where the model does not describe them (Erlang C).
    """

    service_level: np.ndarray
    asa: np.ndarray
    p_wait: np.ndarray
    occupancy: np.ndarray
    abandon: np.ndarray
    reachability: np.ndarray


def offered_traffic(volume: np.ndarray, aht: np.ndarray, interval_seconds: float) -> np.ndarray:
    """Offered load in Erlang: A = volume · AHT / interval length."""
    if not interval_seconds > 0:
        raise ValueError(f"interval_seconds must be positive, got {interval_seconds!r}")
    return np.asarray(volume, dtype=float) * np.asarray(aht, dtype=float) / float(interval_seconds)


def _check_agents(agents: np.ndarray) -> None:
    if np.any(agents < 0) or np.any(agents != np.floor(agents)):
        raise ValueError("agents must be non-negative whole numbers")


def _check_nonnegative(name: str, values: np.ndarray) -> None:
    if not np.all(np.isfinite(values)) or np.any(values < 0):
        raise ValueError(f"{name} must be finite and non-negative")


def log_inverse_erlang_b(agents: np.ndarray, traffic: np.ndarray) -> np.ndarray:
    """log(1 / B(N, A)) (≥ 0), exact and overflow-free for any N and A.

    N = 0 gives 0 (B = 1); A = 0 with N > 0 gives +inf (B = 0). Up to 48 agents the stable
    recursion 1/B(k) = 1 + (k/A)/B(k−1) is run in log space; above, the integral
    1/B = A ∫_−∞^0 exp(A(1 − e^−v) − (N+1)v) dv is evaluated by Gauss–Legendre panels
    (relative accuracy about 1e-11; see :mod:`kcroster.staffing._integrals`).
    """
    n_arr, a_arr = np.broadcast_arrays(
        np.asarray(agents, dtype=float), np.asarray(traffic, dtype=float)
    )
    _check_agents(n_arr)
    _check_nonnegative("traffic", a_arr)
    shape = n_arr.shape
    n_flat = n_arr.ravel()
    a_flat = a_arr.ravel()
    out = np.zeros(n_flat.shape)
    out[(a_flat == 0) & (n_flat > 0)] = np.inf

    small = np.flatnonzero((n_flat > 0) & (n_flat <= _RECURSION_MAX_N) & (a_flat > 0))
    if small.size:
        ns = n_flat[small]
        log_a = np.log(a_flat[small])
        acc = np.zeros(small.size)
        for k in range(1, int(ns.max()) + 1):
            step = np.logaddexp(0.0, acc + (math.log(k) - log_a))
            acc = np.where(ns >= k, step, acc)
        out[small] = acc

    large = np.flatnonzero((n_flat > _RECURSION_MAX_N) & (a_flat > 0))
    if large.size:
        nl = n_flat[large]
        al = a_flat[large]
        c = nl + 1.0
        (log_int,), log_peak = log_integrals(
            c,
            (al - c) / c,
            np.full(large.size, -np.inf),
            np.zeros(large.size),
            [WEIGHT_ONE],
            split_tail=False,
        )
        out[large] = np.log(al) + log_peak + log_int
    return out.reshape(shape)


def erlang_b(agents: np.ndarray, traffic: np.ndarray) -> np.ndarray:
    """Erlang B blocking probability B(N, A)."""
    return np.exp(-log_inverse_erlang_b(agents, traffic))


def erlang_c(agents: np.ndarray, traffic: np.ndarray) -> np.ndarray:
    """Erlang C probability of waiting (1 where N ≤ A > 0, 0 where A = 0)."""
    return erlang_c_kpis(agents, traffic, 1.0, 0.0).p_wait


def _erlang_c_wait_prob(n: np.ndarray, a: np.ndarray, log_inv_b: np.ndarray) -> np.ndarray:
    """C = N·B/(N − A + A·B) written with L = log(1/B) so B = 0 (L = inf) is harmless."""
    with np.errstate(over="ignore"):
        return n / ((n - a) * np.exp(log_inv_b) + a)


def erlang_c_kpis(
    agents: np.ndarray, traffic: np.ndarray, aht: np.ndarray, sl_seconds: np.ndarray
) -> QueueKpis:
    """Erlang C KPIs for the given agents (see the module docstring for the formulas)."""
    arrays = np.broadcast_arrays(
        *(np.asarray(z, dtype=float) for z in (agents, traffic, aht, sl_seconds))
    )
    n, a, h, t = (z.ravel() for z in arrays)
    shape = arrays[0].shape
    _check_agents(n)
    _check_nonnegative("traffic", a)
    _check_nonnegative("sl_seconds", t)
    if np.any((a > 0) & ~(h > 0)):
        raise ValueError("aht must be positive where traffic is positive")

    p_wait = np.ones(n.shape)
    sl = np.zeros(n.shape)
    asa = np.full(n.shape, np.inf)
    occupancy = np.where(n > 0, 1.0, 0.0)
    idle = a == 0
    p_wait[idle] = 0.0
    sl[idle] = 1.0
    asa[idle] = 0.0
    occupancy[idle] = 0.0

    stable = np.flatnonzero((a > 0) & (n > a))
    if stable.size:
        ns, as_, hs, ts = n[stable], a[stable], h[stable], t[stable]
        c = _erlang_c_wait_prob(ns, as_, log_inverse_erlang_b(ns, as_))
        p_wait[stable] = c
        sl[stable] = 1.0 - c * np.exp(-(ns - as_) * ts / hs)
        asa[stable] = c * hs / (ns - as_)
        occupancy[stable] = as_ / ns
    nan = np.full(shape, np.nan)
    return QueueKpis(
        service_level=sl.reshape(shape),
        asa=asa.reshape(shape),
        p_wait=p_wait.reshape(shape),
        occupancy=occupancy.reshape(shape),
        abandon=nan,
        reachability=nan.copy(),
    )


@dataclass(frozen=True)
class _ErlangACore:
    p_wait: np.ndarray
    abandon: np.ndarray
    service_level: np.ndarray  # P(answered and waited at most t), per offered call
    wait_served: np.ndarray  # E[W · 1{served}] in seconds


def _erlang_a_core(
    n: np.ndarray, a: np.ndarray, aht: np.ndarray, patience: np.ndarray, t: np.ndarray
) -> _ErlangACore:
    """Exact Erlang A quantities for 1-D arrays with n ≥ 1 and a > 0."""
    r = aht / patience
    c_queue = n / r
    c_served = (n + r) / r
    inf = np.full(n.shape, np.inf)
    zero = np.zeros(n.shape)
    (l_tail, l_abandon), peak_tail = log_integrals(
        c_queue, (a - n) / n, zero, inf, [WEIGHT_ONE, WEIGHT_ONE_MINUS_EXP]
    )
    served_ratio = (a - n - r) / (n + r)
    (l_served, l_wait), peak_served = log_integrals(
        c_served, served_ratio, zero, inf, [WEIGHT_ONE, WEIGHT_V]
    )
    (l_late,), peak_late = log_integrals(c_served, served_ratio, t / patience, inf, [WEIGHT_ONE])
    log_sb = log_inverse_erlang_b(n, a)
    log_c_queue = np.log(n) - np.log(r)
    log_tail = log_c_queue + peak_tail + l_tail
    # log(1/B − 1) = log Σ_{k<N} π_k/π_N; n ≥ 1 and a > 0 give 1/B > 1.
    log_below = log_sb + np.log(-np.expm1(-log_sb))
    log_norm = np.logaddexp(log_below, log_tail)  # log(1/π_N)
    base = log_c_queue - log_norm
    abandon = np.exp(base + peak_tail + l_abandon)
    late = np.exp(base + peak_late + l_late)  # P(served, W > t)
    # 1 − SL = P(abandon) + P(served, W > t): accurate when SL is near 1 ...
    sl = 1.0 - (abandon + late)
    low = np.flatnonzero(sl < 0.5)
    if low.size:
        # ... and where SL is small, add P(no wait) + P(served, waited, W ≤ t) instead. The
        # latter is P(served, waited) − P(served, W > t) while that loses at most one bit,
        # so SL stays monotone in t even when the late part is below rounding; otherwise
        # it is integrated directly over [0, γt].
        no_wait = np.exp(log_below[low] - log_norm[low])
        served_waited = np.exp(base[low] + peak_served[low] + l_served[low])
        late_low = late[low]
        sl[low] = no_wait + (served_waited - late_low)
        direct = np.flatnonzero(late_low > 0.5 * served_waited)
        if direct.size:
            j = low[direct]
            (l_early,), peak_early = log_integrals(
                c_served[j], served_ratio[j], zero[j], t[j] / patience[j], [WEIGHT_ONE]
            )
            sl[j] = no_wait[direct] + np.exp(base[j] + peak_early + l_early)
    return _ErlangACore(
        p_wait=np.exp(log_tail - log_norm),
        abandon=abandon,
        service_level=sl,
        wait_served=patience * np.exp(base + peak_served + l_wait),
    )


def erlang_a_kpis(
    agents: np.ndarray,
    traffic: np.ndarray,
    aht: np.ndarray,
    patience: np.ndarray,
    sl_seconds: np.ndarray,
) -> QueueKpis:
    """Erlang A (M/M/N+M) KPIs for the given agents; definitions in the module docstring."""
    arrays = np.broadcast_arrays(
        *(np.asarray(z, dtype=float) for z in (agents, traffic, aht, patience, sl_seconds))
    )
    n, a, h, theta, t = (z.ravel() for z in arrays)
    shape = arrays[0].shape
    _check_agents(n)
    _check_nonnegative("traffic", a)
    _check_nonnegative("sl_seconds", t)
    if np.any((a > 0) & ~(h > 0)):
        raise ValueError("aht must be positive where traffic is positive")
    if np.any((a > 0) & ~((theta > 0) & np.isfinite(theta))):
        raise ValueError("patience must be positive and finite (use Erlang C for no abandonment)")

    # No agents: every call waits and eventually abandons.
    p_wait = np.ones(n.shape)
    abandon = np.ones(n.shape)
    sl = np.zeros(n.shape)
    asa = np.full(n.shape, np.inf)
    occupancy = np.zeros(n.shape)
    idle = a == 0
    p_wait[idle] = 0.0
    abandon[idle] = 0.0
    sl[idle] = 1.0
    asa[idle] = 0.0

    busy = np.flatnonzero((a > 0) & (n > 0))
    if busy.size:
        ns, as_ = n[busy], a[busy]
        core = _erlang_a_core(ns, as_, h[busy], theta[busy], t[busy])
        # Rounding can push a probability a hair past 1 in heavy overload; clip it.
        ab = np.minimum(core.abandon, 1.0)
        served = 1.0 - ab
        p_wait[busy] = np.minimum(core.p_wait, 1.0)
        abandon[busy] = ab
        sl[busy] = np.clip(core.service_level, 0.0, 1.0)
        asa[busy] = core.wait_served / served
        occupancy[busy] = np.minimum(as_ * served / ns, 1.0)
    return QueueKpis(
        service_level=sl.reshape(shape),
        asa=asa.reshape(shape),
        p_wait=p_wait.reshape(shape),
        occupancy=occupancy.reshape(shape),
        abandon=abandon.reshape(shape),
        reachability=(1.0 - abandon).reshape(shape),
    )


# --------------------------------------------------------------------------------------------
# Required agents
# --------------------------------------------------------------------------------------------


def _optional(value: np.ndarray | float | None, fill: float) -> np.ndarray:
    """Targets may be None (no target) or arrays with NaN meaning no target in that cell."""
    if value is None:
        return np.asarray(fill, dtype=float)
    arr = np.asarray(value, dtype=float)
    return np.where(np.isnan(arr), fill, arr)


@lru_cache(maxsize=1)
def _halfin_whitt_grid() -> tuple[np.ndarray, np.ndarray]:
    """β grid and log C(β) of the Halfin–Whitt limit C(β) = 1/(1 + β·Φ(β)/φ(β))."""
    beta = np.concatenate(
        [np.geomspace(1e-6, 0.02, 120, endpoint=False), np.linspace(0.02, 10.0, 2500)]
    )
    cdf = np.array([0.5 * math.erfc(-b / math.sqrt(2.0)) for b in beta])
    pdf = np.exp(-0.5 * beta * beta) / math.sqrt(2.0 * math.pi)
    return beta, -np.log1p(beta * cdf / pdf)


@lru_cache(maxsize=256)
def _beta_for_service_level(sl_target: float) -> tuple[np.ndarray, np.ndarray, float]:
    """Table κ ↦ β solving C(β)·exp(−βκ) = 1 − s (κ = √A · t/AHT), κ increasing."""
    beta, log_c = _halfin_whitt_grid()
    log_miss = math.log1p(-sl_target)
    kappa = (log_c - log_miss) / beta
    keep = kappa > 0
    beta_zero = float(np.interp(-log_miss, -log_c, beta))  # κ = 0: C(β0) = 1 − s
    k = np.concatenate([[0.0], kappa[keep][::-1]])
    b = np.concatenate([[beta_zero], beta[keep][::-1]])
    k = np.maximum.accumulate(k)
    return k, b, -log_miss


def _guess_beta_sl(kappa: np.ndarray, sl_target: np.ndarray) -> np.ndarray:
    out = np.zeros(kappa.shape)
    if sl_target.size == 0:
        return out
    lo, hi = sl_target.min(), sl_target.max()
    levels = [lo] if lo == hi else np.unique(sl_target)
    for s in levels:
        if not s > 0:
            continue
        k_tab, b_tab, miss = _beta_for_service_level(float(s))
        if lo == hi:
            kk = kappa
            out = np.where(
                kk > k_tab[-1], miss / np.maximum(kk, 1e-300), np.interp(kk, k_tab, b_tab)
            )
        else:
            sel = sl_target == s
            kk = kappa[sel]
            out[sel] = np.where(
                kk > k_tab[-1], miss / np.maximum(kk, 1e-300), np.interp(kk, k_tab, b_tab)
            )
    return out


def _guess_beta_asa(kappa: np.ndarray) -> np.ndarray:
    """β solving C(β)/β = κ (κ = √A · ASA/AHT)."""
    beta, log_c = _halfin_whitt_grid()
    log_y = (log_c - np.log(beta))[::-1]
    with np.errstate(divide="ignore"):
        lk = np.log(kappa)
    return np.where(np.isinf(kappa), 0.0, np.interp(lk, log_y, beta[::-1]))


def _min_agents_for_occupancy(a: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Least N with A/N ≤ cap (up to rounding noise): 14/0.7 must give 20, not 21."""
    return np.ceil(a / cap * (1.0 - _TOL))


def required_agents_erlang_c(
    traffic: np.ndarray,
    aht: np.ndarray,
    sl_target: np.ndarray | float | None,
    sl_seconds: np.ndarray | float,
    asa_seconds: np.ndarray | float | None = None,
    max_occupancy: np.ndarray | float | None = None,
) -> np.ndarray:
    """Least N > A with SL(t) ≥ sl_target, ASA ≤ asa_seconds and A/N ≤ max_occupancy (Erlang C).

    Any target may be None (or NaN per cell) for "no target". Zero traffic needs 0 agents.
    Returns an int64 array of the broadcast shape.
    """
    arrays = np.broadcast_arrays(
        np.asarray(traffic, dtype=float),
        np.asarray(aht, dtype=float),
        _optional(sl_target, 0.0),
        np.asarray(sl_seconds, dtype=float),
        _optional(asa_seconds, np.inf),
        _optional(max_occupancy, 1.0),
    )
    shape = arrays[0].shape
    a_all, h_all, s_all, t_all, asa_all, occ_all = (z.ravel() for z in arrays)
    _check_targets(a_all, h_all, s_all, t_all, asa_all, occ_all)
    result = np.zeros(a_all.shape, dtype=np.int64)
    cells = np.flatnonzero(a_all > 0)
    if cells.size:
        result[cells] = _search_erlang_c(
            a_all[cells], h_all[cells], s_all[cells], t_all[cells], asa_all[cells], occ_all[cells]
        )
    return result.reshape(shape)


def _check_targets(
    a: np.ndarray, h: np.ndarray, s: np.ndarray, t: np.ndarray, asa: np.ndarray, occ: np.ndarray
) -> None:
    _check_nonnegative("traffic", a)
    if np.any(a > MAX_OFFERED_TRAFFIC):
        raise ValueError(
            f"traffic {float(a.max()):g} Erlang is beyond the maximum {MAX_OFFERED_TRAFFIC:g}"
        )
    if np.any((a > 0) & ~(h > 0)):
        raise ValueError("aht must be positive where traffic is positive")
    if np.any((s < 0) | (s >= 1)):
        raise ValueError("sl_target must be a fraction in [0, 1) (100 % is never reached)")
    _check_nonnegative("sl_seconds", t)
    if np.any(~(asa > 0)):
        raise ValueError("asa_seconds must be positive")
    if np.any(~((occ > 0) & (occ <= 1))):
        raise ValueError("max_occupancy must be in (0, 1]")


def _search_erlang_c(
    a: np.ndarray, h: np.ndarray, s: np.ndarray, t: np.ndarray, asa: np.ndarray, occ: np.ndarray
) -> np.ndarray:
    """Erlang C search on 1-D arrays with a > 0."""
    tau = t / h
    asa_ratio = asa / h
    root_a = np.sqrt(a)
    beta = np.maximum(_guess_beta_sl(root_a * tau, s), _guess_beta_asa(root_a * asa_ratio))
    lower = np.maximum(np.floor(a) + 1.0, _min_agents_for_occupancy(a, occ))
    # The floored square-root guess was never above the answer in our measurements (it is
    # 0–3 agents below); a start that already meets the targets is lowered further below.
    n = np.maximum(lower, np.floor(a + beta * root_a))

    def satisfied(idx: np.ndarray, n_idx: np.ndarray, b_idx: np.ndarray) -> np.ndarray:
        ai = a[idx]
        gap = n_idx - ai
        c = n_idx * b_idx / (gap + ai * b_idx)
        sl_ok = c * np.exp(-gap * tau[idx]) <= (1.0 - s[idx]) + _TOL
        asa_ok = c <= asa_ratio[idx] * gap * (1.0 + _TOL)
        return sl_ok & asa_ok

    b = np.exp(-log_inverse_erlang_b(n, a))
    everything = np.arange(a.size)
    ok = satisfied(everything, n, b)
    # Where the start already meets the targets, step down with the backward recursion
    # B(k−1) = k·B(k)/(A(1 − B(k))) until N − 1 fails or N reaches the lower bound. (One step
    # multiplies the relative error by 1/(1 − B) ≈ 1 + B, harmless for the few steps needed.)
    idx = everything[ok & (n > lower)]
    while idx.size:
        n_idx = n[idx]
        b_idx = b[idx]
        b_prev = n_idx * b_idx / (a[idx] * (1.0 - b_idx))
        still = satisfied(idx, n_idx - 1.0, b_prev)
        idx = idx[still]
        n[idx] = n_idx[still] - 1.0
        b[idx] = b_prev[still]
        idx = idx[n[idx] > lower[idx]]

    result = np.zeros(a.shape, dtype=np.int64)
    result[ok] = n[ok]
    idx = everything[~ok]
    while idx.size:  # step up with B(k) = A·B/(k + A·B)
        n_next = n[idx] + 1.0
        ab = a[idx] * b[idx]
        b_next = ab / (n_next + ab)
        n[idx] = n_next
        b[idx] = b_next
        ok_idx = satisfied(idx, n_next, b_next)
        if not np.all(np.isfinite(b_next)):  # never loop on a NaN: fail loudly instead
            raise ValueError("Erlang C search lost precision (traffic too large)")
        result[idx[ok_idx]] = n_next[ok_idx]
        idx = idx[~ok_idx]
    return result


def required_agents_erlang_a(
    traffic: np.ndarray,
    aht: np.ndarray,
    patience: np.ndarray,
    sl_target: np.ndarray | float | None,
    sl_seconds: np.ndarray | float,
    asa_seconds: np.ndarray | float | None = None,
    max_abandon: np.ndarray | float | None = None,
    max_occupancy: np.ndarray | float | None = None,
) -> np.ndarray:
    """Least N ≥ 1 meeting every target under Erlang A (KPIs as in :func:`erlang_a_kpis`).

    Targets: SL(t) ≥ sl_target (offered basis), ASA of answered calls ≤ asa_seconds,
    abandonment ≤ max_abandon, carried traffic / N ≤ max_occupancy; None or NaN = no target.
    Zero traffic needs 0 agents. N may be below the offered traffic when patience is short.
    """
    arrays = np.broadcast_arrays(
        np.asarray(traffic, dtype=float),
        np.asarray(aht, dtype=float),
        np.asarray(patience, dtype=float),
        _optional(sl_target, 0.0),
        np.asarray(sl_seconds, dtype=float),
        _optional(asa_seconds, np.inf),
        _optional(max_abandon, 1.0),
        _optional(max_occupancy, 1.0),
    )
    shape = arrays[0].shape
    a_all, h_all, th_all, s_all, t_all, asa_all, ab_all, occ_all = (z.ravel() for z in arrays)
    _check_targets(a_all, h_all, s_all, t_all, asa_all, occ_all)
    if np.any((a_all > 0) & ~((th_all > 0) & np.isfinite(th_all))):
        raise ValueError("patience must be positive and finite")
    if np.any(~((ab_all > 0) & (ab_all <= 1))):
        raise ValueError("max_abandon must be in (0, 1]")
    result = np.zeros(a_all.shape, dtype=np.int64)
    cells = np.flatnonzero(a_all > 0)
    if cells.size:
        result[cells] = _search_erlang_a(
            *(z[cells] for z in (a_all, h_all, th_all, s_all, t_all, asa_all, ab_all, occ_all))
        )
    return result.reshape(shape)


def _search_erlang_a(
    a: np.ndarray,
    h: np.ndarray,
    theta: np.ndarray,
    s: np.ndarray,
    t: np.ndarray,
    asa: np.ndarray,
    max_ab: np.ndarray,
    occ: np.ndarray,
) -> np.ndarray:
    """Bracket-and-bisect on 1-D arrays with a > 0; N = 0 never satisfies (nobody answers)."""

    def satisfied(idx: np.ndarray, n_idx: np.ndarray) -> np.ndarray:
        ok = np.zeros(idx.size, dtype=bool)
        pos = np.flatnonzero(n_idx > 0)
        if not pos.size:
            return ok
        j = idx[pos]
        nn = n_idx[pos].astype(float)
        core = _erlang_a_core(nn, a[j], h[j], theta[j], t[j])
        served = 1.0 - core.abandon
        sl = core.service_level
        # A cap of 1 on abandonment or occupancy is no target (both are at most 1 anyway).
        ok[pos] = (
            (sl >= s[j] - _TOL)
            & (core.wait_served <= asa[j] * served * (1.0 + _TOL))
            & ((core.abandon <= max_ab[j] + _TOL) | (max_ab[j] >= 1.0))
            # (busy agents never exceed the agents: rounding in ``served`` must not say so)
            & ((np.minimum(a[j] * served, nn) <= occ[j] * nn * (1.0 + _TOL)) | (occ[j] >= 1.0))
        )
        return ok

    # Erlang C (same SL, ASA and A/N cap) is a good first guess: abandonment usually lowers it.
    guess = _search_erlang_c(a, h, s, t, asa, occ)
    step = np.maximum(1, np.ceil(0.5 * np.sqrt(a))).astype(np.int64)
    lo = np.full(a.shape, -1, dtype=np.int64)  # largest N known to fail
    hi = np.full(a.shape, -1, dtype=np.int64)  # smallest N known to satisfy
    everything = np.arange(a.size)
    ok = satisfied(everything, guess)
    hi[ok] = guess[ok]
    lo[~ok] = guess[~ok]

    idx = everything[ok]
    while idx.size:  # expand downwards until a failing N is found
        probe = np.maximum(0, hi[idx] - step[idx])
        res = satisfied(idx, probe)
        lo[idx[~res]] = probe[~res]
        hi[idx[res]] = probe[res]
        step[idx[res]] *= 2
        idx = idx[res]

    idx = everything[~ok]
    while idx.size:  # expand upwards until a satisfying N is found
        probe = lo[idx] + step[idx]
        res = satisfied(idx, probe)
        hi[idx[res]] = probe[res]
        lo[idx[~res]] = probe[~res]
        step[idx[~res]] *= 2
        idx = idx[~res]

    idx = everything[hi - lo > 1]
    while idx.size:
        mid = (lo[idx] + hi[idx]) // 2
        res = satisfied(idx, mid)
        hi[idx[res]] = mid[res]
        lo[idx[~res]] = mid[~res]
        idx = idx[hi[idx] - lo[idx] > 1]
    return hi
