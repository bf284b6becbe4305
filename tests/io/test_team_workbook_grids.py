"""Workbooks of issue 24 item 15: the team copy has one grid per team and no colleague's contract
hours; weeks are ISO weeks with their dates (also across New Year); the chart's axis shows day
and time."""

from __future__ import annotations

import re
import zipfile
from datetime import date, time, timedelta
from pathlib import Path

import numpy as np
import openpyxl
from test_project_store_sample import make_shift

from kcroster.io.roster_export import (
    ExportData,
    export_planner_workbook,
    export_team_workbook,
    team_workbook_omissions,
)
from kcroster.io.roster_import import import_planner_workbook
from kcroster.model import Agent, Forecast, Horizon, Project, Queue, Roster

# contract hours nobody works by chance in a week of this roster
CONTRACTS = {"n1": 31.25, "n2": 27.75, "z1": 33.5, "x1": 19.25}


def _project(start: date = date(2027, 5, 3), days: int = 14, teams: bool = True) -> Project:
    h = Horizon(start, days, 60)
    q = [Queue("Tel")]
    fc = Forecast(h, q, np.full((1, h.n_intervals), 5.0), np.full((1, h.n_intervals), 300.0))
    team_of = (
        {"n1": "Noord", "n2": "Noord", "z1": "Zuid", "x1": None}
        if teams
        else dict.fromkeys(CONTRACTS)
    )
    # project order mixes the teams: the grids must regroup them
    agents = [
        Agent(a, f"Naam {a}", CONTRACTS[a], skills=("Tel",), team=team_of[a])
        for a in ("z1", "n1", "x1", "n2")
    ]
    shifts = [
        make_shift(h, a.id, start + timedelta(days=i), time(9), 6, "Tel")
        for i, a in enumerate(agents)
        for _ in [0]
    ]
    p = Project("teams", h, q, fc, agents)
    p.scenario.roster = Roster(shifts)
    return p


def _grids(path: Path) -> tuple[list, dict[str | None, list[str]], list[int]]:
    """Header, {team heading: agent ids below it} in sheet order, and the manual page breaks."""
    ws = openpyxl.load_workbook(path)["Rooster"]
    rows = list(ws.iter_rows(values_only=True))
    header, grids, current = list(rows[0]), {}, None
    for r in rows[1:]:
        if r[0] is None and isinstance(r[1], str) and all(v is None for v in r[2:]):
            current = r[1]
            grids[current] = []
        elif r[0] is not None:
            grids.setdefault(current, []).append(r[0])
    return header, grids, [b.id for b in ws.row_breaks.brk]


def test_team_workbook_has_one_grid_per_team_and_no_contract_hours(tmp_path: Path) -> None:
    p = _project()
    f = tmp_path / "team.xlsx"
    export_team_workbook(ExportData(p, p.scenario.roster), f)
    header, grids, breaks = _grids(f)
    assert list(grids) == ["Noord", "Zuid", "Zonder team"]
    assert grids == {"Noord": ["n1", "n2"], "Zuid": ["z1"], "Zonder team": ["x1"]}
    # rows: 1 header, 2 Noord, 3-4 its agents, 5 Zuid, 6 z1, 7 Zonder team, 8 x1: Zuid and
    # Zonder team start on a new printed page (breaks after rows 4 and 6)
    assert breaks == [4, 6]
    assert not any(isinstance(h, str) and "contract" in h.casefold() for h in header)
    assert "Team" not in header  # the heading names the team
    ws = openpyxl.load_workbook(f)["Rooster"]
    values = {c.value for row in ws.iter_rows(min_row=2) for c in row}
    assert not values & set(CONTRACTS.values())
    # every other sheet of the team copy is free of contract hours too
    wb = openpyxl.load_workbook(f)
    for sheet in wb.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not set(row) & set(CONTRACTS.values()), sheet.title
    # the export preview says so
    assert any("contracturen" in line for line in team_workbook_omissions(p))
    # the grid still reads back: headings are neither agents nor shifts
    res = import_planner_workbook(f, p, p.scenario.roster)
    assert res.errors == [] and res.changes == []


