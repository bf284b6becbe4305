"""Opening hours: the text a planner writes (``ma-vr 08:00-20:00; feestdag gesloten``) and
the open intervals it gives on a horizon, public holidays included (see :mod:`kcroster.io.forecast`)."""

from __future__ import annotations

import re
from datetime import date, time

import numpy as np

from kcroster.model.queues import OpeningHours
from kcroster.model.timegrid import Horizon

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


def holiday_dates(horizon: Horizon) -> set[date]:
    import holidays

    years = sorted({d.year for d in horizon.dates})
    return set(holidays.country_holidays("NL", years=years).keys())
