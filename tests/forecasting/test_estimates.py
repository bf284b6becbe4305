"""AHT and patience estimates."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from kcroster.forecasting.estimates import aht_table, patience
from kcroster.forecasting.history import History

START = date(2026, 1, 5)


def _history(offered, handled, handle_sum, abandons=None, exposure=None) -> History:
    return History(
        queues=[f"Q{i}" for i in range(np.shape(offered)[0])],
        start=START,
        interval_minutes=360,
        offered=offered,
        handled=handled,
        handle_sum=handle_sum,
        abandons=abandons,
        exposure=exposure,
    )


def _simulate(theta: float, n: int, seed: int) -> tuple[float, float, float]:
    """Callers with exponential patience ``theta`` and an offered wait (what the queue would
    have made them wait); those whose patience runs out first hang up, the others are answered
    (right-censored). Returns abandons, Σ waits of everyone, Σ waits of the abandoned."""
    rng = np.random.default_rng(seed)
    offered_wait = rng.exponential(60.0, n) * (rng.random(n) < 0.7)  # 30 % answered at once
    pat = rng.exponential(theta, n)
    abandoned = pat < offered_wait
    waited = np.where(abandoned, pat, offered_wait)
    return float(abandoned.sum()), float(waited.sum()), float(waited[abandoned].sum())


def test_patience_mle_recovers_known_exponential_patience():
    theta = 180.0
    k, exposure, _ = _simulate(theta, 40_000, seed=1)
    zeros = np.zeros((1, 1, 4))
    est = patience(_history(zeros, zeros, zeros, np.array([k]), np.array([exposure])))[0]
    assert est.seconds == pytest.approx(theta, rel=0.05)
    assert est.low < theta < est.high
    assert est.abandons == int(k)


def test_mean_wait_of_the_abandoned_alone_would_be_far_off():
    # the reason for the censored estimator: the naive one is biased well below θ
    k, _, abandoned_wait = _simulate(180.0, 40_000, seed=2)
    assert abandoned_wait / k < 0.5 * 180.0


def test_patience_unknown_without_abandons():
    zeros = np.zeros((1, 1, 4))
    est = patience(_history(zeros, zeros, zeros, np.array([0.0]), np.array([500.0])))[0]
    assert est.seconds is None and "onbekend" in est.text()


def test_aht_busy_cell_keeps_its_own_mean_and_empty_cell_borrows():
    days = 14
    handled = np.zeros((1, days, 4))
    handled[0, :, 1] = 500.0  # busy slot, AHT 300
    handled[0, :, 2] = 500.0  # busy slot, AHT 200
    handle_sum = handled * 0.0
    handle_sum[0, :, 1] = 500.0 * 300.0
    handle_sum[0, :, 2] = 500.0 * 200.0
    table = aht_table(_history(handled, handled, handle_sum))
    assert table.shape == (1, 7, 4)
    assert table[0, 0, 1] == pytest.approx(300.0, rel=0.01)
    assert table[0, 0, 2] == pytest.approx(200.0, rel=0.01)
    # slot 3 has no calls: its neighbour (slot 2) and the queue's AHT shape it
    assert 200.0 <= table[0, 0, 3] <= 250.0


def test_aht_constant_everywhere_is_that_constant():
    rng = np.random.default_rng(4)
    handled = rng.integers(0, 20, size=(2, 21, 4)).astype(float)
    table = aht_table(_history(handled, handled, handled * 240.0))
    assert np.allclose(table, 240.0)


def test_aht_queue_without_handle_time_takes_default():
    zeros = np.zeros((1, 7, 4))
    assert np.isnan(aht_table(_history(zeros, zeros, zeros))).all()
    assert np.allclose(aht_table(_history(zeros, zeros, zeros), default=180.0), 180.0)
