"""Queue blocks: the planner's shortest stretch on one queue (``ShiftRules.min_queue_block_minutes``).

The model decides per skill group and interval *how many* agents serve each queue; which agent
serves which queue is dealt out afterwards (:mod:`kcroster.solver.extract`). Dealing interval by
interval leaves multi-skilled agents hopping between queues in blocks of 15–30 minutes, which
no planner would publish. A *block* is a run of work on one queue (a break does not end it);
a block shorter than the minimum next to a change is *short*.

This pass removes short blocks by exchanging whole blocks between two agents on duty at the
same intervals: agent x's short block on queue a is handed to an agent y who serves x's
neighbouring queue b at all those intervals and is on a right before or after them, so x's
block merges into its neighbour and y's block on a grows. Both queues keep exactly their staff
in every interval, so the roster's coverage — and its cost — stays the same when x and y count
the same (productivity). Where no colleague can take the block (often: the multi-skilled agent
is the only one of its skill group on duty), the agent serves the neighbouring open queue
instead. Both moves that change staff (this one, and exchanges between agents who count
differently) are made only where the coverage cost they add is at most what they spare:
``Weights.short_block`` per short block and ``Weights.queue_change`` per queue change. A move is
taken only if it lowers short blocks (then queue changes). The checker reports what is left
(``queue_block_length``, a warning).
"""

from __future__ import annotations

from collections import defaultdict

from kcroster.model import BREAK, WORK

Person = tuple[int, int, int, tuple]  # agent, day, offset in the shift, skill group (queues, unit)


def blocks(acts: list[str]) -> list[tuple[str, list[int]]]:
    """The shift's blocks: (queue, offsets) per run of work on one queue, breaks skipped."""
    out: list[tuple[str, list[int]]] = []
    for off, a in enumerate(acts):
        if a in (BREAK, WORK):
            continue
        if out and out[-1][0] == a:
            out[-1][1].append(off)
        else:
            out.append((a, [off]))
    return out


def penalty(acts: list[str], min_len: int) -> tuple[int, int]:
    """(short blocks, queue changes) of one shift: what a move must lower."""
    bl = blocks(acts)
    if len(bl) < 2:
        return 0, 0
    return sum(len(offs) < min_len for _q, offs in bl), len(bl) - 1


def short_blocks(activity: dict[tuple[int, int], list[str]], min_len: int) -> int:
    """Short blocks in all shifts (blocks of fewer than ``min_len`` intervals next to a change)."""
    n = 0
    for acts in activity.values():
        bl = blocks(acts)
        if len(bl) > 1:
            n += sum(len(offs) < min_len for _q, offs in bl)
    return n


class _Serving:
    """Who serves which queue in each interval, kept up to date through exchanges."""

    def __init__(self, onduty: dict[tuple, list[tuple[int, int, int]]],
                 activity: dict[tuple[int, int], list[str]]) -> None:
        self.activity = activity
        self.at: dict[tuple[int, int, int], tuple[int, Person]] = {}
        self.by: dict[tuple[int, str], set[Person]] = defaultdict(set)
        for (gk, k), people in onduty.items():
            for ai, d, off in people:
                p = (ai, d, off, gk)
                self.at[(ai, d, off)] = (k, p)
                self.by[(k, activity[(ai, d)][off])].add(p)

    def move(self, p: Person, k: int, queue: str) -> None:
        acts = self.activity[(p[0], p[1])]
        self.by[(k, acts[p[2]])].discard(p)
        acts[p[2]] = queue
        self.by[(k, queue)].add(p)


def _next_to(acts: list[str], first: int, last: int, queue: str) -> bool:
    """Whether the shift works ``queue`` right before ``first`` or right after ``last`` (across
    a break)."""
    for o in range(first - 1, -1, -1):
        if acts[o] != BREAK:
            if acts[o] == queue:
                return True
            break
    for o in range(last + 1, len(acts)):
        if acts[o] != BREAK:
            return acts[o] == queue
    return False


def _pair(acts_x: list[str], acts_y: list[str], min_len: int) -> tuple[int, int]:
    """(short blocks, queue changes) of two shifts together."""
    sx, cx = penalty(acts_x, min_len)
    sy, cy = penalty(acts_y, min_len)
    return sx + sy, cx + cy


