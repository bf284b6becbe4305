"""Roster export to Excel: the planner workbook and the team workbook (DESIGN §6).

Planner workbook (:func:`export_planner_workbook`)
    ``Rooster``      grid agents × days: shift times (``08:00-16:30``) coloured by shift type,
                     leave cells with the leave label, days under a reintegration plan marked
                     (purple border, ``Re-integratie`` column); weekly hours. This sheet is what
                     :mod:`kcroster.io.roster_import` reads back after the planner edits it.
    ``Dagdetail``    one row per segment: agent, date, shift, from, to, activity (breaks included)
    ``Dekking``      per interval and queue: required, scheduled, difference, predicted SL, ASA,
                     abandon; last column ``Dag en tijd`` (``ma 03-05 08:00``), the chart's axis
    ``KPI``          totals and per week: service level and ASA weighted by volume, occupancy,
                     bereikbaarheid, abandon %, scheduled vs required FTE, shrinkage, wishes
                     granted, fairness, rule violations
    ``KPI per dag``  the same per day and queue (filterable)
    ``Grafiek``      a native Excel line chart per queue: scheduled vs required (from ``Dekking``),
                     its axis labelled with day and time
    ``Regelcontrole`` the rule checker's findings
    ``Re-integratie`` the restrictions of agents in a reintegration plan (planner only)
    ``Legenda``      what the colours mean

Team workbook (:func:`export_team_workbook`)
    Only ``Rooster`` and ``Dagdetail``. The ``Rooster`` sheet holds one grid per team (a heading
    row with the team's name, its agents, a page break before the next team, so each team prints
    on its own pages), without contract hours: a colleague's contract is not the team's business.
    Reintegration restrictions are health data (AVG): they are
    left out unless the planner asks for them (``include_restrictions=True``); reintegration
    appointments show only the neutral text ``niet beschikbaar – re-integratie`` and other
    absences that are not ordinary leave show ``afwezig`` instead of their reason.
    :func:`team_workbook_omissions` lists what is left out, for the preview in the GUI.

Weeks are ISO weeks named with their dates (``wk 19 (10–16 mei)``,
:func:`kcroster.model.weeks.week_label`), as on the screens.

Formats: Dutch dates (``dd-mm-jjjj``, day headers ``ma 3 mei`` via the ``[$-413]`` locale code),
times ``uu:mm``; numbers use Excel's built-in formats, which Dutch Excel shows with a decimal
comma. Every sheet has frozen panes, a filter and a landscape, fit-to-width print setup. Text
cells are always stored as text, so a name like ``=HYPERLINK(…)`` is never run as a formula.
Sheets are written in openpyxl's write-only (streaming) mode for speed.

KPIs are not computed here from Erlang formulas: :class:`ExportData` carries the arrays the
coverage step computed. They are aggregated over intervals and queues by
:func:`kcroster.model.kpis.service_kpis`, the definition the screen and the CLI share (volume-weighted;
occupancy weighted by available agents, i.e. handled workload ÷ available agent time; voice and
chat only), and hours become FTE by :func:`kcroster.model.kpis.fte` on ``Project.fte_hours``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from kcroster.io.atomic import atomic_write
from kcroster.io.workbook import set_cell_safe
from kcroster.model import BREAK, Leave, Project, Roster, Shift, step_in_force
from kcroster.model.kpis import fte as fte_of
from kcroster.model.kpis import service_kpis
from kcroster.model.weeks import IsoWeek, iso_weeks
from kcroster.model.wishes import granted_share_per_agent, wish_results

__all__ = [
    "ABSENT_LABEL",
    "GRID_SHEET",
    "REINTEGRATION_LABEL",
    "UNAVAILABLE_LABEL",
    "ExportData",
    "export_planner_workbook",
    "export_team_workbook",
    "is_reintegration_label",
    "shift_cell_text",
    "team_workbook_omissions",
]

GRID_SHEET = "Rooster"
DETAIL_SHEET = "Dagdetail"
COVERAGE_SHEET = "Dekking"
REINTEGRATION_LABEL = "niet beschikbaar – re-integratie"
# What the team copy shows for a reintegration appointment: that the agent is away is the
# team's business, why is health data (AVG) and stays in the planner copy (issue 23 item 16).
UNAVAILABLE_LABEL = "niet beschikbaar"
ABSENT_LABEL = "afwezig"
LEAVE_LABEL = "verlof"
GRID_ID_HEADER = "Medewerker"
NO_TEAM_LABEL = "Zonder team"

DATE_FMT = "dd-mm-yyyy"
DAY_HEADER_FMT = "[$-413]ddd d mmm"
TIME_FMT = "hh:mm"
DATETIME_FMT = "dd-mm-yyyy hh:mm"
PCT_FMT = "0.0%"
NUM1_FMT = "0.0"
NUM0_FMT = "0"


@dataclass
class ExportData:
    """Everything an export needs; arrays are ``[queue, interval]`` in ``queue_names`` order.

    ``required`` is the scheduled requirement (after shrinkage), ``scheduled`` the agents the
    roster puts on each queue. The predicted KPI arrays may be ``None`` (shown as empty cells).
    ``volume`` weights the KPI aggregates; by default the project forecast × the active
    scenario's volume factor.
    """

    project: Project
    roster: Roster
    required: np.ndarray | None = None
    scheduled: np.ndarray | None = None
    service_level: np.ndarray | None = None
    asa: np.ndarray | None = None
    abandon: np.ndarray | None = None
    occupancy: np.ndarray | None = None
    reachability: np.ndarray | None = None
    violations: list[Any] = field(default_factory=list)
    queue_names: list[str] | None = None
    volume: np.ndarray | None = None
    productive: np.ndarray | None = None  # available agents (scheduled × (1 − shrinkage)), weights occupancy

    def names(self) -> list[str]:
        if self.queue_names is not None:
            return list(self.queue_names)
        if self.project.forecast is not None:
            return list(self.project.forecast.queue_names)
        return [q.name for q in self.project.queues]

    def shape(self) -> tuple[int, int]:
        return len(self.names()), self.project.horizon.n_intervals

    def scheduled_matrix(self) -> np.ndarray:
        if self.scheduled is not None:
            return np.asarray(self.scheduled, dtype=float)
        from kcroster.model.coverage import scheduled_matrix

        return scheduled_matrix(self.roster, self.project.horizon, self.names())

    def required_matrix(self) -> np.ndarray:
        return np.zeros(self.shape()) if self.required is None else np.asarray(self.required, dtype=float)

    def volume_matrix(self) -> np.ndarray:
        if self.volume is not None:
            return np.asarray(self.volume, dtype=float)
        fc = self.project.forecast
        if fc is None or fc.volume.shape != self.shape():
            return np.zeros(self.shape())
        return fc.volume * self.project.scenario.volume_factor

    def productive_matrix(self) -> np.ndarray:
        """Agents available to take contacts: ``productive``, else scheduled × (1 − queue shrinkage)."""
        if self.productive is not None:
            return np.asarray(self.productive, dtype=float)
        by_name = {q.name: q.shrinkage for q in self.project.queues}
        shrink = np.array([by_name.get(n, 0.0) for n in self.names()], dtype=float)[:, None]
        return self.scheduled_matrix() * (1.0 - shrink)

    def live_queues(self) -> np.ndarray:
        """Per queue: True where service KPIs apply (every channel but e-mail)."""
        by_name = {q.name: str(q.channel) for q in self.project.queues}
        return np.array([by_name.get(n) != "email" for n in self.names()], dtype=bool)


# --------------------------------------------------------------------------------------------
# Small helpers shared with the importer
# --------------------------------------------------------------------------------------------


def _hhmm(dt: datetime) -> str:
    return f"{dt.hour:02d}:{dt.minute:02d}"


def shift_cell_text(shift: Shift, tz: Any) -> str:
    """Grid text of a shift: local ``HH:MM-HH:MM`` (an end before the start is the next day)."""
    return f"{_hhmm(shift.start.astimezone(tz))}-{_hhmm(shift.end.astimezone(tz))}"


def is_reintegration_label(label: str) -> bool:
    s = label.casefold().replace("-", "").replace("–", "").replace(" ", "")
    return "reintegratie" in s or "reïntegratie" in s


def _team_label(label: str) -> str:
    if is_reintegration_label(label):
        return UNAVAILABLE_LABEL
    if label.strip().casefold() == LEAVE_LABEL:
        return LEAVE_LABEL
    return ABSENT_LABEL


def _naive_local(dt: datetime, tz: Any) -> datetime:
    return dt.astimezone(tz).replace(tzinfo=None, fold=0)


def _finite(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


# --------------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------------


class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.PatternFill = PatternFill
        self.bold = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor="DDEBF7")
        self.team_fill = PatternFill("solid", fgColor="F2F2F2")
        self.center = Alignment(horizontal="center")
        purple = Side(style="medium", color="7030A0")
        self.reint_border = Border(left=purple, right=purple, top=purple, bottom=purple)
        self.leave_fill = PatternFill("solid", fgColor="D9D9D9")
        self.class_fill = {
            "vroeg": PatternFill("solid", fgColor="FFF2CC"),
            "dag": PatternFill("solid", fgColor="E2EFDA"),
            "laat": PatternFill("solid", fgColor="FCE4D6"),
            "nacht": PatternFill("solid", fgColor="D9E1F2"),
        }
        self.neg_font = Font(color="C00000")
        self._type_fill: dict[str, Any] = {}

    def type_fill(self, color: str) -> Any:
        c = color.lstrip("#").upper()
        if len(c) == 3:
            c = "".join(ch * 2 for ch in c)
        if len(c) != 6 or any(ch not in "0123456789ABCDEF" for ch in c):
            return None
        f = self._type_fill.get(c)
        if f is None:
            f = self._type_fill[c] = self.PatternFill("solid", fgColor=c)
        return f


def _shift_class(project: Project, shift: Shift) -> str:
    """Colour class of a shift without a coloured named type: nacht, vroeg, laat or dag."""
    tz = project.horizon.tz
    s = shift.start.astimezone(tz)
    e = shift.end.astimezone(tz)
    rules = project.shift_rules
    if s.hour >= 21 or s.hour < project.labour.night_window[1] - 1:
        return "nacht"
    if s.time() < rules.early_start_before:
        return "vroeg"
    if e.date() > s.date() or e.time() > rules.late_end_after:
        return "laat"
    return "dag"


def _prepare_sheet(ws: Any, freeze: str | None, n_cols: int, widths: Sequence[float] | None = None,
                   landscape: bool = True) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    if freeze:
        ws.freeze_panes = freeze
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    if widths:
        from openpyxl.utils import get_column_letter

        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w


def _filter(ws: Any, n_cols: int, n_rows: int, first_row: int = 1) -> None:
    from openpyxl.utils import get_column_letter

    if n_cols and n_rows >= first_row:
        ws.auto_filter.ref = f"A{first_row}:{get_column_letter(n_cols)}{max(n_rows, first_row)}"


_RISKY_START = frozenset("=+-@\t\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class _Writer:
    """Builds styled write-only cells with little overhead."""

    def __init__(self, ws: Any, styles: _Styles) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.ws = ws
        self.st = styles
        self.Cell = WriteOnlyCell

    def cell(self, value: Any, fmt: str | None = None, *, fill: Any = None, font: Any = None,
             border: Any = None, align: Any = None) -> Any:
        c = self.Cell(self.ws)
        set_cell_safe(c, value)
        if fmt:
            c.number_format = fmt
        if fill is not None:
            c.fill = fill
        if font is not None:
            c.font = font
        if border is not None:
            c.border = border
        if align is not None:
            c.alignment = align
        return c

    def text(self, value: Any) -> Any:
        """Plain text/number without style. A string that openpyxl would take for a formula (or
        that holds XML control characters) becomes an explicit text cell; other strings stay
        plain values, which stream faster. A cell object must never be reused across rows."""
        if isinstance(value, str) and value and (value[0] in _RISKY_START or _CONTROL.search(value)):
            c = self.Cell(self.ws)
            set_cell_safe(c, value)
            return c
        return value

    def header(self, titles: Iterable[Any], fmt: str | None = None) -> list[Any]:
        return [self.cell(t, fmt if not isinstance(t, str) else None, fill=self.st.header_fill, font=self.st.bold)
                for t in titles]


# --------------------------------------------------------------------------------------------
# Sheets
# --------------------------------------------------------------------------------------------


def _leave_by_agent_day(project: Project) -> dict[tuple[str, date], list[Leave]]:
    tz = project.horizon.tz
    out: dict[tuple[str, date], list[Leave]] = {}
    h = project.horizon
    for lv in project.leave:
        s = lv.start.astimezone(tz)
        e = lv.end.astimezone(tz)
        d = max(s.date(), h.start)
        last = min((e - timedelta(microseconds=1)).date(), h.end - timedelta(days=1))
        while d <= last:
            out.setdefault((lv.agent_id, d), []).append(lv)
            d += timedelta(days=1)
    return out


def _team_groups(project: Project) -> list[tuple[str | None, list[Any]]]:
    """The team workbook's grids: (team name, its agents) sorted by name, agents without a team
    last; one unnamed group when nobody has a team (one plain grid, no heading)."""
    if not any(a.team for a in project.agents):
        return [(None, list(project.agents))]
    teams: dict[str, list[Any]] = {}
    for a in project.agents:
        teams.setdefault((a.team or "").strip(), []).append(a)
    order = sorted((t for t in teams if t), key=str.casefold) + ([""] if "" in teams else [])
    return [(t or NO_TEAM_LABEL, teams[t]) for t in order]


def _write_grid(wb: Any, data: ExportData, styles: _Styles, *, team: bool, include_restrictions: bool) -> None:
    """The ``Rooster`` sheet. The planner's copy is one grid with team and contract hours (what
    :mod:`kcroster.io.roster_import` reads back); the team copy has one grid per team under a
    heading row (blank in the id and day columns, so the importer skips it) and no contract."""
    from openpyxl.worksheet.pagebreak import Break

    project = data.project
    h = project.horizon
    ws = wb.create_sheet(GRID_SHEET)
    w = _Writer(ws, styles)
    show_reint = (not team) or include_restrictions
    dates = h.dates
    base = ([GRID_ID_HEADER, "Naam"] + ([] if team else ["Team", "Contract (u/week)"])
            + (["Re-integratie"] if show_reint else []))
    weeks = iso_weeks(dates)
    n_weeks = len(weeks)
    week_of = {d: i for i, wk in enumerate(weeks) for d in wk.days}
    week_titles = [f"Uren {_week_label(wk)}" for wk in weeks]
    n_cols = len(base) + len(dates) + n_weeks
    widths = [12, 24] + ([] if team else [14, 9]) + ([9] if show_reint else []) + [12] * len(dates) + [24] * n_weeks
    _prepare_sheet(ws, f"{_col(len(base) + 1)}2", n_cols, widths)
    ws.append(w.header(base) + w.header(dates, DAY_HEADER_FMT) + w.header(week_titles))
    by_agent = data.roster.by_agent()
    leave = _leave_by_agent_day(project)
    plans = {a.id: project.reintegration_plan(a.id) for a in project.agents}
    type_colors = {t.name: t.color for t in project.shift_rules.shift_types if t.color}
    n_rows = 1
    groups = _team_groups(project) if team else [(None, list(project.agents))]
    for g, (heading, agents) in enumerate(groups):
        if heading is not None:
            if g:  # each team starts on a new printed page
                ws.row_breaks.append(Break(id=n_rows))
            ws.append([None, w.cell(heading, font=styles.bold, fill=styles.team_fill)]
                      + [w.cell(None, fill=styles.team_fill) for _ in range(n_cols - 2)])
            n_rows += 1
        for agent in agents:
            ws.append(_grid_row(w, project, agent, styles, by_agent, leave, plans, type_colors, week_of, n_weeks,
                                team=team, include_restrictions=include_restrictions))
            n_rows += 1
    _filter(ws, n_cols, n_rows)
    ws.print_title_rows = "1:1"


def _grid_row(w: _Writer, project: Project, agent: Any, styles: _Styles, by_agent: dict[str, list[Shift]],
              leave: dict[tuple[str, date], list[Leave]], plans: dict[str, list[Any]], type_colors: dict[str, str],
              week_of: dict[date, int], n_weeks: int, *, team: bool, include_restrictions: bool) -> list[Any]:
    """One agent's grid row: id, name, (team and contract: planner only), the days, week hours."""
    h = project.horizon
    tz = h.tz
    show_reint = (not team) or include_restrictions
    shifts = {s.day: s for s in by_agent.get(agent.id, [])}
    plan = plans.get(agent.id) or []
    row: list[Any] = [w.text(agent.id), w.text(agent.name)]
    if not team:
        row += [w.text(agent.team or ""), agent.contract_hours]
    if show_reint:
        row.append(w.text("ja" if plan else ""))
    hours = [0.0] * n_weeks
    for d in h.dates:
        sh = shifts.get(d)
        border = styles.reint_border if show_reint and plan and step_in_force(plan, d) is not None else None
        if sh is not None:
            fill = None
            if sh.shift_type and sh.shift_type in type_colors:
                fill = styles.type_fill(type_colors[sh.shift_type])
            if fill is None:
                fill = styles.class_fill[_shift_class(project, sh)]
            row.append(w.cell(shift_cell_text(sh, tz), fill=fill, border=border, align=styles.center))
            work = (sh.end.timestamp() - sh.start.timestamp()) / 3600 - sum(
                (g.end.timestamp() - g.start.timestamp()) for g in sh.segments if g.activity == BREAK) / 3600
            hours[week_of[d]] += work
        elif (agent.id, d) in leave:
            labels = [lv.label for lv in leave[(agent.id, d)]]
            if team and not include_restrictions:
                labels = [_team_label(x) for x in labels]
            text = " / ".join(dict.fromkeys(labels))
            row.append(w.cell(text, fill=styles.leave_fill, border=border, align=styles.center))
        elif border is not None:
            row.append(w.cell(None, border=border))
        else:
            row.append(None)
    row += [w.cell(round(x, 2), NUM1_FMT) for x in hours]
    return row


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def _week_label(week: IsoWeek) -> str:
    """The workbooks speak Dutch: ``wk 19 (10–16 mei)``."""
    return week.label("nl")


