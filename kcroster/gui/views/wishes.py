"""Wensen screen: agents × days grid of wishes, import of filled self-scheduling workbooks and
export of blank ones."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from kcroster.gui import fmt
from kcroster.gui.i18n import plural, tr
from kcroster.gui.jobs import run_job
from kcroster.gui.models.wishes_model import (
    EDITABLE_KINDS,
    WISH_ROLE,
    WishesModel,
    kind_labels,
    wish_text,
)
from kcroster.gui.views.base import Screen, hint
from kcroster.gui.views.common import ask_folder, ask_open_workbooks
from kcroster.model import Wish, WishKind

Index = QModelIndex | QPersistentModelIndex
#: kinds that name a shift type
SHIFT_KINDS = (WishKind.SHIFT, WishKind.NOT_SHIFT)


class WishEditor(QWidget):
    """A cell's wish in full: kind (with the project's shift types: "Dienst Vroeg", "Niet
    Laat"), weight 1–3 and "moet", so a planner never needs a workbook to make a wish count
    more or hard. A window wish keeps its times (they come from workbooks). Enter in any of
    its fields confirms (the fields would keep the key to themselves)."""

    confirmed = Signal()

    def __init__(self, parent: QWidget, shift_types: list[str]) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(2, 0, 2, 0)
        lay.setSpacing(4)
        self.kind = QComboBox()  # data: the kind's code, "|" and the shift type's name
        self.kind.addItem(tr("(geen wens)"), "")
        labels = kind_labels()
        for k in EDITABLE_KINDS:
            self.kind.addItem(labels[k], k.value)
        for name in shift_types:
            for k in SHIFT_KINDS:
                self.kind.addItem(f"{labels[k]} {name}", f"{k.value}|{name}")
        self.weight = QSpinBox()
        self.weight.setRange(1, 3)
        self.weight.setPrefix(tr("gewicht") + " ")
        self.weight.setToolTip(tr("Hoe zwaar de wens telt: 1 gewoon, 3 heel belangrijk"))
        self.must = QCheckBox(tr("moet"))
        self.must.setToolTip(tr("Harde wens: het rooster moet eraan voldoen"))
        self.must.toggled.connect(lambda on: self.weight.setEnabled(not on))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for w in (self.kind, self.weight, self.must):
            lay.addWidget(w)
            w.installEventFilter(self)
        self.setFocusProxy(self.kind)  # the grid's Enter and Tab reach the delegate
        self._window: Wish | None = None
        self._kind_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.confirmed.emit()
            return True
        return super().eventFilter(watched, event)

    def _kind_changed(self) -> None:
        chosen = bool(self.kind.currentData())
        self.weight.setEnabled(chosen and not self.must.isChecked())
        self.must.setEnabled(chosen)

    def set_wish(self, wish: Wish | None) -> None:
        """Show ``wish``; a window wish gets its own entry with its times."""
        self._window = wish if wish is not None and wish.kind is WishKind.WINDOW else None
        if self._window is not None:
            self.kind.addItem(wish_text(replace(self._window, weight=1, must=False)),
                              WishKind.WINDOW.value)
        key = "" if wish is None else wish.kind.value
        if wish is not None and wish.kind in SHIFT_KINDS:
            key += f"|{wish.shift_type or ''}"
        self.kind.setCurrentIndex(max(0, self.kind.findData(key)))
        self.weight.setValue(min(3, wish.weight) if wish else 1)
        self.must.setChecked(bool(wish and wish.must))

    def wish(self, agent_id: str, day: date) -> Wish | None:
        """The wish the editor shows (None for "geen wens")."""
        kind, _, name = str(self.kind.currentData()).partition("|")
        shift_type = name or None
        if not kind:
            return None
        if kind == WishKind.WINDOW.value and self._window is not None:
            return replace(self._window, weight=self.weight.value(), must=self.must.isChecked())
        return Wish(agent_id, day, WishKind(kind), weight=self.weight.value(),
                    must=self.must.isChecked(), shift_type=shift_type)


class WishDelegate(QStyledItemDelegate):
    """The grid's editor: :class:`WishEditor`, wider than a day's column so it stays usable."""

    def __init__(self, parent: QWidget, shift_types: Callable[[], list[str]]) -> None:
        super().__init__(parent)
        self.shift_types = shift_types

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        editor = WishEditor(parent, self.shift_types())

        def confirm() -> None:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

        editor.confirmed.connect(confirm)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, WishEditor)
        editor.set_wish(index.data(WISH_ROLE))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, WishEditor)
        model.setData(index, editor.wish("", date.min), WISH_ROLE)

    def updateEditorGeometry(self, editor: QWidget, option: Any, index: Index) -> None:
        rect = option.rect
        width = max(rect.width(), editor.sizeHint().width())
        left = min(rect.left(), max(0, editor.parentWidget().width() - width))
        editor.setGeometry(left, rect.top(), width, max(rect.height(), editor.sizeHint().height()))


class WishesScreen(Screen):
    key = "wishes"

    def title(self) -> str:
        return tr("Wensen")

    def __init__(self, doc, window) -> None:
        super().__init__(doc, window)
        self.import_button = QPushButton(tr("Wensformulieren importeren…"))
        self.import_button.clicked.connect(self.ask_import)
        self.export_button = QPushButton(tr("Lege wensformulieren exporteren…"))
        self.export_button.clicked.connect(self.ask_export)
        self.toolbar.addWidget(self.export_button)
        self.toolbar.addWidget(self.import_button)
        self.stats = QLabel()
        self.body.addWidget(self.stats)
        self.body.addWidget(
            hint(
                tr(
                    "Dubbelklik een cel om een wens te zetten. Groen: gehonoreerd in het rooster, rood: niet. "
                    "★ = gewicht, ! = harde wens (moet); beide zet u in de cel."
                )
            )
        )
        self.model = WishesModel(self._apply, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(WishDelegate(self.table, self._shift_types))
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setDefaultSectionSize(96)
        self.table.horizontalHeader().setMinimumSectionSize(80)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.body.addWidget(self.table, 1)
        doc.edited.connect(lambda ch: self.mark_stale() if ch.kind in ("wishes", "roster") and not self.table.state()
                           == QAbstractItemView.State.EditingState else None)
        doc.rosterChanged.connect(self.mark_stale)

    def _shift_types(self) -> list[str]:
        p = self.doc.project
        return [t.name for t in p.shift_rules.shift_types] if p is not None else []

    def reset(self) -> None:
        """No grid or counts of the previous project's agents."""
        super().reset()
        self.model.set_data([], [], [], {})
        self.stats.setText("")

    def _apply(self, edit) -> None:
        try:
            self.doc.apply(edit)
        except (ValueError, KeyError) as exc:
            self.status(str(exc))

    def refresh(self) -> None:
        p = self.doc.project
        assert p is not None
        granted: dict = {}
        roster = self.doc.roster
        if roster is not None and hasattr(self.doc.backend, "wish_granted"):
            for w in p.wishes:
                granted[(w.agent_id, w.day)] = bool(self.doc.backend.wish_granted(p, roster, w))
        self.model.set_data(p.agents, p.horizon.dates, p.wishes, granted)
        total = len(p.wishes)
        ok = sum(granted.values())
        must = sum(1 for w in p.wishes if w.must)
        who = len({w.agent_id for w in p.wishes})
        text = " ".join([plural(total, tr("{n} wens"), tr("{n} wensen")),
                         plural(who, tr("van {n} medewerker"), tr("van {n} medewerkers")), "·",
                         plural(must, tr("{n} harde wens"), tr("{n} harde wensen"))])
        if granted:
            text += " · " + tr("{ok} van {n} gehonoreerd ({pct})").format(
                ok=ok, n=len(granted), pct=fmt.pct(ok / max(1, len(granted)), 0)
            )
        self.stats.setText(text)

    def ask_import(self) -> None:
        paths = ask_open_workbooks(self, tr("Wensformulieren importeren"), many=True)
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[Path]):
        """Read filled wish workbooks in the background, then apply them to a copy of the project."""
        assert self.doc.project is not None
        snapshot = copy.deepcopy(self.doc.project)
        backend = self.doc.backend

        def work(report, cancel) -> Any:
            report(tr("Wensformulieren inlezen…"))
            return snapshot, backend.import_wishes(snapshot, list(paths))

        def done(value: Any) -> None:
            project, result = value
            self.doc.replace_project_data(project)
            read = plural(len(result.wishes), tr("{n} wens ingelezen"), tr("{n} wensen ingelezen"))
            self.status(read)
            if result.refusals:
                box = QMessageBox(self)
                box.setIcon(QMessageBox.Icon.Information)
                box.setWindowTitle(tr("Wensformulieren importeren"))
                box.setText(read + ", " + tr("{r} geweigerd.").format(r=len(result.refusals)))
                box.setDetailedText(result.summary())
                box.open()

        return run_job(self.window_, work, title=tr("Wensformulieren importeren"), on_done=done, cancellable=False)

    def ask_export(self) -> None:
        folder = ask_folder(self, tr("Map voor de wensformulieren"))
        if folder:
            self.export_blank(folder)

    def export_blank(self, folder: Path):
        assert self.doc.project is not None
        snapshot = copy.deepcopy(self.doc.project)
        backend = self.doc.backend

        def work(report, cancel) -> Any:
            report(tr("Wensformulieren schrijven…"))
            return backend.export_wish_forms(snapshot, folder)

        return run_job(self.window_, work, title=tr("Wensformulieren exporteren"),
                       on_done=lambda paths: self.status(plural(
                           len(paths), tr("{n} wensformulier geschreven naar {map}"),
                           tr("{n} wensformulieren geschreven naar {map}"), map=str(folder))))
