"""Wensen screen: agents × days grid of wishes, import of filled self-scheduling workbooks and
export of blank ones."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from kcroster.gui import fmt
from kcroster.gui.i18n import plural, tr
from kcroster.gui.jobs import run_job
from kcroster.gui.models.wishes_model import EDITABLE_KINDS, WishesModel, kind_labels
from kcroster.gui.views.base import Screen, hint
from kcroster.gui.views.common import ask_open_workbooks


class WishDelegate(QStyledItemDelegate):
    """A drop-down with the wishes a planner can set directly (others come from workbooks)."""

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.addItem(tr("(geen wens)"), "")
        labels = kind_labels()
        for k in EDITABLE_KINDS:
            box.addItem(labels[k], k.value)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(0, i))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


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
        self.body.addWidget(hint(tr("Dubbelklik een cel om een wens te zetten. Groen: gehonoreerd in het rooster, rood: niet. "
                                    "★ = gewicht, ! = harde wens (moet).")))
        self.model = WishesModel(self._apply, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(WishDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setDefaultSectionSize(96)
        self.table.horizontalHeader().setMinimumSectionSize(80)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.body.addWidget(self.table, 1)
        doc.edited.connect(lambda ch: self.mark_stale() if ch.kind in ("wishes", "roster") and not self.table.state()
                           == QAbstractItemView.State.EditingState else None)
        doc.rosterChanged.connect(self.mark_stale)

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
            text += " · " + tr("{ok} van {n} gehonoreerd ({pct})").format(ok=ok, n=len(granted), pct=fmt.pct(ok / max(1, len(granted)), 0))
        self.stats.setText(text)

    def ask_import(self) -> None:
        paths = ask_open_workbooks(self, tr("Wensformulieren importeren"), many=True)
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[Path]):
        """Read filled wish workbooks in the background, then apply them to a copy of the project."""
        assert self.doc.project is not None
        snapshot = copy.deepcopy(self.doc.project)

        def work(report, cancel) -> Any:
            from kcroster.io.wishes import apply_wish_import, import_wish_workbooks

            report(tr("Wensformulieren inlezen…"))
            result = import_wish_workbooks(paths, project=snapshot)
            apply_wish_import(snapshot, result)
            return snapshot, result

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
        folder = QFileDialog.getExistingDirectory(self, tr("Map voor de wensformulieren"))
        if folder:
            self.export_blank(Path(folder))

    def export_blank(self, folder: Path):
        assert self.doc.project is not None
        snapshot = copy.deepcopy(self.doc.project)

        def work(report, cancel) -> Any:
            from kcroster.io.wishes import export_wish_workbooks

            report(tr("Wensformulieren schrijven…"))
            return export_wish_workbooks(folder, snapshot)

        return run_job(self.window_, work, title=tr("Wensformulieren exporteren"),
                       on_done=lambda paths: self.status(plural(
                           len(paths), tr("{n} wensformulier geschreven naar {map}"),
                           tr("{n} wensformulieren geschreven naar {map}"), map=str(folder))))
