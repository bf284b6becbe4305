"""Safe reading of untrusted workbooks and CSV files, plus the located cell parsers.

Every importer in :mod:`kcroster.io` opens planner files through this module so that

* a missing, empty, oversized, non-xlsx file, a zip bomb or an XML entity attack ("billion
  laughs") is refused with a :class:`~kcroster.model.KcrosterInputError` *before* openpyxl
  parses anything (the zip directory is inspected with :mod:`zipfile`; any DTD in an XML part is
  refused; openpyxl itself parses through ``defusedxml`` because that package is installed —
  :func:`defusedxml_active` checks it);
* headers are matched loosely (case, accents, spaces, hyphens, Dutch aliases);
* every cell parser reports the file, sheet, row and column of a bad value.

Number text (:func:`number_from_text`) — the decimal-separator rule
    Dutch Excel writes ``1,5`` (decimal comma) and ``1.234,5`` (thousands dot) while English
    tools write ``1.5`` and ``1,234.5``. We decide per value:

    * both ``.`` and ``,`` present → the right-most one is the decimal separator and the other
      must group digits in threes (``1.234,5`` = ``1,234.5`` = 1234.5);
    * exactly one separator character, occurring once → it is the decimal separator, whichever
      it is (``1,5`` = ``1.5`` = 1.5; ``1.234`` is 1.234, *not* 1234 — spreadsheets do not put
      thousands separators in CSV unless asked, while forecast tools do write ``0.125``);
    * one separator character occurring more than once → thousands groups of three
      (``1.234.567`` = 1234567), anything else is refused;
    * spaces (also non-breaking) between digits are thousands separators; ``−`` counts as minus.

Export safety (:func:`safe_cell_text`, :func:`set_cell_safe`)
    A text starting with ``=``, ``+``, ``-``, ``@``, tab or CR could run as a formula when a
    CSV is opened in Excel. For CSV we prefix such text with a single quote ``'`` (the OWASP
    advice; Excel shows the text, never evaluates it). For xlsx we keep the text unchanged but
    store it explicitly as a string cell (``data_type = 's'``): openpyxl would otherwise turn a
    leading ``=`` into a formula; a string cell is never evaluated by Excel.
"""

from __future__ import annotations

import csv
import gc
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from defusedxml import DefusedXmlException

from kcroster.model.errors import KcrosterInputError

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
# A year of quarter hours for 29 queues (1 016 160 rows, openpyxl's verbose XML) unpacks to
# 251 MB; 400 MB leaves room for wider sheets and refuses the 490 MB bomb of issue 23 item 13.
DEFAULT_MAX_UNCOMPRESSED = 400 * MB
# Excel's own row limit: a worksheet with more rows was not made by a spreadsheet. Deflate on a
# repeated row reaches only ~260:1, under the ratio check, so rows are counted while streaming.
MAX_SHEET_ROWS = 1_048_576
# Worksheet parts smaller than this cannot hold more than MAX_SHEET_ROWS rows (a row tag takes
# at least 12 bytes) and are not scanned; nor are parts that compress like real data (a year's
# forecast ~10:1; scanning its 251 MB would cost a second): the readers count their rows.
ROW_SCAN_MIN_BYTES = 12 * MAX_SHEET_ROWS
ROW_SCAN_MIN_RATIO = 50
ROW_SCAN_CHUNK = 4 * MB
DEFAULT_MAX_CELLS = 20_000_000
MAX_ZIP_MEMBERS = 10_000
# Real xlsx XML compresses 5–30×, very repetitive sheets up to ~150×; deflate bombs reach ~1000×.
MAX_COMPRESSION_RATIO = 300
RATIO_CHECK_MIN_BYTES = 5 * MB
# Bytes of each XML part scanned for a DTD: the DOCTYPE must precede the root element, and a
# legitimate part starts its root element within the first few hundred bytes.
DTD_SCAN_BYTES = 64 * 1024

_DEFUSED_ERRORS = (DefusedXmlException,)  # DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
EXCEL_EPOCH = date(1899, 12, 30)
MAX_EXCEL_SERIAL = 2_958_465  # 9999-12-31

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CELLS",
    "DEFAULT_MAX_UNCOMPRESSED",
    "MAX_SHEET_ROWS",
    "KIND_BOOL",
    "KIND_EMPTY",
    "KIND_ERROR",
    "KIND_NUMBER",
    "KIND_TEXT",
    "SheetTable",
    "WorkbookArchive",
    "open_workbook_archive",
    "csv_table",
    "read_sheet_table",
    "table_from_rows",
    "column_label",
    "defusedxml_active",
    "find_sheet",
    "is_blank",
    "fill_merged",
    "is_zip_file",
    "merged_ranges",
    "iter_sheet_rows",
    "normalise_header",
    "number_from_text",
    "open_workbook",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "parse_number",
    "parse_time",
    "read_csv_rows",
    "resolve_columns",
    "safe_cell_text",
    "set_cell_safe",
]


# --------------------------------------------------------------------------------------------
# Files and workbooks
# --------------------------------------------------------------------------------------------


def defusedxml_active() -> bool:
    """True when openpyxl parses XML through defusedxml (it does whenever defusedxml imports)."""
    from openpyxl.xml import DEFUSEDXML

    return bool(DEFUSEDXML)


def _read_file_bytes(path: str | Path, max_bytes: int) -> tuple[str, bytes]:
    """Read a whole (bounded) file; refuse a missing, unreadable, empty or oversized one."""
    p = Path(path)
    name = p.name or str(path)
    try:
        if not p.exists():
            raise KcrosterInputError("bestand bestaat niet", file=name)
        if p.is_dir():
            raise KcrosterInputError("is een map, geen bestand", file=name)
        size = p.stat().st_size
        if size == 0:
            raise KcrosterInputError("bestand is leeg", file=name)
        if size > max_bytes:
            raise KcrosterInputError(
                f"bestand is te groot ({size / MB:.1f} MB; maximaal {max_bytes / MB:.0f} MB)",
                file=name,
            )
        data = p.read_bytes()
    except KcrosterInputError:
        raise
    except OSError as exc:
        raise KcrosterInputError(f"bestand kan niet gelezen worden ({exc.strerror or exc})", file=name) from exc
    if not data:
        raise KcrosterInputError("bestand is leeg", file=name)
    return name, data


def is_zip_file(data: bytes) -> bool:
    return data[:4] == _ZIP_MAGIC


def _inspect_zip(name: str, data: bytes, max_uncompressed: int) -> None:
    """Refuse zip bombs and non-xlsx zips from the central directory, before decompressing."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, NotImplementedError (zip version), struct/zlib errors
        raise KcrosterInputError("is geen Excel-werkmap (.xlsx): beschadigd zip-bestand", file=name) from exc
    infos = zf.infolist()
    with zf:
        if len(infos) > MAX_ZIP_MEMBERS:
            raise KcrosterInputError(
                f"is geen bruikbare Excel-werkmap: {len(infos)} onderdelen in het zip-bestand", file=name
            )
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise KcrosterInputError("is geen Excel-werkmap (.xlsx)", file=name)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise KcrosterInputError(
                    "is versleuteld; sla de werkmap op zonder wachtwoord", file=name
                )
            total += info.file_size
            if info.file_size > RATIO_CHECK_MIN_BYTES and (
                info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
            ):
                raise KcrosterInputError(
                    f"wordt geweigerd: onderdeel '{info.filename}' pakt onredelijk ver uit "
                    f"({info.file_size / MB:.0f} MB uit {info.compress_size / 1024:.0f} kB) — "
                    "mogelijk een zip-bom",
                    file=name,
                )
        if total > max_uncompressed:
            raise KcrosterInputError(
                f"wordt geweigerd: uitgepakt {total / MB:.0f} MB (maximaal {max_uncompressed / MB:.0f} MB) — "
                "mogelijk een zip-bom",
                file=name,
            )
        for info in infos:
            lower = info.filename.lower()
            if not (lower.endswith(".xml") or lower.endswith(".rels") or lower.endswith(".vml")):
                continue
            try:
                with zf.open(info) as fh:
                    head = fh.read(DTD_SCAN_BYTES)
            except Exception as exc:  # zlib.error, BadZipFile, unsupported compression, ...
                raise KcrosterInputError(
                    f"is geen leesbare Excel-werkmap: onderdeel '{info.filename}' is beschadigd",
                    file=name,
                ) from exc
            upper = head.upper()
            if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
                raise KcrosterInputError(
                    f"wordt geweigerd: onderdeel '{info.filename}' bevat een DTD/entiteiten "
                    "(mogelijk een XML-aanval); een echte Excel-werkmap bevat die nooit",
                    file=name,
                )
        for info in infos:
            if (
                info.file_size >= ROW_SCAN_MIN_BYTES
                and info.file_size > ROW_SCAN_MIN_RATIO * max(info.compress_size, 1)
                and info.filename.lower().startswith("xl/worksheets/")
            ):
                _check_row_count(zf, info, name)


def _too_many_rows(sheet: str) -> str:
    limit = f"{MAX_SHEET_ROWS:,}".replace(",", ".")
    return (
        f"wordt geweigerd: werkblad '{sheet}' heeft meer dan {limit} rijen (het maximum van "
        "Excel) — mogelijk een zip-bom"
    )


def _check_row_count(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Count a worksheet's row tags while decompressing it in chunks (never whole), and refuse
    it past MAX_SHEET_ROWS: a zip bomb of one repeated row stops here after a few seconds at
    most, before openpyxl or the fast reader builds anything (issue 23 item 13)."""
    rows = 0
    tail = b""
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(ROW_SCAN_CHUNK):
                block = tail + chunk
                rows += block.count(b"<row ") + block.count(b"<row>")
                tail = block[-4:]  # shorter than a tag: nothing is counted twice
                if rows > MAX_SHEET_ROWS:
                    raise KcrosterInputError(
                        _too_many_rows(info.filename.rsplit("/", 1)[-1]), file=name
                    )
    except KcrosterInputError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile (CRC or size mismatch), ...
        raise KcrosterInputError(
            f"is geen leesbare Excel-werkmap: onderdeel '{info.filename}' is beschadigd",
            file=name,
        ) from exc


