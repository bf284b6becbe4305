"""Seeded synthetic contact-centre scenarios for tests and benchmarks (no real data).

``scenario(size, seed)`` builds a :class:`Project` plus a requirement matrix: queues with opening
hours, a daily double-peak demand shape, skill profiles, leave, wishes and reintegration plans.
Demand is scaled to the available capacity so the optimiser faces a realistic tight-but-feasible
problem.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

from kcroster.model import (
    Agent,
    Channel,
    Horizon,
    Leave,
    OpeningHours,
    Project,
    Queue,
    ReintegrationStep,
    ShiftRules,
    Wish,
    WishKind,
)


@dataclass(frozen=True)
class Size:
    agents: int
    weeks: int
    queues: tuple[str, ...]
    profiles: tuple[tuple[str, ...], ...]
    wishes_share: float = 0.5
    reintegration: int = 0
    leave_share: float = 0.1
    load: float = 0.92  # requirement as a share of what the agents can cover


SIZES = {
    "S": Size(25, 1, ("Telefonie", "Chat"), (("Telefonie",), ("Telefonie", "Chat"), ("Chat",)),
              wishes_share=0.4, reintegration=0, leave_share=0.08),
    "M": Size(120, 4, ("Telefonie", "Chat", "E-mail"),
              (("Telefonie",), ("Telefonie", "Chat"), ("Chat", "E-mail")), reintegration=3),
    "L": Size(400, 4, ("Telefonie", "Chat", "E-mail", "Zakelijk", "Retour"),
              (("Telefonie",), ("Telefonie", "Zakelijk"), ("Chat", "E-mail"), ("Telefonie", "Chat"),
               ("Retour", "E-mail"), ("Zakelijk",)), reintegration=6),
}

_HOURS = {  # weekday windows, Saturday window (None = closed)
    "Telefonie": ((8, 20), (9, 17)),
    "Chat": ((8, 21), (10, 16)),
    "E-mail": ((8, 18), None),
    "Zakelijk": ((8, 18), None),
    "Retour": ((9, 17), (9, 13)),
}


def _opening(name: str) -> OpeningHours:
    wk, sat = _HOURS.get(name, ((8, 18), None))
    weekly = {d: [(time(wk[0]), time(wk[1]))] for d in range(5)}
    if sat:
        weekly[5] = [(time(sat[0]), time(sat[1]))]
    return OpeningHours(weekly=weekly, holiday=None)


def scenario(size: str | Size = "S", seed: int = 1, start: date = date(2026, 3, 2),
             interval_minutes: int = 15) -> tuple[Project, np.ndarray]:
    sz = SIZES[size] if isinstance(size, str) else size
    rng = random.Random(seed)
    hz = Horizon(start, 7 * sz.weeks, interval_minutes)
    queues = [Queue(n, channel=Channel.CHAT if n == "Chat" else (Channel.EMAIL if n == "E-mail" else Channel.VOICE),
                    opening_hours=_opening(n)) for n in sz.queues]
    agents: list[Agent] = []
    for i in range(sz.agents):
        prof = sz.profiles[i % len(sz.profiles)]
        contract = rng.choice([24.0, 32.0, 36.0, 36.0, 36.0])
        agents.append(Agent(f"A{i + 1:03d}", f"Medewerker {i + 1}", contract_hours=contract, skills=prof,
                            max_days_per_week=5, max_consecutive_days=6))
    tz = hz.tz
    leave: list[Leave] = []
    for a in agents:
        if rng.random() < sz.leave_share:
            # one or two days, or a whole week (a leave block that leaves 1–2 workable days in a
            # week with a pro-rata minimum would be genuinely infeasible)
            if rng.random() < 0.3 and sz.weeks > 1:
                d0, n = 7 * rng.randrange(sz.weeks), 7
            else:
                d0, n = rng.randrange(hz.days), rng.choice([1, 2])
            s = datetime.combine(hz.dates[d0], time(0), tzinfo=tz)
            e = datetime.combine(hz.dates[min(hz.days - 1, d0 + n - 1)] + timedelta(days=1), time(0), tzinfo=tz)
            leave.append(Leave(a.id, s, e, "verlof"))
    reint: list[ReintegrationStep] = []
    for j in range(sz.reintegration):
        a = agents[-1 - j]
        a.min_hours = 0.0
        allowed = tuple(q for q in a.skills[-1:])
        reint.append(ReintegrationStep(a.id, hz.start - timedelta(days=30), max_hours_week=16 + 4 * j,
                                       max_hours_day=5, days=frozenset({0, 1, 2, 3, 4}), max_days_week=4,
                                       window=(time(9), time(16)), queues=allowed, productivity=0.6,
                                       max_continuous_minutes=120))
        reint.append(ReintegrationStep(a.id, hz.start + timedelta(days=14), max_hours_week=24 + 4 * j,
                                       max_hours_day=6, days=frozenset({0, 1, 2, 3, 4}), max_days_week=4,
                                       window=(time(9), time(16)), queues=allowed, productivity=0.8,
                                       max_continuous_minutes=120))
    # weeks in which an agent has leave: a mandatory day off on top of it could leave too few
    # workable days for the pro-rata contract minimum (seed 2 of S had two in one week)
    leave_weeks = {(lv.agent_id, (lv.start.date() - hz.start).days // 7) for lv in leave}
    leave_weeks |= {(lv.agent_id, ((lv.end - timedelta(seconds=1)).date() - hz.start).days // 7) for lv in leave}
    must_weeks: set[tuple[str, int]] = set()
    wishes: list[Wish] = []
    for a in agents:
        if rng.random() < sz.wishes_share:
            for _ in range(rng.randint(1, 3)):
                d = hz.dates[rng.randrange(hz.days)]
                kind = rng.choice([WishKind.OFF, WishKind.OFF, WishKind.EARLY, WishKind.LATE])
                weight = rng.randint(1, 3)
                must = rng.random() < 0.1 and kind == WishKind.OFF
                week = (a.id, (d - hz.start).days // 7)
                must = must and week not in leave_weeks and week not in must_weeks
                if must:
                    must_weeks.add(week)  # two mandatory days off in a week: same risk
                wishes.append(Wish(a.id, d, kind, weight=weight, must=must))
    # dedupe wishes per agent-day (a workbook has one cell per agent-day)
    seen: set = set()
    wishes = [w for w in wishes if not ((w.agent_id, w.day) in seen or seen.add((w.agent_id, w.day)))]
    project = Project(name=f"synthetisch-{sz.agents}", horizon=hz, queues=queues, agents=agents, leave=leave,
                      wishes=wishes, reintegration=reint,
                      shift_rules=ShiftRules(start_step_minutes=30, min_length_minutes=360, max_length_minutes=540,
                                             length_step_minutes=60))
    req = _requirement(project, sz, rng)
    return project, req


def _requirement(project: Project, sz: Size, rng: random.Random) -> np.ndarray:
    from kcroster.solver.candidates import queue_open_mask

    hz = project.horizon
    open_mask = queue_open_mask(project, None)
    minutes = hz.local_minute_of_day.astype(float)
    shape = np.exp(-((minutes - 10.5 * 60) / 110) ** 2) + 0.8 * np.exp(-((minutes - 15 * 60) / 130) ** 2) + 0.35
    nq = len(project.queues)
    weights = np.array([1.0 / (1 + 0.5 * i) for i in range(nq)])
    raw = np.zeros((nq, hz.n_intervals))
    for q in range(nq):
        noise = np.array([rng.uniform(0.9, 1.1) for _ in range(hz.n_intervals)])
        raw[q] = weights[q] * shape * noise * open_mask[q]
    # capacity in agent-intervals: contract hours minus breaks, minus leave, reintegration at low rate
    cap_hours = sum(a.contract_hours * sz.weeks for a in project.agents) * 0.93
    cap = cap_hours * 60 / hz.interval_minutes
    req = raw / raw.sum() * cap * sz.load
    return np.round(req, 1)
