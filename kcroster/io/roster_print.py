"""What a printed roster shows, page by page: the layout step of Print / PDF (issue 24 item 13).

The printed roster goes on the notice board and to agents without Excel, so it is a team copy:
no health data (AVG). A reintegration appointment or a sick day reads only ``niet beschikbaar``
(as the team workbook of :mod:`kcroster.io.roster_export` writes it), other absences that are
not ordinary leave read ``afwezig``, a day without a shift reads ``vrij``. Reintegration plans,
restrictions and the days a plan is in force are never marked, on team pages nor on agent pages
(an agent's page may lie in a shared printer tray).

This module decides everything that is data — which ISO weeks (Monday to Sunday), which agents
on which team page, per day the shift times, queue blocks and breaks, the week hours, the header
texts, the legend, how a long team is split over pages — and knows nothing of Qt;
:mod:`kcroster.gui.print_roster` only draws it. Texts are Dutch; the renderer translates the
few fixed words by :attr:`DayCell.kind`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from kcroster.io.roster_export.data import (
    UNAVAILABLE_LABEL,
    _shift_class,
    _team_label,
    is_reintegration_label,
)
from kcroster.model import BREAK, Project, Roster, RosterStatus, Shift
from kcroster.model.weeks import period_tag as weeks_period_tag
from kcroster.model.weeks import week_label

__all__ = [
    "NO_TEAM",
    "AgentPage",
    "Block",
    "CellKind",
    "DayCell",
    "LegendEntry",
    "PrintHeader",
    "PrintLayout",
    "PrintWeek",
    "WeekRow",
    "TeamPage",
    "build_print_layout",
    "default_file_name",
    "parse_weeks",
    "period_text",
    "period_tag",
    "print_weeks",
    "queue_codes",
]

NO_TEAM = "Zonder team"
OFF_LABEL = "vrij"
BREAK_LABEL = "pauze"
ROWS_PER_PAGE = 20  # agents on one team page: 20 rows stay readable on A4 landscape
# absences about health beyond a reintegration label: they read "niet beschikbaar" too
_HEALTH_WORDS = ("ziek", "sick", "poortwachter", "bedrijfsarts")
STATUS_TEXT = {
    RosterStatus.DRAFT: "Concept",
    RosterStatus.PUBLISHED: "Gepubliceerd",
    RosterStatus.CHANGED: "Gewijzigd na publicatie",
}


class CellKind(StrEnum):
    """What a day cell holds; the renderer picks colour and (translated) word by it."""

    SHIFT = "shift"
    LEAVE = "leave"  # ordinary leave: "verlof"
    UNAVAILABLE = "unavailable"  # reintegration or sickness: "niet beschikbaar", never why
    ABSENT = "absent"  # any other absence: "afwezig"
    OFF = "off"  # no shift: "vrij"
    OUTSIDE = "outside"  # the day is not in the planning horizon


@dataclass(frozen=True)
class PrintWeek:
    """One ISO week (Monday to Sunday) that overlaps the horizon."""

    iso_year: int
    iso_week: int
    days: tuple[date, ...]  # 7 days, Monday first
    in_horizon: tuple[bool, ...]

    @property
    def key(self) -> tuple[int, int]:
        return self.iso_year, self.iso_week

    @property
    def tag(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"

    def title(self, language: str = "nl") -> str:
        """``wk 19 (10–16 mei)``: the label every screen and export gives this week."""
        return week_label(self.days[0], self.days[-1], language)


@dataclass(frozen=True)
class Block:
    """A stretch of one activity within a shift, local ``HH:MM`` times."""

    start: str
    end: str
    activity: str  # a queue name, or "pauze"
    is_break: bool
    start_hour: float  # hours from the shift day's midnight (> 24 past midnight): for bars
    end_hour: float


@dataclass(frozen=True)
class DayCell:
    """One agent on one day."""

    day: date
    kind: CellKind
    text: str  # "08:00-16:30", "verlof", "niet beschikbaar", "afwezig", "vrij" or ""
    blocks: tuple[Block, ...] = ()
    hours: float = 0.0  # worked hours, breaks excluded
    shift_class: str | None = None  # vroeg / dag / laat / nacht (as the team workbook colours)
    shift_type: str | None = None
    type_color: str | None = None  # the named shift type's own colour, if it has one

    def summary(self, codes: dict[str, str] | None = None, break_word: str = BREAK_LABEL) -> str:
        """Queues in order of first appearance and the breaks: ``Telefonie, Chat · pauze 12:00``;
        with ``codes`` (see :func:`queue_codes`) the short form ``T, C · pauze 12:00``."""
        queues = list(dict.fromkeys(b.activity for b in self.blocks if not b.is_break))
        if codes:
            queues = [codes.get(q, q) for q in queues]
        breaks = [b.start for b in self.blocks if b.is_break]
        parts = [", ".join(queues)] if queues else []
        if breaks:
            parts.append(f"{break_word} {' '.join(breaks)}")
        return " · ".join(parts)


@dataclass(frozen=True)
class WeekRow:
    """One agent's week: seven cells, Monday first."""

    agent_id: str
    name: str
    team: str
    cells: tuple[DayCell, ...]

    @property
    def hours(self) -> float:
        return sum(c.hours for c in self.cells)


