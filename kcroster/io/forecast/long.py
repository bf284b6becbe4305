"""The long format: one row per interval and queue (``date, time, queue, volume, aht``, or a
``datetime`` column), read column-wise from a :class:`~kcroster.io.table.SheetTable`."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import numpy as np

from kcroster.io.cells import (
    column_label,
    date_from_text,
    resolve_columns,
)
from kcroster.io.forecast.records import _EPOCH_ORD, _Records
from kcroster.io.table import (
    KIND_NUMBER,
    KIND_TEXT,
    SheetTable,
    column_numbers,
    column_texts,
)
from kcroster.model.errors import KcrosterInputError

LONG_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("datum", "dag", "day"),
    "time": ("tijd", "interval", "starttijd", "begintijd", "start_time", "tijdstip"),
    "datetime": ("datum_tijd", "datumtijd", "timestamp", "interval_start", "moment"),
    "queue": ("wachtrij", "skill", "queue_name"),
    "volume": ("aanbod", "contacten", "calls", "offered", "aantal"),
    "aht": ("afhandeltijd", "gemiddelde_afhandeltijd", "handle_time", "aht_sec", "aht_seconds"),
}


def _unique_texts(texts: np.ndarray) -> tuple[np.ndarray, list[str]]:
    import pandas as pd

    codes, uniques = pd.factorize(texts)
    return np.asarray(codes, dtype=np.int64), [str(u) for u in uniques]


def _parse_moment_text(text: str) -> tuple[int | None, int | None, float | None]:
    """Text in a time/datetime cell → (day ordinal or None, local seconds, instant or None).

    Returns (None, None, None) when it is not a time.
    """
    s = text.strip()
    t = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?", s)
    if t:
        h, m, sec = int(t[1]), int(t[2]), int(t[3] or 0)
        if h < 24 and m < 60 and sec < 60:
            return None, h * 3600 + m * 60 + sec, None
        return None, None, None
    try:
        moment = datetime.fromisoformat(s.replace("z", "Z"))
    except ValueError:
        m2 = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})[ T](\d{1,2})[:.](\d{2})(?::(\d{2}))?", s)
        if not m2:
            return None, None, None
        try:
            moment = datetime(int(m2[3]), int(m2[2]), int(m2[1]), int(m2[4]), int(m2[5]), int(m2[6] or 0))
        except ValueError:
            return None, None, None
    if moment.tzinfo is not None:
        return moment.date().toordinal(), moment.hour * 3600 + moment.minute * 60 + moment.second, moment.timestamp()
    return moment.date().toordinal(), moment.hour * 3600 + moment.minute * 60 + moment.second, None


def _moments_from_column(
    table: SheetTable, j: int, rows: np.ndarray, *, column: str, date_required: bool, what: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A time or datetime column → (day ordinals or -1, seconds, instants/NaN)."""
    n = rows.size
    day = np.full(n, -1, dtype=np.int64)
    sec = np.zeros(n, dtype=np.int64)
    inst = np.full(n, np.nan)
    kinds = table.kinds[rows, j] if j < table.n_cols else np.zeros(n, dtype=np.uint8)
    bad = np.zeros(n, dtype=bool)
    num = kinds == KIND_NUMBER
    if num.any():
        v = table.numbers[rows[num], j]
        ok = (v >= 0) & (v < 2958466)
        whole = np.floor(np.where(ok, v, 0.0))
        frac_sec = np.rint((np.where(ok, v, 0.0) - whole) * 86400.0).astype(np.int64)
        carry = frac_sec >= 86400
        frac_sec[carry] -= 86400
        # A bare time (< 1 day) has no date; a date-time rounding up to midnight moves a day on.
        d = np.where(whole >= 1, (whole + carry).astype(np.int64) + _EPOCH_ORD, -1)
        day[num] = d
        sec[num] = frac_sec
        bad[num] = ~ok
    txt = kinds == KIND_TEXT
    if txt.any():
        codes, uniq = _unique_texts(table.texts[rows[txt], j])
        parsed = [_parse_moment_text(u) for u in uniq]
        pd_day = np.asarray([-1 if p[0] is None else p[0] for p in parsed], dtype=np.int64)
        pd_sec = np.asarray([-1 if p[1] is None else p[1] for p in parsed], dtype=np.int64)
        pd_inst = np.asarray([np.nan if p[2] is None else p[2] for p in parsed], dtype=np.float64)
        day[txt] = pd_day[codes]
        sec[txt] = pd_sec[codes]
        inst[txt] = pd_inst[codes]
        bad[txt] = pd_sec[codes] < 0
    bad |= ~(num | txt)
    if date_required:
        bad |= day < 0
    if bad.any():
        i = int(rows[int(np.flatnonzero(bad)[0])])
        value = table.value(i, j) if j < table.n_cols else None
        reason = (
            f"cel is leeg; {what} verwacht" if value is None else f"'{value}' is geen {what}"
        )
        raise KcrosterInputError(
            reason, file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=column
        )
    return day, sec, inst


