"""The fast regex sheet reader must give exactly what openpyxl gives (a second, independent reader)."""

from __future__ import annotations

import io
import tempfile
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from kcroster.io.xlsx.reader import open_workbook_archive

VALUE = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=10),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)),
    st.times().map(lambda t: t.replace(microsecond=0)),
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1))
    .map(lambda d: d.replace(microsecond=0)),
)


def _write(rows: list[list], write_only: bool) -> bytes | None:
    wb = openpyxl.Workbook(write_only=write_only)
    ws = wb.create_sheet("S") if write_only else wb.active
    if not write_only:
        ws.title = "S"
    try:
        for r in rows:
            ws.append(r)
        buf = io.BytesIO()
        wb.save(buf)
    except (IllegalCharacterError, ValueError, TypeError):
        return None
    return buf.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(VALUE, max_size=5), min_size=1, max_size=6), st.booleans())
def test_fast_reader_equals_openpyxl(rows: list[list], write_only: bool) -> None:
    data = _write(rows, write_only)
    if data is None:
        return
    path = Path(tempfile.mkdtemp(prefix="kcfast")) / "w.xlsx"
    path.write_bytes(data)
    with open_workbook_archive(path) as archive:
        fast = archive.table("S")
        slow = archive._openpyxl_table("S")
    assert list(fast.row_numbers) == list(slow.row_numbers)
    width = max(fast.n_cols, slow.n_cols)
    for i in range(fast.n_rows):
        for j in range(width):
            a, b = fast.value(i, j), slow.value(i, j)
            if isinstance(a, float) and isinstance(b, float):
                assert np.isclose(a, b, rtol=1e-12, atol=1e-9), (i, j, a, b)
            else:
                assert a == b, (i, j, a, b)


def test_time_and_date_cells_become_excel_serials(tmp_path: Path) -> None:
    data = _write([[date(2026, 3, 29), time(2, 45), datetime(2026, 10, 25, 2, 15)]], write_only=True)
    assert data is not None
    p = tmp_path / "t.xlsx"
    p.write_bytes(data)
    with open_workbook_archive(p) as archive:
        t = archive.table("S")
    assert t.value(0, 0) == 46110.0
    assert abs(t.value(0, 1) - (2 * 60 + 45) / 1440) < 1e-12
    assert abs(t.value(0, 2) - (46320 + (2 * 60 + 15) / 1440)) < 1e-9
