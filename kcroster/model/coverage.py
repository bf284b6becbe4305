"""What a roster puts on each queue in each interval.

``scheduled_matrix`` turns shifts and their activity segments into agents per queue × interval
(fractional when a segment covers part of an interval or an agent in reintegration counts at a
productivity below 100 %). The coverage screen, the exports and the solver's shortfall figures all
start from this matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import numpy as np

from kcroster.model.roster import Roster
from kcroster.model.timegrid import Horizon


def scheduled_matrix(
    roster: Roster,
    horizon: Horizon,
    queue_names: Sequence[str],
    productivity: Callable[[str, date], float] | None = None,
) -> np.ndarray:
    """Agents serving each queue per interval, shape ``[len(queue_names), n_intervals]``."""
    index = {name: q for q, name in enumerate(queue_names)}
    out = np.zeros((len(queue_names), horizon.n_intervals), dtype=float)
    starts = horizon.starts_utc
    step = horizon.interval_seconds
    if horizon.n_intervals == 0:
        return out
    t_first = int(starts[0])
    t_last = int(starts[-1]) + step
    for shift in roster.shifts:
        factor = productivity(shift.agent_id, shift.day) if productivity else 1.0
        if factor <= 0:
            continue
        for seg in shift.segments:
            q = index.get(seg.activity)
            if q is None:
                continue
            a = max(int(seg.start.timestamp()), t_first)
            b = min(int(seg.end.timestamp()), t_last)
            if b <= a:
                continue
            k0 = int(np.searchsorted(starts, a, side="right") - 1)
            k1 = int(np.searchsorted(starts, b - 1, side="right") - 1)
            if int(starts[k0]) == a and int(starts[k1]) + step == b and (k1 - k0 + 1) * step == b - a:
                out[q, k0:k1 + 1] += factor  # whole intervals, the usual case: one slice
                continue
            for k in range(k0, k1 + 1):
                lo = max(a, int(starts[k]))
                hi = min(b, int(starts[k]) + step)
                if hi > lo:
                    out[q, k] += factor * (hi - lo) / step
    return out
