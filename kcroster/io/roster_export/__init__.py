"""Roster export to Excel: the planner workbook and the team workbook (docs/design.md §6).

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
Sheets are written in openpyxl's write-only (streaming) mode for speed, the biggest straight
as XML, and saved atomically (:mod:`kcroster.io.xlsx.writer`).

KPIs are not computed here from Erlang formulas: :class:`ExportData` carries the arrays the
coverage step computed. They are aggregated over intervals and queues by
:func:`kcroster.model.kpis.service_kpis`, the definition the screen and the CLI share (volume-weighted;
occupancy weighted by available agents, i.e. handled workload ÷ available agent time; voice and
chat only), and hours become FTE by :func:`kcroster.model.kpis.fte` on ``Project.fte_hours``.

The package
    :mod:`~kcroster.io.roster_export.data`           the data, sheet names, labels, formats, styles
    :mod:`~kcroster.io.roster_export.roster_sheets`  the grid, day detail, rule check, restrictions, legend
    :mod:`~kcroster.io.roster_export.kpi_sheets`     coverage, KPIs and the chart
    :mod:`~kcroster.io.roster_export.workbooks`      the two workbooks, and what the team copy omits
"""

from kcroster.io.roster_export.data import (
    ABSENT_LABEL,
    GRID_SHEET,
    LEAVE_LABEL,
    REINTEGRATION_LABEL,
    UNAVAILABLE_LABEL,
    ExportData,
    is_reintegration_label,
    shift_cell_text,
)
from kcroster.io.roster_export.workbooks import (
    export_planner_workbook,
    export_team_workbook,
    team_workbook_omissions,
)

__all__ = [
    "ABSENT_LABEL",
    "GRID_SHEET",
    "LEAVE_LABEL",
    "REINTEGRATION_LABEL",
    "UNAVAILABLE_LABEL",
    "ExportData",
    "export_planner_workbook",
    "export_team_workbook",
    "is_reintegration_label",
    "shift_cell_text",
    "team_workbook_omissions",
]
