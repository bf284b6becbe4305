"""A small stand-in for :mod:`kcroster.pipeline` so the screens can be tested in isolation.

It implements the same :class:`kcroster.pipeline.Backend` protocol (``test_backend_protocol``
holds both to it). The planning figures (Requirement, CoverageReport, RosterResult, Violation) are
built by simple arithmetic; projects are pickles, without a lock; readers and writers of
workbooks and the print layout are the real ones (the screens used to call them directly);
it is test scaffolding, not planning logic.
"""

from __future__ import annotations

import copy
import math
import pickle
import time as _time
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from kcroster import pipeline as real
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
from kcroster.model.weeks import iso_weeks
from kcroster.pipeline import PeriodKpis
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
            shifts.append(
                Shift(
                    a.id,
                    d,
                    s,
                    e,
                    [
                        Segment(s, b, a.skills[0]),
                        Segment(b, b + timedelta(minutes=30), BREAK),
                        Segment(b + timedelta(minutes=30), e, a.skills[-1]),
                    ],
                )
            )
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
    scheduled = np.ceil(agents / (1 - real.shrinkage_matrix(project)))
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
    return CoverageReport(sched, requirement.agents, sl, (1 - sl) * 60, (1 - sl) * 0.1, totals)


def coverage_periods(project: Project, report: CoverageReport, queue: int | None) -> list[PeriodKpis]:
    """Each day, then its ISO week: SL 0.5 rising by 0.01 a day, the week the mean of its days
    (all queues together count as queue 0)."""
    rows = []
    hz = project.horizon
    queue = queue or 0
    for w in iso_weeks(hz.dates):
        days = []
        for d in w.days:
            i = hz.day_index(d)
            k = {"service_level": 0.5 + 0.01 * i, "asa": 15.0, "abandon": 0.02, "reachability": 0.97,
                 "occupancy": 0.8, "fte_required": 10.0 + queue, "fte_scheduled": 9.0 + queue}
            days.append(PeriodKpis(d, None, k))
        rows += days
        rows.append(PeriodKpis(w.days[0], w, {k: float(np.mean([r.kpis[k] for r in days])) for k in days[0].kpis}))
    return rows


def scenario_forecast(project: Project) -> Forecast:
    return real.scenario_forecast(project)  # model arithmetic only (factors times the forecast)


def shrinkage_matrix(project: Project) -> np.ndarray:
    return real.shrinkage_matrix(project)


def compare_scenarios(project: Project, indices: list[int]) -> list[real.ScenarioFigures]:
    """The real comparison's shape on this fake's requirement and coverage."""
    calls.append("compare_scenarios")
    out = []
    for i in indices:
        p = real.with_scenario(project, i)
        sc = p.scenario
        req = compute_requirement(p)
        if sc.roster is not None:
            report = coverage(p, sc.roster, req)
            totals = dict(report.totals)
            days = [r for r in coverage_periods(p, report, None) if r.week is None]
        else:
            hours = float(req.scheduled.sum()) * p.horizon.interval_minutes / 60
            totals = {"fte_required": hours / p.fte_hours, "required_hours": hours}
            days = [PeriodKpis(d, None, {"service_level": math.nan, "asa": math.nan, "abandon": math.nan,
                                         "fte_required": float(req.fte_per_day[:, k].sum()), "fte_scheduled": math.nan})
                    for k, d in enumerate(p.horizon.dates)]
        agents = sum(1 for a in p.agents if sc.takes_part(a.id))
        out.append(real.ScenarioFigures(i, sc.name, agents, sc.roster is not None, totals, days))
    return out


def fte_per_day(project: Project, agents_matrix: np.ndarray) -> np.ndarray:
    hz = project.horizon
    hours = np.asarray(agents_matrix, dtype=float) * hz.interval_minutes / 60
    return np.stack([hours[:, hz.day_slice(d)].sum(axis=1) for d in range(hz.days)], axis=1) / (project.fte_hours / 5)


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


def solve_in_child(project, requirement, *, on_progress=None, cancel=None, options=None) -> RosterResult:
    """No child process here: the same arithmetic on the worker thread."""
    return solve_roster(project, requirement, on_progress=on_progress, cancel=cancel, options=options)


def is_cancelled_early(exc: BaseException) -> bool:
    return False


