"""A small line/step/area chart painted with QPainter from numpy arrays.

Used for volume curves, required vs scheduled agents (with shortage and surplus shaded between two
series), a forecast with its prediction interval (a shaded :class:`Range`), predicted service per
interval and the solver's objective and bound over time.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kcroster.gui import fmt
from kcroster.gui.i18n import tr


@dataclass
class Series:
    name: str
    y: np.ndarray
    colour: QColor
    x: np.ndarray | None = None
    step: bool = False
    width: float = 1.8
    dashed: bool = False
    fill: bool = False  # fill down to zero (translucent)


@dataclass
class Band:
    """Shade between two series: ``above`` colour where a > b, ``below`` where a < b."""

    a: int
    b: int
    above: QColor
    below: QColor


@dataclass
class Range:
    """A shaded range from ``low`` to ``high`` without lines of its own (a P10–P90 band); NaN
    leaves a gap. It is part of the legend under ``name`` and of the y range."""

    name: str
    low: np.ndarray
    high: np.ndarray
    colour: QColor
    x: np.ndarray | None = None
    alpha: int = 70


def nice_step(span: float, ticks: int = 5) -> float:
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / ticks
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


class LineChart(QWidget):
    LEFT, TOP, RIGHT, BOTTOM = 52, 26, 14, 26

    def __init__(self, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = title
        self.series: list[Series] = []
        self.bands: list[Band] = []
        self.ranges: list[Range] = []
        self.x_label: Callable[[float], str] = lambda x: fmt.num(x, 0)
        self.x_ticks: list[float] | None = None
        self.y_format: Callable[[float], str] | None = None  # None: as many decimals as the grid step needs
        self.y_min: float | None = 0.0
        self.y_max: float | None = None
        self.vlines: list[float] = []
        self.placeholder = ""

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    def set_series(
        self, series: list[Series], bands: list[Band] | None = None, ranges: list[Range] | None = None
    ) -> None:
        self.series = series
        self.bands = bands or []
        self.ranges = ranges or []
        self.update()

    def _x_of(self, s: Series) -> np.ndarray:
        return s.x if s.x is not None else np.arange(len(s.y), dtype=float)

    def _ranges(self) -> tuple[float, float, float, float]:
        xs = [self._x_of(s) for s in self.series if len(s.y)]
        ys = [np.asarray(s.y, dtype=float) for s in self.series if len(s.y)]
        ys += [np.asarray(g.high, dtype=float) for g in self.ranges if len(g.high)]
        if not xs:
            return 0.0, 1.0, 0.0, 1.0
        x0 = float(min(x.min() for x in xs))
        x1 = float(max(x.max() for x in xs))
        if any(s.step for s in self.series):
            x1 += 1
        finite = [y[np.isfinite(y)] for y in ys]
        finite = [f for f in finite if f.size]
        y0 = self.y_min if self.y_min is not None else (min(float(f.min()) for f in finite) if finite else 0.0)
        y1 = self.y_max if self.y_max is not None else (max(float(f.max()) for f in finite) if finite else 1.0)
        flat = y1 <= y0
        if flat:
            # one value (a solve that has found one roster so far): a band of 1 % around it on
            # whole numbers, not an axis of tenths around 421 721
            pad = max(1.0, 0.01 * abs(y0))
            y0, y1 = (y0 - pad if self.y_min is None else y0), y1 + pad
        step = nice_step(y1 - y0)
        if flat and self.y_min is None:
            y0 = math.floor(y0 / step) * step
        if self.y_max is None:
            y1 = math.ceil(y1 / step) * step
        return x0, max(x1, x0 + 1e-9), y0, y1

    _SWATCH = 16  # legend: swatch and gap before the name
    _ITEM_GAP = 14  # legend: space between two entries

    def _title_font(self) -> QFont:
        bold = QFont(self.font())
        bold.setBold(True)
        return bold

    def header_layout(self) -> tuple[QRectF, list[tuple[Series | Range, QRectF]], float]:
        """Where the title and each legend entry go, and the plot's top edge.

        The legend sits right of the title when both fit on one line; otherwise it wraps onto
        lines under the title, so a legend never covers the title (or the plot), whatever the
        width of the chart and the length of the names."""
        fm, fm_title = QFontMetricsF(self.font()), QFontMetricsF(self._title_font())
        line = max(20.0, fm.height() + 4)
        right = self.width() - self.RIGHT
        title_w = fm_title.horizontalAdvance(self.title) + 4 if self.title else 0.0
        items: list[Series | Range] = [*self.series, *self.ranges]
        widths = [self._SWATCH + fm.horizontalAdvance(it.name) + 2 for it in items]
        one_line = sum(widths) + self._ITEM_GAP * max(0, len(items) - 1)
        title = QRectF(4, 2, max(1.0, min(title_w, right - 4)), line)
        legend: list[tuple[Series | Range, QRectF]] = []
        if 4 + title_w + 2 * self._ITEM_GAP + one_line <= right:  # all on the title's line, at the right
            x = right - one_line
            for it, w in zip(items, widths, strict=True):
                legend.append((it, QRectF(x, 2, w, line)))
                x += w + self._ITEM_GAP
            return title, legend, float(max(self.TOP, 2 + line + 4))
        y = 2 + (line if self.title else 0.0)
        x = 4.0
        for it, w in zip(items, widths, strict=True):
            if x > 4 and x + w > right:  # next line
                x, y = 4.0, y + line
            legend.append((it, QRectF(x, y, w, line)))
            x += w + self._ITEM_GAP
        bottom = y + line if items else y
        return title, legend, float(max(self.TOP, bottom + 4))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.windowText().color()
        grid = QColor(pal.mid().color())
        grid.setAlpha(120)
        if not any(len(s.y) for s in self.series):
            p.setPen(pal.placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder or tr("Geen gegevens"))
            return
        x0, x1, y0, y1 = self._ranges()
        step = nice_step(y1 - y0)
        decimals = 0 if step >= 1 else (1 if step >= 0.1 else 2)
        y_format = self.y_format or (lambda y: fmt.num(y, decimals))
        y_values = []
        v = math.ceil(y0 / step) * step
        while v <= y1 + 1e-9:
            y_values.append(v)
            v += step
        # the y axis is as wide as its widest label (large objectives need more than the default)
        left = max([self.LEFT] + [p.fontMetrics().horizontalAdvance(y_format(v)) + 12 for v in y_values])
        title_rect, legend, top = self.header_layout()
        r = QRectF(left, top, max(1, self.width() - left - self.RIGHT),
                   max(1, self.height() - top - self.BOTTOM))

        def X(x: np.ndarray | float) -> np.ndarray | float:
            return r.left() + (np.asarray(x, dtype=float) - x0) / (x1 - x0) * r.width()

        def Y(y: np.ndarray | float) -> np.ndarray | float:
            return r.bottom() - (np.asarray(y, dtype=float) - y0) / (y1 - y0) * r.height()

        # title and legend
        p.setPen(text)
        font = p.font()
        p.setFont(self._title_font())
        p.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(font)
        for item, rect in legend:
            mid = rect.center().y()
            if isinstance(item, Range):
                swatch = QColor(item.colour)
                swatch.setAlpha(item.alpha)
                p.fillRect(QRectF(rect.left(), mid - 5, 12, 10), swatch)
            else:
                p.setPen(QPen(item.colour, 3))
                p.drawLine(QPointF(rect.left(), mid), QPointF(rect.left() + 12, mid))
            p.setPen(text)
            p.drawText(rect.adjusted(self._SWATCH, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       item.name)
        # grid and y labels
        for v in y_values:
            y = float(Y(v))
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.setPen(text)
            p.drawText(QRectF(0, y - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       y_format(v))
        # x ticks
        ticks = self.x_ticks if self.x_ticks is not None else list(np.linspace(x0, x1, 7))
        last_right = -1e9
        for t in ticks:
            x = float(X(t))
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
            label = self.x_label(t)
            half = p.fontMetrics().horizontalAdvance(label) / 2 + 4
            lx = min(x - half, self.width() - 2 * half)  # the last label stays inside the widget
            if lx < last_right:  # would overlap the previous label: keep the grid line only
                continue
            p.setPen(text)
            p.drawText(QRectF(lx, r.bottom() + 4, 2 * half, 16), Qt.AlignmentFlag.AlignHCenter, label)
            last_right = lx + 2 * half
        for vx in self.vlines:
            p.setPen(QPen(grid.darker(150), 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(float(X(vx)), r.top()), QPointF(float(X(vx)), r.bottom()))
        p.setClipRect(r.adjusted(-1, -2, 1, 1))
        for band in self.bands:
            self._paint_band(p, band, X, Y)
        for g in self.ranges:
            self._paint_range(p, g, X, Y)
        for s in self.series:
            self._paint_series(p, s, X, Y, r)
        p.setClipping(False)
        p.setPen(QPen(pal.mid().color(), 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())

    def _points(self, s: Series, X: Callable, Y: Callable) -> list[list[QPointF]]:
        """Polyline pieces (NaN breaks a line).

        More points than pixels are merged into per-pixel buckets keeping each bucket's maximum,
        so four weeks of quarter-hours paint as fast as one day and peaks stay visible.
        """
        x = self._x_of(s)
        y = np.asarray(s.y, dtype=float)
        budget = max(50, int(self.width()))
        if len(y) > budget:
            b = int(np.ceil(len(y) / budget))
            n = len(y) // b * b
            if n:
                with np.errstate(all="ignore"):
                    yb = y[:n].reshape(-1, b)
                    has = np.isfinite(yb).any(axis=1)
                    peak = np.where(has, np.nanmax(np.where(np.isfinite(yb), yb, -np.inf), axis=1), np.nan)
                x = np.append(x[:n:b], x[n:])
                y = np.append(peak, y[n:])
                if s.step:
                    x = x.astype(float)
                    widths = np.full(len(x), float(b))
                    widths[len(peak):] = 1.0
                    edges = np.append(x, x[-1] + widths[-1])
                    xs = np.repeat(edges, 2)[1:-1]
                    ys = np.repeat(y, 2)
                    return self._pieces(X(xs), Y(ys), np.isfinite(ys))
        if s.step:
            x = np.repeat(np.append(x, x[-1] + 1) if len(x) else x, 2)[1:-1]
            y = np.repeat(y, 2)
        return self._pieces(X(x), Y(y), np.isfinite(y))

    @staticmethod
    def _pieces(px: np.ndarray, py: np.ndarray, ok: np.ndarray) -> list[list[QPointF]]:
        pieces: list[list[QPointF]] = [[]]
        for a, b, good in zip(np.asarray(px).tolist(), np.asarray(py).tolist(), ok.tolist(), strict=True):
            if good:
                pieces[-1].append(QPointF(a, b))
            elif pieces[-1]:
                pieces.append([])
        return [pc for pc in pieces if pc]

    def _paint_series(self, p: QPainter, s: Series, X: Callable, Y: Callable, r: QRectF) -> None:
        pen = QPen(s.colour, s.width)
        if s.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        for piece in self._points(s, X, Y):
            if s.fill:
                fill = QColor(s.colour)
                fill.setAlpha(55)
                poly = QPolygonF([QPointF(piece[0].x(), r.bottom()), *piece, QPointF(piece[-1].x(), r.bottom())])
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(fill)
                p.drawPolygon(poly)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(QPolygonF(piece))

    def _paint_range(self, p: QPainter, g: Range, X: Callable, Y: Callable) -> None:
        """Fill between ``low`` and ``high`` as steps (one interval wide, like the step series).

        More intervals than pixels are merged per pixel bucket into its lowest low and highest
        high, so the band of eight weeks of quarter-hours paints fast and keeps its extremes.
        """
        lo = np.asarray(g.low, dtype=float)
        hi = np.asarray(g.high, dtype=float)
        x = g.x if g.x is not None else np.arange(len(lo), dtype=float)
        width = np.ones(len(lo))
        budget = max(50, int(self.width()))
        if len(lo) > budget:
            b = int(np.ceil(len(lo) / budget))
            n = len(lo) // b * b
            with np.errstate(all="ignore"):
                lo_b = lo[:n].reshape(-1, b)
                hi_b = hi[:n].reshape(-1, b)
                ok = np.isfinite(lo_b).any(axis=1) & np.isfinite(hi_b).any(axis=1)
                low = np.where(ok, np.nanmin(np.where(np.isfinite(lo_b), lo_b, np.inf), axis=1), np.nan)
                high = np.where(ok, np.nanmax(np.where(np.isfinite(hi_b), hi_b, -np.inf), axis=1), np.nan)
            x = np.append(x[:n:b], x[n:])
            lo, hi = np.append(low, lo[n:]), np.append(high, hi[n:])
            width = np.append(np.full(len(low), float(b)), np.ones(len(lo) - len(low)))
        colour = QColor(g.colour)
        colour.setAlpha(g.alpha)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        good = np.isfinite(lo) & np.isfinite(hi)
        start = 0
        while start < len(lo):
            if not good[start]:
                start += 1
                continue
            end = start
            while end < len(lo) and good[end]:
                end += 1
            left = np.repeat(x[start:end], 2)
            left[1::2] += width[start:end]
            top = [QPointF(float(X(a)), float(Y(v))) for a, v in zip(left, np.repeat(hi[start:end], 2), strict=True)]
            bottom = [QPointF(float(X(a)), float(Y(v))) for a, v in zip(left, np.repeat(lo[start:end], 2), strict=True)]
            p.drawPolygon(QPolygonF(top + bottom[::-1]))
            start = end
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_band(self, p: QPainter, band: Band, X: Callable, Y: Callable) -> None:
        a, b = self.series[band.a], self.series[band.b]
        ya = np.nan_to_num(np.asarray(a.y, dtype=float))
        yb = np.nan_to_num(np.asarray(b.y, dtype=float))
        x = self._x_of(a)
        p.setPen(Qt.PenStyle.NoPen)
        for i in range(len(x)):
            if ya[i] == yb[i]:
                continue
            colour = QColor(band.above if ya[i] > yb[i] else band.below)
            colour.setAlpha(90)
            left, right = float(X(x[i])), float(X(x[i] + 1))
            top, bottom = float(Y(max(ya[i], yb[i]))), float(Y(min(ya[i], yb[i])))
            path = QPainterPath()
            path.addRect(QRectF(left, top, right - left, bottom - top))
            p.fillPath(path, colour)
