"""The planning pipeline as plain functions: what the command line and the GUI both call.

forecast → requirement → roster → checks → coverage & KPIs → Excel. No Qt; heavy libraries are
imported inside the functions so that the window opens fast.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kcroster.model import Forecast, KcrosterInputError, Project, Queue, Roster, step_in_force
from kcroster.model import wishes as wishes_model
from kcroster.model.coverage import scheduled_matrix
from kcroster.model.kpis import SERVICE_KPIS, fte, fte_day_hours, service_kpis, weighted_mean

if TYPE_CHECKING:
    from kcroster.rules.checker import Violation
    from kcroster.solver import CancelToken, RosterResult, SolveOptions, SolveProgress
    from kcroster.staffing import Requirement

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


# --- loading -------------------------------------------------------------------------------------


def new_project_from_forecast(forecast: Forecast, name: str = "Nieuw project") -> Project:
    return Project(name=name, horizon=forecast.horizon, queues=list(forecast.queues), forecast=forecast)


def import_forecast(project: Project | None, path: str | Path, **options: Any) -> Project:
    """Read a forecast workbook/CSV into ``project`` (or a new project)."""
    from kcroster.io.forecast import load_forecast

    fc = load_forecast(path, **options)
    if project is None:
        return new_project_from_forecast(fc, Path(path).stem)
    project.forecast = fc
    project.horizon = fc.horizon
    project.queues = list(fc.queues)
    return project


def import_agents(project: Project, path: str | Path, warnings: list[str] | None = None) -> Project:
    """Read the agents workbook (agents, leave, wishes, reintegration, shifts) into ``project``;
    the reader's warnings (an ignored column such as 'Diagnose', a hidden sheet passed over…)
    are added to ``warnings`` for the planner."""
    from kcroster.io.agents import apply_to_project, load_agents_workbook

    data = load_agents_workbook(path, horizon=project.horizon, known_queues={q.name for q in project.queues})
    apply_to_project(project, data)
    if warnings is not None:
        warnings.extend(data.warnings)
    return project


def load_inputs(forecast_path: str | Path, agents_path: str | Path | None = None, *,
                agent_warnings: list[str] | None = None, **options: Any) -> Project:
    """A project from a forecast file and, optionally, an agents workbook (its warnings into
    ``agent_warnings``)."""
    project = import_forecast(None, forecast_path, **options)
    if agents_path is not None:
        import_agents(project, agents_path, agent_warnings)
    return project


def load_demo_project() -> Project:
    """The demo contact centre from ``samples/`` (forecast + agents workbooks)."""
    project = load_inputs(SAMPLES / "demo_forecast.xlsx", SAMPLES / "demo_agents.xlsx")
    project.name = "Demo klantcontactcentrum"
    return project


# --- requirement ---------------------------------------------------------------------------------


def effective_queues(project: Project) -> list[Queue]:
    """Queues with the active scenario's overrides applied (e.g. SL 90/10 instead of 80/20)."""
    out = []
    overrides = project.scenario.queue_overrides
    for q in project.queues:
        changes = overrides.get(q.name, {})
        out.append(replace(q, **changes) if changes else q)
    return out


def queue_targets(queue: Queue) -> Any:
    """The staffing engine's targets for a domain queue (bad combinations → located error)."""
    from kcroster.io.staffing_export import queue_targets as _targets

    return _targets(queue)


def _require_forecast(project: Project) -> Forecast:
    if project.forecast is None:
        raise KcrosterInputError("dit project heeft nog geen forecast: importeer eerst een forecast")
    return project.forecast


def scenario_forecast(project: Project) -> Forecast:
    """The forecast as the active scenario sees it: its volume and AHT factors applied and its
    queue overrides in the queues (what the requirement is computed from and the staffing
    export writes)."""
    fc = _require_forecast(project)
    sc = project.scenario
    return replace(fc.scaled(sc.volume_factor, sc.aht_factor), queues=effective_queues(project))


def compute_requirement(project: Project) -> Requirement:
    """Agents needed per queue × interval for the active scenario (what-ifs applied)."""
    from kcroster.staffing import compute_requirement as staffing_requirement

    fc = scenario_forecast(project)
    return staffing_requirement(
        fc.volume,
        fc.aht,
        project.horizon.interval_seconds,
        [queue_targets(q) for q in fc.queues],
        fc.open_mask,
    )


def fte_per_day(project: Project, agents_matrix: np.ndarray) -> np.ndarray:
    """FTE per queue × day for a matrix of agents per interval (FTE = fte_hours per week)."""
    h = project.horizon
    hours = agents_matrix * (h.interval_minutes / 60.0)
    per_day = np.add.reduceat(hours, h.day_offsets[:-1], axis=1) if hours.shape[1] else hours
    return per_day / fte_day_hours(project.fte_hours)


