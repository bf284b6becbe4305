"""The fast reader: a worksheet's XML, streamed, into a :class:`~kcroster.io.table.SheetTable`.

openpyxl's per-cell objects are ~10× slower on a big forecast. The sheet XML is read in pieces
that end after a ``</row>`` (a year's 251 MB is never in memory whole), tokenized
(:mod:`kcroster.io.xlsx.tokenizer`), and the cells of all pieces assembled column-wise into the
table, with the same located checks openpyxl's path makes. A layout it does not recognise gives
``None`` and the caller reads the sheet through openpyxl instead
(:class:`kcroster.io.xlsx.reader.WorkbookArchive`), which gives the same table.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO

import numpy as np

from kcroster.io.table import (
    KIND_BOOL,
    KIND_ERROR,
    KIND_NUMBER,
    KIND_TEXT,
    SheetTable,
    datetime_to_serial,
    table_from_rows,
)
from kcroster.io.xlsx.safety import MAX_SHEET_ROWS, MB, too_many_rows
from kcroster.io.xlsx.tokenizer import (
    _TYPE_CODES,
    _cell_tags,
    _Cells,
    _joined,
    _regex_cells,
    _vector_cells,
)
from kcroster.model.errors import KcrosterInputError

__all__ = ["HEADER_CHUNK", "HEADER_ROWS", "PARSE_CHUNK", "table_from_sheet_xml"]

# The sheet XML is read in pieces of about this size, each cut just after a '</row>': a year's
# forecast (251 MB of XML) is never in memory whole, nor are per-cell objects for all of it.
PARSE_CHUNK = 8 * MB
# What a header look reads: the first piece of a 64 kB read holds the first rows.
HEADER_CHUNK = 64 * 1024
HEADER_ROWS = 50


def table_from_sheet_xml(
    stream: BinaryIO,
    shared: Any,
    *,
    file: str,
    sheet: str,
    max_cells: int,
    chunk_bytes: int = PARSE_CHUNK,
    max_pieces: int | None = None,
) -> SheetTable | None:
    """The fast path proper: a sheet XML stream + shared strings → table, or ``None``.

    The stream is read ``chunk_bytes`` at a time and parsed in pieces that end after a
    ``</row>`` (a cell never spans two pieces), so the result is that of one parse of the whole
    document (``tests/io/test_workbook_speed_parse.py`` checks it); the checks come in the same
    order as they would on the whole document. ``max_pieces``: stop after that many pieces
    (the first rows of a sheet, for :meth:`WorkbookArchive.header_table`).
    """
    pieces = _row_pieces(stream, chunk_bytes)
    parts: list[_Cells] = []
    n_tags = 0
    readable = True  # every cell so far is in a layout the fast reader knows
    sheet_data = False
    # Millions of small tuples (the regex reader) would trigger the cyclic GC over and over.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for count, piece in enumerate(pieces, start=1):
            if b"<!DOCTYPE" in piece or b"<!ENTITY" in piece:
                # The fast reader expands nothing, but a DTD never belongs in a sheet: refuse it.
                raise KcrosterInputError(
                    "wordt geweigerd: het werkblad bevat een DTD/entiteiten (mogelijk een XML-aanval)",
                    file=file,
                    sheet=sheet,
                )
            sheet_data = sheet_data or b"<sheetData" in piece
            cells = _vector_cells(piece) if readable else None
            n_tags += _cell_tags(piece) if cells is None else cells.rows.size
            if n_tags > max_cells:
                readable = False  # refused below; reading on only to find a DTD first
            if readable and cells is None:
                cells = _regex_cells(piece)
                readable = cells is not None
            if readable and cells is not None and cells.rows.size:
                parts.append(cells)
            if count == max_pieces:
                break
    finally:
        if was_enabled:
            gc.enable()
    if not sheet_data:
        return None
    if n_tags > max_cells:
        raise KcrosterInputError(f"werkblad heeft meer dan {max_cells} cellen", file=file, sheet=sheet)
    if not readable:
        return None
    return _cells_to_table(parts, shared, file=file, sheet=sheet, max_cells=max_cells)


def _row_pieces(stream: BinaryIO, chunk_bytes: int) -> Iterator[bytes]:
    """The stream's bytes in consecutive pieces, each but the last ending just after ``</row>``."""
    pending: list[bytes] = []
    while data := stream.read(chunk_bytes):
        before = pending[-1][-5:] if pending else b""  # a '</row>' may start in the previous read
        at = (before + data).rfind(b"</row>")
        if at < 0:
            pending.append(data)
            continue
        cut = at + 6 - len(before)
        yield b"".join([*pending, data[:cut]])
        pending = [data[cut:]] if cut < len(data) else []
    if pending:
        yield b"".join(pending)


