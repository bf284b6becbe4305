"""Requirement per queue × interval, predictions for a given staffing, shrinkage and FTE.

:func:`compute_requirement` turns a forecast (volume and AHT per queue × interval) and one
:class:`~kcroster.staffing.targets.QueueTargets` per queue into the agents needed in every
interval; :func:`predict` gives the KPIs of any staffing (the coverage screen calls it with the
rostered agents). Both work on whole ``[Q, I]`` arrays at once.

KPI conventions in :class:`Requirement` and :class:`Prediction` (all float ``[Q, I]``):

============== ====================================== ==========================================
field          voice / chat                           e-mail
============== ====================================== ==========================================
service_level  P(answered within sl_seconds) per      share of the interval's mail answered
               offered contact                        within its response target
asa            mean wait of answered contacts (s)     NaN
p_wait         P(contact has to queue)                NaN
occupancy      carried traffic / agents (chat: per    work done / agent time available
               session slot)
abandon        Erlang A: abandon fraction;            NaN
               Erlang C: NaN (not modelled)
reachability   Erlang A: answered / offered;          NaN
               Erlang C: NaN
============== ====================================== ==========================================

Cells without contacts get service_level 1, asa 0, p_wait 0, occupancy 0 (and abandon 0,
reachability 1 for Erlang A), so volume-weighted averages need no special cases. Cells with
contacts but no agents get service_level 0, asa ∞, p_wait 1.

Opening hours (``open_mask``) add ``min_agents_when_open`` in open intervals and tell e-mail
where work may be done; for voice and chat the requirement follows the forecast volume wherever
it is (a closed queue should have no forecast volume).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kcroster.staffing.channels import (
    agents_for_servers,
    deferred_kpis,
    deferred_min_peak_rate,
    response_window_intervals,
)
from kcroster.staffing.erlang import (
    erlang_a_kpis,
    erlang_c_kpis,
    offered_traffic,
    required_agents_erlang_a,
    required_agents_erlang_c,
)
from kcroster.staffing.targets import QueueTargets

__all__ = [
    "MAX_VOLUME_PER_INTERVAL",
    "Prediction",
    "Requirement",
    "agent_hours",
    "compute_requirement",
    "first_volume_too_large",
    "predict",
    "scheduled_agents",
    "volume_limit_reason",
]

# The most contacts one queue can be offered in one interval. A national contact centre sees a
# few thousand per quarter hour; the limit keeps every Erlang search exact (see
# erlang.MAX_OFFERED_TRAFFIC) and catches a volume typed into the wrong column or a value like
# 1e20 that would overflow the agent counts. Importers call first_volume_too_large to name the
# cell; compute_requirement refuses such a volume too.
MAX_VOLUME_PER_INTERVAL = 1_000_000.0


def first_volume_too_large(volume: np.ndarray) -> int | None:
    """Flat index of the first volume above MAX_VOLUME_PER_INTERVAL, or None when all fit."""
    bad = np.asarray(volume, dtype=float).ravel() > MAX_VOLUME_PER_INTERVAL
    return int(np.flatnonzero(bad)[0]) if bad.any() else None


def volume_limit_reason(value: float) -> str:
    """The Dutch reason an importer attaches to a volume cell above the limit."""
    return (
        f"volume {value:g} is onredelijk groot (maximaal {MAX_VOLUME_PER_INTERVAL:,.0f} "
        "contacten per interval); staat het getal in de juiste kolom?"
    ).replace(",", ".")

# Relative slack before rounding up: 14 / 0.7 = 20.000000000000004 must give 20.
_ROUND_SLACK = 1e-9


@dataclass(frozen=True)
class Prediction:
    """Predicted KPIs per queue × interval (see the module docstring for definitions)."""

    traffic: np.ndarray
    service_level: np.ndarray
    asa: np.ndarray
    p_wait: np.ndarray
    occupancy: np.ndarray
    abandon: np.ndarray
    reachability: np.ndarray


@dataclass(frozen=True)
class Requirement:
    """Required staffing per queue × interval and the KPIs it achieves.

    traffic:           offered load in Erlang (volume · AHT / interval length).
    agents_fractional: the workload before rounding (e-mail: minimal-peak rate in agents;
                       voice/chat: the Erlang answer), without the open-hours minimum.
    agents:            agents needed on the queue (int), including ``min_agents_when_open``.
    scheduled:         agents to roster, ceil(agents / (1 − shrinkage)) (int).
    """

    traffic: np.ndarray
    agents_fractional: np.ndarray
    agents: np.ndarray
    scheduled: np.ndarray
    service_level: np.ndarray
    asa: np.ndarray
    p_wait: np.ndarray
    occupancy: np.ndarray
    abandon: np.ndarray
    reachability: np.ndarray


def scheduled_agents(required: np.ndarray, shrinkage: np.ndarray | float) -> np.ndarray:
    """ceil(required / (1 − shrinkage)) as int64, immune to float noise (14/0.7 → 20)."""
    shrink = np.asarray(shrinkage, dtype=float)
    if np.any((shrink < 0) | (shrink >= 1)):
        raise ValueError("shrinkage must be a fraction in [0, 1)")
    gross = np.asarray(required, dtype=float) / (1.0 - shrink)
    return np.ceil(gross * (1.0 - _ROUND_SLACK)).astype(np.int64)


def agent_hours(agents: np.ndarray, interval_seconds: float) -> np.ndarray:
    """Agent-hours per cell: agents × interval length."""
    return np.asarray(agents, dtype=float) * (interval_seconds / 3600.0)


# --------------------------------------------------------------------------------------------


def _locate(bad: np.ndarray) -> str:
    q, i = np.unravel_index(int(np.flatnonzero(bad.ravel())[0]), bad.shape)
    return f"queue {q}, interval {i}"


def _validate(
    volume: np.ndarray,
    aht: np.ndarray,
    interval_seconds: int,
    settings: Sequence[QueueTargets],
    open_mask: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    vol = np.asarray(volume, dtype=float)
    if vol.ndim != 2:
        raise ValueError(f"volume must be a [queues, intervals] array, got shape {vol.shape}")
    try:
        handle = np.broadcast_to(np.asarray(aht, dtype=float), vol.shape)
    except ValueError:
        raise ValueError(f"aht shape {np.shape(aht)} does not match volume {vol.shape}") from None
    if isinstance(interval_seconds, bool) or not interval_seconds > 0:
        raise ValueError(f"interval_seconds must be positive, got {interval_seconds!r}")
    if len(settings) != vol.shape[0]:
        raise ValueError(f"{len(settings)} queue settings for {vol.shape[0]} queues")
    for q, targets in enumerate(settings):
        if not isinstance(targets, QueueTargets):
            raise ValueError(f"settings[{q}] is not a QueueTargets")
    bad = ~np.isfinite(vol) | (vol < 0)
    if bad.any():
        raise ValueError(f"volume must be finite and 0 or more ({_locate(bad)})")
    bad = vol > MAX_VOLUME_PER_INTERVAL
    if bad.any():
        raise ValueError(
            f"volume above {MAX_VOLUME_PER_INTERVAL:g} per interval ({_locate(bad)})"
        )
    with np.errstate(invalid="ignore"):
        bad = (vol > 0) & ~(np.isfinite(handle) & (handle > 0))
    if bad.any():
        raise ValueError(f"aht must be finite and positive where there is volume ({_locate(bad)})")
    # Without contacts the handle time does not matter (forecasts often leave it empty).
    handle = np.where(vol > 0, handle, 0.0)
    if open_mask is None:
        mask = np.ones(vol.shape, dtype=bool)
    else:
        mask = np.asarray(open_mask)
        if mask.shape != vol.shape:
            raise ValueError(f"open_mask shape {mask.shape} does not match volume {vol.shape}")
        mask = mask.astype(bool)
    return vol, handle, mask


def _rows(settings: Sequence[QueueTargets], model: str) -> list[int]:
    return [q for q, t in enumerate(settings) if t.model == model]


def _column(values: list[float | None], fill: float) -> np.ndarray:
    return np.array([fill if v is None else v for v in values], dtype=float)[:, None]


def compute_requirement(
    volume: np.ndarray,
    aht: np.ndarray,
    interval_seconds: int,
    settings: Sequence[QueueTargets],
    open_mask: np.ndarray | None = None,
    shrinkage: np.ndarray | None = None,
) -> Requirement:
    """Required agents for every queue × interval.

    volume [Q, I]: contacts offered per interval; aht [Q, I] (or broadcastable): seconds;
    settings: one QueueTargets per queue; open_mask [Q, I] bool or None (= always open);
    shrinkage [Q, I] (or broadcastable) when it varies over the week, else each queue's
    ``QueueTargets.shrinkage``.
    Raises ValueError (naming the queue and interval) on bad input.
    """
    vol, handle, mask = _validate(volume, aht, interval_seconds, settings, open_mask)
    traffic = offered_traffic(vol, handle, interval_seconds)
    fractional = np.zeros(vol.shape)
    agents = np.zeros(vol.shape, dtype=np.int64)

    for model in ("erlang_c", "erlang_a"):
        rows = _rows(settings, model)
        if not rows:
            continue
        ts = [settings[q] for q in rows]
        conc = np.array([t.concurrency for t in ts], dtype=np.int64)[:, None]
        common = {
            "sl_target": _column([t.sl_fraction for t in ts], np.nan),
            "sl_seconds": _column([t.sl_seconds for t in ts], 0.0),
            "asa_seconds": _column([t.asa_seconds for t in ts], np.nan),
            "max_occupancy": _column([t.max_occupancy for t in ts], np.nan),
        }
        if model == "erlang_c":
            servers = required_agents_erlang_c(traffic[rows], handle[rows], **common)
        else:
            servers = required_agents_erlang_a(
                traffic[rows],
                handle[rows],
                _column([t.patience_seconds for t in ts], np.nan),
                max_abandon=_column([t.max_abandon for t in ts], np.nan),
                **common,
            )
        agents[rows] = agents_for_servers(servers, conc)
        fractional[rows] = agents[rows]

    for q in _rows(settings, "deferred"):
        window = response_window_intervals(settings[q].response_hours, interval_seconds)
        rate = deferred_min_peak_rate(vol[q] * handle[q], mask[q], window)
        fractional[q] = rate / interval_seconds
        agents[q] = np.ceil(fractional[q] * (1.0 - _ROUND_SLACK) - _ROUND_SLACK).astype(np.int64)

    minimum = np.array([t.min_agents_when_open for t in settings], dtype=np.int64)[:, None]
    agents = np.where(mask, np.maximum(agents, minimum), agents)
    shrink = (np.array([t.shrinkage for t in settings], dtype=float)[:, None] if shrinkage is None
              else np.broadcast_to(np.asarray(shrinkage, dtype=float), vol.shape))
    scheduled = scheduled_agents(agents, shrink)
    kpis = _predict_checked(vol, handle, interval_seconds, settings, agents, mask, traffic)
    return Requirement(
        traffic=traffic,
        agents_fractional=fractional,
        agents=agents,
        scheduled=scheduled,
        service_level=kpis.service_level,
        asa=kpis.asa,
        p_wait=kpis.p_wait,
        occupancy=kpis.occupancy,
        abandon=kpis.abandon,
        reachability=kpis.reachability,
    )


def predict(
    volume: np.ndarray,
    aht: np.ndarray,
    interval_seconds: int,
    settings: Sequence[QueueTargets],
    agents: np.ndarray,
    open_mask: np.ndarray | None = None,
) -> Prediction:
    """KPIs per queue × interval for ``agents`` [Q, I] agents on each queue.

    ``open_mask`` matters for e-mail only (the deadline rule for windows without open time);
    None means always open.
    """
    vol, handle, mask = _validate(volume, aht, interval_seconds, settings, open_mask)
    staff = np.asarray(agents)
    if staff.shape != vol.shape:
        raise ValueError(f"agents shape {staff.shape} does not match volume {vol.shape}")
    bad = ~np.isfinite(staff.astype(float)) | (staff < 0) | (staff != np.floor(staff))
    if bad.any():
        raise ValueError(f"agents must be whole numbers, 0 or more ({_locate(bad)})")
    traffic = offered_traffic(vol, handle, interval_seconds)
    return _predict_checked(
        vol, handle, interval_seconds, settings, staff.astype(np.int64), mask, traffic
    )


def _predict_checked(
    vol: np.ndarray,
    handle: np.ndarray,
    interval_seconds: int,
    settings: Sequence[QueueTargets],
    agents: np.ndarray,
    mask: np.ndarray,
    traffic: np.ndarray,
) -> Prediction:
    shape = vol.shape
    out = {name: np.full(shape, np.nan) for name in Prediction.__dataclass_fields__}
    out["traffic"] = traffic
    for model in ("erlang_c", "erlang_a"):
        rows = _rows(settings, model)
        if not rows:
            continue
        ts = [settings[q] for q in rows]
        conc = np.array([t.concurrency for t in ts], dtype=np.int64)[:, None]
        servers = agents[rows] * conc
        sl_seconds = _column([t.sl_seconds for t in ts], 0.0)
        if model == "erlang_c":
            kpis = erlang_c_kpis(servers, traffic[rows], handle[rows], sl_seconds)
        else:
            patience = _column([t.patience_seconds for t in ts], np.nan)
            kpis = erlang_a_kpis(servers, traffic[rows], handle[rows], patience, sl_seconds)
        for name in ("service_level", "asa", "p_wait", "occupancy", "abandon", "reachability"):
            out[name][rows] = getattr(kpis, name)

    for q in _rows(settings, "deferred"):
        window = response_window_intervals(settings[q].response_hours, interval_seconds)
        on_time, occupancy = deferred_kpis(
            vol[q] * handle[q], agents[q] * float(interval_seconds), mask[q], window
        )
        out["service_level"][q] = on_time
        out["occupancy"][q] = occupancy
    return Prediction(**out)
