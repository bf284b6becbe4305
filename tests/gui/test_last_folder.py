"""File dialogs open in the folder the planner last picked a file in (issue 24 item 12).

QFileDialog's static functions are replaced by recorders, so each test sees the start folder a
dialog was given and answers with a file of its own choosing, as the planner would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from kcroster import settings as user_settings
from kcroster.gui.views.common import ask_open_file


class Dialogs:
    """Stands in for QFileDialog: remembers each call's start directory, returns ``answer``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.starts: list[tuple[str, str]] = []
        self.answer = ""
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, self._single(name))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", self._many)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", self._folder)

    def _single(self, name):
        def call(parent, title, directory, file_filter, *a, **k):
            self.starts.append((name, directory))
            return self.answer, ""
        return call

    def _many(self, parent, title, directory, file_filter, *a, **k):
        self.starts.append(("getOpenFileNames", directory))
        return ([self.answer] if self.answer else []), ""

    def _folder(self, parent, title, directory, *a, **k):
        self.starts.append(("getExistingDirectory", directory))
        return self.answer


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


def test_first_dialog_has_no_folder_and_the_picked_folder_is_the_next_start(window, dialogs, tmp_path):
    picked = tmp_path / "forecasts"
    picked.mkdir()
    dialogs.answer = ""  # the planner cancels: nothing remembered
    window.ask_open()
    assert dialogs.starts[-1] == ("getOpenFileName", "")
    assert window.settings.last_folder is None

    dialogs.answer = str(picked / "history.xlsx")  # a file picked on another screen
    assert ask_open_file(window.forecast_screen, "Historie", "*") == picked / "history.xlsx"
    assert window.settings.last_folder == str(picked)
    # kept in the settings file, so it survives a restart
    assert user_settings.load_settings().last_folder == str(picked)

    dialogs.answer = ""
    window.ask_open()
    assert dialogs.starts[-1] == ("getOpenFileName", str(picked))


def test_every_kind_of_dialog_starts_in_the_last_folder(window, dialogs, tmp_path):
    folder = tmp_path / "planning"
    folder.mkdir()
    window.settings.last_folder = str(folder)
    dialogs.answer = ""
    window.ask_open()  # Project openen
    window.save_as()  # Project opslaan als: the suggested name inside the folder
    window.wishes_screen.ask_import()  # several workbooks at once
    window.wishes_screen.ask_export()  # a folder
    window.agents_screen.ask_export_template()
    window.roster_screen.ask_import_workbook()
    window.export_screen.ask_planner()
    assert dialogs.starts[0] == ("getOpenFileName", str(folder))
    kind, start = dialogs.starts[1]
    assert kind == "getSaveFileName" and Path(start).parent == folder
    assert Path(start).name == f"{window.doc.project.name}.kcroster"
    assert dialogs.starts[2] == ("getOpenFileNames", str(folder))
    assert dialogs.starts[3] == ("getExistingDirectory", str(folder))
    assert Path(dialogs.starts[4][1]) == folder / "medewerkers_sjabloon.xlsx"
    assert dialogs.starts[5] == ("getOpenFileName", str(folder))
    assert Path(dialogs.starts[6][1]).parent == folder
    assert len(dialogs.starts) == 7


def test_a_saved_file_moves_the_start_folder_and_a_vanished_folder_is_not_used(window, dialogs, tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    dialogs.answer = str(out / "medewerkers")  # typed without extension
    exported = []
    window.agents_screen.export_template = exported.append
    window.agents_screen.ask_export_template()
    assert exported == [out / "medewerkers.xlsx"]
    assert window.settings.last_folder == str(out)

    window.settings.last_folder = str(tmp_path / "gone")  # a folder removed since (USB stick)
    dialogs.answer = ""
    window.ask_open()
    assert dialogs.starts[-1] == ("getOpenFileName", "")


def test_a_folder_picked_for_wish_forms_is_remembered(window, dialogs, tmp_path):
    target = tmp_path / "wensen"
    target.mkdir()
    dialogs.answer = str(target)
    written = []
    window.wishes_screen.export_blank = written.append
    window.wishes_screen.ask_export()
    assert written == [target]
    assert window.settings.last_folder == str(target)