@dataclass(frozen=True)
class QueueStaffing:
    """What ``kcroster staffing`` says per queue: the peak of agents needed in one interval and
    the scheduled requirement as FTE per week (:func:`kcroster.model.kpis.fte` on the project's
    basis)."""

    queue: str
    peak_agents: float
    fte_per_week: float


def staffing_summary(project: Project, requirement: Requirement) -> list[QueueStaffing]:
    h = project.horizon
    hours = h.interval_minutes / 60.0
    agents = np.asarray(requirement.agents, dtype=float)
    scheduled = np.asarray(requirement.scheduled, dtype=float)
    return [QueueStaffing(name, float(np.nanmax(agents[q], initial=0.0)),
                          fte(float(np.nansum(scheduled[q])) * hours, project.fte_hours, h.days))
            for q, name in enumerate(_require_forecast(project).queue_names)]


def export_staffing(project: Project, path: str | Path, requirement: Requirement | None = None) -> Path:
    """The requirement per queue × interval as CSV or workbook (by the extension), for the active
    scenario, FTE on the project's basis; the export only writes what this module computed."""
    from kcroster.io.staffing_export import write_staffing

    req = requirement if requirement is not None else compute_requirement(project)
    return write_staffing(scenario_forecast(project), req, path, project.fte_hours)


# --- roster --------------------------------------------------------------------------------------


def solve_roster(
    project: Project,
    requirement: Requirement | np.ndarray | None,
    *,
    on_progress: Callable[[SolveProgress], None] | None = None,
    cancel: CancelToken | None = None,
    options: SolveOptions | None = None,
) -> RosterResult:
    from kcroster.solver import solve

    req = getattr(requirement, "scheduled", requirement)
    return solve(project, req, on_progress=on_progress, cancel=cancel, options=options)


def check_roster(project: Project, roster: Roster, reference: Roster | None = None) -> list[Violation]:
    from kcroster.rules.checker import check

    return check(roster, project, reference=reference)


def productivity_of(project: Project) -> Callable[[str, date], float]:
    plans: dict[str, list] = {}
    for s in project.reintegration:
        plans.setdefault(s.agent_id, []).append(s)

    def factor(agent_id: str, day: date) -> float:
        steps = plans.get(agent_id)
        if not steps:
            return 1.0
        step = step_in_force(steps, day)
        return 1.0 if step is None else float(step.productivity)

    return factor


# --- coverage ------------------------------------------------------------------------------------


@dataclass
class CoverageReport:
    """Scheduled against required per queue × interval, predicted KPIs, and roster-wide totals."""

    queue_names: list[str]
    required: np.ndarray  # scheduled requirement (after shrinkage) [Q, I]
    scheduled: np.ndarray  # agents the roster puts on each queue [Q, I]
    productive: np.ndarray  # scheduled × (1 − shrinkage): expected agents on the phone [Q, I]
    service_level: np.ndarray
    asa: np.ndarray
    abandon: np.ndarray
    occupancy: np.ndarray
    reachability: np.ndarray
    daily: dict[str, np.ndarray] = field(default_factory=dict)  # KPI → [Q, D]
    totals: dict[str, float] = field(default_factory=dict)

    @property
    def difference(self) -> np.ndarray:
        return self.scheduled - self.required


def _interpolated_prediction(project: Project, productive: np.ndarray) -> dict[str, np.ndarray]:
    """Erlang KPIs for fractional agent counts: linear between floor and ceil."""
    from kcroster.staffing import predict

    fc = scenario_forecast(project)
    settings = [queue_targets(q) for q in fc.queues]
    vol, aht = fc.volume, fc.aht
    lo = np.floor(productive + 1e-9)
    hi = np.ceil(productive - 1e-9)
    w = productive - lo
    p_lo = predict(vol, aht, project.horizon.interval_seconds, settings, lo.astype(int), fc.open_mask)
    p_hi = predict(vol, aht, project.horizon.interval_seconds, settings, hi.astype(int), fc.open_mask)
    out = {}
    with np.errstate(invalid="ignore"):
        for name in ("service_level", "asa", "abandon", "occupancy", "reachability"):
            a = np.asarray(getattr(p_lo, name), dtype=float)
            b = np.asarray(getattr(p_hi, name), dtype=float)
            both_finite = np.isfinite(a) & np.isfinite(b)
            blended = np.where(both_finite, a + (b - a) * w, np.where(w >= 0.5, b, a))
            out[name] = np.where(w > 0, blended, a)
    return out