def _validated_xlsx_bytes(path: str | Path, max_bytes: int, max_uncompressed: int) -> tuple[str, bytes]:
    name, data = _read_file_bytes(path, max_bytes)
    if data[:8] == _OLE_MAGIC:
        raise KcrosterInputError(
            "is geen Excel-werkmap (.xlsx): oud .xls-formaat of met wachtwoord beveiligd — "
            "sla het bestand in Excel op als 'Excel-werkmap (*.xlsx)'",
            file=name,
        )
    if not is_zip_file(data):
        raise KcrosterInputError("is geen Excel-werkmap (.xlsx)", file=name)
    _inspect_zip(name, data, max_uncompressed)
    return name, data


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
    name, data = _validated_xlsx_bytes(path, max_bytes, max_uncompressed)

    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=data_only)
    except KcrosterInputError:
        raise
    except Exception as exc:  # openpyxl raises many types on malformed parts
        raise KcrosterInputError(
            f"is geen leesbare Excel-werkmap (.xlsx): {_describe(exc)}", file=name
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


def _describe(exc: BaseException) -> str:
    """An exception met while parsing a workbook, in words for the planner.

    defusedxml's refusals (a DTD, entity or external reference) count wherever they sit in the
    chain: openpyxl wraps one met in the shared strings in ``ValueError('Unable to read
    workbook: could not read strings from None')``, which says nothing to a planner."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, _DEFUSED_ERRORS):
            return "bevat verboden XML-entiteiten (mogelijk een XML-aanval)"
        seen = seen.__cause__ or seen.__context__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    kind = type(exc).__name__
    return f"{kind}: {text[:120]}" if text else kind


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
                raise KcrosterInputError(_too_many_rows(ws.title), file=file, sheet=ws.title)
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
            f"werkblad kan niet gelezen worden na rij {row_no}: {_describe(exc)}",
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


# --------------------------------------------------------------------------------------------
# Headers and sheets
# --------------------------------------------------------------------------------------------

_UNIT_SUFFIX = re.compile(r"\s*[\(\[][^)\]]*[\)\]]\s*$")


def normalise_header(text: Any) -> str:
    """``' Afhandel-tijd (sec) '`` → ``'afhandel_tijd'``.

    Lower case, accents stripped (``é`` → ``e``), a trailing unit in brackets dropped, runs of
    spaces/hyphens/underscores → one underscore, BOM and surrounding underscores removed.
    """
    if text is None:
        return ""
    s = str(text).replace("\ufeff", "").strip()
    s = _UNIT_SUFFIX.sub("", s) or s
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[\s\-_]+", "_", s)
    return s.strip("_")


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → 'A', 26 → 'AA')."""
    n = index + 1
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def column_label(index: int, header: Any = None) -> str:
    """How a column is named in messages: ``'C (volume)'``, or just ``'C'``."""
    letter = column_letter(index)
    h = "" if header is None else str(header).strip()
    return f"{letter} ({h})" if h else letter


def resolve_columns(
    headers: Iterable[Any],
    spec: Mapping[str, tuple[str, ...]],
    required: set[str] | frozenset[str],
    *,
    file: str,
    sheet: str | None,
    row: int = 1,
) -> dict[str, int]:
    """Map canonical column names to 0-based indexes in ``headers``.

    ``spec[canonical]`` lists aliases (the canonical name always matches itself); matching uses
    :func:`normalise_header` on both sides. A missing required column raises
    ``"kolom 'X' ontbreekt"``; two headers for the same canonical column raise too.
    """
    headers = list(headers)
    lookup: dict[str, str] = {}
    for canonical, aliases in spec.items():
        for alias in (canonical, *aliases):
            lookup.setdefault(normalise_header(alias), canonical)
    found: dict[str, int] = {}
    for idx, h in enumerate(headers):
        match = lookup.get(normalise_header(h))
        if match is None:
            continue
        canonical = match
        if canonical in found:
            raise KcrosterInputError(
                f"kolom '{canonical}' komt twee keer voor ({column_label(found[canonical], headers[found[canonical]])} "
                f"en {column_label(idx, h)})",
                file=file,
                sheet=sheet,
                row=row,
                column=column_label(idx, h),
            )
        found[canonical] = idx
    missing = [c for c in spec if c in required and c not in found]
    if missing:
        seen = ", ".join(str(h) for h in headers if h not in (None, "")) or "geen"
        first = missing[0]
        aliases = spec[first]
        also = f" (ook herkend als: {', '.join(aliases)})" if aliases else ""
        raise KcrosterInputError(
            f"kolom '{first}' ontbreekt{also}; gevonden kolommen: {seen}",
            file=file,
            sheet=sheet,
            row=row,
            column=first,
        )
    return found


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


# --------------------------------------------------------------------------------------------
# Cell parsers
# --------------------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    """None, empty or whitespace-only text (Excel's 'empty')."""
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    s = str(value)
    return s if len(s) <= 40 else s[:37] + "..."


_GROUP3 = r"\d{1,3}(?:X\d{3})+"
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")


def number_from_text(text: str) -> float | None:
    """Parse number text by the separator rule in the module docstring; ``None`` if not a number."""
    s = text.strip().replace("\u2212", "-")
    if re.search(r"\d[ \u00a0\u202f]+\d", s):
        # Spaces group thousands ("12 500") only in groups of three.
        if not re.fullmatch(r"[+\-\s]*\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d*)?", s):
            return None
        s = re.sub(r"[ \u00a0\u202f]", "", s)
    if not s:
        return None
    sign = 1.0
    if s[0] in "+-":
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:].lstrip()
    if not s:
        return None
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        int_part, _, frac = s.rpartition(dec)
        if not re.fullmatch(_GROUP3.replace("X", re.escape(thou)), int_part):
            return None
        s = int_part.replace(thou, "") + "." + frac
    elif has_comma or has_dot:
        sep = "," if has_comma else "."
        if s.count(sep) == 1:
            s = s.replace(sep, ".")
        elif re.fullmatch(_GROUP3.replace("X", re.escape(sep)), s):
            s = s.replace(sep, "")
        else:
            return None
    if not _PLAIN_NUMBER.fullmatch(s):
        return None
    try:
        v = float(s)
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(v):
        return None
    return sign * v


