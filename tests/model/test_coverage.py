"""scheduled_matrix against hand-counted coverage, including a DST day and partial intervals."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import numpy as np

from kcroster.model import BREAK, Horizon, Roster, Segment, Shift
from kcroster.model.coverage import scheduled_matrix

TZ = ZoneInfo("Europe/Amsterdam")


def at(day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), tzinfo=TZ)


def test_counts_queue_segments_not_breaks() -> None:
    d = date(2027, 5, 3)
    h = Horizon(d, 1, 30)
    s = Shift("a", d, at(d, 8), at(d, 10), [
        Segment(at(d, 8), at(d, 9), "Chat"), Segment(at(d, 9), at(d, 9, 30), BREAK),
        Segment(at(d, 9, 30), at(d, 10), "Telefonie")])
    m = scheduled_matrix(Roster([s]), h, ["Telefonie", "Chat"])
    expect = np.zeros((2, 48))
    expect[1, 16:18] = 1  # 08:00-09:00 chat
    expect[0, 19] = 1  # 09:30-10:00 phone
    assert np.array_equal(m, expect)


def test_partial_interval_and_productivity() -> None:
    d = date(2027, 5, 3)
    h = Horizon(d, 1, 30)
    s = Shift("a", d, at(d, 8, 15), at(d, 9), [Segment(at(d, 8, 15), at(d, 9), "Telefonie")])
    m = scheduled_matrix(Roster([s]), h, ["Telefonie"], productivity=lambda a, day: 0.5)
    assert m[0, 16] == 0.25 and m[0, 17] == 0.5 and m.sum() == 0.75


def test_spring_dst_day_uses_absolute_intervals() -> None:
    d = date(2026, 3, 29)
    h = Horizon(d, 1, 15)
    s = Shift("a", d, at(d, 1), at(d, 4), [Segment(at(d, 1), at(d, 4), "Q")])
    m = scheduled_matrix(Roster([s]), h, ["Q"])
    assert h.n_intervals == 92
    assert m.sum() == 8  # 01:00-04:00 local is two absolute hours on this day
