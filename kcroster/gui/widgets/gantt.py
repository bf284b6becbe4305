"""The roster Gantt: agents × time, painted from numpy arrays, only the visible rows.

:class:`GanttData` flattens a roster into arrays (one entry per segment, sorted by row, with a
row pointer), so a paint touches only the segments of the rows on screen — 400 agents scroll as
smoothly as 20. :class:`GanttView` paints them, zooms between a day and a week, and turns mouse
drags and key presses into *requests* (move, resize, swap, lock, delete, create) that the roster
screen turns into domain edits. With a shift selected, Left/Right move it by one interval (Shift:
an hour), Up/Down select the agent above/below, Delete removes it and L locks it; a locked shift
that is dragged or key-moved raises :attr:`GanttView.lockedRefused` instead of doing nothing.

Several shifts are selected with Ctrl+click (one more or one less), Shift+click (every shift of
the agents and days between the two), a Ctrl+drag rubber band over empty space, or Ctrl+A; the
keys then act on all of them as one :attr:`GanttView.bulkRequested`. A plain drag over an empty
stretch of a row asks for a new shift there (:attr:`GanttView.createRequested`). Leave,
reintegration days, sick days (:mod:`kcroster.gui.models.gantt_blocks`) and public holidays are
drawn as neutral hatched blocks behind the shifts, so the planner sees why a day is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from kcroster.gui import fmt, theme
from kcroster.gui.i18n import tr
from kcroster.gui.models.gantt_blocks import LEAVE, REINTEGRATION, UNAVAILABLE, Absence
from kcroster.model import BREAK, Roster, Shift
from kcroster.model.timegrid import Horizon

BREAK_CODE = -1
OTHER_CODE = -2


@dataclass
class GanttData:
    agent_ids: list[str]
    agent_names: list[str]
    shifts: list[Shift]
    shift_row: np.ndarray  # [S]
    shift_t0: np.ndarray  # minutes from horizon start, absolute time
    shift_t1: np.ndarray
    shift_locked: np.ndarray  # bool [S]
    seg_row: np.ndarray  # [G] sorted by row
    seg_t0: np.ndarray
    seg_t1: np.ndarray
    seg_code: np.ndarray  # queue index, BREAK_CODE or OTHER_CODE
    seg_shift: np.ndarray  # index into shifts
    row_ptr: np.ndarray  # [R + 1] segment index range of each row
    shift_row_ptr: np.ndarray  # [R + 1] into shift order sorted by row
    shift_order: np.ndarray  # shift indices sorted by (row, t0)
    total_minutes: float
    # why a row is empty: absence blocks sorted by row (minutes like the shifts) and holidays
    blocks: list[Absence]
    block_row: np.ndarray  # [B]
    block_t0: np.ndarray
    block_t1: np.ndarray
    block_row_ptr: np.ndarray  # [R + 1] block index range of each row
    holidays: dict[int, str]  # day index -> the holiday's name
    index: dict[tuple[str, date], int]  # (agent, day) -> shift index

    @classmethod
    def build(cls, roster: Roster | None, agent_ids: list[str], agent_names: list[str], queue_names: list[str],
              horizon: Horizon, absences: list[Absence] | None = None,
              holidays: dict[date, str] | None = None) -> GanttData:
        """The arrays of ``roster`` for the agents in ``agent_ids`` (their rows, in that order),
        with ``absences`` of those agents as blocks and ``holidays`` as whole-day bands."""
        row_of = {a: i for i, a in enumerate(agent_ids)}
        code_of = {q: i for i, q in enumerate(queue_names)}
        t_start = float(horizon.starts_utc[0]) if horizon.n_intervals else 0.0
        shifts = [s for s in (roster.shifts if roster else []) if s.agent_id in row_of]
        s_row, s_t0, s_t1, s_lock = [], [], [], []
        g_row, g_t0, g_t1, g_code, g_shift = [], [], [], [], []
        for i, s in enumerate(shifts):
            row = row_of[s.agent_id]
            s_row.append(row)
            s_t0.append((s.start.timestamp() - t_start) / 60.0)
            s_t1.append((s.end.timestamp() - t_start) / 60.0)
            s_lock.append(s.locked)
            for seg in s.segments:
                g_row.append(row)
                g_t0.append((seg.start.timestamp() - t_start) / 60.0)
                g_t1.append((seg.end.timestamp() - t_start) / 60.0)
                g_code.append(BREAK_CODE if seg.activity == BREAK else code_of.get(seg.activity, OTHER_CODE))
                g_shift.append(i)
        n_rows = len(agent_ids)
        seg_row = np.asarray(g_row, dtype=np.int32)
        order = np.argsort(seg_row, kind="stable")
        shift_row = np.asarray(s_row, dtype=np.int32)
        s_t0a = np.asarray(s_t0, dtype=float)
        shift_order = np.lexsort((s_t0a, shift_row)) if len(shifts) else np.zeros(0, dtype=np.int64)
        blocks = sorted(
            (b for b in absences or [] if b.agent_id in row_of), key=lambda b: (row_of[b.agent_id], b.start)
        )
        block_row = np.asarray([row_of[b.agent_id] for b in blocks], dtype=np.int32)
        return cls(
            agent_ids=list(agent_ids),
            agent_names=list(agent_names),
            shifts=shifts,
            shift_row=shift_row,
            shift_t0=s_t0a,
            shift_t1=np.asarray(s_t1, dtype=float),
            shift_locked=np.asarray(s_lock, dtype=bool),
            seg_row=seg_row[order],
            seg_t0=np.asarray(g_t0, dtype=float)[order],
            seg_t1=np.asarray(g_t1, dtype=float)[order],
            seg_code=np.asarray(g_code, dtype=np.int32)[order],
            seg_shift=np.asarray(g_shift, dtype=np.int32)[order],
            row_ptr=np.searchsorted(seg_row[order], np.arange(n_rows + 1)),
            shift_row_ptr=np.searchsorted(shift_row[shift_order], np.arange(n_rows + 1)),
            shift_order=shift_order,
            total_minutes=horizon.n_intervals * horizon.interval_minutes,
            blocks=blocks,
            block_row=block_row,
            block_t0=np.asarray([(b.start.timestamp() - t_start) / 60.0 for b in blocks], dtype=float),
            block_t1=np.asarray([(b.end.timestamp() - t_start) / 60.0 for b in blocks], dtype=float),
            block_row_ptr=np.searchsorted(block_row, np.arange(n_rows + 1)),
            holidays={horizon.day_index(d): name for d, name in (holidays or {}).items()
                      if horizon.start <= d < horizon.end},
            index={(s.agent_id, s.day): k for k, s in enumerate(shifts)},
        )


@dataclass
class _Drag:
    shift: int
    mode: str  # 'move' | 'start' | 'end'
    origin: QPointF
    delta_min: float = 0.0
    target_row: int = -1


@dataclass
class _Draw:
    """A new shift being drawn on an empty stretch of ``row``: minutes from the horizon start."""

    row: int
    anchor: float
    other: float

    def bounds(self) -> tuple[float, float]:
        return min(self.anchor, self.other), max(self.anchor, self.other)


def block_word(kind: str) -> str:
    """The neutral word an absence block (or a public holiday: ``holiday``) reads."""
    return {LEAVE: tr("Verlof"), REINTEGRATION: tr("Re-integratie"), UNAVAILABLE: tr("Niet beschikbaar"),
            "holiday": tr("Feestdag")}[kind]


class GanttView(QAbstractScrollArea):
    """Roster Gantt. Signals carry domain keys; the screen applies the edits."""

    moveRequested = Signal(str, object, object, object, object)  # agent, day, new_start, new_end, new_agent|None
    swapRequested = Signal(str, str, object)  # agent a, agent b, day
    lockRequested = Signal(str, object, bool)  # agent, day, locked
    contextRequested = Signal(str, object, QPoint)  # agent, day (of the shift, or the empty day), global pos
    selectionChanged = Signal(object)  # (agent, day) or None
    deleteRequested = Signal(str, object)  # agent, day
    lockedRefused = Signal(str, object)  # agent, day: a locked shift was dragged or key-moved
    createRequested = Signal(str, object, object, object)  # agent, day, start, end: drawn on an empty day
    bulkRequested = Signal(str, object, object)  # 'delete' | 'lock' | 'move', [(agent, day)], locked | minutes
    bulkContextRequested = Signal(object, QPoint)  # [(agent, day)] of the selection, global pos

    ROW_H = 24
    HEADER_H = 44
    NAME_W = 190
    EDGE_PX = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.data: GanttData | None = None
        self.horizon: Horizon | None = None
        self.queue_colours: list[QColor] = []
        self.zoom = "week"
        self.flagged_agents: set[str] = set()
        self.selected: tuple[str, date] | None = None  # the current shift: keys and the status bar follow it
        self.selection: set[tuple[str, date]] = set()  # every selected shift, the current one included
        self._drag: _Drag | None = None
        self._draw: _Draw | None = None
        self._band: QRectF | None = None  # the rubber band, viewport coordinates
        self._band_base: set[tuple[str, date]] = set()  # what stays selected besides the band (Ctrl)
        self._locked_press: tuple[int, QPointF] | None = None  # a press on a locked shift
        self.context_minute = 0.0  # where the last right-click was (minutes from the horizon start)
        self._snap = 15
        self.last_paint_rows = 0

    # -- data ----------------------------------------------------------------------------------
    def set_data(self, data: GanttData, horizon: Horizon, queue_colours: list[QColor]) -> None:
        self.data = data
        self.horizon = horizon
        self._snap = horizon.interval_minutes
        self.queue_colours = queue_colours
        self._update_scrollbars()
        self.viewport().update()

    def set_zoom(self, zoom: str) -> None:
        """'day' shows one day across the width, 'week' seven; keeps the left edge's time."""
        left_min = self._minute_at(self.NAME_W)
        self.zoom = zoom
        self._update_scrollbars()
        self.horizontalScrollBar().setValue(int(left_min * self.px_per_min))
        self.viewport().update()

    def scroll_to_day(self, d: int) -> None:
        self.horizontalScrollBar().setValue(int(d * 1440 * self.px_per_min))

    @property
    def px_per_min(self) -> float:
        days = 1 if self.zoom == "day" else 7
        return max(1.0, self.viewport().width() - self.NAME_W) / (1440.0 * days)

    def sizeHint(self) -> QSize:
        return QSize(900, 500)

    def _update_scrollbars(self) -> None:
        if self.data is None:
            return
        vh = self.viewport().height() - self.HEADER_H
        self.verticalScrollBar().setRange(0, max(0, len(self.data.agent_ids) * self.ROW_H - vh))
        self.verticalScrollBar().setPageStep(max(1, vh))
        self.verticalScrollBar().setSingleStep(self.ROW_H)
        vw = self.viewport().width() - self.NAME_W
        total = int(self.data.total_minutes * self.px_per_min)
        self.horizontalScrollBar().setRange(0, max(0, total - vw))
        self.horizontalScrollBar().setPageStep(max(1, vw))
        self.horizontalScrollBar().setSingleStep(max(1, int(60 * self.px_per_min)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    # -- geometry ------------------------------------------------------------------------------
    def _x(self, minute: float) -> float:
        return self.NAME_W + minute * self.px_per_min - self.horizontalScrollBar().value()

    def _minute_at(self, x: float) -> float:
        return (x - self.NAME_W + self.horizontalScrollBar().value()) / self.px_per_min

    def _row_at(self, y: float) -> int:
        return int((y - self.HEADER_H + self.verticalScrollBar().value()) // self.ROW_H)

    def _row_y(self, row: int) -> int:
        return self.HEADER_H + row * self.ROW_H - self.verticalScrollBar().value()

    def visible_rows(self) -> tuple[int, int]:
        if self.data is None:
            return 0, 0
        first = max(0, self.verticalScrollBar().value() // self.ROW_H)
        last = min(len(self.data.agent_ids), first + (self.viewport().height() - self.HEADER_H) // self.ROW_H + 2)
        return first, last

    def shift_at(self, pos: QPointF) -> tuple[int, str] | None:
        """(shift index, 'move'|'start'|'end') under a viewport position."""
        d = self.data
        if d is None or pos.x() < self.NAME_W or pos.y() < self.HEADER_H:
            return None
        row = self._row_at(pos.y())
        if not 0 <= row < len(d.agent_ids):
            return None
        minute = self._minute_at(pos.x())
        for k in d.shift_order[d.shift_row_ptr[row]:d.shift_row_ptr[row + 1]]:
            t0, t1 = d.shift_t0[k], d.shift_t1[k]
            x0, x1 = self._x(t0), self._x(t1)
            if x0 - 2 <= pos.x() <= x1 + 2:
                if pos.x() - x0 <= self.EDGE_PX:
                    return int(k), "start"
                if x1 - pos.x() <= self.EDGE_PX:
                    return int(k), "end"
                if t0 <= minute <= t1:
                    return int(k), "move"
        return None

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        pal = self.palette()
        base = pal.base().color()
        text = pal.text().color()
        grid = QColor(pal.mid().color())
        vw, vh = self.viewport().width(), self.viewport().height()
        p.fillRect(0, 0, vw, vh, base)
        d, hz = self.data, self.horizon
        if d is None or hz is None:
            p.setPen(pal.placeholderText().color())
            p.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, tr("Nog geen rooster"))
            return
        first, last = self.visible_rows()
        self.last_paint_rows = last - first
        ppm = self.px_per_min
        m0 = self._minute_at(self.NAME_W)
        m1 = self._minute_at(vw)
        alt = pal.alternateBase().color()
        # row stripes and weekends
        for row in range(first, last):
            if row % 2:
                p.fillRect(QRect(self.NAME_W, self._row_y(row), vw - self.NAME_W, self.ROW_H), alt)
        weekend = QColor(theme.accent())
        weekend.setAlpha(18)
        day0 = max(0, int(m0 // 1440))
        day1 = min(hz.days, int(m1 // 1440) + 1)
        for di in range(day0, day1):
            if hz.dates[di].weekday() >= 5:
                p.fillRect(QRectF(self._x(di * 1440), self.HEADER_H, 1440 * ppm, vh), weekend)
        self._paint_blocks(p, text)
        # hour grid (one batched call per colour: a line per call is slow on raster paint engines)
        hour_step = 60 if ppm * 60 >= 40 else (180 if ppm * 180 >= 40 else 360)
        light = QColor(grid)
        light.setAlpha(70)
        hs = self.horizontalScrollBar().value()
        minutes = np.arange((int(m0) // hour_step) * hour_step, m1 + 1, hour_step)
        xs = self.NAME_W + minutes * ppm - hs
        ok = xs >= self.NAME_W
        for mask, colour in ((ok & (minutes % 1440 != 0), light), (ok & (minutes % 1440 == 0), grid)):
            rects = [QRectF(x, self.HEADER_H, 1.0, vh) for x in xs[mask].tolist()]
            if rects:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(colour)
                p.drawRects(rects)
        # segments of the visible rows only, coordinates computed with numpy, one call per colour
        lo, hi = int(d.row_ptr[first]), int(d.row_ptr[last])
        drag_shift = self._drag.shift if self._drag else -1
        bar_h = self.ROW_H - 8
        if hi > lo:
            t0 = d.seg_t0[lo:hi]
            t1 = d.seg_t1[lo:hi]
            vis = np.nonzero((t1 > m0) & (t0 < m1) & (d.seg_shift[lo:hi] != drag_shift))[0] + lo
            x0 = self.NAME_W + d.seg_t0[vis] * ppm - hs
            w = np.maximum(1.0, (d.seg_t1[vis] - d.seg_t0[vis]) * ppm)
            y = self.HEADER_H + d.seg_row[vis] * self.ROW_H - self.verticalScrollBar().value() + 4
            codes = d.seg_code[vis]
            brk = theme.break_colour()
            other = QColor(grid)
            p.setPen(Qt.PenStyle.NoPen)
            for code in np.unique(codes).tolist():
                colour = brk if code == BREAK_CODE else (
                    other if code < 0 or not self.queue_colours else self.queue_colours[code % len(self.queue_colours)])
                m = codes == code
                p.setBrush(colour)
                p.drawRects(
                    [
                        QRectF(a, b, c, bar_h)
                        for a, b, c in zip(x0[m].tolist(), y[m].tolist(), w[m].tolist(), strict=True)
                    ]
                )
            # shift outlines: lock and selection
            ks = d.shift_order[d.shift_row_ptr[first]:d.shift_row_ptr[last]]
            chosen = self.selected_indices()
            ks = ks[d.shift_locked[ks] | np.isin(ks, list(chosen))]
            for k in ks.tolist():
                if d.shift_t1[k] < m0 or d.shift_t0[k] > m1 or k == drag_shift:
                    continue
                sel = k in chosen
                rect = QRectF(self._x(d.shift_t0[k]), self._row_y(int(d.shift_row[k])) + 3,
                              (d.shift_t1[k] - d.shift_t0[k]) * ppm, bar_h + 2)
                p.setBrush(Qt.BrushStyle.NoBrush)
                if sel:
                    p.setPen(QPen(text, 2))
                    p.drawRect(rect)
                if d.shift_locked[k]:
                    p.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
                    p.drawRect(rect.adjusted(1, 1, -1, -1))
                    self._paint_lock(p, rect, text)
        self._paint_times(p)
        if self._drag is not None:
            self._paint_drag(p, text)
        if self._draw is not None:
            self._paint_new(p, text)
        if self._band is not None:
            fill = QColor(theme.accent())
            fill.setAlpha(40)
            p.setBrush(fill)
            p.setPen(QPen(theme.accent(), 1, Qt.PenStyle.DashLine))
            p.drawRect(self._band)
        self._paint_header(p, hz, m0, m1, hour_step, text, grid)
        self._paint_names(p, first, last, text, grid)

    def bar_labels(self) -> list[tuple[int, QRectF, str, int]]:
        """(shift index, rectangle, "08:00–16:30", queue code) for each visible shift whose
        longest work block has room for its local start and end time — only in day zoom, where
        the planner reads times off the bars instead of hovering for a tooltip. The text sits in
        that block so it never covers a break or another queue; a shift without room gets none."""
        d, hz = self.data, self.horizon
        if d is None or hz is None or self.zoom != "day":
            return []
        first, last = self.visible_rows()
        m0, m1 = self._minute_at(self.NAME_W), self._minute_at(self.viewport().width())
        metrics = self.fontMetrics()
        drag_shift = self._drag.shift if self._drag else -1
        lo, hi = int(d.row_ptr[first]), int(d.row_ptr[last])
        longest: dict[int, int] = {}  # shift -> its longest non-break segment
        for g in range(lo, hi):
            k = int(d.seg_shift[g])
            if d.seg_code[g] != BREAK_CODE and (k not in longest or d.seg_t1[g] - d.seg_t0[g]
                                                  > d.seg_t1[longest[k]] - d.seg_t0[longest[k]]):
                longest[k] = g
        out = []
        for k, g in longest.items():
            if d.shift_t1[k] < m0 or d.shift_t0[k] > m1 or k == drag_shift:
                continue
            s = d.shifts[k]
            label = f"{fmt.clock(s.start.astimezone(hz.tz))}–{fmt.clock(s.end.astimezone(hz.tz))}"
            rect = QRectF(self._x(d.seg_t0[g]), self._row_y(int(d.shift_row[k])) + 4,
                          (d.seg_t1[g] - d.seg_t0[g]) * self.px_per_min, self.ROW_H - 8)
            room = rect.width() - 8
            if d.shift_locked[k] and d.seg_t1[g] == d.shift_t1[k]:
                room -= 14  # the lock icon sits at the shift's right end
            if metrics.horizontalAdvance(label) <= room:
                out.append((k, rect, label, int(d.seg_code[g])))
        return out

    def _paint_times(self, p: QPainter) -> None:
        """The times of :meth:`bar_labels`, in black or white, whichever reads on the block."""
        for _k, rect, label, code in self.bar_labels():
            bar = self.queue_colours[code % len(self.queue_colours)] if code >= 0 and self.queue_colours \
                else QColor(self.palette().mid().color())
            p.setPen(QColor("#000000") if bar.lightnessF() > 0.55 else QColor("#ffffff"))
            p.drawText(rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)

    def _selected_index(self) -> int:
        d = self.data
        if self.selected is None or d is None:
            return -1
        return d.index.get(self.selected, -1)

    def selected_indices(self) -> set[int]:
        """Shift indices of the whole selection that are on screen (shown agents)."""
        d = self.data
        if d is None:
            return set()
        return {d.index[key] for key in self.selection | ({self.selected} if self.selected else set())
                if key in d.index}

    def selected_keys(self) -> list[tuple[str, date]]:
        """(agent, day) of every selected shift shown, in row and time order."""
        d = self.data
        if d is None:
            return []
        chosen = self.selected_indices()
        return [self._key(int(k)) for k in d.shift_order.tolist() if int(k) in chosen]

    def set_selection(self, keys: set[tuple[str, date]], current: tuple[str, date] | None = None) -> None:
        """Select ``keys``; ``current`` (default: one of them) is the shift the keys and status follow."""
        self.selection = set(keys)
        if current is not None:
            self.selection.add(current)
        self.selected = current if current is not None else (min(self.selection) if self.selection else None)
        self.selectionChanged.emit(self.selected)
        self.viewport().update()

    # -- absence blocks ------------------------------------------------------------------------
    def _day_minutes(self, di: int) -> tuple[float, float]:
        """Minutes from the horizon start of day ``di``'s local midnight and the next one."""
        assert self.horizon is not None
        iv = self.horizon.interval_minutes
        return float(self.horizon.day_offsets[di] * iv), float(self.horizon.day_offsets[di + 1] * iv)

    def block_items(self) -> list[tuple[int, QRectF, str, str]]:
        """(row, rectangle, kind, word) of every absence block on screen, and of each public
        holiday a band over all rows (row -1, kind ``holiday``): what :meth:`paintEvent` draws
        behind the shifts. The word is the block's neutral name in the UI language."""
        d, hz = self.data, self.horizon
        if d is None or hz is None:
            return []
        first, last = self.visible_rows()
        m0, m1 = self._minute_at(self.NAME_W), self._minute_at(self.viewport().width())
        ppm = self.px_per_min
        out: list[tuple[int, QRectF, str, str]] = []
        rows_bottom = min(self.viewport().height(), self._row_y(len(d.agent_ids)))
        for di, _name in sorted(d.holidays.items()):
            t0, t1 = self._day_minutes(di)
            if t1 > m0 and t0 < m1:
                out.append((-1, QRectF(self._x(t0), self.HEADER_H, (t1 - t0) * ppm, rows_bottom - self.HEADER_H),
                            "holiday", block_word("holiday")))
        for b in range(int(d.block_row_ptr[first]), int(d.block_row_ptr[last])):
            t0, t1 = max(0.0, float(d.block_t0[b])), min(d.total_minutes, float(d.block_t1[b]))
            if t1 <= m0 or t0 >= m1 or t1 <= t0:
                continue
            row = int(d.block_row[b])
            kind = d.blocks[b].kind
            out.append((row, QRectF(self._x(t0), self._row_y(row) + 2, (t1 - t0) * ppm, self.ROW_H - 4),
                        kind, block_word(kind)))
        return out

    def _paint_blocks(self, p: QPainter, text: QColor) -> None:
        """The blocks of :meth:`block_items` in one neutral grey with a hatch, whatever the
        reason (no colour tells a colleague more than the word does), the word where it fits."""
        neutral = QColor(self.palette().mid().color())
        p.setClipRect(QRect(self.NAME_W, self.HEADER_H, self.viewport().width(), self.viewport().height()))
        metrics = self.fontMetrics()
        for row, rect, _kind, word in self.block_items():
            fill = QColor(neutral)
            fill.setAlpha(30 if row < 0 else 55)
            hatch = QColor(neutral)
            hatch.setAlpha(90 if row < 0 else 130)
            p.setPen(Qt.PenStyle.NoPen)
            p.fillRect(rect, fill)
            p.fillRect(rect, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            if row >= 0 and metrics.horizontalAdvance(word) + 8 <= rect.width():
                p.setPen(text)
                visible = rect.intersected(QRectF(self.NAME_W, rect.top(), self.viewport().width(), rect.height()))
                p.drawText(visible, Qt.AlignmentFlag.AlignCenter, word)
        p.setClipping(False)

    def block_at(self, pos: QPointF) -> tuple[int, str, str] | None:
        """(block index or -1 for a holiday, kind, tooltip text) under a viewport position."""
        d, hz = self.data, self.horizon
        if d is None or hz is None or pos.x() < self.NAME_W or pos.y() < self.HEADER_H:
            return None
        row, minute = self._row_at(pos.y()), self._minute_at(pos.x())
        if 0 <= row < len(d.agent_ids):
            for b in range(int(d.block_row_ptr[row]), int(d.block_row_ptr[row + 1])):
                if d.block_t0[b] <= minute < d.block_t1[b]:
                    blk = d.blocks[b]
                    when = (f"{fmt.day(blk.start.astimezone(hz.tz).date())} {fmt.clock(blk.start.astimezone(hz.tz))} – "
                            f"{fmt.day(blk.end.astimezone(hz.tz).date())} {fmt.clock(blk.end.astimezone(hz.tz))}")
                    detail = f" ({blk.detail})" if blk.detail and blk.detail.casefold() != "verlof" else ""
                    return b, blk.kind, f"{d.agent_names[row]} · {block_word(blk.kind)}{detail} · {when}"
        di = self._day_index_at(minute)
        if di is not None and di in d.holidays:
            return -1, "holiday", f"{block_word('holiday')}: {d.holidays[di]}"
        return None

    def _day_index_at(self, minute: float) -> int | None:
        """The horizon day (index) whose local day holds ``minute`` (DST days are 23 or 25 h)."""
        hz = self.horizon
        if hz is None or not 0 <= minute < hz.n_intervals * hz.interval_minutes:
            return None
        return int(np.searchsorted(hz.day_offsets, minute / hz.interval_minutes, side="right") - 1)

    def _paint_lock(self, p: QPainter, rect: QRectF, colour: QColor) -> None:
        if rect.width() < 24:
            return
        x, y = rect.right() - 12, rect.top() + 4
        p.setPen(QPen(colour, 1.2))
        p.setBrush(colour)
        p.drawRect(QRectF(x, y + 4, 8, 6))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawArc(QRectF(x + 1.5, y, 5, 8), 0, 180 * 16)

    def _paint_new(self, p: QPainter, text: QColor) -> None:
        """The shift being drawn: its rectangle and local times."""
        assert self._draw is not None and self.horizon is not None
        t0, t1 = self._draw.bounds()
        rect = QRectF(
            self._x(t0), self._row_y(self._draw.row) + 3, max(1.0, (t1 - t0) * self.px_per_min), self.ROW_H - 6
        )
        fill = QColor(theme.accent())
        fill.setAlpha(90)
        p.fillRect(rect, fill)
        p.setPen(QPen(text, 1.5, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)
        a, b = self._moment(t0), self._moment(t1)
        p.drawText(rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, f"{fmt.clock(a)}–{fmt.clock(b)}")

    def _moment(self, minute: float) -> datetime:
        """The local moment ``minute`` minutes after the horizon start (absolute time)."""
        assert self.horizon is not None
        return datetime.fromtimestamp(float(self.horizon.starts_utc[0]) + minute * 60.0, self.horizon.tz)

    def _paint_drag(self, p: QPainter, text: QColor) -> None:
        d = self.data
        assert d is not None and self._drag is not None
        k = self._drag.shift
        t0, t1 = self._drag_bounds()
        row = self._drag.target_row if self._drag.mode == "move" else int(d.shift_row[k])
        rect = QRectF(self._x(t0), self._row_y(row) + 3, (t1 - t0) * self.px_per_min, self.ROW_H - 6)
        fill = QColor(theme.accent())
        fill.setAlpha(140)
        p.fillRect(rect, fill)
        p.setPen(QPen(text, 1.5))
        p.drawRect(rect)
        p.drawText(rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                   f"{fmt.hhmm(int(t0) % 1440)}–{fmt.hhmm(int(t1) % 1440)}")

    def day_header(self, di: int, first_shown: int = 0, short: bool = False) -> str:
        """The header of day ``di``: ``ma 19-04-2027``, with its ISO week number in front
        (``wk 16 · ma 19-04-2027``) on a Monday, on the horizon's first day and on the leftmost
        day in view (``first_shown``), so a scrolled view always says which week it shows.
        ``short`` leaves the year out (``wk 16 · ma 19-04``), for a day column too narrow."""
        assert self.horizon is not None
        d = self.horizon.dates[di]
        label = f"{fmt.weekday(d)} {fmt.day(d).split(' ', 1)[1] if short else fmt.full_date(d)}"
        if di in (0, first_shown) or d.weekday() == 0:
            label = f"wk {d.isocalendar()[1]} · {label}"
        return label

    def _paint_header(self, p: QPainter, hz: Horizon, m0: float, m1: float, hour_step: int, text: QColor,
                      grid: QColor) -> None:
        vw = self.viewport().width()
        p.fillRect(QRect(0, 0, vw, self.HEADER_H), self.palette().window().color())
        p.setPen(QPen(grid, 1))
        p.drawLine(0, self.HEADER_H - 1, vw, self.HEADER_H - 1)
        p.setPen(text)
        bold = QFont(p.font())
        bold.setBold(True)
        normal = QFont(p.font())
        small = QFont(p.font())
        small.setPointSizeF(max(6.0, normal.pointSizeF() * 0.85))
        first_shown = max(0, int(m0 // 1440))
        for di in range(first_shown, min(hz.days, int(m1 // 1440) + 1)):
            x0 = max(self._x(di * 1440), self.NAME_W)
            x1 = self._x((di + 1) * 1440)
            p.setFont(bold)
            label = self.day_header(di, first_shown)
            width = max(0.0, x1 - x0 - 4)
            if p.fontMetrics().horizontalAdvance(label) > width:
                label = self.day_header(di, first_shown, short=True)
            if self.data is not None and di in self.data.holidays:
                # the holiday's name matters more than the year: it replaces the date when short of room
                name = self.data.holidays[di]
                label = next((t for t in (f"{label} · {block_word('holiday')}: {name}", f"{label} · {name}")
                              if p.fontMetrics().horizontalAdvance(t) <= width),
                             f"{fmt.weekday(hz.dates[di])} {name}")
            p.drawText(QRectF(x0 + 4, 2, width, 20), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       p.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(width)))
        p.setFont(small)
        label_step = hour_step if hour_step * self.px_per_min >= 36 else hour_step * 2
        h = (int(m0) // label_step) * label_step
        while h <= m1:
            x = self._x(h)
            if x >= self.NAME_W:
                p.drawText(QRectF(x - 18, 22, 36, 18), Qt.AlignmentFlag.AlignCenter, fmt.hhmm(h % 1440))
            h += label_step
        p.setFont(normal)

    def _paint_names(self, p: QPainter, first: int, last: int, text: QColor, grid: QColor) -> None:
        d = self.data
        assert d is not None
        vh = self.viewport().height()
        win = self.palette().window().color()
        p.fillRect(QRect(0, 0, self.NAME_W, vh), win)
        p.setPen(text)
        bold = QFont(p.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRect(10, 0, self.NAME_W - 10, self.HEADER_H), Qt.AlignmentFlag.AlignVCenter, tr("Medewerker"))
        p.setFont(QFont(self.font()))
        p.setClipRect(QRect(0, self.HEADER_H, self.NAME_W, vh))
        for row in range(first, last):
            y = self._row_y(row)
            aid = d.agent_ids[row]
            if aid in self.flagged_agents:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(theme.SHORTAGE))
                p.drawEllipse(QRectF(6, y + self.ROW_H / 2 - 3.5, 7, 7))
            p.setPen(text)
            p.drawText(QRect(18, y, self.NAME_W - 22, self.ROW_H), Qt.AlignmentFlag.AlignVCenter,
                       p.fontMetrics().elidedText(d.agent_names[row], Qt.TextElideMode.ElideRight, self.NAME_W - 24))
        p.setClipping(False)
        p.setPen(QPen(grid, 1))
        p.drawLine(self.NAME_W - 1, 0, self.NAME_W - 1, vh)

    # -- interaction ---------------------------------------------------------------------------
    def _drag_bounds(self, drag: _Drag | None = None) -> tuple[float, float]:
        d, drag = self.data, drag or self._drag
        assert d is not None and drag is not None
        t0, t1 = float(d.shift_t0[drag.shift]), float(d.shift_t1[drag.shift])
        if drag.mode == "move":
            return t0 + drag.delta_min, t1 + drag.delta_min
        if drag.mode == "start":
            return min(t0 + drag.delta_min, t1 - self._snap), t1
        return t0, max(t1 + drag.delta_min, t0 + self._snap)

    def _key(self, k: int) -> tuple[str, date]:
        assert self.data is not None
        s = self.data.shifts[k]
        return s.agent_id, s.day

    def _empty_row_at(self, pos: QPointF) -> int | None:
        """The row under ``pos`` when it lies in the time area of a row (not a header or name)."""
        d = self.data
        if d is None or pos.x() < self.NAME_W or pos.y() < self.HEADER_H:
            return None
        row = self._row_at(pos.y())
        return row if 0 <= row < len(d.agent_ids) else None

    def _snapped(self, minute: float) -> float:
        """``minute`` on the interval grid, within the horizon."""
        assert self.data is not None
        return min(max(0.0, round(minute / self._snap) * self._snap), self.data.total_minutes)

    def _keys_between(self, a: tuple[str, date], b: tuple[str, date]) -> set[tuple[str, date]]:
        """Every shown shift of the agents from ``a``'s row to ``b``'s on the days from ``a``'s
        to ``b``'s (Shift+click)."""
        d = self.data
        assert d is not None
        rows = [d.agent_ids.index(k[0]) for k in (a, b) if k[0] in d.agent_ids]
        if len(rows) < 2:
            return {b}
        r0, r1 = sorted(rows)
        d0, d1 = sorted((a[1], b[1]))
        return {key for key, k in d.index.items() if d0 <= key[1] <= d1 and r0 <= int(d.shift_row[k]) <= r1}

    def _keys_in_band(self, band: QRectF) -> set[tuple[str, date]]:
        """Every shown shift whose bar the rubber band touches."""
        d = self.data
        assert d is not None
        out = set()
        lo, hi = self._minute_at(band.left()), self._minute_at(band.right())
        r0, r1 = self._row_at(band.top()), self._row_at(band.bottom())
        for k, s in enumerate(d.shifts):
            if r0 <= int(d.shift_row[k]) <= r1 and d.shift_t0[k] < hi and d.shift_t1[k] > lo:
                out.add((s.agent_id, s.day))
        return out

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Left: select (Ctrl toggles, Shift spans from the current shift) and start a drag of
        the shift, a Ctrl/Shift rubber band over empty space, or a new shift drawn on an empty
        stretch. Right: the menu of the shift, of the selection, or of the empty day."""
        pos = event.position()
        hit = self.shift_at(pos)
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        span = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)  # the arrow keys act on this selection
            self._locked_press = None
            if hit and self.data is not None:
                key = self._key(hit[0])
                if ctrl:
                    chosen = self.selection ^ {key}
                    self.set_selection(chosen, key if key in chosen else None)
                    return
                if span and self.selected is not None:
                    self.set_selection(self._keys_between(self.selected, key) | {self.selected}, self.selected)
                    return
                self.set_selection({key}, key)
                if self.data.shift_locked[hit[0]]:
                    self._locked_press = (hit[0], pos)
                else:
                    self._drag = _Drag(hit[0], hit[1], pos, target_row=int(self.data.shift_row[hit[0]]))
                return
            row = self._empty_row_at(pos)
            if ctrl or span:
                self._band = QRectF(pos, pos)
                self._band_base = set(self.selection) if ctrl else set()
            else:
                self.set_selection(set())
                if row is not None:
                    m = self._snapped(self._minute_at(pos.x()))
                    self._draw = _Draw(row, m, m)
            self.viewport().update()
        elif event.button() == Qt.MouseButton.RightButton:
            self.context_minute = self._minute_at(pos.x())
            gpos = event.globalPosition().toPoint()
            if hit:
                key = self._key(hit[0])
                if key in self.selection and len(self.selection) > 1:
                    self.selected = key
                    self.viewport().update()
                    self.bulkContextRequested.emit(self.selected_keys(), gpos)
                    return
                self.set_selection({key}, key)
                self.contextRequested.emit(key[0], key[1], gpos)
                return
            row = self._empty_row_at(pos)
            di = self._day_index_at(self.context_minute)
            self.set_selection(set())
            if row is not None and di is not None and self.data is not None and self.horizon is not None:
                self.contextRequested.emit(self.data.agent_ids[row], self.horizon.dates[di], gpos)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        pos = event.position()
        if self._locked_press is not None:
            k, origin = self._locked_press
            if (pos - origin).manhattanLength() >= 4:  # a drag, not a click's jitter
                self._locked_press = None
                self.lockedRefused.emit(*self._key(k))
            return
        if self._draw is not None:
            self._draw.other = self._snapped(self._minute_at(pos.x()))
            self.viewport().update()
            return
        if self._band is not None:
            self._band = QRectF(self._band.topLeft(), pos)
            self.viewport().update()
            return
        if drag is None:
            hit = self.shift_at(pos)
            cursor = Qt.CursorShape.ArrowCursor
            if hit:
                cursor = Qt.CursorShape.SizeHorCursor if hit[1] != "move" else Qt.CursorShape.OpenHandCursor
            self.viewport().setCursor(cursor)
            return
        dx = pos.x() - drag.origin.x()
        raw = dx / self.px_per_min
        drag.delta_min = round(raw / self._snap) * self._snap
        if drag.mode == "move" and self.data is not None:
            row = self._row_at(pos.y())
            drag.target_row = min(max(row, 0), len(self.data.agent_ids) - 1)
            if drag.target_row != int(self.data.shift_row[drag.shift]):
                drag.delta_min = 0.0  # a drop on another agent swaps or hands over the same times
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, d = self._drag, self.data
        draw, band = self._draw, self._band
        self._drag = self._draw = self._band = None
        self._locked_press = None
        self.viewport().update()
        if d is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if band is not None:
            self.set_selection(self._band_base | self._keys_in_band(band.normalized()))
            return
        if draw is not None:
            self._request_create(draw)
            return
        if drag is None:
            return
        shift = d.shifts[drag.shift]
        own_row = int(d.shift_row[drag.shift])
        if drag.mode == "move" and drag.target_row != own_row:
            other = d.agent_ids[drag.target_row]
            if (other, shift.day) in d.index:
                self.swapRequested.emit(shift.agent_id, other, shift.day)
            else:
                self.moveRequested.emit(shift.agent_id, shift.day, shift.start, shift.end, other)
            return
        if drag.delta_min == 0:
            return
        t0, t1 = self._drag_bounds(drag)
        new_start = shift.start + timedelta(minutes=t0 - float(d.shift_t0[drag.shift]))
        new_end = shift.end + timedelta(minutes=t1 - float(d.shift_t1[drag.shift]))
        self.moveRequested.emit(shift.agent_id, shift.day, new_start, new_end, None)

    def _request_create(self, draw: _Draw) -> None:
        """A drawn stretch of at least one interval asks for a shift on the day it starts."""
        assert self.data is not None and self.horizon is not None
        t0, t1 = draw.bounds()
        di = self._day_index_at(t0)
        if t1 - t0 < self._snap or di is None:
            return
        self.createRequested.emit(self.data.agent_ids[draw.row], self.horizon.dates[di], self._moment(t0),
                                  self._moment(t1))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.shift_at(event.position())
        if hit and self.data is not None:
            aid, day = self._key(hit[0])
            self.lockRequested.emit(aid, day, not bool(self.data.shift_locked[hit[0]]))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys on the selected shift: L locks, Left/Right move by one interval (with Shift by an
        hour), Delete removes; Up/Down select the agent above/below on the same day. A locked
        shift asked to move or go raises :attr:`lockedRefused`. With several shifts selected, L,
        Delete and Left/Right act on all of them as one :attr:`bulkRequested` (L locks them all,
        or unlocks when all are locked); Ctrl+A selects every shift shown, Escape none. Other
        keys scroll as usual."""
        key, d = event.key(), self.data
        if d is not None and event.matches(QKeySequence.StandardKey.SelectAll):
            self.set_selection(set(d.index), self.selected)
            return
        if key == Qt.Key.Key_Escape and self.selection:
            self.set_selection(set())
            return
        if self.selected is None or d is None:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._select_row_step(-1 if key == Qt.Key.Key_Up else 1)
            return
        keys = self.selected_keys()
        if len(keys) > 1 and key in (Qt.Key.Key_L, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Delete):
            if key == Qt.Key.Key_L:
                self.bulkRequested.emit("lock", keys, not all(d.shift_locked[d.index[k]] for k in keys))
            elif key == Qt.Key.Key_Delete:
                self.bulkRequested.emit("delete", keys, None)
            else:
                step = 60 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else self._snap
                self.bulkRequested.emit("move", keys, step if key == Qt.Key.Key_Right else -step)
            return
        k = self._selected_index()
        if k < 0 or key not in (Qt.Key.Key_L, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Delete):
            super().keyPressEvent(event)
            return
        s = d.shifts[k]
        if key == Qt.Key.Key_L:
            self.lockRequested.emit(s.agent_id, s.day, not bool(d.shift_locked[k]))
        elif d.shift_locked[k]:
            self.lockedRefused.emit(s.agent_id, s.day)
        elif key == Qt.Key.Key_Delete:
            self.deleteRequested.emit(s.agent_id, s.day)
        else:
            step = 60 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else self._snap
            delta = timedelta(minutes=step if key == Qt.Key.Key_Right else -step)
            self.moveRequested.emit(s.agent_id, s.day, s.start + delta, s.end + delta, None)

    def _select_row_step(self, step: int) -> None:
        """Select the same day of the agent ``step`` rows away (the selection may be a day off)
        and scroll that row into view."""
        d = self.data
        assert d is not None and self.selected is not None
        if not d.agent_ids:
            return
        agent, day = self.selected
        row = d.agent_ids.index(agent) if agent in d.agent_ids else 0
        row = min(max(row + step, 0), len(d.agent_ids) - 1)
        bar = self.verticalScrollBar()
        top, bottom = row * self.ROW_H, (row + 1) * self.ROW_H
        view_h = self.viewport().height() - self.HEADER_H
        if top < bar.value():
            bar.setValue(top)
        elif bottom > bar.value() + view_h:
            bar.setValue(bottom - view_h)
        key = (d.agent_ids[row], day)
        self.set_selection({key}, key)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - event.angleDelta().y())
            return
        super().wheelEvent(event)

    def viewportEvent(self, e) -> bool:  # type: ignore[override]
        if e.type() == e.Type.ToolTip and self.data is not None:
            hit = self.shift_at(QPointF(e.pos()))
            if hit:
                s = self.data.shifts[hit[0]]
                acts = ", ".join(
                    f"{fmt.clock(g.start.astimezone(s.start.tzinfo))}–{fmt.clock(g.end.astimezone(s.start.tzinfo))} "
                    f"{tr('pauze') if g.activity == BREAK else g.activity}"
                    for g in s.segments
                )
                lock = f" · {tr('vastgezet')}" if s.locked else ""
                QToolTip.showText(e.globalPos(), f"{self.data.agent_names[int(self.data.shift_row[hit[0]])]} · "
                                  f"{fmt.day(s.day)} {fmt.clock(s.start)}–{fmt.clock(s.end)}{lock}\n{acts}", self)
            elif (block := self.block_at(QPointF(e.pos()))) is not None:
                QToolTip.showText(e.globalPos(), block[2], self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(e)
