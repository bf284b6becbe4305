"""Fuzz the history importer: any file gives a History or a KcrosterInputError, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcroster.forecasting.history import History, load_history
from kcroster.model.errors import KcrosterInputError

DATES = st.sampled_from(
    [
        "05-01-2026",
        "2026-01-06",
        "07/01/2026",
        "31-02-2026",
        "",
        "gisteren",
        "08-01-2026",
        "1999-12-31",
    ]
)
TIMES = st.sampled_from(["08:00", "08:15", "8:30", "23:45", "24:00", "08:07", "", "xx", "02:30"])
NUMBERS = st.one_of(
    st.integers(-5, 500).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda v: f"{v}".replace(".", ",")),
    st.sampled_from(["", "1:05", "0:01:05", "abc", "1e400", "12,5"]),
)
QUEUES = st.sampled_from(["A", "B", "Één", "", " A "])
OUTCOMES = st.sampled_from(["beantwoord", "afgehaakt", "AGENT", "HANG", "PHANTOM", "", "?"])

LONG_ROW = st.tuples(DATES, TIMES, QUEUES, NUMBERS, NUMBERS).map(";".join)
CALL_ROW = st.tuples(
    DATES.flatmap(lambda d: TIMES.map(lambda t: f"{d} {t}:00")), QUEUES, NUMBERS, NUMBERS, OUTCOMES
).map(";".join)
FILES = st.one_of(
    st.lists(LONG_ROW, max_size=12).map(lambda r: ["datum;tijd;wachtrij;aanbod;aht", *r]),
    st.lists(CALL_ROW, max_size=12).map(
        lambda r: ["Aankomst;Wachtrij;Wachttijd;Afhandeltijd;Uitkomst", *r]
    ),
    st.lists(st.text(alphabet=';,\t:0123456789-aAé "', max_size=30), max_size=6),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=FILES, encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_history_import_never_crashes(lines, encoding):
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "historie.csv"
        p.write_bytes(("\n".join(lines) + "\n").encode(encoding, errors="replace"))
        try:
            h = load_history(p, holidays_country=None)
        except KcrosterInputError as exc:
            assert str(exc).strip()
            return
    assert isinstance(h, History)
    assert np.isfinite(h.offered).all() and (h.offered >= 0).all()
    assert h.missing.shape == h.offered.shape[:2]
