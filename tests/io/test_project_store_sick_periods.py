"""Sick periods (dates only) survive a save and load of the project file.

The project store is another engineer's module; this checks that the new ``Project.sick_periods``
field is kept by it. The generic JSON codec handles the type; whether the project table stores
the field is what the last test shows.
"""

from __future__ import annotations

from datetime import date

from kcroster.io.store import decode_value, encode_value, load_project, save_project
from kcroster.model import Agent, Horizon, Project
from kcroster.model.agents import SickPeriod

PERIODS = [SickPeriod(date(2027, 1, 4), date(2027, 1, 15), "a1"), SickPeriod(date(2027, 2, 1), None, "a1"),
           SickPeriod(date(2026, 11, 2), date(2026, 11, 6), "a2")]


def test_codec_round_trips_sick_periods() -> None:
    data = encode_value(PERIODS, list[SickPeriod])
    assert decode_value(data, list[SickPeriod]) == PERIODS


def test_project_file_keeps_sick_periods(tmp_path) -> None:
    p = Project("t", Horizon(date(2027, 5, 3), 7), agents=[Agent("a1", "Anna"), Agent("a2", "Bram")],
                sick_periods=list(PERIODS))
    save_project(p, tmp_path / "p.kcroster")
    back = load_project(tmp_path / "p.kcroster")
    assert back.sick_periods == PERIODS
    assert back.sick_periods_of("a1") == PERIODS[:2]
