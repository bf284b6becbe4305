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
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from kcroster.model import (
    Forecast,
    KcrosterInputError,
    OpeningHours,
    Project,
    Queue,
    Roster,
    step_in_force,
)
from kcroster.model import wishes as wishes_model
from kcroster.model.coverage import scheduled_matrix
from kcroster.model.kpis import SERVICE_KPIS, fte, fte_day_hours, service_kpis, weighted_mean

if TYPE_CHECKING:
    from kcroster.io.store import OpenedProject
    from kcroster.model.weeks import IsoWeek
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
    return [project.scenario.queue_settings(q) for q in project.queues]


def shrinkage_matrix(project: Project) -> np.ndarray:
    """The shrinkage of every queue × interval in the active scenario [Q, I]: the one place that
    decides it (``docs/design.md`` §4).

    A queue's shrinkage is its own, or this scenario's override of it (``queue_overrides``); a
    band of the scenario's ``shrinkage_profile`` replaces it in the intervals that start inside
    the band on its weekdays (the last band wins where bands overlap). The requirement
    (scheduled = needed ÷ (1 − s)) and the coverage prediction (available = rostered × (1 − s))
    both read this matrix."""
    h = project.horizon
    queues = effective_queues(project)
    out = np.repeat(np.array([q.shrinkage for q in queues], dtype=float)[:, None], h.n_intervals, axis=1)
    profile = project.scenario.shrinkage_profile
    if not profile:
        return out
    weekday, minute = h.weekday_of_interval, h.local_minute_of_day
    for band in profile:
        lo = band.start.hour * 60 + band.start.minute
        hi = band.end.hour * 60 + band.end.minute or 24 * 60
        cells = np.isin(weekday, band.weekdays) & (minute >= lo) & (minute < hi)
        for r, q in enumerate(queues):
            if band.queue is None or band.queue == q.name:
                out[r, cells] = band.shrinkage
    return out


def scenario_project(project: Project) -> Project:
    """The project as the active scenario's solver, rule check and exports see it: only the
    agents of the scenario's agent set, with their leave, wishes, reintegration plans and sick
    periods. A shallow copy (``project`` is not changed); ``project`` itself when every agent
    takes part."""
    sc = project.scenario
    if sc.agent_ids is None:
        return project
    keep = set(sc.agent_ids)
    return replace(
        project,
        agents=[a for a in project.agents if a.id in keep],
        leave=[x for x in project.leave if x.agent_id in keep],
        wishes=[x for x in project.wishes if x.agent_id in keep],
        reintegration=[x for x in project.reintegration if x.agent_id in keep],
        sick_periods=[x for x in project.sick_periods if x.agent_id in keep],
    )


def with_scenario(project: Project, index: int) -> Project:
    """A shallow copy of ``project`` with scenario ``index`` active, to compute another
    scenario's figures without switching the window's (nothing is shared that is written)."""
    if not 0 <= index < len(project.scenarios):
        raise IndexError(f"geen scenario {index}")
    return replace(project, active_scenario=index)


def queue_targets(queue: Queue) -> Any:
    """The staffing engine's targets for a domain queue (bad combinations → located error)."""
    from kcroster.io.staffing_export import queue_targets as _targets

    return _targets(queue)


def _require_forecast(project: Project) -> Forecast:
    if project.forecast is None:
        raise KcrosterInputError("dit project heeft nog geen forecast: importeer eerst een forecast")
    return project.forecast


def scenario_forecast(project: Project) -> Forecast:
    """The forecast as the active scenario sees it: its volume and AHT factors applied (the
    scenario's factor for all queues times its factor for the queue) and its queue overrides in
    the queues (what the requirement is computed from and the staffing export writes)."""
    fc = _require_forecast(project)
    sc = project.scenario
    volume = np.array([sc.volume_factor * sc.queue_volume_factors.get(n, 1.0) for n in fc.queue_names])
    aht = np.array([sc.aht_factor * sc.queue_aht_factors.get(n, 1.0) for n in fc.queue_names])
    return replace(fc.scaled(volume[:, None], aht[:, None]), queues=effective_queues(project))


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
        shrinkage_matrix(project),
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
    """A roster for the active scenario: the solver sees only the scenario's agents
    (:func:`scenario_project`)."""
    from kcroster.solver import solve

    req = getattr(requirement, "scheduled", requirement)
    return solve(scenario_project(project), req, on_progress=on_progress, cancel=cancel, options=options)


