"""Import a forecast (volume and AHT per queue × interval) and its queue settings.

Accepted input (DESIGN §6):

* **Long format** — a sheet (preferably named ``Forecast``/``Prognose``) or a CSV with columns
  ``date, time, queue, volume, aht`` (Dutch: ``datum, tijd, wachtrij, volume|aanbod,
  aht|afhandeltijd``); ``aht`` in seconds, ``time`` the local start of the interval. Instead of
  ``date`` + ``time`` a ``datetime`` column (or ISO text in ``time``) may carry both, optionally
  with a UTC offset (``2026-10-25T02:15+01:00``) which pins the repeated autumn hour.
  Without an offset the first row for a repeated local time (02:00–02:59 on the autumn DST day)
  is the summer-time interval (fold 0), the second the winter-time one (fold 1).
* **Wide format** — one sheet per queue (sheet name = queue): first row ``tijd`` + dates, first
  column times of day, volumes in the cells (an empty cell is a missing value, not 0). AHT on a sheet ``<queue> AHT`` of the
  same shape, or one value in column ``aht`` of the Queues sheet. On the autumn DST day a time
  row may appear twice (second = winter time); cells of times that do not exist must be empty.
  A CSV in this layout is read as one queue named after the file.
* **Queue settings** — sheet ``Queues`` (alias ``Wachtrijen``), one row per queue; only
  ``queue`` is required (see :data:`QUEUE_COLUMNS`). Blank cells take the caller's
  ``queue_defaults`` (the CLI options), then the built-in defaults: voice, 80/20, no ASA target,
  occupancy cap 0.85 (voice/chat; none for e-mail), shrinkage 0.30, no patience (Erlang C),
  concurrency 1, response 24 h, opening hours from the forecast. Percentages may be written
  as ``80``, ``80%`` or ``0,8`` (a value ≤ 1 is a fraction); ``sl`` may be written ``80/20``.

Decisions
    * A queue in the forecast that is missing from an existing Queues sheet is an error (the
      planner must say what its targets are); a Queues row without forecast data is kept with
      zero volume and reported in ``Forecast.notes`` (the queue may simply be quiet).
    * An interval outside opening hours without a row has volume 0. One *inside* opening hours
      without a value (no row in long format; an empty cell, or a missing time or date, in wide
      format) is a gap, not a zero (an explicit 0 is kept): every gap is listed in a
      :class:`GapReport` note (queue, date, time, where in the file) and the ``gaps`` choice of
      :func:`load_forecast` fills it — ``interpolate`` (default, see
      :func:`apply_gap_policy`), ``zero`` — or stops the import (``stop``). A queue without any
      row is not a gap (it has its own note).
    * The interval length is inferred from the times (15, 30 or 60 min) unless given; a day of
      a queue with ≥ 8 rows on a coarser grid than the rest is "mixed interval lengths".
    * ``open_mask``: from the queue's opening hours when given (public holidays from the
      ``holidays`` package, NL; on a holiday the ``feestdag`` rule applies, closed by default);
      otherwise each queue-day is open from its first to its last interval with volume > 0.
      Volume outside the opening hours of a voice/chat queue is reported in the notes (e-mail
      arrives around the clock, so not for e-mail).

Opening hours text (:func:`parse_opening_hours`)
    Parts separated by ``;`` or new lines: ``<days> <windows>`` or ``<days> gesloten``.
    Days: ``ma di wo do vr za zo`` / ``mon tue wed thu fri sat sun`` (also full names), ranges
    ``ma-vr``, lists ``ma,wo,vr``, ``dagelijks``/``daily``, and ``feestdag``/``holiday`` for
    public holidays. Windows: ``08:00-20:00`` (``24:00`` allowed as end), several separated by
    commas. ``24/7`` means always open, holidays included. Days not mentioned are closed.
    Example: ``ma-vr 08:00-20:00; za 09:00-17:00; feestdag gesloten``.

Every problem raises :class:`~kcroster.model.KcrosterInputError` naming file, sheet, row and
column; nothing else escapes :func:`load_forecast`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from kcroster.io.cells import (
    EXCEL_EPOCH,
    column_label,
    is_blank,
    normalise_header,
    number_from_text,
    resolve_columns,
)
from kcroster.io.csv_reader import csv_table
from kcroster.io.table import (
    KIND_EMPTY,
    KIND_NUMBER,
    KIND_TEXT,
    SheetTable,
    column_numbers,
    column_texts,
)
from kcroster.io.xlsx.reader import open_workbook_archive, sheet_choice_notes
from kcroster.model.errors import KcrosterInputError
from kcroster.model.forecast import Forecast
from kcroster.model.queues import Channel, OpeningHours, Queue
from kcroster.model.timegrid import AMSTERDAM, Horizon
from kcroster.staffing.requirement import first_volume_too_large, volume_limit_reason

__all__ = [
    "DEFAULT_GAP_POLICY",
    "FORECAST_SHEETS",
    "GAP_POLICIES",
    "LONG_COLUMNS",
    "QUEUE_COLUMNS",
    "QUEUE_SHEETS",
    "ForecastGap",
    "ForecastGapsError",
    "GapReport",
    "apply_gap_policy",
    "gap_report",
    "load_forecast",
    "parse_opening_hours",
    "queue_from_settings",
]

FORECAST_SHEETS = ("Forecast", "Prognose", "Voorspelling", "Data")
QUEUE_SHEETS = ("Queues", "Wachtrijen", "Queue settings", "Wachtrij-instellingen")

LONG_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("datum", "dag", "day"),
    "time": ("tijd", "interval", "starttijd", "begintijd", "start_time", "tijdstip"),
    "datetime": ("datum_tijd", "datumtijd", "timestamp", "interval_start", "moment"),
    "queue": ("wachtrij", "skill", "queue_name"),
    "volume": ("aanbod", "contacten", "calls", "offered", "aantal"),
    "aht": ("afhandeltijd", "gemiddelde_afhandeltijd", "handle_time", "aht_sec", "aht_seconds"),
}

QUEUE_COLUMNS: dict[str, tuple[str, ...]] = {
    "queue": ("wachtrij", "naam", "name"),
    "channel": ("kanaal", "type"),
    "sl_percent": ("sl", "sl_%", "sl_pct", "service_level", "servicelevel", "sl_percentage"),
    "sl_seconds": ("sl_sec", "sl_seconden", "service_level_seconds", "binnen_seconden"),
    "asa_seconds": ("asa", "asa_sec", "asa_seconden"),
    "max_occupancy": ("occupancy", "max_occ", "bezettingsgraad", "max_bezettingsgraad"),
    "shrinkage": ("uitval", "derving"),
    "patience_seconds": ("patience", "geduld", "geduld_seconden"),
    "concurrency": ("gelijktijdig", "gelijktijdigheid", "sessies", "sessions"),
    "response_hours": ("response_time", "responstijd", "reactietermijn", "antwoordtermijn"),
    "opening_hours": ("openingstijden", "openingsuren"),
    "aht": ("afhandeltijd", "aht_seconds"),
    "max_abandon": ("max_afhaak", "max_afhaakpercentage", "max_abandon_percent"),
    "min_agents_when_open": ("min_agents", "min_bezetting", "minimale_bezetting"),
}

_SETTING_KEYS = set(QUEUE_COLUMNS) - {"queue"}
_CHANNELS = {
    "voice": Channel.VOICE, "telefonie": Channel.VOICE, "telefoon": Channel.VOICE,
    "phone": Channel.VOICE, "spraak": Channel.VOICE, "inbound": Channel.VOICE,
    "chat": Channel.CHAT, "webchat": Channel.CHAT, "messaging": Channel.CHAT,
    "email": Channel.EMAIL, "e_mail": Channel.EMAIL, "mail": Channel.EMAIL,
}
MIN_ROWS_FOR_GRID_CHECK = 8


# --------------------------------------------------------------------------------------------
# Opening hours
# --------------------------------------------------------------------------------------------

_DAY_NAMES: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("ma", "maa", "maan", "maandag", "mon", "mo", "monday"),
        ("di", "din", "dins", "dinsdag", "tue", "tu", "tues", "tuesday"),
        ("wo", "woe", "woen", "woensdag", "wed", "we", "wednesday"),
        ("do", "don", "dond", "donderdag", "thu", "th", "thur", "thurs", "thursday"),
        ("vr", "vrij", "vrijdag", "fri", "fr", "friday"),
        ("za", "zat", "zaterdag", "sat", "sa", "saturday"),
        ("zo", "zon", "zondag", "sun", "su", "sunday"),
    )
):
    for _n in _names:
        _DAY_NAMES[_n] = _i
_HOLIDAY_WORDS = {"feestdag", "feestdagen", "holiday", "holidays", "fd"}
_ALL_DAYS_WORDS = {"dagelijks", "daily", "alle_dagen", "elke_dag", "every_day"}
_CLOSED_WORDS = {"gesloten", "dicht", "closed"}
_WINDOW = re.compile(r"(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})")


def _parse_day_token(token: str) -> tuple[set[int], bool]:
    """'ma-vr' → ({0..4}, False); 'feestdag' → (set(), True)."""
    t = token.strip().lower().rstrip(".:")
    if not t:
        raise ValueError("lege dagaanduiding")
    if t in _HOLIDAY_WORDS:
        return set(), True
    if t.replace(" ", "_") in _ALL_DAYS_WORDS:
        return set(range(7)), False
    if "-" in t or "–" in t:
        a, b = re.split(r"[-–]", t, maxsplit=1)
        if a.strip() not in _DAY_NAMES or b.strip() not in _DAY_NAMES:
            raise ValueError(f"'{token}' is geen dagbereik (bijv. ma-vr)")
        i, j = _DAY_NAMES[a.strip()], _DAY_NAMES[b.strip()]
        days = set()
        k = i
        while True:
            days.add(k)
            if k == j:
                break
            k = (k + 1) % 7
        return days, False
    if t not in _DAY_NAMES:
        raise ValueError(f"'{token}' is geen dag (ma, di, wo, do, vr, za, zo of mon…sun, feestdag)")
    return {_DAY_NAMES[t]}, False


def _minutes(h: str, m: str, *, end: bool) -> int:
    hh, mm = int(h), int(m)
    if end and hh == 24 and mm == 0:
        return 1440
    if not (0 <= hh < 24 and 0 <= mm < 60):
        raise ValueError(f"{h}:{m} is geen geldige tijd")
    return hh * 60 + mm


def _to_time(minutes: int) -> time:
    if minutes >= 1440:
        return time(23, 59, 59, 999999)  # end-of-day marker, as kcroster.model.timegrid.parse_hhmm
    return time(minutes // 60, minutes % 60)


def parse_opening_hours(text: str) -> OpeningHours:
    """Parse opening-hours text (grammar in the module docstring); raises ``ValueError``."""
    s = str(text).strip()
    if not s:
        raise ValueError("openingstijden zijn leeg")
    if s.lower().replace(" ", "") in ("24/7", "24x7", "altijd", "always"):
        whole = [(time(0), _to_time(1440))]
        return OpeningHours(weekly={d: list(whole) for d in range(7)}, holiday=list(whole))
    weekly: dict[int, list[tuple[time, time]]] = {}
    holiday: list[tuple[time, time]] | None = None
    for part in re.split(r"[;\n]+", s):
        part = part.strip()
        if not part:
            continue
        m = re.search(r"\d", part)
        lowered = part.lower()
        closed_word = next((w for w in _CLOSED_WORDS if lowered.endswith(w)), None)
        if closed_word is not None:
            day_text, window_text = part[: len(part) - len(closed_word)], ""
        elif m is None:
            raise ValueError(f"'{part}': tijden ontbreken (bijv. 'ma-vr 08:00-20:00')")
        else:
            day_text, window_text = part[: m.start()], part[m.start() :]
        days: set[int] = set()
        is_holiday = False
        tokens = [t for t in re.split(r"[,\s]+", day_text.strip()) if t and t != "en"]
        if not tokens:
            raise ValueError(f"'{part}': dagen ontbreken (bijv. 'ma-vr 08:00-20:00')")
        for token in tokens:
            token_days, token_holiday = _parse_day_token(token)
            days |= token_days
            is_holiday = is_holiday or token_holiday
        windows: list[tuple[time, time]] = []
        if window_text:
            pieces = [p for p in re.split(r"[,\s]+(?=\d)", window_text.strip()) if p.strip()]
            for piece in pieces:
                w = _WINDOW.fullmatch(piece.strip().replace(" ", ""))
                if not w:
                    raise ValueError(f"'{piece.strip()}' is geen tijdvenster (verwacht UU:MM-UU:MM)")
                a = _minutes(w[1], w[2], end=False)
                b = _minutes(w[3], w[4], end=True)
                if b <= a:
                    raise ValueError(
                        f"'{piece.strip()}': de eindtijd moet na de begintijd liggen (over middernacht: splits per dag)"
                    )
                windows.append((_to_time(a), _to_time(b)))
        for d in days:
            weekly[d] = list(windows)
        if is_holiday:
            holiday = list(windows) if windows else None
    weekly = {d: w for d, w in weekly.items() if w}
    return OpeningHours(weekly=weekly, holiday=holiday)


def _window_minutes(w: tuple[time, time]) -> tuple[int, int]:
    a = w[0].hour * 60 + w[0].minute
    b = 1440 if w[1] >= time(23, 59, 59) else w[1].hour * 60 + w[1].minute
    return a, b


def opening_mask(hours: OpeningHours, horizon: Horizon, holiday_dates: set[date]) -> np.ndarray:
    """Boolean mask over the horizon's intervals: open when the interval *starts* in a window."""
    out = np.zeros(horizon.n_intervals, dtype=bool)
    minute = horizon.local_minute_of_day
    for di, day in enumerate(horizon.dates):
        sl = horizon.day_slice(di)
        mins = minute[sl]
        day_open = np.zeros(mins.size, dtype=bool)
        for w in hours.windows(day.weekday(), day in holiday_dates):
            a, b = _window_minutes(w)
            day_open |= (mins >= a) & (mins < b)
        out[sl] = day_open
    return out