def coverage(project: Project, roster: Roster, requirement: Requirement) -> CoverageReport:
    """Coverage of ``roster`` against ``requirement`` with predicted service per interval.

    Service KPIs (SL, ASA, abandon, bereikbaarheid, occupancy) are aggregated by
    :func:`kcroster.model.kpis.service_kpis` (the definition every consumer shares: volume-weighted,
    occupancy weighted by available agents, voice and chat only). Per-queue figures are in
    ``totals['<kpi>:<queue>']``.

    The prediction assumes shrinkage takes its share of the rostered agents; so that a planner
    can see that assumption, the totals also hold the hours rostered (``scheduled_hours``),
    expected available after shrinkage (``available_hours``) and needed on the queue
    (``needed_hours``), and the SL if every rostered agent were available
    (``service_level_no_shrinkage``), overall and per queue.
    """
    fc = _require_forecast(project)
    names = fc.queue_names
    queues = effective_queues(project)
    sched = scheduled_matrix(roster, project.horizon, names, productivity_of(project))
    shrink = np.array([q.shrinkage for q in queues])[:, None]
    productive = sched * (1.0 - shrink)
    kpi = _interpolated_prediction(project, productive)
    sl_gross = _interpolated_prediction(project, sched)["service_level"]
    vol = fc.volume * project.scenario.volume_factor
    required = np.asarray(requirement.scheduled, dtype=float)
    h = project.horizon
    offs = h.day_offsets[:-1]
    live = np.array([str(q.channel) != "email" for q in queues], dtype=bool)
    service_vol = vol * live[:, None]
    daily: dict[str, np.ndarray] = {}
    for name in ("service_level", "asa", "abandon", "reachability"):
        v = kpi[name]
        ok = np.isfinite(v) & (service_vol > 0)
        num = np.add.reduceat(np.where(ok, v * service_vol, 0.0), offs, axis=1)
        den = np.add.reduceat(np.where(ok, service_vol, 0.0), offs, axis=1)
        daily[name] = np.divide(num, den, out=np.full_like(num, np.nan), where=den > 0)
    daily["required_fte"] = fte_per_day(project, required)
    daily["scheduled_fte"] = fte_per_day(project, sched)
    hours = h.interval_minutes / 60.0
    wishes_total, wishes_granted = wish_score(project, roster)
    totals: dict[str, float] = service_kpis(kpi, vol, productive, live[:, None])
    totals.update({
        "fte_required": fte(required.sum() * hours, project.fte_hours, h.days),
        "fte_scheduled": fte(sched.sum() * hours, project.fte_hours, h.days),
        "required_hours": float(required.sum() * hours),
        "shortfall_hours": float(np.clip(required - sched, 0, None).sum() * hours),
        "service_level_no_shrinkage": weighted_mean(sl_gross, service_vol),
        "surplus_hours": float(np.clip(sched - required, 0, None).sum() * hours),
        "shrinkage": float(np.average([q.shrinkage for q in queues])) if names else 0.0,
        "wishes_total": float(wishes_total),
        "wishes_granted": float(wishes_granted),
        "fairness": fairness(project, roster),
        "over_contract_hours": hours_over_contract(project, roster),
    })
    for q, name in enumerate(names):
        own = service_kpis({k: kpi[k][q] for k in SERVICE_KPIS}, vol[q], productive[q], live[q])
        totals.update({f"{k}:{name}": v for k, v in own.items()})
        totals[f"shortfall_hours:{name}"] = float(np.clip(required[q] - sched[q], 0, None).sum() * hours)
        gross = weighted_mean(sl_gross[q], vol[q]) if live[q] else math.nan
        totals[f"service_level_no_shrinkage:{name}"] = gross
    for key, arr in (("scheduled_hours", sched), ("available_hours", productive),
                     ("needed_hours", np.asarray(requirement.agents, dtype=float))):
        totals[key] = float(arr.sum() * hours)
        totals.update({f"{key}:{name}": float(arr[q].sum() * hours) for q, name in enumerate(names)})
    return CoverageReport(names, required, sched, productive, kpi["service_level"], kpi["asa"],
                          kpi["abandon"], kpi["occupancy"], kpi["reachability"], daily, totals)


PLANNER_KPIS = SERVICE_KPIS + ("fte_required", "fte_scheduled")


def kpis(report: CoverageReport) -> dict[str, float]:
    """The planner-facing KPIs of a coverage report: service figures and FTE required/scheduled.

    The GUI tiles and the Dekking table read them from ``report.totals``, the CLI summary from
    here, and the planner workbook aggregates with the same :mod:`kcroster.model.kpis` functions
    (see :func:`export_data`), so every consumer shows the same figure.
    """
    return {k: report.totals[k] for k in PLANNER_KPIS}


