"""Import of an edited planner workbook: the ``Rooster`` grid back into a roster.

A planner edits the grid of the planner workbook (:mod:`kcroster.io.roster_export`) in Excel —
moves a shift, clears a day, swaps two agents — and imports it. This module compares the grid
with the roster that was exported and returns the new roster, what changed, and every problem
located by cell. The caller (GUI/pipeline) then runs the rule checker and recomputes coverage.

What the grid means
    * Row 1 holds the headers: the column ``Medewerker`` (agent id) and one column per day with
      the date. Other columns (name, team, hours …) are ignored.
    * A day cell holds ``UU:MM-UU:MM`` (also ``8:00 - 16:30``, ``08.00-16.30``, ``–``); an end at
      or before the start is on the next day; ``24:00`` is midnight. An empty cell is a day off.
      A leave label (``verlof``, ``afwezig``, ``niet beschikbaar – re-integratie`` or a leave label
      of the project) is not a shift: leave itself is not edited through the grid.
    * Only the grid is read; edits on the other sheets (day detail, coverage) are ignored.

How shifts are rebuilt
    * A cell whose text is unchanged keeps the exported shift exactly (segments, type, lock).
    * Two agents whose shifts on a day were exchanged (``swapped``) take over each other's
      shift with its activities and breaks; an activity the new agent is not skilled for becomes
      that agent's main activity.
    * A moved shift of the same length keeps its pattern of activities and breaks, shifted in
      time. Otherwise (new or resized shifts) the shift gets one activity — the main activity of
      the original shift if the agent may do it, else the agent's first skill, else ``work`` —
      and breaks per the Arbeidstijdenwet: more than ``break_after_hours`` (5.5 h; 4.5 h for
      under-18s) → ``break_minutes`` (30), more than ``long_break_after_hours`` of work (10 h)
      → ``long_break_minutes`` (45), as one break in the middle, on the interval grid. Extra
      reintegration breaks are left to the planner (the checker reports them).
    * A published roster that changes gets status ``changed``.

Problems reported per cell (``errors``): unknown or duplicate agent, a time that does not parse
or does not exist (spring DST), a zero-length shift, a shift overlapping the agent's previous
one, and a filled cell in a day column outside the planning horizon (an empty such column is
reported at its header). Cells with a problem leave the agent's exported shift for that day unchanged. A workbook
that cannot be read at all (not xlsx, zip bomb, XML attack, no grid) raises
:class:`KcrosterInputError`.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from kcroster.io.cells import column_letter, is_blank, normalise_header, parse_date
from kcroster.io.roster_export import (
    ABSENT_LABEL,
    GRID_SHEET,
    LEAVE_LABEL,
    REINTEGRATION_LABEL,
    UNAVAILABLE_LABEL,
    shift_cell_text,
)
from kcroster.io.xlsx.reader import find_sheet, iter_sheet_rows, open_workbook
from kcroster.model import (
    BREAK,
    WORK,
    Agent,
    Horizon,
    KcrosterInputError,
    Project,
    Roster,
    RosterStatus,
    Segment,
    Shift,
)
from kcroster.model.timegrid import local_time_exists

__all__ = ["ChangeKind", "RosterChange", "RosterImportResult", "import_planner_workbook", "parse_shift_text",
           "rebuild_segments"]

_TIMES = re.compile(r"\s*(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})\s*")
_ID_HEADERS = {"medewerker", "agent", "id", "medewerker_id", "agent_id", "personeelsnummer"}


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    SWAPPED = "swapped"


_KIND_NL = {ChangeKind.ADDED: "toegevoegd", ChangeKind.REMOVED: "verwijderd", ChangeKind.MOVED: "verschoven",
            ChangeKind.SWAPPED: "geruild"}


@dataclass
class RosterChange:
    agent_id: str
    day: date
    before: Shift | None
    after: Shift | None
    kind: ChangeKind

    def describe(self, tz: Any) -> str:
        b = shift_cell_text(self.before, tz) if self.before else "vrij"
        a = shift_cell_text(self.after, tz) if self.after else "vrij"
        return f"{self.agent_id} {self.day.strftime('%d-%m-%Y')}: {b} → {a} ({_KIND_NL[self.kind]})"


@dataclass
class RosterImportResult:
    roster: Roster
    changes: list[RosterChange] = field(default_factory=list)
    errors: list[KcrosterInputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_shift_text(text: str) -> tuple[time, time] | None:
    """``'08:00-16:30'`` → (08:00, 16:30); ``24:00`` as an end → 00:00. ``None`` if not a time range."""
    m = _TIMES.fullmatch(text)
    if not m:
        return None
    h1, m1, h2, m2 = (int(x) for x in m.groups())
    if h2 == 24 and m2 == 0:
        h2 = 0
    if not (0 <= h1 < 24 and 0 <= h2 < 24 and 0 <= m1 < 60 and 0 <= m2 < 60):
        return None
    return time(h1, m1), time(h2, m2)


def _ts(dt: datetime) -> float:
    return dt.timestamp()


def _main_activity(shift: Shift | None) -> str | None:
    if shift is None:
        return None
    minutes: dict[str, float] = {}
    for g in shift.segments:
        if g.activity != BREAK:
            minutes[g.activity] = minutes.get(g.activity, 0.0) + _ts(g.end) - _ts(g.start)
    return max(minutes, key=lambda k: minutes[k]) if minutes else None


def _allowed(agent: Agent, activity: str, queue_names: set[str]) -> bool:
    if activity in (BREAK, WORK):
        return True
    return activity in agent.skills and activity in queue_names


def _agent_activity(agent: Agent, preferred: str | None, queue_names: set[str]) -> str:
    if preferred is not None and _allowed(agent, preferred, queue_names):
        return preferred
    for s in agent.skills:
        if s in queue_names:
            return s
    return WORK


def rebuild_segments(project: Project, agent: Agent, day: date, start: datetime, end: datetime,
                     template: Shift | None) -> list[Segment]:
    """Segments for a new or changed shift ``[start, end)`` (see module docstring)."""
    tz = project.horizon.tz
    queue_names = {q.name for q in project.queues}
    if project.forecast is not None:
        queue_names |= set(project.forecast.queue_names)
    duration = _ts(end) - _ts(start)
    if template is not None and template.segments and abs((_ts(template.end) - _ts(template.start)) - duration) < 1e-6:
        delta = _ts(start) - _ts(template.start)
        main = _agent_activity(agent, _main_activity(template), queue_names)
        out = []
        for g in template.segments:
            act = g.activity if _allowed(agent, g.activity, queue_names) else main
            out.append(Segment(datetime.fromtimestamp(_ts(g.start) + delta, tz),
                               datetime.fromtimestamp(_ts(g.end) + delta, tz), act))
        return _merge(out)
    act = _agent_activity(agent, _main_activity(template), queue_names)
    rules = project.labour
    minutes = duration / 60
    brk = 0
    after = rules.youth_break_after_hours if agent.is_youth_on(day) else rules.break_after_hours
    if minutes > after * 60:
        brk = rules.youth_break_minutes if agent.is_youth_on(day) else rules.break_minutes
    if minutes - brk > rules.long_break_after_hours * 60:
        brk = max(brk, rules.long_break_minutes)
    if brk == 0 or brk >= minutes:
        return [Segment(start, end, act)]
    step = project.horizon.interval_seconds
    mid = _ts(start) + (duration - brk * 60) / 2
    b0: float = math.floor(mid / step + 0.5) * step  # half up: deterministic, unlike round()
    b0 = min(max(b0, _ts(start) + step), _ts(end) - brk * 60 - step)
    if b0 <= _ts(start) or b0 + brk * 60 >= _ts(end):
        b0 = mid  # too short for the grid: exactly in the middle
    b1 = b0 + brk * 60
    bs = datetime.fromtimestamp(b0, tz)
    be = datetime.fromtimestamp(b1, tz)
    return [Segment(start, bs, act), Segment(bs, be, BREAK), Segment(be, end, act)]


def _merge(segs: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for g in segs:
        if out and out[-1].activity == g.activity and _ts(out[-1].end) == _ts(g.start):
            out[-1] = Segment(out[-1].start, g.end, g.activity)
        else:
            out.append(g)
    return out


def _copy_shift(s: Shift, **changes: Any) -> Shift:
    return replace(s, segments=[replace(g) for g in s.segments], **changes)


def _shift_type_for(project: Project, start: datetime, end: datetime) -> str | None:
    tz = project.horizon.tz
    a = start.astimezone(tz).time().replace(tzinfo=None)
    b = end.astimezone(tz).time().replace(tzinfo=None)
    for t in project.shift_rules.shift_types:
        if t.start == a and t.end == b:
            return t.name
    return None


@dataclass
class _Cell:
    agent_id: str
    day: date
    row: int
    column: str
    text: str | None  # normalised grid text, None = no shift


def import_planner_workbook(path: str | os.PathLike[str], project: Project, exported: Roster) -> RosterImportResult:
    """Read the edited ``Rooster`` grid of a planner workbook (see module docstring)."""
    p = Path(path)
    name = p.name
    wb = open_workbook(p)
    try:
        ws = find_sheet(wb, (GRID_SHEET, "rooster", "roster"))
        if ws is None:
            raise KcrosterInputError(f"blad '{GRID_SHEET}' ontbreekt (is dit een plannerswerkboek?)", file=name)
        rows = iter_sheet_rows(ws, file=name)
        header = next(rows, None)
        if header is None:
            raise KcrosterInputError("blad is leeg", file=name, sheet=ws.title)
        cells, errors, seen_agents = _read_grid(project, header, rows, name, ws.title)
    finally:
        wb.close()
    return _build(project, exported, cells, errors, seen_agents, name)


def _read_grid(project: Project, header: tuple, rows: Any, file: str, sheet: str
               ) -> tuple[list[_Cell], list[KcrosterInputError], set[str]]:
    errors: list[KcrosterInputError] = []
    h = project.horizon
    id_col = None
    day_cols: dict[int, date] = {}
    outside: dict[int, date] = {}  # day columns outside the horizon: their cells are not read
    seen_days: set[date] = set()
    for j, v in enumerate(header):
        if id_col is None and isinstance(v, str) and normalise_header(v) in _ID_HEADERS:
            id_col = j
            continue
        if is_blank(v) or (isinstance(v, str) and not any(ch.isdigit() for ch in v)):
            continue
        try:
            d = parse_date(v, file=file, sheet=sheet, row=1, column=column_letter(j))
        except KcrosterInputError:
            continue  # a title like "Uren week 2027-18" is not a day column
        if not (h.start <= d < h.end):
            outside[j] = d
            continue
        if d in seen_days:
            errors.append(KcrosterInputError(f"datum {d.strftime('%d-%m-%Y')} staat twee keer in de kop",
                                             file=file, sheet=sheet, row=1, column=column_letter(j)))
            continue
        seen_days.add(d)
        day_cols[j] = d
    if id_col is None:
        raise KcrosterInputError("kolom 'Medewerker' ontbreekt in de kopregel", file=file, sheet=sheet, row=1)
    if not day_cols:
        raise KcrosterInputError("geen kolommen met een datum in de kopregel", file=file, sheet=sheet, row=1)
    agents = {a.id: a for a in project.agents}
    labels = {LEAVE_LABEL, ABSENT_LABEL, REINTEGRATION_LABEL, UNAVAILABLE_LABEL} | {
        lv.label for lv in project.leave
    }
    labels_cf = {x.strip().casefold() for x in labels}
    cells: list[_Cell] = []
    seen_agents: dict[str, int] = {}
    reported: set[int] = set()  # outside columns with a cell reported
    for i, row in enumerate(rows):
        r = i + 2
        raw_id = row[id_col] if id_col < len(row) else None
        if is_blank(raw_id):
            if any(not is_blank(row[j]) for j in day_cols if j < len(row)):
                errors.append(KcrosterInputError("medewerker ontbreekt in deze rij", file=file, sheet=sheet, row=r,
                                                 column=column_letter(id_col)))
            continue
        aid = str(raw_id).strip() if not isinstance(raw_id, float) or not raw_id.is_integer() else str(int(raw_id))
        if aid.startswith("'") and aid[1:2] in ("=", "+", "-", "@"):
            aid = aid[1:]
        if aid not in agents:
            errors.append(KcrosterInputError(f"onbekende medewerker '{aid[:40]}'", file=file, sheet=sheet, row=r,
                                             column=column_letter(id_col)))
            continue
        if aid in seen_agents:
            errors.append(KcrosterInputError(f"medewerker '{aid}' staat ook in rij {seen_agents[aid]}", file=file,
                                             sheet=sheet, row=r, column=column_letter(id_col)))
            continue
        seen_agents[aid] = r
        for j, d in outside.items():
            v = row[j] if j < len(row) else None
            if not is_blank(v):
                errors.append(_outside_horizon(h, d, f"'{str(v).strip()[:40]}'", file, sheet, r,
                                               f"{column_letter(j)} ({d.strftime('%d-%m-%Y')})"))
                reported.add(j)
        for j, d in day_cols.items():
            v = row[j] if j < len(row) else None
            col = f"{column_letter(j)} ({d.strftime('%d-%m-%Y')})"
            if is_blank(v):
                cells.append(_Cell(aid, d, r, col, None))
                continue
            if isinstance(v, str):
                s = v.strip()
                if parse_shift_text(s) is not None:
                    cells.append(_Cell(aid, d, r, col, s))
                    continue
                absent = s.casefold() in labels_cf or (
                    " / " in s and all(x.strip().casefold() in labels_cf for x in s.split(" / ")))
                if absent:
                    cells.append(_Cell(aid, d, r, col, None))
                    continue
            shown = str(v)[:40]
            errors.append(KcrosterInputError(f"'{shown}' is geen diensttijd (verwacht UU:MM-UU:MM, bv. 08:00-16:30)",
                                             file=file, sheet=sheet, row=r, column=col))
            cells.append(_Cell(aid, d, r, col, "?"))  # unreadable: keep the exported shift
    for j, d in outside.items():
        if j not in reported:  # an empty column: nothing lost, but the header is not this plan's
            errors.append(_outside_horizon(h, d, "kolom", file, sheet, 1, column_letter(j)))
    return cells, errors, set(seen_agents)


def _outside_horizon(h: Horizon, day: date, what: str, file: str, sheet: str, row: int,
                     column: str) -> KcrosterInputError:
    """The problem of a grid cell (or an empty column) on a day outside the planning horizon.

    Such a cell is skipped with this error rather than refusing the workbook, like every other
    unreadable cell: the planner re-imports many edits at once and expects the rest to go in,
    and the list of errors (dialog, ``import-roster`` on stderr) tells her which cell, which
    date and what the horizon is — typically a day column she added past the plan's end.
    """
    side = "voor" if day < h.start else "na"
    last = h.end - timedelta(days=1)
    return KcrosterInputError(
        f"{what} op {day.strftime('%d-%m-%Y')} ligt {side} de planningshorizon "
        f"({h.start.strftime('%d-%m-%Y')} t/m {last.strftime('%d-%m-%Y')}); niet ingelezen",
        file=file, sheet=sheet, row=row, column=column)


def _build(project: Project, exported: Roster, cells: list[_Cell], errors: list[KcrosterInputError],
           seen_agents: set[str], file: str) -> RosterImportResult:
    h = project.horizon
    tz = h.tz
    agents = {a.id: a for a in project.agents}
    before: dict[tuple[str, date], Shift] = {(s.agent_id, s.day): s for s in exported.shifts}
    # 1. what each cell asks for: keep / none / new times
    wanted: dict[tuple[str, date], tuple[datetime, datetime] | Shift | None] = {}
    where: dict[tuple[str, date], _Cell] = {}
    for c in cells:
        key = (c.agent_id, c.day)
        where[key] = c
        old = before.get(key)
        if c.text == "?":
            wanted[key] = old
            continue
        if c.text is None:
            wanted[key] = None
            continue
        if old is not None and shift_cell_text(old, tz) == c.text.replace(" ", "").replace(".", ":").replace("–", "-"):
            wanted[key] = old
            continue
        t1, t2 = parse_shift_text(c.text)  # type: ignore[misc]
        problem = None
        for at, d in ((t1, c.day), (t2, c.day if t2 > t1 else c.day + timedelta(days=1))):
            if not local_time_exists(d, at, tz):
                problem = (f"{d.strftime('%d-%m-%Y')} {at.strftime('%H:%M')} bestaat niet "
                           "(zomertijd: de klok springt van 02:00 naar 03:00)")
        if t1 == t2:
            problem = f"dienst '{c.text}' heeft geen lengte"
        if problem:
            errors.append(KcrosterInputError(problem, file=file, sheet=GRID_SHEET, row=c.row, column=c.column))
            wanted[key] = old
            continue
        start = datetime.combine(c.day, t1, tzinfo=tz)
        end = datetime.combine(c.day if t2 > t1 else c.day + timedelta(days=1), t2, tzinfo=tz)
        # normalise to real instants (fold resolved by the zone)
        start = datetime.fromtimestamp(start.timestamp(), tz)
        end = datetime.fromtimestamp(end.timestamp(), tz)
        wanted[key] = (start, end)

    def times(x: Any) -> tuple[float, float] | None:
        if x is None:
            return None
        if isinstance(x, Shift):
            return (_ts(x.start), _ts(x.end))
        return (_ts(x[0]), _ts(x[1]))

    # 2. overlaps per agent, in time order. The edited cell of an overlapping pair is reported
    #    and reverted to its exported shift (an unchanged shift is never the one blamed).
    def is_edit(key: tuple[str, date]) -> bool:
        return key in where and times(wanted.get(key)) != times(before.get(key))

    by_agent: dict[str, list[tuple[float, float, tuple[str, date]]]] = {}
    for key, w in wanted.items():
        t = times(w)
        if t is not None:
            by_agent.setdefault(key[0], []).append((t[0], t[1], key))
    # shifts on days not in the grid (or of agents missing from it) stay and count for overlaps
    for s in exported.shifts:
        key = (s.agent_id, s.day)
        if key not in wanted:
            by_agent.setdefault(s.agent_id, []).append((_ts(s.start), _ts(s.end), key))
    for lst in by_agent.values():
        lst.sort()
        prev: tuple[float, float, tuple[str, date]] | None = None
        for item in lst:
            if prev is not None and item[0] < prev[1]:
                blame, other = (item, prev) if is_edit(item[2]) or not is_edit(prev[2]) else (prev, item)
                if blame[2] in where:
                    c = where[blame[2]]
                    errors.append(KcrosterInputError(
                        f"dienst overlapt met de dienst van {other[2][1].strftime('%d-%m-%Y')}",
                        file=file, sheet=GRID_SHEET, row=c.row, column=c.column))
                    wanted[blame[2]] = before.get(blame[2])
                if blame is prev:
                    prev = item
                continue
            prev = item if prev is None or item[1] > prev[1] else prev

    # 3. classify changes; detect swaps between agents on the same day
    changed: dict[tuple[str, date], tuple[Any, Any]] = {}
    for key, w in wanted.items():
        old = before.get(key)
        if times(old) != times(w) or (isinstance(w, tuple) and old is None):
            changed[key] = (old, w)
    swaps: dict[tuple[str, date], Shift | None] = {}
    by_day: dict[date, list[str]] = {}
    for aid, d in changed:
        by_day.setdefault(d, []).append(aid)
    for d, aids in by_day.items():
        for i, a in enumerate(aids):
            if (a, d) in swaps:
                continue
            for b in aids[i + 1:]:
                if (b, d) in swaps:
                    continue
                ba, wa = changed[(a, d)]
                bb, wb = changed[(b, d)]
                if times(wa) == times(bb) and times(wb) == times(ba):
                    swaps[(a, d)] = bb
                    swaps[(b, d)] = ba
                    break

    # 4. build the new roster in the exported order, new shifts after
    changes: list[RosterChange] = []
    new_for: dict[tuple[str, date], Shift | None] = {}
    for key, (old, w) in changed.items():
        aid, d = key
        agent = agents[aid]
        if w is None:
            new_for[key] = None
            kind = ChangeKind.SWAPPED if key in swaps else ChangeKind.REMOVED
        elif key in swaps and swaps[key] is not None:
            src = swaps[key]
            assert src is not None
            segs = rebuild_segments(project, agent, d, src.start, src.end, src)
            new_for[key] = Shift(aid, d, src.start, src.end, segs, src.shift_type, old.locked if old else False)
            kind = ChangeKind.SWAPPED
        else:
            start, end = w if isinstance(w, tuple) else (w.start, w.end)
            segs = rebuild_segments(project, agent, d, start, end, old)
            new_for[key] = Shift(aid, d, start, end, segs, _shift_type_for(project, start, end),
                                 old.locked if old else False)
            kind = ChangeKind.ADDED if old is None else ChangeKind.MOVED
        changes.append(RosterChange(aid, d, old, new_for[key], kind))
    shifts: list[Shift] = []
    for s in exported.shifts:
        key = (s.agent_id, s.day)
        if key in new_for:
            n = new_for.pop(key)
            if n is not None:
                shifts.append(n)
        else:
            shifts.append(_copy_shift(s))
    order = {a.id: i for i, a in enumerate(project.agents)}
    shifts += sorted((s for s in new_for.values() if s is not None),
                     key=lambda s: (order.get(s.agent_id, 0), _ts(s.start)))
    for aid in sorted({s.agent_id for s in exported.shifts} - seen_agents):
        errors.append(KcrosterInputError(f"medewerker '{aid}' ontbreekt in het rooster; diensten ongewijzigd gelaten",
                                         file=file, sheet=GRID_SHEET))
    changes.sort(key=lambda c: (c.day, order.get(c.agent_id, 0)))
    status = exported.status
    if changes and status == RosterStatus.PUBLISHED:
        status = RosterStatus.CHANGED
    roster = Roster(shifts, name=exported.name, status=status, published_at=exported.published_at,
                    published_by=exported.published_by)
    return RosterImportResult(roster, changes, errors)
