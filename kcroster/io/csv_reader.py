"""CSV files as planners' tools write them: rows of text, or a :class:`~kcroster.io.table.SheetTable`.

The file is read bounded and refused like a workbook (:func:`kcroster.io.xlsx.safety.read_file_bytes`);
a workbook or binary data is no CSV. The encoding (UTF-8 with or without BOM, UTF-16 with or
without BOM, Windows-1252) and the delimiter (``;``, ``,`` or tab; an Excel ``sep=`` line) are
recognised; row numbers are those a spreadsheet shows.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np

from kcroster.io.table import KIND_EMPTY, KIND_TEXT, SheetTable
from kcroster.io.xlsx.safety import DEFAULT_MAX_BYTES, is_ole_file, is_zip_file, read_file_bytes
from kcroster.model.errors import KcrosterInputError

__all__ = ["csv_table", "read_csv_rows"]


def _decode(name: str, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise KcrosterInputError("bestand is geen geldige UTF-8-tekst", file=name) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode-tekst" export
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise KcrosterInputError("bestand is geen geldige UTF-16-tekst", file=name) from exc
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise KcrosterInputError("is geen tekstbestand (CSV): bevat binaire gegevens", file=name)
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise KcrosterInputError("bestand is geen geldige UTF-16-tekst", file=name) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)" in Windows-1252.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # every byte decodes; cp1252 leaves 5 undefined


# UTF-16 text of Latin letters, digits and separators has a NUL as the high byte of almost every
# character (é is E9 00 too); binary data does not show that pattern on one side only.
UTF16_SAMPLE_BYTES = 64 * 1024
UTF16_MIN_NUL_SHARE = 0.7
UTF16_MAX_OTHER_NUL_SHARE = 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """``'utf-16-le'`` or ``'utf-16-be'`` when ``data`` looks like UTF-16 text saved without a
    byte-order mark (some export tools and scripts do), else ``None``: judged by where the NUL
    bytes of the first 64 kB fall — nearly every odd byte (little-endian) or even byte
    (big-endian), almost never the other one."""
    if len(data) % 2:
        return None  # UTF-16 text has an even number of bytes
    sample = data[:UTF16_SAMPLE_BYTES]  # an even count as well
    half = len(sample) // 2
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd >= UTF16_MIN_NUL_SHARE and even <= UTF16_MAX_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even >= UTF16_MIN_NUL_SHARE and odd <= UTF16_MAX_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def _sniff_delimiter(first_line: str) -> str:
    counts = {";": 0, ",": 0, "\t": 0}
    in_quotes = False
    for ch in first_line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    best = max(counts.values())
    if best == 0:
        return ";"
    # Ties go to ';' then tab: Dutch files are the common case here.
    for d in (";", "\t", ","):
        if counts[d] == best:
            return d
    return ";"  # pragma: no cover


def read_csv_rows(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[str], list[list[str]]]:
    """Read a CSV made by Excel or any tool → ``(headers, rows)``.

    The delimiter (``;``, ``,`` or tab) is sniffed from the header line (an Excel ``sep=;`` first
    line is honoured), a BOM is handled, non-UTF-8 text is read as cp1252, quoted fields may hold
    delimiters and newlines. ``rows[i]`` is record number ``i + 2`` in messages (the header is
    row 1; blank records stay as ``[]`` so numbering matches what a spreadsheet shows).
    """
    name, data = read_file_bytes(path, max_bytes)
    if is_zip_file(data) or is_ole_file(data):
        raise KcrosterInputError("is een Excel-werkmap, geen CSV-tekstbestand", file=name)
    text = _decode(name, data)
    if "\x00" in text:
        raise KcrosterInputError("is geen tekstbestand (CSV): bevat binaire gegevens", file=name)
    lines = text.splitlines()
    skip_sep_line = False
    delimiter = None
    first = next((ln for ln in lines if ln.strip()), "")
    m = re.fullmatch(r'\s*"?sep=(.)"?\s*', first, flags=re.IGNORECASE)
    if m:
        delimiter = m[1]
        skip_sep_line = True
    if delimiter is None:
        delimiter = _sniff_delimiter(first)
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)
    try:
        for rec in reader:
            records.append([field.strip() for field in rec])
    except csv.Error as exc:
        raise KcrosterInputError(
            f"CSV kan niet gelezen worden: {exc}", file=name, row=reader.line_num or None
        ) from exc
    # Leading blank lines and the sep= line are not records.
    while records and not any(records[0]):
        records.pop(0)
    if skip_sep_line and records:
        records.pop(0)
    while records and not any(records[-1]):
        records.pop()
    if not records:
        raise KcrosterInputError("bestand bevat geen gegevens", file=name)
    headers = [h.replace("\ufeff", "") for h in records[0]]
    return headers, records[1:]


def csv_table(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SheetTable:
    """A CSV file as a :class:`SheetTable` of text cells (header included as the first row)."""
    name = Path(path).name
    headers, rows = read_csv_rows(path, max_bytes=max_bytes)
    width = max([len(headers)] + [len(r) for r in rows])
    kept = [headers] + rows
    numbering = [1] + [i + 2 for i in range(len(rows))]
    padded = [r + [""] * (width - len(r)) for r in kept]
    keep = [i for i, r in enumerate(padded) if any(padded[i])]
    texts = np.empty((len(keep), width), dtype=object)
    if keep:
        texts[:, :] = np.asarray([padded[i] for i in keep], dtype=object).reshape(len(keep), width)
    blank = np.vectorize(lambda s: not s, otypes=[bool])(texts) if texts.size else np.zeros(texts.shape, bool)
    kinds = np.where(blank, KIND_EMPTY, KIND_TEXT).astype(np.uint8)
    texts[blank] = None
    return SheetTable(
        name,
        None,
        np.asarray([numbering[i] for i in keep], dtype=np.int64),
        kinds,
        np.zeros(texts.shape, dtype=np.float64),
        texts,
    )
