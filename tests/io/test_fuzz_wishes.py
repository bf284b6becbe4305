"""Fuzzing the returned wish forms: whatever an agent (or a broken disk) sends back, the import
collects a located refusal per bad file or row and never raises.

:func:`import_wish_workbooks` reads many files in one go and turns every problem into a
:class:`KcrosterInputError` in ``refusals`` — so any exception escaping it, or a refusal that does
not name its file, is a bug. The accepted wishes must also keep the import's promises: each day
in the plan, one wish per day, weights 1–3 within the budget, no wish on an absent day.
"""

from __future__ import annotations

import io
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
from fuzz_kit import cell_values, corrupted, with_member
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from kcroster.io.wishes import (
    DEFAULT_BUDGET,
    HEADER_ROW,
    META_SHEET,
    WISH_SHEET,
    export_wish_workbooks,
    import_wish_workbooks,
)
from kcroster.model import Agent, Horizon, KcrosterInputError, Leave, Project, ShiftRules, ShiftType

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HORIZON = Horizon(date(2027, 5, 3), 7)
TZ = HORIZON.tz


def _project() -> Project:
    rules = ShiftRules(
        shift_types=[
            ShiftType("Vroeg", time(7), time(15, 30)),
            ShiftType("Laat", time(14), time(22)),
        ]
    )
    agents = [
        Agent("A1", "Anna de Vries", 36, skills=("Telefonie",)),
        Agent("A2", "Bram Jansen", 24),
    ]
    leave = [
        Leave("A1", datetime(2027, 5, 5, tzinfo=TZ), datetime(2027, 5, 6, tzinfo=TZ), "vakantie")
    ]
    return Project("p", HORIZON, agents=agents, leave=leave, shift_rules=rules)


PROJECT = _project()
_FOLDER = Path(tempfile.mkdtemp(prefix="kcwish"))
TEMPLATE = export_wish_workbooks(_FOLDER, PROJECT, ["A1"])[0].read_bytes()
ABSENT = {date(2027, 5, 5)}

CELL = cell_values(
    [
        "vrij",
        "vroeg",
        "laat",
        "werken",
        "venster",
        "Vroeg",
        "dienst Laat",
        "niet Vroeg",
        "09:00-15:00",
        "24:00",
        "1,5",
        "-1",
        "3",
        "moet",
        "=1+1",
        "afwezig",
        "NaN",
        "05-05-2027",
        "2027-05-04",
        "31-02-2027",
        "A1",
        "A2",
        "onbekend",
    ],
)


def _check(path: Path, project: Project | None) -> None:
    res = import_wish_workbooks([path], project=project)
    for r in res.refusals:
        assert isinstance(r, KcrosterInputError)
        assert r.file == path.name and r.reason, r.message
    days = set(HORIZON.dates) if project is not None else None
    budget_used = 0
    seen: set[date] = set()
    for w in res.wishes:
        assert 1 <= w.weight <= 3 and not w.must
        assert w.day not in seen
        seen.add(w.day)
        budget_used += w.weight
        if days is not None:
            assert w.agent_id == "A1" and w.day in days and w.day not in ABSENT
        if w.window_start is not None:
            assert w.window_end is not None and w.window_start < w.window_end
    if project is not None:
        assert budget_used <= DEFAULT_BUDGET


def _tmp(name: str, data: bytes) -> Path:
    p = Path(tempfile.mkdtemp(prefix="kcfuzz")) / name
    p.write_bytes(data)
    return p


def _edited(edits: list[tuple[str, int, int, Any]]) -> bytes | None:
    """The exported form with cells changed (``None`` when openpyxl refuses a value itself)."""
    wb = openpyxl.load_workbook(io.BytesIO(TEMPLATE))
    try:
        for sheet, r, c, value in edits:
            cell = wb[sheet].cell(r, c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text as typed, never a formula
        buf = io.BytesIO()
        wb.save(buf)
    except (ValueError, TypeError, IllegalCharacterError):
        return None
    return buf.getvalue()


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["w.xlsx", "w.csv", "w.xls"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _check(_tmp(name, data), PROJECT)


@FUZZ
@given(st.integers(min_value=0), st.integers(min_value=0, max_value=4000))
def test_truncated_form(cut: int, keep: int) -> None:
    data = TEMPLATE[: max(0, len(TEMPLATE) - 1 - cut % len(TEMPLATE))][: keep or None]
    _check(_tmp("kort.xlsx", data), PROJECT)


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(HEADER_ROW - 1, HEADER_ROW + 8), st.integers(1, 8), CELL), max_size=8
    ),
    st.booleans(),
)
def test_random_cells_in_the_wish_sheet(edits: list, with_project: bool) -> None:
    data = _edited([(WISH_SHEET, r, c, v) for r, c, v in edits])
    if data is not None:
        _check(_tmp("wensen.xlsx", data), PROJECT if with_project else None)


