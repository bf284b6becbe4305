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
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from kcroster.model.errors import KcrosterInputError

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
DEFAULT_MAX_UNCOMPRESSED = 500 * MB
DEFAULT_MAX_CELLS = 20_000_000
MAX_ZIP_MEMBERS = 10_000
# Real xlsx XML compresses 5–30×, very repetitive sheets up to ~150×; deflate bombs reach ~1000×.
MAX_COMPRESSION_RATIO = 300
RATIO_CHECK_MIN_BYTES = 5 * MB
# Bytes of each XML part scanned for a DTD: the DOCTYPE must precede the root element, and a
# legitimate part starts its root element within the first few hundred bytes.
DTD_SCAN_BYTES = 64 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
EXCEL_EPOCH = date(1899, 12, 30)
MAX_EXCEL_SERIAL = 2_958_465  # 9999-12-31

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CELLS",
    "DEFAULT_MAX_UNCOMPRESSED",
    "column_label",
    "defusedxml_active",
    "find_sheet",
    "is_blank",
    "is_zip_file",
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
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise KcrosterInputError("is geen Excel-werkmap (.xlsx): beschadigd zip-bestand", file=name) from exc
    with zf:
        infos = zf.infolist()
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
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
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
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    kind = type(exc).__name__
    if "Entities" in kind or "DTD" in kind:
        return "bevat verboden XML-entiteiten (mogelijk een XML-aanval)"
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
        canonical = lookup.get(normalise_header(h))
        if canonical is None:
            continue
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
        also = f" (of: {', '.join(aliases)})" if aliases else ""
        raise KcrosterInputError(
            f"kolom '{first}'{also} ontbreekt; gevonden kolommen: {seen}",
            file=file,
            sheet=sheet,
            row=row,
            column=first,
        )
    return found


def find_sheet(wb: Any, names: tuple[str, ...] | list[str]) -> Any | None:
    """First worksheet whose title matches one of ``names`` (normalised, case-insensitive)."""
    wanted = [normalise_header(n) for n in names]
    titles = {normalise_header(t): t for t in wb.sheetnames}
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
    s = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d)", "", s)
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
    where = {"file": file, "sheet": sheet, "row": row, "column": column}
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
    where = {"file": file, "sheet": sheet, "row": row, "column": column}
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
    where = {"file": file, "sheet": sheet, "row": row, "column": column}
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
    where = {"file": file, "sheet": sheet, "row": row, "column": column}
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
    where = {"file": file, "sheet": sheet, "row": row, "column": column}
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
        raise KcrosterInputError("is geen tekstbestand (CSV): bevat binaire gegevens", file=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)" in Windows-1252.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # every byte decodes; cp1252 leaves 5 undefined


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
