"""Issue 23 item 4: a huge volume is refused with a message naming the cell, never 0 agents.

A volume of 1e20 overflowed int64 (0 required agents); 1e50 and 1e300 made the Erlang C search
step for ever because ``n + 1.0 == n``. Every finite input now either gives an answer or a
ValueError, and the forecast importer names the row and column of the bad volume.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcroster.io.forecast import load_forecast
from kcroster.model.errors import KcrosterInputError
from kcroster.staffing import (
    MAX_VOLUME_PER_INTERVAL,
    QueueTargets,
    compute_requirement,
    required_agents_erlang_a,
    required_agents_erlang_c,
)
from tests.io.forecast_helpers import write_csv


@pytest.mark.parametrize("volume", [1e20, 1e50, 1e300])
def test_compute_requirement_refuses_huge_volume(volume: float) -> None:
    with pytest.raises(ValueError, match="queue 0, interval 1"):
        compute_requirement(
            np.array([[5.0, volume]]), np.array([[300.0, 300.0]]), 900, [QueueTargets()]
        )


def test_largest_allowed_volume_still_staffs() -> None:
    r = compute_requirement(
        np.array([[MAX_VOLUME_PER_INTERVAL]]), np.array([[300.0]]), 900, [QueueTargets()]
    )
    assert r.agents[0, 0] > MAX_VOLUME_PER_INTERVAL * 300 / 900


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=1e-6, max_value=1e308, allow_nan=False, allow_infinity=False))
def test_erlang_searches_end_for_any_finite_traffic(traffic: float) -> None:
    """Either an exact count above the traffic, or a clear ValueError: never a hang or 0."""
    for search in (
        lambda a: required_agents_erlang_c(np.array([a]), np.array([300.0]), 0.8, 20.0),
        lambda a: required_agents_erlang_a(
            np.array([a]), np.array([300.0]), np.array([60.0]), 0.8, 20.0
        ),
    ):
        try:
            n = int(search(traffic)[0])
        except ValueError as exc:
            assert "traffic" in str(exc)
            assert traffic > 1e8
        else:
            assert n >= 1
            assert n >= math.floor(traffic * 0.5)


def test_forecast_import_names_the_cell(tmp_path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        [
            "date;time;queue;volume;aht",
            "2026-03-02;09:00;Service;10;180",
            "2026-03-02;09:15;Service;1e20;180",
        ],
    )
    with pytest.raises(KcrosterInputError) as info:
        load_forecast(path)
    text = str(info.value)
    assert "onredelijk groot" in text
    assert "3" in text and "volume" in text
