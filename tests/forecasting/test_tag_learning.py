"""A planner's tag learns its effect from the tagged days of the past: a mailing that doubled
the volume of six past Tuesdays makes a tagged future Tuesday about twice an ordinary one."""

from __future__ import annotations

from datetime import date, timedelta

from kcroster.forecasting.engine import ForecastRequest, make_forecast
from kcroster.forecasting.synthetic import synthetic_history, synthetic_rates

START = date(2025, 9, 1)  # a Monday; no public holidays in the weeks used below
DAYS = 26 * 7
LIFT = 2.0


def test_a_tag_forecasts_what_its_past_days_did() -> None:
    rates = synthetic_rates(START, DAYS + 14, trend_per_year=0.0, country=None)
    mailings = [START + timedelta(days=7 * w + 1) for w in range(2, 26, 4)]  # six Tuesdays
    for day in mailings:
        rates.rate[:, (day - START).days] *= LIFT
    history = synthetic_history(rates, DAYS, seed=3)
    first = START + timedelta(days=DAYS)  # a Monday
    tagged, plain = first + timedelta(days=1), first + timedelta(days=8)  # two Tuesdays
    tags = {d: "mailing" for d in [*mailings, tagged]}
    result = make_forecast(history, ForecastRequest(start=first, weeks=2, method="daymodel",
                                                    special_days=tags, holidays_country=None))
    total = result.volume.sum(axis=(0, 2))
    lifted = total[(tagged - first).days] / total[(plain - first).days]
    assert 0.85 * LIFT <= lifted <= 1.15 * LIFT
    # without the tag the same Tuesday is an ordinary one
    untagged = make_forecast(history, ForecastRequest(start=first, weeks=2, method="daymodel",
                                                      special_days={d: "mailing" for d in mailings},
                                                      holidays_country=None))
    again = untagged.volume.sum(axis=(0, 2))
    assert abs(again[(tagged - first).days] / again[(plain - first).days] - 1.0) < 0.1
