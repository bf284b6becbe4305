"""Replacing, recovering and autosaving the project (issue 23 items 0-2).

* Every way of replacing the open project asks "save changes?" when there are unsaved edits, and
  Cancel leaves the project exactly as it was.
* An untitled project (the demo, a new project) whose recovery copy survived a crash is offered
  at the next start, like a named project.
* Every edit is in a recovery copy within about a second, without waiting for the 2-minute timer.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kcroster.edits import LockShift

Button = QMessageBox.StandardButton


def _lock_first_shift(doc) -> tuple[str, object]:
    s = doc.project.scenario.roster.shifts[0]
    doc.apply(LockShift(s.agent_id, s.day, True))
    return s.agent_id, s.day


@pytest.fixture
def guarded(window, fake, tmp_path, monkeypatch):
    """The window with an unsaved edit, a second project file on disk, and the "save changes?"
    question answered by ``guarded.answer`` (each question is recorded in ``guarded.asked``)."""

    class Guard:
        answer = Button.Cancel
        asked: list[str] = []

    other = fake.load_demo_project(n_agents=3)
    other.name = "Ander project"
    path = tmp_path / "ander.kcroster"
    fake.save_project(other, path)
    forecast = tmp_path / "forecast.csv"
    forecast.write_text("x")

    def ask() -> Button:
        Guard.asked.append("save?")
        return Guard.answer

    real_import = fake.import_forecast
    monkeypatch.setattr(fake, "import_forecast", lambda project, p: (
        real_import(project, p) if project else fake.load_demo_project(n_agents=0)))
    window.confirm_close = True
    window.ask_save_changes = ask
    window.ask_recover = lambda p: False
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (
        str(forecast if "forecast" in str(a[1]).lower() else path), ""))
    _lock_first_shift(window.doc)
    assert window.doc.dirty
    Guard.path, Guard.forecast, Guard.before = path, forecast, window.doc.project
    yield Guard
    window.confirm_close = False


def _recent(window, g):
    window.settings.recent_files = [str(g.path)]
    window._fill_recent()
    window.recent_menu.actions()[0].trigger()


def _new_from_menu(window, g):
    """Bestand → Nieuw project uit forecast: the wizard on the file read is finished as filled in."""
    job = window.ask_new_from_forecast()  # what new_action triggers
    if job is not None and job.wait(10) and window.new_project_wizard is not None:
        window.new_project_wizard.accept()


ENTRY_POINTS = {
    "open (Bestand → Openen)": lambda w, g: w.open_action.trigger(),
    "recent files": _recent,
    "new from forecast (menu)": _new_from_menu,
    "new from forecast (file)": lambda w, g: w.new_from_forecast(g.forecast),
    "demo": lambda w, g: w.demo_action.trigger(),
    "project dropped on the window": lambda w, g: w.import_dropped([g.path]),
    "project opened by the system": lambda w, g: w.open_requested(g.path),
}


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_cancel_keeps_the_unsaved_project(guarded, window, qtbot, fake, entry):
    fake.calls.clear()
    ENTRY_POINTS[entry](window, guarded)
    qtbot.wait(50)
    assert guarded.asked == ["save?"]
    assert window.doc.project is guarded.before and window.doc.dirty
    assert "import_forecast" not in fake.calls


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_discard_replaces_the_project(guarded, window, qtbot, entry):
    guarded.answer = Button.Discard
    ENTRY_POINTS[entry](window, guarded)
    qtbot.waitUntil(lambda: window.doc.project is not guarded.before, timeout=5000)
    assert guarded.asked == ["save?"]


def test_closing_the_window_asks_too(guarded, window, qtbot):
    window.close()
    assert guarded.asked == ["save?"] and window.isVisible()
    guarded.answer = Button.Discard
    window.close()
    assert not window.isVisible()


def test_no_question_without_unsaved_edits(guarded, window, qtbot):
    window.doc._set_dirty(False)
    job = window.open_path(guarded.path)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert guarded.asked == [] and window.doc.project.name == "Ander project"


# -- recovery and autosave with the real project store --------------------------------------------


def test_untitled_project_is_offered_for_recovery_at_the_next_start(real_window, qtbot, fake):
    from kcroster.io.store import load_project

    first = real_window()
    first.doc.set_project(fake.load_demo_project())  # untitled, like --demo
    agent, day = _lock_first_shift(first.doc)
    assert first.autosave() == first.untitled_recovery_path()
    # "kill -9": nothing else happens to the first window; a new one starts
    second = real_window()
    offered = []
    second.ask_recover_untitled = lambda candidate: offered.append(candidate) or True
    job = second.recover_untitled()
    assert offered == [first.untitled_recovery_path()]
    qtbot.waitUntil(lambda: job.finished, timeout=10000)
    doc = second.doc
    assert doc.project.scenario.roster.shift_on(agent, day).locked  # the edit came back
    assert doc.path is None and doc.dirty
    assert load_project(first.untitled_recovery_path()).scenario.roster.shift_on(agent, day).locked


def test_declined_untitled_recovery_is_not_offered_again(real_window, fake):
    first = real_window()
    first.doc.set_project(fake.load_demo_project())
    _lock_first_shift(first.doc)
    first.autosave()
    second = real_window()
    second.ask_recover_untitled = lambda candidate: False
    assert second.recover_untitled() is None
    assert not second.untitled_recovery_path().exists()
    second.ask_recover_untitled = lambda candidate: pytest.fail("offered twice")
    assert second.recover_untitled() is None


def test_saving_or_discarding_an_untitled_project_removes_its_recovery_copy(real_window, fake,
                                                                            tmp_path):
    win = real_window()
    win.doc.set_project(fake.load_demo_project())
    _lock_first_shift(win.doc)
    copy_path = win.autosave()
    assert win._save_to(tmp_path / "plan.kcroster")
    assert not copy_path.exists()
    other = real_window()
    other.doc.set_project(fake.load_demo_project())
    _lock_first_shift(other.doc)
    assert other.autosave().exists()
    other.confirm_close = True
    other.ask_save_changes = lambda: Button.Discard
    assert other._may_discard()
    other.confirm_close = False
    assert not copy_path.exists()


def test_every_edit_reaches_the_recovery_copy_within_a_second(real_window, qtbot, fake, tmp_path):
    from kcroster.io.store import autosave_path, load_project

    win = real_window()
    win.doc.set_project(fake.load_demo_project())
    path = tmp_path / "plan.kcroster"
    assert win._save_to(path)
    auto = autosave_path(path)
    shifts = win.doc.project.scenario.roster.shifts
    for n, s in enumerate(shifts[:2]):
        t0 = time.perf_counter()
        win.doc.apply(LockShift(s.agent_id, s.day, True))
        def in_copy(s=s) -> bool:
            return auto.exists() and load_project(auto).scenario.roster.shift_on(
                s.agent_id, s.day).locked

        qtbot.waitUntil(in_copy, timeout=3000)
        assert time.perf_counter() - t0 < 2.0, f"edit {n} took {time.perf_counter() - t0:.1f} s"
    assert not load_project(path).scenario.roster.shift_on(shifts[0].agent_id, shifts[0].day).locked


def test_continuous_editing_does_not_postpone_the_recovery_copy(real_window, qtbot, fake):
    from kcroster.io.store import load_project

    win = real_window()
    win.doc.set_project(fake.load_demo_project())
    auto = win.untitled_recovery_path()
    shifts = win.doc.project.scenario.roster.shifts
    first = shifts[0]
    win.doc.apply(LockShift(first.agent_id, first.day, True))
    t0 = time.perf_counter()
    for s in shifts[1:12]:  # an edit every 150 ms for well over the autosave delay
        qtbot.wait(150)
        win.doc.apply(LockShift(s.agent_id, s.day, True))
        if auto.exists():
            break
    qtbot.waitUntil(auto.exists, timeout=3000)
    assert time.perf_counter() - t0 < 2.0
    assert load_project(auto).scenario.roster.shift_on(first.agent_id, first.day).locked


def test_start_with_demo_offers_the_untitled_recovery_copy_first(real_window, qtbot, fake):
    """``kcroster --demo`` after a crash: the recovered project loads instead of a clean demo."""
    from kcroster.gui.app import build_parser, load_initial
    from kcroster.settings import Settings

    first = real_window()
    first.doc.set_project(fake.load_demo_project())
    agent, day = _lock_first_shift(first.doc)
    first.autosave()
    second = real_window()
    second.ask_recover_untitled = lambda candidate: True
    second.open_demo = lambda: pytest.fail("the clean demo was loaded")
    job = load_initial(second, build_parser().parse_args(["--demo"]), Settings())
    qtbot.waitUntil(lambda: job.finished, timeout=10000)
    assert second.doc.project.scenario.roster.shift_on(agent, day).locked and second.doc.dirty


def test_a_failing_recovery_copy_stays_visible_until_one_succeeds(real_window, qtbot, fake,
                                                                  monkeypatch):
    from kcroster.io import store as project_store

    win = real_window()
    win.show()
    win.doc.set_project(fake.load_demo_project())
    real_autosave = project_store.autosave

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project_store, "autosave", full_disk)
    _lock_first_shift(win.doc)
    qtbot.waitUntil(win.autosave_warning.isVisible, timeout=3000)
    assert "No space left" in win.autosave_warning.toolTip()
    monkeypatch.setattr(project_store, "autosave", real_autosave)
    win.doc.undo()  # the next edit's copy succeeds
    qtbot.waitUntil(lambda: not win.autosave_warning.isVisible(), timeout=3000)


def test_the_autosave_delay_grows_with_the_cost_of_the_snapshot(real_window, fake):
    """The window thread only pickles the project; a big project waits longer between copies
    so that pickling never takes more than a sixth of the window's time."""
    from kcroster.gui.main_window import EDIT_AUTOSAVE_MS, autosave_delay_ms

    assert autosave_delay_ms(10) == EDIT_AUTOSAVE_MS == 800  # the demo: within a second
    assert autosave_delay_ms(400) == 2000  # 400 agents x 4 weeks x 3 scenarios
    win = real_window()
    win.doc.set_project(fake.load_demo_project())
    _lock_first_shift(win.doc)
    job = win.autosave_in_background()
    assert job is not None and job.wait(10) and job.error is None
    assert win.edit_autosave_timer.interval() == EDIT_AUTOSAVE_MS


def test_a_file_named_naamloos_in_the_working_folder_does_not_hide_the_recovery_copy(
        real_window, fake, tmp_path, monkeypatch):
    first = real_window()
    first.doc.set_project(fake.load_demo_project())
    _lock_first_shift(first.doc)
    first.autosave()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "naamloos.kcroster").write_bytes(b"newer than the copy")
    second = real_window()
    offered = []
    second.ask_recover_untitled = lambda candidate: offered.append(candidate) or False
    second.recover_untitled()
    assert offered == [first.untitled_recovery_path()]
