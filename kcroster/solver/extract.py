"""Solution → :class:`Roster`: chosen shift per agent-day, concrete break times, and which queue
each working interval serves.

Breaks: per shift class the model says how many of its agents break at each offset; here the
class members (in agent order, so the result is deterministic) take those offsets in turn.
Queues: per skill group and interval the model gives the number of agents per queue; a greedy
pass keeps every agent on the queue it served in the previous interval whenever that queue still
needs someone; then, across skill groups, the queues are re-dealt per interval so agents keep the
queue they served before, pairwise swaps remove one-interval excursions, and whole blocks shorter
than the planner's minimum are exchanged between agents (:mod:`kcroster.solver.queue_blocks`) —
agents switch queues as little as possible while every queue keeps the same staff in every
interval. Only an agent who counts differently (reintegration productivity) may be swapped at a
small coverage cost (``Weights.queue_change`` per change spared, ``Weights.short_block`` per short
block).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from functools import lru_cache
from itertools import permutations

import numpy as np

from kcroster.model import BREAK, WORK, Roster, Segment, Shift
from kcroster.solver.breaks import flex_window
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.coverage import _tier_cost, group_key, required_tenths
from kcroster.solver.queue_blocks import longer_blocks


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
    if pick is None:
        pick = chosen(b, value)
    brk_at = _break_offsets(b, pick, value)
    activity, onduty, gkeys = _activities(b, pick, brk_at)
    if b.req is not None:
        _queues_of(b, value, queues_by_need, activity, onduty, gkeys)
    shifts = [_shift(b, ai, d, b.cands[ai][d][ci], activity) for (ai, d), ci in sorted(pick.items())]
    return Roster(shifts=shifts, name="rooster")


def _break_offsets(b: ModelBuilder, pick: dict[tuple[int, int], int], value
                   ) -> dict[tuple[int, int], set[int]]:
    """The break offsets per (agent, day): fixed patterns as they are, flexible breaks by the
    solver's break counts per class (members in agent order take the offsets in turn), or
    without values mid-window and spread round-robin over each class's window."""
    iv = b.hz.interval_minutes
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
    for cl in b.classes:
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
    return brk_at


def _activities(b: ModelBuilder, pick: dict[tuple[int, int], int],
                brk_at: dict[tuple[int, int], set[int]]):
    """(activity per (agent, day) and offset: break or work, who is on duty per (group key,
    interval), the group key per (agent, day)) of the chosen shifts that are not locked."""
    nk = b.hz.n_intervals
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
    return activity, onduty, gkeys


