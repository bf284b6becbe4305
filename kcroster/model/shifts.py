"""Shift rules: which shifts may be built, named shift types and per-day demand for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time


@dataclass
class ShiftType:
    """A named shift with fixed times, e.g. ``Vroeg 07:00-15:30``.

    ``end`` ≤ ``start`` means the shift ends the next day. ``length_minutes`` is the absolute
    duration on an ordinary day (a shift across a DST change is an hour longer or shorter in
    wall-clock terms; the checker always works in absolute time). ``unpopular`` marks shifts whose
    burden fairness spreads (nights, late evenings).
    """

    name: str
    start: time
    end: time
    unpopular: bool = False
    color: str | None = None

    @property
    def length_minutes(self) -> int:
        a = self.start.hour * 60 + self.start.minute
        b = self.end.hour * 60 + self.end.minute
        return (b - a) % 1440 or 1440


@dataclass
class ShiftDemand:
    """Staff wanted on a named shift type on a day, with penalties per missing/extra person."""

    day: date
    shift_type: str
    required: int
    weight_under: int = 100
    weight_over: int = 1


@dataclass
class ShiftRules:
    """How shifts are formed.

    With ``use_templates`` the solver builds shifts from the start grid and length range
    (starting every ``start_step_minutes``, lengths from ``min_length_minutes`` to
    ``max_length_minutes`` in ``length_step_minutes``), within opening hours. Named
    ``shift_types`` are always available as well; with ``use_templates=False`` they are the only
    shifts (classic nurse-rostering style with per-day ``type_demand``).

    ``forbidden_sequences`` lists (a, b): shift type b may not be worked the day after a
    (a CAO rule on top of the legal rest). ``early_start_before`` / ``late_end_after`` define the
    "vroeg" and "laat" wishes.
    """

    use_templates: bool = True
    start_step_minutes: int = 30
    min_length_minutes: int = 240
    max_length_minutes: int = 540
    length_step_minutes: int = 60
    shift_types: list[ShiftType] = field(default_factory=list)
    type_demand: list[ShiftDemand] = field(default_factory=list)
    forbidden_sequences: list[tuple[str, str]] = field(default_factory=list)
    early_start_before: time = time(9, 0)
    late_end_after: time = time(18, 0)
    break_minutes_short: int = 15  # a break part
    # the shortest stretch on one queue between queue changes a planner accepts (0: no minimum);
    # the solver deals queues to respect it, the checker warns where it could not
    min_queue_block_minutes: int = 60
    max_paid_hours_per_day: float | None = None

    def type_by_name(self, name: str) -> ShiftType:
        for t in self.shift_types:
            if t.name == name:
                return t
        raise KeyError(name)
