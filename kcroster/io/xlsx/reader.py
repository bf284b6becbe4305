"""The second stage of reading: a validated workbook's sheets as rows, or as whole tables.

Two ways in, both after :mod:`kcroster.io.xlsx.safety` accepted the file:

* :func:`open_workbook` — openpyxl (read-only): :func:`iter_sheet_rows` streams a sheet's rows
  as value tuples, parse failures becoming located errors; :func:`read_workbook_rows` reads the
  sheets a format names (visible sheets first, merged cells filled). The small planner
  workbooks (agents, wishes, the roster grid) read this way, into
  :class:`~kcroster.io.table.Records` or their own grid.
* :func:`open_workbook_archive` — a :class:`WorkbookArchive` reads sheets whole into
  :class:`~kcroster.io.table.SheetTable` objects through the fast reader
  (:mod:`kcroster.io.xlsx.fast_reader`), openpyxl only for a layout the fast reader does not
  know: the bulk importers (forecast, ACD call lists).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from kcroster.io.cells import is_blank, normalise_header
from kcroster.io.table import SheetTable, table_from_rows
from kcroster.io.xlsx.fast_reader import HEADER_CHUNK, HEADER_ROWS, table_from_sheet_xml
from kcroster.io.xlsx.safety import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CELLS,
    DEFAULT_MAX_UNCOMPRESSED,
    MAX_SHEET_ROWS,
    describe,
    too_many_rows,
    validated_xlsx_bytes,
)
from kcroster.model.errors import KcrosterInputError

__all__ = [
    "HIDDEN_STATES",
    "WorkbookArchive",
    "fill_merged",
    "find_sheet",
    "hidden_sheets",
    "iter_sheet_rows",
    "match_sheet",
    "merged_ranges",
    "open_workbook",
    "open_workbook_archive",
    "read_sheet_table",
    "read_workbook_rows",
    "sheet_choice_notes",
    "visible_first",
]


def open_workbook(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
    max_cells: int = DEFAULT_MAX_CELLS,
    read_only: bool = True,
    data_only: bool = True,
) -> Any:
    """Open an untrusted ``.xlsx`` safely and return the openpyxl ``Workbook``.

    The file is read into memory (bounded by ``max_bytes``) so no file handle stays open; call
    ``wb.close()`` when done with a read-only workbook anyway. Read worksheets with
    :func:`iter_sheet_rows`, which turns parse errors met while streaming into
    :class:`KcrosterInputError`.
    """
    name, data = validated_xlsx_bytes(path, max_bytes, max_uncompressed)

    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=data_only)
    except KcrosterInputError:
        raise
    except Exception as exc:  # openpyxl raises many types on malformed parts
        raise KcrosterInputError(
            f"is geen leesbare Excel-werkmap (.xlsx): {describe(exc)}", file=name
        ) from exc
    for ws in wb.worksheets:
        try:
            rows = int(ws.max_row or 0)
            cols = int(ws.max_column or 0)
        except Exception:  # a lying or absent <dimension>: counted while streaming instead
            continue
        if rows * cols > max_cells:
            wb.close()
            raise KcrosterInputError(
                f"werkblad is onredelijk groot ({rows} rijen × {cols} kolommen)",
                file=name,
                sheet=ws.title,
            )
    return wb


def iter_sheet_rows(
    ws: Any,
    *,
    file: str,
    min_row: int = 1,
    max_cells: int = DEFAULT_MAX_CELLS,
) -> Iterator[tuple[Any, ...]]:
    """Stream a worksheet's rows as value tuples; parse failures become located errors.

    In read-only mode openpyxl parses the sheet XML lazily, so XML errors surface here, not in
    :func:`open_workbook`. ``max_cells`` also guards sheets whose ``<dimension>`` lies.
    """
    seen = 0
    row_no = min_row - 1
    try:
        for row in ws.iter_rows(min_row=min_row, values_only=True):
            row_no += 1
            if row_no > MAX_SHEET_ROWS:
                raise KcrosterInputError(too_many_rows(ws.title), file=file, sheet=ws.title)
            seen += len(row)
            if seen > max_cells:
                raise KcrosterInputError(
                    f"werkblad heeft meer dan {max_cells} cellen", file=file, sheet=ws.title
                )
            yield row
    except KcrosterInputError:
        raise
    except Exception as exc:
        raise KcrosterInputError(
            f"werkblad kan niet gelezen worden na rij {row_no}: {describe(exc)}",
            file=file,
            sheet=ws.title,
        ) from exc


_MERGE_RE = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')


def _letters_value(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """The merged cell ranges of a worksheet as 1-based ``(first_row, first_col, last_row,
    last_col)``. openpyxl's read-only sheets do not report them, so they are read from the
    sheet XML's ``<mergeCells>`` (which follows the rows)."""
    if hasattr(ws, "merged_cells"):
        return [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    archive = getattr(getattr(ws, "parent", None), "_archive", None)
    path = getattr(ws, "_worksheet_path", None)
    if archive is None or path is None:
        return []
    data = archive.read(path)
    at = data.rfind(b"<mergeCells")
    if at < 0:
        return []
    return [
        (int(m[2]), _letters_value(m[1].decode()), int(m[4]), _letters_value(m[3].decode()))
        for m in _MERGE_RE.finditer(data, at)
    ]


def fill_merged(
    rows: list[tuple[Any, ...]], ranges: Iterable[tuple[int, int, int, int]]
) -> list[tuple[Any, ...]]:
    """Rows (row 1 first) with every cell of a merged range holding the range's value, as the
    spreadsheet shows it: a Team cell merged over seven agents belongs to all seven."""
    out = list(rows)
    for r0, c0, r1, c1 in ranges:
        if r0 > len(out) or c0 > len(out[r0 - 1]):
            continue
        value = out[r0 - 1][c0 - 1]
        if is_blank(value):
            continue
        for r in range(r0, min(r1, len(out)) + 1):
            cells = list(out[r - 1]) + [None] * max(0, c1 - len(out[r - 1]))
            for c in range(c0, c1 + 1):
                if is_blank(cells[c - 1]):
                    cells[c - 1] = value
            out[r - 1] = tuple(cells)
    return out


HIDDEN_STATES = ("hidden", "veryHidden")


def hidden_sheets(wb: Any) -> set[str]:
    """Titles of an openpyxl workbook's hidden (and 'very hidden') sheets."""
    return {ws.title for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") in HIDDEN_STATES}


def visible_first(sheets: Iterable[str], hidden: Collection[str]) -> list[str]:
    """``sheets`` with the visible ones first, each group in the given order: an importer that
    takes the first sheet that fits then takes a hidden one only when no visible one fits."""
    sheets = list(sheets)
    return [s for s in sheets if s not in hidden] + [s for s in sheets if s in hidden]


def sheet_choice_notes(
    read: Sequence[str], also: Sequence[str], hidden: Collection[str], *, what: str, reason: str
) -> list[str]:
    """Notes for the planner when the sheets ``read`` were read as ``what`` (e.g. 'de
    prognose') while the sheets ``also`` would have fitted too: which were read and why
    (``reason``), and that hidden sheets were read only because no visible one fitted, or were
    passed over. Nothing when there was no choice to make."""

    def named(sheets: Sequence[str]) -> str:
        return ", ".join(f"'{s}'" for s in sheets)

    def one(sheets: Sequence[str], single: str, plural: str) -> str:
        return single if len(sheets) == 1 else plural

    notes: list[str] = []
    if read and all(s in hidden for s in read):
        notes.append(
            f"Geen zichtbaar blad bevat {what}: {one(read, 'het verborgen blad', 'de verborgen bladen')} "
            f"{named(read)} {one(read, 'is', 'zijn')} gelezen."
        )
    shown = [s for s in also if s not in hidden]
    if shown:
        notes.append(
            f"{one(read, 'Blad', 'Bladen')} {named(read)} gelezen als {what} ({reason}); ook "
            f"{named(shown)} {one(shown, 'past', 'passen')} en {one(shown, 'is', 'zijn')} niet gelezen."
        )
    concealed = [s for s in also if s in hidden]
    if concealed and not all(s in hidden for s in read):
        notes.append(
            f"{one(concealed, 'Verborgen blad', 'Verborgen bladen')} {named(concealed)} "
            f"{one(concealed, 'past', 'passen')} ook als {what}, maar {one(concealed, 'is', 'zijn')} "
            f"niet gelezen: {one(read, 'blad', 'bladen')} {named(read)} wel."
        )
    return notes


def find_sheet(wb: Any, names: tuple[str, ...] | list[str]) -> Any | None:
    """First worksheet whose title matches one of ``names`` (normalised, case-insensitive); a
    visible sheet before a hidden one of the same name."""
    wanted = [normalise_header(n) for n in names]
    titles: dict[str, str] = {}
    for t in visible_first(wb.sheetnames, hidden_sheets(wb)):
        titles.setdefault(normalise_header(t), t)
    for w in wanted:
        if w in titles:
            return wb[titles[w]]
    return None


def match_sheet(sheet_names: Sequence[str], aliases: Sequence[str]) -> str | None:
    """The first of ``sheet_names`` that is one of ``aliases`` once normalised, spaces and
    underscores ignored (``Shift types`` is ``ShiftTypes``)."""
    wanted = {normalise_header(a).replace("_", "") for a in aliases}
    for name in sheet_names:
        if normalise_header(name).replace("_", "") in wanted:
            return name
    return None


def read_workbook_rows(
    path: Path, sheet_aliases: Iterable[Sequence[str]], *, notes: list[str] | None = None
) -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
    """All sheet names, and the rows (values only) of the sheets matching ``sheet_aliases``.

    The names come visible sheets first, so a hidden sheet (old data, often) is read only when
    no visible one has a fitting name; ``notes`` gets a line where that choice was made."""
    wb = open_workbook(path)
    try:
        hidden = hidden_sheets(wb)
        names = visible_first(wb.sheetnames, hidden)
        sheet_aliases = list(sheet_aliases)
        wanted = {match_sheet(names, aliases) for aliases in sheet_aliases} - {None}
        for aliases in sheet_aliases if notes is not None else ():
            fitting = [n for n in names if match_sheet([n], aliases)]
            notes += sheet_choice_notes(fitting[:1], fitting[1:], hidden,
                                        what=f"blad {'/'.join(aliases[:2])}",
                                        reason="de eerste passende bladnaam")
        # merged cells (a Team cell over seven agents) hold their value in every row they cover
        rows = {
            name: fill_merged(
                [tuple(r) for r in iter_sheet_rows(wb[name], file=path.name)],
                merged_ranges(wb[name]),
            )
            for name in names
            if name in wanted
        }
    finally:
        wb.close()
    return names, rows


def _fast_sheet_table(ws: Any, *, file: str, max_cells: int) -> SheetTable | None:
    """Parse a read-only worksheet's XML with the fast reader; ``None`` when not applicable."""
    archive = getattr(getattr(ws, "parent", None), "_archive", None)
    path = getattr(ws, "_worksheet_path", None)
    shared = getattr(ws, "_shared_strings", None)
    if archive is None or path is None or shared is None:
        return None
    with archive.open(path) as stream:
        return table_from_sheet_xml(stream, shared, file=file, sheet=ws.title, max_cells=max_cells)


def read_sheet_table(ws: Any, *, file: str, max_cells: int = DEFAULT_MAX_CELLS) -> SheetTable:
    """Read a whole worksheet into a :class:`SheetTable`.

    Read-only worksheets take a fast path (the sheet XML streamed and parsed piece by piece, vectorised
    conversion — openpyxl's per-cell objects are ~10× slower on a 350 000-row forecast); a
    layout the fast path does not recognise falls back to openpyxl, which gives the same table.
    """
    try:
        table = _fast_sheet_table(ws, file=file, max_cells=max_cells)
    except KcrosterInputError:
        raise
    except Exception as exc:
        raise KcrosterInputError(
            f"werkblad kan niet gelezen worden: {describe(exc)}", file=file, sheet=ws.title
        ) from exc
    if table is not None:
        return table
    return table_from_rows(
        iter_sheet_rows(ws, file=file, max_cells=max_cells), file=file, sheet=ws.title
    )


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


class WorkbookArchive:
    """A validated ``.xlsx`` read sheet by sheet into :class:`SheetTable` objects.

    Bulk importers use this instead of :func:`open_workbook`: openpyxl's read-only mode parses
    a whole sheet just to find its size when the writer left out ``<dimension>`` (openpyxl's own
    write-only mode does), which costs seconds on a big forecast. Only ``xl/workbook.xml``, its
    relationships and the shared strings are parsed up front (through defusedxml); a sheet the
    fast reader does not recognise is read through openpyxl instead.
    """

    def __init__(self, file: str, data: bytes, *, max_cells: int = DEFAULT_MAX_CELLS) -> None:
        self.file = file
        self._data = data
        self._max_cells = max_cells
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._openpyxl_wb: Any = None
        try:
            self._sheet_paths, self._shared_path, self._hidden = self._read_structure()
        except KcrosterInputError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise KcrosterInputError(
                f"is geen leesbare Excel-werkmap (.xlsx): {describe(exc)}", file=file
            ) from exc
        self._shared: list[str] | None = None

    def _read_structure(self) -> tuple[dict[str, str | None], str | None, set[str]]:
        from defusedxml.ElementTree import fromstring

        book = fromstring(self._zip.read("xl/workbook.xml"))
        rels: dict[str, tuple[str, str]] = {}
        if "xl/_rels/workbook.xml.rels" in self._zip.namelist():
            rel_root = fromstring(self._zip.read("xl/_rels/workbook.xml.rels"))
            for rel in rel_root.iter(f"{{{_PKG_REL_NS}}}Relationship"):
                rels[rel.get("Id", "")] = (rel.get("Type", ""), rel.get("Target", ""))
        sheets: dict[str, str | None] = {}
        hidden: set[str] = set()
        for sh in book.iter(f"{{{_MAIN_NS}}}sheet"):
            title = sh.get("name") or f"Blad{len(sheets) + 1}"
            rid = sh.get(f"{{{_REL_NS}}}id", "")
            kind, target = rels.get(rid, ("", ""))
            sheets[title] = _part_path(target) if kind.endswith("/worksheet") else None
            if sh.get("state") in HIDDEN_STATES:
                hidden.add(title)
        shared = next(
            (_part_path(t) for k, t in rels.values() if k.endswith("/sharedStrings")), None
        )
        return sheets, shared, hidden

    @property
    def sheetnames(self) -> list[str]:
        return list(self._sheet_paths)

    def is_hidden(self, sheet: str) -> bool:
        """Whether the sheet is hidden (or 'very hidden') in Excel: the planner does not see it."""
        return sheet in self._hidden

    def visible_first(self, sheets: Iterable[str]) -> list[str]:
        """``sheets`` with the visible ones first (each group in the given order)."""
        return visible_first(sheets, self._hidden)

    def find_sheet(self, names: tuple[str, ...] | list[str]) -> str | None:
        """Title of the first sheet matching one of ``names`` (normalised, case-insensitive); a
        visible sheet before a hidden one of the same name."""
        titles: dict[str, str] = {}
        for t in self.visible_first(self._sheet_paths):
            titles.setdefault(normalise_header(t), t)
        for n in names:
            t = titles.get(normalise_header(n))
            if t is not None:
                return t
        return None

    def _shared_strings(self) -> list[str]:
        if self._shared is None:
            self._shared = []
            if self._shared_path and self._shared_path in self._zip.namelist():
                from openpyxl.reader.strings import read_string_table

                with self._zip.open(self._shared_path) as fh:
                    self._shared = list(read_string_table(fh))
        return self._shared

    def table(self, sheet: str) -> SheetTable:
        """The sheet as a :class:`SheetTable` (located errors for anything unreadable)."""
        return self._read(sheet, first_rows=False)

    def header_table(self, sheet: str) -> SheetTable:
        """The first rows of the sheet (at least its first row), read without parsing the rest:
        enough to tell whether a sheet is in a format an importer knows."""
        return self._read(sheet, first_rows=True)

    def _read(self, sheet: str, *, first_rows: bool) -> SheetTable:
        """The fast reader on the sheet's XML; openpyxl for a layout it does not know."""
        path = self._sheet_paths.get(sheet)
        pieces: dict[str, int] = {"chunk_bytes": HEADER_CHUNK, "max_pieces": 1} if first_rows else {}
        try:
            if path is not None and path in self._zip.namelist():
                shared = self._shared_strings()
                with self._zip.open(path) as stream:
                    table = table_from_sheet_xml(
                        stream, shared, file=self.file, sheet=sheet, max_cells=self._max_cells, **pieces
                    )
                if table is not None:
                    return table
            return self._openpyxl_table(sheet, max_rows=HEADER_ROWS if first_rows else None)
        except KcrosterInputError:
            raise
        except Exception as exc:
            raise KcrosterInputError(
                f"werkblad kan niet gelezen worden: {describe(exc)}", file=self.file, sheet=sheet
            ) from exc

    def _openpyxl_table(self, sheet: str, *, max_rows: int | None = None) -> SheetTable:
        import openpyxl

        if self._openpyxl_wb is None:
            self._openpyxl_wb = openpyxl.load_workbook(
                io.BytesIO(self._data), read_only=True, data_only=True
            )
        if sheet not in self._openpyxl_wb.sheetnames:
            raise KcrosterInputError("werkblad kan niet gelezen worden", file=self.file, sheet=sheet)
        ws = self._openpyxl_wb[sheet]
        rows = iter_sheet_rows(ws, file=self.file, max_cells=self._max_cells)
        return table_from_rows(islice(rows, max_rows), file=self.file, sheet=sheet)

    def close(self) -> None:
        if self._openpyxl_wb is not None:
            self._openpyxl_wb.close()
            self._openpyxl_wb = None
        self._zip.close()

    def __enter__(self) -> WorkbookArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _part_path(target: str) -> str:
    """A relationship target ('worksheets/sheet1.xml' or '/xl/worksheets/sheet1.xml') → zip path."""
    t = target.replace("\\", "/")
    if t.startswith("/"):
        return t.lstrip("/")
    parts: list[str] = ["xl"]
    for piece in t.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def open_workbook_archive(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
    max_cells: int = DEFAULT_MAX_CELLS,
) -> WorkbookArchive:
    """Validate an untrusted ``.xlsx`` like :func:`open_workbook` and return a
    :class:`WorkbookArchive` for fast whole-sheet reading."""
    name, data = validated_xlsx_bytes(path, max_bytes, max_uncompressed)
    return WorkbookArchive(name, data, max_cells=max_cells)
