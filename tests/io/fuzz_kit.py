"""What the importers' fuzz tests share (pytest puts this folder on ``sys.path``): the cell
values they write, and the damage done to a valid workbook (one zip member replaced, or a few
bytes overwritten)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from hypothesis import strategies as st


def cell_values(words: list, text_size: int = 12):
    """Any value openpyxl writes to a cell — empty, text, huge integers, floats, booleans,
    dates and times at the ends of their ranges — or one of ``words``, the importer's own
    near-misses."""
    return st.one_of(
        st.none(),
        st.text(max_size=text_size),
        st.integers(min_value=-(10**15), max_value=10**15),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
        st.times(),
        st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
        st.sampled_from(words),
    )


def with_member(workbook: bytes, member: str, content: bytes) -> bytes:
    """The workbook with ``member`` (a part such as ``xl/sharedStrings.xml``) replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(
                info.filename, content if info.filename == member else zin.read(info.filename)
            )
    return out.getvalue()


def corrupted(workbook: bytes, patch: bytes, where: int) -> bytes:
    """The workbook with ``patch`` written over its bytes from ``where`` (modulo its length)."""
    data = bytearray(workbook)
    pos = where % len(data)
    data[pos : pos + len(patch)] = patch
    return bytes(data)
