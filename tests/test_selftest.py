"""The installation self-test (``kcroster --self-test``), run in-process offscreen.

The frozen build runs the same code (``packaging/build.py``); here it proves that the steps pass on
the source tree, that a lost data file fails the run with a located ``FOUT`` line and exit 1, and
that the self-test never touches the caller's settings folder.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kcroster import pipeline
from kcroster import settings as user_settings
from kcroster.__main__ import _project_argument
from kcroster.__main__ import main as kcroster_main
from kcroster.model import Leave, ReintegrationStep
from kcroster.selftest import (
    GUI_STEP_NAMES,
    STEP_NAMES,
    SelftestOptions,
    _plain_agents_first,
    run_selftest,
)

SMALL = SelftestOptions(days=7, agents=12, solve_seconds=3.0, child_solve_seconds=2.0)


@pytest.fixture
def own_basedir(tmp_path: Path):
    """A settings folder standing in for the planner's own; restored to the default afterwards."""
    base = tmp_path / "planner-settings"
    user_settings.set_basedir(base)
    yield base
    user_settings.set_basedir(None)


def test_selftest_passes_every_step_offscreen(monkeypatch: pytest.MonkeyPatch, own_basedir: Path) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    out = io.StringIO()
    code = run_selftest(with_gui=True, out=out, options=SMALL)
    lines = out.getvalue().splitlines()
    assert code == 0, out.getvalue()
    ok_steps = [line.split()[1] for line in lines if line.startswith("OK    ")]
    assert ok_steps == [*STEP_NAMES, *GUI_STEP_NAMES]
    assert lines[-1].startswith("zelftest geslaagd in ")
    assert not any(line.startswith("FOUT") for line in lines)
    by_step = {line.split()[1]: line for line in lines if line.startswith("OK    ")}
    assert "12 medewerkers × 7 dagen" in by_step["bezetting"]
    assert "teruggelezen zonder verschillen" in by_step["export"]
    assert "Qt-platform offscreen" in by_step["vertalingen"] and "→ 'Roster'" in by_step["vertalingen"]
    assert "7 schermen" in by_step["venster"]
    # The window it opened saved its layout in the self-test's own temporary folder, not here.
    assert user_settings.basedir() == own_basedir
    assert not (own_basedir / "settings.json").exists()


def test_missing_demo_data_fails_with_a_located_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      own_basedir: Path) -> None:
    monkeypatch.setattr(pipeline, "SAMPLES", tmp_path / "lost-samples")
    out = io.StringIO()
    code = run_selftest(with_gui=False, out=out, options=SMALL)
    first = out.getvalue().splitlines()[0]
    assert code == 1
    assert first.startswith("FOUT  demo-project: ") and "demo_forecast.xlsx" in first
    assert "zelftest geslaagd" not in out.getvalue()
    assert user_settings.basedir() == own_basedir


def test_main_writes_the_report_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, own_basedir: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    # A windowed Windows build has no stdout: build.py reads the report file instead.
    monkeypatch.setattr(pipeline, "SAMPLES", tmp_path / "lost-samples")
    report = tmp_path / "selftest.txt"
    code = kcroster_main(["--self-test", "--no-gui", "--self-test-report", str(report)])
    assert code == 1
    text = report.read_text(encoding="utf-8")
    assert text.startswith("FOUT  demo-project: ")
    assert capsys.readouterr().out == text  # the same lines on stdout


def test_bare_project_path_becomes_project_option() -> None:
    assert _project_argument([r"C:\Planning\team.kcroster"]) == ["--project", r"C:\Planning\team.kcroster"]
    assert _project_argument(["/Users/p/TEAM.KCROSTER"]) == ["--project", "/Users/p/TEAM.KCROSTER"]
    assert _project_argument(["--demo"]) == ["--demo"]
    assert _project_argument(["forecast.xlsx"]) == ["forecast.xlsx"]
    assert _project_argument(["a.kcroster", "--lang", "en"]) == ["a.kcroster", "--lang", "en"]


def test_plain_agents_come_first_for_the_solve_slice() -> None:
    project = pipeline.load_demo_project()
    project.leave, project.reintegration = [], []
    a = [x.id for x in project.agents]
    tz = project.horizon.tz
    start = datetime.combine(project.horizon.start, datetime.min.time(), tz)
    project.leave = [
        Leave(a[0], start + timedelta(days=2), start + timedelta(days=4)),  # inside the first week
        Leave(a[2], start + timedelta(days=10), start + timedelta(days=12)),  # after the slice
        Leave(a[3], start - timedelta(days=3), start),  # ends exactly where the slice begins
        Leave(a[4], start + timedelta(days=6, hours=13), start + timedelta(days=8)),  # last afternoon
    ]
    project.reintegration = [ReintegrationStep(a[1], project.horizon.start + timedelta(days=3), max_hours_week=12)]
    ordered = [x.id for x in _plain_agents_first(project, 7).agents]
    expected = [x for x in a if x not in (a[0], a[1], a[4])] + [a[0], a[1], a[4]]
    assert ordered == expected
    assert [x.id for x in project.agents] == a  # the project itself keeps its order
