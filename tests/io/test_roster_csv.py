"""The roster file (CSV, one row per segment): round trip, format, injection safety, errors."""

from __future__ import annotations

import csv
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_project_store_sample import make_shift, sample_project

from kcroster.io.roster_csv import read_roster_csv, write_roster_csv
from kcroster.model import KcrosterInputError, Roster

HEADER = "agent,start,end,activity\n"


def _sorted(r: Roster) -> list:
    return sorted(r.shifts, key=lambda s: (s.agent_id, s.start.timestamp()))


def test_round_trip_keeps_every_segment(tmp_path: Path) -> None:
    p = sample_project()
    roster = p.scenarios[0].roster
    f = tmp_path / "rooster.csv"
    write_roster_csv(roster, f)
    back = read_roster_csv(f, p)
    orig = _sorted(roster)
    got = _sorted(back)
    assert len(got) == len(orig) == 4
    for a, b in zip(orig, got, strict=True):
        assert (a.agent_id, a.day, a.start, a.end, a.segments) == (b.agent_id, b.day, b.start, b.end, b.segments)
        for x, y in zip(a.segments, b.segments, strict=True):  # same wall clock and offset too
            assert x.start.isoformat() == y.start.isoformat() and x.end.isoformat() == y.end.isoformat()
    # shift type inferred from the named type with the same local times; locked is not in the file
    assert [s.shift_type for s in got if s.shift_type] == ["Vroeg"]
    assert next(s for s in got if s.shift_type).day == date(2026, 10, 19)
    assert not any(s.locked for s in got)


