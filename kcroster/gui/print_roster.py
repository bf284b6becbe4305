"""Print / PDF of the roster (issue 24 item 13): draws the pages the backend lays out
(``print_layout``), on a PDF file, a printer or an image, and the small dialog that asks what to print.

Every page is A4 landscape, drawn in points (1/72 inch) on an 842 × 595 page and scaled to the
device, so the PDF, the printer and the screenshot show the same page. A team page is a grid:
agents as rows, Monday–Sunday as columns (ISO week and dates in the header, public holidays
named), per cell the shift times and its queues and breaks, the week's hours at the end. An
agent page is the agent's week as a timeline, a day per row, queue blocks coloured and listed.
Paper is white in dark mode too. Only words of the team copy appear (see the layout module):
no reintegration or sickness reason ever reaches the paper.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kcroster.gui import fmt, theme
from kcroster.gui.i18n import language, plural, tr
from kcroster.model import Project, Roster

# What this module draws is the print layout the backend's ``print_layout`` returns (the data
# classes of kcroster.io.roster_print: header, weeks, pages of rows of day cells, legend), read
# by their documented attributes. Its words are matched as the values they are:
NO_TEAM = "Zonder team"  # the team of the agents without one
SHIFT, LEAVE, UNAVAILABLE, ABSENT, OFF, OUTSIDE = (  # DayCell.kind
    "shift", "leave", "unavailable", "absent", "off", "outside")
PrintLayout = TeamPage = AgentPage = DayCell = PrintWeek = Any

__all__ = [
    "PrintRosterDialog",
    "paint_all",
    "paint_page",
    "new_printer",
    "print_layout",
    "render_page",
    "write_pdf",
]

PAGE_W, PAGE_H = 841.89, 595.28  # A4 landscape in points
MARGIN = 26.0
FOOTER_H = 34.0  # legend line and page number
PDF_DPI = 300
PDF_FILTER = "PDF (*.pdf)"
A4_LANDSCAPE = QPageLayout(
    QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0)
)

# the team workbook's colours, so the paper and the workbook agree
CLASS_FILL = {"vroeg": "#fff2cc", "dag": "#e2efda", "laat": "#fce4d6", "nacht": "#d9e1f2"}
ABSENCE_FILL = "#d9d9d9"
OUTSIDE_FILL = "#f2f2f2"
GRID = QColor("#9aa0a6")
INK = QColor("#1f2328")
MUTED = QColor("#5f6670")


def kind_text(kind: str) -> str:
    """The word a cell without a shift shows, in the UI language."""
    return {
        LEAVE: tr("verlof"),
        UNAVAILABLE: tr("niet beschikbaar"),
        ABSENT: tr("afwezig"),
        OFF: tr("vrij"),
    }.get(kind, "")


def status_text(status: str | None) -> str:
    return {
        "Concept": tr("Concept"),
        "Gepubliceerd": tr("Gepubliceerd"),
        "Gewijzigd na publicatie": tr("Gewijzigd na publicatie"),
    }.get(status or "", "")


def _is_team_page(page: Any) -> bool:
    """A team's week (rows of agents); otherwise one agent's week (a single row)."""
    return hasattr(page, "rows")


def _team_name(team: str) -> str:
    return tr("Zonder team") if team == NO_TEAM else team


def _hours(h: float) -> str:
    return tr("{uren} u").format(uren=fmt.num(h, 1))


def _light(color: str | None) -> QColor:
    """A named shift type's colour as a cell fill light enough for black text."""
    c = QColor(color or "")
    if not c.isValid():
        return QColor("#ffffff")
    return QColor.fromHsvF(
        c.hsvHueF() if c.hsvHueF() >= 0 else 0, min(c.hsvSaturationF(), 0.35), 1.0
    )


def cell_fill(cell: DayCell) -> QColor:
    if cell.kind == SHIFT:
        if cell.type_color:
            return _light(cell.type_color)
        return QColor(CLASS_FILL.get(cell.shift_class or "", "#ffffff"))
    if cell.kind in (LEAVE, UNAVAILABLE, ABSENT):
        return QColor(ABSENCE_FILL)
    if cell.kind == OUTSIDE:
        return QColor(OUTSIDE_FILL)
    return QColor("#ffffff")