def wish_granted(project, roster, wish) -> bool:
    return roster.shift_on(wish.agent_id, wish.day) is None if wish.kind == WishKind.OFF else True


def save_project(project: Project, path) -> None:
    Path(path).write_bytes(pickle.dumps(project))


def open_project(path, read_only: bool = False) -> Project:
    return pickle.loads(Path(path).read_bytes())


def open_for_editing(path, *, read_only: bool = False, take_over: bool = False):
    """A pickle has no lock: never refused, ``lock`` None."""
    return SimpleNamespace(project=open_project(path), lock=None, read_only=read_only, notices=[])


def is_project_locked(exc: BaseException) -> bool:
    return False


def autosave_path(path, recovery_dir=None) -> Path:
    p = Path(path)
    return (Path(recovery_dir) / p.name if recovery_dir is not None else p).with_name(p.name + ".autosave")


def autosave(project: Project, path, *, recovery_dir=None) -> Path:
    target = autosave_path(path, recovery_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pickle.dumps(project))
    return target


def recovery_candidate(path, *, recovery_dir=None) -> Path | None:
    auto = autosave_path(path, recovery_dir)
    if not auto.exists():
        return None
    p = Path(path)
    return auto if not p.exists() or auto.stat().st_mtime_ns > p.stat().st_mtime_ns else None


def discard_autosave(path, *, recovery_dir=None) -> None:
    autosave_path(path, recovery_dir).unlink(missing_ok=True)


def write_atomically(path, write) -> Path:
    return real.write_atomically(path, write)


def import_forecast(project: Project | None, path, **options) -> Project:
    calls.append("import_forecast")
    if not str(path).endswith((".xlsx", ".csv")):
        raise KcrosterInputError("geen werkmap", file=str(path))
    if project is None:  # a new project from a file: the real reader
        return real.import_forecast(None, path, **options)
    p = copy.deepcopy(project)
    p.forecast = p.forecast.scaled(2.0, 1.0)
    return p


def forecast_gaps(forecast):
    return real.forecast_gaps(forecast)


def fill_forecast_gaps(forecast, policy: str):
    return real.fill_forecast_gaps(forecast, policy)


def parse_opening_hours(text: str):
    return real.parse_opening_hours(text)


def set_opening_hours(project: Project, queue: int, hours) -> None:
    real.set_opening_hours(project, queue, hours)


def guess_call_columns(header: list[str], known: dict[str, str] | None = None) -> dict[str, str]:
    return real.guess_call_columns(header, known)


def import_agents(project: Project, path, warnings: list[str] | None = None) -> Project:
    calls.append("import_agents")
    p = copy.deepcopy(project)
    p.agents.append(Agent("NEW", "Nieuwe medewerker"))
    return p


def import_wishes(project: Project, paths):
    calls.append("import_wishes")
    return real.import_wishes(project, paths)


def import_roster_workbook(project: Project, path, exported: Roster):
    calls.append("import_roster_workbook")
    return real.import_roster_workbook(project, path, exported)


def export_planner_workbook(project, roster, requirement, path) -> Path:
    calls.append("export_planner_workbook")
    Path(path).write_bytes(b"planner")
    return Path(path)


def export_team_workbook(project, roster, path, include_restrictions: bool = False, requirement=None) -> Path:
    calls.append(f"export_team_workbook:{include_restrictions}")
    Path(path).write_bytes(b"team")
    return Path(path)


def team_workbook_omissions(project) -> list[str]:
    return ["Re-integratiebeperkingen van 1 medewerker", "Verlofredenen"]


def export_agents_template(project: Project, path) -> Path:
    calls.append("export_agents_template")
    return real.export_agents_template(project, path)


def export_wish_forms(project: Project, folder) -> list[Path]:
    calls.append("export_wish_forms")
    return real.export_wish_forms(project, folder)


def print_weeks(project: Project) -> list:
    return real.print_weeks(project)


def print_teams(project: Project) -> list[str]:
    return real.print_teams(project)


def print_layout(project, roster, *, per="team", weeks=None, teams=None, agent_ids=None, language="nl"):
    return real.print_layout(project, roster, per=per, weeks=weeks, teams=teams, agent_ids=agent_ids,
                             language=language)


def print_file_name(weeks) -> str:
    return real.print_file_name(weeks)
