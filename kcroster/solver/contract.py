"""Contract, operational and reintegration rules that link an agent's shifts across days:
week hours, days per week, consecutive working days and days off, weekends, hours over the
period, shift-type counts, forbidden sequences, reintegration hours/days.

Consecutive-run rules use exact clause encodings: for a maximum K every window of K+1 days holds
an off day; for a minimum m every pattern off–(work × L)–off with L < m (not touching the
horizon's edges) is forbidden by one clause, and symmetrically for days off.
"""

from __future__ import annotations

import math
import weakref
from collections import defaultdict
from datetime import date, time

import numpy as np

from kcroster.model import Agent, Project, step_in_force
from kcroster.rules.catalogue import week_min_contract_minutes
from kcroster.rules.over_contract import full_leave_dates, minutes_over, week_contract_limit
from kcroster.rules.text import date_nl
from kcroster.solver.builder import ModelBuilder

#: over-contract work is priced per started quarter of an hour (an integer count in the model)
OVER_CONTRACT_STEP = 15

# the open dates of a builder's project, computed once (:func:`week_min_max` runs per agent-week)
_OPEN_DATES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def full_leave_days(b: ModelBuilder, agent_id: str) -> set[int]:
    """Indices of the days fully covered by leave (they lower the weekly minimum and contract;
    :func:`kcroster.rules.over_contract.full_leave_dates` decides)."""
    return {b.hz.day_index(d) for d in full_leave_dates(b.p, agent_id)}


def open_dates(project: Project) -> dict[str, set[date]] | None:
    """Per queue of the forecast, the dates on which it takes work — the model's definition the
    checker's ``closed_queue`` uses too: the project queue's opening hours (closed or own hours
    on Dutch public holidays) where it has them, else the forecast's open mask, and any interval
    with volume. None without a forecast (then no day is known to be closed)."""
    fc = project.forecast
    if fc is None:
        return None
    hz = fc.horizon
    hours_of = {q.name: q.opening_hours for q in fc.queues}
    hours_of.update({q.name: q.opening_hours for q in project.queues if q.name in hours_of})
    minutes = hz.local_minute_of_day
    holidays: set[date] | None = None
    out: dict[str, set[date]] = {}
    for qi, q in enumerate(fc.queues):
        hours = hours_of[q.name]
        if hours is not None:
            if holidays is None:
                import holidays as table  # a declared dependency: no fallback (see candidates)

                nl = table.country_holidays("NL", years=sorted({d.year for d in hz.dates}))
                holidays = {d for d in hz.dates if d in nl}
            mask = np.zeros(hz.n_intervals, dtype=bool)
            for di, d in enumerate(hz.dates):
                sl = hz.day_slice(di)
                for a, z in hours.windows(d.weekday(), d in holidays):
                    lo = a.hour * 60 + a.minute
                    hi = 1440 if z >= time(23, 59) else z.hour * 60 + z.minute
                    mask[sl] |= (minutes[sl] >= lo) & (minutes[sl] < hi)
        elif fc.open_mask is not None:
            mask = np.asarray(fc.open_mask[qi], dtype=bool)
        else:
            mask = np.ones(hz.n_intervals, dtype=bool)
        mask = mask | (np.asarray(fc.volume[qi]) > 0)
        out[q.name] = {d for di, d in enumerate(hz.dates) if mask[hz.day_slice(di)].any()}
    return out


def contract_days(agent: Agent, dates: list[date], opened: dict[str, set[date]] | None) -> int:
    """The days of a *partial* week (``dates``: its days in the horizon) its contract minimum is
    pro-rated by: those on which one of the agent's queues is open (a queue the forecast does not
    know counts as open; without a forecast every day counts). A plan starting on a Saturday
    asked 2/7 of the week's hours of an agent whose queue is closed on Sunday and open only
    09:00–17:00 on Saturday: more than one shift there can hold, so no roster existed. The days
    outside the horizon belong to the neighbouring plans' rosters."""
    if opened is None:
        return len(dates)
    return sum(1 for d in dates if any(s not in opened or d in opened[s] for s in agent.skills))


def _opened(b: ModelBuilder) -> dict[str, set[date]] | None:
    if b not in _OPEN_DATES:
        _OPEN_DATES[b] = (open_dates(b.p),)
    return _OPEN_DATES[b][0]