def _dates_from_column(table: SheetTable, j: int, rows: np.ndarray, *, column: str) -> np.ndarray:
    n = rows.size
    day = np.full(n, -1, dtype=np.int64)
    kinds = table.kinds[rows, j] if j < table.n_cols else np.zeros(n, dtype=np.uint8)
    num = kinds == KIND_NUMBER
    if num.any():
        v = table.numbers[rows[num], j]
        ok = (v >= 1) & (v < 2958466)
        day[num] = np.where(ok, np.floor(np.where(ok, v, 1)).astype(np.int64) + _EPOCH_ORD, -1)
    txt = kinds == KIND_TEXT
    if txt.any():
        codes, uniq = _unique_texts(table.texts[rows[txt], j])
        parsed = []
        for u in uniq:
            d = date_from_text(u)
            parsed.append(-1 if d is None else d.toordinal())
        day[txt] = np.asarray(parsed, dtype=np.int64)[codes]
    if (day < 0).any():
        i = int(rows[int(np.flatnonzero(day < 0)[0])])
        value = table.value(i, j) if j < table.n_cols else None
        reason = "cel is leeg; een datum verwacht" if value is None else (
            f"'{value}' is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"
        )
        raise KcrosterInputError(
            reason, file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=column
        )
    return day


def _long_records(table: SheetTable, cols: dict[str, int], queue_aht: dict[str, float | None]) -> _Records:
    header = table.row_values(0)
    rows = np.arange(1, table.n_rows)
    labels = {k: column_label(j, header[j]) for k, j in cols.items()}
    if rows.size == 0:
        raise KcrosterInputError("bevat geen gegevens onder de kopregel", file=table.file, sheet=table.sheet)
    names = column_texts(table, cols["queue"], column=labels["queue"], rows=rows)
    codes, queue_names = _unique_texts(names)
    volume = column_numbers(table, cols["volume"], column=labels["volume"], rows=rows)
    if "aht" in cols:
        aht = column_numbers(table, cols["aht"], column=labels["aht"], rows=rows, empty=np.nan)
    else:
        missing = [q for q in queue_names if queue_aht.get(q) is None]
        if missing:
            raise KcrosterInputError(
                f"kolom 'aht' ontbreekt (ook herkend als: afhandeltijd) en wachtrij '{missing[0]}' heeft "
                "geen aht op het wachtrijenblad",
                file=table.file, sheet=table.sheet, row=int(table.row_numbers[0]), column="aht",
            )
        per_queue = np.asarray([float(queue_aht[q] or 0.0) for q in queue_names])
        aht = per_queue[codes]
    time_key = "time" if "time" in cols else "datetime" if "datetime" in cols else None
    if time_key is None:
        raise KcrosterInputError(
            "kolom 'time' ontbreekt (ook herkend als: tijd)", file=table.file, sheet=table.sheet,
            row=int(table.row_numbers[0]), column="time",
        )
    if "date" not in cols and time_key == "time" and "datetime" in cols:
        time_key = "datetime"
    day, sec, inst = _moments_from_column(
        table, cols[time_key], rows, column=labels[time_key],
        date_required="date" not in cols, what="tijd (UU:MM) of datum met tijd",
    )
    if "date" in cols:
        dcol = _dates_from_column(table, cols["date"], rows, column=labels["date"])
        clash = (day >= 0) & (day != dcol) & np.isnan(inst)
        if clash.any():
            i = int(rows[int(np.flatnonzero(clash)[0])])
            raise KcrosterInputError(
                f"datum in kolom {labels[time_key]} wijkt af van kolom {labels['date']}",
                file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=labels[time_key],
            )
        day = np.where(np.isnan(inst), dcol, day)
    row_numbers = table.row_numbers[rows]
    field_label = {"queue": labels["queue"], "volume": labels["volume"], "aht": labels.get("aht", "aht"),
                   "time": labels[time_key], "date": labels.get("date", labels[time_key])}

    def where(i: int, fld: str) -> dict[str, Any]:
        return {"file": table.file, "sheet": table.sheet, "row": int(row_numbers[i]), "column": field_label[fld]}

    return _Records(
        queue_names=queue_names, queue_codes=codes, day_ord=day, seconds=sec,
        fold=np.full(rows.size, -1, dtype=np.int8), instant=inst, volume=volume, aht=aht, where=where,
    )


def _is_long_header(table: SheetTable) -> dict[str, int] | None:
    if table.n_rows == 0:
        return None
    try:
        cols = resolve_columns(
            table.row_values(0), LONG_COLUMNS, {"queue", "volume"}, file=table.file, sheet=table.sheet
        )
    except KcrosterInputError:
        return None
    if not ({"time", "datetime"} & cols.keys()):
        return None
    return cols
