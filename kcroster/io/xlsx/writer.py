"""The writing path: every workbook and CSV kcroster writes goes out through here.

Safety (:func:`set_cell_safe`, :func:`safe_cell_text`, :func:`is_risky_text`) — the one
formula-injection guard
    A text starting with ``=``, ``+``, ``-``, ``@``, tab or CR could run as a formula when a
    CSV is opened in Excel. For CSV we prefix such text with a single quote ``'`` (the OWASP
    advice; Excel shows the text, never evaluates it). For xlsx we keep the text unchanged but
    store it explicitly as a string cell (``data_type = 's'``): openpyxl would otherwise turn a
    leading ``=`` into a formula; a string cell is never evaluated by Excel. XML control
    characters, which no spreadsheet can hold, are dropped.

Styles (:class:`Styles`, :class:`SheetWriter`, :func:`prepare_sheet`, :func:`add_filter`)
    the header look every workbook shares, styled write-only cells made with little overhead,
    frozen panes, column widths, an A4 landscape fit-to-width print setup and a filter.

Big sheets (:class:`FastSheet`)
    rows rendered straight to SpreadsheetML (openpyxl needs ~90 µs a cell; a roster's day
    detail holds ~300 000), text always as an inline string, put into the workbook after
    openpyxl wrote it.

Atomic write (:func:`save_workbook`)
    through :func:`kcroster.io.atomic.atomic_write`: a temporary file beside the target, fsynced
    and moved over it, so a failed or killed export never leaves half a file.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kcroster.io.atomic import atomic_write
from kcroster.io.cells import EXCEL_EPOCH

__all__ = [
    "FORMULA_START",
    "HEADER_FILL",
    "FastSheet",
    "SheetWriter",
    "Styles",
    "add_filter",
    "is_risky_text",
    "new_workbook",
    "prepare_sheet",
    "safe_cell_text",
    "save_workbook",
    "set_cell_safe",
    "set_widths",
]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
HEADER_FILL = "DDEBF7"  # the light blue of every header row


# --------------------------------------------------------------------------------------------
# Safety
# --------------------------------------------------------------------------------------------


def is_risky_text(value: Any) -> bool:
    """Text a spreadsheet could run as a formula, or holding XML control characters."""
    return isinstance(value, str) and (value.startswith(FORMULA_START) or _CONTROL.search(value) is not None)


def safe_cell_text(value: Any) -> Any:
    """For CSV: a text that a spreadsheet could run as a formula gets a leading ``'``.

    Non-text values (numbers, dates) pass through untouched, so a real negative number stays a
    number; only *text* starting with ``= + - @`` / tab / CR is neutralised.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def set_cell_safe(cell: Any, value: Any) -> Any:
    """Assign ``value`` to an openpyxl cell (normal or write-only) without formula injection.

    Text is stored as a string cell (``data_type 's'``) even when it starts with ``=``, and XML
    control characters (which openpyxl refuses) are dropped. Returns the cell.
    """
    if isinstance(value, str):
        cell.value = _CONTROL.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _xml_text(text: str) -> str:
    """Text for an inline string of :class:`FastSheet`: control characters dropped, markup escaped."""
    return _CONTROL.sub("", text).translate(_XML_ESCAPES)


# --------------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------------


class Styles:
    """The named styles of one workbook (an exporter adds its own in a subclass)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.PatternFill = PatternFill
        self.bold = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.center = Alignment(horizontal="center")


def _styled(c: Any, fmt: str | None = None, *, fill: Any = None, font: Any = None, border: Any = None,
            align: Any = None) -> Any:
    """``c`` with the number format and the styles given (each registered in its workbook)."""
    if fmt:
        c.number_format = fmt
    if fill is not None:
        c.fill = fill
    if font is not None:
        c.font = font
    if border is not None:
        c.border = border
    if align is not None:
        c.alignment = align
    return c


class SheetWriter:
    """Builds styled write-only cells with little overhead."""

    def __init__(self, ws: Any, styles: Styles) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.ws = ws
        self.st = styles
        self.Cell = WriteOnlyCell

    def cell(self, value: Any, fmt: str | None = None, *, fill: Any = None, font: Any = None,
             border: Any = None, align: Any = None) -> Any:
        return _styled(set_cell_safe(self.Cell(self.ws), value), fmt, fill=fill, font=font, border=border,
                       align=align)

    def text(self, value: Any) -> Any:
        """Plain text/number without style. A string that openpyxl would take for a formula (or
        that holds XML control characters) becomes an explicit text cell; other strings stay
        plain values, which stream faster. A cell object must never be reused across rows."""
        if is_risky_text(value):
            c = self.Cell(self.ws)
            set_cell_safe(c, value)
            return c
        return value

    def header(self, titles: Iterable[Any], fmt: str | None = None, *, align: Any = None) -> list[Any]:
        """Header cells: bold on the header fill; ``fmt`` for titles that are not text (dates)."""
        return [self.cell(t, fmt if not isinstance(t, str) else None, fill=self.st.header_fill, font=self.st.bold,
                          align=align)
                for t in titles]


def column_name(index: int) -> str:
    """1-based column number → Excel letters (1 → 'A')."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def set_widths(ws: Any, widths: Sequence[float]) -> None:
    """Column widths from column A on."""
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[column_name(i)].width = w


def prepare_sheet(ws: Any, freeze: str | None, n_cols: int, widths: Sequence[float] | None = None,
                  landscape: bool = True) -> None:
    """Frozen panes, A4 fit-to-width print setup without grid lines, column widths."""
    from openpyxl.worksheet.properties import PageSetupProperties

    if freeze:
        ws.freeze_panes = freeze
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    if widths:
        set_widths(ws, widths)


