"""Tables: a sheet read whole, as typed cells that still know where they stand.

:class:`SheetTable`
    a sheet (or CSV) as dense column arrays — kinds, numbers, texts — with the file's row
    number of every table row: what the bulk importers (the forecast, ACD call lists) validate
    column by column (:func:`column_numbers`, :func:`column_texts`), each refusal at its cell.
    Made by the fast reader (:mod:`kcroster.io.xlsx.fast_reader`), from openpyxl rows
    (:func:`table_from_rows`) or from a CSV (:func:`kcroster.io.csv_reader.csv_table`).
:class:`Records`
    a small sheet of a planner workbook (agents, leave, wishes, …) as rows keyed by canonical
    column name (:func:`read_records`): each :class:`Record` keeps its Excel row number, so every
    value can be refused at its cell (:meth:`Records.loc`). Only the columns the format knows are
    read; the others are named in a warning and never looked at.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np

from kcroster.io.cells import (
    EXCEL_EPOCH,
    Loc,
    cell_text,
    column_label,
    is_blank,
    number_from_text,
    parse_number,
    resolve_columns,
    shown,
)
from kcroster.model.errors import KcrosterInputError

__all__ = [
    "KIND_BOOL",
    "KIND_EMPTY",
    "KIND_ERROR",
    "KIND_NUMBER",
    "KIND_TEXT",
    "Record",
    "Records",
    "SheetTable",
    "column_numbers",
    "column_texts",
    "read_records",
    "table_from_rows",
]

KIND_EMPTY = 0
KIND_NUMBER = 1  # numbers, and dates/times as Excel serials (days since 1899-12-30)
KIND_TEXT = 2
KIND_BOOL = 3
KIND_ERROR = 4  # '#N/A', '#DIV/0!', ...

EXCEL_ERRORS = {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"}


@dataclass
class SheetTable:
    """A sheet (or CSV) as dense column arrays: what bulk importers validate vectorised.

    Row ``i`` of the table is row ``row_numbers[i]`` of the file (1-based, as a spreadsheet
    shows it); rows without any value are left out. ``kinds[i, j]`` says what cell ``(i, j)``
    holds; numbers (and dates/times as Excel serials, booleans as 0/1) are in ``numbers``, text
    and error codes in ``texts`` (``None`` elsewhere).
    """

    file: str
    sheet: str | None
    row_numbers: np.ndarray
    kinds: np.ndarray
    numbers: np.ndarray
    texts: np.ndarray

    @property
    def n_rows(self) -> int:
        return int(self.kinds.shape[0])

    @property
    def n_cols(self) -> int:
        return int(self.kinds.shape[1])

    def value(self, i: int, j: int) -> Any:
        """Python value of cell ``(i, j)``: None, float, str or bool."""
        if j >= self.n_cols:
            return None
        k = int(self.kinds[i, j])
        if k == KIND_NUMBER:
            return float(self.numbers[i, j])
        if k == KIND_BOOL:
            return bool(self.numbers[i, j])
        if k in (KIND_TEXT, KIND_ERROR):
            return self.texts[i, j]
        return None

    def row_values(self, i: int) -> list[Any]:
        return [self.value(i, j) for j in range(self.n_cols)]


def datetime_to_serial(value: datetime | date | time | timedelta) -> float:
    if isinstance(value, datetime):
        base = datetime.combine(EXCEL_EPOCH, time(0))
        return (value.replace(tzinfo=None) - base).total_seconds() / 86400.0
    if isinstance(value, date):
        return float((value - EXCEL_EPOCH).days)
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400.0
    return value.total_seconds() / 86400.0


def table_from_rows(
    rows: Iterable[Iterable[Any]],
    *,
    file: str,
    sheet: str | None,
    first_row: int = 1,
    row_numbers: Iterable[int] | None = None,
) -> SheetTable:
    """Build a :class:`SheetTable` from Python values (openpyxl rows or CSV records)."""
    kept: list[list[Any]] = []
    numbers_of_rows: list[int] = []
    numbering = iter(row_numbers) if row_numbers is not None else None
    width = 0
    for n, row in enumerate(rows):
        row_no = next(numbering) if numbering is not None else first_row + n
        values = list(row)
        while values and is_blank(values[-1]):
            values.pop()
        if not values:
            continue
        kept.append(values)
        numbers_of_rows.append(row_no)
        width = max(width, len(values))
    n_rows = len(kept)
    kinds = np.zeros((n_rows, width), dtype=np.uint8)
    numbers = np.zeros((n_rows, width), dtype=np.float64)
    texts = np.empty((n_rows, width), dtype=object)
    for i, values in enumerate(kept):
        for j, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, bool):
                kinds[i, j] = KIND_BOOL
                numbers[i, j] = float(v)
            elif isinstance(v, (int, float)):
                fv = float(v)
                if math.isfinite(fv):
                    kinds[i, j] = KIND_NUMBER
                    numbers[i, j] = fv
                else:
                    kinds[i, j] = KIND_TEXT
                    texts[i, j] = str(v)
            elif isinstance(v, (datetime, date, time, timedelta)):
                kinds[i, j] = KIND_NUMBER
                numbers[i, j] = datetime_to_serial(v)
            elif isinstance(v, str):
                if v.strip():
                    kinds[i, j] = KIND_ERROR if v.startswith("#") and v.upper() in EXCEL_ERRORS else KIND_TEXT
                    texts[i, j] = v
            else:
                kinds[i, j] = KIND_TEXT
                texts[i, j] = str(v)
    return SheetTable(
        file, sheet, np.asarray(numbers_of_rows, dtype=np.int64), kinds, numbers, texts
    )


def column_numbers(
    table: SheetTable,
    j: int,
    *,
    column: str,
    rows: np.ndarray | None = None,
    allow_negative: bool = False,
    empty: float | None = None,
) -> np.ndarray:
    """Column ``j`` as float64 for table rows ``rows`` (default: all), checked cell by cell.

    Numbers pass; text goes through :func:`number_from_text` once per distinct text; an empty
    cell becomes ``empty`` (or is an error when ``empty`` is None); booleans and Excel errors
    are refused. The first bad cell raises a located :class:`KcrosterInputError`.
    """
    idx = np.arange(table.n_rows) if rows is None else rows
    if j >= table.n_cols:
        kinds = np.zeros(idx.size, dtype=np.uint8)
        out = np.zeros(idx.size, dtype=np.float64)
    else:
        kinds = table.kinds[idx, j]
        out = table.numbers[idx, j].copy()
    bad = np.zeros(idx.size, dtype=bool)
    is_text = kinds == KIND_TEXT
    if is_text.any():
        texts = table.texts[idx[is_text], j]
        cache: dict[str, float] = {}
        vals = np.empty(texts.size, dtype=np.float64)
        for n, t in enumerate(texts.tolist()):
            v = cache.get(t)
            if v is None:
                parsed = number_from_text(t)
                v = math.nan if parsed is None else parsed
                cache[t] = v
            vals[n] = v
        out[is_text] = vals
        bad[is_text] = np.isnan(vals)
    bad |= (kinds == KIND_BOOL) | (kinds == KIND_ERROR)
    is_empty = kinds == KIND_EMPTY
    if empty is None:
        bad |= is_empty
    else:
        out[is_empty] = empty
    if not allow_negative:
        bad |= (out < 0) & ~is_empty
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        i = int(idx[first])
        value = table.value(i, j) if j < table.n_cols else None
        where: dict[str, Any] = {
            "file": table.file, "sheet": table.sheet, "row": int(table.row_numbers[i]), "column": column
        }
        # parse_number words the reason; it must raise for a cell flagged bad here.
        parse_number(value, allow_negative=allow_negative, **where)
        raise KcrosterInputError(f"'{shown(value)}' is geen geldig getal", **where)  # pragma: no cover
    return out


def column_texts(table: SheetTable, j: int, *, column: str, rows: np.ndarray | None = None) -> np.ndarray:
    """Column ``j`` as stripped text (numbers written without '.0'); empty cells are errors."""
    idx = np.arange(table.n_rows) if rows is None else rows
    kinds = table.kinds[idx, j] if j < table.n_cols else np.zeros(idx.size, dtype=np.uint8)
    bad = (kinds == KIND_EMPTY) | (kinds == KIND_ERROR)
    if bad.any():
        i = int(idx[int(np.flatnonzero(bad)[0])])
        value = table.value(i, j) if j < table.n_cols else None
        reason = "cel is leeg; een naam verwacht" if value is None else f"'{shown(value)}' is een Excel-fout"
        raise KcrosterInputError(
            reason, file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=column
        )
    out = np.empty(idx.size, dtype=object)
    is_text = (kinds == KIND_TEXT)
    if is_text.any():
        out[is_text] = [t.strip() for t in table.texts[idx[is_text], j].tolist()]
    other = ~is_text
    if other.any():
        nums = table.numbers[idx[other], j]
        out[other] = [
            ("WAAR" if v else "ONWAAR") if k == KIND_BOOL else (str(int(v)) if float(v).is_integer() else str(v))
            for v, k in zip(nums.tolist(), kinds[other].tolist(), strict=True)
        ]
    return out


@dataclass
class Record:
    """One row of a :class:`Records` sheet."""

    number: int  # Excel row number
    cells: dict[str, Any]  # canonical column → raw value


@dataclass
class Records:
    """A sheet's rows under its header, keyed by canonical column name (:func:`read_records`)."""

    file: str
    sheet: str
    headers: dict[str, str]  # canonical → header text as written
    rows: list[Record]

    def loc(self, row: Record | int, key: str) -> Loc:
        n = row.number if isinstance(row, Record) else row
        return Loc(self.file, self.sheet, n, self.headers.get(key, key))


