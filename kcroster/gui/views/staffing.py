"""Bezetting (requirement) screen: queue service settings, required agents per interval as a
chart and a table, and FTE per day and ISO week on the FTE basis (hours per FTE) the planner
sets there."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kcroster.edits import SetFteHours, SetScenarioQueueSetting
from kcroster.gui import fmt, theme
from kcroster.gui.i18n import plural, tr
from kcroster.gui.models.array_model import ArrayTableModel
from kcroster.gui.views.base import Screen, card
from kcroster.gui.views.common import clock_labels, fill_day_combo, fill_queue_combo, queue_combo, spin_box
from kcroster.gui.widgets.linechart import LineChart, Series
from kcroster.model.weeks import iso_weeks


class StaffingScreen(Screen):
    key = "staffing"

    def title(self) -> str:
        return tr("Bezetting")

    def __init__(self, doc, window) -> None:
        super().__init__(doc, window)
        self.queue_box = queue_combo(doc)
        self.queue_box.currentIndexChanged.connect(self._queue_changed)
        self.day_box = QComboBox()
        self.day_box.currentIndexChanged.connect(self.refresh_day)
        self.toolbar.addWidget(QLabel(tr("Wachtrij")))
        self.toolbar.addWidget(self.queue_box)
        self.toolbar.addWidget(QLabel(tr("Dag")))
        self.toolbar.addWidget(self.day_box)

        settings, sl = card(None)
        self.settings_title = QLabel()
        f = self.settings_title.font()
        f.setBold(True)
        self.settings_title.setFont(f)
        self.settings_title.setWordWrap(True)
        sl.addWidget(self.settings_title)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.sl_percent = spin_box(1, 100, 1, 0, " %")
        self.sl_seconds = spin_box(1, 3600, 5, 0, " s")
        self.asa = spin_box(0, 3600, 5, 0, " s", tr("geen"))
        self.occupancy = spin_box(0, 100, 1, 0, " %", tr("geen"))
        self.shrinkage = spin_box(0, 90, 1, 0, " %")
        self.patience = spin_box(0, 3600, 10, 0, " s", tr("geen (Erlang C)"))
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 6)
        self.concurrency.setKeyboardTracking(False)
        self._row_labels: dict[str, QLabel] = {}
        for key, text, widget in (
                ("sl_percent", tr("Serviceniveau"), self._pair(self.sl_percent, tr("binnen"), self.sl_seconds)),
                ("asa_seconds", tr("Gem. wachttijd (ASA) max."), self.asa),
                ("max_occupancy", tr("Bezettingsgraad max."), self.occupancy),
                ("shrinkage", tr("Shrinkage"), self.shrinkage),
                ("patience_seconds", tr("Geduld (Erlang A)"), self.patience),
                ("concurrency", tr("Gelijktijdige chats"), self.concurrency)):
            label = QLabel(text)
            self._row_labels[key] = label
            form.addRow(label, widget)
        sl.addLayout(form)
        self.scenario_note = QLabel()
        self.scenario_note.setObjectName("Hint")
        self.scenario_note.setWordWrap(True)
        sl.addWidget(self.scenario_note)
        self.scenario_settings_button = QPushButton(tr("Scenario-instellingen…"))
        self.scenario_settings_button.setToolTip(
            tr("Servicedoelen, shrinkage per wachtrij en per dagdeel, forecastfactoren en medewerkers van dit scenario")
        )
        self.scenario_settings_button.clicked.connect(lambda: self.window_.ask_scenario_settings())
        sl.addWidget(self.scenario_settings_button, 0, Qt.AlignmentFlag.AlignLeft)
        sl.addStretch(1)
        self._editors: dict[str, tuple[Any, float]] = {
            "sl_percent": (self.sl_percent, 1.0),
            "sl_seconds": (self.sl_seconds, 1.0),
            "asa_seconds": (self.asa, 1.0),
            "max_occupancy": (self.occupancy, 100.0),
            "shrinkage": (self.shrinkage, 100.0),
            "patience_seconds": (self.patience, 1.0),
            "concurrency": (self.concurrency, 1.0),
        }
        for name, (w, _) in self._editors.items():
            w.valueChanged.connect(lambda _v, n=name: self.commit(n))

        totals, tl = card(tr("Totaal"))
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        tl.addWidget(self.totals_label)
        tl.addStretch(1)

        self.chart = LineChart(title=tr("Benodigde medewerkers per interval"))
        chart_card, cl = card(None)
        cl.addWidget(self.chart)

        top = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QHBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(settings)
        top.addWidget(left)
        top.addWidget(chart_card)
        top.setSizes([330, 800])

        self.interval_model = ArrayTableModel(self)
        self.interval_table = QTableView()
        self.interval_table.setModel(self.interval_model)
        self.fte_model = ArrayTableModel(self)
        self.fte_table = QTableView()
        self.fte_table.setModel(self.fte_model)
        for t in (self.interval_table, self.fte_table):
            t.setAlternatingRowColors(True)
            t.verticalHeader().setDefaultSectionSize(22)
        self.interval_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # four weeks of days do not fit the width: every column as wide as its two-line date
        # header (scrolling sideways) instead of squeezed until the dates are cut off
        self.fte_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.fte_hours = spin_box(1, 80, 0.5, 1, tr(" uur per week"))
        self.fte_hours.setToolTip(tr("Hoeveel uur per week één FTE is; een FTE-dag is een vijfde daarvan."))
        self.fte_hours.valueChanged.connect(self.commit_fte_hours)
        fte_tab = QWidget()
        fte_lay = QVBoxLayout(fte_tab)
        fte_lay.setContentsMargins(0, 6, 0, 0)
        basis = QHBoxLayout()
        basis.setContentsMargins(6, 0, 0, 0)
        basis.addWidget(QLabel(tr("FTE-basis: 1 FTE =")))
        basis.addWidget(self.fte_hours)
        basis.addStretch(1)
        fte_lay.addLayout(basis)
        fte_lay.addWidget(self.fte_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.interval_table, tr("Per interval"))
        self.tabs.addTab(fte_tab, tr("FTE per dag en week"))
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.tabs)
        bottom.addWidget(totals)
        bottom.setSizes([900, 260])

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([330, 300])
        self.body.addWidget(split, 1)
        doc.requirementChanged.connect(self.mark_stale)
        doc.edited.connect(lambda ch: self.mark_stale() if ch.kind == "queues" else None)

    def reset(self) -> None:
        """No queue, day, chart, table or totals of the previous project."""
        super().reset()
        for box in (self.queue_box, self.day_box):
            box.blockSignals(True)
            box.clear()
            box.blockSignals(False)
        self.chart.set_series([])
        self.interval_model.set_array(np.zeros((0, 0)), [], [])
        self.fte_model.set_array(np.zeros((0, 0)), [], [])
        self.totals_label.setText("")
        self.settings_title.setText("")
        self.scenario_note.setText("")
        self.fte_hours.blockSignals(True)
        self.fte_hours.setValue(self.fte_hours.minimum())
        self.fte_hours.blockSignals(False)

    @staticmethod
    def _pair(a: QWidget, word: str, b: QWidget) -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(a)
        lay.addWidget(QLabel(word))
        lay.addWidget(b)
        return w

    def current_queue(self):
        """The queue chosen in the selector as the active scenario sets it (its overrides
        applied): the values the editors show and the requirement uses."""
        p = self.doc.project
        if p is None or not p.queues:
            return None
        return p.scenario.queue_settings(p.queues[self.current_queue_index()])

    def current_queue_index(self) -> int:
        p = self.doc.project
        assert p is not None
        return max(0, min(self.queue_box.currentIndex(), len(p.queues) - 1))

    def _queue_changed(self) -> None:
        self._load_settings()
        self.refresh_day()

    def _load_settings(self) -> None:
        q = self.current_queue()
        p = self.doc.project
        if q is None or p is None:
            return
        for name, (w, scale) in self._editors.items():
            value = getattr(q, name)
            w.blockSignals(True)
            w.setValue(0 if value is None else value * scale)
            w.blockSignals(False)
        # the targets belong to the active scenario: say which, and which differ from the queue's own
        own = p.scenario.queue_overrides.get(q.name, {})
        self.settings_title.setText(tr("Servicedoelen in scenario '{naam}'").format(naam=p.scenario.name))
        for key, label in self._row_labels.items():
            f = label.font()
            f.setBold(key in own or (key == "sl_percent" and "sl_seconds" in own))
            label.setFont(f)
        names = [label.text() for key, label in self._row_labels.items()
                 if key in own or (key == "sl_percent" and "sl_seconds" in own)]
        self.scenario_note.setText(
            tr("Wijzigingen gelden alleen voor dit scenario. Vet: anders dan de wachtrij zelf ({velden}).").format(
                velden=", ".join(names)) if names else tr("Wijzigingen gelden alleen voor dit scenario."))

    def commit(self, name: str) -> None:
        q = self.current_queue()
        if q is None:
            return
        w, scale = self._editors[name]
        raw = w.value()
        if name == "concurrency":
            value: object = int(raw)
        elif name in ("asa_seconds", "max_occupancy", "patience_seconds") and raw == 0:
            value = None
        else:
            value = float(raw) / scale
        if value == getattr(q, name):
            return
        try:
            self.doc.apply(SetScenarioQueueSetting(q.name, name, value))
        except ValueError as exc:
            self.status(str(exc))

    def commit_fte_hours(self) -> None:
        """The FTE basis as an undoable project edit (the FTE figures follow on refresh)."""
        p = self.doc.project
        value = float(self.fte_hours.value())
        if p is None or abs(value - p.fte_hours) < 1e-9:
            return
        try:
            self.doc.apply(SetFteHours(value))
        except ValueError as exc:
            self.status(str(exc))

    def refresh(self) -> None:
        p = self.doc.project
        assert p is not None
        fill_queue_combo(self.queue_box, [q.name for q in p.queues])
        fill_day_combo(self.day_box, p.horizon)
        self._load_settings()
        self.fte_hours.blockSignals(True)  # the project's basis, also before there is a forecast
        self.fte_hours.setValue(p.fte_hours)
        self.fte_hours.blockSignals(False)
        self.refresh_fte()
        self.refresh_day()

    def refresh_fte(self) -> None:
        p = self.doc.project
        req = self.doc.requirement()
        if p is None or req is None:
            return
        fte = np.asarray(getattr(req, "fte_per_day", None) if getattr(req, "fte_per_day", None) is not None
                         else self.doc.backend.fte_per_day(p, req.scheduled))
        hz = p.horizon
        index = {d: i for i, d in enumerate(hz.dates)}
        blocks, cols = [], []
        # each ISO week's days, then the week (an FTE-week is five FTE-days), so a week's total
        # is beside its days; two-line headers keep the columns narrow ("ma" over "03-05")
        week_cols = set()
        for w in iso_weeks(hz.dates):
            days = fte[:, [index[d] for d in w.days]]
            blocks += [days, days.sum(axis=1, keepdims=True) / 5.0]
            cols += [f"{fmt.weekday(d)}\n{d.day:02d}-{d.month:02d}" for d in w.days]
            week_cols.add(len(cols))
            cols.append(fmt.week(w).replace(" (", "\n(", 1))
        values = np.hstack(blocks)
        rows = [q.name for q in p.queues]
        total = values.sum(axis=0, keepdims=True)
        self.fte_model.set_array(np.vstack([values, total]), [*rows, tr("Totaal")], cols, 1,
                                 bold_rows={len(rows)}, bold_cols=week_cols)
        lines = [plural(
            len(rows), tr("Gemiddeld {fte} FTE per dag nodig (na shrinkage), voor {n} wachtrij."),
            tr("Gemiddeld {fte} FTE per dag nodig (na shrinkage), verdeeld over {n} wachtrijen."),
            fte=fmt.num(float(fte.sum(axis=0).mean()), 1))]
        lines.append(tr("1 FTE = {u} uur per week, een FTE-dag {d} uur.").format(
            u=fmt.num(p.fte_hours, 1), d=fmt.num(p.fte_hours / 5.0, 2)))
        for qi, name in enumerate(rows):
            sched = np.asarray(req.scheduled[qi])
            if sched.size and sched.max() > 0:
                k = int(sched.argmax())
                d = hz.dates[int(hz.day_of_interval[k])]
                peak = round(float(sched[k]))
                lines.append(plural(peak, tr("{queue}: piek {n} medewerker op {dag} {tijd}"),
                                    tr("{queue}: piek {n} medewerkers op {dag} {tijd}"),
                                    queue=name, dag=fmt.day(d), tijd=hz.label(k)))
        self.totals_label.setText("\n\n".join(lines))

    def refresh_day(self) -> None:
        p = self.doc.project
        req = self.doc.requirement()
        q = self.current_queue()
        if p is None or req is None or q is None or self.day_box.currentIndex() < 0:
            return
        qi = self.current_queue_index()
        hz = p.horizon
        d = max(0, self.day_box.currentData() or 0)
        sl = hz.day_slice(d)
        minutes = hz.local_minute_of_day[sl]
        x = np.arange(sl.stop - sl.start, dtype=float)
        colour = theme.queue_colour(qi, q.color)
        self.chart.set_series(
            [
                Series(
                    tr("Verkeer (Erlang)"),
                    np.asarray(req.traffic[qi, sl]),
                    theme.secondary_line(),
                    x=x,
                    step=True,
                    dashed=True,
                    width=1.2,
                ),
                Series(tr("Nodig (N)"), np.asarray(req.agents[qi, sl]), colour, x=x, step=True, fill=True),
                Series(
                    tr("In te roosteren (na shrinkage)"),
                    np.asarray(req.scheduled[qi, sl]),
                    theme.accent(),
                    x=x,
                    step=True,
                    width=2.2,
                ),
            ]
        )
        ticks = [float(i) for i in range(len(x)) if minutes[i] % 120 == 0]
        self.chart.x_ticks = ticks
        self.chart.x_label = clock_labels(minutes)
        self.chart.update()
        fc = self.doc.backend.scenario_forecast(p)  # the scenario's volume and AHT factors applied
        cols = [tr("Volume"), tr("AHT (s)"), tr("Verkeer"), tr("Nodig"), tr("In te roosteren"), tr("SL"), tr("ASA (s)"),
                tr("Bezetting")]
        data = np.stack([
            fc.volume[qi, sl],
            fc.aht[qi, sl],
            np.asarray(req.traffic[qi, sl]),
            np.asarray(req.agents[qi, sl]),
            np.asarray(req.scheduled[qi, sl]),
            100 * np.asarray(req.service_level[qi, sl], dtype=float),
            np.asarray(req.asa[qi, sl], dtype=float),
            100 * np.asarray(req.occupancy[qi, sl], dtype=float),
        ], axis=1)
        # closed intervals (no volume, nobody needed) only add noise to the table
        keep = (data[:, 0] > 0) | (data[:, 4] > 0)
        if not keep.any():
            keep[:] = True
        self.interval_model.set_array(
            data[keep], [fmt.hhmm(int(m)) for m in minutes[keep]], cols, [1, 0, 2, 0, 0, 1, 1, 1]
        )
