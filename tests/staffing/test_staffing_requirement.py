"""compute_requirement / predict wiring: channels, shrinkage, minimum staffing, FTE, validation."""

from __future__ import annotations

import numpy as np
import pytest

from kcroster.staffing import (
    QueueTargets,
    agent_hours,
    compute_requirement,
    predict,
    scheduled_agents,
)
from kcroster.staffing.erlang import erlang_c_kpis, offered_traffic, required_agents_erlang_c

T = 900
VOLUME = np.array([[0.0, 3.0, 40.0, 120.0, 260.0, 75.0]])
AHT = np.full_like(VOLUME, 240.0)


def test_scheduled_rounding_is_immune_to_float_noise():
    assert 21 / (1 - 0.30) > 30  # the trap: 30.000000000000004
    assert scheduled_agents(np.array([14, 7, 21, 0, 1]), 0.30).tolist() == [20, 10, 30, 0, 2]
    assert scheduled_agents(np.array([[14], [10]]), np.array([[0.30], [0.0]])).tolist() == [
        [20],
        [10],
    ]
    with pytest.raises(ValueError):
        scheduled_agents(5, 1.0)


def test_chat_with_concurrency_one_equals_voice():
    volume = np.vstack([VOLUME, VOLUME])
    aht = np.vstack([AHT, AHT])
    for patience in (None, 120.0):
        voice = QueueTargets(channel="voice", patience_seconds=patience)
        chat = QueueTargets(channel="chat", concurrency=1, patience_seconds=patience)
        req = compute_requirement(volume, aht, T, [voice, chat])
        np.testing.assert_array_equal(req.agents[0], req.agents[1])
        np.testing.assert_array_equal(req.scheduled[0], req.scheduled[1])
        np.testing.assert_array_equal(req.service_level[0], req.service_level[1])


@pytest.mark.parametrize("concurrency", [2, 3, 6])
def test_chat_agents_are_ceil_of_session_slots(concurrency):
    targets = QueueTargets(channel="chat", concurrency=concurrency, sl_seconds=30)
    req = compute_requirement(VOLUME, AHT, T, [targets])
    traffic = offered_traffic(VOLUME, AHT, T)
    slots = required_agents_erlang_c(traffic, AHT, 0.8, 30, max_occupancy=0.85)
    assert req.agents.tolist() == (-(-slots // concurrency)).tolist()
    # KPIs are those of agents × concurrency slots; occupancy is per slot.
    kpi = erlang_c_kpis(req.agents * concurrency, traffic, AHT, 30)
    np.testing.assert_allclose(req.service_level, kpi.service_level, rtol=1e-12)
    np.testing.assert_allclose(req.occupancy, kpi.occupancy, rtol=1e-12)
    assert np.all(req.service_level >= 0.8)


def test_requirement_meets_every_target_it_was_given():
    volume = np.vstack([VOLUME] * 3)
    aht = np.vstack([AHT] * 3)
    targets = [
        QueueTargets(sl_percent=90, sl_seconds=15, asa_seconds=8, max_occupancy=0.8),
        QueueTargets(sl_percent=80, sl_seconds=20, patience_seconds=90, max_abandon=0.03),
        QueueTargets(sl_percent=None, asa_seconds=30, max_occupancy=None),
    ]
    req = compute_requirement(volume, aht, T, targets)
    busy = volume > 0
    assert np.all(req.service_level[0][busy[0]] >= 0.9)
    assert np.all(req.asa[0] <= 8) and np.all(req.occupancy[0] <= 0.8)
    assert np.all(req.service_level[1] >= 0.8) and np.all(req.abandon[1] <= 0.03)
    np.testing.assert_allclose(req.reachability[1], 1 - req.abandon[1])
    assert np.all(req.asa[2] <= 30)
    assert np.all(req.agents[:, 0] == 0)  # no volume, no minimum staffing
    assert np.all(req.agents[:, 1:] >= 1)
    # One agent fewer anywhere breaks a target (minimality end to end).
    for q in range(3):
        for i in range(1, VOLUME.shape[1]):
            fewer = req.agents.copy()
            fewer[q, i] -= 1
            p = predict(volume, aht, T, targets, fewer)
            t = targets[q]
            broken = (
                (t.sl_percent is not None and p.service_level[q, i] < t.sl_percent / 100)
                or (t.asa_seconds is not None and p.asa[q, i] > t.asa_seconds)
                or (t.max_occupancy is not None and p.occupancy[q, i] > t.max_occupancy)
                or (t.max_abandon is not None and p.abandon[q, i] > t.max_abandon)
                or fewer[q, i] <= (p.traffic[q, i] if t.patience_seconds is None else 0)
            )
            assert broken, (q, i)


def test_minimum_staffing_applies_only_when_open():
    volume = np.zeros((1, 6))
    volume[0, 3] = 50.0
    open_mask = np.array([[False, True, True, True, True, False]])
    req = compute_requirement(
        volume, np.full((1, 6), 300.0), T, [QueueTargets(min_agents_when_open=2)], open_mask
    )
    assert req.agents[0].tolist()[:3] == [0, 2, 2]
    assert req.agents[0, 3] > 2
    assert req.agents[0].tolist()[4:] == [2, 0]
    assert req.agents_fractional[0, 1] == 0.0  # the minimum is not workload
    assert req.service_level[0, 1] == 1.0 and req.occupancy[0, 1] == 0.0


def test_predict_for_rostered_agents():
    targets = [QueueTargets(), QueueTargets(patience_seconds=200)]
    volume = np.array([[100.0, 100.0, 0.0], [100.0, 100.0, 100.0]])
    aht = np.full((2, 3), 180.0)
    p = predict(volume, aht, 1800, targets, np.array([[14, 9, 0], [13, 0, 20]]))
    assert round(float(p.service_level[0, 0]), 5) == 0.88835
    assert p.service_level[0, 1] == 0.0 and p.asa[0, 1] == np.inf  # 9 agents < 10 Erlang
    assert p.service_level[0, 2] == 1.0 and p.p_wait[0, 2] == 0.0
    assert p.abandon[1, 1] == 1.0 and p.reachability[1, 1] == 0.0
    assert p.service_level[1, 2] > p.service_level[1, 0]
    with pytest.raises(ValueError, match="whole numbers"):
        predict(volume, aht, 1800, targets, np.full((2, 3), 1.5))
    with pytest.raises(ValueError, match="shape"):
        predict(volume, aht, 1800, targets, np.ones((2, 2), dtype=int))


def test_agent_hours():
    agents = np.array([[4, 4, 8, 0], [2, 2, 2, 2]])
    hours = agent_hours(agents, 1800)
    assert hours.tolist() == [[2, 2, 4, 0], [1, 1, 1, 1]]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"channel": "fax"}, "channel"),
        ({"sl_percent": 100}, "sl_percent"),
        ({"sl_percent": -5}, "sl_percent"),
        ({"max_occupancy": 85}, "max_occupancy"),
        ({"shrinkage": 1.0}, "shrinkage"),
        ({"patience_seconds": 0}, "patience"),
        ({"max_abandon": 0.05}, "patience"),
        ({"patience_seconds": 60, "max_abandon": 5}, "max_abandon"),
        ({"channel": "voice", "concurrency": 2}, "concurrency"),
        ({"channel": "chat", "concurrency": 7}, "concurrency"),
        ({"channel": "email", "response_hours": 0}, "response_hours"),
        ({"min_agents_when_open": -1}, "min_agents"),
        ({"asa_seconds": 0}, "asa"),
    ],
)
def test_queue_targets_reject_nonsense(kwargs, match):
    with pytest.raises(ValueError, match=match):
        QueueTargets(**kwargs)


