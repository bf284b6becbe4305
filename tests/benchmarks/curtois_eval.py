"""Independent evaluator for the Curtois & Qu shift scheduling benchmark (instances 1–24).

Written from the format description in ``shared/bench/curtois/README.md`` alone: it has its own
small parser and shares no code with kcroster (neither the importer in
:mod:`curtois_format`, nor the rule checker, nor the solver), so it is a second opinion on
both the importer and the roster the engine produces.

A solution is a list of ``(employee, day, shift)`` rows, day 0-based, one row per worked day.
:func:`evaluate` recomputes the instance objective and lists every hard-rule violation.

Hard rules (README): at most one shift a day; CannotFollow on consecutive days; MaxShifts per
type; Min ≤ total minutes ≤ Max; runs of worked days ≤ MaxConsecutiveShifts; runs of worked
days ≥ MinConsecutiveShifts and runs of days off ≥ MinConsecutiveDaysOff unless the run touches
day 0 or day h-1; weekends (days 7w+5, 7w+6) with any work ≤ MaxWeekends; DAYS_OFF days off.
Objective: unmet on-requests + violated off-requests + per (day, shift) cover
under·WeightUnder / over·WeightOver.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Staff:
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass
class Instance:
    horizon: int
    lengths: dict[str, int]
    cannot_follow: dict[str, set[str]]
    staff: dict[str, Staff]
    days_off: dict[str, set[int]] = field(default_factory=dict)
    on_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    off_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    cover: list[tuple[int, str, int, int, int]] = field(default_factory=list)


@dataclass
class Evaluation:
    objective: int
    on_request_penalty: int
    off_request_penalty: int
    cover_penalty: int
    violations: list[str]

    @property
    def hard_violations(self) -> int:
        return len(self.violations)


def parse(text: str) -> Instance:
    """Parse the instance text (CRLF or LF). Raises ValueError on anything malformed."""
    sections: dict[str, list[list[str]]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = line
            sections.setdefault(current, [])
            continue
        if current is None:
            raise ValueError(f"data before any section: {line!r}")
        sections[current].append([f.strip() for f in line.split(",")])

    horizon = int(sections["SECTION_HORIZON"][0][0])
    lengths: dict[str, int] = {}
    cannot_follow: dict[str, set[str]] = {}
    for row in sections["SECTION_SHIFTS"]:
        lengths[row[0]] = int(row[1])
        follow = row[2] if len(row) > 2 else ""
        cannot_follow[row[0]] = {s for s in follow.split("|") if s}
    staff: dict[str, Staff] = {}
    for row in sections["SECTION_STAFF"]:
        limits: dict[str, int] = {}
        for part in row[1].split("|"):
            if part:
                name, value = part.split("=")
                limits[name] = int(value)
        staff[row[0]] = Staff(limits, *(int(v) for v in row[2:8]))
    days_off = {row[0]: {int(d) for d in row[1:] if d} for row in sections.get("SECTION_DAYS_OFF", [])}
    on_req = [(r[0], int(r[1]), r[2], int(r[3])) for r in sections.get("SECTION_SHIFT_ON_REQUESTS", [])]
    off_req = [(r[0], int(r[1]), r[2], int(r[3])) for r in sections.get("SECTION_SHIFT_OFF_REQUESTS", [])]
    cover = [(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4])) for r in sections.get("SECTION_COVER", [])]
    return Instance(horizon, lengths, cannot_follow, staff, days_off, on_req, off_req, cover)


def load(path: str | Path) -> Instance:
    return parse(Path(path).read_text(encoding="utf-8"))


def read_solution(path: str | Path) -> list[tuple[str, int, str]]:
    """Rows of an ``employee,day,shift`` CSV (a header line is allowed)."""
    rows: list[tuple[str, int, str]] = []
    with open(path, newline="", encoding="utf-8") as fh:
        for rec in csv.reader(fh):
            if not rec or rec[0].strip().lower() == "employee":
                continue
            rows.append((rec[0].strip(), int(rec[1]), rec[2].strip()))
    return rows


def _runs(flags: list[bool], value: bool) -> list[tuple[int, int]]:
    """(first, last) day of every maximal run of ``value`` in ``flags``."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for d, f in enumerate(flags + [not value]):
        if f == value and start is None:
            start = d
        elif f != value and start is not None:
            out.append((start, d - 1))
            start = None
    return out


def evaluate(inst: Instance, rows: Iterable[tuple[str, int, str]]) -> Evaluation:
    h = inst.horizon
    violations: list[str] = []
    work: dict[tuple[str, int], str] = {}
    for emp, day, shift in rows:
        if emp not in inst.staff:
            violations.append(f"unknown employee {emp!r}")
            continue
        if shift not in inst.lengths:
            violations.append(f"unknown shift {shift!r} ({emp}, day {day})")
            continue
        if not 0 <= day < h:
            violations.append(f"day {day} outside the horizon ({emp})")
            continue
        if (emp, day) in work:
            violations.append(f"{emp} has more than one shift on day {day}")
            continue
        work[(emp, day)] = shift

    for emp, st in inst.staff.items():
        on = [(emp, d) in work for d in range(h)]
        for d in range(h - 1):
            a, b = work.get((emp, d)), work.get((emp, d + 1))
            if a is not None and b is not None and b in inst.cannot_follow[a]:
                violations.append(f"{emp}: {b} on day {d + 1} may not follow {a} on day {d}")
        counts = Counter(work[(emp, d)] for d in range(h) if on[d])
        for s, n in counts.items():
            if s in st.max_shifts and n > st.max_shifts[s]:
                violations.append(f"{emp}: {n} shifts of type {s} > max {st.max_shifts[s]}")
        minutes = sum(inst.lengths[work[(emp, d)]] for d in range(h) if on[d])
        if minutes > st.max_minutes:
            violations.append(f"{emp}: {minutes} minutes > max {st.max_minutes}")
        if minutes < st.min_minutes:
            violations.append(f"{emp}: {minutes} minutes < min {st.min_minutes}")
        for a, b in _runs(on, True):
            n = b - a + 1
            if n > st.max_consecutive:
                violations.append(f"{emp}: {n} consecutive shifts (days {a}-{b}) > max {st.max_consecutive}")
            if n < st.min_consecutive and a > 0 and b < h - 1:
                violations.append(f"{emp}: {n} consecutive shifts (days {a}-{b}) < min {st.min_consecutive}")
        for a, b in _runs(on, False):
            n = b - a + 1
            if n < st.min_days_off and a > 0 and b < h - 1:
                violations.append(f"{emp}: {n} consecutive days off (days {a}-{b}) < min {st.min_days_off}")
        weekends = sum(
            1 for w in range(h // 7 + 1)
            if any(on[d] for d in (7 * w + 5, 7 * w + 6) if d < h)
        )
        if weekends > st.max_weekends:
            violations.append(f"{emp}: {weekends} weekends worked > max {st.max_weekends}")
        for d in sorted(inst.days_off.get(emp, ())):
            if 0 <= d < h and on[d]:
                violations.append(f"{emp}: works on day off {d}")

    on_pen = sum(w for emp, d, s, w in inst.on_requests if work.get((emp, d)) != s)
    off_pen = sum(w for emp, d, s, w in inst.off_requests if work.get((emp, d)) == s)
    assigned = Counter((d, s) for (_, d), s in work.items())
    cover_pen = 0
    for d, s, req, w_under, w_over in inst.cover:
        x = assigned[(d, s)]
        cover_pen += (req - x) * w_under if x < req else (x - req) * w_over
    return Evaluation(on_pen + off_pen + cover_pen, on_pen, off_pen, cover_pen, violations)
