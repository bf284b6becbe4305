"""The smallest set of a planner's own settings that leaves one agent without a legal schedule.

Every hard rule of the solver is per agent (coverage is soft), so an infeasible roster always
comes down to one agent whose settings contradict each other. Many of those settings never
reach the model as a constraint: the availability window, leave, the reintegration window and
days, the youth night ban, skills against opening hours and the shift form are filters in
:mod:`kcroster.solver.candidates` — a shift outside them simply does not exist. An assumption
literal cannot guard a shift that was never generated, so a core over the model's gates can
only name the rules that link shifts ("contract hours, days per week, week 20") and never the
window that caused it.

Here every setting is a way to *neutralise* it in a one-agent copy of the project (window
cleared, leave removed, a legal rule switched off, the maximum shift length raised to the
legal 12 h …); a test builds that agent's model with the solver's own code (candidates,
contract, ATW and wish rules) and asks CP-SAT whether a schedule exists. Deletion-based
minimisation (drop a setting; still infeasible → it was not needed), followed by a check that
dropping any one member of the result makes the agent feasible, gives a set that is truly
minimal. For each member a small search over the same model finds the fix a planner would make
(the smallest widening of the window, the largest contract hours that fit …), tested with all
other settings in place, so applying it alone makes the agent feasible. Finally the members'
rules are localised to weeks and days by the builder's gates in diagnose mode (assumption
literals with ``sufficient_assumptions_for_infeasibility``, then deletion).
"""

from __future__ import annotations

import copy
import dataclasses
import time as _time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from kcroster.model import Project, step_in_force
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.options import SolveOptions
from kcroster.solver.plan import CONFLICT_GATE_TEST_MAX_S, CONFLICT_TEST_MAX_S, CONFLICT_TEST_MIN_S

#: legal and project rules a conflict may name (relaxed by switching the rule off), in the
#: order deletion tries to drop them: the law last, so a conflict explained by the planner's own
#: settings is preferred over one that needs a legal rule as well
LEGAL_RULES = (
    "shift_sequence",
    "atw_sundays",
    "atw_avg_hours",
    "atw_week_hours",
    "atw_weekly_rest",
    "atw_night_rest",
    "atw_daily_rest",
    "atw_shift_length",
)

#: the rules of the builder's gates that localise each setting to weeks or days
RULES_OF = {
    "contract_hours": ("contract_week_hours",),
    "days_per_week": ("contract_days_per_week",),
    "max_consecutive": ("contract_consecutive_days",),
    "min_consecutive": ("contract_consecutive_days",),
    "min_days_off": ("contract_days_off",),
    "weekends": ("contract_weekends",),
    "total_minutes": ("contract_total_minutes",),
    "type_caps": ("contract_shift_types",),
    "youth": ("atw_youth",),
    "max_hours_week": ("reint_hours",),
    "max_days_week": ("reint_days",),
    "min_rest_days_between": ("reint_days",),
}


def rules_for(key: str) -> tuple[str, ...]:
    """The gate rules that belong to one setting (a reintegration field by its own name)."""
    if key in LEGAL_RULES:
        return (key,)
    if key.startswith("wish:"):
        return ("wish_must",)
    return RULES_OF.get(key.rsplit(":", 1)[-1], ())


@dataclass
class Fix:
    """A change to one setting that alone gives the agent a legal schedule.

    ``target`` names the field changed (``agent.latest_end``, ``agent.contract_hours``,
    ``wish.must`` …) and ``value`` its new value, so a test or a future "apply" button can make
    the change without parsing the sentence.
    """

    target: str
    value: Any
    index: int | None = None  # which leave/wish record, where the target is one


@dataclass
class Member:
    """One setting of a minimal conflict set, with the fix found for it (None: no fix the
    planner can make on their own, e.g. a legal rule or a reintegration restriction)."""

    key: str  # "window", "contract_hours", "leave:0", "wish:2", "reint:0:window", "atw_daily_rest"
    periods: list[str] = field(default_factory=list)  # gate periods: "week 20", "2027-05-17", ""
    fix: Fix | None = None


@dataclass
class AgentConflict:
    """Why one agent has no legal schedule: the minimal set, or ``frame`` when even with every
    setting neutralised no schedule exists (locked shifts, no shift form at all)."""

    agent_id: str
    members: list[Member]
    solo: Project  # the agent's one-agent project the set was computed on
    frame: bool = False
    complete: bool = True  # False when the time ran out before the set was proven minimal


@dataclass(eq=False)
class Setting:
    key: str
    relax: Callable[[Project], None]


# --- the one-agent project ---------------------------------------------------------------------


