"""`kcroster roster`, `check` and `plan` end to end on one week of the demo project."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from kcroster.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FORECAST = str(SAMPLES / "demo_forecast.xlsx")
AGENTS = str(SAMPLES / "demo_agents.xlsx")
FAST = ["--weeks", "1", "--time-limit", "4", "--workers", "1", "--seed", "3"]


@pytest.fixture(scope="module")
def roster_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("roster") / "rooster.csv"
    assert main(["roster", FORECAST, AGENTS, "-o", str(out), *FAST]) == 0
    return out


def test_roster_writes_segments_that_partition_shifts(roster_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(csv.DictReader(roster_csv.open(encoding="utf-8-sig")))
    assert rows and set(rows[0]) == {"agent", "start", "end", "activity"}
    activities = {r["activity"] for r in rows}
    assert "break" in activities and activities <= {"Telefonie", "Chat", "E-mail", "break"}
    for r in rows:  # ISO-8601 local times with UTC offset, end after start, within the first week
        start, end = datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])
        assert start.utcoffset() == timedelta(hours=2) and end > start
        assert start.date() < datetime(2027, 4, 26).date()


def test_check_accepts_the_solver_roster_and_rejects_an_illegal_edit(
        roster_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", FORECAST, AGENTS, str(roster_csv), "--weeks", "1"]) == 0
    rows = list(csv.DictReader(roster_csv.open(encoding="utf-8-sig")))
    agent = rows[-1]["agent"]
    last = max((r for r in rows if r["agent"] == agent), key=lambda r: r["end"])
    late = datetime.fromisoformat(last["end"]) + timedelta(hours=6)  # stretch the last shift past 12 h work
    last["end"] = late.isoformat()
    bad = tmp_path / "bewerkt.csv"
    with bad.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["agent", "start", "end", "activity"])
        w.writeheader()
        w.writerows(rows)
    capsys.readouterr()
    assert main(["check", FORECAST, AGENTS, str(bad), "--weeks", "1"]) == 1
    out = capsys.readouterr().out
    assert agent in out and "error" in out


def test_plan_writes_the_planner_workbook_and_project(tmp_path: Path) -> None:
    xlsx, proj = tmp_path / "plan.xlsx", tmp_path / "plan.kcroster"
    assert main(["plan", FORECAST, AGENTS, "-o", str(xlsx), "--project", str(proj), *FAST]) == 0
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    assert {"Rooster", "Dekking", "KPI"} <= set(wb.sheetnames)
    wb.close()
    from kcroster.io.store import load_project

    p = load_project(proj)
    assert p.scenario.roster is not None and p.scenario.roster.shifts


def test_bad_input_exits_2_with_a_located_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"dit is geen werkmap")
    assert main(["roster", str(broken), AGENTS, "-o", str(tmp_path / "r.csv")]) == 2
    err = capsys.readouterr().err
    assert "kapot.xlsx" in err and "Traceback" not in err


def test_agents_import_warnings_reach_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 23 item 5: a column the agents reader ignores (here a medical one) is said on the
    command line, not dropped between the reader and the pipeline."""
    wb = openpyxl.load_workbook(AGENTS)
    ws = wb.worksheets[0]
    col = ws.max_column + 1
    ws.cell(1, col, "Diagnose")
    for r in range(2, ws.max_row + 1):
        ws.cell(r, col, "rugklachten")
    agents = tmp_path / "medewerkers.xlsx"
    wb.save(agents)
    out = tmp_path / "rooster.csv"
    assert main(["roster", FORECAST, str(agents), "-o", str(out), "--weeks", "1", "--time-limit", "1",
                 "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "let op: " in err and "kolom 'Diagnose' onbekend en genegeerd" in err
    assert "rugklachten" not in out.read_text(encoding="utf-8-sig")
