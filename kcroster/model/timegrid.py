"""The planning horizon: whole local days cut into absolute intervals.

Intervals are absolute instants (UTC) with local labels in Europe/Amsterdam, so the spring DST
day has 92 quarter-hours and the autumn day 100 (docs/design.md §3). Everything else in kcroster indexes
time by interval number within a :class:`Horizon`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

import numpy as np

from kcroster.model.errors import KcrosterInputError

AMSTERDAM = "Europe/Amsterdam"
WEEKDAYS_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")
WEEKDAYS_EN = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


def local_time_exists(day: date, at: time, tz: ZoneInfo) -> bool:
    """False for wall-clock times skipped by the spring DST change (e.g. 02:30 on 2026-03-29)."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=tz)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return round_trip == naive


@dataclass(frozen=True)
class Horizon:
    """``days`` whole local days from ``start`` cut into intervals of ``interval_minutes``."""

    start: date
    days: int
    interval_minutes: int = 15
    tz_name: str = AMSTERDAM
    week_start: int = 0  # 0 = Monday

    def __post_init__(self) -> None:
        if self.interval_minutes not in (15, 30, 60):
            raise KcrosterInputError(
                f"intervallengte {self.interval_minutes} min wordt niet ondersteund (15, 30 of 60)"
            )
        if self.days <= 0:
            raise KcrosterInputError("de planningshorizon moet minstens één dag bevatten")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    @property
    def interval_seconds(self) -> int:
        return self.interval_minutes * 60

    @property
    def end(self) -> date:
        """First day after the horizon."""
        return self.start + timedelta(days=self.days)

    @cached_property
    def dates(self) -> tuple[date, ...]:
        """The horizon's days in order (built once: the model builder reads it per candidate)."""
        return tuple(self.start + timedelta(days=i) for i in range(self.days))

    @cached_property
    def day_offsets(self) -> np.ndarray:
        """Index of the first interval of each day; length ``days + 1`` (last = n_intervals)."""
        tz = self.tz
        step = self.interval_seconds
        offsets = [0]
        for d in self.dates:
            a = local_midnight(d, tz).timestamp()
            b = local_midnight(d + timedelta(days=1), tz).timestamp()
            offsets.append(offsets[-1] + int(round((b - a) / step)))
        return np.asarray(offsets, dtype=np.int64)

    @property
    def n_intervals(self) -> int:
        return int(self.day_offsets[-1])

    @cached_property
    def starts_utc(self) -> np.ndarray:
        """Start of every interval as POSIX seconds (int64)."""
        tz = self.tz
        out = np.empty(self.n_intervals, dtype=np.int64)
        offs = self.day_offsets
        for i, d in enumerate(self.dates):
            t0 = int(local_midnight(d, tz).timestamp())
            n = int(offs[i + 1] - offs[i])
            out[offs[i] : offs[i + 1]] = t0 + np.arange(n, dtype=np.int64) * self.interval_seconds
        return out

    @cached_property
    def day_of_interval(self) -> np.ndarray:
        offs = self.day_offsets
        return np.repeat(np.arange(self.days), np.diff(offs))

    @cached_property
    def local_minute_of_day(self) -> np.ndarray:
        """Local wall-clock minute (0–1439) at each interval's start: its label."""
        tz = self.tz
        out = np.empty(self.n_intervals, dtype=np.int32)
        for k, ts in enumerate(self.starts_utc.tolist()):
            lt = datetime.fromtimestamp(ts, tz)
            out[k] = lt.hour * 60 + lt.minute
        return out

    @cached_property
    def weekday_of_interval(self) -> np.ndarray:
        wd = np.asarray([d.weekday() for d in self.dates], dtype=np.int8)
        return wd[self.day_of_interval]

    def interval_start(self, k: int) -> datetime:
        return datetime.fromtimestamp(int(self.starts_utc[k]), self.tz)

    def label(self, k: int) -> str:
        m = int(self.local_minute_of_day[k])
        return f"{m // 60:02d}:{m % 60:02d}"

    def day_index(self, day: date) -> int:
        i = (day - self.start).days
        if not 0 <= i < self.days:
            raise KcrosterInputError(f"datum {day.isoformat()} valt buiten de planningshorizon")
        return i

    def index_of_instant(self, moment: datetime) -> int:
        """Interval containing an aware datetime; raises when off the grid or outside."""
        if moment.tzinfo is None:
            raise ValueError("naive datetime; use index_at(day, time)")
        ts = int(moment.timestamp())
        k = int(np.searchsorted(self.starts_utc, ts, side="right") - 1)
        if k < 0 or ts >= int(self.starts_utc[-1]) + self.interval_seconds:
            raise KcrosterInputError(f"tijdstip {moment.isoformat()} valt buiten de planningshorizon")
        if int(self.starts_utc[k]) != ts:
            raise KcrosterInputError(
                f"tijdstip {moment.isoformat()} ligt niet op het raster van {self.interval_minutes} minuten"
            )
        return k

    def index_at(self, day: date, at: time, fold: int = 0) -> int:
        """Interval that starts at local wall-clock ``at`` on ``day``.

        ``fold=1`` picks the second occurrence of a repeated hour on the autumn DST day.
        Raises :class:`KcrosterInputError` for a time that does not exist (spring DST) or is off
        the grid.
        """
        tz = self.tz
        if not local_time_exists(day, at, tz):
            raise KcrosterInputError(
                f"{day.isoformat()} {at.strftime('%H:%M')} bestaat niet "
                "(zomertijd: de klok springt van 02:00 naar 03:00)"
            )
        moment = datetime.combine(day, at, tzinfo=tz).replace(fold=fold)
        return self.index_of_instant(moment)

    def day_slice(self, d: int) -> slice:
        offs = self.day_offsets
        return slice(int(offs[d]), int(offs[d + 1]))

    def week_index(self, day: date) -> int:
        """Week number within the horizon (weeks start on ``week_start``)."""
        first = self.start - timedelta(days=(self.start.weekday() - self.week_start) % 7)
        return (day - first).days // 7

    def to_instant(self, day: date, at: time, fold: int = 0) -> datetime:
        """Aware local datetime for a wall-clock time; ``at`` may be 24:00-like via day+1."""
        return datetime.combine(day, at, tzinfo=self.tz).replace(fold=fold)


def parse_hhmm(text: str) -> time:
    """'8:00', '08:00', '0800', '24:00' (→ 00:00 is not allowed here; use end-of-day logic)."""
    s = str(text).strip().replace(".", ":")
    if ":" not in s and len(s) in (3, 4) and s.isdigit():
        s = s[:-2] + ":" + s[-2:]
    parts = s.split(":")
    if len(parts) < 2:
        raise ValueError(f"'{text}' is geen tijd (verwacht UU:MM)")
    h, m = int(parts[0]), int(parts[1])
    if h == 24 and m == 0:
        return time(23, 59, 59, 999999)  # end of day marker
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValueError(f"'{text}' is geen geldige tijd")
    return time(h, m)


def parse_time_window(text: str) -> tuple[time, time]:
    """'09:00-15:00' → (09:00, 15:00)."""
    s = str(text).strip().replace("–", "-").replace(" ", "")
    if "-" not in s:
        raise ValueError(f"'{text}' is geen tijdvenster (verwacht UU:MM-UU:MM)")
    a, b = s.split("-", 1)
    return parse_hhmm(a), parse_hhmm(b)
