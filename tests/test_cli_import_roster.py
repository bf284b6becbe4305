"""``kcroster import-roster PLAN.xlsx --project P.kcroster`` (issue 23 item 17, CLI part).

The README promised re-importing an edited planner workbook; only the self-test did it. The
command lists the changes, runs the rule check and saves the project through the store.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kcroster.cli import main
from kcroster.io.roster_export import ExportData, export_planner_workbook
from kcroster.io.store import load_project, save_project
from tests.io.test_project_store_sample import sample_project

# grid of the sample project: row 2 = agent A1, column F = 19 Oct 2026
A1_ROW, DAY19_COL = 2, 6


@pytest.fixture
def project_and_workbook(tmp_path: Path) -> tuple[Path, Path]:
    p = sample_project()
    p.active_scenario = 0  # the scenario with A1's shift on 19 October
    project_path = tmp_path / "P.kcroster"
    save_project(p, project_path)
    plan = tmp_path / "PLAN.xlsx"
    export_planner_workbook(ExportData(p, p.scenario.roster), plan)
    wb = openpyxl.load_workbook(plan)
    wb["Rooster"].cell(A1_ROW, DAY19_COL).value = "08:00-16:30"
    wb.save(plan)
    return project_path, plan


def _a1_on_19th(path: Path) -> tuple[str, str]:
    p = load_project(path, read_only=True)
    (shift,) = [s for s in p.scenario.roster.shifts if s.agent_id == "A1" and s.day.day == 19]
    tz = p.horizon.tz
    return (shift.start.astimezone(tz).strftime("%H:%M"), shift.end.astimezone(tz).strftime("%H:%M"))


def test_import_roster_lists_changes_checks_and_saves(
    project_and_workbook: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project_path, plan = project_and_workbook
    before = _a1_on_19th(project_path)
    assert before != ("08:00", "16:30")
    code = main(["import-roster", str(plan), "--project", str(project_path)])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "1 wijziging(en)" in out
    assert "A1 19-10-2026" in out and "verschoven" in out
    assert "regelcontrole:" in out
    assert f"geschreven: {project_path}" in out
    assert _a1_on_19th(project_path) == ("08:00", "16:30")
    assert not project_path.with_name(project_path.name + ".lock").exists()


def test_dry_run_leaves_the_project_alone(
    project_and_workbook: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project_path, plan = project_and_workbook
    before = _a1_on_19th(project_path)
    main(["import-roster", str(plan), "--project", str(project_path), "--dry-run"])
    assert "geschreven" not in capsys.readouterr().out
    assert _a1_on_19th(project_path) == before


def test_unreadable_workbook_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         project_and_workbook: tuple[Path, Path]) -> None:
    project_path, _ = project_and_workbook
    bad = tmp_path / "x.xlsx"
    bad.write_text("geen werkmap")
    assert main(["import-roster", str(bad), "--project", str(project_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout:") and "x.xlsx" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["roster", "check"])
def test_negative_weeks_is_a_usage_error(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = [command, "f.csv", "a.xlsx"] + (["r.csv"] if command == "check" else ["-o", "r.csv"])
    assert main([*args, "--weeks", "-1"]) == 2
    assert "1 of meer weken" in capsys.readouterr().err


def test_nan_reachability_is_not_printed_as_nan() -> None:
    from kcroster.cli import _percent_text

    assert _percent_text(float("nan")) == "n.v.t."
    assert _percent_text(0.934) == "93.4 %"
