"""pipeline.coverage against the published Erlang C case of docs/design.md §9 (independent values)."""

from __future__ import annotations

import warnings
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from kcroster import pipeline
from kcroster.model import Channel, Forecast, Horizon, Project, Queue, Roster, Segment, Shift

TZ = ZoneInfo("Europe/Amsterdam")
D0 = date(2027, 5, 3)


def make_project(shrinkage: float) -> Project:
    h = Horizon(D0, 1, 30)
    queues = [Queue("Telefonie", shrinkage=shrinkage, max_occupancy=None),
              Queue("E-mail", Channel.EMAIL, shrinkage=shrinkage, max_occupancy=None)]
    vol = np.zeros((2, h.n_intervals))
    k = h.index_at(D0, time(10, 0))
    vol[0, k] = 100.0  # 100 calls in 30 min, AHT 180 s: the docs/design.md §9 case
    vol[1, k] = 5.0
    fc = Forecast(h, queues, vol, np.full_like(vol, 180.0), open_mask=vol > 0)
    return Project("t", h, queues, fc)


def roster_with(n: int, day: date = D0) -> Roster:
    start = datetime.combine(day, time(10, 0), tzinfo=TZ)
    end = datetime.combine(day, time(10, 30), tzinfo=TZ)
    return Roster([Shift(f"a{i}", day, start, end, [Segment(start, end, "Telefonie")]) for i in range(n)])


def test_fourteen_productive_agents_give_the_published_service_level() -> None:
    p = make_project(shrinkage=0.0)
    req = pipeline.compute_requirement(p)
    cov = pipeline.coverage(p, roster_with(14), req)
    k = p.horizon.index_at(D0, time(10, 0))
    assert cov.scheduled[0, k] == 14
    assert cov.service_level[0, k] == pytest.approx(0.88835, abs=5e-5)
    assert cov.asa[0, k] == pytest.approx(7.84, abs=5e-3)
    # e-mail has no SL/ASA: the totals are the voice queue's figures
    assert cov.totals["service_level"] == pytest.approx(0.88835, abs=5e-5)
    assert np.isnan(cov.totals["service_level:E-mail"])


def test_shrinkage_turns_twenty_scheduled_into_fourteen_productive() -> None:
    p = make_project(shrinkage=0.30)
    req = pipeline.compute_requirement(p)
    k = p.horizon.index_at(D0, time(10, 0))
    assert req.scheduled[0, k] == 20  # docs/design.md §9: 30 % shrinkage → 20 scheduled
    cov = pipeline.coverage(p, roster_with(20), req)
    assert cov.productive[0, k] == pytest.approx(14.0)
    assert cov.service_level[0, k] == pytest.approx(0.88835, abs=5e-5)
    assert cov.totals["shortfall_hours:Telefonie"] == 0.0


def test_fractional_agents_interpolate_between_neighbours_and_empty_interval_is_quiet() -> None:
    p = make_project(shrinkage=0.0)
    req = pipeline.compute_requirement(p)
    k = p.horizon.index_at(D0, time(10, 0))
    sl13 = pipeline.coverage(p, roster_with(13), req).service_level[0, k]
    sl14 = pipeline.coverage(p, roster_with(14), req).service_level[0, k]
    assert sl13 == pytest.approx(0.7956, abs=5e-5)
    p.queues[0].shrinkage = 0.5  # 27 scheduled → 13.5 productive
    p.forecast.queues[0].shrinkage = 0.5
    mid = pipeline.coverage(p, roster_with(27), req).service_level[0, k]
    assert mid == pytest.approx((sl13 + sl14) / 2, abs=1e-9)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        empty = pipeline.coverage(p, Roster(), req)  # no one: SL 0, ASA infinite, no warning
    assert empty.service_level[0, k] == 0.0
    assert empty.totals["shortfall_hours"] > 0
