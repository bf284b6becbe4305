"""The one definition of each planner-facing KPI aggregate and of the FTE rule.

The screen (coverage tiles, Dekking table), the CLI summary and both workbooks show the same
figures; they all aggregate through :func:`service_kpis` and convert hours through
:func:`fte`, so that a planner never sees one occupancy on screen and another in the workbook.

Per-interval predictions (Erlang SL, ASA, …) are computed elsewhere (``kcroster.staffing``);
this module only says how they are summed over intervals and queues:

* service level, ASA, abandon % and bereikbaarheid are weighted by **offered volume**: they are
  per-contact figures, so an interval with twice the contacts counts twice;
* occupancy is weighted by **available agents** (rostered × (1 − shrinkage)): occupancy is handled
  workload ÷ available agent time, and per interval ``occupancy × available`` *is* the handled
  workload (Erlangs), so this weighting gives Σ handled workload ÷ Σ available agent time exactly.
  Weighting by volume would let a busy interval with many agents hide idle quiet ones; weighting
  by rostered agents (before shrinkage) would count time in which nobody can take contacts;
* all of them over the live queues (voice, chat) only: for e-mail these figures have no
  meaning (its target is the response time, which the requirement already spreads).
"""

from __future__ import annotations

import math

import numpy as np

SERVICE_KPIS = ("service_level", "asa", "abandon", "reachability", "occupancy")
WORKING_DAYS_PER_WEEK = 5.0


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    """Weighted mean over the cells where the value is defined and the weight positive (NaN if none)."""
    v = np.asarray(values, dtype=float)
    wt = np.asarray(weights, dtype=float)
    ok = np.isfinite(v) & (wt > 0)
    tot = float(wt[ok].sum())
    return float((v[ok] * wt[ok]).sum() / tot) if tot > 0 else math.nan


def service_kpis(predicted: dict[str, np.ndarray | None], volume: np.ndarray, available: np.ndarray,
                 live: np.ndarray) -> dict[str, float]:
    """Aggregate per-interval KPI arrays (same shape as ``volume``) to one figure each.

    ``predicted`` maps the names in :data:`SERVICE_KPIS` to arrays (``None`` or missing → NaN);
    ``available`` is the agents expected on the phone (after shrinkage); ``live`` is a boolean
    array broadcastable to ``volume`` that is False for queues without service KPIs (e-mail).
    Slice all four the same way for a queue, a week or a day.
    """
    vol = np.asarray(volume, dtype=float)
    mask = np.broadcast_to(np.asarray(live, dtype=bool), vol.shape)
    weights = {"occupancy": np.where(mask, np.asarray(available, dtype=float), 0.0)}
    by_volume = np.where(mask, vol, 0.0)
    out: dict[str, float] = {}
    for name in SERVICE_KPIS:
        arr = predicted.get(name)
        out[name] = math.nan if arr is None else weighted_mean(arr, weights.get(name, by_volume))
    return out


def fte(hours: float, fte_hours: float, days: float) -> float:
    """Average FTE over a period of ``days`` calendar days: hours per week ÷ ``fte_hours``.

    ``fte_hours`` is the project's basis (``Project.fte_hours``, e.g. 36 or 38 hours a week).
    """
    return float(hours) / (days / 7.0) / fte_hours if days > 0 and fte_hours > 0 else math.nan


def fte_day_hours(fte_hours: float) -> float:
    """Hours that make one FTE on one day: a fifth of the weekly basis (five working days).

    A full-time agent on a working day is then one FTE on that day (not 7/5, as spreading the
    week over seven days would give).
    """
    return fte_hours / WORKING_DAYS_PER_WEEK