def hours_over_contract(project: Project, roster: Roster) -> float:
    """Paid hours above the agents' contract hours, summed over agents and ISO weeks: the hours
    "boven contract" a planner pays as plus-hours. A week the horizon cuts counts its share of
    the contract (its days in the horizon / 7)."""
    def week(d: date) -> tuple[int, int]:
        iso = d.isocalendar()
        return iso.year, iso.week

    days_in: dict[tuple[int, int], int] = {}
    for d in project.horizon.dates:
        days_in[week(d)] = days_in.get(week(d), 0) + 1
    worked: dict[tuple[str, tuple[int, int]], float] = {}
    for s in roster.shifts:
        key = (s.agent_id, week(s.day))
        worked[key] = worked.get(key, 0.0) + s.work_minutes / 60.0
    contract = {a.id: a.contract_hours for a in project.agents}
    return float(sum(max(0.0, h - contract.get(a, 0.0) * days_in.get(w, 7) / 7.0)
                     for (a, w), h in worked.items()))


def wish_granted(project: Project, roster: Roster, wish: Any) -> bool:
    """Whether ``roster`` grants ``wish`` (see :mod:`kcroster.model.wishes`)."""
    return wishes_model.wish_granted(wish, roster.shift_on(wish.agent_id, wish.day), project.shift_rules,
                                     project.horizon.tz)


def wish_score(project: Project, roster: Roster) -> tuple[int, int]:
    """(number of wishes, number granted)."""
    granted = wishes_model.wish_results(project.wishes, roster, project.shift_rules, project.horizon.tz)
    return len(granted), sum(granted)


def fairness(project: Project, roster: Roster) -> float:
    """Share of granted wish weight of the worst-off agent that has wishes (1 = everyone fully)."""
    granted = wishes_model.wish_results(project.wishes, roster, project.shift_rules, project.horizon.tz)
    return wishes_model.fairness(project.wishes, granted)


# --- files ---------------------------------------------------------------------------------------


def save_project(project: Project, path: str | Path) -> None:
    from kcroster.io.store import save_project as _save

    _save(project, path)


def open_project(path: str | Path, read_only: bool = False) -> Project:
    from kcroster.io.store import load_project

    return load_project(path, read_only=read_only)


def export_data(project: Project, roster: Roster, requirement: Requirement) -> Any:
    from kcroster.io.roster_export import ExportData

    cov = coverage(project, roster, requirement)
    return ExportData(
        project=project,
        roster=roster,
        required=cov.required,
        scheduled=cov.scheduled,
        service_level=cov.service_level,
        asa=cov.asa,
        abandon=cov.abandon,
        occupancy=cov.occupancy,
        productive=cov.productive,
        reachability=cov.reachability,
        violations=check_roster(project, roster),
    )


def export_planner_workbook(project: Project, roster: Roster, requirement: Requirement, path: str | Path) -> Path:
    from kcroster.io.roster_export import export_planner_workbook as _export

    _export(export_data(project, roster, requirement), path)
    return Path(path)


def export_team_workbook(project: Project, roster: Roster, path: str | Path, include_restrictions: bool = False,
                         requirement: Requirement | None = None) -> Path:
    from kcroster.io.roster_export import export_team_workbook as _export

    req = requirement if requirement is not None else compute_requirement(project)
    _export(export_data(project, roster, req), path, include_restrictions=include_restrictions)
    return Path(path)


def team_workbook_omissions(project: Project) -> list[str]:
    from kcroster.io.roster_export import team_workbook_omissions as _omissions

    return _omissions(project)


def restrict_horizon(project: Project, days: int, agent_limit: int | None = None) -> Project:
    """A copy of ``project`` cut to its first ``days`` days (and optionally its first agents).

    Used for quick solves (self-test, previews); the original project is left untouched.
    """
    import copy

    from kcroster.model import Horizon

    h = project.horizon
    days = max(1, min(days, h.days))
    new_h = Horizon(h.start, days, h.interval_minutes, h.tz_name, h.week_start)
    p = copy.deepcopy(project)
    p.horizon = new_h
    n = new_h.n_intervals
    if p.forecast is not None:
        fc = p.forecast
        p.forecast = Forecast(new_h, fc.queues, fc.volume[:, :n], fc.aht[:, :n],
                              None if fc.open_mask is None else fc.open_mask[:, :n], fc.source)
    if agent_limit is not None:
        keep = {a.id for a in p.agents[:agent_limit]}
        p.agents = [a for a in p.agents if a.id in keep]
        p.leave = [x for x in p.leave if x.agent_id in keep]
        p.wishes = [x for x in p.wishes if x.agent_id in keep and x.day < new_h.end]
        p.reintegration = [x for x in p.reintegration if x.agent_id in keep]
    else:
        p.wishes = [x for x in p.wishes if x.day < new_h.end]
    p.shift_rules.type_demand = [d for d in p.shift_rules.type_demand if d.day < new_h.end]
    for sc in p.scenarios:
        for r in (sc.roster, sc.published):
            if r is not None:
                r.shifts = [s for s in r.shifts if s.day < new_h.end]
    return p
