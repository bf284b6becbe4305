"""The roster file: one CSV row per activity segment (issue 3 §4).

Format::

    agent,start,end,activity
    A1,2027-05-03T08:00:00+02:00,2027-05-03T12:00:00+02:00,Telefonie
    A1,2027-05-03T12:00:00+02:00,2027-05-03T12:30:00+02:00,break

* ``agent`` is the agent id; ``start``/``end`` are ISO-8601 local date-times *with* UTC offset
  (so the repeated hour of the autumn DST change is unambiguous); ``activity`` is a queue name,
  ``break`` or ``work``.
* The segments of one shift touch (end of one = start of the next); a shift is a maximal run of
  touching segments of one agent and belongs to the local date on which it starts; that date
  must lie in the project's planning horizon (a night shift of the last day may end after it).
* Reading accepts ``,`` or ``;`` (Dutch Excel), a BOM, and date-times without offset (read as
  local time in the project's zone; refused when that time is skipped or repeated by a DST
  change).
* Not in the file: ``locked`` (read back as ``False``) and ``shift_type`` (read back as the named
  shift type of the project whose local start and end match, if any).
* Formula injection: a text value starting with ``=``, ``+``, ``-``, ``@`` (or tab/CR) is written
  with a leading ``'`` so a spreadsheet shows it as text; reading strips that quote again.
"""

from __future__ import annotations

import csv
import os
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kcroster.io.atomic import atomic_write
from kcroster.io.csv_reader import read_csv_rows
from kcroster.io.xlsx.writer import safe_cell_text
from kcroster.model import BREAK, WORK, KcrosterInputError, Project, Roster, Segment, Shift
from kcroster.model.timegrid import local_time_exists

__all__ = ["COLUMNS", "read_roster_csv", "write_roster_csv"]

COLUMNS = ("agent", "start", "end", "activity")
_ALIASES = {
    "agent": ("agent", "medewerker", "agent_id", "id"),
    "start": ("start", "begin", "van"),
    "end": ("end", "einde", "eind", "tot"),
    "activity": ("activity", "activiteit"),
}
_QUOTED_START = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def write_roster_csv(roster: Roster, path: str | os.PathLike[str]) -> None:
    """Write ``roster`` as one row per segment, shifts ordered by agent and start.

    UTF-8 with BOM (Excel then reads accents right), comma separated, every text made safe
    against formula injection.
    """
    p = Path(path)
    rows = []
    for shift in sorted(roster.shifts, key=lambda s: (s.agent_id, s.start.timestamp())):
        segments = shift.segments or [Segment(shift.start, shift.end, WORK)]
        for seg in segments:
            rows.append([safe_cell_text(shift.agent_id), seg.start.isoformat(), seg.end.isoformat(),
                         safe_cell_text(seg.activity)])

    def _write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)

    atomic_write(p, _write)


def _unquote(text: str) -> str:
    return text[1:] if text.startswith(_QUOTED_START) else text


def _column_positions(headers: list[str], file: str) -> dict[str, int]:
    norm = [h.strip().lower().replace(" ", "_") for h in headers]
    out: dict[str, int] = {}
    for key, names in _ALIASES.items():
        for i, h in enumerate(norm):
            if h in names:
                out[key] = i
                break
        else:
            raise KcrosterInputError(
                f"kolom '{key}' ontbreekt (verwacht: {', '.join(COLUMNS)})", file=file, row=1
            )
    return out


def _parse_moment(text: str, project: Project, where: dict[str, Any]) -> datetime:
    s = text.strip()
    if not s:
        raise KcrosterInputError("cel is leeg; datum en tijd verwacht (jjjj-mm-ddTUU:MM+02:00)", **where)
    try:
        dt = datetime.fromisoformat(s.replace("z", "Z"))
    except ValueError:
        raise KcrosterInputError(
            f"'{s[:40]}' is geen datum met tijd (verwacht ISO-8601, bv. 2027-05-03T08:00:00+02:00)", **where
        ) from None
    tz = project.horizon.tz
    if dt.tzinfo is None:
        if not local_time_exists(dt.date(), dt.time(), tz):
            raise KcrosterInputError(f"{s} bestaat niet (zomertijd); geef de UTC-afwijking mee", **where)
        first = dt.replace(tzinfo=tz, fold=0)
        second = dt.replace(tzinfo=tz, fold=1)
        if first.utcoffset() != second.utcoffset():
            raise KcrosterInputError(
                f"{s} komt twee keer voor (wintertijd); geef de UTC-afwijking mee (+02:00 of +01:00)", **where
            )
        return first
    try:
        return dt.astimezone(tz)
    except OverflowError:  # an offset that pushes the moment past year 1 or 9999
        raise KcrosterInputError(f"{s[:40]} ligt buiten de kalender (jaar 1 t/m 9999)", **where) from None


