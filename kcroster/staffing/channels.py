"""Channel rules: chat concurrency and e-mail as deferred work.

Chat
----
An agent who handles c chat sessions at once is modelled as c independent servers ("session
slots"), each with the session handle time as AHT (the time a session occupies a slot *under
concurrency*, which is what the chat platform reports). The queue is then an Erlang C or A
queue with S = N·c servers. Because every KPI is monotone in S, the least number of agents with
N·c ≥ S* (S* = least adequate number of slots) is exactly ceil(S*/c): no approximation beyond the
pooled-slot assumption (any free slot of any agent may take the next chat). Occupancy is reported
per slot (carried session traffic / slots).

E-mail
------
Mails of interval i (work W_i = volume · AHT agent-seconds) are treated as arriving at the
*start* of interval i and must be finished by the end of interval i + D − 1, D = whole intervals
in the response target (at least 1); the target is calendar time. Work is done only in open
intervals. A mail whose window contains no open interval is due by the end of the first open
interval at or after its arrival (the earliest it could be answered). Windows reaching past the
planning horizon are allowed to use the time after it (treated as open; that work is left for
the next horizon), so the requirement does not spike at the horizon's end.

The requirement is the *minimal-peak, smoothest* feasible work rate: the taut string between
cumulative "work due" (lower barrier) and cumulative "work arrived" (upper barrier), measured in
open intervals. Its largest rate equals the largest density max_window W(window)/open time
(so no feasible plan has a lower peak), it never idles while work is waiting, and it minimises
every convex cost of the rate (Σ rate² included); it is the schedule of Yao, Demers and Shenker.
Agents per interval are ceil(rate / interval length), which keeps the plan feasible.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "agents_for_servers",
    "chat_servers",
    "deferred_kpis",
    "deferred_min_peak_rate",
    "response_window_intervals",
]


def chat_servers(agents: np.ndarray, concurrency: np.ndarray | int) -> np.ndarray:
    """Session slots offered by ``agents`` agents who each handle ``concurrency`` chats."""
    return np.asarray(agents, dtype=np.int64) * np.asarray(concurrency, dtype=np.int64)


def agents_for_servers(servers: np.ndarray, concurrency: np.ndarray | int) -> np.ndarray:
    """Least number of agents providing at least ``servers`` session slots: ceil(S / c)."""
    s = np.asarray(servers, dtype=np.int64)
    c = np.asarray(concurrency, dtype=np.int64)
    return -(-s // c)


def response_window_intervals(response_hours: float, interval_seconds: float) -> int:
    """Whole intervals D in the response target (at least 1)."""
    return max(1, int(np.floor(response_hours * 3600.0 / interval_seconds + 1e-9)))


def deadline_intervals(open_ext: np.ndarray, n_arrivals: int, window: int,
                       has_mail: np.ndarray | None = None) -> np.ndarray:
    """Last interval (inclusive) by which mail arriving in interval i must be answered.

    Normally i + D − 1. When that falls in closed time (nights, Sundays, a public holiday), the
    deadline moves to the end of the next open stretch: "within the response target, or at the
    latest by the end of the next opening period", and never before the deadline of mail that
    arrived earlier. Without this, all mail whose calendar deadline
    passes while the queue is closed would land in the first open quarter-hour.
    """
    open_ext = np.asarray(open_ext, dtype=bool)
    size = open_ext.size
    last = np.minimum(np.arange(n_arrivals) + window - 1, size - 1)
    if size == 0 or n_arrivals == 0:
        return last
    idx = np.arange(size)
    next_open = np.minimum.accumulate(np.where(open_ext, idx, size)[::-1])[::-1]
    next_closed = np.minimum.accumulate(np.where(~open_ext, idx, size)[::-1])[::-1]
    o = next_open[last]
    block_end = np.where(o < size, next_closed[np.minimum(o, size - 1)], size)
    extended = np.where(o < size, block_end - 1, last)
    deadline = np.where(open_ext[last], last, extended)
    # Later mail is never due before earlier mail (first in, first out); this also keeps the
    # deadlines agreeable, which the minimal-peak construction relies on.
    mail = np.ones(n_arrivals, dtype=bool) if has_mail is None else np.asarray(has_mail, dtype=bool)
    return np.maximum(deadline, np.maximum.accumulate(np.where(mail, deadline, -1)))


def _deadlines(open_ext: np.ndarray, n_arrivals: int, window: int,
               has_mail: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For arrivals 0..n−1: open intervals before arrival (release) and open intervals that end
    by the deadline (due), both as counts of open intervals in ``open_ext``; due ≥ release + 1."""
    cum = np.concatenate([[0], np.cumsum(open_ext)])
    arrivals = np.arange(n_arrivals)
    release = cum[arrivals]
    due = cum[deadline_intervals(open_ext, n_arrivals, window, has_mail) + 1]
    return release, np.maximum(due, release + 1)


def deferred_min_peak_rate(work: np.ndarray, open_mask: np.ndarray, window: int) -> np.ndarray:
    """Minimal-peak work rate (agent-seconds per interval) for one queue's arrivals.

    ``work`` [I] is agent-seconds arriving per interval, ``open_mask`` [I] says where work may be
    done, ``window`` is D from :func:`response_window_intervals`. Closed intervals get 0.
    """
    work = np.asarray(work, dtype=float)
    return _extended_min_peak_rate(work, open_mask, window)[: work.size]


