"""The forecast on a history with known rates: WAPE near the Poisson noise floor, honest band.

The history is one year of Poisson arrivals around a known weekday × intraday profile with a
trend and public holidays at 30 % of a normal day; the forecast covers five weeks with two
public holidays (Tweede Paasdag, Koningsdag) whose effect must be learned from last year's.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from kcroster.forecasting.engine import ForecastRequest, make_forecast
from kcroster.forecasting.history import check_history
from kcroster.forecasting.synthetic import noise_floor_wape, synthetic_history, synthetic_rates

START = date(2025, 3, 31)
HISTORY_DAYS = 364
WEEKS = 5


@pytest.fixture(scope="module")
def case():
    rates = synthetic_rates(
        START, HISTORY_DAYS + 7 * WEEKS, holiday_factor=0.3, trend_per_year=0.15
    )
    history = check_history(synthetic_history(rates, HISTORY_DAYS, seed=11), set(rates.holidays))
    result = make_forecast(
        history, ForecastRequest(start=START + timedelta(days=HISTORY_DAYS), weeks=WEEKS)
    )
    lam = rates.rate[:, HISTORY_DAYS:]
    actual = np.random.default_rng(12).poisson(lam).astype(float)
    return rates, result, lam, actual


def test_forecast_window_has_holidays(case):
    rates, result, _, _ = case
    assert {d for d in rates.holidays if d >= result.start} >= {date(2026, 4, 6), date(2026, 4, 27)}


def test_interval_wape_within_15_percent_of_noise_floor(case):
    _, result, lam, actual = case
    floor = noise_floor_wape(lam)
    wape = float(np.abs(actual - result.volume).sum() / actual.sum())
    assert wape <= 1.15 * floor, (wape, floor, result.method)


def test_holiday_volume_learned(case):
    _, result, lam, _ = case
    day = (date(2026, 4, 27) - result.start).days
    assert result.volume[0, day].sum() == pytest.approx(lam[0, day].sum(), rel=0.2)


def test_p10_p90_band_covers_75_to_85_percent(case):
    _, result, lam, actual = case
    cells = lam > 0
    inside = (actual >= np.floor(result.p10)) & (actual <= result.p90)
    coverage = float(inside[cells].mean())
    assert 0.75 <= coverage <= 0.85, coverage


def test_closed_cells_are_not_open(case):
    _, result, lam, _ = case
    assert not result.open[lam == 0].any()
    assert result.open[lam > 0.5].all()


def test_noise_floor_matches_simulation():
    lam = np.array([0.3, 2.0, 7.5, 40.0])
    x = np.random.default_rng(3).poisson(lam, size=(200_000, 4))
    simulated = np.abs(x - lam).mean(axis=0).sum() / lam.sum()
    assert noise_floor_wape(lam) == pytest.approx(simulated, rel=0.01)
