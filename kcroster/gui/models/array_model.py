"""A read-only table model over a 2-D numpy array with row and column labels."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

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
        self._bold_rows: set[int] = set()
        self._bold_cols: set[int] = set()
        self._format: Callable[[float, int], str] = lambda v, c: fmt.num(v, self._decimals[c] if self._decimals else 1)

    def set_array(self, values: np.ndarray, row_labels: list[str], col_labels: list[str],
                  decimals: list[int] | int = 1, *, bold_rows: set[int] | None = None,
                  bold_cols: set[int] | None = None) -> None:
        """Show ``values``; ``bold_rows``/``bold_cols`` are totals (a week among its days) in bold."""
        self.beginResetModel()
        self._bold_rows, self._bold_cols = set(bold_rows or ()), set(bold_cols or ())
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
        if role == Qt.ItemDataRole.FontRole and (index.row() in self._bold_rows or index.column() in self._bold_cols):
            return self._bold()
        return None

    @staticmethod
    def _bold() -> QFont:
        font = QFont()
        font.setBold(True)
        return font

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        bold = self._bold_cols if orientation == Qt.Orientation.Horizontal else self._bold_rows
        if role == Qt.ItemDataRole.FontRole and section in bold:
            return self._bold()
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = self._cols if orientation == Qt.Orientation.Horizontal else self._rows
        return labels[section] if 0 <= section < len(labels) else None
