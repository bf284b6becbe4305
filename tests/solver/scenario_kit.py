"""Seeded synthetic contact-centre scenarios for tests and benchmarks (no real data).

``scenario(size, seed)`` builds a :class:`Project` plus a requirement matrix: queues with opening
hours, a daily double-peak demand shape, skill profiles, leave, wishes and reintegration plans.
Demand is scaled to the available capacity so the optimiser faces a realistic tight-but-feasible
problem.

Test code, not product: the solver tests import it as a sibling (pytest puts ``tests/solver`` on
``sys.path``), the KPI test and the benchmarks under ``tests/benchmarks`` insert that folder
themselves.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from kcroster.model import (
    Agent,
    Channel,
    Forecast,
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


#: seconds per contact of :func:`with_forecast` by channel (voice, chat, e-mail)
AHT_SECONDS = {Channel.VOICE: 300.0, Channel.CHAT: 420.0, Channel.EMAIL: 480.0}


def with_forecast(project: Project, req: np.ndarray, occupancy: float = 0.85) -> Project:
    """``project`` with a :class:`Forecast` from which a requirement like ``req`` follows: the
    contacts of each open interval are the workload of ``req`` agents at ``occupancy`` (Erlang
    = agents × occupancy; contacts = Erlang × interval seconds ÷ AHT). The bench scenarios come
    with a requirement only; the planner-facing figures (service level, ASA, occupancy) need
    volumes and handling times, so the KPI tests plan bench M through this. Callers wait two
    minutes before they hang up (Erlang A: a reachability to show); e-mail does not hang up."""
    hz = project.horizon
    queues = [q if q.channel == Channel.EMAIL else replace(q, patience_seconds=120.0) for q in project.queues]
    aht = np.array([[AHT_SECONDS[q.channel]] * hz.n_intervals for q in queues])
    volume = np.round(np.asarray(req, dtype=float) * occupancy * hz.interval_seconds / aht, 1)
    return replace(project, queues=queues, forecast=Forecast(hz, queues, volume, aht, open_mask=volume > 0))


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


# --- the scenario zoo: centres of other shapes -----------------------------------------------

@dataclass(frozen=True)
class Shape:
    """One kind of contact centre for the scenario zoo: what differs from the S/M/L family.

    ``hours`` maps a queue to its weekday window, Saturday and Sunday windows ((0, 24): around
    the clock; None: closed). ``skill_sets`` are the agents' skill profiles, drawn in turn;
    ``night_agents`` agents additionally get the first 24/7 queue (a night team).
    """

    agents: int
    weeks: int
    start: date
    hours: tuple[tuple[str, tuple[int, int] | None, tuple[int, int] | None, tuple[int, int] | None], ...]
    skill_sets: tuple[tuple[str, ...], ...]
    interval_minutes: int = 15
    night_agents: int = 0
    students: int = 0  # evening-only availability (16:00 onwards), 12–16 h a week
    part_time_share: float = 0.2  # agents on 12–24 h contracts
    youth: int = 0  # agents aged 16 or 17
    reintegration: int = 0
    leave_share: float = 0.1  # agents with some leave
    leave_weeks: int = 0  # agents who take a whole week (a summer peak: many)
    wishes: int = 20
    must_share: float = 0.1
    load: float = 0.9


_WEEKDAY = (8, 20)
_ZOO: dict[str, Shape] = {
    "nacht_24_7": Shape(40, 4, date(2026, 10, 5),
                        (("Telefonie", (7, 24), (7, 24), (7, 24)), ("Storingen", (0, 24), (0, 24), (0, 24)),
                         ("E-mail", (8, 17), None, None)),
                        (("Telefonie",), ("Telefonie", "E-mail"), ("E-mail",)), night_agents=10, youth=1,
                        reintegration=2, leave_weeks=4, wishes=60),
    "zomertijd_start": Shape(30, 2, date(2027, 3, 22),
                             (("Telefonie", (8, 21), (9, 17), None), ("Storingen", (0, 24), (0, 24), (0, 24))),
                             (("Telefonie",),), night_agents=8, wishes=20),
    "studenten_avond": Shape(35, 2, date(2026, 9, 7),
                             (("Telefonie", (8, 22), (9, 18), (12, 18)), ("Chat", (9, 22), (10, 16), None)),
                             (("Telefonie",), ("Telefonie", "Chat")), students=12, wishes=25),
    "deeltijd": Shape(50, 2, date(2026, 5, 4),
                      (("Telefonie", _WEEKDAY, (9, 17), None), ("Chat", (8, 21), None, None)),
                      (("Telefonie",), ("Chat",), ("Telefonie", "Chat")), part_time_share=0.8, wishes=30),
    "gescheiden_teams": Shape(45, 2, date(2026, 6, 1),
                              (("Particulier", _WEEKDAY, (9, 17), None), ("Zakelijk", (8, 18), None, None),
                               ("Chat", (8, 21), (10, 16), None), ("E-mail", (8, 18), None, None)),
                              (("Particulier",), ("Zakelijk",), ("Chat", "E-mail"), ("Zakelijk", "E-mail")),
                              wishes=30),
    "zomerpiek": Shape(40, 4, date(2026, 7, 6),
                       (("Telefonie", _WEEKDAY, (9, 17), None), ("Chat", (8, 21), (10, 16), None)),
                       (("Telefonie",), ("Telefonie", "Chat")), leave_share=0.5, leave_weeks=14, wishes=30,
                       load=0.8),
    "jongeren": Shape(30, 2, date(2026, 4, 13),
                      (("Telefonie", _WEEKDAY, (9, 17), None), ("Chat", (8, 22), (10, 16), None)),
                      (("Telefonie",), ("Telefonie", "Chat")), youth=8, wishes=20),
    "re_integratie": Shape(30, 4, date(2026, 2, 2),
                           (("Telefonie", _WEEKDAY, (9, 17), None), ("E-mail", (8, 18), None, None)),
                           (("Telefonie",), ("Telefonie", "E-mail")), reintegration=6, wishes=20),
    "veel_moetwensen": Shape(30, 2, date(2026, 11, 9),
                             (("Telefonie", _WEEKDAY, (9, 17), None), ("Chat", (8, 21), None, None)),
                             (("Telefonie",), ("Telefonie", "Chat")), wishes=60, must_share=0.6),
    "halfuur": Shape(35, 2, date(2026, 1, 12),
                     (("Telefonie", _WEEKDAY, (9, 17), None), ("Chat", (8, 21), (10, 16), None)),
                     (("Telefonie",), ("Telefonie", "Chat")), interval_minutes=30, wishes=25),
    "een_week": Shape(25, 1, date(2026, 3, 9),
                      (("Telefonie", _WEEKDAY, (9, 17), None), ("Chat", (8, 21), None, None)),
                      (("Telefonie",), ("Telefonie", "Chat")), wishes=15),
    "acht_weken": Shape(30, 8, date(2026, 8, 31),
                        (("Telefonie", _WEEKDAY, (9, 17), None), ("Chat", (8, 21), None, None)),
                        (("Telefonie",), ("Telefonie", "Chat")), wishes=40, leave_weeks=3),
    "groot_800": Shape(800, 2, date(2026, 3, 2),
                       (("Telefonie", _WEEKDAY, (9, 17), None), ("Chat", (8, 21), (10, 16), None),
                        ("E-mail", (8, 18), None, None), ("Zakelijk", (8, 18), None, None)),
                       (("Telefonie",), ("Telefonie", "Chat"), ("Chat", "E-mail"), ("Zakelijk",)),
                       reintegration=10, wishes=300, youth=4),
}

#: the zoo's scenario names, in their benchmark order
ZOO = tuple(_ZOO)


def zoo_shape(name: str) -> Shape:
    return _ZOO[name]


def zoo_scenario(name: str | Shape, seed: int = 1, agents: int | None = None,
                 weeks: int | None = None) -> tuple[Project, np.ndarray]:
    """A project and requirement of the zoo scenario ``name`` (``agents``/``weeks`` shrink it:
    the small size of the tests keeps its shape: queues, nights, DST, students …). A shorter
    horizon starts on the Monday of the week with the clock change, where the full one has one."""
    sh = _ZOO[name] if isinstance(name, str) else name
    if agents is not None or weeks is not None:
        n = agents or sh.agents
        ratio = n / sh.agents

        def part(v: int) -> int:
            return min(v, max(1 if v else 0, round(v * ratio)))

        start = sh.start
        if weeks is not None and weeks < sh.weeks:
            start = _clock_change_monday(sh.start, sh.weeks) or sh.start
        sh = replace(sh, agents=n, weeks=weeks or sh.weeks, start=start,
                     night_agents=part(sh.night_agents),
                     students=part(sh.students), youth=part(sh.youth),
                     reintegration=part(sh.reintegration), leave_weeks=part(sh.leave_weeks),
                     wishes=part(sh.wishes))
    rng = random.Random(seed)
    hz = Horizon(sh.start, 7 * sh.weeks, sh.interval_minutes)
    queues = [Queue(q, channel=_channel(q), opening_hours=_zoo_opening(wk, sat, sun))
              for q, wk, sat, sun in sh.hours]
    night_q = next((q for q, wk, sat, sun in sh.hours if wk == (0, 24)), None)
    agents = _zoo_agents(sh, rng, night_q)
    leave = _zoo_leave(sh, hz, agents, rng)
    reint = _zoo_reintegration(sh, hz, agents)
    wishes = _zoo_wishes(sh, hz, agents, leave, rng)
    project = Project(name=f"zoo-{name if isinstance(name, str) else 'vorm'}", horizon=hz, queues=queues,
                      agents=agents, leave=leave, wishes=wishes, reintegration=reint,
                      shift_rules=ShiftRules(start_step_minutes=60 if sh.interval_minutes == 60 else 30,
                                             min_length_minutes=240, max_length_minutes=540,
                                             length_step_minutes=60))
    return project, _zoo_requirement(project, sh, rng, night_q)


def _clock_change_monday(start: date, weeks: int) -> date | None:
    """The Monday of the first week from ``start`` whose Sunday has a clock change (NL time)."""
    tz = ZoneInfo("Europe/Amsterdam")
    for w in range(weeks):
        sunday = start + timedelta(days=7 * w + 6 - start.weekday())
        before = datetime.combine(sunday, time(0, 0), tz).utcoffset()
        after = datetime.combine(sunday, time(23, 0), tz).utcoffset()
        if before != after:
            return sunday - timedelta(days=6)
    return None


def _channel(name: str) -> Channel:
    return Channel.CHAT if name == "Chat" else (Channel.EMAIL if name == "E-mail" else Channel.VOICE)


def _zoo_opening(wk, sat, sun) -> OpeningHours:
    def win(h: tuple[int, int] | None) -> list:
        if h is None:
            return []
        return [(time(h[0]), time(23, 59) if h[1] >= 24 else time(h[1]))]

    weekly = {d: win(wk) for d in range(5)}
    weekly[5], weekly[6] = win(sat), win(sun)
    around_the_clock = wk == (0, 24)
    return OpeningHours(weekly={d: w for d, w in weekly.items() if w},
                        holiday=win(wk) if around_the_clock else None)


def _zoo_agents(sh: Shape, rng: random.Random, night_q: str | None) -> list[Agent]:
    agents: list[Agent] = []
    for i in range(sh.agents):
        skills = sh.skill_sets[i % len(sh.skill_sets)]
        contract = rng.choice([32.0, 36.0, 36.0, 36.0])
        if rng.random() < sh.part_time_share:
            contract = float(rng.choice([12, 16, 20, 24]))
        a = Agent(f"Z{i + 1:03d}", f"Medewerker {i + 1}", contract_hours=contract, skills=skills,
                  max_days_per_week=5, max_consecutive_days=6)
        agents.append(a)
    for a in agents[:sh.night_agents]:
        if night_q is not None:
            a.skills = (night_q, *[s for s in a.skills if s != night_q])
    students = agents[sh.night_agents:sh.night_agents + sh.students]
    for a in students:
        a.contract_hours = float(rng.choice([12, 16]))
        a.earliest_start = time(16)
    youth = agents[sh.night_agents + sh.students:sh.night_agents + sh.students + sh.youth]
    for a in youth:
        a.birth_date = sh.start - timedelta(days=365 * 17 + rng.randrange(200))
        a.contract_hours = float(rng.choice([12, 16, 20]))
    return agents


def _zoo_leave(sh: Shape, hz: Horizon, agents: list[Agent], rng: random.Random) -> list[Leave]:
    tz = hz.tz
    leave: list[Leave] = []
    week_takers = set(rng.sample(range(sh.night_agents, len(agents)),
                                 min(sh.leave_weeks, len(agents) - sh.night_agents)))
    for i, a in enumerate(agents):
        if i in week_takers and sh.weeks > 1:
            d0, n = 7 * rng.randrange(sh.weeks), 7
        elif rng.random() < sh.leave_share:
            d0, n = rng.randrange(hz.days), rng.choice([1, 2])
        else:
            continue
        s = datetime.combine(hz.dates[d0], time(0), tzinfo=tz)
        e = datetime.combine(hz.dates[min(hz.days - 1, d0 + n - 1)] + timedelta(days=1), time(0), tzinfo=tz)
        leave.append(Leave(a.id, s, e, "verlof"))
    return leave


def _zoo_reintegration(sh: Shape, hz: Horizon, agents: list[Agent]) -> list[ReintegrationStep]:
    """Build-ups in two steps (hours and days growing half-way), for the last agents."""
    out: list[ReintegrationStep] = []
    for j in range(sh.reintegration):
        a = agents[-1 - j]
        a.min_hours = 0.0
        allowed = (a.skills[0],)
        for step, (hours, days) in enumerate(((12 + 2 * (j % 3), 3), (20 + 2 * (j % 3), 4))):
            out.append(ReintegrationStep(a.id, hz.start - timedelta(days=20) + timedelta(days=7 * sh.weeks // 2) * step,
                                         max_hours_week=hours, max_hours_day=5 + step, days=frozenset(range(5)),
                                         max_days_week=days, window=(time(9), time(17)), queues=allowed,
                                         productivity=0.6 + 0.2 * step, max_continuous_minutes=120))
    return out


def _zoo_wishes(sh: Shape, hz: Horizon, agents: list[Agent], leave: list[Leave], rng: random.Random) -> list[Wish]:
    """Wishes on distinct agent-days; at most one must-wish per agent-week, never in a week of
    leave (a mandatory day off on top of leave can leave too few days for the contract)."""
    leave_weeks = {(lv.agent_id, (lv.start.date() - hz.start).days // 7) for lv in leave}
    leave_weeks |= {(lv.agent_id, ((lv.end - timedelta(seconds=1)).date() - hz.start).days // 7) for lv in leave}
    taken: set = set()
    must_weeks: set = set()
    out: list[Wish] = []
    for _ in range(sh.wishes):
        a = agents[rng.randrange(len(agents))]
        d = hz.dates[rng.randrange(hz.days)]
        if (a.id, d) in taken:
            continue
        taken.add((a.id, d))
        kind = rng.choice([WishKind.OFF, WishKind.OFF, WishKind.EARLY, WishKind.LATE])
        week = (a.id, (d - hz.start).days // 7)
        must = (kind == WishKind.OFF and rng.random() < sh.must_share and week not in leave_weeks
                and week not in must_weeks)
        if must:
            must_weeks.add(week)
        out.append(Wish(a.id, d, kind, weight=rng.randint(1, 3), must=must))
    return out


def _zoo_requirement(project: Project, sh: Shape, rng: random.Random, night_q: str | None) -> np.ndarray:
    """A double-peak day shape on the day queues scaled to the agents' capacity; a 24/7 queue
    needs one agent around the clock (two in the evening peak)."""
    from kcroster.solver.candidates import queue_open_mask

    hz = project.horizon
    open_mask = queue_open_mask(project, None)
    minutes = hz.local_minute_of_day.astype(float)
    shape = np.exp(-((minutes - 10.5 * 60) / 110) ** 2) + 0.8 * np.exp(-((minutes - 15 * 60) / 130) ** 2) + 0.35
    names = [q.name for q in project.queues]
    req = np.zeros((len(names), hz.n_intervals))
    night_need = 0.0
    if night_q is not None:
        qi = names.index(night_q)
        req[qi] = open_mask[qi] * np.where((minutes >= 17 * 60) & (minutes < 22 * 60), 2.0, 1.0)
        night_need = float(req[qi].sum())
    day_rows = [i for i, n in enumerate(names) if n != night_q]
    for rank, qi in enumerate(day_rows):
        noise = np.asarray([rng.uniform(0.9, 1.1) for _ in range(hz.n_intervals)])
        req[qi] = shape * noise * open_mask[qi] / (1 + 0.5 * rank)
    cap = sum(a.contract_hours * sh.weeks for a in project.agents) * 0.9 * 60 / hz.interval_minutes
    day_total = req[day_rows].sum()
    if day_total > 0:
        req[day_rows] *= max(0.0, cap * sh.load - night_need) / day_total
    return np.round(req, 1)
