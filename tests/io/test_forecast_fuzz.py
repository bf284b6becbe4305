"""Fuzzing: whatever the file holds, load_forecast succeeds or raises KcrosterInputError.

Stricter than "nothing else escapes": the last-resort handler in ``load_forecast`` (which turns
an unexpected exception into a generic message) must not be reached either — that would be a
bug hidden behind a vague message.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from kcroster.io.forecast import load_forecast
from kcroster.model import KcrosterInputError

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(path: Path, **kwargs) -> None:
    try:
        fc = load_forecast(path, **kwargs)
    except KcrosterInputError as exc:
        assert not exc.reason.startswith("bestand kan niet gelezen worden ("), exc.reason
        assert exc.file == path.name
        return
    assert fc.volume.shape == fc.aht.shape == fc.open_mask.shape
    assert np.isfinite(fc.volume).all() and (fc.volume >= 0).all()
    assert np.isfinite(fc.aht).all()


def _tmp(name: str, data: bytes) -> Path:
    d = Path(tempfile.mkdtemp(prefix="kcfuzz"))
    p = d / name
    p.write_bytes(data)
    return p


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["f.xlsx", "f.csv", "f.txt"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _check(_tmp(name, data))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_behind_a_zip_header(data: bytes) -> None:
    _check(_tmp("z.xlsx", b"PK\x03\x04" + data))


CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.times(),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["08:00", "02:30", "25:00", "1,5", "1.234,5", "-0", "NaN", "=1+1", "29-03-2026",
                     "ma-vr 08:00-20:00"]),
)

BASE = [
    ["date", "time", "queue", "volume", "aht"],
    [date(2026, 3, 29), time(1, 45), "A", 3, 120],
    [date(2026, 3, 29), time(3, 0), "A", 4, 130],
    [date(2026, 3, 30), time(8, 0), "B", 5, 140],
    [date(2026, 3, 30), time(8, 15), "B", 0, 0],
]


def _workbook(rows: list[list], queues: list[list] | None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Forecast"
    for r in rows:
        ws.append(r)
    if queues is not None:
        qs = wb.create_sheet("Queues")
        for r in queues:
            qs.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@FUZZ
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 5), CELL), max_size=6),
    st.booleans(),
    st.lists(CELL, min_size=3, max_size=3),
)
def test_random_cells_in_an_otherwise_valid_workbook(edits, with_queues: bool, queue_cells) -> None:
    rows = [list(r) for r in BASE]
    for r, c, value in edits:
        while len(rows[r]) <= c:
            rows[r].append(None)
        rows[r][c] = value
    queues = None
    if with_queues:
        queues = [["queue", "shrinkage", "opening_hours", "sl"], ["A", *queue_cells], ["B"]]
    try:
        data = _workbook(rows, queues)
    except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses some values itself
        return
    _check(_tmp("cells.xlsx", data))


@FUZZ
@given(st.binary(min_size=1, max_size=8), st.integers(min_value=0))
def test_corrupted_bytes_inside_a_valid_workbook(patch: bytes, where: int) -> None:
    data = bytearray(_workbook([list(r) for r in BASE], [["queue"], ["A"], ["B"]]))
    pos = where % len(data)
    data[pos : pos + len(patch)] = patch
    _check(_tmp("corrupt.xlsx", bytes(data)))


@FUZZ
@given(st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml"]),
       st.binary(max_size=200))
def test_random_xml_part(member: str, content: bytes) -> None:
    base = _workbook([list(r) for r in BASE], None)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, content if info.filename == member else zin.read(info.filename))
    _check(_tmp("part.xlsx", out.getvalue()))


CSV_ALPHABET = st.sampled_from(list("0123456789;,.\t\"\n\r -:/AaéTZ+")
                               + ["datum", "tijd", "wachtrij", "aanbod", "aht", "queue"])


@FUZZ
@given(st.lists(CSV_ALPHABET, max_size=80).map("".join), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_random_csv_text(text: str, encoding: str) -> None:
    _check(_tmp("f.csv", text.encode(encoding, errors="replace")))


@FUZZ
@given(st.lists(st.lists(CELL.map(lambda v: "" if v is None else str(v)), min_size=5, max_size=5), max_size=6))
def test_random_csv_rows_under_a_valid_header(rows) -> None:
    lines = ["datum;tijd;wachtrij;aanbod;afhandeltijd"] + [";".join(r).replace("\n", " ") for r in rows]
    _check(_tmp("rows.csv", "\n".join(lines).encode("utf-8", errors="replace")))
