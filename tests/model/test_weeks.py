"""ISO week labels (issue 24 item 15): the numbers are Python's ``date.isocalendar()`` weeks, the
dates in the label are the days the week holds, and New Year's weeks read unambiguously."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kcroster.model.weeks import iso_weeks, week_label


def _days(start: date, n: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(n)]


def test_every_day_of_three_years_is_labelled_with_its_isocalendar_week() -> None:
    for d in _days(date(2025, 12, 1), 3 * 366):
        assert week_label(d).startswith(f"wk {d.isocalendar()[1]} (")


def test_label_carries_the_dates() -> None:
    assert week_label(date(2027, 5, 10), date(2027, 5, 16)) == "wk 19 (10–16 mei)"
    assert week_label(date(2027, 5, 31), date(2027, 6, 6)) == "wk 22 (31 mei–6 jun)"
    assert week_label(date(2027, 5, 12)) == "wk 19 (12 mei)"
    assert week_label(date(2027, 5, 31), date(2027, 6, 6), "en") == "wk 22 (31 May–6 Jun)"


def test_week_53_and_week_1_across_new_year() -> None:
    # 2026 starts on a Thursday: it has 53 ISO weeks, the last one ends on 3 January 2027
    assert date(2026, 12, 28).isocalendar()[:2] == (2026, 53)
    assert week_label(date(2026, 12, 28), date(2027, 1, 3)) == "wk 53 (28 dec 2026–3 jan 2027)"
    assert week_label(date(2027, 1, 4), date(2027, 1, 10)) == "wk 1 (4–10 jan)"
    # 30 December 2024 is already in week 1 of 2025
    assert week_label(date(2024, 12, 30), date(2025, 1, 5)) == "wk 1 (30 dec 2024–5 jan 2025)"


def test_iso_weeks_groups_a_horizon_across_the_year_end() -> None:
    days = _days(date(2026, 12, 24), 21)  # Thursday 24 Dec 2026 … Wednesday 13 Jan 2027
    weeks = iso_weeks(days)
    assert [(w.year, w.week) for w in weeks] == [(2026, 52), (2026, 53), (2027, 1), (2027, 2)]
    for w in weeks:
        assert all(d.isocalendar()[:2] == (w.year, w.week) for d in w.days)
    assert sum(len(w.days) for w in weeks) == len(days)
    assert [w.label() for w in weeks] == [
        "wk 52 (24–27 dec)",
        "wk 53 (28 dec 2026–3 jan 2027)",
        "wk 1 (4–10 jan)",
        "wk 2 (11–13 jan)",
    ]


def test_a_range_over_two_weeks_is_refused() -> None:
    with pytest.raises(ValueError):
        week_label(date(2027, 5, 16), date(2027, 5, 17))
    with pytest.raises(ValueError):
        week_label(date(2027, 5, 16), date(2027, 5, 10))