def read_records(
    rows: Iterable[Sequence[Any]],
    spec: dict[str, tuple[str, ...]],
    required: Sequence[str],
    *,
    file: str,
    sheet: str,
    unknown_column_warning: str | None,
    warnings: list[str],
    errors: list[KcrosterInputError],
) -> Records | None:
    """Turn raw sheet rows into canonical dict rows. Unknown columns are never read.

    ``unknown_column_warning`` is a format string with ``{column}``; ``None`` gives the generic
    Dutch warning.
    """
    it: Iterator[tuple[int, Sequence[Any]]] = enumerate(rows, start=1)
    header_no = 0
    header: Sequence[Any] = ()
    for n, values in it:
        if any(not is_blank(v) for v in values):
            header_no, header = n, values
            break
    if not header_no:
        return None
    try:
        found = resolve_columns(header, spec, frozenset(required), file=file, sheet=sheet, row=header_no)
    except KcrosterInputError as exc:
        errors.append(exc)
        return None
    col_of = {idx: key for key, idx in found.items()}
    headers = {key: column_label(idx, header[idx]) for key, idx in found.items()}
    for idx, h in enumerate(header):
        if idx in col_of or is_blank(h):
            continue
        fmt = unknown_column_warning or "blad '{sheet}': kolom '{column}' onbekend en genegeerd"
        warnings.append(fmt.format(column=cell_text(h)[:40], sheet=sheet))
    out: list[Record] = []
    for n, values in it:
        cells = {key: values[idx] if idx < len(values) else None for idx, key in col_of.items()}
        if all(is_blank(v) for v in cells.values()):
            continue
        # only known columns are looked at, in sheet order (unknown ones may hold anything)
        first = next((cells[col_of[i]] for i in sorted(col_of) if not is_blank(cells[col_of[i]])), None)
        if isinstance(first, str) and first.strip().startswith("#"):
            continue
        out.append(Record(n, cells))
    return Records(file, sheet, headers, out)
