"""The wide format: one sheet per queue, times down the first column and dates across the
first row, volumes in the cells (an empty cell is a missing value, not 0)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np

from kcroster.io.cells import (
    column_label,
    date_from_text,
)
from kcroster.io.forecast.records import _EPOCH_ORD, _hhmm, _Records
from kcroster.io.table import (
    KIND_EMPTY,
    KIND_NUMBER,
    KIND_TEXT,
    SheetTable,
    column_numbers,
)
from kcroster.model.errors import KcrosterInputError


def _wide_header_dates(table: SheetTable) -> list[tuple[int, int]] | None:
    """(column, day ordinal) for the header cells that are dates; None if not a wide sheet."""
    if table.n_rows == 0:
        return None
    out = []
    for j in range(1, table.n_cols):
        k = int(table.kinds[0, j])
        if k == KIND_NUMBER:
            v = float(table.numbers[0, j])
            if 1 <= v < 2958466:
                out.append((j, int(math.floor(v)) + _EPOCH_ORD))
                continue
            return None
        if k == KIND_TEXT:
            d = date_from_text(str(table.texts[0, j]))
            if d is None:
                return None
            out.append((j, d.toordinal()))
        elif k != KIND_EMPTY:
            return None
    return out or None


def _wide_grid(
    table: SheetTable, dates: list[tuple[int, int]], *, empty: float | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(row index, date index, seconds, occurrence, day ordinal, value) for every data cell."""
    from kcroster.io.cells import parse_time

    header0 = table.row_values(0)
    tcol_label = column_label(0, header0[0] if header0 else None)
    times: list[int] = []
    occurrence: list[int] = []
    seen: dict[int, int] = {}
    for i in range(1, table.n_rows):
        t = parse_time(table.value(i, 0), file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]),
                       column=tcol_label)
        s = t.hour * 3600 + t.minute * 60 + t.second
        n_seen = seen.get(s, 0)
        if n_seen >= 2:
            raise KcrosterInputError(
                f"tijd {_hhmm(s)} staat vaker dan twee keer in de tijdkolom",
                file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=tcol_label,
            )
        seen[s] = n_seen + 1
        times.append(s)
        occurrence.append(n_seen)
    rows = np.arange(1, table.n_rows)
    seen_days: dict[int, int] = {}
    for j, d in dates:
        if d in seen_days:
            raise KcrosterInputError(
                f"datum {date.fromordinal(d).strftime('%d-%m-%Y')} staat twee keer in de kopregel "
                f"(ook kolom {column_label(seen_days[d])})",
                file=table.file, sheet=table.sheet, row=int(table.row_numbers[0]), column=column_label(j, header0[j]),
            )
        seen_days[d] = j
    n_r, n_d = rows.size, len(dates)
    values = np.zeros((n_r, n_d))
    for c, (j, _d) in enumerate(dates):
        values[:, c] = column_numbers(
            table, j, column=column_label(j, header0[j]), rows=rows, empty=empty
        )
    r_idx = np.repeat(np.arange(n_r), n_d)
    c_idx = np.tile(np.arange(n_d), n_r)
    secs = np.asarray(times, dtype=np.int64)[r_idx] if n_r else np.zeros(0, np.int64)
    occ = np.asarray(occurrence, dtype=np.int8)[r_idx] if n_r else np.zeros(0, np.int8)
    days = np.asarray([d for _j, d in dates], dtype=np.int64)[c_idx]
    return r_idx, c_idx, secs, occ, days, values.reshape(-1)


def _wide_records(
    sheets: list[tuple[str, SheetTable, list[tuple[int, int]]]],
    aht_tables: dict[str, SheetTable],
    queue_aht: dict[str, float | None],
) -> _Records:
    names: list[str] = []
    parts: dict[str, list[np.ndarray]] = {
        k: [] for k in ("q", "day", "sec", "fold", "vol", "blank", "aht", "row", "col", "sheet")}
    tables: list[SheetTable] = []
    for qi, (name, table, dates) in enumerate(sheets):
        names.append(name)
        tables.append(table)
        r_idx, c_idx, secs, occ, days, vols = _wide_grid(table, dates, empty=np.nan)
        blank = np.isnan(vols)  # an empty cell is not a zero: inside opening hours it is a gap
        vols = np.where(blank, 0.0, vols)
        aht_table = aht_tables.get(name)
        if aht_table is not None:
            a_dates = _wide_header_dates(aht_table)
            if a_dates is None:
                raise KcrosterInputError(
                    "kopregel moet datums bevatten (zelfde vorm als het volumeblad)",
                    file=aht_table.file, sheet=aht_table.sheet,
                    row=int(aht_table.row_numbers[0]) if aht_table.n_rows else 1,
                )
            _r, _c, a_secs, a_occ, a_days, a_vals = _wide_grid(aht_table, a_dates, empty=np.nan)
            lookup = {(int(d), int(s), int(o)): float(v)
                      for d, s, o, v in zip(a_days, a_secs, a_occ, a_vals, strict=True)}
            ahts = np.asarray(
                [lookup.get((int(d), int(s), int(o)), np.nan) for d, s, o in zip(days, secs, occ, strict=True)],
                dtype=np.float64,
            )
        else:
            value = queue_aht.get(name)
            if value is None:
                raise KcrosterInputError(
                    f"geen AHT voor wachtrij '{name}': voeg een blad '{name} AHT' toe "
                    "of een kolom 'aht' op het blad Queues",
                    file=table.file, sheet=table.sheet,
                )
            ahts = np.full(vols.size, float(value))
        parts["q"].append(np.full(vols.size, qi, dtype=np.int64))
        parts["day"].append(days)
        parts["sec"].append(secs)
        parts["fold"].append(occ.astype(np.int8))
        parts["vol"].append(vols)
        parts["blank"].append(blank)
        parts["aht"].append(ahts)
        parts["row"].append(table.row_numbers[1:][r_idx] if r_idx.size else np.zeros(0, np.int64))
        parts["col"].append(np.asarray([dates[c][0] for c in c_idx.tolist()], dtype=np.int64))
        parts["sheet"].append(np.full(vols.size, qi, dtype=np.int64))
    cat = {k: (np.concatenate(v) if v else np.zeros(0)) for k, v in parts.items()}
    headers = [t.row_values(0) for t in tables]

    def where(i: int, fld: str) -> dict[str, Any]:
        qi = int(cat["sheet"][i])
        t = tables[qi]
        if fld == "aht" and names[qi] in aht_tables:
            t = aht_tables[names[qi]]
        j = int(cat["col"][i])
        if fld == "time":
            col = column_label(0, headers[qi][0])
        else:
            col = column_label(j, headers[qi][j] if j < len(headers[qi]) else None)
        return {"file": t.file, "sheet": t.sheet, "row": int(cat["row"][i]), "column": col}

    return _Records(
        queue_names=names, queue_codes=cat["q"].astype(np.int64), day_ord=cat["day"].astype(np.int64),
        seconds=cat["sec"].astype(np.int64), fold=cat["fold"].astype(np.int8),
        instant=np.full(cat["q"].size, np.nan), volume=cat["vol"].astype(np.float64),
        aht=cat["aht"].astype(np.float64), where=where, lenient_zero=True, blank=cat["blank"].astype(bool),
    )
