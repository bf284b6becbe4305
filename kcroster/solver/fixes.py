"""The fix a planner would make for one member of a minimal conflict set, with its number.

Each search changes one setting of the agent's one-agent project step by step, from the
smallest change on, and keeps every other setting as it is: the fix it returns alone gives the
agent a legal schedule (the window widened to 15:30, contract hours lowered to 18, a fourth
working day). A wider window, a lower minimum or a higher cap only adds schedules, so the
searches bisect and then confirm the value they report. Legal rules, the youth rules and the
restrictions of a reintegration plan get no fix: they are not the planner's to change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from typing import Any

from kcroster.model import Project
from kcroster.solver.conflict_set import Fix, Oracle

NONE: frozenset[str] = frozenset()


def first_feasible(
    o: Oracle, values: Sequence[Any], apply: Callable[[Project, Any], None], tag: str
) -> Any | None:
    """The first of ``values`` (ordered from the smallest change) whose change alone makes the
    agent feasible; bisection, because each next value only adds schedules."""

    def ok(i: int) -> bool:
        v = values[i]
        return o.feasible(NONE, lambda q: apply(q, v), (tag, repr(v))) is True

    if not values or o.out_of_time() or not ok(len(values) - 1):
        return None
    lo, hi = 0, len(values) - 1  # values[hi] is feasible
    while lo < hi and not o.out_of_time():
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid + 1
    return values[hi] if ok(hi) else None


def _agent(attr: str) -> Callable[[Project, Any], None]:
    return lambda q, v: setattr(q.agents[0], attr, v)


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _clock(m: int) -> time:
    return time(m // 60, m % 60)


def window_fix(o: Oracle) -> Fix | None:
    """The smallest widening of the availability window: a later end or an earlier start,
    in steps of the interval; the smaller of the two (a later end on a tie)."""
    a, step = o.solo.agents[0], o.solo.horizon.interval_minutes
    found: list[tuple[int, int, Fix]] = []
    if a.latest_end is not None:
        ends = [_clock(m) for m in range(_minutes(a.latest_end) + step, 24 * 60, step)]
        v = first_feasible(o, ends, _agent("latest_end"), "latest_end")
        if v is not None:
            found.append((_minutes(v) - _minutes(a.latest_end), 0, Fix("agent.latest_end", v)))
    if a.earliest_start is not None:
        starts = [_clock(m) for m in range(_minutes(a.earliest_start) - step, -1, -step)]
        v = first_feasible(o, starts, _agent("earliest_start"), "earliest_start")
        if v is not None:
            found.append(
                (_minutes(a.earliest_start) - _minutes(v), 1, Fix("agent.earliest_start", v))
            )
    return min(found, key=lambda t: (t[0], t[1]))[2] if found else None


def hours_fix(o: Oracle) -> Fix | None:
    """Contract hours: lowered (the minimum cannot be met) or raised (the maximum is too low),
    in whole hours; an explicit minimum or maximum is changed itself."""
    a = o.solo.agents[0]

    def lower_min(q: Project) -> None:
        q.agents[0].min_hours = 0.0

    if o.feasible(NONE, lower_min, ("min_hours", "0")) is True:
        if a.min_hours is not None:
            vals = [float(h) for h in range(int(a.min_hours - 1e-9), -1, -1)]
            v = first_feasible(o, vals, _agent("min_hours"), "min_hours")
            return None if v is None else Fix("agent.min_hours", v)
        # a contract of 0 hours is no contract: not offered as a fix
        return _contract_fix(
            o, [float(h) for h in range(int(a.contract_hours - 1e-9), 0, -1)], "max_hours"
        )
    if a.max_hours is not None:
        vals = [float(h) for h in range(int(a.max_hours) + 1, 61)]
        v = first_feasible(o, vals, _agent("max_hours"), "max_hours")
        return None if v is None else Fix("agent.max_hours", v)
    return _contract_fix(o, [float(h) for h in range(int(a.contract_hours) + 1, 61)], "min_hours")


def _contract_fix(o: Oracle, vals: list[float], keep: str) -> Fix | None:
    """New contract hours, the first of ``vals`` that fits. Lowering the contract lowers its
    maximum too, so feasibility is not monotone in it (1 h allows at most 1 h 6 min, less than
    any shift): bisect with the other side kept at today's value (monotone), then confirm
    with the contract's own tolerance and step on a little where that fails."""
    a = o.solo.agents[0]
    kept = a.week_max_hours if keep == "max_hours" else a.week_min_hours
    explicit = getattr(a, keep) is not None

    def change(q: Project, v: float) -> None:
        q.agents[0].contract_hours = v
        if not explicit:
            setattr(q.agents[0], keep, kept)

    v = first_feasible(o, vals, change, f"contract_hours/{keep}")
    if v is None:
        return None
    for w in vals[vals.index(v) : vals.index(v) + 4]:
        if o.feasible(
            NONE, lambda q, w=w: setattr(q.agents[0], "contract_hours", w), ("contract_hours", w)
        ):
            return Fix("agent.contract_hours", w)
    return None


