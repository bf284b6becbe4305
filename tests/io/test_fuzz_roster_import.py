"""Fuzzing the roster re-import: the edited planner workbook (``kcroster import-roster``, Bestand →
Rooster importeren uit Excel) and the roster CSV (``kcroster check``).

Property: the reader returns a roster or raises KcrosterInputError naming the file — never
another exception, never a hang. A planner workbook's per-cell problems are located errors in
the result (file, sheet, row and column); the roster that comes back is one the rest of the
program can trust: known agents, shifts that end after they start, segments that tile the shift,
no two shifts of one agent overlapping, every shift on a day of the planning horizon.
"""

from __future__ import annotations

import io
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fuzz_kit import cell_values, corrupted, with_member
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError
from test_project_store_sample import sample_project

from kcroster.io.roster_csv import read_roster_csv, write_roster_csv
from kcroster.io.roster_export import ExportData, export_planner_workbook
from kcroster.io.roster_import import import_planner_workbook
from kcroster.model import KcrosterInputError, Project, Roster

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _project() -> tuple[Project, Roster]:
    p = sample_project(days=7)  # 19–25 Oct 2026, the autumn DST change on the last day
    roster = Roster([s for s in p.scenarios[0].roster.shifts if s.day < p.horizon.end])
    p.scenarios[0].roster = roster
    return p, roster


PROJECT, ROSTER = _project()
AGENTS = [a.id for a in PROJECT.agents]
_DIR = Path(tempfile.mkdtemp(prefix="kcroster-fuzz"))
export_planner_workbook(ExportData(PROJECT, ROSTER), _DIR / "planner.xlsx")
PLANNER = (_DIR / "planner.xlsx").read_bytes()
write_roster_csv(ROSTER, _DIR / "rooster.csv")
CSV_TEXT = (_DIR / "rooster.csv").read_bytes().decode("utf-8-sig")
GRID_ROWS = 1 + len(AGENTS)
GRID_COLS = (
    5 + PROJECT.horizon.days + 1
)  # id, name, team, contract, reintegration, days, week total


def _tmp(name: str, data: bytes) -> Path:
    p = Path(tempfile.mkdtemp(prefix="kcfuzz")) / name
    p.write_bytes(data)
    return p


def _roster_is_sound(roster: Roster, project: Project) -> None:
    h = project.horizon
    known = {a.id for a in project.agents}
    by_agent: dict[str, list[tuple[float, float]]] = {}
    for s in roster.shifts:
        assert s.agent_id in known
        assert h.start <= s.day < h.end, f"dienst op {s.day} buiten de horizon"
        assert s.start.timestamp() < s.end.timestamp()
        assert s.segments and s.segments[0].start == s.start and s.segments[-1].end == s.end
        for a, b in zip(s.segments, s.segments[1:], strict=False):
            assert a.end.timestamp() == b.start.timestamp()
        by_agent.setdefault(s.agent_id, []).append((s.start.timestamp(), s.end.timestamp()))
    for spans in by_agent.values():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, "twee diensten van een medewerker overlappen"


def _check_planner(path: Path) -> None:
    try:
        res = import_planner_workbook(path, PROJECT, ROSTER)
    except KcrosterInputError as exc:
        assert exc.file == path.name and exc.reason, exc.message
        return
    for e in res.errors:
        assert isinstance(e, KcrosterInputError)
        assert e.file == path.name and e.reason, e.message
    _roster_is_sound(res.roster, PROJECT)


def _check_csv(path: Path) -> None:
    try:
        roster = read_roster_csv(path, PROJECT)
    except KcrosterInputError as exc:
        assert exc.file == path.name and exc.reason, exc.message
        return
    _roster_is_sound(roster, PROJECT)


# --------------------------------------------------------------------------------------------
# The planner workbook
# --------------------------------------------------------------------------------------------

GRID_CELL = cell_values(
    [
        "08:00-16:30",
        "8.00 - 16.30",
        "22:00-06:00",
        "23:00-07:00",
        "02:30-03:00",
        "00:00-24:00",
        "24:00-08:00",
        "08:00-08:00",
        "25:00-26:00",
        "verlof",
        "afwezig",
        "niet beschikbaar",
        "Verlof / afwezig",
        "=1+1",
        "'=A1",
        "@SUM(A1)",
        "-",
        "–",
        "A1",
        "A2",
        "Medewerker",
        "18-10-2026",
        "26-10-2026",
        "2026-10-21",
        "01-01-2100",
        "31-12-9999",
        "1,5",
        "NaN",
    ],
    text_size=14,
)


def _edited(edits: list[tuple[int, int, Any]]) -> bytes | None:
    wb = openpyxl.load_workbook(io.BytesIO(PLANNER))
    ws = wb["Rooster"]
    try:
        for r, c, value in edits:
            cell = ws.cell(r, c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text as typed, never a formula
        buf = io.BytesIO()
        wb.save(buf)
    except (ValueError, TypeError, IllegalCharacterError):
        return None
    return buf.getvalue()


def test_the_exported_workbook_imports_unchanged() -> None:
    res = import_planner_workbook(_tmp("planner.xlsx", PLANNER), PROJECT, ROSTER)
    assert res.errors == [] and res.changes == []


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["p.xlsx", "p.csv", "p.xlsm"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _check_planner(_tmp(name, data))


@FUZZ
@given(st.integers(min_value=1, max_value=len(PLANNER) - 1))
def test_truncated_workbook(keep: int) -> None:
    _check_planner(_tmp("kort.xlsx", PLANNER[:keep]))


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(2, GRID_ROWS + 1), st.integers(6, GRID_COLS), GRID_CELL), max_size=10
    )
)
def test_random_cells_in_the_grid(edits: list) -> None:
    data = _edited(edits)
    if data is not None:
        _check_planner(_tmp("raster.xlsx", data))


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(1, GRID_ROWS + 1), st.integers(1, GRID_COLS + 2), GRID_CELL),
        max_size=4,
    )
)
def test_random_cells_anywhere_including_headers_and_ids(edits: list) -> None:
    data = _edited(edits)
    if data is not None:
        _check_planner(_tmp("kop.xlsx", data))


