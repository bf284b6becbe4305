"""What a roster export needs: the data, the sheet names and labels, formats and styles.

Shared by the workbooks' sheets, the roster import (which reads the ``Rooster`` grid back) and
the print layout (:mod:`kcroster.io.roster_print`: the same labels and shift colours on paper).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from kcroster.io.xlsx.writer import Styles
from kcroster.model import Project, Roster, Shift
from kcroster.model.weeks import IsoWeek

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
    # the planned shrinkage as the app shows it (the coverage report's figure); None: an empty cell
    shrinkage: float | None = None

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


class _Styles(Styles):
    """The roster workbooks' fills and borders, besides the header look every workbook shares."""

    def __init__(self) -> None:
        super().__init__()
        from openpyxl.styles import Border, Font, PatternFill, Side

        self.team_fill = PatternFill("solid", fgColor="F2F2F2")
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


def _week_label(week: IsoWeek) -> str:
    """The workbooks speak Dutch: ``wk 19 (10–16 mei)``."""
    return week.label("nl")
