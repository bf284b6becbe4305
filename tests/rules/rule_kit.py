"""Hand-building blocks for checker tests: shifts from wall-clock strings, small projects.

Imported by the test modules in this folder (pytest puts the folder on ``sys.path``).
Breaks and segment boundaries are given as local wall-clock times; a time earlier than the
shift's start means the next day, so night shifts read naturally.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kcroster.model import BREAK, Agent, Horizon, Project, Roster, Segment, Shift
from kcroster.rules import Violation, check

TZ = ZoneInfo("Europe/Amsterdam")
MON = date(2027, 5, 3)  # a Monday in a month without DST changes


def hm(text: str) -> time:
    h, m = text.split(":")
    return time(int(h), int(m))


def at(day: date, hhmm: str, fold: int = 0) -> datetime:
    return datetime.combine(day, hm(hhmm), tzinfo=TZ).replace(fold=fold)


def _after(day: date, start: datetime, hhmm: str, *, strict: bool = True) -> datetime:
    """``hhmm`` on ``day``, or on the next day when it is earlier than ``start``'s wall clock
    (or equal to it, unless ``strict`` is False)."""
    t, t0 = hm(hhmm), start.time()
    nxt = t < t0 or (t == t0 and strict)
    return at(day + timedelta(days=1) if nxt else day, hhmm)


def shift(agent: str, day: date, start: str, end: str, *,
          breaks: tuple[tuple[str, str], ...] | None = None, queue: str = "tel",
          shift_type: str | None = None, locked: bool = False) -> Shift:
    """A shift from wall-clock times; by default a 30-min break in the middle when > 5.5 h.

    Its work segments are on ``queue`` between the breaks.
    """
    s = at(day, start)
    e = _after(day, s, end)
    if breaks is None:
        length = (e.timestamp() - s.timestamp()) / 3600
        if length > 5.5:
            mid = datetime.fromtimestamp(s.timestamp() + (e.timestamp() - s.timestamp()) / 2 - 15 * 60, TZ)
            mid = mid.replace(minute=(mid.minute // 15) * 15, second=0)
            b0 = mid
            b1 = datetime.fromtimestamp(mid.timestamp() + 30 * 60, TZ)
            brks = [(b0, b1)]
        else:
            brks = []
    else:
        brks = [(_after(day, s, a, strict=False), _after(day, s, b, strict=False)) for a, b in breaks]
    segs: list[Segment] = []
    cursor = s
    for b0, b1 in brks:
        if b0.timestamp() > cursor.timestamp():
            segs.append(Segment(cursor, b0, queue))
        segs.append(Segment(b0, b1, BREAK))
        cursor = b1
    if e.timestamp() > cursor.timestamp():
        segs.append(Segment(cursor, e, queue))
    return Shift(agent, day, s, e, segs, shift_type=shift_type, locked=locked)


def agent(aid: str = "a1", **kw: object) -> Agent:
    """An agent with no contract-hour limits unless asked (so tests isolate one rule)."""
    base: dict[str, object] = dict(contract_hours=0.0, min_hours=0.0, max_hours=200.0,
                                   max_days_per_week=None, max_consecutive_days=None,
                                   skills=("tel", "chat", "email"))
    base.update(kw)
    return Agent(aid, aid.upper(), **base)  # type: ignore[arg-type]


def project(*agents: Agent, start: date = MON, days: int = 7, **kw: object) -> Project:
    return Project("test", Horizon(start, days), agents=list(agents) or [agent()], **kw)  # type: ignore[arg-type]


def days(n: int, first: date = MON) -> list[date]:
    return [first + timedelta(days=i) for i in range(n)]


def violations(shifts: list[Shift], proj: Project, rule_id: str | None = None,
               **kw: object) -> list[Violation]:
    out = check(Roster(list(shifts)), proj, **kw)  # type: ignore[arg-type]
    return [v for v in out if rule_id is None or v.rule_id == rule_id]