def solo_project(p: Project, agent_id: str) -> Project:
    """A copy of ``p`` with only this agent and its own leave, wishes and reintegration plan;
    everything a setting may change is copied, the forecast and horizon are shared."""
    return dataclasses.replace(
        p,
        agents=[copy.deepcopy(p.agent(agent_id))],
        leave=[copy.copy(lv) for lv in p.leave if lv.agent_id == agent_id],
        wishes=[copy.copy(w) for w in p.wishes if w.agent_id == agent_id],
        reintegration=[copy.copy(s) for s in p.reintegration if s.agent_id == agent_id],
        queues=copy.deepcopy(p.queues),
        shift_rules=copy.deepcopy(p.shift_rules),
        labour=copy.deepcopy(p.labour),
        sick_periods=[],
        scenarios=list(p.scenarios),
    )


def _copy_solo(p: Project) -> Project:
    """A fresh copy of a one-agent project for one test (settings are relaxed in place)."""
    return dataclasses.replace(
        p,
        agents=copy.deepcopy(p.agents),
        leave=[copy.copy(x) for x in p.leave],
        wishes=[copy.copy(x) for x in p.wishes],
        reintegration=[copy.copy(x) for x in p.reintegration],
        queues=copy.deepcopy(p.queues),
        shift_rules=copy.deepcopy(p.shift_rules),
        labour=copy.deepcopy(p.labour),
    )


def in_horizon_steps(p: Project) -> list[int]:
    """Indices (into ``p.reintegration``) of the steps in force on some day of the horizon."""
    out = []
    for d in p.horizon.dates:
        st = step_in_force(p.reintegration, d)
        if st is not None:
            i = next(j for j, s in enumerate(p.reintegration) if s is st)
            if i not in out:
                out.append(i)
    return out


REINT_FIELDS = (
    "window",
    "days",
    "max_hours_day",
    "max_hours_week",
    "max_days_week",
    "min_rest_days_between",
    "queues",
    "max_continuous_minutes",
)


def _set_agent(attr: str, value: Any) -> Callable[[Project], None]:
    def relax(p: Project) -> None:
        setattr(p.agents[0], attr, value)

    return relax


def _disable(rule_id: str) -> Callable[[Project], None]:
    def relax(p: Project) -> None:
        p.labour.disabled.add(rule_id)

    return relax


def _agent_settings(p: Project, with_req: bool) -> list[Setting]:
    """The agent's contract and availability settings that are set (None = not set)."""
    a, lab, sr = p.agents[0], p.labour, p.shift_rules
    out: list[Setting] = []

    def relax_window(q: Project) -> None:
        q.agents[0].earliest_start = q.agents[0].latest_end = None

    if a.earliest_start is not None or a.latest_end is not None:
        out.append(Setting("window", relax_window))
    if a.allowed_shift_types is not None:
        out.append(Setting("allowed_types", _set_agent("allowed_shift_types", None)))
    if a.max_shifts_per_type:
        out.append(Setting("type_caps", _set_agent("max_shifts_per_type", {})))
    if with_req:
        out.append(Setting("skills", lambda q: None))  # relaxed by building without requirement
    if sr.use_templates:
        step = max(1, sr.length_step_minutes)
        top = (
            sr.min_length_minutes
            + (int(lab.max_shift_hours * 60) - sr.min_length_minutes) // step * step
        )
        if top > sr.max_length_minutes:
            out.append(
                Setting(
                    "max_length",
                    lambda q, top=top: setattr(q.shift_rules, "max_length_minutes", top),
                )
            )
        low = (
            sr.min_length_minutes
            - (sr.min_length_minutes - p.horizon.interval_minutes) // step * step
        )
        if low < sr.min_length_minutes:
            out.append(
                Setting(
                    "min_length",
                    lambda q, low=low: setattr(q.shift_rules, "min_length_minutes", low),
                )
            )
    for attr, key, rule in (
        ("max_days_per_week", "days_per_week", "contract_days_per_week"),
        ("max_consecutive_days", "max_consecutive", "contract_consecutive_days"),
        ("min_consecutive_days", "min_consecutive", "contract_consecutive_days"),
        ("min_consecutive_days_off", "min_days_off", "contract_days_off"),
        ("max_weekends", "weekends", "contract_weekends"),
    ):
        if getattr(a, attr) is not None and lab.enabled(rule):
            out.append(Setting(key, _set_agent(attr, None)))
    if (a.min_minutes_total is not None or a.max_minutes_total is not None) and lab.enabled(
        "contract_total_minutes"
    ):
        out.append(Setting("total_minutes", _disable("contract_total_minutes")))
    if lab.enabled("contract_week_hours"):
        out.append(Setting("contract_hours", _disable("contract_week_hours")))
    return out