class _Page:
    """One page's painter in points: fonts are sized so a point on paper stays a point."""

    def __init__(self, painter: QPainter, device: QPaintDevice) -> None:
        self.p = painter
        self._font_scale = 72.0 / max(1, device.logicalDpiY())

    def font(self, pt: float, bold: bool = False, italic: bool = False) -> QFont:
        f = QFont("Helvetica")
        f.setStyleHint(QFont.StyleHint.SansSerif)
        f.setPointSizeF(pt * self._font_scale)
        f.setBold(bold)
        f.setItalic(italic)
        return f

    def text(
        self,
        rect: QRectF,
        s: str,
        pt: float,
        *,
        bold: bool = False,
        italic: bool = False,
        color: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        """``s`` in ``rect`` on one line, shortened with … when it does not fit (never cut off)."""
        f = self.font(pt, bold, italic)
        self.p.setFont(f)
        self.p.setPen(color)
        elided = QFontMetricsF(f, self.p.device()).elidedText(
            s, Qt.TextElideMode.ElideRight, rect.width()
        )
        self.p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), elided)

    def width(self, s: str, pt: float, bold: bool = False) -> float:
        return QFontMetricsF(self.font(pt, bold), self.p.device()).horizontalAdvance(s)


# --------------------------------------------------------------------------------------------
# Page parts
# --------------------------------------------------------------------------------------------


def _header(pg: _Page, layout: PrintLayout, title: str) -> float:
    """Project, page title, period, status and print date; returns the y below the header."""
    h = layout.header
    x0, w = MARGIN, PAGE_W - 2 * MARGIN
    pg.text(QRectF(x0, MARGIN, w * 0.65, 16), h.project_name, 10, color=MUTED)
    pg.text(QRectF(x0, MARGIN + 15, w * 0.65, 22), title, 15, bold=True)
    right = QRectF(x0 + w * 0.55, MARGIN, w * 0.45, 14)
    status = status_text(h.status)
    if status:
        tw = pg.width(status, 9, True) + 14
        badge = QRectF(x0 + w - tw, MARGIN, tw, 16)
        colour = QColor(theme.SURPLUS if h.status == "Gepubliceerd" else theme.WARNING)
        pg.p.setPen(QPen(colour, 1.2))
        pg.p.setBrush(Qt.BrushStyle.NoBrush)
        pg.p.drawRoundedRect(badge, 4, 4)
        pg.text(badge, status, 9, bold=True, color=colour, align=Qt.AlignmentFlag.AlignHCenter)
    pg.text(
        right.translated(0, 18),
        tr("Periode: {periode}").format(periode=h.period),
        8.5,
        color=MUTED,
        align=Qt.AlignmentFlag.AlignRight,
    )
    pg.text(
        right.translated(0, 30),
        tr("Afgedrukt op {datum}").format(datum=fmt.full_date(h.printed_on)),
        8.5,
        color=MUTED,
        align=Qt.AlignmentFlag.AlignRight,
    )
    y = MARGIN + 44
    pg.p.setPen(QPen(GRID, 0.8))
    pg.p.drawLine(QPointF(x0, y), QPointF(x0 + w, y))
    return y + 8


