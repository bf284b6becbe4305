"""Shift candidates per agent and day: every shift the agent may legally work that day on its own.

A candidate is one concrete shift (start interval, absolute length, optional named type) with its
break requirement. Everything that concerns a single shift in isolation is filtered here —
shift form, availability, leave, reintegration window/days/hours, youth limits, night-shift
length, skills vs opening hours — so the model only carries rules that link shifts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import numpy as np

from kcroster.model import Agent, Project, Shift, ShiftType, step_in_force
from kcroster.model.timegrid import local_time_exists
from kcroster.solver.breaks import (
    break_intervals,
    fixed_pattern,
    flex_window,
    required_break_minutes,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    day: int
    k0: int  # first interval (absolute index into the horizon)
    n: int  # length in intervals (absolute time)
    start_ts: int
    end_ts: int
    shift_type: str | None
    brk: int  # flexible break block length in intervals (0 = none)
    fixed_breaks: tuple[int, ...]  # break offsets for fixed patterns (reintegration)
    work_min: int
    night: bool
    rest_after_s: int  # required rest after this shift, seconds
    unpopular: bool = False
    locked: Shift | None = None

    def matches(self, shift: Shift) -> bool:
        """The same shift as a roster's: same start and end, and the same shift type where both
        name one (two types may share their times, e.g. every 08:00–16:00 type of a nurse
        rostering instance: matching on times alone put a night type's shift on a day type)."""
        return (self.start_ts == int(shift.start.timestamp()) and self.end_ts == int(shift.end.timestamp())
                and (shift.shift_type is None or self.shift_type is None or self.shift_type == shift.shift_type))


def queue_open_mask(project: Project, requirement: np.ndarray | None) -> np.ndarray:
    """open[q, k]: queue q takes work in interval k (opening hours, else forecast, else demand)."""
    hz = project.horizon
    nq, nk = len(project.queues), hz.n_intervals
    out = np.zeros((nq, nk), dtype=bool)
    holiday_days: set = set()
    if any(q.opening_hours is not None for q in project.queues):
        # no fallback: ``holidays`` is a declared dependency, and the checker and the forecast
        # importer read the same table unguarded. Treating holidays as ordinary days when it
        # fails would plan shifts on days a queue is closed (or miss its holiday hours), and the
        # checker — which fails the same way or not at all — would disagree with the solver.
        # A broken installation is an error to say, not a roster to guess
        import holidays

        nl = holidays.country_holidays("NL", years=sorted({d.year for d in hz.dates}))
        holiday_days = {d for d in hz.dates if d in nl}
    minutes = hz.local_minute_of_day
    for qi, q in enumerate(project.queues):
        if q.opening_hours is not None:
            for di, d in enumerate(hz.dates):
                sl = hz.day_slice(di)
                mins = minutes[sl]
                for a, b in q.opening_hours.windows(d.weekday(), d in holiday_days):
                    lo = a.hour * 60 + a.minute
                    hi = 1440 if b >= time(23, 59) else b.hour * 60 + b.minute
                    out[qi, sl] |= (mins >= lo) & (mins < hi)
        elif project.forecast is not None and qi < len(project.forecast.queues):
            out[qi] = np.asarray(project.forecast.open_mask[qi], dtype=bool)
        elif requirement is not None:
            out[qi] = requirement[qi] > 0
        else:
            out[qi] = True
    if requirement is not None:
        out |= requirement > 0  # demand outside stated hours still needs somebody
    return out


def agent_queues(project: Project, agent: Agent, day_index: int) -> tuple[str, ...]:
    """Queues the agent may serve on a day: skills, narrowed by the reintegration plan."""
    names = [q.name for q in project.queues]
    skills = [s for s in agent.skills if s in names]
    step = step_in_force(project.reintegration_plan(agent.id), project.horizon.dates[day_index])
    if step is not None and step.queues is not None:
        skills = [s for s in skills if s in step.queues]
    return tuple(sorted(skills, key=names.index))


class CandidateFactory:
    """Builds the candidate lists; one instance per solve (caches per-horizon data)."""

    def __init__(self, project: Project, requirement: np.ndarray | None, open_mask: np.ndarray) -> None:
        self.p = project
        self.req = requirement
        self.open = open_mask
        hz = project.horizon
        self.hz = hz
        self.iv = hz.interval_minutes
        self.ivs = hz.interval_seconds
        self.t0 = int(hz.starts_utc[0])
        self.nk = hz.n_intervals
        self.tz = hz.tz
        self.qindex = {q.name: i for i, q in enumerate(project.queues)}
        self.leave_by_agent: dict[str, list[tuple[int, int]]] = {}
        for lv in project.leave:
            self.leave_by_agent.setdefault(lv.agent_id, []).append((int(lv.start.timestamp()), int(lv.end.timestamp())))
        self._night_cache: dict[tuple[int, int], int] = {}
        self._late_night_cache: dict[tuple[int, int], bool] = {}

    # --- helpers ---------------------------------------------------------------------------
    def _local_minute(self, ts: int) -> int:
        k = (ts - self.t0) // self.ivs
        if 0 <= k < self.nk and int(self.hz.starts_utc[k]) == ts:
            return int(self.hz.local_minute_of_day[k])
        lt = datetime.fromtimestamp(ts, self.tz)
        return lt.hour * 60 + lt.minute

    def _night_minutes(self, start_ts: int, end_ts: int) -> int:
        key = (start_ts, end_ts)
        if key not in self._night_cache:
            lo, hi = self.p.labour.night_window
            total = 0
            for ts in range(start_ts, end_ts, self.ivs):
                m = self._local_minute(ts)
                if lo * 60 <= m < hi * 60:
                    total += self.iv
            self._night_cache[key] = total
        return self._night_cache[key]

    def _wall(self, day, at: time) -> int:
        return int(datetime.combine(day, at, tzinfo=self.tz).timestamp())

    # --- main ------------------------------------------------------------------------------
    def raw_shapes(self, di: int) -> list[tuple[int, int, str | None]]:
        """(start_ts, end_ts, type) for every shift shape of day ``di`` before agent filters."""
        p, hz = self.p, self.hz
        day = hz.dates[di]
        sr = p.shift_rules
        out: list[tuple[int, int, str | None]] = []
        if sr.use_templates:
            sl = hz.day_slice(di)
            mins = hz.local_minute_of_day[sl]
            lengths = list(range(sr.min_length_minutes, sr.max_length_minutes + 1, max(1, sr.length_step_minutes)))
            for off, m in enumerate(mins.tolist()):
                if m % sr.start_step_minutes:
                    continue
                k = sl.start + off
                st = int(hz.starts_utc[k])
                for length in lengths:
                    if length % self.iv:
                        continue
                    out.append((st, st + length * 60, None))
        for t in sr.shift_types:
            span = self._type_span(day, t)
            if span is not None:
                out.append((span[0], span[1], t.name))
        return out

    def _type_span(self, day, t: ShiftType) -> tuple[int, int] | None:
        if not local_time_exists(day, t.start, self.tz):
            return None
        st = self._wall(day, t.start)
        end_day = day + timedelta(days=1) if (t.end <= t.start) else day
        if not local_time_exists(end_day, t.end, self.tz):
            return None
        en = self._wall(end_day, t.end)
        if (st - self.t0) % self.ivs or en <= st:
            return None
        return st, en

    def for_agent_day(self, agent: Agent, di: int, shapes: list[tuple[int, int, str | None]]) -> list[Candidate]:
        """Candidates of one agent on day ``di``: a cached list per agent profile, minus leave."""
        day = self.hz.dates[di]
        step = step_in_force(self.p.reintegration_plan(agent.id), day)
        key = (di, agent_queues(self.p, agent, di), agent.earliest_start, agent.latest_end,
               None if step is None else id(step), agent.is_youth_on(day), agent.allowed_shift_types,
               frozenset(t for t, n in agent.max_shifts_per_type.items() if n == 0))
        cache = self.__dict__.setdefault("_profile_cache", {})
        if key not in cache:
            cache[key] = self._for_profile(agent, di, shapes)
        leaves = self.leave_by_agent.get(agent.id)
        if not leaves:
            return list(cache[key])
        return [c for c in cache[key] if not any(c.start_ts < b and a < c.end_ts for a, b in leaves)]

    def _for_profile(self, agent: Agent, di: int, shapes: list[tuple[int, int, str | None]]) -> list[Candidate]:
        """Every shape the agent's profile may work on day ``di`` as a candidate (leave aside)."""
        p, hz = self.p, self.hz
        day = hz.dates[di]
        step = step_in_force(p.reintegration_plan(agent.id), day)
        youth = agent.is_youth_on(day)
        if step is not None and step.days is not None and day.weekday() not in step.days:
            return []
        queues = agent_queues(p, agent, di)
        if self.req is not None:
            if not queues:
                return []
            qrows = [self.qindex[q] for q in queues]
            open_union = self.open[qrows].any(axis=0)
        else:
            open_union = None
        lo_av, hi_av = self._available(agent, day, step)
        types = {t.name: t for t in p.shift_rules.shift_types}
        out: list[Candidate] = []
        for st, en, tname in shapes:
            if not self._type_allowed(agent, tname):
                continue
            if lo_av is not None and st < lo_av:
                continue
            if hi_av is not None and en > hi_av:
                continue
            t = types.get(tname) if tname else None
            c = self._candidate(di, st, en, tname, step, youth, open_union,
                                unpopular=bool(t.unpopular) if t else False)
            if c is not None:
                out.append(c)
        return out

    def _available(self, agent: Agent, day, step) -> tuple[int | None, int | None]:
        """The agent's availability on ``day`` (earliest start, latest end; None: open),
        narrowed by a reintegration step's window."""
        lo_av = self._wall(day, agent.earliest_start) if agent.earliest_start else None
        hi_av = self._wall(day, agent.latest_end) if agent.latest_end else None
        if step is not None and step.window is not None:
            w0, w1 = self._wall(day, step.window[0]), self._wall(day, step.window[1])
            lo_av = w0 if lo_av is None else max(lo_av, w0)
            hi_av = w1 if hi_av is None else min(hi_av, w1)
        return lo_av, hi_av

    @staticmethod
    def _type_allowed(agent: Agent, tname: str | None) -> bool:
        """The agent may work a shift of type ``tname`` (None: a shift without a type)."""
        if tname is None:
            return agent.allowed_shift_types is None
        if agent.allowed_shift_types is not None and tname not in agent.allowed_shift_types:
            return False
        return agent.max_shifts_per_type.get(tname, 1) != 0

    def _candidate(self, di: int, st: int, en: int, tname: str | None, step, youth: bool,
                   open_union: np.ndarray | None, unpopular: bool) -> Candidate | None:
        """The shift [st, en) on day ``di`` with its breaks and the rest after it, or None when
        it breaks a rule of a single shift (grid, opening hours, youth nights, break room,
        length, a reintegration step's day hours)."""
        lab = self.p.labour
        if (st - self.t0) % self.ivs or (en - st) % self.ivs:
            return None
        k0 = (st - self.t0) // self.ivs
        n = (en - st) // self.ivs
        if not 0 <= k0 < self.nk:
            return None
        if open_union is not None:
            k1 = min(self.nk, k0 + n)
            if not open_union[k0:k1].all():
                return None
        dur = (en - st) // 60
        night_min = self._night_minutes(st, en)
        night = night_min > lab.night_min_hours_in_window * 60
        # night rest of young workers must include 23:00–06:00: keep them out of it
        if youth and lab.enabled("atw_youth") and self._overlaps_wall_night(st, en):
            return None
        need = required_break_minutes(dur, lab, youth)
        b = break_intervals(need, self.iv, lab)
        fixed: tuple[int, ...] = ()
        if step is not None and (step.max_continuous_minutes or step.extra_break_minutes):
            pat = fixed_pattern(n, b, step, self.iv)
            if pat is None:
                return None
            fixed, b = pat, 0
        elif b and not flex_window(n, b, self.iv):
            return None
        work = dur - (b + len(fixed)) * self.iv
        if lab.enabled("atw_shift_length"):
            if work > lab.max_shift_hours * 60 or (night and work > lab.max_night_shift_hours * 60):
                return None
        if youth and lab.enabled("atw_youth") and work > lab.youth_max_shift_hours * 60:
            return None
        if step is not None and step.max_hours_day is not None and work > step.max_hours_day * 60:
            return None
        return Candidate(di, int(k0), int(n), st, en, tname, b, fixed, int(work), night,
                         self._rest_after(st, en, night, youth), unpopular=unpopular)

    def _rest_after(self, st: int, en: int, night: bool, youth: bool) -> int:
        """Seconds of daily rest the shift [``st``, ``en``) needs before the next one."""
        lab = self.p.labour
        rest = 0
        if lab.enabled("atw_daily_rest"):
            rest = int(lab.min_daily_rest_hours * 3600)
        if youth and lab.enabled("atw_youth"):
            rest = max(rest, int(lab.youth_min_daily_rest_hours * 3600))
        if night and lab.enabled("atw_night_rest") and self._ends_after_late_night(st, en):
            rest = max(rest, int(lab.rest_after_late_night_hours * 3600))
        return rest

    def _ends_after_late_night(self, st: int, en: int) -> bool:
        """Whether a night shift ends after the late-night hour (ATW: 02:00) of the date of its
        night work, compared as instants, as the rule checker does: a night across the autumn
        clock change that ends at the second 02:00 ends an hour after the first one, and on the
        spring change 03:00 is the moment 02:00 would have been."""
        key = (st, en)
        if key not in self._late_night_cache:
            lo, hi = self.p.labour.night_window
            night_day = None
            for ts in range(st - (st - self.t0) % self.ivs, en, self.ivs):
                if lo * 60 <= self._local_minute(ts) < hi * 60:
                    night_day = datetime.fromtimestamp(ts, self.tz).date()
            late = time(int(self.p.labour.late_night_end_hour) % 24)
            self._late_night_cache[key] = night_day is not None and en > self._wall(night_day, late)
        return self._late_night_cache[key]

    def _overlaps_wall_night(self, st: int, en: int) -> bool:
        for ts in range(st, en, self.ivs):
            m = self._local_minute(ts)
            if m >= 23 * 60 or m < 6 * 60:
                return True
        return False

    def locked_candidate(self, agent: Agent, shift: Shift) -> Candidate:
        """A locked shift of the reference roster, kept exactly as published."""
        st, en = int(shift.start.timestamp()), int(shift.end.timestamp())
        di = self.hz.day_index(shift.day)
        k0 = (st - self.t0) // self.ivs
        n = max(1, math.ceil((en - st) / self.ivs))
        work = int(round(shift.work_minutes))
        night = self._night_minutes(st - (st - self.t0) % self.ivs, en) > self.p.labour.night_min_hours_in_window * 60
        lab = self.p.labour
        rest = int(lab.min_daily_rest_hours * 3600) if lab.enabled("atw_daily_rest") else 0
        return Candidate(di, int(k0), int(n), st, en, shift.shift_type, 0, (), work, night, rest, locked=shift)
