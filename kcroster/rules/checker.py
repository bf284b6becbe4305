"""The independent rule checker: ``check(roster, project) -> list[Violation]``.

Verifies every rule of :data:`kcroster.rules.catalogue.RULES` against a finished roster — one the
optimiser returned, one a planner edited in the Gantt, or one imported from Excel. It is
deliberately written without looking at the solver's encoding (and never imports it): it works
directly on shifts and segments in absolute time, so a bug in either is caught by the other.

Conventions (docs/design.md §3 and the catalogue's common definitions):

* All durations are differences of POSIX timestamps. Subtracting two aware datetimes that share
  one ``ZoneInfo`` gives the *wall-clock* difference in Python, which is wrong across a DST
  change; this module never does that.
* A shift belongs to the local day on which it starts; its work time counts in the week in which
  it starts. Weeks run from local 00:00 on ``Horizon.week_start`` to the same local time seven
  days later (so a week containing a DST change lasts 167 or 169 absolute hours).
* Outside the horizon an agent is off.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from kcroster.model import BREAK, Agent, Leave, Project, Roster, Shift, WishKind, step_in_force
from kcroster.model.agents import ReintegrationStep
from kcroster.rules.catalogue import (
    RULES_BY_ID,
    Severity,
    week_min_contract_minutes,
)
from kcroster.rules.over_contract import WeekOver, full_leave_dates, minutes_over_contract
from kcroster.rules.text import (
    clock,
    date_en,
    date_nl,
    duration_en,
    duration_nl,
)

EPS = 1e-6  # minutes; absorbs float noise from timestamps
_END_OF_DAY = time(23, 59, 59, 999999)  # parse_hhmm's marker for 24:00


@dataclass(frozen=True)
class Violation:
    """One broken rule, located by agent and time, explained in Dutch and English."""

    rule_id: str
    agent_id: str | None
    when: datetime | date | None
    message_nl: str
    message_en: str
    severity: Severity

    @property
    def rule_name_nl(self) -> str:
        return RULES_BY_ID[self.rule_id].name_nl

    @property
    def rule_name_en(self) -> str:
        return RULES_BY_ID[self.rule_id].name_en


# --------------------------------------------------------------------------------------------
# normalised view of a roster
# --------------------------------------------------------------------------------------------


class _Seg:
    __slots__ = ("t0", "t1", "activity")

    def __init__(self, t0: float, t1: float, activity: str) -> None:
        self.t0 = t0
        self.t1 = t1
        self.activity = activity


class _Sh:
    """A shift with everything the rules need precomputed in absolute time."""

    __slots__ = ("shift", "agent_id", "t0", "t1", "ls", "le", "day", "segs", "work",
                 "night_work", "night_date", "break_parts", "work_segs")

    shift: Shift
    agent_id: str
    t0: float
    t1: float
    ls: datetime
    le: datetime
    day: date
    segs: list[_Seg]
    work: float
    night_work: float
    night_date: date | None
    break_parts: list[float]
    work_segs: list[_Seg]

    def span(self) -> str:
        return f"{clock(self.ls)}–{clock(self.le)}"


@dataclass
class _Week:
    index: int
    first: date  # local date the week starts
    t0: float
    t1: float
    days_in: int  # days of this week inside the horizon

    @property
    def whole(self) -> bool:
        return self.days_in == 7


class _Ctx:
    def __init__(self, roster: Roster, project: Project) -> None:
        self.project = project
        self.roster = roster
        self._over: dict[tuple[str, date], WeekOver] | None = None  # over_contract(), once computed
        self.horizon = project.horizon
        self.tz: ZoneInfo = project.horizon.tz
        self.labour = project.labour
        self.out: list[Violation] = []
        self._midnights: dict[date, float] = {}
        self._nights: dict[date, tuple[float, float]] = {}
        self._open: tuple[dict[str, set[date]] | None] | None = None  # _open_dates, once computed
        self.h_first = self.horizon.start
        self.h_end = self.horizon.end  # first day after
        self.h0 = self.midnight(self.h_first)
        self.h1 = self.midnight(self.h_end)
        self.dates: tuple[date, ...] = self.horizon.dates
        self.sundays: list[date] = [d for d in self.dates if d.weekday() == 6]
        self.first_week_day = self.h_first - timedelta(
            days=(self.h_first.weekday() - self.horizon.week_start) % 7)
        self._weeks: dict[int, _Week] = {}
        self.agents: dict[str, Agent] = {a.id: a for a in project.agents}
        night_lo, night_hi = self.labour.night_window
        self.night_lo = time(int(night_lo) % 24)
        self.night_hi = time(int(night_hi) % 24)
        self.night_wraps = int(night_hi) % 24 <= int(night_lo) % 24
        self.shifts: dict[str, list[_Sh]] = defaultdict(list)
        for s in roster.shifts:
            sh = self.normalise(s)
            self.shifts[sh.agent_id].append(sh)
        for lst in self.shifts.values():
            lst.sort(key=lambda x: (x.t0, x.t1))
        self.leave: dict[str, list[Leave]] = defaultdict(list)
        for lv in project.leave:
            self.leave[lv.agent_id].append(lv)
        self.plans: dict[str, list[ReintegrationStep]] = defaultdict(list)
        for st in project.reintegration:
            self.plans[st.agent_id].append(st)
        seen = dict.fromkeys([a.id for a in project.agents])
        seen.update(dict.fromkeys(self.shifts))
        self.agent_ids: list[str] = list(seen)

    # --- time helpers ---
    def ts(self, moment: datetime) -> float:
        if moment.tzinfo is None:  # a naive time from an import means planning-zone wall clock
            moment = moment.replace(tzinfo=self.tz)
        return moment.timestamp()

    def at(self, day: date, at: time) -> float:
        """Absolute instant of a local wall-clock time; 24:00 markers mean the next midnight."""
        if at == _END_OF_DAY:
            return self.midnight(day + timedelta(days=1))
        return datetime.combine(day, at, tzinfo=self.tz).timestamp()

    def midnight(self, day: date) -> float:
        t = self._midnights.get(day)
        if t is None:
            t = datetime.combine(day, time(0), tzinfo=self.tz).timestamp()
            self._midnights[day] = t
        return t

    def night_window(self, day: date) -> tuple[float, float]:
        """The night window (absolute) starting on local date ``day``; cached per date."""
        w = self._nights.get(day)
        if w is None:
            lo = self.at(day, self.night_lo)
            hi = self.at(day + timedelta(days=1) if self.night_wraps else day, self.night_hi)
            w = self._nights[day] = (lo, hi)
        return w

    def local(self, t: float) -> datetime:
        return datetime.fromtimestamp(t, self.tz)

    def over_contract(self) -> dict[tuple[str, date], WeekOver]:
        """Every agent's weeks over contract (:mod:`kcroster.rules.over_contract`), computed once."""
        if self._over is None:
            self._over = minutes_over_contract(self.project, self.roster)
        return self._over

    def week_of(self, day: date) -> int:
        return (day - self.first_week_day).days // 7

    def week(self, w: int) -> _Week:
        wk = self._weeks.get(w)
        if wk is None:
            first = self.first_week_day + timedelta(days=7 * w)
            days_in = sum(1 for i in range(7) if self.h_first <= first + timedelta(days=i) < self.h_end)
            wk = _Week(w, first, self.midnight(first), self.midnight(first + timedelta(days=7)), days_in)
            self._weeks[w] = wk
        return wk

    def horizon_weeks(self) -> list[_Week]:
        last = self.week_of(self.h_end - timedelta(days=1))
        return [self.week(w) for w in range(0, last + 1)]

    def in_horizon(self, day: date) -> bool:
        return self.h_first <= day < self.h_end

    # --- shift normalisation ---
    def times(self, s: Shift) -> tuple[float, float, datetime, datetime]:
        """Start and end of a shift (absolute and local) without looking at its segments."""
        t0, t1 = self.ts(s.start), self.ts(s.end)
        return t0, t1, self.local(t0), self.local(t1)

    def normalise(self, s: Shift) -> _Sh:
        sh = _Sh()
        sh.shift = s
        sh.agent_id = s.agent_id
        sh.t0 = self.ts(s.start)
        sh.t1 = self.ts(s.end)
        sh.ls = self.local(sh.t0)
        sh.le = self.local(sh.t1)
        sh.day = sh.ls.date()
        # Segment boundaries mostly repeat the previous boundary or the shift's end; reusing
        # those timestamps halves the cost (same tzinfo and fold: == compares wall clocks,
        # which is then exact).
        ts = self.ts
        segs: list[_Seg] = []
        prev, prev_t = s.start, sh.t0
        end, end_t = s.end, sh.t1
        for raw in s.segments:
            a, b = raw.start, raw.end
            if a is prev or (a.tzinfo is prev.tzinfo and a.fold == prev.fold and a == prev):
                ta = prev_t
            else:
                ta = ts(a)
            if b is end or (b.tzinfo is end.tzinfo and b.fold == end.fold and b == end):
                tb = end_t
            else:
                tb = ts(b)
            segs.append(_Seg(ta, tb, raw.activity))
            prev, prev_t = b, tb
        if any(segs[i].t0 > segs[i + 1].t0 for i in range(len(segs) - 1)):
            segs.sort(key=lambda g: (g.t0, g.t1))
        sh.segs = segs
        duration = (sh.t1 - sh.t0) / 60
        # work time = duration − break segments (clipped to the shift, so a stray segment
        # outside the shift cannot make work time negative)
        brk = sum(max(0.0, min(g.t1, sh.t1) - max(g.t0, sh.t0)) for g in segs if g.activity == BREAK)
        sh.work = duration - brk / 60
        if segs:
            sh.work_segs = [g for g in segs if g.activity != BREAK and g.t1 > g.t0]
        else:
            sh.work_segs = [_Seg(sh.t0, sh.t1, "work")] if sh.t1 > sh.t0 else []
        # breaks: contiguous break segments form one break; a break touching the start or end
        # of the shift does not interrupt work, so it is no break in the legal sense
        parts: list[list[float]] = []
        for g in segs:
            if g.activity != BREAK or g.t1 <= g.t0:
                continue
            if parts and abs(parts[-1][1] - g.t0) < 1e-3:
                parts[-1][1] = g.t1
            else:
                parts.append([g.t0, g.t1])
        sh.break_parts = [(b - a) / 60 for a, b in parts if a > sh.t0 + 1e-3 and b < sh.t1 - 1e-3]
        # night work: work inside the local night window of every date the shift touches
        night = 0.0
        night_date: date | None = None
        d = sh.day - timedelta(days=1)
        while d <= sh.le.date():
            lo, hi = self.night_window(d)
            if sh.t1 <= lo or sh.t0 >= hi:
                d += timedelta(days=1)
                continue
            ov = sum(max(0.0, min(g.t1, hi) - max(g.t0, lo)) for g in sh.work_segs)
            if ov > 0:
                night += ov
                # the date on which the night window ends: "ends after 02:00" refers to it
                night_date = d + timedelta(days=1) if self.night_wraps else d
            d += timedelta(days=1)
        sh.night_work = night / 60
        sh.night_date = night_date
        return sh

    def is_night(self, sh: _Sh) -> bool:
        return sh.night_work > self.labour.night_min_hours_in_window * 60 + EPS

    # --- output ---
    def add(self, rule_id: str, agent_id: str | None, when: datetime | date | None,
            nl: str, en: str) -> None:
        self.out.append(Violation(rule_id, agent_id, when, nl, en, RULES_BY_ID[rule_id].severity))