def week_min_max(b: ModelBuilder, ai: int, days: list[int], leave_days: set[int]) -> tuple[int, int]:
    """Contract minimum (the catalogue's shared derivation; a partial week's is pro-rated by its
    :func:`contract_days`) and maximum of one week, minutes."""
    agent = b.agents[ai]
    plan = b.p.reintegration_plan(agent.id)
    reint = any(step_in_force(plan, b.hz.dates[d]) is not None for d in days) if plan else False
    counted = len(days) if len(days) >= 7 else contract_days(agent, [b.hz.dates[d] for d in days], _opened(b))
    mn = week_min_contract_minutes(agent, counted, sum(1 for d in days if d in leave_days), reint)
    mx = agent.week_max_hours * 60
    if len(days) < 7:
        mx = mx * len(days) / 7
    return mn, math.floor(mx)


def week_contract(b: ModelBuilder, ai: int, days: list[int], leave_days: set[int]) -> int | None:
    """The week's contract minutes, above which work is over contract, or None in a week that
    is not judged (:func:`kcroster.rules.over_contract.week_contract_limit` decides)."""
    dates = b.hz.dates
    return week_contract_limit(b.p, b.agents[ai], [dates[d] for d in days], {dates[d] for d in leave_days})


def partial_week_notes(project: Project) -> list[str]:
    """What the planner must know when the plan starts or ends inside a week: that week counts
    only its days in the plan, and its contract hours are pro-rated (:func:`contract_days`)."""
    hz = project.horizon
    if not project.labour.enabled("contract_week_hours"):
        return []
    weeks: dict[int, list[date]] = defaultdict(list)
    for day in hz.dates:
        weeks[hz.week_index(day)].append(day)
    ordered = [weeks[k] for k in sorted(weeks)]
    first, last = ordered[0], ordered[-1]
    starts_inside = first[0].weekday() != hz.week_start
    ends_inside = (last[-1].weekday() + 1) % 7 != hz.week_start
    said = []
    if starts_inside:
        said.append((f"begint op {date_nl(first[0])}", first))
    if ends_inside and (last is not first or not starts_inside):
        said.append((f"eindigt op {date_nl(last[-1])}", last))
    elif ends_inside:  # one week, cut at both ends
        said[0] = (f"begint op {date_nl(first[0])} en eindigt op {date_nl(last[-1])}", first)
    notes = []
    for what, days in said:
        n = len(days)
        notes.append(
            f"De planperiode {what}: week {days[0].isocalendar().week} telt {n} "
            f"{'dag' if n == 1 else 'dagen'}; contracturen naar rato (alleen de dagen waarop een "
            f"wachtrij van de medewerker open is tellen mee)."
        )
    return notes


def add(b: ModelBuilder) -> None:
    """Every agent's rules across days, rule family by rule family."""
    for ai, agent in enumerate(b.agents):
        plan = b.p.reintegration_plan(agent.id)
        _week_rules(b, ai, plan)
        w = [b.works(ai, d) for d in range(b.D)]
        _run_rules(b, ai, w)
        _weekend_rule(b, ai, w)
        _period_minutes(b, ai)
        _shift_type_rules(b, ai)
        if plan and b.p.labour.enabled("reint_days"):
            _reintegration_rest_days(b, ai, plan, w)


def _week_rules(b: ModelBuilder, ai: int, plan) -> None:
    """Per week: contract hours, days per week, and a reintegration step's hours and days."""
    m, lab, dates = b.model, b.p.labour, b.hz.dates
    agent = b.agents[ai]
    leave_days = full_leave_days(b, agent.id)
    for wi, days, _whole in b.weeks:
        label = f"week {dates[days[0]].isocalendar().week}"
        work = sum((b.work_minutes(ai, d) for d in days), start=0)
        nwork = sum((b.works(ai, d) for d in days), start=0)
        if lab.enabled("contract_week_hours"):
            mn, mx = week_min_max(b, ai, days, leave_days)
            if mn > 0:
                b.hard(m.add(work >= mn), "contract_week_hours", ai, label)
            b.hard(m.add(work <= mx), "contract_week_hours", ai, label)
            _over_contract(b, ai, wi, days, work, leave_days, mx)
        if agent.max_days_per_week is not None and lab.enabled("contract_days_per_week"):
            b.hard(m.add(nwork <= agent.max_days_per_week), "contract_days_per_week", ai, label)
        if plan:
            steps = [s for s in (step_in_force(plan, dates[d]) for d in days) if s is not None]
            hrs = [s.max_hours_week for s in steps if s.max_hours_week is not None]
            if hrs:
                b.hard(m.add(work <= math.floor(min(hrs) * 60)), "reint_hours", ai, label)
            mdw = [s.max_days_week for s in steps if s.max_days_week is not None]
            if mdw:
                b.hard(m.add(nwork <= min(mdw)), "reint_days", ai, label)


