"""Bestand → Project hernoemen (issue 24 item 12): an undoable edit the title follows."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from kcroster.edits import RenameProject


def _answer(monkeypatch, text: str, ok: bool = True) -> list[str]:
    """Answer the name dialog with ``text``; the returned list gets the name it was opened with."""
    shown: list[str] = []

    def get_text(parent, title, label, *a, text="", **k):
        shown.append(text)
        return answer, ok

    answer = text
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return shown


def test_rename_from_the_menu_undo_and_redo(window, monkeypatch):
    old = window.doc.project.name
    assert old in window.windowTitle()
    shown = _answer(monkeypatch, "  Klantenservice mei  ")
    window.rename_action.trigger()
    assert shown == [old]  # the dialog starts with the current name
    assert window.doc.project.name == "Klantenservice mei"
    assert window.windowTitle().startswith("Klantenservice mei")
    assert window.project_label.text() == "Klantenservice mei"
    assert window.doc.dirty
    assert window.undo_action.text().endswith("project hernoemen")

    window.doc.undo()
    assert window.doc.project.name == old
    assert window.windowTitle().startswith(old) and "Klantenservice mei" not in window.windowTitle()
    assert window.project_label.text() == old
    window.doc.redo()
    assert window.doc.project.name == "Klantenservice mei"
    assert window.windowTitle().startswith("Klantenservice mei")


def test_a_saved_project_renamed_shows_name_and_file(window, monkeypatch, tmp_path):
    path = tmp_path / "mei.kcroster"
    window.doc.path = path  # as after saving: the title names the file it is in
    window._update_title()
    _answer(monkeypatch, "Juni")
    window.ask_rename_project()
    assert window.windowTitle().startswith("Juni (mei.kcroster)")


@pytest.mark.parametrize("bad", ["", "   ", "mei/juni", "a:b", "x" * 101])
def test_a_name_that_cannot_be_a_file_name_is_refused_with_a_message(window, monkeypatch, bad):
    old = window.doc.project.name
    _answer(monkeypatch, bad)
    window.ask_rename_project()
    assert window.doc.project.name == old
    assert not window.doc.history.can_undo
    assert window.statusBar().currentMessage().startswith("Niet hernoemd: ")


def test_cancel_or_the_same_name_is_no_edit(window, monkeypatch):
    _answer(monkeypatch, "Iets anders", ok=False)
    window.ask_rename_project()
    _answer(monkeypatch, window.doc.project.name)
    window.ask_rename_project()
    assert not window.doc.history.can_undo


def test_the_edit_alone_keeps_the_old_name_for_undo():
    class P:
        name = "Oud"

    p = P()
    edit = RenameProject(" Nieuw ")
    assert edit.apply(p).kind == "scenario_name"  # labels only: nothing is recomputed
    assert p.name == "Nieuw"
    edit.revert(p)
    assert p.name == "Oud"