def _holiday_dates(horizon: Horizon) -> set[date]:
    import holidays

    years = sorted({d.year for d in horizon.dates})
    return set(holidays.country_holidays("NL", years=years).keys())


# --------------------------------------------------------------------------------------------
# Queue settings
# --------------------------------------------------------------------------------------------


@dataclass
class _QueueSpec:
    queue: Queue
    aht: float | None = None
    row: int | None = None
    explicit: set[str] = field(default_factory=set)


def _channel(value: Any) -> Channel:
    key = normalise_header(value)
    if key in _CHANNELS:
        return _CHANNELS[key]
    raise ValueError(f"'{value}' is geen kanaal (voice/telefonie, chat of email)")


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is geen getal")
    if isinstance(value, (int, float)):
        v = float(value)
    else:
        text = str(value).strip()
        if text.endswith("%"):
            text = text[:-1]
        parsed = number_from_text(text)
        if parsed is None:
            raise ValueError(f"'{value}' is geen getal")
        v = parsed
    if not math.isfinite(v):
        raise ValueError(f"'{value}' is geen eindig getal")
    return v


def _fraction(value: Any, *, what: str, allow_one: bool) -> float:
    """0.30, '30%', 30 → 0.30 (a value above 1 is a percentage)."""
    v = _number(value)
    if v > 1:
        v /= 100.0
    if v < 0 or v > 1 or (v == 1 and not allow_one):
        raise ValueError(f"{what} '{value}' moet tussen 0 en {'100' if allow_one else '<100'} % liggen")
    return v


def _setting_value(key: str, value: Any) -> tuple[str, Any] | list[tuple[str, Any]]:
    """Normalise one queue setting; raises ValueError with a planner-facing reason."""
    if key == "channel":
        return key, value if isinstance(value, Channel) else _channel(value)
    if key == "sl_percent":
        if isinstance(value, str) and "/" in value:
            a, _, b = value.partition("/")
            pct = _number(a)
            secs = _number(b)
            if not (0 < pct < 100) or secs < 0:
                raise ValueError(f"service level '{value}' is ongeldig (bijv. 80/20)")
            return [("sl_percent", pct), ("sl_seconds", secs)]
        v = _number(value)
        if 0 < v <= 1:
            v *= 100.0
        if not (0 < v < 100):
            raise ValueError(f"service level {value} moet tussen 0 en 100 % liggen (100 % is onhaalbaar)")
        return key, v
    if key in ("sl_seconds", "asa_seconds", "patience_seconds", "response_hours", "aht"):
        v = _number(value)
        if v < 0 or (v == 0 and key in ("asa_seconds", "patience_seconds", "response_hours", "aht")):
            raise ValueError(f"{value} moet groter dan 0 zijn")
        return key, v
    if key == "max_occupancy":
        v = _fraction(value, what="maximale bezettingsgraad", allow_one=True)
        if v == 0:
            raise ValueError("maximale bezettingsgraad 0 is onmogelijk")
        return key, v
    if key == "shrinkage":
        return key, _fraction(value, what="shrinkage", allow_one=False)
    if key == "max_abandon":
        return key, _fraction(value, what="maximaal afhaakpercentage", allow_one=False)
    if key in ("concurrency", "min_agents_when_open"):
        v = _number(value)
        if not float(v).is_integer():
            raise ValueError(f"{value} moet een geheel getal zijn")
        iv = int(v)
        if key == "concurrency" and not (1 <= iv <= 6):
            raise ValueError(f"gelijktijdigheid {iv} moet tussen 1 en 6 liggen")
        if iv < 0:
            raise ValueError(f"{iv} is negatief")
        return key, iv
    if key == "opening_hours":
        if isinstance(value, OpeningHours):
            return key, value
        return key, parse_opening_hours(str(value))
    raise ValueError(f"onbekende wachtrij-instelling '{key}'")


def queue_from_settings(name: str, settings: dict[str, Any]) -> tuple[Queue, float | None, set[str]]:
    """Build a :class:`Queue` from already normalised settings; returns (queue, aht, keys set)."""
    values = {k: v for k, v in settings.items() if v is not None}
    channel = values.get("channel", Channel.VOICE)
    kwargs: dict[str, Any] = {"name": name, "channel": channel}
    for k in (
        "sl_percent", "sl_seconds", "asa_seconds", "max_occupancy", "shrinkage", "patience_seconds",
        "concurrency", "response_hours", "opening_hours", "max_abandon", "min_agents_when_open",
    ):
        if k in values:
            kwargs[k] = values[k]
    if channel == Channel.EMAIL and "max_occupancy" not in values:
        kwargs["max_occupancy"] = None  # deferred work: no occupancy cap unless asked
    return Queue(**kwargs), values.get("aht"), set(values)


