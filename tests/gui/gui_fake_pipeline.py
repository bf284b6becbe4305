"""A small stand-in for :mod:`kcroster.pipeline` so the screens can be tested in isolation.

It returns objects with the attributes the GUI reads (Requirement, CoverageReport, RosterResult,
Violation) built by simple arithmetic; it is test scaffolding, not planning logic.
"""

from __future__ import annotations

import copy
import math
import pickle
import time as _time
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np

from kcroster.model import (
    BREAK,
    Agent,
    Channel,
    Forecast,
    Horizon,
    KcrosterInputError,
    Project,
    Queue,
    ReintegrationStep,
    Roster,
    Segment,
    Shift,
    Wish,
    WishKind,
)
from kcroster.model.coverage import scheduled_matrix
from kcroster.solver.options import SolveProgress

START = date(2027, 5, 3)



@dataclass
class Requirement:
    traffic: np.ndarray
    agents: np.ndarray
    scheduled: np.ndarray
    service_level: np.ndarray
    asa: np.ndarray
    p_wait: np.ndarray
    occupancy: np.ndarray
    abandon: np.ndarray
    reachability: np.ndarray
    fte_per_day: np.ndarray


@dataclass
class CoverageReport:
    scheduled: np.ndarray
    required: np.ndarray
    service_level: np.ndarray
    asa: np.ndarray
    abandon: np.ndarray
    daily: dict[str, np.ndarray] = field(default_factory=dict)
    totals: dict[str, float] = field(default_factory=dict)


@dataclass
class Violation:
    rule_id: str
    agent_id: str | None
    when: date | None
    message_nl: str
    message_en: str
    severity: str = "error"


@dataclass
class RosterResult:
    roster: Roster
    status: str
    objective: float | None
    best_bound: float | None
    gap: float | None
    violations: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    wishes_granted: int = 0
    wishes_total: int = 0


calls: list[str] = []


def load_demo_project(n_agents: int = 40, days: int = 7) -> Project:
    hz = Horizon(START, days)
    queues = [Queue("Telefonie"), Queue("Chat", Channel.CHAT, concurrency=2), Queue("E-mail", Channel.EMAIL)]
    n = hz.n_intervals
    minute = hz.local_minute_of_day.astype(float)
    shape = np.clip(np.sin((minute - 480) / 600 * np.pi), 0, None)
    shape[(minute < 480) | (minute >= 1080)] = 0
    weekend = hz.weekday_of_interval >= 5
    vol = np.vstack([30 * shape * np.where(weekend, 0.4, 1.0), 12 * shape, 6 * shape])
    aht = np.vstack([np.full(n, 300.0), np.full(n, 600.0), np.full(n, 480.0)])
    fc = Forecast(hz, queues, vol, aht)
    agents = [Agent(f"A{i:03d}", f"Medewerker {i:03d}", contract_hours=[36.0, 32.0, 24.0][i % 3],
                    skills=("Telefonie", "Chat") if i % 4 else ("Telefonie", "E-mail")) for i in range(n_agents)]
    shifts = []
    for i, a in enumerate(agents):
        for d in hz.dates[:5]:
            if (i + d.day) % 6 == 0:
                continue
            h0 = 8 + (i % 4)
            s = datetime.combine(d, time(h0), tzinfo=hz.tz)
            e = s + timedelta(hours=8)
            b = s + timedelta(hours=4)
            shifts.append(Shift(a.id, d, s, e, [Segment(s, b, a.skills[0]), Segment(b, b + timedelta(minutes=30), BREAK),
                                               Segment(b + timedelta(minutes=30), e, a.skills[-1])]))
    p = Project("Demo", hz, queues, fc, agents)
    p.scenario.roster = Roster(shifts)
    p.wishes = [Wish("A001", START, WishKind.OFF), Wish("A002", START + timedelta(days=1), WishKind.EARLY, weight=2)]
    p.reintegration = [ReintegrationStep("A003", START - timedelta(days=30), max_hours_week=16, max_hours_day=4,
                                         first_sick_day=START - timedelta(days=60))]
    return p


def compute_requirement(project: Project) -> Requirement:
    calls.append("compute_requirement")
    fc = project.forecast
    sc = project.scenario
    traffic = fc.volume * sc.volume_factor * fc.aht * sc.aht_factor / fc.horizon.interval_seconds
    agents = np.where(traffic > 0, np.ceil(traffic / 0.85) + 1, 0)
    shrink = np.array([[q.shrinkage] for q in project.queues])
    scheduled = np.ceil(agents / (1 - shrink))
    occ = np.divide(traffic, agents, out=np.zeros_like(traffic), where=agents > 0)
    hz = fc.horizon
    fte = np.stack([scheduled[:, hz.day_slice(d)].sum(axis=1) * hz.interval_minutes / 60 / (project.fte_hours / 5)
                    for d in range(hz.days)], axis=1)
    ones = np.where(agents > 0, 0.85, 0.0)
    return Requirement(traffic, agents, scheduled, ones, ones * 10, ones * 0.2, occ, ones * 0.02, ones, fte)


