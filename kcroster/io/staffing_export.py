"""Export the staffing requirement (per queue × interval) to CSV or to a workbook for people.

Columns (both formats): ``date, time, queue, volume, aht, traffic, agents, scheduled,
service_level, asa, occupancy, abandon, reachability``. Fractions (service level, occupancy,
abandon, reachability) are written as fractions 0–1; the workbook shows them as percentages.
Values that do not apply (e.g. a service level for a closed interval) are left empty.

* CSV: ``,``-separated, ``.`` decimals, UTF-8, ISO dates — for other tools. Text that a
  spreadsheet could run as a formula is neutralised (:func:`kcroster.io.xlsx.writer.safe_cell_text`).
* xlsx: one sheet per queue plus ``Dagoverzicht`` (per day per queue: volume, workload hours,
  required and scheduled agent-hours, FTE on the project's basis (a fifth of its hours a week
  per day: 7.2 h for 36 h), service level
  weighted by volume, the ISO week with its dates, ``wk 19 (10–16 mei)``); header row frozen,
  column widths, auto-filter, number formats.

:func:`queue_targets` maps a :class:`~kcroster.model.Queue` onto the staffing engine's
``QueueTargets`` (kept here for now; the lead may move it). The requirement itself is computed
by :func:`kcroster.pipeline.compute_requirement` (the active scenario's what-ifs applied); this
module only writes it.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from kcroster.io.atomic import atomic_write
from kcroster.io.xlsx.writer import (
    SheetWriter,
    Styles,
    add_filter,
    new_workbook,
    safe_cell_text,
    save_workbook,
    set_widths,
)
from kcroster.model.errors import KcrosterInputError
from kcroster.model.forecast import Forecast
from kcroster.model.kpis import fte_day_hours
from kcroster.model.project import Project
from kcroster.model.queues import Queue
from kcroster.model.weeks import iso_weeks

__all__ = [
    "COLUMNS",
    "DailySummary",
    "daily_summary",
    "queue_targets",
    "write_staffing",
    "write_staffing_csv",
    "write_staffing_xlsx",
]

COLUMNS = (
    "date", "time", "queue", "volume", "aht", "traffic", "agents", "scheduled",
    "service_level", "asa", "occupancy", "abandon", "reachability",
)
_FRACTIONS = ("service_level", "occupancy", "abandon", "reachability")


def queue_targets(queue: Queue) -> Any:
    """The staffing engine's ``QueueTargets`` for a domain queue."""
    from kcroster.staffing import QueueTargets

    try:
        return _targets(QueueTargets, queue)
    except (ValueError, TypeError) as exc:  # the engine validates combinations (e.g. voice + concurrency 2)
        raise KcrosterInputError(f"wachtrij '{queue.name}': ongeldige instellingen ({exc})") from exc


def _targets(cls: Any, queue: Queue) -> Any:
    return cls(
        channel=str(queue.channel),
        sl_percent=queue.sl_percent,
        sl_seconds=queue.sl_seconds,
        asa_seconds=queue.asa_seconds,
        max_occupancy=queue.max_occupancy,
        shrinkage=queue.shrinkage,
        patience_seconds=queue.patience_seconds,
        max_abandon=queue.max_abandon,
        concurrency=queue.concurrency,
        response_hours=queue.response_hours,
        min_agents_when_open=queue.min_agents_when_open,
    )


def _array(requirement: Any, name: str, shape: tuple[int, int]) -> np.ndarray:
    value = getattr(requirement, name, None)
    if value is None:
        return np.full(shape, np.nan)
    arr = np.asarray(value, dtype=float)
    return arr if arr.shape == shape else np.broadcast_to(arr, shape).astype(float)


def _arrays(forecast: Forecast, requirement: Any) -> dict[str, np.ndarray]:
    shape = forecast.volume.shape
    out = {"volume": forecast.volume, "aht": forecast.aht}
    for name in ("traffic", "agents", "scheduled", "service_level", "asa", "occupancy", "abandon", "reachability"):
        out[name] = _array(requirement, name, shape)
    return out