def _better(before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Fewer short blocks, or as many and fewer changes."""
    return after < before


def _worth(before: tuple[int, int], after: tuple[int, int], weights: tuple[int, int]) -> int:
    """What a move's fewer short blocks and changes are worth in objective points (``weights``:
    points per short block, per change), against the coverage cost it adds."""
    return weights[0] * (before[0] - after[0]) + weights[1] * (before[1] - after[1])


def longer_blocks(onduty: dict[tuple, list[tuple[int, int, int]]], activity: dict[tuple[int, int], list[str]],
                  min_len: int, cells=None, weights: tuple[int, int] = (0, 0), passes: int = 4) -> int:
    """Remove short blocks until no move removes one (or ``passes`` rounds); returns how many
    went. Moves: exchange a block with a colleague (free between agents who count the same), or
    with ``cells`` (:class:`kcroster.solver.extract.QueueCells`) also between agents who count
    differently, or serve the neighbouring queue instead, where the coverage cost this adds is
    at most what the spared short blocks and changes are worth (``weights``: points per short
    block, per change)."""
    if min_len <= 1:
        return 0
    before = short_blocks(activity, min_len)
    serving = _Serving(onduty, activity)
    for _ in range(passes):
        moved = False
        for key in sorted(activity):
            moved |= _improve_shift(key, serving, min_len, cells, weights)
        if not moved:
            break
    return before - short_blocks(activity, min_len)


def _improve_shift(key: tuple[int, int], serving: _Serving, min_len: int, cells, weights: tuple[int, int]) -> bool:
    """Remove this shift's short blocks, block by block; True if one went."""
    acts = serving.activity[key]
    moved = False
    i = 0
    while True:
        bl = blocks(acts)
        if len(bl) < 2 or i >= len(bl):
            return moved
        queue, offs = bl[i]
        if len(offs) < min_len:
            spots = [serving.at.get((key[0], key[1], o)) for o in offs]
            if all(s is not None for s in spots):  # not for a block running past the horizon
                nbrs = sorted({bl[j][0] for j in (i - 1, i + 1) if 0 <= j < len(bl)})
                move = _exchange(key, queue, offs, spots, nbrs, serving, min_len, cells, weights)
                if move is None and cells is not None:
                    move = _serve_neighbour(key, queue, offs, spots, nbrs, serving, min_len, cells, weights)
                if move is not None:
                    move()
                    moved = True
                    i = 0  # blocks merged: look again from the start
                    continue
        i += 1


def _exchange(key, queue: str, offs: list[int], spots, nbrs: list[str], serving: _Serving, min_len: int,
              cells, weights: tuple[int, int]):
    """The best exchange of the block (``queue`` at ``offs``) with a colleague who serves a
    neighbouring queue at all those intervals and ``queue`` right next to them, as a function
    that makes it; None if no exchange helps."""
    ks = [s[0] for s in spots]
    px = [s[1] for s in spots]
    gx = px[0][3]
    acts_x = serving.activity[key]
    best = None
    for other in nbrs:
        if other not in gx[0]:
            continue
        for py0 in sorted(serving.by.get((ks[0], other), ())):
            y, gy = (py0[0], py0[1]), py0[3]
            if y == key or queue not in gy[0] or (gy[1] != gx[1] and cells is None):
                continue
            acts_y = serving.activity[y]
            oys = [py0[2] + (k - ks[0]) for k in ks]
            if any(not (0 <= o < len(acts_y)) or acts_y[o] != other for o in oys):
                continue
            if not _next_to(acts_y, oys[0], oys[-1], queue):
                continue
            cost = 0
            if gy[1] != gx[1]:
                cost = sum(cells.delta(queue, k, gy[1] - gx[1]) + cells.delta(other, k, gx[1] - gy[1]) for k in ks)
            before = _pair(acts_x, acts_y, min_len)
            for o, oy in zip(offs, oys, strict=True):
                acts_x[o], acts_y[oy] = other, queue
            after = _pair(acts_x, acts_y, min_len)
            for o, oy in zip(offs, oys, strict=True):
                acts_x[o], acts_y[oy] = queue, other
            score = _worth(before, after, weights) - cost
            if _better(before, after) and (cost <= 0 or score >= 0) and (best is None or score > best[0]):
                best = (score, y, oys, other, gy)
    if best is None:
        return None
    _score, y, oys, other, gy = best

    def make() -> None:
        for k, p, oy in zip(ks, px, oys, strict=True):
            if gy[1] != gx[1]:
                cells.add(queue, k, gy[1] - gx[1])
                cells.add(other, k, gx[1] - gy[1])
            serving.move(p, k, other)
            serving.move(serving.at[(y[0], y[1], oy)][1], k, queue)
    return make


def _serve_neighbour(key, queue: str, offs: list[int], spots, nbrs: list[str], serving: _Serving,
                     min_len: int, cells, weights: tuple[int, int]):
    """The agent serves a neighbouring queue instead during the block, where that queue is open
    and the coverage cost it adds is at most what the move is worth; a function that makes the
    move, or None."""
    ks = [s[0] for s in spots]
    px = [s[1] for s in spots]
    unit, allowed = px[0][3][1], px[0][3][0]
    acts = serving.activity[key]
    before = penalty(acts, min_len)
    best = None
    for other in nbrs:
        if other not in allowed or not all(cells.is_open(other, k) for k in ks):
            continue
        cost = sum(cells.delta(queue, k, -unit) + cells.delta(other, k, unit) for k in ks)
        for o in offs:
            acts[o] = other
        after = penalty(acts, min_len)
        for o in offs:
            acts[o] = queue
        score = _worth(before, after, weights) - cost
        if _better(before, after) and score >= 0 and (best is None or score > best[0]):
            best = (score, other)
    if best is None:
        return None
    other = best[1]

    def make() -> None:
        for k, p in zip(ks, px, strict=True):
            cells.add(queue, k, -unit)
            cells.add(other, k, unit)
            serving.move(p, k, other)
    return make
