"""ISO 8601 weeks and how a planner reads them: ``wk 19 (10–16 mei)``.

Dutch contact centres count in ISO weeks (Monday first; week 1 holds the year's first Thursday,
so 28 December 2026 is in week 53 and 1 January 2027 still is). Every screen and export names a
week through :func:`week_label`, so the FTE tab, the coverage table and the workbooks never
disagree on what "week 19" is. The label carries the dates it covers: a planner reading a week
number also sees which days it means, and a horizon that starts or ends mid-week shows the part
it holds. No Qt here: the GUI passes its language, the workbooks use Dutch. File names carry
the period through :func:`period_tag` (``rooster_2027-W19-W20.xlsx``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

__all__ = ["IsoWeek", "iso_weeks", "period_tag", "week_label"]

_MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


@dataclass(frozen=True)
class IsoWeek:
    """The days of a date list that fall in one ISO week (``year`` is the ISO year)."""

    year: int
    week: int
    days: tuple[date, ...]

    @property
    def first(self) -> date:
        return self.days[0]

    @property
    def last(self) -> date:
        return self.days[-1]

    def label(self, language: str = "nl") -> str:
        return week_label(self.first, self.last, language)


def iso_weeks(dates: Iterable[date]) -> list[IsoWeek]:
    """Group ``dates`` (in the order given, normally a horizon's days) by ISO week."""
    groups: dict[tuple[int, int], list[date]] = {}
    for d in dates:
        y, w, _ = d.isocalendar()
        groups.setdefault((y, w), []).append(d)
    return [IsoWeek(y, w, tuple(days)) for (y, w), days in groups.items()]


def _day_month(d: date, months: tuple[str, ...], with_year: bool) -> str:
    text = f"{d.day} {months[d.month - 1]}"
    return f"{text} {d.year}" if with_year else text


def week_label(first: date, last: date | None = None, language: str = "nl") -> str:
    """``wk 19 (10–16 mei)`` for the ISO week of ``first``, with the dates ``first``–``last``.

    ``last`` defaults to ``first`` (one day: ``wk 19 (10 mei)``). Months are named once when
    both dates share one (``10–16 mei``), twice otherwise (``31 mei–6 jun``); a range across New
    Year carries both years (``28 dec 2026–3 jan 2027``), so week 53 and week 1 read unambiguously.
    """
    last = first if last is None else last
    if last < first:
        raise ValueError("last must not be before first")
    if first.isocalendar()[:2] != last.isocalendar()[:2]:
        raise ValueError("first and last must be in the same ISO week")
    months = _MONTHS.get(language, _MONTHS["nl"])
    week = first.isocalendar()[1]
    if first == last:
        span = _day_month(first, months, False)
    elif first.year != last.year:
        span = f"{_day_month(first, months, True)}–{_day_month(last, months, True)}"
    elif first.month != last.month:
        span = f"{_day_month(first, months, False)}–{_day_month(last, months, False)}"
    else:
        span = f"{first.day}–{_day_month(last, months, False)}"
    return f"wk {week} ({span})"


def period_tag(dates: Iterable[date]) -> str:
    """The ISO weeks of ``dates`` (a horizon's days) for a file name: ``2027-W19-W20``.

    One week gives ``2027-W19``; a period across New Year names both ISO years
    (``2026-W53-2027-W01``), so exports of two periods never get the same name and sort by
    date. Week numbers have two digits, as in ISO 8601. No dates → ``""``.
    """
    weeks = iso_weeks(dates)
    if not weeks:
        return ""
    first, last = weeks[0], weeks[-1]
    start = f"{first.year}-W{first.week:02d}"
    if (first.year, first.week) == (last.year, last.week):
        return start
    if first.year == last.year:
        return f"{start}-W{last.week:02d}"
    return f"{start}-{last.year}-W{last.week:02d}"