def parse_number(
    value: Any,
    *,
    file: str | None,
    sheet: str | None,
    row: int | None,
    column: str | None,
    allow_negative: bool = False,
    default: float | None = None,
    allow_percent: bool = False,
) -> float:
    """A finite number from a cell (int, float or text per :func:`number_from_text`).

    Empty cells return ``default`` or raise. ``allow_percent`` accepts a trailing ``%`` (the
    number is returned as written: ``'80%'`` → 80.0).
    """
    where: dict[str, Any] = {"file": file, "sheet": sheet, "row": row, "column": column}
    if is_blank(value):
        if default is not None:
            return float(default)
        raise KcrosterInputError("cel is leeg; een getal verwacht", **where)
    if isinstance(value, bool):
        raise KcrosterInputError(f"'{'WAAR' if value else 'ONWAAR'}' is geen getal", **where)
    if isinstance(value, (int, float)):
        v = float(value)
        if not math.isfinite(v):
            raise KcrosterInputError(f"'{_shown(value)}' is geen eindig getal", **where)
    elif isinstance(value, str):
        text = value.strip()
        if allow_percent and text.endswith("%"):
            text = text[:-1]
        parsed = number_from_text(text)
        if parsed is None:
            raise KcrosterInputError(f"'{_shown(value)}' is geen getal", **where)
        v = parsed
    elif isinstance(value, (datetime, date, time, timedelta)):
        raise KcrosterInputError(f"'{_shown(value)}' is een datum/tijd, geen getal", **where)
    else:
        raise KcrosterInputError(f"'{_shown(value)}' is geen getal", **where)
    if v < 0 and not allow_negative:
        raise KcrosterInputError(f"{_shown(value)} is negatief; een getal ≥ 0 verwacht", **where)
    return v


_DATE_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DATE_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_TIME_TEXT = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?")
_TIME_4DIGITS = re.compile(r"(\d{2})(\d{2})")


def _date_from_text(text: str) -> date | None:
    s = text.strip()
    head, _, tail = s.replace("T", " ", 1).partition(" ")
    if tail.strip():
        # A date column sometimes carries a midnight time ("2026-03-29 00:00:00"); accept only that.
        t = _time_from_text(tail.strip())
        if t is None or t != time(0):
            return None
    m = _DATE_YMD.fullmatch(head)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _DATE_DMY.fullmatch(head)
        if m:
            year = int(m[3])
            if len(m[3]) == 2:
                year += 2000
            return date(year, int(m[2]), int(m[1]))
    except ValueError:
        return None
    if re.fullmatch(r"\d{5}", head):  # an Excel serial exported as text
        return _date_from_serial(float(head))
    return None


def _date_from_serial(v: float) -> date | None:
    if not (1 <= v <= MAX_EXCEL_SERIAL):
        return None
    return EXCEL_EPOCH + timedelta(days=int(math.floor(v)))


def parse_date(
    value: Any, *, file: str | None, sheet: str | None, row: int | None, column: str | None
) -> date:
    """A date from a date/datetime cell, an Excel serial number or text.

    Text: ``jjjj-mm-dd``, ``dd-mm-jjjj``, ``dd/mm/jjjj``, ``dd.mm.jjjj`` (also 2-digit years, read
    as 20jj), optionally followed by a midnight time.
    """
    where: dict[str, Any] = {"file": file, "sheet": sheet, "row": row, "column": column}
    if is_blank(value):
        raise KcrosterInputError("cel is leeg; een datum verwacht", **where)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        d = _date_from_serial(float(value)) if math.isfinite(float(value)) else None
        if d is not None:
            return d
    elif isinstance(value, str):
        d = _date_from_text(value)
        if d is not None:
            return d
    raise KcrosterInputError(
        f"'{_shown(value)}' is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)", **where
    )


def _time_from_text(text: str) -> time | None:
    s = text.strip()
    m = _TIME_TEXT.fullmatch(s) or _TIME_4DIGITS.fullmatch(s)
    if not m:
        return None
    h, mi = int(m[1]), int(m[2])
    sec = int(m[3]) if m.re is _TIME_TEXT and m[3] else 0
    if not (0 <= h < 24 and 0 <= mi < 60 and 0 <= sec < 60):
        return None
    return time(h, mi, sec)


