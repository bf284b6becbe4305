"""KPI tiles: a big value, a caption and an optional status colour stripe."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class KpiTile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Tile")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(2)
        self.value = QLabel("–")
        self.value.setObjectName("TileValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("TileCaption")
        self.detail = QLabel("")
        self.detail.setObjectName("TileCaption")
        self.detail.setWordWrap(True)  # e.g. the e-mail explanation is longer than a tile is wide
        lay.addWidget(self.caption)
        lay.addWidget(self.value)
        lay.addWidget(self.detail)
        self.setMinimumWidth(150)

    def set_value(self, text: str, detail: str = "", status: str | None = None) -> None:
        """``status`` 'good' | 'bad' | 'warn' | None colours the value."""
        self.value.setText(text)
        self.detail.setText(detail)
        colours = {"good": "#3f9c5a", "bad": "#d9534f", "warn": "#e0a030"}
        if status in colours:
            self.value.setStyleSheet(f"color: {QColor(colours[status]).name()};")
        else:
            self.value.setStyleSheet("")
