"""The contact history that forecasts are made from: counts per queue × day × time-of-day slot.

A :class:`History` holds whole local days from ``start`` cut into ``slots_per_day`` wall-clock
slots of ``interval_minutes`` (96 quarter-hours a day). The forecasting methods work on this
regular grid; the daylight-saving days are mapped onto it by wall-clock label (the repeated
autumn hour adds up into its slot, the skipped spring hour stays empty) and only the writer
(:mod:`kcroster.forecasting.output`) goes back to the absolute intervals of a
:class:`~kcroster.model.Horizon`.

Two sources fill it:

* a forecast file with past dates (long or wide, any format :func:`kcroster.io.forecast.
  load_forecast` reads), :func:`history_from_forecast`: volume and AHT only;
* a call-by-call ACD export, :func:`kcroster.forecasting.acd.read_calls`: also answered,
  abandoned, waiting times, service level and the patience data.

:func:`load_history` picks the reader from the file's header. :func:`check_history` marks the
queue-days without data (gaps: a whole week missing, a day the export skipped) so that no method
learns from a zero that is really "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from kcroster.model.errors import KcrosterInputError

__all__ = [
    "History",
    "check_history",
    "history_from_forecast",
    "load_history",
]

# A placeholder AHT given to load_forecast for a history file without an AHT column: such a
# file is still valid history (volumes), the AHT then has to come from the planner (--aht).
_NO_AHT = 86_399.25


@dataclass
class History:
    """Counts per queue × day × slot (arrays of shape ``(queues, days, slots_per_day)``).

    ``offered`` is what arrived; ``handled`` the contacts whose handle time is in
    ``handle_sum`` (seconds), so AHT = ``handle_sum / handled``. The ACD-only arrays
    (``answered``, ``abandoned``, ``answered_wait_sum``, ``answered_in_sl``) are ``None`` for a
    history read from a forecast file. ``abandons`` and ``exposure`` per queue are the patience
    data: the number of callers who hung up while waiting and the total time all callers spent
    waiting (answered callers' waits included, see :mod:`kcroster.forecasting.estimates`).
    ``missing[q, d]`` marks a queue-day without data (see :func:`check_history`).
    """

    queues: list[str]
    start: date
    interval_minutes: int
    offered: np.ndarray
    handle_sum: np.ndarray
    handled: np.ndarray
    answered: np.ndarray | None = None
    abandoned: np.ndarray | None = None
    answered_wait_sum: np.ndarray | None = None
    answered_in_sl: np.ndarray | None = None
    sl_seconds: float = 20.0
    abandons: np.ndarray | None = None
    exposure: np.ndarray | None = None
    missing: np.ndarray | None = None
    aht_known: bool = True
    source: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.offered = np.asarray(self.offered, dtype=float)
        if self.offered.ndim != 3 or self.offered.shape[0] != len(self.queues):
            raise ValueError("offered must have shape (queues, days, slots)")
        if self.offered.shape[2] * self.interval_minutes != 1440:
            raise ValueError("slots per day do not match the interval length")
        if self.missing is None:
            self.missing = np.zeros(self.offered.shape[:2], dtype=bool)

    # -- shape ------------------------------------------------------------------------------
    @property
    def days(self) -> int:
        return int(self.offered.shape[1])

    @property
    def slots_per_day(self) -> int:
        return int(self.offered.shape[2])

    @property
    def end(self) -> date:
        """First day after the history."""
        return self.start + timedelta(days=self.days)

    @property
    def dates(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    @property
    def weekdays(self) -> np.ndarray:
        """Weekday (0 = Monday) of every day."""
        return (np.arange(self.days) + self.start.weekday()) % 7

    def slot_label(self, s: int) -> str:
        m = s * self.interval_minutes
        return f"{m // 60:02d}:{m % 60:02d}"

    # -- derived figures ----------------------------------------------------------------------
    @property
    def aht(self) -> np.ndarray:
        """Average handle time per cell in seconds (NaN where nothing was handled)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(
                self.handled > 0, self.handle_sum / np.maximum(self.handled, 1e-12), np.nan
            )

    @property
    def service_level(self) -> np.ndarray | None:
        """Answered within ``sl_seconds`` over offered (answered + abandoned), per cell."""
        if self.answered_in_sl is None:
            return None
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(
                self.offered > 0, self.answered_in_sl / np.maximum(self.offered, 1e-12), np.nan
            )

    @property
    def asa(self) -> np.ndarray | None:
        """Average speed of answer (mean wait of the answered contacts), per cell, seconds."""
        if self.answered is None or self.answered_wait_sum is None:
            return None
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(
                self.answered > 0, self.answered_wait_sum / np.maximum(self.answered, 1e-12), np.nan
            )

    def day_totals(self) -> np.ndarray:
        """Offered per queue × day, NaN on missing days."""
        totals = self.offered.sum(axis=2)
        return np.where(self.missing, np.nan, totals)

    # -- reshaping ------------------------------------------------------------------------------
    def _arrays(self) -> dict[str, np.ndarray | None]:
        return {
            "offered": self.offered,
            "handle_sum": self.handle_sum,
            "handled": self.handled,
            "answered": self.answered,
            "abandoned": self.abandoned,
            "answered_wait_sum": self.answered_wait_sum,
            "answered_in_sl": self.answered_in_sl,
        }

    def _copy(self, **changes: object) -> History:
        """A copy with ``changes`` (its own queue and note lists; arrays shared unless changed)."""
        own = {"queues": list(self.queues), "notes": list(self.notes)}
        return replace(self, **{**own, **changes})  # type: ignore[arg-type]

    def resampled(self, interval_minutes: int) -> History:
        """The same history on a coarser grid (15 → 30 or 60 minutes): counts add up."""
        if interval_minutes == self.interval_minutes:
            return self
        factor, rest = divmod(interval_minutes, self.interval_minutes)
        if rest or factor < 1:
            raise KcrosterInputError(
                f"de historie heeft intervallen van {self.interval_minutes} minuten; "
                f"een prognose per "
                f"{interval_minutes} minuten kan daar niet uit gemaakt worden"
            )
        out = {}
        for name, arr in self._arrays().items():
            if arr is None:
                out[name] = None
            else:
                q, d, s = arr.shape
                out[name] = arr.reshape(q, d, s // factor, factor).sum(axis=3)
        return self._copy(interval_minutes=interval_minutes, **out)

    def window(self, first_day: int, end_day: int) -> History:
        """Days ``first_day`` up to (not including) ``end_day`` as a history of their own."""
        first_day = max(0, first_day)
        end_day = min(self.days, end_day)
        out = {
            n: (None if a is None else a[:, first_day:end_day].copy())
            for n, a in self._arrays().items()
        }
        return self._copy(
            start=self.start + timedelta(days=first_day),
            missing=self.missing[:, first_day:end_day].copy(),
            **out,
        )


def _empty_arrays(n_queues: int, n_days: int, slots: int) -> np.ndarray:
    return np.zeros((n_queues, n_days, slots))


def history_from_forecast(forecast: object, *, aht_known: bool = True) -> History:
    """A :class:`History` from a :class:`~kcroster.model.Forecast` read from a file with past
    dates: volume per interval, AHT as given (weighted by volume)."""
    h = forecast.horizon  # type: ignore[attr-defined]
    volume = np.asarray(forecast.volume, dtype=float)  # type: ignore[attr-defined]
    aht = np.asarray(forecast.aht, dtype=float)  # type: ignore[attr-defined]
    interval = int(h.interval_minutes)
    slots = 1440 // interval
    n_q = volume.shape[0]
    slot = (h.local_minute_of_day // interval).astype(np.int64)
    day = h.day_of_interval.astype(np.int64)
    flat = day * slots + slot
    size = h.days * slots
    offered = np.zeros((n_q, h.days, slots))
    handle_sum = np.zeros_like(offered)
    for q in range(n_q):
        offered[q] = np.bincount(flat, weights=volume[q], minlength=size).reshape(h.days, slots)
        handle_sum[q] = np.bincount(flat, weights=volume[q] * aht[q], minlength=size).reshape(
            h.days, slots
        )
    return History(
        queues=list(forecast.queue_names),  # type: ignore[attr-defined]
        start=h.start,
        interval_minutes=interval,
        offered=offered,
        handle_sum=handle_sum if aht_known else np.zeros_like(offered),
        handled=offered.copy() if aht_known else np.zeros_like(offered),
        aht_known=aht_known,
        source=str(forecast.source or ""),  # type: ignore[attr-defined]
    )


def _read_forecast_history(path: Path, interval_minutes: int | None) -> History:
    """A forecast-format file with past dates as history.

    An interval without a row is read as 0 contacts (``gaps="zero"``), not interpolated as in a
    forecast: exports of past volumes leave out the intervals in which nothing came in, and an
    interpolated quiet interval would be history that never happened. Whole days without data
    are found by :func:`check_history`; the count of such intervals is noted.
    """
    from kcroster.io.forecast import GapReport, load_forecast

    forecast = load_forecast(
        path, interval_minutes=interval_minutes, queue_defaults={"aht": _NO_AHT}, gaps="zero"
    )
    placeholder = np.isclose(forecast.aht, _NO_AHT) & (forecast.volume > 0)
    aht_known = not bool(placeholder.any())
    history = history_from_forecast(forecast, aht_known=aht_known)
    for note in forecast.notes:
        if isinstance(note, GapReport):  # a plain note: these are no gaps to ask about
            n = note.count
            note = (
                f"{n} {'interval' if n == 1 else 'intervallen'} binnen de openingstijden zonder "
                "regel: geteld als 0 contacten."
            )
        history.notes.append(str(note))
    if not aht_known:
        history.notes.append("De historie heeft geen AHT-kolom; de AHT komt uit --aht.")
    return history


def _looks_like_call_file(path: Path) -> bool:
    """True when the header names per-contact columns (waiting or handle time, outcome) and no
    volume column: a forecast-format file has ``aht`` too, but also a volume per interval."""
    from kcroster.forecasting.acd import looks_like_call_header, read_header
    from kcroster.io.cells import normalise_header
    from kcroster.io.forecast import LONG_COLUMNS

    try:
        header = read_header(path)
    except KcrosterInputError:
        return False
    norms = {normalise_header(h) for h in header if h}
    if any(normalise_header(a) in norms for a in ("volume", *LONG_COLUMNS["volume"])):
        return False
    return looks_like_call_header(header)


def load_history(
    path: str | Path,
    *,
    interval_minutes: int | None = None,
    columns: dict[str, str] | None = None,
    sl_seconds: float = 20.0,
    holidays_country: str | None = "NL",
) -> History:
    """Read history from ``path``: a call-by-call export when ``columns`` is given or the header
    names per-contact columns, otherwise a forecast-format file with past dates.

    Raises only :class:`~kcroster.model.KcrosterInputError` for bad input.
    """
    from kcroster.forecasting.acd import read_calls

    p = Path(path)
    if not p.exists():
        raise KcrosterInputError("bestand bestaat niet", file=p.name)
    if columns or _looks_like_call_file(p):
        history = read_calls(
            p, columns=columns or {}, interval_minutes=interval_minutes or 15, sl_seconds=sl_seconds
        )
    else:
        history = _read_forecast_history(p, interval_minutes)
        if interval_minutes and interval_minutes != history.interval_minutes:
            history = history.resampled(interval_minutes)
    from kcroster.forecasting.calendar import holiday_names

    holidays = holiday_names(history.start, history.end, holidays_country)
    return check_history(history, set(holidays))


def check_history(history: History, holiday_dates: set[date] | None = None) -> History:
    """Mark queue-days without data and describe them in ``history.notes``.

    A queue-day counts as missing when it has no contacts at all while the same weekday in the
    four weeks before and after normally has some (median at least 5): a closed day (Sunday,
    a public holiday in ``holiday_dates``) stays a real zero. A run of missing days that spans a
    week together with the closed days around it is reported as a missing week.
    """
    totals = history.offered.sum(axis=2)
    n_q, n_d = totals.shape
    holiday_dates = holiday_dates or set()
    dates = history.dates
    is_holiday = np.asarray([d in holiday_dates for d in dates], dtype=bool)
    missing = np.zeros((n_q, n_d), dtype=bool)
    for q in range(n_q):
        for d in np.flatnonzero(totals[q] == 0).tolist():
            if is_holiday[d]:
                continue
            around = [d + 7 * k for k in (-4, -3, -2, -1, 1, 2, 3, 4) if 0 <= d + 7 * k < n_d]
            if around and float(np.median(totals[q, around])) >= 5:
                missing[q, d] = True
    history.missing = missing | history.missing
    whole = history.missing.all(axis=0)
    closed = (totals.sum(axis=0) == 0) & ~whole
    day = 0
    while day < n_d:
        if not whole[day]:
            day += 1
            continue
        run_end = day
        while run_end < n_d and (whole[run_end] or closed[run_end]):
            run_end += 1
        while not whole[run_end - 1]:
            run_end -= 1
        # closed days (a Sunday) inside or beside the run count towards "a week missing"
        lo, hi = day, run_end
        while lo > 0 and closed[lo - 1]:
            lo -= 1
        while hi < n_d and closed[hi]:
            hi += 1
        first, last = dates[day], dates[run_end - 1]
        count = int(whole[day:run_end].sum())
        what = f"{count} dag(en), een hele week" if hi - lo >= 7 else f"{count} dag(en)"
        history.notes.append(
            f"Geen gegevens van {first.strftime('%d-%m-%Y')} t/m {last.strftime('%d-%m-%Y')} "
            f"({what}); die dagen tellen niet mee."
        )
        day = run_end
    partial = history.missing & ~whole[None, :]
    for q in np.flatnonzero(partial.any(axis=1)).tolist():
        days = np.flatnonzero(partial[q])
        history.notes.append(
            f"Wachtrij '{history.queues[q]}': geen gegevens op {days.size} dag(en) "
            f"(eerste {dates[int(days[0])].strftime('%d-%m-%Y')}); die dagen tellen niet mee."
        )
    return history
