"""Synthetic histories with known rates, for tests and benchmarks.

A history here is Poisson arrivals around a known rate: a weekday level × an intraday profile
(a morning and an afternoon peak within opening hours) × a linear trend × a public-holiday
effect. Because the rates are known, a forecast can be judged against the best any method could
do: the Poisson noise floor, the WAPE of forecasting every interval by its true rate
(:func:`noise_floor_wape`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from kcroster.forecasting.calendar import holiday_names
from kcroster.forecasting.history import History

__all__ = [
    "SyntheticRates",
    "noise_floor_wape",
    "synthetic_history",
    "synthetic_rates",
    "write_calls_csv",
    "write_rate_calls_csv",
    "write_long_csv",
]

WEEKDAY_LEVEL = (1.25, 1.1, 1.0, 1.0, 0.95, 0.45, 0.0)  # Monday busiest, Sunday closed


@dataclass
class SyntheticRates:
    """Expected contacts per queue × day × slot, and what made them."""

    queues: list[str]
    start: date
    interval_minutes: int
    rate: np.ndarray  # (queues, days, slots)
    holidays: dict[date, str]


def _profile(slots: int, interval: int, saturday: bool) -> np.ndarray:
    minutes = np.arange(slots) * interval + interval / 2
    hours = minutes / 60.0
    open_from, open_to = (9.0, 17.0) if saturday else (8.0, 20.0)
    shape = np.exp(-0.5 * ((hours - 10.5) / 1.4) ** 2) + 0.7 * np.exp(
        -0.5 * ((hours - 15.0) / 2.0) ** 2
    )
    shape += 0.15
    shape = np.where((hours >= open_from) & (hours < open_to), shape, 0.0)
    return shape / shape.sum()


def synthetic_rates(
    start: date,
    days: int,
    *,
    queues: int = 1,
    interval_minutes: int = 15,
    daily_volume: float = 2000.0,
    trend_per_year: float = 0.10,
    holiday_factor: float = 0.0,
    country: str | None = "NL",
) -> SyntheticRates:
    """Known rates from ``start`` for ``days`` days (and any later days asked by slicing).

    ``holiday_factor`` multiplies a public holiday's volume (0 = closed on holidays).
    """
    slots = 1440 // interval_minutes
    weekday = [_profile(slots, interval_minutes, False)] * 5 + [
        _profile(slots, interval_minutes, True),
        np.zeros(slots),
    ]
    hol = holiday_names(start, start + timedelta(days=days), country)
    rate = np.zeros((queues, days, slots))
    for q in range(queues):
        size = daily_volume * (1.0 + 0.3 * q) / (1.0 + 0.1 * queues)
        for d in range(days):
            day = start + timedelta(days=d)
            wd = day.weekday()
            level = size * WEEKDAY_LEVEL[wd] * (1.0 + trend_per_year * d / 365.25)
            if day in hol:
                level *= holiday_factor
            rate[q, d] = level * weekday[wd]
    names = [f"Q{q + 1}" for q in range(queues)]
    return SyntheticRates(names, start, interval_minutes, rate, hol)


def synthetic_history(rates: SyntheticRates, days: int, seed: int = 0) -> History:
    """Poisson counts drawn from the first ``days`` days of ``rates``; AHT 240 s throughout."""
    rng = np.random.default_rng(seed)
    lam = rates.rate[:, :days]
    offered = rng.poisson(lam).astype(float)
    return History(
        queues=list(rates.queues),
        start=rates.start,
        interval_minutes=rates.interval_minutes,
        offered=offered,
        handle_sum=offered * 240.0,
        handled=offered.copy(),
        source="synthetisch",
    )


def noise_floor_wape(rate: np.ndarray) -> float:
    """Expected WAPE of forecasting Poisson counts by their true rate: Σ E|X − λ| / Σ λ.

    E|X − λ| for X ~ Poisson(λ) is 2 λ^(⌊λ⌋+1) e^(−λ) / ⌊λ⌋! (the mean absolute deviation).
    """
    lam = np.asarray(rate, dtype=float).ravel()
    lam = lam[lam > 0]
    k = np.floor(lam)
    log_mad = (
        math.log(2.0) + (k + 1) * np.log(lam) - lam - np.array([math.lgamma(x + 1) for x in k])
    )
    return float(np.exp(log_mad).sum() / lam.sum())


def write_long_csv(history: History, path: str | Path) -> Path:
    """The history as a long forecast-format CSV with past dates (``;``, decimal commas)."""
    p = Path(path)
    labels = [history.slot_label(s) for s in range(history.slots_per_day)]
    with p.open("w", encoding="utf-8", newline="") as fh:
        fh.write("datum;tijd;wachtrij;aanbod;aht\n")
        for q, name in enumerate(history.queues):
            for d, day in enumerate(history.dates):
                text = day.strftime("%d-%m-%Y")
                for s in range(history.slots_per_day):
                    v = history.offered[q, d, s]
                    if v > 0:
                        fh.write(f"{text};{labels[s]};{name};{int(v)};240\n")
    return p


def write_calls_csv(
    path: str | Path,
    rows: int,
    *,
    start: date = date(2026, 1, 5),
    days: int = 56,
    queues: int = 4,
    seed: int = 0,
) -> Path:
    """A call-by-call export of ``rows`` contacts in the Dutch CSV dialect (``;``,
    ``DD-MM-YYYY HH:MM:SS``, decimal commas), for the import benchmark."""
    rng = np.random.default_rng(seed)
    day = rng.integers(0, days, rows)
    second = rng.integers(8 * 3600, 20 * 3600, rows)
    order = np.lexsort((second, day))
    day, second = day[order], second[order]
    queue = rng.integers(0, queues, rows)
    wait = rng.exponential(30.0, rows)
    patience = rng.exponential(120.0, rows)
    answered = wait <= patience
    wait = np.where(answered, wait, patience)
    handle = np.where(answered, rng.gamma(4.0, 60.0, rows), 0.0)
    dates = [(start + timedelta(days=int(d))).strftime("%d-%m-%Y") for d in range(days)]
    p = Path(path)
    with p.open("w", encoding="cp1252", newline="") as fh:
        fh.write("Aankomsttijd;Wachtrij;Wachttijd;Afhandeltijd;Uitkomst\n")
        chunk = 100_000
        for lo in range(0, rows, chunk):
            hi = min(rows, lo + chunk)
            lines = []
            for i in range(lo, hi):
                s = int(second[i])
                lines.append(
                    f"{dates[day[i]]} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d};"
                    f"Wachtrij {int(queue[i]) + 1};{wait[i]:.1f};{handle[i]:.1f};"
                    f"{'beantwoord' if answered[i] else 'afgehaakt'}\n".replace(".", ",")
                )
            fh.write("".join(lines))
    return p


def write_rate_calls_csv(
    rates: SyntheticRates,
    days: int,
    path: str | Path,
    *,
    seed: int = 0,
    header: str = "Aankomsttijd;Wachtrij;Wachttijd;Afhandeltijd;Uitkomst",
    mean_wait: float = 25.0,
    mean_patience: float = 180.0,
    queue_names: list[str] | None = None,
) -> Path:
    """A call-by-call export of Poisson arrivals around the first ``days`` days of ``rates``
    (Dutch CSV dialect, as :func:`write_calls_csv`): the same weekday × interval profile a real
    centre shows, with exponential waits and patience (callers who would wait longer than their
    patience hang up), so the import, the AHT and the patience estimate have something to find.
    ``header`` names the five columns (arrival, queue, wait, handle, outcome)."""
    rng = np.random.default_rng(seed)
    names = queue_names or rates.queues
    seconds = rates.interval_minutes * 60
    p = Path(path)
    with p.open("w", encoding="cp1252", newline="") as fh:
        fh.write(header + "\n")
        for d in range(days):
            day = (rates.start + timedelta(days=d)).strftime("%d-%m-%Y")
            lines: list[tuple[int, str]] = []
            for q, name in enumerate(names):
                counts = rng.poisson(rates.rate[q, d])
                slot = np.repeat(np.arange(counts.size), counts)
                second = slot * seconds + rng.integers(0, seconds, slot.size)
                wait = rng.exponential(mean_wait, slot.size)
                patience = rng.exponential(mean_patience, slot.size)
                answered = wait <= patience
                wait = np.where(answered, wait, patience)
                handle = np.where(answered, rng.gamma(4.0, 60.0, slot.size), 0.0)
                for i in range(slot.size):
                    t = int(second[i])
                    text = (
                        f"{day} {t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d};{name};"
                        f"{wait[i]:.1f};{handle[i]:.1f};"
                        f"{'beantwoord' if answered[i] else 'afgehaakt'}\n"
                    )
                    lines.append((t, text.replace(".", ",")))
            lines.sort(key=lambda item: item[0])
            fh.write("".join(text for _, text in lines))
    return p