def test_queue_targets_model():
    assert QueueTargets().model == "erlang_c"
    assert QueueTargets(patience_seconds=60).model == "erlang_a"
    assert QueueTargets(channel="email").model == "deferred"
    assert QueueTargets(sl_percent=95).sl_fraction == 0.95


def test_bad_forecast_input_is_located():
    targets = [QueueTargets(), QueueTargets()]
    volume = np.ones((2, 4))
    volume[1, 2] = -1
    with pytest.raises(ValueError, match="queue 1, interval 2"):
        compute_requirement(volume, np.full((2, 4), 180.0), T, targets)
    aht = np.full((2, 4), 180.0)
    aht[0, 3] = np.nan
    with pytest.raises(ValueError, match="queue 0, interval 3"):
        compute_requirement(np.ones((2, 4)), aht, T, targets)
    with pytest.raises(ValueError, match="settings"):
        compute_requirement(np.ones((2, 4)), 180.0, T, targets[:1])
    with pytest.raises(ValueError, match="open_mask"):
        compute_requirement(np.ones((2, 4)), 180.0, T, targets, np.ones((2, 3), bool))
    with pytest.raises(ValueError, match="interval_seconds"):
        compute_requirement(np.ones((2, 4)), 180.0, 0, targets)
    # No volume, no handle time needed.
    aht_gaps = np.full((2, 4), 180.0)
    aht_gaps[:, 0] = np.nan
    volume_gaps = np.ones((2, 4)) * 20
    volume_gaps[:, 0] = 0
    req = compute_requirement(volume_gaps, aht_gaps, T, targets)
    assert req.agents[:, 0].tolist() == [0, 0] and np.all(req.agents[:, 1:] > 0)
    # A per-queue AHT column broadcasts.
    req = compute_requirement(np.ones((2, 4)) * 50, np.array([[180.0], [300.0]]), T, targets)
    assert req.agents.shape == (2, 4) and req.agents[1, 0] > req.agents[0, 0]
