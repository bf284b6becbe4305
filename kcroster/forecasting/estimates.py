"""Queue parameters estimated from the history: AHT per weekday × slot, and callers' patience.

AHT (:func:`aht_table`)
    The AHT of one queue × weekday × quarter-hour rests on few calls, so it is shrunk towards
    coarser levels: the cell's handle-time sum and count are combined with a prior of
    ``strength`` pseudo-calls at the queue × slot level (all weekdays, smoothed over the
    neighbouring slots with weights 1-2-1), which itself is shrunk towards the queue's overall
    AHT. A cell with many calls keeps its own mean; a cell with none gets the coarser one.
    Recent weeks count more (weights halve every ``half_life_weeks``), because AHT drifts (new
    agents, a new process).

Patience (:func:`patience`)
    Erlang A assumes exponentially distributed patience with mean θ. A caller who hangs up after
    waiting w shows his patience was w; a caller who is answered after waiting w only shows it
    was *more* than w: a right-censored observation. For exponential patience the maximum
    likelihood estimate with censoring is the number of abandons divided by the total exposure
    time (all waiting times, of answered and abandoned callers alike): rate = abandons /
    Σ waits, θ = Σ waits / abandons. We use this estimator because it is exactly the model
    Erlang A calculates with, needs no more than two sums per queue, and uses every caller who
    waited. The Kaplan–Meier mean would not assume a shape, but with most callers answered
    within a minute the survival curve stops long before it reaches zero and its (restricted)
    mean says more about the service level than about patience. Leaving the answered calls out
    (the mean wait of the abandoned only) would badly underestimate θ: only the impatient ones
    hang up while the queue is short.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from kcroster.forecasting.history import History

__all__ = ["PatienceEstimate", "aht_table", "patience"]


@dataclass(frozen=True)
class PatienceEstimate:
    """Mean patience ``seconds`` of one queue with a 90 % interval, from ``abandons``
    hang-ups over ``exposure_seconds`` of waiting."""

    queue: str
    seconds: float | None
    low: float | None
    high: float | None
    abandons: int
    exposure_seconds: float

    def text(self) -> str:
        if self.seconds is None:
            return f"{self.queue}: geduld onbekend (geen afhakers)"
        return (
            f"{self.queue}: geduld {self.seconds:.0f} s (90 %: {self.low:.0f}–{self.high:.0f} s; "
            f"{self.abandons} afhakers, {self.exposure_seconds / 3600:.1f} uur wachttijd)"
        )


def patience(history: History) -> list[PatienceEstimate]:
    """Exponential-patience MLE per queue (see the module docstring).

    The 90 % interval uses the normal approximation of the log rate (its standard error is
    1/√abandons), good enough for the tens of abandons a queue has in a few weeks.
    """
    if history.abandons is None or history.exposure is None:
        return []
    out = []
    for q, name in enumerate(history.queues):
        k = float(history.abandons[q])
        exposure = float(history.exposure[q])
        if k <= 0 or exposure <= 0:
            out.append(PatienceEstimate(name, None, None, None, int(k), exposure))
            continue
        theta = exposure / k
        spread = math.exp(1.645 / math.sqrt(k))
        out.append(PatienceEstimate(name, theta, theta / spread, theta * spread, int(k), exposure))
    return out


def _weights(history: History, half_life_weeks: float) -> np.ndarray:
    age = (history.days - 1 - np.arange(history.days)) / 7.0
    return 0.5 ** (age / half_life_weeks)


def aht_table(
    history: History,
    *,
    strength: float = 30.0,
    half_life_weeks: float = 8.0,
    default: float | None = None,
) -> np.ndarray:
    """AHT in seconds per queue × weekday (0 = Monday) × slot, shape ``(queues, 7, slots)``.

    Cells of a queue without any handled contact take ``default`` (NaN when None).
    """
    w = _weights(history, half_life_weeks)[None, :, None]
    n = history.handled * w
    s = history.handle_sum * w
    n_q, _, slots = n.shape
    weekdays = history.weekdays
    cell_n = np.zeros((n_q, 7, slots))
    cell_s = np.zeros((n_q, 7, slots))
    for wd in range(7):
        sel = weekdays == wd
        cell_n[:, wd] = n[:, sel].sum(axis=1)
        cell_s[:, wd] = s[:, sel].sum(axis=1)
    queue_n = cell_n.sum(axis=(1, 2))
    queue_s = cell_s.sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        queue_aht = np.where(queue_n > 0, queue_s / np.maximum(queue_n, 1e-12), np.nan)
    # Queue × slot level, smoothed 1-2-1 over neighbouring slots.
    slot_n = cell_n.sum(axis=1)
    slot_s = cell_s.sum(axis=1)
    kernel = np.array([1.0, 2.0, 1.0]) / 4.0
    slot_n = np.apply_along_axis(lambda v: np.convolve(v, kernel, mode="same"), 1, slot_n)
    slot_s = np.apply_along_axis(lambda v: np.convolve(v, kernel, mode="same"), 1, slot_s)
    prior_q = np.nan_to_num(queue_aht, nan=0.0)[:, None]
    slot_aht = (slot_s + strength * prior_q) / (slot_n + strength)
    table = (cell_s + strength * slot_aht[:, None, :]) / (cell_n + strength)
    fill = np.nan if default is None else float(default)
    return np.where(np.isnan(queue_aht)[:, None, None], fill, table)