@dataclass(frozen=True)
class TeamPage:
    """A team's week; ``part``/``parts`` > 1 when the team needs more than one page."""

    team: str
    week: PrintWeek
    rows: tuple[WeekRow, ...]
    holidays: dict[date, str]
    part: int = 1
    parts: int = 1


@dataclass(frozen=True)
class AgentPage:
    """One agent's week view."""

    week: PrintWeek
    row: WeekRow
    holidays: dict[date, str]


@dataclass(frozen=True)
class LegendEntry:
    """``group`` is ``class``, ``type``, ``queue`` or ``absence``; ``key`` what the renderer colours by."""

    group: str
    key: str
    text: str
    color: str | None = None


@dataclass(frozen=True)
class PrintHeader:
    project_name: str
    period: str  # "wk 19 (10–16 mei) – wk 20 (17–23 mei) 2027"
    status: str | None  # "Concept", "Gepubliceerd", "Gewijzigd na publicatie"
    printed_on: date


@dataclass
class PrintLayout:
    header: PrintHeader
    weeks: list[PrintWeek]
    pages: list[TeamPage | AgentPage]
    legend: list[LegendEntry] = field(default_factory=list)
    queue_colors: dict[str, str | None] = field(default_factory=dict)
    queue_codes: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Weeks and names
# --------------------------------------------------------------------------------------------


def print_weeks(project: Project) -> list[PrintWeek]:
    """The ISO weeks that hold at least one day of the horizon, in order (across a year end the
    week keeps its ISO year: 28 Dec 2026 – 3 Jan 2027 is 2026-W53)."""
    h = project.horizon
    if h.days <= 0:
        return []
    monday = h.start - timedelta(days=h.start.weekday())
    out: list[PrintWeek] = []
    while monday < h.end:
        days = tuple(monday + timedelta(days=i) for i in range(7))
        y, w, _ = monday.isocalendar()
        out.append(PrintWeek(y, w, days, tuple(h.start <= d < h.end for d in days)))
        monday += timedelta(days=7)
    return out


def period_tag(weeks: Sequence[PrintWeek]) -> str:
    """``2027-W19-W20`` for the printed weeks: :func:`kcroster.model.weeks.period_tag` (which
    names every export's period) of their Mondays."""
    return weeks_period_tag([w.days[0] for w in weeks])


def default_file_name(weeks: Sequence[PrintWeek]) -> str:
    """``rooster_2027-W19-W20.pdf``: the period in the name, so prints of two periods never clash."""
    tag = period_tag(weeks)
    return f"rooster_{tag}.pdf" if tag else "rooster.pdf"


def period_text(weeks: Sequence[PrintWeek], language: str = "nl") -> str:
    """``wk 16 (19–25 apr) – wk 19 (10–16 mei) 2027``: first and last week with their dates and
    the ISO year, given per week when the weeks span a New Year."""
    if not weeks:
        return ""
    first, last = weeks[0], weeks[-1]
    if first.key == last.key:
        return f"{first.title(language)} {first.iso_year}"
    if first.iso_year == last.iso_year:
        return f"{first.title(language)} – {last.title(language)} {last.iso_year}"
    return f"{first.title(language)} {first.iso_year} – {last.title(language)} {last.iso_year}"