def read_roster_csv(path: str | os.PathLike[str], project: Project) -> Roster:
    """Read a roster file into a :class:`Roster` (status draft).

    Raises :class:`KcrosterInputError` for the first bad row: unknown agent, unknown activity,
    unparsable time, end ≤ start, a segment that overlaps another of the same agent, or a shift
    on a day outside the project's planning horizon.
    """
    p = Path(path)
    name = p.name
    headers, records = read_csv_rows(p)
    cols = _column_positions(headers, name)
    agent_ids = {a.id for a in project.agents}
    activities = {q.name for q in project.queues} | {BREAK, WORK}
    if project.forecast is not None:
        activities |= set(project.forecast.queue_names)
    per_agent: dict[str, list[tuple[datetime, datetime, str, int]]] = {}
    for i, rec in enumerate(records):
        row = i + 2
        if not any(rec):
            continue

        def cell(key: str, rec: list[str] = rec) -> str:
            j = cols[key]
            return rec[j] if j < len(rec) else ""

        agent = _unquote(cell("agent").strip())
        if not agent:
            raise KcrosterInputError("medewerker ontbreekt", file=name, row=row, column="agent")
        if agent not in agent_ids:
            raise KcrosterInputError(f"onbekende medewerker '{agent}'", file=name, row=row, column="agent")
        start = _parse_moment(cell("start"), project, {"file": name, "row": row, "column": "start"})
        end = _parse_moment(cell("end"), project, {"file": name, "row": row, "column": "end"})
        if end.timestamp() <= start.timestamp():  # absolute: wall clocks repeat in autumn
            raise KcrosterInputError(
                f"einde ({cell('end')}) ligt niet na begin ({cell('start')})", file=name, row=row, column="end"
            )
        activity = _unquote(cell("activity").strip())
        if activity not in activities:
            raise KcrosterInputError(
                f"onbekende activiteit '{activity}' (een wachtrij, '{BREAK}' of '{WORK}')",
                file=name, row=row, column="activity",
            )
        per_agent.setdefault(agent, []).append((start, end, activity, row))

    types_by_times = {(t.start, t.end): t.name for t in project.shift_rules.shift_types}
    shifts: list[Shift] = []
    first_rows: list[int] = []  # per shift, the row of its first segment
    for agent, segs in per_agent.items():
        segs.sort(key=lambda s: (s[0].timestamp(), s[3]))
        run: list[tuple[datetime, datetime, str, int]] = []
        for seg in segs:
            if run and seg[0].timestamp() < run[-1][1].timestamp():
                prev = run[-1]
                raise KcrosterInputError(
                    f"segment {seg[0].isoformat()}–{seg[1].isoformat()} van '{agent}' overlapt met rij {prev[3]}",
                    file=name, row=seg[3], column="start",
                )
            if run and seg[0].timestamp() != run[-1][1].timestamp():
                shifts.append(_make_shift(agent, run, types_by_times))
                first_rows.append(run[0][3])
                run = []
            run.append(seg)
        if run:
            shifts.append(_make_shift(agent, run, types_by_times))
            first_rows.append(run[0][3])
    h = project.horizon
    outside = [(row, s) for row, s in zip(first_rows, shifts, strict=True) if not h.start <= s.day < h.end]
    if outside:
        _refuse_outside_horizon(*min(outside, key=lambda x: x[0]), project, name)
    shifts.sort(key=lambda s: (s.agent_id, s.start.timestamp()))
    return Roster(shifts, name=p.stem)


def _refuse_outside_horizon(row: int, shift: Shift, project: Project, file: str) -> None:
    """Refuse the file for ``shift`` (first segment on ``row``): its day lies outside the
    planning horizon.

    Refused rather than skipped: the file is read to be checked or used as the plan of this
    period, and a verdict on a roster with a shift silently left out (or with one no forecast
    covers) is not a verdict on the file. Such a row is a typo in the date or a roster of
    another period; the message names the row of the shift's first segment, its date and the
    horizon, so the planner can fix either.
    """
    h = project.horizon
    last = h.end - timedelta(days=1)
    side = "voor" if shift.day < h.start else "na"
    raise KcrosterInputError(
        f"dienst van '{shift.agent_id}' op {shift.day:%d-%m-%Y} ligt {side} de planningshorizon "
        f"({h.start:%d-%m-%Y} t/m {last:%d-%m-%Y}); haal de rij weg of verbeter de datum",
        file=file, row=row, column="start",
    )


def _make_shift(agent: str, run: list[tuple[datetime, datetime, str, int]], types_by_times: dict) -> Shift:
    start, end = run[0][0], run[-1][1]
    day: date = start.date()
    shift_type = types_by_times.get((start.time().replace(tzinfo=None), end.time().replace(tzinfo=None)))
    segments = [Segment(s, e, a) for s, e, a, _ in run]
    return Shift(agent, day, start, end, segments, shift_type)