def parse_time(
    value: Any, *, file: str | None, sheet: str | None, row: int | None, column: str | None
) -> time:
    """A wall-clock time from a time/datetime cell, a day fraction (0 ≤ x < 1) or ``HH:MM`` text."""
    where: dict[str, Any] = {"file": file, "sheet": sheet, "row": row, "column": column}
    if is_blank(value):
        raise KcrosterInputError("cel is leeg; een tijd (UU:MM) verwacht", **where)
    if isinstance(value, datetime):
        return value.time().replace(tzinfo=None)
    if isinstance(value, time):
        return value.replace(tzinfo=None)
    if isinstance(value, timedelta):
        secs = value.total_seconds()
        if 0 <= secs < 86400:
            s = int(round(secs))
            return time(s // 3600, (s // 60) % 60, s % 60)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
        if math.isfinite(v) and 0 <= v < 1:
            s = int(round(v * 86400))
            if s < 86400:
                return time(s // 3600, (s // 60) % 60, s % 60)
    elif isinstance(value, str):
        t = _time_from_text(value)
        if t is not None:
            return t
    raise KcrosterInputError(f"'{_shown(value)}' is geen tijd (verwacht UU:MM)", **where)


def parse_datetime(
    value: Any, *, file: str | None, sheet: str | None, row: int | None, column: str | None
) -> datetime:
    """A date with time: a datetime cell, ISO text (``2026-10-25T02:15+01:00``, offset optional)
    or ``dd-mm-jjjj UU:MM``. The result is naive unless the text carried a UTC offset."""
    where: dict[str, Any] = {"file": file, "sheet": sheet, "row": row, "column": column}
    if is_blank(value):
        raise KcrosterInputError("cel is leeg; datum en tijd verwacht", **where)
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return datetime.fromisoformat(s.replace("z", "Z"))
        except ValueError:
            pass
        head, _, tail = s.partition(" ")
        d = _date_from_text(head) if head else None
        t = _time_from_text(tail) if tail else None
        if d is not None and t is not None:
            return datetime.combine(d, t)
    raise KcrosterInputError(
        f"'{_shown(value)}' is geen datum met tijd (verwacht jjjj-mm-ddTUU:MM, eventueel met +01:00)",
        **where,
    )


_TRUE = {"1", "ja", "j", "yes", "y", "true", "waar", "x", "✓", "wel"}
_FALSE = {"0", "nee", "n", "no", "false", "onwaar", "niet", "-"}


def parse_bool(
    value: Any,
    *,
    file: str | None,
    sheet: str | None,
    row: int | None,
    column: str | None,
    default: bool | None = None,
) -> bool:
    """ja/nee, yes/no, waar/onwaar, true/false, 1/0, x; empty → ``default`` or an error."""
    where: dict[str, Any] = {"file": file, "sheet": sheet, "row": row, "column": column}
    if is_blank(value):
        if default is not None:
            return default
        raise KcrosterInputError("cel is leeg; ja of nee verwacht", **where)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        s = value.strip().lower()
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
    raise KcrosterInputError(f"'{_shown(value)}' is geen ja/nee", **where)


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def _decode(name: str, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise KcrosterInputError("bestand is geen geldige UTF-8-tekst", file=name) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode-tekst" export
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise KcrosterInputError("bestand is geen geldige UTF-16-tekst", file=name) from exc
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise KcrosterInputError("is geen tekstbestand (CSV): bevat binaire gegevens", file=name)
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise KcrosterInputError("bestand is geen geldige UTF-16-tekst", file=name) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)" in Windows-1252.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # every byte decodes; cp1252 leaves 5 undefined


# UTF-16 text of Latin letters, digits and separators has a NUL as the high byte of almost every
# character (é is E9 00 too); binary data does not show that pattern on one side only.
UTF16_SAMPLE_BYTES = 64 * 1024
UTF16_MIN_NUL_SHARE = 0.7
UTF16_MAX_OTHER_NUL_SHARE = 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """``'utf-16-le'`` or ``'utf-16-be'`` when ``data`` looks like UTF-16 text saved without a
    byte-order mark (some export tools and scripts do), else ``None``: judged by where the NUL
    bytes of the first 64 kB fall — nearly every odd byte (little-endian) or even byte
    (big-endian), almost never the other one."""
    if len(data) % 2:
        return None  # UTF-16 text has an even number of bytes
    sample = data[:UTF16_SAMPLE_BYTES]  # an even count as well
    half = len(sample) // 2
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd >= UTF16_MIN_NUL_SHARE and even <= UTF16_MAX_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even >= UTF16_MIN_NUL_SHARE and odd <= UTF16_MAX_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def _sniff_delimiter(first_line: str) -> str:
    counts = {";": 0, ",": 0, "\t": 0}
    in_quotes = False
    for ch in first_line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    best = max(counts.values())
    if best == 0:
        return ";"
    # Ties go to ';' then tab: Dutch files are the common case here.
    for d in (";", "\t", ","):
        if counts[d] == best:
            return d
    return ";"  # pragma: no cover


def read_csv_rows(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[str], list[list[str]]]:
    """Read a CSV made by Excel or any tool → ``(headers, rows)``.

    The delimiter (``;``, ``,`` or tab) is sniffed from the header line (an Excel ``sep=;`` first
    line is honoured), a BOM is handled, non-UTF-8 text is read as cp1252, quoted fields may hold
    delimiters and newlines. ``rows[i]`` is record number ``i + 2`` in messages (the header is
    row 1; blank records stay as ``[]`` so numbering matches what a spreadsheet shows).
    """
    name, data = _read_file_bytes(path, max_bytes)
    if is_zip_file(data) or data[:8] == _OLE_MAGIC:
        raise KcrosterInputError("is een Excel-werkmap, geen CSV-tekstbestand", file=name)
    text = _decode(name, data)
    if "\x00" in text:
        raise KcrosterInputError("is geen tekstbestand (CSV): bevat binaire gegevens", file=name)
    lines = text.splitlines()
    skip_sep_line = False
    delimiter = None
    first = next((ln for ln in lines if ln.strip()), "")
    m = re.fullmatch(r'\s*"?sep=(.)"?\s*', first, flags=re.IGNORECASE)
    if m:
        delimiter = m[1]
        skip_sep_line = True
    if delimiter is None:
        delimiter = _sniff_delimiter(first)
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)
    try:
        for rec in reader:
            records.append([field.strip() for field in rec])
    except csv.Error as exc:
        raise KcrosterInputError(
            f"CSV kan niet gelezen worden: {exc}", file=name, row=reader.line_num or None
        ) from exc
    # Leading blank lines and the sep= line are not records.
    while records and not any(records[0]):
        records.pop(0)
    if skip_sep_line and records:
        records.pop(0)
    while records and not any(records[-1]):
        records.pop()
    if not records:
        raise KcrosterInputError("bestand bevat geen gegevens", file=name)
    headers = [h.replace("\ufeff", "") for h in records[0]]
    return headers, records[1:]


# --------------------------------------------------------------------------------------------
# Export safety
# --------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell_text(value: Any) -> Any:
    """For CSV: a text that a spreadsheet could run as a formula gets a leading ``'``.

    Non-text values (numbers, dates) pass through untouched, so a real negative number stays a
    number; only *text* starting with ``= + - @`` / tab / CR is neutralised.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def set_cell_safe(cell: Any, value: Any) -> Any:
    """Assign ``value`` to an openpyxl cell (normal or write-only) without formula injection.

    Text is stored as a string cell (``data_type 's'``) even when it starts with ``=``, and XML
    control characters (which openpyxl refuses) are dropped. Returns the cell.
    """
    if isinstance(value, str):
        clean = _ILLEGAL_XML.sub("", value)
        cell.value = clean
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


# --------------------------------------------------------------------------------------------
# Whole-sheet tables (fast, vectorised)
# --------------------------------------------------------------------------------------------

KIND_EMPTY = 0
KIND_NUMBER = 1  # numbers, and dates/times as Excel serials (days since 1899-12-30)
KIND_TEXT = 2
KIND_BOOL = 3
KIND_ERROR = 4  # '#N/A', '#DIV/0!', ...


@dataclass
class SheetTable:
    """A sheet (or CSV) as dense column arrays: what bulk importers validate vectorised.

    Row ``i`` of the table is row ``row_numbers[i]`` of the file (1-based, as a spreadsheet
    shows it); rows without any value are left out. ``kinds[i, j]`` says what cell ``(i, j)``
    holds; numbers (and dates/times as Excel serials, booleans as 0/1) are in ``numbers``, text
    and error codes in ``texts`` (``None`` elsewhere).
    """

    file: str
    sheet: str | None
    row_numbers: np.ndarray
    kinds: np.ndarray
    numbers: np.ndarray
    texts: np.ndarray

    @property
    def n_rows(self) -> int:
        return int(self.kinds.shape[0])

    @property
    def n_cols(self) -> int:
        return int(self.kinds.shape[1])

    def value(self, i: int, j: int) -> Any:
        """Python value of cell ``(i, j)``: None, float, str or bool."""
        if j >= self.n_cols:
            return None
        k = int(self.kinds[i, j])
        if k == KIND_NUMBER:
            return float(self.numbers[i, j])
        if k == KIND_BOOL:
            return bool(self.numbers[i, j])
        if k in (KIND_TEXT, KIND_ERROR):
            return self.texts[i, j]
        return None

    def row_values(self, i: int) -> list[Any]:
        return [self.value(i, j) for j in range(self.n_cols)]

    def rows_from(self, i: int) -> SheetTable:
        """The table without its first ``i`` rows (e.g. below the header)."""
        return SheetTable(
            self.file, self.sheet, self.row_numbers[i:], self.kinds[i:], self.numbers[i:], self.texts[i:]
        )


def _datetime_to_serial(value: datetime | date | time | timedelta) -> float:
    if isinstance(value, datetime):
        base = datetime.combine(EXCEL_EPOCH, time(0))
        return (value.replace(tzinfo=None) - base).total_seconds() / 86400.0
    if isinstance(value, date):
        return float((value - EXCEL_EPOCH).days)
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400.0
    return value.total_seconds() / 86400.0


def table_from_rows(
    rows: Iterable[Iterable[Any]],
    *,
    file: str,
    sheet: str | None,
    first_row: int = 1,
    row_numbers: Iterable[int] | None = None,
) -> SheetTable:
    """Build a :class:`SheetTable` from Python values (openpyxl rows or CSV records)."""
    kept: list[list[Any]] = []
    numbers_of_rows: list[int] = []
    numbering = iter(row_numbers) if row_numbers is not None else None
    width = 0
    for n, row in enumerate(rows):
        row_no = next(numbering) if numbering is not None else first_row + n
        values = list(row)
        while values and is_blank(values[-1]):
            values.pop()
        if not values:
            continue
        kept.append(values)
        numbers_of_rows.append(row_no)
        width = max(width, len(values))
    n_rows = len(kept)
    kinds = np.zeros((n_rows, width), dtype=np.uint8)
    numbers = np.zeros((n_rows, width), dtype=np.float64)
    texts = np.empty((n_rows, width), dtype=object)
    for i, values in enumerate(kept):
        for j, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, bool):
                kinds[i, j] = KIND_BOOL
                numbers[i, j] = float(v)
            elif isinstance(v, (int, float)):
                fv = float(v)
                if math.isfinite(fv):
                    kinds[i, j] = KIND_NUMBER
                    numbers[i, j] = fv
                else:
                    kinds[i, j] = KIND_TEXT
                    texts[i, j] = str(v)
            elif isinstance(v, (datetime, date, time, timedelta)):
                kinds[i, j] = KIND_NUMBER
                numbers[i, j] = _datetime_to_serial(v)
            elif isinstance(v, str):
                if v.strip():
                    kinds[i, j] = KIND_ERROR if v.startswith("#") and v.upper() in _EXCEL_ERRORS else KIND_TEXT
                    texts[i, j] = v
            else:
                kinds[i, j] = KIND_TEXT
                texts[i, j] = str(v)
    return SheetTable(
        file, sheet, np.asarray(numbers_of_rows, dtype=np.int64), kinds, numbers, texts
    )


_EXCEL_ERRORS = {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"}

_XML_TAG = re.compile(r"<[^>]*>")
_XML_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _xml_text(raw: bytes) -> str:
    """Text of an XML fragment: tags removed, the five entities and char refs decoded."""
    s = raw.decode("utf-8", errors="replace")
    if "\r" in s:  # XML end-of-line normalisation, as every XML parser does
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if "<" in s:
        s = "".join(re.findall(r"<t\b[^>]*>([^<]*)</t>", s)) if "<t" in s else _XML_TAG.sub("", s)

    def entity(m: re.Match[str]) -> str:
        e = m[1]
        if e in _NAMED_ENTITIES:
            return _NAMED_ENTITIES[e]
        try:
            code = int(e[2:], 16) if e.startswith("#x") else int(e[1:])
            return chr(code)
        except (ValueError, OverflowError):
            return m[0]

    return _XML_ENTITY.sub(entity, s) if "&" in s else s


def _fast_sheet_table(ws: Any, *, file: str, max_cells: int) -> SheetTable | None:
    """Parse a read-only worksheet's XML with the fast reader; ``None`` when not applicable."""
    archive = getattr(getattr(ws, "parent", None), "_archive", None)
    path = getattr(ws, "_worksheet_path", None)
    shared = getattr(ws, "_shared_strings", None)
    if archive is None or path is None or shared is None:
        return None
    with archive.open(path) as stream:
        return _table_from_sheet_xml(stream, shared, file=file, sheet=ws.title, max_cells=max_cells)


# The sheet XML is read in pieces of about this size, each cut just after a '</row>': a year's
# forecast (251 MB of XML) is never in memory whole, nor are per-cell objects for all of it.
PARSE_CHUNK = 8 * MB
# What a header look reads: the first piece of a 64 kB read holds the first rows.
HEADER_CHUNK = 64 * 1024
HEADER_ROWS = 50


def _table_from_sheet_xml(
    stream: BinaryIO,
    shared: Any,
    *,
    file: str,
    sheet: str,
    max_cells: int,
    chunk_bytes: int = PARSE_CHUNK,
    max_pieces: int | None = None,
) -> SheetTable | None:
    """The fast path proper: a sheet XML stream + shared strings → table, or ``None``.

    The stream is read ``chunk_bytes`` at a time and parsed in pieces that end after a
    ``</row>`` (a cell never spans two pieces), so the result is that of one parse of the whole
    document (``tests/io/test_workbook_speed_parse.py`` checks it); the checks come in the same
    order as they would on the whole document. ``max_pieces``: stop after that many pieces
    (the first rows of a sheet, for :meth:`WorkbookArchive.header_table`).
    """
    pieces = _row_pieces(stream, chunk_bytes)
    parts: list[_Cells] = []
    n_tags = 0
    readable = True  # every cell so far is in a layout the fast reader knows
    sheet_data = False
    # Millions of small tuples (the regex reader) would trigger the cyclic GC over and over.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for count, piece in enumerate(pieces, start=1):
            if b"<!DOCTYPE" in piece or b"<!ENTITY" in piece:
                # The fast reader expands nothing, but a DTD never belongs in a sheet: refuse it.
                raise KcrosterInputError(
                    "wordt geweigerd: het werkblad bevat een DTD/entiteiten (mogelijk een XML-aanval)",
                    file=file,
                    sheet=sheet,
                )
            sheet_data = sheet_data or b"<sheetData" in piece
            cells = _vector_cells(piece) if readable else None
            n_tags += _cell_tags(piece) if cells is None else cells.rows.size
            if n_tags > max_cells:
                readable = False  # refused below; reading on only to find a DTD first
            if readable and cells is None:
                cells = _regex_cells(piece)
                readable = cells is not None
            if readable and cells is not None and cells.rows.size:
                parts.append(cells)
            if count == max_pieces:
                break
    finally:
        if was_enabled:
            gc.enable()
    if not sheet_data:
        return None
    if n_tags > max_cells:
        raise KcrosterInputError(f"werkblad heeft meer dan {max_cells} cellen", file=file, sheet=sheet)
    if not readable:
        return None
    return _cells_to_table(parts, shared, file=file, sheet=sheet, max_cells=max_cells)


def _row_pieces(stream: BinaryIO, chunk_bytes: int) -> Iterator[bytes]:
    """The stream's bytes in consecutive pieces, each but the last ending just after ``</row>``."""
    pending: list[bytes] = []
    while data := stream.read(chunk_bytes):
        before = pending[-1][-5:] if pending else b""  # a '</row>' may start in the previous read
        at = (before + data).rfind(b"</row>")
        if at < 0:
            pending.append(data)
            continue
        cut = at + 6 - len(before)
        yield b"".join([*pending, data[:cut]])
        pending = [data[cut:]] if cut < len(data) else []
    if pending:
        yield b"".join(pending)


_TYPE_CODES = {"n": 0, "s": 1, "inlineStr": 2, "b": 3, "e": 4, "str": 5, "d": 6}


@dataclass
class _Cells:
    """The cells of one piece of sheet XML in document order, as flat arrays.

    ``values`` holds the number of an ``n`` cell, the shared-string index of an ``s`` cell and
    0/1 of a ``b`` cell; ``raw`` the ``<is>`` content of an ``inlineStr`` cell and the ``<v>``
    text of any other type. ``bad_number``/``bad_index``: a value ``float()``/``int()`` refuses.
    """

    rows: np.ndarray
    cols: np.ndarray
    types: np.ndarray
    has_v: np.ndarray
    values: np.ndarray
    raw: np.ndarray
    bad_number: bool = False
    bad_index: bool = False


def _column_index(letters: np.ndarray) -> np.ndarray:
    """(n, 3) uint8 column letters, NUL-padded on the right → 0-based column indexes."""
    codes = letters.astype(np.int32)
    present = codes > 0
    digits = np.where(present, codes - 64, 0)
    width = present.sum(axis=1)
    one, two = digits[:, 0], digits[:, 0] * 26 + digits[:, 1]
    return np.where(width == 1, one, np.where(width == 2, two, two * 26 + digits[:, 2])) - 1


def _type_codes(types: np.ndarray) -> np.ndarray:
    """``t`` attributes as an S9 array → :data:`_TYPE_CODES` (absent: number; unknown: text)."""
    code = np.full(types.size, _TYPE_CODES["str"], dtype=np.int8)
    code[types == b""] = _TYPE_CODES["n"]
    for name, c in _TYPE_CODES.items():
        code[types == name.encode("ascii")] = c
    return code


def _object_array(items: list[Any]) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _float_values(texts: list[bytes]) -> np.ndarray | None:
    try:
        return np.fromiter(map(float, texts), dtype=np.float64, count=len(texts))
    except ValueError:
        return None


def _index_values(texts: list[bytes]) -> np.ndarray | None:
    try:
        return np.fromiter(map(int, texts), dtype=np.int64, count=len(texts)).astype(np.float64)
    except (ValueError, OverflowError):
        return None


# One regex over the sheet XML recognises the cell layout Excel, LibreOffice and openpyxl write:
# <c r="B7" s=".." t=".."> [<f>..</f>] [<v>..</v> | <is>..</is>] </c>. Any cell it cannot match
# makes the match count differ from the number of cell tags, and we fall back to openpyxl.
_CELL_RE = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="[0-9]+")?(?: t="([a-zA-Z]{1,9})")?(?: (?:cm|vm|ph)="[^"]*")*'
    rb"(?:/>|>(?:<f\b[^>/]*(?:/>|>[^<]*</f>))?"
    rb"(?:<v>([^<]*)</v>)?(?:<is>([^<]*(?:<(?!/is>)[^<]*)*)</is>)?</c>)",
)