def queue_codes(names: Sequence[str]) -> dict[str, str]:
    """A short, unique code per queue for narrow cells: ``Telefonie`` → ``T``, and when two
    queues share a first letter the shortest distinct prefixes (``Chat``/``Chat NL`` → ``Chat``/
    ``ChatN``); spaces and dashes are skipped."""
    letters = {n: "".join(ch for ch in n if ch.isalnum()) or n for n in names}
    out: dict[str, str] = {}
    for n in names:
        for k in range(1, len(letters[n]) + 1):
            code = letters[n][:k]
            if all(not letters[m].upper().startswith(code.upper()) for m in names if m != n):
                break
        else:
            code = n
        out[n] = code[:1].upper() + code[1:]
    return out


def parse_weeks(text: str, available: Sequence[PrintWeek]) -> list[PrintWeek]:
    """The weeks a planner typed: ``19``, ``19-20``, ``19,21``, ``2027-W19`` or empty for all.

    A bare number is the ISO week of that number within ``available``. Raises ``ValueError`` with
    a Dutch sentence for a week that is not in the period.
    """
    text = text.strip()
    if not text:
        return list(available)
    wanted: list[PrintWeek] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().upper()
        if not part:
            continue
        if "W" in part:  # 2027-W19 or 2027-W19-W20
            pieces = [p for p in part.replace("W", "").split("-") if p]
            if len(pieces) not in (2, 3) or not all(p.isdigit() for p in pieces):
                raise ValueError(f"onbekende week '{part}': schrijf bijvoorbeeld 2027-W19")
            year, lo = int(pieces[0]), int(pieces[1])
            hi = int(pieces[2]) if len(pieces) == 3 else lo
            keys = [(year, w) for w in range(lo, hi + 1)]
        else:
            bounds = [p.strip() for p in part.split("-")]
            if len(bounds) > 2 or not all(b.isdigit() for b in bounds):
                raise ValueError(f"onbekende week '{part}': schrijf bijvoorbeeld 19 of 19-20")
            lo, hi = int(bounds[0]), int(bounds[-1])
            nums = (
                set(range(lo, hi + 1)) if lo <= hi else set(range(lo, 54)) | set(range(1, hi + 1))
            )
            keys = [w.key for w in available if w.iso_week in nums]
            missing = nums - {w.iso_week for w in available}
            if missing:
                raise ValueError(f"week {min(missing)} valt niet in de roosterperiode")
        by_key = {w.key: w for w in available}
        for k in keys:
            if k not in by_key:
                raise ValueError(f"week {k[0]}-W{k[1]:02d} valt niet in de roosterperiode")
            if by_key[k] not in wanted:
                wanted.append(by_key[k])
    return sorted(wanted, key=lambda w: w.days[0])


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------


def _hhmm(dt: datetime) -> str:
    return f"{dt.hour:02d}:{dt.minute:02d}"


def _hours_from(day: date, dt: datetime, tz: Any) -> float:
    """Hours of ``dt`` after ``day``'s local midnight (26.0 = 02:00 the next day), absolute, so a
    bar never runs backwards on the night the clock goes back."""
    return (dt.timestamp() - datetime.combine(day, time(0), tzinfo=tz).timestamp()) / 3600


def _blocks(shift: Shift, tz: Any) -> tuple[Block, ...]:
    """The shift's segments, neighbours with the same activity merged."""
    merged: list[list[Any]] = []
    # by timestamp: aware datetimes in one zone compare by wall clock, wrong in the repeated hour
    for seg in sorted(shift.segments, key=lambda s: s.start.timestamp()):
        if (
            merged
            and merged[-1][2] == seg.activity
            and merged[-1][1].timestamp() == seg.start.timestamp()
        ):
            merged[-1][1] = seg.end
        else:
            merged.append([seg.start, seg.end, seg.activity])
    out = []
    for start, end, act in merged:
        is_break = act == BREAK
        out.append(
            Block(
                _hhmm(start.astimezone(tz)),
                _hhmm(end.astimezone(tz)),
                BREAK_LABEL if is_break else act,
                is_break,
                _hours_from(shift.day, start, tz),
                _hours_from(shift.day, end, tz),
            )
        )
    return tuple(out)


def _absence_kind(label: str) -> CellKind:
    """The team word for an absence: reasons of health never reach paper."""
    folded = label.casefold()
    if is_reintegration_label(label) or any(w in folded for w in _HEALTH_WORDS):
        return CellKind.UNAVAILABLE
    word = _team_label(label)
    return CellKind.LEAVE if word == "verlof" else CellKind.ABSENT


