"""Wish grid (issue 24 item 11): weight, "moet" and a named shift type are set in the grid's
own editor, as one undoable edit, and an existing wish opens with its own values."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt

from kcroster.gui.views.wishes import WishEditor
from kcroster.model import ShiftType, WishKind


def _open_editor(window, qtbot, row: int, col: int) -> tuple[object, WishEditor]:
    screen = window.screen_by_key("wishes")
    window.show_screen("wishes")
    screen.refresh_now()
    index = screen.model.index(row, col)
    screen.table.setCurrentIndex(index)
    screen.table.edit(index)
    (editor,) = [e for e in screen.table.findChildren(WishEditor) if e.isVisible()]
    return screen, editor


def _enter(qtbot, editor: WishEditor) -> None:
    """Enter in the editor, as a planner confirms: the delegate commits and closes it."""
    qtbot.keyClick(editor.kind, Qt.Key.Key_Return)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_grid_sets_a_hard_wish_for_a_shift_type_with_weight(window, qtbot):
    p = window.doc.project
    p.shift_rules.shift_types = [ShiftType("Vroeg", time(7), time(15, 30)),
                                 ShiftType("Laat", time(13), time(21, 30))]
    screen, editor = _open_editor(window, qtbot, 10, 3)
    labels = [editor.kind.itemText(i) for i in range(editor.kind.count())]
    assert "Dienst Laat" in labels and "Niet Vroeg" in labels
    editor.kind.setCurrentIndex(labels.index("Dienst Laat"))
    editor.weight.setValue(3)
    _enter(qtbot, editor)
    agent = p.agents[10].id
    (w,) = [x for x in p.wishes if x.agent_id == agent]
    assert (w.kind, w.shift_type, w.weight, w.must, w.day) == (
        WishKind.SHIFT, "Laat", 3, False, p.horizon.dates[3])
    assert screen.model.index(10, 3).data() == "Dienst Laat ★★★"

    screen, editor = _open_editor(window, qtbot, 10, 3)
    assert editor.kind.currentText() == "Dienst Laat" and editor.weight.value() == 3
    editor.must.setChecked(True)
    assert not editor.weight.isEnabled()  # a hard wish has no weight to weigh
    _enter(qtbot, editor)
    (w,) = [x for x in p.wishes if x.agent_id == agent]
    assert w.must and w.shift_type == "Laat"
    assert screen.model.index(10, 3).data() == "Dienst Laat !"
    window.doc.undo()
    (w,) = [x for x in p.wishes if x.agent_id == agent]
    assert not w.must and w.weight == 3


def test_existing_wish_opens_with_its_weight_and_clears_to_no_wish(window, qtbot):
    p = window.doc.project
    agent_row = next(i for i, a in enumerate(p.agents) if a.id == "A002")
    screen, editor = _open_editor(window, qtbot, agent_row, 1)  # A002: Tuesday early, weight 2
    assert editor.kind.currentText() == "Vroeg" and editor.weight.value() == 2
    assert not editor.must.isChecked()
    editor.kind.setCurrentIndex(0)
    assert not editor.weight.isEnabled() and not editor.must.isEnabled()
    _enter(qtbot, editor)
    assert not [w for w in p.wishes if w.agent_id == "A002"]


def test_changing_the_kind_keeps_weight_and_moet(window):
    screen = window.screen_by_key("wishes")
    window.show_screen("wishes")
    screen.refresh_now()
    p = window.doc.project
    row = next(i for i, a in enumerate(p.agents) if a.id == "A002")
    assert screen.model.setData(screen.model.index(row, 1), "late")
    (w,) = [x for x in p.wishes if x.agent_id == "A002"]
    assert (w.kind, w.weight) == (WishKind.LATE, 2)
