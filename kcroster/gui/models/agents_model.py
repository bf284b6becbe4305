"""The agents table: one row per :class:`kcroster.model.Agent`, edits go through the history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kcroster.edits import SetAgentField
from kcroster.gui import fmt
from kcroster.gui.i18n import tr
from kcroster.model import Agent
from kcroster.model.timegrid import parse_hhmm

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, shared as the default parent


def _hours(v: object) -> float:
    return float(str(v).replace(",", "."))


def _opt_int(v: object) -> int | None:
    s = str(v).strip()
    return None if s in ("", "–", "-") else int(s)


def _time(v: object) -> time | None:
    s = str(v).strip()
    return None if s in ("", "–", "-") else parse_hhmm(s)


def _skills(v: object) -> tuple[str, ...]:
    return tuple(x.strip() for x in str(v).replace(";", ",").split(",") if x.strip())


@dataclass(frozen=True)
class Column:
    field: str | None
    title: str
    show: Callable[[Agent], str]
    parse: Callable[[object], Any] | None = None


def columns() -> list[Column]:
    return [
        Column(None, tr("Nr."), lambda a: a.id),
        Column("name", tr("Naam"), lambda a: a.name, lambda v: str(v).strip()),
        Column("team", tr("Team"), lambda a: a.team or "", lambda v: str(v).strip() or None),
        Column("contract_hours", tr("Contract (u/week)"), lambda a: fmt.num(a.contract_hours, 1), _hours),
        Column(
            "max_days_per_week",
            tr("Max. dagen/week"),
            lambda a: "–" if a.max_days_per_week is None else str(a.max_days_per_week),
            _opt_int,
        ),
        Column("skills", tr("Vaardigheden"), lambda a: ", ".join(a.skills), _skills),
        Column(
            "earliest_start",
            tr("Vroegste begin"),
            lambda a: fmt.clock(a.earliest_start) if a.earliest_start else "–",
            _time,
        ),
        Column("latest_end", tr("Laatste einde"), lambda a: fmt.clock(a.latest_end) if a.latest_end else "–", _time),
    ]


class AgentsModel(QAbstractTableModel):
    """Adapter over ``project.agents``; ``apply`` is the document's edit entry point."""

    def __init__(self, apply: Callable[[Any], Any], on_error: Callable[[str], None] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._agents: list[Agent] = []
        self._apply = apply
        self._on_error = on_error
        self._cols = columns()
        self.extra: dict[str, str] = {}  # agent id → status text (leave, reintegration)

    def set_agents(self, agents: list[Agent], extra: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._agents = list(agents)
        self.extra = dict(extra or {})
        self.endResetModel()

    def agent_at(self, row: int) -> Agent | None:
        return self._agents[row] if 0 <= row < len(self._agents) else None

    def refresh_agents(self, ids: set[str]) -> None:
        for r, a in enumerate(self._agents):
            if not ids or a.id in ids:
                self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._agents)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._cols) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        a = self._agents[index.row()]
        c = index.column()
        if c == len(self._cols):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.extra.get(a.id, "")
            return None
        col = self._cols[c]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return col.show(a)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.field in ("contract_hours", "max_days_per_week"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == len(self._cols):
            return tr("Bijzonderheden")
        return self._cols[section].title if 0 <= section < len(self._cols) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() < len(self._cols) and self._cols[index.column()].parse is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() >= len(self._cols):
            return False
        col = self._cols[index.column()]
        if col.parse is None or col.field is None:
            return False
        a = self._agents[index.row()]
        try:
            parsed = col.parse(value)
        except (ValueError, TypeError):
            if self._on_error:
                self._on_error(tr("Ongeldige waarde voor {kolom}: {waarde}").format(kolom=col.title, waarde=value))
            return False
        if parsed == getattr(a, col.field):
            return False
        self._apply(SetAgentField(a.id, col.field, parsed))
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True
