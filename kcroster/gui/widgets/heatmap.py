"""A heatmap painted from a 2-D numpy array (rows = days, columns = time of day).

Every row carries its label (a planner looks for "di 11-05", not for the row two below "ma 10-05"):
the widget asks for at least :attr:`Heatmap.MIN_ROW` pixels per row and the label font shrinks
to the row height when rows are narrower than a line of text."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from kcroster.gui import fmt, theme


def _ramp(dark: bool) -> np.ndarray:
    """256 RGB colours from the background tone to the accent and on to a warm peak."""
    stops = ([(0.0, (38, 43, 51)), (0.5, (42, 127, 149)), (1.0, (240, 190, 90))] if dark
             else [(0.0, (246, 248, 250)), (0.5, (91, 179, 201)), (1.0, (21, 76, 121))])
    xs = np.linspace(0, 1, 256)
    out = np.zeros((256, 3), dtype=np.uint8)
    for ch in range(3):
        out[:, ch] = np.interp(xs, [s[0] for s in stops], [s[1][ch] for s in stops]).astype(np.uint8)
    return out


class Heatmap(QWidget):
    """``values[row, col]``; NaN cells are left blank. Rows are labelled, columns are times."""

    LEFT, TOP, BOTTOM, RIGHT = 70, 8, 26, 70
    MIN_ROW = 11  # pixels per row the widget asks for: room for a small label on every day
    MIN_FONT = 8  # smallest label font in pixels

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._values = np.zeros((0, 0))
        self._rows: list[str] = []
        self._col_minutes: Sequence[int] = []
        self._image: QImage | None = None
        self._unit = ""

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    def set_data(self, values: np.ndarray, row_labels: list[str], col_minutes: Sequence[int], unit: str = "") -> None:
        self._values = np.asarray(values, dtype=float)
        self._rows = list(row_labels)
        self._col_minutes = list(col_minutes)
        self._unit = unit
        self._image = self._render()
        self.setMinimumHeight(max(160, self.TOP + self.BOTTOM + self.MIN_ROW * len(self._rows)))
        self.update()

    def _render(self) -> QImage | None:
        v = self._values
        if v.size == 0:
            return None
        finite = np.isfinite(v)
        vmax = float(np.nanmax(np.where(finite, v, np.nan))) if finite.any() else 0.0
        scaled = np.zeros(v.shape) if vmax <= 0 else np.clip(np.nan_to_num(v) / vmax, 0, 1)
        rgb = _ramp(theme.is_dark())[(scaled * 255).astype(np.uint8)]
        rgba = np.concatenate([rgb, np.where(finite, 255, 0).astype(np.uint8)[..., None]], axis=2)
        rgba = np.ascontiguousarray(rgba)
        h, w = v.shape
        img = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888)
        self._vmax = vmax
        return img.copy()  # own the pixels; the numpy buffer goes away

    def _plot_rect(self) -> QRectF:
        return QRectF(self.LEFT, self.TOP, max(1, self.width() - self.LEFT - self.RIGHT),
                      max(1, self.height() - self.TOP - self.BOTTOM))

    def row_label_font(self) -> QFont:
        """The widget font, smaller when a row is lower than its line height (never below
        :attr:`MIN_FONT` pixels)."""
        font = QFont(self.font())
        rh = self._plot_rect().height() / max(1, len(self._rows))
        size = int(rh)
        while QFontMetricsF(font).height() > rh and size > self.MIN_FONT:
            size -= 1
            font.setPixelSize(size)
        return font

    def row_label_rects(self) -> list[tuple[str, QRectF]]:
        """(label, where it is drawn) for every row, top to bottom."""
        r = self._plot_rect()
        rh = r.height() / max(1, len(self._rows))
        return [(label, QRectF(0, r.top() + i * rh, self.LEFT - 6, rh)) for i, label in enumerate(self._rows)]

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        text = pal.windowText().color()
        r = self._plot_rect()
        if self._image is None:
            p.setPen(pal.placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "–")
            return
        p.drawImage(r, self._image)
        p.setPen(text)
        p.setFont(self.row_label_font())
        for label, rect in self.row_label_rects():
            p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        p.setFont(self.font())
        cols = len(self._col_minutes)
        cw = r.width() / max(1, cols)
        for c, m in enumerate(self._col_minutes):
            if m % 120 == 0:
                x = r.left() + c * cw
                p.drawText(QRectF(x - 20, r.bottom() + 4, 40, 16), Qt.AlignmentFlag.AlignHCenter, fmt.hhmm(m))
        # colour scale
        bar = QRectF(r.right() + 14, r.top(), 12, r.height())
        grad = QLinearGradient(bar.bottomLeft(), bar.topLeft())
        ramp = _ramp(theme.is_dark())
        for t in (0.0, 0.5, 1.0):
            c = ramp[int(t * 255)]
            grad.setColorAt(t, QColor(int(c[0]), int(c[1]), int(c[2])))
        p.fillRect(bar, grad)
        p.drawText(QPointF(bar.right() + 4, bar.top() + 10), fmt.num(getattr(self, "_vmax", 0.0), 0))
        p.drawText(QPointF(bar.right() + 4, bar.bottom()), "0")

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        r = self._plot_rect()
        if self._values.size == 0 or not r.contains(pos):
            return None
        row = int((pos.y() - r.top()) / r.height() * self._values.shape[0])
        col = int((pos.x() - r.left()) / r.width() * self._values.shape[1])
        return min(row, self._values.shape[0] - 1), min(col, self._values.shape[1] - 1)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if cell is None:
            QToolTip.hideText()
            return
        row, col = cell
        v = self._values[row, col]
        text = f"{self._rows[row]} {fmt.hhmm(self._col_minutes[col])}: {fmt.num(v, 1)} {self._unit}"
        QToolTip.showText(event.globalPosition().toPoint(), text, self)
