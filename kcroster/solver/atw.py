"""Arbeidstijdenwet rules that link shifts: week hours, averages, daily rest (incl. night rest),
weekly rest, night series, free Sundays and the weekly cap for young workers.

Rest rules use a threshold encoding instead of pairwise clauses: for every distinct start time s
of the later day, "some earlier shift whose end + rest > s" and "some later shift starting ≤ s"
may not both hold — one linear constraint per start time instead of one clause per pair.
"""

from __future__ import annotations

import bisect
import math
from datetime import datetime, time, timedelta

from ortools.sat.python import cp_model

from kcroster.solver.builder import ModelBuilder


def add(b: ModelBuilder) -> None:
    lab, m, D, dates = b.p.labour, b.model, b.D, b.hz.dates
    whole_weeks = [days for _wi, days, whole in b.weeks if whole]
    for ai, agent in enumerate(b.agents):
        wm = [b.work_minutes(ai, d) for d in range(D)]
        for _wi, days, _whole in b.weeks:
            label = f"week {dates[days[0]].isocalendar().week}"
            total = sum((wm[d] for d in days), start=0)
            if lab.enabled("atw_week_hours"):
                cap = int(lab.max_week_hours * 60)
                if _max_possible(b, ai, days) > cap:
                    b.hard(m.add(total <= cap), "atw_week_hours", ai, label)
            if lab.enabled("atw_youth") and any(agent.is_youth_on(dates[d]) for d in days):
                b.hard(m.add(total <= int(lab.youth_max_week_hours * 60)), "atw_youth", ai, label)
        if lab.enabled("atw_avg_hours"):
            for span, avg in ((4, lab.max_avg_hours_4w), (16, lab.max_avg_hours_16w)):
                for i in range(0, len(whole_weeks) - span + 1):
                    days = [d for wk in whole_weeks[i:i + span] for d in wk]
                    cap = int(avg * 60 * span)
                    if _max_possible(b, ai, days) > cap:
                        b.hard(m.add(sum(wm[d] for d in days) <= cap), "atw_avg_hours", ai,
                               f"weken vanaf {dates[days[0]].isoformat()}")
        # daily rest, night rest, and never overlapping
        counts = _Counts(b, ai)
        for d in range(D - 1):
            for gap in (1, 2):
                if d + gap < D:
                    _rest_pairs(b, ai, d, d + gap, "atw_daily_rest", counts)
        if lab.enabled("atw_night_rest"):
            _night_series(b, ai, counts)
        if lab.enabled("atw_weekly_rest"):
            _weekly_rest(b, ai, counts)
        if lab.enabled("atw_sundays"):
            sundays = [d for d, day in enumerate(dates) if day.weekday() == 6]
            need = math.floor(lab.min_free_sundays_per_52w * len(sundays) / 52)
            if need > 0:
                worked = []
                for d in sundays:
                    lits = list(b.x[ai][d])
                    if d - 1 >= 0:  # a Saturday shift running into Sunday works on Sunday
                        lits += [x for c, x in zip(b.cands[ai][d - 1], b.x[ai][d - 1], strict=True)
                                 if c.end_ts > _midnight_ts(b, dates[d])]
                    if lits:
                        f = m.new_bool_var(f"sun{ai}_{d}")
                        for lit in lits:
                            m.add_implication(lit, f)
                        worked.append(f)
                if len(worked) > len(sundays) - need:
                    b.hard(m.add(sum(worked) <= len(sundays) - need), "atw_sundays", ai, "")


def _midnight_ts(b: ModelBuilder, day) -> int:
    return int(datetime.combine(day, time(0), tzinfo=b.hz.tz).timestamp())


def _max_possible(b: ModelBuilder, ai: int, days: list[int]) -> int:
    return sum(max((c.work_min for c in b.cands[ai][d]), default=0) for d in days)


