"""E-mail as deferred work: feasibility by EDF simulation, minimality against brute force and a
naive Yao–Demers–Shenker oracle, the FIFO prediction, and the channel wiring."""

from __future__ import annotations

import random

import numpy as np
import pytest

from kcroster.staffing import QueueTargets, compute_requirement, predict
from kcroster.staffing.channels import (
    _extended_min_peak_rate,
    deferred_kpis,
    deferred_min_peak_rate,
    response_window_intervals,
)


def _jobs(work, open_ext, window):
    """(release interval, deadline interval, work) per arrival, from the documented rule."""
    jobs = []
    latest = -1
    for i, w in enumerate(work):
        last = min(i + window - 1, len(open_ext) - 1)
        if not open_ext[last]:  # deadline in closed time: end of the next open stretch
            opened = [j for j in range(last, len(open_ext)) if open_ext[j]]
            if opened:
                last = opened[0]
                while last + 1 < len(open_ext) and open_ext[last + 1]:
                    last += 1
        if w > 0:
            latest = last = max(last, latest)  # never due before earlier mail
            jobs.append((i, last, float(w)))
    return jobs


def _edf_misses(jobs, capacity):
    """Fluid earliest-deadline-first; returns work left over after its deadline."""
    remaining = [w for _, _, w in jobs]
    missed = 0.0
    for j, cap in enumerate(capacity):
        ready = sorted((d, k) for k, (r, d, _) in enumerate(jobs) if r <= j and remaining[k] > 0)
        for _, k in ready:
            take = min(cap, remaining[k])
            remaining[k] -= take
            cap -= take
        for k, (_, d, _) in enumerate(jobs):
            if d == j and remaining[k] > 1e-9:
                missed += remaining[k]
    return missed


def _max_density(jobs, open_ext):
    best = 0.0
    n = len(open_ext)
    for s in range(n):
        for e in range(s, n):
            slots = sum(open_ext[s : e + 1])
            load = sum(w for r, d, w in jobs if r >= s and d <= e)
            if load > 0:
                best = max(best, load / slots)
    return best


def _yds(jobs, open_ext):
    """Naive YDS on the open slots: repeatedly take the densest interval, fix its speed, collapse."""
    slots = [j for j, o in enumerate(open_ext) if o]
    # job window in slot coordinates [start, end): first open slot ≥ release, slots ≤ deadline
    live = []
    for r, d, w in jobs:
        start = next(p for p, j in enumerate(slots) if j >= r)
        end = max(p for p, j in enumerate(slots) if j <= d) + 1
        live.append([start, end, w])
    speed = np.zeros(len(open_ext))
    remaining = list(slots)
    while live:
        best = None
        for s in range(len(remaining)):
            for e in range(s + 1, len(remaining) + 1):
                load = sum(w for a, b, w in live if a >= s and b <= e)
                if load > 0 and (best is None or load / (e - s) > best[0] + 1e-12):
                    best = (load / (e - s), s, e)
        density, s, e = best
        for p in range(s, e):
            speed[remaining[p]] = density
        live = [job for job in live if not (job[0] >= s and job[1] <= e)]
        for job in live:
            job[0] = job[0] if job[0] <= s else max(s, job[0] - (e - s))
            job[1] = job[1] if job[1] <= s else max(s, job[1] - (e - s))
        remaining = remaining[:s] + remaining[e:]
    return speed


def _random_case(rng: random.Random):
    n = rng.randint(1, 12)
    window = rng.randint(1, 5)
    open_mask = np.array([rng.random() < 0.6 for _ in range(n)])
    work = np.array([rng.choice([0, 0, 1, 2, 3, 5, 8, 13]) * 60.0 for _ in range(n)])
    return work, open_mask, window


def test_minimal_peak_rate_is_feasible_minimal_and_equals_yds():
    rng = random.Random(31)
    for _ in range(150):
        work, open_mask, window = _random_case(rng)
        rate = _extended_min_peak_rate(work, open_mask, window)
        open_ext = np.concatenate([open_mask, np.ones(window, dtype=bool)])
        jobs = _jobs(work, open_ext, window)
        assert np.all(rate[~open_ext] == 0)
        assert rate.sum() == pytest.approx(work.sum(), abs=1e-9)  # never idles, never short
        assert _edf_misses(jobs, rate) == pytest.approx(0.0, abs=1e-7)
        if jobs:
            assert rate.max() == pytest.approx(_max_density(jobs, open_ext), rel=1e-12)
            np.testing.assert_allclose(rate, _yds(jobs, open_ext), rtol=1e-10, atol=1e-9)
        public = deferred_min_peak_rate(work, open_mask, window)
        np.testing.assert_array_equal(public, rate[: work.size])