@FUZZ
@given(
    st.lists(st.tuples(st.integers(1, 7), st.integers(1, 2), CELL), min_size=1, max_size=4),
    st.booleans(),
)
def test_random_cells_in_the_hidden_sheet(edits: list, with_project: bool) -> None:
    data = _edited([(META_SHEET, r, c, v) for r, c, v in edits])
    if data is not None:
        _check(_tmp("meta.xlsx", data), PROJECT if with_project else None)


@FUZZ
@given(
    st.sampled_from(
        [
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet5.xml",
            "xl/sharedStrings.xml",
            "xl/workbook.xml",
            "xl/styles.xml",
            "[Content_Types].xml",
        ]
    ),
    st.binary(max_size=200),
)
def test_random_xml_part(member: str, content: bytes) -> None:
    _check(_tmp("deel.xlsx", with_member(TEMPLATE, member, content)), PROJECT)


@FUZZ
@given(st.binary(min_size=1, max_size=8), st.integers(min_value=0))
def test_corrupted_bytes(patch: bytes, where: int) -> None:
    _check(_tmp("kapot.xlsx", corrupted(TEMPLATE, patch, where)), PROJECT)


@FUZZ
@given(st.lists(st.tuples(st.integers(1, 6), CELL), min_size=1, max_size=3), st.booleans())
def test_random_values_in_the_hidden_sheet(edits: list, with_project: bool) -> None:
    data = _edited([(META_SHEET, r, 2, v) for r, v in edits])
    if data is not None:
        _check(_tmp("waarden.xlsx", data), PROJECT if with_project else None)


# --------------------------------------------------------------------------------------------
# Bugs the fuzzing found (regressions)
# --------------------------------------------------------------------------------------------


def _meta_refusal(edits: list[tuple[str, int, int, Any]], with_project: bool) -> KcrosterInputError:
    data = _edited(edits)
    assert data is not None
    path = _tmp("gewijzigd.xlsx", data)
    res = import_wish_workbooks([path], project=PROJECT if with_project else None)
    assert res.wishes == [] and res.files_read == []
    [refusal] = res.refusals
    assert (refusal.file, refusal.sheet) == (path.name, META_SHEET)
    return refusal


@given(with_project=st.booleans())
@settings(max_examples=2, deadline=None)
def test_a_huge_day_count_in_the_hidden_sheet_is_refused_with_its_row(with_project: bool) -> None:
    """A tampered 'days' (row 3) built a set of every day of the period: 10^9 days overflowed
    the date range (an OverflowError escaped the import), 10^7 took minutes and gigabytes."""
    refusal = _meta_refusal([(META_SHEET, 3, 2, 10**9)], with_project)
    assert (refusal.row, refusal.column) == (3, "B")
    assert "1000000000 dagen" in refusal.reason


@given(with_project=st.booleans())
@settings(max_examples=2, deadline=None)
def test_a_period_past_the_year_9999_is_refused_with_its_row(with_project: bool) -> None:
    refusal = _meta_refusal([(META_SHEET, 2, 2, date(9999, 12, 30))], with_project)
    assert (refusal.row, refusal.column) == (2, "B")
    assert "30-12-9999" in refusal.reason


def test_a_bad_value_in_the_hidden_sheet_names_its_row() -> None:
    """Refusals of the hidden sheet named neither row nor column."""
    refusal = _meta_refusal([(META_SHEET, 4, 2, -5)], True)
    assert (refusal.row, refusal.column) == (4, "B")
    assert "-5" in refusal.reason