_KIND_TEXT = {
    CellKind.LEAVE: "verlof",
    CellKind.UNAVAILABLE: UNAVAILABLE_LABEL,
    CellKind.ABSENT: "afwezig",
    CellKind.OFF: OFF_LABEL,
    CellKind.OUTSIDE: "",
}
# When several absences fall on one day the most private word wins: "niet beschikbaar" says least.
_KIND_RANK = {CellKind.UNAVAILABLE: 0, CellKind.ABSENT: 1, CellKind.LEAVE: 2}


class _Cells:
    """Per agent and day: the shift, the absences and the sick days, looked up once."""

    def __init__(self, project: Project, roster: Roster) -> None:
        self.project = project
        self.tz = project.horizon.tz
        self.shifts: dict[tuple[str, date], Shift] = {(s.agent_id, s.day): s for s in roster.shifts}
        self.absence: dict[tuple[str, date], CellKind] = {}
        for lv in project.leave:
            kind = _absence_kind(lv.label)
            d = max(lv.start.astimezone(self.tz).date(), project.horizon.start)
            last = min(
                (lv.end.astimezone(self.tz) - timedelta(microseconds=1)).date(), project.horizon.end
            )
            while d <= last:
                self._mark(lv.agent_id, d, kind)
                d += timedelta(days=1)
        for sp in project.sick_periods:
            d = max(sp.start, project.horizon.start)
            last = min(sp.end or project.horizon.end, project.horizon.end)
            while d <= last:
                self._mark(sp.agent_id, d, CellKind.UNAVAILABLE)
                d += timedelta(days=1)
        self.type_colors = {t.name: t.color for t in project.shift_rules.shift_types if t.color}

    def _mark(self, agent_id: str, d: date, kind: CellKind) -> None:
        old = self.absence.get((agent_id, d))
        if old is None or _KIND_RANK[kind] < _KIND_RANK[old]:
            self.absence[(agent_id, d)] = kind

    def cell(self, agent_id: str, d: date, in_horizon: bool) -> DayCell:
        if not in_horizon:
            return DayCell(d, CellKind.OUTSIDE, "")
        sh = self.shifts.get((agent_id, d))
        if sh is not None:
            start, end = sh.start.astimezone(self.tz), sh.end.astimezone(self.tz)
            return DayCell(
                d,
                CellKind.SHIFT,
                f"{_hhmm(start)}-{_hhmm(end)}",
                _blocks(sh, self.tz),
                round(sh.work_minutes / 60, 2),
                _shift_class(self.project, sh),
                sh.shift_type,
                self.type_colors.get(sh.shift_type or ""),
            )
        kind = self.absence.get((agent_id, d), CellKind.OFF)
        return DayCell(d, kind, _KIND_TEXT[kind])

    def row(self, agent_id: str, name: str, team: str, week: PrintWeek) -> WeekRow:
        return WeekRow(
            agent_id,
            name,
            team,
            tuple(
                self.cell(agent_id, d, inside)
                for d, inside in zip(week.days, week.in_horizon, strict=True)
            ),
        )


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def _holidays(days: Iterable[date], language: str) -> dict[date, str]:
    """Dutch public holidays among ``days`` (the ``holidays`` package, as the rule checker uses),
    named in ``language`` (``nl`` or ``en``); none when the package has no data, so printing never
    fails on a calendar."""
    days = list(days)
    try:
        import holidays

        years = sorted({d.year for d in days})
        names = "en_US" if language == "en" else "nl"
        nl = holidays.country_holidays("NL", years=years, language=names)
    except Exception:  # noqa: BLE001 - a missing calendar only leaves the header plain
        return {}
    return {d: str(nl[d]) for d in days if d in nl}


def _agents(project: Project, roster: Roster) -> list[tuple[str, str, str]]:
    """(id, name, team) of every agent, plus any agent the roster names but the project lost
    (by id), so no shift is ever left off the print."""
    out = [(a.id, a.name, (a.team or "").strip() or NO_TEAM) for a in project.agents]
    known = {a.id for a in project.agents}
    for aid in dict.fromkeys(s.agent_id for s in roster.shifts):
        if aid not in known:
            out.append((aid, aid, NO_TEAM))
    return out


def _page_cells(pages: Sequence[TeamPage | AgentPage]) -> list[DayCell]:
    return [
        c for p in pages for r in (p.rows if isinstance(p, TeamPage) else (p.row,)) for c in r.cells
    ]


