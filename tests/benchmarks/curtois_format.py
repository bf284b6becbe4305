"""Importer for the Curtois & Qu shift scheduling benchmark format (schedulingbenchmarks.org).

Benchmark code, not part of the product (it lived in ``kcroster/io`` until issue 25): the
benchmark script ``curtois.py`` beside it, ``test_curtois_instances.py`` and
``tests/io/test_curtois.py`` import it as ``curtois_format``.

The research instances express rules our planners use every day (shift-type limits, minutes
over the period, consecutive working days and days off, weekends, fixed days off, weighted
wishes, per-day shift-type demand), so they are read into kcroster's own domain and solved by the
product's engine — no separate model. Three steps:

* :func:`read_curtois` / :func:`parse_curtois` — text → :class:`CurtoisInstance` (the file's
  content, validated; every problem is a :class:`KcrosterInputError` naming file, line and field);
* :func:`curtois_project` — instance → :class:`kcroster.model.Project`;
* :func:`roster_rows` / :func:`write_curtois_solution` — a roster back to the benchmark's
  ``employee,day,shift`` solution rows (day 0-based, one row per worked day).

Mapping onto the domain (see :func:`curtois_project`): shift types get a synthetic start
(08:00) and the instance length; the instance's CannotFollow becomes
``ShiftRules.forbidden_sequences``; the Arbeidstijdenwet rules are switched off because the
instance's own rules replace them, and the weekly contract limits are made non-binding (the
instance limits minutes over the whole period instead).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from kcroster.model import (
    WORK,
    Agent,
    Horizon,
    KcrosterInputError,
    LabourRules,
    Leave,
    Project,
    Roster,
    Segment,
    Shift,
    ShiftDemand,
    ShiftRules,
    ShiftType,
    Wish,
    WishKind,
)
from kcroster.rules.catalogue import RULES, Family

#: Monday 1 January 2024: the benchmark's day 0 is a Monday; January has no DST change, so
#: every day has 24 hours and synthetic shift times stay simple.
DEFAULT_START = date(2024, 1, 1)
#: Synthetic start of every shift type. The instance gives lengths only; with a common start two
#: shifts on consecutive days never overlap (lengths ≤ 24 h), so the only sequence rules are the
#: instance's own CannotFollow lists.
SYNTHETIC_START = time(8, 0)

MAX_FILE_BYTES = 5_000_000

_SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)
_REQUIRED = ("SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF")
_STAFF_COLUMNS = (
    "ID", "MaxShifts", "MaxTotalMinutes", "MinTotalMinutes", "MaxConsecutiveShifts",
    "MinConsecutiveShifts", "MinConsecutiveDaysOff", "MaxWeekends",
)


@dataclass(frozen=True)
class CurtoisShift:
    id: str
    length_minutes: int
    cannot_follow: tuple[str, ...]  # shift ids that may not be worked the day after this one


@dataclass(frozen=True)
class CurtoisStaff:
    id: str
    max_shifts: dict[str, int]  # per shift type; 0 = never; a type not listed = no limit
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class CurtoisRequest:
    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class CurtoisCover:
    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass
class CurtoisInstance:
    """One benchmark instance, as in the file (days 0-based, day 0 a Monday)."""

    horizon_days: int
    shifts: list[CurtoisShift]
    staff: list[CurtoisStaff]
    days_off: dict[str, tuple[int, ...]] = field(default_factory=dict)
    on_requests: list[CurtoisRequest] = field(default_factory=list)
    off_requests: list[CurtoisRequest] = field(default_factory=list)
    cover: list[CurtoisCover] = field(default_factory=list)
    name: str = "curtois"

    def shift(self, shift_id: str) -> CurtoisShift:
        for s in self.shifts:
            if s.id == shift_id:
                return s
        raise KeyError(shift_id)


# --------------------------------------------------------------------------------------------
# parsing


class _Line:
    """One data line: its 1-based line number and its comma-separated fields."""

    def __init__(self, number: int, fields: list[str], section: str, file: str | None) -> None:
        self.number = number
        self.fields = fields
        self.section = section
        self.file = file

    def error(self, reason: str, column: str | None = None) -> KcrosterInputError:
        return KcrosterInputError(reason, file=self.file, sheet=self.section, row=self.number, column=column)

    def need(self, count: int, columns: tuple[str, ...]) -> None:
        if len(self.fields) < count:
            raise self.error(
                f"te weinig velden: {len(self.fields)} gevonden, {count} verwacht "
                f"({', '.join(columns[:count])}) / too few fields"
            )

    def text(self, index: int, column: str) -> str:
        value = self.fields[index]
        if not value:
            raise self.error("leeg veld / empty field", column)
        return value

    def integer(self, index: int, column: str, *, minimum: int = 0, value: str | None = None) -> int:
        raw = self.fields[index] if value is None else value
        try:
            number = int(raw)
        except ValueError:
            raise self.error(f"'{raw}' is geen geheel getal / not an integer", column) from None
        if number < minimum:
            raise self.error(f"{number} is kleiner dan {minimum} / below {minimum}", column)
        return number


def _split_sections(text: str, file: str | None) -> dict[str, list[_Line]]:
    sections: dict[str, list[_Line]] = {}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            if line not in _SECTIONS:
                raise KcrosterInputError(f"onbekende sectie '{line}' / unknown section", file=file, row=number)
            if line in sections:
                raise KcrosterInputError(f"sectie '{line}' komt twee keer voor / duplicate section", file=file,
                                         row=number)
            current = line
            sections[current] = []
            continue
        if current is None:
            raise KcrosterInputError("gegevens vóór de eerste SECTION_-regel / data before any section", file=file,
                                     row=number)
        fields = [f.strip() for f in line.split(",")]
        sections[current].append(_Line(number, fields, current, file))
    for name in _REQUIRED:
        if not sections.get(name):
            raise KcrosterInputError(f"sectie '{name}' ontbreekt of is leeg / missing or empty section", file=file)
    return sections


def parse_curtois(text: str, *, file: str | None = None, name: str = "curtois") -> CurtoisInstance:
    """Parse the benchmark text format (CRLF or LF line endings)."""
    sections = _split_sections(text, file)

    horizon_lines = sections["SECTION_HORIZON"]
    if len(horizon_lines) != 1:
        raise horizon_lines[1].error("de horizon heeft precies één regel / horizon takes exactly one line")
    h = horizon_lines[0].integer(0, "h", minimum=1)

    shifts: list[CurtoisShift] = []
    follow_lines: list[tuple[_Line, list[str]]] = []
    seen: set[str] = set()
    for ln in sections["SECTION_SHIFTS"]:
        ln.need(2, ("ShiftID", "LengthMins", "CannotFollow"))
        sid = ln.text(0, "ShiftID")
        if sid in seen:
            raise ln.error(f"dienst '{sid}' komt twee keer voor / duplicate shift", "ShiftID")
        seen.add(sid)
        length = ln.integer(1, "LengthMins", minimum=1)
        if length > 24 * 60:
            raise ln.error(f"dienstlengte {length} min is langer dan 24 uur / longer than 24 h", "LengthMins")
        if length % 15:
            raise ln.error(
                f"dienstlengte {length} min is geen veelvoud van 15 minuten / not a multiple of 15 min",
                "LengthMins",
            )
        follow = [s.strip() for s in (ln.fields[2] if len(ln.fields) > 2 else "").split("|") if s.strip()]
        follow_lines.append((ln, follow))
        shifts.append(CurtoisShift(sid, length, tuple(follow)))
    for ln, follow in follow_lines:
        for s in follow:
            if s not in seen:
                raise ln.error(f"onbekende dienst '{s}' / unknown shift", "CannotFollow")

    staff: list[CurtoisStaff] = []
    staff_ids: set[str] = set()
    for ln in sections["SECTION_STAFF"]:
        ln.need(8, _STAFF_COLUMNS)
        eid = ln.text(0, "ID")
        if eid in staff_ids:
            raise ln.error(f"medewerker '{eid}' komt twee keer voor / duplicate employee", "ID")
        staff_ids.add(eid)
        limits: dict[str, int] = {}
        for part in ln.fields[1].split("|"):
            part = part.strip()
            if not part:
                continue
            if "=" not in part:
                raise ln.error(f"'{part}' is geen DIENST=AANTAL / expected SHIFT=COUNT", "MaxShifts")
            sid, value = (p.strip() for p in part.split("=", 1))
            if sid not in seen:
                raise ln.error(f"onbekende dienst '{sid}' / unknown shift", "MaxShifts")
            limits[sid] = ln.integer(1, "MaxShifts", value=value)
        values = [ln.integer(i, _STAFF_COLUMNS[i]) for i in range(2, 8)]
        if values[1] > values[0]:
            raise ln.error(
                f"minimum {values[1]} min is groter dan maximum {values[0]} min / min exceeds max",
                "MinTotalMinutes",
            )
        staff.append(CurtoisStaff(eid, limits, *values))

    def employee(ln: _Line, column: str = "EmployeeID") -> str:
        eid = ln.text(0, column)
        if eid not in staff_ids:
            raise ln.error(f"onbekende medewerker '{eid}' / unknown employee", column)
        return eid

    def day(ln: _Line, index: int, column: str = "Day") -> int:
        d = ln.integer(index, column)
        if d >= h:
            raise ln.error(f"dag {d} valt buiten de horizon 0..{h - 1} / day outside the horizon", column)
        return d

    def shift_id(ln: _Line, index: int) -> str:
        sid = ln.text(index, "ShiftID")
        if sid not in seen:
            raise ln.error(f"onbekende dienst '{sid}' / unknown shift", "ShiftID")
        return sid

    days_off: dict[str, tuple[int, ...]] = {}
    for ln in sections.get("SECTION_DAYS_OFF", []):
        eid = employee(ln)
        days = [day(ln, i, "DayIndexes") for i in range(1, len(ln.fields)) if ln.fields[i]]
        days_off[eid] = tuple(sorted(set(days_off.get(eid, ())) | set(days)))

    def requests(section: str) -> list[CurtoisRequest]:
        out: list[CurtoisRequest] = []
        for ln in sections.get(section, []):
            ln.need(4, ("EmployeeID", "Day", "ShiftID", "Weight"))
            out.append(CurtoisRequest(employee(ln), day(ln, 1), shift_id(ln, 2), ln.integer(3, "Weight", minimum=1)))
        return out

    cover: list[CurtoisCover] = []
    cover_keys: set[tuple[int, str]] = set()
    for ln in sections.get("SECTION_COVER", []):
        ln.need(5, ("Day", "ShiftID", "Requirement", "WeightUnder", "WeightOver"))
        c = CurtoisCover(
            day(ln, 0), shift_id(ln, 1), ln.integer(2, "Requirement"),
            ln.integer(3, "WeightUnder"), ln.integer(4, "WeightOver"),
        )
        if (c.day, c.shift) in cover_keys:
            raise ln.error(f"dekking voor dag {c.day}, dienst {c.shift} komt twee keer voor / duplicate cover")
        cover_keys.add((c.day, c.shift))
        cover.append(c)

    return CurtoisInstance(
        h, shifts, staff, days_off,
        requests("SECTION_SHIFT_ON_REQUESTS"), requests("SECTION_SHIFT_OFF_REQUESTS"), cover, name,
    )


def read_curtois(path: str | Path) -> CurtoisInstance:
    """Read an instance file; any problem is a :class:`KcrosterInputError` naming the file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise KcrosterInputError(f"bestand is te groot ({size} bytes) / file too large", file=p.name)
        data = p.read_bytes()
    except OSError as exc:
        raise KcrosterInputError(f"kan het bestand niet lezen / cannot read: {exc.strerror}", file=str(p)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KcrosterInputError("bestand is geen UTF-8-tekst / not UTF-8 text", file=p.name) from None
    return parse_curtois(text, file=p.name, name=p.stem)


# --------------------------------------------------------------------------------------------
# instance → domain

#: The legal rules switched off for a benchmark project: the instance's own rules replace them.
BENCHMARK_DISABLED_RULES = frozenset(
    {r.id for r in RULES if r.family == Family.ATW} | {"contract_week_hours", "contract_days_per_week"}
)


def curtois_project(inst: CurtoisInstance, *, start: date = DEFAULT_START) -> Project:
    """The instance as a kcroster project, rule for rule.

    * shift types: synthetic start :data:`SYNTHETIC_START`, the instance length, no breaks
      (``atw_breaks`` off); ``use_templates=False`` so they are the only shifts;
    * CannotFollow → ``forbidden_sequences``; cover → ``type_demand`` with the instance weights;
    * staff → agents with ``max_shifts_per_type``, ``min/max_minutes_total``,
      ``max/min_consecutive_days``, ``min_consecutive_days_off``, ``max_weekends``; weekly
      hours and days per week non-binding;
    * days off → whole-day :class:`Leave`; on-requests → ``Wish(SHIFT)``, off-requests →
      ``Wish(NOT_SHIFT)``, each with its weight;
    * every Arbeidstijdenwet rule and the weekly contract rules are in ``LabourRules.disabled``.
    """
    if start.weekday() != 0:
        raise KcrosterInputError(f"de benchmark begint op een maandag, niet op {start.isoformat()}")
    horizon = Horizon(start=start, days=inst.horizon_days, interval_minutes=15)
    tz = horizon.tz
    dates = horizon.dates
    weeks = inst.horizon_days / 7

    def shift_type(s: CurtoisShift) -> ShiftType:
        end = (datetime.combine(start, SYNTHETIC_START) + timedelta(minutes=s.length_minutes)).time()
        return ShiftType(name=s.id, start=SYNTHETIC_START, end=end)

    rules = ShiftRules(
        use_templates=False,
        shift_types=[shift_type(s) for s in inst.shifts],
        type_demand=[
            ShiftDemand(dates[c.day], c.shift, c.requirement, c.weight_under, c.weight_over)
            for c in inst.cover
        ],
        forbidden_sequences=[(s.id, b) for s in inst.shifts for b in s.cannot_follow],
    )
    agents = [
        Agent(
            id=st.id,
            name=st.id,
            contract_hours=round(st.max_total_minutes / 60 / weeks, 2),
            min_hours=0.0,
            max_hours=168.0,
            max_days_per_week=None,
            skills=(),
            max_consecutive_days=st.max_consecutive_shifts,
            min_consecutive_days=st.min_consecutive_shifts,
            min_consecutive_days_off=st.min_consecutive_days_off,
            max_weekends=st.max_weekends,
            min_minutes_total=st.min_total_minutes,
            max_minutes_total=st.max_total_minutes,
            max_shifts_per_type=dict(st.max_shifts),
        )
        for st in inst.staff
    ]
    leave = [
        Leave(
            agent_id=eid,
            start=datetime.combine(dates[d], time(0), tzinfo=tz),
            end=datetime.combine(dates[d] + timedelta(days=1), time(0), tzinfo=tz),
            label="vrij (benchmark)",
        )
        for eid, days in inst.days_off.items()
        for d in days
    ]
    wishes = [
        Wish(agent_id=r.employee, day=dates[r.day], kind=WishKind.SHIFT, weight=r.weight, shift_type=r.shift)
        for r in inst.on_requests
    ] + [
        Wish(agent_id=r.employee, day=dates[r.day], kind=WishKind.NOT_SHIFT, weight=r.weight, shift_type=r.shift)
        for r in inst.off_requests
    ]
    return Project(
        name=inst.name,
        horizon=horizon,
        agents=agents,
        leave=leave,
        wishes=wishes,
        shift_rules=rules,
        labour=LabourRules(disabled=set(BENCHMARK_DISABLED_RULES)),
    )


# --------------------------------------------------------------------------------------------
# roster → solution rows


def roster_rows(roster: Roster, project: Project) -> list[tuple[str, int, str]]:
    """``(employee, day, shift)`` rows of a roster on a benchmark project, sorted.

    A shift without a shift type is matched to the named type with the same start and end;
    a shift that matches none is an error (it cannot be expressed in the benchmark format).
    """
    horizon = project.horizon
    by_times = {(t.start, t.end): t.name for t in project.shift_rules.shift_types}
    rows: list[tuple[str, int, str]] = []
    for s in roster.shifts:
        name = s.shift_type
        if name is None:
            local_start = s.start.astimezone(horizon.tz).time()
            local_end = s.end.astimezone(horizon.tz).time()
            name = by_times.get((local_start, local_end))
            if name is None:
                raise KcrosterInputError(
                    f"dienst van {s.agent_id} op {s.day.isoformat()} is geen benchmarkdienst "
                    f"/ shift is not a benchmark shift type"
                )
        rows.append((s.agent_id, horizon.day_index(s.day), name))
    return sorted(rows, key=lambda r: (r[0], r[1], r[2]))


def roster_from_rows(rows: Iterable[tuple[str, int, str]], project: Project) -> Roster:
    """The roster that ``(employee, day, shift)`` rows describe on a benchmark project.

    Each row becomes one shift of that type (one work segment, no breaks), so a published or
    hand-made solution can be checked with kcroster's rule checker. Unknown employees, shift
    types or days outside the horizon are :class:`KcrosterInputError`.
    """
    horizon = project.horizon
    agent_ids = {a.id for a in project.agents}
    types = {t.name: t for t in project.shift_rules.shift_types}
    shifts: list[Shift] = []
    for number, (emp, d, name) in enumerate(rows, start=1):
        if emp not in agent_ids:
            raise KcrosterInputError(f"onbekende medewerker '{emp}' / unknown employee", row=number, column="employee")
        if name not in types:
            raise KcrosterInputError(f"onbekende dienst '{name}' / unknown shift", row=number, column="shift")
        if not 0 <= d < horizon.days:
            raise KcrosterInputError(f"dag {d} valt buiten de horizon / day outside the horizon", row=number,
                                     column="day")
        t = types[name]
        day = horizon.dates[d]
        start = horizon.to_instant(day, t.start)
        # absolute length: aware-datetime arithmetic in one zone is wall-clock, so go via UTC
        end = (start.astimezone(UTC) + timedelta(minutes=t.length_minutes)).astimezone(horizon.tz)
        shifts.append(Shift(emp, day, start, end, [Segment(start, end, WORK)], shift_type=name))
    return Roster(shifts, name="benchmark")


def write_curtois_solution(path: str | Path, rows: Iterable[tuple[str, int, str]]) -> None:
    """Write ``employee,day,shift`` rows (with a header line) to a CSV file."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["employee", "day", "shift"])
        for emp, d, s in rows:
            writer.writerow([emp, d, s])
