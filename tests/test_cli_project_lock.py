"""``kcroster plan --project`` checks the project's lock before any work (issue 23 item 7).

A project another instance holds used to end in a ProjectLockedError traceback after the solve,
with the workbook already written. Now the lock is taken first: a held lock is one message that
names the lock file and its holder, exit 2, nothing written; an abandoned lock from another
computer can be taken over with ``--take-over-lock``.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kcroster import cli, pipeline
from kcroster.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FORECAST = str(SAMPLES / "demo_forecast.xlsx")
AGENTS = str(SAMPLES / "demo_agents.xlsx")


def _foreign_lock(project: Path, age: timedelta) -> Path:
    lock = project.with_name(project.name + ".lock")
    since = (datetime.now(UTC) - age).replace(microsecond=0).isoformat()
    lock.write_text(json.dumps({"pid": 77, "host": "andere-laptop", "user": "jan", "since": since}))
    return lock


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records whether the plan's inputs were read (the start of the work)."""
    calls: list[str] = []

    def load_inputs(*a: object, **kw: object) -> object:
        calls.append("load_inputs")
        raise AssertionError("the work started although the project is locked")

    monkeypatch.setattr(pipeline, "load_inputs", load_inputs)
    return calls


@pytest.mark.parametrize("age", [timedelta(minutes=5), timedelta(weeks=5)])
def test_a_locked_project_stops_plan_before_any_work(
    tmp_path: Path, no_work: list[str], age: timedelta, capsys: pytest.CaptureFixture[str]
) -> None:
    project, out = tmp_path / "plan.kcroster", tmp_path / "plan.xlsx"
    lock = _foreign_lock(project, age)
    code = main(["plan", FORECAST, AGENTS, "-o", str(out), "--project", str(project)])
    err = capsys.readouterr().err
    assert code == 2 and no_work == [] and not out.exists() and not project.exists()
    assert "Traceback" not in err and err.startswith("fout: ")
    assert str(lock) in err and "jan op andere-laptop" in err and "proces 77" in err
    assert ("--take-over-lock" in err) == (age > timedelta(hours=12))
    assert json.loads(lock.read_text())["pid"] == 77  # not touched


def test_take_over_lock_takes_an_abandoned_lock_and_releases_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, out = tmp_path / "plan.kcroster", tmp_path / "plan.xlsx"
    lock = _foreign_lock(project, timedelta(days=3))
    held_during_work: list[int] = []

    def plan(args: object) -> int:
        held_during_work.append(json.loads(lock.read_text())["pid"])
        return 0

    monkeypatch.setattr(cli, "_plan", plan)
    args = ["plan", FORECAST, AGENTS, "-o", str(out), "--project", str(project)]
    assert main([*args, "--take-over-lock"]) == 0
    assert held_during_work == [os.getpid()] and not lock.exists()


def test_take_over_lock_leaves_a_recent_lock_alone(tmp_path: Path, no_work: list[str]) -> None:
    project = tmp_path / "plan.kcroster"
    lock = _foreign_lock(project, timedelta(hours=2))
    args = ["plan", FORECAST, AGENTS, "-o", str(tmp_path / "p.xlsx"), "--project", str(project)]
    assert main([*args, "--take-over-lock"]) == 2
    assert no_work == [] and json.loads(lock.read_text())["pid"] == 77


def test_a_project_in_a_missing_folder_stops_plan_before_any_work(
    tmp_path: Path, no_work: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "bestand"
    a_file.write_text("x")
    code = main(
        [
            "plan",
            FORECAST,
            AGENTS,
            "-o",
            str(tmp_path / "p.xlsx"),
            "--project",
            str(a_file / "plan.kcroster"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and no_work == [] and "Traceback" not in err
    assert "niet schrijven" in err and "de map bestaat niet" in err