def coverage(project: Project, roster: Roster, requirement: Requirement) -> CoverageReport:
    calls.append("coverage")
    sched = scheduled_matrix(roster, project.horizon, [q.name for q in project.queues])
    ratio = np.divide(sched, requirement.agents, out=np.ones_like(sched), where=requirement.agents > 0)
    sl = np.clip(0.8 * ratio, 0, 1)
    totals = {"service_level": 0.78, "asa": 18.0, "reachability": 0.96, "occupancy": 0.81, "fte_scheduled": 30.5,
              "fte_required": 32.0, "shrinkage": 0.3, "wishes_granted": 1.0, "wishes_total": 2.0, "fairness": 0.5,
              "shortfall_hours": 12.0, "surplus_hours": 30.0, "over_contract_hours": 3.5,
              "service_level_no_shrinkage": 0.97, "scheduled_hours": 1000.0, "available_hours": 700.0,
              "needed_hours": 760.0}
    # per queue, as the real pipeline reports them; e-mail has no service KPIs (NaN)
    for name, q_sl, asa in (("Telefonie", 0.82, 14.0), ("Chat", 0.71, 31.0)):
        totals.update({f"service_level:{name}": q_sl, f"asa:{name}": asa, f"abandon:{name}": 0.03,
                       f"reachability:{name}": 0.97, f"occupancy:{name}": 0.8,
                       f"service_level_no_shrinkage:{name}": min(1.0, q_sl + 0.15)})
    for name, sched_h, avail_h, need_h in (("Telefonie", 600.0, 420.0, 450.0), ("Chat", 250.0, 175.0, 190.0),
                                           ("E-mail", 150.0, 105.0, 120.0)):
        totals.update({f"scheduled_hours:{name}": sched_h, f"available_hours:{name}": avail_h,
                       f"needed_hours:{name}": need_h})
    for k in ("service_level", "asa", "abandon", "reachability", "occupancy", "service_level_no_shrinkage"):
        totals[f"{k}:E-mail"] = math.nan
    totals.update({"shortfall_hours:Telefonie": 7.0, "shortfall_hours:Chat": 5.0, "shortfall_hours:E-mail": 0.0})
    days = project.horizon.days
    daily = {k: np.full((len(project.queues), days), v) for k, v in
             (("service_level", 0.8), ("asa", 15.0), ("abandon", 0.02), ("reachability", 0.97))}
    daily["required_fte"] = requirement.fte_per_day
    daily["scheduled_fte"] = requirement.fte_per_day * 0.9
    return CoverageReport(sched, requirement.agents, sl, (1 - sl) * 60, (1 - sl) * 0.1, daily, totals)


def check_roster(project: Project, roster: Roster, reference: Roster | None = None) -> list[Violation]:
    out = []
    for s in roster.shifts:
        if s.duration_minutes > 9 * 60:
            out.append(Violation("max_shift_hours", s.agent_id, s.day, f"{s.agent_id}: dienst langer dan 9 uur",
                                 f"{s.agent_id}: shift longer than 9 hours"))
    return out


last_solve_options: list = []


def solve_roster(project, requirement, *, on_progress=None, cancel=None, options=None) -> RosterResult:
    calls.append("solve_roster")
    last_solve_options.append(options)
    t0 = _time.perf_counter()
    obj = 1000.0
    for k in range(200):
        if cancel is not None and getattr(cancel, "cancelled", False):
            break
        obj *= 0.97
        if on_progress:
            on_progress(SolveProgress(_time.perf_counter() - t0, obj, obj * 0.8, 0.2, k + 1, f"oplossing {k + 1}"))
        _time.sleep(0.01)
    roster = copy.deepcopy(project.scenario.roster)
    return RosterResult(roster, "FEASIBLE", obj, obj * 0.8, 0.2, wishes_granted=1, wishes_total=2)


def wish_granted(project, roster, wish) -> bool:
    return roster.shift_on(wish.agent_id, wish.day) is None if wish.kind == WishKind.OFF else True


def save_project(project: Project, path) -> None:
    Path(path).write_bytes(pickle.dumps(project))


def open_project(path, read_only: bool = False) -> Project:
    return pickle.loads(Path(path).read_bytes())


def import_forecast(project: Project, path) -> Project:
    calls.append("import_forecast")
    if not str(path).endswith((".xlsx", ".csv")):
        raise KcrosterInputError("geen werkmap", file=str(path))
    p = copy.deepcopy(project)
    p.forecast = p.forecast.scaled(2.0, 1.0)
    return p


def import_agents(project: Project, path, warnings: list[str] | None = None) -> Project:
    calls.append("import_agents")
    p = copy.deepcopy(project)
    p.agents.append(Agent("NEW", "Nieuwe medewerker"))
    return p


def export_planner_workbook(project, roster, requirement, path) -> None:
    calls.append("export_planner_workbook")
    Path(path).write_bytes(b"planner")


def export_team_workbook(project, roster, path, include_restrictions: bool = False) -> None:
    calls.append(f"export_team_workbook:{include_restrictions}")
    Path(path).write_bytes(b"team")


def team_workbook_omissions(project) -> list[str]:
    return ["Re-integratiebeperkingen van 1 medewerker", "Verlofredenen"]
