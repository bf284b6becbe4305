"""A roster shift on a day outside the planning horizon (issue 23, 'Accepted without a word').

The roster CSV (``kcroster check``) refuses the file: it is read to be checked or used as this
period's plan, and a verdict on a roster with a shift silently dropped is no verdict on the file.
The planner workbook re-import (``kcroster import-roster``, Bestand → Rooster importeren uit Excel)
skips such a cell with a located error, like any unreadable cell, so the other edits still go in.
Both name the row, the date and the horizon.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from test_project_store_sample import sample_project

from kcroster import pipeline
from kcroster.cli import main
from kcroster.io.roster_csv import read_roster_csv, write_roster_csv
from kcroster.io.roster_export import ExportData, export_planner_workbook
from kcroster.io.roster_import import import_planner_workbook
from kcroster.io.store import save_project
from kcroster.model import KcrosterInputError, Project, Roster

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
HORIZON_TEXT = "19-10-2026 t/m 01-11-2026"  # sample_project(): 14 days from Monday 19 October 2026
A1_ROW = 2  # the planner grid's row of agent A1


@pytest.fixture
def project() -> Project:
    return sample_project()


def _csv_with(tmp_path: Path, project: Project, extra: list[str]) -> Path:
    """The project's roster as CSV with ``extra`` rows appended (rows 12, 13, … of the file)."""
    path = tmp_path / "rooster.csv"
    write_roster_csv(project.scenarios[0].roster, path)
    text = path.read_text(encoding="utf-8-sig")
    assert len(text.splitlines()) == 11  # header + 10 segments: the extra rows start at 12
    path.write_text(text + "".join(line + "\r\n" for line in extra), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Roster CSV: refused, with row, date and horizon
# --------------------------------------------------------------------------------------------


def test_a_csv_shift_after_the_horizon_is_refused_naming_row_date_and_horizon(
    tmp_path: Path, project: Project
) -> None:
    path = _csv_with(
        tmp_path, project, ["A2,2026-11-03T08:00:00+01:00,2026-11-03T12:00:00+01:00,Telefonie"]
    )
    with pytest.raises(KcrosterInputError) as exc:
        read_roster_csv(path, project)
    e = exc.value
    assert (e.file, e.row, e.column) == ("rooster.csv", 12, "start")
    assert (
        "03-11-2026" in e.reason
        and "na de planningshorizon" in e.reason
        and HORIZON_TEXT in e.reason
    )


def test_a_night_shift_from_the_day_before_the_horizon_is_refused(
    tmp_path: Path, project: Project
) -> None:
    """It ends inside the horizon, but belongs to the day it starts on: the previous period."""
    path = _csv_with(
        tmp_path,
        project,
        [
            "A2,2026-10-18T22:00:00+02:00,2026-10-19T02:00:00+02:00,Telefonie",
            "A2,2026-10-19T02:00:00+02:00,2026-10-19T06:00:00+02:00,Telefonie",
        ],
    )
    with pytest.raises(KcrosterInputError) as exc:
        read_roster_csv(path, project)
    assert exc.value.row == 12
    assert "18-10-2026" in exc.value.reason and "voor de planningshorizon" in exc.value.reason


def test_the_first_row_outside_the_horizon_is_the_one_named(
    tmp_path: Path, project: Project
) -> None:
    path = _csv_with(
        tmp_path,
        project,
        [
            "A2,2026-11-20T08:00:00+01:00,2026-11-20T12:00:00+01:00,Telefonie",  # row 12, A2
            "A1,2026-11-10T08:00:00+01:00,2026-11-10T12:00:00+01:00,Telefonie",  # row 13, A1 (read first)
        ],
    )
    with pytest.raises(KcrosterInputError) as exc:
        read_roster_csv(path, project)
    assert exc.value.row == 12 and "20-11-2026" in exc.value.reason


def test_a_night_shift_of_the_last_day_may_end_after_the_horizon(
    tmp_path: Path, project: Project
) -> None:
    path = _csv_with(
        tmp_path, project, ["A2,2026-11-01T22:00:00+01:00,2026-11-02T02:00:00+01:00,Telefonie"]
    )
    roster = read_roster_csv(path, project)
    assert date(2026, 11, 1) in {s.day for s in roster.shifts if s.agent_id == "A2"}


def test_check_on_the_command_line_says_where_and_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kcroster check --weeks 1``: one row in the second week is out of this horizon."""
    demo = pipeline.load_inputs(SAMPLES / "demo_forecast.xlsx", SAMPLES / "demo_agents.xlsx")
    agent = demo.agents[0].id
    tz = demo.horizon.tz
    first, eighth = demo.horizon.dates[0], demo.horizon.dates[7]

    def row(day: date) -> str:
        start, end = datetime.combine(day, time(8), tz), datetime.combine(day, time(12), tz)
        return f"{agent},{start.isoformat()},{end.isoformat()},work\n"

    path = tmp_path / "r.csv"
    path.write_text("agent,start,end,activity\n" + row(first) + row(eighth), encoding="utf-8")
    code = main(
        [
            "check",
            str(SAMPLES / "demo_forecast.xlsx"),
            str(SAMPLES / "demo_agents.xlsx"),
            str(path),
            "--weeks",
            "1",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "r.csv" in err and "rij 3" in err and f"{eighth:%d-%m-%Y}" in err
    assert (
        f"{first:%d-%m-%Y} t/m {demo.horizon.dates[6]:%d-%m-%Y}" in err and "Traceback" not in err
    )


# --------------------------------------------------------------------------------------------
# Planner workbook: the cell is skipped with a located error, the other edits go in
# --------------------------------------------------------------------------------------------


def _planner(tmp_path: Path, project: Project) -> tuple[Path, Roster]:
    roster = project.scenarios[0].roster
    path = tmp_path / "planner.xlsx"
    export_planner_workbook(ExportData(project, roster), path)
    return path, roster


def _day_column(ws: openpyxl.worksheet.worksheet.Worksheet, day: date) -> int:
    for cell in ws[1]:
        if isinstance(cell.value, datetime) and cell.value.date() == day:
            return cell.column
    raise AssertionError(f"geen kolom voor {day}")


def test_a_grid_shift_after_the_horizon_is_skipped_with_row_date_and_horizon(
    tmp_path: Path, project: Project
) -> None:
    path, roster = _planner(tmp_path, project)
    wb = openpyxl.load_workbook(path)
    ws = wb["Rooster"]
    new_col = ws.max_column + 1
    ws.cell(1, new_col).value = datetime(2026, 11, 5)  # a day column added past the plan's end
    ws.cell(A1_ROW, new_col).value = "08:00-16:00"
    ws.cell(
        A1_ROW + 1, _day_column(ws, date(2026, 10, 22))
    ).value = "10:00-14:00"  # A2: a real edit
    wb.save(path)
    res = import_planner_workbook(path, project, roster)
    [err] = res.errors
    assert (err.file, err.sheet, err.row) == ("planner.xlsx", "Rooster", A1_ROW)
    assert err.column is not None and "05-11-2026" in err.column
    assert (
        "'08:00-16:00' op 05-11-2026 ligt na de planningshorizon" in err.reason
        and HORIZON_TEXT in err.reason
    )
    assert "niet ingelezen" in err.reason
    assert [(c.agent_id, c.day) for c in res.changes] == [("A2", date(2026, 10, 22))]
    assert all(project.horizon.start <= s.day < project.horizon.end for s in res.roster.shifts)


def test_a_grid_column_before_the_horizon_names_each_filled_cell(
    tmp_path: Path, project: Project
) -> None:
    """The first day's header changed to the day before: A1's shift there is named, A1's shift
    of 19 October (no longer in the grid) is kept as exported."""
    path, roster = _planner(tmp_path, project)
    wb = openpyxl.load_workbook(path)
    ws = wb["Rooster"]
    ws.cell(1, _day_column(ws, date(2026, 10, 19))).value = datetime(2026, 10, 18)
    wb.save(path)
    res = import_planner_workbook(path, project, roster)
    [err] = res.errors
    assert err.row == A1_ROW and "18-10-2026 ligt voor de planningshorizon" in err.reason
    assert res.changes == []
    assert any(s.agent_id == "A1" and s.day == date(2026, 10, 19) for s in res.roster.shifts)


def test_an_empty_grid_column_outside_the_horizon_is_named_at_its_header(
    tmp_path: Path, project: Project
) -> None:
    path, roster = _planner(tmp_path, project)
    wb = openpyxl.load_workbook(path)
    ws = wb["Rooster"]
    ws.cell(1, ws.max_column + 1).value = datetime(2026, 11, 5)
    wb.save(path)
    [err] = import_planner_workbook(path, project, roster).errors
    assert err.row == 1 and "kolom op 05-11-2026 ligt na de planningshorizon" in err.reason
    assert HORIZON_TEXT in err.reason


def test_import_roster_on_the_command_line_reports_it(
    tmp_path: Path, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.active_scenario = 0
    project_path = tmp_path / "P.kcroster"
    save_project(project, project_path)
    path, _ = _planner(tmp_path, project)
    wb = openpyxl.load_workbook(path)
    ws = wb["Rooster"]
    new_col = ws.max_column + 1
    ws.cell(1, new_col).value = datetime(2026, 11, 5)
    ws.cell(A1_ROW, new_col).value = "08:00-16:00"
    wb.save(path)
    code = main(["import-roster", str(path), "--project", str(project_path), "--dry-run"])
    err = capsys.readouterr().err
    assert code == 1
    assert "rij 2" in err and "05-11-2026" in err and HORIZON_TEXT in err
