"""Hypothesis properties: monotonicity, bounds, minimality of the required agents."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kcroster.staffing.erlang import (
    erlang_a_kpis,
    erlang_c_kpis,
    required_agents_erlang_a,
    required_agents_erlang_c,
)

traffic = st.one_of(
    st.floats(0.01, 50.0),
    st.floats(50.0, 5000.0),
)
aht = st.floats(20.0, 900.0)
patience = st.floats(5.0, 3000.0)
threshold = st.floats(0.0, 120.0)
sl_target = st.sampled_from([0.5, 0.7, 0.8, 0.9, 0.95, 0.99])
FAST = settings(max_examples=60, deadline=None)


def _agent_range(a: float, width: int = 40) -> np.ndarray:
    lo = max(1, int(a - 3 * np.sqrt(a)) - 2)
    return np.arange(lo, int(a + 6 * np.sqrt(a)) + width)


@FAST
@given(a=traffic, h=aht, t=threshold)
def test_erlang_c_sl_rises_with_agents_and_bounds_hold(a, h, t):
    n = _agent_range(a)
    k = erlang_c_kpis(n, a, h, t)
    assert np.all(np.diff(k.service_level) >= 0)
    assert np.all(np.diff(k.p_wait) <= 0)
    assert np.all((k.p_wait >= 0) & (k.p_wait <= 1))
    assert np.all((k.service_level >= 0) & (k.service_level <= 1))
    assert np.all(np.diff(k.asa[n > a]) <= 0)


@FAST
@given(a=traffic, h=aht, th=patience, t=threshold)
@example(a=11.0, h=20.0, th=78.0, t=0.0)  # found by Hypothesis: probabilities ≈ 1 + 1e-16
@example(a=14.0, h=20.0, th=83.0, t=0.0)
def test_erlang_a_sl_rises_with_agents_and_bounds_hold(a, h, th, t):
    n = _agent_range(a)
    k = erlang_a_kpis(n, a, h, th, t)
    for name in ("p_wait", "abandon", "service_level", "occupancy", "reachability"):
        values = getattr(k, name)
        assert np.all(np.isfinite(values)) and np.all((values >= 0) & (values <= 1 + 1e-15)), name
    assert np.all(np.diff(k.service_level) >= 0)
    assert np.all(np.diff(k.abandon) <= 0)
    assert np.all(np.diff(k.p_wait) <= 0)
    assert np.all(np.diff(k.asa) <= 1e-12 * k.asa[1:])
    assert np.all(np.diff(k.occupancy) <= 1e-12)  # occupancy ≈ 1 − 1e-14 in overload


@FAST
@given(a=traffic, h=aht, th=patience, n_offset=st.integers(-20, 40))
@example(a=31.102868053620444, h=20.0, th=20.0, n_offset=1)  # found by Hypothesis
@example(a=14.0, h=20.0, th=20.0, n_offset=-7)  # SL saturating below 0.5
def test_sl_rises_with_the_threshold(a, h, th, n_offset):
    n = max(1, int(a) + n_offset)
    t = np.array([0.0, 1.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 600.0])
    sl_a = erlang_a_kpis(n, a, h, th, t).service_level
    assert np.all(np.diff(sl_a) >= 0)
    if n > a:
        assert np.all(np.diff(erlang_c_kpis(n, a, h, t).service_level) >= 0)


def test_erlang_a_sl_monotone_at_three_thousand_agents():
    n = np.arange(2990, 3101)
    for th, h, t in [(120.0, 300.0, 20.0), (600.0, 180.0, 10.0), (30.0, 600.0, 60.0)]:
        k = erlang_a_kpis(n, 3000.0, h, th, t)
        assert np.all(np.diff(k.service_level) > 0)
        assert np.all(np.diff(k.abandon) < 0)
        assert np.all(np.isfinite(k.asa))


@FAST
@given(
    a=traffic,
    h=aht,
    s=sl_target,
    t=threshold,
    asa=st.one_of(st.none(), st.floats(1.0, 120.0)),
    occ=st.one_of(st.none(), st.floats(0.5, 1.0)),
)
def test_erlang_c_required_agents_is_least_adequate(a, h, s, t, asa, occ):
    n = int(required_agents_erlang_c(a, h, s, t, asa, occ))

    def meets(m: int) -> bool:
        if m <= a:
            return False
        k = erlang_c_kpis(m, a, h, t)
        return bool(
            k.service_level >= s - 1e-9
            and (asa is None or k.asa <= asa * (1 + 1e-9))
            and (occ is None or a / m <= occ + 1e-9)
        )

    assert meets(n)
    assert not meets(n - 1) or (n - 1 <= a)


@settings(max_examples=40, deadline=None)
@given(
    a=traffic,
    h=aht,
    th=patience,
    s=st.one_of(st.none(), sl_target),
    t=threshold,
    asa=st.one_of(st.none(), st.floats(1.0, 120.0)),
    ab=st.one_of(st.none(), st.floats(0.005, 0.3)),
    occ=st.one_of(st.none(), st.floats(0.5, 1.0)),
)
@example(a=77.0, h=24.0, th=9.0, s=None, t=0.0, asa=None, ab=None, occ=None)  # → 1 agent
@example(a=176.0, h=20.0, th=5.0, s=None, t=0.0, asa=None, ab=None, occ=None)
@example(a=46.0, h=30.0, th=25.0, s=None, t=0.0, asa=None, ab=None, occ=0.9999999999999999)  # busy 1
def test_erlang_a_required_agents_is_least_adequate(a, h, th, s, t, asa, ab, occ):
    n = int(required_agents_erlang_a(a, h, th, s, t, asa, ab, occ))
    assert n >= 1

    def meets(m: int) -> bool:
        if m <= 0:
            return False
        k = erlang_a_kpis(m, a, h, th, t)
        return bool(
            (s is None or k.service_level >= s - 1e-9)
            and (asa is None or k.asa <= asa * (1 + 1e-9))
            and (ab is None or k.abandon <= ab + 1e-9)
            and (occ is None or k.occupancy <= occ + 1e-9)
        )

    assert meets(n)
    assert not meets(n - 1)
