"""The live list of rule violations from the checker."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from kcroster.gui import fmt, theme
from kcroster.gui.i18n import language, tr

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, shared as the default parent


_dots: dict[str, QPixmap] = {}


def _dot(colour: str) -> QPixmap:
    if colour not in _dots:
        pm = QPixmap(10, 10)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(colour))
        p.drawEllipse(1, 1, 8, 8)
        p.end()
        _dots[colour] = pm
    return _dots[colour]


class ViolationsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self._names: dict[str, str] = {}

    def set_violations(self, items: list[Any], names: dict[str, str]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._names = dict(names)
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        v = self._items[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                agent = getattr(v, "agent_id", None)
                return self._names.get(str(agent), str(agent or "–"))
            if c == 1:
                when = getattr(v, "when", None)
                return fmt.day(when) if isinstance(when, date) else (str(when) if when else "–")
            msg = getattr(v, "message_nl" if language() == "nl" else "message_en", None)
            return msg or str(v)
        if role == Qt.ItemDataRole.DecorationRole and c == 0:
            sev = str(getattr(v, "severity", "error"))
            return _dot(theme.SHORTAGE if sev.endswith("error") else theme.WARNING)
        if role == Qt.ItemDataRole.ToolTipRole:
            return getattr(v, "rule_id", "")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (tr("Medewerker"), tr("Dag"), tr("Melding"))[section]
