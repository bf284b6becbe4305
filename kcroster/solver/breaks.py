"""Break rules and break placement.

Why this formulation: a per-agent break variable per shift candidate would multiply the model by
the number of break positions. Instead every shift class (start, length, break length) carries a
small window of allowed break offsets and the model counts, per skill group and class, how many of
its agents take their break at each offset (implicit break placement in the spirit of
Bechtold & Jacobs). Extraction then hands concrete break times to the agents of that class.
Reintegration plans with a maximum continuous working time get a fixed break pattern per
candidate instead (few agents, so no blow-up).
"""

from __future__ import annotations

import math

from kcroster.model import LabourRules, ReintegrationStep


def required_break_minutes(duration_min: float, labour: LabourRules, youth: bool) -> int:
    """Least total break (minutes) that makes a shift of ``duration_min`` legal under atw_breaks.

    The rule is on *work* time (duration − breaks), so a break only needs to bring work time
    down to the threshold; we use the plain norm whenever the duration exceeds the threshold,
    which is always legal.
    """
    need = 0
    if labour.enabled("atw_breaks"):
        if duration_min > labour.break_after_hours * 60:
            need = labour.break_minutes
        if duration_min - labour.break_minutes > labour.long_break_after_hours * 60:
            need = max(need, labour.long_break_minutes)
    if youth and labour.enabled("atw_youth") and duration_min > labour.youth_break_after_hours * 60:
        need = max(need, labour.youth_break_minutes)
    return need


def break_intervals(minutes: int, interval_minutes: int, labour: LabourRules) -> int:
    """Break minutes rounded up to whole intervals, each part at least the minimum part."""
    if minutes <= 0:
        return 0
    part = max(minutes, labour.min_break_part_minutes if labour.enabled("atw_breaks") else 0)
    return math.ceil(part / interval_minutes)


def flex_window(n: int, b: int, interval_minutes: int) -> range:
    """Allowed offsets (intervals from shift start) of one break block of ``b`` intervals.

    Centred on the middle of the shift, at most half an hour either way, never the first or last
    segment of the shift.
    """
    if b <= 0:
        return range(0)
    centre = (n - b) // 2
    half = max(1, 30 // interval_minutes)
    lo = max(1, centre - half)
    hi = min(n - b - 1, centre + half)
    return range(lo, hi + 1)


def fixed_pattern(n: int, required: int, step: ReintegrationStep, interval_minutes: int) -> tuple[int, ...] | None:
    """Break interval offsets for a reintegration shift of ``n`` intervals.

    Work stretches stay ≤ ``max_continuous_minutes``; total break ≥ ``required`` intervals plus the
    plan's extra break. Returns None when no pattern fits.
    """
    total = required + math.ceil(step.extra_break_minutes / interval_minutes)
    s = (step.max_continuous_minutes or 10**6) // interval_minutes
    if s <= 0:
        return None
    for m in range(1 if total > 0 else 0, n):
        brk = max(total, m)
        work = n - brk
        if work < m + 1:
            return None
        if work > (m + 1) * s:
            continue
        if m == 0:
            return ()
        # m blocks, sizes as even as possible; m+1 work stretches as even as possible
        blocks = [brk // m + (1 if i < brk % m else 0) for i in range(m)]
        stretches = [work // (m + 1) + (1 if i < work % (m + 1) else 0) for i in range(m + 1)]
        out: list[int] = []
        pos = 0
        for i in range(m):
            pos += stretches[i]
            out.extend(range(pos, pos + blocks[i]))
            pos += blocks[i]
        return tuple(out)
    return None