def _count_fix(o: Oracle, attr: str, up: bool, top: int) -> Fix | None:
    cur = getattr(o.solo.agents[0], attr)
    vals = list(range(cur + 1, top + 1)) if up else list(range(cur - 1, 0, -1))
    v = first_feasible(o, vals, _agent(attr), attr)
    return None if v is None else Fix(f"agent.{attr}", v)


def _add_one(o: Oracle, attr: str, options: list[str]) -> Fix | None:
    """Allow one more item (a shift type, a queue): the first that alone is enough."""
    cur = tuple(getattr(o.solo.agents[0], attr) or ())
    for name in options:
        if name in cur or o.out_of_time():
            continue
        new = (*cur, name)
        if (
            o.feasible(NONE, lambda q, new=new: setattr(q.agents[0], attr, new), (attr, new))
            is True
        ):
            return Fix(f"agent.{attr}", new)
    return None


def caps_fix(o: Oracle) -> Fix | None:
    """A cap per shift type raised: the first type whose smallest raise is enough."""
    caps = o.solo.agents[0].max_shifts_per_type
    for name, cap in caps.items():

        def raise_cap(q: Project, v: int, name=name) -> None:
            q.agents[0].max_shifts_per_type = {**q.agents[0].max_shifts_per_type, name: v}

        v = first_feasible(
            o, list(range(cap + 1, o.solo.horizon.days + 1)), raise_cap, f"cap:{name}"
        )
        if v is not None:
            return Fix("agent.max_shifts_per_type", {**caps, name: v})
    return None


def length_fix(o: Oracle, longest: bool) -> Fix | None:
    """The shift form's longest shift made longer (up to the legal maximum) or its
    shortest shift shorter, in the form's own length steps."""
    sr, lab = o.solo.shift_rules, o.solo.labour
    step = max(1, sr.length_step_minutes)
    if longest:
        attr = "max_length_minutes"
        vals = list(range(sr.max_length_minutes + step, int(lab.max_shift_hours * 60) + 1, step))
    else:
        attr = "min_length_minutes"
        vals = list(range(sr.min_length_minutes - step, o.solo.horizon.interval_minutes - 1, -step))
    v = first_feasible(o, vals, lambda q, v: setattr(q.shift_rules, attr, v), attr)
    return None if v is None else Fix(f"shift_rules.{attr}", v)


def leave_fix(o: Oracle, i: int) -> Fix | None:
    """Partial leave days made whole days: then they lower the contract minimum as well."""
    lv, tz = o.solo.leave[i], o.solo.horizon.tz
    start = datetime.combine(lv.start.astimezone(tz).date(), time(0), tzinfo=tz)
    end_local = lv.end.astimezone(tz)
    end = datetime.combine(end_local.date(), time(0), tzinfo=tz)
    if end < end_local:
        end += timedelta(days=1)
    if (start, end) == (lv.start, lv.end):
        return None

    def whole(q: Project) -> None:
        q.leave[i].start, q.leave[i].end = start, end

    return (
        Fix("leave.span", (start, end), i)
        if o.feasible(NONE, whole, ("leave", i)) is True
        else None
    )


def wish_fix(o: Oracle, i: int) -> Fix | None:
    def soft(q: Project) -> None:
        q.wishes[i].must = False

    return Fix("wish.must", False, i) if o.feasible(NONE, soft, ("wish", i)) is True else None


def find_fix(o: Oracle, key: str) -> Fix | None:
    """The fix for one member (None for the law, youth rules and reintegration restrictions)."""
    a, D = o.solo.agents[0], o.solo.horizon.days
    if key.startswith("leave:"):
        return leave_fix(o, int(key.split(":")[1]))
    if key.startswith("wish:"):
        return wish_fix(o, int(key.split(":")[1]))
    simple: dict[str, Callable[[], Fix | None]] = {
        "window": lambda: window_fix(o),
        "contract_hours": lambda: hours_fix(o),
        "days_per_week": lambda: _count_fix(o, "max_days_per_week", True, 7),
        "max_consecutive": lambda: _count_fix(o, "max_consecutive_days", True, D),
        "min_consecutive": lambda: _count_fix(o, "min_consecutive_days", False, 0),
        "min_days_off": lambda: _count_fix(o, "min_consecutive_days_off", False, 0),
        "weekends": lambda: _count_fix(o, "max_weekends", True, (D + 6) // 7 + 1),
        "type_caps": lambda: caps_fix(o),
        "allowed_types": lambda: _add_one(
            o, "allowed_shift_types", [t.name for t in o.solo.shift_rules.shift_types]
        ),
        "skills": lambda: _add_one(
            o, "skills", [q.name for q in o.solo.queues if q.name not in a.skills]
        ),
        "max_length": lambda: length_fix(o, True),
        "min_length": lambda: length_fix(o, False),
    }
    f = simple.get(key)
    return f() if f is not None else None
