"""Fuzzing the agents workbook import (and the reintegration template, which shares its format
logic): whatever the file holds, the import returns data or raises KcrosterInputError naming
the file — never another exception, never a hang.

Stricter than "nothing else escapes": the row collector's last resort (an unforeseen exception
turned into "onleesbare waarde (…)") must not be reached either — that would be a bug hidden
behind a vague message without a column.
"""

from __future__ import annotations

import io
import math
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fuzz_kit import cell_values, corrupted, with_member
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from kcroster.io.agents import AgentsData, AgentsWorkbookError, load_agents_workbook
from kcroster.io.templates import load_reintegration_workbook
from kcroster.model import Horizon, KcrosterInputError

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HORIZON = Horizon(date(2027, 5, 3), 14)
QUEUES = {"Telefonie", "Chat", "E-mail"}
LAST_RESORT = "onleesbare waarde ("

SHEETS: dict[str, list[list[Any]]] = {
    "Medewerkers": [
        [
            "id",
            "naam",
            "contracturen",
            "min_uren",
            "max_uren",
            "max_dagen_per_week",
            "vaardigheden",
            "vroegste_begin",
            "uiterlijk_einde",
            "geboortedatum",
            "team",
            "diensttypen",
            "max_per_diensttype",
            "min_uren_periode",
            "max_uren_periode",
            "max_weekenden",
        ],
        [
            "A1",
            "Anna de Vries",
            36,
            None,
            None,
            5,
            "Telefonie, Chat",
            "07:00",
            "22:00",
            date(1990, 5, 17),
            "Noord",
            "Vroeg, Laat",
            "Laat:2",
            None,
            None,
            2,
        ],
        [
            "A2",
            "Bram Jansen",
            "24,5",
            20,
            28,
            4,
            "E-mail",
            time(8, 30),
            time(14, 30),
            None,
            "Zuid",
            None,
            None,
            40,
            60,
            None,
        ],
    ],
    "Afwezigheid": [
        ["id", "van", "tot", "omschrijving"],
        ["A1", date(2027, 5, 5), date(2027, 5, 6), "vakantie"],
        ["A2", datetime(2027, 5, 7, 9), datetime(2027, 5, 7, 12), "tandarts"],
    ],
    "Wensen": [
        ["id", "datum", "wens", "gewicht"],
        ["A1", date(2027, 5, 4), "vrij", 2],
        ["A2", "10-05-2027", "09:00-15:00", "moet"],
        ["A1", date(2027, 5, 8), "dienst Laat", None],
    ],
    "Re-integratie": [
        [
            "id",
            "vanaf",
            "max_uren_week",
            "max_uren_dag",
            "dagen",
            "max_dagen_week",
            "min_rustdagen_tussen",
            "venster",
            "activiteiten",
            "eerste_ziektedag",
            "productiviteit",
            "max_aaneengesloten_minuten",
            "extra_pauze_minuten",
        ],
        [
            "A2",
            date(2027, 5, 3),
            12,
            4,
            "ma,wo,vr",
            3,
            1,
            "09:00-15:00",
            "E-mail",
            date(2027, 3, 1),
            "50%",
            120,
            15,
        ],
    ],
    "Diensten": [
        ["instelling", "waarde"],
        ["starttijd_stap_minuten", 15],
        ["min_duur_minuten", 180],
        ["verboden_volgorde", "Laat>Vroeg"],
        ["vroeg_voor", "08:30"],
    ],
    "Diensttypen": [
        ["naam", "begin", "einde", "onpopulair"],
        ["Vroeg", "07:00", "15:30", "nee"],
        ["Laat", time(14), time(22, 30), "ja"],
    ],
    "Dienstbehoefte": [
        ["datum", "diensttype", "nodig", "gewicht_tekort"],
        [date(2027, 5, 4), "Vroeg", 3, 50],
    ],
}
SHEET_NAMES = list(SHEETS)

