"""The window and the project store's problems (issue 23 items 8, 10, 11 and the stale lock).

* A damaged settings file no longer stops the start: it is set aside and the planner is told.
* A project in a folder where no lock file can be made opens read-only, with a notice.
* A lock abandoned on another computer can be taken over after the planner agrees.
* An active scenario out of range opens the first scenario, with a notice (no IndexError).
* A settings file that cannot be written is said in the status bar, not swallowed.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kcroster import settings as user_settings


@pytest.fixture
def project_file(tmp_path, fake) -> Path:
    from kcroster.io.store import save_project

    path = tmp_path / "plan.kcroster"
    save_project(fake.load_demo_project(), path)
    return path


def _open(win, qtbot, path: Path):
    job = win.open_path(path)
    assert job is not None
    qtbot.waitUntil(lambda: job.finished, timeout=10000)
    return job


@pytest.mark.parametrize("text", ['{"schema_version": "x"}', '{"last_screen": "drie"}', "{kapot"])
def test_a_damaged_settings_file_starts_with_a_notice(real_window, qtbot, text):
    from kcroster.gui.app import show_settings_problems

    user_settings.settings_path().parent.mkdir(parents=True, exist_ok=True)
    user_settings.settings_path().write_text(text)
    problems: list[user_settings.SettingsProblem] = []
    cfg = user_settings.load_settings(problems)
    win = real_window(cfg)
    win.restore_layout()  # raised TypeError on last_screen 'drie'
    win.show()
    box = show_settings_problems(win, problems)
    assert box is not None and box.isVisible() and not box.isModal()
    assert str(problems[0].moved_to) in box.text()
    box.close()


def test_a_project_whose_folder_takes_no_lock_opens_read_only(
    real_window, qtbot, project_file, monkeypatch
):
    from kcroster.io import store as project_store
    from kcroster.io.atomic import WriteError

    def read_only_folder(self, *, take_over=False):
        raise WriteError(self.lock_path, "de map is alleen-lezen", errno.EROFS)

    monkeypatch.setattr(project_store.ProjectLock, "acquire", read_only_folder)
    win = real_window()
    win.show()
    _open(win, qtbot, project_file)
    assert win.doc.path == project_file and win.doc.read_only and win.doc.lock is None
    assert "alleen-lezen" in win.windowTitle()
    assert win.last_notice.isVisible() and "alleen-lezen geopend" in win.last_notice.text()
    with pytest.raises(ValueError, match="alleen-lezen"):
        win.doc.save()  # Opslaan goes to 'Opslaan als' instead of into the read-only folder


def test_an_abandoned_lock_is_taken_over_when_the_planner_agrees(real_window, qtbot, project_file):
    lock_file = project_file.with_name(project_file.name + ".lock")
    since = (datetime.now(UTC) - timedelta(weeks=5)).replace(microsecond=0).isoformat()
    lock_file.write_text(
        json.dumps({"pid": 9, "host": "andere-laptop", "user": "jan", "since": since})
    )
    win = real_window()
    asked = []

    def ask_locked(exc):
        asked.append(exc)
        return "take_over"

    win.ask_locked = ask_locked
    _open(win, qtbot, project_file)
    qtbot.waitUntil(lambda: win.doc.path == project_file, timeout=10000)
    qtbot.waitUntil(lambda: win.doc.lock is not None, timeout=10000)
    assert len(asked) == 1 and asked[0].can_take_over and str(lock_file) in str(asked[0])
    assert not win.doc.read_only
    assert json.loads(lock_file.read_text())["pid"] == os.getpid()


def test_an_active_scenario_out_of_range_opens_the_first(real_window, qtbot, project_file):
    con = sqlite3.connect(project_file)
    con.execute("UPDATE project SET active_scenario = 5")
    con.commit()
    con.close()
    win = real_window()
    win.show()
    _open(win, qtbot, project_file)
    assert win.doc.project is not None and win.doc.project.active_scenario == 0
    assert win.scenarios.currentRow() == 0
    assert "(5)" in win.last_notice.text()


def test_a_settings_file_that_cannot_be_written_is_told(real_window, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    user_settings.set_basedir(blocker / "kcroster")
    win = real_window()
    win._remember(tmp_path / "plan.kcroster")
    assert win.settings_error is not None
    assert "Instellingen niet opgeslagen" in win.statusBar().currentMessage()
