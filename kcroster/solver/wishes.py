"""Wishes (self-scheduling), fairness and stability against a published roster.

A wish is *granted* by a linear expression over the agent-day's candidate literals; ``must``
wishes are hard (rule wish_must), the others cost ``weight × Weights.wish`` when refused. Fairness
minimises the number of unpopular shifts of the agent who has most of them; wish fairness is a
convex per-agent term: each percentage point of an agent's wish weight refused beyond half
costs ``Weights.fairness_wishes``, so nobody ends up with all their wishes refused while others
get plenty.
"""

from __future__ import annotations

from datetime import datetime, time

from kcroster.model import WishKind
from kcroster.solver.builder import ModelBuilder

FAIR_FREE = 50  # share of an agent's wish weight (percent) that may be refused without fairness cost


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
        b.penalise("wishes", wish.weight * w8.wish, refused, agent=ai)
        refused_by_agent.setdefault(ai, []).append((wish.weight, refused))
    b.fair_wish_agents = {}
    if w8.fairness_wishes:
        # per agent, convex in the refused share: every percentage point of the agent's wish
        # weight refused beyond half costs ``fairness_wishes``. A term per agent (not the max
        # over agents) so that one agent who cannot be helped does not switch fairness off for
        # everybody else, and so the per-agent improvement rounds (one agent's sub-model) see it.
        for ai, lst in refused_by_agent.items():
            total = sum(wt for wt, _r in lst)
            if total <= 0:
                continue
            refused = sum(wt * r for wt, r in lst)
            # p = ceil((100·R − 50·T) / T), exact: T·p ≥ 100R − 50T > T·(p − 1)
            p = m.new_int_var(-FAIR_FREE, 100 - FAIR_FREE, "")
            m.add(total * p >= 100 * refused - FAIR_FREE * total)
            m.add(total * p <= 100 * refused - FAIR_FREE * total + total - 1)
            e = m.new_int_var(0, 100 - FAIR_FREE, f"fair_share{ai}")
            m.add_max_equality(e, [p, 0])
            b.penalise("fairness", w8.fairness_wishes, e, agent=ai)
            b.fair_wish_agents[ai] = (total, lst)
    b.unpopular_lists = []
    if w8.fairness_unpopular:
        per_agent = []
        for ai in range(len(b.agents)):
            lits = [x for d in range(b.D) for c, x in zip(b.cands[ai][d], b.x[ai][d], strict=True) if c.unpopular]
            if lits:
                per_agent.append(lits)
        if len(per_agent) > 1:
            most = m.new_int_var(0, b.D, "most_unpopular")
            m.add_max_equality(most, [sum(lits) for lits in per_agent])  # exact: the true maximum
            b.penalise("fairness", w8.fairness_unpopular, most)
            b.unpopular_lists = per_agent
    _stability(b)


def fairness_value(b: ModelBuilder, value) -> int:
    """The fairness terms of a solution, computed from its shift literals alone (so rosters
    that did not come out of the full search are priced exactly like the model would)."""
    w8 = b.w8
    total = 0
    for _ai, (tot, lst) in b.fair_wish_agents.items():
        refused = sum(wt * int(value(r)) for wt, r in lst)
        total += w8.fairness_wishes * max(0, -(-(100 * refused - FAIR_FREE * tot) // tot))
    lists = b.unpopular_lists
    if lists:
        total += w8.fairness_unpopular * max(sum(int(value(x)) for x in lits) for lits in lists)
    return total


def stability_targets(b: ModelBuilder):
    """Per unlocked agent-day of the published roster: ``(ai, d, same)`` where ``same`` are the
    candidate indices equal to the published shift, or ``None`` when it had the day off."""
    ref = b.opts.reference
    if ref is None:
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
                yield ai, d, None
                continue
            yield ai, d, {ci for ci, c in enumerate(b.cands[ai][d]) if c.matches(s)}


def _stability(b: ModelBuilder) -> None:
    if not b.w8.stability:
        return
    for ai, d, same in stability_targets(b):
        if same is None:
            if b.is_var(b.works(ai, d)):
                b.penalise("stability", b.w8.stability, b.works(ai, d), agent=ai)
            continue
        lits = [b.x[ai][d][ci] for ci in sorted(same)]
        b.penalise("stability", b.w8.stability, 1 - sum(lits) if lits else 1, agent=ai)
