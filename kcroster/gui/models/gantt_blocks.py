"""Why a Gantt row is empty: the leave, reintegration days, sick days and public holidays the
roster Gantt draws behind the shifts (issue 24 item 10).

The Gantt is the planner's screen, but colleagues look over shoulders: a block says only
*Verlof*, *Re-integratie* or *Niet beschikbaar*, decided by the rule the printed roster uses
for the notice board (:func:`kcroster.pipeline.absence_kind`): an absence that reads
"niet beschikbaar" on paper never shows its reason here either. Ordinary leave keeps its own
label ("vakantie", "cursus") for the tooltip. No Qt here; the widget paints these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kcroster.model import Project, step_in_force
from kcroster.pipeline import absence_kind

LEAVE = "leave"  # planned absence: "Verlof"
REINTEGRATION = "reintegration"  # a reintegration appointment or a day the plan rules out
UNAVAILABLE = "unavailable"  # sick, or an absence about health: "Niet beschikbaar", never why


@dataclass(frozen=True)
class Absence:
    """``agent_id`` cannot work in ``[start, end)`` (aware datetimes) for a reason of ``kind``;
    ``detail`` is the leave's own label, only for ordinary leave."""

    agent_id: str
    start: datetime
    end: datetime
    kind: str
    detail: str = ""


def _whole_days(project: Project, agent_id: str, first: date, last: date, kind: str) -> list[Absence]:
    """One block per local day from ``first`` through ``last`` clipped to the horizon."""
    hz, tz = project.horizon, project.horizon.tz
    out = []
    d = max(first, hz.start)
    while d <= min(last, hz.end - timedelta(days=1)):
        out.append(Absence(agent_id, datetime.combine(d, time(0), tz),
                           datetime.combine(d + timedelta(days=1), time(0), tz), kind))
        d += timedelta(days=1)
    return out


def absences(project: Project) -> list[Absence]:
    """Every absence block of the project's agents within the horizon: leave entries as entered
    (partial days too), every day of a sick period, and the days a reintegration step in force
    rules out (its allowed weekdays)."""
    out: list[Absence] = []
    for lv in project.leave:
        kind = absence_kind(lv.label)
        if kind in ("reintegration", "unavailable"):
            out.append(Absence(lv.agent_id, lv.start, lv.end,
                               REINTEGRATION if kind == "reintegration" else UNAVAILABLE))
        else:
            out.append(Absence(lv.agent_id, lv.start, lv.end, LEAVE, lv.label))
    hz = project.horizon
    for sp in project.sick_periods:
        out += _whole_days(project, sp.agent_id, sp.start, sp.end or hz.end, UNAVAILABLE)
    for aid in dict.fromkeys(s.agent_id for s in project.reintegration):
        plan = project.reintegration_plan(aid)
        for d in hz.dates:
            step = step_in_force(plan, d)
            if step is not None and step.days is not None and d.weekday() not in step.days:
                out += _whole_days(project, aid, d, d, REINTEGRATION)
    return out


def public_holidays(days: tuple[date, ...], language: str) -> dict[date, str]:
    """Dutch public holidays among ``days`` named in ``language`` (``nl`` or ``en``), from the
    ``holidays`` package the checker and the solver read (a declared dependency)."""
    import holidays

    table = holidays.country_holidays("NL", years=sorted({d.year for d in days}),
                                      language="en_US" if language == "en" else "nl")
    return {d: str(table[d]) for d in days if d in table}
