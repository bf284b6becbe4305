"""Issue 23 'accepted without a word': birth dates, first sick day, merged Team cell."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from kcroster.io.agents import load_agents_workbook
from kcroster.model import Horizon, KcrosterInputError

HEADER = ["id", "name", "contract_hours", "birth_date", "team"]


def _write(path: Path, rows: list[list], extra: dict | None = None, merge: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Agents"
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    for name, sheet_rows in (extra or {}).items():
        other = wb.create_sheet(name)
        for r in sheet_rows:
            other.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize("born", [date(2020, 1, 1), date.today() + timedelta(days=30)])
def test_impossible_birth_dates_are_refused(tmp_path: Path, born: date) -> None:
    path = _write(tmp_path / "a.xlsx", [HEADER, ["A1", "Anna", 36, born, None]])
    with pytest.raises(KcrosterInputError) as info:
        load_agents_workbook(path, horizon=Horizon(date(2027, 5, 3), 7))
    text = str(info.value)
    assert "geboortedatum" in text and "rij 2" in text
    assert "toekomst" in text or "vanaf 13 jaar" in text


def test_first_sick_day_after_reintegration_start_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.xlsx", [HEADER, ["A1", "Anna", 36, None, None]], extra={
        "Re-integratie": [["ID", "Vanaf", "Eerste ziektedag"], ["A1", "03-05-2027", "10-05-2027"]]})
    with pytest.raises(KcrosterInputError, match="eerste ziektedag 10-05-2027 ligt na"):
        load_agents_workbook(path)


def test_a_merged_team_cell_belongs_to_every_row_it_covers(tmp_path: Path) -> None:
    rows = [HEADER] + [[f"A{i}", f"Naam {i}", 36, None, "Team Noord" if i == 1 else None]
                       for i in range(1, 9)]
    path = _write(tmp_path / "a.xlsx", rows, merge="E2:E8")
    agents = load_agents_workbook(path).agents
    assert [a.team for a in agents] == ["Team Noord"] * 7 + [None]