def settings_of(p: Project, with_req: bool) -> list[Setting]:
    """Every setting of the one-agent project that could take part in a conflict, in the order
    deletion tries to drop them: legal rules first dropped last (see :data:`LEGAL_RULES`)."""
    hz, lab = p.horizon, p.labour
    out: list[Setting] = []
    for i, w in enumerate(p.wishes):
        if w.must and hz.start <= w.day < hz.end:
            out.append(Setting(f"wish:{i}", lambda q, i=i: setattr(q.wishes[i], "must", False)))
    for i, lv in enumerate(p.leave):
        if lv.end.date() >= hz.start and lv.start.date() < hz.end:
            out.append(
                Setting(f"leave:{i}", lambda q, i=i: setattr(q.leave[i], "end", q.leave[i].start))
            )
    for i in in_horizon_steps(p):
        step = p.reintegration[i]
        for f in REINT_FIELDS:
            if getattr(step, f) is not None:
                out.append(
                    Setting(
                        f"reint:{i}:{f}", lambda q, i=i, f=f: setattr(q.reintegration[i], f, None)
                    )
                )
        if step.extra_break_minutes:
            out.append(
                Setting(
                    f"reint:{i}:extra_break_minutes",
                    lambda q, i=i: setattr(q.reintegration[i], "extra_break_minutes", 0),
                )
            )
    out.extend(_agent_settings(p, with_req))
    if lab.enabled("atw_youth") and any(p.agents[0].is_youth_on(d) for d in hz.dates):
        out.append(Setting("youth", _disable("atw_youth")))
    for rid in LEGAL_RULES:
        if not lab.enabled(rid) or (
            rid == "shift_sequence" and not p.shift_rules.forbidden_sequences
        ):
            continue
        out.append(Setting(rid, _disable(rid)))
    return out


# --- the feasibility test ----------------------------------------------------------------------


class Oracle:
    """Builds and solves one agent's model for a set of dropped settings (memoised)."""

    def __init__(
        self, solo: Project, req: np.ndarray | None, opts: SolveOptions, deadline: float
    ) -> None:
        self.solo, self.req, self.opts, self.deadline = solo, req, opts, deadline
        self.settings = settings_of(solo, req is not None)
        self.by_key = {s.key: s for s in self.settings}
        self.cache: dict[tuple, bool | None] = {}
        self.tests = 0

    def project(
        self, dropped: frozenset[str], change: Callable[[Project], None] | None = None
    ) -> Project:
        """The one-agent project with the ``dropped`` settings neutralised and ``change`` made."""
        q = _copy_solo(self.solo)
        for s in self.settings:
            if s.key in dropped:
                s.relax(q)
        if change is not None:
            change(q)
        return q

    def out_of_time(self) -> bool:
        return _time.perf_counter() >= self.deadline

    def feasible(
        self,
        dropped: frozenset[str],
        change: Callable[[Project], None] | None = None,
        change_key: tuple = (),
    ) -> bool | None:
        """True/False, or None when CP-SAT did not decide in the time left."""
        key = (dropped, change_key)
        if key in self.cache:
            return self.cache[key]
        q = self.project(dropped, change)
        req = None if "skills" in dropped else self.req
        b = ModelBuilder(q, req, self.opts, mode=ModelBuilder.STRICT)
        b.build_variables()
        _add_rules(b)
        sol = cp_model.CpSolver()
        sol.parameters.num_workers = 1
        sol.parameters.random_seed = 1
        sol.parameters.max_time_in_seconds = max(
            CONFLICT_TEST_MIN_S, min(CONFLICT_TEST_MAX_S, self.deadline - _time.perf_counter())
        )
        st = sol.solve(b.model)
        self.tests += 1
        out = (
            True
            if st in (cp_model.OPTIMAL, cp_model.FEASIBLE)
            else False
            if st == cp_model.INFEASIBLE
            else None
        )
        self.cache[key] = out
        return out


def _add_rules(b: ModelBuilder) -> None:
    from kcroster.solver.warmstart import add_rules

    add_rules(b)


def minimal_set(o: Oracle) -> tuple[list[str], bool]:
    """Deletion over the settings, then a check that each member is needed (dropping a leave
    record raises the contract minimum again, so dropping is not always a relaxation and one
    pass alone does not prove minimality). Returns (keys, proven minimal)."""
    keys = [s.key for s in o.settings]
    kept = list(keys)
    legal = [k for k in keys if k in LEGAL_RULES]
    if legal and o.feasible(frozenset(legal)) is False:  # the law all at once: one test, not eight
        kept = [k for k in keys if k not in legal]
    for k in list(kept):
        if o.out_of_time():
            return kept, False
        trial = [x for x in kept if x != k]
        if o.feasible(frozenset(keys) - set(trial)) is False:
            kept = trial
    changed = True
    while changed:
        changed = False
        for k in list(kept):
            if o.out_of_time():
                return kept, False
            trial = [x for x in kept if x != k]
            if o.feasible(frozenset(keys) - set(trial)) is False:
                kept, changed = trial, True
                break
    return kept, True


