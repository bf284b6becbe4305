"""A read-only table model over a 2-D numpy array with row and column labels."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kcroster.gui import fmt

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, shared as the default parent


class ArrayTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._values = np.zeros((0, 0))
        self._rows: list[str] = []
        self._cols: list[str] = []
        self._decimals: list[int] = []
        self._format: Callable[[float, int], str] = lambda v, c: fmt.num(v, self._decimals[c] if self._decimals else 1)

    def set_array(self, values: np.ndarray, row_labels: list[str], col_labels: list[str],
                  decimals: list[int] | int = 1) -> None:
        self.beginResetModel()
        self._values = np.asarray(values, dtype=float).reshape(len(row_labels), len(col_labels))
        self._rows = list(row_labels)
        self._cols = list(col_labels)
        self._decimals = [decimals] * len(col_labels) if isinstance(decimals, int) else list(decimals)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._cols)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        v = float(self._values[index.row(), index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._format(v, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return v
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = self._cols if orientation == Qt.Orientation.Horizontal else self._rows
        return labels[section] if 0 <= section < len(labels) else None
