"""The coverage and KPI sheets of the planner workbook: ``Dekking``, ``KPI``, ``KPI per dag``
and ``Grafiek`` (see :mod:`kcroster.io.roster_export`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from kcroster.io.roster_export.data import (
    COVERAGE_SHEET,
    DATE_FMT,
    NUM0_FMT,
    NUM1_FMT,
    PCT_FMT,
    ExportData,
    _finite,
    _Styles,
    _week_label,
)
from kcroster.io.xlsx.writer import FastSheet, SheetWriter, add_filter, prepare_sheet
from kcroster.model import BREAK, Shift
from kcroster.model.kpis import fte as fte_of
from kcroster.model.kpis import service_kpis
from kcroster.model.weeks import iso_weeks
from kcroster.model.wishes import granted_share_per_agent, wish_results

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
    prepare_sheet(ws, "C2", n_cols, [12, 7] + [11] * (n_cols - 3) + [15])
    fs = FastSheet(wb, ws, n_cols)
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
    add_filter(ws, n_cols, h.n_intervals + 1)
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


def _kpi(data: ExportData, qsel: slice | int, ksel: slice, vol: np.ndarray, req: np.ndarray, sch: np.ndarray,
         prod: np.ndarray) -> _Kpi:
    step_h = data.project.horizon.interval_minutes / 60

    def arr(a: np.ndarray | None) -> np.ndarray | None:
        return None if a is None else np.asarray(a, dtype=float)[qsel, ksel]

    live = data.live_queues()[qsel]
    predicted = {"service_level": arr(data.service_level), "asa": arr(data.asa), "abandon": arr(data.abandon),
                 "occupancy": arr(data.occupancy), "reachability": arr(data.reachability)}
    k = service_kpis(predicted, vol[qsel, ksel], prod[qsel, ksel],
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


def _kpi_cells(w: SheetWriter, k: _Kpi) -> list[Any]:
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
    prod = data.productive_matrix()  # once: from the roster unless given, ~0.45 s for 400 agents
    all_q = slice(None)

    # ---- summary and per week
    ws = wb.create_sheet("KPI")
    w = SheetWriter(ws, styles)
    prepare_sheet(ws, "A2", 13, [26, 14, 14, 12, 12, 12, 14, 14, 13, 13, 13, 13, 13])
    ws.append(w.header(["Kengetal", "Waarde", "Toelichting"]))
    total = _kpi(data, all_q, slice(None), vol, req, sch, prod)
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
        ("Shrinkage (gepland)", data.shrinkage, "gemiddeld over de open intervallen, zoals op het Dekking-scherm",
         PCT_FMT),
        ("Pauzes in diensten", (break_h / (work_h + break_h)) if work_h + break_h > 0 else None,
         "aandeel pauze in de diensttijd", PCT_FMT),
        ("Wensen gehonoreerd", (n_granted / len(wishes)) if wishes else None, f"{n_granted} van {len(wishes)}",
         PCT_FMT),
        ("Harde wensen gehonoreerd", (n_must_granted / n_must) if n_must else None, f"{n_must_granted} van {n_must}",
         PCT_FMT),
        ("Eerlijkheid wensen", min(shares) if shares else None,
         "laagste aandeel gehonoreerd wensgewicht van een medewerker (1 = iedereen alles)", PCT_FMT),
        ("Spreiding onpopulaire diensten",
         (max(unpop_counts.values()) - min(unpop_counts.values())) if unpop_counts and unpopular else None,
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
            k = _kpi(data, qi, ksel, vol, req, sch, prod)
            ws.append([w.text(label), w.text(qn)] + _kpi_cells(w, k)
                      + [w.cell(round(fte_of(k.required_hours, fte, days_in), 3), "0.00"),
                         w.cell(round(fte_of(k.scheduled_hours, fte, days_in), 3), "0.00")])
            n += 1
    add_filter(ws, 13, n, week_header_row)

    # ---- per day
    ws = wb.create_sheet("KPI per dag")
    w = SheetWriter(ws, styles)
    titles = ["Datum", "Wachtrij"] + _KPI_TITLES
    prepare_sheet(ws, "C2", len(titles), [12, 16] + [13] * len(_KPI_TITLES))
    ws.append(w.header(titles))
    n = 1
    for d, day in enumerate(h.dates):
        ksel = h.day_slice(d)
        for qi, qn in [(all_q, "Alle wachtrijen")] + list(enumerate(names)):
            k = _kpi(data, qi, ksel, vol, req, sch, prod)
            ws.append([w.cell(day, DATE_FMT), w.text(qn)] + _kpi_cells(w, k))
            n += 1
    add_filter(ws, len(titles), n)


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
    w = SheetWriter(ws, styles)
    names = data.names()
    prepare_sheet(ws, None, 1)
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
