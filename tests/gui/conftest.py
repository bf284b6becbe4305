"""GUI test fixtures: offscreen Qt, a temp settings dir, and the window on a fake pipeline."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gui_fake_pipeline as fake_pipeline  # noqa: E402
import pytest  # noqa: E402

from kcroster import settings as user_settings  # noqa: E402


@pytest.fixture(autouse=True)
def _temp_basedir(tmp_path_factory):
    user_settings.set_basedir(tmp_path_factory.mktemp("basedir"))
    yield
    user_settings.set_basedir(None)


@pytest.fixture
def fake():
    fake_pipeline.calls.clear()
    return fake_pipeline


_themed = False


@pytest.fixture
def app(qapp):
    global _themed
    from kcroster.gui import i18n, theme

    if not _themed:  # re-applying a style sheet restyles every live widget: do it once
        theme.apply(qapp, dark=False)
        _themed = True
    i18n.install_language("nl")
    return qapp


@pytest.fixture
def window(app, qtbot, fake):
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    doc = ProjectDocument(fake)
    win = MainWindow(doc, confirm_close=False)
    win.resize(1300, 850)
    qtbot.addWidget(win)
    win.show()
    doc.set_project(fake.load_demo_project())
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.deleteLater()


@pytest.fixture
def real_window(app, qtbot):
    """A maker of windows on the real pipeline (real project store and settings), each with its
    own document; ``make(cfg)`` passes settings. Their autosave timers stop at the end."""
    from kcroster import pipeline
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    made = []

    def make(cfg=None):
        win = MainWindow(ProjectDocument(pipeline), settings=cfg, confirm_close=False)
        qtbot.addWidget(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.autosave_timer.stop()
        win.edit_autosave_timer.stop()
        win.close()


# The offscreen platform plugin warns about a window feature it lacks whenever a dialog opens;
# that says nothing about our code, while every other Qt warning still fails the test.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def roster_window(real_window, qtbot):
    """The real window on the demo project (60 agents, a solved roster), Rooster screen shown,
    large enough that the Gantt shows whole days."""
    from kcroster import pipeline

    win = real_window()
    win.resize(1400, 900)
    win.show()
    win.doc.set_project(pipeline.open_project(pipeline.SAMPLES / "demo.kcroster", read_only=True))
    win.show_screen("roster")
    screen = win.roster_screen
    qtbot.waitUntil(lambda: screen.gantt.data is not None and len(screen.gantt.data.shifts) > 0, timeout=10000)
    return win, screen
