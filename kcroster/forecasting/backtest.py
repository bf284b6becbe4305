"""Rolling-origin backtest: how well each method would have forecast the planner's own history.

For a horizon of ``h`` days the last cut-off date (origin) is ``h`` days before the end of the
history, the earlier ones every ``step_days`` before it, as far back as every method that can
run at the last origin can run (all are scored on the same origins; a method needing more
history than the last origin has is shown as "te weinig historie"). At every origin each method
sees only the history before it and forecasts the next ``h`` days, which are compared with what
happened.
Days without data (gaps) are not scored.

WAPE (weighted absolute percentage error) = Σ |actual − forecast| / Σ actual, summed over all
queues, origins and scored cells: per interval (what the requirement sees) and per day total
(what a planner checks first). WAPE is the planners' measure because it weighs busy intervals
more, unlike a mean of percentage errors that explodes on quiet ones. The bias says whether a
method forecasts too high (+) or too low (−).

The table keeps per method and queue the sums that :mod:`kcroster.forecasting.bands` turns
into the over-dispersion of the prediction intervals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np

from kcroster.forecasting.calendar import SpecialDays
from kcroster.forecasting.history import History
from kcroster.forecasting.methods import METHODS

__all__ = ["BacktestRow", "BacktestTable", "backtest_origins", "run_backtest"]

MIN_TRAIN_DAYS = 7


class ForecastCancelled(Exception):
    """The caller's cancel flag was set; no result."""


@dataclass
class BacktestRow:
    """One method's backtest result."""

    method: str
    label: str
    wape_interval: float
    wape_day: float
    bias: float
    origins: int
    baseline: bool
    # per queue: Σ actual, Σ forecast, Σ forecast², Σ (actual − forecast)²
    queue_sums: np.ndarray = field(repr=False, default_factory=lambda: np.zeros((0, 4)))


@dataclass
class BacktestTable:
    rows: list[BacktestRow]
    origins: list[int]  # day indexes of the cut-offs
    horizon_days: int
    dates: list[str] = field(default_factory=list)

    def row(self, method: str) -> BacktestRow | None:
        return next((r for r in self.rows if r.method == method), None)

    def best(self, candidates: list[str] | None = None) -> BacktestRow | None:
        """Lowest interval WAPE among the methods scored at every origin."""
        rows = [
            r
            for r in self.rows
            if r.origins == len(self.origins)
            and np.isfinite(r.wape_interval)
            and (candidates is None or r.method in candidates)
        ]
        return min(rows, key=lambda r: r.wape_interval) if rows else None

    def text(self, chosen: str | None = None) -> str:
        """The table as a planner reads it (Dutch)."""
        head = (
            f"Backtest: {len(self.origins)} startmoment(en) ({', '.join(self.dates)}), "
            f"horizon {self.horizon_days} dagen"
        )
        lines = [head, f"  {'methode':<52} {'WAPE interval':>13} {'WAPE dag':>9} {'bias':>7}"]
        for r in sorted(
            self.rows, key=lambda r: r.wape_interval if np.isfinite(r.wape_interval) else 9e9
        ):
            mark = " ← gekozen" if r.method == chosen else ""
            base = " (basislijn)" if r.baseline else ""
            if not np.isfinite(r.wape_interval):
                lines.append(
                    f"  {r.label + base:<52} {'-':>13} {'-':>9} {'-':>7}  te weinig historie"
                )
                continue
            lines.append(
                f"  {r.label + base:<52} {100 * r.wape_interval:12.1f}% {100 * r.wape_day:8.1f}% "
                f"{100 * r.bias:+6.1f}%{mark}"
            )
        return "\n".join(lines)


def backtest_origins(
    n_days: int, horizon_days: int, count: int, step_days: int = 7, min_train: int = MIN_TRAIN_DAYS
) -> list[int]:
    """Cut-off day indexes, oldest first; each leaves ``horizon_days`` of history to score."""
    last = n_days - horizon_days
    out = [last - j * step_days for j in range(count)]
    return sorted(o for o in out if o >= min_train)


def run_backtest(
    history: History,
    special: SpecialDays,
    methods: list[str],
    horizon_days: int,
    *,
    n_origins: int = 4,
    step_days: int = 7,
    on_step: Callable[[], None] | None = None,
) -> BacktestTable:
    """Score ``methods`` on the history (see the module docstring).

    ``on_step`` is called after each method × origin (for progress and cancel: it may raise).
    """
    origins = backtest_origins(history.days, horizon_days, n_origins, step_days)
    # Every method that can run at the latest origin is scored on the same origins, so that a
    # baseline is not compared on an extra early origin that a longer-memory method skipped.
    runnable = [
        METHODS[m].min_days for m in methods if origins and origins[-1] >= METHODS[m].min_days
    ]
    if runnable:
        origins = [o for o in origins if o >= max(runnable)]
    n_q = len(history.queues)
    sums = {
        m: dict(abs_i=0.0, abs_d=0.0, actual=0.0, fc=0.0, n=0, q=np.zeros((n_q, 4)))
        for m in methods
    }
    for origin in origins:
        train = history.window(0, origin)
        actual = history.offered[:, origin : origin + horizon_days]
        scored = ~history.missing[:, origin : origin + horizon_days]
        for m in methods:
            spec = METHODS[m]
            if origin < spec.min_days:
                if on_step:
                    on_step()
                continue
            f = spec.run(train, special, origin, horizon_days).volume
            s = sums[m]
            err = np.abs(actual - f)
            s["abs_i"] += float(err[scored].sum())
            s["abs_d"] += float(np.abs(actual.sum(axis=2) - f.sum(axis=2))[scored].sum())
            s["actual"] += float(actual[scored].sum())
            s["fc"] += float(f[scored].sum())
            s["n"] += 1
            for q in range(n_q):
                a, g = actual[q][scored[q]], f[q][scored[q]]
                s["q"][q] += (a.sum(), g.sum(), (g**2).sum(), ((a - g) ** 2).sum())
            if on_step:
                on_step()
    rows = []
    for m in methods:
        s = sums[m]
        spec = METHODS[m]
        if s["n"] == 0 or s["actual"] <= 0:
            rows.append(
                BacktestRow(
                    m,
                    spec.label_nl,
                    float("nan"),
                    float("nan"),
                    float("nan"),
                    int(s["n"]),
                    spec.baseline,
                    s["q"],
                )
            )
            continue
        rows.append(
            BacktestRow(
                m,
                spec.label_nl,
                s["abs_i"] / s["actual"],
                s["abs_d"] / s["actual"],
                s["fc"] / s["actual"] - 1.0,
                int(s["n"]),
                spec.baseline,
                s["q"],
            )
        )
    dates = [(history.start + timedelta(days=o)).strftime("%d-%m-%Y") for o in origins]
    return BacktestTable(rows, origins, horizon_days, dates)
