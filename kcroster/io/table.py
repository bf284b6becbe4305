"""Tables: a sheet read under its header row.

:class:`Records` is a sheet of a planner workbook (agents, leave, wishes, …) as rows keyed by
canonical column name (:func:`read_records`): each :class:`Record` keeps its Excel row number,
so every value it holds can be refused at its cell (:meth:`Records.loc`). Only the columns the
format knows are read; the others are named in a warning and never looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kcroster.io.cells import Loc, cell_text
from kcroster.io.workbook import column_label, is_blank, resolve_columns
from kcroster.model.errors import KcrosterInputError

__all__ = ["Record", "Records", "read_records"]


@dataclass
class Record:
    number: int  # Excel row number
    cells: dict[str, Any]  # canonical column → raw value


@dataclass
class Records:
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