def conflict_for(
    p: Project,
    req: np.ndarray | None,
    opts: SolveOptions,
    agent_id: str,
    time_limit_s: float = 20.0,
) -> AgentConflict | None:
    """The minimal conflict set of one agent, with fixes and periods; None when the agent has
    a legal schedule after all."""
    from kcroster.solver.fixes import find_fix

    o = Oracle(solo_project(p, agent_id), req, opts, _time.perf_counter() + time_limit_s)
    if o.feasible(frozenset()) is not False:
        return None
    everything = frozenset(s.key for s in o.settings)
    if o.feasible(everything) is False:
        return AgentConflict(agent_id, [], o.solo, frame=True)
    keys, proven = minimal_set(o)
    members = [Member(k) for k in keys]
    periods = localise(o, keys)
    for m in members:
        m.periods = periods.get(m.key, [])
        if not o.out_of_time():
            m.fix = find_fix(o, m.key)
    return AgentConflict(agent_id, members, o.solo, complete=proven)


def localise(o: Oracle, keys: list[str]) -> dict[str, list[str]]:
    """The weeks and days of the members' rules: the one-agent model with only the set's
    settings, its gates as assumptions, CP-SAT's sufficient assumptions shrunk by deletion."""
    dropped = frozenset(s.key for s in o.settings) - set(keys)
    q = o.project(dropped)
    b = ModelBuilder(q, None if "skills" in dropped else o.req, o.opts, mode=ModelBuilder.DIAGNOSE)
    b.build_variables()
    _add_rules(b)
    wanted = {r for k in keys for r in rules_for(k)}
    gates = [(g, lit) for g, lit in b.gates.items() if g.rule in wanted]
    others = [lit for g, lit in b.gates.items() if g.rule not in wanted]
    core = gate_core(b, gates, others, o)
    rule_of = {lit.index: g for g, lit in gates}
    out: dict[str, list[str]] = {}
    for k in keys:
        day = o.solo.wishes[int(k.split(":")[1])].day.isoformat() if k.startswith("wish:") else None
        for lit in core:
            g = rule_of[lit.index]
            if (
                g.rule in rules_for(k)
                and day in (None, g.period)
                and g.period not in out.get(k, [])
            ):
                out.setdefault(k, []).append(g.period)
    return out


def gate_core(b: ModelBuilder, gates: list, fixed: list, o: Oracle) -> list:
    """The gate literals of ``gates`` ((gate, literal) pairs) that conflict with ``fixed`` on:
    every period that conflicts on its own, else a minimal infeasible subset by deletion. Each
    test fixes its literals to true in a copy of the model instead of passing them as
    assumptions: assumptions switch off most of CP-SAT's presolve, and a proof that
    takes it milliseconds with fixed literals did not end in half a minute with assumptions."""

    lits = [lit for _g, lit in gates]

    def infeasible(subset: list) -> bool:
        m = b.model.clone()
        for lit in [*subset, *fixed]:
            m.add(m.get_bool_var_from_proto_index(lit.index) == 1)
        sol = cp_model.CpSolver()
        sol.parameters.num_workers = 1
        left = o.deadline - _time.perf_counter()
        sol.parameters.max_time_in_seconds = max(CONFLICT_TEST_MIN_S, min(CONFLICT_GATE_TEST_MAX_S, left))
        return sol.solve(m) == cp_model.INFEASIBLE

    if not lits or not infeasible(lits):
        return []
    by_period: dict[str, list] = {}
    for g, lit in gates:
        by_period.setdefault(g.period, []).append(lit)
    alone = [x for ps in by_period.values() if len(by_period) > 1 and infeasible(ps) for x in ps]
    if alone:  # every week (day) that conflicts on its own, not just one of them
        return alone
    core = list(lits)
    i = 0
    while i < len(core) and not o.out_of_time():
        trial = core[:i] + core[i + 1 :]
        if trial and infeasible(trial):
            core = trial
        else:
            i += 1
    return core


def week_days(hz_dates: list[date], week: int) -> tuple[date, date]:
    """The Monday and Sunday of ISO week ``week`` as it falls in (or next to) the horizon."""
    for d in hz_dates:
        if d.isocalendar().week == week:
            mon = d - timedelta(days=d.weekday())
            return mon, mon + timedelta(days=6)
    d = hz_dates[0]
    mon = date.fromisocalendar(d.isocalendar().year, week, 1)
    return mon, mon + timedelta(days=6)
