"""Dekking screen: scheduled against required per queue and interval (shortage and surplus
shaded), predicted SL, ASA and abandonment per interval, per day and per ISO week, and the KPI
tiles."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QGridLayout, QHeaderView, QLabel, QSplitter, QTableView

from kcroster.gui import fmt, theme
from kcroster.gui.i18n import tr
from kcroster.gui.models.array_model import ArrayTableModel
from kcroster.gui.views.base import Screen, card, day_ticks
from kcroster.gui.views.common import (
    clock_labels,
    fill_day_combo,
    fill_queue_combo,
    queue_combo,
    tick_labels,
)
from kcroster.gui.widgets.linechart import Band, LineChart, Series
from kcroster.gui.widgets.tiles import KpiTile
from kcroster.model import Channel, Queue


class CoverageScreen(Screen):
    key = "coverage"

    def title(self) -> str:
        return tr("Dekking")

    def __init__(self, doc, window) -> None:
        super().__init__(doc, window)
        self.queue_box = queue_combo(doc)
        self.queue_box.currentIndexChanged.connect(self.refresh_tiles)
        self.queue_box.currentIndexChanged.connect(self.refresh_charts)
        self.day_box = QComboBox()
        self.day_box.currentIndexChanged.connect(self.refresh_charts)
        self.toolbar.addWidget(QLabel(tr("Wachtrij")))
        self.toolbar.addWidget(self.queue_box)
        self.toolbar.addWidget(QLabel(tr("Dag")))
        self.toolbar.addWidget(self.day_box)

        tiles = QGridLayout()
        tiles.setSpacing(10)
        specs = [("service_level", tr("Serviceniveau")), ("asa", tr("Gem. wachttijd (ASA)")),
                 ("reachability", tr("Bereikbaarheid")), ("occupancy", tr("Bezettingsgraad")),
                 ("fte", tr("FTE ingeroosterd / nodig")), ("shrinkage", tr("Shrinkage")),
                 ("wishes", tr("Wensen gehonoreerd")), ("fairness", tr("Eerlijkheid"))]
        self.tiles: dict[str, KpiTile] = {}
        for i, (key, caption) in enumerate(specs):
            t = KpiTile(caption)
            tiles.addWidget(t, i // 4, i % 4)
            self.tiles[key] = t
        self.body.addLayout(tiles)
        # what the prediction assumes: shrinkage takes its share of the rostered hours
        self.assumption = QLabel()
        self.assumption.setObjectName("Hint")
        self.assumption.setWordWrap(True)
        self.body.addWidget(self.assumption)

        self.cover_chart = LineChart(title=tr("Ingeroosterd tegenover nodig"))
        self.kpi_chart = LineChart(title=tr("Voorspeld serviceniveau en verlies per interval"))
        self.kpi_chart.y_max = 100.0
        self.kpi_chart.y_format = lambda v: f"{fmt.num(v, 0)} %"
        c1, l1 = card(None)
        l1.addWidget(self.cover_chart)
        c2, l2 = card(None)
        l2.addWidget(self.kpi_chart)
        self.daily_model = ArrayTableModel(self)
        self.daily_table = QTableView()
        self.daily_table.setModel(self.daily_model)
        self.daily_table.setAlternatingRowColors(True)
        self.daily_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.daily_table.horizontalHeader().setStretchLastSection(True)
        self.daily_table.verticalHeader().setDefaultSectionSize(22)
        c3, l3 = card(tr("Per dag"))
        l3.addWidget(self.daily_table)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(c1)
        right.addWidget(c2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(right)
        split.addWidget(c3)
        split.setSizes([560, 700])  # room for the table's seven columns beside the week labels
        self.empty = QLabel(tr("Nog geen rooster: maak er een op het scherm Rooster (Optimaliseer)."))
        self.empty.setObjectName("Hint")
        self.body.addWidget(self.empty)
        self.body.addWidget(split, 1)
        doc.rosterChanged.connect(self.mark_stale)
        doc.requirementChanged.connect(self.mark_stale)

    def reset(self) -> None:
        """No KPI, chart or day table of the previous project; the day picker starts over."""
        super().reset()
        for box in (self.queue_box, self.day_box):
            box.blockSignals(True)
            box.clear()
            box.blockSignals(False)
        for t in self.tiles.values():
            t.set_value("–")
            t.setToolTip("")
        self.assumption.setText("")
        self.cover_chart.set_series([])
        self.kpi_chart.set_series([])
        self.daily_model.set_array(np.zeros((0, 0)), [], [])

    def refresh(self) -> None:
        p = self.doc.project
        assert p is not None
        fill_queue_combo(self.queue_box, [q.name for q in p.queues])
        first_time = self.day_box.count() == 0
        fill_day_combo(self.day_box, p.horizon, with_all=True)
        if first_time and self.day_box.count() > 1:
            self.day_box.blockSignals(True)
            self.day_box.setCurrentIndex(1)  # one day reads better than four weeks of spikes
            self.day_box.blockSignals(False)
        cov = self.doc.coverage()
        self.empty.setVisible(cov is None)
        if cov is None:
            for t in self.tiles.values():
                t.set_value("–")
            self.cover_chart.set_series([])
            self.kpi_chart.set_series([])
            self.daily_model.set_array(np.zeros((0, 0)), [], [])
            return
        self.refresh_tiles()
        self.refresh_charts()

    def refresh_tiles(self) -> None:
        """KPI tiles for the queue chosen in the selector; FTE, shrinkage, wishes and fairness are
        about the whole roster. Service figures have no meaning for e-mail (its target is the
        response time, which the requirement already spreads), so those tiles say so."""
        p = self.doc.project
        cov = self.doc.coverage() if p is not None else None
        if p is None or cov is None:
            return
        tot = cov.totals
        qi = max(0, self.queue_box.currentIndex())
        q = p.queues[qi] if qi < len(p.queues) else None
        name = q.name if q is not None else ""
        email = q is not None and str(q.channel) == str(Channel.EMAIL)

        def get(kpi: str) -> tuple[float, bool]:
            """(value, is per queue): the queue's own figure, else the overall one."""
            key = f"{kpi}:{name}"
            if key in tot:
                return float(tot[key]), True
            return float(tot.get(kpi, math.nan)), False

        na = tr("n.v.t. voor e-mail: doel is de reactietijd")
        service = ("service_level", "asa", "reachability", "occupancy")
        if email:
            for k in service:
                self.tiles[k].set_value("–", na)
                self.tiles[k].setToolTip(tr("E-mail heeft geen serviceniveau of wachttijd: het doel is antwoord binnen "
                                            "{u} uur, en daar houdt de benodigde bezetting al rekening mee.").format(
                    u=fmt.num(q.response_hours if q else 24.0, 0)))
        else:
            overall = tr("spraak en chat samen")
            sl, own = get("service_level")
            target = (q.sl_percent / 100.0) if q else 0.8
            where = name if own else tr("alle wachtrijen")
            gross, _ = get("service_level_no_shrinkage")
            detail = tr("{w} · doel {d} in {s} s").format(w=where, d=fmt.pct(target, 0),
                                                          s=fmt.num(q.sl_seconds if q else 20, 0))
            if math.isfinite(gross):
                detail += "\n" + tr("zonder shrinkage: {p}").format(p=fmt.pct(gross, 1))
            self.tiles["service_level"].set_value(
                fmt.pct(sl, 1), detail,
                None if not math.isfinite(sl) else ("good" if sl >= target - 1e-9 else "bad"))
            asa, _ = get("asa")
            self.tiles["asa"].set_value(f"{fmt.num(asa, 0)} s" if math.isfinite(asa) else "–",
                                        tr("{w} · gewogen naar volume").format(w=where))
            reach, _ = get("reachability")
            self.tiles["reachability"].set_value(
                fmt.pct(reach, 1),
                tr("{w} · beantwoord / aangeboden").format(w=where),
                None if not math.isfinite(reach) else ("good" if reach >= 0.95 else "warn"),
            )
            occ, _ = get("occupancy")
            self.tiles["occupancy"].set_value(fmt.pct(occ, 1), tr("{w} · tijd in gesprek").format(w=where))
            if own:  # the overall voice+chat figure alongside, for comparison
                for k in service:
                    v = tot.get(k, math.nan)
                    shown = f"{fmt.num(v, 0)} s" if k == "asa" else fmt.pct(v, 1)
                    self.tiles[k].setToolTip(f"{overall}: {shown}")
            else:
                for k in service:
                    self.tiles[k].setToolTip("")
        self.assumption.setText(self._assumption_text(tot, q))
        fs, fr = tot.get("fte_scheduled", math.nan), tot.get("fte_required", math.nan)
        short_q = tot.get(f"shortfall_hours:{name}")
        short = tr("tekort {u} uur").format(u=fmt.num(tot.get("shortfall_hours", 0.0), 0))
        if short_q is not None:
            short += " " + tr("({q}: {u})").format(q=name, u=fmt.num(short_q, 0))
        self.tiles["fte"].set_value(
            f"{fmt.num(fs, 1)} / {fmt.num(fr, 1)}",
            short + " · " + tr("overschot {o} uur").format(o=fmt.num(tot.get("surplus_hours", 0.0), 0)),
            "good" if fs >= fr - 0.05 else "warn",
        )
        self.tiles["shrinkage"].set_value(fmt.pct(tot.get("shrinkage"), 0), tr("gemiddeld over de wachtrijen"))
        wt, wg = tot.get("wishes_total", 0.0), tot.get("wishes_granted", 0.0)
        self.tiles["wishes"].set_value(
            fmt.pct(wg / wt, 0) if wt else "–", tr("{g} van {t}").format(g=int(wg), t=int(wt))
        )
        self.tiles["fairness"].set_value(fmt.pct(tot.get("fairness"), 0), tr("slechtst bedeelde medewerker"))

    def _assumption_text(self, tot: dict[str, float], q: Queue | None) -> str:
        """The hours behind the prediction for queue ``q``: rostered, expected available after
        shrinkage, and needed on the queue; empty when the report does not hold them."""
        name = q.name if q is not None else ""
        keys = [f"{k}:{name}" for k in ("scheduled_hours", "available_hours", "needed_hours")]
        if q is None or not all(k in tot for k in keys):
            return ""
        sched, avail, need = (tot[k] for k in keys)
        # the share the prediction took off (the scenario's shrinkage, not the queue's default)
        shrink = 1.0 - avail / sched if sched > 0 else q.shrinkage
        text = tr("{q}: ingeroosterd {r} uur / verwacht beschikbaar na {s} shrinkage {a} uur / "
                  "nodig {n} uur.").format(q=name, r=fmt.num(sched, 0), s=fmt.pct(shrink, 0),
                                           a=fmt.num(avail, 0), n=fmt.num(need, 0))
        if str(q.channel) != str(Channel.EMAIL):
            text += " " + tr("Het voorspelde serviceniveau rekent met de beschikbare uren: verzuim, "
                             "pauzes en overleg nemen een deel van de ingeroosterde tijd.")
        return text

    def refresh_charts(self) -> None:
        p = self.doc.project
        cov = self.doc.coverage() if p is not None else None
        if p is None or cov is None:
            return
        qi = max(0, self.queue_box.currentIndex())
        hz = p.horizon
        d = self.day_box.currentData()
        if d is None or d < 0:
            sl = slice(0, hz.n_intervals)
            ticks, labels = day_ticks(hz)
            self.cover_chart.x_label = self.kpi_chart.x_label = tick_labels(ticks, labels)
        else:
            sl = hz.day_slice(d)
            minutes = hz.local_minute_of_day[sl]
            ticks = [float(i) for i in range(len(minutes)) if minutes[i] % 120 == 0]
            self.cover_chart.x_label = self.kpi_chart.x_label = clock_labels(minutes)
        self.cover_chart.x_ticks = ticks
        self.kpi_chart.x_ticks = ticks
        x = np.arange(sl.stop - sl.start, dtype=float)
        colour = theme.queue_colour(qi, p.queues[qi].color if qi < len(p.queues) else None)
        sched = np.asarray(cov.scheduled[qi, sl], dtype=float)
        req = np.asarray(cov.required[qi, sl], dtype=float)
        self.cover_chart.set_series(
            [Series(tr("Ingeroosterd"), sched, colour, x=x, step=True, width=2.0),
             Series(tr("Nodig"), req, self.palette().windowText().color(), x=x, step=True, dashed=True, width=1.4)],
            [Band(0, 1, QColor(theme.SURPLUS), QColor(theme.SHORTAGE))])
        slv = 100 * np.asarray(cov.service_level[qi, sl], dtype=float)
        ab = 100 * np.asarray(cov.abandon[qi, sl], dtype=float)
        open_ = req > 0
        self.kpi_chart.set_series(
            [
                Series(tr("Serviceniveau"), np.where(open_, slv, np.nan), theme.accent(), x=x, step=True, width=2.0),
                Series(
                    tr("Verlies (abandon)"),
                    np.where(open_, ab, np.nan),
                    QColor(theme.SHORTAGE),
                    x=x,
                    step=True,
                    width=1.5,
                ),
            ]
        )
        # per day and per ISO week (in bold, after its days): the backend aggregates each row
        # with the one KPI definition the tiles, the CLI and the workbook use
        keys = ["service_level", "asa", "abandon", "reachability", "occupancy", "fte_required", "fte_scheduled"]
        cols = [tr("SL %"), tr("ASA s"), tr("Verlies %"), tr("Bereikb. %"), tr("Bezet. %"), tr("FTE nodig"),
                tr("FTE rooster")]
        scale = [100, 1, 100, 100, 100, 1, 1]
        table, labels, week_rows = [], [], set()
        for row in self.doc.backend.coverage_periods(p, cov, qi):
            if row.week is not None:
                week_rows.add(len(table))
            table.append([row.kpis.get(k, math.nan) * f for k, f in zip(keys, scale, strict=True)])
            labels.append(fmt.day(row.day) if row.week is None else fmt.week(row.week))
        self.daily_model.set_array(np.array(table, dtype=float).reshape(len(table), len(keys)), labels, cols,
                                   [1, 0, 1, 1, 1, 1, 1], bold_rows=week_rows)