@FUZZ
@given(
    st.sampled_from(
        [
            "xl/worksheets/sheet1.xml",
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
    _check_planner(_tmp("deel.xlsx", with_member(PLANNER, member, content)))


@FUZZ
@given(st.binary(min_size=1, max_size=8), st.integers(min_value=0))
def test_corrupted_bytes(patch: bytes, where: int) -> None:
    _check_planner(_tmp("kapot.xlsx", corrupted(PLANNER, patch, where)))


# --------------------------------------------------------------------------------------------
# The roster CSV
# --------------------------------------------------------------------------------------------

MOMENTS = st.one_of(
    st.sampled_from(
        [
            "2026-10-19T08:00:00+02:00",
            "2026-10-19T12:00:00+02:00",
            "2026-10-19T16:30:00+02:00",
            "2026-10-25T02:30:00+02:00",
            "2026-10-25T02:30:00+01:00",
            "2026-10-25T02:30",
            "2026-10-24T22:00",
            "2026-10-25T06:00:00+01:00",
            "2026-10-18T22:00:00+02:00",
            "2026-10-26T08:00:00+01:00",
            "2026-10-21 08:00",
            "21-10-2026 08:00",
            "2026-10-21T08:00Z",
            "2026-13-01T08:00",
            "0001-01-01T00:00+14:00",
            "9999-12-31T23:59-14:00",
            "",
            "gisteren",
            "=NOW()",
            "'2026-10-21T08:00",
        ]
    ),
    st.datetimes(min_value=datetime(2026, 10, 17), max_value=datetime(2026, 10, 27)).map(
        lambda d: d.isoformat(timespec="minutes")
    ),
)
AGENT_CELLS = st.sampled_from([*AGENTS, "", "X9", "'" + AGENTS[-1], " A1 ", "a1"])
ACTIVITIES = st.sampled_from(
    ["Telefonie", "Chat", "E-mail", "break", "work", "", "Pauze", "'=cmd", "telefonie"]
)
HEADERS = [
    ("agent", "medewerker", "id"),
    ("start", "begin", "van"),
    ("end", "einde", "tot"),
    ("activity", "activiteit"),
]


@st.composite
def roster_csv(draw: Any) -> bytes:
    """A roster CSV as Dutch or English Excel might save it: any header order and alias, extra
    or missing columns, ``;`` or ``,``, CRLF or LF, UTF-8 (with or without BOM), cp1252 or UTF-16."""
    order = draw(st.permutations(range(4)))
    names = [draw(st.sampled_from(HEADERS[j])) for j in order]
    extra = draw(st.lists(st.sampled_from(["opmerking", "", "agent"]), max_size=2))
    drop = draw(st.booleans()) and draw(st.booleans())
    columns = list(order) + [None] * len(extra)
    header = names + extra
    if drop:
        del header[0], columns[0]
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        cells = {0: draw(AGENT_CELLS), 1: draw(MOMENTS), 2: draw(MOMENTS), 3: draw(ACTIVITIES)}
        rows.append([cells[j] if j is not None else draw(st.text(max_size=5)) for j in columns])
    sep = draw(st.sampled_from([";", ",", "\t"]))
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    text = newline.join(sep.join(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


@FUZZ
@given(roster_csv())
def test_random_roster_csv(data: bytes) -> None:
    _check_csv(_tmp("rooster.csv", data))


@FUZZ
@given(st.binary(max_size=1500))
def test_random_bytes_as_roster_csv(data: bytes) -> None:
    _check_csv(_tmp("bytes.csv", data))


@FUZZ
@given(st.integers(min_value=0, max_value=len(CSV_TEXT)), st.sampled_from([",", ";"]))
def test_truncated_roster_csv(keep: int, sep: str) -> None:
    _check_csv(_tmp("kort.csv", CSV_TEXT[:keep].replace(",", sep).encode("utf-8-sig")))


def test_the_written_csv_reads_back() -> None:
    assert len(read_roster_csv(_tmp("terug.csv", CSV_TEXT.encode()), PROJECT).shifts) == len(
        ROSTER.shifts
    )


# --------------------------------------------------------------------------------------------
# Bugs the fuzzing found (regressions)
# --------------------------------------------------------------------------------------------


def test_a_csv_moment_whose_offset_leaves_the_calendar_is_refused_at_its_cell() -> None:
    """'0001-01-01T00:00+14:00' is before year 1 in Amsterdam: an OverflowError escaped."""
    text = (
        "agent;start;end;activity\r\nA1;2026-10-19T08:00:00+02:00;0001-01-01T00:00+14:00;Telefonie"
    )
    path = _tmp("kalender.csv", text.encode())
    with pytest.raises(KcrosterInputError) as exc:
        read_roster_csv(path, PROJECT)
    assert (exc.value.file, exc.value.row, exc.value.column) == ("kalender.csv", 2, "end")
    assert "buiten de kalender" in exc.value.reason
