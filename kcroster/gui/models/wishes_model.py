"""Agents × days grid of wishes (self-scheduling); edits go through :class:`SetWish`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from kcroster.edits import SetWish
from kcroster.gui import fmt, theme
from kcroster.gui.i18n import tr
from kcroster.model import Agent, Wish, WishKind

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, shared as the default parent
#: the whole :class:`Wish` of a cell (None when the cell is empty), for the grid's editor
WISH_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def kind_labels() -> dict[WishKind, str]:
    return {
        WishKind.OFF: tr("Vrij"),
        WishKind.EARLY: tr("Vroeg"),
        WishKind.LATE: tr("Laat"),
        WishKind.WORK: tr("Werken"),
        WishKind.WINDOW: tr("Begin tussen"),
        WishKind.SHIFT: tr("Dienst"),
        WishKind.NOT_SHIFT: tr("Niet"),
    }


#: the kinds a planner can pick directly in the grid (others come from workbooks)
EDITABLE_KINDS = (WishKind.OFF, WishKind.EARLY, WishKind.LATE, WishKind.WORK)


def wish_text(w: Wish) -> str:
    label = kind_labels()[w.kind]
    if w.kind is WishKind.WINDOW and w.window_start and w.window_end:
        label = f"{fmt.clock(w.window_start)}–{fmt.clock(w.window_end)}"
    elif w.kind in (WishKind.SHIFT, WishKind.NOT_SHIFT) and w.shift_type:
        label = f"{label} {w.shift_type}"
    if w.must:
        label += " !"
    elif w.weight > 1:
        label += " " + "★" * min(3, w.weight)
    return label


class WishesModel(QAbstractTableModel):
    def __init__(self, apply: Callable[[Any], Any], parent=None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._agents: list[Agent] = []
        self._days: list[date] = []
        self._grid: dict[tuple[str, date], Wish] = {}
        self._granted: dict[tuple[str, date], bool] = {}

    def set_data(self, agents: list[Agent], days: list[date], wishes: list[Wish],
                 granted: dict[tuple[str, date], bool] | None = None) -> None:
        self.beginResetModel()
        self._agents = list(agents)
        self._days = list(days)
        self._grid = {(w.agent_id, w.day): w for w in wishes}
        self._granted = dict(granted or {})
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._agents)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._days)

    def wish_at(self, index: Index) -> Wish | None:
        if not index.isValid():
            return None
        return self._grid.get((self._agents[index.row()].id, self._days[index.column()]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key = (self._agents[index.row()].id, self._days[index.column()])
        w = self._grid.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return wish_text(w) if w else ""
        if role == Qt.ItemDataRole.EditRole:
            return w.kind.value if w else ""
        if role == WISH_ROLE:
            return w
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and w is not None and key in self._granted:
            c = QColor(theme.SURPLUS if self._granted[key] else theme.SHORTAGE)
            c.setAlpha(60)
            return c
        if role == Qt.ItemDataRole.ToolTipRole and w is not None:
            if key not in self._granted:
                return wish_text(w)
            return wish_text(w) + " · " + (tr("Gehonoreerd in het rooster") if self._granted[key]
                                           else tr("Niet gehonoreerd in het rooster"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return fmt.day(self._days[section]) if 0 <= section < len(self._days) else None
        return self._agents[section].name if 0 <= section < len(self._agents) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable if index.isValid() else super().flags(index)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A kind code (``"off"``; ``""`` clears) or, from the grid's editor, a whole
        :class:`Wish` with weight, "moet" and shift type; one undoable edit when it changed."""
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, WISH_ROLE):
            return False
        agent = self._agents[index.row()].id
        day = self._days[index.column()]
        old = self._grid.get((agent, day))
        if isinstance(value, Wish) or value is None:
            wish = None if value is None else replace(value, agent_id=agent, day=day)
        else:  # a new kind keeps the wish's weight and "moet"
            text = str(value or "")
            if text == (old.kind.value if old else ""):
                return False
            weight, must = (old.weight, old.must) if old else (1, False)
            wish = None if not text else Wish(agent, day, WishKind(text), weight=weight, must=must)
        if wish == old:
            return False
        self._apply(SetWish(agent, day, wish))
        if wish is None:
            self._grid.pop((agent, day), None)
        else:
            self._grid[(agent, day)] = wish
        self._granted.pop((agent, day), None)
        self.dataChanged.emit(index, index)
        return True
