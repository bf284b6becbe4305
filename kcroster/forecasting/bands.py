"""Prediction intervals per interval, and the volume to staff for at a chosen quantile.

Two kinds of uncertainty meet in an interval. The *rate* is uncertain (the forecast is never
exactly right: the level, the profile, a holiday), and given the rate the *count* is Poisson. We
describe the realised count X with forecast f by a Poisson distribution whose rate is itself
uncertain with relative variance φ (a Gamma–Poisson mixture):

    E X = f,   Var X = f + φ f².

φ per queue comes from the backtest of the chosen method (the method-of-moments estimate
(Σ (x − f)² − Σ f) / Σ f², never below 0): it is whatever the method's errors were beyond the
Poisson noise. The P10–P90 band is the 10 % and 90 % quantile of a Gamma distribution with that
mean and variance (Wilson–Hilferty approximation), a continuous stand-in for the mixture.

The requirement is computed for a quantile of the *rate*, not of the count: Erlang already
accounts for the Poisson noise within an interval. :func:`rate_quantile` therefore uses only φ:
f · exp(z_q · √log(1 + φ)) (log-normal with median f), so ``quantile = 0.5`` gives the
forecast itself and 0.8 a volume the rate stays below four times out of five.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

__all__ = ["DEFAULT_PHI", "count_quantile", "overdispersion", "rate_quantile"]

DEFAULT_PHI = 0.02  # used when no backtest could be made (relative rate error about 14 %)


def overdispersion(queue_sums: np.ndarray) -> np.ndarray:
    """φ per queue from the backtest sums (Σ actual, Σ f, Σ f², Σ (actual − f)²)."""
    sums = np.asarray(queue_sums, dtype=float)
    if sums.size == 0:
        return np.zeros(0)
    fc, fc2, sq = sums[:, 1], sums[:, 2], sums[:, 3]
    with np.errstate(invalid="ignore", divide="ignore"):
        phi = np.where(fc2 > 0, (sq - fc) / np.maximum(fc2, 1e-12), DEFAULT_PHI)
    return np.clip(phi, 0.0, 4.0)


def count_quantile(f: np.ndarray, phi: np.ndarray | float, q: float) -> np.ndarray:
    """Quantile ``q`` of the realised count (mean f, variance f + φ f²)."""
    f = np.asarray(f, dtype=float)
    z = NormalDist().inv_cdf(q)
    var = f + np.asarray(phi) * f**2
    with np.errstate(invalid="ignore", divide="ignore"):
        k = np.where(var > 0, f**2 / np.maximum(var, 1e-12), 0.0)  # Gamma shape
        theta = np.where(f > 0, var / np.maximum(f, 1e-12), 0.0)
        c = 1.0 / (9.0 * np.maximum(k, 1e-12))
        wh = k * theta * np.clip(1.0 - c + z * np.sqrt(c), 0.0, None) ** 3
    return np.where(f > 0, wh, 0.0)


def rate_quantile(f: np.ndarray, phi: np.ndarray | float, q: float) -> np.ndarray:
    """Quantile ``q`` of the rate: ``f · exp(z_q · √log(1 + φ))``."""
    z = NormalDist().inv_cdf(q) if q != 0.5 else 0.0
    sigma = np.sqrt(np.log1p(np.asarray(phi, dtype=float)))
    return np.asarray(f, dtype=float) * np.exp(z * sigma)


def _check_quantile(q: float) -> float:
    if not (0.0 < q < 1.0) or math.isnan(q):
        raise ValueError("het kwantiel moet tussen 0 en 1 liggen")
    return q
