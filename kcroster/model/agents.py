"""Agents (medewerkers), their contracts, skills, leave, wishes and reintegration plans.

Privacy (AVG): a reintegration plan and a sick period hold restrictions and dates only — never
a diagnosis, complaint or treatment. There is deliberately no field for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum


@dataclass
class Agent:
    """An agent with contract and operational limits.

    Week-based limits apply per horizon week (weeks start on ``Horizon.week_start``); ``*_total``
    limits apply over the whole horizon (contracts that count minutes per period).
    """

    id: str
    name: str
    contract_hours: float = 36.0  # per week
    min_hours: float | None = None  # per week; None → contract − 10 %
    max_hours: float | None = None  # per week; None → contract + 10 %
    max_days_per_week: int | None = 5
    skills: tuple[str, ...] = ()
    earliest_start: time | None = None
    latest_end: time | None = None
    birth_date: date | None = None
    # operational contract rules (CAO); None means "no such rule"
    max_consecutive_days: int | None = 6
    min_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None  # weekends with any work over the horizon
    min_minutes_total: int | None = None
    max_minutes_total: int | None = None
    max_shifts_per_type: dict[str, int] = field(default_factory=dict)  # 0 = never this type
    allowed_shift_types: tuple[str, ...] | None = None
    team: str | None = None

    @property
    def week_min_hours(self) -> float:
        return self.min_hours if self.min_hours is not None else round(self.contract_hours * 0.9, 2)

    @property
    def week_max_hours(self) -> float:
        return self.max_hours if self.max_hours is not None else round(self.contract_hours * 1.1, 2)

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def is_youth_on(self, day: date) -> bool:
        age = self.age_on(day)
        return age is not None and age < 18


@dataclass
class Leave:
    """Absence: the agent may not work in ``[start, end)`` (aware datetimes)."""

    agent_id: str
    start: datetime
    end: datetime
    label: str = "verlof"


class WishKind(StrEnum):
    OFF = "off"  # day off wanted
    EARLY = "early"  # an early shift
    LATE = "late"  # a late shift
    WINDOW = "window"  # start within [window_start, window_end]
    SHIFT = "shift"  # this named shift type wanted
    NOT_SHIFT = "not_shift"  # not this named shift type
    WORK = "work"  # any shift wanted


@dataclass
class Wish:
    agent_id: str
    day: date
    kind: WishKind
    weight: int = 1  # 1–3 in workbooks; any positive integer internally
    must: bool = False
    window_start: time | None = None
    window_end: time | None = None
    shift_type: str | None = None


@dataclass
class ReintegrationStep:
    """One step of a Wet Poortwachter build-up plan, in force from ``from_date`` on.

    Only restrictions and dates. ``productivity`` is the fraction (0–1) of a worked hour that
    counts as productive capacity for coverage (therapeutic hours are counted apart).
    """

    agent_id: str
    from_date: date
    max_hours_week: float | None = None
    max_hours_day: float | None = None
    days: frozenset[int] | None = None  # allowed weekdays, 0 = Monday
    max_days_week: int | None = None
    min_rest_days_between: int | None = None
    window: tuple[time, time] | None = None
    queues: tuple[str, ...] | None = None  # allowed activities; None = all skills
    first_sick_day: date | None = None
    productivity: float = 1.0
    max_continuous_minutes: int | None = None
    extra_break_minutes: int = 0


def step_in_force(steps: list[ReintegrationStep], day: date) -> ReintegrationStep | None:
    """The latest step whose ``from_date`` is on or before ``day``."""
    best: ReintegrationStep | None = None
    for s in steps:
        if s.from_date <= day and (best is None or s.from_date >= best.from_date):
            best = s
    return best


@dataclass(frozen=True)
class SickPeriod:
    """Sick from ``start`` through ``end`` inclusive; ``end=None`` means still sick.

    Dates only (AVG): no diagnosis. ``agent_id`` comes last with a default so the Poortwachter
    arithmetic, which only needs the dates, can build anonymous periods positionally.
    """

    start: date
    end: date | None = None
    agent_id: str = ""

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"ziekteperiode eindigt ({self.end}) vóór de eerste ziektedag ({self.start})")
