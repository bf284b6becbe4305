"""Dutch number, percentage, time and date formatting for the screens."""

from __future__ import annotations

import math
from datetime import date, datetime, time

from PySide6.QtCore import QLocale

from kcroster.gui.i18n import language
from kcroster.model.weeks import IsoWeek

_DAYS = {"nl": ("ma", "di", "wo", "do", "vr", "za", "zo"), "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def num(value: float | None, decimals: int = 1) -> str:
    """``1.234,5`` — the Dutch way, with an en dash for missing values."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return QLocale().toString(float(value), "f", decimals)


def pct(fraction: float | None, decimals: int = 1) -> str:
    if fraction is None or (isinstance(fraction, float) and not math.isfinite(fraction)):
        return "–"
    return f"{num(100.0 * fraction, decimals)} %"


def weekday(d: date) -> str:
    return _DAYS.get(language(), _DAYS["nl"])[d.weekday()]


def weekday_name(index: int) -> str:
    """Short weekday name, 0 = Monday, in the UI language."""
    return _DAYS.get(language(), _DAYS["nl"])[index]


def day(d: date) -> str:
    """``ma 03-05`` — compact label for axes and column headers."""
    return f"{weekday(d)} {d.day:02d}-{d.month:02d}"


def week(w: IsoWeek) -> str:
    """``wk 19 (10–16 mei)`` in the UI language: the label every screen and export shares
    (:func:`kcroster.model.weeks.week_label`)."""
    return w.label(language())


def full_date(d: date | datetime) -> str:
    if isinstance(d, datetime):
        d = d.date()
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def hhmm(minutes: int) -> str:
    minutes = int(minutes)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def clock(t: datetime | time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"