def _queues_of(b: ModelBuilder, value, queues_by_need: bool, activity, onduty, gkeys) -> None:
    """Interval demand: the queue of every working interval, from the solver's flows or by the
    remaining need, then fewer queue switches."""
    qnames = [q.name for q in b.p.queues]
    if value is None or queues_by_need:
        _assign_by_need(b, onduty, activity, qnames)
    else:
        _assign_queues(b, value, onduty, activity, qnames)
        for (ai, d), acts in activity.items():
            queues = gkeys[(ai, d)][0]
            last = next((a for a in acts if a not in (BREAK, WORK)), queues[0] if queues else WORK)
            for off, a in enumerate(acts):  # beyond the horizon: stay on the last queue
                if a == WORK:
                    acts[off] = last
                elif a != BREAK:
                    last = a
    keep_queues(onduty, activity)
    w, ws = b.w8.queue_change, b.w8.short_block
    # one staff count for both passes: each keeps it up to date when it moves staff (without it
    # they only exchange agents who count the same, which moves none)
    cells = QueueCells.of(b, onduty, activity) if w > 0 or ws > 0 else None
    fewer_switches(onduty, activity, cells=cells if w > 0 else None, change_weight=w)
    min_len = -(-b.p.shift_rules.min_queue_block_minutes // b.hz.interval_minutes)
    longer_blocks(onduty, activity, min_len, cells=cells if ws > 0 else None, weights=(ws, w))


def _shift(b: ModelBuilder, ai: int, d: int, c, activity) -> Shift:
    """The shift of candidate ``c``, one segment per run of equal activity (a locked shift as
    it was)."""
    tz, ivs = b.hz.tz, b.hz.interval_seconds
    agent = b.agents[ai]
    if c.locked is not None:
        s = c.locked
        return Shift(agent.id, s.day, s.start, s.end, [Segment(g.start, g.end, g.activity) for g in s.segments],
                     s.shift_type, True)
    acts = activity[(ai, d)]
    segs: list[Segment] = []
    run_start = 0
    for off in range(1, c.n + 1):
        if off == c.n or acts[off] != acts[run_start]:
            a = datetime.fromtimestamp(c.start_ts + run_start * ivs, tz)
            z = datetime.fromtimestamp(c.start_ts + off * ivs, tz)
            segs.append(Segment(a, z, acts[run_start]))
            run_start = off
    return Shift(agent.id, b.hz.dates[d], datetime.fromtimestamp(c.start_ts, tz),
                 datetime.fromtimestamp(c.end_ts, tz), segs, c.shift_type, False)


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


def _previous_queue(acts: list[str], off: int) -> str | None:
    """The queue the agent served last before ``off`` in this shift (across a break)."""
    for o in range(off - 1, -1, -1):
        if acts[o] != BREAK:
            return acts[o]
    return None


def _by_interval(onduty: dict[tuple, list[tuple[int, int, int]]]) -> dict[int, list[tuple[int, int, int, tuple]]]:
    """On-duty agents per interval: (agent, day, offset, skill group)."""
    by_k: dict[int, list[tuple[int, int, int, tuple]]] = defaultdict(list)
    for (gk, k), people in onduty.items():
        for ai, d, off in people:
            by_k[k].append((ai, d, off, gk))
    return by_k


@lru_cache(maxsize=64)
def _cycles(queues: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every simple cycle over the queues, each once (starting at its smallest queue)."""
    return [c for n in range(2, len(queues) + 1) for c in permutations(queues, n) if c[0] == min(c)]


def keep_queues(onduty: dict[tuple, list[tuple[int, int, int]]], activity: dict[tuple[int, int], list[str]]) -> int:
    """Interval by interval, re-deal the queues among all on-duty agents so that as many as
    possible keep the queue they served before, with every queue keeping exactly its staff.
    Per interval this is a min-cost circulation on the queues: an agent moving from queue a to
    queue b is an arc a→b costing the change in "not on my previous queue"; moves along a cycle
    of queues keep every queue's count, and a cycle of negative cost is an improvement. With at
    most a handful of queues every simple cycle is tried, and cancelling them until none is
    negative gives the fewest changes for the interval (only agents of equal productivity are
    exchanged, so the staffing, and with it the roster's cost, stays the same). Returns how many
    queue changes (also across a break) the roster has fewer."""
    by_k = _by_interval(onduty)
    before = _changes(activity)
    for k in sorted(by_k):
        by_unit: dict[int, list[tuple[int, int, int, tuple]]] = defaultdict(list)
        for p in by_k[k]:
            by_unit[p[3][1]].append(p)
        for people in by_unit.values():
            queues = tuple(sorted({q for p in people for q in p[3][0]}))
            if len(queues) < 2:
                continue
            prev = {(p[0], p[1]): _previous_queue(activity[(p[0], p[1])], p[2]) for p in people}
            if all(prev[(p[0], p[1])] in (None, activity[(p[0], p[1])][p[2]]) for p in people):
                continue  # everybody is on their previous queue already
            cycles = _cycles(queues)
            while True:
                # the cheapest agent for each move a → b
                arc: dict[tuple[str, str], tuple[int, tuple]] = {}
                for p in people:
                    cur = activity[(p[0], p[1])][p[2]]
                    pv = prev[(p[0], p[1])]
                    here = int(pv is not None and pv != cur)
                    for q in p[3][0]:
                        if q == cur:
                            continue
                        delta = int(pv is not None and pv != q) - here
                        if (cur, q) not in arc or delta < arc[(cur, q)][0]:
                            arc[(cur, q)] = (delta, p)
                best = None
                for c in cycles:
                    moves = [(c[i], c[(i + 1) % len(c)]) for i in range(len(c))]
                    if all(m in arc for m in moves):
                        cost = sum(arc[m][0] for m in moves)
                        if cost < 0 and (best is None or cost < best[0]):
                            best = (cost, moves)
                if best is None:
                    break
                for m in best[1]:
                    _delta, p = arc[m]
                    activity[(p[0], p[1])][p[2]] = m[1]
    return before - _changes(activity)


def _changes(activity: dict[tuple[int, int], list[str]]) -> int:
    """Working intervals on another queue than the one served before (across a break)."""
    n = 0
    for acts in activity.values():
        last = None
        for a in acts:
            if a == BREAK:
                continue
            n += last is not None and a != last
            last = a
    return n


def _switches_at(acts: list[str], off: int) -> int:
    """Queue changes between ``off`` and its neighbours in the same shift (a break between two
    stretches is not a change)."""
    a, n = acts[off], 0
    if off > 0 and acts[off - 1] != BREAK and acts[off - 1] != a:
        n += 1
    if off + 1 < len(acts) and acts[off + 1] != BREAK and acts[off + 1] != a:
        n += 1
    return n


class QueueCells:
    """Staff (tenths of an agent) per queue × interval of a roster being extracted, against the
    requirement, with the model's coverage cost (convex shortage tiers, over-coverage): what a
    change of staff in one cell costs or saves."""

    def __init__(self, queues: list[str], req: np.ndarray, staff: np.ndarray, tiers: list[int], over: int,
                 open_: np.ndarray | None = None) -> None:
        self.qidx = {q: i for i, q in enumerate(queues)}
        self.req, self.staff, self.tiers, self.over = req, staff, list(tiers) or [1], over
        self.open = open_

    @classmethod
    def of(cls, b: ModelBuilder, onduty: dict[tuple, list[tuple[int, int, int]]],
           activity: dict[tuple[int, int], list[str]]) -> QueueCells:
        queues = [q.name for q in b.p.queues]
        req = required_tenths(b)
        staff = np.zeros_like(req)
        qidx = {q: i for i, q in enumerate(queues)}
        for (gk, k), people in onduty.items():
            for a, d, o in people:
                q = qidx.get(activity[(a, d)][o])
                if q is not None:
                    staff[q, k] += gk[1]
        for (q, k), v in b.locked_cover.items():
            staff[q, k] += v
        return cls(queues, req, staff, list(b.w8.under_tiers), b.w8.over, b.open)

    def _cost(self, q: int, k: int, c: int) -> int:
        r = int(self.req[q, k])
        return _tier_cost(max(0, r - c), self.tiers) + self.over * max(0, c - r)

    def delta(self, queue: str, k: int, d: int) -> int:
        """Cost change of ``d`` more tenths on ``queue`` in interval ``k``."""
        q = self.qidx[queue]
        c = int(self.staff[q, k])
        return self._cost(q, k, c + d) - self._cost(q, k, c)

    def add(self, queue: str, k: int, d: int) -> None:
        self.staff[self.qidx[queue], k] += d

    def is_open(self, queue: str, k: int) -> bool:
        """Whether ``queue`` is open in interval ``k`` (every queue is, without opening hours)."""
        return self.open is None or bool(self.open[self.qidx[queue], k])


def fewer_switches(onduty: dict[tuple, list[tuple[int, int, int]]], activity: dict[tuple[int, int], list[str]],
                   passes: int = 6, cells: QueueCells | None = None, change_weight: int = 0) -> int:
    """Swap the queues two on-duty agents serve in one interval wherever that lowers their queue
    changes; returns the number of changes removed. Both must be allowed the other's queue.
    Agents who count the same (productivity) swap freely: every queue keeps exactly its staff in
    every interval and the roster's cost does not change. Agents who count differently (a
    reintegration plan at 80 %) swap only with ``cells`` given, and only where the coverage cost
    it adds stays below ``change_weight`` per change removed — otherwise such an agent, whom
    nobody can replace exactly, would hop between queues every interval. Unlike the re-deal
    (:func:`keep_queues`) this also sees the next interval: a one-interval excursion to another
    queue goes. Only working intervals next to a change are looked at, again only next to a
    swap."""
    by_k = _by_interval(onduty)
    where = {p[:3]: (k, p) for k, people in by_k.items() for p in people}
    serving_at: dict[int, dict[str, list[tuple[int, int, int, tuple]]]] = {}

    def serving(k: int) -> dict[str, list[tuple[int, int, int, tuple]]]:
        if k not in serving_at:
            by_q: dict[str, list[tuple[int, int, int, tuple]]] = defaultdict(list)
            for p in by_k[k]:
                by_q[activity[(p[0], p[1])][p[2]]].append(p)
            serving_at[k] = by_q
        return serving_at[k]

    todo = {key for key in where if _switches_at(activity[key[:2]], key[2])}
    removed = 0
    for _ in range(passes):
        if not todo:
            break
        touched: set[tuple[int, int, int]] = set()
        for key in sorted(todo, key=lambda t: where[t][0]):
            k, px = where[key]
            ax, dx, ox, gx = px
            acts_x = activity[(ax, dx)]
            own = _switches_at(acts_x, ox)
            if own == 0:
                continue
            qx = acts_x[ox]
            # only taking a neighbour's queue can lower this agent's changes
            wanted = {acts_x[o] for o in (ox - 1, ox + 1) if 0 <= o < len(acts_x)} - {qx, BREAK, WORK}
            best = None
            for qy in wanted:
                if qy not in gx[0]:
                    continue
                for py in serving(k).get(qy, ()):
                    ay, dy, oy, gy = py
                    if qx not in gy[0] or (ay, dy) == (ax, dx):
                        continue
                    cost = 0
                    if gy[1] != gx[1]:
                        if cells is None or change_weight <= 0:
                            continue
                        cost = cells.delta(qx, k, gy[1] - gx[1]) + cells.delta(qy, k, gx[1] - gy[1])
                    acts_y = activity[(ay, dy)]
                    before = own + _switches_at(acts_y, oy)
                    acts_x[ox], acts_y[oy] = qy, qx
                    gain = before - _switches_at(acts_x, ox) - _switches_at(acts_y, oy)
                    acts_x[ox], acts_y[oy] = qx, qy
                    score = gain * max(1, change_weight) - cost
                    if gain > 0 and score > 0 and (best is None or score > best[0]):
                        best = (score, gain, py)
            if best is None:
                continue
            _score, gain, py = best
            ay, dy, oy, gy = py
            qy = activity[(ay, dy)][oy]
            if gy[1] != gx[1] and cells is not None:
                cells.add(qx, k, gy[1] - gx[1])
                cells.add(qy, k, gx[1] - gy[1])
            acts_x[ox], activity[(ay, dy)][oy] = qy, qx
            by_q = serving(k)
            by_q[qy].remove(py)
            by_q[qx].append(py)
            by_q[qx].remove(px)
            by_q[qy].append(px)
            removed += gain
            for a, d, o in ((ax, dx, ox), (ay, dy, oy)):
                touched.update(n for n in ((a, d, o - 1), (a, d, o), (a, d, o + 1)) if n in where)
        todo = touched
    return removed
