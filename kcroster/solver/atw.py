"""Arbeidstijdenwet rules that link shifts: week hours, averages, daily rest (incl. night rest),
weekly rest, night series, free Sundays and the weekly cap for young workers.

Rest rules use a threshold encoding instead of pairwise clauses: for every distinct start time s
of the later day, "some earlier shift whose end + rest > s" and "some later shift starting ≤ s"
may not both hold — one linear constraint per start time instead of one clause per pair.
"""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta

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
        for d in range(D - 1):
            for gap in (1, 2):
                if d + gap < D:
                    _rest_pairs(b, ai, d, d + gap, rule="atw_daily_rest")
        if lab.enabled("atw_night_rest"):
            _night_series(b, ai)
        if lab.enabled("atw_weekly_rest"):
            _weekly_rest(b, ai)
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


def _rest_pairs(b: ModelBuilder, ai: int, d1: int, d2: int, rule: str) -> None:
    """Shifts on d1 and d2 keep each candidate's required rest (and never overlap)."""
    c1, x1 = b.cands[ai][d1], b.x[ai][d1]
    c2, x2 = b.cands[ai][d2], b.x[ai][d2]
    if not c1 or not c2:
        return
    if max(c.end_ts + c.rest_after_s for c in c1) <= min(c.start_ts for c in c2):
        return
    starts = sorted({c.start_ts for c in c2})
    for s in starts:
        a = tuple(x for c, x in zip(c1, x1, strict=True) if c.end_ts + c.rest_after_s > s)
        if not a:
            continue
        bb = [x for c, x in zip(c2, x2, strict=True) if c.start_ts <= s]
        lab_rule = rule if any(c.rest_after_s and c.end_ts <= s for c in c1) else "one_shift_per_day"
        b.hard(b.model.add(sum(a) + sum(bb) <= 1), lab_rule, ai, b.hz.dates[d1].isoformat())


def _night_series(b: ModelBuilder, ai: int) -> None:
    lab, m, D = b.p.labour, b.model, b.D
    k = lab.night_series_length
    rest = int(lab.rest_after_night_series_hours * 3600)
    nights = []
    for d in range(D):
        lits = [x for c, x in zip(b.cands[ai][d], b.x[ai][d], strict=True) if c.night]
        nights.append(lits)
    for d in range(k - 1, D):
        if not all(nights[d - j] for j in range(k)):
            continue
        ends = [(c, x) for c, x in zip(b.cands[ai][d], b.x[ai][d], strict=True) if c.night]
        series = m.new_bool_var(f"nser{ai}_{d}")
        # series ⇐ nights on d-k+1..d
        m.add_bool_or([series, *[sum_not for sum_not in _night_off_lits(b, nights, d, k)]])
        for d2 in range(d + 1, min(D, d + 4)):
            cs2 = b.cands[ai][d2]
            for s in sorted({c.start_ts for c in cs2}):
                a = [x for c, x in ends if c.end_ts + rest > s]
                if not a:
                    continue
                bb = [x for c, x in zip(cs2, b.x[ai][d2], strict=True) if c.start_ts <= s]
                b.hard(m.add(series + sum(a) + sum(bb) <= 2), "atw_night_rest", ai, b.hz.dates[d].isoformat())


def _night_off_lits(b: ModelBuilder, nights: list[list], d: int, k: int) -> list:
    """Literals 'no night shift on day j' for the k days ending at d (helper vars)."""
    out = []
    for j in range(d - k + 1, d + 1):
        v = b.model.new_bool_var("")
        b.model.add(sum(nights[j]) == 0).only_enforce_if(v)
        b.model.add(sum(nights[j]) >= 1).only_enforce_if(v.negated())
        out.append(v)
    return out


def _weekly_rest(b: ModelBuilder, ai: int) -> None:
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
        choices = []
        for d in wdays:
            y = m.new_bool_var(f"wr{ai}_{wi}_{d}")
            if 0 <= d < D:
                wd = b.works(ai, d)
                if b.is_var(wd):
                    m.add_implication(y, wd.negated())
            choices.append(y)
            # rest starts at end of the shift on d-1 (clipped to ws) or, if d-1 off, no later
            # than max(ws, midnight of d-1)
            prev: list[tuple[int, object]] = []
            if 0 <= d - 1 < D:
                prev = [(max(ws, c.end_ts), x) for c, x in zip(b.cands[ai][d - 1], b.x[ai][d - 1], strict=True)]
            day_prev = start0 + timedelta(days=wi * 7 + (d - wdays[0]) - 1)
            base = max(ws, _midnight_ts(b, day_prev))
            off_prev = None
            if 0 <= d - 1 < D and b.is_var(b.works(ai, d - 1)):
                off_prev = b.works(ai, d - 1).negated()
            # later days inside the week: the first shift after d ends the rest
            latest = max([base, *[e for e, _x in prev]])
            later = [j for j in wdays if j > d]
            thresholds: list[tuple[int, list, list]] = []
            done = False
            for idx, j in enumerate(later):
                if not 0 <= j < D or done:
                    continue
                between = [b.works(ai, i) for i in later[:idx] if 0 <= i < D and b.is_var(b.works(ai, i))]
                for s in sorted({c.start_ts for c in b.cands[ai][j]}):
                    if s - need >= latest:
                        done = True
                        break
                    bb = [x for c, x in zip(b.cands[ai][j], b.x[ai][j], strict=True) if c.start_ts <= s]
                    thresholds.append((s, bb, between))
            if we - need < latest:
                thresholds.append((we, [], [b.works(ai, i) for i in later if 0 <= i < D and b.is_var(b.works(ai, i))]))
            label = f"week {(start0 + timedelta(days=wi * 7)).isocalendar().week}"
            for s, bb, between in thresholds:
                a = [x for e, x in prev if e > s - need]
                const = 0
                if base > s - need:
                    if off_prev is not None:
                        a.append(off_prev)
                    elif not prev:
                        const = 1  # d-1 certainly off (or outside) and the rest would still be short
                if not a and not const:
                    continue
                # y ∧ (short start) ∧ (this later shift is the first one) is forbidden
                if bb:
                    b.hard(m.add(y + sum(a) + const + sum(bb) - sum(between) <= 2), "atw_weekly_rest", ai, label)
                else:
                    b.hard(m.add(y + sum(a) + const - sum(between) <= 1), "atw_weekly_rest", ai, label)
        b.hard(m.add_bool_or(choices), "atw_weekly_rest", ai, f"week {(start0 + timedelta(days=wi * 7)).isocalendar().week}")
