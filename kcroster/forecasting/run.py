"""``kcroster forecast``: read a history, make the forecast, write it, and say what was done.

:func:`run_forecast` is the whole command without the argument parsing, so that the CLI only
parses and prints and a test or another front end gets the same result. It returns a
:class:`ForecastRun` with the result, the written path and the report text (backtest table,
chosen method, AHT and patience proposals, notices) in Dutch, as the planner reads it.

Bad input raises :class:`~kcroster.model.KcrosterInputError` naming file, row and column where
there is one (the CLI turns it into exit code 2). Days without data in the history (a gap, a
missing week) are not an error: the methods skip them and the report names the dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from kcroster.forecasting.engine import ForecastRequest, ForecastResult, make_forecast
from kcroster.forecasting.history import History, load_history
from kcroster.model.errors import KcrosterInputError

__all__ = ["ForecastRun", "check_history_values", "report_text", "run_forecast"]


@dataclass
class ForecastRun:
    """What one ``kcroster forecast`` did."""

    result: ForecastResult
    output: Path
    rows: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def check_history_values(history: History, file: str) -> None:
    """Refuse counts that cannot be history: negative or non-finite volumes.

    The readers refuse these themselves where they can name the row; this is the last guard
    for histories built in code or from a forecast file whose reader let them through.
    """
    bad = ~np.isfinite(history.offered) | (history.offered < 0)
    if bad.any():
        q, d, s = (int(v[0]) for v in np.nonzero(bad))
        value = history.offered[q, d, s]
        raise KcrosterInputError(
            f"negatief of ongeldig aantal contacten ({value:g}) voor wachtrij "
            f"'{history.queues[q]}' op {history.dates[d].strftime('%d-%m-%Y')} "
            f"{history.slot_label(s)}",
            file=file,
        )


def _aht_lines(result: ForecastResult) -> list[str]:
    lines = []
    for q, name in enumerate(result.queues):
        open_cells = result.open[q]
        volume = result.volume[q][open_cells]
        if volume.sum() <= 0:
            continue
        mean_aht = float((result.aht[q][open_cells] * volume).sum() / volume.sum())
        lines.append(f"  {name}: AHT {mean_aht:.0f} s (gewogen over de prognose)")
    return lines


def report_text(result: ForecastResult) -> list[str]:
    """The lines the command prints: backtest table, choice, AHT and patience, notices."""
    lines: list[str] = []
    if result.backtest is not None:
        lines.append(result.backtest.text(result.method))
    lines.append(f"Gekozen methode: {result.method} ({result.method_label})")
    aht = _aht_lines(result)
    if aht:
        lines.append("Voorgestelde AHT per wachtrij:")
        lines.extend(aht)
    if result.patience:
        lines.append(
            "Voorgesteld geduld per wachtrij (Erlang A, exponentieel, MLE met censurering):"
        )
        lines.extend(f"  {p.text()}" for p in result.patience)
    for note in result.notes:
        lines.append(f"let op: {note}")
    return lines


def run_forecast(
    history_path: str | Path,
    output: str | Path,
    *,
    start: date,
    weeks: int,
    interval_minutes: int | None = None,
    method: str = "auto",
    quantile: float = 0.5,
    columns: dict[str, str] | None = None,
    aht_seconds: float | None = None,
    special_days: dict[date, str] | None = None,
    holidays_country: str | None = "NL",
) -> ForecastRun:
    """Read ``history_path``, forecast ``weeks`` weeks from ``start``, write ``output``.

    The output's extension (``.csv`` or ``.xlsx``) is checked before the work starts, so a typo
    costs no backtest.
    """
    from kcroster.forecasting.output import forecast_rows, write_forecast

    out = Path(output)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise KcrosterInputError("uitvoer moet eindigen op .xlsx of .csv", file=out.name)
    src = Path(history_path)
    history = load_history(
        src, interval_minutes=interval_minutes, columns=columns, holidays_country=holidays_country
    )
    check_history_values(history, src.name)
    history.notes = [
        f"{src.name}: {n}" if n.startswith(("Geen gegevens", "Wachtrij '")) else n
        for n in history.notes
    ]
    request = ForecastRequest(
        start=start,
        weeks=weeks,
        interval_minutes=interval_minutes,
        method=method,
        quantile=quantile,
        special_days=dict(special_days or {}),
        holidays_country=holidays_country,
        aht_seconds=aht_seconds,
    )
    result = make_forecast(history, request)
    written = write_forecast(result, out)
    rows = sum(1 for _ in forecast_rows(result))
    lines = report_text(result)
    first, last = result.dates[0], result.dates[-1]
    lines.append(
        f"geschreven: {written} ({rows} regels, {first.strftime('%d-%m-%Y')} t/m "
        f"{last.strftime('%d-%m-%Y')})"
    )
    return ForecastRun(result, written, rows, lines)