def add_filter(ws: Any, n_cols: int, n_rows: int, first_row: int = 1) -> None:
    """An auto-filter over the header row ``first_row`` and the rows below it."""
    if n_cols and n_rows >= first_row:
        ws.auto_filter.ref = f"A{first_row}:{column_name(n_cols)}{max(n_rows, first_row)}"


# --------------------------------------------------------------------------------------------
# Big sheets
# --------------------------------------------------------------------------------------------


class FastSheet:
    """Rows of a big sheet, serialised straight to SpreadsheetML.

    openpyxl (without lxml) needs ~90 µs per cell; the day detail and coverage sheets of a
    400-agent, 4-week roster hold ~300 000 cells. These rows are rendered as XML text here and
    put into the sheet after openpyxl has written the workbook (:func:`save_workbook`), using
    style ids registered in the same workbook. Text is always written as an inline string
    (``t="inlineStr"``), never as a formula; XML control characters are dropped and markup escaped.
    """

    def __init__(self, wb: Any, ws: Any, n_cols: int) -> None:
        self.wb = wb
        self.ws = ws
        self.letters = [column_name(i) for i in range(1, n_cols + 1)]
        self.parts: list[str] = []
        self.n_rows = 0
        _FAST_SHEETS.setdefault(id(wb), []).append(self)

    def style(self, fmt: str | None = None, *, font: Any = None, fill: Any = None) -> int:
        """Register a cell style in the workbook and return its id."""
        from openpyxl.cell import WriteOnlyCell

        return int(_styled(WriteOnlyCell(self.ws), fmt, font=font, fill=fill).style_id)

    def row(self, cells: Sequence[tuple[Any, int] | None]) -> None:
        self.n_rows += 1
        r = self.n_rows
        out = [f'<row r="{r}">']
        letters = self.letters
        for j, cell in enumerate(cells):
            if cell is None:
                continue
            v, sid = cell
            ref = f"{letters[j]}{r}"
            st = f' s="{sid}"' if sid else ""
            if v is None:
                if sid:
                    out.append(f'<c r="{ref}"{st}/>')
            elif isinstance(v, str):
                out.append(f'<c r="{ref}"{st} t="inlineStr"><is><t xml:space="preserve">{_xml_text(v)}</t></is></c>')
            elif isinstance(v, bool):
                out.append(f'<c r="{ref}"{st} t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, (int, float)):
                if math.isfinite(v):
                    out.append(f'<c r="{ref}"{st}><v>{v!r}</v></c>')
            elif isinstance(v, datetime):
                out.append(f'<c r="{ref}"{st}><v>{_excel_serial(v)!r}</v></c>')
            elif isinstance(v, date):
                out.append(f'<c r="{ref}"{st}><v>{(v - EXCEL_EPOCH).days}</v></c>')
            else:
                text = _xml_text(str(v))
                out.append(f'<c r="{ref}"{st} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
        out.append("</row>")
        self.parts.append("".join(out))

    def xml(self) -> str:
        return "<sheetData>" + "".join(self.parts) + "</sheetData>"

    def dimension(self) -> str:
        return f"A1:{self.letters[-1]}{max(self.n_rows, 1)}"


_FAST_SHEETS: dict[int, list[FastSheet]] = {}
_EXCEL_EPOCH_DT = datetime(1899, 12, 30)


def _excel_serial(dt: datetime) -> float:
    d = dt.replace(tzinfo=None) - _EXCEL_EPOCH_DT
    return d.days + d.seconds / 86400 + d.microseconds / 86_400_000_000


# --------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------


def new_workbook(*, write_only: bool = True) -> Any:
    """An openpyxl workbook; write-only (streaming) unless a sheet needs cells edited in place."""
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


def save_workbook(wb: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``wb`` to ``path`` atomically, with the rows of its :class:`FastSheet` sheets."""
    p = Path(path)
    fast = _FAST_SHEETS.pop(id(wb), [])

    def _write(tmp: Path) -> None:
        wb.save(tmp)
        if fast:
            _insert_fast_sheets(tmp, fast)

    atomic_write(p, _write)
    return p


_EMPTY_SHEET_DATA = re.compile(r"<sheetData\s*/>|<sheetData>\s*</sheetData>")
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')


def _insert_fast_sheets(path: Path, fast: list[FastSheet]) -> None:
    """Put the pre-rendered rows into the sheets openpyxl wrote empty."""
    import zipfile

    by_part = {fs.ws.path.lstrip("/"): fs for fs in fast}
    out = path.with_name(path.name + ".x")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            fs = by_part.get(item.filename)
            if fs is not None:
                xml = data.decode("utf-8")
                rows = fs.xml()
                # a function as replacement: the rows may contain backslashes
                xml, n = _EMPTY_SHEET_DATA.subn(lambda _m, rows=rows: rows, xml, count=1)  # type: ignore[misc]
                if n != 1:  # pragma: no cover - would mean openpyxl changed its output
                    raise RuntimeError(f"kan blad {fs.ws.title} niet schrijven")
                dim = f'<dimension ref="{fs.dimension()}"/>'
                xml, n = _DIMENSION.subn(dim, xml, count=1)
                if n == 0:
                    xml = xml.replace("<sheetViews>", dim + "<sheetViews>", 1)
                data = xml.encode("utf-8")
            zout.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    os.replace(out, path)
