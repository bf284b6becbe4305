"""Erlang B/C/A against exact rational arithmetic and 40-digit mpmath state sums."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest

from kcroster.staffing.erlang import (
    erlang_a_kpis,
    erlang_b,
    erlang_c,
    erlang_c_kpis,
    log_inverse_erlang_b,
    required_agents_erlang_a,
    required_agents_erlang_c,
)


def fraction_erlang_b(n: int, a: Fraction) -> Fraction:
    b = Fraction(1)
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


def mp_log_inverse_erlang_b(n: int, a: float) -> mp.mpf:
    """log Σ_{j=0..N} N!/((N−j)!·A^j) summed until the terms are negligible."""
    with mp.workdps(40):
        a = mp.mpf(a)
        total, term = mp.mpf(0), mp.mpf(1)
        for j in range(n + 1):
            total += term
            term = term * (n - j) / a
            if j > 20 and term < total * mp.mpf(10) ** -30 and (n - j) < a:
                break
        return mp.log(total)


def test_erlang_b_matches_exact_fractions_on_random_small_cases():
    rng = random.Random(20240601)
    for _ in range(120):
        n = rng.randint(0, 120)
        a = Fraction(rng.randint(1, 4000), rng.randint(1, 40))  # 0.025 … 4000 Erlang
        exact = fraction_erlang_b(n, a)
        got = float(erlang_b(n, float(a)))
        if exact == 0:
            assert got == 0
            continue
        assert got == pytest.approx(float(exact), rel=1e-10), (n, a)


@pytest.mark.parametrize(
    ("n", "a"),
    [
        (49, 30.5),
        (64, 64.0),
        (100, 1.0),
        (250, 240.3),
        (1000, 960.0),
        (1000, 1100.0),
        (3000, 2950.5),
        (5100, 5000.0),
        (10_000, 9_800.0),
        (10_000, 12_000.0),
    ],
)
def test_log_inverse_erlang_b_matches_mpmath_for_large_n(n, a):
    ref = float(mp_log_inverse_erlang_b(n, a))
    got = float(log_inverse_erlang_b(n, a))
    # Error of log(1/B) = relative error of B.
    assert abs(got - ref) <= 1e-10 * max(1.0, abs(ref)) + 1e-11


def test_erlang_c_kpis_match_exact_fractions():
    rng = random.Random(7)
    for _ in range(30):
        a = Fraction(rng.randint(1, 3000), rng.randint(1, 30))
        n = int(a) + rng.randint(1, 25)
        aht, t = rng.choice([30, 180, 330, 600]), rng.choice([0, 10, 20, 60])
        b = fraction_erlang_b(n, a)
        c = n * b / (n - a * (1 - b))
        sl = 1 - float(c) * math.exp(-(n - float(a)) * t / aht)
        k = erlang_c_kpis(n, float(a), aht, t)
        assert float(k.p_wait) == pytest.approx(float(c), rel=1e-10)
        assert float(k.service_level) == pytest.approx(sl, rel=1e-10, abs=1e-14)
        assert float(k.asa) == pytest.approx(float(c) * aht / float(n - a), rel=1e-10)
        assert float(k.occupancy) == pytest.approx(float(a / n), rel=1e-14)


def test_erlang_c_unstable_and_empty_queues():
    k = erlang_c_kpis(np.array([0, 5, 10, 3]), np.array([4.0, 10.0, 10.0, 0.0]), 180, 20)
    assert k.p_wait.tolist() == [1.0, 1.0, 1.0, 0.0]
    assert k.service_level.tolist() == [0.0, 0.0, 0.0, 1.0]
    assert k.asa.tolist() == [math.inf, math.inf, math.inf, 0.0]
    assert k.occupancy.tolist() == [0.0, 1.0, 1.0, 0.0]
    assert float(erlang_c(11, 10.0)) < 1.0


def mp_erlang_a(n: int, a: float, aht: float, patience: float, t: float, depth: int = 4000):
    """Birth–death state sums in 40 digits; SL and ASA from the hypoexponential wait.

    A call that finds k queued ahead is served iff its patience outlasts the sum of
    Exp(Nμ + iγ), i = 0..k; then P(served) = Nμ/(Nμ + (k+1)γ), the served wait is a sum of
    Exp(Nμ + jγ), j = 1..k+1, so P(served, W ≤ t) = P(served)·I_{1−e^{−γt}}(k+1, Nμ/γ + 1) and
    E[W·1{served}] = P(served)·Σ_{j=1..k+1} 1/(Nμ + jγ)."""
    with mp.workdps(40):
        mu, gam = 1 / mp.mpf(aht), 1 / mp.mpf(patience)
        lam = mp.mpf(a) * mu
        weights = [mp.mpf(1)]
        for s in range(1, n + depth):
            death = s * mu if s <= n else n * mu + (s - n) * gam
            weights.append(weights[-1] * lam / death)
        norm = mp.fsum(weights)
        pi = [w / norm for w in weights]
        p_wait = mp.fsum(pi[n:])
        abandon = mp.fsum(pi[n + j] * j * gam for j in range(1, depth)) / lam
        z = 1 - mp.exp(-gam * t)
        answered_in_time = mp.fsum(pi[:n])
        wait_served = mp.mpf(0)
        harmonic = mp.mpf(0)
        for k in range(depth):
            p_served = n * mu / (n * mu + (k + 1) * gam)
            harmonic += 1 / (n * mu + (k + 1) * gam)
            answered_in_time += (
                pi[n + k] * p_served * mp.betainc(k + 1, n * mu / gam + 1, 0, z, regularized=True)
            )
            wait_served += pi[n + k] * p_served * harmonic
            if pi[n + k] < mp.mpf(10) ** -35 and k > 50:
                break
        return (
            float(p_wait),
            float(abandon),
            float(answered_in_time),
            float(wait_served / (1 - abandon)),
        )


@pytest.mark.parametrize(
    ("n", "a", "aht", "patience", "t"),
    [
        (14, 10.0, 180, 300, 20),
        (1, 0.3, 240, 60, 15),
        (3, 5.0, 600, 45, 30),  # overloaded, short patience (r = 13)
        (8, 7.5, 120, 1200, 10),
        (25, 30.0, 300, 90, 20),
        (6, 2.0, 30, 900, 0),
        (11, 10.0, 180, 1e7, 20),  # nearly Erlang C, 91 % load
    ],
)
def test_erlang_a_matches_mpmath_state_sums(n, a, aht, patience, t):
    p_wait, abandon, sl, asa = mp_erlang_a(n, a, aht, patience, t)
    k = erlang_a_kpis(n, a, aht, patience, t)
    assert float(k.p_wait) == pytest.approx(p_wait, rel=1e-10)
    assert float(k.abandon) == pytest.approx(abandon, rel=1e-10)
    assert float(k.service_level) == pytest.approx(sl, rel=1e-10)
    assert float(k.asa) == pytest.approx(asa, rel=1e-9)
    assert float(k.occupancy) == pytest.approx(a * (1 - abandon) / n, rel=1e-10)


def test_erlang_a_sl_at_zero_seconds_is_probability_of_not_waiting():
    # SL(0) comes from the abandonment and served-late integrals, P(wait) from the tail sum.
    n = np.arange(1, 60)
    k = erlang_a_kpis(n, 30.0, 240, 150, 0)
    np.testing.assert_allclose(k.service_level, 1 - k.p_wait, rtol=1e-11, atol=1e-13)


def test_erlang_a_tends_to_erlang_c_for_endless_patience():
    # The true gap shrinks like 1/patience (at 1e7 s it is still 4e-4 on the ASA of a queue
    # at 91 % load, see the mpmath case above), so agreement to 1e-6 needs 1e11 s; the
    # gap must keep shrinking tenfold per decade, i.e. no numerical noise floor.
    n = np.array([11, 12, 14, 20, 60, 130, 1050])
    a = np.array([10.0, 10.0, 10.0, 15.0, 50.0, 120.0, 1000.0])
    c = erlang_c_kpis(n, a, 180, 20)
    e = erlang_a_kpis(n, a, 180, 1e11, 20)
    np.testing.assert_allclose(e.p_wait, c.p_wait, rtol=1e-6)
    np.testing.assert_allclose(e.service_level, c.service_level, rtol=1e-6)
    np.testing.assert_allclose(e.asa, c.asa, rtol=1e-6)
    assert np.all(e.abandon < 1e-8)
    gaps = [np.abs(erlang_a_kpis(n, a, 180, th, 20).asa / c.asa - 1) for th in (1e8, 1e9, 1e10)]
    np.testing.assert_allclose(gaps[0] / gaps[1], 10.0, rtol=1e-3)
    np.testing.assert_allclose(gaps[1] / gaps[2], 10.0, rtol=1e-2)
    np.testing.assert_array_equal(
        required_agents_erlang_a(a, 180, 1e9, 0.8, 20), required_agents_erlang_c(a, 180, 0.8, 20)
    )


def test_no_overflow_or_nan_up_to_ten_thousand_erlang():
    a = np.array([1e-9, 0.5, 100.0, 2500.0, 10_000.0, 10_000.0, 10_000.0])
    n = np.array([1, 1, 150, 2400, 9_000, 10_100, 20_000])
    for k in (erlang_c_kpis(n, a, 300, 20), erlang_a_kpis(n, a, 300, 120, 20)):
        for name in ("service_level", "p_wait", "occupancy"):
            values = getattr(k, name)
            assert np.all(np.isfinite(values)) and np.all((values >= 0) & (values <= 1)), name
    assert np.all(np.isfinite(erlang_a_kpis(n, a, 300, 120, 20).asa))
    assert np.all(np.isfinite(log_inverse_erlang_b(n, a)))
    req_c = required_agents_erlang_c(np.array([10_000.0, 10_000.0]), 300, 0.9, [0, 30])
    req_a = required_agents_erlang_a(np.array([10_000.0]), 300, 60, 0.9, 30)
    assert 10_000 < req_c.min() and req_c.max() < 10_400
    assert 9_000 < req_a[0] < 10_400


def test_zero_traffic_needs_no_agents():
    a = np.zeros((2, 3))
    assert not required_agents_erlang_c(a, 0.0, 0.8, 20).any()
    assert not required_agents_erlang_a(a, 180, 60, 0.8, 20, max_abandon=0.01).any()
    k = erlang_a_kpis(0, 0.0, 180, 60, 20)
    assert (float(k.service_level), float(k.abandon), float(k.reachability)) == (1.0, 0.0, 1.0)


def test_vectorised_equals_scalar_loop():
    rng = np.random.default_rng(11)
    a = np.concatenate([rng.uniform(0, 60, 40), rng.uniform(60, 3000, 20), [0.0, 0.004]])
    aht = rng.uniform(30, 600, a.size)
    t = rng.choice([0.0, 10.0, 20.0, 60.0], a.size)
    s = rng.choice([0.5, 0.8, 0.95], a.size)
    patience = rng.uniform(20, 900, a.size)
    vec_c = required_agents_erlang_c(a, aht, s, t, max_occupancy=0.9)
    vec_a = required_agents_erlang_a(a, aht, patience, s, t, max_abandon=0.1)
    kpi_a = erlang_a_kpis(vec_a, a, aht, patience, t)
    for i in range(a.size):
        assert vec_c[i] == required_agents_erlang_c(a[i], aht[i], s[i], t[i], max_occupancy=0.9)
        assert vec_a[i] == required_agents_erlang_a(
            a[i], aht[i], patience[i], s[i], t[i], max_abandon=0.1
        )
        one = erlang_a_kpis(vec_a[i], a[i], aht[i], patience[i], t[i])
        assert float(one.service_level) == pytest.approx(kpi_a.service_level[i], rel=1e-12)
    # Any input shape works and is preserved.
    grid = required_agents_erlang_c(a[:60].reshape(3, 4, 5), 180, 0.8, 20)
    assert grid.shape == (3, 4, 5)
    assert grid.ravel().tolist() == required_agents_erlang_c(a[:60], 180, 0.8, 20).tolist()


def test_required_agents_rejects_impossible_targets():
    with pytest.raises(ValueError, match="sl_target"):
        required_agents_erlang_c(10.0, 180, 1.0, 20)
    with pytest.raises(ValueError, match="max_occupancy"):
        required_agents_erlang_c(10.0, 180, 0.8, 20, max_occupancy=1.5)
    with pytest.raises(ValueError, match="aht"):
        required_agents_erlang_c(10.0, 0.0, 0.8, 20)
    with pytest.raises(ValueError, match="patience"):
        required_agents_erlang_a(10.0, 180, 0.0, 0.8, 20)