def _cell_tags(piece: bytes) -> int:
    """How many cell tags ``piece`` holds (``<c>`` too: a cell without attributes must not be
    passed over unseen — the regex does not match it, so the count tells)."""
    return piece.count(b"<c ") + piece.count(b"<c>")


def _regex_cells(piece: bytes) -> _Cells | None:
    """Every cell of ``piece`` by :data:`_CELL_RE`; ``None`` when a cell tag does not match."""
    cells = _CELL_RE.findall(piece)
    if len(cells) != _cell_tags(piece):
        return None
    n = len(cells)
    col_b, row_b, type_b, v_b, is_b = (list(map(itemgetter(k), cells)) for k in range(5))
    del cells
    types = _type_codes(np.asarray(type_b, dtype="S9"))
    has_v = np.fromiter(map(len, v_b), dtype=np.int64, count=n) > 0
    values = np.zeros(n, dtype=np.float64)
    raw = np.empty(n, dtype=object)
    out = _Cells(
        np.asarray(row_b, dtype="S7").astype(np.int32),
        _column_index(np.asarray(col_b, dtype="S3").view(np.uint8).reshape(n, 3)),
        types,
        has_v,
        values,
        raw,
    )
    for code in np.unique(types).tolist():
        sel = types == code
        if code == _TYPE_CODES["inlineStr"]:
            idx = np.flatnonzero(sel)
            raw[idx] = _object_array([is_b[i] for i in idx.tolist()])
            continue
        idx = np.flatnonzero(sel & has_v)
        texts = [v_b[i] for i in idx.tolist()]
        if code == _TYPE_CODES["n"]:
            nums = _float_values(texts)
            out.bad_number = nums is None
            if nums is not None:
                values[idx] = nums
        elif code == _TYPE_CODES["s"]:
            sidx = _index_values(texts)
            out.bad_index = sidx is None
            if sidx is not None:
                values[idx] = sidx
        elif code == _TYPE_CODES["b"]:
            values[idx] = [x.strip() == b"1" for x in texts]
        else:
            raw[idx] = _object_array(texts)
    return out


