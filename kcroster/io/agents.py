"""Import of the agents workbook: agents, leave, wishes, reintegration plans and shift rules.

The workbook is what a planner (or the template from :mod:`kcroster.io.templates`) brings in
(DESIGN §6). Sheet and column names may be English or Dutch; matching ignores case, spaces,
hyphens and accents. The first non-empty row of a sheet is its header; empty rows and rows whose
first cell starts with ``#`` (example and comment rows) are skipped. Unknown sheets are ignored.

Sheets
------
``Agents`` / ``Medewerkers`` (required)
    ``id``, ``name``/``naam``, ``contract_hours``/``contracturen`` (per week),
    ``min_hours``/``min_uren`` and ``max_hours``/``max_uren`` (per week; empty → contract ∓ 10 %),
    ``max_days_per_week``/``max_dagen_per_week``, ``skills``/``vaardigheden`` (comma-separated
    queue names), ``earliest_start``/``vroegste_begin``, ``latest_end``/``uiterlijk_einde``,
    ``birth_date``/``geboortedatum`` (under 18 → youth rules). Optional:
    ``max_consecutive_days``/``max_dagen_achtereen``, ``min_consecutive_days``/
    ``min_dagen_achtereen``, ``min_consecutive_days_off``/``min_vrije_dagen_achtereen``,
    ``max_weekends``/``max_weekenden``, ``team``, ``shift_types``/``diensttypen`` (allowed named
    shift types, comma-separated), ``min_hours_total``/``min_uren_periode`` and
    ``max_hours_total``/``max_uren_periode`` (over the whole horizon). A limit cell holding
    ``geen``/``none`` switches that limit off; an empty cell keeps the default.
``Leave`` / ``Afwezigheid``
    ``id``, ``from``/``van``, ``to``/``tot``, ``label``/``omschrijving``. Dates are inclusive
    whole days (``to`` empty → one day); a date-time is exact (local Europe/Amsterdam time). A
    time of exactly 00:00 counts as a plain date, so ``to`` = ``2027-05-07 00:00`` still means
    "up to and including 7 May".
``Wishes`` / ``Wensen``
    ``id``, ``date``/``datum``, ``wish``/``wens``, ``weight``/``gewicht`` (1–3 or
    ``must``/``moet``; empty → 1; a must wish gets weight 3). Wishes: ``off``/``vrij``,
    ``early``/``vroeg``, ``late``/``laat``, ``work``/``werken`` (any shift), a start window
    ``HH:MM-HH:MM``, a named shift type (``dienst Vroeg`` or just ``Midden`` when the name is not
    one of the words above) or ``niet Laat`` / ``not Laat`` (not that shift type).
``Reintegration`` / ``Re-integratie`` (several rows per agent, each in force from its date)
    ``id``, ``from``/``vanaf``, ``max_hours_week``/``max_uren_week``, ``max_hours_day``/
    ``max_uren_dag``, ``days``/``dagen`` (``ma,di,wo``), ``max_days_week``/``max_dagen_week``,
    ``min_rest_days_between``/``min_rustdagen_tussen``, ``window``/``venster`` (``09:00-15:00``),
    ``queues``/``activiteiten``, ``first_sick_day``/``eerste_ziektedag``,
    ``productivity``/``productiviteit`` (0–100 %; ``50``, ``50%`` and ``0,5`` all mean half),
    optional ``max_continuous_minutes``/``max_aaneengesloten_minuten`` and
    ``extra_break_minutes``/``extra_pauze_minuten``. There is no diagnosis field: any other column
    is ignored with a warning and its contents are never read into memory beyond the cell reader.

Shift rules (all optional; any of them present gives :attr:`AgentsData.shift_rules`)
    ``Shifts`` / ``Diensten``: key/value rows with columns ``setting``/``instelling`` and
    ``value``/``waarde``. Keys: ``start_step_minutes``/``starttijd_stap_minuten``,
    ``min_length_minutes``/``min_duur_minuten``, ``max_length_minutes``/``max_duur_minuten``,
    ``length_step_minutes``/``duur_stap_minuten``, ``free_shifts``/``vrije_diensten``
    (ja/nee: build shifts from the grid besides the named types), ``early_start_before``/
    ``vroeg_voor``, ``late_end_after``/``laat_na``, ``forbidden_sequences``/
    ``verboden_volgorde`` (``Laat>Vroeg, Nacht>Vroeg``) and, one row per type,
    ``shift_type``/``diensttype`` with a value like ``Vroeg 07:00-15:30``.
    ``ShiftTypes`` / ``Diensttypen``: ``name``/``naam``, ``start``/``begin``, ``end``/``einde``,
    ``unpopular``/``onpopulair`` (ja/nee), ``color``/``kleur``.
    ``ShiftDemand`` / ``Dienstbehoefte``: ``date``/``datum``, ``shift_type``/``diensttype``,
    ``required``/``nodig``, ``weight_under``/``gewicht_tekort``, ``weight_over``/
    ``gewicht_overschot``.

Errors: every problem found in a workbook is collected; the import raises one
:class:`AgentsWorkbookError` (a :class:`~kcroster.model.KcrosterInputError`) whose message lists up
to 20 of them, each with file, sheet, row and column, and whose ``errors`` holds all of them.
Problems that do not stop the import (a wish outside the horizon, an ignored column) become
``warnings``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import kcroster.io.workbook as wb_io
from kcroster.model import (
    Agent,
    Horizon,
    KcrosterInputError,
    Leave,
    Project,
    ReintegrationStep,
    ShiftDemand,
    ShiftRules,
    ShiftType,
    Wish,
    WishKind,
)
from kcroster.model.timegrid import AMSTERDAM, WEEKDAYS_EN, WEEKDAYS_NL

MAX_LISTED_ERRORS = 20
PRIVACY_WARNING = "kolom '{column}' genegeerd: kcroster slaat geen medische gegevens op"

# --------------------------------------------------------------------------------------------
# Sheet and column names (canonical name first; matching uses _norm on every alias)

SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "agents": ("Agents", "Medewerkers", "Agenten"),
    "leave": ("Leave", "Afwezigheid", "Verlof"),
    "wishes": ("Wishes", "Wensen"),
    "reintegration": ("Reintegration", "Re-integratie", "Reintegratie"),
    "shifts": ("Shifts", "Diensten", "Dienstregels"),
    "shift_types": ("ShiftTypes", "Shift types", "Diensttypen", "Diensttypes"),
    "shift_demand": ("ShiftDemand", "Shift demand", "Dienstbehoefte", "Diensten per dag"),
}

AGENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "agent_id", "medewerker_id", "personeelsnummer", "nr"),
    "name": ("name", "naam"),
    "contract_hours": ("contract_hours", "contracturen", "contract", "uren_per_week"),
    "min_hours": ("min_hours", "min_uren", "minimum_uren"),
    "max_hours": ("max_hours", "max_uren", "maximum_uren"),
    "max_days_per_week": ("max_days_per_week", "max_dagen_per_week", "max_dagen", "max_days"),
    "skills": ("skills", "vaardigheden", "wachtrijen", "queues"),
    "earliest_start": ("earliest_start", "vroegste_begin", "vroegste_start", "beschikbaar_vanaf"),
    "latest_end": ("latest_end", "uiterlijk_einde", "laatste_einde", "beschikbaar_tot"),
    "birth_date": ("birth_date", "geboortedatum", "date_of_birth"),
    "max_consecutive_days": ("max_consecutive_days", "max_dagen_achtereen", "max_aaneengesloten_dagen"),
    "min_consecutive_days": ("min_consecutive_days", "min_dagen_achtereen", "min_aaneengesloten_dagen"),
    "min_consecutive_days_off": (
        "min_consecutive_days_off", "min_vrije_dagen_achtereen", "min_aaneengesloten_vrije_dagen",
    ),
    "max_weekends": ("max_weekends", "max_weekenden", "max_weekends_worked"),
    "team": ("team",),
    "max_shifts_per_type": ("max_shifts_per_type", "max_per_diensttype", "max_diensten_per_type"),
    "shift_types": ("shift_types", "allowed_shift_types", "diensttypen", "toegestane_diensten"),
    "min_hours_total": ("min_hours_total", "min_uren_periode", "min_uren_totaal"),
    "max_hours_total": ("max_hours_total", "max_uren_periode", "max_uren_totaal"),
}
LEAVE_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": AGENT_COLUMNS["id"],
    "from": ("from", "van", "vanaf", "begin", "start"),
    "to": ("to", "tot", "tot_en_met", "t_m", "tm", "einde", "end", "until"),
    "label": ("label", "omschrijving", "soort", "type"),
}
WISH_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": AGENT_COLUMNS["id"],
    "date": ("date", "datum", "dag", "day"),
    "wish": ("wish", "wens"),
    "weight": ("weight", "gewicht", "prioriteit", "priority"),
}
REINTEGRATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": AGENT_COLUMNS["id"],
    "from": ("from", "van", "vanaf", "per", "ingangsdatum", "from_date"),
    "max_hours_week": ("max_hours_week", "max_uren_week", "max_uren_per_week"),
    "max_hours_day": ("max_hours_day", "max_uren_dag", "max_uren_per_dag"),
    "days": ("days", "dagen", "werkdagen", "weekdays"),
    "max_days_week": ("max_days_week", "max_dagen_week", "max_dagen_per_week"),
    "min_rest_days_between": ("min_rest_days_between", "min_rustdagen_tussen", "rustdagen_tussen"),
    "window": ("window", "venster", "tijdvenster"),
    "queues": ("queues", "activiteiten", "wachtrijen", "activities"),
    "first_sick_day": ("first_sick_day", "eerste_ziektedag"),
    "productivity": ("productivity", "productiviteit"),
    "max_continuous_minutes": ("max_continuous_minutes", "max_aaneengesloten_minuten"),
    "extra_break_minutes": ("extra_break_minutes", "extra_pauze_minuten"),
}
SETTING_COLUMNS: dict[str, tuple[str, ...]] = {
    "setting": ("setting", "instelling", "key", "naam", "name"),
    "value": ("value", "waarde"),
    "help": ("help", "uitleg", "toelichting"),  # read past, never used
}
SETTING_KEYS: dict[str, tuple[str, ...]] = {
    "start_step_minutes": ("start_step_minutes", "starttijd_stap_minuten", "start_stap_minuten"),
    "min_length_minutes": ("min_length_minutes", "min_duur_minuten", "minimale_duur_minuten"),
    "max_length_minutes": ("max_length_minutes", "max_duur_minuten", "maximale_duur_minuten"),
    "length_step_minutes": ("length_step_minutes", "duur_stap_minuten"),
    "use_templates": ("free_shifts", "use_templates", "vrije_diensten"),
    "early_start_before": ("early_start_before", "vroeg_voor"),
    "late_end_after": ("late_end_after", "laat_na"),
    "forbidden_sequences": ("forbidden_sequences", "verboden_volgorde", "verboden_volgordes"),
    "break_minutes_short": ("break_part_minutes", "pauzedeel_minuten", "break_minutes_short"),
    "max_paid_hours_per_day": ("max_paid_hours_per_day", "max_betaalde_uren_per_dag"),
    "shift_type": ("shift_type", "diensttype", "dienst"),
}
SHIFT_TYPE_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "naam", "dienst", "diensttype"),
    "start": ("start", "begin", "van"),
    "end": ("end", "einde", "eind", "tot"),
    "unpopular": ("unpopular", "onpopulair", "impopulair"),
    "color": ("color", "colour", "kleur"),
}
SHIFT_DEMAND_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "datum"),
    "shift_type": ("shift_type", "diensttype", "dienst"),
    "required": ("required", "nodig", "aantal", "bezetting"),
    "weight_under": ("weight_under", "gewicht_tekort", "boete_tekort"),
    "weight_over": ("weight_over", "gewicht_overschot", "boete_overschot"),
}

WISH_WORDS: dict[str, WishKind] = {
    "off": WishKind.OFF, "vrij": WishKind.OFF, "day off": WishKind.OFF, "vrije dag": WishKind.OFF,
    "early": WishKind.EARLY, "vroeg": WishKind.EARLY, "vroege dienst": WishKind.EARLY,
    "late": WishKind.LATE, "laat": WishKind.LATE, "late dienst": WishKind.LATE,
    "work": WishKind.WORK, "werken": WishKind.WORK, "werk": WishKind.WORK,
}
MUST_WORDS = {"must", "moet", "verplicht"}
NONE_WORDS = {"geen", "none", "nee", "no", "-", "onbeperkt", "unlimited"}
WEEKDAY_WORDS: dict[str, int] = {}
for _i, (_nl, _en) in enumerate(zip(WEEKDAYS_NL, WEEKDAYS_EN, strict=True)):
    WEEKDAY_WORDS[_nl] = _i
    WEEKDAY_WORDS[_en] = _i
for _i, _full in enumerate(
    ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
):
    WEEKDAY_WORDS[_full] = _i
for _i, _full in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    WEEKDAY_WORDS[_full] = _i


# --------------------------------------------------------------------------------------------
# Result types


@dataclass
class AgentsData:
    """Everything an agents workbook holds, as model objects."""

    agents: list[Agent] = field(default_factory=list)
    leave: list[Leave] = field(default_factory=list)
    wishes: list[Wish] = field(default_factory=list)
    reintegration: list[ReintegrationStep] = field(default_factory=list)
    shift_rules: ShiftRules | None = None
    warnings: list[str] = field(default_factory=list)


class AgentsWorkbookError(KcrosterInputError):
    """All problems of one workbook; ``errors`` holds each one with its own location."""

    def __init__(self, errors: Sequence[KcrosterInputError], *, file: str | None = None) -> None:
        self.errors = list(errors)
        if len(self.errors) == 1:
            e = self.errors[0]
            super().__init__(e.reason, file=e.file, sheet=e.sheet, row=e.row, column=e.column)
            return
        lines = [f"{len(self.errors)} fouten gevonden:"]
        for e in self.errors[:MAX_LISTED_ERRORS]:
            e_loc = KcrosterInputError(e.reason, sheet=e.sheet, row=e.row, column=e.column)
            lines.append(f"- {e_loc.message}")
        if len(self.errors) > MAX_LISTED_ERRORS:
            lines.append(f"… en nog {len(self.errors) - MAX_LISTED_ERRORS} fouten")
        first = self.errors[0]
        super().__init__("\n".join(lines), file=file or first.file)


# --------------------------------------------------------------------------------------------
# Low-level cell helpers (kept here so this module only needs kcroster.io.workbook for opening)


def norm(text: object) -> str:
    """Header/key normal form (see :func:`kcroster.io.workbook.normalise_header`)."""
    return wb_io.normalise_header(text)


def is_blank(value: object) -> bool:
    return wb_io.is_blank(value)


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


def parse_float(value: object, loc: Loc, *, minimum: float | None = 0.0) -> float:
    """A finite number ≥ ``minimum`` (decimal comma allowed); ``minimum=None`` allows any."""
    x = wb_io.parse_number(value, allow_negative=minimum is None or minimum < 0, **loc.kw)
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
    return wb_io.parse_bool(value, default=False, **loc.kw)


def parse_date(value: object, loc: Loc) -> date:
    return wb_io.parse_date(value, **loc.kw)


def parse_date_or_datetime(value: object, loc: Loc) -> date | datetime:
    """A date, or a naive local date-time when the cell has a time other than 00:00."""
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) and value.tzinfo is None else value
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        d = wb_io.parse_date(value, **loc.kw)
        frac = float(value) - int(float(value))
        minutes = int(round(frac * 1440))
        if minutes in (0, 1440):
            return d if minutes == 0 else d + timedelta(days=1)
        return datetime.combine(d, time(minutes // 60, minutes % 60))
    text = cell_text(value)
    if any(sep in text.strip() for sep in (" ", "T")) and ":" in text:
        dt = wb_io.parse_datetime(text, **loc.kw)
        if dt.tzinfo is None and dt.time() == time(0):
            return dt.date()
        return dt
    return wb_io.parse_date(value, **loc.kw)


def parse_clock(value: object, loc: Loc) -> time:
    """A wall-clock time rounded to whole minutes: time cell, day fraction, '8:00', '0830', '8'."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 23:
        return time(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 2:
        h = int(value.strip())
        if h <= 23:
            return time(h)
    t = wb_io.parse_time(value, **loc.kw)
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


# --------------------------------------------------------------------------------------------
# Sheet reading


@dataclass
class SheetRow:
    number: int  # Excel row number
    cells: dict[str, Any]  # canonical column → raw value


@dataclass
class SheetTable:
    file: str
    sheet: str
    headers: dict[str, str]  # canonical → header text as written
    rows: list[SheetRow]

    def loc(self, row: SheetRow | int, key: str) -> Loc:
        n = row.number if isinstance(row, SheetRow) else row
        return Loc(self.file, self.sheet, n, self.headers.get(key, key))


def match_sheet(sheet_names: Sequence[str], aliases: Sequence[str]) -> str | None:
    wanted = {norm(a).replace("_", "") for a in aliases}
    for name in sheet_names:
        if norm(name).replace("_", "") in wanted:
            return name
    return None


def read_table(
    rows: Iterable[Sequence[Any]],
    spec: dict[str, tuple[str, ...]],
    required: Sequence[str],
    *,
    file: str,
    sheet: str,
    unknown_column_warning: str | None,
    warnings: list[str],
    errors: list[KcrosterInputError],
) -> SheetTable | None:
    """Turn raw sheet rows into canonical dict rows. Unknown columns are never read.

    ``unknown_column_warning`` is a format string with ``{column}``; ``None`` gives the generic
    Dutch warning.
    """
    it: Iterator[tuple[int, Sequence[Any]]] = enumerate(rows, start=1)
    header_no = 0
    header: Sequence[Any] = ()
    for n, values in it:
        if any(not is_blank(v) for v in values):
            header_no, header = n, values
            break
    if not header_no:
        return None
    try:
        found = wb_io.resolve_columns(header, spec, frozenset(required), file=file, sheet=sheet, row=header_no)
    except KcrosterInputError as exc:
        errors.append(exc)
        return None
    col_of = {idx: key for key, idx in found.items()}
    headers = {key: wb_io.column_label(idx, header[idx]) for key, idx in found.items()}
    for idx, h in enumerate(header):
        if idx in col_of or is_blank(h):
            continue
        fmt = unknown_column_warning or "blad '{sheet}': kolom '{column}' onbekend en genegeerd"
        warnings.append(fmt.format(column=cell_text(h)[:40], sheet=sheet))
    out: list[SheetRow] = []
    for n, values in it:
        cells = {key: values[idx] if idx < len(values) else None for idx, key in col_of.items()}
        if all(is_blank(v) for v in cells.values()):
            continue
        # only known columns are looked at, in sheet order (unknown ones may hold anything)
        first = next((cells[col_of[i]] for i in sorted(col_of) if not is_blank(cells[col_of[i]])), None)
        if isinstance(first, str) and first.strip().startswith("#"):
            continue
        out.append(SheetRow(n, cells))
    return SheetTable(file, sheet, headers, out)


# --------------------------------------------------------------------------------------------
# The importer


class _Collector:
    """Runs row parsers, collecting located errors instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[KcrosterInputError] = []

    def run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KcrosterInputError as exc:
            self.errors.append(exc)
            return None
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            # a value no parser above foresaw: still a located refusal, never a traceback
            table = next((a for a in args if isinstance(a, SheetTable)), None)
            row = next((a for a in args if isinstance(a, SheetRow)), None)
            self.errors.append(KcrosterInputError(
                f"onleesbare waarde ({type(exc).__name__})",
                file=table.file if table else None, sheet=table.sheet if table else None,
                row=row.number if row else None))
            return None


def _optional(table: SheetTable, row: SheetRow, key: str) -> Any:
    v = row.cells.get(key)
    return None if is_blank(v) else v


def _limit(table: SheetTable, row: SheetRow, key: str, default: int | None) -> int | None:
    """An optional integer limit: empty → default, 'geen' → None."""
    v = _optional(table, row, key)
    if v is None:
        return default
    if isinstance(v, str) and v.strip().lower() in NONE_WORDS:
        return None
    return parse_int(v, table.loc(row, key))


def _hours(table: SheetTable, row: SheetRow, key: str) -> float | None:
    v = _optional(table, row, key)
    if v is None:
        return None
    if isinstance(v, str) and v.strip().lower() in NONE_WORDS:
        return None
    return parse_float(v, table.loc(row, key))


def _agent_id(table: SheetTable, row: SheetRow) -> str:
    v = row.cells.get("id")
    if is_blank(v):
        raise table.loc(row, "id").error("id ontbreekt")
    return cell_text(v)


def _known_queue(name: str, known: dict[str, str] | None, loc: Loc) -> str:
    if known is None:
        return name
    hit = known.get(name.lower())
    if hit is None:
        raise loc.error(f"onbekende wachtrij '{name[:30]}' (bekend: {', '.join(sorted(known.values()))})")
    return hit


# The Dutch Arbeidstijdenwet lets children work from 13 (light work only): a younger agent is a
# typing error in the birth date, not someone to schedule (issue 23: a 7-year-old was rostered).
MIN_WORKING_AGE = 13


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _check_birth_date(born: date, reference: date | None, loc: Loc) -> None:
    """Refuse a birth date in the future or one that makes the agent younger than 13 at the
    start of the plan (``reference``; today without a plan)."""
    today = date.today()
    if born > today:
        raise loc.error(f"geboortedatum {born:%d-%m-%Y} ligt in de toekomst")
    ref = reference or today
    age = _age_on(born, ref)
    if age < MIN_WORKING_AGE:
        raise loc.error(
            f"geboortedatum {born:%d-%m-%Y}: op {ref:%d-%m-%Y} is de medewerker {max(age, 0)} jaar; "
            f"werken mag vanaf {MIN_WORKING_AGE} jaar (klopt het jaartal?)"
        )


def _parse_agent(
    table: SheetTable, row: SheetRow, known: dict[str, str] | None, reference: date | None = None
) -> Agent:
    aid = _agent_id(table, row)
    name_v = row.cells.get("name")
    if is_blank(name_v):
        raise table.loc(row, "name").error("naam ontbreekt")
    ch_v = row.cells.get("contract_hours")
    if is_blank(ch_v):
        raise table.loc(row, "contract_hours").error("contracturen ontbreken")
    contract = parse_float(ch_v, table.loc(row, "contract_hours"))
    if contract > 168:
        raise table.loc(row, "contract_hours").error(f"{contract:g} uur per week is meer dan een week heeft")
    min_h = _hours(table, row, "min_hours")
    max_h = _hours(table, row, "max_hours")
    agent = Agent(id=aid, name=cell_text(name_v), contract_hours=contract, min_hours=min_h, max_hours=max_h)
    if agent.week_min_hours > agent.week_max_hours:
        raise table.loc(row, "min_hours" if min_h is not None else "max_hours").error(
            f"minimum {agent.week_min_hours:g} uur is groter dan maximum {agent.week_max_hours:g} uur")
    agent.max_days_per_week = _limit(table, row, "max_days_per_week", agent.max_days_per_week)
    if agent.max_days_per_week is not None and agent.max_days_per_week > 7:
        raise table.loc(row, "max_days_per_week").error("een week heeft maar 7 dagen")
    skills_v = _optional(table, row, "skills")
    if skills_v is not None:
        loc = table.loc(row, "skills")
        agent.skills = tuple(dict.fromkeys(_known_queue(s, known, loc) for s in split_list(skills_v)))
    es, le = _optional(table, row, "earliest_start"), _optional(table, row, "latest_end")
    if es is not None:
        agent.earliest_start = parse_clock(es, table.loc(row, "earliest_start"))
    if le is not None:
        agent.latest_end = parse_clock(le, table.loc(row, "latest_end"))
        if agent.latest_end == time(0):
            agent.latest_end = time(23, 59)
    if agent.earliest_start is not None and agent.latest_end is not None and agent.latest_end <= agent.earliest_start:
        raise table.loc(row, "latest_end").error("uiterlijk einde moet na het vroegste begin liggen")
    bd = _optional(table, row, "birth_date")
    if bd is not None:
        agent.birth_date = parse_date(bd, table.loc(row, "birth_date"))
        _check_birth_date(agent.birth_date, reference, table.loc(row, "birth_date"))
    agent.max_consecutive_days = _limit(table, row, "max_consecutive_days", agent.max_consecutive_days)
    agent.min_consecutive_days = _limit(table, row, "min_consecutive_days", agent.min_consecutive_days)
    agent.min_consecutive_days_off = _limit(table, row, "min_consecutive_days_off", agent.min_consecutive_days_off)
    agent.max_weekends = _limit(table, row, "max_weekends", agent.max_weekends)
    if (agent.min_consecutive_days is not None and agent.max_consecutive_days is not None
            and agent.min_consecutive_days > agent.max_consecutive_days):
        raise table.loc(row, "min_consecutive_days").error(
            "minimum aaneengesloten dagen is groter dan het maximum")
    team = _optional(table, row, "team")
    agent.team = cell_text(team) if team is not None else None
    st = _optional(table, row, "shift_types")
    if st is not None:
        agent.allowed_shift_types = tuple(split_list(st))
    mv = _optional(table, row, "max_shifts_per_type")
    if mv is not None:
        agent.max_shifts_per_type = _parse_type_limits(mv, table.loc(row, "max_shifts_per_type"))
    for key, attr in (("min_hours_total", "min_minutes_total"), ("max_hours_total", "max_minutes_total")):
        h = _hours(table, row, key)
        setattr(agent, attr, None if h is None else int(round(h * 60)))
    if (agent.min_minutes_total is not None and agent.max_minutes_total is not None
            and agent.min_minutes_total > agent.max_minutes_total):
        raise table.loc(row, "min_hours_total").error("minimum uren over de periode is groter dan het maximum")
    return agent


def _parse_type_limits(value: object, loc: Loc) -> dict[str, int]:
    """'Laat:2, Nacht:0' → {'Laat': 2, 'Nacht': 0}."""
    out: dict[str, int] = {}
    for part in split_list(value):
        name, sep, num = part.rpartition(":")
        if not sep or not name.strip():
            raise loc.error(f"'{part[:30]}' is geen limiet (verwacht bijvoorbeeld Laat:2)")
        out[name.strip()] = parse_int(num.strip(), loc)
    return out


def format_type_limits(limits: dict[str, int]) -> str:
    return ", ".join(f"{k}:{v}" for k, v in limits.items())


def _instant(value: date | datetime, tz: ZoneInfo, loc: Loc, *, end: bool) -> datetime:
    """The moment a leave cell means: a date-time as is (local time when naive), a date as the
    start of that day, or as an end the start of the next day (dates are inclusive).

    A moment the calendar cannot hold in every zone — the day after 31-12-9999, or an offset
    that pushes it past year 1 or 9999 — is refused at its cell: the solver and the store work
    in UTC, and the conversion used to escape as an OverflowError without a column.
    """
    try:
        if isinstance(value, datetime):
            moment = value.astimezone(tz) if value.tzinfo is not None else value.replace(tzinfo=tz)
        else:
            moment = datetime.combine(value + timedelta(days=1) if end else value, time(0), tzinfo=tz)
        moment.astimezone(UTC)
    except OverflowError:
        raise loc.error(f"{value.isoformat()} ligt buiten de kalender (jaar 1 t/m 9999)") from None
    return moment


def _parse_leave(table: SheetTable, row: SheetRow, ids: set[str] | None, tz: ZoneInfo) -> Leave:
    aid = _agent_id(table, row)
    if ids is not None and aid not in ids:
        raise table.loc(row, "id").error(f"onbekende medewerker '{aid[:30]}'")
    fv, tv = row.cells.get("from"), row.cells.get("to")
    if is_blank(fv):
        raise table.loc(row, "from").error("begindatum ontbreekt")
    start_v = parse_date_or_datetime(fv, table.loc(row, "from"))
    end_v = start_v if is_blank(tv) else parse_date_or_datetime(tv, table.loc(row, "to"))
    if isinstance(start_v, datetime) and is_blank(tv):
        raise table.loc(row, "to").error("einde ontbreekt (nodig bij een begintijd)")
    start = _instant(start_v, tz, table.loc(row, "from"), end=False)
    end = _instant(end_v, tz, table.loc(row, "from" if is_blank(tv) else "to"), end=True)
    if end <= start:
        raise table.loc(row, "to").error("einde ligt niet na het begin")
    label_v = row.cells.get("label")
    label = cell_text(label_v) if not is_blank(label_v) else "verlof"
    return Leave(agent_id=aid, start=start, end=end, label=label)


def _parse_wish(
    table: SheetTable,
    row: SheetRow,
    ids: set[str] | None,
    shift_names: Sequence[str] | None,
) -> Wish:
    aid = _agent_id(table, row)
    if ids is not None and aid not in ids:
        raise table.loc(row, "id").error(f"onbekende medewerker '{aid[:30]}'")
    dv = row.cells.get("date")
    if is_blank(dv):
        raise table.loc(row, "date").error("datum ontbreekt")
    day = parse_date(dv, table.loc(row, "date"))
    parsed = parse_wish(row.cells.get("wish"), table.loc(row, "wish"), shift_names)
    weight, must = parse_weight(row.cells.get("weight"), table.loc(row, "weight"))
    return Wish(agent_id=aid, day=day, kind=parsed.kind, weight=weight, must=must,
                window_start=parsed.window[0] if parsed.window else None,
                window_end=parsed.window[1] if parsed.window else None,
                shift_type=parsed.shift_type)


def _parse_reintegration(
    table: SheetTable, row: SheetRow, ids: set[str] | None, known: dict[str, str] | None
) -> ReintegrationStep:
    aid = _agent_id(table, row)
    if ids is not None and aid not in ids:
        raise table.loc(row, "id").error(f"onbekende medewerker '{aid[:30]}'")
    fv = row.cells.get("from")
    if is_blank(fv):
        raise table.loc(row, "from").error("ingangsdatum ontbreekt")
    step = ReintegrationStep(agent_id=aid, from_date=parse_date(fv, table.loc(row, "from")))
    step.max_hours_week = _hours(table, row, "max_hours_week")
    step.max_hours_day = _hours(table, row, "max_hours_day")
    if step.max_hours_day is not None and step.max_hours_day > 24:
        raise table.loc(row, "max_hours_day").error("een dag heeft maar 24 uur")
    if (step.max_hours_day is not None and step.max_hours_week is not None
            and step.max_hours_day > step.max_hours_week):
        raise table.loc(row, "max_hours_day").error("max uren per dag is groter dan max uren per week")
    dv = _optional(table, row, "days")
    if dv is not None:
        step.days = parse_weekdays(dv, table.loc(row, "days"))
    step.max_days_week = _limit(table, row, "max_days_week", None)
    if step.max_days_week is not None and step.max_days_week > 7:
        raise table.loc(row, "max_days_week").error("een week heeft maar 7 dagen")
    step.min_rest_days_between = _limit(table, row, "min_rest_days_between", None)
    wv = _optional(table, row, "window")
    if wv is not None:
        step.window = parse_window(wv, table.loc(row, "window"))
    qv = _optional(table, row, "queues")
    if qv is not None:
        loc = table.loc(row, "queues")
        step.queues = tuple(dict.fromkeys(_known_queue(q, known, loc) for q in split_list(qv))) or None
    sv = _optional(table, row, "first_sick_day")
    if sv is not None:
        step.first_sick_day = parse_date(sv, table.loc(row, "first_sick_day"))
        if step.first_sick_day > step.from_date:  # reintegration follows the sickness
            raise table.loc(row, "first_sick_day").error(
                f"eerste ziektedag {step.first_sick_day:%d-%m-%Y} ligt na de ingangsdatum "
                f"{step.from_date:%d-%m-%Y} van de re-integratie; re-integratie volgt op de "
                "ziekmelding"
            )
    pv = _optional(table, row, "productivity")
    if pv is not None:
        step.productivity = parse_productivity(pv, table.loc(row, "productivity"))
    step.max_continuous_minutes = _limit(table, row, "max_continuous_minutes", None)
    eb = _limit(table, row, "extra_break_minutes", 0)
    step.extra_break_minutes = eb or 0
    return step


def _parse_settings(table: SheetTable, rules: ShiftRules, errors: _Collector) -> None:
    key_of: dict[str, str] = {}
    for key, aliases in SETTING_KEYS.items():
        for a in (key, *aliases):
            key_of.setdefault(norm(a), key)
    seen: dict[str, int] = {}
    for row in table.rows:
        raw_key = row.cells.get("setting")
        skey = key_of.get(norm(cell_text(raw_key)))
        loc = table.loc(row, "value")
        if skey is None:
            errors.errors.append(table.loc(row, "setting").error(
                f"onbekende instelling '{cell_text(raw_key)[:40]}' (bekend: "
                + ", ".join(SETTING_KEYS[k][1] for k in SETTING_KEYS) + ")"))
            continue
        if skey != "shift_type":
            if skey in seen:
                errors.errors.append(table.loc(row, "setting").error(
                    f"instelling '{cell_text(raw_key)}' staat ook al op rij {seen[skey]}"))
                continue
            seen[skey] = row.number
        value = row.cells.get("value")
        if is_blank(value):
            continue  # an empty value keeps the default
        errors.run(_apply_setting, rules, skey, value, loc)
    if rules.min_length_minutes > rules.max_length_minutes:
        errors.errors.append(KcrosterInputError(
            "minimale dienstduur is groter dan de maximale", file=table.file, sheet=table.sheet,
            row=seen.get("min_length_minutes"), column=table.headers.get("value")))


def _apply_setting(rules: ShiftRules, key: str, value: object, loc: Loc) -> None:
    if key in ("start_step_minutes", "length_step_minutes", "min_length_minutes", "max_length_minutes"):
        n = parse_int(value, loc, minimum=1 if key.endswith("step_minutes") else 0)
        if key == "start_step_minutes" and 1440 % n:
            raise loc.error(f"een starttijdstap van {n} minuten deelt de dag niet in gelijke delen")
        if n > 1440:
            raise loc.error(f"{n} minuten is langer dan een dag")
        setattr(rules, key, n)
    elif key == "break_minutes_short":
        rules.break_minutes_short = parse_int(value, loc, minimum=1)
    elif key == "max_paid_hours_per_day":
        rules.max_paid_hours_per_day = parse_float(value, loc)
    elif key == "use_templates":
        rules.use_templates = parse_bool(value, loc)
    elif key in ("early_start_before", "late_end_after"):
        setattr(rules, key, parse_clock(value, loc))
    elif key == "forbidden_sequences":
        for part in split_list(value):
            a, sep, b = part.replace("->", ">").partition(">")
            if not sep or not a.strip() or not b.strip():
                raise loc.error(f"'{part[:30]}' is geen volgorde (verwacht bijvoorbeeld Laat>Vroeg)")
            rules.forbidden_sequences.append((a.strip(), b.strip()))
    elif key == "shift_type":
        text = cell_text(value)
        name, _, window = text.rpartition(" ")
        if not name.strip():
            raise loc.error(f"'{text[:40]}' is geen diensttype (verwacht bijvoorbeeld Vroeg 07:00-15:30)")
        start, end = _overnight_window(window, loc)
        rules.shift_types.append(ShiftType(name=name.strip(), start=start, end=end))


def _overnight_window(text: str, loc: Loc) -> tuple[time, time]:
    s = text.replace("–", "-").replace(" ", "")
    if s.count("-") != 1:
        raise loc.error(f"'{text[:40]}' is geen tijdvenster (verwacht UU:MM-UU:MM)")
    a, b = s.split("-")
    start, end = parse_clock(a, loc), parse_clock(b, loc)
    if start == end:
        raise loc.error("begin en einde van de dienst zijn gelijk")
    return start, end


def _parse_shift_type(table: SheetTable, row: SheetRow) -> ShiftType:
    nv = row.cells.get("name")
    if is_blank(nv):
        raise table.loc(row, "name").error("naam van het diensttype ontbreekt")
    for key in ("start", "end"):
        if is_blank(row.cells.get(key)):
            raise table.loc(row, key).error("tijd ontbreekt")
    start = parse_clock(row.cells["start"], table.loc(row, "start"))
    end = parse_clock(row.cells["end"], table.loc(row, "end"))
    if start == end:
        raise table.loc(row, "end").error("begin en einde van de dienst zijn gelijk")
    st = ShiftType(name=cell_text(nv), start=start, end=end)
    uv = _optional(table, row, "unpopular")
    if uv is not None:
        st.unpopular = parse_bool(uv, table.loc(row, "unpopular"))
    cv = _optional(table, row, "color")
    if cv is not None:
        st.color = cell_text(cv)
    return st


def _parse_demand(table: SheetTable, row: SheetRow, names: dict[str, str]) -> ShiftDemand:
    dv = row.cells.get("date")
    if is_blank(dv):
        raise table.loc(row, "date").error("datum ontbreekt")
    day = parse_date(dv, table.loc(row, "date"))
    sv = row.cells.get("shift_type")
    name = names.get(cell_text(sv).lower())
    if name is None:
        raise table.loc(row, "shift_type").error(f"onbekend diensttype '{cell_text(sv)[:30]}'")
    rv = row.cells.get("required")
    if is_blank(rv):
        raise table.loc(row, "required").error("aantal ontbreekt")
    dem = ShiftDemand(day=day, shift_type=name, required=parse_int(rv, table.loc(row, "required")))
    for key in ("weight_under", "weight_over"):
        v = _optional(table, row, key)
        if v is not None:
            setattr(dem, key, parse_int(v, table.loc(row, key)))
    return dem


def read_workbook_rows(
    path: Path, sheet_aliases: Iterable[Sequence[str]], *, notes: list[str] | None = None
) -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
    """All sheet names, and the rows (values only) of the sheets matching ``sheet_aliases``.

    The names come visible sheets first, so a hidden sheet (old data, often) is read only when
    no visible one has a fitting name; ``notes`` gets a line where that choice was made."""
    wb = wb_io.open_workbook(path)
    try:
        hidden = wb_io.hidden_sheets(wb)
        names = wb_io.visible_first(wb.sheetnames, hidden)
        sheet_aliases = list(sheet_aliases)
        wanted = {match_sheet(names, aliases) for aliases in sheet_aliases} - {None}
        for aliases in sheet_aliases if notes is not None else ():
            fitting = [n for n in names if match_sheet([n], aliases)]
            notes += wb_io.sheet_choice_notes(fitting[:1], fitting[1:], hidden,
                                              what=f"blad {'/'.join(aliases[:2])}",
                                              reason="de eerste passende bladnaam")
        # merged cells (a Team cell over seven agents) hold their value in every row they cover
        rows = {
            name: wb_io.fill_merged(
                [tuple(r) for r in wb_io.iter_sheet_rows(wb[name], file=path.name)],
                wb_io.merged_ranges(wb[name]),
            )
            for name in names
            if name in wanted
        }
    finally:
        wb.close()
    return names, rows


def load_agents_workbook(
    path: str | Path,
    *,
    horizon: Horizon | None = None,
    known_queues: set[str] | None = None,
) -> AgentsData:
    """Read an agents workbook; raise :class:`AgentsWorkbookError` listing every problem."""
    path = Path(path)
    notes: list[str] = []
    names, sheets = read_workbook_rows(path, SHEET_NAMES.values(), notes=notes)
    data = parse_agents_sheets(path.name, names, sheets, horizon=horizon, known_queues=known_queues)
    data.warnings[:0] = notes
    return data


def parse_agents_sheets(
    file: str,
    sheet_names: Sequence[str],
    sheets: dict[str, list[tuple[Any, ...]]],
    *,
    horizon: Horizon | None = None,
    known_queues: set[str] | None = None,
    require_agents: bool = True,
    known_agent_ids: set[str] | None = None,
) -> AgentsData:
    """The format logic of :func:`load_agents_workbook`, on already-read rows.

    ``require_agents=False`` reads a workbook without an agents sheet (e.g. only reintegration
    plans); agent ids on other sheets are then checked against ``known_agent_ids`` when given.
    """
    data = AgentsData()
    col = _Collector()
    known = {q.lower(): q for q in known_queues} if known_queues is not None else None
    tz = horizon.tz if horizon is not None else ZoneInfo(AMSTERDAM)

    def table(kind: str, spec: dict[str, tuple[str, ...]], required: Sequence[str],
              unknown_fmt: str | None = None) -> SheetTable | None:
        name = match_sheet(sheet_names, SHEET_NAMES[kind])
        if name is None:
            return None
        return read_table(sheets.get(name, []), spec, required, file=file, sheet=name,
                          unknown_column_warning=unknown_fmt, warnings=data.warnings, errors=col.errors)

    agents_t = table("agents", AGENT_COLUMNS, ("id", "name", "contract_hours"))
    if require_agents and match_sheet(sheet_names, SHEET_NAMES["agents"]) is None:
        col.errors.append(KcrosterInputError(
            "blad 'Medewerkers' (of 'Agents') ontbreekt", file=file))
    ids: set[str] | None = set(known_agent_ids) if known_agent_ids is not None else None
    first_row: dict[str, int] = {}
    if agents_t is not None:
        for row in agents_t.rows:
            agent = col.run(_parse_agent, agents_t, row, known,
                            horizon.start if horizon is not None else None)
            if agent is None:
                # keep the id so rows on other sheets do not also report it as unknown
                v = row.cells.get("id")
                if not is_blank(v):
                    first_row.setdefault(cell_text(v), row.number)
                continue
            if agent.id in first_row:
                col.errors.append(agents_t.loc(row, "id").error(
                    f"medewerker '{agent.id}' staat ook al op rij {first_row[agent.id]}"))
                continue
            first_row[agent.id] = row.number
            data.agents.append(agent)
        ids = set(first_row)

    # shift rules first: wishes may name shift types
    shift_rules: ShiftRules | None = None
    settings_t = table("shifts", SETTING_COLUMNS, ("setting", "value"))
    types_t = table("shift_types", SHIFT_TYPE_COLUMNS, ("name", "start", "end"))
    demand_t = table("shift_demand", SHIFT_DEMAND_COLUMNS, ("date", "shift_type", "required"))
    if settings_t is not None or types_t is not None or demand_t is not None:
        shift_rules = ShiftRules()
        if settings_t is not None:
            _parse_settings(settings_t, shift_rules, col)
        if types_t is not None:
            for row in types_t.rows:
                st = col.run(_parse_shift_type, types_t, row)
                if st is not None:
                    shift_rules.shift_types.append(st)
        seen_types: dict[str, str] = {}
        for st in shift_rules.shift_types:
            if st.name.lower() in seen_types:
                col.errors.append(KcrosterInputError(
                    f"diensttype '{st.name}' is dubbel gedefinieerd", file=file,
                    sheet=types_t.sheet if types_t else (settings_t.sheet if settings_t else None)))
            seen_types[st.name.lower()] = st.name
        for a, b in shift_rules.forbidden_sequences:
            for n in (a, b):
                if n.lower() not in seen_types:
                    col.errors.append(KcrosterInputError(
                        f"verboden volgorde noemt onbekend diensttype '{n[:30]}'", file=file,
                        sheet=settings_t.sheet if settings_t else None))
        if demand_t is not None:
            for row in demand_t.rows:
                dem = col.run(_parse_demand, demand_t, row, seen_types)
                if dem is not None:
                    shift_rules.type_demand.append(dem)
        for agent in data.agents:
            bad_limits = [n for n in agent.max_shifts_per_type if n.lower() not in seen_types]
            if bad_limits:
                col.errors.append(KcrosterInputError(
                    f"medewerker '{agent.id}': onbekend diensttype '{bad_limits[0][:30]}'", file=file,
                    sheet=agents_t.sheet if agents_t else None, row=first_row.get(agent.id),
                    column=agents_t.headers.get("max_shifts_per_type") if agents_t else None))
            else:
                agent.max_shifts_per_type = {
                    seen_types[n.lower()]: v for n, v in agent.max_shifts_per_type.items()}
            if agent.allowed_shift_types:
                bad = [n for n in agent.allowed_shift_types if n.lower() not in seen_types]
                if bad:
                    col.errors.append(KcrosterInputError(
                        f"medewerker '{agent.id}': onbekend diensttype '{bad[0][:30]}'", file=file,
                        sheet=agents_t.sheet if agents_t else None, row=first_row.get(agent.id),
                        column=agents_t.headers.get("shift_types") if agents_t else None))
                else:
                    agent.allowed_shift_types = tuple(seen_types[n.lower()] for n in agent.allowed_shift_types)
    data.shift_rules = shift_rules
    shift_names = [t.name for t in shift_rules.shift_types] if shift_rules is not None else None

    leave_t = table("leave", LEAVE_COLUMNS, ("id", "from"))
    if leave_t is not None:
        for row in leave_t.rows:
            lv = col.run(_parse_leave, leave_t, row, ids, tz)
            if lv is not None:
                data.leave.append(lv)

    wishes_t = table("wishes", WISH_COLUMNS, ("id", "date", "wish"))
    if wishes_t is not None:
        for row in wishes_t.rows:
            w = col.run(_parse_wish, wishes_t, row, ids, shift_names)
            if w is None:
                continue
            if horizon is not None and not horizon.start <= w.day < horizon.end:
                data.warnings.append(KcrosterInputError(
                    f"wens op {w.day.isoformat()} valt buiten de planningshorizon "
                    f"({horizon.start.isoformat()} t/m {(horizon.end - timedelta(days=1)).isoformat()})",
                    file=file, sheet=wishes_t.sheet, row=row.number,
                    column=wishes_t.headers.get("date")).message)
            data.wishes.append(w)

    reint_t = table("reintegration", REINTEGRATION_COLUMNS, ("id", "from"), PRIVACY_WARNING)
    if reint_t is not None:
        first_step: dict[tuple[str, date], int] = {}
        skills = {a.id: set(a.skills) for a in data.agents}
        for row in reint_t.rows:
            step = col.run(_parse_reintegration, reint_t, row, ids, known)
            if step is None:
                continue
            key = (step.agent_id, step.from_date)
            if key in first_step:
                col.errors.append(reint_t.loc(row, "from").error(
                    f"medewerker '{step.agent_id}' heeft al een stap per {step.from_date.isoformat()} "
                    f"(rij {first_step[key]})"))
                continue
            first_step[key] = row.number
            if step.queues and step.agent_id in skills and skills[step.agent_id]:
                outside = [q for q in step.queues if q not in skills[step.agent_id]]
                if outside:
                    data.warnings.append(reint_t.loc(row, "queues").error(
                        f"medewerker '{step.agent_id}' heeft geen vaardigheid voor {', '.join(outside)}").message)
            data.reintegration.append(step)

    if col.errors:
        raise AgentsWorkbookError(col.errors, file=file)
    return data


def apply_to_project(project: Project, data: AgentsData) -> dict[str, int]:
    """Replace the project's agents, leave, wishes and reintegration plans with ``data``.

    The workbook is the whole picture (templates are exported pre-filled), so this replaces
    rather than merges. Shift rules are replaced only when the workbook had them. Returns how
    many of each the project now holds.
    """
    project.agents = list(data.agents)
    project.leave = list(data.leave)
    project.wishes = list(data.wishes)
    project.reintegration = list(data.reintegration)
    if data.shift_rules is not None:
        project.shift_rules = data.shift_rules
    return {
        "agents": len(project.agents),
        "leave": len(project.leave),
        "wishes": len(project.wishes),
        "reintegration": len(project.reintegration),
        "shift_types": len(project.shift_rules.shift_types),
    }


def queue_combinations(queues: Sequence[str], max_items: int = 4) -> list[str]:
    """All comma-joined combinations of up to ``max_items`` queues (for dropdown lists)."""
    out: list[str] = []
    if len(queues) <= max_items:
        for k in range(1, len(queues) + 1):
            out.extend(",".join(c) for c in combinations(queues, k))
    else:
        out = list(queues)
    return out