def _labels(forecast: Forecast) -> tuple[list[date], list[str]]:
    h = forecast.horizon
    dates = h.dates
    day_of = h.day_of_interval.tolist()
    minute = h.local_minute_of_day.tolist()
    return [dates[d] for d in day_of], [f"{m // 60:02d}:{m % 60:02d}" for m in minute]


def _clean(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def _rows(forecast: Forecast, requirement: Any) -> Iterator[tuple[int, list[Any]]]:
    """(queue index, row values in COLUMNS order) for every queue × interval."""
    arrays = _arrays(forecast, requirement)
    day_labels, time_labels = _labels(forecast)
    names = forecast.queue_names
    keys = COLUMNS[3:]
    n_i = forecast.horizon.n_intervals
    for q, name in enumerate(names):
        cols = [arrays[k][q].tolist() for k in keys]
        for k in range(n_i):
            yield q, [day_labels[k], time_labels[k], name, *[_clean(c[k]) for c in cols]]


def _fmt(value: Any, key: str) -> Any:
    if value is None:
        return ""
    if key == "date":
        return value.isoformat()
    if key == "agents":
        return str(int(round(value)))
    if isinstance(value, float):
        digits = 6 if key in _FRACTIONS else 4
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    return safe_cell_text(value)


def write_staffing_csv(forecast: Forecast, requirement: Any, path: str | Path) -> Path:
    """CSV for tools: ``,``-separated, ``.`` decimals, UTF-8."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter=",", lineterminator="\n")
            w.writerow(COLUMNS)
            for _q, row in _rows(forecast, requirement):
                w.writerow([_fmt(v, k) for v, k in zip(row, COLUMNS, strict=True)])

    return atomic_write(Path(path), write)


@dataclass(frozen=True)
class DailySummary:
    day: date
    queue: str
    volume: float
    workload_hours: float
    required_hours: float
    scheduled_hours: float
    fte: float
    service_level: float | None  # weighted by volume; None when no volume
    week: str = ""  # the ISO week, as every screen and export names it: wk 19 (10–16 mei)


def daily_summary(forecast: Forecast, requirement: Any, fte_hours: float = Project.fte_hours) -> list[DailySummary]:
    """Per day per queue totals (the ``Dagoverzicht`` sheet); FTE on the project's basis
    ``fte_hours`` (hours a week, default the new-project default) by :func:`kcroster.model.kpis.fte_day_hours`."""
    h = forecast.horizon
    arrays = _arrays(forecast, requirement)
    hours = h.interval_minutes / 60.0
    out: list[DailySummary] = []
    week_of = {d: w.label("nl") for w in iso_weeks(h.dates) for d in w.days}
    for d, day in enumerate(h.dates):
        sl = h.day_slice(d)
        for q, name in enumerate(forecast.queue_names):
            vol = arrays["volume"][q, sl]
            aht = arrays["aht"][q, sl]
            agents = np.nan_to_num(arrays["agents"][q, sl])
            sched = np.nan_to_num(arrays["scheduled"][q, sl])
            slv = arrays["service_level"][q, sl]
            weight = np.where(np.isfinite(slv) & (vol > 0), vol, 0.0)
            sl_w = float((np.nan_to_num(slv) * weight).sum() / weight.sum()) if weight.sum() > 0 else None
            sched_h = float(sched.sum() * hours)
            out.append(
                DailySummary(
                    day=day,
                    queue=name,
                    volume=float(vol.sum()),
                    workload_hours=float((vol * aht).sum() / 3600.0),
                    required_hours=float(agents.sum() * hours),
                    scheduled_hours=sched_h,
                    fte=sched_h / fte_day_hours(fte_hours),
                    service_level=sl_w,
                    week=week_of[day],
                )
            )
    return out


_XLSX_FORMATS = {
    "date": "DD-MM-YYYY", "volume": "0.0", "aht": "0", "traffic": "0.00", "agents": "0",
    "scheduled": "0.0", "service_level": "0.0%", "asa": "0.0", "occupancy": "0.0%",
    "abandon": "0.0%", "reachability": "0.0%",
}
_HEADERS_NL = {
    "date": "datum", "time": "tijd", "queue": "wachtrij", "volume": "volume", "aht": "aht (s)",
    "traffic": "verkeer (Erl)", "agents": "agents nodig", "scheduled": "in te roosteren",
    "service_level": "service level", "asa": "asa (s)", "occupancy": "bezettingsgraad",
    "abandon": "afhaak", "reachability": "bereikbaarheid",
}
_WIDTHS = {"date": 12, "time": 7, "queue": 14}


def _sheet_title(name: str, used: set[str]) -> str:
    base = "".join("_" if c in '[]:*?/\\' else c for c in name).strip().strip("'") or "Wachtrij"
    base = base[:31]
    title, n = base, 2
    while title.lower() in used or title.lower() == "dagoverzicht":
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title


def write_staffing_xlsx(forecast: Forecast, requirement: Any, path: str | Path,
                        fte_hours: float = Project.fte_hours) -> Path:
    """Workbook for people: one sheet per queue + ``Dagoverzicht``."""
    from openpyxl.styles import Alignment

    styles = Styles()
    wrap = Alignment(wrap_text=True, vertical="top")
    keys = [k for k in COLUMNS if k != "queue"]

    def cells(w: SheetWriter, values: list[Any], formats: list[str | None]) -> list[Any]:
        return [w.cell(v, fmt if v is not None else None) for v, fmt in zip(values, formats, strict=True)]

    wb = new_workbook()
    used: set[str] = set()
    by_queue: dict[int, list[list[Any]]] = {q: [] for q in range(len(forecast.queues))}
    for q, row in _rows(forecast, requirement):
        by_queue[q].append(row)
    summary_ws = wb.create_sheet("Dagoverzicht")
    formats = [_XLSX_FORMATS.get(k) for k in keys]
    for q, name in enumerate(forecast.queue_names):
        ws = wb.create_sheet(_sheet_title(name, used))
        w = SheetWriter(ws, styles)
        set_widths(ws, [_WIDTHS.get(k, 13) for k in keys])
        ws.freeze_panes = "C2"
        add_filter(ws, len(keys), len(by_queue[q]) + 1)
        ws.append(w.header([_HEADERS_NL[k] for k in keys], align=wrap))
        for row in by_queue[q]:
            values = dict(zip(COLUMNS, row, strict=True))
            ws.append(cells(w, [values[k] for k in keys], formats))
    labels = ["datum", "wachtrij", "volume", "werklast (uur)", "nodig (agent-uur)",
              "in te roosteren (agent-uur)", f"FTE ({fte_day_hours(fte_hours):.1f} u/dag)".replace(".", ","),
              "service level (gewogen)", "week"]
    summary_formats = ["DD-MM-YYYY", None, "0.0", "0.0", "0.0", "0.0", "0.00", "0.0%", None]
    summary = daily_summary(forecast, requirement, fte_hours)
    w = SheetWriter(summary_ws, styles)
    set_widths(summary_ws, (12, 14, 10, 14, 16, 18, 14, 18, 24))
    summary_ws.freeze_panes = "A2"
    add_filter(summary_ws, len(labels), len(summary) + 1)
    summary_ws.append(w.header(labels, align=wrap))
    for s in summary:
        summary_values = [s.day, s.queue, s.volume, s.workload_hours, s.required_hours, s.scheduled_hours,
                          s.fte, s.service_level, s.week]
        summary_ws.append(cells(w, summary_values, summary_formats))
    return save_workbook(wb, path)


def write_staffing(forecast: Forecast, requirement: Any, path: str | Path,
                   fte_hours: float = Project.fte_hours) -> Path:
    """Write by extension: ``.csv`` or ``.xlsx``."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return write_staffing_csv(forecast, requirement, p)
    if suffix == ".xlsx":
        return write_staffing_xlsx(forecast, requirement, p, fte_hours)
    raise KcrosterInputError("uitvoer moet eindigen op .xlsx of .csv", file=p.name)
