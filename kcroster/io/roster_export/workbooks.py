"""The two roster workbooks, sheet by sheet, and what the team copy leaves out."""

from __future__ import annotations

import os
from pathlib import Path

from kcroster.io.roster_export.data import (
    ABSENT_LABEL,
    LEAVE_LABEL,
    UNAVAILABLE_LABEL,
    ExportData,
    _Styles,
    is_reintegration_label,
)
from kcroster.io.roster_export.kpi_sheets import _write_chart, _write_coverage, _write_kpis
from kcroster.io.roster_export.roster_sheets import (
    _write_detail,
    _write_grid,
    _write_legend,
    _write_restrictions,
    _write_violations,
)
from kcroster.io.xlsx.writer import new_workbook, save_workbook
from kcroster.model import Project


def export_planner_workbook(data: ExportData, path: str | os.PathLike[str]) -> Path:
    """Write the planner workbook (see module docstring) to ``path``; returns the path."""
    styles = _Styles()
    wb = new_workbook()
    _write_grid(wb, data, styles, team=False, include_restrictions=True)
    _write_detail(wb, data, styles)
    n_rows = _write_coverage(wb, data, styles)
    _write_kpis(wb, data, styles)
    _write_chart(wb, data, styles, n_rows)
    _write_violations(wb, data, styles)
    _write_restrictions(wb, data, styles)
    _write_legend(wb, data, styles, team=False, include_restrictions=True)
    save_workbook(wb, path)
    return Path(path)


def export_team_workbook(data: ExportData, path: str | os.PathLike[str], *, include_restrictions: bool = False) -> Path:
    """Write the team workbook: the roster without health data unless ``include_restrictions``."""
    styles = _Styles()
    wb = new_workbook()
    _write_grid(wb, data, styles, team=True, include_restrictions=include_restrictions)
    _write_detail(wb, data, styles)
    if include_restrictions:
        _write_restrictions(wb, data, styles)
    _write_legend(wb, data, styles, team=True, include_restrictions=include_restrictions)
    save_workbook(wb, path)
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