def _footer(
    pg: _Page,
    layout: PrintLayout,
    index: int,
    queue_colours: dict[str, QColor],
    codes: dict[str, str] | None = None,
) -> float:
    """Legend and page number at the bottom; returns the y above them. The legend names only
    what this page shows; ``codes`` adds the key to the short queue names a team page used."""
    y = PAGE_H - MARGIN - 12
    full = QRectF(MARGIN, y, PAGE_W - 2 * MARGIN, 12)
    note = tr(
        "Diensttijden zijn lokale tijden; een eindtijd vóór de begintijd valt op de volgende dag."
    )
    pg.text(full, note, 7, color=MUTED)
    page_no = tr("pagina {n} van {totaal}").format(n=index + 1, totaal=len(layout.pages))
    pg.text(full, page_no, 7, color=MUTED, align=Qt.AlignmentFlag.AlignRight)
    page = layout.pages[index]
    on_page = [
        c for r in (page.rows if _is_team_page(page) else (page.row,)) for c in r.cells
    ]
    shifts = [c for c in on_page if c.kind == SHIFT]
    activities = {b.activity for c in shifts for b in c.blocks}
    agent_page = not _is_team_page(page)
    legend_y = y - 16
    x = MARGIN
    pg.text(QRectF(x, legend_y, 60, 12), tr("Legenda:"), 7.5, bold=True)
    x += pg.width(tr("Legenda:"), 7.5, True) + 8
    items: list[tuple[QColor | None, str]] = []
    for entry in layout.legend:
        if entry.group == "class":
            if not agent_page and any(
                c.shift_class == entry.key and c.type_color is None for c in shifts
            ):
                items.append((QColor(CLASS_FILL[entry.key]), _class_text(entry.key)))
        elif entry.group == "type":
            if not agent_page and any(c.shift_type == entry.key for c in shifts):
                items.append((_light(entry.color), entry.text))
        elif entry.group == "queue":
            if agent_page and entry.key in activities:
                text = tr("pauze") if entry.key == "pauze" else entry.text
                items.append((queue_colours.get(entry.key, QColor(theme.BREAK)), text))
        elif any(c.kind == entry.key for c in on_page):
            items.append((QColor(ABSENCE_FILL), kind_text(entry.key)))
    if codes:
        used = [q for q in codes if q in activities]
        items.append((None, ", ".join(f"{codes[q]} = {q}" for q in used)))
    for fill, text in items:
        if fill is not None:
            pg.p.setPen(QPen(GRID, 0.6))
            pg.p.setBrush(fill)
            pg.p.drawRect(QRectF(x, legend_y + 2.5, 11, 7))
            x += 14
        tw = min(pg.width(text, 7.5), PAGE_W - MARGIN - x)
        pg.text(QRectF(x, legend_y, tw + 2, 12), text, 7.5)
        x += tw + 12
    return PAGE_H - MARGIN - FOOTER_H


def _class_text(key: str) -> str:
    return {
        "vroeg": tr("vroege dienst"),
        "dag": tr("dagdienst"),
        "laat": tr("late dienst"),
        "nacht": tr("nachtdienst"),
    }[key]


def _day_head(pg: _Page, rect: QRectF, d: date, holiday: str | None) -> None:
    pg.text(
        QRectF(rect.x(), rect.y() + 2, rect.width(), 12),
        f"{fmt.weekday(d)} {d.day:02d}-{d.month:02d}",
        8.5,
        bold=True,
        align=Qt.AlignmentFlag.AlignHCenter,
    )
    if holiday:
        pg.text(
            QRectF(rect.x() + 2, rect.y() + 14, rect.width() - 4, 10),
            holiday,
            6.5,
            italic=True,
            color=MUTED,
            align=Qt.AlignmentFlag.AlignHCenter,
        )


