"""Navigation and app icons drawn with QPainter, in the palette's text colour.

Drawn at run time (not loaded from files) so they follow light and dark mode and stay crisp at
any device-pixel ratio.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

Painter = Callable[[QPainter], None]


def _forecast(p: QPainter) -> None:
    path = QPainterPath(QPointF(3, 19))
    for x, y in ((8, 12), (12, 15), (17, 7), (21, 10)):
        path.lineTo(x, y)
    p.drawPath(path)
    p.drawLine(QPointF(3, 21), QPointF(21, 21))


def _staffing(p: QPainter) -> None:
    for i, h in enumerate((8, 13, 10, 16)):
        x = 4 + i * 4.5
        p.drawRect(QRectF(x, 21 - h, 3, h))


def _person(p: QPainter) -> None:
    p.drawEllipse(QRectF(8, 3.5, 8, 8))
    path = QPainterPath(QPointF(4, 21))
    path.cubicTo(4, 14, 20, 14, 20, 21)
    p.drawPath(path)


def _wishes(p: QPainter) -> None:
    path = QPainterPath(QPointF(12, 20))
    path.cubicTo(2, 13, 4, 4, 12, 8.5)
    path.cubicTo(20, 4, 22, 13, 12, 20)
    p.drawPath(path)


def _roster(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(3, 5, 10, 3.5), 1, 1)
    p.drawRoundedRect(QRectF(8, 10.5, 12, 3.5), 1, 1)
    p.drawRoundedRect(QRectF(5, 16, 9, 3.5), 1, 1)


def _coverage(p: QPainter) -> None:
    p.drawEllipse(QRectF(3, 3, 18, 18))
    p.drawEllipse(QRectF(7.5, 7.5, 9, 9))
    p.drawPoint(QPointF(12, 12))


def _export(p: QPainter) -> None:
    p.drawPolyline([QPointF(8, 10), QPointF(4, 10), QPointF(4, 21), QPointF(20, 21), QPointF(20, 10), QPointF(16, 10)])
    p.drawLine(QPointF(12, 3), QPointF(12, 15))
    p.drawPolyline([QPointF(8, 7), QPointF(12, 3), QPointF(16, 7)])


NAV_ICONS: dict[str, Painter] = {
    "forecast": _forecast,
    "staffing": _staffing,
    "agents": _person,
    "wishes": _wishes,
    "roster": _roster,
    "coverage": _coverage,
    "export": _export,
}


def line_icon(name: str, colour: QColor, size: int = 24) -> QIcon:
    icon = QIcon()
    for scale in (1, 2):
        pm = QPixmap(size * scale, size * scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(scale * size / 24, scale * size / 24)
        pen = QPen(colour, 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        NAV_ICONS[name](p)
        p.end()
        pm.setDevicePixelRatio(scale)
        icon.addPixmap(pm)
    return icon


def paint_app_icon(p: QPainter, size: int) -> None:
    """The app icon: a rounded teal tile with three roster bars (used at run time and by
    ``resources/make_icons.py``)."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#2a7f95"))
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 13 * s, 13 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(12 * s, 16 * s, 26 * s, 8 * s), 3 * s, 3 * s)
    p.setBrush(QColor("#bfe6ef"))
    p.drawRoundedRect(QRectF(22 * s, 28 * s, 30 * s, 8 * s), 3 * s, 3 * s)
    p.setBrush(QColor("#ffd27a"))
    p.drawRoundedRect(QRectF(16 * s, 40 * s, 22 * s, 8 * s), 3 * s, 3 * s)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        paint_app_icon(p, size)
        p.end()
        icon.addPixmap(pm)
    return icon
