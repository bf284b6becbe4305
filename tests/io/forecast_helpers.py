"""Builders for small forecast files used by the forecast import tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

LONG_HEADER = ["date", "time", "queue", "volume", "aht"]


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


def long_xlsx(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    header: Sequence[str] = LONG_HEADER,
    queues: Sequence[Sequence[Any]] | None = None,
    sheet: str = "Forecast",
) -> Path:
    sheets: dict[str, Sequence[Sequence[Any]]] = {sheet: [list(header), *[list(r) for r in rows]]}
    if queues is not None:
        sheets["Queues"] = [list(r) for r in queues]
    return write_xlsx(path, sheets)


def day_rows(day: str, queue: str, times: Iterable[str], volume: float = 10.0, aht: float = 180.0) -> list[list[Any]]:
    return [[day, t, queue, volume, aht] for t in times]


def quarter_times(start_h: int, end_h: int) -> list[str]:
    return [f"{h:02d}:{m:02d}" for h in range(start_h, end_h) for m in (0, 15, 30, 45)]


def write_csv(path: Path, lines: Iterable[str], *, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path