def _extended_min_peak_rate(work: np.ndarray, open_mask: np.ndarray, window: int) -> np.ndarray:
    """The same over the horizon plus ``window`` open intervals after it ([I + D])."""
    work = np.asarray(work, dtype=float)
    open_mask = np.asarray(open_mask, dtype=bool)
    if window < 1:
        raise ValueError("the response window must be at least one interval")
    if open_mask.shape != work.shape:
        raise ValueError("open_mask must have one entry per interval")
    n = work.size
    open_ext = np.concatenate([open_mask, np.ones(window, dtype=bool)])
    rate = np.zeros(open_ext.size)
    if n == 0 or not np.any(work > 0):
        return rate
    open_idx = np.flatnonzero(open_ext)
    m = open_idx.size
    release, due = _deadlines(open_ext, n, window, work > 0)
    upper = np.concatenate([[0.0], np.cumsum(np.bincount(release + 1, work, minlength=m + 1)[1:])])
    lower = np.concatenate([[0.0], np.cumsum(np.bincount(due, work, minlength=m + 1)[1:])])
    upper[-1] = lower[-1] = work.sum()
    cumulative = _taut_string(lower, upper)
    rate[open_idx] = np.maximum(np.diff(cumulative), 0.0)
    return rate


def _taut_string(lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Shortest path from (0, 0) to (m, total) with lower[b] ≤ S[b] ≤ upper[b] at b = 0..m.

    Greedy "longest straight segment" construction: from the current vertex, the segment may
    run to b as long as the steepest lower-barrier slope seen so far does not exceed the
    flattest upper-barrier slope. When the funnel closes, the string bends at the binding
    vertex (a ceiling vertex if a floor point rose above the ceiling line, else a floor vertex).
    Look-ahead grows geometrically, so a segment of length L costs O(L) work.
    """
    m = lower.size - 1
    path = np.empty(m + 1)
    path[0] = 0.0
    tol = 1e-12 * max(1.0, float(upper[-1]))
    b0 = 0
    v0 = 0.0
    while b0 < m:
        span = 64
        while True:
            end = min(m, b0 + span)
            steps = np.arange(1, end - b0 + 1, dtype=float)
            lo_slope = (lower[b0 + 1 : end + 1] - v0) / steps
            hi_slope = (upper[b0 + 1 : end + 1] - v0) / steps
            cmax = np.maximum.accumulate(lo_slope)
            cmin = np.minimum.accumulate(hi_slope)
            bad = np.flatnonzero(cmax > cmin + tol)
            if bad.size or end == m:
                break
            span *= 4
        if not bad.size:
            slope = (upper[m] - v0) / (m - b0)
            path[b0 + 1 :] = v0 + slope * steps
            break
        j = int(bad[0])  # j ≥ 1 because lower ≤ upper at every b
        if lo_slope[j] > cmin[j - 1] + tol:
            q = int(np.flatnonzero(hi_slope[:j] == cmin[j - 1])[-1])
            target = upper[b0 + q + 1]
        else:
            q = int(np.flatnonzero(lo_slope[:j] == cmax[j - 1])[-1])
            target = lower[b0 + q + 1]
        slope = (target - v0) / (q + 1)
        path[b0 + 1 : b0 + q + 2] = v0 + slope * steps[: q + 1]
        b0 += q + 1
        v0 = float(target)
    return path


def deferred_kpis(
    work: np.ndarray,
    capacity: np.ndarray,
    open_mask: np.ndarray,
    window: int,
) -> tuple[np.ndarray, np.ndarray]:
    """On-time fraction per arrival interval and occupancy per interval for one e-mail queue.

    ``capacity`` [I] is agent-seconds available per interval (agents × interval length; agents
    placed in closed intervals also work the backlog). Work is done first-in first-out as a
    fluid. The on-time fraction of interval i is the share of its work finished by its deadline
    (same deadline rule as the requirement); mails whose deadline lies after the horizon are
    counted as on time (the next horizon takes them). Intervals without mail get 1.
    """
    work = np.asarray(work, dtype=float)
    capacity = np.asarray(capacity, dtype=float)
    open_mask = np.asarray(open_mask, dtype=bool)
    n = work.size
    arrived = np.cumsum(work)  # available during interval j (arrivals at interval start)
    cap_cum = np.cumsum(capacity)
    # Work-conserving FIFO: done(j) = C_j + min(0, min_{k≤j}(arrived_k − C_k)).
    done = cap_cum + np.minimum(0.0, np.minimum.accumulate(arrived - cap_cum))
    done_in = np.diff(np.concatenate([[0.0], done]))
    with np.errstate(invalid="ignore", divide="ignore"):
        occupancy = np.where(capacity > 0, done_in / capacity, 0.0)

    # Deadline interval: the requirement's rule (open time after the horizon assumed).
    open_ext = np.concatenate([open_mask, np.ones(window, dtype=bool)])
    deadline = deadline_intervals(open_ext, n, window, work > 0)
    on_time = np.ones(n)
    judged = (work > 0) & (deadline < n)
    if np.any(judged):
        i = np.flatnonzero(judged)
        before = arrived[i] - work[i]
        on_time[i] = np.clip((done[deadline[i]] - before) / work[i], 0.0, 1.0)
    return on_time, np.clip(occupancy, 0.0, 1.0)