_XML_TAG = re.compile(r"<[^>]*>")
_XML_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _xml_text(raw: bytes) -> str:
    """Text of an XML fragment: tags removed, the five entities and char refs decoded."""
    s = raw.decode("utf-8", errors="replace")
    if "\r" in s:  # XML end-of-line normalisation, as every XML parser does
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if "<" in s:
        s = "".join(re.findall(r"<t\b[^>]*>([^<]*)</t>", s)) if "<t" in s else _XML_TAG.sub("", s)

    def entity(m: re.Match[str]) -> str:
        e = m[1]
        if e in _NAMED_ENTITIES:
            return _NAMED_ENTITIES[e]
        try:
            code = int(e[2:], 16) if e.startswith("#x") else int(e[1:])
            return chr(code)
        except (ValueError, OverflowError):
            return m[0]

    return _XML_ENTITY.sub(entity, s) if "&" in s else s


def _cells_to_table(
    parts: list[_Cells], shared: Any, *, file: str, sheet: str, max_cells: int
) -> SheetTable | None:
    """The parsed cells of all pieces → the table (rows sorted, text decoded, located checks)."""
    import pandas as pd

    if not parts:
        return table_from_rows([], file=file, sheet=sheet)
    cells = _joined(parts)
    parts.clear()
    n = int(cells.rows.size)
    rows = cells.rows
    # Cells come row by row, so a new row starts where the reference's row number changes.
    starts = np.empty(n, dtype=bool)
    starts[0] = True
    np.not_equal(rows[1:], rows[:-1], out=starts[1:])
    first_cells = np.flatnonzero(starts)
    del starts
    row_numbers = rows[first_cells].astype(np.int64)
    in_order = row_numbers.size < 2 or bool((np.diff(row_numbers) > 0).all())
    row_codes: np.ndarray | None = None
    if not in_order:
        # Rows out of order or split: number them by distinct row number instead.
        row_numbers, row_codes = np.unique(rows.astype(np.int64), return_inverse=True)
    # Either way the table's rows are row_numbers in increasing order.
    ci = cells.cols
    type_code = cells.types
    n_rows = int(row_numbers.size)
    if n_rows > MAX_SHEET_ROWS:
        raise KcrosterInputError(too_many_rows(sheet), file=file, sheet=sheet)
    n_cols = int(ci.max()) + 1
    if n_rows * n_cols > max_cells:
        raise KcrosterInputError(
            f"werkblad is onredelijk groot ({n_rows} rijen × {n_cols} kolommen)", file=file, sheet=sheet
        )
    if cells.bad_number or cells.bad_index:
        return None  # a value float()/int() refuses: openpyxl says what is wrong with it
    kinds = np.zeros((n_rows, n_cols), dtype=np.uint8)
    numbers = np.zeros((n_rows, n_cols), dtype=np.float64)
    texts = np.empty((n_rows, n_cols), dtype=object)
    has_v = cells.has_v
    # flat positions in the (row, column) arrays: one index per cell instead of two (half the
    # memory in int32); a row's cells are consecutive when rows are in order
    index = np.int32 if n_rows * n_cols < 2**31 else np.int64
    if row_codes is None:
        counts = np.diff(np.append(first_cells, n))
        flat = np.repeat(np.arange(n_rows, dtype=index) * index(n_cols), counts)
    else:
        flat = (row_codes * n_cols).astype(index)
    flat += ci.astype(index, copy=False)
    del ci, row_codes, first_cells
    kinds_f, numbers_f, texts_f = kinds.reshape(-1), numbers.reshape(-1), texts.reshape(-1)

    def put_text(idx: np.ndarray, vals: np.ndarray, kind: int = KIND_TEXT, codes: np.ndarray | None = None) -> None:
        """Store text cells; ``vals`` are the distinct texts when ``codes`` maps cells onto them."""
        nonempty = np.fromiter((bool(x) and not x.isspace() for x in vals.tolist()), dtype=bool, count=vals.size)
        if codes is not None:
            nonempty, vals = nonempty[codes], vals[codes]
        idx, vals = idx[nonempty], vals[nonempty]
        kinds_f[flat[idx]] = kind
        texts_f[flat[idx]] = vals

    for code in np.flatnonzero(np.bincount(type_code, minlength=len(_TYPE_CODES))).tolist():
        sel = type_code == code
        if code == _TYPE_CODES["inlineStr"]:
            idx = np.flatnonzero(sel)
            codes, uniq = pd.factorize(cells.raw[idx])
            decoded = np.asarray([_xml_text(u) for u in uniq] + [None], dtype=object)[:-1]
            put_text(idx, decoded, codes=codes)
            continue
        idx = np.flatnonzero(sel & has_v)
        if idx.size == 0:
            continue
        if code == _TYPE_CODES["n"]:
            nums = cells.values[idx]
            finite = np.isfinite(nums)
            at = flat[idx] if finite.all() else flat[idx[finite]]
            kinds_f[at] = KIND_NUMBER
            numbers_f[at] = nums if finite.all() else nums[finite]
            del at
            if not finite.all():  # 'nan'/'inf' in a number cell: keep as text so checks refuse it
                bad = idx[~finite]
                put_text(bad, np.asarray([str(x) for x in nums[~finite].tolist()], dtype=object))
        elif code == _TYPE_CODES["s"]:
            sidx = cells.values[idx].astype(np.int64)
            if sidx.min() < 0 or sidx.max() >= len(shared):
                raise KcrosterInputError("verwijzing naar een tekst die niet bestaat", file=file, sheet=sheet)
            used, inverse = np.unique(sidx, return_inverse=True)
            strings = np.asarray([_shared_text(shared[int(u)]) for u in used] + [None], dtype=object)[:-1]
            put_text(idx, strings, codes=inverse.reshape(-1))
        elif code == _TYPE_CODES["b"]:
            kinds_f[flat[idx]] = KIND_BOOL
            numbers_f[flat[idx]] = cells.values[idx]
        elif code == _TYPE_CODES["e"]:
            put_text(idx, np.asarray([_xml_text(x) for x in cells.raw[idx].tolist()], dtype=object), KIND_ERROR)
        elif code == _TYPE_CODES["d"]:
            for k, x in zip(idx.tolist(), cells.raw[idx].tolist(), strict=True):
                text = _xml_text(x)
                try:
                    moment = datetime.fromisoformat(text)
                except ValueError:
                    if text.strip():
                        kinds_f[flat[k]] = KIND_TEXT
                        texts_f[flat[k]] = text
                    continue
                kinds_f[flat[k]] = KIND_NUMBER
                numbers_f[flat[k]] = datetime_to_serial(moment)
        else:  # 'str' (formula text result) and anything unknown: text
            put_text(idx, np.asarray([_xml_text(x) for x in cells.raw[idx].tolist()], dtype=object))
    del cells
    keep = kinds.any(axis=1)
    if not keep.all():
        row_numbers, kinds, numbers, texts = row_numbers[keep], kinds[keep], numbers[keep], texts[keep]
    return SheetTable(file, sheet, row_numbers, kinds, numbers, texts)


def _shared_text(item: Any) -> str:
    return item if isinstance(item, str) else str(item)
