"""docs/design.md §9: the published worked examples, digit for digit as printed there."""

from __future__ import annotations

import numpy as np
import pytest

from kcroster.staffing import QueueTargets, compute_requirement, scheduled_agents
from kcroster.staffing.erlang import (
    erlang_a_kpis,
    erlang_c_kpis,
    offered_traffic,
    required_agents_erlang_a,
    required_agents_erlang_c,
)

A_100 = offered_traffic(100, 180, 1800)  # 10 Erlang


def test_traffic_of_the_reference_case():
    assert A_100 == pytest.approx(10.0, rel=1e-15)


def test_erlang_c_100_calls_80_20():
    assert required_agents_erlang_c(A_100, 180, 0.80, 20) == 14
    k = erlang_c_kpis(14, A_100, 180, 20)
    assert round(float(k.p_wait), 5) == 0.17413
    assert round(float(k.service_level), 5) == 0.88835
    assert round(float(k.asa), 2) == 7.84
    assert round(float(k.occupancy), 5) == 0.71429
    assert round(float(erlang_c_kpis(13, A_100, 180, 20).service_level), 4) == 0.7956


def test_thirty_percent_shrinkage_gives_twenty_scheduled():
    assert scheduled_agents(14, 0.30) == 20
    req = compute_requirement(
        np.array([[100.0]]), np.array([[180.0]]), 1800, [QueueTargets(max_occupancy=None)]
    )
    assert req.agents[0, 0] == 14
    assert req.scheduled[0, 0] == 20


def test_max_occupancy_070_needs_fifteen():
    assert required_agents_erlang_c(A_100, 180, 0.80, 20, max_occupancy=0.70) == 15
    assert round(float(erlang_c_kpis(15, A_100, 180, 20).service_level), 3) == 0.941


def test_250_calls_per_hour_aht_330_80_30():
    a = offered_traffic(250, 330, 3600)
    assert required_agents_erlang_c(a, 330, 0.80, 30) == 28
    sl = erlang_c_kpis(np.array([27, 28]), a, 330, 30).service_level
    assert round(float(sl[1]), 3) == 0.857
    assert round(float(sl[0]), 3) == 0.782


def test_200_calls_per_half_hour_80_60():
    a = offered_traffic(200, 180, 1800)
    assert required_agents_erlang_c(a, 180, 0.80, 60) == 23
    k = erlang_c_kpis(23, a, 180, 60)
    assert round(float(k.service_level), 3) == 0.847
    assert round(float(k.occupancy), 2) == 0.87


@pytest.mark.parametrize(
    ("agents", "p_wait", "abandon"),
    [(14, 0.14526, 0.013984), (13, 0.22580, 0.024963)],
)
def test_erlang_a_reference(agents, p_wait, abandon):
    # "P(wait)" in the reference is P(all agents busy when a call arrives).
    k = erlang_a_kpis(agents, A_100, 180, 300, 20)
    assert round(float(k.p_wait), 5) == p_wait
    assert round(float(k.abandon), 6) == abandon
    assert float(k.reachability) == pytest.approx(1 - abandon, abs=5e-7)


def test_erlang_a_needs_no_more_agents_than_erlang_c_here():
    n = int(required_agents_erlang_a(A_100, 180, 300, 0.80, 20))
    assert n == 13  # SL over offered calls at 13 agents: 0.858
    assert float(erlang_a_kpis(12, A_100, 180, 300, 20).service_level) < 0.80


def test_requirement_row_reproduces_reference_kpis():
    req = compute_requirement(
        np.array([[100.0, 200.0]]),
        np.array([[180.0, 180.0]]),
        1800,
        [QueueTargets(sl_percent=80, sl_seconds=20, max_occupancy=None)],
    )
    assert req.agents.tolist() == [[14, 24]]  # 200 calls: SL(23) = 0.702, SL(24) = 0.809
    assert erlang_c_kpis(23, 20.0, 180, 20).service_level < 0.80 <= req.service_level[0, 1]
    assert round(float(req.service_level[0, 0]), 5) == 0.88835
    assert round(float(req.asa[0, 0]), 2) == 7.84
    assert np.isnan(req.abandon).all() and np.isnan(req.reachability).all()
