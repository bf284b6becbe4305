"""Importing an edited planner workbook: round trip, changes, rebuilt shifts, per-cell errors, safety."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_project_store_sample import sample_project

from kcroster.io.roster_export import ExportData, export_planner_workbook, export_team_workbook
from kcroster.io.roster_import import ChangeKind, import_planner_workbook, parse_shift_text
from kcroster.model import BREAK, KcrosterInputError, Project, Roster, RosterStatus, Shift

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVIL = "=cmd|' /C calc'!A0"
# grid layout of the sample project: rows 2, 3, 4 = A1, A2, EVIL; column F = 19 Oct 2026
ROW = {"A1": 2, "A2": 3, EVIL: 4}


def col(day: int) -> int:
    return 6 + (day - 19)


def shift_key(s: Shift) -> tuple:
    return (s.agent_id, s.day, s.start.isoformat(), s.end.isoformat(), s.shift_type, s.locked,
            [(g.start.isoformat(), g.end.isoformat(), g.activity) for g in s.segments])


def assert_same_roster(a: Roster, b: Roster) -> None:
    assert [shift_key(s) for s in a.shifts] == [shift_key(s) for s in b.shifts]
    assert (a.name, a.status, a.published_at, a.published_by) == (b.name, b.status, b.published_at, b.published_by)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Project, Roster]:
    p = sample_project()
    roster = p.scenarios[0].roster
    f = tmp_path_factory.mktemp("imp") / "planner.xlsx"
    export_planner_workbook(ExportData(p, roster), f)
    return f, p, roster


def edit(src: Path, dst: Path, cells: dict[tuple[int, int], object], extra_rows: list[list] | None = None) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb["Rooster"]
    for (r, c), v in cells.items():
        ws.cell(r, c).value = v
        if isinstance(v, str):
            ws.cell(r, c).data_type = "s"
    for row in extra_rows or []:
        ws.append(row)
    wb.save(dst)
    return dst


def test_export_then_import_gives_the_identical_roster(exported: tuple[Path, Project, Roster]) -> None:
    f, p, roster = exported
    res = import_planner_workbook(f, p, roster)
    assert res.errors == [] and res.changes == []
    assert_same_roster(res.roster, roster)
    assert res.roster.shifts[0] is not roster.shifts[0]  # a copy: editing it leaves the export alone


def test_edits_are_recognised_and_shifts_rebuilt(exported: tuple[Path, Project, Roster], tmp_path: Path) -> None:
    f, p, roster = exported
    tz = p.horizon.tz
    edited = edit(f, tmp_path / "edited.xlsx", {
        (ROW["A1"], col(19)): "08:00-16:30",  # moved, same length
        (ROW["A2"], col(20)): None,  # removed
        (ROW["A2"], col(22)): "10:00 - 16:00",  # added
        (ROW["A1"], col(26)): "12:00-20:00",  # swapped with EVIL ...
        (ROW[EVIL], col(26)): None,  # ... who had it
        (ROW["A1"], col(28)): "9.00-20.00",  # added, long: ATW break
    })
    res = import_planner_workbook(edited, p, roster)
    assert res.errors == []
    kinds = {(c.agent_id, c.day.day): c.kind for c in res.changes}
    assert kinds == {("A1", 19): ChangeKind.MOVED, ("A2", 20): ChangeKind.REMOVED, ("A2", 22): ChangeKind.ADDED,
                     ("A1", 26): ChangeKind.SWAPPED, (EVIL, 26): ChangeKind.SWAPPED, ("A1", 28): ChangeKind.ADDED}
    new = {(s.agent_id, s.day.day): s for s in res.roster.shifts}

    def segs(s: Shift) -> list[tuple[str, str, str]]:
        return [(g.start.astimezone(tz).strftime("%H:%M"), g.end.astimezone(tz).strftime("%H:%M"), g.activity)
                for g in s.segments]

    # same length: the pattern moves along (break 11:15–11:45 → 12:15–12:45); no longer "Vroeg"
    moved = new[("A1", 19)]
    assert segs(moved) == [("08:00", "12:15", "Telefonie"), ("12:15", "12:45", BREAK), ("12:45", "16:30", "Telefonie")]
    assert moved.shift_type is None
    # new 6 h shift: the agent's skill, a 30-minute break in the middle on the quarter-hour grid
    assert segs(new[("A2", 22)]) == [("10:00", "12:45", "Telefonie"), ("12:45", "13:15", BREAK),
                                     ("13:15", "16:00", "Telefonie")]
    # 11 h: work would exceed 10 h after a 30-min break → 45 minutes; its centred start 14:07:30
    # is rounded half up to the grid
    long = new[("A1", 28)]
    assert segs(long) == [("09:00", "14:15", "Telefonie"), ("14:15", "15:00", BREAK), ("15:00", "20:00", "Telefonie")]
    # the swap: A1 takes EVIL's shift with its breaks; E-mail is not A1's skill → A1's main skill
    assert segs(new[("A1", 26)]) == [("12:00", "16:00", "Telefonie"), ("16:00", "16:30", BREAK),
                                     ("16:30", "20:00", "Telefonie")]
    assert (EVIL, 26) not in new and ("A2", 20) not in new
    # unchanged shifts are untouched (the locked DST night included)
    night = new[("A1", 24)]
    assert night.locked and shift_key(night) == shift_key(roster.shift_on("A1", date(2026, 10, 24)))
    assert len(res.roster.shifts) == len(roster.shifts) + 1
    assert res.changes[0].describe(tz) == "A1 19-10-2026: 07:00-15:30 → 08:00-16:30 (verschoven)"


def test_errors_are_reported_per_cell(exported: tuple[Path, Project, Roster], tmp_path: Path) -> None:
    f, p, roster = exported
    edited = edit(f, tmp_path / "bad.xlsx", {
        (ROW["A1"], col(27)): "banaan",
        (ROW["A1"], col(25)): "05:00-09:00",  # overlaps the night 24→25 Oct (ends 06:00)
        (ROW["A2"], col(21)): "25:00-26:00",
        (ROW["A2"], col(23)): "10:00-10:00",
        (ROW["A2"], col(20)): 0.5,  # a number, not a time range
        (5, 1): "X99", (5, 2): "Onbekend", (5, col(19)): "08:00-12:00",
        (6, 1): EVIL, (6, 2): "dubbel",
    })
    res = import_planner_workbook(edited, p, roster)
    got = {(e.row, (e.column or "")[:1]): e.reason for e in res.errors}
    assert "geen diensttijd" in got[(2, "N")]
    assert "overlapt" in got[(2, "L")] and "24-10-2026" in got[(2, "L")]
    assert "geen diensttijd" in got[(3, "H")] and "geen diensttijd" in got[(3, "G")]
    assert "geen lengte" in got[(3, "J")]
    assert "onbekende medewerker 'X99'" in got[(5, "A")]
    assert "ook in rij 4" in got[(6, "A")]
    assert len(res.errors) == 7
    for e in res.errors:
        assert e.file == "bad.xlsx" and e.sheet == "Rooster"
    # cells with an error keep the exported shift (A2 on 20 Oct), nothing else changed
    assert res.changes == []
    assert_same_roster(res.roster, roster)


def test_published_roster_becomes_changed(exported: tuple[Path, Project, Roster], tmp_path: Path) -> None:
    f, p, roster = exported
    pub = Roster(roster.shifts, "rooster", RosterStatus.PUBLISHED, datetime(2026, 9, 1, tzinfo=p.horizon.tz), "jan")
    res = import_planner_workbook(f, p, pub)
    assert res.roster.status is RosterStatus.PUBLISHED
    edited = edit(f, tmp_path / "e.xlsx", {(ROW["A2"], col(20)): None})
    res = import_planner_workbook(edited, p, pub)
    assert res.roster.status is RosterStatus.CHANGED and res.roster.published_by == "jan"


def test_missing_agent_row_keeps_their_shifts(exported: tuple[Path, Project, Roster], tmp_path: Path) -> None:
    f, p, roster = exported
    wb = openpyxl.load_workbook(f)
    wb["Rooster"].delete_rows(ROW[EVIL])
    wb.save(tmp_path / "minder.xlsx")
    res = import_planner_workbook(tmp_path / "minder.xlsx", p, roster)
    assert [e.reason for e in res.errors] == [
        f"medewerker '{EVIL}' ontbreekt in het rooster; diensten ongewijzigd gelaten"]
    assert_same_roster(res.roster, roster)


def test_parse_shift_text() -> None:
    assert parse_shift_text("08:00-16:30") == (time(8), time(16, 30))
    assert parse_shift_text(" 8.00 – 16.30 ") == (time(8), time(16, 30))
    assert parse_shift_text("22:00-24:00") == (time(22), time(0))
    for bad in ("8-16", "08:00", "24:30-25:00", "08:60-09:00", "verlof"):
        assert parse_shift_text(bad) is None


def test_not_a_planner_workbook(tmp_path: Path, exported: tuple[Path, Project, Roster]) -> None:
    _, p, roster = exported
    wb = openpyxl.Workbook()
    wb.active.title = "Blad1"
    wb.save(tmp_path / "leeg.xlsx")
    with pytest.raises(KcrosterInputError, match="blad 'Rooster' ontbreekt"):
        import_planner_workbook(tmp_path / "leeg.xlsx", p, roster)
    (tmp_path / "nep.xlsx").write_text("agent;start\n")
    with pytest.raises(KcrosterInputError, match="geen Excel-werkmap"):
        import_planner_workbook(tmp_path / "nep.xlsx", p, roster)


def test_xml_entity_attack_is_refused(exported: tuple[Path, Project, Roster], tmp_path: Path) -> None:
    f, p, roster = exported
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{"&lol%s;" % ("" if i == 1 else i - 1) * 10}">' for i in range(1, 10))
            + "]>")
    out = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(f) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = bomb + text[text.index("?>") + 2:] if text.startswith("<?xml") else bomb + text
                data = text.encode()
            zout.writestr(item, data)
    with pytest.raises(KcrosterInputError) as err:
        import_planner_workbook(out, p, roster)
    assert err.value.file == "bom.xlsx"


def test_zip_bomb_is_refused(exported: tuple[Path, Project, Roster], tmp_path: Path) -> None:
    f, p, roster = exported
    out = tmp_path / "zipbom.xlsx"
    with zipfile.ZipFile(f) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        # 16 MB of zeros deflate ~1000×: far beyond any real workbook part
        zout.writestr("xl/media/huge.bin", bytes(16 * 1024 * 1024))
    with pytest.raises(KcrosterInputError):
        import_planner_workbook(out, p, roster)


def test_team_workbook_grid_imports_too(exported: tuple[Path, Project, Roster], tmp_path: Path) -> None:
    _, p, roster = exported
    f = tmp_path / "team.xlsx"
    export_team_workbook(ExportData(p, roster), f)
    res = import_planner_workbook(f, p, roster)  # "afwezig" and the neutral label are not shifts
    assert res.errors == [] and res.changes == []


# --------------------------------------------------------------------------------------------
# A workbook saved by LibreOffice (real-world file)
# --------------------------------------------------------------------------------------------

LO_FIXTURE = FIXTURES / "planner_libreoffice.xlsx"


def _fixture_project() -> tuple[Project, Roster]:
    p = sample_project(days=7)
    return p, Roster([s for s in p.scenarios[0].roster.shifts if s.day < p.horizon.end])


def test_libreoffice_saved_workbook_imports(tmp_path: Path) -> None:
    """The committed fixture is our planner export of ``_fixture_project`` converted by
    ``libreoffice --headless --convert-to xlsx``; if LibreOffice is on this machine, the conversion
    is repeated fresh as well."""
    p, roster = _fixture_project()
    files = [LO_FIXTURE]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        files.append(_convert_with_libreoffice(soffice, p, roster, tmp_path))
    for f in files:
        with zipfile.ZipFile(f) as z:
            assert "LibreOffice" in z.read("docProps/app.xml").decode()
        res = import_planner_workbook(f, p, roster)
        assert res.errors == [] and res.changes == []
        assert_same_roster(res.roster, roster)


def _convert_with_libreoffice(soffice: str, p: Project, roster: Roster, tmp_path: Path) -> Path:
    src = tmp_path / "src" / "planner_libreoffice.xlsx"
    src.parent.mkdir()
    export_planner_workbook(ExportData(p, roster), src)
    out = tmp_path / "out"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--convert-to", "xlsx", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    return out / "planner_libreoffice.xlsx"


# --------------------------------------------------------------------------------------------
# Fuzzing: any cell text gives a result with located errors, never a crash
# --------------------------------------------------------------------------------------------

cell_values = st.one_of(
    st.none(), st.text(max_size=20), st.sampled_from(["08:00-16:30", "23:00-07:00", "verlof", "=1+1", "02:30-03:00",
                                                      "0:00-24:00", "7:5-8:00", "–", "08:00–"]),
    st.integers(-5, 10**6), st.floats(-1e5, 1e5), st.dates(), st.times(),
)


@pytest.fixture(scope="module")
def small_grid(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Project, Roster]:
    """The team workbook of a one-week project: the same grid, quick to load and save."""
    p, roster = _fixture_project()
    f = tmp_path_factory.mktemp("fuzz") / "grid.xlsx"
    export_team_workbook(ExportData(p, roster), f)
    return f, p, roster


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=st.dictionaries(st.tuples(st.integers(1, 6), st.integers(1, 14)), cell_values, max_size=8))
def test_fuzzed_grid_never_crashes(small_grid: tuple[Path, Project, Roster], tmp_path: Path, edits: dict) -> None:
    f, p, roster = small_grid
    wb = openpyxl.load_workbook(f)
    ws = wb["Rooster"]
    for (r, c), v in edits.items():
        if isinstance(v, str):
            v = "".join(ch for ch in v if ch.isprintable())
        ws.cell(r, c).value = v
        if isinstance(v, str):
            ws.cell(r, c).data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    g = tmp_path / "fuzz.xlsx"
    g.write_bytes(buf.getvalue())
    try:
        res = import_planner_workbook(g, p, roster)
    except KcrosterInputError:
        return  # a broken header row: the whole file is refused with a message
    for e in res.errors:
        assert isinstance(e, KcrosterInputError) and e.file == "fuzz.xlsx"
    by_agent: dict[str, list[Shift]] = {}
    for s in res.roster.shifts:
        assert s.start.timestamp() < s.end.timestamp()
        assert s.segments[0].start == s.start and s.segments[-1].end.timestamp() == s.end.timestamp()
        by_agent.setdefault(s.agent_id, []).append(s)
    for shifts in by_agent.values():
        shifts.sort(key=lambda s: s.start.timestamp())
        for a, b in zip(shifts, shifts[1:], strict=False):
            assert a.end.timestamp() <= b.start.timestamp()
    assert np.all([c.agent_id in {a.id for a in p.agents} for c in res.changes])