class _Count:
    """How many of one agent-day's literals have a key ≤ t (or > t), as a short expression.

    At most one shift a day is worked, so every such count is 0 or 1. A rest rule has one row per
    start time of the later day, and each row counts the earlier day's shifts that end too late
    and the later day's shifts that start too early. Written out, a row holds a term per
    candidate, so the rule grows with candidates × start times (a 24/7 day of 48 starts × 6
    lengths put over a million terms into one agent's model). A ladder of prefix counts
    (``prefix[i]`` = literals with key ≤ the i-th distinct key, one Boolean each, exact in the LP)
    makes every row a few terms. The ladder is built only where it saves terms: it costs one term
    per literal plus two per distinct key, a written-out row half the literals on average, and a
    rule asks about as many rows as there are distinct keys.
    """

    def __init__(self, m, items: list[tuple[int, object]]) -> None:
        self.m = m
        self.items = sorted(items, key=lambda kv: kv[0])
        self.keys = sorted({k for k, _x in items})
        n, nk = len(self.items), len(self.keys)
        self.prefix: list | None = None
        if n and nk * n / 2 > n + 2 * nk:
            self._build()

    def _build(self) -> None:
        groups: dict[int, list] = {}
        for k, x in self.items:
            groups.setdefault(k, []).append(x)
        prefix: list = []
        for k in self.keys:
            v = self.m.new_bool_var("")
            self.m.add(v == (prefix[-1] if prefix else 0) + cp_model.LinearExpr.sum(groups[k]))
            prefix.append(v)
        self.prefix = prefix

    def __bool__(self) -> bool:
        return bool(self.items)

    def le(self, t: int):
        """Literals with key ≤ t (0 when none)."""
        if self.prefix is not None:
            i = bisect.bisect_right(self.keys, t)
            return self.prefix[i - 1] if i else 0
        lits = [x for k, x in self.items if k <= t]
        return cp_model.LinearExpr.sum(lits) if lits else 0

    def gt(self, t: int):
        """Literals with key > t (0 when none)."""
        if self.prefix is not None:
            i = bisect.bisect_right(self.keys, t)
            if i == len(self.keys):
                return 0
            return self.prefix[-1] - self.prefix[i - 1] if i else self.prefix[-1]
        lits = [x for k, x in self.items if k > t]
        return cp_model.LinearExpr.sum(lits) if lits else 0

    def any_gt(self, t: int) -> bool:
        return bool(self.keys) and self.keys[-1] > t

    def any_le(self, t: int) -> bool:
        return bool(self.keys) and self.keys[0] <= t


class _Counts:
    """The ladders of one agent, per day and kind, built once and shared by the rules."""

    def __init__(self, b: ModelBuilder, ai: int) -> None:
        self.b, self.ai = b, ai
        self._cache: dict[tuple[str, int], _Count] = {}

    def _get(self, kind: str, d: int, key) -> _Count:
        ck = (kind, d)
        if ck not in self._cache:
            b, ai = self.b, self.ai
            items = [] if not 0 <= d < b.D else [
                (key(c), x) for c, x in zip(b.cands[ai][d], b.x[ai][d], strict=True) if key(c) is not None]
            self._cache[ck] = _Count(b.model, items)
        return self._cache[ck]

    def starts(self, d: int) -> _Count:
        """Shifts of day d by start."""
        return self._get("start", d, lambda c: c.start_ts)

    def ends(self, d: int) -> _Count:
        """Shifts of day d by end."""
        return self._get("end", d, lambda c: c.end_ts)

    def rest_ends(self, d: int) -> _Count:
        """Shifts of day d by the end of the rest they require."""
        return self._get("rest", d, lambda c: c.end_ts + c.rest_after_s)

    def night_rest_ends(self, d: int, rest: int) -> _Count:
        """Night shifts of day d by their end plus ``rest``."""
        return self._get("night", d, lambda c: c.end_ts + rest if c.night else None)


def _rest_pairs(b: ModelBuilder, ai: int, d1: int, d2: int, rule: str, counts: _Counts) -> None:
    """Shifts on d1 and d2 keep each candidate's required rest (and never overlap)."""
    c1, c2 = b.cands[ai][d1], b.cands[ai][d2]
    if not c1 or not c2:
        return
    early = counts.rest_ends(d1)
    if not early.any_gt(min(c.start_ts for c in c2)):
        return
    late = counts.starts(d2)
    rest_from = min((c.end_ts for c in c1 if c.rest_after_s), default=None)
    for s in late.keys:
        if not early.any_gt(s):
            continue
        lab_rule = rule if rest_from is not None and rest_from <= s else "one_shift_per_day"
        b.hard(b.model.add(early.gt(s) + late.le(s) <= 1), lab_rule, ai, b.hz.dates[d1].isoformat())


def _night_series(b: ModelBuilder, ai: int, counts: _Counts) -> None:
    lab, m, D = b.p.labour, b.model, b.D
    k = lab.night_series_length
    rest = int(lab.rest_after_night_series_hours * 3600)
    nights = [counts.night_rest_ends(d, rest) for d in range(D)]
    worked = [None if not nights[d] else nights[d].gt(-1) for d in range(D)]  # a night shift on d
    for d in range(k - 1, D):
        if not all(nights[d - j] for j in range(k)):
            continue
        series = m.new_bool_var(f"nser{ai}_{d}")
        # series ⇐ nights on d-k+1..d
        m.add_bool_or([series, *_night_off_lits(b, worked, d, k)])
        ends = nights[d]
        for d2 in range(d + 1, min(D, d + 4)):
            late = counts.starts(d2)
            for s in late.keys:
                if not ends.any_gt(s):
                    continue
                b.hard(m.add(series + ends.gt(s) + late.le(s) <= 2), "atw_night_rest", ai, b.hz.dates[d].isoformat())