def _team_page(
    pg: _Page, layout: PrintLayout, page: TeamPage, index: int, colours: dict[str, QColor]
) -> None:
    title = tr("{team} · {week}").format(
        team=_team_name(page.team), week=page.week.title(language())
    )
    if page.parts > 1:
        title += " " + tr("(deel {n} van {totaal})").format(n=page.part, totaal=page.parts)
    top = _header(pg, layout, title)
    bottom = PAGE_H - MARGIN - FOOTER_H
    x0, w = MARGIN, PAGE_W - 2 * MARGIN
    name_w, hours_w = 132.0, 40.0
    day_w = (w - name_w - hours_w) / 7
    head_h = 26.0
    row_h = min(34.0, (bottom - top - head_h) / max(len(page.rows), 12))
    big = min(9.0, row_h * 0.42)
    small = min(6.8, row_h * 0.3)
    # one form of the queue names for the whole page: in full when every cell has room for it,
    # else the short codes (T, C, E) with their key in the legend, so no cell is cut off
    room = day_w - 8
    shifts = [c for row in page.rows for c in row.cells if c.kind == SHIFT]
    fits = all(pg.width(c.summary(None, tr("pauze")), small) <= room for c in shifts)
    codes = None if fits else layout.queue_codes
    _footer(pg, layout, index, colours, codes)
    p = pg.p
    # column heads
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#eef1f4"))
    p.drawRect(QRectF(x0, top, w, head_h))
    pg.text(QRectF(x0 + 4, top, name_w - 8, head_h), tr("Medewerker"), 8.5, bold=True)
    for i, d in enumerate(page.week.days):
        _day_head(pg, QRectF(x0 + name_w + i * day_w, top, day_w, head_h), d, page.holidays.get(d))
    pg.text(
        QRectF(x0 + name_w + 7 * day_w, top, hours_w - 4, head_h),
        tr("Uren"),
        8.5,
        bold=True,
        align=Qt.AlignmentFlag.AlignRight,
    )
    y = top + head_h
    for r, row in enumerate(page.rows):
        if r % 2:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#f7f8fa"))
            p.drawRect(QRectF(x0, y, name_w, row_h))
        pg.text(QRectF(x0 + 4, y, name_w - 8, row_h), row.name, 8.5)
        for i, cell in enumerate(row.cells):
            rect = QRectF(x0 + name_w + i * day_w, y, day_w, row_h).adjusted(1, 1, -1, -1)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(cell_fill(cell))
            p.drawRect(rect)
            inner = rect.adjusted(3, 0, -3, 0)
            if cell.kind == SHIFT:
                summary = cell.summary(codes, tr("pauze"))
                if summary and row_h >= 16:
                    pg.text(
                        QRectF(inner.x(), rect.y() + 1, inner.width(), row_h * 0.5),
                        cell.text,
                        big,
                        bold=True,
                        align=Qt.AlignmentFlag.AlignHCenter,
                    )
                    pg.text(
                        QRectF(inner.x(), rect.y() + row_h * 0.5 - 1, inner.width(), row_h * 0.45),
                        summary,
                        small,
                        color=MUTED,
                        align=Qt.AlignmentFlag.AlignHCenter,
                    )
                else:
                    pg.text(inner, cell.text, big, bold=True, align=Qt.AlignmentFlag.AlignHCenter)
            elif cell.kind != OUTSIDE:
                pg.text(
                    inner,
                    kind_text(cell.kind),
                    7.5,
                    italic=cell.kind == OFF,
                    color=MUTED if cell.kind == OFF else INK,
                    align=Qt.AlignmentFlag.AlignHCenter,
                )
        pg.text(
            QRectF(x0 + name_w + 7 * day_w, y, hours_w - 4, row_h),
            fmt.num(row.hours, 1),
            8.5,
            align=Qt.AlignmentFlag.AlignRight,
        )
        y += row_h
        p.setPen(QPen(QColor("#d5d9de"), 0.5))
        p.drawLine(QPointF(x0, y), QPointF(x0 + w, y))
    p.setPen(QPen(GRID, 0.6))
    for i in range(8):
        x = x0 + name_w + i * day_w
        p.drawLine(QPointF(x, top), QPointF(x, y))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(x0, top, w, y - top))


