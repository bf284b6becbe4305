"""Planner edits as domain operations with undo and redo.

Every change a planner makes (drag a shift, draw a new one, swap two agents, lock a shift, edit
an agent's contract, add or remove an agent, set a wish, accept or publish a roster,
add/rename/remove a scenario, enter leave, a sick period or a reintegration step) is an
:class:`Edit`; :class:`Bulk` makes several of them one undo step. :class:`EditHistory` applies it
to the project, remembers how to revert it, and tells listeners what changed, so the GUI (whose
``QUndoStack`` may mirror this) repaints only what it must. No Qt here.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np

from kcroster.model import (
    BREAK,
    WORK,
    Agent,
    Leave,
    Project,
    ReintegrationStep,
    Roster,
    RosterStatus,
    Scenario,
    Segment,
    Shift,
    Wish,
    step_in_force,
)
from kcroster.model.agents import SickPeriod
from kcroster.rules.catalogue import Severity
from kcroster.rules.checker import check
from kcroster.solver.breaks import (
    break_intervals,
    fixed_pattern,
    flex_window,
    required_break_minutes,
)
from kcroster.solver.candidates import CandidateFactory, agent_queues, queue_open_mask


@dataclass
class Changed:
    """What an edit touched.

    ``kind`` is 'roster', 'agents' (incl. leave, sick periods, reintegration), 'queues' (settings
    that change the requirement), 'wishes', 'scenarios' (a scenario added or removed: the active
    one may differ) or 'scenario_name' (a rename: only labels change).
    """

    kind: str
    agent_ids: set[str] = field(default_factory=set)
    days: set[date] = field(default_factory=set)


class Edit:
    label = "bewerking"
    #: index of the scenario the edit acts on, fixed at its first apply: switching scenarios is
    #: not an edit, so undo must not follow the active scenario to a different one
    _scenario: int | None = None

    def _sc(self, project: Project) -> Scenario:
        if self._scenario is None:
            self._scenario = project.active_scenario
        return project.scenarios[self._scenario]

    def apply(self, project: Project) -> Changed:  # pragma: no cover - interface
        raise NotImplementedError

    def revert(self, project: Project) -> Changed:  # pragma: no cover - interface
        raise NotImplementedError


def _roster(sc: Scenario) -> Roster:
    if sc.roster is None:
        sc.roster = Roster()
    return sc.roster


def _find(roster: Roster, agent_id: str, day: date) -> int:
    for i, s in enumerate(roster.shifts):
        if s.agent_id == agent_id and s.day == day:
            return i
    raise KeyError(f"geen dienst voor {agent_id} op {day.isoformat()}")


def retime_segments(shift: Shift, new_start: datetime, new_end: datetime) -> list[Segment]:
    """Segments for ``shift`` moved/resized to ``[new_start, new_end)``.

    A pure move keeps every segment at the same offset. A resize keeps segments that still fit,
    clips the ones cut by the new bounds, and stretches the first/last work activity to fill new
    time; breaks keep their absolute offset from the start when they still lie strictly inside.
    """
    old_len = shift.end.timestamp() - shift.start.timestamp()
    new_len = new_end.timestamp() - new_start.timestamp()
    delta = timedelta(seconds=new_start.timestamp() - shift.start.timestamp())
    segs = sorted(shift.segments, key=lambda s: s.start) or [Segment(shift.start, shift.end, "work")]
    if abs(new_len - old_len) < 1e-6:
        return [Segment(s.start + delta, s.end + delta, s.activity) for s in segs]
    moved = [Segment(s.start + delta, s.end + delta, s.activity) for s in segs]
    out: list[Segment] = []
    for s in moved:
        a = max(s.start, new_start)
        b = min(s.end, new_end)
        if b > a:
            out.append(Segment(a, b, s.activity))
    work = [s.activity for s in moved if s.activity != BREAK] or ["work"]
    if not out:
        return [Segment(new_start, new_end, work[0])]
    if out[0].activity == BREAK:
        out[0] = Segment(out[0].start, out[0].end, work[0])
    if out[-1].activity == BREAK:
        out[-1] = Segment(out[-1].start, out[-1].end, work[-1])
    out[0] = Segment(new_start, out[0].end, out[0].activity)
    out[-1] = Segment(out[-1].start, new_end, out[-1].activity)
    merged: list[Segment] = []
    for s in out:
        if merged and merged[-1].activity == s.activity and merged[-1].end == s.start:
            merged[-1] = Segment(merged[-1].start, s.end, s.activity)
        else:
            merged.append(s)
    return merged


class _ShiftListEdit(Edit):
    """Base for edits that replace some shifts of the roster; undo restores the snapshot."""

    def __init__(self) -> None:
        self._before: list[Shift] | None = None

    def _changed(self, shifts: list[Shift]) -> Changed:
        return Changed("roster", {s.agent_id for s in shifts}, {s.day for s in shifts})

    def _mutate(self, roster: Roster) -> list[Shift]:  # pragma: no cover - interface
        raise NotImplementedError

    def apply(self, project: Project) -> Changed:
        roster = _roster(self._sc(project))
        self._before = copy.deepcopy(roster.shifts)
        touched = self._mutate(roster)
        roster.shifts.sort(key=lambda s: (s.agent_id, s.start))
        return self._changed(touched)

    def revert(self, project: Project) -> Changed:
        roster = _roster(self._sc(project))
        assert self._before is not None
        after = roster.shifts
        roster.shifts = self._before
        touched = [s for s in after if s not in self._before] + [s for s in self._before if s not in after]
        return self._changed(touched)


class MoveShift(_ShiftListEdit):
    """Move (and optionally resize, or hand to another agent) one shift."""

    label = "dienst verplaatsen"

    def __init__(self, agent_id: str, day: date, new_start: datetime, new_end: datetime,
                 new_agent_id: str | None = None) -> None:
        super().__init__()
        self.agent_id, self.day = agent_id, day
        self.new_start, self.new_end = new_start, new_end
        self.new_agent_id = new_agent_id

    def _mutate(self, roster: Roster) -> list[Shift]:
        i = _find(roster, self.agent_id, self.day)
        old = roster.shifts[i]
        if old.locked:
            raise ValueError("deze dienst is vastgezet; maak hem eerst los")
        target = self.new_agent_id or self.agent_id
        new_day = self.new_start.astimezone(old.start.tzinfo).date()
        for j, s in enumerate(roster.shifts):
            if j != i and s.agent_id == target and s.day == new_day:
                raise ValueError(f"{target} heeft op {new_day.isoformat()} al een dienst")
        new = Shift(target, new_day, self.new_start, self.new_end,
                    retime_segments(old, self.new_start, self.new_end), old.shift_type, False)
        new_length = self.new_end.timestamp() - self.new_start.timestamp()
        if abs(new_length - (old.end.timestamp() - old.start.timestamp())) > 1:
            new.shift_type = None
        roster.shifts[i] = new
        return [old, new]


class DeleteShift(_ShiftListEdit):
    label = "dienst verwijderen"

    def __init__(self, agent_id: str, day: date) -> None:
        super().__init__()
        self.agent_id, self.day = agent_id, day

    def _mutate(self, roster: Roster) -> list[Shift]:
        i = _find(roster, self.agent_id, self.day)
        if roster.shifts[i].locked:
            raise ValueError("deze dienst is vastgezet; maak hem eerst los")
        return [roster.shifts.pop(i)]


class AddShift(_ShiftListEdit):
    label = "dienst toevoegen"

    def __init__(self, shift: Shift) -> None:
        super().__init__()
        self.shift = shift

    def _mutate(self, roster: Roster) -> list[Shift]:
        if roster.shift_on(self.shift.agent_id, self.shift.day) is not None:
            raise ValueError(f"{self.shift.agent_id} heeft op {self.shift.day.isoformat()} al een dienst")
        new = copy.deepcopy(self.shift)
        if not new.segments:
            new.segments = [Segment(new.start, new.end, "work")]
        roster.shifts.append(new)
        return [new]


class SwapShifts(_ShiftListEdit):
    """Swap the shifts (or shift and day off) of two agents on one day."""

    label = "diensten ruilen"

    def __init__(self, agent_a: str, agent_b: str, day: date) -> None:
        super().__init__()
        self.agent_a, self.agent_b, self.day = agent_a, agent_b, day

    def _mutate(self, roster: Roster) -> list[Shift]:
        touched: list[Shift] = []
        for s in roster.shifts:
            if s.day == self.day and s.agent_id in (self.agent_a, self.agent_b):
                if s.locked:
                    raise ValueError("een vastgezette dienst kan niet geruild worden")
                touched.append(copy.copy(s))
                s.agent_id = self.agent_b if s.agent_id == self.agent_a else self.agent_a
                touched.append(s)
        return touched


class LockShift(_ShiftListEdit):
    label = "dienst vastzetten"

    def __init__(self, agent_id: str, day: date, locked: bool = True) -> None:
        super().__init__()
        self.agent_id, self.day, self.locked = agent_id, day, locked
        if not locked:
            self.label = "dienst losmaken"

    def _mutate(self, roster: Roster) -> list[Shift]:
        s = roster.shifts[_find(roster, self.agent_id, self.day)]
        s.locked = self.locked
        return [s]


class ReplaceRoster(Edit):
    """Accept a new roster (e.g. a solve result) for the active scenario."""

    label = "rooster vervangen"

    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self._before: Roster | None = None

    def apply(self, project: Project) -> Changed:
        sc = self._sc(project)
        self._before = sc.roster
        sc.roster = self.roster
        return Changed("roster", {s.agent_id for s in self.roster.shifts}, {s.day for s in self.roster.shifts})

    def revert(self, project: Project) -> Changed:
        self._sc(project).roster = self._before
        return Changed("roster", {s.agent_id for s in self.roster.shifts}, {s.day for s in self.roster.shifts})


class SetAgentField(Edit):
    label = "medewerker wijzigen"

    def __init__(self, agent_id: str, field_name: str, value: object) -> None:
        self.agent_id, self.field_name, self.value = agent_id, field_name, value
        self._old: object = None

    def apply(self, project: Project) -> Changed:
        agent = project.agent(self.agent_id)
        if not hasattr(agent, self.field_name):
            raise AttributeError(self.field_name)
        self._old = getattr(agent, self.field_name)
        setattr(agent, self.field_name, self.value)
        return Changed("agents", {self.agent_id})

    def revert(self, project: Project) -> Changed:
        setattr(project.agent(self.agent_id), self.field_name, self._old)
        return Changed("agents", {self.agent_id})


class SetQueueSetting(Edit):
    label = "wachtrij-instelling wijzigen"

    def __init__(self, queue: str, field_name: str, value: object) -> None:
        self.queue, self.field_name, self.value = queue, field_name, value
        self._old: object = None

    def apply(self, project: Project) -> Changed:
        q = project.queue(self.queue)
        if not hasattr(q, self.field_name):
            raise AttributeError(self.field_name)
        self._old = getattr(q, self.field_name)
        setattr(q, self.field_name, self.value)
        return Changed("queues")

    def revert(self, project: Project) -> Changed:
        setattr(project.queue(self.queue), self.field_name, self._old)
        return Changed("queues")


class SetFteHours(Edit):
    """The FTE basis: hours per week that make one FTE (``Project.fte_hours``, e.g. 36 or 38).

    Reported as a 'queues' change: every FTE figure (requirement, coverage, KPIs) is derived
    from it and must be recomputed, as after a service-target change."""

    label = "FTE-basis wijzigen"

    def __init__(self, hours: float) -> None:
        if not 0 < hours <= 80:
            raise ValueError("een FTE is tussen 0 en 80 uur per week")
        self.hours = float(hours)
        self._old = 0.0

    def apply(self, project: Project) -> Changed:
        self._old = project.fte_hours
        project.fte_hours = self.hours
        return Changed("queues")

    def revert(self, project: Project) -> Changed:
        project.fte_hours = self._old
        return Changed("queues")


class RenameProject(Edit):
    """The project's own name (``Project.name``): the window title and the suggested file name
    on "Opslaan als" use it, so it may not hold characters a file name cannot have (Windows: ``\\ / : * ? " < > |``).

    Reported like a scenario rename ('scenario_name'): only labels change, nothing is
    recomputed."""

    label = "project hernoemen"
    _NOT_IN_FILE_NAMES = set('\\/:*?"<>|')

    def __init__(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("een project heeft een naam nodig")
        if len(name) > 100:
            raise ValueError("een projectnaam is hoogstens 100 tekens")
        bad = sorted(set(name) & self._NOT_IN_FILE_NAMES)
        if bad:
            raise ValueError(f"een projectnaam kan geen {' '.join(bad)} bevatten (het wordt een bestandsnaam)")
        self.name = name
        self._old = ""

    def apply(self, project: Project) -> Changed:
        self._old = project.name
        project.name = self.name
        return Changed("scenario_name")

    def revert(self, project: Project) -> Changed:
        project.name = self._old
        return Changed("scenario_name")


class SetMinQueueBlock(Edit):
    """The shortest stretch on one queue between queue changes (``ShiftRules.min_queue_block_minutes``):
    the next solve deals queues to respect it, the rule check warns about shorter blocks now.

    Reported as a 'roster' change: the rule check of the roster on screen changes with it."""

    label = "minimale bloklengte wijzigen"

    def __init__(self, minutes: int) -> None:
        if not 0 <= minutes <= 24 * 60:
            raise ValueError("een minimale bloklengte ligt tussen 0 en 1440 minuten")
        self.minutes = int(minutes)
        self._old = 0

    def apply(self, project: Project) -> Changed:
        self._old = project.shift_rules.min_queue_block_minutes
        project.shift_rules.min_queue_block_minutes = self.minutes
        return Changed("roster")

    def revert(self, project: Project) -> Changed:
        project.shift_rules.min_queue_block_minutes = self._old
        return Changed("roster")


class SetWish(Edit):
    """Set (or with ``wish=None`` clear) an agent's wish for one day."""

    label = "wens wijzigen"

    def __init__(self, agent_id: str, day: date, wish: Wish | None) -> None:
        self.agent_id, self.day, self.wish = agent_id, day, wish
        self._old: list[Wish] = []

    def apply(self, project: Project) -> Changed:
        self._old = [w for w in project.wishes if w.agent_id == self.agent_id and w.day == self.day]
        project.wishes = [w for w in project.wishes if w not in self._old]
        if self.wish is not None:
            project.wishes.append(self.wish)
        return Changed("wishes", {self.agent_id}, {self.day})

    def revert(self, project: Project) -> Changed:
        project.wishes = [w for w in project.wishes if w is not self.wish] + self._old
        return Changed("wishes", {self.agent_id}, {self.day})


class SetScenarioField(Edit):
    """What-if settings of the active scenario (volume and AHT factors, per-queue factors,
    queue overrides, the shrinkage profile); the agent set has :class:`SetScenarioAgents`."""

    label = "scenario wijzigen"

    def __init__(self, field_name: str, value: object) -> None:
        self.field_name, self.value = field_name, value
        self._old: object = None

    def apply(self, project: Project) -> Changed:
        sc = self._sc(project)
        if self.field_name not in Scenario.__dataclass_fields__ or self.field_name in ("roster", "published",
                                                                                  "agent_ids", "name"):
            raise AttributeError(self.field_name)
        self._old = getattr(sc, self.field_name)
        setattr(sc, self.field_name, self.value)
        return Changed("queues")

    def revert(self, project: Project) -> Changed:
        setattr(self._sc(project), self.field_name, self._old)
        return Changed("queues")


class SetScenarioQueueSetting(Edit):
    """A queue's service target or shrinkage in the active scenario only (its
    ``queue_overrides``): Basis and every other scenario keep theirs. Setting the queue's own
    value removes the override."""

    label = "servicedoel in scenario wijzigen"

    def __init__(self, queue: str, field_name: str, value: object) -> None:
        self.queue, self.field_name, self.value = queue, field_name, value
        self._old: dict[str, object] | None = None

    def apply(self, project: Project) -> Changed:
        q = project.queue(self.queue)
        if self.field_name in ("name", "opening_hours") or not hasattr(q, self.field_name):
            raise AttributeError(self.field_name)
        if self.field_name == "shrinkage" and not 0.0 <= float(self.value) < 1.0:  # type: ignore[arg-type]
            raise ValueError("shrinkage is een fractie van 0 tot 1 (bijv. 0,30)")
        sc = self._sc(project)
        own = dict(sc.queue_overrides.get(self.queue, {}))
        self._old = dict(own)
        if self.value == getattr(q, self.field_name):
            own.pop(self.field_name, None)
        else:
            own[self.field_name] = self.value
        self._put(sc, own)
        return Changed("queues")

    def revert(self, project: Project) -> Changed:
        assert self._old is not None
        self._put(self._sc(project), self._old)
        return Changed("queues")

    def _put(self, sc: Scenario, own: dict[str, object]) -> None:
        overrides = dict(sc.queue_overrides)  # a new dict: a scenario copied from this one keeps its own
        if own:
            overrides[self.queue] = own
        else:
            overrides.pop(self.queue, None)
        sc.queue_overrides = overrides


class SetScenarioAgents(Edit):
    """Which agents take part in the active scenario (None = every agent). The shifts of an
    agent who leaves the scenario leave its roster too (undo puts them back), so a scenario's
    roster never holds an agent outside its set."""

    label = "medewerkers van scenario wijzigen"

    def __init__(self, agent_ids: list[str] | None) -> None:
        self.agent_ids = None if agent_ids is None else list(agent_ids)
        self._old: tuple[list[str] | None, list[Shift] | None] | None = None

    def apply(self, project: Project) -> Changed:
        known = {a.id for a in project.agents}
        unknown = sorted(set(self.agent_ids or ()) - known)
        if unknown:
            raise KeyError(f"onbekende medewerker(s): {', '.join(unknown)}")
        sc = self._sc(project)
        before = {a.id for a in project.agents if sc.takes_part(a.id)}
        self._old = (sc.agent_ids, None if sc.roster is None else list(sc.roster.shifts))
        sc.agent_ids = self.agent_ids
        if sc.roster is not None:
            sc.roster.shifts = [x for x in sc.roster.shifts if sc.takes_part(x.agent_id)]
        after = {a.id for a in project.agents if sc.takes_part(a.id)}
        return Changed("agents", before ^ after)

    def revert(self, project: Project) -> Changed:
        assert self._old is not None
        sc = self._sc(project)
        ids, shifts = self._old
        changed = {a.id for a in project.agents if sc.takes_part(a.id) != (ids is None or a.id in ids)}
        sc.agent_ids = ids
        if sc.roster is not None and shifts is not None:
            sc.roster.shifts = shifts
        return Changed("agents", changed)


class PublishRoster(Edit):
    """Publish the active scenario's roster: it becomes the reference later changes are held to."""

    label = "rooster publiceren"

    def __init__(self, by: str | None = None, at: datetime | None = None) -> None:
        self.by = by
        self.at = at  # None → the moment of the first apply (redo keeps that moment)
        self._old: tuple[object, ...] | None = None

    def apply(self, project: Project) -> Changed:
        sc = self._sc(project)
        if sc.roster is None:
            raise ValueError("er is nog geen rooster om te publiceren")
        if self.at is None:
            self.at = datetime.now(UTC)
        self._old = (sc.published, sc.roster.status, sc.roster.published_at, sc.roster.published_by)
        sc.roster.status = RosterStatus.PUBLISHED
        sc.roster.published_at = self.at
        sc.roster.published_by = self.by
        sc.published = copy.deepcopy(sc.roster)
        return Changed("roster")

    def revert(self, project: Project) -> Changed:
        sc = self._sc(project)
        assert self._old is not None and sc.roster is not None
        sc.published, sc.roster.status, sc.roster.published_at, sc.roster.published_by = self._old  # type: ignore[assignment]
        return Changed("roster")


def _check_scenario_name(project: Project, name: str, except_index: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise ValueError("een scenario heeft een naam nodig")
    for i, sc in enumerate(project.scenarios):
        if i != except_index and sc.name.casefold() == name.casefold():
            raise ValueError(f"er is al een scenario '{sc.name}'")
    return name


class AddScenario(Edit):
    """Copy the active scenario (settings and roster, not what was published) under a new name and
    make it active. Undo removes it and reactivates the scenario that was active before."""

    label = "scenario toevoegen"

    def __init__(self, name: str) -> None:
        self.name = name
        self._new: Scenario | None = None
        self._prev_active = 0

    def apply(self, project: Project) -> Changed:
        name = _check_scenario_name(project, self.name)
        self._prev_active = project.active_scenario
        if self._new is None:  # redo re-inserts the very same object, so later edits still match
            new = copy.deepcopy(project.scenario)
            new.name = name
            new.published = None
            if new.roster is not None:
                new.roster.status = RosterStatus.DRAFT
                new.roster.published_at = new.roster.published_by = None
            self._new = new
        project.scenarios.append(self._new)
        project.active_scenario = len(project.scenarios) - 1
        return Changed("scenarios")

    def revert(self, project: Project) -> Changed:
        assert self._new is not None
        project.scenarios.pop()
        project.active_scenario = self._prev_active
        return Changed("scenarios")


class RenameScenario(Edit):
    label = "scenario hernoemen"

    def __init__(self, index: int, name: str) -> None:
        self.index, self.name = index, name
        self._old = ""

    def apply(self, project: Project) -> Changed:
        sc = project.scenarios[self.index]
        name = _check_scenario_name(project, self.name, self.index)
        self._old = sc.name
        sc.name = name
        return Changed("scenario_name")

    def revert(self, project: Project) -> Changed:
        project.scenarios[self.index].name = self._old
        return Changed("scenario_name")


class RemoveScenario(Edit):
    """Remove a scenario (never the last one); undo puts it back at its place."""

    label = "scenario verwijderen"

    def __init__(self, index: int) -> None:
        self.index = index
        self._removed: Scenario | None = None
        self._prev_active = 0

    def apply(self, project: Project) -> Changed:
        if len(project.scenarios) <= 1:
            raise ValueError("het laatste scenario kan niet verwijderd worden")
        if not 0 <= self.index < len(project.scenarios):
            raise KeyError(f"geen scenario {self.index}")
        self._prev_active = project.active_scenario
        self._removed = project.scenarios.pop(self.index)
        a = project.active_scenario
        # keep the same scenario active when it survives; otherwise its neighbour
        project.active_scenario = a - 1 if a > self.index else min(a, len(project.scenarios) - 1)
        return Changed("scenarios")

    def revert(self, project: Project) -> Changed:
        assert self._removed is not None
        project.scenarios.insert(self.index, self._removed)
        project.active_scenario = self._prev_active
        return Changed("scenarios")


class _ListItemEdit(Edit):
    """Add, replace or remove one item of a project list (leave, sick periods, reintegration).

    ``old`` is found by equality (the dataclasses compare by value); ``None`` means add. ``new``
    ``None`` means remove. Undo restores the list exactly, order included.
    """

    attr = ""
    noun = ""

    def __init__(self, old: object | None, new: object | None) -> None:
        if old is None and new is None:
            raise ValueError("niets te wijzigen")
        self.old, self.new = old, new
        self._before: list[object] | None = None

    def _agent(self) -> str:
        return str(getattr(self.new if self.new is not None else self.old, "agent_id", ""))

    def _validate(self, project: Project, items: list[object]) -> None:
        """Refuse a change that would leave the list inconsistent (raises ``ValueError``)."""

    def apply(self, project: Project) -> Changed:
        items: list[object] = getattr(project, self.attr)
        self._before = list(items)
        after = list(items)
        if self.old is not None:
            try:
                i = after.index(self.old)
            except ValueError:
                raise KeyError(f"{self.noun} niet gevonden") from None
            if self.new is None:
                after.pop(i)
            else:
                after[i] = self.new
        else:
            after.append(self.new)
        self._validate(project, after)
        setattr(project, self.attr, after)
        agents = ({self._agent()} | {str(getattr(self.old, "agent_id", ""))}) - {""}
        return Changed("agents", agents)

    def revert(self, project: Project) -> Changed:
        assert self._before is not None
        setattr(project, self.attr, list(self._before))
        return Changed("agents", {self._agent()} - {""})


class AddLeave(_ListItemEdit):
    label = "verlof toevoegen"
    attr, noun = "leave", "verlof"

    def __init__(self, leave: Leave) -> None:
        if leave.end <= leave.start:
            raise ValueError("verlof moet eindigen na het begin")
        super().__init__(None, leave)


class RemoveLeave(_ListItemEdit):
    label = "verlof verwijderen"
    attr, noun = "leave", "verlof"

    def __init__(self, leave: Leave) -> None:
        super().__init__(leave, None)


class SetSickPeriod(_ListItemEdit):
    """Add (``old=None``), change or remove (``new=None``) a sick period — dates only."""

    label = "ziekteperiode wijzigen"
    attr, noun = "sick_periods", "ziekteperiode"

    def __init__(self, old: SickPeriod | None, new: SickPeriod | None) -> None:
        super().__init__(old, new)


class SetReintegrationStep(_ListItemEdit):
    """Add, replace or remove a reintegration step: restrictions and dates only.

    A step is identified by agent and start date, so an agent cannot have two steps starting on
    the same day (the plan would be ambiguous).
    """

    label = "re-integratiestap wijzigen"
    attr, noun = "reintegration", "re-integratiestap"

    def __init__(self, old: ReintegrationStep | None, new: ReintegrationStep | None) -> None:
        super().__init__(old, new)
        if new is not None:
            if (new.max_hours_week is not None and new.max_hours_week < 0
                    or new.max_hours_day is not None and new.max_hours_day < 0):
                raise ValueError("maximale uren kunnen niet negatief zijn")
            if not 0.0 <= new.productivity <= 1.0:
                raise ValueError("productiviteit ligt tussen 0 en 1")
            if new.window is not None and new.window[1] <= new.window[0]:
                raise ValueError("het tijdvenster moet eindigen na het begin")

    def _validate(self, project: Project, items: list[object]) -> None:
        keys = [(s.agent_id, s.from_date) for s in items if isinstance(s, ReintegrationStep)]
        if len(keys) != len(set(keys)):
            raise ValueError("deze medewerker heeft al een stap vanaf die datum")


Listener = Callable[[Changed], None]


class EditHistory:
    """Undo/redo stack of :class:`Edit` objects applied to one project."""

    def __init__(self, project: Project, limit: int = 500) -> None:
        self.project = project
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._limit = limit
        self._listeners: list[Listener] = []
        self.dirty = False

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _notify(self, changed: Changed) -> Changed:
        self.dirty = True
        for cb in list(self._listeners):
            cb(changed)
        return changed

    def apply(self, edit: Edit) -> Changed:
        changed = edit.apply(self.project)
        self._done.append(edit)
        del self._done[: -self._limit]
        self._undone.clear()
        return self._notify(changed)

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def undo(self) -> Changed | None:
        if not self._done:
            return None
        edit = self._done.pop()
        changed = edit.revert(self.project)
        self._undone.append(edit)
        return self._notify(changed)

    def redo(self) -> Changed | None:
        if not self._undone:
            return None
        edit = self._undone.pop()
        changed = edit.apply(self.project)
        self._done.append(edit)
        return self._notify(changed)


class SetActivity(_ShiftListEdit):
    """Give ``[start, end)`` of one shift another activity — a queue, or :data:`BREAK` to place a
    break — clipped to the shift; the shift's times stay. The planner's "change the queue of
    this block" and "break here" from the Gantt's context menu."""

    label = "wachtrij wijzigen"

    def __init__(self, agent_id: str, day: date, start: datetime, end: datetime, activity: str) -> None:
        super().__init__()
        if end <= start:
            raise ValueError("het blok moet eindigen na het begin")
        self.agent_id, self.day, self.start, self.end, self.activity = agent_id, day, start, end, activity
        if activity == BREAK:
            self.label = "pauze plaatsen"

    def _mutate(self, roster: Roster) -> list[Shift]:
        i = _find(roster, self.agent_id, self.day)
        old = roster.shifts[i]
        if old.locked:
            raise ValueError("deze dienst is vastgezet; maak hem eerst los")
        a, b = max(self.start, old.start), min(self.end, old.end)
        if b <= a:
            raise ValueError("dat tijdstip valt buiten de dienst")
        segs = sorted(old.segments, key=lambda s: s.start) or [Segment(old.start, old.end, "work")]
        parts: list[Segment] = []
        for s in segs:
            if s.start < a:
                parts.append(Segment(s.start, min(s.end, a), s.activity))
            if s.end > b:
                parts.append(Segment(max(s.start, b), s.end, s.activity))
        parts.append(Segment(a, b, self.activity))
        merged: list[Segment] = []
        for s in sorted(parts, key=lambda s: s.start):
            if merged and merged[-1].activity == s.activity and merged[-1].end == s.start:
                merged[-1] = Segment(merged[-1].start, s.end, s.activity)
            else:
                merged.append(s)
        if merged[0].activity == BREAK or merged[-1].activity == BREAK:
            raise ValueError("een dienst begint en eindigt met werk, niet met pauze")
        new = copy.copy(old)
        new.segments = merged
        roster.shifts[i] = new
        return [old, new]


class CopyShift(_ShiftListEdit):
    """Copy one shift (same local times, same blocks and breaks, not locked) to other days of the
    same agent, as one edit; a day that already has a shift refuses the whole copy."""

    label = "dienst kopiëren"

    def __init__(self, agent_id: str, day: date, to_days: list[date]) -> None:
        super().__init__()
        self.agent_id, self.day, self.to_days = agent_id, day, sorted(set(to_days) - {day})
        if not self.to_days:
            raise ValueError("kies een andere dag om naartoe te kopiëren")

    def _mutate(self, roster: Roster) -> list[Shift]:
        old = roster.shifts[_find(roster, self.agent_id, self.day)]
        added: list[Shift] = []
        for d in self.to_days:
            if roster.shift_on(self.agent_id, d) is not None:
                raise ValueError(f"{self.agent_id} heeft op {d.isoformat()} al een dienst")
            n = timedelta(days=(d - self.day).days)  # wall-clock days: the same local times across DST
            segs = [Segment(s.start + n, s.end + n, s.activity) for s in old.segments]
            added.append(Shift(self.agent_id, d, old.start + n, old.end + n, segs, old.shift_type, False))
        roster.shifts.extend(added)
        return added


# -- creating shifts -------------------------------------------------------------------------------
# A new shift gets its breaks and queues from the same rules the solver builds candidates with
# (kcroster.solver.candidates / breaks), so a shift the planner draws is one the solver could
# have made; which shifts the agent may work that day comes from the solver's candidate list,
# kept only where the independent checker finds no new error.

#: rules that judge the whole roster (staffing, published roster) rather than one agent's shifts:
#: left out when the checker sifts one agent's possible shifts (opening hours are the
#: candidates' own filter already)
_NOT_PER_AGENT = frozenset({"min_staffing", "closed_queue", "queue_block_length", "locked", "atw_notice"})


def _factory(project: Project) -> CandidateFactory:
    """The solver's candidate factory for ``project``, judging opening hours (or the forecast's
    open intervals) but no demand: an all-zero requirement switches the opening filter on."""
    zeros = np.zeros((len(project.queues), project.horizon.n_intervals))
    return CandidateFactory(project, zeros, queue_open_mask(project, zeros))


def _shift_of(project: Project, factory: CandidateFactory, agent_id: str, day: date, start_ts: int, end_ts: int,
              shift_type: str | None, brk: int, fixed: tuple[int, ...]) -> Shift:
    """A shift ``[start_ts, end_ts)`` with the break the rules need (a fixed pattern, or one block
    in the middle of the solver's break window) and on each working interval a queue of the
    agent: the queue it served the interval before while still open, else the open queue that
    stays open longest (in skill order on ties); ``work`` where none of its queues is open."""
    hz = project.horizon
    ivs = hz.interval_seconds
    n = (end_ts - start_ts) // ivs
    k0 = (start_ts - int(hz.starts_utc[0])) // ivs
    breaks = set(fixed)
    if brk:
        window = flex_window(n, brk, hz.interval_minutes)
        first = window[len(window) // 2] if len(window) else (n - brk) // 2
        breaks.update(range(first, first + brk))
    agent = project.agent(agent_id)
    queues = [factory.qindex[q] for q in agent_queues(project, agent, hz.day_index(day))]
    names = [q.name for q in project.queues]

    def is_open(q: int, off: int) -> bool:
        k = k0 + off
        return 0 <= k < factory.nk and bool(factory.open[q, k])

    def run(q: int, off: int) -> int:
        m = off
        while m < n and (m in breaks or is_open(q, m)):
            m += 1
        return m - off

    acts: list[str] = []
    current: int | None = None
    for off in range(n):
        if off in breaks:
            acts.append(BREAK)
            continue
        if current is None or not is_open(current, off):
            best = max(queues, key=lambda q: (run(q, off), -queues.index(q)), default=None)
            current = best if best is not None and is_open(best, off) else None
        acts.append(WORK if current is None else names[current])
    segs: list[Segment] = []
    tz = hz.tz
    for off, act in enumerate(acts):
        a = datetime.fromtimestamp(start_ts + off * ivs, tz)
        if segs and segs[-1].activity == act:
            segs[-1] = Segment(segs[-1].start, a + timedelta(seconds=ivs), act)
        else:
            segs.append(Segment(a, a + timedelta(seconds=ivs), act))
    return Shift(agent_id, day, datetime.fromtimestamp(start_ts, tz), datetime.fromtimestamp(end_ts, tz), segs,
                 shift_type, False)


def new_shift(project: Project, agent_id: str, day: date, start: datetime, end: datetime,
              shift_type: str | None = None) -> Shift:
    """The shift ``[start, end)`` of ``agent_id`` on ``day`` as the solver would fill it: breaks as
    the Arbeidstijdenwet (and a reintegration step's pattern) need them, queues of the agent's
    skills where they are open. Times are rounded down to the horizon's interval. Raises
    ``ValueError`` (Dutch) for an empty shift or one outside the horizon."""
    hz = project.horizon
    ivs = hz.interval_seconds
    t0 = int(hz.starts_utc[0])
    st = t0 + (int(start.timestamp()) - t0) // ivs * ivs
    en = t0 + (int(end.timestamp()) - t0) // ivs * ivs
    if en <= st:
        raise ValueError("een dienst moet minstens één interval duren")
    if not hz.start <= day < hz.end or st < t0 or st >= t0 + hz.n_intervals * ivs:
        raise ValueError(f"{day.isoformat()} valt buiten de planningshorizon")
    agent = project.agent(agent_id)
    factory = _factory(project)
    lab = project.labour
    youth = agent.is_youth_on(day)
    n = (en - st) // ivs
    brk = break_intervals(required_break_minutes((en - st) / 60, lab, youth), hz.interval_minutes, lab)
    if brk and n - brk < 2:
        brk = 0  # too short to hold a break between two stretches of work: the checker will say so
    fixed: tuple[int, ...] = ()
    step = step_in_force(project.reintegration_plan(agent_id), day)
    if step is not None and (step.max_continuous_minutes or step.extra_break_minutes):
        pattern = fixed_pattern(n, brk, step, hz.interval_minutes)
        if pattern is not None:
            fixed, brk = pattern, 0
    return _shift_of(project, factory, agent_id, day, st, en, shift_type, brk, fixed)


def _agent_errors(project: Project, agent_id: str, shifts: list[Shift]) -> Counter[tuple[str, object]]:
    """The checker's errors for one agent's shifts, by rule and moment, with the rules that
    judge the whole roster left out (:data:`_NOT_PER_AGENT`)."""
    own = copy.copy(project)
    own.agents = [project.agent(agent_id)]
    own.labour = copy.copy(project.labour)
    own.labour.disabled = set(project.labour.disabled) | _NOT_PER_AGENT
    found = check(Roster(shifts=shifts), own)
    return Counter((v.rule_id, v.when) for v in found if v.severity == Severity.ERROR and v.agent_id == agent_id)


@dataclass
class ShiftChoices:
    """What an agent may work on a day: ``shifts`` allowed, and per rule id how many of the
    solver's candidates the checker ruled out (``refused``), so an empty list can say why."""

    shifts: list[Shift]
    refused: Counter[str]
    candidates: int


def allowed_shifts(project: Project, agent_id: str, day: date) -> ShiftChoices:
    """Every shift ``agent_id`` may work on ``day`` next to the rest of the roster: the solver's
    candidates for that agent-day (shift form and named types, contract, availability and leave,
    reintegration step, opening hours, Arbeidstijdenwet for one shift), kept when the checker
    finds no error on the agent's shifts that was not there without it (rest, week hours, days
    per week, consecutive days, a mandatory wish). Named shift types first, then by start and
    length. None on a day that has a shift already or lies outside the horizon."""
    roster = project.scenario.roster
    mine = [s for s in (roster.shifts if roster else []) if s.agent_id == agent_id]
    if any(s.day == day for s in mine) or not project.horizon.start <= day < project.horizon.end:
        return ShiftChoices([], Counter(), 0)
    agent = project.agent(agent_id)
    factory = _factory(project)
    di = project.horizon.day_index(day)
    before = _agent_errors(project, agent_id, mine)
    out: list[Shift] = []
    refused: Counter[str] = Counter()
    candidates = factory.for_agent_day(agent, di, factory.raw_shapes(di))
    for c in candidates:
        shift = _shift_of(project, factory, agent_id, day, c.start_ts, c.end_ts, c.shift_type, c.brk,
                          c.fixed_breaks)
        new_errors = _agent_errors(project, agent_id, [*mine, shift]) - before
        if new_errors:
            refused.update({rule_id for rule_id, _when in new_errors})
        else:
            out.append(shift)
    out.sort(key=lambda s: (s.shift_type is None, s.start, s.end))
    return ShiftChoices(out, refused, len(candidates))


class CreateShift(AddShift):
    """A new shift ``[start, end)`` for an agent on a day without one, filled by :func:`new_shift`
    (breaks, queues); the planner's click-drag on an empty day or a choice from the day's menu
    of allowed shifts. Refused where the agent is on leave."""

    label = "dienst maken"

    def __init__(self, agent_id: str, day: date, start: datetime, end: datetime, shift_type: str | None = None) -> None:
        super().__init__(Shift(agent_id, day, start, end, [], shift_type))

    def apply(self, project: Project) -> Changed:
        s = self.shift
        for lv in project.leave:
            if lv.agent_id == s.agent_id and lv.start < s.end and s.start < lv.end:
                raise ValueError(f"{s.agent_id} is afwezig ({lv.label}) in die tijd")
        if not self.shift.segments:  # built once: redo adds the very same shift
            self.shift = new_shift(project, s.agent_id, s.day, s.start, s.end, s.shift_type)
        return super().apply(project)


# -- several edits as one ------------------------------------------------------------------------


class Bulk(Edit):
    """Several edits applied as one undo step (the Gantt's bulk delete, lock, queue change and
    move of a multi-selection). All or nothing: when one is refused, those already applied are
    reverted and the refusal is raised. Undo reverts them in reverse order."""

    def __init__(self, edits: list[Edit], label: str) -> None:
        if not edits:
            raise ValueError("niets geselecteerd")
        self.edits, self.label = list(edits), label

    @staticmethod
    def _merge(changes: list[Changed]) -> Changed:
        kinds = {c.kind for c in changes}
        kind = kinds.pop() if len(kinds) == 1 else "all"
        return Changed(kind, set().union(*(c.agent_ids for c in changes)), set().union(*(c.days for c in changes)))

    def apply(self, project: Project) -> Changed:
        done: list[Changed] = []
        for i, e in enumerate(self.edits):
            try:
                done.append(e.apply(project))
            except (ValueError, KeyError):
                for prev in reversed(self.edits[:i]):
                    prev.revert(project)
                raise
        return self._merge(done)

    def revert(self, project: Project) -> Changed:
        return self._merge([e.revert(project) for e in reversed(self.edits)])


# -- agents ----------------------------------------------------------------------------------------


class AddAgent(Edit):
    """Add an agent to the project (Medewerkers → Toevoegen). The id must be new and the name
    not empty; skills must be queues of the project. Undo takes the agent out again."""

    label = "medewerker toevoegen"

    def __init__(self, agent: Agent) -> None:
        if not agent.id.strip() or not agent.name.strip():
            raise ValueError("een medewerker heeft een nummer en een naam nodig")
        if not 0 <= agent.contract_hours <= 80:
            raise ValueError("contracturen liggen tussen 0 en 80 per week")
        self.agent = agent

    def apply(self, project: Project) -> Changed:
        if any(a.id == self.agent.id for a in project.agents):
            raise ValueError(f"er is al een medewerker met nummer {self.agent.id}")
        unknown = [s for s in self.agent.skills if s not in {q.name for q in project.queues}]
        if unknown:
            raise ValueError(f"onbekende wachtrij: {', '.join(unknown)}")
        project.agents.append(self.agent)
        return Changed("agents", {self.agent.id})

    def revert(self, project: Project) -> Changed:
        project.agents.remove(self.agent)
        return Changed("agents", {self.agent.id})


class RemoveAgent(Edit):
    """Remove an agent with everything that is theirs: their shifts in every scenario's roster,
    wishes, leave, sick periods and reintegration plan. Published rosters stay as they were
    published. Undo puts it all back exactly, order included."""

    label = "medewerker verwijderen"
    _LISTS = ("agents", "leave", "wishes", "reintegration", "sick_periods")

    def __init__(self, agent_id: str) -> None:
        self.agent_id = agent_id
        self._before: dict[str, list[object]] = {}
        self._rosters: list[tuple[Roster, list[Shift]]] = []

    def apply(self, project: Project) -> Changed:
        project.agent(self.agent_id)  # KeyError for an unknown agent
        self._before = {name: getattr(project, name) for name in self._LISTS}
        for name, items in self._before.items():
            keep = [x for x in items if (x.id if name == "agents" else x.agent_id) != self.agent_id]  # type: ignore[attr-defined]
            setattr(project, name, keep)
        self._rosters = [(sc.roster, sc.roster.shifts) for sc in project.scenarios if sc.roster is not None]
        days: set[date] = set()
        for roster, shifts in self._rosters:
            days |= {s.day for s in shifts if s.agent_id == self.agent_id}
            roster.shifts = [s for s in shifts if s.agent_id != self.agent_id]
        return Changed("agents", {self.agent_id}, days)

    def revert(self, project: Project) -> Changed:
        for name, items in self._before.items():
            setattr(project, name, items)
        for roster, shifts in self._rosters:
            roster.shifts = shifts
        return Changed("agents", {self.agent_id})
