"""kcroster.model.timegrid: DST day lengths, labels, index look-ups, weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from kcroster.model import Horizon, KcrosterInputError
from kcroster.model.timegrid import local_time_exists, parse_hhmm, parse_time_window

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("day", "minutes", "expected"),
    [
        (date(2026, 3, 29), 15, 92),  # spring: 23 hours
        (date(2026, 10, 25), 15, 100),  # autumn: 25 hours
        (date(2026, 6, 1), 15, 96),
        (date(2026, 3, 29), 30, 46),
        (date(2026, 10, 25), 60, 25),
        (date(2027, 3, 28), 15, 92),  # last Sunday of March 2027
    ],
)
def test_intervals_per_day_follow_dst(day: date, minutes: int, expected: int) -> None:
    assert Horizon(start=day, days=1, interval_minutes=minutes).n_intervals == expected


def test_intervals_are_absolute_and_contiguous_across_dst() -> None:
    h = Horizon(start=date(2026, 3, 28), days=2 + 210, interval_minutes=15)
    steps = np.diff(h.starts_utc)
    assert (steps == 900).all()
    # Start of the horizon is local midnight: 23:00 UTC in winter.
    assert datetime.fromtimestamp(int(h.starts_utc[0]), UTC) == datetime(2026, 3, 27, 23, 0, tzinfo=UTC)
    assert list(h.day_offsets[:4]) == [0, 96, 96 + 92, 96 + 92 + 96]


def test_labels_on_dst_days() -> None:
    spring = Horizon(start=date(2026, 3, 29), days=1)
    assert [spring.label(k) for k in (7, 8)] == ["01:45", "03:00"]
    autumn = Horizon(start=date(2026, 10, 25), days=1)
    labels = [autumn.label(k) for k in range(autumn.n_intervals)]
    assert labels[8:16] == ["02:00", "02:15", "02:30", "02:45", "02:00", "02:15", "02:30", "02:45"]
    assert labels[-1] == "23:45" and labels.count("02:00") == 2
    # The two 02:00 intervals are an hour apart in absolute time.
    assert autumn.interval_start(12) - autumn.interval_start(8) == timedelta(hours=0)  # same wall clock
    assert int(autumn.starts_utc[12] - autumn.starts_utc[8]) == 3600


def test_index_at_with_fold_and_errors() -> None:
    h = Horizon(start=date(2026, 10, 24), days=3)
    assert h.index_at(date(2026, 10, 24), time(0)) == 0
    assert h.index_at(date(2026, 10, 25), time(2, 0), fold=0) == 96 + 8
    assert h.index_at(date(2026, 10, 25), time(2, 0), fold=1) == 96 + 12
    assert h.index_at(date(2026, 10, 25), time(3, 0)) == 96 + 16
    with pytest.raises(KcrosterInputError, match="raster"):
        h.index_at(date(2026, 10, 24), time(8, 5))
    with pytest.raises(KcrosterInputError, match="buiten de planningshorizon"):
        h.index_at(date(2026, 10, 27), time(8, 0))
    spring = Horizon(start=date(2026, 3, 29), days=1)
    with pytest.raises(KcrosterInputError, match="bestaat niet"):
        spring.index_at(date(2026, 3, 29), time(2, 30))
    assert spring.index_at(date(2026, 3, 29), time(3, 0)) == 8
    with pytest.raises(ValueError):
        h.index_of_instant(datetime(2026, 10, 24, 8, 0))  # naive


def test_index_of_instant_matches_utc() -> None:
    h = Horizon(start=date(2026, 10, 25), days=1)
    winter_0215 = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)  # 02:15 CET (+01:00)
    assert h.index_of_instant(winter_0215) == 13
    assert h.index_of_instant(datetime(2026, 10, 25, 0, 15, tzinfo=UTC)) == 9  # 02:15 CEST


def test_local_time_exists() -> None:
    assert not local_time_exists(date(2026, 3, 29), time(2, 30), AMS)
    assert local_time_exists(date(2026, 3, 29), time(3, 0), AMS)
    assert local_time_exists(date(2026, 10, 25), time(2, 30), AMS)


def test_week_index_and_derived_arrays() -> None:
    h = Horizon(start=date(2026, 6, 3), days=14)  # a Wednesday
    assert h.week_index(date(2026, 6, 3)) == 0
    assert h.week_index(date(2026, 6, 7)) == 0  # Sunday, same week
    assert h.week_index(date(2026, 6, 8)) == 1  # Monday
    sunday_weeks = Horizon(start=date(2026, 6, 3), days=14, week_start=6)
    assert sunday_weeks.week_index(date(2026, 6, 6)) == 0
    assert sunday_weeks.week_index(date(2026, 6, 7)) == 1
    assert h.weekday_of_interval[0] == 2 and h.weekday_of_interval[-1] == 1
    assert h.day_of_interval[96] == 1 and h.local_minute_of_day[97] == 15
    assert h.end == date(2026, 6, 17) and len(h.dates) == 14
    assert h.day_slice(1) == slice(96, 192)
    with pytest.raises(KcrosterInputError):
        h.day_index(date(2026, 6, 17))


def test_invalid_horizons() -> None:
    with pytest.raises(KcrosterInputError, match="intervallengte"):
        Horizon(start=date(2026, 6, 1), days=1, interval_minutes=20)
    with pytest.raises(KcrosterInputError):
        Horizon(start=date(2026, 6, 1), days=0)


def test_parse_hhmm_and_windows() -> None:
    assert parse_hhmm("8:00") == time(8, 0)
    assert parse_hhmm("0830") == time(8, 30)
    assert parse_hhmm("24:00") == time(23, 59, 59, 999999)
    assert parse_time_window("09:00 – 15:00") == (time(9), time(15))
    for bad in ("25:00", "8", "ab:cd"):
        with pytest.raises(ValueError):
            parse_hhmm(bad)
