"""The planners' baselines against values computed by hand."""

from __future__ import annotations

from datetime import date

import numpy as np

from kcroster.forecasting.calendar import SpecialDays
from kcroster.forecasting.history import History
from kcroster.forecasting.methods import METHODS

START = date(2026, 1, 5)  # a Monday


def _history(days: int = 35, missing: list[int] | None = None) -> History:
    """One queue, 4 slots of 6 hours; day d, slot s holds 10·d + s."""
    offered = np.array([[[10.0 * d + s for s in range(4)] for d in range(days)]])
    m = np.zeros((1, days), dtype=bool)
    for d in missing or []:
        m[0, d] = True
        offered[0, d] = 0.0
    return History(
        queues=["A"],
        start=START,
        interval_minutes=360,
        offered=offered,
        handle_sum=offered * 100,
        handled=offered.copy(),
        missing=m,
    )


def _run(name: str, history: History, first_day: int, n_days: int) -> np.ndarray:
    special = SpecialDays(START, date(2026, 12, 31), country=None)
    return METHODS[name].run(history, special, first_day, n_days).volume


def test_last_week_is_the_same_slot_seven_days_before():
    h = _history()
    out = _run("last_week", h, 35, 7)
    # day 35 (Monday) ← day 28: 280 + s; day 41 (Sunday) ← day 34
    assert out[0, 0].tolist() == [280.0, 281.0, 282.0, 283.0]
    assert out[0, 6].tolist() == [340.0, 341.0, 342.0, 343.0]


def test_last_week_skips_a_missing_day():
    h = _history(missing=[28])
    out = _run("last_week", h, 35, 1)
    assert out[0, 0].tolist() == [210.0, 211.0, 212.0, 213.0]


def test_mean_of_four_same_weekdays():
    h = _history()
    out = _run("mean4", h, 35, 2)
    # Mondays 28, 21, 14, 7: mean 17.5 → 175 + s; Tuesdays 29, 22, 15, 8 → 185 + s
    assert out[0, 0].tolist() == [175.0, 176.0, 177.0, 178.0]
    assert out[0, 1].tolist() == [185.0, 186.0, 187.0, 188.0]


def test_mean_of_four_skips_missing_and_beyond_history():
    h = _history(missing=[21])
    out = _run("mean4", h, 42, 1)  # a week after the history ends: still the last Mondays
    # Mondays 28, 14, 7, 0 (21 missing): mean 12.25 → 122.5 + s
    assert out[0, 0].tolist() == [122.5, 123.5, 124.5, 125.5]
