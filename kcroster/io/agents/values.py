"""The agents workbook's cell values, read at a :class:`~kcroster.io.cells.Loc` and written back.

Numbers (decimal comma allowed), whole numbers, yes/no, dates and date-times, clock times
(``8:00``, ``0830``, ``8``, a day fraction), time windows (``09:00-15:00``), weekdays
(``ma,wo,vr``, ``ma-vr``), lists, wishes and their weights, productivity percentages; and the
spellings the templates write (:func:`wish_text`, :func:`format_clock`, …), so that what is
written reads back the same. The wish workbooks (:mod:`kcroster.io.wishes`) share them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import combinations

from kcroster.io.agents.columns import MUST_WORDS, WEEKDAY_WORDS, WISH_WORDS
from kcroster.io.cells import Loc, cell_text, is_blank, parse_datetime, parse_number, parse_time
from kcroster.io.cells import normalise_header as norm
from kcroster.io.cells import parse_bool as _parse_bool
from kcroster.io.cells import parse_date as _parse_date
from kcroster.model import KcrosterInputError, Wish, WishKind
from kcroster.model.timegrid import WEEKDAYS_NL


def parse_float(value: object, loc: Loc, *, minimum: float | None = 0.0) -> float:
    """A finite number ≥ ``minimum`` (decimal comma allowed); ``minimum=None`` allows any."""
    x = parse_number(value, allow_negative=minimum is None or minimum < 0, **loc.kw)
    if minimum is not None and x < minimum:
        raise loc.error(f"{x:g} is kleiner dan {minimum:g}")
    return x


def parse_int(value: object, loc: Loc, *, minimum: int | None = 0) -> int:
    x = parse_float(value, loc, minimum=None if minimum is None or minimum < 0 else 0)
    if not float(x).is_integer():
        raise loc.error(f"'{cell_text(value)[:40]}' is geen geheel getal")
    n = int(x)
    if minimum is not None and n < minimum:
        raise loc.error(f"{n} is kleiner dan {minimum}")
    return n


def parse_bool(value: object, loc: Loc) -> bool:
    return _parse_bool(value, default=False, **loc.kw)


def parse_date(value: object, loc: Loc) -> date:
    return _parse_date(value, **loc.kw)


def parse_date_or_datetime(value: object, loc: Loc) -> date | datetime:
    """A date, or a naive local date-time when the cell has a time other than 00:00."""
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) and value.tzinfo is None else value
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        d = _parse_date(value, **loc.kw)
        frac = float(value) - int(float(value))
        minutes = int(round(frac * 1440))
        if minutes in (0, 1440):
            return d if minutes == 0 else d + timedelta(days=1)
        return datetime.combine(d, time(minutes // 60, minutes % 60))
    text = cell_text(value)
    if any(sep in text.strip() for sep in (" ", "T")) and ":" in text:
        dt = parse_datetime(text, **loc.kw)
        if dt.tzinfo is None and dt.time() == time(0):
            return dt.date()
        return dt
    return _parse_date(value, **loc.kw)


def parse_clock(value: object, loc: Loc) -> time:
    """A wall-clock time rounded to whole minutes: time cell, day fraction, '8:00', '0830', '8'."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 23:
        return time(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 2:
        h = int(value.strip())
        if h <= 23:
            return time(h)
    t = parse_time(value, **loc.kw)
    # Excel stores times as day fractions; round off float noise to the minute
    minutes = min(1439, int(round(t.hour * 60 + t.minute + t.second / 60 + t.microsecond / 6e7)))
    return time(minutes // 60, minutes % 60)


def _window_end(text: str, loc: Loc) -> time:
    if text.strip() in ("24:00", "24.00", "2400", "24"):
        return time(23, 59)
    return parse_clock(text, loc)


def parse_window(value: object, loc: Loc) -> tuple[time, time]:
    """'09:00-15:00' → (09:00, 15:00); the end must lie after the start (24:00 → 23:59)."""
    s = cell_text(value).replace("–", "-").replace("—", "-").replace(" tot ", "-").replace(" ", "")
    if s.count("-") != 1:
        raise loc.error(f"'{s[:40]}' is geen tijdvenster (verwacht UU:MM-UU:MM)")
    a, b = s.split("-")
    start, end = parse_clock(a, loc), _window_end(b, loc)
    if end <= start:
        raise loc.error(f"venster {s}: het einde moet na het begin liggen")
    return start, end


def parse_weekdays(value: object, loc: Loc) -> frozenset[int]:
    raw = cell_text(value).replace(";", ",").replace("/", ",").replace(" ", ",")
    days: set[int] = set()
    for part in raw.split(","):
        p = norm(part)
        if not p:
            continue
        if "_" in p or p.count("-") == 1:
            # a range such as 'ma-vr' (norm turned '-' into '_')
            a, _, b = p.replace("-", "_").partition("_")
            if a in WEEKDAY_WORDS and b in WEEKDAY_WORDS:
                i, j = WEEKDAY_WORDS[a], WEEKDAY_WORDS[b]
                if i > j:
                    raise loc.error(f"dagenreeks '{part.strip()}' loopt achteruit")
                days.update(range(i, j + 1))
                continue
        if p not in WEEKDAY_WORDS:
            raise loc.error(f"'{part.strip()[:20]}' is geen weekdag (ma, di, wo, do, vr, za, zo)")
        days.add(WEEKDAY_WORDS[p])
    if not days:
        raise loc.error("geen weekdagen opgegeven")
    return frozenset(days)


def split_list(value: object) -> list[str]:
    raw = cell_text(value).replace(";", ",").replace("\n", ",")
    return [p.strip() for p in raw.split(",") if p.strip()]


def format_weekdays(days: Iterable[int]) -> str:
    return ",".join(WEEKDAYS_NL[d] for d in sorted(days))


def format_clock(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def wish_text(w: Wish, shift_names: Iterable[str] = ()) -> str:
    """The workbook spelling of a wish (Dutch), inverse of :func:`parse_wish`."""
    if w.kind == WishKind.OFF:
        return "vrij"
    if w.kind == WishKind.EARLY:
        return "vroeg"
    if w.kind == WishKind.LATE:
        return "laat"
    if w.kind == WishKind.WORK:
        return "werken"
    if w.kind == WishKind.WINDOW and w.window_start is not None and w.window_end is not None:
        return f"{format_clock(w.window_start)}-{format_clock(w.window_end)}"
    if w.kind == WishKind.SHIFT and w.shift_type:
        return shift_wish_label(w.shift_type)
    if w.kind == WishKind.NOT_SHIFT and w.shift_type:
        return f"niet {w.shift_type}"
    return ""


def shift_wish_label(name: str) -> str:
    """How a named shift appears in a wish list: bare unless it clashes with a wish word."""
    low = name.strip().lower()
    if low in WISH_WORDS or low in MUST_WORDS or low.startswith(("niet ", "not ", "dienst ", "shift ")):
        return f"dienst {name}"
    if "-" in low and any(ch.isdigit() for ch in low):
        return f"dienst {name}"
    return name


@dataclass
class ParsedWish:
    kind: WishKind
    window: tuple[time, time] | None = None
    shift_type: str | None = None


def parse_wish(value: object, loc: Loc, shift_names: Sequence[str] | None) -> ParsedWish:
    """Interpret a wish cell. ``shift_names`` None means 'shift types unknown here'."""
    text = cell_text(value)
    low = " ".join(text.lower().split())
    if not low:
        raise loc.error("wens ontbreekt")
    if low in WISH_WORDS:
        return ParsedWish(WISH_WORDS[low])
    by_low = {n.lower(): n for n in (shift_names or [])}
    for prefix, kind in (("niet ", WishKind.NOT_SHIFT), ("not ", WishKind.NOT_SHIFT),
                         ("geen ", WishKind.NOT_SHIFT), ("dienst ", WishKind.SHIFT),
                         ("shift ", WishKind.SHIFT)):
        if low.startswith(prefix):
            rest = low[len(prefix):].strip()
            if shift_names is None:
                return ParsedWish(kind, shift_type=text.strip()[len(prefix):].strip())
            if rest in by_low:
                return ParsedWish(kind, shift_type=by_low[rest])
            raise loc.error(f"onbekend diensttype '{text[len(prefix):].strip()[:30]}'")
    if low in by_low:
        return ParsedWish(WishKind.SHIFT, shift_type=by_low[low])
    if any(ch.isdigit() for ch in low) and ("-" in low or "–" in low):
        return ParsedWish(WishKind.WINDOW, window=parse_window(text, loc))
    choices = "vrij, vroeg, laat, werken, UU:MM-UU:MM"
    if shift_names:
        choices += ", " + ", ".join(shift_wish_label(n) for n in shift_names)
    raise loc.error(f"onbekende wens '{text[:30]}' (kies uit: {choices})")


def parse_weight(value: object, loc: Loc, *, allow_must: bool = True) -> tuple[int, bool]:
    """Weight 1–3 or must; empty → 1. Returns (weight, must)."""
    if is_blank(value):
        return 1, False
    if allow_must and isinstance(value, str) and value.strip().lower() in MUST_WORDS:
        return 3, True
    try:
        n = parse_int(value, loc, minimum=-(10**9))
    except KcrosterInputError:
        extra = " of moet" if allow_must else ""
        raise loc.error(f"gewicht '{cell_text(value)[:20]}' moet 1, 2 of 3{extra} zijn") from None
    if not 1 <= n <= 3:
        extra = " of moet" if allow_must else ""
        raise loc.error(f"gewicht {n} moet 1, 2 of 3{extra} zijn")
    return n, False


def parse_productivity(value: object, loc: Loc) -> float:
    """0–100 %. '50', '50%', 0.5 (a %-formatted cell) all mean half; 1 means 100 %."""
    raw = value
    percent_sign = False
    if isinstance(value, str):
        s = value.strip()
        if s.endswith("%"):
            percent_sign = True
            s = s[:-1]
        raw = s
    x = parse_float(raw, loc, minimum=None)
    if percent_sign:
        frac = x / 100
    elif 0 <= x <= 1:
        frac = x
    else:
        frac = x / 100
    if not 0 <= frac <= 1:
        raise loc.error(f"productiviteit {cell_text(value)} moet tussen 0 en 100 % liggen")
    return round(frac, 6)



def format_type_limits(limits: dict[str, int]) -> str:
    return ", ".join(f"{k}:{v}" for k, v in limits.items())


def queue_combinations(queues: Sequence[str], max_items: int = 4) -> list[str]:
    """All comma-joined combinations of up to ``max_items`` queues (for dropdown lists)."""
    out: list[str] = []
    if len(queues) <= max_items:
        for k in range(1, len(queues) + 1):
            out.extend(",".join(c) for c in combinations(queues, k))
    else:
        out = list(queues)
    return out
