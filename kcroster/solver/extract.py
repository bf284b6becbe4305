"""Solution → :class:`Roster`: chosen shift per agent-day, concrete break times, and which queue
each working interval serves.

Breaks: per shift class the model says how many of its agents break at each offset; here the
class members (in agent order, so the result is deterministic) take those offsets in turn.
Queues: per skill group and interval the model gives the number of agents per queue; a greedy
pass keeps every agent on the queue it served in the previous interval whenever that queue still
needs someone, so agents switch queues as little as possible.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from kcroster.model import BREAK, WORK, Roster, Segment, Shift
from kcroster.solver.breaks import flex_window
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.coverage import group_key


def chosen(b: ModelBuilder, value) -> dict[tuple[int, int], int]:
    out = {}
    for ai in range(len(b.agents)):
        for d in range(b.D):
            for ci, x in enumerate(b.x[ai][d]):
                if value(x):
                    out[(ai, d)] = ci
                    break
    return out


def extract(b: ModelBuilder, value=None, pick: dict[tuple[int, int], int] | None = None,
            queues_by_need: bool = False) -> Roster:
    """Roster from solver values (``value``), or from a shift choice alone (``pick``): then breaks
    are spread round-robin over each class's window and queues follow the remaining need."""
    hz, iv, ivs, nk = b.hz, b.hz.interval_minutes, b.hz.interval_seconds, b.hz.n_intervals
    tz = hz.tz
    if pick is None:
        pick = chosen(b, value)
    # break offsets per (agent, day)
    brk_at: dict[tuple[int, int], set[int]] = {}
    for (ai, d), ci in pick.items():
        c = b.cands[ai][d][ci]
        if c.locked is not None:
            continue
        if c.fixed_breaks:
            brk_at[(ai, d)] = set(c.fixed_breaks)
        elif c.brk:
            win = list(flex_window(c.n, c.brk, iv))
            j = win[len(win) // 2]
            brk_at[(ai, d)] = set(range(j, j + c.brk))
        else:
            brk_at[(ai, d)] = set()
    for cl in getattr(b, "classes", []):
        if not cl.brk:
            continue
        members = sorted((ai, d) for ai, d, ci in cl.members if pick.get((ai, d)) == ci)
        offsets: list[int] = []
        if value is None:
            win = [j for j, _v in cl.breaks]
            order = sorted(win, key=lambda j: abs(j - win[len(win) // 2]))
            offsets = [order[i % len(order)] for i in range(len(members))]
        else:
            for j, v in cl.breaks:
                offsets.extend([j] * int(value(v)))
        for (ai, d), j in zip(members, offsets, strict=False):
            brk_at[(ai, d)] = set(range(j, j + cl.brk))
    # activity per (agent, day, offset)
    qnames = [q.name for q in b.p.queues]
    activity: dict[tuple[int, int], list[str]] = {}
    onduty: dict[tuple, list[tuple[int, int, int]]] = defaultdict(list)
    gkeys: dict[tuple[int, int], tuple] = {}
    for (ai, d), ci in pick.items():
        c = b.cands[ai][d][ci]
        if c.locked is not None:
            continue
        acts = [BREAK if off in brk_at[(ai, d)] else WORK for off in range(c.n)]
        activity[(ai, d)] = acts
        if b.req is not None:
            gk = group_key(b, ai, d)
            gkeys[(ai, d)] = gk
            for off in range(c.n):
                k = c.k0 + off
                if k < nk and acts[off] != BREAK:
                    onduty[(gk, k)].append((ai, d, off))
    if b.req is not None and (value is None or queues_by_need):
        _assign_by_need(b, onduty, activity, qnames)
    elif b.req is not None:
        _assign_queues(b, value, onduty, activity, qnames)
        for (ai, d), acts in activity.items():
            queues = gkeys[(ai, d)][0]
            last = next((a for a in acts if a not in (BREAK, WORK)), queues[0] if queues else WORK)
            for off, a in enumerate(acts):  # beyond the horizon: stay on the last queue
                if a == WORK:
                    acts[off] = last
                elif a != BREAK:
                    last = a
    shifts: list[Shift] = []
    for (ai, d), ci in sorted(pick.items()):
        c = b.cands[ai][d][ci]
        agent = b.agents[ai]
        if c.locked is not None:
            s = c.locked
            shifts.append(Shift(agent.id, s.day, s.start, s.end, [Segment(g.start, g.end, g.activity) for g in s.segments],
                                s.shift_type, True))
            continue
        acts = activity[(ai, d)]
        segs: list[Segment] = []
        run_start = 0
        for off in range(1, c.n + 1):
            if off == c.n or acts[off] != acts[run_start]:
                a = datetime.fromtimestamp(c.start_ts + run_start * ivs, tz)
                z = datetime.fromtimestamp(c.start_ts + off * ivs, tz)
                segs.append(Segment(a, z, acts[run_start]))
                run_start = off
        shifts.append(Shift(agent.id, hz.dates[d], datetime.fromtimestamp(c.start_ts, tz),
                            datetime.fromtimestamp(c.end_ts, tz), segs, c.shift_type, False))
    return Roster(shifts=shifts, name="rooster")


def _assign_queues(b: ModelBuilder, value, onduty, activity, qnames) -> None:
    current: dict[tuple[int, int], int] = {}
    for (gk, k) in sorted(onduty, key=lambda t: (t[1], str(t[0]))):
        people = onduty[(gk, k)]
        fl = b.flows.get((gk, k))
        if fl is None:
            continue
        if len(fl) == 1:
            q = next(iter(fl))
            for ai, d, off in people:
                activity[(ai, d)][off] = qnames[q]
                current[(ai, d)] = q
            continue
        _hand_out(people, {q: int(value(v)) for q, v in fl.items()}, current, activity, qnames)


def _hand_out(people, left: dict[int, int], current: dict[tuple[int, int], int], activity, qnames) -> None:
    """Give each on-duty agent of a group one of the group's queue places (``left``: places per
    queue). Agents keep the queue they served in the previous interval while it has places left,
    so switches stay rare; the others take the queue with the most places left."""
    rest = []
    for ai, d, off in sorted(people):
        q = current.get((ai, d))
        if q is not None and left.get(q, 0) > 0:
            left[q] -= 1
            activity[(ai, d)][off] = qnames[q]
        else:
            rest.append((ai, d, off))
    for ai, d, off in rest:
        q = max(left, key=lambda qq: (left[qq], -qq))
        left[q] -= 1
        activity[(ai, d)][off] = qnames[q]
        current[(ai, d)] = q


def _assign_by_need(b: ModelBuilder, onduty, activity, qnames) -> None:
    """Queue per on-duty agent without solver flows. Per interval, agents with the fewest queue
    choices go first and each takes the open queue with the largest remaining need (water
    filling); within a group the resulting counts go to agents who already served that queue in
    the previous interval first, so switches stay rare."""
    from kcroster.solver.coverage import SCALE

    need = (b.req * SCALE).astype(float)
    current: dict[tuple[int, int], int] = {}
    by_k: dict[int, list] = defaultdict(list)
    for (gk, k), people in onduty.items():
        by_k[k].append((gk, people))
    qidx = {n: i for i, n in enumerate(qnames)}
    for k in sorted(by_k):
        groups = sorted(by_k[k], key=lambda t: (len(t[0][0]), str(t[0])))
        counts: dict[tuple, dict[int, int]] = {}
        slots = []  # one entry per agent: (choices, group)
        for gk, people in groups:
            queues, unit = gk
            open_q = [qidx[q] for q in queues if b.open[qidx[q], k]] or [qidx[q] for q in queues]
            counts[gk] = dict.fromkeys(open_q, 0)
            slots.extend((len(open_q), gk, open_q, unit) for _ in people)
        for _n, gk, open_q, unit in sorted(slots, key=lambda t: t[0]):
            q = max(open_q, key=lambda qq: (need[qq, k], -qq))
            need[q, k] -= unit
            counts[gk][q] += 1
        for _ in range(len(slots)):
            if not _augment(counts, need[:, k]):
                break
        for gk, people in groups:
            _hand_out(people, counts[gk], current, activity, qnames)


def _augment(counts: dict[tuple, dict[int, int]], need) -> bool:
    """Move agents along a chain of queues from one with spare staff (or a smaller shortage) to
    one short of staff (breadth-first over 'a group on queue b could serve queue a' edges);
    True if one moved. Each move strictly lowers the largest shortage involved, so it ends."""
    for qd in sorted((q for q in range(len(need)) if need[q] > 0), key=lambda q: -need[q]):
        parent: dict[int, tuple[int, tuple] | None] = {qd: None}
        frontier = [qd]
        while frontier:
            qa = frontier.pop(0)
            for gk, cnt in counts.items():
                if qa not in cnt:
                    continue
                unit = gk[1]
                for qb, n in cnt.items():
                    if qb == qa or n <= 0 or qb in parent:
                        continue
                    parent[qb] = (qa, gk)
                    if need[qb] + unit < need[qd]:  # evens out a shortage (convex costs)
                        node = qb
                        while parent[node] is not None:
                            to, g = parent[node]
                            counts[g][node] -= 1
                            counts[g][to] += 1
                            need[node] += g[1]
                            need[to] -= g[1]
                            node = to
                        return True
                    frontier.append(qb)
    return False