def _agent_page(
    pg: _Page, layout: PrintLayout, page: AgentPage, index: int, colours: dict[str, QColor]
) -> None:
    row = page.row
    title = tr("{naam} · {week}").format(naam=row.name, week=page.week.title(language()))
    top = _header(pg, layout, title)
    bottom = _footer(pg, layout, index, colours)
    p = pg.p
    x0, w = MARGIN, PAGE_W - 2 * MARGIN
    pg.text(
        QRectF(x0, top - 4, w, 14),
        tr("Team: {team} · {uren} gepland deze week").format(
            team=_team_name(row.team), uren=_hours(row.hours)
        ),
        9,
        color=MUTED,
    )
    top += 14
    day_w, info_w = 78.0, 96.0
    tl_x, tl_w = x0 + day_w, w - day_w - info_w
    blocks = [b for c in row.cells for b in c.blocks]
    first = min((int(b.start_hour) for b in blocks), default=7)
    last = max((int(-(-b.end_hour // 1)) for b in blocks), default=20)
    first, last = min(first, 7), max(last, first + 10)
    span = last - first

    def x_of(hour: float) -> float:
        return tl_x + (hour - first) / span * tl_w

    axis_h = 14.0
    # hour axis
    step = 1 if span <= 16 else 2
    p.setPen(QPen(QColor("#e3e6ea"), 0.5))
    row_h = (bottom - top - axis_h) / 7
    for hr in range(first, last + 1, step):
        x = x_of(hr)
        p.setPen(QPen(QColor("#e3e6ea"), 0.5))
        p.drawLine(QPointF(x, top + axis_h), QPointF(x, top + axis_h + 7 * row_h))
        pg.text(
            QRectF(x - 14, top, 28, axis_h),
            f"{hr % 24:02d}:00",
            7,
            color=MUTED,
            align=Qt.AlignmentFlag.AlignHCenter,
        )
    y = top + axis_h
    for cell in row.cells:
        hol = page.holidays.get(cell.day)
        pg.text(
            QRectF(x0, y + 4, day_w - 6, 14),
            f"{fmt.weekday(cell.day)} {fmt.full_date(cell.day)[:5]}",
            10,
            bold=True,
        )
        if hol:
            pg.text(QRectF(x0, y + 18, day_w - 6, 12), hol, 7, italic=True, color=MUTED)
        bar = QRectF(tl_x, y + 6, tl_w, row_h * 0.42)
        if cell.kind == SHIFT:
            for b in cell.blocks:
                r = QRectF(
                    x_of(b.start_hour), bar.y(), x_of(b.end_hour) - x_of(b.start_hour), bar.height()
                )
                fill = (
                    QColor(theme.BREAK)
                    if b.is_break
                    else colours.get(b.activity, QColor(theme.QUEUE_COLOURS[0]))
                )
                p.setPen(QPen(QColor("#ffffff"), 0.8))
                p.setBrush(fill)
                p.drawRect(r)
                label = tr("pauze") if b.is_break else b.activity
                if r.width() > pg.width(label, 7) + 6:
                    pg.text(
                        r.adjusted(3, 0, -2, 0),
                        label,
                        7,
                        bold=not b.is_break,
                        color=INK if b.is_break else QColor("#ffffff"),
                    )
            detail = "  ·  ".join(
                f"{b.start}–{b.end} {tr('pauze') if b.is_break else b.activity}"
                for b in cell.blocks
            )
            pg.text(QRectF(tl_x, bar.bottom() + 2, tl_w, 12), detail, 7.5, color=MUTED)
            pg.text(
                QRectF(tl_x + tl_w + 8, y + 4, info_w - 8, 16),
                cell.text,
                11,
                bold=True,
                align=Qt.AlignmentFlag.AlignRight,
            )
            pg.text(
                QRectF(tl_x + tl_w + 8, y + 20, info_w - 8, 12),
                _hours(cell.hours),
                8.5,
                color=MUTED,
                align=Qt.AlignmentFlag.AlignRight,
            )
        elif cell.kind != OUTSIDE:
            if cell.kind != OFF:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(ABSENCE_FILL))
                p.drawRect(bar)
            pg.text(
                bar.adjusted(6, 0, 0, 0),
                kind_text(cell.kind),
                9,
                italic=cell.kind == OFF,
                color=MUTED if cell.kind == OFF else INK,
            )
        y += row_h
        p.setPen(QPen(QColor("#d5d9de"), 0.5))
        p.drawLine(QPointF(x0, y), QPointF(x0 + w, y))


def _queue_colours(layout: PrintLayout) -> dict[str, QColor]:
    return {
        name: theme.queue_colour(i, colour)
        for i, (name, colour) in enumerate(layout.queue_colors.items())
    }


def paint_page(painter: QPainter, device: QPaintDevice, layout: PrintLayout, index: int) -> None:
    """Draw page ``index`` of ``layout`` on ``painter``, scaled to fit ``device``'s page."""
    scale = min(device.width() / PAGE_W, device.height() / PAGE_H)
    painter.save()
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, PAGE_W, PAGE_H), QColor("#ffffff"))
    pg = _Page(painter, device)
    page = layout.pages[index]
    colours = _queue_colours(layout)
    if _is_team_page(page):
        _team_page(pg, layout, page, index, colours)
    else:
        _agent_page(pg, layout, page, index, colours)
    painter.restore()


def paint_all(device: QPagedPaintDevice, layout: PrintLayout) -> None:
    """Every page of ``layout`` on a PDF writer or a printer. The page size and orientation are
    the device's (A4 landscape as :func:`write_pdf` and :func:`print_layout` set them); each page
    is scaled to the printable area, so a printer's own margins never cut it off."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(tr("het apparaat kon niet worden geopend"))
    try:
        for i in range(len(layout.pages)):
            if i:
                device.newPage()
            paint_page(painter, device, layout, i)
    finally:
        painter.end()


def write_pdf(layout: PrintLayout, path: str | Path, backend: Any) -> Path:
    """Write ``layout`` as a PDF to ``path`` atomically (the backend's ``write_atomically``); a
    failure raises an ``OSError`` whose text names the path and the reason."""
    target = Path(path)
    if not layout.pages:
        raise ValueError(
            tr("Er is niets om af te drukken: kies ten minste één week en één team of medewerker.")
        )

    def write(tmp: Path) -> None:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(A4_LANDSCAPE)  # no margins: the page draws its own
        writer.setTitle(f"{layout.header.project_name} – {layout.header.period}")
        writer.setCreator("kcroster")
        paint_all(writer, layout)  # an OSError here becomes the backend's write error

    backend.write_atomically(target, write)
    return target


def render_page(layout: PrintLayout, index: int = 0, width_px: int = 1684) -> QImage:
    """Page ``index`` as an image ``width_px`` wide (screenshots, tests)."""
    height_px = round(width_px * PAGE_H / PAGE_W)
    img = QImage(width_px, height_px, QImage.Format.Format_RGB32)
    dpm = round(width_px / (PAGE_W / 72) / 0.0254)  # the page's width is PAGE_W points
    img.setDotsPerMeterX(dpm)
    img.setDotsPerMeterY(dpm)
    img.fill(QColor("#ffffff"))
    painter = QPainter(img)
    paint_page(painter, img, layout, index)
    painter.end()
    return img


def new_printer() -> QPrinter:
    """A high-resolution printer set to A4 landscape (the planner may change it in the dialog)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    return printer


def print_layout(layout: PrintLayout, parent: QWidget | None = None) -> bool:
    """Ask for a printer (Qt's print dialog) and print; False when the planner cancels."""
    printer = new_printer()
    printer.setDocName(f"{layout.header.project_name} – {layout.header.period}")
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_all(printer, layout)
    return True


# --------------------------------------------------------------------------------------------
# The dialog
# --------------------------------------------------------------------------------------------


class PrintRosterDialog(QDialog):
    """What to print: per team or per agent, which teams/agents, which weeks, and where to."""

    def __init__(
        self,
        project: Project,
        roster: Roster | None,
        backend: Any,
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
        on_saved: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.roster = roster
        self.backend = backend
        self.on_saved = on_saved
        self.setWindowTitle(tr("Rooster afdrukken / PDF"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        mode_row = QHBoxLayout()
        mode_row.addWidget(QLabel(tr("Indeling:")))
        self.per_team = QRadioButton(tr("Per team (prikbord)"))
        self.per_agent = QRadioButton(tr("Per medewerker (weekoverzicht)"))
        self.per_team.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.per_team)
        group.addButton(self.per_agent)
        mode_row.addWidget(self.per_team)
        mode_row.addWidget(self.per_agent)
        mode_row.addStretch(1)
        lay.addLayout(mode_row)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        self.who_label = QLabel()
        left.addWidget(self.who_label)
        self.who = QListWidget()
        left.addWidget(self.who, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(tr("Weken:")))
        self.weeks_list = QListWidget()
        self.weeks = backend.print_weeks(project)
        for wk in self.weeks:
            item = QListWidgetItem(f"{wk.tag} · {wk.title(language())}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.weeks_list.addItem(item)
        right.addWidget(self.weeks_list, 1)
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)
        lay.addLayout(lists, 1)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(tr("Bestand:")))
        self.path_edit = QLineEdit()
        file_row.addWidget(self.path_edit, 1)
        browse = QPushButton(tr("Bladeren…"))
        browse.clicked.connect(self.browse)
        file_row.addWidget(browse)
        lay.addLayout(file_row)
        self.summary = QLabel()
        self.summary.setObjectName("Hint")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(
            tr("Afdrukken…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.pdf_button = buttons.addButton(
            tr("PDF exporteren"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.pdf_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.print_button.clicked.connect(self.print_now)
        self.pdf_button.clicked.connect(self.export_pdf)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.error_box: QMessageBox | None = None
        self._folder = folder or Path.home()
        self._path_touched = False
        self.path_edit.textEdited.connect(self._touched)
        self.per_team.toggled.connect(self._fill_who)
        self.weeks_list.itemChanged.connect(self._update)
        self.who.itemChanged.connect(self._update)
        self._fill_who()

    def _touched(self) -> None:
        self._path_touched = True

    def _fill_who(self) -> None:
        self.who.blockSignals(True)
        self.who.clear()
        if self.per_team.isChecked():
            self.who_label.setText(tr("Teams:"))
            entries = [(t, _team_name(t)) for t in self.backend.print_teams(self.project)]
        else:
            self.who_label.setText(tr("Medewerkers:"))
            entries = [(a.id, a.name) for a in self.project.agents]
        for key, text in entries:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.who.addItem(item)
        self.who.blockSignals(False)
        self._update()

    def selected_weeks(self) -> list[PrintWeek]:
        return [
            w
            for i, w in enumerate(self.weeks)
            if self.weeks_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def selected_keys(self) -> list[str]:
        return [
            self.who.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.who.count())
            if self.who.item(i).checkState() == Qt.CheckState.Checked
        ]

    def layout_to_print(self) -> PrintLayout:
        keys = self.selected_keys()
        team = self.per_team.isChecked()
        return self.backend.print_layout(
            self.project,
            self.roster,
            per="team" if team else "agent",
            weeks=self.selected_weeks(),
            teams=keys if team else None,
            agent_ids=None if team else keys,
            language=language(),
        )

    def _update(self) -> None:
        weeks = self.selected_weeks()
        if not self._path_touched:
            self.path_edit.setText(str(self._folder / self.backend.print_file_name(weeks or self.weeks)))
        n = len(self.layout_to_print().pages) if weeks and self.selected_keys() else 0
        self.summary.setText(
            plural(n, tr("{n} pagina A4 liggend."), tr("{n} pagina's A4 liggend."))
            if n
            else tr("Kies ten minste één week en één team of medewerker.")
        )
        self.pdf_button.setEnabled(n > 0)
        self.print_button.setEnabled(n > 0)

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("PDF exporteren"), self.path_edit.text(), PDF_FILTER
        )
        if path:
            self.path_edit.setText(path)
            self._path_touched = True

    def target(self) -> Path:
        text = self.path_edit.text().strip() or str(
            self._folder / self.backend.print_file_name(self.selected_weeks())
        )
        return Path(text if text.lower().endswith(".pdf") else text + ".pdf")

    def export_pdf(self) -> Path | None:
        path = self.target()
        try:
            write_pdf(self.layout_to_print(), path, self.backend)
        except (OSError, ValueError) as exc:
            self._warn(
                tr("PDF exporteren"), tr("De PDF is niet geschreven: {reden}").format(reden=exc)
            )
            return None
        if self.on_saved is not None:
            self.on_saved(path)
        self.accept()
        return path

    def _warn(self, title: str, text: str) -> None:
        """A sentence for the planner, never a traceback; the dialog stays open to try again."""
        self.error_box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        self.error_box.open()

    def print_now(self) -> None:
        try:
            done = print_layout(self.layout_to_print(), self)
        except OSError as exc:
            self._warn(tr("Afdrukken"), tr("Afdrukken is mislukt: {reden}").format(reden=exc))
            return
        if done:
            self.accept()
