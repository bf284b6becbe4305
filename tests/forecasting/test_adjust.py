"""The planner's per-day percentages and tags: undo/redo, refusals, and what they do to a
forecast (Qt-free; the dialog's buttons only call these)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from kcroster.forecasting.adjust import ForecastAdjustments, adjusted
from kcroster.forecasting.engine import ForecastRequest, make_forecast
from kcroster.forecasting.synthetic import synthetic_history, synthetic_rates

START = date(2026, 1, 5)


def test_changes_undo_and_redo_in_order():
    a = ForecastAdjustments()
    d1, d2 = START, START + timedelta(days=1)
    assert a.set_percent(d1, 10) and a.set_tag(d2, " mailing ") and a.set_percent(d1, -5)
    assert a.percent == {d1: -5.0} and a.tags == {d2: "mailing"}
    assert not a.set_percent(d1, -5)  # no change, nothing to undo twice for
    assert a.undo() == "percent" and a.percent == {d1: 10.0}
    assert a.undo() == "tag" and a.tags == {}
    assert a.redo() == "tag" and a.tags == {d2: "mailing"}
    a.set_tag(d2, "")  # a new change drops what could be redone
    assert a.tags == {} and not a.can_redo
    assert [a.undo(), a.undo(), a.undo(), a.undo()] == ["tag", "tag", "percent", None]
    assert a.percent == {} and a.tags == {}
    with pytest.raises(ValueError, match="tussen"):
        a.set_percent(d1, 900)


def test_adjusted_scales_only_the_adjusted_day():
    rates = synthetic_rates(START, 63, daily_volume=400.0, country=None)
    history = synthetic_history(rates, 56, seed=2)
    result = make_forecast(
        history, ForecastRequest(start=history.end, weeks=1, holidays_country=None)
    )
    a = ForecastAdjustments()
    assert adjusted(result, a) is result
    day = result.dates[1]
    a.set_percent(day, 25)
    out = adjusted(result, a)
    for name in ("volume", "planned", "p10", "p90"):
        before, after = getattr(result, name), getattr(out, name)
        np.testing.assert_allclose(after[:, 1], 1.25 * before[:, 1])
        np.testing.assert_array_equal(np.delete(after, 1, axis=1), np.delete(before, 1, axis=1))
    assert result.volume[:, 1].sum() > 0 and out.method == result.method
