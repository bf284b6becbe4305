"""Rosters: shifts per agent per day, each partitioned into activity segments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

BREAK = "break"
WORK = "work"  # duty without a specific queue (shift-type-only rosters)


@dataclass
class Segment:
    """``[start, end)`` doing ``activity``: a queue name or :data:`BREAK`."""

    start: datetime
    end: datetime
    activity: str


@dataclass
class Shift:
    """One shift of one agent, belonging to local day ``day`` (the day it starts).

    ``segments`` partition ``[start, end)`` exactly. ``shift_type`` names a :class:`ShiftType`
    when the shift is one. ``locked`` shifts are kept by the optimiser.
    """

    agent_id: str
    day: date
    start: datetime
    end: datetime
    segments: list[Segment] = field(default_factory=list)
    shift_type: str | None = None
    locked: bool = False

    @property
    def duration_minutes(self) -> float:
        return (self.end.timestamp() - self.start.timestamp()) / 60  # absolute, DST-safe

    @property
    def break_minutes(self) -> float:
        return sum((s.end.timestamp() - s.start.timestamp()) / 60 for s in self.segments if s.activity == BREAK)

    @property
    def work_minutes(self) -> float:
        return self.duration_minutes - self.break_minutes


class RosterStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CHANGED = "changed"  # changed after publishing


@dataclass
class Roster:
    shifts: list[Shift] = field(default_factory=list)
    name: str = "rooster"
    status: RosterStatus = RosterStatus.DRAFT
    published_at: datetime | None = None
    published_by: str | None = None

    def by_agent(self) -> dict[str, list[Shift]]:
        out: dict[str, list[Shift]] = {}
        for s in sorted(self.shifts, key=lambda s: (s.agent_id, s.start)):
            out.setdefault(s.agent_id, []).append(s)
        return out

    def shift_on(self, agent_id: str, day: date) -> Shift | None:
        for s in self.shifts:
            if s.agent_id == agent_id and s.day == day:
                return s
        return None
