"""The roster sheets: the ``Rooster`` grid, ``Dagdetail``, ``Regelcontrole``,
``Re-integratie`` and ``Legenda`` (see :mod:`kcroster.io.roster_export`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from kcroster.io.roster_export.data import (
    DATE_FMT,
    DATETIME_FMT,
    DAY_HEADER_FMT,
    DETAIL_SHEET,
    GRID_ID_HEADER,
    GRID_SHEET,
    NO_TEAM_LABEL,
    NUM1_FMT,
    PCT_FMT,
    TIME_FMT,
    ExportData,
    _naive_local,
    _shift_class,
    _Styles,
    _team_label,
    _week_label,
    shift_cell_text,
)
from kcroster.io.xlsx.writer import FastSheet, SheetWriter, add_filter, column_name, prepare_sheet
from kcroster.model import BREAK, Leave, Project, Shift, step_in_force
from kcroster.model.weeks import iso_weeks


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
    w = SheetWriter(ws, styles)
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
    prepare_sheet(ws, f"{column_name(len(base) + 1)}2", n_cols, widths)
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
    add_filter(ws, n_cols, n_rows)
    ws.print_title_rows = "1:1"


def _grid_row(w: SheetWriter, project: Project, agent: Any, styles: _Styles, by_agent: dict[str, list[Shift]],
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


def _write_detail(wb: Any, data: ExportData, styles: _Styles) -> None:
    project = data.project
    tz = project.horizon.tz
    ws = wb.create_sheet(DETAIL_SHEET)
    titles = ["Medewerker", "Naam", "Datum", "Dienst", "Van", "Tot", "Activiteit", "Minuten"]
    prepare_sheet(ws, "C2", len(titles), [12, 24, 12, 13, 8, 8, 16, 9])
    fs = FastSheet(wb, ws, len(titles))
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
    add_filter(ws, len(titles), fs.n_rows)
    ws.print_title_rows = "1:1"


def _write_violations(wb: Any, data: ExportData, styles: _Styles) -> None:
    ws = wb.create_sheet("Regelcontrole")
    w = SheetWriter(ws, styles)
    titles = ["Ernst", "Regel", "Medewerker", "Wanneer", "Melding"]
    prepare_sheet(ws, "A2", len(titles), [10, 26, 12, 16, 90])
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
    add_filter(ws, len(titles), len(data.violations) + 1)


def _fmt_window(win: Any) -> str:
    if not win:
        return ""
    return f"{win[0].strftime('%H:%M')}-{win[1].strftime('%H:%M')}"


def _write_restrictions(wb: Any, data: ExportData, styles: _Styles) -> None:
    ws = wb.create_sheet("Re-integratie")
    w = SheetWriter(ws, styles)
    titles = ["Medewerker", "Naam", "Vanaf", "Max uren/week", "Max uren/dag", "Dagen", "Max dagen/week",
              "Min rustdagen", "Tijdvenster", "Activiteiten", "Productiviteit", "Max aaneengesloten (min)",
              "Extra pauze (min)", "Eerste ziektedag"]
    prepare_sheet(ws, "C2", len(titles), [12, 24, 12] + [12] * (len(titles) - 3))
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
    add_filter(ws, len(titles), len(steps) + 1)


def _write_legend(wb: Any, data: ExportData, styles: _Styles, *, team: bool, include_restrictions: bool) -> None:
    ws = wb.create_sheet("Legenda")
    w = SheetWriter(ws, styles)
    prepare_sheet(ws, None, 2, [22, 70], landscape=False)
    ws.append(w.header(["Kleur", "Betekenis"]))
    classes = (("vroeg", "vroege dienst"), ("dag", "dagdienst"), ("laat", "late dienst"), ("nacht", "nachtdienst"))
    for key, text in classes:
        ws.append([w.cell(key, fill=styles.class_fill[key]), w.text(text)])
    for t in data.project.shift_rules.shift_types:
        fill = styles.type_fill(t.color) if t.color else None
        if fill is not None:
            ws.append([w.cell(t.name, fill=fill), w.text(f"diensttype {t.name} ({t.start:%H:%M}-{t.end:%H:%M})")])
    ws.append([w.cell("verlof", fill=styles.leave_fill), w.text("afwezig; de cel toont de soort afwezigheid")])
    if not team or include_restrictions:
        ws.append([w.cell("", border=styles.reint_border),
                   w.text("dag valt onder een re-integratieplan (paarse rand)")])
    ws.append([])
    ws.append([w.text("Diensttijden zijn lokale tijden (Europe/Amsterdam); een eindtijd vóór de begintijd valt op "
                      "de volgende dag.")])
