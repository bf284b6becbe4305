"""Wishes (self-scheduling), fairness and stability against a published roster.

A wish is *granted* by a linear expression over the agent-day's candidate literals; ``must``
wishes are hard (rule wish_must), the others cost ``weight × Weights.wish`` when refused. Fairness
minimises the refused weight of the worst-off agent and the number of unpopular shifts of the
agent who has most of them, so no agent carries all the refusals.
"""

from __future__ import annotations

from datetime import datetime, time

from kcroster.model import WishKind
from kcroster.solver.builder import ModelBuilder


def granted_literals(b: ModelBuilder, ai: int, d: int, wish) -> tuple[list, bool]:
    """(literals, positive): granted ⇔ any literal (positive) or ⇔ none of them (negative)."""
    day = b.hz.dates[d]
    tz = b.hz.tz
    sr = b.p.shift_rules
    cs, xs = b.cands[ai][d], b.x[ai][d]

    def wall(t: time) -> int:
        return int(datetime.combine(day, t, tzinfo=tz).timestamp())

    k = wish.kind
    if k == WishKind.OFF:
        return list(xs), False
    if k == WishKind.WORK:
        return list(xs), True
    if k == WishKind.EARLY:
        lim = wall(sr.early_start_before)
        return [x for c, x in zip(cs, xs, strict=True) if c.start_ts < lim], True
    if k == WishKind.LATE:
        lim = wall(sr.late_end_after)
        return [x for c, x in zip(cs, xs, strict=True) if c.end_ts > lim], True
    if k == WishKind.WINDOW:
        lo = wall(wish.window_start) if wish.window_start else None
        hi = wall(wish.window_end) if wish.window_end else None
        return [x for c, x in zip(cs, xs, strict=True)
                if (lo is None or c.start_ts >= lo) and (hi is None or c.start_ts <= hi)], True
    if k == WishKind.SHIFT:
        return [x for c, x in zip(cs, xs, strict=True) if c.shift_type == wish.shift_type], True
    if k == WishKind.NOT_SHIFT:
        return [x for c, x in zip(cs, xs, strict=True) if c.shift_type == wish.shift_type], False
    raise ValueError(f"onbekend wenstype {k}")


def add(b: ModelBuilder) -> None:
    m, w8 = b.model, b.w8
    index = {a.id: i for i, a in enumerate(b.agents)}
    refused_by_agent: dict[int, list[tuple[int, object]]] = {}
    b.wish_exprs = []
    for wish in b.p.wishes:
        ai = index.get(wish.agent_id)
        if ai is None or not b.hz.start <= wish.day < b.hz.end:
            continue
        d = b.hz.day_index(wish.day)
        lits, positive = granted_literals(b, ai, d, wish)
        granted = sum(lits) if positive else 1 - sum(lits)
        b.wish_exprs.append((wish, ai, d, lits, positive))
        if wish.must:
            b.hard(m.add(granted == 1), "wish_must", ai, wish.day.isoformat())
            continue
        refused = 1 - granted
        b.penalise("wishes", wish.weight * w8.wish, refused)
        refused_by_agent.setdefault(ai, []).append((wish.weight, refused))
    if w8.fairness_wishes and len(refused_by_agent) > 1:
        top = sum(wt for lst in refused_by_agent.values() for wt, _r in lst)
        worst = m.new_int_var(0, top, "worst_refused")
        for lst in refused_by_agent.values():
            m.add(worst >= sum(wt * r for wt, r in lst))
        b.penalise("fairness", w8.fairness_wishes, worst)
    if w8.fairness_unpopular:
        per_agent = []
        for ai in range(len(b.agents)):
            lits = [x for d in range(b.D) for c, x in zip(b.cands[ai][d], b.x[ai][d], strict=True) if c.unpopular]
            if lits:
                per_agent.append(lits)
        if len(per_agent) > 1:
            most = m.new_int_var(0, b.D, "most_unpopular")
            for lits in per_agent:
                m.add(most >= sum(lits))
            b.penalise("fairness", w8.fairness_unpopular, most)
    _stability(b)


def _stability(b: ModelBuilder) -> None:
    ref = b.opts.reference
    if ref is None or not b.w8.stability:
        return
    by = {(s.agent_id, s.day): s for s in ref.shifts}
    ref_agents = {s.agent_id for s in ref.shifts}
    for ai, agent in enumerate(b.agents):
        if agent.id not in ref_agents:
            continue
        for d, day in enumerate(b.hz.dates):
            if (ai, d) in b.locked_days:
                continue
            s = by.get((agent.id, day))
            if s is None:
                if b.is_var(b.works(ai, d)):
                    b.penalise("stability", b.w8.stability, b.works(ai, d))
                continue
            st, en = int(s.start.timestamp()), int(s.end.timestamp())
            same = [x for c, x in zip(b.cands[ai][d], b.x[ai][d], strict=True) if c.start_ts == st and c.end_ts == en]
            b.penalise("stability", b.w8.stability, 1 - sum(same) if same else 1)