class _FastSheet:
    """Rows of a big sheet, serialised straight to SpreadsheetML.

    openpyxl (without lxml) needs ~90 µs per cell; the day detail and coverage sheets of a
    400-agent, 4-week roster hold ~300 000 cells. These rows are rendered as XML text here and
    put into the sheet after openpyxl has written the workbook (:func:`_save`), using style ids
    registered in the same workbook. Text is always written as an inline string (``t="inlineStr"``),
    never as a formula; XML control characters are dropped and markup escaped.
    """

    def __init__(self, wb: Any, ws: Any, n_cols: int) -> None:
        from openpyxl.utils import get_column_letter

        self.wb = wb
        self.ws = ws
        self.letters = [get_column_letter(i) for i in range(1, n_cols + 1)]
        self.parts: list[str] = []
        self.n_rows = 0
        _FAST_SHEETS.setdefault(id(wb), []).append(self)

    def style(self, fmt: str | None = None, *, font: Any = None, fill: Any = None) -> int:
        """Register a cell style in the workbook and return its id."""
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(self.ws)
        if fmt:
            c.number_format = fmt
        if font is not None:
            c.font = font
        if fill is not None:
            c.fill = fill
        return int(c.style_id)

    def row(self, cells: Sequence[tuple[Any, int] | None]) -> None:
        self.n_rows += 1
        r = self.n_rows
        out = [f'<row r="{r}">']
        letters = self.letters
        for j, cell in enumerate(cells):
            if cell is None:
                continue
            v, sid = cell
            ref = f"{letters[j]}{r}"
            st = f' s="{sid}"' if sid else ""
            if v is None:
                if sid:
                    out.append(f'<c r="{ref}"{st}/>')
            elif isinstance(v, str):
                out.append(f'<c r="{ref}"{st} t="inlineStr"><is><t xml:space="preserve">{_xml_text(v)}</t></is></c>')
            elif isinstance(v, bool):
                out.append(f'<c r="{ref}"{st} t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, (int, float)):
                if math.isfinite(v):
                    out.append(f'<c r="{ref}"{st}><v>{v!r}</v></c>')
            elif isinstance(v, datetime):
                out.append(f'<c r="{ref}"{st}><v>{_excel_serial(v)!r}</v></c>')
            elif isinstance(v, date):
                out.append(f'<c r="{ref}"{st}><v>{(v - _EXCEL_EPOCH_DATE).days}</v></c>')
            else:
                out.append(f'<c r="{ref}"{st} t="inlineStr"><is><t xml:space="preserve">{_xml_text(str(v))}</t></is></c>')
        out.append("</row>")
        self.parts.append("".join(out))

    def xml(self) -> str:
        return "<sheetData>" + "".join(self.parts) + "</sheetData>"

    def dimension(self) -> str:
        return f"A1:{self.letters[-1]}{max(self.n_rows, 1)}"


_FAST_SHEETS: dict[int, list[_FastSheet]] = {}
_EXCEL_EPOCH_DATE = date(1899, 12, 30)
_EXCEL_EPOCH = datetime(1899, 12, 30)
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _xml_text(text: str) -> str:
    return _CONTROL.sub("", text).translate(_XML_ESCAPES)


def _excel_serial(dt: datetime) -> float:
    d = dt.replace(tzinfo=None) - _EXCEL_EPOCH
    return d.days + d.seconds / 86400 + d.microseconds / 86_400_000_000


def _write_detail(wb: Any, data: ExportData, styles: _Styles) -> None:
    project = data.project
    tz = project.horizon.tz
    ws = wb.create_sheet(DETAIL_SHEET)
    titles = ["Medewerker", "Naam", "Datum", "Dienst", "Van", "Tot", "Activiteit", "Minuten"]
    _prepare_sheet(ws, "C2", len(titles), [12, 24, 12, 13, 8, 8, 16, 9])
    fs = _FastSheet(wb, ws, len(titles))
    head = fs.style(font=styles.bold, fill=styles.header_fill)
    s_date, s_time = fs.style(DATE_FMT), fs.style(TIME_FMT)
    fs.row([(t, head) for t in titles])
    names = {a.id: a.name for a in project.agents}
    local: dict[float, datetime] = {}

    def wall(dt: datetime) -> datetime:
        ts = dt.timestamp()
        v = local.get(ts)
        if v is None:
            v = local[ts] = _naive_local(dt, tz)
        return v

    for shift in sorted(data.roster.shifts, key=lambda s: (s.agent_id, s.start.timestamp())):
        aid = (shift.agent_id, 0)
        nm = (names.get(shift.agent_id, ""), 0)
        day = (shift.day, s_date)
        label = (shift_cell_text(shift, tz), 0)
        for seg in shift.segments:
            act = "pauze" if seg.activity == BREAK else seg.activity
            fs.row([aid, nm, day, label, (wall(seg.start), s_time), (wall(seg.end), s_time), (act, 0),
                    (round((seg.end.timestamp() - seg.start.timestamp()) / 60), 0)])
    _filter(ws, len(titles), fs.n_rows)
    ws.print_title_rows = "1:1"


COVERAGE_MOMENT_HEADER = "Dag en tijd"
_WEEKDAYS_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")
_COV_FIELDS = (("vereist", NUM1_FMT), ("ingepland", NUM1_FMT), ("verschil", NUM1_FMT),
               ("SL", PCT_FMT), ("ASA (s)", NUM0_FMT), ("abandon", PCT_FMT))


def _write_coverage(wb: Any, data: ExportData, styles: _Styles) -> int:
    """Returns the number of data rows (intervals)."""
    project = data.project
    h = project.horizon
    ws = wb.create_sheet(COVERAGE_SHEET)
    names = data.names()
    titles = ["Datum", "Tijd"] + [f"{q} {f}" for q in names for f, _ in _COV_FIELDS] + [COVERAGE_MOMENT_HEADER]
    n_cols = len(titles)
    _prepare_sheet(ws, "C2", n_cols, [12, 7] + [11] * (n_cols - 3) + [15])
    fs = _FastSheet(wb, ws, n_cols)
    head = fs.style(font=styles.bold, fill=styles.header_fill)
    s_date = fs.style(DATE_FMT)
    fs.row([(t, head) for t in titles])
    req = data.required_matrix()
    sch = data.scheduled_matrix()
    diff = sch - req
    kpis = [data.service_level, data.asa, data.abandon]
    arrays = [req, sch, diff] + [None if a is None else np.asarray(a, dtype=float) for a in kpis]
    # Column-wise lists of Python floats are much faster to render than numpy scalars.
    cols: list[list[Any]] = []
    for q in range(len(names)):
        for (_, fmt), arr in zip(_COV_FIELDS, arrays, strict=True):
            sid = fs.style(fmt)
            if arr is None:
                cols.append([None] * h.n_intervals)
            else:
                vals = np.round(arr[q], 4).tolist()
                cols.append([(v, sid) if math.isfinite(v) else None for v in vals])
    day_of = h.day_of_interval.tolist()
    dates = h.dates
    for k in range(h.n_intervals):
        d = dates[day_of[k]]
        moment = f"{_WEEKDAYS_NL[d.weekday()]} {d.day:02d}-{d.month:02d} {h.label(k)}"
        fs.row([(d, s_date), (h.label(k), 0)] + [col[k] for col in cols] + [(moment, 0)])
    _filter(ws, n_cols, h.n_intervals + 1)
    ws.print_title_rows = "1:1"
    return h.n_intervals


@dataclass
class _Kpi:
    volume: float
    sl: float | None
    asa: float | None
    abandon: float | None
    occupancy: float | None
    reachability: float | None
    required_hours: float
    scheduled_hours: float


def _kpi(data: ExportData, qsel: slice | int, ksel: slice, vol: np.ndarray, req: np.ndarray, sch: np.ndarray) -> _Kpi:
    step_h = data.project.horizon.interval_minutes / 60

    def arr(a: np.ndarray | None) -> np.ndarray | None:
        return None if a is None else np.asarray(a, dtype=float)[qsel, ksel]

    live = data.live_queues()[qsel]
    predicted = {"service_level": arr(data.service_level), "asa": arr(data.asa), "abandon": arr(data.abandon),
                 "occupancy": arr(data.occupancy), "reachability": arr(data.reachability)}
    k = service_kpis(predicted, vol[qsel, ksel], data.productive_matrix()[qsel, ksel],
                     live[:, None] if np.ndim(live) else live)

    def shown(name: str) -> float | None:
        return None if math.isnan(k[name]) else k[name]

    return _Kpi(
        float(vol[qsel, ksel].sum()), shown("service_level"), shown("asa"), shown("abandon"), shown("occupancy"),
        shown("reachability"), float(req[qsel, ksel].sum() * step_h), float(sch[qsel, ksel].sum() * step_h),
    )


_KPI_TITLES = ["Volume", "Service level", "ASA (s)", "Abandon %", "Bezettingsgraad", "Bereikbaarheid",
               "Vereiste uren", "Ingeplande uren", "Verschil uren"]
_KPI_FMTS = ["#,##0", PCT_FMT, NUM0_FMT, PCT_FMT, PCT_FMT, PCT_FMT, NUM1_FMT, NUM1_FMT, NUM1_FMT]


def _kpi_cells(w: _Writer, k: _Kpi) -> list[Any]:
    vals = [k.volume, k.sl, k.asa, k.abandon, k.occupancy, k.reachability, k.required_hours, k.scheduled_hours,
            k.scheduled_hours - k.required_hours]
    return [w.cell(None if v is None else round(v, 4), f) for v, f in zip(vals, _KPI_FMTS, strict=True)]


def _write_kpis(wb: Any, data: ExportData, styles: _Styles) -> None:
    project = data.project
    h = project.horizon
    names = data.names()
    vol = data.volume_matrix()
    req = data.required_matrix()
    sch = data.scheduled_matrix()
    all_q = slice(None)

    # ---- summary and per week
    ws = wb.create_sheet("KPI")
    w = _Writer(ws, styles)
    _prepare_sheet(ws, "A2", 13, [26, 14, 14, 12, 12, 12, 14, 14, 13, 13, 13, 13, 13])
    ws.append(w.header(["Kengetal", "Waarde", "Toelichting"]))
    total = _kpi(data, all_q, slice(None), vol, req, sch)
    wishes = project.wishes
    granted = wish_results(wishes, data.roster, project.shift_rules, project.horizon.tz)
    n_granted = sum(granted)
    n_must = sum(1 for w in wishes if w.must)
    n_must_granted = sum(1 for w, g in zip(wishes, granted, strict=True) if w.must and g)
    shares = list(granted_share_per_agent(wishes, granted).values())
    unpopular = {t.name for t in project.shift_rules.shift_types if t.unpopular}
    unpop_counts = {a.id: 0 for a in project.agents}
    for s in data.roster.shifts:
        if s.shift_type in unpopular and s.agent_id in unpop_counts:
            unpop_counts[s.agent_id] += 1
    work_h = sum(_work_hours(s) for s in data.roster.shifts)
    break_h = sum((s.end.timestamp() - s.start.timestamp()) / 3600 for s in data.roster.shifts) - work_h
    fte = project.fte_hours
    queues_by_name = {q.name: q for q in project.queues}
    shrink = [queues_by_name[n].shrinkage for n in names if n in queues_by_name]
    req_by_q = req.sum(axis=1)
    shrink_w = (float(np.dot(req_by_q[: len(shrink)], shrink)) / float(req_by_q[: len(shrink)].sum())
                if shrink and float(req_by_q[: len(shrink)].sum()) > 0 else (float(np.mean(shrink)) if shrink else None))
    n_err = sum(1 for v in data.violations if str(getattr(v, "severity", "error")) == "error")
    summary: list[tuple[str, Any, str, str | None]] = [
        ("Service level", total.sl, "gewogen naar aangeboden volume", PCT_FMT),
        ("Gemiddelde wachttijd (ASA, s)", total.asa, "gewogen naar aangeboden volume", NUM0_FMT),
        ("Abandon %", total.abandon, "gewogen naar aangeboden volume", PCT_FMT),
        ("Bereikbaarheid", total.reachability, "beantwoord ÷ aangeboden", PCT_FMT),
        ("Bezettingsgraad", total.occupancy, "afgehandelde werklast ÷ beschikbare tijd (na shrinkage)", PCT_FMT),
        ("Vereiste FTE", fte_of(total.required_hours, fte, h.days), f"vereiste uren per week ÷ {fte:g} u", "0.00"),
        ("Ingeplande FTE (wachtrijen)", fte_of(total.scheduled_hours, fte, h.days), "uren op wachtrijen per week",
         "0.00"),
        ("Ingeplande FTE (diensten)", fte_of(work_h, fte, h.days), "gewerkte uren excl. pauzes per week", "0.00"),
        ("Shrinkage (gepland)", shrink_w, "instelling per wachtrij, gewogen naar behoefte", PCT_FMT),
        ("Pauzes in diensten", (break_h / (work_h + break_h)) if work_h + break_h > 0 else None,
         "aandeel pauze in de diensttijd", PCT_FMT),
        ("Wensen gehonoreerd", (n_granted / len(wishes)) if wishes else None, f"{n_granted} van {len(wishes)}", PCT_FMT),
        ("Harde wensen gehonoreerd", (n_must_granted / n_must) if n_must else None, f"{n_must_granted} van {n_must}", PCT_FMT),
        ("Eerlijkheid wensen", min(shares) if shares else None,
         "laagste aandeel gehonoreerd wensgewicht van een medewerker (1 = iedereen alles)", PCT_FMT),
        ("Spreiding onpopulaire diensten", (max(unpop_counts.values()) - min(unpop_counts.values())) if unpop_counts and unpopular else None,
         "meeste min minste onpopulaire diensten per medewerker", NUM0_FMT),
        ("Regelovertredingen", n_err, f"{len(data.violations) - n_err} waarschuwingen", NUM0_FMT),
    ]
    for label, value, note, fmt in summary:
        v = _finite(value) if isinstance(value, float) else value
        ws.append([w.cell(label, font=styles.bold), w.cell(v, fmt), w.text(note)])
    ws.append([])
    week_header_row = len(summary) + 3
    ws.append(w.header(["Week", "Wachtrij"] + _KPI_TITLES + ["Vereiste FTE", "Ingeplande FTE"]))
    n = week_header_row
    for wk in iso_weeks(h.dates):
        first, last = h.day_index(wk.first), h.day_index(wk.last)
        ksel = slice(h.day_slice(first).start, h.day_slice(last).stop)
        days_in = len(wk.days)
        label = _week_label(wk)
        for qi, qn in [(all_q, "Alle wachtrijen")] + list(enumerate(names)):
            k = _kpi(data, qi, ksel, vol, req, sch)
            ws.append([w.text(label), w.text(qn)] + _kpi_cells(w, k)
                      + [w.cell(round(fte_of(k.required_hours, fte, days_in), 3), "0.00"),
                         w.cell(round(fte_of(k.scheduled_hours, fte, days_in), 3), "0.00")])
            n += 1
    _filter(ws, 13, n, week_header_row)

    # ---- per day
    ws = wb.create_sheet("KPI per dag")
    w = _Writer(ws, styles)
    titles = ["Datum", "Wachtrij"] + _KPI_TITLES
    _prepare_sheet(ws, "C2", len(titles), [12, 16] + [13] * len(_KPI_TITLES))
    ws.append(w.header(titles))
    n = 1
    for d, day in enumerate(h.dates):
        ksel = h.day_slice(d)
        for qi, qn in [(all_q, "Alle wachtrijen")] + list(enumerate(names)):
            k = _kpi(data, qi, ksel, vol, req, sch)
            ws.append([w.cell(day, DATE_FMT), w.text(qn)] + _kpi_cells(w, k))
            n += 1
    _filter(ws, len(titles), n)


def _work_hours(s: Shift) -> float:
    total = s.end.timestamp() - s.start.timestamp()
    brk = sum(g.end.timestamp() - g.start.timestamp() for g in s.segments if g.activity == BREAK)
    return (total - brk) / 3600


def _label_step(h: Any) -> int:
    """Intervals between two labels on the chart's axis: whole hours (1, 2, 3, 4, 6, 12 or 24),
    the smallest step that leaves at most 42 labels, so they stay readable."""
    per_hour = max(1, 60 // h.interval_minutes)
    for hours in (1, 2, 3, 4, 6, 12, 24):
        if h.n_intervals / (hours * per_hour) <= 42:
            return hours * per_hour
    return 24 * per_hour * math.ceil(h.n_intervals / (24 * per_hour * 42))


def _write_chart(wb: Any, data: ExportData, styles: _Styles, n_rows: int) -> None:
    """One line chart per queue, its category axis the ``Dag en tijd`` column of ``Dekking``:
    a planner reads "di 04-05 12:00" under a dip, not an interval number or a bare time that
    repeats every day."""
    from openpyxl.chart import LineChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef

    ws = wb.create_sheet("Grafiek")
    w = _Writer(ws, styles)
    names = data.names()
    _prepare_sheet(ws, None, 1)
    ws.append([w.cell("Ingepland tegenover vereist per wachtrij (bron: blad Dekking)", font=styles.bold)])
    cov = wb[COVERAGE_SHEET]
    per_q = len(_COV_FIELDS)
    cov_cols = 2 + per_q * len(names) + 1  # the "Dag en tijd" column
    for q, name in enumerate(names):
        chart = LineChart()
        chart.title = f"{name}: ingepland vs vereist"
        chart.y_axis.title = "medewerkers"
        chart.x_axis.title = "dag en tijd"
        chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl leaves it unset: Excel hides the axes
        step = _label_step(data.project.horizon)
        chart.x_axis.tickLblSkip = chart.x_axis.tickMarkSkip = step
        chart.height = 7.5
        chart.width = 30
        first_col = 3 + q * per_q
        data_ref = Reference(cov, min_col=first_col, max_col=first_col + 1, min_row=1, max_row=n_rows + 1)
        chart.add_data(data_ref, titles_from_data=True)
        moments = Reference(cov, min_col=cov_cols, min_row=2, max_row=n_rows + 1)
        for s in chart.series:
            s.cat = AxDataSource(strRef=StrRef(f=str(moments)))
            s.smooth = False
            s.marker.symbol = "none"
        ws.add_chart(chart, f"A{3 + q * 16}")


def _write_violations(wb: Any, data: ExportData, styles: _Styles) -> None:
    ws = wb.create_sheet("Regelcontrole")
    w = _Writer(ws, styles)
    titles = ["Ernst", "Regel", "Medewerker", "Wanneer", "Melding"]
    _prepare_sheet(ws, "A2", len(titles), [10, 26, 12, 16, 90])
    ws.append(w.header(titles))
    tz = data.project.horizon.tz
    for v in data.violations:
        when = getattr(v, "when", None)
        cell: Any
        if isinstance(when, datetime):
            cell = w.cell(_naive_local(when, tz) if when.tzinfo else when, DATETIME_FMT)
        elif isinstance(when, date):
            cell = w.cell(when, DATE_FMT)
        else:
            cell = None
        try:
            rule = v.rule_name_nl
        except (KeyError, AttributeError):
            rule = getattr(v, "rule_id", "")
        sev = str(getattr(v, "severity", ""))
        ws.append([w.text({"error": "fout", "warning": "waarschuwing"}.get(sev, sev)), w.text(rule),
                   w.text(getattr(v, "agent_id", None) or ""), cell, w.text(getattr(v, "message_nl", str(v)))])
    _filter(ws, len(titles), len(data.violations) + 1)


def _fmt_window(win: Any) -> str:
    if not win:
        return ""
    return f"{win[0].strftime('%H:%M')}-{win[1].strftime('%H:%M')}"


def _write_restrictions(wb: Any, data: ExportData, styles: _Styles) -> None:
    ws = wb.create_sheet("Re-integratie")
    w = _Writer(ws, styles)
    titles = ["Medewerker", "Naam", "Vanaf", "Max uren/week", "Max uren/dag", "Dagen", "Max dagen/week",
              "Min rustdagen", "Tijdvenster", "Activiteiten", "Productiviteit", "Max aaneengesloten (min)",
              "Extra pauze (min)", "Eerste ziektedag"]
    _prepare_sheet(ws, "C2", len(titles), [12, 24, 12] + [12] * (len(titles) - 3))
    ws.append(w.header(titles))
    names = {a.id: a.name for a in data.project.agents}
    wd = ("ma", "di", "wo", "do", "vr", "za", "zo")
    steps = sorted(data.project.reintegration, key=lambda s: (s.agent_id, s.from_date))
    for s in steps:
        ws.append([
            w.text(s.agent_id), w.text(names.get(s.agent_id, "")), w.cell(s.from_date, DATE_FMT),
            s.max_hours_week, s.max_hours_day, w.text(" ".join(wd[i] for i in sorted(s.days)) if s.days else ""),
            s.max_days_week, s.min_rest_days_between, w.text(_fmt_window(s.window)),
            w.text(", ".join(s.queues) if s.queues else ""), w.cell(s.productivity, PCT_FMT),
            s.max_continuous_minutes, s.extra_break_minutes,
            w.cell(s.first_sick_day, DATE_FMT) if s.first_sick_day else None,
        ])
    _filter(ws, len(titles), len(steps) + 1)


def _write_legend(wb: Any, data: ExportData, styles: _Styles, *, team: bool, include_restrictions: bool) -> None:
    ws = wb.create_sheet("Legenda")
    w = _Writer(ws, styles)
    _prepare_sheet(ws, None, 2, [22, 70], landscape=False)
    ws.append(w.header(["Kleur", "Betekenis"]))
    for key, text in (("vroeg", "vroege dienst"), ("dag", "dagdienst"), ("laat", "late dienst"), ("nacht", "nachtdienst")):
        ws.append([w.cell(key, fill=styles.class_fill[key]), w.text(text)])
    for t in data.project.shift_rules.shift_types:
        fill = styles.type_fill(t.color) if t.color else None
        if fill is not None:
            ws.append([w.cell(t.name, fill=fill), w.text(f"diensttype {t.name} ({t.start:%H:%M}-{t.end:%H:%M})")])
    ws.append([w.cell("verlof", fill=styles.leave_fill), w.text("afwezig; de cel toont de soort afwezigheid")])
    if not team or include_restrictions:
        ws.append([w.cell("", border=styles.reint_border), w.text("dag valt onder een re-integratieplan (paarse rand)")])
    ws.append([])
    ws.append([w.text("Diensttijden zijn lokale tijden (Europe/Amsterdam); een eindtijd vóór de begintijd valt op de volgende dag.")])


def _new_workbook() -> Any:
    from openpyxl import Workbook

    return Workbook(write_only=True)


def _save(wb: Any, path: str | os.PathLike[str]) -> None:
    p = Path(path)
    fast = _FAST_SHEETS.pop(id(wb), [])

    def _write(tmp: Path) -> None:
        wb.save(tmp)
        if fast:
            _insert_fast_sheets(tmp, fast)

    atomic_write(p, _write)


_EMPTY_SHEET_DATA = re.compile(r"<sheetData\s*/>|<sheetData>\s*</sheetData>")
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')


def _insert_fast_sheets(path: Path, fast: list[_FastSheet]) -> None:
    """Put the pre-rendered rows into the sheets openpyxl wrote empty."""
    import zipfile

    by_part = {fs.ws.path.lstrip("/"): fs for fs in fast}
    out = path.with_name(path.name + ".x")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            fs = by_part.get(item.filename)
            if fs is not None:
                xml = data.decode("utf-8")
                rows = fs.xml()
                # a function as replacement: the rows may contain backslashes
                xml, n = _EMPTY_SHEET_DATA.subn(lambda _m, rows=rows: rows, xml, count=1)  # type: ignore[misc]
                if n != 1:  # pragma: no cover - would mean openpyxl changed its output
                    raise RuntimeError(f"kan blad {fs.ws.title} niet schrijven")
                dim = f'<dimension ref="{fs.dimension()}"/>'
                xml, n = _DIMENSION.subn(dim, xml, count=1)
                if n == 0:
                    xml = xml.replace("<sheetViews>", dim + "<sheetViews>", 1)
                data = xml.encode("utf-8")
            zout.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    os.replace(out, path)


def export_planner_workbook(data: ExportData, path: str | os.PathLike[str]) -> Path:
    """Write the planner workbook (see module docstring) to ``path``; returns the path."""
    styles = _Styles()
    wb = _new_workbook()
    _write_grid(wb, data, styles, team=False, include_restrictions=True)
    _write_detail(wb, data, styles)
    n_rows = _write_coverage(wb, data, styles)
    _write_kpis(wb, data, styles)
    _write_chart(wb, data, styles, n_rows)
    _write_violations(wb, data, styles)
    _write_restrictions(wb, data, styles)
    _write_legend(wb, data, styles, team=False, include_restrictions=True)
    _save(wb, path)
    return Path(path)


def export_team_workbook(data: ExportData, path: str | os.PathLike[str], *, include_restrictions: bool = False) -> Path:
    """Write the team workbook: the roster without health data unless ``include_restrictions``."""
    styles = _Styles()
    wb = _new_workbook()
    _write_grid(wb, data, styles, team=True, include_restrictions=include_restrictions)
    _write_detail(wb, data, styles)
    if include_restrictions:
        _write_restrictions(wb, data, styles)
    _write_legend(wb, data, styles, team=True, include_restrictions=include_restrictions)
    _save(wb, path)
    return Path(path)


def team_workbook_omissions(project: Project) -> list[str]:
    """What the team workbook leaves out by default (Dutch, for the export preview)."""
    out: list[str] = []
    agents_in_plan = sorted({s.agent_id for s in project.reintegration})
    if agents_in_plan:
        out.append(
            f"re-integratieplannen van {len(agents_in_plan)} medewerker(s): beperkingen, opbouwschema, "
            "tijdvensters, toegestane activiteiten en productiviteit (gezondheidsgegevens, AVG)"
        )
        out.append("markering van dagen die onder een re-integratieplan vallen")
    n_reint = sum(1 for lv in project.leave if is_reintegration_label(lv.label))
    if n_reint:
        out.append(f"{n_reint} re-integratieafspraak/-afspraken tonen alleen '{UNAVAILABLE_LABEL}'")
    other = sorted({lv.label for lv in project.leave
                    if not is_reintegration_label(lv.label) and lv.label.strip().casefold() != LEAVE_LABEL})
    if other:
        out.append(f"redenen van afwezigheid ({', '.join(other)}) tonen alleen '{ABSENT_LABEL}'")
    if project.agents:
        out.append("contracturen van de medewerkers (elk team ziet zijn eigen rooster, zonder contract)")
    out.append("dekking, KPI's, grafieken en regelcontrole (alleen in het plannerswerkboek)")
    return out
