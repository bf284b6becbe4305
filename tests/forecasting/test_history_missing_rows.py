"""A history file in the forecast format leaves out the intervals without contacts: those read
as 0, not interpolated as a forecast's gaps are (history that never happened), and the note
about them is plain text, not a gap report that makes the GUI ask about the new forecast."""

from __future__ import annotations

from datetime import date

import numpy as np

from kcroster.forecasting.history import load_history
from kcroster.forecasting.synthetic import synthetic_history, synthetic_rates, write_long_csv
from kcroster.io.forecast import GapReport


def test_intervals_without_a_row_are_zero_contacts(tmp_path):
    rates = synthetic_rates(date(2026, 1, 5), 20, daily_volume=300.0, country=None)
    original = synthetic_history(rates, 20, seed=5)
    quiet = (original.offered == 0) & (rates.rate > 0)
    assert quiet.sum() > 10  # quiet intervals inside opening hours: the file has no row for them
    path = write_long_csv(original, tmp_path / "historie.csv")
    history = load_history(path, holidays_country=None)
    np.testing.assert_array_equal(history.offered, original.offered)
    assert not any(isinstance(n, GapReport) for n in history.notes)
    assert any("geteld als 0 contacten" in n for n in history.notes)
