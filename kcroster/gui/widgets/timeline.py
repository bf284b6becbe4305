"""The Wet Poortwachter timeline: milestones from the first sick day, with today marked."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kcroster.gui import fmt, theme
from kcroster.gui.i18n import tr
from kcroster.model.poortwachter import Deadline, DeadlineKind


class PoortwachterTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.deadlines: list[Deadline] = []
        self.first_day: date | None = None
        self.today: date = date.today()

    def sizeHint(self) -> QSize:
        return QSize(500, 110)

    def set_deadlines(self, first_day: date | None, deadlines: list[Deadline], today: date) -> None:
        self.first_day = first_day
        self.deadlines = deadlines
        self.today = today
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.windowText().color()
        if self.first_day is None or not self.deadlines:
            p.setPen(pal.placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("Geen ziekteperiode: geen Poortwachter-termijnen"))
            return
        left, right = 16.0, float(self.width() - 16)
        y = 52.0
        start = self.first_day
        end = max(d.due for d in self.deadlines)
        span = max(1, (end - start).days)

        def X(d: date) -> float:
            return left + (d - start).days / span * (right - left)

        p.setPen(QPen(pal.mid().color(), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(left, y), QPointF(right, y))
        done_pen = QPen(theme.accent(), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        p.setPen(done_pen)
        p.drawLine(QPointF(left, y), QPointF(min(right, max(left, X(self.today))), y))
        milestones = [d for d in self.deadlines if d.kind is not DeadlineKind.EVALUATION]
        evals = [d for d in self.deadlines if d.kind is DeadlineKind.EVALUATION]
        for d in evals:
            p.setPen(QPen(pal.mid().color().darker(130), 1))
            p.drawLine(QPointF(X(d.due), y - 5), QPointF(X(d.due), y + 5))
        small = p.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        last_above = -1e9
        for d in milestones:
            x = X(d.due)
            past = d.due < self.today
            near = 0 <= (d.due - self.today).days <= 14
            colour = QColor(theme.SHORTAGE) if past else (QColor(theme.WARNING) if near else theme.accent())
            p.setPen(QPen(pal.base().color(), 2))
            p.setBrush(colour)
            p.drawEllipse(QPointF(x, y), 6, 6)
            p.setPen(text)
            label = f"{tr('wk')} {d.week}"
            width = p.fontMetrics().horizontalAdvance(label) + 8
            centre = min(x, self.width() - width / 2)  # labels never run off the right edge
            if centre - last_above >= width:  # room above the line; otherwise put it below
                p.drawText(QRectF(centre - width / 2, y - 30, width, 16),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, label)
                last_above = centre
            else:
                p.drawText(QRectF(centre - width / 2, y + 9, width, 16),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        p.setPen(pal.placeholderText().color())
        p.drawText(QRectF(left - 8, y + 26, 160, 16), Qt.AlignmentFlag.AlignLeft, fmt.full_date(start))
        p.drawText(QRectF(right - 152, y + 26, 160, 16), Qt.AlignmentFlag.AlignRight, fmt.full_date(end))
        p.setPen(text)
        tx = X(self.today)
        if left <= tx <= right:
            p.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(tx, y - 14), QPointF(tx, y + 14))
            p.drawText(QRectF(tx - 40, y + 26, 80, 16), Qt.AlignmentFlag.AlignHCenter, tr("vandaag"))
