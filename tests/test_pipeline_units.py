"""Pipeline helpers that need no solver: horizon restriction, wish verdicts, fairness."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import numpy as np

from kcroster import pipeline
from kcroster.model import (
    Agent,
    Forecast,
    Horizon,
    Project,
    Queue,
    Roster,
    Segment,
    Shift,
    Wish,
    WishKind,
)

TZ = ZoneInfo("Europe/Amsterdam")
D0 = date(2027, 5, 3)


def at(day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), tzinfo=TZ)


def shift(agent: str, day: date, h0: int, h1: int, kind: str | None = None) -> Shift:
    return Shift(agent, day, at(day, h0), at(day, h1), [Segment(at(day, h0), at(day, h1), "Q")], kind)


def make_project() -> Project:
    h = Horizon(D0, 14)
    vol = np.arange(h.n_intervals, dtype=float)[None, :]
    fc = Forecast(h, [Queue("Q")], vol, np.full_like(vol, 180.0))
    p = Project("t", h, [Queue("Q")], fc, agents=[Agent("a", "A"), Agent("b", "B")])
    p.wishes = [
        Wish("a", D0, WishKind.OFF, weight=3),
        Wish("a", date(2027, 5, 4), WishKind.EARLY),
        Wish("b", D0, WishKind.LATE, weight=2),
        Wish("b", date(2027, 5, 12), WishKind.WINDOW, window_start=time(9), window_end=time(10)),
    ]
    return p


def test_restrict_horizon_cuts_arrays_and_wishes_and_leaves_original() -> None:
    p = make_project()
    small = pipeline.restrict_horizon(p, 7, agent_limit=1)
    assert small.horizon.days == 7 and small.forecast.volume.shape == (1, 7 * 96)
    assert np.array_equal(small.forecast.volume[0], p.forecast.volume[0, : 7 * 96])
    assert [a.id for a in small.agents] == ["a"] and len(small.wishes) == 2
    assert p.horizon.days == 14 and len(p.wishes) == 4


def test_wish_verdicts_follow_shift_times() -> None:
    p = make_project()
    roster = Roster([shift("a", date(2027, 5, 4), 7, 15), shift("b", D0, 12, 20),
                     shift("b", date(2027, 5, 12), 10, 18)])
    verdicts = [pipeline.wish_granted(p, roster, w) for w in p.wishes]
    # a is off on D0 (granted), starts 07:00 < 09:00 (early: granted), b ends 20:00 > 18:00
    # (late: granted), b starts 10:00 inside 09:00–10:00 (window: granted, inclusive)
    assert verdicts == [True, True, True, True]
    roster2 = Roster([shift("a", D0, 8, 16), shift("a", date(2027, 5, 4), 10, 18), shift("b", D0, 8, 16)])
    assert [pipeline.wish_granted(p, roster2, w) for w in p.wishes] == [False, False, False, False]
    assert pipeline.wish_score(p, roster) == (4, 4)
    assert pipeline.fairness(p, roster) == 1.0
    assert pipeline.fairness(p, roster2) == 0.0


def test_fairness_is_worst_agents_granted_weight_share() -> None:
    p = make_project()
    # a: off granted (3 of 4 weight); b: nothing granted (0 of 3)
    roster = Roster([shift("a", date(2027, 5, 4), 10, 18), shift("b", D0, 8, 16)])
    assert pipeline.fairness(p, roster) == 0.0
    roster.shifts.append(shift("b", date(2027, 5, 12), 9, 17))
    assert abs(pipeline.fairness(p, roster) - 1 / 3) < 1e-12