def test_less_than_the_minimal_peak_is_infeasible():
    rng = random.Random(5)
    checked = 0
    for _ in range(80):
        work, open_mask, window = _random_case(rng)
        rate = _extended_min_peak_rate(work, open_mask, window)
        open_ext = np.concatenate([open_mask, np.ones(window, dtype=bool)])
        jobs = _jobs(work, open_ext, window)
        if not jobs:
            continue
        capped = np.where(open_ext, np.minimum(rate, rate.max() * (1 - 1e-3)), 0.0)
        flat = np.where(open_ext, rate.max() * (1 - 1e-3), 0.0)
        assert _edf_misses(jobs, capped) > 0
        assert _edf_misses(jobs, flat) > 0  # no plan with a lower peak exists
        checked += 1
    assert checked > 40


def test_workload_is_spread_not_piled_up():
    # 96 mails at 09:00 with a 4-hour target on a 15-minute grid, open 08:00–18:00:
    # the minimal-peak plan spreads them evenly over the 16 quarters 09:00–13:00.
    work = np.zeros(96)
    work[36] = 96 * 300.0
    open_mask = np.zeros(96, dtype=bool)
    open_mask[32:72] = True
    rate = deferred_min_peak_rate(work, open_mask, response_window_intervals(4, 900))
    assert np.count_nonzero(rate) == 16
    np.testing.assert_allclose(rate[36:52], 96 * 300.0 / 16)


def test_deadline_in_closed_time_moves_to_the_end_of_the_next_open_stretch():
    work = np.array([600.0, 0, 0, 0, 0, 0])
    open_mask = np.array([False, False, False, True, True, False])
    rate = deferred_min_peak_rate(work, open_mask, window=2)
    assert rate.tolist() == [0, 0, 0, 300.0, 300.0, 0]


def test_mail_piled_up_over_a_closed_day_is_spread_over_the_next_open_day():
    # open 08:00–18:00 on day 0 and day 2, day 1 closed (public holiday); 24 h target.
    open_mask = np.zeros(3 * 96, dtype=bool)
    open_mask[32:72] = True
    open_mask[2 * 96 + 32 : 2 * 96 + 72] = True
    work = np.where(open_mask[:96], 300.0, 0.0)  # day 0's mail is due during the closed day 1
    work = np.concatenate([work, np.zeros(2 * 96)])
    rate = deferred_min_peak_rate(work, open_mask, response_window_intervals(24, 900))
    assert rate[2 * 96 + 32] < work.sum() / 4  # no pile in the first quarter of day 2
    assert np.all(rate[2 * 96 + 32 : 2 * 96 + 72] <= 300.0 + 1e-6)  # spread: at most the arrival rate
    assert rate.sum() == pytest.approx(work.sum())


def test_response_window():
    assert response_window_intervals(24, 900) == 96
    assert response_window_intervals(0.1, 900) == 1
    assert response_window_intervals(1.0, 1800) == 2


def test_fifo_prediction_by_hand():
    # 10 agent-minutes arrive in interval 0 and 20 in interval 1, 2-interval target,
    # 5 agent-minutes of capacity per interval: FIFO finishes interval 0's mail in 0–1 (on
    # time) and has done 5 of interval 1's 20 minutes by the end of interval 2 (its deadline).
    work = np.array([10.0, 20.0, 0.0, 0.0, 0.0, 0.0, 0.0]) * 60
    capacity = np.full(7, 5.0 * 60)
    on_time, occupancy = deferred_kpis(work, capacity, np.ones(7, dtype=bool), window=2)
    assert on_time.tolist() == [1.0, 0.25, 1.0, 1.0, 1.0, 1.0, 1.0]
    assert occupancy.tolist() == [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0]
    on_time, occupancy = deferred_kpis(work, np.full(7, 15.0 * 60), np.ones(7, dtype=bool), 2)
    assert on_time.tolist() == [1.0] * 7
    np.testing.assert_allclose(occupancy, [10 / 15, 1.0, 5 / 15, 0, 0, 0, 0])


def test_requirement_for_email_meets_every_deadline():
    rng = np.random.default_rng(3)
    n = 96 * 3
    open_mask = np.zeros((1, n), dtype=bool)
    for day in range(3):
        open_mask[0, day * 96 + 32 : day * 96 + 72] = True
    volume = rng.poisson(6.0, (1, n)).astype(float)
    targets = [QueueTargets(channel="email", response_hours=8, max_occupancy=None)]
    req = compute_requirement(volume, np.full((1, n), 420.0), 900, targets, open_mask)
    assert np.all(req.agents[~open_mask] == 0)
    assert np.all(req.agents >= np.ceil(req.agents_fractional - 1e-9))
    pred = predict(volume, np.full((1, n), 420.0), 900, targets, req.agents, open_mask)
    assert np.all(pred.service_level == 1.0)
    assert np.all((pred.occupancy >= 0) & (pred.occupancy <= 1))
    assert np.isnan(pred.asa).all() and np.isnan(pred.abandon).all()
    # Fewer agents in the busiest interval makes some mail late.
    fewer = req.agents.copy()
    fewer[0, 32:72] = np.maximum(fewer[0, 32:72] - 2, 0)
    short = predict(volume, np.full((1, n), 420.0), 900, targets, fewer, open_mask)
    assert short.service_level.min() < 1.0
