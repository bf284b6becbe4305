"""Hours over contract (meeruren): one definition for the solver's cost, the checker's warning
``contract_over_hours`` and the planner's figure (``pipeline.hours_over_contract``).

Per agent and plan week (weeks start on ``Horizon.week_start``, Monday by default: the ISO
weeks), the minutes of work above the week's contract minutes
(:func:`~kcroster.rules.catalogue.week_contract_minutes`: the contract hours less a contract day
per full leave day). A shift's work counts in the week of the day it starts. Three kinds of week
are not judged, so they have no minutes over contract:

* a week the plan cuts (the plan starts or ends inside it): the rest of its hours belong to the
  neighbouring plan's roster, so no share of the contract says what is over it;
* a week in which a reintegration step is in force: the plan replaces the contract;
* any week of an agent without contract hours (an on-call contract has none to exceed).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from kcroster.model import Agent, Project, Roster, step_in_force
from kcroster.rules.catalogue import week_contract_minutes


def full_leave_dates(project: Project, agent_id: str) -> set[date]:
    """The plan's days that the agent's leave covers from midnight to midnight (local time); a
    day covered by two leave periods that meet counts too. They lower the week's contract."""
    periods = sorted((lv.start.timestamp(), lv.end.timestamp()) for lv in project.leave if lv.agent_id == agent_id)
    merged: list[list[float]] = []
    for a, b in periods:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    tz = project.horizon.tz
    out: set[date] = set()
    for day in project.horizon.dates if merged else ():
        lo = datetime.combine(day, datetime.min.time(), tzinfo=tz).timestamp()
        hi = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tz).timestamp()
        if any(a <= lo and b >= hi for a, b in merged):
            out.add(day)
    return out


def week_contract_limit(project: Project, agent: Agent, days: Sequence[date],
                        leave_dates: Collection[date]) -> int | None:
    """The contract minutes of the plan week whose days in the plan are ``days``: work above
    them is over contract. None for a week that is not judged (cut by the plan, under a
    reintegration step, an agent without contract hours; see the module's text)."""
    if len(days) < 7 or agent.contract_hours <= 0:
        return None
    plan = project.reintegration_plan(agent.id)
    if plan and any(step_in_force(plan, d) is not None for d in days):
        return None
    return week_contract_minutes(agent, 7, sum(1 for d in days if d in leave_dates))


def plan_weeks(project: Project) -> dict[int, list[date]]:
    """Week index within the plan (``Horizon.week_index``) → the week's days in the plan."""
    weeks: dict[int, list[date]] = {}
    for day in project.horizon.dates:
        weeks.setdefault(project.horizon.week_index(day), []).append(day)
    return weeks


class WeekOver(NamedTuple):
    """An agent's plan week with work over contract: the work minutes and the contract's."""

    worked: float
    contract: int

    @property
    def minutes(self) -> float:
        """The minutes over contract."""
        return self.worked - self.contract


def minutes_over(worked: float, contract: int | None) -> float:
    """The minutes of ``worked`` above a week's ``contract`` (0 in a week not judged: None)."""
    return 0.0 if contract is None else max(0.0, worked - contract)


def minutes_over_contract(project: Project, roster: Roster) -> dict[tuple[str, date], WeekOver]:
    """Per (agent id, first day of the plan week) in which the agent works over contract: the
    week's work and contract minutes (the minutes over: ``WeekOver.minutes``)."""
    hz = project.horizon
    worked: dict[tuple[str, int], float] = {}
    for s in roster.shifts:
        if hz.start <= s.day < hz.end:
            key = (s.agent_id, hz.week_index(s.day))
            worked[key] = worked.get(key, 0.0) + s.work_minutes
    weeks = plan_weeks(project)
    out: dict[tuple[str, date], WeekOver] = {}
    for agent in project.agents:
        leave = full_leave_dates(project, agent.id)
        for w, days in weeks.items():
            got = worked.get((agent.id, w), 0.0)
            contract = week_contract_limit(project, agent, days, leave) if got else None
            if minutes_over(got, contract) > 1e-6:  # float noise of timestamps is no work
                out[(agent.id, days[0])] = WeekOver(got, contract)
    return out
