"""The Export screen suggests file names with the horizon's ISO weeks (issue 24 item 12)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog


def _suggested(window, monkeypatch, ask) -> str:
    seen: list[str] = []

    def fake(parent, title, directory, file_filter, *a, **k):
        seen.append(directory)
        return "", ""  # cancelled: nothing is written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    ask()
    assert len(seen) == 1
    return Path(seen[0]).name


def test_planner_and_team_workbooks_carry_the_period(window, monkeypatch):
    screen = window.export_screen
    p = window.doc.project
    y, w, _ = p.horizon.dates[0].isocalendar()
    assert p.horizon.dates[-1].isocalendar()[:2] == (y, w)  # the demo's horizon: one week
    assert _suggested(window, monkeypatch, screen.ask_planner) == f"rooster_{y}-W{w:02d}.xlsx"
    p.horizon = replace(p.horizon, start=date(2027, 5, 10), days=14)
    assert _suggested(window, monkeypatch, screen.ask_planner) == "rooster_2027-W19-W20.xlsx"
    assert _suggested(window, monkeypatch, screen.ask_team) == "rooster_team_2027-W19-W20.xlsx"


def test_a_year_end_horizon_names_both_years(window, monkeypatch):
    p = window.doc.project
    p.horizon = replace(p.horizon, start=date(2026, 12, 21), days=21)
    assert _suggested(window, monkeypatch, window.export_screen.ask_planner) == (
        "rooster_2026-W52-2027-W01.xlsx")  # W52, W53, W01
