"""Write a forecast made from history in the long forecast format that every command reads.

Columns ``date, time, queue, volume, aht, p10, p90``: ``volume`` is the volume at the chosen
quantile (what the requirement is computed on), ``p10``/``p90`` the prediction band of the
realised count; :func:`kcroster.io.forecast.load_forecast` reads the first five and ignores the
band. One row per open interval: closed cells (no history there) get no row, so the reader's
"open from the first to the last interval with volume" and the staffing of closed intervals
stay as the history shows them.

Rows follow the absolute intervals of the days (Europe/Amsterdam): the spring DST day has no
02:00–02:59 rows, the autumn day has them twice in order (summer time first), as the reader
expects. CSV: ``,``-separated, ``.`` decimals, ISO dates, UTF-8; xlsx: sheet ``Forecast`` with
real date cells. Files are written to a temporary name and renamed, so a failed write never
leaves half a forecast behind.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from kcroster.forecasting.engine import ForecastResult
from kcroster.model.errors import KcrosterInputError

__all__ = ["COLUMNS", "forecast_rows", "write_forecast"]

COLUMNS = ("date", "time", "queue", "volume", "aht", "p10", "p90")


def forecast_rows(result: ForecastResult) -> Iterator[tuple[Any, ...]]:
    """``(date, 'HH:MM', queue, volume, aht, p10, p90)`` per open cell, queue by queue."""
    from kcroster.model.timegrid import Horizon

    horizon = Horizon(
        start=result.start, days=result.days, interval_minutes=result.interval_minutes
    )
    day_of = horizon.day_of_interval
    minute = horizon.local_minute_of_day
    slot = minute // result.interval_minutes
    dates = horizon.dates
    labels = [f"{m // 60:02d}:{m % 60:02d}" for m in range(0, 1440, result.interval_minutes)]
    for q, name in enumerate(result.queues):
        is_open = result.open[q, day_of, slot]
        for k in np.flatnonzero(is_open).tolist():
            d, s = int(day_of[k]), int(slot[k])
            yield (
                dates[d],
                labels[s],
                name,
                float(result.planned[q, d, s]),
                float(result.aht[q, d, s]),
                float(result.p10[q, d, s]),
                float(result.p90[q, d, s]),
            )


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise KcrosterInputError(
            f"kan niet schrijven ({exc.strerror or exc})", file=path.name
        ) from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _csv(result: ForecastResult, tmp: Path) -> None:
    from kcroster.io.xlsx.writer import safe_cell_text

    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for day, at, queue, volume, aht, p10, p90 in forecast_rows(result):
            w.writerow(
                [
                    day.isoformat(),
                    at,
                    safe_cell_text(queue),
                    f"{volume:.3f}",
                    f"{aht:.1f}",
                    f"{p10:.3f}",
                    f"{p90:.3f}",
                ]
            )


def _xlsx(result: ForecastResult, tmp: Path) -> None:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from kcroster.io.xlsx.writer import set_cell_safe

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Forecast")
    ws.freeze_panes = "A2"
    header = []
    for label in COLUMNS:
        c = WriteOnlyCell(ws, value=label)
        c.font = Font(bold=True)
        header.append(c)
    ws.append(header)
    formats = ("DD-MM-YYYY", None, None, "0.00", "0", "0.00", "0.00")
    for row in forecast_rows(result):
        cells = []
        for value, fmt in zip(row, formats, strict=True):
            c = WriteOnlyCell(ws)
            set_cell_safe(c, value)
            if fmt:
                c.number_format = fmt
            cells.append(c)
        ws.append(cells)
    wb.save(tmp)


def write_forecast(result: ForecastResult, path: str | Path) -> Path:
    """Write ``.csv`` or ``.xlsx`` by the file's extension."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return _atomic(p, lambda tmp: _csv(result, tmp))
    if suffix == ".xlsx":
        return _atomic(p, lambda tmp: _xlsx(result, tmp))
    raise KcrosterInputError("uitvoer moet eindigen op .xlsx of .csv", file=p.name)