def test_planner_workbook_keeps_one_grid_with_team_and_contract(tmp_path: Path) -> None:
    p = _project()
    f = tmp_path / "planner.xlsx"
    export_planner_workbook(ExportData(p, p.scenario.roster), f)
    header, grids, breaks = _grids(f)
    assert header[:4] == ["Medewerker", "Naam", "Team", "Contract (u/week)"]
    assert grids == {None: ["z1", "n1", "x1", "n2"]} and breaks == []
    rows = {
        r[0]: r for r in openpyxl.load_workbook(f)["Rooster"].iter_rows(min_row=2, values_only=True)
    }
    assert rows["n1"][3] == CONTRACTS["n1"]


def test_team_workbook_without_teams_is_one_plain_grid(tmp_path: Path) -> None:
    p = _project(teams=False)
    f = tmp_path / "team.xlsx"
    export_team_workbook(ExportData(p, p.scenario.roster), f)
    _, grids, breaks = _grids(f)
    assert grids == {None: ["z1", "n1", "x1", "n2"]} and breaks == []


def test_week_columns_are_iso_weeks_with_dates_across_new_year(tmp_path: Path) -> None:
    start = date(2026, 12, 24)
    p = _project(start, 21)
    f = tmp_path / "planner.xlsx"
    export_planner_workbook(ExportData(p, p.scenario.roster), f)
    wb = openpyxl.load_workbook(f)
    header = [c.value for c in wb["Rooster"][1]]
    weeks = [h for h in header if isinstance(h, str) and h.startswith("Uren ")]
    days = [start + timedelta(days=i) for i in range(21)]
    assert [int(re.match(r"Uren wk (\d+) ", w).group(1)) for w in weeks] == list(
        dict.fromkeys(d.isocalendar()[1] for d in days)
    )
    assert weeks == [
        "Uren wk 52 (24–27 dec)",
        "Uren wk 53 (28 dec 2026–3 jan 2027)",
        "Uren wk 1 (4–10 jan)",
        "Uren wk 2 (11–13 jan)",
    ]
    kpi_weeks = [
        r[0]
        for r in wb["KPI"].iter_rows(values_only=True)
        if isinstance(r[0], str) and r[0].startswith("wk ")
    ]
    assert list(dict.fromkeys(kpi_weeks)) == [w.removeprefix("Uren ") for w in weeks]
    # z1 works one 6-hour shift with a half-hour break on 24 December (week 52) and nothing after
    rows = {r[0]: r for r in wb["Rooster"].iter_rows(min_row=2, values_only=True)}
    first_week_col = header.index(weeks[0])
    assert rows["z1"][first_week_col] == 5.5 and rows["z1"][first_week_col + 1] == 0


def test_chart_axis_shows_day_and_time(tmp_path: Path) -> None:
    p = _project(days=7)
    f = tmp_path / "planner.xlsx"
    export_planner_workbook(
        ExportData(p, p.scenario.roster, required=np.full((1, p.horizon.n_intervals), 2.0)), f
    )
    with zipfile.ZipFile(f) as z:
        xml = next(z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart"))
    m = re.search(
        r"<c:cat><c:strRef><c:f>'?Dekking'?!\$([A-Z]+)\$2:\$\1\$(\d+)</c:f>", xml
    ) or re.search(r"<cat><strRef><f>'?Dekking'?!\$([A-Z]+)\$2:\$\1\$(\d+)</f>", xml)
    assert m, xml[:2000]
    ws = openpyxl.load_workbook(f)["Dekking"]
    col = openpyxl.utils.column_index_from_string(m.group(1))
    assert int(m.group(2)) == p.horizon.n_intervals + 1
    assert ws.cell(1, col).value == "Dag en tijd"
    assert ws.cell(2, col).value == "ma 03-05 00:00"
    assert ws.cell(2 + 24 + 9, col).value == "di 04-05 09:00"
    # 168 hourly points: a label every 4 hours keeps them readable; the axes are not hidden
    assert re.search(r'<(c:)?tickLblSkip val="4"\s*/>', xml)
    assert re.search(r'<(c:)?catAx>.*?<(c:)?delete val="0"\s*/>', xml)