def _legend(project: Project, pages: Sequence[TeamPage | AgentPage]) -> list[LegendEntry]:
    """Only what appears on the pages, so the legend stays short."""
    cells = _page_cells(pages)
    out: list[LegendEntry] = []
    classes = {c.shift_class for c in cells if c.kind is CellKind.SHIFT and c.type_color is None}
    for key, text in (
        ("vroeg", "vroege dienst"),
        ("dag", "dagdienst"),
        ("laat", "late dienst"),
        ("nacht", "nachtdienst"),
    ):
        if key in classes:
            out.append(LegendEntry("class", key, text))
    types = {c.shift_type for c in cells if c.type_color is not None}
    for t in project.shift_rules.shift_types:
        if t.name in types:
            out.append(
                LegendEntry("type", t.name, f"{t.name} ({t.start:%H:%M}-{t.end:%H:%M})", t.color)
            )
    if any(isinstance(p, AgentPage) for p in pages):
        queues = list(dict.fromkeys(b.activity for c in cells for b in c.blocks if not b.is_break))
        colors = {q.name: q.color for q in project.queues}
        out += [LegendEntry("queue", q, q, colors.get(q)) for q in queues]
        if any(b.is_break for c in cells for b in c.blocks):
            out.append(LegendEntry("queue", BREAK_LABEL, BREAK_LABEL))
    kinds = {c.kind for c in cells}
    for kind in (CellKind.LEAVE, CellKind.UNAVAILABLE, CellKind.ABSENT):
        if kind in kinds:
            out.append(LegendEntry("absence", kind.value, _KIND_TEXT[kind]))
    return out


def build_print_layout(
    project: Project,
    roster: Roster | None,
    *,
    per: str = "team",
    weeks: Sequence[PrintWeek] | None = None,
    teams: Sequence[str] | None = None,
    agent_ids: Sequence[str] | None = None,
    printed_on: date | None = None,
    rows_per_page: int = ROWS_PER_PAGE,
    language: str = "nl",
) -> PrintLayout:
    """The pages of a printed roster.

    ``per="team"``: for each week, one page per team (agents in project order, a team with more
    than ``rows_per_page`` agents continues on a next page). ``per="agent"``: for each agent,
    one week view per week. ``weeks`` defaults to every ISO week of the horizon; ``teams`` and
    ``agent_ids`` narrow the selection (None = all). ``language`` names the public holidays.
    """
    if per not in ("team", "agent"):
        raise ValueError(f"onbekende indeling '{per}': kies team of agent")
    status = STATUS_TEXT.get(roster.status) if roster is not None else None
    roster = roster if roster is not None else Roster()
    weeks = list(weeks) if weeks is not None else print_weeks(project)
    cells = _Cells(project, roster)
    agents = _agents(project, roster)
    if agent_ids is not None:
        wanted_ids = set(agent_ids)
        agents = [a for a in agents if a[0] in wanted_ids]
    if teams is not None:
        wanted_teams = set(teams)
        agents = [a for a in agents if a[2] in wanted_teams]
    holidays = _holidays((d for w in weeks for d in w.days), language)
    pages: list[TeamPage | AgentPage] = []
    if per == "team":
        team_names = sorted({a[2] for a in agents}, key=lambda t: (t == NO_TEAM, t.casefold()))
        step = max(1, rows_per_page)
        for week in weeks:
            hol = {d: holidays[d] for d in week.days if d in holidays}
            for team in team_names:
                members = [a for a in agents if a[2] == team]
                rows = [cells.row(aid, name, team, week) for aid, name, _t in members]
                parts = (len(rows) + step - 1) // step
                for i in range(parts):
                    pages.append(
                        TeamPage(
                            team, week, tuple(rows[i * step : (i + 1) * step]), hol, i + 1, parts
                        )
                    )
    else:
        for aid, name, team in agents:
            for week in weeks:
                hol = {d: holidays[d] for d in week.days if d in holidays}
                pages.append(AgentPage(week, cells.row(aid, name, team, week), hol))
    header = PrintHeader(project.name, period_text(weeks), status, printed_on or date.today())
    names = [q.name for q in project.queues]
    names += [
        b.activity
        for c in _page_cells(pages)
        for b in c.blocks
        if not b.is_break and b.activity not in names
    ]
    return PrintLayout(
        header,
        weeks,
        pages,
        _legend(project, pages),
        {q.name: q.color for q in project.queues},
        queue_codes(list(dict.fromkeys(names))),
    )
