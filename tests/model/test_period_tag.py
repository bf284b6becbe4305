"""The period in export file names (issue 24 item 12): ``rooster_2027-W19-W20.xlsx``.

Expected tags are built here from ``date.isocalendar()`` of the first and last day, the rule a
planner checks against a calendar, not from kcroster's own week grouping.
"""

from __future__ import annotations

from datetime import date, timedelta

from kcroster.model.timegrid import Horizon
from kcroster.model.weeks import period_tag


def _expected(first: date, last: date) -> str:
    (y1, w1, _), (y2, w2, _) = first.isocalendar(), last.isocalendar()
    if (y1, w1) == (y2, w2):
        return f"{y1}-W{w1:02d}"
    if y1 == y2:
        return f"{y1}-W{w1:02d}-W{w2:02d}"
    return f"{y1}-W{w1:02d}-{y2}-W{w2:02d}"


def test_two_weeks_in_may_2027() -> None:
    h = Horizon(start=date(2027, 5, 10), days=14)
    assert period_tag(h.dates) == "2027-W19-W20"


def test_one_week_and_a_part_week() -> None:
    assert period_tag(Horizon(start=date(2027, 5, 10), days=7).dates) == "2027-W19"
    # Wednesday to the next Tuesday touches two weeks
    assert period_tag(Horizon(start=date(2027, 5, 12), days=7).dates) == "2027-W19-W20"


def test_year_end_horizon_names_both_iso_years() -> None:
    # 28 Dec 2026 is in ISO week 53 of 2026; 4 Jan 2027 starts week 1 of 2027
    h = Horizon(start=date(2026, 12, 28), days=14)
    assert period_tag(h.dates) == "2026-W53-2027-W01"
    # 1 Jan 2027 is still week 53 of ISO year 2026 although the calendar year is 2027
    assert period_tag([date(2027, 1, 1), date(2027, 1, 3)]) == "2026-W53"


def test_every_start_and_length_over_two_years_matches_isocalendar() -> None:
    start = date(2026, 11, 2)
    for offset in range(0, 730, 3):
        for days in (1, 7, 14, 29):
            first = start + timedelta(days=offset)
            dates = [first + timedelta(days=i) for i in range(days)]
            assert period_tag(dates) == _expected(dates[0], dates[-1])


def test_no_dates_no_tag() -> None:
    assert period_tag([]) == ""