def _normalise_defaults(queue_defaults: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (queue_defaults or {}).items():
        if value is None:
            continue
        if key not in _SETTING_KEYS:
            raise KcrosterInputError(f"onbekende wachtrij-instelling '{key}'")
        try:
            norm = _setting_value(key, value)
        except ValueError as exc:
            raise KcrosterInputError(f"instelling {key}: {exc}") from exc
        for k, v in norm if isinstance(norm, list) else [norm]:
            out[k] = v
    return out


def _read_queue_sheet(table: SheetTable, defaults: dict[str, Any]) -> dict[str, _QueueSpec]:
    if table.n_rows == 0:
        raise KcrosterInputError("blad met wachtrijen is leeg", file=table.file, sheet=table.sheet)
    headers = table.row_values(0)
    cols = resolve_columns(
        headers, QUEUE_COLUMNS, {"queue"}, file=table.file, sheet=table.sheet, row=int(table.row_numbers[0])
    )
    specs: dict[str, _QueueSpec] = {}
    for i in range(1, table.n_rows):
        row_no = int(table.row_numbers[i])
        qcol = cols["queue"]
        name_value = table.value(i, qcol)
        if is_blank(name_value):
            if any(not is_blank(table.value(i, j)) for j in cols.values()):
                raise KcrosterInputError(
                    "naam van de wachtrij ontbreekt", file=table.file, sheet=table.sheet, row=row_no,
                    column=column_label(qcol, headers[qcol]),
                )
            continue
        name = _name_text(name_value)
        if name in specs:
            raise KcrosterInputError(
                f"wachtrij '{name}' staat twee keer op het blad (ook rij {specs[name].row})",
                file=table.file, sheet=table.sheet, row=row_no, column=column_label(qcol, headers[qcol]),
            )
        settings = dict(defaults)
        for key, j in cols.items():
            if key == "queue":
                continue
            value = table.value(i, j)
            if is_blank(value):
                continue
            try:
                norm = _setting_value(key, value)
            except ValueError as exc:
                raise KcrosterInputError(
                    str(exc), file=table.file, sheet=table.sheet, row=row_no, column=column_label(j, headers[j])
                ) from exc
            for k, v in norm if isinstance(norm, list) else [norm]:
                settings[k] = v
        queue, aht, keys = queue_from_settings(name, settings)
        specs[name] = _QueueSpec(queue, aht, row_no, keys)
    if not specs:
        raise KcrosterInputError("blad met wachtrijen bevat geen wachtrijen", file=table.file, sheet=table.sheet)
    return specs


def _name_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --------------------------------------------------------------------------------------------
# Records: what both formats reduce to before they are put on the horizon
# --------------------------------------------------------------------------------------------


@dataclass
class _Records:
    """One entry per forecast value; ``where(i, field)`` locates entry ``i`` for messages."""

    queue_names: list[str]
    queue_codes: np.ndarray  # int, index into queue_names
    day_ord: np.ndarray  # int64 proleptic ordinal of the local date
    seconds: np.ndarray  # int64 local seconds since midnight
    fold: np.ndarray  # int8: -1 = by order of appearance, 0/1 explicit
    instant: np.ndarray  # float64 POSIX seconds when the file gave a UTC offset, else NaN
    volume: np.ndarray
    aht: np.ndarray  # NaN = not given
    where: Any  # callable (i, field) -> dict(file, sheet, row, column)
    lenient_zero: bool = False  # wide format: empty cells at non-existent times are ignored
    blank: np.ndarray | None = None  # wide format: the volume cell is empty (volume reads 0)


def _err(records: _Records, i: int, fld: str, reason: str) -> KcrosterInputError:
    return KcrosterInputError(reason, **records.where(int(i), fld))


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{(seconds // 60) % 60:02d}"


# --------------------------------------------------------------------------------------------
# Long format
# --------------------------------------------------------------------------------------------


def _unique_texts(texts: np.ndarray) -> tuple[np.ndarray, list[str]]:
    import pandas as pd

    codes, uniques = pd.factorize(texts)
    return np.asarray(codes, dtype=np.int64), [str(u) for u in uniques]


def _parse_moment_text(text: str) -> tuple[int | None, int | None, float | None]:
    """Text in a time/datetime cell → (day ordinal or None, local seconds, instant or None).

    Returns (None, None, None) when it is not a time.
    """
    s = text.strip()
    t = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?", s)
    if t:
        h, m, sec = int(t[1]), int(t[2]), int(t[3] or 0)
        if h < 24 and m < 60 and sec < 60:
            return None, h * 3600 + m * 60 + sec, None
        return None, None, None
    try:
        moment = datetime.fromisoformat(s.replace("z", "Z"))
    except ValueError:
        m2 = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})[ T](\d{1,2})[:.](\d{2})(?::(\d{2}))?", s)
        if not m2:
            return None, None, None
        try:
            moment = datetime(int(m2[3]), int(m2[2]), int(m2[1]), int(m2[4]), int(m2[5]), int(m2[6] or 0))
        except ValueError:
            return None, None, None
    if moment.tzinfo is not None:
        return moment.date().toordinal(), moment.hour * 3600 + moment.minute * 60 + moment.second, moment.timestamp()
    return moment.date().toordinal(), moment.hour * 3600 + moment.minute * 60 + moment.second, None


_EPOCH_ORD = EXCEL_EPOCH.toordinal()


def _moments_from_column(
    table: SheetTable, j: int, rows: np.ndarray, *, column: str, date_required: bool, what: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A time or datetime column → (day ordinals or -1, seconds, instants/NaN)."""
    n = rows.size
    day = np.full(n, -1, dtype=np.int64)
    sec = np.zeros(n, dtype=np.int64)
    inst = np.full(n, np.nan)
    kinds = table.kinds[rows, j] if j < table.n_cols else np.zeros(n, dtype=np.uint8)
    bad = np.zeros(n, dtype=bool)
    num = kinds == KIND_NUMBER
    if num.any():
        v = table.numbers[rows[num], j]
        ok = (v >= 0) & (v < 2958466)
        whole = np.floor(np.where(ok, v, 0.0))
        frac_sec = np.rint((np.where(ok, v, 0.0) - whole) * 86400.0).astype(np.int64)
        carry = frac_sec >= 86400
        frac_sec[carry] -= 86400
        # A bare time (< 1 day) has no date; a date-time rounding up to midnight moves a day on.
        d = np.where(whole >= 1, (whole + carry).astype(np.int64) + _EPOCH_ORD, -1)
        day[num] = d
        sec[num] = frac_sec
        bad[num] = ~ok
    txt = kinds == KIND_TEXT
    if txt.any():
        codes, uniq = _unique_texts(table.texts[rows[txt], j])
        parsed = [_parse_moment_text(u) for u in uniq]
        pd_day = np.asarray([-1 if p[0] is None else p[0] for p in parsed], dtype=np.int64)
        pd_sec = np.asarray([-1 if p[1] is None else p[1] for p in parsed], dtype=np.int64)
        pd_inst = np.asarray([np.nan if p[2] is None else p[2] for p in parsed], dtype=np.float64)
        day[txt] = pd_day[codes]
        sec[txt] = pd_sec[codes]
        inst[txt] = pd_inst[codes]
        bad[txt] = pd_sec[codes] < 0
    bad |= ~(num | txt)
    if date_required:
        bad |= day < 0
    if bad.any():
        i = int(rows[int(np.flatnonzero(bad)[0])])
        value = table.value(i, j) if j < table.n_cols else None
        reason = (
            f"cel is leeg; {what} verwacht" if value is None else f"'{value}' is geen {what}"
        )
        raise KcrosterInputError(
            reason, file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=column
        )
    return day, sec, inst


def _dates_from_column(table: SheetTable, j: int, rows: np.ndarray, *, column: str) -> np.ndarray:
    from kcroster.io.cells import date_from_text as _date_from_text

    n = rows.size
    day = np.full(n, -1, dtype=np.int64)
    kinds = table.kinds[rows, j] if j < table.n_cols else np.zeros(n, dtype=np.uint8)
    num = kinds == KIND_NUMBER
    if num.any():
        v = table.numbers[rows[num], j]
        ok = (v >= 1) & (v < 2958466)
        day[num] = np.where(ok, np.floor(np.where(ok, v, 1)).astype(np.int64) + _EPOCH_ORD, -1)
    txt = kinds == KIND_TEXT
    if txt.any():
        codes, uniq = _unique_texts(table.texts[rows[txt], j])
        parsed = []
        for u in uniq:
            d = _date_from_text(u)
            parsed.append(-1 if d is None else d.toordinal())
        day[txt] = np.asarray(parsed, dtype=np.int64)[codes]
    if (day < 0).any():
        i = int(rows[int(np.flatnonzero(day < 0)[0])])
        value = table.value(i, j) if j < table.n_cols else None
        reason = "cel is leeg; een datum verwacht" if value is None else (
            f"'{value}' is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"
        )
        raise KcrosterInputError(
            reason, file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=column
        )
    return day


def _long_records(table: SheetTable, cols: dict[str, int], queue_aht: dict[str, float | None]) -> _Records:
    header = table.row_values(0)
    rows = np.arange(1, table.n_rows)
    labels = {k: column_label(j, header[j]) for k, j in cols.items()}
    if rows.size == 0:
        raise KcrosterInputError("bevat geen gegevens onder de kopregel", file=table.file, sheet=table.sheet)
    names = column_texts(table, cols["queue"], column=labels["queue"], rows=rows)
    codes, queue_names = _unique_texts(names)
    volume = column_numbers(table, cols["volume"], column=labels["volume"], rows=rows)
    if "aht" in cols:
        aht = column_numbers(table, cols["aht"], column=labels["aht"], rows=rows, empty=np.nan)
    else:
        missing = [q for q in queue_names if queue_aht.get(q) is None]
        if missing:
            raise KcrosterInputError(
                f"kolom 'aht' ontbreekt (ook herkend als: afhandeltijd) en wachtrij '{missing[0]}' heeft geen aht op het wachtrijenblad",
                file=table.file, sheet=table.sheet, row=int(table.row_numbers[0]), column="aht",
            )
        per_queue = np.asarray([float(queue_aht[q] or 0.0) for q in queue_names])
        aht = per_queue[codes]
    time_key = "time" if "time" in cols else "datetime" if "datetime" in cols else None
    if time_key is None:
        raise KcrosterInputError(
            "kolom 'time' ontbreekt (ook herkend als: tijd)", file=table.file, sheet=table.sheet,
            row=int(table.row_numbers[0]), column="time",
        )
    if "date" not in cols and time_key == "time" and "datetime" in cols:
        time_key = "datetime"
    day, sec, inst = _moments_from_column(
        table, cols[time_key], rows, column=labels[time_key],
        date_required="date" not in cols, what="tijd (UU:MM) of datum met tijd",
    )
    if "date" in cols:
        dcol = _dates_from_column(table, cols["date"], rows, column=labels["date"])
        clash = (day >= 0) & (day != dcol) & np.isnan(inst)
        if clash.any():
            i = int(rows[int(np.flatnonzero(clash)[0])])
            raise KcrosterInputError(
                f"datum in kolom {labels[time_key]} wijkt af van kolom {labels['date']}",
                file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=labels[time_key],
            )
        day = np.where(np.isnan(inst), dcol, day)
    row_numbers = table.row_numbers[rows]
    field_label = {"queue": labels["queue"], "volume": labels["volume"], "aht": labels.get("aht", "aht"),
                   "time": labels[time_key], "date": labels.get("date", labels[time_key])}

    def where(i: int, fld: str) -> dict[str, Any]:
        return {"file": table.file, "sheet": table.sheet, "row": int(row_numbers[i]), "column": field_label[fld]}

    return _Records(
        queue_names=queue_names, queue_codes=codes, day_ord=day, seconds=sec,
        fold=np.full(rows.size, -1, dtype=np.int8), instant=inst, volume=volume, aht=aht, where=where,
    )


# --------------------------------------------------------------------------------------------
# Wide format
# --------------------------------------------------------------------------------------------


def _wide_header_dates(table: SheetTable) -> list[tuple[int, int]] | None:
    """(column, day ordinal) for the header cells that are dates; None if not a wide sheet."""
    if table.n_rows == 0:
        return None
    from kcroster.io.cells import date_from_text as _date_from_text

    out = []
    for j in range(1, table.n_cols):
        k = int(table.kinds[0, j])
        if k == KIND_NUMBER:
            v = float(table.numbers[0, j])
            if 1 <= v < 2958466:
                out.append((j, int(math.floor(v)) + _EPOCH_ORD))
                continue
            return None
        if k == KIND_TEXT:
            d = _date_from_text(str(table.texts[0, j]))
            if d is None:
                return None
            out.append((j, d.toordinal()))
        elif k != KIND_EMPTY:
            return None
    return out or None


def _wide_grid(
    table: SheetTable, dates: list[tuple[int, int]], *, empty: float | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(row index, date index, seconds, occurrence, day ordinal, value) for every data cell."""
    from kcroster.io.cells import parse_time

    header0 = table.row_values(0)
    tcol_label = column_label(0, header0[0] if header0 else None)
    times: list[int] = []
    occurrence: list[int] = []
    seen: dict[int, int] = {}
    for i in range(1, table.n_rows):
        t = parse_time(table.value(i, 0), file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=tcol_label)
        s = t.hour * 3600 + t.minute * 60 + t.second
        n_seen = seen.get(s, 0)
        if n_seen >= 2:
            raise KcrosterInputError(
                f"tijd {_hhmm(s)} staat vaker dan twee keer in de tijdkolom",
                file=table.file, sheet=table.sheet, row=int(table.row_numbers[i]), column=tcol_label,
            )
        seen[s] = n_seen + 1
        times.append(s)
        occurrence.append(n_seen)
    rows = np.arange(1, table.n_rows)
    seen_days: dict[int, int] = {}
    for j, d in dates:
        if d in seen_days:
            raise KcrosterInputError(
                f"datum {date.fromordinal(d).strftime('%d-%m-%Y')} staat twee keer in de kopregel "
                f"(ook kolom {column_label(seen_days[d])})",
                file=table.file, sheet=table.sheet, row=int(table.row_numbers[0]), column=column_label(j, header0[j]),
            )
        seen_days[d] = j
    n_r, n_d = rows.size, len(dates)
    values = np.zeros((n_r, n_d))
    for c, (j, _d) in enumerate(dates):
        values[:, c] = column_numbers(
            table, j, column=column_label(j, header0[j]), rows=rows, empty=empty
        )
    r_idx = np.repeat(np.arange(n_r), n_d)
    c_idx = np.tile(np.arange(n_d), n_r)
    secs = np.asarray(times, dtype=np.int64)[r_idx] if n_r else np.zeros(0, np.int64)
    occ = np.asarray(occurrence, dtype=np.int8)[r_idx] if n_r else np.zeros(0, np.int8)
    days = np.asarray([d for _j, d in dates], dtype=np.int64)[c_idx]
    return r_idx, c_idx, secs, occ, days, values.reshape(-1)


def _wide_records(
    sheets: list[tuple[str, SheetTable, list[tuple[int, int]]]],
    aht_tables: dict[str, SheetTable],
    queue_aht: dict[str, float | None],
) -> _Records:
    names: list[str] = []
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("q", "day", "sec", "fold", "vol", "blank", "aht", "row", "col", "sheet")}
    tables: list[SheetTable] = []
    for qi, (name, table, dates) in enumerate(sheets):
        names.append(name)
        tables.append(table)
        r_idx, c_idx, secs, occ, days, vols = _wide_grid(table, dates, empty=np.nan)
        blank = np.isnan(vols)  # an empty cell is not a zero: inside opening hours it is a gap
        vols = np.where(blank, 0.0, vols)
        aht_table = aht_tables.get(name)
        if aht_table is not None:
            a_dates = _wide_header_dates(aht_table)
            if a_dates is None:
                raise KcrosterInputError(
                    "kopregel moet datums bevatten (zelfde vorm als het volumeblad)",
                    file=aht_table.file, sheet=aht_table.sheet, row=int(aht_table.row_numbers[0]) if aht_table.n_rows else 1,
                )
            _r, _c, a_secs, a_occ, a_days, a_vals = _wide_grid(aht_table, a_dates, empty=np.nan)
            lookup = {(int(d), int(s), int(o)): float(v) for d, s, o, v in zip(a_days, a_secs, a_occ, a_vals, strict=True)}
            ahts = np.asarray(
                [lookup.get((int(d), int(s), int(o)), np.nan) for d, s, o in zip(days, secs, occ, strict=True)],
                dtype=np.float64,
            )
        else:
            value = queue_aht.get(name)
            if value is None:
                raise KcrosterInputError(
                    f"geen AHT voor wachtrij '{name}': voeg een blad '{name} AHT' toe "
                    "of een kolom 'aht' op het blad Queues",
                    file=table.file, sheet=table.sheet,
                )
            ahts = np.full(vols.size, float(value))
        parts["q"].append(np.full(vols.size, qi, dtype=np.int64))
        parts["day"].append(days)
        parts["sec"].append(secs)
        parts["fold"].append(occ.astype(np.int8))
        parts["vol"].append(vols)
        parts["blank"].append(blank)
        parts["aht"].append(ahts)
        parts["row"].append(table.row_numbers[1:][r_idx] if r_idx.size else np.zeros(0, np.int64))
        parts["col"].append(np.asarray([dates[c][0] for c in c_idx.tolist()], dtype=np.int64))
        parts["sheet"].append(np.full(vols.size, qi, dtype=np.int64))
    cat = {k: (np.concatenate(v) if v else np.zeros(0)) for k, v in parts.items()}
    headers = [t.row_values(0) for t in tables]

    def where(i: int, fld: str) -> dict[str, Any]:
        qi = int(cat["sheet"][i])
        t = tables[qi]
        if fld == "aht" and names[qi] in aht_tables:
            t = aht_tables[names[qi]]
        j = int(cat["col"][i])
        col = column_label(0, headers[qi][0]) if fld == "time" else column_label(j, headers[qi][j] if j < len(headers[qi]) else None)
        return {"file": t.file, "sheet": t.sheet, "row": int(cat["row"][i]), "column": col}

    return _Records(
        queue_names=names, queue_codes=cat["q"].astype(np.int64), day_ord=cat["day"].astype(np.int64),
        seconds=cat["sec"].astype(np.int64), fold=cat["fold"].astype(np.int8),
        instant=np.full(cat["q"].size, np.nan), volume=cat["vol"].astype(np.float64),
        aht=cat["aht"].astype(np.float64), where=where, lenient_zero=True, blank=cat["blank"].astype(bool),
    )


# --------------------------------------------------------------------------------------------
# Putting records on the horizon
# --------------------------------------------------------------------------------------------


def _group_gcds(rec: _Records, naive: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per (queue, day) group of naive records: (record indexes, order, group starts, sizes, gcds)."""
    idx = np.flatnonzero(naive)
    key = rec.queue_codes[idx] * 10_000_000 + rec.day_ord[idx]
    order = np.argsort(key, kind="stable")
    k_sorted = key[order]
    starts = np.flatnonzero(np.r_[True, k_sorted[1:] != k_sorted[:-1]]) if idx.size else np.zeros(0, np.int64)
    sizes = np.diff(np.r_[starts, k_sorted.size])
    secs = rec.seconds[idx][order]
    gcds = np.gcd(np.gcd.reduceat(secs, starts), 86400) if idx.size else np.zeros(0, np.int64)
    return idx, order, starts, np.stack([sizes, gcds]) if idx.size else np.zeros((2, 0), np.int64)


def _infer_interval(rec: _Records, naive: np.ndarray) -> int:
    """15 minutes unless the data is clearly coarser.

    Every time must sit on a 15-minute grid. The file is read as 30- or 60-minute data only when
    each queue-day with at least ``MIN_ROWS_FOR_GRID_CHECK`` rows uses that coarser grid (a few
    scattered rows at whole hours say nothing about the interval length).
    """
    off = np.flatnonzero(naive & (rec.seconds % 900 != 0))
    if off.size:
        i = int(off[0])
        raise _err(
            rec, i, "time",
            f"tijd {_hhmm(int(rec.seconds[i]))} ligt niet op een raster van 15, 30 of 60 minuten",
        )
    if not naive.any():
        return 15
    _idx, _order, _starts, stats = _group_gcds(rec, naive)
    sizes, gcds = stats
    big = sizes >= MIN_ROWS_FOR_GRID_CHECK
    if not big.any():
        return 15
    overall = int(np.gcd.reduce(gcds[big]))
    for minutes in (60, 30):
        if overall % (minutes * 60) == 0:
            secs = np.unique(rec.seconds[naive])
            if (secs % (minutes * 60) == 0).all():
                return minutes
    return 15


def _check_mixed_lengths(rec: _Records, naive: np.ndarray, grid: int, interval_given: bool) -> None:
    """A queue-day with enough rows on a coarser grid than ``grid`` means mixed interval lengths."""
    if not naive.any():
        return
    idx, order, starts, stats = _group_gcds(rec, naive)
    sizes, group_gcd = stats
    coarse = (sizes >= MIN_ROWS_FOR_GRID_CHECK) & (group_gcd > grid) & (group_gcd % grid == 0)
    if not coarse.any():
        return
    fine = (sizes >= MIN_ROWS_FOR_GRID_CHECK) & (group_gcd == grid)
    g = int(np.flatnonzero(coarse)[0])
    first = int(idx[order[starts[g]]])
    coarse_min = int(group_gcd[g]) // 60
    if fine.any() or not interval_given:
        raise _err(
            rec, first, "time",
            f"wisselende intervallengte: deze dag van wachtrij '{rec.queue_names[int(rec.queue_codes[first])]}' "
            f"gebruikt intervallen van {coarse_min} minuten, de rest van het bestand {grid // 60} minuten",
        )
    raise _err(
        rec, first, "time",
        f"het bestand gebruikt intervallen van {coarse_min} minuten, gevraagd is {grid // 60} minuten "
        f"(gebruik --interval {coarse_min})",
    )


def _place(rec: _Records, horizon: Horizon) -> np.ndarray:
    """Interval index of every record, or -1 for records to drop (empty wide cells at
    non-existent times). Raises for anything else that does not fit the grid."""
    n = rec.volume.size
    isec = horizon.interval_seconds
    slots = 86400 // isec
    days = horizon.days
    k_of = np.full(n, -1, dtype=np.int64)
    # Lookup (day, slot, fold) → interval, from the horizon's own labels.
    lut = np.full((days, slots, 2), -1, dtype=np.int64)
    lmod = horizon.local_minute_of_day.astype(np.int64) * 60 // isec
    dayi = horizon.day_of_interval.astype(np.int64)
    seen = np.zeros((days, slots), dtype=np.int8)
    for interval in range(horizon.n_intervals):  # ≤ 35 000 for a year; cheap
        kd, kslot = int(dayi[interval]), int(lmod[interval])
        f = int(seen[kd, kslot])
        if f < 2:
            lut[kd, kslot, f] = interval
        seen[kd, kslot] = f + 1
    start_ord = horizon.start.toordinal()
    explicit = ~np.isnan(rec.instant)
    naive = ~explicit
    if explicit.any():
        starts = horizon.starts_utc
        ts = rec.instant[explicit]
        pos = np.searchsorted(starts, ts, side="right") - 1
        ok = (pos >= 0) & (np.abs(starts[np.clip(pos, 0, None)] - ts) < 0.5)
        idx = np.flatnonzero(explicit)
        if not ok.all():
            i = int(idx[int(np.flatnonzero(~ok)[0])])
            raise _err(rec, i, "time", f"tijdstip ligt niet op het raster van {horizon.interval_minutes} minuten")
        k_of[idx] = pos
    if naive.any():
        idx = np.flatnonzero(naive)
        secs = rec.seconds[idx]
        d = rec.day_ord[idx] - start_ord
        off = secs % isec != 0
        if off.any():
            i = int(idx[int(np.flatnonzero(off)[0])])
            raise _err(
                rec, i, "time",
                f"tijd {_hhmm(int(rec.seconds[i]))} ligt niet op het raster van {horizon.interval_minutes} minuten",
            )
        slot = secs // isec
        first = lut[d, slot, 0]
        second = lut[d, slot, 1]
        fold = rec.fold[idx].astype(np.int64)
        auto = fold < 0
        if auto.any():
            # Order of appearance per (queue, day, slot): first = fold 0, second = fold 1.
            key = (rec.queue_codes[idx] * days + d) * slots + slot
            order = np.argsort(key, kind="stable")
            ks = key[order]
            run_start = np.r_[True, ks[1:] != ks[:-1]]
            pos_in_run = np.arange(ks.size) - np.maximum.accumulate(np.where(run_start, np.arange(ks.size), 0))
            rank = np.empty_like(pos_in_run)
            rank[order] = pos_in_run
            fold = np.where(auto, rank, fold)
        missing = first < 0
        if missing.any():
            bad = missing
            if rec.lenient_zero:
                bad = missing & (rec.volume[idx] != 0)
            if bad.any():
                i = int(idx[int(np.flatnonzero(bad)[0])])
                day_text = date.fromordinal(int(rec.day_ord[i])).strftime("%d-%m-%Y")
                raise _err(
                    rec, i, "time",
                    f"{day_text} {_hhmm(int(rec.seconds[i]))} bestaat niet "
                    "(zomertijd: de klok springt van 02:00 naar 03:00)",
                )
        k = np.where(fold == 0, first, np.where(fold == 1, second, -1))
        dup = ~missing & (k < 0)
        if rec.lenient_zero:
            dup &= rec.volume[idx] != 0
        if dup.any():
            i = int(idx[int(np.flatnonzero(dup)[0])])
            raise _err(rec, i, "time", _duplicate_reason(rec, i, idx, d, slot))
        k_of[idx] = np.where(missing, -1, k)
    # Every (queue, interval) at most once.
    placed = np.flatnonzero(k_of >= 0)
    key = rec.queue_codes[placed] * horizon.n_intervals + k_of[placed]
    order = np.argsort(key, kind="stable")
    ks = key[order]
    dup_pos = np.flatnonzero(ks[1:] == ks[:-1])
    if dup_pos.size:
        a = int(placed[order[dup_pos[0]]])
        b = int(placed[order[dup_pos[0] + 1]])
        other = rec.where(a, "time")
        raise _err(rec, b, "time", f"dubbel interval: dit interval staat ook op rij {other['row']}")
    return k_of


def _duplicate_reason(rec: _Records, i: int, idx: np.ndarray, d: np.ndarray, slot: np.ndarray) -> str:
    pos = int(np.flatnonzero(idx == i)[0])
    same = np.flatnonzero(
        (rec.queue_codes[idx] == rec.queue_codes[i]) & (d == d[pos]) & (slot == slot[pos])
    )
    first = int(idx[int(same[0])])
    when = f"{date.fromordinal(int(rec.day_ord[i])).strftime('%d-%m-%Y')} {_hhmm(int(rec.seconds[i]))}"
    return f"dubbel interval {when} voor wachtrij '{rec.queue_names[int(rec.queue_codes[i])]}' (ook op rij {rec.where(first, 'time')['row']})"


def _local_days(rec: _Records, tz: ZoneInfo) -> np.ndarray:
    day = rec.day_ord.copy()
    explicit = np.flatnonzero(~np.isnan(rec.instant))
    if explicit.size:
        cache: dict[float, int] = {}
        for i in explicit.tolist():
            ts = float(rec.instant[i])
            v = cache.get(ts)
            if v is None:
                v = datetime.fromtimestamp(ts, UTC).astimezone(tz).date().toordinal()
                cache[ts] = v
            day[i] = v
    return day


def _build(
    rec: _Records,
    specs: dict[str, _QueueSpec] | None,
    defaults: dict[str, Any],
    *,
    interval_minutes: int | None,
    tz_name: str,
    source: str,
    queue_sheet_label: str | None,
    gaps: str,
) -> Forecast:
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise KcrosterInputError(f"onbekende tijdzone '{tz_name}'") from exc
    notes: list[str] = []
    if rec.volume.size == 0:
        raise KcrosterInputError("bevat geen prognoseregels", file=source)
    # Volume and AHT checks (vectorised; the first bad record is reported).
    bad_aht = (rec.volume > 0) & ~(rec.aht > 0)
    if bad_aht.any():
        i = int(np.flatnonzero(bad_aht)[0])
        a = rec.aht[i]
        what = "ontbreekt" if np.isnan(a) else f"is {a:g}"
        raise _err(rec, i, "aht", f"AHT {what} terwijl het volume {rec.volume[i]:g} is; AHT moet > 0 seconden zijn")
    if (rec.aht > 86400).any():
        i = int(np.flatnonzero(rec.aht > 86400)[0])
        raise _err(rec, i, "aht", f"AHT {rec.aht[i]:g} s is langer dan een dag; AHT staat in seconden")
    too_big = first_volume_too_large(rec.volume)  # issue 23 item 4: the limit lives in staffing
    if too_big is not None:
        raise _err(rec, too_big, "volume", volume_limit_reason(float(rec.volume[too_big])))
    # Queues: sheet order first; unknown forecast queues are an error when a sheet exists.
    if specs is not None:
        for qi, name in enumerate(rec.queue_names):
            if name not in specs:
                i = int(np.flatnonzero(rec.queue_codes == qi)[0])
                raise _err(
                    rec, i, "queue",
                    f"onbekende wachtrij '{name}': staat niet op blad '{queue_sheet_label}'",
                )
        queue_list = list(specs)
        for name in queue_list:
            if name not in rec.queue_names:
                notes.append(
                    f"Wachtrij '{name}' staat op blad '{queue_sheet_label}' maar heeft geen prognose; volume 0."
                )
    else:
        queue_list = list(rec.queue_names)
    remap = np.asarray([queue_list.index(n) for n in rec.queue_names], dtype=np.int64)
    q_of = remap[rec.queue_codes] if rec.queue_codes.size else rec.queue_codes
    rec = replace(rec, queue_codes=q_of, queue_names=queue_list)
    # Horizon: whole local days from the first to the last date.
    day = _local_days(rec, tz)
    naive = np.isnan(rec.instant)
    if interval_minutes is None:
        interval = _infer_interval(rec, naive)
    else:
        if interval_minutes not in (15, 30, 60):
            raise KcrosterInputError(f"intervallengte {interval_minutes} min wordt niet ondersteund (15, 30 of 60)")
        interval = int(interval_minutes)
    _check_mixed_lengths(rec, naive, interval * 60, interval_minutes is not None)
    first_day, last_day = int(day.min()), int(day.max())
    n_days = last_day - first_day + 1
    if n_days > 800:
        raise KcrosterInputError(
            f"de prognose beslaat {n_days} dagen ({date.fromordinal(first_day)} t/m {date.fromordinal(last_day)}); "
            "maximaal ruim twee jaar", file=source,
        )
    horizon = Horizon(start=date.fromordinal(first_day), days=n_days, interval_minutes=interval, tz_name=tz_name)
    rec = replace(rec, day_ord=np.where(naive, rec.day_ord, day))
    k_of = _place(rec, horizon)
    n_q, n_k = len(queue_list), horizon.n_intervals
    volume = np.zeros((n_q, n_k))
    aht = np.zeros((n_q, n_k))
    record_at = np.full((n_q, n_k), -1, dtype=np.int64)  # the record of each cell, -1 = no row
    use = k_of >= 0
    volume[rec.queue_codes[use], k_of[use]] = rec.volume[use]
    a = np.where(np.isnan(rec.aht[use]), 0.0, rec.aht[use])
    aht[rec.queue_codes[use], k_of[use]] = a
    record_at[rec.queue_codes[use], k_of[use]] = np.flatnonzero(use)
    present = record_at >= 0
    if rec.blank is not None:
        present &= ~rec.blank[np.maximum(record_at, 0)]
    # Queue objects.
    queues: list[Queue] = []
    for name in queue_list:
        if specs is not None:
            queues.append(specs[name].queue)
        else:
            queues.append(queue_from_settings(name, defaults)[0])
    open_mask = _open_mask(queues, horizon, volume, notes)
    forecast = Forecast(
        horizon=horizon, queues=queues, volume=volume, aht=aht, open_mask=open_mask, source=source, notes=notes
    )
    # A queue without a single row is already noted above ("heeft geen prognose"), not a gap.
    gap_mask = open_mask & ~present & (record_at >= 0).any(axis=1, keepdims=True)
    if not gap_mask.any():
        return forecast
    report = _locate_gaps(rec, forecast, gap_mask, record_at)
    if gaps == "stop":
        raise ForecastGapsError(report, file=source)
    forecast.notes.append(report)
    return _handle_gaps(forecast, report, gaps)


def _open_mask(queues: list[Queue], horizon: Horizon, volume: np.ndarray, notes: list[str]) -> np.ndarray:
    mask = np.zeros(volume.shape, dtype=bool)
    holiday_dates: set[date] | None = None
    for qi, q in enumerate(queues):
        if q.opening_hours is not None:
            if holiday_dates is None:
                holiday_dates = _holiday_dates(horizon)
            mask[qi] = opening_mask(q.opening_hours, horizon, holiday_dates)
            outside = (volume[qi] > 0) & ~mask[qi]
            if outside.any() and q.channel != Channel.EMAIL:
                k = int(np.flatnonzero(outside)[0])
                when = horizon.interval_start(k)
                notes.append(
                    f"Wachtrij '{q.name}': volume in {int(outside.sum())} intervallen buiten de openingstijden "
                    f"(eerste: {when.strftime('%d-%m-%Y %H:%M')}); die intervallen blijven gesloten."
                )
        else:
            for d in range(horizon.days):
                sl = horizon.day_slice(d)
                nz = np.flatnonzero(volume[qi, sl] > 0)
                if nz.size:
                    mask[qi, sl.start + int(nz[0]) : sl.start + int(nz[-1]) + 1] = True
    return mask


# --------------------------------------------------------------------------------------------
# Gaps: intervals inside opening hours that the file gives no value for
# --------------------------------------------------------------------------------------------

GAP_POLICIES = ("interpolate", "zero", "stop")
DEFAULT_GAP_POLICY = "interpolate"
GAPS_NAMED = 5  # gaps a note or error names one by one; the count covers the rest
_GAP_ACTIONS = {
    "interpolate": (
        "Geïnterpoleerd: lineair tussen de naburige intervallen van dezelfde dag; aan het begin of "
        "eind van een dag hetzelfde interval op dezelfde weekdag in de naburige weken, anders de "
        "dichtstbijzijnde waarde van die dag"
    ),
    "zero": "Op 0 gezet",
}


@dataclass(frozen=True)
class ForecastGap:
    """One interval inside a queue's opening hours that the file has no value for.

    Long format: no row (``after_row``/``before_row`` are the rows of the same queue around
    where it would be). Wide format: an empty cell (``row`` and ``column`` name it) or a time or
    date that is missing from the sheet (the rows around it, and the date's column if it has one).
    """

    queue: str
    day: date
    time: str  # local clock label HH:MM
    winter: bool  # the second (winter-time) occurrence of a repeated autumn hour
    file: str | None
    sheet: str | None
    row: int | None = None
    column: str | None = None
    after_row: int | None = None
    before_row: int | None = None

    def location(self) -> str:
        """Where in the file the value is missing, in the planner's words (Dutch)."""
        sheet = f" op blad '{self.sheet}'" if self.sheet else ""
        if self.row is not None:
            return f"lege cel{sheet}, rij {self.row}, kolom {self.column}"
        column = f", kolom {self.column}" if self.column else ""
        if self.after_row is not None and self.before_row is not None:
            where = f"hoort tussen rij {self.after_row} en {self.before_row}"
        elif self.after_row is not None:
            where = f"hoort na rij {self.after_row}"
        elif self.before_row is not None:
            where = f"hoort vóór rij {self.before_row}"
        else:
            where = "geen gegevens voor deze wachtrij"
        return f"geen regel{sheet}, {where}{column}"

    def describe(self) -> str:
        when = f"{self.day.strftime('%d-%m-%Y')} {self.time}" + (" (wintertijd)" if self.winter else "")
        return f"wachtrij '{self.queue}' {when}: {self.location()}"


class GapReport(str):
    """The import note about gaps: its text is the note, its fields say which cells.

    It is a ``str`` so it travels in ``Forecast.notes`` like every other note (CLI stderr, the
    GUI's import list, the project file as plain text), while the GUI can still read the gaps
    from it to ask the planner and re-apply another choice (:func:`apply_gap_policy`).
    """

    gaps: tuple[ForecastGap, ...]
    queue_index: np.ndarray
    interval: np.ndarray
    policy: str

    def __new__(
        cls,
        text: str = "",
        gaps: tuple[ForecastGap, ...] = (),
        queue_index: np.ndarray | None = None,
        interval: np.ndarray | None = None,
        policy: str = DEFAULT_GAP_POLICY,
    ) -> GapReport:
        self = super().__new__(cls, text)
        self.gaps = tuple(gaps)
        self.queue_index = np.zeros(0, np.int64) if queue_index is None else np.asarray(queue_index, np.int64)
        self.interval = np.zeros(0, np.int64) if interval is None else np.asarray(interval, np.int64)
        self.policy = policy
        return self

    @classmethod
    def build(cls, gaps: list[ForecastGap], queue_index: np.ndarray, interval: np.ndarray, policy: str) -> GapReport:
        return cls(_gap_text(gaps, policy), tuple(gaps), queue_index, interval, policy)

    @property
    def count(self) -> int:
        return len(self.gaps)

    def with_policy(self, policy: str) -> GapReport:
        """The same gaps, noted as handled by ``policy``."""
        if policy == self.policy:
            return self
        return GapReport.build(list(self.gaps), self.queue_index, self.interval, policy)


def _gap_list(gaps: list[ForecastGap] | tuple[ForecastGap, ...]) -> str:
    named = "; ".join(g.describe() for g in gaps[:GAPS_NAMED])
    rest = len(gaps) - GAPS_NAMED
    return named + (f"; en nog {rest}" if rest > 0 else "")


def _gap_count(n: int) -> str:
    return "1 interval binnen de openingstijden heeft" if n == 1 else f"{n} intervallen binnen de openingstijden hebben"


def _gap_text(gaps: list[ForecastGap], policy: str) -> str:
    if policy == "stop":
        return (f"{_gap_count(len(gaps))} geen waarde — {_gap_list(gaps)}. Vul de ontbrekende waarden "
                "aan in het bestand, of lees het in met interpoleren of op nul zetten")
    return f"{_gap_count(len(gaps))} geen waarde in het bestand — {_gap_list(gaps)}. {_GAP_ACTIONS[policy]}."


class ForecastGapsError(KcrosterInputError):
    """The 'stop' choice: the file has gaps inside opening hours; ``report`` lists them all."""

    def __init__(self, report: GapReport, *, file: str | None) -> None:
        self.report = report.with_policy("stop")
        super().__init__(str(self.report), file=file)

    @property
    def gaps(self) -> tuple[ForecastGap, ...]:
        return self.report.gaps


def gap_report(forecast: Forecast) -> GapReport | None:
    """The gap note of a freshly imported forecast, or None when it had no gaps."""
    return next((n for n in forecast.notes if isinstance(n, GapReport)), None)


def _check_gap_policy(policy: str) -> None:
    if policy not in GAP_POLICIES:
        raise KcrosterInputError(
            f"onbekende keuze voor ontbrekende intervallen '{policy}' (interpolate, zero of stop)"
        )


def _locate_gaps(rec: _Records, forecast: Forecast, gap_mask: np.ndarray, record_at: np.ndarray) -> GapReport:
    """Every gap, in time order, with the file position it has (an empty cell) or would have."""
    horizon = forecast.horizon
    q_idx, k_idx = np.nonzero(gap_mask)
    order = np.lexsort((q_idx, k_idx))
    q_idx, k_idx = q_idx[order], k_idx[order]
    rows_of = {int(q): np.flatnonzero(record_at[q] >= 0) for q in np.unique(q_idx)}
    day_of = horizon.day_of_interval
    out: list[ForecastGap] = []
    for q, k in zip(q_idx.tolist(), k_idx.tolist(), strict=True):
        start = horizon.interval_start(k)
        base = {"queue": forecast.queues[q].name, "day": start.date(), "time": start.strftime("%H:%M"),
                "winter": bool(start.fold)}
        i = int(record_at[q, k])
        if i >= 0:  # wide format: the cell is there but empty
            w = rec.where(i, "volume")
            out.append(ForecastGap(**base, file=w["file"], sheet=w["sheet"], row=w["row"], column=_letter(w["column"])))
            continue
        ks = rows_of[q]
        pos = int(np.searchsorted(ks, k))
        prev = rec.where(int(record_at[q, ks[pos - 1]]), "volume") if pos > 0 else None
        nxt = rec.where(int(record_at[q, ks[pos]]), "volume") if pos < ks.size else None
        near = prev or nxt or {}
        column = None
        if rec.lenient_zero:  # wide: a missing time row still has its date's column
            same_day = [w for w, kk in ((prev, ks[pos - 1] if pos > 0 else -1), (nxt, ks[pos] if pos < ks.size else -1))
                        if w is not None and day_of[kk] == day_of[k]]
            column = _letter(same_day[0]["column"]) if same_day else None
        out.append(ForecastGap(
            **base, file=near.get("file"), sheet=near.get("sheet"), column=column,
            after_row=prev["row"] if prev else None, before_row=nxt["row"] if nxt else None,
        ))
    return GapReport.build(out, q_idx, k_idx, DEFAULT_GAP_POLICY)


def _letter(label: str) -> str:
    """'C (2026-03-02 00:00:00)' → 'C': a wide sheet's header is the date the gap already names."""
    return label.partition(" (")[0]


def apply_gap_policy(forecast: Forecast, policy: str) -> Forecast:
    """``forecast`` with the gaps of its :class:`GapReport` filled by ``policy``.

    ``zero`` sets volume and AHT of each gap to 0. ``interpolate`` (what a planner would do by
    hand) fills from the same queue's values that the file does give inside opening hours:
    linearly between the nearest ones before and after on the same day; a gap at the start or
    end of a day (nothing on one side) takes the mean of the same clock interval on the same
    weekday in the nearest weeks that have it, else the nearest value of that day, else the same
    clock interval on the nearest day that has it. AHT is filled the same way from intervals with
    an AHT, and takes the queue's volume-weighted AHT when none is near. ``stop`` raises
    :class:`ForecastGapsError`. A forecast without gaps, or already handled by ``policy``, is
    returned as it is.
    """
    _check_gap_policy(policy)
    report = gap_report(forecast)
    if report is None or report.policy == policy:
        return forecast
    if policy == "stop":
        raise ForecastGapsError(report, file=forecast.source)
    return _handle_gaps(forecast, report, policy)


def _handle_gaps(forecast: Forecast, report: GapReport, policy: str) -> Forecast:
    """The values of ``report``'s gaps filled by ``policy`` (interpolate or zero), the note
    saying so in place of ``report``: what :func:`apply_gap_policy` and the import do."""
    volume, aht = forecast.volume.copy(), forecast.aht.copy()
    q_idx, k_idx = report.queue_index, report.interval
    if policy == "zero":
        volume[q_idx, k_idx] = 0.0
        aht[q_idx, k_idx] = 0.0
    else:
        gap_mask = np.zeros(volume.shape, dtype=bool)
        gap_mask[q_idx, k_idx] = True
        assert forecast.open_mask is not None  # set by Forecast.__post_init__
        clock = _ClockIndex(forecast.horizon)
        for q in np.unique(q_idx).tolist():
            known = forecast.open_mask[q] & ~gap_mask[q]
            ks = np.flatnonzero(gap_mask[q])
            volume[q, ks] = _fill(volume[q], known, ks, clock)
            with_aht = known & (aht[q] > 0)
            weights = volume[q, with_aht]
            mean_aht = float(np.average(aht[q, with_aht], weights=weights)) if weights.sum() > 0 else 0.0
            aht[q, ks] = _fill(aht[q], with_aht, ks, clock, fallback=mean_aht)
    notes = [report.with_policy(policy) if n is report else n for n in forecast.notes]
    return Forecast(horizon=forecast.horizon, queues=forecast.queues, volume=volume, aht=aht,
                    open_mask=forecast.open_mask, source=forecast.source, notes=notes)


class _ClockIndex:
    """Interval of (day, local clock minute, occurrence) — the same clock time on another day."""

    def __init__(self, horizon: Horizon) -> None:
        self.days = horizon.days
        self.day_of = horizon.day_of_interval
        self.day_offsets = horizon.day_offsets
        self.minute = horizon.local_minute_of_day
        self.occurrence = np.zeros(horizon.n_intervals, dtype=np.int64)
        self.index: dict[tuple[int, int, int], int] = {}
        for k, (d, m) in enumerate(zip(self.day_of.tolist(), self.minute.tolist(), strict=True)):
            occ = 1 if (d, m, 0) in self.index else 0  # the repeated autumn hour
            self.occurrence[k] = occ
            self.index[(d, m, occ)] = k

    def same_clock(self, k: int, day: int) -> int | None:
        return self.index.get((day, int(self.minute[k]), int(self.occurrence[k])))


def _fill(values: np.ndarray, known: np.ndarray, gaps: np.ndarray, clock: _ClockIndex,
          fallback: float = 0.0) -> np.ndarray:
    """Interpolated values at interval indexes ``gaps`` from ``values[known]`` (see
    :func:`apply_gap_policy`); ``fallback`` when the queue has no known value at all."""
    out = np.full(gaps.size, fallback)
    known_k = np.flatnonzero(known)
    if known_k.size == 0:
        return out
    for n, k in enumerate(gaps.tolist()):
        d = int(clock.day_of[k])
        lo, pos, hi = np.searchsorted(known_k, (clock.day_offsets[d], k, clock.day_offsets[d + 1]))
        before = int(known_k[pos - 1]) if pos > lo else None  # nearest known on the same day
        after = int(known_k[pos]) if pos < hi else None
        if before is not None and after is not None:
            out[n] = values[before] + (values[after] - values[before]) * (k - before) / (after - before)
            continue
        value = _same_clock_mean(values, known, k, d, clock, step=7)
        if value is None and (before is not None or after is not None):
            value = float(values[before if before is not None else after])
        if value is None:
            value = _same_clock_mean(values, known, k, d, clock, step=1)
        if value is not None:
            out[n] = value
    return out


def _same_clock_mean(values: np.ndarray, known: np.ndarray, k: int, d: int, clock: _ClockIndex,
                     step: int) -> float | None:
    """Mean of the known values at the same clock time ``step`` days apart (nearest first)."""
    for distance in range(step, clock.days, step):
        found = [values[j] for j in (clock.same_clock(k, d - distance), clock.same_clock(k, d + distance))
                 if j is not None and known[j]]
        if found:
            return float(np.mean(found))
    return None


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def _is_long_header(table: SheetTable) -> dict[str, int] | None:
    if table.n_rows == 0:
        return None
    try:
        cols = resolve_columns(
            table.row_values(0), LONG_COLUMNS, {"queue", "volume"}, file=table.file, sheet=table.sheet
        )
    except KcrosterInputError:
        return None
    if not ({"time", "datetime"} & cols.keys()):
        return None
    return cols


def _aht_sheet_for(archive: Any, queue: str) -> str | None:
    wanted = {normalise_header(f"{queue} AHT"), normalise_header(f"AHT {queue}"), normalise_header(f"{queue} afhandeltijd")}
    for title in archive.sheetnames:
        if normalise_header(title) in wanted:
            return title
    return None


def _is_aht_sheet(title: str) -> bool:
    n = normalise_header(title)
    return n.endswith("_aht") or n.startswith("aht_") or n.endswith("_afhandeltijd")


def _load_xlsx(path: Path, defaults: dict[str, Any], interval_minutes: int | None, tz: str, gaps: str) -> Forecast:
    with open_workbook_archive(path) as archive:
        file = archive.file
        queue_sheet = archive.find_sheet(QUEUE_SHEETS)
        specs = _read_queue_sheet(archive.table(queue_sheet), defaults) if queue_sheet else None
        queue_aht = {n: s.aht if s.aht is not None else defaults.get("aht") for n, s in (specs or {}).items()}
        named = archive.find_sheet(FORECAST_SHEETS)
        others = [t for t in archive.sheetnames if t not in (queue_sheet, named)]
        # a hidden sheet (old data, often) only when no visible one is a forecast (issue 23 item 3)
        candidates = archive.visible_first(([named] if named else []) + others)
        wide: list[tuple[str, SheetTable, list[tuple[int, int]]]] = []
        first_with_data: SheetTable | None = None
        for title in candidates:
            if _is_aht_sheet(title):
                continue
            table = archive.table(title)
            if first_with_data is None and table.n_rows:
                first_with_data = table
            cols = _is_long_header(table)
            if cols is not None:
                rec = _long_records(table, cols, queue_aht)
                if not rec.queue_names:
                    raise KcrosterInputError("bevat geen prognoseregels", file=file, sheet=title)
                fc = _build(rec, specs, defaults, interval_minutes=interval_minutes, tz_name=tz,
                            source=file, queue_sheet_label=queue_sheet, gaps=gaps)
                fc.notes[:0] = _sheet_notes(archive, [title], candidates, by_name=title == named)
                return fc
            dates = _wide_header_dates(table)
            if dates is not None:
                wide.append((title.strip(), table, dates))
            elif title == named and table.n_rows:
                # A sheet called 'Forecast' that is neither format: say which column is missing.
                resolve_columns(table.row_values(0), LONG_COLUMNS, {"date", "time", "queue", "volume", "aht"},
                                file=file, sheet=title, row=int(table.row_numbers[0]))
        if not wide:
            if first_with_data is not None and len([t for t in candidates if not _is_aht_sheet(t)]) == 1:
                # One sheet that is neither format: name the missing column.
                resolve_columns(first_with_data.row_values(0), LONG_COLUMNS, {"date", "time", "queue", "volume", "aht"},
                                file=file, sheet=first_with_data.sheet, row=int(first_with_data.row_numbers[0]))
            raise KcrosterInputError(
                "geen prognose gevonden: verwacht een blad 'Forecast' met kolommen date, time, queue, volume, aht "
                "(lang formaat) of per wachtrij een blad met tijden onder elkaar en datums naast elkaar (breed formaat)",
                file=file,
            )
        read = [t for t in candidates if t.strip() in {w[0] for w in wide}]
        if not all(archive.is_hidden(t) for t in read):
            read = [t for t in read if not archive.is_hidden(t)]
            wide = [w for w in wide if w[0] in {t.strip() for t in read}]
        notes = _sheet_notes(archive, read, candidates, by_name=False)
        aht_tables = {}
        for name, _t, _d in wide:
            aht_title = _aht_sheet_for(archive, name)
            if aht_title is not None:
                aht_tables[name] = archive.table(aht_title)
        rec = _wide_records(wide, aht_tables, {**queue_aht, **{n: queue_aht.get(n, defaults.get("aht")) for n, _t, _d in wide}})
        fc = _build(rec, specs, defaults, interval_minutes=interval_minutes, tz_name=tz,
                    source=file, queue_sheet_label=queue_sheet, gaps=gaps)
        fc.notes[:0] = notes
        return fc


def _sheet_notes(archive: Any, read: list[str], candidates: list[str], *, by_name: bool) -> list[str]:
    """Which sheets were read as the forecast when others would have done too, and whether a
    hidden one was read or passed over (issue 23 item 3). Only the others' first rows are read."""
    also = [
        t for t in candidates
        if t not in read and not _is_aht_sheet(t) and _is_forecast_header(archive.header_table(t))
    ]
    reason = "de bladnaam zegt het" if by_name else "het eerste zichtbare blad met een prognose"
    hidden = {t for t in candidates if archive.is_hidden(t)}
    return sheet_choice_notes(read, also, hidden, what="de prognose", reason=reason)


def _is_forecast_header(table: SheetTable) -> bool:
    return _is_long_header(table) is not None or _wide_header_dates(table) is not None


def _load_csv(path: Path, defaults: dict[str, Any], interval_minutes: int | None, tz: str, gaps: str) -> Forecast:
    table = csv_table(path)
    if table.n_rows == 0:
        raise KcrosterInputError("bestand is leeg", file=table.file)
    cols = _is_long_header(table)
    queue_aht = {}
    if cols is not None:
        names = set()
        if "queue" in cols and table.n_rows > 1:
            names = {str(t).strip() for t in table.texts[1:, cols["queue"]].tolist() if t is not None}
        queue_aht = {n: defaults.get("aht") for n in names}
        rec = _long_records(table, cols, queue_aht)
        return _build(rec, None, defaults, interval_minutes=interval_minutes, tz_name=tz,
                      source=table.file, queue_sheet_label=None, gaps=gaps)
    dates = _wide_header_dates(table)
    if dates is None:
        resolve_columns(table.row_values(0), LONG_COLUMNS, {"date", "time", "queue", "volume", "aht"},
                        file=table.file, sheet=None, row=int(table.row_numbers[0]))
        raise KcrosterInputError(  # pragma: no cover - resolve_columns raised above
            "geen prognose gevonden", file=table.file
        )
    name = Path(path).stem
    rec = _wide_records([(name, table, dates)], {}, {name: defaults.get("aht")})
    return _build(rec, None, defaults, interval_minutes=interval_minutes, tz_name=tz,
                  source=table.file, queue_sheet_label=None, gaps=gaps)


def load_forecast(
    path: str | Path,
    *,
    interval_minutes: int | None = None,
    queue_defaults: dict[str, Any] | None = None,
    tz: str = AMSTERDAM,
    gaps: str = DEFAULT_GAP_POLICY,
) -> Forecast:
    """Read a forecast workbook (``.xlsx``) or CSV into a :class:`~kcroster.model.Forecast`.

    ``queue_defaults`` holds queue settings (keys as in :data:`QUEUE_COLUMNS`, e.g.
    ``{"sl_percent": 80, "sl_seconds": 20, "shrinkage": 0.3, "aht": 300}``) used for blank cells
    of the Queues sheet and for every queue of a CSV. ``gaps`` says what to do with intervals
    inside opening hours that have no value (no row, an empty wide cell): ``interpolate``,
    ``zero`` (both leave a :class:`GapReport` in the notes) or ``stop``
    (:class:`ForecastGapsError`). Raises only :class:`~kcroster.model.KcrosterInputError`.
    """
    p = Path(path)
    _check_gap_policy(gaps)
    try:
        defaults = _normalise_defaults(queue_defaults)
        head = b""
        try:
            with p.open("rb") as fh:
                head = fh.read(8)
        except OSError:
            head = b""  # the readers below report missing/unreadable files with the name
        suffix = p.suffix.lower()
        if head[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm") or head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return _load_xlsx(p, defaults, interval_minutes, tz, gaps)
        return _load_csv(p, defaults, interval_minutes, tz, gaps)
    except KcrosterInputError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise KcrosterInputError(f"bestand is te groot of te diep genest om te lezen ({type(exc).__name__})",
                                 file=p.name) from exc
    except Exception as exc:  # last line of defence: bad input must never give a traceback
        raise KcrosterInputError(
            f"bestand kan niet gelezen worden ({type(exc).__name__}: {str(exc)[:120]})", file=p.name
        ) from exc