def _over_contract(b: ModelBuilder, ai: int, wi: int, days: list[int], work, leave_days: set[int],
                   most: int) -> None:
    """The cost of work above the week's contract hours (up to the maximum ``most`` it is
    allowed): ``Weights.over_contract`` per quarter of an hour begun. Without it agents sit at
    their maximum wherever a shift fills an over-staffed hour as well as a shorter one would."""
    weight = b.w8.over_contract
    contract = week_contract(b, ai, days, leave_days)
    if not weight or contract is None or most <= contract:
        return
    b.contract_minutes[(ai, wi)] = contract
    quarters = b.model.new_int_var(0, -(-(most - contract) // OVER_CONTRACT_STEP), f"over_contract[{ai},{wi}]")
    b.model.add(OVER_CONTRACT_STEP * quarters >= work - contract)
    b.penalise("over_contract", weight, quarters)


def over_contract_cost(b: ModelBuilder, minutes: dict[tuple[int, int], float]) -> int:
    """The over-contract cost of work ``minutes`` per (agent, week index), as the model counts it:
    each quarter of an hour begun of the minutes over contract
    (:func:`kcroster.rules.over_contract.minutes_over`)."""
    step = OVER_CONTRACT_STEP
    return b.w8.over_contract * sum(math.ceil(minutes_over(minutes.get(key, 0), c) / step - 1e-9)
                                    for key, c in b.contract_minutes.items())


def _run_rules(b: ModelBuilder, ai: int, w: list) -> None:
    """Consecutive working days (at most, at least) and consecutive days off (at least)."""
    m, lab, D = b.model, b.p.labour, b.D
    agent = b.agents[ai]
    if lab.enabled("contract_consecutive_days"):
        K = agent.max_consecutive_days
        if K is not None and K < D:
            for s in range(0, D - K):
                b.hard(m.add(sum(w[s:s + K + 1]) <= K), "contract_consecutive_days", ai,
                       b.hz.dates[s].isoformat())
        mn = agent.min_consecutive_days
        if mn is not None and mn > 1:
            _min_runs(b, ai, w, mn, work_runs=True, rule="contract_consecutive_days")
    if lab.enabled("contract_days_off"):
        mo = agent.min_consecutive_days_off
        if mo is not None and mo > 1:
            _min_runs(b, ai, w, mo, work_runs=False, rule="contract_days_off")


def _weekend_rule(b: ModelBuilder, ai: int, w: list) -> None:
    """At most ``max_weekends`` weekends worked: one flag per weekend (exact: worked or not)."""
    m, agent = b.model, b.agents[ai]
    if agent.max_weekends is None or not b.p.labour.enabled("contract_weekends"):
        return
    wk: dict[int, list] = defaultdict(list)
    for d, day in enumerate(b.hz.dates):
        if day.weekday() in (5, 6) and b.is_var(w[d]):
            wk[b.hz.week_index(day)].append(w[d])
    flags = []
    for i, lits in wk.items():
        f = m.new_bool_var(f"wkend{ai}_{i}")
        for lit in lits:
            m.add_implication(lit, f)
        m.add_bool_or([f.negated(), *lits])  # exact: f ⇔ some weekend day worked
        flags.append(f)
    if flags:
        b.hard(m.add(sum(flags) <= agent.max_weekends), "contract_weekends", ai, "")


def _period_minutes(b: ModelBuilder, ai: int) -> None:
    """The agent's minimum and maximum work minutes over the whole period."""
    m, agent = b.model, b.agents[ai]
    lo, hi = agent.min_minutes_total, agent.max_minutes_total
    if not b.p.labour.enabled("contract_total_minutes") or (lo is None and hi is None):
        return
    tot = sum((b.work_minutes(ai, d) for d in range(b.D)), start=0)
    if lo is not None:
        b.hard(m.add(tot >= lo), "contract_total_minutes", ai, "min")
    if hi is not None:
        b.hard(m.add(tot <= hi), "contract_total_minutes", ai, "max")


def _shift_type_rules(b: ModelBuilder, ai: int) -> None:
    """Caps per shift type over the period, and forbidden sequences of types on two days."""
    m, lab, D = b.model, b.p.labour, b.D
    if lab.enabled("contract_shift_types"):
        for tname, cap in b.agents[ai].max_shifts_per_type.items():
            lits = [x for d in range(D) for x in b.type_lits(ai, d, tname)]
            if lits and cap < len(lits):
                b.hard(m.add(sum(lits) <= cap), "contract_shift_types", ai, tname)
    if lab.enabled("shift_sequence"):
        groups = sequence_bicliques(b.p.shift_rules.forbidden_sequences)
        for d in range(D - 1):
            for before, after in groups:
                la = [x for t in before for x in b.type_lits(ai, d, t)]
                lb = [x for t in after for x in b.type_lits(ai, d + 1, t)]
                if la and lb:
                    b.hard(m.add(sum(la) + sum(lb) <= 1), "shift_sequence", ai,
                           b.hz.dates[d].isoformat())


def sequence_bicliques(pairs) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The forbidden sequences (a, b) grouped into bicliques (A, B): every type of A forbids
    every type of B on the next day, and every forbidden pair lies in some group.

    An agent works at most one shift a day, so "one of A today and one of B tomorrow" is one
    row Σ A-literals + Σ B-literals ≤ 1 — a clique of the conflict graph. One row per group
    instead of one per pair keeps the model small when the catalogue has many shift types
    (each sub-solve of the neighbourhood search presolves every row again), and a clique row
    is a tighter LP than the pair rows it replaces. Each type's set of forbidden successors B
    gives one group: A = every type that forbids all of B, B widened to all that A forbids."""
    follows: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        follows[a].add(b)
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], None] = {}
    for succ in sorted({tuple(sorted(f)) for f in follows.values()}):
        before = sorted(a for a, f in follows.items() if f.issuperset(succ))
        after = set.intersection(*(follows[a] for a in before))
        groups[(tuple(before), tuple(sorted(after)))] = None
    return list(groups)


def _reintegration_rest_days(b: ModelBuilder, ai: int, plan, w: list) -> None:
    """A reintegration step's rest days between working days."""
    m, D, dates = b.model, b.D, b.hz.dates
    for d in range(D):
        if not b.is_var(w[d]):
            continue
        st = step_in_force(plan, dates[d])
        r = st.min_rest_days_between if st is not None else None
        if not r:
            continue
        for j in range(1, r + 1):
            if d + j < D and b.is_var(w[d + j]):
                b.hard(m.add(w[d] + w[d + j] <= 1), "reint_days", ai, dates[d].isoformat())


def _min_runs(b: ModelBuilder, ai: int, w: list, mn: int, *, work_runs: bool, rule: str) -> None:
    """Forbid runs (of work, or of days off) shorter than ``mn`` that do not touch an edge."""
    m, D = b.model, b.D
    for L in range(1, mn):
        for s in range(1, D - L):  # run s..s+L-1, neighbours s-1 and s+L inside the horizon
            if s + L > D - 1:
                continue
            lits = []
            const_true = False
            # clause: neighbour(s-1) ∨ neighbour(s+L) ∨ some day inside breaks the run
            for d, want_in_run in [(s - 1, False), *[(d, True) for d in range(s, s + L)], (s + L, False)]:
                v = w[d]
                # day "in run" means worked (work_runs) or off (not work_runs)
                in_run_is_true = want_in_run == work_runs
                # literal that is true when the pattern is broken at day d
                if not b.is_var(v):
                    broken = (v == 1) != in_run_is_true  # constant
                    if broken:
                        const_true = True
                    continue
                lits.append(v.negated() if in_run_is_true else v)
            if const_true:
                continue
            b.hard(m.add_bool_or(lits), rule, ai, b.hz.dates[s].isoformat())