_AR = np.arange(32)
_AR64 = np.arange(64)
_PAD = b"\0" * 64  # past the end of a piece: every read below sees zeros there and never matches
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[48:58] = True
_UPPER = np.zeros(256, dtype=bool)
_UPPER[65:91] = True
_LETTER = _UPPER.copy()
_LETTER[97:123] = True
_POW10 = 10.0 ** np.arange(19)
_POW10_INT = 10 ** np.arange(8, dtype=np.int64)
_EXACT = 2**53  # integers up to this are exact doubles


class _Bytes:
    """A piece of sheet XML as arrays: its bytes, and the 8-byte word at every byte offset (an
    unaligned view, no copy), so a tag test is one comparison per position."""

    def __init__(self, piece: bytes) -> None:
        self.n = len(piece)
        self.data = piece + _PAD
        self.a = np.frombuffer(self.data, dtype=np.uint8)
        self.words = np.ndarray((len(self.data) - 7,), dtype="<u8", buffer=self.data, strides=(1,))

    def at(self, pos: np.ndarray, pattern: bytes) -> np.ndarray:
        """For each position, whether ``pattern`` (at most 8 bytes) starts there."""
        value = int.from_bytes(pattern.ljust(8, b"\0"), "little")
        w = self.words[pos]
        if len(pattern) < 8:
            w = w & np.uint64((1 << (8 * len(pattern))) - 1)
        return w == np.uint64(value)

    def window(self, start: np.ndarray, width: int) -> np.ndarray:
        """The ``width`` bytes from each start, one row per start."""
        return np.lib.stride_tricks.sliding_window_view(self.a, width)[start]

    def until(self, start: np.ndarray, stop: int, width: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The bytes from each start up to the first ``stop`` byte within ``width``, as a
        window and the lengths; ``None`` when some start has no ``stop`` that near."""
        win = self.window(start, width)
        hit = win == stop
        length = np.argmax(hit, axis=1)
        if not hit[np.arange(length.size), length].all():
            return None
        return win, length

    def slices(self, start: np.ndarray, end: np.ndarray) -> list[bytes]:
        data = self.data
        return [data[i:j] for i, j in zip(start.tolist(), end.tolist(), strict=True)]


def _attribute(
    b: _Bytes, p: np.ndarray, name: bytes, allowed: np.ndarray, longest: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """The cells (at positions ``p``, just after the previous attribute) that have
    `` name="…"`` next: their indexes and values (NUL-padded to 9 bytes); ``p`` moves past the
    attribute. ``None`` when a value is empty, longer than ``longest`` or holds a byte not
    ``allowed``."""
    has = b.at(p, b" " + name + b'="')
    if not has.any():
        return has, np.zeros((0, 9), dtype=np.uint8)
    start = p[has] + len(name) + 3
    found = b.until(start, 34, 10)
    if found is None:
        return None
    win, length = found
    inside = _AR[:10] < length[:, None]
    if length.min() < 1 or length.max() > longest or not (allowed[win] | ~inside).all():
        return None
    p[has] = start + length + 1
    return has, np.where(inside, win, 0)[:, :9].astype(np.uint8)


def _vector_cells(piece: bytes) -> _Cells | None:
    """The cells of ``piece`` found with array operations on its bytes, several times faster
    than the regex.

    It knows only the plainest layout (Excel's and openpyxl's usual cells): ``<c r="B7"
    [s="3"] [t="n"]`` then ``/>``, ``></c>``, ``><v>…</v></c>`` (a value of at most 40 bytes)
    or ``><is><t>…</t></is></c>``. On anything else — a formula, rich text, another attribute —
    it returns ``None`` and the piece goes to :func:`_regex_cells`; where it answers, it gives
    what the regex gives.
    """
    b = _Bytes(piece)
    lts = np.flatnonzero(b.a[: b.n] == 60)
    tag = b.words[lts] & np.uint64(0xFFFFFF)
    if (tag == np.uint64(int.from_bytes(b"<c>", "little"))).any():
        return None  # a cell without attributes: the regex counts it and gives up
    cs = lts[tag == np.uint64(int.from_bytes(b"<c ", "little"))]
    m = cs.size
    if m == 0 or not b.at(cs + 3, b'r="').all():
        return None
    # r="B7": 1-3 capitals, 1-7 digits, the closing quote
    found = b.until(cs + 6, 34, 12)
    if found is None:
        return None
    ref, length = found
    n_letters = np.argmin(_UPPER[ref], axis=1)
    if n_letters.min() < 1 or n_letters.max() > 3 or (length - n_letters).min() < 1:
        return None
    if (length - n_letters).max() > 7 or not (_DIGIT[ref] | (_AR[:12] < n_letters[:, None]) | (_AR[:12] >= length[:, None])).all():
        return None
    rows = np.zeros(m, dtype=np.int64)
    cols = np.zeros(m, dtype=np.int64)
    groups = np.unique(n_letters).tolist() if n_letters.min() != n_letters.max() else [int(n_letters[0])]
    for g in groups:
        sel = slice(None) if len(groups) == 1 else np.flatnonzero(n_letters == g)
        # the digits as a 7-digit number (zeros after the last), then shifted right
        n_digits = length[sel] - g
        digits = np.where(_AR[:7] < n_digits[:, None], ref[sel, g : g + 7], 48).astype(np.int64) - 48
        number = digits[:, 0]
        for k in range(1, 7):  # no matrix product: BLAS would spin up threads for this
            number = number * 10 + digits[:, k]
        rows[sel] = number // _POW10_INT[7 - n_digits]
        letter = ref[sel, :g].astype(np.int64) - 64
        index = letter[:, 0]
        for k in range(1, g):
            index = index * 26 + letter[:, k]
        cols[sel] = index - 1
    p = cs + 6 + length + 1
    if _attribute(b, p, b"s", _DIGIT, 8) is None:
        return None
    typed = _attribute(b, p, b"t", _LETTER, 9)
    if typed is None:
        return None
    closed = b.at(p, b"/>")
    if not (closed | b.at(p, b">")).all():
        return None
    at = np.flatnonzero(~closed)
    content = p[at] + 1
    value = b.at(content, b"<v>")
    inline = b.at(content, b"<is><t>")
    if not (value | inline | b.at(content, b"</c>")).all():
        return None
    v_at = at[value]
    found = b.until(content[value] + 3, 60, 41)
    if found is None:
        return None
    v_win, v_len = found
    if not b.at(content[value] + 3 + v_len, b"</v></c>").all():
        return None
    lts = np.append(lts, b.n)  # a sentinel: a text without its end tag lands on the padding
    text_end = lts[np.searchsorted(lts, content[inline] + 7)]
    if not (b.at(text_end, b"</t></is") & b.at(text_end + 8, b"></c>")).all():
        return None
    types = np.full(m, _TYPE_CODES["n"], dtype=np.int8)
    types[typed[0]] = _type_codes(np.ascontiguousarray(typed[1]).view("S9").ravel())
    has_v = np.zeros(m, dtype=bool)
    has_v[v_at] = v_len > 0
    values = np.zeros(m, dtype=np.float64)
    raw = np.empty(m, dtype=object)
    out = _Cells(rows.astype(np.int32), cols.astype(np.int32), types, has_v, values, raw)
    # the <is> content is '<t>…</t>', as the regex captures it; '' for an inlineStr without one
    is_start = np.zeros(m, dtype=np.int64)
    is_end = np.zeros(m, dtype=np.int64)
    is_start[at[inline]] = content[inline] + 4
    is_end[at[inline]] = text_end + 4
    # row in v_win of each cell with a value
    v_row = np.full(m, -1, dtype=np.int64)
    v_row[v_at] = np.arange(v_at.size)
    for code in np.unique(types).tolist():
        sel = types == code
        if code == _TYPE_CODES["inlineStr"]:
            idx = np.flatnonzero(sel)
            raw[idx] = _inline_texts(b, is_start[idx], is_end[idx])
            continue
        idx = np.flatnonzero(sel & has_v)
        if idx.size == 0:
            continue
        n = v_len[v_row[idx]]
        width = int(n.max())
        win = np.where(_AR[:width] < n[:, None], v_win[v_row[idx], :width], 0).astype(np.uint8)
        start = content[value][v_row[idx]] + 3
        if code == _TYPE_CODES["n"]:
            # a column repeats its values (dates, AHTs): each distinct text is converted once
            same, first = _distinct_rows(win)
            nums = _decimal_values(win[first], n[first])
            slow = np.flatnonzero(np.isnan(nums))
            if slow.size:
                rest = _float_values(b.slices(start[first[slow]], start[first[slow]] + n[first[slow]]))
                if rest is None:
                    out.bad_number = True
                    continue
                nums[slow] = rest
            values[idx] = nums[same]
        elif code == _TYPE_CODES["s"]:
            sidx = _decimal_values(win, n, integers=True)
            if np.isnan(sidx).any():
                sidx = _index_values(b.slices(start, start + n))
            out.bad_index = sidx is None
            if sidx is not None:
                values[idx] = sidx
        elif code == _TYPE_CODES["b"]:
            values[idx] = [x.strip() == b"1" for x in b.slices(start, start + n)]
        else:
            raw[idx] = _object_array(b.slices(start, start + n))
    return out


def _inline_texts(b: _Bytes, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The ``<is>`` contents as bytes objects; a column repeats its texts (queue names), so
    short ones are cut out once per distinct text."""
    length = end - start
    width = int(length.max())
    if width == 0 or width > 64:
        return _object_array(b.slices(start, end))
    win = np.where(_AR64[:width] < length[:, None], b.window(start, width), 0).astype(np.uint8)
    same, first = _distinct_rows(win)
    return _object_array(b.slices(start[first], end[first]))[same]


def _distinct_rows(win: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of a byte window as (code of each row, one row index per code): equal rows get
    one code. Exact: the rows are compared as 8-byte words, each word column factorised."""
    import pandas as pd

    m, width = win.shape
    padded = np.zeros((m, -(-width // 8) * 8), dtype=np.uint8)
    padded[:, :width] = win
    words = padded.view("<u8")
    same = np.zeros(m, dtype=np.int64)
    for k in range(words.shape[1]):
        codes, uniques = pd.factorize(words[:, k])
        same, _ = pd.factorize(same * len(uniques) + codes)
    first = np.empty(int(same.max()) + 1, dtype=np.int64)
    first[same] = np.arange(m)
    return same, first


def _decimal_values(win: np.ndarray, length: np.ndarray, *, integers: bool = False) -> np.ndarray:
    """Plain decimals (``-12.5``, ``46023``, ``.25``: an optional minus, 1-18 digits and at
    most one point) whose digits make at most 2**53, converted exactly as ``float()`` does: an
    exact integer divided by an exact power of ten is rounded once, correctly. NaN for any
    other text (``float()`` decides those). ``integers``: no point either."""
    width = int(length.max())
    win = win[:, :width]
    inside = _AR[:width] < length[:, None]
    digit = _DIGIT[win] & inside
    point = (win == 46) & inside
    minus = win[:, 0] == 45
    n_digits = digit.sum(axis=1)
    n_points = point.sum(axis=1)
    plain = (n_digits >= 1) & (n_digits <= 18) & (n_points <= (0 if integers else 1))
    plain &= n_digits + n_points + minus == length
    at_point = np.where(n_points > 0, np.argmax(point, axis=1), width)
    # the text without its point, for numpy's integer parser: '-12.5' -> '-125'
    here = np.where(inside, win, 0)
    after = np.zeros_like(here)
    after[:, :-1] = here[:, 1:]
    text = np.where(_AR[:width] < at_point[:, None], here, after).astype(np.uint8)
    text[~plain] = 0
    text[~plain, 0] = 48
    mantissa = np.abs(text.view(f"S{width}").ravel().astype(np.int64))
    plain &= mantissa <= _EXACT
    scale = np.where(n_points > 0, length - 1 - at_point, 0)
    out = mantissa.astype(np.float64) / _POW10[np.where(plain, scale, 0)]
    out = np.copysign(out, np.where(minus, -1.0, 1.0))
    out[~plain] = np.nan
    return out


def _joined(parts: list[_Cells]) -> _Cells:
    if len(parts) == 1:
        return parts[0]
    fields = ("rows", "cols", "types", "has_v", "values", "raw")
    joined = {f: np.concatenate([getattr(p, f) for p in parts]) for f in fields}
    return _Cells(
        **joined,
        bad_number=any(p.bad_number for p in parts),
        bad_index=any(p.bad_index for p in parts),
    )


def _cells_to_table(
    parts: list[_Cells], shared: Any, *, file: str, sheet: str, max_cells: int
) -> SheetTable | None:
    """The parsed cells of all pieces → the table (rows sorted, text decoded, located checks)."""
    import pandas as pd

    if not parts:
        return table_from_rows([], file=file, sheet=sheet)
    cells = _joined(parts)
    parts.clear()
    n = int(cells.rows.size)
    rows = cells.rows
    # Cells come row by row, so a new row starts where the reference's row number changes.
    starts = np.empty(n, dtype=bool)
    starts[0] = True
    np.not_equal(rows[1:], rows[:-1], out=starts[1:])
    first_cells = np.flatnonzero(starts)
    del starts
    row_numbers = rows[first_cells].astype(np.int64)
    in_order = row_numbers.size < 2 or bool((np.diff(row_numbers) > 0).all())
    row_codes: np.ndarray | None = None
    if not in_order:
        # Rows out of order or split: number them by distinct row number instead.
        row_numbers, row_codes = np.unique(rows.astype(np.int64), return_inverse=True)
    # Either way the table's rows are row_numbers in increasing order.
    ci = cells.cols
    type_code = cells.types
    n_rows = int(row_numbers.size)
    if n_rows > MAX_SHEET_ROWS:
        raise KcrosterInputError(_too_many_rows(sheet), file=file, sheet=sheet)
    n_cols = int(ci.max()) + 1
    if n_rows * n_cols > max_cells:
        raise KcrosterInputError(
            f"werkblad is onredelijk groot ({n_rows} rijen × {n_cols} kolommen)", file=file, sheet=sheet
        )
    if cells.bad_number or cells.bad_index:
        return None  # a value float()/int() refuses: openpyxl says what is wrong with it
    kinds = np.zeros((n_rows, n_cols), dtype=np.uint8)
    numbers = np.zeros((n_rows, n_cols), dtype=np.float64)
    texts = np.empty((n_rows, n_cols), dtype=object)
    has_v = cells.has_v
    # flat positions in the (row, column) arrays: one index per cell instead of two (half the
    # memory in int32); a row's cells are consecutive when rows are in order
    index = np.int32 if n_rows * n_cols < 2**31 else np.int64
    if row_codes is None:
        counts = np.diff(np.append(first_cells, n))
        flat = np.repeat(np.arange(n_rows, dtype=index) * index(n_cols), counts)
    else:
        flat = (row_codes * n_cols).astype(index)
    flat += ci.astype(index, copy=False)
    del ci, row_codes, first_cells
    kinds_f, numbers_f, texts_f = kinds.reshape(-1), numbers.reshape(-1), texts.reshape(-1)

    def put_text(idx: np.ndarray, vals: np.ndarray, kind: int = KIND_TEXT, codes: np.ndarray | None = None) -> None:
        """Store text cells; ``vals`` are the distinct texts when ``codes`` maps cells onto them."""
        nonempty = np.fromiter((bool(x) and not x.isspace() for x in vals.tolist()), dtype=bool, count=vals.size)
        if codes is not None:
            nonempty, vals = nonempty[codes], vals[codes]
        idx, vals = idx[nonempty], vals[nonempty]
        kinds_f[flat[idx]] = kind
        texts_f[flat[idx]] = vals

    for code in np.flatnonzero(np.bincount(type_code, minlength=len(_TYPE_CODES))).tolist():
        sel = type_code == code
        if code == _TYPE_CODES["inlineStr"]:
            idx = np.flatnonzero(sel)
            codes, uniq = pd.factorize(cells.raw[idx])
            decoded = np.asarray([_xml_text(u) for u in uniq] + [None], dtype=object)[:-1]
            put_text(idx, decoded, codes=codes)
            continue
        idx = np.flatnonzero(sel & has_v)
        if idx.size == 0:
            continue
        if code == _TYPE_CODES["n"]:
            nums = cells.values[idx]
            finite = np.isfinite(nums)
            at = flat[idx] if finite.all() else flat[idx[finite]]
            kinds_f[at] = KIND_NUMBER
            numbers_f[at] = nums if finite.all() else nums[finite]
            del at
            if not finite.all():  # 'nan'/'inf' in a number cell: keep as text so checks refuse it
                bad = idx[~finite]
                put_text(bad, np.asarray([str(x) for x in nums[~finite].tolist()], dtype=object))
        elif code == _TYPE_CODES["s"]:
            sidx = cells.values[idx].astype(np.int64)
            if sidx.min() < 0 or sidx.max() >= len(shared):
                raise KcrosterInputError("verwijzing naar een tekst die niet bestaat", file=file, sheet=sheet)
            used, inverse = np.unique(sidx, return_inverse=True)
            strings = np.asarray([_shared_text(shared[int(u)]) for u in used] + [None], dtype=object)[:-1]
            put_text(idx, strings, codes=inverse.reshape(-1))
        elif code == _TYPE_CODES["b"]:
            kinds_f[flat[idx]] = KIND_BOOL
            numbers_f[flat[idx]] = cells.values[idx]
        elif code == _TYPE_CODES["e"]:
            put_text(idx, np.asarray([_xml_text(x) for x in cells.raw[idx].tolist()], dtype=object), KIND_ERROR)
        elif code == _TYPE_CODES["d"]:
            for k, x in zip(idx.tolist(), cells.raw[idx].tolist(), strict=True):
                text = _xml_text(x)
                try:
                    moment = datetime.fromisoformat(text)
                except ValueError:
                    if text.strip():
                        kinds_f[flat[k]] = KIND_TEXT
                        texts_f[flat[k]] = text
                    continue
                kinds_f[flat[k]] = KIND_NUMBER
                numbers_f[flat[k]] = _datetime_to_serial(moment)
        else:  # 'str' (formula text result) and anything unknown: text
            put_text(idx, np.asarray([_xml_text(x) for x in cells.raw[idx].tolist()], dtype=object))
    del cells
    keep = kinds.any(axis=1)
    if not keep.all():
        row_numbers, kinds, numbers, texts = row_numbers[keep], kinds[keep], numbers[keep], texts[keep]
    return SheetTable(file, sheet, row_numbers, kinds, numbers, texts)


def _shared_text(item: Any) -> str:
    return item if isinstance(item, str) else str(item)


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
            f"werkblad kan niet gelezen worden: {_describe(exc)}", file=file, sheet=ws.title
        ) from exc
    if table is not None:
        return table
    return table_from_rows(
        iter_sheet_rows(ws, file=file, max_cells=max_cells), file=file, sheet=ws.title
    )


def csv_table(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SheetTable:
    """A CSV file as a :class:`SheetTable` of text cells (header included as the first row)."""
    name = Path(path).name
    headers, rows = read_csv_rows(path, max_bytes=max_bytes)
    width = max([len(headers)] + [len(r) for r in rows])
    kept = [headers] + rows
    numbering = [1] + [i + 2 for i in range(len(rows))]
    padded = [r + [""] * (width - len(r)) for r in kept]
    keep = [i for i, r in enumerate(padded) if any(padded[i])]
    texts = np.empty((len(keep), width), dtype=object)
    if keep:
        texts[:, :] = np.asarray([padded[i] for i in keep], dtype=object).reshape(len(keep), width)
    blank = np.vectorize(lambda s: not s, otypes=[bool])(texts) if texts.size else np.zeros(texts.shape, bool)
    kinds = np.where(blank, KIND_EMPTY, KIND_TEXT).astype(np.uint8)
    texts[blank] = None
    return SheetTable(
        name,
        None,
        np.asarray([numbering[i] for i in keep], dtype=np.int64),
        kinds,
        np.zeros(texts.shape, dtype=np.float64),
        texts,
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
                f"is geen leesbare Excel-werkmap (.xlsx): {_describe(exc)}", file=file
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
        path = self._sheet_paths.get(sheet)
        try:
            if path is not None and path in self._zip.namelist():
                shared = self._shared_strings()
                with self._zip.open(path) as stream:
                    table = _table_from_sheet_xml(
                        stream, shared, file=self.file, sheet=sheet, max_cells=self._max_cells
                    )
                if table is not None:
                    return table
            return self._openpyxl_table(sheet)
        except KcrosterInputError:
            raise
        except Exception as exc:
            raise KcrosterInputError(
                f"werkblad kan niet gelezen worden: {_describe(exc)}", file=self.file, sheet=sheet
            ) from exc

    def header_table(self, sheet: str) -> SheetTable:
        """The first rows of the sheet (at least its first row), read without parsing the rest:
        enough to tell whether a sheet is in a format an importer knows."""
        path = self._sheet_paths.get(sheet)
        try:
            if path is not None and path in self._zip.namelist():
                shared = self._shared_strings()
                with self._zip.open(path) as stream:
                    table = _table_from_sheet_xml(
                        stream, shared, file=self.file, sheet=sheet, max_cells=self._max_cells,
                        chunk_bytes=HEADER_CHUNK, max_pieces=1,
                    )
                if table is not None:
                    return table
            return self._openpyxl_table(sheet, max_rows=HEADER_ROWS)
        except KcrosterInputError:
            raise
        except Exception as exc:
            raise KcrosterInputError(
                f"werkblad kan niet gelezen worden: {_describe(exc)}", file=self.file, sheet=sheet
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
    name, data = _validated_xlsx_bytes(path, max_bytes, max_uncompressed)
    return WorkbookArchive(name, data, max_cells=max_cells)


# --------------------------------------------------------------------------------------------
# Vectorised column conversion (bulk importers)
# --------------------------------------------------------------------------------------------


def column_numbers(
    table: SheetTable,
    j: int,
    *,
    column: str,
    rows: np.ndarray | None = None,
    allow_negative: bool = False,
    empty: float | None = None,
) -> np.ndarray:
    """Column ``j`` as float64 for table rows ``rows`` (default: all), checked cell by cell.

    Numbers pass; text goes through :func:`number_from_text` once per distinct text; an empty
    cell becomes ``empty`` (or is an error when ``empty`` is None); booleans and Excel errors
    are refused. The first bad cell raises a located :class:`KcrosterInputError`.
    """
    idx = np.arange(table.n_rows) if rows is None else rows
    if j >= table.n_cols:
        kinds = np.zeros(idx.size, dtype=np.uint8)
        out = np.zeros(idx.size, dtype=np.float64)
    else:
        kinds = table.kinds[idx, j]
        out = table.numbers[idx, j].copy()
    bad = np.zeros(idx.size, dtype=bool)
    is_text = kinds == KIND_TEXT
    if is_text.any():
        texts = table.texts[idx[is_text], j]
        cache: dict[str, float] = {}
        vals = np.empty(texts.size, dtype=np.float64)
        for n, t in enumerate(texts.tolist()):
            v = cache.get(t)
            if v is None:
                parsed = number_from_text(t)
                v = math.nan if parsed is None else parsed
                cache[t] = v
            vals[n] = v
        out[is_text] = vals
        bad[is_text] = np.isnan(vals)
    bad |= (kinds == KIND_BOOL) | (kinds == KIND_ERROR)
    is_empty = kinds == KIND_EMPTY
    if empty is None:
        bad |= is_empty
    else:
        out[is_empty] = empty
    if not allow_negative:
        bad |= (out < 0) & ~is_empty
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        i = int(idx[first])
        value = table.value(i, j) if j < table.n_cols else None
        where: dict[str, Any] = {
            "file": table.file, "sheet": table.sheet, "row": int(table.row_numbers[i]), "column": column
        }
        # parse_number words the reason; it must raise for a cell flagged bad here.
        parse_number(value, allow_negative=allow_negative, **where)
        raise KcrosterInputError(f"'{_shown(value)}' is geen geldig getal", **where)  # pragma: no cover
    return out


def column_texts(table: SheetTable, j: int, *, column: str, rows: np.ndarray | None = None) -> np.ndarray:
    """Column ``j`` as stripped text (numbers written without '.0'); empty cells are errors."""
    idx = np.arange(table.n_rows) if rows is None else rows
    kinds = table.kinds[idx, j] if j < table.n_cols else np.zeros(idx.size, dtype=np.uint8)
    bad = (kinds == KIND_EMPTY) | (kinds == KIND_ERROR)
    if bad.any():
        i = int(idx[int(np.flatnonzero(bad)[0])])
        value = table.value(i, j) if j < table.n_cols else None
        reason = "cel is leeg; een naam verwacht" if value is None else f"'{_shown(value)}' is een Excel-fout"
        raise KcrosterInputError(
            reason, file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=column
        )
    out = np.empty(idx.size, dtype=object)
    is_text = (kinds == KIND_TEXT)
    if is_text.any():
        out[is_text] = [t.strip() for t in table.texts[idx[is_text], j].tolist()]
    other = ~is_text
    if other.any():
        nums = table.numbers[idx[other], j]
        out[other] = [
            ("WAAR" if v else "ONWAAR") if k == KIND_BOOL else (str(int(v)) if float(v).is_integer() else str(v))
            for v, k in zip(nums.tolist(), kinds[other].tolist(), strict=True)
        ]
    return out