# The optimiser in a child process, so that a window never waits for it: CP-SAT releases the GIL
# while it searches, but building the model is Python and C-extension work, and one long C call
# holds the GIL for hundreds of milliseconds. Progress snapshots and the result come back over a
# queue; cancelling sets an event that the child turns into the solver's own CancelToken (which
# keeps the best roster). A child that does not stop within CANCEL_GRACE_S (still building the
# model) is terminated: SolveCancelledEarly, no roster yet.

CANCEL_GRACE_S = 15.0


class SolveCancelledEarly(RuntimeError):
    """Cancelled before the optimiser had any roster."""


def is_cancelled_early(exc: BaseException) -> bool:
    return isinstance(exc, SolveCancelledEarly)


def _solve_child(project: Project, requirement: Any, options: Any, out: Any, stop: Any) -> None:
    import threading

    from kcroster.solver import CancelToken

    token = CancelToken()

    def watch() -> None:
        stop.wait()
        token.cancel()

    threading.Thread(target=watch, daemon=True).start()
    try:
        result = solve_roster(project, requirement, on_progress=lambda s: out.put(("progress", s)),
                              cancel=token, options=options)
        out.put(("result", result))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
        try:
            out.put(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            out.put(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def solve_in_child(
    project: Project,
    requirement: Requirement | np.ndarray | None,
    *,
    on_progress: Callable[[SolveProgress], None] | None = None,
    cancel: Any = None,
    options: SolveOptions | None = None,
) -> RosterResult:
    """:func:`solve_roster` in a child process (blocking: call it from a worker thread).

    ``cancel`` is anything with a ``cancelled`` attribute; cancelled before the optimiser had a
    roster (or not stopping within :data:`CANCEL_GRACE_S`) raises :class:`SolveCancelledEarly`.
    """
    import multiprocessing as mp
    import queue
    import time

    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    stop = ctx.Event()
    req = getattr(requirement, "scheduled", requirement)
    proc = ctx.Process(target=_solve_child, args=(project, req, options, out, stop), daemon=True,
                       name="kcroster-solve")
    proc.start()
    cancelled_at: float | None = None
    try:
        while True:
            if cancelled_at is None and getattr(cancel, "cancelled", False):
                stop.set()
                cancelled_at = time.monotonic()
            try:
                kind, payload = out.get(timeout=0.1)
            except queue.Empty:
                if not proc.is_alive():
                    raise RuntimeError(
                        f"het optimalisatieproces stopte onverwacht (code {proc.exitcode})") from None
                if cancelled_at is not None and time.monotonic() - cancelled_at > CANCEL_GRACE_S:
                    proc.terminate()
                    raise SolveCancelledEarly("gestopt voordat er een rooster gevonden was") from None
                continue
            if kind == "progress":
                if on_progress is not None:
                    on_progress(payload)
            elif kind == "result":
                return payload
            else:
                raise payload
    finally:
        if proc.is_alive():
            proc.join(2)
        if proc.is_alive():
            proc.terminate()
        out.close()


def check_roster(project: Project, roster: Roster, reference: Roster | None = None) -> list[Violation]:
    """The rule check of ``roster`` for the active scenario's agents (:func:`scenario_project`)."""
    from kcroster.rules.checker import check

    return check(roster, scenario_project(project), reference=reference)


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
    totals: dict[str, float] = field(default_factory=dict)
    volume: np.ndarray | None = None  # offered volume of the active scenario [Q, I]: weights SL, ASA…
    live: np.ndarray | None = None  # per queue: True where service KPIs apply (voice, chat) [Q]

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
    shrink = shrinkage_matrix(project)
    productive = sched * (1.0 - shrink)
    kpi = _interpolated_prediction(project, productive)
    sl_gross = _interpolated_prediction(project, sched)["service_level"]
    vol = scenario_forecast(project).volume
    required = np.asarray(requirement.scheduled, dtype=float)
    h = project.horizon
    live = np.array([str(q.channel) != "email" for q in queues], dtype=bool)
    service_vol = vol * live[:, None]
    hours = h.interval_minutes / 60.0
    wishes_total, wishes_granted = wish_score(scenario_project(project), roster)
    totals: dict[str, float] = service_kpis(kpi, vol, productive, live[:, None])
    totals.update({
        "fte_required": fte(required.sum() * hours, project.fte_hours, h.days),
        "fte_scheduled": fte(sched.sum() * hours, project.fte_hours, h.days),
        "required_hours": float(required.sum() * hours),
        "shortfall_hours": float(np.clip(required - sched, 0, None).sum() * hours),
        "service_level_no_shrinkage": weighted_mean(sl_gross, service_vol),
        "surplus_hours": float(np.clip(sched - required, 0, None).sum() * hours),
        # the mean over the open intervals of every queue (all intervals when nothing is open)
        "shrinkage": (weighted_mean(shrink, fc.open_mask if fc.open_mask is not None and fc.open_mask.any()
                                    else np.ones_like(shrink)) if names else 0.0),
        "wishes_total": float(wishes_total),
        "wishes_granted": float(wishes_granted),
        "fairness": fairness(scenario_project(project), roster),
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
                          kpi["abandon"], kpi["occupancy"], kpi["reachability"], totals, vol, live)


PLANNER_KPIS = SERVICE_KPIS + ("fte_required", "fte_scheduled")


@dataclass(frozen=True)
class PeriodKpis:
    """One row of the Dekking table for one queue: a day (``week`` is None) or an ISO week (its
    days in the horizon), with the :data:`PLANNER_KPIS`."""

    day: date
    week: IsoWeek | None
    kpis: dict[str, float]


def coverage_periods(project: Project, report: CoverageReport, queue: int | None) -> list[PeriodKpis]:
    """Queue ``queue`` (None: all queues together) per day and per ISO week, each week after its
    days (the Dekking table; the scenario comparison's days).

    Every row aggregates its intervals with :func:`kcroster.model.kpis.service_kpis`, as the
    tiles, the CLI and the planner workbook's KPI sheets do (a week is its intervals, not an
    average of its days). FTE: a day's hours ÷ a fifth of the weekly basis
    (:func:`kcroster.model.kpis.fte_day_hours`, as the staffing export's day overview), a week's
    by :func:`kcroster.model.kpis.fte` over its days in the horizon (as the workbook's weeks).
    """
    from kcroster.model.weeks import iso_weeks

    h = project.horizon
    step_h = h.interval_minutes / 60.0
    rows: Any = slice(None) if queue is None else queue
    if report.live is None:
        live: Any = True
    else:
        live = np.asarray(report.live, dtype=bool)[:, None] if queue is None else bool(report.live[queue])
    volume = (report.volume if report.volume is not None
              else scenario_forecast(project).volume)[rows]

    def row(sl: slice, day: date, week: IsoWeek | None, days: int) -> PeriodKpis:
        predicted = {k: np.asarray(getattr(report, k))[rows][..., sl] for k in SERVICE_KPIS}
        out = service_kpis(predicted, volume[..., sl], report.productive[rows][..., sl], live)
        req_h = float(report.required[rows][..., sl].sum()) * step_h
        sch_h = float(report.scheduled[rows][..., sl].sum()) * step_h
        if week is None:
            out["fte_required"] = req_h / fte_day_hours(project.fte_hours)
            out["fte_scheduled"] = sch_h / fte_day_hours(project.fte_hours)
        else:
            out["fte_required"] = fte(req_h, project.fte_hours, days)
            out["fte_scheduled"] = fte(sch_h, project.fte_hours, days)
        return PeriodKpis(day, week, out)

    out: list[PeriodKpis] = []
    for w in iso_weeks(h.dates):
        first, last = h.day_index(w.days[0]), h.day_index(w.days[-1])
        out += [row(h.day_slice(d), h.dates[d], None, 1) for d in range(first, last + 1)]
        out.append(row(slice(h.day_slice(first).start, h.day_slice(last).stop), w.days[0], w, len(w.days)))
    return out


@dataclass(frozen=True)
class ScenarioFigures:
    """One scenario in the scenario comparison: its figures over the horizon and per day, from
    the functions every other screen uses (:func:`compute_requirement`, :func:`coverage`,
    :func:`coverage_periods` over all queues), so a comparison never shows a figure of its own.

    ``totals`` holds ``fte_required`` and ``required_hours`` always; with a roster
    (``has_roster``) also the coverage totals (``fte_scheduled``, ``scheduled_hours``,
    ``shortfall_hours``, ``service_level``, ``asa``, ``abandon``, ``wishes_granted``,
    ``wishes_total``, ``over_contract_hours``, …). ``days`` are the day rows (no weeks); without a
    roster only their FTE required is a figure (the service figures are NaN)."""

    index: int
    name: str
    agents: int
    has_roster: bool
    totals: dict[str, float]
    days: list[PeriodKpis]


def compare_scenarios(project: Project, indices: list[int]) -> list[ScenarioFigures]:
    """The figures of scenarios ``indices`` side by side (the window's active scenario is not
    switched: each is computed on :func:`with_scenario`)."""
    h = project.horizon
    hours = h.interval_minutes / 60.0
    out = []
    for i in indices:
        p = with_scenario(project, i)
        req = compute_requirement(p)
        sc = p.scenario
        agents = len(scenario_project(p).agents)
        if sc.roster is not None:
            report = coverage(p, sc.roster, req)
            totals = dict(report.totals)
            days = [r for r in coverage_periods(p, report, None) if r.week is None]
        else:
            required = np.asarray(req.scheduled, dtype=float)
            totals = {"fte_required": fte(float(required.sum()) * hours, p.fte_hours, h.days),
                      "required_hours": float(required.sum()) * hours}
            per_day = fte_per_day(p, required).sum(axis=0)
            days = [PeriodKpis(d, None, {**dict.fromkeys(SERVICE_KPIS, math.nan),
                                         "fte_required": float(per_day[k]), "fte_scheduled": math.nan})
                    for k, d in enumerate(h.dates)]
        out.append(ScenarioFigures(i, sc.name, agents, sc.roster is not None, totals, days))
    return out


def kpis(report: CoverageReport) -> dict[str, float]:
    """The planner-facing KPIs of a coverage report: service figures and FTE required/scheduled.

    The GUI tiles and the Dekking table read them from ``report.totals``, the CLI summary from
    here, and the planner workbook aggregates with the same :mod:`kcroster.model.kpis` functions
    (see :func:`export_data`), so every consumer shows the same figure.
    """
    return {k: report.totals[k] for k in PLANNER_KPIS}


def hours_over_contract(project: Project, roster: Roster) -> float:
    """Paid hours above the agents' contract hours, summed over agents and weeks: the hours
    "boven contract" a planner pays as plus-hours, by the one definition the solver prices and
    the checker warns of (:mod:`kcroster.rules.over_contract`: leave lowers the week's contract,
    a week the plan cuts or a reintegration step governs is not judged)."""
    from kcroster.rules.over_contract import minutes_over_contract

    return sum(w.minutes for w in minutes_over_contract(project, roster).values()) / 60.0


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
    """Read a project file (a read-only look, or for the CLI: no lock is kept)."""
    from kcroster.io.store import load_project

    return load_project(path, read_only=read_only)


def open_for_editing(path: str | Path, *, read_only: bool = False, take_over: bool = False) -> OpenedProject:
    """Open a project file as the window does: take its lock (unless ``read_only``; ``take_over``
    takes a lock abandoned on another computer), load it, and say what the store noticed (a
    repair, a folder that takes no lock so it opened read-only). A lock held by another instance
    raises an error :func:`is_project_locked` recognises."""
    from kcroster.io.store import open_project as _open

    return _open(path, read_only=read_only, take_over=take_over)


def is_project_locked(exc: BaseException) -> bool:
    """``exc`` says that another kcroster instance holds the project (``str(exc)`` names who;
    ``exc.can_take_over`` tells whether the lock was abandoned on another computer)."""
    from kcroster.io.store import ProjectLockedError

    return isinstance(exc, ProjectLockedError)


def autosave_path(path: str | Path, recovery_dir: str | Path | None = None) -> Path:
    """Where the recovery copy of ``path`` goes (next to it, or in ``recovery_dir``)."""
    from kcroster.io.store import autosave_path as _path

    return _path(path, recovery_dir)


def autosave(project: Project, path: str | Path, *, recovery_dir: str | Path | None = None) -> Path:
    """Write the recovery copy of ``path`` (the project file itself is not touched)."""
    from kcroster.io import store as project_store

    return project_store.autosave(project, path, recovery_dir=recovery_dir)


def recovery_candidate(path: str | Path, *, recovery_dir: str | Path | None = None) -> Path | None:
    """The recovery copy to offer after a crash: readable and newer than ``path``; else None."""
    from kcroster.io.store import recovery_candidate as _candidate

    return _candidate(path, recovery_dir=recovery_dir)


def discard_autosave(path: str | Path, *, recovery_dir: str | Path | None = None) -> None:
    from kcroster.io.store import discard_autosave as _discard

    _discard(path, recovery_dir=recovery_dir)


def write_atomically(path: str | Path, write: Callable[[Path], None]) -> Path:
    """``write(tmp)`` into a temporary file beside ``path``, then replace ``path`` with it; a
    failure raises an ``OSError`` whose text is a Dutch sentence naming the path and the reason."""
    from kcroster.io.atomic import atomic_write

    return atomic_write(Path(path), write)


# --- imports -------------------------------------------------------------------------------------


def forecast_gaps(forecast: Forecast) -> Any:
    """The gap report of a freshly imported forecast (its text is the note; ``gaps`` lists the
    intervals inside opening hours without a value), or None when it had none."""
    from kcroster.io.forecast import gap_report

    return gap_report(forecast)


def fill_forecast_gaps(forecast: Forecast, policy: str) -> Forecast:
    """``forecast`` with its gaps filled by ``policy`` ('interpolate' or 'zero')."""
    from kcroster.io.forecast import apply_gap_policy

    return apply_gap_policy(forecast, policy)


def parse_opening_hours(text: str) -> OpeningHours:
    """Opening hours in the forecast file's grammar (``ma-vr 08:00-20:00; za gesloten; feestdag
    gesloten``); ``ValueError`` with a Dutch message when the text cannot be read."""
    from kcroster.io.forecast import parse_opening_hours as _parse

    return _parse(text)


def set_opening_hours(project: Project, queue: int, hours: OpeningHours) -> None:
    """Give queue ``queue`` these opening hours; the forecast then counts as open the intervals
    that start inside them (Dutch public holidays by the holiday hours), so the requirement
    follows (the same mask and holiday calendar as the forecast reader's)."""
    from kcroster.io.forecast import holiday_dates as _holiday_dates
    from kcroster.io.forecast import opening_mask

    project.queues[queue].opening_hours = hours
    fc = project.forecast
    if fc is not None and fc.open_mask is not None:
        fc.open_mask[queue] = opening_mask(hours, project.horizon, _holiday_dates(project.horizon))


def guess_call_columns(header: list[str], known: dict[str, str] | None = None) -> dict[str, str]:
    """Field → column of a call-by-call ACD export: ``known`` where it names a column of
    ``header``, else the first column whose name is one of the field's aliases (as the history
    reader picks it; ids are opt-in)."""
    from kcroster.forecasting.acd import CALL_COLUMNS
    from kcroster.io.cells import normalise_header

    by_norm = {normalise_header(h): h for h in header if h}
    found = {k: v for k, v in (known or {}).items() if v in header}
    for key, aliases in CALL_COLUMNS.items():
        if key in found or key == "id":  # ids are opt-in (not every ACD numbers calls uniquely)
            continue
        for alias in (key, *aliases):
            h = by_norm.get(normalise_header(alias))
            if h is not None and h not in found.values():
                found[key] = h
                break
    return found


def import_wishes(project: Project, paths: list[Path]) -> Any:
    """Read filled wish workbooks and put their wishes into ``project`` (the self-scheduled
    wishes of those agents are replaced; must wishes stay). Returns the import result
    (``wishes``, ``refusals``, ``summary()``)."""
    from kcroster.io.wishes import apply_wish_import, import_wish_workbooks

    result = import_wish_workbooks(paths, project=project)
    apply_wish_import(project, result)
    return result


def import_roster_workbook(project: Project, path: str | Path, exported: Roster) -> Any:
    """Read the Rooster grid of a planner workbook the planner edited, against the roster it
    was exported with. The result holds the new ``roster``, its ``changes`` (each with
    ``describe(tz)``) and the cells that could not be read (``errors``)."""
    from kcroster.io.roster_import import import_planner_workbook

    return import_planner_workbook(path, project, exported)


def absence_kind(label: str) -> str:
    """What may be said of an absence with this label, by the printed roster's rule for the
    notice board: ``reintegration`` (a reintegration appointment), ``unavailable`` (sickness or
    another reason of health: never why), ``leave`` (ordinary leave) or ``absent``."""
    from kcroster.io.roster_export import is_reintegration_label
    from kcroster.io.roster_print import _absence_kind

    return "reintegration" if is_reintegration_label(label) else str(_absence_kind(label))


# --- exports -------------------------------------------------------------------------------------


def export_agents_template(project: Project, path: str | Path) -> Path:
    """The agents workbook for this project: drop-down lists with its queues, filled with its
    agents, leave, wishes and plans, so that it imports back (:func:`import_agents`)."""
    from kcroster.io.templates import export_agents_template as _export

    return _export(path, project, queues=[q.name for q in project.queues])


def export_wish_forms(project: Project, folder: str | Path) -> list[Path]:
    """One blank wish workbook per agent in ``folder``; returns the paths."""
    from kcroster.io.wishes import export_wish_workbooks

    return export_wish_workbooks(folder, project)


def print_weeks(project: Project) -> list[Any]:
    """The ISO weeks a printed roster can show (each with ``tag``, ``title(language)``, ``days``)."""
    from kcroster.io.roster_print import print_weeks as _weeks

    return _weeks(project)


def print_teams(project: Project) -> list[str]:
    """The teams of a printed roster in print order; agents without a team form the last one,
    named as the pages name it (:data:`kcroster.io.roster_print.NO_TEAM`)."""
    from kcroster.io.roster_print import NO_TEAM

    teams = {(a.team or "").strip() or NO_TEAM for a in scenario_project(project).agents}
    return sorted(teams, key=lambda t: (t == NO_TEAM, t.casefold()))


def print_layout(project: Project, roster: Roster | None, *, per: str = "team", weeks: list[Any] | None = None,
                 teams: list[str] | None = None, agent_ids: list[str] | None = None,
                 language: str = "nl") -> Any:
    """The pages of a printed roster (:func:`kcroster.io.roster_print.build_print_layout`), the
    header's period in ``language``."""
    from kcroster.io.roster_print import build_print_layout, period_text

    layout = build_print_layout(
        scenario_project(project), roster, per=per, weeks=weeks, teams=teams, agent_ids=agent_ids, language=language
    )
    layout.header = replace(layout.header, period=period_text(layout.weeks, language))
    return layout


def print_file_name(weeks: list[Any]) -> str:
    """``rooster_2027-W19-W20.pdf``: the printed weeks in the name."""
    from kcroster.io.roster_print import default_file_name

    return default_file_name(weeks)


def export_data(project: Project, roster: Roster, requirement: Requirement) -> Any:
    from kcroster.io.roster_export import ExportData

    cov = coverage(project, roster, requirement)
    return ExportData(
        # the scenario's agents and its queue settings (targets, shrinkage) in the workbook
        project=replace(scenario_project(project), queues=effective_queues(project)),
        roster=roster,
        required=cov.required,
        scheduled=cov.scheduled,
        service_level=cov.service_level,
        asa=cov.asa,
        abandon=cov.abandon,
        occupancy=cov.occupancy,
        productive=cov.productive,
        shrinkage=cov.totals["shrinkage"],
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


# --- the door for the GUI ------------------------------------------------------------------------


@runtime_checkable
class Backend(Protocol):
    """Everything the desktop app asks of the core, and nothing else: the GUI holds a backend
    (this module, or a test's stand-in that implements the same members) and calls only that;
    it imports no ``kcroster.io`` module and from ``kcroster.solver`` only the plain types of
    ``kcroster.solver.options`` (an import-linter contract in ``pyproject.toml`` says so).

    Returned objects are the core's own (``Project``, ``Requirement``, :class:`CoverageReport`,
    ``RosterResult``, ``Violation``, the print layout of ``kcroster.io.roster_print``, …); the
    GUI reads their documented attributes. Errors it must recognise are told by
    :meth:`is_project_locked` and :meth:`is_cancelled_early`; everything else reaches the
    planner as its message (``KcrosterInputError`` names file, sheet, row and column).
    """

    # project files, autosave and recovery, the lock
    def load_demo_project(self) -> Project: ...
    def open_project(self, path: str | Path, read_only: bool = False) -> Project: ...
    def open_for_editing(self, path: str | Path, *, read_only: bool = False,
                         take_over: bool = False) -> OpenedProject: ...
    def is_project_locked(self, exc: BaseException) -> bool: ...
    def save_project(self, project: Project, path: str | Path) -> None: ...
    def autosave(self, project: Project, path: str | Path, *,
                 recovery_dir: str | Path | None = None) -> Path: ...
    def autosave_path(self, path: str | Path, recovery_dir: str | Path | None = None) -> Path: ...
    def recovery_candidate(self, path: str | Path, *,
                           recovery_dir: str | Path | None = None) -> Path | None: ...
    def discard_autosave(self, path: str | Path, *, recovery_dir: str | Path | None = None) -> None: ...
    def write_atomically(self, path: str | Path, write: Callable[[Path], None]) -> Path: ...

    # imports
    def import_forecast(self, project: Project | None, path: str | Path, **options: Any) -> Project: ...
    def forecast_gaps(self, forecast: Forecast) -> Any: ...
    def fill_forecast_gaps(self, forecast: Forecast, policy: str) -> Forecast: ...
    def parse_opening_hours(self, text: str) -> OpeningHours: ...
    def set_opening_hours(self, project: Project, queue: int, hours: OpeningHours) -> None: ...
    def guess_call_columns(self, header: list[str], known: dict[str, str] | None = None) -> dict[str, str]: ...
    def import_agents(self, project: Project, path: str | Path, warnings: list[str] | None = None) -> Project: ...
    def import_wishes(self, project: Project, paths: list[Path]) -> Any: ...
    def import_roster_workbook(self, project: Project, path: str | Path, exported: Roster) -> Any: ...

    # requirement, coverage, check, solve
    def compute_requirement(self, project: Project) -> Requirement: ...
    def fte_per_day(self, project: Project, agents_matrix: np.ndarray) -> np.ndarray: ...
    def coverage(self, project: Project, roster: Roster, requirement: Requirement) -> CoverageReport: ...
    def coverage_periods(self, project: Project, report: CoverageReport, queue: int | None) -> list[PeriodKpis]: ...
    def compare_scenarios(self, project: Project, indices: list[int]) -> list[ScenarioFigures]: ...
    def shrinkage_matrix(self, project: Project) -> np.ndarray: ...
    def scenario_forecast(self, project: Project) -> Forecast: ...
    def check_roster(self, project: Project, roster: Roster,
                     reference: Roster | None = None) -> list[Violation]: ...
    def wish_granted(self, project: Project, roster: Roster, wish: Any) -> bool: ...
    def solve_roster(self, project: Project, requirement: Requirement | np.ndarray | None, *,
                     on_progress: Callable[[SolveProgress], None] | None = None,
                     cancel: CancelToken | None = None, options: SolveOptions | None = None) -> RosterResult: ...
    def solve_in_child(self, project: Project, requirement: Requirement | np.ndarray | None, *,
                       on_progress: Callable[[SolveProgress], None] | None = None, cancel: Any = None,
                       options: SolveOptions | None = None) -> RosterResult: ...
    def is_cancelled_early(self, exc: BaseException) -> bool: ...

    # exports
    def export_planner_workbook(self, project: Project, roster: Roster, requirement: Requirement,
                                path: str | Path) -> Path: ...
    def export_team_workbook(self, project: Project, roster: Roster, path: str | Path,
                             include_restrictions: bool = False,
                             requirement: Requirement | None = None) -> Path: ...
    def team_workbook_omissions(self, project: Project) -> list[str]: ...
    def export_agents_template(self, project: Project, path: str | Path) -> Path: ...
    def export_wish_forms(self, project: Project, folder: str | Path) -> list[Path]: ...
    def print_weeks(self, project: Project) -> list[Any]: ...
    def print_teams(self, project: Project) -> list[str]: ...
    def print_layout(self, project: Project, roster: Roster | None, *, per: str = "team",
                     weeks: list[Any] | None = None, teams: list[str] | None = None,
                     agent_ids: list[str] | None = None, language: str = "nl") -> Any: ...
    def print_file_name(self, weeks: list[Any]) -> str: ...