def _night_off_lits(b: ModelBuilder, worked: list, d: int, k: int) -> list:
    """Literals 'no night shift on day j' for the k days ending at d (helper vars)."""
    out = []
    for j in range(d - k + 1, d + 1):
        v = b.model.new_bool_var("")
        b.model.add(worked[j] == 0).only_enforce_if(v)
        b.model.add(worked[j] >= 1).only_enforce_if(v.negated())
        out.append(v)
    return out


def _weekly_rest(b: ModelBuilder, ai: int, counts: _Counts) -> None:
    """Each week holds ≥ 36 h rest inside it: one off day d is chosen whose surrounding rest,
    clipped to the week, is long enough (days outside the horizon count as rest)."""
    lab, m, D, hz = b.p.labour, b.model, b.D, b.hz
    need = int(lab.min_weekly_rest_hours * 3600)
    start0 = hz.start - timedelta(days=(hz.start.weekday() - hz.week_start) % 7)
    nweeks = (D + (hz.start - start0).days + 6) // 7
    for wi in range(nweeks):
        wdays = [(hz.start - start0).days * -1 + wi * 7 + j for j in range(7)]  # day indices (may be outside)
        ws = _midnight_ts(b, start0 + timedelta(days=wi * 7))
        we = _midnight_ts(b, start0 + timedelta(days=wi * 7 + 7))
        label = f"week {(start0 + timedelta(days=wi * 7)).isocalendar().week}"
        choices = []
        for d in wdays:
            y = m.new_bool_var(f"wr{ai}_{wi}_{d}")
            if 0 <= d < D:
                wd = b.works(ai, d)
                if b.is_var(wd):
                    m.add_implication(y, wd.negated())
            choices.append(y)
            _weekly_rest_from(b, ai, counts, y, d, wdays, ws, we, need, label)
        b.hard(m.add_bool_or(choices), "atw_weekly_rest", ai, label)


def _weekly_rest_from(b: ModelBuilder, ai: int, counts: _Counts, y, d: int, wdays: list[int], ws: int,
                      we: int, need: int, label: str) -> None:
    """With day d off (``y``): the rest from the end of the shift on d-1 (clipped to the week
    start ``ws``) to the first later shift in the week (or the week end) is ≥ ``need``."""
    m, D = b.model, b.D
    prev = counts.ends(d - 1)  # rest starts at the end of the shift on d-1, no earlier than ws
    day_prev = b.hz.start + timedelta(days=d - 1)
    base = max(ws, _midnight_ts(b, day_prev))
    off_prev = None
    if 0 <= d - 1 < D and b.is_var(b.works(ai, d - 1)):
        off_prev = b.works(ai, d - 1).negated()
    latest = max([base, *prev.keys])
    later = [j for j in wdays if j > d]
    thresholds: list[tuple[int, object, list]] = []  # (start, shifts on j starting ≤ it, days between)
    done = False
    for idx, j in enumerate(later):
        if not 0 <= j < D or done:
            continue
        between = [b.works(ai, i) for i in later[:idx] if 0 <= i < D and b.is_var(b.works(ai, i))]
        late = counts.starts(j)
        for s in late.keys:
            if s - need >= latest:
                done = True
                break
            thresholds.append((s, late.le(s), between))
    if we - need < latest:
        thresholds.append((we, 0, [b.works(ai, i) for i in later if 0 <= i < D and b.is_var(b.works(ai, i))]))
    for s, started, between in thresholds:
        # the shift on d-1 ends too late: it ends after s - need (every shift does when the week
        # starts after that)
        short = prev.gt(-1) if ws > s - need else prev.gt(s - need)
        const = 0
        if base > s - need:
            if off_prev is not None:
                short = short + off_prev
            elif not prev:
                const = 1  # d-1 certainly off (or outside) and the rest would still be short
        if isinstance(short, int) and not short and not const:
            continue
        # y ∧ (short start) ∧ (this later shift is the first one) is forbidden
        lhs = y + short + const - cp_model.LinearExpr.sum(between)
        if isinstance(started, int):
            b.hard(m.add(lhs <= 1), "atw_weekly_rest", ai, label)
        else:
            b.hard(m.add(lhs + started <= 2), "atw_weekly_rest", ai, label)