def test_file_format_is_iso_with_offset_and_one_row_per_segment(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "rooster.csv"
    write_roster_csv(p.scenarios[0].roster, f)
    raw = f.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["agent", "start", "end", "activity"]
    assert len(rows) == 1 + 3 + 3 + 1 + 3
    # the night shift over the autumn DST change: offsets +02:00 then +01:00
    night = [r for r in rows if r[0] == "A1" and r[3] == "Chat"]
    assert night[0][1] == "2026-10-24T22:00:00+02:00"
    assert night[-1][2] == "2026-10-25T06:00:00+01:00"
    assert ["A1", "2026-10-19T07:00:00+02:00", "2026-10-19T11:15:00+02:00", "Telefonie"] in rows


def test_formula_injection_is_quoted(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "rooster.csv"
    write_roster_csv(p.scenarios[0].roster, f)
    rows = list(csv.reader(f.read_text(encoding="utf-8-sig").splitlines()))
    evil = [r for r in rows if "calc" in r[0]]
    assert evil and all(r[0] == "'=cmd|' /C calc'!A0" for r in evil)
    for r in rows[1:]:
        for value in r:
            assert not value.startswith(("=", "+", "-", "@"))
    # and it reads back as the real id
    assert {s.agent_id for s in read_roster_csv(f, p).shifts} >= {"=cmd|' /C calc'!A0"}


def test_dutch_semicolon_file_with_local_times(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "r.csv"
    f.write_text(
        "Medewerker;Begin;Einde;Activiteit\n"
        "A1;2026-10-20T08:00;2026-10-20T12:00;Telefonie\n"
        "A1;2026-10-20T12:00;2026-10-20T12:30;break\n"
        "A1;2026-10-20T12:30;2026-10-20T16:30;Chat\n"
        "A1;2026-10-22T09:00;2026-10-22T13:00;work\n",
        encoding="cp1252",
    )
    r = read_roster_csv(f, p)
    assert [(s.day, len(s.segments)) for s in r.shifts] == [(date(2026, 10, 20), 3), (date(2026, 10, 22), 1)]
    s0 = r.shifts[0]
    assert s0.start == datetime(2026, 10, 20, 8, tzinfo=p.horizon.tz)
    assert s0.break_minutes == 30 and s0.work_minutes == 480


def test_touching_segments_form_one_shift_and_gaps_split(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "r.csv"
    f.write_text(
        HEADER
        + "A2,2026-10-21T14:00:00+02:00,2026-10-21T16:00:00+02:00,Telefonie\n"
        + "A2,2026-10-21T09:00:00+02:00,2026-10-21T11:00:00+02:00,Telefonie\n"  # out of order
        + "A2,2026-10-21T11:00:00+02:00,2026-10-21T11:15:00+02:00,break\n"
        + "A2,2026-10-21T11:15:00+02:00,2026-10-21T13:00:00+02:00,E-mail\n",
        encoding="utf-8",
    )
    r = read_roster_csv(f, p)
    assert [(s.start.hour, s.end.hour, len(s.segments)) for s in r.shifts] == [(9, 13, 3), (14, 16, 1)]


def test_shift_after_midnight_belongs_to_its_start_day(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "r.csv"
    write_roster_csv(Roster([make_shift(p.horizon, "A1", date(2026, 10, 28), time(22), 9, "Chat")]), f)
    (s,) = read_roster_csv(f, p).shifts
    assert s.day == date(2026, 10, 28) and s.end.date() == date(2026, 10, 29)


@pytest.mark.parametrize(
    ("line", "row", "column", "reason"),
    [
        ("X9,2026-10-21T09:00:00+02:00,2026-10-21T10:00:00+02:00,Telefonie", 3, "agent", "onbekende medewerker 'X9'"),
        ("A1,21-10-2026 9 uur,2026-10-21T10:00:00+02:00,Telefonie", 3, "start", "geen datum met tijd"),
        ("A1,2026-10-21T09:00:00+02:00,,Telefonie", 3, "end", "cel is leeg"),
        ("A1,2026-10-21T10:00:00+02:00,2026-10-21T10:00:00+02:00,Telefonie", 3, "end", "niet na begin"),
        ("A1,2026-10-21T09:00:00+02:00,2026-10-21T10:00:00+02:00,Koffie", 3, "activity", "onbekende activiteit"),
        ("A1,2026-10-21T08:30:00+02:00,2026-10-21T09:30:00+02:00,Chat", 3, "start", "overlapt met rij 2"),
        ("A1,2026-10-25T02:30,2026-10-25T03:00,Chat", 3, "start", "twee keer"),
        ("A1,2027-03-28T02:30,2027-03-28T04:00,Chat", 3, "start", "bestaat niet"),
    ],
)
def test_errors_name_file_row_and_column(tmp_path: Path, line: str, row: int, column: str, reason: str) -> None:
    p = sample_project()
    f = tmp_path / "fout.csv"
    f.write_text(HEADER + "A1,2026-10-21T08:00:00+02:00,2026-10-21T09:00:00+02:00,Telefonie\n" + line + "\n")
    with pytest.raises(KcrosterInputError) as err:
        read_roster_csv(f, p)
    e = err.value
    assert (e.file, e.row, e.column) == ("fout.csv", row, column)
    assert reason in e.reason


def test_missing_column(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text("agent,start,activity\nA1,2026-10-21T08:00:00+02:00,Chat\n")
    with pytest.raises(KcrosterInputError, match="kolom 'end' ontbreekt"):
        read_roster_csv(f, sample_project())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(alphabet=st.sampled_from(list("A12,;:-+T\n\"'=@ 0Zzbreak:Chat")), max_size=200)
       | st.text(max_size=120))
def test_fuzzed_files_never_crash(tmp_path: Path, body: str) -> None:
    p = sample_project(days=7)
    f = tmp_path / "fuzz.csv"
    if "\ud800" not in body:
        f.write_text(HEADER + body, encoding="utf-8", errors="surrogatepass")
    else:
        f.write_text(HEADER)
    try:
        r = read_roster_csv(f, p)
    except KcrosterInputError:
        return
    for s in r.shifts:
        assert s.start < s.end and s.segments[0].start == s.start and s.segments[-1].end == s.end
