"""Planner-readable formatting of dates, times and durations in Dutch and English.

The checker's messages must read the same on every laptop, so this does not depend on the
operating system's locale: the few names needed are spelled out here.
"""

from __future__ import annotations

from datetime import date, datetime

DAYS_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")
DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
MONTHS_EN_SHORT = tuple(m[:3] for m in MONTHS_EN)


def date_nl(d: date, *, year: bool = True) -> str:
    """``di 4 mei 2027`` (or ``di 4 mei`` without the year)."""
    if isinstance(d, datetime):
        d = d.date()
    text = f"{DAYS_NL[d.weekday()]} {d.day} {MONTHS_NL[d.month - 1]}"
    return f"{text} {d.year}" if year else text


def date_en(d: date, *, year: bool = True) -> str:
    """``Tue 4 May 2027`` (or ``Tue 4 May`` without the year)."""
    if isinstance(d, datetime):
        d = d.date()
    text = f"{DAYS_EN[d.weekday()]} {d.day} {MONTHS_EN_SHORT[d.month - 1]}"
    return f"{text} {d.year}" if year else text


def clock(moment: datetime) -> str:
    """Local wall-clock ``HH:MM`` of an aware datetime already in the planning time zone."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _split_minutes(minutes: float) -> tuple[str, int, int]:
    total = int(round(minutes))
    sign = "-" if total < 0 else ""
    total = abs(total)
    return sign, total // 60, total % 60


def duration_nl(minutes: float) -> str:
    """``9 u 30 min``, ``11 u``, ``45 min``."""
    sign, h, m = _split_minutes(minutes)
    if h and m:
        return f"{sign}{h} u {m} min"
    if h:
        return f"{sign}{h} u"
    return f"{sign}{m} min"


def duration_en(minutes: float) -> str:
    """``9 h 30 min``, ``11 h``, ``45 min``."""
    sign, h, m = _split_minutes(minutes)
    if h and m:
        return f"{sign}{h} h {m} min"
    if h:
        return f"{sign}{h} h"
    return f"{sign}{m} min"
