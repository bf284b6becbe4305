"""Cells: what a value read from a sheet means, and where it stands.

The last stage of the reading path (:mod:`kcroster.io`): every importer turns a raw cell value
into a typed value here, and every refusal names the file, sheet, row and column of the cell.
:class:`Loc` is where a cell is and makes the located :class:`~kcroster.model.KcrosterInputError`
for it; the parsers take the same four names as keywords. Headers are matched loosely (case,
accents, spaces, hyphens, a unit in brackets, Dutch aliases: :func:`resolve_columns`).

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
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from kcroster.model.errors import KcrosterInputError

__all__ = [
    "EXCEL_EPOCH",
    "MAX_EXCEL_SERIAL",
    "Loc",
    "cell_text",
    "column_label",
    "column_letter",
    "date_from_text",
    "is_blank",
    "normalise_header",
    "number_from_text",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "parse_number",
    "parse_time",
    "resolve_columns",
    "shown",
]

EXCEL_EPOCH = date(1899, 12, 30)
MAX_EXCEL_SERIAL = 2_958_465  # 9999-12-31


def is_blank(value: Any) -> bool:
    """None, empty or whitespace-only text (Excel's 'empty')."""
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: Any) -> str:
    """A value as a message quotes it: at most 40 characters."""
    s = str(value)
    return s if len(s) <= 40 else s[:37] + "..."


def cell_text(value: object) -> str:
    """Text of a cell; whole floats lose their ``.0`` (ids typed as numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


@dataclass
class Loc:
    """Where a cell is, for messages."""

    file: str | None
    sheet: str | None
    row: int | None
    column: str | None

    @property
    def kw(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column}

    def error(self, reason: str) -> KcrosterInputError:
        return KcrosterInputError(reason, **self.kw)


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
            raise KcrosterInputError(f"'{shown(value)}' is geen eindig getal", **where)
    elif isinstance(value, str):
        text = value.strip()
        if allow_percent and text.endswith("%"):
            text = text[:-1]
        parsed = number_from_text(text)
        if parsed is None:
            raise KcrosterInputError(f"'{shown(value)}' is geen getal", **where)
        v = parsed
    elif isinstance(value, (datetime, date, time, timedelta)):
        raise KcrosterInputError(f"'{shown(value)}' is een datum/tijd, geen getal", **where)
    else:
        raise KcrosterInputError(f"'{shown(value)}' is geen getal", **where)
    if v < 0 and not allow_negative:
        raise KcrosterInputError(f"{shown(value)} is negatief; een getal ≥ 0 verwacht", **where)
    return v


_DATE_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DATE_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_TIME_TEXT = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?")
_TIME_4DIGITS = re.compile(r"(\d{2})(\d{2})")


def date_from_text(text: str) -> date | None:
    """A date written as text (the formats of :func:`parse_date`), or ``None``."""
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
        d = date_from_text(value)
        if d is not None:
            return d
    raise KcrosterInputError(
        f"'{shown(value)}' is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)", **where
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
    raise KcrosterInputError(f"'{shown(value)}' is geen tijd (verwacht UU:MM)", **where)


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
        d = date_from_text(head) if head else None
        t = _time_from_text(tail) if tail else None
        if d is not None and t is not None:
            return datetime.combine(d, t)
    raise KcrosterInputError(
        f"'{shown(value)}' is geen datum met tijd (verwacht jjjj-mm-ddTUU:MM, eventueel met +01:00)",
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
    raise KcrosterInputError(f"'{shown(value)}' is geen ja/nee", **where)


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