def _floor_min(x: float) -> int:
    return math.floor(x + 1e-9)


def _dn(d: date) -> str:
    return date_nl(d)


def _de(d: date) -> str:
    return date_en(d)


# --------------------------------------------------------------------------------------------
# structure
# --------------------------------------------------------------------------------------------


def _one_shift_per_day(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    by_day: dict[date, list[_Sh]] = defaultdict(list)
    for sh in shifts:
        by_day[sh.day].append(sh)
        if sh.shift.day != sh.day:
            c.add("one_shift_per_day", aid, sh.ls,
                  f"Dienst {sh.span()} begint op {_dn(sh.day)} maar staat op {_dn(sh.shift.day)}",
                  f"Shift {sh.span()} starts on {_de(sh.day)} but is filed under {_de(sh.shift.day)}")
    for d, lst in sorted(by_day.items()):
        if len(lst) > 1:
            spans = ", ".join(x.span() for x in lst)
            c.add("one_shift_per_day", aid, d,
                  f"{len(lst)} diensten op {_dn(d)} ({spans}); maximaal één per dag",
                  f"{len(lst)} shifts on {_de(d)} ({spans}); at most one per day")
    for a, b in zip(shifts, shifts[1:], strict=False):
        if b.t0 < a.t1 - EPS:
            c.add("one_shift_per_day", aid, b.ls,
                  f"Diensten overlappen: {_dn(a.day)} {a.span()} en {_dn(b.day)} {b.span()}",
                  f"Shifts overlap: {_de(a.day)} {a.span()} and {_de(b.day)} {b.span()}")


def _segments_partition(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    for sh in shifts:

        def add(nl: str, en: str, at: float, sh: _Sh = sh) -> None:
            where_nl = f"dienst {_dn(sh.day)} {sh.span()}"
            where_en = f"shift {_de(sh.day)} {sh.span()}"
            c.add("segments_partition", aid, c.local(at), f"{nl} ({where_nl})", f"{en} ({where_en})")

        if sh.t1 <= sh.t0:
            add("Dienst eindigt niet na het begin", "Shift does not end after it starts", sh.t0)
            continue
        if not sh.segs:
            add("Dienst is niet ingedeeld (geen segmenten)", "Shift has no segments", sh.t0)
            continue
        cursor = sh.t0
        for g in sh.segs:
            if g.t1 <= g.t0:
                add(f"Segment '{g.activity}' om {clock(c.local(g.t0))} heeft geen duur",
                    f"Segment '{g.activity}' at {clock(c.local(g.t0))} has no duration", g.t0)
                continue
            if g.t0 < sh.t0 - 1e-3 or g.t1 > sh.t1 + 1e-3:
                add(f"Segment '{g.activity}' {clock(c.local(g.t0))}–{clock(c.local(g.t1))} valt buiten de dienst",
                    f"Segment '{g.activity}' {clock(c.local(g.t0))}–{clock(c.local(g.t1))} lies outside the shift",
                    g.t0)
            if g.t0 > cursor + 1e-3:
                add(f"Niet ingedeeld van {clock(c.local(cursor))} tot {clock(c.local(g.t0))}",
                    f"Unassigned from {clock(c.local(cursor))} to {clock(c.local(g.t0))}", cursor)
            elif g.t0 < cursor - 1e-3 and cursor > sh.t0:
                add(f"Segmenten overlappen van {clock(c.local(g.t0))} tot {clock(c.local(min(cursor, g.t1)))}",
                    f"Segments overlap from {clock(c.local(g.t0))} to {clock(c.local(min(cursor, g.t1)))}",
                    g.t0)
            cursor = max(cursor, g.t1)
        if cursor < sh.t1 - 1e-3:
            add(f"Niet ingedeeld van {clock(c.local(cursor))} tot {clock(c.local(sh.t1))}",
                f"Unassigned from {clock(c.local(cursor))} to {clock(c.local(sh.t1))}", cursor)
        valid = [g for g in sh.segs if g.t1 > g.t0]
        if valid and valid[0].activity == BREAK:
            add("Dienst begint met een pauze", "Shift starts with a break", valid[0].t0)
        if valid and max(valid, key=lambda g: g.t1).activity == BREAK:
            last = max(valid, key=lambda g: g.t1)
            add("Dienst eindigt met een pauze", "Shift ends with a break", last.t0)


# --------------------------------------------------------------------------------------------
# Arbeidstijdenwet
# --------------------------------------------------------------------------------------------


def _atw_shift_length(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    lab = c.labour
    for sh in shifts:
        if c.is_night(sh):
            limit = lab.max_night_shift_hours * 60
            kind_nl, kind_en = "Nachtdienst", "Night shift"
        else:
            limit = lab.max_shift_hours * 60
            kind_nl, kind_en = "Dienst", "Shift"
        if sh.work > limit + EPS:
            c.add("atw_shift_length", aid, sh.ls,
                  f"{kind_nl} {_dn(sh.day)} {sh.span()} met {duration_nl(sh.work)} werk, "
                  f"maximaal {duration_nl(limit)}",
                  f"{kind_en} {_de(sh.day)} {sh.span()} with {duration_en(sh.work)} of work, "
                  f"maximum {duration_en(limit)}")


def _work_per_week(c: _Ctx, shifts: list[_Sh]) -> dict[int, float]:
    out: dict[int, float] = defaultdict(float)
    for sh in shifts:
        out[c.week_of(sh.day)] += sh.work
    return out


def _atw_week_hours(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    limit = c.labour.max_week_hours * 60
    for w, minutes in sorted(_work_per_week(c, shifts).items()):
        if minutes > limit + EPS:
            first = c.week(w).first
            c.add("atw_week_hours", aid, first,
                  f"{duration_nl(minutes)} werk in de week van {_dn(first)}, maximaal {duration_nl(limit)}",
                  f"{duration_en(minutes)} of work in the week of {_de(first)}, maximum {duration_en(limit)}")


def _atw_avg_hours(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    per_week = _work_per_week(c, shifts)
    whole = [w for w in c.horizon_weeks() if w.whole]
    for n, hours in ((4, c.labour.max_avg_hours_4w), (16, c.labour.max_avg_hours_16w)):
        limit = hours * 60
        for i in range(len(whole) - n + 1):
            window = whole[i:i + n]
            avg = sum(per_week.get(w.index, 0.0) for w in window) / n
            if avg > limit + EPS:
                first = window[0].first
                c.add("atw_avg_hours", aid, first,
                      f"Gemiddeld {duration_nl(avg)} per week over {n} weken vanaf {_dn(first)}, "
                      f"maximaal {duration_nl(limit)}",
                      f"Average {duration_en(avg)} per week over {n} weeks from {_de(first)}, "
                      f"maximum {duration_en(limit)}")


def _atw_daily_rest(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    lab = c.labour
    full = lab.min_daily_rest_hours * 60
    reduced = lab.reduced_daily_rest_hours * 60
    used: dict[int, date] = {}  # week → date the reduced rest was taken
    for a, b in zip(shifts, shifts[1:], strict=False):
        rest = (b.t0 - a.t1) / 60
        if rest < -EPS or rest >= full - EPS:
            continue  # overlaps are one_shift_per_day's business
        rest_day = a.le.date()
        w = c.week_of(rest_day)
        if rest >= reduced - EPS and w not in used:
            used[w] = rest_day
            continue
        if rest >= reduced - EPS:
            taken = used[w]
            extra_nl = (f"eenmaal per week {duration_nl(reduced)} toegestaan, al gebruikt op "
                        f"{date_nl(taken, year=False)}")
            extra_en = (f"{duration_en(reduced)} allowed once a week, already used on "
                        f"{date_en(taken, year=False)}")
        else:
            extra_nl = f"eenmaal per week minimaal {duration_nl(reduced)}"
            extra_en = f"at least {duration_en(reduced)} once a week"
        c.add("atw_daily_rest", aid, a.le,
              f"Rust tussen diensten {duration_nl(rest)}, minimaal {duration_nl(full)} ({extra_nl}); "
              f"na dienst {_dn(a.day)} {a.span()}",
              f"Rest between shifts {duration_en(rest)}, minimum {duration_en(full)} ({extra_en}); "
              f"after shift {_de(a.day)} {a.span()}")


def _longest_rest_in(busy: list[tuple[float, float]], t0: float, t1: float) -> float:
    """Longest stretch (seconds) in [t0, t1) not covered by ``busy`` (sorted by start)."""
    best = 0.0
    cursor = t0
    for a, b in busy:
        if b <= t0 or a >= t1:
            continue
        a = max(a, t0)
        if a > cursor:
            best = max(best, a - cursor)
        cursor = max(cursor, min(b, t1))
    return max(best, t1 - cursor)


def _atw_weekly_rest(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    need = c.labour.min_weekly_rest_hours * 60
    busy = [(sh.t0, sh.t1) for sh in shifts if sh.t1 > sh.t0]
    for wk in c.horizon_weeks():
        longest = _longest_rest_in(busy, wk.t0, wk.t1) / 60
        if longest < need - EPS:
            c.add("atw_weekly_rest", aid, wk.first,
                  f"Langste aaneengesloten rust in de week van {_dn(wk.first)} is {duration_nl(longest)}, "
                  f"minimaal {duration_nl(need)}",
                  f"Longest uninterrupted rest in the week of {_de(wk.first)} is {duration_en(longest)}, "
                  f"minimum {duration_en(need)}")


def _counted_breaks(c: _Ctx, sh: _Sh) -> float:
    part = c.labour.min_break_part_minutes
    return sum(p for p in sh.break_parts if p >= part - EPS)


def _atw_breaks(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    lab = c.labour
    for sh in shifts:
        if sh.work > lab.long_break_after_hours * 60 + EPS:
            need = lab.long_break_minutes
        elif sh.work > lab.break_after_hours * 60 + EPS:
            need = lab.break_minutes
        else:
            continue
        got = _counted_breaks(c, sh)
        if got < need - EPS:
            c.add("atw_breaks", aid, sh.ls,
                  f"Pauze {duration_nl(got)} bij {duration_nl(sh.work)} werk op {_dn(sh.day)} "
                  f"{sh.span()}, minimaal {duration_nl(need)} (delen van minimaal "
                  f"{lab.min_break_part_minutes} min)",
                  f"Break {duration_en(got)} with {duration_en(sh.work)} of work on {_de(sh.day)} "
                  f"{sh.span()}, minimum {duration_en(need)} (parts of at least "
                  f"{lab.min_break_part_minutes} min)")


def _atw_night_rest(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    lab = c.labour
    late = time(int(lab.late_night_end_hour) % 24)
    night = [c.is_night(sh) for sh in shifts]
    # length of the run of night shifts on consecutive days ending at each shift
    run = [0] * len(shifts)
    for i, sh in enumerate(shifts):
        if not night[i]:
            continue
        run[i] = 1
        if i and night[i - 1] and shifts[i - 1].day == sh.day - timedelta(days=1):
            run[i] = run[i - 1] + 1
    for i in range(len(shifts) - 1):
        if not night[i]:
            continue
        a, b = shifts[i], shifts[i + 1]
        continues = night[i + 1] and b.day == a.day + timedelta(days=1)
        need = 0.0
        why_nl = why_en = ""
        if run[i] >= lab.night_series_length and not continues:
            need = lab.rest_after_night_series_hours * 60
            why_nl = f"na {run[i]} nachtdiensten op rij, de laatste"
            why_en = f"after {run[i]} night shifts in a row, the last"
        elif a.night_date is not None and a.t1 > c.at(a.night_date, late) + EPS * 60:
            need = lab.rest_after_late_night_hours * 60
            why_nl = f"na nachtdienst tot na {late.hour:02d}:00:"
            why_en = f"after a night shift ending after {late.hour:02d}:00:"
        rest = (b.t0 - a.t1) / 60
        if need and -EPS <= rest < need - EPS:
            c.add("atw_night_rest", aid, a.le,
                  f"Rust {duration_nl(rest)} {why_nl} {_dn(a.day)} {a.span()}, minimaal {duration_nl(need)}",
                  f"Rest {duration_en(rest)} {why_en} {_de(a.day)} {a.span()}, minimum {duration_en(need)}")


def _atw_sundays(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    sundays = c.sundays
    if not sundays:
        return
    need = (c.labour.min_free_sundays_per_52w * len(sundays)) // 52
    if need <= 0:
        return
    free = 0
    for d in sundays:
        lo, hi = c.midnight(d), c.midnight(d + timedelta(days=1))
        if not any(sh.t0 < hi and sh.t1 > lo for sh in shifts):
            free += 1
    if free < need:
        c.add("atw_sundays", aid, None,
              f"{free} vrije zondag(en) van {len(sundays)}, minimaal {need} "
              f"({c.labour.min_free_sundays_per_52w} per 52 weken naar rato)",
              f"{free} free Sunday(s) out of {len(sundays)}, minimum {need} "
              f"({c.labour.min_free_sundays_per_52w} per 52 weeks pro rata)")


def _night_window_inside(c: _Ctx, t0: float, t1: float) -> bool:
    """Whether [t0, t1) contains a whole local 23:00–06:00 night."""
    d = c.local(t0).date() - timedelta(days=1)
    last = c.local(t1).date()
    while d <= last:
        lo = c.at(d, time(23))
        hi = c.at(d + timedelta(days=1), time(6))
        if lo >= t0 and hi <= t1:
            return True
        d += timedelta(days=1)
    return False


def _atw_youth(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    agent = c.agents.get(aid)
    if agent is None or agent.birth_date is None:
        return
    lab = c.labour
    youth = [agent.is_youth_on(sh.day) for sh in shifts]
    if not any(youth):
        return
    max_shift = lab.youth_max_shift_hours * 60
    for sh, y in zip(shifts, youth, strict=True):
        if not y:
            continue
        if sh.work > max_shift + EPS:
            c.add("atw_youth", aid, sh.ls,
                  f"Jeugdige: dienst {_dn(sh.day)} {sh.span()} met {duration_nl(sh.work)} werk, "
                  f"maximaal {duration_nl(max_shift)}",
                  f"Young worker: shift {_de(sh.day)} {sh.span()} with {duration_en(sh.work)} of work, "
                  f"maximum {duration_en(max_shift)}")
        if sh.work > lab.youth_break_after_hours * 60 + EPS:
            got = _counted_breaks(c, sh)
            if got < lab.youth_break_minutes - EPS:
                c.add("atw_youth", aid, sh.ls,
                      f"Jeugdige: pauze {duration_nl(got)} bij {duration_nl(sh.work)} werk op "
                      f"{_dn(sh.day)}, minimaal {duration_nl(lab.youth_break_minutes)}",
                      f"Young worker: break {duration_en(got)} with {duration_en(sh.work)} of work on "
                      f"{_de(sh.day)}, minimum {duration_en(lab.youth_break_minutes)}")
    # week: judged for weeks in which the agent is under 18 on a day with a shift
    max_week = lab.youth_max_week_hours * 60
    per_week: dict[int, float] = defaultdict(float)
    youth_weeks: set[int] = set()
    for sh, y in zip(shifts, youth, strict=True):
        w = c.week_of(sh.day)
        per_week[w] += sh.work
        if y:
            youth_weeks.add(w)
    for w in sorted(youth_weeks):
        if per_week[w] > max_week + EPS:
            first = c.week(w).first
            c.add("atw_youth", aid, first,
                  f"Jeugdige: {duration_nl(per_week[w])} werk in de week van {_dn(first)}, "
                  f"maximaal {duration_nl(max_week)}",
                  f"Young worker: {duration_en(per_week[w])} of work in the week of {_de(first)}, "
                  f"maximum {duration_en(max_week)}")
    min_rest = lab.youth_min_daily_rest_hours * 60
    for i in range(len(shifts) - 1):
        if not (youth[i] or youth[i + 1]):
            continue
        a, b = shifts[i], shifts[i + 1]
        rest = (b.t0 - a.t1) / 60
        if rest < -EPS:
            continue
        if rest < min_rest - EPS:
            c.add("atw_youth", aid, a.le,
                  f"Jeugdige: rust tussen diensten {duration_nl(rest)}, minimaal {duration_nl(min_rest)} "
                  f"(na dienst {_dn(a.day)} {a.span()})",
                  f"Young worker: rest between shifts {duration_en(rest)}, minimum {duration_en(min_rest)} "
                  f"(after shift {_de(a.day)} {a.span()})")
        elif not _night_window_inside(c, a.t1, b.t0):
            c.add("atw_youth", aid, a.le,
                  f"Jeugdige: rust na dienst {_dn(a.day)} {a.span()} omvat niet 23:00–06:00",
                  f"Young worker: rest after shift {_de(a.day)} {a.span()} does not include 23:00–06:00")


def _atw_notice(c: _Ctx, reference: Roster, today: date) -> None:
    notice = c.labour.roster_notice_days
    Span = tuple[float, float, datetime, datetime]
    ref: dict[tuple[str, date], list[Span]] = defaultdict(list)
    new: dict[tuple[str, date], list[Span]] = defaultdict(list)
    # only days from today up to the notice limit: changes further ahead are in time, and
    # changing a day that has passed records what happened rather than announcing a roster
    last_day = today + timedelta(days=notice)
    for s in reference.shifts:
        span = c.times(s)
        if today <= span[2].date() < last_day:
            ref[(s.agent_id, span[2].date())].append(span)
    for aid, lst in c.shifts.items():
        for sh in lst:
            if today <= sh.day < last_day:
                new[(aid, sh.day)].append((sh.t0, sh.t1, sh.ls, sh.le))

    def spans(lst: list[Span]) -> str:
        return ", ".join(f"{clock(x[2])}–{clock(x[3])}" for x in sorted(lst)) or "vrij"

    for key in sorted(set(ref) | set(new)):
        aid, d = key
        before = ref.get(key, [])
        after = new.get(key, [])
        if sorted((round(x[0], 3), round(x[1], 3)) for x in before) == \
                sorted((round(x[0], 3), round(x[1], 3)) for x in after):
            continue
        ahead = (d - today).days
        was, now = spans(before), spans(after)
        c.add("atw_notice", aid, d,
              f"Dienst op {_dn(d)} gewijzigd ({was} → {now}) {ahead} dag(en) vooraf, "
              f"bekendmaking minimaal {notice} dagen vooraf",
              f"Shift on {_de(d)} changed ({was.replace('vrij', 'off')} → {now.replace('vrij', 'off')}) "
              f"{ahead} day(s) ahead, notice at least {notice} days")


def _locked(c: _Ctx, reference: Roster) -> None:
    present: set[tuple[str, float, float]] = set()
    for aid, lst in c.shifts.items():
        for sh in lst:
            present.add((aid, round(sh.t0, 3), round(sh.t1, 3)))
    for s in reference.shifts:
        if not s.locked:
            continue
        t0, t1, ls, le = c.times(s)
        if (s.agent_id, round(t0, 3), round(t1, 3)) not in present:
            span = f"{clock(ls)}–{clock(le)}"
            c.add("locked", s.agent_id, ls,
                  f"Vastgezette dienst {_dn(ls.date())} {span} ontbreekt of is gewijzigd",
                  f"Locked shift {_de(ls.date())} {span} is missing or changed")


# --------------------------------------------------------------------------------------------
# contract
# --------------------------------------------------------------------------------------------


def _full_leave_days(c: _Ctx, aid: str) -> set[date]:
    """Horizon days entirely covered by the agent's leave periods."""
    return full_leave_dates(c.project, aid)


def _contract_week_hours(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    agent = c.agents.get(aid)
    if agent is None:
        return
    per_week = _work_per_week(c, shifts)
    leave_days = _full_leave_days(c, aid)
    hi_full = agent.week_max_hours * 60
    plan = c.plans.get(aid, [])
    opened = _open_dates(c)
    for wk in c.horizon_weeks():
        days = [wk.first + timedelta(days=i) for i in range(7)]
        in_h = [d for d in days if c.in_horizon(d)]
        n_leave = sum(1 for d in in_h if d in leave_days)
        reint = any(step_in_force(plan, d) is not None for d in in_h) if plan else False
        # a partial week counts the days on which one of the agent's queues is open (a queue the
        # forecast does not know counts as open; without a forecast every day counts)
        counted = in_h if wk.whole or opened is None else [
            d for d in in_h if any(q not in opened or d in opened[q] for q in agent.skills)]
        closed = len(in_h) - len(counted)
        lo = week_min_contract_minutes(agent, len(counted), n_leave, reint)
        missing = 7 - len(counted) + n_leave
        hi = _floor_min(hi_full * wk.days_in / 7) if not wk.whole else hi_full
        got = per_week.get(wk.index, 0.0)
        note_nl = note_en = ""
        if missing:
            leave_nl = f", {n_leave} verlofdag(en)" if n_leave else ""
            leave_en = f", {n_leave} leave day(s)" if n_leave else ""
            shut_nl = f", {closed} dag(en) zonder open wachtrij" if closed else ""
            shut_en = f", {closed} day(s) without an open queue" if closed else ""
            note_nl = f" (naar rato: {len(counted)} van 7 dagen{shut_nl}{leave_nl})"
            note_en = f" (pro rata: {len(counted)} of 7 days{shut_en}{leave_en})"
        if got < lo - EPS:
            c.add("contract_week_hours", aid, wk.first,
                  f"{duration_nl(got)} werk in de week van {_dn(wk.first)}, minimaal {duration_nl(lo)}{note_nl}",
                  f"{duration_en(got)} of work in the week of {_de(wk.first)}, minimum {duration_en(lo)}{note_en}")
        elif got > hi + EPS:
            note_nl = f" (naar rato: {wk.days_in} van 7 dagen)" if not wk.whole else ""
            note_en = f" (pro rata: {wk.days_in} of 7 days)" if not wk.whole else ""
            c.add("contract_week_hours", aid, wk.first,
                  f"{duration_nl(got)} werk in de week van {_dn(wk.first)}, maximaal {duration_nl(hi)}{note_nl}",
                  f"{duration_en(got)} of work in the week of {_de(wk.first)}, maximum {duration_en(hi)}{note_en}")
        over = c.over_contract().get((aid, wk.first)) if c.project.labour.enabled("contract_over_hours") else None
        if over is not None:
            c.add("contract_over_hours", aid, wk.first,
                  f"{duration_nl(over.minutes)} boven contract in de week van {_dn(wk.first)}: "
                  f"{duration_nl(over.worked)} werk, contract {duration_nl(over.contract)}{note_nl}",
                  f"{duration_en(over.minutes)} over contract in the week of {_de(wk.first)}: "
                  f"{duration_en(over.worked)} of work, contract {duration_en(over.contract)}{note_en}")


def _working_days(shifts: Iterable[_Sh]) -> list[date]:
    return sorted({sh.day for sh in shifts})


def _contract_days_per_week(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    agent = c.agents.get(aid)
    if agent is None or agent.max_days_per_week is None:
        return
    per_week: dict[int, int] = defaultdict(int)
    for d in _working_days(shifts):
        per_week[c.week_of(d)] += 1
    for w, n in sorted(per_week.items()):
        if n > agent.max_days_per_week:
            first = c.week(w).first
            c.add("contract_days_per_week", aid, first,
                  f"{n} werkdagen in de week van {_dn(first)}, maximaal {agent.max_days_per_week}",
                  f"{n} working days in the week of {_de(first)}, maximum {agent.max_days_per_week}")


def _runs(c: _Ctx, worked: set[date], want: bool) -> list[tuple[date, date]]:
    """Maximal runs of horizon days whose worked-status equals ``want`` (first, last)."""
    out: list[tuple[date, date]] = []
    start: date | None = None
    prev: date | None = None
    for d in c.dates:
        if (d in worked) == want:
            if start is None:
                start = d
            prev = d
        elif start is not None and prev is not None:
            out.append((start, prev))
            start = None
    if start is not None and prev is not None:
        out.append((start, prev))
    return out


def _contract_consecutive_days(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    agent = c.agents.get(aid)
    if agent is None or (agent.max_consecutive_days is None and agent.min_consecutive_days is None):
        return
    worked = set(_working_days(shifts))
    last_day = c.h_end - timedelta(days=1)
    for a, b in _runs(c, worked, True):
        n = (b - a).days + 1
        if agent.max_consecutive_days is not None and n > agent.max_consecutive_days:
            c.add("contract_consecutive_days", aid, a,
                  f"{n} werkdagen op rij van {_dn(a)} tot en met {_dn(b)}, maximaal {agent.max_consecutive_days}",
                  f"{n} working days in a row from {_de(a)} to {_de(b)}, maximum {agent.max_consecutive_days}")
        if (agent.min_consecutive_days is not None and n < agent.min_consecutive_days
                and a != c.h_first and b != last_day):
            c.add("contract_consecutive_days", aid, a,
                  f"{n} werkdag(en) op rij vanaf {_dn(a)}, minimaal {agent.min_consecutive_days}",
                  f"{n} working day(s) in a row from {_de(a)}, minimum {agent.min_consecutive_days}")


def _contract_days_off(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    agent = c.agents.get(aid)
    if agent is None or agent.min_consecutive_days_off is None:
        return
    worked = set(_working_days(shifts))
    last_day = c.h_end - timedelta(days=1)
    for a, b in _runs(c, worked, False):
        n = (b - a).days + 1
        if n < agent.min_consecutive_days_off and a != c.h_first and b != last_day:
            c.add("contract_days_off", aid, a,
                  f"{n} vrije dag(en) op rij vanaf {_dn(a)}, minimaal {agent.min_consecutive_days_off}",
                  f"{n} day(s) off in a row from {_de(a)}, minimum {agent.min_consecutive_days_off}")


def _contract_weekends(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    agent = c.agents.get(aid)
    if agent is None or agent.max_weekends is None:
        return
    saturdays = {d - timedelta(days=(d.weekday() - 5) % 7) for d in _working_days(shifts)
                 if d.weekday() in (5, 6)}
    if len(saturdays) > agent.max_weekends:
        first = min(saturdays)
        listed = ", ".join(date_nl(s, year=False) for s in sorted(saturdays))
        listed_en = ", ".join(date_en(s, year=False) for s in sorted(saturdays))
        c.add("contract_weekends", aid, first,
              f"{len(saturdays)} weekenden gewerkt ({listed}), maximaal {agent.max_weekends}",
              f"{len(saturdays)} weekends worked ({listed_en}), maximum {agent.max_weekends}")


def _contract_total_minutes(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    agent = c.agents.get(aid)
    if agent is None or (agent.min_minutes_total is None and agent.max_minutes_total is None):
        return
    total = sum(sh.work for sh in shifts)
    if agent.min_minutes_total is not None and total < agent.min_minutes_total - EPS:
        c.add("contract_total_minutes", aid, None,
              f"{duration_nl(total)} werk over de periode, minimaal {duration_nl(agent.min_minutes_total)}",
              f"{duration_en(total)} of work over the period, minimum {duration_en(agent.min_minutes_total)}")
    if agent.max_minutes_total is not None and total > agent.max_minutes_total + EPS:
        c.add("contract_total_minutes", aid, None,
              f"{duration_nl(total)} werk over de periode, maximaal {duration_nl(agent.max_minutes_total)}",
              f"{duration_en(total)} of work over the period, maximum {duration_en(agent.max_minutes_total)}")


def _contract_shift_types(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    agent = c.agents.get(aid)
    if agent is None:
        return
    counts: dict[str, int] = defaultdict(int)
    for sh in shifts:
        t = sh.shift.shift_type
        if t is not None:
            counts[t] += 1
        if agent.allowed_shift_types is not None and t not in agent.allowed_shift_types:
            allowed = ", ".join(agent.allowed_shift_types) or "-"
            name = t if t is not None else "(geen diensttype)"
            name_en = t if t is not None else "(no shift type)"
            c.add("contract_shift_types", aid, sh.ls,
                  f"Dienst {_dn(sh.day)} {sh.span()} is {name}; toegestaan: {allowed}",
                  f"Shift {_de(sh.day)} {sh.span()} is {name_en}; allowed: {allowed}")
    for t, n in sorted(counts.items()):
        cap = agent.max_shifts_per_type.get(t)
        if cap is not None and n > cap:
            c.add("contract_shift_types", aid, None,
                  f"{n} diensten van type {t}, maximaal {cap}",
                  f"{n} shifts of type {t}, maximum {cap}")


def _shift_sequence(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    forbidden = set(c.project.shift_rules.forbidden_sequences)
    if not forbidden:
        return
    by_day: dict[date, list[str]] = defaultdict(list)
    for sh in shifts:
        if sh.shift.shift_type is not None:
            by_day[sh.day].append(sh.shift.shift_type)
    for d, types in sorted(by_day.items()):
        for a in types:
            for b in by_day.get(d + timedelta(days=1), []):
                if (a, b) in forbidden:
                    nxt = d + timedelta(days=1)
                    c.add("shift_sequence", aid, nxt,
                          f"Dienst {b} op {_dn(nxt)} na dienst {a} op {_dn(d)} is niet toegestaan",
                          f"Shift {b} on {_de(nxt)} after shift {a} on {_de(d)} is not allowed")


def _shift_form(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    rules = c.project.shift_rules
    types = {t.name: t for t in rules.shift_types}
    for sh in shifts:
        st = types.get(sh.shift.shift_type) if sh.shift.shift_type is not None else None
        if st is not None:
            end_day = sh.day + timedelta(days=1) if st.end <= st.start else sh.day
            if abs(sh.t0 - c.at(sh.day, st.start)) > 1 or abs(sh.t1 - c.at(end_day, st.end)) > 1:
                c.add("shift_form", aid, sh.ls,
                      f"Dienst {_dn(sh.day)} {sh.span()} heet {st.name} maar dat is "
                      f"{st.start:%H:%M}–{st.end:%H:%M}",
                      f"Shift {_de(sh.day)} {sh.span()} is labelled {st.name}, which is "
                      f"{st.start:%H:%M}–{st.end:%H:%M}")
            continue
        if not rules.use_templates:
            names = ", ".join(types) or "-"
            c.add("shift_form", aid, sh.ls,
                  f"Dienst {_dn(sh.day)} {sh.span()} is geen van de diensttypen ({names})",
                  f"Shift {_de(sh.day)} {sh.span()} is not one of the shift types ({names})")
            continue
        length = (sh.t1 - sh.t0) / 60
        lo, hi = rules.min_length_minutes, rules.max_length_minutes
        if length < lo - EPS or length > hi + EPS:
            c.add("shift_form", aid, sh.ls,
                  f"Dienst {_dn(sh.day)} {sh.span()} duurt {duration_nl(length)}, "
                  f"toegestaan {duration_nl(lo)} tot {duration_nl(hi)}",
                  f"Shift {_de(sh.day)} {sh.span()} lasts {duration_en(length)}, "
                  f"allowed {duration_en(lo)} to {duration_en(hi)}")


def _availability(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    agent = c.agents.get(aid)
    if agent is None or (agent.earliest_start is None and agent.latest_end is None):
        return
    for sh in shifts:
        if agent.earliest_start is not None and sh.t0 < c.at(sh.day, agent.earliest_start) - 1e-3:
            c.add("availability", aid, sh.ls,
                  f"Dienst {_dn(sh.day)} begint om {clock(sh.ls)}, beschikbaar vanaf "
                  f"{agent.earliest_start:%H:%M}",
                  f"Shift on {_de(sh.day)} starts at {clock(sh.ls)}, available from "
                  f"{agent.earliest_start:%H:%M}")
        if agent.latest_end is not None and sh.t1 > c.at(sh.day, agent.latest_end) + 1e-3:
            until = "24:00" if agent.latest_end == _END_OF_DAY else f"{agent.latest_end:%H:%M}"
            ends = clock(sh.le) if sh.le.date() == sh.day else f"{clock(sh.le)} ({_dn(sh.le.date())})"
            ends_en = clock(sh.le) if sh.le.date() == sh.day else f"{clock(sh.le)} ({_de(sh.le.date())})"
            c.add("availability", aid, sh.ls,
                  f"Dienst {_dn(sh.day)} eindigt om {ends}, beschikbaar tot {until}",
                  f"Shift on {_de(sh.day)} ends at {ends_en}, available until {until}")


def _leave(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    for lv in c.leave.get(aid, []):
        a, b = c.ts(lv.start), c.ts(lv.end)
        for sh in shifts:
            if sh.t0 < b and sh.t1 > a:
                la, lb = c.local(a), c.local(b)
                c.add("leave", aid, sh.ls,
                      f"Dienst {_dn(sh.day)} {sh.span()} overlapt met {lv.label} "
                      f"({_dn(la.date())} {clock(la)} – {_dn(lb.date())} {clock(lb)})",
                      f"Shift {_de(sh.day)} {sh.span()} overlaps {lv.label} "
                      f"({_de(la.date())} {clock(la)} – {_de(lb.date())} {clock(lb)})")


def _skills(c: _Ctx, aid: str, shifts: list[_Sh], queue_names: set[str]) -> None:
    agent = c.agents.get(aid)
    skills = set(agent.skills) if agent is not None else set()
    for sh in shifts:
        bad = sorted({g.activity for g in sh.work_segs
                      if g.activity in queue_names and g.activity not in skills})
        if bad:
            c.add("skills", aid, sh.ls,
                  f"Ingedeeld op {', '.join(bad)} op {_dn(sh.day)} zonder die vaardigheid",
                  f"Assigned to {', '.join(bad)} on {_de(sh.day)} without that skill")


def _wish_must(c: _Ctx) -> None:
    rules = c.project.shift_rules
    for wish in c.project.wishes:
        if not wish.must:
            continue
        day = wish.day
        on_day = [sh for sh in c.shifts.get(wish.agent_id, []) if sh.day == day]
        ok = True
        what_nl = what_en = ""
        k = wish.kind
        if k == WishKind.OFF:
            ok = not on_day
            what_nl, what_en = "vrij", "a day off"
        elif k == WishKind.WORK:
            ok = bool(on_day)
            what_nl, what_en = "een dienst", "a shift"
        elif k == WishKind.EARLY:
            ok = any(sh.t0 < c.at(day, rules.early_start_before) for sh in on_day)
            what_nl = f"een vroege dienst (begin voor {rules.early_start_before:%H:%M})"
            what_en = f"an early shift (start before {rules.early_start_before:%H:%M})"
        elif k == WishKind.LATE:
            ok = any(sh.t1 > c.at(day, rules.late_end_after) for sh in on_day)
            what_nl = f"een late dienst (einde na {rules.late_end_after:%H:%M})"
            what_en = f"a late shift (end after {rules.late_end_after:%H:%M})"
        elif k == WishKind.WINDOW:
            lo = c.at(day, wish.window_start) if wish.window_start else c.midnight(day)
            hi = c.at(day, wish.window_end) if wish.window_end else c.midnight(day + timedelta(days=1))
            ok = any(lo <= sh.t0 <= hi for sh in on_day)
            ws = f"{wish.window_start:%H:%M}" if wish.window_start else "00:00"
            we = f"{wish.window_end:%H:%M}" if wish.window_end else "24:00"
            what_nl = f"een dienst die begint tussen {ws} en {we}"
            what_en = f"a shift starting between {ws} and {we}"
        elif k == WishKind.SHIFT:
            ok = any(sh.shift.shift_type == wish.shift_type for sh in on_day)
            what_nl = f"dienst {wish.shift_type}"
            what_en = f"shift {wish.shift_type}"
        elif k == WishKind.NOT_SHIFT:
            ok = not any(sh.shift.shift_type == wish.shift_type for sh in on_day)
            what_nl = f"geen dienst {wish.shift_type}"
            what_en = f"no shift {wish.shift_type}"
        if not ok:
            got_nl = ", ".join(sh.span() + (f" ({sh.shift.shift_type})" if sh.shift.shift_type else "")
                               for sh in on_day) or "vrij"
            got_en = got_nl if on_day else "off"
            c.add("wish_must", wish.agent_id, day,
                  f"Verplichte wens op {_dn(day)}: {what_nl}; ingeroosterd: {got_nl}",
                  f"Mandatory wish on {_de(day)}: {what_en}; rostered: {got_en}")


def _open_intervals(c: _Ctx) -> dict[str, np.ndarray]:
    """open[k] per queue name over the forecast's intervals, as ``closed_queue`` defines it.

    Written here from the model (not taken from the solver or the importer) so the checker stays
    a second opinion: opening hours where the project's queue has them, else the forecast's
    open mask; intervals with volume for the queue are open either way.
    """
    fc = c.project.forecast
    if fc is None:
        return {}
    hz = fc.horizon
    in_forecast = {q.name: i for i, q in enumerate(fc.queues)}
    queues = {q.name: q for q in fc.queues}
    queues.update({q.name: q for q in c.project.queues if q.name in in_forecast})
    minutes = hz.local_minute_of_day
    holidays: set[date] | None = None
    out: dict[str, np.ndarray] = {}
    for name, qi in in_forecast.items():
        hours = queues[name].opening_hours
        if hours is not None:
            if holidays is None:
                holidays = _public_holidays(hz.dates)
            mask = np.zeros(hz.n_intervals, dtype=bool)
            for di, d in enumerate(hz.dates):
                sl = hz.day_slice(di)
                for a, b in hours.windows(d.weekday(), d in holidays):
                    lo = a.hour * 60 + a.minute
                    hi = 1440 if b >= time(23, 59) else b.hour * 60 + b.minute
                    mask[sl] |= (minutes[sl] >= lo) & (minutes[sl] < hi)
        elif fc.open_mask is not None:
            mask = np.asarray(fc.open_mask[qi], dtype=bool).copy()
        else:
            mask = np.ones(hz.n_intervals, dtype=bool)
        out[name] = mask | (np.asarray(fc.volume[qi]) > 0)
    return out


def _open_dates(c: _Ctx) -> dict[str, set[date]] | None:
    """Per queue of the forecast, the dates with an open interval (``closed_queue``'s
    definition, :func:`_open_intervals`); None without a forecast. Computed once per check."""
    if c._open is None:
        fc = c.project.forecast
        hz = fc.horizon if fc is not None else None
        c._open = (None if hz is None else {
            name: {d for di, d in enumerate(hz.dates) if mask[hz.day_slice(di)].any()}
            for name, mask in _open_intervals(c).items()},)
    return c._open[0]


def _public_holidays(dates: list[date]) -> set[date]:
    """Dutch public holidays among ``dates`` (the ``holidays`` package, as the importer uses)."""
    import holidays

    nl = holidays.country_holidays("NL", years=sorted({d.year for d in dates}))
    return {d for d in dates if d in nl}


def _closed_queue(c: _Ctx) -> None:
    opened = _open_intervals(c)
    if not opened:
        return
    hz = c.project.forecast.horizon  # type: ignore[union-attr]
    starts = hz.starts_utc.astype(np.float64)
    step = float(hz.interval_seconds)
    for aid in c.agent_ids:
        for sh in c.shifts.get(aid, []):
            closed: dict[str, set[int]] = defaultdict(set)
            for g in sh.work_segs:
                mask = opened.get(g.activity)
                if mask is None:
                    continue
                # intervals the segment overlaps (by more than float noise)
                k0 = int(np.searchsorted(starts, g.t0 - step + 1e-3, side="right"))
                k1 = int(np.searchsorted(starts, g.t1 - 1e-3, side="left"))
                for k in range(k0, k1):
                    if not mask[k]:
                        closed[g.activity].add(k)
            for queue, ks in closed.items():
                spans = []
                for k in sorted(ks):
                    t0, t1 = max(float(starts[k]), sh.t0), min(float(starts[k]) + step, sh.t1)
                    if spans and abs(spans[-1][1] - t0) < 1e-3:
                        spans[-1][1] = t1
                    else:
                        spans.append([t0, t1])
                text = ", ".join(f"{clock(c.local(a))} tot {clock(c.local(b))}" for a, b in spans)
                text_en = ", ".join(f"{clock(c.local(a))} to {clock(c.local(b))}" for a, b in spans)
                c.add("closed_queue", aid, c.local(spans[0][0]),
                      f"Ingedeeld op {queue} op {_dn(sh.day)} van {text} terwijl de wachtrij "
                      "gesloten is",
                      f"Assigned to {queue} on {_de(sh.day)} from {text_en} while the queue is "
                      "closed")


def _queue_block_length(c: _Ctx, queue_names: set[str]) -> None:
    """Blocks (runs of work on one queue, breaks skipped) shorter than the shift rules' minimum
    in shifts with more than one block: one finding per shift, naming the short blocks."""
    least = c.project.shift_rules.min_queue_block_minutes
    if least <= 0:
        return
    for aid in c.agent_ids:
        for sh in c.shifts.get(aid, []):
            blocks: list[list] = []  # [queue, minutes, start, end]
            for g in sh.work_segs:
                if g.activity not in queue_names:
                    continue
                if blocks and blocks[-1][0] == g.activity:
                    blocks[-1][1] += (g.t1 - g.t0) / 60
                    blocks[-1][3] = g.t1
                else:
                    blocks.append([g.activity, (g.t1 - g.t0) / 60, g.t0, g.t1])
            short = [bl for bl in blocks if bl[1] < least - EPS] if len(blocks) > 1 else []
            if not short:
                continue
            spans = ", ".join(f"{q} {clock(c.local(a))}–{clock(c.local(z))}" for q, _m, a, z in short)
            n = len(short)
            c.add("queue_block_length", aid, c.local(short[0][2]),
                  f"{n} {'blok' if n == 1 else 'blokken'} korter dan {least} min op {_dn(sh.day)}: {spans}",
                  f"{n} {'block' if n == 1 else 'blocks'} shorter than {least} min on {_de(sh.day)}: {spans}")


def _min_staffing(c: _Ctx) -> None:
    fc = c.project.forecast
    if fc is None or fc.open_mask is None:
        return
    hz = fc.horizon
    starts = hz.starts_utc.astype(np.float64)
    n = starts.shape[0]
    if n == 0:
        return
    step = float(hz.interval_seconds)
    minimum: dict[str, int] = {}
    for q in fc.queues:
        m = q.min_agents_when_open
        try:
            m = c.project.queue(q.name).min_agents_when_open
        except KeyError:
            pass
        if m > 0:
            minimum[q.name] = m
    if not minimum:
        return
    lo_t: dict[str, list[float]] = {name: [] for name in minimum}
    hi_t: dict[str, list[float]] = {name: [] for name in minimum}
    for lst in c.shifts.values():
        for sh in lst:
            # contiguous segments of one queue count as one stretch of service
            merged: list[list] = []
            for g in sh.work_segs:
                if g.activity not in lo_t:
                    continue
                if merged and merged[-1][2] == g.activity and abs(merged[-1][1] - g.t0) < 1e-3:
                    merged[-1][1] = g.t1
                else:
                    merged.append([g.t0, g.t1, g.activity])
            for t0, t1, act in merged:
                lo_t[act].append(t0)
                hi_t[act].append(t1)
    diff: dict[str, np.ndarray] = {}
    for name in minimum:
        # an agent counts for an interval only when a stretch on the queue covers all of it
        k0 = np.searchsorted(starts, np.asarray(lo_t[name]) - 1e-3, side="left")
        k1 = np.searchsorted(starts, np.asarray(hi_t[name]) - step + 1e-3, side="right")
        keep = k1 > k0
        d = np.zeros(n + 1, dtype=np.int64)
        np.add.at(d, k0[keep], 1)
        np.add.at(d, k1[keep], -1)
        diff[name] = d
    for qi, q in enumerate(fc.queues):
        if q.name not in minimum:
            continue
        need = minimum[q.name]
        count = np.cumsum(diff[q.name])[:n]
        short = np.asarray(fc.open_mask[qi], dtype=bool) & (count < need)
        if not short.any():
            continue
        k = 0
        while k < n:
            if not short[k]:
                k += 1
                continue
            j = k
            while j + 1 < n and short[j + 1] and count[j + 1] == count[k] and \
                    starts[j + 1] == starts[j] + step:
                j += 1
            a = c.local(float(starts[k]))
            b = c.local(float(starts[j]) + step)
            have = int(count[k])
            c.add("min_staffing", None, a,
                  f"Wachtrij {q.name}: {have} medewerker(s) van {clock(a)} tot {clock(b)} op "
                  f"{_dn(a.date())}, minimaal {need} zolang open",
                  f"Queue {q.name}: {have} agent(s) from {clock(a)} to {clock(b)} on "
                  f"{_de(a.date())}, minimum {need} while open")
            k = j + 1


# --------------------------------------------------------------------------------------------
# reintegration
# --------------------------------------------------------------------------------------------


def _steps_by_shift(c: _Ctx, aid: str, shifts: list[_Sh]) -> list[ReintegrationStep | None]:
    plan = c.plans.get(aid, [])
    return [step_in_force(plan, sh.day) for sh in shifts] if plan else [None] * len(shifts)


def _first_day_step(c: _Ctx, aid: str, shifts: list[_Sh]) -> dict[int, ReintegrationStep | None]:
    """Per week: the step in force on the week's first working day."""
    plan = c.plans.get(aid, [])
    out: dict[int, ReintegrationStep | None] = {}
    for d in _working_days(shifts):
        w = c.week_of(d)
        if w not in out:
            out[w] = step_in_force(plan, d)
    return out


def _reint_hours(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    if not c.plans.get(aid):
        return
    per_day: dict[date, float] = defaultdict(float)
    for sh in shifts:
        per_day[sh.day] += sh.work
    plan = c.plans[aid]
    for d, minutes in sorted(per_day.items()):
        st = step_in_force(plan, d)
        if st is None or st.max_hours_day is None:
            continue
        cap = st.max_hours_day * 60
        if minutes > cap + EPS:
            c.add("reint_hours", aid, d,
                  f"Re-integratie: {duration_nl(minutes)} werk op {_dn(d)}, maximaal {duration_nl(cap)} per dag",
                  f"Reintegration: {duration_en(minutes)} of work on {_de(d)}, maximum {duration_en(cap)} a day")
    per_week = _work_per_week(c, shifts)
    for w, st in sorted(_first_day_step(c, aid, shifts).items()):
        if st is None or st.max_hours_week is None:
            continue
        cap = st.max_hours_week * 60
        if per_week[w] > cap + EPS:
            first = c.week(w).first
            c.add("reint_hours", aid, first,
                  f"Re-integratie: {duration_nl(per_week[w])} werk in de week van {_dn(first)}, "
                  f"maximaal {duration_nl(cap)} (stap vanaf {_dn(st.from_date)})",
                  f"Reintegration: {duration_en(per_week[w])} of work in the week of {_de(first)}, "
                  f"maximum {duration_en(cap)} (step from {_de(st.from_date)})")


def _reint_days(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    plan = c.plans.get(aid)
    if not plan:
        return
    days = _working_days(shifts)
    for d in days:
        st = step_in_force(plan, d)
        if st is not None and st.days is not None and d.weekday() not in st.days:
            allowed = ", ".join(date_nl(date(2024, 1, 1) + timedelta(days=i))[:2] for i in sorted(st.days))
            allowed_en = ", ".join(date_en(date(2024, 1, 1) + timedelta(days=i))[:3] for i in sorted(st.days))
            c.add("reint_days", aid, d,
                  f"Re-integratie: werken op {_dn(d)} niet toegestaan (alleen {allowed or '-'})",
                  f"Reintegration: working on {_de(d)} not allowed (only {allowed_en or '-'})")
    per_week: dict[int, int] = defaultdict(int)
    for d in days:
        per_week[c.week_of(d)] += 1
    for w, st in sorted(_first_day_step(c, aid, shifts).items()):
        if st is None or st.max_days_week is None:
            continue
        if per_week[w] > st.max_days_week:
            first = c.week(w).first
            c.add("reint_days", aid, first,
                  f"Re-integratie: {per_week[w]} werkdagen in de week van {_dn(first)}, "
                  f"maximaal {st.max_days_week}",
                  f"Reintegration: {per_week[w]} working days in the week of {_de(first)}, "
                  f"maximum {st.max_days_week}")
    for a, b in zip(days, days[1:], strict=False):
        st = step_in_force(plan, b)
        if st is None or st.min_rest_days_between is None:
            continue
        off = (b - a).days - 1
        if off < st.min_rest_days_between:
            c.add("reint_days", aid, b,
                  f"Re-integratie: {off} rustdag(en) tussen {_dn(a)} en {_dn(b)}, "
                  f"minimaal {st.min_rest_days_between}",
                  f"Reintegration: {off} rest day(s) between {_de(a)} and {_de(b)}, "
                  f"minimum {st.min_rest_days_between}")


def _reint_window(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    for sh, st in zip(shifts, _steps_by_shift(c, aid, shifts), strict=True):
        if st is None or st.window is None:
            continue
        ws, we = st.window
        if sh.t0 < c.at(sh.day, ws) - 1e-3 or sh.t1 > c.at(sh.day, we) + 1e-3:
            until = "24:00" if we == _END_OF_DAY else f"{we:%H:%M}"
            c.add("reint_window", aid, sh.ls,
                  f"Re-integratie: dienst {_dn(sh.day)} {sh.span()} valt buiten {ws:%H:%M}–{until}",
                  f"Reintegration: shift {_de(sh.day)} {sh.span()} lies outside {ws:%H:%M}–{until}")


def _reint_activities(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    for sh, st in zip(shifts, _steps_by_shift(c, aid, shifts), strict=True):
        if st is None or st.queues is None:
            continue
        bad = sorted({g.activity for g in sh.work_segs if g.activity not in st.queues})
        if bad:
            allowed = ", ".join(st.queues) or "-"
            c.add("reint_activities", aid, sh.ls,
                  f"Re-integratie: {', '.join(bad)} op {_dn(sh.day)}; toegestaan: {allowed}",
                  f"Reintegration: {', '.join(bad)} on {_de(sh.day)}; allowed: {allowed}")


def _reint_continuous(c: _Ctx, aid: str, shifts: list[_Sh]) -> None:
    for sh, st in zip(shifts, _steps_by_shift(c, aid, shifts), strict=True):
        if st is None or st.max_continuous_minutes is None:
            continue
        cap = st.max_continuous_minutes
        # stretches of work: consecutive work segments without a break (or gap) between them
        stretches: list[list[float]] = []
        for g in sh.work_segs:
            if stretches and abs(stretches[-1][1] - g.t0) < 1e-3:
                stretches[-1][1] = g.t1
            else:
                stretches.append([g.t0, g.t1])
        for a, b in stretches:
            length = (b - a) / 60
            if length > cap + EPS:
                la, lb = c.local(a), c.local(b)
                c.add("reint_continuous", aid, la,
                      f"Re-integratie: {duration_nl(length)} aaneengesloten werk van {clock(la)} tot "
                      f"{clock(lb)} op {_dn(sh.day)}, maximaal {duration_nl(cap)}",
                      f"Reintegration: {duration_en(length)} of continuous work from {clock(la)} to "
                      f"{clock(lb)} on {_de(sh.day)}, maximum {duration_en(cap)}")


# --------------------------------------------------------------------------------------------
# entry points
# --------------------------------------------------------------------------------------------

_PER_AGENT = (
    ("one_shift_per_day", _one_shift_per_day),
    ("segments_partition", _segments_partition),
    ("atw_shift_length", _atw_shift_length),
    ("atw_week_hours", _atw_week_hours),
    ("atw_avg_hours", _atw_avg_hours),
    ("atw_daily_rest", _atw_daily_rest),
    ("atw_weekly_rest", _atw_weekly_rest),
    ("atw_breaks", _atw_breaks),
    ("atw_night_rest", _atw_night_rest),
    ("atw_sundays", _atw_sundays),
    ("atw_youth", _atw_youth),
    ("contract_week_hours", _contract_week_hours),
    ("contract_days_per_week", _contract_days_per_week),
    ("contract_consecutive_days", _contract_consecutive_days),
    ("contract_days_off", _contract_days_off),
    ("contract_weekends", _contract_weekends),
    ("contract_total_minutes", _contract_total_minutes),
    ("contract_shift_types", _contract_shift_types),
    ("shift_sequence", _shift_sequence),
    ("shift_form", _shift_form),
    ("availability", _availability),
    ("leave", _leave),
    ("reint_hours", _reint_hours),
    ("reint_days", _reint_days),
    ("reint_window", _reint_window),
    ("reint_activities", _reint_activities),
    ("reint_continuous", _reint_continuous),
)

CHECKED_RULES: frozenset[str] = frozenset(
    [rid for rid, _ in _PER_AGENT] + ["skills", "atw_notice", "locked", "wish_must", "closed_queue",
                                      "min_staffing", "queue_block_length", "contract_over_hours"]
)


def _sort_key(v: Violation, tz: ZoneInfo) -> tuple[str, float, str]:
    when = v.when
    if when is None:
        t = -math.inf
    elif isinstance(when, datetime):
        t = (when if when.tzinfo else when.replace(tzinfo=tz)).timestamp()
    else:
        t = datetime.combine(when, time(0), tzinfo=tz).timestamp()
    return (v.agent_id or "", t, v.rule_id)


def check(roster: Roster, project: Project, *, reference: Roster | None = None,
          today: date | None = None) -> list[Violation]:
    """Every violation of the rule catalogue in ``roster``, sorted by agent, then time.

    ``reference`` is a previously published roster: its locked shifts must be kept, and shifts
    changed less than ``roster_notice_days`` after ``today`` (default: the current date in the
    planning time zone) are reported as ``atw_notice`` warnings. Rules listed in
    ``project.labour.disabled`` are skipped.
    """
    c = _Ctx(roster, project)
    enabled = project.labour.enabled
    queue_names = {q.name for q in project.queues}
    if project.forecast is not None:
        queue_names.update(q.name for q in project.forecast.queues)
    active = [(rid, fn) for rid, fn in _PER_AGENT if enabled(rid)]
    for aid in c.agent_ids:
        shifts = c.shifts.get(aid, [])
        for _rid, fn in active:
            fn(c, aid, shifts)
        if enabled("skills"):
            _skills(c, aid, shifts, queue_names)
    if enabled("wish_must"):
        _wish_must(c)
    if enabled("closed_queue"):
        _closed_queue(c)
    if enabled("min_staffing"):
        _min_staffing(c)
    if enabled("queue_block_length"):
        _queue_block_length(c, queue_names)
    if reference is not None:
        if enabled("locked"):
            _locked(c, reference)
        if enabled("atw_notice"):
            if today is None:
                today = datetime.now(c.tz).date()
            _atw_notice(c, reference, today)
    return sorted(c.out, key=lambda v: _sort_key(v, c.tz))


def summarise(violations: Iterable[Violation]) -> dict[str, int]:
    """Number of violations per rule id (only rules that occur), in catalogue order."""
    counts: dict[str, int] = defaultdict(int)
    for v in violations:
        counts[v.rule_id] += 1
    order = {rid: i for i, rid in enumerate(RULES_BY_ID)}
    return {rid: counts[rid] for rid in sorted(counts, key=lambda r: order.get(r, len(order)))}


def roster_is_legal(roster: Roster, project: Project, *, reference: Roster | None = None,
                    today: date | None = None) -> bool:
    """True when the roster breaks no rule of ERROR severity (warnings are allowed)."""
    return not any(v.severity == Severity.ERROR
                   for v in check(roster, project, reference=reference, today=today))