CELL = cell_values(
    [
        "vrij",
        "moet",
        "09:00-15:00",
        "22:00-06:00",
        "ma-vr",
        "ma,wo",
        "geen",
        "50%",
        "150%",
        "24:00",
        "25:00",
        "1,5",
        "1.234,5",
        "-0",
        "NaN",
        "inf",
        "1e308",
        "=1+1",
        "@SUM(A1)",
        "31-02-2027",
        "2027-05-04 08:00",
        "Telefonie",
        "telefonie, chat",
        "Vroeg",
        "Laat:x",
        "niet Vroeg",
        "A1",
        "A2",
        "#opmerking",
        "Laat>Onbekend",
        "Nacht 22:00-06:00",
        "31-12-9999",
        date(9999, 12, 31),
        "0001-01-01T00:00+01:00",
        "9999-12-31T23:30-05:00",
        "2027-03-28 02:30",
        "2027-10-31 02:30",
    ],
)


def _workbook(sheets: dict[str, list[list[Any]]]) -> bytes | None:
    """The sheets as xlsx bytes (``None`` when openpyxl refuses a value itself)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    try:
        for name, rows in sheets.items():
            ws = wb.create_sheet(name)
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row, start=1):
                    cell = ws.cell(r, c)
                    cell.value = value
                    if isinstance(value, str):
                        cell.data_type = "s"  # text as typed, never a formula
        buf = io.BytesIO()
        wb.save(buf)
    except (ValueError, TypeError, IllegalCharacterError):
        return None
    return buf.getvalue()


BASE = _workbook(SHEETS)
assert BASE is not None


def _tmp(name: str, data: bytes) -> Path:
    p = Path(tempfile.mkdtemp(prefix="kcfuzz")) / name
    p.write_bytes(data)
    return p


def _refused(exc: KcrosterInputError, path: Path) -> None:
    assert exc.file == path.name, exc.message
    for e in getattr(exc, "errors", [exc]):
        assert e.file == path.name and e.reason, e.message
        assert not e.reason.startswith(LAST_RESORT), e.message
        if e.row is not None:
            assert e.sheet, e.message


def _data_is_sound(data: AgentsData) -> None:
    ids = [a.id for a in data.agents]
    assert len(ids) == len(set(ids)) and all(ids)
    for a in data.agents:
        assert math.isfinite(a.contract_hours) and 0 <= a.contract_hours <= 168
        assert a.week_min_hours <= a.week_max_hours
        assert set(a.skills) <= QUEUES
    for lv in data.leave:
        assert lv.start < lv.end and lv.start.tzinfo is not None
    for w in data.wishes:
        assert 1 <= w.weight <= 3
    for s in data.reintegration:
        assert 0.0 <= s.productivity <= 1.0
        if s.window is not None:
            assert s.window[0] < s.window[1]


def _check(path: Path) -> None:
    try:
        data = load_agents_workbook(path, horizon=HORIZON, known_queues=QUEUES)
    except KcrosterInputError as exc:
        _refused(exc, path)
    else:
        _data_is_sound(data)
    try:
        reint = load_reintegration_workbook(path, known_agents={"A1", "A2"}, known_queues=QUEUES)
    except KcrosterInputError as exc:
        _refused(exc, path)
    else:
        _data_is_sound(reint)


def test_the_base_workbook_imports() -> None:
    """The fuzz starts from a valid workbook, so its edits probe real parsing."""
    data = load_agents_workbook(_tmp("basis.xlsx", BASE), horizon=HORIZON, known_queues=QUEUES)
    assert [a.id for a in data.agents] == ["A1", "A2"]
    assert (len(data.leave), len(data.wishes), len(data.reintegration)) == (2, 3, 1)
    assert data.shift_rules is not None and len(data.shift_rules.shift_types) == 2


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["a.xlsx", "a.csv", "a.xlsm"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _check(_tmp(name, data))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_behind_a_zip_header(data: bytes) -> None:
    _check(_tmp("z.xlsx", b"PK\x03\x04" + data))


@FUZZ
@given(st.integers(min_value=1, max_value=len(BASE) - 1))
def test_truncated_workbook(keep: int) -> None:
    _check(_tmp("kort.xlsx", BASE[:keep]))


@FUZZ
@given(
    st.lists(
        st.tuples(st.sampled_from(SHEET_NAMES), st.integers(0, 3), st.integers(0, 16), CELL),
        max_size=8,
    )
)
def test_random_cells_in_an_otherwise_valid_workbook(edits: list) -> None:
    sheets = {k: [list(r) for r in v] for k, v in SHEETS.items()}
    for sheet, r, c, value in edits:
        rows = sheets[sheet]
        while len(rows) <= r:
            rows.append([])
        while len(rows[r]) <= c:
            rows[r].append(None)
        rows[r][c] = value
    data = _workbook(sheets)
    if data is not None:
        _check(_tmp("cellen.xlsx", data))


@FUZZ
@given(
    st.sampled_from(SHEET_NAMES),
    st.randoms(use_true_random=False),
    st.integers(0, 3),
    st.lists(st.sampled_from(["extra", "diagnose", "", "id", "naam", "van", "datum"]), max_size=2),
)
def test_random_header_order_missing_and_extra_columns(
    sheet: str, rnd: Any, drop: int, extra: list[str]
) -> None:
    """Columns shuffled (data moves with its header), some dropped, unknown or duplicate ones added."""
    rows = SHEETS[sheet]
    width = len(rows[0])
    order = list(range(width))
    rnd.shuffle(order)
    order = order[: max(1, width - drop)]
    new = [[row[j] if j < len(row) else None for j in order] + [None] * len(extra) for row in rows]
    new[0][len(order) :] = extra
    data = _workbook({**SHEETS, sheet: new})
    assert data is not None
    _check(_tmp("kolommen.xlsx", data))


@FUZZ
@given(
    st.sampled_from(
        [
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet4.xml",
            "xl/sharedStrings.xml",
            "xl/workbook.xml",
            "xl/styles.xml",
            "[Content_Types].xml",
            "xl/_rels/workbook.xml.rels",
        ]
    ),
    st.binary(max_size=200),
)
def test_random_xml_part(member: str, content: bytes) -> None:
    _check(_tmp("deel.xlsx", with_member(BASE, member, content)))


@FUZZ
@given(st.binary(min_size=1, max_size=8), st.integers(min_value=0))
def test_corrupted_bytes(patch: bytes, where: int) -> None:
    _check(_tmp("kapot.xlsx", corrupted(BASE, patch, where)))


@pytest.mark.parametrize("name", ["agents.csv", "agents.txt"])
def test_a_csv_is_refused_with_its_name(name: str) -> None:
    """Agents come in a workbook only: a Dutch ``;`` CSV of the same table is refused, located."""
    text = "id;naam;contracturen\r\nA1;Anna;36,5\r\n"
    path = _tmp(name, text.encode("cp1252"))
    with pytest.raises(KcrosterInputError) as exc:
        load_agents_workbook(path)
    assert not isinstance(exc.value, AgentsWorkbookError) or exc.value.errors
    _refused(exc.value, path)


# --------------------------------------------------------------------------------------------
# Bugs the fuzzing found (regressions)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "label"),
    [
        (2, date(9999, 12, 31), "C (tot)"),  # inclusive: the leave ends the next day, past 9999
        (2, "31-12-9999", "C (tot)"),
        (1, "0001-01-01T00:00+01:00", "B (van)"),  # in UTC before year 1
        (2, "9999-12-31T23:30-05:00", "C (tot)"),  # in UTC after 9999
    ],
)
def test_a_leave_moment_outside_the_calendar_is_refused_at_its_cell(
    column: int, value: Any, label: str
) -> None:
    """These escaped the leave parser as OverflowError and came out as the collector's
    'onleesbare waarde (OverflowError)', naming no column."""
    sheets = {k: [list(r) for r in v] for k, v in SHEETS.items()}
    sheets["Afwezigheid"][1][column] = value
    data = _workbook(sheets)
    assert data is not None
    path = _tmp("verlof.xlsx", data)
    with pytest.raises(KcrosterInputError) as exc:
        load_agents_workbook(path, horizon=HORIZON, known_queues=QUEUES)
    _refused(exc.value, path)
    [err] = getattr(exc.value, "errors", [exc.value])
    assert (err.sheet, err.row, err.column) == ("Afwezigheid", 2, label)
    assert "buiten de kalender" in err.reason
